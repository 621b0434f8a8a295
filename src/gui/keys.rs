//! The one key table: every key that does something in the window, in every state, with the
//! command it gives. [`KeyTable::resolve`] is the only place key presses become commands;
//! modifiers match exactly (Alt+E is not E), and [`clashes`] proves that no two bindings answer
//! the same key in any state. The shortcut sheet and the menus' shortcut texts come from here.

use crate::analysis::curation::Decision;
use crate::gui::command::{Command, Motion};
use crate::model::Kind;
use crate::model::schema::Schema;
use egui::{Event, Key, KeyboardShortcut, Modifiers};

/// What the window is doing, as far as keys care.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyState {
    /// A text field has the keyboard focus: keys that type or edit there are the field's.
    pub typing: bool,
    /// Two sets are being curated (the curation bar is shown).
    pub curating: bool,
    /// The selected annotation is an entity (the schema's type keys apply to it).
    pub entity_selected: bool,
}

impl KeyState {
    /// Every state there is, for checking the table.
    pub fn all() -> impl Iterator<Item = KeyState> {
        (0..8u8).map(|bits| KeyState {
            typing: bits & 1 != 0,
            curating: bits & 2 != 0,
            entity_selected: bits & 4 != 0,
        })
    }
}

/// When a binding answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Always, even while typing in a field (Ctrl+S, F1).
    Anywhere,
    /// Whenever no text field has the focus.
    Reading,
    /// Reading, and not curating (plain ← → move the caret).
    NotCurating,
    /// Reading and curating (← → step through the differences).
    Curating,
    /// Reading, curating, and no entity selected (L R B N decide; with an entity selected its
    /// type keys have the letters).
    Deciding,
    /// Reading with an entity selected (the schema's type keys).
    EntitySelected,
}

impl When {
    /// True when a binding of this kind answers in `state`.
    pub fn holds(self, state: KeyState) -> bool {
        let reading = !state.typing;
        match self {
            When::Anywhere => true,
            When::Reading => reading,
            When::NotCurating => reading && !state.curating,
            When::Curating => reading && state.curating,
            When::Deciding => reading && state.curating && !state.entity_selected,
            When::EntitySelected => reading && state.entity_selected,
        }
    }
}

/// What the shortcut sheet groups keys under, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Labelling text and editing the selected annotation.
    Annotating,
    /// Going from annotation to annotation.
    Annotations,
    /// Moving the caret and selecting text.
    Selecting,
    /// Find.
    Finding,
    /// Files, sets and folders.
    Files,
    /// Undo and redo.
    History,
    /// What the window shows.
    Viewing,
    /// Curating two sets.
    Curating,
}

impl Group {
    /// The heading of the group on the sheet.
    pub fn label(self) -> &'static str {
        match self {
            Group::Annotating => "Annotating",
            Group::Annotations => "Going through annotations",
            Group::Selecting => "Moving and selecting",
            Group::Finding => "Finding",
            Group::Files => "Files and folders",
            Group::History => "Undo",
            Group::Viewing => "Viewing",
            Group::Curating => "Curating two sets",
        }
    }
}

/// One key and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The key with its modifiers.
    pub shortcut: KeyboardShortcut,
    /// What it does.
    pub command: Command,
    /// When it answers.
    pub when: When,
    /// Where the sheet lists it.
    pub group: Group,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// The caret motions: the key, its modifiers for moving (Shift is added for extending the
/// selection), the motion, and when plain moving answers (plain ← → step through differences
/// while curating).
const MOTIONS: [(Key, Modifiers, Motion, When); 16] = [
    (Key::ArrowLeft, NONE, Motion::CharBack, When::NotCurating),
    (
        Key::ArrowRight,
        NONE,
        Motion::CharForward,
        When::NotCurating,
    ),
    (Key::ArrowLeft, CTRL, Motion::WordBack, When::Reading),
    (Key::ArrowRight, CTRL, Motion::WordForward, When::Reading),
    (Key::ArrowLeft, ALT, Motion::SentenceBack, When::Reading),
    (Key::ArrowRight, ALT, Motion::SentenceForward, When::Reading),
    (Key::ArrowUp, CTRL, Motion::ParagraphBack, When::Reading),
    (
        Key::ArrowDown,
        CTRL,
        Motion::ParagraphForward,
        When::Reading,
    ),
    (Key::ArrowUp, NONE, Motion::RowUp, When::Reading),
    (Key::ArrowDown, NONE, Motion::RowDown, When::Reading),
    (Key::Home, NONE, Motion::RowStart, When::Reading),
    (Key::End, NONE, Motion::RowEnd, When::Reading),
    (Key::PageUp, NONE, Motion::PageUp, When::Reading),
    (Key::PageDown, NONE, Motion::PageDown, When::Reading),
    (Key::Home, CTRL, Motion::ArticleStart, When::Reading),
    (Key::End, CTRL, Motion::ArticleEnd, When::Reading),
];

/// The bindings that do not depend on the schema, most often used first within each group.
fn built_in() -> Vec<Binding> {
    use Command as C;
    let bind = |shortcut, command, when, group| Binding {
        shortcut,
        command,
        when,
        group,
    };
    let mut table = vec![
        // Annotating.
        bind(
            key(NONE, Key::Q),
            C::Label(Kind::Quote),
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::Num1),
            C::Label(Kind::Quote),
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::C),
            C::Label(Kind::Claim),
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::Num2),
            C::Label(Kind::Claim),
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::E),
            C::Label(Kind::Entity),
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::Num3),
            C::Label(Kind::Entity),
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(SHIFT, Key::Q),
            C::AddFragment,
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::A),
            C::AnnotateAll,
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::S),
            C::PickParty,
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::T),
            C::CycleEntityType,
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::Delete),
            C::DeleteSelected,
            When::Reading,
            Group::Annotating,
        ),
        bind(
            key(NONE, Key::Backspace),
            C::DeleteSelected,
            When::Reading,
            Group::Annotating,
        ),
        // Going through annotations.
        bind(
            key(NONE, Key::Tab),
            C::NextAnnotation,
            When::Reading,
            Group::Annotations,
        ),
        bind(
            key(SHIFT, Key::Tab),
            C::PreviousAnnotation,
            When::Reading,
            Group::Annotations,
        ),
        bind(
            key(NONE, Key::Escape),
            C::ClearSelection,
            When::Reading,
            Group::Annotations,
        ),
        // Selecting (the motions follow below).
        bind(
            key(CTRL, Key::A),
            C::SelectAll,
            When::Reading,
            Group::Selecting,
        ),
        bind(
            key(CTRL, Key::C),
            C::CopySelection,
            When::Reading,
            Group::Selecting,
        ),
        // Finding.
        bind(key(CTRL, Key::F), C::Find, When::Anywhere, Group::Finding),
        bind(
            key(NONE, Key::F3),
            C::FindNext,
            When::Anywhere,
            Group::Finding,
        ),
        bind(
            key(SHIFT, Key::F3),
            C::FindPrevious,
            When::Anywhere,
            Group::Finding,
        ),
        // Files.
        bind(key(CTRL, Key::S), C::Save, When::Anywhere, Group::Files),
        bind(
            key(CTRL_SHIFT, Key::S),
            C::SaveAs,
            When::Anywhere,
            Group::Files,
        ),
        bind(
            key(CTRL, Key::O),
            C::OpenDialog,
            When::Anywhere,
            Group::Files,
        ),
        bind(
            key(CTRL_SHIFT, Key::O),
            C::OpenByPath,
            When::Anywhere,
            Group::Files,
        ),
        bind(
            key(CTRL, Key::PageDown),
            C::NextArticle,
            When::Anywhere,
            Group::Files,
        ),
        bind(
            key(CTRL, Key::PageUp),
            C::PreviousArticle,
            When::Anywhere,
            Group::Files,
        ),
        bind(key(CTRL, Key::Q), C::Quit, When::Anywhere, Group::Files),
        // Undo.
        bind(key(CTRL, Key::Z), C::Undo, When::Reading, Group::History),
        bind(
            key(CTRL_SHIFT, Key::Z),
            C::Redo,
            When::Reading,
            Group::History,
        ),
        bind(key(CTRL, Key::Y), C::Redo, When::Reading, Group::History),
        // Viewing.
        bind(
            key(NONE, Key::F1),
            C::ShowShortcuts,
            When::Anywhere,
            Group::Viewing,
        ),
        bind(
            key(NONE, Key::Questionmark),
            C::ShowShortcuts,
            When::Reading,
            Group::Viewing,
        ),
        bind(
            key(NONE, Key::F2),
            C::ShowStatistics,
            When::Anywhere,
            Group::Viewing,
        ),
        bind(
            key(CTRL, Key::Plus),
            C::ZoomIn,
            When::Anywhere,
            Group::Viewing,
        ),
        bind(
            key(CTRL, Key::Equals),
            C::ZoomIn,
            When::Anywhere,
            Group::Viewing,
        ),
        bind(
            key(CTRL, Key::Minus),
            C::ZoomOut,
            When::Anywhere,
            Group::Viewing,
        ),
        bind(
            key(CTRL, Key::Num0),
            C::ZoomReset,
            When::Anywhere,
            Group::Viewing,
        ),
        // Curating.
        bind(
            key(NONE, Key::L),
            C::Decide(Decision::Left),
            When::Deciding,
            Group::Curating,
        ),
        bind(
            key(NONE, Key::R),
            C::Decide(Decision::Right),
            When::Deciding,
            Group::Curating,
        ),
        bind(
            key(NONE, Key::B),
            C::Decide(Decision::Both),
            When::Deciding,
            Group::Curating,
        ),
        bind(
            key(NONE, Key::N),
            C::Decide(Decision::Neither),
            When::Deciding,
            Group::Curating,
        ),
        bind(
            key(NONE, Key::ArrowLeft),
            C::CurationStep(false),
            When::Curating,
            Group::Curating,
        ),
        bind(
            key(NONE, Key::ArrowRight),
            C::CurationStep(true),
            When::Curating,
            Group::Curating,
        ),
    ];
    for (pressed, modifiers, motion, when) in MOTIONS {
        table.push(bind(
            key(modifiers, pressed),
            C::Move(motion),
            when,
            Group::Selecting,
        ));
        let extending = modifiers.plus(SHIFT);
        table.push(bind(
            key(extending, pressed),
            C::Extend(motion),
            When::Reading,
            Group::Selecting,
        ));
    }
    table
}

/// Every binding of the window for an article with `schema`.
#[derive(Clone, Debug)]
pub struct KeyTable {
    bindings: Vec<Binding>,
}

impl KeyTable {
    /// The built-in bindings and the schema's entity type keys.
    pub fn new(schema: &Schema) -> Self {
        let mut bindings = built_in();
        for entity_type in &schema.entity_types {
            let Some(pressed) = entity_type.key.and_then(|k| Key::from_name(&k.to_string())) else {
                continue;
            };
            bindings.push(Binding {
                shortcut: key(NONE, pressed),
                command: Command::SetEntityType(entity_type.name.clone()),
                when: When::EntitySelected,
                group: Group::Annotating,
            });
        }
        Self { bindings }
    }

    /// Every binding.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Takes the key presses in `events` that a binding answers in `state` and gives their
    /// commands, in order; other events stay for egui.
    pub fn resolve(&self, state: KeyState, events: &mut Vec<Event>) -> Vec<Command> {
        let mut commands = Vec::new();
        events.retain(|event| {
            let found = match event {
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => self.command_for(state, *key, *modifiers),
                // egui turns Ctrl+C into a copy event of its own.
                Event::Copy => self.command_for(state, Key::C, Modifiers::COMMAND),
                _ => None,
            };
            match found {
                Some(command) => {
                    commands.push(command);
                    false
                }
                None => true,
            }
        });
        commands
    }

    /// The command `key` with `modifiers` gives in `state`.
    fn command_for(&self, state: KeyState, key: Key, modifiers: Modifiers) -> Option<Command> {
        self.bindings
            .iter()
            .find(|b| b.when.holds(state) && matches(b.shortcut, key, modifiers))
            .map(|b| b.command.clone())
    }

    /// The first key that gives `command`, as menus show it (`Ctrl+S`).
    pub fn shortcut_text(&self, command: &Command, ctx: &egui::Context) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| &b.command == command)
            .map(|b| ctx.format_shortcut(&b.shortcut))
    }
}

/// Keys typed with Shift on common layouts (`?` is Shift+/): their bindings hold with or
/// without it.
fn typed_with_shift(key: Key) -> bool {
    matches!(
        key,
        Key::Questionmark | Key::Plus | Key::Colon | Key::Exclamationmark | Key::Pipe
    )
}

/// True when `key` pressed with `modifiers` is `shortcut`: the same key and the same modifiers,
/// exactly (Alt+E is not E, Shift+← is not ←), Shift aside for keys typed with it.
fn matches(shortcut: KeyboardShortcut, key: Key, modifiers: Modifiers) -> bool {
    if shortcut.logical_key != key {
        return false;
    }
    let modifiers = if typed_with_shift(key) {
        Modifiers {
            shift: shortcut.modifiers.shift,
            ..modifiers
        }
    } else {
        modifiers
    };
    modifiers.matches_exact(shortcut.modifiers)
}

/// The plain letters a schema may not give its entity types: those bound to something else in
/// a state where an entity can be selected.
pub fn reserved_letters() -> Vec<char> {
    let entity_states: Vec<KeyState> = KeyState::all().filter(|s| s.entity_selected).collect();
    built_in()
        .iter()
        .filter(|b| b.shortcut.modifiers == NONE)
        .filter(|b| entity_states.iter().any(|s| b.when.holds(*s)))
        .filter_map(|b| {
            let name = b.shortcut.logical_key.name();
            let mut chars = name.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Some(c),
                _ => None,
            }
        })
        .collect()
}

/// Pairs of bindings that answer the same key press in some state, with that state.
pub fn clashes(table: &KeyTable) -> Vec<(Binding, Binding, KeyState)> {
    let mut found = Vec::new();
    for state in KeyState::all() {
        let active: Vec<&Binding> = table
            .bindings
            .iter()
            .filter(|b| b.when.holds(state))
            .collect();
        for (i, a) in active.iter().enumerate() {
            for b in &active[i + 1..] {
                let same = a.shortcut.logical_key == b.shortcut.logical_key
                    && (matches(a.shortcut, b.shortcut.logical_key, b.shortcut.modifiers)
                        || matches(b.shortcut, a.shortcut.logical_key, a.shortcut.modifiers));
                if same {
                    found.push(((*a).clone(), (*b).clone(), state));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

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
            entity_selected: true,
            ..KeyState::default()
        };
        let curating_entity = KeyState {
            curating: true,
            entity_selected: true,
            ..KeyState::default()
        };
        let typing = KeyState {
            typing: true,
            ..KeyState::default()
        };
        let cases: [(KeyState, Key, Modifiers, Option<Command>); 16] = [
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
}
