//! The window (feature `gui`): everything egui.
//!
//! - [`app`]: the open article's session, preferences and messages, and
//!   [`app::MarginaliaApp::apply`], the one place where commands change anything.
//! - [`command`]: every user command with its label.
//! - [`views`]: the widgets, each fed by an input struct and emitting commands.
//! - [`host`]: what the window takes from the machine (file dialogs, fonts).
//! - [`theme`]: every colour.

pub mod app;
pub mod command;
pub mod host;
pub mod theme;
pub mod views;

pub use app::MarginaliaApp;
