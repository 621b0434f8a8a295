//! No input may panic: random bytes and random mutations of valid files, fed to every reader
//! (sidecars, brat, doccano, W3C, article decoding) and to re-anchoring. A quick smoke run
//! with each `cargo test`; the fuzz targets of issue 7 will go deeper.

use marginalia::interop::{LabelMap, brat, doccano, w3c};
use marginalia::model::{Annotation, AnnotationId, CharSpan, Document, Kind};
use marginalia::store::sidecar;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const ARTICLE: &str = "“We wait,” said Amélie Dubois 👩🏽‍🔬 of 港口市 (مدارس).\r\nThe council met.\n";

fn document() -> Document {
    Document::from_text(PathBuf::from("a.txt"), ARTICLE.to_owned())
}

/// Valid files of each format, to mutate.
fn seeds() -> Vec<String> {
    let doc = document();
    let mut set = marginalia::model::AnnotationSet::new();
    let a = Annotation::new(
        AnnotationId("T1".into()),
        Kind::Quote,
        CharSpan::new(0, 10).unwrap(),
        &doc,
    );
    set.insert(a, &doc).unwrap();
    let ron = sidecar::to_ron(&doc, &set, &Default::default());
    let (w3c, _) = w3c::export(
        &doc,
        &set,
        &marginalia::store::Extras::default(),
        w3c::Unit::CodePoints,
    );
    let (doccano, _) = doccano::export(&doc, &set, &Default::default(), doccano::Shape::Entities);
    let brat = "T1\tQuotation 0 10\t“We wait,”\nR1\tSource Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T1\tx\n*\tEquiv T1 T2\nE1\tVote:T1 Agent:T1\n".to_owned();
    vec![ron, w3c, doccano, brat]
}

/// Feeds `text` to every reader; none may panic.
fn read_everything(text: &str) {
    let doc = document();
    let map = LabelMap::default();
    let _ = sidecar::parse(text, Path::new("x.ron"), &doc);
    let _ = sidecar::place_from_reader(text.as_bytes(), Path::new("x.ron"), &doc);
    let _ = brat::import(text, &doc, &map);
    let _ = doccano::import(text, &doc, &map);
    let _ = w3c::import(text, &doc, &map, w3c::Unit::CodePoints);
    let _ = w3c::import(text, &doc, &map, w3c::Unit::Utf16);
    let _ = Document::from_bytes(PathBuf::from("x.txt"), text.as_bytes().to_vec());
    let _ = Document::from_bytes(PathBuf::from("x.html"), text.as_bytes().to_vec());
}

/// A mutation of a valid file: cut, repeat or replace a piece of it.
fn mutate(seed: &str, at: usize, length: usize, insert: &str, how: u8) -> String {
    let chars: Vec<char> = seed.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + length).min(chars.len());
    let (before, after) = (&chars[..at], &chars[end..]);
    let middle: String = match how % 3 {
        0 => String::new(),
        1 => chars[at..end].iter().collect::<String>().repeat(3),
        _ => insert.to_owned(),
    };
    before.iter().collect::<String>() + &middle + &after.iter().collect::<String>()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}") {
        read_everything(&text);
    }

    /// Quotation marks, cues and stops in any order: the suggester never panics.
    #[test]
    fn the_suggester_never_panics_on_marks_and_cues(
        text in "([“”„«»‹›「」\"' ,.:;!?\n]|said|she|Ilse|according to|that|the|word){0,80}"
    ) {
        let document = Document::from_text(PathBuf::from("x.txt"), text);
        let rules = marginalia::suggest::Rules::built_in();
        let found = marginalia::suggest::suggest(&document, &marginalia::model::AnnotationSet::new(), &rules);
        for suggestion in found {
            for piece in &suggestion.fragments {
                prop_assert_eq!(document.text().slice(piece.span), piece.text.as_str());
            }
        }
    }

    #[test]
    fn random_bytes_never_panic_the_article_decoder(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = Document::from_bytes(PathBuf::from("x.txt"), bytes.clone());
        let _ = Document::from_bytes(PathBuf::from("x.html"), bytes);
    }

    #[test]
    fn mutated_valid_files_never_panic(
        which in 0usize..4,
        at in 0usize..2000,
        length in 0usize..40,
        insert in "[\\[\\](){}\",:0-9a-zA-Z\\\\ \t\n“港👩🏽‍🔬-]{0,12}",
        how in any::<u8>(),
    ) {
        let seeds = seeds();
        read_everything(&mutate(&seeds[which], at, length, &insert, how));
    }

    #[test]
    fn reanchoring_any_stored_text_never_panics(
        text in "\\PC{1,40}",
        prefix in "\\PC{0,32}",
        suffix in "\\PC{0,32}",
        start in 0usize..200,
    ) {
        let doc = document();
        let span = CharSpan::new(0, 1).unwrap();
        let mut annotation = Annotation::new(AnnotationId("a".into()), Kind::Entity, span, &doc);
        let length = text.chars().count();
        annotation.span = CharSpan::new(start, start + length).unwrap();
        annotation.text = text;
        annotation.prefix = prefix;
        annotation.suffix = suffix;
        let _ = marginalia::anchor::relocate_all(&[annotation], &doc);
    }
}
