//! The sidecar loader (fast reader, ron, placing and re-anchoring) on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marginalia::model::Document;
use std::path::PathBuf;

const ARTICLE: &str = "“We wait,” said Amélie Dubois 👩🏽‍🔬 of 港口市 (مدارس).\r\nThe council met.\n";

fn document() -> Document {
    Document::from_text(PathBuf::from("a.txt"), ARTICLE.to_owned())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = marginalia::sidecar::parse(&text, std::path::Path::new("x.ron"), &document());
});
