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

/// What brat's configuration parser and `.ann` reader need of an export, checked as brat
/// checks them: sections and their lines, type names it can split from what follows, every
/// type, relation, event and attribute value used declared, nested and crossing spans allowed.
fn check_against_brat_grammar(export: &brat::BratExport, what: &str) {
    let mut sections: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut section = String::new();
    for line in export.annotation_conf.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_owned();
            continue;
        }
        assert!(
            !section.is_empty(),
            "{what}: a line before any section: {line:?}"
        );
        sections
            .entry(section.clone())
            .or_default()
            .push(line.to_owned());
    }
    // A type is split from its offsets at white space; an argument list is split at `,`, `|`
    // and `:` (entity names may hold those: brat reads the whole line).
    let parseable = |name: &str| !name.is_empty() && !name.chars().any(char::is_whitespace);
    let parseable_argument_name =
        |name: &str| parseable(name) && !name.chars().any(|c| ",|:".contains(c));
    let name_of = |line: &str| line.split('\t').next().unwrap_or_default().to_owned();
    let declared = |section: &str| -> BTreeSet<String> {
        sections
            .get(section)
            .into_iter()
            .flatten()
            .map(|l| name_of(l))
            .collect()
    };
    let entities = declared("entities");
    let events = declared("events");
    let relations = declared("relations");
    for name in entities.iter().chain(&events) {
        assert!(
            parseable(name),
            "{what}: brat cannot parse the type {name:?}"
        );
    }
    assert!(
        sections
            .get("relations")
            .into_iter()
            .flatten()
            .any(|l| l == "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"),
        "{what}: nested and crossing spans allowed"
    );
    // Attribute values: `Name<TAB>Arg:<ANY>, Value:a|b`.
    let mut attribute_values: std::collections::BTreeMap<String, Option<BTreeSet<String>>> =
        Default::default();
    for line in sections.get("attributes").into_iter().flatten() {
        let (name, spec) = line.split_once('\t').expect("name and arguments");
        assert!(parseable_argument_name(name), "{what}: attribute {name:?}");
        let values = spec
            .split(", ")
            .find_map(|part| part.strip_prefix("Value:"))
            .map(|v| v.split('|').map(str::to_owned).collect());
        attribute_values.insert(name.to_owned(), values);
    }
    for line in export.ann.lines() {
        let (id, rest) = line.split_once('\t').expect("id, tab");
        let fields: Vec<&str> = rest.split('\t').collect();
        let head: Vec<&str> = fields[0].split(' ').collect();
        match id.chars().next() {
            Some('T') => {
                let name = head[0];
                assert!(
                    entities.contains(name) || events.contains(name),
                    "{what}: {id} has the undeclared type {name:?}"
                );
                let offsets = fields[0][name.len() + 1..].split(';');
                for piece in offsets {
                    let numbers: Vec<&str> = piece.split(' ').collect();
                    assert!(
                        numbers.len() == 2 && numbers.iter().all(|n| n.parse::<usize>().is_ok()),
                        "{what}: {id}: brat cannot read the offsets {piece:?}"
                    );
                }
                assert_eq!(
                    fields.len(),
                    2,
                    "{what}: {id}: type and offsets, then the text"
                );
            }
            Some('A' | 'M') => {
                let name = head[0];
                let values = attribute_values
                    .get(name)
                    .unwrap_or_else(|| panic!("{what}: {id}: undeclared attribute {name:?}"));
                if let (Some(value), Some(values)) = (head.get(2), values) {
                    assert!(
                        values.contains(*value),
                        "{what}: {id}: {name} value {value:?} undeclared"
                    );
                }
            }
            Some('R') => {
                assert!(
                    relations.contains(head[0]),
                    "{what}: {id}: relation {:?}",
                    head[0]
                );
            }
            Some('E') => {
                let trigger = head[0].split(':').next().unwrap_or_default();
                assert!(events.contains(trigger), "{what}: {id}: event {trigger:?}");
            }
            _ => {}
        }
    }
    for line in export.visual_conf.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') || line.starts_with('[') {
            continue;
        }
        assert!(
            line.contains(" | ") || line.contains('\t'),
            "{what}: visual.conf line {line:?}"
        );
    }
}

#[test]
fn exports_are_what_brat_s_grammar_accepts_names_with_spaces_included() {
    let text = "The Green Party of Port Elvane said “the Harbour Board will pay”.\n";
    let document = Document::from_text("a.txt".into(), text.to_owned());
    let at = |needle: &str| {
        let start = text[..text.find(needle).unwrap()].chars().count();
        marginalia::model::CharSpan::new(start, start + needle.chars().count()).unwrap()
    };
    let mut set = AnnotationSet::new();
    let mut party = marginalia::model::Annotation::new(
        AnnotationId("a".into()),
        Kind::Entity,
        at("The Green Party of Port Elvane"),
        &document,
    );
    if let Attributes::Entity(e) = &mut party.attributes {
        e.entity_type = Some("Political party".into());
    }
    set.insert(party, &document).unwrap();
    let mut quote = marginalia::model::Annotation::new(
        AnnotationId("b".into()),
        Kind::Quote,
        at("“the Harbour Board will pay”"),
        &document,
    );
    if let Attributes::Quote(q) = &mut quote.attributes {
        q.mode = Some(QuoteMode::Direct);
    }
    set.insert(quote, &document).unwrap();
    // A claim inside the quote: nested spans.
    let claim = marginalia::model::Annotation::new(
        AnnotationId("c".into()),
        Kind::Claim,
        at("the Harbour Board will pay"),
        &document,
    );
    set.insert(claim, &document).unwrap();
    let export = brat::export(
        &document,
        &set,
        &Extras::default(),
        &LabelMap::default(),
        &colours(),
    );
    check_against_brat_grammar(&export, "our fixture");
    assert!(
        export.ann.contains("\tPolitical_party 0 30\t"),
        "{}",
        export.ann
    );
    assert!(
        export
            .visual_conf
            .contains("Political_party | Political party")
    );
    assert!(
        export
            .left_out
            .iter()
            .any(|n| n.contains("“Political party” is written “Political_party”")),
        "{:?}",
        export.left_out
    );
    // Every mode brat's editor can offer.
    assert!(
        export
            .annotation_conf
            .contains("Mode\tArg:<ANY>, Value:direct|indirect|mixed"),
        "{}",
        export.annotation_conf
    );
    // Back in through a schema that knows the type: the name it has in Marginalia.
    let map = LabelMap::default().knowing(["Political party".to_owned()]);
    let back = brat::import(&export.ann, &document, &map);
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    let types: Vec<String> = back
        .set
        .anchored()
        .iter()
        .filter_map(|a| match &a.attributes {
            Attributes::Entity(e) => e.entity_type.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(types, ["Political party"]);
}

#[test]
fn attribute_values_match_without_case_and_unknown_ones_are_reported() {
    let text = "“We wait,” she said. Taxes will fall.\n";
    let document = Document::from_text("a.txt".into(), text.to_owned());
    let ann = "T1\tQuote 0 10\t“We wait,”\nT2\tClaim 21 36\tTaxes will fall\nA1\tMode T1 Direct\nA2\tCheckWorthiness T2 CheckWorthy\nA3\tMode T1 Dirct\n";
    let imported = brat::import(ann, &document, &LabelMap::default());
    let quote = get(&imported.set, "T1");
    let claim = get(&imported.set, "T2");
    assert!(matches!(&quote.attributes, Attributes::Quote(q) if q.mode == Some(QuoteMode::Direct)));
    assert!(matches!(
        &claim.attributes,
        Attributes::Claim(c) if c.check_worthiness == Some(marginalia::model::CheckWorthiness::CheckWorthy)
    ));
    assert_eq!(imported.problems.len(), 1, "{:?}", imported.problems);
    assert!(
        imported.problems[0]
            .contains("line 5: A3: Mode “Dirct” is none of direct, indirect, mixed")
    );
    // The lines come back as they were written.
    let export = brat::export(
        &document,
        &imported.set,
        &imported.extras,
        &LabelMap::default(),
        &colours(),
    );
    assert_eq!(lines(&export.ann), lines(ann));
}

#[test]
fn every_corpus_export_is_what_brat_s_grammar_accepts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut anns: Vec<PathBuf> = Vec::new();
    for folder in [root.join("brat"), root.join("attribution/polnear-dev")] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            eprintln!("no corpus at {}: skipped", folder.display());
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                anns.extend(
                    std::fs::read_dir(&path)
                        .unwrap()
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "ann")),
                );
            } else if path.extension().is_some_and(|e| e == "ann") {
                anns.push(path);
            }
        }
    }
    for ann_path in &anns {
        let text_path = ann_path.with_extension("txt");
        if !text_path.exists() {
            continue;
        }
        let document = Document::open(&text_path).unwrap();
        let ann = std::fs::read_to_string(ann_path).unwrap();
        let imported = brat::import(&ann, &document, &LabelMap::default());
        let export = brat::export(
            &document,
            &imported.set,
            &imported.extras,
            &LabelMap::default(),
            &colours(),
        );
        check_against_brat_grammar(&export, &ann_path.display().to_string());
    }
    println!("{} brat exports checked against brat's grammar", anns.len());
}

#[test]
fn polnear_attributions_become_quotes_with_speaker_and_cue_and_go_back_unchanged() {
    let map_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/polnear-map.ron");
    let map = LabelMap::from_ron(&std::fs::read_to_string(&map_path).unwrap(), &map_path).unwrap();
    // Our own text in PolNeAR's shape.
    let text = "The harbour master said the wall would hold. Critics disagree, residents say.\n";
    let document = Document::from_text("a.txt".into(), text.to_owned());
    let ann = "T1\tSource 0 17\tThe harbour master\n\
T2\tCue 18 22\tsaid\n\
T3\tContent 23 43\tthe wall would hold.\n\
T4\tAttribution 18 22\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
    let fixed: String = {
        // Offsets of our text, counted rather than typed.
        let at = |needle: &str| {
            let start = text[..text.find(needle).unwrap()].chars().count();
            format!("{start} {}", start + needle.chars().count())
        };
        ann.replace("0 17", &at("The harbour master"))
            .replace("18 22", &at("said"))
            .replace("23 43", &at("the wall would hold."))
    };
    let imported = brat::import(&fixed, &document, &map);
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let kinds: Vec<(Kind, &str)> = imported
        .set
        .anchored()
        .iter()
        .map(|a| (a.kind(), a.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (Kind::Entity, "The harbour master"),
            (Kind::Quote, "the wall would hold.")
        ]
    );
    let quote = get(&imported.set, "T3");
    let Attributes::Quote(q) = &quote.attributes else {
        panic!("a quote");
    };
    assert_eq!(q.speaker, Some(Party::Mention(AnnotationId("T1".into()))));
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    // Back to brat: the same lines, and a configuration brat accepts.
    let export = brat::export(&document, &imported.set, &imported.extras, &map, &colours());
    assert_eq!(lines(&export.ann), lines(&fixed));
    check_against_brat_grammar(&export, "PolNeAR shape");
}

#[test]
fn every_polnear_dev_file_imports_as_quotes_and_goes_back_unchanged() {
    let dev =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/attribution/polnear-dev");
    let Ok(entries) = std::fs::read_dir(&dev) else {
        eprintln!("no PolNeAR dev split: skipped");
        return;
    };
    let map_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/polnear-map.ron");
    let map = LabelMap::from_ron(&std::fs::read_to_string(&map_path).unwrap(), &map_path).unwrap();
    let (mut files, mut quotes, mut with_cue) = (0, 0, 0);
    for path in entries.flatten().map(|e| e.path()) {
        if path.extension().is_none_or(|e| e != "ann") {
            continue;
        }
        files += 1;
        let document = Document::open(&path.with_extension("txt")).unwrap();
        let ann = std::fs::read_to_string(&path).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let imported = brat::import(&ann, &document, &map);
        let sidecar_path = dir.path().join("a.txt.ron");
        sidecar::save(&sidecar_path, &document, &imported.set, &imported.extras).unwrap();
        let loaded = sidecar::load(&sidecar_path, &document).unwrap().unwrap();
        for a in loaded.annotations.anchored() {
            if let Attributes::Quote(q) = &a.attributes {
                quotes += 1;
                with_cue += usize::from(q.cue.is_some());
            }
        }
        let export = brat::export(
            &document,
            &loaded.annotations,
            &loaded.extras,
            &map,
            &colours(),
        );
        let (before, after) = (lines(&ann), lines(&export.ann));
        let missing: Vec<&String> = before.difference(&after).collect();
        // Only lines that could not be imported may be missing.
        assert!(
            missing.len() <= imported.problems.len(),
            "{}: {missing:?}",
            path.display()
        );
        assert!(
            after.is_subset(&before),
            "{}: {:?}",
            path.display(),
            after.difference(&before).collect::<Vec<_>>()
        );
    }
    println!("PolNeAR dev: {files} files, {quotes} quotes, {with_cue} with their cue");
    assert!(
        files > 0 && quotes > 0 && with_cue * 10 >= quotes * 9,
        "{with_cue} of {quotes}"
    );
}
