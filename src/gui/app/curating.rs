//! Curation in the window: the open set (left) and the compared set (right) merged difference
//! by difference, with L, R, B, N and the arrow keys, into a new set.

use super::{MarginaliaApp, Severity};
use crate::analysis::curation::{Curation, Decision};
use crate::gui::views::curation_panel::CurationView;
use crate::model::{Annotation, CharSpan, TextSelection};

/// A curation in progress.
pub struct Curating {
    /// The open set's name.
    left: String,
    /// The compared set's name.
    right: String,
    /// The differences and decisions.
    curation: Curation,
    /// The difference shown.
    current: usize,
}

impl Curating {
    /// Starts at the first difference of `curation` between sets `left` and `right`.
    fn new(left: String, right: String, curation: Curation) -> Self {
        Self {
            left,
            right,
            curation,
            current: 0,
        }
    }

    /// The text the difference shown covers.
    fn extent(&self) -> CharSpan {
        self.curation.differences[self.current].extent
    }

    /// Decides the difference shown and goes on to the next undecided one, if any.
    fn decide(&mut self, decision: Decision) {
        self.curation.decisions[self.current] = Some(decision);
        let count = self.curation.differences.len();
        if let Some(next) = (1..=count)
            .map(|step| (self.current + step) % count)
            .find(|&i| self.curation.decisions[i].is_none())
        {
            self.current = next;
        }
    }

    /// Decides the difference shown and those alike to it (`alike`), or every undecided one,
    /// and goes on to the next undecided one; how many it decided.
    fn decide_many(&mut self, decision: Decision, alike: bool) -> usize {
        let mut chosen = if alike {
            self.curation.alike(self.current)
        } else {
            self.curation.remaining()
        };
        // The one shown goes last, so that the next undecided one is looked for from it.
        chosen.retain(|&i| i != self.current);
        for &index in &chosen {
            self.curation.decisions[index] = Some(decision);
        }
        if alike || self.curation.decisions[self.current].is_none() {
            self.decide(decision);
            chosen.len() + 1
        } else {
            chosen.len()
        }
    }

    /// Shows the next (or previous) difference, stopping at the ends.
    fn step(&mut self, forward: bool) {
        let count = self.curation.differences.len();
        self.current = if forward {
            (self.current + 1).min(count - 1)
        } else {
            self.current.saturating_sub(1)
        };
    }

    /// What the curation bar shows.
    pub fn view(&self) -> CurationView {
        let difference = &self.curation.differences[self.current];
        let describe =
            |a: &Annotation| format!("{} {} {}", a.kind(), a.label(), a.quoted_snippet(60));
        CurationView {
            left_name: self.left.clone(),
            right_name: self.right.clone(),
            position: self.current + 1,
            count: self.curation.differences.len(),
            undecided: self.curation.undecided(),
            agreed: self.curation.agreed(),
            left: difference.left.iter().map(describe).collect(),
            right: difference.right.iter().map(describe).collect(),
            decision: self.curation.decisions[self.current],
            alike: self.curation.alike(self.current).len(),
        }
    }
}

impl MarginaliaApp {
    /// Starts merging the open set with the compared one.
    pub(super) fn start_curation(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(overlay) = session.sets.overlay() else {
            self.say(
                Severity::Info,
                "Choose the set to curate with first: Sets → Compare With.",
            );
            return;
        };
        let curation = Curation::new(session.editor.annotations(), &overlay.annotations);
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
        let (left, right) = (session.set_name().to_owned(), overlay.name.clone());
        session.curation = Some(Curating::new(left, right, curation));
        self.show_difference();
    }

    /// Selects the text of the difference shown and scrolls to it.
    fn show_difference(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(curating) = &session.curation else {
            return;
        };
        let extent = curating.extent();
        session.view.set_selection(TextSelection::of(extent));
        session.view.scroll_to(extent.start);
    }

    pub(super) fn decide(&mut self, decision: Decision) {
        let Some(curating) = self.session.as_mut().and_then(|s| s.curation.as_mut()) else {
            return;
        };
        curating.decide(decision);
        self.show_difference();
    }

    /// Decides in bulk: the differences alike to the one shown, or all remaining ones.
    pub(super) fn decide_many(&mut self, decision: Decision, alike: bool) {
        let Some(curating) = self.session.as_mut().and_then(|s| s.curation.as_mut()) else {
            return;
        };
        let count = curating.decide_many(decision, alike);
        let undecided = curating.curation.undecided();
        let which = if alike { "alike " } else { "" };
        let what = crate::gui::command::Command::Decide(decision).label();
        self.say(
            Severity::Info,
            format!("{what}: decided {count} {which}difference(s); {undecided} undecided."),
        );
        self.show_difference();
    }

    pub(super) fn curation_step(&mut self, forward: bool) {
        let Some(curating) = self.session.as_mut().and_then(|s| s.curation.as_mut()) else {
            return;
        };
        curating.step(forward);
        self.show_difference();
    }

    /// Writes the merge as a new set named `curated` (made unique) and opens it.
    pub(super) fn finish_curation(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(curating) = &session.curation else {
            return;
        };
        let merged = match curating.curation.result(session.document()) {
            Ok(merged) => merged,
            Err(error) => {
                self.say(
                    Severity::Error,
                    format!("Could not merge the sets: {error}."),
                );
                return;
            }
        };
        let undecided = curating.curation.undecided();
        let (left, right) = (curating.left.clone(), curating.right.clone());
        let article = session.document().path().to_owned();
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
        let extras = session.extras().clone();
        self.create_set(&name, merged, extras, move |app| {
            app.say(Severity::Info, message);
        });
    }
}
