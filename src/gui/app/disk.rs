//! What the window knows of the open article's files on disk: where its annotations are saved,
//! what that file held when last read or written here (to tell our own writes from other
//! programs'), and a watch on both files. Events come from `notify` on a background thread and
//! are looked at once they have settled.

use crate::gui::jobs::Wake;
use crate::model::Fingerprint;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// How long the files must be quiet before they are compared (editors write in steps).
pub const SETTLE: Duration = Duration::from_millis(300);

/// The hash of a file's bytes; `None` when it cannot be read.
pub fn file_hash(path: &Path) -> Option<blake3::Hash> {
    std::fs::read(path).ok().map(|bytes| blake3::hash(&bytes))
}

/// What to do with a file already at the path being saved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDisk {
    /// Write over it (the user chose the file, or it is a new set's).
    Replace,
    /// Copy it to a `.bak` file first unless its hash is this one (what the session read or
    /// last wrote; `None`: there was no file, or it could not be read).
    KeepUnless(Option<blake3::Hash>),
}

/// Which watched files changed, once the events settled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// The article.
    pub article: bool,
    /// The sidecar.
    pub sidecar: bool,
    /// More events wait to settle: look again soon.
    pub waiting: bool,
}

/// The open article's files.
pub struct Disk {
    sidecar_path: PathBuf,
    /// The hash of the sidecar as last read or written here.
    sidecar_hash: Option<blake3::Hash>,
    /// The sidecar on disk could not be read: copy it to a `.bak` file before saving over it.
    keep_unreadable: bool,
    watch: Option<FileWatch>,
    /// A changed article text the user chose not to load.
    ignored_article: Option<Fingerprint>,
    /// The text on disk the last “article changed” question was about.
    asked_about: Option<Fingerprint>,
    /// The hash of the sidecar another program wrote, which the user was asked about.
    foreign: Option<Option<blake3::Hash>>,
    /// The article changed on disk and has not been compared yet.
    article_pending: bool,
    /// The sidecar changed on disk and has not been compared yet.
    sidecar_pending: bool,
}

impl Disk {
    /// The files of the article at `article`, whose annotations are at `sidecar_path` (holding
    /// `sidecar_hash`, or unreadable when `keep_unreadable`), watched when the system allows.
    pub fn new(
        article: &Path,
        sidecar_path: PathBuf,
        sidecar_hash: Option<blake3::Hash>,
        keep_unreadable: bool,
        wake: Wake,
    ) -> Self {
        let watch = match FileWatch::new(article, &sidecar_path, wake) {
            Ok(watch) => Some(watch),
            Err(error) => {
                log::warn!("cannot watch {} for changes: {error}", article.display());
                None
            }
        };
        Self {
            sidecar_path,
            sidecar_hash,
            keep_unreadable,
            watch,
            ignored_article: None,
            asked_about: None,
            foreign: None,
            article_pending: false,
            sidecar_pending: false,
        }
    }

    /// Where the annotations are saved.
    pub fn sidecar_path(&self) -> &Path {
        &self.sidecar_path
    }

    /// What a save of the open set must do with the file there.
    pub fn on_disk(&self) -> OnDisk {
        if self.keep_unreadable {
            OnDisk::KeepUnless(None)
        } else {
            OnDisk::KeepUnless(self.sidecar_hash)
        }
    }

    /// Records that the sidecar now holds bytes with `hash` (read or written here).
    pub fn now_holds(&mut self, hash: Option<blake3::Hash>) {
        self.sidecar_hash = hash;
        self.keep_unreadable = false;
    }

    /// True when a sidecar with `hash` is not what this window read or last wrote; it is
    /// remembered as the one the user is asked about.
    pub fn is_foreign(&mut self, hash: Option<blake3::Hash>) -> bool {
        let foreign = hash != self.sidecar_hash;
        if foreign {
            self.foreign = Some(hash);
        }
        foreign
    }

    /// The user keeps the annotations on screen: the sidecar another program wrote is the one
    /// the next save replaces (without a backup: the user saw it).
    pub fn adopt_foreign(&mut self) {
        if let Some(hash) = self.foreign.take() {
            self.now_holds(hash);
        }
    }

    /// Takes in the watch's events; says which files changed (and have settled) and are still
    /// to be compared. `ready` says whether they can be compared now: changes wait (they are
    /// not forgotten) while the user is asked about another one or a reload runs.
    pub fn changes(&mut self, ready: bool) -> Changes {
        let Some(watch) = &mut self.watch else {
            return Changes::default();
        };
        let (article, sidecar) = watch.settled();
        self.article_pending |= article;
        self.sidecar_pending |= sidecar;
        let waiting = watch.waiting();
        if !ready {
            return Changes {
                waiting,
                ..Changes::default()
            };
        }
        Changes {
            article: std::mem::take(&mut self.article_pending),
            sidecar: std::mem::take(&mut self.sidecar_pending),
            waiting,
        }
    }

    /// True when the article's text on disk, `fingerprint`, is neither `shown` nor one the user
    /// chose to keep away; it is remembered as the one to ask about.
    pub fn should_ask_about(&mut self, fingerprint: &Fingerprint, shown: &Fingerprint) -> bool {
        let ask = fingerprint != shown && Some(fingerprint) != self.ignored_article.as_ref();
        if ask {
            self.asked_about = Some(fingerprint.clone());
        }
        ask
    }

    /// The user keeps the text on screen: the text asked about is not asked about again.
    pub fn ignore_asked_about(&mut self) {
        self.ignored_article = self.asked_about.take();
    }
}

/// A watch on the folder of one article.
struct FileWatch {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<PathBuf>,
    article: PathBuf,
    sidecar: PathBuf,
    /// When the last event about the article or the sidecar came, not yet looked at.
    article_touched: Option<Instant>,
    sidecar_touched: Option<Instant>,
}

impl FileWatch {
    /// Starts watching the folder that holds `article` and `sidecar`.
    fn new(article: &Path, sidecar: &Path, wake: Wake) -> notify::Result<Self> {
        let (sender, events) = channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else {
                    return;
                };
                // The window may have closed the watch: then nobody needs the events.
                if event
                    .paths
                    .into_iter()
                    .all(|path| sender.send(path).is_ok())
                {
                    wake();
                }
            })?;
        let folder = article.parent().unwrap_or(Path::new("."));
        watcher.watch(folder, RecursiveMode::NonRecursive)?;
        Ok(Self {
            _watcher: watcher,
            events,
            article: article.to_owned(),
            sidecar: sidecar.to_owned(),
            article_touched: None,
            sidecar_touched: None,
        })
    }

    /// Takes in the events so far; returns which files changed and have settled.
    fn settled(&mut self) -> (bool, bool) {
        let now = Instant::now();
        while let Ok(path) = self.events.try_recv() {
            if path == self.article {
                self.article_touched = Some(now);
            } else if path == self.sidecar {
                self.sidecar_touched = Some(now);
            }
        }
        let settled = |touched: &mut Option<Instant>| match touched {
            Some(at) if now.duration_since(*at) >= SETTLE => {
                *touched = None;
                true
            }
            _ => false,
        };
        (
            settled(&mut self.article_touched),
            settled(&mut self.sidecar_touched),
        )
    }

    /// True while changes wait to settle.
    fn waiting(&self) -> bool {
        self.article_touched.is_some() || self.sidecar_touched.is_some()
    }
}
