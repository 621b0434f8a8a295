//! Re-anchoring: any stored annotation looked for in any article text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marginalia::model::{Annotation, AnnotationId, CharSpan, Document, Kind};
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The article, then the stored text, prefix and suffix, split at NULs.
    let mut parts = text.split('\0');
    let article = parts.next().unwrap_or_default();
    let stored = parts.next().unwrap_or("x");
    let prefix = parts.next().unwrap_or_default();
    let suffix = parts.next().unwrap_or_default();
    if article.is_empty() || stored.is_empty() {
        return;
    }
    let document = Document::from_text(PathBuf::from("a.txt"), article.to_owned());
    let Some(first) = CharSpan::new(0, 1) else {
        return;
    };
    let mut annotation = Annotation::new(AnnotationId("a".into()), Kind::Entity, first, &document);
    let start = data.len() % (document.char_count() + 1);
    let Some(span) = CharSpan::new(start, start + stored.chars().count()) else {
        return;
    };
    annotation.span = span;
    annotation.text = stored.to_owned();
    annotation.prefix = prefix.to_owned();
    annotation.suffix = suffix.to_owned();
    let _ = marginalia::anchor::relocate_all(&[annotation], &document);
});
