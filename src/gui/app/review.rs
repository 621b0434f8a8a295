//! Reviewing re-anchoring: accept where an annotation moved or the changed text proposed for
//! it, re-attach it to a new selection, or delete it. Accepting a proposal and re-attaching are
//! undoable steps; accepting a move only takes it off the list.

use super::{MarginaliaApp, Severity};
use crate::anchor::{Outcome, Review};
use crate::gui::views::dialogs::ModalDialog;
use crate::model::TextSelection;
use crate::model::annotation::CONTEXT_CHARS;
use crate::model::{
    Annotation, AnnotationId, AnnotationSet, Attributes, CharSpan, Document, Edit, Excerpt,
    Placement,
};

/// One annotation the user should look at after re-anchoring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewItem {
    /// Which annotation.
    pub id: AnnotationId,
    /// Moved, changed or orphaned.
    pub outcome: Outcome,
    /// Its text as saved.
    pub old_text: String,
    /// The text now at its new or proposed place (none for orphans).
    pub new_text: Option<String>,
}

/// What re-anchoring found when the article was opened or reloaded, until the user has
/// looked at it.
pub struct ReviewState {
    review: Review,
}

impl ReviewState {
    /// What re-anchoring found.
    pub fn new(review: Review) -> Self {
        Self { review }
    }

    /// Puts what a new re-anchoring found in place.
    pub fn replace(&mut self, review: Review) {
        self.review = review;
    }

    /// Takes `id` off the moved ones (accepted, or placed by hand).
    fn settle(&mut self, id: &AnnotationId) {
        self.review.moved.retain(|(moved, _)| moved != id);
    }

    /// Takes every move off the list.
    fn settle_all_moves(&mut self) {
        self.review.moved.clear();
    }

    /// True when `id` of `annotations` is on the review list: moved and not yet accepted, or
    /// not anchored.
    pub fn concerns(&self, annotations: &AnnotationSet, id: &AnnotationId) -> bool {
        match annotations.placement(id) {
            Some(Placement::Unanchored) => true,
            Some(Placement::Anchored) => self.moved_from(id).is_some(),
            None => false,
        }
    }

    /// Where `id` was before it moved, if re-anchoring moved it and the user has not accepted
    /// the move.
    fn moved_from(&self, id: &AnnotationId) -> Option<CharSpan> {
        self.review
            .moved
            .iter()
            .find(|(moved, _)| moved == id)
            .map(|(_, from)| *from)
    }

    /// Forgets the place proposed for the changed annotation `id`.
    fn drop_proposal(&mut self, id: &AnnotationId) -> bool {
        self.review.proposals.remove(id).is_some()
    }

    /// Where the changed annotation `id` is proposed, if it is.
    fn proposal(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.review.proposals.get(id)
    }

    /// The annotations of `annotations` to review, in text order of where they were: moved
    /// ones not yet accepted, and every annotation that is not anchored (changed when a place is
    /// proposed, orphaned otherwise).
    pub fn items(&self, annotations: &AnnotationSet) -> Vec<ReviewItem> {
        let mut items: Vec<(usize, ReviewItem)> = Vec::new();
        for (id, old_span) in &self.review.moved {
            if let Some(annotation) = annotations.get(id)
                && annotations.placement(id) == Some(Placement::Anchored)
            {
                items.push((
                    old_span.start.0,
                    ReviewItem {
                        id: id.clone(),
                        outcome: Outcome::Moved,
                        old_text: annotation.text.clone(),
                        new_text: Some(annotation.text.clone()),
                    },
                ));
            }
        }
        for annotation in annotations.unanchored() {
            let proposal = self.review.proposals.get(&annotation.id);
            items.push((
                annotation.span.start.0,
                ReviewItem {
                    id: annotation.id.clone(),
                    outcome: if proposal.is_some() {
                        Outcome::Changed
                    } else {
                        Outcome::Orphaned
                    },
                    old_text: annotation.text.clone(),
                    new_text: proposal.map(|p| p.text.clone()),
                },
            ));
        }
        items.sort_by_key(|(start, _)| *start);
        items.into_iter().map(|(_, item)| item).collect()
    }

    /// The unanchored annotation `id` of `annotations` placed where its proposal says, keeping
    /// everything the user changed since it was loaded.
    fn with_proposal(&self, annotations: &AnnotationSet, id: &AnnotationId) -> Option<Annotation> {
        let current = annotations.get(id)?;
        let proposal = self.review.proposals.get(id)?;
        let mut placed = Annotation {
            span: proposal.span,
            text: proposal.text.clone(),
            prefix: proposal.prefix.clone(),
            suffix: proposal.suffix.clone(),
            fragments: proposal.fragments.clone(),
            ..current.clone()
        };
        if let (Attributes::Quote(quote), Attributes::Quote(proposed)) =
            (&mut placed.attributes, &proposal.attributes)
        {
            quote.cue = proposed.cue.clone();
        }
        Some(placed)
    }
}

/// Annotation `id` of `annotations` attached to `span` of `document`: its text and context taken
/// from there, fragments and a cue kept only where their text still stands.
fn attached(
    annotations: &AnnotationSet,
    document: &Document,
    id: &AnnotationId,
    span: CharSpan,
) -> Option<Annotation> {
    let current = annotations.get(id)?;
    let text = document.text();
    let mut placed = Annotation {
        span,
        text: text.slice(span).to_owned(),
        prefix: text.chars_before(span.start, CONTEXT_CHARS).to_owned(),
        suffix: text.chars_after(span.end, CONTEXT_CHARS).to_owned(),
        ..current.clone()
    };
    placed
        .fragments
        .retain(|f| f.span.start >= span.end && f.is_anchored_in(document));
    if let Attributes::Quote(quote) = &mut placed.attributes
        && quote
            .cue
            .as_ref()
            .is_some_and(|cue: &Excerpt| !cue.is_anchored_in(document))
    {
        quote.cue = None;
    }
    Some(placed)
}

impl MarginaliaApp {
    /// Accepts (or rejects) what re-anchoring found for `id`, or for the selected annotation,
    /// then shows the next annotation to review.
    pub(super) fn answer_reanchoring(&mut self, id: Option<AnnotationId>, accept: bool) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(id) = id.or_else(|| session.selected().cloned()) else {
            self.say(
                Severity::Info,
                "Select an annotation of the review list first.",
            );
            return;
        };
        let items = session.review_items();
        let Some(at) = items.iter().position(|item| item.id == id) else {
            self.say(
                Severity::Info,
                "Re-anchoring found nothing to review for this annotation.",
            );
            return;
        };
        if accept {
            self.accept_reanchoring(&id);
        } else {
            self.reject_reanchoring(&id);
        }
        let Some(session) = &self.session else {
            return;
        };
        let next = session
            .review_items()
            .into_iter()
            .filter(|item| item.id != id)
            .map(|item| item.id)
            .find(|other| items[at + 1..].iter().any(|item| &item.id == other));
        if let Some(next) = next {
            self.show_review_item(&next);
        }
    }

    /// Turns down what re-anchoring found for `id`: a moved annotation goes back to where it
    /// was, unplaced (one undoable step); a changed one loses its proposal. Either can then be
    /// attached by hand or deleted.
    fn reject_reanchoring(&mut self, id: &AnnotationId) {
        let Some(session) = &mut self.session else {
            return;
        };
        if let Some(from) = session.review.moved_from(id)
            && let Some(current) = session.annotations().get(id)
        {
            let unplaced = Annotation {
                span: from,
                ..current.clone()
            };
            let label = format!("Reject the move of {}", current.quoted_snippet(30));
            let edits = vec![
                Edit::Remove(id.clone()),
                Edit::Insert(unplaced, Placement::Unanchored),
            ];
            if self.change(&label, edits)
                && let Some(session) = &mut self.session
            {
                session.review.settle(id);
            }
            return;
        }
        let text = if session.review.drop_proposal(id) {
            "Rejected the proposed place: select where the annotation belongs and press Shift+S (Set Span to Selection), or delete it."
        } else {
            "Nothing was proposed for this annotation: select where it belongs and press Shift+S (Set Span to Selection), or delete it."
        };
        self.say(Severity::Info, text);
    }

    /// Accepts what re-anchoring found for `id`: a move is taken off the list; a changed
    /// annotation is anchored at its proposal (one undoable step).
    pub(super) fn accept_reanchoring(&mut self, id: &AnnotationId) {
        let Some(session) = &mut self.session else {
            return;
        };
        if session.annotations().placement(id) == Some(Placement::Anchored) {
            session.review.settle(id);
            return;
        }
        let Some(placed) = session.review.with_proposal(session.annotations(), id) else {
            self.say(
                Severity::Info,
                "This annotation was not found in the text: select where it belongs and choose Attach to Selection, or delete it.",
            );
            return;
        };
        let label = format!(
            "Accept changed {} {}",
            placed.kind(),
            placed.quoted_snippet(30)
        );
        self.change(
            &label,
            vec![
                Edit::Remove(id.clone()),
                Edit::Insert(placed, Placement::Anchored),
            ],
        );
    }

    /// Accepts every move: they stay where they were found.
    pub(super) fn accept_all_moved(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        session.review.settle_all_moves();
        self.say(
            Severity::Info,
            "Every moved annotation stays where it was found.",
        );
    }

    /// Asks before accepting every proposed change, naming the words that change.
    pub(super) fn ask_accept_all_changed(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let set = session.editor.annotations();
        let changes: Vec<String> = set
            .unanchored()
            .iter()
            .filter_map(|a| Some((a, session.review.proposal(&a.id)?)))
            .map(|(old, new)| describe_change(&old.text, &new.text))
            .collect();
        if changes.is_empty() {
            self.say(Severity::Info, "No changed annotation waits for review.");
            return;
        }
        let shown: Vec<&str> = changes.iter().take(5).map(String::as_str).collect();
        let more = changes.len().saturating_sub(shown.len());
        let question = format!(
            "{} annotation(s) will take the new text where they are proposed:\n{}{}",
            changes.len(),
            shown.join("\n"),
            if more > 0 {
                format!("\n… and {more} more")
            } else {
                String::new()
            }
        );
        self.modal = Some(ModalDialog::ConfirmAcceptChanged { question });
    }

    /// Accepts every proposal, as one undoable step.
    pub(super) fn accept_all_changed(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        let mut edits = Vec::new();
        let set = session.editor.annotations();
        for id in set.unanchored().iter().map(|a| a.id.clone()) {
            if let Some(placed) = session.review.with_proposal(set, &id) {
                edits.push(Edit::Remove(id));
                edits.push(Edit::Insert(placed, Placement::Anchored));
            }
        }
        let count = edits.len() / 2;
        if count > 0 && self.change(&format!("Accept {count} changed annotation(s)"), edits) {
            self.say(
                Severity::Info,
                format!("Accepted {count} changed annotation(s) where their new text stands."),
            );
        }
    }

    /// Attaches annotation `id` to the selected text (one undoable step).
    pub(super) fn attach_to_selection(&mut self, id: &AnnotationId) {
        let Some(span) = self.selected_span(
            "Select the text this annotation belongs to first, then choose Attach to Selection.",
        ) else {
            return;
        };
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(placed) = attached(session.annotations(), session.document(), id, span) else {
            return;
        };
        let label = format!("Attach {} to {}", placed.kind(), placed.quoted_snippet(30));
        let edits = vec![
            Edit::Remove(id.clone()),
            Edit::Insert(placed, Placement::Anchored),
        ];
        if self.change(&label, edits)
            && let Some(session) = &mut self.session
        {
            session.review.settle(id);
            session.editor.select(Some(id.clone()));
            session.view.clear_selection();
        }
    }

    /// Shows where re-anchoring found or proposes annotation `id`: selects it, or for a changed
    /// one selects the proposed text, and scrolls there.
    pub(super) fn show_review_item(&mut self, id: &AnnotationId) {
        let Some(session) = &mut self.session else {
            return;
        };
        session.editor.select(Some(id.clone()));
        let set = session.editor.annotations();
        let place = match set.placement(id) {
            Some(Placement::Anchored) => set.get(id).map(|a| a.span),
            _ => session.review.proposal(id).map(|p| p.span),
        };
        if let Some(span) = place {
            if set.placement(id) == Some(Placement::Unanchored) {
                session.view.set_selection(TextSelection::of(span));
            }
            session.view.scroll_to(span.start);
        }
    }
}

/// "188,000 → 190,000": the words that differ, or a note when only the place is in doubt.
fn describe_change(old: &str, new: &str) -> String {
    use crate::anchor::diff::{Piece, changed_words};
    // Each change on its own: "19" → "18", "4" → "5", never "194" → "185".
    let mut changes: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for piece in changed_words(old, new) {
        match piece {
            Piece::Same(_) => open = false,
            Piece::Removed(text) | Piece::Added(text) => {
                if !open {
                    changes.push((String::new(), String::new()));
                    open = true;
                }
                if let Some((removed, added)) = changes.last_mut() {
                    let side = if matches!(piece, Piece::Removed(_)) {
                        removed
                    } else {
                        added
                    };
                    side.push_str(text);
                }
            }
        }
    }
    if changes.is_empty() {
        return format!(
            "“{}” (same text, one of several places)",
            first_chars(old, 40)
        );
    }
    changes
        .iter()
        .map(|(removed, added)| {
            let (removed, added) = (
                first_chars(removed.trim(), 40),
                first_chars(added.trim(), 40),
            );
            match (removed.is_empty(), added.is_empty()) {
                (true, _) => format!("“{added}” added"),
                (_, true) => format!("“{removed}” removed"),
                _ => format!("“{removed}” → “{added}”"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn first_chars(text: &str, count: usize) -> String {
    let mut out: String = text.chars().take(count).collect();
    if text.chars().count() > count {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_change_is_named_on_its_own() {
        let cases = [
            (
                "voted 19 to 4 on",
                "voted 18 to 5 on",
                "“19” → “18”, “4” → “5”",
            ),
            (
                "costs 48.6 million",
                "costs 49.1 million",
                "“48.6” → “49.1”",
            ),
            ("the wall", "the new wall", "“new” added"),
            ("the old wall", "the wall", "“old” removed"),
            ("same", "same", "“same” (same text, one of several places)"),
        ];
        for (old, new, expected) in cases {
            assert_eq!(super::describe_change(old, new), expected, "{old} → {new}");
        }
    }
}
