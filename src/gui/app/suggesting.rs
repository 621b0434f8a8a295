//! Suggestions in the window: the open article's list, the current one, the kinds shown, and
//! the commands that go through them (J / K), accept (Enter, Shift+Enter for a whole kind) and
//! reject (X) them. The list is made off the UI thread by the job runner when the article opens
//! and after each change; a list made for annotations that changed since is dropped.

use super::{MarginaliaApp, Severity};
use crate::gui::jobs::{Job, Poll};
use crate::model::{AnnotationId, AnnotationSet, CharOffset, CharSpan, Document, Edit, Kind};
use crate::suggest::{self, Rules, Suggestion};
use std::sync::Arc;

/// Which suggestion a command means: its kind and extent (the list may be made again between a
/// click and the frame that carries it out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SuggestionKey {
    /// What it would become.
    pub kind: Kind,
    /// From the start of its first piece to the end of its last.
    pub span: CharSpan,
}

impl SuggestionKey {
    /// The key of `suggestion`.
    pub fn of(suggestion: &Suggestion) -> Self {
        Self {
            kind: suggestion.kind,
            span: suggestion.extent(),
        }
    }
}

/// The open article's suggestions.
pub struct Suggestions {
    /// Every suggestion, in text order.
    list: Vec<Suggestion>,
    /// The current one, in `list`.
    current: Option<usize>,
    /// The annotations' revision the list was made for.
    made_for: Option<u64>,
    /// The kinds shown (and gone through), in [`Kind::ALL`] order.
    shown: [bool; 3],
    /// The cues of the article's language with the team's, the team's names and model.
    rules: Arc<Rules>,
    /// What `rules` are, for people, made once.
    made_by: String,
    /// The longest extent in `list`, in chars: how far before a paragraph a suggestion that
    /// reaches into it may start.
    longest: usize,
    /// The places in `list` of the suggestions of the kinds shown, kept as the list changes so
    /// that a frame does not filter them again.
    visible: Vec<usize>,
}

impl Suggestions {
    /// None yet, for an article whose suggestions follow `rules`.
    pub fn new(rules: Rules) -> Self {
        Self {
            list: Vec::new(),
            current: None,
            made_for: None,
            shown: [true; 3],
            made_by: rules.describe(),
            rules: Arc::new(rules),
            longest: 0,
            visible: Vec::new(),
        }
    }

    /// The suggestions of the kinds shown, in text order, with their place in the list.
    pub fn shown(&self) -> impl Iterator<Item = (usize, &Suggestion)> {
        self.visible.iter().map(|&i| (i, &self.list[i]))
    }

    /// How many suggestions of the kinds shown there are.
    pub fn shown_count(&self) -> usize {
        self.visible.len()
    }

    /// The `n`th suggestion of the kinds shown, with its place in the list.
    pub fn nth_shown(&self, n: usize) -> Option<(usize, &Suggestion)> {
        let &i = self.visible.get(n)?;
        Some((i, &self.list[i]))
    }

    /// Finds again which suggestions are of the kinds shown.
    fn reindex(&mut self) {
        self.visible = (0..self.list.len())
            .filter(|&i| self.kind_shown(self.list[i].kind))
            .collect();
    }

    /// The shown suggestions whose extent overlaps `span`, with their place in the list.
    pub fn overlapping(&self, span: CharSpan) -> impl Iterator<Item = (usize, &Suggestion)> {
        let from = CharOffset(span.start.0.saturating_sub(self.longest));
        let first = self.list.partition_point(|s| s.extent().start < from);
        let end = self.list.partition_point(|s| s.extent().start < span.end);
        (first..end.max(first))
            .map(|i| (i, &self.list[i]))
            .filter(move |(_, s)| self.kind_shown(s.kind) && s.extent().end > span.start)
    }

    /// The shown suggestion with a piece at `offset` (the current one first), if any.
    pub fn at(&self, offset: CharOffset) -> Option<SuggestionKey> {
        let here = CharSpan::between(offset, CharOffset(offset.0 + 1));
        let mut found: Vec<(usize, &Suggestion)> = self
            .overlapping(here)
            .filter(|(_, s)| {
                s.fragments
                    .iter()
                    .any(|p| p.span.start <= offset && offset < p.span.end)
            })
            .collect();
        found.sort_by_key(|(i, s)| (Some(*i) != self.current, s.extent().len()));
        found.first().map(|(_, s)| SuggestionKey::of(s))
    }

    /// Lets the current suggestion go.
    pub fn let_go(&mut self) {
        self.current = None;
    }

    /// Every suggestion, in text order.
    pub fn all(&self) -> &[Suggestion] {
        &self.list
    }

    /// The current suggestion's place in [`Suggestions::all`].
    pub fn current_index(&self) -> Option<usize> {
        self.current
    }

    /// What makes these suggestions, for people (the rules, the gazetteer, the model).
    pub fn made_by(&self) -> &str {
        &self.made_by
    }

    /// The current suggestion's row among the shown ones (`visible` is in list order).
    pub fn current_row(&self) -> Option<usize> {
        let current = self.current?;
        self.visible.binary_search(&current).ok()
    }

    /// The current suggestion.
    pub fn current(&self) -> Option<&Suggestion> {
        self.current.and_then(|i| self.list.get(i))
    }

    /// The current suggestion in a line, for the status bar: what it is, who said it, why, and
    /// the keys that answer it.
    pub fn summary(&self) -> Option<String> {
        let current = self.current()?;
        let who = current
            .speaker
            .as_ref()
            .map(|speaker| match &current.antecedent {
                Some(person) => format!("{} ({})", speaker.text, person.text),
                None => speaker.text.clone(),
            });
        let what = match (&current.entity_type, who) {
            (Some(entity_type), _) => format!("{} {entity_type}", current.kind),
            (None, Some(who)) => format!("{} by {who}", current.kind),
            (None, None) => current.kind.label().to_owned(),
        };
        Some(format!(
            "Suggested {what} ({}) · Enter accepts · X rejects · J next",
            current.rule
        ))
    }

    /// True when suggestions of `kind` are shown.
    pub fn kind_shown(&self, kind: Kind) -> bool {
        self.shown[kind_index(kind)]
    }

    /// Shows or hides the suggestions of `kind`.
    pub fn show_kind(&mut self, kind: Kind, shown: bool) {
        self.shown[kind_index(kind)] = shown;
        if self.current().is_some_and(|s| !self.kind_shown(s.kind)) {
            self.current = None;
        }
        self.reindex();
    }

    /// How many suggestions there are of each kind, in [`Kind::ALL`] order.
    pub fn counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for suggestion in &self.list {
            counts[kind_index(suggestion.kind)] += 1;
        }
        counts
    }

    /// True until a list was made for the annotations at `revision`.
    pub fn is_stale(&self, revision: u64) -> bool {
        self.made_for != Some(revision)
    }

    /// Takes a list made for the annotations at `revision`, keeping the current suggestion when
    /// it is still there.
    pub fn replace(&mut self, list: Vec<Suggestion>, revision: u64) {
        let current = self.current().map(SuggestionKey::of);
        self.list = list;
        self.longest = self
            .list
            .iter()
            .map(|s| s.extent().len())
            .max()
            .unwrap_or(0);
        self.made_for = Some(revision);
        self.current = current.and_then(|key| self.position(key));
        self.reindex();
    }

    /// Where the suggestion with `key` is in the list.
    fn position(&self, key: SuggestionKey) -> Option<usize> {
        self.list.iter().position(|s| SuggestionKey::of(s) == key)
    }

    /// Makes the suggestion with `key` current; false when there is none.
    pub fn select(&mut self, key: SuggestionKey) -> bool {
        self.current = self.position(key);
        self.current.is_some()
    }

    /// Makes the next (or previous) shown suggestion current, after the current one or, when
    /// there is none, after `caret`; wraps around. Gives it.
    pub fn step(&mut self, forward: bool, caret: CharOffset) -> Option<&Suggestion> {
        let shown: Vec<usize> = self.shown().map(|(i, _)| i).collect();
        let next = match self.current {
            Some(current) => {
                let at = shown.iter().position(|&i| i == current);
                match (at, forward) {
                    (Some(at), true) => shown.get(at + 1).or(shown.first()),
                    (Some(at), false) => at
                        .checked_sub(1)
                        .and_then(|p| shown.get(p))
                        .or(shown.last()),
                    (None, _) => shown.first(),
                }
            }
            None if forward => shown
                .iter()
                .find(|&&i| self.list[i].extent().start >= caret)
                .or(shown.first()),
            None => shown
                .iter()
                .rev()
                .find(|&&i| self.list[i].extent().start < caret)
                .or(shown.last()),
        };
        self.current = next.copied();
        self.current()
    }

    /// Takes the suggestion with `key` out of the list (it was accepted or rejected); the one
    /// after it becomes current when it was the current one.
    pub fn take(&mut self, key: SuggestionKey) -> Option<Suggestion> {
        let at = self.position(key)?;
        let taken = self.list.remove(at);
        self.current = match self.current {
            Some(current) if current == at => {
                let next = (at..self.list.len()).find(|&i| self.kind_shown(self.list[i].kind));
                next.or_else(|| (0..at).rev().find(|&i| self.kind_shown(self.list[i].kind)))
            }
            Some(current) if current > at => Some(current - 1),
            other => other,
        };
        self.reindex();
        Some(taken)
    }

    /// Takes every suggestion of `kind` out of the list.
    pub fn take_kind(&mut self, kind: Kind) -> Vec<Suggestion> {
        if self.current().is_some_and(|s| s.kind == kind) {
            self.current = None;
        }
        let current = self.current().map(SuggestionKey::of);
        let (taken, kept) = std::mem::take(&mut self.list)
            .into_iter()
            .partition(|s| s.kind == kind);
        self.list = kept;
        self.current = current.and_then(|key| self.position(key));
        self.reindex();
        taken
    }

    /// Forgets the list (the article or set changed).
    pub fn clear(&mut self) {
        self.list.clear();
        self.visible.clear();
        self.current = None;
        self.made_for = None;
    }
}

fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// How long making suggestions runs before the status bar says so (most articles take a few
/// milliseconds: a word flashing at every keystroke would only distract).
const QUIET_FOR: std::time::Duration = std::time::Duration::from_millis(300);

/// A list of suggestions being made for one revision of the annotations.
pub struct SuggestJob {
    /// The revision it is made for.
    revision: u64,
    job: Job<Vec<Suggestion>>,
    started: std::time::Instant,
}

impl SuggestJob {
    /// What the status bar says, once the job has run long enough to be worth saying.
    pub fn title(&self) -> Option<&str> {
        (self.started.elapsed() >= QUIET_FOR).then(|| self.job.title())
    }
}

/// The edits that accept each of `suggestions` in turn over `set` of `document`, as a person
/// would have made them, with fresh ids.
fn acceptance_edits(
    suggestions: &[Suggestion],
    set: &AnnotationSet,
    document: &Document,
) -> Vec<Edit> {
    // Each accepted in a copy, so that a speaker accepted with one quote is linked by the next.
    let mut scratch = set.clone();
    let mut edits = Vec::new();
    for suggestion in suggestions {
        let mut issued: Vec<AnnotationId> = Vec::new();
        let made = suggest::accepted(suggestion, &scratch, document, || {
            let id = AnnotationId::generate(|id| scratch.contains_id(id) || issued.contains(id));
            issued.push(id.clone());
            id
        });
        for edit in made {
            match scratch.apply(edit.clone(), document) {
                Ok(_) => edits.push(edit),
                Err(error) => log::warn!("a suggestion could not be accepted: {error}"),
            }
        }
    }
    edits
}

impl MarginaliaApp {
    /// Keeps the open article's suggestions up to date: takes a finished list, drops one made
    /// for annotations that changed since, and starts a new one when needed.
    pub(super) fn poll_suggestions(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            self.background.suggesting = None;
            return;
        };
        if !self.preferences.suggestions {
            self.background.suggesting = None;
            return;
        }
        let revision = session.editor.annotations().revision();
        let stamp = session.stamp(true);
        if let Some(running) = &mut self.background.suggesting {
            match running.job.poll(Some(&stamp)) {
                Poll::Running(_) => return,
                Poll::Done(mut lists) => {
                    if let Some(list) = lists.pop() {
                        session.suggestions.replace(list, running.revision);
                    }
                }
                Poll::Stale => running.job.cancel(),
                Poll::Lost => log::warn!("the suggestions could not be made"),
            }
            self.background.suggesting = None;
        }
        if !session.suggestions.is_stale(revision) {
            return;
        }
        let document = session.editor.shared_document();
        let set = session.editor.annotations().clone();
        let rules = Arc::clone(&session.suggestions.rules);
        let job = Job::single("Finding suggestions", Some(stamp), &self.wake, move |_| {
            suggest::suggest(&document, &set, &rules)
        });
        self.background.suggesting = Some(SuggestJob {
            revision,
            job,
            started: std::time::Instant::now(),
        });
        ctx.request_repaint_after(QUIET_FOR);
    }

    /// Shows or hides the suggestions.
    pub(super) fn toggle_suggestions(&mut self) {
        self.preferences.suggestions = !self.preferences.suggestions;
        let shown = self.preferences.suggestions;
        if let Some(session) = &mut self.session
            && !shown
        {
            session.suggestions.clear();
        }
        self.say(
            Severity::Info,
            if shown {
                "Suggestions are shown: J and K go through them, Enter accepts, X rejects."
            } else {
                "Suggestions are hidden (View → Suggestions shows them again)."
            },
        );
    }

    /// Makes the next (or previous) suggestion current and scrolls to it.
    pub(super) fn step_suggestion(&mut self, forward: bool) {
        let shown = self.preferences.suggestions;
        let Some(session) = &mut self.session else {
            return;
        };
        let caret = session.view.selection().head;
        let Some(start) = session
            .suggestions
            .step(forward, caret)
            .map(|s| s.extent().start)
        else {
            let why = if shown {
                "No suggestions in this article."
            } else {
                "Suggestions are hidden: View → Suggestions shows them."
            };
            self.say(Severity::Info, why);
            return;
        };
        session.editor.select(None);
        session.view.scroll_to(start);
    }

    /// Makes the suggestion with `key` current (a click on its ghost or in the list), or none.
    pub(super) fn select_suggestion(&mut self, key: Option<SuggestionKey>) {
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(key) = key else {
            session.suggestions.let_go();
            return;
        };
        if session.suggestions.select(key) {
            session.editor.select(None);
            session.view.scroll_to(key.span.start);
        }
    }

    /// The suggestion `key` means, or the current one.
    fn suggestion_key(&mut self, key: Option<SuggestionKey>) -> Option<SuggestionKey> {
        let session = self.session.as_ref()?;
        let key = key.or_else(|| session.suggestions.current().map(SuggestionKey::of));
        if key.is_none() {
            self.say(
                Severity::Info,
                "No suggestion is current: J goes to the next one.",
            );
        }
        key
    }

    /// Accepts a suggestion (the current one when `key` is `None`) as one undoable step.
    pub(super) fn accept_suggestion(&mut self, key: Option<SuggestionKey>) {
        let Some(key) = self.suggestion_key(key) else {
            return;
        };
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(suggestion) = session.suggestions.take(key) else {
            return;
        };
        let edits = acceptance_edits(
            std::slice::from_ref(&suggestion),
            session.editor.annotations(),
            session.editor.document(),
        );
        let label = format!("Accept {} Suggestion", suggestion.kind);
        if self.change(&label, edits) {
            self.say(
                Severity::Info,
                format!(
                    "Accepted the {} ({}).",
                    suggestion.kind.label().to_lowercase(),
                    suggestion.rule
                ),
            );
        }
    }

    /// Accepts every suggestion of the current one's kind, as one undoable step.
    pub(super) fn accept_all_of_kind(&mut self) {
        let Some(key) = self.suggestion_key(None) else {
            return;
        };
        let Some(session) = &mut self.session else {
            return;
        };
        let taken = session.suggestions.take_kind(key.kind);
        let edits = acceptance_edits(
            &taken,
            session.editor.annotations(),
            session.editor.document(),
        );
        let kind = key.kind.label().to_lowercase();
        let label = format!("Accept All {} Suggestions", key.kind);
        if self.change(&label, edits) {
            self.say(
                Severity::Info,
                format!("Accepted {} {kind} suggestion(s).", taken.len()),
            );
        }
    }

    /// Rejects a suggestion (the current one when `key` is `None`): kept in the set so that it
    /// is not suggested again, as one undoable step.
    pub(super) fn reject_suggestion(&mut self, key: Option<SuggestionKey>) {
        let Some(key) = self.suggestion_key(key) else {
            return;
        };
        let Some(session) = &mut self.session else {
            return;
        };
        if session.suggestions.take(key).is_none() {
            return;
        }
        let rejection = crate::model::Rejection::new(key.kind, key.span, session.editor.document());
        let label = format!("Reject {} Suggestion", key.kind);
        self.change(&label, vec![Edit::Reject(rejection)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CharOffset;

    fn list() -> Suggestions {
        let text = "“We hold,” said Ana Ruiz. Prices rose by 40 per cent, the most since 1990. \
                    Ana Ruiz left.";
        let document = Document::from_text("a.txt".into(), text.to_owned());
        let mut suggestions = Suggestions::new(Rules::built_in());
        let found = suggest::suggest(&document, &AnnotationSet::new(), &Rules::built_in());
        suggestions.replace(found, 0);
        suggestions
    }

    fn kinds(suggestions: &Suggestions) -> Vec<Kind> {
        suggestions.all().iter().map(|s| s.kind).collect()
    }

    #[test]
    fn stepping_goes_through_the_shown_kinds_and_wraps() {
        let mut suggestions = list();
        assert_eq!(
            kinds(&suggestions),
            [Kind::Quote, Kind::Claim, Kind::Entity]
        );
        let step = |s: &mut Suggestions, forward| s.step(forward, CharOffset(0)).map(|s| s.kind);
        assert_eq!(step(&mut suggestions, true), Some(Kind::Quote));
        assert_eq!(step(&mut suggestions, true), Some(Kind::Claim));
        assert_eq!(step(&mut suggestions, false), Some(Kind::Quote));
        assert_eq!(step(&mut suggestions, false), Some(Kind::Entity), "wraps");
        suggestions.show_kind(Kind::Entity, false);
        assert_eq!(
            suggestions.current(),
            None,
            "a hidden current one is let go"
        );
        assert_eq!(step(&mut suggestions, true), Some(Kind::Quote));
        assert_eq!(step(&mut suggestions, true), Some(Kind::Claim));
        assert_eq!(
            step(&mut suggestions, true),
            Some(Kind::Quote),
            "hidden ones skipped"
        );
    }

    #[test]
    fn stepping_with_none_current_starts_at_the_caret() {
        let mut suggestions = list();
        let claim_start = suggestions.all()[1].extent().start;
        let next = suggestions.step(true, claim_start).map(|s| s.kind);
        assert_eq!(next, Some(Kind::Claim));
        suggestions.let_go();
        let before = suggestions.step(false, claim_start).map(|s| s.kind);
        assert_eq!(before, Some(Kind::Quote));
    }

    #[test]
    fn a_ghost_is_found_by_a_char_of_its_pieces() {
        let suggestions = list();
        let quote = suggestions.all()[0].fragments[0].span;
        assert_eq!(
            suggestions.at(quote.start).map(|k| k.kind),
            Some(Kind::Quote)
        );
        assert_eq!(
            suggestions.at(CharOffset(0)),
            None,
            "the opening mark is no part"
        );
        let overlapping: Vec<usize> = suggestions
            .overlapping(CharSpan::between(CharOffset(0), CharOffset(5)))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(overlapping, [0]);
    }

    #[test]
    fn taking_the_current_one_makes_the_next_current_and_a_new_list_keeps_it() {
        let mut suggestions = list();
        suggestions.step(true, CharOffset(0));
        let quote = SuggestionKey::of(suggestions.current().unwrap());
        assert!(suggestions.take(quote).is_some());
        assert_eq!(suggestions.current().map(|s| s.kind), Some(Kind::Claim));
        let current = SuggestionKey::of(suggestions.current().unwrap());
        let again = suggestions.all().to_vec();
        suggestions.replace(again, 1);
        assert_eq!(suggestions.current().map(SuggestionKey::of), Some(current));
        assert!(!suggestions.is_stale(1) && suggestions.is_stale(2));
        assert_eq!(suggestions.take_kind(Kind::Claim).len(), 1);
        assert_eq!(suggestions.counts(), [0, 0, 1]);
        assert_eq!(suggestions.current(), None);
    }
}
