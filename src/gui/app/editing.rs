//! Commands that change the annotations: label, delete, attributes, fragments, speakers,
//! entity types and Annotate All Occurrences. Each change is one undoable step.

use super::{MarginaliaApp, Severity};
use crate::gui::views::dialogs::ModalDialog;
use crate::model::relations;
use crate::model::search;
use crate::model::{
    Annotation, AnnotationId, Attributes, CharSpan, Edit, Excerpt, Identity, Kind, Party,
    Placement, annotation::CONTEXT_CHARS,
};

impl MarginaliaApp {
    /// Carries out `edits` as one undoable step called `label`; true when done. On failure
    /// nothing changed and the user is told why.
    pub(super) fn change(&mut self, label: &str, edits: Vec<Edit>) -> bool {
        let Some(session) = &mut self.session else {
            return false;
        };
        match session.editor.perform(label, edits) {
            Ok(()) => true,
            Err(error) => {
                self.say(
                    Severity::Error,
                    format!("Could not {}: {error}.", label.to_lowercase()),
                );
                false
            }
        }
    }

    pub(super) fn undo_or_redo(&mut self, undo: bool) {
        let Some(session) = &mut self.session else {
            return;
        };
        let result = session.editor.undo_or_redo(undo);
        let verb = if undo { "Undid" } else { "Redid" };
        match result {
            Ok(Some(label)) => self.say(Severity::Info, format!("{verb} “{label}”.")),
            Ok(None) => self.say(
                Severity::Info,
                if undo {
                    "Nothing to undo."
                } else {
                    "Nothing to redo."
                },
            ),
            Err(error) => self.say(
                Severity::Error,
                format!("Could not {}: {error}.", if undo { "undo" } else { "redo" }),
            ),
        }
    }

    /// The selected text without white space at its ends; when nothing is selected, tells the
    /// user `hint` and gives `None`.
    pub(super) fn selected_span(&mut self, hint: &str) -> Option<CharSpan> {
        let session = self.session.as_ref()?;
        let span = session
            .editor
            .document()
            .trim_whitespace(session.view.selection().span());
        if span.is_none() {
            self.say(Severity::Info, hint);
        }
        span
    }

    pub(super) fn label(&mut self, kind: Kind) {
        let Some(span) =
            self.selected_span("Select some text first, then press Q, C or E to label it.")
        else {
            return;
        };
        let Some(session) = &mut self.session else {
            return;
        };
        let editor = &mut session.editor;
        let existing = editor
            .annotations()
            .overlapping(span)
            .find(|a| a.span == span && a.kind() == kind)
            .map(|a| a.id.clone());
        if let Some(existing) = existing {
            editor.select(Some(existing));
            self.say(
                Severity::Info,
                format!("That text is already {}.", kind.with_article()),
            );
            return;
        }
        let annotation = Annotation::new(
            editor.annotations().fresh_id(),
            kind,
            span,
            editor.document(),
        );
        let id = annotation.id.clone();
        let label = format!("Label {} {}", kind, annotation.quoted_snippet(30));
        if self.change(&label, vec![Edit::Insert(annotation, Placement::Anchored)])
            && let Some(session) = &mut self.session
        {
            session.editor.select(Some(id));
            session.view.clear_selection();
        }
    }

    pub(super) fn delete_selected(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(id) = session.editor.selected().cloned() else {
            self.say(
                Severity::Info,
                "Click an annotation first, then press Delete to remove it.",
            );
            return;
        };
        let set = session.editor.annotations();
        let dependents = relations::dependents(set, &id);
        if !dependents.is_empty() {
            let name = set.get(&id).map_or("", |a| a.text.as_str());
            let question = format!(
                "“{name}” is the speaker or claimant of {} quote(s) or claim(s). Delete it anyway? They will name another mention of the same entity, or keep “{name}” as a plain name.",
                dependents.len()
            );
            self.modal = Some(ModalDialog::ConfirmDelete { id, question });
            return;
        }
        self.delete(&id);
    }

    /// Deletes the annotation `id` as one undoable step, repairing links to it.
    pub(super) fn delete(&mut self, id: &AnnotationId) {
        let Some(session) = &mut self.session else {
            return;
        };
        let set = session.editor.annotations();
        let Some(doomed) = set.get(id) else {
            return;
        };
        let label = format!("Delete {} {}", doomed.kind(), doomed.quoted_snippet(30));
        let edits = relations::removal(set, id);
        if self.change(&label, edits) {
            if let Some(session) = &mut self.session {
                session.editor.select(None);
            }
            self.say(Severity::Info, format!("{label}: done (Ctrl+Z undoes it)."));
        }
    }

    /// The selected annotation, if it is of `kind`; otherwise tells the user what to select.
    fn selected_of(&mut self, kinds: &[Kind], what: &str) -> Option<Annotation> {
        let found = self.session.as_ref().and_then(|s| {
            s.editor
                .selected_annotation()
                .filter(|a| kinds.contains(&a.kind()))
                .cloned()
        });
        if found.is_none() {
            self.say(
                Severity::Info,
                format!("Select {what} first (click it, or step to it with Tab)."),
            );
        }
        found
    }

    pub(super) fn pick_party(&mut self) {
        let Some(target) = self.selected_of(&[Kind::Quote, Kind::Claim], "a quote or a claim")
        else {
            return;
        };
        let Some(session) = &self.session else {
            return;
        };
        let role = if target.kind() == Kind::Quote {
            "speaker"
        } else {
            "claimant"
        };
        self.modal = Some(ModalDialog::PartyPicker {
            target: target.id.clone(),
            role: role.to_owned(),
            about: format!("{} {}", target.kind(), target.quoted_snippet(80)),
            query: String::new(),
            choices: relations::entity_choices(session.annotations()),
            highlighted: 0,
        });
    }

    pub(super) fn set_party(&mut self, target: &AnnotationId, party: Party) {
        let Some(mut changed) = self
            .session
            .as_ref()
            .and_then(|s| s.annotations().get(target))
            .cloned()
        else {
            return;
        };
        let role = if changed.kind() == Kind::Quote {
            "speaker"
        } else {
            "claimant"
        };
        changed.attributes.set_party(Some(party));
        self.change(
            &format!("Set {role} of {}", changed.quoted_snippet(24)),
            vec![Edit::Replace(changed)],
        );
    }

    pub(super) fn cycle_entity_type(&mut self) {
        let Some(entity) = self.selected_of(&[Kind::Entity], "an entity") else {
            return;
        };
        let Some(session) = &self.session else {
            return;
        };
        let current = match &entity.attributes {
            Attributes::Entity(e) => e.entity_type.clone(),
            _ => None,
        };
        if let Some(next) = session.schema.next_type(current.as_deref()) {
            let name = next.name.clone();
            self.set_entity_type(&name);
        }
    }

    pub(super) fn set_entity_type(&mut self, name: &str) {
        let Some(mut entity) = self.selected_of(&[Kind::Entity], "an entity") else {
            return;
        };
        if let Attributes::Entity(e) = &mut entity.attributes {
            e.entity_type = Some(name.to_owned());
        }
        let label = format!("Set type of {} to {name}", entity.quoted_snippet(24));
        self.change(&label, vec![Edit::Replace(entity)]);
    }

    /// Adds the text selection to the selected quote as a further piece; the pieces stay in
    /// text order and the first one is the quote's main span.
    pub(super) fn add_fragment(&mut self) {
        let Some(quote) = self.selected_of(&[Kind::Quote], "a quote") else {
            return;
        };
        let Some(span) =
            self.selected_span("Select the next piece of the quote, then press Shift+Q.")
        else {
            return;
        };
        let Some(session) = &self.session else {
            return;
        };
        let document = session.document();
        if quote.pieces().any(|piece| piece.overlaps(span)) {
            self.say(
                Severity::Info,
                "That text is already part of the quote: select a piece outside it.",
            );
            return;
        }
        let mut pieces: Vec<CharSpan> = quote.pieces().chain([span]).collect();
        pieces.sort();
        let text = document.text();
        let main = pieces[0];
        let changed = Annotation {
            span: main,
            text: text.slice(main).to_owned(),
            prefix: text.chars_before(main.start, CONTEXT_CHARS).to_owned(),
            suffix: text.chars_after(main.end, CONTEXT_CHARS).to_owned(),
            fragments: pieces[1..]
                .iter()
                .map(|piece| Excerpt::of(document, *piece))
                .collect(),
            ..quote
        };
        let label = format!("Add fragment to quote {}", changed.quoted_snippet(24));
        if self.change(&label, vec![Edit::Replace(changed)])
            && let Some(session) = &mut self.session
        {
            session.view.clear_selection();
        }
    }

    /// Labels every other occurrence of the selected annotation's text with its kind (an
    /// entity's occurrences join its entity and take its type), skipping occurrences already
    /// labelled with that kind: one undoable step.
    pub(super) fn annotate_all(&mut self) {
        let Some(source) = self.selected_of(&Kind::ALL, "an annotation (label the text first)")
        else {
            return;
        };
        let options = self.preferences.annotate_all_options;
        let Some(session) = &self.session else {
            return;
        };
        let set = session.annotations();
        let kind = source.kind();
        let spans = search::find_all(session.document(), &source.text, options);
        let mut edits = Vec::new();
        let mut new_ids: Vec<AnnotationId> = Vec::new();
        let mut already = 0usize;
        let identity = match &source.attributes {
            Attributes::Entity(e) => match &e.identity {
                Some(identity) => Some(identity.clone()),
                None => {
                    let identity = Identity {
                        id: set.fresh_identity_id(),
                        name: source.text.clone(),
                        external_id: None,
                    };
                    let id = identity.id.clone();
                    edits.push(Edit::PutIdentity(identity));
                    let mut grouped = source.clone();
                    if let Attributes::Entity(e) = &mut grouped.attributes {
                        e.identity = Some(id.clone());
                    }
                    edits.push(Edit::Replace(grouped));
                    Some(id)
                }
            },
            _ => None,
        };
        for span in spans {
            if span == source.span {
                continue;
            }
            if set
                .overlapping(span)
                .any(|a| a.kind() == kind && a.span == span)
            {
                already += 1;
                continue;
            }
            let id = AnnotationId::generate(|id| set.contains_id(id) || new_ids.contains(id));
            new_ids.push(id.clone());
            let mut annotation = Annotation::new(id, kind, span, session.document());
            if let (Attributes::Entity(new), Attributes::Entity(old)) =
                (&mut annotation.attributes, &source.attributes)
            {
                new.entity_type = old.entity_type.clone();
                new.identity = identity.clone();
            }
            edits.push(Edit::Insert(annotation, Placement::Anchored));
        }
        let added = new_ids.len();
        let what = source.quoted_snippet(30);
        if added == 0 {
            self.say(
                Severity::Info,
                format!(
                    "Every occurrence of {what} is already {}: nothing added.",
                    kind.with_article()
                ),
            );
            return;
        }
        let label = format!("Annotate all {what} as {kind}");
        if self.change(&label, edits) {
            let skipped = already;
            self.say(
                Severity::Info,
                format!(
                    "Added {added} {kind} annotation(s) for {what}; {skipped} other occurrence(s) were already annotated. Ctrl+Z undoes all of them."
                ),
            );
        }
    }
}
