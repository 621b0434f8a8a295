//! File → Import and File → Export in the window: the same code as the command line.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marginalia::gui::app::Severity;
use marginalia::gui::command::Command;
use marginalia::gui::host::file_dialog::DialogOutcome;
use marginalia::gui::views::dialogs::ModalDialog;
use marginalia::interop::{ExportFormat, ImportFormat, w3c};
use marginalia::model::Kind;
use std::path::{Path, PathBuf};

use crate::common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/brat")
        .join(name)
}

fn last_message(
    harness: &egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>,
) -> (Severity, String) {
    let message = harness.state().messages().last().unwrap();
    (message.severity, message.text.clone())
}

#[test]
fn importing_brat_replaces_the_annotations_undoably() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("harbour.txt");
    std::fs::copy(fixture("harbour.txt"), &article).unwrap();
    let mut harness = app_with(
        Some(&article),
        DialogOutcome::Chosen(fixture("harbour.ann")),
    );
    // One annotation of our own first.
    let span = span_of(&harness, "Harbour");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    assert_eq!(texts(&harness).len(), 1);

    harness
        .state_mut()
        .push_command(Command::Import(ImportFormat::Brat));
    harness.settle();
    let session = harness.state().session().unwrap();
    assert_eq!(session.annotations().len(), 9);
    assert!(session.is_dirty());
    assert_eq!(
        last_message(&harness),
        (
            Severity::Info,
            "Imported 9 annotation(s) from “harbour.ann”, replacing 1; Ctrl+Z brings them back."
                .to_owned()
        )
    );
    assert!(texts(&harness).contains(&(
        Kind::Quote,
        "“We cannot wait for the next storm,”".to_owned()
    )));

    // What brat's file held beyond the annotations came in with them…
    let kept = harness.state().session().unwrap().extras().brat.clone();
    assert!(
        kept.iter().any(|l| l.starts_with("E1\tVote:T9")),
        "{kept:?}"
    );

    // …and goes with them on undo, and comes back on redo.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(texts(&harness), vec![(Kind::Entity, "Harbour".to_owned())]);
    assert!(harness.state().session().unwrap().extras().brat.is_empty());
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(harness.state().session().unwrap().annotations().len(), 9);
    assert_eq!(harness.state().session().unwrap().extras().brat, kept);
}

#[test]
fn without_a_file_dialog_export_asks_for_a_path_and_writes_there() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("harbour.txt");
    std::fs::copy(fixture("harbour.txt"), &article).unwrap();
    let mut harness = app_with(Some(&article), DialogOutcome::Unavailable);
    let span = span_of(&harness, "港口市");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);

    harness
        .state_mut()
        .push_command(Command::Export(ExportFormat::W3c(w3c::Unit::CodePoints)));
    harness.settle();
    assert!(matches!(
        harness.state().modal(),
        Some(ModalDialog::PathEntry { .. })
    ));
    let target = dir.path().join("out.jsonld");
    harness
        .get_by_label("Export annotations")
        .type_text(&target.display().to_string());
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"exact\": \"港口市\""), "{written}");
    assert_eq!(last_message(&harness).0, Severity::Info);

    // A brat export into a folder whose text file is another article is refused.
    let folder = dir.path().join("brat");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("harbour.txt"), "another text").unwrap();
    harness
        .state_mut()
        .push_command(Command::Export(ExportFormat::Brat));
    harness.settle();
    harness
        .get_by_label("Export annotations for brat")
        .type_text(&folder.display().to_string());
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let (severity, text) = last_message(&harness);
    assert_eq!(severity, Severity::Error);
    assert!(text.contains("exists with other text"), "{text}");
    assert_eq!(
        std::fs::read_to_string(folder.join("harbour.txt")).unwrap(),
        "another text"
    );
}

#[test]
fn a_file_that_cannot_be_imported_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("harbour.txt");
    std::fs::copy(fixture("harbour.txt"), &article).unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"text\": \"not this article\", \"label\": []}\n").unwrap();
    let mut harness = app_with(Some(&article), DialogOutcome::Chosen(bad));
    let span = span_of(&harness, "Harbour");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    harness
        .state_mut()
        .push_command(Command::Import(ImportFormat::Doccano));
    harness.settle();
    let (severity, text) = last_message(&harness);
    assert_eq!(severity, Severity::Error);
    assert!(text.starts_with("Nothing was imported: “"), "{text}");
    assert!(
        text.contains("none of its 1 record(s) holds this article's text"),
        "{text}"
    );
    assert_eq!(texts(&harness).len(), 1);
}

#[test]
fn file_export_report_writes_the_who_said_what_page() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("harbour.txt");
    std::fs::copy(fixture("harbour.txt"), &article).unwrap();
    let mut harness = app_with(Some(&article), DialogOutcome::Unavailable);
    harness
        .state_mut()
        .push_command(Command::Import(ImportFormat::Brat));
    harness.settle();
    harness
        .get_by_label("Import annotations")
        .type_text(&fixture("harbour.ann").display().to_string());
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().session().unwrap().annotations().len(), 9);

    harness.get_by_label("File").click();
    harness.settle();
    harness.get_by_label("Export").hover();
    harness.settle();
    harness
        .get_by_label("Report: who said what (HTML page)…")
        .click();
    harness.settle();
    let target = dir.path().join("harbour-report.html");
    harness
        .get_by_label("Export annotations")
        .type_text(&target.display().to_string());
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    // The export is a job: wait for the file.
    for _ in 0..50 {
        if target.exists() {
            break;
        }
        harness.run_steps(2);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let page = std::fs::read_to_string(&target).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<h2>Amélie Dubois-Nakashima</h2>"));
    assert_eq!(page.matches("We cannot wait for the next storm").count(), 1);
}

/// File dialogs that answer with each path in turn.
struct Answers(std::collections::VecDeque<PathBuf>);

impl Answers {
    fn next(&mut self) -> DialogOutcome {
        self.0
            .pop_front()
            .map_or(DialogOutcome::Cancelled, DialogOutcome::Chosen)
    }
}

impl marginalia::gui::host::file_dialog::FileDialogs for Answers {
    fn pick_article(&mut self, _folder: Option<&Path>) -> DialogOutcome {
        self.next()
    }
    fn pick_save_path(&mut self, _suggested: &Path) -> DialogOutcome {
        self.next()
    }
    fn pick_folder(&mut self, _folder: Option<&Path>) -> DialogOutcome {
        self.next()
    }
    fn pick_import(&mut self, _format: ImportFormat, _folder: Option<&Path>) -> DialogOutcome {
        self.next()
    }
    fn pick_export(&mut self, _format: ExportFormat, _suggested: &Path) -> DialogOutcome {
        self.next()
    }
    fn pick_map(&mut self, _folder: Option<&Path>) -> DialogOutcome {
        self.next()
    }
}

#[test]
fn file_import_with_the_polnear_mapping_makes_quotes_with_speaker_and_cue() {
    let dir = tempfile::tempdir().unwrap();
    // Our own text in PolNeAR's shape: Source, Cue and Content joined by an event.
    let text = "The harbour master said the wall would hold.\n";
    let article = write(dir.path(), "port.txt", text);
    let at = |needle: &str| {
        let start = text[..text.find(needle).unwrap()].chars().count();
        format!("{start} {}", start + needle.chars().count())
    };
    let ann = format!(
        "T1\tSource {}\tThe harbour master\nT2\tCue {}\tsaid\nT3\tContent {}\tthe wall would hold.\nT4\tAttribution {}\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
        at("The harbour master"),
        at("said"),
        at("the wall would hold."),
        at("said"),
    );
    let ann_path = write(dir.path(), "port.ann", &ann);
    let map = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/polnear-map.ron");
    let answers = Answers([map.clone(), ann_path.clone(), ann_path].into());
    let mut harness = app_with_dialogs(Some(&article), Box::new(answers));
    harness.settle();
    harness.state_mut().push_command(Command::ChooseImportMap);
    harness.settle();
    assert_eq!(
        harness.state().preferences().import_map.as_ref(),
        Some(&map)
    );
    harness
        .state_mut()
        .push_command(Command::Import(ImportFormat::Brat));
    harness.settle();
    let session = harness.state().session().unwrap();
    let quote = session
        .annotations()
        .anchored()
        .iter()
        .find(|a| a.kind() == Kind::Quote)
        .expect("the attribution is a quote");
    assert_eq!(quote.text, "the wall would hold.");
    let marginalia::model::Attributes::Quote(q) = &quote.attributes else {
        panic!("a quote");
    };
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert!(q.speaker.is_some());
    // Back to the built-in mapping: Content is an entity type again.
    harness.state_mut().push_command(Command::ForgetImportMap);
    harness
        .state_mut()
        .push_command(Command::Import(ImportFormat::Brat));
    harness.settle();
    let session = harness.state().session().unwrap();
    assert!(
        !session
            .annotations()
            .anchored()
            .iter()
            .any(|a| a.kind() == Kind::Quote)
    );
}
