//! Looking for one target in the new text: in place, close by, changed in place, reworded
//! between its context, or anywhere on one score; and saying when copies fit about as well.

use super::approx;
use crate::model::{CharOffset, CharSpan, Document};
use std::collections::BTreeMap;

/// Text at least this long (in chars) that occurs exactly once is taken to be the same text
/// even when its context changed all around (a paragraph moved as a whole).
const DISTINCTIVE_CHARS: usize = 32;

/// Two places whose context scores (prefix plus suffix, 0 to 2) are closer than this fit about
/// equally well: choosing between them would be a guess.
const RIVAL_MARGIN: f32 = 0.15;

/// Away from where it was expected, an approximate match may have one edit in this many chars.
const FAR_ERRORS_PER_CHAR: usize = 10;

/// Two approximate matches whose scores (0 to 1) are closer than this fit about equally well.
const RIVAL_SCORE_MARGIN: f32 = 0.03;

/// A context side at least this good is the same text (a char or two off in 32).
const SIDE_HOLDS: f32 = 0.95;

/// How far from where it was expected an exact match still counts as in place.
const NEARBY_CHARS: usize = 64;

/// Text shorter than this (a short word) must keep the context on both sides to be found
/// anywhere but exactly where it was expected.
const SHORT_CHARS: usize = 8;

/// Text shorter than this is not looked for approximately in place: one edit in three chars
/// leaves too little to recognise.
const MIN_IN_PLACE_CHARS: usize = 4;

/// The least score (0 to 1) at which an approximate match is proposed.
const MIN_APPROXIMATE_SCORE: f32 = 0.85;

/// Weights of the Hypothesis client's match score.
const QUOTE_WEIGHT: f32 = 50.0;
const PREFIX_WEIGHT: f32 = 20.0;
const SUFFIX_WEIGHT: f32 = 20.0;
const POSITION_WEIGHT: f32 = 2.0;

/// Edits allowed when looking for text of `chars` chars approximately: about one in six, so
/// that the exact pieces the search starts from are at least five chars long; none for text too
/// short to be told apart from look-alikes.
pub fn max_errors(chars: usize) -> usize {
    (chars / 6).min(64)
}

/// What to look for: a stretch of text, the context around it, and where it is expected.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// The exact text that was annotated.
    pub text: &'a str,
    /// The chars that stood before it (up to [`CONTEXT_CHARS`]).
    pub prefix: &'a str,
    /// The chars that stood after it.
    pub suffix: &'a str,
    /// Where it started when it was saved.
    pub stored: CharOffset,
    /// Where it is expected now (the stored start shifted like its neighbours).
    pub expected: CharOffset,
    /// Where the annotation before it (in the old text) was placed: a place before this one
    /// breaks their order, which only a paragraph moved as a whole does, so it needs the
    /// context on both sides.
    pub not_before: CharOffset,
    /// Places already taken, for sure, by annotations from elsewhere in the old text (place →
    /// where that annotation was): a copy there is no rival, it has its own annotation.
    pub claimed: &'a BTreeMap<CharSpan, CharSpan>,
    /// Where the annotation was in the old text.
    pub origin: CharSpan,
}

impl Target<'_> {
    /// True when `span` is taken by an annotation from elsewhere.
    fn claimed_by_another(&self, span: CharSpan) -> bool {
        self.claimed
            .get(&span)
            .is_some_and(|origin| *origin != self.origin)
    }
}

/// A place found for a target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// Where.
    pub span: CharSpan,
    /// Edits between the target's text and the text there (0: exact).
    pub errors: usize,
    /// How many other places fit about as well: when any do, the place is only a proposal.
    pub rivals: usize,
}

/// A candidate place with its scores.
struct Candidate {
    span: CharSpan,
    errors: usize,
    prefix: Option<f32>,
    suffix: Option<f32>,
    score: f32,
}

impl Candidate {
    fn new(span: CharSpan, errors: usize, target: &Target, document: &Document) -> Self {
        let text = document.text();
        let chars = target.text.chars().count().max(1);
        let prefix = context_score(
            target.prefix,
            text.chars_before(span.start, target.prefix.chars().count()),
            span.start.0 == 0,
        );
        let suffix = context_score(
            target.suffix,
            text.chars_after(span.end, target.suffix.chars().count()),
            span.end.0 == text.char_count(),
        );
        let distance = span.start.0.abs_diff(target.expected.0) as f32;
        let position = 1.0 - distance / text.char_count().max(1) as f32;
        let quote = 1.0 - errors as f32 / chars as f32;
        let score = (QUOTE_WEIGHT * quote
            + PREFIX_WEIGHT * prefix.unwrap_or(0.5)
            + SUFFIX_WEIGHT * suffix.unwrap_or(0.5)
            + POSITION_WEIGHT * position)
            / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
        Self {
            span,
            errors,
            prefix,
            suffix,
            score,
        }
    }

    /// The context's fit, prefix plus suffix (a missing side counts half).
    fn evidence(&self) -> f32 {
        self.prefix.unwrap_or(0.5) + self.suffix.unwrap_or(0.5)
    }

    /// True when one side of the context is all there.
    fn one_side_holds(&self) -> bool {
        [self.prefix, self.suffix]
            .iter()
            .any(|side| side.is_some_and(|score| score >= SIDE_HOLDS))
    }

    /// True when the context on both sides is nearly all there.
    fn context_surrounds(&self) -> bool {
        [self.prefix, self.suffix]
            .iter()
            .all(|side| side.is_none_or(|score| score >= 0.8))
    }

    /// True when the context fits well enough to move an annotation away from where it was
    /// expected: one side all there, or both sides mostly there. (A short word often recurs
    /// with a similar phrase on one side.)
    fn context_fits_far_away(&self) -> bool {
        match (self.prefix, self.suffix) {
            (None, None) => true,
            (Some(one), None) | (None, Some(one)) => one >= 0.95,
            (Some(prefix), Some(suffix)) => {
                prefix.max(suffix) >= 0.95
                    || (prefix.min(suffix) >= 0.6 && prefix.max(suffix) >= 0.8)
            }
        }
    }

    /// True when enough of the context is still around the candidate to trust it.
    fn context_fits(&self) -> bool {
        match (self.prefix, self.suffix) {
            (None, None) => true,
            (Some(one), None) | (None, Some(one)) => one >= 0.8,
            (Some(prefix), Some(suffix)) => prefix.max(suffix) >= 0.8 || prefix + suffix >= 1.3,
        }
    }
}

/// True when `other`, a copy of the exact text that no other annotation holds, fits about as
/// well as `chosen`.
fn rivals(target: &Target, other: &Candidate, chosen: &Candidate) -> bool {
    !target.claimed_by_another(other.span)
        && other.errors == 0
        && other.context_fits_far_away()
        && other.evidence() + RIVAL_MARGIN >= chosen.evidence()
}

/// How well the chars next to a candidate fit the stored context, from 0 to 1: one less the
/// share of edits between them. Both are read from the candidate's edge outwards, so a context
/// that merely overlaps (the same words a few chars off) scores low. `None` when no context was
/// stored and the candidate is not at the text's edge either (nothing to compare).
fn context_score(stored: &str, actual: &str, at_edge: bool) -> Option<f32> {
    if stored.is_empty() {
        return at_edge.then_some(1.0);
    }
    let length = stored.chars().count();
    let errors = approx::edit_distance(stored, actual).min(length);
    Some(1.0 - errors as f32 / length as f32)
}

/// Finds `target` in `document`, or `None` when no place is safe.
pub fn locate(target: &Target, document: &Document) -> Option<Found> {
    let text = document.text();
    let chars = target.text.chars().count();
    if chars == 0 {
        return None;
    }
    let exact_at = |start: CharOffset| {
        let span = CharSpan::between(start, CharOffset(start.0 + chars));
        (span.end.0 <= text.char_count() && text.slice(span) == target.text)
            .then(|| Candidate::new(span, 0, target, document))
    };
    // Text that was whole words is only looked for as whole words ("er" is not in "permits").
    let edges = target.word_edges();
    let mut candidates: Vec<Candidate> = text
        .as_str()
        .match_indices(target.text)
        .map(|(byte, _)| {
            let start = text.char_of(crate::model::ByteOffset(byte));
            CharSpan::between(start, CharOffset(start.0 + chars))
        })
        .filter(|span| cuts_no_word(*span, document, edges))
        .map(|span| Candidate::new(span, 0, target, document))
        .collect();
    // 1. Where it was, or where its neighbours went, with its context around it or one side of
    // its context unchanged: a copy elsewhere does not outweigh the text still in its place.
    let holds = |c: &Candidate| c.context_surrounds() || c.one_side_holds();
    let at_stored = exact_at(target.stored).filter(holds);
    let at_expected = exact_at(target.expected)
        .filter(holds)
        .filter(|c| c.span.start >= target.not_before);
    let here = match (at_stored, at_expected) {
        (Some(stored), Some(expected)) if stored.span != expected.span => {
            // The old offset says here, the neighbours say there: a repeated passage moved.
            match (stored.context_surrounds(), expected.context_surrounds()) {
                (true, false) => Some((stored, 0)),
                (false, true) => Some((expected, 0)),
                _ if stored.evidence() >= expected.evidence() => Some((stored, 1)),
                _ => Some((expected, 1)),
            }
        }
        (Some(stored), _) => Some((stored, 0)),
        // Where the neighbours went, with one side of its context: a copy of a repeated
        // passage can stand there too, so copies that fit as well make it a question.
        (None, Some(expected)) => {
            let sure = expected.context_surrounds()
                || !candidates
                    .iter()
                    .any(|c| c.span != expected.span && rivals(target, c, &expected));
            Some((expected, usize::from(!sure)))
        }
        (None, None) => None,
    };
    if let Some((here, doubt)) = here {
        // A copy elsewhere that fits clearly better, with both sides around it.
        let better = candidates.iter().any(|c| {
            c.span != here.span
                && c.context_surrounds()
                && c.evidence() > here.evidence() + RIVAL_MARGIN
        });
        return Some(Found {
            span: here.span,
            errors: 0,
            rivals: doubt.max(usize::from(better)),
        });
    }
    // 2. Close by (white space or a word changed just before it), its context mostly there.
    let allowed = max_errors(chars);
    let near = |c: &Candidate| {
        [target.stored, target.expected]
            .iter()
            .any(|at| c.span.start.0.abs_diff(at.0) <= NEARBY_CHARS)
    };
    // Very short text recurs close by: it needs its context on both sides.
    let fits = |c: &Candidate| {
        if chars < SHORT_CHARS {
            c.context_surrounds()
        } else {
            c.context_fits()
        }
    };
    // Before the annotation that preceded it: only a paragraph moved whole does that.
    // (Text found once can only be there; order matters between copies.)
    let out_of_order = |c: &Candidate| c.span.start < target.not_before && !c.context_surrounds();
    let copies = candidates.len();
    if let Some(nearest) = candidates
        .iter()
        .filter(|c| near(c) && fits(c) && !(copies > 1 && out_of_order(c)))
        .min_by_key(|c| c.span.start.0.abs_diff(target.expected.0))
    {
        return Some(Found {
            span: nearest.span,
            errors: 0,
            rivals: 0,
        });
    }
    // 3. Changed in place: its context all there, and text like it between. With the context
    // as evidence, more edits are allowed than when searching the whole text.
    if chars >= MIN_IN_PLACE_CHARS {
        let allowed_in_place = (chars / 3).max(allowed).max(1);
        for start in [target.stored, target.expected] {
            let reach = allowed_in_place.max(2);
            let window = CharSpan::between(
                CharOffset(start.0.saturating_sub(reach)),
                CharOffset((start.0 + chars + reach).min(text.char_count())),
            );
            let pattern: Vec<char> = target.text.chars().collect();
            let around: Vec<char> = text.slice(window).chars().collect();
            if let Some(m) = approx::best_within(&pattern, &around)
                && m.errors > 0
                && m.errors <= allowed_in_place
            {
                let span = CharSpan::between(
                    CharOffset(window.start.0 + m.start),
                    CharOffset(window.start.0 + m.end),
                );
                let candidate = Candidate::new(span, m.errors, target, document);
                if candidate.context_surrounds() {
                    return changed(candidate, target, document, allowed_in_place);
                }
            }
        }
    }
    // 3b. Reworded in place: both sides of its context still stand around where it was
    // expected, with other words between.
    if let Some(found) = between_context(target, document) {
        return Some(found);
    }
    // 4. The exact text elsewhere, and approximate matches, compete on one score: an exact
    // copy far away with foreign context loses to a near match where the text was.
    let exact = candidates.len();
    if allowed > 0 {
        let approximate = approx::search(text, target.text, allowed)
            .into_iter()
            .filter(|m| m.errors > 0)
            .map(|m| {
                let span = CharSpan::between(CharOffset(m.start), CharOffset(m.end));
                Candidate::new(span, m.errors, target, document)
            });
        candidates.extend(approximate);
    }
    let approximate = candidates.len() - exact;
    let best_at = candidates
        .iter()
        .enumerate()
        .max_by(|(_, a), (_, b)| a.score.total_cmp(&b.score))
        .map(|(i, _)| i)?;
    // Other places whose text and context fit about as well: a repeated passage.
    let mut rival_count = {
        let best = &candidates[best_at];
        candidates
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                *i != best_at
                    && (c.span.end <= best.span.start || best.span.end <= c.span.start)
                    && if best.errors == 0 {
                        rivals(target, c, best)
                    } else {
                        c.context_fits() && c.score + RIVAL_SCORE_MARGIN >= best.score
                    }
            })
            .count()
    };
    {
        let best = &candidates[best_at];
        // Before the annotation that preceded it among copies, or far from where it was with
        // one side of its context: likely, not sure.
        // (A long text the article holds once is that text, wherever it went.)
        let far = best.errors == 0
            && !near(best)
            && !best.context_surrounds()
            && (copies != 1 || chars < 2 * DISTINCTIVE_CHARS);
        if (copies > 1 && out_of_order(best)) || far {
            rival_count = rival_count.max(1);
        }
    }
    let rivals = rival_count;
    let best = candidates.swap_remove(best_at);
    let unmistakable = if best.errors == 0 {
        // (Long text once in the article, with something of its context.)
        exact == 1
            && chars >= DISTINCTIVE_CHARS
            && [best.prefix, best.suffix]
                .iter()
                .any(|side| side.is_none_or(|score| score >= 0.5))
    } else {
        exact == 0 && approximate == 1 && chars >= DISTINCTIVE_CHARS && best.errors * 10 <= chars
    };
    let trusted = if best.errors == 0 {
        best.context_fits_far_away()
    } else {
        // Far from where it was expected, a look-alike needs to be closer to the text.
        let close = near(&best) || best.errors * FAR_ERRORS_PER_CHAR <= chars;
        best.context_fits() && best.score >= MIN_APPROXIMATE_SCORE && close
    };
    if !(trusted || unmistakable) {
        return None;
    }
    if best.errors == 0 {
        return Some(Found {
            span: best.span,
            errors: 0,
            rivals,
        });
    }
    changed(best, target, document, allowed).map(|found| Found { rivals, ..found })
}

/// Context on a side must be at least this long to frame a reworded span.
const FRAME_CHARS: usize = 12;

/// The span between the stored prefix and suffix where they still stand near where the target
/// was expected (the words between were rewritten), as a change to confirm.
fn between_context(target: &Target, document: &Document) -> Option<Found> {
    let text = document.text();
    let chars = target.text.chars().count();
    let prefix: Vec<char> = target.prefix.chars().collect();
    let suffix: Vec<char> = target.suffix.chars().collect();
    if prefix.len() < FRAME_CHARS || suffix.len() < FRAME_CHARS {
        return None;
    }
    let reach = chars + NEARBY_CHARS;
    let window = CharSpan::between(
        CharOffset(target.expected.0.saturating_sub(reach + prefix.len())),
        CharOffset((target.expected.0 + 2 * reach + suffix.len()).min(text.char_count())),
    );
    let around: Vec<char> = text.slice(window).chars().collect();
    let expected = target.expected.0.saturating_sub(window.start.0);
    let start = find_nearest(&around, &prefix, expected + prefix.len(), true)?;
    let end = find_nearest(
        &around[start..],
        &suffix,
        expected + chars - start.min(expected + chars),
        false,
    )
    .map(|at| start + at)?;
    // A few words rewritten, not a passage inserted: about as long, no new line breaks.
    let length = end.checked_sub(start)?;
    if length.abs_diff(chars) > (chars / 4).max(FRAME_CHARS).min(chars / 2 + 1) {
        return None;
    }
    let span = CharSpan::between(
        CharOffset(window.start.0 + start),
        CharOffset(window.start.0 + end),
    );
    let now = text.slice(span);
    let breaks = |t: &str| t.matches('\n').count();
    if now.trim().is_empty() || breaks(now) > breaks(target.text) {
        return None;
    }
    let errors = approx::edit_distance(target.text, now);
    (errors > 0).then_some(Found {
        span,
        errors,
        rivals: 0,
    })
}

/// Where `needle` occurs in `hay` nearest to `near`: with `ends`, the offset just after the
/// occurrence (for a prefix), else its start (for a suffix).
fn find_nearest(hay: &[char], needle: &[char], near: usize, ends: bool) -> Option<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(at, _)| if ends { at + needle.len() } else { at })
        .min_by_key(|&at| at.abs_diff(near))
}

/// An approximate match, its edges moved out to whole words where the original's were; `None`
/// when that takes it beyond `allowed` edits (a proposal cut inside a word is no proposal).
fn changed(
    candidate: Candidate,
    target: &Target,
    document: &Document,
    allowed: usize,
) -> Option<Found> {
    let span = snap_to_words(candidate.span, document, target.word_edges());
    let snapped = document.text().slice(span);
    let errors = approx::edit_distance(target.text, snapped);
    (errors <= allowed).then_some(Found {
        span,
        errors,
        rivals: 0,
    })
}

/// The furthest an edge moves to the end of the word it cuts.
const WORD_REACH: usize = 16;

/// Which edges of a text stood at a word boundary.
#[derive(Clone, Copy, Debug)]
pub(super) struct WordEdges {
    /// The start stood at a word boundary.
    pub(super) start: bool,
    /// The end did.
    pub(super) end: bool,
}

impl Target<'_> {
    /// Which edges of the text stood at a word boundary when it was annotated.
    fn word_edges(&self) -> WordEdges {
        let first = self.text.chars().next();
        let last = self.text.chars().next_back();
        WordEdges {
            start: !(ends_in_word(self.prefix) && first.is_some_and(char::is_alphanumeric)),
            end: !(starts_in_word(self.suffix) && last.is_some_and(char::is_alphanumeric)),
        }
    }
}

/// True when `span` does not cut a word at an edge that must be a word boundary.
fn cuts_no_word(span: CharSpan, document: &Document, edges: WordEdges) -> bool {
    let text = document.text();
    let is_word = |offset: usize| {
        text.char_at(CharOffset(offset))
            .is_some_and(char::is_alphanumeric)
    };
    let start_cut = span.start.0 > 0 && is_word(span.start.0 - 1) && is_word(span.start.0);
    let end_cut = span.end.0 > 0 && is_word(span.end.0 - 1) && is_word(span.end.0);
    !((edges.start && start_cut) || (edges.end && end_cut))
}

fn ends_in_word(text: &str) -> bool {
    text.chars().next_back().is_some_and(char::is_alphanumeric)
}

fn starts_in_word(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_alphanumeric)
}

/// An approximate match cuts where the edits end, which can be inside a word ("doubt t" for
/// "doubt it" → "doubt this"). When the original edge stood at a word boundary, moves the edge
/// out to the end of the word it cuts, by at most [`WORD_REACH`] chars.
pub(super) fn snap_to_words(span: CharSpan, document: &Document, edges: WordEdges) -> CharSpan {
    let reach = WORD_REACH;
    let text = document.text();
    let is_word = |offset: usize| {
        text.char_at(CharOffset(offset))
            .is_some_and(char::is_alphanumeric)
    };
    let mut start = span.start.0;
    if edges.start {
        let limit = start.saturating_sub(reach);
        while start > limit && is_word(start - 1) && is_word(start) {
            start -= 1;
        }
    }
    let mut end = span.end.0;
    if edges.end {
        let limit = (end + reach).min(text.char_count());
        while end < limit && end > 0 && is_word(end - 1) && is_word(end) {
            end += 1;
        }
    }
    CharSpan::between(CharOffset(start), CharOffset(end))
}
