//! Choosing files: the native dialog through `rfd`, and telling when the system has none.
//!
//! On Linux, rfd asks the desktop portal and falls back to `zenity`; where neither exists (a bare
//! X server) it logs an error and returns nothing, exactly as when the user cancels. The
//! [`DialogFailureLogger`] notices that error so that the app can offer a path field instead of
//! silently doing nothing.

use crate::interop::{ExportFormat, ImportFormat};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// What a file dialog gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// The system has no file dialog service.
    Unavailable,
}

/// A source of file choices: the native dialogs, or a stand-in in tests.
pub trait FileDialogs {
    /// Asks for an article to open, starting in `folder`.
    fn pick_article(&mut self, folder: Option<&Path>) -> DialogOutcome;
    /// Asks where to save a sidecar, suggesting `suggested`.
    fn pick_save_path(&mut self, suggested: &Path) -> DialogOutcome;
    /// Asks for a folder of articles, starting in `folder`.
    fn pick_folder(&mut self, folder: Option<&Path>) -> DialogOutcome;
    /// Asks for a file to import in `format`, starting in `folder`.
    fn pick_import(&mut self, format: ImportFormat, folder: Option<&Path>) -> DialogOutcome;
    /// Asks where to export in `format` (a folder for brat, else a file), suggesting
    /// `suggested`.
    fn pick_export(&mut self, format: ExportFormat, suggested: &Path) -> DialogOutcome;
    /// Asks for a mapping file for imports, starting in `folder`.
    fn pick_map(&mut self, folder: Option<&Path>) -> DialogOutcome;
}

/// Set when rfd logs an error: its dialog could not be shown.
static DIALOG_FAILED: AtomicBool = AtomicBool::new(false);

/// A logger that forwards to `inner` and notices when rfd fails to show a dialog.
pub struct DialogFailureLogger<L> {
    /// The logger that prints.
    pub inner: L,
}

impl<L: log::Log> log::Log for DialogFailureLogger<L> {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target().starts_with("rfd") || self.inner.enabled(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if record.level() == log::Level::Error && record.target().starts_with("rfd") {
            DIALOG_FAILED.store(true, Ordering::SeqCst);
        }
        self.inner.log(record);
    }

    fn flush(&self) {
        self.inner.flush();
    }
}

/// The native dialogs (portal, zenity, or the platform's own).
#[derive(Default)]
pub struct NativeDialogs;

impl NativeDialogs {
    fn run(dialog: impl FnOnce() -> Option<PathBuf>) -> DialogOutcome {
        DIALOG_FAILED.store(false, Ordering::SeqCst);
        match dialog() {
            Some(path) => DialogOutcome::Chosen(path),
            None if DIALOG_FAILED.swap(false, Ordering::SeqCst) => DialogOutcome::Unavailable,
            None => DialogOutcome::Cancelled,
        }
    }
}

impl FileDialogs for NativeDialogs {
    fn pick_article(&mut self, folder: Option<&Path>) -> DialogOutcome {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Open an article")
            .add_filter(
                "Articles",
                &["txt", "md", "html", "htm", "docx", "odt", "pdf"],
            )
            .add_filter("All files", &["*"]);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        Self::run(|| dialog.pick_file())
    }

    fn pick_save_path(&mut self, suggested: &Path) -> DialogOutcome {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save annotations as")
            .add_filter("Marginalia annotations", &["ron"]);
        if let Some(folder) = suggested.parent() {
            dialog = dialog.set_directory(folder);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        Self::run(|| dialog.save_file())
    }

    fn pick_folder(&mut self, folder: Option<&Path>) -> DialogOutcome {
        let mut dialog = rfd::FileDialog::new().set_title("Open a folder of articles");
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        Self::run(|| dialog.pick_folder())
    }

    fn pick_import(&mut self, format: ImportFormat, folder: Option<&Path>) -> DialogOutcome {
        let mut dialog = rfd::FileDialog::new()
            .set_title(format!("Import annotations: {}", format.name()))
            .add_filter(format.name(), format.extensions())
            .add_filter("All files", &["*"]);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        Self::run(|| dialog.pick_file())
    }

    fn pick_map(&mut self, folder: Option<&Path>) -> DialogOutcome {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Mapping file for imports")
            .add_filter("Mapping files", &["ron"])
            .add_filter("All files", &["*"]);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        Self::run(|| dialog.pick_file())
    }

    fn pick_export(&mut self, format: ExportFormat, suggested: &Path) -> DialogOutcome {
        let mut dialog =
            rfd::FileDialog::new().set_title(format!("Export annotations: {}", format.name()));
        if let Some(folder) = suggested.parent() {
            dialog = dialog.set_directory(folder);
        }
        match format.extension() {
            None => Self::run(|| dialog.pick_folder()),
            Some(extension) => {
                if let Some(name) = suggested.file_name() {
                    dialog = dialog.set_file_name(name.to_string_lossy());
                }
                dialog = dialog.add_filter(format.name(), &[extension]);
                Self::run(|| dialog.save_file())
            }
        }
    }
}
