//! The re-anchoring review: the annotations that moved, changed or were orphaned when the
//! article changed, each with what can be done about it.

use crate::anchor::Outcome;
use crate::gui::app::ReviewItem;
use crate::gui::command::Command;
use crate::gui::theme::Palette;
use crate::gui::views::paragraph_layout::label_text;
use crate::model::AnnotationId;
use egui::{RichText, ScrollArea, Ui};

/// Chars of an annotation's text shown in a row.
const SNIPPET_CHARS: usize = 40;

/// Shows `items` under a collapsible heading; buttons emit commands.
pub fn show(
    ui: &mut Ui,
    items: &[ReviewItem],
    selected: Option<&AnnotationId>,
    palette: Palette,
    commands: &mut Vec<Command>,
) {
    let heading = format!("Review re-anchoring ({})", items.len());
    egui::CollapsingHeader::new(RichText::new(heading).color(palette.warning()))
        .id_salt("review_reanchoring")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "The article changed since these were saved. Click one to see it in the text.",
                )
                .small(),
            );
            let acceptable = items.iter().any(|i| i.outcome != Outcome::Orphaned);
            if acceptable
                && ui
                    .button(Command::AcceptAllReanchoring.label())
                    .on_hover_text("Keep every moved annotation where it is now and take every proposed change")
                    .clicked()
            {
                commands.push(Command::AcceptAllReanchoring);
            }
            // Rows are drawn only where visible: after a paragraph is inserted near the top of a
            // book, thousands of annotations may have moved.
            let row_height = 2.0 * ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
            ScrollArea::vertical()
                .id_salt("review_list")
                .max_height(220.0)
                .show_rows(ui, row_height, items.len(), |ui, rows| {
                    for item in &items[rows] {
                        row(ui, item, selected, palette, commands);
                    }
                });
        });
    ui.separator();
}

fn row(
    ui: &mut Ui,
    item: &ReviewItem,
    selected: Option<&AnnotationId>,
    palette: Palette,
    commands: &mut Vec<Command>,
) {
    let (status, hover) = match (item.outcome, &item.new_text) {
        (Outcome::Moved, _) => (
            "Moved",
            "Its text was found elsewhere in the article.".to_owned(),
        ),
        (Outcome::Changed, Some(new)) if *new == item.old_text => (
            "Unsure",
            "Its text stands in more than one place that fits about as well (a passage the article repeats): this is the likelier one. Accept it, or select the right one and choose Set Span to Selection.".to_owned(),
        ),
        (Outcome::Changed, Some(new)) => {
            ("Changed", format!("Was “{}”\nNow “{}”", item.old_text, new))
        }
        _ => (
            "Orphaned",
            format!(
                "“{}” is no longer in the article. Select where it belongs and choose Attach to Selection, or delete it.",
                item.old_text
            ),
        ),
    };
    let text = item.new_text.as_deref().unwrap_or(&item.old_text);
    let snippet: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(SNIPPET_CHARS)
        .collect();
    ui.vertical(|ui| {
        let label = RichText::new(label_text(&format!("{status}: “{snippet}”"))).color(match item
            .outcome
        {
            Outcome::Orphaned => palette.error(),
            Outcome::Changed => palette.warning(),
            _ => ui.visuals().text_color(),
        });
        if ui
            .selectable_label(selected == Some(&item.id), label)
            .on_hover_text(label_text(&hover))
            .clicked()
        {
            commands.push(Command::ShowReviewItem(item.id.clone()));
        }
        ui.horizontal(|ui| {
            if item.outcome != Outcome::Orphaned {
                if ui
                    .small_button("Accept")
                    .on_hover_text("Keep the place found (Y)")
                    .clicked()
                {
                    commands.push(Command::AcceptReanchoring(Some(item.id.clone())));
                }
                if ui
                    .small_button("Reject")
                    .on_hover_text("The place found is wrong: leave it unplaced (N)")
                    .clicked()
                {
                    commands.push(Command::RejectReanchoring(Some(item.id.clone())));
                }
            }
            if ui
                .small_button("Attach to Selection")
                .on_hover_text(
                    "Place this annotation on the text selected in the article (Shift+S)",
                )
                .clicked()
            {
                commands.push(Command::AttachToSelection(item.id.clone()));
            }
            if ui.small_button("Delete").clicked() {
                commands.push(Command::Delete(item.id.clone()));
            }
        });
    });
}
