//! doccano JSONL in and out, both shapes: our own record, errors, and every record of
//! `../shared/corpus/formats/doccano`.

use marginalia::interop::LabelMap;
use marginalia::interop::brat::{self, BratColours};
use marginalia::interop::doccano::{self, DoccanoError, Shape};
use marginalia::model::{AnnotationId, Attributes, Document, Kind, Party};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn article(dir: &Path, text: &str) -> Document {
    let path = dir.join("article.txt");
    std::fs::write(&path, text).unwrap();
    Document::open(&path).unwrap()
}

fn harbour() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brat/harbour.txt");
    std::fs::read_to_string(path).unwrap()
}

fn offsets(text: &str, needle: &str) -> (usize, usize) {
    let start = text[..text.find(needle).unwrap()].chars().count();
    (start, start + needle.chars().count())
}

type Spans = BTreeSet<(u64, u64, String)>;

/// (start, end, label) of a record's spans, whatever its shape.
fn spans(record: &Value) -> Spans {
    if let Some(entities) = record["entities"].as_array() {
        return entities
            .iter()
            .map(|e| {
                (
                    e["start_offset"].as_u64().unwrap(),
                    e["end_offset"].as_u64().unwrap(),
                    e["label"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
    }
    let labels = record
        .as_object()
        .unwrap()
        .values()
        .find_map(Value::as_array)
        .unwrap();
    labels
        .iter()
        .map(|l| {
            (
                l[0].as_u64().unwrap(),
                l[1].as_u64().unwrap(),
                l[2].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn relations(record: &Value) -> BTreeSet<(String, String, String)> {
    record["relations"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|r| {
                    (
                        r["from_id"].to_string(),
                        r["to_id"].to_string(),
                        r["type"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn our_record_keeps_speakers_and_other_relations_in_both_shapes() {
    let text = harbour();
    let dir = tempfile::tempdir().unwrap();
    let document = article(dir.path(), &text);
    let (q0, q1) = offsets(&text, "“We cannot wait for the next storm,”");
    let (p0, p1) = offsets(&text, "Amélie Dubois-Nakashima");
    let (c0, c1) = offsets(&text, "港口市");
    let (a0, a1) = offsets(&text, "عائشة");
    let record = json!({
        "text": text,
        "entities": [
            {"id": 10, "start_offset": q0, "end_offset": q1, "label": "Quote"},
            {"id": 11, "start_offset": p0, "end_offset": p1, "label": "PERSON"},
            {"id": 12, "start_offset": c0, "end_offset": c1, "label": "GPE"},
            {"id": 13, "start_offset": a0, "end_offset": a1, "label": "PERSON"},
        ],
        "relations": [
            {"id": 0, "from_id": 10, "to_id": 11, "type": "speaker"},
            {"id": 1, "from_id": 11, "to_id": 12, "type": "livesIn"},
        ],
    });
    // Another article's record first: the one with this text is chosen.
    let source = format!("{{\"text\": \"Other\", \"label\": []}}\n{record}\n");
    let imported = doccano::import(&source, &document, &LabelMap::default()).unwrap();
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let set = &imported.set;
    let quote = set.get(&AnnotationId("10".into())).unwrap();
    assert_eq!(quote.kind(), Kind::Quote);
    let Attributes::Quote(q) = &quote.attributes else {
        panic!("a quote")
    };
    assert_eq!(q.speaker, Some(Party::Mention(AnnotationId("11".into()))));

    let extras = &imported.extras;
    let (out, left_out) = doccano::export(&document, set, extras, Shape::Entities);
    assert!(left_out.is_empty(), "{left_out:?}");
    assert!(out.ends_with("}\n") && out.lines().count() == 1);
    let exported: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(spans(&exported), spans(&record));
    assert_eq!(relations(&exported), relations(&record));

    let (out, left_out) = doccano::export(&document, set, extras, Shape::Labels);
    let exported: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(spans(&exported), spans(&record));
    assert_eq!(left_out.len(), 1, "relations cannot go in the label shape");

    // The kept relation goes to brat too, with brat's ids.
    let export = brat::export(
        &document,
        set,
        extras,
        &LabelMap::default(),
        &BratColours::default(),
    );
    assert!(
        export.ann.contains("R1\tlivesIn Arg1:T2 Arg2:T3\n"),
        "{}",
        export.ann
    );
}

#[test]
fn bad_files_and_bad_spans_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let document = article(dir.path(), "Zoë met 港口市 officials.");
    let map = LabelMap::default();
    let error = doccano::import("{\"text\": \"x\",\n oops}", &document, &map).unwrap_err();
    assert!(
        matches!(
            error,
            DoccanoError::Json {
                record: 1,
                line: 2,
                ..
            }
        ),
        "{error}"
    );
    let error = doccano::import("{\"text\": \"x\", \"label\": []}", &document, &map).unwrap_err();
    assert_eq!(
        error.to_string(),
        "none of its 1 record(s) holds this article's text (22 chars); import the record made for this article"
    );
    let source = r#"{"text": "Zoë met 港口市 officials.", "label": [[0, 3, "PERSON"], [8, 99, "GPE"], [5, 5, "X"], [1, "x"]]}"#;
    let imported = doccano::import(source, &document, &map).unwrap();
    assert_eq!(imported.set.len(), 1);
    assert_eq!(imported.set.anchored()[0].text, "Zoë");
    assert_eq!(
        imported.problems,
        [
            "label 2: the span 8–99 reaches past the end of the text (22 chars)",
            "label 3: the span 5–5 is empty or reversed",
            "label 4: needs a start, an end and a label"
        ]
    );
    let source = r#"{"text": "Zoë met 港口市 officials.", "entities": [{"id": 1, "start_offset": 8, "end_offset": 99, "label": "GPE"}, {"id": 2, "start_offset": 8, "end_offset": 11, "label": "GPE"}], "relations": [{"from_id": 1, "to_id": 2, "type": "same"}]}"#;
    let imported = doccano::import(source, &document, &map).unwrap();
    assert_eq!(
        imported.problems,
        [
            "entity 1: the span 8–99 reaches past the end of the text (22 chars)",
            "relation 1: links an entity that was not imported"
        ]
    );
}

/// Every record of the shared corpus with a text comes back with the same spans and relations.
#[test]
fn the_corpus_records_round_trip_in_their_own_shape() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/formats/doccano");
    if !corpus.exists() {
        eprintln!("no corpus at {}: skipped", corpus.display());
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut checked = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for record in serde_json::Deserializer::from_str(&source).into_iter::<Value>() {
            let record = record.unwrap();
            let Some(text) = record.as_object().unwrap().values().find_map(Value::as_str) else {
                continue;
            };
            let dir = tempfile::tempdir().unwrap();
            let document = article(dir.path(), text);
            let imported = doccano::import(&source, &document, &LabelMap::default()).unwrap();
            assert!(imported.problems.is_empty(), "{:?}", imported.problems);
            let shape = if record.get("entities").is_some() {
                Shape::Entities
            } else {
                Shape::Labels
            };
            let (out, _) = doccano::export(&document, &imported.set, &imported.extras, shape);
            let exported: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(spans(&exported), spans(&record), "{}", file.display());
            assert_eq!(
                relations(&exported),
                relations(&record),
                "{}",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 11, "{checked} records");
}
