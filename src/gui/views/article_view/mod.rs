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

use crate::gui::app::suggesting::Suggestions;
use crate::gui::command::{Command, Motion};
use crate::gui::keys::KeyTable;
use crate::gui::theme::Palette;
use crate::gui::views::layers::Layers;
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
    /// The keys, for the context menu's shortcut texts.
    pub keys: &'a KeyTable,
    /// Which annotations are shown.
    pub layers: &'a Layers,
    /// The suggestions, drawn as ghosts (`None`: hidden).
    pub suggestions: Option<&'a Suggestions>,
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
    /// Put this offset at the top of the viewport.
    Top(CharOffset),
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
    /// The overview ruler's marks, for (annotations revision, layers, content height, ruler height).
    ruler: Option<((u64, u64, u32, u32), overview_ruler::Marks)>,
    /// Caret motions the key table asked for, done in the next frame's layout.
    motions: Vec<(Motion, bool)>,
    /// The selected annotation's handle being dragged, if one is.
    handle_drag: Option<handles::HandleDrag>,
    /// The annotation the context menu was opened on.
    menu_target: Option<AnnotationId>,
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
            handle_drag: None,
            menu_target: None,
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

    /// Scrolls so that `offset` is at the top (restoring where the user was).
    pub fn scroll_to_top(&mut self, offset: CharOffset) {
        self.request = Some(ScrollRequest::Top(offset));
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
            self.context_menu(&response, input, commands);
            self.keep_keys(ui, &response);
            self.apply_motions(ui, document, key);
            self.paint(ui, input);
        });
        self.max_offset = (output.content_size.y - output.inner_rect.height()).max(0.0);
        self.evict_layouts();
    }

    /// Height of the whole article as laid out (estimated where not yet laid out), in points.
    pub fn content_height(&self) -> f32 {
        self.total_height()
    }
}

mod handles;
mod input;
mod layout;
mod menu;
mod paint;
mod ruler;
#[cfg(test)]
mod tests;
