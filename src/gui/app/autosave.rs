//! Autosave: the annotations are saved a few seconds after the last change and when the window
//! loses focus, so that a crash or a kill loses at most those few seconds.

use super::MarginaliaApp;
use super::messages::Severity;
use super::saving::SaveOutcome;
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
    /// The revision whose save failed; not retried until something changes.
    failed_revision: Option<u64>,
}

/// Whether autosave should save now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Due {
    /// Now.
    Now,
    /// Not before this long.
    In(Duration),
    /// Not until something changes.
    Never,
}

impl AutosaveClock {
    /// Whether to save at egui time `now`, with the set at `revision`, `dirty` or not, and the
    /// window having just lost the focus or not.
    pub fn due(&mut self, revision: u64, dirty: bool, now: f64, lost_focus: bool) -> Due {
        if revision != self.seen_revision {
            self.seen_revision = revision;
            self.changed_at = now;
        }
        if !dirty || self.failed_revision == Some(revision) {
            return Due::Never;
        }
        let waited = now - self.changed_at;
        if waited >= AUTOSAVE_DELAY.as_secs_f64() || lost_focus {
            Due::Now
        } else {
            Due::In(Duration::from_secs_f64(
                AUTOSAVE_DELAY.as_secs_f64() - waited,
            ))
        }
    }

    /// Records that saving `revision` failed: it is not tried again until something changes.
    pub fn failed(&mut self, revision: u64) {
        self.failed_revision = Some(revision);
    }
}

impl MarginaliaApp {
    /// Saves when autosave is on, there are unsaved changes and either the last change is
    /// [`AUTOSAVE_DELAY`] old or the window just lost focus.
    pub(super) fn autosave(&mut self, ctx: &Context) {
        let (now, focused) = ctx.input(|i| (i.time, i.viewport().focused));
        let lost_focus = self.window.focused == Some(true) && focused == Some(false);
        self.window.focused = focused;
        if !self.preferences.autosave {
            return;
        }
        let Some(session) = &mut self.session else {
            return;
        };
        let revision = session.editor.annotations().revision();
        let dirty = session.editor.is_dirty();
        match session.autosave.due(revision, dirty, now, lost_focus) {
            Due::Never => {}
            Due::In(wait) => ctx.request_repaint_after(wait),
            Due::Now => {
                if self.save() == SaveOutcome::Failed {
                    self.messages.say(
                        Severity::Warning,
                        "Autosave failed (see above); it tries again after your next change.",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autosave_waits_for_quiet_saves_on_focus_loss_and_does_not_retry_a_failure() {
        let mut clock = AutosaveClock::default();
        assert_eq!(clock.due(1, true, 10.0, false), Due::In(AUTOSAVE_DELAY));
        assert_eq!(
            clock.due(1, true, 11.0, false),
            Due::In(Duration::from_secs(2))
        );
        assert_eq!(
            clock.due(1, true, 11.0, true),
            Due::Now,
            "the window lost focus"
        );
        assert_eq!(clock.due(1, true, 13.0, false), Due::Now);
        assert_eq!(
            clock.due(1, false, 20.0, false),
            Due::Never,
            "nothing unsaved"
        );
        assert_eq!(clock.due(2, true, 30.0, false), Due::In(AUTOSAVE_DELAY));
        assert_eq!(clock.due(2, true, 33.0, false), Due::Now);
        clock.failed(2);
        assert_eq!(
            clock.due(2, true, 40.0, false),
            Due::Never,
            "failed: wait for a change"
        );
        assert_eq!(clock.due(3, true, 41.0, false), Due::In(AUTOSAVE_DELAY));
    }
}
