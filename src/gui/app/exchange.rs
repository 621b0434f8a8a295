//! File → Import and File → Export: the same code as `marginalia import` and `export`
//! ([`crate::interop`]), with the window's file dialogs and messages. Reading and writing the
//! files are jobs, so a slow disk or a large set never stops the window.

use super::{MarginaliaApp, Severity};
use crate::gui::jobs::{Job, Poll};
use crate::gui::views::dialogs::PathPurpose;
use crate::interop::{
    self, ExportFormat, Exported, ImportFormat, Imported, InteropError, LabelMap,
};
use crate::model::{Edit, Placement};
use egui::Context;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A file of another tool read for import: its name and what it gave.
pub type ImportRead = (String, Result<Imported, InteropError>);

/// An export written in the background.
pub struct ExportWritten {
    format: ExportFormat,
    path: PathBuf,
    count: usize,
    exported: Result<Exported, InteropError>,
}

/// Problems listed in a message; the rest are counted.
const PROBLEMS_SHOWN: usize = 3;

impl MarginaliaApp {
    pub(super) fn import_from(&mut self, format: ImportFormat) {
        let Some(session) = &self.session else {
            return;
        };
        let folder = session.document().path().parent().map(Path::to_owned);
        self.choose_file(PathPurpose::Import(format), move |dialogs| {
            dialogs.pick_import(format, folder.as_deref())
        });
    }

    /// Asks for the mapping file imports use.
    pub(super) fn choose_import_map(&mut self) {
        let folder = self
            .session
            .as_ref()
            .and_then(|s| s.document().path().parent().map(Path::to_owned));
        self.choose_file(PathPurpose::ImportMap, move |dialogs| {
            dialogs.pick_map(folder.as_deref())
        });
    }

    /// Makes imports read labels with the mapping file at `path`, once it reads.
    pub(super) fn use_import_map(&mut self, path: PathBuf) {
        match LabelMap::read(&path) {
            Ok(_) => {
                self.say(
                    Severity::Info,
                    format!(
                        "Imports now read labels with the mapping file “{}”.",
                        path.display()
                    ),
                );
                self.preferences.import_map = Some(path);
            }
            Err(error) => self.say(
                Severity::Error,
                format!("{error}. Imports go on with the mapping they had."),
            ),
        }
    }

    /// Reads the annotations in `path` in the background; [`MarginaliaApp::poll_import`] puts
    /// them in place of the open ones, as one undoable step, unless the annotations changed
    /// meanwhile.
    pub(super) fn import_path(&mut self, format: ImportFormat, path: &Path) {
        let Some(session) = &self.session else {
            return;
        };
        let name = file_name(path);
        let document = session.editor.shared_document();
        let source = path.to_owned();
        let chosen = match &self.preferences.import_map {
            Some(map_path) => match LabelMap::read(map_path) {
                Ok(map) => map,
                Err(error) => {
                    self.say(
                        Severity::Error,
                        format!("{error}. Nothing was imported; fix the file or choose File → Import → Built-in Mapping."),
                    );
                    return;
                }
            },
            None => LabelMap::default(),
        };
        let map = chosen.knowing(session.schema.entity_types.iter().map(|t| t.name.clone()));
        self.background.import = Some(Job::single(
            format!("Importing “{name}”"),
            Some(session.stamp(true)),
            &self.wake,
            move |_| {
                let imported = interop::import_file(format, &source, &document, &map);
                (name, imported)
            },
        ));
    }

    /// Puts imported annotations in place once they are read.
    pub(super) fn poll_import(&mut self, ctx: &Context) {
        let now = self.session.as_ref().map(|s| s.stamp(true));
        let Some(job) = &mut self.background.import else {
            return;
        };
        let read = match job.poll(now.as_ref()) {
            Poll::Running(_) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Done(mut results) => results.pop(),
            Poll::Stale => {
                self.background.import = None;
                self.say(
                    Severity::Warning,
                    "The annotations changed while the file was read; nothing was imported. Import again.",
                );
                return;
            }
            Poll::Lost => None,
        };
        self.background.import = None;
        match read {
            Some((name, Ok(imported))) => self.put_imported(&name, imported),
            Some((_, Err(error))) => {
                self.say(Severity::Error, format!("Nothing was imported: {error}."));
            }
            None => self.say(
                Severity::Error,
                "Reading the file to import stopped unexpectedly; nothing was imported.",
            ),
        }
    }

    /// Replaces the annotations with `imported` (from file `name`), as one undoable step.
    fn put_imported(&mut self, name: &str, imported: Imported) {
        let Some(session) = &mut self.session else {
            return;
        };
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
        let old = session.editor.annotations();
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
        // The annotations and what the file carried beside them are one undoable step.
        let label = format!("Import from “{name}”");
        if let Err(error) = session
            .editor
            .perform_import(&label, edits, imported.extras)
        {
            self.say(
                Severity::Error,
                format!("Nothing was imported from “{name}”: {error}."),
            );
            return;
        }
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
        let article = session.document().path();
        let stem = article
            .file_stem()
            .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned());
        let suggested = match format.extension() {
            None => article.with_file_name(format!("{stem}-brat")),
            Some(extension) => article.with_file_name(format!("{stem}.{extension}")),
        };
        self.choose_file(PathPurpose::Export(format), move |dialogs| {
            dialogs.pick_export(format, &suggested)
        });
    }

    /// Writes the annotations, saved or not, to `path` in `format`, in the background.
    pub(super) fn export_path(&mut self, format: ExportFormat, path: &Path) {
        let Some(session) = &self.session else {
            return;
        };
        let colours = crate::interop::brat::BratColours::for_schema(&session.schema);
        let document = session.editor.shared_document();
        let annotations = session.annotations().clone();
        let extras = session.extras().clone();
        let output = path.to_owned();
        self.background.export = Some(Job::single(
            format!("Exporting to “{}”", file_name(path)),
            None,
            &self.wake,
            move |_| {
                let exported = interop::export_to(
                    format,
                    &document,
                    &annotations,
                    &extras,
                    &LabelMap::default(),
                    &colours,
                    &output,
                );
                ExportWritten {
                    format,
                    path: output,
                    count: annotations.anchored().len(),
                    exported,
                }
            },
        ));
    }

    /// Says how the export went once it is written.
    pub(super) fn poll_export(&mut self, ctx: &Context) {
        let Some(job) = &mut self.background.export else {
            return;
        };
        let written = match job.poll(None) {
            Poll::Running(_) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Done(mut results) => results.pop(),
            Poll::Stale | Poll::Lost => None,
        };
        self.background.export = None;
        let Some(ExportWritten {
            format,
            path,
            count,
            exported,
        }) = written
        else {
            self.say(
                Severity::Error,
                "Exporting stopped unexpectedly; check what was written before you use it.",
            );
            return;
        };
        match exported {
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
