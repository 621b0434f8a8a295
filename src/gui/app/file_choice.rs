//! File dialogs off the UI thread: the dialog runs on a worker while the window goes on
//! drawing and reading keys; its answer arrives like any job's, and what the file was chosen
//! for follows. Where the system has no dialog, a path field is asked for instead.

use super::MarginaliaApp;
use super::Severity;
use crate::gui::host::file_dialog::{DialogOutcome, FileDialogs};
use crate::gui::jobs::{Job, Poll};
use crate::gui::views::dialogs::PathPurpose;
use egui::Context;
use std::sync::{Arc, Mutex};

/// The dialogs, shared with the worker that shows one.
pub(super) type SharedDialogs = Arc<Mutex<Box<dyn FileDialogs + Send>>>;

/// A file dialog on screen, and what its answer is for.
pub(super) struct OpenDialog {
    purpose: PathPurpose,
    job: Job<DialogOutcome>,
}

impl OpenDialog {
    /// The job's title, for the status bar.
    pub(super) fn title(&self) -> &str {
        self.job.title()
    }
}

/// What to say when the system has no file dialog, by what the path is for.
fn no_dialog_note(purpose: PathPurpose) -> &'static str {
    match purpose {
        PathPurpose::OpenArticle => {
            "This system has no file dialog (no desktop portal and no zenity). Type the path of the article instead."
        }
        PathPurpose::SaveAnnotations => {
            "This system has no file dialog (no desktop portal and no zenity). Type where to save the annotations."
        }
        PathPurpose::Import(_) => {
            "This system has no file dialog (no desktop portal and no zenity). Type the path of the file to import."
        }
        PathPurpose::ImportMap => {
            "This system has no file dialog (no desktop portal and no zenity). Type the path of the mapping file."
        }
        PathPurpose::Export(_) => {
            "This system has no file dialog (no desktop portal and no zenity). Type where to export."
        }
        PathPurpose::OpenFolder | PathPurpose::WebFolder => {
            "This system has no file dialog (no desktop portal and no zenity). Type the path of the folder."
        }
        PathPurpose::WebAddress => "Type the web address.",
        PathPurpose::DuplicateSet | PathPurpose::RenameSet | PathPurpose::Annotator => {
            "Type the name."
        }
    }
}

impl MarginaliaApp {
    /// Shows a file dialog for `purpose` on a worker (`ask` picks which dialog); the answer is
    /// carried out when it comes ([`MarginaliaApp::poll_file_dialog`]).
    pub(super) fn choose_file(
        &mut self,
        purpose: PathPurpose,
        ask: impl FnOnce(&mut dyn FileDialogs) -> DialogOutcome + Send + 'static,
    ) {
        if self.background.dialog.is_some() {
            self.say(
                Severity::Info,
                "A file dialog is already open: answer it first.",
            );
            return;
        }
        let dialogs = Arc::clone(&self.dialogs);
        let job =
            Job::single(
                "Waiting for the file dialog",
                None,
                &self.wake,
                move |_| match dialogs.lock() {
                    Ok(mut dialogs) => ask(dialogs.as_mut()),
                    Err(error) => {
                        log::error!("the file dialogs are unusable: {error}");
                        DialogOutcome::Unavailable
                    }
                },
            );
        self.background.dialog = Some(OpenDialog { purpose, job });
    }

    /// Carries out the file dialog's answer once it came.
    pub(super) fn poll_file_dialog(&mut self, ctx: &Context) {
        let Some(open) = &mut self.background.dialog else {
            return;
        };
        let outcome = match open.job.poll(None) {
            Poll::Running(_) => return,
            Poll::Done(mut outcomes) => outcomes.pop(),
            Poll::Stale | Poll::Lost => None,
        };
        let purpose = open.purpose;
        self.background.dialog = None;
        match outcome {
            Some(DialogOutcome::Chosen(path)) => self.use_path(ctx, purpose, path),
            Some(DialogOutcome::Cancelled) => {}
            Some(DialogOutcome::Unavailable) | None => {
                self.ask_for_path(purpose, Some(no_dialog_note(purpose)));
            }
        }
    }
}
