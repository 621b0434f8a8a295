//! What the kittest flows share: our test article, the app harness and input helpers.
#![allow(dead_code)]

use egui::{Event, Key, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use marginalia::gui::MarginaliaApp;
use marginalia::gui::app::Host;
use marginalia::gui::host::file_dialog::{DialogOutcome, FileDialogs};
use marginalia::gui::host::fonts::FontSources;
use marginalia::model::TextSelection;
use marginalia::model::{CharOffset, CharSpan, Kind};
use std::path::{Path, PathBuf};

/// Our own test article: accents, emoji with skin tone and ZWJ, CJK, Arabic, CRLF breaks.
pub const ARTICLE: &str = "Flood barrier approved after long night\r\n\
\r\n\
“We will not wait for the next storm,” said Amélie Dubois-Nakashima, the harbour master 👷🏽‍♀️.\r\n\
\r\n\
The council of 港口市 voted 19 to 4; the budget is €48.6 million, up 31 % since 2021.\r\n\
\r\n\
قالت عائشة إن الماء لا ينتظر أحداً. The family 👨‍👩‍👧 watched from the quay.\r\n";

/// File dialogs that answer the same thing every time.
pub struct FixedDialogs(pub DialogOutcome);

impl FileDialogs for FixedDialogs {
    fn pick_article(&mut self, _folder: Option<&Path>) -> DialogOutcome {
        self.0.clone()
    }

    fn pick_save_path(&mut self, _suggested: &Path) -> DialogOutcome {
        self.0.clone()
    }

    fn pick_folder(&mut self, _folder: Option<&Path>) -> DialogOutcome {
        self.0.clone()
    }

    fn pick_import(
        &mut self,
        _format: marginalia::interop::ImportFormat,
        _folder: Option<&Path>,
    ) -> DialogOutcome {
        self.0.clone()
    }

    fn pick_export(
        &mut self,
        _format: marginalia::interop::ExportFormat,
        _suggested: &Path,
    ) -> DialogOutcome {
        self.0.clone()
    }

    fn pick_map(&mut self, _folder: Option<&Path>) -> DialogOutcome {
        self.0.clone()
    }
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// What the app takes from the machine, for tests: dialogs that answer `dialogs`, and fonts from
/// the tests' own folder only (never the machine's, so that no test depends on what fonts are
/// installed).
pub fn host(dialogs: DialogOutcome) -> Host {
    Host {
        dialogs: Box::new(FixedDialogs(dialogs)),
        fonts: FontSources::folders(vec![
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts"),
        ]),
        // Never the user's: a test that needs one brings its own.
        data_dir: None,
    }
}

pub fn app_with(article: Option<&Path>, dialogs: DialogOutcome) -> Harness<'static, MarginaliaApp> {
    app_with_dialogs(article, Box::new(FixedDialogs(dialogs)))
}

/// The app on `article` with its own file dialogs.
pub fn app_with_dialogs(
    article: Option<&Path>,
    dialogs: Box<dyn FileDialogs + Send>,
) -> Harness<'static, MarginaliaApp> {
    app_with_host(
        article,
        Host {
            dialogs,
            ..host(DialogOutcome::Cancelled)
        },
    )
}

/// The app on `article`, with what it takes from the machine.
pub fn app_with_host(article: Option<&Path>, host: Host) -> Harness<'static, MarginaliaApp> {
    let article = article.map(Path::to_owned);
    let mut harness = Harness::builder()
        .with_size(vec2(1200.0, 800.0))
        // CJK and Arabic glyphs are not in egui's bundled fonts (system fonts: the encodings issue).
        .allow_missing_glyphs()
        .with_step_dt(1.0 / 60.0)
        // The article's folder is watched: files a test writes there may wake the app a few
        // frames later on a busy machine.
        .with_max_steps(12)
        .build_eframe(move |cc| MarginaliaApp::new(cc, article, host));
    harness.settle();
    harness
}

/// Running frames until the window is idle.
pub trait Settle {
    /// Runs frames in real time until no background job runs (a job is a real thread: on a busy
    /// machine it may outlast the frames `Harness::run` allows), then until the window settles.
    fn settle(&mut self);
}

impl Settle for Harness<'_, MarginaliaApp> {
    fn settle(&mut self) {
        let start = std::time::Instant::now();
        self.step();
        // A change made in a frame starts its jobs (the suggestions) the frame after.
        self.step();
        while self.state().is_busy() {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "background work did not finish: {:?}",
                self.state().background_work()
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
            self.step();
            if !self.state().is_busy() {
                self.step();
            }
        }
        self.run();
    }
}

pub fn app(article: &Path) -> Harness<'static, MarginaliaApp> {
    app_with(Some(article), DialogOutcome::Cancelled)
}

/// The span of the first occurrence of `needle` in the open article.
pub fn span_of(harness: &Harness<'_, MarginaliaApp>, needle: &str) -> CharSpan {
    let text = harness
        .state()
        .session()
        .unwrap()
        .document()
        .text()
        .as_str();
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the article"));
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count()).unwrap()
}

/// Screen position inside the char at `offset` (left or right edge region).
pub fn char_pos(harness: &Harness<'_, MarginaliaApp>, offset: usize, right: bool) -> Pos2 {
    let session = harness.state().session().unwrap();
    let rect = session
        .view()
        .char_rect(session.document(), CharOffset(offset))
        .unwrap_or_else(|| panic!("char {offset} is not on screen"));
    let x = if right {
        rect.max.x - 0.5
    } else {
        rect.min.x + 0.5
    };
    egui::pos2(x, rect.center().y)
}

pub fn press(harness: &mut Harness<'_, MarginaliaApp>, pos: Pos2, pressed: bool) {
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

pub fn drag(harness: &mut Harness<'_, MarginaliaApp>, from: Pos2, to: Pos2) {
    harness.event(Event::PointerMoved(from));
    press(harness, from, true);
    harness.step();
    harness.event(Event::PointerMoved(from + (to - from) * 0.5));
    harness.step();
    harness.event(Event::PointerMoved(to));
    harness.step();
    press(harness, to, false);
    harness.settle();
}

pub fn click(harness: &mut Harness<'_, MarginaliaApp>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    press(harness, pos, true);
    press(harness, pos, false);
    harness.settle();
    // Let the double-click window pass, so the next click is a new single click.
    harness.run_steps(40);
}

/// Selects `span`, as a drag over it would.
pub fn select(harness: &mut Harness<'_, MarginaliaApp>, span: CharSpan) {
    harness.state_mut().select_text(TextSelection {
        anchor: span.start,
        head: span.end,
    });
}

pub fn key(harness: &mut Harness<'_, MarginaliaApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.settle();
}

pub fn texts(harness: &Harness<'_, MarginaliaApp>) -> Vec<(Kind, String)> {
    let session = harness.state().session().unwrap();
    session
        .annotations()
        .anchored()
        .iter()
        .map(|a| (a.kind(), a.text.clone()))
        .collect()
}

/// This test binary run again as a child process for test `test` (which, seeing `variable` set
/// to `dir`, runs the app and writes `child-ready` into `dir` once it is ready); returns once it
/// is.
pub fn ready_child(test: &str, variable: &str, dir: &Path) -> std::process::Child {
    use std::time::{Duration, Instant};
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture"])
        .env(variable, dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !dir.join("child-ready").exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the child app ended by itself"
        );
        assert!(Instant::now() < deadline, "the child app never got ready");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
