//! Which words changed between an annotation's old text and the text proposed for it, for the
//! review's before/after view ("188,000" → "190,000" shows the number, not the whole claim).

use unicode_segmentation::UnicodeSegmentation;

/// A run of text in a before/after comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// In both texts.
    Same(&'a str),
    /// Only in the old text.
    Removed(&'a str),
    /// Only in the new text.
    Added(&'a str),
}

/// The old and new text as runs of same, removed and added words (words and the spaces and
/// marks between them, as Unicode splits them), in reading order: what is removed comes before
/// what is added in its place.
pub fn changed_words<'a>(old: &'a str, new: &'a str) -> Vec<Piece<'a>> {
    let a: Vec<&str> = old.split_word_bounds().collect();
    let b: Vec<&str> = new.split_word_bounds().collect();
    // Longest common subsequence of tokens; annotation texts are short.
    let mut lengths = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i][j] = if a[i] == b[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            push(&mut pieces, Piece::Same(a[i]), old, new);
            i += 1;
            j += 1;
        } else if j == b.len() || (i < a.len() && lengths[i + 1][j] >= lengths[i][j + 1]) {
            push(&mut pieces, Piece::Removed(a[i]), old, new);
            i += 1;
        } else {
            push(&mut pieces, Piece::Added(b[j]), old, new);
            j += 1;
        }
    }
    pieces
}

/// Appends `piece`, joining it to the last one when they are of a kind and adjacent in their
/// text (so that runs stay slices of the original texts).
fn push<'a>(pieces: &mut Vec<Piece<'a>>, piece: Piece<'a>, old: &'a str, new: &'a str) {
    let joined = match (pieces.last(), &piece) {
        (Some(Piece::Same(last)), Piece::Same(next)) => join(old, last, next),
        (Some(Piece::Removed(last)), Piece::Removed(next)) => join(old, last, next),
        (Some(Piece::Added(last)), Piece::Added(next)) => join(new, last, next),
        _ => None,
    };
    match (joined, pieces.last_mut()) {
        (Some(run), Some(Piece::Same(last) | Piece::Removed(last) | Piece::Added(last))) => {
            *last = run;
        }
        _ => pieces.push(piece),
    }
}

/// `first` and `second` as one slice of `text`, when `second` follows `first` there.
fn join<'a>(text: &'a str, first: &'a str, second: &'a str) -> Option<&'a str> {
    let start = first.as_ptr() as usize - text.as_ptr() as usize;
    let end = second.as_ptr() as usize - text.as_ptr() as usize + second.len();
    (start + first.len() == second.as_ptr() as usize - text.as_ptr() as usize)
        .then(|| &text[start..end])
}

#[cfg(test)]
mod tests {
    use super::Piece::{Added, Removed, Same};
    use super::*;

    #[test]
    fn only_the_words_that_changed_are_marked() {
        let cases: &[(&str, &str, &[Piece])] = &[
            ("same text", "same text", &[Same("same text")]),
            (
                "rose to 188,000 last year",
                "rose to 190,000 last year",
                &[
                    Same("rose to "),
                    Removed("188,000"),
                    Added("190,000"),
                    Same(" last year"),
                ],
            ),
            (
                "the ferry runs",
                "the new ferry runs",
                &[Same("the "), Added("new "), Same("ferry runs")],
            ),
            ("Zoë wrote", "Zoë", &[Same("Zoë"), Removed(" wrote")]),
            ("", "new", &[Added("new")]),
        ];
        for (old, new, expected) in cases {
            assert_eq!(&changed_words(old, new), expected, "{old} → {new}");
        }
    }
}
