//! The find bar (Ctrl+F): a field with incremental search, match count, next / previous, and
//! the match options. Everything it does goes out as commands.

use crate::gui::command::{Command, PreferenceChange};
use crate::model::search::SearchOptions;
use egui::text::{CCursor, CCursorRange};
use egui::{Id, Key, TextEdit, Ui};

/// What the bar shows.
pub struct FindInput<'a> {
    /// What is looked for.
    pub text: &'a str,
    /// How it matches.
    pub options: SearchOptions,
    /// "3 of 17".
    pub status: &'a str,
    /// Take the focus (with the text selected) this frame.
    pub focus: bool,
}

/// The id of the find field.
pub fn field_id() -> Id {
    Id::unique("find_field")
}

/// Shows the bar.
pub fn show(ui: &mut Ui, input: &FindInput<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let id = field_id();
        if input.focus {
            let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
            state.cursor.set_char_range(Some(CCursorRange::two(
                CCursor::new(0),
                CCursor::new(input.text.chars().count()),
            )));
            state.store(ui.ctx(), id);
            ui.memory_mut(|m| m.request_focus(id));
        }
        let label = ui.label("Find:");
        let mut text = input.text.to_owned();
        let field = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id(id)
                    .hint_text("Text in the article")
                    .desired_width(260.0)
                    .return_key(None),
            )
            .labelled_by(label.id);
        if field.changed() {
            commands.push(Command::SearchFor(text));
        }
        if field.has_focus() {
            let (enter, shift) = ui.input(|i| (i.key_pressed(Key::Enter), i.modifiers.shift));
            if enter {
                commands.push(if shift {
                    Command::FindPrevious
                } else {
                    Command::FindNext
                });
            }
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
            commands.push(Command::CloseFind);
        }
        ui.label(input.status);
        if ui
            .button("Previous")
            .on_hover_text("Previous match (Shift+Enter, Shift+F3)")
            .clicked()
        {
            commands.push(Command::FindPrevious);
        }
        if ui
            .button("Next")
            .on_hover_text("Next match (Enter, F3)")
            .clicked()
        {
            commands.push(Command::FindNext);
        }
        let mut options = input.options;
        ui.checkbox(&mut options.case_sensitive, "Match case");
        ui.checkbox(&mut options.match_accents, "Match accents")
            .on_hover_text("Off: “natasha” finds “Natásha”");
        ui.checkbox(&mut options.whole_words, "Whole words");
        if options != input.options {
            commands.push(Command::SetPreference(PreferenceChange::FindOptions(
                options,
            )));
        }
        if ui
            .button("Close")
            .on_hover_text("Close the find bar (Esc)")
            .clicked()
        {
            commands.push(Command::CloseFind);
        }
    });
}
