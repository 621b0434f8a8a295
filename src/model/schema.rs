//! The label schema: entity types (with their hotkeys and colours), verdicts and suggested tags.
//! The built-in default is `assets/default-schema.ron`; a `marginalia-schema.ron` in the
//! article's folder or a folder above it overrides it, so that a team shares one schema.

use super::Kind;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name a team's schema goes by.
pub const SCHEMA_FILE_NAME: &str = "marginalia-schema.ron";
const FORMAT_TAG: &str = "marginalia-schema";
const VERSION: u32 = 1;
const DEFAULT_SCHEMA: &str = include_str!("../../assets/default-schema.ron");

/// The colour each kind is drawn in on a light page, as red, green, blue (Okabe–Ito colours,
/// told apart by people with colour-vision deficiencies). The window's theme and the colours
/// written for other tools (brat's `visual.conf`) both start from these.
pub fn kind_colour(kind: Kind) -> [u8; 3] {
    match kind {
        Kind::Quote => [0xC8, 0x7F, 0x00],
        Kind::Claim => [0x00, 0x6C, 0xB0],
        Kind::Entity => [0xB0, 0x40, 0x88],
    }
}

/// One entity type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityType {
    /// Its name, as stored in sidecars (`PERSON`).
    pub name: String,
    /// The letter that gives the selected entity this type.
    pub key: Option<char>,
    /// Its colour as red, green, blue.
    pub colour: Option<[u8; 3]>,
}

/// The label schema in force for an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schema {
    /// Entity types, in the order T cycles through them.
    pub entity_types: Vec<EntityType>,
    /// What a claim's verdict can be.
    pub verdicts: Vec<String>,
    /// Tags offered for every annotation.
    pub tags: Vec<String>,
    /// The file it came from; `None` for the built-in default.
    pub source: Option<PathBuf>,
    /// Reporting cues a team adds to the suggester's, by language code (`"en"`, or a language
    /// of its own).
    pub cues: std::collections::BTreeMap<String, CueExtension>,
}

/// Cues a schema adds for one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueExtension {
    /// Reporting verbs and phrases ("quipped", "told the committee").
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Phrases that stand before their source ("as reported by").
    #[serde(default)]
    pub before_source: Vec<String>,
    /// Frequent words that tell a language the lexicon does not have.
    #[serde(default)]
    pub stop_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaFile {
    format: String,
    version: u32,
    entity_types: Vec<EntityTypeRecord>,
    #[serde(default)]
    verdicts: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    cues: std::collections::BTreeMap<String, CueExtension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityTypeRecord {
    name: String,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    colour: Option<String>,
}

impl Default for Schema {
    fn default() -> Self {
        // The built-in schema is part of the program and checked by a test.
        parse(DEFAULT_SCHEMA, &[]).unwrap_or_else(|_| Schema {
            entity_types: Vec::new(),
            verdicts: Vec::new(),
            tags: Vec::new(),
            source: None,
            cues: std::collections::BTreeMap::new(),
        })
    }
}

impl Schema {
    /// The schema for the article at `article`: the nearest `marginalia-schema.ron` in its
    /// folder or above, else the built-in one. Letters in `reserved` are taken by other
    /// shortcuts. A file that cannot be used gives the default and a warning naming it.
    pub fn for_article(article: &Path, reserved: &[char]) -> (Schema, Option<String>) {
        let Some(path) = article
            .ancestors()
            .skip(1)
            .map(|folder| folder.join(SCHEMA_FILE_NAME))
            .find(|candidate| candidate.is_file())
        else {
            return (Schema::default(), None);
        };
        let result = std::fs::read_to_string(&path)
            .map_err(SchemaError::Read)
            .and_then(|text| parse(&text, reserved));
        match result {
            Ok(mut schema) => {
                schema.source = Some(path);
                (schema, None)
            }
            Err(problem) => (
                Schema::default(),
                Some(format!(
                    "The label schema “{}” cannot be used: {problem}. The built-in schema is used instead; fix the file and reopen the article.",
                    path.display()
                )),
            ),
        }
    }

    /// The type that follows `current` in the cycle (the first one after none or the last).
    pub fn next_type(&self, current: Option<&str>) -> Option<&EntityType> {
        let at = current.and_then(|c| self.entity_types.iter().position(|t| t.name == c));
        match at {
            Some(i) => self.entity_types.get((i + 1) % self.entity_types.len()),
            None => self.entity_types.first(),
        }
    }

    /// The entity type called `name`.
    pub fn entity_type(&self, name: &str) -> Option<&EntityType> {
        self.entity_types.iter().find(|t| t.name == name)
    }
}

/// Why a schema file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// The file could not be read.
    #[error("it could not be read ({0})")]
    Read(std::io::Error),
    /// Not RON of the schema's shape.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Another kind of file.
    #[error("its format is {0:?}, not {FORMAT_TAG:?}")]
    Format(String),
    /// Another version.
    #[error("it is version {0}; this Marginalia reads version {VERSION}")]
    Version(u32),
    /// No entity type at all.
    #[error("it lists no entity types")]
    NoEntityTypes,
    /// A type without a name.
    #[error("an entity type has an empty name")]
    EmptyName,
    /// A type twice.
    #[error("the entity type {0:?} is listed twice")]
    Twice(String),
    /// A key that is not a letter.
    #[error("the key of {name:?} is {key:?}; it must be one letter A–Z")]
    BadKey {
        /// The type.
        name: String,
        /// Its key as written.
        key: String,
    },
    /// A key another shortcut has.
    #[error("the key {key:?} of {name:?} is already a Marginalia shortcut")]
    ReservedKey {
        /// The type.
        name: String,
        /// The key.
        key: char,
    },
    /// Two types with one key.
    #[error("{name:?} and {other:?} have the same key {key:?}")]
    SameKey {
        /// The type.
        name: String,
        /// The type listed before with that key.
        other: String,
        /// The key.
        key: char,
    },
    /// A colour not in `#RRGGBB`.
    #[error("the colour of {name:?} is {colour:?}; write it as #RRGGBB")]
    BadColour {
        /// The type.
        name: String,
        /// The colour as written.
        colour: String,
    },
}

/// Parses schema text; `reserved` letters may not be hotkeys.
fn parse(text: &str, reserved: &[char]) -> Result<Schema, SchemaError> {
    let file: SchemaFile = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| SchemaError::Syntax {
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
    if file.format != FORMAT_TAG {
        return Err(SchemaError::Format(file.format));
    }
    if file.version != VERSION {
        return Err(SchemaError::Version(file.version));
    }
    if file.entity_types.is_empty() {
        return Err(SchemaError::NoEntityTypes);
    }
    let mut entity_types: Vec<EntityType> = Vec::new();
    for record in file.entity_types {
        let name = record.name.trim().to_owned();
        if name.is_empty() {
            return Err(SchemaError::EmptyName);
        }
        if entity_types.iter().any(|t| t.name == name) {
            return Err(SchemaError::Twice(name));
        }
        let key = record
            .key
            .as_deref()
            .map(|k| parse_key(k, &name))
            .transpose()?;
        if let Some(key) = key {
            if reserved.contains(&key) {
                return Err(SchemaError::ReservedKey { name, key });
            }
            if let Some(other) = entity_types.iter().find(|t| t.key == Some(key)) {
                return Err(SchemaError::SameKey {
                    name,
                    other: other.name.clone(),
                    key,
                });
            }
        }
        let colour = record
            .colour
            .as_deref()
            .map(|c| parse_colour(c, &name))
            .transpose()?;
        entity_types.push(EntityType { name, key, colour });
    }
    Ok(Schema {
        entity_types,
        verdicts: file.verdicts,
        tags: file.tags,
        source: None,
        cues: file.cues,
    })
}

fn parse_key(key: &str, name: &str) -> Result<char, SchemaError> {
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => Ok(c.to_ascii_uppercase()),
        _ => Err(SchemaError::BadKey {
            name: name.to_owned(),
            key: key.to_owned(),
        }),
    }
}

fn parse_colour(colour: &str, name: &str) -> Result<[u8; 3], SchemaError> {
    let bad = || SchemaError::BadColour {
        name: name.to_owned(),
        colour: colour.to_owned(),
    };
    let hex = colour.strip_prefix('#').ok_or_else(bad)?;
    if hex.len() != 6 || !hex.is_ascii() {
        return Err(bad());
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
    Ok([channel(0)?, channel(2)?, channel(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_schema_parses() {
        let schema = parse(DEFAULT_SCHEMA, &['Q', 'C', 'E', 'S', 'T']).unwrap();
        let names: Vec<&str> = schema
            .entity_types
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(names, ["PERSON", "ORG", "LOCATION", "MISC"]);
        assert_eq!(schema.entity_types[1].key, Some('O'));
        assert_eq!(schema.entity_types[0].colour, Some([0x00, 0x72, 0xB2]));
        assert_eq!(schema.next_type(None).unwrap().name, "PERSON");
        assert_eq!(schema.next_type(Some("MISC")).unwrap().name, "PERSON");
        assert_eq!(schema.next_type(Some("ORG")).unwrap().name, "LOCATION");
        assert!(!schema.verdicts.is_empty());
        assert_eq!(Schema::default(), schema);
    }

    #[test]
    fn a_team_schema_in_a_parent_folder_overrides_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("2026").join("week-48");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(
            dir.path().join(SCHEMA_FILE_NAME),
            r##"(format: "marginalia-schema", version: 1,
                entity_types: [(name: "POLITICIAN", key: "k"), (name: "PARTY", colour: "#112233")],
                verdicts: ["vrai", "faux"])"##,
        )
        .unwrap();
        let (schema, warning) = Schema::for_article(&nested.join("a.txt"), &['Q']);
        assert_eq!(warning, None);
        assert_eq!(schema.entity_types[0].key, Some('K'));
        assert_eq!(schema.entity_types[1].colour, Some([0x11, 0x22, 0x33]));
        assert_eq!(schema.verdicts, ["vrai", "faux"]);
        assert_eq!(schema.source, Some(dir.path().join(SCHEMA_FILE_NAME)));
    }

    #[test]
    fn a_bad_schema_falls_back_to_the_default_with_a_warning_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        for (text, problem) in [
            (
                "(format: \"marginalia-schema\", version: 1, entity_types: [",
                "line 1",
            ),
            (
                "(format: \"marginalia-schema\", version: 1, entity_types: [(name: \"X\", key: \"Q\")])",
                "already a Marginalia shortcut",
            ),
            (
                "(format: \"marginalia-schema\", version: 1, entity_types: [(name: \"X\", colour: \"red\")])",
                "#RRGGBB",
            ),
            (
                "(format: \"marginalia-schema\", version: 1, entity_types: [(name: \"X\", key: \"A\"), (name: \"Y\", key: \"a\")])",
                "same key",
            ),
            (
                "(format: \"marginalia-schema\", version: 9, entity_types: [])",
                "version 9",
            ),
            (
                "(format: \"marginalia-schema\", version: 1, entity_types: [])",
                "no entity types",
            ),
        ] {
            std::fs::write(dir.path().join(SCHEMA_FILE_NAME), text).unwrap();
            let (schema, warning) = Schema::for_article(&article, &['Q']);
            let warning = warning.expect("a warning");
            assert!(warning.contains(SCHEMA_FILE_NAME), "{warning}");
            assert!(warning.contains(problem), "{warning} lacks {problem}");
            assert_eq!(schema, Schema::default());
        }
    }
}
