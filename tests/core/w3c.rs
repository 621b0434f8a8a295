//! W3C Web Annotation out and in, code points and UTF-16, the shared corpus examples (two of
//! which must be refused), and CSV.

use marginalia::interop::LabelMap;
use marginalia::interop::w3c::{self, Unit, W3cError};
use marginalia::interop::{brat, csv};
use marginalia::model::{Annotation, AnnotationSet, Attributes, Document, Party};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/brat")
        .join(name)
}

/// Our harbour article with the annotations of its brat file, plus a tag and a named claimant.
fn harbour() -> (Document, AnnotationSet) {
    let document = Document::open(&fixture("harbour.txt")).unwrap();
    let ann = std::fs::read_to_string(fixture("harbour.ann")).unwrap();
    let mut set = brat::import(&ann, &document, &LabelMap::default()).set;
    let mut entity = set
        .anchored()
        .iter()
        .find(|a| a.text == "港口市")
        .unwrap()
        .clone();
    entity.tags = vec!["place".into(), "zh".into()];
    entity.note = Some("Said “Gǎngkǒu”, with a comma, and\na line break".into());
    set.apply(marginalia::model::Edit::Replace(entity), &document)
        .unwrap();
    (document, set)
}

/// What must survive a trip: kind, label, pieces, attributes, note and tags.
fn essentials(set: &AnnotationSet) -> Vec<String> {
    let mut all: Vec<String> = set
        .anchored()
        .iter()
        .map(|a: &Annotation| {
            let pieces: Vec<String> = a.pieces().map(|p| format!("{:?}", p.range())).collect();
            let party = match a.attributes.party() {
                Some(Party::Mention(id)) => set.get(id).map_or("?".into(), |e| e.text.clone()),
                Some(Party::Named(n)) => n.clone(),
                None => String::new(),
            };
            let attributes = match &a.attributes {
                Attributes::Quote(q) => format!("{:?}", q.mode),
                Attributes::Claim(c) => format!("{:?} {:?}", c.check_worthiness, c.verdict),
                Attributes::Entity(e) => format!("{:?}", e.entity_type),
            };
            format!(
                "{} {:?} {} {party} {attributes} {:?} {:?}",
                a.kind(),
                a.source_label,
                pieces.join(";"),
                a.note,
                a.tags
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn an_export_imports_back_the_same_in_code_points_and_in_utf16() {
    let (document, set) = harbour();
    let map = LabelMap::default();
    let (json, left_out) = w3c::export(&document, &set, Unit::CodePoints);
    assert!(left_out.is_empty(), "{left_out:?}");
    let collection: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(collection["type"], "AnnotationCollection");
    assert!(
        collection["label"]
            .as_str()
            .unwrap()
            .contains("count Unicode code points")
    );
    let items = collection["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), set.len());
    let back = w3c::import(&json, &document, &map, Unit::CodePoints).unwrap();
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(essentials(&back.set), essentials(&set));

    // UTF-16: text after the harbour master's emoji counts more units than code points.
    let (json16, _) = w3c::export(&document, &set, Unit::Utf16);
    let position = |json: &str, exact: &str| -> u64 {
        let value: Value = serde_json::from_str(json).unwrap();
        let items = value["first"]["items"].as_array().unwrap().clone();
        let item = items
            .iter()
            .find(|i| i["target"]["selector"][1]["exact"] == exact)
            .unwrap();
        item["target"]["selector"][0]["start"].as_u64().unwrap()
    };
    assert_eq!(
        position(&json16, "港口市"),
        position(&json, "港口市") + 2,
        "👷🏽‍♀️ is 5 code points and 7 UTF-16 units: 👷 and 🏽 take two each"
    );
    let back = w3c::import(&json16, &document, &map, Unit::Utf16).unwrap();
    assert_eq!(essentials(&back.set), essentials(&set));
    // Read with the wrong unit, the quotes still find every annotation.
    let back = w3c::import(&json16, &document, &map, Unit::CodePoints).unwrap();
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(essentials(&back.set), essentials(&set));
}

#[test]
fn csv_has_one_row_per_annotation_quoted_for_spreadsheets() {
    let (_, set) = harbour();
    let text = csv::export(&set, false).unwrap();
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, csv::COLUMNS);
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), set.len());
    let city = rows.iter().find(|r| &r[5] == "港口市").unwrap();
    assert_eq!(&city[16], "Said “Gǎngkǒu”, with a comma, and\na line break");
    assert_eq!(&city[17], "place, zh");
    let quote = rows
        .iter()
        .find(|r| &r[2] == "Quotation" && r[6].is_empty())
        .unwrap();
    assert_eq!(&quote[8], "Amélie Dubois-Nakashima");
    assert_eq!(&quote[10], "direct");
    let split = rows.iter().find(|r| !r[6].is_empty()).unwrap();
    assert_eq!(&split[5], "الماء لا ينتظر … أحداً");
    assert!(csv::export(&set, true).unwrap().starts_with('\u{FEFF}'));
}

/// An article that holds every quote the corpus file selects, so its text-based annotations
/// can be found; the text is built from the file itself, at run time.
fn article_for(dir: &Path, json: &Value) -> Document {
    fn quotes(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(o) => {
                if o.get("type").and_then(Value::as_str) == Some("TextQuoteSelector") {
                    let part = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
                    out.push(format!(
                        "{}{}{}",
                        part("prefix"),
                        part("exact"),
                        part("suffix")
                    ));
                }
                o.values().for_each(|v| quotes(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| quotes(v, out)),
            _ => {}
        }
    }
    let mut parts = Vec::new();
    quotes(json, &mut parts);
    let mut text = parts.join("\n\n");
    while text.chars().count() < 1000 {
        text.push_str("\nFiller line of our own, long enough for positions in the examples.");
    }
    let path = dir.join("article.txt");
    std::fs::write(&path, text).unwrap();
    Document::open(&path).unwrap()
}

#[test]
fn the_corpus_examples_import_or_say_why_and_the_invalid_ones_are_refused() {
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/formats/w3c-web-annotation");
    if !corpus.exists() {
        eprintln!("no corpus at {}: skipped", corpus.display());
        return;
    }
    let map = LabelMap::default();
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "Our own text.").unwrap();
    let plain = Document::open(&plain).unwrap();
    for name in ["invalid-anno1.json", "invalid-anno16.json"] {
        let source = std::fs::read_to_string(corpus.join(name)).unwrap();
        let error = w3c::import(&source, &plain, &map, Unit::CodePoints).unwrap_err();
        assert!(matches!(error, W3cError::Json { .. }), "{name}: {error}");
        assert!(error.to_string().contains("line"), "{error}");
    }
    let mut imported_total = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("rec-"))
        .collect();
    files.sort();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        let json: Value = serde_json::from_str(&source).unwrap();
        let document = article_for(dir.path(), &json);
        let result = w3c::import(&source, &document, &map, Unit::CodePoints).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for annotation in result.set.anchored() {
            assert_eq!(document.text().slice(annotation.span), annotation.text);
        }
        imported_total += result.set.len();
        match name.as_str() {
            "rec-anno26.json" | "rec-anno27.json" | "rec-anno32.json" => {
                assert_eq!(result.set.len(), 1, "{name}: {:?}", result.problems);
            }
            "rec-anno41.json" => {
                assert!(
                    result.problems[0].contains("relative"),
                    "{:?}",
                    result.problems
                );
            }
            "rec-anno2.json" | "rec-anno5.json" | "rec-anno18.json" => {
                assert!(
                    result.problems[0].contains("as a whole"),
                    "{:?}",
                    result.problems
                );
            }
            _ => {}
        }
        assert!(
            !result.set.is_empty() || !result.problems.is_empty(),
            "{name}: neither imported nor explained"
        );
    }
    assert!(imported_total >= 5, "{imported_total}");
}
