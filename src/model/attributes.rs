//! What each kind of annotation carries beyond its span: a quote's speaker, cue and mode, a
//! claim's claimant, check-worthiness, verdict and source, an entity's type and identity.

use super::annotation::{AnnotationId, Kind};
use super::offsets::CharSpan;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Who said or claims something: one mention of an entity in the same article, or a name when
/// the person is not mentioned.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    /// An entity annotation (any of the entity's mentions).
    Mention(AnnotationId),
    /// A free-text name.
    Named(String),
}

/// How a quote reports what was said.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuoteMode {
    /// The speaker's own words, in quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
    /// Partly both.
    Mixed,
}

impl QuoteMode {
    /// Every mode, in display order.
    pub const ALL: [QuoteMode; 3] = [QuoteMode::Direct, QuoteMode::Indirect, QuoteMode::Mixed];

    /// The mode's name in other tools' formats (brat's `Mode` attribute, W3C bodies, CSV).
    pub fn id(self) -> &'static str {
        match self {
            QuoteMode::Direct => "direct",
            QuoteMode::Indirect => "indirect",
            QuoteMode::Mixed => "mixed",
        }
    }

    /// The mode whose [`QuoteMode::id`] is `id`, ignoring case, spaces, `-` and `_`
    /// (`Direct`, `direct`).
    pub fn from_id(id: &str) -> Option<QuoteMode> {
        QuoteMode::ALL.into_iter().find(|m| same_id(m.id(), id))
    }

    /// The mode's name as shown to people.
    pub fn label(self) -> &'static str {
        match self {
            QuoteMode::Direct => "direct",
            QuoteMode::Indirect => "indirect",
            QuoteMode::Mixed => "mixed",
        }
    }
}

/// True when `a` and `b` are the same identifier but for case and the spaces, `-` and `_`
/// between words (`check-worthy`, `CheckWorthy`, `check_worthy`).
fn same_id(a: &str, b: &str) -> bool {
    let letters = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    letters(a) == letters(b)
}

/// How much a claim deserves checking, on the ClaimBuster scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CheckWorthiness {
    /// Opinion, question or other non-factual sentence.
    NonFactual,
    /// Factual but not worth checking.
    UnimportantFactual,
    /// Factual and worth checking.
    CheckWorthy,
}

impl CheckWorthiness {
    /// Every grade, in display order.
    pub const ALL: [CheckWorthiness; 3] = [
        CheckWorthiness::NonFactual,
        CheckWorthiness::UnimportantFactual,
        CheckWorthiness::CheckWorthy,
    ];

    /// The grade's name in other tools' formats (brat's `CheckWorthiness` attribute, W3C
    /// bodies, CSV).
    pub fn id(self) -> &'static str {
        match self {
            CheckWorthiness::NonFactual => "non-factual",
            CheckWorthiness::UnimportantFactual => "unimportant-factual",
            CheckWorthiness::CheckWorthy => "check-worthy",
        }
    }

    /// The grade whose [`CheckWorthiness::id`] is `id`, ignoring case, spaces, `-` and `_`
    /// (`CheckWorthy`, `check-worthy`).
    pub fn from_id(id: &str) -> Option<CheckWorthiness> {
        CheckWorthiness::ALL
            .into_iter()
            .find(|w| same_id(w.id(), id))
    }

    /// The grade's name as shown to people.
    pub fn label(self) -> &'static str {
        match self {
            CheckWorthiness::NonFactual => "non-factual",
            CheckWorthiness::UnimportantFactual => "unimportant factual",
            CheckWorthiness::CheckWorthy => "check-worthy",
        }
    }
}

/// A stretch of the article other than an annotation's main span: a further fragment of a
/// quote, or its cue. Its text is kept so that it can be found again if the article changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Excerpt {
    /// Where it is.
    pub span: CharSpan,
    /// The exact text there.
    pub text: String,
}

/// What a quote carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteAttributes {
    /// Who said it.
    pub speaker: Option<Party>,
    /// The words that introduce it ("said", "according to").
    pub cue: Option<Excerpt>,
    /// Direct, indirect or mixed.
    pub mode: Option<QuoteMode>,
}

/// What a claim carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimAttributes {
    /// Who makes the claim.
    pub claimant: Option<Party>,
    /// Whether it deserves checking.
    pub check_worthiness: Option<CheckWorthiness>,
    /// The fact-checkers' verdict, from the schema's vocabulary.
    pub verdict: Option<String>,
    /// Where the verdict or the evidence is published.
    pub source_url: Option<String>,
}

/// What an entity mention carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityAttributes {
    /// Its type, one of the schema's entity types (PERSON, ORG…); `None` until set.
    pub entity_type: Option<String>,
    /// The real-world entity it names, shared by all its mentions.
    pub identity: Option<IdentityId>,
}

/// The kind of an annotation together with what that kind carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attributes {
    /// A quote.
    Quote(QuoteAttributes),
    /// A claim.
    Claim(ClaimAttributes),
    /// An entity mention.
    Entity(EntityAttributes),
}

impl Attributes {
    /// Empty attributes of `kind`.
    pub fn empty(kind: Kind) -> Self {
        match kind {
            Kind::Quote => Attributes::Quote(QuoteAttributes::default()),
            Kind::Claim => Attributes::Claim(ClaimAttributes::default()),
            Kind::Entity => Attributes::Entity(EntityAttributes::default()),
        }
    }

    /// The kind these attributes belong to.
    pub fn kind(&self) -> Kind {
        match self {
            Attributes::Quote(_) => Kind::Quote,
            Attributes::Claim(_) => Kind::Claim,
            Attributes::Entity(_) => Kind::Entity,
        }
    }

    /// The speaker of a quote or the claimant of a claim.
    pub fn party(&self) -> Option<&Party> {
        match self {
            Attributes::Quote(q) => q.speaker.as_ref(),
            Attributes::Claim(c) => c.claimant.as_ref(),
            Attributes::Entity(_) => None,
        }
    }

    /// Sets the speaker of a quote or the claimant of a claim; false for an entity.
    pub fn set_party(&mut self, party: Option<Party>) -> bool {
        match self {
            Attributes::Quote(q) => q.speaker = party,
            Attributes::Claim(c) => c.claimant = party,
            Attributes::Entity(_) => return false,
        }
        true
    }

    /// The identity of an entity mention.
    pub fn identity(&self) -> Option<&IdentityId> {
        match self {
            Attributes::Entity(e) => e.identity.as_ref(),
            _ => None,
        }
    }
}

/// The id of a real-world entity within an article's annotations.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdentityId(pub String);

impl fmt::Display for IdentityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A real-world entity that several mentions name ("Huawei", "the company", "Huawei's").
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Identity {
    /// Unique within the article's annotations.
    pub id: IdentityId,
    /// Its canonical name.
    pub name: String,
    /// An id in an external knowledge base, such as a Wikidata QID (`Q1234`).
    pub external_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_read_back_whatever_their_case_and_separators() {
        let cases: [(&str, Option<CheckWorthiness>); 6] = [
            ("check-worthy", Some(CheckWorthiness::CheckWorthy)),
            ("CheckWorthy", Some(CheckWorthiness::CheckWorthy)),
            (
                "unimportant factual",
                Some(CheckWorthiness::UnimportantFactual),
            ),
            (
                "Unimportant_Factual",
                Some(CheckWorthiness::UnimportantFactual),
            ),
            ("NON-FACTUAL", Some(CheckWorthiness::NonFactual)),
            ("worthy", None),
        ];
        for (text, expected) in cases {
            assert_eq!(CheckWorthiness::from_id(text), expected, "{text}");
        }
        for mode in QuoteMode::ALL {
            assert_eq!(QuoteMode::from_id(mode.id()), Some(mode));
            assert_eq!(QuoteMode::from_id(&mode.id().to_uppercase()), Some(mode));
        }
        assert_eq!(QuoteMode::from_id("Direct"), Some(QuoteMode::Direct));
        assert_eq!(QuoteMode::from_id("reported"), None);
        for grade in CheckWorthiness::ALL {
            assert_eq!(CheckWorthiness::from_id(grade.id()), Some(grade));
        }
    }
}
