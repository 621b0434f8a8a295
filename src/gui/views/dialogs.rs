//! Modal dialogs: unsaved changes, confirming a deletion, and typing a path where no file
//! dialog exists.

use crate::model::{AnnotationId, Party};
use egui::{Context, Id, Key, Modal, RichText, ScrollArea, TextEdit, Ui};
use std::path::PathBuf;

/// What to do once the unsaved-changes question is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingAction {
    /// Open this article.
    Open(PathBuf),
    /// Close the window.
    Quit,
}

/// What a path dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Opening an article.
    OpenArticle,
    /// Downloading and opening a web page.
    WebAddress,
    /// Choosing the folder downloaded pages are kept in.
    WebFolder,
    /// Saving the annotations elsewhere.
    SaveAnnotations,
    /// Importing annotations from a file in this format.
    Import(crate::interop::ImportFormat),
    /// Exporting the annotations in this format.
    Export(crate::interop::ExportFormat),
    /// Choosing the mapping file imports use.
    ImportMap,
    /// Opening a folder of articles.
    OpenFolder,
    /// Naming a copy of the open annotation set.
    DuplicateSet,
    /// Renaming the open annotation set.
    RenameSet,
    /// Naming the annotator (then making their new set).
    Annotator,
}

/// The modal dialog on screen, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModalDialog {
    /// Save / Discard / Cancel before `PendingAction`.
    UnsavedChanges {
        /// The article with unsaved annotations.
        file_name: String,
        /// What waits for the answer.
        then: PendingAction,
    },
    /// A field to type a path into.
    PathEntry {
        /// What the path is for.
        purpose: PathPurpose,
        /// The text typed so far.
        text: String,
        /// Why the field is shown (no file dialog on this system), if that is the reason.
        note: Option<String>,
    },
    /// Type-ahead choice of a quote's speaker or a claim's claimant.
    PartyPicker {
        /// The quote or claim.
        target: AnnotationId,
        /// "speaker" or "claimant".
        role: String,
        /// What the quote or claim says, for the heading.
        about: String,
        /// The text typed so far.
        query: String,
        /// The article's entities: name and the mention to link to.
        choices: Vec<(String, AnnotationId)>,
        /// Which of the matching rows Enter picks.
        highlighted: usize,
    },
    /// A choice of the selected claim's verdict among the schema's.
    VerdictPicker {
        /// What the claim says, for the heading.
        about: String,
        /// The schema's verdicts (the row before them is "no verdict").
        verdicts: Vec<String>,
        /// Which row Enter picks: 0 for none, `i` for `verdicts[i - 1]`.
        highlighted: usize,
    },
    /// Reload / Keep for an article that another program changed.
    ArticleChanged {
        /// The article.
        file_name: String,
    },
    /// Reload / Keep for a sidecar that another program changed.
    SidecarChanged {
        /// The article whose annotations changed.
        file_name: String,
        /// True when there are unsaved changes that a reload would lose.
        unsaved: bool,
    },
    /// Accept / Cancel before every proposed change of the review is taken.
    ConfirmAcceptChanged {
        /// What the user is told: how many, and which words change.
        question: String,
    },
    /// Delete / Cancel for an entity that quotes or claims name as speaker or claimant.
    ConfirmDelete {
        /// The entity mention to delete.
        id: AnnotationId,
        /// What the user is told.
        question: String,
    },
}

/// The user's answer to a modal dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModalAnswer {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Close the dialog, do nothing.
    Cancel,
    /// The path typed into a path dialog.
    Path(PathBuf),
    /// Go ahead with the deletion.
    Delete,
    /// The chosen speaker or claimant.
    Party(Party),
    /// The chosen verdict (none to clear it).
    Verdict(Option<String>),
    /// Read the changed file again.
    Reload,
    /// Take every proposed change.
    AcceptChanged,
}

/// Shows `dialog`; returns the answer once there is one.
pub fn show(ctx: &Context, dialog: &mut ModalDialog) -> Option<ModalAnswer> {
    match dialog {
        ModalDialog::UnsavedChanges { file_name, then } => unsaved_changes(ctx, file_name, then),
        ModalDialog::PathEntry {
            purpose,
            text,
            note,
        } => path_entry(ctx, *purpose, text, note.as_deref()),
        ModalDialog::ConfirmDelete { question, .. } => confirm_delete(ctx, question),
        ModalDialog::ConfirmAcceptChanged { question } => ask(
            ctx,
            "confirm_accept_changed",
            "Accept the changed text?",
            question,
            &[
                ("Accept Changed", ModalAnswer::AcceptChanged),
                ("Cancel", ModalAnswer::Cancel),
            ],
        ),
        ModalDialog::ArticleChanged { file_name } => ask(
            ctx,
            "article_changed",
            "The article changed on disk",
            &format!(
                "Another program changed “{file_name}”. Reload it? Your annotations, saved or not, are kept and looked for again in the new text; you review what moved or changed."
            ),
            &[
                ("Reload", ModalAnswer::Reload),
                ("Keep Current Text", ModalAnswer::Cancel),
            ],
        ),
        ModalDialog::SidecarChanged { file_name, unsaved } => {
            let loss = if *unsaved {
                " Your unsaved changes in this window would be lost."
            } else {
                ""
            };
            ask(
                ctx,
                "sidecar_changed",
                "The annotations changed on disk",
                &format!(
                    "Another program changed the annotations of “{file_name}”. Load them?{loss} Keeping yours means your next save replaces that file."
                ),
                &[
                    ("Reload Annotations", ModalAnswer::Reload),
                    ("Keep Mine", ModalAnswer::Cancel),
                ],
            )
        }
        ModalDialog::PartyPicker {
            role,
            about,
            query,
            choices,
            highlighted,
            ..
        } => party_picker(ctx, role, about, query, choices, highlighted),
        ModalDialog::VerdictPicker {
            about,
            verdicts,
            highlighted,
        } => verdict_picker(ctx, about, verdicts, highlighted),
    }
}

/// The digit keys that pick the rows of a short list directly: 0 is the first row.
const DIGITS: [Key; 10] = [
    Key::Num0,
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

fn verdict_picker(
    ctx: &Context,
    about: &str,
    verdicts: &[String],
    highlighted: &mut usize,
) -> Option<ModalAnswer> {
    let rows: Vec<Option<&String>> = std::iter::once(None)
        .chain(verdicts.iter().map(Some))
        .collect();
    let response = Modal::new(Id::unique("verdict_picker")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Choose the verdict");
        ui.label(RichText::new(about).italics());
        let (down, up, enter, digit) = ui.input(|i| {
            (
                i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::Enter),
                DIGITS.iter().position(|k| i.key_pressed(*k)),
            )
        });
        if down && *highlighted + 1 < rows.len() {
            *highlighted += 1;
        }
        if up {
            *highlighted = highlighted.saturating_sub(1);
        }
        let mut answer = None;
        for (index, verdict) in rows.iter().enumerate() {
            let text = format!("{index}  {}", verdict.map_or("no verdict", String::as_str));
            if ui.selectable_label(index == *highlighted, text).clicked() {
                answer = Some(ModalAnswer::Verdict(verdict.cloned()));
            }
        }
        if verdicts.is_empty() {
            ui.label(
                RichText::new("The schema lists no verdicts: add them to marginalia-schema.ron.")
                    .weak(),
            );
        }
        if let Some(verdict) = digit.and_then(|d| rows.get(d)) {
            answer = Some(ModalAnswer::Verdict(verdict.cloned()));
        }
        if enter && let Some(verdict) = rows.get(*highlighted) {
            answer = Some(ModalAnswer::Verdict(verdict.cloned()));
        }
        ui.add_space(4.0);
        ui.label(RichText::new("Up/Down choose · Enter or a digit picks · Esc cancels").weak());
        if ui.button("Cancel").clicked() {
            answer = Some(ModalAnswer::Cancel);
        }
        answer
    });
    if response.should_close() {
        return Some(ModalAnswer::Cancel);
    }
    response.inner
}

/// The rows a picker shows for `query`: matching entities, then the typed text as a name.
pub fn picker_rows(query: &str, choices: &[(String, AnnotationId)]) -> Vec<(String, Party)> {
    let needle = query.trim().to_lowercase();
    let mut rows: Vec<(String, Party)> = choices
        .iter()
        .filter(|(name, _)| name.to_lowercase().contains(&needle))
        .map(|(name, id)| (name.clone(), Party::Mention(id.clone())))
        .collect();
    // Names that start with the typed text first.
    rows.sort_by_key(|(name, _)| !name.to_lowercase().starts_with(&needle));
    let typed = query.trim();
    if !typed.is_empty() && !rows.iter().any(|(name, _)| name == typed) {
        rows.push((
            format!("“{typed}” as a name (not an entity of the article)"),
            Party::Named(typed.to_owned()),
        ));
    }
    rows
}

fn party_picker(
    ctx: &Context,
    role: &str,
    about: &str,
    query: &mut String,
    choices: &[(String, AnnotationId)],
    highlighted: &mut usize,
) -> Option<ModalAnswer> {
    let modal_id = Id::unique("party_picker");
    let focused_flag = modal_id.with("focused");
    let response = Modal::new(modal_id).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(format!("Choose the {role}"));
        ui.label(RichText::new(about).italics());
        let label = ui.label("Name:");
        let field = ui
            .add(
                TextEdit::singleline(query)
                    .hint_text("Type to filter the article's entities, or a new name")
                    .desired_width(f32::INFINITY)
                    .return_key(None),
            )
            .labelled_by(label.id);
        focus_once(ui, focused_flag, &field);
        if field.changed() {
            *highlighted = 0;
        }
        let rows = picker_rows(query, choices);
        let (down, up, enter) = ui.input(|i| {
            (
                i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::Enter),
            )
        });
        if down && *highlighted + 1 < rows.len() {
            *highlighted += 1;
        }
        if up {
            *highlighted = highlighted.saturating_sub(1);
        }
        let mut answer = None;
        if rows.is_empty() {
            ui.label(RichText::new("No entity yet: label one with E, or type a name.").weak());
        }
        ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
            for (index, (name, party)) in rows.iter().enumerate() {
                let row = ui.selectable_label(index == *highlighted, name);
                if index == *highlighted && (up || down) {
                    row.scroll_to_me(None);
                }
                if row.clicked() {
                    answer = Some(ModalAnswer::Party(party.clone()));
                }
            }
        });
        if enter && let Some((_, party)) = rows.get(*highlighted) {
            answer = Some(ModalAnswer::Party(party.clone()));
        }
        ui.add_space(4.0);
        ui.label(RichText::new("Up/Down choose · Enter picks · Esc cancels").weak());
        if ui.button("Cancel").clicked() {
            answer = Some(ModalAnswer::Cancel);
        }
        answer
    });
    finish(ctx, response, focused_flag)
}

fn confirm_delete(ctx: &Context, question: &str) -> Option<ModalAnswer> {
    ask(
        ctx,
        "confirm_delete",
        "Delete this entity?",
        question,
        &[
            ("Delete Entity", ModalAnswer::Delete),
            ("Cancel", ModalAnswer::Cancel),
        ],
    )
}

fn unsaved_changes(ctx: &Context, file_name: &str, then: &PendingAction) -> Option<ModalAnswer> {
    let next = match then {
        PendingAction::Open(_) => "opening another article",
        PendingAction::Quit => "closing Marginalia",
    };
    ask(
        ctx,
        "unsaved_changes",
        "Unsaved annotations",
        &format!("“{file_name}” has annotations that are not saved. Save them before {next}?"),
        &[
            ("Save", ModalAnswer::Save),
            ("Discard", ModalAnswer::Discard),
            ("Cancel", ModalAnswer::Cancel),
        ],
    )
}

/// A modal question with one button per answer; the first is the default (Enter), Escape or a
/// click outside cancels.
fn ask(
    ctx: &Context,
    id: &str,
    heading: &str,
    question: &str,
    answers: &[(&str, ModalAnswer)],
) -> Option<ModalAnswer> {
    let response = Modal::new(Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(heading);
        ui.label(question);
        ui.add_space(8.0);
        let mut answer = None;
        ui.horizontal(|ui| {
            for (index, (label, value)) in answers.iter().enumerate() {
                let text = if index == 0 {
                    RichText::new(*label).strong()
                } else {
                    RichText::new(*label)
                };
                if ui.button(text).clicked() {
                    answer = Some(value.clone());
                }
            }
        });
        if ui.input(|i| i.key_pressed(Key::Enter)) {
            answer = answers.first().map(|(_, value)| value.clone());
        }
        answer
    });
    if response.should_close() {
        return Some(ModalAnswer::Cancel);
    }
    response.inner
}

/// Gives `field` the keyboard focus the first time its dialog shows (the flag remembers it), so
/// that typing goes straight in without taking the focus back every frame.
fn focus_once(ui: &Ui, flag: Id, field: &egui::Response) {
    let focused_before =
        ui.data_mut(|d| std::mem::replace(d.get_temp_mut_or_default::<bool>(flag), true));
    if !focused_before {
        field.request_focus();
    }
}

/// The answer of a dialog with a focused field: Cancel when it should close; the flag is
/// forgotten once there is an answer, so the next time it opens it focuses the field again.
fn finish(
    ctx: &Context,
    response: egui::ModalResponse<Option<ModalAnswer>>,
    flag: Id,
) -> Option<ModalAnswer> {
    let answer = if response.should_close() {
        Some(ModalAnswer::Cancel)
    } else {
        response.inner
    };
    if answer.is_some() {
        ctx.data_mut(|d| d.remove::<bool>(flag));
    }
    answer
}

fn path_entry(
    ctx: &Context,
    purpose: PathPurpose,
    text: &mut String,
    note: Option<&str>,
) -> Option<ModalAnswer> {
    let (title, hint, action) = match purpose {
        PathPurpose::OpenArticle => (
            "Open an article",
            "Path of the article, e.g. /home/me/report.txt",
            "Open",
        ),
        PathPurpose::WebAddress => (
            "Open a web address",
            "https://example.org/news/article",
            "Download and Open",
        ),
        PathPurpose::WebFolder => (
            "Folder for web pages",
            "Path of the folder, e.g. /home/me/Documents/Marginalia",
            "Use",
        ),
        PathPurpose::SaveAnnotations => (
            "Save annotations as",
            "Path of the sidecar, e.g. /home/me/report.txt.ron",
            "Save",
        ),
        PathPurpose::Import(_) => (
            "Import annotations",
            "Path of the file to import, e.g. /home/me/report.ann",
            "Import",
        ),
        PathPurpose::ImportMap => (
            "Mapping file for imports",
            "Path of the mapping file, e.g. /home/me/polnear-map.ron",
            "Use",
        ),
        PathPurpose::Export(crate::interop::ExportFormat::Brat) => (
            "Export annotations for brat",
            "Folder to write the text, .ann and brat's configuration into",
            "Export",
        ),
        PathPurpose::Export(_) => ("Export annotations", "Path of the file to write", "Export"),
        PathPurpose::OpenFolder => (
            "Open a folder of articles",
            "Path of the folder, e.g. /home/me/articles",
            "Open",
        ),
        PathPurpose::DuplicateSet => (
            "Duplicate the annotation set",
            "Name of the copy: letters, digits, - and _",
            "Duplicate",
        ),
        PathPurpose::RenameSet => (
            "Rename the annotation set",
            "New name: letters, digits, - and _",
            "Rename",
        ),
        PathPurpose::Annotator => (
            "Who is annotating?",
            "Your name or initials, e.g. amelie or AD",
            "Make My Set",
        ),
    };
    let modal_id = Id::unique("path_entry");
    let focused_flag = modal_id.with("focused");
    let response = Modal::new(modal_id).show(ctx, |ui| {
        ui.set_width(520.0);
        let heading = ui.heading(title);
        if let Some(note) = note {
            ui.label(note);
        }
        let field = ui
            .add(
                TextEdit::singleline(text)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(heading.id);
        // Focus the field once, when the dialog opens, so typing goes straight into it.
        focus_once(ui, focused_flag, &field);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let mut answer = None;
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let ready = !text.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new(action)).clicked() || (entered && ready) {
                answer = Some(ModalAnswer::Path(PathBuf::from(text.trim())));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(ModalAnswer::Cancel);
            }
        });
        answer
    });
    finish(ctx, response, focused_flag)
}

/// A modal window showing a long file operation's progress: `verb` (“Opening”) the file, the
/// stage it is in, and a bar (moving when the stage's size is unknown). It goes away when the
/// work is done; Cancel emits [`crate::gui::command::Command::CancelJob`].
pub fn show_progress(
    ctx: &Context,
    verb: &str,
    (file_name, stage, fraction): (&str, &str, Option<f32>),
    commands: &mut Vec<crate::gui::command::Command>,
) {
    Modal::new(Id::unique("file_progress")).show(ctx, |ui| {
        ui.set_width(360.0);
        ui.heading(format!("{verb} “{file_name}”…"));
        ui.label(stage);
        let bar = match fraction {
            Some(fraction) => egui::ProgressBar::new(fraction).show_percentage(),
            None => egui::ProgressBar::new(0.0).animate(true),
        };
        ui.add(bar);
        if ui.button("Cancel").clicked() {
            commands.push(crate::gui::command::Command::CancelJob);
        }
    });
}
