//! Entity suggestions: further mentions of the names the set already has, and capitalised
//! names with a type guessed from the words around them.

use super::{Reading, Suggestion};
use crate::model::{AnnotationSet, Attributes, CharSpan, Kind};
use std::collections::BTreeMap;

/// Words before a name that make it a person's.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "lady",
    "lord",
    "mayor",
    "president",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "minister",
    "councillor",
    "councilor",
    "judge",
    "general",
    "captain",
    "father",
    "sister",
    "king",
    "queen",
    "prince",
    "princess",
    "madame",
    "monsieur",
    "herr",
    "frau",
    "señor",
    "señora",
];

/// Words in a name that make it an organisation's.
const ORGANISATION_WORDS: &[&str] = &[
    "council",
    "agency",
    "party",
    "ministry",
    "department",
    "university",
    "association",
    "company",
    "inc",
    "corp",
    "ltd",
    "bank",
    "committee",
    "commission",
    "board",
    "club",
    "union",
    "office",
    "service",
    "institute",
    "foundation",
    "court",
    "police",
    "army",
    "government",
    "parliament",
    "congress",
    "senate",
    "group",
    "news",
    "times",
    "post",
];

/// Words before a name that make it a place.
const PLACE_WORDS: &[&str] = &["in", "from", "near", "across", "to", "at"];

/// Capitalised words that are no names on their own.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "i",
    "it",
    "he",
    "she",
    "we",
    "they",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "as",
    "in",
    "on",
    "at",
    "for",
    "with",
    "after",
    "before",
    "there",
    "here",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "what",
    "who",
    "why",
    "how",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "by",
    "its",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "according",
    "so",
    "yet",
    "then",
    "now",
];

/// Entity suggestions for `reading`, not overlapping an annotated entity of `set`.
pub(super) fn entities(
    reading: &Reading,
    set: &AnnotationSet,
    gazetteer: &super::gazetteer::Gazetteer,
    learned: &super::gazetteer::Gazetteer,
) -> Vec<Suggestion> {
    let mut out = further_mentions(reading, set);
    let taken: Vec<CharSpan> = out.iter().map(Suggestion::extent).collect();
    out.extend(
        super::gazetteer::mentions(reading, gazetteer)
            .into_iter()
            .filter(|s| !taken.iter().any(|t| overlaps(*t, s.extent()))),
    );
    // The names learned from the team's articles: their type, and no identity of the team's.
    let taken: Vec<CharSpan> = out.iter().map(Suggestion::extent).collect();
    out.extend(
        super::gazetteer::mentions(reading, learned)
            .into_iter()
            .filter(|s| !taken.iter().any(|t| overlaps(*t, s.extent())))
            .map(|s| Suggestion {
                rule: super::learn::LEARNED_NAME_RULE,
                confidence: 0.8,
                identity: None,
                ..s
            }),
    );
    let taken: Vec<CharSpan> = out.iter().map(Suggestion::extent).collect();
    out.extend(
        names(reading)
            .into_iter()
            .filter(|s| !taken.iter().any(|t| overlaps(*t, s.extent()))),
    );
    out.retain(|s| {
        !set.overlapping(s.extent())
            .any(|a| a.kind() == Kind::Entity)
    });
    out
}

fn overlaps(a: CharSpan, b: CharSpan) -> bool {
    a.start < b.end && b.start < a.end
}

/// An annotated name as its words, with its entity type.
type Named<'a> = (&'a Vec<String>, &'a Option<String>);

/// Every other whole-word occurrence of an annotated entity's text, typed like it.
fn further_mentions(reading: &Reading, set: &AnnotationSet) -> Vec<Suggestion> {
    let mut names: BTreeMap<Vec<String>, Option<String>> = BTreeMap::new();
    for annotation in set.anchored() {
        if let Attributes::Entity(e) = &annotation.attributes {
            let words: Vec<String> = annotation
                .text
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            if !words.is_empty() {
                names.entry(words).or_insert_with(|| e.entity_type.clone());
            }
        }
    }
    // By first word, so that a book with thousands of names is read once.
    let mut by_first: std::collections::HashMap<&str, Vec<Named<'_>>> =
        std::collections::HashMap::new();
    for (name, entity_type) in &names {
        by_first
            .entry(name[0].as_str())
            .or_default()
            .push((name, entity_type));
    }
    let mut out = Vec::new();
    for (i, word) in reading.words.iter().enumerate() {
        let Some(candidates) = by_first.get(reading.text(word.span).as_str()) else {
            continue;
        };
        for (name, entity_type) in candidates {
            let matches = name.iter().enumerate().all(|(k, part)| {
                reading
                    .words
                    .get(i + k)
                    .is_some_and(|w| reading.text(w.span) == *part)
            });
            if matches {
                let span =
                    CharSpan::between(word.span.start, reading.words[i + name.len() - 1].span.end);
                out.push(entity(
                    reading,
                    span,
                    (*entity_type).clone(),
                    0.9,
                    "another mention of an annotated name",
                ));
            }
        }
    }
    out
}

fn entity(
    reading: &Reading,
    span: CharSpan,
    entity_type: Option<String>,
    confidence: f32,
    rule: &'static str,
) -> Suggestion {
    Suggestion {
        kind: Kind::Entity,
        fragments: vec![reading.piece(span)],
        confidence,
        rule,
        speaker: None,
        cue: None,
        mode: None,
        entity_type,
        check_worthiness: None,
        identity: None,
        antecedent: None,
    }
}

/// Runs of capitalised words ("Ilse Brandt", "Bank of England"), not a lone word opening a
/// sentence, typed PERSON after an honorific, ORG with an organisation word, LOCATION after a
/// preposition of place.
fn names(reading: &Reading) -> Vec<Suggestion> {
    if !reading.capitals_mark_names {
        return Vec::new();
    }
    let starts: std::collections::BTreeSet<usize> = reading
        .sentences
        .iter()
        .map(|s| reading.words_in(*s).start)
        .collect();
    let words = &reading.words;
    let headline = headline_words(reading);
    let capital = |i: usize| {
        words[i].capital
            && !NOT_NAMES.contains(&words[i].lower.as_str())
            && !HEADINGS.contains(&words[i].lower.as_str())
            && !is_roman_numeral(&reading.text(words[i].span))
            && !headline[i]
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !capital(i) || HONORIFICS.contains(&words[i].lower.as_str()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        // "Bank of England": a small word between capitals.
        while end < words.len() && reading_adjacent(reading, end - 1) {
            if capital(end) {
                end += 1;
            } else if ["of", "de", "van", "von", "der", "la", "le", "du", "del"]
                .contains(&words[end].lower.as_str())
                && end + 1 < words.len()
                && capital(end + 1)
                && reading_adjacent(reading, end)
            {
                end += 2;
            } else {
                break;
            }
        }
        i = end;
        let lone_opener = end - start == 1 && starts.contains(&start);
        let previous = start.checked_sub(1).map(|p| words[p].lower.as_str());
        let honorific = previous.is_some_and(|p| HONORIFICS.contains(&p));
        if lone_opener && !honorific {
            continue;
        }
        let organisation = words[start..end]
            .iter()
            .any(|w| ORGANISATION_WORDS.contains(&w.lower.as_str()));
        let place = previous.is_some_and(|p| PLACE_WORDS.contains(&p));
        let (entity_type, confidence) = if honorific {
            (Some("PERSON"), 0.7)
        } else if organisation {
            (Some("ORG"), 0.7)
        } else if place {
            (Some("LOCATION"), 0.6)
        } else if end - start >= 2 {
            (None, 0.5)
        } else {
            (None, 0.4)
        };
        let span = name_span(reading, start, end);
        out.push(entity(
            reading,
            span,
            entity_type.map(str::to_owned),
            confidence,
            "a capitalised name",
        ));
    }
    out
}

/// Words that head a part of a book or report, never a name ("CHAPTER II", "Book One").
const HEADINGS: &[&str] = &[
    "chapter", "book", "part", "section", "volume", "epilogue", "prologue", "appendix",
];

/// True for a Roman numeral of I, V, X and L in capitals ("II", "XIV"), as chapters are
/// numbered ("DC" and "MD" stay names).
fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word.chars().count() <= 8
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
        && word != "I"
}

/// Words that only title case capitalises inside a line.
const TITLE_CASE_TELLS: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "will", "would", "says", "said", "has", "have",
    "had", "won't", "won’t", "can", "could", "not", "over", "after", "with", "from", "into",
    "than", "about", "against", "could", "should", "may", "must",
];

/// For each word, whether it stands in a headline: a line of 4 to 25 words in title case (a
/// capitalised verb or small word past the first), most of whose longer words are capitalised ("Pence: Flowers Won't Be at Debate"), where capitals mark no
/// names.
fn headline_words(reading: &Reading) -> Vec<bool> {
    let mut headline = vec![false; reading.words.len()];
    let mut line_start = 0;
    for end in 0..=reading.chars.len() {
        if end < reading.chars.len() && reading.chars[end] != '\n' {
            continue;
        }
        let range = reading.words_in(CharSpan::between(
            crate::model::CharOffset(line_start),
            crate::model::CharOffset(end),
        ));
        let longer: Vec<&super::text::Word> = reading.words[range.clone()]
            .iter()
            .filter(|w| w.lower.chars().count() >= 4)
            .collect();
        let capitals = longer.iter().filter(|w| w.capital).count();
        // Title case gives itself away by a capitalised verb or small word past the first
        // ("… Won't Be at …", "… Was …"), which prose never capitalises.
        let titled = range.len() <= 25
            && reading.words[range.clone()]
                .iter()
                .skip(1)
                .any(|w| w.capital && TITLE_CASE_TELLS.contains(&w.lower.as_str()));
        if titled && range.len() >= 4 && longer.len() >= 3 && capitals * 10 >= longer.len() * 6 {
            headline[range].fill(true);
        }
        line_start = end + 1;
    }
    headline
}

/// True when word `i` and the next are separated by one space, or are an initial and what
/// follows it ("U.S.", "Donald J. Trump").
fn reading_adjacent(reading: &Reading, i: usize) -> bool {
    let (Some(a), Some(b)) = (reading.words.get(i), reading.words.get(i + 1)) else {
        return false;
    };
    let gap = &reading.chars[a.span.end.0..b.span.start.0];
    gap == [' '] || (is_initial(reading, i) && (gap == ['.'] || gap == ['.', ' ']))
}

/// True when word `i` is one capital letter.
fn is_initial(reading: &Reading, i: usize) -> bool {
    let span = reading.words[i].span;
    span.len() == 1 && reading.chars[span.start.0].is_uppercase()
}

/// The name of words `start..end`: with the full stop of a closing initial ("U.S."), without a
/// possessive ("Maricopa County's").
fn name_span(reading: &Reading, start: usize, end: usize) -> CharSpan {
    let last = reading.words[end - 1].span;
    let mut to = last.end.0;
    if is_initial(reading, end - 1) && reading.chars.get(to) == Some(&'.') {
        to += 1;
    }
    let text = &reading.chars[last.start.0..to];
    if text.len() > 2 && matches!(text[text.len() - 2..], ['\'' | '’', 's']) {
        to -= 2;
    }
    CharSpan::between(
        reading.words[start].span.start,
        crate::model::CharOffset(to),
    )
}
