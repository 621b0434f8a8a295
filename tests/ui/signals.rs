//! SIGTERM, SIGHUP and SIGINT (logout, shutdown, a closed terminal) save the work before the
//! process ends: the test runs the real app in a child process (this test binary again), makes
//! an edit with autosave off, sends the signal a moment later and finds the edit saved.

use crate::common::*;

use egui::{Key, Modifiers};
use marginalia::gui::command::Command as AppCommand;
use marginalia::model::Kind;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const CHILD_DIR: &str = "MARGINALIA_SIGNAL_TEST_DIR";

/// In the child: autosave off, one label, then frames until the app has closed itself.
fn run_child(dir: &Path) -> ! {
    let article = dir.join("signal.txt");
    let mut harness = app(&article);
    harness.state_mut().push_command(AppCommand::ToggleAutosave);
    harness.settle();
    let span = span_of(&harness, "港口市");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    std::fs::write(dir.join("child-ready"), "").unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !harness.state().is_closing() && Instant::now() < deadline {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    std::process::exit(if harness.state().is_closing() { 0 } else { 3 });
}

fn saves_on(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "signal.txt", ARTICLE);
    let mut child = ready_child(
        "signals::a_termination_signal_saves_the_work",
        CHILD_DIR,
        dir.path(),
    );
    std::thread::sleep(Duration::from_millis(100));
    let sent = Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -s {signal}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "{signal}: the app did not close");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        status.success(),
        "{signal}: the app saved and closed ({status})"
    );
    let reopened = app(&article);
    let found: Vec<(Kind, String)> = texts(&reopened);
    assert_eq!(found, [(Kind::Entity, "港口市".to_owned())], "{signal}");
}

#[test]
fn a_termination_signal_saves_the_work() {
    if let Some(dir) = std::env::var_os(CHILD_DIR) {
        run_child(Path::new(&dir));
    }
    for signal in ["TERM", "HUP", "INT"] {
        saves_on(signal);
    }
}
