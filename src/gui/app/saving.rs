//! Saving the annotations. Small sets are written at once; large ones on a worker thread while
//! the window goes on (the status bar says so), so that a slow disk never freezes it. Either
//! way, a sidecar that is not what this session read or last wrote (another program replaced
//! it, or it could not be read) is first copied to a `.bak` file beside it: nothing on disk is
//! lost.

use super::{MarginaliaApp, Severity, watch};
use crate::store::sidecar::{self, Prepared};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Sets of at least this many annotations are written on a worker thread.
pub const BACKGROUND_SAVE_ANNOTATIONS: usize = 2_000;

/// How a request to save ended, for now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SaveOutcome {
    /// Written.
    Saved,
    /// A worker thread is writing; [`MarginaliaApp::poll_saving`] finishes.
    Started,
    /// Not written; the user was told why.
    Failed,
}

/// What to run once the open set's changes are on disk.
pub(super) type AfterSave = Box<dyn FnOnce(&mut MarginaliaApp)>;

/// What to do with a file already at the path being saved to.
enum OnDisk {
    /// Write over it (Save As: the user chose the file).
    Replace,
    /// Copy it to a `.bak` file first unless its hash is this one (what the session read or
    /// last wrote; `None`: there was no file).
    KeepUnless(Option<blake3::Hash>),
}

/// A save that went through.
struct Written {
    /// The hash of the bytes written.
    hash: blake3::Hash,
    /// Where the file that was there before went, when it had to be kept.
    backup: Option<PathBuf>,
}

/// Writes `prepared` to `path` atomically, keeping what is there first if `on_disk` says so.
fn write(path: &Path, prepared: &Prepared, on_disk: &OnDisk) -> Result<Written, String> {
    let backup = match on_disk {
        OnDisk::KeepUnless(expected) if path.exists() && watch::file_hash(path) != *expected => {
            Some(sidecar::back_up(path).map_err(|error| {
                format!(
                    "Did not save: “{}” is not the file these annotations were read from (another program changed it, or it could not be read), and copying it to a backup first failed ({error}). Use File → Save Annotations As… to save elsewhere.",
                    path.display()
                )
            })?)
        }
        _ => None,
    };
    let text = prepared.text();
    sidecar::write_atomically(path, text.as_bytes()).map_err(|source| {
        sidecar::SaveError {
            path: path.to_owned(),
            source,
        }
        .to_string()
    })?;
    Ok(Written {
        hash: blake3::hash(text.as_bytes()),
        backup,
    })
}

/// A save running on a worker thread.
pub struct SaveJob {
    path: PathBuf,
    /// The history state being saved.
    state: u64,
    /// The set's revision being saved, to hold autosave back if it fails.
    revision: u64,
    count: usize,
    /// Save again when done: the set changed and was asked to be saved meanwhile.
    again: bool,
    then: Option<AfterSave>,
    result: mpsc::Receiver<Result<Written, String>>,
}

impl SaveJob {
    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl MarginaliaApp {
    /// Saves to the sidecar of the open set.
    pub(super) fn save(&mut self) -> SaveOutcome {
        let Some(session) = &self.session else {
            return SaveOutcome::Failed;
        };
        let path = session.sidecar_path.clone();
        self.save_to(&path)
    }

    /// Saves the open set to `path` (its own sidecar, or elsewhere for Save As).
    pub(super) fn save_to(&mut self, path: &Path) -> SaveOutcome {
        let Some(session) = &self.session else {
            return SaveOutcome::Failed;
        };
        let own = path == session.sidecar_path;
        let state = session.history.state();
        if let Some(job) = &mut self.saving {
            if own && job.path == path {
                job.again |= job.state != state;
                return SaveOutcome::Started;
            }
            self.say(
                Severity::Warning,
                "Still saving the annotations; save elsewhere once that is done.",
            );
            return SaveOutcome::Failed;
        }
        let on_disk = if !own {
            OnDisk::Replace
        } else if session.keep_unreadable_sidecar {
            OnDisk::KeepUnless(None)
        } else {
            OnDisk::KeepUnless(session.sidecar_hash)
        };
        let prepared = sidecar::prepare(&session.document, &session.annotations, &session.extras);
        let revision = session.annotations.revision();
        let count = session.annotations.len();
        if count < BACKGROUND_SAVE_ANNOTATIONS || !own {
            let written = write(path, &prepared, &on_disk);
            return self.finish_save(path, state, revision, count, written);
        }
        let (sender, result) = mpsc::channel();
        let wake = self.wake.clone();
        let worker_path = path.to_owned();
        let spawned = std::thread::Builder::new()
            .name("save annotations".to_owned())
            .spawn(move || {
                if sender
                    .send(write(&worker_path, &prepared, &on_disk))
                    .is_err()
                {
                    log::debug!("nobody waits for this result any more");
                }
                wake();
            });
        match spawned {
            Ok(_) => {
                self.saving = Some(SaveJob {
                    path: path.to_owned(),
                    state,
                    revision,
                    count,
                    again: false,
                    then: None,
                    result,
                });
                SaveOutcome::Started
            }
            Err(error) => {
                let written = Err(format!(
                    "Could not save the annotations to “{}”: no thread to write them on ({error}). Your annotations are still open; save again.",
                    path.display()
                ));
                self.finish_save(path, state, revision, count, written)
            }
        }
    }

    /// Records a save's result and tells the user.
    fn finish_save(
        &mut self,
        path: &Path,
        state: u64,
        revision: u64,
        count: usize,
        written: Result<Written, String>,
    ) -> SaveOutcome {
        let own = self
            .session
            .as_ref()
            .is_some_and(|s| s.sidecar_path == path);
        match written {
            Ok(written) => {
                if own && let Some(session) = &mut self.session {
                    session.history.mark_saved_state(state);
                    session.sidecar_hash = Some(written.hash);
                    session.keep_unreadable_sidecar = false;
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
                self.say(
                    Severity::Info,
                    format!("Saved {count} annotation(s) to “{}”.", path.display()),
                );
                if own {
                    self.refresh_open_status();
                }
                SaveOutcome::Saved
            }
            Err(message) => {
                if own && let Some(session) = &mut self.session {
                    session.autosave.failed_revision = Some(revision);
                }
                self.say(Severity::Error, message);
                SaveOutcome::Failed
            }
        }
    }

    /// Runs `then` once the open set has no unsaved changes: at once when it has none or they
    /// save at once, when the worker is done when they save on one, never when saving fails
    /// (which says why).
    pub(super) fn after_saving(&mut self, then: impl FnOnce(&mut MarginaliaApp) + 'static) {
        let dirty = self.session.as_ref().is_some_and(super::Session::is_dirty);
        if !dirty && self.saving.is_none() {
            then(self);
            return;
        }
        match self.save() {
            SaveOutcome::Saved => then(self),
            SaveOutcome::Started => {
                if let Some(job) = &mut self.saving {
                    job.then = Some(Box::new(then));
                }
            }
            SaveOutcome::Failed => {}
        }
    }

    /// Whether a save is running on a worker thread, and of which file.
    pub fn saving(&self) -> Option<&SaveJob> {
        self.saving.as_ref()
    }

    /// Finishes a save a worker thread did; until then, keeps the window checking.
    pub(super) fn poll_saving(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.saving else {
            return;
        };
        let written = match job.result.try_recv() {
            Ok(written) => written,
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Err(mpsc::TryRecvError::Disconnected) => Err(format!(
                "Saving to “{}” stopped unexpectedly; the file on disk is the one from before, and your annotations are still open. Save again.",
                job.path.display()
            )),
        };
        let Some(job) = self.saving.take() else {
            return;
        };
        let outcome = self.finish_save(&job.path, job.state, job.revision, job.count, written);
        if outcome != SaveOutcome::Saved {
            return;
        }
        if job.again {
            if let Some(then) = job.then {
                self.after_saving(then);
            } else {
                self.save();
            }
        } else if let Some(then) = job.then {
            then(self);
        }
    }
}
