//! Folder mode: the list of a folder's articles, and going through them with Ctrl+PageDown and
//! Ctrl+PageUp, saving as it goes.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marginalia::gui::command::Command;
use marginalia::gui::host::file_dialog::DialogOutcome;
use marginalia::model::{Annotation, AnnotationSet, CharSpan, Document, Kind};
use marginalia::store::sidecar;
use std::time::{Duration, Instant};

use crate::common::*;

fn open_file_name(harness: &egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>) -> String {
    harness.state().session().unwrap().document().file_name()
}

#[test]
fn a_folder_lists_its_articles_and_ctrl_page_keys_go_through_them_saving() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    let a = write(d, "a.txt", ARTICLE);
    let b = write(d, "b.txt", "Zoë Ångström-Ruiz said the port would reopen.");
    write(d, "sub/c.md", "# 港口市\n\nThe council met.");
    // b is annotated already.
    let document = Document::open(&b).unwrap();
    let mut set = AnnotationSet::new();
    let span = CharSpan::new(0, 17).unwrap();
    set.insert(
        Annotation::new(set.fresh_id(), Kind::Entity, span, &document),
        &document,
    )
    .unwrap();
    sidecar::save(
        &sidecar::sidecar_path(&b),
        &document,
        &set,
        &Default::default(),
    )
    .unwrap();

    let mut harness = app_with(None, DialogOutcome::Cancelled);
    harness
        .state_mut()
        .push_command(Command::OpenFolder(d.to_owned()));
    harness.settle();
    assert_eq!(harness.state().folder().unwrap().entries().len(), 3);
    assert_eq!(open_file_name(&harness), "a.txt");
    // The statuses arrive from the background.
    let started = Instant::now();
    while harness.state().folder().unwrap().reading() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "statuses never came"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    let status = |harness: &egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>, i: usize| {
        harness.state().folder().unwrap().entries()[i]
            .status
            .clone()
            .unwrap()
    };
    assert_eq!(status(&harness, 1).annotations, 1);
    assert!(harness.query_by_label_contains("b.txt  1").is_some());

    // Label in a, go on: a is saved and counted, b opens.
    let span = span_of(&harness, "Amélie");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    key(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(open_file_name(&harness), "b.txt");
    assert!(sidecar::sidecar_path(&a).exists());
    assert_eq!(status(&harness, 0).annotations, 1);
    key(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(open_file_name(&harness), "c.md");
    key(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(open_file_name(&harness), "c.md");
    let message = harness.state().messages().last().unwrap();
    assert!(message.text.contains("last article"), "{}", message.text);
    key(&mut harness, Modifiers::COMMAND, Key::PageUp);
    assert_eq!(open_file_name(&harness), "b.txt");

    // A click in the list opens that article.
    harness.get_by_label_contains("a.txt  1").click();
    harness.settle();
    assert_eq!(open_file_name(&harness), "a.txt");
    assert_eq!(texts(&harness), vec![(Kind::Entity, "Amélie".to_owned())]);
}
