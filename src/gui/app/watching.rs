//! When another program changes the open article or its sidecar, the user is offered a reload.
//! Settled watch events start jobs that read the file again (never the UI thread); once they
//! tell that the text or the annotations really changed, the user is asked; a reload is a job
//! too, whose result is dropped if the annotations changed meanwhile.

use super::disk::{SETTLE, file_hash};
use super::{MarginaliaApp, Severity};
use crate::anchor::Review;
use crate::gui::jobs::{Job, Poll};
use crate::gui::views::article_view::ArticleView;
use crate::gui::views::dialogs::ModalDialog;
use crate::model::{AnnotationSet, Document, Fingerprint, OpenError};
use crate::store::sidecar::{self, LoadError, Loaded};
use egui::Context;
use std::sync::Arc;
use std::time::Duration;

/// A changed article read again, with the annotations looked for in its new text.
pub type Reloaded = Result<(Document, AnnotationSet, Review), OpenError>;

/// A changed sidecar read again, with the hash of what was read.
pub type SidecarRead = (Result<Option<Loaded>, LoadError>, Option<blake3::Hash>);

impl MarginaliaApp {
    /// Looks at settled file events and starts the jobs that compare what is on disk with
    /// what the window knows.
    pub(super) fn check_files(&mut self, ctx: &Context) {
        let Some(session) = &mut self.session else {
            return;
        };
        // Nothing is compared while the user is asked about a change or a reload runs.
        let background = &self.background;
        let ready = self.modal.is_none()
            && background.reload.is_none()
            && background.reload_sidecar.is_none()
            && background.article_check.is_none()
            && background.sidecar_check.is_none();
        let changes = session.disk.changes(ready);
        if changes.waiting {
            ctx.request_repaint_after(SETTLE);
        }
        let document = session.editor.document();
        if changes.article {
            let path = document.path().to_owned();
            let name = document.file_name();
            self.background.article_check = Some(Job::single(
                format!("Checking “{name}”"),
                Some(session.stamp(false)),
                &self.wake,
                move |_| Document::open(&path).ok().map(|d| d.fingerprint().clone()),
            ));
        }
        // While this window writes the sidecar, its events are that save's own.
        let own_save = self
            .background
            .saving
            .as_ref()
            .is_some_and(|job| job.path() == session.disk.sidecar_path());
        if changes.sidecar && !own_save {
            let path = session.disk.sidecar_path().to_owned();
            self.background.sidecar_check = Some(Job::single(
                "Checking the annotations file",
                Some(session.stamp(false)),
                &self.wake,
                move |_| file_hash(&path),
            ));
        }
    }

    /// Takes what the checking jobs found and asks about real changes (not over another
    /// dialog: the answer waits until that one is closed).
    pub(super) fn poll_checks(&mut self, ctx: &Context) {
        if self.modal.is_some() {
            return;
        }
        let now = self.session.as_ref().map(|s| s.stamp(true));
        if let Some(job) = &mut self.background.article_check {
            match job.poll(now.as_ref()) {
                Poll::Running(_) => ctx.request_repaint_after(Duration::from_millis(100)),
                Poll::Done(found) => {
                    self.background.article_check = None;
                    if let Some(Some(fingerprint)) = found.into_iter().next() {
                        self.ask_if_article_changed(&fingerprint);
                    }
                }
                Poll::Stale | Poll::Lost => self.background.article_check = None,
            }
        }
        if self.modal.is_some() {
            return;
        }
        if let Some(job) = &mut self.background.sidecar_check {
            match job.poll(now.as_ref()) {
                Poll::Running(_) => ctx.request_repaint_after(Duration::from_millis(100)),
                Poll::Done(found) => {
                    self.background.sidecar_check = None;
                    let hash = found.into_iter().next().flatten();
                    if let Some(session) = &mut self.session
                        && session.disk.is_foreign(hash)
                    {
                        self.modal = Some(ModalDialog::SidecarChanged {
                            file_name: session.document().file_name(),
                            unsaved: session.is_dirty(),
                        });
                    }
                }
                Poll::Stale | Poll::Lost => self.background.sidecar_check = None,
            }
        }
    }

    /// Asks whether to reload when the article's text on disk (`fingerprint`) is neither the
    /// one on screen nor one the user chose to keep away.
    fn ask_if_article_changed(&mut self, fingerprint: &Fingerprint) {
        let Some(session) = &mut self.session else {
            return;
        };
        let shown = session.editor.document().fingerprint().clone();
        if session.disk.should_ask_about(fingerprint, &shown) {
            self.modal = Some(ModalDialog::ArticleChanged {
                file_name: session.document().file_name(),
            });
        }
    }

    /// Reads the article again and looks for every annotation, saved or not, in its new text:
    /// in the background, for the annotations as they are now.
    pub(super) fn reload_article(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let path = session.document().path().to_owned();
        let annotations = session.annotations().clone();
        let name = session.document().file_name();
        self.background.reload = Some(Job::single(
            format!("Reloading “{name}”"),
            Some(session.stamp(true)),
            &self.wake,
            move |_| {
                let document = Document::open(&path)?;
                let (annotations, review) = crate::anchor::carry_over(&annotations, &document);
                Ok((document, annotations, review))
            },
        ));
    }

    /// Puts the reloaded article in place once its job is done.
    pub(super) fn poll_reload(&mut self, ctx: &Context) {
        let now = self.session.as_ref().map(|s| s.stamp(true));
        let Some(job) = &mut self.background.reload else {
            return;
        };
        let reloaded = match job.poll(now.as_ref()) {
            Poll::Running(_) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Done(mut results) => results.pop(),
            Poll::Stale => {
                self.background.reload = None;
                self.say(
                    Severity::Warning,
                    "The annotations changed while the article was read again; nothing was reloaded. Reload again once you are done (the article is still the old text).",
                );
                return;
            }
            Poll::Lost => None,
        };
        self.background.reload = None;
        let Some(session) = &mut self.session else {
            return;
        };
        match reloaded {
            Some(Ok((document, annotations, review))) => {
                let tally = review.tally;
                let extras = session.editor.extras().clone();
                session.view = ArticleView::new(&document);
                session
                    .editor
                    .replace(Arc::new(document), annotations, extras);
                session.editor.mark_unsaved();
                session.review.replace(review);
                session.fonts_checked = false;
                session.suggestions.clear();
                self.background.suggesting = None;
                self.find.forget_matches();
                let name = session.document().file_name();
                self.say(
                    Severity::Warning,
                    format!("Reloaded “{name}” as changed on disk; its annotations were looked for again: {tally}. They are not saved yet."),
                );
            }
            Some(Err(error)) => self.say(
                Severity::Error,
                format!("{error} The text on screen is unchanged."),
            ),
            None => self.say(
                Severity::Error,
                "Reading the changed article stopped unexpectedly; the text on screen is unchanged.",
            ),
        }
    }

    /// Replaces the annotations with the sidecar on disk, read in the background.
    pub(super) fn reload_sidecar(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let path = session.disk.sidecar_path().to_owned();
        let document = session.editor.shared_document();
        self.background.reload_sidecar = Some(Job::single(
            "Reading the annotations file",
            Some(session.stamp(false)),
            &self.wake,
            move |progress| {
                let loaded = sidecar::load_with_progress(&path, &document, progress);
                (loaded, file_hash(&path))
            },
        ));
    }

    /// Puts the reloaded annotations in place once their job is done.
    pub(super) fn poll_reload_sidecar(&mut self, ctx: &Context) {
        let now = self.session.as_ref().map(|s| s.stamp(true));
        let Some(job) = &mut self.background.reload_sidecar else {
            return;
        };
        let read = match job.poll(now.as_ref()) {
            Poll::Running(_) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Done(mut results) => results.pop(),
            Poll::Stale | Poll::Lost => None,
        };
        self.background.reload_sidecar = None;
        let Some(session) = &mut self.session else {
            return;
        };
        match read {
            Some((Ok(loaded), hash)) => {
                let loaded = loaded.unwrap_or_default();
                let count = loaded.annotations.len();
                let document = session.editor.shared_document();
                session
                    .editor
                    .replace(document, loaded.annotations, loaded.extras);
                session.review.replace(loaded.review);
                session.disk.now_holds(hash);
                session.suggestions.clear();
                self.background.suggesting = None;
                self.find.forget_matches();
                let name = session.disk.sidecar_path().display().to_string();
                self.say(
                    Severity::Info,
                    format!("Reloaded {count} annotation(s) from “{name}”, as changed on disk."),
                );
                for warning in loaded.warnings {
                    self.say(Severity::Warning, warning);
                }
            }
            Some((Err(error), _)) => self.say(
                Severity::Error,
                format!("{error} Your annotations on screen are unchanged."),
            ),
            None => self.say(
                Severity::Warning,
                "The annotations file was not reloaded (the article changed meanwhile, or reading it stopped); your annotations on screen are unchanged.",
            ),
        }
    }

    /// Keeps the annotations on screen although the sidecar changed: the next save replaces it.
    pub(super) fn keep_current_annotations(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        session.disk.adopt_foreign();
        session.editor.mark_unsaved();
    }
}
