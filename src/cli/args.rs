//! The command line's surface: the commands, their flags and the values they take (clap).

use super::{curve, train};
use crate::model::Kind;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit codes, shown by `--help`.
pub(super) const EXIT_CODES: &str = "Exit codes:
  0  done; for check: every annotation is anchored exactly
  1  done, but something needs a look: check found annotations that moved, changed or were
     orphaned; import could not import some lines (listed on stderr)
  2  error: nothing was written (the message on stderr names the file, and the line and column
     where there is one)";

/// Marginalia: annotate quotes, claims and entities in news articles.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true, after_help = EXIT_CODES)]
pub struct Cli {
    /// The article to open in the window (.txt, .md, .html, .docx, .odt, .pdf), or a folder of articles
    /// to go through. Without one, the bundled sample article opens.
    pub article: Option<PathBuf>,
    /// A command to run without the window.
    #[command(subcommand)]
    pub action: Option<Action>,
}

/// What to do without the window.
#[derive(Subcommand)]
pub enum Action {
    /// Load each article with its annotations and report
    /// `N annotations: K kept, M moved, C changed, O orphaned`. Never writes anything.
    #[command(after_help = EXIT_CODES)]
    Check {
        /// The articles (their sidecars sit beside them).
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// The annotation set NAME (`<article>.NAME.ron`) instead of the default one.
        #[arg(long, value_name = "NAME")]
        set: Option<String>,
    },
    /// Read annotations made in another tool into the article's sidecar.
    #[command(after_help = EXIT_CODES)]
    Import {
        /// The article the annotations belong to.
        article: PathBuf,
        /// The format of SOURCE.
        #[arg(long = "from", value_name = "FORMAT")]
        from: ImportFrom,
        /// The file to read (for brat, the `.ann` file).
        source: PathBuf,
        /// A RON file mapping the tool's types to quote, claim and entity:
        /// `(kinds: {"Citation": Quote}, speaker_relations: ["Source"])`.
        #[arg(long, value_name = "MAP.ron")]
        map: Option<PathBuf>,
        /// Import into the annotation set NAME (`<article>.NAME.ron`).
        #[arg(long, value_name = "NAME")]
        set: Option<String>,
        /// Replace the annotations already in the sidecar.
        #[arg(long)]
        replace: bool,
        /// W3C: positions count UTF-16 code units (JavaScript), not code points.
        #[arg(long)]
        utf16: bool,
    },
    /// Write the article's annotations for another tool.
    #[command(after_help = EXIT_CODES)]
    Export {
        /// The article.
        article: PathBuf,
        /// The format to write.
        #[arg(long, value_name = "FORMAT")]
        format: ExportAs,
        /// Export the annotation set NAME (`<article>.NAME.ron`).
        #[arg(long, value_name = "NAME")]
        set: Option<String>,
        /// Where to write: a folder for brat (`<stem>.txt`, `<stem>.ann`, `annotation.conf`,
        /// `visual.conf`), a file for the others; stdout when `-` or left out (for brat, the
        /// `.ann` alone).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// A RON mapping file, as for import (which relations are speakers).
        #[arg(long, value_name = "MAP.ron")]
        map: Option<PathBuf>,
        /// The shape of a doccano record.
        #[arg(long, value_name = "SHAPE", default_value = "entities")]
        doccano_shape: DoccanoShape,
        /// W3C: count positions in UTF-16 code units, for JavaScript, instead of code points.
        #[arg(long)]
        utf16: bool,
        /// CSV: start with a byte order mark, which Excel needs to read UTF-8.
        #[arg(long)]
        bom: bool,
    },
    /// Compare annotation sets of one article: precision, recall and F1 per kind and entity
    /// type (exact and overlapping spans), Cohen's kappa and Krippendorff's alpha over chars.
    #[command(after_help = EXIT_CODES)]
    Agree {
        /// The article.
        article: PathBuf,
        /// The sets to compare (`default` is `<article>.ron`); the first is the reference.
        #[arg(long, required = true, num_args = 2.., value_name = "NAME")]
        sets: Vec<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Suggest quotes (with speaker and cue) for an article, or every article of a folder and
    /// below (progress on stderr): lines for people, or with `--json` one object per article.
    #[command(after_help = EXIT_CODES)]
    Suggest {
        /// An article or a folder.
        path: PathBuf,
        /// Only these kinds (today the suggester finds quotes).
        #[arg(long, value_delimiter = ',', value_name = "KINDS")]
        kinds: Vec<SuggestKind>,
        /// Print one JSON object per article, one line each.
        #[arg(long)]
        json: bool,
        /// Add the suggestions to the set (pre-annotating before people review) instead of
        /// printing them, and report how many.
        #[arg(long, conflicts_with = "json")]
        apply: bool,
        /// Use the annotation set NAME (`<article>.NAME.ron`): leave out what it has, or add to it.
        #[arg(long, value_name = "NAME")]
        set: Option<String>,
        /// Find quotes with this model (made by `marginalia train`) over the rules; without it,
        /// a `marginalia-model.bin` in the article's folder or above is used.
        #[arg(long, value_name = "MODEL")]
        model: Option<PathBuf>,
    },
    /// Learn a model of quotes (content, speaker, cue) from annotated articles, for `suggest`
    /// and the window: articles with sidecars, or brat files with `--from brat --map MAP.ron`.
    #[command(after_help = EXIT_CODES)]
    Train {
        /// Articles, or folders of articles (and below).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the model (call it `marginalia-model.bin` beside the articles to have
        /// it found).
        #[arg(short = 'o', long = "output", value_name = "MODEL", required = true)]
        output: PathBuf,
        /// What to learn: quote, entity (the names people marked, with their types); both when
        /// not given.
        #[arg(long, value_delimiter = ',', value_name = "KINDS")]
        kinds: Vec<SuggestKind>,
        /// Where the annotations are read from.
        #[command(flatten)]
        annotations: AnnotationSource,
        /// Hold back this share of the articles and print the scores on them, with the rules
        /// alone and with the model.
        #[arg(long, value_name = "N%", value_parser = train::parse_share)]
        holdout: Option<f64>,
        /// The seed of the order the articles are learned in (and held back).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Passes over the articles.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
    },
    /// Train on growing numbers of annotated articles (rules alone first), score each model's
    /// quotes on other articles, and write `learning-curve.md` and `learning-curve.png`.
    #[command(name = "learning-curve", after_help = EXIT_CODES)]
    LearningCurve {
        /// The articles to learn from (articles or folders).
        #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
        train: Vec<PathBuf>,
        /// The articles to score on (articles or folders).
        #[arg(long, required = true, num_args = 1.., value_name = "PATH")]
        dev: Vec<PathBuf>,
        /// The folder to write the table and the plot in.
        #[arg(short = 'o', long = "output", value_name = "FOLDER", required = true)]
        output: PathBuf,
        /// How many training articles each point learns from.
        #[arg(long, value_delimiter = ',', value_name = "N,N,…", default_values_t = curve::DEFAULT_SIZES)]
        sizes: Vec<usize>,
        /// Where the annotations are read from.
        #[command(flatten)]
        annotations: AnnotationSource,
        /// The seed of the order the training articles are taken in.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Passes over the articles.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
    },
    /// Print the text Marginalia annotates for the file (a Word document's or web page's text,
    /// a text file's as decoded), exactly as the offsets of its annotations count it.
    #[command(after_help = EXIT_CODES)]
    Text {
        /// The article (.txt, .md, .html, .docx, .odt, .pdf).
        path: PathBuf,
    },
    /// Count annotations per kind, entity type and check-worthiness, and quotes per speaker,
    /// over articles and folders (and below).
    #[command(after_help = EXIT_CODES)]
    Stats {
        /// Articles or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
        /// Count the annotation set NAME (`<article>.NAME.ron`).
        #[arg(long, value_name = "NAME")]
        set: Option<String>,
    },
}

/// Kinds of suggestion.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SuggestKind {
    /// Quotes, with speaker and cue.
    Quote,
    /// Entities.
    Entity,
    /// Claims.
    Claim,
}

impl SuggestKind {
    pub(super) fn kind(self) -> Kind {
        match self {
            SuggestKind::Quote => Kind::Quote,
            SuggestKind::Entity => Kind::Entity,
            SuggestKind::Claim => Kind::Claim,
        }
    }
}

/// Where `train` and `learning-curve` read the annotations of their articles.
#[derive(clap::Args)]
pub struct AnnotationSource {
    /// Read the annotation set NAME (`<article>.NAME.ron`).
    #[arg(long, value_name = "NAME")]
    set: Option<String>,
    /// Read the annotations from brat `.ann` files beside the articles.
    #[arg(long = "from", value_name = "FORMAT")]
    from: Option<TrainFrom>,
    /// The mapping file for brat, as for import (which event makes a quote).
    #[arg(long, value_name = "MAP.ron", requires = "from")]
    map: Option<PathBuf>,
}

impl AnnotationSource {
    /// The annotations of the articles at `paths`, read as asked.
    pub(super) fn of<'a>(&'a self, paths: &'a [PathBuf]) -> train::Sources<'a> {
        train::Sources {
            paths,
            set: self.set.as_deref(),
            brat_map: self.from.map(|TrainFrom::Brat| self.map.as_deref()),
        }
    }
}

/// Formats `train` reads besides sidecars.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TrainFrom {
    /// brat standoff (`.ann` beside each article).
    Brat,
}

/// Formats `import` reads.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ImportFrom {
    /// brat standoff (`.ann`).
    Brat,
    /// doccano JSONL: the record whose text is the article's, in either shape.
    Doccano,
    /// W3C Web Annotation JSON-LD: an annotation, a page, a collection or an array.
    W3c,
}

/// Formats `export` writes.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportAs {
    /// brat standoff: a folder with the text, the `.ann` and brat's configuration.
    Brat,
    /// doccano JSONL: one record with the text (see --doccano-shape).
    Doccano,
    /// W3C Web Annotation JSON-LD: an `AnnotationCollection`.
    W3c,
    /// CSV for spreadsheets: one row per annotation with its attributes.
    Csv,
    /// The "who said what" report as one HTML page: per speaker their quotes and claims, and
    /// the claims to check.
    ReportHtml,
    /// The same report in Markdown.
    ReportMd,
}

/// doccano's two shapes.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DoccanoShape {
    /// `entities` and `relations` (relation extraction): keeps speakers and claimants.
    Entities,
    /// `label: [[start, end, "TYPE"]]` (sequence labelling).
    Labels,
}
