//! The banner under the toolbar: the latest warnings and errors, each dismissable.

use crate::gui::app::messages::{Message, Severity};
use crate::gui::command::Command;
use crate::gui::theme::Palette;
use egui::{RichText, Ui};

/// Messages shown at most; the rest are counted.
const SHOWN: usize = 4;

/// The messages to show, with their index among all messages: warnings and errors only.
pub fn shown(messages: &[Message]) -> Vec<(usize, &Message)> {
    messages
        .iter()
        .enumerate()
        .filter(|(_, m)| m.severity != Severity::Info)
        .collect()
}

/// Shows `shown` (from [`shown`]), newest first; Dismiss emits a command.
pub fn show(
    ui: &mut Ui,
    shown: &[(usize, &Message)],
    palette: Palette,
    commands: &mut Vec<Command>,
) {
    for (index, message) in shown.iter().rev().take(SHOWN) {
        ui.horizontal_wrapped(|ui| {
            let color = match message.severity {
                Severity::Error => palette.error(),
                _ => palette.warning(),
            };
            if ui.small_button("Dismiss").clicked() {
                commands.push(Command::DismissMessage(*index));
            }
            ui.label(RichText::new(&message.text).color(color));
        });
    }
    if shown.len() > SHOWN {
        ui.label(format!("…and {} more", shown.len() - SHOWN));
    }
}
