//! The one way the window does work in the background. A [`Job`] runs a closure on a worker
//! thread (on the UI thread only when the system gives no thread), reports its progress, can be
//! cancelled, and hands its results over when the UI polls it. A job started for the open
//! article carries a [`Stamp`]: its results are dropped, never applied, when the article, its
//! set or (for jobs that depend on them) its annotations changed meanwhile.

use crate::model::{Fingerprint, Progress};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex};

/// Asks the UI to run a frame, from any thread.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// What a job was started for: the open article and set and, for jobs whose results depend on
/// them, how far its annotations had got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The article.
    pub path: PathBuf,
    /// Its text.
    pub fingerprint: Fingerprint,
    /// The open set (`None` for the default one).
    pub set: Option<String>,
    /// The annotations' revision; `None` when the results do not depend on them.
    pub revision: Option<u64>,
}

impl Stamp {
    /// True when results made for `self` still fit `now`.
    fn fits(&self, now: Option<&Stamp>) -> bool {
        now.is_some_and(|now| {
            self.path == now.path
                && self.fingerprint == now.fingerprint
                && self.set == now.set
                && self.revision.is_none_or(|r| Some(r) == now.revision)
        })
    }
}

/// How a job is doing, as the UI thread sees it.
#[derive(Debug, PartialEq, Eq)]
pub enum Poll<T> {
    /// Still running; these results came in meanwhile (none for most jobs).
    Running(Vec<T>),
    /// Done, with its last results.
    Done(Vec<T>),
    /// Done or not, but for an article or annotations that changed since: nothing to apply.
    Stale,
    /// The work stopped without finishing (it failed unexpectedly).
    Lost,
}

enum Message<T> {
    Result(T),
    Done,
}

/// What the work is given: where to report progress and learn of a cancel, and where to send
/// its results.
pub struct Worker<T> {
    progress: Arc<Progress>,
    sender: Sender<Message<T>>,
    wake: Wake,
}

impl<T> Worker<T> {
    /// Where to report progress; its [`Progress::is_cancelled`] says when to stop.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Hands one result to the UI thread; false when nobody waits for it any more (then the
    /// work may stop).
    pub fn send(&self, result: T) -> bool {
        let sent = self.sender.send(Message::Result(result)).is_ok();
        (self.wake)();
        sent
    }
}

/// Does `work`, then says it is done (unless the UI dropped the job).
fn run<T>(work: impl FnOnce(&Worker<T>), worker: Worker<T>) {
    work(&worker);
    if worker.sender.send(Message::Done).is_ok() {
        (worker.wake)();
    }
}

/// Work running in the background.
pub struct Job<T> {
    title: String,
    stamp: Option<Stamp>,
    progress: Arc<Progress>,
    receiver: Receiver<Message<T>>,
    /// Results are handed over as they come ([`Job::start`]) rather than all at the end
    /// ([`Job::single`]).
    streaming: bool,
    /// Results that came in while the job still ran, held for the end.
    held: Vec<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a worker thread; `title` says what it does ("Opening “x”"), `stamp`
    /// what it is for. `work` sends its results through the [`Worker`].
    pub fn start(
        title: impl Into<String>,
        stamp: Option<Stamp>,
        wake: &Wake,
        work: impl FnOnce(&Worker<T>) + Send + 'static,
    ) -> Self {
        let title = title.into();
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = channel();
        let worker = Worker {
            progress: Arc::clone(&progress),
            sender,
            wake: Arc::clone(wake),
        };
        // Held so that the work can still be done here should no thread start.
        let task = Arc::new(Mutex::new(Some((work, worker))));
        let take = |task: &Mutex<Option<_>>| task.lock().ok().and_then(|mut t| t.take());
        let for_thread = Arc::clone(&task);
        let spawned = std::thread::Builder::new()
            .name(title.clone())
            .spawn(move || {
                if let Some((work, worker)) = take(&for_thread) {
                    run(work, worker);
                }
            });
        if let Err(error) = spawned {
            log::warn!("no thread for “{title}” ({error}); doing it here");
            if let Some((work, worker)) = take(&task) {
                run(work, worker);
            }
        }
        Self {
            title,
            stamp,
            progress,
            receiver,
            streaming: true,
            held: Vec::new(),
        }
    }

    /// Starts `work`, which gives one result, handed over when the job is done.
    pub fn single(
        title: impl Into<String>,
        stamp: Option<Stamp>,
        wake: &Wake,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Self {
        let job = Self::start(title, stamp, wake, move |worker| {
            worker.send(work(worker.progress()));
        });
        Self {
            streaming: false,
            ..job
        }
    }
}

impl<T> Job<T> {
    /// Takes the results that came in (for a job of one result, that result once the job is
    /// done); `now` is what is open now, against which a job with a stamp is checked.
    pub fn poll(&mut self, now: Option<&Stamp>) -> Poll<T> {
        let mut results = std::mem::take(&mut self.held);
        let finished = loop {
            match self.receiver.try_recv() {
                Ok(Message::Result(result)) => results.push(result),
                Ok(Message::Done) => break Some(true),
                Err(TryRecvError::Empty) => break None,
                Err(TryRecvError::Disconnected) => break Some(false),
            }
        };
        if self.stamp.as_ref().is_some_and(|stamp| !stamp.fits(now)) {
            return Poll::Stale;
        }
        match finished {
            None if !self.streaming => {
                self.held = results;
                Poll::Running(Vec::new())
            }
            None => Poll::Running(results),
            Some(true) => Poll::Done(results),
            Some(false) => Poll::Lost,
        }
    }

    /// Asks the work to stop; its results are not applied.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// True once [`Job::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.progress.is_cancelled()
    }

    /// What the job does.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The stage the work is in and the fraction of it done.
    pub fn status(&self) -> (&str, &'static str, Option<f32>) {
        let (stage, fraction) = self.progress.snapshot();
        (&self.title, stage, fraction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wake() -> Wake {
        Arc::new(|| {})
    }

    fn wait<T>(job: &mut Job<T>, now: Option<&Stamp>) -> Poll<T> {
        let mut all = Vec::new();
        loop {
            match job.poll(now) {
                Poll::Running(results) => all.extend(results),
                Poll::Done(results) => {
                    all.extend(results);
                    return Poll::Done(all);
                }
                other => return other,
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    fn stamp(revision: Option<u64>) -> Stamp {
        Stamp {
            path: "a.txt".into(),
            fingerprint: Fingerprint::of("text"),
            set: None,
            revision,
        }
    }

    #[test]
    fn a_single_result_is_held_until_the_job_is_done() {
        let gate = Arc::new(std::sync::Barrier::new(2));
        let worker_gate = Arc::clone(&gate);
        let mut job = Job::start("two steps", None, &wake(), move |worker| {
            worker.send(1);
            worker_gate.wait();
        });
        job.streaming = false;
        // The result is in, the job not done: nothing is handed over yet, nothing is lost.
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(job.poll(None), Poll::Running(Vec::new()));
        gate.wait();
        assert_eq!(wait(&mut job, None), Poll::Done(vec![1]));
    }

    #[test]
    fn results_come_in_order_and_the_job_ends() {
        let mut job = Job::start("count", None, &wake(), |worker| {
            for i in 0..5 {
                worker.send(i);
            }
        });
        assert_eq!(wait(&mut job, None), Poll::Done(vec![0, 1, 2, 3, 4]));
    }

    #[test]
    fn results_for_a_changed_article_or_set_are_dropped() {
        let cases = [
            (None, stamp(None), true),
            (Some(5), stamp(Some(5)), true),
            (None, stamp(Some(9)), true),
            (Some(5), stamp(Some(6)), false),
            (
                None,
                Stamp {
                    set: Some("kim".into()),
                    ..stamp(None)
                },
                false,
            ),
            (
                None,
                Stamp {
                    fingerprint: Fingerprint::of("other"),
                    ..stamp(None)
                },
                false,
            ),
        ];
        for (started, now, applied) in cases {
            let mut job = Job::single("x", Some(stamp(started)), &wake(), |_| 1);
            let result = wait(&mut job, Some(&now));
            assert_eq!(
                result == Poll::Done(vec![1]),
                applied,
                "{started:?} → {now:?}"
            );
        }
        // With nothing open, nothing fits.
        let mut job = Job::single("x", Some(stamp(None)), &wake(), |_| 1);
        assert_eq!(wait(&mut job, None), Poll::Stale);
    }

    #[test]
    fn work_that_panics_is_lost_and_cancelling_reaches_the_work() {
        let mut job: Job<u8> = Job::start("boom", None, &wake(), |_| panic!("on purpose"));
        assert_eq!(wait(&mut job, None), Poll::Lost);
        let mut job = Job::start("until cancelled", None, &wake(), |worker| {
            while !worker.progress().is_cancelled() {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            worker.send("stopped");
        });
        job.cancel();
        assert!(job.is_cancelled());
        assert_eq!(wait(&mut job, None), Poll::Done(vec!["stopped"]));
    }
}
