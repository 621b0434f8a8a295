//! The sidecar loaders (the line reader for large files, the token reader, ron, placing and
//! re-anchoring) on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marginalia::model::Document;
use std::path::PathBuf;

const ARTICLE: &str = "“We wait,” said Amélie Dubois 👩🏽‍🔬 of 港口市 (مدارس).\r\nThe council met.\n";

fn document() -> Document {
    Document::from_text(PathBuf::from("a.txt"), ARTICLE.to_owned())
}

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("x.ron");
    // As a large file is read: line by line, straight from the bytes.
    let _ = marginalia::store::sidecar::place_from_reader(data, path, &document());
    let text = String::from_utf8_lossy(data);
    let _ = marginalia::store::sidecar::parse(&text, path, &document());
});
