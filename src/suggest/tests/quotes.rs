//! Direct quotes: quotation marks of every style, pieces, paragraphs, mixed and floating quotes.

use super::*;

#[test]
fn direct_quotes_with_their_speaker_and_cue() {
    use QuoteMode::Direct;
    let cases = [
        (
            "“We will build the wall,” Ilse Brandt said.",
            one(&["We will build the wall,"], "Ilse Brandt", "said", Direct),
        ),
        (
            "“We will build the wall,” said the harbour master.",
            one(
                &["We will build the wall,"],
                "the harbour master",
                "said",
                Direct,
            ),
        ),
        (
            "Ilse Brandt told reporters: “The wall will hold.”",
            one(
                &["The wall will hold."],
                "Ilse Brandt",
                "told reporters",
                Direct,
            ),
        ),
        (
            "«Nous attendons la digue», a déclaré le maire.",
            one(
                &["Nous attendons la digue"],
                "le maire",
                "a déclaré",
                Direct,
            ),
        ),
        (
            "„Der Damm hält nicht“, sagte die Bürgermeisterin.",
            one(
                &["Der Damm hält nicht"],
                "die Bürgermeisterin",
                "sagte",
                Direct,
            ),
        ),
        (
            "“The first part,” she said, “and the second part.”",
            one(
                &["The first part,", "and the second part."],
                "she",
                "said",
                Direct,
            ),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read(text), expected, "{text}");
    }
}

#[test]
fn a_quote_over_paragraphs_is_one_quote_in_pieces() {
    let text = "“The first paragraph of what she said goes on here\n\n“and the second paragraph ends it,” Ilse Brandt said.";
    let found = read(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0.len(), 2);
    assert_eq!(found[0].1.as_deref(), Some("Ilse Brandt"));
}

#[test]
fn scare_quotes_titles_and_apostrophes_are_no_quotes() {
    for text in [
        "The so-called “sea wall” is a fence.",
        "She read “The Old Harbour” twice.",
        "It's the mayor's plan, isn't it?",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
}

#[test]
fn a_quote_without_a_cue_goes_with_the_speaker_of_the_sentence_before() {
    let text = "Ilse Brandt said the vote settled it. “We start building on Monday, and we will not stop until the last stone is laid.”";
    let found = found(text);
    let quote = found
        .iter()
        .find(|s| s.mode == Some(QuoteMode::Direct))
        .unwrap();
    assert_eq!(quote.speaker.as_ref().unwrap().text, "Ilse Brandt");
    assert_eq!(
        quote.rule,
        "quotation marks after a sentence naming the speaker"
    );
}

#[test]
fn pieces_after_the_attribution_in_the_paragraph_belong_to_the_quote() {
    let text = "“Here it comes,” she said, clapping. “The wall, at last.”\n\n“A new paragraph,” Ilse Brandt said.";
    let found = read(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, ["Here it comes,", "The wall, at last."]);
    assert_eq!(found[0].1.as_deref(), Some("she"));
    assert_eq!(found[1].0, ["A new paragraph,"]);
}

#[test]
fn doubled_apostrophes_are_quotation_marks() {
    let text = "''Tell that to the people who pay the taxes,'' Mr. Lind said.";
    assert_eq!(
        read(text),
        one(
            &["Tell that to the people who pay the taxes,"],
            "Mr. Lind",
            "said",
            QuoteMode::Direct
        )
    );
}

#[test]
fn a_dash_names_the_speaker_and_a_lower_case_cue_after_a_full_stop_attributes() {
    let found = read("“We stayed because of the sea.” ― Carla Ruiz\n");
    assert_eq!(
        found,
        one(
            &["We stayed because of the sea."],
            "Carla Ruiz",
            "―",
            QuoteMode::Direct
        )
    );
    let found = read("“The water came in the night.” she said.");
    assert_eq!(
        found,
        one(
            &["The water came in the night."],
            "she",
            "said",
            QuoteMode::Direct
        )
    );
}

#[test]
fn a_speaker_with_an_opened_bracket_gets_its_closing_one() {
    let found = read("According to the Harbour Agency (HA), the water rose by a metre overnight.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("the Harbour Agency (HA)"));
    // A full stop in the brackets stays with the speaker, and ends no sentence before the cue.
    let cases = [
        (
            "Sen. Ana Lind (R-Ga.) said the gates held all night.",
            "Sen. Ana Lind (R-Ga.)",
        ),
        (
            "He spoke first.\n\n“The gates held all night,” Rep. Ana Lind (R-Fla.) said.",
            "Rep. Ana Lind (R-Fla.)",
        ),
    ];
    for (text, speaker) in cases {
        let found = read(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1.as_deref(), Some(speaker), "{text}");
    }
}

#[test]
fn quote_pieces_go_together_unless_another_attribution_stands_between() {
    use QuoteMode::{Direct, Mixed};
    let found = read(
        "“We are farmers,” Ms. Alawee said. “We are not soldiers.” Mr. Zahed said: “The storm came at night.”",
    );
    assert_eq!(
        found,
        [
            one(
                &["We are farmers,", "We are not soldiers."],
                "Ms. Alawee",
                "said",
                Direct
            ),
            one(&["The storm came at night."], "Mr. Zahed", "said", Direct),
        ]
        .concat()
    );
    // An apposition may close the attribution's sentence before the next piece.
    let found = read(
        "“The dam held,” said Vin Weber, a lobbyist and a former engineer from the valley who knows it well. “It will hold again.”",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0.len(), 2, "{found:?}");
    // Marks inside the attribution's clause are not the speaker's next words.
    let found = read(
        "“It was shameful,” said Lea Varga, who waited in an “extremely long line snaking around the whole block.”",
    );
    assert_eq!(found[0].0, ["It was shameful,"], "{found:?}");
    // A quote inside a sentence of reported speech takes the whole content, mixed.
    let found =
        read("They will pick whoever wins the vote “and that will surely be Holt,” he said.");
    assert_eq!(
        found,
        one(
            &["They will pick whoever wins the vote “and that will surely be Holt"],
            "he",
            "said",
            Mixed
        )
    );
}

#[test]
fn a_quote_after_a_sentence_of_reported_speech_takes_its_speaker() {
    let found = read(
        "The union will not join the suit, Ana dos Santos says. “If the council can pick our words over months, you silence everyone.”",
    );
    let quote = found
        .iter()
        .find(|f| f.3 == Some(QuoteMode::Direct))
        .expect("the direct quote");
    assert_eq!(quote.1.as_deref(), Some("Ana dos Santos"), "{found:?}");
}

#[test]
fn a_line_that_opens_with_a_speakers_label_is_their_quote() {
    use QuoteMode::Direct;
    let cases: [(&str, Vec<Read>); 7] = [
        (
            "HOLT: We will open the gates at dawn.",
            one(&["We will open the gates at dawn."], "HOLT", ":", Direct),
        ),
        // A transcript quoted in an article, each line opening with a quotation mark.
        (
            "\"BRANDT: The harbour stays shut, and the ferries wait.",
            one(
                &["The harbour stays shut, and the ferries wait."],
                "BRANDT",
                ":",
                Direct,
            ),
        ),
        (
            "Harbour Master: Gates Will Hold Through Winter",
            one(
                &["Gates Will Hold Through Winter"],
                "Harbour Master",
                ":",
                Direct,
            ),
        ),
        // The furniture of an article, a time and a single letter are no speakers.
        ("Editor's note: This story was updated on Monday.", vec![]),
        ("At 10:30 the gates opened again.", vec![]),
        ("A: The gates open at dawn, every day.", vec![]),
        // A label with a cue of its own is the other rules' (“He added: …”).
        (
            "He added: “The gates open at dawn.”",
            one(&["The gates open at dawn."], "He", "added", Direct),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read(text), expected, "{text}");
    }
}
