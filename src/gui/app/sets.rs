//! Annotation sets in the window: which set is open, switching, creating, duplicating and
//! renaming sets (all saved through the one save path), and comparing with a second set shown
//! read-only (read in the background).
//!
//! A set is a sidecar file: `<article>.ron` for the default set, `<article>.NAME.ron` for set
//! NAME. Changing sets saves the open one first, so nothing is lost on the way.

use super::{MarginaliaApp, Severity};
use crate::analysis::agreement::{self, Comparison};
use crate::gui::jobs::{Job, Poll};
use crate::gui::views::article_view::ArticleView;
use crate::gui::views::dialogs::PathPurpose;
use crate::model::{AnnotationSet, Document, Fingerprint};
use crate::store::Extras;
use crate::store::sidecar::{self, LoadError, Loaded};
use egui::Context;
use std::path::PathBuf;
use std::time::Duration;

/// The name the command line and menus use for the set in `<article>.ron`.
pub const DEFAULT_SET: &str = "default";

/// A second set shown over the article, read-only, to compare.
pub struct Overlay {
    /// Its name (`default` for the default set).
    pub name: String,
    /// Its annotations.
    pub annotations: AnnotationSet,
    /// The comparison of the open set with it, for the revision of the open set it was made for.
    comparison: Option<(u64, Comparison)>,
}

/// A set read in the background to compare: its name, where it is, and what reading gave.
pub type Compared = (String, PathBuf, Result<Option<Loaded>, LoadError>);

/// Which set of the article is open, and which is shown over it.
pub struct SetChoice {
    /// `None` for the default set.
    set: Option<String>,
    overlay: Option<Overlay>,
}

impl SetChoice {
    /// Set `set` open (`None`: the default one), nothing compared.
    pub fn new(set: Option<String>) -> Self {
        Self { set, overlay: None }
    }

    /// The open set's name, `None` for the default set.
    pub fn set(&self) -> Option<&str> {
        self.set.as_deref()
    }

    /// The open set's name as menus show it.
    pub fn name(&self) -> &str {
        name_of(self.set.as_deref())
    }

    /// The set shown over the article, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// Shows `annotations` of set `name` over the article.
    pub fn compare(&mut self, name: String, annotations: AnnotationSet) {
        self.overlay = Some(Overlay {
            name,
            annotations,
            comparison: None,
        });
    }

    /// Stops comparing.
    pub fn stop_comparing(&mut self) {
        self.overlay = None;
    }

    /// The comparison of `open` (the reference) with the overlay, made again only when `open`
    /// changed.
    pub fn comparison(&mut self, open: &AnnotationSet, document: &Document) -> Option<&Comparison> {
        let revision = open.revision();
        let overlay = self.overlay.as_mut()?;
        if overlay
            .comparison
            .as_ref()
            .is_none_or(|(r, _)| *r != revision)
        {
            let comparison = agreement::compare(open, &overlay.annotations, document);
            overlay.comparison = Some((revision, comparison));
        }
        overlay.comparison.as_ref().map(|(_, c)| c)
    }
}

/// `None` for the default set, else the name.
pub fn set_of(name: &str) -> Option<String> {
    (name != DEFAULT_SET).then(|| name.to_owned())
}

/// The name a menu shows for a set.
pub fn name_of(set: Option<&str>) -> &str {
    set.unwrap_or(DEFAULT_SET)
}

/// A set name made of `annotator`'s letters and digits.
pub fn name_from(annotator: &str) -> String {
    let name: String = annotator
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() || name == DEFAULT_SET {
        "annotator".to_owned()
    } else {
        name
    }
}

/// The system user's name, the annotator's name until one is set.
pub fn system_user() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
}

impl MarginaliaApp {
    /// Opens set `name` of the open article, keeping the view where it is (after saving the
    /// open set's changes).
    pub(super) fn switch_set(&mut self, name: &str) {
        let set = set_of(name);
        let Some(session) = &self.session else {
            return;
        };
        if session.sets.set() == set.as_deref() {
            return;
        }
        self.after_saving(move |app| app.reopen_with(set));
    }

    /// Opens `set` for the open article, keeping the view if the text is the same.
    fn reopen_with(&mut self, set: Option<String>) {
        let Some(session) = self.session.take() else {
            return;
        };
        let path = session.document().path().to_owned();
        let keep: Option<(Fingerprint, ArticleView)> =
            Some((session.document().fingerprint().clone(), session.view));
        self.open_article(&path, set, keep);
    }

    /// Creates an empty set named after the annotator (made unique) and opens it.
    pub(super) fn new_set(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        if self.preferences.annotator.trim().is_empty() {
            // Asked once: the answer is kept in the preferences.
            self.ask_for_path(
                PathPurpose::Annotator,
                Some("The system gives no user name. New annotation sets are named after their annotator, so that a team's sets stay apart; you can change it later in Settings."),
            );
            return;
        }
        let article = session.document().path().to_owned();
        let base = name_from(&self.preferences.annotator);
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|n| !sidecar::set_path(&article, Some(n)).exists())
            .unwrap_or(base);
        self.create_set(&name, AnnotationSet::new(), Extras::default(), |_| {});
    }

    /// Writes `annotations` as a new set `name` and opens it (after saving the open set's
    /// changes), then runs `then`; on failure says why and stops.
    pub(super) fn create_set(
        &mut self,
        name: &str,
        annotations: AnnotationSet,
        extras: Extras,
        then: impl FnOnce(&mut MarginaliaApp) + 'static,
    ) {
        let Some(session) = &self.session else {
            return;
        };
        if let Err(why) = sidecar::check_set_name(name) {
            self.say(
                Severity::Error,
                format!("Cannot name a set “{name}”: {why}."),
            );
            return;
        }
        let path = sidecar::set_path(session.document().path(), Some(name));
        if path.exists() {
            self.say(
                Severity::Error,
                format!(
                    "There is already a set “{name}” (“{}”); choose another name.",
                    path.display()
                ),
            );
            return;
        }
        let name = name.to_owned();
        self.after_saving(move |app| {
            let Some(session) = &app.session else {
                return;
            };
            let prepared = sidecar::prepare(session.document(), &annotations, &extras);
            let count = annotations.len();
            app.save_new_set(
                path,
                prepared,
                count,
                Box::new(move |app| {
                    app.reopen_with(Some(name));
                    then(app);
                }),
            );
        });
    }

    /// Copies the open set, with its unsaved changes, to a new set `name` and opens that.
    pub(super) fn duplicate_set(&mut self, name: &str) {
        let Some(session) = &self.session else {
            return;
        };
        let copy = session.annotations().clone();
        let extras = session.extras().clone();
        let from = session.set_name().to_owned();
        let message = format!("Set “{name}” is a copy of “{from}” and is now open.");
        self.create_set(name, copy, extras, move |app| {
            app.say(Severity::Info, message);
        });
    }

    /// Renames the open named set to `name` (its file is renamed).
    pub(super) fn rename_set(&mut self, name: &str) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(old) = session.sets.set().map(str::to_owned) else {
            self.say(
                Severity::Error,
                "The default set keeps its name; duplicate it to make a named set.",
            );
            return;
        };
        let article = session.document().path().to_owned();
        let copy = session.annotations().clone();
        let extras = session.extras().clone();
        let new_name = name.to_owned();
        self.create_set(name, copy, extras, move |app| {
            let old_path = sidecar::set_path(&article, Some(&old));
            match std::fs::remove_file(&old_path) {
                Ok(()) => app.say(
                    Severity::Info,
                    format!("Renamed set “{old}” to “{new_name}”."),
                ),
                Err(error) => app.say(
                    Severity::Warning,
                    format!(
                        "Set “{new_name}” is a copy of “{old}”, but “{}” could not be removed: {error}.",
                        old_path.display()
                    ),
                ),
            }
        });
    }

    /// Shows set `name` over the article, read-only (read in the background), or stops when
    /// `None`.
    pub(super) fn compare_with(&mut self, name: Option<&str>) {
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(name) = name else {
            session.sets.stop_comparing();
            self.background.compare = None;
            return;
        };
        let path = sidecar::set_path(session.document().path(), set_of(name).as_deref());
        let document = session.editor.shared_document();
        let name = name.to_owned();
        self.background.compare = Some(Job::single(
            format!("Reading set “{name}” to compare"),
            Some(session.stamp(false)),
            &self.wake,
            move |progress| {
                let loaded = sidecar::load_with_progress(&path, &document, progress);
                (name, path, loaded)
            },
        ));
    }

    /// Shows the compared set once it is read.
    pub(super) fn poll_compare(&mut self, ctx: &Context) {
        let now = self.session.as_ref().map(|s| s.stamp(true));
        let Some(job) = &mut self.background.compare else {
            return;
        };
        let compared = match job.poll(now.as_ref()) {
            Poll::Running(_) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Done(mut results) => results.pop(),
            Poll::Stale | Poll::Lost => None,
        };
        self.background.compare = None;
        let Some((name, path, loaded)) = compared else {
            return;
        };
        let Some(session) = &mut self.session else {
            return;
        };
        match loaded {
            Ok(Some(loaded)) => session.sets.compare(name, loaded.annotations),
            Ok(None) => {
                let text = format!("There is no set “{name}” (no file “{}”).", path.display());
                self.say(Severity::Error, text);
            }
            Err(error) => self.say(Severity::Error, error.to_string()),
        }
    }
}
