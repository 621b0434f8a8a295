//! Char offsets, byte offsets and the one place that converts between them.
//!
//! Every position Marginalia stores is a [`CharOffset`]: a count of Unicode scalar values from the
//! start of the article's decoded text (no BOM; `\r\n` counts as two). Rust strings are indexed by
//! bytes, so slicing a `str` at a char offset is a bug; [`IndexedText`] owns the text together
//! with a checkpoint table that converts in both directions in O(1) amortised time, and is the
//! only code that does so.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A position in a text counted in Unicode scalar values (Rust `char`s) from its start.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CharOffset(pub usize);

/// A position in a text counted in UTF-8 bytes from its start. Only [`IndexedText`] makes these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteOffset(pub usize);

/// A half-open range `[start, end)` of char offsets, with `start <= end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CharSpan {
    /// First char of the span.
    pub start: CharOffset,
    /// One past the last char of the span.
    pub end: CharOffset,
}

impl CharSpan {
    /// The span between two offsets, in whichever order they are given.
    pub fn between(a: CharOffset, b: CharOffset) -> Self {
        Self {
            start: a.min(b),
            end: a.max(b),
        }
    }

    /// The span `[start, end)`; `None` when `end < start`.
    pub fn new(start: usize, end: usize) -> Option<Self> {
        (start <= end).then_some(Self {
            start: CharOffset(start),
            end: CharOffset(end),
        })
    }

    /// Number of chars in the span.
    pub fn len(self) -> usize {
        self.end.0 - self.start.0
    }

    /// True when the span holds no char.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `offset` is one of the span's chars.
    pub fn contains(self, offset: CharOffset) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when the two spans share at least one char.
    pub fn overlaps(self, other: CharSpan) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The chars both spans share, if any.
    pub fn intersection(self, other: CharSpan) -> Option<CharSpan> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(CharSpan { start, end })
    }

    /// The span as a plain `usize` range.
    pub fn range(self) -> Range<usize> {
        self.start.0..self.end.0
    }
}

/// Converts char offsets of a text to UTF-16 code units (what JavaScript counts) and back. Only
/// chars outside the Basic Multilingual Plane (emoji, rare CJK) take two units, so only their
/// offsets are stored.
#[derive(Clone, Debug)]
pub struct Utf16Index {
    /// Char offsets of the chars that take two UTF-16 units, ascending.
    astral: Vec<usize>,
    char_count: usize,
}

impl Utf16Index {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut astral = Vec::new();
        let mut char_count = 0;
        for (i, c) in text.chars().enumerate() {
            if c.len_utf16() == 2 {
                astral.push(i);
            }
            char_count = i + 1;
        }
        Self { astral, char_count }
    }

    /// The UTF-16 offset of char offset `offset`.
    pub fn to_utf16(&self, offset: CharOffset) -> usize {
        offset.0 + self.astral.partition_point(|&a| a < offset.0)
    }

    /// The char offset at UTF-16 offset `units`; `None` inside a surrogate pair or past the end.
    pub fn from_utf16(&self, units: usize) -> Option<CharOffset> {
        // `to_utf16` strictly increases, so a binary search over char offsets finds it.
        let (mut low, mut high) = (0, self.char_count);
        while low <= high {
            let middle = low + (high - low) / 2;
            match self.to_utf16(CharOffset(middle)).cmp(&units) {
                std::cmp::Ordering::Equal => return Some(CharOffset(middle)),
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater if middle == 0 => return None,
                std::cmp::Ordering::Greater => high = middle - 1,
            }
        }
        None
    }
}

/// Chars between two checkpoints of [`IndexedText`].
const CHECKPOINT_STRIDE: usize = 64;

/// A text together with the table that converts its char offsets to byte offsets and back.
#[derive(Clone, Debug)]
pub struct IndexedText {
    text: String,
    char_count: usize,
    /// Byte offset of every `CHECKPOINT_STRIDE`-th char; empty when the text is ASCII.
    checkpoints: Vec<usize>,
}

impl IndexedText {
    /// Indexes `text` (one pass over its bytes).
    pub fn new(text: String) -> Self {
        if text.is_ascii() {
            return Self {
                char_count: text.len(),
                text,
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_STRIDE + 1);
        let mut char_count = 0;
        for (byte, _) in text.char_indices() {
            if char_count % CHECKPOINT_STRIDE == 0 {
                checkpoints.push(byte);
            }
            char_count += 1;
        }
        Self {
            text,
            char_count,
            checkpoints,
        }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Number of chars in the text.
    pub fn char_count(&self) -> usize {
        self.char_count
    }

    /// The end of the text as a char offset.
    pub fn end(&self) -> CharOffset {
        CharOffset(self.char_count)
    }

    fn is_ascii(&self) -> bool {
        self.checkpoints.is_empty()
    }

    /// Byte offset of the char at `offset`; offsets past the end give the text's byte length.
    pub fn byte_of(&self, offset: CharOffset) -> ByteOffset {
        if offset.0 >= self.char_count {
            return ByteOffset(self.text.len());
        }
        if self.is_ascii() {
            return ByteOffset(offset.0);
        }
        let checkpoint = offset.0 / CHECKPOINT_STRIDE;
        let base = self.checkpoints[checkpoint];
        let skip = offset.0 - checkpoint * CHECKPOINT_STRIDE;
        let within = self.text[base..]
            .char_indices()
            .nth(skip)
            .map_or(self.text.len() - base, |(byte, _)| byte);
        ByteOffset(base + within)
    }

    /// Char offset of the char that contains byte `byte` (a byte inside a multi-byte char maps to
    /// that char); bytes past the end give the char count.
    pub fn char_of(&self, byte: ByteOffset) -> CharOffset {
        if byte.0 >= self.text.len() {
            return self.end();
        }
        if self.is_ascii() {
            return CharOffset(byte.0);
        }
        let checkpoint = self.checkpoints.partition_point(|&b| b <= byte.0) - 1;
        let base = self.checkpoints[checkpoint];
        let within = self.text[base..]
            .char_indices()
            .take_while(|&(b, _)| base + b <= byte.0)
            .count()
            - 1;
        CharOffset(checkpoint * CHECKPOINT_STRIDE + within)
    }

    /// Byte range of a char span, clamped to the text.
    pub fn byte_range(&self, span: CharSpan) -> Range<usize> {
        self.byte_of(span.start).0..self.byte_of(span.end).0
    }

    /// The text of a char span, clamped to the text.
    pub fn slice(&self, span: CharSpan) -> &str {
        &self.text[self.byte_range(span)]
    }

    /// The char at `offset`, if inside the text.
    pub fn char_at(&self, offset: CharOffset) -> Option<char> {
        if offset.0 >= self.char_count {
            return None;
        }
        self.text[self.byte_of(offset).0..].chars().next()
    }

    /// Up to `n` chars ending at `offset`.
    pub fn chars_before(&self, offset: CharOffset, n: usize) -> &str {
        self.slice(CharSpan::between(
            CharOffset(offset.0.saturating_sub(n)),
            offset,
        ))
    }

    /// Up to `n` chars starting at `offset`.
    pub fn chars_after(&self, offset: CharOffset, n: usize) -> &str {
        let end = CharOffset((offset.0 + n).min(self.char_count));
        self.slice(CharSpan::between(offset.min(end), end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fixture the offsets must survive: accents, a skin-tone emoji, a ZWJ family,
    /// CJK, Arabic and CRLF line breaks.
    const FIXTURES: &[&str] = &[
        "café au lait",
        "thumbs 👍🏽 up",
        "family 👨‍👩‍👧 here",
        "中文新闻报道",
        "قال الوزير العربية",
        "line one\r\nline two\r\n",
        "",
        "plain ascii",
    ];

    #[test]
    fn byte_and_char_offsets_round_trip_on_every_char() {
        for text in FIXTURES {
            let indexed = IndexedText::new((*text).to_owned());
            assert_eq!(indexed.char_count(), text.chars().count());
            for (i, (byte, _)) in text.char_indices().enumerate() {
                assert_eq!(
                    indexed.byte_of(CharOffset(i)),
                    ByteOffset(byte),
                    "{text:?} char {i}"
                );
                assert_eq!(
                    indexed.char_of(ByteOffset(byte)),
                    CharOffset(i),
                    "{text:?} byte {byte}"
                );
            }
            assert_eq!(indexed.byte_of(indexed.end()), ByteOffset(text.len()));
        }
    }

    #[test]
    fn long_texts_cross_many_checkpoints() {
        let text: String = "é👍🏽a中\r\n".repeat(500);
        let indexed = IndexedText::new(text.clone());
        for (i, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(indexed.byte_of(CharOffset(i)).0, byte);
            assert_eq!(indexed.char_of(ByteOffset(byte)).0, i);
        }
    }

    #[test]
    fn slices_follow_chars_not_bytes() {
        let indexed = IndexedText::new("a 👨‍👩‍👧 b é".to_owned());
        // The family is five chars: man, ZWJ, woman, ZWJ, girl.
        assert_eq!(indexed.slice(CharSpan::new(2, 7).unwrap()), "👨‍👩‍👧");
        assert_eq!(indexed.slice(CharSpan::new(10, 11).unwrap()), "é");
        assert_eq!(indexed.char_at(CharOffset(10)), Some('é'));
        assert_eq!(indexed.chars_before(CharOffset(2), 32), "a ");
        assert_eq!(indexed.chars_after(CharOffset(8), 32), "b é");
    }

    #[test]
    fn crlf_counts_as_two_chars() {
        let indexed = IndexedText::new("ab\r\ncd".to_owned());
        assert_eq!(indexed.char_count(), 6);
        assert_eq!(indexed.slice(CharSpan::new(4, 6).unwrap()), "cd");
    }

    #[test]
    fn a_byte_inside_a_char_maps_to_that_char() {
        let indexed = IndexedText::new("xé中".to_owned());
        assert_eq!(indexed.char_of(ByteOffset(2)), CharOffset(1));
        assert_eq!(indexed.char_of(ByteOffset(4)), CharOffset(2));
    }

    #[test]
    fn spans_overlap_and_intersect() {
        let a = CharSpan::new(0, 5).unwrap();
        let b = CharSpan::new(4, 9).unwrap();
        let c = CharSpan::new(5, 9).unwrap();
        assert!(a.overlaps(b));
        assert!(!a.overlaps(c));
        assert_eq!(a.intersection(b), CharSpan::new(4, 5));
        assert_eq!(CharSpan::new(3, 2), None);
        assert_eq!(CharSpan::between(CharOffset(7), CharOffset(2)).len(), 5);
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs_twice() {
        let index = Utf16Index::new("a👍🏽b港");
        // a, 👍 (2 units), 🏽 (2 units), b, 港
        assert_eq!(index.to_utf16(CharOffset(0)), 0);
        assert_eq!(index.to_utf16(CharOffset(2)), 3);
        assert_eq!(index.to_utf16(CharOffset(3)), 5);
        assert_eq!(index.to_utf16(CharOffset(5)), 7);
        for c in 0..=5 {
            let units = index.to_utf16(CharOffset(c));
            assert_eq!(index.from_utf16(units), Some(CharOffset(c)));
        }
        assert_eq!(index.from_utf16(2), None, "inside 👍");
        assert_eq!(index.from_utf16(8), None, "past the end");
    }
}
