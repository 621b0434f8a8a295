use super::table::{ALT, CTRL, CTRL_SHIFT, SHIFT};
use super::*;
use crate::analysis::curation::Decision;
use crate::gui::command::Motion;
use crate::model::correct::{Edge, Step};

const ALT_SHIFT: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);

fn press(key: Key, modifiers: Modifiers) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

#[test]
fn no_two_bindings_answer_the_same_key_in_any_state() {
    let table = KeyTable::new(&Schema::default());
    let clashes = clashes(&table);
    assert!(clashes.is_empty(), "{clashes:#?}");
}

#[test]
fn the_schema_keys_are_not_reserved_and_curation_letters_are_free_for_them() {
    let reserved = reserved_letters();
    for letter in ['Q', 'C', 'E', 'S', 'T', 'A'] {
        assert!(reserved.contains(&letter), "{letter}");
    }
    // L, R, B, N decide only while no entity is selected: a schema may use them.
    for letter in ['L', 'R', 'B', 'N', 'P', 'O', 'M'] {
        assert!(!reserved.contains(&letter), "{letter}");
    }
}

#[test]
fn keys_resolve_by_state_with_exact_modifiers() {
    let table = KeyTable::new(&Schema::default());
    let reading = KeyState::default();
    let curating = KeyState {
        curating: true,
        ..KeyState::default()
    };
    let entity = KeyState {
        selected: Some(Kind::Entity),
        ..KeyState::default()
    };
    let curating_entity = KeyState {
        curating: true,
        selected: Some(Kind::Entity),
        ..KeyState::default()
    };
    let quote = KeyState {
        selected: Some(Kind::Quote),
        ..KeyState::default()
    };
    let quote_and_text = KeyState {
        text_selected: true,
        ..quote
    };
    let reviewed_entity = KeyState {
        reviewing: true,
        ..entity
    };
    let typing = KeyState {
        typing: true,
        ..KeyState::default()
    };
    let moved = |edge, step, forward| {
        Some(Command::MoveEdge {
            edge,
            step,
            forward,
        })
    };
    let cases: [(KeyState, Key, Modifiers, Option<Command>); 29] = [
        (quote, Key::C, NONE, Some(Command::ChangeKind(Kind::Claim))),
        (
            quote_and_text,
            Key::C,
            NONE,
            Some(Command::Label(Kind::Claim)),
        ),
        (quote, Key::D, NONE, Some(Command::CycleQuoteMode)),
        (entity, Key::D, NONE, None),
        (quote, Key::W, NONE, None),
        (
            quote,
            Key::OpenBracket,
            NONE,
            moved(Edge::Start, Step::Word, false),
        ),
        (quote, Key::Period, ALT, moved(Edge::End, Step::Char, true)),
        (reading, Key::Period, NONE, None),
        (quote, Key::Period, CTRL, None),
        (
            reviewed_entity,
            Key::N,
            NONE,
            Some(Command::RejectReanchoring(None)),
        ),
        (reviewed_entity, Key::P, NONE, None),
        (
            curating,
            Key::L,
            SHIFT,
            Some(Command::DecideAlike(Decision::Left)),
        ),
        (
            curating,
            Key::B,
            CTRL_SHIFT,
            Some(Command::DecideRest(Decision::Both)),
        ),
        (reading, Key::E, NONE, Some(Command::Label(Kind::Entity))),
        (reading, Key::E, ALT, None),
        (reading, Key::E, CTRL, None),
        (typing, Key::E, NONE, None),
        (typing, Key::S, CTRL, Some(Command::Save)),
        (reading, Key::S, CTRL_SHIFT, Some(Command::SaveAs)),
        (
            reading,
            Key::ArrowLeft,
            NONE,
            Some(Command::Move(Motion::CharBack)),
        ),
        (
            curating,
            Key::ArrowLeft,
            NONE,
            Some(Command::CurationStep(false)),
        ),
        (
            curating,
            Key::ArrowRight,
            SHIFT,
            Some(Command::Extend(Motion::CharForward)),
        ),
        (
            reading,
            Key::ArrowRight,
            ALT_SHIFT,
            Some(Command::Extend(Motion::SentenceForward)),
        ),
        (
            curating,
            Key::L,
            NONE,
            Some(Command::Decide(Decision::Left)),
        ),
        (
            curating_entity,
            Key::L,
            NONE,
            Some(Command::SetEntityType("LOCATION".into())),
        ),
        (
            entity,
            Key::P,
            NONE,
            Some(Command::SetEntityType("PERSON".into())),
        ),
        (reading, Key::P, NONE, None),
        (
            reading,
            Key::Questionmark,
            SHIFT,
            Some(Command::ShowShortcuts),
        ),
        (reading, Key::L, NONE, None),
    ];
    for (state, pressed, modifiers, expected) in cases {
        let mut events = vec![press(pressed, modifiers)];
        let commands = table.resolve(state, &mut events);
        assert_eq!(
            commands.first(),
            expected.as_ref(),
            "{pressed:?} {modifiers:?} in {state:?}"
        );
        assert_eq!(
            events.is_empty(),
            expected.is_some(),
            "answered keys are taken"
        );
    }
}

#[test]
fn a_copy_event_is_the_copy_command_and_other_events_stay() {
    let table = KeyTable::new(&Schema::default());
    let mut events = vec![Event::Copy, Event::Text("x".into())];
    let commands = table.resolve(KeyState::default(), &mut events);
    assert_eq!(commands, [Command::CopySelection]);
    assert_eq!(events, [Event::Text("x".into())]);
}
