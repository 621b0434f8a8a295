//! Undo and redo: every change to a set is a list of [`Edit`]s carried out as one step, and the
//! step keeps the edits that undo it. The history lives with the open document and is never
//! saved.

use super::document::Document;
use super::set::{AnnotationSet, Edit, SetError};

/// How many steps can be undone.
pub const MAX_STEPS: usize = 1000;

struct Step {
    label: String,
    /// The edits that take the set back across this step, in order.
    edits: Vec<Edit>,
    /// Identifies the state after this step, to know whether it is the saved one.
    serial: u64,
}

/// The undo and redo stacks of one document.
#[derive(Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    last_serial: u64,
    saved_serial: u64,
    /// The serial of the state below the oldest undoable step (steps beyond
    /// [`MAX_STEPS`] are forgotten).
    base_serial: u64,
}

impl History {
    /// An empty history; the current state counts as saved.
    pub fn new() -> Self {
        Self::default()
    }

    /// Carries out `edits` on `set` as one undoable step called `label`. All or nothing: on
    /// error the set is unchanged and nothing is recorded.
    pub fn perform(
        &mut self,
        set: &mut AnnotationSet,
        document: &Document,
        label: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Result<(), SetError> {
        if edits.is_empty() {
            return Ok(());
        }
        let undo = set.apply_all(edits, document)?;
        self.last_serial += 1;
        self.undo.push(Step {
            label: label.into(),
            edits: undo,
            serial: self.last_serial,
        });
        if self.undo.len() > MAX_STEPS {
            let forgotten = self.undo.remove(0);
            self.base_serial = forgotten.serial;
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(
        &mut self,
        set: &mut AnnotationSet,
        document: &Document,
    ) -> Result<Option<String>, SetError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        Self::cross(step, set, document, &mut self.undo, &mut self.redo)
    }

    /// Redoes the last undone step; returns its label, or `None` when there is nothing to redo.
    pub fn redo(
        &mut self,
        set: &mut AnnotationSet,
        document: &Document,
    ) -> Result<Option<String>, SetError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        Self::cross(step, set, document, &mut self.redo, &mut self.undo)
    }

    /// Applies `step`'s edits and moves it from one stack to the other, holding the edits that
    /// take the set back. If the edits fail (they cannot, unless the set was changed outside
    /// the history), the step goes back where it was.
    fn cross(
        step: Step,
        set: &mut AnnotationSet,
        document: &Document,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
    ) -> Result<Option<String>, SetError> {
        match set.apply_all(step.edits.clone(), document) {
            Ok(back) => {
                let label = step.label.clone();
                to.push(Step {
                    edits: back,
                    ..step
                });
                Ok(Some(label))
            }
            Err(error) => {
                from.push(step);
                Err(error)
            }
        }
    }

    /// The label of the step Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Identifies the current state: the serial of the last step done.
    fn current_serial(&self) -> u64 {
        self.undo.last().map_or(self.base_serial, |s| s.serial)
    }

    /// Identifies the current state, for [`History::mark_saved_state`] once a save of it ends.
    pub fn state(&self) -> u64 {
        self.current_serial()
    }

    /// Records that `state` (from [`History::state`]) is what is on disk: the current state is
    /// unsaved if it changed since.
    pub fn mark_saved_state(&mut self, state: u64) {
        self.saved_serial = state;
    }

    /// Records that the current state is what is on disk.
    pub fn mark_saved(&mut self) {
        self.saved_serial = self.current_serial();
    }

    /// True when the current state is the one last saved (undoing back to it counts).
    pub fn is_saved(&self) -> bool {
        self.current_serial() == self.saved_serial
    }

    /// Forgets that any state is saved, so that the current one counts as changed.
    pub fn mark_unsaved(&mut self) {
        self.saved_serial = u64::MAX;
    }
}
