//! brat standoff: an `.ann` file beside the article's `.txt`.
//!
//! Text-bound annotations (`T` lines, discontinuous ones included) become quotes, claims or
//! entities through a [`LabelMap`]. Lines that say something Marginalia models are applied:
//! the first speaker relation of a quote (a relation named like a speaker or source between a
//! quote and an entity), the first `Claimant` relation of a claim, the first `AnnotatorNotes`
//! note of an annotation, and the first `Mode` or `CheckWorthiness` attribute. Every other line
//! (events, attributes, normalisations, equivalences, other relations and notes) is kept as it
//! was, in the [`Extras`] carried beside the set. Exporting writes the annotations back with the same ids and
//! types, the kept lines whose targets still exist, the applied lines whose facts still hold,
//! and new lines for facts added in Marginalia: brat → sidecar → brat gives the same
//! annotations back.

mod conf;
mod export;
mod import;

pub use export::export;
pub use import::import;

use super::LabelMap;
use crate::model::{
    Annotation, AnnotationId, AnnotationSet, Attributes, CheckWorthiness, Kind, Party, QuoteMode,
};
use crate::store::Extras;
use std::collections::{BTreeMap, HashMap, HashSet};

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

    /// The target of argument `role`, for an event or relation.
    fn role(&self, role: &str) -> Option<&str> {
        match self {
            Line::Text { .. } => None,
            Line::Other { args, .. } => args
                .iter()
                .find(|(r, _)| r == role)
                .map(|(_, t)| t.as_str()),
        }
    }

    /// The event's or relation's type.
    fn kind_name(&self) -> &str {
        match self {
            Line::Text { kind_name, .. } | Line::Other { kind_name, .. } => kind_name,
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
        'E' => {
            // An attribution event: its speaker role names the quote's speaker.
            let roles = map.attribution(kind_name)?;
            let role = |name: &str| args.iter().find(|(r, _)| r == name).map(|(_, t)| t);
            let (quote, speaker) = (role(&roles.quote)?, role(&roles.speaker)?);
            (kind(quote)? == Kind::Quote && kind(speaker)? == Kind::Entity)
                .then(|| (Slot::Speaker(quote.clone()), speaker.clone()))
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
            // Values match without case or separators (`Direct`, `CheckWorthy`); the fact is
            // the model's id, so that the line itself is kept as it was written.
            match (kind_name.as_str(), kind(target)?) {
                ("Mode", Kind::Quote) => {
                    let mode = mode_from(&value)?;
                    Some((Slot::Mode(target.clone()), mode.id().to_owned()))
                }
                ("CheckWorthiness", Kind::Claim) => {
                    let grade = worthiness_from(&value)?;
                    Some((Slot::CheckWorthiness(target.clone()), grade.id().to_owned()))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn mode_from(value: &str) -> Option<QuoteMode> {
    QuoteMode::from_id(value)
}

fn worthiness_from(value: &str) -> Option<CheckWorthiness> {
    CheckWorthiness::from_id(value)
}

/// Why an attribute Marginalia models says nothing it knows: `Mode … Dirct`.
fn unknown_value(line: &Line) -> Option<String> {
    let Line::Other {
        id,
        kind_name,
        value: Some(value),
        ..
    } = line
    else {
        return None;
    };
    if !id.starts_with('A') {
        return None;
    }
    let known: Vec<&str> = match kind_name.as_str() {
        "Mode" if mode_from(value).is_none() => QuoteMode::ALL.iter().map(|m| m.id()).collect(),
        "CheckWorthiness" if worthiness_from(value).is_none() => {
            CheckWorthiness::ALL.iter().map(|w| w.id()).collect()
        }
        _ => return None,
    };
    Some(format!(
        "{id}: {kind_name} “{value}” is none of {}; kept as it was, not applied",
        known.join(", ")
    ))
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

/// Which of `lines` to keep: those whose targets are all `known` (annotations, or lines kept
/// before them). A fixpoint, since lines may refer to lines further down; `known` ends with
/// every kept line's id.
fn reachable<'l>(
    lines: impl Iterator<Item = Option<&'l Line>>,
    known: &mut HashSet<String>,
) -> Vec<bool> {
    let lines: Vec<Option<&Line>> = lines.collect();
    let mut keep = vec![false; lines.len()];
    loop {
        let mut changed = false;
        for (k, line) in lines.iter().enumerate() {
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
            return keep;
        }
    }
}
