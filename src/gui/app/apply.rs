//! [`MarginaliaApp::apply`]: the one place where commands are carried out. Each arm hands the
//! command to the part or the handler it belongs to; modal answers come back here too.

use super::MarginaliaApp;
use super::preferences::ZOOM_STEP;
use crate::gui::command::{Command, PreferenceChange};
use crate::gui::views::dialogs::{ModalAnswer, ModalDialog, PathPurpose, PendingAction};
use egui::{Context, ViewportCommand};
use std::path::Path;

impl MarginaliaApp {
    /// Carries out one command: the only place that changes the session.
    pub fn apply(&mut self, ctx: &Context, command: Command) {
        ctx.request_repaint();
        if self.background.opening.is_some()
            && !matches!(command, Command::Quit | Command::CancelJob)
        {
            log::info!("ignored {command:?} while an article opens");
            return;
        }
        match command {
            Command::OpenDialog => self.open_dialog(),
            Command::OpenByPath => self.ask_for_path(PathPurpose::OpenArticle, None),
            Command::OpenWebAddress => self.ask_for_web_address(),
            Command::ChooseWebFolder => self.ask_for_web_folder(),
            Command::Download(url) => self.download(url),
            Command::Open(path) => self.open_asking(&path),
            Command::ReopenLast => self.reopen_last(),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => self.save_as(),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Label(kind) => self.label(kind),
            Command::DeleteSelected => self.delete_selected(),
            Command::ClearSelection if self.window.show_shortcuts => {
                self.window.show_shortcuts = false;
            }
            Command::ClearSelection => {
                if let Some(session) = &mut self.session {
                    session.editor.select(None);
                    session.view.clear_selection();
                }
            }
            Command::SelectAll => {
                if let Some(session) = &mut self.session {
                    session.view.select_all(session.editor.document());
                }
            }
            Command::Move(motion) | Command::Extend(motion) => {
                let extend = matches!(command, Command::Extend(_));
                if let Some(session) = &mut self.session {
                    session.view.queue_motion(motion, extend);
                }
            }
            Command::CopySelection => {
                if let Some(text) = self
                    .session
                    .as_ref()
                    .and_then(|s| s.view.selected_text(s.editor.document()))
                {
                    ctx.copy_text(text);
                }
            }
            Command::ZoomIn => self.preferences.set_zoom(self.preferences.zoom * ZOOM_STEP),
            Command::ZoomOut => self.preferences.set_zoom(self.preferences.zoom / ZOOM_STEP),
            Command::ZoomReset => self.preferences.set_zoom(1.0),
            Command::SelectAnnotation(id) => {
                if let Some(session) = &mut self.session {
                    session.editor.select(id);
                }
            }
            Command::RevealAnnotation(id) => self.reveal(ctx, id),
            Command::ToggleSuggestions => self.toggle_suggestions(),
            Command::ChooseImportMap => self.choose_import_map(),
            Command::ForgetImportMap => {
                self.preferences.import_map = None;
                self.say(
                    super::Severity::Info,
                    "Imports use the built-in mapping again.",
                );
            }
            Command::ShowSuggestionKind(kind, shown) => {
                if let Some(session) = &mut self.session {
                    session.suggestions.show_kind(kind, shown);
                }
            }
            Command::NextSuggestion => self.step_suggestion(true),
            Command::PreviousSuggestion => self.step_suggestion(false),
            Command::SelectSuggestion(key) => self.select_suggestion(key),
            Command::AcceptSuggestion(key) => self.accept_suggestion(key),
            Command::RejectSuggestion(key) => self.reject_suggestion(key),
            Command::AcceptAllOfKind => self.accept_all_of_kind(),
            Command::Undo => self.undo_or_redo(true),
            Command::Redo => self.undo_or_redo(false),
            Command::Change { label, edits } => {
                self.change(&label, edits);
            }
            Command::AcceptReanchoring(id) => self.answer_reanchoring(id, true),
            Command::RejectReanchoring(id) => self.answer_reanchoring(id, false),
            Command::AcceptAllMoved => self.accept_all_moved(),
            Command::AcceptAllChanged => self.ask_accept_all_changed(),
            Command::AttachToSelection(id) => self.attach_to_selection(&id),
            Command::ShowReviewItem(id) => self.show_review_item(&id),
            Command::Delete(id) => {
                if let Some(session) = &mut self.session {
                    session.editor.select(Some(id));
                }
                self.delete_selected();
            }
            Command::PickParty => self.pick_party(),
            Command::CycleEntityType => self.cycle_entity_type(),
            Command::SetEntityType(name) => self.set_entity_type(&name),
            Command::AddFragment => self.add_fragment(),
            Command::ChangeKind(kind) => self.change_kind(kind),
            Command::MoveEdge {
                edge,
                step,
                forward,
            } => self.move_edge(edge, step, forward),
            Command::SetEdge { id, edge, to } => self.set_edge(&id, edge, to),
            Command::SetSpanToSelection => self.set_span_to_selection(),
            Command::CycleQuoteMode => self.cycle_quote_mode(),
            Command::SetQuoteMode(mode) => self.set_quote_mode(mode),
            Command::CycleCheckWorthiness => self.cycle_check_worthiness(),
            Command::SetCheckWorthiness(grade) => self.set_check_worthiness(grade),
            Command::PickVerdict => self.pick_verdict(),
            Command::SetVerdict(verdict) => self.set_verdict(verdict),
            Command::NextAnnotation => self.step_annotation(ctx, true),
            Command::PreviousAnnotation => self.step_annotation(ctx, false),
            Command::Find => self.find.open_and_focus(),
            Command::SearchFor(text) => {
                self.find.set_text(text);
                self.refresh_find(true);
            }
            Command::CloseFind => self.find.close(),
            Command::FindNext => self.find_step(true),
            Command::FindPrevious => self.find_step(false),
            Command::AnnotateAll => self.annotate_all(),
            Command::ShowShortcuts => self.window.show_shortcuts = !self.window.show_shortcuts,
            Command::ShowStatistics => {
                self.window.show_statistics = !self.window.show_statistics;
            }
            Command::ShowSettings => self.window.show_settings = !self.window.show_settings,
            Command::ToggleAutosave => {
                let on = !self.preferences.autosave;
                self.preferences.change(PreferenceChange::Autosave(on));
            }
            Command::SetPreference(change) => {
                let find = matches!(change, PreferenceChange::FindOptions(_));
                self.preferences.change(change);
                if find {
                    self.refresh_find(true);
                }
            }
            Command::SetTheme(theme) => ctx.set_theme(theme),
            Command::OpenFolderDialog => self.open_folder_dialog(),
            Command::OpenFolder(path) => self.open_folder(&path),
            Command::OpenInFolder(path) => self.open_from_folder(&path),
            Command::CloseFolder => self.folder = None,
            Command::NextArticle => self.step_article(true),
            Command::PreviousArticle => self.step_article(false),
            Command::StartCuration => self.start_curation(),
            Command::Decide(decision) => self.decide(decision),
            Command::DecideAlike(decision) => self.decide_many(decision, true),
            Command::DecideRest(decision) => self.decide_many(decision, false),
            Command::CurationStep(forward) => self.curation_step(forward),
            Command::FinishCuration => self.finish_curation(),
            Command::CancelCuration => {
                if let Some(session) = &mut self.session {
                    session.curation = None;
                }
            }
            Command::SwitchSet(name) => self.switch_set(&name),
            Command::NewSet => self.new_set(),
            Command::DuplicateSet => self.ask_for_path(PathPurpose::DuplicateSet, None),
            Command::RenameSet => self.ask_for_path(PathPurpose::RenameSet, None),
            Command::CompareWith(name) => self.compare_with(name.as_deref()),
            Command::Import(format) => self.import_from(format),
            Command::Export(format) => self.export_as(format),
            Command::CancelJob => self.cancel_opening(),
            Command::DismissMessage(index) => self.messages.dismiss(index),
        }
    }

    /// Shows the native dialog to pick an article, or the path field where there is none.
    fn open_dialog(&mut self) {
        let folder = self
            .session
            .as_ref()
            .and_then(|s| s.document().path().parent().map(Path::to_owned));
        self.choose_file(PathPurpose::OpenArticle, move |dialogs| {
            dialogs.pick_article(folder.as_deref())
        });
    }

    /// Opens `path`, first saving the open article's changes (autosave) or asking what to do
    /// with them.
    fn open_asking(&mut self, path: &Path) {
        let path = path.to_owned();
        match &self.session {
            Some(session) if session.is_dirty() && self.preferences.autosave => {
                self.after_saving(move |app| app.open_now(&path));
            }
            Some(session) if session.is_dirty() => {
                self.modal = Some(ModalDialog::UnsavedChanges {
                    file_name: session.document().file_name(),
                    then: PendingAction::Open(path),
                });
            }
            _ => self.open_now(&path),
        }
    }

    /// Asks for a path in a field, for `purpose` (with `note` saying why when there is one).
    pub(super) fn ask_for_path(&mut self, purpose: PathPurpose, note: Option<&str>) {
        let text = match (purpose, &self.session) {
            (PathPurpose::SaveAnnotations, Some(s)) => s.sidecar_path().display().to_string(),
            _ => String::new(),
        };
        self.modal = Some(ModalDialog::PathEntry {
            purpose,
            text,
            note: note.map(str::to_owned),
        });
    }

    /// Carries out the answer to the modal dialog on screen.
    pub(super) fn answer_modal(&mut self, ctx: &Context, answer: ModalAnswer) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        match (modal, answer) {
            (ModalDialog::ArticleChanged { .. }, ModalAnswer::Reload) => self.reload_article(),
            (ModalDialog::ArticleChanged { .. }, ModalAnswer::Cancel) => {
                if let Some(session) = &mut self.session {
                    session.disk.ignore_asked_about();
                }
            }
            (ModalDialog::SidecarChanged { .. }, ModalAnswer::Reload) => self.reload_sidecar(),
            (ModalDialog::SidecarChanged { .. }, ModalAnswer::Cancel) => {
                self.keep_current_annotations();
            }
            (_, ModalAnswer::Cancel) => {}
            (ModalDialog::UnsavedChanges { then, .. }, ModalAnswer::Save) => {
                let ctx = ctx.clone();
                self.after_saving(move |app| app.continue_with(&ctx, then));
            }
            (ModalDialog::UnsavedChanges { then, .. }, ModalAnswer::Discard) => {
                self.continue_with(ctx, then);
            }
            (ModalDialog::ConfirmDelete { id, .. }, ModalAnswer::Delete) => self.delete(&id),
            (ModalDialog::ConfirmAcceptChanged { .. }, ModalAnswer::AcceptChanged) => {
                self.accept_all_changed();
            }
            (ModalDialog::VerdictPicker { .. }, ModalAnswer::Verdict(verdict)) => {
                self.set_verdict(verdict);
            }
            (ModalDialog::PartyPicker { target, .. }, ModalAnswer::Party(party)) => {
                self.set_party(&target, party);
            }
            (ModalDialog::PathEntry { purpose, .. }, ModalAnswer::Path(path)) => {
                self.use_path(ctx, purpose, path);
            }
            (modal, _) => self.modal = Some(modal),
        }
    }

    /// Does what a path was asked for (by a file dialog or the path field).
    pub(super) fn use_path(
        &mut self,
        ctx: &Context,
        purpose: PathPurpose,
        path: std::path::PathBuf,
    ) {
        match purpose {
            PathPurpose::OpenArticle => self.apply(ctx, Command::Open(path)),
            PathPurpose::WebAddress => self.download(path.to_string_lossy().into_owned()),
            PathPurpose::WebFolder => {
                self.say(
                    super::Severity::Info,
                    format!("Web pages will be kept in “{}”.", path.display()),
                );
                self.preferences.web_folder = Some(path);
            }
            PathPurpose::SaveAnnotations => {
                self.save_elsewhere(&path);
            }
            PathPurpose::Import(format) => self.import_path(format, &path),
            PathPurpose::ImportMap => self.use_import_map(path),
            PathPurpose::OpenFolder => self.open_folder(&path),
            PathPurpose::DuplicateSet => self.duplicate_set(&path.to_string_lossy()),
            PathPurpose::RenameSet => self.rename_set(&path.to_string_lossy()),
            PathPurpose::Annotator => {
                let name = path.to_string_lossy().trim().to_owned();
                self.preferences.change(PreferenceChange::Annotator(name));
                self.new_set();
            }
            PathPurpose::Export(format) => self.export_path(format, &path),
        }
    }

    /// Goes on with what waited for the unsaved-changes question.
    pub(super) fn continue_with(&mut self, ctx: &Context, then: PendingAction) {
        match then {
            PendingAction::Open(path) => self.open_now(&path),
            PendingAction::Quit => {
                self.window.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }
}
