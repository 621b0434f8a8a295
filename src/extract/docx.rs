//! The text of a Word document (`.docx`, transitional or strict Office Open XML): the body's
//! paragraphs, headings and list items in order, each table row as one block (its cells
//! separated by a tab), the paragraphs of text boxes after the paragraph that holds them, and
//! then the footnotes and endnotes, each after its number in brackets, as the body's reference
//! marks show it ("[1]"). Left out: deleted text of tracked changes, field codes, comments,
//! headers and footers (they are not the article), and the fallback copy Word keeps of a text
//! box for older readers.
//!
//! The archive is read with `zip`, its parts with `roxmltree`; elements are matched by local
//! name, so both the transitional and the strict namespaces read.

use super::ExtractError;
use roxmltree::{Document, Node};
use std::collections::HashMap;
use std::io::Read;

/// Changes whenever a change to the extraction could change the text of some document.
pub const EXTRACTOR_VERSION: u32 = 1;

/// How an OLE compound file starts: an encrypted Office file or an old binary `.doc`.
pub(super) const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The most bytes one part may unpack to: a zip bomb stops here.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// Where the main document is when the package's relationships do not say.
const DEFAULT_MAIN_PART: &str = "word/document.xml";

/// The text of the Word document in `bytes`; empty when it has none.
pub fn text(bytes: &[u8]) -> Result<String, ExtractError> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(ExtractError::Encrypted);
    }
    let mut package = Package::open(bytes)?;
    let main = package
        .related(&package_rels(), "officeDocument")?
        .unwrap_or_else(|| DEFAULT_MAIN_PART.to_owned());
    let xml = package
        .part(&main)?
        .ok_or(ExtractError::NoDocument(DEFAULT_MAIN_PART))?;
    let document = parse(&xml, &main)?;
    let mut reader = Reader::default();
    if let Some(body) = child(document.root_element(), "body") {
        reader.blocks(body);
    }
    let rels = rels_of(&main);
    for (kind, note) in [("footnotes", "footnote"), ("endnotes", "endnote")] {
        let Some(part) = package.related(&rels, kind)? else {
            continue;
        };
        let Some(xml) = package.part(&part)? else {
            continue;
        };
        let notes = parse(&xml, &part)?;
        for element in elements(notes.root_element()).filter(|e| is(*e, note)) {
            if attribute(element, "type").is_none_or(|t| t == "normal") {
                reader.note = attribute(element, "id").map(str::to_owned);
                reader.blocks(element);
            }
        }
    }
    Ok(reader.finish())
}

/// The parts of a zipped document (`.docx`, `.odt`).
pub(super) struct Package {
    archive: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
}

impl Package {
    pub(super) fn open(bytes: &[u8]) -> Result<Self, ExtractError> {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec()))
            .map_err(ExtractError::NotAnArchive)?;
        Ok(Self { archive })
    }

    /// The text of the part `name`; `None` when the archive has no such part.
    pub(super) fn part(&mut self, name: &str) -> Result<Option<String>, ExtractError> {
        let failed = |why: String| ExtractError::Part {
            part: name.to_owned(),
            why,
        };
        let file = match self.archive.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(error) => return Err(failed(error.to_string())),
        };
        let mut bytes = Vec::new();
        file.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| failed(error.to_string()))?;
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(failed(format!(
                "it unpacks to more than {} MB",
                MAX_PART_BYTES / 1_000_000
            )));
        }
        let text = String::from_utf8(bytes).map_err(|error| failed(error.to_string()))?;
        Ok(Some(text.trim_start_matches('\u{feff}').to_owned()))
    }

    /// The part that the relationships part `rels` names for the relationship type ending in
    /// `/kind` (its target resolved against the folder of the part they are of).
    fn related(&mut self, rels: &str, kind: &str) -> Result<Option<String>, ExtractError> {
        let Some(xml) = self.part(rels)? else {
            return Ok(None);
        };
        let relationships = parse(&xml, rels)?;
        let target = elements(relationships.root_element())
            .filter(|e| is(*e, "Relationship"))
            .filter(|e| attribute(*e, "TargetMode") != Some("External"))
            .find(|e| attribute(*e, "Type").is_some_and(|t| t.ends_with(&format!("/{kind}"))))
            .and_then(|e| attribute(e, "Target"));
        Ok(target.map(|target| resolve(rels, target)))
    }
}

/// The package's own relationships part.
fn package_rels() -> String {
    "_rels/.rels".to_owned()
}

/// The relationships part of the part `part`: `word/document.xml` → `word/_rels/document.xml.rels`.
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// `target` of a relationship in the part `rels`, as a part name: relative to the folder of the
/// part the relationships are of, or from the package root when it starts with `/`.
fn resolve(rels: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    // "word/_rels/document.xml.rels" is of "word/document.xml": targets are relative to "word".
    let base = rels
        .strip_suffix(".rels")
        .and_then(|r| r.rsplit_once("_rels/").map(|(folder, _)| folder))
        .unwrap_or("");
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            piece => parts.push(piece),
        }
    }
    parts.join("/")
}

pub(super) fn parse<'a>(xml: &'a str, part: &str) -> Result<Document<'a>, ExtractError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(xml, options).map_err(|source| ExtractError::Xml {
        part: part.to_owned(),
        source,
    })
}

/// True when `node` is an element named `name` (in any namespace).
pub(super) fn is(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

/// The element children of `node`.
pub(super) fn elements<'a, 'input>(
    node: Node<'a, 'input>,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// The first element child of `node` named `name`.
pub(super) fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    elements(node).find(|e| is(*e, name))
}

/// The value of `node`'s attribute named `name` (in any namespace).
pub(super) fn attribute<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

/// Elements whose content is never text of the document.
const SKIPPED: &[&str] = &[
    // Tracked deletions and moves away, field codes.
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "delInstrText",
    // Properties, which hold no text.
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "sectPr",
    // The copy of a drawing or text box for readers that do not know the first choice.
    "Fallback",
];

/// A table row being read: the text of its cells so far, the paragraphs of the cell being
/// read, and the text boxes met.
#[derive(Default)]
struct Row<'a, 'input> {
    cells: Vec<String>,
    pieces: Vec<String>,
    boxes: Vec<Node<'a, 'input>>,
}

impl Row<'_, '_> {
    /// Ends the cell being read (nothing when it has no paragraphs yet).
    fn end_cell(&mut self) {
        if self.pieces.is_empty() {
            return;
        }
        let pieces: Vec<String> = std::mem::take(&mut self.pieces)
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        self.cells.push(pieces.join(" "));
    }
}

/// The blocks of text read so far, and what the paragraph being read has.
#[derive(Default)]
struct Reader {
    blocks: Vec<String>,
    /// The note whose paragraphs are being read, by its id.
    note: Option<String>,
    /// The number shown for each note, by its id, in the order the body refers to them.
    numbers: HashMap<String, usize>,
}

impl Reader {
    /// Reads the blocks (paragraphs, tables, content controls) under `container`.
    fn blocks(&mut self, container: Node<'_, '_>) {
        for element in elements(container) {
            match element.tag_name().name() {
                "p" => self.paragraph(element),
                "tbl" => self.table(element),
                name if SKIPPED.contains(&name) => {}
                _ => self.blocks(element),
            }
        }
    }

    /// Reads a paragraph as a block, then the text boxes in it.
    fn paragraph(&mut self, paragraph: Node<'_, '_>) {
        let mut text = String::new();
        let mut boxes = Vec::new();
        self.runs(paragraph, &mut text, &mut boxes);
        self.push(text);
        for text_box in boxes {
            self.blocks(text_box);
        }
    }

    /// Reads each row of a table as a block, its cells' text separated by tabs; a table inside
    /// a cell ends the row's block there and is read where it stands.
    fn table(&mut self, table: Node<'_, '_>) {
        for row in elements(table).filter(|e| is(*e, "tr")) {
            let mut row_text = Row::default();
            for cell in elements(row).filter(|e| is(*e, "tc")) {
                self.cell(cell, &mut row_text);
                row_text.end_cell();
            }
            self.end_row(&mut row_text);
        }
    }

    /// Reads the blocks of a table cell (or of a content control in it) into `row`.
    fn cell<'a, 'input>(&mut self, container: Node<'a, 'input>, row: &mut Row<'a, 'input>) {
        for block in elements(container) {
            match block.tag_name().name() {
                "p" => {
                    let mut text = String::new();
                    self.runs(block, &mut text, &mut row.boxes);
                    row.pieces.push(text.trim().to_owned());
                }
                "tbl" => {
                    self.end_row(row);
                    self.table(block);
                }
                name if SKIPPED.contains(&name) => {}
                _ => self.cell(block, row),
            }
        }
    }

    /// Ends the block of a row (or of the part of it before a table in a cell), then reads the
    /// text boxes met in it.
    fn end_row(&mut self, row: &mut Row<'_, '_>) {
        row.end_cell();
        self.push(std::mem::take(&mut row.cells).join("\t"));
        for text_box in std::mem::take(&mut row.boxes) {
            self.blocks(text_box);
        }
    }

    /// Adds the text under `node` (runs, hyperlinks, insertions, smart tags…) to `text`; text
    /// boxes and tables met inside go to `boxes`, to be read after.
    fn runs<'a, 'input>(
        &mut self,
        node: Node<'a, 'input>,
        text: &mut String,
        boxes: &mut Vec<Node<'a, 'input>>,
    ) {
        for element in elements(node) {
            match element.tag_name().name() {
                "t" => text.push_str(element.text().unwrap_or("")),
                "tab" | "ptab" => text.push('\t'),
                "br" | "cr" => text.push('\n'),
                "noBreakHyphen" => text.push('\u{2011}'),
                "footnoteReference" | "endnoteReference" => {
                    let id = attribute(element, "id").unwrap_or("");
                    let next = self.numbers.len() + 1;
                    let number = *self.numbers.entry(id.to_owned()).or_insert(next);
                    text.push_str(&format!("[{number}]"));
                }
                "footnoteRef" | "endnoteRef" => {
                    let id = self.note.clone().unwrap_or_default();
                    match self.numbers.get(&id) {
                        Some(number) => text.push_str(&format!("[{number}]")),
                        None => text.push_str(&format!("[{id}]")),
                    }
                }
                "txbxContent" => boxes.push(element),
                "AlternateContent" => {
                    if let Some(choice) = child(element, "Choice") {
                        self.runs(choice, text, boxes);
                    }
                }
                name if SKIPPED.contains(&name) => {}
                _ => self.runs(element, text, boxes),
            }
        }
    }

    /// Ends a block: kept when it has text.
    fn push(&mut self, text: String) {
        let text = text.trim();
        if !text.is_empty() {
            self.blocks.push(text.to_owned());
        }
    }

    /// The blocks as one text, a blank line between them.
    fn finish(self) -> String {
        let mut text = self.blocks.join("\n\n");
        if !text.is_empty() {
            text.push('\n');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_against_their_part_s_folder() {
        let cases = [
            ("_rels/.rels", "word/document.xml", "word/document.xml"),
            ("_rels/.rels", "/word/document.xml", "word/document.xml"),
            (
                "word/_rels/document.xml.rels",
                "footnotes.xml",
                "word/footnotes.xml",
            ),
            (
                "word/_rels/document.xml.rels",
                "../customXml/item1.xml",
                "customXml/item1.xml",
            ),
            (
                "word/_rels/document.xml.rels",
                "./notes/end.xml",
                "word/notes/end.xml",
            ),
        ];
        for (rels, target, part) in cases {
            assert_eq!(resolve(rels, target), part, "{rels} {target}");
        }
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
        assert_eq!(rels_of("document.xml"), "_rels/document.xml.rels");
    }

    /// The body of a document.xml around `body`.
    fn body(body: &str) -> String {
        format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn read(xml: &str) -> String {
        let document = parse(xml, "word/document.xml").expect("the test's XML parses");
        let mut reader = Reader::default();
        if let Some(body) = child(document.root_element(), "body") {
            reader.blocks(body);
        }
        reader.finish()
    }

    #[test]
    fn blocks_read_in_order_with_what_word_shows_and_without_what_it_hides() {
        let cases = [
            (
                "<w:p><w:r><w:t>One </w:t></w:r><w:r><w:t>line.</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>Two.</w:t></w:r></w:p>",
                "One line.\n\nTwo.\n",
            ),
            (
                "<w:p><w:r><w:t>Kept</w:t></w:r><w:del><w:r><w:delText> gone</w:delText></w:r></w:del><w:ins><w:r><w:t> added</w:t></w:r></w:ins></w:p>",
                "Kept added\n",
            ),
            (
                r#"<w:p><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>"#,
                "link\n",
            ),
            (
                "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
                "a\tb c\n\nd\n",
            ),
            (
                "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>before</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
                "before\n\ninner\n\nafter\n",
            ),
            (
                "<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>In the box</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>",
                "Anchor\n\nIn the box\n",
            ),
            (
                "<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t></w:r></w:p>",
                "A\tB\nC\n",
            ),
            (
                r#"<w:sdt><w:sdtContent><w:p><w:r><w:t>Control</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r></w:p></w:sdtContent></w:sdt>"#,
                "Control[1]\n",
            ),
        ];
        for (xml, text) in cases {
            assert_eq!(read(&body(xml)), text, "{xml}");
        }
    }

    #[test]
    fn a_file_that_is_no_word_document_says_what_it_is() {
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 64]);
        let cases: [(&[u8], &str); 2] = [
            (&ole, "password-protected"),
            (b"plain text, not a zip", "its bytes are no zip archive"),
        ];
        for (bytes, says) in cases {
            let message = text(bytes).expect_err("refused").to_string();
            assert!(message.contains(says), "{message}");
        }
    }
}
