//! The one save path. Every save (the open set, Save As, a new, duplicated, renamed or curated
//! set) goes through [`MarginaliaApp::start_save`]: small sets are written at once, large ones
//! by a [`Job`] while the window goes on (the status bar says so). Either way a sidecar that is
//! not what this window read or last wrote (another program replaced it, or it could not be
//! read) is first copied to a `.bak` file beside it: nothing on disk is lost.

use super::disk::OnDisk;
use super::{MarginaliaApp, Severity};
use crate::gui::jobs::{Job, Poll};
use crate::gui::views::dialogs::PathPurpose;
use crate::store::sidecar::{self, Prepared, SaveError};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Sets of at least this many annotations are written in the background.
pub const BACKGROUND_SAVE_ANNOTATIONS: usize = 2_000;

/// How a request to save ended, for now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written.
    Saved,
    /// Being written in the background; [`MarginaliaApp::poll_saving`] finishes.
    Started,
    /// Not written; the user was told why.
    Failed,
}

/// What to run once a save is done.
pub type AfterSave = Box<dyn FnOnce(&mut MarginaliaApp)>;

/// What is being saved, and so what it means once written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// The open set to its own sidecar, at this history state and set revision.
    OpenSet { state: u64, revision: u64 },
    /// A copy of the open set where the user chose (Save As).
    Elsewhere,
    /// A new set's sidecar.
    NewSet,
}

/// A save that went through.
struct Written {
    /// The hash of the bytes written.
    hash: blake3::Hash,
    /// Where the file that was there before went, when it had to be kept.
    backup: Option<PathBuf>,
}

/// Why a save did not go through; the file on disk is as it was.
#[derive(Debug, thiserror::Error)]
enum SaveFailure {
    /// The file there had to be kept first, and could not be.
    #[error(
        "Did not save: “{}” is not the file these annotations were read from (another program changed it, or it could not be read), and copying it to a backup first failed ({source}). Use File → Save Annotations As… to save elsewhere.",
        .path.display()
    )]
    Backup {
        /// The sidecar.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Writing failed.
    #[error(
        "{0} Nothing was lost: your annotations are still open; File → Save Annotations As… saves them elsewhere."
    )]
    Write(#[from] SaveError),
    /// The worker stopped without a result.
    #[error(
        "Saving to “{}” stopped unexpectedly; the file on disk is the one from before, and your annotations are still open. Save again.",
        .0.display()
    )]
    Lost(PathBuf),
}

/// Writes `prepared` to `path` atomically, keeping what is there first if `on_disk` says so.
fn write(path: &Path, prepared: &Prepared, on_disk: OnDisk) -> Result<Written, SaveFailure> {
    let backup = match on_disk {
        OnDisk::KeepUnless(expected)
            if path.exists() && super::disk::file_hash(path) != expected =>
        {
            Some(
                sidecar::back_up(path).map_err(|source| SaveFailure::Backup {
                    path: path.to_owned(),
                    source,
                })?,
            )
        }
        _ => None,
    };
    let text = prepared.text();
    sidecar::write_atomically(path, text.as_bytes()).map_err(|source| SaveError {
        path: path.to_owned(),
        source,
    })?;
    Ok(Written {
        hash: blake3::hash(text.as_bytes()),
        backup,
    })
}

/// Everything a save needs.
struct SaveRequest {
    path: PathBuf,
    prepared: Prepared,
    count: usize,
    on_disk: OnDisk,
    target: Target,
    then: Option<AfterSave>,
}

/// A save running in the background.
pub struct SaveJob {
    path: PathBuf,
    target: Target,
    count: usize,
    /// Save again when done: the set changed and was asked to be saved meanwhile.
    again: bool,
    then: Option<AfterSave>,
    job: Job<Result<Written, SaveFailure>>,
}

impl SaveJob {
    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the job does, for the status bar.
    pub fn title(&self) -> &str {
        self.job.title()
    }
}

impl MarginaliaApp {
    /// Saves the open set to its sidecar.
    pub(super) fn save(&mut self) -> SaveOutcome {
        let Some(session) = &self.session else {
            return SaveOutcome::Failed;
        };
        let editor = &session.editor;
        let path = session.disk.sidecar_path().to_owned();
        let state = editor.state();
        if let Some(job) = &mut self.background.saving
            && job.path == path
            && matches!(job.target, Target::OpenSet { .. })
        {
            job.again |= !matches!(job.target, Target::OpenSet { state: s, .. } if s == state);
            return SaveOutcome::Started;
        }
        let request = SaveRequest {
            prepared: sidecar::prepare(editor.document(), editor.annotations(), editor.extras()),
            count: editor.annotations().len(),
            on_disk: session.disk.on_disk(),
            target: Target::OpenSet {
                state,
                revision: editor.annotations().revision(),
            },
            path,
            then: None,
        };
        self.start_save(request)
    }

    /// Save Annotations As…: asks where, then saves a copy there.
    pub(super) fn save_as(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let suggested = session.disk.sidecar_path().to_owned();
        self.choose_file(PathPurpose::SaveAnnotations, move |dialogs| {
            dialogs.pick_save_path(&suggested)
        });
    }

    /// Saves the open set to `path` (its own sidecar, or a copy elsewhere).
    pub(super) fn save_elsewhere(&mut self, path: &Path) -> SaveOutcome {
        let Some(session) = &self.session else {
            return SaveOutcome::Failed;
        };
        if path == session.disk.sidecar_path() {
            return self.save();
        }
        let editor = &session.editor;
        let request = SaveRequest {
            path: path.to_owned(),
            prepared: sidecar::prepare(editor.document(), editor.annotations(), editor.extras()),
            count: editor.annotations().len(),
            on_disk: OnDisk::Replace,
            target: Target::Elsewhere,
            then: None,
        };
        self.start_save(request)
    }

    /// Writes a new set's sidecar at `path` (`count` annotations), then runs `then`.
    pub(super) fn save_new_set(
        &mut self,
        path: PathBuf,
        prepared: Prepared,
        count: usize,
        then: AfterSave,
    ) -> SaveOutcome {
        self.start_save(SaveRequest {
            path,
            prepared,
            count,
            on_disk: OnDisk::Replace,
            target: Target::NewSet,
            then: Some(then),
        })
    }

    /// The one save path: writes at once, or in the background for large sets.
    fn start_save(&mut self, request: SaveRequest) -> SaveOutcome {
        if self.background.saving.is_some() {
            self.say(
                Severity::Warning,
                "Still saving the annotations; save again once that is done.",
            );
            return SaveOutcome::Failed;
        }
        let SaveRequest {
            path,
            prepared,
            count,
            on_disk,
            target,
            then,
        } = request;
        if count < BACKGROUND_SAVE_ANNOTATIONS {
            let written = write(&path, &prepared, on_disk);
            let outcome = self.finish_save(&path, target, count, written);
            if outcome == SaveOutcome::Saved
                && let Some(then) = then
            {
                then(self);
            }
            return outcome;
        }
        let file_name = path.file_name().unwrap_or_default().to_string_lossy();
        let title = format!("Saving to “{file_name}”");
        let worker_path = path.clone();
        let job = Job::single(title, None, &self.wake, move |_| {
            write(&worker_path, &prepared, on_disk)
        });
        self.background.saving = Some(SaveJob {
            path,
            target,
            count,
            again: false,
            then,
            job,
        });
        SaveOutcome::Started
    }

    /// Records a save's result and tells the user.
    fn finish_save(
        &mut self,
        path: &Path,
        target: Target,
        count: usize,
        written: Result<Written, SaveFailure>,
    ) -> SaveOutcome {
        let session = self
            .session
            .as_mut()
            .filter(|s| s.disk.sidecar_path() == path);
        match written {
            Ok(written) => {
                if let (Target::OpenSet { state, .. }, Some(session)) = (target, session) {
                    session.editor.mark_saved_state(state);
                    session.disk.now_holds(Some(written.hash));
                }
                if let Some(backup) = written.backup {
                    self.say(
                        Severity::Warning,
                        format!(
                            "“{}” was not the file these annotations were read from (another program changed it, or it could not be read); it was kept as “{}”.",
                            path.display(),
                            backup.display()
                        ),
                    );
                }
                if target != Target::NewSet {
                    self.say(
                        Severity::Info,
                        format!("Saved {count} annotation(s) to “{}”.", path.display()),
                    );
                }
                if matches!(target, Target::OpenSet { .. }) {
                    self.refresh_open_status();
                    self.learn_from_folder();
                }
                SaveOutcome::Saved
            }
            Err(failure) => {
                if let (Target::OpenSet { revision, .. }, Some(session)) = (target, session) {
                    session.autosave.failed(revision);
                }
                self.say(Severity::Error, failure.to_string());
                SaveOutcome::Failed
            }
        }
    }

    /// Runs `then` once the open set has no unsaved changes: at once when it has none or they
    /// save at once, when the background save is done when they save there, never when saving
    /// fails (which says why).
    pub(super) fn after_saving(&mut self, then: impl FnOnce(&mut MarginaliaApp) + 'static) {
        let dirty = self.session.as_ref().is_some_and(super::Session::is_dirty);
        if !dirty && self.background.saving.is_none() {
            then(self);
            return;
        }
        match self.save() {
            SaveOutcome::Saved => then(self),
            SaveOutcome::Started => {
                if let Some(job) = &mut self.background.saving {
                    let earlier = job.then.take();
                    job.then = Some(Box::new(move |app: &mut MarginaliaApp| {
                        if let Some(earlier) = earlier {
                            earlier(app);
                        }
                        then(app);
                    }));
                }
            }
            SaveOutcome::Failed => {}
        }
    }

    /// Finishes a save done in the background; until then, keeps the window checking.
    pub(super) fn poll_saving(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.background.saving else {
            return;
        };
        let written = match job.job.poll(None) {
            Poll::Running(_) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Done(mut results) => results
                .pop()
                .unwrap_or_else(|| Err(SaveFailure::Lost(job.path.clone()))),
            Poll::Stale | Poll::Lost => Err(SaveFailure::Lost(job.path.clone())),
        };
        let Some(job) = self.background.saving.take() else {
            return;
        };
        let outcome = self.finish_save(&job.path, job.target, job.count, written);
        if outcome != SaveOutcome::Saved {
            return;
        }
        match (job.again, job.then) {
            (true, Some(then)) => self.after_saving(then),
            (true, None) => {
                self.save();
            }
            (false, Some(then)) => then(self),
            (false, None) => {}
        }
    }
}
