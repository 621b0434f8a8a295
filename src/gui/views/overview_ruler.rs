//! The overview ruler beside the article's scroll bar: where in the article the annotations
//! are, one lane per kind, like an editor's overview ruler. Clicking or dragging on it scrolls
//! there.

use crate::model::Kind;
use egui::Rangef;

/// Width of the ruler, in points.
pub const WIDTH: f32 = 14.0;

/// Marks drawn on the ruler: for each kind, the runs of ruler pixels that hold annotations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// (kind, run of y positions relative to the ruler's top).
    pub runs: Vec<(Kind, Rangef)>,
}

/// The ruler's marks for annotations at `positions` (kind, top and bottom as fractions of the
/// article's height), on a ruler `height` points high. Nearby annotations merge into one run,
/// so the cost of drawing does not grow with their number.
pub fn marks(positions: impl Iterator<Item = (Kind, f32, f32)>, height: f32) -> Marks {
    let pixels = height.max(1.0).ceil() as usize;
    let mut lit = vec![[false; 3]; pixels];
    for (kind, top, bottom) in positions {
        let lane = lane(kind);
        let first = ((top.clamp(0.0, 1.0) * height) as usize).min(pixels - 1);
        let last = ((bottom.clamp(0.0, 1.0) * height) as usize).clamp(first, pixels - 1);
        for pixel in &mut lit[first..=last] {
            pixel[lane] = true;
        }
    }
    let mut runs = Vec::new();
    for kind in Kind::ALL {
        let lane = lane(kind);
        let mut start = None;
        for (y, pixel) in lit.iter().enumerate() {
            match (pixel[lane], start) {
                (true, None) => start = Some(y),
                (false, Some(s)) => {
                    runs.push((kind, Rangef::new(s as f32, (y as f32).max(s as f32 + 2.0))));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            runs.push((
                kind,
                Rangef::new(s as f32, (pixels as f32).max(s as f32 + 2.0)),
            ));
        }
    }
    Marks { runs }
}

/// The "you are here" band is never thinner than this, in points (on a book the visible part is
/// a fraction of a pixel).
pub const MIN_BAND: f32 = 6.0;

/// The band showing the visible part, from `top` to `bottom` (fractions of the article's
/// height) on a ruler `height` points high: at least [`MIN_BAND`] high, centred on the visible
/// part and kept on the ruler.
pub fn visible_band(top: f32, bottom: f32, height: f32) -> Rangef {
    let (top, bottom) = (
        top.clamp(0.0, 1.0) * height,
        bottom.clamp(0.0, 1.0) * height,
    );
    let band = (bottom - top).max(MIN_BAND.min(height));
    let middle = (top + bottom) / 2.0;
    let start = (middle - band / 2.0).clamp(0.0, (height - band).max(0.0));
    Rangef::new(start, start + band)
}

/// How far through the article the view is, in whole percent: 0 at the top, 100 at the end.
pub fn percent_through(scroll: f32, viewport: f32, total: f32) -> u32 {
    let scrollable = (total - viewport).max(0.0);
    if scrollable == 0.0 {
        return 0;
    }
    ((scroll / scrollable).clamp(0.0, 1.0) * 100.0).round() as u32
}

/// The lane (left, middle, right third) of a kind.
pub fn lane(kind: Kind) -> usize {
    match kind {
        Kind::Quote => 0,
        Kind::Claim => 1,
        Kind::Entity => 2,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_visible_band_is_never_thinner_than_the_minimum() {
        let cases = [
            // (top, bottom, height) → band
            ((0.0, 0.5, 100.0), (0.0, 50.0)),
            ((0.5, 0.5001, 100.0), (47.0, 53.0)),
            ((0.0, 0.0001, 100.0), (0.0, 6.0)),
            ((0.9999, 1.0, 100.0), (94.0, 100.0)),
            ((0.2, 0.3, 4.0), (0.0, 4.0)),
        ];
        for ((top, bottom, height), (start, end)) in cases {
            let band = super::visible_band(top, bottom, height);
            assert!(
                (band.min - start).abs() < 0.01 && (band.max - end).abs() < 0.01,
                "{top}..{bottom} on {height}: {band:?}"
            );
        }
    }

    #[test]
    fn percent_through_runs_from_top_to_end() {
        let cases = [
            ((0.0, 100.0, 1000.0), 0),
            ((450.0, 100.0, 1000.0), 50),
            ((900.0, 100.0, 1000.0), 100),
            ((2000.0, 100.0, 1000.0), 100),
            ((0.0, 500.0, 300.0), 0),
        ];
        for ((scroll, viewport, total), percent) in cases {
            assert_eq!(super::percent_through(scroll, viewport, total), percent);
        }
    }

    use super::*;

    #[test]
    fn nearby_annotations_merge_and_lanes_stay_apart() {
        let marks = marks(
            [
                (Kind::Quote, 0.10, 0.11),
                (Kind::Quote, 0.11, 0.12),
                (Kind::Entity, 0.5, 0.5),
                (Kind::Claim, 0.99, 1.5),
            ]
            .into_iter(),
            100.0,
        );
        assert_eq!(
            marks.runs,
            vec![
                (Kind::Quote, Rangef::new(10.0, 13.0)),
                (Kind::Claim, Rangef::new(99.0, 101.0)),
                (Kind::Entity, Rangef::new(50.0, 52.0)),
            ]
        );
    }

    #[test]
    fn fifty_thousand_annotations_make_at_most_a_run_per_pixel() {
        let many = (0..50_000).map(|i| (Kind::Entity, i as f32 / 50_000.0, i as f32 / 50_000.0));
        let marks = marks(many, 600.0);
        assert_eq!(marks.runs.len(), 1, "they fill the lane");
    }
}
