//! Reported speech: cues, speakers before and after them, and where the content ends.

use super::*;

#[test]
fn reported_speech_with_its_speaker_and_cue() {
    use QuoteMode::Indirect;
    let cases = [
        (
            "The council said that the wall would cost 48 million euros.",
            one(
                &["that the wall would cost 48 million euros"],
                "The council",
                "said",
                Indirect,
            ),
        ),
        (
            "The wall will be finished by June, sources said.",
            one(
                &["The wall will be finished by June"],
                "sources",
                "said",
                Indirect,
            ),
        ),
        (
            "According to the agency, water levels reached a record high.",
            one(
                &["water levels reached a record high"],
                "the agency",
                "According to",
                Indirect,
            ),
        ),
        (
            "The vote was very close, said Ilse Brandt.",
            one(
                &["The vote was very close"],
                "Ilse Brandt",
                "said",
                Indirect,
            ),
        ),
        ("It was close, he said.", vec![]),
        ("The harbour flooded twice in two years.", vec![]),
    ];
    for (text, expected) in cases {
        assert_eq!(read(text), expected, "{text}");
    }
}

#[test]
fn speakers_with_an_apposition_and_cues_with_a_time_are_found() {
    use QuoteMode::{Direct, Indirect};
    let cases = [
        (
            "“The wall will hold,” Ilse Brandt, the harbour master of Port Elvane, said.",
            one(&["The wall will hold,"], "Ilse Brandt", "said", Direct),
        ),
        (
            "Ilse Brandt, the harbour master, said on Tuesday that the wall would hold for decades.",
            one(
                &["that the wall would hold for decades"],
                "Ilse Brandt",
                "said",
                Indirect,
            ),
        ),
        (
            "The wall would hold for decades, Ilse Brandt, the harbour master, said.",
            one(
                &["The wall would hold for decades"],
                "Ilse Brandt",
                "said",
                Indirect,
            ),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read(text), expected, "{text}");
    }
}

#[test]
fn an_opening_phrase_and_a_time_after_the_cue_do_not_hide_the_speaker() {
    use QuoteMode::Indirect;
    let cases = [
        (
            "In an interview on Tuesday, she said the wall would hold for decades.",
            one(
                &["the wall would hold for decades"],
                "she",
                "said",
                Indirect,
            ),
        ),
        (
            "The middle fifth paid 8.9 percent more, the agency said in a June report.",
            one(
                &["The middle fifth paid 8.9 percent more"],
                "the agency",
                "said",
                Indirect,
            ),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read(text), expected, "{text}");
    }
}

#[test]
fn mixed_quotes_participles_auxiliaries_and_joined_speakers() {
    use QuoteMode::{Direct, Indirect, Mixed};
    let cases: Vec<(&str, Vec<Read>)> = vec![
        (
            "The mayor says the new wall is “a promise kept” for the town.",
            one(
                &["the new wall is “a promise kept” for the town"],
                "The mayor",
                "says",
                Mixed,
            ),
        ),
        (
            "Mira Holt defended the plan, saying the harbour could not wait any longer.",
            one(
                &["the harbour could not wait any longer"],
                "Mira Holt",
                "saying",
                Indirect,
            ),
        ),
        (
            "But the mayor has said the wall will be finished by the spring.",
            one(
                &["the wall will be finished by the spring"],
                "the mayor",
                "has said",
                Indirect,
            ),
        ),
        (
            "A spokeswoman for the harbour board said the gates were shut at noon.",
            one(
                &["the gates were shut at noon"],
                "A spokeswoman for the harbour board",
                "said",
                Indirect,
            ),
        ),
        (
            "The flood came at dawn, according to residents of the lower town.",
            one(
                &["The flood came at dawn"],
                "residents of the lower town",
                "according to",
                Indirect,
            ),
        ),
        (
            // Two statements of one speaker: what she said, and what she argued.
            "Mira Holt said the gates held all night, arguing that the wall had paid for itself.",
            [
                one(&["the gates held all night"], "Mira Holt", "said", Indirect),
                one(
                    &["that the wall had paid for itself"],
                    "Mira Holt",
                    "arguing",
                    Indirect,
                ),
            ]
            .concat(),
        ),
        (
            // "said" then a clause is no speaker after the cue: the speaker is before it.
            "The engineer Ana Lind, who has studied the gates for years, said the board's report didn't settle the matter.",
            one(
                &["the board's report didn't settle the matter"],
                "The engineer Ana Lind",
                "said",
                Indirect,
            ),
        ),
        (
            // "States" in a name is no cue ("the United| States| have tested …").
            "Engineers in the United States have tested the new gates for years.",
            vec![],
        ),
        (
            // A quote that closes its sentence takes no cue from the next one.
            "He read the sign: “Keep out of the water.” She says it was there all summer.",
            vec![(
                vec!["it was there all summer".to_owned()],
                Some("She".to_owned()),
                Some("says".to_owned()),
                Some(Indirect),
            )],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read(text), expected, "{text}");
    }
    let _ = Direct;
}

#[test]
fn an_attribution_between_commas_splits_its_content_and_a_later_cue_is_tried() {
    let found = read("The new wall, the mayor said, would stand for a hundred years.");
    assert_eq!(
        found,
        vec![(
            vec![
                "The new wall".to_owned(),
                "would stand for a hundred years".to_owned()
            ],
            Some("the mayor".to_owned()),
            Some("said".to_owned()),
            Some(QuoteMode::Indirect),
        )]
    );
    // "wrote" has no speaker before it; "said" has.
    let found = read("Back when she wrote her report, Mira Holt said the dam was safe.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("Mira Holt"));
    assert_eq!(found[0].0, ["the dam was safe"]);
}

#[test]
fn according_to_in_the_middle_or_without_a_comma() {
    let found = read("The harbour lost four boats according to the coast guard.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, ["The harbour lost four boats"]);
    assert_eq!(found[0].1.as_deref(), Some("the coast guard"));
    let found = read("The lower town, according to a council official who saw it, flooded first.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("a council official"));
    assert_eq!(found[0].0[0], "The lower town");
}

#[test]
fn a_cue_after_a_comma_with_an_apposition_and_a_second_verb_of_the_subject() {
    let found =
        read("The gates stayed shut all night, said Mira Holt, the harbour master, who was there.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, ["The gates stayed shut all night"]);
    assert_eq!(found[0].1.as_deref(), Some("Mira Holt"));
    let found = read("Mira Holt closed the gates and said the town would stay dry tonight.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, ["the town would stay dry tonight"]);
    assert_eq!(found[0].1.as_deref(), Some("Mira Holt"));
}

#[test]
fn speakers_inside_a_sentence_and_without_a_capital() {
    use QuoteMode::{Direct, Indirect};
    let cases = [
        (
            "The levee held all night, former officials said.",
            one(
                &["The levee held all night"],
                "former officials",
                "said",
                Indirect,
            ),
        ),
        (
            "The levee held, and aides say the town will be rebuilt by May.",
            one(
                &["the town will be rebuilt by May"],
                "aides",
                "say",
                Indirect,
            ),
        ),
        (
            "Supporters who have heard from the campaign say the vote will be close.",
            one(&["the vote will be close"], "Supporters", "say", Indirect),
        ),
        (
            "Mira Holt said that the dam was safe, and said that the town was dry.",
            one(&["that the dam was safe"], "Mira Holt", "said", Indirect),
        ),
        (
            "On Saturday, Mr. Lind said on the radio: “The plan will fail badly.”",
            one(&["The plan will fail badly."], "Mr. Lind", "said", Direct),
        ),
        (
            "In other words, he said, “the era of the old harbour is over.”",
            one(
                &["the era of the old harbour is over."],
                "he",
                "said",
                Direct,
            ),
        ),
        (
            "Mrs. Holt shook her head and said, “No, never again, not this time.”",
            one(
                &["No, never again, not this time."],
                "Mrs. Holt",
                "said",
                Direct,
            ),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read(text), expected, "{text}");
    }
}
