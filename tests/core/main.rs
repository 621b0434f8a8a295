//! Everything but the window: the model, sidecars, re-anchoring, the formats, the command line
//! (the real binary) and the checks on `../shared/corpus`. One test crate, so that the library
//! is linked once.

// A failing unwrap is the test failing; evaluations print their tables; the hostile-input
// tests feed readers and drop what they give on purpose (only a panic fails them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::let_underscore_must_use
)]

mod brat;
mod cli;
mod corpus;
mod doccano;
mod documents;
mod history;
mod hostile_inputs;
mod html_extraction;
mod install;
mod kill_while_saving;
mod reanchor_eval;
mod sidecar;
mod suggest_eval;
mod w3c;
mod web;
