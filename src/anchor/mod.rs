//! Re-anchoring: finding annotations again when the article changed since they were saved.
//!
//! Each annotation is looked for in order:
//! 1. its exact text where it was (its stored offsets, or where the annotations before it moved
//!    to), with a context that still fits;
//! 2. its exact text elsewhere, choosing the occurrence whose context (prefix and suffix) and
//!    position fit best;
//! 3. an approximate match within a bounded number of edits, scored like the Hypothesis client
//!    scores web annotations: similarity of text (weight 50), prefix (20), suffix (20) and
//!    position (2).
//!
//! Unlike a web annotator, we never place an annotation on a mere look-alike: a candidate must
//! keep enough of its context, or be long and unique enough to be unmistakable. What cannot be
//! placed safely is [`Outcome::Orphaned`], and kept.

pub mod approx;
mod carry;
pub mod diff;
mod locate;

pub use carry::{carry_over, place_relocated};
pub use locate::{Found, Target, locate, max_errors};
use locate::{WordEdges, snap_to_words};

use crate::model::annotation::CONTEXT_CHARS;
use crate::model::{Annotation, AnnotationId, CharOffset, CharSpan, Document, Excerpt};
use std::collections::BTreeMap;
use std::fmt;

/// What became of an annotation when its article changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// Its exact text is still at its offsets.
    Kept,
    /// Its exact text was found elsewhere.
    Moved,
    /// Text like it was found, but not the same: the user must confirm.
    Changed,
    /// Nowhere to be found safely; kept aside.
    Orphaned,
}

impl Outcome {
    /// Every outcome, in report order.
    pub const ALL: [Outcome; 4] = [
        Outcome::Kept,
        Outcome::Moved,
        Outcome::Changed,
        Outcome::Orphaned,
    ];

    /// The outcome's name in reports (lower case).
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Kept => "kept",
            Outcome::Moved => "moved",
            Outcome::Changed => "changed",
            Outcome::Orphaned => "orphaned",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where one annotation went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relocation {
    /// What happened to it.
    pub outcome: Outcome,
    /// For kept and moved: the annotation at its place in the new text, with its context
    /// refreshed. For changed: the proposed annotation, with the new text (to be confirmed).
    /// For orphaned: nothing.
    pub placed: Option<Annotation>,
    /// How many other places fit about as well as `placed` (a passage the article repeats). When
    /// there are any, the outcome is [`Outcome::Changed`]: a person chooses, nothing guesses.
    pub rivals: usize,
}

/// How many annotations came out each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Exact text at the same offsets.
    pub kept: usize,
    /// Exact text elsewhere.
    pub moved: usize,
    /// Approximate match, to confirm.
    pub changed: usize,
    /// Not found.
    pub orphaned: usize,
}

impl Tally {
    /// Counts one more `outcome`.
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Kept => self.kept += 1,
            Outcome::Moved => self.moved += 1,
            Outcome::Changed => self.changed += 1,
            Outcome::Orphaned => self.orphaned += 1,
        }
    }

    /// All annotations counted.
    pub fn total(&self) -> usize {
        self.kept + self.moved + self.changed + self.orphaned
    }

    /// True when some annotation needs the user to look at it.
    pub fn needs_review(&self) -> bool {
        self.moved + self.changed + self.orphaned > 0
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} kept, {} moved, {} changed, {} orphaned",
            self.kept, self.moved, self.changed, self.orphaned
        )
    }
}

/// What re-anchoring found that the user should look at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    /// How many annotations came out each way.
    pub tally: Tally,
    /// Annotations found elsewhere, with where they were, until the user accepts them.
    pub moved: Vec<(AnnotationId, CharSpan)>,
    /// The proposed place of each changed annotation; the annotation itself stays unanchored
    /// until the user accepts the proposal.
    pub proposals: BTreeMap<AnnotationId, Annotation>,
}

impl Review {
    /// Nothing to review.
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty() && self.proposals.is_empty()
    }
}

/// Finds every annotation of `annotations` (made on an older text) in `document`. The result
/// has one relocation per annotation, in the same order.
pub fn relocate_all(annotations: &[Annotation], document: &Document) -> Vec<Relocation> {
    let mut order: Vec<usize> = (0..annotations.len()).collect();
    order.sort_by_key(|&i| annotations[i].span.start);
    let mut relocations = vec![
        Relocation {
            outcome: Outcome::Orphaned,
            placed: None,
            rivals: 0,
        };
        annotations.len()
    ];
    let mut neighbour = Neighbour::default();
    // Where each exact placement came from: a second annotation from elsewhere landing on the
    // same words is a repeated passage's copy, and only a proposal.
    let mut taken: BTreeMap<CharSpan, (CharSpan, usize)> = BTreeMap::new();
    let mut claimed: BTreeMap<CharSpan, CharSpan> = BTreeMap::new();
    for i in order {
        let annotation = &annotations[i];
        let mut relocation = relocate(annotation, document, neighbour, &claimed);
        let sure = matches!(relocation.outcome, Outcome::Kept | Outcome::Moved);
        if let Some(placed) = &relocation.placed {
            match taken.get(&placed.span).copied() {
                Some((from, first)) if from != annotation.span => {
                    // Two copies became one: which one went is a guess, so both are questions.
                    for doubtful in [&mut relocation, &mut relocations[first]] {
                        doubtful.outcome = Outcome::Changed;
                        doubtful.rivals = doubtful.rivals.max(1);
                    }
                }
                _ if sure => {
                    taken.insert(placed.span, (annotation.span, i));
                    claimed.insert(placed.span, annotation.span);
                    // Only a placement that is sure and exact tells where the next one goes.
                    neighbour = Neighbour {
                        shift: placed.span.start.0 as isize - annotation.span.start.0 as isize,
                        placed_at: placed.span.start,
                    };
                }
                _ => {}
            }
        }
        relocations[i] = relocation;
    }
    relocations
}

/// What the annotation placed just before tells about the next one.
#[derive(Clone, Copy, Debug, Default)]
pub struct Neighbour {
    /// How far it moved.
    pub shift: isize,
    /// Where it now starts.
    pub placed_at: CharOffset,
}

/// Finds one annotation, expecting it to have moved like the `neighbour` placed before it.
pub fn relocate(
    annotation: &Annotation,
    document: &Document,
    neighbour: Neighbour,
    claimed: &BTreeMap<CharSpan, CharSpan>,
) -> Relocation {
    let orphaned = Relocation {
        outcome: Outcome::Orphaned,
        placed: None,
        rivals: 0,
    };
    let target = Target {
        text: &annotation.text,
        prefix: &annotation.prefix,
        suffix: &annotation.suffix,
        stored: annotation.span.start,
        expected: shifted(annotation.span.start, neighbour.shift),
        not_before: neighbour.placed_at,
        claimed,
        origin: annotation.span,
    };
    let Some(found) = locate(&target, document) else {
        return orphaned;
    };
    let moved_by = found.span.start.0 as isize - annotation.span.start.0 as isize;
    let mut changed = found.errors > 0;
    let mut placed = refreshed(annotation, found.span, document);
    let mut moved = moved_by != 0;
    let mut excerpts_ok = true;
    for fragment in &mut placed.fragments {
        match relocate_excerpt(fragment, moved_by, document) {
            Some((excerpt, outcome)) => {
                *fragment = excerpt;
                moved |= outcome == Outcome::Moved;
                changed |= outcome == Outcome::Changed;
            }
            None => excerpts_ok = false,
        }
    }
    placed.fragments.retain(|f| f.is_anchored_in(document));
    if let crate::model::Attributes::Quote(quote) = &mut placed.attributes
        && let Some(cue) = &quote.cue
    {
        match relocate_excerpt(cue, moved_by, document) {
            Some((excerpt, outcome)) => {
                moved |= outcome == Outcome::Moved;
                changed |= outcome == Outcome::Changed;
                quote.cue = Some(excerpt);
            }
            None => {
                excerpts_ok = false;
                quote.cue = None;
            }
        }
    }
    let outcome = if changed || !excerpts_ok || found.rivals > 0 {
        Outcome::Changed
    } else if moved {
        Outcome::Moved
    } else {
        Outcome::Kept
    };
    Relocation {
        outcome,
        placed: Some(placed),
        rivals: found.rivals,
    }
}

/// `offset` moved by `shift`, kept at zero or more.
fn shifted(offset: CharOffset, shift: isize) -> CharOffset {
    CharOffset(offset.0.saturating_add_signed(shift))
}

/// The annotation at `span` of `document`: its text and context taken from there.
fn refreshed(annotation: &Annotation, span: CharSpan, document: &Document) -> Annotation {
    let text = document.text();
    Annotation {
        span,
        text: text.slice(span).to_owned(),
        prefix: text.chars_before(span.start, CONTEXT_CHARS).to_owned(),
        suffix: text.chars_after(span.end, CONTEXT_CHARS).to_owned(),
        ..annotation.clone()
    }
}

/// Finds a fragment or cue near where its annotation went: exactly where it is expected, else
/// its exact text or an approximate match nearby.
fn relocate_excerpt(
    excerpt: &Excerpt,
    shift: isize,
    document: &Document,
) -> Option<(Excerpt, Outcome)> {
    let text = document.text();
    let chars = excerpt.text.chars().count();
    let expected = shifted(excerpt.span.start, shift);
    let here = CharSpan::between(expected, CharOffset(expected.0 + chars));
    if here.end.0 <= text.char_count() && text.slice(here) == excerpt.text {
        let outcome = if here == excerpt.span {
            Outcome::Kept
        } else {
            Outcome::Moved
        };
        return Some((Excerpt::of(document, here), outcome));
    }
    // Nearby: the paragraph-sized neighbourhood of where it was expected.
    let reach = 4 * chars + 400;
    let window = CharSpan::between(
        CharOffset(expected.0.saturating_sub(reach)),
        CharOffset((expected.0 + chars + reach).min(text.char_count())),
    );
    let local = crate::model::IndexedText::new(text.slice(window).to_owned());
    let nearest = |matches: Vec<approx::Match>| {
        matches
            .into_iter()
            .min_by_key(|m| (m.errors, (window.start.0 + m.start).abs_diff(expected.0)))
            .map(|m| {
                CharSpan::between(
                    CharOffset(window.start.0 + m.start),
                    CharOffset(window.start.0 + m.end),
                )
            })
    };
    if let Some(span) = nearest(approx::search(&local, &excerpt.text, 0)) {
        return Some((Excerpt::of(document, span), Outcome::Moved));
    }
    let allowed = max_errors(chars);
    if allowed == 0 {
        return None;
    }
    let edges = WordEdges {
        start: true,
        end: true,
    };
    nearest(approx::search(&local, &excerpt.text, allowed)).map(|span| {
        let snapped = snap_to_words(span, document, edges);
        let span = if approx::edit_distance(&excerpt.text, text.slice(snapped)) <= allowed {
            snapped
        } else {
            span
        };
        (Excerpt::of(document, span), Outcome::Changed)
    })
}

#[cfg(test)]
mod tests;

/// Finds a rejected suggestion again in `document`: where it was, or where its text and context
/// now are without a rival; `None` when it cannot be found for sure (then it may be suggested
/// again, which loses nothing).
pub fn place_rejection(
    rejection: crate::model::Rejection,
    document: &Document,
) -> Option<crate::model::Rejection> {
    if rejection.is_anchored_in(document) {
        return Some(rejection);
    }
    let claimed = BTreeMap::new();
    let target = Target {
        text: &rejection.text,
        prefix: &rejection.prefix,
        suffix: &rejection.suffix,
        stored: rejection.span.start,
        expected: rejection.span.start,
        not_before: CharOffset(0),
        claimed: &claimed,
        origin: rejection.span,
    };
    let found = locate(&target, document).filter(|found| found.rivals == 0)?;
    Some(crate::model::Rejection::new(
        rejection.kind,
        found.span,
        document,
    ))
}
