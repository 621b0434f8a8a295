//! The sidecar's on-disk records (serde), one struct per version.

use crate::model::{Kind, Timestamp};
use serde::{Deserialize, Serialize};

/// The format tag every sidecar starts with.
pub const FORMAT_TAG: &str = "marginalia-sidecar";
/// The version this build writes.
pub const CURRENT_VERSION: u32 = 1;
/// The unit of every offset in a sidecar.
pub const OFFSET_UNIT: &str = "unicode-scalar";

/// Just enough of any version's file to tell which version it is.
#[derive(Deserialize)]
pub struct Header {
    /// Must be [`FORMAT_TAG`].
    pub format: String,
    /// The format version.
    pub version: u32,
}

/// Version 1 of the sidecar file.
#[derive(Serialize, Deserialize)]
pub struct SidecarV1 {
    /// Always [`FORMAT_TAG`].
    pub format: String,
    /// Always 1.
    pub version: u32,
    /// The article the annotations belong to.
    pub document: DocumentRecord,
    /// Always [`OFFSET_UNIT`].
    pub offset_unit: String,
    /// The annotations, in text order (unanchored ones last).
    pub annotations: Vec<AnnotationRecord>,
}

/// What the sidecar records of its article.
#[derive(Serialize, Deserialize)]
pub struct DocumentRecord {
    /// The article's file name (no folder).
    pub file_name: String,
    /// Its length in chars.
    pub char_count: usize,
    /// Its fingerprint, `blake3:<hex>`.
    pub fingerprint: String,
}

/// One annotation as stored.
#[derive(Serialize, Deserialize)]
pub struct AnnotationRecord {
    /// Stable unique id.
    pub id: String,
    /// Quote, Claim or Entity.
    pub kind: Kind,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The exact text of the span.
    pub text: String,
    /// Up to 32 chars before the span.
    pub prefix: String,
    /// Up to 32 chars after the span.
    pub suffix: String,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed.
    pub modified: Timestamp,
    /// A free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// True when the annotation lost its place in the article and waits to be re-anchored.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_reanchoring: bool,
}
