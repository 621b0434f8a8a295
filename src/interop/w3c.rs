//! W3C Web Annotation (JSON-LD): an `AnnotationCollection` out, and annotations, pages or
//! collections in.
//!
//! Each annotation's target has a `TextPositionSelector` (code points by default; UTF-16 code
//! units for JavaScript when asked) and a `TextQuoteSelector` (`exact`, `prefix`, `suffix`); a
//! quote in several pieces has one target per piece. Its kind and attributes are bodies:
//! - `classifying`: the kind (`Quote`, `Claim`, `Entity`), and `entity-type:…`, `label:…`,
//!   `mode:…`, `check-worthiness:…`;
//! - `commenting`: the note; `tagging`: each tag; `assessing`: the verdict (a `TextualBody`)
//!   and the source URL (a `SpecificResource`);
//! - `linking`: the speaker or claimant, a `SpecificResource` naming the entity annotation, or
//!   a `TextualBody` with a name.
//!
//! Importing finds each annotation by its position when the text there is its quote, else by
//! its quote and context (as re-anchoring does); positions that refine another selector (a
//! fragment, an XPath) are relative to something Marginalia cannot resolve and are not used.

use super::LabelMap;
use crate::anchor::{self, Outcome};
use crate::model::{
    Annotation, AnnotationId, AnnotationSet, Attributes, CharOffset, CharSpan, CheckWorthiness,
    Document, Edit, Excerpt, Kind, Party, QuoteMode, SetError, Utf16Index,
};
use serde_json::{Value, json};

/// How positions are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Unicode code points (Marginalia's own offsets; Python's string indexes).
    CodePoints,
    /// UTF-16 code units (JavaScript's string indexes).
    Utf16,
}

impl Unit {
    fn describe(self) -> &'static str {
        match self {
            Unit::CodePoints => "Unicode code points",
            Unit::Utf16 => "UTF-16 code units",
        }
    }
}

const ID_PREFIX: &str = "urn:marginalia:annotation:";

/// What an import gave.
#[derive(Debug, Default)]
pub struct W3cImport {
    /// The annotations.
    pub set: AnnotationSet,
    /// What could not be imported, and why.
    pub problems: Vec<String>,
}

/// Why a file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum W3cError {
    /// Not JSON.
    #[error("it is not valid JSON: {message}")]
    Json {
        /// serde_json's message, with the line and column.
        message: String,
        /// Line in the file.
        line: usize,
        /// Column in the file.
        column: usize,
    },
    /// JSON, but no Web Annotation.
    #[error("it is not a Web Annotation: {0}")]
    NotAnnotation(String),
}

/// The IRI of `document`'s text: its fingerprint (`urn:blake3:…`), which names the text and
/// nothing of the folders it sits in, and survives a move or a rename.
pub fn text_iri(document: &Document) -> String {
    let fingerprint = document.fingerprint().to_string();
    format!(
        "urn:blake3:{}",
        fingerprint.strip_prefix("blake3:").unwrap_or(&fingerprint)
    )
}

/// The part of exported ids that tells documents apart: the first 16 hex digits of the text's
/// fingerprint (annotations imported from brat are all called `T1`, `T2`, …).
fn document_key(document: &Document) -> String {
    text_iri(document)
        .trim_start_matches("urn:blake3:")
        .chars()
        .take(16)
        .collect()
}

/// An exported annotation's id: unique across documents.
fn annotation_iri(key: &str, id: &AnnotationId) -> String {
    format!("{ID_PREFIX}{key}:{id}")
}

/// The annotation's own id in an exported id (ours with a document key, ours from before, or
/// anyone's).
fn own_id(iri: &str) -> &str {
    let Some(rest) = iri.strip_prefix(ID_PREFIX) else {
        return iri;
    };
    match rest.split_once(':') {
        Some((key, id)) if key.len() == 16 && key.chars().all(|c| c.is_ascii_hexdigit()) => id,
        _ => rest,
    }
}

/// Writes `set` as an `AnnotationCollection`, with positions counted in `unit`; what brat
/// lines kept in `extras` held is counted in what is left out.
pub fn export(
    document: &Document,
    set: &AnnotationSet,
    extras: &crate::store::Extras,
    unit: Unit,
) -> (String, Vec<String>) {
    let mut left_out = left_out_lines(extras);
    let source = text_iri(document);
    let key = document_key(document);
    let utf16 = Utf16Index::new(document.text().as_str());
    let position = |offset: CharOffset| match unit {
        Unit::CodePoints => offset.0,
        Unit::Utf16 => utf16.to_utf16(offset),
    };
    let mut items = Vec::new();
    for annotation in set.unanchored() {
        left_out.push(format!(
            "{} “{}” lost its place in the changed article; review it in Marginalia first",
            annotation.kind(),
            annotation.snippet(40)
        ));
    }
    for annotation in set.anchored() {
        let text = document.text();
        let targets: Vec<Value> = annotation
            .pieces()
            .map(|piece| {
                json!({
                    "source": source,
                    "selector": [
                        {"type": "TextPositionSelector", "start": position(piece.start), "end": position(piece.end)},
                        {
                            "type": "TextQuoteSelector",
                            "exact": text.slice(piece),
                            "prefix": text.chars_before(piece.start, crate::model::annotation::CONTEXT_CHARS),
                            "suffix": text.chars_after(piece.end, crate::model::annotation::CONTEXT_CHARS),
                        }
                    ]
                })
            })
            .collect();
        let mut item = json!({
            "id": annotation_iri(&key, &annotation.id),
            "type": "Annotation",
            "motivation": "classifying",
            "created": annotation.created.to_string(),
            "modified": annotation.modified.to_string(),
            "body": bodies(annotation, &key, &mut left_out),
            "target": if targets.len() == 1 { targets[0].clone() } else { Value::Array(targets) },
        });
        if let Some(object) = item.as_object_mut() {
            object.retain(|_, v| !v.is_null());
        }
        items.push(item);
    }
    // One page holds them all.
    let collection = format!("urn:marginalia:collection:{key}");
    let page = format!("urn:marginalia:page:{key}:0");
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": collection,
        "type": "AnnotationCollection",
        "label": format!(
            "Annotations of “{}” made with Marginalia. TextPositionSelector start and end count {}.",
            document.file_name(),
            unit.describe()
        ),
        "total": items.len(),
        "last": page,
        "first": {
            "id": page,
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut text = serde_json::to_string_pretty(&collection).unwrap_or_default();
    text.push('\n');
    (text, left_out)
}

fn textual(purpose: &str, value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"})
}

/// How many of each kind of brat line kept beside the set the export leaves out: Web
/// Annotation has no place for what Marginalia does not model.
fn left_out_lines(extras: &crate::store::Extras) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for line in &extras.brat {
        let what = match line.chars().next() {
            Some('A' | 'M') => "attributes",
            Some('#') => "notes",
            Some('R') => "relations",
            Some('E') => "events",
            Some('N') => "normalisations",
            Some('*') => "equivalences",
            _ => "other lines",
        };
        *counts.entry(what).or_default() += 1;
    }
    if counts.is_empty() {
        return Vec::new();
    }
    let listed: Vec<String> = counts
        .into_iter()
        .map(|(what, count)| format!("{count} {what}"))
        .collect();
    vec![format!(
        "brat lines kept from the import that Web Annotation has no place for, beyond the speakers, claimants, notes, modes and grades applied from them (the brat export keeps them): {}",
        listed.join(", ")
    )]
}

fn bodies(annotation: &Annotation, key: &str, left_out: &mut Vec<String>) -> Vec<Value> {
    let mut bodies = vec![textual("classifying", annotation.kind().id())];
    if let Some(label) = &annotation.source_label {
        bodies.push(textual("classifying", &format!("label:{label}")));
    }
    let link = |party: &Party| match party {
        Party::Mention(id) => {
            json!({"type": "SpecificResource", "purpose": "linking", "source": annotation_iri(key, id)})
        }
        Party::Named(name) => textual("linking", name),
    };
    match &annotation.attributes {
        Attributes::Quote(q) => {
            bodies.extend(q.speaker.as_ref().map(link));
            bodies.extend(
                q.mode
                    .map(|m| textual("classifying", &format!("mode:{}", m.id()))),
            );
            if q.cue.is_some() {
                left_out.push(format!(
                    "the cue of quote “{}” (Web Annotation bodies have no place for it)",
                    annotation.snippet(30)
                ));
            }
        }
        Attributes::Claim(c) => {
            bodies.extend(c.claimant.as_ref().map(link));
            bodies.extend(
                c.check_worthiness
                    .map(|w| textual("classifying", &format!("check-worthiness:{}", w.id()))),
            );
            bodies.extend(c.verdict.as_deref().map(|v| textual("assessing", v)));
            bodies.extend(c.source_url.as_deref().map(
                |url| json!({"type": "SpecificResource", "purpose": "assessing", "source": url}),
            ));
        }
        Attributes::Entity(e) => {
            bodies.extend(
                e.entity_type
                    .as_deref()
                    .map(|t| textual("classifying", &format!("entity-type:{t}"))),
            );
            if e.identity.is_some() {
                left_out.push(format!(
                    "the identity of entity “{}” (the article's list of identities is Marginalia's own)",
                    annotation.snippet(30)
                ));
            }
        }
    }
    bodies.extend(annotation.note.as_deref().map(|n| textual("commenting", n)));
    bodies.extend(annotation.tags.iter().map(|t| textual("tagging", t)));
    bodies
}

/// Reads annotations (one, a page, a collection or an array of them) for `document`.
pub fn import(
    source: &str,
    document: &Document,
    map: &LabelMap,
    unit: Unit,
) -> Result<W3cImport, W3cError> {
    let value: Value = serde_json::from_str(source).map_err(|e| W3cError::Json {
        message: e.to_string(),
        line: e.line(),
        column: e.column(),
    })?;
    let mut items = Vec::new();
    collect_annotations(&value, &mut items)?;
    let mut result = W3cImport::default();
    let utf16 = Utf16Index::new(document.text().as_str());
    let mut links = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let name = item
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("annotation {}", n + 1), str::to_owned);
        match import_one(item, document, map, unit, &utf16, &mut result.set) {
            Ok(Some(link)) => links.push(link),
            Ok(None) => {}
            Err(why) => result.problems.push(format!("{name}: {why}")),
        }
    }
    // Speakers and claimants once every annotation is in.
    for (id, target) in links {
        let Some(mut annotation) = result.set.get(&id).cloned() else {
            continue;
        };
        if result.set.get(&target).map(Annotation::kind) != Some(Kind::Entity) {
            result.problems.push(format!(
                "{ID_PREFIX}{id}: links to {target}, which is not an imported entity; link dropped"
            ));
            continue;
        }
        annotation
            .attributes
            .set_party(Some(Party::Mention(target.clone())));
        if let Err(error) = result.set.apply(Edit::Replace(annotation), document) {
            result.problems.push(format!(
                "{ID_PREFIX}{id}: its link to {target} could not be made ({error})"
            ));
        }
    }
    Ok(result)
}

fn collect_annotations<'a>(value: &'a Value, out: &mut Vec<&'a Value>) -> Result<(), W3cError> {
    match value {
        Value::Array(list) => {
            for item in list {
                collect_annotations(item, out)?;
            }
            Ok(())
        }
        Value::Object(object) => match object.get("type").and_then(Value::as_str) {
            Some("Annotation") => {
                out.push(value);
                Ok(())
            }
            Some("AnnotationCollection") => {
                for key in ["first", "items"] {
                    if let Some(inner) = object.get(key) {
                        collect_annotations(inner, out)?;
                    }
                }
                Ok(())
            }
            Some("AnnotationPage") => {
                if let Some(items) = object.get("items") {
                    collect_annotations(items, out)?;
                }
                Ok(())
            }
            other => Err(W3cError::NotAnnotation(format!(
                "found an object of type {}, not an Annotation, AnnotationPage or AnnotationCollection",
                other.map_or_else(|| "(none)".to_owned(), |t| format!("{t:?}"))
            ))),
        },
        _ => Err(W3cError::NotAnnotation(
            "expected an object or an array".to_owned(),
        )),
    }
}

/// Where one target points: a position, a quote with context, or both.
#[derive(Default)]
struct TextTarget {
    position: Option<(u64, u64)>,
    quote: Option<(String, String, String)>,
    /// A position that refines another selector, which Marginalia cannot use.
    relative: bool,
}

fn text_target(target: &Value) -> TextTarget {
    let mut found = TextTarget::default();
    let selectors = match target.get("selector") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    for selector in selectors {
        let mut current = Some(selector);
        let mut depth = 0;
        while let Some(selector) = current {
            match selector.get("type").and_then(Value::as_str) {
                Some("TextPositionSelector") => {
                    let at = |k: &str| selector.get(k).and_then(Value::as_u64);
                    if let (Some(start), Some(end)) = (at("start"), at("end")) {
                        if depth == 0 {
                            found.position = Some((start, end));
                        } else {
                            found.relative = true;
                        }
                    }
                }
                Some("TextQuoteSelector") => {
                    let text = |k: &str| {
                        selector
                            .get(k)
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned()
                    };
                    if !text("exact").is_empty() {
                        found.quote = Some((text("exact"), text("prefix"), text("suffix")));
                    }
                }
                _ => {}
            }
            current = selector.get("refinedBy");
            depth += 1;
        }
    }
    found
}

/// Why one Web Annotation could not be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
enum ItemProblem {
    #[error("it has no target")]
    NoTarget,
    #[error("it targets {0} as a whole, not a stretch of text")]
    WholeResource(String),
    #[error("its position {start}–{end} ({unit}) is not inside the article ({chars} chars)")]
    OutsidePosition {
        start: u64,
        end: u64,
        unit: &'static str,
        chars: usize,
    },
    #[error(
        "its position is relative to a part of a document (a fragment or XPath) that Marginalia cannot resolve"
    )]
    RelativePosition,
    #[error("it has no text position or quote selector")]
    NoTextSelector,
    #[error("its quote “{0}” is not in the article")]
    QuoteNotFound(String),
    #[error("{0}")]
    Set(#[from] SetError),
}

/// Imports one annotation into `set`; returns its speaker or claimant link to resolve later.
fn import_one(
    item: &Value,
    document: &Document,
    map: &LabelMap,
    unit: Unit,
    utf16: &Utf16Index,
    set: &mut AnnotationSet,
) -> Result<Option<(AnnotationId, AnnotationId)>, ItemProblem> {
    let targets: Vec<&Value> = match item.get("target") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => return Err(ItemProblem::NoTarget),
    };
    let mut spans = Vec::new();
    for target in targets {
        let whole = target.as_str().or_else(|| {
            target.get("selector").is_none().then(|| {
                ["source", "id"]
                    .iter()
                    .find_map(|k| target.get(*k)?.as_str())
            })?
        });
        if let Some(iri) = whole {
            return Err(ItemProblem::WholeResource(iri.to_owned()));
        }
        spans.push(locate(&text_target(target), document, unit, utf16)?);
    }
    spans.sort();
    let bodies: Vec<&Value> = match item.get("body") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let purpose_values = |purpose: &str| -> Vec<String> {
        bodies
            .iter()
            .filter(|b| b.get("purpose").and_then(Value::as_str) == Some(purpose))
            .filter_map(|b| b.get("value").and_then(Value::as_str).map(str::to_owned))
            .collect()
    };
    let classifying = purpose_values("classifying");
    let field = |key: &str| {
        classifying
            .iter()
            .find_map(|v| v.strip_prefix(&format!("{key}:")).map(str::to_owned))
    };
    let kind_label = classifying.iter().find(|v| !v.contains(':'));
    let label = field("label")
        .or_else(|| field("entity-type"))
        .or_else(|| kind_label.cloned())
        .unwrap_or_else(|| Kind::Entity.id().to_owned());
    let id = item
        .get("id")
        .and_then(Value::as_str)
        .filter(|i| i.starts_with(ID_PREFIX))
        .map(|i| AnnotationId(own_id(i).to_owned()))
        .filter(|i| !set.contains_id(i))
        .unwrap_or_else(|| set.fresh_id());
    let mut annotation = map.labelled(id.clone(), &label, spans[0], document);
    // The kind body decides the kind, whatever the label says.
    if let Some(kind) = kind_label.and_then(|k| Kind::ALL.into_iter().find(|x| x.id() == k))
        && kind != annotation.kind()
    {
        let source_label = annotation.source_label.take().or(Some(label.clone()));
        annotation.attributes = Attributes::empty(kind);
        if kind == Kind::Entity {
            if let Attributes::Entity(e) = &mut annotation.attributes {
                e.entity_type = Some(label.clone());
            }
        } else {
            annotation.source_label = source_label.filter(|l| l != kind.id());
        }
    }
    annotation.fragments = spans[1..]
        .iter()
        .map(|s| Excerpt::of(document, *s))
        .collect();
    let mut link = None;
    let linking: Vec<&&Value> = bodies
        .iter()
        .filter(|b| b.get("purpose").and_then(Value::as_str) == Some("linking"))
        .collect();
    for body in linking {
        if let Some(source) = body.get("source").and_then(Value::as_str) {
            let target = own_id(source);
            link = Some((id.clone(), AnnotationId(target.to_owned())));
        } else if let Some(name) = body.get("value").and_then(Value::as_str) {
            annotation
                .attributes
                .set_party(Some(Party::Named(name.to_owned())));
        }
    }
    match &mut annotation.attributes {
        Attributes::Quote(q) => {
            q.mode = field("mode").and_then(|m| QuoteMode::ALL.into_iter().find(|x| x.id() == m));
        }
        Attributes::Claim(c) => {
            c.check_worthiness = field("check-worthiness")
                .and_then(|w| CheckWorthiness::ALL.into_iter().find(|x| x.id() == w));
            c.verdict = purpose_values("assessing").into_iter().next();
            c.source_url = bodies
                .iter()
                .filter(|b| b.get("purpose").and_then(Value::as_str) == Some("assessing"))
                .find_map(|b| b.get("source").and_then(Value::as_str).map(str::to_owned));
        }
        Attributes::Entity(_) => {}
    }
    annotation.note = purpose_values("commenting").into_iter().next();
    let mut tags = purpose_values("tagging");
    tags.sort();
    tags.dedup();
    annotation.tags = tags;
    if let Some(time) = item.get("created").and_then(Value::as_str)
        && let Ok(time) = crate::model::Timestamp::parse(time)
    {
        annotation.created = time;
    }
    if let Some(time) = item.get("modified").and_then(Value::as_str)
        && let Ok(time) = crate::model::Timestamp::parse(time)
    {
        annotation.modified = time;
    }
    set.insert(annotation, document)?;
    Ok(link)
}

/// The span a target points at in `document`.
fn locate(
    target: &TextTarget,
    document: &Document,
    unit: Unit,
    utf16: &Utf16Index,
) -> Result<CharSpan, ItemProblem> {
    let text = document.text();
    let from_position = target.position.and_then(|(start, end)| {
        let convert = |p: u64| match unit {
            Unit::CodePoints => Some(CharOffset(p as usize)),
            Unit::Utf16 => utf16.from_utf16(p as usize),
        };
        let span = CharSpan::new(convert(start)?.0, convert(end)?.0)?;
        (!span.is_empty() && span.end.0 <= text.char_count()).then_some(span)
    });
    let Some((exact, prefix, suffix)) = &target.quote else {
        return match (from_position, target.position) {
            (Some(span), _) => Ok(span),
            (None, Some((start, end))) => Err(ItemProblem::OutsidePosition {
                start,
                end,
                unit: unit.describe(),
                chars: text.char_count(),
            }),
            (None, None) if target.relative => Err(ItemProblem::RelativePosition),
            (None, None) => Err(ItemProblem::NoTextSelector),
        };
    };
    if let Some(span) = from_position
        && text.slice(span) == exact
    {
        return Ok(span);
    }
    // Look for the quote with its context, as re-anchoring does.
    let length = exact.chars().count();
    let count = text.char_count();
    let hint = from_position.map_or(0, |s| s.start.0).min(count);
    let guess = CharSpan::between(CharOffset(hint), CharOffset((hint + length).min(count)));
    let mut probe = Annotation::new(AnnotationId(String::new()), Kind::Entity, guess, document);
    probe.text = exact.clone();
    probe.prefix = prefix.clone();
    probe.suffix = suffix.clone();
    let relocation = anchor::relocate(
        &probe,
        document,
        anchor::Neighbour::default(),
        &std::collections::BTreeMap::new(),
    );
    match (relocation.outcome, relocation.placed) {
        (Outcome::Kept | Outcome::Moved, Some(placed)) => Ok(placed.span),
        _ => Err(ItemProblem::QuoteNotFound(exact.clone())),
    }
}
