//! The re-anchoring review, driven as a user would: annotate, save, edit the article in another
//! program, reopen, then accept, re-attach and delete from the review panel.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marginalia::anchor::Outcome;
use marginalia::model::Placement;

/// What the review lists: each item's outcome and old text.
fn outcomes(items: &[marginalia::gui::app::ReviewItem]) -> Vec<(Outcome, &str)> {
    items
        .iter()
        .map(|i| (i.outcome, i.old_text.as_str()))
        .collect()
}

/// Our article with three spans annotated and saved: an entity, a claim and a quote.
fn annotated(dir: &std::path::Path) -> std::path::PathBuf {
    let article = write(dir, "harbour.txt", ARTICLE);
    let mut harness = app(&article);
    for (text, label) in [
        ("Amélie Dubois-Nakashima", Key::E),
        ("the budget is €48.6 million", Key::C),
        ("watched from the quay", Key::Q),
    ] {
        let span = span_of(&harness, text);
        select(&mut harness, span);
        key(&mut harness, Modifiers::NONE, label);
    }
    key(&mut harness, Modifiers::COMMAND, Key::S);
    article
}

/// Annotates three spans of our article, saves, and returns the edited article text: one span
/// moved (a paragraph inserted before it and a word just before it, so not a pure shift), one
/// changed (a number corrected) and one deleted.
fn annotated_then_edited(dir: &std::path::Path) -> std::path::PathBuf {
    let article = annotated(dir);
    let edited = ARTICLE
        .replace(
            "Flood barrier approved after long night\r\n",
            "Flood barrier approved after long night\r\n\r\nUpdated at 09:00 with the final vote.\r\n",
        )
        .replace("said Amélie", "said chief Amélie")
        .replace("€48.6 million", "€49.1 million")
        .replace(" The family 👨‍👩‍👧 watched from the quay.", "");
    std::fs::write(&article, edited).unwrap();
    article
}

#[test]
fn reopening_an_edited_article_lists_moved_changed_and_orphaned_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let article = annotated_then_edited(dir.path());
    let mut harness = app(&article);
    let items = harness.state().session().unwrap().review_items();
    let outcomes = outcomes(&items);
    assert_eq!(
        outcomes,
        [
            (Outcome::Moved, "Amélie Dubois-Nakashima"),
            (Outcome::Changed, "the budget is €48.6 million"),
            (Outcome::Orphaned, "watched from the quay"),
        ]
    );
    assert_eq!(
        items[1].new_text.as_deref(),
        Some("the budget is €49.1 million")
    );
    harness.get_by_label("Review re-anchoring (3)");
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|m| m.text.contains("0 kept, 1 moved, 1 changed, 1 orphaned")),
        "{:?}",
        harness.state().messages()
    );

    // Accept the changed claim: it is anchored on the corrected text, one undoable step.
    let accept_buttons = harness.get_all_by_label("Accept").count();
    assert_eq!(
        accept_buttons, 2,
        "moved and changed can be accepted, orphans not"
    );
    harness.get_all_by_label("Accept").nth(1).unwrap().click();
    harness.settle();
    let session = harness.state().session().unwrap();
    let claim = session
        .annotations()
        .anchored()
        .iter()
        .find(|a| a.text == "the budget is €49.1 million")
        .expect("the claim is anchored on the new text");
    assert!(claim.is_anchored_in(session.document()));
    assert_eq!(session.review_items().len(), 2);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness.state().session().unwrap().review_items().len(),
        3,
        "undo brings it back for review"
    );
    key(
        &mut harness,
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::Z,
    );

    // Accept the move: it only leaves the list.
    harness.get_all_by_label("Accept").next().unwrap().click();
    harness.settle();
    let items = harness.state().session().unwrap().review_items();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].outcome, Outcome::Orphaned);

    // Re-attach the orphaned quote to a new selection.
    let orphan = items[0].id.clone();
    let span = span_of(&harness, "the harbour master");
    select(&mut harness, span);
    harness.get_by_label("Attach to Selection").click();
    harness.settle();
    let session = harness.state().session().unwrap();
    let quote = session.annotations().get(&orphan).unwrap();
    assert_eq!(
        session.annotations().placement(&orphan),
        Some(Placement::Anchored)
    );
    assert_eq!(quote.text, "the harbour master");
    assert_eq!(quote.span, span);
    assert!(session.review_items().is_empty());
    assert!(harness.query_by_label("Review re-anchoring (1)").is_none());
}

#[test]
fn orphans_stay_in_the_sidecar_until_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let article = annotated_then_edited(dir.path());
    let sidecar = marginalia::store::sidecar::sidecar_path(&article);
    let mut harness = app(&article);
    // Accept all changed, after a look at the words that change; the orphan stays, and is saved.
    harness.get_by_label("Accept All Changed…").click();
    harness.settle();
    assert!(
        harness.query_by_label_contains("“48.6” → “49.1”").is_some(),
        "the question names the change"
    );
    harness.get_by_label("Accept Changed").click();
    harness.settle();
    key(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = std::fs::read_to_string(&sidecar).unwrap();
    assert!(saved.contains("€49.1 million"));
    assert_eq!(saved.matches("needs_reanchoring: true").count(), 1);
    assert!(saved.contains("watched from the quay"));

    // Reopened: the orphan is still listed; Delete removes it for good.
    let mut harness = app(&article);
    let items = harness.state().session().unwrap().review_items();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].outcome, Outcome::Orphaned);
    // The review row's Delete, after the toolbar's.
    harness.get_all_by_label("Delete").last().unwrap().click();
    harness.settle();
    assert!(harness.state().session().unwrap().review_items().is_empty());
    key(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = std::fs::read_to_string(&sidecar).unwrap();
    assert!(!saved.contains("watched from the quay"));
    assert_eq!(harness.state().session().unwrap().annotations().len(), 2);
}

#[test]
fn y_accepts_and_n_rejects_the_selected_item_then_the_next_one_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let article = annotated_then_edited(dir.path());
    let mut harness = app(&article);
    let items = harness.state().session().unwrap().review_items();
    let (moved, changed, orphan) = (
        items[0].id.clone(),
        items[1].id.clone(),
        items[2].id.clone(),
    );
    harness
        .state_mut()
        .push_command(marginalia::gui::command::Command::ShowReviewItem(
            moved.clone(),
        ));
    harness.settle();
    // Y accepts the move and shows the changed claim.
    key(&mut harness, Modifiers::NONE, Key::Y);
    let session = harness.state().session().unwrap();
    assert_eq!(session.review_items().len(), 2);
    assert_eq!(session.selected(), Some(&changed));
    // N rejects the proposed text: the claim stays unplaced, with nothing proposed.
    key(&mut harness, Modifiers::NONE, Key::N);
    let session = harness.state().session().unwrap();
    let items = session.review_items();
    assert_eq!(
        items.iter().map(|i| i.outcome).collect::<Vec<_>>(),
        [Outcome::Orphaned, Outcome::Orphaned]
    );
    assert_eq!(
        session.annotations().placement(&changed),
        Some(Placement::Unanchored)
    );
    assert_eq!(session.selected(), Some(&orphan));
    // Shift+S attaches the selected orphan to the selected text.
    let span = span_of(&harness, "the harbour master");
    select(&mut harness, span);
    key(&mut harness, Modifiers::SHIFT, Key::S);
    let session = harness.state().session().unwrap();
    assert_eq!(
        session.annotations().placement(&orphan),
        Some(Placement::Anchored)
    );
    assert_eq!(
        session.annotations().get(&orphan).unwrap().text,
        "the harbour master"
    );

    // N on a move that is wrong puts the annotation back, unplaced; undo places it again.
    let mut harness = app(&article);
    harness
        .state_mut()
        .push_command(marginalia::gui::command::Command::ShowReviewItem(
            moved.clone(),
        ));
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::N);
    let session = harness.state().session().unwrap();
    assert_eq!(
        session.annotations().placement(&moved),
        Some(Placement::Unanchored)
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        harness
            .state()
            .session()
            .unwrap()
            .annotations()
            .placement(&moved),
        Some(Placement::Anchored)
    );
}

#[test]
fn pure_shifts_are_applied_and_the_review_lists_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let article = annotated(dir.path());
    // Three chars at the top, one number corrected.
    let edited = format!("UP {ARTICLE}").replace("€48.6 million", "€49.1 million");
    std::fs::write(&article, edited).unwrap();
    let mut harness = app(&article);
    let items = harness.state().session().unwrap().review_items();
    let outcomes = outcomes(&items);
    assert_eq!(
        outcomes,
        [(Outcome::Changed, "the budget is €48.6 million")]
    );
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|m| m.text.contains("0 kept, 2 moved, 1 changed, 0 orphaned")),
        "the tally still counts the shifts: {:?}",
        harness.state().messages()
    );
    // The row shows the words that changed; no button accepts it unseen.
    assert!(harness.query_by_label_contains("€49.1").is_some());
    assert!(harness.query_by_label("Accept All Moved").is_none());
    harness.get_by_label("Accept All Changed…").click();
    harness.settle();
    harness.get_by_label("Cancel").click();
    harness.settle();
    assert_eq!(
        harness.state().session().unwrap().review_items().len(),
        1,
        "cancelled: nothing accepted"
    );
}
