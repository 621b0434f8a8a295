//! The command line: `marginalia [ARTICLE]` opens the window; `check`, `import`, `export` and
//! `stats` do their work without one. Results go to stdout, messages to stderr.

mod args;
mod curve;
mod suggest;
mod train;

use crate::analysis::agreement;
use crate::analysis::stats::Counts;
use crate::interop::LabelMap;
use crate::interop::report::ReportStyle;
use crate::interop::{self, ExportFormat, ImportFormat, Imported, doccano, w3c};
use crate::model::schema::Schema;
use crate::model::{AnnotationSet, Document, Kind};
use crate::store::sidecar::{self, Loaded};
use anyhow::{Context as _, bail};
pub use args::{
    Action, AnnotationSource, Cli, DoccanoShape, ExportAs, ImportFrom, SuggestKind, TrainFrom,
};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The sidecar of `article` for the annotation set `set` (the default set when `None`).
pub fn sidecar_for(article: &Path, set: Option<&str>) -> PathBuf {
    sidecar::set_path(article, set)
}

/// Runs `action`, writing results to `out` and messages to `err`; returns the exit code.
pub fn run(action: Action, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match action {
        Action::Check { articles, set } => check(&articles, set.as_deref(), out, err),
        Action::Import {
            article,
            from,
            source,
            map,
            set,
            replace,
            utf16,
        } => {
            let format = match from {
                ImportFrom::Brat => ImportFormat::Brat,
                ImportFrom::Doccano => ImportFormat::Doccano,
                ImportFrom::W3c => ImportFormat::W3c(unit(utf16)),
            };
            let target = Target {
                set: set.as_deref(),
                replace,
            };
            import(format, &article, &source, map.as_deref(), target, out, err)
        }
        Action::Export {
            article,
            format,
            set,
            output,
            map,
            doccano_shape,
            utf16,
            bom,
        } => {
            let format = match format {
                ExportAs::Brat => ExportFormat::Brat,
                ExportAs::Doccano => ExportFormat::Doccano(match doccano_shape {
                    DoccanoShape::Entities => doccano::Shape::Entities,
                    DoccanoShape::Labels => doccano::Shape::Labels,
                }),
                ExportAs::W3c => ExportFormat::W3c(unit(utf16)),
                ExportAs::Csv => ExportFormat::Csv { bom },
                ExportAs::ReportHtml => ExportFormat::Report(ReportStyle::Html),
                ExportAs::ReportMd => ExportFormat::Report(ReportStyle::Markdown),
            };
            let output = output.unwrap_or_else(|| PathBuf::from("-"));
            export(
                format,
                &article,
                set.as_deref(),
                &output,
                map.as_deref(),
                out,
                err,
            )
        }
        Action::Stats { paths, json, set } => stats(&paths, json, set.as_deref(), out, err),
        Action::Text { path } => text(&path, out),
        Action::Suggest {
            path,
            kinds,
            json,
            apply,
            set,
            model,
        } => {
            let kinds: Vec<Kind> = kinds.into_iter().map(SuggestKind::kind).collect();
            let request = suggest::Request {
                kinds: &kinds,
                json,
                apply,
                set: set.as_deref(),
                model: model.as_deref(),
            };
            suggest::run(&path, &request, out, err)
        }
        Action::Train {
            paths,
            output,
            kinds,
            annotations,
            holdout,
            seed,
            epochs,
        } => {
            let kinds: Vec<Kind> = kinds.into_iter().map(SuggestKind::kind).collect();
            let request = train::Request {
                sources: annotations.of(&paths),
                output: &output,
                kinds: &kinds,
                holdout,
                options: crate::suggest::learn::TrainOptions {
                    epochs,
                    seed,
                    ..Default::default()
                },
            };
            train::run(&request, out, err)
        }
        Action::LearningCurve {
            train: train_paths,
            dev,
            output,
            sizes,
            annotations,
            seed,
            epochs,
        } => {
            let request = curve::Request {
                train: annotations.of(&train_paths),
                score_on: annotations.of(&dev),
                output: &output,
                sizes: &sizes,
                options: crate::suggest::learn::TrainOptions {
                    epochs,
                    seed,
                    ..Default::default()
                },
            };
            curve::run(&request, out, err)
        }
        Action::Agree {
            article,
            sets,
            json,
        } => agree(&article, &sets, json, out),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            // Exit code 2 says it too, should stderr be closed.
            if let Err(closed) = writeln!(err, "error: {error:#}") {
                log::debug!("could not write the error to stderr: {closed}");
            }
            2
        }
    }
}

fn unit(utf16: bool) -> w3c::Unit {
    if utf16 {
        w3c::Unit::Utf16
    } else {
        w3c::Unit::CodePoints
    }
}

/// Refuses set names that are not names (`../x`).
fn check_set(set: Option<&str>) -> anyhow::Result<()> {
    if let Some(name) = set {
        sidecar::check_set_name(name).map_err(|why| anyhow::anyhow!("--set {name:?}: {why}"))?;
    }
    Ok(())
}

/// The article and its annotations, re-anchored if the article changed.
fn load(article: &Path, set: Option<&str>) -> anyhow::Result<(Document, Loaded)> {
    check_set(set)?;
    let document = Document::open(article)?;
    let path = sidecar_for(article, set);
    let loaded = sidecar::load(&path, &document)?.unwrap_or_default();
    Ok((document, loaded))
}

/// Prints the text of the article at `path` (or of the page at a web address), as Marginalia
/// annotates it.
fn text(path: &Path, out: &mut dyn Write) -> anyhow::Result<u8> {
    if let Some(url) = path.to_str().filter(|p| crate::web::is_web_address(p)) {
        let downloaded = crate::web::download(url, &crate::web::Limits::default())?;
        let text = crate::web::text_of(&downloaded)
            .map_err(|why| anyhow::anyhow!("the page of “{url}” cannot be read: {why}"))?;
        out.write_all(text.as_bytes())?;
        return Ok(0);
    }
    let document = Document::open(path)?;
    out.write_all(document.text().as_str().as_bytes())?;
    Ok(0)
}

fn check(
    articles: &[PathBuf],
    set: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let mut code = 0;
    for article in articles {
        match load(article, set) {
            Ok((_, loaded)) => {
                let tally = loaded.review.tally;
                writeln!(
                    out,
                    "{}: {} annotations: {tally}",
                    article.display(),
                    tally.total()
                )?;
                for warning in &loaded.warnings {
                    writeln!(err, "warning: {warning}")?;
                }
                if tally.needs_review() {
                    code = code.max(1);
                }
            }
            Err(error) => {
                writeln!(err, "error: {error:#}")?;
                code = 2;
            }
        }
    }
    Ok(code)
}

fn read_map(map: Option<&Path>) -> anyhow::Result<LabelMap> {
    let Some(path) = map else {
        return Ok(LabelMap::default());
    };
    LabelMap::read(path)
        .with_context(|| format!("could not use the mapping file “{}”", path.display()))
}

/// Where an import goes.
struct Target<'a> {
    set: Option<&'a str>,
    replace: bool,
}

fn import(
    format: ImportFormat,
    article: &Path,
    source: &Path,
    map: Option<&Path>,
    target: Target<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    check_set(target.set)?;
    // Type names brat has to write with `_` for spaces come back as the schema names them.
    let (schema, _) = crate::model::schema::Schema::for_article(article, &[]);
    let map = read_map(map)?.knowing(schema.entity_types.into_iter().map(|t| t.name));
    let document = Document::open(article)?;
    let sidecar_path = sidecar_for(article, target.set);
    if !target.replace && sidecar_path.exists() {
        let existing = sidecar::load(&sidecar_path, &document).with_context(|| {
            format!(
                "“{}” exists and could not be read; pass --replace to overwrite it",
                sidecar_path.display()
            )
        })?;
        let count = existing.map_or(0, |l| l.annotations.len());
        if count > 0 {
            bail!(
                "“{}” already has {count} annotation(s); pass --replace to replace them (nothing was written)",
                sidecar_path.display()
            );
        }
    }
    let Imported {
        set,
        extras,
        problems,
    } = interop::import_file(format, source, &document, &map)?;
    for problem in &problems {
        writeln!(err, "{}: {problem}", source.display())?;
    }
    let count = set.len();
    if count == 0 && !problems.is_empty() {
        bail!(
            "nothing could be imported from “{}” (see above); nothing was written",
            source.display()
        );
    }
    sidecar::save(&sidecar_path, &document, &set, &extras)?;
    write!(
        out,
        "Imported {count} annotation(s) from “{}” into “{}”",
        source.display(),
        sidecar_path.display(),
    )?;
    match extras.brat.len() {
        0 => writeln!(out, ".")?,
        kept => writeln!(out, "; {kept} line(s) kept for export.")?,
    }
    if problems.is_empty() {
        Ok(0)
    } else {
        writeln!(
            out,
            "{} item(s) could not be imported (listed on stderr).",
            problems.len()
        )?;
        Ok(1)
    }
}

fn export(
    format: ExportFormat,
    article: &Path,
    set: Option<&str>,
    output: &Path,
    map: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let map = read_map(map)?;
    let (document, loaded) = load(article, set)?;
    let (schema, _) = Schema::for_article(article, &[]);
    let colours = crate::interop::brat::BratColours::for_schema(&schema);
    let (annotations, extras) = (&loaded.annotations, &loaded.extras);
    if output == Path::new("-") {
        let (text, left_out) =
            interop::export_text(format, &document, annotations, extras, &map, &colours)?;
        for note in &left_out {
            writeln!(err, "note: {note}")?;
        }
        out.write_all(text.as_bytes())?;
        return Ok(0);
    }
    let exported = interop::export_to(
        format,
        &document,
        annotations,
        extras,
        &map,
        &colours,
        output,
    )?;
    for note in &exported.left_out {
        writeln!(err, "note: {note}")?;
    }
    let files: Vec<String> = exported
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    writeln!(
        out,
        "Wrote {} annotation(s) to {}.",
        annotations.anchored().len(),
        files.join(", ")
    )?;
    Ok(0)
}

/// The sidecar of set `name`, where `default` is the default set.
fn set_path(article: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let set = (name != "default").then_some(name);
    check_set(set)?;
    Ok(sidecar_for(article, set))
}

#[derive(Serialize)]
struct PairReport<'a> {
    reference: &'a str,
    other: &'a str,
    lines: Vec<agreement::Line>,
}

#[derive(Serialize)]
struct AlphaReport {
    category: agreement::Category,
    alpha: Option<f64>,
}

#[derive(Serialize)]
struct AgreeReport<'a> {
    article: String,
    unit: &'static str,
    pairs: Vec<PairReport<'a>>,
    alpha: Vec<AlphaReport>,
}

fn agree(article: &Path, names: &[String], json: bool, out: &mut dyn Write) -> anyhow::Result<u8> {
    let document = Document::open(article)?;
    let mut sets = Vec::new();
    for name in names {
        let path = set_path(article, name)?;
        let Some(loaded) = sidecar::load(&path, &document)? else {
            bail!(
                "there is no annotation set {name:?} for “{}” (no file “{}”)",
                article.display(),
                path.display()
            );
        };
        sets.push(loaded.annotations);
    }
    let mut report = AgreeReport {
        article: article.display().to_string(),
        unit: "non-white-space chars",
        pairs: Vec::new(),
        alpha: Vec::new(),
    };
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            report.pairs.push(PairReport {
                reference: &names[i],
                other: &names[j],
                lines: agreement::compare(&sets[i], &sets[j], &document).lines,
            });
        }
    }
    let refs: Vec<&AnnotationSet> = sets.iter().collect();
    report.alpha = agreement::alpha(&refs, &document)
        .into_iter()
        .map(|(category, alpha)| AlphaReport { category, alpha })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(0);
    }
    let number = agreement::two_places;
    for pair in &report.pairs {
        writeln!(
            out,
            "{}: {} (reference) and {}",
            report.article, pair.reference, pair.other
        )?;
        writeln!(
            out,
            "{:<24} {:>5} {:>5} {:>5}   {:>5} {:>5} {:>5}   {:>5}",
            "exact / overlap", "P", "R", "F1", "P", "R", "F1", "kappa"
        )?;
        for line in &pair.lines {
            writeln!(
                out,
                "{:<24} {:>5} {:>5} {:>5}   {:>5} {:>5} {:>5}   {:>5}",
                line.category.name(),
                number(line.exact.precision),
                number(line.exact.recall),
                number(line.exact.f1),
                number(line.overlap.precision),
                number(line.overlap.recall),
                number(line.overlap.f1),
                number(line.kappa)
            )?;
        }
        writeln!(out)?;
    }
    let alphas: Vec<String> = report
        .alpha
        .iter()
        .map(|a| format!("{} {}", a.category.name(), number(a.alpha)))
        .collect();
    writeln!(
        out,
        "Krippendorff's alpha over {} ({} sets): {}",
        report.unit,
        sets.len(),
        alphas.join(", ")
    )?;
    writeln!(out, "{}", agreement::MATCHING)?;
    Ok(0)
}

#[derive(Serialize)]
struct ArticleStats {
    article: String,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Serialize)]
struct StatsReport {
    articles: Vec<ArticleStats>,
    total: Counts,
}

fn stats(
    paths: &[PathBuf],
    json: bool,
    set: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let mut articles = Vec::new();
    for path in paths {
        if path.is_dir() {
            articles.extend(
                crate::store::folder::articles_in(path)
                    .with_context(|| format!("could not read the folder “{}”", path.display()))?,
            );
        } else {
            articles.push(path.clone());
        }
    }
    let mut report = StatsReport {
        articles: Vec::new(),
        total: Counts::default(),
    };
    let mut code = 0;
    for article in articles {
        match load(&article, set) {
            Ok((_, loaded)) => {
                let mut counts = Counts::default();
                counts.add(&loaded.annotations);
                report.total.add(&loaded.annotations);
                report.articles.push(ArticleStats {
                    article: article.display().to_string(),
                    counts,
                });
            }
            Err(error) => {
                writeln!(err, "error: {error:#}")?;
                code = 2;
            }
        }
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        write_stats(out, &report)?;
    }
    Ok(code)
}

fn write_stats(out: &mut dyn Write, report: &StatsReport) -> std::io::Result<()> {
    let total = &report.total;
    writeln!(
        out,
        "{} article(s), {} annotation(s)",
        report.articles.len(),
        total.annotations
    )?;
    let line = |out: &mut dyn Write, title: &str, counts: &BTreeMap<String, usize>| {
        let items: Vec<String> = crate::analysis::stats::largest_first(counts)
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(
            out,
            "{title}: {}",
            if items.is_empty() {
                "none".to_owned()
            } else {
                items.join(", ")
            }
        )
    };
    let kinds: BTreeMap<String, usize> = Kind::ALL
        .iter()
        .map(|k| (k.to_string(), total.kinds.get(k.id()).copied().unwrap_or(0)))
        .collect();
    line(out, "Kinds", &kinds)?;
    line(out, "Entity types", &total.entity_types)?;
    line(out, "Claims by check-worthiness", &total.check_worthiness)?;
    line(out, "Quotes per speaker", &total.quotes_per_speaker)?;
    if report.articles.len() > 1 {
        writeln!(out, "Per article:")?;
        for article in &report.articles {
            let kinds: Vec<String> = Kind::ALL
                .iter()
                .map(|k| {
                    format!(
                        "{} {}",
                        k.id().to_lowercase(),
                        article.counts.kinds.get(k.id()).copied().unwrap_or(0)
                    )
                })
                .collect();
            writeln!(
                out,
                "  {}: {} ({})",
                article.article,
                article.counts.annotations,
                kinds.join(", ")
            )?;
        }
    }
    Ok(())
}
