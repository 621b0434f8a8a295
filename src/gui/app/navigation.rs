//! Moving through the article from the keyboard: Tab between annotations, and Find.

use super::{MarginaliaApp, Severity};
use crate::model::{Annotation, AnnotationId, TextSelection};
use egui::Context;

impl MarginaliaApp {
    /// Selects annotation `id`, scrolls the article to it and gives the article the focus.
    pub(super) fn reveal(&mut self, ctx: &Context, id: AnnotationId) {
        let Some(session) = &mut self.session else {
            return;
        };
        if let Some(annotation) = session.editor.annotations().get(&id) {
            session.view.scroll_to(annotation.span.start);
        }
        session.editor.select(Some(id));
        ctx.memory_mut(|m| m.request_focus(session.view.id()));
    }

    /// Selects the next (or previous) annotation in text order and scrolls to it; with none
    /// selected, the first one after (or before) the caret.
    pub(super) fn step_annotation(&mut self, ctx: &Context, forward: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        let layers = self.window.side_panel.layers();
        // Only what the layers show: a hidden kind or label is skipped.
        let shown: Vec<&Annotation> = session
            .editor
            .annotations()
            .anchored()
            .iter()
            .filter(|a| layers.shows(a))
            .collect();
        if shown.is_empty() {
            let text = if session.editor.annotations().anchored().is_empty() {
                "There are no annotations to step through yet."
            } else {
                "Every annotation is in a hidden layer (the side panel's Show checkboxes)."
            };
            self.say(Severity::Info, text);
            return;
        }
        let current = session
            .editor
            .selected()
            .and_then(|id| shown.iter().position(|a| &a.id == id));
        let count = shown.len();
        let next = match current {
            Some(i) if forward => (i + 1) % count,
            Some(i) => (i + count - 1) % count,
            None => {
                let caret = session.view.selection().head;
                let after = shown.partition_point(|a| a.span.start < caret);
                if forward {
                    after % count
                } else {
                    (after + count - 1) % count
                }
            }
        };
        let annotation = shown[next];
        let (start, id) = (annotation.span.start, annotation.id.clone());
        session.view.scroll_to(start);
        session.view.set_selection(TextSelection::caret(start));
        session.editor.select(Some(id));
        ctx.memory_mut(|m| m.request_focus(session.view.id()));
    }

    /// Computes the find matches again if the text or options changed; with `from_caret`,
    /// selects the first match at or after the selection's start (incremental search).
    pub(super) fn refresh_find(&mut self, from_caret: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        let matches = self
            .find
            .matches_in(session.editor.document(), self.preferences.find_options);
        if !from_caret {
            return;
        }
        let caret = session.view.selection().span().start;
        let at = matches.partition_point(|m| m.start < caret);
        match matches.get(at).or(matches.first()).copied() {
            Some(found) => {
                session.view.set_selection(TextSelection::of(found));
                session.view.scroll_to(found.start);
            }
            // No match: the last one found is no longer shown as found.
            None => session.view.set_selection(TextSelection::caret(caret)),
        }
    }

    /// Selects the next (or previous) match after (or before) the selection, wrapping round.
    pub(super) fn find_step(&mut self, forward: bool) {
        if self.find.text().is_empty() {
            self.find.open_and_focus();
            return;
        }
        self.refresh_find(false);
        let Some(session) = &mut self.session else {
            return;
        };
        let matches = self.find.matches();
        if matches.is_empty() {
            let text = format!("“{}” is not in the article.", self.find.text());
            self.say(Severity::Info, text);
            return;
        }
        let selection = session.view.selection().span();
        let found = if forward {
            let at = matches.partition_point(|m| m.start <= selection.start);
            matches[at % matches.len()]
        } else {
            let at = matches.partition_point(|m| m.start < selection.start);
            matches[(at + matches.len() - 1) % matches.len()]
        };
        session.view.set_selection(TextSelection::of(found));
        session.view.scroll_to(found.start);
        session.editor.select(None);
    }
}
