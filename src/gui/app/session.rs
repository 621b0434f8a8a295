//! One open article: its parts, each a type that owns its state and changes it through its own
//! methods, which the command handlers call.

use super::autosave::AutosaveClock;
use super::curating::Curating;
use super::disk::Disk;
use super::editor::Editor;
use super::review::{ReviewItem, ReviewState};
use super::sets::{Overlay, SetChoice};
use crate::analysis::agreement::Comparison;
use crate::gui::jobs::Stamp;
use crate::gui::keys::KeyTable;
use crate::gui::views::article_view::ArticleView;
use crate::model::schema::Schema;
use crate::model::{Annotation, AnnotationId, AnnotationSet, Document, History};
use crate::store::Extras;
use std::path::Path;

/// The open article and everything about it.
pub struct Session {
    /// The article, its annotations and their history.
    pub(super) editor: Editor,
    /// The article view's state: layouts, selection, scroll.
    pub(super) view: ArticleView,
    /// The article's files on disk.
    pub(super) disk: Disk,
    /// The label schema in force for this article.
    pub(super) schema: Schema,
    /// The keys, with the schema's.
    pub(super) keys: KeyTable,
    /// Which set is open, and the one shown over it to compare.
    pub(super) sets: SetChoice,
    /// A merge of the open set with the compared one, in progress.
    pub(super) curation: Option<Curating>,
    /// What re-anchoring found when the article was opened or reloaded.
    pub(super) review: ReviewState,
    /// When changes were last seen, for autosave.
    pub(super) autosave: AutosaveClock,
    /// True once fonts for the article's scripts have been looked for.
    pub(super) fonts_checked: bool,
    /// What Marginalia suggests annotating.
    pub(super) suggestions: super::suggesting::Suggestions,
}

impl Session {
    /// The open article.
    pub fn document(&self) -> &Document {
        self.editor.document()
    }

    /// Its annotations.
    pub fn annotations(&self) -> &AnnotationSet {
        self.editor.annotations()
    }

    /// What imports carried beside the annotations, for export.
    pub fn extras(&self) -> &Extras {
        self.editor.extras()
    }

    /// The article view.
    pub fn view(&self) -> &ArticleView {
        &self.view
    }

    /// The selected annotation.
    pub fn selected(&self) -> Option<&AnnotationId> {
        self.editor.selected()
    }

    /// The selected annotation.
    pub fn selected_annotation(&self) -> Option<&Annotation> {
        self.editor.selected_annotation()
    }

    /// True when there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.editor.is_dirty()
    }

    /// The undo history.
    pub fn history(&self) -> &History<Extras> {
        self.editor.history()
    }

    /// The suggestions.
    pub fn suggestions(&self) -> &super::suggesting::Suggestions {
        &self.suggestions
    }

    /// Where the annotations are saved.
    pub fn sidecar_path(&self) -> &Path {
        self.disk.sidecar_path()
    }

    /// The label schema in force.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Annotations related to the selected one (see [`Editor::related`]).
    pub fn related(&self) -> Vec<AnnotationId> {
        self.editor.related()
    }

    /// The open set's name (`default` for the default set).
    pub fn set_name(&self) -> &str {
        self.sets.name()
    }

    /// The set shown over the article to compare, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.sets.overlay()
    }

    /// How far the open set agrees with the compared one, made again only after changes.
    pub fn comparison(&mut self) -> Option<&Comparison> {
        self.sets
            .comparison(self.editor.annotations(), self.editor.document())
    }

    /// The annotations to review after re-anchoring, in text order of where they were.
    pub fn review_items(&self) -> Vec<ReviewItem> {
        self.review.items(self.editor.annotations())
    }

    /// True when re-anchoring asks the user to look at annotation `id`.
    pub fn is_under_review(&self, id: &AnnotationId) -> bool {
        self.review.concerns(self.editor.annotations(), id)
    }

    /// What a job started now is for; with `annotations`, its results also depend on the
    /// annotations as they are now.
    pub fn stamp(&self, annotations: bool) -> Stamp {
        let document = self.editor.document();
        Stamp {
            path: document.path().to_owned(),
            fingerprint: document.fingerprint().clone(),
            set: self.sets.set().map(str::to_owned),
            revision: annotations.then(|| self.editor.annotations().revision()),
        }
    }
}
