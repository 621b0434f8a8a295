//! The text of a PDF's text layer, page by page, in reading order. `pdf-extract` (over `lopdf`)
//! decodes the pages' fonts and hands over each glyph with its position; the layout is ours:
//!
//! 1. glyphs off the page are dropped, the rest become fragments (runs on one baseline);
//! 2. running headers and footers (a line near the top or bottom edge whose text, digits aside,
//!    comes back on most pages) and page numbers are left out;
//! 3. each page is cut into blocks by the widest white space across it (an XY cut: a column
//!    gutter beats the space between lines, the space under a title beats a gutter that does not
//!    reach it), so columns read one after the other;
//! 4. lines join into paragraphs, also across columns and pages when a sentence runs on; a
//!    hyphen at a line's end is taken out only when the word exists unhyphenated elsewhere in
//!    the document (otherwise it stays: no text is invented).

use super::ExtractError;
use std::collections::{HashMap, HashSet};

/// Changes whenever a change to the extraction could change the text of some document.
pub const EXTRACTOR_VERSION: u32 = 1;

/// A PDF's text, with where each page starts in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PdfText {
    /// The text: paragraphs separated by a blank line, ending in a line break.
    pub text: String,
    /// The char offset in `text` where each page's text starts, one per page.
    pub page_starts: Vec<usize>,
}

/// The text layer of the PDF in `bytes`; its text is empty when it has none (scanned pages).
pub fn text(bytes: &[u8]) -> Result<PdfText, ExtractError> {
    let pages = std::panic::catch_unwind(|| glyphs(bytes)).map_err(|_| {
        ExtractError::PdfDamaged(
            "the PDF reader stopped on something in it it could not read".into(),
        )
    })??;
    Ok(lay_out(&pages))
}

/// A glyph where the page shows it: top-down coordinates in points.
#[derive(Clone, Debug)]
struct Glyph {
    x: f64,
    baseline: f64,
    size: f64,
    advance: f64,
    text: String,
    /// True when a space glyph came just before it.
    space_before: bool,
}

/// One page's glyphs, in the order its content draws them.
#[derive(Debug, Default)]
struct Page {
    height: f64,
    glyphs: Vec<Glyph>,
    /// How many space glyphs it draws: when many, its fonts' spaces are glyphs and the gaps
    /// between glyphs say less (some producers give widths of 0).
    spaces: usize,
}

/// Collects each page's glyphs from `pdf-extract`.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// The page's box: left, bottom, right, top.
    page_box: (f64, f64, f64, f64),
    space_pending: bool,
}

impl pdf_extract::OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page_box = (media_box.llx, media_box.lly, media_box.urx, media_box.ury);
        self.pages.push(Page {
            height: media_box.ury - media_box.lly,
            ..Page::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let (left, bottom, right, top) = self.page_box;
        let (x, y) = (trm.m31, trm.m32);
        // The text matrix's scale: the side of a square of the same area.
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        // Icons of symbol fonts without a Unicode mapping (they would show as boxes).
        let text: String = text.chars().filter(|c| !is_private_use(*c)).collect();
        let text = text.as_str();
        if text.is_empty() {
            return Ok(());
        }
        if text.trim().is_empty() {
            self.space_pending = true;
            page.spaces += 1;
            return Ok(());
        }
        let tolerance = 1.0;
        let on_page = x >= left - tolerance
            && x <= right + tolerance
            && y >= bottom - tolerance
            && y <= top + tolerance;
        if on_page && size > 0.0 {
            // A glyph without a width is given an average one.
            let advance = if width > 0.0 {
                width * size
            } else {
                0.5 * size
            };
            page.glyphs.push(Glyph {
                x: x - left,
                baseline: top - y,
                size,
                advance,
                text: without_ligatures(text),
                space_before: std::mem::take(&mut self.space_pending),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// True for a char of the Private Use Areas.
fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}

/// `text` with the typographic ligatures (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬆ) written as their letters, as the
/// words are spelled.
fn without_ligatures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// The glyphs of every page of the PDF in `bytes`.
fn glyphs(bytes: &[u8]) -> Result<Vec<Page>, ExtractError> {
    let mut document = pdf_extract::Document::load_mem(bytes)
        .map_err(|error| ExtractError::PdfDamaged(error.to_string()))?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(ExtractError::PdfEncrypted);
    }
    let mut collector = Collector::default();
    pdf_extract::output_doc(&document, &mut collector)
        .map_err(|error| ExtractError::PdfDamaged(error.to_string()))?;
    Ok(collector.pages)
}

/// A run of glyphs on one baseline, as words.
#[derive(Clone, Debug)]
struct Fragment {
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    text: String,
}

impl Fragment {
    fn top(&self) -> f64 {
        self.baseline - 0.8 * self.size
    }

    fn bottom(&self) -> f64 {
        self.baseline + 0.25 * self.size
    }
}

/// How far past the last glyph's end (in font sizes) the next one may start and still be in
/// the same word.
const WORD_GAP: f64 = 0.15;

/// How far past the last glyph's end (in font sizes) the next one may start and still be in
/// the same word, on a page whose spaces are glyphs.
const WORD_GAP_WITH_SPACE_GLYPHS: f64 = 0.6;

/// How far (in font sizes) the next glyph may be and still be on the same fragment.
const FRAGMENT_GAP: f64 = 1.2;

/// The fragments of `page`, in content order.
fn fragments(page: &Page) -> Vec<Fragment> {
    let glyphs = &page.glyphs;
    let word_gap = if page.spaces * 20 >= glyphs.len() {
        WORD_GAP_WITH_SPACE_GLYPHS
    } else {
        WORD_GAP
    };
    let mut out: Vec<Fragment> = Vec::new();
    for glyph in glyphs {
        let joins = out.last().is_some_and(|last| {
            let size = last.size.min(glyph.size);
            (glyph.baseline - last.baseline).abs() <= 0.4 * size
                && glyph.x >= last.x1 - 0.5 * size
                && glyph.x - last.x1 <= FRAGMENT_GAP * size
        });
        match out.last_mut() {
            Some(last) if joins => {
                if glyph.space_before || glyph.x - last.x1 > word_gap * last.size.min(glyph.size) {
                    last.text.push(' ');
                }
                last.text.push_str(&glyph.text);
                last.x1 = last.x1.max(glyph.x + glyph.advance);
                last.size = last.size.max(glyph.size);
            }
            _ => out.push(Fragment {
                x0: glyph.x,
                x1: glyph.x + glyph.advance,
                baseline: glyph.baseline,
                size: glyph.size,
                text: glyph.text.clone(),
            }),
        }
    }
    out
}

/// A line of a page in reading order: its fragments' text and where it stands.
#[derive(Clone, Debug)]
struct Line {
    x0: f64,
    baseline: f64,
    size: f64,
    text: String,
    page: usize,
}

/// The share of the page's height, at its top and at its bottom, where running headers, footers
/// and page numbers stand.
const MARGIN_SHARE: f64 = 0.15;

/// What a running header or footer keeps from page to page: its text without spaces, each run
/// of digits (the page number, a date) as one `#`.
fn margin_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else {
            key.push(c);
        }
    }
    key
}

/// True for a line that is only a page number: "7", "- 7 -", "Page 7", "7 of 12", "vii".
fn is_page_number(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '|')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let number = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (w.len() <= 6 && w.chars().all(|c| "ivxlc".contains(c)))
    };
    match words.as_slice() {
        [n] => number(n),
        [page, n] => (page == "page" || page == "p.") && number(n),
        [n, of, m] => number(n) && of == "of" && number(m),
        [page, n, of, m] => page == "page" && number(n) && of == "of" && number(m),
        _ => false,
    }
}

/// The fragments of each page without its running headers, footers and page numbers.
fn without_furniture(pages: &[Vec<Fragment>], heights: &[f64]) -> Vec<Vec<Fragment>> {
    let in_margin = |fragment: &Fragment, height: f64| {
        fragment.baseline < MARGIN_SHARE * height
            || fragment.baseline > (1.0 - MARGIN_SHARE) * height
    };
    // On how many pages each margin text comes back.
    let mut seen: HashMap<String, HashSet<usize>> = HashMap::new();
    for (n, fragments) in pages.iter().enumerate() {
        for fragment in fragments.iter().filter(|f| in_margin(f, heights[n])) {
            seen.entry(margin_key(&fragment.text))
                .or_default()
                .insert(n);
        }
    }
    let repeated = |text: &str| {
        pages.len() >= 2
            && seen
                .get(&margin_key(text))
                .is_some_and(|on| on.len() * 2 > pages.len() && on.len() >= 2)
    };
    pages
        .iter()
        .enumerate()
        .map(|(n, fragments)| {
            fragments
                .iter()
                .filter(|f| {
                    !(in_margin(f, heights[n])
                        && (repeated(&f.text) || (pages.len() >= 2 && is_page_number(&f.text))))
                })
                .cloned()
                .collect()
        })
        .collect()
}

/// The fragments `items` in reading order, by recursive XY cuts.
fn reading_order(fragments: &[Fragment], items: Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if items.len() <= 1 {
        if !items.is_empty() {
            out.push(items);
        }
        return;
    }
    let horizontal = widest_gap(&items, |i| (fragments[i].top(), fragments[i].bottom()), 0.0);
    let sizes: Vec<f64> = items.iter().map(|&i| fragments[i].size).collect();
    let size = median(&sizes);
    let vertical = widest_gap(&items, |i| (fragments[i].x0, fragments[i].x1), 0.5 * size);
    let by_x = match (horizontal, vertical) {
        (Some((height, _)), Some((width, _))) => width >= height,
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (None, None) => {
            out.push(items);
            return;
        }
    };
    let Some((_, cut_at)) = (if by_x { vertical } else { horizontal }) else {
        out.push(items);
        return;
    };
    let (before, after): (Vec<usize>, Vec<usize>) = items.into_iter().partition(|&i| {
        let f = &fragments[i];
        if by_x {
            f.x1 <= cut_at
        } else {
            f.bottom() <= cut_at
        }
    });
    reading_order(fragments, before, out);
    reading_order(fragments, after, out);
}

/// The widest gap (at least `least`) between the spans `span` gives the items, and a point in
/// it: `(width, at)`.
fn widest_gap(
    items: &[usize],
    span: impl Fn(usize) -> (f64, f64),
    least: f64,
) -> Option<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = items.iter().map(|&i| span(i)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut reach = spans[0].1;
    let mut best: Option<(f64, f64)> = None;
    for &(start, end) in &spans[1..] {
        let gap = start - reach;
        if gap > least && best.is_none_or(|(width, _)| gap > width) {
            best = Some((gap, reach + gap / 2.0));
        }
        reach = reach.max(end);
    }
    best
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(10.0)
}

/// The lines of one block: its fragments grouped by baseline (a superscript goes with its
/// line), each line's left to right.
fn block_lines(fragments: &[Fragment], block: &[usize], page: usize) -> Vec<Line> {
    let mut items: Vec<&Fragment> = block.iter().map(|&i| &fragments[i]).collect();
    items.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut groups: Vec<Vec<&Fragment>> = Vec::new();
    for fragment in items {
        match groups.last_mut() {
            Some(group)
                if group.iter().any(|g| {
                    (fragment.baseline - g.baseline).abs() <= 0.4 * g.size.max(fragment.size)
                }) =>
            {
                group.push(fragment);
            }
            _ => groups.push(vec![fragment]),
        }
    }
    groups
        .into_iter()
        .map(|mut group| {
            group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            // The line's baseline and size are those of its main text, not of a superscript.
            let main = group
                .iter()
                .max_by(|a, b| {
                    a.size
                        .total_cmp(&b.size)
                        .then(b.baseline.total_cmp(&a.baseline))
                })
                .copied()
                .unwrap_or(group[0]);
            Line {
                x0: group[0].x0,
                baseline: main.baseline,
                size: main.size,
                text: group
                    .iter()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                page,
            }
        })
        .collect()
}

/// True when the line `next` goes on the paragraph whose last line is `previous`, given the
/// usual distance between baselines `leading`.
fn continues(previous: &Line, next: &Line, leading: f64) -> bool {
    let ends_sentence = previous
        .text
        .trim_end()
        .ends_with(['.', '!', '?', ':', '"', '”', '’', ')']);
    let starts_lower = next.text.chars().next().is_some_and(char::is_lowercase);
    let same_size = (previous.size - next.size).abs() <= 0.15 * previous.size;
    if !same_size {
        return false;
    }
    let spacing = next.baseline - previous.baseline;
    let same_flow = next.page == previous.page && spacing > 0.0;
    if !same_flow {
        // A new column or page: the paragraph goes on only mid-sentence.
        return !ends_sentence && starts_lower;
    }
    if spacing > 1.35 * leading {
        return false;
    }
    // A first-line indent after a finished sentence starts a paragraph.
    let indented = next.x0 > previous.x0 + 0.8 * next.size;
    !(indented && ends_sentence)
}

/// The paragraphs of the pages, each page's lines in reading order.
fn lay_out(pages: &[Page]) -> PdfText {
    let fragments: Vec<Vec<Fragment>> = pages.iter().map(fragments).collect();
    let heights: Vec<f64> = pages.iter().map(|p| p.height.max(1.0)).collect();
    let fragments = without_furniture(&fragments, &heights);
    let mut lines: Vec<Line> = Vec::new();
    let mut page_first_line = Vec::with_capacity(pages.len());
    for (n, page) in fragments.iter().enumerate() {
        page_first_line.push(lines.len());
        let mut blocks = Vec::new();
        reading_order(page, (0..page.len()).collect(), &mut blocks);
        for block in blocks {
            lines.extend(block_lines(page, &block, n));
        }
    }
    let spacings: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .map(|w| w[1].baseline - w[0].baseline)
        .filter(|d| *d > 0.0)
        .collect();
    let leading = median(&spacings);
    // Paragraphs as lists of line indices.
    let mut paragraphs: Vec<Vec<usize>> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match paragraphs.last_mut() {
            Some(paragraph) if continues(&lines[paragraph[paragraph.len() - 1]], line, leading) => {
                paragraph.push(i);
            }
            _ => paragraphs.push(vec![i]),
        }
    }
    let known = known_words(&lines);
    let mut text = String::new();
    let mut chars: usize = 0;
    let mut page_starts = vec![None; pages.len()];
    for (n, paragraph) in paragraphs.iter().enumerate() {
        if n > 0 {
            text.push_str("\n\n");
            chars += 2;
        }
        for (k, &i) in paragraph.iter().enumerate() {
            let line = lines[i].text.trim();
            if k > 0 {
                chars = chars.saturating_add_signed(join_lines(&mut text, line, &known));
            }
            if page_starts[lines[i].page].is_none() {
                page_starts[lines[i].page] = Some(chars);
            }
            text.push_str(line);
            chars += line.chars().count();
        }
    }
    if !text.is_empty() {
        text.push('\n');
    }
    // A page without text starts where the next one does.
    let mut next = chars;
    let mut starts: Vec<usize> = page_starts
        .iter()
        .rev()
        .map(|s| {
            next = s.unwrap_or(next);
            next
        })
        .collect();
    starts.reverse();
    PdfText {
        text,
        page_starts: starts,
    }
}

/// Every word of `lines`, lower case, as written (hyphenated words as whole words).
fn known_words(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Joins the next line of a paragraph on to `text`: without the hyphen at the end of `text`
/// when the word it splits is known unhyphenated, right after it when the hyphen is kept, else
/// with a space. Gives how many chars `text` grew by (-1 when the hyphen went).
fn join_lines(text: &mut String, next: &str, known: &HashSet<String>) -> isize {
    if let Some(stem) = text.strip_suffix('-') {
        let before: String = stem
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        if !before.is_empty() && after.chars().next().is_some_and(char::is_lowercase) {
            if known.contains(&format!("{before}{after}").to_lowercase()) {
                text.pop();
                return -1;
            }
            return 0;
        }
    }
    text.push(' ');
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_read_as_such_and_other_lines_do_not() {
        let cases = [
            ("7", true),
            ("- 7 -", true),
            ("Page 7", true),
            ("7 of 12", true),
            ("Page 7 of 12", true),
            ("vii", true),
            ("7 people", false),
            ("Chapter 7", false),
            ("The harbour", false),
            ("", false),
        ];
        for (line, number) in cases {
            assert_eq!(is_page_number(line), number, "{line:?}");
        }
        assert_eq!(
            margin_key("Harbour Report · page 12"),
            margin_key("Harbour Report · page 3")
        );
    }

    #[test]
    fn a_line_end_hyphen_goes_only_when_the_word_is_known_without_it() {
        let known: HashSet<String> = ["harbour", "master"].map(str::to_owned).into();
        let cases = [
            ("the har-", "bour master", "the harbour master", -1),
            ("a well-", "known name", "a well-known name", 0),
            ("the end of it", "and more", "the end of it and more", 1),
            ("page 3 -", "then", "page 3 - then", 1),
            ("co-", "Operate", "co- Operate", 1),
        ];
        for (text, next, joined, grew) in cases {
            let mut out = text.to_owned();
            assert_eq!(join_lines(&mut out, next, &known), grew, "{text:?}");
            out.push_str(next);
            assert_eq!(out, joined);
        }
        assert_eq!(
            without_ligatures("\u{FB01}lled o\u{FB00}ice"),
            "filled office"
        );
    }

    fn fragment(x0: f64, x1: f64, baseline: f64, text: &str) -> Fragment {
        Fragment {
            x0,
            x1,
            baseline,
            size: 10.0,
            text: text.to_owned(),
        }
    }

    /// The texts of the blocks of `fragments`, in reading order.
    fn read(fragments: &[Fragment]) -> Vec<String> {
        let mut blocks = Vec::new();
        reading_order(fragments, (0..fragments.len()).collect(), &mut blocks);
        blocks
            .iter()
            .flat_map(|block| block_lines(fragments, block, 0))
            .map(|line| line.text)
            .collect()
    }

    #[test]
    fn two_columns_under_a_title_read_one_after_the_other() {
        // A title across the page, then two columns whose lines share baselines.
        let mut page = vec![fragment(100.0, 500.0, 50.0, "Title")];
        for (n, baseline) in [100.0, 112.0, 124.0].into_iter().enumerate() {
            page.push(fragment(50.0, 290.0, baseline, &format!("left {n}")));
            page.push(fragment(310.0, 550.0, baseline, &format!("right {n}")));
        }
        assert_eq!(
            read(&page),
            [
                "Title", "left 0", "left 1", "left 2", "right 0", "right 1", "right 2"
            ]
        );
        // One column: top to bottom, a superscript with its line.
        let column = [
            fragment(50.0, 300.0, 100.0, "one"),
            fragment(302.0, 306.0, 96.5, "1"),
            fragment(50.0, 300.0, 112.0, "two"),
        ];
        assert_eq!(read(&column), ["one 1", "two"]);
    }

    #[test]
    fn running_heads_and_page_numbers_are_left_out_where_they_repeat() {
        let page = |n: usize| {
            vec![
                fragment(50.0, 200.0, 20.0, &format!("Harbour Report {n}")),
                fragment(50.0, 500.0, 300.0, &format!("Body of page {n}")),
                fragment(290.0, 300.0, 780.0, &n.to_string()),
            ]
        };
        let pages = vec![page(1), page(2), page(3)];
        let kept = without_furniture(&pages, &[800.0; 3]);
        for (n, fragments) in kept.iter().enumerate() {
            let texts: Vec<&str> = fragments.iter().map(|f| f.text.as_str()).collect();
            assert_eq!(texts, [format!("Body of page {}", n + 1)]);
        }
        // A single page keeps its lines: nothing repeats.
        let single = without_furniture(&pages[..1], &[800.0]);
        assert_eq!(single[0].len(), 3);
    }
}
