//! Changes that touch links between annotations (speakers, claimants, entity identities),
//! built as lists of [`Edit`]s so that each is one undoable step and leaves no dangling link.

use super::annotation::{Annotation, AnnotationId, Kind};
use super::attributes::{Attributes, Identity, Party};
use super::set::{AnnotationSet, Edit};

/// Quotes and claims that name exactly this mention as speaker or claimant.
pub fn dependents<'a>(set: &'a AnnotationSet, mention: &AnnotationId) -> Vec<&'a Annotation> {
    set.anchored()
        .iter()
        .chain(set.unanchored())
        .filter(|a| a.attributes.party() == Some(&Party::Mention(mention.clone())))
        .collect()
}

/// The edits that delete the annotation `id` without leaving a dangling link: quotes and
/// claims naming it as speaker or claimant move to another mention of the same entity, or,
/// when there is none, keep its text as a free-text name; an identity left without mentions
/// goes too.
pub fn removal(set: &AnnotationSet, id: &AnnotationId) -> Vec<Edit> {
    let Some(doomed) = set.get(id) else {
        return Vec::new();
    };
    let mut edits = Vec::new();
    if doomed.kind() == Kind::Entity {
        let siblings: Vec<&Annotation> = set
            .same_entity(id)
            .into_iter()
            .filter(|a| &a.id != id)
            .collect();
        let replacement = match siblings.first() {
            Some(sibling) => Party::Mention(sibling.id.clone()),
            None => Party::Named(doomed.text.clone()),
        };
        for dependent in dependents(set, id) {
            let mut changed = dependent.clone();
            changed.attributes.set_party(Some(replacement.clone()));
            edits.push(Edit::Replace(changed));
        }
        edits.push(Edit::Remove(id.clone()));
        if let Some(identity) = doomed.attributes.identity()
            && siblings.is_empty()
        {
            edits.push(Edit::RemoveIdentity(identity.clone()));
        }
    } else {
        edits.push(Edit::Remove(id.clone()));
    }
    edits
}

/// The edits that make `mention` name the same real-world entity as `other`: it joins
/// `other`'s identity, which is created (named after `other`'s text) if `other` has none.
/// A previous identity of `mention` left without mentions goes.
pub fn join_entity(set: &AnnotationSet, mention: &AnnotationId, other: &AnnotationId) -> Vec<Edit> {
    let (Some(joining), Some(target)) = (set.get(mention), set.get(other)) else {
        return Vec::new();
    };
    if joining.kind() != Kind::Entity || target.kind() != Kind::Entity || mention == other {
        return Vec::new();
    }
    let mut edits = Vec::new();
    let identity = match target.attributes.identity() {
        Some(identity) => identity.clone(),
        None => {
            let identity = Identity {
                id: set.fresh_identity_id(),
                name: target.text.clone(),
                external_id: None,
            };
            let id = identity.id.clone();
            edits.push(Edit::PutIdentity(identity));
            let mut changed = target.clone();
            if let Attributes::Entity(e) = &mut changed.attributes {
                e.identity = Some(id.clone());
            }
            edits.push(Edit::Replace(changed));
            id
        }
    };
    if joining.attributes.identity() == Some(&identity) {
        return Vec::new();
    }
    edits.extend(leave_identity(set, joining));
    let mut changed = joining.clone();
    if let Attributes::Entity(e) = &mut changed.attributes {
        e.identity = Some(identity);
        if e.entity_type.is_none() {
            e.entity_type = target_type(target);
        }
    }
    edits.push(Edit::Replace(changed));
    edits
}

fn target_type(target: &Annotation) -> Option<String> {
    match &target.attributes {
        Attributes::Entity(e) => e.entity_type.clone(),
        _ => None,
    }
}

/// The edits that make `mention` its own entity again, apart from the other mentions.
pub fn separate_entity(set: &AnnotationSet, mention: &AnnotationId) -> Vec<Edit> {
    let Some(leaving) = set.get(mention) else {
        return Vec::new();
    };
    if leaving.attributes.identity().is_none() {
        return Vec::new();
    }
    let mut changed = leaving.clone();
    if let Attributes::Entity(e) = &mut changed.attributes {
        e.identity = None;
    }
    let mut edits = vec![Edit::Replace(changed)];
    edits.extend(leave_identity(set, leaving));
    edits
}

/// Removes `mention`'s identity when `mention` is its only mention (to run after the
/// mention's own edit).
fn leave_identity(set: &AnnotationSet, mention: &Annotation) -> Vec<Edit> {
    match mention.attributes.identity() {
        Some(identity) if set.same_entity(&mention.id).len() <= 1 => {
            vec![Edit::RemoveIdentity(identity.clone())]
        }
        _ => Vec::new(),
    }
}

/// The name a mention goes by: its identity's canonical name, or its own text.
pub fn entity_name<'a>(set: &'a AnnotationSet, mention: &'a Annotation) -> &'a str {
    mention
        .attributes
        .identity()
        .and_then(|i| set.identity(i))
        .map_or(mention.text.as_str(), |i| i.name.as_str())
}

/// How a speaker or claimant reads in lists: the entity's name, or the free-text name.
pub fn party_name(set: &AnnotationSet, party: &Party) -> String {
    match party {
        Party::Named(name) => name.clone(),
        Party::Mention(id) => set.get(id).map_or_else(
            || format!("(missing {id})"),
            |m| entity_name(set, m).to_owned(),
        ),
    }
}

/// The article's entities for a picker: one entry per identity, and one per distinct text
/// among mentions without identity, each with the mention to link to, sorted by name.
pub fn entity_choices(set: &AnnotationSet) -> Vec<(String, AnnotationId)> {
    let mut choices: Vec<(String, AnnotationId)> = Vec::new();
    for mention in set
        .anchored()
        .iter()
        .chain(set.unanchored())
        .filter(|a| a.kind() == Kind::Entity)
    {
        let name = entity_name(set, mention).to_owned();
        if !choices.iter().any(|(n, _)| *n == name) {
            choices.push((name, mention.id.clone()));
        }
    }
    choices.sort_by_key(|(name, _)| name.to_lowercase());
    choices
}
