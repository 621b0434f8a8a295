//! The shortcut sheet (F1 or ?): every binding of the key table, grouped by what the keys do,
//! each command once with all its keys.

use crate::gui::command::Command;
use crate::gui::keys::{Binding, Group, KeyTable, When};
use egui::{Context, Grid, RichText, ScrollArea, Window};

/// One row of the sheet: the keys, what they do, and when they answer.
pub struct Row {
    /// The keys, as egui shows them.
    pub keys: Vec<String>,
    /// What they do.
    pub what: String,
    /// When they answer, if not always.
    pub when: Option<&'static str>,
}

/// The sheet's rows, by group in the sheet's order.
pub fn rows(table: &KeyTable, ctx: &Context) -> Vec<(Group, Vec<Row>)> {
    // Per group: each command (and when it answers) with all its keys.
    type Keys = (Command, When, Vec<String>);
    let mut groups: Vec<(Group, Vec<Keys>)> = Vec::new();
    for Binding {
        shortcut,
        command,
        when,
        group,
    } in table.bindings()
    {
        let at = match groups.binary_search_by_key(group, |(g, _)| *g) {
            Ok(at) => at,
            Err(at) => {
                groups.insert(at, (*group, Vec::new()));
                at
            }
        };
        let entries = &mut groups[at].1;
        let text = ctx.format_shortcut(shortcut);
        match entries
            .iter_mut()
            .find(|(c, w, _)| c == command && w == when)
        {
            Some((_, _, keys)) => keys.push(text),
            None => entries.push((command.clone(), *when, vec![text])),
        }
    }
    groups
        .into_iter()
        .map(|(group, entries)| {
            let rows = entries
                .into_iter()
                .map(|(command, when, keys)| Row {
                    keys,
                    what: command.label(),
                    when: describe(when),
                })
                .collect();
            (group, rows)
        })
        .collect()
}

fn describe(when: When) -> Option<&'static str> {
    match when {
        When::Anywhere | When::Reading => None,
        When::NotCurating => Some("not while curating"),
        When::Curating => Some("while curating"),
        When::Deciding => Some("while curating, no annotation selected"),
        When::Labelling => Some("selected text"),
        When::Correcting => Some("selected annotation, no text selected"),
        When::AnnotationSelected => Some("selected annotation"),
        When::EntitySelected => Some("selected entity"),
        When::QuoteSelected => Some("selected quote"),
        When::ClaimSelected => Some("selected claim"),
        When::Reviewing => Some("annotation under review"),
    }
}

/// Shows the sheet; closing it emits [`Command::ShowShortcuts`] (which toggles it).
pub fn show(ctx: &Context, table: &KeyTable, commands: &mut Vec<Command>) {
    let mut open = true;
    Window::new("Keyboard shortcuts")
        .open(&mut open)
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(
                    "Letter keys never fire while a text field has the focus. Click a highlight to select it; click again to select the one around it.",
                )
                .small(),
            );
            ScrollArea::vertical().max_height(520.0).show(ui, |ui| {
                for (group, rows) in rows(table, ctx) {
                    ui.add_space(6.0);
                    ui.label(RichText::new(group.label()).strong());
                    Grid::new(("shortcut_sheet", group as u8))
                        .striped(true)
                        .num_columns(2)
                        .show(ui, |ui| {
                            for row in rows {
                                ui.label(RichText::new(row.keys.join("  ")).monospace());
                                match row.when {
                                    Some(when) => ui.label(format!("{} ({when})", row.what)),
                                    None => ui.label(row.what),
                                };
                                ui.end_row();
                            }
                        });
                }
            });
            if ui.button("Close").clicked() {
                commands.push(Command::ShowShortcuts);
            }
        });
    if !open {
        commands.push(Command::ShowShortcuts);
    }
}
