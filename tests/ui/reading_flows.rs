//! Reading the article as "who said what": the list groups an entity's mentions and puts
//! quotes under their speakers, the People tab lists every speaker with what they said, and
//! the kind and label checkboxes hide annotations in the article too.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::gui::MarginaliaApp;
use marginalia::gui::command::Command;
use marginalia::model::{Annotation, AnnotationId, Edit, Kind, Party, Placement};

/// Our own article: a company named three times, a spokeswoman quoted and claiming.
const STORY: &str = "Huawei wins port deal\n\n\
“We are proud,” said Sophie Batas, a spokeswoman for Huawei. \
Batas said the deal would create 300 jobs. \
Critics said Huawei had not answered. \
“Nobody asked us,” one resident said.\n";

fn command(harness: &mut Harness<'_, MarginaliaApp>, command: Command) {
    harness.state_mut().push_command(command);
    harness.settle();
}

fn label(harness: &mut Harness<'_, MarginaliaApp>, needle: &str, pressed: Key) -> AnnotationId {
    let span = span_of(harness, needle);
    select(harness, span);
    key(harness, Modifiers::NONE, pressed);
    harness
        .state()
        .session()
        .unwrap()
        .selected()
        .cloned()
        .unwrap()
}

fn get(harness: &Harness<'_, MarginaliaApp>, id: &AnnotationId) -> Annotation {
    harness
        .state()
        .session()
        .unwrap()
        .annotations()
        .get(id)
        .cloned()
        .unwrap()
}

fn credit(
    harness: &mut Harness<'_, MarginaliaApp>,
    statement: &AnnotationId,
    speaker: &AnnotationId,
) {
    let mut credited = get(harness, statement);
    credited
        .attributes
        .set_party(Some(Party::Mention(speaker.clone())));
    command(
        harness,
        Command::Change {
            label: "Credit".into(),
            edits: vec![Edit::Replace(credited)],
        },
    );
}

/// The story annotated: Huawei ×3 (ORG), Sophie Batas, her quote and claim, an anonymous quote.
fn annotated(dir: &std::path::Path) -> Harness<'static, MarginaliaApp> {
    let article = write(dir, "story.txt", STORY);
    let mut harness = app(&article);
    label(&mut harness, "Huawei", Key::E);
    key(&mut harness, Modifiers::NONE, Key::O);
    key(&mut harness, Modifiers::NONE, Key::A);
    let sophie = label(&mut harness, "Sophie Batas", Key::E);
    key(&mut harness, Modifiers::NONE, Key::P);
    let quote = label(&mut harness, "“We are proud,”", Key::Q);
    credit(&mut harness, &quote, &sophie);
    let claim = label(&mut harness, "the deal would create 300 jobs", Key::C);
    credit(&mut harness, &claim, &sophie);
    label(&mut harness, "“Nobody asked us,”", Key::Q);
    command(&mut harness, Command::ClearSelection);
    harness
}

fn listed(harness: &Harness<'_, MarginaliaApp>, text: &str) -> bool {
    harness.query_by_label(text).is_some()
}

#[test]
fn the_list_groups_an_entitys_mentions_and_names_each_speaker_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = annotated(dir.path());
    assert!(listed(&harness, "ORG Huawei ×3"));
    assert!(listed(&harness, "Sophie Batas: “We are proud,”"));
    assert!(listed(
        &harness,
        "Sophie Batas: “the deal would create 300 jobs”"
    ));
    assert!(listed(&harness, "(speaker unknown): “Nobody asked us,”"));
    assert!(listed(&harness, "PERSON Sophie Batas"));
    assert_eq!(harness.query_all_by_label("“Huawei”").count(), 0);
    // Opened, the group lists each mention; a click on one goes to it.
    harness.get_by_label("▸").click();
    harness.settle();
    assert_eq!(harness.query_all_by_label("“Huawei”").count(), 3);
    harness.get_all_by_label("“Huawei”").nth(2).unwrap().click();
    harness.settle();
    let session = harness.state().session().unwrap();
    let selected = session.selected_annotation().unwrap();
    assert_eq!(selected.text, "Huawei");
    assert_eq!(selected.span, {
        let text = session.document().text().as_str();
        let byte = text.rmatch_indices("Huawei").next().unwrap().0;
        let start = text[..byte].chars().count();
        marginalia::model::CharSpan::new(start, start + 6).unwrap()
    });
}

#[test]
fn the_people_tab_lists_every_speaker_with_what_they_said_and_a_click_goes_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = annotated(dir.path());
    harness.get_by_label("People").click();
    harness.settle();
    assert!(listed(&harness, "Sophie Batas · 1 quote, 1 claim"));
    assert!(listed(&harness, "Not attributed · 1 quote"));
    harness
        .get_by_label("“the deal would create 300 jobs”")
        .click();
    harness.settle();
    let session = harness.state().session().unwrap();
    assert_eq!(
        session.selected_annotation().unwrap().text,
        "the deal would create 300 jobs"
    );
}

#[test]
fn the_kind_checkboxes_hide_that_kind_in_the_article_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = annotated(dir.path());
    let company = span_of(&harness, "Huawei");
    // Shown: a click on the company selects it.
    let at = char_pos(&harness, company.start.0 + 2, false);
    click(&mut harness, at);
    let session = harness.state().session().unwrap();
    assert_eq!(session.selected_annotation().unwrap().kind(), Kind::Entity);
    command(&mut harness, Command::ClearSelection);
    // Entities hidden: the list drops them and a click on the company selects nothing.
    harness.get_by_label("Entity").click();
    harness.settle();
    assert!(!listed(&harness, "ORG Huawei ×3"));
    let at = char_pos(&harness, company.start.0 + 2, false);
    click(&mut harness, at);
    assert!(harness.state().session().unwrap().selected().is_none());
    // In the speaker's quote's sentence, a click on her name selects nothing either.
    let name = span_of(&harness, "Sophie");
    let at = char_pos(&harness, name.start.0 + 1, false);
    click(&mut harness, at);
    assert!(harness.state().session().unwrap().selected().is_none());
    // Tab steps through what is shown only: the quotes and the claim, never an entity.
    key(&mut harness, Modifiers::COMMAND, Key::Home);
    let mut kinds = Vec::new();
    for _ in 0..4 {
        key(&mut harness, Modifiers::NONE, Key::Tab);
        let session = harness.state().session().unwrap();
        kinds.push(session.selected_annotation().unwrap().kind());
    }
    assert_eq!(
        kinds,
        [Kind::Quote, Kind::Claim, Kind::Quote, Kind::Quote],
        "around and back to the first quote"
    );
}

#[test]
fn an_imported_label_that_covers_paragraphs_can_be_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = annotated(dir.path());
    // A narrative span over the whole paragraph, as LitBank's Recit is imported.
    let session = harness.state().session().unwrap();
    let paragraph = session.document().paragraphs()[2].span;
    let mut recit = Annotation::new(
        AnnotationId("R1".into()),
        Kind::Quote,
        paragraph,
        session.document(),
    );
    recit.source_label = Some("Recit".into());
    command(
        &mut harness,
        Command::Change {
            label: "Import".into(),
            edits: vec![Edit::Insert(recit, Placement::Anchored)],
        },
    );
    let jobs = span_of(&harness, "300 jobs");
    let at = char_pos(&harness, jobs.start.0, false);
    // A click inside picks the claim first, then (clicked again) the narrative around it.
    click(&mut harness, at);
    click(&mut harness, at);
    let selected = harness.state().session().unwrap().selected().cloned();
    assert_eq!(selected, Some(AnnotationId("R1".into())));
    command(&mut harness, Command::ClearSelection);
    harness.get_by_label("Imported labels (1)").click();
    harness.settle();
    harness.get_by_label("Recit (1)").click();
    harness.settle();
    click(&mut harness, at);
    click(&mut harness, at);
    let selected = harness
        .state()
        .session()
        .unwrap()
        .selected_annotation()
        .cloned();
    assert_ne!(
        selected.map(|a| a.id),
        Some(AnnotationId("R1".into())),
        "hidden"
    );
}
