//! A team's gazetteer: `marginalia-gazetteer.tsv`, found like the schema (in the article's
//! folder or a folder above), one name per line: `name<TAB>type<TAB>canonical name<TAB>external
//! id`, the last two optional; lines starting with `#` and blank lines are skipped, and so is a
//! first line `name<TAB>type…`. Every whole-word occurrence of a name, in the case written, is
//! suggested as an entity of its type, naming the identity given by its canonical name and id.

use super::text::{self, Word};
use super::{Reading, Suggestion};
use crate::model::{CharSpan, Kind};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file a team keeps its names in.
pub const GAZETTEER_FILE_NAME: &str = "marginalia-gazetteer.tsv";

/// The identity a gazetteer name stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedIdentity {
    /// Its canonical name.
    pub name: String,
    /// Its id in a knowledge base, such as a Wikidata QID.
    pub external_id: Option<String>,
}

/// One name of the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name as it stands in articles.
    pub name: String,
    /// Its entity type.
    pub entity_type: String,
    /// What it names.
    pub identity: NamedIdentity,
}

/// A team's names.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    /// Where it was read from.
    pub source: Option<PathBuf>,
    /// Its names, as in the file.
    entries: Vec<Entry>,
}

/// A line of a gazetteer that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {problem}")]
pub struct BadLine {
    /// Its number, from 1.
    pub line: usize,
    /// What is wrong.
    pub problem: &'static str,
}

impl Gazetteer {
    /// A gazetteer of `entries`, read from no file (names learned from annotated articles).
    pub fn of_entries(entries: Vec<Entry>) -> Self {
        Self {
            source: None,
            entries,
        }
    }

    /// The names of `text`; lines that cannot be used are left out and listed.
    pub fn parse(text: &str) -> (Self, Vec<BadLine>) {
        let mut entries = Vec::new();
        let mut bad = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let line = line.trim_start_matches('\u{feff}').trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if index == 0 && fields[0].eq_ignore_ascii_case("name") {
                continue;
            }
            match entry(&fields) {
                Ok(entry) => entries.push(entry),
                Err(problem) => bad.push(BadLine {
                    line: line_number,
                    problem,
                }),
            }
        }
        (
            Self {
                source: None,
                entries,
            },
            bad,
        )
    }

    /// The gazetteer for the article at `article`: the nearest `marginalia-gazetteer.tsv` in
    /// its folder or above (none: an empty one), with a warning naming the file when it or some
    /// of its lines cannot be used.
    pub fn for_article(article: &Path) -> (Self, Option<String>) {
        let Some(path) = article
            .ancestors()
            .skip(1)
            .map(|folder| folder.join(GAZETTEER_FILE_NAME))
            .find(|candidate| candidate.is_file())
        else {
            return (Self::default(), None);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                let warning = format!(
                    "The gazetteer “{}” cannot be read ({error}); names are suggested without it. Check the file and reopen the article.",
                    path.display()
                );
                return (Self::default(), Some(warning));
            }
        };
        let (mut gazetteer, bad) = Self::parse(&text);
        gazetteer.source = Some(path.clone());
        let warning = (!bad.is_empty()).then(|| {
            let lines: Vec<String> = bad.iter().take(5).map(ToString::to_string).collect();
            format!(
                "The gazetteer “{}” has {} line(s) Marginalia cannot use ({}); the others are used. Each line is: name, a tab, type, and optionally a tab, canonical name, a tab, external id.",
                path.display(),
                bad.len(),
                lines.join("; ")
            )
        });
        (gazetteer, warning)
    }

    /// True when it has no names.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many names it has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The entry of a line's `fields`.
fn entry(fields: &[&str]) -> Result<Entry, &'static str> {
    let name = fields.first().copied().unwrap_or_default();
    let entity_type = fields.get(1).copied().unwrap_or_default();
    if name.is_empty() {
        return Err("the name is empty");
    }
    if entity_type.is_empty() {
        return Err("a name needs a type after a tab");
    }
    if fields.len() > 4 {
        return Err("more than four fields");
    }
    let canonical = fields.get(2).copied().filter(|c| !c.is_empty());
    let external_id = fields.get(3).copied().filter(|c| !c.is_empty());
    Ok(Entry {
        name: name.to_owned(),
        entity_type: entity_type.to_owned(),
        identity: NamedIdentity {
            name: canonical.unwrap_or(name).to_owned(),
            external_id: external_id.map(str::to_owned),
        },
    })
}

/// Every whole-word occurrence of a gazetteer name in the article, the longest name first where
/// two start at the same word.
pub(super) fn mentions(reading: &Reading, gazetteer: &Gazetteer) -> Vec<Suggestion> {
    // Each name as lower-case words, by its first word.
    let mut by_first: HashMap<String, Vec<(Vec<String>, &Entry)>> = HashMap::new();
    for entry in &gazetteer.entries {
        let chars: Vec<char> = entry.name.chars().collect();
        let words: Vec<String> = text::words(&chars).into_iter().map(|w| w.lower).collect();
        if let Some(first) = words.first() {
            by_first
                .entry(first.clone())
                .or_default()
                .push((words, entry));
        }
    }
    for names in by_first.values_mut() {
        names.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    }
    let mut out = Vec::new();
    let mut at = 0;
    while at < reading.words.len() {
        let lower = reading.words[at].lower.as_str();
        let bare = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("’s"))
            .unwrap_or(lower);
        let found = [lower, bare]
            .iter()
            .filter_map(|key| by_first.get(*key))
            .flatten()
            .find_map(|(words, entry)| matched(reading, at, words, entry));
        match found {
            Some((span, length, entry)) => {
                out.push(suggestion(reading, span, entry));
                at += length;
            }
            None => at += 1,
        }
    }
    out
}

/// The span of `entry`'s name at word `at`, when its words and exact text stand there (the
/// last one may have a possessive "'s" after it, left out of the span).
fn matched<'a>(
    reading: &Reading,
    at: usize,
    words: &[String],
    entry: &'a Entry,
) -> Option<(CharSpan, usize, &'a Entry)> {
    let found: &[Word] = reading.words.get(at..at + words.len())?;
    let (last, name_last) = (found.last()?, words.last()?);
    let possessive = ["'s", "’s"]
        .iter()
        .any(|s| last.lower.strip_suffix(s) == Some(name_last.as_str()));
    let same = found[..found.len() - 1]
        .iter()
        .zip(words)
        .all(|(w, name)| &w.lower == name);
    if !same || (&last.lower != name_last && !possessive) {
        return None;
    }
    let end = if possessive {
        crate::model::CharOffset(last.span.end.0 - 2)
    } else {
        last.span.end
    };
    let span = CharSpan::between(found.first()?.span.start, end);
    (reading.text(span) == entry.name).then_some((span, words.len(), entry))
}

fn suggestion(reading: &Reading, span: CharSpan, entry: &Entry) -> Suggestion {
    Suggestion {
        kind: Kind::Entity,
        fragments: vec![reading.piece(span)],
        confidence: 0.9,
        rule: "the team's gazetteer",
        speaker: None,
        cue: None,
        mode: None,
        entity_type: Some(entry.entity_type.clone()),
        check_worthiness: None,
        identity: Some(entry.identity.clone()),
        antecedent: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span from `start` to `end` chars.
    fn span(start: usize, end: usize) -> CharSpan {
        CharSpan::between(
            crate::model::CharOffset(start),
            crate::model::CharOffset(end),
        )
    }

    #[test]
    fn lines_are_read_and_bad_ones_named() {
        let text = "name\ttype\tcanonical\tid\n\
                    # our people\n\
                    Mira Holt\tPERSON\t\tQ1\n\
                    Kestrel Hall\tLOCATION\tThe Kestrel Hall\n\
                    \n\
                    Nobody\n\
                    \tORG\n\
                    a\tb\tc\td\te\n";
        let (gazetteer, bad) = Gazetteer::parse(text);
        assert_eq!(
            gazetteer.entries,
            [
                Entry {
                    name: "Mira Holt".into(),
                    entity_type: "PERSON".into(),
                    identity: NamedIdentity {
                        name: "Mira Holt".into(),
                        external_id: Some("Q1".into())
                    },
                },
                Entry {
                    name: "Kestrel Hall".into(),
                    entity_type: "LOCATION".into(),
                    identity: NamedIdentity {
                        name: "The Kestrel Hall".into(),
                        external_id: None
                    },
                },
            ]
        );
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [6, 7, 8]);
    }

    #[test]
    fn names_are_found_as_whole_words_in_the_case_written_longest_first() {
        let (gazetteer, _) = Gazetteer::parse("Holt\tPERSON\nMira Holt\tPERSON\t\tQ1\nUN\tORG\n");
        let text = "Mira Holt met Holt's team. Holtby and the UN, not the un.";
        let document = crate::model::Document::from_text("a.txt".into(), text.to_owned());
        let reading = Reading::new(&document, &super::super::lexicon::Lexicon::built_in());
        let found: Vec<(String, CharSpan)> = mentions(&reading, &gazetteer)
            .into_iter()
            .map(|s| (s.fragments[0].text.clone(), s.extent()))
            .collect();
        assert_eq!(
            found,
            [
                ("Mira Holt".to_owned(), span(0, 9)),
                ("Holt".to_owned(), span(14, 18)),
                ("UN".to_owned(), span(42, 44)),
            ]
        );
    }
}
