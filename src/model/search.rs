//! Finding text in an article: every occurrence of a string as char spans, optionally ignoring
//! case and only as a whole word. Used by Find and by Annotate All Occurrences.

use super::document::Document;
use super::offsets::{ByteOffset, CharOffset, CharSpan};

/// How to match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SearchOptions {
    /// Match upper and lower case exactly.
    pub case_sensitive: bool,
    /// Only matches with no letter or digit right before or after them.
    pub whole_words: bool,
}

/// Lower-cases each char that lower-cases to exactly one char and keeps the others, so that
/// the result has the same chars count as `text` and offsets carry over.
pub fn fold_case(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// True for chars that make up words: letters, digits, underscore and combining marks, but
/// not CJK ideographs, kana or Hangul, where every char can stand alone.
fn is_word_char(c: char) -> bool {
    let combining = matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F);
    let stands_alone = matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F);
    (c.is_alphanumeric() || c == '_' || combining) && !stands_alone
}

/// True when `span` starts and ends at word boundaries in `document`.
pub fn is_whole_word(document: &Document, span: CharSpan) -> bool {
    let text = document.text();
    let joins = |before: Option<char>, after: Option<char>| matches!((before, after), (Some(a), Some(b)) if is_word_char(a) && is_word_char(b));
    let before_start = span
        .start
        .0
        .checked_sub(1)
        .and_then(|i| text.char_at(CharOffset(i)));
    let last = span
        .end
        .0
        .checked_sub(1)
        .and_then(|i| text.char_at(CharOffset(i)));
    !joins(before_start, text.char_at(span.start)) && !joins(last, text.char_at(span.end))
}

/// Every occurrence of `needle` in `document`, in text order, not overlapping one another.
pub fn find_all(document: &Document, needle: &str, options: SearchOptions) -> Vec<CharSpan> {
    if needle.is_empty() {
        return Vec::new();
    }
    let needle_chars = needle.chars().count();
    let folded_needle;
    let (haystack, needle) = if options.case_sensitive {
        (document.text(), needle)
    } else {
        folded_needle = fold_case(needle);
        (document.folded_text(), folded_needle.as_str())
    };
    haystack
        .as_str()
        .match_indices(needle)
        .map(|(byte, _)| {
            let start = haystack.char_of(ByteOffset(byte));
            CharSpan {
                start,
                end: CharOffset(start.0 + needle_chars),
            }
        })
        .filter(|span| !options.whole_words || is_whole_word(document, *span))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn doc(text: &str) -> Document {
        Document::from_text(PathBuf::from("a.txt"), text.to_owned())
    }

    fn texts(document: &Document, spans: &[CharSpan]) -> Vec<String> {
        spans
            .iter()
            .map(|s| document.text().slice(*s).to_owned())
            .collect()
    }

    #[test]
    fn finds_every_occurrence_as_char_spans() {
        let d = doc("Zoë 👍🏽 ZOË, zoë's Zoëlle\r\n中文 and 中文字");
        let all = find_all(&d, "zoë", SearchOptions::default());
        assert_eq!(texts(&d, &all), ["Zoë", "ZOË", "zoë", "Zoë"]);
        assert_eq!(all[1], CharSpan::new(7, 10).unwrap());
        let exact = SearchOptions {
            case_sensitive: true,
            whole_words: false,
        };
        assert_eq!(find_all(&d, "Zoë", exact).len(), 2);
        let words = SearchOptions {
            case_sensitive: false,
            whole_words: true,
        };
        assert_eq!(
            texts(&d, &find_all(&d, "zoë", words)),
            ["Zoë", "ZOË", "zoë"]
        );
        // Ideographs stand alone, so a CJK word inside a longer run still counts.
        assert_eq!(find_all(&d, "中文", words).len(), 2);
        assert!(find_all(&d, "", words).is_empty());
    }

    #[test]
    fn folding_keeps_offsets_even_for_chars_that_grow_when_lowered() {
        // U+0130 lower-cases to two chars; it is kept as it is.
        let d = doc("İstanbul and istanbul");
        let all = find_all(&d, "ISTANBUL", SearchOptions::default());
        assert_eq!(texts(&d, &all), ["istanbul"]);
        assert_eq!(fold_case("İA").chars().count(), 2);
    }

    #[test]
    fn combining_marks_belong_to_their_word() {
        // "cafe" followed by a combining acute accent is not the word "cafe".
        let d = doc("cafe\u{301} and cafe");
        let words = SearchOptions {
            case_sensitive: true,
            whole_words: true,
        };
        assert_eq!(
            find_all(&d, "cafe", words),
            vec![CharSpan::new(10, 14).unwrap()]
        );
    }
}
