//! Agreement between annotation sets of one article. No egui.
//!
//! - **Span level**: one set is the reference, the other is compared with it, per category (each
//!   kind, each entity type, and all annotations): precision, recall and F1. Two annotations
//!   match *exactly* when they have the same kind, the same label and the same pieces, and
//!   *overlap* when they have the same kind and label and their pieces share a char (the gaps
//!   of a discontinuous quote are not part of it). Matching is one to one, the most shared chars
//!   first. So in the `All` line a PERSON against an ORG on the same words is a disagreement.
//! - **Chance-corrected**: each non-white-space char of the article is a unit that each set codes
//!   with the labels of the pieces covering it (none, one, or several). Cohen's kappa compares
//!   two sets; Krippendorff's alpha (nominal) compares any number. Both are `None` where they are
//!   not defined (every set codes every char alike).

use crate::model::{Annotation, AnnotationSet, Attributes, Document, Kind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What annotations a line of the comparison is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Category {
    /// Every annotation.
    All,
    /// One kind.
    Kind(Kind),
    /// Entities of one type.
    EntityType(String),
}

impl Category {
    /// The category's name in tables: `All`, `Quote`, `Entity PERSON`.
    pub fn name(&self) -> String {
        match self {
            Category::All => "All".to_owned(),
            Category::Kind(kind) => kind.label().to_owned(),
            Category::EntityType(t) => format!("Entity {t}"),
        }
    }

    fn includes(&self, annotation: &Annotation) -> bool {
        match self {
            Category::All => true,
            Category::Kind(kind) => annotation.kind() == *kind,
            Category::EntityType(t) => {
                matches!(&annotation.attributes, Attributes::Entity(e) if e.entity_type.as_deref() == Some(t))
            }
        }
    }
}

/// What exact and overlap mean, for the foot of tables.
pub const MATCHING: &str =
    "Exact: same kind, label and pieces. Overlap: same kind and label, pieces sharing a char.";

/// A score with two decimals, "—" when undefined; never "-0.00".
pub fn two_places(value: Option<f64>) -> String {
    match value {
        None => "—".to_owned(),
        Some(v) if v.abs() < 0.005 => "0.00".to_owned(),
        Some(v) => format!("{v:.2}"),
    }
}

/// Precision, recall and F1 of one set against a reference, for one way of matching.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Annotations of the reference.
    pub reference: usize,
    /// Annotations of the other set.
    pub other: usize,
    /// Pairs matched one to one.
    pub matched: usize,
    /// matched / other; `None` when the other set has none.
    pub precision: Option<f64>,
    /// matched / reference; `None` when the reference has none.
    pub recall: Option<f64>,
    /// 2 × matched / (reference + other); `None` when both have none.
    pub f1: Option<f64>,
}

impl Scores {
    fn new(reference: usize, other: usize, matched: usize) -> Self {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        Self {
            reference,
            other,
            matched,
            precision: ratio(matched, other),
            recall: ratio(matched, reference),
            f1: ratio(2 * matched, reference + other),
        }
    }
}

/// One line of a comparison of two sets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    /// What it is about.
    pub category: Category,
    /// Spans identical.
    pub exact: Scores,
    /// Spans sharing a char.
    pub overlap: Scores,
    /// Cohen's kappa over the article's non-white-space chars.
    pub kappa: Option<f64>,
}

/// Two sets compared, line by line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// All, each kind, then each entity type either set uses.
    pub lines: Vec<Line>,
}

/// The categories two or more sets call for: all, the kinds, and every entity type used.
pub fn categories<'a>(sets: impl IntoIterator<Item = &'a AnnotationSet>) -> Vec<Category> {
    let mut types = BTreeSet::new();
    for set in sets {
        for annotation in set.anchored() {
            if let Attributes::Entity(e) = &annotation.attributes
                && let Some(t) = &e.entity_type
            {
                types.insert(t.clone());
            }
        }
    }
    let mut all = vec![Category::All];
    all.extend(Kind::ALL.map(Category::Kind));
    all.extend(types.into_iter().map(Category::EntityType));
    all
}

/// Compares `other` with `reference` over `document`.
pub fn compare(
    reference: &AnnotationSet,
    other: &AnnotationSet,
    document: &Document,
) -> Comparison {
    let lines = categories([reference, other])
        .into_iter()
        .map(|category| {
            let a = units(reference, &category);
            let b = units(other, &category);
            let mut labels = Labels::default();
            Line {
                exact: Scores::new(a.len(), b.len(), matches(&a, &b, true)),
                overlap: Scores::new(a.len(), b.len(), matches(&a, &b, false)),
                kappa: cohens_kappa(
                    &codes(document, &a, &mut labels),
                    &codes(document, &b, &mut labels),
                ),
                category,
            }
        })
        .collect();
    Comparison { lines }
}

/// Krippendorff's alpha of all `sets` for each category.
pub fn alpha(sets: &[&AnnotationSet], document: &Document) -> Vec<(Category, Option<f64>)> {
    categories(sets.iter().copied())
        .into_iter()
        .map(|category| {
            let mut labels = Labels::default();
            let coded: Vec<Vec<u64>> = sets
                .iter()
                .map(|set| codes(document, &units(set, &category), &mut labels))
                .collect();
            let value = krippendorffs_alpha(&coded);
            (category, value)
        })
        .collect()
}

/// An annotation as agreement sees it: its kind and label, and its pieces.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Unit {
    /// Kind and label together: "Entity PERSON", "Quote quote".
    label: String,
    /// Its pieces as char ranges, in text order.
    pieces: Vec<(usize, usize)>,
}

impl Unit {
    fn of(annotation: &Annotation) -> Self {
        let mut pieces: Vec<(usize, usize)> =
            annotation.pieces().map(|p| (p.start.0, p.end.0)).collect();
        pieces.sort_unstable();
        Self {
            label: format!("{} {}", annotation.kind().id(), annotation.label()),
            pieces,
        }
    }

    /// From the start of the first piece to the end of the last.
    fn extent(&self) -> (usize, usize) {
        let start = self.pieces.first().map_or(0, |p| p.0);
        let end = self.pieces.iter().map(|p| p.1).max().unwrap_or(start);
        (start, end)
    }

    /// Chars both units' pieces cover.
    fn shared(&self, other: &Unit) -> usize {
        let mut shared = 0;
        for a in &self.pieces {
            for b in &other.pieces {
                shared += a.1.min(b.1).saturating_sub(a.0.max(b.0));
            }
        }
        shared
    }
}

/// The anchored annotations of `set` in `category`, sorted by where they start.
fn units(set: &AnnotationSet, category: &Category) -> Vec<Unit> {
    let mut units: Vec<Unit> = set
        .anchored()
        .iter()
        .filter(|a| category.includes(a))
        .map(Unit::of)
        .collect();
    units.sort_by(|a, b| a.extent().cmp(&b.extent()).then(a.label.cmp(&b.label)));
    units
}

/// Pairs matched one to one: the same label and pieces, or (not `exact`) the same label and
/// pieces sharing chars, the most shared first.
fn matches(reference: &[Unit], other: &[Unit], exact: bool) -> usize {
    let starts: Vec<usize> = other.iter().map(|u| u.extent().0).collect();
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, a) in reference.iter().enumerate() {
        // Only units starting before `a` ends can share a char with it.
        let end = starts.partition_point(|&start| start < a.extent().1);
        for (j, b) in other[..end].iter().enumerate() {
            if a.label != b.label {
                continue;
            }
            let shared = a.shared(b);
            let fits = if exact {
                a.pieces == b.pieces
            } else {
                shared > 0
            };
            if fits {
                candidates.push((shared, i, j));
            }
        }
    }
    candidates.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_a = vec![false; reference.len()];
    let mut used_b = vec![false; other.len()];
    let mut matched = 0;
    for (_, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            matched += 1;
        }
    }
    matched
}

/// Labels numbered for coding chars, shared by the sets of one comparison.
#[derive(Default)]
struct Labels(BTreeMap<String, usize>);

impl Labels {
    /// The label's bit (labels past the 63rd share the last bit: an article with that many
    /// labels in one category is not a case for char codes).
    fn bit(&mut self, label: &str) -> u64 {
        let next = self.0.len();
        let index = *self.0.entry(label.to_owned()).or_insert(next);
        1 << index.min(63)
    }
}

/// For each non-white-space char of the document, the labels of the pieces covering it (a bit
/// per label; 0 for none).
fn codes(document: &Document, units: &[Unit], labels: &mut Labels) -> Vec<u64> {
    let count = document.char_count();
    let mut coded = vec![0u64; count];
    for unit in units {
        let bit = labels.bit(&unit.label);
        for &(start, end) in &unit.pieces {
            for slot in &mut coded[start.min(end).min(count)..end.min(count)] {
                *slot |= bit;
            }
        }
    }
    document
        .text()
        .as_str()
        .chars()
        .zip(coded)
        .filter(|(c, _)| !c.is_whitespace())
        .map(|(_, code)| code)
        .collect()
}

/// Cohen's kappa of two nominal codings of the same units.
pub fn cohens_kappa<T: Ord + Copy>(a: &[T], b: &[T]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n as f64;
    let mut shares: BTreeMap<T, (f64, f64)> = BTreeMap::new();
    for (x, y) in a.iter().zip(b).take(n) {
        shares.entry(*x).or_default().0 += 1.0 / n as f64;
        shares.entry(*y).or_default().1 += 1.0 / n as f64;
    }
    let chance: f64 = shares.values().map(|(pa, pb)| pa * pb).sum();
    (chance < 1.0 - 1e-12).then(|| {
        let kappa = (agree - chance) / (1.0 - chance);
        // No "-0.00" in tables.
        if kappa == 0.0 { 0.0 } else { kappa }
    })
}

/// Krippendorff's alpha (nominal) of codings of the same units by several coders, every unit
/// coded by every coder.
pub fn krippendorffs_alpha<T: Ord + Copy>(codings: &[Vec<T>]) -> Option<f64> {
    let coders = codings.len();
    let units = codings.iter().map(Vec::len).min()?;
    if coders < 2 || units == 0 {
        return None;
    }
    let m = coders as f64;
    // How often each value was given, and the coincidences of different values.
    let mut totals: BTreeMap<T, f64> = BTreeMap::new();
    let mut disagreement = 0.0;
    let mut counts: BTreeMap<T, f64> = BTreeMap::new();
    for u in 0..units {
        counts.clear();
        for coding in codings {
            *counts.entry(coding[u]).or_default() += 1.0;
        }
        for (value, count) in &counts {
            *totals.entry(*value).or_default() += count;
            // Ordered pairs of coders giving this value and another, each weighted 1 / (m - 1).
            disagreement += count * (m - count) / (m - 1.0);
        }
    }
    let n = units as f64 * m;
    let expected: f64 = totals.values().map(|t| t * (n - t)).sum();
    (expected > 0.0).then(|| 1.0 - (n - 1.0) * disagreement / expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, CharSpan};
    use std::path::PathBuf;

    const TEXT: &str = "Amélie told the council that the wall costs 48 million.";

    fn doc() -> Document {
        Document::from_text(PathBuf::from("a.txt"), TEXT.to_owned())
    }

    fn set(doc: &Document, spans: &[(Kind, &str, Option<&str>)]) -> AnnotationSet {
        let mut set = AnnotationSet::new();
        for (i, (kind, needle, entity_type)) in spans.iter().enumerate() {
            let start = TEXT[..TEXT.find(needle).unwrap()].chars().count();
            let span = CharSpan::new(start, start + needle.chars().count()).unwrap();
            let mut a = Annotation::new(AnnotationId(format!("a{i}")), *kind, span, doc);
            if let Attributes::Entity(e) = &mut a.attributes {
                e.entity_type = entity_type.map(str::to_owned);
            }
            set.insert(a, doc).unwrap();
        }
        set
    }

    fn line<'a>(comparison: &'a Comparison, name: &str) -> &'a Line {
        comparison
            .lines
            .iter()
            .find(|l| l.category.name() == name)
            .unwrap()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn scores_count_exact_and_overlapping_matches_one_to_one() {
        let d = doc();
        let reference = set(
            &d,
            &[
                (Kind::Entity, "Amélie", Some("PERSON")),
                (Kind::Entity, "the council", Some("ORG")),
                (Kind::Claim, "the wall costs 48 million", None),
            ],
        );
        let other = set(
            &d,
            &[
                (Kind::Entity, "Amélie", Some("PERSON")),
                (Kind::Entity, "council", Some("ORG")),
                (Kind::Claim, "wall costs 48 million.", None),
                (Kind::Quote, "told", None),
            ],
        );
        let c = compare(&reference, &other, &d);
        // All: 3 reference, 4 other; exact: Amélie only; overlap: Amélie, council, the claim.
        let all = line(&c, "All");
        assert_eq!(
            (all.exact.reference, all.exact.other, all.exact.matched),
            (3, 4, 1)
        );
        assert!(close(all.exact.precision, 0.25));
        assert!(close(all.exact.recall, 1.0 / 3.0));
        assert!(close(all.exact.f1, 2.0 / 7.0));
        assert_eq!(all.overlap.matched, 3);
        assert!(close(all.overlap.f1, 6.0 / 7.0));
        // A kind only one set has: precision 0, recall undefined, F1 0.
        let quote = line(&c, "Quote");
        assert_eq!(quote.exact.precision, Some(0.0));
        assert_eq!(quote.exact.recall, None);
        assert_eq!(quote.exact.f1, Some(0.0));
        let org = line(&c, "Entity ORG");
        assert_eq!((org.exact.matched, org.overlap.matched), (0, 1));
    }

    #[test]
    fn kappa_over_chars_matches_the_hand_computed_value() {
        // 10 units: A marks 0..4, B marks 2..6.
        let a: Vec<bool> = (0..10).map(|i| i < 4).collect();
        let b: Vec<bool> = (0..10).map(|i| (2..6).contains(&i)).collect();
        // Observed agreement: units 2, 3 (both marked) and 6..10 (neither) = 6/10.
        // Chance: 0.4 × 0.4 + 0.6 × 0.6 = 0.52. Kappa = (0.6 − 0.52) / 0.48 = 1/6.
        assert!(close(cohens_kappa(&a, &b), 1.0 / 6.0));
        assert!(close(cohens_kappa(&a, &a), 1.0));
        assert_eq!(cohens_kappa(&[false; 5], &[false; 5]), None);
    }

    #[test]
    fn alpha_matches_the_hand_computed_value_and_kappa_for_two_coders() {
        // Three coders, four units: (1,1,1), (1,1,0), (0,0,0), (0,1,0).
        let codings = vec![
            vec![true, true, false, false],
            vec![true, true, false, true],
            vec![true, false, false, false],
        ];
        // n = 12 values, 6 ones, 6 zeros. Disagreeing ordered pairs per unit:
        // 0, 2·2·1/2 = 2, 0, 2 → 4. Alpha = 1 − 11 × 4 / (2 × 6 × 6) = 1 − 44/72 = 7/18.
        assert!(close(krippendorffs_alpha(&codings), 7.0 / 18.0));
        assert!(close(
            krippendorffs_alpha(&[codings[0].clone(), codings[0].clone()]),
            1.0
        ));
        assert_eq!(krippendorffs_alpha(&[vec![false; 3], vec![false; 3]]), None);
        assert_eq!(krippendorffs_alpha(&[vec![true; 3]]), None);
    }

    #[test]
    fn identical_and_empty_sets() {
        let d = doc();
        let one = set(&d, &[(Kind::Quote, "the wall costs", None)]);
        let same = compare(&one, &one, &d);
        let all = line(&same, "All");
        assert_eq!((all.exact.f1, all.overlap.f1), (Some(1.0), Some(1.0)));
        assert!(close(line(&same, "Quote").kappa, 1.0));
        let empty = AnnotationSet::new();
        let nothing = compare(&empty, &empty, &d);
        let all = line(&nothing, "All");
        assert_eq!(
            (all.exact.precision, all.exact.recall, all.exact.f1),
            (None, None, None)
        );
        assert_eq!(all.kappa, None);
        let half = compare(&one, &empty, &d);
        assert_eq!(line(&half, "All").exact.recall, Some(0.0));
        assert!(close(line(&half, "Quote").kappa, 0.0));
        assert_eq!(alpha(&[&one, &one, &one], &d)[1].1, Some(1.0));
    }

    /// A quote in two pieces: `first` and `second`, each a needle of TEXT.
    fn quote_in_pieces(doc: &Document, id: &str, first: &str, second: &str) -> Annotation {
        let at = |needle: &str| {
            let start = TEXT[..TEXT.find(needle).unwrap()].chars().count();
            CharSpan::new(start, start + needle.chars().count()).unwrap()
        };
        let mut quote = Annotation::new(AnnotationId(id.into()), Kind::Quote, at(first), doc);
        quote
            .fragments
            .push(crate::model::Excerpt::of(doc, at(second)));
        quote
    }

    #[test]
    fn pieces_not_extents_decide_exact_and_overlap() {
        let d = doc();
        // Same first and last char, different pieces: "Amélie told" + "48 million." against
        // "Amélie" + "costs 48 million." (hand count: shared chars 6 + 11 = 17).
        let mut reference = AnnotationSet::new();
        reference
            .insert(quote_in_pieces(&d, "r", "Amélie told", "48 million."), &d)
            .unwrap();
        let mut other = AnnotationSet::new();
        other
            .insert(quote_in_pieces(&d, "o", "Amélie", "costs 48 million."), &d)
            .unwrap();
        let c = compare(&reference, &other, &d);
        let quote = line(&c, "Quote");
        assert_eq!(quote.exact.matched, 0, "same extent, other pieces");
        assert_eq!(quote.overlap.matched, 1);
        // Kappa over the 46 non-space chars: the reference marks 10 + 10 = 20, the other 6 + 15
        // = 21, both 16, neither 46 − 25 = 21. Agreement 37/46; chance (20/46)(21/46) +
        // (26/46)(25/46).
        let n = 46.0;
        let (pa, pb, agree) = (20.0 / n, 21.0 / n, 37.0 / n);
        let chance = pa * pb + (1.0 - pa) * (1.0 - pb);
        assert!(close(quote.kappa, (agree - chance) / (1.0 - chance)));
        // Identical pieces match exactly, a gap in the reference not counted as a char.
        let same = compare(&reference, &reference, &d);
        assert_eq!(line(&same, "Quote").exact.matched, 1);
    }

    #[test]
    fn the_all_line_needs_kind_and_label_to_agree() {
        let d = doc();
        let person = set(&d, &[(Kind::Entity, "Amélie", Some("PERSON"))]);
        let org = set(&d, &[(Kind::Entity, "Amélie", Some("ORG"))]);
        let claim = set(&d, &[(Kind::Claim, "Amélie", None)]);
        for other in [&org, &claim] {
            let c = compare(&person, other, &d);
            let all = line(&c, "All");
            assert_eq!((all.exact.matched, all.overlap.matched), (0, 0));
            // Every char of the name coded differently: no agreement beyond chance there.
            assert!(all.kappa.is_some_and(|k| k < 1.0));
        }
        let both = compare(&person, &org, &d);
        assert_eq!(line(&both, "Entity").exact.matched, 0, "PERSON against ORG");
        assert_eq!(two_places(Some(-0.0001)), "0.00");
        assert_eq!(two_places(Some(-0.25)), "-0.25");
        assert_eq!(two_places(None), "—");
    }
}
