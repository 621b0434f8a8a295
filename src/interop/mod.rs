//! Annotations made in other tools, in and out: brat standoff, doccano JSONL, W3C Web
//! Annotation and CSV. No egui.
//!
//! Importers validate every span against the article text and say what they could not import
//! and why; exporters say what the target format cannot carry.

pub mod brat;
pub mod doccano;

use crate::model::{Annotation, AnnotationId, Attributes, CharSpan, Document, Kind};
use ron::extensions::Extensions;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why an import or export could not be done at all (problems with single annotations are
/// reported alongside the result instead).
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
}

/// How another tool's labels map to Marginalia's kinds, and which of its relations name a
/// quote's speaker.
#[derive(Clone, Debug, Default)]
pub struct LabelMap {
    kinds: BTreeMap<String, Kind>,
    speaker_relations: Option<Vec<String>>,
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
        })
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
        let kind = self.kind_of(label);
        let mut annotation = Annotation::new(id, kind, span, document);
        match &mut annotation.attributes {
            Attributes::Entity(e) => e.entity_type = Some(label.to_owned()),
            _ if label != kind.name() => annotation.source_label = Some(label.to_owned()),
            _ => {}
        }
        annotation
    }
}

/// The label an annotation exports as: its source label, an entity's type, or its kind's name.
pub fn label_of(annotation: &Annotation) -> String {
    if let Some(label) = &annotation.source_label {
        return label.clone();
    }
    match &annotation.attributes {
        Attributes::Entity(e) => e.entity_type.clone().unwrap_or_else(|| "Entity".to_owned()),
        other => other.kind().name().to_owned(),
    }
}
