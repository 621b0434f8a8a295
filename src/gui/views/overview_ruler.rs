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
