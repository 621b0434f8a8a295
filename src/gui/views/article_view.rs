//! The article view: a virtualised, selectable, highlighted reading view over a char-offset model.
//!
//! The document is split into paragraphs; each paragraph is laid out (see
//! [`ParagraphLayout`], which also handles right-to-left text) only when it scrolls into view,
//! and cached per (wrap width, font size, pixel density). A prefix sum of paragraph heights
//! (estimated until measured) places paragraphs in one `ScrollArea`, so the cost of a frame
//! depends on what is visible, not on the length of the article. Highlights are painted from
//! char boxes, so layouts never depend on annotations and labelling a span re-lays out nothing.
//! Selection and hit-testing work in document char offsets, so they cross paragraphs and survive
//! scrolling. Byte ranges appear nowhere here: layouts index chars.

use crate::gui::command::{Command, Motion};
use crate::gui::theme::Palette;
use crate::gui::views::overview_ruler;
use crate::gui::views::paragraph_layout::ParagraphLayout;
use crate::model::schema::Schema;
use crate::model::{
    Annotation, AnnotationId, AnnotationSet, Attributes, CharOffset, CharSpan, Document, Kind,
    TextSelection,
};
use egui::text::TextFormat;
use egui::{
    Color32, CornerRadius, CursorIcon, EventFilter, FontId, Id, Pos2, Rect, ScrollArea, Sense,
    Stroke, StrokeKind, Ui, pos2, vec2,
};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Article text size at zoom 1, in points.
pub const BASE_FONT_SIZE: f32 = 17.0;
/// Row height as a multiple of the font size.
const LINE_SPACING: f32 = 1.8;
/// Widest text column, in ems (about 75 characters of Latin text).
const MEASURE_EMS: f32 = 36.0;
/// Least space left and right of the text column.
const SIDE_MARGIN: f32 = 28.0;
/// Space above the first paragraph and below the last.
const END_MARGIN: f32 = 24.0;
/// Average glyph width in ems, for estimating paragraph heights before layout.
const AVERAGE_CHAR_EMS: f32 = 0.47;
/// Space after a paragraph, in rows, for articles that do not separate paragraphs with blank lines.
const PARAGRAPH_GAP_ROWS: f32 = 0.6;
/// Paragraph layouts kept for paragraphs that scrolled out of view: at most this many…
const LAYOUT_CACHE_SIZE: usize = 600;
/// …and no more chars than this in all (a layout takes memory per char: long paragraphs, or the
/// pieces of a very long line, would otherwise fill hundreds of megabytes).
const LAYOUT_CACHE_CHARS: usize = 200_000;

/// What the view needs from the rest of the app for one frame.
pub struct ViewInput<'a> {
    /// The open article.
    pub document: &'a Document,
    /// Its annotations.
    pub annotations: &'a AnnotationSet,
    /// The selected annotation, outlined.
    pub selected: Option<&'a AnnotationId>,
    /// Annotations related to the selected one (its speaker's mentions, an entity's quotes
    /// and claims), outlined in another colour.
    pub related: &'a [AnnotationId],
    /// Find matches, in text order, tinted.
    pub find_matches: &'a [CharSpan],
    /// The label schema, for entity type colours.
    pub schema: &'a Schema,
    /// Text size factor.
    pub zoom: f32,
    /// Colours.
    pub palette: Palette,
    /// A second annotation set shown read-only, to compare: dashed lines under its spans.
    pub overlay: Option<&'a AnnotationSet>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct LayoutKey {
    wrap_width: f32,
    font_size: f32,
    pixels_per_point: f32,
}

impl LayoutKey {
    fn line_height(self) -> f32 {
        (self.font_size * LINE_SPACING).round()
    }
}

struct CachedLayout {
    layout: Arc<ParagraphLayout>,
    last_used: u64,
    /// The paragraph's length.
    chars: usize,
}

/// A paragraph as placed in the current frame.
#[derive(Clone)]
struct PlacedParagraph {
    index: usize,
    /// Screen position of the layout's top-left corner.
    origin: Pos2,
    layout: Arc<ParagraphLayout>,
}

#[derive(Clone, Copy, Debug)]
enum ScrollRequest {
    /// Put this offset about a third of the way down the viewport.
    Center(CharOffset),
    /// Scroll just enough to show this offset.
    Reveal(CharOffset),
    /// Scroll by this many points.
    By(f32),
    /// Scroll to this content y.
    ToY(f32),
}

/// The article view's state: layout caches, selection and scroll position.
pub struct ArticleView {
    id: Id,
    key: Option<LayoutKey>,
    /// Height of each paragraph (including the gap after it), estimated until laid out.
    heights: Vec<f32>,
    /// `tops[i]` is the content y of paragraph `i`; `tops[n]` is the height of all paragraphs.
    tops: Vec<f32>,
    tops_stale: bool,
    paragraph_gap_rows: f32,
    layouts: HashMap<usize, CachedLayout>,
    /// The font atlas as of the last frame: galleys point into it, so they go when it is rebuilt.
    atlas: Option<(egui::epaint::TextOptions, f32, usize)>,
    frame: u64,
    selection: TextSelection,
    placed: Vec<PlacedParagraph>,
    column_left: f32,
    scroll_offset: f32,
    viewport_height: f32,
    /// The largest scroll offset the scroll area allowed in the last frame.
    max_offset: f32,
    request: Option<ScrollRequest>,
    /// Horizontal position kept while moving the caret up and down.
    sticky_x: Option<f32>,
    /// The annotation the last click selected: a click on it again cycles outward.
    clicked_annotation: Option<AnnotationId>,
    /// The overview ruler's marks, for (annotations revision, content height, ruler height).
    ruler: Option<((u64, u32, u32), overview_ruler::Marks)>,
    /// Caret motions the key table asked for, done in the next frame's layout.
    motions: Vec<(Motion, bool)>,
}

impl ArticleView {
    /// A view of `document`, scrolled to the top with a caret at its start.
    pub fn new(document: &Document) -> Self {
        let paragraphs = document.paragraphs();
        let blank_lines = paragraphs[..paragraphs.len().saturating_sub(1)]
            .iter()
            .any(|p| p.span.is_empty());
        Self {
            id: Id::unique("article_view"),
            key: None,
            heights: Vec::new(),
            tops: Vec::new(),
            tops_stale: true,
            paragraph_gap_rows: if blank_lines { 0.0 } else { PARAGRAPH_GAP_ROWS },
            layouts: HashMap::new(),
            atlas: None,
            frame: 0,
            selection: TextSelection::default(),
            placed: Vec::new(),
            column_left: 0.0,
            scroll_offset: 0.0,
            viewport_height: 0.0,
            max_offset: 0.0,
            request: None,
            sticky_x: None,
            clicked_annotation: None,
            ruler: None,
            motions: Vec::new(),
        }
    }

    /// The widget id, for focus.
    pub fn id(&self) -> Id {
        self.id
    }

    /// The text selection.
    pub fn selection(&self) -> TextSelection {
        self.selection
    }

    /// Replaces the text selection and scrolls to show its head.
    pub fn set_selection(&mut self, selection: TextSelection) {
        self.selection = selection;
        self.request = Some(ScrollRequest::Reveal(selection.head));
    }

    /// Selects the whole article without scrolling.
    pub fn select_all(&mut self, document: &Document) {
        self.selection = TextSelection {
            anchor: CharOffset(0),
            head: document.text().end(),
        };
    }

    /// Collapses the selection to a caret at its head.
    pub fn clear_selection(&mut self) {
        self.selection = TextSelection::caret(self.selection.head);
    }

    /// Scrolls so that `offset` sits near the top third of the view.
    pub fn scroll_to(&mut self, offset: CharOffset) {
        self.request = Some(ScrollRequest::Center(offset));
    }

    /// Paragraphs laid out in the last frame (the visible ones).
    pub fn visible_paragraphs(&self) -> Vec<usize> {
        self.placed.iter().map(|p| p.index).collect()
    }

    /// Screen rectangle of the char at `offset` in the last frame, if it was visible.
    pub fn char_rect(&self, document: &Document, offset: CharOffset) -> Option<Rect> {
        let paragraph = document.paragraph_at(offset);
        let placed = self.placed.iter().find(|p| p.index == paragraph)?;
        let local = offset.0 - document.paragraphs()[paragraph].span.start.0;
        Some(
            placed
                .layout
                .char_rect(local)
                .translate(placed.origin.to_vec2()),
        )
    }

    /// Shows the view and its overview ruler, handles the mouse and the keyboard, and emits
    /// commands.
    pub fn show(&mut self, ui: &mut Ui, input: &ViewInput<'_>, commands: &mut Vec<Command>) {
        let full = ui.available_rect_before_wrap();
        let ruler = Rect::from_min_max(
            pos2(full.max.x - overview_ruler::WIDTH, full.min.y),
            full.max,
        );
        let text = Rect::from_min_max(full.min, pos2(ruler.min.x, full.max.y));
        ui.scope_builder(egui::UiBuilder::new().max_rect(text), |ui| {
            self.show_text(ui, input, commands);
        });
        self.show_ruler(ui, ruler, input);
    }

    /// The overview ruler: annotations by kind along the article's height, the visible part
    /// shaded; a click or drag scrolls there.
    fn show_ruler(&mut self, ui: &Ui, rect: Rect, input: &ViewInput<'_>) {
        if self.tops_stale {
            self.recompute_tops();
        }
        let total = self.total_height().max(1.0);
        let key = (
            input.annotations.revision(),
            total.to_bits(),
            rect.height().to_bits(),
        );
        if self.ruler.as_ref().map(|(k, _)| *k) != Some(key) {
            let document = input.document;
            // Annotations come in text order: a cursor over the paragraphs finds each one's
            // paragraph in a step or two, where a search would take sixteen on a book.
            let mut cursor = 0;
            let positions = input.annotations.anchored().iter().map(|a| {
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
        let seen = Rect::from_x_y_ranges(
            rect.x_range(),
            rect.min.y + rect.height() * self.scroll_offset / total
                ..=rect.min.y + rect.height() * (self.scroll_offset + self.viewport_height) / total,
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
        let response = ui.interact(rect, self.id.with("ruler"), Sense::click_and_drag());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, "Overview of the annotations")
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
    fn paragraph_from(&self, document: &Document, from: usize, offset: CharOffset) -> usize {
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
    fn y_in(&self, document: &Document, index: usize, offset: CharOffset) -> f32 {
        let span = document.paragraphs()[index].span;
        let fraction = if span.is_empty() {
            0.0
        } else {
            offset.0.saturating_sub(span.start.0) as f32 / span.len() as f32
        };
        self.tops[index] + fraction.min(1.0) * self.heights[index]
    }

    fn show_text(&mut self, ui: &mut Ui, input: &ViewInput<'_>, commands: &mut Vec<Command>) {
        self.frame += 1;
        self.drop_layouts_if_atlas_rebuilt(ui);
        let document = input.document;
        let key = self.layout_key(ui, input.zoom);
        if self.key != Some(key) {
            self.relayout(key, document);
        }
        self.viewport_height = ui.available_height();
        let target = self.take_scroll_target(ui, document, key);

        let mut area = ScrollArea::vertical()
            .id_salt(self.id.with("scroll"))
            .auto_shrink([false, false])
            .animated(false);
        if let Some(y) = target {
            let max = (self.total_height() - self.viewport_height).max(0.0);
            let y = y.clamp(0.0, max);
            if y > self.max_offset + 0.5 {
                // The scroll area still has last frame's (shorter) content: go as far as it
                // allows now, and the rest of the way next frame.
                self.request = Some(ScrollRequest::ToY(y));
                ui.ctx().request_repaint();
            }
            area = area.vertical_scroll_offset(y.min(self.max_offset));
        }
        let palette = input.palette;
        ui.painter()
            .rect_filled(ui.available_rect_before_wrap(), 0.0, palette.page());
        // Our offsets are exact: no springing back past the edges.
        ui.spacing_mut().scroll.kinetic.rubber_band = false;
        let output = area.show_viewport(ui, |ui, viewport| {
            self.scroll_offset = viewport.min.y;
            let origin = ui.max_rect().min;
            let content =
                Rect::from_min_size(origin, vec2(ui.available_width(), self.total_height()));
            ui.set_min_size(content.size());
            self.place_visible(ui, document, key, origin, viewport);
            let response = ui
                .interact(content, self.id, Sense::click_and_drag())
                .on_hover_cursor(CursorIcon::Text);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Document, true, "Article text")
            });
            self.handle_pointer(ui, &response, input, commands);
            self.keep_keys(ui, &response);
            self.apply_motions(ui, document, key);
            self.paint(ui, input);
        });
        self.max_offset = (output.content_size.y - output.inner_rect.height()).max(0.0);
        self.evict_layouts();
    }

    /// egui rebuilds its font atlas when text options change (the theme, for one) or when it
    /// fills up; galleys laid out before then point at glyphs that are gone.
    fn drop_layouts_if_atlas_rebuilt(&mut self, ui: &Ui) {
        // New options, fewer glyphs (the atlas was emptied) or other fonts (a new atlas, when
        // fonts for the article's scripts were added): layouts point into an old atlas.
        let now = ui.ctx().fonts(|f| {
            (
                *f.options(),
                f.font_atlas_fill_ratio(),
                f.definitions().font_data.len(),
            )
        });
        if let Some((options, fill, fonts)) = self.atlas
            && (options != now.0 || now.1 < fill || fonts != now.2)
        {
            self.layouts.clear();
        }
        self.atlas = Some(now);
    }

    fn layout_key(&self, ui: &Ui, zoom: f32) -> LayoutKey {
        let font_size = (BASE_FONT_SIZE * zoom).round();
        let available = ui.available_width();
        let wrap_width = (available - 2.0 * SIDE_MARGIN)
            .min(MEASURE_EMS * font_size)
            .max(80.0)
            .round();
        LayoutKey {
            wrap_width,
            font_size,
            pixels_per_point: ui.ctx().pixels_per_point(),
        }
    }

    /// Height of the whole article as laid out (estimated where not yet laid out), in points.
    pub fn content_height(&self) -> f32 {
        self.total_height()
    }

    fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0) + 2.0 * END_MARGIN
    }

    /// Re-estimates every paragraph's height for a new layout key, keeping the paragraph at the
    /// top of the view where it is.
    fn relayout(&mut self, key: LayoutKey, document: &Document) {
        let anchor = (self.key.is_some() && !self.heights.is_empty()).then(|| {
            let index = self.paragraph_at_y(self.scroll_offset);
            let fraction = (self.scroll_offset - self.tops[index]) / self.heights[index].max(1.0);
            (index, fraction)
        });
        self.key = Some(key);
        self.layouts.clear();
        let line_height = key.line_height();
        let chars_per_row = (key.wrap_width / (AVERAGE_CHAR_EMS * key.font_size)).max(1.0);
        let gap = self.paragraph_gap_rows * line_height;
        self.heights = document
            .paragraphs()
            .iter()
            .map(|p| {
                let chars = p.span.len() as f32;
                if chars == 0.0 {
                    line_height
                } else if p.continued {
                    (chars / chars_per_row).ceil() * line_height
                } else {
                    (chars / chars_per_row).ceil() * line_height + gap
                }
            })
            .collect();
        self.recompute_tops();
        if let Some((index, fraction)) = anchor {
            self.request = Some(ScrollRequest::ToY(
                self.tops[index] + fraction * self.heights[index],
            ));
        }
    }

    fn recompute_tops(&mut self) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = END_MARGIN;
        for height in &self.heights {
            self.tops.push(y);
            y += height;
        }
        self.tops.push(y);
        self.tops_stale = false;
    }

    /// The paragraph at content height `y` (clamped to the first and last).
    fn paragraph_at_y(&self, y: f32) -> usize {
        self.tops[..self.heights.len()]
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
    }

    /// The layout of paragraph `index`, laid out if needed; corrects its height.
    fn layout(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        index: usize,
    ) -> Arc<ParagraphLayout> {
        if let Some(cached) = self.layouts.get_mut(&index) {
            cached.last_used = self.frame;
            return cached.layout.clone();
        }
        let format = TextFormat {
            font_id: FontId::proportional(key.font_size),
            color: Color32::PLACEHOLDER,
            line_height: Some(key.line_height()),
            ..Default::default()
        };
        let text = document.paragraph_text(index);
        let layout = Arc::new(
            ui.fonts_mut(|fonts| ParagraphLayout::new(fonts, text, &format, key.wrap_width)),
        );
        let paragraph = document.paragraphs()[index];
        let gap = if paragraph.span.is_empty() || paragraph.continued {
            0.0
        } else {
            self.paragraph_gap_rows * key.line_height()
        };
        let height = layout.size().y.max(key.line_height()) + gap;
        if (height - self.heights[index]).abs() > 0.5 {
            self.heights[index] = height;
            self.tops_stale = true;
        }
        self.layouts.insert(
            index,
            CachedLayout {
                layout: layout.clone(),
                last_used: self.frame,
                chars: paragraph.span.len(),
            },
        );
        layout
    }

    fn evict_layouts(&mut self) {
        let chars: usize = self.layouts.values().map(|g| g.chars).sum();
        if self.layouts.len() > LAYOUT_CACHE_SIZE || chars > LAYOUT_CACHE_CHARS {
            let frame = self.frame;
            self.layouts.retain(|_, g| frame - g.last_used < 2);
        }
    }

    /// Content y range of the char at `offset`, laying out its paragraph if needed.
    fn offset_y_range(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        offset: CharOffset,
    ) -> Range<f32> {
        let index = document.paragraph_at(offset);
        let layout = self.layout(ui, document, key, index);
        if self.tops_stale {
            self.recompute_tops();
        }
        let local = offset
            .0
            .saturating_sub(document.paragraphs()[index].span.start.0);
        let rect = layout.caret_rect(local);
        let top = self.tops[index];
        top + rect.min.y..top + rect.max.y
    }

    fn take_scroll_target(&mut self, ui: &Ui, document: &Document, key: LayoutKey) -> Option<f32> {
        let request = self.request.take()?;
        match request {
            ScrollRequest::ToY(y) => Some(y),
            ScrollRequest::By(dy) => Some(self.scroll_offset + dy),
            ScrollRequest::Center(offset) => {
                let range = self.offset_y_range(ui, document, key, offset);
                Some(range.start - self.viewport_height * 0.3)
            }
            ScrollRequest::Reveal(offset) => {
                let range = self.offset_y_range(ui, document, key, offset);
                let line = key.line_height();
                if range.start < self.scroll_offset {
                    Some(range.start - line)
                } else if range.end > self.scroll_offset + self.viewport_height {
                    Some(range.end - self.viewport_height + line)
                } else {
                    None
                }
            }
        }
    }

    /// Lays out the paragraphs that intersect the viewport and records where they are.
    fn place_visible(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        origin: Pos2,
        viewport: Rect,
    ) {
        if self.tops_stale {
            self.recompute_tops();
        }
        self.column_left = ((ui.available_width() - key.wrap_width) / 2.0)
            .max(SIDE_MARGIN)
            .round();
        self.placed.clear();
        let count = self.heights.len();
        let first = self.paragraph_at_y(viewport.min.y);
        let mut y = self.tops[first];
        let mut index = first;
        while index < count && y < viewport.max.y {
            let before = self.heights[index];
            let layout = self.layout(ui, document, key, index);
            let after = self.heights[index];
            if index == first && y < viewport.min.y && before != after {
                // The paragraph cut by the top edge changed height: keep what is below it still.
                self.request = Some(ScrollRequest::ToY(self.scroll_offset + after - before));
                ui.ctx().request_repaint();
            }
            self.placed.push(PlacedParagraph {
                index,
                origin: origin + vec2(self.column_left, y),
                layout,
            });
            y += after;
            index += 1;
        }
    }

    /// The document offset under a screen position, from the paragraphs placed this frame.
    fn offset_at(&self, document: &Document, pos: Pos2) -> Option<CharOffset> {
        let placed = self
            .placed
            .iter()
            .find(|p| pos.y < p.origin.y + p.layout.size().y.max(1.0))
            .or(self.placed.last())?;
        let local = placed.layout.hit((pos - placed.origin).to_pos2());
        let start = document.paragraphs()[placed.index].span.start.0;
        Some(CharOffset(start + local))
    }

    fn handle_pointer(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        input: &ViewInput<'_>,
        commands: &mut Vec<Command>,
    ) {
        let document = input.document;
        let shift = ui.input(|i| i.modifiers.shift);
        if response.drag_started() {
            response.request_focus();
            let origin = ui.input(|i| i.pointer.press_origin());
            if let Some(offset) = origin.and_then(|p| self.offset_at(document, p)) {
                if !shift {
                    self.selection.anchor = offset;
                }
                self.selection.head = offset;
            }
        }
        if response.dragged() {
            if let Some(pointer) = response.interact_pointer_pos() {
                if let Some(offset) = self.offset_at(document, pointer) {
                    self.selection.head = offset;
                }
                let visible = ui.clip_rect();
                if !visible.y_range().contains(pointer.y) {
                    let step = if pointer.y < visible.min.y { -1.0 } else { 1.0 };
                    self.request = Some(ScrollRequest::By(
                        step * (pointer.y - visible.center().y).abs().min(400.0) * 0.15,
                    ));
                    ui.ctx().request_repaint();
                }
            }
            return;
        }
        if !response.clicked() {
            return;
        }
        response.request_focus();
        self.sticky_x = None;
        let Some(offset) = response
            .interact_pointer_pos()
            .and_then(|p| self.offset_at(document, p))
        else {
            return;
        };
        if response.triple_clicked() {
            let paragraph = document.paragraphs()[document.paragraph_at(offset)].span;
            self.selection = TextSelection {
                anchor: paragraph.start,
                head: paragraph.end,
            };
        } else if response.double_clicked() {
            if let Some(word) = document.word_at(offset) {
                self.selection = TextSelection {
                    anchor: word.start,
                    head: word.end,
                };
            }
        } else if shift {
            self.selection.head = offset;
        } else {
            self.selection = TextSelection::caret(offset);
            let here = input.annotations.at(offset);
            let repeated = input
                .selected
                .filter(|s| self.clicked_annotation.as_ref() == Some(*s));
            let next = match repeated.and_then(|s| here.iter().position(|a| &a.id == s)) {
                Some(i) => here.get((i + 1) % here.len()),
                None => here.first(),
            };
            self.clicked_annotation = next.map(|a| a.id.clone());
            commands.push(Command::SelectAnnotation(self.clicked_annotation.clone()));
        }
    }

    /// While the view has the focus, arrows and Tab stay with it (egui would move the focus).
    fn keep_keys(&self, ui: &Ui, response: &egui::Response) {
        if !response.has_focus() {
            return;
        }
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                self.id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: true,
                    escape: false,
                },
            );
        });
    }

    /// Moves the caret (or, with `extend`, the selection's head) as the key table asked,
    /// this frame, once the visible paragraphs are laid out.
    pub fn queue_motion(&mut self, motion: Motion, extend: bool) {
        self.motions.push((motion, extend));
    }

    fn apply_motions(&mut self, ui: &Ui, document: &Document, layout: LayoutKey) {
        for (motion, extend) in std::mem::take(&mut self.motions) {
            self.apply_motion(ui, document, layout, motion, extend);
        }
    }

    fn apply_motion(
        &mut self,
        ui: &Ui,
        document: &Document,
        layout: LayoutKey,
        motion: Motion,
        extend: bool,
    ) {
        let head = self.selection.head;
        let span = self.selection.span();
        let backward = matches!(
            motion,
            Motion::CharBack | Motion::WordBack | Motion::SentenceBack
        );
        let forward = matches!(
            motion,
            Motion::CharForward | Motion::WordForward | Motion::SentenceForward
        );
        let target = match motion {
            // Moving left or right from a selection goes to its edge.
            _ if backward && !extend && !span.is_empty() => span.start,
            _ if forward && !extend && !span.is_empty() => span.end,
            Motion::CharBack => document.previous_grapheme(head),
            Motion::CharForward => document.next_grapheme(head),
            Motion::WordBack => document.previous_word_start(head),
            Motion::WordForward => document.next_word_end(head),
            Motion::SentenceBack => document.previous_sentence_start(head),
            Motion::SentenceForward => document.next_sentence_end(head),
            Motion::ParagraphBack => document.previous_paragraph_start(head),
            Motion::ParagraphForward => document.next_paragraph_end(head),
            Motion::RowUp | Motion::RowDown => {
                self.vertical_move(ui, document, layout, head, motion == Motion::RowDown)
            }
            Motion::RowStart | Motion::RowEnd => {
                self.row_edge(ui, document, layout, head, motion == Motion::RowEnd)
            }
            Motion::ArticleStart => CharOffset(0),
            Motion::ArticleEnd => document.text().end(),
            Motion::PageUp | Motion::PageDown => {
                let sign = if motion == Motion::PageUp { -1.0 } else { 1.0 };
                self.page_move(
                    ui,
                    document,
                    layout,
                    head,
                    sign * self.viewport_height * 0.9,
                )
            }
        };
        let vertical = matches!(
            motion,
            Motion::RowUp | Motion::RowDown | Motion::PageUp | Motion::PageDown
        );
        if !vertical {
            self.sticky_x = None;
        }
        if extend {
            self.selection.head = target;
        } else {
            self.selection = TextSelection::caret(target);
        }
        if !matches!(motion, Motion::PageUp | Motion::PageDown) {
            self.request = Some(ScrollRequest::Reveal(target));
        }
    }

    /// The selected text, if any.
    pub fn selected_text(&self, document: &Document) -> Option<String> {
        let span = self.selection.span();
        (!span.is_empty()).then(|| document.text().slice(span).to_owned())
    }

    /// Scrolls by `dy` and returns the offset that many points above or below `head`, so the
    /// caret keeps its place on screen.
    fn page_move(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        head: CharOffset,
        dy: f32,
    ) -> CharOffset {
        let (index, _, layout, local) = self.locate(ui, document, key, head);
        let caret = layout.caret_rect(local);
        let x = *self.sticky_x.get_or_insert(caret.center().x);
        if self.tops_stale {
            self.recompute_tops();
        }
        let y = (self.tops[index] + caret.center().y + dy).clamp(0.0, self.total_height());
        let target_index = self.paragraph_at_y(y);
        let target = self.layout(ui, document, key, target_index);
        let local = target.hit(pos2(x, y - self.tops[target_index]));
        self.request = Some(ScrollRequest::By(dy));
        CharOffset(document.paragraphs()[target_index].span.start.0 + local)
    }

    /// The paragraph holding `offset`, its start, its layout and the offset within it.
    fn locate(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        offset: CharOffset,
    ) -> (usize, usize, Arc<ParagraphLayout>, usize) {
        let index = document.paragraph_at(offset);
        let start = document.paragraphs()[index].span.start.0;
        let layout = self.layout(ui, document, key, index);
        (index, start, layout, offset.0 - start)
    }

    /// The offset one row up or down from `head`, crossing paragraphs.
    fn vertical_move(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        head: CharOffset,
        down: bool,
    ) -> CharOffset {
        let (index, _, layout, local) = self.locate(ui, document, key, head);
        let x = *self
            .sticky_x
            .get_or_insert_with(|| layout.caret_rect(local).center().x);
        let rows = layout.row_count();
        let row = layout.row_of(local);
        let (target_index, y) = match (down, row) {
            (true, r) if r + 1 < rows => (index, layout.row_center_y(r + 1)),
            (false, r) if r > 0 => (index, layout.row_center_y(r - 1)),
            (true, _) if index + 1 < document.paragraphs().len() => (index + 1, 0.0),
            (false, _) if index > 0 => {
                let above = self.layout(ui, document, key, index - 1);
                (index - 1, above.size().y - 1.0)
            }
            (true, _) => return document.text().end(),
            (false, _) => return CharOffset(0),
        };
        let target = self.layout(ui, document, key, target_index);
        let local = target.hit(pos2(x, y.max(0.0)));
        CharOffset(document.paragraphs()[target_index].span.start.0 + local)
    }

    /// The start or end of the visual row that holds `head`.
    fn row_edge(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        head: CharOffset,
        end: bool,
    ) -> CharOffset {
        let (index, start, layout, local) = self.locate(ui, document, key, head);
        let row = layout.row_of(local);
        let chars = layout.row_chars(row);
        if !end {
            return CharOffset(start + chars.start);
        }
        // On a wrapped row, the end is before the spaces the row breaks at.
        let mut edge = chars.end;
        if row + 1 < layout.row_count() {
            let text = document.paragraph_text(index);
            let row_text: Vec<char> = text.chars().skip(chars.start).take(chars.len()).collect();
            let spaces = row_text
                .iter()
                .rev()
                .take_while(|c| c.is_whitespace())
                .count();
            edge -= spaces.min(chars.len());
        }
        CharOffset(start + edge)
    }

    fn paint(&self, ui: &Ui, input: &ViewInput<'_>) {
        let painter = ui.painter();
        let palette = input.palette;
        let selection = self.selection.span();
        for placed in &self.placed {
            let paragraph = input.document.paragraphs()[placed.index].span;
            let marks = Marks::collect(input.annotations, paragraph);
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
                    painter.rect_stroke(
                        piece.row.expand2(vec2(2.0, 0.0)),
                        CornerRadius::same(3),
                        Stroke::new(1.5, palette.related_outline()),
                        StrokeKind::Outside,
                    );
                }
            }
            placed
                .layout
                .paint(painter, placed.origin, palette.article_text());
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
        }
    }

    /// The blinking-free caret, shown when the selection is empty and the view has focus.
    fn caret_rect(
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

/// An annotation's part inside one paragraph, with its stacking depth there.
struct Mark<'a> {
    annotation: &'a Annotation,
    /// The annotation's piece (its span, or one fragment of a quote).
    piece: CharSpan,
    local: Range<usize>,
    /// For claims: the underline lane; for entities: how many entities enclose it.
    depth: usize,
}

/// The annotations that touch one paragraph.
struct Marks<'a> {
    all: Vec<Mark<'a>>,
}

impl<'a> Marks<'a> {
    fn collect(annotations: &'a AnnotationSet, paragraph: CharSpan) -> Self {
        let mut all: Vec<Mark<'a>> = annotations
            .overlapping(paragraph)
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

    fn of(&self, kind: Kind) -> impl Iterator<Item = &Mark<'a>> {
        self.all.iter().filter(move |m| m.annotation.kind() == kind)
    }
}

/// The part of `span` inside `paragraph`, as chars counted from the paragraph's start.
fn local_range(span: CharSpan, paragraph: CharSpan) -> Option<Range<usize>> {
    let inside = span.intersection(paragraph)?;
    Some(inside.start.0 - paragraph.start.0..inside.end.0 - paragraph.start.0)
}

/// Vertical distance between stacked claim underlines.
const UNDERLINE_LANE: f32 = 3.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_ranges_clip_spans_to_paragraphs() {
        let paragraph = CharSpan::new(10, 20).unwrap();
        assert_eq!(
            local_range(CharSpan::new(5, 12).unwrap(), paragraph),
            Some(0..2)
        );
        assert_eq!(
            local_range(CharSpan::new(15, 30).unwrap(), paragraph),
            Some(5..10)
        );
        assert_eq!(local_range(CharSpan::new(20, 30).unwrap(), paragraph), None);
    }

    /// Runs one frame of `view` over `document`, as the app does.
    fn frame(ctx: &egui::Context, view: &mut ArticleView, document: &Document) {
        let annotations = AnnotationSet::new();
        let schema = Schema::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let input = ViewInput {
                document,
                annotations: &annotations,
                selected: None,
                related: &[],
                find_matches: &[],
                schema: &schema,
                zoom: 1.0,
                palette: Palette { dark: false },
                overlay: None,
            };
            view.show(ui, &input, &mut Vec::new());
        });
        output.textures_delta.clear();
    }

    #[test]
    fn layouts_are_made_again_when_fonts_are_added() {
        // Added fonts make a new font atlas: layouts made before point into the old one, and
        // showed as blank text (an article opened on a worker thread, then given CJK fonts).
        let ctx = egui::Context::default();
        let document = Document::from_text("a.txt".into(), "Le port de 港口市.".into());
        let mut view = ArticleView::new(&document);
        frame(&ctx, &mut view, &document);
        frame(&ctx, &mut view, &document);
        let before = view.layouts.get(&0).expect("laid out").layout.clone();
        let data = egui::FontDefinitions::default()
            .font_data
            .values()
            .next()
            .expect("a bundled font")
            .clone();
        ctx.add_font(egui::epaint::text::FontInsert::new(
            "another",
            (*data).clone(),
            Vec::new(),
        ));
        frame(&ctx, &mut view, &document);
        frame(&ctx, &mut view, &document);
        let after = view.layouts.get(&0).expect("laid out again").layout.clone();
        assert!(!Arc::ptr_eq(&before, &after));
    }

    #[test]
    fn the_ruler_cursor_finds_what_a_search_finds() {
        let text: String = (0..400)
            .map(|i| {
                format!(
                    "Paragraphe {i} : le port de 港口市.\n{}",
                    "\n".repeat(i % 3)
                )
            })
            .collect();
        let document = Document::from_text("a.txt".into(), text);
        let ctx = egui::Context::default();
        let mut view = ArticleView::new(&document);
        frame(&ctx, &mut view, &document);
        let mut cursor = 0;
        // Offsets in text order, with jumps far ahead (past the cursor's reach).
        let offsets = (0..document.char_count())
            .step_by(7)
            .chain([document.char_count()]);
        for offset in offsets.map(CharOffset) {
            cursor = view.paragraph_from(&document, cursor, offset);
            assert_eq!(cursor, document.paragraph_at(offset), "{offset:?}");
        }
        let far = document.char_count() - 3;
        assert_eq!(
            view.paragraph_from(&document, 0, CharOffset(far)),
            document.paragraph_at(CharOffset(far))
        );
        // A cursor past the offset falls back to a search.
        assert_eq!(view.paragraph_from(&document, 300, CharOffset(5)), 0);
    }
}
