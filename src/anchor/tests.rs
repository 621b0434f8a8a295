use super::*;
use crate::model::{AnnotationId, Attributes, Kind, QuoteAttributes};
use std::path::PathBuf;

const ORIGINAL: &str = "Harbour news.\n\nThe mayor, Ana Müller, said the ferry will run again in May. \
Fishermen in Kørbel doubt it.\n\nLater, the council voted 7 to 2 for a new pier. Müller left early.\n";

fn doc(text: &str) -> Document {
    Document::from_text(PathBuf::from("a.txt"), text.to_owned())
}

fn annotate(document: &Document, kind: Kind, text: &str) -> Annotation {
    let start = document
        .text()
        .as_str()
        .find(text)
        .map(|byte| document.text().char_of(crate::model::ByteOffset(byte)))
        .expect("text in document");
    let span = CharSpan::between(start, CharOffset(start.0 + text.chars().count()));
    Annotation::new(AnnotationId(text.to_owned()), kind, span, document)
}

fn one(annotation: &Annotation, edited: &str) -> Relocation {
    relocate_all(std::slice::from_ref(annotation), &doc(edited))
        .pop()
        .expect("one relocation")
}

#[test]
fn unchanged_text_at_its_offsets_is_kept() {
    let old = doc(ORIGINAL);
    let a = annotate(&old, Kind::Claim, "the ferry will run again in May");
    let edited = ORIGINAL.replace("Later,", "Later on,");
    let r = one(&a, &edited);
    assert_eq!(r.outcome, Outcome::Kept);
    assert_eq!(r.placed.unwrap().span, a.span);
}

#[test]
fn text_after_an_inserted_paragraph_is_moved_with_fresh_context() {
    let old = doc(ORIGINAL);
    let a = annotate(&old, Kind::Entity, "Kørbel");
    let edited = ORIGINAL.replace(
        "Harbour news.\n\n",
        "Harbour news.\n\nA new paragraph 🎅🏿 here.\n\n",
    );
    let r = one(&a, &edited);
    assert_eq!(r.outcome, Outcome::Moved);
    let placed = r.placed.unwrap();
    assert_eq!(placed.span.start.0, a.span.start.0 + 26);
    assert_eq!(placed.text, "Kørbel");
    assert!(placed.is_anchored_in(&doc(&edited)));
}

#[test]
fn a_short_word_goes_to_the_occurrence_whose_context_fits() {
    let old = doc(ORIGINAL);
    // "Müller" occurs twice; the second one is annotated.
    let second = old.text().as_str().rfind("Müller").unwrap();
    let start = old.text().char_of(crate::model::ByteOffset(second));
    let span = CharSpan::between(start, CharOffset(start.0 + 6));
    let a = Annotation::new(AnnotationId("m".into()), Kind::Entity, span, &old);
    let edited = ORIGINAL.replace("Harbour news.", "Harbour news, updated at noon.");
    let r = one(&a, &edited);
    assert_eq!(r.outcome, Outcome::Moved);
    let placed = r.placed.unwrap();
    assert_eq!(placed.suffix, " left early.\n");
}

#[test]
fn a_typo_fixed_inside_the_span_makes_it_changed() {
    let old = doc(ORIGINAL);
    let a = annotate(&old, Kind::Claim, "the council voted 7 to 2 for a new pier");
    let edited = ORIGINAL.replace("voted 7 to 2", "voted 8 to 2");
    let r = one(&a, &edited);
    assert_eq!(r.outcome, Outcome::Changed);
    let placed = r.placed.unwrap();
    assert_eq!(placed.text, "the council voted 8 to 2 for a new pier");
    assert_eq!(placed.span.start, a.span.start);
}

#[test]
fn a_deleted_passage_is_orphaned_even_when_a_look_alike_remains() {
    let old = doc(ORIGINAL);
    let first = annotate(&old, Kind::Entity, "Ana Müller");
    let edited = ORIGINAL.replace(
        "The mayor, Ana Müller, said the ferry will run again in May. ",
        "",
    );
    let r = one(&first, &edited);
    assert_eq!(r.outcome, Outcome::Orphaned);
    assert_eq!(r.placed, None);
}

#[test]
fn a_whole_paragraph_moved_elsewhere_is_found_by_its_distinctive_text() {
    let old = doc(ORIGINAL);
    let a = annotate(
        &old,
        Kind::Quote,
        "Later, the council voted 7 to 2 for a new pier. Müller left early.",
    );
    let paragraphs: Vec<&str> = ORIGINAL.trim_end().split("\n\n").collect();
    let edited = format!(
        "{}\n\n{}\n\n{}\n",
        paragraphs[2], paragraphs[0], paragraphs[1]
    );
    let r = one(&a, &edited);
    assert_eq!(r.outcome, Outcome::Moved);
    assert_eq!(r.placed.unwrap().span.start.0, 0);
}

#[test]
fn fragments_and_cues_follow_their_quote() {
    let old = doc(ORIGINAL);
    let mut a = annotate(&old, Kind::Quote, "the ferry will run again");
    let cue = annotate(&old, Kind::Entity, "said");
    let fragment = annotate(&old, Kind::Entity, "doubt it");
    a.attributes = Attributes::Quote(QuoteAttributes {
        cue: Some(Excerpt::of(&old, cue.span)),
        ..QuoteAttributes::default()
    });
    a.fragments = vec![Excerpt::of(&old, fragment.span)];
    let edited = format!("Breaking. {ORIGINAL}").replace("doubt it", "doubts it");
    let r = one(&a, &edited);
    assert_eq!(r.outcome, Outcome::Changed, "the fragment's text changed");
    let placed = r.placed.unwrap();
    let new = doc(&edited);
    assert!(placed.is_anchored_in(&new));
    assert_eq!(placed.fragments[0].text, "doubts it");
    let Attributes::Quote(quote) = &placed.attributes else {
        panic!("a quote")
    };
    assert_eq!(
        quote.cue.as_ref().unwrap().span.start.0,
        cue.span.start.0 + 10
    );
}

#[test]
fn tallies_count_and_print_each_outcome() {
    let mut tally = Tally::default();
    for outcome in [
        Outcome::Kept,
        Outcome::Kept,
        Outcome::Moved,
        Outcome::Orphaned,
    ] {
        tally.add(outcome);
    }
    assert_eq!(tally.to_string(), "2 kept, 1 moved, 0 changed, 1 orphaned");
    assert_eq!(tally.total(), 4);
    assert!(tally.needs_review());
}

#[test]
fn a_whole_word_is_not_found_inside_another_word() {
    let old = doc("Sie floh, nachdem er ging. Später kam er wieder.\n");
    let a = annotate(&old, Kind::Entity, "er");
    let edited = "Sie floh, nachdem permits ging. Später kam sie wieder.\n";
    let r = one(&a, edited);
    assert_eq!(r.outcome, Outcome::Orphaned, "{r:?}");
}

/// Two list items that differ only in their number, each naming the same person near its end.
const ITEMS: &str = "Measures\n\n1. Boat owners register at the harbour office, said Ilse Brandt.\n\n\
2. Boat owners register at the harbour office, said Ilse Brandt.\n\nComments until May.\n";

fn nth(document: &Document, text: &str, n: usize) -> Annotation {
    let byte = document
        .text()
        .as_str()
        .match_indices(text)
        .nth(n)
        .unwrap()
        .0;
    let start = document.text().char_of(crate::model::ByteOffset(byte));
    let span = CharSpan::between(start, CharOffset(start.0 + text.chars().count()));
    Annotation::new(
        AnnotationId(format!("{text}{n}")),
        Kind::Entity,
        span,
        document,
    )
}

#[test]
fn text_still_in_its_place_with_its_prefix_is_not_moved_onto_a_copy() {
    let old = doc(ITEMS);
    let first = nth(&old, "Ilse Brandt", 0);
    let second = nth(&old, "Ilse Brandt", 1);
    let edited = ITEMS.replace("\n\n2.", "\n\nA paragraph added here.\n\n2.");
    let relocations = relocate_all(&[first.clone(), second.clone()], &doc(&edited));
    assert_eq!(relocations[0].outcome, Outcome::Kept);
    assert_eq!(relocations[0].placed.as_ref().unwrap().span, first.span);
    assert_eq!(relocations[1].outcome, Outcome::Moved);
    let moved_by = "A paragraph added here.\n\n".chars().count();
    assert_eq!(
        relocations[1].placed.as_ref().unwrap().span.start.0,
        second.span.start.0 + moved_by
    );
}

#[test]
fn when_one_of_two_copies_goes_nothing_guesses_which() {
    let old = doc(ITEMS);
    let first = nth(&old, "Ilse Brandt", 0);
    let second = nth(&old, "Ilse Brandt", 1);
    // The first item deleted: reads like the second deleted and renumbered.
    let edited = ITEMS.replace(
        "1. Boat owners register at the harbour office, said Ilse Brandt.\n\n",
        "",
    );
    let relocations = relocate_all(&[first, second], &doc(&edited));
    for relocation in &relocations {
        assert_eq!(relocation.outcome, Outcome::Changed, "to confirm");
        assert!(relocation.rivals > 0);
    }
}

#[test]
fn a_word_rewritten_between_its_context_is_found_as_changed() {
    let old = doc(ORIGINAL);
    let a = annotate(&old, Kind::Claim, "doubt it");
    let edited = ORIGINAL.replace("doubt it", "question that");
    let r = one(&a, &edited);
    assert_eq!(r.outcome, Outcome::Changed);
    assert_eq!(r.placed.unwrap().text, "question that");
}
