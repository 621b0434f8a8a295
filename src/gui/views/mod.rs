//! The widgets: each is fed an input struct (or plain values) and emits commands; none changes
//! the app itself. The article view keeps its own view state (layouts, selection, scroll).

pub mod agreement_table;
pub mod article_view;
pub mod banner;
pub mod curation_panel;
pub mod details;
pub mod dialogs;
pub mod find_bar;
pub mod folder_panel;
pub mod layers;
pub mod menu_bar;
pub mod overview_ruler;
pub mod paragraph_layout;
pub mod review;
pub mod settings;
pub mod shortcuts;
pub mod side_panel;
pub mod statistics;
pub mod status_bar;
pub mod toolbar;
pub mod welcome;

use crate::gui::theme::Palette;
use crate::model::Kind;
use egui::{CornerRadius, Rect, Sense, Stroke, StrokeKind, Ui, vec2};

/// A small sample of how a kind is drawn in the article (band, underline or box): the legend.
pub fn swatch(ui: &mut Ui, kind: Kind, palette: Palette) {
    let (rect, _) = ui.allocate_exact_size(vec2(22.0, 14.0), Sense::hover());
    let painter = ui.painter();
    match kind {
        Kind::Quote => {
            painter.rect_filled(rect, CornerRadius::same(2), palette.quote_band());
            painter.rect_stroke(
                rect,
                CornerRadius::same(2),
                Stroke::new(1.0, palette.kind(kind)),
                StrokeKind::Inside,
            );
        }
        Kind::Claim => {
            let bar = Rect::from_x_y_ranges(rect.x_range(), rect.max.y - 3.0..=rect.max.y - 1.0);
            painter.rect_filled(bar, CornerRadius::same(1), palette.kind(kind));
        }
        Kind::Entity => {
            painter.rect_filled(rect, CornerRadius::same(3), palette.entity_fill());
            painter.rect_stroke(
                rect,
                CornerRadius::same(3),
                Stroke::new(1.5, palette.kind(kind)),
                StrokeKind::Inside,
            );
        }
    }
}
