//! Laying out the paragraphs: one layout per visible paragraph, cached per (wrap width, font
//! size, pixel density); estimated heights corrected as paragraphs are laid out; scroll
//! requests turned into offsets.

use super::*;

impl ArticleView {
    /// egui rebuilds its font atlas when text options change (the theme, for one) or when it
    /// fills up; galleys laid out before then point at glyphs that are gone.
    pub(super) fn drop_layouts_if_atlas_rebuilt(&mut self, ui: &Ui) {
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

    pub(super) fn layout_key(&self, ui: &Ui, zoom: f32) -> LayoutKey {
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

    pub(super) fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0) + 2.0 * END_MARGIN
    }

    /// Re-estimates every paragraph's height for a new layout key, keeping the paragraph at the
    /// top of the view where it is.
    pub(super) fn relayout(&mut self, key: LayoutKey, document: &Document) {
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

    pub(super) fn recompute_tops(&mut self) {
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
    pub(super) fn paragraph_at_y(&self, y: f32) -> usize {
        self.tops[..self.heights.len()]
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
    }

    /// The layout of paragraph `index`, laid out if needed; corrects its height.
    pub(super) fn layout(
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

    pub(super) fn evict_layouts(&mut self) {
        let chars: usize = self.layouts.values().map(|g| g.chars).sum();
        if self.layouts.len() > LAYOUT_CACHE_SIZE || chars > LAYOUT_CACHE_CHARS {
            let frame = self.frame;
            self.layouts.retain(|_, g| frame - g.last_used < 2);
        }
    }

    /// Content y range of the char at `offset`, laying out its paragraph if needed.
    pub(super) fn offset_y_range(
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

    pub(super) fn take_scroll_target(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
    ) -> Option<f32> {
        let request = self.request.take()?;
        match request {
            ScrollRequest::ToY(y) => Some(y),
            ScrollRequest::By(dy) => Some(self.scroll_offset + dy),
            ScrollRequest::Center(offset) => {
                let range = self.offset_y_range(ui, document, key, offset);
                Some(range.start - self.viewport_height * 0.3)
            }
            ScrollRequest::Top(offset) => {
                Some(self.offset_y_range(ui, document, key, offset).start)
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
    pub(super) fn place_visible(
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
}
