//! The annotations of one document, kept in text order, with the queries the view needs.

use super::annotation::{Annotation, AnnotationId, Kind};
use super::attributes::{Identity, IdentityId, Party};
use super::document::Document;
use super::offsets::{CharOffset, CharSpan};
use super::rejection::Rejection;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Anchored annotations per block of the overlap index.
const BLOCK: usize = 64;

/// Where an annotation is kept: which list, and its place in text order there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place {
    anchored: bool,
    start: usize,
    end: usize,
    kind: Kind,
}

impl Place {
    fn of(annotation: &Annotation, anchored: bool) -> Self {
        Self {
            anchored,
            start: annotation.span.start.0,
            end: annotation.span.end.0,
            kind: annotation.kind(),
        }
    }
}

/// Why an annotation cannot join a set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetError {
    /// The span holds no char.
    #[error("the span is empty")]
    EmptySpan,
    /// The span reaches past the end of the text.
    #[error("the span {start}..{end} reaches past the end of the text ({char_count} chars)")]
    OutOfRange {
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
        /// The text's length in chars.
        char_count: usize,
    },
    /// The stored text is not what the document holds at the span.
    #[error("the text at {start}..{end} is {found:?}, not {expected:?}")]
    TextMismatch {
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
        /// The annotation's text.
        expected: String,
        /// What the document holds there.
        found: String,
    },
    /// Another annotation has the same id.
    #[error("the id {0} is already used by another annotation")]
    DuplicateId(AnnotationId),
    /// A fragment or cue is not where its text is.
    #[error("a fragment or cue of {0} does not match the text")]
    ExcerptMismatch(AnnotationId),
    /// No annotation has this id.
    #[error("there is no annotation {0}")]
    NoSuchAnnotation(AnnotationId),
    /// No identity has this id.
    #[error("there is no entity identity {0}")]
    NoSuchIdentity(IdentityId),
    /// No rejected suggestion has this text and place.
    #[error("no suggestion “{0}” was rejected there")]
    NoSuchRejection(String),
    /// A link points at nothing, or at something of the wrong kind.
    #[error("{from} links to {to}, which is not an entity of this article")]
    DanglingLink {
        /// The annotation holding the link.
        from: AnnotationId,
        /// What it links to.
        to: String,
    },
    /// An edit would change an annotation's kind; delete and label again instead.
    #[error("an edit cannot change {0} into another kind")]
    KindChange(AnnotationId),
}

/// An invariant of a set that does not hold (a bug, found by the property tests).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BrokenInvariant(pub String);

/// Whether an annotation sits in the text or waits to be re-anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// At its span in the text.
    Anchored,
    /// Lost its place when the article changed; kept with its stored offsets and text.
    Unanchored,
}

/// One primitive change to a set. Applying an edit gives back its inverse, which is what undo
/// is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Add an annotation.
    Insert(Annotation, Placement),
    /// Remove the annotation with this id.
    Remove(AnnotationId),
    /// Replace the annotation that has the same id (same kind, same placement).
    Replace(Annotation),
    /// Add an identity, or replace the one with the same id.
    PutIdentity(Identity),
    /// Remove the identity with this id.
    RemoveIdentity(IdentityId),
    /// Remember a suggestion the user turned down.
    Reject(Rejection),
    /// Forget a rejection (undoing it).
    Unreject(Rejection),
}

/// The annotations of one document.
///
/// Invariants: anchored annotations are sorted by [`Annotation::sort_key`], have unique ids,
/// non-empty spans inside the text, and text equal to the document's text at their span.
/// Annotations that lost their place (the article changed) are kept apart as *unanchored*,
/// with their stored offsets and text, until they are re-anchored or deleted: never dropped.
#[derive(Clone, Debug, Default)]
pub struct AnnotationSet {
    anchored: Vec<Annotation>,
    unanchored: Vec<Annotation>,
    identities: BTreeMap<IdentityId, Identity>,
    /// The suggestions turned down, sorted, each once.
    rejections: Vec<Rejection>,
    revision: u64,
    /// Where each annotation is: checking for a duplicate costs O(1), finding one by id
    /// O(log n).
    ids: HashMap<AnnotationId, Place>,
    /// The greatest end of each block of [`BLOCK`] anchored annotations, built when first
    /// needed after a change, so that finding the annotations over a span skips blocks that
    /// end before it.
    block_ends: OnceLock<Vec<usize>>,
}

impl AnnotationSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks that `annotation` could join the set as anchored in `document`.
    pub fn check(&self, annotation: &Annotation, document: &Document) -> Result<(), SetError> {
        let span = annotation.span;
        if span.is_empty() {
            return Err(SetError::EmptySpan);
        }
        if span.end.0 > document.char_count() {
            return Err(SetError::OutOfRange {
                start: span.start.0,
                end: span.end.0,
                char_count: document.char_count(),
            });
        }
        let found = document.text().slice(span);
        if found != annotation.text {
            return Err(SetError::TextMismatch {
                start: span.start.0,
                end: span.end.0,
                expected: annotation.text.clone(),
                found: found.to_owned(),
            });
        }
        if !annotation.excerpts().all(|e| e.is_anchored_in(document)) {
            return Err(SetError::ExcerptMismatch(annotation.id.clone()));
        }
        if self.contains_id(&annotation.id) {
            return Err(SetError::DuplicateId(annotation.id.clone()));
        }
        Ok(())
    }

    /// Adds an anchored annotation after checking it against `document`.
    pub fn insert(&mut self, annotation: Annotation, document: &Document) -> Result<(), SetError> {
        self.try_insert(annotation, document)
            .map_err(|(_, error)| error)
    }

    /// Like [`Self::insert`], but gives the annotation back with the error.
    pub fn try_insert(
        &mut self,
        annotation: Annotation,
        document: &Document,
    ) -> Result<(), (Box<Annotation>, SetError)> {
        if let Err(error) = self.check(&annotation, document) {
            return Err((Box::new(annotation), error));
        }
        let at = self
            .anchored
            .partition_point(|a| a.sort_key() < annotation.sort_key());
        self.ids
            .insert(annotation.id.clone(), Place::of(&annotation, true));
        self.anchored.insert(at, annotation);
        self.anchored_changed();
        Ok(())
    }

    /// Keeps an annotation that could not be anchored; its id must still be unique.
    pub fn insert_unanchored(&mut self, annotation: Annotation) -> Result<(), SetError> {
        if self.contains_id(&annotation.id) {
            return Err(SetError::DuplicateId(annotation.id));
        }
        self.ids
            .insert(annotation.id.clone(), Place::of(&annotation, false));
        let at = self
            .unanchored
            .partition_point(|a| a.sort_key() < annotation.sort_key());
        self.unanchored.insert(at, annotation);
        self.revision += 1;
        Ok(())
    }

    /// Puts back an annotation that was just taken out, where it was: it is known to fit, so
    /// nothing is checked.
    fn restore(&mut self, annotation: Annotation, placement: Placement) {
        let anchored = placement == Placement::Anchored;
        self.ids
            .insert(annotation.id.clone(), Place::of(&annotation, anchored));
        let list = if anchored {
            &mut self.anchored
        } else {
            &mut self.unanchored
        };
        let at = list.partition_point(|a| a.sort_key() < annotation.sort_key());
        list.insert(at, annotation);
        if anchored {
            self.anchored_changed();
        } else {
            self.revision += 1;
        }
    }

    /// Removes the annotation with `id`, anchored or not.
    pub fn remove(&mut self, id: &AnnotationId) -> Option<Annotation> {
        let (anchored, index) = self.locate(id)?;
        let removed = if anchored {
            let removed = self.anchored.remove(index);
            self.anchored_changed();
            removed
        } else {
            self.revision += 1;
            self.unanchored.remove(index)
        };
        self.ids.remove(id);
        Some(removed)
    }

    /// Which list holds `id`, and where in it (a binary search by text order).
    fn locate(&self, id: &AnnotationId) -> Option<(bool, usize)> {
        let place = self.ids.get(id)?;
        let list = if place.anchored {
            &self.anchored
        } else {
            &self.unanchored
        };
        let key = (place.start, place.end, place.kind, id);
        let index = list.partition_point(|a| a.sort_key() < key);
        (list.get(index).is_some_and(|a| &a.id == id)).then_some((place.anchored, index))
    }

    /// Called after every change to the anchored list.
    fn anchored_changed(&mut self) {
        self.block_ends = OnceLock::new();
        self.revision += 1;
    }

    /// The overlap index (see `block_ends`).
    fn block_ends(&self) -> &[usize] {
        self.block_ends.get_or_init(|| {
            self.anchored
                .chunks(BLOCK)
                .map(|block| block.iter().map(|a| a.extent().end.0).max().unwrap_or(0))
                .collect()
        })
    }

    /// The annotation with `id`, anchored or not.
    pub fn get(&self, id: &AnnotationId) -> Option<&Annotation> {
        let (anchored, index) = self.locate(id)?;
        if anchored {
            self.anchored.get(index)
        } else {
            self.unanchored.get(index)
        }
    }

    /// True when some annotation, anchored or not, has `id`.
    pub fn contains_id(&self, id: &AnnotationId) -> bool {
        self.ids.contains_key(id)
    }

    /// A fresh id that no annotation in the set uses.
    pub fn fresh_id(&self) -> AnnotationId {
        AnnotationId::generate(|id| self.contains_id(id))
    }

    /// Anchored annotations in text order.
    pub fn anchored(&self) -> &[Annotation] {
        &self.anchored
    }

    /// Annotations that need re-anchoring, with their stored offsets and text.
    pub fn unanchored(&self) -> &[Annotation] {
        &self.unanchored
    }

    /// Number of annotations, anchored or not.
    pub fn len(&self) -> usize {
        self.anchored.len() + self.unanchored.len()
    }

    /// True when the set holds no annotation at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A number that changes whenever the set changes, for caches.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Anchored annotations one of whose pieces shares at least one char with `span`, in text
    /// order.
    pub fn overlapping(&self, span: CharSpan) -> impl Iterator<Item = &Annotation> {
        let candidates = self.anchored.partition_point(|a| a.span.start < span.end);
        let ends = self.block_ends();
        let anchored = &self.anchored;
        (0..candidates.div_ceil(BLOCK))
            .filter(move |&b| ends[b] > span.start.0)
            .flat_map(move |b| &anchored[b * BLOCK..((b + 1) * BLOCK).min(candidates)])
            .filter(move |a| a.pieces().any(|p| p.overlaps(span)))
    }

    /// Anchored annotations that contain `offset`, innermost (shortest) first.
    pub fn at(&self, offset: CharOffset) -> Vec<&Annotation> {
        let mut found: Vec<&Annotation> = self
            .overlapping(CharSpan {
                start: offset,
                end: CharOffset(offset.0 + 1),
            })
            .collect();
        found.sort_by_key(|a| {
            let piece = a.pieces().find(|p| p.contains(offset)).unwrap_or(a.span);
            (piece.len(), std::cmp::Reverse(piece.start), a.kind())
        });
        found
    }

    /// Adds an identity, or replaces the one with the same id (which it gives back).
    pub fn put_identity(&mut self, identity: Identity) -> Option<Identity> {
        self.revision += 1;
        self.identities.insert(identity.id.clone(), identity)
    }

    /// The identities of the article's entities, by id.
    pub fn identities(&self) -> &BTreeMap<IdentityId, Identity> {
        &self.identities
    }

    /// The identity with `id`.
    pub fn identity(&self, id: &IdentityId) -> Option<&Identity> {
        self.identities.get(id)
    }

    /// A fresh identity id that no identity uses.
    pub fn fresh_identity_id(&self) -> IdentityId {
        let AnnotationId(hex) =
            AnnotationId::generate(|id| self.identities.contains_key(&IdentityId(id.0.clone())));
        IdentityId(hex)
    }

    /// Entity mentions of the same real-world entity as `mention` (itself included), in text
    /// order: those sharing its identity, or just itself when it has none.
    pub fn same_entity(&self, mention: &AnnotationId) -> Vec<&Annotation> {
        let Some(annotation) = self.get(mention) else {
            return Vec::new();
        };
        match annotation.attributes.identity() {
            Some(identity) => self
                .anchored
                .iter()
                .chain(&self.unanchored)
                .filter(|a| a.attributes.identity() == Some(identity))
                .collect(),
            None => vec![annotation],
        }
    }

    /// Quotes and claims whose speaker or claimant is `mention` or another mention of the same
    /// entity.
    pub fn statements_of(&self, mention: &AnnotationId) -> Vec<&Annotation> {
        let mentions: Vec<&AnnotationId> =
            self.same_entity(mention).iter().map(|a| &a.id).collect();
        self.anchored
            .iter()
            .chain(&self.unanchored)
            .filter(|a| matches!(a.attributes.party(), Some(Party::Mention(m)) if mentions.contains(&m)))
            .collect()
    }

    /// Carries out `edit` and returns the edit that undoes it. On error nothing changed.
    pub fn apply(&mut self, edit: Edit, document: &Document) -> Result<Edit, SetError> {
        let inverse = match edit {
            Edit::Insert(annotation, placement) => {
                let id = annotation.id.clone();
                match placement {
                    Placement::Anchored => self.insert(annotation, document)?,
                    Placement::Unanchored => self.insert_unanchored(annotation)?,
                }
                Edit::Remove(id)
            }
            Edit::Remove(id) => {
                let placement = self
                    .placement(&id)
                    .ok_or(SetError::NoSuchAnnotation(id.clone()))?;
                let removed = self.remove(&id).ok_or(SetError::NoSuchAnnotation(id))?;
                Edit::Insert(removed, placement)
            }
            Edit::Replace(annotation) => {
                let id = annotation.id.clone();
                let placement = self
                    .placement(&id)
                    .ok_or(SetError::NoSuchAnnotation(id.clone()))?;
                let old = self
                    .remove(&id)
                    .ok_or(SetError::NoSuchAnnotation(id.clone()))?;
                let result = if old.kind() != annotation.kind() {
                    Err(SetError::KindChange(id))
                } else {
                    match placement {
                        Placement::Anchored => self.insert(annotation, document),
                        Placement::Unanchored => self.insert_unanchored(annotation),
                    }
                };
                if let Err(error) = result {
                    self.restore(old, placement);
                    return Err(error);
                }
                Edit::Replace(old)
            }
            Edit::PutIdentity(identity) => {
                let id = identity.id.clone();
                match self.put_identity(identity) {
                    Some(old) => Edit::PutIdentity(old),
                    None => Edit::RemoveIdentity(id),
                }
            }
            Edit::RemoveIdentity(id) => {
                let old = self
                    .identities
                    .remove(&id)
                    .ok_or(SetError::NoSuchIdentity(id))?;
                self.revision += 1;
                Edit::PutIdentity(old)
            }
            Edit::Reject(rejection) => {
                self.reject(rejection.clone());
                Edit::Unreject(rejection)
            }
            Edit::Unreject(rejection) => {
                let at = self
                    .rejections
                    .binary_search(&rejection)
                    .map_err(|_| SetError::NoSuchRejection(rejection.text.clone()))?;
                self.rejections.remove(at);
                self.revision += 1;
                Edit::Reject(rejection)
            }
        };
        Ok(inverse)
    }

    /// Carries out `edits` in order, all or none, and checks that no link dangles afterwards.
    /// Returns the edits that undo them, in the order to apply them.
    pub fn apply_all(
        &mut self,
        edits: Vec<Edit>,
        document: &Document,
    ) -> Result<Vec<Edit>, SetError> {
        // What the edits touch, so that only their links are checked afterwards.
        let mut touched: Vec<AnnotationId> = Vec::new();
        let mut removed: Vec<AnnotationId> = Vec::new();
        let mut removed_identities: Vec<IdentityId> = Vec::new();
        for edit in &edits {
            match edit {
                Edit::Insert(a, _) | Edit::Replace(a) => touched.push(a.id.clone()),
                Edit::Remove(id) => removed.push(id.clone()),
                Edit::RemoveIdentity(id) => removed_identities.push(id.clone()),
                Edit::PutIdentity(_) | Edit::Reject(_) | Edit::Unreject(_) => {}
            }
        }
        let mut inverses = Vec::with_capacity(edits.len());
        let mut failure = None;
        for edit in edits {
            match self.apply(edit, document) {
                Ok(inverse) => inverses.push(inverse),
                Err(error) => {
                    failure = Some(error);
                    break;
                }
            }
        }
        if failure.is_none() {
            failure = self
                .check_links_of(&touched, &removed, &removed_identities)
                .err();
        }
        inverses.reverse();
        match failure {
            None => Ok(inverses),
            Some(error) => {
                for inverse in inverses {
                    // Each inverse takes the set back to a state it was just in.
                    if let Err(rollback) = self.apply(inverse, document) {
                        log::error!("could not take back an edit after “{error}”: {rollback}");
                    }
                }
                Err(error)
            }
        }
    }

    /// Remembers that a suggestion was turned down (once, however often).
    pub fn reject(&mut self, rejection: Rejection) {
        if let Err(at) = self.rejections.binary_search(&rejection) {
            self.rejections.insert(at, rejection);
        }
        self.revision += 1;
    }

    /// The suggestions turned down, sorted.
    pub fn rejections(&self) -> &[Rejection] {
        &self.rejections
    }

    /// True when a suggestion of `kind` over `span` was turned down.
    pub fn is_rejected(&self, kind: Kind, span: CharSpan) -> bool {
        self.rejections.iter().any(|r| r.covers(kind, span))
    }

    /// Whether the annotation with `id` is anchored or not; `None` when there is none.
    pub fn placement(&self, id: &AnnotationId) -> Option<Placement> {
        self.locate(id).map(|(anchored, _)| {
            if anchored {
                Placement::Anchored
            } else {
                Placement::Unanchored
            }
        })
    }

    /// Checks the links that edits could have broken: those of the annotations in `touched`,
    /// links to the annotations in `removed` and to the identities in `removed_identities`.
    fn check_links_of(
        &self,
        touched: &[AnnotationId],
        removed: &[AnnotationId],
        removed_identities: &[IdentityId],
    ) -> Result<(), SetError> {
        for a in touched.iter().filter_map(|id| self.get(id)) {
            self.check_links_from(a)?;
        }
        let gone: Vec<&AnnotationId> = removed.iter().filter(|id| !self.contains_id(id)).collect();
        if gone.is_empty() && removed_identities.is_empty() {
            return Ok(());
        }
        for a in self.anchored.iter().chain(&self.unanchored) {
            let names_gone =
                matches!(a.attributes.party(), Some(Party::Mention(t)) if gone.contains(&t));
            let has_gone_identity = a
                .attributes
                .identity()
                .is_some_and(|i| removed_identities.contains(i));
            if names_gone || has_gone_identity {
                self.check_links_from(a)?;
            }
        }
        Ok(())
    }

    /// Checks the links of one annotation.
    fn check_links_from(&self, a: &Annotation) -> Result<(), SetError> {
        if let Some(Party::Mention(target)) = a.attributes.party()
            && self.get(target).is_none_or(|t| t.kind() != Kind::Entity)
        {
            return Err(SetError::DanglingLink {
                from: a.id.clone(),
                to: target.to_string(),
            });
        }
        if let Some(identity) = a.attributes.identity()
            && !self.identities.contains_key(identity)
        {
            return Err(SetError::DanglingLink {
                from: a.id.clone(),
                to: identity.to_string(),
            });
        }
        Ok(())
    }

    /// Checks that every speaker and claimant mention is an entity of the set and every
    /// identity an entity refers to exists.
    pub fn check_links(&self) -> Result<(), SetError> {
        self.anchored
            .iter()
            .chain(&self.unanchored)
            .try_for_each(|a| self.check_links_from(a))
    }

    /// Checks every invariant against `document`; returns the first one broken.
    pub fn validate(&self, document: &Document) -> Result<(), BrokenInvariant> {
        if !self
            .anchored
            .is_sorted_by(|a, b| a.sort_key() <= b.sort_key())
        {
            return Err(BrokenInvariant("annotations are not in text order".into()));
        }
        let mut ids: Vec<&AnnotationId> = self
            .anchored
            .iter()
            .chain(&self.unanchored)
            .map(|a| &a.id)
            .collect();
        if ids.len() != self.ids.len() || !ids.iter().all(|id| self.locate(id).is_some()) {
            return Err(BrokenInvariant(
                "the id index does not match the annotations".into(),
            ));
        }
        let ends: Vec<usize> = self
            .anchored
            .chunks(BLOCK)
            .map(|block| block.iter().map(|a| a.extent().end.0).max().unwrap_or(0))
            .collect();
        if self.block_ends() != ends.as_slice() {
            return Err(BrokenInvariant("the overlap index is stale".into()));
        }
        ids.sort();
        if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(BrokenInvariant(format!("the id {} is used twice", pair[0])));
        }
        for a in &self.anchored {
            if !a.is_anchored_in(document) {
                return Err(BrokenInvariant(format!(
                    "annotation {} is not anchored",
                    a.id
                )));
            }
            if !a.tags.is_sorted_by(|x, y| x < y) {
                return Err(BrokenInvariant(format!(
                    "the tags of {} are not sorted and unique",
                    a.id
                )));
            }
        }
        self.check_links()
            .map_err(|e| BrokenInvariant(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn doc() -> Document {
        Document::from_text(
            PathBuf::from("a.txt"),
            "“We will build 40 schools,” said Amélie Dubois of Oxfam.".to_owned(),
        )
    }

    fn annotation(
        set: &AnnotationSet,
        doc: &Document,
        kind: Kind,
        start: usize,
        end: usize,
    ) -> Annotation {
        Annotation::new(
            set.fresh_id(),
            kind,
            CharSpan::new(start, end).unwrap(),
            doc,
        )
    }

    #[test]
    fn insert_keeps_text_order_and_queries_find_nested_spans() {
        let doc = doc();
        let mut set = AnnotationSet::new();
        let quote = annotation(&set, &doc, Kind::Quote, 0, 56);
        set.insert(quote.clone(), &doc).unwrap();
        let entity = annotation(&set, &doc, Kind::Entity, 33, 45);
        set.insert(entity.clone(), &doc).unwrap();
        let claim = annotation(&set, &doc, Kind::Claim, 1, 25);
        set.insert(claim.clone(), &doc).unwrap();

        let order: Vec<Kind> = set.anchored().iter().map(|a| a.kind()).collect();
        assert_eq!(order, vec![Kind::Quote, Kind::Claim, Kind::Entity]);
        assert_eq!(set.at(CharOffset(35))[0].id, entity.id);
        assert_eq!(set.at(CharOffset(35))[1].id, quote.id);
        assert_eq!(set.at(CharOffset(5)).len(), 2);
        assert_eq!(set.overlapping(CharSpan::new(24, 34).unwrap()).count(), 3);
        assert_eq!(set.overlapping(CharSpan::new(56, 57).unwrap()).count(), 0);
        set.validate(&doc).unwrap();
    }

    #[test]
    fn insert_refuses_broken_annotations() {
        let doc = doc();
        let mut set = AnnotationSet::new();
        let mut wrong_text = annotation(&set, &doc, Kind::Entity, 33, 45);
        wrong_text.text = "Somebody".into();
        assert!(matches!(
            set.insert(wrong_text, &doc),
            Err(SetError::TextMismatch { .. })
        ));
        let mut out_of_range = annotation(&set, &doc, Kind::Entity, 33, 45);
        out_of_range.span = CharSpan::new(50, 99).unwrap();
        assert!(matches!(
            set.insert(out_of_range, &doc),
            Err(SetError::OutOfRange { .. })
        ));
        let first = annotation(&set, &doc, Kind::Entity, 33, 45);
        set.insert(first.clone(), &doc).unwrap();
        assert_eq!(
            set.insert(first.clone(), &doc),
            Err(SetError::DuplicateId(first.id.clone()))
        );
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn remove_and_revision() {
        let doc = doc();
        let mut set = AnnotationSet::new();
        let a = annotation(&set, &doc, Kind::Claim, 1, 25);
        set.insert(a.clone(), &doc).unwrap();
        let before = set.revision();
        assert_eq!(set.remove(&a.id).map(|r| r.id), Some(a.id.clone()));
        assert!(set.revision() > before);
        assert!(set.is_empty());
        assert!(set.remove(&a.id).is_none());
    }

    #[test]
    fn unanchored_annotations_are_kept_apart() {
        let doc = doc();
        let mut set = AnnotationSet::new();
        let mut lost = annotation(&set, &doc, Kind::Quote, 0, 5);
        lost.text = "gone".into();
        set.insert_unanchored(lost.clone()).unwrap();
        assert_eq!(set.len(), 1);
        assert!(set.anchored().is_empty());
        assert_eq!(set.get(&lost.id).map(|a| a.text.as_str()), Some("gone"));
        set.validate(&doc).unwrap();
    }
}
