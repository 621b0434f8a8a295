//! The Word documents of `../shared/corpus/documents/docx/` (written by others): each one with a
//! reference text beside it gives at least 97 % of the reference's words, in the same order;
//! each one that cannot give text gives its message. Runs when the corpus is present.

use marginalia::model::Document;
use std::path::Path;

/// The least share of a reference's words an extracted text must have, in order.
const MIN_WORDS_IN_ORDER: f64 = 0.97;

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The share of `reference`'s words found in `text` in the same order (a longest common
/// subsequence of words).
fn share_in_order(reference: &[String], text: &[String]) -> f64 {
    if reference.is_empty() {
        return 1.0;
    }
    let mut row = vec![0usize; text.len() + 1];
    for word in reference {
        let mut diagonal = 0;
        for (j, other) in text.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if word == other {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[text.len()] as f64 / reference.len() as f64
}

#[test]
fn words_in_order_count_as_expected() {
    let w = |s: &str| words(s);
    let cases = [
        ("a b c d", "a b c d", 1.0),
        ("a b c d", "x a b y c d z", 1.0),
        ("a b c d", "d c b a", 0.25),
        ("a b c d", "a b", 0.5),
        ("", "anything", 1.0),
    ];
    for (reference, text, share) in cases {
        assert_eq!(
            share_in_order(&w(reference), &w(text)),
            share,
            "{reference} / {text}"
        );
    }
}

#[test]
fn every_word_document_of_the_corpus_gives_its_text() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/documents/docx");
    if !folder.is_dir() {
        println!("no corpus at {}: skipped", folder.display());
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "the corpus has its 12 Word files");
    let mut worst = 1.0f64;
    for file in &files {
        let document = Document::open(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let derived = document
            .derived()
            .expect("a Word document's text is derived");
        assert_eq!(derived.format.name(), "docx");
        if file.ends_with("mammoth-text-box.docx") {
            // python-docx reads the text box twice, from Word's copy and from its fallback for
            // older readers, run together ("Datum planeDatum plane"): Word shows it once.
            assert_eq!(document.text().as_str(), "Datum plane\n");
            continue;
        }
        let reference = file.with_extension("python-docx.txt");
        let Ok(reference) = std::fs::read_to_string(&reference) else {
            // Strict OOXML, which python-docx cannot read: the text is there all the same.
            assert!(
                !document.text().as_str().trim().is_empty(),
                "{}",
                file.display()
            );
            continue;
        };
        let share = share_in_order(&words(&reference), &words(document.text().as_str()));
        println!("{:.3} {}", share, file.display());
        assert!(
            share >= MIN_WORDS_IN_ORDER,
            "{}: {share:.3} of the reference's words in order",
            file.display()
        );
        worst = worst.min(share);
    }
    println!("worst share of a reference's words in order: {worst:.3}");
}

/// A Word document (ours) with `paragraphs` in its body and `footnote` as its one footnote,
/// referred to at the end of the first paragraph (none when it is empty).
fn word_document(paragraphs: &[&str], footnote: &str) -> Vec<u8> {
    use std::io::Write;
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let runs = |text: &str| format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#);
    let body: String = paragraphs
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let reference = if n == 0 && !footnote.is_empty() {
                r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#
            } else {
                ""
            };
            format!("<w:p>{}{reference}</w:p>", runs(text))
        })
        .collect();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#),
        ),
        (
            "word/_rels/document.xml.rels",
            format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/footnotes" Target="footnotes.xml"/></Relationships>"#),
        ),
        (
            "word/document.xml",
            format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#),
        ),
        (
            "word/footnotes.xml",
            format!(
                r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote></w:footnotes>"#,
                runs(&format!(" {footnote}"))
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let with_notes = !footnote.is_empty();
    for (name, xml) in parts.into_iter().filter(|(name, _)| {
        with_notes || !name.contains("footnotes") && !name.contains("word/_rels")
    }) {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_word_document_is_annotated_saved_and_reopened_exactly() {
    use marginalia::model::{Annotation, AnnotationId, AnnotationSet, CharOffset, CharSpan, Kind};
    use marginalia::store::sidecar;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    let bytes = word_document(
        &[
            "The harbour master said the pier would reopen.",
            "Boats wait.",
        ],
        "Said on Tuesday.",
    );
    std::fs::write(&path, &bytes).unwrap();
    let document = Document::open(&path).unwrap();
    assert_eq!(
        document.text().as_str(),
        "The harbour master said the pier would reopen.[1]\n\nBoats wait.\n\n[1] Said on Tuesday.\n"
    );
    let derived = document.derived().unwrap();
    assert_eq!(derived.extractor_version, 1);
    assert_eq!(
        derived.source_fingerprint,
        marginalia::model::Fingerprint::of_bytes(&bytes)
    );
    let mut set = AnnotationSet::new();
    let start = document.text().as_str().find("Boats").unwrap();
    let span = CharSpan::between(CharOffset(start), CharOffset(start + "Boats wait.".len()));
    assert_eq!(document.text().slice(span), "Boats wait.");
    let claim = Annotation::new(
        AnnotationId::generate(|id| set.contains_id(id)),
        Kind::Claim,
        span,
        &document,
    );
    set.insert(claim, &document).unwrap();
    let sidecar_path = sidecar::sidecar_path(&path);
    sidecar::save(&sidecar_path, &document, &set, &Default::default()).unwrap();
    let saved = std::fs::read_to_string(&sidecar_path).unwrap();
    assert!(saved.contains(r#"source: Some("docx")"#), "{saved}");
    assert!(
        saved.contains(&format!(
            "source_fingerprint: Some(\"{}\")",
            derived.source_fingerprint
        )),
        "{saved}"
    );
    let reopened = Document::open(&path).unwrap();
    let loaded = sidecar::load(&sidecar_path, &reopened).unwrap().unwrap();
    assert!(loaded.fingerprint_matches);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.annotations.anchored(), set.anchored());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the document is untouched"
    );
}

fn marginalia_text(path: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(["text"])
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn marginalia_text_prints_the_annotated_text_or_says_why_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files: [(&str, Vec<u8>); 5] = [
        ("notes.docx", word_document(&["Boats wait."], "A note.")),
        ("empty.docx", word_document(&[], "")),
        ("broken.docx", b"these bytes are no zip archive".to_vec()),
        ("plain.txt", "Caf\u{e9}\r\nline two".as_bytes().to_vec()),
        ("nothing.txt", Vec::new()),
    ];
    for (name, bytes) in &files {
        std::fs::write(d.join(name), bytes).unwrap();
    }
    let cases = [
        ("notes.docx", 0, "Boats wait.[1]\n\n[1] A note.\n", ""),
        ("plain.txt", 0, "Caf\u{e9}\r\nline two", ""),
        ("empty.docx", 2, "", "is a Word document with no text in it"),
        (
            "broken.docx",
            2,
            "",
            "cannot be opened as a Word document: it is not a Word document",
        ),
        ("nothing.txt", 2, "", "is empty"),
        ("missing.docx", 2, "", "does not exist"),
    ];
    for (name, code, out, says) in cases {
        let output = marginalia_text(&d.join(name));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{name}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&output.stdout), out, "{name}");
        assert!(stderr.contains(says), "{name}: {stderr}");
        assert!(code == 0 || stderr.contains(name), "{name}: {stderr}");
    }
}
