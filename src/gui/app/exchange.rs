//! File → Import and File → Export: the same code as `marginalia import` and `export`
//! ([`crate::interop`]), with the window's file dialogs and messages.

use super::{MarginaliaApp, Severity};
use crate::gui::host::file_dialog::DialogOutcome;
use crate::gui::views::dialogs::PathPurpose;
use crate::interop::{self, ExportFormat, ImportFormat, LabelMap};
use crate::model::{Edit, Placement};
use std::path::Path;

/// Problems listed in a message; the rest are counted.
const PROBLEMS_SHOWN: usize = 3;

impl MarginaliaApp {
    pub(super) fn import_from(&mut self, format: ImportFormat) {
        let Some(session) = &self.session else {
            return;
        };
        let folder = session.document.path().parent().map(Path::to_owned);
        match self.dialogs.pick_import(format, folder.as_deref()) {
            DialogOutcome::Chosen(path) => self.import_path(format, &path),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => self.ask_for_path(
                PathPurpose::Import(format),
                Some("This system has no file dialog (no desktop portal and no zenity). Type the path of the file to import."),
            ),
        }
    }

    /// Replaces the annotations with those in `path`, as one undoable step.
    pub(super) fn import_path(&mut self, format: ImportFormat, path: &Path) {
        let Some(session) = &self.session else {
            return;
        };
        let imported =
            match interop::import_file(format, path, &session.document, &LabelMap::default()) {
                Ok(imported) => imported,
                Err(error) => {
                    self.say(Severity::Error, format!("Nothing was imported: {error}."));
                    return;
                }
            };
        let name = file_name(path);
        if imported.set.is_empty() && !imported.problems.is_empty() {
            self.say(
                Severity::Error,
                format!(
                    "Nothing could be imported from “{name}”: {}",
                    summary(&imported.problems)
                ),
            );
            return;
        }
        let old = &session.annotations;
        let replaced = old.len();
        let mut edits: Vec<Edit> = old
            .anchored()
            .iter()
            .chain(old.unanchored())
            .map(|a| Edit::Remove(a.id.clone()))
            .collect();
        edits.extend(
            imported
                .set
                .anchored()
                .iter()
                .map(|a| Edit::Insert(a.clone(), Placement::Anchored)),
        );
        let count = imported.set.len();
        let label = format!("Import from “{name}”");
        let Some(session) = &mut self.session else {
            return;
        };
        // The annotations and what the file carried beside them are one undoable step.
        if let Err(error) = session.history.perform_replacing(
            &mut session.annotations,
            &mut session.extras,
            &session.document,
            label,
            edits,
            imported.extras,
        ) {
            self.say(
                Severity::Error,
                format!("Nothing was imported from “{name}”: {error}."),
            );
            return;
        }
        session.selected = None;
        let replacing = if replaced > 0 {
            format!(", replacing {replaced}; Ctrl+Z brings them back")
        } else {
            String::new()
        };
        self.say(
            Severity::Info,
            format!("Imported {count} annotation(s) from “{name}”{replacing}."),
        );
        if !imported.problems.is_empty() {
            self.say(
                Severity::Warning,
                format!(
                    "Some of “{name}” could not be imported: {}",
                    summary(&imported.problems)
                ),
            );
        }
    }

    pub(super) fn export_as(&mut self, format: ExportFormat) {
        let Some(session) = &self.session else {
            return;
        };
        let article = session.document.path();
        let stem = article
            .file_stem()
            .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned());
        let suggested = match format.extension() {
            None => article.with_file_name(format!("{stem}-brat")),
            Some(extension) => article.with_file_name(format!("{stem}.{extension}")),
        };
        match self.dialogs.pick_export(format, &suggested) {
            DialogOutcome::Chosen(path) => self.export_path(format, &path),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => self.ask_for_path(
                PathPurpose::Export(format),
                Some("This system has no file dialog (no desktop portal and no zenity). Type where to export."),
            ),
        }
    }

    /// Writes the annotations, saved or not, to `path` in `format`.
    pub(super) fn export_path(&mut self, format: ExportFormat, path: &Path) {
        let Some(session) = &self.session else {
            return;
        };
        let colours = crate::interop::brat::BratColours::for_schema(&session.schema);
        let result = interop::export_to(
            format,
            &session.document,
            &session.annotations,
            &session.extras,
            &LabelMap::default(),
            &colours,
            path,
        );
        let count = session.annotations.anchored().len();
        match result {
            Ok(exported) => {
                self.say(
                    Severity::Info,
                    format!(
                        "Exported {count} annotation(s) as {} to “{}”.",
                        format.name(),
                        path.display()
                    ),
                );
                if !exported.left_out.is_empty() {
                    self.say(
                        Severity::Warning,
                        format!(
                            "{} cannot carry everything: {}",
                            format.name(),
                            summary(&exported.left_out)
                        ),
                    );
                }
            }
            Err(error) => self.say(Severity::Error, format!("Nothing was exported: {error}.")),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The first few items, and how many more there are.
fn summary(items: &[String]) -> String {
    let mut text = items
        .iter()
        .take(PROBLEMS_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if items.len() > PROBLEMS_SHOWN {
        text.push_str(&format!("; and {} more", items.len() - PROBLEMS_SHOWN));
    }
    text
}
