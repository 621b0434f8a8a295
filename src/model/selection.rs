//! The user's text selection, as document char offsets: where it started (the anchor) and
//! where it ends now (the head), as helix-core keeps a range.

use super::offsets::{CharOffset, CharSpan};

/// A text selection: anchor and head, in chars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextSelection {
    /// Where the selection started (fixed while it is extended).
    pub anchor: CharOffset,
    /// Where it ends now (moves with the mouse or the keyboard).
    pub head: CharOffset,
}

impl TextSelection {
    /// A collapsed selection (a caret) at `offset`.
    pub fn caret(offset: CharOffset) -> Self {
        Self {
            anchor: offset,
            head: offset,
        }
    }

    /// The selection of `span`, its head at the end.
    pub fn of(span: CharSpan) -> Self {
        Self {
            anchor: span.start,
            head: span.end,
        }
    }

    /// The selected chars.
    pub fn span(self) -> CharSpan {
        CharSpan::between(self.anchor, self.head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_are_ordered_spans() {
        let s = TextSelection {
            anchor: CharOffset(9),
            head: CharOffset(3),
        };
        assert_eq!(s.span(), CharSpan::new(3, 9).unwrap());
        assert!(TextSelection::caret(CharOffset(4)).span().is_empty());
        let span = CharSpan::new(2, 5).unwrap();
        assert_eq!(TextSelection::of(span).span(), span);
    }
}
