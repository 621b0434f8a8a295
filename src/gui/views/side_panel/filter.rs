//! What the annotation list lets through, and the controls that set it. The kind and label
//! checkboxes are layers: what they hide is hidden in the article too.

use crate::gui::views::layers::Layers;
use crate::model::relations;
use crate::model::schema::Schema;
use crate::model::{Annotation, AnnotationSet, Attributes, Kind};
use egui::{ComboBox, TextEdit, Ui};
use std::collections::BTreeMap;

/// The check-worthiness filter's choice for claims not graded.
pub const NOT_GRADED: &str = "not graded";
/// The verdict filter's choice for claims without a verdict.
pub const NO_VERDICT: &str = "no verdict";

/// What the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ListFilter {
    /// Kinds and labels shown, in the list and in the article.
    pub layers: Layers,
    /// Only entities of this type.
    pub entity_type: Option<String>,
    /// Only quotes and claims by this speaker or claimant (by name).
    pub party: Option<String>,
    /// Only annotations with this tag.
    pub tag: Option<String>,
    /// Only claims of this check-worthiness (its label, or [`NOT_GRADED`]).
    pub check_worthiness: Option<String>,
    /// Only claims with this verdict (or [`NO_VERDICT`]).
    pub verdict: Option<String>,
    /// Only annotations whose text, note or tags contain this (ignoring case).
    pub text: String,
}

impl ListFilter {
    /// True when the filter lets everything through.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// True when `annotation` passes the filter.
    pub fn accepts(&self, set: &AnnotationSet, annotation: &Annotation) -> bool {
        self.layers.shows(annotation)
            && self.accepts_attributes(set, annotation)
            && self.accepts_text(annotation)
    }

    fn accepts_attributes(&self, set: &AnnotationSet, annotation: &Annotation) -> bool {
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
        if self.check_worthiness.is_none() && self.verdict.is_none() {
            return true;
        }
        let Attributes::Claim(claim) = &annotation.attributes else {
            return false;
        };
        let grade = claim.check_worthiness.map_or(NOT_GRADED, |g| g.label());
        let verdict = claim.verdict.as_deref().unwrap_or(NO_VERDICT);
        self.check_worthiness.as_deref().is_none_or(|w| w == grade)
            && self.verdict.as_deref().is_none_or(|v| v == verdict)
    }

    fn accepts_text(&self, annotation: &Annotation) -> bool {
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
pub fn controls(ui: &mut Ui, set: &AnnotationSet, schema: &Schema, filter: &mut ListFilter) {
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
        ui.label("Show:")
            .on_hover_text("Hidden kinds are hidden in the article too");
        for (index, kind) in Kind::ALL.into_iter().enumerate() {
            ui.checkbox(&mut filter.layers.kinds[index], kind.label());
        }
    });
    let all = || set.anchored().iter().chain(set.unanchored());
    let mut parties: Vec<String> = all()
        .filter_map(|a| a.attributes.party())
        .map(|p| relations::party_name(set, p))
        .collect();
    parties.sort();
    parties.dedup();
    let mut tags: Vec<String> = all().flat_map(|a| a.tags.iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    let types: Vec<String> = schema.entity_types.iter().map(|t| t.name.clone()).collect();
    let grades: Vec<String> = crate::model::CheckWorthiness::ALL
        .iter()
        .map(|g| g.label().to_owned())
        .chain([NOT_GRADED.to_owned()])
        .collect();
    let verdicts: Vec<String> = schema
        .verdicts
        .iter()
        .cloned()
        .chain([NO_VERDICT.to_owned()])
        .collect();
    egui::Grid::new("list_filter_choices")
        .num_columns(4)
        .show(ui, |ui| {
            choice(ui, "Type:", &mut filter.entity_type, &types);
            choice(ui, "Speaker:", &mut filter.party, &parties);
            ui.end_row();
            choice(ui, "Tag:", &mut filter.tag, &tags);
            choice(ui, "Verdict:", &mut filter.verdict, &verdicts);
            ui.end_row();
            choice(ui, "Graded:", &mut filter.check_worthiness, &grades);
            if !filter.is_empty() && ui.small_button("Show all").clicked() {
                *filter = ListFilter::default();
            }
            ui.end_row();
        });
    label_layers(ui, set, &mut filter.layers);
}

/// Checkboxes for the labels annotations were imported with (brat types such as LitBank's
/// `Recit`), with how many have each: unticked ones are hidden in the list and the article.
fn label_layers(ui: &mut Ui, set: &AnnotationSet, layers: &mut Layers) {
    let mut labels: BTreeMap<&str, usize> = BTreeMap::new();
    for annotation in set.anchored() {
        if let Some(label) = &annotation.source_label {
            *labels.entry(label).or_default() += 1;
        }
    }
    if labels.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Imported labels ({})", labels.len()))
        .id_salt("label_layers")
        .show(ui, |ui| {
            for (label, count) in labels {
                let mut shown = !layers.hidden_labels.contains(label);
                if ui
                    .checkbox(&mut shown, format!("{label} ({count})"))
                    .changed()
                {
                    if shown {
                        layers.hidden_labels.remove(label);
                    } else {
                        layers.hidden_labels.insert(label.to_owned());
                    }
                }
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
