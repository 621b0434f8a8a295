//! Correcting an annotation in place: moving its boundaries, giving it another span (or one of
//! its fragments another span), and changing its kind. Each builds the [`Edit`]s of one
//! undoable step; the annotation keeps its id, links (where they still fit), note and tags, and
//! its text and context are taken from the article again.

use super::annotation::{Annotation, CONTEXT_CHARS, Kind};
use super::attributes::{Attributes, ClaimAttributes, Excerpt, QuoteAttributes};
use super::document::Document;
use super::offsets::{CharOffset, CharSpan};
use super::relations;
use super::set::{AnnotationSet, Edit};

/// Which end of an annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    /// Its first char (of its first piece).
    Start,
    /// Past its last char (of its last piece).
    End,
}

/// How far a boundary moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// To the next word boundary.
    Word,
    /// By one grapheme cluster.
    Char,
}

/// Why a correction cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CorrectError {
    /// Nothing but white space would be left.
    #[error("the annotation would cover no text")]
    Empty,
    /// The new piece would overlap another piece of the same quote.
    #[error("the new span overlaps another fragment of the same quote")]
    OverlapsFragment,
    /// The boundary cannot go further.
    #[error("the boundary is at the edge of the article")]
    AtEdge,
}

/// `annotation` with its pieces `pieces` (sorted, the first becoming the main span), text and
/// context taken from `document`.
fn with_pieces(
    annotation: &Annotation,
    mut pieces: Vec<CharSpan>,
    document: &Document,
) -> Annotation {
    pieces.sort();
    let text = document.text();
    let main = pieces[0];
    Annotation {
        span: main,
        text: text.slice(main).to_owned(),
        prefix: text.chars_before(main.start, CONTEXT_CHARS).to_owned(),
        suffix: text.chars_after(main.end, CONTEXT_CHARS).to_owned(),
        fragments: pieces[1..]
            .iter()
            .map(|piece| Excerpt::of(document, *piece))
            .collect(),
        ..annotation.clone()
    }
}

/// `annotation` with piece `index` (0: the main span, k: fragment k) replaced by `span`,
/// white space trimmed off its ends as when labelling.
pub fn respan(
    annotation: &Annotation,
    index: usize,
    span: CharSpan,
    document: &Document,
) -> Result<Annotation, CorrectError> {
    let span = document.trim_whitespace(span).ok_or(CorrectError::Empty)?;
    let mut pieces: Vec<CharSpan> = annotation.pieces().collect();
    let index = index.min(pieces.len() - 1);
    pieces[index] = span;
    let others = pieces
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .any(|(_, p)| p.overlaps(span));
    if others {
        return Err(CorrectError::OverlapsFragment);
    }
    Ok(with_pieces(annotation, pieces, document))
}

/// The piece of `annotation` that `selection` should replace: the one it overlaps most, else
/// the main span.
pub fn piece_for(annotation: &Annotation, selection: CharSpan) -> usize {
    annotation
        .pieces()
        .enumerate()
        .max_by_key(|(i, piece)| {
            let shared = piece.intersection(selection).map_or(0, |s| s.len());
            (shared, std::cmp::Reverse(*i))
        })
        .map_or(0, |(i, _)| i)
}

/// Where `edge` of `annotation` goes when moved one `step` (`forward` or back): word steps
/// stop at the starts (for the start) or ends (for the end) of words.
pub fn moved_edge(
    annotation: &Annotation,
    edge: Edge,
    step: Step,
    forward: bool,
    document: &Document,
) -> Option<CharOffset> {
    let extent = annotation.extent();
    let at = match edge {
        Edge::Start => extent.start,
        Edge::End => extent.end,
    };
    let to = match (step, edge, forward) {
        (Step::Char, _, true) => document.next_grapheme(at),
        (Step::Char, _, false) => document.previous_grapheme(at),
        (Step::Word, Edge::Start, true) => document.next_word_start(at),
        (Step::Word, Edge::Start, false) => document.previous_word_start(at),
        (Step::Word, Edge::End, true) => document.next_word_end(at),
        (Step::Word, Edge::End, false) => document.previous_word_end(at),
    };
    (to != at).then_some(to)
}

/// The word boundary nearest `offset` (a dragged handle snaps to it): `offset` itself when it
/// is one or sits in white space, else the nearer end of the word it is in (its start on a tie).
pub fn snap_to_word(document: &Document, offset: CharOffset) -> CharOffset {
    match document.word_at(offset) {
        Some(word) if word.start != offset => {
            if offset.0 - word.start.0 <= word.end.0 - offset.0 {
                word.start
            } else {
                word.end
            }
        }
        _ => offset,
    }
}

/// The next value of a cycle through `all` and then none: none → the first → … → the last →
/// none.
pub fn cycled<T: Copy + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current.and_then(|c| all.iter().position(|v| *v == c)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}

/// `annotation` with `edge` (of its first or last piece) at `to`.
pub fn with_edge(
    annotation: &Annotation,
    edge: Edge,
    to: CharOffset,
    document: &Document,
) -> Result<Annotation, CorrectError> {
    let pieces: Vec<CharSpan> = annotation.pieces().collect();
    let (index, span) = match edge {
        Edge::Start => (0, CharSpan::between(to, pieces[0].end)),
        Edge::End => {
            let last = pieces.len() - 1;
            (last, CharSpan::between(pieces[last].start, to))
        }
    };
    // A start moved past the end (or an end before the start) leaves nothing.
    let crossed = match edge {
        Edge::Start => to >= pieces[0].end,
        Edge::End => to <= pieces[pieces.len() - 1].start,
    };
    if crossed {
        return Err(CorrectError::Empty);
    }
    respan(annotation, index, span, document)
}

/// What changing an annotation's kind gives: the step's edits, and what of the old kind could
/// not come along (undo brings it back).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindChange {
    /// The edits of the step.
    pub edits: Vec<Edit>,
    /// What was left behind, for the message ("its cue “said”").
    pub dropped: Vec<String>,
}

/// The edits that make annotation `annotation` of `set` a `kind`: same id, span, note and tags;
/// a quote's speaker becomes a claim's claimant and back; what only fits the old kind is left
/// behind and listed. Quotes and claims that named an entity becoming something else keep its
/// text as a typed name.
pub fn change_kind(set: &AnnotationSet, annotation: &Annotation, kind: Kind) -> KindChange {
    let mut dropped = Vec::new();
    let attributes = match (&annotation.attributes, kind) {
        (Attributes::Quote(q), Kind::Claim) => {
            if let Some(cue) = &q.cue {
                dropped.push(format!("its cue “{}”", cue.text));
            }
            if let Some(mode) = q.mode {
                dropped.push(format!("its mode ({})", mode.label()));
            }
            Attributes::Claim(ClaimAttributes {
                claimant: q.speaker.clone(),
                ..ClaimAttributes::default()
            })
        }
        (Attributes::Claim(c), Kind::Quote) => {
            if let Some(worthiness) = c.check_worthiness {
                dropped.push(format!("its check-worthiness ({})", worthiness.label()));
            }
            if let Some(verdict) = &c.verdict {
                dropped.push(format!("its verdict ({verdict})"));
            }
            if let Some(url) = &c.source_url {
                dropped.push(format!("its source {url}"));
            }
            Attributes::Quote(QuoteAttributes {
                speaker: c.claimant.clone(),
                ..QuoteAttributes::default()
            })
        }
        (Attributes::Entity(e), _) => {
            if let Some(entity_type) = &e.entity_type {
                dropped.push(format!("its type {entity_type}"));
            }
            if let Some(identity) = e.identity.as_ref().and_then(|i| set.identity(i)) {
                dropped.push(format!("its link to the entity “{}”", identity.name));
            }
            Attributes::empty(kind)
        }
        (old, _) => {
            if let Some(party) = old.party() {
                let role = if old.kind() == Kind::Quote {
                    "speaker"
                } else {
                    "claimant"
                };
                dropped.push(format!(
                    "its {role} ({})",
                    relations::party_name(set, party)
                ));
            }
            if let Attributes::Quote(q) = old
                && let Some(cue) = &q.cue
            {
                dropped.push(format!("its cue “{}”", cue.text));
            }
            Attributes::empty(kind)
        }
    };
    let changed = Annotation {
        attributes,
        // What it was called in the tool it came from fits the old kind only.
        source_label: None,
        ..annotation.clone()
    };
    let mut edits = Vec::new();
    if annotation.kind() == Kind::Entity {
        // Quotes and claims that named it keep another mention, or its text as a name; the
        // entity itself is taken out here and put back as the new kind.
        edits.extend(
            relations::removal(set, &annotation.id)
                .into_iter()
                .filter(|e| !matches!(e, Edit::Remove(id) if id == &annotation.id)),
        );
        let named = relations::dependents(set, &annotation.id).len();
        if named > 0 {
            dropped.push(format!(
                "{named} quote(s) or claim(s) naming it keep its name"
            ));
        }
    }
    let placement = set
        .placement(&annotation.id)
        .unwrap_or(super::set::Placement::Anchored);
    let at = edits
        .iter()
        .position(|e| matches!(e, Edit::RemoveIdentity(_)))
        .unwrap_or(edits.len());
    edits.insert(at, Edit::Remove(annotation.id.clone()));
    edits.insert(at + 1, Edit::Insert(changed, placement));
    KindChange { edits, dropped }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, Party, Placement};

    const TEXT: &str = "“We will build it,” said Amélie Dubois. The budget is €48 million.";

    fn doc() -> Document {
        Document::from_text("a.txt".into(), TEXT.to_owned())
    }

    fn span_of(document: &Document, needle: &str) -> CharSpan {
        let text = document.text().as_str();
        let start = text[..text.find(needle).unwrap()].chars().count();
        CharSpan::new(start, start + needle.chars().count()).unwrap()
    }

    fn annotation(document: &Document, kind: Kind, needle: &str) -> Annotation {
        Annotation::new(
            AnnotationId(needle.into()),
            kind,
            span_of(document, needle),
            document,
        )
    }

    #[test]
    fn edges_move_by_words_and_chars() {
        let document = doc();
        let quote = annotation(&document, Kind::Quote, "will build");
        let text = |offset: Option<CharOffset>, edge: Edge| {
            let moved = with_edge(&quote, edge, offset.unwrap(), &document).unwrap();
            moved.text
        };
        let cases = [
            (Edge::Start, Step::Word, false, "We will build"),
            (Edge::Start, Step::Word, true, "build"),
            (Edge::Start, Step::Char, true, "ill build"),
            (Edge::End, Step::Word, true, "will build it"),
            (Edge::End, Step::Word, false, "will"),
            (Edge::End, Step::Char, false, "will buil"),
            (Edge::End, Step::Char, true, "will build"),
        ];
        for (edge, step, forward, expected) in cases {
            let to = moved_edge(&quote, edge, step, forward, &document);
            assert_eq!(
                text(to, edge),
                expected,
                "{edge:?} {step:?} forward {forward}"
            );
        }
    }

    #[test]
    fn handles_snap_to_the_nearer_end_of_a_word() {
        let document = doc();
        let at = |needle: &str, plus: usize| CharOffset(span_of(&document, needle).start.0 + plus);
        let cases = [
            (at("build", 0), at("build", 0)),
            (at("build", 1), at("build", 0)),
            (at("build", 3), at("build", 5)),
            (at("Amélie", 3), at("Amélie", 0)),
            (at("Amélie", 4), at("Amélie", 6)),
            (at(" said", 0), at(" said", 0)),
        ];
        for (offset, expected) in cases {
            assert_eq!(snap_to_word(&document, offset), expected, "{offset:?}");
        }
    }

    #[test]
    fn cycles_go_through_every_value_then_none() {
        let all = [1, 2, 3];
        let cases = [
            (None, Some(1)),
            (Some(1), Some(2)),
            (Some(3), None),
            (Some(9), Some(1)),
        ];
        for (current, expected) in cases {
            assert_eq!(cycled(&all, current), expected, "{current:?}");
        }
    }

    #[test]
    fn a_new_span_is_trimmed_keeps_the_id_and_refreshes_the_context() {
        let document = doc();
        let mut entity = annotation(&document, Kind::Entity, "Amélie");
        entity.note = Some("the mayor".into());
        let wider = span_of(&document, " Amélie Dubois");
        let moved = respan(&entity, 0, wider, &document).unwrap();
        assert_eq!(moved.text, "Amélie Dubois");
        assert_eq!(moved.id, entity.id);
        assert_eq!(moved.note, entity.note);
        assert!(moved.suffix.starts_with(". The budget"));
        assert!(moved.is_anchored_in(&document));
        assert_eq!(
            respan(&entity, 0, span_of(&document, " "), &document),
            Err(CorrectError::Empty)
        );
        assert_eq!(
            with_edge(&entity, Edge::Start, entity.span.end, &document),
            Err(CorrectError::Empty)
        );
    }

    #[test]
    fn a_fragment_of_a_quote_gets_the_selection_it_overlaps_most() {
        let document = doc();
        let mut quote = annotation(&document, Kind::Quote, "We will");
        quote.fragments = vec![Excerpt::of(&document, span_of(&document, "The budget"))];
        let selection = span_of(&document, "budget is €48 million");
        assert_eq!(piece_for(&quote, selection), 1);
        let moved = respan(&quote, 1, selection, &document).unwrap();
        assert_eq!(moved.text, "We will");
        assert_eq!(moved.fragments[0].text, "budget is €48 million");
        let clash = span_of(&document, "will build");
        assert_eq!(
            respan(&quote, 1, clash, &document),
            Err(CorrectError::OverlapsFragment)
        );
    }

    #[test]
    fn a_quote_becomes_a_claim_with_its_speaker_as_claimant() {
        let document = doc();
        let mut set = AnnotationSet::new();
        let speaker = annotation(&document, Kind::Entity, "Amélie Dubois");
        set.insert(speaker.clone(), &document).unwrap();
        let mut quote = annotation(&document, Kind::Quote, "We will build it");
        if let Attributes::Quote(q) = &mut quote.attributes {
            q.speaker = Some(Party::Mention(speaker.id.clone()));
            q.cue = Some(Excerpt::of(&document, span_of(&document, "said")));
        }
        set.insert(quote.clone(), &document).unwrap();
        let change = change_kind(&set, &quote, Kind::Claim);
        assert_eq!(change.dropped, ["its cue “said”"]);
        set.apply_all(change.edits, &document).unwrap();
        let claim = set.get(&quote.id).unwrap();
        assert_eq!(claim.kind(), Kind::Claim);
        assert_eq!(
            claim.attributes.party(),
            Some(&Party::Mention(speaker.id.clone()))
        );
        // And back: the claimant is the speaker again.
        let change = change_kind(&set, &claim.clone(), Kind::Quote);
        set.apply_all(change.edits, &document).unwrap();
        assert_eq!(
            set.get(&quote.id).unwrap().attributes.party(),
            Some(&Party::Mention(speaker.id))
        );
    }

    #[test]
    fn an_entity_that_speaks_becomes_a_claim_and_its_quotes_keep_its_name() {
        let document = doc();
        let mut set = AnnotationSet::new();
        let speaker = annotation(&document, Kind::Entity, "Amélie Dubois");
        set.insert(speaker.clone(), &document).unwrap();
        let mut quote = annotation(&document, Kind::Quote, "We will build it");
        if let Attributes::Quote(q) = &mut quote.attributes {
            q.speaker = Some(Party::Mention(speaker.id.clone()));
        }
        set.insert(quote.clone(), &document).unwrap();
        let change = change_kind(&set, &speaker, Kind::Claim);
        assert_eq!(change.dropped.len(), 1, "{:?}", change.dropped);
        set.apply_all(change.edits, &document).unwrap();
        assert_eq!(set.get(&speaker.id).unwrap().kind(), Kind::Claim);
        assert_eq!(
            set.get(&quote.id).unwrap().attributes.party(),
            Some(&Party::Named("Amélie Dubois".into()))
        );
        assert_eq!(set.placement(&speaker.id), Some(Placement::Anchored));
    }
}
