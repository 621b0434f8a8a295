//! Claims: sentences (or the part of one inside a quote) that state something checkable: a
//! number, a percentage or a sum of money, a comparison or a rank, a cause, or an absolute. A
//! claim inside a quote gets the quote's speaker as its claimant.

use super::{Piece, Reading, Suggestion};
use crate::model::{AnnotationSet, Attributes, CharOffset, CharSpan, CheckWorthiness, Kind, Party};

/// The words of a language that make a sentence checkable, each as lower-case words.
#[derive(Clone, Default)]
pub struct ClaimWords {
    /// "more than", "largest".
    pub comparisons: Vec<Vec<String>>,
    /// "never", "every".
    pub absolutes: Vec<Vec<String>>,
    /// "because", "led to".
    pub causal: Vec<Vec<String>>,
    /// Month and day names.
    pub dates: Vec<Vec<String>>,
}

/// Fewer words than this are a heading or a fragment, not a claim.
const MIN_WORDS: usize = 6;
/// More words than this are a run-on paragraph the rules cannot cut into claims.
const MAX_WORDS: usize = 70;

/// What makes one sentence checkable.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Signals {
    number: bool,
    comparison: bool,
    cause: bool,
    absolute: bool,
    date: bool,
}

impl Signals {
    /// The rule shown as "why", by the strongest signal; `None` when nothing is checkable.
    fn rule(self) -> Option<&'static str> {
        match self {
            Signals {
                number: true,
                comparison: true,
                ..
            } => Some("claim: a number compared"),
            Signals {
                number: true,
                cause: true,
                ..
            } => Some("claim: a number and a cause"),
            Signals { number: true, .. } => Some("claim: a number"),
            Signals {
                comparison: true, ..
            } => Some("claim: a comparison or rank"),
            Signals { cause: true, .. } => Some("claim: a cause"),
            Signals { absolute: true, .. } => Some("claim: an absolute"),
            _ => None,
        }
    }

    /// How likely a person would mark it as a claim.
    fn confidence(self) -> f32 {
        let score = 0.3
            + 0.3 * f32::from(u8::from(self.number))
            + 0.2 * f32::from(u8::from(self.comparison))
            + 0.15 * f32::from(u8::from(self.cause))
            + 0.1 * f32::from(u8::from(self.absolute))
            + 0.05 * f32::from(u8::from(self.date));
        score.min(0.9)
    }

    /// The check-worthiness to suggest: a number or a comparison with something else to check
    /// is worth checking; the rest is factual but less important.
    fn worthiness(self) -> CheckWorthiness {
        let strong = u8::from(self.number) + u8::from(self.comparison) + u8::from(self.cause);
        if strong >= 2 || (self.number && self.date) {
            CheckWorthiness::CheckWorthy
        } else {
            CheckWorthiness::UnimportantFactual
        }
    }
}

/// The claims of the article, given the quotes suggested (`quotes`) and those of `set`: one per
/// checkable sentence, cut to the quote it stands in, with that quote's speaker as claimant.
pub fn claims(reading: &Reading, set: &AnnotationSet, quotes: &[Suggestion]) -> Vec<Suggestion> {
    let mut spoken = spoken_spans(reading, set, quotes);
    spoken.sort_by_key(|(span, _)| span.start);
    let longest = spoken.iter().map(|(span, _)| span.len()).max().unwrap_or(0);
    reading
        .sentences
        .iter()
        .filter_map(|&sentence| {
            // Only the quotes that can reach into the sentence.
            let from = sentence.start.0.saturating_sub(longest);
            let first = spoken.partition_point(|(span, _)| span.start.0 < from);
            let end = spoken.partition_point(|(span, _)| span.start < sentence.end);
            claim_in(reading, sentence, &spoken[first..end.max(first)])
        })
        .collect()
}

/// Where quotes stand, with who said them.
fn spoken_spans(
    reading: &Reading,
    set: &AnnotationSet,
    quotes: &[Suggestion],
) -> Vec<(CharSpan, Option<Piece>)> {
    let suggested = quotes.iter().flat_map(|q| {
        q.fragments
            .iter()
            .map(|f| (f.span, q.speaker.clone()))
            .collect::<Vec<_>>()
    });
    let annotated = set
        .anchored()
        .iter()
        .filter(|a| a.kind() == Kind::Quote)
        .flat_map(|a| {
            let speaker = match &a.attributes {
                Attributes::Quote(q) => match &q.speaker {
                    Some(Party::Mention(id)) => set.get(id).map(|e| reading.piece(e.span)),
                    _ => None,
                },
                _ => None,
            };
            a.pieces()
                .map(move |p| (p, speaker.clone()))
                .collect::<Vec<_>>()
        });
    suggested.chain(annotated).collect()
}

/// The claim in `sentence`, if it is checkable.
fn claim_in(
    reading: &Reading,
    sentence: CharSpan,
    spoken: &[(CharSpan, Option<Piece>)],
) -> Option<Suggestion> {
    // Inside a quote, the claim is the quote's part of the sentence, said by its speaker.
    let (span, speaker) = spoken
        .iter()
        .filter_map(|(quote, speaker)| {
            let start = quote.start.max(sentence.start);
            let end = quote.end.min(sentence.end);
            (end > start).then(|| (CharSpan::between(start, end), speaker.clone()))
        })
        .max_by_key(|(span, _)| span.len())
        .unwrap_or((sentence, None));
    let span = trimmed(reading, span)?;
    let text = reading.text(span);
    if text
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .is_empty()
        || text.trim_end().ends_with('?')
    {
        return None;
    }
    let words = reading.words_in(span);
    if words.len() < MIN_WORDS || words.len() > MAX_WORDS {
        return None;
    }
    let signals = signals(reading, span, words);
    let rule = signals.rule()?;
    Some(Suggestion {
        kind: Kind::Claim,
        fragments: vec![Piece { span, text }],
        confidence: signals.confidence(),
        rule,
        speaker,
        cue: None,
        mode: None,
        entity_type: None,
        check_worthiness: Some(signals.worthiness()),
        identity: None,
        antecedent: None,
    })
}

/// `span` without spaces and quotation marks at its ends; `None` when nothing is left.
fn trimmed(reading: &Reading, span: CharSpan) -> Option<CharSpan> {
    let strip = |c: char| {
        c.is_whitespace() || super::text::is_closing_mark(c) || super::text::is_opening_mark(c)
    };
    let (mut start, mut end) = (span.start.0, span.end.0);
    while start < end && strip(reading.chars[start]) {
        start += 1;
    }
    while end > start && strip(reading.chars[end - 1]) {
        end -= 1;
    }
    (end > start).then(|| CharSpan::between(CharOffset(start), CharOffset(end)))
}

/// What in the words `words` (of `span`) makes it checkable.
fn signals(reading: &Reading, span: CharSpan, words: std::ops::Range<usize>) -> Signals {
    let lexicon = &reading.claim_words;
    let mut found = Signals::default();
    let end = words.end;
    for at in words {
        let word = &reading.words[at];
        let has = |phrases: &[Vec<String>]| reading.phrase_at(phrases, at, end) > 0;
        if word.lower.chars().any(|c| c.is_ascii_digit()) {
            if is_year(&word.lower) {
                found.date = true;
            } else {
                found.number = true;
            }
        }
        found.comparison |= has(&lexicon.comparisons);
        found.cause |= has(&lexicon.causal);
        found.absolute |= has(&lexicon.absolutes);
        found.date |= has(&lexicon.dates);
    }
    found.number |= reading.chars[span.start.0..span.end.0]
        .iter()
        .any(|c| matches!(c, '%' | '$' | '€' | '£' | '¥'));
    found
}

/// True for a year such as "1999" or "2026".
fn is_year(word: &str) -> bool {
    word.len() == 4
        && word.chars().all(|c| c.is_ascii_digit())
        && matches!(word.get(..2), Some("18" | "19" | "20"))
}

#[cfg(test)]
mod tests {
    use crate::model::{AnnotationSet, CheckWorthiness, Document, Kind};
    use crate::suggest::{Rules, suggest};

    /// (text, rule, worthiness, claimant) of each claim suggested for `text`.
    fn claims(
        text: &str,
    ) -> Vec<(
        String,
        &'static str,
        Option<CheckWorthiness>,
        Option<String>,
    )> {
        let document = Document::from_text("a.txt".into(), text.to_owned());
        suggest(&document, &AnnotationSet::new(), &Rules::built_in())
            .into_iter()
            .filter(|s| s.kind == Kind::Claim)
            .map(|s| {
                (
                    s.fragments[0].text.clone(),
                    s.rule,
                    s.check_worthiness,
                    s.speaker.map(|p| p.text),
                )
            })
            .collect()
    }

    #[test]
    fn checkable_sentences_are_claims_and_others_are_not() {
        use CheckWorthiness::{CheckWorthy, UnimportantFactual};
        let cases: &[(&str, Option<(&str, CheckWorthiness)>)] = &[
            (
                "Unemployment rose to 7.4 per cent, the highest level in a decade.",
                Some(("claim: a number compared", CheckWorthy)),
            ),
            (
                "The bridge cost the city €12 million to repair last year.",
                Some(("claim: a number", UnimportantFactual)),
            ),
            (
                "The town has never had a female mayor in its history.",
                Some(("claim: an absolute", UnimportantFactual)),
            ),
            (
                "The road was closed because the river burst its banks.",
                Some(("claim: a cause", UnimportantFactual)),
            ),
            ("The mayor thanked the volunteers for their help.", None),
            (
                "How many people live in the lower town today, exactly 300?",
                None,
            ),
            ("Turnout was 64%.", None),
            ("The meeting ended late in 2019 after long talks.", None),
        ];
        for (text, expected) in cases {
            let found = claims(text);
            match expected {
                Some((rule, worthiness)) => {
                    assert_eq!(found.len(), 1, "{text}: {found:?}");
                    assert_eq!(found[0].1, *rule, "{text}");
                    assert_eq!(found[0].2, Some(*worthiness), "{text}");
                }
                None => assert!(found.is_empty(), "{text}: {found:?}"),
            }
        }
    }

    #[test]
    fn a_claim_in_a_quote_is_the_quoted_part_with_the_speaker_as_claimant() {
        let found = claims(
            "“The wall will cost twice as much as the marsh, more than €40 million,” said Ana Ruiz.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            "The wall will cost twice as much as the marsh, more than €40 million,"
        );
        assert_eq!(found[0].3.as_deref(), Some("Ana Ruiz"));
    }
}
