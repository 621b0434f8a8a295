//! Writing an `.ann` file: the annotations with their brat ids, the kept lines whose targets
//! are still there, the applied lines whose facts still hold, and new lines for facts added in
//! Marginalia; then brat's configuration for them.

use super::conf::{Declared, brat_name, visual_conf};
use super::{
    BratColours, BratExport, BratIds, Line, Slot, fact, model_value, number_of, reachable,
};
use crate::interop::LabelMap;
use crate::model::{AnnotationId, AnnotationSet, Attributes, CharSpan, Document, Kind, Party};
use crate::store::Extras;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Writes `set` as brat standoff for `document`, with the lines `extras` kept from an import
/// whose annotations are still there.
pub fn export(
    document: &Document,
    set: &AnnotationSet,
    extras: &Extras,
    map: &LabelMap,
    colours: &BratColours,
) -> BratExport {
    let ids = BratIds::assign(set);
    let mut writer = Writer {
        out: BratExport::default(),
        declared: Declared::default(),
        used_ids: BTreeSet::new(),
    };
    for annotation in set.unanchored() {
        writer.out.left_out.push(format!(
            "{} “{}” lost its place in the changed article; review it in Marginalia first",
            annotation.kind(),
            annotation.snippet(40)
        ));
    }
    let (types, renamed) = writer.text_lines(document, set, &ids);
    let covered = writer.kept_lines(extras, &ids, map);
    writer.new_fact_lines(set, &ids, &covered);
    let mut out = writer.out;
    for (written, name) in &renamed {
        out.left_out.push(format!(
            "the type “{name}” is written “{written}”: brat cannot read white space in a type name (importing maps it back)"
        ));
    }
    out.annotation_conf = writer.declared.annotation_conf(&types);
    out.visual_conf = visual_conf(&types, &renamed, colours);
    out
}

/// An export being written.
struct Writer {
    out: BratExport,
    declared: Declared,
    /// Ids of lines written or kept, which new lines never reuse.
    used_ids: BTreeSet<String>,
}

impl Writer {
    /// The text-bound lines, one per anchored annotation; gives each type's kind (by the name
    /// written) and the names written otherwise than they are (written → name).
    fn text_lines(
        &mut self,
        document: &Document,
        set: &AnnotationSet,
        ids: &BratIds<'_>,
    ) -> (BTreeMap<String, Kind>, BTreeMap<String, String>) {
        let mut types = BTreeMap::new();
        let mut renamed = BTreeMap::new();
        for annotation in set.anchored() {
            let brat_id = ids.brat_id(&annotation.id).unwrap_or_default();
            let label = annotation.label();
            let kind_name = brat_name(label).into_owned();
            if kind_name != label {
                renamed.insert(kind_name.clone(), label.to_owned());
            }
            types.insert(kind_name.clone(), annotation.kind());
            let pieces: Vec<CharSpan> = annotation
                .pieces()
                .flat_map(|piece| split_at_line_breaks(document, piece))
                .collect();
            let offsets: Vec<String> = pieces
                .iter()
                .map(|p| format!("{} {}", p.start.0, p.end.0))
                .collect();
            let texts: Vec<&str> = pieces.iter().map(|p| document.text().slice(*p)).collect();
            self.out.ann.push_str(&format!(
                "{brat_id}\t{kind_name} {}\t{}\n",
                offsets.join(";"),
                texts.join(" ")
            ));
        }
        (types, renamed)
    }

    /// The kept lines whose targets are still there, and the applied lines whose facts still
    /// hold; gives the facts those lines cover.
    fn kept_lines(&mut self, extras: &Extras, ids: &BratIds<'_>, map: &LabelMap) -> HashSet<Slot> {
        let mut known: HashSet<String> = ids.by_brat.keys().cloned().collect();
        let lines: Vec<(String, Option<Line>)> = extras
            .brat
            .iter()
            .map(|raw| with_brat_ids(raw, ids))
            .map(|raw| {
                let line = Line::parse(&raw).ok();
                (raw, line)
            })
            .collect();
        let keep = reachable(lines.iter().map(|(_, line)| line.as_ref()), &mut known);
        // New ids never reuse one of a kept line, even one that is no longer written.
        self.used_ids.extend(known.iter().cloned());
        self.used_ids.extend(
            lines
                .iter()
                .filter_map(|(_, l)| Some(l.as_ref()?.id().to_owned())),
        );
        let mut seen: HashSet<Slot> = HashSet::new();
        let mut covered: HashSet<Slot> = HashSet::new();
        for ((raw, line), kept) in lines.iter().zip(&keep) {
            let Some(line) = line else {
                self.out
                    .left_out
                    .push(format!("a kept brat line could not be read: {raw}"));
                continue;
            };
            if !kept {
                self.out.left_out.push(format!(
                    "{} refers to an annotation that was deleted",
                    line.id()
                ));
                continue;
            }
            if let Some((slot, value)) = fact(line, ids, map)
                && seen.insert(slot.clone())
            {
                // The line Marginalia applied: written only while the fact still holds.
                if model_value(&slot, ids).as_deref() != Some(value.as_str()) {
                    continue;
                }
                covered.insert(slot);
            }
            self.declared.declare(line);
            self.used_ids.insert(line.id().to_owned());
            self.out.ann.push_str(raw);
            self.out.ann.push('\n');
        }
        covered
    }

    /// The next free id with `prefix` (`R12`).
    fn next_id(&mut self, prefix: char) -> String {
        let n = 1 + self
            .used_ids
            .iter()
            .filter_map(|id| number_of(id, prefix))
            .max()
            .unwrap_or(0);
        let id = format!("{prefix}{n}");
        self.used_ids.insert(id.clone());
        id
    }

    /// New lines for the facts set in Marginalia that no kept line covers, and notes of what
    /// brat cannot carry.
    fn new_fact_lines(&mut self, set: &AnnotationSet, ids: &BratIds<'_>, covered: &HashSet<Slot>) {
        for annotation in set.anchored() {
            let brat_id = ids.brat_id(&annotation.id).unwrap_or_default().to_owned();
            let slots = [
                Slot::Speaker(brat_id.clone()),
                Slot::Claimant(brat_id.clone()),
                Slot::Note(brat_id.clone()),
                Slot::Mode(brat_id.clone()),
                Slot::CheckWorthiness(brat_id.clone()),
            ];
            for slot in slots {
                if covered.contains(&slot) {
                    continue;
                }
                let Some(value) = model_value(&slot, ids) else {
                    continue;
                };
                let line = match &slot {
                    Slot::Speaker(_) => {
                        format!("{}\tSpeaker Arg1:{brat_id} Arg2:{value}", self.next_id('R'))
                    }
                    Slot::Claimant(_) => {
                        format!(
                            "{}\tClaimant Arg1:{brat_id} Arg2:{value}",
                            self.next_id('R')
                        )
                    }
                    Slot::Note(_) => {
                        format!("{}\tAnnotatorNotes {brat_id}\t{value}", self.next_id('#'))
                    }
                    Slot::Mode(_) => format!("{}\tMode {brat_id} {value}", self.next_id('A')),
                    Slot::CheckWorthiness(_) => {
                        format!("{}\tCheckWorthiness {brat_id} {value}", self.next_id('A'))
                    }
                };
                if let Ok(parsed) = Line::parse(&line) {
                    self.declared.declare(&parsed);
                }
                self.out.ann.push_str(&line);
                self.out.ann.push('\n');
            }
            self.left_out_of(annotation, &brat_id);
        }
    }

    /// Notes what of `annotation` brat cannot carry.
    fn left_out_of(&mut self, annotation: &crate::model::Annotation, brat_id: &str) {
        let named = match &annotation.attributes {
            Attributes::Quote(q) => q.speaker.as_ref(),
            Attributes::Claim(c) => c.claimant.as_ref(),
            Attributes::Entity(_) => None,
        };
        if let Some(Party::Named(name)) = named {
            self.out.left_out.push(format!(
                "the {} of {brat_id} is the name “{name}”, not an entity of the article; brat relations link annotations only",
                if annotation.kind() == Kind::Quote { "speaker" } else { "claimant" }
            ));
        }
        if !annotation.tags.is_empty() {
            self.out.left_out.push(format!(
                "the tags of {brat_id} ({}) have no place in brat",
                annotation.tags.join(", ")
            ));
        }
    }
}

/// A kept relation line with its arguments given as brat ids: relations kept from doccano
/// name annotations by their own ids, which may not be brat's `T` ids.
fn with_brat_ids(raw: &str, ids: &BratIds<'_>) -> String {
    let Ok(Line::Other {
        id,
        kind_name,
        args,
        ..
    }) = Line::parse(raw)
    else {
        return raw.to_owned();
    };
    if !id.starts_with('R') || args.iter().all(|(_, t)| ids.get(t).is_some()) {
        return raw.to_owned();
    }
    let args: Vec<String> = args
        .iter()
        .map(|(role, target)| {
            let target = ids.brat_id(&AnnotationId(target.clone())).unwrap_or(target);
            format!("{role}:{target}")
        })
        .collect();
    format!("{id}\t{kind_name} {}", args.join(" "))
}

/// The pieces of `span` between line breaks (brat's text field holds one line), without empty
/// ones.
fn split_at_line_breaks(document: &Document, span: CharSpan) -> Vec<CharSpan> {
    let text = document.text().slice(span);
    let mut pieces = Vec::new();
    let mut start = span.start.0;
    let mut offset = span.start.0;
    for c in text.chars() {
        if c == '\n' || c == '\r' {
            if start < offset {
                pieces.extend(CharSpan::new(start, offset));
            }
            start = offset + 1;
        }
        offset += 1;
    }
    if start < offset {
        pieces.extend(CharSpan::new(start, offset));
    }
    pieces
}
