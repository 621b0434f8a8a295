//! Folder mode: the list of a folder's articles, and going through them with Ctrl+PageDown and
//! Ctrl+PageUp, saving as it goes.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marginalia::gui::command::Command;
use marginalia::gui::host::file_dialog::DialogOutcome;
use marginalia::model::{Annotation, AnnotationSet, CharSpan, Document, Kind};
use marginalia::store::sidecar;
use std::time::{Duration, Instant};

use crate::common::*;

fn open_file_name(harness: &egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>) -> String {
    harness.state().session().unwrap().document().file_name()
}

#[test]
fn a_folder_lists_its_articles_and_ctrl_page_keys_go_through_them_saving() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    let a = write(d, "a.txt", ARTICLE);
    let b = write(d, "b.txt", "Zoë Ångström-Ruiz said the port would reopen.");
    write(d, "sub/c.md", "# 港口市\n\nThe council met.");
    // b is annotated already.
    let document = Document::open(&b).unwrap();
    let mut set = AnnotationSet::new();
    let span = CharSpan::new(0, 17).unwrap();
    set.insert(
        Annotation::new(set.fresh_id(), Kind::Entity, span, &document),
        &document,
    )
    .unwrap();
    sidecar::save(
        &sidecar::sidecar_path(&b),
        &document,
        &set,
        &Default::default(),
    )
    .unwrap();

    let mut harness = app_with(None, DialogOutcome::Cancelled);
    harness
        .state_mut()
        .push_command(Command::OpenFolder(d.to_owned()));
    harness.settle();
    assert_eq!(harness.state().folder().unwrap().entries().len(), 3);
    assert_eq!(open_file_name(&harness), "a.txt");
    // The statuses arrive from the background.
    let started = Instant::now();
    while harness.state().folder().unwrap().reading() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "statuses never came"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    let status = |harness: &egui_kittest::Harness<'_, marginalia::gui::MarginaliaApp>, i: usize| {
        harness.state().folder().unwrap().entries()[i]
            .status
            .clone()
            .unwrap()
    };
    assert_eq!(status(&harness, 1).annotations, 1);
    assert!(harness.query_by_label_contains("b.txt  1").is_some());

    // Label in a, go on: a is saved and counted, b opens.
    let span = span_of(&harness, "Amélie");
    select(&mut harness, span);
    key(&mut harness, Modifiers::NONE, Key::E);
    key(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(open_file_name(&harness), "b.txt");
    assert!(sidecar::sidecar_path(&a).exists());
    assert_eq!(status(&harness, 0).annotations, 1);
    key(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(open_file_name(&harness), "c.md");
    key(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(open_file_name(&harness), "c.md");
    let message = harness.state().messages().last().unwrap();
    assert!(message.text.contains("last article"), "{}", message.text);
    key(&mut harness, Modifiers::COMMAND, Key::PageUp);
    assert_eq!(open_file_name(&harness), "b.txt");

    // A click in the list opens that article.
    harness.get_by_label_contains("a.txt  1").click();
    harness.settle();
    assert_eq!(open_file_name(&harness), "a.txt");
    assert_eq!(texts(&harness), vec![(Kind::Entity, "Amélie".to_owned())]);
}

/// A harbour article in which the team marks what comes before "mused", a verb the rules do not
/// know, with the quotes' (content, speaker) pairs.
fn team_article(said: &[(&str, &str)]) -> String {
    let mut text = String::from("A day at the harbour.\n\n");
    for (content, speaker) in said {
        text.push_str(&format!(
            "{content}, {speaker} mused.\n\nThe tide came in.\n\n"
        ));
    }
    text
}

/// Writes the sidecar of `article` with a quote (speaker and cue "mused") for each pair.
fn annotate(article: &std::path::Path, said: &[(&str, &str)]) {
    use marginalia::model::{
        AnnotationId, Attributes, CharOffset, Excerpt, Party, QuoteAttributes, QuoteMode,
    };
    let document = Document::open(article).unwrap();
    let text = document.text().as_str().to_owned();
    let span_of = |part: &str, from: usize| {
        let start = from + text[from..].find(part).unwrap();
        let chars = |bytes: usize| text[..bytes].chars().count();
        CharSpan::between(
            CharOffset(chars(start)),
            CharOffset(chars(start + part.len())),
        )
    };
    let mut set = AnnotationSet::new();
    for (content, speaker) in said {
        let at = text.find(content).unwrap();
        let speaker_id = AnnotationId::generate(|id| set.contains_id(id));
        let entity = Annotation::new(
            speaker_id.clone(),
            Kind::Entity,
            span_of(speaker, at),
            &document,
        );
        set.insert(entity, &document).unwrap();
        let mut quote =
            Annotation::new(set.fresh_id(), Kind::Quote, span_of(content, 0), &document);
        quote.attributes = Attributes::Quote(QuoteAttributes {
            speaker: Some(Party::Mention(speaker_id)),
            cue: Some(Excerpt::of(&document, span_of("mused", at))),
            mode: Some(QuoteMode::Indirect),
        });
        set.insert(quote, &document).unwrap();
    }
    sidecar::save(
        &sidecar::sidecar_path(article),
        &document,
        &set,
        &Default::default(),
    )
    .unwrap();
}

#[test]
fn a_save_in_folder_mode_learns_and_the_next_article_gets_suggestions_the_rules_do_not_make() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let said: [[(&str, &str); 4]; 3] = [
        [
            ("The dam will hold all winter", "Holt"),
            ("The ferry will run again in spring", "Varga"),
            ("Nobody reads the harbour notices any more", "the clerk"),
            ("The old bridge was never safe for lorries", "Ruiz"),
        ],
        [
            ("Fishing boats will need new licences next year", "Lind"),
            ("The market hall should open on Sundays", "Okoye"),
            ("Most of the nets were bought in Bergen", "the skipper"),
            ("The storm of 1953 took the whole pier", "Brandt"),
        ],
        [
            ("Tourists never come before June", "the innkeeper"),
            ("The school will close if the road stays shut", "Moreau"),
            ("A new crane would double the catch", "Petrov"),
            ("Rents in the old town have risen every year", "Kaya"),
        ],
    ];
    for (n, quotes) in said.iter().enumerate() {
        let article = write(d, &format!("{}.txt", n + 1), &team_article(quotes));
        annotate(&article, quotes);
    }
    let fourth = "A day at the harbour.\n\nThe lighthouse will be painted red by June, Okafor mused.\n\nThe tide came in.\n";
    write(d, "4.txt", fourth);
    let mut harness = app_with(None, DialogOutcome::Cancelled);
    harness
        .state_mut()
        .push_command(Command::OpenFolder(d.to_owned()));
    harness.settle();
    assert_eq!(open_file_name(&harness), "1.txt");
    // The annotator marks one more thing and saves: that starts learning in the background
    // (on three small articles it can end before the next frame).
    let tide = span_of(&harness, "The tide came in");
    select(&mut harness, tide);
    key(&mut harness, Modifiers::NONE, Key::C);
    key(&mut harness, Modifiers::COMMAND, Key::S);
    let started = Instant::now();
    while !harness.state().background_work().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "learning never ended"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    let said_so = harness.state().messages().iter().any(|m| {
        m.text.contains(
            "Suggestions for the next articles: a model learned from 3 article(s) (12 quote(s))",
        )
    });
    assert!(said_so, "{:?}", harness.state().messages());
    for _ in 0..3 {
        key(&mut harness, Modifiers::COMMAND, Key::PageDown);
    }
    assert_eq!(open_file_name(&harness), "4.txt");
    harness.settle();
    let session = harness.state().session().unwrap();
    let quotes: Vec<String> = session
        .suggestions()
        .all()
        .iter()
        .filter(|s| s.kind == Kind::Quote)
        .map(|s| s.fragments[0].text.clone())
        .collect();
    assert_eq!(quotes, ["The lighthouse will be painted red by June"]);
    assert!(
        session
            .suggestions()
            .made_by()
            .contains("a model learned from 3 article(s)")
    );
}
