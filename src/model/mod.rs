//! The annotation model: offsets, documents, annotations and sets. No egui here.

pub mod annotation;
pub mod attributes;
pub mod correct;
pub mod document;
pub mod encoding;
pub mod history;
pub mod offsets;
pub mod progress;
pub mod rejection;
pub mod relations;
pub mod schema;
pub mod search;
pub mod selection;
pub mod set;
pub mod source;
pub mod words;

pub use annotation::{Annotation, AnnotationId, Kind, Timestamp};
pub use attributes::{
    Attributes, CheckWorthiness, ClaimAttributes, EntityAttributes, Excerpt, Identity, IdentityId,
    Party, QuoteAttributes, QuoteMode,
};
pub use document::{Document, OpenError, Paragraph};
pub use encoding::TextEncoding;
pub use history::History;
pub use offsets::{ByteOffset, CharOffset, CharSpan, IndexedText, Utf16Index};
pub use progress::Progress;
pub use rejection::Rejection;
pub use selection::TextSelection;
pub use set::{AnnotationSet, BrokenInvariant, Edit, Placement, SetError};
pub use source::{Derived, Fingerprint};
