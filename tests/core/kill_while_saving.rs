//! The process killed at random moments while it saves: the sidecar on disk is always a
//! complete, loadable version, and the next save leaves no temporary file behind.

use marginalia::model::Document;
use marginalia::store::sidecar;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_killed_save_leaves_the_old_or_the_new_sidecar_never_half_of_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // An article of our own with 20,000 entities in a brat file, so that a save takes a while.
    let line = "Amélie Dubois-Nakashima met the 港口市 council on Friday 👷🏽‍♀️.\n";
    let text = line.repeat(20_000);
    std::fs::write(d.join("long.txt"), &text).unwrap();
    let per_line = line.chars().count();
    let ann: String = (0..20_000)
        .map(|i| {
            let start = i * per_line;
            format!("T{}\tPERSON {start} {}\tAmélie\n", i + 1, start + 6)
        })
        .collect();
    std::fs::write(d.join("long.ann"), ann).unwrap();
    let document = Document::open(&d.join("long.txt")).unwrap();
    let sidecar_path = sidecar::sidecar_path(&d.join("long.txt"));
    let import = || {
        Command::new(env!("CARGO_BIN_EXE_marginalia"))
            .args([
                "import",
                "long.txt",
                "--from",
                "brat",
                "long.ann",
                "--replace",
            ])
            .current_dir(d)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long one import takes here, to kill within it.
    let started = Instant::now();
    assert!(import().wait().unwrap().success());
    let full = started.elapsed();
    let mut seed: u64 = 0x853C_49E6_748F_EA9B;
    for _ in 0..15 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = import();
        std::thread::sleep(full.mul_f64((seed % 1000) as f64 / 1000.0));
        let _ = child.kill();
        let _ = child.wait();
        let loaded = sidecar::load(&sidecar_path, &document)
            .expect("the sidecar on disk is complete")
            .expect("the first import wrote it");
        assert_eq!(loaded.annotations.len(), 20_000);
    }
    // A save that runs to the end cleans up what killed ones left.
    std::thread::sleep(Duration::from_millis(50));
    assert!(import().wait().unwrap().success());
    let litter: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
}
