//! Suggestions: quotes with their speaker and cue, found by rules over the text, for a person to
//! accept or reject. Pure and deterministic: the same document and set give the same
//! suggestions in the same order. No egui.
//!
//! This first step finds quotes: direct ones between quotation marks of every common style
//! (paragraph-spanning ones by the newspaper convention, interrupted ones as one quote in
//! pieces), and reported speech ("X said that …", "…, X said.", "according to X, …"), each with
//! its cue and speaker from a cue lexicon by language ([`lexicon`]); and entities: further
//! mentions of annotated names, and capitalised names with a guessed type; and claims:
//! checkable sentences ([`claims`]), with the speaker of the quote they stand in as claimant.
//! What the user rejected (kept in the set) is not suggested again.

mod claims;
mod entities;
pub mod gazetteer;
mod labelled;
pub mod learn;
pub mod lexicon;
mod pronouns;
mod quotes;
mod reported;
pub mod text;

use crate::model::{AnnotationSet, CharSpan, Document, Kind, QuoteMode};
use gazetteer::Gazetteer;
use lexicon::Lexicon;
use text::Word;

/// What the rules know besides the text: the cue lexicon (with the team's cues), the team's
/// gazetteer, and a model learned from the team's annotations.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    /// Cues and word lists by language.
    pub lexicon: Lexicon,
    /// The team's names.
    pub gazetteer: Gazetteer,
    /// A model that finds quotes, with the rules' quotes as its evidence, in their stead.
    pub model: Option<std::sync::Arc<learn::Model>>,
}

impl Rules {
    /// The built-in lexicon and no gazetteer.
    pub fn built_in() -> Self {
        Self {
            lexicon: Lexicon::built_in(),
            gazetteer: Gazetteer::default(),
            model: None,
        }
    }

    /// The rules for the article at `article`: the built-in lexicon with the cues of its
    /// `schema`, and the gazetteer found beside it, with a warning when that cannot be used.
    pub fn for_article(
        article: &std::path::Path,
        schema: &crate::model::schema::Schema,
    ) -> (Self, Option<String>) {
        let (gazetteer, warning) = Gazetteer::for_article(article);
        let rules = Self {
            lexicon: Lexicon::built_in().extended(&schema.cues),
            gazetteer,
            model: None,
        };
        (rules, warning)
    }
}

/// The built-in rules, for people.
pub const BUILT_IN_RULES: &str = "Rules: quotes, reported speech, claims and names (built in)";

impl Rules {
    /// What suggests, for people: "Rules (built in) · the team's gazetteer (12 names) · a
    /// model learned from 40 article(s) (812 quote(s)), suggesting quotes with …".
    pub fn describe(&self) -> String {
        let mut parts = vec![BUILT_IN_RULES.to_owned()];
        if !self.gazetteer.is_empty() {
            parts.push(format!(
                "the team's gazetteer ({} names)",
                self.gazetteer.len()
            ));
        }
        if let Some(model) = &self.model {
            parts.push(format!(
                "{}, suggesting quotes with {}",
                model.describe(),
                model.provenance.combination.describe()
            ));
        }
        parts.join(" · ")
    }

    /// These rules with the model found for the article at `article` (`marginalia-model.bin`
    /// beside it or above), or with a warning naming the model when it cannot be read.
    pub fn with_model_for(mut self, article: &std::path::Path) -> (Self, Option<String>) {
        let Some(path) = learn::file::find_for(article) else {
            return (self, None);
        };
        match learn::Model::load(&path) {
            Ok(model) => {
                self.model = Some(std::sync::Arc::new(model));
                (self, None)
            }
            Err(error) => (self, Some(format!("{error}; the rules suggest alone."))),
        }
    }
}

/// A stretch of the article a suggestion points at, with its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// Where.
    pub span: CharSpan,
    /// The text there.
    pub text: String,
}

/// One suggestion.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// What it would become.
    pub kind: Kind,
    /// Its pieces, in text order (one unless the quote is interrupted).
    pub fragments: Vec<Piece>,
    /// How likely it is right, 0 to 1.
    pub confidence: f32,
    /// The rule that found it, shown as "why".
    pub rule: &'static str,
    /// For a quote: who said it.
    pub speaker: Option<Piece>,
    /// For a quote: the words that introduce it.
    pub cue: Option<Piece>,
    /// For a quote: direct, indirect or mixed.
    pub mode: Option<QuoteMode>,
    /// For an entity: its type, when the rules can tell.
    pub entity_type: Option<String>,
    /// For a claim: how worth checking it looks.
    pub check_worthiness: Option<crate::model::CheckWorthiness>,
    /// For an entity from the team's gazetteer: what it names.
    pub identity: Option<gazetteer::NamedIdentity>,
    /// For a speaker that is a pronoun ("she added"): the person it stands for.
    pub antecedent: Option<Piece>,
}

impl Suggestion {
    /// From the start of the first piece to the end of the last.
    pub fn extent(&self) -> CharSpan {
        let start = self
            .fragments
            .first()
            .map_or(crate::model::CharOffset(0), |p| p.span.start);
        let end = self.fragments.last().map_or(start, |p| p.span.end);
        CharSpan::between(start, end)
    }
}

/// The most words an apposition has ("the Republican attorney general of Oklahoma").
const MAX_APPOSITION_WORDS: usize = 22;

/// What the rules read: the text's chars and words, its sentences and language.
#[derive(Clone)]
pub(crate) struct Reading {
    pub chars: Vec<char>,
    pub words: Vec<Word>,
    pub sentences: Vec<CharSpan>,
    /// Whether capitals mark names in the article's language.
    pub capitals_mark_names: bool,
    /// Each cue of the language as lower-case words.
    pub cues: Vec<Vec<String>>,
    /// Each phrase that stands before its source, as words.
    pub before_source: Vec<Vec<String>>,
    /// Each participle that reports after a comma, as words.
    pub participles: Vec<Vec<String>>,
    /// The words that make a sentence a checkable claim.
    pub claim_words: claims::ClaimWords,
    /// Whether each word is written with a capital inside a sentence (not a headline): part of a
    /// name ("the United States"), never a cue.
    pub in_name: Vec<bool>,
}

impl Reading {
    fn new(document: &Document, lexicon: &Lexicon) -> Self {
        let chars: Vec<char> = document.text().as_str().chars().collect();
        let words = text::words(&chars);
        let language = lexicon.language_of(words.iter().map(|w| w.lower.as_str()));
        let split = |phrases: &[String]| -> Vec<Vec<String>> {
            let mut split: Vec<Vec<String>> = phrases
                .iter()
                .map(|p| p.split(' ').map(str::to_lowercase).collect())
                .collect();
            // Longest first: "told reporters" before "told".
            split.sort_by_key(|p| std::cmp::Reverse(p.len()));
            split
        };
        let sentences = text::sentences(&chars);
        Self {
            in_name: in_name(&words, &sentences),
            sentences,
            capitals_mark_names: language.capitals_mark_names,
            cues: split(&language.verbs),
            before_source: split(&language.before_source),
            participles: split(&language.participles),
            claim_words: claims::ClaimWords {
                comparisons: split(&language.comparisons),
                absolutes: split(&language.absolutes),
                causal: split(&language.causal),
                dates: split(&language.dates),
            },
            chars,
            words,
        }
    }

    /// This reading with `more` cue words (lower case) among its cues.
    pub fn with_cues(&self, more: &[String]) -> Self {
        let mut extended = self.clone();
        for word in more {
            let phrase = vec![word.clone()];
            if !extended.cues.contains(&phrase) {
                extended.cues.push(phrase);
            }
        }
        extended.cues.sort_by_key(|p| std::cmp::Reverse(p.len()));
        extended
    }

    /// The text of `span`.
    pub fn text(&self, span: CharSpan) -> String {
        self.chars[span.start.0..span.end.0].iter().collect()
    }

    /// A piece of the text.
    pub fn piece(&self, span: CharSpan) -> Piece {
        Piece {
            span,
            text: self.text(span),
        }
    }

    /// The indices of the words within `span`.
    pub fn words_in(&self, span: CharSpan) -> std::ops::Range<usize> {
        let first = self.words.partition_point(|w| w.span.start < span.start);
        let end = self.words.partition_point(|w| w.span.end <= span.end);
        first..end.max(first)
    }

    /// How many words of `phrases` match at word `at`, all before word `end` (0: none). None
    /// starts on a word of a name ("the United States").
    pub fn phrase_at(&self, phrases: &[Vec<String>], at: usize, end: usize) -> usize {
        if self.in_name.get(at).copied().unwrap_or(false) {
            return 0;
        }
        phrases
            .iter()
            .find(|phrase| {
                at + phrase.len() <= end
                    && phrase.iter().enumerate().all(|(k, word)| {
                        self.words.get(at + k).is_some_and(|w| &w.lower == word)
                            && (k == 0 || self.adjacent(at + k - 1))
                    })
            })
            .map_or(0, Vec::len)
    }

    /// True when word `i` and the next are separated by spaces only.
    fn adjacent(&self, i: usize) -> bool {
        let (Some(a), Some(b)) = (self.words.get(i), self.words.get(i + 1)) else {
            return false;
        };
        self.chars[a.span.end.0..b.span.start.0]
            .iter()
            .all(|c| *c == ' ')
    }

    /// The speaker of "X, the director of Y, said": between char `from` and the cue at word
    /// `cue`, a speaker's phrase, a comma, an apposition (a few words) and a comma just before
    /// the cue.
    pub fn appositive_speaker(&self, from: usize, cue: usize) -> Option<CharSpan> {
        let cue_start = self.words.get(cue)?.span.start.0;
        let between: String = self.chars[from..cue_start].iter().collect();
        if !between.trim_end().ends_with(',') {
            return None;
        }
        let first_comma = from + between.chars().position(|c| c == ',')?;
        let last_comma = from + between.trim_end().chars().count() - 1;
        if first_comma >= last_comma {
            return None;
        }
        let apposition = self.words_in(CharSpan::between(
            crate::model::CharOffset(first_comma),
            crate::model::CharOffset(last_comma),
        ));
        if apposition.is_empty() || apposition.len() > MAX_APPOSITION_WORDS {
            return None;
        }
        let name = self.words_in(CharSpan::between(
            crate::model::CharOffset(from),
            crate::model::CharOffset(first_comma),
        ));
        text::speaker_phrase(&self.words[name])
    }

    /// `span` with the closing bracket its text opens and the next chars close ("the Agency
    /// (CRA" → "the Agency (CRA)", "Sen. Lee (R-Ga" → "Sen. Lee (R-Ga.)").
    pub fn closed(&self, span: CharSpan) -> CharSpan {
        let inside = &self.chars[span.start.0..span.end.0];
        let open = inside.iter().filter(|c| **c == '(').count();
        let close = inside.iter().filter(|c| **c == ')').count();
        let after = &self.chars[span.end.0..];
        let closing = if after.starts_with(&[')']) {
            1
        } else if after.starts_with(&['.', ')']) {
            2
        } else {
            0
        };
        if open > close && closing > 0 {
            CharSpan::between(span.start, crate::model::CharOffset(span.end.0 + closing))
        } else {
            span
        }
    }

    /// The span of words `range`.
    pub fn span_of(&self, range: std::ops::Range<usize>) -> CharSpan {
        CharSpan::between(
            self.words[range.start].span.start,
            self.words[range.end - 1].span.end,
        )
    }
}

/// Whether each of `words` is written with a capital inside one of `sentences` that is not its
/// first word, in a sentence that is no headline (a headline's capitals name nothing).
fn in_name(words: &[Word], sentences: &[CharSpan]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let mut first = 0;
    for sentence in sentences {
        first += words[first..].partition_point(|w| w.span.start < sentence.start);
        let end = first + words[first..].partition_point(|w| w.span.end <= sentence.end);
        // A headline writes every word but the short ones with a capital.
        let headline = words[first..end]
            .iter()
            .all(|w| w.capital || w.lower.chars().count() < 4);
        if !headline {
            for (k, word) in words[first..end].iter().enumerate().skip(1) {
                out[first + k] = word.capital;
            }
        }
        first = end;
    }
    out
}

/// The edits accepting `suggestion` makes to `set`, as a person would have made them: the
/// quote in its pieces with its cue and mode, and its speaker: the entity of `set` on the
/// speaker's words when there is one, else a new entity there (inserted first); a claim with its
/// claimant and check-worthiness; an entity with its type and, from the gazetteer, its identity
/// (the set's one with that external id or name, else a new one, put first).
pub fn accepted(
    suggestion: &Suggestion,
    set: &AnnotationSet,
    document: &Document,
    mut fresh_id: impl FnMut() -> crate::model::AnnotationId,
) -> Vec<crate::model::Edit> {
    use crate::model::{Annotation, Attributes, Edit, Excerpt, Party, Placement};
    let mut made = Vec::new();
    let speaker = suggestion.speaker.as_ref().map(|piece| {
        let on = |span: CharSpan| {
            set.overlapping(span)
                .find(|a| a.kind() == Kind::Entity && a.span == span)
                .map(|a| a.id.clone())
        };
        // A pronoun links to the entity of the person it stands for, when the set has one
        // (on those words, or with that text).
        let named = suggestion.antecedent.as_ref().and_then(|person| {
            on(person.span).or_else(|| {
                set.anchored()
                    .iter()
                    .find(|a| a.kind() == Kind::Entity && a.text == person.text)
                    .map(|a| a.id.clone())
            })
        });
        on(piece.span).or(named).unwrap_or_else(|| {
            let mut entity = Annotation::new(fresh_id(), Kind::Entity, piece.span, document);
            entity.suggested_by = Some(suggestion.rule.to_owned());
            let id = entity.id.clone();
            made.push(Edit::Insert(entity, Placement::Anchored));
            id
        })
    });
    let Some(first) = suggestion.fragments.first() else {
        return made;
    };
    // An entity already on those words (a quote accepted before made it its speaker).
    let on_entity = set
        .overlapping(first.span)
        .any(|a| a.kind() == Kind::Entity && a.span == first.span);
    if suggestion.kind == Kind::Entity && on_entity {
        return made;
    }
    let mut made_one = Annotation::new(fresh_id(), suggestion.kind, first.span, document);
    made_one.suggested_by = Some(suggestion.rule.to_owned());
    made_one.fragments = suggestion.fragments[1..]
        .iter()
        .map(|p| Excerpt::of(document, p.span))
        .collect();
    match &mut made_one.attributes {
        Attributes::Quote(q) => {
            q.speaker = speaker.map(Party::Mention);
            q.cue = suggestion
                .cue
                .as_ref()
                .map(|p| Excerpt::of(document, p.span));
            q.mode = suggestion.mode;
        }
        Attributes::Entity(e) => {
            e.entity_type.clone_from(&suggestion.entity_type);
            if let Some(named) = &suggestion.identity {
                let (id, new) = identity_for(set, named);
                if let Some(identity) = new {
                    made.insert(0, Edit::PutIdentity(identity));
                }
                e.identity = Some(id);
            }
        }
        Attributes::Claim(c) => {
            c.claimant = speaker.map(Party::Mention);
            c.check_worthiness = suggestion.check_worthiness;
        }
    }
    made.push(Edit::Insert(made_one, Placement::Anchored));
    made
}

/// The id of the identity of `set` that `named` stands for (the same external id, or with none
/// the same name), or of a new one, given too.
fn identity_for(
    set: &AnnotationSet,
    named: &gazetteer::NamedIdentity,
) -> (crate::model::IdentityId, Option<crate::model::Identity>) {
    let same = set
        .identities()
        .values()
        .find(|i| match &named.external_id {
            Some(id) => i.external_id.as_ref() == Some(id),
            None => i.name == named.name,
        });
    match same {
        Some(identity) => (identity.id.clone(), None),
        None => {
            let identity = crate::model::Identity {
                id: set.fresh_identity_id(),
                name: named.name.clone(),
                external_id: named.external_id.clone(),
            };
            (identity.id.clone(), Some(identity))
        }
    }
}

/// The suggestions for `document`: quotes, claims and entities that `set` has not already got
/// (no annotation of the kind there shares most of their text) and that were not rejected, in
/// text order.
pub fn suggest(document: &Document, set: &AnnotationSet, rules: &Rules) -> Vec<Suggestion> {
    let reading = Reading::new(document, &rules.lexicon);
    let mut found = rule_quotes(&reading);
    if let Some(model) = &rules.model {
        found = model.quotes(&reading, &found);
    }
    found.retain(|s| !already_annotated(set, s));
    let learned_names = rules
        .model
        .as_ref()
        .map(|model| model.names.gazetteer())
        .unwrap_or_default();
    let claims = claims::claims(&reading, set, &found);
    found.extend(claims.into_iter().filter(|s| !already_annotated(set, s)));
    // A quote's speaker comes with the quote: not suggested twice.
    let speakers: Vec<CharSpan> = found
        .iter()
        .filter_map(|s| s.speaker.as_ref().map(|p| p.span))
        .collect();
    found.extend(
        entities::entities(&reading, set, &rules.gazetteer, &learned_names)
            .into_iter()
            .filter(|e| {
                !speakers
                    .iter()
                    .any(|s| s.start < e.extent().end && e.extent().start < s.end)
            }),
    );
    found.retain(|s| !set.is_rejected(s.kind, s.extent()));
    found.sort_by_key(|s| (s.extent().start, s.extent().end, s.kind));
    pronouns::resolve(&reading, set, &mut found);
    for suggestion in &mut found {
        if let Some(speaker) = &mut suggestion.speaker {
            *speaker = reading.piece(reading.closed(speaker.span));
        }
    }
    found.sort_by_key(|s| (s.extent().start, s.extent().end, s.kind));
    found
}

/// The rules' quotes in `reading`: lines that open with a speaker's label, direct quotes
/// outside them, then reported speech in the sentences they leave.
pub(crate) fn rule_quotes(reading: &Reading) -> Vec<Suggestion> {
    let mut found = labelled::labelled_lines(reading);
    let lines: Vec<CharSpan> = found.iter().map(Suggestion::extent).collect();
    found.extend(
        quotes::direct(reading)
            .into_iter()
            .filter(|quote| !lines.iter().any(|line| line.overlaps(quote.extent()))),
    );
    let taken: Vec<CharSpan> = found.iter().map(Suggestion::extent).collect();
    found.extend(reported::indirect(reading, &taken));
    found
}

/// True when `set` has an annotation of the suggestion's kind covering most of it.
fn already_annotated(set: &AnnotationSet, suggestion: &Suggestion) -> bool {
    let extent = suggestion.extent();
    set.overlapping(extent).any(|a| {
        a.kind() == suggestion.kind && {
            let shared = a
                .span
                .end
                .0
                .min(extent.end.0)
                .saturating_sub(a.span.start.0.max(extent.start.0));
            shared * 2 > extent.len()
        }
    })
}

#[cfg(test)]
mod tests;
