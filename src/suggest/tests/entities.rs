//! Names: capitalised runs with a guessed type, further mentions, headlines and headings.

use super::*;

/// (text, entity type) of each entity suggestion.
fn entities_in(text: &str, set: &AnnotationSet) -> Vec<(String, Option<String>)> {
    let document = Document::from_text(PathBuf::from("a.txt"), text.to_owned());
    suggest(&document, set, &Rules::built_in())
        .into_iter()
        .filter(|s| s.kind == Kind::Entity)
        .map(|s| (s.fragments[0].text.clone(), s.entity_type))
        .collect()
}

#[test]
fn names_are_suggested_with_a_type_guessed_from_the_words_around_them() {
    let text = "On Monday the Harbour Council met Mayor Lind in Kervallon. By March the Bank of England agreed.";
    let typed = |t: &str, ty: &str| (t.to_owned(), Some(ty.to_owned()));
    assert_eq!(
        entities_in(text, &AnnotationSet::new()),
        [
            typed("Harbour Council", "ORG"),
            typed("Lind", "PERSON"),
            typed("Kervallon", "LOCATION"),
            typed("Bank of England", "ORG"),
        ]
    );
}

#[test]
fn initials_stay_in_a_name_and_a_possessive_stays_out() {
    let cases = [
        (
            "He went to the U.S. District Court on foot.",
            "U.S. District Court",
        ),
        ("It was Donald J. Trump who spoke.", "Donald J. Trump"),
        (
            "It left Maricopa County's voters waiting.",
            "Maricopa County",
        ),
        (
            "It left Maricopa County’s voters waiting.",
            "Maricopa County",
        ),
        ("The case went to the U.S. on Monday.", "U.S."),
    ];
    for (text, name) in cases {
        let found = entities_in(text, &AnnotationSet::new());
        assert_eq!(
            found.first().map(|f| f.0.as_str()),
            Some(name),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn further_mentions_of_an_annotated_name_are_suggested_like_it() {
    let text = "Kowalczyk spoke first. Later kowalczyk nodded, and Kowalczyk left.";
    let document = Document::from_text(PathBuf::from("a.txt"), text.to_owned());
    let mut set = AnnotationSet::new();
    let mut first = crate::model::Annotation::new(
        crate::model::AnnotationId("k".into()),
        Kind::Entity,
        CharSpan::new(0, 9).unwrap(),
        &document,
    );
    if let crate::model::Attributes::Entity(e) = &mut first.attributes {
        e.entity_type = Some("PERSON".into());
    }
    set.insert(first, &document).unwrap();
    let found = suggest(&document, &set, &Rules::built_in());
    let mentions: Vec<(&str, &str, Option<&str>)> = found
        .iter()
        .filter(|s| s.kind == Kind::Entity)
        .map(|s| {
            (
                s.fragments[0].text.as_str(),
                s.rule,
                s.entity_type.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        mentions,
        [(
            "Kowalczyk",
            "another mention of an annotated name",
            Some("PERSON")
        )],
        "the same spelling only, the annotated one left out"
    );
}

#[test]
fn a_headline_in_title_case_gives_no_names_from_its_capitals() {
    let set = AnnotationSet::new();
    let found = entities_in(
        "Mayor Says Harbour Wall Will Hold Through Winter\n\nThe mayor met Ilse Brandt in Kestrel.\n",
        &set,
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Ilse Brandt"), "{texts:?}");
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("Harbour") || t.contains("Winter")),
        "{texts:?}"
    );
}

#[test]
fn chapter_headings_and_roman_numerals_are_no_names() {
    let set = AnnotationSet::new();
    let found = entities_in(
        "CHAPTER II\n\nPierre met Natasha Rostova at the ball.\n",
        &set,
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"Natasha Rostova"), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t.contains("CHAPTER") || *t == "II"),
        "{texts:?}"
    );
}
