//! The handles at the start and end of the selected annotation: dragging one moves that end,
//! snapping to word boundaries (Alt: to characters); on release the view emits
//! [`Command::SetEdge`]. While dragging, the span-to-be is outlined.

use super::*;
use crate::model::correct::{self, Edge};

/// Half the width of the area around a handle that picks it up.
const GRAB: f32 = 6.0;
/// Radius of a handle's knob.
const KNOB: f32 = 3.5;

/// A handle being dragged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct HandleDrag {
    /// The annotation whose end moves.
    id: AnnotationId,
    /// Which end.
    edge: Edge,
    /// Where it would go if released now.
    to: CharOffset,
}

impl ArticleView {
    /// The selected annotation, when it is placed in the text.
    fn selected_anchored<'a>(&self, input: &ViewInput<'a>) -> Option<&'a Annotation> {
        let id = input.selected?;
        let annotation = input.annotations.get(id)?;
        let placed = input.annotations.placement(id) == Some(crate::model::Placement::Anchored);
        (placed && input.layers.shows(annotation)).then_some(annotation)
    }

    /// Where a handle for `edge` at `offset` is on screen (a caret-high bar), if visible.
    fn handle_bar(&self, document: &Document, edge: Edge, offset: CharOffset) -> Option<Rect> {
        // The end handle sits after the last char, on that char's row.
        let inside = match edge {
            Edge::Start => offset,
            Edge::End => CharOffset(offset.0.saturating_sub(1)),
        };
        let index = document.paragraph_at(inside);
        let placed = self.placed.iter().find(|p| p.index == index)?;
        let local = offset.0 - document.paragraphs()[index].span.start.0;
        let bar = match edge {
            Edge::Start => placed.layout.caret_rect(local),
            Edge::End => placed.layout.caret_after(local),
        };
        Some(bar.translate(placed.origin.to_vec2()))
    }

    /// The selected annotation's handles on screen: where its ends are, or where a dragged
    /// end would go.
    fn handles(&self, input: &ViewInput<'_>) -> Vec<(Edge, Rect)> {
        let Some(annotation) = self.selected_anchored(input) else {
            return Vec::new();
        };
        let extent = annotation.extent();
        [(Edge::Start, extent.start), (Edge::End, extent.end)]
            .into_iter()
            .filter_map(|(edge, offset)| {
                let offset = match &self.handle_drag {
                    Some(drag) if drag.edge == edge => drag.to,
                    _ => offset,
                };
                Some((edge, self.handle_bar(input.document, edge, offset)?))
            })
            .collect()
    }

    /// The handle under `pos`, if any.
    fn handle_at(&self, input: &ViewInput<'_>, pos: Pos2) -> Option<Edge> {
        self.handles(input)
            .into_iter()
            .find(|(_, bar)| bar.expand2(vec2(GRAB, KNOB * 2.0)).contains(pos))
            .map(|(edge, _)| edge)
    }

    /// Picks up, drags and drops a handle; true when the pointer is busy with one (the view
    /// then does not select text).
    pub(super) fn drag_handle(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        input: &ViewInput<'_>,
        commands: &mut Vec<Command>,
    ) -> bool {
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            let picked = origin.and_then(|p| self.handle_at(input, p));
            if let (Some(edge), Some(annotation)) = (picked, self.selected_anchored(input)) {
                let extent = annotation.extent();
                self.handle_drag = Some(HandleDrag {
                    id: annotation.id.clone(),
                    edge,
                    to: match edge {
                        Edge::Start => extent.start,
                        Edge::End => extent.end,
                    },
                });
            }
        }
        if self.handle_drag.is_none() {
            if let Some(pointer) = response.hover_pos()
                && self.handle_at(input, pointer).is_some()
            {
                ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
            }
            return false;
        }
        let by_char = ui.input(|i| i.modifiers.alt);
        if let Some(pointer) = response.interact_pointer_pos()
            && let Some(offset) = self.offset_at(input.document, pointer)
            && let Some(drag) = &mut self.handle_drag
        {
            drag.to = if by_char {
                offset
            } else {
                correct::snap_to_word(input.document, offset)
            };
        }
        ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
        if !response.dragged()
            && let Some(drag) = self.handle_drag.take()
        {
            commands.push(Command::SetEdge {
                id: drag.id,
                edge: drag.edge,
                to: drag.to,
            });
        }
        true
    }

    /// Paints the handles, and while one is dragged the outline of the span-to-be.
    pub(super) fn paint_handles(&self, painter: &egui::Painter, input: &ViewInput<'_>) {
        let colour = input.palette.selected_outline();
        if let Some(drag) = &self.handle_drag
            && let Some(annotation) = self.selected_anchored(input)
        {
            let extent = annotation.extent();
            let (start, end) = match drag.edge {
                Edge::Start => (drag.to, extent.end),
                Edge::End => (extent.start, drag.to),
            };
            let preview = CharSpan::between(start.min(end), start.max(end));
            self.outline_span(painter, input.document, preview, colour);
        }
        for (edge, bar) in self.handles(input) {
            let bar =
                Rect::from_x_y_ranges(bar.center().x - 1.0..=bar.center().x + 1.0, bar.y_range());
            painter.rect_filled(bar, CornerRadius::ZERO, colour);
            let knob = match edge {
                Edge::Start => bar.center_top(),
                Edge::End => bar.center_bottom(),
            };
            painter.circle_filled(knob, KNOB, colour);
        }
    }

    /// A dashed outline around `span`, on every visible row it covers.
    fn outline_span(
        &self,
        painter: &egui::Painter,
        document: &Document,
        span: CharSpan,
        colour: Color32,
    ) {
        for placed in &self.placed {
            let paragraph = document.paragraphs()[placed.index].span;
            let Some(local) = paint::local_range(span, paragraph) else {
                continue;
            };
            for piece in placed.layout.pieces(local) {
                let row = piece.row.translate(placed.origin.to_vec2());
                paint::dashed_rect(painter, row.expand2(vec2(2.0, 0.0)), colour);
            }
        }
    }
}
