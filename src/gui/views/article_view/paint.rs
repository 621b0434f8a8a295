//! Painting the visible paragraphs with their highlights: quote bands, entity boxes, claim
//! underlines (stacked in lanes), outlines of the selected and related annotations, find
//! matches, the compared set and the caret.

use super::*;

impl ArticleView {
    pub(super) fn paint(&self, ui: &Ui, input: &ViewInput<'_>) {
        let painter = ui.painter();
        let palette = input.palette;
        let selection = self.selection.span();
        for placed in &self.placed {
            let paragraph = input.document.paragraphs()[placed.index].span;
            let marks = Marks::collect(input.annotations, paragraph, input.layers);
            let pieces = |range: &Range<usize>| {
                placed
                    .layout
                    .pieces(range.clone())
                    .into_iter()
                    .map(|piece| piece.translate(placed.origin.to_vec2()))
            };

            // Under the text: quote bands, the text selection, entity fills, the selected outline.
            for quote in marks.of(Kind::Quote) {
                for piece in pieces(&quote.local) {
                    painter.rect_filled(
                        piece.row.shrink2(vec2(0.0, 1.0)),
                        CornerRadius::same(2),
                        palette.quote_band(),
                    );
                }
            }
            let first_match = input
                .find_matches
                .partition_point(|m| m.end <= paragraph.start);
            for found in input.find_matches[first_match..]
                .iter()
                .take_while(|m| m.start < paragraph.end)
            {
                if let Some(local) = local_range(*found, paragraph) {
                    for piece in pieces(&local) {
                        painter.rect_filled(piece.row, CornerRadius::same(2), palette.find_match());
                    }
                }
            }
            if let Some(local) = local_range(selection, paragraph) {
                for piece in pieces(&local) {
                    painter.rect_filled(piece.row, CornerRadius::ZERO, palette.text_selection());
                }
            }
            for entity in marks.of(Kind::Entity) {
                for piece in pieces(&entity.local) {
                    painter.rect_filled(
                        piece.entity_box(entity.depth),
                        CornerRadius::same(3),
                        palette.entity_fill(),
                    );
                }
            }
            for selected in marks
                .all
                .iter()
                .filter(|m| Some(&m.annotation.id) == input.selected)
            {
                for piece in pieces(&selected.local) {
                    painter.rect_stroke(
                        piece.row.expand2(vec2(2.0, 0.0)),
                        CornerRadius::same(3),
                        Stroke::new(1.5, palette.selected_outline()),
                        StrokeKind::Outside,
                    );
                }
            }
            for related in marks
                .all
                .iter()
                .filter(|m| input.related.contains(&m.annotation.id))
            {
                for piece in pieces(&related.local) {
                    dashed_rect(
                        painter,
                        piece.row.expand2(vec2(2.0, 0.0)),
                        palette.related_outline(),
                    );
                }
            }
            if let Some(suggestions) = input.suggestions {
                paint_current_ghost(painter, suggestions, paragraph, palette, &pieces);
            }
            placed
                .layout
                .paint(painter, placed.origin, palette.article_text());
            if let Some(suggestions) = input.suggestions {
                paint_ghosts(painter, suggestions, paragraph, palette, &pieces);
            }
            // Over the text: entity outlines and claim underlines.
            for entity in marks.of(Kind::Entity) {
                let colour = match &entity.annotation.attributes {
                    Attributes::Entity(e) => e
                        .entity_type
                        .as_deref()
                        .and_then(|t| input.schema.entity_type(t))
                        .and_then(|t| t.colour)
                        .map(|rgb| palette.entity_type(rgb)),
                    _ => None,
                };
                for piece in pieces(&entity.local) {
                    painter.rect_stroke(
                        piece.entity_box(entity.depth),
                        CornerRadius::same(3),
                        Stroke::new(1.5, colour.unwrap_or(palette.kind(Kind::Entity))),
                        StrokeKind::Middle,
                    );
                }
            }
            for claim in marks.of(Kind::Claim) {
                for piece in pieces(&claim.local) {
                    let y = piece.text.max + 2.5 + claim.depth as f32 * UNDERLINE_LANE;
                    let bar = Rect::from_x_y_ranges(piece.row.x_range(), y..=y + 2.5);
                    painter.rect_filled(bar, CornerRadius::same(1), palette.kind(Kind::Claim));
                }
            }
            if let Some(overlay) = input.overlay {
                // The compared set: dashed lines along the bottom of the row, by kind.
                for annotation in overlay.overlapping(paragraph) {
                    for piece in annotation.pieces() {
                        let Some(local) = local_range(piece, paragraph) else {
                            continue;
                        };
                        let lane = match annotation.kind() {
                            Kind::Quote => 0.0,
                            Kind::Claim => 1.0,
                            Kind::Entity => 2.0,
                        };
                        for piece in pieces(&local) {
                            let y = piece.row.max.y - 1.5 - lane * 3.0;
                            painter.add(egui::Shape::dashed_line(
                                &[
                                    egui::pos2(piece.row.min.x, y),
                                    egui::pos2(piece.row.max.x, y),
                                ],
                                Stroke::new(1.5, palette.kind(annotation.kind())),
                                4.0,
                                3.0,
                            ));
                        }
                    }
                }
            }
            if let Some(caret) = self.caret_rect(input.document, placed, selection, ui) {
                painter.rect_filled(caret, CornerRadius::ZERO, palette.article_text());
            }
            paint_page_starts(painter, input, placed, paragraph);
        }
        self.paint_handles(painter, input);
    }

    /// The blinking-free caret, shown when the selection is empty and the view has focus.
    pub(super) fn caret_rect(
        &self,
        document: &Document,
        placed: &PlacedParagraph,
        selection: CharSpan,
        ui: &Ui,
    ) -> Option<Rect> {
        if !selection.is_empty() || !ui.memory(|m| m.has_focus(self.id)) {
            return None;
        }
        let paragraph = document.paragraphs()[placed.index].span;
        if selection.start < paragraph.start || selection.start > paragraph.end {
            return None;
        }
        let local = selection.start.0 - paragraph.start.0;
        Some(
            placed
                .layout
                .caret_rect(local)
                .translate(placed.origin.to_vec2()),
        )
    }
}

/// The faint fill behind the current suggestion's pieces in `paragraph`.
fn paint_current_ghost<I: Iterator<Item = crate::gui::views::paragraph_layout::RowPiece>>(
    painter: &egui::Painter,
    suggestions: &Suggestions,
    paragraph: CharSpan,
    palette: Palette,
    pieces: &impl Fn(&Range<usize>) -> I,
) {
    let Some(current) = suggestions.current() else {
        return;
    };
    for fragment in &current.fragments {
        if let Some(local) = local_range(fragment.span, paragraph) {
            for piece in pieces(&local) {
                painter.rect_filled(piece.row, CornerRadius::same(2), palette.ghost_current());
            }
        }
    }
}

/// The shown suggestions in `paragraph` as ghosts of their kind's style, dashed and faded:
/// quotes outlined, claims underlined, entities boxed; a quote's speaker boxed and its cue
/// underlined with it. The current one is drawn thicker.
fn paint_ghosts<I: Iterator<Item = crate::gui::views::paragraph_layout::RowPiece>>(
    painter: &egui::Painter,
    suggestions: &Suggestions,
    paragraph: CharSpan,
    palette: Palette,
    pieces: &impl Fn(&Range<usize>) -> I,
) {
    for (index, suggestion) in suggestions.overlapping(paragraph) {
        let width = if Some(index) == suggestions.current_index() {
            2.4
        } else {
            1.2
        };
        let colour = palette.ghost(suggestion.kind);
        for fragment in &suggestion.fragments {
            let Some(local) = local_range(fragment.span, paragraph) else {
                continue;
            };
            for piece in pieces(&local) {
                match suggestion.kind {
                    Kind::Quote => {
                        dashed_outline(painter, piece.row.shrink2(vec2(0.0, 1.0)), colour, width)
                    }
                    Kind::Entity => dashed_outline(painter, piece.entity_box(0), colour, width),
                    Kind::Claim => {
                        let y = piece.text.max + 3.0;
                        dashed_line(painter, piece.row.min.x, piece.row.max.x, y, colour, width);
                    }
                }
            }
        }
        if let Some(speaker) = &suggestion.speaker
            && let Some(local) = local_range(speaker.span, paragraph)
        {
            for piece in pieces(&local) {
                dashed_outline(
                    painter,
                    piece.entity_box(0),
                    palette.ghost(Kind::Entity),
                    width,
                );
            }
        }
        if let Some(cue) = &suggestion.cue
            && let Some(local) = local_range(cue.span, paragraph)
        {
            for piece in pieces(&local) {
                let y = piece.text.max + 2.0;
                dashed_line(painter, piece.row.min.x, piece.row.max.x, y, colour, width);
            }
        }
    }
}

/// A dashed horizontal line from `x0` to `x1` at `y`.
fn dashed_line(painter: &egui::Painter, x0: f32, x1: f32, y: f32, colour: Color32, width: f32) {
    painter.add(egui::Shape::dashed_line(
        &[egui::pos2(x0, y), egui::pos2(x1, y)],
        Stroke::new(width, colour),
        3.0,
        3.0,
    ));
}

/// A dashed outline around `rect`, `width` thick.
fn dashed_outline(painter: &egui::Painter, rect: Rect, colour: Color32, width: f32) {
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    painter.add(egui::Shape::dashed_line(
        &corners,
        Stroke::new(width, colour),
        3.0,
        3.0,
    ));
}

/// A dashed outline around `rect` (the related annotations' outline).
pub(super) fn dashed_rect(painter: &egui::Painter, rect: Rect, colour: Color32) {
    dashed_outline(painter, rect, colour, 1.5);
}

/// An annotation's part inside one paragraph, with its stacking depth there.
pub(super) struct Mark<'a> {
    annotation: &'a Annotation,
    /// The annotation's piece (its span, or one fragment of a quote).
    piece: CharSpan,
    local: Range<usize>,
    /// For claims: the underline lane; for entities: how many entities enclose it.
    depth: usize,
}

/// The annotations that touch one paragraph.
pub(super) struct Marks<'a> {
    all: Vec<Mark<'a>>,
}

impl<'a> Marks<'a> {
    pub(super) fn collect(
        annotations: &'a AnnotationSet,
        paragraph: CharSpan,
        layers: &Layers,
    ) -> Self {
        let mut all: Vec<Mark<'a>> = annotations
            .overlapping(paragraph)
            .filter(|a| layers.shows(a))
            .flat_map(|annotation| {
                annotation.pieces().filter_map(move |piece| {
                    Some(Mark {
                        annotation,
                        piece,
                        local: local_range(piece, paragraph)?,
                        depth: 0,
                    })
                })
            })
            .collect();
        // Claims: greedy lanes, so overlapping claims get separate underlines.
        let mut lane_ends: Vec<usize> = Vec::new();
        for mark in all
            .iter_mut()
            .filter(|m| m.annotation.kind() == Kind::Claim)
        {
            let lane = lane_ends.iter().position(|&end| end <= mark.local.start);
            let lane = lane.unwrap_or_else(|| {
                lane_ends.push(0);
                lane_ends.len() - 1
            });
            lane_ends[lane] = mark.local.end;
            mark.depth = lane;
        }
        // Entities: nesting depth, so inner boxes sit inside outer ones.
        let entities: Vec<CharSpan> = all
            .iter()
            .filter(|m| m.annotation.kind() == Kind::Entity)
            .map(|m| m.piece)
            .collect();
        for mark in all
            .iter_mut()
            .filter(|m| m.annotation.kind() == Kind::Entity)
        {
            let span = mark.piece;
            mark.depth = entities
                .iter()
                .filter(|o| **o != span && o.start <= span.start && span.end <= o.end)
                .count();
        }
        Self { all }
    }

    pub(super) fn of(&self, kind: Kind) -> impl Iterator<Item = &Mark<'a>> {
        self.all.iter().filter(move |m| m.annotation.kind() == kind)
    }
}

/// The part of `span` inside `paragraph`, as chars counted from the paragraph's start.
pub(super) fn local_range(span: CharSpan, paragraph: CharSpan) -> Option<Range<usize>> {
    let inside = span.intersection(paragraph)?;
    Some(inside.start.0 - paragraph.start.0..inside.end.0 - paragraph.start.0)
}

/// Vertical distance between stacked claim underlines.
const UNDERLINE_LANE: f32 = 3.5;

/// Where a PDF's pages start in the paragraph `placed`: a rule above the paragraph that a page
/// opens with "page N" at its end, or a tick before the first char of a page that starts inside
/// the paragraph (a paragraph that runs on over a page break) with "p. N" above it.
fn paint_page_starts(
    painter: &egui::Painter,
    input: &ViewInput<'_>,
    placed: &PlacedParagraph,
    paragraph: CharSpan,
) {
    let starts = input.document.page_starts();
    let first = starts.partition_point(|s| *s < paragraph.start);
    let colour = input.palette.page_mark();
    let font = FontId::proportional(11.0);
    for (page, start) in starts
        .iter()
        .enumerate()
        .skip(first.max(1))
        .take_while(|(_, s)| {
            **s < paragraph.end || (paragraph.is_empty() && **s == paragraph.start)
        })
    {
        let local = start.0 - paragraph.start.0;
        let number = page + 1;
        if local == 0 {
            let y = placed.origin.y - 6.0;
            let right = placed.origin.x + placed.layout.size().x;
            painter.hline(placed.origin.x..=right, y, Stroke::new(1.0, colour));
            painter.text(
                pos2(right, y - 1.0),
                egui::Align2::RIGHT_BOTTOM,
                format!("page {number}"),
                font.clone(),
                colour,
            );
            continue;
        }
        let Some(piece) = placed
            .layout
            .pieces(local..local + 1)
            .into_iter()
            .next()
            .map(|piece| piece.translate(placed.origin.to_vec2()))
        else {
            continue;
        };
        let x = piece.row.min.x - 1.0;
        painter.vline(x, piece.row.y_range(), Stroke::new(1.5, colour));
        painter.text(
            pos2(x, piece.row.min.y),
            egui::Align2::CENTER_BOTTOM,
            format!("p. {number}"),
            font.clone(),
            colour,
        );
    }
}
