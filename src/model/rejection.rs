//! A suggestion the user turned down, kept so that it is not suggested again: its kind and its
//! words with their context, so that it re-anchors like an annotation when the article changes.

use super::annotation::{CONTEXT_CHARS, Kind};
use super::document::Document;
use super::offsets::CharSpan;

/// A rejected suggestion.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rejection {
    /// Where it was (from the start of its first piece to the end of its last).
    pub span: CharSpan,
    /// What it would have been.
    pub kind: Kind,
    /// The text of the span.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] chars before the span.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars after the span.
    pub suffix: String,
}

impl Rejection {
    /// The rejection of a suggestion of `kind` over `span` of `document`.
    pub fn new(kind: Kind, span: CharSpan, document: &Document) -> Self {
        let text = document.text();
        Self {
            span,
            kind,
            text: text.slice(span).to_owned(),
            prefix: text.chars_before(span.start, CONTEXT_CHARS).to_owned(),
            suffix: text.chars_after(span.end, CONTEXT_CHARS).to_owned(),
        }
    }

    /// True when a suggestion of `kind` over `span` is the one turned down: the same kind over
    /// most of both spans.
    pub fn covers(&self, kind: Kind, span: CharSpan) -> bool {
        kind == self.kind && mostly_same(self.span, span)
    }

    /// True when the document holds this rejection's text at its span.
    pub fn is_anchored_in(&self, document: &Document) -> bool {
        !self.span.is_empty()
            && self.span.end.0 <= document.char_count()
            && document.text().slice(self.span) == self.text
    }
}

/// True when `a` and `b` share more than half of the longer one.
pub fn mostly_same(a: CharSpan, b: CharSpan) -> bool {
    let shared = a
        .end
        .0
        .min(b.end.0)
        .saturating_sub(a.start.0.max(b.start.0));
    let longer = a.len().max(b.len());
    longer > 0 && 2 * shared > longer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mostly_same_spans() {
        let span = |a, b| CharSpan::new(a, b).unwrap();
        let cases = [
            ((0, 10), (0, 10), true),
            ((0, 10), (2, 10), true),
            ((0, 10), (5, 10), false),
            ((0, 10), (10, 20), false),
            ((0, 10), (1, 9), true),
            ((0, 4), (0, 20), false),
        ];
        for ((a, b), (c, d), expected) in cases {
            assert_eq!(
                mostly_same(span(a, b), span(c, d)),
                expected,
                "{a}..{b} vs {c}..{d}"
            );
        }
    }

    #[test]
    fn covers_needs_the_same_kind() {
        let document = Document::from_text("a.txt".into(), "She said it was over.".to_owned());
        let span = CharSpan::new(9, 20).unwrap();
        let rejection = Rejection::new(Kind::Quote, span, &document);
        assert_eq!(rejection.text, "it was over");
        assert!(rejection.covers(Kind::Quote, span));
        assert!(!rejection.covers(Kind::Claim, span));
        assert!(rejection.is_anchored_in(&document));
    }
}
