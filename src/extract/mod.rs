//! The text Marginalia annotates in documents that are not plain text: saved web pages
//! ([`html`]), Word documents ([`docx`]), OpenDocument texts ([`odt`]) and PDFs ([`pdf`]). Bytes in, text out: blocks (paragraphs, headings,
//! list items, table rows) separated by a blank line, the same text for the same file and
//! extractor version. Nothing here knows annotations or egui.

pub mod docx;
pub mod html;
pub mod odt;
pub mod pdf;

use std::path::Path;

/// A kind of document whose text is extracted rather than read as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// A saved web page (`.html`, `.htm`).
    Html,
    /// A Word document (`.docx`).
    Docx,
    /// An OpenDocument text (`.odt`, LibreOffice's own).
    Odt,
    /// A PDF's text layer (`.pdf`).
    Pdf,
}

impl SourceFormat {
    /// Every format, for messages that list what opens.
    pub const ALL: [SourceFormat; 4] = [
        SourceFormat::Html,
        SourceFormat::Docx,
        SourceFormat::Odt,
        SourceFormat::Pdf,
    ];

    /// The format of the file at `path`, by its extension; `None` for plain text.
    pub fn of_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "html" | "htm" => Some(SourceFormat::Html),
            "docx" => Some(SourceFormat::Docx),
            "odt" => Some(SourceFormat::Odt),
            "pdf" => Some(SourceFormat::Pdf),
            _ => None,
        }
    }

    /// The format's name as a sidecar records it: `html`, `docx`.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Html => "html",
            SourceFormat::Docx => "docx",
            SourceFormat::Odt => "odt",
            SourceFormat::Pdf => "pdf",
        }
    }

    /// The format read from a sidecar's name for it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }

    /// What a person calls such a file, with its article: "a web page", "an OpenDocument text".
    pub fn with_article(self) -> &'static str {
        match self {
            SourceFormat::Html => "a web page",
            SourceFormat::Docx => "a Word document",
            SourceFormat::Odt => "an OpenDocument text",
            SourceFormat::Pdf => "a PDF",
        }
    }

    /// The version of the extractor of this format: it changes whenever a change to the
    /// extraction could change the text of some file.
    pub fn extractor_version(self) -> u32 {
        match self {
            SourceFormat::Html => html::EXTRACTOR_VERSION,
            SourceFormat::Docx => docx::EXTRACTOR_VERSION,
            SourceFormat::Odt => odt::EXTRACTOR_VERSION,
            SourceFormat::Pdf => pdf::EXTRACTOR_VERSION,
        }
    }

    /// True for formats whose files are not text (they are read from their bytes, not decoded
    /// first).
    pub fn is_binary(self) -> bool {
        matches!(
            self,
            SourceFormat::Docx | SourceFormat::Odt | SourceFormat::Pdf
        )
    }

    /// What to do about a file of this format that has no text.
    pub fn when_no_text(self) -> &'static str {
        match self {
            SourceFormat::Pdf => {
                "its pages are likely scanned images: give it a text layer with OCR (for example `ocrmypdf in.pdf out.pdf`) and open that"
            }
            SourceFormat::Html | SourceFormat::Docx | SourceFormat::Odt => {
                "there is nothing to annotate"
            }
        }
    }
}

/// The text taken out of a binary document, with where its pages start (PDF only).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extracted {
    /// The text.
    pub text: String,
    /// The char offset where each page starts; empty for documents without pages.
    pub page_starts: Vec<usize>,
}

/// The text of the binary document of `format` in `bytes` (web pages are decoded as text and
/// read by [`html::extract`]).
pub fn binary_text(format: SourceFormat, bytes: &[u8]) -> Result<Extracted, ExtractError> {
    match format {
        SourceFormat::Docx => Ok(Extracted {
            text: docx::text(bytes)?,
            page_starts: Vec::new(),
        }),
        SourceFormat::Odt => Ok(Extracted {
            text: odt::text(bytes)?,
            page_starts: Vec::new(),
        }),
        SourceFormat::Pdf => {
            let pdf = pdf::text(bytes)?;
            Ok(Extracted {
                text: pdf.text,
                page_starts: pdf.page_starts,
            })
        }
        SourceFormat::Html => Ok(Extracted {
            text: html::extract(&String::from_utf8_lossy(bytes)),
            page_starts: Vec::new(),
        }),
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
    /// The file is not a zip archive, as every .docx and .odt is.
    #[error(
        "it is not a Word or OpenDocument file (its bytes are no zip archive: {0}); it may be damaged"
    )]
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
    #[error("it has no document part ({0}); it may be another kind of zip file")]
    NoDocument(&'static str),
    /// A password-protected PDF.
    #[error(
        "it is password-protected: open it in a PDF reader with its password, save or print it as a PDF without one, and open that"
    )]
    PdfEncrypted,
    /// A PDF that could not be read.
    #[error("it cannot be read as a PDF ({0}); it may be damaged or cut short")]
    PdfDamaged(String),
    /// A part's XML is broken.
    #[error("the XML of its part “{part}” is broken ({source}); the file may be damaged")]
    Xml {
        /// The part's name in the archive.
        part: String,
        /// What the parser said.
        source: roxmltree::Error,
    },
}
