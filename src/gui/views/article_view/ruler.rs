//! The overview ruler beside the article: where the annotations are along its height, the
//! visible part shaded; a click or drag scrolls there.

use super::{ArticleView, ScrollRequest, ViewInput};
use crate::gui::views::overview_ruler;
use crate::model::{CharOffset, Document};
use egui::{Rect, Sense, Ui};

impl ArticleView {
    /// The overview ruler: annotations by kind along the article's height, the visible part
    /// shaded; a click or drag scrolls there.
    pub(super) fn show_ruler(&mut self, ui: &Ui, rect: Rect, input: &ViewInput<'_>) {
        if self.tops_stale {
            self.recompute_tops();
        }
        let total = self.total_height().max(1.0);
        let key = (
            input.annotations.revision(),
            input.layers.fingerprint(),
            total.to_bits(),
            rect.height().to_bits(),
        );
        if self.ruler.as_ref().map(|(k, _)| *k) != Some(key) {
            let document = input.document;
            // Annotations come in text order: a cursor over the paragraphs finds each one's
            // paragraph in a step or two, where a search would take sixteen on a book.
            let mut cursor = 0;
            let shown = input.annotations.anchored().iter();
            let positions = shown.filter(|a| input.layers.shows(a)).map(|a| {
                cursor = self.paragraph_from(document, cursor, a.span.start);
                let top = self.y_in(document, cursor, a.span.start) / total;
                let end = a.extent().end;
                let last = self.paragraph_from(document, cursor, end);
                let bottom = self.y_in(document, last, end) / total;
                (a.kind(), top, bottom)
            });
            let marks = overview_ruler::marks(positions, rect.height());
            self.ruler = Some((key, marks));
        }
        let painter = ui.painter_at(rect);
        let palette = input.palette;
        painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        let band = overview_ruler::visible_band(
            self.scroll_offset / total,
            (self.scroll_offset + self.viewport_height) / total,
            rect.height(),
        );
        let seen = Rect::from_x_y_ranges(
            rect.x_range(),
            rect.min.y + band.min..=rect.min.y + band.max,
        );
        painter.rect_filled(seen, 0.0, palette.text_selection());
        let lane_width = (rect.width() - 2.0) / 3.0;
        if let Some((_, marks)) = &self.ruler {
            for (kind, run) in &marks.runs {
                let x = rect.min.x + 1.0 + overview_ruler::lane(*kind) as f32 * lane_width;
                let mark = Rect::from_x_y_ranges(
                    x..=x + lane_width - 1.0,
                    rect.min.y + run.min..=rect.min.y + run.max,
                );
                painter.rect_filled(mark, 0.0, palette.kind(*kind));
            }
        }
        // Outlined over the marks, so that "you are here" shows among many annotations.
        painter.rect_stroke(
            seen,
            0.0,
            egui::Stroke::new(1.0, palette.selected_outline()),
            egui::StrokeKind::Inside,
        );
        let percent =
            overview_ruler::percent_through(self.scroll_offset, self.viewport_height, total);
        let response = ui
            .interact(rect, self.id.with("ruler"), Sense::click_and_drag())
            .on_hover_text(format!(
                "{percent} % through the article. Lanes, left to right: quotes, claims, entities; the outlined band is what the window shows. Click or drag to go there."
            ));
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::ScrollBar,
                true,
                format!("Overview of the annotations, {percent} % through the article"),
            )
        });
        if (response.clicked() || response.dragged())
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let fraction = ((pointer.y - rect.min.y) / rect.height()).clamp(0.0, 1.0);
            self.request = Some(ScrollRequest::ToY(
                fraction * total - self.viewport_height / 2.0,
            ));
            ui.ctx().request_repaint();
        }
    }

    /// The paragraph holding `offset`, looked for forward from paragraph `from` (which starts
    /// at or before it).
    pub(super) fn paragraph_from(
        &self,
        document: &Document,
        from: usize,
        offset: CharOffset,
    ) -> usize {
        let paragraphs = document.paragraphs();
        if paragraphs.get(from).is_none_or(|p| p.span.start > offset) {
            return document.paragraph_at(offset);
        }
        let mut index = from;
        while index + 1 < paragraphs.len() && paragraphs[index + 1].span.start <= offset {
            index += 1;
            if index - from > 64 {
                // Far away: a search is quicker.
                return document.paragraph_at(offset);
            }
        }
        index
    }

    /// Content y of `offset`, which is in paragraph `index`: the paragraph's top plus the
    /// offset's share of its height.
    pub(super) fn y_in(&self, document: &Document, index: usize, offset: CharOffset) -> f32 {
        let span = document.paragraphs()[index].span;
        let fraction = if span.is_empty() {
            0.0
        } else {
            offset.0.saturating_sub(span.start.0) as f32 / span.len() as f32
        };
        self.tops[index] + fraction.min(1.0) * self.heights[index]
    }
}
