//! The application: the open article's [`Session`] (made of parts that own their state), the
//! preferences, messages and background work, and [`MarginaliaApp::apply`], the one place where
//! commands are carried out. Each file holds one part's state or one family of commands:
//!
//! - state: [`editor`], [`disk`], [`find`], [`sets`], [`curating`], [`review`], [`autosave`],
//!   [`suggesting`], [`preferences`], [`messages`], [`session`];
//! - commands: [`apply`] (the dispatch), `editing`, `navigation`, `opening`, `saving`,
//!   `watching`, `exchange`, `folder_mode`, `learning`;
//! - [`window`]: each frame, which views are shown where, fed what.

mod apply;
pub mod autosave;
mod correcting;
pub mod curating;
pub mod disk;
mod editing;
pub mod editor;
mod exchange;
mod file_choice;
pub mod find;
pub mod folder_mode;
pub mod learning;
pub mod messages;
mod navigation;
pub mod opening;
pub mod preferences;
pub mod review;
pub mod sample;
pub mod saving;
pub mod session;
pub mod sets;
pub mod suggesting;
mod watching;
pub mod web_pages;
mod window;

pub use messages::{Message, Severity};
pub use opening::BACKGROUND_OPEN_BYTES;
pub use preferences::{PREFERENCES_KEY, Preferences};
pub use review::ReviewItem;
pub use session::Session;

use crate::gui::command::Command;
use crate::gui::host::file_dialog::FileDialogs;
use crate::gui::host::fonts::{FontLibrary, FontSources};
use crate::gui::jobs::{Job, Wake};
use crate::gui::keys::KeyTable;
use crate::gui::views::dialogs::ModalDialog;
use crate::gui::views::side_panel::SidePanel;
use crate::model::schema::Schema;
use crate::model::{CharSpan, Fingerprint, TextSelection};
use std::path::PathBuf;
use std::sync::Arc;

/// What the window takes from the machine it runs on: how files are chosen and where fonts are
/// looked for. Tests give stand-ins, so that they do not depend on the machine.
pub struct Host {
    /// The file dialogs (shown from a worker thread).
    pub dialogs: Box<dyn FileDialogs + Send>,
    /// Where installed fonts are looked for when an article needs them.
    pub fonts: FontSources,
    /// The user's data folder for Marginalia, where the sample's copy goes (`None`: none).
    pub data_dir: Option<PathBuf>,
}

impl Host {
    /// The desktop's own dialogs and fonts ([`crate::gui::host::fonts::FONT_DIRS_VARIABLE`]
    /// can replace the font folders).
    pub fn native() -> Self {
        Self {
            dialogs: Box::new(crate::gui::host::file_dialog::NativeDialogs),
            fonts: FontSources::from_env(),
            data_dir: eframe::storage_dir("marginalia"),
        }
    }
}

/// The work running in the background, by what it is for: each a [`Job`].
#[derive(Default)]
struct Background {
    /// The article being read.
    opening: Option<opening::Opening>,
    /// The annotations being written.
    saving: Option<saving::SaveJob>,
    /// A large article read again to see whether its text changed.
    article_check: Option<Job<Option<Fingerprint>>>,
    /// The sidecar read again to see whether another program changed it.
    sidecar_check: Option<Job<Option<blake3::Hash>>>,
    /// The changed article read and its annotations looked for again.
    reload: Option<Job<watching::Reloaded>>,
    /// The changed sidecar read.
    reload_sidecar: Option<Job<watching::SidecarRead>>,
    /// A second set read to compare.
    compare: Option<Job<sets::Compared>>,
    /// A file of another tool read.
    import: Option<Job<exchange::ImportRead>>,
    /// The annotations being written for another tool.
    export: Option<Job<exchange::ExportWritten>>,
    /// A file dialog on screen.
    dialog: Option<file_choice::OpenDialog>,
    /// The open article's suggestions being made.
    suggesting: Option<suggesting::SuggestJob>,
    /// Learning from the open folder's annotations.
    learning: Option<learning::LearnJob>,
    /// A web page being downloaded.
    download: Option<web_pages::DownloadJob>,
}

impl Background {
    /// What each running job does, for the status bar (opening has its own window).
    fn titles(&self) -> Vec<&str> {
        let saving = self.saving.as_ref().map(saving::SaveJob::title);
        let others = [
            self.article_check.as_ref().map(Job::title),
            self.sidecar_check.as_ref().map(Job::title),
            self.reload.as_ref().map(Job::title),
            self.reload_sidecar.as_ref().map(Job::title),
            self.compare.as_ref().map(Job::title),
            self.import.as_ref().map(Job::title),
            self.export.as_ref().map(Job::title),
            self.dialog.as_ref().map(file_choice::OpenDialog::title),
            self.suggesting
                .as_ref()
                .and_then(suggesting::SuggestJob::title),
            self.learning.as_ref().map(learning::LearnJob::title),
            self.download.as_ref().map(web_pages::DownloadJob::title),
        ];
        saving
            .into_iter()
            .chain(others.into_iter().flatten())
            .collect()
    }
}

/// What statistics were counted for: the set's revision, the article and the set.
type StatisticsKey = (u64, PathBuf, Option<String>);

/// What the window itself is doing, apart from the article.
#[derive(Default)]
struct WindowState {
    /// The user confirmed closing with unsaved changes.
    close_confirmed: bool,
    /// A termination signal arrived: saving, then closing.
    terminating: bool,
    /// Fonts for the window's own arrows and marks were looked for.
    symbols_covered: bool,
    /// The title as last set.
    title: String,
    /// The shortcut sheet is shown.
    show_shortcuts: bool,
    /// The statistics window is shown.
    show_statistics: bool,
    /// The settings window is shown.
    show_settings: bool,
    /// The counts the statistics window shows, and the (revision, article, set) they are of.
    statistics: Option<(StatisticsKey, crate::analysis::stats::Counts)>,
    /// Whether the window had focus last frame, to autosave when it loses it.
    focused: Option<bool>,
    /// Whether a text field had the keyboard focus at the end of last frame.
    typing_last_frame: bool,
    /// What the side panel's list shows.
    side_panel: SidePanel,
    /// When the process started, until the first frame logs how long it took.
    started: Option<std::time::Instant>,
}

/// Marginalia.
pub struct MarginaliaApp {
    preferences: Preferences,
    messages: messages::Messages,
    session: Option<Session>,
    find: find::Find,
    modal: Option<ModalDialog>,
    queue: Vec<Command>,
    dialogs: file_choice::SharedDialogs,
    /// Where the sample's copy goes.
    data_dir: Option<PathBuf>,
    fonts: FontLibrary,
    /// Wakes the UI when background work or a watched file has news.
    wake: Wake,
    background: Background,
    folder: Option<folder_mode::FolderState>,
    window: WindowState,
    /// The keys when no article is open.
    default_keys: KeyTable,
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
        crate::gui::host::signals::listen(&cc.egui_ctx);
        let ctx = cc.egui_ctx.clone();
        let mut app = Self {
            preferences,
            messages: messages::Messages::default(),
            session: None,
            find: find::Find::default(),
            modal: None,
            queue: Vec::new(),
            dialogs: std::sync::Arc::new(std::sync::Mutex::new(host.dialogs)),
            fonts: FontLibrary::new(host.fonts),
            data_dir: host.data_dir,
            wake: Arc::new(move || ctx.request_repaint()),
            background: Background::default(),
            folder: None,
            window: WindowState::default(),
            default_keys: KeyTable::new(&Schema::default()),
        };
        match article {
            Some(folder) if folder.is_dir() => app.apply(&cc.egui_ctx, Command::OpenFolder(folder)),
            Some(article) => app.apply(&cc.egui_ctx, Command::Open(article)),
            None => {}
        }
        app
    }

    /// Logs (at info level) how long after `started` the first frame was drawn.
    pub fn log_first_frame_since(&mut self, started: std::time::Instant) {
        self.window.started = Some(started);
    }

    /// The open article, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The messages shown to the user, oldest first.
    pub fn messages(&self) -> &[Message] {
        self.messages.all()
    }

    /// The modal dialog on screen, if any.
    pub fn modal(&self) -> Option<&ModalDialog> {
        self.modal.as_ref()
    }

    /// The preferences.
    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// The find bar's matches in the open article, in text order.
    pub fn find_matches(&self) -> &[CharSpan] {
        self.find.matches()
    }

    /// The open folder, if any.
    pub fn folder(&self) -> Option<&folder_mode::FolderState> {
        self.folder.as_ref()
    }

    /// The article being opened in the background, if any.
    pub fn opening(&self) -> Option<&opening::Opening> {
        self.background.opening.as_ref()
    }

    /// The save running in the background, if any.
    pub fn saving(&self) -> Option<&saving::SaveJob> {
        self.background.saving.as_ref()
    }

    /// What each job running in the background does (those too short to mention aside).
    pub fn background_work(&self) -> Vec<&str> {
        self.background.titles()
    }

    /// True while any work runs in the background, however short.
    pub fn is_busy(&self) -> bool {
        !self.background.titles().is_empty() || self.background.suggesting.is_some()
    }

    /// Whether the window has decided to close (asked, saved, or ended by a signal).
    pub fn is_closing(&self) -> bool {
        self.window.close_confirmed
    }

    /// Whether the settings window is open.
    pub fn settings_shown(&self) -> bool {
        self.window.show_settings
    }

    /// Whether the statistics window is open.
    pub fn statistics_shown(&self) -> bool {
        self.window.show_statistics
    }

    /// The window title as last set.
    pub fn window_title(&self) -> &str {
        &self.window.title
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

    /// The keys in force: the open article's (with its schema's), or the built-in ones.
    fn keys(&self) -> &KeyTable {
        self.session
            .as_ref()
            .map_or(&self.default_keys, |s| &s.keys)
    }

    fn say(&mut self, severity: Severity, text: impl Into<String>) {
        self.messages.say(severity, text);
    }
}

impl eframe::App for MarginaliaApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_place();
        eframe::set_value(storage, PREFERENCES_KEY, &self.preferences);
    }
}
