//! The details panel: edits the selected annotation's attributes. Every edit is emitted as a
//! [`Command::Change`] (one undoable step); text fields commit when they lose focus or on
//! Enter, so that typing a note is one step, not one per key.

use crate::gui::command::Command;
use crate::gui::theme::Palette;
use crate::gui::views::paragraph_layout::label_text;
use crate::gui::views::swatch;
use crate::model::relations;
use crate::model::schema::Schema;
use crate::model::{
    Annotation, AnnotationSet, Attributes, CharSpan, CheckWorthiness, ClaimAttributes, Document,
    Edit, EntityAttributes, Excerpt, Identity, Party, QuoteAttributes, QuoteMode,
};
use egui::{ComboBox, Id, Key, RichText, TextEdit, Ui};

/// What the details panel reads.
pub struct DetailsInput<'a> {
    /// The open article.
    pub document: &'a Document,
    /// Its annotations.
    pub annotations: &'a AnnotationSet,
    /// The label schema in force.
    pub schema: &'a Schema,
    /// The text selection in the article (for cues and fragments).
    pub selection: CharSpan,
    /// Colours.
    pub palette: Palette,
}

/// Shows the details of `annotation`, emitting commands for every edit.
pub fn show(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    annotation: &Annotation,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        swatch(ui, annotation.kind(), input.palette);
        ui.label(RichText::new(annotation.kind().label()).strong());
        ui.label(format!(
            "chars {}–{}",
            annotation.span.start.0, annotation.span.end.0
        ));
    });
    let excerpt = annotation.quoted_snippet(120);
    ui.label(RichText::new(label_text(&excerpt)).italics());
    match &annotation.attributes {
        Attributes::Quote(quote) => quote_fields(ui, input, annotation, quote, commands),
        Attributes::Claim(claim) => claim_fields(ui, input, annotation, claim, commands),
        Attributes::Entity(entity) => entity_fields(ui, input, annotation, entity, commands),
    }
    let field_id = |name: &str| field_id(annotation, name);

    let label = ui.label("Note:");
    let note = annotation.note.clone().unwrap_or_default();
    if let Some(note) = committed_text(
        ui,
        label.id,
        field_id("note"),
        &note,
        "Saved when you leave the field",
        true,
    ) {
        let mut changed = annotation.clone();
        changed.note = non_empty(note);
        edit(commands, annotation, "Edit note", changed);
    }
    tags(ui, input, annotation, field_id("tag"), commands);
}

/// Emits the edit of `annotation` into `changed` (nothing when nothing changed).
fn edit(commands: &mut Vec<Command>, annotation: &Annotation, label: &str, changed: Annotation) {
    if changed != *annotation {
        commands.push(Command::Change {
            label: format!(
                "{label} of {} {}",
                changed.kind(),
                changed.quoted_snippet(24)
            ),
            edits: vec![Edit::Replace(changed)],
        });
    }
}

/// The id of the details field `name` of `annotation`.
fn field_id(annotation: &Annotation, name: &str) -> Id {
    Id::unique(("details", annotation.id.0.as_str(), name))
}

/// A quote's speaker, mode, cue and fragments.
fn quote_fields(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    annotation: &Annotation,
    quote: &QuoteAttributes,
    commands: &mut Vec<Command>,
) {
    party_row(
        ui,
        input,
        "Speaker",
        quote.speaker.as_ref(),
        annotation,
        commands,
    );
    ui.horizontal(|ui| {
        ui.label("Mode:");
        let mut mode = quote.mode;
        ui.selectable_value(&mut mode, None, "unset");
        for m in QuoteMode::ALL {
            ui.selectable_value(&mut mode, Some(m), m.label());
        }
        if mode != quote.mode {
            let mut changed = annotation.clone();
            if let Attributes::Quote(q) = &mut changed.attributes {
                q.mode = mode;
            }
            edit(commands, annotation, "Set mode", changed);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Cue:");
        match &quote.cue {
            Some(cue) => {
                ui.label(label_text(&format!("“{}”", cue.text)));
            }
            None => {
                ui.label(RichText::new("none").weak());
            }
        }
        let selection = input.document.trim_whitespace(input.selection);
        if ui
            .add_enabled(selection.is_some(), egui::Button::new("Use selection"))
            .on_hover_text("Select the words that introduce the quote (“said”), then click here")
            .clicked()
            && let Some(span) = selection
        {
            let mut changed = annotation.clone();
            if let Attributes::Quote(q) = &mut changed.attributes {
                q.cue = Some(Excerpt::of(input.document, span));
            }
            edit(commands, annotation, "Set cue", changed);
        }
        if quote.cue.is_some() && ui.button("Clear").clicked() {
            let mut changed = annotation.clone();
            if let Attributes::Quote(q) = &mut changed.attributes {
                q.cue = None;
            }
            edit(commands, annotation, "Clear cue", changed);
        }
    });
    fragments(ui, annotation, commands);
}

/// A claim's claimant, check-worthiness, verdict and source.
fn claim_fields(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    annotation: &Annotation,
    claim: &ClaimAttributes,
    commands: &mut Vec<Command>,
) {
    let field_id = |name: &str| field_id(annotation, name);

    party_row(
        ui,
        input,
        "Claimant",
        claim.claimant.as_ref(),
        annotation,
        commands,
    );
    ui.horizontal_wrapped(|ui| {
        ui.label("Check-worthiness:");
        let mut worthiness = claim.check_worthiness;
        ui.selectable_value(&mut worthiness, None, "unset");
        for w in CheckWorthiness::ALL {
            ui.selectable_value(&mut worthiness, Some(w), w.label());
        }
        if worthiness != claim.check_worthiness {
            let mut changed = annotation.clone();
            if let Attributes::Claim(c) = &mut changed.attributes {
                c.check_worthiness = worthiness;
            }
            edit(commands, annotation, "Set check-worthiness", changed);
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Verdict:");
        let mut verdict = claim.verdict.clone();
        ComboBox::from_id_salt(field_id("verdict"))
            .selected_text(verdict.as_deref().unwrap_or("none"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut verdict, None, "none");
                for v in &input.schema.verdicts {
                    ui.selectable_value(&mut verdict, Some(v.clone()), v);
                }
            })
            .response
            .labelled_by(label.id);
        if verdict != claim.verdict {
            let mut changed = annotation.clone();
            if let Attributes::Claim(c) = &mut changed.attributes {
                c.verdict = verdict;
            }
            edit(commands, annotation, "Set verdict", changed);
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Source:");
        let current = claim.source_url.clone().unwrap_or_default();
        if let Some(url) = committed_text(
            ui,
            label.id,
            field_id("source"),
            &current,
            "URL of the fact-check or evidence",
            false,
        ) {
            let mut changed = annotation.clone();
            if let Attributes::Claim(c) = &mut changed.attributes {
                c.source_url = non_empty(url);
            }
            edit(commands, annotation, "Set source", changed);
        }
    });
}

/// An entity's type and identity.
fn entity_fields(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    annotation: &Annotation,
    entity: &EntityAttributes,
    commands: &mut Vec<Command>,
) {
    let field_id = |name: &str| field_id(annotation, name);

    ui.horizontal(|ui| {
        let label = ui.label("Type:");
        let mut entity_type = entity.entity_type.clone();
        ComboBox::from_id_salt(field_id("type"))
            .selected_text(entity_type.as_deref().unwrap_or("none"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut entity_type, None, "none");
                for t in &input.schema.entity_types {
                    let text = match t.key {
                        Some(key) => format!("{} ({key})", t.name),
                        None => t.name.clone(),
                    };
                    ui.selectable_value(&mut entity_type, Some(t.name.clone()), text);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("T cycles through the types");
        if entity_type != entity.entity_type {
            let mut changed = annotation.clone();
            if let Attributes::Entity(e) = &mut changed.attributes {
                e.entity_type = entity_type;
            }
            edit(commands, annotation, "Set type", changed);
        }
    });
    identity(ui, input, annotation, commands);
}

/// The speaker or claimant, with the button that opens the picker.
fn party_row(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    role: &str,
    party: Option<&Party>,
    annotation: &Annotation,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{role}:"));
        match party {
            Some(party @ Party::Mention(_)) => {
                ui.label(RichText::new(relations::party_name(input.annotations, party)).strong());
            }
            Some(Party::Named(name)) => {
                ui.label(RichText::new(name).strong())
                    .on_hover_text("A name typed in: not an entity of the article");
            }
            None => {
                ui.label(RichText::new("none").weak());
            }
        }
        if ui
            .button("Choose… (S)")
            .on_hover_text(format!(
                "Choose the {} among the article's entities, or type a name",
                role.to_lowercase()
            ))
            .clicked()
        {
            commands.push(Command::PickParty);
        }
        if party.is_some() && ui.button("Clear").clicked() {
            let mut changed = annotation.clone();
            changed.attributes.set_party(None);
            commands.push(Command::Change {
                label: format!("Clear {}", role.to_lowercase()),
                edits: vec![Edit::Replace(changed)],
            });
        }
    });
}

/// A quote's further fragments, each removable.
fn fragments(ui: &mut Ui, annotation: &Annotation, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("Fragments: {}", 1 + annotation.fragments.len()));
        if ui
            .button("Add selection (Shift+Q)")
            .on_hover_text("Select the next piece of the quote in the article, then press Shift+Q")
            .clicked()
        {
            commands.push(Command::AddFragment);
        }
    });
    for (index, fragment) in annotation.fragments.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(label_text(&format!("  + “{}”", fragment.text)));
            if ui.small_button("Remove").clicked() {
                let mut changed = annotation.clone();
                changed.fragments.remove(index);
                commands.push(Command::Change {
                    label: "Remove fragment".into(),
                    edits: vec![Edit::Replace(changed)],
                });
            }
        });
    }
}

/// An entity mention's identity: canonical name, external id, the other mentions, and what
/// the entity says or claims.
fn identity(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    annotation: &Annotation,
    commands: &mut Vec<Command>,
) {
    let set = input.annotations;
    let mentions = set.same_entity(&annotation.id);
    let field_id = |name: &str| field_id(annotation, name);
    match annotation
        .attributes
        .identity()
        .and_then(|i| set.identity(i))
    {
        Some(identity) => {
            ui.horizontal(|ui| {
                let label = ui.label("Entity:");
                if let Some(name) = committed_text(
                    ui,
                    label.id,
                    field_id("identity-name"),
                    &identity.name,
                    "Canonical name",
                    false,
                ) && !name.trim().is_empty()
                {
                    put_identity(
                        commands,
                        Identity {
                            name: name.trim().to_owned(),
                            ..identity.clone()
                        },
                    );
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("External id:");
                let current = identity.external_id.clone().unwrap_or_default();
                if let Some(external) = committed_text(
                    ui,
                    label.id,
                    field_id("external-id"),
                    &current,
                    "Wikidata QID, e.g. Q42",
                    false,
                ) {
                    put_identity(
                        commands,
                        Identity {
                            external_id: non_empty(external),
                            ..identity.clone()
                        },
                    );
                }
            });
            ui.horizontal(|ui| {
                ui.label(format!("{} mention(s)", mentions.len()));
                if ui.button("Separate this mention").clicked() {
                    commands.push(Command::Change {
                        label: format!("Separate {}", annotation.quoted_snippet(24)),
                        edits: relations::separate_entity(set, &annotation.id),
                    });
                }
            });
        }
        None => {
            ui.label(RichText::new("Its own entity (no other mentions linked).").weak());
        }
    }
    let own_name = relations::entity_name(set, annotation).to_owned();
    let others: Vec<(String, crate::model::AnnotationId)> = relations::entity_choices(set)
        .into_iter()
        .filter(|(name, id)| *name != own_name && !mentions.iter().any(|m| &m.id == id))
        .collect();
    if !others.is_empty() {
        ui.horizontal(|ui| {
            let label = ui.label("Same entity as:");
            let mut chosen = None;
            ComboBox::from_id_salt(field_id("same-as"))
                .selected_text("choose…")
                .show_ui(ui, |ui| {
                    for (name, id) in &others {
                        if ui.selectable_label(false, name).clicked() {
                            chosen = Some(id.clone());
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            if let Some(other) = chosen {
                commands.push(Command::Change {
                    label: format!("Link {} to another entity", annotation.quoted_snippet(24)),
                    edits: relations::join_entity(set, &annotation.id, &other),
                });
            }
        });
    }
    let statements = set.statements_of(&annotation.id);
    if !statements.is_empty() {
        ui.label(format!("Says or claims ({}):", statements.len()));
        for statement in statements {
            if ui
                .link(label_text(&format!(
                    "{} {}",
                    statement.kind(),
                    statement.quoted_snippet(50)
                )))
                .clicked()
            {
                commands.push(Command::RevealAnnotation(statement.id.clone()));
            }
        }
    }
}

fn put_identity(commands: &mut Vec<Command>, identity: Identity) {
    commands.push(Command::Change {
        label: format!("Edit entity “{}”", identity.name),
        edits: vec![Edit::PutIdentity(identity)],
    });
}

/// Tags as removable chips, a field to add one, and the schema's suggestions.
fn tags(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    annotation: &Annotation,
    field: Id,
    commands: &mut Vec<Command>,
) {
    let set_tags = |commands: &mut Vec<Command>, tags: Vec<String>, label: String| {
        let mut changed = annotation.clone();
        changed.tags = tags;
        changed.tags.sort();
        changed.tags.dedup();
        commands.push(Command::Change {
            label,
            edits: vec![Edit::Replace(changed)],
        });
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Tags:");
        for tag in &annotation.tags {
            if ui
                .small_button(format!("{tag} ×"))
                .on_hover_text("Remove this tag")
                .clicked()
            {
                let tags = annotation
                    .tags
                    .iter()
                    .filter(|t| *t != tag)
                    .cloned()
                    .collect();
                set_tags(commands, tags, format!("Remove tag {tag}"));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Add tag:");
        if let Some(tag) = committed_text(ui, label.id, field, "", "Type and press Enter", false) {
            let tag = tag.trim().to_owned();
            if !tag.is_empty() && !annotation.tags.contains(&tag) {
                let mut tags = annotation.tags.clone();
                tags.push(tag.clone());
                set_tags(commands, tags, format!("Add tag {tag}"));
            }
        }
        for suggestion in input
            .schema
            .tags
            .iter()
            .filter(|t| !annotation.tags.contains(t))
        {
            if ui
                .small_button(format!("+{suggestion}"))
                .on_hover_text("Add this tag")
                .clicked()
            {
                let mut tags = annotation.tags.clone();
                tags.push(suggestion.clone());
                set_tags(commands, tags, format!("Add tag {suggestion}"));
            }
        }
    });
}

fn non_empty(text: String) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// A text field that edits a copy of `current` and gives back the new text when the user is
/// done (Enter in a single-line field, or leaving the field) and it differs.
fn committed_text(
    ui: &mut Ui,
    label: Id,
    id: Id,
    current: &str,
    hint: &str,
    multiline: bool,
) -> Option<String> {
    let draft_id = id.with("draft");
    let mut draft: String = ui
        .data_mut(|d| d.get_temp::<String>(draft_id))
        .unwrap_or_else(|| current.to_owned());
    let editor = if multiline {
        TextEdit::multiline(&mut draft).desired_rows(2)
    } else {
        TextEdit::singleline(&mut draft)
    };
    let response = ui
        .add(editor.id(id).hint_text(hint).desired_width(f32::INFINITY))
        .labelled_by(label);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(draft_id, draft.clone()));
        return None;
    }
    ui.data_mut(|d| d.remove::<String>(draft_id));
    // Escape leaves the field without keeping what was typed.
    let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
    (response.lost_focus() && !cancelled && draft != current).then_some(draft)
}
