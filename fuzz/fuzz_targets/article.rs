//! Decoding an article (encodings, line endings, HTML extraction) from any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marginalia::model::Document;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    for name in ["x.txt", "x.html", "x.md"] {
        if let Ok(document) = Document::from_bytes(PathBuf::from(name), data.to_vec()) {
            let _ = document.paragraphs().len();
        }
    }
});
