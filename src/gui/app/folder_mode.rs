//! Folder mode: File → Open Folder… lists the articles of a folder and below with how far each
//! is annotated (read by a job in the background), and Ctrl+PageDown / Ctrl+PageUp go from
//! article to article, saving as they go.

use super::{MarginaliaApp, Severity};
use crate::gui::jobs::{Job, Poll};
use crate::gui::views::dialogs::PathPurpose;
use crate::store::folder::{self, ArticleStatus};
use std::path::{Path, PathBuf};

/// One article of the open folder.
pub struct FolderEntry {
    /// The article.
    pub path: PathBuf,
    /// How far it is annotated; `None` until read.
    pub status: Option<ArticleStatus>,
}

/// The open folder.
pub struct FolderState {
    root: PathBuf,
    entries: Vec<FolderEntry>,
    /// Reads the statuses, one article after another.
    scan: Option<Job<(usize, ArticleStatus)>>,
    /// How many statuses have arrived.
    read: usize,
    /// The model learned from its annotations this session, for the articles opened next.
    pub(super) learned: Option<super::learning::FolderModel>,
}

impl FolderState {
    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Its articles, in path order, with their status once read.
    pub fn entries(&self) -> &[FolderEntry] {
        &self.entries
    }

    /// How many statuses have been read.
    pub fn read(&self) -> usize {
        self.read
    }

    /// True while statuses are still being read.
    pub fn reading(&self) -> bool {
        self.read < self.entries.len()
    }

    /// Takes the statuses read so far.
    fn take_statuses(&mut self) {
        let Some(scan) = &mut self.scan else {
            return;
        };
        let (statuses, done) = match scan.poll(None) {
            Poll::Running(statuses) => (statuses, false),
            Poll::Done(statuses) => (statuses, true),
            Poll::Stale | Poll::Lost => (Vec::new(), true),
        };
        for (index, status) in statuses {
            self.read += 1;
            if let Some(entry) = self.entries.get_mut(index)
                && entry.status.is_none()
            {
                entry.status = Some(status);
            }
        }
        if done {
            self.scan = None;
            self.read = self.entries.len();
        }
    }

    /// Records `status` for the article at `path` (known without reading it again).
    fn set_status(&mut self, path: &Path, status: ArticleStatus) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.path == path) {
            entry.status = Some(status);
        }
    }

    /// The place of the article at `path` in the list.
    fn index_of(&self, path: &Path) -> Option<usize> {
        self.entries.iter().position(|e| e.path == path)
    }
}

impl MarginaliaApp {
    pub(super) fn open_folder_dialog(&mut self) {
        let start = self
            .session
            .as_ref()
            .and_then(|s| s.document().path().parent().map(Path::to_owned));
        self.choose_file(PathPurpose::OpenFolder, move |dialogs| {
            dialogs.pick_folder(start.as_deref())
        });
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
                    "“{}” has no articles (.txt, .md, .html, .htm, .docx, .odt or .pdf files) in it or below.",
                    root.display()
                ),
            );
            return;
        }
        let count = articles.len();
        let first = articles[0].clone();
        let to_read = articles.clone();
        let scan = Job::start("Reading the folder", None, &self.wake, move |worker| {
            for (index, path) in to_read.iter().enumerate() {
                if worker.progress().is_cancelled() || !worker.send((index, folder::status(path))) {
                    return;
                }
            }
        });
        self.folder = Some(FolderState {
            root: root.clone(),
            entries: articles
                .into_iter()
                .map(|path| FolderEntry { path, status: None })
                .collect(),
            scan: Some(scan),
            read: 0,
            learned: None,
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
    pub(super) fn current_index(&self) -> Option<usize> {
        let folder = self.folder.as_ref()?;
        folder.index_of(self.session.as_ref()?.document().path())
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
        if session.sets.set().is_some() {
            return;
        }
        let path = session.document().path();
        let sets = crate::store::sidecar::list_sets(path)
            .into_iter()
            .flatten()
            .collect();
        folder.set_status(
            path,
            ArticleStatus {
                annotations: session.annotations().len(),
                sets,
                changed: false,
                problem: None,
            },
        );
    }

    /// Takes the statuses read in the background so far.
    pub(super) fn poll_folder(&mut self) {
        if let Some(folder) = &mut self.folder {
            folder.take_statuses();
        }
    }
}
