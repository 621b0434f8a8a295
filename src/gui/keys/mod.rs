//! The one key table: every key that does something in the window, in every state, with the
//! command it gives. [`KeyTable::resolve`] is the only place key presses become commands;
//! modifiers match exactly (Alt+E is not E), and [`clashes`] proves that no two bindings answer
//! the same key in any state. The shortcut sheet and the menus' shortcut texts come from here.

use crate::gui::command::Command;
use crate::model::Kind;
use crate::model::schema::Schema;
use egui::{Event, Key, KeyboardShortcut, Modifiers};

mod table;

use table::{NONE, built_in};

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
    /// Going through suggestions, accepting and rejecting them.
    Suggestions,
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
            Group::Suggestions => "Suggestions",
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

pub(super) const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
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
mod tests;
