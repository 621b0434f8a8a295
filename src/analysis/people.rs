//! Who said what: the speakers and claimants of an annotation set with their quotes and claims,
//! the entities grouped by who or what they name, and quoted text as lists show it. The side
//! panel, the People view and the report read the article through these. No egui.

use crate::model::relations;
use crate::model::{Annotation, AnnotationSet, Attributes, IdentityId, Kind};
use std::collections::HashMap;

/// Someone who speaks or claims in the article, with what they say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person<'a> {
    /// Their name as lists show it (the entity's name, or the typed name); `None` for the
    /// quotes and claims nobody is credited with.
    pub name: Option<String>,
    /// Their quotes and claims, in text order.
    pub statements: Vec<&'a Annotation>,
}

impl Person<'_> {
    /// How many of their statements are of `kind`.
    pub fn count(&self, kind: Kind) -> usize {
        self.statements.iter().filter(|a| a.kind() == kind).count()
    }
}

/// The article's speakers and claimants, in the order they first speak, each with their
/// placed quotes and claims; those credited to nobody come last, under no name.
pub fn people(set: &AnnotationSet) -> Vec<Person<'_>> {
    let mut people: Vec<Person<'_>> = Vec::new();
    let mut nobody: Vec<&Annotation> = Vec::new();
    for statement in set.anchored().iter().filter(|a| a.kind() != Kind::Entity) {
        let Some(party) = statement.attributes.party() else {
            nobody.push(statement);
            continue;
        };
        let name = relations::party_name(set, party);
        match people.iter_mut().find(|p| p.name.as_deref() == Some(&name)) {
            Some(person) => person.statements.push(statement),
            None => people.push(Person {
                name: Some(name),
                statements: vec![statement],
            }),
        }
    }
    if !nobody.is_empty() {
        people.push(Person {
            name: None,
            statements: nobody,
        });
    }
    people
}

/// What makes entity mentions one entity in lists: their shared identity, or else the same
/// type and text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKey {
    /// Mentions joined into one identity.
    Identity(IdentityId),
    /// Mentions with this type (if any) and text.
    Name(Option<String>, String),
}

/// The mentions of one entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityGroup<'a> {
    /// What groups them.
    pub key: EntityKey,
    /// The entity's name.
    pub name: String,
    /// The type of its first mention that has one.
    pub entity_type: Option<String>,
    /// Its placed mentions, in text order.
    pub mentions: Vec<&'a Annotation>,
}

/// The key `mention` is grouped under.
pub fn entity_key(mention: &Annotation) -> EntityKey {
    match &mention.attributes {
        Attributes::Entity(e) => match &e.identity {
            Some(identity) => EntityKey::Identity(identity.clone()),
            None => EntityKey::Name(e.entity_type.clone(), mention.text.clone()),
        },
        _ => EntityKey::Name(None, mention.text.clone()),
    }
}

/// The entity `mentions` (of `set`, in text order) grouped into entities, in the order each is
/// first mentioned; other annotations among them are left out.
pub fn entity_groups<'a>(
    set: &'a AnnotationSet,
    mentions: impl IntoIterator<Item = &'a Annotation>,
) -> Vec<EntityGroup<'a>> {
    let mut groups: Vec<EntityGroup<'a>> = Vec::new();
    let mut index: HashMap<EntityKey, usize> = HashMap::new();
    for mention in mentions.into_iter().filter(|a| a.kind() == Kind::Entity) {
        let key = entity_key(mention);
        let entity_type = match &mention.attributes {
            Attributes::Entity(e) => e.entity_type.clone(),
            _ => None,
        };
        match index.get(&key) {
            Some(&at) => {
                let group = &mut groups[at];
                group.mentions.push(mention);
                if group.entity_type.is_none() {
                    group.entity_type = entity_type;
                }
            }
            None => {
                index.insert(key.clone(), groups.len());
                groups.push(EntityGroup {
                    key,
                    name: relations::entity_name(set, mention).to_owned(),
                    entity_type,
                    mentions: vec![mention],
                });
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, CharSpan, Document, Edit, Identity, Party};

    const TEXT: &str =
        "“We wait,” said Amélie. Amélie added that 港口市 pays. Amélie left. 港口市 said no.";

    fn doc() -> Document {
        Document::from_text("a.txt".into(), TEXT.to_owned())
    }

    fn nth_span(needle: &str, nth: usize) -> CharSpan {
        let (byte, _) = TEXT.match_indices(needle).nth(nth).unwrap();
        let start = TEXT[..byte].chars().count();
        CharSpan::new(start, start + needle.chars().count()).unwrap()
    }

    fn add(
        set: &mut AnnotationSet,
        doc: &Document,
        id: &str,
        kind: Kind,
        needle: &str,
        nth: usize,
    ) {
        let annotation = Annotation::new(AnnotationId(id.into()), kind, nth_span(needle, nth), doc);
        set.insert(annotation, doc).unwrap();
    }

    fn credit(set: &mut AnnotationSet, doc: &Document, id: &str, party: Party) {
        let mut statement = set.get(&AnnotationId(id.into())).unwrap().clone();
        statement.attributes.set_party(Some(party));
        set.apply(Edit::Replace(statement), doc).unwrap();
    }

    fn sample() -> (Document, AnnotationSet) {
        let d = doc();
        let mut set = AnnotationSet::new();
        add(&mut set, &d, "E1", Kind::Entity, "Amélie", 0);
        add(&mut set, &d, "E2", Kind::Entity, "Amélie", 1);
        add(&mut set, &d, "E3", Kind::Entity, "Amélie", 2);
        add(&mut set, &d, "E4", Kind::Entity, "港口市", 0);
        add(&mut set, &d, "E5", Kind::Entity, "港口市", 1);
        add(&mut set, &d, "Q1", Kind::Quote, "“We wait,”", 0);
        add(&mut set, &d, "C1", Kind::Claim, "港口市 pays", 0);
        add(&mut set, &d, "Q2", Kind::Quote, "no", 0);
        add(&mut set, &d, "Q3", Kind::Quote, "left", 0);
        credit(
            &mut set,
            &d,
            "Q1",
            Party::Mention(AnnotationId("E1".into())),
        );
        credit(
            &mut set,
            &d,
            "C1",
            Party::Mention(AnnotationId("E2".into())),
        );
        credit(&mut set, &d, "Q2", Party::Named("the city".into()));
        (d, set)
    }

    #[test]
    fn people_are_listed_in_speaking_order_with_the_uncredited_last() {
        let (_, set) = sample();
        let found: Vec<(Option<String>, Vec<&str>)> = people(&set)
            .iter()
            .map(|p| {
                let ids = p.statements.iter().map(|a| a.id.0.as_str()).collect();
                (p.name.clone(), ids)
            })
            .collect();
        assert_eq!(
            found,
            [
                (Some("Amélie".to_owned()), vec!["Q1", "C1"]),
                (Some("the city".to_owned()), vec!["Q2"]),
                (None, vec!["Q3"]),
            ]
        );
    }

    #[test]
    fn mentions_group_by_identity_or_by_type_and_text() {
        let (d, mut set) = sample();
        // Join the first two Amélies into one identity named in full.
        let identity = Identity {
            id: IdentityId("I1".into()),
            name: "Amélie Dubois".into(),
            external_id: None,
        };
        set.apply(Edit::PutIdentity(identity), &d).unwrap();
        for id in ["E1", "E2"] {
            let mut mention = set.get(&AnnotationId(id.into())).unwrap().clone();
            if let Attributes::Entity(e) = &mut mention.attributes {
                e.identity = Some(IdentityId("I1".into()));
            }
            set.apply(Edit::Replace(mention), &d).unwrap();
        }
        let groups: Vec<(String, usize)> = entity_groups(&set, set.anchored())
            .iter()
            .map(|g| (g.name.clone(), g.mentions.len()))
            .collect();
        assert_eq!(
            groups,
            [
                ("Amélie Dubois".to_owned(), 2),
                ("港口市".to_owned(), 2),
                ("Amélie".to_owned(), 1),
            ]
        );
    }
}
