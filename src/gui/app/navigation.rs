//! Moving through the article from the keyboard: Tab between annotations, and Find.

use super::{MarginaliaApp, Severity};
use crate::gui::views::article_view::TextSelection;
use crate::model::search;
use egui::Context;

impl MarginaliaApp {
    /// Selects the next (or previous) annotation in text order and scrolls to it; with none
    /// selected, the first one after (or before) the caret.
    pub(super) fn step_annotation(&mut self, ctx: &Context, forward: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        let anchored = session.annotations.anchored();
        if anchored.is_empty() {
            self.say(
                Severity::Info,
                "There are no annotations to step through yet.",
            );
            return;
        }
        let current = session
            .selected
            .as_ref()
            .and_then(|id| anchored.iter().position(|a| &a.id == id));
        let count = anchored.len();
        let next = match current {
            Some(i) if forward => (i + 1) % count,
            Some(i) => (i + count - 1) % count,
            None => {
                let caret = session.view.selection().head;
                let after = anchored.partition_point(|a| a.span.start < caret);
                if forward {
                    after % count
                } else {
                    (after + count - 1) % count
                }
            }
        };
        let annotation = &anchored[next];
        session.view.scroll_to(annotation.span.start);
        session
            .view
            .set_selection(TextSelection::caret(annotation.span.start));
        session.selected = Some(annotation.id.clone());
        ctx.memory_mut(|m| m.request_focus(session.view.id()));
    }

    /// Recomputes the find matches when the text or options changed; with `from_caret`,
    /// selects the first match at or after the selection's start (incremental search).
    pub(super) fn refresh_find(&mut self, from_caret: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        let key = (self.find_bar.text.clone(), self.find_bar.options);
        if session.find_key.as_ref() != Some(&key) {
            session.find_matches = search::find_all(&session.document, &key.0, key.1);
            session.find_key = Some(key);
        }
        if from_caret {
            let caret = session.view.selection().span().start;
            let at = session.find_matches.partition_point(|m| m.start < caret);
            if let Some(found) = session
                .find_matches
                .get(at)
                .or(session.find_matches.first())
                .copied()
            {
                session.view.set_selection(TextSelection {
                    anchor: found.start,
                    head: found.end,
                });
                session.view.scroll_to(found.start);
            }
        }
    }

    /// Selects the next (or previous) match after (or before) the selection, wrapping round.
    pub(super) fn find_step(&mut self, forward: bool) {
        if self.find_bar.text.is_empty() {
            self.find_bar.open_and_focus();
            return;
        }
        self.refresh_find(false);
        let Some(session) = &mut self.session else {
            return;
        };
        let matches = &session.find_matches;
        if matches.is_empty() {
            let text = format!("“{}” is not in the article.", self.find_bar.text);
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
        session.view.set_selection(TextSelection {
            anchor: found.start,
            head: found.end,
        });
        session.view.scroll_to(found.start);
        session.selected = None;
    }

    /// "3 of 17" for the find bar.
    pub(super) fn find_status(&self) -> String {
        let Some(session) = &self.session else {
            return String::new();
        };
        if self.find_bar.text.is_empty() {
            return String::new();
        }
        let matches = &session.find_matches;
        let selection = session.view.selection().span();
        match matches.binary_search(&selection) {
            Ok(i) => format!("{} of {}", i + 1, matches.len()),
            Err(_) if matches.is_empty() => "no matches".to_owned(),
            Err(_) => format!("{} matches", matches.len()),
        }
    }
}
