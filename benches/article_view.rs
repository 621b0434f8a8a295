//! `cargo bench --bench article_view`: the real article view, headless (an `egui::Context`,
//! frames run and tessellated, no window or GPU), on the sample article and on War and Peace
//! (or a generated text of the same size when `../shared/corpus` is absent), each with 0, 1,000
//! and 50,000 annotations (deterministic; nested, overlapping and cross-paragraph ones
//! included).
//!
//! For each: the time from opening the article (and its sidecar) to the first frame; frame
//! times while scrolling top to bottom in 1,000 steps and while jumping to random places; the
//! time from a label key to the frame that shows the new span; sidecar save and load times
//! (medians of five).
//! Find's time per keystroke; suggestions for the whole article and a sweep with their ghosts. Hostile sizes: a 10 MB text on one line, and War and Peace with a
//! million annotations. Then the same scroll on a naive view (one `egui::Label` holding the whole text), the peak
//! memory, and a last line for scripts:
//! `bench: open_ms=… frame_p50_ms=… frame_p99_ms=… label_ms=… save_ms=… load_ms=… peak_mb=…
//! ratio_large_small=… ratio_vs_naive=…` (War and Peace with 50,000 annotations; peak memory
//! from opening it to labelling, measured in a fresh process that does only that). The ratios compare the median frame of the same reading
//! scroll (mouse-wheel notches down and up near the top, no annotations): War and Peace over
//! the sample, and the naive view over ours on War and Peace.

// A bench that cannot set up its case stops with the reason; it prints its table.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

use egui::{CentralPanel, Context, Event, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, vec2};
use marginalia::gui::app::suggesting::Suggestions;
use marginalia::gui::theme::Palette;
use marginalia::gui::views::article_view::{ArticleView, ViewInput};
use marginalia::model::TextSelection;
use marginalia::model::schema::Schema;
use marginalia::model::search::{self, SearchOptions};
use marginalia::model::{
    Annotation, AnnotationId, AnnotationSet, CharOffset, CharSpan, Document, Edit, History, Kind,
    Placement,
};
use marginalia::store::sidecar;
use marginalia::suggest::{self, Rules};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ANNOTATION_COUNTS: [usize; 3] = [0, 1_000, 50_000];

fn raw_input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1200.0, 800.0))),
        events,
        ..Default::default()
    }
}

fn frame(
    ctx: &Context,
    view: &mut ArticleView,
    document: &Document,
    annotations: &AnnotationSet,
    events: Vec<Event>,
) -> Duration {
    frame_with(ctx, view, document, annotations, None, events)
}

/// A frame drawing `ghosts` too.
fn frame_with(
    ctx: &Context,
    view: &mut ArticleView,
    document: &Document,
    annotations: &AnnotationSet,
    ghosts: Option<&Suggestions>,
    events: Vec<Event>,
) -> Duration {
    let start = Instant::now();
    let mut commands = Vec::new();
    let schema = Schema::default();
    let keys = marginalia::gui::keys::KeyTable::new(&schema);
    let mut output = ctx.run_ui(raw_input(events), |ui| {
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
                keys: &keys,
                layers: &Default::default(),
                suggestions: ghosts,
            };
            view.show(ui, &input, &mut commands);
        });
    });
    output.textures_delta.clear();
    let _ = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    start.elapsed()
}

fn wheel_event(step: f32) -> Event {
    Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, -step),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    }
}

fn percentile(times: &[Duration], p: f64) -> f64 {
    let mut times = times.to_vec();
    times.sort();
    let index = ((times.len() - 1) as f64 * p).round() as usize;
    times[index].as_secs_f64() * 1000.0
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A deterministic pseudo-random sequence (xorshift).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `count` annotations spread over `document`: short entities, sentence-long claims, quotes
/// that nest them, and every 50th one across a paragraph break. Made in text order, so that
/// building the set costs no more than loading it.
fn synthetic(document: &Document, count: usize) -> AnnotationSet {
    let mut set = AnnotationSet::new();
    if count == 0 {
        return set;
    }
    let chars = document.char_count();
    let mut random = Random(0x2545_F491_4F6C_DD1D);
    let mut spans: Vec<(usize, usize, Kind)> = (0..count)
        .map(|i| {
            let start = (i * chars / count + random.below(7)).min(chars - 2);
            let length = match i % 50 {
                0 => 400 + random.below(400),
                n if n % 5 == 0 => 60 + random.below(120),
                n if n % 7 == 0 => 20 + random.below(200),
                _ => 3 + random.below(15),
            };
            let kind = match i % 5 {
                0 => Kind::Claim,
                1 | 2 => Kind::Entity,
                _ if length > 40 => Kind::Quote,
                _ => Kind::Entity,
            };
            (start, (start + length).min(chars), kind)
        })
        .collect();
    spans.sort_unstable();
    let mut n = 0u64;
    for (start, end, kind) in spans {
        let Some(span) = CharSpan::new(start, end).filter(|s| !s.is_empty()) else {
            continue;
        };
        n += 1;
        let id = AnnotationId(format!("{n:010x}"));
        let annotation = Annotation::new(id, kind, span, document);
        // Synthetic spans may repeat one another exactly: those are simply not added.
        if set.insert(annotation, document).is_err() {
            continue;
        }
    }
    set
}

/// One line of the table.
struct Row {
    document: String,
    annotations: usize,
    open: Duration,
    sweep: Vec<Duration>,
    jumps: Vec<Duration>,
    notches: Vec<Duration>,
    label: Duration,
    save: Duration,
    load: Duration,
    /// Peak memory of a process that opens the article, scrolls and labels, in MB (measured for
    /// the large article only: each measure runs the session again).
    peak: Option<f64>,
}

fn warm_up(ctx: &Context) {
    // Fonts are loaded once per process in the app too; do it before timing.
    let empty = Document::from_text(PathBuf::from("warm.txt"), "warm up".into());
    frame(
        ctx,
        &mut ArticleView::new(&empty),
        &empty,
        &AnnotationSet::new(),
        Vec::new(),
    );
}

fn measure(name: &str, source: &Path, count: usize, with_peak: bool) -> Row {
    // A copy in a temporary folder, with its sidecar beside it.
    let dir = tempfile::tempdir().expect("temp folder");
    let path = dir.path().join(source.file_name().expect("a file name"));
    std::fs::copy(source, &path).expect("copy the article");
    let prepared = Document::open(&path).expect("the article opens");
    let annotations = synthetic(&prepared, count);
    let sidecar_path = sidecar::sidecar_path(&path);

    let start = Instant::now();
    let text = sidecar::to_ron(&prepared, &annotations, &Default::default());
    let format = start.elapsed();
    // Saves and loads vary with the disk: the median of five (one for a million annotations).
    let runs = if count > 100_000 { 1 } else { 5 };
    let mut saves = Vec::new();
    let mut loads = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        sidecar::save(&sidecar_path, &prepared, &annotations, &Default::default()).expect("save");
        saves.push(start.elapsed());
        let start = Instant::now();
        let loaded = sidecar::load(&sidecar_path, &prepared)
            .expect("load")
            .expect("a sidecar");
        loads.push(start.elapsed());
        assert_eq!(loaded.annotations.len(), annotations.len());
    }
    let (save, load) = (median(saves), median(loads));
    if count >= 50_000 {
        println!(
            "  ({name}, {count}: the sidecar is {:.1} MB; making its text takes {:.1} ms of the save, the rest is writing and syncing to disk)",
            text.len() as f64 / 1_048_576.0,
            ms(format)
        );
    }
    drop(annotations);
    drop(prepared);
    drop(text);
    let session = session(&path, &sidecar_path);
    Row {
        peak: with_peak.then(|| peak_in_fresh_process(&path)),
        document: name.to_owned(),
        annotations: count,
        open: session.open,
        sweep: session.sweep,
        jumps: session.jumps,
        notches: session.notches,
        label: session.label,
        save,
        load,
    }
}

/// What a reader's session with an article measures.
struct Session {
    open: Duration,
    sweep: Vec<Duration>,
    jumps: Vec<Duration>,
    notches: Vec<Duration>,
    label: Duration,
}

/// The environment variable that makes this bench binary run one [`session`] on the article it
/// names and print its peak memory, instead of the whole bench.
const SESSION_VARIABLE: &str = "MARGINALIA_BENCH_SESSION";

/// The peak resident memory of a fresh process that opens the article at `path` with its
/// sidecar, scrolls and labels as [`session`] does: what the app holds, without what this bench
/// allocated before (which the allocator may keep).
fn peak_in_fresh_process(path: &Path) -> f64 {
    let output = std::process::Command::new(std::env::current_exe().expect("this bench's path"))
        .env(SESSION_VARIABLE, path)
        .output()
        .expect("run the bench for one session");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("peak_mb="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "the session process printed no peak: {}",
                String::from_utf8_lossy(&output.stderr)
            )
        })
}

/// Opens the article at `path` and its sidecar, shows the first frame, scrolls as a reader
/// would, top to bottom and to random places, then labels a span.
fn session(path: &Path, sidecar_path: &Path) -> Session {
    let ctx = Context::default();
    warm_up(&ctx);
    // Open: read and decode the article, load its sidecar, first frame.
    let start = Instant::now();
    let document = Document::open(path).expect("the article opens");
    let mut annotations = sidecar::load(sidecar_path, &document)
        .expect("load")
        .map(|l| l.annotations)
        .unwrap_or_default();
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
    let notches = reading(&ctx, &mut view, &document, &annotations);
    // Top to bottom in 1,000 steps, whatever the length.
    let step = view.content_height() / 1000.0;
    let sweep: Vec<Duration> = (0..1000)
        .map(|_| {
            frame(
                &ctx,
                &mut view,
                &document,
                &annotations,
                vec![wheel_event(step)],
            )
        })
        .collect();
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let jumps: Vec<Duration> = (0..300)
        .map(|_| {
            view.scroll_to(CharOffset(random.below(document.char_count())));
            frame(&ctx, &mut view, &document, &annotations, Vec::new())
        })
        .collect();

    // A label key: the selection becomes an annotation (through the undo history, as the app
    // does it) and the next frame shows it.
    let visible = view.visible_paragraphs();
    let paragraph = document.paragraphs()[visible[visible.len() / 2]].span;
    let span = CharSpan::new(
        paragraph.start.0,
        (paragraph.start.0 + 12).min(paragraph.end.0),
    )
    .filter(|s| !s.is_empty())
    .unwrap_or(paragraph);
    view.set_selection(TextSelection {
        anchor: span.start,
        head: span.end,
    });
    frame(&ctx, &mut view, &document, &annotations, Vec::new());
    let mut history = History::new();
    let start = Instant::now();
    let annotation = Annotation::new(annotations.fresh_id(), Kind::Entity, span, &document);
    history
        .perform(
            &mut annotations,
            &document,
            "Label",
            vec![Edit::Insert(annotation, Placement::Anchored)],
        )
        .expect("label");
    frame(&ctx, &mut view, &document, &annotations, Vec::new());
    let label = start.elapsed();

    Session {
        open,
        sweep,
        jumps,
        notches,
        label,
    }
}

/// A reader's scroll: ten mouse-wheel notches down, ten up, twenty times, near the top.
fn reading(
    ctx: &Context,
    view: &mut ArticleView,
    document: &Document,
    annotations: &AnnotationSet,
) -> Vec<Duration> {
    (0..400)
        .map(|i| {
            let step = if (i / 10) % 2 == 0 { 120.0 } else { -120.0 };
            frame(ctx, view, document, annotations, vec![wheel_event(step)])
        })
        .collect()
}

/// Scrolling a naive view (one label with the whole text in a scroll area) as in [`reading`];
/// also returns its first frame, which lays out the whole text.
fn naive(path: &Path) -> (Duration, Vec<Duration>) {
    let text = Document::open(path)
        .expect("the article opens")
        .text()
        .as_str()
        .to_owned();
    let ctx = Context::default();
    warm_up(&ctx);
    let run = |events: Vec<Event>| {
        let start = Instant::now();
        let mut output = ctx.run_ui(raw_input(events), |ui| {
            CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.label(text.as_str());
                });
            });
        });
        output.textures_delta.clear();
        let _ = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        start.elapsed()
    };
    let first = run(vec![Event::PointerMoved(Pos2::new(600.0, 400.0))]);
    let frames = (0..400)
        .map(|i| {
            let step = if (i / 10) % 2 == 0 { 120.0 } else { -120.0 };
            run(vec![wheel_event(step)])
        })
        .collect();
    (first, frames)
}

/// Find as the find bar runs it, once per keystroke: the first search that ignores case also
/// folds the text; later ones reuse it.
/// Suggestions for the whole article (medians of five, by kind), and the frames of a sweep
/// from top to bottom with them drawn as ghosts.
fn measure_suggestions(name: &str, path: &Path) {
    let document = Document::open(path).expect("the article opens");
    let set = AnnotationSet::new();
    let rules = Rules::built_in();
    let mut times = Vec::new();
    let mut found = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        found = suggest::suggest(&document, &set, &rules);
        times.push(start.elapsed());
    }
    let count = |kind| found.iter().filter(|s| s.kind == kind).count();
    let (quotes, claims, entities) = (count(Kind::Quote), count(Kind::Claim), count(Kind::Entity));
    let mut ghosts = Suggestions::new(Rules::built_in());
    ghosts.replace(found, 0);
    let ctx = Context::default();
    let mut view = ArticleView::new(&document);
    frame_with(&ctx, &mut view, &document, &set, Some(&ghosts), Vec::new());
    let height = view.content_height();
    let steps = 1_000;
    let sweep: Vec<Duration> = (0..steps)
        .map(|_| {
            let step = height / steps as f32;
            frame_with(
                &ctx,
                &mut view,
                &document,
                &set,
                Some(&ghosts),
                vec![wheel_event(step)],
            )
        })
        .collect();
    println!(
        "{name} suggestions: {quotes} quotes, {claims} claims, {entities} entities in {:.1} ms (median of 5); sweep with ghosts p50 {:.3} ms, p99 {:.3} ms",
        percentile(&times, 0.5),
        percentile(&sweep, 0.5),
        percentile(&sweep, 0.99),
    );
}

fn measure_find(name: &str, path: &Path) {
    let document = Document::open(path).expect("the article opens");
    let ignore_case = SearchOptions::default();
    let start = Instant::now();
    let first = search::find_all(&document, "t", ignore_case).len();
    let first_time = start.elapsed();
    let typing: Vec<Duration> = ["th", "the", "the ", "the s"]
        .iter()
        .map(|prefix| {
            let start = Instant::now();
            let _ = search::find_all(&document, prefix, ignore_case);
            start.elapsed()
        })
        .collect();
    let words = SearchOptions {
        case_sensitive: true,
        whole_words: true,
        match_accents: true,
    };
    let start = Instant::now();
    let whole = search::find_all(&document, "the", words).len();
    let whole_time = start.elapsed();
    println!(
        "{name} find: first keystroke (folds the text; {first} matches) {:.1} ms; next keystrokes median {:.1} ms; whole-word \"the\" ({whole} matches) {:.1} ms",
        ms(first_time),
        percentile(&typing, 0.5),
        ms(whole_time),
    );
}

/// The process's peak resident memory, in megabytes (Linux).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn large_article() -> (String, PathBuf) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/large/war_and_peace_pg2600_utf8-bom_lf.txt");
    if corpus.exists() {
        return ("war-and-peace".to_owned(), corpus);
    }
    let dir = std::env::temp_dir().join("marginalia-bench");
    std::fs::create_dir_all(&dir).expect("temp folder");
    let path = dir.join("generated.txt");
    let paragraph = "The river rose in the night, and by morning the lower town was under water. ";
    let text: String = (0..11_000)
        .map(|i| format!("{i}. {}\n\n", paragraph.repeat(4)))
        .collect();
    std::fs::write(&path, text).expect("write generated text");
    ("generated-3mb".to_owned(), path)
}

fn print_row(row: &Row) {
    println!(
        "{:<16} {:>7} {:>9.1} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.2} {:>8.1} {:>8.1} {:>8}",
        row.document,
        row.annotations,
        ms(row.open),
        percentile(&row.notches, 0.5),
        percentile(&row.sweep, 0.5),
        percentile(&row.sweep, 0.99),
        percentile(&row.jumps, 0.5),
        percentile(&row.jumps, 0.99),
        ms(row.label),
        ms(row.save),
        ms(row.load),
        row.peak.map_or("-".to_owned(), |mb| format!("{mb:.0}")),
    );
}

/// A 10 MB article without a single line break (our own words).
fn one_line_article() -> PathBuf {
    let dir = std::env::temp_dir().join("marginalia-bench");
    std::fs::create_dir_all(&dir).expect("temp folder");
    let path = dir.join("one-line.txt");
    let text = "Sans retour à la ligne, la dépêche de 港口市 continue 👨‍👩‍👧 encore. ".repeat(150_000);
    std::fs::write(&path, text).expect("write the one-line text");
    path
}

fn main() {
    if let Some(path) = std::env::var_os(SESSION_VARIABLE) {
        let path = PathBuf::from(path);
        session(&path, &sidecar::sidecar_path(&path));
        println!("peak_mb={:.1}", peak_mb());
        return;
    }
    let (large_name, large) = large_article();
    let articles = [
        ("sample".to_owned(), sample_path()),
        (large_name, large.clone()),
    ];
    let mut rows = Vec::new();
    println!(
        "{:<16} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
        "article",
        "annots",
        "open ms",
        "read p50",
        "sweep p50",
        "sweep p99",
        "jump p50",
        "jump p99",
        "label ms",
        "save ms",
        "load ms",
        "peak MB"
    );
    for (name, path) in &articles {
        for count in ANNOTATION_COUNTS {
            let row = measure(name, path, count, name != "sample");
            print_row(&row);
            rows.push(row);
        }
    }
    // Hostile sizes: a 10 MB text on a single line, and a million annotations on the large
    // article (each with its peak memory).
    let line = one_line_article();
    for (name, path, count) in [
        ("one-line-10mb", &line, 0),
        (articles[1].0.as_str(), &large, 1_000_000),
    ] {
        let row = measure(name, path, count, true);
        print_row(&row);
    }
    for (name, path) in &articles {
        measure_find(name, path);
    }
    for (name, path) in &articles {
        measure_suggestions(name, path);
    }
    let (naive_first, naive_frames) = naive(&large);
    let (small_first, small_naive) = naive(&sample_path());
    let text_mb = std::fs::metadata(&large).map_or(0.0, |m| m.len() as f64 / 1_048_576.0);
    println!(
        "naive view (one Label): first frame sample {:.1} ms, {} {:.1} ms; reading scroll p50 sample {:.3} ms, {} {:.3} ms",
        ms(small_first),
        articles[1].0,
        ms(naive_first),
        percentile(&small_naive, 0.5),
        articles[1].0,
        percentile(&naive_frames, 0.5)
    );
    let find_row = |name: &str, count: usize| {
        rows.iter()
            .find(|r| r.document == name && r.annotations == count)
            .expect("measured")
    };
    let peak = find_row(&articles[1].0, 50_000).peak.unwrap_or(0.0);
    println!(
        "peak memory with {} and 50,000 annotations open: {peak:.0} MB (target: 10 × the text, {text_mb:.1} MB, + 60 MB = {:.0} MB); with no annotations {:.0} MB",
        articles[1].0,
        10.0 * text_mb + 60.0,
        find_row(&articles[1].0, 0).peak.unwrap_or(0.0)
    );
    let find = |name: &str, count: usize| {
        rows.iter()
            .find(|r| r.document == name && r.annotations == count)
            .expect("measured")
    };
    let big = find(&articles[1].0, 50_000);
    let ours = percentile(&find(&articles[1].0, 0).notches, 0.5);
    let ratio_large_small = ours / percentile(&find("sample", 0).notches, 0.5);
    let ratio_vs_naive = percentile(&naive_frames, 0.5) / ours;
    println!(
        "bench: open_ms={:.1} frame_p50_ms={:.3} frame_p99_ms={:.3} label_ms={:.2} save_ms={:.1} load_ms={:.1} peak_mb={peak:.0} ratio_large_small={ratio_large_small:.2} ratio_vs_naive={ratio_vs_naive:.1}",
        ms(big.open),
        percentile(&big.sweep, 0.5),
        percentile(&big.sweep, 0.99),
        ms(big.label),
        ms(big.save),
        ms(big.load),
    );
}

/// Our sample article in the source tree.
fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-article.txt")
}
