//! Approximate matching over chars: the fewest edits (insertions, deletions, substitutions) that
//! turn a pattern into some stretch of a text, and a search for every stretch of a long text
//! within a bounded number of edits of a pattern.
//!
//! The search finds exact *seeds* first: when a pattern cut into `k + 1` pieces matches with at
//! most `k` edits, at least one piece matches exactly (pigeonhole). Each seed then gets an exact
//! alignment (Sellers' dynamic programme) in a small window around it. This finds every match
//! within `k` edits and costs little when the pattern's pieces are rare in the text.

use crate::model::{ByteOffset, CharOffset, CharSpan, IndexedText};

/// A stretch of text that matches a pattern with some edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// Start, in chars of the text searched.
    pub start: usize,
    /// End (exclusive), in chars of the text searched.
    pub end: usize,
    /// Edits between the pattern and this stretch.
    pub errors: usize,
}

/// Seed hits beyond which a piece of the pattern is too common to be worth following.
const MAX_SEED_HITS: usize = 20_000;

/// The stretch of `text` closest to the whole of `pattern` (free start and end in `text`): the
/// fewest edits, then the length closest to the pattern's, then the earliest. `None` when the
/// pattern is empty.
pub fn best_within(pattern: &[char], text: &[char]) -> Option<Match> {
    let m = pattern.len();
    if m == 0 {
        return None;
    }
    let width = text.len() + 1;
    // distance[i * width + j]: edits to align pattern[..i] so that it ends at text[j].
    let mut distance = vec![0u32; (m + 1) * width];
    for i in 1..=m {
        distance[i * width] = i as u32;
        for j in 1..width {
            let substitution =
                distance[(i - 1) * width + j - 1] + u32::from(pattern[i - 1] != text[j - 1]);
            let deletion = distance[(i - 1) * width + j] + 1;
            let insertion = distance[i * width + j - 1] + 1;
            distance[i * width + j] = substitution.min(deletion).min(insertion);
        }
    }
    let last = &distance[m * width..];
    let fewest = *last.iter().min()?;
    (0..width)
        .filter(|&j| last[j] == fewest)
        .map(|end| {
            let start = trace_start(pattern, text, &distance, width, end);
            Match {
                start,
                end,
                errors: fewest as usize,
            }
        })
        .min_by_key(|found| ((found.end - found.start).abs_diff(m), found.start))
}

/// Follows the alignment ending at `end` back to where it starts in the text, preferring
/// matches and substitutions to gaps.
fn trace_start(
    pattern: &[char],
    text: &[char],
    distance: &[u32],
    width: usize,
    end: usize,
) -> usize {
    let (mut i, mut j) = (pattern.len(), end);
    while i > 0 {
        let here = distance[i * width + j];
        if j > 0
            && here == distance[(i - 1) * width + j - 1] + u32::from(pattern[i - 1] != text[j - 1])
        {
            i -= 1;
            j -= 1;
        } else if here == distance[(i - 1) * width + j] + 1 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    j
}

/// The fewest edits that turn `a` into `b` (Levenshtein distance over chars).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for j in 1..=b.len() {
            let substitution = diagonal + usize::from(ca != b[j - 1]);
            diagonal = row[j];
            row[j] = substitution.min(row[j] + 1).min(row[j - 1] + 1);
        }
    }
    row[b.len()]
}

/// Every stretch of `text` within `max_errors` edits of `pattern`, in char offsets of `text`:
/// the best one per neighbourhood, in text order.
pub fn search(text: &IndexedText, pattern: &str, max_errors: usize) -> Vec<Match> {
    let chars: Vec<char> = pattern.chars().collect();
    let m = chars.len();
    if m == 0 || max_errors >= m {
        return Vec::new();
    }
    let pieces = max_errors + 1;
    let piece_len = m / pieces;
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for piece in 0..pieces {
        let from = piece * piece_len;
        let to = if piece + 1 == pieces {
            m
        } else {
            from + piece_len
        };
        let needle: String = chars[from..to].iter().collect();
        let hits: Vec<usize> = text
            .as_str()
            .match_indices(needle.as_str())
            .take(MAX_SEED_HITS + 1)
            .map(|(byte, _)| text.char_of(ByteOffset(byte)).0)
            .collect();
        if hits.len() > MAX_SEED_HITS {
            continue;
        }
        for hit in hits {
            let start = hit.saturating_sub(from + max_errors);
            let end = (hit + m + max_errors - from).min(text.char_count());
            windows.push((start, end));
        }
    }
    windows.sort_unstable();
    let longest = 4 * (m + 2 * max_errors);
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in windows {
        match merged.last_mut() {
            Some(last) if start <= last.1 && end - last.0 <= longest => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let mut found: Vec<Match> = Vec::new();
    for (start, end) in merged {
        let window: Vec<char> = text
            .slice(CharSpan::between(CharOffset(start), CharOffset(end)))
            .chars()
            .collect();
        if let Some(best) = best_within(&chars, &window)
            && best.errors <= max_errors
        {
            let candidate = Match {
                start: start + best.start,
                end: start + best.end,
                errors: best.errors,
            };
            if !found.contains(&candidate) {
                found.push(candidate);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn best_within_counts_edits_and_finds_the_stretch() {
        let found = best_within(&chars("Kabol"), &chars("in Kabul today")).unwrap();
        assert_eq!((found.start, found.end, found.errors), (3, 8, 1));
        let exact = best_within(&chars("día"), &chars("el día 🎅🏿")).unwrap();
        assert_eq!((exact.start, exact.end, exact.errors), (3, 6, 0));
        let inserted = best_within(&chars("a cat"), &chars("xx a scat yy")).unwrap();
        assert_eq!(inserted.errors, 1);
    }

    #[test]
    fn edit_distance_counts_chars_not_bytes() {
        assert_eq!(edit_distance("Noël", "Noel"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "🎅🏿"), 2);
    }

    #[test]
    fn search_finds_each_match_within_the_bound_and_no_other() {
        let text = IndexedText::new(
            "Le président a dit « oui ». Plus loin, le présidant a dit non. Le resident part."
                .to_owned(),
        );
        let found = search(&text, "président", 1);
        let texts: Vec<&str> = found
            .iter()
            .map(|m| text.slice(CharSpan::new(m.start, m.end).unwrap()))
            .collect();
        assert_eq!(texts, ["président", "présidant"]);
        assert_eq!(found[1].errors, 1);
        let wider = search(&text, "président", 2);
        assert_eq!(wider.len(), 3);
        assert!(search(&text, "gouvernement", 2).is_empty());
    }
}
