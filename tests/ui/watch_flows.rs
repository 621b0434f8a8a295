//! Files changed on disk by other programs while the article is open: the user is asked, and a
//! reload keeps every annotation (re-anchored on the new text) or loads the new sidecar.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::gui::MarginaliaApp;
use std::time::{Duration, Instant};

/// Runs frames in real time (the watcher's events and settling are real) until `done`.
fn wait_for(
    harness: &mut Harness<'_, MarginaliaApp>,
    what: &str,
    done: impl Fn(&Harness<'_, MarginaliaApp>) -> bool,
) {
    let start = Instant::now();
    while !done(harness) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    harness.settle();
}

fn annotated(dir: &std::path::Path) -> (std::path::PathBuf, Harness<'static, MarginaliaApp>) {
    let article = write(dir, "harbour.txt", ARTICLE);
    let mut harness = app(&article);
    let span = span_of(&harness, "Amélie Dubois-Nakashima");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    key(&mut harness, Modifiers::COMMAND, Key::S);
    (article, harness)
}

#[test]
fn an_article_edited_elsewhere_reloads_with_its_unsaved_annotations_re_anchored() {
    let dir = tempfile::tempdir().unwrap();
    let (article, mut harness) = annotated(dir.path());
    // An unsaved annotation too.
    let span = span_of(&harness, "港口市");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    // Our own save must not look like another program's change.
    std::thread::sleep(Duration::from_millis(600));
    harness.settle();
    assert!(
        harness
            .query_by_label("The annotations changed on disk")
            .is_none()
    );

    let edited = format!("Correction: the vote was on Tuesday.\r\n\r\n{ARTICLE}");
    std::fs::write(&article, &edited).unwrap();
    wait_for(&mut harness, "the question", |h| {
        h.query_by_label("The article changed on disk").is_some()
    });
    harness.get_by_label("Reload").click();
    harness.settle();

    let session = harness.state().session().unwrap();
    assert_eq!(session.document().text().as_str(), edited);
    let texts: Vec<&str> = session
        .annotations()
        .anchored()
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(texts, ["Amélie Dubois-Nakashima", "港口市"]);
    assert!(
        session
            .annotations()
            .anchored()
            .iter()
            .all(|a| a.is_anchored_in(session.document()))
    );
    assert!(session.is_dirty(), "the new places are not saved yet");
    assert!(
        session.review_items().is_empty(),
        "both only shifted: nothing to review"
    );
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|m| m.text.contains("2 moved")),
        "the tally says so: {:?}",
        harness.state().messages()
    );
}

#[test]
fn keeping_the_current_text_does_not_ask_again_for_the_same_change() {
    let dir = tempfile::tempdir().unwrap();
    let (article, mut harness) = annotated(dir.path());
    std::fs::write(&article, format!("{ARTICLE}One more line.\r\n")).unwrap();
    wait_for(&mut harness, "the question", |h| {
        h.query_by_label("The article changed on disk").is_some()
    });
    harness.get_by_label("Keep Current Text").click();
    harness.settle();
    assert_eq!(
        harness
            .state()
            .session()
            .unwrap()
            .document()
            .text()
            .as_str(),
        ARTICLE
    );
    // The same bytes written again: no new question.
    std::fs::write(&article, format!("{ARTICLE}One more line.\r\n")).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    harness.step();
    harness.settle();
    assert!(
        harness
            .query_by_label("The article changed on disk")
            .is_none()
    );
}

#[test]
fn a_sidecar_written_by_another_program_can_be_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let (article, mut harness) = annotated(dir.path());
    let sidecar = marginalia::store::sidecar::sidecar_path(&article);
    // Another annotator (or git) removed the entity and saved.
    let document = marginalia::model::Document::open(&article).unwrap();
    let empty = marginalia::store::sidecar::to_ron(
        &document,
        &marginalia::model::AnnotationSet::new(),
        &Default::default(),
    );
    std::fs::write(&sidecar, empty).unwrap();
    wait_for(&mut harness, "the question", |h| {
        h.query_by_label("The annotations changed on disk")
            .is_some()
    });
    harness.get_by_label("Reload Annotations").click();
    harness.settle();
    assert!(harness.state().session().unwrap().annotations().is_empty());
}
