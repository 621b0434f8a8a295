//! The window (feature `gui`): everything egui.
//!
//! - [`app`]: the open article's session, preferences and messages, and
//!   [`app::MarginaliaApp::apply`], the one place where commands change anything.
//! - [`command`]: every user command with its label.
//! - [`keys`]: the one key table, every binding in every state, checked for clashes.
//! - [`jobs`]: the one way background work runs (progress, cancel, stale results dropped).
//! - [`views`]: the widgets, each fed by an input struct and emitting commands.
//! - [`host`]: what the window takes from the machine (file dialogs, fonts).
//! - [`theme`]: every colour.

pub mod app;
pub mod command;
pub mod host;
pub mod jobs;
pub mod keys;
pub mod theme;
pub mod views;

pub use app::MarginaliaApp;
