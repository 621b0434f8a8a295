//! HTML extraction scored against `../shared/corpus/articles/html/expected_snippets.json`:
//! snippets the article text must hold ("with"), and page furniture and reader comments it must
//! not ("without", "comments"). Runs when the corpus is present; prints the score
//! (`cargo test --test core html_extraction -- --nocapture`) and fails below the floor we reached.

use marginalia::extract::html::extract;
use std::path::Path;

/// One expectation that held or not.
struct Check {
    file: String,
    kind: &'static str,
    snippet: String,
    passed: bool,
}

fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn extraction_keeps_the_article_and_drops_the_furniture() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles/html");
    let Ok(json) = std::fs::read_to_string(folder.join("expected_snippets.json")) else {
        println!("no corpus at {}: skipped", folder.display());
        return;
    };
    let expected: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let mut checks = Vec::new();
    for entry in expected.as_object().expect("an object").values() {
        let file = entry["file"].as_str().expect("a file name").to_owned();
        let html = std::fs::read(folder.join(&file)).expect("page readable");
        let text = normalised(&extract(&String::from_utf8_lossy(&html)));
        for (kind, must_appear) in [("with", true), ("without", false), ("comments", false)] {
            for snippet in entry[kind].as_array().into_iter().flatten() {
                let snippet = normalised(snippet.as_str().unwrap_or_default());
                let found = text.contains(&snippet);
                checks.push(Check {
                    file: file.clone(),
                    kind,
                    snippet,
                    passed: found == must_appear,
                });
            }
        }
    }
    let score = |kind: &str| {
        let of_kind: Vec<&Check> = checks.iter().filter(|c| c.kind == kind).collect();
        let passed = of_kind.iter().filter(|c| c.passed).count();
        (passed, of_kind.len())
    };
    println!("HTML extraction over {} expectations:", checks.len());
    for kind in ["with", "without", "comments"] {
        let (passed, total) = score(kind);
        println!("  {kind:<8} {passed}/{total}");
    }
    for check in checks.iter().filter(|c| !c.passed) {
        println!(
            "  failed: {} {} {:?}",
            check.file, check.kind, check.snippet
        );
    }
    let passed = checks.iter().filter(|c| c.passed).count();
    println!("  score    {passed}/{}", checks.len());
    let (with_passed, with_total) = score("with");
    assert_eq!(with_passed, with_total, "article text lost");
    assert!(passed * 10 >= checks.len() * 9, "score fell below 90 %");
}
