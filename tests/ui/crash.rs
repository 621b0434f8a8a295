//! Killing Marginalia mid-session loses at most the last few seconds: the test runs the real
//! app in a child process (this test binary again), lets autosave work, kills the process with
//! SIGKILL while it is still running, and reopens the article.

use crate::common::*;

use egui::{Key, Modifiers};
use marginalia::model::Kind;
use std::path::Path;
use std::time::Duration;

const CHILD_DIR: &str = "MARGINALIA_CRASH_TEST_DIR";

/// In the child: label two spans, let time pass so that autosave runs, then keep the app
/// running (labelling a third span that autosave has not reached yet) until killed.
fn run_child(dir: &Path) -> ! {
    let article = dir.join("crash.txt");
    let mut harness = app(&article);
    for (needle, kind_key) in [("Amélie Dubois-Nakashima", Key::E), ("港口市", Key::E)] {
        let span = span_of(&harness, needle);
        select(&mut harness, span);
        key(&mut harness, Modifiers::NONE, kind_key);
    }
    // Four seconds of frames: autosave's delay is three.
    harness.run_steps(240);
    let span = span_of(&harness, "the harbour master");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::Q);
    std::fs::write(dir.join("child-ready"), "").unwrap();
    loop {
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_killed_session_keeps_what_autosave_saved() {
    if let Some(dir) = std::env::var_os(CHILD_DIR) {
        run_child(Path::new(&dir));
    }
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "crash.txt", ARTICLE);
    let mut child = ready_child(
        "crash::a_killed_session_keeps_what_autosave_saved",
        CHILD_DIR,
        dir.path(),
    );
    assert!(
        child.try_wait().unwrap().is_none(),
        "still running when killed"
    );
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not exited");

    // Reopened: the two autosaved spans are there; nothing was saved on the way out.
    let reopened = app(&article);
    let set = reopened.state().session().unwrap().annotations();
    let found: Vec<(Kind, &str)> = set
        .anchored()
        .iter()
        .map(|a| (a.kind(), a.text.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (Kind::Entity, "Amélie Dubois-Nakashima"),
            (Kind::Entity, "港口市"),
        ]
    );
    // The sidecar read cleanly: no error, and no warning about it (whatever the machine's fonts).
    let messages = reopened.state().messages();
    assert!(
        messages
            .iter()
            .any(|m| m.text == "Opened “crash.txt” with 2 annotation(s)."),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .all(|m| m.severity != marginalia::gui::app::Severity::Error
                && !m.text.contains("crash.txt.ron")),
        "{messages:?}"
    );
}
