//! Undo and redo: every change to a set is a list of [`Edit`]s carried out as one step, and the
//! step keeps the edits that undo it. A step can also replace a value kept beside the set (`B`:
//! what an import carried for other tools), which undo and redo swap back with the set. The
//! history lives with the open document and is never saved.

use super::document::Document;
use super::set::{AnnotationSet, Edit, SetError};

/// How many steps can be undone.
pub const MAX_STEPS: usize = 1000;

struct Step<B> {
    label: String,
    /// The edits that take the set back across this step, in order.
    edits: Vec<Edit>,
    /// The value beside the set on the other side of this step, when the step replaced it.
    beside: Option<B>,
    /// Identifies the state after this step, to know whether it is the saved one.
    serial: u64,
}

/// The undo and redo stacks of one document; `B` is what is kept beside its set.
pub struct History<B = ()> {
    undo: Vec<Step<B>>,
    redo: Vec<Step<B>>,
    last_serial: u64,
    saved_serial: u64,
    /// The serial of the state below the oldest undoable step (steps beyond
    /// [`MAX_STEPS`] are forgotten).
    base_serial: u64,
}

impl<B> Default for History<B> {
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            last_serial: 0,
            saved_serial: 0,
            base_serial: 0,
        }
    }
}

impl History<()> {
    /// An empty history of a set alone; the current state counts as saved.
    pub fn new() -> Self {
        Self::default()
    }

    /// Undoes the last step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(
        &mut self,
        set: &mut AnnotationSet,
        document: &Document,
    ) -> Result<Option<String>, SetError> {
        self.undo_with(set, &mut (), document)
    }

    /// Redoes the last undone step; returns its label, or `None` when there is nothing to redo.
    pub fn redo(
        &mut self,
        set: &mut AnnotationSet,
        document: &Document,
    ) -> Result<Option<String>, SetError> {
        self.redo_with(set, &mut (), document)
    }
}

impl<B> History<B> {
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
        self.record(label.into(), undo, None);
        Ok(())
    }

    /// Like [`History::perform`], and puts `replacement` in place of `beside` in the same step:
    /// undoing it gives both the set and `beside` back.
    pub fn perform_replacing(
        &mut self,
        set: &mut AnnotationSet,
        beside: &mut B,
        document: &Document,
        label: impl Into<String>,
        edits: Vec<Edit>,
        replacement: B,
    ) -> Result<(), SetError> {
        let undo = set.apply_all(edits, document)?;
        let before = std::mem::replace(beside, replacement);
        self.record(label.into(), undo, Some(before));
        Ok(())
    }

    fn record(&mut self, label: String, edits: Vec<Edit>, beside: Option<B>) {
        self.last_serial += 1;
        self.undo.push(Step {
            label,
            edits,
            beside,
            serial: self.last_serial,
        });
        if self.undo.len() > MAX_STEPS {
            let forgotten = self.undo.remove(0);
            self.base_serial = forgotten.serial;
        }
        self.redo.clear();
    }

    /// Undoes the last step, giving `beside` back what it replaced; returns its label, or
    /// `None` when there is nothing to undo.
    pub fn undo_with(
        &mut self,
        set: &mut AnnotationSet,
        beside: &mut B,
        document: &Document,
    ) -> Result<Option<String>, SetError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        Self::cross(step, set, beside, document, &mut self.undo, &mut self.redo)
    }

    /// Redoes the last undone step; returns its label, or `None` when there is nothing to redo.
    pub fn redo_with(
        &mut self,
        set: &mut AnnotationSet,
        beside: &mut B,
        document: &Document,
    ) -> Result<Option<String>, SetError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        Self::cross(step, set, beside, document, &mut self.redo, &mut self.undo)
    }

    /// Applies `step`'s edits (and swaps `beside`) and moves it from one stack to the other,
    /// holding what takes the set back. If the edits fail (they cannot, unless the set was
    /// changed outside the history), the step goes back where it was.
    fn cross(
        step: Step<B>,
        set: &mut AnnotationSet,
        beside: &mut B,
        document: &Document,
        from: &mut Vec<Step<B>>,
        to: &mut Vec<Step<B>>,
    ) -> Result<Option<String>, SetError> {
        match set.apply_all(step.edits.clone(), document) {
            Ok(back) => {
                let label = step.label.clone();
                let beside = step.beside.map(|other| std::mem::replace(beside, other));
                to.push(Step {
                    edits: back,
                    beside,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, AnnotationId, CharSpan, Kind, Placement};

    #[test]
    fn a_step_that_replaces_what_is_beside_the_set_gives_it_back_on_undo() {
        let document = Document::from_text("a.txt".into(), "One two three.".into());
        let mut set = AnnotationSet::new();
        let mut beside = vec!["before".to_owned()];
        let mut history: History<Vec<String>> = History::default();
        let span = CharSpan::new(4, 7).unwrap();
        let annotation = Annotation::new(AnnotationId("a".into()), Kind::Entity, span, &document);
        history
            .perform_replacing(
                &mut set,
                &mut beside,
                &document,
                "import",
                vec![Edit::Insert(annotation, Placement::Anchored)],
                vec!["after".to_owned()],
            )
            .unwrap();
        assert_eq!(
            (set.len(), beside.as_slice()),
            (1, ["after".to_owned()].as_slice())
        );
        history.undo_with(&mut set, &mut beside, &document).unwrap();
        assert_eq!(
            (set.len(), beside.as_slice()),
            (0, ["before".to_owned()].as_slice())
        );
        history.redo_with(&mut set, &mut beside, &document).unwrap();
        assert_eq!(
            (set.len(), beside.as_slice()),
            (1, ["after".to_owned()].as_slice())
        );
        // A plain step leaves it alone both ways.
        history
            .perform(
                &mut set,
                &document,
                "delete",
                vec![Edit::Remove(AnnotationId("a".into()))],
            )
            .unwrap();
        history.undo_with(&mut set, &mut beside, &document).unwrap();
        assert_eq!(beside, ["after".to_owned()]);
    }
}
