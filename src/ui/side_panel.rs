//! The side panel: every annotation in text order, then those that need re-anchoring.

use crate::command::Command;
use crate::model::{Annotation, AnnotationId, AnnotationSet, Kind};
use crate::theme::Palette;
use crate::ui::swatch;
use egui::{RichText, ScrollArea, Ui};

const SNIPPET_CHARS: usize = 60;

/// Shows the annotation list; a click emits [`Command::RevealAnnotation`].
pub fn show(
    ui: &mut Ui,
    annotations: &AnnotationSet,
    selected: Option<&AnnotationId>,
    palette: Palette,
    commands: &mut Vec<Command>,
) {
    ui.heading("Annotations");
    let mut counts = [0usize; Kind::ALL.len()];
    for annotation in annotations.anchored() {
        counts[annotation.kind() as usize] += 1;
    }
    ui.horizontal_wrapped(|ui| {
        for (kind, count) in Kind::ALL.into_iter().zip(counts) {
            swatch(ui, kind, palette);
            ui.label(format!("{count} {}", plural(kind, count)));
        }
    });
    ui.separator();
    if annotations.is_empty() {
        ui.label(
            RichText::new("No annotations yet. Select text in the article and press Q, C or E.")
                .italics(),
        );
        return;
    }
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    let unanchored = annotations.unanchored();
    if !unanchored.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} need re-anchoring (the article changed):",
                unanchored.len()
            ))
            .color(palette.warning()),
        );
        for annotation in unanchored {
            let label = RichText::new(format!(
                "{} “{}”",
                annotation.kind(),
                annotation.snippet(SNIPPET_CHARS)
            ))
            .color(palette.warning());
            if ui
                .selectable_label(selected == Some(&annotation.id), label)
                .on_hover_text(format!(
                    "Was at chars {}–{}; its text is no longer there.",
                    annotation.span.start.0, annotation.span.end.0
                ))
                .clicked()
            {
                commands.push(Command::SelectAnnotation(Some(annotation.id.clone())));
            }
        }
        ui.separator();
    }
    let anchored = annotations.anchored();
    let row_height = ui.spacing().interact_size.y;
    ScrollArea::vertical()
        .id_salt("annotation_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, anchored.len(), |ui, rows| {
            for annotation in &anchored[rows] {
                entry(ui, annotation, selected, palette, commands);
            }
        });
}

fn entry(
    ui: &mut Ui,
    annotation: &Annotation,
    selected: Option<&AnnotationId>,
    palette: Palette,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        swatch(ui, annotation.kind(), palette);
        let label = format!(
            "{} “{}”",
            annotation.kind(),
            annotation.snippet(SNIPPET_CHARS)
        );
        let response = ui
            .selectable_label(selected == Some(&annotation.id), label)
            .on_hover_text(format!(
                "{} at chars {}–{}",
                annotation.kind(),
                annotation.span.start.0,
                annotation.span.end.0
            ));
        if response.clicked() {
            commands.push(Command::RevealAnnotation(annotation.id.clone()));
        }
    });
}

fn plural(kind: Kind, count: usize) -> &'static str {
    match (kind, count == 1) {
        (Kind::Quote, true) => "quote",
        (Kind::Quote, false) => "quotes",
        (Kind::Claim, true) => "claim",
        (Kind::Claim, false) => "claims",
        (Kind::Entity, true) => "entity",
        (Kind::Entity, false) => "entities",
    }
}
