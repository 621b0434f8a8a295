//! The side panel: every annotation in text order (filtered by kind, entity type, speaker,
//! tag and text), then those that need re-anchoring.

use crate::gui::command::Command;
use crate::gui::theme::Palette;
use crate::gui::views::paragraph_layout::label_text;
use crate::gui::views::swatch;
use crate::model::relations;
use crate::model::schema::Schema;
use crate::model::{Annotation, AnnotationId, AnnotationSet, Attributes, Kind};
use egui::{ComboBox, RichText, ScrollArea, TextEdit, Ui};

const SNIPPET_CHARS: usize = 60;

/// What the list shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListFilter {
    /// Kinds shown, in [`Kind::ALL`] order.
    pub kinds: [bool; 3],
    /// Only entities of this type.
    pub entity_type: Option<String>,
    /// Only quotes and claims by this speaker or claimant (by name).
    pub party: Option<String>,
    /// Only annotations with this tag.
    pub tag: Option<String>,
    /// Only annotations whose text, note or tags contain this (ignoring case).
    pub text: String,
}

impl Default for ListFilter {
    fn default() -> Self {
        Self {
            kinds: [true; 3],
            entity_type: None,
            party: None,
            tag: None,
            text: String::new(),
        }
    }
}

impl ListFilter {
    /// True when the filter lets everything through.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// True when `annotation` passes the filter.
    pub fn accepts(&self, set: &AnnotationSet, annotation: &Annotation) -> bool {
        if !self.kinds[annotation.kind() as usize] {
            return false;
        }
        if let Some(wanted) = &self.entity_type {
            match &annotation.attributes {
                Attributes::Entity(e) if e.entity_type.as_ref() == Some(wanted) => {}
                _ => return false,
            }
        }
        if let Some(wanted) = &self.party {
            match annotation.attributes.party() {
                Some(party) if relations::party_name(set, party) == *wanted => {}
                _ => return false,
            }
        }
        if let Some(wanted) = &self.tag
            && !annotation.tags.contains(wanted)
        {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        needle.is_empty()
            || annotation.full_text().to_lowercase().contains(&needle)
            || annotation
                .note
                .as_ref()
                .is_some_and(|n| n.to_lowercase().contains(&needle))
            || annotation
                .tags
                .iter()
                .any(|t| t.to_lowercase().contains(&needle))
    }
}

/// Shows the filter controls.
fn filter_controls(ui: &mut Ui, set: &AnnotationSet, schema: &Schema, filter: &mut ListFilter) {
    ui.horizontal(|ui| {
        let label = ui.label("Search:");
        ui.add(
            TextEdit::singleline(&mut filter.text)
                .hint_text("Text, note or tag")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        for (index, kind) in Kind::ALL.into_iter().enumerate() {
            ui.checkbox(&mut filter.kinds[index], kind.label());
        }
    });
    let mut parties: Vec<String> = set
        .anchored()
        .iter()
        .chain(set.unanchored())
        .filter_map(|a| a.attributes.party())
        .map(|p| relations::party_name(set, p))
        .collect();
    parties.sort();
    parties.dedup();
    let mut tags: Vec<&String> = set
        .anchored()
        .iter()
        .chain(set.unanchored())
        .flat_map(|a| &a.tags)
        .collect();
    tags.sort();
    tags.dedup();
    ui.horizontal_wrapped(|ui| {
        let types: Vec<String> = schema.entity_types.iter().map(|t| t.name.clone()).collect();
        choice(ui, "Type:", &mut filter.entity_type, &types);
        choice(ui, "Speaker:", &mut filter.party, &parties);
        let tags: Vec<String> = tags.into_iter().cloned().collect();
        choice(ui, "Tag:", &mut filter.tag, &tags);
        if !filter.is_empty() && ui.small_button("Show all").clicked() {
            *filter = ListFilter::default();
        }
    });
}

/// A labelled combo box of `options` with "any" for none.
fn choice(ui: &mut Ui, label: &str, value: &mut Option<String>, options: &[String]) {
    let label = ui.label(label);
    ComboBox::from_id_salt(("list_filter", label.id))
        .selected_text(value.as_deref().unwrap_or("any"))
        .width(90.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "any");
            for option in options {
                ui.selectable_value(value, Some(option.clone()), option);
            }
        })
        .response
        .labelled_by(label.id);
}

/// Shows the annotation list; a click emits [`Command::RevealAnnotation`].
pub fn show(
    ui: &mut Ui,
    annotations: &AnnotationSet,
    schema: &Schema,
    filter: &mut ListFilter,
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
    if !annotations.is_empty() {
        filter_controls(ui, annotations, schema, filter);
    }
    ui.separator();
    if annotations.is_empty() {
        ui.label(
            RichText::new("No annotations yet. Select text in the article and press Q, C or E.")
                .italics(),
        );
        return;
    }
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    let anchored = annotations.anchored();
    let shown: Vec<&Annotation> = if filter.is_empty() {
        anchored.iter().collect()
    } else {
        let shown: Vec<&Annotation> = anchored
            .iter()
            .filter(|a| filter.accepts(annotations, a))
            .collect();
        ui.label(format!("{} of {} shown", shown.len(), anchored.len()));
        shown
    };
    let row_height = ui.spacing().interact_size.y;
    ScrollArea::vertical()
        .id_salt("annotation_list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, rows| {
            for annotation in &shown[rows] {
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
            .selectable_label(selected == Some(&annotation.id), label_text(&label))
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
