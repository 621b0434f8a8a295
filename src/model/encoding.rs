//! Turning an article's bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with
//! a byte-order mark, and Windows-1252 for bytes that are not UTF-8. The BOM is not part of the
//! text, so offsets never count it.

use std::fmt;

/// How an article's bytes were decoded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    #[default]
    Utf8,
    /// UTF-8 after a byte-order mark.
    Utf8Bom,
    /// UTF-16 little-endian after a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian after a byte-order mark.
    Utf16Be,
    /// The legacy Western single-byte encoding, for bytes that are not UTF-8.
    Windows1252,
}

impl TextEncoding {
    /// Every encoding.
    pub const ALL: [TextEncoding; 5] = [
        TextEncoding::Utf8,
        TextEncoding::Utf8Bom,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::Windows1252,
    ];

    /// The name shown to people and stored in sidecars.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }

    /// The encoding called `name` (as [`TextEncoding::name`] gives it).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.name() == name)
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why bytes are not an article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or chars: not a text file.
    Binary,
    /// A byte-order mark promised an encoding that the bytes break.
    Malformed {
        /// The promised encoding.
        encoding: TextEncoding,
        /// Offset of the first byte that breaks it.
        byte: usize,
    },
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16_LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16_BE_BOM: &[u8] = b"\xFE\xFF";

/// Decodes an article's bytes, choosing the encoding as described in the module docs.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), DecodeError> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        let text = std::str::from_utf8(rest).map_err(|e| DecodeError::Malformed {
            encoding: TextEncoding::Utf8Bom,
            byte: UTF8_BOM.len() + e.valid_up_to(),
        })?;
        (text.to_owned(), TextEncoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(UTF16_LE_BOM) {
        (
            decode_utf16(rest, encoding_rs::UTF_16LE, TextEncoding::Utf16Le)?,
            TextEncoding::Utf16Le,
        )
    } else if let Some(rest) = bytes.strip_prefix(UTF16_BE_BOM) {
        (
            decode_utf16(rest, encoding_rs::UTF_16BE, TextEncoding::Utf16Be)?,
            TextEncoding::Utf16Be,
        )
    } else {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), TextEncoding::Utf8),
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                (text.into_owned(), TextEncoding::Windows1252)
            }
        }
    };
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok((text, encoding))
}

fn decode_utf16(
    bytes: &[u8],
    decoder: &'static encoding_rs::Encoding,
    encoding: TextEncoding,
) -> Result<String, DecodeError> {
    let malformed = |byte: usize| DecodeError::Malformed {
        encoding,
        byte: 2 + byte,
    };
    if !bytes.len().is_multiple_of(2) {
        return Err(malformed(bytes.len() - 1));
    }
    decoder
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or_else(|| malformed(first_bad_unit(bytes, encoding) * 2))
}

/// Index of the first UTF-16 unit that is an unpaired surrogate.
fn first_bad_unit(bytes: &[u8], encoding: TextEncoding) -> usize {
    let units = bytes.chunks_exact(2).map(|pair| match encoding {
        TextEncoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    let mut index = 0;
    for result in char::decode_utf16(units) {
        match result {
            Ok(c) => index += c.len_utf16(),
            Err(_) => return index,
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            UTF16_BE_BOM.to_vec()
        } else {
            UTF16_LE_BOM.to_vec()
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    }

    /// Our hard text; offsets are counted independently with `chars()`.
    const TEXT: &str = "Zoë 👩🏽‍🔬 said “中文”,\r\nمرحبا\rend\n";

    #[test]
    fn each_encoding_decodes_to_the_same_text_without_its_bom() {
        let expected = TEXT.chars().count();
        let mut with_bom = UTF8_BOM.to_vec();
        with_bom.extend(TEXT.as_bytes());
        for (bytes, encoding) in [
            (TEXT.as_bytes().to_vec(), TextEncoding::Utf8),
            (with_bom, TextEncoding::Utf8Bom),
            (utf16(TEXT, false), TextEncoding::Utf16Le),
            (utf16(TEXT, true), TextEncoding::Utf16Be),
        ] {
            let (text, found) = decode(&bytes).unwrap();
            assert_eq!(found, encoding);
            assert_eq!(text, TEXT, "{encoding}");
            assert_eq!(text.chars().count(), expected);
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_windows_1252() {
        let (text, encoding) = decode(b"caf\xE9 \x93cr\xE8me\x94 \x80 5\r\n").unwrap();
        assert_eq!(encoding, TextEncoding::Windows1252);
        assert_eq!(text, "café “crème” € 5\r\n");
        assert_eq!(text.chars().count(), 18, "one char per byte");
    }

    #[test]
    fn binary_and_broken_files_are_refused() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0"), Err(DecodeError::Binary));
        assert_eq!(
            decode(b"\xEF\xBB\xBFok\xFF"),
            Err(DecodeError::Malformed {
                encoding: TextEncoding::Utf8Bom,
                byte: 5
            })
        );
        // An unpaired surrogate after two good units.
        assert_eq!(
            decode(b"\xFF\xFEa\0b\0\x00\xD8c\0"),
            Err(DecodeError::Malformed {
                encoding: TextEncoding::Utf16Le,
                byte: 6
            })
        );
        assert!(matches!(
            decode(b"\xFE\xFF\0a\0"),
            Err(DecodeError::Malformed { .. })
        ));
        assert_eq!(decode(&utf16("a\0b", false)), Err(DecodeError::Binary));
        for encoding in TextEncoding::ALL {
            assert_eq!(TextEncoding::from_name(encoding.name()), Some(encoding));
        }
    }
}
