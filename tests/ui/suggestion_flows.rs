//! Suggestions in the window: going through them with J and K, accepting with Enter (one undo
//! step), rejecting with X (kept when saved and reopened), accepting a whole kind with
//! Shift+Enter, clicking a ghost, the side panel's list and View → Suggestions.

use crate::common::*;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marginalia::gui::MarginaliaApp;
use marginalia::model::{Attributes, Kind, Party};
use marginalia::suggest::Suggestion;

/// Our own article: two quotes by one person, a checkable claim, a name.
const ARTICLE: &str = "“The dam will hold,” said Mira Holt, the town engineer. \
Repairs cost €2 million last year, more than the town had planned.\n\n\
The council met on Monday in Kestrel Hall. “We will vote in June,” Holt added.\n";

fn current(harness: &Harness<'_, MarginaliaApp>) -> Option<Suggestion> {
    let session = harness.state().session().unwrap();
    session.suggestions().current().cloned()
}

fn all(harness: &Harness<'_, MarginaliaApp>) -> Vec<Suggestion> {
    let session = harness.state().session().unwrap();
    session.suggestions().all().to_vec()
}

fn open(
    name: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, MarginaliaApp>,
) {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), name, ARTICLE);
    let mut harness = app(&article);
    harness.settle();
    (dir, article, harness)
}

/// Presses J until the current suggestion is of `kind`.
fn go_to(harness: &mut Harness<'_, MarginaliaApp>, kind: Kind) -> Suggestion {
    for _ in 0..all(harness).len() {
        key(harness, Modifiers::NONE, Key::J);
        if let Some(found) = current(harness).filter(|s| s.kind == kind) {
            return found;
        }
    }
    panic!("no {kind} suggestion: {:?}", all(harness));
}

#[test]
fn suggestions_are_made_when_the_article_opens_and_j_and_k_go_through_them() {
    let (_dir, _article, mut harness) = open("walk.txt");
    let found = all(&harness);
    let kinds: Vec<Kind> = found.iter().map(|s| s.kind).collect();
    assert!(kinds.contains(&Kind::Quote), "{found:?}");
    assert!(kinds.contains(&Kind::Claim), "{found:?}");
    assert!(kinds.contains(&Kind::Entity), "{found:?}");
    assert_eq!(current(&harness), None);
    key(&mut harness, Modifiers::NONE, Key::J);
    assert_eq!(current(&harness).as_ref(), found.first());
    key(&mut harness, Modifiers::NONE, Key::J);
    assert_eq!(current(&harness).as_ref(), found.get(1));
    key(&mut harness, Modifiers::NONE, Key::K);
    assert_eq!(current(&harness).as_ref(), found.first());
    key(&mut harness, Modifiers::NONE, Key::K);
    assert_eq!(current(&harness).as_ref(), found.last(), "K wraps around");
    assert!(
        harness
            .query_by_label_contains("Enter accepts · X rejects")
            .is_some(),
        "the status bar says what the current one is and which keys answer it"
    );
}

#[test]
fn enter_accepts_a_quote_with_its_speaker_and_cue_as_one_undo_step() {
    let (_dir, _article, mut harness) = open("accept.txt");
    let quote = go_to(&mut harness, Kind::Quote);
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let annotations = harness
        .state()
        .session()
        .unwrap()
        .annotations()
        .anchored()
        .to_vec();
    assert_eq!(annotations.len(), 2, "the quote and its speaker");
    let made = annotations
        .iter()
        .find(|a| a.kind() == Kind::Quote)
        .unwrap();
    let speaker = annotations
        .iter()
        .find(|a| a.kind() == Kind::Entity)
        .unwrap();
    assert_eq!(made.text, quote.fragments[0].text);
    assert_eq!(made.suggested_by.as_deref(), Some(quote.rule));
    assert_eq!(speaker.text, "Mira Holt");
    let Attributes::Quote(attributes) = &made.attributes else {
        panic!("not a quote");
    };
    assert_eq!(attributes.speaker, Some(Party::Mention(speaker.id.clone())));
    assert_eq!(
        attributes.cue.as_ref().map(|c| c.text.as_str()),
        Some("said")
    );
    assert!(attributes.mode.is_some());
    // The accepted one is no longer suggested, and the next one is current.
    assert!(!all(&harness).contains(&quote));
    assert!(current(&harness).is_some_and(|s| s != quote));
    // One undo step takes both back, and the suggestion returns.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().session().unwrap().annotations().is_empty());
    assert!(all(&harness).contains(&quote));
}

#[test]
fn x_rejects_and_the_rejection_is_saved_and_kept_when_reopened() {
    let (_dir, article, mut harness) = open("reject.txt");
    let claim = go_to(&mut harness, Kind::Claim);
    key(&mut harness, Modifiers::NONE, Key::X);
    assert!(!all(&harness).contains(&claim));
    assert!(harness.state().session().unwrap().is_dirty());
    // Undo brings it back; redo rejects it again.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(all(&harness).contains(&claim));
    key(&mut harness, Modifiers::COMMAND, Key::Y);
    assert!(!all(&harness).contains(&claim));
    key(&mut harness, Modifiers::COMMAND, Key::S);
    let sidecar = std::fs::read_to_string(article.with_extension("txt.ron")).unwrap();
    assert!(sidecar.contains("rejected_suggestions: ["), "{sidecar}");
    drop(harness);

    let mut reopened = app(&article);
    reopened.settle();
    let again = all(&reopened);
    assert!(!again.is_empty());
    assert!(
        !again
            .iter()
            .any(|s| s.kind == Kind::Claim && s.extent() == claim.extent()),
        "a rejected suggestion stays rejected: {again:?}"
    );
}

#[test]
fn shift_enter_accepts_every_suggestion_of_the_current_kind() {
    let (_dir, _article, mut harness) = open("all.txt");
    let quotes = all(&harness)
        .iter()
        .filter(|s| s.kind == Kind::Quote)
        .count();
    assert!(quotes >= 2);
    go_to(&mut harness, Kind::Quote);
    key(&mut harness, Modifiers::SHIFT, Key::Enter);
    let session = harness.state().session().unwrap();
    let made = session
        .annotations()
        .anchored()
        .iter()
        .filter(|a| a.kind() == Kind::Quote)
        .count();
    assert_eq!(made, quotes);
    assert!(!all(&harness).iter().any(|s| s.kind == Kind::Quote));
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|m| m.text == format!("Accepted {quotes} quote suggestion(s).")),
        "{:?}",
        harness.state().messages()
    );
    // Both quotes name Mira Holt: the second links to the speaker the first one made.
    let speakers = session
        .annotations()
        .anchored()
        .iter()
        .filter(|a| a.kind() == Kind::Entity)
        .count();
    assert_eq!(speakers, 2, "“Mira Holt” and “Holt”, each an entity once");
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().session().unwrap().annotations().is_empty());
}

#[test]
fn a_click_on_a_ghost_makes_it_current_and_a_click_elsewhere_lets_it_go() {
    let (_dir, _article, mut harness) = open("click.txt");
    let claim = all(&harness)
        .into_iter()
        .find(|s| s.kind == Kind::Claim)
        .unwrap();
    let inside = claim.fragments[0].span.start.0 + 3;
    let pos = char_pos(&harness, inside, false);
    click(&mut harness, pos);
    assert_eq!(current(&harness), Some(claim));
    // "The council met" has no suggestion on it.
    let plain = span_of(&harness, "council met").start.0;
    let pos = char_pos(&harness, plain, false);
    click(&mut harness, pos);
    assert_eq!(current(&harness), None);
}

#[test]
fn the_side_panel_lists_them_by_kind_with_accept_and_reject_buttons() {
    let (_dir, _article, mut harness) = open("panel.txt");
    let count = all(&harness).len();
    harness
        .get_by_label(&format!("Suggestions {count}"))
        .click();
    harness.settle();
    harness.get_all_by_label("Reject").next().unwrap().click();
    harness.settle();
    assert_eq!(all(&harness).len(), count - 1);
    let session = harness.state().session().unwrap();
    assert_eq!(session.annotations().rejections().len(), 1);
    harness.get_all_by_label("Accept").next().unwrap().click();
    harness.settle();
    assert!(!harness.state().session().unwrap().annotations().is_empty());
    // Hiding claims hides them from the list and from J.
    let claims = all(&harness)
        .iter()
        .filter(|s| s.kind == Kind::Claim)
        .count();
    harness.get_by_label(&format!("Claims {claims}")).click();
    harness.settle();
    for _ in 0..all(&harness).len() {
        key(&mut harness, Modifiers::NONE, Key::J);
        assert_ne!(current(&harness).map(|s| s.kind), Some(Kind::Claim));
    }
}

#[test]
fn f4_hides_and_shows_the_suggestions() {
    let (_dir, _article, mut harness) = open("toggle.txt");
    assert!(harness.state().preferences().suggestions);
    key(&mut harness, Modifiers::NONE, Key::F4);
    assert!(!harness.state().preferences().suggestions);
    assert!(all(&harness).is_empty());
    key(&mut harness, Modifiers::NONE, Key::J);
    assert_eq!(current(&harness), None);
    assert!(
        harness
            .state()
            .messages()
            .iter()
            .any(|m| m.text.contains("View → Suggestions")),
    );
    key(&mut harness, Modifiers::NONE, Key::F4);
    assert!(!all(&harness).is_empty(), "made again when shown");
}

#[test]
fn labelling_by_hand_what_was_suggested_takes_the_suggestion_away() {
    let (_dir, _article, mut harness) = open("by_hand.txt");
    let entity = all(&harness)
        .into_iter()
        .find(|s| s.kind == Kind::Entity)
        .unwrap();
    select(&mut harness, entity.fragments[0].span);
    key(&mut harness, Modifiers::NONE, Key::E);
    assert!(
        !all(&harness)
            .iter()
            .any(|s| s.kind == Kind::Entity && s.extent() == entity.extent()),
        "the list is made again after each change"
    );
}

/// A model learned from `article` with every rule quote accepted, saved beside it as the team's.
fn model_beside(article: &std::path::Path) {
    use marginalia::model::{AnnotationSet, Document};
    use marginalia::suggest::{self, Rules, learn};
    let document = Document::open(article).unwrap();
    let mut set = AnnotationSet::new();
    let rules = Rules::built_in();
    for found in suggest::suggest(&document, &set.clone(), &rules) {
        if found.kind != Kind::Quote {
            continue;
        }
        let edits = suggest::accepted(&found, &set, &document, || set.fresh_id());
        for edit in edits {
            set.apply(edit, &document).unwrap();
        }
    }
    let annotated = [learn::Annotated {
        document: &document,
        set: &set,
    }];
    let model = learn::train(
        &annotated,
        &rules,
        learn::TrainOptions::default(),
        &mut |_| {},
    );
    let path = article.with_file_name(learn::file::MODEL_FILE_NAME);
    model.save(&path).unwrap();
}

#[test]
fn a_team_model_beside_the_article_is_used_and_view_suggestions_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "modelled.txt", ARTICLE);
    model_beside(&article);
    let mut harness = app(&article);
    harness.settle();
    let made_by = harness.state().session().unwrap().suggestions().made_by();
    assert!(
        made_by.contains("a model learned from 1 article(s) (2 quote(s))"),
        "{made_by}"
    );
    harness.get_by_label("View").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("a model learned from 1 article(s)")
            .is_some()
    );
}

#[test]
fn a_damaged_team_model_is_named_and_the_rules_suggest_alone() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "damaged.txt", ARTICLE);
    std::fs::write(
        dir.path().join("marginalia-model.bin"),
        "MARGINALIA-MODEL\nbroken",
    )
    .unwrap();
    let mut harness = app(&article);
    harness.settle();
    let warned = harness
        .state()
        .messages()
        .iter()
        .any(|m| m.text.contains("is damaged") && m.text.contains("the rules suggest alone"));
    assert!(warned, "{:?}", harness.state().messages());
    assert!(!all(&harness).is_empty(), "the rules still suggest");
}
