//! An article as Marginalia reads it: its decoded text, indexed by char, split into paragraphs.

use super::encoding::{self, DecodeError, TextEncoding};
use super::offsets::{ByteOffset, CharOffset, CharSpan, IndexedText};
use super::source::{Derived, Fingerprint};
use crate::extract::{self, ExtractError, SourceFormat};
use std::path::{Path, PathBuf};
use unicode_segmentation::UnicodeSegmentation;

/// Articles larger than this are refused when opened, to keep the app responsive.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// One paragraph: a run of text between line breaks (`\n`, `\r\n` or a lone `\r`), or a
/// piece of one longer than [`MAX_PARAGRAPH_CHARS`] (a 10 MB text on one line is read, laid out
/// and scrolled in pieces, never as a whole).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's chars, without its line break.
    pub span: CharSpan,
    /// True when the next paragraph goes on with the same line: this one was cut for length.
    pub continued: bool,
}

/// The most chars a paragraph has: a longer line is cut into pieces after a space near this
/// length (or, in text without spaces, between two grapheme clusters).
pub const MAX_PARAGRAPH_CHARS: usize = 4096;

/// Why an article could not be opened. Each message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The path does not exist.
    #[error("“{}” does not exist. Check the path, or pick the file again with File → Open….", .0.display())]
    NotFound(PathBuf),
    /// The path is a folder.
    #[error("“{}” is a folder, not an article. Open a text file inside it.", .0.display())]
    IsFolder(PathBuf),
    /// The file is too large to annotate comfortably.
    #[error("“{}” is {} MB, more than Marginalia opens ({} MB). Split the text into smaller files.", .path.display(), .size / 1_000_000, MAX_ARTICLE_BYTES / 1_000_000)]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// The file holds no text.
    #[error("“{}” is empty: there is nothing to annotate.", .0.display())]
    Empty(PathBuf),
    /// The file holds NUL bytes: not a text file.
    #[error("“{}” is not a text file (it contains binary data). Open a plain-text (.txt), Markdown (.md), saved web page (.html), Word (.docx), OpenDocument (.odt) or PDF (.pdf) article.", .0.display())]
    Binary(PathBuf),
    /// A document whose text could not be taken out of it.
    #[error("“{}” cannot be opened as {kind}: {source}.", .path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What kind of document it was taken for ("a Word document").
        kind: &'static str,
        /// Why.
        source: Box<ExtractError>,
    },
    /// A document with no text in it.
    #[error("“{}” is {kind} with no text in it: {what_to_do}.", .path.display())]
    NoText {
        /// The file.
        path: PathBuf,
        /// What kind of document it is ("a PDF").
        kind: &'static str,
        /// What to do about it.
        what_to_do: &'static str,
    },
    /// The file starts with a byte-order mark but its bytes break that encoding.
    #[error("“{}” starts with a {encoding} byte-order mark but is not valid {encoding} (first bad byte at offset {byte}). Save it again as UTF-8 and open it again.", .path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The encoding its byte-order mark promises.
        encoding: TextEncoding,
        /// Offset of the first bad byte.
        byte: usize,
    },
    /// A web page in which no article text was found.
    #[error("“{}” is a web page, but Marginalia found no article text in it (no paragraphs or headings outside menus, scripts and forms). Save the article's text as a .txt file and open that.", .0.display())]
    NoArticleText(PathBuf),
    /// The file could not be read.
    #[error("Could not read “{}”: {source}.", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Chars each side of an offset that word boundaries are looked for in, in a long paragraph.
const WORD_WINDOW: usize = 1000;

/// An article: where it came from, its text, fingerprint and paragraphs.
#[derive(Clone, Debug)]
pub struct Document {
    path: PathBuf,
    text: IndexedText,
    fingerprint: Fingerprint,
    paragraphs: Vec<Paragraph>,
    /// The text folded for searches that ignore case, accents or both (in that order), each
    /// made on the first search that needs it.
    folded: [std::sync::OnceLock<super::search::Folded>; 3],
    /// How the file's bytes were decoded.
    encoding: TextEncoding,
    /// For a text taken out of another kind of file (a web page, a Word document), where it
    /// came from.
    derived: Option<Derived>,
    /// For a PDF, the offset where each page starts (the first at 0); empty otherwise.
    page_starts: Vec<CharOffset>,
}

impl Document {
    /// Reads and decodes the article at `path`. Nothing on disk is changed.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        Self::open_with_progress(path, &super::Progress::default())
    }

    /// [`Document::open`], counting the bytes read and saying when it decodes into `progress`.
    pub fn open_with_progress(path: &Path, progress: &super::Progress) -> Result<Self, OpenError> {
        let io_error = |source: std::io::Error| match source.kind() {
            std::io::ErrorKind::NotFound => OpenError::NotFound(path.to_owned()),
            _ => OpenError::Io {
                path: path.to_owned(),
                source,
            },
        };
        let metadata = std::fs::metadata(path).map_err(io_error)?;
        if metadata.is_dir() {
            return Err(OpenError::IsFolder(path.to_owned()));
        }
        if metadata.len() > MAX_ARTICLE_BYTES {
            return Err(OpenError::TooLarge {
                path: path.to_owned(),
                size: metadata.len(),
            });
        }
        let bytes =
            super::progress::read_file(path, "Reading the article", progress).map_err(io_error)?;
        progress.start("Decoding the article", 0);
        Self::from_bytes(path.to_owned(), bytes)
    }

    /// Decodes an article's bytes: UTF-8 with or without a BOM, UTF-16 with a BOM, or
    /// Windows-1252 when the bytes are not UTF-8. The BOM is not part of the text.
    pub fn from_bytes(path: PathBuf, bytes: Vec<u8>) -> Result<Self, OpenError> {
        if bytes.is_empty() {
            return Err(OpenError::Empty(path));
        }
        let format = SourceFormat::of_path(&path);
        if let Some(format) = format.filter(|f| f.is_binary()) {
            let extracted =
                extract::binary_text(format, &bytes).map_err(|source| OpenError::Unreadable {
                    path: path.clone(),
                    kind: format.with_article(),
                    source: Box::new(source),
                })?;
            if extracted.text.is_empty() {
                return Err(OpenError::NoText {
                    path,
                    kind: format.with_article(),
                    what_to_do: format.when_no_text(),
                });
            }
            let mut document = Self::from_text(path, extracted.text).derived_from(format, &bytes);
            document.page_starts = extracted.page_starts.into_iter().map(CharOffset).collect();
            return Ok(document);
        }
        let (text, encoding) = match encoding::decode(&bytes) {
            Ok(decoded) => decoded,
            Err(DecodeError::Binary) => return Err(OpenError::Binary(path)),
            Err(DecodeError::Malformed { encoding, byte }) => {
                return Err(OpenError::Malformed {
                    path,
                    encoding,
                    byte,
                });
            }
        };
        if text.is_empty() {
            return Err(OpenError::Empty(path));
        }
        if format == Some(SourceFormat::Html) {
            let extracted = extract::html::extract(&text);
            if extracted.is_empty() {
                return Err(OpenError::NoArticleText(path));
            }
            let mut document =
                Self::from_text(path, extracted).derived_from(SourceFormat::Html, &bytes);
            document.encoding = encoding;
            return Ok(document);
        }
        let mut document = Self::from_text(path, text);
        document.encoding = encoding;
        Ok(document)
    }

    /// This document, its text taken out of the file of `format` whose bytes are `bytes`.
    fn derived_from(mut self, format: SourceFormat, bytes: &[u8]) -> Self {
        self.derived = Some(Derived {
            format,
            extractor_version: format.extractor_version(),
            source_fingerprint: Fingerprint::of_bytes(bytes),
        });
        self
    }

    /// An article from text already decoded.
    pub fn from_text(path: PathBuf, text: String) -> Self {
        let fingerprint = Fingerprint::of(&text);
        let paragraphs = split_paragraphs(&text);
        Self {
            path,
            text: IndexedText::new(text),
            fingerprint,
            paragraphs,
            folded: Default::default(),
            encoding: TextEncoding::Utf8,
            derived: None,
            page_starts: Vec::new(),
        }
    }

    /// For a text taken out of a web page or a Word document (the text is the page's article
    /// text, not its markup), where it came from; `None` for text files.
    pub fn derived(&self) -> Option<&Derived> {
        self.derived.as_ref()
    }

    /// For a PDF, how many pages it has; `None` for documents without pages.
    pub fn page_count(&self) -> Option<usize> {
        (!self.page_starts.is_empty()).then_some(self.page_starts.len())
    }

    /// For a PDF, the page (from 0) that holds `offset`; `None` for documents without pages.
    pub fn page_at(&self, offset: CharOffset) -> Option<usize> {
        (!self.page_starts.is_empty()).then(|| {
            self.page_starts
                .partition_point(|start| *start <= offset)
                .saturating_sub(1)
        })
    }

    /// For a PDF, where each page starts; empty for documents without pages.
    pub fn page_starts(&self) -> &[CharOffset] {
        &self.page_starts
    }

    /// How the file's bytes were decoded (UTF-8 for text given directly).
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// The text folded for searching: lower-cased where `case`, without diacritics where
    /// `accents` ([`super::search::fold`]), made once (at least one of them is asked for).
    pub fn folded(&self, case: bool, accents: bool) -> &super::search::Folded {
        let slot = match (case, accents) {
            (true, false) => 0,
            (false, true) => 1,
            _ => 2,
        };
        self.folded[slot].get_or_init(|| super::search::fold(self.text.as_str(), case, accents))
    }

    /// Where the article was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The article's file name, for titles and messages.
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The indexed text.
    pub fn text(&self) -> &IndexedText {
        &self.text
    }

    /// Number of chars in the text.
    pub fn char_count(&self) -> usize {
        self.text.char_count()
    }

    /// The text's fingerprint.
    pub fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }

    /// The paragraphs in text order; there is always at least one.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// Index of the paragraph that holds `offset`; an offset on a line break belongs to the
    /// paragraph before it.
    pub fn paragraph_at(&self, offset: CharOffset) -> usize {
        self.paragraphs
            .partition_point(|p| p.span.start <= offset)
            .saturating_sub(1)
    }

    /// The text of one paragraph.
    pub fn paragraph_text(&self, index: usize) -> &str {
        self.paragraphs
            .get(index)
            .map_or("", |p| self.text.slice(p.span))
    }

    /// The span with white space trimmed off both ends; `None` when nothing is left.
    pub fn trim_whitespace(&self, span: CharSpan) -> Option<CharSpan> {
        let text = self.text.slice(span);
        let leading = text.chars().take_while(|c| c.is_whitespace()).count();
        if leading == span.len() {
            return None;
        }
        let trailing = text.chars().rev().take_while(|c| c.is_whitespace()).count();
        CharSpan::new(span.start.0 + leading, span.end.0 - trailing)
    }

    /// The word segments (spans, and whether each is a word) of the stretch of the paragraph
    /// holding `offset` around it: the whole paragraph, or for a long one a window cut at white
    /// space; gives the stretch too.
    fn segments_near(&self, offset: CharOffset) -> (CharSpan, Vec<(CharSpan, bool)>) {
        let paragraph = self.paragraphs[self.paragraph_at(offset)].span;
        let window = if paragraph.len() <= 2 * WORD_WINDOW {
            paragraph
        } else {
            let cut = |from: usize, forward: bool| -> usize {
                // The nearest white space within reach, so that no word is split.
                let mut at = from;
                for _ in 0..WORD_WINDOW / 4 {
                    if self
                        .text
                        .char_at(CharOffset(at))
                        .is_some_and(char::is_whitespace)
                    {
                        return at;
                    }
                    at = if forward {
                        at + 1
                    } else {
                        at.saturating_sub(1)
                    };
                }
                from
            };
            let start = cut(
                offset.0.saturating_sub(WORD_WINDOW).max(paragraph.start.0),
                false,
            )
            .max(paragraph.start.0);
            let end = cut((offset.0 + WORD_WINDOW).min(paragraph.end.0), true).min(paragraph.end.0);
            CharSpan::between(CharOffset(start), CharOffset(end))
        };
        let base = self.text.byte_of(window.start).0;
        let segments = super::words::segments(self.text.slice(window))
            .into_iter()
            .map(|(bytes, word)| {
                let start = self.text.char_of(ByteOffset(base + bytes.start));
                let end = self.text.char_of(ByteOffset(base + bytes.end));
                (CharSpan::between(start, end), word)
            })
            .collect();
        (window, segments)
    }

    /// The word (or other segment, such as a number, punctuation or an emoji) at `offset`, by
    /// word boundaries of its script (dictionaries for Thai, Chinese, Japanese…); white space
    /// gives `None`.
    pub fn word_at(&self, offset: CharOffset) -> Option<CharSpan> {
        let (_, segments) = self.segments_near(offset);
        let (span, _) = segments
            .into_iter()
            .find(|(span, _)| span.start <= offset && offset < span.end)?;
        let blank = self.text.slice(span).chars().all(char::is_whitespace);
        (!blank).then_some(span)
    }

    /// True when `offset` is a word boundary.
    pub fn is_word_boundary(&self, offset: CharOffset) -> bool {
        let (window, segments) = self.segments_near(offset);
        offset == window.start
            || offset == window.end
            || segments.iter().any(|(span, _)| span.start == offset)
    }

    /// The first word edge found scanning from `offset` forward (or back): `pick` gives the
    /// edge a word offers, if it is one.
    fn scan_words(
        &self,
        offset: CharOffset,
        forward: bool,
        pick: impl Fn(CharSpan) -> Option<CharOffset>,
    ) -> CharOffset {
        let end = self.text.end();
        let mut at = offset;
        loop {
            if (forward && at >= end) || (!forward && at.0 == 0) {
                return at;
            }
            let probe = if forward { at } else { CharOffset(at.0 - 1) };
            let (window, segments) = self.segments_near(probe);
            let words = segments.iter().filter(|(_, word)| *word);
            let found = if forward {
                words.filter_map(|(span, _)| pick(*span)).next()
            } else {
                words.rev().filter_map(|(span, _)| pick(*span)).next()
            };
            if let Some(found) = found {
                return found;
            }
            at = if forward {
                CharOffset(window.end.0.max(at.0 + 1))
            } else {
                CharOffset(window.start.0.min(at.0 - 1))
            };
        }
    }

    /// The end of the next word after `offset` (skipping white space and punctuation first).
    pub fn next_word_end(&self, offset: CharOffset) -> CharOffset {
        self.scan_words(offset, true, |w| (w.end > offset).then_some(w.end))
    }

    /// The start of the word before `offset` (skipping white space and punctuation first).
    pub fn previous_word_start(&self, offset: CharOffset) -> CharOffset {
        self.scan_words(offset, false, |w| (w.start < offset).then_some(w.start))
    }

    /// The start of the next word that starts after `offset`.
    pub fn next_word_start(&self, offset: CharOffset) -> CharOffset {
        self.scan_words(offset, true, |w| (w.start > offset).then_some(w.start))
    }

    /// The end of the last word that ends before `offset`.
    pub fn previous_word_end(&self, offset: CharOffset) -> CharOffset {
        self.scan_words(offset, false, |w| (w.end < offset).then_some(w.end))
    }

    /// The next grapheme boundary after `offset` (line breaks count as one step, `\r\n` too).
    pub fn next_grapheme(&self, offset: CharOffset) -> CharOffset {
        let rest = self.text.chars_after(offset, 64);
        let step = rest.graphemes(true).next().map_or(0, |g| g.chars().count());
        CharOffset(offset.0 + step)
    }

    /// The grapheme boundary before `offset`.
    pub fn previous_grapheme(&self, offset: CharOffset) -> CharOffset {
        let before = self.text.chars_before(offset, 64);
        let step = before
            .graphemes(true)
            .next_back()
            .map_or(0, |g| g.chars().count());
        CharOffset(offset.0 - step)
    }
}

impl Document {
    /// The spans of the sentences of paragraph `index`, white space at their ends left out.
    fn sentences(&self, index: usize) -> Vec<CharSpan> {
        let Some(paragraph) = self.paragraphs.get(index) else {
            return Vec::new();
        };
        let text = self.text.slice(paragraph.span);
        let mut spans = Vec::new();
        let mut chars_so_far = 0;
        for sentence in text.split_sentence_bounds() {
            let len = sentence.chars().count();
            let trimmed = sentence.trim_end().chars().count();
            let lead = sentence.chars().take_while(|c| c.is_whitespace()).count();
            if trimmed > lead {
                let start = paragraph.span.start.0 + chars_so_far;
                spans.push(CharSpan {
                    start: CharOffset(start + lead),
                    end: CharOffset(start + trimmed),
                });
            }
            chars_so_far += len;
        }
        spans
    }

    /// The end of the sentence after `offset` (the next paragraph's first sentence when
    /// `offset` ends its paragraph's last one).
    pub fn next_sentence_end(&self, offset: CharOffset) -> CharOffset {
        (self.paragraph_at(offset)..self.paragraphs.len())
            .flat_map(|i| self.sentences(i))
            .map(|s| s.end)
            .find(|end| *end > offset)
            .unwrap_or(self.text.end())
    }

    /// The start of the sentence before `offset` (the previous paragraph's last sentence when
    /// `offset` starts its paragraph's first one).
    pub fn previous_sentence_start(&self, offset: CharOffset) -> CharOffset {
        (0..=self.paragraph_at(offset))
            .rev()
            .flat_map(|i| self.sentences(i).into_iter().rev())
            .map(|s| s.start)
            .find(|start| *start < offset)
            .unwrap_or(CharOffset(0))
    }

    /// The end of the paragraph that holds `offset`, or of the next non-blank one when
    /// `offset` is already at its end.
    pub fn next_paragraph_end(&self, offset: CharOffset) -> CharOffset {
        self.paragraphs[self.paragraph_at(offset)..]
            .iter()
            .filter(|p| !p.span.is_empty())
            .map(|p| p.span.end)
            .find(|end| *end > offset)
            .unwrap_or(self.text.end())
    }

    /// The start of the paragraph that holds `offset`, or of the previous non-blank one when
    /// `offset` is already at its start.
    pub fn previous_paragraph_start(&self, offset: CharOffset) -> CharOffset {
        self.paragraphs[..=self.paragraph_at(offset)]
            .iter()
            .rev()
            .filter(|p| !p.span.is_empty())
            .map(|p| p.span.start)
            .find(|start| *start < offset)
            .unwrap_or(CharOffset(0))
    }
}

/// Splits a text at `\n`, `\r\n` and lone `\r` (the breaks belong to no paragraph), and cuts
/// lines longer than [`MAX_PARAGRAPH_CHARS`] into pieces.
fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    // Where the chars after the last space in this paragraph start, if any.
    let mut after_space: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((byte, c)) = chars.next() {
        match c {
            '\n' => {
                paragraphs.push(Paragraph::whole(start, offset));
                offset += 1;
                start = offset;
                after_space = None;
            }
            '\r' => {
                paragraphs.push(Paragraph::whole(start, offset));
                offset += 1;
                if chars.peek().is_some_and(|(_, c)| *c == '\n') {
                    chars.next();
                    offset += 1;
                }
                start = offset;
                after_space = None;
            }
            _ => {
                if offset - start >= MAX_PARAGRAPH_CHARS {
                    // Cut after the last space if it is not far back, else here if this is
                    // between two grapheme clusters (else at the next char that is).
                    let cut = match after_space {
                        Some(cut) if cut > start + MAX_PARAGRAPH_CHARS / 2 => Some(cut),
                        _ => unicode_segmentation::GraphemeCursor::new(byte, text.len(), true)
                            .is_boundary(text, 0)
                            .ok()
                            .filter(|boundary| *boundary)
                            .map(|_| offset),
                    };
                    if let Some(cut) = cut {
                        paragraphs.push(Paragraph {
                            span: CharSpan::between(CharOffset(start), CharOffset(cut)),
                            continued: true,
                        });
                        start = cut;
                        after_space = None;
                    }
                }
                offset += 1;
                if c.is_whitespace() {
                    after_space = Some(offset);
                }
            }
        }
    }
    paragraphs.push(Paragraph::whole(start, offset));
    paragraphs
}

impl Paragraph {
    /// A paragraph that ends at a line break (or at the end of the text).
    fn whole(start: usize, end: usize) -> Self {
        Self {
            span: CharSpan::between(CharOffset(start), CharOffset(end)),
            continued: false,
        }
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    #[test]
    fn sentence_and_paragraph_moves() {
        let doc = Document::from_text(
            PathBuf::from("a.txt"),
            "Il a dit « oui ». Puis 👍🏽 non!\r\n\r\n中文句子。第二句。\n".to_owned(),
        );
        let end = |o: usize| doc.next_sentence_end(CharOffset(o)).0;
        let start = |o: usize| doc.previous_sentence_start(CharOffset(o)).0;
        assert_eq!(end(0), 17, "after « oui ».");
        assert_eq!(end(17), 30, "after non!");
        assert_eq!(end(30), 39, "into the next paragraph, past the blank one");
        assert_eq!(end(39), 43);
        assert_eq!(start(43), 39);
        assert_eq!(start(39), 34);
        assert_eq!(start(34), 18, "back to the previous paragraph");
        assert_eq!(start(18), 0);
        assert_eq!(doc.next_paragraph_end(CharOffset(3)).0, 30);
        assert_eq!(doc.next_paragraph_end(CharOffset(30)).0, 43);
        assert_eq!(doc.previous_paragraph_start(CharOffset(40)).0, 34);
        assert_eq!(doc.previous_paragraph_start(CharOffset(34)).0, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_text(PathBuf::from("t.txt"), text.to_owned())
    }

    fn spans(d: &Document) -> Vec<(usize, usize)> {
        d.paragraphs()
            .iter()
            .map(|p| (p.span.start.0, p.span.end.0))
            .collect()
    }

    #[test]
    fn paragraphs_split_at_every_kind_of_line_break() {
        assert_eq!(
            spans(&doc("a\nbc\r\nd\re")),
            vec![(0, 1), (2, 4), (6, 7), (8, 9)]
        );
        assert_eq!(
            spans(&doc("x\n\ny\n")),
            vec![(0, 1), (2, 2), (3, 4), (5, 5)]
        );
        assert_eq!(spans(&doc("no break")), vec![(0, 8)]);
    }

    #[test]
    fn very_long_lines_are_cut_into_pieces_between_grapheme_clusters() {
        // Words; then CJK with no spaces, broken by ZWJ and skin-tone emoji sequences.
        let words = "Amélie dit « bonjour » ".repeat(1_000);
        let cjk = "港口市的👩🏽‍🔬学校".repeat(2_000);
        let text = format!("short\n{words}\r\n{cjk}\nend");
        let d = doc(&text);
        let paragraphs = d.paragraphs();
        assert!(paragraphs.len() > 6, "{} paragraphs", paragraphs.len());
        // Contiguous within a line; a line's pieces are all continued but its last.
        for pair in paragraphs.windows(2) {
            if pair[0].continued {
                assert_eq!(pair[0].span.end, pair[1].span.start);
            } else {
                assert!(pair[0].span.end < pair[1].span.start);
            }
        }
        let boundaries: std::collections::HashSet<usize> = text
            .grapheme_indices(true)
            .map(|(byte, _)| text[..byte].chars().count())
            .chain([d.char_count()])
            .collect();
        for p in paragraphs {
            assert!(p.span.len() <= MAX_PARAGRAPH_CHARS + 8, "{p:?}");
            assert!(
                boundaries.contains(&p.span.end.0),
                "cut inside a cluster: {p:?}"
            );
            let piece = d.text().slice(p.span);
            if p.continued && p.span.start.0 < 6 + words.chars().count() {
                assert!(piece.ends_with(' '), "cut after a space: {piece:?}");
            }
        }
        assert_eq!(
            paragraphs.iter().filter(|p| !p.continued).count(),
            4,
            "four lines"
        );
        assert_eq!(d.paragraph_text(paragraphs.len() - 1), "end");
    }

    #[test]
    fn paragraph_text_and_lookup() {
        let d = doc("Zoë said\r\n“中文 👍🏽”\nend");
        assert_eq!(d.paragraph_text(1), "“中文 👍🏽”");
        assert_eq!(d.paragraph_at(CharOffset(0)), 0);
        assert_eq!(d.paragraph_at(CharOffset(9)), 0);
        assert_eq!(d.paragraph_at(CharOffset(10)), 1);
        assert_eq!(d.paragraph_at(CharOffset(d.char_count())), 2);
    }

    #[test]
    fn bom_is_not_part_of_the_text_and_bad_bytes_are_refused() {
        let d = Document::from_bytes("a.txt".into(), b"\xEF\xBB\xBFhi".to_vec()).unwrap();
        assert_eq!(d.text().as_str(), "hi");
        let legacy = Document::from_bytes("a.txt".into(), b"ab\xFFcd".to_vec()).unwrap();
        assert_eq!(legacy.text().as_str(), "abÿcd");
        assert_eq!(legacy.encoding(), TextEncoding::Windows1252);
        assert!(matches!(
            Document::from_bytes("a.txt".into(), b"\xEF\xBB\xBF".to_vec()),
            Err(OpenError::Empty(_))
        ));
        assert!(matches!(
            Document::from_bytes("a.bin".into(), b"\x89PNG\0\0".to_vec()),
            Err(OpenError::Binary(_))
        ));
        assert!(matches!(
            Document::from_bytes("e.txt".into(), b"\xEF\xBB\xBF".to_vec()),
            Err(OpenError::Empty(_))
        ));
    }

    #[test]
    fn words_follow_unicode_boundaries() {
        let d = doc("Le ministre Müller a dit « 12,5 % » 👨‍👩‍👧 fin");
        let word = |at| {
            d.word_at(CharOffset(at))
                .map(|s| d.text().slice(s).to_owned())
        };
        assert_eq!(word(13).as_deref(), Some("Müller"));
        assert_eq!(word(27).as_deref(), Some("12,5"));
        assert_eq!(word(2), None);
        assert_eq!(word(37).as_deref(), Some("👨‍👩‍👧"));
    }

    #[test]
    fn graphemes_keep_emoji_sequences_whole() {
        let d = doc("a👨‍👩‍👧b\r\nc");
        assert_eq!(d.next_grapheme(CharOffset(1)), CharOffset(6));
        assert_eq!(d.previous_grapheme(CharOffset(6)), CharOffset(1));
        assert_eq!(d.next_grapheme(CharOffset(7)), CharOffset(9));
        assert_eq!(d.previous_grapheme(CharOffset(9)), CharOffset(7));
    }

    #[test]
    fn word_steps_skip_spaces_and_punctuation() {
        let d = doc("One, two.  Three");
        assert_eq!(d.next_word_end(CharOffset(0)), CharOffset(3));
        assert_eq!(d.next_word_end(CharOffset(3)), CharOffset(8));
        assert_eq!(d.previous_word_start(CharOffset(16)), CharOffset(11));
        assert_eq!(d.previous_word_start(CharOffset(11)), CharOffset(5));
    }

    #[test]
    fn trimming_removes_outer_white_space_only() {
        let d = doc("  a b \r\n");
        let t = d.trim_whitespace(CharSpan::new(0, 8).unwrap()).unwrap();
        assert_eq!(d.text().slice(t), "a b");
        assert_eq!(d.trim_whitespace(CharSpan::new(5, 8).unwrap()), None);
    }
}
