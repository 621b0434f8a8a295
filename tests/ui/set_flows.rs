//! Annotation sets in the window: new, switch, compare, duplicate, rename.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marginalia::gui::app::Severity;
use marginalia::gui::app::sets::name_from;
use marginalia::gui::command::{Command, PreferenceChange};
use marginalia::model::Kind;
use std::path::Path;

use crate::common::*;

fn label(harness: &mut egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>, text: &str) {
    let span = span_of(harness, text);
    select(harness, span);
    key(harness, Modifiers::NONE, Key::E);
}

fn command(
    harness: &mut egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>,
    command: Command,
) {
    harness.state_mut().push_command(command);
    harness.settle();
}

/// The app on `article`, with an annotator named (a machine may give no user name, and then
/// New Set asks for one first).
fn annotating_app(
    article: &Path,
) -> egui_kittest::Harness<'static, marginalia::gui::MarginaliaApp> {
    let mut harness = app(article);
    command(
        &mut harness,
        Command::SetPreference(PreferenceChange::Annotator("kim".into())),
    );
    harness
}

fn exists(dir: &Path, name: &str) -> bool {
    dir.join(name).exists()
}

#[test]
fn sets_are_created_switched_compared_duplicated_and_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "a.txt", ARTICLE);
    let mut harness = annotating_app(&article);
    label(&mut harness, "Amélie");
    let mine = name_from(&harness.state().preferences().annotator);

    // A new set, named after the annotator: the default set is saved on the way.
    command(&mut harness, Command::NewSet);
    assert!(exists(dir.path(), "a.txt.ron"));
    assert!(exists(dir.path(), &format!("a.txt.{mine}.ron")));
    let session = harness.state().session().unwrap();
    assert_eq!(session.set_name(), mine);
    assert!(session.annotations().is_empty());
    assert!(
        harness
            .state()
            .window_title()
            .contains(&format!("[{mine}]"))
    );
    label(&mut harness, "港口市");

    // Back to the default set, which still has its one annotation.
    command(&mut harness, Command::SwitchSet("default".into()));
    assert_eq!(texts(&harness), vec![(Kind::Entity, "Amélie".to_owned())]);
    assert!(!harness.state().session().unwrap().is_dirty());

    // Compared with the annotator's set: nothing in common.
    command(&mut harness, Command::CompareWith(Some(mine.clone())));
    let session = harness.state().session().unwrap();
    assert_eq!(session.overlay().unwrap().annotations.len(), 1);
    assert!(harness.query_by_label_contains("Compared with").is_some());

    // Duplicate under a bad name, then a good one; rename the copy.
    command(&mut harness, Command::DuplicateSet);
    harness
        .get_by_label("Duplicate the annotation set")
        .type_text("no good");
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let message = harness.state().messages().last().unwrap();
    assert_eq!(message.severity, Severity::Error);
    assert!(message.text.contains("letters, digits"), "{}", message.text);

    command(&mut harness, Command::DuplicateSet);
    harness
        .get_by_label("Duplicate the annotation set")
        .type_text("copy");
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().session().unwrap().set_name(), "copy");
    assert_eq!(texts(&harness), vec![(Kind::Entity, "Amélie".to_owned())]);

    command(&mut harness, Command::RenameSet);
    harness
        .get_by_label("Rename the annotation set")
        .type_text("second-pass");
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().session().unwrap().set_name(), "second-pass");
    assert!(!exists(dir.path(), "a.txt.copy.ron"));
    assert!(exists(dir.path(), "a.txt.second-pass.ron"));
    assert_eq!(texts(&harness), vec![(Kind::Entity, "Amélie".to_owned())]);
}

#[test]
fn curation_walks_the_differences_with_keys_and_saves_a_new_set() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "a.txt", ARTICLE);
    let mut harness = annotating_app(&article);
    for text in ["Amélie", "港口市", "council"] {
        label(&mut harness, text);
    }
    command(&mut harness, Command::NewSet);
    for text in ["Amélie Dubois-Nakashima", "港口市"] {
        label(&mut harness, text);
    }
    let mine = harness.state().session().unwrap().set_name().to_owned();
    command(&mut harness, Command::SwitchSet("default".into()));
    command(&mut harness, Command::CompareWith(Some(mine)));
    command(&mut harness, Command::StartCuration);
    assert!(
        harness
            .query_by_label_contains("difference 1 of 2 · 2 undecided · 1 agreed")
            .is_some()
    );
    // R keeps the right side of the first difference; N drops the second (the council).
    key(&mut harness, Modifiers::NONE, Key::R);
    assert!(
        harness
            .query_by_label_contains("difference 2 of 2 · 1 undecided")
            .is_some()
    );
    key(&mut harness, Modifiers::NONE, Key::N);
    key(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert!(
        harness
            .query_by_label_contains("difference 1 of 2 · 0 undecided")
            .is_some()
    );
    command(&mut harness, Command::FinishCuration);
    let session = harness.state().session().unwrap();
    assert_eq!(session.set_name(), "curated");
    assert!(exists(dir.path(), "a.txt.curated.ron"));
    assert_eq!(
        texts(&harness),
        vec![
            (Kind::Entity, "Amélie Dubois-Nakashima".to_owned()),
            (Kind::Entity, "港口市".to_owned()),
        ]
    );
}

#[test]
fn while_curating_keys_mean_exactly_what_they_say() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "a.txt", ARTICLE);
    let mut harness = annotating_app(&article);
    for text in ["Amélie", "港口市"] {
        label(&mut harness, text);
    }
    command(&mut harness, Command::NewSet);
    label(&mut harness, "Amélie Dubois-Nakashima");
    let mine = harness.state().session().unwrap().set_name().to_owned();
    command(&mut harness, Command::SwitchSet("default".into()));
    command(&mut harness, Command::CompareWith(Some(mine)));
    command(&mut harness, Command::StartCuration);
    let undecided = |harness: &egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>, n| {
        harness
            .query_by_label_contains(&format!("· {n} undecided"))
            .is_some()
    };
    assert!(undecided(&harness, 2));

    // Shift+→ extends the selection; it does not step to the next difference.
    let before = harness.state().session().unwrap().view().selection();
    key(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    let after = harness.state().session().unwrap().view().selection();
    assert_eq!(after.anchor, before.anchor);
    assert!(after.head.0 > before.head.0, "{before:?} → {after:?}");
    assert!(
        harness
            .query_by_label_contains("difference 1 of 2")
            .is_some()
    );

    // Alt+R is not R: nothing is decided.
    key(&mut harness, Modifiers::ALT, Key::R);
    assert!(undecided(&harness, 2));

    // With an entity selected, L gives it the type LOCATION and decides nothing.
    let entity = harness.state().session().unwrap().annotations().anchored()[0]
        .id
        .clone();
    command(
        &mut harness,
        Command::SelectAnnotation(Some(entity.clone())),
    );
    key(&mut harness, Modifiers::NONE, Key::L);
    let typed = harness
        .state()
        .session()
        .unwrap()
        .annotations()
        .get(&entity);
    assert_eq!(
        typed.and_then(|a| match &a.attributes {
            marginalia::model::Attributes::Entity(e) => e.entity_type.clone(),
            _ => None,
        }),
        Some("LOCATION".to_owned())
    );
    assert!(undecided(&harness, 2));

    // With nothing selected, L keeps the left side.
    command(&mut harness, Command::SelectAnnotation(None));
    key(&mut harness, Modifiers::NONE, Key::L);
    assert!(undecided(&harness, 1));
}

#[test]
fn curation_decides_alike_differences_or_all_remaining_ones_with_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "a.txt", ARTICLE);
    let mut harness = annotating_app(&article);
    // The default set has three entities and a claim the other set lacks.
    for text in ["Amélie", "港口市", "2021"] {
        label(&mut harness, text);
    }
    let span = span_of(&harness, "the budget is €48.6 million");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::C);
    command(&mut harness, Command::NewSet);
    let mine = harness.state().session().unwrap().set_name().to_owned();
    command(&mut harness, Command::SwitchSet("default".into()));
    command(&mut harness, Command::CompareWith(Some(mine)));
    command(&mut harness, Command::StartCuration);
    assert!(
        harness
            .query_by_label_contains("difference 1 of 4 · 4 undecided")
            .is_some()
    );
    assert!(harness.query_by_label("For all 3 alike:").is_some());
    // Shift+N: neither, for the three lone entities; the claim is left.
    key(&mut harness, Modifiers::SHIFT, Key::N);
    assert!(harness.query_by_label_contains("· 1 undecided").is_some());
    // Ctrl+Shift+L: keep the left side of everything that remains.
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    assert!(harness.query_by_label_contains("· 0 undecided").is_some());
    command(&mut harness, Command::FinishCuration);
    assert_eq!(
        texts(&harness),
        vec![(Kind::Claim, "the budget is €48.6 million".to_owned())]
    );
}

#[test]
fn the_annotator_is_typed_in_the_settings_window_and_asked_once_when_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "a.txt", ARTICLE);
    let mut harness = app(&article);
    command(
        &mut harness,
        Command::SetPreference(PreferenceChange::Annotator(String::new())),
    );
    // No name: New Set asks for one, once.
    command(&mut harness, Command::NewSet);
    harness.get_by_label("Who is annotating?");
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("Zoë K");
    harness.settle();
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().preferences().annotator, "Zoë K");
    assert_eq!(harness.state().session().unwrap().set_name(), "Zoë-K");
    assert!(exists(dir.path(), "a.txt.Zoë-K.ron"));
    command(&mut harness, Command::NewSet);
    assert!(harness.state().modal().is_none(), "asked once");
    assert_eq!(harness.state().session().unwrap().set_name(), "Zoë-K-2");

    // Ctrl+, opens Settings, where the name can be typed (the menu used to close first).
    key(&mut harness, Modifiers::COMMAND, Key::Comma);
    assert!(harness.state().settings_shown());
    let field = harness.get_by_label("Your name or initials:");
    field.click();
    harness.settle();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Your name or initials:")
        .type_text("amelie");
    harness.settle();
    assert_eq!(harness.state().preferences().annotator, "amelie");
    assert!(
        harness
            .query_by_label("New annotation sets are named “amelie”.")
            .is_some()
    );
    assert!(harness.state().settings_shown(), "typing keeps it open");
}

#[test]
fn comparing_does_not_widen_the_side_panel_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "a.txt", ARTICLE);
    let mut harness = annotating_app(&article);
    label(&mut harness, "Amélie");
    let mine = name_from(&harness.state().preferences().annotator);
    command(&mut harness, Command::NewSet);
    label(&mut harness, "港口市");
    command(&mut harness, Command::SwitchSet("default".into()));
    // Where the article's first line ends says how wide the article column is.
    let text_edge = |h: &egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>| {
        let session = h.state().session().unwrap();
        let end = session.document().paragraphs()[2].span.start;
        session
            .view()
            .char_rect(session.document(), end)
            .unwrap()
            .min
            .x
    };
    let before = text_edge(&harness);
    command(&mut harness, Command::CompareWith(Some(mine)));
    assert!(harness.query_by_label_contains("Compared with").is_some());
    assert_eq!(text_edge(&harness), before, "while comparing");
    command(&mut harness, Command::CompareWith(None));
    assert_eq!(text_edge(&harness), before, "after comparing");
}
