//! The status bar: the open set, the article's encoding and size, the selection, what runs in
//! the background, unsaved changes, the current suggestion and the latest info message.

use egui::Ui;

/// What the status bar shows.
pub struct StatusInput<'a> {
    /// About the open article: set, encoding, source, counts and selection.
    pub article: Option<String>,
    /// What runs in the background (saving, checking, comparing…).
    pub working: Vec<&'a str>,
    /// True when there are unsaved changes.
    pub dirty: bool,
    /// The current suggestion, said in a line, with its keys.
    pub suggestion: Option<String>,
    /// The latest info message.
    pub info: Option<&'a str>,
}

/// Shows the status bar.
pub fn show(ui: &mut Ui, input: &StatusInput<'_>) {
    ui.horizontal(|ui| {
        if let Some(article) = &input.article {
            ui.label(article);
            ui.separator();
        }
        for job in &input.working {
            ui.spinner();
            ui.label(format!("{job}…"));
            ui.separator();
        }
        if input.working.is_empty() && input.dirty {
            ui.label("• unsaved changes (Ctrl+S saves)");
            ui.separator();
        }
        if let Some(suggestion) = &input.suggestion {
            ui.label(egui::RichText::new(suggestion).strong());
            ui.separator();
        }
        if let Some(info) = input.info {
            ui.label(info);
        }
    });
}
