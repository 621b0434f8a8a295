//! Curation in the window: the open set (left) and the compared set (right) merged difference
//! by difference, with L, R, B, N and the arrow keys, into a new set.

use super::{MarginaliaApp, Severity};
use crate::analysis::curation::{Curation, Decision};
use crate::gui::command::Command;
use crate::gui::views::article_view::TextSelection;
use crate::gui::views::curation_panel::{self, CurationView};
use crate::model::Annotation;
use egui::{Context, Key, Modifiers, Panel, Ui};

/// A curation in progress.
pub struct CurationState {
    /// The open set's name.
    left: String,
    /// The compared set's name.
    right: String,
    /// The differences and decisions.
    curation: Curation,
    /// The difference shown.
    current: usize,
}

impl MarginaliaApp {
    /// Starts merging the open set with the compared one.
    pub(super) fn start_curation(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(overlay) = &session.overlay else {
            self.say(
                Severity::Info,
                "Choose the set to curate with first: Sets → Compare With.",
            );
            return;
        };
        let curation = Curation::new(&session.annotations, &overlay.annotations);
        if curation.differences.is_empty() {
            let text = format!(
                "“{}” and “{}” agree on all {} annotation(s): nothing to curate.",
                session.set_name(),
                overlay.name,
                curation.agreed()
            );
            self.say(Severity::Info, text);
            return;
        }
        session.curation = Some(CurationState {
            left: session.set_name().to_owned(),
            right: overlay.name.clone(),
            curation,
            current: 0,
        });
        self.show_difference();
    }

    /// Selects the text of the difference shown and scrolls to it.
    fn show_difference(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(state) = &session.curation else {
            return;
        };
        let extent = state.curation.differences[state.current].extent;
        session.view.set_selection(TextSelection {
            anchor: extent.start,
            head: extent.end,
        });
        session.view.scroll_to(extent.start);
    }

    pub(super) fn decide(&mut self, decision: Decision) {
        let Some(state) = self.session.as_mut().and_then(|s| s.curation.as_mut()) else {
            return;
        };
        state.curation.decisions[state.current] = Some(decision);
        // On to the next undecided difference, if any.
        let count = state.curation.differences.len();
        if let Some(next) = (1..=count)
            .map(|step| (state.current + step) % count)
            .find(|&i| state.curation.decisions[i].is_none())
        {
            state.current = next;
        }
        self.show_difference();
    }

    pub(super) fn curation_step(&mut self, forward: bool) {
        let Some(state) = self.session.as_mut().and_then(|s| s.curation.as_mut()) else {
            return;
        };
        let count = state.curation.differences.len();
        state.current = if forward {
            (state.current + 1).min(count - 1)
        } else {
            state.current.saturating_sub(1)
        };
        self.show_difference();
    }

    /// Writes the merge as a new set named `curated` (made unique) and opens it.
    pub(super) fn finish_curation(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(state) = &session.curation else {
            return;
        };
        let merged = match state.curation.result(&session.document) {
            Ok(merged) => merged,
            Err(error) => {
                self.say(
                    Severity::Error,
                    format!("Could not merge the sets: {error}."),
                );
                return;
            }
        };
        let undecided = state.curation.undecided();
        let (left, right) = (state.left.clone(), state.right.clone());
        let article = session.document.path().to_owned();
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    "curated".to_owned()
                } else {
                    format!("curated-{n}")
                }
            })
            .find(|n| !crate::store::sidecar::set_path(&article, Some(n)).exists())
            .unwrap_or_else(|| "curated".to_owned());
        let count = merged.len();
        let kept = if undecided > 0 {
            format!(" ({undecided} undecided difference(s) kept both sides)")
        } else {
            String::new()
        };
        let message = format!(
            "Saved the curation of “{left}” and “{right}” as set “{name}”: {count} annotation(s){kept}."
        );
        let extras = session.extras.clone();
        self.create_set(&name, merged, extras, move |app| {
            app.say(Severity::Info, message);
        });
    }

    pub(super) fn cancel_curation(&mut self) {
        if let Some(session) = &mut self.session {
            session.curation = None;
        }
    }

    /// While curating, L, R, B, N and the arrow keys decide and move (before other shortcuts).
    pub(super) fn read_curation_keys(&mut self, ctx: &Context) {
        let curating = self.session.as_ref().is_some_and(|s| s.curation.is_some());
        if !curating || self.modal.is_some() || ctx.text_edit_focused() {
            return;
        }
        let keys = [
            (Key::L, Command::Decide(Decision::Left)),
            (Key::R, Command::Decide(Decision::Right)),
            (Key::B, Command::Decide(Decision::Both)),
            (Key::N, Command::Decide(Decision::Neither)),
            (Key::ArrowLeft, Command::CurationStep(false)),
            (Key::ArrowRight, Command::CurationStep(true)),
        ];
        for (key, command) in keys {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                self.queue.push(command);
            }
        }
    }

    /// The curation bar, at the bottom of the window.
    pub(super) fn curation_bar(&mut self, ui: &mut Ui) {
        let Some(state) = self.session.as_ref().and_then(|s| s.curation.as_ref()) else {
            return;
        };
        let difference = &state.curation.differences[state.current];
        let describe =
            |a: &Annotation| format!("{} {} “{}”", a.kind(), a.label().to_owned(), a.snippet(60));
        let view = CurationView {
            left_name: state.left.clone(),
            right_name: state.right.clone(),
            position: state.current + 1,
            count: state.curation.differences.len(),
            undecided: state.curation.undecided(),
            agreed: state.curation.agreed(),
            left: difference.left.iter().map(describe).collect(),
            right: difference.right.iter().map(describe).collect(),
            decision: state.curation.decisions[state.current],
        };
        Panel::bottom("curation").show(ui, |ui| {
            curation_panel::show(ui, &view, &mut self.queue);
        });
    }
}
