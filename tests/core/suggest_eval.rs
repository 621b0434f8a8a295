//! The quote suggester measured on real news: PolNeAR's dev split (`../shared/corpus/
//! attribution/polnear-dev`, 84 articles, 2,192 attributions) through `marginalia suggest
//! --json` and the shared scorer (`../shared/tools/score_attribution.py`). Fails below floors
//! that are raised as the suggester improves; says so and passes where the corpus or Python is
//! absent.

use std::path::Path;
use std::process::Command;

/// Floors: the naive baseline (quotation marks alone) scores P 0.67, R 0.20, F1 0.30 here.
const MIN_PRECISION: f64 = 0.78;
const MIN_F1: f64 = 0.45;
const MIN_SPEAKER_ACCURACY: f64 = 0.72;
const MIN_CUE_ACCURACY: f64 = 0.75;

#[test]
fn quote_suggestions_on_the_polnear_dev_split_stay_above_their_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dev = root.join("shared/corpus/attribution/polnear-dev");
    let scorer = root.join("shared/tools/score_attribution.py");
    if !dev.is_dir() || !scorer.is_file() {
        eprintln!("skipped: no PolNeAR dev split or scorer beside the repository");
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 is not installed");
        return;
    }
    let output = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(["suggest", "--json"])
        .arg(&dev)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = String::from_utf8(output.stdout).unwrap();
    assert_eq!(lines.lines().count(), 84, "one object per article");
    let predictions = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(predictions.path(), &lines).unwrap();
    let scored = Command::new("python3")
        .arg(&scorer)
        .arg(&dev)
        .arg(predictions.path())
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        scored.status.success(),
        "{}",
        String::from_utf8_lossy(&scored.stderr)
    );
    let scores: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    let score = |key: &str| scores[key].as_f64().unwrap();
    println!("PolNeAR dev: {scores}");
    assert!(score("precision") >= MIN_PRECISION, "{scores}");
    assert!(score("f1") >= MIN_F1, "{scores}");
    assert!(
        score("speaker_accuracy") >= MIN_SPEAKER_ACCURACY,
        "{scores}"
    );
    assert!(score("cue_accuracy") >= MIN_CUE_ACCURACY, "{scores}");
}
