//! # Marginalia
//!
//! A native desktop annotator for news articles: highlight **quotes**, **claims** and
//! **entities**, saved as a RON sidecar file beside the article.
//!
//! ## Modules
//! - [`model`]: char offsets ([`model::CharOffset`], [`model::CharSpan`], and
//!   [`model::IndexedText`], the one place that converts chars to bytes), the
//!   [`model::Document`] (decoded text, fingerprint, paragraphs), [`model::Annotation`] and
//!   [`model::AnnotationSet`], the [`model::Edit`]s that change a set and the
//!   [`model::History`] that undoes them. No egui.
//! - [`agreement`]: how far annotation sets agree (F1, Cohen's kappa, Krippendorff's alpha).
//!   No egui.
//! - [`anchor`]: re-anchoring, which finds annotations again when their article changed
//!   (kept, moved, changed or orphaned). No egui.
//! - [`sidecar`]: the versioned RON file `<article>.ron`, its loading (with line and column in
//!   every error) and its atomic saving. No egui.
//! - [`curation`]: merging two annotation sets difference by difference. No egui.
//! - [`folder`]: the articles of a folder and how far each is annotated (read in the
//!   background). No egui.
//! - [`interop`]: annotations from and for other tools (brat standoff). No egui.
//! - [`stats`]: counts of annotations per kind, type, check-worthiness and speaker. No egui.
//! - [`schema`]: the label schema (entity types with hotkeys and colours, verdicts, tags), built
//!   in or from a team's `marginalia-schema.ron`. No egui.
//! - [`cli`]: the command line (`check`, `import`, `export`, `stats`), without a window.
//! - [`command`]: every user command, with its label and shortcuts.
//! - [`app`]: the window: session, preferences, and [`app::MarginaliaApp::apply`], the one
//!   place where commands change anything.
//! - [`ui`]: the virtualised article view, the side panel, dialogs and file choosers.
//! - [`theme`]: every colour.
//!
//! ## Data path (one way)
//! file → [`model::Document`] + [`sidecar::load`] → [`model::AnnotationSet`] → article view and
//! side panel (read only) → [`command::Command`] → [`app::MarginaliaApp::apply`] → model →
//! [`sidecar::save`].
//!
//! ## Invariants
//! - Every stored offset counts Unicode scalar values over the decoded text (no BOM; `\r\n` is
//!   two chars); bytes appear only inside [`model::IndexedText`] and at the egui boundary.
//! - An anchored annotation's text equals the document's text at its span; one that lost its
//!   place is kept as unanchored, never dropped.
//! - The same annotations always give a byte-identical sidecar; saving is atomic; a sidecar that
//!   could not be read is copied to `.bak` before it is saved over.

pub mod agreement;
pub mod anchor;
#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod cli;
#[cfg(feature = "gui")]
pub mod command;
pub mod curation;
pub mod folder;
pub mod interop;
pub mod model;
pub mod schema;
pub mod sidecar;
pub mod stats;
#[cfg(feature = "gui")]
pub mod theme;
#[cfg(feature = "gui")]
pub mod ui;

#[cfg(feature = "gui")]
pub use app::MarginaliaApp;

/// The sample article bundled with Marginalia, opened when no file is given.
pub fn sample_article_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-article.txt")
}
