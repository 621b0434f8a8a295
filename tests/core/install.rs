//! What a desktop needs to list Marginalia in its menu: the desktop entry and its icon.

use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn the_desktop_entry_launches_the_binary_with_an_icon_of_ours() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let entry = std::fs::read_to_string(assets.join("marginalia.desktop")).unwrap();
    let mut lines = entry.lines();
    assert_eq!(lines.next(), Some("[Desktop Entry]"));
    let keys: BTreeMap<&str, &str> = lines
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split_once('=').expect("key=value"))
        .collect();
    for required in ["Type", "Name", "Exec", "Icon"] {
        assert!(keys.contains_key(required), "{required} missing");
    }
    assert_eq!(keys["Type"], "Application");
    // Exec names the binary Cargo builds, and passes the file it is given.
    let exec: Vec<&str> = keys["Exec"].split(' ').collect();
    assert_eq!(exec, ["marginalia", "%f"]);
    assert!(
        Path::new(env!("CARGO_BIN_EXE_marginalia")).ends_with("marginalia"),
        "the binary's name"
    );
    let icon = std::fs::read_to_string(assets.join(format!("{}.svg", keys["Icon"]))).unwrap();
    assert!(icon.starts_with("<svg"), "an SVG icon");
    assert!(keys["Categories"].ends_with(';'), "a list ends with ;");
}
