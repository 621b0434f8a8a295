//! The real app, driven headless with egui_kittest: what a user does with mouse and keyboard.

use egui::{Event, Key, Modifiers, ViewportEvent, ViewportId, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::gui::MarginaliaApp;
use marginalia::gui::app::Severity;
use marginalia::gui::command::Command;
use marginalia::gui::host::file_dialog::DialogOutcome;
use marginalia::gui::views::dialogs::{ModalDialog, PendingAction};
use marginalia::model::TextSelection;
use marginalia::model::{CharSpan, Kind};
use std::path::{Path, PathBuf};

use crate::common::*;

#[test]
fn drag_label_save_and_reopen_restores_the_annotation_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "flood.txt", ARTICLE);
    let mut harness = app(&article);
    assert_eq!(harness.state().window_title(), "flood.txt — Marginalia");

    let name = span_of(&harness, "Amélie Dubois-Nakashima");
    let from = char_pos(&harness, name.start.0, false);
    let to = char_pos(&harness, name.end.0 - 1, true);
    drag(&mut harness, from, to);
    assert_eq!(
        harness.state().session().unwrap().view().selection().span(),
        name
    );
    key(&mut harness, Modifiers::NONE, Key::E);
    assert_eq!(
        texts(&harness),
        vec![(Kind::Entity, "Amélie Dubois-Nakashima".to_owned())]
    );
    assert!(harness.state().session().unwrap().is_dirty());
    assert_eq!(harness.state().window_title(), "● flood.txt — Marginalia");

    key(&mut harness, Modifiers::COMMAND, Key::S);
    let session = harness.state().session().unwrap();
    assert!(!session.is_dirty());
    assert_eq!(harness.state().window_title(), "flood.txt — Marginalia");
    let saved = session.annotations().anchored().to_vec();
    assert!(dir.path().join("flood.txt.ron").exists());

    let reopened = app(&article);
    let session = reopened.state().session().unwrap();
    assert_eq!(session.annotations().anchored(), saved.as_slice());
    assert_eq!(session.annotations().anchored()[0].span, name);
}

#[test]
fn keyboard_selection_moves_by_grapheme_and_word_and_ctrl_a_labels_everything() {
    let dir = tempfile::tempdir().unwrap();
    let family = "👨‍👩‍👧 first\r\nsecond line\r\n";
    let article = write(dir.path(), "keys.txt", family);
    let mut harness = app(&article);

    key(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    let selection = harness.state().session().unwrap().view().selection();
    assert_eq!(
        selection.span(),
        CharSpan::new(0, 5).unwrap(),
        "the ZWJ family is one step"
    );
    key(
        &mut harness,
        Modifiers::SHIFT | Modifiers::COMMAND,
        Key::ArrowRight,
    );
    let selection = harness.state().session().unwrap().view().selection();
    assert_eq!(selection.span(), CharSpan::new(0, 11).unwrap());
    key(&mut harness, Modifiers::SHIFT, Key::ArrowDown);
    let head = harness.state().session().unwrap().view().selection().head;
    assert!(
        head.0 > 13,
        "Shift+Down moved into the second line, to {head:?}"
    );
    key(&mut harness, Modifiers::NONE, Key::C);
    let claim = &texts(&harness)[0];
    assert_eq!(claim.0, Kind::Claim);
    assert!(claim.1.starts_with("👨‍👩‍👧 first\r\nsec"), "{:?}", claim.1);

    key(&mut harness, Modifiers::COMMAND, Key::A);
    key(&mut harness, Modifiers::NONE, Key::E);
    let all = texts(&harness);
    assert!(
        all.contains(&(Kind::Entity, "👨‍👩‍👧 first\r\nsecond line".to_owned())),
        "{all:?}"
    );
}

#[test]
fn number_keys_and_toolbar_buttons_label_too_and_white_space_is_trimmed() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "n.txt", ARTICLE);
    let mut harness = app(&article);
    let budget = span_of(&harness, " the budget is €48.6 million, ");
    select(&mut harness, budget);
    key(&mut harness, Modifiers::NONE, Key::Num2);
    assert_eq!(
        texts(&harness),
        vec![(Kind::Claim, "the budget is €48.6 million,".to_owned())]
    );

    let place = span_of(&harness, "港口市");
    harness.state_mut().select_text(TextSelection {
        anchor: place.end,
        head: place.start,
    });
    harness.settle();
    harness.get_by_label("Entity (E)").click();
    harness.settle();
    assert!(texts(&harness).contains(&(Kind::Entity, "港口市".to_owned())));

    // Labelling only white space says so and adds nothing.
    let blank = span_of(&harness, "\r\n\r\n");
    select(&mut harness, blank);
    key(&mut harness, Modifiers::NONE, Key::Q);
    assert_eq!(texts(&harness).len(), 2);
    let last = harness.state().messages().last().unwrap();
    assert!(last.text.contains("Select some text first"), "{last:?}");
}

#[test]
fn clicks_select_the_innermost_annotation_then_cycle_outward_and_delete_removes() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "nest.txt", ARTICLE);
    let mut harness = app(&article);
    let quote = span_of(
        &harness,
        "“We will not wait for the next storm,” said Amélie Dubois-Nakashima",
    );
    let claim = span_of(&harness, "We will not wait for the next storm");
    let entity = span_of(&harness, "the next storm");
    for (span, kind) in [
        (quote, Command::Label(Kind::Quote)),
        (claim, Command::Label(Kind::Claim)),
        (entity, Command::Label(Kind::Entity)),
    ] {
        select(&mut harness, span);
        harness.state_mut().push_command(kind);
        harness.settle();
    }
    assert_eq!(texts(&harness).len(), 3);
    let id_of = |harness: &Harness<'_, MarginaliaApp>, kind: Kind| {
        harness
            .state()
            .session()
            .unwrap()
            .annotations()
            .anchored()
            .iter()
            .find(|a| a.kind() == kind)
            .unwrap()
            .id
            .clone()
    };
    let inside = char_pos(&harness, entity.start.0 + 5, false);
    let selected = |harness: &Harness<'_, MarginaliaApp>| {
        harness.state().session().unwrap().selected().cloned()
    };

    click(&mut harness, inside);
    assert_eq!(selected(&harness), Some(id_of(&harness, Kind::Entity)));
    click(&mut harness, inside);
    assert_eq!(selected(&harness), Some(id_of(&harness, Kind::Claim)));
    click(&mut harness, inside);
    assert_eq!(selected(&harness), Some(id_of(&harness, Kind::Quote)));
    click(&mut harness, inside);
    assert_eq!(
        selected(&harness),
        Some(id_of(&harness, Kind::Entity)),
        "cycles back to the innermost"
    );

    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(selected(&harness), None);
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(
        texts(&harness).len(),
        3,
        "Delete without a selected annotation removes nothing"
    );

    click(&mut harness, inside);
    key(&mut harness, Modifiers::NONE, Key::Delete);
    let left: Vec<Kind> = texts(&harness).into_iter().map(|(k, _)| k).collect();
    assert_eq!(left, vec![Kind::Quote, Kind::Claim]);

    // A click on plain text selects no annotation.
    let plain = span_of(&harness, "Flood barrier");
    let outside = char_pos(&harness, plain.start.0 + 2, false);
    click(&mut harness, outside);
    assert_eq!(selected(&harness), None);
}

#[test]
fn double_click_selects_a_word_and_triple_click_a_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "w.txt", ARTICLE);
    let mut harness = app(&article);
    let word = span_of(&harness, "Dubois");
    let pos = char_pos(&harness, word.start.0 + 2, false);
    harness.event(Event::PointerMoved(pos));
    for _ in 0..2 {
        press(&mut harness, pos, true);
        press(&mut harness, pos, false);
        harness.step();
    }
    harness.settle();
    let selection = harness.state().session().unwrap().view().selection().span();
    let session = harness.state().session().unwrap();
    assert_eq!(session.document().text().slice(selection), "Dubois");

    press(&mut harness, pos, true);
    press(&mut harness, pos, false);
    harness.settle();
    let session = harness.state().session().unwrap();
    let selection = session.view().selection().span();
    assert!(
        session
            .document()
            .text()
            .slice(selection)
            .starts_with("“We will not wait")
    );
    assert!(
        session
            .document()
            .text()
            .slice(selection)
            .ends_with("master 👷🏽‍♀️.")
    );
}

#[test]
fn the_mouse_selects_the_chars_under_it_in_arabic_and_in_latin_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "rtl.txt", ARTICLE);
    let mut harness = app(&article);
    // Right to left: the word begins at its right edge and ends at its left one.
    let water = span_of(&harness, "الماء");
    let from = char_pos(&harness, water.start.0, true);
    let to = char_pos(&harness, water.end.0 - 1, false);
    assert!(from.x > to.x, "the word runs from right to left");
    drag(&mut harness, from, to);
    key(&mut harness, Modifiers::NONE, Key::E);
    // Latin later in the same paragraph keeps its offsets.
    let watched = span_of(&harness, "watched");
    let from = char_pos(&harness, watched.start.0, false);
    let to = char_pos(&harness, watched.end.0 - 1, true);
    drag(&mut harness, from, to);
    key(&mut harness, Modifiers::NONE, Key::C);
    // A double click inside an Arabic word selects that word.
    let waits = span_of(&harness, "ينتظر");
    let pos = char_pos(&harness, waits.start.0 + 2, false);
    harness.event(Event::PointerMoved(pos));
    for _ in 0..2 {
        press(&mut harness, pos, true);
        press(&mut harness, pos, false);
        harness.step();
    }
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Q);
    assert_eq!(
        texts(&harness),
        vec![
            (Kind::Entity, "الماء".to_owned()),
            (Kind::Quote, "ينتظر".to_owned()),
            (Kind::Claim, "watched".to_owned()),
        ]
    );
}

#[test]
fn the_side_panel_lists_annotations_and_a_click_scrolls_to_one_and_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut long = String::new();
    for i in 0..400 {
        long.push_str(&format!(
            "Paragraph {i}: the tide rose again and the café on the quay stayed closed.\n\n"
        ));
    }
    long.push_str("The last paragraph says the mayor resigned.\n");
    let article = write(dir.path(), "long.txt", &long);
    let mut harness = app(&article);
    let target = span_of(&harness, "the mayor resigned");
    select(&mut harness, target);
    harness
        .state_mut()
        .push_command(Command::Label(Kind::Claim));
    harness.settle();
    key(&mut harness, Modifiers::COMMAND, Key::Home);
    let last_paragraph = harness
        .state()
        .session()
        .unwrap()
        .document()
        .paragraphs()
        .len()
        - 2;
    assert!(
        !harness
            .state()
            .session()
            .unwrap()
            .view()
            .visible_paragraphs()
            .contains(&last_paragraph)
    );
    harness.state_mut().push_command(Command::ClearSelection);
    harness.settle();

    harness
        .get_by_label("(claimant unknown): “the mayor resigned”")
        .click();
    harness.settle();
    let session = harness.state().session().unwrap();
    assert!(
        session
            .view()
            .visible_paragraphs()
            .contains(&last_paragraph)
    );
    assert_eq!(
        session.selected(),
        Some(&session.annotations().anchored()[0].id)
    );
}

#[test]
fn unsaved_changes_ask_before_opening_another_article_and_before_closing() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "first.txt", ARTICLE);
    let second = write(dir.path(), "second.txt", "Another article.\n");
    let mut harness = app(&first);
    key(&mut harness, Modifiers::COMMAND, Key::A);
    key(&mut harness, Modifiers::NONE, Key::Q);
    // With autosave on (the default) nothing is asked; this flow is for autosave off.
    assert!(harness.state().preferences().autosave);
    harness.state_mut().push_command(Command::ToggleAutosave);
    harness.settle();
    assert!(!harness.state().preferences().autosave);

    harness
        .state_mut()
        .push_command(Command::Open(second.clone()));
    harness.settle();
    assert!(matches!(
        harness.state().modal(),
        Some(ModalDialog::UnsavedChanges {
            then: PendingAction::Open(_),
            ..
        })
    ));
    harness.get_by_label("Cancel").click();
    harness.settle();
    assert!(harness.state().modal().is_none());
    assert_eq!(
        harness.state().session().unwrap().document().file_name(),
        "first.txt"
    );

    harness
        .state_mut()
        .push_command(Command::Open(second.clone()));
    harness.settle();
    harness.get_by_label("Save").click();
    harness.settle();
    assert_eq!(
        harness.state().session().unwrap().document().file_name(),
        "second.txt"
    );
    assert!(
        dir.path().join("first.txt.ron").exists(),
        "Save saved before opening"
    );

    key(&mut harness, Modifiers::COMMAND, Key::A);
    key(&mut harness, Modifiers::NONE, Key::E);
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.settle();
    assert!(matches!(
        harness.state().modal(),
        Some(ModalDialog::UnsavedChanges {
            then: PendingAction::Quit,
            ..
        })
    ));
    harness.get_by_label("Discard").click();
    harness.settle();
    assert!(harness.state().modal().is_none());
    assert!(
        !dir.path().join("second.txt.ron").exists(),
        "Discard saved nothing"
    );
}

#[test]
fn without_a_file_dialog_a_path_field_opens_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "typed.txt", ARTICLE);
    let mut harness = app_with(None, DialogOutcome::Unavailable);
    assert!(harness.state().session().is_none());
    key(&mut harness, Modifiers::COMMAND, Key::O);
    match harness.state().modal() {
        Some(ModalDialog::PathEntry {
            note: Some(note), ..
        }) => assert!(note.contains("no file dialog")),
        other => panic!("expected the path field, got {other:?}"),
    }
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text(&article.display().to_string());
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().session().unwrap().document().file_name(),
        "typed.txt"
    );
    assert_eq!(harness.state().preferences().recent_files[0], article);
    // Opened again, the field has the focus again, so typing goes straight into it.
    key(&mut harness, Modifiers::COMMAND, Key::O);
    assert!(
        harness
            .get_by_role(egui::accesskit::Role::TextInput)
            .is_focused()
    );
}

#[test]
fn bad_files_give_clear_messages_and_keep_the_open_article() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", ARTICLE);
    let binary = dir.path().join("photo.jpg");
    std::fs::write(&binary, b"\xFF\xD8\xFF\xE0\0\x10JFIF\0").unwrap();
    let broken = dir.path().join("broken.txt");
    std::fs::write(&broken, b"\xEF\xBB\xBFcaf\xE9 cr\xE8me").unwrap();
    let empty = write(dir.path(), "empty.txt", "");
    let missing = dir.path().join("missing.txt");
    let mut harness = app(&good);
    for (path, expected) in [
        (binary.clone(), "not a text file"),
        (broken.clone(), "not valid UTF-8 with BOM"),
        (empty.clone(), "is empty"),
        (missing.clone(), "does not exist"),
        (dir.path().to_owned(), "is a folder"),
    ] {
        harness
            .state_mut()
            .push_command(Command::Open(path.clone()));
        // Fixed steps: the folder watch may wake the app for the files written above.
        harness.run_steps(8);
        let message = harness.state().messages().last().unwrap();
        assert_eq!(message.severity, Severity::Error);
        assert!(message.text.contains(expected), "{}", message.text);
        assert!(
            message
                .text
                .contains(&*path.file_name().unwrap().to_string_lossy()),
            "{}",
            message.text
        );
        assert_eq!(
            harness.state().session().unwrap().document().file_name(),
            "good.txt"
        );
    }
    assert_eq!(
        std::fs::read(&binary).unwrap(),
        b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"
    );
    assert!(!dir.path().join("photo.jpg.ron").exists());
}

#[test]
fn an_unreadable_sidecar_is_kept_and_backed_up_before_it_is_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "broken.txt", ARTICLE);
    let sidecar = dir.path().join("broken.txt.ron");
    std::fs::write(
        &sidecar,
        "(format: \"marginalia-sidecar\", version: 1, annotations: [oops",
    )
    .unwrap();
    let mut harness = app(&article);
    let warning = harness
        .state()
        .messages()
        .iter()
        .find(|m| m.severity == Severity::Warning)
        .unwrap();
    assert!(
        warning.text.contains("broken.txt.ron") && warning.text.contains("line 1"),
        "{}",
        warning.text
    );
    assert!(harness.state().session().unwrap().annotations().is_empty());

    key(&mut harness, Modifiers::COMMAND, Key::A);
    key(&mut harness, Modifiers::NONE, Key::Q);
    key(&mut harness, Modifiers::COMMAND, Key::S);
    let backup = dir.path().join("broken.txt.ron.bak");
    assert!(std::fs::read_to_string(&backup).unwrap().ends_with("[oops"));
    let reopened = app(&article);
    assert_eq!(reopened.state().session().unwrap().annotations().len(), 1);
}

#[test]
fn a_sidecar_another_program_replaced_after_opening_is_kept_as_a_backup_before_saving() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "race.txt", ARTICLE);
    let sidecar_path = dir.path().join("race.txt.ron");
    let mut harness = app(&article);
    key(&mut harness, Modifiers::COMMAND, Key::A);
    key(&mut harness, Modifiers::NONE, Key::E);
    key(&mut harness, Modifiers::COMMAND, Key::S);
    let ours = std::fs::read(&sidecar_path).unwrap();

    // Another program writes its own version; we save again before the watcher has said so.
    let theirs = String::from_utf8(ours.clone())
        .unwrap()
        .replace("kind: Entity", "kind: Claim");
    std::fs::write(&sidecar_path, &theirs).unwrap();
    let city = span_of(&harness, "港口市");
    select(&mut harness, city);
    key(&mut harness, Modifiers::NONE, Key::E);
    key(&mut harness, Modifiers::COMMAND, Key::S);

    let backup = dir.path().join("race.txt.ron.bak");
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        theirs,
        "their version is kept"
    );
    let saved = std::fs::read_to_string(&sidecar_path).unwrap();
    assert_eq!(saved.matches("kind: Entity").count(), 2, "ours is saved");
    let warning = harness
        .state()
        .messages()
        .iter()
        .rev()
        .find(|m| m.severity == Severity::Warning)
        .expect("a warning");
    assert!(
        warning.text.contains("race.txt.ron.bak") && warning.text.contains("another program"),
        "{}",
        warning.text
    );
    // Our own saves are not mistaken for another program's: a third save keeps no backup.
    key(&mut harness, Modifiers::NONE, Key::Delete);
    key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!dir.path().join("race.txt.ron.bak1").exists());
}

#[test]
fn zoom_keys_change_the_text_size() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "z.txt", ARTICLE);
    let mut harness = app(&article);
    key(&mut harness, Modifiers::COMMAND, Key::Equals);
    key(&mut harness, Modifiers::COMMAND, Key::Equals);
    assert!((harness.state().preferences().zoom - 1.21).abs() < 0.01);
    key(&mut harness, Modifiers::COMMAND, Key::Minus);
    assert!((harness.state().preferences().zoom - 1.1).abs() < 0.01);
    key(&mut harness, Modifiers::COMMAND, Key::Num0);
    assert_eq!(harness.state().preferences().zoom, 1.0);
}

#[test]
fn zooming_keeps_the_same_text_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut long = String::new();
    for i in 0..20_000 {
        long.push_str(&format!(
            "Line {i} of a long hard-wrapped book, as Gutenberg texts are.\n"
        ));
        if i % 5 == 4 {
            long.push('\n');
        }
    }
    let article = write(dir.path(), "book.txt", &long);
    let mut harness = app(&article);
    key(&mut harness, Modifiers::COMMAND, Key::End);
    let before = harness
        .state()
        .session()
        .unwrap()
        .view()
        .visible_paragraphs();
    key(&mut harness, Modifiers::COMMAND, Key::Equals);
    key(&mut harness, Modifiers::COMMAND, Key::Equals);
    let after = harness
        .state()
        .session()
        .unwrap()
        .view()
        .visible_paragraphs();
    eprintln!(
        "before {:?}..{:?} after {:?}..{:?}",
        before.first(),
        before.last(),
        after.first(),
        after.last()
    );
    let top = before[1];
    assert!(
        after[..3].contains(&top),
        "{:?} then {:?}",
        &before[..3],
        &after[..3]
    );
}

#[test]
fn page_keys_scroll_and_carry_the_caret() {
    let dir = tempfile::tempdir().unwrap();
    let long: String = (0..600)
        .map(|i| format!("Paragraph {i} about the harbour.\n"))
        .collect();
    let article = write(dir.path(), "pages.txt", &long);
    let mut harness = app(&article);
    key(&mut harness, Modifiers::NONE, Key::PageDown);
    key(&mut harness, Modifiers::NONE, Key::PageDown);
    let view = harness.state().session().unwrap().view();
    let visible = view.visible_paragraphs();
    let head = view.selection().head;
    let document = harness.state().session().unwrap().document();
    assert!(visible[0] >= 25, "scrolled two pages: {visible:?}");
    assert!(
        visible.contains(&document.paragraph_at(head)),
        "the caret stays in view"
    );
    key(&mut harness, Modifiers::SHIFT, Key::PageUp);
    let view = harness.state().session().unwrap().view();
    assert!(view.selection().head < head && view.selection().anchor == head);
}

#[test]
fn ctrl_c_copies_the_selected_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "copy.txt", ARTICLE);
    let mut harness = app(&article);
    let span = span_of(&harness, "港口市 voted");
    select(&mut harness, span);
    harness.settle();
    harness.event(Event::Copy);
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        });
    assert_eq!(copied.as_deref(), Some("港口市 voted"));
}

#[test]
fn dropping_a_file_on_the_window_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "first.txt", ARTICLE);
    let dropped = write(
        dir.path(),
        "dropped.md",
        "# Dropped\n\nA Markdown article.\n",
    );
    let mut harness = app(&first);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(dropped.clone())));
    harness.settle();
    assert_eq!(
        harness.state().session().unwrap().document().file_name(),
        "dropped.md"
    );
    assert_eq!(
        harness.state().preferences().recent_files[..2],
        [dropped, first]
    );
}

#[test]
fn a_word_document_opens_from_the_command_line_the_open_dialog_and_a_drop() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("harbour.docx");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/harbour.docx"),
        &docx,
    )
    .unwrap();
    let first = write(dir.path(), "first.txt", ARTICLE);
    let opens_the_word_text = |harness: &Harness<'static, MarginaliaApp>, how: &str| {
        let session = harness.state().session().expect("an article is open");
        let document = session.document();
        assert_eq!(document.file_name(), "harbour.docx", "{how}");
        assert!(
            document
                .text()
                .as_str()
                .starts_with("Harbour pier to reopen in spring\n\nThe harbour master"),
            "{how}"
        );
        assert!(
            document.text().as_str().contains("[1] Brandt spoke"),
            "{how}"
        );
        assert_eq!(document.derived().unwrap().format.name(), "docx", "{how}");
    };
    let harness = app(&docx);
    opens_the_word_text(&harness, "command line");

    let mut harness = app_with(Some(&first), DialogOutcome::Chosen(docx.clone()));
    key(&mut harness, Modifiers::COMMAND, Key::O);
    opens_the_word_text(&harness, "File → Open…");

    let mut harness = app(&first);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(docx.clone())));
    harness.settle();
    opens_the_word_text(&harness, "a drop");
}

#[test]
fn a_pdf_opens_with_its_pages_in_the_status_bar() {
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/harbour.pdf");
    let mut harness = app(&pdf);
    let session = harness.state().session().expect("the PDF is open");
    assert_eq!(session.document().page_count(), Some(2));
    assert!(
        harness
            .query_by_label_contains("text of a PDF (extractor 1) · page 1 of 2 · ")
            .is_some()
    );
    key(&mut harness, Modifiers::COMMAND, Key::End);
    assert!(
        harness
            .query_by_label_contains(" · page 2 of 2 · ")
            .is_some(),
        "the caret at the end is on the second page"
    );
}

/// eframe's storage, in memory.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

/// The app started again, with no file, on what the last run kept in `storage`.
fn restarted(storage: MemoryStorage) -> Harness<'static, MarginaliaApp> {
    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    Harness::builder()
        .with_size(vec2(1200.0, 800.0))
        .allow_missing_glyphs()
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            MarginaliaApp::new(cc, None, host(DialogOutcome::Cancelled))
        })
}

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

#[test]
fn recent_files_and_zoom_are_remembered_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = (0..12)
        .map(|i| write(dir.path(), &format!("a{i}.txt"), ARTICLE))
        .collect();
    let mut harness = app(&paths[0]);
    for path in &paths[1..] {
        harness
            .state_mut()
            .push_command(Command::Open(path.clone()));
        harness.settle();
    }
    key(&mut harness, Modifiers::COMMAND, Key::Minus);
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);

    let mut next = restarted(storage);
    next.run();
    let preferences = next.state().preferences();
    assert_eq!(preferences.recent_files.len(), 10);
    assert_eq!(preferences.recent_files[0], paths[11]);
    assert_eq!(preferences.recent_files[9], paths[2]);
    assert!((preferences.zoom - 0.91).abs() < 0.01);
    // The welcome screen offers them.
    next.get_by_label(&paths[11].display().to_string()).click();
    next.settle();
    assert_eq!(
        next.state().session().unwrap().document().file_name(),
        "a11.txt"
    );
}

#[test]
fn select_all_does_not_scroll() {
    let dir = tempfile::tempdir().unwrap();
    let long: String = (0..300).map(|i| format!("Paragraph {i}.\n")).collect();
    let article = write(dir.path(), "all.txt", &long);
    let mut harness = app(&article);
    key(&mut harness, Modifiers::COMMAND, Key::A);
    let view = harness.state().session().unwrap().view();
    assert_eq!(view.visible_paragraphs()[0], 0);
    assert_eq!(view.selection().span().len(), long.chars().count());
}

#[test]
fn a_failed_save_says_why_keeps_the_work_and_save_as_writes_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("news");
    std::fs::create_dir(&folder).unwrap();
    let article = write(&folder, "gone.txt", ARTICLE);
    let elsewhere = dir.path().join("rescued.txt.ron");
    let mut harness = app_with(Some(&article), DialogOutcome::Chosen(elsewhere.clone()));
    key(&mut harness, Modifiers::COMMAND, Key::A);
    key(&mut harness, Modifiers::NONE, Key::Q);
    std::fs::remove_dir_all(&folder).unwrap();

    key(&mut harness, Modifiers::COMMAND, Key::S);
    let message = harness.state().messages().last().unwrap().clone();
    assert_eq!(message.severity, Severity::Error);
    assert!(
        message.text.contains("gone.txt.ron") && message.text.contains("Save Annotations As"),
        "{}",
        message.text
    );
    assert!(
        harness.state().session().unwrap().is_dirty(),
        "the work stays open and unsaved"
    );
    assert_eq!(harness.state().session().unwrap().annotations().len(), 1);

    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    let saved = std::fs::read_to_string(&elsewhere).unwrap();
    assert!(saved.contains("kind: Quote"));
    assert!(
        harness.state().session().unwrap().is_dirty(),
        "the sidecar beside the article is still not saved"
    );
}

#[test]
fn with_no_file_and_nothing_opened_before_a_copy_of_the_sample_opens() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app_with_host(
        None,
        marginalia::gui::app::Host {
            data_dir: Some(data.path().to_owned()),
            ..host(DialogOutcome::Cancelled)
        },
    );
    harness
        .state_mut()
        .push_command(marginalia::gui::command::Command::ReopenLast);
    harness.settle();
    let copy = data.path().join("sample/sample-article.txt");
    let session = harness.state().session().expect("the sample is open");
    assert_eq!(session.document().path(), copy.as_path());
    assert_eq!(
        session.document().text().as_str(),
        marginalia::SAMPLE_ARTICLE
    );
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|m| m.text.contains("sample article, a copy in")),
        "{:?}",
        harness.state().messages()
    );
    // What a newcomer annotates is saved beside the copy.
    let span = span_of(&harness, "Port Elvane");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(data.path().join("sample/sample-article.txt.ron").is_file());
}

/// An article of 300 short paragraphs, long enough to scroll.
fn long_article() -> String {
    (1..=300)
        .map(|i| format!("Paragraph {i} of the harbour story, with a few words.\n\n"))
        .collect()
}

#[test]
fn reopening_an_article_restores_its_set_and_where_the_reader_was() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "long.txt", &long_article());
    let other = write(dir.path(), "other.txt", "Another article.\n");
    let mut harness = app(&first);
    // Set "kim" open, the view near the end.
    std::fs::write(
        marginalia::store::sidecar::set_path(&first, Some("kim")),
        "",
    )
    .unwrap();
    harness
        .state_mut()
        .push_command(marginalia::gui::command::Command::SwitchSet("kim".into()));
    harness.settle();
    key(&mut harness, Modifiers::COMMAND, Key::End);
    let top = |h: &egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>| {
        h.state().session().unwrap().view().visible_paragraphs()[0]
    };
    let was = top(&harness);
    assert!(was > 200, "scrolled to the end: {was}");
    harness
        .state_mut()
        .push_command(marginalia::gui::command::Command::Open(other.clone()));
    harness.settle();
    harness
        .state_mut()
        .push_command(marginalia::gui::command::Command::Open(first.clone()));
    harness.settle();
    let session = harness.state().session().unwrap();
    assert_eq!(session.set_name(), "kim");
    assert_eq!(top(&harness), was, "the same paragraph at the top");
    // Starting without a file reopens the last one.
    harness
        .state_mut()
        .push_command(marginalia::gui::command::Command::Open(other.clone()));
    harness.settle();
    harness
        .state_mut()
        .push_command(marginalia::gui::command::Command::ReopenLast);
    harness.settle();
    assert_eq!(
        harness.state().session().unwrap().document().path(),
        other.as_path()
    );
}

#[test]
fn the_next_run_without_a_file_reopens_the_last_article_in_its_set_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "long.txt", &long_article());
    std::fs::write(
        marginalia::store::sidecar::set_path(&article, Some("kim")),
        "",
    )
    .unwrap();
    let mut harness = app(&article);
    harness
        .state_mut()
        .push_command(Command::SwitchSet("kim".into()));
    harness.settle();
    key(&mut harness, Modifiers::COMMAND, Key::End);
    let was = harness
        .state()
        .session()
        .unwrap()
        .view()
        .visible_paragraphs()[0];
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);

    let mut next = restarted(storage);
    next.state_mut().push_command(Command::ReopenLast);
    next.settle();
    let session = next.state().session().expect("the last article reopened");
    assert_eq!(session.document().path(), article.as_path());
    assert_eq!(session.set_name(), "kim");
    assert_eq!(session.view().visible_paragraphs()[0], was);
}
