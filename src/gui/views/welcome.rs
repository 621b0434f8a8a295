//! What the window shows with no article open: how to open one, and the recent ones.

use crate::gui::command::Command;
use egui::{RichText, Ui};
use std::path::PathBuf;

/// Shows the welcome screen.
pub fn show(ui: &mut Ui, recent: &[PathBuf], commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading("Marginalia");
        ui.label("Annotate quotes, claims and entities in news articles.");
        ui.add_space(12.0);
        if ui.button("Open an article… (Ctrl+O)").clicked() {
            commands.push(Command::OpenDialog);
        }
        ui.label("or drop a text file on this window.");
        if !recent.is_empty() {
            ui.add_space(12.0);
            ui.label(RichText::new("Recent").strong());
            for path in recent {
                if ui.link(path.display().to_string()).clicked() {
                    commands.push(Command::Open(path.clone()));
                }
            }
        }
    });
}
