//! CSV for spreadsheets: one row per annotation with its attributes (the `csv` crate does the
//! quoting; the file is UTF-8).

use crate::model::{Annotation, AnnotationSet, Attributes, Party};

/// The header row.
pub const COLUMNS: [&str; 20] = [
    "id",
    "kind",
    "label",
    "start",
    "end",
    "text",
    "fragments",
    "status",
    "speaker_or_claimant",
    "speaker_or_claimant_id",
    "mode",
    "check_worthiness",
    "verdict",
    "source_url",
    "entity_type",
    "identity",
    "note",
    "tags",
    "created",
    "modified",
];

/// The annotations of `set` as CSV text, anchored ones in text order, then those waiting for
/// review. With `bom`, the text starts with a byte order mark, which Excel needs to read UTF-8.
pub fn export(set: &AnnotationSet, bom: bool) -> Result<String, ::csv::Error> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for annotation in set.anchored() {
        writer.write_record(row(set, annotation, "anchored"))?;
    }
    for annotation in set.unanchored() {
        writer.write_record(row(set, annotation, "needs review"))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    let mut text = if bom {
        "\u{FEFF}".to_owned()
    } else {
        String::new()
    };
    text.push_str(&String::from_utf8_lossy(&bytes));
    Ok(text)
}

fn row(set: &AnnotationSet, annotation: &Annotation, status: &str) -> Vec<String> {
    let party = |party: Option<&Party>| match party {
        Some(Party::Mention(id)) => (
            set.get(id).map_or_else(String::new, |a| a.text.clone()),
            id.to_string(),
        ),
        Some(Party::Named(name)) => (name.clone(), String::new()),
        None => (String::new(), String::new()),
    };
    let (who, who_id) = party(annotation.attributes.party());
    let (mode, worthiness, verdict, url, entity_type, identity) = match &annotation.attributes {
        Attributes::Quote(q) => (
            q.mode.map(|m| m.id().to_owned()),
            None,
            None,
            None,
            None,
            None,
        ),
        Attributes::Claim(c) => (
            None,
            c.check_worthiness.map(|w| w.id().to_owned()),
            c.verdict.clone(),
            c.source_url.clone(),
            None,
            None,
        ),
        Attributes::Entity(e) => (
            None,
            None,
            None,
            None,
            e.entity_type.clone(),
            e.identity
                .as_ref()
                .and_then(|i| set.identity(i))
                .map(|i| i.name.clone()),
        ),
    };
    let fragments: Vec<String> = annotation
        .fragments
        .iter()
        .map(|f| format!("{}-{}", f.span.start.0, f.span.end.0))
        .collect();
    vec![
        annotation.id.to_string(),
        annotation.kind().to_string(),
        annotation.label().to_owned(),
        annotation.span.start.0.to_string(),
        annotation.span.end.0.to_string(),
        annotation.full_text(),
        fragments.join(" "),
        status.to_owned(),
        who,
        who_id,
        mode.unwrap_or_default(),
        worthiness.unwrap_or_default(),
        verdict.unwrap_or_default(),
        url.unwrap_or_default(),
        entity_type.unwrap_or_default(),
        identity.unwrap_or_default(),
        annotation.note.clone().unwrap_or_default(),
        annotation.tags.join(", "),
        annotation.created.to_string(),
        annotation.modified.to_string(),
    ]
}
