//! The article view, headless.
use super::paint::local_range;
use super::*;

#[test]
fn local_ranges_clip_spans_to_paragraphs() {
    let paragraph = CharSpan::new(10, 20).unwrap();
    assert_eq!(
        local_range(CharSpan::new(5, 12).unwrap(), paragraph),
        Some(0..2)
    );
    assert_eq!(
        local_range(CharSpan::new(15, 30).unwrap(), paragraph),
        Some(5..10)
    );
    assert_eq!(local_range(CharSpan::new(20, 30).unwrap(), paragraph), None);
}

/// Runs one frame of `view` over `document`, as the app does.
fn frame(ctx: &egui::Context, view: &mut ArticleView, document: &Document) {
    let annotations = AnnotationSet::new();
    let schema = Schema::default();
    let keys = crate::gui::keys::KeyTable::new(&schema);
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let input = ViewInput {
            document,
            annotations: &annotations,
            selected: None,
            related: &[],
            find_matches: &[],
            schema: &schema,
            zoom: 1.0,
            palette: Palette { dark: false },
            overlay: None,
            keys: &keys,
            layers: &Default::default(),
            suggestions: None,
        };
        view.show(ui, &input, &mut Vec::new());
    });
    output.textures_delta.clear();
}

#[test]
fn layouts_are_made_again_when_fonts_are_added() {
    // Added fonts make a new font atlas: layouts made before point into the old one, and
    // showed as blank text (an article opened on a worker thread, then given CJK fonts).
    let ctx = egui::Context::default();
    let document = Document::from_text("a.txt".into(), "Le port de 港口市.".into());
    let mut view = ArticleView::new(&document);
    frame(&ctx, &mut view, &document);
    frame(&ctx, &mut view, &document);
    let before = view.layouts.get(&0).expect("laid out").layout.clone();
    let data = egui::FontDefinitions::default()
        .font_data
        .values()
        .next()
        .expect("a bundled font")
        .clone();
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "another",
        (*data).clone(),
        Vec::new(),
    ));
    frame(&ctx, &mut view, &document);
    frame(&ctx, &mut view, &document);
    let after = view.layouts.get(&0).expect("laid out again").layout.clone();
    assert!(!Arc::ptr_eq(&before, &after));
}

#[test]
fn the_ruler_cursor_finds_what_a_search_finds() {
    let text: String = (0..400)
        .map(|i| {
            format!(
                "Paragraphe {i} : le port de 港口市.\n{}",
                "\n".repeat(i % 3)
            )
        })
        .collect();
    let document = Document::from_text("a.txt".into(), text);
    let ctx = egui::Context::default();
    let mut view = ArticleView::new(&document);
    frame(&ctx, &mut view, &document);
    let mut cursor = 0;
    // Offsets in text order, with jumps far ahead (past the cursor's reach).
    let offsets = (0..document.char_count())
        .step_by(7)
        .chain([document.char_count()]);
    for offset in offsets.map(CharOffset) {
        cursor = view.paragraph_from(&document, cursor, offset);
        assert_eq!(cursor, document.paragraph_at(offset), "{offset:?}");
    }
    let far = document.char_count() - 3;
    assert_eq!(
        view.paragraph_from(&document, 0, CharOffset(far)),
        document.paragraph_at(CharOffset(far))
    );
    // A cursor past the offset falls back to a search.
    assert_eq!(view.paragraph_from(&document, 300, CharOffset(5)), 0);
}
