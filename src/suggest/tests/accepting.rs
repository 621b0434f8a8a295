//! Accepting a suggestion: the quote with its cue and speaker, a gazetteer name, a pronoun's person.

use super::*;

/// The annotations `edits` insert.
fn inserted(edits: Vec<crate::model::Edit>) -> Vec<crate::model::Annotation> {
    edits
        .into_iter()
        .filter_map(|edit| match edit {
            crate::model::Edit::Insert(annotation, _) => Some(annotation),
            _ => None,
        })
        .collect()
}

#[test]
fn a_gazetteer_name_is_accepted_with_its_type_and_identity_made_once() {
    let text = "Mira Holt spoke. Later Mira Holt left.";
    let document = Document::from_text(PathBuf::from("a.txt"), text.to_owned());
    let (gazetteer, bad) = gazetteer::Gazetteer::parse("Mira Holt\tPERSON\tMira A. Holt\tQ42\n");
    assert!(bad.is_empty());
    let rules = Rules {
        gazetteer,
        ..Rules::built_in()
    };
    let mut set = AnnotationSet::new();
    let found: Vec<Suggestion> = suggest(&document, &set, &rules)
        .into_iter()
        .filter(|s| s.kind == Kind::Entity)
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|s| s.rule == "the team's gazetteer"));
    let mut n = 0;
    for suggestion in &found {
        let edits = accepted(suggestion, &set, &document, || {
            n += 1;
            crate::model::AnnotationId(format!("g{n}"))
        });
        for edit in edits {
            set.apply(edit, &document).unwrap();
        }
    }
    assert_eq!(set.identities().len(), 1, "one identity for both mentions");
    let identity = set.identities().values().next().unwrap();
    assert_eq!(identity.name, "Mira A. Holt");
    assert_eq!(identity.external_id.as_deref(), Some("Q42"));
    for mention in set.anchored() {
        let crate::model::Attributes::Entity(e) = &mention.attributes else {
            panic!("an entity");
        };
        assert_eq!(e.entity_type.as_deref(), Some("PERSON"));
        assert_eq!(e.identity.as_ref(), Some(&identity.id));
    }
}

#[test]
fn accepting_makes_the_quote_its_cue_and_its_speaker_entity_or_links_the_one_there() {
    let text = "“We will build the wall,” Ilse Brandt said.";
    let document = Document::from_text(PathBuf::from("a.txt"), text.to_owned());
    let suggestion = &found(text)[0];
    let mut n = 0;
    let mut fresh = || {
        n += 1;
        crate::model::AnnotationId(format!("s{n}"))
    };
    let made = inserted(accepted(
        suggestion,
        &AnnotationSet::new(),
        &document,
        &mut fresh,
    ));
    assert_eq!(made.len(), 2);
    assert_eq!(
        (made[0].kind(), made[0].text.as_str()),
        (Kind::Entity, "Ilse Brandt")
    );
    let crate::model::Attributes::Quote(q) = &made[1].attributes else {
        panic!("a quote");
    };
    assert_eq!(
        q.speaker,
        Some(crate::model::Party::Mention(made[0].id.clone()))
    );
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert_eq!(q.mode, Some(QuoteMode::Direct));
    // With the speaker's entity already there: linked, nothing new.
    let mut set = AnnotationSet::new();
    set.insert(made[0].clone(), &document).unwrap();
    let again = inserted(accepted(suggestion, &set, &document, &mut fresh));
    assert_eq!(again.len(), 1);
    let crate::model::Attributes::Quote(q) = &again[0].attributes else {
        panic!("a quote");
    };
    assert_eq!(
        q.speaker,
        Some(crate::model::Party::Mention(made[0].id.clone()))
    );
}

#[test]
fn a_pronoun_speaker_stands_for_the_person_named_before_and_accepting_links_to_them() {
    let text = "“We hold,” said Ana Ruiz. “We will not move from here,” she added.";
    let document = Document::from_text(PathBuf::from("a.txt"), text.to_owned());
    let rules = Rules::built_in();
    let quotes: Vec<Suggestion> = suggest(&document, &AnnotationSet::new(), &rules)
        .into_iter()
        .filter(|s| s.kind == Kind::Quote)
        .collect();
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert_eq!(
        quotes[1].speaker.as_ref().map(|p| p.text.as_str()),
        Some("she")
    );
    assert_eq!(
        quotes[1].antecedent.as_ref().map(|p| p.text.as_str()),
        Some("Ana Ruiz")
    );
    assert_eq!(quotes[0].antecedent, None, "a name stands for itself");
    let mut set = AnnotationSet::new();
    let mut n = 0;
    for quote in &quotes {
        for edit in accepted(quote, &set, &document, || {
            n += 1;
            crate::model::AnnotationId(format!("p{n}"))
        }) {
            set.apply(edit, &document).unwrap();
        }
    }
    let entities: Vec<&str> = set
        .anchored()
        .iter()
        .filter(|a| a.kind() == Kind::Entity)
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(entities, ["Ana Ruiz"], "“she” links to Ana Ruiz's entity");
    let speakers: Vec<Option<crate::model::Party>> = set
        .anchored()
        .iter()
        .filter_map(|a| match &a.attributes {
            crate::model::Attributes::Quote(q) => Some(q.speaker.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(speakers[0], speakers[1]);
}
