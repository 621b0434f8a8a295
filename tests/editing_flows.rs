//! Annotation depth in the real app, driven headless: undo and redo, attributes, links,
//! find, annotate-all, keyboard navigation and autosave.

mod common;
use common::*;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::MarginaliaApp;
use marginalia::command::Command;
use marginalia::model::{Annotation, AnnotationId, Edit, Kind, Party};
use marginalia::ui::dialogs::ModalDialog;

fn annotations(harness: &Harness<'_, MarginaliaApp>) -> Vec<Annotation> {
    harness
        .state()
        .session()
        .unwrap()
        .annotations()
        .anchored()
        .to_vec()
}

fn selected(harness: &Harness<'_, MarginaliaApp>) -> Option<AnnotationId> {
    harness.state().session().unwrap().selected().cloned()
}

/// Selects the first occurrence of `needle` and presses the kind's key.
fn label(
    harness: &mut Harness<'_, MarginaliaApp>,
    needle: &str,
    key_for_kind: Key,
) -> AnnotationId {
    let span = span_of(harness, needle);
    select(harness, span);
    key(harness, Modifiers::NONE, key_for_kind);
    selected(harness).expect("a new label is selected")
}

#[test]
fn ctrl_z_undoes_each_step_and_redo_keys_bring_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "undo.txt", ARTICLE);
    let mut harness = app(&article);
    label(&mut harness, "Amélie Dubois-Nakashima", Key::E);
    key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().session().unwrap().is_dirty());
    label(&mut harness, "港口市", Key::E);
    label(&mut harness, "the budget is €48.6 million", Key::C);
    assert_eq!(annotations(&harness).len(), 3);

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(texts(&harness).len(), 2);
    assert!(
        selected(&harness).is_none(),
        "the undone label is no longer selected"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        texts(&harness),
        vec![(Kind::Entity, "Amélie Dubois-Nakashima".to_owned())]
    );
    assert!(
        !harness.state().session().unwrap().is_dirty(),
        "back at the saved state"
    );
    assert_eq!(harness.state().window_title(), "undo.txt — Marginalia");

    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(texts(&harness).len(), 2);
    key(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(texts(&harness).len(), 3);
    assert!(harness.state().session().unwrap().is_dirty());
    key(&mut harness, Modifiers::COMMAND, Key::Y);
    let last = harness.state().messages().last().unwrap();
    assert_eq!(last.text, "Nothing to redo.");

    // Delete is a step too.
    let budget = annotations(&harness)
        .into_iter()
        .find(|a| a.kind() == Kind::Claim)
        .unwrap();
    harness
        .state_mut()
        .push_command(Command::SelectAnnotation(Some(budget.id.clone())));
    harness.run();
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(texts(&harness).len(), 2);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(annotations(&harness).contains(&budget));
}

#[test]
fn the_edit_menu_names_the_step_undo_would_undo() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "menu.txt", ARTICLE);
    let mut harness = app(&article);
    label(&mut harness, "港口市", Key::E);
    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_by_label_contains("Undo Label Entity “港口市”")
        .click();
    harness.run();
    assert!(annotations(&harness).is_empty());
}

#[test]
fn deleting_a_speaker_asks_first_and_keeps_the_quote_linked() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "speaker.txt", ARTICLE);
    let mut harness = app(&article);
    let entity = label(&mut harness, "Amélie Dubois-Nakashima", Key::E);
    let quote = label(
        &mut harness,
        "“We will not wait for the next storm,”",
        Key::Q,
    );
    let mut linked = harness
        .state()
        .session()
        .unwrap()
        .annotations()
        .get(&quote)
        .unwrap()
        .clone();
    linked
        .attributes
        .set_party(Some(Party::Mention(entity.clone())));
    harness.state_mut().push_command(Command::Change {
        label: "Set speaker".into(),
        edits: vec![Edit::Replace(linked)],
    });
    harness.run();

    harness
        .state_mut()
        .push_command(Command::SelectAnnotation(Some(entity.clone())));
    harness.run();
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(matches!(
        harness.state().modal(),
        Some(ModalDialog::ConfirmDelete { .. })
    ));
    assert_eq!(annotations(&harness).len(), 2, "nothing deleted yet");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().modal().is_none());
    assert_eq!(annotations(&harness).len(), 2);

    key(&mut harness, Modifiers::NONE, Key::Delete);
    harness.get_by_label("Delete Entity").click();
    harness.run();
    let remaining = annotations(&harness);
    assert_eq!(remaining.len(), 1);
    assert_eq!(
        remaining[0].attributes.party(),
        Some(&Party::Named("Amélie Dubois-Nakashima".into()))
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    let restored = harness.state().session().unwrap().annotations();
    assert_eq!(
        restored.get(&quote).unwrap().attributes.party(),
        Some(&Party::Mention(entity))
    );
}
