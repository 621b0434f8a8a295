//! Reading an `.ann` file: text-bound annotations become annotations, lines about modelled
//! facts are applied, the rest is kept as it was.

use super::{
    BratIds, BratImport, Line, Slot, fact, mode_from, reachable, unknown_value, worthiness_from,
};
use crate::interop::LabelMap;
use crate::model::{
    AnnotationId, AnnotationSet, Attributes, CharSpan, Document, Edit, Excerpt, Party, SetError,
};
use std::collections::HashSet;

/// Why a text-bound annotation could not be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
enum SpanProblem {
    #[error("the span {start}–{end} is empty or reversed")]
    Empty { start: usize, end: usize },
    #[error("the span {start}–{end} reaches past the end of the article ({char_count} chars)")]
    PastEnd {
        start: usize,
        end: usize,
        char_count: usize,
    },
    #[error("the .ann says {stored:?} but the article has {found:?} there")]
    TextMismatch { stored: String, found: String },
    #[error("{0}")]
    Set(#[from] SetError),
}

/// Reads an `.ann` file's text into a set of annotations of `document`.
pub fn import(ann: &str, document: &Document, map: &LabelMap) -> BratImport {
    let mut result = BratImport::default();
    let mut others: Vec<(usize, String, Line)> = Vec::new();
    // The cues and triggers of mapped attribution events are no annotations of their own: a
    // cue goes with its quote, and both lines are kept as they were, for export.
    let attributions: Vec<Line> = ann
        .lines()
        .filter_map(|raw| Line::parse(raw.strip_suffix('\r').unwrap_or(raw)).ok())
        .filter(|line| line.id().starts_with('E') && map.attribution(line.kind_name()).is_some())
        .collect();
    let carried: HashSet<String> = attributions
        .iter()
        .flat_map(|event| {
            let roles = map.attribution(event.kind_name());
            [
                roles.and_then(|r| event.role(&r.cue)),
                event.role("trigger"),
            ]
        })
        .flatten()
        .map(str::to_owned)
        .collect();
    let mut carried_spans: std::collections::HashMap<String, CharSpan> = Default::default();
    let mut carried_lines = Vec::new();
    for (index, raw) in ann.lines().enumerate() {
        let number = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let line = match Line::parse(raw) {
            Ok(line) => line,
            Err(why) => {
                result.problems.push(format!("line {number}: {why}"));
                continue;
            }
        };
        match line {
            Line::Text { id, pieces, .. } if carried.contains(&id) => {
                if let Some(&(start, end)) = pieces.first()
                    && let Some(span) =
                        CharSpan::new(start, end).filter(|s| s.end.0 <= document.char_count())
                {
                    carried_spans.insert(id.clone(), span);
                }
                carried_lines.push((id, raw.to_owned()));
            }
            Line::Text {
                id,
                kind_name,
                pieces,
                text,
            } => {
                if let Err(why) = import_text(
                    &mut result.set,
                    document,
                    map,
                    &id,
                    &kind_name,
                    &pieces,
                    &text,
                ) {
                    result.problems.push(format!("line {number}: {id}: {why}"));
                }
            }
            other => others.push((number, raw.to_owned(), other)),
        }
    }
    // Lines about what was imported (or about other kept lines) are kept; a fixpoint, since
    // lines may refer to lines further down.
    let mut known: HashSet<String> = result
        .set
        .anchored()
        .iter()
        .map(|a| a.id.0.clone())
        .chain(carried_lines.iter().map(|(id, _)| id.clone()))
        .collect();
    let keep = reachable(others.iter().map(|(_, _, line)| Some(line)), &mut known);
    let ids = BratIds::of_imported(&result.set);
    let mut extras = Vec::new();
    let mut facts = Vec::new();
    let mut filled: HashSet<Slot> = HashSet::new();
    for ((number, raw, line), kept) in others.into_iter().zip(keep) {
        if !kept {
            let missing: Vec<&str> = line.targets().filter(|t| !known.contains(*t)).collect();
            result.problems.push(format!(
                "line {number}: {} refers to {}, which could not be imported",
                line.id(),
                missing.join(", ")
            ));
            continue;
        }
        if let Some((slot, value)) = fact(&line, &ids, map)
            && filled.insert(slot.clone())
        {
            facts.push((slot, value));
        }
        if let Some(why) = unknown_value(&line) {
            result.problems.push(format!("line {number}: {why}"));
        }
        extras.push(raw);
    }
    for (slot, value) in facts {
        apply_fact(&mut result.set, document, &slot, &value);
    }
    for event in &attributions {
        give_cue(&mut result.set, document, map, event, &carried_spans);
    }
    result.extras.brat = carried_lines
        .into_iter()
        .map(|(_, raw)| raw)
        .chain(extras)
        .collect();
    result
}

/// Gives the quote of an attribution `event` its cue, from the cue's span.
fn give_cue(
    set: &mut AnnotationSet,
    document: &Document,
    map: &LabelMap,
    event: &Line,
    spans: &std::collections::HashMap<String, CharSpan>,
) {
    let Some(roles) = map.attribution(event.kind_name()) else {
        return;
    };
    let (Some(quote), Some(cue)) = (event.role(&roles.quote), event.role(&roles.cue)) else {
        return;
    };
    let (Some(mut annotation), Some(span)) = (
        set.get(&AnnotationId(quote.to_owned())).cloned(),
        spans.get(cue),
    ) else {
        return;
    };
    if let Attributes::Quote(q) = &mut annotation.attributes {
        q.cue = Some(Excerpt::of(document, *span));
        if let Err(error) = set.apply(Edit::Replace(annotation), document) {
            log::error!("could not give {quote} its cue: {error}");
        }
    }
}

fn import_text(
    set: &mut AnnotationSet,
    document: &Document,
    map: &LabelMap,
    id: &str,
    kind_name: &str,
    pieces: &[(usize, usize)],
    text: &str,
) -> Result<(), SpanProblem> {
    let char_count = document.char_count();
    let mut spans = Vec::new();
    for &(start, end) in pieces {
        let span = CharSpan::new(start, end)
            .filter(|s| !s.is_empty())
            .ok_or(SpanProblem::Empty { start, end })?;
        if end > char_count {
            return Err(SpanProblem::PastEnd {
                start,
                end,
                char_count,
            });
        }
        spans.push(span);
    }
    spans.sort();
    let found: Vec<&str> = spans.iter().map(|s| document.text().slice(*s)).collect();
    if found.join(" ") != text {
        return Err(SpanProblem::TextMismatch {
            stored: text.to_owned(),
            found: found.join(" "),
        });
    }
    let mut annotation = map.labelled(AnnotationId(id.to_owned()), kind_name, spans[0], document);
    annotation.fragments = spans[1..]
        .iter()
        .map(|s| Excerpt::of(document, *s))
        .collect();
    Ok(set.insert(annotation, document)?)
}

fn apply_fact(set: &mut AnnotationSet, document: &Document, slot: &Slot, value: &str) {
    let (Slot::Speaker(id)
    | Slot::Claimant(id)
    | Slot::Note(id)
    | Slot::Mode(id)
    | Slot::CheckWorthiness(id)) = slot;
    let Some(mut annotation) = set.get(&AnnotationId(id.clone())).cloned() else {
        return;
    };
    let mention = Some(Party::Mention(AnnotationId(value.to_owned())));
    match (slot, &mut annotation.attributes) {
        (Slot::Speaker(_), Attributes::Quote(q)) => q.speaker = mention,
        (Slot::Claimant(_), Attributes::Claim(c)) => c.claimant = mention,
        (Slot::Note(_), _) => annotation.note = Some(value.to_owned()),
        (Slot::Mode(_), Attributes::Quote(q)) => q.mode = mode_from(value),
        (Slot::CheckWorthiness(_), Attributes::Claim(c)) => {
            c.check_worthiness = worthiness_from(value);
        }
        _ => return,
    }
    // Only facts between imported annotations get here, so the edit cannot fail.
    if let Err(error) = set.apply(Edit::Replace(annotation), document) {
        log::error!("could not apply a brat fact to {id}: {error}");
    }
}
