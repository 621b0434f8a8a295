//! The People tab: every speaker and claimant in the order they first speak, each with their
//! quotes and claims in text order; a click goes to the statement.

use super::{SNIPPET_CHARS, SidePanelInput};
use crate::analysis::people::{self, Person};
use crate::gui::command::Command;
use crate::gui::views::paragraph_layout::label_text;
use crate::gui::views::swatch;
use crate::model::{Annotation, Attributes, Kind};
use egui::{RichText, ScrollArea, Ui};

/// One row of the tab.
enum Row<'a> {
    /// A person's name and how much they say.
    Person(&'a Person<'a>),
    /// One of their quotes or claims.
    Statement(&'a Annotation),
}

/// Shows the tab.
pub fn show(ui: &mut Ui, input: &SidePanelInput<'_>, commands: &mut Vec<Command>) {
    let everyone = people::people(input.annotations);
    if everyone.is_empty() {
        ui.label(
            RichText::new(
                "No quotes or claims yet. Label one (Q or C), then choose who says it with S.",
            )
            .italics(),
        );
        return;
    }
    let rows: Vec<Row<'_>> = everyone
        .iter()
        .flat_map(|person| {
            std::iter::once(Row::Person(person))
                .chain(person.statements.iter().map(|s| Row::Statement(s)))
        })
        .collect();
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    let row_height = ui.spacing().interact_size.y;
    ScrollArea::vertical()
        .id_salt("people_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                match row {
                    Row::Person(person) => heading(ui, person),
                    Row::Statement(statement) => statement_row(ui, input, statement, commands),
                }
            }
        });
}

fn heading(ui: &mut Ui, person: &Person<'_>) {
    let name = person.name.as_deref().unwrap_or("Not attributed");
    let counts = [(Kind::Quote, "quote"), (Kind::Claim, "claim")]
        .into_iter()
        .filter_map(|(kind, word)| {
            let n = person.count(kind);
            (n > 0).then(|| format!("{n} {word}{}", if n == 1 { "" } else { "s" }))
        })
        .collect::<Vec<_>>()
        .join(", ");
    ui.label(RichText::new(format!("{name} · {counts}")).strong());
}

fn statement_row(
    ui: &mut Ui,
    input: &SidePanelInput<'_>,
    statement: &Annotation,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        swatch(ui, statement.kind(), input.palette);
        let mut text = statement.quoted_snippet(SNIPPET_CHARS);
        if let Attributes::Claim(claim) = &statement.attributes
            && let Some(grade) = claim.check_worthiness
        {
            text.push_str(&format!(" · {}", grade.label()));
        }
        let response =
            ui.selectable_label(input.selected == Some(&statement.id), label_text(&text));
        if response.clicked() {
            commands.push(Command::RevealAnnotation(statement.id.clone()));
        }
    });
}
