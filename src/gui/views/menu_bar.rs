//! The menu bar: File, Edit, View, Sets, Settings and Help. Every entry emits a command; its
//! shortcut text comes from the key table.

use crate::gui::app::preferences::Preferences;
use crate::gui::command::{Command, PreferenceChange};
use crate::gui::keys::KeyTable;
use crate::interop::{ExportFormat, ImportFormat};
use crate::model::Kind;
use crate::store::sidecar;
use egui::{ThemePreference, Ui};
use std::path::Path;

/// The name the command line and menus use for the set in `<article>.ron`.
const DEFAULT_SET: &str = "default";

/// What the menus show.
pub struct MenuInput<'a> {
    /// The keys, for shortcut texts.
    pub keys: &'a KeyTable,
    /// The preferences (recent files, settings).
    pub preferences: &'a Preferences,
    /// True in folder mode.
    pub folder_open: bool,
    /// What Undo and Redo would do, when there is an article.
    pub undo: Option<String>,
    /// What Redo would do.
    pub redo: Option<String>,
    /// The open article, if any.
    pub article: Option<&'a Path>,
    /// The open set's name.
    pub set: &'a str,
    /// The compared set's name, if any.
    pub overlay: Option<&'a str>,
    /// The annotator's name as a set name.
    pub annotator_set: String,
    /// What makes the open article's suggestions, when one is open.
    pub suggesting_with: Option<&'a str>,
}

/// Shows the menu bar.
pub fn show(ui: &mut Ui, input: &MenuInput<'_>, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, input, commands));
        ui.menu_button("Edit", |ui| edit_menu(ui, input, commands));
        ui.menu_button("View", |ui| view_menu(ui, input, commands));
        sets_menu(ui, input, commands);
        ui.menu_button("Settings", |ui| settings_menu(ui, input, commands));
        ui.menu_button("Help", |ui| {
            entry(ui, input.keys, Command::ShowShortcuts, commands);
        });
    });
}

/// A menu entry for `command`, with its shortcut; a click emits it and closes the menu.
pub fn entry(ui: &mut Ui, keys: &KeyTable, command: Command, commands: &mut Vec<Command>) {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = keys.shortcut_text(&command, ui.ctx()) {
        button = button.shortcut_text(shortcut);
    }
    if ui.add(button).clicked() {
        commands.push(command);
        ui.close();
    }
}

fn file_menu(ui: &mut Ui, input: &MenuInput<'_>, commands: &mut Vec<Command>) {
    let keys = input.keys;
    for command in [
        Command::OpenDialog,
        Command::OpenByPath,
        Command::OpenWebAddress,
        Command::OpenFolderDialog,
    ] {
        entry(ui, keys, command, commands);
    }
    if input.folder_open {
        for command in [Command::NextArticle, Command::PreviousArticle] {
            entry(ui, keys, command, commands);
        }
    }
    ui.menu_button("Open Recent", |ui| {
        if input.preferences.recent_files.is_empty() {
            ui.label("No recent files");
        }
        for path in &input.preferences.recent_files {
            if ui.button(path.display().to_string()).clicked() {
                commands.push(Command::Open(path.clone()));
                ui.close();
            }
        }
    });
    entry(ui, keys, Command::ChooseWebFolder, commands);
    ui.separator();
    for command in [Command::Save, Command::SaveAs] {
        entry(ui, keys, command, commands);
    }
    ui.separator();
    ui.menu_button("Import", |ui| {
        for format in ImportFormat::ALL {
            entry(ui, keys, Command::Import(format), commands);
        }
        ui.separator();
        import_map_entries(ui, input, commands);
    });
    ui.menu_button("Export", |ui| {
        for format in ExportFormat::ALL {
            entry(ui, keys, Command::Export(format), commands);
        }
    });
    ui.separator();
    entry(ui, keys, Command::Quit, commands);
}

/// Which mapping file imports read labels with: the built-in one or a chosen file.
fn import_map_entries(ui: &mut Ui, input: &MenuInput<'_>, commands: &mut Vec<Command>) {
    let chosen = input.preferences.import_map.as_deref();
    let built_in = egui::Button::selectable(chosen.is_none(), Command::ForgetImportMap.label());
    if ui
        .add(built_in)
        .on_hover_text("Other tools' labels become kinds and entity types by name")
        .clicked()
    {
        commands.push(Command::ForgetImportMap);
        ui.close();
    }
    let label = match chosen.and_then(Path::file_name) {
        Some(name) => format!("Mapping File: {}", name.to_string_lossy()),
        None => Command::ChooseImportMap.label(),
    };
    let file = egui::Button::selectable(chosen.is_some(), label);
    if ui
        .add(file)
        .on_hover_text("A RON file saying which labels are quotes, claims and entities and which events join a quote to its speaker and cue (assets/polnear-map.ron for PolNeAR)")
        .clicked()
    {
        commands.push(Command::ChooseImportMap);
        ui.close();
    }
}

fn edit_menu(ui: &mut Ui, input: &MenuInput<'_>, commands: &mut Vec<Command>) {
    let keys = input.keys;
    for (command, step) in [(Command::Undo, &input.undo), (Command::Redo, &input.redo)] {
        let text = match step {
            Some(step) => format!("{} {step}", command.label()),
            None => command.label(),
        };
        let mut button = egui::Button::new(text);
        if let Some(shortcut) = keys.shortcut_text(&command, ui.ctx()) {
            button = button.shortcut_text(shortcut);
        }
        if ui.add_enabled(step.is_some(), button).clicked() {
            commands.push(command);
            ui.close();
        }
    }
    ui.separator();
    for command in [
        Command::Label(Kind::Quote),
        Command::Label(Kind::Claim),
        Command::Label(Kind::Entity),
        Command::AddFragment,
        Command::AnnotateAll,
        Command::DeleteSelected,
    ] {
        entry(ui, keys, command, commands);
    }
    ui.separator();
    for command in [Command::PickParty, Command::CycleEntityType] {
        entry(ui, keys, command, commands);
    }
    ui.menu_button("Correct Annotation", |ui| correct_menu(ui, keys, commands));
    ui.separator();
    for command in [
        Command::Find,
        Command::FindNext,
        Command::FindPrevious,
        Command::NextAnnotation,
        Command::PreviousAnnotation,
        Command::SelectAll,
        Command::ClearSelection,
    ] {
        entry(ui, keys, command, commands);
    }
}

/// The corrections of the selected annotation: kind, span, attributes.
fn correct_menu(ui: &mut Ui, keys: &KeyTable, commands: &mut Vec<Command>) {
    use crate::model::correct::{Edge, Step};
    for kind in Kind::ALL {
        entry(ui, keys, Command::ChangeKind(kind), commands);
    }
    ui.separator();
    entry(ui, keys, Command::SetSpanToSelection, commands);
    for edge in [Edge::Start, Edge::End] {
        for step in [Step::Word, Step::Char] {
            for forward in [false, true] {
                let command = Command::MoveEdge {
                    edge,
                    step,
                    forward,
                };
                entry(ui, keys, command, commands);
            }
        }
    }
    ui.separator();
    for command in [
        Command::CycleQuoteMode,
        Command::CycleCheckWorthiness,
        Command::PickVerdict,
    ] {
        entry(ui, keys, command, commands);
    }
}

fn view_menu(ui: &mut Ui, input: &MenuInput<'_>, commands: &mut Vec<Command>) {
    for command in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
        entry(ui, input.keys, command, commands);
    }
    ui.separator();
    entry(ui, input.keys, Command::ShowStatistics, commands);
    ui.separator();
    let toggle = Command::ToggleSuggestions;
    let mut button = egui::Button::selectable(input.preferences.suggestions, toggle.label());
    if let Some(shortcut) = input.keys.shortcut_text(&toggle, ui.ctx()) {
        button = button.shortcut_text(shortcut);
    }
    if ui
        .add(button)
        .on_hover_text("Show what Marginalia suggests annotating: J / K go through it, Enter accepts, X rejects")
        .clicked()
    {
        commands.push(toggle);
        ui.close();
    }
    if input.preferences.suggestions {
        let made_by = input
            .suggesting_with
            .unwrap_or(crate::suggest::BUILT_IN_RULES);
        ui.add(egui::Label::new(egui::RichText::new(made_by).small().weak()).wrap());
    }
    ui.separator();
    let current = ui.ctx().options(|o| o.theme_preference);
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
}

fn settings_menu(ui: &mut Ui, input: &MenuInput<'_>, commands: &mut Vec<Command>) {
    entry(ui, input.keys, Command::ShowSettings, commands);
    let mut autosave = input.preferences.autosave;
    if ui
        .checkbox(&mut autosave, "Autosave annotations")
        .on_hover_text("Save a few seconds after each change and when the window loses focus")
        .changed()
    {
        commands.push(Command::SetPreference(PreferenceChange::Autosave(autosave)));
    }
}

fn sets_menu(ui: &mut Ui, input: &MenuInput<'_>, commands: &mut Vec<Command>) {
    let Some(article) = input.article else {
        ui.add_enabled(false, egui::Button::new("Sets"));
        return;
    };
    let keys = input.keys;
    let current = input.set;
    ui.menu_button("Sets", |ui| {
        // Read only while the menu is open.
        let mut names: Vec<String> = sidecar::list_sets(article)
            .iter()
            .map(|s| s.as_deref().unwrap_or(DEFAULT_SET).to_owned())
            .collect();
        if !names.iter().any(|n| n == current) {
            names.insert(0, current.to_owned());
        }
        ui.label("Open set:");
        for name in &names {
            if ui.radio(name == current, name.as_str()).clicked() {
                commands.push(Command::SwitchSet(name.clone()));
                ui.close();
            }
        }
        ui.separator();
        let new_set = if input.preferences.annotator.trim().is_empty() {
            "New Set…".to_owned()
        } else {
            format!("New Set “{}”", input.annotator_set)
        };
        if ui.button(new_set).clicked() {
            commands.push(Command::NewSet);
            ui.close();
        }
        entry(ui, keys, Command::DuplicateSet, commands);
        if ui
            .add_enabled(
                current != DEFAULT_SET,
                egui::Button::new(Command::RenameSet.label()),
            )
            .on_disabled_hover_text("The default set keeps its name; duplicate it instead")
            .clicked()
        {
            commands.push(Command::RenameSet);
            ui.close();
        }
        ui.separator();
        ui.menu_button("Compare With", |ui| {
            let others: Vec<&String> = names.iter().filter(|n| *n != current).collect();
            if others.is_empty() {
                ui.label("No other set yet");
            }
            for name in others {
                if ui
                    .radio(input.overlay == Some(name.as_str()), name.as_str())
                    .clicked()
                {
                    commands.push(Command::CompareWith(Some(name.clone())));
                    ui.close();
                }
            }
            if input.overlay.is_some() {
                ui.separator();
                entry(ui, keys, Command::CompareWith(None), commands);
            }
        });
        if ui
            .add_enabled(
                input.overlay.is_some(),
                egui::Button::new(Command::StartCuration.label()),
            )
            .on_disabled_hover_text("Compare with another set first")
            .clicked()
        {
            commands.push(Command::StartCuration);
            ui.close();
        }
    });
}
