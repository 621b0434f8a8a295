//! Autosave: the annotations are saved a few seconds after the last change and when the window
//! loses focus, so that a crash or a kill loses at most those few seconds.

use super::{MarginaliaApp, Severity};
use egui::Context;
use std::time::Duration;

/// How long after the last change autosave waits.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(3);

/// What autosave remembers about the session's changes.
#[derive(Default)]
pub struct AutosaveClock {
    /// The set's revision when last looked at.
    seen_revision: u64,
    /// When (egui time, seconds) that revision was first seen.
    changed_at: f64,
    /// The revision whose autosave failed; not retried until something changes.
    pub(super) failed_revision: Option<u64>,
}

impl MarginaliaApp {
    /// Saves when autosave is on, there are unsaved changes and either the last change is
    /// [`AUTOSAVE_DELAY`] old or the window just lost focus.
    pub(super) fn autosave(&mut self, ctx: &Context) {
        let (now, focused) = ctx.input(|i| (i.time, i.viewport().focused));
        let lost_focus = self.window_focused == Some(true) && focused == Some(false);
        self.window_focused = focused;
        if !self.preferences.autosave {
            return;
        }
        let Some(session) = &mut self.session else {
            return;
        };
        let revision = session.annotations.revision();
        let dirty = session.is_dirty();
        let clock = &mut session.autosave;
        if revision != clock.seen_revision {
            clock.seen_revision = revision;
            clock.changed_at = now;
        }
        if !dirty || clock.failed_revision == Some(revision) {
            return;
        }
        let waited = now - clock.changed_at;
        let due = waited >= AUTOSAVE_DELAY.as_secs_f64();
        if !due && !lost_focus {
            ctx.request_repaint_after(Duration::from_secs_f64(
                AUTOSAVE_DELAY.as_secs_f64() - waited,
            ));
            return;
        }
        if self.save() == super::saving::SaveOutcome::Failed {
            self.say(
                Severity::Warning,
                "Autosave failed (see above); it tries again after your next change.",
            );
        }
    }
}
