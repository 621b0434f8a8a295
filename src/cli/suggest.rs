//! `marginalia suggest PATH [--kinds …] [--json] [--set NAME]`: the suggestions for an article
//! or every article of a folder, as lines for people or one JSON object per article.

use crate::model::Kind;
use crate::suggest::{self, Piece, Rules, Suggestion};
use anyhow::Context as _;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A piece as JSON: `{"start": S, "end": E, "text": "…"}`.
#[derive(Serialize)]
struct JsonPiece<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> JsonPiece<'a> {
    fn of(piece: &'a Piece) -> Self {
        Self {
            start: piece.span.start.0,
            end: piece.span.end.0,
            text: &piece.text,
        }
    }
}

/// A kind as the JSON contract names it.
fn json_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Quote => "quote",
        Kind::Claim => "claim",
        Kind::Entity => "entity",
    }
}

/// One suggestion as JSON, in the order the contract gives.
#[derive(Serialize)]
struct JsonSuggestion<'a> {
    kind: &'static str,
    start: usize,
    end: usize,
    fragments: Vec<[usize; 2]>,
    text: String,
    confidence: f32,
    rule: &'static str,
    speaker: Option<JsonPiece<'a>>,
    cue: Option<JsonPiece<'a>>,
    mode: Option<&'static str>,
    entity_type: Option<String>,
}

impl<'a> JsonSuggestion<'a> {
    fn of(suggestion: &'a Suggestion) -> Self {
        let extent = suggestion.extent();
        Self {
            kind: json_kind(suggestion.kind),
            start: extent.start.0,
            end: extent.end.0,
            fragments: suggestion
                .fragments
                .iter()
                .map(|f| [f.span.start.0, f.span.end.0])
                .collect(),
            text: suggestion
                .fragments
                .iter()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>()
                .join(" … "),
            confidence: (suggestion.confidence * 100.0).round() / 100.0,
            rule: suggestion.rule,
            speaker: suggestion.speaker.as_ref().map(JsonPiece::of),
            cue: suggestion.cue.as_ref().map(JsonPiece::of),
            mode: suggestion.mode.map(|m| m.id()),
            entity_type: suggestion.entity_type.clone(),
        }
    }
}

/// One article's suggestions as JSON.
#[derive(Serialize)]
struct JsonArticle<'a> {
    article: String,
    suggestions: Vec<JsonSuggestion<'a>>,
}

/// What `suggest` is asked to do.
pub(super) struct Request<'a> {
    /// Only these kinds (none: all).
    pub kinds: &'a [Kind],
    /// One JSON object per article.
    pub json: bool,
    /// Add the suggestions to the set instead of printing them.
    pub apply: bool,
    /// The annotation set.
    pub set: Option<&'a str>,
    /// The model to use instead of the one found beside each article.
    pub model: Option<&'a Path>,
}

/// How many annotations of each kind a run added.
#[derive(Default)]
struct Added {
    quotes: usize,
    claims: usize,
    entities: usize,
}

/// Adds `found` to the set of `article` as a person accepting each would, and saves it;
/// returns how many of each kind were added (speakers among the entities).
fn apply(
    article: &Path,
    document: &crate::model::Document,
    mut loaded: crate::store::sidecar::Loaded,
    found: &[Suggestion],
    set: Option<&str>,
) -> anyhow::Result<Added> {
    let mut added = Added::default();
    for suggestion in found {
        let mut issued: Vec<crate::model::AnnotationId> = Vec::new();
        let annotations = &loaded.annotations;
        let made = suggest::accepted(suggestion, annotations, document, || {
            let id = crate::model::AnnotationId::generate(|id| {
                annotations.contains_id(id) || issued.contains(id)
            });
            issued.push(id.clone());
            id
        });
        for edit in made {
            if let crate::model::Edit::Insert(annotation, _) = &edit {
                match annotation.kind() {
                    Kind::Quote => added.quotes += 1,
                    Kind::Claim => added.claims += 1,
                    Kind::Entity => added.entities += 1,
                }
            }
            loaded.annotations.apply(edit, document)?;
        }
    }
    let path = super::sidecar_for(article, set);
    crate::store::sidecar::save(&path, document, &loaded.annotations, &loaded.extras)
        .with_context(|| format!("could not save “{}”", path.display()))?;
    Ok(added)
}

/// Runs `suggest` over `path` (an article, or a folder and below).
pub(super) fn run(
    path: &Path,
    request: &Request<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let Request {
        kinds,
        json,
        apply: applying,
        set,
        model,
    } = *request;
    let mut models = super::train::Models::new(model)?;
    let articles: Vec<PathBuf> = if path.is_dir() {
        crate::store::folder::articles_in(path)
            .with_context(|| format!("could not read the folder “{}”", path.display()))?
    } else {
        vec![path.to_owned()]
    };
    let mut code = 0;
    for (n, article) in articles.iter().enumerate() {
        if path.is_dir() {
            writeln!(err, "[{}/{}] {}", n + 1, articles.len(), article.display())?;
        }
        let (document, loaded) = match super::load(article, set) {
            Ok(found) => found,
            Err(error) => {
                writeln!(err, "error: {}: {error:#}", article.display())?;
                code = 2;
                continue;
            }
        };
        // The team's cues, from the schema beside the article, and its gazetteer.
        let (schema, schema_warning) = crate::model::schema::Schema::for_article(article, &[]);
        let (mut rules, rules_warning) = Rules::for_article(article, &schema);
        for warning in schema_warning.into_iter().chain(rules_warning) {
            writeln!(err, "warning: {warning}")?;
        }
        rules.model = models.for_article(article, err)?;
        let found: Vec<Suggestion> = suggest::suggest(&document, &loaded.annotations, &rules)
            .into_iter()
            .filter(|s| kinds.is_empty() || kinds.contains(&s.kind))
            .collect();
        let name = if path.is_dir() {
            article
                .strip_prefix(path)
                .unwrap_or(article)
                .display()
                .to_string()
        } else {
            article.file_name().map_or_else(
                || article.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        if applying {
            match apply(article, &document, loaded, &found, set) {
                Ok(Added {
                    quotes,
                    claims,
                    entities,
                }) => writeln!(
                    out,
                    "{name}: added {quotes} quote(s), {claims} claim(s) and {entities} entit(ies)"
                )?,
                Err(error) => {
                    writeln!(err, "error: {}: {error:#}", article.display())?;
                    code = 2;
                }
            }
        } else if json {
            let line = JsonArticle {
                article: name,
                suggestions: found.iter().map(JsonSuggestion::of).collect(),
            };
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        } else {
            writeln!(out, "{name}: {} suggestion(s)", found.len())?;
            for s in &found {
                let extent = s.extent();
                let speaker = s.speaker.as_ref().map_or("—", |p| p.text.as_str());
                let cue = s.cue.as_ref().map_or("—", |p| p.text.as_str());
                writeln!(
                    out,
                    "  {} {}–{} ({:.2}, {}): {} · speaker {speaker} · cue {cue}",
                    json_kind(s.kind),
                    extent.start.0,
                    extent.end.0,
                    s.confidence,
                    s.rule,
                    crate::model::annotation::in_quotation_marks(&s.fragments[0].text)
                )?;
            }
        }
    }
    Ok(code)
}
