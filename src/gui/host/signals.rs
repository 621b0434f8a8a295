//! Termination signals: SIGTERM, SIGHUP and SIGINT (a logout, a shutdown, a closed terminal,
//! Ctrl+C) wake every window, which saves its unsaved work and closes. A second signal ends the
//! process at once, and so does the end of [`GRACE`] (a window that is never drawn again).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// What the listening thread shares with the windows.
#[derive(Default)]
struct Shared {
    /// A termination signal arrived.
    received: AtomicBool,
    /// The windows to wake when one does.
    windows: Mutex<Vec<egui::Context>>,
}

/// How long the windows have to save and close after a signal before the process ends anyway.
pub const GRACE: std::time::Duration = std::time::Duration::from_secs(15);

/// The one listener of the process, started by the first window.
static SHARED: OnceLock<Arc<Shared>> = OnceLock::new();

/// Starts listening (once per process) and wakes `ctx` when a termination signal arrives.
pub fn listen(ctx: &egui::Context) {
    let shared = SHARED.get_or_init(|| {
        let shared = Arc::new(Shared::default());
        start(Arc::clone(&shared));
        shared
    });
    match shared.windows.lock() {
        Ok(mut windows) => windows.push(ctx.clone()),
        Err(error) => log::warn!("termination signals will not wake this window: {error}"),
    }
}

/// True once a termination signal arrived.
pub fn received() -> bool {
    SHARED
        .get()
        .is_some_and(|shared| shared.received.load(Ordering::SeqCst))
}

#[cfg(unix)]
fn start(shared: Arc<Shared>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = match signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
        Ok(signals) => signals,
        Err(error) => {
            log::warn!(
                "cannot listen for termination signals ({error}): work is saved only by autosave and on close"
            );
            return;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("termination signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if shared.received.swap(true, Ordering::SeqCst) {
                    log::warn!("signal {signal} again: ending without waiting");
                    std::process::exit(128 + signal);
                }
                log::info!("signal {signal}: saving, then closing");
                let deadline = std::thread::Builder::new()
                    .name("termination deadline".into())
                    .spawn(move || {
                        std::thread::sleep(GRACE);
                        log::warn!("still open {GRACE:?} after signal {signal}: ending");
                        std::process::exit(128 + signal);
                    });
                if let Err(error) = deadline {
                    log::warn!("no deadline after the signal ({error})");
                }
                if let Ok(windows) = shared.windows.lock() {
                    for window in windows.iter() {
                        window.request_repaint();
                    }
                }
            }
        });
    if let Err(error) = spawned {
        log::warn!("cannot listen for termination signals ({error})");
    }
}

#[cfg(not(unix))]
fn start(_shared: Arc<Shared>) {}
