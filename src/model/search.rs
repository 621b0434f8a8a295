//! Finding text in an article: every occurrence of a string as char spans of the article's
//! exact text. By default case and accents do not matter (as in browsers: "natasha" finds
//! "Natásha"); whole words are whole by the word boundaries of their script. Used by Find and by
//! Annotate All Occurrences.

use super::document::Document;
use super::offsets::{ByteOffset, CharOffset, CharSpan, IndexedText};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// How to match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    /// Match upper and lower case exactly.
    pub case_sensitive: bool,
    /// Only matches that start and end at word boundaries.
    pub whole_words: bool,
    /// Match accents and other diacritics exactly (otherwise "e" finds "é").
    pub match_accents: bool,
}

/// A text folded for searching, with where each of its chars came from.
#[derive(Clone, Debug)]
pub struct Folded {
    /// The folded text.
    text: IndexedText,
    /// For each char of `text`, the offset of the char of the original it came from; `None`
    /// when they are the same (nothing was dropped or added).
    origin: Option<Vec<u32>>,
}

/// `text` folded: lower-cased where `case` (each char that lower-cases to one char), and with
/// diacritics taken off where `accents` (a char becomes the base of its canonical decomposition,
/// combining marks of their own are dropped).
pub fn fold(text: &str, case: bool, accents: bool) -> Folded {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::new();
    let mut shifted = false;
    for (index, c) in text.chars().enumerate() {
        let c = if case { fold_char(c) } else { c };
        if !accents {
            folded.push(c);
            continue;
        }
        if is_combining_mark(c) {
            shifted = true;
            continue;
        }
        folded.push(base_char(c));
        origin.push(u32::try_from(index).unwrap_or(u32::MAX));
    }
    Folded {
        text: IndexedText::new(folded),
        origin: shifted.then_some(origin),
    }
}

impl Folded {
    /// The span of the original text that folded span `start..end` came from.
    fn original(&self, start: usize, end: usize) -> CharSpan {
        match &self.origin {
            None => CharSpan::between(CharOffset(start), CharOffset(end)),
            Some(origin) => {
                let at = |i: usize| origin.get(i).map_or(usize::MAX, |&o| o as usize);
                let first = at(start);
                let last = if end > start { at(end - 1) + 1 } else { first };
                CharSpan::between(CharOffset(first), CharOffset(last))
            }
        }
    }
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

/// The letter under a char's diacritics: the first char of its canonical decomposition, and
/// a few letters with strokes that have none.
fn base_char(c: char) -> char {
    let stroked = match c {
        'ø' => Some('o'),
        'Ø' => Some('O'),
        'ł' => Some('l'),
        'Ł' => Some('L'),
        'đ' => Some('d'),
        'Đ' => Some('D'),
        'ı' => Some('i'),
        _ => None,
    };
    if let Some(base) = stroked {
        return base;
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    base.unwrap_or(c)
}

/// True for chars that make up words: letters, digits, underscore and combining marks, but
/// not CJK ideographs, kana or Hangul, whose word boundaries come from a dictionary.
fn is_word_char(c: char) -> bool {
    let combining = matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F);
    let stands_alone = matches!(c as u32, 0xAC00..=0xD7AF);
    (c.is_alphanumeric() || c == '_' || combining)
        && !stands_alone
        && !super::words::needs_dictionary(c)
}

/// True when `span` starts and ends at word boundaries in `document`: by the chars around its
/// edges, or, in scripts written without spaces, by their dictionary.
pub fn is_whole_word(document: &Document, span: CharSpan) -> bool {
    let text = document.text();
    let char_before = |offset: CharOffset| {
        offset
            .0
            .checked_sub(1)
            .and_then(|i| text.char_at(CharOffset(i)))
    };
    let edge = |offset: CharOffset| {
        let (before, after) = (char_before(offset), text.char_at(offset));
        let dictionary = [before, after]
            .iter()
            .flatten()
            .any(|c| super::words::needs_dictionary(*c));
        if dictionary {
            return document.is_word_boundary(offset);
        }
        !matches!((before, after), (Some(a), Some(b)) if is_word_char(a) && is_word_char(b))
    };
    edge(span.start) && edge(span.end)
}

/// Every occurrence of `needle` in `document`, in text order, not overlapping one another, as
/// spans of the article's exact text.
pub fn find_all(document: &Document, needle: &str, options: SearchOptions) -> Vec<CharSpan> {
    let case = !options.case_sensitive;
    let accents = !options.match_accents;
    let folded_needle = fold(needle, case, accents);
    let needle = folded_needle.text.as_str();
    if needle.is_empty() {
        return Vec::new();
    }
    let needle_chars = folded_needle.text.char_count();
    let folded = (case || accents).then(|| document.folded(case, accents));
    let haystack = folded.map_or(document.text(), |f| &f.text);
    haystack
        .as_str()
        .match_indices(needle)
        .map(|(byte, _)| {
            let start = haystack.char_of(ByteOffset(byte)).0;
            let end = start + needle_chars;
            let span = folded.map_or(CharSpan::between(CharOffset(start), CharOffset(end)), |f| {
                f.original(start, end)
            });
            // When accents do not matter, combining marks after the last char belong to it.
            let mut end = span.end;
            while accents && text_char_is_mark(document, end) {
                end = CharOffset(end.0 + 1);
            }
            CharSpan::between(span.start, end)
        })
        .filter(|span| !options.whole_words || is_whole_word(document, *span))
        .collect()
}

fn text_char_is_mark(document: &Document, offset: CharOffset) -> bool {
    document
        .text()
        .char_at(offset)
        .is_some_and(is_combining_mark)
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
            match_accents: true,
            ..SearchOptions::default()
        };
        assert_eq!(find_all(&d, "Zoë", exact).len(), 2);
        let words = SearchOptions {
            whole_words: true,
            ..SearchOptions::default()
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
        assert_eq!(fold("İA", true, false).text.char_count(), 2);
    }

    #[test]
    fn combining_marks_belong_to_their_word() {
        // "cafe" followed by a combining acute accent is not the word "cafe".
        let d = doc("cafe\u{301} and cafe");
        let words = SearchOptions {
            case_sensitive: true,
            whole_words: true,
            match_accents: true,
        };
        assert_eq!(
            find_all(&d, "cafe", words),
            vec![CharSpan::new(10, 14).unwrap()]
        );
    }

    #[test]
    fn accents_and_case_do_not_matter_unless_asked_and_offsets_stay_exact() {
        // Precomposed and decomposed accents, and a stroked letter.
        let d = doc("Natásha, NATASHA, Nata\u{301}sha and Søren; Soren.");
        let all = find_all(&d, "natasha", SearchOptions::default());
        assert_eq!(texts(&d, &all), ["Natásha", "NATASHA", "Nata\u{301}sha"]);
        assert_eq!(
            all[2],
            CharSpan::new(18, 26).unwrap(),
            "the mark is counted"
        );
        let cases: [(SearchOptions, &str, usize); 4] = [
            (SearchOptions::default(), "Søren", 2),
            (
                SearchOptions {
                    match_accents: true,
                    ..SearchOptions::default()
                },
                "Søren",
                1,
            ),
            (
                SearchOptions {
                    case_sensitive: true,
                    ..SearchOptions::default()
                },
                "natasha",
                0,
            ),
            (
                SearchOptions {
                    case_sensitive: true,
                    ..SearchOptions::default()
                },
                "Natasha",
                2,
            ),
        ];
        for (options, needle, count) in cases {
            assert_eq!(
                find_all(&d, needle, options).len(),
                count,
                "{needle} {options:?}"
            );
        }
        // A match that ends before a combining mark takes the mark along.
        let d = doc("Nata\u{301}");
        assert_eq!(
            find_all(&d, "nata", SearchOptions::default()),
            [CharSpan::new(0, 5).unwrap()]
        );
    }

    #[test]
    fn whole_words_in_thai_and_japanese_follow_their_dictionaries() {
        let d = doc("ทุกสองสัปดาห์ and こんにちは世界");
        let words = SearchOptions {
            whole_words: true,
            ..SearchOptions::default()
        };
        assert_eq!(texts(&d, &find_all(&d, "สอง", words)), ["สอง"]);
        assert!(find_all(&d, "สัป", words).is_empty(), "inside a word");
        assert_eq!(texts(&d, &find_all(&d, "世界", words)), ["世界"]);
        assert!(find_all(&d, "にち", words).is_empty());
    }
}
