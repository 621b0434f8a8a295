//! brat standoff: an `.ann` file beside the article's `.txt`.
//!
//! Text-bound annotations (`T` lines, discontinuous ones included) become quotes, claims or
//! entities through a [`LabelMap`]. Lines that say something Marginalia models are applied:
//! the first speaker relation of a quote (a relation named like a speaker or source between a
//! quote and an entity), the first `Claimant` relation of a claim, the first `AnnotatorNotes`
//! note of an annotation, and the first `Mode` or `CheckWorthiness` attribute. Every other line
//! (events, attributes, normalisations, equivalences, other relations and notes) is kept as it
//! was in the set's brat extras. Exporting writes the annotations back with the same ids and
//! types, the kept lines whose targets still exist, the applied lines whose facts still hold,
//! and new lines for facts added in Marginalia: brat → sidecar → brat gives the same
//! annotations back.

use super::LabelMap;
use crate::model::{
    Annotation, AnnotationId, AnnotationSet, Attributes, CharSpan, CheckWorthiness, Document, Edit,
    Excerpt, Kind, Party, QuoteMode, SetError,
};
use crate::store::Extras;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What an import gave.
#[derive(Debug, Default)]
pub struct BratImport {
    /// The annotations.
    pub set: AnnotationSet,
    /// The lines Marginalia has no place for, kept for export.
    pub extras: Extras,
    /// What could not be imported, each as `line N: why`.
    pub problems: Vec<String>,
}

/// What an export gave: the files' contents.
#[derive(Debug, Default)]
pub struct BratExport {
    /// The `.ann` file.
    pub ann: String,
    /// A generated `annotation.conf` declaring every type used.
    pub annotation_conf: String,
    /// A generated `visual.conf` with Marginalia's colours.
    pub visual_conf: String,
    /// What brat cannot carry or what no longer applies, one line each.
    pub left_out: Vec<String>,
}

/// Colours for `visual.conf`, as `#rrggbb`.
#[derive(Clone, Debug, Default)]
pub struct BratColours {
    /// Quotes.
    pub quote: String,
    /// Claims.
    pub claim: String,
    /// Entities without a colour of their own.
    pub entity: String,
    /// Entity types' own colours.
    pub entity_types: BTreeMap<String, String>,
}

impl BratColours {
    /// Marginalia's colours (those of its light theme, as brat's page is light) and the
    /// entity types' colours of `schema`.
    pub fn for_schema(schema: &crate::model::schema::Schema) -> Self {
        let hex = |[r, g, b]: [u8; 3]| format!("#{r:02x}{g:02x}{b:02x}");
        let kind = |kind| hex(crate::model::schema::kind_colour(kind));
        Self {
            quote: kind(Kind::Quote),
            claim: kind(Kind::Claim),
            entity: kind(Kind::Entity),
            entity_types: schema
                .entity_types
                .iter()
                .filter_map(|t| Some((t.name.clone(), hex(t.colour?))))
                .collect(),
        }
    }
}

/// One parsed line of an `.ann` file.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Line {
    /// `T1<TAB>Type 0 5;7 9<TAB>text`.
    Text {
        id: String,
        kind_name: String,
        pieces: Vec<(usize, usize)>,
        text: String,
    },
    /// Any other line: its id (`*` for equivalences), type, the ids it refers to and, for
    /// attributes, notes and normalisations, what it says of them.
    Other {
        id: String,
        kind_name: String,
        args: Vec<(String, String)>,
        value: Option<String>,
    },
}

/// Why a line of an `.ann` file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
enum LineError {
    #[error("no tab after the id")]
    NoTab,
    #[error("no type")]
    NoType,
    #[error("no id")]
    NoId,
    #[error("bad offsets {0:?}")]
    BadOffsets(String),
    #[error("bad offset {0:?}")]
    BadOffset(String),
    #[error("no text after the offsets")]
    NoText,
    #[error("bad argument {0:?}")]
    BadArgument(String),
    #[error("no target")]
    NoTarget,
    #[error("unknown line type {0:?}")]
    UnknownType(char),
}

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

impl Line {
    fn parse(raw: &str) -> Result<Self, LineError> {
        let mut fields = raw.splitn(3, '\t');
        let id = fields.next().unwrap_or_default().to_owned();
        let body = fields
            .next()
            .filter(|_| !id.contains(' '))
            .ok_or(LineError::NoTab)?;
        let tail = fields.next().map(str::to_owned);
        let mut words = body.split(' ').filter(|w| !w.is_empty());
        let first = words.next().ok_or(LineError::NoType)?.to_owned();
        let prefix = id.chars().next().ok_or(LineError::NoId)?;
        match prefix {
            'T' => {
                let rest: Vec<&str> = words.collect();
                let mut pieces = Vec::new();
                for piece in rest.join(" ").split(';') {
                    let numbers: Vec<&str> = piece.split(' ').filter(|w| !w.is_empty()).collect();
                    let [start, end] = numbers[..] else {
                        return Err(LineError::BadOffsets(piece.to_owned()));
                    };
                    let offset = |word: &str| {
                        word.parse()
                            .map_err(|_| LineError::BadOffset(word.to_owned()))
                    };
                    let (start, end) = (offset(start)?, offset(end)?);
                    pieces.push((start, end));
                }
                Ok(Line::Text {
                    id,
                    kind_name: first,
                    pieces,
                    text: tail.ok_or(LineError::NoText)?,
                })
            }
            'R' | 'E' => {
                let (kind_name, trigger) = match (prefix, first.split_once(':')) {
                    ('E', Some((name, trigger))) => (name.to_owned(), Some(trigger.to_owned())),
                    _ => (first, None),
                };
                let mut args: Vec<(String, String)> = trigger
                    .map(|t| ("trigger".to_owned(), t))
                    .into_iter()
                    .collect();
                for word in words {
                    let (role, target) = word
                        .split_once(':')
                        .ok_or_else(|| LineError::BadArgument(word.to_owned()))?;
                    args.push((role.to_owned(), target.to_owned()));
                }
                Ok(Line::Other {
                    id,
                    kind_name,
                    args,
                    value: None,
                })
            }
            'A' | 'M' | 'N' | '#' => {
                let target = words.next().ok_or(LineError::NoTarget)?.to_owned();
                let rest: Vec<&str> = words.collect();
                let value = match prefix {
                    'A' | 'M' => rest.first().map(|v| (*v).to_owned()),
                    _ => tail,
                };
                Ok(Line::Other {
                    id,
                    kind_name: first,
                    args: vec![("target".to_owned(), target)],
                    value,
                })
            }
            '*' => Ok(Line::Other {
                id,
                kind_name: first,
                args: words.map(|w| ("member".to_owned(), w.to_owned())).collect(),
                value: None,
            }),
            _ => Err(LineError::UnknownType(prefix)),
        }
    }

    fn id(&self) -> &str {
        match self {
            Line::Text { id, .. } | Line::Other { id, .. } => id,
        }
    }

    fn targets(&self) -> impl Iterator<Item = &str> {
        let args: &[(String, String)] = match self {
            Line::Text { .. } => &[],
            Line::Other { args, .. } => args,
        };
        args.iter().map(|(_, target)| target.as_str())
    }
}

/// A fact Marginalia models that a line states: a slot of one annotation and its value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Slot {
    Speaker(String),
    Claimant(String),
    Note(String),
    Mode(String),
    CheckWorthiness(String),
}

/// The slot a line fills and the value it gives, if the line states a modelled fact about
/// annotations of `set` (looked up by brat id).
fn fact(line: &Line, set: &BratIds<'_>, map: &LabelMap) -> Option<(Slot, String)> {
    let Line::Other {
        id,
        kind_name,
        args,
        value,
    } = line
    else {
        return None;
    };
    let kind = |target: &str| set.get(target).map(|a| a.kind());
    match id.chars().next()? {
        'R' if args.len() == 2 => {
            let (a, b) = (&args[0].1, &args[1].1);
            let pair = |statement: Kind| match (kind(a), kind(b)) {
                (Some(k), Some(Kind::Entity)) if k == statement => Some((a.clone(), b.clone())),
                (Some(Kind::Entity), Some(k)) if k == statement => Some((b.clone(), a.clone())),
                _ => None,
            };
            if map.is_speaker_relation(kind_name) {
                let (quote, entity) = pair(Kind::Quote)?;
                Some((Slot::Speaker(quote), entity))
            } else if kind_name.eq_ignore_ascii_case("claimant") {
                let (claim, entity) = pair(Kind::Claim)?;
                Some((Slot::Claimant(claim), entity))
            } else {
                None
            }
        }
        '#' if kind_name == "AnnotatorNotes" => {
            let target = &args.first()?.1;
            kind(target)?;
            Some((
                Slot::Note(target.clone()),
                value.clone().unwrap_or_default(),
            ))
        }
        'A' => {
            let target = &args.first()?.1;
            let value = value.clone()?;
            match (kind_name.as_str(), kind(target)?) {
                ("Mode", Kind::Quote) if mode_from(&value).is_some() => {
                    Some((Slot::Mode(target.clone()), value))
                }
                ("CheckWorthiness", Kind::Claim) if worthiness_from(&value).is_some() => {
                    Some((Slot::CheckWorthiness(target.clone()), value))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn mode_from(value: &str) -> Option<QuoteMode> {
    QuoteMode::ALL.into_iter().find(|m| m.id() == value)
}

fn worthiness_from(value: &str) -> Option<CheckWorthiness> {
    CheckWorthiness::ALL.into_iter().find(|w| w.id() == value)
}

/// The value a slot has in the model, written as a brat line would write it.
fn model_value(slot: &Slot, ids: &BratIds<'_>) -> Option<String> {
    let (Slot::Speaker(id)
    | Slot::Claimant(id)
    | Slot::Note(id)
    | Slot::Mode(id)
    | Slot::CheckWorthiness(id)) = slot;
    let annotation = ids.get(id)?;
    let mention = |party: Option<&Party>| match party {
        Some(Party::Mention(entity)) => ids.brat_id(entity).map(str::to_owned),
        _ => None,
    };
    match (slot, &annotation.attributes) {
        (Slot::Speaker(_), Attributes::Quote(q)) => mention(q.speaker.as_ref()),
        (Slot::Claimant(_), Attributes::Claim(c)) => mention(c.claimant.as_ref()),
        (Slot::Note(_), _) => annotation.note.as_ref().map(|n| one_line(n)),
        (Slot::Mode(_), Attributes::Quote(q)) => q.mode.map(|m| m.id().to_owned()),
        (Slot::CheckWorthiness(_), Attributes::Claim(c)) => {
            c.check_worthiness.map(|w| w.id().to_owned())
        }
        _ => None,
    }
}

fn one_line(text: &str) -> String {
    text.split(['\n', '\r', '\t'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Annotations by their brat id, both ways.
struct BratIds<'a> {
    by_brat: HashMap<String, &'a Annotation>,
    brat_of: HashMap<&'a AnnotationId, String>,
}

impl<'a> BratIds<'a> {
    fn get(&self, brat_id: &str) -> Option<&'a Annotation> {
        self.by_brat.get(brat_id).copied()
    }

    fn brat_id(&self, id: &AnnotationId) -> Option<&str> {
        self.brat_of.get(id).map(String::as_str)
    }

    /// Anchored annotations keep ids like `T12`; others get the next free `T` numbers.
    fn assign(set: &'a AnnotationSet) -> Self {
        let mut next = 1 + set
            .anchored()
            .iter()
            .filter_map(|a| number_of(&a.id.0, 'T'))
            .max()
            .unwrap_or(0);
        let mut ids = Self {
            by_brat: HashMap::new(),
            brat_of: HashMap::new(),
        };
        for annotation in set.anchored() {
            let brat = if number_of(&annotation.id.0, 'T').is_some() {
                annotation.id.0.clone()
            } else {
                next += 1;
                format!("T{}", next - 1)
            };
            ids.by_brat.insert(brat.clone(), annotation);
            ids.brat_of.insert(&annotation.id, brat);
        }
        ids
    }
}

/// `12` for `T12` when `prefix` is `T`.
fn number_of(id: &str, prefix: char) -> Option<u64> {
    let digits = id.strip_prefix(prefix)?;
    if digits.is_empty() || digits.starts_with('0') && digits.len() > 1 {
        return None;
    }
    digits.parse().ok()
}

/// Reads an `.ann` file's text into a set of annotations of `document`.
pub fn import(ann: &str, document: &Document, map: &LabelMap) -> BratImport {
    let mut result = BratImport::default();
    let mut others: Vec<(usize, String, Line)> = Vec::new();
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
        .collect();
    let mut keep = vec![false; others.len()];
    loop {
        let mut changed = false;
        for (k, (_, _, line)) in others.iter().enumerate() {
            if !keep[k] && line.targets().all(|t| known.contains(t)) {
                keep[k] = true;
                known.insert(line.id().to_owned());
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
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
        extras.push(raw);
    }
    for (slot, value) in facts {
        apply_fact(&mut result.set, document, &slot, &value);
    }
    result.extras.brat = extras;
    result
}

impl<'a> BratIds<'a> {
    /// Imported annotations keep their brat ids as their ids.
    fn of_imported(set: &'a AnnotationSet) -> Self {
        let mut ids = Self {
            by_brat: HashMap::new(),
            brat_of: HashMap::new(),
        };
        for annotation in set.anchored() {
            ids.by_brat.insert(annotation.id.0.clone(), annotation);
            ids.brat_of.insert(&annotation.id, annotation.id.0.clone());
        }
        ids
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

/// Writes `set` as brat standoff for `document`, with the lines `extras` kept from an import
/// whose annotations are still there.
pub fn export(
    document: &Document,
    set: &AnnotationSet,
    extras: &Extras,
    map: &LabelMap,
    colours: &BratColours,
) -> BratExport {
    let mut out = BratExport::default();
    let ids = BratIds::assign(set);
    for annotation in set.unanchored() {
        out.left_out.push(format!(
            "{} “{}” lost its place in the changed article; review it in Marginalia first",
            annotation.kind(),
            annotation.snippet(40)
        ));
    }
    let mut types: BTreeMap<String, Kind> = BTreeMap::new();
    for annotation in set.anchored() {
        let brat_id = ids.brat_id(&annotation.id).unwrap_or_default();
        let kind_name = annotation.label().to_owned();
        types.insert(kind_name.clone(), annotation.kind());
        let mut pieces: Vec<CharSpan> = Vec::new();
        for piece in annotation.pieces() {
            pieces.extend(split_at_line_breaks(document, piece));
        }
        let offsets: Vec<String> = pieces
            .iter()
            .map(|p| format!("{} {}", p.start.0, p.end.0))
            .collect();
        let texts: Vec<&str> = pieces.iter().map(|p| document.text().slice(*p)).collect();
        out.ann.push_str(&format!(
            "{brat_id}\t{kind_name} {}\t{}\n",
            offsets.join(";"),
            texts.join(" ")
        ));
    }

    // Kept lines whose targets are still there.
    let mut known: HashSet<String> = ids.by_brat.keys().cloned().collect();
    let lines: Vec<(String, Option<Line>)> = extras
        .brat
        .iter()
        .map(|raw| with_brat_ids(raw, &ids))
        .map(|raw| {
            let line = Line::parse(&raw).ok();
            (raw, line)
        })
        .collect();
    let mut keep = vec![false; lines.len()];
    loop {
        let mut changed = false;
        for (k, (_, line)) in lines.iter().enumerate() {
            if let Some(line) = line
                && !keep[k]
                && line.targets().all(|t| known.contains(t))
            {
                keep[k] = true;
                known.insert(line.id().to_owned());
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut seen: HashSet<Slot> = HashSet::new();
    let mut covered: HashSet<Slot> = HashSet::new();
    // New ids never reuse one of a kept line, even one that is no longer written.
    let mut used_ids: BTreeSet<String> = known.iter().cloned().collect();
    used_ids.extend(
        lines
            .iter()
            .filter_map(|(_, l)| Some(l.as_ref()?.id().to_owned())),
    );
    let mut extra_text = String::new();
    let mut relation_roles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut event_roles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut attributes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut equivalences: BTreeSet<String> = BTreeSet::new();
    for ((raw, line), kept) in lines.iter().zip(&keep) {
        let Some(line) = line else {
            out.left_out
                .push(format!("a kept brat line could not be read: {raw}"));
            continue;
        };
        if !kept {
            out.left_out.push(format!(
                "{} refers to an annotation that was deleted",
                line.id()
            ));
            continue;
        }
        if let Some((slot, value)) = fact(line, &ids, map)
            && seen.insert(slot.clone())
        {
            // The line Marginalia applied: written only while the fact still holds.
            if model_value(&slot, &ids).as_deref() != Some(value.as_str()) {
                continue;
            }
            covered.insert(slot);
        }
        declare(
            line,
            &mut relation_roles,
            &mut event_roles,
            &mut attributes,
            &mut equivalences,
        );
        used_ids.insert(line.id().to_owned());
        extra_text.push_str(raw);
        extra_text.push('\n');
    }
    out.ann.push_str(&extra_text);

    // Facts added in Marginalia.
    let mut next_number = |prefix: char| {
        let n = 1 + used_ids
            .iter()
            .filter_map(|id| number_of(id, prefix))
            .max()
            .unwrap_or(0);
        let id = format!("{prefix}{n}");
        used_ids.insert(id.clone());
        id
    };
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
            let Some(value) = model_value(&slot, &ids) else {
                continue;
            };
            let line = match &slot {
                Slot::Speaker(_) => {
                    format!("{}\tSpeaker Arg1:{brat_id} Arg2:{value}", next_number('R'))
                }
                Slot::Claimant(_) => {
                    format!("{}\tClaimant Arg1:{brat_id} Arg2:{value}", next_number('R'))
                }
                Slot::Note(_) => format!("{}\tAnnotatorNotes {brat_id}\t{value}", next_number('#')),
                Slot::Mode(_) => format!("{}\tMode {brat_id} {value}", next_number('A')),
                Slot::CheckWorthiness(_) => {
                    format!("{}\tCheckWorthiness {brat_id} {value}", next_number('A'))
                }
            };
            if let Ok(parsed) = Line::parse(&line) {
                declare(
                    &parsed,
                    &mut relation_roles,
                    &mut event_roles,
                    &mut attributes,
                    &mut equivalences,
                );
            }
            out.ann.push_str(&line);
            out.ann.push('\n');
        }
        let named = match &annotation.attributes {
            Attributes::Quote(q) => q.speaker.as_ref(),
            Attributes::Claim(c) => c.claimant.as_ref(),
            Attributes::Entity(_) => None,
        };
        if let Some(Party::Named(name)) = named {
            out.left_out.push(format!(
                "the {} of {brat_id} is the name “{name}”, not an entity of the article; brat relations link annotations only",
                if annotation.kind() == Kind::Quote { "speaker" } else { "claimant" }
            ));
        }
        if !annotation.tags.is_empty() {
            out.left_out.push(format!(
                "the tags of {brat_id} ({}) have no place in brat",
                annotation.tags.join(", ")
            ));
        }
    }

    let event_types: BTreeSet<&String> = event_roles.keys().collect();
    out.annotation_conf = annotation_conf(
        &types,
        &event_types,
        &relation_roles,
        &event_roles,
        &attributes,
        &equivalences,
    );
    out.visual_conf = visual_conf(&types, colours);
    out
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

/// Records what `annotation.conf` must declare for `line`.
fn declare(
    line: &Line,
    relations: &mut BTreeMap<String, BTreeSet<String>>,
    events: &mut BTreeMap<String, BTreeSet<String>>,
    attributes: &mut BTreeMap<String, BTreeSet<String>>,
    equivalences: &mut BTreeSet<String>,
) {
    let Line::Other {
        id,
        kind_name,
        args,
        value,
    } = line
    else {
        return;
    };
    match id.chars().next() {
        Some('R') => {
            let roles = relations.entry(kind_name.clone()).or_default();
            roles.extend(args.iter().map(|(role, _)| role.clone()));
        }
        Some('E') => {
            let roles = events.entry(kind_name.clone()).or_default();
            for (role, _) in args.iter().filter(|(role, _)| role != "trigger") {
                roles.insert(
                    role.trim_end_matches(|c: char| c.is_ascii_digit())
                        .to_owned(),
                );
            }
        }
        Some('A' | 'M') => {
            let values = attributes.entry(kind_name.clone()).or_default();
            values.extend(value.clone());
        }
        Some('*') => {
            equivalences.insert(kind_name.clone());
        }
        _ => {}
    }
}

fn annotation_conf(
    types: &BTreeMap<String, Kind>,
    event_types: &BTreeSet<&String>,
    relations: &BTreeMap<String, BTreeSet<String>>,
    events: &BTreeMap<String, BTreeSet<String>>,
    attributes: &BTreeMap<String, BTreeSet<String>>,
    equivalences: &BTreeSet<String>,
) -> String {
    let mut conf =
        String::from("# Written by Marginalia: every type its export uses.\n[entities]\n");
    for name in types.keys().filter(|t| !event_types.contains(t)) {
        conf.push_str(&format!("{name}\n"));
    }
    conf.push_str("[relations]\n");
    for (name, roles) in relations {
        let args: Vec<String> = roles.iter().map(|r| format!("{r}:<ANY>")).collect();
        conf.push_str(&format!("{name}\t{}\n", args.join(", ")));
    }
    for name in equivalences {
        conf.push_str(&format!(
            "{name}\tArg1:<ANY>, Arg2:<ANY>, <REL-TYPE>:symmetric-transitive\n"
        ));
    }
    conf.push_str("[events]\n");
    for (name, roles) in events {
        let args: Vec<String> = roles.iter().map(|r| format!("{r}*:<ANY>")).collect();
        if args.is_empty() {
            conf.push_str(&format!("{name}\n"));
        } else {
            conf.push_str(&format!("{name}\t{}\n", args.join(", ")));
        }
    }
    conf.push_str("[attributes]\n");
    for (name, values) in attributes {
        if values.is_empty() {
            conf.push_str(&format!("{name}\tArg:<ANY>\n"));
        } else {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            conf.push_str(&format!("{name}\tArg:<ANY>, Value:{}\n", values.join("|")));
        }
    }
    conf
}

fn visual_conf(types: &BTreeMap<String, Kind>, colours: &BratColours) -> String {
    let mut conf = String::from("# Written by Marginalia: its colours.\n[labels]\n[drawing]\n");
    conf.push_str("SPAN_DEFAULT\tfgColor:black, bgColor:lightgray, borderColor:darken\n");
    conf.push_str("ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n");
    for (name, kind) in types {
        let colour = match kind {
            Kind::Quote => &colours.quote,
            Kind::Claim => &colours.claim,
            Kind::Entity => colours.entity_types.get(name).unwrap_or(&colours.entity),
        };
        conf.push_str(&format!("{name}\tbgColor:{colour}\n"));
    }
    conf
}
