//! Carrying annotations made on an older text over to the new one: each is looked for
//! ([`super::relocate_all`]) and put in the set where it belongs, anchored or kept aside.

use super::{Outcome, Review, relocate_all};
use crate::model::{Annotation, AnnotationId, AnnotationSet, Document};

/// Places `annotations` (made on an older text) in `document`, adding each to `set`: kept and
/// moved ones anchored (moved ones listed in `review` with where they were), changed ones
/// unanchored with their proposal in `review`, orphaned ones unanchored. `review`'s tally
/// counts each. Nothing is dropped.
pub fn place_relocated(
    annotations: Vec<Annotation>,
    document: &Document,
    set: &mut AnnotationSet,
    review: &mut Review,
) {
    let relocations = relocate_all(&annotations, document);
    for (annotation, relocation) in annotations.into_iter().zip(relocations) {
        let outcome = match (relocation.outcome, relocation.placed) {
            (Outcome::Kept | Outcome::Moved, Some(placed)) => {
                let old_span = annotation.span;
                let moved = placed.span != old_span;
                // Same text with the same context, only shifted: nothing for a person to see.
                let shifted_only =
                    placed.prefix == annotation.prefix && placed.suffix == annotation.suffix;
                let id = placed.id.clone();
                match set.try_insert(placed, document) {
                    Ok(()) if moved => {
                        if !shifted_only {
                            review.moved.push((id, old_span));
                        }
                        Outcome::Moved
                    }
                    Ok(()) => Outcome::Kept,
                    Err(_) => {
                        keep_aside(set, annotation);
                        Outcome::Orphaned
                    }
                }
            }
            (Outcome::Changed, Some(proposal)) => {
                let id = keep_aside(set, annotation);
                review.proposals.insert(id, proposal);
                Outcome::Changed
            }
            _ => {
                keep_aside(set, annotation);
                Outcome::Orphaned
            }
        };
        review.tally.add(outcome);
    }
}

/// Keeps `annotation` in `set` unanchored, under a fresh id should its own be taken (it never
/// is when the annotations come from one set); returns the id it has.
fn keep_aside(set: &mut AnnotationSet, mut annotation: Annotation) -> AnnotationId {
    if set.contains_id(&annotation.id) {
        log::warn!(
            "two annotations had the id {}; one has a new one",
            annotation.id
        );
        annotation.id = set.fresh_id();
    }
    let id = annotation.id.clone();
    // The id is free now, so this cannot fail.
    if let Err(error) = set.insert_unanchored(annotation) {
        log::error!("could not keep annotation {id} aside: {error}");
    }
    id
}

/// The annotations of `set` (made on an older text, anchored or waiting) carried over to
/// `document`: the same identities, and every annotation looked for again and placed as
/// [`place_relocated`] places it. Links stay as they were (the ids do not change).
pub fn carry_over(set: &AnnotationSet, document: &Document) -> (AnnotationSet, Review) {
    let mut carried = AnnotationSet::new();
    for identity in set.identities().values() {
        carried.put_identity(identity.clone());
    }
    let annotations = set
        .anchored()
        .iter()
        .chain(set.unanchored())
        .cloned()
        .collect();
    let mut review = Review::default();
    place_relocated(annotations, document, &mut carried, &mut review);
    for rejection in set.rejections() {
        if let Some(placed) = super::place_rejection(rejection.clone(), document) {
            carried.reject(placed);
        }
    }
    (carried, review)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharSpan, Identity, IdentityId, Kind};

    #[test]
    fn carrying_over_keeps_identities_and_every_annotation() {
        let old = Document::from_text("a.txt".into(), "Anna met Bob in Paris.".into());
        let mut set = AnnotationSet::new();
        set.put_identity(Identity {
            id: IdentityId("i".into()),
            name: "Anna".into(),
            external_id: None,
        });
        for (id, start, end) in [("a", 0, 4), ("b", 9, 12), ("p", 16, 21)] {
            let span = CharSpan::new(start, end).unwrap();
            let annotation = Annotation::new(AnnotationId(id.into()), Kind::Entity, span, &old);
            set.insert(annotation, &old).unwrap();
        }
        // One that had already lost its place: its text is nowhere.
        let mut lost = Annotation::new(
            AnnotationId("z".into()),
            Kind::Entity,
            CharSpan::new(0, 3).unwrap(),
            &old,
        );
        lost.text = "Zed".into();
        set.insert_unanchored(lost).unwrap();

        let new = Document::from_text("a.txt".into(), "Today: Anna met Bob in Paris.".into());
        let (carried, review) = carry_over(&set, &new);
        assert_eq!(carried.len(), 4, "nothing dropped");
        assert!(carried.identity(&IdentityId("i".into())).is_some());
        let texts: Vec<(&str, usize)> = carried
            .anchored()
            .iter()
            .map(|a| (a.text.as_str(), a.span.start.0))
            .collect();
        assert_eq!(texts, [("Anna", 7), ("Bob", 16), ("Paris", 23)]);
        assert_eq!(carried.unanchored()[0].id, AnnotationId("z".into()));
        assert_eq!((review.tally.moved, review.tally.orphaned), (3, 1));
        assert_eq!(review.moved.len(), 3);
    }
}
