//! Large and hostile articles: opened on a worker thread with progress shown, the window
//! drawing meanwhile; refused with a clear message when they cannot be annotated.

use crate::common::app_with;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::gui::MarginaliaApp;
use marginalia::gui::app::Severity;
use marginalia::gui::command::Command;
use marginalia::gui::host::file_dialog::DialogOutcome;
use marginalia::model::{Annotation, AnnotationId, AnnotationSet, CharSpan, Document, Kind};
use marginalia::store::sidecar;
use std::path::Path;
use std::time::{Duration, Instant};

/// Steps the app until no article is being opened (a guard against hanging, not a timing test).
fn step_until_opened(harness: &mut Harness<'_, MarginaliaApp>) {
    let give_up = Instant::now() + Duration::from_secs(120);
    while harness.state().opening().is_some() {
        assert!(
            Instant::now() < give_up,
            "the article never finished opening"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.step();
}

fn last_message(harness: &Harness<'_, MarginaliaApp>) -> (Severity, String) {
    let message = harness.state().messages().last().expect("a message");
    (message.severity, message.text.clone())
}

/// Opens `path` in an app that has nothing open, returning the harness after the first frame.
fn start_opening(path: &Path) -> Harness<'static, MarginaliaApp> {
    let mut harness = app_with(None, DialogOutcome::Cancelled);
    harness
        .state_mut()
        .push_command(Command::Open(path.to_owned()));
    harness.step();
    harness
}

#[test]
fn a_large_article_opens_on_a_worker_thread_with_its_progress_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    // About 6 MB: our own sentences, with accents, CJK and an emoji ZWJ sequence.
    let paragraph = "Le conseil de 港口市 a voté à l'aube ; la digue 👩🏽‍🔬 tiendra, dit Amélie. ";
    let text: String = (0..20_000)
        .map(|i| format!("{i}. {}\n\n", paragraph.repeat(3)))
        .collect();
    std::fs::write(&path, &text).unwrap();
    let document = Document::open(&path).unwrap();
    let mut set = AnnotationSet::new();
    let step = document.char_count() / 2_000;
    for i in 0..2_000 {
        let span = CharSpan::new(i * step, i * step + 9).unwrap();
        let id = AnnotationId(format!("{i:010x}"));
        set.insert(
            Annotation::new(id, Kind::Entity, span, &document),
            &document,
        )
        .unwrap();
    }
    sidecar::save(
        &sidecar::sidecar_path(&path),
        &document,
        &set,
        &Default::default(),
    )
    .unwrap();

    let mut harness = start_opening(&path);
    assert!(
        harness.state().opening().is_some(),
        "a {} MB article opens off the UI thread",
        text.len() >> 20
    );
    assert!(harness.state().session().is_none());
    // The window shows from the frame after (egui sizes a new window unseen first); reading
    // takes far longer than these frames.
    harness.step();
    harness.step();
    assert!(
        harness
            .query_by_label_contains("Opening “big.txt”…")
            .is_some(),
        "the progress window shows"
    );
    // A command given while the article opens is dropped, not applied when it arrives.
    harness
        .state_mut()
        .push_command(Command::Label(Kind::Quote));
    step_until_opened(&mut harness);

    let session = harness.state().session().expect("the article opened");
    assert_eq!(session.annotations().len(), 2_000);
    assert_eq!(session.document().char_count(), document.char_count());
    assert!(!session.is_dirty());
    // What opening said (a message about fonts may follow it on a machine without them).
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|m| m.severity == Severity::Info
                && m.text == "Opened “big.txt” with 2000 annotation(s)."),
        "{:?}",
        harness.state().messages()
    );
    assert!(
        harness
            .query_by_label_contains("Opening “big.txt”…")
            .is_none()
    );
}

#[test]
fn articles_too_large_or_not_text_are_refused_with_a_message_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    // 100 MB (sparse: no disk used) of NUL bytes: refused for its size before anything is read.
    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    // 5 MB of NUL bytes: read on the worker thread, then refused as binary.
    let nuls = dir.path().join("nuls.txt");
    std::fs::write(&nuls, vec![0u8; 5 << 20]).unwrap();

    for (path, expected) in [
        (
            &huge,
            "is 104 MB, more than Marginalia opens (67 MB). Split the text into smaller files.",
        ),
        (&nuls, "is not a text file (it contains binary data)."),
    ] {
        let mut harness = start_opening(path);
        step_until_opened(&mut harness);
        assert!(harness.state().session().is_none());
        let (severity, text) = last_message(&harness);
        assert_eq!(severity, Severity::Error);
        assert!(text.contains(expected), "{text}");
        assert!(
            !sidecar::sidecar_path(path).exists(),
            "no sidecar was written"
        );
    }
}

#[test]
fn a_ten_megabyte_line_opens_and_scrolls_in_pieces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-line.txt");
    let text = "Sans retour à la ligne, la dépêche 港口市 continue 👨‍👩‍👧 ".repeat(170_000);
    assert!(text.len() > 10 << 20);
    std::fs::write(&path, &text).unwrap();
    let mut harness = start_opening(&path);
    step_until_opened(&mut harness);
    let session = harness.state().session().expect("the line opened");
    let paragraphs = session.document().paragraphs();
    assert!(paragraphs.len() > 2_000, "{} pieces", paragraphs.len());
    assert!(paragraphs.iter().rev().skip(1).all(|p| p.continued));
    let last = paragraphs.len() - 1;
    // Only the pieces in view are laid out, at the top and after a jump to the end.
    assert!(session.view().visible_paragraphs().len() < 10);
    crate::common::key(&mut harness, Modifiers::COMMAND, Key::End);
    harness.run();
    let session = harness.state().session().unwrap();
    let visible = session.view().visible_paragraphs();
    assert!(visible.contains(&last), "{visible:?}");
    assert!(visible.len() < 10);
}

/// Steps the app until no save is running on a worker thread.
fn step_until_saved(harness: &mut Harness<'_, MarginaliaApp>) {
    let give_up = Instant::now() + Duration::from_secs(120);
    while harness.state().saving().is_some() {
        assert!(Instant::now() < give_up, "the save never finished");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
}

#[test]
fn a_large_set_saves_on_a_worker_thread_while_editing_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.txt");
    let text: String = (0..3_000)
        .map(|i| format!("{i}. Le maire de 港口市 a parlé 👩🏽‍🔬 ce matin.\n"))
        .collect();
    std::fs::write(&path, &text).unwrap();
    let document = Document::open(&path).unwrap();
    let mut set = AnnotationSet::new();
    for (i, paragraph) in document.paragraphs().iter().take(2_500).enumerate() {
        let span = CharSpan::new(paragraph.span.start.0, paragraph.span.start.0 + 5).unwrap();
        let id = AnnotationId(format!("{i:010x}"));
        set.insert(
            Annotation::new(id, Kind::Entity, span, &document),
            &document,
        )
        .unwrap();
    }
    let sidecar_path = sidecar::sidecar_path(&path);
    sidecar::save(&sidecar_path, &document, &set, &Default::default()).unwrap();
    let mut harness = crate::common::app(&path);
    assert_eq!(
        harness.state().session().unwrap().annotations().len(),
        2_500
    );

    // A change, saved: the worker writes while the window goes on and one more label is made.
    let last = document.paragraphs()[2_999].span;
    crate::common::select(
        &mut harness,
        CharSpan::new(last.start.0, last.start.0 + 4).unwrap(),
    );
    crate::common::key(&mut harness, Modifiers::NONE, Key::C);
    // Frames run one by one: the status bar's spinner keeps the window drawing.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    assert!(
        harness.state().saving().is_some(),
        "saving on a worker thread: {:?} {:?}",
        harness.state().messages(),
        harness.state().modal().is_some()
    );
    // The frame that started the save drew the status bar after it started.
    assert!(
        harness
            .query_by_label_contains("Saving to “many.txt.ron”…")
            .is_some(),
        "the status bar says so"
    );
    let row = document.paragraphs()[2_998].span;
    crate::common::select(
        &mut harness,
        CharSpan::new(row.start.0, row.start.0 + 4).unwrap(),
    );
    harness.key_press_modifiers(Modifiers::NONE, Key::Q);
    harness.step();
    step_until_saved(&mut harness);

    let session = harness.state().session().unwrap();
    assert_eq!(session.annotations().len(), 2_502);
    assert!(
        session.is_dirty(),
        "the label made during the save is not saved yet"
    );
    let on_disk = sidecar::load(&sidecar_path, &document).unwrap().unwrap();
    assert_eq!(
        on_disk.annotations.len(),
        2_501,
        "the state when saving started"
    );
    assert_eq!(
        last_message(&harness),
        (
            Severity::Info,
            format!("Saved 2501 annotation(s) to “{}”.", sidecar_path.display())
        )
    );

    // Saving again writes the rest; no backup is made of our own file.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    step_until_saved(&mut harness);
    assert!(!harness.state().session().unwrap().is_dirty());
    let on_disk = sidecar::load(&sidecar_path, &document).unwrap().unwrap();
    assert_eq!(on_disk.annotations.len(), 2_502);
    assert!(!dir.path().join("many.txt.ron.bak").exists());
}

#[test]
fn a_large_article_changed_elsewhere_is_read_again_on_a_worker_thread_and_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let text: String = (0..80_000)
        .map(|i| format!("{i}. La digue de 港口市 tient toujours, dit Amélie.\n\n"))
        .collect();
    assert!(text.len() as u64 >= marginalia::gui::app::BACKGROUND_OPEN_BYTES);
    std::fs::write(&path, &text).unwrap();
    let mut harness = start_opening(&path);
    step_until_opened(&mut harness);
    assert!(harness.state().session().is_some());

    std::fs::write(&path, format!("Correction.\n\n{text}")).unwrap();
    let give_up = Instant::now() + Duration::from_secs(60);
    while harness
        .query_by_label("The article changed on disk")
        .is_none()
    {
        assert!(Instant::now() < give_up, "never asked about the change");
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    harness.get_by_label("Keep Current Text").click();
    harness.step();
    harness.step();
    let session = harness.state().session().unwrap();
    assert_eq!(
        session.document().text().as_str(),
        text,
        "the text on screen stays"
    );
}

#[test]
fn a_large_new_set_of_any_origin_is_written_on_a_worker_thread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copies.txt");
    let text: String = (0..2_500)
        .map(|i| format!("{i}. La digue de 港口市 tiendra.\n"))
        .collect();
    std::fs::write(&path, &text).unwrap();
    let document = Document::open(&path).unwrap();
    let mut set = AnnotationSet::new();
    for (i, paragraph) in document.paragraphs().iter().take(2_100).enumerate() {
        let span = CharSpan::new(paragraph.span.start.0, paragraph.span.start.0 + 3).unwrap();
        let id = AnnotationId(format!("{i:010x}"));
        set.insert(
            Annotation::new(id, Kind::Entity, span, &document),
            &document,
        )
        .unwrap();
    }
    sidecar::save(
        &sidecar::sidecar_path(&path),
        &document,
        &set,
        &Default::default(),
    )
    .unwrap();
    let mut harness = crate::common::app(&path);

    // Duplicating: the new set's file is written by the worker, then the set opens.
    harness.state_mut().push_command(Command::DuplicateSet);
    harness.run();
    harness
        .get_by_label("Duplicate the annotation set")
        .type_text("copy");
    harness.run();
    harness.get_by_label("Duplicate").click();
    harness.step();
    harness.step();
    assert!(
        harness.state().saving().is_some(),
        "written on a worker thread"
    );
    step_until_saved(&mut harness);
    harness.run();
    let session = harness.state().session().unwrap();
    assert_eq!(session.set_name(), "copy");
    assert_eq!(session.annotations().len(), 2_100);
    assert!(sidecar::set_path(&path, Some("copy")).exists());
}
