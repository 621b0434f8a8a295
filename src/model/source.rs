//! Where an article's text came from: its fingerprint, and for a text taken out of another kind
//! of file (a web page, a Word document, a PDF) which file, by which extractor.

use crate::extract::SourceFormat;
use std::fmt;

/// A strong hash of a text (BLAKE3), written as `blake3:<hex>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The fingerprint of `text`.
    pub fn of(text: &str) -> Self {
        Self::of_bytes(text.as_bytes())
    }

    /// The fingerprint of a file's bytes.
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self(format!("blake3:{}", blake3::hash(bytes).to_hex()))
    }

    /// A fingerprint as written in a file (not checked).
    pub fn from_stored(stored: String) -> Self {
        Self(stored)
    }

    /// The fingerprint as written in a file.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a text taken out of another kind of file came from: what the sidecar records, so that
/// a newer extractor's different text is found out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    /// The kind of file.
    pub format: SourceFormat,
    /// The version of the extractor that made the text.
    pub extractor_version: u32,
    /// The fingerprint of the file's bytes.
    pub source_fingerprint: Fingerprint,
}
