//! Annotations made in other tools, in and out: brat standoff (more formats to come). No egui.
//!
//! Importers validate every span against the article text and say what they could not import
//! and why; exporters say what the target format cannot carry.

pub mod brat;

use std::path::PathBuf;

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
