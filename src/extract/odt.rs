//! The text of an OpenDocument text (`.odt`, LibreOffice's own format): headings, paragraphs and
//! list items in order, each table row as one block (cells separated by a tab), the paragraphs
//! of text boxes after the paragraph that holds them, and the footnotes and endnotes after the
//! body, each after its citation in brackets as the body shows it ("[1]"). Comments and the
//! deleted text of tracked changes are left out. White space collapses as ODF says it does
//! (`text:s` stands for the spaces that do not).

use super::ExtractError;
use super::docx::{OLE_MAGIC, Package, attribute, child, elements, is, parse};
use roxmltree::Node;

/// Changes whenever a change to the extraction could change the text of some document.
pub const EXTRACTOR_VERSION: u32 = 1;

/// The part with the document's text.
const CONTENT: &str = "content.xml";

/// The text of the OpenDocument text in `bytes`; empty when it has none.
pub fn text(bytes: &[u8]) -> Result<String, ExtractError> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(ExtractError::Encrypted);
    }
    let mut package = Package::open(bytes)?;
    // A password-protected file keeps its parts enciphered, as its manifest says.
    if let Some(manifest) = package.part("META-INF/manifest.xml")?
        && manifest.contains("encryption-data")
    {
        return Err(ExtractError::Encrypted);
    }
    let xml = package
        .part(CONTENT)?
        .ok_or(ExtractError::NoDocument(CONTENT))?;
    content_text(&xml)
}

/// The text of a `content.xml`.
fn content_text(xml: &str) -> Result<String, ExtractError> {
    let document = parse(xml, CONTENT)?;
    let mut reader = Reader::default();
    let body = document
        .root_element()
        .descendants()
        .find(|n| is(*n, "body"))
        .and_then(|body| child(body, "text"));
    if let Some(body) = body {
        reader.blocks(body);
    }
    let mut blocks = reader.blocks;
    blocks.extend(reader.notes);
    let mut text = blocks.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Ok(text)
}

/// Elements whose content is never text of the document.
const SKIPPED: &[&str] = &[
    "tracked-changes",
    "annotation",
    "annotation-end",
    "sequence-decls",
    "variable-decls",
    "user-field-decls",
    "forms",
    "table-columns",
    "table-column",
    "soft-page-break",
];

/// The blocks read so far, and the notes to put after them.
#[derive(Default)]
struct Reader {
    blocks: Vec<String>,
    notes: Vec<String>,
}

impl Reader {
    /// Reads the blocks under `container`.
    fn blocks(&mut self, container: Node<'_, '_>) {
        for element in elements(container) {
            match element.tag_name().name() {
                "p" | "h" => self.paragraph(element),
                "table" => self.table(element),
                name if SKIPPED.contains(&name) => {}
                _ => self.blocks(element),
            }
        }
    }

    /// Reads a paragraph as a block, then its text boxes.
    fn paragraph(&mut self, paragraph: Node<'_, '_>) {
        let mut text = String::new();
        let mut boxes = Vec::new();
        self.inline(paragraph, &mut text, &mut boxes);
        push(&mut self.blocks, &text);
        for text_box in boxes {
            self.blocks(text_box);
        }
    }

    /// Reads each row of a table as a block, its cells' paragraphs joined.
    fn table(&mut self, table: Node<'_, '_>) {
        for row in table.descendants().filter(|n| is(*n, "table-row")) {
            let mut cells = Vec::new();
            let mut boxes = Vec::new();
            for cell in elements(row).filter(|e| is(*e, "table-cell")) {
                let mut pieces = Vec::new();
                for paragraph in cell.descendants().filter(|n| is(*n, "p") || is(*n, "h")) {
                    let mut text = String::new();
                    self.inline(paragraph, &mut text, &mut boxes);
                    pieces.push(collapse(&text));
                }
                pieces.retain(|p| !p.is_empty());
                cells.push(pieces.join(" "));
            }
            push(&mut self.blocks, &cells.join("\t"));
            for text_box in boxes {
                self.blocks(text_box);
            }
        }
    }

    /// Adds the text of `node`'s children to `text`: text, spaces, tabs, line breaks, note
    /// citations (the notes go to the end); text boxes go to `boxes`.
    fn inline<'a, 'input>(
        &mut self,
        node: Node<'a, 'input>,
        text: &mut String,
        boxes: &mut Vec<Node<'a, 'input>>,
    ) {
        for child_node in node.children() {
            if child_node.is_text() {
                // Line breaks and tabs in the XML are white space; text:tab and
                // text:line-break are the document's own.
                let raw = child_node.text().unwrap_or("");
                text.extend(raw.chars().map(|c| {
                    if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
                        ' '
                    } else {
                        c
                    }
                }));
                continue;
            }
            if !child_node.is_element() {
                continue;
            }
            match child_node.tag_name().name() {
                "s" => {
                    let count = attribute(child_node, "c")
                        .and_then(|c| c.parse::<usize>().ok())
                        .unwrap_or(1);
                    // Kept spaces, which collapsing leaves alone.
                    text.extend(std::iter::repeat_n(KEPT_SPACE, count));
                }
                "tab" => text.push('\t'),
                "line-break" => text.push('\n'),
                "note" => self.note(child_node, text),
                "text-box" => boxes.push(child_node),
                name if SKIPPED.contains(&name) => {}
                _ => self.inline(child_node, text, boxes),
            }
        }
    }

    /// A footnote or endnote: its citation in the text, its body among the notes.
    fn note(&mut self, note: Node<'_, '_>, text: &mut String) {
        let citation = child(note, "note-citation")
            .and_then(|c| c.text())
            .map_or_else(|| (self.notes.len() + 1).to_string(), str::to_owned);
        text.push_str(&format!("[{citation}]"));
        let mut body = String::new();
        if let Some(note_body) = child(note, "note-body") {
            let mut boxes = Vec::new();
            for paragraph in note_body.descendants().filter(|n| is(*n, "p")) {
                let mut piece = String::new();
                self.inline(paragraph, &mut piece, &mut boxes);
                let piece = collapse(&piece);
                if !piece.is_empty() {
                    body.push(' ');
                    body.push_str(&piece);
                }
            }
        }
        self.notes.push(format!("[{citation}]{body}"));
    }
}

/// `text` with runs of white space as one space, as ODF reads them; the spaces `text:s` kept
/// become plain spaces again, and tabs and line breaks stay.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' => out.push(c),
            ' ' | '\r' => {
                if !out.ends_with([' ', '\t', '\n']) && !out.is_empty() {
                    out.push(' ');
                }
            }
            KEPT_SPACE => out.push(' '),
            c => out.push(c),
        }
    }
    out.trim_end_matches(' ').to_owned()
}

/// A space `text:s` keeps, while white space is collapsed (a private-use char no document's
/// text holds: the collapsing turns it into a plain space).
const KEPT_SPACE: char = '\u{10FFFD}';

/// Adds `text` (collapsed) as a block when it has any.
fn push(blocks: &mut Vec<String>, text: &str) {
    let text = collapse(text);
    let text = text.trim();
    if !text.is_empty() {
        blocks.push(text.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(body: &str) -> String {
        format!(
            r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        )
    }

    #[test]
    fn blocks_notes_and_spaces_read_as_writer_shows_them() {
        let cases = [
            (
                "<text:h>Harbour</text:h><text:p>The  pier\n   reopens.</text:p><text:p/>",
                "Harbour\n\nThe pier reopens.\n",
            ),
            (
                "<text:p>a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>d</text:p>",
                "a   b\tc\nd\n",
            ),
            (
                "<text:list><text:list-item><text:p>one</text:p></text:list-item><text:list-item><text:p>two</text:p></text:list-item></text:list>",
                "one\n\ntwo\n",
            ),
            (
                "<table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row></table:table>",
                "a\tb\n",
            ),
            (
                "<text:p>Said so<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>On Tuesday.</text:p></text:note-body></text:note>.</text:p><text:p>Next.</text:p>",
                "Said so[1].\n\nNext.\n\n[1] On Tuesday.\n",
            ),
            (
                "<text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p></text:deletion></text:changed-region></text:tracked-changes><text:p>kept<office:annotation><text:p>a comment</text:p></office:annotation></text:p>",
                "kept\n",
            ),
            (
                "<text:p>Anchor<draw:frame><draw:text-box><text:p>In the box</text:p></draw:text-box></draw:frame></text:p>",
                "Anchor\n\nIn the box\n",
            ),
        ];
        for (body, text) in cases {
            assert_eq!(content_text(&content(body)).unwrap(), text, "{body}");
        }
    }
}
