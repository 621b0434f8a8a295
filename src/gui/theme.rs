//! Every colour Marginalia paints with, for the light and the dark theme. Nothing else in the
//! crate names a colour.
//!
//! Each kind is drawn in its own way as well as its own colour, so that nested and overlapping
//! spans stay distinguishable (and so that colour is not the only cue):
//! quotes are a tinted band behind the text, claims an underline bar (stacked in lanes when
//! claims overlap), entities a rounded box around the words.

use crate::model::Kind;
use egui::{Color32, Visuals};

/// The colours of one theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// True for the dark theme.
    pub dark: bool,
}

impl Palette {
    /// The palette that goes with egui's current visuals.
    pub fn for_visuals(visuals: &Visuals) -> Self {
        Self {
            dark: visuals.dark_mode,
        }
    }

    /// The kind's main colour: swatches, underline bars and box outlines
    /// (Okabe–Ito colours, told apart by people with colour-vision deficiencies).
    pub fn kind(self, kind: Kind) -> Color32 {
        match (kind, self.dark) {
            (Kind::Quote, true) => Color32::from_rgb(0xF0, 0xB0, 0x30),
            (Kind::Claim, true) => Color32::from_rgb(0x5C, 0xB8, 0xF0),
            (Kind::Entity, true) => Color32::from_rgb(0xE0, 0x8C, 0xC4),
            (kind, false) => {
                let [r, g, b] = crate::model::schema::kind_colour(kind);
                Color32::from_rgb(r, g, b)
            }
        }
    }

    /// An entity type's colour from the schema (red, green, blue), for its box outline.
    pub fn entity_type(self, rgb: [u8; 3]) -> Color32 {
        let [r, g, b] = rgb;
        if self.dark {
            // Lighten towards white so that the outline stands out on the dark page.
            let lift = |c: u8| c + (255 - c) / 3;
            Color32::from_rgb(lift(r), lift(g), lift(b))
        } else {
            Color32::from_rgb(r, g, b)
        }
    }

    /// A suggestion's dashed outline: its kind's colour, faded, so that it never passes for an
    /// annotation.
    pub fn ghost(self, kind: Kind) -> Color32 {
        self.kind(kind)
            .gamma_multiply(if self.dark { 0.75 } else { 0.7 })
    }

    /// The fill behind the current suggestion.
    pub fn ghost_current(self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(0xFF, 0xFF, 0xFF, 40)
        } else {
            Color32::from_rgba_unmultiplied(0x30, 0x30, 0x60, 40)
        }
    }

    /// The outline of the mentions and statements related to the selected annotation.
    pub fn related_outline(self) -> Color32 {
        // Violet, drawn dashed: unlike every kind and built-in entity type colour.
        if self.dark {
            Color32::from_rgb(0xA0, 0x70, 0xFF)
        } else {
            Color32::from_rgb(0x5B, 0x2E, 0xC8)
        }
    }

    /// The rule and number where a PDF's page starts.
    pub fn page_mark(self) -> Color32 {
        if self.dark {
            Color32::from_gray(0x70)
        } else {
            Color32::from_gray(0x98)
        }
    }

    /// A find match that is not the current one.
    pub fn find_match(self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(0xFF, 0xFF, 0x60, 50)
        } else {
            Color32::from_rgba_unmultiplied(0xFF, 0xE0, 0x00, 90)
        }
    }

    /// The translucent fill behind a quote's text.
    pub fn quote_band(self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(0xF0, 0xB0, 0x30, 48)
        } else {
            Color32::from_rgba_unmultiplied(0xF5, 0xB8, 0x20, 70)
        }
    }

    /// The faint fill inside an entity's box.
    pub fn entity_fill(self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(0xE0, 0x8C, 0xC4, 36)
        } else {
            Color32::from_rgba_unmultiplied(0xB0, 0x40, 0x88, 26)
        }
    }

    /// The outline around the selected annotation.
    pub fn selected_outline(self) -> Color32 {
        if self.dark {
            Color32::WHITE
        } else {
            Color32::from_rgb(0x10, 0x10, 0x10)
        }
    }

    /// The background of the text selection.
    pub fn text_selection(self) -> Color32 {
        if self.dark {
            Color32::from_rgba_unmultiplied(0x60, 0x90, 0xFF, 90)
        } else {
            Color32::from_rgba_unmultiplied(0x30, 0x70, 0xFF, 70)
        }
    }

    /// The article's text.
    pub fn article_text(self) -> Color32 {
        if self.dark {
            Color32::from_gray(0xE2)
        } else {
            Color32::from_gray(0x1A)
        }
    }

    /// The page behind the article's text column.
    pub fn page(self) -> Color32 {
        if self.dark {
            Color32::from_gray(0x1E)
        } else {
            Color32::from_rgb(0xFD, 0xFC, 0xF8)
        }
    }

    /// Messages that need attention (failed saves, unreadable files).
    pub fn error(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0xFF, 0x80, 0x70)
        } else {
            Color32::from_rgb(0xB0, 0x20, 0x10)
        }
    }

    /// Words a proposed change adds (the review's before/after view).
    pub fn added_text(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0x80, 0xD0, 0x80)
        } else {
            Color32::from_rgb(0x1E, 0x70, 0x1E)
        }
    }

    /// Messages that warn (annotations that need re-anchoring).
    pub fn warning(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0xF0, 0xC0, 0x50)
        } else {
            Color32::from_rgb(0x90, 0x60, 0x00)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::Schema;

    fn distance(a: Color32, b: Color32) -> f32 {
        let d = |x: u8, y: u8| (f32::from(x) - f32::from(y)).powi(2);
        (d(a.r(), b.r()) + d(a.g(), b.g()) + d(a.b(), b.b())).sqrt()
    }

    #[test]
    fn the_related_outline_is_unlike_every_kind_and_entity_type_in_both_themes() {
        for dark in [false, true] {
            let palette = Palette { dark };
            let related = palette.related_outline();
            let kinds = Kind::ALL.map(|k| palette.kind(k));
            let types = Schema::default()
                .entity_types
                .iter()
                .filter_map(|t| t.colour)
                .map(|rgb| palette.entity_type(rgb))
                .collect::<Vec<_>>();
            for colour in kinds.iter().chain(&types) {
                assert!(
                    distance(related, *colour) > 90.0,
                    "dark {dark}: {related:?} is close to {colour:?}"
                );
            }
        }
    }
}
