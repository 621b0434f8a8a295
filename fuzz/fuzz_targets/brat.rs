//! The brat importer on any text.
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
    let map = marginalia::interop::LabelMap::default();
    let imported = marginalia::interop::brat::import(&text, &document(), &map);
    let colours = marginalia::interop::brat::BratColours::default();
    let _ = marginalia::interop::brat::export(
        &document(),
        &imported.set,
        &imported.extras,
        &map,
        &colours,
    );
});
