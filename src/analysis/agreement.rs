//! Agreement between annotation sets of one article. No egui.
//!
//! - **Span level**: one set is the reference, the other is compared with it, per category (each
//!   kind, each entity type, and all annotations): precision, recall and F1, counting a match
//!   when the spans are identical (*exact*) or share at least one char (*overlap*). Matching is
//!   one to one, largest overlap first. An annotation in pieces counts from the start of its
//!   first piece to the end of its last.
//! - **Chance-corrected**: each non-white-space char of the article is a unit that each set marks
//!   as inside or outside a span of the category. Cohen's kappa compares two sets;
//!   Krippendorff's alpha (nominal) compares any number. Both are `None` where they are not
//!   defined (no set marks anything, or every set marks everything).

use crate::model::{Annotation, AnnotationSet, Attributes, Document, Kind};
use serde::Serialize;
use std::collections::BTreeSet;

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
            let a = spans(reference, &category);
            let b = spans(other, &category);
            Line {
                exact: Scores::new(a.len(), b.len(), matches(&a, &b, true)),
                overlap: Scores::new(a.len(), b.len(), matches(&a, &b, false)),
                kappa: cohens_kappa(&marks(document, &a), &marks(document, &b)),
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
            let marked: Vec<Vec<bool>> = sets
                .iter()
                .map(|set| marks(document, &spans(set, &category)))
                .collect();
            let value = krippendorffs_alpha(&marked);
            (category, value)
        })
        .collect()
}

/// The extents of the anchored annotations of `set` in `category`, sorted.
fn spans(set: &AnnotationSet, category: &Category) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = set
        .anchored()
        .iter()
        .filter(|a| category.includes(a))
        .map(|a| {
            let extent = a.extent();
            (extent.start.0, extent.end.0)
        })
        .collect();
    spans.sort_unstable();
    spans
}

/// Pairs matched one to one: identical spans, or (not `exact`) overlapping ones, the largest
/// overlaps first.
fn matches(reference: &[(usize, usize)], other: &[(usize, usize)], exact: bool) -> usize {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, a) in reference.iter().enumerate() {
        // Only spans starting before `a` ends can overlap it.
        let end = other.partition_point(|b| b.0 < a.1);
        for (j, b) in other[..end].iter().enumerate() {
            let shared = a.1.min(b.1).saturating_sub(a.0.max(b.0));
            let fits = if exact { a == b } else { shared > 0 };
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

/// For each non-white-space char of the document, whether a span covers it.
fn marks(document: &Document, spans: &[(usize, usize)]) -> Vec<bool> {
    let mut covered = vec![false; document.char_count()];
    for &(start, end) in spans {
        for slot in &mut covered[start.min(end)..end.min(document.char_count())] {
            *slot = true;
        }
    }
    document
        .text()
        .as_str()
        .chars()
        .zip(covered)
        .filter(|(c, _)| !c.is_whitespace())
        .map(|(_, marked)| marked)
        .collect()
}

/// Cohen's kappa of two binary codings of the same units.
pub fn cohens_kappa(a: &[bool], b: &[bool]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n as f64;
    let pa = a.iter().filter(|x| **x).count() as f64 / n as f64;
    let pb = b.iter().filter(|x| **x).count() as f64 / n as f64;
    let chance = pa * pb + (1.0 - pa) * (1.0 - pb);
    (chance < 1.0).then(|| (agree - chance) / (1.0 - chance))
}

/// Krippendorff's alpha (nominal) of binary codings of the same units by several coders, every
/// unit coded by every coder.
pub fn krippendorffs_alpha(codings: &[Vec<bool>]) -> Option<f64> {
    let coders = codings.len();
    let units = codings.iter().map(Vec::len).min()?;
    if coders < 2 || units == 0 {
        return None;
    }
    let m = coders as f64;
    let mut ones = 0.0;
    let mut disagreement = 0.0;
    for u in 0..units {
        let a = codings.iter().filter(|c| c[u]).count() as f64;
        ones += a;
        // Ordered pairs of different coders with different values, each weighted 1 / (m - 1).
        disagreement += 2.0 * a * (m - a) / (m - 1.0);
    }
    let n = units as f64 * m;
    let zeros = n - ones;
    (ones > 0.0 && zeros > 0.0).then(|| 1.0 - (n - 1.0) * disagreement / (2.0 * ones * zeros))
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
}
