//! Words in every script and Find as people expect it, driven as a user would: double-click
//! and Ctrl+Shift+arrows select dictionary words in Thai and Japanese; Find ignores case and
//! accents unless told otherwise, and a search with no match shows none.

use crate::common::*;
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::gui::MarginaliaApp;
use marginalia::model::TextSelection;

/// Our own lines: Thai and Japanese run their words together.
const NO_SPACES: &str =
    "Harbour notes\n\nสภาประชุม ทุกสองสัปดาห์ ที่ท่าเรือ\n\n港の人は「こんにちは世界」と言った。\n";

fn double_click(harness: &mut Harness<'_, MarginaliaApp>, pos: egui::Pos2) {
    harness.event(Event::PointerMoved(pos));
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        harness.step();
    }
    harness.settle();
}

fn selected_text(harness: &Harness<'_, MarginaliaApp>) -> String {
    let session = harness.state().session().unwrap();
    session
        .view()
        .selected_text(session.document())
        .unwrap_or_default()
}

#[test]
fn double_click_selects_a_thai_or_japanese_word_not_a_character() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "words.txt", NO_SPACES);
    let mut harness = app(&article);
    for (word, inside) in [("สอง", 1), ("สัปดาห์", 3), ("世界", 1), ("こんにちは", 2)]
    {
        let span = span_of(&harness, word);
        let pos = char_pos(&harness, span.start.0 + inside, false);
        double_click(&mut harness, pos);
        assert_eq!(selected_text(&harness), word);
        harness.run_steps(40);
    }
}

#[test]
fn ctrl_shift_arrows_extend_the_selection_by_thai_words() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "words.txt", NO_SPACES);
    let mut harness = app(&article);
    let start = span_of(&harness, "ทุกสองสัปดาห์").start;
    harness.state_mut().select_text(TextSelection::caret(start));
    harness.settle();
    let extend = Modifiers::COMMAND | Modifiers::SHIFT;
    key(&mut harness, extend, Key::ArrowRight);
    assert_eq!(selected_text(&harness), "ทุก");
    key(&mut harness, extend, Key::ArrowRight);
    assert_eq!(selected_text(&harness), "ทุกสอง");
    key(&mut harness, extend, Key::ArrowLeft);
    assert_eq!(selected_text(&harness), "ทุก");
}

/// Our own sentence with accented names.
const ACCENTS: &str = "Natásha met Natasha and NATÁSHA at the quay; Zoë waved.\n";

#[test]
fn find_ignores_case_and_accents_by_default_and_a_search_without_match_selects_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "accents.txt", ACCENTS);
    let mut harness = app(&article);
    key(&mut harness, Modifiers::COMMAND, Key::F);
    harness.get_by_label("Find:").type_text("natasha");
    harness.settle();
    let matches = harness.state().find_matches().to_vec();
    assert_eq!(matches.len(), 3, "{matches:?}");
    assert_eq!(selected_text(&harness), "Natásha", "offsets stay exact");
    assert!(harness.query_by_label("1 of 3").is_some());
    // Exact accents: only the plain one.
    harness.get_by_label("Match accents").click();
    harness.settle();
    assert_eq!(harness.state().find_matches().len(), 1);
    // Exact case as well: "natasha" is not there; the old match is no longer selected.
    harness.get_by_label("Match case").click();
    harness.settle();
    assert!(harness.state().find_matches().is_empty());
    assert_eq!(
        selected_text(&harness),
        "",
        "no match, nothing shown as found"
    );
    assert!(harness.query_by_label("no matches").is_some());
    // Back to loose matching, a word with a diaeresis is found from plain letters.
    harness.get_by_label("Match accents").click();
    harness.get_by_label("Match case").click();
    harness.settle();
    // Ctrl+F selects the text looked for, so typing replaces it.
    key(&mut harness, Modifiers::COMMAND, Key::F);
    harness.get_by_label("Find:").type_text("zoe");
    harness.settle();
    assert_eq!(harness.state().find_matches().len(), 1);
    assert_eq!(selected_text(&harness), "Zoë");
}
