//! `marginalia train PATH… -o MODEL`: learns a model of quotes from annotated articles (their
//! sidecars, or brat files through a mapping), optionally scores it on articles held back.

use crate::analysis::attribution::{self, Tally};
use crate::interop::{self, ImportFormat, LabelMap};
use crate::model::{AnnotationSet, Document, Kind};
use crate::suggest::learn::{self, Annotated, Model, TrainOptions, TrainProgress};
use crate::suggest::{self, Rules};
use anyhow::{Context as _, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Annotated articles to learn from or score on.
#[derive(Clone, Copy)]
pub(super) struct Sources<'a> {
    /// Articles and folders of articles.
    pub paths: &'a [PathBuf],
    /// The annotation set to read.
    pub set: Option<&'a str>,
    /// Read the annotations from brat `.ann` files beside the articles, through this map.
    pub brat_map: Option<Option<&'a Path>>,
}

/// What `train` is asked to do.
pub(super) struct Request<'a> {
    /// The articles to learn from.
    pub sources: Sources<'a>,
    /// Where the model goes.
    pub output: &'a Path,
    /// The kinds to learn (none given: quotes and entity names).
    pub kinds: &'a [Kind],
    /// The share of articles (0 to 1) held back and scored on.
    pub holdout: Option<f64>,
    /// Passes and seed.
    pub options: TrainOptions,
}

/// A `--holdout` that is no percentage below 100.
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("{0:?} is no percentage below 100: give one like 20%")]
pub struct NotAShare(String);

/// The percentage `text` ("20%", "20") as a share of 1, for `--holdout`.
pub fn parse_share(text: &str) -> Result<f64, NotAShare> {
    let number = text.trim().trim_end_matches('%');
    match number.parse::<f64>() {
        Ok(percent) if (0.0..100.0).contains(&percent) => Ok(percent / 100.0),
        _ => Err(NotAShare(text.to_owned())),
    }
}

/// An article and what people annotated in it.
pub(super) struct Learned {
    path: PathBuf,
    document: Document,
    set: AnnotationSet,
}

impl Learned {
    /// The article as training reads it.
    pub(super) fn annotated(&self) -> Annotated<'_> {
        Annotated {
            document: &self.document,
            set: &self.set,
        }
    }
}

/// The annotated articles of `request`: those with a sidecar of the set (or a `.ann` beside
/// them with `--from brat`); the others are counted, with what could not be read named on
/// `err`.
pub(super) fn annotated_articles(
    request: Sources<'_>,
    err: &mut dyn Write,
) -> anyhow::Result<(Vec<Learned>, usize, bool)> {
    let map = match request.brat_map {
        Some(Some(path)) => Some(
            LabelMap::read(path)
                .with_context(|| format!("could not use the mapping file “{}”", path.display()))?,
        ),
        Some(None) => Some(LabelMap::default()),
        None => None,
    };
    let mut articles = Vec::new();
    for path in request.paths {
        if path.is_dir() {
            articles.extend(
                crate::store::folder::articles_in(path)
                    .with_context(|| format!("could not read the folder “{}”", path.display()))?,
            );
        } else if path.is_file() {
            articles.push(path.clone());
        } else {
            bail!(
                "“{}” does not exist: give articles or folders of them",
                path.display()
            );
        }
    }
    let (mut found, mut unannotated, mut troubled) = (Vec::new(), 0, false);
    for (n, article) in articles.iter().enumerate() {
        if n % 100 == 0 {
            writeln!(
                err,
                "[{}/{}] reading {}",
                n + 1,
                articles.len(),
                article.display()
            )?;
        }
        let read = match &map {
            Some(map) => read_brat(article, map),
            None => crate::store::read_annotated(article, request.set).map_err(anyhow::Error::from),
        };
        match read {
            Ok(Some((document, set))) => found.push(Learned {
                path: article.clone(),
                document,
                set,
            }),
            Ok(None) => unannotated += 1,
            Err(error) => {
                writeln!(err, "warning: {}: {error:#} (left out)", article.display())?;
                troubled = true;
            }
        }
    }
    Ok((found, unannotated, troubled))
}

/// The article and the annotations of the `.ann` beside it; `None` without one.
fn read_brat(article: &Path, map: &LabelMap) -> anyhow::Result<Option<(Document, AnnotationSet)>> {
    let ann = article.with_extension("ann");
    if !ann.is_file() {
        return Ok(None);
    }
    let document = Document::open(article)?;
    let imported = interop::import_file(ImportFormat::Brat, &ann, &document, map)?;
    Ok(Some((document, imported.set)))
}

/// Scores the quotes suggested with `rules` on `articles` against their annotations.
pub(super) fn score(articles: &[Learned], rules: &Rules) -> Tally {
    let mut total = Tally::default();
    for article in articles {
        let found = suggest::suggest(&article.document, &AnnotationSet::new(), rules);
        total.add(attribution::tally(
            &attribution::attributions_of(&article.set),
            &learn::as_attributions(&found),
        ));
    }
    total
}

/// Puts `articles` in the order `seed` gives, whatever order they were read in.
pub(super) fn in_seeded_order(articles: &mut [Learned], seed: u64) {
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    learn::shuffle(articles, seed);
}

/// Shuffles `articles` with `seed` (the model's own order of things) and splits off the last
/// `share` of them.
fn hold_back(mut articles: Vec<Learned>, share: f64, seed: u64) -> (Vec<Learned>, Vec<Learned>) {
    in_seeded_order(&mut articles, seed);
    let held = ((articles.len() as f64) * share).round() as usize;
    let kept = articles.split_off(articles.len() - held.min(articles.len()));
    (articles, kept)
}

/// What `train` says of `progress` on stderr (nothing for each article read).
pub(super) fn progress_line(progress: TrainProgress) -> Option<String> {
    Some(match progress {
        TrainProgress::Read { done, of } if done == of => format!("read {of} article(s)"),
        TrainProgress::Read { .. } => return None,
        TrainProgress::Epoch {
            epoch,
            of,
            wrong,
            paragraphs,
        } => format!("pass {epoch}/{of}: {wrong} of {paragraphs} paragraphs tagged wrong"),
        TrainProgress::Fold { fold, of } => {
            format!("tried a model of the rest on part {fold} of {of} of the articles")
        }
        TrainProgress::Chose {
            combination,
            rules,
            chosen,
        } => format!(
            "suggesting with {} (on the parts left out: rules {}; chosen {})",
            combination.describe(),
            rules.summary(),
            chosen.summary()
        ),
    })
}

/// Runs `train`.
pub(super) fn run(
    request: &Request<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let sources = request.sources;
    super::check_set(sources.set)?;
    if let Some(other) = request
        .kinds
        .iter()
        .find(|k| !matches!(k, Kind::Quote | Kind::Entity))
    {
        bail!(
            "models of {}s are not learned yet: train with --kinds quote,entity (or leave --kinds out)",
            other.label().to_lowercase()
        );
    }
    let started = std::time::Instant::now();
    let (articles, unannotated, troubled) = annotated_articles(sources, err)?;
    if articles.is_empty() {
        bail!(
            "none of the articles given has annotations to learn from ({unannotated} without a sidecar{}): annotate some first, or read brat files with --from brat --map MAP.ron",
            sources
                .set
                .map(|s| format!(" of the set {s:?}"))
                .unwrap_or_default()
        );
    }
    let (training, held) = match request.holdout {
        Some(share) => hold_back(articles, share, request.options.seed),
        None => (articles, Vec::new()),
    };
    if training.is_empty() {
        bail!("--holdout leaves no article to learn from: hold back less");
    }
    let rules = Rules::built_in();
    let annotated: Vec<Annotated<'_>> = training.iter().map(Learned::annotated).collect();
    let mut report = |progress: TrainProgress| {
        if let Some(line) = progress_line(progress)
            && let Err(closed) = writeln!(err, "{line}")
        {
            log::debug!("could not write progress: {closed}");
        }
    };
    let wants = |kind: Kind| request.kinds.is_empty() || request.kinds.contains(&kind);
    let options = TrainOptions {
        quotes: wants(Kind::Quote),
        entity_names: wants(Kind::Entity),
        ..request.options
    };
    let model = learn::train(&annotated, &rules, options, &mut report);
    model.save(request.output)?;
    let size = std::fs::metadata(request.output).map_or(0, |m| m.len());
    writeln!(
        out,
        "trained on {} article(s) with {} quote(s) in {:.1} s: {} ({:.1} MB)",
        model.provenance.articles,
        model.provenance.quotes,
        started.elapsed().as_secs_f64(),
        request.output.display(),
        size as f64 / 1e6
    )?;
    if !model.names.is_empty() {
        writeln!(
            out,
            "learned {} entity name(s) with their types",
            model.names.len()
        )?;
    }
    if !held.is_empty() {
        let with_model = Rules {
            model: Some(Arc::new(model)),
            ..Rules::built_in()
        };
        writeln!(
            out,
            "held back {} article(s): rules {}; model {}",
            held.len(),
            score(&held, &rules).summary(),
            score(&held, &with_model).summary()
        )?;
    }
    if unannotated > 0 {
        writeln!(
            err,
            "{unannotated} article(s) without annotations were left out"
        )?;
    }
    Ok(u8::from(troubled))
}

/// The model `suggest` uses for `article`: the one given, else `marginalia-model.bin` found
/// beside it or above (each file read once); a model that cannot be read is named in a warning
/// and the rules go on alone.
pub(super) struct Models {
    given: Option<Arc<Model>>,
    found: std::collections::HashMap<PathBuf, Option<Arc<Model>>>,
}

impl Models {
    /// The model of `--model PATH`, when given: an error when it cannot be read.
    pub fn new(given: Option<&Path>) -> anyhow::Result<Self> {
        let given = match given {
            Some(path) => Some(Arc::new(Model::load(path)?)),
            None => None,
        };
        Ok(Self {
            given,
            found: Default::default(),
        })
    }

    /// The model for `article`.
    pub fn for_article(
        &mut self,
        article: &Path,
        err: &mut dyn Write,
    ) -> anyhow::Result<Option<Arc<Model>>> {
        if let Some(given) = &self.given {
            return Ok(Some(given.clone()));
        }
        let Some(path) = learn::file::find_for(article) else {
            return Ok(None);
        };
        if let Some(known) = self.found.get(&path) {
            return Ok(known.clone());
        }
        let model = match Model::load(&path) {
            Ok(model) => Some(Arc::new(model)),
            Err(error) => {
                writeln!(err, "warning: {error}; the rules suggest alone")?;
                None
            }
        };
        self.found.insert(path, model.clone());
        Ok(model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_holdout_is_a_percentage_below_100() {
        let cases = [
            ("20%", Ok(0.2)),
            ("20", Ok(0.2)),
            (" 5% ", Ok(0.05)),
            ("0", Ok(0.0)),
            ("100%", Err(NotAShare("100%".to_owned()))),
            ("-3", Err(NotAShare("-3".to_owned()))),
            ("a fifth", Err(NotAShare("a fifth".to_owned()))),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_share(text), expected, "{text}");
        }
        assert_eq!(
            NotAShare("x".to_owned()).to_string(),
            "\"x\" is no percentage below 100: give one like 20%"
        );
    }
}
