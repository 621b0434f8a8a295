//! An article with the annotations of one of its sidecars, read together: what learning and
//! the commands that read many articles start from.

use super::sidecar::{self, LoadError};
use crate::model::{AnnotationSet, Document, OpenError};
use std::path::Path;

/// Why an article and its sidecar could not be read together.
#[derive(Debug, thiserror::Error)]
pub enum AnnotatedError {
    /// The article.
    #[error(transparent)]
    Article(#[from] OpenError),
    /// Its sidecar.
    #[error(transparent)]
    Sidecar(#[from] LoadError),
}

/// The article at `article` and the annotations of its sidecar of `set` (the default one for
/// `None`); `None` when it has no such sidecar.
pub fn read_annotated(
    article: &Path,
    set: Option<&str>,
) -> Result<Option<(Document, AnnotationSet)>, AnnotatedError> {
    let path = sidecar::set_path(article, set);
    if !path.exists() {
        return Ok(None);
    }
    let document = Document::open(article)?;
    let loaded = sidecar::load(&path, &document)?.unwrap_or_default();
    Ok(Some((document, loaded.annotations)))
}
