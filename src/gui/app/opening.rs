//! Opening an article: reading and decoding it and its sidecar. Large files are read on a worker
//! thread while the window keeps drawing and shows how far it got; then the session is set up
//! on the UI thread.

use super::{MarginaliaApp, Severity, watch};
use crate::gui::views::article_view::ArticleView;
use crate::model::schema::Schema;
use crate::model::{AnnotationSet, Document, Fingerprint, History, OpenError, Progress};
use crate::store::Extras;
use crate::store::sidecar::{self, LoadError, Loaded};
use egui::Context;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

/// Article and sidecar bytes from which opening happens on a worker thread.
pub const BACKGROUND_OPEN_BYTES: u64 = 4 << 20;

/// What reading an article and one of its annotation sets gave.
struct ArticleRead {
    path: PathBuf,
    set: Option<String>,
    document: Result<Document, OpenError>,
    /// `Ok(None)` when the set has no file yet (or the article could not be read).
    annotations: Result<Option<Loaded>, LoadError>,
    schema: (Schema, Option<String>),
}

/// Reads the article at `path` and its annotation set `set`, reporting into `progress`.
fn read(path: PathBuf, set: Option<String>, progress: &Progress) -> ArticleRead {
    let document = Document::open_with_progress(&path, progress);
    let annotations = match &document {
        Ok(document) => sidecar::load_with_progress(
            &sidecar::set_path(&path, set.as_deref()),
            document,
            progress,
        ),
        Err(_) => Ok(None),
    };
    let schema = Schema::for_article(&path, &crate::gui::command::Command::reserved_letters());
    ArticleRead {
        path,
        set,
        document,
        annotations,
        schema,
    }
}

/// An article being read on a worker thread.
pub struct Opening {
    file_name: String,
    /// The view to keep if the text turns out the same (switching sets).
    keep: Option<(Fingerprint, ArticleView)>,
    progress: Arc<Progress>,
    result: mpsc::Receiver<ArticleRead>,
}

impl Opening {
    /// The file being opened, the stage it is in and the fraction of that stage done.
    pub fn status(&self) -> (&str, &'static str, Option<f32>) {
        let (stage, fraction) = self.progress.snapshot();
        (&self.file_name, stage, fraction)
    }
}

impl MarginaliaApp {
    /// Opens annotation set `set` of the article at `path`; `keep` is the view of the same
    /// article, kept when its text is still the same. Small files open at once; large ones on a
    /// worker thread ([`MarginaliaApp::poll_opening`] finishes). On failure the open article
    /// stays.
    pub(super) fn open_article(
        &mut self,
        path: &Path,
        set: Option<String>,
        keep: Option<(Fingerprint, ArticleView)>,
    ) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
        let bytes = size(&path) + size(&sidecar::set_path(&path, set.as_deref()));
        if bytes < BACKGROUND_OPEN_BYTES {
            let read = read(path, set, &Progress::default());
            self.install(read, keep);
            return;
        }
        let progress = Arc::new(Progress::default());
        let (sender, result) = mpsc::channel();
        let wake = self.wake.clone();
        let worker_progress = Arc::clone(&progress);
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let worker_path = path.clone();
        let worker_set = set.clone();
        let spawned = std::thread::Builder::new()
            .name("open article".to_owned())
            .spawn(move || {
                let read = read(worker_path, worker_set, &worker_progress);
                if sender.send(read).is_err() {
                    log::debug!("nobody waits for this result any more");
                }
                wake();
            });
        match spawned {
            Ok(_) => {
                self.opening = Some(Opening {
                    file_name,
                    keep,
                    progress,
                    result,
                });
            }
            Err(error) => {
                log::warn!(
                    "no thread to open {} on ({error}); opening it here",
                    path.display()
                );
                let read = read(path, set, &Progress::default());
                self.install(read, keep);
            }
        }
    }

    /// The article being opened on a worker thread, if any.
    pub fn opening(&self) -> Option<&Opening> {
        self.opening.as_ref()
    }

    /// Sets up the article a worker thread finished reading; until then, keeps the window
    /// drawing the progress.
    pub(super) fn poll_opening(&mut self, ctx: &Context) {
        let Some(opening) = &self.opening else {
            return;
        };
        match opening.result.try_recv() {
            Ok(read) => {
                if let Some(opening) = self.opening.take() {
                    self.install(read, opening.keep);
                }
            }
            Err(mpsc::TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
            Err(mpsc::TryRecvError::Disconnected) => {
                let file_name = opening.file_name.clone();
                self.opening = None;
                self.say(
                    Severity::Error,
                    format!("Opening “{file_name}” stopped unexpectedly; nothing was changed. Try again, and report it if it happens again."),
                );
            }
        }
    }

    /// Makes what was read the open session, or says why it cannot be.
    fn install(&mut self, read: ArticleRead, keep: Option<(Fingerprint, ArticleView)>) {
        let ArticleRead {
            path,
            set,
            document,
            annotations,
            schema: (schema, schema_warning),
        } = read;
        let document = match document {
            Ok(document) => document,
            Err(error) => {
                if matches!(error, OpenError::NotFound(_)) {
                    self.preferences.recent_files.retain(|p| p != &path);
                }
                self.say(Severity::Error, error.to_string());
                return;
            }
        };
        let sidecar_path = sidecar::set_path(&path, set.as_deref());
        let mut keep_unreadable_sidecar = false;
        let mut warnings = Vec::new();
        let mut review = crate::anchor::Review::default();
        let (annotations, extras) = match annotations {
            Ok(None) => (AnnotationSet::new(), Extras::default()),
            Ok(Some(loaded)) => {
                warnings = loaded.warnings;
                review = loaded.review;
                (loaded.annotations, loaded.extras)
            }
            Err(error) => {
                keep_unreadable_sidecar = true;
                warnings.push(format!(
                    "{error} The article opened without its annotations. The file is left as it is; saving first copies it to a .bak file beside it."
                ));
                (AnnotationSet::new(), Extras::default())
            }
        };
        warnings.extend(schema_warning);
        let count = annotations.len();
        let view = match keep {
            Some((fingerprint, view)) if &fingerprint == document.fingerprint() => view,
            _ => ArticleView::new(&document),
        };
        let watch = match watch::FileWatch::new(&path, &sidecar_path, self.wake.clone()) {
            Ok(watch) => Some(watch),
            Err(error) => {
                log::warn!("cannot watch {} for changes: {error}", path.display());
                None
            }
        };
        let sidecar_hash = watch::file_hash(&sidecar_path);
        let name = document.file_name();
        self.session = Some(super::Session {
            document,
            annotations,
            extras,
            view,
            selected: None,
            history: History::default(),
            sidecar_path,
            keep_unreadable_sidecar,
            schema,
            find_matches: Vec::new(),
            find_key: None,
            autosave: super::autosave::AutosaveClock::default(),
            review,
            fonts_checked: false,
            watch,
            sidecar_hash,
            article_changed_on_disk: false,
            sidecar_changed_on_disk: false,
            ignored_article: None,
            changed_article: None,
            article_check: None,
            set: set.clone(),
            overlay: None,
            curation: None,
        });
        self.preferences.remember(&path);
        let in_set = set.map_or_else(String::new, |s| format!(" (set “{s}”)"));
        self.say(
            Severity::Info,
            format!("Opened “{name}”{in_set} with {count} annotation(s)."),
        );
        for warning in warnings {
            self.say(Severity::Warning, warning);
        }
    }
}
