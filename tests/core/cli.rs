//! The command line, run as users and scripts run it: the real binary, its output streams and
//! its exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn marginalia(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/brat")
        .join(name)
}

/// A folder with our harbour article and its brat annotations.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["harbour.txt", "harbour.ann"] {
        std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    }
    dir
}

/// Every file in `dir` with its bytes, to show that a command wrote nothing.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap_or_default();
            (path, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn check_reports_counts_and_exits_by_what_it_found() {
    let dir = workspace();
    let d = dir.path();
    // No sidecar yet: nothing to check, all fine.
    let output = marginalia(&["check", "harbour.txt"], d);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "harbour.txt: 0 annotations: 0 kept, 0 moved, 0 changed, 0 orphaned\n"
    );

    let output = marginalia(
        &["import", "harbour.txt", "--from", "brat", "harbour.ann"],
        d,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let before = snapshot(d);
    let output = marginalia(&["check", "harbour.txt"], d);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "harbour.txt: 9 annotations: 9 kept, 0 moved, 0 changed, 0 orphaned\n"
    );

    // The article gains a line at the top: everything moved, which needs a look.
    let article = d.join("harbour.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("Updated 30 November.\r\n{text}")).unwrap();
    let before_edit = snapshot(d);
    let output = marginalia(&["check", "harbour.txt"], d);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "harbour.txt: 9 annotations: 0 kept, 9 moved, 0 changed, 0 orphaned\n"
    );
    assert_eq!(snapshot(d), before_edit, "check never writes");
    assert_ne!(before, before_edit);

    // A broken sidecar, and a missing article: errors naming the file, line and column.
    std::fs::write(
        d.join("harbour.txt.ron"),
        "(format: \"marginalia-sidecar\", version: 3,\n  annotations: [oops",
    )
    .unwrap();
    let output = marginalia(&["check", "harbour.txt", "missing.txt"], d);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(
        errors.contains("harbour.txt.ron”, line 2, column 17"),
        "{errors}"
    );
    assert!(errors.contains("missing.txt"), "{errors}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn import_keeps_existing_annotations_unless_told_to_replace_them() {
    let dir = workspace();
    let d = dir.path();
    let output = marginalia(
        &["import", "harbour.txt", "--from", "brat", "harbour.ann"],
        d,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("Imported 9 annotation(s) from “harbour.ann” into “harbour.txt.ron”; 12 line(s) kept for export."));
    let sidecar = std::fs::read(d.join("harbour.txt.ron")).unwrap();

    let output = marginalia(
        &["import", "harbour.txt", "--from", "brat", "harbour.ann"],
        d,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("already has 9 annotation(s); pass --replace"));
    assert_eq!(std::fs::read(d.join("harbour.txt.ron")).unwrap(), sidecar);

    // With a bad line, --replace imports the rest and says what it left out.
    let ann = std::fs::read_to_string(d.join("harbour.ann"))
        .unwrap()
        .replace("Oxfam Ísland\n", "Oxfam Island\n");
    std::fs::write(d.join("edited.ann"), ann).unwrap();
    let output = marginalia(
        &[
            "import",
            "harbour.txt",
            "--from",
            "brat",
            "edited.ann",
            "--replace",
        ],
        d,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("edited.ann: line 5: T5: the .ann says \"Oxfam Island\""));
    assert!(stdout(&output).contains("Imported 8 annotation(s)"));

    // Into a named set, beside the default one.
    let output = marginalia(
        &[
            "import",
            "harbour.txt",
            "--from",
            "brat",
            "harbour.ann",
            "--set",
            "amelie",
        ],
        d,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(d.join("harbour.txt.amelie.ron").exists());

    // A mapping file that is not valid is an error before anything is written.
    std::fs::write(d.join("map.ron"), "(kinds: {\"Person\": Persona})").unwrap();
    let output = marginalia(
        &[
            "import",
            "harbour.txt",
            "--from",
            "brat",
            "harbour.ann",
            "--map",
            "map.ron",
            "--set",
            "other",
        ],
        d,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("map.ron"), "{}", stderr(&output));
    assert!(!d.join("harbour.txt.other.ron").exists());
}

#[test]
fn export_writes_a_folder_brat_opens_or_the_ann_to_stdout() {
    let dir = workspace();
    let d = dir.path();
    marginalia(
        &["import", "harbour.txt", "--from", "brat", "harbour.ann"],
        d,
    );
    let output = marginalia(
        &["export", "harbour.txt", "--format", "brat", "-o", "out"],
        d,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for name in [
        "harbour.txt",
        "harbour.ann",
        "annotation.conf",
        "visual.conf",
    ] {
        assert!(d.join("out").join(name).exists(), "{name}");
    }
    assert_eq!(
        std::fs::read(d.join("out/harbour.txt")).unwrap(),
        std::fs::read(d.join("harbour.txt")).unwrap()
    );
    let mut original: Vec<String> = std::fs::read_to_string(d.join("harbour.ann"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    original.sort();
    for args in [
        &["export", "harbour.txt", "--format", "brat", "-o", "-"][..],
        &["export", "harbour.txt", "--format", "brat"][..],
    ] {
        let output = marginalia(args, d);
        assert_eq!(output.status.code(), Some(0));
        let mut exported: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
        exported.sort();
        assert_eq!(exported, original);
    }

    // A folder whose text file is another article is left alone.
    std::fs::write(d.join("out/harbour.txt"), "something else").unwrap();
    let output = marginalia(
        &["export", "harbour.txt", "--format", "brat", "-o", "out"],
        d,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("exists with other text"));
}

#[test]
fn every_format_exports_and_the_json_ones_import_back() {
    let dir = workspace();
    let d = dir.path();
    marginalia(
        &["import", "harbour.txt", "--from", "brat", "harbour.ann"],
        d,
    );
    for (format, file, extra) in [
        ("w3c", "harbour.jsonld", None),
        ("w3c", "harbour16.jsonld", Some("--utf16")),
        ("doccano", "harbour.jsonl", None),
        ("csv", "harbour.csv", Some("--bom")),
    ] {
        let mut args = vec!["export", "harbour.txt", "--format", format, "-o", file];
        args.extend(extra);
        let output = marginalia(&args, d);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
        assert_eq!(
            stdout(&output),
            format!("Wrote 9 annotation(s) to {file}.\n")
        );
    }
    let csv = std::fs::read_to_string(d.join("harbour.csv")).unwrap();
    assert!(
        csv.starts_with("\u{FEFF}id,kind,label,start,end,text,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 10);

    // Each JSON export imports back into a named set; doccano has no discontinuous spans, so
    // the quote in two pieces comes back as two.
    for (format, file, extra, count) in [
        ("w3c", "harbour.jsonld", None, 9),
        ("w3c", "harbour16.jsonld", Some("--utf16"), 9),
        ("doccano", "harbour.jsonl", None, 10),
    ] {
        let mut args = vec![
            "import",
            "harbour.txt",
            "--from",
            format,
            file,
            "--set",
            "back",
            "--replace",
        ];
        args.extend(extra);
        let output = marginalia(&args, d);
        assert_eq!(output.status.code(), Some(0), "{file}: {}", stderr(&output));
        let output = marginalia(&["check", "harbour.txt", "--set", "back"], d);
        assert_eq!(
            stdout(&output),
            format!(
                "harbour.txt: {count} annotations: {count} kept, 0 moved, 0 changed, 0 orphaned\n"
            ),
            "{file}"
        );
    }
    // Two W3C files that are not valid JSON are refused with the place of the error.
    std::fs::write(d.join("bad.json"), "{\"type\": \"Annotation\",\n}").unwrap();
    let output = marginalia(
        &[
            "import",
            "harbour.txt",
            "--from",
            "w3c",
            "bad.json",
            "--set",
            "x",
        ],
        d,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("bad.json”: it is not valid JSON: trailing comma at line 2 column 1"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn stats_counts_kinds_types_and_speakers_as_text_or_json() {
    let dir = workspace();
    let d = dir.path();
    marginalia(
        &["import", "harbour.txt", "--from", "brat", "harbour.ann"],
        d,
    );
    let output = marginalia(&["stats", "."], d);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("1 article(s), 9 annotation(s)\n"),
        "{text}"
    );
    assert!(
        text.contains("Kinds: Entity 6, Quote 2, Claim 1\n"),
        "{text}"
    );
    assert!(
        text.contains("Quotes per speaker: Amélie Dubois-Nakashima 1, عائشة 1\n"),
        "{text}"
    );
    assert!(
        text.contains("Claims by check-worthiness: (not rated) 1\n"),
        "{text}"
    );

    // A missing article is an error, named on stderr, after the counts of the others.
    let output = marginalia(&["stats", "harbour.txt", "gone.txt"], d);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("gone.txt"), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("1 article(s), 9 annotation(s)"));
    let output = marginalia(&["export", "gone.txt", "--format", "csv"], d);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("gone.txt"));

    let output = marginalia(&["stats", "--json", "harbour.txt"], d);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["total"]["annotations"], 9);
    assert_eq!(json["total"]["entity_types"]["Organization"], 2);
    assert_eq!(json["articles"][0]["article"], "harbour.txt");
    assert_eq!(json["articles"][0]["kinds"]["Quote"], 2);
}

#[test]
fn agree_compares_named_sets_of_one_article() {
    let dir = workspace();
    let d = dir.path();
    marginalia(
        &["import", "harbour.txt", "--from", "brat", "harbour.ann"],
        d,
    );
    // Bob left out Oxfam and the vote, and marked only Amélie's first name.
    let ann = std::fs::read_to_string(d.join("harbour.ann")).unwrap();
    let bob: String = ann
        .lines()
        .filter(|l| {
            !["T5\t", "T9\t", "E1\t", "A1\t", "A3\t", "N1\t", "#2\t"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .map(|l| {
            l.replace(
                "Person 82 105\tAmélie Dubois-Nakashima",
                "Person 82 88\tAmélie",
            ) + "\n"
        })
        .collect();
    std::fs::write(d.join("bob.ann"), bob).unwrap();
    let output = marginalia(
        &[
            "import",
            "harbour.txt",
            "--from",
            "brat",
            "bob.ann",
            "--set",
            "bob",
        ],
        d,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let output = marginalia(&["agree", "harbour.txt", "--sets", "default", "bob"], d);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("harbour.txt: default (reference) and bob\n"),
        "{text}"
    );
    // 9 and 7 annotations, 6 identical, 7 overlapping: F1 12/16 and 14/16.
    assert!(
        text.contains("\nAll                       0.86  0.67  0.75    1.00  0.78  0.88 "),
        "{text}"
    );
    assert!(
        text.contains("\nEntity Vote                  —  0.00  0.00       —  0.00  0.00 "),
        "{text}"
    );
    assert!(text.contains("Krippendorff's alpha over non-white-space chars (2 sets): All "));

    let output = marginalia(
        &[
            "agree",
            "harbour.txt",
            "--sets",
            "default",
            "bob",
            "default",
            "--json",
        ],
        d,
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["pairs"].as_array().unwrap().len(), 3);
    assert_eq!(
        json["pairs"][1]["lines"][0]["exact"]["f1"], 1.0,
        "default with itself"
    );
    assert_eq!(json["pairs"][0]["lines"][0]["exact"]["matched"], 6);

    let output = marginalia(&["agree", "harbour.txt", "--sets", "default", "nobody"], d);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no annotation set \"nobody\""));
    let output = marginalia(&["agree", "harbour.txt", "--sets", "default"], d);
    assert_eq!(output.status.code(), Some(2), "two sets at least");
}

#[test]
fn help_documents_the_commands_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let output = marginalia(&["--help"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for word in [
        "check",
        "import",
        "export",
        "stats",
        "Exit codes:",
        "2  error",
    ] {
        assert!(help.contains(word), "{word} in {help}");
    }
    let output = marginalia(&["import", "--help"], dir.path());
    assert!(stdout(&output).contains("--replace"));
    // A format we do not read is refused by the parser.
    let output = marginalia(&["import", "a.txt", "--from", "excel", "a.xls"], dir.path());
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn export_report_writes_who_said_what_as_a_page_that_parses_and_as_markdown() {
    let dir = workspace();
    let d = dir.path();
    let output = marginalia(
        &["import", "harbour.txt", "--from", "brat", "harbour.ann"],
        d,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = marginalia(
        &[
            "export",
            "harbour.txt",
            "--format",
            "report-html",
            "-o",
            "report.html",
        ],
        d,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = std::fs::read_to_string(d.join("report.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    assert!(html.errors.is_empty(), "{:?}", html.errors);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let text_of = |e: scraper::ElementRef<'_>| e.text().collect::<String>();
    let h1: Vec<String> = html.select(&select("h1")).map(text_of).collect();
    assert_eq!(h1, ["Harbour council backs the flood wall"]);
    // Each quote once, under its speaker; the claim under its claimant.
    let sections: Vec<(String, Vec<String>, Vec<String>)> = html
        .select(&select("section.speaker"))
        .map(|section| {
            let name = section.select(&select("h2")).map(text_of).collect();
            let quotes = section
                .select(&select("li.quote blockquote"))
                .map(text_of)
                .collect();
            let claims = section
                .select(&select("li.claim blockquote"))
                .map(text_of)
                .collect();
            (name, quotes, claims)
        })
        .collect();
    assert_eq!(
        sections,
        [
            (
                "Amélie Dubois-Nakashima".to_owned(),
                vec!["“We cannot wait for the next storm,”".to_owned()],
                vec![]
            ),
            (
                "The council".to_owned(),
                vec![],
                vec!["“the wall will cost €48.6 million”".to_owned()]
            ),
            (
                "عائشة".to_owned(),
                vec!["“الماء لا ينتظر … أحداً”".to_owned()],
                vec![]
            ),
        ]
    );
    assert_eq!(page.matches("We cannot wait for the next storm").count(), 1);
    assert!(page.contains("direct"), "the quote's mode");
    assert!(
        page.contains("Note: Figure from the council"),
        "the claim's note"
    );

    let output = marginalia(&["export", "harbour.txt", "--format", "report-md"], d);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let markdown = stdout(&output);
    assert!(markdown.starts_with("# Harbour council backs the flood wall\n"));
    let amelie = markdown.find("## Amélie Dubois\\-Nakashima").unwrap();
    let council = markdown.find("## The council").unwrap();
    let quote = markdown
        .find("“We cannot wait for the next storm,” — direct")
        .unwrap();
    assert!(amelie < quote && quote < council, "{markdown}");
}

#[test]
fn suggest_json_gives_each_article_s_quotes_in_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("news")).unwrap();
    std::fs::write(
        dir.path().join("news/wall.txt"),
        "Héadline\n\n“We will build the wall,” Ilse Brandt said. The vote was very close, officials said.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("news/empty.txt"), "Nothing said here.\n").unwrap();
    let output = marginalia(&["suggest", "news", "--json"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "one line per article");
    let wall = lines.iter().find(|l| l["article"] == "wall.txt").unwrap();
    let first = &wall["suggestions"][0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "kind",
        "start",
        "end",
        "fragments",
        "text",
        "confidence",
        "rule",
        "speaker",
        "cue",
        "mode",
        "entity_type",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    // Code points: "Héadline\n\n“" is 11 chars before the quote's text.
    assert_eq!(first["kind"], "quote");
    assert_eq!(
        (first["start"].as_u64(), first["end"].as_u64()),
        (Some(11), Some(34))
    );
    assert_eq!(first["fragments"], serde_json::json!([[11, 34]]));
    assert_eq!(first["text"], "We will build the wall,");
    assert_eq!(first["speaker"]["text"], "Ilse Brandt");
    assert_eq!(first["cue"]["text"], "said");
    assert_eq!(first["mode"], "direct");
    assert!(first["entity_type"].is_null());
    assert_eq!(wall["suggestions"][1]["mode"], "indirect");
    assert!(stderr(&output).contains("[1/2]"), "progress on stderr");
    // --kinds filters.
    let output = marginalia(
        &["suggest", "news/wall.txt", "--json", "--kinds", "claim"],
        dir.path(),
    );
    let line: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(line["article"], "wall.txt");
    assert_eq!(line["suggestions"], serde_json::json!([]));
}

#[test]
fn suggest_apply_pre_annotates_and_a_second_run_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wall.txt"),
        "“We will build the wall,” Ilse Brandt said. The vote was very close, officials said. \
         It passed by 19 votes to 4, more than the mayor hoped for.\n",
    )
    .unwrap();
    let output = marginalia(&["suggest", "wall.txt", "--apply"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).trim(),
        "wall.txt: added 2 quote(s), 1 claim(s) and 2 entit(ies)"
    );
    let sidecar = std::fs::read_to_string(dir.path().join("wall.txt.ron")).unwrap();
    assert_eq!(sidecar.matches("kind: Quote").count(), 2);
    assert_eq!(sidecar.matches("kind: Entity").count(), 2);
    assert_eq!(sidecar.matches("kind: Claim").count(), 1);
    assert!(sidecar.contains("speaker: Some(Mention("), "{sidecar}");
    assert!(sidecar.contains("suggested_by: Some("), "{sidecar}");
    // What the set has is not suggested again.
    let output = marginalia(&["suggest", "wall.txt", "--apply"], dir.path());
    assert_eq!(
        stdout(&output).trim(),
        "wall.txt: added 0 quote(s), 0 claim(s) and 0 entit(ies)"
    );
    let check = marginalia(&["check", "wall.txt"], dir.path());
    assert!(
        stdout(&check).contains("5 annotations"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn a_team_schema_adds_cues_to_the_suggester() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The wall will hold for a whole century, the mayor mused.\n";
    std::fs::write(dir.path().join("wall.txt"), text).unwrap();
    let suggested = |dir: &Path| {
        let output = marginalia(&["suggest", "wall.txt", "--json", "--kinds", "quote"], dir);
        assert!(output.status.success(), "{}", stderr(&output));
        let line: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
        line["suggestions"].as_array().unwrap().len()
    };
    assert_eq!(suggested(dir.path()), 0, "“mused” is no cue of ours");
    let schema = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/default-schema.ron"),
    )
    .unwrap();
    let with_cues = schema
        .trim_end()
        .trim_end_matches(')')
        .trim_end()
        .trim_end_matches(',')
        .to_owned()
        + ",\n    cues: {\"en\": (verbs: [\"mused\"])},\n)\n";
    std::fs::write(dir.path().join("marginalia-schema.ron"), with_cues).unwrap();
    assert_eq!(suggested(dir.path()), 1, "the team's cue");
}

#[test]
fn a_team_gazetteer_beside_the_articles_types_its_names_and_warns_of_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(
        news.join("port.txt"),
        "The ferry from kestrel Bay to Kestrel Bay ran late.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("marginalia-gazetteer.tsv"),
        "name\ttype\tcanonical\tid\nKestrel Bay\tLOCATION\tKestrel Bay (harbour)\tQ77\nno type here\n",
    )
    .unwrap();
    let output = marginalia(
        &["suggest", "news/port.txt", "--json", "--kinds", "entity"],
        dir.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("marginalia-gazetteer.tsv") && stderr(&output).contains("line 3"),
        "{}",
        stderr(&output)
    );
    let line: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    let found = line["suggestions"].as_array().unwrap();
    let gazetteer: Vec<&serde_json::Value> = found
        .iter()
        .filter(|s| s["rule"] == "the team's gazetteer")
        .collect();
    assert_eq!(gazetteer.len(), 1, "only the name as written: {found:?}");
    assert_eq!(gazetteer[0]["text"], "Kestrel Bay");
    assert_eq!(gazetteer[0]["entity_type"], "LOCATION");
    // Applied, the mention names the identity, with its external id.
    let output = marginalia(&["suggest", "news/port.txt", "--apply"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let sidecar = std::fs::read_to_string(news.join("port.txt.ron")).unwrap();
    assert!(
        sidecar.contains("name: \"Kestrel Bay (harbour)\""),
        "{sidecar}"
    );
    assert!(sidecar.contains("external_id: Some(\"Q77\")"), "{sidecar}");
}

#[test]
fn train_learns_from_the_articles_with_sidecars_and_suggest_uses_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    let text = "“The wall will hold for a century,” Ilse Brandt said.\n\nThe harbour was quiet.\n";
    std::fs::write(news.join("wall.txt"), text).unwrap();
    std::fs::write(news.join("quiet.txt"), "Nothing was said.\n").unwrap();
    // No sidecar anywhere: nothing to learn from, and nothing written.
    let none = marginalia(&["train", "news", "-o", "model.bin"], dir.path());
    assert_eq!(none.status.code(), Some(2), "{}", stderr(&none));
    assert!(
        stderr(&none).contains("none of the articles given has annotations"),
        "{}",
        stderr(&none)
    );
    assert!(!dir.path().join("model.bin").exists());
    // Pre-annotated and then learned from; the article without a sidecar is left out.
    let applied = marginalia(&["suggest", "news/wall.txt", "--apply"], dir.path());
    assert!(applied.status.success(), "{}", stderr(&applied));
    let trained = marginalia(&["train", "news", "-o", "model.bin"], dir.path());
    assert!(trained.status.success(), "{}", stderr(&trained));
    assert!(
        stdout(&trained).starts_with("trained on 1 article(s) with 1 quote(s) in "),
        "{}",
        stdout(&trained)
    );
    assert!(stderr(&trained).contains("1 article(s) without annotations were left out"));
    let suggested = marginalia(
        &[
            "suggest",
            "news/quiet.txt",
            "--json",
            "--model",
            "model.bin",
        ],
        dir.path(),
    );
    assert!(suggested.status.success(), "{}", stderr(&suggested));
    // Quotes and entity names are learned; claims not yet, and the command says so.
    let entities = marginalia(
        &["train", "news", "-o", "model.bin", "--kinds", "entity"],
        dir.path(),
    );
    assert!(entities.status.success(), "{}", stderr(&entities));
    assert!(
        stdout(&entities).starts_with("trained on 1 article(s) with 0 quote(s) in "),
        "{}",
        stdout(&entities)
    );
    let claims = marginalia(
        &["train", "news", "-o", "claims.bin", "--kinds", "claim"],
        dir.path(),
    );
    assert_eq!(claims.status.code(), Some(2));
    assert!(
        stderr(&claims).contains("models of claims are not learned yet")
            && stderr(&claims).contains("--kinds quote,entity"),
        "{}",
        stderr(&claims)
    );
    assert!(!dir.path().join("claims.bin").exists());
}

#[test]
fn a_model_that_cannot_be_read_is_named_and_the_rules_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let text = "“The wall will hold for a century,” Ilse Brandt said.\n";
    std::fs::write(dir.path().join("wall.txt"), text).unwrap();
    std::fs::write(dir.path().join("marginalia-model.bin"), "not a model").unwrap();
    let found = marginalia(
        &["suggest", "wall.txt", "--json", "--kinds", "quote"],
        dir.path(),
    );
    assert!(found.status.success(), "{}", stderr(&found));
    assert!(
        stderr(&found).contains("is no Marginalia model")
            && stderr(&found).contains("the rules suggest alone"),
        "{}",
        stderr(&found)
    );
    let line: serde_json::Value = serde_json::from_str(stdout(&found).trim()).unwrap();
    assert_eq!(line["suggestions"].as_array().unwrap().len(), 1);
    // Asked for by name, it is an error.
    let given = marginalia(
        &["suggest", "wall.txt", "--model", "marginalia-model.bin"],
        dir.path(),
    );
    assert_eq!(given.status.code(), Some(2));
    assert!(
        stderr(&given).contains("marginalia-model.bin"),
        "{}",
        stderr(&given)
    );
}

#[test]
fn learning_curve_writes_the_table_and_the_plot_starting_from_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, names) in [("train", ["a", "b", "c"]), ("dev", ["d", "e", "f"])] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        for name in names {
            let text = format!("“The {name} wall will hold,” Ilse Brandt said.\n");
            std::fs::write(dir.path().join(folder).join(format!("{name}.txt")), text).unwrap();
        }
        let applied = marginalia(&["suggest", folder, "--apply"], dir.path());
        assert!(applied.status.success(), "{}", stderr(&applied));
    }
    let args = [
        "learning-curve",
        "--train",
        "train",
        "--dev",
        "dev",
        "-o",
        "curve",
        "--sizes",
        "1,2,40",
    ];
    let output = marginalia(&args, dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let table = std::fs::read_to_string(dir.path().join("curve/learning-curve.md")).unwrap();
    assert!(stdout(&output).starts_with(&table), "{}", stdout(&output));
    let rows: Vec<&str> = table.lines().skip(2).collect();
    let trained: Vec<&str> = rows
        .iter()
        .map(|row| row.split(" | ").next().unwrap())
        .collect();
    assert_eq!(trained, ["| 0", "| 1", "| 2", "| 3"], "{table}");
    assert!(rows[0].contains("| 1.000 | 1.000 | 1.000 |"), "{table}");
    let png = std::fs::read(dir.path().join("curve/learning-curve.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // Nothing to score on: an error naming it, and nothing written.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let none = marginalia(
        &[
            "learning-curve",
            "--train",
            "train",
            "--dev",
            "empty",
            "-o",
            "none",
        ],
        dir.path(),
    );
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("to score on"), "{}", stderr(&none));
    assert!(!dir.path().join("none").exists());
}
