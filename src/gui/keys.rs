//! The one key table: every key that does something in the window, in every state, with the
//! command it gives. [`KeyTable::resolve`] is the only place key presses become commands;
//! modifiers match exactly (Alt+E is not E), and [`clashes`] proves that no two bindings answer
//! the same key in any state. The shortcut sheet and the menus' shortcut texts come from here.

use crate::analysis::curation::Decision;
use crate::gui::command::{Command, Motion};
use crate::model::Kind;
use crate::model::correct::{Edge, Step};
use crate::model::schema::Schema;
use egui::{Event, Key, KeyboardShortcut, Modifiers};

/// What the window is doing, as far as keys care.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyState {
    /// A text field has the keyboard focus: keys that type or edit there are the field's.
    pub typing: bool,
    /// Two sets are being curated (the curation bar is shown).
    pub curating: bool,
    /// The kind of the selected annotation, if one is selected.
    pub selected: Option<Kind>,
    /// Some text is selected (more than a caret).
    pub text_selected: bool,
    /// The selected annotation is one re-anchoring asks the user to look at.
    pub reviewing: bool,
}

impl KeyState {
    /// Every state there is, for checking the table.
    pub fn all() -> impl Iterator<Item = KeyState> {
        let kinds = [
            None,
            Some(Kind::Quote),
            Some(Kind::Claim),
            Some(Kind::Entity),
        ];
        (0..16u8).flat_map(move |bits| {
            kinds.into_iter().map(move |selected| KeyState {
                typing: bits & 1 != 0,
                curating: bits & 2 != 0,
                text_selected: bits & 4 != 0,
                reviewing: bits & 8 != 0 && selected.is_some(),
                selected,
            })
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
    /// Reading, curating, and no annotation selected (L R B N decide; with an entity selected
    /// its type keys have the letters).
    Deciding,
    /// Reading, with text selected or no annotation selected: Q C E label the text.
    Labelling,
    /// Reading, with an annotation selected and no text selected: Q C E change its kind.
    Correcting,
    /// Reading with an annotation selected (its boundaries move).
    AnnotationSelected,
    /// Reading with an entity selected that is not under review (the schema's type keys).
    EntitySelected,
    /// Reading with a quote selected.
    QuoteSelected,
    /// Reading with a claim selected.
    ClaimSelected,
    /// Reading with an annotation selected that re-anchoring moved, changed or lost.
    Reviewing,
}

impl When {
    /// True when a binding of this kind answers in `state`.
    pub fn holds(self, state: KeyState) -> bool {
        let reading = !state.typing;
        let selected = state.selected.is_some();
        match self {
            When::Anywhere => true,
            When::Reading => reading,
            When::NotCurating => reading && !state.curating,
            When::Curating => reading && state.curating,
            When::Deciding => reading && state.curating && !selected,
            When::Labelling => reading && (state.text_selected || !selected),
            When::Correcting => reading && selected && !state.text_selected,
            When::AnnotationSelected => reading && selected,
            When::EntitySelected => {
                reading && state.selected == Some(Kind::Entity) && !state.reviewing
            }
            When::QuoteSelected => reading && state.selected == Some(Kind::Quote),
            When::ClaimSelected => reading && state.selected == Some(Kind::Claim),
            When::Reviewing => reading && state.reviewing,
        }
    }
}

/// What the shortcut sheet groups keys under, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Labelling text and editing the selected annotation.
    Annotating,
    /// Correcting the selected annotation's span and kind.
    Correcting,
    /// Reviewing what re-anchoring found.
    Reviewing,
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
            Group::Correcting => "Correcting the selected annotation",
            Group::Reviewing => "Reviewing re-anchoring",
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
    use Group as G;
    use When as W;
    let edge = |edge, step, forward| C::MoveEdge {
        edge,
        step,
        forward,
    };
    let rows: Vec<(Modifiers, Key, Command, When, Group)> = vec![
        // Annotating.
        (
            NONE,
            Key::Q,
            C::Label(Kind::Quote),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::Num1,
            C::Label(Kind::Quote),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::C,
            C::Label(Kind::Claim),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::Num2,
            C::Label(Kind::Claim),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::E,
            C::Label(Kind::Entity),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::Num3,
            C::Label(Kind::Entity),
            W::Labelling,
            G::Annotating,
        ),
        (SHIFT, Key::Q, C::AddFragment, W::Reading, G::Annotating),
        (NONE, Key::A, C::AnnotateAll, W::Reading, G::Annotating),
        (NONE, Key::S, C::PickParty, W::Reading, G::Annotating),
        (NONE, Key::T, C::CycleEntityType, W::Reading, G::Annotating),
        (
            NONE,
            Key::D,
            C::CycleQuoteMode,
            W::QuoteSelected,
            G::Annotating,
        ),
        (
            NONE,
            Key::W,
            C::CycleCheckWorthiness,
            W::ClaimSelected,
            G::Annotating,
        ),
        (
            NONE,
            Key::V,
            C::PickVerdict,
            W::ClaimSelected,
            G::Annotating,
        ),
        (
            NONE,
            Key::Delete,
            C::DeleteSelected,
            W::Reading,
            G::Annotating,
        ),
        (
            NONE,
            Key::Backspace,
            C::DeleteSelected,
            W::Reading,
            G::Annotating,
        ),
        // Correcting the selected annotation.
        (
            NONE,
            Key::Q,
            C::ChangeKind(Kind::Quote),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::Num1,
            C::ChangeKind(Kind::Quote),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::C,
            C::ChangeKind(Kind::Claim),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::Num2,
            C::ChangeKind(Kind::Claim),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::E,
            C::ChangeKind(Kind::Entity),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::Num3,
            C::ChangeKind(Kind::Entity),
            W::Correcting,
            G::Correcting,
        ),
        (
            SHIFT,
            Key::S,
            C::SetSpanToSelection,
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            NONE,
            Key::OpenBracket,
            edge(Edge::Start, Step::Word, false),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            NONE,
            Key::CloseBracket,
            edge(Edge::Start, Step::Word, true),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            NONE,
            Key::Comma,
            edge(Edge::End, Step::Word, false),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            NONE,
            Key::Period,
            edge(Edge::End, Step::Word, true),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            ALT,
            Key::OpenBracket,
            edge(Edge::Start, Step::Char, false),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            ALT,
            Key::CloseBracket,
            edge(Edge::Start, Step::Char, true),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            ALT,
            Key::Comma,
            edge(Edge::End, Step::Char, false),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            ALT,
            Key::Period,
            edge(Edge::End, Step::Char, true),
            W::AnnotationSelected,
            G::Correcting,
        ),
        // Reviewing re-anchoring.
        (
            NONE,
            Key::Y,
            C::AcceptReanchoring(None),
            W::Reviewing,
            G::Reviewing,
        ),
        (
            NONE,
            Key::N,
            C::RejectReanchoring(None),
            W::Reviewing,
            G::Reviewing,
        ),
        // Going through annotations.
        (
            NONE,
            Key::Tab,
            C::NextAnnotation,
            W::Reading,
            G::Annotations,
        ),
        (
            SHIFT,
            Key::Tab,
            C::PreviousAnnotation,
            W::Reading,
            G::Annotations,
        ),
        (
            NONE,
            Key::Escape,
            C::ClearSelection,
            W::Reading,
            G::Annotations,
        ),
        // Selecting (the motions follow below).
        (CTRL, Key::A, C::SelectAll, W::Reading, G::Selecting),
        (CTRL, Key::C, C::CopySelection, W::Reading, G::Selecting),
        // Finding.
        (CTRL, Key::F, C::Find, W::Anywhere, G::Finding),
        (NONE, Key::F3, C::FindNext, W::Anywhere, G::Finding),
        (SHIFT, Key::F3, C::FindPrevious, W::Anywhere, G::Finding),
        // Files.
        (CTRL, Key::S, C::Save, W::Anywhere, G::Files),
        (CTRL_SHIFT, Key::S, C::SaveAs, W::Anywhere, G::Files),
        (CTRL, Key::O, C::OpenDialog, W::Anywhere, G::Files),
        (CTRL_SHIFT, Key::O, C::OpenByPath, W::Anywhere, G::Files),
        (CTRL, Key::PageDown, C::NextArticle, W::Anywhere, G::Files),
        (CTRL, Key::PageUp, C::PreviousArticle, W::Anywhere, G::Files),
        (CTRL, Key::Q, C::Quit, W::Anywhere, G::Files),
        // Undo.
        (CTRL, Key::Z, C::Undo, W::Reading, G::History),
        (CTRL_SHIFT, Key::Z, C::Redo, W::Reading, G::History),
        (CTRL, Key::Y, C::Redo, W::Reading, G::History),
        // Viewing.
        (NONE, Key::F1, C::ShowShortcuts, W::Anywhere, G::Viewing),
        (
            NONE,
            Key::Questionmark,
            C::ShowShortcuts,
            W::Reading,
            G::Viewing,
        ),
        (NONE, Key::F2, C::ShowStatistics, W::Anywhere, G::Viewing),
        (CTRL, Key::Comma, C::ShowSettings, W::Anywhere, G::Viewing),
        (CTRL, Key::Plus, C::ZoomIn, W::Anywhere, G::Viewing),
        (CTRL, Key::Equals, C::ZoomIn, W::Anywhere, G::Viewing),
        (CTRL, Key::Minus, C::ZoomOut, W::Anywhere, G::Viewing),
        (CTRL, Key::Num0, C::ZoomReset, W::Anywhere, G::Viewing),
        // Curating.
        (
            NONE,
            Key::L,
            C::Decide(Decision::Left),
            W::Deciding,
            G::Curating,
        ),
        (
            NONE,
            Key::R,
            C::Decide(Decision::Right),
            W::Deciding,
            G::Curating,
        ),
        (
            NONE,
            Key::B,
            C::Decide(Decision::Both),
            W::Deciding,
            G::Curating,
        ),
        (
            NONE,
            Key::N,
            C::Decide(Decision::Neither),
            W::Deciding,
            G::Curating,
        ),
        (
            SHIFT,
            Key::L,
            C::DecideAlike(Decision::Left),
            W::Deciding,
            G::Curating,
        ),
        (
            SHIFT,
            Key::R,
            C::DecideAlike(Decision::Right),
            W::Deciding,
            G::Curating,
        ),
        (
            SHIFT,
            Key::B,
            C::DecideAlike(Decision::Both),
            W::Deciding,
            G::Curating,
        ),
        (
            SHIFT,
            Key::N,
            C::DecideAlike(Decision::Neither),
            W::Deciding,
            G::Curating,
        ),
        (
            CTRL_SHIFT,
            Key::L,
            C::DecideRest(Decision::Left),
            W::Deciding,
            G::Curating,
        ),
        (
            CTRL_SHIFT,
            Key::R,
            C::DecideRest(Decision::Right),
            W::Deciding,
            G::Curating,
        ),
        (
            CTRL_SHIFT,
            Key::B,
            C::DecideRest(Decision::Both),
            W::Deciding,
            G::Curating,
        ),
        (
            CTRL_SHIFT,
            Key::N,
            C::DecideRest(Decision::Neither),
            W::Deciding,
            G::Curating,
        ),
        (
            NONE,
            Key::ArrowLeft,
            C::CurationStep(false),
            W::Curating,
            G::Curating,
        ),
        (
            NONE,
            Key::ArrowRight,
            C::CurationStep(true),
            W::Curating,
            G::Curating,
        ),
    ];
    let mut table: Vec<Binding> = rows
        .into_iter()
        .map(|(modifiers, pressed, command, when, group)| Binding {
            shortcut: key(modifiers, pressed),
            command,
            when,
            group,
        })
        .collect();
    for (pressed, modifiers, motion, when) in MOTIONS {
        table.push(Binding {
            shortcut: key(modifiers, pressed),
            command: C::Move(motion),
            when,
            group: G::Selecting,
        });
        table.push(Binding {
            shortcut: key(modifiers.plus(SHIFT), pressed),
            command: C::Extend(motion),
            when: W::Reading,
            group: G::Selecting,
        });
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
/// a state where the type keys answer.
pub fn reserved_letters() -> Vec<char> {
    let entity_states: Vec<KeyState> = KeyState::all()
        .filter(|s| When::EntitySelected.holds(*s))
        .collect();
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
}
