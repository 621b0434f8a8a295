//! Reported speech without quotation marks: "X said (that) …", "…, X said.", "according to
//! X, …".

use super::{Reading, Suggestion, text};
use crate::model::{CharOffset, CharSpan, Kind, QuoteMode};

/// The fewest words reported content has.
const MIN_CONTENT_WORDS: usize = 4;

/// Reported speech in the sentences that no direct quote in `taken` overlaps.
pub(super) fn indirect(reading: &Reading, taken: &[CharSpan]) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for &sentence in &reading.sentences {
        let overlaps = taken
            .iter()
            .any(|t| t.start < sentence.end && sentence.start < t.end);
        if overlaps {
            continue;
        }
        out.extend(in_sentence(reading, sentence));
        // "X said A, arguing B": the participle's quote, and the one its subject said first.
        if out.last().is_some_and(|last| last.rule == PARTICIPLE_RULE)
            && let Some(first) = leading(reading, sentence)
            && !out.iter().any(|o| o.extent().overlaps(first.extent()))
        {
            out.push(first);
        }
    }
    out
}

/// The reported speech of one sentence, by the first rule that finds it.
pub(super) fn in_sentence(reading: &Reading, sentence: CharSpan) -> Option<Suggestion> {
    trailing(reading, sentence)
        .or_else(|| said_before_apposition(reading, sentence))
        .or_else(|| according_to(reading, sentence))
        .or_else(|| interrupting(reading, sentence))
        .or_else(|| participle(reading, sentence))
        .or_else(|| leading(reading, sentence))
}

/// The last comma of `body`.
fn last_comma(reading: &Reading, body: CharSpan) -> Option<usize> {
    (body.start.0..body.end.0)
        .rev()
        .find(|&i| reading.chars[i] == ',')
}

/// The sentence without its final stop (and closing marks).
fn body(reading: &Reading, sentence: CharSpan) -> CharSpan {
    let mut end = sentence.end.0;
    while end > sentence.start.0 && matches!(reading.chars[end - 1], '.' | '!' | '?' | '”' | '"')
    {
        end -= 1;
    }
    CharSpan::between(sentence.start, CharOffset(end))
}

fn suggestion(
    reading: &Reading,
    content: CharSpan,
    speaker: CharSpan,
    cue: CharSpan,
    rule: &'static str,
) -> Option<Suggestion> {
    let content = trimmed(reading, content);
    if reading.words_in(content).len() < MIN_CONTENT_WORDS {
        return None;
    }
    Some(Suggestion {
        kind: Kind::Quote,
        fragments: vec![reading.piece(content)],
        confidence: 0.7,
        rule,
        speaker: Some(reading.piece(speaker)),
        cue: Some(reading.piece(cue)),
        mode: Some(QuoteMode::Indirect),
        entity_type: None,
        check_worthiness: None,
        identity: None,
        antecedent: None,
    })
}

/// `span` without white space and commas at its ends.
fn trimmed(reading: &Reading, span: CharSpan) -> CharSpan {
    let (mut a, mut b) = (span.start.0, span.end.0);
    while a < b && (reading.chars[a].is_whitespace() || reading.chars[a] == ',') {
        a += 1;
    }
    while b > a && (reading.chars[b - 1].is_whitespace() || reading.chars[b - 1] == ',') {
        b -= 1;
    }
    CharSpan::between(CharOffset(a), CharOffset(b))
}

/// "CONTENT, SOURCE CUE." and "CONTENT, CUE SOURCE."
fn trailing(reading: &Reading, sentence: CharSpan) -> Option<Suggestion> {
    let body = body(reading, sentence);
    let comma = last_comma(reading, body)?;
    let tail = reading.words_in(CharSpan::between(CharOffset(comma), body.end));
    if tail.is_empty() || tail.len() > text::MAX_SPEAKER_WORDS + 2 {
        return None;
    }
    let content = CharSpan::between(body.start, CharOffset(comma));
    // The cue last ("sources said"), or first ("said Ilse Brandt").
    for at in tail.clone() {
        let length = reading.phrase_at(&reading.cues, at, tail.end);
        if length == 0 {
            continue;
        }
        let cue = reading.span_of(at..at + length);
        // A few words of when or where may follow ("the agency said in a June report").
        let trailing_words = tail.end - (at + length);
        // Words after the cue that make a clause ("said the dam was safe") are its content.
        let clause_after = makes_clause(&reading.words[at + length..tail.end]);
        let source = if at > tail.start && trailing_words <= WORDS_AFTER_CUE && !clause_after {
            text::speaker_phrase(&reading.words[tail.start..at])
        } else if at == tail.start && at + length < tail.end && !clause_after {
            text::speaker_phrase(&reading.words[at + length..tail.end])
        } else {
            None
        };
        if let Some(source) = source {
            return suggestion(
                reading,
                content,
                source,
                cue,
                "content, then speaker and cue",
            );
        }
        // "CONTENT, X, the director of Y, said."
        if at == tail.start && at + length == tail.end {
            return appositive_tail(reading, body, comma, at, cue);
        }
        return None;
    }
    None
}

/// True when `words` make a clause ("said the dam was safe", "said X's statement didn't …"),
/// not a speaker: a "that", a verb of [`VERB_WORDS`] or a negated one.
fn makes_clause(words: &[text::Word]) -> bool {
    words.iter().any(|w| {
        w.lower == "that"
            || VERB_WORDS.contains(&w.lower.as_str())
            || w.lower.ends_with("n't")
            || w.lower.ends_with("n’t")
    })
}

/// "CONTENT, said X, the director of Y, which …": a cue right after a comma, its speaker up to
/// the next comma; the content all before.
fn said_before_apposition(reading: &Reading, sentence: CharSpan) -> Option<Suggestion> {
    let body = body(reading, sentence);
    let range = reading.words_in(body);
    let cue_at = (range.start + MIN_CONTENT_WORDS..range.end).find(|&at| {
        let gap_start = reading.words[at - 1].span.end.0;
        let gap_end = reading.words[at].span.start.0;
        reading.chars[gap_start..gap_end].contains(&',')
            && reading.phrase_at(&reading.cues, at, range.end) > 0
    })?;
    let length = reading.phrase_at(&reading.cues, cue_at, range.end);
    let speaker_words = super::quotes::phrase_until_comma(reading, cue_at + length, range.end)?;
    if makes_clause(&reading.words[speaker_words.clone()]) {
        return None;
    }
    let speaker = text::speaker_phrase(&reading.words[speaker_words])?;
    let comma = reading.words[cue_at - 1].span.end;
    suggestion(
        reading,
        CharSpan::between(body.start, comma),
        speaker,
        reading.span_of(cue_at..cue_at + length),
        "content, then cue and speaker",
    )
}

/// "CONTENT, X, APPOSITION, CUE.": the speaker two commas before the cue.
fn appositive_tail(
    reading: &Reading,
    body: CharSpan,
    last_comma: usize,
    cue_at: usize,
    cue: CharSpan,
) -> Option<Suggestion> {
    let commas: Vec<usize> = (body.start.0..last_comma)
        .filter(|&i| reading.chars[i] == ',')
        .collect();
    let [.., content_end, _apposition_start] = commas[..] else {
        return None;
    };
    let source = reading.appositive_speaker(content_end + 1, cue_at)?;
    let content = CharSpan::between(body.start, CharOffset(content_end));
    suggestion(
        reading,
        content,
        source,
        cue,
        "content, then speaker and cue",
    )
}

/// "According to SOURCE, CONTENT.", "CONTENT(,) according to SOURCE." and "CONTENT, according to
/// SOURCE, CONTENT." (the content in two pieces).
fn according_to(reading: &Reading, sentence: CharSpan) -> Option<Suggestion> {
    let body = body(reading, sentence);
    let range = reading.words_in(body);
    let (at, length) = range.clone().find_map(|at| {
        let length = reading.phrase_at(&reading.before_source, at, range.end);
        (length > 0).then_some((at, length))
    })?;
    let cue = reading.span_of(at..at + length);
    // The source: to a comma, a clause word ("an official who …") or the end.
    let source_start = at + length;
    let mut source_end = source_start;
    while source_end < range.end
        && source_end < source_start + MAX_SOURCE_WORDS
        && !CLAUSE_OPENERS.contains(&reading.words[source_end].lower.as_str())
    {
        source_end += 1;
        let gap_start = reading.words[source_end - 1].span.end.0;
        let gap_end = reading
            .words
            .get(source_end)
            .map_or(body.end.0, |w| w.span.start.0);
        if reading.chars[gap_start..gap_end].contains(&',') {
            break;
        }
    }
    let source = text::source_phrase(&reading.words[source_start..source_end])?;
    // Where the content goes on after the source: past its comma (and a clause after it).
    let rest = (source.end.0..body.end.0)
        .find(|&i| reading.chars[i] == ',')
        .map(|comma| CharSpan::between(CharOffset(comma + 1), body.end));
    let before = trimmed(reading, CharSpan::between(body.start, cue.start));
    let (pieces, rule): (Vec<CharSpan>, &'static str) = if at == range.start {
        (vec![rest?], "according to the speaker, content")
    } else if source_end == range.end || rest.is_none() {
        (vec![before], "content, according to the speaker")
    } else if let Some(rest) = rest
        && reading.words_in(rest).len() >= MIN_CONTENT_WORDS / 2
        && !reading.words_in(before).is_empty()
    {
        (
            vec![before, trimmed(reading, rest)],
            "content, according to the speaker, content",
        )
    } else {
        (vec![before], "content, according to the speaker")
    };
    let words: usize = pieces.iter().map(|p| reading.words_in(*p).len()).sum();
    if words < MIN_CONTENT_WORDS {
        return None;
    }
    // Made over the whole stretch (which has enough words), then cut into its pieces.
    let whole = CharSpan::between(pieces.first()?.start, pieces.last()?.end);
    let mut found = suggestion(reading, whole, source, cue, rule)?;
    if pieces.len() == 2 {
        found.fragments = pieces
            .iter()
            .map(|p| reading.piece(trimmed(reading, *p)))
            .collect();
    }
    Some(found)
}

/// The most words of a source after "according to".
const MAX_SOURCE_WORDS: usize = 12;

/// Words that open a clause after a source ("an official who …").
const CLAUSE_OPENERS: &[&str] = &["who", "which", "that", "whose"];

/// "SOURCE CUE (that) CONTENT."
fn leading(reading: &Reading, sentence: CharSpan) -> Option<Suggestion> {
    let body = body(reading, sentence);
    let range = reading.words_in(body);
    // A word that joins the sentence to the one before ("But X said …") is no part of X.
    let joined = range.len() > 2 && CONNECTORS.contains(&reading.words[range.start].lower.as_str());
    let (body, range) = if joined {
        let start = reading.words[range.start + 1].span.start;
        (
            CharSpan::between(start, body.end),
            range.start + 1..range.end,
        )
    } else {
        (body, range)
    };
    // The first cue with a speaker before it and content after it ("Back when he wrote his
    // book, Mr. McKinley said …").
    (range.start + 1..range.end.min(range.start + MAX_CUE_WORD))
        .filter(|&at| reading.phrase_at(&reading.cues, at, range.end) > 0)
        .find_map(|verb_at| {
            let (cue_at, length, source) = source_before(reading, body, range.clone(), verb_at)?;
            let cue = reading.span_of(cue_at..cue_at + length);
            // What follows the cue, "that" included (as attribution corpora mark it), after a
            // few words of when or where ("said Tuesday that", "said in a statement that").
            let after = cue_at + length;
            let that = (after..range.end.min(after + WORDS_BEFORE_THAT + 1))
                .take_while(|&w| !starts_clause(&reading.words[w]))
                .find(|&w| reading.words[w].lower == "that");
            let start = that.map_or(cue.end, |w| reading.words[w].span.start);
            let end = next_statement(reading, after + 1..range.end).unwrap_or(body.end);
            let content = CharSpan::between(start, end);
            suggestion(
                reading,
                content,
                source,
                cue,
                "speaker and cue, then content",
            )
        })
}

/// True when `word` opens a clause of its own (a subject or a verb: "said he was sure that"),
/// so that no "that" after it belongs to the cue.
fn starts_clause(word: &text::Word) -> bool {
    let lower = word.lower.as_str();
    matches!(
        lower,
        "he" | "she" | "it" | "they" | "we" | "i" | "you" | "there"
    ) || VERB_WORDS.contains(&lower)
        || lower.contains(['’', '\''])
}

/// Where a second statement of the same speaker starts in `words` ("… and said that …", ",
/// adding …", "… but did not …"): the start of its joining word.
fn next_statement(reading: &Reading, words: std::ops::Range<usize>) -> Option<CharOffset> {
    let end = words.end;
    words.clone().find_map(|at| {
        let word = &reading.words[at];
        let gap_start = reading.words[at - 1].span.end.0;
        let comma = reading.chars[gap_start..word.span.start.0].contains(&',');
        let joins = matches!(word.lower.as_str(), "and" | "but")
            && reading.words.get(at + 1).is_some_and(|next| {
                matches!(next.lower.as_str(), "did" | "also")
                    || reading.phrase_at(&reading.cues, at + 1, end) > 0
            });
        let adds = comma
            && (reading.phrase_at(&reading.participles, at, end) > 0
                || reading.phrase_at(&reading.cues, at, end) > 0
                || another_speaker(reading, at, end));
        let cut = if comma {
            CharOffset(gap_start)
        } else {
            word.span.start
        };
        (joins || adds).then_some(cut)
    })
}

/// True when a clause of another attribution starts at word `at` (", and other leaders said
/// …", ", but he urged …"): a few words that read as a speaker, then a cue.
fn another_speaker(reading: &Reading, at: usize, end: usize) -> bool {
    let first = if matches!(reading.words[at].lower.as_str(), "and" | "but" | "while") {
        at + 1
    } else {
        at
    };
    (first + 1..end.min(first + text::MAX_SPEAKER_WORDS + 1)).any(|cue| {
        reading.phrase_at(&reading.cues, cue, end) > 0
            && text::speaker_phrase(&reading.words[first..cue]).is_some()
    })
}

/// The rule of a participle's quote.
const PARTICIPLE_RULE: &str = "speaker, then a participle and content";

/// "SUBJECT did something, saying (that) CONTENT.": the participle's speaker is the subject that
/// opens the sentence.
fn participle(reading: &Reading, sentence: CharSpan) -> Option<Suggestion> {
    let body = body(reading, sentence);
    let range = reading.words_in(body);
    // ", saying …", or "… and said …" (a second verb of the same subject).
    let (cue_at, length) = (range.start + 2..range.end).find_map(|at| {
        let gap_start = reading.words[at - 1].span.end.0;
        let gap_end = reading.words[at].span.start.0;
        let participle = reading.phrase_at(&reading.participles, at, range.end);
        if participle > 0 && reading.chars[gap_start..gap_end].contains(&',') {
            return Some((at, participle));
        }
        let verb = reading.phrase_at(&reading.cues, at, range.end);
        (verb > 0 && reading.words[at - 1].lower == "and" && at >= range.start + 3)
            .then_some((at, verb))
    })?;
    // A cue before "and said" makes the sentence the leading rule's ("X said A, and said B").
    let second_verb = reading.words[cue_at - 1].lower == "and";
    if second_verb
        && (range.start..cue_at).any(|at| reading.phrase_at(&reading.cues, at, cue_at) > 0)
    {
        return None;
    }
    let subject = subject(reading, range.start..cue_at)?;
    let cue = reading.span_of(cue_at..cue_at + length);
    let after = cue_at + length;
    let start = match reading.words.get(after) {
        Some(w) if w.lower == "that" => w.span.start,
        Some(w) => w.span.start,
        None => return None,
    };
    suggestion(
        reading,
        CharSpan::between(start, body.end),
        subject,
        cue,
        PARTICIPLE_RULE,
    )
}

/// The speaker's phrase that opens `words`: the words before the first that reads as its verb
/// (a lower-case word in "-ed", or "is", "has", "will"…).
pub(super) fn subject(reading: &Reading, words: std::ops::Range<usize>) -> Option<CharSpan> {
    let first = if CONNECTORS.contains(&reading.words.get(words.start)?.lower.as_str()) {
        words.start + 1
    } else {
        words.start
    };
    let verb = (first + 1..words.end)
        .find(|&at| {
            let word = &reading.words[at];
            !word.capital
                && (word.lower.ends_with("ed") || VERB_WORDS.contains(&word.lower.as_str()))
        })
        // Else the name that opens the sentence ("Mrs. Holt shook her head").
        .or_else(|| (first..words.end).find(|&at| !reading.words[at].capital))?;
    text::speaker_phrase(&reading.words[first..verb])
}

/// Words that start a verb phrase after a subject.
const VERB_WORDS: &[&str] = &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "does",
    "did", "says", "said",
];

/// The cue at word `verb_at` (with the words of tense and manner before it) and its source
/// before it in `body`: "X, the director of Y, said" gives X; else the words before the cue;
/// or, after an opening phrase ("In an interview, he said …"), the words from its comma.
pub(super) fn source_before(
    reading: &Reading,
    body: CharSpan,
    range: std::ops::Range<usize>,
    verb_at: usize,
) -> Option<(usize, usize, CharSpan)> {
    let last_start = (range.start + text::MAX_SPEAKER_WORDS + 1).min(range.end);
    // "has said", "also told": the words of tense and manner before the verb are the cue's.
    let cue_at = (range.start + 1..verb_at)
        .rev()
        .take_while(|&at| AUXILIARIES.contains(&reading.words[at].lower.as_str()))
        .last()
        .unwrap_or(verb_at);
    let length = verb_at - cue_at + reading.phrase_at(&reading.cues, verb_at, range.end);
    let source = reading
        .appositive_speaker(body.start.0, cue_at)
        .or_else(|| {
            let start = reading.words[range.start].span.start.0;
            let cue_start = reading.words[cue_at].span.start.0;
            let punctuated = reading.chars[start..cue_start]
                .iter()
                .any(|c| matches!(c, ',' | ';' | ':'));
            (cue_at < last_start && !punctuated)
                .then(|| text::speaker_phrase(&reading.words[range.start..cue_at]))
                .flatten()
        })
        .or_else(|| relative_speaker(reading, range.start..cue_at))
        .or_else(|| after_boundary(reading, range.start..cue_at))?;
    Some((cue_at, length, source))
}

/// Words after which a new clause, and its subject, starts.
const CLAUSE_BOUNDARIES: &[&str] = &[
    "and", "but", "while", "because", "if", "when", "although", "though", "as", "since", "after",
    "before", "so", "where", "whereas", "until",
];

/// The speaker that starts a clause inside the sentence ("In an interview, he said …",
/// "…, and aides say he will …", "… because officials said …"): the words between the last
/// comma, dash or clause word before the cue and the cue.
fn after_boundary(reading: &Reading, words: std::ops::Range<usize>) -> Option<CharSpan> {
    let boundary = (words.start..words.end).rev().find(|&at| {
        let gap_start = reading
            .words
            .get(at.wrapping_sub(1))
            .map_or(0, |w| w.span.end.0);
        let gap = &reading.chars[gap_start.max(reading.words[words.start].span.start.0)
            ..reading.words[at].span.start.0];
        gap.iter()
            .any(|c| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')'))
            || gap.windows(3).any(|w| w == [' ', '-', ' '])
            || (at > words.start
                && CLAUSE_BOUNDARIES.contains(&reading.words[at - 1].lower.as_str()))
    })?;
    (boundary < words.end)
        .then(|| text::speaker_phrase(&reading.words[boundary..words.end]))
        .flatten()
}

/// The most words of a relative clause inside a speaker's phrase.
const MAX_RELATIVE_WORDS: usize = 10;

/// "Supporters who have heard from the campaign say …": the phrase before "who" at the
/// sentence's start is the speaker.
fn relative_speaker(reading: &Reading, words: std::ops::Range<usize>) -> Option<CharSpan> {
    let who = (words.start + 1..words.end).find(|&at| reading.words[at].lower == "who")?;
    if words.end - who > MAX_RELATIVE_WORDS {
        return None;
    }
    text::speaker_phrase(&reading.words[words.start..who])
}

/// "CONTENT, SOURCE CUE, CONTENT.": the attribution between two commas inside the sentence
/// ("The museum, Mr. Obama said, would make visitors face the truth."), the content in two
/// pieces.
fn interrupting(reading: &Reading, sentence: CharSpan) -> Option<Suggestion> {
    let body = body(reading, sentence);
    let commas: Vec<usize> = (body.start.0..body.end.0)
        .filter(|&i| reading.chars[i] == ',')
        .collect();
    for pair in commas.windows(2) {
        let (first, second) = (pair[0], pair[1]);
        let middle = reading.words_in(CharSpan::between(CharOffset(first), CharOffset(second)));
        if middle.len() < 2 || middle.len() > text::MAX_SPEAKER_WORDS + 2 {
            continue;
        }
        let Some(length) = (middle.start + 1..middle.end)
            .find(|&at| reading.phrase_at(&reading.cues, at, middle.end) == middle.end - at)
            .map(|at| (at, middle.end - at))
        else {
            continue;
        };
        let (cue_at, cue_length) = length;
        let Some(speaker) = text::speaker_phrase(&reading.words[middle.start..cue_at]) else {
            continue;
        };
        let before = trimmed(reading, CharSpan::between(body.start, CharOffset(first)));
        let after = trimmed(reading, CharSpan::between(CharOffset(second + 1), body.end));
        if reading.words_in(before).is_empty()
            || reading.words_in(before).len() + reading.words_in(after).len() < MIN_CONTENT_WORDS
        {
            return None;
        }
        let cue = reading.span_of(cue_at..cue_at + cue_length);
        let mut found = suggestion(
            reading,
            CharSpan::between(before.start, after.end),
            speaker,
            cue,
            "content, speaker and cue, content",
        )?;
        found.fragments = vec![reading.piece(before), reading.piece(after)];
        return Some(found);
    }
    None
}

/// How far into a sentence its cue may come (past an apposition after the speaker).
const MAX_CUE_WORD: usize = 30;

/// Words of tense and manner that stand between a speaker and a reporting verb.
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "repeatedly",
    "again",
    "often",
    "once",
    "will",
    "would",
    "recently",
    "publicly",
    "reportedly",
];

/// Words that open a sentence by joining it to the one before.
const CONNECTORS: &[&str] = &["but", "and", "yet", "still", "however", "meanwhile", "also"];

/// How many words of when or where may follow a cue that ends a sentence.
const WORDS_AFTER_CUE: usize = 4;

/// How many words of when or where may stand between a cue and its "that".
const WORDS_BEFORE_THAT: usize = 4;
