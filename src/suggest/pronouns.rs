//! Pronoun speakers: "she added" goes with the person the article named last, the most recent
//! speaker that is no pronoun or an entity of the set before it.

use super::{Piece, Reading, Suggestion};
use crate::model::{AnnotationSet, Attributes, Kind};

/// Pronouns that stand for a person speaking.
const PERSON_PRONOUNS: &[&str] = &[
    "he", "she", "they", "er", "sie", "il", "elle", "él", "ella", "hij", "zij",
];

/// True when `text` is a pronoun that can speak.
pub fn is_pronoun(text: &str) -> bool {
    PERSON_PRONOUNS.contains(&text.to_lowercase().as_str())
}

/// Gives each quote and claim in `found` (in text order) whose speaker is a pronoun the person
/// it stands for: the latest speaker before it that is no pronoun, or a later PERSON (or
/// untyped) entity of `set` before it.
pub fn resolve(reading: &Reading, set: &AnnotationSet, found: &mut [Suggestion]) {
    let mut last: Option<Piece> = None;
    for suggestion in found.iter_mut() {
        let Some(speaker) = &suggestion.speaker else {
            continue;
        };
        if !is_pronoun(&speaker.text) {
            last = Some(speaker.clone());
            continue;
        }
        let named = set
            .anchored()
            .iter()
            .filter(|a| a.span.end <= speaker.span.start && names_a_person(a))
            .max_by_key(|a| a.span.end)
            .map(|a| reading.piece(a.span));
        suggestion.antecedent = match (&last, named) {
            (Some(spoken), Some(named)) if named.span.end > spoken.span.end => Some(named),
            (Some(spoken), _) => Some(spoken.clone()),
            (None, named) => named,
        };
    }
}

/// True for an entity typed PERSON or not typed.
fn names_a_person(annotation: &crate::model::Annotation) -> bool {
    matches!(&annotation.attributes, Attributes::Entity(e)
        if annotation.kind() == Kind::Entity
            && e.entity_type.as_deref().is_none_or(|t| t.eq_ignore_ascii_case("PERSON")))
}
