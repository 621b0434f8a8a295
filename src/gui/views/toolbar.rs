//! The toolbar: a button per kind with its swatch (the legend of how each kind is drawn),
//! Delete, and the text size.

use crate::gui::command::Command;
use crate::gui::keys::KeyTable;
use crate::gui::theme::Palette;
use crate::gui::views::swatch;
use crate::model::Kind;
use egui::{Align, Layout, Ui};

/// What the toolbar shows.
pub struct ToolbarInput<'a> {
    /// The keys, for the buttons' texts.
    pub keys: &'a KeyTable,
    /// True when an annotation is selected (Delete applies).
    pub has_selection: bool,
    /// The article text size factor.
    pub zoom: f32,
    /// Colours.
    pub palette: Palette,
}

/// Shows the toolbar.
pub fn show(ui: &mut Ui, input: &ToolbarInput<'_>, commands: &mut Vec<Command>) {
    let ctx = ui.ctx().clone();
    ui.horizontal(|ui| {
        for kind in Kind::ALL {
            let command = Command::Label(kind);
            let key = input.keys.shortcut_text(&command, &ctx).unwrap_or_default();
            swatch(ui, kind, input.palette);
            if ui
                .button(format!("{kind} ({key})"))
                .on_hover_text(format!("{} — or press {key}", command.label()))
                .clicked()
            {
                commands.push(command);
            }
            ui.add_space(6.0);
        }
        ui.separator();
        if ui
            .add_enabled(input.has_selection, egui::Button::new("Delete"))
            .on_hover_text("Delete the selected annotation (Delete)")
            .clicked()
        {
            commands.push(Command::DeleteSelected);
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.label(format!("{:.0} %", input.zoom * 100.0))
                .on_hover_text("Article text size: Ctrl+= / Ctrl+- / Ctrl+0");
        });
    });
}
