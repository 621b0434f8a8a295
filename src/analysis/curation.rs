//! Curation: merging two annotation sets of one article into a third, difference by
//! difference. No egui.
//!
//! Annotations of the two sets with the same kind, label and pieces agree and go into the
//! result as the left set has them. The others are grouped into differences: annotations of
//! either set whose extents overlap form one difference. For each, the curator keeps the left
//! side, the right side, both or neither. Links (speakers, claimants) follow their entities into
//! the result; a link to an entity left out becomes the entity's text as a name.

use crate::model::{
    Annotation, AnnotationId, AnnotationSet, Attributes, CharSpan, Document, Edit, IdentityId,
    Kind, Party, Placement, SetError,
};
use std::collections::{HashMap, HashSet};

/// What to keep of one difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The left set's annotations.
    Left,
    /// The right set's annotations.
    Right,
    /// Both sides' annotations.
    Both,
    /// Neither side's.
    Neither,
}

/// Annotations of the two sets that overlap and do not agree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// From the left set.
    pub left: Vec<Annotation>,
    /// From the right set.
    pub right: Vec<Annotation>,
    /// From the first start to the last end.
    pub extent: CharSpan,
}

/// The kinds and labels on each side of a difference, sorted: what makes differences alike.
pub type Shape = (Vec<(Kind, String)>, Vec<(Kind, String)>);

impl Difference {
    /// The kinds and labels of its annotations on each side (`Entity ORG` left, nothing
    /// right), whatever their text.
    pub fn shape(&self) -> Shape {
        let side = |annotations: &[Annotation]| {
            let mut kinds: Vec<(Kind, String)> = annotations
                .iter()
                .map(|a| (a.kind(), a.label().to_owned()))
                .collect();
            kinds.sort();
            kinds
        };
        (side(&self.left), side(&self.right))
    }
}

/// A merge of two sets in progress.
#[derive(Clone, Debug)]
pub struct Curation {
    left: AnnotationSet,
    right: AnnotationSet,
    /// Right annotations that agree with a left one: right id → left id.
    agreed: HashMap<AnnotationId, AnnotationId>,
    /// The differences, in text order.
    pub differences: Vec<Difference>,
    /// The decision for each difference, once made.
    pub decisions: Vec<Option<Decision>>,
}

/// What makes two annotations the same for curation.
fn signature(annotation: &Annotation) -> (crate::model::Kind, String, Vec<CharSpan>) {
    (
        annotation.kind(),
        annotation.label().to_owned(),
        annotation.pieces().collect(),
    )
}

impl Curation {
    /// Compares the anchored annotations of `left` and `right`.
    pub fn new(left: &AnnotationSet, right: &AnnotationSet) -> Self {
        let mut by_signature: HashMap<_, Vec<&Annotation>> = HashMap::new();
        for annotation in left.anchored() {
            by_signature
                .entry(signature(annotation))
                .or_default()
                .push(annotation);
        }
        let mut agreed = HashMap::new();
        let mut matched_left: HashSet<&AnnotationId> = HashSet::new();
        let mut unmatched_right = Vec::new();
        for annotation in right.anchored() {
            match by_signature
                .get_mut(&signature(annotation))
                .and_then(|candidates| candidates.pop())
            {
                Some(twin) => {
                    agreed.insert(annotation.id.clone(), twin.id.clone());
                    matched_left.insert(&twin.id);
                }
                None => unmatched_right.push(annotation),
            }
        }
        let mut sides: Vec<(bool, &Annotation)> = left
            .anchored()
            .iter()
            .filter(|a| !matched_left.contains(&a.id))
            .map(|a| (true, a))
            .chain(unmatched_right.into_iter().map(|a| (false, a)))
            .collect();
        sides.sort_by_key(|(_, a)| (a.extent().start, a.extent().end));
        let mut differences: Vec<Difference> = Vec::new();
        for (is_left, annotation) in sides {
            let extent = annotation.extent();
            let joins = differences
                .last()
                .is_some_and(|d| extent.start < d.extent.end);
            if !joins {
                differences.push(Difference {
                    left: Vec::new(),
                    right: Vec::new(),
                    extent,
                });
            }
            if let Some(difference) = differences.last_mut() {
                difference.extent.end = difference.extent.end.max(extent.end);
                if is_left {
                    difference.left.push(annotation.clone());
                } else {
                    difference.right.push(annotation.clone());
                }
            }
        }
        let decisions = vec![None; differences.len()];
        Self {
            left: left.clone(),
            right: right.clone(),
            agreed,
            differences,
            decisions,
        }
    }

    /// How many annotations agree.
    pub fn agreed(&self) -> usize {
        self.agreed.len()
    }

    /// Difference `index` and the undecided differences alike to it (the same
    /// [`Difference::shape`]), in text order.
    pub fn alike(&self, index: usize) -> Vec<usize> {
        let Some(shape) = self.differences.get(index).map(Difference::shape) else {
            return Vec::new();
        };
        (0..self.differences.len())
            .filter(|&i| i == index || self.decisions[i].is_none())
            .filter(|&i| self.differences[i].shape() == shape)
            .collect()
    }

    /// The undecided differences, in text order.
    pub fn remaining(&self) -> Vec<usize> {
        (0..self.differences.len())
            .filter(|&i| self.decisions[i].is_none())
            .collect()
    }

    /// How many differences wait for a decision.
    pub fn undecided(&self) -> usize {
        self.decisions.iter().filter(|d| d.is_none()).count()
    }

    /// The merged set: the agreed annotations and what the decisions keep. Undecided
    /// differences keep both sides.
    pub fn result(&self, document: &Document) -> Result<AnnotationSet, SetError> {
        let mut kept_left: Vec<Annotation> = Vec::new();
        let mut kept_right: Vec<Annotation> = Vec::new();
        let dropped_left: HashSet<&AnnotationId> = self
            .differences
            .iter()
            .zip(&self.decisions)
            .filter(|(_, d)| matches!(d, Some(Decision::Right | Decision::Neither)))
            .flat_map(|(diff, _)| diff.left.iter().map(|a| &a.id))
            .collect();
        kept_left.extend(
            self.left
                .anchored()
                .iter()
                .filter(|a| !dropped_left.contains(&a.id))
                .cloned(),
        );
        for (difference, decision) in self.differences.iter().zip(&self.decisions) {
            if matches!(decision, None | Some(Decision::Right | Decision::Both)) {
                kept_right.extend(difference.right.iter().cloned());
            }
        }
        // Right annotations keep their ids unless a left one has it.
        let mut taken: HashSet<AnnotationId> = kept_left.iter().map(|a| a.id.clone()).collect();
        taken.extend(self.left.anchored().iter().map(|a| a.id.clone()));
        let mut right_ids: HashMap<AnnotationId, AnnotationId> = self.agreed.clone();
        for annotation in &mut kept_right {
            let old = annotation.id.clone();
            if taken.contains(&old) {
                annotation.id = AnnotationId::generate(|id| taken.contains(id));
            }
            taken.insert(annotation.id.clone());
            right_ids.insert(old, annotation.id.clone());
        }
        let in_result: HashSet<AnnotationId> = kept_left
            .iter()
            .chain(&kept_right)
            .map(|a| a.id.clone())
            .collect();
        let mut merged = AnnotationSet::new();
        for identity in self.left.identities().values() {
            merged.apply(Edit::PutIdentity(identity.clone()), document)?;
        }
        for identity in self.right.identities().values() {
            if !merged.identities().contains_key(&identity.id) {
                merged.apply(Edit::PutIdentity(identity.clone()), document)?;
            }
        }
        let relink = |party: &mut Option<Party>,
                      ids: Option<&HashMap<AnnotationId, AnnotationId>>,
                      origin: &AnnotationSet| {
            if let Some(Party::Mention(target)) = party.clone() {
                let mapped = match ids {
                    Some(ids) => ids.get(&target).cloned(),
                    None => Some(target.clone()),
                };
                *party = match mapped.filter(|id| in_result.contains(id)) {
                    Some(id) => Some(Party::Mention(id)),
                    None => origin
                        .get(&target)
                        .map(|entity| Party::Named(entity.text.clone())),
                };
            }
        };
        for mut annotation in kept_left {
            relink_attributes(&mut annotation, &|p| relink(p, None, &self.left));
            merged.apply(Edit::Insert(annotation, Placement::Anchored), document)?;
        }
        for mut annotation in kept_right {
            relink_attributes(&mut annotation, &|p| {
                relink(p, Some(&right_ids), &self.right)
            });
            if let Attributes::Entity(e) = &mut annotation.attributes
                && let Some(identity) = &e.identity
                && self.left.identity(identity).is_some()
                && self.left.identity(identity) != self.right.identity(identity)
            {
                e.identity = None::<IdentityId>;
            }
            merged.apply(Edit::Insert(annotation, Placement::Anchored), document)?;
        }
        merged.check_links()?;
        Ok(merged)
    }
}

fn relink_attributes(annotation: &mut Annotation, relink: &dyn Fn(&mut Option<Party>)) {
    match &mut annotation.attributes {
        Attributes::Quote(q) => relink(&mut q.speaker),
        Attributes::Claim(c) => relink(&mut c.claimant),
        Attributes::Entity(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const TEXT: &str = "“We wait,” said Amélie Dubois of 港口市 council on Friday.";

    fn doc() -> Document {
        Document::from_text(PathBuf::from("a.txt"), TEXT.to_owned())
    }

    fn add(set: &mut AnnotationSet, doc: &Document, id: &str, kind: Kind, needle: &str) {
        let start = TEXT[..TEXT.find(needle).unwrap()].chars().count();
        let span = CharSpan::new(start, start + needle.chars().count()).unwrap();
        set.insert(
            Annotation::new(AnnotationId(id.into()), kind, span, doc),
            doc,
        )
        .unwrap();
    }

    fn texts(set: &AnnotationSet) -> Vec<(String, String)> {
        set.anchored()
            .iter()
            .map(|a| (a.kind().to_string(), a.text.clone()))
            .collect()
    }

    fn sets() -> (Document, AnnotationSet, AnnotationSet) {
        let d = doc();
        let mut left = AnnotationSet::new();
        add(&mut left, &d, "T1", Kind::Quote, "“We wait,”");
        add(&mut left, &d, "T2", Kind::Entity, "Amélie Dubois");
        add(&mut left, &d, "T3", Kind::Entity, "港口市");
        let mut right = AnnotationSet::new();
        add(&mut right, &d, "T1", Kind::Quote, "“We wait,”");
        add(&mut right, &d, "T2", Kind::Entity, "Amélie");
        add(&mut right, &d, "T9", Kind::Entity, "Friday");
        // The right quote's speaker is its own Amélie.
        let mut quote = right.get(&AnnotationId("T1".into())).unwrap().clone();
        if let Attributes::Quote(q) = &mut quote.attributes {
            q.speaker = Some(Party::Mention(AnnotationId("T2".into())));
        }
        right.apply(Edit::Replace(quote), &d).unwrap();
        (d, left, right)
    }

    #[test]
    fn agreeing_annotations_are_kept_and_overlapping_ones_grouped() {
        let (_, left, right) = sets();
        let curation = Curation::new(&left, &right);
        assert_eq!(curation.agreed(), 1);
        let sides: Vec<(usize, usize)> = curation
            .differences
            .iter()
            .map(|d| (d.left.len(), d.right.len()))
            .collect();
        // Amélie Dubois vs Amélie; 港口市 left only; Friday right only.
        assert_eq!(sides, [(1, 1), (1, 0), (0, 1)]);
        assert_eq!(curation.undecided(), 3);
    }

    #[test]
    fn differences_are_alike_when_their_kinds_and_labels_are() {
        let d = doc();
        let mut left = AnnotationSet::new();
        add(&mut left, &d, "T1", Kind::Entity, "Amélie");
        add(&mut left, &d, "T2", Kind::Entity, "港口市");
        add(&mut left, &d, "T3", Kind::Claim, "council");
        add(&mut left, &d, "T4", Kind::Entity, "Friday");
        let right = AnnotationSet::new();
        let mut curation = Curation::new(&left, &right);
        // Three lone entities are alike; the claim is not like them.
        let cases = [(0, vec![0, 1, 3]), (2, vec![2]), (3, vec![0, 1, 3])];
        for (index, expected) in cases {
            assert_eq!(curation.alike(index), expected, "difference {index}");
        }
        curation.decisions[1] = Some(Decision::Left);
        assert_eq!(curation.alike(0), [0, 3], "decided ones are left alone");
        assert_eq!(curation.remaining(), [0, 2, 3]);
    }

    #[test]
    fn decisions_make_the_merged_set_with_links_that_hold() {
        let (d, left, right) = sets();
        let mut curation = Curation::new(&left, &right);
        curation.decisions = vec![
            Some(Decision::Right),
            Some(Decision::Neither),
            Some(Decision::Both),
        ];
        let merged = curation.result(&d).unwrap();
        assert_eq!(
            texts(&merged),
            [
                ("Quote".to_owned(), "“We wait,”".to_owned()),
                ("Entity".to_owned(), "Amélie".to_owned()),
                ("Entity".to_owned(), "Friday".to_owned()),
            ]
        );
        // The right Amélie took a fresh id (the left T2 was there), and the agreed quote… is the
        // left one, which has no speaker.
        let amelie = merged
            .anchored()
            .iter()
            .find(|a| a.text == "Amélie")
            .unwrap();
        assert_ne!(amelie.id.0, "T2");
        merged.validate(&d).unwrap();

        // Keeping the left side everywhere gives the left set back.
        curation.decisions = vec![Some(Decision::Left); 3];
        assert_eq!(texts(&curation.result(&d).unwrap()), texts(&left));
        // Undecided differences keep both sides.
        curation.decisions = vec![None; 3];
        assert_eq!(curation.result(&d).unwrap().len(), 5);
    }

    #[test]
    fn a_right_link_follows_its_entity_or_becomes_a_name() {
        let (d, mut left, right) = sets();
        // The left set has no quote, so the right one (with its speaker) is a difference.
        left.apply(Edit::Remove(AnnotationId("T1".into())), &d)
            .unwrap();
        let mut curation = Curation::new(&left, &right);
        let n = curation.differences.len();
        curation.decisions = vec![Some(Decision::Right); n];
        let merged = curation.result(&d).unwrap();
        let quote = merged
            .anchored()
            .iter()
            .find(|a| a.kind() == Kind::Quote)
            .unwrap();
        let Attributes::Quote(q) = &quote.attributes else {
            panic!("a quote")
        };
        let Some(Party::Mention(speaker)) = &q.speaker else {
            panic!("a mention: {:?}", q.speaker)
        };
        assert_eq!(merged.get(speaker).unwrap().text, "Amélie");
        // Without the right Amélie, the speaker becomes a name.
        curation.decisions = vec![Some(Decision::Right); n];
        let amelie = curation
            .differences
            .iter()
            .position(|diff| diff.right.iter().any(|a| a.text == "Amélie"))
            .unwrap();
        curation.decisions[amelie] = Some(Decision::Left);
        let merged = curation.result(&d).unwrap();
        let quote = merged
            .anchored()
            .iter()
            .find(|a| a.kind() == Kind::Quote)
            .unwrap();
        assert_eq!(
            quote.attributes.party(),
            Some(&Party::Named("Amélie".into()))
        );
    }
}
