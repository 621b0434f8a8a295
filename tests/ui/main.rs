//! The window's flows: the real app driven headless with egui_kittest, as a user would drive
//! it with mouse and keyboard. One test crate, so that egui is linked once.

// A failing unwrap is the test failing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::let_underscore_must_use
)]

mod common;

mod app_flows;
mod background_flows;
mod correcting_flows;
mod crash;
mod editing_flows;
mod encodings;
mod exchange_flows;
mod folder_flows;
mod large_files;
mod overview_flows;
mod reading_flows;
mod review_flows;
mod set_flows;
mod signals;
mod suggestion_flows;
mod watch_flows;
mod words_and_find_flows;
