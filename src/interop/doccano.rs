//! doccano JSONL, in both of doccano's shapes:
//! - sequence labelling: `{"text": "…", "label": [[start, end, "TYPE"], …]}` (doccano also
//!   lets the columns be named otherwise, as in `column_data` / `column_label`);
//! - relation extraction: `{"text": "…", "entities": [{"id", "start_offset", "end_offset",
//!   "label"}], "relations": [{"id", "from_id", "to_id", "type"}]}`.
//!
//! A file holds many texts; the one whose text is the article's is imported. Offsets count code
//! points, as Marginalia's do. Relations naming a quote's speaker or a claim's claimant fill
//! those fields; other relations are kept (as brat `R` lines in the set's kept lines) and
//! written back on export.

use super::LabelMap;
use crate::model::{
    Annotation, AnnotationId, AnnotationSet, Attributes, CharSpan, Document, Edit, Kind, Party,
};
use crate::store::Extras;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Which of doccano's shapes to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `entities` and `relations` (doccano's relation extraction).
    Entities,
    /// `label: [[start, end, "TYPE"]]` (doccano's sequence labelling).
    Labels,
}

/// What an import gave.
#[derive(Debug, Default)]
pub struct DoccanoImport {
    /// The annotations.
    pub set: AnnotationSet,
    /// Relations Marginalia has no place for, kept as brat lines for export.
    pub extras: Extras,
    /// What could not be imported, and why.
    pub problems: Vec<String>,
}

/// Why a doccano file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum DoccanoError {
    /// Not JSON.
    #[error("record {record} is not valid JSON: {message}")]
    Json {
        /// 1-based record number.
        record: usize,
        /// serde_json's message, with the line and column.
        message: String,
        /// Line in the file.
        line: usize,
        /// Column in the file.
        column: usize,
    },
    /// No record holds the article's text.
    #[error(
        "none of its {records} record(s) holds this article's text ({chars} chars); import the record made for this article"
    )]
    NoMatchingText {
        /// How many records the file has.
        records: usize,
        /// The article's length.
        chars: usize,
    },
}

/// Reads the record of `source` whose text is `document`'s.
pub fn import(
    source: &str,
    document: &Document,
    map: &LabelMap,
) -> Result<DoccanoImport, DoccanoError> {
    let mut records = 0;
    let mut stream = serde_json::Deserializer::from_str(source).into_iter::<Value>();
    let text = document.text().as_str();
    let record = loop {
        let Some(next) = stream.next() else {
            return Err(DoccanoError::NoMatchingText {
                records,
                chars: document.char_count(),
            });
        };
        records += 1;
        let value = next.map_err(|e| DoccanoError::Json {
            record: records,
            message: e.to_string(),
            line: e.line(),
            column: e.column(),
        })?;
        let holds_text = value
            .as_object()
            .is_some_and(|o| o.values().any(|v| v.as_str() == Some(text)));
        if holds_text {
            break value;
        }
    };
    Ok(import_record(&record, document, map))
}

fn import_record(record: &Value, document: &Document, map: &LabelMap) -> DoccanoImport {
    let mut result = DoccanoImport::default();
    let mut ids: HashMap<String, AnnotationId> = HashMap::new();
    let mut add = |result: &mut DoccanoImport,
                   id: Option<String>,
                   start: Option<u64>,
                   end: Option<u64>,
                   label: Option<&str>,
                   what: String| {
        let (Some(start), Some(end), Some(label)) = (start, end, label) else {
            result
                .problems
                .push(format!("{what}: needs a start, an end and a label"));
            return;
        };
        let (start, end) = (start as usize, end as usize);
        let Some(span) = CharSpan::new(start, end).filter(|s| !s.is_empty()) else {
            result.problems.push(format!(
                "{what}: the span {start}–{end} is empty or reversed"
            ));
            return;
        };
        if end > document.char_count() {
            result.problems.push(format!(
                "{what}: the span {start}–{end} reaches past the end of the text ({} chars)",
                document.char_count()
            ));
            return;
        }
        let annotation_id = match &id {
            Some(id) if !result.set.contains_id(&AnnotationId(id.clone())) => {
                AnnotationId(id.clone())
            }
            _ => result.set.fresh_id(),
        };
        let annotation = map.labelled(annotation_id.clone(), label, span, document);
        match result.set.insert(annotation, document) {
            Ok(()) => {
                if let Some(id) = id {
                    ids.insert(id, annotation_id);
                }
            }
            Err(e) => result.problems.push(format!("{what}: {e}")),
        }
    };
    let object = record.as_object();
    if let Some(entities) = object.and_then(|o| o.get("entities")?.as_array()) {
        for (n, entity) in entities.iter().enumerate() {
            let id = entity.get("id").map(id_text);
            add(
                &mut result,
                id,
                entity.get("start_offset").and_then(Value::as_u64),
                entity.get("end_offset").and_then(Value::as_u64),
                entity.get("label").and_then(Value::as_str),
                format!("entity {}", n + 1),
            );
        }
    } else if let Some(labels) = object.and_then(label_list) {
        for (n, label) in labels.iter().enumerate() {
            let triple = label.as_array();
            let at = |k: usize| triple.and_then(|t| t.get(k));
            add(
                &mut result,
                None,
                at(0).and_then(Value::as_u64),
                at(1).and_then(Value::as_u64),
                at(2).and_then(Value::as_str),
                format!("label {}", n + 1),
            );
        }
    }
    let relations = object
        .and_then(|o| o.get("relations")?.as_array())
        .cloned()
        .unwrap_or_default();
    let mut kept = Vec::new();
    for (n, relation) in relations.iter().enumerate() {
        let end = |key: &str| {
            relation
                .get(key)
                .map(id_text)
                .and_then(|id| ids.get(&id).cloned())
        };
        let kind_name = relation.get("type").and_then(Value::as_str).unwrap_or("");
        let (Some(from), Some(to)) = (end("from_id"), end("to_id")) else {
            result.problems.push(format!(
                "relation {}: links an entity that was not imported",
                n + 1
            ));
            continue;
        };
        if !apply_relation(&mut result.set, document, map, kind_name, &from, &to) {
            let id = relation
                .get("id")
                .map_or_else(|| (n + 1).to_string(), id_text);
            kept.push(format!("R{id}\t{kind_name} Arg1:{from} Arg2:{to}"));
        }
    }
    result.extras.brat = kept;
    result
}

/// The list of `[start, end, "LABEL"]` triples: doccano's `label` column, or whatever array of
/// triples the record has under another name (`column_label`).
fn label_list(object: &serde_json::Map<String, Value>) -> Option<&Vec<Value>> {
    ["label", "labels"]
        .iter()
        .find_map(|key| object.get(*key)?.as_array())
        .or_else(|| {
            object.values().filter_map(Value::as_array).find(|list| {
                list.iter().all(|item| {
                    item.as_array().is_some_and(|t| {
                        t.len() == 3 && t[0].is_u64() && t[1].is_u64() && t[2].is_string()
                    })
                })
            })
        })
}

fn id_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Sets a speaker or claimant from a relation between a quote or claim and an entity (either
/// way round); false when the relation says something else.
fn apply_relation(
    set: &mut AnnotationSet,
    document: &Document,
    map: &LabelMap,
    kind_name: &str,
    from: &AnnotationId,
    to: &AnnotationId,
) -> bool {
    let kind = |id: &AnnotationId| set.get(id).map(Annotation::kind);
    let (statement, entity) = match (kind(from), kind(to)) {
        (Some(Kind::Entity), Some(k)) if k != Kind::Entity => (to, from),
        (Some(k), Some(Kind::Entity)) if k != Kind::Entity => (from, to),
        _ => return false,
    };
    let Some(mut changed) = set.get(statement).cloned() else {
        return false;
    };
    let mention = Some(Party::Mention(entity.clone()));
    match &mut changed.attributes {
        Attributes::Quote(q) if q.speaker.is_none() && map.is_speaker_relation(kind_name) => {
            q.speaker = mention;
        }
        Attributes::Claim(c)
            if c.claimant.is_none() && kind_name.eq_ignore_ascii_case("claimant") =>
        {
            c.claimant = mention;
        }
        _ => return false,
    }
    set.apply(Edit::Replace(changed), document).is_ok()
}

/// The article and its annotations as one doccano record (one line, with its newline), and
/// what doccano cannot carry.
pub fn export(
    document: &Document,
    set: &AnnotationSet,
    extras: &Extras,
    shape: Shape,
) -> (String, Vec<String>) {
    let mut left_out = Vec::new();
    for annotation in set.unanchored() {
        left_out.push(format!(
            "{} “{}” lost its place in the changed article; review it in Marginalia first",
            annotation.kind(),
            annotation.snippet(40)
        ));
    }
    // Numeric ids stay; others get the numbers after the highest.
    let mut next = 1 + set
        .anchored()
        .iter()
        .filter_map(|a| a.id.0.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let mut numbers: BTreeMap<&AnnotationId, u64> = BTreeMap::new();
    for annotation in set.anchored() {
        let number = match annotation.id.0.parse::<u64>() {
            Ok(n) if !numbers.values().any(|&m| m == n) => n,
            _ => {
                next += 1;
                next - 1
            }
        };
        numbers.insert(&annotation.id, number);
    }
    let mut entities = Vec::new();
    let mut labels = Vec::new();
    for annotation in set.anchored() {
        if !annotation.fragments.is_empty() {
            left_out.push(format!(
                "{} “{}” is in {} pieces; doccano has no discontinuous spans, so each piece is its own span",
                annotation.kind(),
                annotation.snippet(40),
                annotation.fragments.len() + 1
            ));
        }
        let label = annotation.label().to_owned();
        for (k, piece) in annotation.pieces().enumerate() {
            let id = if k == 0 {
                numbers[&annotation.id]
            } else {
                next += 1;
                next - 1
            };
            entities.push(json!({
                "id": id,
                "start_offset": piece.start.0,
                "end_offset": piece.end.0,
                "label": label,
            }));
            labels.push(json!([piece.start.0, piece.end.0, label]));
        }
    }
    let mut relations = Vec::new();
    let mut relation_id = 0;
    for annotation in set.anchored() {
        let (party, name) = match &annotation.attributes {
            Attributes::Quote(q) => (q.speaker.as_ref(), "speaker"),
            Attributes::Claim(c) => (c.claimant.as_ref(), "claimant"),
            Attributes::Entity(_) => (None, ""),
        };
        match party {
            Some(Party::Mention(entity)) if numbers.contains_key(entity) => {
                relations.push(json!({
                    "id": relation_id,
                    "from_id": numbers[&annotation.id],
                    "to_id": numbers[entity],
                    "type": name,
                }));
                relation_id += 1;
            }
            Some(Party::Named(named)) => left_out.push(format!(
                "the {name} of “{}” is the name “{named}”, not a span; doccano relations link spans only",
                annotation.snippet(30)
            )),
            _ => {}
        }
    }
    for line in &extras.brat {
        // Relations kept from an import: `R<id>\t<type> Arg1:<from> Arg2:<to>`.
        let mut words = line.split(['\t', ' ']);
        let (Some(_), Some(kind_name), Some(from), Some(to)) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            continue;
        };
        let end = |arg: &str| {
            let id = AnnotationId(arg.split_once(':')?.1.to_owned());
            numbers.get(&id).copied()
        };
        if let (Some(from), Some(to)) = (end(from), end(to)) {
            relations
                .push(json!({"id": relation_id, "from_id": from, "to_id": to, "type": kind_name}));
            relation_id += 1;
        }
    }
    let text = document.text().as_str();
    let record = match shape {
        Shape::Entities => json!({"text": text, "entities": entities, "relations": relations}),
        Shape::Labels => {
            if !relations.is_empty() {
                left_out.push(format!(
                    "{} relation(s) (speakers, claimants and others): the label shape has none; use the entities shape to keep them",
                    relations.len()
                ));
            }
            json!({"text": text, "label": labels})
        }
    };
    (format!("{record}\n"), left_out)
}
