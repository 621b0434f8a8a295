//! `marginalia learning-curve`: trains on growing shares of one set of annotated articles,
//! scores each model on another, and writes the table and a plot.

use super::train::{self, Learned, Sources};
use crate::analysis::curve::{self, CurvePoint};
use crate::suggest::Rules;
use crate::suggest::learn::{self, TrainOptions, TrainProgress};
use anyhow::{Context as _, bail};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// The table's file name in the output folder.
pub const TABLE_FILE: &str = "learning-curve.md";

/// The plot's file name in the output folder.
pub const PLOT_FILE: &str = "learning-curve.png";

/// The numbers of training articles `learning-curve` tries when not told.
pub const DEFAULT_SIZES: [usize; 7] = [10, 20, 40, 80, 160, 320, 840];

/// What `learning-curve` is asked to do.
pub(super) struct Request<'a> {
    /// The articles to learn from.
    pub train: Sources<'a>,
    /// The articles to score on.
    pub score_on: Sources<'a>,
    /// The folder the table and plot go in.
    pub output: &'a Path,
    /// How many training articles each point learns from.
    pub sizes: &'a [usize],
    /// Passes and seed.
    pub options: TrainOptions,
}

/// The numbers of articles to train on: `asked` in order, those beyond `available` replaced by
/// all of them once.
fn sizes_to_try(asked: &[usize], available: usize) -> Vec<usize> {
    let mut sizes: Vec<usize> = asked.iter().map(|&n| n.min(available)).collect();
    sizes.sort_unstable();
    sizes.dedup();
    sizes.retain(|&n| n > 0);
    sizes
}

/// Reads `sources`, naming what they are in errors.
fn read(sources: Sources<'_>, what: &str, err: &mut dyn Write) -> anyhow::Result<Vec<Learned>> {
    let (articles, unannotated, _) = train::annotated_articles(sources, err)?;
    if articles.is_empty() {
        bail!(
            "none of the articles to {what} has annotations ({unannotated} without): give annotated articles, or brat files with --from brat --map MAP.ron"
        );
    }
    Ok(articles)
}

/// Trains on the first `size` of `training` and scores on `score_on`.
fn point(
    training: &[Learned],
    size: usize,
    score_on: &[Learned],
    options: TrainOptions,
    err: &mut dyn Write,
) -> anyhow::Result<CurvePoint> {
    let started = std::time::Instant::now();
    let annotated: Vec<_> = training[..size].iter().map(Learned::annotated).collect();
    let mut report = |progress: TrainProgress| {
        if matches!(progress, TrainProgress::Chose { .. })
            && let Some(line) = train::progress_line(progress)
            && let Err(closed) = writeln!(err, "  {line}")
        {
            log::debug!("could not write progress: {closed}");
        }
    };
    let model = learn::train(&annotated, &Rules::built_in(), options, &mut report);
    let seconds = started.elapsed().as_secs_f64();
    let (quotes, combination) = (
        model.provenance.quotes,
        model.provenance.combination.describe(),
    );
    let rules = Rules {
        model: Some(Arc::new(model)),
        ..Rules::built_in()
    };
    Ok(CurvePoint {
        articles: size,
        quotes,
        tally: train::score(score_on, &rules),
        seconds,
        combination,
    })
}

/// Runs `learning-curve`.
pub(super) fn run(
    request: &Request<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    super::check_set(request.train.set)?;
    let mut training = read(request.train, "learn from", err)?;
    let score_on = read(request.score_on, "score on", err)?;
    train::in_seeded_order(&mut training, request.options.seed);
    std::fs::create_dir_all(request.output)
        .with_context(|| format!("could not make the folder “{}”", request.output.display()))?;
    writeln!(
        err,
        "scoring the rules alone on {} article(s)",
        score_on.len()
    )?;
    let mut points = vec![CurvePoint {
        articles: 0,
        quotes: 0,
        tally: train::score(&score_on, &Rules::built_in()),
        seconds: 0.0,
        combination: learn::Policy::RulesAlone.describe().to_owned(),
    }];
    for size in sizes_to_try(request.sizes, training.len()) {
        writeln!(err, "training on {size} of {} article(s)", training.len())?;
        let point = point(&training, size, &score_on, request.options, err)?;
        writeln!(err, "  {}", point.tally.summary())?;
        points.push(point);
    }
    let table = curve::to_markdown(&points);
    let table_path = request.output.join(TABLE_FILE);
    crate::store::sidecar::write_atomically(&table_path, table.as_bytes())
        .with_context(|| format!("could not write “{}”", table_path.display()))?;
    let plot_path = request.output.join(PLOT_FILE);
    let title = format!(
        "Quotes learned from up to {} articles, scored on {}",
        training.len(),
        score_on.len()
    );
    curve::plot(&points, &title, &plot_path)?;
    write!(out, "{table}")?;
    writeln!(
        out,
        "wrote {} and {}",
        table_path.display(),
        plot_path.display()
    )?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_beyond_the_articles_become_all_of_them_once() {
        let cases: [(&[usize], usize, &[usize]); 4] = [
            (&[10, 20, 40], 100, &[10, 20, 40]),
            (&[10, 20, 840], 30, &[10, 20, 30]),
            (&[840, 320], 5, &[5]),
            (&[0, 3], 5, &[3]),
        ];
        for (asked, available, expected) in cases {
            assert_eq!(sizes_to_try(asked, available), expected, "{asked:?}");
        }
    }
}
