//! The open article with its annotations: the document, the set, what imports carried beside
//! it, the undo history and the selected annotation. Every change to the annotations goes
//! through [`Editor::perform`] (or an import's [`Editor::perform_import`]), so each is one
//! undoable step.

use crate::model::{
    Annotation, AnnotationId, AnnotationSet, Document, Edit, History, Kind, Party, SetError,
    Timestamp,
};
use crate::store::Extras;
use std::sync::Arc;

/// An article being annotated.
pub struct Editor {
    document: Arc<Document>,
    annotations: AnnotationSet,
    extras: Extras,
    history: History<Extras>,
    selected: Option<AnnotationId>,
}

impl Editor {
    /// `document` with `annotations` (and `extras` beside them), nothing selected, nothing to
    /// undo.
    pub fn new(document: Arc<Document>, annotations: AnnotationSet, extras: Extras) -> Self {
        Self {
            document,
            annotations,
            extras,
            history: History::default(),
            selected: None,
        }
    }

    /// The article.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The article, to share with a worker thread.
    pub fn shared_document(&self) -> Arc<Document> {
        Arc::clone(&self.document)
    }

    /// Its annotations.
    pub fn annotations(&self) -> &AnnotationSet {
        &self.annotations
    }

    /// What imports carried beside them.
    pub fn extras(&self) -> &Extras {
        &self.extras
    }

    /// The undo history.
    pub fn history(&self) -> &History<Extras> {
        &self.history
    }

    /// The selected annotation's id.
    pub fn selected(&self) -> Option<&AnnotationId> {
        self.selected.as_ref()
    }

    /// The selected annotation.
    pub fn selected_annotation(&self) -> Option<&Annotation> {
        self.selected
            .as_ref()
            .and_then(|id| self.annotations.get(id))
    }

    /// Selects an annotation, or none.
    pub fn select(&mut self, id: Option<AnnotationId>) {
        self.selected = id;
    }

    /// True when there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        !self.history.is_saved()
    }

    /// Carries out `edits` as one undoable step called `label`, stamping the modification time
    /// of every annotation they replace. On error nothing changed.
    pub fn perform(&mut self, label: &str, edits: Vec<Edit>) -> Result<(), SetError> {
        let edits = stamped(edits);
        self.history
            .perform(&mut self.annotations, &self.document, label, edits)
    }

    /// Like [`Editor::perform`], and puts `extras` in place of those carried now, in the same
    /// step (an import).
    pub fn perform_import(
        &mut self,
        label: &str,
        edits: Vec<Edit>,
        extras: Extras,
    ) -> Result<(), SetError> {
        let edits = stamped(edits);
        self.history.perform_replacing(
            &mut self.annotations,
            &mut self.extras,
            &self.document,
            label,
            edits,
            extras,
        )?;
        self.selected = None;
        Ok(())
    }

    /// Undoes (or redoes) the last step; its label, or `None` when there was none.
    pub fn undo_or_redo(&mut self, undo: bool) -> Result<Option<String>, SetError> {
        let (set, extras, document) = (&mut self.annotations, &mut self.extras, &self.document);
        let result = if undo {
            self.history.undo_with(set, extras, document)
        } else {
            self.history.redo_with(set, extras, document)
        };
        if self
            .selected
            .as_ref()
            .is_some_and(|id| !self.annotations.contains_id(id))
        {
            self.selected = None;
        }
        result
    }

    /// The history state, for [`Editor::mark_saved_state`] once a save of it ends.
    pub fn state(&self) -> u64 {
        self.history.state()
    }

    /// Records that `state` is what is on disk.
    pub fn mark_saved_state(&mut self, state: u64) {
        self.history.mark_saved_state(state);
    }

    /// Counts the current state as changed (what is on disk is not it).
    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }

    /// Puts a new text and annotations in place of the old; the history starts again (its steps
    /// refer to the old text).
    pub fn replace(&mut self, document: Arc<Document>, annotations: AnnotationSet, extras: Extras) {
        self.document = document;
        self.annotations = annotations;
        self.extras = extras;
        self.history = History::default();
        if self
            .selected
            .as_ref()
            .is_some_and(|id| !self.annotations.contains_id(id))
        {
            self.selected = None;
        }
    }

    /// Annotations related to the selected one: the mentions of a quote's speaker or a claim's
    /// claimant, or an entity's other mentions and its quotes and claims.
    pub fn related(&self) -> Vec<AnnotationId> {
        let Some(selected) = self.selected_annotation() else {
            return Vec::new();
        };
        let set = &self.annotations;
        let mut related: Vec<AnnotationId> = match selected.attributes.party() {
            Some(Party::Mention(mention)) => set
                .same_entity(mention)
                .into_iter()
                .map(|a| a.id.clone())
                .collect(),
            _ if selected.kind() == Kind::Entity => set
                .same_entity(&selected.id)
                .into_iter()
                .chain(set.statements_of(&selected.id))
                .map(|a| a.id.clone())
                .collect(),
            _ => Vec::new(),
        };
        related.retain(|id| id != &selected.id);
        related
    }
}

/// `edits` with the modification time of every replaced annotation set to now.
fn stamped(edits: Vec<Edit>) -> Vec<Edit> {
    let now = Timestamp::now();
    edits
        .into_iter()
        .map(|edit| match edit {
            Edit::Replace(mut annotation) => {
                annotation.modified = now;
                Edit::Replace(annotation)
            }
            other => other,
        })
        .collect()
}
