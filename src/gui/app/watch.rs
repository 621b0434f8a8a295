//! Watching the open article and its sidecar: when another program changes either, the user is
//! offered a reload. Events come from `notify` on a background thread; the UI thread looks at
//! them once they have settled, compares what is on disk with what it knows, and asks.

use super::{MarginaliaApp, Session, Severity};
use crate::gui::views::dialogs::ModalDialog;
use crate::model::{Document, Fingerprint, History};
use crate::store::sidecar;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// How long the files must be quiet before they are compared (editors write in steps).
const SETTLE: Duration = Duration::from_millis(300);

/// Asks the UI to run a frame, from any thread.
pub type Wake = std::sync::Arc<dyn Fn() + Send + Sync>;

/// A watch on the folder of one article.
pub struct FileWatch {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<PathBuf>,
    article: PathBuf,
    sidecar: PathBuf,
    /// When the last event about the article or the sidecar came, not yet looked at.
    article_touched: Option<Instant>,
    sidecar_touched: Option<Instant>,
}

impl FileWatch {
    /// Starts watching the folder that holds `article` and `sidecar`.
    pub fn new(article: &Path, sidecar: &Path, wake: Wake) -> notify::Result<Self> {
        let (sender, events) = channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if let Ok(event) = event {
                    for path in event.paths {
                        if sender.send(path).is_err() {
                            log::debug!("nobody waits for this result any more");
                        }
                    }
                    wake();
                }
            })?;
        let folder = article.parent().unwrap_or(Path::new("."));
        watcher.watch(folder, RecursiveMode::NonRecursive)?;
        Ok(Self {
            _watcher: watcher,
            events,
            article: article.to_owned(),
            sidecar: sidecar.to_owned(),
            article_touched: None,
            sidecar_touched: None,
        })
    }

    /// Takes in the events so far; returns which files changed and have settled.
    fn settled(&mut self) -> (bool, bool) {
        let now = Instant::now();
        while let Ok(path) = self.events.try_recv() {
            if path == self.article {
                self.article_touched = Some(now);
            } else if path == self.sidecar {
                self.sidecar_touched = Some(now);
            }
        }
        let settled = |touched: &mut Option<Instant>| match touched {
            Some(at) if now.duration_since(*at) >= SETTLE => {
                *touched = None;
                true
            }
            _ => false,
        };
        (
            settled(&mut self.article_touched),
            settled(&mut self.sidecar_touched),
        )
    }

    /// True while changes wait to settle (the UI should look again soon).
    fn waiting(&self) -> bool {
        self.article_touched.is_some() || self.sidecar_touched.is_some()
    }
}

/// The hash of a file's bytes, to tell our own saves from other programs' writes.
pub fn file_hash(path: &Path) -> Option<blake3::Hash> {
    std::fs::read(path).ok().map(|bytes| blake3::hash(&bytes))
}

impl MarginaliaApp {
    /// Looks at settled file events and asks about changes made by other programs.
    pub(super) fn check_files(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(watch) = &mut session.watch else {
            return;
        };
        let (article, sidecar) = watch.settled();
        if watch.waiting() {
            ctx.request_repaint_after(SETTLE);
        }
        if article {
            session.article_changed_on_disk = true;
        }
        // While a worker writes the sidecar, its events are that save's own.
        let own_save = self
            .saving
            .as_ref()
            .is_some_and(|job| job.path() == session.sidecar_path);
        if sidecar && !own_save && file_hash(&session.sidecar_path) != session.sidecar_hash {
            session.sidecar_changed_on_disk = true;
        }
        if self.modal.is_some() {
            return;
        }
        let Some(session) = &mut self.session else {
            return;
        };
        if let Some(check) = &session.article_check {
            // A large article, being read on a worker thread to see whether its text changed.
            match check.try_recv() {
                Ok(fingerprint) => {
                    session.article_check = None;
                    self.ask_if_article_changed(fingerprint);
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => session.article_check = None,
            }
        } else if session.article_changed_on_disk {
            session.article_changed_on_disk = false;
            let path = session.document.path().to_owned();
            let large = std::fs::metadata(&path)
                .is_ok_and(|m| m.len() >= super::opening::BACKGROUND_OPEN_BYTES);
            if large {
                let (sender, check) = std::sync::mpsc::channel();
                let wake = self.wake.clone();
                let spawned = std::thread::Builder::new()
                    .name("check article".to_owned())
                    .spawn(move || {
                        let fingerprint =
                            Document::open(&path).ok().map(|d| d.fingerprint().clone());
                        if sender.send(fingerprint).is_err() {
                            log::debug!("nobody waits for this result any more");
                        }
                        wake();
                    });
                match spawned {
                    Ok(_) => session.article_check = Some(check),
                    Err(error) => log::warn!("no thread to check the article on: {error}"),
                }
            } else {
                let fingerprint = Document::open(&path).ok().map(|d| d.fingerprint().clone());
                self.ask_if_article_changed(fingerprint);
            }
        } else if session.sidecar_changed_on_disk {
            session.sidecar_changed_on_disk = false;
            self.modal = Some(ModalDialog::SidecarChanged {
                file_name: session.document.file_name(),
                unsaved: session.is_dirty(),
            });
        }
    }

    /// Reads the article again and re-anchors every annotation, saved or not, on its new text.
    pub(super) fn reload_article(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        let document = match Document::open(session.document.path()) {
            Ok(document) => document,
            Err(error) => {
                self.say(
                    Severity::Error,
                    format!("{error} The text on screen is unchanged."),
                );
                return;
            }
        };
        // The annotations in memory, saved or not, looked for again in the new text.
        let (annotations, review) = crate::anchor::carry_over(&session.annotations, &document);
        let tally = review.tally;
        let extras = session.extras.clone();
        session.replace_document(document, annotations, extras, review);
        session.history.mark_unsaved();
        let name = session.document.file_name();
        self.say(
            Severity::Warning,
            format!("Reloaded “{name}” as changed on disk; its annotations were looked for again: {tally}. They are not saved yet."),
        );
    }

    /// Replaces the annotations with the sidecar on disk.
    pub(super) fn reload_sidecar(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        match sidecar::load(&session.sidecar_path, &session.document) {
            Ok(loaded) => {
                let loaded = loaded.unwrap_or_default();
                let count = loaded.annotations.len();
                let document = session.document.clone();
                session.replace_document(
                    document,
                    loaded.annotations,
                    loaded.extras,
                    loaded.review,
                );
                session.sidecar_hash = file_hash(&session.sidecar_path);
                let name = session.sidecar_path.display().to_string();
                self.say(
                    Severity::Info,
                    format!("Reloaded {count} annotation(s) from “{name}”, as changed on disk."),
                );
                for warning in loaded.warnings {
                    self.say(Severity::Warning, warning);
                }
            }
            Err(error) => self.say(
                Severity::Error,
                format!("{error} Your annotations on screen are unchanged."),
            ),
        }
    }

    /// Asks whether to reload when the article's text on disk (`fingerprint`; `None` when it
    /// cannot be read) is neither the one on screen nor one the user chose to keep.
    fn ask_if_article_changed(&mut self, fingerprint: Option<Fingerprint>) {
        let Some(session) = &mut self.session else {
            return;
        };
        if let Some(fingerprint) = fingerprint
            && &fingerprint != session.document.fingerprint()
            && Some(&fingerprint) != session.ignored_article.as_ref()
        {
            self.modal = Some(ModalDialog::ArticleChanged {
                file_name: session.document.file_name(),
            });
            session.changed_article = Some(fingerprint);
        }
    }

    /// Keeps the text on screen although the file changed; the same change is not asked about
    /// again.
    pub(super) fn keep_current_article(&mut self) {
        if let Some(session) = &mut self.session {
            session.ignored_article = session.changed_article.take();
        }
    }

    /// Keeps the annotations on screen although the sidecar changed: the next save replaces it.
    pub(super) fn keep_current_annotations(&mut self) {
        if let Some(session) = &mut self.session {
            session.sidecar_hash = file_hash(&session.sidecar_path);
            session.history.mark_unsaved();
        }
    }
}

impl Session {
    /// Puts a new text and annotations in place of the old, keeping the view's zoom; undo
    /// history starts again (its steps refer to the old text).
    fn replace_document(
        &mut self,
        document: Document,
        annotations: crate::model::AnnotationSet,
        extras: crate::store::Extras,
        review: crate::anchor::Review,
    ) {
        self.view = crate::gui::views::article_view::ArticleView::new(&document);
        self.document = document;
        self.annotations = annotations;
        self.extras = extras;
        self.review = review;
        self.history = History::default();
        self.find_matches.clear();
        self.find_key = None;
        self.fonts_checked = false;
        if let Some(id) = &self.selected
            && !self.annotations.contains_id(id)
        {
            self.selected = None;
        }
    }
}
