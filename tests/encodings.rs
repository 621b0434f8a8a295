//! Articles in other encodings: opened, annotated at the right chars, saved with their
//! encoding recorded, and reopened.

mod common;
use common::*;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marginalia::model::{Kind, TextEncoding};

#[test]
fn a_windows_1252_article_opens_says_so_and_its_annotations_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("legacy.txt");
    // "Le café “crème” coûte 5 €." in Windows-1252, CRLF.
    std::fs::write(
        &path,
        b"Le caf\xE9 \x93cr\xE8me\x94 co\xFBte 5 \x80.\r\nFin.\r\n",
    )
    .unwrap();
    let mut harness = app(&path);
    let session = harness.state().session().unwrap();
    assert_eq!(session.document().encoding(), TextEncoding::Windows1252);
    assert!(harness.query_by_label_contains("Windows-1252 · ").is_some());
    let span = span_of(&harness, "“crème”");
    assert_eq!((span.start.0, span.end.0), (8, 15));
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::Q);
    key(&mut harness, Modifiers::COMMAND, Key::S);
    let sidecar = std::fs::read_to_string(dir.path().join("legacy.txt.ron")).unwrap();
    assert!(sidecar.contains("encoding: \"Windows-1252\""), "{sidecar}");
    assert!(sidecar.contains("start: 8,"), "{sidecar}");

    let reopened = app(&path);
    let set = reopened.state().session().unwrap().annotations();
    assert_eq!(set.anchored().len(), 1);
    assert_eq!(set.anchored()[0].kind(), Kind::Quote);
    assert_eq!(set.anchored()[0].text, "“crème”");
    assert!(
        reopened
            .state()
            .messages()
            .iter()
            .all(|m| m.severity == marginalia::app::Severity::Info),
        "{:?}",
        reopened.state().messages()
    );
}

#[test]
fn a_utf16_article_counts_chars_without_its_bom_and_a_changed_encoding_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Zoë 👩🏽‍🔬 said “中文”.\r\nمرحبا\n";
    let path = dir.path().join("wide.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, &bytes).unwrap();
    let mut harness = app(&path);
    assert_eq!(
        harness.state().session().unwrap().document().encoding(),
        TextEncoding::Utf16Le
    );
    let span = span_of(&harness, "中文");
    let expected = text[..text.find("中文").unwrap()].chars().count();
    assert_eq!(span.start.0, expected);
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    key(&mut harness, Modifiers::COMMAND, Key::S);

    // The same text saved as UTF-8: the annotations stay, and the user is told.
    std::fs::write(&path, text).unwrap();
    let reopened = app(&path);
    let session = reopened.state().session().unwrap();
    assert_eq!(session.document().encoding(), TextEncoding::Utf8);
    assert_eq!(session.annotations().anchored()[0].text, "中文");
    let warning = reopened
        .state()
        .messages()
        .iter()
        .find(|m| m.severity == marginalia::app::Severity::Warning)
        .expect("a warning about the encoding");
    assert!(warning.text.contains("UTF-16 LE"), "{}", warning.text);
    assert!(warning.text.contains("wide.txt.ron"), "{}", warning.text);
}
