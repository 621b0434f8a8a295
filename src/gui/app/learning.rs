//! Learning as you go: in folder mode, each save of an article's annotations starts a training
//! run in the background (the job runner) on the folder's annotated articles, and the articles
//! opened after it get their suggestions from the new model. A run is dropped when the folder's
//! annotations change meanwhile (a newer save starts a new one) or another folder opens. A
//! team's own model file (`marginalia-model.bin` in the folder or above) is used as it is:
//! nothing is learned over it.

use super::{MarginaliaApp, Severity};
use crate::gui::jobs::{Job, Poll};
use crate::model::{AnnotationSet, Document, Kind, Progress};
use crate::store::{self, folder};
use crate::suggest::Rules;
use crate::suggest::learn::{self, Annotated, Model, TrainOptions, TrainProgress};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A model learned from a folder's articles.
pub struct FolderModel {
    /// The folder.
    pub root: PathBuf,
    /// The model.
    pub model: Arc<Model>,
}

/// A training run on a folder's annotations.
pub struct LearnJob {
    root: PathBuf,
    job: Job<Option<FolderModel>>,
}

impl LearnJob {
    /// What it does, for the status bar.
    pub fn title(&self) -> &str {
        self.job.title()
    }
}

/// The default set's annotations of the articles of `root` that have quotes or entities, read
/// for learning.
fn annotated_articles(root: &Path, progress: &Progress) -> Vec<(Document, AnnotationSet)> {
    let Ok(articles) = folder::articles_in(root) else {
        return Vec::new();
    };
    progress.start("Reading the annotated articles", articles.len() as u64);
    let mut read = Vec::new();
    for path in articles {
        progress.advance(1);
        if progress.is_cancelled() {
            return Vec::new();
        }
        match store::read_annotated(&path, None) {
            Ok(Some((document, set)))
                if set
                    .anchored()
                    .iter()
                    .any(|a| matches!(a.kind(), Kind::Quote | Kind::Entity)) =>
            {
                read.push((document, set));
            }
            Ok(_) => {}
            Err(error) => log::info!("not learning from {}: {error}", path.display()),
        }
    }
    read
}

/// Trains on the annotated articles of `root`; `None` when it has none or was cancelled.
fn learn_folder(root: PathBuf, progress: &Progress) -> Option<FolderModel> {
    let read = annotated_articles(&root, progress);
    if read.is_empty() || progress.is_cancelled() {
        return None;
    }
    let annotated: Vec<Annotated<'_>> = read
        .iter()
        .map(|(document, set)| Annotated { document, set })
        .collect();
    let options = TrainOptions::default();
    let steps = options.epochs + learn::fold_count(annotated.len());
    let mut report = |step: TrainProgress| match step {
        TrainProgress::Read { done, of } if done == of => progress.start("Learning", steps as u64),
        TrainProgress::Read { .. } | TrainProgress::Chose { .. } => {}
        TrainProgress::Fold { .. } | TrainProgress::Epoch { .. } => progress.advance(1),
    };
    let model = learn::train(&annotated, &Rules::built_in(), options, &mut report);
    Some(FolderModel {
        root,
        model: Arc::new(model),
    })
}

impl MarginaliaApp {
    /// After a save in folder mode: learns again from the folder's annotations, dropping a run
    /// that was still learning from older ones.
    pub(super) fn learn_from_folder(&mut self) {
        let (Some(folder), Some(session)) = (&self.folder, &self.session) else {
            return;
        };
        // Only the default set is the folder's annotations; a team's model file is theirs.
        if session.sets.set().is_some()
            || learn::file::find_for(session.document().path()).is_some()
        {
            return;
        }
        let root = folder.root().to_owned();
        if let Some(running) = self.background.learning.take() {
            running.job.cancel();
        }
        let worker_root = root.clone();
        let job = Job::single(
            "Learning suggestions from the folder's annotations",
            None,
            &self.wake,
            move |progress| learn_folder(worker_root, progress),
        );
        self.background.learning = Some(LearnJob { root, job });
    }

    /// Takes a finished training run's model for the folder it was learned from.
    pub(super) fn poll_learning(&mut self, ctx: &egui::Context) {
        let Some(running) = &mut self.background.learning else {
            return;
        };
        let learned = match running.job.poll(None) {
            Poll::Running(_) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(250));
                return;
            }
            Poll::Done(mut results) => results.pop().flatten(),
            Poll::Stale | Poll::Lost => None,
        };
        let root = running.root.clone();
        self.background.learning = None;
        let Some(learned) = learned else {
            return;
        };
        let Some(folder) = self.folder.as_mut().filter(|f| f.root() == root) else {
            return;
        };
        let about = learned.model.describe();
        let policy = learned.model.provenance.combination.describe();
        folder.learned = Some(learned);
        self.say(
            Severity::Info,
            format!("Suggestions for the next articles: {about}, suggesting quotes with {policy}."),
        );
    }

    /// The model learned from the open folder, for an article of it about to be opened.
    pub(super) fn learned_model_for(&self, article: &Path) -> Option<Arc<Model>> {
        let folder = self.folder.as_ref()?;
        let learned = folder.learned.as_ref()?;
        article
            .starts_with(&learned.root)
            .then(|| Arc::clone(&learned.model))
    }
}
