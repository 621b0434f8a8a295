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

/// The text-bound annotations of a brat file as (type, pieces) pairs.
fn brat_spans(ann: &str) -> Vec<(String, Vec<(usize, usize)>)> {
    ann.lines()
        .filter(|line| line.starts_with('T'))
        .filter_map(|line| {
            let middle = line.split('\t').nth(1)?;
            let (label, offsets) = middle.split_once(' ')?;
            let mut pieces: Vec<(usize, usize)> = offsets
                .split(';')
                .filter_map(|piece| {
                    let (a, b) = piece.split_once(' ')?;
                    Some((a.parse().ok()?, b.parse().ok()?))
                })
                .collect();
            pieces.sort_unstable();
            Some((label.to_owned(), pieces))
        })
        .collect()
}

/// How many annotations two brat files share exactly (type and pieces), counted one to one.
fn shared_exactly(
    a: &[(String, Vec<(usize, usize)>)],
    b: &[(String, Vec<(usize, usize)>)],
) -> usize {
    let mut left: Vec<_> = a.to_vec();
    let mut count = 0;
    for unit in b {
        if let Some(at) = left.iter().position(|x| x == unit) {
            left.swap_remove(at);
            count += 1;
        }
    }
    count
}

#[test]
fn agreement_between_polnear_annotators_counts_pieces_and_labels() {
    use marginalia::analysis::agreement;
    use marginalia::interop::{LabelMap, brat};
    let Some(dev) = corpus("attribution/polnear-dev") else {
        return;
    };
    let more = dev.join("more-annotators");
    let mut names: Vec<String> = std::fs::read_dir(&more)
        .expect("more-annotators readable")
        .flatten()
        .filter_map(|f| {
            let name = f.file_name().to_string_lossy().into_owned();
            let (article, _) = name.strip_suffix(".ann")?.rsplit_once('_')?;
            Some(article.to_owned())
        })
        .collect();
    names.sort();
    names.dedup();
    assert!(!names.is_empty());
    let (mut pairs, mut over_counted_by_extent) = (0, 0);
    for name in names {
        let document = Document::open(&dev.join(format!("{name}.txt"))).expect("article");
        let mut files = vec![dev.join(format!("{name}.ann"))];
        for file in std::fs::read_dir(&more).expect("readable").flatten() {
            if file
                .file_name()
                .to_string_lossy()
                .starts_with(&format!("{name}_"))
            {
                files.push(file.path());
            }
        }
        files.sort();
        let anns: Vec<String> = files
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("ann"))
            .collect();
        let sets: Vec<AnnotationSet> = anns
            .iter()
            .map(|ann| brat::import(ann, &document, &LabelMap::default()).set)
            .collect();
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                pairs += 1;
                let comparison = agreement::compare(&sets[i], &sets[j], &document);
                let all = &comparison.lines[0];
                let (a, b) = (brat_spans(&anns[i]), brat_spans(&anns[j]));
                assert_eq!(
                    all.exact.matched,
                    shared_exactly(&a, &b),
                    "{name}: {} and {}",
                    files[i].display(),
                    files[j].display()
                );
                // What comparing outer extents would have called exact.
                let extent = |units: &[(String, Vec<(usize, usize)>)]| -> Vec<(String, Vec<(usize, usize)>)> {
                    units
                        .iter()
                        .map(|(label, pieces)| {
                            let start = pieces.first().map_or(0, |p| p.0);
                            let end = pieces.iter().map(|p| p.1).max().unwrap_or(start);
                            (label.clone(), vec![(start, end)])
                        })
                        .collect()
                };
                if shared_exactly(&extent(&a), &extent(&b)) > all.exact.matched {
                    over_counted_by_extent += 1;
                }
            }
        }
    }
    println!(
        "{pairs} annotator pairs; outer extents would over-count exact matches in {over_counted_by_extent}"
    );
    assert!(pairs > 0);
}
