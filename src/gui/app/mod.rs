//! The application: the open article's session, preferences, and the one place where commands
//! are carried out ([`MarginaliaApp::apply`]). Editing commands live in [`editing`], find and
//! keyboard navigation in [`navigation`], autosave in [`autosave`].

mod autosave;
mod curating;
mod editing;
mod exchange;
pub mod folder_mode;
mod navigation;
mod opening;
mod review;
mod saving;
pub mod sets;
mod watch;

pub use opening::BACKGROUND_OPEN_BYTES;
pub use review::ReviewItem;

use crate::gui::command::Command;
use crate::gui::host::file_dialog::{DialogOutcome, FileDialogs};
use crate::gui::theme::Palette;
use crate::gui::views::article_view::{ArticleView, TextSelection, ViewInput};
use crate::gui::views::details::{self, DetailsInput};
use crate::gui::views::dialogs::{self, ModalAnswer, ModalDialog, PathPurpose, PendingAction};
use crate::gui::views::find_bar::{FindBar, FindEvent};
use crate::gui::views::{shortcuts, side_panel, swatch};
use crate::model::schema::Schema;
use crate::model::search::SearchOptions;
use crate::model::{AnnotationId, AnnotationSet, CharSpan, Document, History, Kind};
use crate::store::Extras;
use egui::{Align, Context, Layout, Panel, RichText, ThemePreference, Ui, ViewportCommand};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What statistics were counted for: the set's revision, the article and the set.
type StatisticsKey = (u64, PathBuf, Option<String>);

/// The key under which preferences are kept in eframe's storage.
pub const PREFERENCES_KEY: &str = "marginalia.preferences";
/// How many recent files File → Open Recent lists.
pub const MAX_RECENT_FILES: usize = 10;
const MIN_ZOOM: f32 = 0.5;
const MAX_ZOOM: f32 = 3.0;
const ZOOM_STEP: f32 = 1.1;

/// What Marginalia remembers between runs (the window size is kept by eframe itself).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Articles opened lately, most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Article text size factor.
    pub zoom: f32,
    /// Save the annotations a few seconds after each change and when the window loses focus.
    pub autosave: bool,
    /// How the find bar matches.
    pub find_options: SearchOptions,
    /// How Annotate All Occurrences matches.
    pub annotate_all_options: SearchOptions,
    /// Who annotates: new annotation sets are named after them.
    pub annotator: String,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent_files: Vec::new(),
            zoom: 1.0,
            autosave: true,
            find_options: SearchOptions::default(),
            annotate_all_options: SearchOptions {
                case_sensitive: true,
                whole_words: true,
            },
            annotator: sets::system_user(),
        }
    }
}

impl Preferences {
    /// Puts `path` first in the recent files, once, keeping at most [`MAX_RECENT_FILES`].
    pub fn remember(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_owned());
        self.recent_files.truncate(MAX_RECENT_FILES);
    }
}

/// How much a message matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Something done.
    Info,
    /// Something to look at.
    Warning,
    /// Something failed.
    Error,
}

/// A message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// How much it matters.
    pub severity: Severity,
    /// What it says.
    pub text: String,
}

/// One open article and its annotations.
pub struct Session {
    document: Document,
    annotations: AnnotationSet,
    /// What imports carried beside the annotations, for export.
    extras: Extras,
    view: ArticleView,
    selected: Option<AnnotationId>,
    history: History<Extras>,
    sidecar_path: PathBuf,
    /// The sidecar on disk could not be read: copy it to a `.bak` file before saving over it.
    keep_unreadable_sidecar: bool,
    /// The label schema in force for this article.
    schema: Schema,
    /// Find matches for the find bar's text, in text order.
    find_matches: Vec<CharSpan>,
    /// The text and options `find_matches` were computed for.
    find_key: Option<(String, SearchOptions)>,
    /// When changes were last seen, for autosave.
    autosave: autosave::AutosaveClock,
    /// What re-anchoring found when the article was opened, for the review panel.
    review: crate::anchor::Review,
    /// True once fonts for the article's scripts have been looked for.
    fonts_checked: bool,
    /// The watch on the article's folder (none when the system refused one).
    watch: Option<watch::FileWatch>,
    /// The hash of the sidecar as last read or written here, to tell other programs' writes.
    sidecar_hash: Option<blake3::Hash>,
    /// The article changed on disk and has not been compared yet.
    article_changed_on_disk: bool,
    /// The sidecar changed on disk (not by us) and the user has not been asked yet.
    sidecar_changed_on_disk: bool,
    /// A changed article text the user chose not to load.
    ignored_article: Option<crate::model::Fingerprint>,
    /// The text on disk the last “article changed” question was about.
    changed_article: Option<crate::model::Fingerprint>,
    /// A large article being read on a worker thread to see whether its text changed.
    article_check: Option<std::sync::mpsc::Receiver<Option<crate::model::Fingerprint>>>,
    /// The open annotation set: `None` for the default one (`<article>.ron`).
    set: Option<String>,
    /// A second set shown read-only over the article, to compare.
    overlay: Option<sets::Overlay>,
    /// A merge of the open set with the compared one, in progress.
    curation: Option<curating::CurationState>,
}

impl Session {
    /// The open article.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// Its annotations.
    pub fn annotations(&self) -> &AnnotationSet {
        &self.annotations
    }

    /// The article view.
    pub fn view(&self) -> &ArticleView {
        &self.view
    }

    /// The selected annotation.
    pub fn selected(&self) -> Option<&AnnotationId> {
        self.selected.as_ref()
    }

    /// True when there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        !self.history.is_saved()
    }

    /// The undo history.
    pub fn history(&self) -> &History<Extras> {
        &self.history
    }

    /// What imports carried beside the annotations, for export.
    pub fn extras(&self) -> &Extras {
        &self.extras
    }

    /// Where the annotations are saved.
    pub fn sidecar_path(&self) -> &Path {
        &self.sidecar_path
    }

    /// The label schema in force.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The find bar's matches, in text order.
    pub fn find_matches(&self) -> &[CharSpan] {
        &self.find_matches
    }

    /// Annotations related to the selected one: the mentions of a quote's speaker or a claim's
    /// claimant, or an entity's other mentions and its quotes and claims.
    pub fn related(&self) -> Vec<AnnotationId> {
        let Some(selected) = self
            .selected
            .as_ref()
            .and_then(|id| self.annotations.get(id))
        else {
            return Vec::new();
        };
        let mut related: Vec<AnnotationId> = match selected.attributes.party() {
            Some(crate::model::Party::Mention(mention)) => self
                .annotations
                .same_entity(mention)
                .into_iter()
                .map(|a| a.id.clone())
                .collect(),
            _ if selected.kind() == Kind::Entity => self
                .annotations
                .same_entity(&selected.id)
                .into_iter()
                .chain(self.annotations.statements_of(&selected.id))
                .map(|a| a.id.clone())
                .collect(),
            _ => Vec::new(),
        };
        related.retain(|id| id != &selected.id);
        related
    }
}

/// What the window takes from the machine it runs on: how files are chosen and where fonts are
/// looked for. Tests give stand-ins, so that they do not depend on the machine.
pub struct Host {
    /// The file dialogs.
    pub dialogs: Box<dyn FileDialogs>,
    /// Where installed fonts are looked for when an article needs them.
    pub fonts: crate::gui::host::fonts::FontSources,
}

impl Host {
    /// The desktop's own dialogs and fonts ([`crate::gui::host::fonts::FONT_DIRS_VARIABLE`] can
    /// replace the font folders).
    pub fn native() -> Self {
        Self {
            dialogs: Box::new(crate::gui::host::file_dialog::NativeDialogs),
            fonts: crate::gui::host::fonts::FontSources::from_env(),
        }
    }
}

/// Marginalia.
pub struct MarginaliaApp {
    preferences: Preferences,
    session: Option<Session>,
    messages: Vec<Message>,
    modal: Option<ModalDialog>,
    queue: Vec<Command>,
    dialogs: Box<dyn FileDialogs>,
    close_confirmed: bool,
    window_title: String,
    find_bar: FindBar,
    fonts: crate::gui::host::fonts::FontLibrary,
    /// Wakes the UI when a watched file changes.
    wake: watch::Wake,
    show_shortcuts: bool,
    /// The statistics window is open.
    show_statistics: bool,
    /// The counts the statistics window shows, and what they were counted for.
    statistics: Option<(StatisticsKey, crate::analysis::stats::Counts)>,
    /// Whether the window had focus last frame, to autosave when it loses it.
    window_focused: Option<bool>,
    /// Whether a text field had the keyboard focus at the end of last frame.
    typing_last_frame: bool,
    /// What the side panel's list shows.
    list_filter: side_panel::ListFilter,
    /// When the process started, until the first frame logs how long it took.
    started: Option<std::time::Instant>,
    /// The folder opened with File → Open Folder…, if any.
    folder: Option<folder_mode::FolderState>,
    /// The article being read on a worker thread, if any.
    opening: Option<opening::Opening>,
    /// The annotations being written on a worker thread, if any.
    saving: Option<saving::SaveJob>,
}

impl MarginaliaApp {
    /// The app, with preferences from eframe's storage, opening `article` if given (a folder
    /// opens in folder mode).
    pub fn new(cc: &eframe::CreationContext<'_>, article: Option<PathBuf>, host: Host) -> Self {
        let preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFERENCES_KEY))
            .unwrap_or_default();
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let mut app = Self {
            preferences,
            session: None,
            messages: Vec::new(),
            modal: None,
            queue: Vec::new(),
            dialogs: host.dialogs,
            close_confirmed: false,
            window_title: String::new(),
            find_bar: FindBar::default(),
            fonts: crate::gui::host::fonts::FontLibrary::new(host.fonts),
            wake: {
                let ctx = cc.egui_ctx.clone();
                std::sync::Arc::new(move || ctx.request_repaint())
            },
            show_shortcuts: false,
            show_statistics: false,
            statistics: None,
            window_focused: None,
            typing_last_frame: false,
            list_filter: side_panel::ListFilter::default(),
            started: None,
            folder: None,
            opening: None,
            saving: None,
        };
        app.find_bar.options = app.preferences.find_options;
        match article {
            Some(folder) if folder.is_dir() => app.apply(&cc.egui_ctx, Command::OpenFolder(folder)),
            Some(article) => app.apply(&cc.egui_ctx, Command::Open(article)),
            None => {}
        }
        app
    }

    /// Logs (at info level) how long after `started` the first frame was drawn.
    pub fn log_first_frame_since(&mut self, started: std::time::Instant) {
        self.started = Some(started);
    }

    /// The open article, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The messages shown to the user, oldest first.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// The modal dialog on screen, if any.
    pub fn modal(&self) -> Option<&ModalDialog> {
        self.modal.as_ref()
    }

    /// The preferences.
    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// Queues a command, as a menu entry or shortcut would.
    pub fn push_command(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// Selects text in the article, as a mouse drag or Shift+arrows would.
    pub fn select_text(&mut self, selection: TextSelection) {
        if let Some(session) = &mut self.session {
            session.view.set_selection(selection);
        }
    }

    fn say(&mut self, severity: Severity, text: impl Into<String>) {
        let text = text.into();
        match severity {
            Severity::Error => log::error!("{text}"),
            Severity::Warning => log::warn!("{text}"),
            Severity::Info => log::info!("{text}"),
        }
        self.messages.push(Message { severity, text });
        if self.messages.len() > 50 {
            self.messages.remove(0);
        }
    }

    /// Carries out one command: the only place that changes the session.
    pub fn apply(&mut self, ctx: &Context, command: Command) {
        ctx.request_repaint();
        if self.opening.is_some() && command != Command::Quit {
            log::info!("ignored {command:?} while an article opens");
            return;
        }
        match command {
            Command::OpenDialog => {
                let folder = self
                    .session
                    .as_ref()
                    .and_then(|s| s.document.path().parent().map(Path::to_owned));
                match self.dialogs.pick_article(folder.as_deref()) {
                    DialogOutcome::Chosen(path) => self.apply(ctx, Command::Open(path)),
                    DialogOutcome::Cancelled => {}
                    DialogOutcome::Unavailable => self.ask_for_path(
                        PathPurpose::OpenArticle,
                        Some("This system has no file dialog (no desktop portal and no zenity). Type the path of the article instead."),
                    ),
                }
            }
            Command::OpenByPath => self.ask_for_path(PathPurpose::OpenArticle, None),
            Command::Open(path) => match &self.session {
                Some(session) if session.is_dirty() && self.preferences.autosave => {
                    self.after_saving(move |app| app.open_now(&path));
                }
                Some(session) if session.is_dirty() => {
                    self.modal = Some(ModalDialog::UnsavedChanges {
                        file_name: session.document.file_name(),
                        then: PendingAction::Open(path),
                    });
                }
                _ => self.open_now(&path),
            },
            Command::Save => {
                self.save();
            }
            Command::SaveAs => self.save_as(),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Label(kind) => self.label(kind),
            Command::DeleteSelected => self.delete_selected(),
            Command::ClearSelection if self.show_shortcuts => self.show_shortcuts = false,
            Command::ClearSelection => {
                if let Some(session) = &mut self.session {
                    session.selected = None;
                    session.view.clear_selection();
                }
            }
            Command::SelectAll => {
                if let Some(session) = &mut self.session {
                    session.view.select_all(&session.document);
                }
            }
            Command::ZoomIn => self.set_zoom(self.preferences.zoom * ZOOM_STEP),
            Command::ZoomOut => self.set_zoom(self.preferences.zoom / ZOOM_STEP),
            Command::ZoomReset => self.set_zoom(1.0),
            Command::SelectAnnotation(id) => {
                if let Some(session) = &mut self.session {
                    session.selected = id;
                }
            }
            Command::RevealAnnotation(id) => {
                if let Some(session) = &mut self.session {
                    if let Some(annotation) = session.annotations.get(&id) {
                        session.view.scroll_to(annotation.span.start);
                    }
                    session.selected = Some(id);
                    ctx.memory_mut(|m| m.request_focus(session.view.id()));
                }
            }
            Command::Undo => self.undo_or_redo(true),
            Command::Redo => self.undo_or_redo(false),
            Command::Change { label, edits } => {
                self.change(&label, edits);
            }
            Command::AcceptReanchoring(id) => self.accept_reanchoring(&id),
            Command::AcceptAllReanchoring => self.accept_all_reanchoring(),
            Command::AttachToSelection(id) => self.attach_to_selection(&id),
            Command::ShowReviewItem(id) => self.show_review_item(&id),
            Command::Delete(id) => {
                if let Some(session) = &mut self.session {
                    session.selected = Some(id);
                }
                self.delete_selected();
            }
            Command::PickParty => self.pick_party(),
            Command::CycleEntityType => self.cycle_entity_type(),
            Command::SetEntityType(name) => self.set_entity_type(&name),
            Command::AddFragment => self.add_fragment(),
            Command::NextAnnotation => self.step_annotation(ctx, true),
            Command::PreviousAnnotation => self.step_annotation(ctx, false),
            Command::Find => self.find_bar.open_and_focus(),
            Command::FindNext => self.find_step(true),
            Command::FindPrevious => self.find_step(false),
            Command::AnnotateAll => self.annotate_all(),
            Command::ShowShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Command::ShowStatistics => self.show_statistics = !self.show_statistics,
            Command::ToggleAutosave => self.preferences.autosave = !self.preferences.autosave,
            Command::OpenFolderDialog => self.open_folder_dialog(),
            Command::OpenFolder(path) => self.open_folder(&path),
            Command::NextArticle => self.step_article(true),
            Command::PreviousArticle => self.step_article(false),
            Command::StartCuration => self.start_curation(),
            Command::Decide(decision) => self.decide(decision),
            Command::CurationStep(forward) => self.curation_step(forward),
            Command::FinishCuration => self.finish_curation(),
            Command::CancelCuration => self.cancel_curation(),
            Command::SwitchSet(name) => self.switch_set(&name),
            Command::NewSet => self.new_set(),
            Command::DuplicateSet => self.ask_for_path(PathPurpose::DuplicateSet, None),
            Command::RenameSet => self.ask_for_path(PathPurpose::RenameSet, None),
            Command::CompareWith(name) => self.compare_with(name.as_deref()),
            Command::Import(format) => self.import_from(format),
            Command::Export(format) => self.export_as(format),
        }
    }

    fn set_zoom(&mut self, zoom: f32) {
        self.preferences.zoom = (zoom * 100.0).round() / 100.0;
        self.preferences.zoom = self.preferences.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
    }

    fn ask_for_path(&mut self, purpose: PathPurpose, note: Option<&str>) {
        let text = match (purpose, &self.session) {
            (PathPurpose::SaveAnnotations, Some(s)) => s.sidecar_path.display().to_string(),
            _ => String::new(),
        };
        self.modal = Some(ModalDialog::PathEntry {
            purpose,
            text,
            note: note.map(str::to_owned),
        });
    }

    /// Opens `path` now, replacing the open article; on failure the open article stays.
    fn open_now(&mut self, path: &Path) {
        self.open_article(path, None, None);
    }

    /// Once per article: adds installed fonts for the scripts egui's fonts lack, and says which
    /// characters no font can show.
    fn cover_scripts(&mut self, ctx: &Context) {
        let Some(session) = &mut self.session else {
            return;
        };
        if session.fonts_checked {
            return;
        }
        session.fonts_checked = true;
        let coverage = self.fonts.cover(ctx, session.document.text().as_str());
        for font in &coverage.added {
            log::info!("added the font {} for this article", font.display());
        }
        if !coverage.missing.is_empty() {
            let sample: Vec<String> = coverage
                .missing
                .iter()
                .map(|c| format!("U+{:04X}", u32::from(*c)))
                .collect();
            self.say(
                Severity::Warning,
                format!(
                    "No installed font has some characters of this article ({}); they show as boxes. Install fonts that cover them, for example on Debian: sudo apt install fonts-noto-core fonts-noto-cjk fonts-symbola.",
                    sample.join(", ")
                ),
            );
        }
    }

    fn save_as(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let suggested = session.sidecar_path.clone();
        match self.dialogs.pick_save_path(&suggested) {
            DialogOutcome::Chosen(path) => {
                self.save_to(&path);
            }
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => self.ask_for_path(
                PathPurpose::SaveAnnotations,
                Some("This system has no file dialog (no desktop portal and no zenity). Type where to save the annotations."),
            ),
        }
    }

    fn answer_modal(&mut self, ctx: &Context, answer: ModalAnswer) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        match (modal, answer) {
            (ModalDialog::ArticleChanged { .. }, ModalAnswer::Reload) => self.reload_article(),
            (ModalDialog::ArticleChanged { .. }, ModalAnswer::Cancel) => {
                self.keep_current_article();
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
            (ModalDialog::PartyPicker { target, .. }, ModalAnswer::Party(party)) => {
                self.set_party(&target, party);
            }
            (ModalDialog::PathEntry { purpose, .. }, ModalAnswer::Path(path)) => match purpose {
                PathPurpose::OpenArticle => self.apply(ctx, Command::Open(path)),
                PathPurpose::SaveAnnotations => {
                    self.save_to(&path);
                }
                PathPurpose::Import(format) => self.import_path(format, &path),
                PathPurpose::OpenFolder => self.open_folder(&path),
                PathPurpose::DuplicateSet => self.duplicate_set(&path.to_string_lossy()),
                PathPurpose::RenameSet => self.rename_set(&path.to_string_lossy()),
                PathPurpose::Export(format) => self.export_path(format, &path),
            },
            (modal, _) => self.modal = Some(modal),
        }
    }

    fn continue_with(&mut self, ctx: &Context, then: PendingAction) {
        match then {
            PendingAction::Open(path) => self.open_now(&path),
            PendingAction::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Turns shortcut key presses into commands (not while a dialog is open, and plain keys not
    /// while a text field has focus).
    fn read_shortcuts(&mut self, ctx: &Context) {
        if self.modal.is_some() || self.opening.is_some() {
            return;
        }
        // egui drops a text field's focus on Escape before this runs, so a field that had the
        // focus last frame counts too: that Escape was the field's.
        let typing = ctx.text_edit_focused() || self.typing_last_frame;
        for command in Command::with_shortcuts() {
            if typing && command.yields_to_text_fields() {
                continue;
            }
            let pressed =
                ctx.input_mut(|i| command.shortcuts().iter().any(|s| i.consume_shortcut(s)));
            if pressed {
                self.queue.push(command);
            }
        }
        // The schema's entity type keys, for the selected entity.
        let Some(session) = &self.session else {
            return;
        };
        let entity_selected = session
            .selected
            .as_ref()
            .and_then(|id| session.annotations.get(id))
            .is_some_and(|a| a.kind() == Kind::Entity);
        if typing || !entity_selected {
            return;
        }
        for entity_type in &session.schema.entity_types {
            let Some(key) = entity_type
                .key
                .and_then(|k| egui::Key::from_name(&k.to_string()))
            else {
                continue;
            };
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                self.queue
                    .push(Command::SetEntityType(entity_type.name.clone()));
            }
        }
    }

    fn read_dropped_files(&mut self, ctx: &Context) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            self.queue.push(Command::Open(path));
        }
    }

    fn handle_close_request(&mut self, ctx: &Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.close_confirmed {
            return;
        }
        let dirty = self.session.as_ref().is_some_and(Session::is_dirty);
        if dirty && self.preferences.autosave {
            match self.save() {
                saving::SaveOutcome::Saved => return,
                saving::SaveOutcome::Started => {
                    // Close once the worker has written them.
                    ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                    let ctx = ctx.clone();
                    self.after_saving(move |app| app.continue_with(&ctx, PendingAction::Quit));
                    return;
                }
                saving::SaveOutcome::Failed => {}
            }
        }
        if let Some(session) = self.session.as_ref().filter(|s| s.is_dirty()) {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(ModalDialog::UnsavedChanges {
                file_name: session.document.file_name(),
                then: PendingAction::Quit,
            });
        }
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = match &self.session {
            Some(s) => {
                let dirty = if s.is_dirty() { "● " } else { "" };
                let set = s
                    .set
                    .as_ref()
                    .map_or_else(String::new, |n| format!(" [{n}]"));
                format!("{dirty}{}{set} — Marginalia", s.document.file_name())
            }
            None => "Marginalia".to_owned(),
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The open folder, if any.
    pub fn folder(&self) -> Option<&folder_mode::FolderState> {
        self.folder.as_ref()
    }

    /// Shows the statistics window when it is open, counting again only after changes.
    fn statistics_window(&mut self, ctx: &Context, palette: Palette) {
        let Some(session) = &self.session else {
            return;
        };
        if !self.show_statistics {
            return;
        }
        let key = (
            session.annotations.revision(),
            session.document.path().to_owned(),
            session.set.clone(),
        );
        if self.statistics.as_ref().is_none_or(|(k, _)| *k != key) {
            let counts = crate::analysis::stats::Counts::of(&session.annotations);
            self.statistics = Some((key, counts));
        }
        let Some((_, counts)) = &self.statistics else {
            return;
        };
        let folder = self.folder.as_ref().map(|f| {
            f.entries
                .iter()
                .map(|e| {
                    let name = e
                        .path
                        .strip_prefix(&f.root)
                        .unwrap_or(&e.path)
                        .display()
                        .to_string();
                    (name, e.status.as_ref().map(|s| s.annotations))
                })
                .collect()
        });
        let input = crate::gui::views::statistics::StatisticsInput {
            title: format!(
                "{} (set {})",
                session.document.file_name(),
                session.set_name()
            ),
            counts,
            folder,
            palette,
        };
        crate::gui::views::statistics::show(ctx, &mut self.show_statistics, &input);
    }

    /// Whether the statistics window is open.
    pub fn statistics_shown(&self) -> bool {
        self.show_statistics
    }

    /// The window title as last set.
    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in [
                    Command::OpenDialog,
                    Command::OpenByPath,
                    Command::OpenFolderDialog,
                ] {
                    self.menu_entry(ui, &ctx, command);
                }
                if self.folder.is_some() {
                    for command in [Command::NextArticle, Command::PreviousArticle] {
                        self.menu_entry(ui, &ctx, command);
                    }
                }
                ui.menu_button("Open Recent", |ui| {
                    if self.preferences.recent_files.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in self.preferences.recent_files.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.queue.push(Command::Open(path));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for command in [Command::Save, Command::SaveAs] {
                    self.menu_entry(ui, &ctx, command);
                }
                ui.separator();
                ui.menu_button("Import", |ui| {
                    for format in crate::interop::ImportFormat::ALL {
                        self.menu_entry(ui, &ctx, Command::Import(format));
                    }
                });
                ui.menu_button("Export", |ui| {
                    for format in crate::interop::ExportFormat::ALL {
                        self.menu_entry(ui, &ctx, Command::Export(format));
                    }
                });
                ui.separator();
                self.menu_entry(ui, &ctx, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                let (undo, redo) = self.session.as_ref().map_or((None, None), |s| {
                    (
                        s.history.undo_label().map(str::to_owned),
                        s.history.redo_label().map(str::to_owned),
                    )
                });
                for (command, step) in [(Command::Undo, undo), (Command::Redo, redo)] {
                    let enabled = step.is_some();
                    let text = match step {
                        Some(step) => format!("{} {step}", command.label()),
                        None => command.label(),
                    };
                    let mut button = egui::Button::new(text);
                    if let Some(shortcut) = command.shortcut_text(&ctx) {
                        button = button.shortcut_text(shortcut);
                    }
                    if ui.add_enabled(enabled, button).clicked() {
                        self.queue.push(command);
                        ui.close();
                    }
                }
                ui.separator();
                for command in [
                    Command::Label(Kind::Quote),
                    Command::Label(Kind::Claim),
                    Command::Label(Kind::Entity),
                    Command::AddFragment,
                    Command::AnnotateAll,
                    Command::DeleteSelected,
                ] {
                    self.menu_entry(ui, &ctx, command);
                }
                ui.separator();
                for command in [Command::PickParty, Command::CycleEntityType] {
                    self.menu_entry(ui, &ctx, command);
                }
                ui.separator();
                for command in [
                    Command::Find,
                    Command::FindNext,
                    Command::FindPrevious,
                    Command::NextAnnotation,
                    Command::PreviousAnnotation,
                    Command::SelectAll,
                    Command::ClearSelection,
                ] {
                    self.menu_entry(ui, &ctx, command);
                }
            });
            ui.menu_button("View", |ui| {
                for command in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
                    self.menu_entry(ui, &ctx, command);
                }
                ui.separator();
                self.menu_entry(ui, &ctx, Command::ShowStatistics);
                ui.separator();
                let mut theme = ctx.options(|o| o.theme_preference);
                let before = theme;
                ui.radio_value(
                    &mut theme,
                    ThemePreference::System,
                    "Follow the system theme",
                );
                ui.radio_value(&mut theme, ThemePreference::Light, "Light theme");
                ui.radio_value(&mut theme, ThemePreference::Dark, "Dark theme");
                if theme != before {
                    ctx.set_theme(theme);
                }
            });
            self.sets_menu(ui, &ctx);
            ui.menu_button("Settings", |ui| {
                let mut autosave = self.preferences.autosave;
                if ui
                    .checkbox(&mut autosave, "Autosave annotations")
                    .on_hover_text(
                        "Save a few seconds after each change and when the window loses focus",
                    )
                    .changed()
                {
                    self.queue.push(Command::ToggleAutosave);
                }
                ui.separator();
                ui.label("Annotate All Occurrences:");
                let options = &mut self.preferences.annotate_all_options;
                ui.checkbox(&mut options.whole_words, "Whole words only");
                ui.checkbox(&mut options.case_sensitive, "Match case");
                ui.separator();
                let label = ui.label("Annotator (new sets are named after them):");
                ui.text_edit_singleline(&mut self.preferences.annotator)
                    .labelled_by(label.id);
            });
            ui.menu_button("Help", |ui| {
                self.menu_entry(ui, &ctx, Command::ShowShortcuts);
            });
        });
    }

    fn menu_entry(&mut self, ui: &mut Ui, ctx: &Context, command: Command) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcut_text(ctx) {
            button = button.shortcut_text(shortcut);
        }
        if ui.add(button).clicked() {
            self.queue.push(command);
            ui.close();
        }
    }

    fn toolbar(&mut self, ui: &mut Ui, palette: Palette) {
        let ctx = ui.ctx().clone();
        ui.horizontal(|ui| {
            for kind in Kind::ALL {
                let command = Command::Label(kind);
                let key = command.shortcut_text(&ctx).unwrap_or_default();
                swatch(ui, kind, palette);
                if ui
                    .button(format!("{kind} ({key})"))
                    .on_hover_text(format!("{} — or press {key}", command.label()))
                    .clicked()
                {
                    self.queue.push(command);
                }
                ui.add_space(6.0);
            }
            ui.separator();
            let has_selection = self.session.as_ref().is_some_and(|s| s.selected.is_some());
            if ui
                .add_enabled(has_selection, egui::Button::new("Delete"))
                .on_hover_text("Delete the selected annotation (Delete)")
                .clicked()
            {
                self.queue.push(Command::DeleteSelected);
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                ui.label(format!("{:.0} %", self.preferences.zoom * 100.0))
                    .on_hover_text("Article text size: Ctrl+= / Ctrl+- / Ctrl+0");
            });
        });
    }

    fn message_banner(&mut self, ui: &mut Ui, palette: Palette) {
        let shown: Vec<(usize, Message)> = self
            .messages
            .iter()
            .enumerate()
            .filter(|(_, m)| m.severity != Severity::Info)
            .map(|(i, m)| (i, m.clone()))
            .collect();
        if shown.is_empty() {
            return;
        }
        Panel::top("messages").show(ui, |ui| {
            let mut dismiss = None;
            for (index, message) in shown.iter().rev().take(4) {
                ui.horizontal_wrapped(|ui| {
                    let color = match message.severity {
                        Severity::Error => palette.error(),
                        _ => palette.warning(),
                    };
                    if ui.small_button("Dismiss").clicked() {
                        dismiss = Some(*index);
                    }
                    ui.label(RichText::new(&message.text).color(color));
                });
            }
            if shown.len() > 4 {
                ui.label(format!("…and {} more", shown.len() - 4));
            }
            if let Some(index) = dismiss {
                self.messages.remove(index);
            }
        });
    }

    fn status_bar(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let info = self
                .messages
                .iter()
                .rev()
                .find(|m| m.severity == Severity::Info);
            if let Some(session) = &self.session {
                let span = session.view.selection().span();
                let source = match session.document.html_extractor() {
                    Some(version) => format!(" · text of a web page (extractor {version})"),
                    None => String::new(),
                };
                ui.label(format!(
                    "set {} · {}{source} · {} chars · {} paragraphs · selection {}–{} ({} chars)",
                    session.set_name(),
                    session.document.encoding(),
                    session.document.char_count(),
                    session.document.paragraphs().len(),
                    span.start.0,
                    span.end.0,
                    span.len()
                ));
                ui.separator();
                if let Some(job) = &self.saving {
                    ui.spinner();
                    ui.label(format!(
                        "Saving to “{}”…",
                        job.path().file_name().unwrap_or_default().to_string_lossy()
                    ));
                    ui.separator();
                } else if session.is_dirty() {
                    ui.label("• unsaved changes (Ctrl+S saves)");
                    ui.separator();
                }
            }
            if let Some(info) = info {
                ui.label(&info.text);
            }
        });
    }

    fn welcome(&mut self, ui: &mut Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.heading("Marginalia");
            ui.label("Annotate quotes, claims and entities in news articles.");
            ui.add_space(12.0);
            if ui.button("Open an article… (Ctrl+O)").clicked() {
                self.queue.push(Command::OpenDialog);
            }
            ui.label("or drop a text file on this window.");
            if !self.preferences.recent_files.is_empty() {
                ui.add_space(12.0);
                ui.label(RichText::new("Recent").strong());
                for path in self.preferences.recent_files.clone() {
                    if ui.link(path.display().to_string()).clicked() {
                        self.queue.push(Command::Open(path));
                    }
                }
            }
        });
    }
}

impl eframe::App for MarginaliaApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let palette = Palette::for_visuals(&ctx.global_style().visuals);
        self.handle_close_request(&ctx);
        self.read_curation_keys(&ctx);
        self.read_shortcuts(&ctx);
        self.read_dropped_files(&ctx);
        self.cover_scripts(&ctx);
        self.check_files(&ctx);
        self.poll_folder();
        self.poll_opening(&ctx);
        self.poll_saving(&ctx);

        Panel::top("menu_bar").show(ui, |ui| self.menu_bar(ui));
        Panel::top("toolbar").show(ui, |ui| self.toolbar(ui, palette));
        Panel::bottom("status_bar").show(ui, |ui| self.status_bar(ui));
        self.curation_bar(ui);
        self.message_banner(ui, palette);
        if self.find_bar.open && self.session.is_some() {
            let status = self.find_status();
            let event = Panel::top("find_bar")
                .show(ui, |ui| self.find_bar.show(ui, &status, &mut self.queue))
                .inner;
            self.preferences.find_options = self.find_bar.options;
            match event {
                Some(FindEvent::Changed) => self.refresh_find(true),
                Some(FindEvent::Closed) => {
                    if let Some(session) = &mut self.session {
                        session.find_matches.clear();
                        session.find_key = None;
                    }
                }
                None => {}
            }
        }
        self.folder_panel(ui);
        let comparison = self.session.as_mut().and_then(|s| {
            let name = s.overlay.as_ref()?.name.clone();
            Some((name, s.comparison()?.clone()))
        });
        if let Some(session) = &self.session {
            let selected = session.selected.clone();
            Panel::right("annotations")
                .resizable(true)
                .default_size(320.0)
                .min_size(220.0)
                .show(ui, |ui| {
                    if let Some((name, comparison)) = &comparison {
                        crate::gui::views::agreement_table::show(
                            ui,
                            session.set_name(),
                            name,
                            comparison,
                            &mut self.queue,
                        );
                        ui.separator();
                    }
                    let review = session.review_items();
                    if !review.is_empty() {
                        crate::gui::views::review::show(
                            ui,
                            &review,
                            selected.as_ref(),
                            palette,
                            &mut self.queue,
                        );
                    }
                    if let Some(annotation) =
                        selected.as_ref().and_then(|id| session.annotations.get(id))
                    {
                        let input = DetailsInput {
                            document: &session.document,
                            annotations: &session.annotations,
                            schema: &session.schema,
                            selection: session.view.selection().span(),
                            palette,
                        };
                        egui::CollapsingHeader::new("Details")
                            .default_open(true)
                            .show(ui, |ui| {
                                details::show(ui, &input, annotation, &mut self.queue);
                            });
                        ui.separator();
                    }
                    side_panel::show(
                        ui,
                        &session.annotations,
                        &session.schema,
                        &mut self.list_filter,
                        selected.as_ref(),
                        palette,
                        &mut self.queue,
                    );
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| match &mut self.session {
                Some(session) => {
                    let related = session.related();
                    let input = ViewInput {
                        document: &session.document,
                        annotations: &session.annotations,
                        selected: session.selected.as_ref(),
                        related: &related,
                        find_matches: &session.find_matches,
                        schema: &session.schema,
                        zoom: self.preferences.zoom,
                        palette,
                        overlay: session.overlay.as_ref().map(|o| &o.annotations),
                    };
                    session.view.show(ui, &input, &mut self.queue);
                    if ctx.memory(|m| m.focused().is_none()) && self.modal.is_none() {
                        ctx.memory_mut(|m| m.request_focus(session.view.id()));
                    }
                }
                None => self.welcome(ui),
            });

        if let Some(opening) = &self.opening {
            dialogs::show_progress(&ctx, "Opening", opening.status());
        }
        if let Some(modal) = &mut self.modal
            && let Some(answer) = dialogs::show(&ctx, modal)
        {
            self.answer_modal(&ctx, answer);
        }
        if let Some(session) = &self.session {
            shortcuts::show(&ctx, &mut self.show_shortcuts, &session.schema);
        }
        self.statistics_window(&ctx, palette);
        for command in std::mem::take(&mut self.queue) {
            self.apply(&ctx, command);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
        self.typing_last_frame = ctx.text_edit_focused();
        if let Some(started) = self.started.take() {
            log::info!(
                "first frame drawn {} ms after start",
                started.elapsed().as_millis()
            );
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFERENCES_KEY, &self.preferences);
    }
}
