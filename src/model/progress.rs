//! How far a long file operation has got: written by the thread doing it, read by the UI.

use std::io::Read as _;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Bytes read between two progress updates.
const CHUNK_BYTES: usize = 1 << 20;

/// The stage a long operation is in and how much of it is done, and whether the user asked it
/// to stop. Shared (in an `Arc`) between the thread doing the work and the UI showing it.
#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    /// Enters a stage of `total` units (0 when the amount is unknown).
    pub fn start(&self, stage: &'static str, total: u64) {
        if let Ok(mut current) = self.stage.lock() {
            *current = stage;
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// Counts `amount` more units done in the current stage.
    pub fn advance(&self, amount: u64) {
        self.done.fetch_add(amount, Ordering::Relaxed);
    }

    /// Asks the work to stop: reading through [`Counted`] or [`read_file`] fails from now on.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// True once the work was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// The error reading gives once the work was cancelled.
    fn check(&self) -> std::io::Result<()> {
        if self.is_cancelled() {
            Err(std::io::Error::other("cancelled"))
        } else {
            Ok(())
        }
    }

    /// The current stage and the fraction of it done, when its size is known.
    pub fn snapshot(&self) -> (&'static str, Option<f32>) {
        let stage = self.stage.lock().map_or("", |s| *s);
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed).min(total);
        let fraction = (total > 0).then(|| done as f32 / total as f32);
        (stage, fraction)
    }
}

/// A reader that counts the bytes read through it into a [`Progress`].
pub struct Counted<'a, R> {
    inner: R,
    progress: &'a Progress,
}

impl<'a, R: std::io::Read> Counted<'a, R> {
    /// Counts what is read from `inner` into `progress` (whose stage is set already).
    pub fn new(inner: R, progress: &'a Progress) -> Self {
        Self { inner, progress }
    }
}

impl<R: std::io::Read> std::io::Read for Counted<'_, R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        self.progress.check()?;
        let read = self.inner.read(buffer)?;
        self.progress.advance(read as u64);
        Ok(read)
    }
}

/// Reads the whole file at `path` in chunks, counting its bytes into `progress` under `stage`.
pub fn read_file(
    path: &Path,
    stage: &'static str,
    progress: &Progress,
) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    progress.start(stage, size);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let mut chunk = vec![0; CHUNK_BYTES];
    loop {
        progress.check()?;
        match file.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                progress.advance(n as u64);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_counts_every_byte_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let content: Vec<u8> = (0..3 * CHUNK_BYTES + 17).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &content).unwrap();
        let progress = Progress::default();
        assert_eq!(progress.snapshot(), ("", None));
        let read = read_file(&path, "Reading", &progress).unwrap();
        assert_eq!(read, content);
        assert_eq!(progress.snapshot(), ("Reading", Some(1.0)));
        progress.start("Placing", 0);
        assert_eq!(progress.snapshot(), ("Placing", None));
        progress.cancel();
        assert!(read_file(&path, "Reading", &progress).is_err(), "cancelled");
    }
}
