//! The suggester's tests, by what they cover; the helpers that read suggestions as text.

use super::*;
use std::path::PathBuf;

mod accepting;
mod entities;
mod quotes;
mod reported;

/// What a test compares of a suggestion: its pieces, speaker, cue and mode, as text.
type Read = (
    Vec<String>,
    Option<String>,
    Option<String>,
    Option<QuoteMode>,
);

/// The quote suggestions for `text`.
fn found(text: &str) -> Vec<Suggestion> {
    let document = Document::from_text(PathBuf::from("a.txt"), text.to_owned());
    suggest(&document, &AnnotationSet::new(), &Rules::built_in())
        .into_iter()
        .filter(|s| s.kind == Kind::Quote)
        .collect()
}

/// (fragments, speaker, cue, mode) of each suggestion, as text.
fn read(text: &str) -> Vec<Read> {
    found(text)
        .into_iter()
        .map(|s| {
            (
                s.fragments.into_iter().map(|f| f.text).collect(),
                s.speaker.map(|p| p.text),
                s.cue.map(|p| p.text),
                s.mode,
            )
        })
        .collect()
}

fn one(fragments: &[&str], speaker: &str, cue: &str, mode: QuoteMode) -> Vec<Read> {
    vec![(
        fragments.iter().map(|f| (*f).to_owned()).collect(),
        Some(speaker.to_owned()),
        Some(cue.to_owned()),
        Some(mode),
    )]
}

#[test]
fn the_same_text_gives_the_same_suggestions_and_annotated_quotes_are_not_suggested() {
    let text =
        "“We will build the wall,” Ilse Brandt said. The vote was close, officials said today.";
    assert_eq!(found(text), found(text));
    let document = Document::from_text(PathBuf::from("a.txt"), text.to_owned());
    let mut set = AnnotationSet::new();
    let quote = crate::model::Annotation::new(
        crate::model::AnnotationId("q".into()),
        Kind::Quote,
        CharSpan::new(1, 23).unwrap(),
        &document,
    );
    set.insert(quote, &document).unwrap();
    let left = suggest(&document, &set, &Rules::built_in());
    assert!(left.iter().all(|s| s.extent().start.0 > 23), "{left:?}");
}

#[test]
fn a_cue_phrase_is_never_matched_past_the_end_of_its_stretch() {
    // "according to" would run past the sentence the rule looks at (found by the property test).
    for text in [
        "that,\naccording to»",
        "It rose, told\nreporters",
        "Fine, told reporters.",
    ] {
        let _ = found(text);
    }
}

#[test]
fn a_rejected_suggestion_is_not_suggested_again_but_others_of_its_kind_are() {
    let text = "“The dam holds,” said Mira Holt. “It will hold for years,” Holt added.";
    let document = Document::from_text(PathBuf::from("a.txt"), text.to_owned());
    let mut set = AnnotationSet::new();
    let before = suggest(&document, &set, &Rules::built_in());
    let first = before.iter().find(|s| s.kind == Kind::Quote).unwrap();
    set.reject(crate::model::Rejection::new(
        first.kind,
        first.extent(),
        &document,
    ));
    let after = suggest(&document, &set, &Rules::built_in());
    assert!(
        !after
            .iter()
            .any(|s| s.kind == Kind::Quote && s.extent() == first.extent())
    );
    assert!(after.iter().any(|s| s.kind == Kind::Quote), "{after:?}");
    assert_eq!(after.len(), before.len() - 1);
}

#[test]
fn capitals_inside_a_sentence_in_lower_case_are_names() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Engineers in the United States agreed.",
            &["united", "states"],
        ),
        // The first word of each sentence is no name for its capital.
        ("He left. Then Holt came back.", &["holt"]),
        // A headline's capitals name nothing.
        ("Harbour Master Says Gates Will Hold", &[]),
    ];
    for (text, expected) in cases {
        let chars: Vec<char> = text.chars().collect();
        let words = super::text::words(&chars);
        let flags = super::in_name(&words, &super::text::sentences(&chars));
        let names: Vec<&str> = words
            .iter()
            .zip(flags)
            .filter(|(_, name)| *name)
            .map(|(w, _)| w.lower.as_str())
            .collect();
        assert_eq!(names, *expected, "{text}");
    }
}
