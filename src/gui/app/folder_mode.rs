//! Folder mode: File → Open Folder… lists the articles of a folder and below with how far each
//! is annotated (read in the background), and Ctrl+PageDown / Ctrl+PageUp go from article to
//! article, saving as they go.

use super::{MarginaliaApp, Severity};
use crate::gui::host::file_dialog::DialogOutcome;
use crate::gui::views::dialogs::PathPurpose;
use crate::store::folder::{self, ArticleStatus};
use egui::{Panel, RichText, ScrollArea, Ui};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

/// The open folder.
pub struct FolderState {
    /// The folder.
    pub root: PathBuf,
    /// Its articles, in path order, with their status once read.
    pub entries: Vec<FolderEntry>,
    receiver: Receiver<(usize, ArticleStatus)>,
    /// How many statuses have arrived.
    read: usize,
}

/// One article of the open folder.
pub struct FolderEntry {
    /// The article.
    pub path: PathBuf,
    /// How far it is annotated; `None` until read.
    pub status: Option<ArticleStatus>,
}

impl FolderState {
    /// True while statuses are still being read.
    pub fn reading(&self) -> bool {
        self.read < self.entries.len()
    }
}

impl MarginaliaApp {
    pub(super) fn open_folder_dialog(&mut self) {
        let start = self
            .session
            .as_ref()
            .and_then(|s| s.document.path().parent().map(Path::to_owned));
        match self.dialogs.pick_folder(start.as_deref()) {
            DialogOutcome::Chosen(path) => self.open_folder(&path),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => self.ask_for_path(
                PathPurpose::OpenFolder,
                Some("This system has no file dialog (no desktop portal and no zenity). Type the path of the folder."),
            ),
        }
    }

    /// Lists the articles of `root`, starts reading their statuses, and opens the first one
    /// unless the open article is in the folder.
    pub(super) fn open_folder(&mut self, root: &Path) {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_owned());
        let articles = match folder::articles_in(&root) {
            Ok(articles) => articles,
            Err(error) => {
                self.say(
                    Severity::Error,
                    format!("Could not read the folder “{}”: {error}.", root.display()),
                );
                return;
            }
        };
        if articles.is_empty() {
            self.say(
                Severity::Warning,
                format!(
                    "“{}” has no articles (.txt, .md, .html or .htm files) in it or below.",
                    root.display()
                ),
            );
            return;
        }
        let receiver = folder::scan_in_background(articles.clone(), self.wake.clone());
        let count = articles.len();
        let first = articles[0].clone();
        self.folder = Some(FolderState {
            root: root.clone(),
            entries: articles
                .into_iter()
                .map(|path| FolderEntry { path, status: None })
                .collect(),
            receiver,
            read: 0,
        });
        self.say(
            Severity::Info,
            format!(
                "Folder “{}”: {count} article(s). Ctrl+PageDown and Ctrl+PageUp go from one to the next, saving as they go.",
                root.display()
            ),
        );
        if self.current_index().is_none() {
            self.open_from_folder(&first);
        }
    }

    /// The open article's place in the folder list.
    fn current_index(&self) -> Option<usize> {
        let folder = self.folder.as_ref()?;
        let open = self.session.as_ref()?.document.path();
        folder.entries.iter().position(|e| e.path == open)
    }

    /// Opens the next (or previous) article of the folder, saving the open one first.
    pub(super) fn step_article(&mut self, forward: bool) {
        let Some(folder) = &self.folder else {
            self.say(
                Severity::Info,
                "Open a folder first (File → Open Folder…) to go from article to article.",
            );
            return;
        };
        let count = folder.entries.len();
        let next = match (self.current_index(), forward) {
            (Some(i), true) if i + 1 < count => i + 1,
            (Some(i), false) if i > 0 => i - 1,
            (Some(_), _) => {
                let edge = if forward { "last" } else { "first" };
                self.say(
                    Severity::Info,
                    format!("This is the {edge} article of the folder."),
                );
                return;
            }
            (None, _) => 0,
        };
        let path = folder.entries[next].path.clone();
        self.open_from_folder(&path);
    }

    /// Opens `path`, saving the open article's changes first (folder mode never asks).
    pub(super) fn open_from_folder(&mut self, path: &Path) {
        let path = path.to_owned();
        self.after_saving(move |app| app.open_now(&path));
    }

    /// Updates the open article's line of the folder list after its default set was saved,
    /// from what is in memory (reading the files again would stall the window on a large
    /// article).
    pub(super) fn refresh_open_status(&mut self) {
        let (Some(folder), Some(session)) = (&mut self.folder, &self.session) else {
            return;
        };
        if session.set.is_some() {
            return;
        }
        let path = session.document.path();
        if let Some(entry) = folder.entries.iter_mut().find(|e| e.path == path) {
            let sets = crate::store::sidecar::list_sets(path)
                .into_iter()
                .flatten()
                .collect();
            entry.status = Some(ArticleStatus {
                annotations: session.annotations.len(),
                sets,
                changed: false,
                problem: None,
            });
        }
    }

    /// Takes the statuses read in the background so far.
    pub(super) fn poll_folder(&mut self) {
        if let Some(folder) = &mut self.folder {
            while let Ok((index, status)) = folder.receiver.try_recv() {
                folder.read += 1;
                if let Some(entry) = folder.entries.get_mut(index)
                    && entry.status.is_none()
                {
                    entry.status = Some(status);
                }
            }
        }
    }

    /// The folder's article list, on the left.
    pub(super) fn folder_panel(&mut self, ui: &mut Ui) {
        let current = self.current_index();
        let Some(folder) = &self.folder else {
            return;
        };
        let mut open = None;
        let mut close = false;
        Panel::left("folder")
            .resizable(true)
            .default_size(260.0)
            .min_size(160.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let name = folder.root.file_name().map_or_else(
                        || folder.root.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    ui.heading(name);
                    if ui.small_button("Close").clicked() {
                        close = true;
                    }
                });
                let annotated = folder
                    .entries
                    .iter()
                    .filter(|e| e.status.as_ref().is_some_and(|s| s.annotations > 0))
                    .count();
                ui.label(format!(
                    "{} articles, {annotated} annotated",
                    folder.entries.len()
                ));
                if folder.reading() {
                    ui.label(
                        RichText::new(format!(
                            "Reading {} of {}…",
                            folder.read,
                            folder.entries.len()
                        ))
                        .small(),
                    );
                }
                ui.separator();
                let row_height = ui.spacing().interact_size.y;
                ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show_rows(ui, row_height, folder.entries.len(), |ui, rows| {
                        for index in rows {
                            let entry = &folder.entries[index];
                            let name = entry
                                .path
                                .strip_prefix(&folder.root)
                                .unwrap_or(&entry.path)
                                .display()
                                .to_string();
                            let response = ui
                                .selectable_label(current == Some(index), describe(&name, entry))
                                .on_hover_text(hover(entry));
                            if response.clicked() {
                                open = Some(entry.path.clone());
                            }
                        }
                    });
            });
        if close {
            self.folder = None;
        } else if let Some(path) = open {
            self.open_from_folder(&path);
        }
    }
}

/// One line of the list: the name, then the count, sets and whether the text changed.
fn describe(name: &str, entry: &FolderEntry) -> String {
    match &entry.status {
        None => format!("{name}  …"),
        Some(status) if status.problem.is_some() => format!("{name}  ⚠"),
        Some(status) => {
            let mut line = format!("{name}  {}", status.annotations);
            if !status.sets.is_empty() {
                line.push_str(&format!(" +{} set(s)", status.sets.len()));
            }
            if status.changed {
                line.push_str(" · changed");
            }
            line
        }
    }
}

fn hover(entry: &FolderEntry) -> String {
    match &entry.status {
        None => "Not read yet".to_owned(),
        Some(ArticleStatus {
            problem: Some(problem),
            ..
        }) => problem.clone(),
        Some(status) => {
            let mut text = format!("{} annotation(s) in the default set", status.annotations);
            if !status.sets.is_empty() {
                text.push_str(&format!("; other sets: {}", status.sets.join(", ")));
            }
            if status.changed {
                text.push_str(
                    "; the article changed since it was annotated (opening it looks for the annotations again)",
                );
            }
            text
        }
    }
}
