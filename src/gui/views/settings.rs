//! The settings window: who annotates, autosave, how Find and Annotate All match, and the
//! theme. Every change is a command; the window only shows the preferences it is given.

use crate::gui::app::preferences::Preferences;
use crate::gui::command::{Command, PreferenceChange};
use crate::model::search::SearchOptions;
use egui::{Context, RichText, ThemePreference, Ui, Window};

/// What the window shows.
pub struct SettingsInput<'a> {
    /// The preferences as they are.
    pub preferences: &'a Preferences,
    /// The annotator's name as new sets will be named.
    pub annotator_set: String,
}

/// Shows the window; closing it emits [`Command::ShowSettings`] (which toggles it).
pub fn show(ctx: &Context, input: &SettingsInput<'_>, commands: &mut Vec<Command>) {
    let mut open = true;
    Window::new("Settings")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(420.0)
        .show(ctx, |ui| contents(ui, input, commands));
    if !open {
        commands.push(Command::ShowSettings);
    }
}

fn contents(ui: &mut Ui, input: &SettingsInput<'_>, commands: &mut Vec<Command>) {
    let preferences = input.preferences;
    ui.heading("Annotator");
    let label = ui.label("Your name or initials:");
    let mut annotator = preferences.annotator.clone();
    let field = ui
        .text_edit_singleline(&mut annotator)
        .labelled_by(label.id);
    if field.changed() {
        commands.push(Command::SetPreference(PreferenceChange::Annotator(
            annotator,
        )));
    }
    let note = if preferences.annotator.trim().is_empty() {
        "Marginalia asks for it before it makes your first set.".to_owned()
    } else {
        format!("New annotation sets are named “{}”.", input.annotator_set)
    };
    ui.label(RichText::new(note).weak());

    ui.add_space(8.0);
    ui.heading("Saving");
    let mut autosave = preferences.autosave;
    if ui
        .checkbox(&mut autosave, "Autosave annotations")
        .on_hover_text("Save a few seconds after each change and when the window loses focus")
        .changed()
    {
        commands.push(Command::SetPreference(PreferenceChange::Autosave(autosave)));
    }

    ui.add_space(8.0);
    ui.heading("Matching");
    ui.label("Find:");
    if let Some(options) = options(ui, "find", preferences.find_options) {
        commands.push(Command::SetPreference(PreferenceChange::FindOptions(
            options,
        )));
    }
    ui.label("Annotate All Occurrences:");
    if let Some(options) = options(ui, "annotate_all", preferences.annotate_all_options) {
        commands.push(Command::SetPreference(
            PreferenceChange::AnnotateAllOptions(options),
        ));
    }

    ui.add_space(8.0);
    ui.heading("Theme");
    let current = ui.ctx().options(|o| o.theme_preference);
    ui.horizontal(|ui| {
        for theme in [
            ThemePreference::System,
            ThemePreference::Light,
            ThemePreference::Dark,
        ] {
            let command = Command::SetTheme(theme);
            if ui.radio(current == theme, command.label()).clicked() && current != theme {
                commands.push(command);
            }
        }
    });
}

/// Three checkboxes for `current`; the options as changed, if they were.
fn options(ui: &mut Ui, salt: &str, current: SearchOptions) -> Option<SearchOptions> {
    let mut options = current;
    ui.push_id(salt, |ui| {
        ui.horizontal(|ui| {
            ui.checkbox(&mut options.whole_words, "Whole words only");
            ui.checkbox(&mut options.case_sensitive, "Match case");
            ui.checkbox(&mut options.match_accents, "Match accents");
        });
    });
    (options != current).then_some(options)
}
