//! How a model's tags become quotes: it tags an article's words once ([`Model::tag`]), and each
//! way of combining with the rules ([`Combination`]) makes its quotes from those tags
//! ([`Model::combine`]): the rules' quotes the model keeps, and the quotes it finds where the
//! rules have none, with the speaker and cue it tagged in their paragraphs.

use super::features::{self, Article};
use super::tags::{self, Part, Stretch, Tag};
use super::{Combination, LEARNED_RULE, Model, Policy};
use crate::model::{CharSpan, Kind, QuoteMode};
use crate::suggest::{Piece, Reading, Suggestion, text};

/// The share of a rule quote's words the model must read as content for the quote to stay.
const KEEP_RULE_SHARE: f64 = 0.5;

/// The fewest words of a quote the model finds where the rules found none.
const MIN_LEARNED_WORDS: usize = 3;

/// How much a rule's quote must share with the model's to lend it its boundaries.
const SAME_QUOTE: f64 = 0.9;

/// The most words between two pieces of one quote ("“A,” said X, the director of Y, “B”").
const MAX_WORDS_BETWEEN_PIECES: usize = 14;

/// How far (in words) from its content a quote's speaker or cue may be.
const MAX_WORDS_TO_ATTRIBUTION: usize = 14;

impl Model {
    /// The quotes this model finds in `reading`, given the rules' quotes there.
    pub(in crate::suggest) fn quotes(
        &self,
        reading: &Reading,
        rule_quotes: &[Suggestion],
    ) -> Vec<Suggestion> {
        self.quotes_with(self.provenance.combination, reading, rule_quotes)
    }

    /// The quotes of `reading` combined with the rules' by `combination`.
    pub(super) fn quotes_with(
        &self,
        combination: Combination,
        reading: &Reading,
        rule_quotes: &[Suggestion],
    ) -> Vec<Suggestion> {
        if combination.policy == Policy::RulesAlone {
            return rule_quotes.to_vec();
        }
        let tagged = self.tag(reading, rule_quotes, combination.learned_cues);
        self.combine(combination, &tagged, reading, rule_quotes)
    }

    /// What the model makes of the words of `reading`, given the rules' quotes there, and
    /// (`with_learned_cues`) the quotes the rules find with the learned cue words.
    pub(super) fn tag(
        &self,
        reading: &Reading,
        rule_quotes: &[Suggestion],
        with_learned_cues: bool,
    ) -> Tagged {
        let read = Article::read(reading, rule_quotes, &self.cues, None);
        let mut found: Vec<Stretch> = Vec::new();
        // How much more each word scores as content than as nothing.
        let mut margin = vec![0.0f32; reading.words.len()];
        for paragraph in &read.paragraphs {
            let (tags, scores) = self
                .weights
                .tag_with_scores(&read.features(paragraph.clone()));
            for (k, score) in scores.iter().enumerate() {
                let content =
                    score[Tag::ContentBegin as usize].max(score[Tag::ContentInside as usize]);
                margin[paragraph.start + k] = content - score[Tag::Outside as usize];
            }
            found.extend(
                tags::stretches(&tags)
                    .into_iter()
                    .map(|(part, a, b)| (part, paragraph.start + a, paragraph.start + b)),
            );
        }
        let mut content = vec![false; reading.words.len()];
        for &(part, a, b) in &found {
            if part == Part::Content {
                content[a..b].fill(true);
            }
        }
        Tagged {
            read,
            found,
            margin,
            content,
            learned_cue_quotes: if with_learned_cues {
                self.learned_cue_quotes(reading, rule_quotes)
            } else {
                Vec::new()
            },
        }
    }

    /// The quotes the rules find in `reading` when they read the learned cue words as cues, where
    /// their quotes `rule_quotes` have none.
    fn learned_cue_quotes(&self, reading: &Reading, rule_quotes: &[Suggestion]) -> Vec<Suggestion> {
        let cues = self.cues.for_the_rules();
        if cues.is_empty() {
            return Vec::new();
        }
        crate::suggest::rule_quotes(&reading.with_cues(&cues))
            .into_iter()
            .filter(|found| {
                !rule_quotes
                    .iter()
                    .any(|rule| rule.extent().overlaps(found.extent()))
            })
            .collect()
    }

    /// The quotes of `tagged` (the model's reading of `reading`) combined with the rules'
    /// `rule_quotes` by `combination`.
    pub(super) fn combine(
        &self,
        combination: Combination,
        tagged: &Tagged,
        reading: &Reading,
        rule_quotes: &[Suggestion],
    ) -> Vec<Suggestion> {
        let Combination {
            policy,
            min_margin,
            known_cue,
            cue_first,
            learned_cues,
        } = combination;
        let Tagged {
            read,
            found,
            margin,
            content,
            learned_cue_quotes,
        } = tagged;
        let with_learned_cues: &[Suggestion] = if learned_cues {
            learned_cue_quotes
        } else {
            &[]
        };
        // The rules' quotes the model reads as content too, whole, as the rules made them.
        let mut out: Vec<Suggestion> = rule_quotes
            .iter()
            .chain(with_learned_cues)
            .filter(|rule| {
                let words: Vec<usize> = rule
                    .fragments
                    .iter()
                    .flat_map(|f| reading.words_in(f.span))
                    .collect();
                let tagged = words.iter().filter(|&&i| content[i]).count();
                !policy.filters_rules()
                    || (!words.is_empty() && tagged as f64 >= KEEP_RULE_SHARE * words.len() as f64)
            })
            .map(|rule| self.with_tagged_attribution(reading, read, found, rule))
            .collect();
        // And the quotes the model finds where the rules kept none.
        let kept: Vec<CharSpan> = out.iter().map(Suggestion::extent).collect();
        // An unquoted piece goes on no quote of another sentence ("… interest. Mitt Romney
        // released …" is two statements); a quoted one may (“A,” she said. “B.”).
        let may_join = |end: usize, start: usize| {
            !(end - 1..start).any(|k| read.ends_sentence(k))
                || (read.quoted(end - 1) && read.quoted(start))
        };
        for quote in group(found, &read.paragraphs, may_join) {
            let whole = to_clause_end(reading, read, found, &quote);
            let made = self.suggestion(reading, read, found, &whole, rule_quotes);
            let extent = made.extent();
            let words: usize = quote.iter().map(|(a, b)| b - a).sum();
            // Only with a cue and a speaker, and a few words: what reads as an attribution.
            let overlaps_kept = kept
                .iter()
                .any(|k| k.start < extent.end && extent.start < k.end);
            let sure = quote
                .iter()
                .flat_map(|&(a, b)| a..b)
                .map(|i| margin[i])
                .sum::<f32>()
                / words.max(1) as f32
                >= min_margin.unwrap_or(f32::NEG_INFINITY);
            let cue_known = made.cue.as_ref().is_some_and(|cue| {
                let at = reading.words_in(cue.span).start;
                let end = reading.words.len();
                [&reading.cues, &reading.participles, &reading.before_source]
                    .iter()
                    .any(|phrases| reading.phrase_at(phrases, at, end) > 0)
                    || read.cue_share(at).is_some_and(|s| s >= features::CUE_SHARE)
            });
            if policy.adds()
                && sure
                && (cue_known || !known_cue)
                && (!cue_first
                    || made
                        .cue
                        .as_ref()
                        .is_some_and(|cue| cue.span.start < extent.start))
                && made.cue.is_some()
                && made.speaker.is_some()
                && words >= MIN_LEARNED_WORDS
                && !overlaps_kept
            {
                out.push(made);
            }
        }
        out.sort_by_key(|s| (s.extent().start, s.extent().end));
        out
    }

    /// The rule's quote `rule`, with the speaker and the cue the model tagged next to it where
    /// the rule found none ("“…,” Rep. Gwen Moore (D-Wis.) said").
    pub(super) fn with_tagged_attribution(
        &self,
        reading: &Reading,
        read: &Article,
        found: &[Stretch],
        rule: &Suggestion,
    ) -> Suggestion {
        let mut quote = rule.clone();
        if quote.speaker.is_some() && quote.cue.is_some() {
            return quote;
        }
        let words: Vec<usize> = rule
            .fragments
            .iter()
            .flat_map(|f| reading.words_in(f.span))
            .collect();
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
            return quote;
        };
        // Not a stretch inside the quote itself: that is its content, not who said it.
        let outside: Vec<Stretch> = found
            .iter()
            .copied()
            .filter(|&(_, a, b)| b <= first || last < a)
            .collect();
        let (speaker, cue) = tagged_attribution(reading, read, &outside, (first, last + 1));
        quote.speaker = quote.speaker.or(speaker);
        quote.cue = quote.cue.or(cue);
        quote
    }

    /// The suggestion for the content pieces `quote` (word ranges), with the nearest speaker
    /// and cue the model tagged in its paragraphs, else the rules'.
    pub(super) fn suggestion(
        &self,
        reading: &Reading,
        read: &Article,
        found: &[Stretch],
        quote: &[(usize, usize)],
        rule_quotes: &[Suggestion],
    ) -> Suggestion {
        let first = quote[0].0;
        let last = quote[quote.len() - 1].1;
        let (speaker, cue) = tagged_attribution(reading, read, found, (first, last));
        let fragments: Vec<Piece> = quote
            .iter()
            .map(|&(a, b)| reading.piece(reading.span_of(a..b)))
            .collect();
        let extent = CharSpan::between(
            fragments[0].span.start,
            fragments[fragments.len() - 1].span.end,
        );
        let agreeing = rule_quotes
            .iter()
            .find(|rule| jaccard(rule.extent(), extent) >= 0.5);
        // Where the model and a rule nearly agree, the rule's boundaries (its quotation marks'
        // punctuation, its pieces).
        let fragments = match agreeing {
            Some(rule) if jaccard(rule.extent(), extent) >= SAME_QUOTE => rule.fragments.clone(),
            _ => fragments,
        };
        let quoted_words = (first..last).filter(|&i| read.quoted(i)).count();
        let mode = if quoted_words == last - first {
            QuoteMode::Direct
        } else if quoted_words > 0 {
            QuoteMode::Mixed
        } else {
            QuoteMode::Indirect
        };
        Suggestion {
            kind: Kind::Quote,
            fragments,
            confidence: if agreeing.is_some() { 0.85 } else { 0.6 },
            rule: LEARNED_RULE,
            speaker: speaker.or_else(|| agreeing.and_then(|r| r.speaker.clone())),
            cue: cue.or_else(|| agreeing.and_then(|r| r.cue.clone())),
            mode: Some(mode),
            entity_type: None,
            check_worthiness: None,
            identity: None,
            antecedent: None,
        }
    }
}

/// The speaker and the cue the model tagged for the words `first..last`: the cue nearest to
/// them, and the speaker nearest to that cue (to them when there is no cue), each within
/// [`MAX_WORDS_TO_ATTRIBUTION`] and in their paragraphs (not the one before or after).
fn tagged_attribution(
    reading: &Reading,
    read: &Article,
    found: &[Stretch],
    (first, last): (usize, usize),
) -> (Option<Piece>, Option<Piece>) {
    let paragraph_of = |word: usize| read.paragraphs.iter().find(|p| p.contains(&word));
    let within = paragraph_of(first).map_or(first, |p| p.start)
        ..paragraph_of(last - 1).map_or(last, |p| p.end);
    let nearest = |part: Part, (first, last): (usize, usize)| {
        found
            .iter()
            .filter(|&&(p, a, b)| p == part && within.start <= a && b <= within.end)
            .map(|&(_, a, b)| {
                let distance = if b <= first {
                    first - b
                } else {
                    a.saturating_sub(last)
                };
                (distance, a, b)
            })
            .filter(|(distance, ..)| *distance <= MAX_WORDS_TO_ATTRIBUTION)
            .min()
            .map(|(_, a, b)| (a, b))
    };
    let cue = nearest(Part::Cue, (first, last));
    let speaker = nearest(Part::Source, cue.unwrap_or((first, last)));
    let piece = |(a, b): (usize, usize)| reading.piece(reading.span_of(a..b));
    (speaker.map(piece), cue.map(piece))
}

/// The content pieces `quote` with the last one carried on to the end of its clause when the
/// model stopped it mid-clause ("that the panel| is trying to second-guess the FBI,"): over the
/// words after it that stand next to each other with spaces only, up to punctuation or the
/// paragraph's end. Left as it is when a stretch the model tagged (a speaker, a cue, another
/// piece) comes first.
pub(super) fn to_clause_end(
    reading: &Reading,
    read: &Article,
    found: &[Stretch],
    quote: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut whole = quote.to_vec();
    let Some((_, last_end)) = whole.last_mut() else {
        return whole;
    };
    let Some(paragraph) = read
        .paragraphs
        .iter()
        .find(|p| p.contains(&(*last_end - 1)))
    else {
        return whole;
    };
    // The stretches are in text order and do not overlap, so the first one that starts after
    // the piece is the first tagged word after it.
    let next_tagged = found
        .get(found.partition_point(|&(_, start, _)| start < *last_end))
        .map_or(usize::MAX, |&(_, start, _)| start);
    let mut end = *last_end;
    while end < paragraph.end && !ends_clause(reading, read, end - 1) {
        end += 1;
    }
    if end <= next_tagged {
        *last_end = end;
    }
    whole
}

/// True when a clause ends after word `i`: its sentence does, or punctuation between it and the
/// next word other than quotation marks, apostrophes and the full stops of "U.S." does.
fn ends_clause(reading: &Reading, read: &Article, i: usize) -> bool {
    let (Some(word), Some(next)) = (reading.words.get(i), reading.words.get(i + 1)) else {
        return true;
    };
    read.ends_sentence(i)
        || reading.chars[word.span.end.0..next.span.start.0]
            .iter()
            .any(|&c| {
                !(c == ' ' || c == '.' || text::is_closing_mark(c) || text::is_opening_mark(c))
            })
}

/// What a model made of an article's words, before it is combined with the rules.
pub(super) struct Tagged {
    /// The article as the model reads it.
    read: Article,
    /// The stretches it tagged.
    found: Vec<Stretch>,
    /// How much more each word scores as content than as nothing.
    margin: Vec<f32>,
    /// Whether each word is tagged content.
    content: Vec<bool>,
    /// The quotes the rules find with the learned cue words where they found none without.
    learned_cue_quotes: Vec<Suggestion>,
}

/// The share of chars two spans have in common, of the chars either covers.
fn jaccard(a: CharSpan, b: CharSpan) -> f64 {
    let shared = a
        .end
        .0
        .min(b.end.0)
        .saturating_sub(a.start.0.max(b.start.0));
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// How many words after a piece its own attribution may start ("“B,” he said").
const MAX_WORDS_TO_OWN_ATTRIBUTION: usize = 4;

/// The content stretches of `found` (in text order) grouped into quotes: a piece goes with the
/// one before when a speaker or cue and a few words stand between them and none follows it
/// (“A,” she said. “B.”) and `may_join(end of the one before, start of this one)` allows it, or
/// when the one before ends its paragraph and this one opens the next (the newspaper
/// convention).
pub(super) fn group(
    found: &[Stretch],
    paragraphs: &[std::ops::Range<usize>],
    may_join: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<(usize, usize)>> {
    let ends_paragraph = |end: usize| paragraphs.iter().any(|p| p.end == end);
    let opens_paragraph = |start: usize| paragraphs.iter().any(|p| p.start == start);
    let mut quotes: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut attribution_between = false;
    for (n, &(part, a, b)) in found.iter().enumerate() {
        if part != Part::Content {
            attribution_between = true;
            continue;
        }
        let own_attribution = found[n + 1..]
            .iter()
            .take_while(|(p, ..)| *p != Part::Content)
            .any(|&(_, start, _)| start - b <= MAX_WORDS_TO_OWN_ATTRIBUTION);
        let joins = quotes
            .last()
            .and_then(|q| q.last())
            .is_some_and(|&(_, end)| {
                let interrupted = attribution_between
                    && a - end <= MAX_WORDS_BETWEEN_PIECES
                    && !own_attribution
                    && may_join(end, a);
                let runs_on = !attribution_between && ends_paragraph(end) && opens_paragraph(a);
                interrupted || runs_on
            });
        match quotes.last_mut() {
            Some(quote) if joins => quote.push((a, b)),
            _ => quotes.push(vec![(a, b)]),
        }
        attribution_between = false;
    }
    quotes
}
