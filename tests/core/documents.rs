//! The documents of `../shared/corpus/documents/` (PDFs and Word files written by others): each
//! one with a reference text beside it gives at least 97 % of the reference's words, each
//! paragraph of the reference in its order; each one that cannot give text gives its message.
//! Runs when the corpus is present.

use marginalia::model::Document;
use std::path::{Path, PathBuf};

/// The least share of a reference's words an extracted text must have, in order.
const MIN_WORDS_IN_ORDER: f64 = 0.97;

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How many of `reference`'s words are found in `text` in the same order (a longest common
/// subsequence), a reference word also matching two words of `text` written together (one
/// tool runs a superscript into the number before it, "7501", the other does not, "750 1").
fn in_order(reference: &[String], text: &[String]) -> usize {
    let mut before = vec![0usize; text.len() + 1];
    let mut row = vec![0usize; text.len() + 1];
    for word in reference {
        for j in 0..text.len() {
            let mut best = row[j].max(before[j + 1]);
            if *word == text[j] {
                best = best.max(before[j] + 1);
            }
            if j > 0
                && word.len() == text[j - 1].len() + text[j].len()
                && word.starts_with(&text[j - 1])
                && word.ends_with(&text[j])
            {
                best = best.max(before[j - 1] + 1);
            }
            row[j + 1] = best;
        }
        std::mem::swap(&mut before, &mut row);
    }
    before[text.len()]
}

/// The share of the reference's words found in `text`, each paragraph of the reference (a
/// blank line apart) in its order: the reference tools put some blocks elsewhere than the
/// reading order (pdftotext reads part of a column of `multicolumn.pdf` before the abstract).
fn share_in_order(reference: &str, text: &str) -> f64 {
    let text = words(text);
    let (mut found, mut all) = (0, 0);
    for block in reference.split("\n\n") {
        let block = words(block);
        found += in_order(&block, &text);
        all += block.len();
    }
    if all == 0 {
        1.0
    } else {
        found as f64 / all as f64
    }
}

#[test]
fn words_in_order_count_as_expected() {
    let cases = [
        ("a b c d", "a b c d", 1.0),
        ("a b c d", "x a b y c d z", 1.0),
        ("a b c d", "d c b a", 0.25),
        ("a b c d", "a b", 0.5),
        ("a b\n\nc d", "c d a b", 1.0),
        ("cost 7501 euros", "cost 750 1 euros", 1.0),
        ("cost 7501 euros", "cost 751 euros", 2.0 / 3.0),
        ("", "anything", 1.0),
    ];
    for (reference, text, share) in cases {
        assert_eq!(
            share_in_order(reference, text),
            share,
            "{reference:?} / {text:?}"
        );
    }
}

/// The files of the corpus folder `kind` ending in `.extension`; none when it is absent.
fn corpus_files(kind: &str, extension: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/documents")
        .join(kind);
    if !folder.is_dir() {
        println!("no corpus at {}: skipped", folder.display());
        return Vec::new();
    }
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// Checks that each file of `files` gives its reference's words (`<stem>.<reference>.txt`),
/// but those `exactly` gives the text of; gives the worst share.
fn gives_its_reference_words(files: &[PathBuf], reference: &str, exactly: &[(&str, &str)]) -> f64 {
    let mut worst = 1.0f64;
    for file in files {
        let document = Document::open(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(document.derived().is_some(), "{}", file.display());
        let text = document.text().as_str();
        if let Some((_, expected)) = exactly.iter().find(|(name, _)| file.ends_with(name)) {
            assert_eq!(text, *expected, "{}", file.display());
            continue;
        }
        let Ok(reference) = std::fs::read_to_string(file.with_extension(reference)) else {
            // Strict OOXML, which python-docx cannot read: the text is there all the same.
            assert!(!text.trim().is_empty(), "{}", file.display());
            continue;
        };
        let share = share_in_order(&reference, text);
        println!("{share:.3} {}", file.display());
        assert!(
            share >= MIN_WORDS_IN_ORDER,
            "{}: {share:.3} of the reference's words in order",
            file.display()
        );
        worst = worst.min(share);
    }
    worst
}

#[test]
fn every_word_document_of_the_corpus_gives_its_text() {
    let files = corpus_files("docx", "docx");
    if files.is_empty() {
        return;
    }
    assert_eq!(files.len(), 12, "the corpus has its 12 Word files");
    // python-docx reads the text box twice, from Word's copy and from its fallback for older
    // readers, run together ("Datum planeDatum plane"): Word shows it once.
    let worst = gives_its_reference_words(
        &files,
        "python-docx.txt",
        &[("mammoth-text-box.docx", "Datum plane\n")],
    );
    println!("worst share of a reference's words in order: {worst:.3}");
}

#[test]
fn every_pdf_of_the_corpus_gives_its_text_or_says_why_not() {
    let files = corpus_files("pdf", "pdf");
    if files.is_empty() {
        return;
    }
    assert_eq!(files.len(), 8, "the corpus has its 8 PDFs");
    let refused = [
        (
            "imagemagick-images.pdf",
            "is a PDF with no text in it: its pages are likely scanned images",
        ),
        (
            "libreoffice-writer-password.pdf",
            "cannot be opened as a PDF: it is password-protected",
        ),
    ];
    let (cannot, can): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|f| refused.iter().any(|(name, _)| f.ends_with(name)));
    for (name, says) in refused {
        let file = cannot
            .iter()
            .find(|f| f.ends_with(name))
            .expect("in the corpus");
        let message = Document::open(file)
            .expect_err("no text to give")
            .to_string();
        assert!(
            message.contains(says) && message.contains(name),
            "{message}"
        );
    }
    // pdftotext writes the Arabic word in the order its letters are drawn (reversed); the text
    // has it in reading order, as typed.
    let habibi = (
        "habibi.pdf",
        "\u{62d}\u{64e}\u{628}\u{64a}\u{628}\u{64a} habibi\n\n\u{62d}\u{64e}\u{628}\u{64a}\u{628}\u{64a}\n",
    );
    let worst = gives_its_reference_words(&can, "pdftotext.txt", &[habibi]);
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
            "cannot be opened as a Word document: it is not a Word or OpenDocument file",
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

#[test]
fn a_two_column_pdf_reads_column_by_column_without_its_running_head_and_reopens_exactly() {
    use marginalia::model::{Annotation, AnnotationId, AnnotationSet, CharOffset, CharSpan, Kind};
    use marginalia::store::sidecar;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("harbour.pdf");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/harbour.pdf"),
        &path,
    )
    .unwrap();
    let document = Document::open(&path).unwrap();
    let text = document.text().as_str();
    // The running head and the page numbers are gone; the second column follows the first; the
    // paragraph runs on over the page break; "traf-fic" keeps its hyphen (no "traffic" elsewhere).
    assert_eq!(
        text,
        "Harbour pier to reopen\n\nThe harbour master said on Tuesday that the old pier would reopen in April.\n\nFishing boats have waited two years since the storm that closed it to traf-fic and trade. The ferry will run again in May.\n\nBrandt warned that a hard winter could delay the work.\n"
    );
    let page_two = text[..text.find("fic and").unwrap()].chars().count();
    assert_eq!(
        document.page_starts(),
        [CharOffset(0), CharOffset(page_two)]
    );
    assert_eq!(document.page_at(CharOffset(page_two - 1)), Some(0));
    assert_eq!(document.page_at(CharOffset(page_two)), Some(1));
    let mut set = AnnotationSet::new();
    let start = text.find("Brandt").unwrap();
    let quote = Annotation::new(
        AnnotationId::generate(|id| set.contains_id(id)),
        Kind::Quote,
        CharSpan::between(CharOffset(start), CharOffset(start + "Brandt warned".len())),
        &document,
    );
    set.insert(quote, &document).unwrap();
    let sidecar_path = sidecar::sidecar_path(&path);
    sidecar::save(&sidecar_path, &document, &set, &Default::default()).unwrap();
    assert!(
        std::fs::read_to_string(&sidecar_path)
            .unwrap()
            .contains(r#"source: Some("pdf")"#)
    );
    let reopened = Document::open(&path).unwrap();
    let loaded = sidecar::load(&sidecar_path, &reopened).unwrap().unwrap();
    assert!(loaded.fingerprint_matches && loaded.warnings.is_empty());
    assert_eq!(loaded.annotations.anchored(), set.anchored());
}

#[test]
fn check_stats_and_export_work_on_a_pdf_and_a_word_document() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/harbour.pdf"),
        d.join("harbour.pdf"),
    )
    .unwrap();
    std::fs::write(
        d.join("notes.docx"),
        word_document(
            &["“The pier will reopen in April,” said Ilse Brandt."],
            "On Tuesday.",
        ),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
            .args(args)
            .current_dir(d)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    for article in ["harbour.pdf", "notes.docx"] {
        run(&["suggest", article, "--apply"]);
        assert!(d.join(format!("{article}.ron")).is_file(), "{article}");
        let checked = run(&["check", article]);
        assert!(
            checked.contains("kept, 0 moved, 0 changed, 0 orphaned"),
            "{checked}"
        );
        let csv = run(&["export", article, "--format", "csv"]);
        assert!(csv.lines().count() >= 2, "{article}: {csv}");
    }
    let stats = run(&["stats", "."]);
    assert!(stats.contains("quote"), "{stats}");
}

#[test]
fn a_newer_extractor_that_reads_a_document_differently_re_anchors_and_says_why() {
    use marginalia::model::{Annotation, AnnotationId, AnnotationSet, CharOffset, CharSpan, Kind};
    use marginalia::store::sidecar;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    std::fs::write(&path, word_document(&["Intro.", "Boats wait."], "A note.")).unwrap();
    // The text an older extractor gave: without the note's mark.
    let older = Document::from_text(path.clone(), "Intro.\n\nBoats wait.\n".to_owned());
    let mut set = AnnotationSet::new();
    let claim = Annotation::new(
        AnnotationId::generate(|id| set.contains_id(id)),
        Kind::Claim,
        CharSpan::between(CharOffset(8), CharOffset(19)),
        &older,
    );
    set.insert(claim, &older).unwrap();
    let sidecar_path = sidecar::sidecar_path(&path);
    sidecar::save(&sidecar_path, &older, &set, &Default::default()).unwrap();
    let saved = std::fs::read_to_string(&sidecar_path).unwrap();
    let by_version_0 = saved.replace(
        "encoding: \"UTF-8\",",
        "encoding: \"UTF-8\",\n        source: Some(\"docx\"),\n        extractor_version: Some(0),",
    );
    assert_ne!(by_version_0, saved);
    std::fs::write(&sidecar_path, by_version_0).unwrap();

    let document = Document::open(&path).unwrap();
    assert_eq!(
        document.text().as_str(),
        "Intro.[1]\n\nBoats wait.\n\n[1] A note.\n"
    );
    let loaded = sidecar::load(&sidecar_path, &document).unwrap().unwrap();
    assert!(!loaded.fingerprint_matches);
    let warning = loaded.warnings.join("\n");
    assert!(
        warning.contains("extracted from a Word document by extractor version 0")
            && warning.contains("looked for again in the new text"),
        "{warning}"
    );
    let claim = &loaded.annotations.anchored()[0];
    assert_eq!(
        document.text().slice(claim.span),
        "Boats wait.",
        "moved with its text"
    );
}

/// An OpenDocument text (ours) of `body` (content.xml's text elements), enciphered as a
/// password-protected file says it is when `encrypted`.
fn open_document(body: &str, encrypted: bool) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    );
    let encryption = if encrypted {
        r#"<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>"#
    } else {
        ""
    };
    let manifest = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{encryption}</manifest:file-entry></manifest:manifest>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        (
            "mimetype",
            "application/vnd.oasis.opendocument.text".to_owned(),
        ),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_opendocument_text_opens_with_its_notes_and_a_protected_one_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.odt");
    std::fs::write(
        &path,
        open_document(
            "<text:h>Harbour pier to reopen</text:h><text:p>The pier reopens in April<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Said on Tuesday.</text:p></text:note-body></text:note>.</text:p>",
            false,
        ),
    )
    .unwrap();
    let document = Document::open(&path).unwrap();
    assert_eq!(
        document.text().as_str(),
        "Harbour pier to reopen\n\nThe pier reopens in April[1].\n\n[1] Said on Tuesday.\n"
    );
    assert_eq!(document.derived().unwrap().format.name(), "odt");
    std::fs::write(&path, open_document("<text:p>secret</text:p>", true)).unwrap();
    let message = Document::open(&path).expect_err("protected").to_string();
    assert!(
        message.contains("report.odt")
            && message
                .contains("cannot be opened as an OpenDocument text: it is password-protected"),
        "{message}"
    );
}

#[test]
fn a_damaged_or_cut_short_pdf_says_so_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let whole =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/harbour.pdf"))
            .unwrap();
    let cases: [(&str, Vec<u8>); 3] = [
        ("cut.pdf", whole[..whole.len() / 3].to_vec()),
        ("noise.pdf", b"%PDF-1.4\nnot really a PDF at all\n".to_vec()),
        ("text.pdf", b"plain text with a .pdf name".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let message = Document::open(&path)
            .expect_err("no text to give")
            .to_string();
        assert!(
            message.contains(name) && message.contains("cannot be opened as a PDF"),
            "{name}: {message}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} is untouched");
        let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(files.len(), 1, "nothing written beside {name}");
        std::fs::remove_file(&path).unwrap();
    }
}
