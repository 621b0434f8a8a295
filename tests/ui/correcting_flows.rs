//! Correcting an annotation in place, as a user would: boundary keys and handles, Set Span to
//! Selection, kind changes that keep links, attribute keys, the context menu and re-anchoring
//! answers by key. Each correction is one undoable step that keeps the annotation's id.

use crate::common::*;
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::gui::MarginaliaApp;
use marginalia::gui::command::Command;
use marginalia::model::{
    Annotation, AnnotationId, Attributes, CheckWorthiness, Edit, Kind, Party, QuoteMode,
};

fn selected(harness: &Harness<'_, MarginaliaApp>) -> Option<AnnotationId> {
    harness.state().session().unwrap().selected().cloned()
}

fn get(harness: &Harness<'_, MarginaliaApp>, id: &AnnotationId) -> Annotation {
    harness
        .state()
        .session()
        .unwrap()
        .annotations()
        .get(id)
        .cloned()
        .unwrap_or_else(|| panic!("{id:?} is gone"))
}

fn label(harness: &mut Harness<'_, MarginaliaApp>, needle: &str, pressed: Key) -> AnnotationId {
    let span = span_of(harness, needle);
    select(harness, span);
    key(harness, Modifiers::NONE, pressed);
    selected(harness).expect("a new label is selected")
}

fn command(harness: &mut Harness<'_, MarginaliaApp>, command: Command) {
    harness.state_mut().push_command(command);
    harness.settle();
}

fn last_message(harness: &Harness<'_, MarginaliaApp>) -> String {
    harness.state().messages().last().unwrap().text.clone()
}

#[test]
fn boundary_keys_move_each_end_by_words_and_characters_and_undo_step_by_step() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "edges.txt", ARTICLE);
    let mut harness = app(&article);
    let id = label(&mut harness, "Amélie", Key::E);
    let mut noted = get(&harness, &id);
    noted.note = Some("the harbour master".into());
    command(
        &mut harness,
        Command::Change {
            label: "Note".into(),
            edits: vec![Edit::Replace(noted)],
        },
    );
    let steps = [
        (Modifiers::NONE, Key::Period, "Amélie Dubois"),
        (Modifiers::NONE, Key::CloseBracket, "Dubois"),
        (Modifiers::ALT, Key::Comma, "Duboi"),
        (Modifiers::NONE, Key::OpenBracket, "Amélie Duboi"),
        (Modifiers::ALT, Key::CloseBracket, "mélie Duboi"),
    ];
    for (modifiers, pressed, expected) in steps {
        key(&mut harness, modifiers, pressed);
        let moved = get(&harness, &id);
        assert_eq!(moved.text, expected, "after {modifiers:?} {pressed:?}");
        assert_eq!(moved.note.as_deref(), Some("the harbour master"));
        assert_eq!(selected(&harness).as_ref(), Some(&id), "still selected");
    }
    let moved = get(&harness, &id);
    assert!(moved.prefix.ends_with("” said A"), "{:?}", moved.prefix);
    for expected in ["Amélie Duboi", "Duboi", "Dubois", "Amélie Dubois", "Amélie"] {
        key(&mut harness, Modifiers::COMMAND, Key::Z);
        assert_eq!(get(&harness, &id).text, expected);
    }
}

#[test]
fn a_boundary_cannot_cross_the_other_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "cross.txt", ARTICLE);
    let mut harness = app(&article);
    let id = label(&mut harness, "Amélie", Key::E);
    key(&mut harness, Modifiers::NONE, Key::CloseBracket);
    assert_eq!(get(&harness, &id).text, "Amélie");
    assert!(
        last_message(&harness).contains("would cover no text"),
        "{}",
        last_message(&harness)
    );
    let undo = harness
        .state()
        .session()
        .unwrap()
        .history()
        .undo_label()
        .map(str::to_owned);
    assert!(
        undo.as_deref().is_some_and(|l| l.starts_with("Label")),
        "nothing was done: {undo:?}"
    );
}

/// Drags from `from` to `to` with `modifiers` held throughout.
fn drag_holding(
    harness: &mut Harness<'_, MarginaliaApp>,
    from: egui::Pos2,
    to: egui::Pos2,
    modifiers: Modifiers,
) {
    harness.event(Event::ModifiersChanged(modifiers));
    harness.event(Event::PointerMoved(from));
    harness.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    harness.step();
    for t in [0.3, 0.7, 1.0] {
        harness.event(Event::PointerMoved(from + (to - from) * t));
        harness.step();
    }
    harness.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.settle();
}

#[test]
fn dragging_a_handle_moves_that_end_snapping_to_words_or_with_alt_to_characters() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "drag.txt", ARTICLE);
    let mut harness = app(&article);
    let id = label(&mut harness, "Amélie", Key::E);
    let end = get(&harness, &id).span.end.0;
    let name = span_of(&harness, "Nakashima");
    // The end handle, dropped in the middle of "Nakashima" (nearer its end): the whole word.
    let from = char_pos(&harness, end - 1, true);
    let to = char_pos(&harness, name.start.0 + 6, false);
    drag_holding(&mut harness, from, to, Modifiers::NONE);
    assert_eq!(get(&harness, &id).text, "Amélie Dubois-Nakashima");
    assert_eq!(
        harness
            .state()
            .session()
            .unwrap()
            .view()
            .selection()
            .span()
            .len(),
        0,
        "dragging a handle selects no text"
    );
    // With Alt, the start handle stops at the character it is dropped on.
    let start = get(&harness, &id).span.start.0;
    let from = char_pos(&harness, start, false);
    let to = char_pos(&harness, start + 2, false);
    drag_holding(&mut harness, from, to, Modifiers::ALT);
    assert_eq!(get(&harness, &id).text, "élie Dubois-Nakashima");
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(get(&harness, &id).text, "Amélie");
}

#[test]
fn set_span_to_selection_replaces_the_span_or_the_fragment_the_selection_overlaps() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "respan.txt", ARTICLE);
    let mut harness = app(&article);
    let id = label(&mut harness, "We will not wait", Key::Q);
    let fragment = span_of(&harness, "the harbour master");
    select(&mut harness, fragment);
    key(&mut harness, Modifiers::SHIFT, Key::Q);
    assert_eq!(get(&harness, &id).fragments.len(), 1);
    // A wider selection over the fragment replaces the fragment, trimmed of white space.
    let wider = span_of(&harness, " the harbour master 👷🏽‍♀️");
    select(&mut harness, wider);
    key(&mut harness, Modifiers::SHIFT, Key::S);
    let quote = get(&harness, &id);
    assert_eq!(quote.text, "We will not wait");
    assert_eq!(quote.fragments[0].text, "the harbour master 👷🏽‍♀️");
    // Over the main span, the main span.
    let whole = span_of(&harness, "“We will not wait for the next storm,”");
    select(&mut harness, whole);
    key(&mut harness, Modifiers::SHIFT, Key::S);
    let quote = get(&harness, &id);
    assert_eq!(quote.text, "“We will not wait for the next storm,”");
    assert_eq!(quote.fragments.len(), 1);
    assert_eq!(quote.id, id);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(get(&harness, &id).text, "We will not wait");
}

/// A quote whose speaker is the entity "Amélie Dubois-Nakashima", with a cue and a mode.
fn quote_with_speaker(harness: &mut Harness<'_, MarginaliaApp>) -> (AnnotationId, AnnotationId) {
    let speaker = label(harness, "Amélie Dubois-Nakashima", Key::E);
    let quote = label(harness, "We will not wait for the next storm", Key::Q);
    let mut linked = get(harness, &quote);
    if let Attributes::Quote(q) = &mut linked.attributes {
        q.speaker = Some(Party::Mention(speaker.clone()));
        q.mode = Some(QuoteMode::Direct);
        q.cue = Some(marginalia::model::Excerpt {
            span: span_of(harness, "said"),
            text: "said".into(),
        });
    }
    linked.tags = vec!["headline".into()];
    command(
        harness,
        Command::Change {
            label: "Link".into(),
            edits: vec![Edit::Replace(linked)],
        },
    );
    command(harness, Command::SelectAnnotation(Some(quote.clone())));
    (speaker, quote)
}

#[test]
fn a_quote_becomes_a_claim_with_its_speaker_as_claimant_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "kind.txt", ARTICLE);
    let mut harness = app(&article);
    let (speaker, quote) = quote_with_speaker(&mut harness);
    key(&mut harness, Modifiers::NONE, Key::C);
    let claim = get(&harness, &quote);
    assert_eq!(claim.kind(), Kind::Claim);
    assert_eq!(
        claim.attributes.party(),
        Some(&Party::Mention(speaker.clone()))
    );
    assert_eq!(claim.tags, ["headline"]);
    let message = last_message(&harness);
    assert!(
        message.contains("its cue “said”") && message.contains("its mode (direct)"),
        "{message}"
    );
    // And back with 1: the claimant is the speaker again; undo brings back cue and mode.
    key(&mut harness, Modifiers::NONE, Key::Num1);
    assert_eq!(get(&harness, &quote).kind(), Kind::Quote);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    let restored = get(&harness, &quote);
    let Attributes::Quote(q) = &restored.attributes else {
        panic!("a quote again: {restored:?}")
    };
    assert_eq!(q.mode, Some(QuoteMode::Direct));
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert_eq!(q.speaker, Some(Party::Mention(speaker)));
}

#[test]
fn with_text_selected_the_kind_keys_label_the_text_not_the_selected_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "both.txt", ARTICLE);
    let mut harness = app(&article);
    let entity = label(&mut harness, "Amélie", Key::E);
    let claim = label(&mut harness, "港口市", Key::C);
    assert_ne!(entity, claim);
    assert_eq!(get(&harness, &entity).kind(), Kind::Entity);
    assert_eq!(texts(&harness).len(), 2);
}

#[test]
fn an_entity_that_speaks_becomes_a_quote_and_its_quote_keeps_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "entity.txt", ARTICLE);
    let mut harness = app(&article);
    let (speaker, quote) = quote_with_speaker(&mut harness);
    command(
        &mut harness,
        Command::SelectAnnotation(Some(speaker.clone())),
    );
    key(&mut harness, Modifiers::NONE, Key::Q);
    assert_eq!(get(&harness, &speaker).kind(), Kind::Quote);
    assert_eq!(
        get(&harness, &quote).attributes.party(),
        Some(&Party::Named("Amélie Dubois-Nakashima".into()))
    );
    assert!(
        last_message(&harness).contains("keep its name"),
        "{}",
        last_message(&harness)
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(get(&harness, &speaker).kind(), Kind::Entity);
    assert_eq!(
        get(&harness, &quote).attributes.party(),
        Some(&Party::Mention(speaker))
    );
}

fn claim_attributes(
    harness: &Harness<'_, MarginaliaApp>,
    id: &AnnotationId,
) -> (Option<CheckWorthiness>, Option<String>) {
    match get(harness, id).attributes {
        Attributes::Claim(c) => (c.check_worthiness, c.verdict),
        other => panic!("a claim: {other:?}"),
    }
}

#[test]
fn attribute_keys_cycle_mode_and_check_worthiness_and_pick_a_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "attributes.txt", ARTICLE);
    let mut harness = app(&article);
    let quote = label(&mut harness, "We will not wait", Key::Q);
    let mode = |harness: &Harness<'_, MarginaliaApp>| match get(harness, &quote).attributes {
        Attributes::Quote(q) => q.mode,
        _ => None,
    };
    for expected in [
        Some(QuoteMode::Direct),
        Some(QuoteMode::Indirect),
        Some(QuoteMode::Mixed),
        None,
    ] {
        key(&mut harness, Modifiers::NONE, Key::D);
        assert_eq!(mode(&harness), expected);
    }
    let claim = label(&mut harness, "the budget is €48.6 million", Key::C);
    key(&mut harness, Modifiers::NONE, Key::W);
    key(&mut harness, Modifiers::NONE, Key::W);
    key(&mut harness, Modifiers::NONE, Key::W);
    assert_eq!(
        claim_attributes(&harness, &claim).0,
        Some(CheckWorthiness::CheckWorthy)
    );
    // V opens the verdict picker: a digit picks (2: the schema's second verdict), Down and
    // Enter too, 0 clears.
    key(&mut harness, Modifiers::NONE, Key::V);
    assert!(harness.query_by_label("Choose the verdict").is_some());
    key(&mut harness, Modifiers::NONE, Key::Num2);
    assert_eq!(
        claim_attributes(&harness, &claim).1.as_deref(),
        Some("mostly true")
    );
    assert!(harness.query_by_label("Choose the verdict").is_none());
    key(&mut harness, Modifiers::NONE, Key::V);
    key(&mut harness, Modifiers::NONE, Key::ArrowDown);
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        claim_attributes(&harness, &claim).1.as_deref(),
        Some("half true")
    );
    key(&mut harness, Modifiers::NONE, Key::V);
    key(&mut harness, Modifiers::NONE, Key::Num0);
    assert_eq!(claim_attributes(&harness, &claim).1, None);
    // W and V mean nothing with a quote selected.
    command(&mut harness, Command::SelectAnnotation(Some(quote.clone())));
    key(&mut harness, Modifiers::NONE, Key::V);
    assert!(harness.query_by_label("Choose the verdict").is_none());
}

#[test]
fn the_context_menu_of_an_annotation_corrects_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "menu.txt", ARTICLE);
    let mut harness = app(&article);
    let id = label(&mut harness, "港口市", Key::E);
    command(&mut harness, Command::ClearSelection);
    let pos = char_pos(&harness, get(&harness, &id).span.start.0, false);
    harness.event(Event::PointerMoved(pos));
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.settle();
    assert_eq!(
        selected(&harness).as_ref(),
        Some(&id),
        "a right click selects"
    );
    harness.get_by_label("Type").hover();
    harness.settle();
    harness.get_by_label("Entity type LOCATION").click();
    harness.settle();
    match get(&harness, &id).attributes {
        Attributes::Entity(e) => assert_eq!(e.entity_type.as_deref(), Some("LOCATION")),
        other => panic!("{other:?}"),
    }
    harness.event(Event::PointerMoved(pos));
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.settle();
    // Entries show their keys.
    harness.get_by_label("Make It a Claim C").click();
    harness.settle();
    assert_eq!(get(&harness, &id).kind(), Kind::Claim);
}
