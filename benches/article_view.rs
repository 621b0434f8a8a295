//! `cargo bench --bench article_view`: the real article view, headless (an `egui::Context`,
//! frames run and tessellated, no window or GPU), on the sample article and on War and Peace
//! (or a generated text of the same size when `../shared/corpus` is absent).
//!
//! Reports the time from opening the file to the first frame, and frame times while scrolling
//! with the mouse wheel from top to bottom and while jumping to random places.

use egui::{CentralPanel, Context, Event, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, vec2};
use marginalia::model::search::{self, SearchOptions};
use marginalia::model::{AnnotationSet, CharOffset, Document};
use marginalia::schema::Schema;
use marginalia::theme::Palette;
use marginalia::ui::article_view::{ArticleView, ViewInput};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn frame(
    ctx: &Context,
    view: &mut ArticleView,
    document: &Document,
    annotations: &AnnotationSet,
    events: Vec<Event>,
) -> Duration {
    let start = Instant::now();
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1200.0, 800.0))),
        events,
        ..Default::default()
    };
    let mut commands = Vec::new();
    let schema = Schema::default();
    let mut output = ctx.run_ui(input, |ui| {
        CentralPanel::default().show(ui, |ui| {
            let input = ViewInput {
                document,
                annotations,
                selected: None,
                related: &[],
                find_matches: &[],
                schema: &schema,
                zoom: 1.0,
                palette: Palette { dark: false },
                overlay: None,
            };
            view.show(ui, &input, &mut commands);
        });
    });
    output.textures_delta.clear();
    let _ = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    start.elapsed()
}

fn wheel(
    ctx: &Context,
    view: &mut ArticleView,
    document: &Document,
    annotations: &AnnotationSet,
    step: f32,
    frames: usize,
) -> Vec<Duration> {
    (0..frames)
        .map(|_| {
            let scroll = Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: vec2(0.0, -step),
                modifiers: Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            };
            frame(ctx, view, document, annotations, vec![scroll])
        })
        .collect()
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    let index = ((times.len() - 1) as f64 * p).round() as usize;
    times[index].as_secs_f64() * 1000.0
}

fn measure(name: &str, path: &Path) {
    let ctx = Context::default();
    // Fonts are loaded once per process in the app too; do it before timing.
    let empty = Document::from_text(PathBuf::from("warm.txt"), "warm up".into());
    frame(
        &ctx,
        &mut ArticleView::new(&empty),
        &empty,
        &AnnotationSet::new(),
        Vec::new(),
    );

    let start = Instant::now();
    let document = Document::open(path).expect("the article opens");
    let annotations = AnnotationSet::new();
    let mut view = ArticleView::new(&document);
    frame(&ctx, &mut view, &document, &annotations, Vec::new());
    let open = start.elapsed();

    let center = Pos2::new(600.0, 400.0);
    frame(
        &ctx,
        &mut view,
        &document,
        &annotations,
        vec![Event::PointerMoved(center)],
    );
    // One mouse-wheel notch (120 points) a frame, as a reader scrolls.
    let mut notches = wheel(&ctx, &mut view, &document, &annotations, 120.0, 1000);
    view.scroll_to(CharOffset(0));
    frame(&ctx, &mut view, &document, &annotations, Vec::new());
    // Top to bottom in 1,000 steps, whatever the length.
    let step = view.content_height() / 1000.0;
    let mut sweep = wheel(&ctx, &mut view, &document, &annotations, step, 1000);
    let reached = view.visible_paragraphs().last().copied().unwrap_or(0);
    let mut jumps = Vec::new();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        view.scroll_to(CharOffset((seed % document.char_count() as u64) as usize));
        jumps.push(frame(&ctx, &mut view, &document, &annotations, Vec::new()));
    }
    println!(
        "{name}: {} chars, {} paragraphs; open→first frame {:.1} ms; wheel notches p50 {:.3} ms p99 {:.3} ms; top-to-bottom sweep (reached paragraph {reached}) p50 {:.3} ms p99 {:.3} ms; random jumps p50 {:.3} ms p99 {:.3} ms",
        document.char_count(),
        document.paragraphs().len(),
        open.as_secs_f64() * 1000.0,
        percentile(&mut notches, 0.5),
        percentile(&mut notches, 0.99),
        percentile(&mut sweep, 0.5),
        percentile(&mut sweep, 0.99),
        percentile(&mut jumps, 0.5),
        percentile(&mut jumps, 0.99),
    );
    measure_find(name, &document);
}

/// Find as the find bar runs it, once per keystroke: the first search that ignores case also
/// folds the text; later ones reuse it.
fn measure_find(name: &str, document: &Document) {
    let ignore_case = SearchOptions::default();
    let start = Instant::now();
    let first = search::find_all(document, "t", ignore_case).len();
    let first_time = start.elapsed();
    let mut typing = Vec::new();
    for prefix in ["th", "the", "the ", "the s"] {
        let start = Instant::now();
        let _ = search::find_all(document, prefix, ignore_case);
        typing.push(start.elapsed());
    }
    let words = SearchOptions {
        case_sensitive: true,
        whole_words: true,
    };
    let start = Instant::now();
    let whole = search::find_all(document, "the", words).len();
    let whole_time = start.elapsed();
    println!(
        "{name} find: first keystroke (folds the text; {first} matches) {:.1} ms; next keystrokes median {:.1} ms; whole-word \"the\" ({whole} matches) {:.1} ms",
        first_time.as_secs_f64() * 1000.0,
        percentile(&mut typing, 0.5),
        whole_time.as_secs_f64() * 1000.0,
    );
}

fn main() {
    measure("sample", &marginalia::sample_article_path());
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/large/war_and_peace_pg2600_utf8-bom_lf.txt");
    if corpus.exists() {
        measure("war-and-peace", &corpus);
    } else {
        let dir = std::env::temp_dir().join("marginalia-bench");
        std::fs::create_dir_all(&dir).expect("temp folder");
        let path = dir.join("generated.txt");
        let paragraph =
            "The river rose in the night, and by morning the lower town was under water. ";
        let text: String = (0..11_000)
            .map(|i| format!("{i}. {}\n\n", paragraph.repeat(4)))
            .collect();
        std::fs::write(&path, text).expect("write generated text");
        measure("generated-3mb", &path);
    }
}
