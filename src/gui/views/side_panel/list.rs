//! The annotation list: a row per quote and claim (with its speaker or claimant), a row per
//! entity with how often it is mentioned (opened, a row per mention), in text order.

use super::{SNIPPET_CHARS, SidePanel, SidePanelInput, filter};
use crate::analysis::people::{self, EntityKey};
use crate::gui::command::Command;
use crate::gui::theme::Palette;
use crate::gui::views::paragraph_layout::label_text;
use crate::gui::views::swatch;
use crate::model::relations;
use crate::model::schema::Schema;
use crate::model::{Annotation, AnnotationId, AnnotationSet, Attributes, Kind};
use egui::{CornerRadius, RichText, ScrollArea, Sense, Stroke, StrokeKind, Ui, vec2};

/// One row of the list.
enum Row<'a> {
    /// A quote or claim, or an entity mentioned once.
    Single(&'a Annotation),
    /// An entity mentioned more than once: its first mention, name, type and count.
    Entity {
        key: EntityKey,
        first: &'a Annotation,
        name: String,
        entity_type: Option<String>,
        count: usize,
        open: bool,
    },
    /// One mention of an opened entity.
    Mention(&'a Annotation),
}

/// Shows the counts, the legend, the filter and the rows.
pub fn show(
    ui: &mut Ui,
    input: &SidePanelInput<'_>,
    state: &mut SidePanel,
    commands: &mut Vec<Command>,
) {
    let annotations = input.annotations;
    legend(ui, annotations, input.schema, input.palette);
    if !annotations.is_empty() {
        filter::controls(ui, annotations, input.schema, &mut state.filter);
    }
    ui.separator();
    if annotations.is_empty() {
        ui.label(
            RichText::new("No annotations yet. Select text in the article and press Q, C or E.")
                .italics(),
        );
        return;
    }
    let shown: Vec<&Annotation> = annotations
        .anchored()
        .iter()
        .filter(|a| state.filter.is_empty() || state.filter.accepts(annotations, a))
        .collect();
    if !state.filter.is_empty() {
        ui.label(format!(
            "{} of {} shown",
            shown.len(),
            annotations.anchored().len()
        ));
    }
    let rows = rows(annotations, &shown, state);
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    let row_height = ui.spacing().interact_size.y;
    ScrollArea::vertical()
        .id_salt("annotation_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                show_row(ui, row, input, state, commands);
            }
        });
}

/// The rows for the `shown` annotations: entities folded into one row each.
fn rows<'a>(set: &'a AnnotationSet, shown: &[&'a Annotation], state: &SidePanel) -> Vec<Row<'a>> {
    let groups = people::entity_groups(set, shown.iter().copied());
    let by_first: std::collections::HashMap<&AnnotationId, &people::EntityGroup<'_>> =
        groups.iter().map(|g| (&g.mentions[0].id, g)).collect();
    let mut rows = Vec::with_capacity(shown.len());
    for annotation in shown {
        if annotation.kind() != Kind::Entity {
            rows.push(Row::Single(annotation));
            continue;
        }
        let Some(group) = by_first.get(&annotation.id) else {
            continue;
        };
        if group.mentions.len() == 1 {
            rows.push(Row::Single(annotation));
            continue;
        }
        let open = state.expanded.contains(&group.key);
        rows.push(Row::Entity {
            key: group.key.clone(),
            first: annotation,
            name: group.name.clone(),
            entity_type: group.entity_type.clone(),
            count: group.mentions.len(),
            open,
        });
        if open {
            rows.extend(group.mentions.iter().map(|m| Row::Mention(m)));
        }
    }
    rows
}

fn show_row(
    ui: &mut Ui,
    row: &Row<'_>,
    input: &SidePanelInput<'_>,
    state: &mut SidePanel,
    commands: &mut Vec<Command>,
) {
    let palette = input.palette;
    ui.horizontal(|ui| match row {
        Row::Single(annotation) => {
            swatch(ui, annotation.kind(), palette);
            let text = describe(input.annotations, annotation);
            pick(ui, annotation, &text, input.selected, commands);
        }
        Row::Entity {
            key,
            first,
            name,
            entity_type,
            count,
            open,
        } => {
            let arrow = if *open { "▾" } else { "▸" };
            let toggle = ui.small_button(arrow).on_hover_text(if *open {
                "Fold the mentions"
            } else {
                "List every mention"
            });
            if toggle.clicked() {
                if *open {
                    state.expanded.remove(key);
                } else {
                    state.expanded.insert(key.clone());
                }
            }
            swatch(ui, Kind::Entity, palette);
            let kind = entity_type.as_deref().unwrap_or("Entity");
            let text = format!("{kind} {name} ×{count}");
            pick(ui, first, &text, input.selected, commands);
        }
        Row::Mention(annotation) => {
            ui.add_space(28.0);
            let text = annotation.quoted_snippet(SNIPPET_CHARS);
            pick(ui, annotation, &text, input.selected, commands);
        }
    });
}

/// A row's clickable text: selects the annotation and scrolls to it.
fn pick(
    ui: &mut Ui,
    annotation: &Annotation,
    text: &str,
    selected: Option<&AnnotationId>,
    commands: &mut Vec<Command>,
) {
    let response = ui
        .selectable_label(selected == Some(&annotation.id), label_text(text))
        .on_hover_text(format!(
            "{} at chars {}–{}",
            annotation.kind(),
            annotation.span.start.0,
            annotation.span.end.0
        ));
    if response.clicked() {
        commands.push(Command::RevealAnnotation(annotation.id.clone()));
    }
}

/// How a quote, claim or single entity reads in the list: who says it and what, a claim's
/// grade and verdict, an entity's type and name.
pub fn describe(set: &AnnotationSet, annotation: &Annotation) -> String {
    let said = annotation.quoted_snippet(SNIPPET_CHARS);
    let who = |role: &str| {
        annotation.attributes.party().map_or_else(
            || format!("({role} unknown)"),
            |p| relations::party_name(set, p),
        )
    };
    match &annotation.attributes {
        Attributes::Quote(_) => format!("{}: {said}", who("speaker")),
        Attributes::Claim(claim) => {
            let mut text = format!("{}: {said}", who("claimant"));
            if let Some(grade) = claim.check_worthiness {
                text.push_str(&format!(" · {}", grade.label()));
            }
            if let Some(verdict) = &claim.verdict {
                text.push_str(&format!(" · {verdict}"));
            }
            text
        }
        Attributes::Entity(entity) => {
            let kind = entity.entity_type.as_deref().unwrap_or("Entity");
            format!("{kind} {}", relations::entity_name(set, annotation))
        }
    }
}

/// How many annotations of each kind, and the colour of each entity type: the legend of what
/// the article shows.
fn legend(ui: &mut Ui, set: &AnnotationSet, schema: &Schema, palette: Palette) {
    let mut counts = [0usize; Kind::ALL.len()];
    for annotation in set.anchored() {
        counts[annotation.kind() as usize] += 1;
    }
    ui.horizontal_wrapped(|ui| {
        for (kind, count) in Kind::ALL.into_iter().zip(counts) {
            swatch(ui, kind, palette);
            ui.label(format!("{count} {}", plural(kind, count)));
        }
    });
    if schema.entity_types.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for entity_type in &schema.entity_types {
            let colour = entity_type
                .colour
                .map_or(palette.kind(Kind::Entity), |rgb| palette.entity_type(rgb));
            let (rect, _) = ui.allocate_exact_size(vec2(16.0, 12.0), Sense::hover());
            ui.painter().rect_stroke(
                rect,
                CornerRadius::same(3),
                Stroke::new(1.5, colour),
                StrokeKind::Inside,
            );
            let key = entity_type
                .key
                .map_or_else(String::new, |k| format!(" ({k})"));
            ui.label(RichText::new(format!("{}{key}", entity_type.name)).small());
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
