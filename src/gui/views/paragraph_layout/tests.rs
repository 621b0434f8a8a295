//! Paragraph layouts of left-to-right, right-to-left and mixed text, headless.

use super::*;

const WRAP: f32 = 400.0;

/// Lays `text` out as the article view does, with fonts added as the app adds them (the
/// bundled ones and the tests' own, never the machine's).
fn lay_out(text: &str, wrap_width: f32) -> ParagraphLayout {
    let ctx = egui::Context::default();
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let tests_fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
    crate::gui::host::fonts::FontLibrary::new(crate::gui::host::fonts::FontSources::folders(vec![
        tests_fonts,
    ]))
    .cover(&ctx, text);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let format = TextFormat {
        font_id: egui::FontId::proportional(17.0),
        line_height: Some(31.0),
        ..Default::default()
    };
    ctx.fonts_mut(|fonts| ParagraphLayout::new(fonts, text, &format, wrap_width))
}

fn char_index(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).expect("needle in text");
    text[..byte].chars().count()
}

fn span_x(layout: &ParagraphLayout, chars: Range<usize>) -> Rangef {
    let pieces = layout.pieces(chars);
    assert_eq!(pieces.len(), 1, "one piece: {pieces:?}");
    pieces[0].row.x_range()
}

/// Every char with a visible box is found again by a click on either half of it.
fn assert_clicks_find_each_char(layout: &ParagraphLayout, text: &str) {
    for (i, c) in text.chars().enumerate() {
        let rect = layout.char_rect(i);
        if rect.width() < 2.0 {
            continue;
        }
        let y = rect.center().y;
        let left = layout.hit(Pos2::new(rect.min.x + rect.width() * 0.25, y));
        let right = layout.hit(Pos2::new(rect.max.x - rect.width() * 0.25, y));
        let (before, after) = if layout.boxes[i].right_to_left {
            (right, left)
        } else {
            (left, right)
        };
        assert_eq!((before, after), (i, i + 1), "char {i} {c:?}");
    }
}

#[test]
fn left_to_right_text_is_one_egui_galley() {
    let text = "Zoë Ångström-Ruiz said: “We counted 1 204 votes.”";
    let layout = lay_out(text, WRAP);
    assert_eq!(layout.shapes.len(), 1);
    assert_eq!(layout.boxes.len(), text.chars().count());
    assert_clicks_find_each_char(&layout, text);
}

#[test]
fn arabic_reads_from_the_right_word_by_word() {
    let text = "قال الوزير إن الميزانية سترتفع.";
    let layout = lay_out(text, WRAP);
    assert_eq!(layout.boxes.len(), text.chars().count());
    assert!(layout.right_to_left);
    let said = span_x(&layout, 0..3);
    let minister = span_x(&layout, 4..10);
    let budget_start = char_index(text, "الميزانية");
    let budget = span_x(&layout, budget_start..budget_start + 9);
    assert!(minister.max <= said.min, "{minister:?} left of {said:?}");
    assert!(budget.max <= minister.min);
    // Right aligned, and the full stop ends the sentence on the left.
    assert!((said.max - WRAP).abs() < 1.0, "{said:?}");
    let stop = layout.char_rect(text.chars().count() - 1);
    assert!(layout.boxes.iter().all(|b| stop.min.x <= b.x.min));
    // Within a word, the first letter is at the right.
    assert!(layout.char_rect(0).min.x > layout.char_rect(2).min.x);
    assert_clicks_find_each_char(&layout, text);
    // The caret before the first char is at the right edge, after the last on the left.
    assert_eq!(layout.caret_rect(0).min.x, said.max);
    assert_eq!(layout.caret_rect(text.chars().count()).min.x, stop.min.x);
}

#[test]
fn mixed_text_keeps_latin_offsets_and_numbers_left_to_right() {
    let text = "Zoë said قال الوزير 2024 and left (قال).";
    let layout = lay_out(text, 2000.0);
    assert_eq!(layout.boxes.len(), text.chars().count());
    assert!(!layout.right_to_left);
    let zoe = span_x(&layout, 0..3);
    let said_ar = char_index(text, "قال");
    let minister = char_index(text, "الوزير");
    let year = char_index(text, "2024");
    assert!(zoe.max < layout.char_rect(said_ar).min.x);
    // The Arabic words and the number after them read right to left as a run…
    assert!(layout.char_rect(minister).max.x < layout.char_rect(said_ar).min.x);
    assert!(layout.char_rect(year + 3).max.x <= layout.char_rect(minister).min.x + 0.5);
    // …while the number's digits stay left to right.
    assert!(layout.char_rect(year).min.x < layout.char_rect(year + 1).min.x);
    // Latin text after Arabic keeps its offsets (egui alone shifts them).
    let and = char_index(text, "and");
    assert!(layout.char_rect(and).min.x > layout.char_rect(said_ar).max.x);
    assert_clicks_find_each_char(&layout, text);
}

#[test]
fn right_to_left_paragraphs_wrap_in_reading_order() {
    let sentence = "قال الوزير إن الميزانية سترتفع في العام المقبل ";
    let text = sentence.repeat(6);
    let layout = lay_out(&text, 300.0);
    assert!(layout.row_count() > 2);
    let mut next = 0;
    for row in 0..layout.row_count() {
        let chars = layout.row_chars(row);
        assert_eq!(chars.start, next, "rows cover the text in order");
        next = chars.end;
        // The row's first word is at its right edge.
        let first = layout.char_rect(chars.start);
        assert!(
            layout.boxes[chars.clone()]
                .iter()
                .all(|b| b.x.max <= first.max.x + 0.5),
            "row {row}"
        );
    }
    assert_eq!(next, text.chars().count());
    assert_clicks_find_each_char(&layout, &text);
}

#[test]
fn hebrew_and_arabic_digits_are_laid_out_here() {
    let text = "שלום 42 עולם ١٢٣";
    let layout = lay_out(text, WRAP);
    assert_eq!(layout.boxes.len(), text.chars().count());
    let digits = char_index(text, "١");
    assert!(layout.char_rect(digits).min.x < layout.char_rect(digits + 2).min.x);
    assert_clicks_find_each_char(&layout, text);
}

#[test]
fn rule_l2_reverses_runs_from_the_highest_level_down() {
    // "car means CAR." in a left-to-right paragraph, CAR right to left.
    assert_eq!(visual_order(&[0, 0, 1, 1, 0]), vec![0, 1, 3, 2, 4]);
    // A right-to-left paragraph with a number (level 2) in it.
    assert_eq!(visual_order(&[1, 1, 2, 2, 1]), vec![4, 2, 3, 1, 0]);
    // Arabic digits (level 2) in a left-to-right paragraph stay in order.
    assert_eq!(visual_order(&[0, 2, 2, 0]), vec![0, 1, 2, 3]);
    assert_eq!(visual_order(&[0, 0]), vec![0, 1]);
    assert_eq!(visual_order(&[]), Vec::<usize>::new());
}

#[test]
fn labels_get_right_to_left_words_in_display_order() {
    assert_eq!(label_text("Quote “Zoë”"), "Quote “Zoë”");
    // Words swap, letters stay (egui turns each word around itself).
    assert_eq!(label_text("Quote “قال الوزير”"), "Quote “الوزير قال”");
    assert_eq!(label_text("قال (الوزير)"), "(الوزير) قال");
    assert_eq!(
        label_text("Was “قال”\nNow “قال الوزير”"),
        "Was “قال”\nNow “الوزير قال”"
    );
}

#[test]
fn brackets_turn_around_in_right_to_left_text() {
    assert_eq!(mirrored('('), ')');
    assert_eq!(mirrored('»'), '«');
    assert_eq!(mirrored('a'), 'a');
}
#[test]
fn only_text_egui_gets_wrong_takes_the_slow_path() {
    assert!(!needs_bidi("Zoë Ångström 北京 👍🏽"));
    assert!(needs_bidi("قال"));
    assert!(needs_bidi("שלום"));
    assert!(needs_bidi("١٢"));
    assert!(needs_bidi("a\u{202E}b"));
}
