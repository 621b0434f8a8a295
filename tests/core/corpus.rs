//! Checks on the shared corpus of real articles (written by others, never copied here). Each
//! test does nothing but say so when `../shared/corpus` is absent.

use marginalia::model::{Annotation, AnnotationSet, CharSpan, Document, Kind, TextEncoding};
use marginalia::store::sidecar;
use std::path::{Path, PathBuf};

fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

fn articles(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            articles(&path, found);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "html")
        ) {
            found.push(path);
        }
    }
}

/// The first word (or, failing that, the first grapheme) of every non-blank paragraph.
fn first_words(document: &Document) -> Vec<CharSpan> {
    let mut spans = Vec::new();
    for paragraph in document.paragraphs() {
        let Some(trimmed) = document.trim_whitespace(paragraph.span) else {
            continue;
        };
        let span = document.word_at(trimmed.start).unwrap_or_else(|| {
            CharSpan::between(trimmed.start, document.next_grapheme(trimmed.start))
        });
        spans.push(span);
    }
    spans
}

#[test]
fn every_corpus_article_keeps_the_first_word_of_every_paragraph_through_save_and_reopen() {
    let Some(dir) = corpus("articles") else {
        return;
    };
    let mut found = Vec::new();
    articles(&dir, &mut found);
    found.sort();
    assert!(found.len() >= 20, "only {} articles found", found.len());
    let work = tempfile::tempdir().unwrap();
    let mut total = 0;
    for source in &found {
        let article = work.path().join(source.file_name().unwrap());
        std::fs::copy(source, &article).unwrap();
        let document = Document::open(&article).unwrap_or_else(|e| panic!("{e}"));
        let mut set = AnnotationSet::new();
        for span in first_words(&document) {
            let annotation = Annotation::new(set.fresh_id(), Kind::Entity, span, &document);
            set.insert(annotation, &document).unwrap();
        }
        assert!(!set.is_empty(), "{} has no words", source.display());
        total += set.len();
        let path = sidecar::sidecar_path(&article);
        sidecar::save(&path, &document, &set, &Default::default()).unwrap();
        let saved = std::fs::read(&path).unwrap();

        let reopened = Document::open(&article).unwrap();
        let loaded = sidecar::load(&path, &reopened).unwrap().unwrap();
        assert!(
            loaded.warnings.is_empty(),
            "{}: {:?}",
            source.display(),
            loaded.warnings
        );
        assert_eq!(
            loaded.annotations.anchored(),
            set.anchored(),
            "{}",
            source.display()
        );
        for annotation in loaded.annotations.anchored() {
            assert_eq!(reopened.text().slice(annotation.span), annotation.text);
        }
        sidecar::save(&path, &reopened, &loaded.annotations, &Default::default()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), saved, "{}", source.display());
    }
    eprintln!(
        "{} articles, {total} annotations round-tripped",
        found.len()
    );
}

#[test]
fn war_and_peace_opens_without_its_bom_and_the_cp1252_copy_as_windows_1252() {
    let Some(dir) = corpus("large") else {
        return;
    };
    let lf = Document::open(&dir.join("war_and_peace_pg2600_utf8-bom_lf.txt")).unwrap();
    assert!(!lf.text().as_str().starts_with('\u{feff}'));
    let crlf = Document::open(&dir.join("war_and_peace_2600-0_utf8-bom_crlf.txt")).unwrap();
    assert!(crlf.text().as_str().contains("\r\n"));
    assert!(
        crlf.paragraphs()
            .iter()
            .all(|p| !crlf.text().slice(p.span).contains('\r'))
    );
    assert_eq!(lf.encoding(), TextEncoding::Utf8Bom);
    let path = dir.join("war_and_peace_pg2600_cp1252.txt");
    let legacy = Document::open(&path).unwrap();
    assert_eq!(legacy.encoding(), TextEncoding::Windows1252);
    let bytes = std::fs::metadata(&path).unwrap().len() as usize;
    assert_eq!(legacy.char_count(), bytes, "one char per byte");
    assert!(!legacy.text().as_str().contains('\u{fffd}'));
    assert!(legacy.text().as_str().contains("Anna Pávlovna"));
    assert!(
        legacy.text().as_str().contains("—"),
        "0x97 is an em dash in Windows-1252"
    );
}

#[test]
fn in_war_and_peace_natasha_finds_natasha_with_or_without_her_accent() {
    use marginalia::model::search::{SearchOptions, find_all};
    let Some(dir) = corpus("large") else {
        return;
    };
    let book = Document::open(&dir.join("war_and_peace_pg2600_utf8-bom_lf.txt")).unwrap();
    let loose = find_all(&book, "Natasha", SearchOptions::default());
    let exact = SearchOptions {
        case_sensitive: true,
        whole_words: false,
        match_accents: true,
    };
    let accented = find_all(&book, "Natásha", exact).len();
    let plain = find_all(&book, "Natasha", exact).len();
    // The book spells her with the accent: the loose search finds those and every other spelling.
    assert!(accented >= 1_000, "{accented}");
    assert!(
        loose.len() >= accented + plain,
        "{} < {accented} + {plain}",
        loose.len()
    );
    for span in &loose {
        let found = book.text().slice(*span);
        assert_eq!(
            found.chars().count(),
            7,
            "{found:?}: offsets over the exact text"
        );
    }
}
