//! One annotation: a labelled span of an article.

use super::attributes::{Attributes, Excerpt};
use super::document::Document;
use super::offsets::CharSpan;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Chars of context kept before and after an annotation's text, for re-anchoring.
pub const CONTEXT_CHARS: usize = 32;

/// What a span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// Words attributed to someone, direct or reported.
    Quote,
    /// A statement that can be checked.
    Claim,
    /// A named person, organisation, place or thing.
    Entity,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 3] = [Kind::Quote, Kind::Claim, Kind::Entity];

    /// The kind's name in files and other tools' formats (brat labels, W3C bodies, CSV,
    /// statistics): stable, whatever the window calls it.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Quote => "Quote",
            Kind::Claim => "Claim",
            Kind::Entity => "Entity",
        }
    }

    /// The kind whose [`Kind::id`] is `id`, in any case.
    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.id().eq_ignore_ascii_case(id.trim()))
    }

    /// The kind's name as shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Quote => "Quote",
            Kind::Claim => "Claim",
            Kind::Entity => "Entity",
        }
    }

    /// The label with its indefinite article, for sentences: "a Quote", "an Entity".
    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Quote => "a Quote",
            Kind::Claim => "a Claim",
            Kind::Entity => "an Entity",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A stable, unique identifier of an annotation within its set (ten hex digits).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnotationId(pub String);

impl AnnotationId {
    /// A fresh random id for which `taken` is false.
    pub fn generate(taken: impl Fn(&AnnotationId) -> bool) -> Self {
        let state = std::collections::hash_map::RandomState::new();
        let mut counter: u64 = 0;
        loop {
            let mut hasher = state.build_hasher();
            hasher.write_u64(counter);
            let id = AnnotationId(format!("{:010x}", hasher.finish() & 0xff_ffff_ffff));
            if !taken(&id) {
                return id;
            }
            counter += 1;
        }
    }
}

impl fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A time that is not RFC 3339.
#[derive(Debug, thiserror::Error)]
#[error("bad time {text:?}: {source}")]
pub struct TimeError {
    /// What was read.
    pub text: String,
    /// What is wrong with it.
    pub source: humantime::TimestampError,
}

/// A moment, to the second, stored as an RFC 3339 UTC string (`2026-11-29T19:21:12Z`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(u64);

impl Timestamp {
    /// The current time.
    pub fn now() -> Self {
        Self(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        )
    }

    /// A time given in seconds since 1970-01-01 UTC.
    pub fn from_unix_seconds(seconds: u64) -> Self {
        Self(seconds)
    }

    /// Parses an RFC 3339 time such as `2026-11-29T19:21:12Z`.
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let time = humantime::parse_rfc3339(text).map_err(|source| TimeError {
            text: text.to_owned(),
            source,
        })?;
        Ok(Self(
            time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        ))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let time = UNIX_EPOCH + Duration::from_secs(self.0);
        write!(f, "{}", humantime::format_rfc3339_seconds(time))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A labelled span of an article, with the text it covered and the context around it, so that
/// it can be found again if the article changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// Stable unique id within the set.
    pub id: AnnotationId,
    /// Where it is, in chars (for a quote in several fragments, the first one).
    pub span: CharSpan,
    /// The exact text of the span.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] chars before the span.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars after the span.
    pub suffix: String,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed.
    pub modified: Timestamp,
    /// A free-text note.
    pub note: Option<String>,
    /// Free-form tags, sorted, each once.
    pub tags: Vec<String>,
    /// Further fragments after `span`, in text order: a quote interrupted by "she said", or a
    /// discontinuous span imported from brat.
    pub fragments: Vec<Excerpt>,
    /// The label it had in the tool it was imported from, when that is not its kind's or entity
    /// type's name (brat's `Citation` for a quote), so that exporting gives it back.
    pub source_label: Option<String>,
    /// The rule of the suggestion it was accepted from, when a suggestion made it.
    pub suggested_by: Option<String>,
    /// The kind, and what that kind carries.
    pub attributes: Attributes,
}

impl Excerpt {
    /// The excerpt of `document` at `span`.
    pub fn of(document: &Document, span: CharSpan) -> Self {
        Self {
            span,
            text: document.text().slice(span).to_owned(),
        }
    }

    /// True when the document holds this excerpt's exact text at its span.
    pub fn is_anchored_in(&self, document: &Document) -> bool {
        !self.span.is_empty()
            && self.span.end.0 <= document.char_count()
            && document.text().slice(self.span) == self.text
    }
}

impl Annotation {
    /// A new annotation of `span` in `document`, taking its text and context from the document.
    pub fn new(id: AnnotationId, kind: Kind, span: CharSpan, document: &Document) -> Self {
        let text = document.text();
        let now = Timestamp::now();
        Self {
            id,
            span,
            text: text.slice(span).to_owned(),
            prefix: text.chars_before(span.start, CONTEXT_CHARS).to_owned(),
            suffix: text.chars_after(span.end, CONTEXT_CHARS).to_owned(),
            created: now,
            modified: now,
            note: None,
            tags: Vec::new(),
            fragments: Vec::new(),
            source_label: None,
            suggested_by: None,
            attributes: Attributes::empty(kind),
        }
    }

    /// What the span is.
    pub fn kind(&self) -> Kind {
        self.attributes.kind()
    }

    /// What the annotation is labelled, as other tools and comparisons see it: the label it
    /// was imported with, an entity's type, or its kind's [`Kind::id`].
    pub fn label(&self) -> &str {
        if let Some(label) = &self.source_label {
            return label;
        }
        match &self.attributes {
            Attributes::Entity(e) => e.entity_type.as_deref().unwrap_or(Kind::Entity.id()),
            other => other.kind().id(),
        }
    }

    /// The main span and every further fragment, in text order.
    pub fn pieces(&self) -> impl Iterator<Item = CharSpan> + '_ {
        std::iter::once(self.span).chain(self.fragments.iter().map(|f| f.span))
    }

    /// From the start of the first piece to the end of the last.
    pub fn extent(&self) -> CharSpan {
        let end = self.pieces().map(|p| p.end).max().unwrap_or(self.span.end);
        CharSpan {
            start: self.span.start,
            end,
        }
    }

    /// The excerpts besides the main span that must stay anchored: fragments and the cue.
    pub fn excerpts(&self) -> impl Iterator<Item = &Excerpt> {
        let cue = match &self.attributes {
            Attributes::Quote(q) => q.cue.as_ref(),
            _ => None,
        };
        self.fragments.iter().chain(cue)
    }

    /// True when the document holds this annotation's exact text at its span, and each
    /// fragment's and the cue's at theirs.
    pub fn is_anchored_in(&self, document: &Document) -> bool {
        !self.span.is_empty()
            && self.span.end.0 <= document.char_count()
            && document.text().slice(self.span) == self.text
            && self.excerpts().all(|e| e.is_anchored_in(document))
    }

    /// The order of annotations in a set: by start, then end, kind and id.
    pub fn sort_key(&self) -> (usize, usize, Kind, &AnnotationId) {
        (self.span.start.0, self.span.end.0, self.kind(), &self.id)
    }

    /// The text of every piece, joined by " … ".
    pub fn full_text(&self) -> String {
        let mut text = self.text.clone();
        for fragment in &self.fragments {
            text.push_str(" … ");
            text.push_str(&fragment.text);
        }
        text
    }

    /// [`Self::snippet`] in “ ”, without doubling the quote's own marks.
    pub fn quoted_snippet(&self, max_chars: usize) -> String {
        in_quotation_marks(&self.snippet(max_chars))
    }

    /// A one-line excerpt of the text, at most `max_chars` long, for lists.
    pub fn snippet(&self, max_chars: usize) -> String {
        snippet(&self.full_text(), max_chars)
    }
}

/// A one-line excerpt of `text`, at most `max_chars` long and cut between words, for lists.
pub fn snippet(text: &str, max_chars: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut words = flat.split(' ').filter(|w| !w.is_empty()).peekable();
    let mut out = String::new();
    while let Some(word) = words.next() {
        if out.chars().count() + word.chars().count() + 1 > max_chars {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if words.peek().is_none() {
            break;
        }
    }
    if out.is_empty() {
        out = flat.chars().take(max_chars).collect();
    }
    out
}

/// Quotation marks that may open or close a quote's own text.
const QUOTATION_MARKS: &[char] = &[
    '"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '«', '»', '‹', '›', '「', '」', '『', '』', '〝',
    '〞', '＂',
];

/// `text` in “ ” for lists and reports, without doubling the marks it already has at its ends
/// (“We wait,” reads “We wait,” not ““We wait,””).
pub fn in_quotation_marks(text: &str) -> String {
    let inner = text
        .trim()
        .trim_start_matches(QUOTATION_MARKS)
        .trim_end_matches(QUOTATION_MARKS)
        .trim();
    format!("“{inner}”")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn new_annotations_take_text_and_context_from_the_document() {
        let doc = Document::from_text(
            PathBuf::from("a.txt"),
            "Père Noël 🎅🏿 a dit: «Oui».".to_owned(),
        );
        let span = CharSpan::new(5, 9).unwrap();
        let a = Annotation::new(AnnotationId("x".into()), Kind::Entity, span, &doc);
        assert_eq!(a.text, "Noël");
        assert_eq!(a.prefix, "Père ");
        assert_eq!(a.suffix, " 🎅🏿 a dit: «Oui».");
        assert!(a.is_anchored_in(&doc));
    }

    #[test]
    fn timestamps_round_trip_through_rfc3339() {
        let t = Timestamp::from_unix_seconds(1_796_066_472);
        assert_eq!(t.to_string(), "2026-11-30T19:21:12Z");
        assert_eq!(Timestamp::parse(&t.to_string()).ok(), Some(t));
        assert!(Timestamp::parse("yesterday").is_err());
    }

    #[test]
    fn generated_ids_avoid_taken_ones() {
        let first = AnnotationId::generate(|_| false);
        assert_eq!(first.0.len(), 10);
        let second = AnnotationId::generate(|id| *id == first);
        assert_ne!(first, second);
    }

    #[test]
    fn snippets_are_one_line_and_bounded() {
        let doc = Document::from_text(
            PathBuf::from("a.txt"),
            "one two\r\nthree four five".to_owned(),
        );
        let a = Annotation::new(
            AnnotationId("x".into()),
            Kind::Quote,
            CharSpan::new(0, 24).unwrap(),
            &doc,
        );
        assert_eq!(a.snippet(100), "one two three four five");
        assert_eq!(a.snippet(12), "one two…");
    }

    #[test]
    fn quoted_text_has_one_pair_of_marks() {
        let cases = [
            ("“We wait,”", "“We wait,”"),
            ("We wait", "“We wait”"),
            (
                "\"Compared to the United States…\"",
                "“Compared to the United States…”",
            ),
            ("« Nous attendons »", "“Nous attendons”"),
            ("「こんにちは」", "“こんにちは”"),
            ("  ‘it’s fine’ ", "“it’s fine”"),
        ];
        for (text, expected) in cases {
            assert_eq!(in_quotation_marks(text), expected, "{text}");
        }
    }
}
