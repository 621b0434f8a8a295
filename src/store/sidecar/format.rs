//! The sidecar's on-disk records (serde), one struct per version, and the migration from each
//! older version to the next.
//!
//! Version history:
//! - 1: annotations with kind, span, text, context, times and a note.
//! - 2: adds quote speakers, cues, modes and fragments; claim claimants, check-worthiness,
//!   verdicts and source URLs; entity types and identities (with a top-level list of
//!   identities); tags on every annotation.
//! - 3: adds what imports from other tools need to export again: fragments on any kind (brat's
//!   discontinuous spans), an annotation's `source_label`, and `brat_extras`, the brat lines
//!   Marginalia has no place for. A version 2 file is a version 3 file without them.
//! - 4: adds the suggestions the user rejected (`rejected_suggestions`: kind, span, text and
//!   context, so that they re-anchor) and, on an annotation accepted from a suggestion, the rule
//!   that suggested it (`suggested_by`). A version 2 or 3 file is a version 4 file without them.

use super::ron_text::record;
use crate::model::{CheckWorthiness, Kind, Party, QuoteMode, Timestamp};
use serde::Deserialize;

/// The format tag every sidecar starts with.
pub const FORMAT_TAG: &str = "marginalia-sidecar";
/// The version this build writes.
pub const CURRENT_VERSION: u32 = 4;
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
#[derive(Deserialize)]
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
    pub annotations: Vec<AnnotationRecordV1>,
}

/// One annotation as stored in version 1.
#[derive(Deserialize)]
pub struct AnnotationRecordV1 {
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

record! {
    /// Versions 2 to 4 of the sidecar file (4 is the current one; the older ones lack some of
    /// its optional fields).
    pub struct SidecarV4 {
        /// Always [`FORMAT_TAG`].
        required format: String,
        /// 2, 3 or 4; written as 4.
        required version: u32,
        /// The article the annotations belong to.
        required document: DocumentRecord,
        /// Always [`OFFSET_UNIT`].
        required offset_unit: String,
        /// The real-world entities that entity mentions name, by id.
        optional identities: Vec<IdentityRecord>,
        /// The annotations, in text order (unanchored ones last).
        required annotations: Vec<AnnotationRecord>,
        /// brat standoff lines kept from an import for export: events, attributes,
        /// normalisations and relations Marginalia has no place for, as they were.
        optional brat_extras: Vec<String>,
        /// The suggestions the user rejected, sorted by place.
        optional rejected_suggestions: Vec<RejectionRecord>,
    }
}

record! {
    /// A suggestion the user rejected.
    pub struct RejectionRecord {
        /// What it would have been.
        required kind: Kind,
        /// First char.
        required start: usize,
        /// One past the last char.
        required end: usize,
        /// The exact text of the span.
        required text: String,
        /// Up to 32 chars before the span.
        required prefix: String,
        /// Up to 32 chars after the span.
        required suffix: String,
    }
}

record! {
    /// What the sidecar records of its article.
    pub struct DocumentRecord {
        /// The article's file name (no folder).
        required file_name: String,
        /// Its length in chars.
        required char_count: usize,
        /// Its fingerprint, `blake3:<hex>`.
        required fingerprint: String,
        /// How its bytes were decoded (`UTF-8`, `UTF-8 with BOM`, `UTF-16 LE`, `UTF-16 BE`,
        /// `Windows-1252`); files that predate the field were all UTF-8.
        defaulted("utf8", utf8) encoding: String,
        /// `html` or `docx` when the text was extracted from a saved web page or a Word
        /// document (absent for text files).
        optional source: Option<String>,
        /// The version of the extractor that made the text, for those.
        optional extractor_version: Option<u32>,
        /// The fingerprint of the file the text was extracted from, `blake3:<hex>`, for those
        /// (absent in sidecars that predate it).
        optional source_fingerprint: Option<String>,
    }
}

fn utf8() -> String {
    "UTF-8".to_owned()
}

record! {
    /// A real-world entity.
    pub struct IdentityRecord {
        /// Unique among the identities.
        required id: String,
        /// Canonical name.
        required name: String,
        /// An id in an external knowledge base, such as a Wikidata QID.
        optional external_id: Option<String>,
    }
}

record! {
    /// A stretch of text besides an annotation's main span.
    pub struct ExcerptRecord {
        /// First char.
        required start: usize,
        /// One past the last char.
        required end: usize,
        /// The exact text there.
        required text: String,
    }
}

record! {
    /// One annotation as stored. Attributes that do not apply to its kind are left out.
    pub struct AnnotationRecord {
        /// Stable unique id.
        required id: String,
        /// Quote, Claim or Entity.
        required kind: Kind,
        /// First char.
        required start: usize,
        /// One past the last char.
        required end: usize,
        /// The exact text of the span.
        required text: String,
        /// Up to 32 chars before the span.
        required prefix: String,
        /// Up to 32 chars after the span.
        required suffix: String,
        /// Further fragments, in text order (a quote's, or a discontinuous imported span's).
        optional fragments: Vec<ExcerptRecord>,
        /// The label it had in the tool it came from, when that differs from its kind or type.
        optional source_label: Option<String>,
        /// The rule of the suggestion it was accepted from.
        optional suggested_by: Option<String>,
        /// A quote's speaker.
        optional speaker: Option<Party>,
        /// A quote's cue ("said").
        optional cue: Option<ExcerptRecord>,
        /// Direct, indirect or mixed quote.
        optional mode: Option<QuoteMode>,
        /// A claim's claimant.
        optional claimant: Option<Party>,
        /// A claim's check-worthiness.
        optional check_worthiness: Option<CheckWorthiness>,
        /// A claim's verdict.
        optional verdict: Option<String>,
        /// Where a claim's verdict or evidence is published.
        optional source_url: Option<String>,
        /// An entity's type.
        optional entity_type: Option<String>,
        /// The id of the identity an entity mention names.
        optional identity: Option<String>,
        /// A free-text note.
        optional note: Option<String>,
        /// Tags, sorted.
        optional tags: Vec<String>,
        /// When it was made.
        required created: Timestamp,
        /// When it last changed.
        required modified: Timestamp,
        /// True when the annotation lost its place in the article and waits to be re-anchored.
        optional needs_reanchoring: bool,
    }
}

impl From<SidecarV1> for SidecarV4 {
    fn from(v1: SidecarV1) -> Self {
        Self {
            format: v1.format,
            version: 2,
            document: v1.document,
            offset_unit: v1.offset_unit,
            identities: Vec::new(),
            brat_extras: Vec::new(),
            rejected_suggestions: Vec::new(),
            annotations: v1
                .annotations
                .into_iter()
                .map(|r| AnnotationRecord {
                    id: r.id,
                    kind: r.kind,
                    start: r.start,
                    end: r.end,
                    text: r.text,
                    prefix: r.prefix,
                    suffix: r.suffix,
                    fragments: Vec::new(),
                    source_label: None,
                    suggested_by: None,
                    speaker: None,
                    cue: None,
                    mode: None,
                    claimant: None,
                    check_worthiness: None,
                    verdict: None,
                    source_url: None,
                    entity_type: None,
                    identity: None,
                    note: r.note,
                    tags: Vec::new(),
                    created: r.created,
                    modified: r.modified,
                    needs_reanchoring: r.needs_reanchoring,
                })
                .collect(),
        }
    }
}
