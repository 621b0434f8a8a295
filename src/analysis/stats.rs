//! Counts of annotations: per kind, entity type and check-worthiness, and quotes per speaker.
//! Shared by `marginalia stats` and the window's statistics. No egui.

use crate::model::{AnnotationSet, Attributes, Party};
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts over one or more annotation sets (anchored and waiting for review alike).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Every annotation.
    pub annotations: usize,
    /// Per kind name.
    pub kinds: BTreeMap<String, usize>,
    /// Entities per type (`(no type)` for untyped ones).
    pub entity_types: BTreeMap<String, usize>,
    /// Claims per check-worthiness (`(not rated)` for unrated ones).
    pub check_worthiness: BTreeMap<String, usize>,
    /// Quotes per speaker: the speaker's identity, mention text or name (`(no speaker)`).
    pub quotes_per_speaker: BTreeMap<String, usize>,
}

impl Counts {
    /// The counts of one set.
    pub fn of(set: &AnnotationSet) -> Self {
        let mut counts = Self::default();
        counts.add(set);
        counts
    }

    /// Adds the annotations of `set`.
    pub fn add(&mut self, set: &AnnotationSet) {
        for annotation in set.anchored().iter().chain(set.unanchored()) {
            self.annotations += 1;
            *self
                .kinds
                .entry(annotation.kind().id().to_owned())
                .or_default() += 1;
            match &annotation.attributes {
                Attributes::Entity(e) => {
                    let name = e.entity_type.as_deref().unwrap_or("(no type)");
                    *self.entity_types.entry(name.to_owned()).or_default() += 1;
                }
                Attributes::Claim(c) => {
                    let name = c.check_worthiness.map_or("(not rated)", |w| w.label());
                    *self.check_worthiness.entry(name.to_owned()).or_default() += 1;
                }
                Attributes::Quote(q) => {
                    let speaker = match &q.speaker {
                        Some(Party::Named(name)) => name.clone(),
                        Some(Party::Mention(id)) => set.get(id).map_or_else(
                            || id.to_string(),
                            |mention| {
                                mention
                                    .attributes
                                    .identity()
                                    .and_then(|i| set.identity(i))
                                    .map_or_else(|| mention.text.clone(), |i| i.name.clone())
                            },
                        ),
                        None => "(no speaker)".to_owned(),
                    };
                    *self.quotes_per_speaker.entry(speaker).or_default() += 1;
                }
            }
        }
    }
}

/// The entries of a count, largest first (then by name).
pub fn largest_first(counts: &BTreeMap<String, usize>) -> Vec<(&str, usize)> {
    let mut items: Vec<(&str, usize)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    items
}
