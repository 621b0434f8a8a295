//! Suggestions learned from annotated articles: a model tags each word as part of a quote's
//! content, its speaker or its cue (an averaged structured perceptron over word, shape,
//! punctuation, quotation-mark and cue-lexicon features, with what the rules made of the word
//! among them), and the tagged stretches become quote suggestions. The rules' speaker and cue
//! stand in where the model found none. Deterministic: the same articles, options and seed give
//! the same model, byte for byte.

mod combine;
mod features;
pub mod file;
mod names;
mod perceptron;
mod tags;

use super::{Reading, Rules, Suggestion};
use crate::analysis::attribution::{self, Attribution, Tally};
use crate::model::{AnnotationSet, CharSpan, Document, Kind};
use features::{Article, ArticleCounts, CueWords};
use perceptron::{FeatureHash, Sequence, Trainer, Weights};
use serde::{Deserialize, Serialize};
use tags::{Part, Tag};

pub use file::ModelError;
pub use names::EntityNames;
use names::MarkedNames;

/// The rule named on a suggestion a model made.
pub const LEARNED_RULE: &str = "learned from annotated articles";

/// The rule named on an entity a model suggests by a name it learned.
pub const LEARNED_NAME_RULE: &str = "a name learned from annotated articles";

/// What a model was trained on and how, kept in its file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// How many articles it learned from.
    pub articles: usize,
    /// How many quotes they had.
    pub quotes: usize,
    /// Passes over them.
    pub epochs: usize,
    /// The seed of the order it went through them in.
    pub seed: u64,
    /// How its quotes combine with the rules'.
    pub combination: Combination,
}

/// How a model's quotes combine with the rules', and how sure it must be of a quote it adds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Combination {
    /// What is taken from the rules and what from the model.
    pub policy: Policy,
    /// The least mean margin (content score over none) of the words of a quote the model adds,
    /// if any.
    pub min_margin: Option<f32>,
    /// Whether a quote the model adds needs a cue of the lexicon.
    #[serde(default)]
    pub known_cue: bool,
    /// Whether a quote the model adds needs its cue before it ("X argued that …"): those with
    /// their cue after them are the rules' pattern ("…, X said."), and where the rules did not
    /// find one the model is often wrong.
    #[serde(default)]
    pub cue_first: bool,
    /// Whether the rules read the learned cue words as cues too, adding the quotes they find
    /// so where they had none.
    #[serde(default)]
    pub learned_cues: bool,
}

/// The least mean margins tried for the quotes a model adds.
const MARGINS: [Option<f32>; 9] = [
    None,
    Some(4.0),
    Some(8.0),
    Some(16.0),
    Some(32.0),
    Some(64.0),
    Some(128.0),
    Some(256.0),
    Some(512.0),
];

impl Combination {
    /// What it does, for people: its policy's words, and the learned cue words when the rules
    /// read them.
    pub fn describe(self) -> String {
        let policy = self.policy.describe();
        if self.learned_cues && self.policy != Policy::RulesAlone {
            format!("{policy}, the rules reading the cue words learned too")
        } else {
            policy.to_owned()
        }
    }

    /// Every combination tried in training, the rules alone first.
    fn candidates() -> Vec<Combination> {
        let mut out = vec![Combination::default()];
        for learned_cues in [false, true] {
            for policy in Policy::ALL.into_iter().skip(1) {
                if policy.adds() {
                    for (known_cue, cue_first) in
                        [(false, false), (true, false), (false, true), (true, true)]
                    {
                        out.extend(MARGINS.map(|min_margin| Combination {
                            policy,
                            min_margin,
                            known_cue,
                            cue_first,
                            learned_cues,
                        }));
                    }
                } else {
                    out.push(Combination {
                        policy,
                        learned_cues,
                        ..Combination::default()
                    });
                }
            }
        }
        out
    }
}

/// How a model's quotes combine with the rules', chosen in training by what scores best.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Policy {
    /// The rules' quotes alone: nothing the model found did better.
    #[default]
    RulesAlone,
    /// The rules' quotes, and the model's where the rules have none.
    RulesAndModel,
    /// The rules' quotes the model reads as quotes too, and the model's where the rules have
    /// none.
    ModelOverRules,
    /// The rules' quotes the model reads as quotes too.
    RulesTheModelKeeps,
}

impl Policy {
    /// Every policy, the rules alone first.
    pub const ALL: [Policy; 4] = [
        Policy::RulesAlone,
        Policy::RulesAndModel,
        Policy::ModelOverRules,
        Policy::RulesTheModelKeeps,
    ];

    /// What it does, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Policy::RulesAlone => "the rules alone (the model did not do better)",
            Policy::RulesAndModel => "the rules' quotes, and the model's where the rules have none",
            Policy::ModelOverRules => {
                "the rules' quotes the model agrees with, and the model's where the rules have none"
            }
            Policy::RulesTheModelKeeps => "the rules' quotes the model agrees with",
        }
    }

    fn filters_rules(self) -> bool {
        matches!(self, Policy::ModelOverRules | Policy::RulesTheModelKeeps)
    }

    fn adds(self) -> bool {
        matches!(self, Policy::RulesAndModel | Policy::ModelOverRules)
    }
}

/// A learned model of quotes with their speakers and cues.
#[derive(Clone, Default, PartialEq)]
pub struct Model {
    weights: Weights,
    /// The cue words learned from the training articles.
    cues: CueWords,
    /// The entity names learned from them, with their types.
    pub names: EntityNames,
    /// What it was trained on.
    pub provenance: Provenance,
}

impl std::fmt::Debug for Model {
    /// What it was trained on and how big it is, not its weights.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("provenance", &self.provenance)
            .field("features", &self.weights.emissions.len())
            .field("cue words", &self.cues.len())
            .field("entity names", &self.names.len())
            .finish()
    }
}

impl Model {
    /// "a model learned from 12 article(s) (340 quote(s))", and ", 25 entity name(s)" in the
    /// brackets when it learned names.
    pub fn describe(&self) -> String {
        let names = if self.names.is_empty() {
            String::new()
        } else {
            format!(", {} entity name(s)", self.names.len())
        };
        format!(
            "a model learned from {} article(s) ({} quote(s){names})",
            self.provenance.articles, self.provenance.quotes
        )
    }
}

/// How to train.
#[derive(Clone, Copy, Debug)]
pub struct TrainOptions {
    /// Passes over the articles.
    pub epochs: usize,
    /// The seed of the order the articles are gone through in, each pass.
    pub seed: u64,
    /// Whether to learn quotes (the tagger, the cue words and how to combine with the rules).
    pub quotes: bool,
    /// Whether to learn the entity names people marked, with their types.
    pub entity_names: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            epochs: 8,
            seed: 1,
            quotes: true,
            entity_names: true,
        }
    }
}

/// How far training has come.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TrainProgress {
    /// Articles read into examples.
    Read {
        /// How many so far.
        done: usize,
        /// Of how many.
        of: usize,
    },
    /// A pass over the examples done.
    Epoch {
        /// Which pass.
        epoch: usize,
        /// Of how many.
        of: usize,
        /// The paragraphs the model tagged wrong in it, before learning from them.
        wrong: usize,
        /// The paragraphs in all.
        paragraphs: usize,
    },
    /// A part of the articles left out, on which the ways of combining with the rules were
    /// tried by a model of the rest. The parts end in any order, beside the passes.
    Fold {
        /// Which part.
        fold: usize,
        /// Of how many.
        of: usize,
    },
    /// The way of combining with the rules that scored best on the parts left out.
    Chose {
        /// The way.
        combination: Combination,
        /// The rules' score there.
        rules: Tally,
        /// The way's score there.
        chosen: Tally,
    },
}

/// An article with its annotations, to learn from.
pub struct Annotated<'a> {
    /// The article.
    pub document: &'a Document,
    /// What people annotated in it.
    pub set: &'a AnnotationSet,
}

/// A small, seeded random sequence (SplitMix64), for the order of training: the same on every
/// machine.
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Shuffles `items` (Fisher–Yates).
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Shuffles `items` in the order `seed` gives, the same on every machine.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    Shuffler(seed).shuffle(items);
}

/// One article read for learning: the features and gold tags of each paragraph.
struct Example {
    paragraphs: Vec<(Vec<Vec<FeatureHash>>, Vec<Tag>)>,
}

/// One article read for learning, before the cue words of all the articles are known.
struct ReadArticle {
    reading: Reading,
    rule_quotes: Vec<Suggestion>,
    gold: Vec<Tag>,
    /// Its words, and those in its quotes' cues.
    counts: ArticleCounts,
    /// How many times each name marked in the training articles stands in it.
    names: std::collections::HashMap<String, u32>,
}

/// What the articles give to learn from: the examples, each article's word counts, and the
/// entity names learned.
struct Read {
    examples: Vec<Example>,
    counts: Vec<ArticleCounts>,
    names: EntityNames,
}

/// Reads `articles` into examples, on every core, with the cue words learned from them (each
/// article's features leave out its own cues) and the entity names.
fn examples(
    articles: &[Annotated<'_>],
    rules: &Rules,
    options: TrainOptions,
    progress: &mut dyn FnMut(TrainProgress),
) -> Read {
    let marked = if options.entity_names {
        MarkedNames::of(articles.iter().map(|a| a.set))
    } else {
        MarkedNames::default()
    };
    let marked_names = marked.gazetteer();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let read = in_parallel(articles.len(), progress, |n, report| {
        let article = &articles[n];
        let reading = Reading::new(article.document, &rules.lexicon);
        let rule_quotes = super::rule_quotes(&reading);
        let gold = gold_tags(&reading, article.set);
        let cues: Vec<CharSpan> = attribution::attributions_of(article.set)
            .iter()
            .filter_map(|quote| quote.cue)
            .collect();
        let counts = CueWords::of_article(&reading, &cues);
        let names = MarkedNames::count_in(&reading, &marked_names);
        report(TrainProgress::Read {
            done: done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
            of: articles.len(),
        });
        ReadArticle {
            reading,
            rule_quotes,
            gold,
            counts,
            names,
        }
    });
    let cues = CueWords::of_articles(read.iter().map(|r| &r.counts));
    let quote_articles = if options.quotes { read.len() } else { 0 };
    let examples = in_parallel(quote_articles, &mut |_| {}, |n, _| {
        let article = &read[n];
        let features = Article::read(
            &article.reading,
            &article.rule_quotes,
            &cues,
            Some(&article.counts),
        );
        let paragraphs = features
            .paragraphs
            .iter()
            .map(|p| {
                (
                    features.features(p.clone()),
                    article.gold[p.clone()].to_vec(),
                )
            })
            .collect();
        Example { paragraphs }
    });
    let names = marked.learned(read.iter().map(|r| &r.names));
    let counts = read.into_iter().map(|r| r.counts).collect();
    Read {
        examples,
        counts,
        names,
    }
}

/// Runs `work` on each job of `0..jobs`, on as many threads as the machine has cores (this
/// one passing on to `progress` what they report as they go); the results in job order.
fn in_parallel<T: Send>(
    jobs: usize,
    progress: &mut dyn FnMut(TrainProgress),
    work: impl Fn(usize, &dyn Fn(TrainProgress)) -> T + Sync,
) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(jobs)
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, reports) = std::sync::mpsc::channel();
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let sender = sender.clone();
                let (next, work) = (&next, &work);
                scope.spawn(move || {
                    let report = |step: TrainProgress| {
                        if sender.send(step).is_err() {
                            log::debug!("training progress has no one to go to");
                        }
                    };
                    let mut mine = Vec::new();
                    loop {
                        let job = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if job >= jobs {
                            return mine;
                        }
                        mine.push((job, work(job, &report)));
                    }
                })
            })
            .collect();
        drop(sender);
        for step in reports {
            progress(step);
        }
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(job, _)| *job);
    done.into_iter().map(|(_, result)| result).collect()
}

/// The averaged weights learned from `examples` in `options.epochs` passes.
fn fit(
    examples: &[&Example],
    options: TrainOptions,
    progress: &mut dyn FnMut(TrainProgress),
) -> Weights {
    let mut trainer = Trainer::default();
    let sequences: Vec<(Sequence, &[Tag])> = examples
        .iter()
        .flat_map(|e| &e.paragraphs)
        .map(|(features, gold)| {
            let features = features
                .iter()
                .map(|word| word.iter().map(|&f| trainer.slot(f)).collect())
                .collect();
            (Sequence { features }, gold.as_slice())
        })
        .collect();
    let mut order: Vec<usize> = (0..sequences.len()).collect();
    let mut shuffler = Shuffler(options.seed);
    for epoch in 0..options.epochs {
        shuffler.shuffle(&mut order);
        let wrong = order
            .iter()
            .filter(|&&n| trainer.learn(&sequences[n].0, sequences[n].1))
            .count();
        progress(TrainProgress::Epoch {
            epoch: epoch + 1,
            of: options.epochs,
            wrong,
            paragraphs: sequences.len(),
        });
    }
    trainer.averaged()
}

/// How many parts the articles are cut into to choose how the model and the rules combine.
const FOLDS: usize = 5;

/// How many parts `articles` articles are cut into to choose how the model and the rules
/// combine: none when there are too few to leave any out.
pub fn fold_count(articles: usize) -> usize {
    match FOLDS.min(articles) {
        0 | 1 => 0,
        folds => folds,
    }
}

/// What one job of training gives.
enum Learned {
    /// The weights learned from every article.
    Weights(Weights),
    /// The score of each way of combining on one part left out, by a model of the rest.
    Fold(Vec<Tally>),
}

/// Learns a model from `articles`, read with `rules`, and how it is to combine with the rules:
/// the way that scored best when each fifth of the articles was left out in turn and tagged by a
/// model of the rest (the rules alone when nothing beat them). The model of all articles and
/// those of the folds are learned side by side, on every core. What `options` leaves out is not
/// learned: no quotes gives a model of entity names alone that suggests quotes with the rules.
pub fn train(
    articles: &[Annotated<'_>],
    rules: &Rules,
    options: TrainOptions,
    progress: &mut dyn FnMut(TrainProgress),
) -> Model {
    let Read {
        examples,
        counts,
        names,
    } = examples(articles, rules, options, progress);
    let (weights, cues, combination) = if options.quotes {
        let (weights, combination) =
            learn_quotes(articles, rules, options, &examples, &counts, progress);
        (weights, CueWords::of_articles(&counts), combination)
    } else {
        (
            Weights::default(),
            CueWords::default(),
            Combination::default(),
        )
    };
    Model {
        weights,
        cues,
        names,
        provenance: Provenance {
            articles: articles.len(),
            quotes: if options.quotes {
                articles
                    .iter()
                    .flat_map(|a| a.set.anchored())
                    .filter(|a| a.kind() == Kind::Quote)
                    .count()
            } else {
                0
            },
            epochs: options.epochs,
            seed: options.seed,
            combination,
        },
    }
}

/// The tagger's weights learned from every article of `examples`, and the way of combining
/// with the rules chosen on the folds.
fn learn_quotes(
    articles: &[Annotated<'_>],
    rules: &Rules,
    options: TrainOptions,
    read: &[Example],
    counts: &[ArticleCounts],
    progress: &mut dyn FnMut(TrainProgress),
) -> (Weights, Combination) {
    let folds = fold_count(articles.len());
    let candidates = Combination::candidates();
    // Job 0, the longest, learns from all the articles; job k from all but fold k.
    let learned = in_parallel(1 + folds, progress, |job, report| {
        if job == 0 {
            let all: Vec<&Example> = read.iter().collect();
            return Learned::Weights(fit(&all, options, &mut |step| report(step)));
        }
        let fold = job - 1;
        let rest: Vec<usize> = (0..read.len()).filter(|n| n % folds != fold).collect();
        let examples: Vec<&Example> = rest.iter().map(|&n| &read[n]).collect();
        let model = Model {
            weights: fit(&examples, options, &mut |_| {}),
            cues: CueWords::of_articles(rest.iter().map(|&n| &counts[n])),
            ..Model::default()
        };
        let tallies = score_fold(&model, &candidates, &articles[fold..], folds, rules);
        report(TrainProgress::Fold {
            fold: fold + 1,
            of: folds,
        });
        Learned::Fold(tallies)
    });
    let mut weights = Weights::default();
    let mut tallies = vec![Tally::default(); candidates.len()];
    for outcome in learned {
        match outcome {
            Learned::Weights(all) => weights = all,
            Learned::Fold(fold) => {
                for (sum, tally) in tallies.iter_mut().zip(fold) {
                    sum.add(tally);
                }
            }
        }
    }
    for (combination, tally) in candidates.iter().zip(&tallies) {
        log::debug!("{combination:?} on the parts left out: {}", tally.summary());
    }
    let chosen = best_combination(&tallies);
    progress(TrainProgress::Chose {
        combination: candidates[chosen],
        rules: tallies[0],
        chosen: tallies[chosen],
    });
    (weights, candidates[chosen])
}

/// The score of each of `candidates` on every `folds`-th article of `articles` (a part left
/// out), by `model`.
fn score_fold(
    model: &Model,
    candidates: &[Combination],
    articles: &[Annotated<'_>],
    folds: usize,
    rules: &Rules,
) -> Vec<Tally> {
    let mut tallies = vec![Tally::default(); candidates.len()];
    for article in articles.iter().step_by(folds) {
        let reading = Reading::new(article.document, &rules.lexicon);
        let rule_quotes = super::rule_quotes(&reading);
        let gold = attribution::attributions_of(article.set);
        // The model tags the article once; each way of combining reads the same tags.
        let tagged = model.tag(&reading, &rule_quotes, true);
        for (tally, &combination) in tallies.iter_mut().zip(candidates) {
            let found = if combination.policy == Policy::RulesAlone {
                rule_quotes.clone()
            } else {
                model.combine(combination, &tagged, &reading, &rule_quotes)
            };
            tally.add(attribution::tally(&gold, &as_attributions(&found)));
        }
    }
    tallies
}

/// How much better than the rules alone (in F1 on the parts left out) a way of combining
/// must score to be chosen: less is noise.
const MIN_GAIN: f64 = 0.01;

/// The least share of right quotes among those a model adds to the rules' (on the parts left
/// out): a suggestion is worth a keystroke only when it is usually right.
const MIN_ADDED_PRECISION: f64 = 0.5;

/// The fewest quotes a way of combining must add or take away on the parts left out for its
/// score to tell anything.
const MIN_EVIDENCE: f64 = 10.0;

/// True when the quotes `tally` has beyond `rules` are enough and mostly right, or the ones it
/// has fewer enough and mostly wrong.
fn changes_are_mostly_right(tally: &Tally, rules: &Tally) -> bool {
    let predicted = tally.predicted as f64 - rules.predicted as f64;
    let matched = tally.matched as f64 - rules.matched as f64;
    // Of quotes added, at least the share right; of quotes taken away, at most the share.
    predicted.abs() >= MIN_EVIDENCE && matched >= MIN_ADDED_PRECISION * predicted
}

/// How far below the best F1 (on the parts left out) a way of combining may score and still be
/// chosen for its precision: less is noise, and a suggestion that is right more often costs
/// fewer keystrokes.
const F1_BAND: f64 = 0.005;

/// Which of `tallies` (the first the rules alone's) scored best: the rules alone unless another
/// beats them by [`MIN_GAIN`] with changes that are mostly right; of those, the most precise
/// within [`F1_BAND`] of the best F1 (the first on a tie).
fn best_combination(tallies: &[Tally]) -> usize {
    let rules = tallies[0].f1();
    let eligible: Vec<(usize, &Tally)> = tallies
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, tally)| {
            tally.f1() >= rules + MIN_GAIN && changes_are_mostly_right(tally, &tallies[0])
        })
        .collect();
    let Some(best) = eligible.iter().map(|(_, t)| t.f1()).reduce(f64::max) else {
        return 0;
    };
    eligible
        .iter()
        .filter(|(_, tally)| tally.f1() >= best - F1_BAND)
        .fold(None::<(usize, f64)>, |chosen, &(n, tally)| match chosen {
            Some((_, precision)) if tally.precision() <= precision => chosen,
            _ => Some((n, tally.precision())),
        })
        .map_or(0, |(n, _)| n)
}

/// The quote suggestions of `found` as the scorer reads them.
pub fn as_attributions(found: &[Suggestion]) -> Vec<Attribution> {
    found
        .iter()
        .filter(|s| s.kind == Kind::Quote)
        .map(|s| Attribution {
            content: s.fragments.iter().map(|f| f.span).collect(),
            speaker: s.speaker.as_ref().map(|p| p.span),
            cue: s.cue.as_ref().map(|p| p.span),
        })
        .collect()
}

/// The tag of each word of `reading` by the quotes of `set`: their content, their speaker's
/// mention and their cue. Longer quotes first: a quote inside another's content, with its
/// speaker and cue, is left out (one tag a word).
fn gold_tags(reading: &Reading, set: &AnnotationSet) -> Vec<Tag> {
    let mut tags = vec![Tag::Outside; reading.words.len()];
    let mut quotes = attribution::attributions_of(set);
    let length = |spans: &[CharSpan]| spans.iter().map(|s| s.len()).sum::<usize>();
    quotes.sort_by_key(|quote| std::cmp::Reverse(length(&quote.content)));
    for Attribution {
        content,
        speaker,
        cue,
    } in quotes
    {
        let parts = content
            .iter()
            .map(|&span| (span, Part::Content))
            .chain(speaker.map(|s| (s, Part::Source)))
            .chain(cue.map(|c| (c, Part::Cue)));
        let parts: Vec<(std::ops::Range<usize>, Part)> = parts
            .map(|(span, part)| (reading.words_in(span), part))
            .collect();
        let free = parts
            .iter()
            .all(|(words, _)| tags[words.clone()].iter().all(|t| *t == Tag::Outside));
        if !free {
            continue;
        }
        for (words, part) in parts {
            for (k, i) in words.enumerate() {
                tags[i] = if k == 0 {
                    Tag::begin(part)
                } else {
                    Tag::inside(part)
                };
            }
        }
    }
    tags
}

#[cfg(test)]
mod tests;
