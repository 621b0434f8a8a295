//! What a model sees of each word: the word and its neighbours, its shape, the punctuation
//! around it, whether it stands in quotation marks, the cue lexicon, and what the rules made of
//! it (their quotes, speakers and cues), and the cue words learned from the training articles,
//! all hashed.

use super::perceptron::FeatureHash;
use super::tags::{Part, Tag};
use crate::suggest::{Reading, Suggestion};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// How often a word was seen, and how often as (part of) a quote's cue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueCount {
    /// Times in a cue.
    pub in_cue: u32,
    /// Times in all.
    pub seen: u32,
}

/// The words of one article, each with how often it was seen and marked in a cue.
pub type ArticleCounts = HashMap<String, CueCount>;

/// The words people marked in quotes' cues, with how often they were seen and marked: a cue
/// lexicon learned from a team's own annotations ("indicates", "critical", "prefer").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CueWords(BTreeMap<String, CueCount>);

/// The fewest times a word must have been marked in a cue to count as a learned cue word.
const MIN_TIMES_IN_CUE: u32 = 2;

/// The fewest times a word must have been marked in a cue for the rules to read it as one.
const RULE_CUE_TIMES: u32 = 3;

/// The least share of a word's occurrences in cues for the rules to read it as one.
const RULE_CUE_SHARE: f32 = 0.3;

/// The least share of a word's occurrences in cues for it to stand for a cue in its sentence.
pub const CUE_SHARE: f32 = 0.15;

impl CueWords {
    /// The counts of the words of one article: every word seen, and the words of `cues`.
    pub fn of_article(reading: &Reading, cues: &[crate::model::CharSpan]) -> ArticleCounts {
        let mut counts = ArticleCounts::new();
        for word in &reading.words {
            counts.entry(word.lower.clone()).or_default().seen += 1;
        }
        for &cue in cues {
            for i in reading.words_in(cue) {
                counts
                    .entry(reading.words[i].lower.clone())
                    .or_default()
                    .in_cue += 1;
            }
        }
        counts
    }

    /// The cue words of articles counted by [`CueWords::of_article`]: those marked in a cue
    /// [`MIN_TIMES_IN_CUE`] times or more.
    pub fn of_articles<'a>(articles: impl IntoIterator<Item = &'a ArticleCounts>) -> Self {
        let mut total: BTreeMap<String, CueCount> = BTreeMap::new();
        for counts in articles {
            for (word, count) in counts {
                let sum = total.entry(word.clone()).or_default();
                sum.in_cue += count.in_cue;
                sum.seen += count.seen;
            }
        }
        total.retain(|_, count| count.in_cue >= MIN_TIMES_IN_CUE);
        Self(total)
    }

    /// The share of `word`'s occurrences that were in cues, leaving out those of `own` (the
    /// article being learned from, so that it does not tell on itself); none for a word too
    /// rarely marked.
    pub fn share(&self, word: &str, own: Option<&ArticleCounts>) -> Option<f32> {
        let total = self.0.get(word)?;
        let mine = own
            .and_then(|own| own.get(word))
            .copied()
            .unwrap_or_default();
        let in_cue = total.in_cue.saturating_sub(mine.in_cue);
        let seen = total.seen.saturating_sub(mine.seen);
        (in_cue >= MIN_TIMES_IN_CUE && seen > 0).then(|| in_cue as f32 / seen as f32)
    }

    /// The words marked in cues often enough, and in enough of the places they stand, for the
    /// rules to read them as cues ("endorsed", "wants").
    pub fn for_the_rules(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|(_, count)| {
                count.in_cue >= RULE_CUE_TIMES
                    && count.in_cue as f32 >= RULE_CUE_SHARE * count.seen as f32
            })
            .map(|(word, _)| word.clone())
            .collect()
    }

    /// How many words it has.
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }
}

/// A share of a word's occurrences in cues, in buckets.
fn share_bucket(share: Option<f32>) -> &'static str {
    match share {
        None => "-",
        Some(s) if s < 0.05 => "<.05",
        Some(s) if s < CUE_SHARE => "<.15",
        Some(s) if s < 0.4 => "<.4",
        Some(s) if s < 0.7 => "<.7",
        Some(_) => ">=.7",
    }
}

/// The FNV-1a hash of `bytes`: the same on every machine and in every version.
pub fn hash(text: &str) -> FeatureHash {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A feature named `kind` with `value`.
fn feature(kind: &str, value: &str) -> FeatureHash {
    hash(&format!("{kind}\u{1f}{value}"))
}

/// What is known of one word before its features are made.
struct WordFacts {
    lower: String,
    shape: &'static str,
    suffix: String,
    before: String,
    after: String,
    quoted: bool,
    cue: bool,
    participle: bool,
    according: bool,
    /// The rules' tag for the word (their quotes' content, speakers and cues).
    rule_tag: Tag,
    /// The rule that made the content the word is in.
    rule: &'static str,
    sentence_start: bool,
    sentence_end: bool,
    /// The nearest cue before the word in its sentence: how far, and the cue's first word.
    cue_before: Option<(usize, String)>,
    /// How far the nearest cue after the word in its sentence is.
    cue_after: Option<usize>,
    /// The share of the word's occurrences in the training articles that were in cues.
    cue_share: Option<f32>,
    /// The nearest learned cue word before the word in its sentence: how far, and the word.
    learned_cue_before: Option<(usize, String)>,
    /// How many words of its sentence come before the word, and after it.
    in_sentence: (usize, usize),
    /// How far the nearest learned cue word after it in its sentence is.
    learned_cue_after: Option<usize>,
    /// Between the nearest cue before the word and the word: the commas, and whether "that"
    /// follows the cue.
    clause_since_cue: Option<(usize, bool)>,
    /// The shape of the word before the nearest cue before it (its subject's, often).
    cue_subject: &'static str,
    /// Whether its sentence has quotation marks, and content of the rules.
    sentence_has: (bool, bool),
}

/// The words of an article read for a model: their paragraphs and the facts behind their
/// features.
pub struct Article {
    facts: Vec<WordFacts>,
    /// The words of each paragraph.
    pub paragraphs: Vec<Range<usize>>,
}

/// The word's shape: "Xx", "x", "X", "9", or "-" for the rest.
fn shape(word: &str) -> &'static str {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return "-";
    };
    if word
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        "9"
    } else if word.chars().all(char::is_uppercase) {
        "X"
    } else if first.is_uppercase() {
        "Xx"
    } else if first.is_lowercase() {
        "x"
    } else {
        "-"
    }
}

/// The punctuation in `chars` (spaces left out, a line break as ¶), at most four chars.
fn punctuation(chars: &[char]) -> String {
    chars
        .iter()
        .filter(|c| !c.is_whitespace() || **c == '\n')
        .map(|&c| if c == '\n' { '¶' } else { c })
        .take(4)
        .collect()
}

impl Article {
    /// Reads `reading`, with the rules' quote suggestions `rules` and the learned `cues`
    /// (those of the article itself, `own`, left out when it is being learned from).
    pub fn read(
        reading: &Reading,
        rules: &[Suggestion],
        cues: &CueWords,
        own: Option<&ArticleCounts>,
    ) -> Self {
        let words = &reading.words;
        let marks = crate::suggest::quotes::inside_marks(&reading.chars);
        let rule_tags = rule_tags(reading, rules);
        let sentence_of = sentence_numbers(reading);
        let sentence_words = sentence_ranges(&sentence_of);
        let cue_at: Vec<bool> = (0..words.len())
            .map(|i| reading.phrase_at(&reading.cues, i, words.len()) > 0)
            .collect();
        let cue_share: Vec<Option<f32>> = words.iter().map(|w| cues.share(&w.lower, own)).collect();
        let learned_cue: Vec<bool> = cue_share
            .iter()
            .map(|s| s.is_some_and(|s| s >= CUE_SHARE))
            .collect();
        let commas = comma_counts(reading);
        let shapes: Vec<&'static str> =
            words.iter().map(|w| shape(&reading.text(w.span))).collect();
        let quoted_at: Vec<bool> = words
            .iter()
            .map(|w| marks.get(w.span.start.0).copied().unwrap_or(false))
            .collect();
        // Gathered at each sentence's first word, in one pass.
        let mut at_sentence_start = vec![(false, false); words.len()];
        for i in 0..words.len() {
            let flags = &mut at_sentence_start[sentence_words[i].start];
            flags.0 |= quoted_at[i];
            flags.1 |= rule_tags[i].0.part() == Some(Part::Content);
        }
        let sentence_has: Vec<(bool, bool)> = sentence_words
            .iter()
            .map(|range| at_sentence_start[range.start])
            .collect();
        let mut facts = Vec::with_capacity(words.len());
        let mut paragraphs = Vec::new();
        let mut paragraph_start = 0;
        for (i, word) in words.iter().enumerate() {
            let gap_start = i.checked_sub(1).map_or(0, |p| words[p].span.end.0);
            let gap_end = words
                .get(i + 1)
                .map_or(reading.chars.len(), |n| n.span.start.0);
            let before = &reading.chars[gap_start..word.span.start.0];
            if i > 0 && before.contains(&'\n') {
                paragraphs.push(paragraph_start..i);
                paragraph_start = i;
            }
            let same_sentence = |j: usize| sentence_of[j] == sentence_of[i];
            let lower = word.lower.clone();
            let suffix: String = {
                let chars: Vec<char> = lower.chars().collect();
                chars[chars.len().saturating_sub(3)..].iter().collect()
            };
            let cue_before = (0..i)
                .rev()
                .take_while(|&j| same_sentence(j))
                .find(|&j| cue_at[j]);
            facts.push(WordFacts {
                shape: shapes[i],
                suffix,
                before: punctuation(before),
                after: punctuation(&reading.chars[word.span.end.0..gap_end]),
                quoted: quoted_at[i],
                cue: cue_at[i],
                participle: reading.phrase_at(&reading.participles, i, words.len()) > 0,
                according: reading.phrase_at(&reading.before_source, i, words.len()) > 0,
                rule_tag: rule_tags[i].0,
                rule: rule_tags[i].1,
                sentence_start: i == 0 || !same_sentence(i - 1),
                sentence_end: i + 1 == words.len() || !same_sentence(i + 1),
                cue_before: cue_before.map(|j| (i - j, words[j].lower.clone())),
                clause_since_cue: cue_before.map(|j| {
                    let that = j + 1 < i && words[j + 1].lower == "that";
                    (commas[i] - commas[j], that)
                }),
                cue_subject: cue_before
                    .and_then(|j| j.checked_sub(1))
                    .filter(|&k| same_sentence(k))
                    .map_or("-", |k| shapes[k]),
                sentence_has: sentence_has[i],
                cue_after: (i + 1..words.len())
                    .take_while(|&j| same_sentence(j))
                    .find(|&j| cue_at[j])
                    .map(|j| j - i),
                cue_share: cue_share[i],
                learned_cue_before: (0..i)
                    .rev()
                    .take_while(|&j| same_sentence(j))
                    .find(|&j| learned_cue[j])
                    .map(|j| (i - j, words[j].lower.clone())),
                in_sentence: (i - sentence_words[i].start, sentence_words[i].end - i - 1),
                learned_cue_after: (i + 1..words.len())
                    .take_while(|&j| same_sentence(j))
                    .find(|&j| learned_cue[j])
                    .map(|j| j - i),
                lower,
            });
        }
        if !words.is_empty() {
            paragraphs.push(paragraph_start..words.len());
        }
        Self { facts, paragraphs }
    }

    /// The share of word `i`'s occurrences in the training articles that were in cues.
    pub fn cue_share(&self, i: usize) -> Option<f32> {
        self.facts.get(i).and_then(|f| f.cue_share)
    }

    /// True when word `i` ends its sentence.
    pub fn ends_sentence(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.sentence_end)
    }

    /// True when word `i` stands inside quotation marks.
    pub fn quoted(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.quoted)
    }

    /// The hashed features of the words of `paragraph`.
    pub fn features(&self, paragraph: Range<usize>) -> Vec<Vec<FeatureHash>> {
        paragraph
            .clone()
            .map(|i| self.features_of(i, &paragraph))
            .collect()
    }

    fn features_of(&self, i: usize, paragraph: &Range<usize>) -> Vec<FeatureHash> {
        let at = |offset: isize| {
            let j = i as isize + offset;
            (j >= paragraph.start as isize && j < paragraph.end as isize)
                .then(|| &self.facts[j as usize])
        };
        let word = &self.facts[i];
        let rule_tag = format!("{:?}", word.rule_tag);
        let flag = |b: bool| if b { "1" } else { "0" };
        let mut out = vec![
            feature("bias", ""),
            feature("w", &word.lower),
            feature("shape", word.shape),
            feature("suffix", &word.suffix),
            feature("before", &word.before),
            feature("after", &word.after),
            feature("quoted", flag(word.quoted)),
            feature("cue", flag(word.cue)),
            feature("participle", flag(word.participle)),
            feature("according", flag(word.according)),
            feature("rule tag", &rule_tag),
            feature("rule", word.rule),
            feature(
                "rule tag, quoted",
                &format!("{rule_tag}{}", flag(word.quoted)),
            ),
            feature("w, rule tag", &format!("{}|{rule_tag}", word.lower)),
            feature("sentence start", flag(word.sentence_start)),
            feature("sentence end", flag(word.sentence_end)),
            feature(
                "cue in sentence",
                &format!(
                    "{}|{}",
                    distance(word.cue_before.as_ref().map(|c| c.0)),
                    distance(word.cue_after)
                ),
            ),
            feature("cue before", &nearest_cue(word.cue_before.as_ref())),
            feature(
                "cue before, rule tag",
                &format!(
                    "{}|{rule_tag}",
                    distance(word.cue_before.as_ref().map(|c| c.0))
                ),
            ),
            feature("learned cue", share_bucket(word.cue_share)),
            feature(
                "learned cue in sentence",
                &format!(
                    "{}|{}",
                    distance(word.learned_cue_before.as_ref().map(|c| c.0)),
                    distance(word.learned_cue_after)
                ),
            ),
            feature(
                "learned cue before, rule tag",
                &format!(
                    "{}|{rule_tag}",
                    distance(word.learned_cue_before.as_ref().map(|c| c.0))
                ),
            ),
            feature(
                "learned cue before",
                &nearest_cue(word.learned_cue_before.as_ref()),
            ),
            feature(
                "in sentence",
                &format!(
                    "{}|{}",
                    distance(Some(word.in_sentence.0)),
                    distance(Some(word.in_sentence.1))
                ),
            ),
        ];
        if let Some((commas, that)) = word.clause_since_cue {
            out.push(feature(
                "clause since cue",
                &format!("{}|{}|{rule_tag}", commas.min(3), flag(that)),
            ));
        }
        out.push(feature(
            "cue subject",
            &format!(
                "{}|{}",
                word.cue_subject,
                distance(word.cue_before.as_ref().map(|c| c.0))
            ),
        ));
        out.push(feature(
            "sentence has",
            &format!(
                "{}{}{}",
                flag(word.sentence_has.0),
                flag(word.sentence_has.1),
                flag(word.quoted)
            ),
        ));
        for offset in [-3isize, 3] {
            if let Some(other) = at(offset) {
                out.push(feature(&format!("w{offset:+}"), &other.lower));
            }
        }
        for offset in [-2isize, -1, 1, 2] {
            let name = |kind: &str| format!("{kind}{offset:+}");
            match at(offset) {
                Some(other) => {
                    out.push(feature(&name("w"), &other.lower));
                    out.push(feature(&name("shape"), other.shape));
                    out.push(feature(&name("suffix"), &other.suffix));
                    out.push(feature(&name("cue"), flag(other.cue)));
                    out.push(feature(&name("rule tag"), &format!("{:?}", other.rule_tag)));
                    out.push(feature(&name("quoted"), flag(other.quoted)));
                    out.push(feature(&name("learned cue"), share_bucket(other.cue_share)));
                }
                None => out.push(feature(&name("edge"), "")),
            }
        }
        if let Some(previous) = at(-1) {
            out.push(feature(
                "shape-1, suffix",
                &format!("{}|{}|{}", previous.shape, previous.cue, word.suffix),
            ));
            out.push(feature(
                "w-1, suffix",
                &format!("{}|{}", previous.lower, word.suffix),
            ));
            out.push(feature(
                "w-1, w",
                &format!("{}|{}", previous.lower, word.lower),
            ));
        }
        if let Some(next) = at(1) {
            out.push(feature("w, w+1", &format!("{}|{}", word.lower, next.lower)));
            out.push(feature(
                "suffix, w+1",
                &format!("{}|{}", word.suffix, next.lower),
            ));
        }
        out
    }
}

/// A cue near a word, as a feature's value: "said|2", or nothing for none.
fn nearest_cue(cue: Option<&(usize, String)>) -> String {
    cue.map_or(String::new(), |(far, cue)| {
        format!("{cue}|{}", distance(Some(*far)))
    })
}

/// A distance in words, in buckets: "1", "2", "3", "4-6", "7-12", "13+", or "-" for none.
fn distance(words: Option<usize>) -> &'static str {
    match words {
        None => "-",
        Some(0..=1) => "1",
        Some(2) => "2",
        Some(3) => "3",
        Some(4..=6) => "4-6",
        Some(7..=12) => "7-12",
        Some(_) => "13+",
    }
}

/// How many commas stand after each word's start, counted from the article's start (the
/// difference of two counts is the commas between two words).
fn comma_counts(reading: &Reading) -> Vec<usize> {
    let mut count = 0;
    let mut counts = Vec::with_capacity(reading.words.len());
    for (i, word) in reading.words.iter().enumerate() {
        counts.push(count);
        let gap_end = reading
            .words
            .get(i + 1)
            .map_or(reading.chars.len(), |n| n.span.start.0);
        count += reading.chars[word.span.end.0..gap_end]
            .iter()
            .filter(|&&c| c == ',')
            .count();
    }
    counts
}

/// The sentence each word is in, by number.
fn sentence_numbers(reading: &Reading) -> Vec<usize> {
    let mut numbers = vec![0; reading.words.len()];
    for (n, sentence) in reading.sentences.iter().enumerate() {
        let range = reading.words_in(*sentence);
        numbers[range].fill(n + 1);
    }
    numbers
}

/// The words of the run of equal numbers each of `numbers` stands in (the words of its
/// sentence), in one pass each way.
fn sentence_ranges(numbers: &[usize]) -> Vec<Range<usize>> {
    let mut starts = vec![0; numbers.len()];
    for i in 1..numbers.len() {
        starts[i] = if numbers[i] == numbers[i - 1] {
            starts[i - 1]
        } else {
            i
        };
    }
    let mut ends = vec![numbers.len(); numbers.len()];
    for i in (0..numbers.len().saturating_sub(1)).rev() {
        ends[i] = if numbers[i] == numbers[i + 1] {
            ends[i + 1]
        } else {
            i + 1
        };
    }
    starts.into_iter().zip(ends).map(|(a, b)| a..b).collect()
}

/// The rules' tag of each word, and the rule of the quote it is content of.
fn rule_tags(reading: &Reading, rules: &[Suggestion]) -> Vec<(Tag, &'static str)> {
    let mut tags = vec![(Tag::Outside, ""); reading.words.len()];
    let mut mark = |span: crate::model::CharSpan, part: Part, rule: &'static str| {
        let range = reading.words_in(span);
        for (k, i) in range.enumerate() {
            let tag = if k == 0 {
                Tag::begin(part)
            } else {
                Tag::inside(part)
            };
            tags[i] = (tag, rule);
        }
    };
    for suggestion in rules {
        for piece in &suggestion.fragments {
            mark(piece.span, Part::Content, suggestion.rule);
        }
        if let Some(speaker) = &suggestion.speaker {
            mark(speaker.span, Part::Source, "");
        }
        if let Some(cue) = &suggestion.cue {
            mark(cue.span, Part::Cue, "");
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_punctuation_read_as_expected() {
        let cases = [
            ("Ilse", "Xx"),
            ("said", "x"),
            ("NATO", "X"),
            ("1,200", "9"),
            ("’s", "-"),
        ];
        for (word, expected) in cases {
            assert_eq!(shape(word), expected, "{word}");
        }
        let gaps: [(&str, &str); 3] = [(", “", ",“"), (" ", ""), (".\n\n“", ".¶¶“")];
        for (gap, expected) in gaps {
            let chars: Vec<char> = gap.chars().collect();
            assert_eq!(punctuation(&chars), expected, "{gap:?}");
        }
    }

    #[test]
    fn a_word_is_a_cue_word_by_the_share_of_its_times_in_cues_leaving_out_its_own_article() {
        let count = |in_cue, seen| CueCount { in_cue, seen };
        let first: ArticleCounts = [
            ("said".to_owned(), count(3, 4)),
            ("mused".to_owned(), count(1, 1)),
            ("the".to_owned(), count(1, 50)),
        ]
        .into();
        let second: ArticleCounts = [
            ("said".to_owned(), count(5, 5)),
            ("mused".to_owned(), count(1, 2)),
            ("harbour".to_owned(), count(0, 3)),
        ]
        .into();
        let cues = CueWords::of_articles([&first, &second]);
        let cases: [(&str, Option<&ArticleCounts>, Option<f32>); 6] = [
            ("said", None, Some(8.0 / 9.0)),
            ("said", Some(&first), Some(1.0)),
            ("mused", None, Some(2.0 / 3.0)),
            // Marked once outside its own article: too rare to tell.
            ("mused", Some(&first), None),
            // Marked once in all: not kept.
            ("the", None, None),
            ("harbour", None, None),
        ];
        for (word, own, share) in cases {
            assert_eq!(cues.share(word, own), share, "{word} {own:?}");
        }
        assert_eq!(cues.len(), 2);
        let buckets = [
            (None, "-"),
            (Some(0.01), "<.05"),
            (Some(0.3), "<.4"),
            (Some(0.9), ">=.7"),
        ];
        for (share, bucket) in buckets {
            assert_eq!(share_bucket(share), bucket, "{share:?}");
        }
    }

    #[test]
    fn each_word_knows_the_words_of_its_sentence() {
        let cases: [(&[usize], &[Range<usize>]); 4] = [
            (&[], &[]),
            (&[1, 2], &[0..1, 1..2]),
            (&[1, 1, 2], &[0..2, 0..2, 2..3]),
            (&[0, 1, 1, 1, 0], &[0..1, 1..4, 1..4, 1..4, 4..5]),
        ];
        for (numbers, expected) in cases {
            assert_eq!(sentence_ranges(numbers), expected, "{numbers:?}");
        }
    }

    #[test]
    fn feature_hashes_are_stable() {
        // The model file depends on them: a change here needs a new model version.
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
