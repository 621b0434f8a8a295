//! Annotations made in other tools, in and out: brat standoff, doccano JSONL, W3C Web
//! Annotation and CSV. No egui.
//!
//! Importers validate every span against the article text and say what they could not import
//! and why; exporters say what the target format cannot carry.

pub mod brat;
pub mod csv;
pub mod doccano;
pub mod report;
pub mod w3c;

use crate::model::{Annotation, AnnotationId, AnnotationSet, Attributes, CharSpan, Document, Kind};
use crate::store::Extras;
use ron::extensions::Extensions;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Why an import or export could not be done at all (problems with single annotations are
/// reported alongside the result instead). Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    /// A file could not be read or written.
    #[error("could not {action} “{}”: {source}", .path.display())]
    Io {
        /// "read" or "write".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A mapping file is not valid.
    #[error("the mapping file “{}” is not valid: {message}", .path.display())]
    BadMap {
        /// The file.
        path: PathBuf,
        /// What is wrong, with line and column.
        message: String,
    },
    /// A doccano file could not be used.
    #[error("“{}”: {source}", .path.display())]
    Doccano {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: doccano::DoccanoError,
    },
    /// A Web Annotation file could not be used.
    #[error("“{}”: {source}", .path.display())]
    W3c {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        source: w3c::W3cError,
    },
    /// CSV could not be written.
    #[error("could not write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// The export would replace a file that holds something else.
    #[error("“{}” exists with other text; export to another folder", .0.display())]
    WouldOverwrite(PathBuf),
}

/// A format annotations are read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// brat standoff (`.ann`).
    Brat,
    /// doccano JSONL, either shape.
    Doccano,
    /// W3C Web Annotation, positions counted in this unit.
    W3c(w3c::Unit),
}

impl ImportFormat {
    /// The formats, as menus list them.
    pub const ALL: [ImportFormat; 3] = [
        ImportFormat::Brat,
        ImportFormat::Doccano,
        ImportFormat::W3c(w3c::Unit::CodePoints),
    ];

    /// The format's name for people.
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Brat => "brat standoff (.ann)",
            ImportFormat::Doccano => "doccano JSONL",
            ImportFormat::W3c(_) => "W3C Web Annotation (JSON-LD)",
        }
    }

    /// File name extensions of the format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            ImportFormat::Brat => &["ann"],
            ImportFormat::Doccano => &["jsonl", "json"],
            ImportFormat::W3c(_) => &["json", "jsonld"],
        }
    }
}

/// A format annotations are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// brat standoff: a folder with the text, the `.ann`, `annotation.conf` and `visual.conf`.
    Brat,
    /// doccano JSONL in this shape.
    Doccano(doccano::Shape),
    /// W3C Web Annotation, positions counted in this unit.
    W3c(w3c::Unit),
    /// CSV, with a byte order mark for Excel when `bom`.
    Csv {
        /// Start with a byte order mark.
        bom: bool,
    },
    /// The "who said what" report, as a page or as Markdown.
    Report(report::ReportStyle),
}

impl ExportFormat {
    /// The formats, as menus list them.
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Brat,
        ExportFormat::Doccano(doccano::Shape::Entities),
        ExportFormat::W3c(w3c::Unit::CodePoints),
        ExportFormat::Csv { bom: false },
        ExportFormat::Report(report::ReportStyle::Html),
        ExportFormat::Report(report::ReportStyle::Markdown),
    ];

    /// The format's name for people.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Brat => "brat standoff (folder)",
            ExportFormat::Doccano(_) => "doccano JSONL",
            ExportFormat::W3c(_) => "W3C Web Annotation (JSON-LD)",
            ExportFormat::Csv { .. } => "CSV spreadsheet",
            ExportFormat::Report(report::ReportStyle::Html) => "Report: who said what (HTML page)",
            ExportFormat::Report(report::ReportStyle::Markdown) => {
                "Report: who said what (Markdown)"
            }
        }
    }

    /// The extension of the file written (none for brat's folder).
    pub fn extension(self) -> Option<&'static str> {
        match self {
            ExportFormat::Brat => None,
            ExportFormat::Doccano(_) => Some("jsonl"),
            ExportFormat::W3c(_) => Some("jsonld"),
            ExportFormat::Csv { .. } => Some("csv"),
            ExportFormat::Report(report::ReportStyle::Html) => Some("html"),
            ExportFormat::Report(report::ReportStyle::Markdown) => Some("md"),
        }
    }
}

/// What an import read.
#[derive(Debug, Default)]
pub struct Imported {
    /// The annotations.
    pub set: AnnotationSet,
    /// What the file held that Marginalia has no place for, kept for export.
    pub extras: Extras,
    /// What could not be imported, and why.
    pub problems: Vec<String>,
}

/// Reads the annotations in `source` (in `format`) for `document`.
pub fn import_file(
    format: ImportFormat,
    source: &Path,
    document: &Document,
    map: &LabelMap,
) -> Result<Imported, InteropError> {
    let text = std::fs::read_to_string(source).map_err(|e| InteropError::Io {
        action: "read",
        path: source.to_owned(),
        source: e,
    })?;
    Ok(match format {
        ImportFormat::Brat => {
            let imported = brat::import(&text, document, map);
            Imported {
                set: imported.set,
                extras: imported.extras,
                problems: imported.problems,
            }
        }
        ImportFormat::Doccano => {
            let imported =
                doccano::import(&text, document, map).map_err(|e| InteropError::Doccano {
                    path: source.to_owned(),
                    source: e,
                })?;
            Imported {
                set: imported.set,
                extras: imported.extras,
                problems: imported.problems,
            }
        }
        ImportFormat::W3c(unit) => {
            let imported =
                w3c::import(&text, document, map, unit).map_err(|e| InteropError::W3c {
                    path: source.to_owned(),
                    source: e,
                })?;
            Imported {
                set: imported.set,
                extras: Extras::default(),
                problems: imported.problems,
            }
        }
    })
}

/// The export as one text (for brat, the `.ann`), with what the format cannot carry.
pub fn export_text(
    format: ExportFormat,
    document: &Document,
    set: &AnnotationSet,
    extras: &Extras,
    map: &LabelMap,
    colours: &brat::BratColours,
) -> Result<(String, Vec<String>), InteropError> {
    Ok(match format {
        ExportFormat::Brat => {
            let export = brat::export(document, set, extras, map, colours);
            (export.ann, export.left_out)
        }
        ExportFormat::Doccano(shape) => doccano::export(document, set, extras, shape),
        ExportFormat::W3c(unit) => w3c::export(document, set, extras, unit),
        ExportFormat::Csv { bom } => (csv::export(set, bom)?, Vec::new()),
        ExportFormat::Report(style) => {
            let waiting = set.unanchored().len();
            let left_out = if waiting > 0 {
                vec![format!(
                    "{waiting} annotation(s) waiting for re-anchoring are not in the report"
                )]
            } else {
                Vec::new()
            };
            (report::Report::of(document, set).render(style), left_out)
        }
    })
}

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Exported {
    /// The files written.
    pub files: Vec<PathBuf>,
    /// What the format cannot carry, one line each.
    pub left_out: Vec<String>,
}

/// Writes the export to `output`: a folder for brat (`<article stem>.txt`, `.ann`,
/// `annotation.conf`, `visual.conf`; an existing text file with other text is never replaced),
/// a file for the others. Each file is written atomically.
pub fn export_to(
    format: ExportFormat,
    document: &Document,
    set: &AnnotationSet,
    extras: &Extras,
    map: &LabelMap,
    colours: &brat::BratColours,
    output: &Path,
) -> Result<Exported, InteropError> {
    let write = |path: PathBuf, bytes: &[u8]| {
        crate::store::sidecar::write_atomically(&path, bytes)
            .map(|()| path.clone())
            .map_err(|e| InteropError::Io {
                action: "write",
                path,
                source: e,
            })
    };
    if format != ExportFormat::Brat {
        let (text, left_out) = export_text(format, document, set, extras, map, colours)?;
        return Ok(Exported {
            files: vec![write(output.to_owned(), text.as_bytes())?],
            left_out,
        });
    }
    std::fs::create_dir_all(output).map_err(|e| InteropError::Io {
        action: "write",
        path: output.to_owned(),
        source: e,
    })?;
    let export = brat::export(document, set, extras, map, colours);
    let stem = document
        .path()
        .file_stem()
        .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned());
    let text_path = output.join(format!("{stem}.txt"));
    let text = document.text().as_str().as_bytes();
    let mut files = Vec::new();
    match std::fs::read(&text_path) {
        Ok(existing) if existing == text => files.push(text_path),
        Ok(_) => return Err(InteropError::WouldOverwrite(text_path)),
        Err(_) => files.push(write(text_path, text)?),
    }
    files.push(write(
        output.join(format!("{stem}.ann")),
        export.ann.as_bytes(),
    )?);
    files.push(write(
        output.join("annotation.conf"),
        export.annotation_conf.as_bytes(),
    )?);
    files.push(write(
        output.join("visual.conf"),
        export.visual_conf.as_bytes(),
    )?);
    Ok(Exported {
        files,
        left_out: export.left_out,
    })
}

/// How another tool's labels map to Marginalia's kinds, and which of its relations name a
/// quote's speaker.
#[derive(Clone, Debug, Default)]
pub struct LabelMap {
    kinds: BTreeMap<String, Kind>,
    speaker_relations: Option<Vec<String>>,
    /// Events that join a quote to its speaker and cue (attribution corpora).
    attributions: Vec<AttributionMap>,
    /// Label names the team's schema knows (entity types), so that `Political_party`, as
    /// brat has to write it, comes back as `Political party`.
    known: BTreeSet<String>,
}

/// The mapping file (`--map MAP.ron`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    /// label → Quote, Claim or Entity; labels not listed follow the default rule.
    #[serde(default)]
    kinds: BTreeMap<String, Kind>,
    /// Relation types that give a quote its speaker; the default rule when absent.
    #[serde(default)]
    speaker_relations: Option<Vec<String>>,
    /// Events that join a quote to its speaker and its cue.
    #[serde(default)]
    attributions: Vec<AttributionMap>,
}

/// An event of an attribution corpus that joins a quote to its speaker and cue, and which of
/// its argument roles is which: PolNeAR's `E1 Attribution:T4 Content:T3 Cue:T2 Source:T1` is
/// `(event: "Attribution", quote: "Content", speaker: "Source", cue: "Cue")`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AttributionMap {
    /// The event type.
    pub event: String,
    /// The role of the quote's content.
    pub quote: String,
    /// The role of the speaker.
    pub speaker: String,
    /// The role of the cue.
    pub cue: String,
}

impl LabelMap {
    /// Reads a mapping file such as
    /// `(kinds: {"Citation": Quote, "Assertion": Claim}, speaker_relations: ["Source"])`.
    pub fn from_ron(text: &str, path: &Path) -> Result<Self, InteropError> {
        let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
        let file: MapFile = options.from_str(text).map_err(|e| InteropError::BadMap {
            path: path.to_owned(),
            message: format!(
                "{} at line {}, column {}",
                e.code, e.span.start.line, e.span.start.col
            ),
        })?;
        Ok(Self {
            kinds: file.kinds,
            speaker_relations: file.speaker_relations,
            attributions: file.attributions,
            known: BTreeSet::new(),
        })
    }

    /// Reads the mapping file at `path`.
    pub fn read(path: &Path) -> Result<Self, InteropError> {
        let text = std::fs::read_to_string(path).map_err(|e| InteropError::Io {
            action: "read",
            path: path.to_owned(),
            source: e,
        })?;
        Self::from_ron(&text, path)
    }

    /// How an event of type `event` joins a quote to its speaker and cue, if the map says.
    pub fn attribution(&self, event: &str) -> Option<&AttributionMap> {
        self.attributions.iter().find(|a| a.event == event)
    }

    /// The map, knowing the label names `names` (a schema's entity types).
    pub fn knowing(mut self, names: impl IntoIterator<Item = String>) -> Self {
        self.known.extend(names);
        self
    }

    /// The label `written` stands for: itself, or the known name it is with `_` for spaces.
    pub fn label_of(&self, written: &str) -> String {
        if written.contains('_') && !self.known.contains(written) {
            let spaced = written.replace('_', " ");
            if self.known.contains(&spaced) {
                return spaced;
            }
        }
        written.to_owned()
    }

    /// The kind of a label (a brat type, a doccano label): from the map, else a type whose name says quote,
    /// citation or speech is a quote, claim a claim, anything else an entity of that type.
    pub fn kind_of(&self, brat_type: &str) -> Kind {
        if let Some(kind) = self.kinds.get(brat_type) {
            return *kind;
        }
        let name = brat_type.to_lowercase();
        if ["quot", "citation", "speech"]
            .iter()
            .any(|w| name.contains(w))
        {
            Kind::Quote
        } else if name.contains("claim") {
            Kind::Claim
        } else {
            Kind::Entity
        }
    }

    /// Whether a relation of this type between a quote and an entity names the quote's speaker:
    /// listed in the map, else named like speaker, source or Arg….
    pub fn is_speaker_relation(&self, relation_type: &str) -> bool {
        match &self.speaker_relations {
            Some(types) => types.iter().any(|t| t == relation_type),
            None => {
                let name = relation_type.to_lowercase();
                name.contains("speaker") || name.contains("source") || name.starts_with("arg")
            }
        }
    }
}

impl LabelMap {
    /// A new annotation of `span` in `document` labelled `label`: its kind from the map; the
    /// label becomes an entity's type, or the source label of a quote or claim whose label is
    /// not its kind's name.
    pub fn labelled(
        &self,
        id: AnnotationId,
        label: &str,
        span: CharSpan,
        document: &Document,
    ) -> Annotation {
        let label = &self.label_of(label);
        let kind = self.kind_of(label);
        let mut annotation = Annotation::new(id, kind, span, document);
        match &mut annotation.attributes {
            Attributes::Entity(e) => e.entity_type = Some(label.to_owned()),
            _ if label != kind.id() => annotation.source_label = Some(label.to_owned()),
            _ => {}
        }
        annotation
    }
}
