//! The shortcut sheet (F1 or ?): every command with its keys, the article view's own keys and
//! the schema's entity type keys.

use crate::gui::command::Command;
use crate::model::schema::Schema;
use egui::{Context, Grid, Key, RichText, ScrollArea, Window};

/// Keys the article view handles itself, with what they do.
pub const VIEW_KEYS: [(&str, &str); 9] = [
    (
        "Left Right / Shift",
        "move the caret by character / extend the selection",
    ),
    ("Ctrl+Left Right / Shift", "by word"),
    ("Alt+Left Right / Shift", "by sentence"),
    ("Ctrl+Up Down / Shift", "by paragraph"),
    ("Up Down / Shift", "by line"),
    ("Home End / Shift", "to the start or end of the line"),
    ("Ctrl+Home Ctrl+End", "to the start or end of the article"),
    ("PageUp PageDown", "by a screen"),
    ("Ctrl+C", "copy the selected text"),
];

/// Shows the sheet while `open`; Escape or the button closes it.
pub fn show(ctx: &Context, open: &mut bool, schema: &Schema) {
    if !*open {
        return;
    }
    let mut keep_open = true;
    Window::new("Keyboard shortcuts")
        .open(&mut keep_open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            ScrollArea::vertical().max_height(520.0).show(ui, |ui| {
                Grid::new("shortcut_sheet").striped(true).show(ui, |ui| {
                    for command in Command::with_shortcuts() {
                        let keys: Vec<String> = command
                            .shortcuts()
                            .iter()
                            .map(|s| ctx.format_shortcut(s))
                            .collect();
                        ui.label(RichText::new(keys.join("  ")).monospace());
                        ui.label(command.label());
                        ui.end_row();
                    }
                    for entity_type in &schema.entity_types {
                        if let Some(key) = entity_type.key {
                            ui.label(RichText::new(key.to_string()).monospace());
                            ui.label(format!(
                                "Entity type {} (selected entity)",
                                entity_type.name
                            ));
                            ui.end_row();
                        }
                    }
                    for (keys, what) in VIEW_KEYS {
                        ui.label(RichText::new(keys).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
            if ui.button("Close").clicked() {
                *open = false;
            }
        });
    if !keep_open || ctx.input(|i| i.key_pressed(Key::Escape)) {
        *open = false;
    }
}
