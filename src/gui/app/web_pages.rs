//! File → Open Web Address…: the page is downloaded on a worker (the job runner: the status bar
//! names it, a newer address drops it), kept in the folder for web pages (File → Folder for Web
//! Pages…, by default `Marginalia` in the user's documents) beside a copy of its text, and
//! opened from there like any saved page.

use super::{MarginaliaApp, Severity};
use crate::gui::command::Command;
use crate::gui::jobs::{Job, Poll};
use crate::gui::views::dialogs::{ModalDialog, PathPurpose};
use crate::web::{self, Limits, WebError};
use std::path::PathBuf;

/// A page being downloaded.
pub struct DownloadJob {
    job: Job<Result<PathBuf, WebError>>,
}

impl DownloadJob {
    /// What it does, for the status bar.
    pub fn title(&self) -> &str {
        self.job.title()
    }
}

impl MarginaliaApp {
    /// The folder downloaded pages are kept in: the one chosen, else the default one.
    pub(super) fn web_folder(&self) -> Option<PathBuf> {
        self.preferences
            .web_folder
            .clone()
            .or_else(web::default_folder)
    }

    /// Shows the field for a web address, saying where the page will be kept.
    pub(super) fn ask_for_web_address(&mut self) {
        let note = match self.web_folder() {
            Some(folder) => format!(
                "The page is downloaded and kept in “{}” beside a copy of its text (File → Folder for Web Pages… changes it).",
                folder.display()
            ),
            None => "There is no documents folder to keep pages in: choose one with File → Folder for Web Pages….".to_owned(),
        };
        self.modal = Some(ModalDialog::PathEntry {
            purpose: PathPurpose::WebAddress,
            text: String::new(),
            note: Some(note),
        });
    }

    /// Shows the field for the folder downloaded pages are kept in.
    pub(super) fn ask_for_web_folder(&mut self) {
        self.modal = Some(ModalDialog::PathEntry {
            purpose: PathPurpose::WebFolder,
            text: self
                .web_folder()
                .map(|f| f.display().to_string())
                .unwrap_or_default(),
            note: None,
        });
    }

    /// Downloads the page at `url` in the background, dropping a download still running.
    pub(super) fn download(&mut self, url: String) {
        let url = url.trim().to_owned();
        if !web::is_web_address(&url) {
            self.say(Severity::Error, WebError::NotWeb(url).to_string());
            return;
        }
        let Some(folder) = self.web_folder() else {
            self.say(
                Severity::Error,
                "There is no documents folder to keep the page in: choose one with File → Folder for Web Pages….",
            );
            return;
        };
        if let Some(running) = self.background.download.take() {
            running.job.cancel();
        }
        let job = Job::single(format!("Downloading {url}"), None, &self.wake, move |_| {
            let downloaded = web::download(&url, &Limits::default())?;
            web::keep(&downloaded, &folder)
        });
        self.background.download = Some(DownloadJob { job });
    }

    /// Opens the downloaded page once it is kept, or says why it could not be.
    pub(super) fn poll_download(&mut self, ctx: &egui::Context) {
        let Some(running) = &mut self.background.download else {
            return;
        };
        let result = match running.job.poll(None) {
            Poll::Running(_) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Poll::Done(mut results) => results.pop(),
            Poll::Stale | Poll::Lost => None,
        };
        self.background.download = None;
        match result {
            Some(Ok(page)) => {
                self.say(
                    Severity::Info,
                    format!("Kept the page as “{}”.", page.display()),
                );
                self.apply(ctx, Command::Open(page));
            }
            Some(Err(error)) => self.say(Severity::Error, error.to_string()),
            None => {}
        }
    }
}
