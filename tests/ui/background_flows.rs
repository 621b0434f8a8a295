//! Work that reads or writes files never stops the window. The files a job waits on here are
//! named pipes: reading one blocks until the test writes into it, as a slow network drive would.
//! Meanwhile the window keeps drawing and taking keys; when the file comes, the result is put in
//! place.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::gui::MarginaliaApp;
use marginalia::gui::command::Command;
use marginalia::gui::host::file_dialog::DialogOutcome;
use marginalia::interop::{ExportFormat, ImportFormat, w3c};
use marginalia::model::{Annotation, AnnotationId, AnnotationSet, CharSpan, Document, Kind};
use marginalia::store::sidecar;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A named pipe at `path`.
fn fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Writes `text` into the pipe at `path` from another thread (it blocks until read).
fn feed(path: PathBuf, text: String) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || std::fs::write(path, text).unwrap())
}

/// Runs frames in real time until `done`.
fn wait_for(
    harness: &mut Harness<'_, MarginaliaApp>,
    what: &str,
    done: impl Fn(&Harness<'_, MarginaliaApp>) -> bool,
) {
    let start = Instant::now();
    while !done(harness) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    // A job may still spin elsewhere: a few frames, not until idle.
    for _ in 0..5 {
        harness.step();
    }
}

/// True while a background job whose title contains `what` runs.
fn working(harness: &Harness<'_, MarginaliaApp>, what: &str) -> bool {
    harness
        .state()
        .background_work()
        .iter()
        .any(|w| w.contains(what))
}

/// The window still answers while a job waits: a label key labels.
fn still_answers(harness: &mut Harness<'_, MarginaliaApp>, text: &str) {
    for _ in 0..10 {
        harness.step();
    }
    let before = harness.state().session().unwrap().annotations().len();
    let span = span_of(harness, text);
    select(harness, span);
    harness.key_press_modifiers(Modifiers::NONE, Key::E);
    for _ in 0..3 {
        harness.step();
    }
    let after = harness.state().session().unwrap().annotations().len();
    assert_eq!(after, before + 1, "labelled while the job waits");
}

/// A set of one entity over `document`, as sidecar text.
fn sidecar_text(document: &Document, needle: &str) -> String {
    let text = document.text().as_str();
    let start = text[..text.find(needle).unwrap()].chars().count();
    let span = CharSpan::new(start, start + needle.chars().count()).unwrap();
    let mut set = AnnotationSet::new();
    let annotation = Annotation::new(AnnotationId("x1".into()), Kind::Entity, span, document);
    set.insert(annotation, document).unwrap();
    sidecar::to_ron(document, &set, &Default::default())
}

#[test]
fn comparing_with_a_set_on_a_slow_disk_does_not_block_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "slow.txt", ARTICLE);
    let document = Document::open(&article).unwrap();
    let kim = dir.path().join("slow.txt.kim.ron");
    fifo(&kim);
    let mut harness = app(&article);
    harness
        .state_mut()
        .push_command(Command::CompareWith(Some("kim".into())));
    harness.step();
    assert!(working(&harness, "Reading set “kim”"));
    still_answers(&mut harness, "港口市");
    assert!(harness.state().session().unwrap().overlay().is_none());

    let writer = feed(kim, sidecar_text(&document, "Amélie"));
    wait_for(&mut harness, "the compared set", |h| {
        h.state().session().unwrap().overlay().is_some()
    });
    writer.join().unwrap();
    let overlay = harness.state().session().unwrap().overlay().unwrap();
    assert_eq!(overlay.name, "kim");
    assert_eq!(overlay.annotations.len(), 1);
    assert!(!working(&harness, "Reading set"));
}

#[test]
fn importing_from_a_slow_disk_does_not_block_and_a_stale_import_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "slow.txt", ARTICLE);
    let ann = dir.path().join("slow.ann");
    fifo(&ann);
    let mut harness = app_with(Some(&article), egui_kittest_dialog(&ann));
    harness
        .state_mut()
        .push_command(Command::Import(ImportFormat::Brat));
    // The file dialog answers (on its worker), then the import starts.
    wait_for(&mut harness, "the import to start", |h| {
        working(h, "Importing “slow.ann”")
    });
    // Labelling meanwhile changes the annotations: the import, read for the old ones, is
    // dropped and says so.
    still_answers(&mut harness, "港口市");
    let start = span_of(&harness, "Amélie").start.0;
    let writer = feed(
        ann.clone(),
        format!("T1\tPERSON {start} {}\tAmélie\n", start + 6),
    );
    wait_for(&mut harness, "the import to end", |h| {
        !working(h, "Importing")
    });
    writer.join().unwrap();
    assert_eq!(
        texts(&harness),
        vec![(Kind::Entity, "港口市".to_owned())],
        "nothing imported over the newer annotations"
    );
    let last = harness.state().messages().last().unwrap().text.clone();
    assert!(last.contains("nothing was imported"), "{last}");

    // Again, without labelling meanwhile: imported.
    harness
        .state_mut()
        .push_command(Command::Import(ImportFormat::Brat));
    wait_for(&mut harness, "the second import to start", |h| {
        working(h, "Importing")
    });
    let writer = feed(ann, format!("T1\tPERSON {start} {}\tAmélie\n", start + 6));
    wait_for(&mut harness, "the second import", |h| {
        !working(h, "Importing")
    });
    writer.join().unwrap();
    assert_eq!(texts(&harness), vec![(Kind::Entity, "Amélie".to_owned())]);
}

/// Dialogs that choose `path`.
fn egui_kittest_dialog(path: &Path) -> marginalia::gui::host::file_dialog::DialogOutcome {
    marginalia::gui::host::file_dialog::DialogOutcome::Chosen(path.to_owned())
}

#[test]
fn exporting_runs_in_the_background_and_says_when_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "out.txt", ARTICLE);
    let target = dir.path().join("out.jsonld");
    let mut harness = app_with(Some(&article), egui_kittest_dialog(&target));
    let span = span_of(&harness, "Amélie");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    harness
        .state_mut()
        .push_command(Command::Export(ExportFormat::W3c(w3c::Unit::CodePoints)));
    // The dialog answers, then the job starts: it is put in place when polled, frames later.
    wait_for(&mut harness, "the export to start", |h| {
        working(h, "Exporting to “out.jsonld”")
    });
    wait_for(&mut harness, "the export", |h| !working(h, "Exporting"));
    assert!(target.exists());
    let last = harness.state().messages().last().unwrap().text.clone();
    assert!(last.starts_with("Exported 1 annotation(s)"), "{last}");
}

#[test]
fn reloading_an_article_from_a_slow_disk_does_not_block_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "moving.txt", ARTICLE);
    let mut harness = app(&article);
    let span = span_of(&harness, "Amélie Dubois-Nakashima");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    key(&mut harness, Modifiers::COMMAND, Key::S);

    // Another program puts the article behind a pipe: checking it waits for the pipe.
    let pipe = dir.path().join("pipe");
    fifo(&pipe);
    std::fs::rename(&pipe, &article).unwrap();
    let edited = format!("Update: the vote was delayed.\r\n\r\n{ARTICLE}");
    wait_for(&mut harness, "the check to start", |h| {
        working(h, "Checking “moving.txt”")
    });
    still_answers(&mut harness, "港口市");
    let writer = feed(article.clone(), edited.clone());
    wait_for(&mut harness, "the question", |h| {
        h.query_by_label("Reload").is_some()
    });
    writer.join().unwrap();
    harness.get_by_label("Reload").click();
    harness.step();
    harness.step();
    // Reading it again waits for the pipe too.
    assert!(working(&harness, "Reloading “moving.txt”"));
    for _ in 0..10 {
        harness.step();
    }
    let writer = feed(article, edited);
    wait_for(&mut harness, "the reload", |h| !working(h, "Reloading"));
    writer.join().unwrap();
    let session = harness.state().session().unwrap();
    assert!(session.document().text().as_str().starts_with("Update:"));
    let kept: Vec<String> = texts(&harness).into_iter().map(|(_, t)| t).collect();
    assert!(
        kept.contains(&"Amélie Dubois-Nakashima".to_owned()),
        "{kept:?}"
    );
}

/// A file dialog that stays open until the test answers it, as a person takes their time.
struct SlowDialogs(std::sync::mpsc::Receiver<PathBuf>);

impl marginalia::gui::host::file_dialog::FileDialogs for SlowDialogs {
    fn pick_article(&mut self, _folder: Option<&Path>) -> DialogOutcome {
        self.0
            .recv()
            .map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }

    fn pick_save_path(&mut self, _suggested: &Path) -> DialogOutcome {
        DialogOutcome::Cancelled
    }

    fn pick_folder(&mut self, _folder: Option<&Path>) -> DialogOutcome {
        DialogOutcome::Cancelled
    }

    fn pick_import(&mut self, _format: ImportFormat, _folder: Option<&Path>) -> DialogOutcome {
        DialogOutcome::Cancelled
    }

    fn pick_export(&mut self, _format: ExportFormat, _suggested: &Path) -> DialogOutcome {
        DialogOutcome::Cancelled
    }

    fn pick_map(&mut self, _folder: Option<&Path>) -> DialogOutcome {
        DialogOutcome::Cancelled
    }
}

#[test]
fn an_open_file_dialog_leaves_the_window_drawing_and_labelling() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "first.txt", ARTICLE);
    let second = write(
        dir.path(),
        "second.txt",
        "Another article, about ferries.\n",
    );
    let (answer, question) = std::sync::mpsc::channel();
    let mut harness = app_with_dialogs(Some(&first), Box::new(SlowDialogs(question)));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    // The dialog is open (on its worker); the window goes on: a label is made.
    for _ in 0..5 {
        harness.step();
    }
    assert!(working(&harness, "file dialog"));
    let span = span_of(&harness, "港口市");
    select(&mut harness, span);
    harness.key_press(Key::E);
    for _ in 0..3 {
        harness.step();
    }
    assert_eq!(texts(&harness), [(Kind::Entity, "港口市".to_owned())]);
    // Ctrl+O again while it is open: one dialog at a time.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.step();
    assert!(working(&harness, "file dialog"));
    // Chosen: the article opens (autosave keeps the label).
    answer.send(second.clone()).unwrap();
    wait_for(&mut harness, "the chosen article", |h| {
        h.state()
            .session()
            .is_some_and(|s| s.document().path() == second.as_path())
    });
    harness.settle();
    assert!(!working(&harness, "file dialog"));
}

/// A server on 127.0.0.1 that answers every request with `page`; gives its address.
fn serve_page(page: &'static str) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                page.len()
            );
            stream.write_all(head.as_bytes()).ok();
            stream.write_all(page.as_bytes()).ok();
        }
    });
    address
}

/// A window whose folder for web pages is `folder`, chosen as a user does (File → Folder for
/// Web Pages…, the default typed over).
fn app_keeping_pages_in(folder: &Path) -> Harness<'static, MarginaliaApp> {
    let mut harness = app_with(None, DialogOutcome::Unavailable);
    harness.state_mut().push_command(Command::ChooseWebFolder);
    harness.settle();
    key(&mut harness, Modifiers::COMMAND, Key::A);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text(&folder.display().to_string());
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().preferences().web_folder.as_deref(),
        Some(folder)
    );
    harness
}

/// Runs frames until an article named `name` is open (the download and the opening done).
fn until_open(harness: &mut Harness<'static, MarginaliaApp>, name: &str) {
    let started = Instant::now();
    while harness
        .state()
        .session()
        .is_none_or(|s| s.document().file_name() != name)
    {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{:?}",
            harness.state().messages()
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
}

#[test]
fn a_web_address_downloads_in_the_background_into_the_chosen_folder_and_opens() {
    let server = serve_page(
        "<html><body><article><h1>Harbour pier to reopen</h1><p>The harbour master said the pier would reopen.</p></article></body></html>",
    );
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("pages");
    let mut harness = app_keeping_pages_in(&folder);
    key(&mut harness, Modifiers::COMMAND, Key::L);
    let url = format!("{server}/news/harbour-pier");
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text(&url);
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    until_open(&mut harness, "127.0.0.1-harbour-pier.html");
    let document = harness.state().session().unwrap().document();
    assert_eq!(
        document.text().as_str(),
        "Harbour pier to reopen\n\nThe harbour master said the pier would reopen.\n"
    );
    assert!(folder.join("127.0.0.1-harbour-pier.txt").is_file());
    let link = folder.join("127.0.0.1-harbour-pier.url");
    assert!(link.is_file());

    // A link dropped on the window (a .url file, as browsers drag links out) is its page.
    let elsewhere = dir.path().join("dropped");
    let mut harness = app_keeping_pages_in(&elsewhere);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(link)));
    until_open(&mut harness, "127.0.0.1-harbour-pier.html");
    assert!(elsewhere.join("127.0.0.1-harbour-pier.html").is_file());
}
