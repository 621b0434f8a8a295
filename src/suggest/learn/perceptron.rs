//! An averaged structured perceptron over label sequences (Collins 2002): emission weights per
//! feature and label, transition weights per label pair, Viterbi decoding with the transitions
//! that the tag set forbids left out.

use super::tags::{TAG_COUNT, Tag};
use std::collections::HashMap;

/// A feature, hashed from its name.
pub type FeatureHash = u64;

/// One sequence to learn from or to tag: the features of each position.
pub struct Sequence {
    /// The features of each position, as slots of the weights (unknown ones left out).
    pub features: Vec<Vec<u32>>,
}

/// Weights being learned, with the sums that average them.
pub struct Trainer {
    /// The slot of each feature seen.
    slots: HashMap<FeatureHash, u32>,
    /// `TAG_COUNT` emission weights per slot.
    weights: Vec<f32>,
    /// The time-weighted sum of every update, per weight, for averaging.
    sums: Vec<f32>,
    /// `(TAG_COUNT + 1) × TAG_COUNT` transition weights: from the start or a tag, to a tag.
    transitions: Vec<f32>,
    transition_sums: Vec<f32>,
    /// Updates so far (the averaging clock).
    clock: f32,
}

/// Learned weights, averaged: what a model keeps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights {
    /// The emission weights of each feature, `TAG_COUNT` each.
    pub emissions: HashMap<FeatureHash, [f32; TAG_COUNT]>,
    /// From the start or a tag (row), to a tag (column).
    pub transitions: Vec<f32>,
}

impl Default for Trainer {
    fn default() -> Self {
        Self {
            slots: HashMap::new(),
            weights: Vec::new(),
            sums: Vec::new(),
            transitions: vec![0.0; (TAG_COUNT + 1) * TAG_COUNT],
            transition_sums: vec![0.0; (TAG_COUNT + 1) * TAG_COUNT],
            clock: 1.0,
        }
    }
}

impl Trainer {
    /// The slot of `feature`, made when it is new.
    pub fn slot(&mut self, feature: FeatureHash) -> u32 {
        let next = self.slots.len() as u32;
        let slot = *self.slots.entry(feature).or_insert(next);
        if slot == next {
            self.weights.extend([0.0; TAG_COUNT]);
            self.sums.extend([0.0; TAG_COUNT]);
        }
        slot
    }

    /// Tags `sequence` with the weights as they are, learns from the difference with `gold`,
    /// and says whether they differed.
    pub fn learn(&mut self, sequence: &Sequence, gold: &[Tag]) -> bool {
        let emissions = |t: usize, tag: usize| -> f32 {
            sequence.features[t]
                .iter()
                .map(|&s| self.weights[s as usize * TAG_COUNT + tag])
                .sum()
        };
        let scores: Vec<[f32; TAG_COUNT]> = (0..sequence.features.len())
            .map(|t| std::array::from_fn(|tag| emissions(t, tag)))
            .collect();
        let guess = viterbi(&scores, &self.transitions);
        let wrong = guess.as_slice() != gold;
        if wrong {
            for (t, (&right, &guessed)) in gold.iter().zip(&guess).enumerate() {
                let before = |tags: &[Tag]| t.checked_sub(1).map(|p| tags[p]);
                if right != guessed {
                    for &slot in &sequence.features[t] {
                        self.update(slot, right, 1.0);
                        self.update(slot, guessed, -1.0);
                    }
                }
                if right != guessed || before(gold) != before(&guess) {
                    self.update_transition(before(gold), right, 1.0);
                    self.update_transition(before(&guess), guessed, -1.0);
                }
            }
        }
        self.clock += 1.0;
        wrong
    }

    fn update(&mut self, slot: u32, tag: Tag, delta: f32) {
        let at = slot as usize * TAG_COUNT + tag as usize;
        self.weights[at] += delta;
        self.sums[at] += self.clock * delta;
    }

    fn update_transition(&mut self, from: Option<Tag>, to: Tag, delta: f32) {
        let at = transition_index(from, to);
        self.transitions[at] += delta;
        self.transition_sums[at] += self.clock * delta;
    }

    /// The averaged weights, leaving out features whose weights average to nothing.
    pub fn averaged(&self) -> Weights {
        let average = |w: f32, sum: f32| w - sum / self.clock;
        let mut emissions = HashMap::with_capacity(self.slots.len());
        for (&feature, &slot) in &self.slots {
            let at = slot as usize * TAG_COUNT;
            let row: [f32; TAG_COUNT] =
                std::array::from_fn(|tag| average(self.weights[at + tag], self.sums[at + tag]));
            if row.iter().any(|w| w.abs() > 1e-6) {
                emissions.insert(feature, row);
            }
        }
        let transitions = self
            .transitions
            .iter()
            .zip(&self.transition_sums)
            .map(|(&w, &sum)| average(w, sum))
            .collect();
        Weights {
            emissions,
            transitions,
        }
    }
}

/// Where the weight from `from` (the start when `None`) to `to` is.
fn transition_index(from: Option<Tag>, to: Tag) -> usize {
    let row = from.map_or(0, |tag| tag as usize + 1);
    row * TAG_COUNT + to as usize
}

impl Weights {
    /// The best tags for positions with `features`, and each position's score for each tag.
    pub fn tag_with_scores(
        &self,
        features: &[Vec<FeatureHash>],
    ) -> (Vec<Tag>, Vec<[f32; TAG_COUNT]>) {
        let scores: Vec<[f32; TAG_COUNT]> = features
            .iter()
            .map(|position| {
                let mut score = [0.0; TAG_COUNT];
                for row in position.iter().filter_map(|f| self.emissions.get(f)) {
                    for (s, w) in score.iter_mut().zip(row) {
                        *s += w;
                    }
                }
                score
            })
            .collect();
        (viterbi(&scores, &self.transitions), scores)
    }
}

/// The tag sequence with the best total of `scores` and `transitions`, among those the tag set
/// allows (an inside tag only after its begin or inside tag).
fn viterbi(scores: &[[f32; TAG_COUNT]], transitions: &[f32]) -> Vec<Tag> {
    if scores.is_empty() {
        return Vec::new();
    }
    let allowed = |from: Option<Tag>, to: Tag| to.may_follow(from);
    let mut best: Vec<[f32; TAG_COUNT]> = Vec::with_capacity(scores.len());
    let mut back: Vec<[u8; TAG_COUNT]> = Vec::with_capacity(scores.len());
    let first: [f32; TAG_COUNT] = std::array::from_fn(|to| {
        let tag = Tag::ALL[to];
        if allowed(None, tag) {
            scores[0][to] + transitions[transition_index(None, tag)]
        } else {
            f32::NEG_INFINITY
        }
    });
    best.push(first);
    back.push([0; TAG_COUNT]);
    for score in &scores[1..] {
        let previous = best[best.len() - 1];
        let mut row = [f32::NEG_INFINITY; TAG_COUNT];
        let mut from_row = [0u8; TAG_COUNT];
        for (to, cell) in row.iter_mut().enumerate() {
            let tag = Tag::ALL[to];
            for (from, &before) in previous.iter().enumerate() {
                let from_tag = Tag::ALL[from];
                if !allowed(Some(from_tag), tag) || before == f32::NEG_INFINITY {
                    continue;
                }
                let total = before + transitions[transition_index(Some(from_tag), tag)];
                if total > *cell {
                    *cell = total;
                    from_row[to] = from as u8;
                }
            }
            *cell += score[to];
        }
        best.push(row);
        back.push(from_row);
    }
    let last = best[best.len() - 1];
    let mut tag = (0..TAG_COUNT)
        .max_by(|&a, &b| last[a].total_cmp(&last[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut tags = vec![Tag::Outside; scores.len()];
    for t in (0..scores.len()).rev() {
        tags[t] = Tag::ALL[tag];
        tag = back[t][tag] as usize;
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy task: a word marked "c" and the words after it up to "." are content.
    fn toy(words: &[&str]) -> (Vec<Vec<FeatureHash>>, Vec<Tag>) {
        let mut inside = false;
        let mut tags = Vec::new();
        let mut features = Vec::new();
        for word in words {
            let tag = match (*word, inside) {
                ("c", _) => {
                    inside = true;
                    Tag::ContentBegin
                }
                (".", _) => {
                    inside = false;
                    Tag::Outside
                }
                (_, true) => Tag::ContentInside,
                (_, false) => Tag::Outside,
            };
            tags.push(tag);
            features.push(vec![super::super::features::hash(word), 7]);
        }
        (features, tags)
    }

    #[test]
    fn the_perceptron_learns_a_toy_sequence_task_and_never_breaks_the_tag_order() {
        let data = [
            toy(&["a", "c", "x", "y", ".", "b"]),
            toy(&["c", "y", "x", ".", "a", "a"]),
            toy(&["b", "b", "c", "x", "."]),
        ];
        let mut trainer = Trainer::default();
        let sequences: Vec<(Sequence, Vec<Tag>)> = data
            .iter()
            .map(|(features, tags)| {
                let slots = features
                    .iter()
                    .map(|f| f.iter().map(|&h| trainer.slot(h)).collect())
                    .collect();
                (Sequence { features: slots }, tags.clone())
            })
            .collect();
        for _ in 0..10 {
            for (sequence, gold) in &sequences {
                trainer.learn(sequence, gold);
            }
        }
        let weights = trainer.averaged();
        let (features, gold) = toy(&["a", "c", "y", "x", ".", "b"]);
        let content = |tags: &[Tag]| -> Vec<bool> {
            tags.iter()
                .map(|t| t.part() == Some(super::super::tags::Part::Content))
                .collect()
        };
        assert_eq!(
            content(&weights.tag_with_scores(&features).0),
            content(&gold)
        );
        // Untrained weights never put an inside tag first.
        let empty = Weights {
            emissions: HashMap::new(),
            transitions: vec![0.0; (TAG_COUNT + 1) * TAG_COUNT],
        };
        let tags = empty.tag_with_scores(&features).0;
        assert!(tags.iter().all(|t| *t == Tag::Outside), "{tags:?}");
    }

    #[test]
    fn viterbi_takes_the_best_allowed_path() {
        let mut scores = vec![[0.0; TAG_COUNT]; 2];
        // The inside tag scores best at the start, where it is not allowed.
        scores[0][Tag::ContentInside as usize] = 5.0;
        scores[0][Tag::ContentBegin as usize] = 1.0;
        scores[1][Tag::ContentInside as usize] = 3.0;
        let transitions = vec![0.0; (TAG_COUNT + 1) * TAG_COUNT];
        assert_eq!(
            viterbi(&scores, &transitions),
            [Tag::ContentBegin, Tag::ContentInside]
        );
    }
}
