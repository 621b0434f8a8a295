//! The find bar (Ctrl+F): a field with incremental search, match count, next / previous, and
//! the match options.

use crate::gui::command::Command;
use crate::model::search::SearchOptions;
use egui::text::{CCursor, CCursorRange};
use egui::{Id, Key, TextEdit, Ui};

/// The find bar's state, kept across articles.
#[derive(Default)]
pub struct FindBar {
    /// Shown or not.
    pub open: bool,
    /// What to find.
    pub text: String,
    /// How to match.
    pub options: SearchOptions,
    /// Focus the field (with its text selected) on the next frame.
    focus_requested: bool,
}

/// What happened in the find bar this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindEvent {
    /// The text or the options changed: search again from the caret.
    Changed,
    /// The bar was closed.
    Closed,
}

impl FindBar {
    /// The id of the find field.
    pub fn field_id() -> Id {
        Id::unique("find_field")
    }

    /// Opens the bar and focuses its field with the previous text selected, so that typing
    /// replaces it.
    pub fn open_and_focus(&mut self) {
        self.open = true;
        self.focus_requested = true;
    }

    /// Shows the bar; `status` is the match count text. Next / previous go out as commands.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        status: &str,
        commands: &mut Vec<Command>,
    ) -> Option<FindEvent> {
        let mut event = None;
        ui.horizontal(|ui| {
            let id = Self::field_id();
            if std::mem::take(&mut self.focus_requested) {
                let mut state =
                    egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
                state.cursor.set_char_range(Some(CCursorRange::two(
                    CCursor::new(0),
                    CCursor::new(self.text.chars().count()),
                )));
                state.store(ui.ctx(), id);
                ui.memory_mut(|m| m.request_focus(id));
            }
            let label = ui.label("Find:");
            let field = ui
                .add(
                    TextEdit::singleline(&mut self.text)
                        .id(id)
                        .hint_text("Text in the article")
                        .desired_width(260.0)
                        .return_key(None),
                )
                .labelled_by(label.id);
            if field.changed() {
                event = Some(FindEvent::Changed);
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
                self.open = false;
                event = Some(FindEvent::Closed);
            }
            ui.label(status);
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
            let before = self.options;
            ui.checkbox(&mut self.options.case_sensitive, "Match case");
            ui.checkbox(&mut self.options.whole_words, "Whole words");
            if self.options != before {
                event = Some(FindEvent::Changed);
            }
            if ui
                .button("Close")
                .on_hover_text("Close the find bar (Esc)")
                .clicked()
            {
                self.open = false;
                event = Some(FindEvent::Closed);
            }
        });
        event
    }
}
