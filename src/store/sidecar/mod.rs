//! The RON sidecar file that holds an article's annotations: `<article file name>.ron` beside
//! the article. Versioned, deterministic (the same annotations always give the same bytes) and
//! saved atomically.

//!
//! - [`format`]: the records of each version, declared once (`ron_text`'s table), and their
//!   migration;
//! - `fast`: the writer and the fast reader of Marginalia's own layout;
//! - `load`: reading, migrating and placing the annotations;
//! - `convert`: records to annotations and back;
//! - `atomic`: writing a file so that it is always either the old or the new version.

mod atomic;
mod convert;
mod fast;
pub mod format;
mod load;
mod ron_text;

pub use atomic::{write_atomically, write_atomically_with};
pub use load::{
    LoadError, Loaded, MAX_SIDECAR_BYTES, Summary, load, load_with_progress, parse,
    place_from_reader, summary,
};

use super::Extras;
use crate::model::{AnnotationSet, Document};
use convert::record_from_annotation;
use format::{CURRENT_VERSION, DocumentRecord, FORMAT_TAG, IdentityRecord, OFFSET_UNIT, SidecarV4};
use std::path::{Path, PathBuf};

/// The sidecar of an article: its full file name plus `.ron`, in the same folder.
pub fn sidecar_path(article: &Path) -> PathBuf {
    let mut name = article.file_name().unwrap_or_default().to_owned();
    name.push(".ron");
    article.with_file_name(name)
}

/// The sidecar of annotation set `set` of an article: `<article>.NAME.ron`, or the default
/// sidecar for `None`.
pub fn set_path(article: &Path, set: Option<&str>) -> PathBuf {
    match set {
        None => sidecar_path(article),
        Some(name) => {
            let mut file = article.file_name().unwrap_or_default().to_owned();
            file.push(format!(".{name}.ron"));
            article.with_file_name(file)
        }
    }
}

/// Why a name cannot name an annotation set.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SetNameError {
    /// No name at all.
    #[error("a set needs a name")]
    Empty,
    /// `default`, the name of the set in `<article>.ron`.
    #[error("“default” is the name of the set in <article>.ron")]
    Default,
    /// A char that does not belong in a file name.
    #[error("a set name has letters, digits, - and _ only, not {0:?}")]
    Char(char),
}

/// Whether `name` can name an annotation set: letters, digits, `-` and `_`, not `default`.
pub fn check_set_name(name: &str) -> Result<(), SetNameError> {
    if name.is_empty() {
        return Err(SetNameError::Empty);
    }
    if name == "default" {
        return Err(SetNameError::Default);
    }
    match name
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '_'))
    {
        Some(c) => Err(SetNameError::Char(c)),
        None => Ok(()),
    }
}

/// The annotation sets of an article that exist on disk: the default one (`None`) first if it
/// exists, then the named ones by name.
pub fn list_sets(article: &Path) -> Vec<Option<String>> {
    let mut sets = Vec::new();
    if sidecar_path(article).exists() {
        sets.push(None);
    }
    let (Some(folder), Some(file)) = (article.parent(), article.file_name()) else {
        return sets;
    };
    let prefix = format!("{}.", file.to_string_lossy());
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return sets;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| {
            let name = n.strip_prefix(&prefix)?.strip_suffix(".ron")?.to_owned();
            check_set_name(&name).ok().map(|()| name)
        })
        .collect();
    names.sort();
    sets.extend(names.into_iter().map(Some));
    sets
}

/// The sidecar text for `set` (with `extras` beside it) over `document`: pretty RON, one field
/// per line, the same bytes for the same annotations.
pub fn to_ron(document: &Document, set: &AnnotationSet, extras: &Extras) -> String {
    prepare(document, set, extras).text()
}

/// A copy of what a sidecar holds, taken from the open set so that the text can be made and
/// written elsewhere (on a worker thread) while editing goes on.
pub struct Prepared(SidecarV4);

impl Prepared {
    /// The sidecar text (as [`to_ron`] gives it).
    pub fn text(&self) -> String {
        let mut text = fast::write(&self.0);
        text.push('\n');
        text
    }
}

/// Copies what the sidecar of `set` (with `extras` beside it) over `document` holds.
pub fn prepare(document: &Document, set: &AnnotationSet, extras: &Extras) -> Prepared {
    Prepared(SidecarV4 {
        format: FORMAT_TAG.to_owned(),
        version: CURRENT_VERSION,
        document: DocumentRecord {
            file_name: document.file_name(),
            char_count: document.char_count(),
            fingerprint: document.fingerprint().as_str().to_owned(),
            encoding: document.encoding().name().to_owned(),
            source: document.derived().map(|d| d.format.name().to_owned()),
            extractor_version: document.derived().map(|d| d.extractor_version),
            source_fingerprint: document
                .derived()
                .map(|d| d.source_fingerprint.as_str().to_owned()),
        },
        offset_unit: OFFSET_UNIT.to_owned(),
        identities: set
            .identities()
            .values()
            .map(|i| IdentityRecord {
                id: i.id.0.clone(),
                name: i.name.clone(),
                external_id: i.external_id.clone(),
            })
            .collect(),
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
        brat_extras: extras.brat.clone(),
        rejected_suggestions: set
            .rejections()
            .iter()
            .map(convert::record_from_rejection)
            .collect(),
    })
}

/// Why annotations could not be saved. The old sidecar is untouched.
#[derive(Debug, thiserror::Error)]
#[error("Could not save the annotations to “{}”: {source}. The file there is as it was. Fix the problem (room on the disk, permissions, the folder) and save again, or save them elsewhere.", .path.display())]
pub struct SaveError {
    /// Where the save was going.
    pub path: PathBuf,
    /// What the system said.
    pub source: std::io::Error,
}

/// Saves `set` (with `extras` beside it) to `path` atomically.
pub fn save(
    path: &Path,
    document: &Document,
    set: &AnnotationSet,
    extras: &Extras,
) -> Result<(), SaveError> {
    write_atomically(path, to_ron(document, set, extras).as_bytes()).map_err(|source| SaveError {
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
