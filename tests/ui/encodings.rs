//! Articles in other encodings: opened, annotated at the right chars, saved with their
//! encoding recorded, and reopened.

use crate::common::*;

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
            .all(|m| m.severity == marginalia::gui::app::Severity::Info),
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
        .find(|m| m.severity == marginalia::gui::app::Severity::Warning)
        .expect("a warning about the encoding");
    assert!(warning.text.contains("UTF-16 LE"), "{}", warning.text);
    assert!(warning.text.contains("wide.txt.ron"), "{}", warning.text);
}

#[test]
fn a_saved_web_page_opens_as_its_article_text_and_the_sidecar_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Quay vote</title><script>alert('no')</script></head><body>\
        <nav><a href=/>Home</a></nav><article><h1>Quay vote</h1>\
        <p>The council voted <b>19 to 4</b>.</p><p>“We will not wait,” said Amélie 👷🏽‍♀️.</p>\
        </article><div class=\"comments\"><p>First!</p></div></body></html>";
    let article = crate::common::write(dir.path(), "quay.html", page);
    let mut harness = crate::common::app(&article);
    let text = harness
        .state()
        .session()
        .unwrap()
        .document()
        .text()
        .as_str()
        .to_owned();
    assert_eq!(
        text,
        "Quay vote\n\nThe council voted 19 to 4.\n\n“We will not wait,” said Amélie 👷🏽‍♀️.\n"
    );
    let span = crate::common::span_of(&harness, "Amélie");
    crate::common::select(&mut harness, span);
    crate::common::key(&mut harness, egui::Modifiers::NONE, egui::Key::E);
    crate::common::key(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    let sidecar = std::fs::read_to_string(dir.path().join("quay.html.ron")).unwrap();
    assert!(sidecar.contains("source: Some(\"html\")"), "{sidecar}");
    assert!(sidecar.contains("extractor_version: Some(1)"), "{sidecar}");
    assert!(
        sidecar.contains("start: 64"),
        "offsets count the extracted text: {sidecar}"
    );

    // Reopening gives the same text, so every span is where it was.
    let harness = crate::common::app(&article);
    let session = harness.state().session().unwrap();
    assert_eq!(session.document().text().as_str(), text);
    assert_eq!(session.annotations().anchored().len(), 1);
    assert!(session.review_items().is_empty());
}

#[test]
fn a_web_page_without_article_text_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let article = crate::common::write(
        dir.path(),
        "menu.htm",
        "<html><body><nav>Home · News</nav></body></html>",
    );
    let harness = crate::common::app(&article);
    assert!(harness.state().session().is_none());
    let message = &harness.state().messages()[0].text;
    assert!(
        message.contains("menu.htm") && message.contains("no article text"),
        "{message}"
    );
}

#[test]
fn markdown_is_annotated_over_its_source_text() {
    let dir = tempfile::tempdir().unwrap();
    let source = "# Quay vote\r\n\r\n*Amélie* said the wall is **€48.6 million**.\n";
    let article = crate::common::write(dir.path(), "quay.md", source);
    let mut harness = crate::common::app(&article);
    assert_eq!(
        harness
            .state()
            .session()
            .unwrap()
            .document()
            .text()
            .as_str(),
        source
    );
    let span = crate::common::span_of(&harness, "Amélie");
    assert_eq!(
        span.start.0, 16,
        "the # and * marks count, CRLF counts as two"
    );
    crate::common::select(&mut harness, span);
    crate::common::key(&mut harness, egui::Modifiers::NONE, egui::Key::E);
    let annotation = &harness.state().session().unwrap().annotations().anchored()[0];
    assert_eq!(annotation.text, "Amélie");
    assert_eq!(annotation.span, span);
}
