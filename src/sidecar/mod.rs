//! The RON sidecar file that holds an article's annotations: `<article file name>.ron` beside
//! the article. Versioned, deterministic (the same annotations always give the same bytes) and
//! saved atomically.

mod atomic;
pub mod format;

pub use atomic::{write_atomically, write_atomically_with};
use format::{
    AnnotationRecord, CURRENT_VERSION, DocumentRecord, FORMAT_TAG, Header, OFFSET_UNIT, SidecarV1,
};

use crate::model::{Annotation, AnnotationId, AnnotationSet, CharOffset, CharSpan, Document};
use std::path::{Path, PathBuf};

/// The sidecar of an article: its full file name plus `.ron`, in the same folder.
pub fn sidecar_path(article: &Path) -> PathBuf {
    let mut name = article.file_name().unwrap_or_default().to_owned();
    name.push(".ron");
    article.with_file_name(name)
}

/// Why a sidecar could not be read. The article can still be opened without its annotations.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("Could not read the annotations in “{}”: {source}.", .path.display())]
    Io {
        /// The sidecar.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not valid RON, or not of the sidecar's shape.
    #[error("“{}”, line {line}, column {column}: {message}.", .path.display())]
    Malformed {
        /// The sidecar.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file is RON but not a Marginalia sidecar.
    #[error("“{}” is not a Marginalia sidecar (its format is {found:?}, not {FORMAT_TAG:?}).", .path.display())]
    NotASidecar {
        /// The file.
        path: PathBuf,
        /// Its format tag.
        found: String,
    },
    /// The file was written by a newer Marginalia.
    #[error("“{}” uses sidecar format version {version}, newer than this Marginalia understands (version {CURRENT_VERSION}). Update Marginalia to open these annotations; this file is left as it is.", .path.display())]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its version.
        version: u32,
    },
    /// A version that never existed.
    #[error("“{}” claims sidecar format version {version}, which does not exist.", .path.display())]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        version: u32,
    },
    /// Offsets in a unit we do not read.
    #[error("“{}” counts offsets in {unit:?}; Marginalia reads only {OFFSET_UNIT:?}.", .path.display())]
    OffsetUnit {
        /// The file.
        path: PathBuf,
        /// Its unit.
        unit: String,
    },
}

/// What a sidecar gave: the annotations and what the user should know about them.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The annotations; those that did not fit the article are kept as unanchored.
    pub annotations: AnnotationSet,
    /// Problems with single annotations, each naming the file and line.
    pub warnings: Vec<String>,
    /// False when the article's text changed since the sidecar was saved.
    pub fingerprint_matches: bool,
}

impl Loaded {
    /// True when some annotation could not be placed where the sidecar said.
    pub fn needs_attention(&self) -> bool {
        !self.warnings.is_empty() || !self.fingerprint_matches
    }
}

/// Reads the sidecar at `path` for `document`; `Ok(None)` when there is none.
pub fn load(path: &Path, document: &Document) -> Result<Option<Loaded>, LoadError> {
    let source = match std::fs::read_to_string(path) {
        Ok(source) => source,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(LoadError::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    parse(&source, path, document).map(Some)
}

/// Parses sidecar text; `path` is only used in messages.
pub fn parse(source: &str, path: &Path, document: &Document) -> Result<Loaded, LoadError> {
    let malformed = |e: ron::error::SpannedError| LoadError::Malformed {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    };
    let header: Header = ron::from_str(source).map_err(malformed)?;
    if header.format != FORMAT_TAG {
        return Err(LoadError::NotASidecar {
            path: path.to_owned(),
            found: header.format,
        });
    }
    let sidecar: SidecarV1 = match header.version {
        CURRENT_VERSION => ron::from_str(source).map_err(malformed)?,
        v if v > CURRENT_VERSION => {
            return Err(LoadError::TooNew {
                path: path.to_owned(),
                version: v,
            });
        }
        v => {
            return Err(LoadError::UnknownVersion {
                path: path.to_owned(),
                version: v,
            });
        }
    };
    if sidecar.offset_unit != OFFSET_UNIT {
        return Err(LoadError::OffsetUnit {
            path: path.to_owned(),
            unit: sidecar.offset_unit,
        });
    }
    Ok(place_annotations(sidecar, source, path, document))
}

/// Turns records into a set: each annotation whose exact text stands at its offsets is anchored;
/// every other one is kept as unanchored, with a warning when that is news.
fn place_annotations(sidecar: SidecarV1, source: &str, path: &Path, document: &Document) -> Loaded {
    let fingerprint_matches = sidecar.document.fingerprint == document.fingerprint().as_str();
    let mut loaded = Loaded {
        fingerprint_matches,
        ..Loaded::default()
    };
    let mut moved = 0;
    for record in sidecar.annotations {
        let line = line_of_id(source, &record.id);
        let was_unanchored = record.needs_reanchoring;
        let mut annotation = annotation_from_record(record);
        if loaded.annotations.contains_id(&annotation.id) {
            let fresh = loaded.annotations.fresh_id();
            loaded.warnings.push(format!(
                "“{}”, line {line}: the id {} is used twice; the second annotation now has id {fresh}.",
                path.display(),
                annotation.id
            ));
            annotation.id = fresh;
        }
        let problem = match loaded.annotations.check(&annotation, document) {
            Ok(()) => {
                let _ = loaded.annotations.insert(annotation, document);
                continue;
            }
            Err(problem) => problem,
        };
        if fingerprint_matches && !was_unanchored {
            loaded.warnings.push(format!(
                "“{}”, line {line}: {} {}: {problem}. It is kept aside as needing re-anchoring.",
                path.display(),
                annotation.kind,
                annotation.id
            ));
        } else if !was_unanchored {
            moved += 1;
        }
        let _ = loaded.annotations.insert_unanchored(annotation);
    }
    if !fingerprint_matches {
        loaded.warnings.insert(
            0,
            format!(
                "The article changed since “{}” was saved: {moved} annotation(s) no longer match their place and need re-anchoring; every other annotation is where it was.",
                path.display()
            ),
        );
    }
    loaded
}

fn annotation_from_record(record: AnnotationRecord) -> Annotation {
    Annotation {
        id: AnnotationId(record.id),
        kind: record.kind,
        // A reversed span becomes empty, so that checking it fails and it is kept aside.
        span: CharSpan {
            start: CharOffset(record.start),
            end: CharOffset(record.end.max(record.start)),
        },
        text: record.text,
        prefix: record.prefix,
        suffix: record.suffix,
        created: record.created,
        modified: record.modified,
        note: record.note,
    }
}

fn record_from_annotation(annotation: &Annotation, needs_reanchoring: bool) -> AnnotationRecord {
    AnnotationRecord {
        id: annotation.id.0.clone(),
        kind: annotation.kind,
        start: annotation.span.start.0,
        end: annotation.span.end.0,
        text: annotation.text.clone(),
        prefix: annotation.prefix.clone(),
        suffix: annotation.suffix.clone(),
        created: annotation.created,
        modified: annotation.modified,
        note: annotation.note.clone(),
        needs_reanchoring,
    }
}

/// The 1-based line on which the annotation with `id` starts, for messages.
fn line_of_id(source: &str, id: &str) -> usize {
    let needle = format!("id: {}", ron::to_string(id).unwrap_or_default());
    source
        .find(&needle)
        .map_or(0, |at| source[..at].matches('\n').count() + 1)
}

/// The sidecar text for `set` over `document`: pretty RON, one field per line, the same bytes
/// for the same annotations.
pub fn to_ron(document: &Document, set: &AnnotationSet) -> Result<String, ron::Error> {
    let sidecar = SidecarV1 {
        format: FORMAT_TAG.to_owned(),
        version: CURRENT_VERSION,
        document: DocumentRecord {
            file_name: document.file_name(),
            char_count: document.char_count(),
            fingerprint: document.fingerprint().as_str().to_owned(),
        },
        offset_unit: OFFSET_UNIT.to_owned(),
        annotations: set
            .anchored()
            .iter()
            .map(|a| record_from_annotation(a, false))
            .chain(
                set.unanchored()
                    .iter()
                    .map(|a| record_from_annotation(a, true)),
            )
            .collect(),
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n");
    let mut text = ron::ser::to_string_pretty(&sidecar, config)?;
    text.push('\n');
    Ok(text)
}

/// Why annotations could not be saved. The old sidecar is untouched.
#[derive(Debug, thiserror::Error)]
#[error("Could not save the annotations to “{}”: {source}. Nothing was lost: your annotations are still open. Fix the problem and save again, or use File → Save Annotations As… to save them elsewhere.", .path.display())]
pub struct SaveError {
    /// Where the save was going.
    pub path: PathBuf,
    /// What the system said.
    pub source: std::io::Error,
}

/// Saves `set` to `path` atomically.
pub fn save(path: &Path, document: &Document, set: &AnnotationSet) -> Result<(), SaveError> {
    to_ron(document, set)
        .map_err(std::io::Error::other)
        .and_then(|text| write_atomically(path, text.as_bytes()))
        .map_err(|source| SaveError {
            path: path.to_owned(),
            source,
        })
}

/// Copies a sidecar that could not be read to a free `.bak` name beside it, so that saving over
/// it loses nothing. Returns the backup's path.
pub fn back_up(path: &Path) -> std::io::Result<PathBuf> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let backup = (0..)
        .map(|n| match n {
            0 => path.with_file_name(format!("{name}.bak")),
            n => path.with_file_name(format!("{name}.bak{n}")),
        })
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.with_file_name(format!("{name}.bak")));
    std::fs::copy(path, &backup)?;
    Ok(backup)
}
