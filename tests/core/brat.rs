//! brat standoff in and out: our own fixture line for line, edits made in Marginalia, mapping
//! files, bad spans, and the round trip over every file of `../shared/corpus/brat`.

use marginalia::interop::LabelMap;
use marginalia::interop::brat::{self, BratColours};
use marginalia::model::{
    AnnotationId, AnnotationSet, Attributes, Document, Edit, Kind, Party, QuoteMode,
};
use marginalia::store::{Extras, sidecar};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/brat")
        .join(name)
}

fn colours() -> BratColours {
    BratColours {
        quote: "#c87f00".into(),
        claim: "#006cb0".into(),
        entity: "#b04088".into(),
        ..BratColours::default()
    }
}

/// The lines of an `.ann` text, as a set (brat does not care about line order).
fn lines(ann: &str) -> BTreeSet<String> {
    ann.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// Imports `ann` for `document`, saves the sidecar, loads it back and returns the set with what
/// was kept beside it.
fn through_sidecar(
    ann: &str,
    document: &Document,
    dir: &Path,
) -> (AnnotationSet, Extras, Vec<String>) {
    let imported = brat::import(ann, document, &LabelMap::default());
    let path = dir.join("article.txt.ron");
    sidecar::save(&path, document, &imported.set, &imported.extras).unwrap();
    let loaded = sidecar::load(&path, document).unwrap().unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    (loaded.annotations, loaded.extras, imported.problems)
}

fn get<'a>(set: &'a AnnotationSet, id: &str) -> &'a marginalia::model::Annotation {
    set.get(&AnnotationId(id.to_owned()))
        .unwrap_or_else(|| panic!("{id} imported"))
}

#[test]
fn our_fixture_comes_back_line_for_line_through_the_sidecar() {
    let document = Document::open(&fixture("harbour.txt")).unwrap();
    let ann = std::fs::read_to_string(fixture("harbour.ann")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (set, extras, problems) = through_sidecar(&ann, &document, dir.path());
    assert!(problems.is_empty(), "{problems:?}");

    // What Marginalia models was applied…
    let quote = get(&set, "T1");
    assert_eq!(quote.kind(), Kind::Quote);
    assert_eq!(quote.source_label.as_deref(), Some("Quotation"));
    let Attributes::Quote(q) = &quote.attributes else {
        panic!("a quote")
    };
    assert_eq!(q.speaker, Some(Party::Mention(AnnotationId("T2".into()))));
    assert_eq!(q.mode, Some(QuoteMode::Direct));
    let claim = get(&set, "T4");
    assert_eq!(claim.kind(), Kind::Claim);
    assert_eq!(claim.source_label, None);
    assert_eq!(
        claim.note.as_deref(),
        Some("Figure from the council's own press release 👍🏽")
    );
    let Attributes::Claim(c) = &claim.attributes else {
        panic!("a claim")
    };
    assert_eq!(c.claimant, Some(Party::Mention(AnnotationId("T8".into()))));
    // A discontinuous right-to-left quote keeps both pieces.
    let split = get(&set, "T7");
    assert_eq!(split.text, "الماء لا ينتظر");
    assert_eq!(split.fragments.len(), 1);
    assert_eq!(split.fragments[0].text, "أحداً");
    assert_eq!(get(&set, "T3").text, "港口市");
    // …and what it does not model was kept.
    assert!(extras.brat.iter().any(|l| l.starts_with("E1\tVote:T9")));
    assert!(extras.brat.iter().any(|l| l.starts_with("*\tEquiv")));

    let export = brat::export(&document, &set, &extras, &LabelMap::default(), &colours());
    assert_eq!(lines(&export.ann), lines(&ann));
    assert!(export.left_out.is_empty(), "{:?}", export.left_out);
    // brat's configuration declares every type, event triggers as events.
    let conf = &export.annotation_conf;
    let section = |name: &str| -> Vec<String> {
        conf.split(&format!("[{name}]\n"))
            .nth(1)
            .unwrap()
            .split("\n[")
            .next()
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        section("entities"),
        ["Claim", "Location", "Organization", "Person", "Quotation"]
    );
    assert_eq!(section("events"), ["Vote\tAgent-Arg*:<ANY>"]);
    assert!(section("relations").contains(&"Source\tArg1:<ANY>, Arg2:<ANY>".to_owned()));
    assert!(
        section("relations")
            .contains(&"Equiv\tArg1:<ANY>, Arg2:<ANY>, <REL-TYPE>:symmetric-transitive".to_owned())
    );
    assert!(section("attributes").contains(&"Confidence\tArg:<ANY>, Value:High".to_owned()));
    assert!(section("attributes").contains(&"Negated\tArg:<ANY>".to_owned()));
    assert!(export.visual_conf.contains("Quotation\tbgColor:#c87f00\n"));
    assert!(export.visual_conf.contains("Claim\tbgColor:#006cb0\n"));
}

#[test]
fn edits_made_in_marginalia_show_in_the_export() {
    let document = Document::open(&fixture("harbour.txt")).unwrap();
    let ann = std::fs::read_to_string(fixture("harbour.ann")).unwrap();
    let imported = brat::import(&ann, &document, &LabelMap::default());
    let (mut set, extras) = (imported.set, imported.extras);

    // The quote's speaker becomes Oxfam; the council is deleted; a new entity is added.
    let mut quote = get(&set, "T1").clone();
    if let Attributes::Quote(q) = &mut quote.attributes {
        q.speaker = Some(Party::Mention(AnnotationId("T5".into())));
    }
    set.apply(Edit::Replace(quote), &document).unwrap();
    let mut claim = get(&set, "T4").clone();
    if let Attributes::Claim(c) = &mut claim.attributes {
        c.claimant = Some(Party::Named("the mayor".into()));
    }
    set.apply(Edit::Replace(claim), &document).unwrap();
    set.apply(Edit::Remove(AnnotationId("T8".into())), &document)
        .unwrap();
    let span = marginalia::model::CharSpan::new(0, 7).unwrap();
    let fresh = marginalia::model::Annotation::new(set.fresh_id(), Kind::Entity, span, &document);
    set.apply(
        Edit::Insert(fresh, marginalia::model::Placement::Anchored),
        &document,
    )
    .unwrap();

    let export = brat::export(&document, &set, &extras, &LabelMap::default(), &colours());
    let out = lines(&export.ann);
    assert!(
        !out.iter().any(|l| l.starts_with("R1\t")),
        "old speaker gone"
    );
    assert!(out.contains("R5\tSpeaker Arg1:T1 Arg2:T5"), "{out:?}");
    assert!(out.contains("T10\tEntity 0 7\tHarbour"), "{out:?}");
    // Everything about the deleted council goes, and says so.
    for gone in ["T8\t", "R2\t", "R4\t", "E1\t", "A1\t", "#2\t", "*\t"] {
        assert!(!out.iter().any(|l| l.starts_with(gone)), "{gone} dropped");
    }
    assert_eq!(
        export
            .left_out
            .iter()
            .filter(|l| l.contains("deleted"))
            .count(),
        6,
        "{:?}",
        export.left_out
    );
    assert!(export.left_out.iter().any(|l| l.contains("“the mayor”")));
    // The rest is untouched.
    assert!(out.contains("N1\tReference T5 Wikidata:Q000000\tOxfam Ísland"));
    assert!(out.contains("R3\tSpeaker Arg1:T7 Arg2:T6"));
}

#[test]
fn spans_whose_text_does_not_match_are_reported_with_what_depends_on_them() {
    let document = Document::open(&fixture("harbour.txt")).unwrap();
    let ann = std::fs::read_to_string(fixture("harbour.ann"))
        .unwrap()
        .replace("Oxfam Ísland\n", "Oxfam Island\n")
        .replace("T6\tPerson 268 273", "T6\tPerson 268 999")
        .replace("T9\tVote 143 147", "T9 Vote 143 147");
    let imported = brat::import(&ann, &document, &LabelMap::default());
    let problems = imported.problems.join("\n");
    assert!(
        problems.contains(
            "line 5: T5: the .ann says \"Oxfam Island\" but the article has \"Oxfam Ísland\""
        ),
        "{problems}"
    );
    assert!(problems.contains("line 6: T6: the span 268–999 reaches past the end"));
    assert!(
        problems.contains("line 9: no tab after the id"),
        "{problems}"
    );
    // Lines about what could not be imported are reported, not kept.
    assert!(problems.contains("R3 refers to T6, which could not be imported"));
    assert!(problems.contains("E1 refers to T9, which could not be imported"));
    assert!(problems.contains("A1 refers to E1, which could not be imported"));
    assert!(imported.set.get(&AnnotationId("T5".into())).is_none());
    assert_eq!(imported.set.len(), 6);
}

#[test]
fn a_mapping_file_chooses_kinds_and_speaker_relations() {
    let map = LabelMap::from_ron(
        r#"(kinds: {"Vote": Claim, "Quotation": Quote}, speaker_relations: ["Speaker"])"#,
        Path::new("map.ron"),
    )
    .unwrap();
    assert_eq!(map.kind_of("Vote"), Kind::Claim);
    assert_eq!(map.kind_of("Speech"), Kind::Quote);
    assert_eq!(map.kind_of("PER"), Kind::Entity);
    assert!(map.is_speaker_relation("Speaker"));
    assert!(!map.is_speaker_relation("Source"));
    let document = Document::open(&fixture("harbour.txt")).unwrap();
    let ann = std::fs::read_to_string(fixture("harbour.ann")).unwrap();
    let set = brat::import(&ann, &document, &map).set;
    assert_eq!(get(&set, "T9").kind(), Kind::Claim);
    let Attributes::Quote(q) = &get(&set, "T1").attributes else {
        panic!("a quote")
    };
    assert_eq!(q.speaker, None, "Source is not a speaker relation here");

    let error = LabelMap::from_ron("(kinds: {\"X\": Person})", Path::new("map.ron")).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("map.ron") && message.contains("line 1"),
        "{message}"
    );
}

/// Every brat file of the shared corpus goes through the sidecar and comes back the same; the
/// one file whose text does not match its offsets is reported instead.
#[test]
fn the_corpus_round_trips_except_the_file_with_a_wrong_span() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/brat");
    if !corpus.exists() {
        eprintln!("no corpus at {}: skipped", corpus.display());
        return;
    }
    let mut files = 0;
    let mut reported = Vec::new();
    for folder in std::fs::read_dir(&corpus).unwrap() {
        let folder = folder.unwrap().path();
        for entry in std::fs::read_dir(&folder).unwrap() {
            let ann_path = entry.unwrap().path();
            if ann_path.extension().is_none_or(|e| e != "ann") {
                continue;
            }
            files += 1;
            let document = Document::open(&ann_path.with_extension("txt")).unwrap();
            let ann = std::fs::read_to_string(&ann_path).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let (set, extras, problems) = through_sidecar(&ann, &document, dir.path());
            let export = brat::export(&document, &set, &extras, &LabelMap::default(), &colours());
            let (before, after) = (lines(&ann), lines(&export.ann));
            if problems.is_empty() {
                assert_eq!(
                    before.symmetric_difference(&after).collect::<Vec<_>>(),
                    Vec::<&String>::new(),
                    "{}",
                    ann_path.display()
                );
            } else {
                // Only the lines that could not be imported are missing.
                assert_eq!(before.difference(&after).count(), problems.len());
                assert!(after.is_subset(&before));
                reported.push((
                    ann_path.file_name().unwrap().to_string_lossy().into_owned(),
                    problems,
                ));
            }
        }
    }
    assert!(files >= 17, "{files} files");
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert_eq!(reported[0].0, "Le_ventre_de_Paris.ann");
    assert!(reported[0].1[0].contains("T10"), "{:?}", reported[0].1);
}
