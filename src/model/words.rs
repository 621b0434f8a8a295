//! Word boundaries. Text with chars of scripts written without spaces between words (Thai,
//! Lao, Khmer, Burmese, Chinese, Japanese) is segmented by ICU4X's word segmenter with its
//! compiled dictionaries and models; any other text by the Unicode word rules of UAX #29
//! (`unicode-segmentation`), which is quicker and gives the same there.

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};
use std::ops::Range;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// The segmenter for scripts written without spaces, made once.
static SEGMENTER: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_auto(WordBreakInvariantOptions::default()));

/// True for chars of scripts whose words are not separated by spaces.
pub fn needs_dictionary(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1000..=0x109F      // Myanmar
        | 0x1780..=0x17FF      // Khmer
        | 0x19E0..=0x19FF      // Khmer symbols
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF      // Katakana extensions
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF66..=0xFF9F      // Half-width Katakana
        | 0x20000..=0x3FFFF) // CJK extensions B and on
}

/// The segments of `text` between word boundaries, as byte ranges, each with whether it is a
/// word (letters or digits) rather than space or punctuation.
pub fn segments(text: &str) -> Vec<(Range<usize>, bool)> {
    if text.chars().any(needs_dictionary) {
        let mut breaks = SEGMENTER.segment_str(text).iter_with_word_type();
        let mut segments = Vec::new();
        let mut start = 0;
        if let Some((first, _)) = breaks.next() {
            start = first;
        }
        for (end, word_type) in breaks {
            if end > start {
                let wordlike = word_type.is_word_like() || is_wordlike(&text[start..end]);
                segments.push((start..end, wordlike));
            }
            start = end;
        }
        return segments;
    }
    text.split_word_bound_indices()
        .map(|(start, word)| (start..start + word.len(), is_wordlike(word)))
        .collect()
}

/// True when `segment` has a letter or digit (numbers and emoji sequences with them count).
fn is_wordlike(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text`, as strings.
    fn words(text: &str) -> Vec<&str> {
        segments(text)
            .into_iter()
            .filter(|(_, word)| *word)
            .map(|(range, _)| &text[range])
            .collect()
    }

    #[test]
    fn words_of_every_script() {
        let cases: [(&str, &[&str]); 5] = [
            ("The mayor said: “No.”", &["The", "mayor", "said", "No"]),
            (
                "Le maire l'a dit, 48,6 M€.",
                &["Le", "maire", "l'a", "dit", "48,6", "M"],
            ),
            ("ทุกสองสัปดาห์", &["ทุก", "สอง", "สัปดาห์"]),
            ("こんにちは世界", &["こんにちは", "世界"]),
            ("港口市政府今天表示", &["港口", "市政府", "今天", "表示"]),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), expected, "{text}");
        }
    }

    #[test]
    fn lao_khmer_and_burmese_are_cut_into_words_not_chars() {
        for text in ["ຂ້ອຍຮັກເຈົ້າຫຼາຍ", "ខ្ញុំស្រឡាញ់អ្នក", "ကျွန်တော်မြန်မာစကားပြောတယ်"]
        {
            let found = words(text).len();
            assert!(
                found > 1 && found < text.chars().count() / 2,
                "{text}: {:?}",
                words(text)
            );
        }
    }

    #[test]
    fn segments_cover_the_text_without_gaps() {
        for text in ["ทุกสองสัปดาห์ and more", "  leading", "世界、こんにちは。", ""]
        {
            let mut at = 0;
            for (range, _) in segments(text) {
                assert_eq!(range.start, at, "{text}");
                at = range.end;
            }
            assert_eq!(at, text.len(), "{text}");
        }
    }
}
