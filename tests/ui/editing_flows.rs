//! Annotation depth in the real app, driven headless: undo and redo, attributes, links,
//! find, annotate-all, keyboard navigation and autosave.

use crate::common::*;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::gui::MarginaliaApp;
use marginalia::gui::command::Command;
use marginalia::gui::views::dialogs::ModalDialog;
use marginalia::gui::views::side_panel::ListFilter;
use marginalia::model::{Annotation, AnnotationId, Attributes, CheckWorthiness, Edit, Kind, Party};

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
    harness.settle();
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
    harness.settle();
    harness
        .get_by_label_contains("Undo Label Entity “港口市”")
        .click();
    harness.settle();
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
    harness.settle();

    harness
        .state_mut()
        .push_command(Command::SelectAnnotation(Some(entity.clone())));
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(matches!(
        harness.state().modal(),
        Some(ModalDialog::ConfirmDelete { .. })
    ));
    assert_eq!(annotations(&harness).len(), 2, "nothing deleted yet");
    harness.get_by_label("Cancel").click();
    harness.settle();
    assert!(harness.state().modal().is_none());
    assert_eq!(annotations(&harness).len(), 2);

    key(&mut harness, Modifiers::NONE, Key::Delete);
    harness.get_by_label("Delete Entity").click();
    harness.settle();
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

fn get(harness: &Harness<'_, MarginaliaApp>, id: &AnnotationId) -> Annotation {
    harness
        .state()
        .session()
        .unwrap()
        .annotations()
        .get(id)
        .unwrap()
        .clone()
}

fn entity_type(annotation: &Annotation) -> Option<String> {
    match &annotation.attributes {
        Attributes::Entity(e) => e.entity_type.clone(),
        _ => None,
    }
}

#[test]
fn entity_types_by_key_and_attributes_in_the_details_panel() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "attrs.txt", ARTICLE);
    let mut harness = app(&article);
    let entity = label(&mut harness, "Amélie Dubois-Nakashima", Key::E);
    assert_eq!(entity_type(&get(&harness, &entity)), None);
    key(&mut harness, Modifiers::NONE, Key::T);
    assert_eq!(
        entity_type(&get(&harness, &entity)).as_deref(),
        Some("PERSON")
    );
    key(&mut harness, Modifiers::NONE, Key::T);
    assert_eq!(entity_type(&get(&harness, &entity)).as_deref(), Some("ORG"));
    key(&mut harness, Modifiers::NONE, Key::L);
    assert_eq!(
        entity_type(&get(&harness, &entity)).as_deref(),
        Some("LOCATION")
    );
    // Each change is one step.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(entity_type(&get(&harness, &entity)).as_deref(), Some("ORG"));

    // A claim's check-worthiness and note, from the details panel.
    let claim = label(&mut harness, "the budget is €48.6 million", Key::C);
    harness.get_by_label("check-worthy").click();
    harness.settle();
    match &get(&harness, &claim).attributes {
        Attributes::Claim(c) => {
            assert_eq!(c.check_worthiness, Some(CheckWorthiness::CheckWorthy));
        }
        other => panic!("{other:?}"),
    }
    let note = harness.get_by_label("Note:");
    note.focus();
    harness.settle();
    harness
        .get_by_label("Note:")
        .type_text("Budget figure from the council's PDF, p. 4 📄");
    harness.settle();
    assert_eq!(
        get(&harness, &claim).note,
        None,
        "not committed while typing"
    );
    // Typing a letter in a field does not fire its shortcut.
    assert_eq!(texts(&harness).len(), 2);
    key(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(
        get(&harness, &claim).note.as_deref(),
        Some("Budget figure from the council's PDF, p. 4 📄")
    );
    let tag_field = harness.get_by_label("Add tag:");
    tag_field.focus();
    harness.settle();
    harness.get_by_label("Add tag:").type_text("économie");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label("+statistic").click();
    harness.settle();
    assert_eq!(get(&harness, &claim).tags, ["statistic", "économie"]);

    // Saved and reopened, everything is there.
    key(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = annotations(&harness);
    let reopened = app(&article);
    assert_eq!(
        reopened.state().session().unwrap().annotations().anchored(),
        saved.as_slice()
    );
}

#[test]
fn the_speaker_picker_links_an_entity_or_takes_a_typed_name() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "picker.txt", ARTICLE);
    let mut harness = app(&article);
    let entity = label(&mut harness, "Amélie Dubois-Nakashima", Key::E);
    label(&mut harness, "港口市", Key::E);
    let quote = label(
        &mut harness,
        "“We will not wait for the next storm,”",
        Key::Q,
    );
    assert!(
        harness.state().modal().is_none(),
        "no picker opens by itself"
    );

    key(&mut harness, Modifiers::NONE, Key::S);
    assert!(matches!(
        harness.state().modal(),
        Some(ModalDialog::PartyPicker { .. })
    ));
    harness.get_by_label("Name:").type_text("amé");
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(harness.state().modal().is_none());
    assert_eq!(
        get(&harness, &quote).attributes.party(),
        Some(&Party::Mention(entity.clone()))
    );
    // The selected quote's speaker is outlined in the text.
    assert_eq!(
        harness.state().session().unwrap().related(),
        vec![entity.clone()]
    );

    // A typed name that is no entity; Down reaches it past the matching entities.
    key(&mut harness, Modifiers::NONE, Key::S);
    harness.get_by_label("Name:").type_text("Harbour board");
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        get(&harness, &quote).attributes.party(),
        Some(&Party::Named("Harbour board".into()))
    );
    // Escape cancels and changes nothing.
    key(&mut harness, Modifiers::NONE, Key::S);
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().modal().is_none());
    assert_eq!(
        get(&harness, &quote).attributes.party(),
        Some(&Party::Named("Harbour board".into()))
    );
    // S with an entity selected says what to select.
    harness
        .state_mut()
        .push_command(Command::SelectAnnotation(Some(entity)));
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::S);
    assert!(harness.state().modal().is_none());
    let last = harness.state().messages().last().unwrap();
    assert!(last.text.contains("Select a quote or a claim"), "{last:?}");
}

#[test]
fn find_selects_a_match_that_escape_then_a_key_labels() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "find.txt", ARTICLE);
    let mut harness = app(&article);
    key(&mut harness, Modifiers::COMMAND, Key::F);
    harness.get_by_label("Find:").type_text("THE");
    harness.settle();
    let session = harness.state().session().unwrap();
    let matches = harness.state().find_matches().to_vec();
    assert!(matches.len() >= 4, "{matches:?}");
    assert_eq!(session.view().selection().span(), matches[0], "incremental");
    assert!(
        harness
            .query_by_label(&format!("1 of {}", matches.len()))
            .is_some()
    );
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().session().unwrap().view().selection().span(),
        matches[1]
    );
    key(&mut harness, Modifiers::SHIFT, Key::Enter);
    key(&mut harness, Modifiers::SHIFT, Key::Enter);
    assert_eq!(
        harness.state().session().unwrap().view().selection().span(),
        *matches.last().unwrap(),
        "Shift+Enter wraps round to the last match"
    );
    // Escape leaves the field, keeps the match selected; Q labels it.
    key(&mut harness, Modifiers::NONE, Key::Escape);
    key(&mut harness, Modifiers::NONE, Key::Q);
    let quote = texts(&harness);
    assert_eq!(quote.len(), 1);
    assert_eq!(quote[0].0, Kind::Quote);
    assert_eq!(quote[0].1.to_lowercase(), "the");

    // Ctrl+F again selects the old text, so typing replaces it.
    key(&mut harness, Modifiers::COMMAND, Key::F);
    harness.get_by_label("Find:").type_text("港口市");
    harness.settle();
    let span = span_of(&harness, "港口市");
    assert_eq!(
        harness.state().session().unwrap().view().selection().span(),
        span
    );
}

#[test]
fn annotate_all_labels_every_other_occurrence_in_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Huawei said on Monday. Huawei's rivals, and HUAWEI fans, doubt it.\r\n\
Analysts at Huaweiwatch think Huawei will wait; 华为 (Huawei) declined.\r\n";
    let article = write(dir.path(), "all.txt", text);
    let mut harness = app(&article);
    let first = label(&mut harness, "Huawei", Key::E);
    key(&mut harness, Modifiers::NONE, Key::O);
    // One occurrence already labelled as an entity is skipped; a claim there is not.
    let bracketed = span_of(&harness, "(Huawei)");
    let span =
        marginalia::model::CharSpan::new(bracketed.start.0 + 1, bracketed.end.0 - 1).unwrap();
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    harness
        .state_mut()
        .push_command(Command::SelectAnnotation(Some(first.clone())));
    harness.settle();

    key(&mut harness, Modifiers::NONE, Key::A);
    let entities: Vec<Annotation> = annotations(&harness)
        .into_iter()
        .filter(|a| a.kind() == Kind::Entity)
        .collect();
    // Whole words and matching case: "Huawei's" and "will" count, "HUAWEI" and
    // "Huaweiwatch" do not.
    assert_eq!(entities.len(), 4, "{entities:?}");
    let message = &harness.state().messages().last().unwrap().text;
    assert!(
        message.starts_with("Added 2 Entity annotation(s)"),
        "{message}"
    );
    assert!(
        message.contains("1 other occurrence(s) were already annotated"),
        "{message}"
    );
    // The new mentions take the type and join the same entity.
    let set = harness.state().session().unwrap().annotations();
    assert_eq!(set.same_entity(&first).len(), 3);
    assert!(
        entities
            .iter()
            .filter(|a| a.id != first && a.span != span)
            .all(|a| entity_type(a).as_deref() == Some("ORG"))
    );

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(annotations(&harness).len(), 2, "one step undoes them all");
    assert!(
        harness
            .state()
            .session()
            .unwrap()
            .annotations()
            .identities()
            .is_empty()
    );
}

#[test]
fn tab_steps_through_annotations_in_text_order() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "tab.txt", ARTICLE);
    let mut harness = app(&article);
    let budget = label(&mut harness, "the budget is €48.6 million", Key::C);
    let name = label(&mut harness, "Amélie Dubois-Nakashima", Key::E);
    let family = label(&mut harness, "👨‍👩‍👧", Key::E);
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(selected(&harness), None);

    // The caret is where the last label was made; Tab goes to the first annotation after it,
    // wrapping round.
    key(&mut harness, Modifiers::COMMAND, Key::Home);
    key(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(selected(&harness), Some(name.clone()));
    key(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(selected(&harness), Some(budget.clone()));
    key(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(selected(&harness), Some(family.clone()));
    key(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(selected(&harness), Some(name.clone()));
    key(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert_eq!(selected(&harness), Some(family));
    // The article view keeps the focus, so Tab keeps stepping.
    key(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert_eq!(selected(&harness), Some(budget));
}

#[test]
fn shift_q_adds_fragments_to_the_selected_quote() {
    let dir = tempfile::tempdir().unwrap();
    let text = "“We are ants,” she said, “but ants can carry fifty times their weight.”\n";
    let article = write(dir.path(), "ants.txt", text);
    let mut harness = app(&article);
    let second = label(
        &mut harness,
        "“but ants can carry fifty times their weight.”",
        Key::Q,
    );
    let first = span_of(&harness, "“We are ants,”");
    select(&mut harness, first);
    key(&mut harness, Modifiers::SHIFT, Key::Q);
    let quotes = annotations(&harness);
    assert_eq!(quotes.len(), 1, "still one quote");
    let quote = &quotes[0];
    assert_eq!(quote.id, second);
    assert_eq!(quote.text, "“We are ants,”", "the first piece leads");
    assert_eq!(quote.fragments.len(), 1);
    assert_eq!(
        quote.fragments[0].text,
        "“but ants can carry fifty times their weight.”"
    );
    // Clicking on either piece selects the quote; "she said" between them is not part of it.
    let set = harness.state().session().unwrap().annotations();
    assert_eq!(set.at(span_of(&harness, "fifty").start).len(), 1);
    assert!(set.at(span_of(&harness, "she said").start).is_empty());
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(annotations(&harness)[0].fragments.is_empty());
}

#[test]
fn f1_shows_the_shortcut_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "help.txt", ARTICLE);
    let mut harness = app(&article);
    key(&mut harness, Modifiers::NONE, Key::F1);
    assert!(harness.query_by_label("Keyboard shortcuts").is_some());
    assert!(harness.query_by_label("Annotate All Occurrences").is_some());
    assert!(
        harness
            .query_by_label("Entity type PERSON (selected entity)")
            .is_some()
    );
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Keyboard shortcuts").is_none());
}

#[test]
fn autosave_saves_a_few_seconds_after_a_change_and_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "auto.txt", ARTICLE);
    let sidecar = dir.path().join("auto.txt.ron");
    let mut harness = app(&article);
    label(&mut harness, "港口市", Key::E);
    harness.run_steps(60);
    assert!(!sidecar.exists(), "not yet: one second after the change");
    harness.run_steps(150);
    assert!(sidecar.exists(), "saved three seconds after the change");
    assert!(!harness.state().session().unwrap().is_dirty());

    harness.state_mut().push_command(Command::ToggleAutosave);
    harness.settle();
    label(&mut harness, "Amélie Dubois-Nakashima", Key::E);
    harness.run_steps(300);
    assert!(
        harness.state().session().unwrap().is_dirty(),
        "autosave is off"
    );
}

#[test]
fn the_side_panel_filters_by_kind_speaker_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "filter.txt", ARTICLE);
    let mut harness = app(&article);
    let entity = label(&mut harness, "Amélie Dubois-Nakashima", Key::E);
    label(&mut harness, "港口市", Key::E);
    let quote = label(&mut harness, "We will not wait for the next storm", Key::Q);
    let mut linked = get(&harness, &quote);
    linked
        .attributes
        .set_party(Some(Party::Mention(entity.clone())));
    harness.state_mut().push_command(Command::Change {
        label: "Set speaker".into(),
        edits: vec![Edit::Replace(linked)],
    });
    harness.settle();
    let listed = |harness: &Harness<'_, MarginaliaApp>, text: &str| {
        harness.query_by_label_contains(text).is_some()
    };
    assert!(listed(&harness, "Entity 港口市"));
    // The quote is listed under its speaker, with its own quotation marks not doubled.
    assert!(listed(
        &harness,
        "Amélie Dubois-Nakashima: “We will not wait for the next storm”"
    ));

    harness.get_by_label("Search:").focus();
    harness.settle();
    harness.get_by_label("Search:").type_text("港口");
    harness.settle();
    assert!(listed(&harness, "Entity 港口市"));
    assert!(!listed(&harness, "Entity Amélie"));
    assert!(listed(&harness, "1 of 3 shown"));

    harness.get_by_label("Show all").click();
    harness.settle();
    harness.get_by_label("Entity").click();
    harness.settle();
    assert!(!listed(&harness, "Entity 港口市"), "entities hidden");
    assert!(listed(
        &harness,
        "Amélie Dubois-Nakashima: “We will not wait for the next storm”"
    ));

    // By speaker: the quote passes, entities do not.
    let by_speaker = ListFilter {
        party: Some("Amélie Dubois-Nakashima".into()),
        ..ListFilter::default()
    };
    let set = harness.state().session().unwrap().annotations();
    assert!(by_speaker.accepts(set, &get(&harness, &quote)));
    assert!(!by_speaker.accepts(set, &get(&harness, &entity)));
}

#[test]
fn the_caret_moves_by_sentence_and_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Première phrase, très courte. Puis 👍🏽 une autre!\r\nSecond paragraph here.\r\n";
    let article = write(dir.path(), "moves.txt", text);
    let mut harness = app(&article);
    let selection = |harness: &Harness<'_, MarginaliaApp>| {
        harness.state().session().unwrap().view().selection().span()
    };
    key(
        &mut harness,
        Modifiers::ALT | Modifiers::SHIFT,
        Key::ArrowRight,
    );
    assert_eq!(
        selection(&harness),
        span_of(&harness, "Première phrase, très courte.")
    );
    key(
        &mut harness,
        Modifiers::ALT | Modifiers::SHIFT,
        Key::ArrowRight,
    );
    assert_eq!(
        selection(&harness),
        span_of(&harness, "Première phrase, très courte. Puis 👍🏽 une autre!")
    );
    key(
        &mut harness,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowDown,
    );
    assert_eq!(
        selection(&harness).end,
        span_of(&harness, "Second paragraph here.").end
    );
    key(&mut harness, Modifiers::COMMAND, Key::ArrowUp);
    assert_eq!(
        selection(&harness).start,
        span_of(&harness, "Second paragraph here.").start
    );
    assert!(selection(&harness).is_empty());
}

#[test]
fn autosave_saves_at_once_when_the_window_loses_focus() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "focus.txt", ARTICLE);
    let sidecar = dir.path().join("focus.txt.ron");
    let mut harness = app(&article);
    let set_focus = |harness: &mut Harness<'_, MarginaliaApp>, focused: bool| {
        harness
            .input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .focused = Some(focused);
        harness.settle();
    };
    set_focus(&mut harness, true);
    label(&mut harness, "港口市", Key::E);
    assert!(!sidecar.exists());
    set_focus(&mut harness, false);
    assert!(sidecar.exists(), "saved when the window lost focus");
    assert!(!harness.state().session().unwrap().is_dirty());
}

#[test]
fn a_quote_cue_comes_from_the_selection_and_the_mode_from_a_click() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "cue.txt", ARTICLE);
    let mut harness = app(&article);
    let quote = label(
        &mut harness,
        "“We will not wait for the next storm,”",
        Key::Q,
    );
    let said = span_of(&harness, "said");
    select(&mut harness, said);
    harness.settle();
    harness.get_by_label("Use selection").click();
    harness.settle();
    match &get(&harness, &quote).attributes {
        Attributes::Quote(q) => {
            let cue = q.cue.as_ref().map(|c| (c.span, c.text.as_str()));
            assert_eq!(cue, Some((said, "said")));
        }
        other => panic!("{other:?}"),
    }
    harness.get_by_label("direct").click();
    harness.settle();
    match &get(&harness, &quote).attributes {
        Attributes::Quote(q) => assert_eq!(q.mode, Some(marginalia::model::QuoteMode::Direct)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_letter_with_alt_or_ctrl_is_not_the_letter() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "alt.txt", ARTICLE);
    let mut harness = app(&article);
    let span = span_of(&harness, "Amélie");
    select(&mut harness, span);
    for modifiers in [
        Modifiers::ALT,
        Modifiers::COMMAND,
        Modifiers::ALT | Modifiers::SHIFT,
    ] {
        key(&mut harness, modifiers, Key::E);
        assert!(texts(&harness).is_empty(), "{modifiers:?}+E labelled");
    }
    key(&mut harness, Modifiers::NONE, Key::E);
    assert_eq!(texts(&harness), vec![(Kind::Entity, "Amélie".to_owned())]);
}
