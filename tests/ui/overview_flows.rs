//! The overview ruler beside the article: where the annotations are, and a click to go there.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marginalia::model::Kind;

use crate::common::*;

#[test]
fn a_click_on_the_ruler_scrolls_the_article_there() {
    let dir = tempfile::tempdir().unwrap();
    let long = ARTICLE.repeat(120);
    let article = write(dir.path(), "long.txt", &long);
    let mut harness = app(&article);
    // An entity near the end.
    let start = long.chars().count() - 40;
    let span = marginalia::model::CharSpan::new(start, start + 6).unwrap();
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    assert_eq!(texts(&harness)[0].0, Kind::Entity);
    key(&mut harness, Modifiers::COMMAND, Key::Home);
    let first = harness
        .state()
        .session()
        .unwrap()
        .view()
        .visible_paragraphs()[0];
    assert_eq!(first, 0);

    let ruler = harness
        .get_by_label_contains("Overview of the annotations")
        .rect();
    let target = egui::pos2(ruler.center().x, ruler.min.y + ruler.height() * 0.9);
    click(&mut harness, target);
    harness.run_steps(4);
    let paragraphs = harness
        .state()
        .session()
        .unwrap()
        .document()
        .paragraphs()
        .len();
    let first = harness
        .state()
        .session()
        .unwrap()
        .view()
        .visible_paragraphs()[0];
    assert!(
        first > paragraphs * 8 / 10 && first < paragraphs * 95 / 100,
        "paragraph {first} of {paragraphs}"
    );
    // The ruler says how far through the article the view is.
    let said = (80..=95).find(|percent| {
        harness
            .query_by_label_contains(&format!("annotations, {percent} % through the article"))
            .is_some()
    });
    assert!(said.is_some(), "80 to 95 % through the article");
}

#[test]
fn f2_shows_charts_of_the_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "a.txt", ARTICLE);
    let mut harness = app(&article);
    let span = span_of(&harness, "Amélie Dubois-Nakashima");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    key(&mut harness, Modifiers::NONE, Key::F2);
    assert!(harness.state().statistics_shown());
    assert!(
        harness
            .query_by_label_contains("a.txt (set default): 1 annotation(s)")
            .is_some()
    );
    for title in [
        "Annotations per kind",
        "Entities per type",
        "Quotes per speaker",
    ] {
        assert!(harness.query_by_label(title).is_some(), "{title}");
    }
    key(&mut harness, Modifiers::NONE, Key::F2);
    assert!(!harness.state().statistics_shown());
}
