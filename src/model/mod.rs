//! The annotation model: offsets, documents, annotations and sets. No egui here.

pub mod annotation;
pub mod document;
pub mod offsets;
pub mod set;

pub use annotation::{Annotation, AnnotationId, Kind, Timestamp};
pub use document::{Document, Fingerprint, OpenError, Paragraph};
pub use offsets::{ByteOffset, CharOffset, CharSpan, IndexedText};
pub use set::{AnnotationSet, SetError};
