//! The model file: a magic line, the format version, a RON header (what it was trained on),
//! the weights in little-endian binary, sorted by feature, and a checksum of all before it.
//! The same model gives the same bytes; a file of a newer version, another kind of file or a
//! damaged one is refused with a message that says what to do.

use super::features::CueWords;
use super::names::EntityNames;
use super::perceptron::Weights;
use super::tags::{TAG_COUNT, Tag};
use super::{Model, Provenance};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How every model file starts.
const MAGIC: &[u8] = b"MARGINALIA-MODEL\n";

/// The version of the format this build writes and reads.
/// Version 2 added the learned cue words, version 3 the learned entity names; an older model
/// reads with none of them.
pub const MODEL_VERSION: u32 = 3;

/// Versions above this are bytes that were never a version.
const MAX_PLAUSIBLE_VERSION: u32 = 1000;

/// The file name a model is found by beside the articles (as the schema is).
pub const MODEL_FILE_NAME: &str = "marginalia-model.bin";

/// Why a model file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file could not be read or written.
    #[error("could not {action} the model “{}”: {source}", path.display())]
    Io {
        /// "read" or "write".
        action: &'static str,
        /// The model file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The file is something else.
    #[error(
        "“{}” is no Marginalia model: give a file made by `marginalia train`",
        path.display()
    )]
    NotAModel {
        /// The file.
        path: PathBuf,
    },
    /// A newer Marginalia wrote it.
    #[error(
        "“{}” is a model of format {version}, newer than this Marginalia reads ({MODEL_VERSION}): update Marginalia, or train the model again with `marginalia train`",
        path.display()
    )]
    Newer {
        /// The model file.
        path: PathBuf,
        /// The format it says it has.
        version: u32,
    },
    /// It was cut short or changed.
    #[error(
        "the model “{}” is damaged ({why}): train it again with `marginalia train`",
        path.display()
    )]
    Damaged {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        why: &'static str,
    },
}

/// What the header says.
#[derive(Serialize, Deserialize)]
struct Header {
    provenance: Provenance,
    /// The cue words learned (none in version 1).
    #[serde(default)]
    cues: CueWords,
    /// The entity names learned (none before version 3).
    #[serde(default)]
    names: EntityNames,
    tags: Vec<String>,
    features: usize,
}

/// The FNV-1a hash of `bytes`, as the checksum.
fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn tag_names() -> Vec<String> {
    Tag::ALL.iter().map(|t| format!("{t:?}")).collect()
}

impl Model {
    /// The model as the bytes of its file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let header = Header {
            provenance: self.provenance.clone(),
            cues: self.cues.clone(),
            names: self.names.clone(),
            tags: tag_names(),
            features: self.weights.emissions.len(),
        };
        // A header of plain values always serialises.
        let header = ron::to_string(&header).unwrap_or_default();
        let mut out = Vec::with_capacity(64 + self.weights.emissions.len() * (8 + 4 * TAG_COUNT));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&MODEL_VERSION.to_le_bytes());
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        let mut features: Vec<_> = self.weights.emissions.iter().collect();
        features.sort_unstable_by_key(|(hash, _)| **hash);
        for (hash, row) in features {
            out.extend_from_slice(&hash.to_le_bytes());
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for w in &self.weights.transitions {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// The model in `bytes`, read from `path` (named in errors).
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Model, ModelError> {
        let damaged = |why| ModelError::Damaged {
            path: path.to_owned(),
            why,
        };
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            return Err(ModelError::NotAModel {
                path: path.to_owned(),
            });
        };
        let mut reader = Reader(rest);
        let version = reader.u32().ok_or(damaged("it ends in its header"))?;
        if version > MAX_PLAUSIBLE_VERSION {
            return Err(damaged("its format version cannot be read"));
        }
        if version > MODEL_VERSION {
            return Err(ModelError::Newer {
                path: path.to_owned(),
                version,
            });
        }
        if bytes.len() < 8 {
            return Err(damaged("it is cut short"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if checksum(body).to_le_bytes() != sum {
            return Err(damaged("its checksum does not match"));
        }
        let length = reader.u32().ok_or(damaged("it ends in its header"))? as usize;
        let header = reader
            .take(length)
            .ok_or(damaged("it ends in its header"))?;
        let header: Header = std::str::from_utf8(header)
            .ok()
            .and_then(|text| ron::from_str(text).ok())
            .ok_or(damaged("its header cannot be read"))?;
        if header.tags != tag_names() {
            return Err(damaged("its tags are not the ones of its version"));
        }
        let mut emissions = std::collections::HashMap::with_capacity(header.features);
        for _ in 0..header.features {
            let hash = reader.u64().ok_or(damaged("it ends in its weights"))?;
            let mut row = [0.0; TAG_COUNT];
            for w in &mut row {
                *w = reader.f32().ok_or(damaged("it ends in its weights"))?;
            }
            emissions.insert(hash, row);
        }
        let transitions = (0..(TAG_COUNT + 1) * TAG_COUNT)
            .map(|_| reader.f32().ok_or(damaged("it ends in its weights")))
            .collect::<Result<Vec<f32>, _>>()?;
        if reader.0.len() != 8 {
            return Err(damaged("it has more than its weights"));
        }
        Ok(Model {
            weights: Weights {
                emissions,
                transitions,
            },
            cues: header.cues,
            names: header.names,
            provenance: header.provenance,
        })
    }

    /// Reads the model at `path`.
    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
            action: "read",
            path: path.to_owned(),
            source,
        })?;
        Model::from_bytes(&bytes, path)
    }

    /// Writes the model to `path`, atomically.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        crate::store::sidecar::write_atomically(path, &self.to_bytes()).map_err(|source| {
            ModelError::Io {
                action: "write",
                path: path.to_owned(),
                source,
            }
        })
    }
}

/// The model file for the article at `article`: `marginalia-model.bin` in its folder or the
/// nearest folder above that has one.
pub fn find_for(article: &Path) -> Option<PathBuf> {
    let start = article.parent().unwrap_or(Path::new("."));
    start
        .ancestors()
        .map(|folder| folder.join(MODEL_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads little-endian values off the front of a slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}
