//! Re-anchoring evaluation: articles annotated with many synthetic spans go through realistic
//! edits; every span is looked for again and compared with where the edit really put it.
//!
//! Runs on our own sample article always, and on every article of `../shared/corpus/articles`
//! when that folder exists. Prints a table per edit kind (`cargo test --test core reanchor_eval --
//! --nocapture`) and fails when any span is placed wrongly, when a span whose text did not
//! change is not found exactly, or when a typo-level change is not found as changed.

use marginalia::anchor::approx::edit_distance;
use marginalia::anchor::{Outcome, max_errors, relocate_all};
use marginalia::model::{Annotation, AnnotationId, CharSpan, Document, Kind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A small deterministic random number generator (xorshift), so that runs are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A piece of the edited text: a run of the original text, or new text.
#[derive(Clone, Debug)]
enum Piece {
    Copy(usize, usize),
    New(Vec<char>),
}

/// An edited text described as pieces, so that each original span's true new place is known.
struct Edited {
    pieces: Vec<Piece>,
}

impl Edited {
    fn text(&self, original: &[char]) -> String {
        self.pieces
            .iter()
            .flat_map(|p| match p {
                Piece::Copy(a, b) => original[*a..*b].to_vec(),
                Piece::New(chars) => chars.clone(),
            })
            .collect()
    }

    /// For each char of the edited text, the original char it is or replaces (`None` for
    /// inserted text), and whether it is that char unchanged.
    fn origins(&self) -> Vec<Origin> {
        let mut out = Vec::new();
        for (i, piece) in self.pieces.iter().enumerate() {
            match piece {
                Piece::Copy(a, b) => out.extend((*a..*b).map(|o| Origin {
                    char: Some(o),
                    copied: true,
                })),
                Piece::New(chars) => {
                    // A replacement stands between two runs with a few original chars missing.
                    let before = match i.checked_sub(1).map(|j| &self.pieces[j]) {
                        Some(Piece::Copy(_, b)) => Some(*b),
                        _ => None,
                    };
                    let after = match self.pieces.get(i + 1) {
                        Some(Piece::Copy(a, _)) => Some(*a),
                        _ => None,
                    };
                    let replaced = match (before, after) {
                        (Some(x), Some(y)) if y > x && y - x <= 64 => Some(x),
                        _ => None,
                    };
                    out.extend(chars.iter().map(|_| Origin {
                        char: replaced,
                        copied: false,
                    }));
                }
            }
        }
        out
    }
}

/// Where a char of the edited text comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Origin {
    /// The original char it is, or replaces.
    char: Option<usize>,
    /// True when it is that char, unchanged.
    copied: bool,
}

/// How a span of the original text survives in the edited text.
struct Truth {
    /// Where its text stands unchanged, if it does.
    exact: Option<CharSpan>,
    /// How many of its chars are still there, or replaced, anywhere.
    surviving: usize,
}

fn truth(origins: &[Origin], span: CharSpan) -> Truth {
    let (s, e) = (span.start.0, span.end.0);
    let from_span = |o: &Origin| o.char.is_some_and(|c| (s..e).contains(&c));
    let surviving = origins.iter().filter(|o| from_span(o)).count();
    let copy_of = |c| Origin {
        char: Some(c),
        copied: true,
    };
    let exact = origins
        .iter()
        .position(|&o| o == copy_of(s))
        .and_then(|at| {
            let run = (s..e)
                .enumerate()
                .all(|(i, c)| origins.get(at + i) == Some(&copy_of(c)));
            run.then(|| CharSpan::new(at, at + (e - s)).unwrap())
        });
    Truth { exact, surviving }
}

/// How much of `placed` is the span's own text (precision) and how much of what survives of the
/// span it covers (recall).
fn fit(origins: &[Origin], span: CharSpan, placed: CharSpan, truth: &Truth) -> (f32, f32) {
    let (s, e) = (span.start.0, span.end.0);
    let inside = origins[placed.start.0..placed.end.0]
        .iter()
        .filter(|o| o.char.is_some_and(|c| (s..e).contains(&c)))
        .count();
    (
        inside as f32 / placed.len().max(1) as f32,
        inside as f32 / truth.surviving.max(1) as f32,
    )
}

/// The kinds of edit a corrected news article goes through.
const EDITS: [&str; 9] = [
    "reword in span",
    "insert paragraph",
    "delete paragraph",
    "typo in span",
    "typo near span",
    "curly quotes",
    "reflow white space",
    "swap paragraphs",
    "update number",
];

/// Non-empty lines: paragraphs, in chars.
fn paragraphs(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in text
        .iter()
        .enumerate()
        .chain(std::iter::once((text.len(), &'\n')))
    {
        if c == '\n' {
            let mut end = i;
            if end > start && text[end - 1] == '\r' {
                end -= 1;
            }
            if text[start..end].iter().any(|c| !c.is_whitespace()) {
                out.push((start, end));
            }
            start = i + 1;
        }
    }
    out
}

/// Replaces single chars at `positions` (sorted, distinct) with `with(original char)`.
fn replace_chars(
    text: &[char],
    positions: &[usize],
    with: impl Fn(usize, char) -> Vec<char>,
) -> Edited {
    let mut pieces = Vec::new();
    let mut at = 0;
    for &p in positions {
        pieces.push(Piece::Copy(at, p));
        pieces.push(Piece::New(with(p, text[p])));
        at = p + 1;
    }
    pieces.push(Piece::Copy(at, text.len()));
    Edited { pieces }
}

fn typo(c: char) -> Vec<char> {
    vec![match c {
        'e' => 'a',
        'a' => 'e',
        'E' => 'A',
        c if c.is_uppercase() => 'X',
        _ => 'e',
    }]
}

fn edit(kind: &str, text: &[char], spans: &[CharSpan], rng: &mut Rng) -> Edited {
    let paras = paragraphs(text);
    let middle = paras.len() / 2;
    match kind {
        "insert paragraph" => {
            let at = paras.get(middle).map_or(0, |p| p.0);
            let added: Vec<char> =
                "Correction, added after publication: an earlier version of this article named the wrong day. Ça arrive — 🙇🏽‍♀️.\n\n"
                    .chars()
                    .collect();
            Edited {
                pieces: vec![
                    Piece::Copy(0, at),
                    Piece::New(added),
                    Piece::Copy(at, text.len()),
                ],
            }
        }
        "delete paragraph" => {
            let (a, _) = paras.get(middle).copied().unwrap_or((0, 0));
            let b = paras.get(middle + 1).map_or(text.len(), |p| p.0);
            Edited {
                pieces: vec![Piece::Copy(0, a), Piece::Copy(b, text.len())],
            }
        }
        "typo in span" | "typo near span" => {
            let mut positions = Vec::new();
            for _ in 0..12 {
                let span = spans[rng.below(spans.len())];
                let p = if kind == "typo in span" {
                    span.start.0 + span.len() / 2
                } else if rng.below(2) == 0 {
                    span.start.0.saturating_sub(2 + rng.below(8))
                } else {
                    (span.end.0 + 2 + rng.below(8)).min(text.len() - 1)
                };
                if text[p].is_alphabetic() && !positions.contains(&p) {
                    positions.push(p);
                }
            }
            positions.sort_unstable();
            replace_chars(text, &positions, |_, c| typo(c))
        }
        "reword in span" => {
            // A word inside a span replaced by another word ("visas" → "permits").
            let mut words: Vec<(usize, usize)> = Vec::new();
            for _ in 0..12 {
                let span = spans[rng.below(spans.len())];
                let middle = span.start.0 + span.len() / 2;
                let mut a = middle;
                while a > span.start.0 && text[a - 1].is_alphabetic() {
                    a -= 1;
                }
                let mut b = middle;
                while b < span.end.0 && text[b].is_alphabetic() {
                    b += 1;
                }
                if b > a && !words.iter().any(|&(x, y)| a < y && x < b) {
                    words.push((a, b));
                }
            }
            words.sort_unstable();
            let mut pieces = Vec::new();
            let mut at = 0;
            for (a, b) in words {
                pieces.push(Piece::Copy(at, a));
                pieces.push(Piece::New("permits".chars().collect()));
                at = b;
            }
            pieces.push(Piece::Copy(at, text.len()));
            Edited { pieces }
        }
        "curly quotes" => {
            let positions: Vec<usize> = (0..text.len())
                .filter(|&i| text[i] == '"' || text[i] == '\'')
                .collect();
            replace_chars(text, &positions, |p, c| {
                let opening = p == 0 || text[p - 1].is_whitespace();
                vec![match (c, opening) {
                    ('"', true) => '“',
                    ('"', false) => '”',
                    ('\'', true) => '‘',
                    _ => '’',
                }]
            })
        }
        "reflow white space" => {
            // Wrap long lines at 72 columns and put two spaces after each full stop.
            let mut positions = Vec::new();
            let mut column = 0;
            for (i, &c) in text.iter().enumerate() {
                column = if c == '\n' { 0 } else { column + 1 };
                if c == ' ' && (column > 72 || (i > 0 && text[i - 1] == '.')) {
                    positions.push(i);
                    if column > 72 {
                        column = 0;
                    }
                }
            }
            replace_chars(text, &positions, |p, _| {
                if p > 0 && text[p - 1] == '.' {
                    vec![' ', ' ']
                } else {
                    vec!['\n']
                }
            })
        }
        "swap paragraphs" => {
            if paras.len() < 2 {
                return Edited {
                    pieces: vec![Piece::Copy(0, text.len())],
                };
            }
            let i = middle.min(paras.len() - 2);
            let ((a1, b1), (a2, b2)) = (paras[i], paras[i + 1]);
            Edited {
                pieces: vec![
                    Piece::Copy(0, a1),
                    Piece::Copy(a2, b2),
                    Piece::Copy(b1, a2),
                    Piece::Copy(a1, b1),
                    Piece::Copy(b2, text.len()),
                ],
            }
        }
        "update number" => {
            let mut positions: Vec<usize> = spans
                .iter()
                .filter_map(|s| (s.start.0..s.end.0).find(|&i| text[i].is_ascii_digit()))
                .collect();
            positions.sort_unstable();
            positions.dedup();
            positions.truncate(12);
            replace_chars(text, &positions, |_, c| {
                vec![if c == '9' {
                    '1'
                } else {
                    char::from(c as u8 + 1)
                }]
            })
        }
        _ => repeated_edit(kind, text),
    }
}

/// Edits around the first pair of paragraphs that differ only in their list number.
const REPEATED_EDITS: [&str; 6] = [
    "insert after copy",
    "swap copies",
    "delete first copy",
    "delete second copy",
    "move copy down",
    "typo in copy",
];

/// The first two paragraphs (start, end, in chars) that read the same after their number.
fn copies(text: &[char]) -> ((usize, usize), (usize, usize)) {
    let paras = paragraphs(text);
    let body = |&(a, b): &(usize, usize)| -> String {
        let p: String = text[a..b].iter().collect();
        p.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
            .to_owned()
    };
    paras
        .windows(2)
        .find(|w| body(&w[0]) == body(&w[1]))
        .map(|w| (w[0], w[1]))
        .expect("the article repeats a paragraph")
}

fn repeated_edit(kind: &str, text: &[char]) -> Edited {
    let ((a1, b1), (a2, b2)) = copies(text);
    let paras = paragraphs(text);
    let next = paras.iter().find(|p| p.0 > b2).copied().unwrap_or((b2, b2));
    let inserted = || {
        Piece::New(
            "A paragraph added between the two, about something else entirely.\n\n"
                .chars()
                .collect(),
        )
    };
    let pieces = match kind {
        "insert after copy" => vec![Piece::Copy(0, a2), inserted(), Piece::Copy(a2, text.len())],
        "swap copies" => vec![
            Piece::Copy(0, a1),
            Piece::Copy(a2, b2),
            Piece::Copy(b1, a2),
            Piece::Copy(a1, b1),
            Piece::Copy(b2, text.len()),
        ],
        "delete first copy" => vec![Piece::Copy(0, a1), Piece::Copy(a2, text.len())],
        "delete second copy" => vec![Piece::Copy(0, a2), Piece::Copy(next.0, text.len())],
        "move copy down" => vec![
            Piece::Copy(0, a2),
            Piece::Copy(next.0, next.1),
            Piece::Copy(b2, next.0),
            Piece::Copy(a2, b2),
            Piece::Copy(next.1, text.len()),
        ],
        "typo in copy" => {
            let middle = a1 + (b1 - a1) / 2;
            let at = (middle..b1)
                .find(|&i| text[i].is_alphabetic())
                .unwrap_or(middle);
            return replace_chars(text, &[at], |_, c| typo(c));
        }
        _ => unreachable!("unknown edit {kind}"),
    };
    Edited { pieces }
}

/// Our own article with passages it repeats: numbered items that read the same but for their
/// number, each naming someone near its end, as in lists of measures or court rulings.
fn repeated_article() -> String {
    let item = "Boat owners in the lower town must register with the harbour office before \
the storm season begins, and the fee stays at forty euros, according to Harbour Master Ilse Brandt.";
    let other = "Shops on the quay may open on Sundays from April to September, said the \
council's trade officer, Jonas Weyl.";
    format!(
        "Storm season measures for Port Elvane\n\n\
The council published its list of measures on Tuesday. Most repeat last year's rules.\n\n\
1. {item}\n\n2. {item}\n\n3. {other}\n\n4. {other}\n\n\
Residents can comment until the end of the month at the town hall.\n"
    )
}

/// What an annotator marks in it: the names near the end of each item, the same text in each
/// copy, and claims and quotes within paragraphs.
fn repeated_annotations(text: &str) -> Vec<CharSpan> {
    let mut spans = Vec::new();
    for name in [
        "Harbour Master Ilse Brandt",
        "Ilse Brandt",
        "Jonas Weyl",
        "harbour office",
        "Port Elvane",
        "the fee stays at forty euros",
        "Shops on the quay may open on Sundays from April to September",
        "Boat owners in the lower town must register with the harbour office",
        "Most repeat last year's rules.",
        "town hall",
    ] {
        for (byte, _) in text.match_indices(name) {
            let start = text[..byte].chars().count();
            spans.push(CharSpan::new(start, start + name.chars().count()).unwrap());
        }
    }
    spans
}

/// Word-aligned synthetic spans: names (1–3 words), claims (4–15) and long quotes (up to 40).
fn synthetic_spans(text: &[char], rng: &mut Rng, count: usize) -> Vec<CharSpan> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_alphanumeric() {
            let start = i;
            while i < text.len() && text[i].is_alphanumeric() {
                i += 1;
            }
            words.push((start, i));
        } else {
            i += 1;
        }
    }
    let mut spans = Vec::new();
    if words.is_empty() {
        return spans;
    }
    // Spans with a number, for the number updates.
    for (n, &(a, b)) in words.iter().enumerate() {
        if text[a..b].iter().any(char::is_ascii_digit) && spans.len() < count / 8 {
            let last = (n + 3 + rng.below(8)).min(words.len() - 1);
            spans.push(CharSpan::new(words[n.saturating_sub(2)].0, words[last].1).unwrap());
        }
    }
    while spans.len() < count {
        let first = rng.below(words.len());
        let length = match rng.below(3) {
            0 => 1 + rng.below(3),
            1 => 4 + rng.below(12),
            _ => 16 + rng.below(25),
        };
        let last = (first + length - 1).min(words.len() - 1);
        spans.push(CharSpan::new(words[first].0, words[last].1).unwrap());
    }
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup();
    spans
}

#[derive(Default)]
struct Row {
    spans: usize,
    kept: usize,
    moved: usize,
    changed: usize,
    orphaned: usize,
    wrong: usize,
    /// Text unchanged, but not found exactly where it went.
    missed: usize,
    /// A typo-level change not found as changed.
    typo_missed: usize,
    /// Proposed, for review, at one of several places that fit about as well (a passage the
    /// article repeats): not applied until a person confirms, so not counted as wrong.
    unsure: usize,
    /// Placed on a copy that reads exactly the same, context included (one of two identical
    /// passages deleted or swapped): nothing in the text tells them apart, so not wrong.
    same_looking: usize,
    /// Spans of which most chars (80 %) are still in the text, changed or not.
    surviving: usize,
    /// Surviving spans placed where they went (exactly, or a changed one covering it).
    refound: usize,
}

/// The article annotated with synthetic spans (or, when `given` has some, with those), put
/// through `edits`.
fn evaluate(
    path: &Path,
    text: &str,
    given: &[CharSpan],
    edits: &[&'static str],
    table: &mut BTreeMap<&'static str, Row>,
    failures: &mut Vec<String>,
) {
    let original = Document::from_text(path.to_owned(), text.to_owned());
    let chars: Vec<char> = text.chars().collect();
    let seed = text.len() as u64 ^ 0x9E37_79B9_7F4A_7C15;
    let mut rng = Rng(seed);
    let mut spans = if given.is_empty() {
        synthetic_spans(&chars, &mut rng, 120)
    } else {
        given.to_vec()
    };
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup();
    let annotations: Vec<Annotation> = spans
        .iter()
        .enumerate()
        .map(|(i, &span)| {
            let kind = Kind::ALL[i % 3];
            Annotation::new(AnnotationId(format!("{i:010x}")), kind, span, &original)
        })
        .collect();
    for &kind in edits {
        let edited = edit(kind, &chars, &spans, &mut rng);
        let new_text = edited.text(&chars);
        let document = Document::from_text(path.to_owned(), new_text);
        let relocations = relocate_all(&annotations, &document);
        let row = table.entry(kind).or_default();
        let origins = edited.origins();
        for (annotation, relocation) in annotations.iter().zip(relocations) {
            row.spans += 1;
            let truth = truth(&origins, annotation.span);
            let surviving = truth.surviving * 5 >= annotation.span.len() * 4;
            row.surviving += usize::from(surviving);
            let placed = relocation.placed.as_ref().map(|a| a.span);
            let describe = || {
                format!(
                    "{}: {kind}: {:?} {:?} → {} at {:?}, exact truth {:?}",
                    path.display(),
                    annotation.text,
                    annotation.span,
                    relocation.outcome,
                    placed,
                    truth.exact
                )
            };
            match (relocation.outcome, placed) {
                (Outcome::Kept | Outcome::Moved, Some(placed)) => {
                    if relocation.outcome == Outcome::Kept {
                        row.kept += 1;
                    } else {
                        row.moved += 1;
                    }
                    // Nothing in the text can prefer the truth: the place found reads the same,
                    // its context as close to the stored one as the truth's (or exact).
                    let looks_same = relocation.placed.as_ref().is_some_and(|p| {
                        let distance = |prefix: &str, suffix: &str| {
                            edit_distance(prefix, &annotation.prefix)
                                + edit_distance(suffix, &annotation.suffix)
                        };
                        let truth_distance = truth.exact.map_or(0, |span| {
                            let t = document.text();
                            let prefix =
                                t.chars_before(span.start, annotation.prefix.chars().count());
                            let suffix = t.chars_after(span.end, annotation.suffix.chars().count());
                            distance(prefix, suffix)
                        });
                        p.text == annotation.text
                            && distance(&p.prefix, &p.suffix) <= truth_distance
                    });
                    if truth.exact == Some(placed) {
                        row.refound += usize::from(surviving);
                    } else if looks_same {
                        row.same_looking += 1;
                    } else {
                        row.wrong += 1;
                        failures.push(format!("wrong: {}", describe()));
                    }
                }
                (Outcome::Changed, Some(placed)) => {
                    row.changed += 1;
                    let (precision, recall) = fit(&origins, annotation.span, placed, &truth);
                    let fits = precision >= 0.8 && recall >= 0.8;
                    if fits {
                        row.refound += usize::from(surviving);
                    }
                    if relocation.rivals > 0 {
                        row.unsure += 1;
                    } else if !fits {
                        row.wrong += 1;
                        failures.push(format!(
                            "wrong ({precision:.2} of it is the span, {recall:.2} of the span): {}",
                            describe()
                        ));
                    }
                    if truth.exact.is_some() && relocation.rivals == 0 {
                        row.missed += 1;
                        failures.push(format!("not exact: {}", describe()));
                    }
                }
                _ => {
                    row.orphaned += 1;
                    if truth.exact.is_some() {
                        row.missed += 1;
                        failures.push(format!("missed: {}", describe()));
                    } else if matches!(kind, "typo in span" | "update number")
                        && truth.surviving + 1 >= annotation.span.len()
                        && max_errors(annotation.span.len()) >= 1
                    {
                        row.typo_missed += 1;
                        failures.push(format!("typo missed: {}", describe()));
                    }
                }
            }
        }
    }
}

fn articles() -> Vec<PathBuf> {
    let mut paths = vec![sample_path()];
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles");
    if let Ok(folders) = std::fs::read_dir(&corpus) {
        for folder in folders.flatten() {
            if let Ok(files) = std::fs::read_dir(folder.path()) {
                for file in files.flatten() {
                    if file.path().extension().is_some_and(|e| e == "txt") {
                        paths.push(file.path());
                    }
                }
            }
        }
    }
    paths.sort();
    paths
}

#[test]
fn realistic_edits_never_misplace_a_span() {
    let mut table = BTreeMap::new();
    let mut failures = Vec::new();
    let paths = articles();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("article readable");
        evaluate(path, &text, &[], &EDITS, &mut table, &mut failures);
    }
    let repeated = repeated_article();
    let names = repeated_annotations(&repeated);
    let all_edits: Vec<&'static str> = EDITS.iter().chain(&REPEATED_EDITS).copied().collect();
    evaluate(
        Path::new("repeated-passages"),
        &repeated,
        &names,
        &all_edits,
        &mut table,
        &mut failures,
    );
    println!(
        "Re-anchoring over {} articles and one that repeats passages:",
        paths.len()
    );
    println!(
        "{:<20} {:>6} {:>6} {:>6} {:>7} {:>8} {:>6} {:>6} {:>11} {:>6} {:>11} {:>9}",
        "edit",
        "spans",
        "kept",
        "moved",
        "changed",
        "orphaned",
        "wrong",
        "missed",
        "typo missed",
        "unsure",
        "same-looking",
        "re-found"
    );
    let (mut surviving, mut refound) = (0, 0);
    for (kind, row) in &table {
        surviving += row.surviving;
        refound += row.refound;
        println!(
            "{:<20} {:>6} {:>6} {:>6} {:>7} {:>8} {:>6} {:>6} {:>11} {:>6} {:>11} {:>8.1}%",
            kind,
            row.spans,
            row.kept,
            row.moved,
            row.changed,
            row.orphaned,
            row.wrong,
            row.missed,
            row.typo_missed,
            row.unsure,
            row.same_looking,
            percent(row.refound, row.surviving)
        );
    }
    let rate = percent(refound, surviving);
    println!("surviving spans re-found: {refound} of {surviving} ({rate:.2} %)");
    for failure in failures.iter().take(30) {
        println!("{failure}");
    }
    assert!(
        failures.is_empty(),
        "{} failures, listed above",
        failures.len()
    );
    // A floor to raise as re-anchoring improves.
    assert!(rate >= MIN_REFOUND_PERCENT, "re-found {rate:.2} %");
}

/// The least share of surviving spans that must be re-found.
const MIN_REFOUND_PERCENT: f64 = 99.0;

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

/// Our sample article in the source tree.
fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-article.txt")
}
