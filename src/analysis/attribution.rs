//! Scoring quotes against gold attributions as `score_attribution.py` does: a predicted quote
//! matches a gold one when their content chars overlap with Jaccard ≥ 0.5, one to one, best
//! overlap first; speaker and cue accuracy are the shares of matched pairs with a gold speaker
//! (cue) whose predicted one overlaps it.

use crate::model::{AnnotationSet, Attributes, CharSpan, Party};

/// A quote as scored: its content pieces, speaker and cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The content, in pieces that do not overlap.
    pub content: Vec<CharSpan>,
    /// Who said it.
    pub speaker: Option<CharSpan>,
    /// The words that introduce it.
    pub cue: Option<CharSpan>,
}

/// The least Jaccard overlap of content chars for a match.
pub const MIN_JACCARD: f64 = 0.5;

/// The quotes of `set` as attributions, the speaker's mention as the speaker.
pub fn attributions_of(set: &AnnotationSet) -> Vec<Attribution> {
    set.anchored()
        .iter()
        .filter_map(|quote| {
            let Attributes::Quote(attributes) = &quote.attributes else {
                return None;
            };
            let speaker = match &attributes.speaker {
                Some(Party::Mention(id)) => set.get(id).map(|a| a.span),
                _ => None,
            };
            Some(Attribution {
                content: std::iter::once(quote.span)
                    .chain(quote.fragments.iter().map(|f| f.span))
                    .collect(),
                speaker,
                cue: attributes.cue.as_ref().map(|c| c.span),
            })
        })
        .collect()
}

/// Counts over one article or many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Gold quotes.
    pub gold: usize,
    /// Predicted quotes.
    pub predicted: usize,
    /// Matched pairs.
    pub matched: usize,
    /// Matched pairs whose gold has a speaker.
    pub with_speaker: usize,
    /// Of those, the pairs whose predicted speaker overlaps it.
    pub speaker_right: usize,
    /// Matched pairs whose gold has a cue.
    pub with_cue: usize,
    /// Of those, the pairs whose predicted cue overlaps it.
    pub cue_right: usize,
}

fn chars(pieces: &[CharSpan]) -> usize {
    pieces.iter().map(|p| p.len()).sum()
}

fn shared(a: &[CharSpan], b: &[CharSpan]) -> usize {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| (x, y)))
        .map(|(x, y)| {
            x.end
                .0
                .min(y.end.0)
                .saturating_sub(x.start.0.max(y.start.0))
        })
        .sum()
}

fn overlaps(a: Option<CharSpan>, b: Option<CharSpan>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.start < b.end && b.start < a.end,
        _ => false,
    }
}

/// Scores `predicted` against `gold` for one article.
pub fn tally(gold: &[Attribution], predicted: &[Attribution]) -> Tally {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (g, gold_one) in gold.iter().enumerate() {
        for (p, predicted_one) in predicted.iter().enumerate() {
            let common = shared(&gold_one.content, &predicted_one.content);
            let union = chars(&gold_one.content) + chars(&predicted_one.content) - common;
            let jaccard = if union == 0 {
                0.0
            } else {
                common as f64 / union as f64
            };
            if jaccard >= MIN_JACCARD {
                pairs.push((jaccard, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut tally = Tally {
        gold: gold.len(),
        predicted: predicted.len(),
        ..Tally::default()
    };
    let (mut gold_used, mut predicted_used) =
        (vec![false; gold.len()], vec![false; predicted.len()]);
    for (_, g, p) in pairs {
        if gold_used[g] || predicted_used[p] {
            continue;
        }
        gold_used[g] = true;
        predicted_used[p] = true;
        tally.matched += 1;
        if gold[g].speaker.is_some() {
            tally.with_speaker += 1;
            tally.speaker_right += usize::from(overlaps(gold[g].speaker, predicted[p].speaker));
        }
        if gold[g].cue.is_some() {
            tally.with_cue += 1;
            tally.cue_right += usize::from(overlaps(gold[g].cue, predicted[p].cue));
        }
    }
    tally
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Tally {
    /// Adds another article's counts.
    pub fn add(&mut self, other: Tally) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.matched += other.matched;
        self.with_speaker += other.with_speaker;
        self.speaker_right += other.speaker_right;
        self.with_cue += other.with_cue;
        self.cue_right += other.cue_right;
    }

    /// Matched of predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    /// Matched of gold.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Right speakers of matched pairs with a gold speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.with_speaker)
    }

    /// Right cues of matched pairs with a gold cue.
    pub fn cue_accuracy(&self) -> f64 {
        ratio(self.cue_right, self.with_cue)
    }

    /// "P 0.82 R 0.43 F1 0.56 speaker 0.90 cue 0.90 (912 of 1,100 right)".
    pub fn summary(&self) -> String {
        format!(
            "P {:.3} R {:.3} F1 {:.3} speaker {:.3} cue {:.3} ({} of {} right, {} gold)",
            self.precision(),
            self.recall(),
            self.f1(),
            self.speaker_accuracy(),
            self.cue_accuracy(),
            self.matched,
            self.predicted,
            self.gold
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CharOffset;

    fn span(a: usize, b: usize) -> CharSpan {
        CharSpan::between(CharOffset(a), CharOffset(b))
    }

    fn quote(content: &[(usize, usize)], speaker: Option<(usize, usize)>) -> Attribution {
        Attribution {
            content: content.iter().map(|&(a, b)| span(a, b)).collect(),
            speaker: speaker.map(|(a, b)| span(a, b)),
            cue: None,
        }
    }

    #[test]
    fn quotes_match_one_to_one_by_half_their_chars() {
        let gold = [quote(&[(0, 10)], Some((12, 15))), quote(&[(20, 30)], None)];
        let cases = [
            // (predicted, matched, speaker right)
            (vec![quote(&[(0, 10)], Some((13, 14)))], 1, 1),
            (vec![quote(&[(0, 4)], None)], 0, 0),
            (vec![quote(&[(0, 6)], Some((40, 41)))], 1, 0),
            (vec![quote(&[(0, 10)], None), quote(&[(1, 10)], None)], 1, 0),
            (vec![quote(&[(0, 5), (20, 30)], None)], 1, 0),
        ];
        for (predicted, matched, speaker_right) in cases {
            let tally = tally(&gold, &predicted);
            assert_eq!(tally.matched, matched, "{predicted:?}");
            assert_eq!(tally.speaker_right, speaker_right, "{predicted:?}");
        }
        let mut all = tally(&gold, &[quote(&[(0, 10)], Some((12, 13)))]);
        all.add(tally(&gold, &[]));
        assert_eq!((all.gold, all.predicted, all.matched), (4, 1, 1));
        assert_eq!(all.precision(), 1.0);
        assert_eq!(all.recall(), 0.25);
        assert_eq!(all.speaker_accuracy(), 1.0);
    }
}
