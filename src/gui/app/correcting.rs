//! Correcting the selected annotation in place: its kind, its boundaries (by key, by dragging a
//! handle, or from the text selection) and its attributes by key. Each change is one undoable
//! step that keeps the annotation's id, links, note and tags.

use super::{MarginaliaApp, Severity};
use crate::gui::views::dialogs::ModalDialog;
use crate::model::correct::{self, CorrectError, Edge, Step};
use crate::model::{
    Annotation, AnnotationId, Attributes, CharOffset, CheckWorthiness, Edit, Kind, Placement,
    QuoteMode,
};

impl MarginaliaApp {
    /// The selected annotation, or a hint about what to select and `None`.
    fn annotation_to_correct(&mut self) -> Option<Annotation> {
        let found = self
            .session
            .as_ref()
            .and_then(|s| s.editor.selected_annotation().cloned());
        if found.is_none() {
            self.say(
                Severity::Info,
                "Select an annotation first (click it, or step to it with Tab).",
            );
        }
        found
    }

    /// Makes the selected annotation a `kind`; what only fitted the old kind is named in the
    /// message, and undo brings it back.
    pub(super) fn change_kind(&mut self, kind: Kind) {
        let Some(annotation) = self.annotation_to_correct() else {
            return;
        };
        if annotation.kind() == kind {
            self.say(
                Severity::Info,
                format!("It is already {}.", kind.with_article()),
            );
            return;
        }
        let Some(session) = &self.session else {
            return;
        };
        let change = correct::change_kind(session.annotations(), &annotation, kind);
        let label = format!(
            "Make {} {} {}",
            annotation.kind(),
            annotation.quoted_snippet(24),
            kind.with_article()
        );
        if self.change(&label, change.edits) {
            let left = if change.dropped.is_empty() {
                String::new()
            } else {
                format!(
                    " Left behind: {} (Ctrl+Z brings them back).",
                    change.dropped.join(", ")
                )
            };
            self.say(Severity::Info, format!("{label}: done.{left}"));
        }
    }

    /// Moves one end of the selected annotation by a word or a character.
    pub(super) fn move_edge(&mut self, edge: Edge, step: Step, forward: bool) {
        let Some(annotation) = self.annotation_to_correct() else {
            return;
        };
        let Some(session) = &self.session else {
            return;
        };
        match correct::moved_edge(&annotation, edge, step, forward, session.document()) {
            Some(to) => self.put_edge(&annotation, edge, to),
            None => self.correction_failed(CorrectError::AtEdge),
        }
    }

    /// Puts one end of annotation `id` at `to` (a dragged handle).
    pub(super) fn set_edge(&mut self, id: &AnnotationId, edge: Edge, to: CharOffset) {
        let Some(annotation) = self
            .session
            .as_ref()
            .and_then(|s| s.annotations().get(id))
            .cloned()
        else {
            return;
        };
        let current = match edge {
            Edge::Start => annotation.extent().start,
            Edge::End => annotation.extent().end,
        };
        if current != to {
            self.put_edge(&annotation, edge, to);
        }
    }

    fn put_edge(&mut self, annotation: &Annotation, edge: Edge, to: CharOffset) {
        let Some(session) = &self.session else {
            return;
        };
        match correct::with_edge(annotation, edge, to, session.document()) {
            Ok(moved) => self.replace_span(annotation, moved),
            Err(error) => self.correction_failed(error),
        }
    }

    /// Gives the selected annotation the selected text (the piece of a quote the selection
    /// overlaps most); an annotation re-anchoring lost is attached there.
    pub(super) fn set_span_to_selection(&mut self) {
        let Some(annotation) = self.annotation_to_correct() else {
            return;
        };
        let Some(session) = &self.session else {
            return;
        };
        if session.annotations().placement(&annotation.id) == Some(Placement::Unanchored) {
            self.attach_to_selection(&annotation.id);
            return;
        }
        let Some(selection) = self.selected_span(
            "Select the text the annotation should cover, then press Shift+S (Set Span to Selection).",
        ) else {
            return;
        };
        let Some(session) = &self.session else {
            return;
        };
        let piece = correct::piece_for(&annotation, selection);
        match correct::respan(&annotation, piece, selection, session.document()) {
            Ok(moved) => {
                self.replace_span(&annotation, moved);
                if let Some(session) = &mut self.session {
                    session.view.clear_selection();
                }
            }
            Err(error) => self.correction_failed(error),
        }
    }

    /// Puts `moved` in place of `old` as one step named after the new text.
    fn replace_span(&mut self, old: &Annotation, moved: Annotation) {
        if moved.pieces().eq(old.pieces()) {
            return;
        }
        let label = format!("Set span of {} to {}", old.kind(), moved.quoted_snippet(30));
        self.change(&label, vec![Edit::Replace(moved)]);
    }

    fn correction_failed(&mut self, error: CorrectError) {
        self.say(Severity::Info, format!("Cannot change the span: {error}."));
    }

    /// The selected annotation if it is a `kind`, else a hint and `None`.
    fn selected_kind(&mut self, kind: Kind) -> Option<Annotation> {
        let found = self.session.as_ref().and_then(|s| {
            s.editor
                .selected_annotation()
                .filter(|a| a.kind() == kind)
                .cloned()
        });
        if found.is_none() {
            let article = if kind == Kind::Entity { "an" } else { "a" };
            self.say(
                Severity::Info,
                format!("Select {article} {kind} first (click it, or step to it with Tab)."),
            );
        }
        found
    }

    /// Gives the selected quote the next mode.
    pub(super) fn cycle_quote_mode(&mut self) {
        let Some(quote) = self.selected_kind(Kind::Quote) else {
            return;
        };
        let current = match &quote.attributes {
            Attributes::Quote(q) => q.mode,
            _ => None,
        };
        self.set_quote_mode(correct::cycled(&QuoteMode::ALL, current));
    }

    /// Gives the selected quote `mode`.
    pub(super) fn set_quote_mode(&mut self, mode: Option<QuoteMode>) {
        let Some(mut quote) = self.selected_kind(Kind::Quote) else {
            return;
        };
        if let Attributes::Quote(q) = &mut quote.attributes {
            q.mode = mode;
        }
        let what = mode.map_or("no mode", QuoteMode::label);
        let label = format!("Set mode of {} to {what}", quote.quoted_snippet(24));
        if self.change(&label, vec![Edit::Replace(quote)]) {
            self.say(Severity::Info, format!("{label}."));
        }
    }

    /// Gives the selected claim the next check-worthiness grade.
    pub(super) fn cycle_check_worthiness(&mut self) {
        let Some(claim) = self.selected_kind(Kind::Claim) else {
            return;
        };
        let current = match &claim.attributes {
            Attributes::Claim(c) => c.check_worthiness,
            _ => None,
        };
        self.set_check_worthiness(correct::cycled(&CheckWorthiness::ALL, current));
    }

    /// Gives the selected claim `grade`.
    pub(super) fn set_check_worthiness(&mut self, grade: Option<CheckWorthiness>) {
        let Some(mut claim) = self.selected_kind(Kind::Claim) else {
            return;
        };
        if let Attributes::Claim(c) = &mut claim.attributes {
            c.check_worthiness = grade;
        }
        let what = grade.map_or("not graded", CheckWorthiness::label);
        let label = format!(
            "Set check-worthiness of {} to {what}",
            claim.quoted_snippet(24)
        );
        if self.change(&label, vec![Edit::Replace(claim)]) {
            self.say(Severity::Info, format!("{label}."));
        }
    }

    /// Opens the verdict picker for the selected claim.
    pub(super) fn pick_verdict(&mut self) {
        let Some(claim) = self.selected_kind(Kind::Claim) else {
            return;
        };
        let Some(session) = &self.session else {
            return;
        };
        let current = match &claim.attributes {
            Attributes::Claim(c) => c.verdict.clone(),
            _ => None,
        };
        let verdicts = session.schema.verdicts.clone();
        let highlighted = current
            .as_ref()
            .and_then(|v| verdicts.iter().position(|c| c == v))
            .map_or(0, |i| i + 1);
        self.modal = Some(ModalDialog::VerdictPicker {
            about: format!("claim {}", claim.quoted_snippet(80)),
            verdicts,
            highlighted,
        });
    }

    /// Gives the selected claim `verdict`.
    pub(super) fn set_verdict(&mut self, verdict: Option<String>) {
        let Some(mut claim) = self.selected_kind(Kind::Claim) else {
            return;
        };
        let what = verdict.clone().unwrap_or_else(|| "none".to_owned());
        if let Attributes::Claim(c) = &mut claim.attributes {
            c.verdict = verdict;
        }
        let label = format!("Set verdict of {} to {what}", claim.quoted_snippet(24));
        if self.change(&label, vec![Edit::Replace(claim)]) {
            self.say(Severity::Info, format!("{label}."));
        }
    }
}
