//! Lines that open with a speaker's label: "PENCE: Well, look, …" in a transcript, "Graham:
//! Trump's rhetoric is …" in a headline. The label is the speaker, the colon the cue, the rest
//! of the line the content. A transcript quoted in an article may open each line with a
//! quotation mark.

use super::{Reading, Suggestion};
use crate::model::{CharOffset, CharSpan, Kind, QuoteMode};

/// The rule named on the quotes found here.
pub const LABELLED_LINE_RULE: &str = "a line that opens with its speaker's name and a colon";

/// The most words a label has ("Wash Post Fact-Check").
const MAX_LABEL_WORDS: usize = 4;

/// The fewest words of the content after a label.
const MIN_CONTENT_WORDS: usize = 2;

/// Labels that open a line of an article's furniture, not a speaker's words (lower case).
const NOT_SPEAKERS: &[&str] = &[
    "a reminder",
    "breaking",
    "byline",
    "contributing",
    "correction",
    "credit",
    "delegate update",
    "editor's note",
    "editor’s note",
    "here goes",
    "note",
    "paid notice",
    "photo",
    "read more",
    "related",
    "revealed",
    "source",
    "sources",
    "still to come",
    "the latest",
    "twitter",
    "update",
    "video",
    "watch",
];

/// The quotes of lines that open with a speaker's label.
pub(super) fn labelled_lines(reading: &Reading) -> Vec<Suggestion> {
    let chars = &reading.chars;
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let end = chars[start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |n| start + n);
        out.extend(labelled_line(reading, start, end));
        start = end + 1;
    }
    out
}

/// The quote of the line `start..end` when it opens with a speaker's label.
fn labelled_line(reading: &Reading, start: usize, end: usize) -> Option<Suggestion> {
    let chars = &reading.chars;
    // A transcript quoted in an article opens each line with a quotation mark ("PENCE: …).
    let label_start =
        (start..end).find(|&i| !chars[i].is_whitespace() && !['"', '“'].contains(&chars[i]))?;
    let colon = (label_start..end).find(|&i| chars[i] == ':')?;
    let label = CharSpan::between(CharOffset(label_start), CharOffset(colon));
    if !is_speaker_label(reading, label) || chars.get(colon + 1) != Some(&' ') {
        return None;
    }
    let content_start = (colon + 1..end).find(|&i| !chars[i].is_whitespace())?;
    let content_end = (content_start..end)
        .rev()
        .find(|&i| !chars[i].is_whitespace())?
        + 1;
    let content = CharSpan::between(CharOffset(content_start), CharOffset(content_end));
    if reading.words_in(content).len() < MIN_CONTENT_WORDS {
        return None;
    }
    let cue = CharSpan::between(CharOffset(colon), CharOffset(colon + 1));
    Some(Suggestion {
        kind: Kind::Quote,
        fragments: vec![reading.piece(content)],
        confidence: 0.6,
        rule: LABELLED_LINE_RULE,
        speaker: Some(reading.piece(label)),
        cue: Some(reading.piece(cue)),
        mode: Some(QuoteMode::Direct),
        entity_type: None,
        check_worthiness: None,
        identity: None,
        antecedent: None,
    })
}

/// True when `label` reads as a speaker's name: a few words, each with a capital, no
/// sentence's end or quotation mark in it, no cue of its own ("He added:" is the other rules'),
/// and none of the labels of an article's furniture.
fn is_speaker_label(reading: &Reading, label: CharSpan) -> bool {
    let words = reading.words_in(label);
    let text = reading.text(label);
    // A name's words have capitals ("Wash Post Fact-Check"); "He read the sign:" is a clause.
    let names = words.clone().all(|i| {
        let word = reading.text(reading.words[i].span);
        word.chars().next().is_some_and(|c| !c.is_lowercase())
    });
    let has_cue = words
        .clone()
        .any(|i| reading.phrase_at(&reading.cues, i, words.end) > 0);
    names
        && (1..=MAX_LABEL_WORDS).contains(&words.len())
        && text.chars().count() > 1
        && !text.contains(['?', '!', '"', '“', '”', '‘', ','])
        && !text.ends_with('.')
        && !has_cue
        && !NOT_SPEAKERS.contains(&text.to_lowercase().as_str())
}
