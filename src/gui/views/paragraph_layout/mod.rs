//! One paragraph laid out for the article view, and where each of its chars is.
//!
//! egui lays out left-to-right text well, but (as of 0.37) a right-to-left run comes back with
//! more glyphs than chars and its words in left-to-right order (emilk/egui#8576), and some fonts
//! give a char two glyphs. Cursor and selection code that counts glyphs then points at the wrong
//! chars. So a paragraph is laid out by egui in one galley only when it has no right-to-left text
//! and its galley holds exactly one glyph per char. Any other paragraph is laid out here:
//! - the Unicode Bidirectional Algorithm (`unicode-bidi`) gives each char its embedding level;
//! - the paragraph is cut into atoms (a right-to-left word, a run of left-to-right text without
//!   spaces, a space, one neutral or Arabic-digit char, one CJK char), each shaped by egui alone,
//!   where egui gets it right;
//! - atoms are broken into rows where a line may break, and each row is reordered for display
//!   (rules L1 and L2); right-to-left paragraphs align right.
//!
//! Either way every char gets a box, so hit-testing, highlights and the caret work in logical
//! char indexes, whatever the visual order.

use egui::epaint::text::FontsView;
use egui::text::{CharIndex, Galley, LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, Painter, Pos2, Rangef, Rect, Vec2, vec2};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;
use unicode_bidi::{BidiClass, ParagraphBidiInfo, bidi_class};

/// A paragraph's layout: what to paint and where each char is.
pub struct ParagraphLayout {
    size: Vec2,
    rows: Vec<RowGeometry>,
    boxes: Vec<CharBox>,
    shapes: Vec<(Vec2, Arc<Galley>)>,
    /// Whether the paragraph's base direction is right to left.
    right_to_left: bool,
}

/// One visual row.
struct RowGeometry {
    /// The row's full height.
    y: Rangef,
    /// The glyphs' vertical extent (ascent to descent).
    text: Rangef,
    /// The chars on the row (rows break in logical order, so they are contiguous).
    chars: Range<usize>,
    /// Whether the chars' boxes go left to right in logical order.
    in_order: bool,
}

/// Where one char is drawn.
#[derive(Clone, Copy, Debug)]
struct CharBox {
    x: Rangef,
    row: u32,
    /// Right to left: the caret before this char is at its right edge.
    right_to_left: bool,
}

/// The part of a span on one visual row.
#[derive(Clone, Copy, Debug)]
pub struct RowPiece {
    /// The full row height, across the span's chars on the row.
    pub row: Rect,
    /// The glyphs' vertical extent (ascent to descent) on the row.
    pub text: Rangef,
}

impl RowPiece {
    /// The piece moved by `by`.
    pub fn translate(self, by: Vec2) -> Self {
        Self {
            row: self.row.translate(by),
            text: Rangef::new(self.text.min + by.y, self.text.max + by.y),
        }
    }

    /// The box drawn around an entity, inset by its nesting depth.
    pub fn entity_box(&self, depth: usize) -> Rect {
        let inset = depth as f32 * 2.0;
        Rect::from_x_y_ranges(
            self.row.min.x - 1.0 + inset..=self.row.max.x + 1.0 - inset,
            self.text.min - 1.0 + inset..=self.text.max + 1.0 - inset,
        )
    }
}

impl ParagraphLayout {
    /// Lays out `text` (one paragraph, no line breaks) in `format`, wrapped at `wrap_width`.
    pub fn new(
        fonts: &mut FontsView<'_>,
        text: &str,
        format: &TextFormat,
        wrap_width: f32,
    ) -> Self {
        if !needs_bidi(text) {
            let mut job = LayoutJob::single_section(text.to_owned(), format.clone());
            job.wrap = TextWrapping::wrap_at_width(wrap_width);
            let galley = fonts.layout_job(job);
            if let Some(layout) = Self::from_galley(galley, text.chars().count()) {
                return layout;
            }
        }
        Self::from_atoms(fonts, text, format, wrap_width)
    }

    /// Width and height.
    pub fn size(&self) -> Vec2 {
        self.size
    }

    /// Paints the text with its top-left corner at `origin`.
    pub fn paint(&self, painter: &Painter, origin: Pos2, colour: Color32) {
        for (offset, galley) in &self.shapes {
            painter.galley(origin + *offset, galley.clone(), colour);
        }
    }

    /// The row holding the caret at char boundary `index` (0 = before the first char).
    pub fn row_of(&self, index: usize) -> usize {
        self.caret(index).0
    }

    /// How many rows.
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The vertical middle of row `row`.
    pub fn row_center_y(&self, row: usize) -> f32 {
        self.rows.get(row).map_or(0.0, |r| r.y.center())
    }

    /// The first and one-past-the-last char boundaries of `row`, in logical order.
    pub fn row_chars(&self, row: usize) -> Range<usize> {
        self.rows.get(row).map_or(0..0, |r| r.chars.clone())
    }

    /// The caret before char `index` (at the end when `index` is the char count).
    pub fn caret_rect(&self, index: usize) -> Rect {
        let (row, x) = self.caret(index);
        Rect::from_x_y_ranges(x..=x + 1.5, self.row_y(row))
    }

    /// The caret just after char `index - 1`, on that char's row (where a span ending at
    /// `index` ends, even when the row wraps there); at 0, the caret before the first char.
    pub fn caret_after(&self, index: usize) -> Rect {
        let Some(b) = index.checked_sub(1).and_then(|i| self.boxes.get(i)) else {
            return self.caret_rect(index);
        };
        let x = if b.right_to_left { b.x.min } else { b.x.max };
        Rect::from_x_y_ranges(x..=x + 1.5, self.row_y(b.row as usize))
    }

    /// The box of char `index`; at the end of the paragraph, a thin box at the caret.
    pub fn char_rect(&self, index: usize) -> Rect {
        match self.boxes.get(index) {
            Some(b) => Rect::from_x_y_ranges(b.x, self.row_y(b.row as usize)),
            None => {
                let (row, x) = self.caret(index);
                Rect::from_x_y_ranges(x..=x + 4.0, self.row_y(row))
            }
        }
    }

    /// The char boundary nearest to `pos` (relative to the layout's top-left corner).
    pub fn hit(&self, pos: Pos2) -> usize {
        let row_index = self
            .rows
            .iter()
            .position(|r| pos.y < r.y.max)
            .unwrap_or(self.rows.len().saturating_sub(1));
        let Some(row) = self.rows.get(row_index) else {
            return 0;
        };
        let boxes = &self.boxes[row.chars.clone()];
        let inside = boxes
            .iter()
            .position(|b| b.x.min <= pos.x && pos.x < b.x.max);
        let (offset, left_half) = match inside {
            Some(i) => (i, pos.x < boxes[i].x.center()),
            None => {
                // Beyond the row's ends: the char drawn nearest to the pointer.
                let nearest = boxes
                    .iter()
                    .enumerate()
                    .min_by(|(_, a), (_, b)| distance(a.x, pos.x).total_cmp(&distance(b.x, pos.x)));
                match nearest {
                    Some((i, b)) => (i, pos.x < b.x.center()),
                    None => return row.chars.start,
                }
            }
        };
        let index = row.chars.start + offset;
        // The caret before a left-to-right char is at its left edge, and after it at its right.
        if left_half != boxes[offset].right_to_left {
            index
        } else {
            index + 1
        }
    }

    /// Pieces (one per row, or more where a row's visual order splits the range) covering the
    /// chars `chars`.
    pub fn pieces(&self, chars: Range<usize>) -> Vec<RowPiece> {
        let mut pieces = Vec::new();
        if chars.is_empty() {
            return pieces;
        }
        let first_row = self
            .boxes
            .get(chars.start)
            .map_or(self.rows.len(), |b| b.row as usize);
        for row in self.rows.iter().skip(first_row) {
            let a = chars.start.max(row.chars.start);
            let b = chars.end.min(row.chars.end);
            if row.chars.start >= chars.end {
                break;
            }
            if a >= b {
                continue;
            }
            let piece = |x: Rangef| RowPiece {
                row: Rect::from_x_y_ranges(x, row.y),
                text: row.text,
            };
            if row.in_order {
                pieces.push(piece(Rangef::new(
                    self.boxes[a].x.min,
                    self.boxes[b - 1].x.max,
                )));
                continue;
            }
            let mut spans: Vec<Rangef> = self.boxes[a..b].iter().map(|b| b.x).collect();
            spans.sort_by(|p, q| p.min.total_cmp(&q.min));
            let mut current = spans[0];
            for span in &spans[1..] {
                if span.min <= current.max + 0.5 {
                    current.max = current.max.max(span.max);
                } else {
                    pieces.push(piece(current));
                    current = *span;
                }
            }
            pieces.push(piece(current));
        }
        pieces
    }

    fn row_y(&self, row: usize) -> Rangef {
        self.rows.get(row).map_or(Rangef::new(0.0, 0.0), |r| r.y)
    }

    /// The row and x of the caret before char `index`.
    fn caret(&self, index: usize) -> (usize, f32) {
        if let Some(b) = self.boxes.get(index) {
            let x = if b.right_to_left { b.x.max } else { b.x.min };
            (b.row as usize, x)
        } else if let Some(b) = self.boxes.last() {
            let x = if b.right_to_left { b.x.min } else { b.x.max };
            (b.row as usize, x)
        } else if self.right_to_left {
            (0, self.size.x)
        } else {
            (0, 0.0)
        }
    }

    /// The layout of an egui galley, when it holds exactly one glyph per char.
    fn from_galley(galley: Arc<Galley>, char_count: usize) -> Option<Self> {
        let glyphs: usize = galley.rows.iter().map(|r| r.glyphs.len()).sum();
        if glyphs != char_count {
            return None;
        }
        let mut boxes = Vec::with_capacity(char_count);
        let mut rows = Vec::with_capacity(galley.rows.len());
        for (index, row) in galley.rows.iter().enumerate() {
            let start = boxes.len();
            for k in 0..row.glyphs.len() {
                let x0 = row.pos.x + row.x_offset(CharIndex(k));
                let x1 = row.pos.x + row.x_offset(CharIndex(k + 1));
                boxes.push(CharBox {
                    x: Rangef::new(x0, x1.max(x0)),
                    row: index as u32,
                    right_to_left: false,
                });
            }
            let y = Rangef::new(row.min_y(), row.max_y());
            let text = row.glyphs.first().map_or(y, |glyph| {
                let top = row.pos.y + glyph.pos.y - glyph.font_ascent;
                Rangef::new(top, top + glyph.font_height)
            });
            rows.push(RowGeometry {
                y,
                text,
                chars: start..boxes.len(),
                in_order: true,
            });
        }
        Some(Self {
            size: galley.size(),
            rows,
            boxes,
            shapes: vec![(Vec2::ZERO, galley)],
            right_to_left: false,
        })
    }

    /// The layout built from separately shaped atoms, reordered per row.
    fn from_atoms(
        fonts: &mut FontsView<'_>,
        text: &str,
        format: &TextFormat,
        wrap_width: f32,
    ) -> Self {
        let bidi = ParagraphBidiInfo::new(text, None);
        let paragraph_level = bidi.paragraph_level.number();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let levels: Vec<u8> = chars
            .iter()
            .map(|&(b, _)| bidi.levels[b].number())
            .collect();
        let atoms = atoms(fonts, text, &chars, &levels, format);
        let line_height = format
            .line_height
            .unwrap_or_else(|| fonts.row_height(&format.font_id));

        let mut layout = Self {
            size: vec2(wrap_width, 0.0),
            rows: Vec::new(),
            boxes: vec![
                CharBox {
                    x: Rangef::new(0.0, 0.0),
                    row: 0,
                    right_to_left: false,
                };
                chars.len()
            ],
            shapes: Vec::with_capacity(atoms.len()),
            right_to_left: paragraph_level % 2 == 1,
        };
        for row_atoms in break_rows(&atoms, wrap_width) {
            layout.place_row(&atoms[row_atoms], paragraph_level, line_height, wrap_width);
        }
        if layout.rows.is_empty() {
            let y = Rangef::new(0.0, line_height);
            layout.rows.push(RowGeometry {
                y,
                text: y,
                chars: 0..0,
                in_order: true,
            });
        }
        layout.size.y = layout.rows.len() as f32 * line_height;
        layout
    }

    /// Places one row of atoms (in logical order) below the rows placed so far.
    fn place_row(&mut self, atoms: &[Atom], paragraph_level: u8, line_height: f32, width: f32) {
        let row_index = self.rows.len();
        let top = row_index as f32 * line_height;
        // Rule L1: spaces at the end of a row take the paragraph's level.
        let trailing = atoms.iter().rev().take_while(|a| a.space).count();
        let levels: Vec<u8> = atoms
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if i >= atoms.len() - trailing {
                    paragraph_level
                } else {
                    a.level
                }
            })
            .collect();
        let order = visual_order(&levels);
        let total: f32 = atoms.iter().map(|a| a.width).sum();
        let mut x = if paragraph_level % 2 == 1 {
            width - total
        } else {
            0.0
        };
        let mut text = None;
        for &i in &order {
            let atom = &atoms[i];
            let right_to_left = levels[i] % 2 == 1;
            for (k, b) in atom.boxes.iter().enumerate() {
                self.boxes[atom.chars.start + k] = CharBox {
                    x: Rangef::new(x + b.min, x + b.max),
                    row: row_index as u32,
                    right_to_left,
                };
            }
            if text.is_none()
                && let Some(glyph) = atom.galley.rows.first().and_then(|r| r.glyphs.first())
            {
                let glyph_top = top + glyph.pos.y - glyph.font_ascent;
                text = Some(Rangef::new(glyph_top, glyph_top + glyph.font_height));
            }
            self.shapes.push((vec2(x, top), atom.galley.clone()));
            x += atom.width;
        }
        let y = Rangef::new(top, top + line_height);
        let in_order =
            order.iter().enumerate().all(|(k, &i)| k == i) && levels.iter().all(|l| l % 2 == 0);
        self.rows.push(RowGeometry {
            y,
            text: text.unwrap_or(y),
            chars: atoms.first().map_or(0, |a| a.chars.start)
                ..atoms.last().map_or(0, |a| a.chars.end),
            in_order,
        });
    }
}

/// `text` rearranged for an egui label: words of right-to-left runs in display order, each
/// word's letters left in logical order (egui shapes a right-to-left word the right way round;
/// it only gets the order of words wrong). Right for labels on one row; the article itself uses
/// [`ParagraphLayout`].
pub fn label_text(text: &str) -> Cow<'_, str> {
    if !needs_bidi(text) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.split('\n').map(label_line).collect();
    Cow::Owned(lines.join("\n"))
}

fn label_line(line: &str) -> String {
    let bidi = ParagraphBidiInfo::new(line, None);
    let paragraph_level = bidi.paragraph_level.number();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut levels: Vec<u8> = chars
        .iter()
        .map(|&(b, _)| bidi.levels[b].number())
        .collect();
    for level in levels.iter_mut().rev().zip(chars.iter().rev()) {
        if !level.1.1.is_whitespace() {
            break;
        }
        *level.0 = paragraph_level;
    }
    let pieces = atom_ranges(&chars, &levels);
    let atom_levels: Vec<u8> = pieces.iter().map(|r| levels[r.start]).collect();
    let mut shown = String::with_capacity(line.len());
    for i in visual_order(&atom_levels) {
        let range = &pieces[i];
        let end = chars.get(range.end).map_or(line.len(), |&(b, _)| b);
        let source = &line[chars[range.start].0..end];
        if atom_levels[i] % 2 == 1 {
            shown.extend(source.chars().map(mirrored));
        } else {
            shown.push_str(source);
        }
    }
    shown
}

fn distance(range: Rangef, x: f32) -> f32 {
    if x < range.min {
        range.min - x
    } else {
        (x - range.max).max(0.0)
    }
}

/// Whether egui cannot lay out `text` alone: it has right-to-left text, Arabic digits (which
/// egui shapes right to left) or explicit direction controls.
fn needs_bidi(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            bidi_class(c),
            BidiClass::R
                | BidiClass::AL
                | BidiClass::AN
                | BidiClass::RLE
                | BidiClass::RLO
                | BidiClass::RLI
                | BidiClass::LRE
                | BidiClass::LRO
                | BidiClass::LRI
                | BidiClass::FSI
                | BidiClass::PDF
                | BidiClass::PDI
        )
    })
}

/// A piece of a paragraph that egui shapes correctly on its own and that moves as a whole when
/// a row is reordered.
struct Atom {
    chars: Range<usize>,
    level: u8,
    space: bool,
    /// A line may break before and after it (a CJK char).
    breaks_around: bool,
    galley: Arc<Galley>,
    width: f32,
    /// Each char's x range, relative to the atom's left edge.
    boxes: Vec<Rangef>,
}

/// What kind of atom a char belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    /// Right-to-left letters and the marks and joiners on them: one word, shaped right to left.
    RightToLeftWord,
    /// Left-to-right text without spaces.
    LeftToRightWord,
    Space,
    /// A char that stands alone: a neutral in right-to-left text, an Arabic digit, a CJK char.
    Alone,
}

fn atom_kind(c: char, level: u8) -> AtomKind {
    let class = bidi_class(c);
    let joins = matches!(class, BidiClass::NSM | BidiClass::BN);
    if c.is_whitespace() {
        AtomKind::Space
    } else if level % 2 == 1 && (matches!(class, BidiClass::R | BidiClass::AL) || joins) {
        AtomKind::RightToLeftWord
    } else if level % 2 == 1
        || matches!(class, BidiClass::R | BidiClass::AL | BidiClass::AN)
        || is_cjk(c)
    {
        AtomKind::Alone
    } else {
        AtomKind::LeftToRightWord
    }
}

/// Scripts written without spaces, where a line may break between any two chars.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// The glyph a char takes in right-to-left text: its Bidi_Mirroring_Glyph (brackets turn
/// around), else itself.
fn mirrored(c: char) -> char {
    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
}

/// Cuts the paragraph into atoms and shapes each.
fn atoms(
    fonts: &mut FontsView<'_>,
    text: &str,
    chars: &[(usize, char)],
    levels: &[u8],
    format: &TextFormat,
) -> Vec<Atom> {
    let mut atoms = Vec::new();
    for Range { start, end } in atom_ranges(chars, levels) {
        let kind = atom_kind(chars[start].1, levels[start]);
        let byte_end = chars.get(end).map_or(text.len(), |&(b, _)| b);
        let source = &text[chars[start].0..byte_end];
        let level = levels[start];
        let shown: String = if level % 2 == 1 {
            source.chars().map(mirrored).collect()
        } else {
            source.to_owned()
        };
        let galley = fonts.layout_job(LayoutJob::single_section(shown, format.clone()));
        let width = galley.rows.first().map_or(0.0, |r| r.size.x);
        let count = end - start;
        let boxes = match galley.rows.first() {
            Some(row) if kind != AtomKind::RightToLeftWord && row.glyphs.len() == count => (0
                ..count)
                .map(|k| {
                    let x0 = row.x_offset(CharIndex(k));
                    Rangef::new(x0, row.x_offset(CharIndex(k + 1)).max(x0))
                })
                .collect(),
            _ => proportional_boxes(
                fonts,
                source,
                format,
                width,
                kind == AtomKind::RightToLeftWord,
            ),
        };
        atoms.push(Atom {
            chars: start..end,
            level,
            space: kind == AtomKind::Space,
            breaks_around: kind == AtomKind::Alone && is_cjk(chars[start].1),
            galley,
            width,
            boxes,
        });
    }
    atoms
}

/// The char ranges of a paragraph's atoms, in logical order.
fn atom_ranges(chars: &[(usize, char)], levels: &[u8]) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let kind = atom_kind(chars[start].1, levels[start]);
        let mut end = start + 1;
        if kind != AtomKind::Alone {
            while end < chars.len()
                && levels[end] == levels[start]
                && atom_kind(chars[end].1, levels[end]) == kind
            {
                end += 1;
            }
        }
        ranges.push(start..end);
        start = end;
    }
    ranges
}

/// Char boxes spread over `width` by each char's own glyph width, for atoms whose galley does not
/// say which glyph is which char; right to left, the first char is at the right.
fn proportional_boxes(
    fonts: &mut FontsView<'_>,
    source: &str,
    format: &TextFormat,
    width: f32,
    right_to_left: bool,
) -> Vec<Rangef> {
    let weights: Vec<f32> = source
        .chars()
        .map(|c| {
            if bidi_class(c) == BidiClass::NSM || bidi_class(c) == BidiClass::BN {
                0.0
            } else {
                fonts.glyph_width(&format.font_id, c).max(0.0)
            }
        })
        .collect();
    let total: f32 = weights.iter().sum();
    let count = weights.len().max(1) as f32;
    let mut x = 0.0;
    weights
        .iter()
        .map(|w| {
            let share = if total > 0.0 { w / total } else { 1.0 / count };
            let piece = Rangef::new(x, x + share * width);
            x = piece.max;
            if right_to_left {
                Rangef::new(width - piece.max, width - piece.min)
            } else {
                piece
            }
        })
        .collect()
}

/// Rows of atoms: greedy, breaking after spaces and around CJK chars; spaces at the end of a row
/// hang past the edge. An atom wider than the row gets a row of its own.
fn break_rows(atoms: &[Atom], wrap_width: f32) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let mut row_start = 0;
    let mut width = 0.0;
    let mut last_break = None;
    for (i, atom) in atoms.iter().enumerate() {
        if i > row_start {
            let previous = &atoms[i - 1];
            if (previous.space && !atom.space) || previous.breaks_around || atom.breaks_around {
                last_break = Some(i);
            }
        }
        if !atom.space && i > row_start && width + atom.width > wrap_width {
            let at = last_break.filter(|&b| b > row_start).unwrap_or(i);
            rows.push(row_start..at);
            row_start = at;
            width = atoms[at..i].iter().map(|a| a.width).sum();
            last_break = None;
        }
        width += atom.width;
    }
    if row_start < atoms.len() {
        rows.push(row_start..atoms.len());
    }
    rows
}

/// Rule L2: the display order of a row's atoms, from their levels in logical order.
fn visual_order(levels: &[u8]) -> Vec<usize> {
    let levels: Vec<unicode_bidi::Level> = levels
        .iter()
        .map(|&l| unicode_bidi::Level::new(l).unwrap_or_else(|_| unicode_bidi::Level::ltr()))
        .collect();
    unicode_bidi::BidiInfo::reorder_visual(&levels)
}

#[cfg(test)]
mod tests;
