//! Entity names learned from annotated articles: the names a team marked as entities of a type,
//! often enough and in most of the places they stand, become a learned gazetteer. Its mentions
//! are suggested with their learned type, after the team's own gazetteer and the further
//! mentions of names the article already has, and before the rules' guesses from capitals.

use crate::model::{AnnotationSet, Attributes, Kind};
use crate::suggest::Reading;
use crate::suggest::gazetteer::{self, Entry, Gazetteer, NamedIdentity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The fewest times a name must have been marked for it to be learned.
const MIN_TIMES_MARKED: u32 = 2;

/// The least share of a name's occurrences in the training articles that people marked: a name
/// that is mostly left alone ("Apple" the fruit, a word of a headline) is no name to suggest.
const MIN_SHARE_MARKED: f64 = 0.5;

/// A name learned, with its type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnedName {
    /// The name as written in the articles.
    pub name: String,
    /// The type people gave it most often.
    pub entity_type: String,
}

/// The entity names learned from a team's annotations, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityNames(Vec<LearnedName>);

/// How often one name was marked, and as what.
#[derive(Default)]
struct Marks {
    types: BTreeMap<String, u32>,
}

impl Marks {
    fn times(&self) -> u32 {
        self.types.values().sum()
    }

    /// The type given most often, the first by name on a tie.
    fn commonest(&self) -> Option<&str> {
        let most = self.types.values().copied().max()?;
        self.types
            .iter()
            .find(|(_, n)| **n == most)
            .map(|(t, _)| t.as_str())
    }
}

/// The names marked as entities of a type in the sets of some articles, before they are
/// counted where they stand.
#[derive(Default)]
pub struct MarkedNames(BTreeMap<String, Marks>);

impl MarkedNames {
    /// The typed entity mentions of `sets`.
    pub fn of<'a>(sets: impl IntoIterator<Item = &'a AnnotationSet>) -> Self {
        let mut names: BTreeMap<String, Marks> = BTreeMap::new();
        for set in sets {
            for annotation in set.anchored() {
                if annotation.kind() != Kind::Entity {
                    continue;
                }
                let Attributes::Entity(attributes) = &annotation.attributes else {
                    continue;
                };
                let (Some(entity_type), name) = (&attributes.entity_type, annotation.text.trim())
                else {
                    continue;
                };
                if name.is_empty() {
                    continue;
                }
                *names
                    .entry(name.to_owned())
                    .or_default()
                    .types
                    .entry(entity_type.clone())
                    .or_default() += 1;
            }
        }
        names.retain(|_, marks| marks.times() >= MIN_TIMES_MARKED);
        Self(names)
    }

    /// The names as a gazetteer, to count where they stand.
    pub fn gazetteer(&self) -> Gazetteer {
        Gazetteer::of_entries(
            self.0
                .iter()
                .filter_map(|(name, marks)| Some(entry(name, marks.commonest()?)))
                .collect(),
        )
    }

    /// How many times each name stands in `reading` (as the gazetteer `names` of
    /// [`MarkedNames::gazetteer`] finds it).
    pub fn count_in(reading: &Reading, names: &Gazetteer) -> HashMap<String, u32> {
        let mut seen = HashMap::new();
        for mention in gazetteer::mentions(reading, names) {
            if let Some(piece) = mention.fragments.first() {
                *seen.entry(piece.text.clone()).or_default() += 1;
            }
        }
        seen
    }

    /// The names learned, given how often each stood in the training articles (`seen`, one
    /// count per article): those marked in most of the places they stand.
    pub fn learned<'a>(
        &self,
        seen: impl IntoIterator<Item = &'a HashMap<String, u32>>,
    ) -> EntityNames {
        let mut total: HashMap<&str, u32> = HashMap::new();
        for counts in seen {
            for (name, n) in counts {
                *total.entry(name.as_str()).or_default() += n;
            }
        }
        let names = self
            .0
            .iter()
            .filter(|(name, marks)| {
                let stood = total
                    .get(name.as_str())
                    .copied()
                    .unwrap_or(0)
                    .max(marks.times());
                f64::from(marks.times()) >= MIN_SHARE_MARKED * f64::from(stood)
            })
            .filter_map(|(name, marks)| {
                Some(LearnedName {
                    name: name.clone(),
                    entity_type: marks.commonest()?.to_owned(),
                })
            })
            .collect();
        EntityNames(names)
    }
}

fn entry(name: &str, entity_type: &str) -> Entry {
    Entry {
        name: name.to_owned(),
        entity_type: entity_type.to_owned(),
        identity: NamedIdentity {
            name: name.to_owned(),
            external_id: None,
        },
    }
}

impl EntityNames {
    /// How many names it has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when it has none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names as a gazetteer, to find their mentions.
    pub fn gazetteer(&self) -> Gazetteer {
        Gazetteer::of_entries(
            self.0
                .iter()
                .map(|n| entry(&n.name, &n.entity_type))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(types: &[(&str, u32)]) -> Marks {
        Marks {
            types: types.iter().map(|(t, n)| ((*t).to_owned(), *n)).collect(),
        }
    }

    #[test]
    fn a_name_takes_the_type_given_most_often_the_first_by_name_on_a_tie() {
        type Case<'a> = (&'a [(&'a str, u32)], Option<&'a str>);
        let cases: [Case<'_>; 4] = [
            (&[], None),
            (&[("ORG", 3)], Some("ORG")),
            (&[("ORG", 1), ("PERSON", 2)], Some("PERSON")),
            (&[("PERSON", 2), ("ORG", 2)], Some("ORG")),
        ];
        for (types, expected) in cases {
            assert_eq!(marks(types).commonest(), expected, "{types:?}");
        }
    }

    #[test]
    fn a_name_is_learned_when_marked_in_most_of_the_places_it_stands() {
        let marked = MarkedNames(
            [
                ("Harbour Board".to_owned(), marks(&[("ORG", 3)])),
                ("Apple".to_owned(), marks(&[("ORG", 2)])),
                ("Okafor".to_owned(), marks(&[("PERSON", 2)])),
            ]
            .into(),
        );
        let first: HashMap<String, u32> =
            [("Harbour Board".to_owned(), 2), ("Apple".to_owned(), 5)].into();
        let second: HashMap<String, u32> = [("Harbour Board".to_owned(), 2)].into();
        let learned = marked.learned([&first, &second]);
        let names: Vec<(&str, &str)> = learned
            .0
            .iter()
            .map(|n| (n.name.as_str(), n.entity_type.as_str()))
            .collect();
        // Apple: marked twice in five places. Okafor: never counted, so marked wherever seen.
        assert_eq!(names, [("Harbour Board", "ORG"), ("Okafor", "PERSON")]);
    }
}
