//! The article as the suggester reads it: words with their char offsets, sentences, and the
//! noun phrase next to a cue. No parser: punctuation, capitals and a cue lexicon.

use crate::model::CharSpan;

/// A word: a run of letters, digits, apostrophes and hyphens, with its char span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Where it is.
    pub span: CharSpan,
    /// Its text, lower case.
    pub lower: String,
    /// True when it starts with a capital letter.
    pub capital: bool,
}

/// Splits `chars` into words.
pub fn words(chars: &[char]) -> Vec<Word> {
    let in_word = |i: usize| {
        let c = chars[i];
        c.is_alphanumeric()
            || (matches!(c, '\'' | '’' | '-')
                && i > 0
                && i + 1 < chars.len()
                && chars[i - 1].is_alphanumeric()
                && chars[i + 1].is_alphanumeric())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !in_word(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && in_word(i) {
            i += 1;
        }
        let text: String = chars[start..i].iter().collect();
        out.push(Word {
            span: CharSpan::between(crate::model::CharOffset(start), crate::model::CharOffset(i)),
            capital: text.chars().next().is_some_and(char::is_uppercase),
            lower: text.to_lowercase(),
        });
    }
    out
}

/// Abbreviations whose full stop ends no sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "jan",
    "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "no", "vs", "etc", "inc",
    "corp", "jr", "sr", "u.s", "u.k", "e.g", "i.e",
];

/// Sentences as char spans: ended by `.`, `!` or `?` (and closing marks after them) before a
/// space, or by a line break; an abbreviation's or an initial's full stop ends none, nor does
/// one before a word in lower case.
pub fn sentences(chars: &[char]) -> Vec<CharSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<CharSpan>, a: usize, b: usize| {
        let (mut a, mut b) = (a, b);
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        if a < b {
            out.push(CharSpan::between(
                crate::model::CharOffset(a),
                crate::model::CharOffset(b),
            ));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' || c == '\r' {
            push(&mut out, start, i);
            start = i + 1;
        } else if matches!(c, '.' | '!' | '?') {
            let mut end = i + 1;
            while end < chars.len() && is_closing_mark(chars[end]) {
                end += 1;
            }
            let followed = end >= chars.len() || chars[end].is_whitespace();
            let not_an_end =
                c == '.' && (abbreviation_before(chars, i) || lower_case_after(chars, end));
            if followed && !not_an_end {
                push(&mut out, start, end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, chars.len());
    out
}

/// True when the next word after `at` (past spaces, not a line break) starts in lower case: the
/// full stop before it ends an abbreviation ("the U.N. sanctions", "approx. two"), not a
/// sentence.
fn lower_case_after(chars: &[char], at: usize) -> bool {
    chars[at..]
        .iter()
        .find(|c| **c != ' ' && **c != '\t')
        .is_some_and(|c| c.is_lowercase())
}

/// True when the full stop at `dot` ends an abbreviation or an initial ("Mr.", "J."), not a sentence.
pub fn abbreviation_before(chars: &[char], dot: usize) -> bool {
    let mut start = dot;
    while start > 0 && (chars[start - 1].is_alphabetic() || chars[start - 1] == '.') {
        start -= 1;
    }
    let word: String = chars[start..dot].iter().collect::<String>().to_lowercase();
    (word.chars().count() == 1 && chars[start].is_uppercase())
        || ABBREVIATIONS.contains(&word.as_str())
}

/// Marks that close a quotation.
pub fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '»' | '«' | '›' | '‹' | '」' | '』' | '“'
    )
}

/// Marks that open a quotation.
pub fn is_opening_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '"' | '\'' | '„' | '‚' | '«' | '»' | '‹' | '›' | '「' | '『'
    )
}

/// Words that can open a speaker's noun phrase without a capital.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "one",
    "two",
    "some",
    "several",
    "many",
    "she",
    "he",
    "they",
    "it",
    "we",
    "i",
    "sources",
    "officials",
    "experts",
    "critics",
    "analysts",
    "police",
    "residents",
    "aides",
    "advisers",
    "advisors",
    "supporters",
    "others",
    // The articles of the other languages the cue lexicon has.
    "le",
    "la",
    "les",
    "un",
    "une",
    "der",
    "die",
    "das",
    "ein",
    "eine",
    "el",
    "los",
    "las",
    "het",
    "een",
    "de",
    "elle",
    "il",
    "sie",
    "er",
    "ella",
    "él",
    "zij",
    "hij",
];

/// Words a speaker's phrase never holds: they start a clause or a preposition phrase.
const STOPS: &[&str] = &[
    "that", "and", "but", "or", "if", "when", "because", "while", "in", "on", "at", "to", "for",
    "with", "from", "by", "of", "about", "after", "before", "as", "is", "was", "are", "were",
    "has", "have", "had", "will", "would", "not", "also", "this", "there", "who", "which", "then",
    "so",
];

/// The most words a speaker's phrase has ("Republican presidential nominee Donald J. Trump").
pub const MAX_SPEAKER_WORDS: usize = 8;

/// The most words of a speaker's phrase that joins names or adds where they belong ("a
/// spokeswoman for the Commission on Presidential Debates", "Mr. Grassley and Mr. Leahy").
const MAX_JOINED_SPEAKER_WORDS: usize = 9;

/// Words that may join the parts of a speaker's phrase, inside it (never first or last).
const JOINERS: &[&str] = &["and", "of", "for", "on", "at", "in", "from", "with", "to"];

/// The speaker's phrase made of `words[range]` (next to a cue), if it reads as one: a few
/// words, opened by a capital, a determiner or a pronoun, none of them a clause word; a few
/// more when joined by "and" or a preposition of belonging inside it.
pub fn speaker_phrase(words: &[Word]) -> Option<CharSpan> {
    let first = words.first()?;
    let last = words.last()?;
    let joined =
        |i: usize, w: &Word| i > 0 && i + 1 < words.len() && JOINERS.contains(&w.lower.as_str());
    let joins = words
        .iter()
        .enumerate()
        .filter(|(i, w)| joined(*i, w))
        .count();
    let most = if joins > 0 {
        MAX_JOINED_SPEAKER_WORDS
    } else {
        MAX_SPEAKER_WORDS
    };
    if words.len() > most
        || words
            .iter()
            .enumerate()
            .any(|(i, w)| STOPS.contains(&w.lower.as_str()) && !joined(i, w))
        || !(first.capital
            || OPENERS.contains(&first.lower.as_str())
            || PEOPLE.contains(&last.lower.as_str()))
    {
        return None;
    }
    Some(CharSpan::between(first.span.start, last.span.end))
}

/// Nouns of people that head a speaker's phrase without a capital or a determiner ("former
/// officials", "campaign aides", "46 percent of voters").
const PEOPLE: &[&str] = &[
    "officials",
    "official",
    "experts",
    "sources",
    "aides",
    "advisers",
    "analysts",
    "critics",
    "voters",
    "lawyers",
    "attorneys",
    "investigators",
    "prosecutors",
    "lawmakers",
    "legislators",
    "democrats",
    "republicans",
    "economists",
    "researchers",
    "scientists",
    "strategists",
    "activists",
    "observers",
    "witnesses",
    "authorities",
    "officers",
    "leaders",
    "members",
    "people",
    "staffers",
    "donors",
    "organizers",
    "executives",
    "diplomats",
    "historians",
    "pollsters",
    "respondents",
    "insiders",
    "allies",
    "opponents",
    "backers",
    "supporters",
    "residents",
    "americans",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "delegates",
    "conservatives",
    "liberals",
    "progressives",
    "participants",
    "employees",
    "workers",
    "students",
    "parents",
    "doctors",
    "agents",
    "police",
];

/// The source's phrase after "according to" (`words`): any short phrase without a clause
/// word ("exit polls", "the Federal Bureau of Prisons").
pub fn source_phrase(words: &[Word]) -> Option<CharSpan> {
    let first = words.first()?;
    let last = words.last()?;
    let clause = |w: &Word| CLAUSE_WORDS.contains(&w.lower.as_str());
    if words.len() > MAX_JOINED_SPEAKER_WORDS || words.iter().any(clause) {
        return None;
    }
    Some(CharSpan::between(first.span.start, last.span.end))
}

/// Words that open or make a clause: never in a source's phrase.
const CLAUSE_WORDS: &[&str] = &[
    "that", "if", "when", "because", "while", "is", "was", "are", "were", "has", "have", "had",
    "will", "would", "not", "who", "which", "then", "so",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, spans: &[CharSpan]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        spans
            .iter()
            .map(|s| chars[s.start.0..s.end.0].iter().collect())
            .collect()
    }

    #[test]
    fn sentences_end_at_stops_but_not_after_abbreviations() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two!", &["One.", "Two!"]),
            (
                "Mr. Lind said so. Then he left.",
                &["Mr. Lind said so.", "Then he left."],
            ),
            ("“We wait.” She left.", &["“We wait.”", "She left."]),
            (
                "On Sept. 11 it rained.\nNext line",
                &["On Sept. 11 it rained.", "Next line"],
            ),
            (
                "New U.N. sanctions came. They bit.",
                &["New U.N. sanctions came.", "They bit."],
            ),
            (
                "Donald J. Trump spoke. 3.5 percent.",
                &["Donald J. Trump spoke.", "3.5 percent."],
            ),
        ];
        for (text, expected) in cases {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(texts(text, &sentences(&chars)), *expected, "{text}");
        }
    }

    #[test]
    fn a_speaker_is_a_short_phrase_opened_by_a_capital_or_a_determiner() {
        let cases = [
            ("Ilse Brandt", true),
            ("the harbour master", true),
            ("she", true),
            ("sources", true),
            ("tired of waiting", false),
            ("the council that voted", false),
            ("a very long phrase nine words written right here", false),
            ("Mr. Grassley and Mr. Leahy", true),
            ("A spokeswoman for Hillary Clinton", true),
            (
                "the Commission on Presidential Debates of the United States",
                true,
            ),
            ("a far too long phrase of ten words in it here", false),
            ("and the mayor", false),
            ("the mayor and", false),
        ];
        for (phrase, speaks) in cases {
            let chars: Vec<char> = phrase.chars().collect();
            assert_eq!(speaker_phrase(&words(&chars)).is_some(), speaks, "{phrase}");
        }
    }

    #[test]
    fn a_source_after_according_to_needs_no_capital_but_no_clause() {
        let cases = [
            ("exit polls", true),
            ("the Federal Bureau of Prisons", true),
            ("people who were there", false),
            ("officials, who said it was late and would be later", false),
        ];
        for (phrase, sources) in cases {
            let chars: Vec<char> = phrase.chars().collect();
            assert_eq!(source_phrase(&words(&chars)).is_some(), sources, "{phrase}");
        }
    }
}
