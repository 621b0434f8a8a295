//! What Marginalia keeps on disk: the sidecar files that hold an article's annotation sets, and
//! the articles of a folder with how far each is annotated. No egui.

pub mod folder;
pub mod sidecar;
