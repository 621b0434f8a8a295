//! # Marginalia
//!
//! A native desktop annotator for news articles: highlight **quotes**, **claims** and
//! **entities**, saved as a RON sidecar file beside the article.
//!
//! ## Layers
//! Each layer uses only those above it; none but [`gui`] knows egui, and the compiler keeps it
//! so (`.ci/run` builds the library without the `gui` feature).
//! - [`extract`]: the text of documents that are not plain text (saved web pages, Word
//!   documents), bytes in, text out.
//! - [`model`]: char offsets ([`model::CharOffset`], [`model::CharSpan`], and
//!   [`model::IndexedText`], the one place that converts chars to bytes), the
//!   [`model::Document`] (decoded text, fingerprint, paragraphs), [`model::Annotation`] and
//!   [`model::AnnotationSet`], the [`model::Edit`]s that change a set, the
//!   [`model::History`] that undoes them, and the label [`model::schema`].
//! - [`anchor`]: re-anchoring, which finds annotations again when their article changed
//!   (kept, moved, changed or orphaned).
//! - [`store`]: the versioned RON sidecar `<article>.ron` (loading with line and column in
//!   every error, atomic saving) and the articles of a folder.
//! - [`interop`]: annotations from and for other tools (brat, doccano, W3C Web Annotation,
//!   CSV), and the lines of their files Marginalia carries for them.
//! - [`analysis`]: agreement between sets, curation (merging two sets), counts, who said what.
//! - [`suggest`]: suggestions (quotes with their speaker and cue, claims, names) by rules over
//!   the text, a cue lexicon by language and a team's gazetteer, and a model learned from
//!   annotated articles ([`suggest::learn`]); and what accepting one makes.
//! - [`web`]: articles from web addresses, downloaded within limits and kept in a folder.
//! - [`cli`]: the command line (`check`, `import`, `export`, `agree`, `stats`, `suggest`,
//!   `train`).
//! - [`gui`] (feature `gui`): the window.
//!
//! ## Data path (one way)
//! file → [`model::Document`] + [`store::sidecar::load`] → [`model::AnnotationSet`] → views
//! (read only) → [`gui::command::Command`] → [`gui::app::MarginaliaApp::apply`] → model →
//! [`store::sidecar`] save. Suggestions are made from a copy of the document and set on a
//! worker ([`suggest::suggest`]) and reach the set only as edits a command applies.
//!
//! ## Invariants
//! - Every stored offset counts Unicode scalar values over the decoded text (no BOM; `\r\n` is
//!   two chars); bytes appear only inside [`model::IndexedText`] and at the egui boundary.
//! - An anchored annotation's text equals the document's text at its span; one that lost its
//!   place is kept as unanchored, never dropped.
//! - The same annotations always give a byte-identical sidecar; saving is atomic; a sidecar that
//!   could not be read is copied to `.bak` before it is saved over.

// Tests may unwrap: a failure there is the test failing.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod anchor;
pub mod cli;
pub mod extract;
#[cfg(feature = "gui")]
pub mod gui;
pub mod interop;
pub mod model;
pub mod store;
pub mod suggest;
pub mod web;

/// The sample article, built into the binary: with no file given and none opened before, the
/// window opens a copy of it in the user's data folder.
pub const SAMPLE_ARTICLE: &str = include_str!("../assets/sample-article.txt");
