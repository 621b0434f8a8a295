//! The W3C Web Annotation importer on any text, in both units.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marginalia::interop::w3c;
use marginalia::model::Document;
use std::path::PathBuf;

const ARTICLE: &str = "“We wait,” said Amélie Dubois 👩🏽‍🔬 of 港口市 (مدارس).\r\nThe council met.\n";

fn document() -> Document {
    Document::from_text(PathBuf::from("a.txt"), ARTICLE.to_owned())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let map = marginalia::interop::LabelMap::default();
    for unit in [w3c::Unit::CodePoints, w3c::Unit::Utf16] {
        let _ = w3c::import(&text, &document(), &map, unit);
    }
});
