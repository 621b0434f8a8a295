//! Opening an article: reading and decoding it and its sidecar. Large files are read by a
//! [`Job`] while the window keeps drawing and shows how far it got (with Cancel); then the
//! session is set up on the UI thread.

use super::disk::{Disk, file_hash};
use super::editor::Editor;
use super::preferences::ArticlePlace;
use super::review::ReviewState;
use super::sets::SetChoice;
use super::{MarginaliaApp, Session, Severity, sample};
use crate::gui::jobs::{Job, Poll};
use crate::gui::keys::{KeyTable, reserved_letters};
use crate::gui::views::article_view::ArticleView;
use crate::model::schema::Schema;
use crate::model::{AnnotationSet, Document, Fingerprint, OpenError, Progress};
use crate::store::Extras;
use crate::store::sidecar::{self, LoadError, Loaded};
use crate::suggest::Rules;
use crate::suggest::learn::Model;
use egui::Context;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Article and sidecar bytes from which opening happens on a worker thread.
pub const BACKGROUND_OPEN_BYTES: u64 = 4 << 20;

/// What reading an article and one of its annotation sets gave.
pub struct ArticleRead {
    path: PathBuf,
    set: Option<String>,
    document: Result<Document, OpenError>,
    /// `Ok(None)` when the set has no file yet (or the article could not be read).
    annotations: Result<Option<Loaded>, LoadError>,
    /// The hash of the sidecar's bytes, to tell our writes from other programs'.
    sidecar_hash: Option<blake3::Hash>,
    schema: (Schema, Option<String>),
    /// What the suggestions know besides the text (the schema's cues, the team's gazetteer and
    /// model).
    rules: (Rules, Option<String>),
}

/// Reads the article at `path` and its annotation set `set`, reporting into `progress`.
fn read(
    path: PathBuf,
    set: Option<String>,
    learned: Option<Arc<Model>>,
    progress: &Progress,
) -> ArticleRead {
    let document = Document::open_with_progress(&path, progress);
    let sidecar_path = sidecar::set_path(&path, set.as_deref());
    let annotations = match &document {
        Ok(document) => sidecar::load_with_progress(&sidecar_path, document, progress),
        Err(_) => Ok(None),
    };
    let sidecar_hash = file_hash(&sidecar_path);
    let schema = Schema::for_article(&path, &reserved_letters());
    let (rules, gazetteer_warning) = Rules::for_article(&path, &schema.0);
    // The team's model, read here on the worker like the rest; else one learned from the
    // folder this session.
    let (mut rules, model_warning) = rules.with_model_for(&path);
    if rules.model.is_none() && model_warning.is_none() {
        rules.model = learned;
    }
    let warning = match (gazetteer_warning, model_warning) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    let rules = (rules, warning);
    ArticleRead {
        path,
        set,
        document,
        annotations,
        sidecar_hash,
        schema,
        rules,
    }
}

/// An article being read in the background.
pub struct Opening {
    file_name: String,
    /// The view to keep if the text turns out the same (switching sets).
    keep: Option<(Fingerprint, ArticleView)>,
    job: Job<ArticleRead>,
}

impl Opening {
    /// The file being opened, the stage it is in and the fraction of that stage done.
    pub fn status(&self) -> (&str, &'static str, Option<f32>) {
        let (_, stage, fraction) = self.job.status();
        (&self.file_name, stage, fraction)
    }
}

impl MarginaliaApp {
    /// Opens `path` now, replacing the open article, with the set that was open in it last
    /// time (when it still exists); on failure the open article stays.
    pub(super) fn open_now(&mut self, path: &Path) {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let set = self
            .preferences
            .place_of(&absolute)
            .and_then(|place| place.set.clone())
            .filter(|set| sidecar::set_path(&absolute, Some(set)).exists());
        self.open_article(&absolute, set, None);
    }

    /// Opens the article opened last, or else a copy of the sample in the data folder.
    pub(super) fn reopen_last(&mut self) {
        if let Some(last) = self.preferences.recent_files.iter().find(|p| p.is_file()) {
            let last = last.clone();
            self.open_now(&last);
            return;
        }
        match sample::copy_in(self.data_dir.as_deref()) {
            Ok(copy) => {
                self.open_now(&copy);
                self.say(
                    Severity::Info,
                    format!(
                        "This is Marginalia's sample article, a copy in “{}”: annotate it as you like.",
                        copy.display()
                    ),
                );
            }
            Err(error) => self.say(Severity::Warning, error.to_string()),
        }
    }

    /// Remembers the open article's set and the text at the top of the window, for next time.
    pub(super) fn remember_place(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let top = session
            .view
            .visible_paragraphs()
            .first()
            .and_then(|&i| session.document().paragraphs().get(i))
            .map_or(0, |p| p.span.start.0);
        let set = session.sets.set().map(str::to_owned);
        self.preferences.keep_place(ArticlePlace {
            path: session.document().path().to_owned(),
            set,
            top,
        });
    }

    /// Opens annotation set `set` of the article at `path`; `keep` is the view of the same
    /// article, kept when its text is still the same. Small files open at once; large ones in
    /// the background ([`MarginaliaApp::poll_opening`] finishes). On failure the open article
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
        let learned = self.learned_model_for(&path);
        if bytes < BACKGROUND_OPEN_BYTES {
            let read = read(path, set, learned, &Progress::default());
            self.install(read, keep);
            return;
        }
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let title = format!("Opening “{file_name}”");
        let job = Job::single(title, None, &self.wake, move |progress| {
            read(path, set, learned, progress)
        });
        self.background.opening = Some(Opening {
            file_name,
            keep,
            job,
        });
    }

    /// Stops opening the article being read; the open article stays.
    pub(super) fn cancel_opening(&mut self) {
        if let Some(opening) = self.background.opening.take() {
            opening.job.cancel();
            self.say(
                Severity::Info,
                format!("Stopped opening “{}”.", opening.file_name),
            );
        }
    }

    /// Sets up the article the background finished reading; until then, keeps the window
    /// drawing the progress.
    pub(super) fn poll_opening(&mut self, ctx: &Context) {
        let Some(opening) = &mut self.background.opening else {
            return;
        };
        match opening.job.poll(None) {
            Poll::Running(_) => ctx.request_repaint_after(Duration::from_millis(100)),
            Poll::Done(mut reads) => {
                let keep = self.background.opening.take().and_then(|o| o.keep);
                if let Some(read) = reads.pop() {
                    self.install(read, keep);
                }
            }
            Poll::Stale | Poll::Lost => {
                let file_name = opening.file_name.clone();
                self.background.opening = None;
                self.say(
                    Severity::Error,
                    format!("Opening “{file_name}” stopped unexpectedly; nothing was changed. Try again, and report it if it happens again."),
                );
            }
        }
    }

    /// Makes what was read the open session, or says why it cannot be.
    fn install(&mut self, read: ArticleRead, keep: Option<(Fingerprint, ArticleView)>) {
        self.remember_place();
        let ArticleRead {
            path,
            set,
            document,
            annotations,
            sidecar_hash,
            schema: (schema, schema_warning),
            rules: (rules, rules_warning),
        } = read;
        let document = match document {
            Ok(document) => document,
            Err(error) => {
                if matches!(error, OpenError::NotFound(_)) {
                    self.preferences.forget(&path);
                }
                self.say(Severity::Error, error.to_string());
                return;
            }
        };
        let mut keep_unreadable = false;
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
                keep_unreadable = true;
                warnings.push(format!(
                    "{error} The article opened without its annotations. The file is left as it is; saving first copies it to a .bak file beside it."
                ));
                (AnnotationSet::new(), Extras::default())
            }
        };
        warnings.extend(schema_warning);
        warnings.extend(rules_warning);
        let count = annotations.len();
        let view = match keep {
            Some((fingerprint, view)) if &fingerprint == document.fingerprint() => view,
            _ => {
                let mut view = ArticleView::new(&document);
                // Where the user was last time, if the text still reaches that far.
                if let Some(place) = self.preferences.place_of(&path)
                    && place.top > 0
                    && place.top < document.char_count()
                {
                    view.scroll_to_top(crate::model::CharOffset(place.top));
                }
                view
            }
        };
        let sidecar_path = sidecar::set_path(&path, set.as_deref());
        let disk = Disk::new(
            &path,
            sidecar_path,
            sidecar_hash,
            keep_unreadable,
            Arc::clone(&self.wake),
        );
        let name = document.file_name();
        self.find.forget_matches();
        self.session = Some(Session {
            editor: Editor::new(Arc::new(document), annotations, extras),
            view,
            disk,
            keys: KeyTable::new(&schema),
            suggestions: super::suggesting::Suggestions::new(rules),
            schema,
            sets: SetChoice::new(set.clone()),
            curation: None,
            review: ReviewState::new(review),
            autosave: super::autosave::AutosaveClock::default(),
            fonts_checked: false,
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
