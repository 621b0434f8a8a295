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
    let (json, left_out) = w3c::export(
        &document,
        &set,
        &marginalia::store::Extras::default(),
        Unit::CodePoints,
    );
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
    let (json16, _) = w3c::export(
        &document,
        &set,
        &marginalia::store::Extras::default(),
        Unit::Utf16,
    );
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

/// The W3C's conformance suite for the Web Annotation model (`../shared/corpus/formats/
/// w3c-web-annotation-tests`): each assertion a JSON Schema (draft-04, formats checked), their
/// shared definitions found by file name.
struct Suite {
    root: PathBuf,
}

/// Finds the suite's schemas by file name, wherever a `$ref` says they are.
struct SuiteFiles(PathBuf);

impl jsonschema::Retrieve for SuiteFiles {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        for folder in [
            "definitions",
            "annotations",
            "collections",
            "collections/pages",
        ] {
            let path = self.0.join(folder).join(&name);
            if path.is_file() {
                return Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?);
            }
        }
        Err(format!("no schema {name} in the suite").into())
    }
}

impl Suite {
    fn open() -> Option<Self> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/formats/w3c-web-annotation-tests");
        root.is_dir().then_some(Self { root })
    }

    /// The assertions a `.test` file lists, of `kind` (`must`, `should`), compiled.
    fn assertions(&self, test: &str, kind: &str) -> Vec<(String, jsonschema::Validator)> {
        let list: Value =
            serde_json::from_str(&std::fs::read_to_string(self.root.join(test)).unwrap()).unwrap();
        list["assertions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|name| {
                let name = name.as_str().unwrap();
                let schema: Value =
                    serde_json::from_str(&std::fs::read_to_string(self.root.join(name)).unwrap())
                        .unwrap();
                if schema["assertionType"] != kind {
                    return None;
                }
                assert_eq!(schema["expectedResult"], "valid", "{name}");
                let base = format!("file:///w3c/{name}");
                let validator = jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft4)
                    .should_validate_formats(true)
                    .with_base_uri(base)
                    .with_retriever(SuiteFiles(self.root.clone()))
                    .build(&schema)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                Some((name.to_owned(), validator))
            })
            .collect()
    }
}

/// How one export fares: the assertions failed (name, what) and how many were checked.
fn check(
    export: &Value,
    suite: &[(&str, Vec<(String, jsonschema::Validator)>)],
) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut failed = Vec::new();
    let mut run = |what: &str, value: &Value, assertions: &[(String, jsonschema::Validator)]| {
        for (name, validator) in assertions {
            checked += 1;
            if !validator.is_valid(value) {
                failed.push(format!("{what}: {name}"));
            }
        }
    };
    let annotations = &suite[0].1;
    let collections = &suite[1].1;
    let pages = &suite[2].1;
    // An embedded page or annotation has the collection's context, as a document of its own
    // (which the suite checks) states it.
    let standalone = |value: &Value| {
        let mut value = value.clone();
        if let Some(object) = value.as_object_mut() {
            object.insert("@context".into(), export["@context"].clone());
        }
        value
    };
    run("collection", export, collections);
    run("page", &standalone(&export["first"]), pages);
    for item in export["first"]["items"].as_array().unwrap() {
        run(
            item["id"].as_str().unwrap_or("annotation"),
            &standalone(item),
            annotations,
        );
    }
    (checked, failed)
}

#[test]
fn every_export_meets_the_w3c_suite_s_must_assertions() {
    let Some(suite) = Suite::open() else {
        eprintln!("no W3C suite in ../shared/corpus: skipped");
        return;
    };
    let musts = [
        (
            "annotations",
            suite.assertions("annotations/annotationMusts.test", "must"),
        ),
        (
            "collections",
            suite.assertions("collections/collectionMusts.test", "must"),
        ),
        (
            "pages",
            suite.assertions("collections/pages/pageMusts.test", "must"),
        ),
    ];
    let shoulds = [
        (
            "annotations",
            suite.assertions("annotations/annotationOptionals.test", "should"),
        ),
        (
            "collections",
            suite.assertions("collections/collectionOptionals.test", "should"),
        ),
        (
            "pages",
            suite.assertions("collections/pages/pageOptionals.test", "should"),
        ),
    ];
    assert_eq!(musts.iter().map(|(_, a)| a.len()).sum::<usize>(), 79);
    let musts: Vec<(&str, Vec<(String, jsonschema::Validator)>)> = musts.into_iter().collect();
    let shoulds: Vec<(&str, Vec<(String, jsonschema::Validator)>)> = shoulds.into_iter().collect();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut anns: Vec<PathBuf> = vec![fixture("harbour.ann")];
    for folder in [corpus.join("brat"), corpus.join("attribution/polnear-dev")] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let files: Vec<PathBuf> = if path.is_dir() {
                std::fs::read_dir(&path)
                    .unwrap()
                    .flatten()
                    .map(|e| e.path())
                    .collect()
            } else {
                vec![path]
            };
            anns.extend(
                files
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "ann")),
            );
        }
    }
    let (mut checked, mut failures) = (0, Vec::new());
    let (mut should_checked, mut should_failed) = (0, std::collections::BTreeMap::new());
    let mut ids = std::collections::BTreeSet::new();
    for ann_path in &anns {
        let Ok(document) = Document::open(&ann_path.with_extension("txt")) else {
            continue;
        };
        let ann = std::fs::read_to_string(ann_path).unwrap();
        let imported = brat::import(&ann, &document, &LabelMap::default());
        for unit in [Unit::CodePoints, Unit::Utf16] {
            let (json, _) = w3c::export(&document, &imported.set, &imported.extras, unit);
            let export: Value = serde_json::from_str(&json).unwrap();
            let (n, failed) = check(&export, &musts);
            checked += n;
            failures.extend(
                failed
                    .into_iter()
                    .map(|f| format!("{}: {f}", ann_path.display())),
            );
            let (n, failed) = check(&export, &shoulds);
            should_checked += n;
            for f in failed {
                let name = f.rsplit(": ").next().unwrap_or_default().to_owned();
                *should_failed.entry(name).or_insert(0) += 1;
            }
            if unit == Unit::CodePoints {
                // Ids are unique across documents (brat's T1 is in every file).
                for item in export["first"]["items"].as_array().unwrap() {
                    let id = item["id"].as_str().unwrap().to_owned();
                    assert!(ids.insert(id.clone()), "{id} twice");
                }
                // Nothing of the user's folders in the export.
                let folder = ann_path.parent().unwrap().display().to_string();
                assert!(
                    !json.contains(&folder),
                    "{} names its folder",
                    ann_path.display()
                );
            }
        }
    }
    println!(
        "W3C suite: {checked} MUST checks over {} exports, {} failed; SHOULD: {} of {should_checked} held, failing {should_failed:?}",
        anns.len() * 2,
        failures.len(),
        should_checked - should_failed.values().sum::<usize>()
    );
    assert!(
        failures.is_empty(),
        "{} MUST failures, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    println!(
        "SHOULD assertions that fail somewhere: {} of {}",
        should_failed.len(),
        shoulds.iter().map(|(_, a)| a.len()).sum::<usize>()
    );
    // The checks can fail: a bare file name as the source is no IRI.
    let (document, set) = harbour();
    let (json, _) = w3c::export(
        &document,
        &set,
        &marginalia::store::Extras::default(),
        Unit::CodePoints,
    );
    let mut export: Value = serde_json::from_str(&json).unwrap();
    export["first"]["items"][0]["target"]["source"] = Value::from("harbour.txt");
    let (_, failed) = check(&export, &musts);
    assert!(
        !failed.is_empty(),
        "a bare file name fails the target checks"
    );
}

#[test]
fn the_w3c_export_counts_the_brat_lines_it_leaves_out() {
    let document = Document::open(&fixture("harbour.txt")).unwrap();
    let ann = std::fs::read_to_string(fixture("harbour.ann")).unwrap();
    let imported = brat::import(&ann, &document, &LabelMap::default());
    let (_, left_out) = w3c::export(&document, &imported.set, &imported.extras, Unit::CodePoints);
    let line = left_out
        .iter()
        .find(|l| l.starts_with("brat lines kept from the import"))
        .expect("the brat lines are counted");
    let list = line.rsplit(": ").next().unwrap();
    let count = |what: &str| {
        list.split(", ")
            .find(|item| item.ends_with(&format!(" {what}")))
            .and_then(|item| item.split(' ').next()?.parse::<usize>().ok())
    };
    let lines = |prefix: char| ann.lines().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("attributes"), Some(lines('A')), "{left_out:?}");
    assert_eq!(count("relations"), Some(lines('R')), "{left_out:?}");
    assert_eq!(count("notes"), Some(lines('#')), "{left_out:?}");
    assert_eq!(count("events"), Some(lines('E')), "{left_out:?}");
}
