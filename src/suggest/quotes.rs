//! Direct quotes: text between quotation marks, with the cue and speaker next to them.

use super::{Reading, Suggestion, text};
use crate::model::{CharOffset, CharSpan, Kind, QuoteMode};

/// The closing mark of each opening one (German „…“ and Polish „…” both close „).
fn closers(open: char) -> &'static [char] {
    match open {
        '“' => &['”'],
        '„' => &['“', '”'],
        '‚' => &['‘', '’'],
        '«' => &['»'],
        '»' => &['«'],
        '‹' => &['›'],
        '「' => &['」'],
        '『' => &['』'],
        '"' => &['"'],
        '‘' => &['’'],
        _ => &[],
    }
}

/// A quoted passage: the text inside its marks, in one piece per paragraph it spans.
struct Quoted {
    inner: Vec<CharSpan>,
    /// Where its first mark opens and its last mark closes.
    outer: CharSpan,
}

/// Finds the quoted passages of `chars`: an opening mark at a word's start, its closing mark
/// at a word's end; a paragraph that ends inside a quote goes on in the next one when that
/// opens with the same mark (the newspaper convention).
fn quoted(chars: &[char]) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before_ok = i == 0 || chars[i - 1].is_whitespace() || "([—–-".contains(chars[i - 1]);
        // Two apostrophes for a double mark, as some newspapers' archives write it: ''…''.
        if c == '\''
            && chars.get(i + 1) == Some(&'\'')
            && before_ok
            && let Some(found) = doubled_apostrophes(chars, i)
        {
            i = found.outer.end.0;
            out.push(found);
            continue;
        }
        let after_ok = chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
        if closers(c).is_empty() || !before_ok || !after_ok {
            i += 1;
            continue;
        }
        match close_of(chars, i, c) {
            Some(found) => {
                i = found.outer.end.0;
                out.push(found);
            }
            None => i += 1,
        }
    }
    out
}

/// For each char of `chars`, whether it stands inside quotation marks.
pub(super) fn inside_marks(chars: &[char]) -> Vec<bool> {
    let mut inside = vec![false; chars.len()];
    for passage in quoted(chars) {
        for piece in passage.inner {
            inside[piece.start.0..piece.end.0].fill(true);
        }
    }
    inside
}

/// The quote opened by two apostrophes at `start`, closed by two before a non-letter, in one
/// paragraph.
fn doubled_apostrophes(chars: &[char], start: usize) -> Option<Quoted> {
    let from = start + 2;
    if chars.get(from).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    let mut j = from;
    while j + 1 < chars.len() && chars[j] != '\n' {
        let closes = chars[j] == '\'' && chars[j + 1] == '\'';
        if closes && j > from && chars.get(j + 2).is_none_or(|n| !n.is_alphanumeric()) {
            return Some(Quoted {
                inner: vec![CharSpan::between(CharOffset(from), CharOffset(j))],
                outer: CharSpan::between(CharOffset(start), CharOffset(j + 2)),
            });
        }
        j += 1;
    }
    None
}

/// The quote opened by `open` at `start`, if it closes.
fn close_of(chars: &[char], start: usize, open: char) -> Option<Quoted> {
    let closing = closers(open);
    let mut inner = Vec::new();
    let mut piece_start = start + 1;
    let mut j = start + 1;
    while j < chars.len() {
        let c = chars[j];
        let word_end = chars.get(j + 1).is_none_or(|n| !n.is_alphanumeric());
        if closing.contains(&c) && word_end && j > piece_start {
            inner.push(CharSpan::between(CharOffset(piece_start), CharOffset(j)));
            return Some(Quoted {
                inner,
                outer: CharSpan::between(CharOffset(start), CharOffset(j + 1)),
            });
        }
        if c == '\n' {
            // Goes on only where the next paragraph opens with the same mark.
            let mut k = j;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            if chars.get(k) != Some(&open) {
                return None;
            }
            let mut end = j;
            while end > piece_start && chars[end - 1].is_whitespace() {
                end -= 1;
            }
            inner.push(CharSpan::between(CharOffset(piece_start), CharOffset(end)));
            piece_start = k + 1;
            j = k + 1;
            continue;
        }
        j += 1;
    }
    None
}

/// The most chars between an attributed quote and a further piece of it in the same paragraph
/// (", clapping. ").
const CONTINUATION_GAP: usize = 60;

/// The most chars between an attributed quote and a further piece of it when they end the
/// attribution's sentence (an apposition after the speaker).
const APPOSITION_GAP: usize = 200;

/// How many words after a quote its cue may come.
const CUE_WITHIN_WORDS: usize = 8;

/// How far around a quote its cue is looked for, in chars.
const CUE_REACH: usize = 120;

/// What introduces a quote: its cue and speaker.
struct Attribution {
    cue: CharSpan,
    speaker: Option<CharSpan>,
    /// The chars after the attribution (for an interrupted quote: where the next piece opens).
    ends_at: usize,
}

/// True when the passage ends its sentence with a full stop inside its marks (“… tonight.”):
/// what follows is a new sentence, never its attribution.
fn ends_sentence(reading: &Reading, passage: &Quoted) -> bool {
    passage.inner.last().is_some_and(|last| {
        let text: String = reading.chars[last.start.0..last.end.0].iter().collect();
        text.trim_end().ends_with('.') && !text::abbreviation_before(&reading.chars, last.end.0 - 1)
    })
}

/// The cue and speaker after `passage` ("…,” she said; “…,” said Ilse Brandt, the harbour
/// master); none when it closes its sentence.
fn after_passage(reading: &Reading, passage: &Quoted) -> Option<Attribution> {
    if let Some(dashed) = dash_attribution(reading, passage.outer.end.0) {
        return Some(dashed);
    }
    let found = after(reading, passage.outer.end.0)?;
    // After a full stop inside the marks, only an attribution that ends its own short sentence
    // (“… tonight.” she said.) belongs to the quote, not the start of a new statement.
    if ends_sentence(reading, passage) && !closes_sentence(reading, found.ends_at) {
        return None;
    }
    Some(found)
}

/// True when at most a few words, none making a clause, stand between `at` and the end of its
/// sentence.
fn closes_sentence(reading: &Reading, at: usize) -> bool {
    let mut end = at;
    while end < reading.chars.len() && !matches!(reading.chars[end], '.' | '!' | '?' | '\n') {
        end += 1;
    }
    let words = reading.words_in(CharSpan::between(CharOffset(at), CharOffset(end)));
    words.len() <= 4
        && reading.words[words].iter().all(|w| {
            !matches!(
                w.lower.as_str(),
                "that" | "is" | "was" | "are" | "were" | "has" | "have" | "had" | "will" | "it"
            )
        })
}

/// “…” ― Carla Sanchez: a dash after the quote, then its speaker to the end of the line.
fn dash_attribution(reading: &Reading, quote_end: usize) -> Option<Attribution> {
    let mut at = quote_end;
    while at < reading.chars.len() && reading.chars[at] == ' ' {
        at += 1;
    }
    if !matches!(reading.chars.get(at), Some('―' | '—' | '–')) {
        return None;
    }
    let dash = CharSpan::between(CharOffset(at), CharOffset(at + 1));
    let mut end = at + 1;
    while end < reading.chars.len() && !matches!(reading.chars[end], '\n' | ',' | '.' | ';') {
        end += 1;
    }
    let words = reading.words_in(CharSpan::between(CharOffset(at + 1), CharOffset(end)));
    let speaker = text::speaker_phrase(&reading.words[words])?;
    Some(Attribution {
        cue: dash,
        speaker: Some(speaker),
        ends_at: speaker.end.0,
    })
}

/// The cue and speaker after a quote that ends at `quote_end`.
fn after(reading: &Reading, quote_end: usize) -> Option<Attribution> {
    let limit = (quote_end + CUE_REACH).min(reading.chars.len());
    // To the end of the sentence, or the next quote; a full stop in brackets ends neither
    // ("Rep. John Mica (R-Fla.) said").
    let mut end = quote_end;
    while end < limit
        && !(matches!(reading.chars[end], '!' | '?' | '\n' | '“' | '"' | '„' | '«')
            || (reading.chars[end] == '.'
                && !text::abbreviation_before(&reading.chars, end)
                && reading.chars.get(end + 1) != Some(&')')))
    {
        end += 1;
    }
    let range = reading.words_in(CharSpan::between(CharOffset(quote_end), CharOffset(end)));
    // The cue comes within the first words after the quote ("…,” the harbour master said).
    for at in range.clone().take(CUE_WITHIN_WORDS) {
        // "…,” according to a Pentagon readout.
        let according = reading.phrase_at(&reading.before_source, at, range.end);
        if according > 0 && at == range.start {
            let source = phrase_until_comma(reading, at + according, range.end)
                .and_then(|r| text::source_phrase(&reading.words[r]))?;
            return Some(Attribution {
                cue: reading.span_of(at..at + according),
                speaker: Some(source),
                ends_at: source.end.0,
            });
        }
        let length = reading.phrase_at(&reading.cues, at, range.end);
        if length == 0 {
            continue;
        }
        let cue = reading.span_of(at..at + length);
        let before = &reading.words[range.start..at];
        let speaker = if before.is_empty() {
            // "said Ilse Brandt, the harbour master."
            let after_cue = phrase_until_comma(reading, at + length, range.end);
            after_cue.and_then(|r| text::speaker_phrase(&reading.words[r]))
        } else {
            // Words between the quote and the cue that are no speaker ("…” and says he will")
            // make the cue another clause's.
            Some(text::speaker_phrase(before)?)
        };
        let ends_at = speaker.map_or(cue.end.0, |s| s.end.0.max(cue.end.0));
        return Some(Attribution {
            cue,
            speaker,
            ends_at,
        });
    }
    // "…,” Ilse Brandt, the harbour master of Port Elvane, said.
    for at in range.clone().skip(CUE_WITHIN_WORDS) {
        let length = reading.phrase_at(&reading.cues, at, range.end);
        if length == 0 {
            continue;
        }
        let speaker = reading.appositive_speaker(quote_end, at)?;
        let cue = reading.span_of(at..at + length);
        return Some(Attribution {
            cue,
            speaker: Some(speaker),
            ends_at: cue.end.0,
        });
    }
    None
}

/// The speaker a quote with no cue of its own goes with: the one the sentence just before it
/// introduces ("Ilse Brandt spoke after the vote." or "…, she said." then “…”).
fn floating(reading: &Reading, passages: &[Quoted], quote_start: usize) -> Option<Attribution> {
    let previous = reading
        .sentences
        .iter()
        .rev()
        .find(|s| s.end.0 <= quote_start)?;
    // Only the sentence right before, in the paragraph before at most.
    let gap: String = reading.chars[previous.end.0..quote_start].iter().collect();
    if gap.matches('\n').count() > 2 || !gap.trim().is_empty() {
        return None;
    }
    let range = reading.words_in(*previous);
    let opening = range.clone().skip(1).find_map(|at| {
        let length = reading.phrase_at(&reading.cues, at, range.end);
        (length > 0).then(|| {
            let speaker = text::speaker_phrase(&reading.words[range.start..at])?;
            Some((reading.span_of(at..at + length), speaker))
        })
    });
    // Else a sentence of reported speech ("…, dos Santos says."): its speaker and cue.
    let (cue, speaker) = match opening.flatten() {
        Some(found) => found,
        None => {
            let reported = super::reported::in_sentence(reading, *previous)?;
            (reported.cue?.span, reported.speaker?.span)
        }
    };
    // Never someone's quoted words ("“The dam held,” said X." names no speaker "The dam").
    let quoted = |at: CharOffset| {
        passages
            .iter()
            .any(|p| p.outer.start <= at && at < p.outer.end)
    };
    if quoted(cue.start) || quoted(speaker.start) {
        return None;
    }
    Some(Attribution {
        cue,
        speaker: Some(speaker),
        ends_at: quote_start,
    })
}

/// The words from `from` up to a comma (or `;`, `:`) or word `end`.
pub(super) fn phrase_until_comma(
    reading: &Reading,
    from: usize,
    end: usize,
) -> Option<std::ops::Range<usize>> {
    let mut to = from;
    while to < end {
        let gap_start = reading.words[to].span.end.0;
        to += 1;
        let gap_end = reading.words.get(to).map_or(gap_start, |w| w.span.start.0);
        if reading.chars[gap_start..gap_end]
            .iter()
            .any(|c| matches!(c, ',' | ';' | ':'))
        {
            break;
        }
    }
    (to > from).then_some(from..to)
}

/// Most words between a cue and the quote it introduces ("told POLITICO,", "said on Twitter:").
const WORDS_AFTER_LEAD_CUE: usize = 4;

/// The cue and speaker before a quote ("Ilse Brandt said: “…”", "In other words, he said, “…”",
/// "Dick Dever, who was on the slate, told POLITICO, “…”", "…, telling the crowd, “…”").
fn before(reading: &Reading, quote_start: usize) -> Option<Attribution> {
    let from = quote_start.saturating_sub(CUE_REACH);
    let mut start = quote_start;
    while start > from
        && !(matches!(reading.chars[start - 1], '!' | '?' | '\n' | '”')
            || (reading.chars[start - 1] == '.'
                && !text::abbreviation_before(&reading.chars, start - 1)))
    {
        start -= 1;
    }
    let lead: String = reading.chars[start..quote_start].iter().collect();
    if !lead.trim_end().ends_with([':', ',']) {
        return None;
    }
    let body = CharSpan::between(CharOffset(start), CharOffset(quote_start));
    let range = reading.words_in(body);
    let last_cue = range
        .end
        .saturating_sub(WORDS_AFTER_LEAD_CUE + 1)
        .max(range.start);
    for at in (last_cue..range.end).rev() {
        let between = &reading.words[at..range.end];
        if between.iter().any(|w| w.lower == "that" || w.lower == "to") {
            continue;
        }
        let verb = reading.phrase_at(&reading.cues, at, range.end);
        if verb > 0 {
            let found = super::reported::source_before(reading, body, range.clone(), at);
            let (cue_at, length, speaker) = match found {
                Some((cue_at, length, speaker)) => (cue_at, length, Some(speaker)),
                // "Mrs. Clinton shook her head and said, “No.”"
                None if at > range.start + 2 && reading.words[at - 1].lower == "and" => (
                    at,
                    verb,
                    super::reported::subject(reading, range.start..at - 1),
                ),
                None => (at, verb, None),
            };
            let cue = reading.span_of(cue_at..cue_at + length);
            return Some(Attribution {
                cue,
                speaker,
                ends_at: cue.end.0,
            });
        }
        let participle = reading.phrase_at(&reading.participles, at, range.end);
        if participle > 0 && at > range.start {
            let speaker = super::reported::subject(reading, range.start..at);
            let cue = reading.span_of(at..at + participle);
            return Some(Attribution {
                cue,
                speaker,
                ends_at: cue.end.0,
            });
        }
    }
    None
}

/// The sentence the passage opens in.
fn sentence_of<'a>(reading: &'a Reading, passage: &Quoted) -> Option<&'a CharSpan> {
    let start = passage.outer.start;
    reading
        .sentences
        .iter()
        .find(|s| s.start <= start && start < s.end)
}

/// Most words between a mixed quote's cue and its quotation marks ("said the plan was “…”").
const MIXED_LEAD_WORDS: usize = 12;

/// A mixed quote: the sentence of `passage` names a speaker and a cue before it ("Clinton says
/// Trump's “latest meltdown is unhinged”"); the quote is what follows the cue ("that" left
/// out), to the end of the sentence or of the passage.
fn mixed(reading: &Reading, passage: &Quoted) -> Option<(Attribution, CharSpan)> {
    let start = passage.outer.start;
    let sentence = sentence_of(reading, passage)?;
    let lead = reading.words_in(CharSpan::between(sentence.start, start));
    for at in lead.clone().skip(1) {
        let length = reading.phrase_at(&reading.cues, at, lead.end);
        if length == 0 {
            continue;
        }
        let speaker = text::speaker_phrase(&reading.words[lead.start..at])?;
        // From "that" when it follows within a few words ("said via email that"), as
        // attribution corpora mark it; else from the word after the cue.
        let after_cue = at + length;
        let first = (after_cue..lead.end.min(after_cue + 7))
            .find(|&w| reading.words[w].lower == "that")
            .unwrap_or(after_cue);
        if first > lead.end || lead.end - first > MIXED_LEAD_WORDS {
            return None;
        }
        let content_start = reading.words.get(first)?.span.start.min(start);
        let content_start = if first == lead.end {
            passage.inner.first()?.start
        } else {
            content_start
        };
        let mut end = sentence.end.0.max(passage.inner.last()?.end.0);
        while end > content_start.0
            && (matches!(reading.chars[end - 1], '.' | ' ')
                || text::is_closing_mark(reading.chars[end - 1]))
        {
            end -= 1;
        }
        let content = CharSpan::between(content_start, CharOffset(end));
        let cue = reading.span_of(at..at + length);
        return Some((
            Attribution {
                cue,
                speaker: Some(speaker),
                ends_at: passage.outer.end.0,
            },
            content,
        ));
    }
    None
}

/// A quote inside a sentence of reported speech that ends with its attribution ("They will
/// pick whoever wins “and that will be Clinton,” he said."): the content is all the sentence
/// says before the attribution, of mode mixed.
fn inside_reported(reading: &Reading, passage: &Quoted) -> Option<Suggestion> {
    let start = passage.outer.start;
    let sentence = sentence_of(reading, passage)?;
    let lead = reading.words_in(CharSpan::between(sentence.start, start));
    // A lead that ends in a colon or comma introduces the quote ("X said on Monday: “…”").
    let introduces = reading.chars[sentence.start.0..start.0]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| matches!(c, ':' | ','));
    if lead.len() < 2 || introduces {
        return None;
    }
    let mut found = super::reported::in_sentence(reading, *sentence)?;
    let first = found.fragments.first()?.span;
    // The content covers the passage, but for its closing punctuation.
    let inner = passage.inner.first()?;
    if first.start > inner.start || first.end.0 + 2 < inner.end.0 {
        return None;
    }
    found.mode = Some(QuoteMode::Mixed);
    found.confidence = 0.8;
    found.rule = "content with words in quotation marks, then speaker and cue";
    Some(found)
}

/// Direct quotes of the article.
pub(super) fn direct(reading: &Reading) -> Vec<Suggestion> {
    let passages = quoted(&reading.chars);
    let mut out: Vec<Suggestion> = Vec::new();
    let mut i = 0;
    while i < passages.len() {
        let passage = &passages[i];
        if let Some(found) = inside_reported(reading, passage) {
            let end = found
                .fragments
                .last()
                .map_or(passage.outer.end, |f| f.span.end);
            while passages.get(i).is_some_and(|p| p.outer.start < end) {
                i += 1;
            }
            out.push(found);
            continue;
        }
        let mut fragments: Vec<CharSpan> = passage.inner.clone();
        let mut attribution = after_passage(reading, passage);
        // “A,” she said, “B.” and “A,” she said. “B.”: one quote in pieces, the pieces that
        // follow in the paragraph without an attribution of their own going with it.
        if let Some(found) = &attribution {
            let mut from = found.ends_at;
            while let Some(next) = passages.get(i + 1)
                && from <= next.outer.start.0
            {
                let gap: String = reading.chars[from..next.outer.start.0].iter().collect();
                // Words in the gap must end a sentence (“A,” she said, clapping. “B”) and
                // name no other cue (“A.” Mr. Zahed said: “B.”).
                let gap_words =
                    reading.words_in(CharSpan::between(CharOffset(from), next.outer.start));
                let another_cue = before(reading, next.outer.start.0)
                    .is_some_and(|introduced| introduced.cue.start.0 >= from);
                // An apposition may close the attribution's sentence (“A,” said X, a former
                // official who … . “B.”).
                let ends_sentence = gap.trim_end().ends_with(['.', '!', '?']);
                let reach = if ends_sentence {
                    APPOSITION_GAP
                } else {
                    CONTINUATION_GAP
                };
                let continues = !gap.contains('\n')
                    && gap.chars().count() <= reach
                    && (gap_words.is_empty() || gap.contains(['.', '!', '?']))
                    && !another_cue
                    && after_passage(reading, next).is_none();
                if !continues {
                    break;
                }
                fragments.extend(next.inner.iter().copied());
                from = next.outer.end.0;
                i += 1;
            }
        }
        if attribution.is_none() {
            attribution = before(reading, passage.outer.start.0);
        }
        let mut mode = QuoteMode::Direct;
        if attribution.is_none()
            && let Some((found, content)) = mixed(reading, passage)
        {
            attribution = Some(found);
            fragments = vec![content];
            mode = QuoteMode::Mixed;
        }
        let floats = attribution.is_none();
        if floats {
            attribution = floating(reading, &passages, passage.outer.start.0);
        }
        i += 1;
        let words: usize = fragments.iter().map(|f| reading.words_in(*f).len()).sum();
        let (confidence, rule) = match &attribution {
            Some(_) if floats => (0.7, "quotation marks after a sentence naming the speaker"),
            Some(_) if mode == QuoteMode::Mixed => {
                (0.8, "a speaker and cue, then words in quotation marks")
            }
            Some(a) if a.speaker.is_some() => (0.9, "quotation marks with a speaker and cue"),
            Some(_) => (0.7, "quotation marks with a cue"),
            // Without a cue: a long passage that reads as speech, not a title or scare quote.
            None if words >= 8 => (0.5, "quotation marks"),
            None => continue,
        };
        out.push(Suggestion {
            kind: Kind::Quote,
            fragments: fragments.into_iter().map(|f| reading.piece(f)).collect(),
            confidence,
            rule,
            speaker: attribution
                .as_ref()
                .and_then(|a| a.speaker)
                .map(|s| reading.piece(s)),
            cue: attribution.as_ref().map(|a| reading.piece(a.cue)),
            mode: Some(mode),
            entity_type: None,
            check_worthiness: None,
            identity: None,
            antecedent: None,
        });
    }
    out
}
