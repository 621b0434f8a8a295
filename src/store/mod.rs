//! What Marginalia keeps on disk: the sidecar files that hold an article's annotation sets
//! (and the [`Extras`] other tools' files brought with them), and the articles of a folder with
//! how far each is annotated. No egui.

mod annotated;
mod extras;
pub mod folder;
pub mod sidecar;

pub use annotated::{AnnotatedError, read_annotated};
pub use extras::Extras;
