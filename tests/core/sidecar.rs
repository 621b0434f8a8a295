//! The sidecar file: round trips, determinism, errors, atomic saves and changed articles.

use marginalia::model::relations;
use marginalia::model::{
    Annotation, AnnotationSet, Attributes, CharSpan, CheckWorthiness, Document, Edit, Excerpt,
    Kind, Party, Placement, QuoteMode,
};
use marginalia::store::sidecar::{self, LoadError};
use std::path::{Path, PathBuf};

/// Our own hard text: accents, a skin-tone emoji, a ZWJ family, CJK, Arabic and CRLF breaks.
const ARTICLE: &str = "Zoë Ångström-Ruiz said: “We counted 1 204 votes 👍🏽.”\r\n\
Die Familie 👨‍👩‍👧 zog nach Köln.\r\n\
北京市政府表示，新法规将于明年生效。\r\n\
قال الوزير إن الميزانية سترتفع.\r\n";

fn write_article(dir: &Path, text: &str) -> (PathBuf, Document) {
    let path = dir.join("report.txt");
    std::fs::write(&path, text).unwrap();
    let document = Document::open(&path).unwrap();
    (path, document)
}

fn find(document: &Document, needle: &str) -> CharSpan {
    let text = document.text().as_str();
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count()).unwrap()
}

fn annotate(document: &Document, set: &mut AnnotationSet, kind: Kind, needle: &str) -> Annotation {
    let annotation = Annotation::new(set.fresh_id(), kind, find(document, needle), document);
    set.insert(annotation.clone(), document).unwrap();
    annotation
}

fn sample_set(document: &Document) -> AnnotationSet {
    let mut set = AnnotationSet::new();
    annotate(
        document,
        &mut set,
        Kind::Quote,
        "“We counted 1 204 votes 👍🏽.”",
    );
    annotate(document, &mut set, Kind::Entity, "Zoë Ångström-Ruiz");
    annotate(document, &mut set, Kind::Claim, "1 204 votes");
    annotate(document, &mut set, Kind::Entity, "👨‍👩‍👧");
    annotate(document, &mut set, Kind::Entity, "北京市政府");
    annotate(document, &mut set, Kind::Claim, "الميزانية سترتفع");
    // A span across a CRLF line break.
    annotate(document, &mut set, Kind::Quote, "Köln.\r\n北京");
    set
}

#[test]
fn sidecar_path_appends_ron_to_the_full_file_name() {
    assert_eq!(
        sidecar::sidecar_path(Path::new("/news/report.txt")),
        PathBuf::from("/news/report.txt.ron")
    );
    assert_eq!(
        sidecar::sidecar_path(Path::new("a.b.md")),
        PathBuf::from("a.b.md.ron")
    );
}

#[test]
fn save_load_save_is_byte_identical_and_restores_every_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let (article, document) = write_article(dir.path(), ARTICLE);
    let set = sample_set(&document);
    let path = sidecar::sidecar_path(&article);
    sidecar::save(&path, &document, &set, &Default::default()).unwrap();
    let first = std::fs::read(&path).unwrap();

    let loaded = sidecar::load(&path, &document).unwrap().unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(loaded.fingerprint_matches);
    assert_eq!(loaded.annotations.anchored(), set.anchored());
    loaded.annotations.validate(&document).unwrap();

    sidecar::save(&path, &document, &loaded.annotations, &Default::default()).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
}

#[test]
fn version_2_and_3_files_load_as_they_were_written() {
    // Versions 3 and 4 only added optional fields, so an older file is a version 4 file without
    // them.
    let dir = tempfile::tempdir().unwrap();
    let (path, document) = write_article(dir.path(), ARTICLE);
    let set = sample_set(&document);
    let v4 = sidecar::to_ron(&document, &set, &Default::default());
    for absent in [
        "source_label",
        "brat_extras",
        "suggested_by",
        "rejected_suggestions",
    ] {
        assert!(!v4.contains(absent), "{absent}");
    }
    for version in [2, 3] {
        let old = v4.replacen("version: 4,", &format!("version: {version},"), 1);
        let loaded = sidecar::parse(&old, &path, &document).unwrap();
        assert_eq!(loaded.annotations.anchored(), set.anchored());
        assert_eq!(
            sidecar::to_ron(&document, &loaded.annotations, &Default::default()),
            v4
        );
    }
}

#[test]
fn rejected_suggestions_and_the_rule_of_an_accepted_one_are_kept_and_re_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let (path, document) = write_article(dir.path(), ARTICLE);
    let mut set = sample_set(&document);
    let span = CharSpan::new(18, 30).unwrap();
    set.reject(marginalia::model::Rejection::new(
        Kind::Claim,
        span,
        &document,
    ));
    let mut accepted = set.anchored()[0].clone();
    accepted.suggested_by = Some("claim: a number".into());
    set.apply(Edit::Replace(accepted), &document).unwrap();
    let text = sidecar::to_ron(&document, &set, &Default::default());
    assert!(text.contains("    rejected_suggestions: [\n"), "{text}");
    assert!(
        text.contains("suggested_by: Some(\"claim: a number\")"),
        "{text}"
    );
    let loaded = sidecar::parse(&text, &path, &document).unwrap();
    assert_eq!(loaded.annotations.rejections(), set.rejections());
    assert_eq!(loaded.annotations.anchored(), set.anchored());
    assert_eq!(
        sidecar::to_ron(&document, &loaded.annotations, &Default::default()),
        text,
        "the same bytes again"
    );
    // Text put before it: the rejection moves with its words.
    let edited = Document::from_text(path.clone(), format!("A new first line.\n{ARTICLE}"));
    let moved = sidecar::parse(&text, &path, &edited).unwrap();
    let rejection = &moved.annotations.rejections()[0];
    assert_eq!(rejection.span.start.0, 18 + 18);
    assert!(rejection.is_anchored_in(&edited));
    assert!(moved.annotations.is_rejected(Kind::Claim, rejection.span));
}

#[test]
fn the_file_is_readable_and_one_field_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let (_, document) = write_article(dir.path(), ARTICLE);
    let text = sidecar::to_ron(&document, &sample_set(&document), &Default::default());
    assert!(
        text.starts_with("(\n    format: \"marginalia-sidecar\",\n    version: 4,\n"),
        "{text}"
    );
    assert!(text.contains("    offset_unit: \"unicode-scalar\",\n"));
    assert!(text.contains("            kind: Entity,\n            start: 0,\n            end: 17,\n            text: \"Zoë Ångström-Ruiz\",\n"), "{text}");
    assert!(text.contains("fingerprint: \"blake3:"));
}

#[test]
fn adding_one_span_changes_a_few_lines_only() {
    let dir = tempfile::tempdir().unwrap();
    let (_, document) = write_article(dir.path(), ARTICLE);
    let mut set = sample_set(&document);
    let before = sidecar::to_ron(&document, &set, &Default::default());
    annotate(&document, &mut set, Kind::Entity, "Köln");
    let after = sidecar::to_ron(&document, &set, &Default::default());
    let before_lines: Vec<&str> = before.lines().collect();
    let after_lines: Vec<&str> = after.lines().collect();
    let added = after_lines.len() - before_lines.len();
    assert!(added <= 14, "one annotation added {added} lines");
    let common_prefix = before_lines
        .iter()
        .zip(&after_lines)
        .take_while(|(a, b)| a == b)
        .count();
    let common_suffix = before_lines
        .iter()
        .rev()
        .zip(after_lines.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(common_prefix + common_suffix + added >= after_lines.len());
}

#[test]
fn a_missing_sidecar_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (article, document) = write_article(dir.path(), ARTICLE);
    assert!(
        sidecar::load(&sidecar::sidecar_path(&article), &document)
            .unwrap()
            .is_none()
    );
}

#[test]
fn syntax_errors_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let (_, document) = write_article(dir.path(), ARTICLE);
    let path = dir.path().join("report.txt.ron");
    let broken = "(\n    format: \"marginalia-sidecar\",\n    version: 1,\n    document: (file_name: \"report.txt\" char_count: 3),\n)\n";
    let error = sidecar::parse(broken, &path, &document).unwrap_err();
    match &error {
        LoadError::Malformed { line, column, .. } => {
            assert_eq!(*line, 4);
            assert!(*column > 30, "column {column}");
        }
        other => panic!("unexpected {other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.contains("report.txt.ron") && message.contains("line 4"),
        "{message}"
    );
}

#[test]
fn wrong_types_are_malformed_too() {
    let dir = tempfile::tempdir().unwrap();
    let (_, document) = write_article(dir.path(), ARTICLE);
    let mut text = sidecar::to_ron(&document, &sample_set(&document), &Default::default());
    text = text.replacen("start: 0,", "start: \"zero\",", 1);
    let error = sidecar::parse(&text, Path::new("x.ron"), &document).unwrap_err();
    assert!(
        matches!(error, LoadError::Malformed { line, .. } if line > 5),
        "{error}"
    );
}

#[test]
fn newer_versions_are_refused_and_unknown_formats_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let (_, document) = write_article(dir.path(), ARTICLE);
    let newer = "(format: \"marginalia-sidecar\", version: 7, future_field: [1, 2])";
    let error = sidecar::parse(newer, Path::new("a.txt.ron"), &document).unwrap_err();
    assert!(matches!(error, LoadError::TooNew { version: 7, .. }));
    assert!(error.to_string().contains("Update Marginalia"), "{error}");

    let other = "(format: \"something-else\", version: 1)";
    let error = sidecar::parse(other, Path::new("a.txt.ron"), &document).unwrap_err();
    assert!(matches!(error, LoadError::NotASidecar { .. }));

    let zero = "(format: \"marginalia-sidecar\", version: 0)";
    let error = sidecar::parse(zero, Path::new("a.txt.ron"), &document).unwrap_err();
    assert!(matches!(
        error,
        LoadError::UnknownVersion { version: 0, .. }
    ));
}

#[test]
fn bad_spans_in_a_matching_file_are_kept_aside_with_a_located_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (_, document) = write_article(dir.path(), ARTICLE);
    let set = sample_set(&document);
    let victim = set.anchored()[2].clone();
    let text = sidecar::to_ron(&document, &set, &Default::default());
    let tampered = text.replacen(
        &format!("text: {:?},", victim.text),
        "text: \"something else\",",
        1,
    );
    let out_of_range = tampered.replacen("end: 17,", "end: 99999,", 1);
    let loaded = sidecar::parse(&out_of_range, Path::new("r.txt.ron"), &document).unwrap();
    assert_eq!(loaded.annotations.len(), set.len(), "nothing is dropped");
    // The span past the end is found again by its text and context; the one whose text is
    // nowhere is kept aside, with the words between its context as a proposal to confirm.
    assert_eq!(loaded.annotations.unanchored().len(), 1);
    let kept_aside = &loaded.annotations.unanchored()[0];
    assert_eq!(kept_aside.text, "something else");
    assert_eq!(loaded.review.tally.moved, 1, "{}", loaded.review.tally);
    assert_eq!(loaded.review.tally.changed, 1, "{}", loaded.review.tally);
    assert_eq!(loaded.review.proposals[&kept_aside.id].text, victim.text);
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
    assert!(
        loaded
            .warnings
            .iter()
            .all(|w| w.contains("r.txt.ron") && w.contains(", line "))
    );
    assert!(loaded.warnings.iter().any(|w| w.contains("past the end")));
    assert!(loaded.warnings.iter().any(|w| w.contains("something else")));
}

#[test]
fn a_changed_article_keeps_what_still_matches_and_flags_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (article, document) = write_article(dir.path(), ARTICLE);
    let set = sample_set(&document);
    let path = sidecar::sidecar_path(&article);
    sidecar::save(&path, &document, &set, &Default::default()).unwrap();

    // The first line is corrected: spans in it no longer match, the others are where they were.
    let edited = ARTICLE.replacen("1 204", "1 240", 1);
    let (_, edited_document) = write_article(dir.path(), &edited);
    let loaded = sidecar::load(&path, &edited_document).unwrap().unwrap();
    assert!(!loaded.fingerprint_matches);
    assert_eq!(loaded.annotations.len(), set.len());
    let lost: Vec<&str> = loaded
        .annotations
        .unanchored()
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(lost, vec!["“We counted 1 204 votes 👍🏽.”", "1 204 votes"]);
    // Both are proposed where the corrected number stands, to be confirmed.
    let proposed: Vec<&str> = loaded
        .review
        .proposals
        .values()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(proposed.len(), 2);
    assert!(proposed.contains(&"1 240 votes"), "{proposed:?}");
    assert!(
        loaded.warnings[0].contains("0 moved, 2 changed, 0 orphaned"),
        "{:?}",
        loaded.warnings
    );

    // Saving keeps the lost ones, marked, and reloading still has them.
    sidecar::save(
        &path,
        &edited_document,
        &loaded.annotations,
        &Default::default(),
    )
    .unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved.matches("needs_reanchoring: true").count(), 2);
    let reloaded = sidecar::load(&path, &edited_document).unwrap().unwrap();
    assert!(reloaded.fingerprint_matches);
    assert!(reloaded.warnings.is_empty(), "{:?}", reloaded.warnings);
    assert_eq!(reloaded.annotations.unanchored().len(), 2);
    assert_eq!(reloaded.review.proposals.len(), 2, "proposed again");
    assert_eq!(reloaded.annotations.len(), set.len());
}

#[test]
fn duplicate_ids_are_renamed_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let (_, document) = write_article(dir.path(), ARTICLE);
    let set = sample_set(&document);
    let first = &set.anchored()[0].id.0;
    let second = &set.anchored()[1].id.0;
    let text =
        sidecar::to_ron(&document, &set, &Default::default()).replace(second.as_str(), first);
    let loaded = sidecar::parse(&text, Path::new("d.ron"), &document).unwrap();
    assert_eq!(loaded.annotations.len(), set.len());
    assert!(loaded.warnings[0].contains("used twice"));
    loaded.annotations.validate(&document).unwrap();
}

#[test]
fn a_failed_save_leaves_the_old_file_byte_identical_and_no_litter() {
    let dir = tempfile::tempdir().unwrap();
    let (article, document) = write_article(dir.path(), ARTICLE);
    let path = sidecar::sidecar_path(&article);
    sidecar::save(
        &path,
        &document,
        &sample_set(&document),
        &Default::default(),
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();

    // A disk that fills up half-way through the write.
    let result = sidecar::write_atomically_with(&path, |file| {
        file.write_all(b"(format: \"marginalia-sid")?;
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device",
        ))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // A folder that was deleted: a clear error naming the file.
    let gone = dir.path().join("deleted").join("report.txt.ron");
    let error =
        sidecar::save(&gone, &document, &AnnotationSet::new(), &Default::default()).unwrap_err();
    assert!(
        error.to_string().contains("report.txt.ron")
            && error.to_string().contains("save them elsewhere")
    );
}

#[test]
fn backups_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt.ron");
    std::fs::write(&path, "broken one").unwrap();
    let first = sidecar::back_up(&path).unwrap();
    std::fs::write(&path, "broken two").unwrap();
    let second = sidecar::back_up(&path).unwrap();
    assert_ne!(first, second);
    assert_eq!(std::fs::read_to_string(first).unwrap(), "broken one");
    assert_eq!(std::fs::read_to_string(second).unwrap(), "broken two");
}

#[test]
fn version_1_files_load_unchanged_and_save_as_the_current_version() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let document = Document::open(&fixtures.join("report.txt")).unwrap();
    let path = fixtures.join("report.txt.ron");
    let v1 = std::fs::read_to_string(&path).unwrap();
    let loaded = sidecar::load(&path, &document).unwrap().unwrap();
    assert!(loaded.fingerprint_matches);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let set = &loaded.annotations;
    assert_eq!(set.anchored().len(), 7);
    assert_eq!(set.unanchored().len(), 1);
    assert_eq!(set.unanchored()[0].text, "Berlin");
    let quote = &set.anchored()[1];
    assert_eq!(quote.kind(), Kind::Quote);
    assert_eq!(quote.text, "“We counted 1 204 votes 👍🏽.”");
    assert_eq!(
        quote.note.as_deref(),
        Some("Spelling checked with her office: “Ångström-Ruiz”.")
    );
    assert_eq!(quote.attributes, Attributes::empty(Kind::Quote));
    set.validate(&document).unwrap();

    // Saved again, it is the current version with the same records, and loads to the same set.
    let v2 = sidecar::to_ron(&document, set, &Default::default());
    assert!(v2.contains("version: 4,"));
    let v1_records: Vec<&str> = v1.lines().filter(|l| !l.contains("note:")).collect();
    let v2_records: Vec<&str> = v2
        .lines()
        .filter(|l| !l.contains("note:") && !l.contains("encoding:"))
        .collect();
    assert_eq!(v1_records.len(), v2_records.len());
    let again = sidecar::parse(&v2, &path, &document).unwrap();
    assert_eq!(again.annotations.anchored(), set.anchored());
    assert_eq!(again.annotations.unanchored(), set.unanchored());
}

#[test]
fn attributes_links_and_identities_survive_save_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let (article, document) = write_article(dir.path(), ARTICLE);
    let mut set = sample_set(&document);
    let person = set.anchored()[0].clone();
    assert_eq!(person.text, "Zoë Ångström-Ruiz");
    let mut quote = set.anchored()[1].clone();
    assert_eq!(quote.kind(), Kind::Quote);
    let mut second = Annotation::new(
        set.fresh_id(),
        Kind::Entity,
        find(&document, "Zoë"),
        &document,
    );
    second.span = find(&document, "Zoë");
    set.insert(second.clone(), &document).unwrap();
    let join = relations::join_entity(&set, &second.id, &person.id);
    set.apply_all(join, &document).unwrap();
    let identity = set.identities().values().next().unwrap().clone();
    let mut renamed = identity.clone();
    renamed.name = "Zoë Ångström-Ruiz (mayor)".into();
    renamed.external_id = Some("Q4115189".into());
    set.apply(Edit::PutIdentity(renamed), &document).unwrap();

    if let Attributes::Quote(q) = &mut quote.attributes {
        q.speaker = Some(Party::Mention(person.id.clone()));
        q.mode = Some(QuoteMode::Direct);
        q.cue = Some(Excerpt::of(&document, find(&document, "said")));
    }
    quote.tags = vec!["budget".into(), "élection".into()];
    set.apply(Edit::Replace(quote.clone()), &document).unwrap();
    let mut claim = set
        .anchored()
        .iter()
        .find(|a| a.text == "1 204 votes")
        .unwrap()
        .clone();
    if let Attributes::Claim(c) = &mut claim.attributes {
        c.claimant = Some(Party::Named("Le comité 👩🏽‍⚖️".into()));
        c.check_worthiness = Some(CheckWorthiness::CheckWorthy);
        c.verdict = Some("mostly true".into());
        c.source_url = Some("https://example.org/check/1204".into());
    }
    set.apply(Edit::Replace(claim), &document).unwrap();
    // A quote in two fragments.
    let mut fragmented = Annotation::new(
        set.fresh_id(),
        Kind::Quote,
        find(&document, "Die Familie"),
        &document,
    );
    fragmented.fragments = vec![Excerpt::of(&document, find(&document, "zog nach"))];
    set.apply(
        Edit::Insert(fragmented.clone(), Placement::Anchored),
        &document,
    )
    .unwrap();
    set.validate(&document).unwrap();

    let path = sidecar::sidecar_path(&article);
    sidecar::save(&path, &document, &set, &Default::default()).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("speaker: Some(Mention(\""), "{text}");
    assert!(text.contains("external_id: Some(\"Q4115189\")"), "{text}");
    let loaded = sidecar::load(&path, &document).unwrap().unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.annotations.anchored(), set.anchored());
    assert_eq!(loaded.annotations.identities(), set.identities());
    assert_eq!(loaded.annotations.same_entity(&second.id).len(), 2);
    assert_eq!(
        loaded
            .annotations
            .overlapping(find(&document, "nach"))
            .map(|a| &a.id)
            .collect::<Vec<_>>(),
        vec![&fragmented.id]
    );
    sidecar::save(&path, &document, &loaded.annotations, &Default::default()).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn dangling_links_and_misplaced_attributes_in_a_file_are_reported_and_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let (article, document) = write_article(dir.path(), ARTICLE);
    let set = sample_set(&document);
    let path = sidecar::sidecar_path(&article);
    let text = sidecar::to_ron(&document, &set, &Default::default());
    let quote_id = &set.anchored()[1].id;
    let entity_id = &set.anchored()[0].id;
    let text = text
        .replacen(
            &format!("id: \"{quote_id}\",\n"),
            &format!("id: \"{quote_id}\",\n            speaker: Some(Mention(\"ffffffffff\")),\n"),
            1,
        )
        .replacen(
            &format!("id: \"{entity_id}\",\n"),
            &format!("id: \"{entity_id}\",\n            verdict: Some(\"false\"),\n            identity: Some(\"nobody\"),\n"),
            1,
        );
    let loaded = sidecar::parse(&text, &path, &document).unwrap();
    assert_eq!(loaded.warnings.len(), 3, "{:?}", loaded.warnings);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("a verdict") && w.contains("report.txt.ron"))
    );
    assert!(loaded.warnings.iter().any(|w| w.contains("ffffffffff")));
    assert!(loaded.warnings.iter().any(|w| w.contains("nobody")));
    assert_eq!(loaded.annotations.len(), set.len());
    loaded.annotations.validate(&document).unwrap();
}

#[test]
fn hostile_sidecars_give_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, document) = write_article(dir.path(), ARTICLE);
    let header = "(format: \"marginalia-sidecar\", version: 3, ";
    let cases = [
        // Deep nesting, for both readers.
        format!("{header}annotations: [{}", "(".repeat(100_000)),
        format!("{header}annotations: [{}]", "[".repeat(100_000)),
        // NUL bytes and a string that never ends.
        format!("{header}\0\0\0"),
        format!("{header}offset_unit: \"{}", "x".repeat(1_000_000)),
        // A number too large for any offset.
        format!(
            "{header}document: (file_name: \"a\", char_count: 99999999999999999999999, fingerprint: \"x\"), offset_unit: \"unicode-scalar\", annotations: [])"
        ),
    ];
    for source in &cases {
        let result = sidecar::parse(source, &path, &document);
        assert!(result.is_err(), "{:?}…", &source[..60.min(source.len())]);
    }
}

#[test]
fn a_sidecar_larger_than_any_set_is_refused_before_it_is_read_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (path, document) = write_article(dir.path(), ARTICLE);
    let sidecar_path = sidecar::sidecar_path(&path);
    // Sparse: no disk is used for it.
    let size = sidecar::MAX_SIDECAR_BYTES + 1;
    std::fs::File::create(&sidecar_path)
        .unwrap()
        .set_len(size)
        .unwrap();
    for error in [
        sidecar::load(&sidecar_path, &document).unwrap_err(),
        sidecar::summary(&sidecar_path).unwrap_err(),
    ] {
        let message = error.to_string();
        assert!(
            message.contains("report.txt.ron") && message.contains("more than Marginalia reads"),
            "{message}"
        );
    }
    assert_eq!(std::fs::metadata(&sidecar_path).unwrap().len(), size);
}

#[test]
fn saving_into_a_read_only_folder_fails_clearly_and_leaves_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let (article, document) = write_article(&folder, ARTICLE);
    let path = sidecar::sidecar_path(&article);
    sidecar::save(
        &path,
        &document,
        &sample_set(&document),
        &Default::default(),
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes into read-only folders anyway: then a read-only file system stands in.
    let probe = folder.join("probe");
    let root = std::fs::write(&probe, b"x").is_ok();
    let target = if root {
        std::fs::remove_file(&probe).unwrap();
        std::path::PathBuf::from("/proc/self/report.txt.ron")
    } else {
        path.clone()
    };
    let error = sidecar::save(
        &target,
        &document,
        &AnnotationSet::new(),
        &Default::default(),
    )
    .unwrap_err();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let message = error.to_string();
    assert!(
        message.contains("report.txt.ron") && message.contains("save them elsewhere"),
        "{message}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no litter: {names:?}");
}

#[test]
fn the_line_reader_for_large_files_places_what_parse_places() {
    let dir = tempfile::tempdir().unwrap();
    let (path, document) = write_article(dir.path(), ARTICLE);
    let text = sidecar::to_ron(&document, &sample_set(&document), &Default::default());
    let sidecar_path = sidecar::sidecar_path(&path);
    let whole = sidecar::parse(&text, &sidecar_path, &document).unwrap();
    let streamed =
        sidecar::place_from_reader(text.as_bytes(), &sidecar_path, &document).expect("our layout");
    assert_eq!(
        sidecar::to_ron(&document, &streamed.annotations, &Default::default()),
        sidecar::to_ron(&document, &whole.annotations, &Default::default())
    );
    assert_eq!(streamed.warnings, whole.warnings);
    // Not our layout (CRLF line breaks, as a checkout on Windows may give): left to `parse`.
    let crlf = text.replace('\n', "\r\n");
    assert!(sidecar::place_from_reader(crlf.as_bytes(), &sidecar_path, &document).is_none());
    assert_eq!(
        sidecar::parse(&crlf, &sidecar_path, &document)
            .unwrap()
            .annotations
            .len(),
        whole.annotations.len()
    );
}
