//! Reporting cues by language (`assets/cues.ron`), and which language an article is in.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The built-in lexicon.
const CUES: &str = include_str!("../../assets/cues.ron");

/// One language's cues.
#[derive(Clone, Debug, Deserialize)]
pub struct Language {
    /// Reporting verbs and phrases ("said", "told reporters"), lower case.
    pub verbs: Vec<String>,
    /// Phrases that stand before their source ("according to").
    pub before_source: Vec<String>,
    /// Frequent words that tell the language.
    pub stop_words: Vec<String>,
    /// Whether a capital marks a name (German capitalises every noun).
    #[serde(default = "capitals_mark_names")]
    pub capitals_mark_names: bool,
    /// Participles that report after a comma, their speaker being the sentence's subject
    /// ("Trump defended the tweets, saying …").
    #[serde(default)]
    pub participles: Vec<String>,
    /// Words of comparison and rank that make a sentence checkable ("more than", "largest").
    #[serde(default)]
    pub comparisons: Vec<String>,
    /// Words that claim without exception ("never", "every").
    #[serde(default)]
    pub absolutes: Vec<String>,
    /// Words of cause ("because", "led to").
    #[serde(default)]
    pub causal: Vec<String>,
    /// Month names and other words of dates.
    #[serde(default)]
    pub dates: Vec<String>,
}

fn capitals_mark_names() -> bool {
    true
}

impl Default for Language {
    fn default() -> Self {
        Self {
            verbs: Vec::new(),
            before_source: Vec::new(),
            stop_words: Vec::new(),
            capitals_mark_names: true,
            participles: Vec::new(),
            comparisons: Vec::new(),
            absolutes: Vec::new(),
            causal: Vec::new(),
            dates: Vec::new(),
        }
    }
}

/// The lexicon: languages by code.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Lexicon {
    /// Language code → its cues.
    pub languages: BTreeMap<String, Language>,
}

impl Lexicon {
    /// The lexicon built into Marginalia.
    pub fn built_in() -> Self {
        // The file is ours and checked by a test: a failure here is a build mistake.
        ron::from_str(CUES).unwrap_or_else(|error| {
            log::error!("the built-in cue lexicon is broken: {error}");
            Lexicon::default()
        })
    }

    /// The lexicon with a team's cues added (`cues` from its schema): to a language it has, or
    /// as a language of its own.
    pub fn extended(mut self, cues: &BTreeMap<String, crate::model::schema::CueExtension>) -> Self {
        for (code, extension) in cues {
            let language = self.languages.entry(code.clone()).or_default();
            language
                .verbs
                .extend(extension.verbs.iter().map(|v| v.to_lowercase()));
            language
                .before_source
                .extend(extension.before_source.iter().map(|v| v.to_lowercase()));
            language
                .stop_words
                .extend(extension.stop_words.iter().cloned());
        }
        self
    }

    /// The language whose stop words `words` (lower case) use most; English when none.
    pub fn language_of<'a>(&self, words: impl Iterator<Item = &'a str>) -> &Language {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for word in words.take(5_000) {
            for (code, language) in &self.languages {
                if language.stop_words.iter().any(|w| w == word) {
                    *counts.entry(code).or_default() += 1;
                }
            }
        }
        let best = counts
            .iter()
            .max_by_key(|(code, count)| (**count, std::cmp::Reverse(**code)))
            .map(|(code, _)| *code)
            .unwrap_or("en");
        self.languages
            .get(best)
            .or_else(|| self.languages.get("en"))
            .unwrap_or(&EMPTY)
    }
}

static EMPTY: Language = Language {
    verbs: Vec::new(),
    before_source: Vec::new(),
    stop_words: Vec::new(),
    capitals_mark_names: true,
    participles: Vec::new(),
    comparisons: Vec::new(),
    absolutes: Vec::new(),
    causal: Vec::new(),
    dates: Vec::new(),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lexicon_reads_and_tells_languages_apart() {
        let lexicon: Lexicon = ron::from_str(CUES).unwrap();
        assert!(lexicon.languages.len() >= 5);
        let cases = [
            ("the council said that the wall is ready", "said"),
            ("die Stadt sagte, dass der Damm nicht hält", "sagte"),
            ("le maire a déclaré que la digue est prête", "a déclaré"),
            ("el alcalde dijo que la muralla está lista", "dijo"),
            ("de burgemeester zei dat het een dijk is", "zei"),
        ];
        for (text, verb) in cases {
            let language = lexicon.language_of(text.split(' '));
            assert!(language.verbs.iter().any(|v| v == verb), "{text}");
        }
    }
}
