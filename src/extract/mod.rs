//! The text Marginalia annotates in documents that are not plain text: saved web pages
//! ([`html`]) and Word documents ([`docx`]). Bytes in, text out: blocks (paragraphs, headings,
//! list items, table rows) separated by a blank line, the same text for the same file and
//! extractor version. Nothing here knows annotations or egui.

pub mod docx;
pub mod html;

use std::path::Path;

/// A kind of document whose text is extracted rather than read as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// A saved web page (`.html`, `.htm`).
    Html,
    /// A Word document (`.docx`).
    Docx,
}

impl SourceFormat {
    /// Every format, for messages that list what opens.
    pub const ALL: [SourceFormat; 2] = [SourceFormat::Html, SourceFormat::Docx];

    /// The format of the file at `path`, by its extension; `None` for plain text.
    pub fn of_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "html" | "htm" => Some(SourceFormat::Html),
            "docx" => Some(SourceFormat::Docx),
            _ => None,
        }
    }

    /// The format's name as a sidecar records it: `html`, `docx`.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Html => "html",
            SourceFormat::Docx => "docx",
        }
    }

    /// The format read from a sidecar's name for it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }

    /// What a person calls such a file: "web page", "Word document".
    pub fn describe(self) -> &'static str {
        match self {
            SourceFormat::Html => "web page",
            SourceFormat::Docx => "Word document",
        }
    }

    /// The version of the extractor of this format: it changes whenever a change to the
    /// extraction could change the text of some file.
    pub fn extractor_version(self) -> u32 {
        match self {
            SourceFormat::Html => html::EXTRACTOR_VERSION,
            SourceFormat::Docx => docx::EXTRACTOR_VERSION,
        }
    }

    /// True for formats whose files are not text (they are read from their bytes, not decoded
    /// first).
    pub fn is_binary(self) -> bool {
        matches!(self, SourceFormat::Docx)
    }
}

/// Why the text of a document could not be extracted. The messages say what the file is and,
/// where something can be done, what.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// An encrypted (password-protected) Office file, or an old binary Word file.
    #[error(
        "it is password-protected (or an old binary .doc file): open it in Word or LibreOffice, remove the password or save it as .docx, and open that"
    )]
    Encrypted,
    /// The file is not a zip archive, as every .docx is.
    #[error("it is not a Word document (its bytes are no zip archive: {0}); it may be damaged")]
    NotAnArchive(#[source] zip::result::ZipError),
    /// A part of the archive could not be read.
    #[error("its part “{part}” cannot be read ({why}); the file may be damaged")]
    Part {
        /// The part's name in the archive.
        part: String,
        /// What went wrong.
        why: String,
    },
    /// The archive has no document in it.
    #[error("it has no document part (word/document.xml); it may be another kind of zip file")]
    NoDocument,
    /// A part's XML is broken.
    #[error("the XML of its part “{part}” is broken ({source}); the file may be damaged")]
    Xml {
        /// The part's name in the archive.
        part: String,
        /// What the parser said.
        source: roxmltree::Error,
    },
}
