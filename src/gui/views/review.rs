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
            ui.horizontal_wrapped(|ui| {
                if items.iter().any(|i| i.outcome == Outcome::Moved)
                    && ui
                        .button(Command::AcceptAllMoved.label())
                        .on_hover_text("Keep every moved annotation where it is now")
                        .clicked()
                {
                    commands.push(Command::AcceptAllMoved);
                }
                if items.iter().any(|i| i.outcome == Outcome::Changed)
                    && ui
                        .button(Command::AcceptAllChanged.label())
                        .on_hover_text(
                            "Take every proposed change (asks first, listing the words that change)",
                        )
                        .clicked()
                {
                    commands.push(Command::AcceptAllChanged);
                }
            });
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
        if let (Outcome::Changed, Some(new)) = (item.outcome, &item.new_text)
            && *new != item.old_text
        {
            ui.label(before_after(&item.old_text, new, ui, palette));
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

/// The words around a change and the change itself: removed words struck through, added ones
/// in the theme's colour ("rose to ~~188,000~~ 190,000 last year").
fn before_after(old: &str, new: &str, ui: &Ui, palette: Palette) -> egui::text::LayoutJob {
    use crate::anchor::diff::{Piece, changed_words};
    use egui::text::{LayoutJob, TextFormat};
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat::simple(font.clone(), ui.visuals().weak_text_color());
    let removed = TextFormat {
        strikethrough: egui::Stroke::new(1.0, palette.error()),
        ..TextFormat::simple(font.clone(), palette.error())
    };
    let added = TextFormat::simple(font, palette.added_text());
    let pieces = changed_words(old, new);
    let mut job = LayoutJob::default();
    for (index, piece) in pieces.iter().enumerate() {
        match piece {
            // Unchanged runs far from a change are shortened to a few words.
            Piece::Same(text) => {
                let short = shortened(text, index == 0, index + 1 == pieces.len());
                job.append(&label_text(&short), 0.0, plain.clone());
            }
            Piece::Removed(text) => job.append(&label_text(text), 0.0, removed.clone()),
            Piece::Added(text) => job.append(&label_text(text), 0.0, added.clone()),
        }
    }
    job
}

/// Words of an unchanged run kept next to a change.
const CONTEXT_WORDS: usize = 4;

/// `text` with only its last words when it opens the comparison, its first words when it ends
/// it, and its ends when it stands between two changes.
fn shortened(text: &str, first: bool, last: bool) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= 2 * CONTEXT_WORDS {
        return text.to_owned();
    }
    let head = words[..CONTEXT_WORDS].join(" ");
    let tail = words[words.len() - CONTEXT_WORDS..].join(" ");
    match (first, last) {
        (true, true) => text.to_owned(),
        (true, false) => format!("… {tail}"),
        (false, true) => format!("{head} …"),
        (false, false) => format!("{head} … {tail}"),
    }
}
