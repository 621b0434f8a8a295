//! Reading a sidecar: the fast path for Marginalia's own layout (a record at a time, placed as
//! it is read), `ron` for anything else (with line and column in every error), each version
//! migrated to the current one, and the annotations placed in the article, re-anchored when its
//! text changed.

use super::Extras;
use super::convert::{annotation_from_record, rejection_from_record};
use super::fast::{self, Sink as _};
use super::format::{
    AnnotationRecord, CURRENT_VERSION, FORMAT_TAG, Header, OFFSET_UNIT, RejectionRecord, SidecarV1,
    SidecarV4,
};
use crate::anchor::{self, Outcome, Review};
use crate::model::{
    Annotation, AnnotationId, AnnotationSet, Attributes, Document, Edit, Identity, IdentityId,
    Kind, Party, Progress,
};
use std::path::{Path, PathBuf};

/// The largest sidecar read (room for about a million annotations).
pub const MAX_SIDECAR_BYTES: u64 = 512 * 1024 * 1024;

/// Sidecars larger than this (about 150,000 annotations) are read a record at a time rather
/// than whole, to hold less memory.
const STREAM_SIDECAR_BYTES: u64 = 64 * 1024 * 1024;

/// Why a sidecar could not be read. The article can still be opened without its annotations.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file is larger than any sidecar Marginalia reads.
    #[error("“{}” is {} MB, more than Marginalia reads ({} MB). The file is left as it is; check what wrote it.", .path.display(), .size / 1_000_000, MAX_SIDECAR_BYTES / 1_000_000)]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// The file could not be read.
    #[error("Could not read the annotations in “{}”: {source}.", .path.display())]
    Io {
        /// The sidecar.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not valid RON, or not of the sidecar's shape.
    #[error("“{}”, line {line}, column {column}: {message}.", .path.display())]
    Malformed {
        /// The sidecar.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file is RON but not a Marginalia sidecar.
    #[error("“{}” is not a Marginalia sidecar (its format is {found:?}, not {FORMAT_TAG:?}).", .path.display())]
    NotASidecar {
        /// The file.
        path: PathBuf,
        /// Its format tag.
        found: String,
    },
    /// The file was written by a newer Marginalia.
    #[error("“{}” uses sidecar format version {version}, newer than this Marginalia understands (version {CURRENT_VERSION}). Update Marginalia to open these annotations; this file is left as it is.", .path.display())]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its version.
        version: u32,
    },
    /// A version that never existed.
    #[error("“{}” claims sidecar format version {version}, which does not exist.", .path.display())]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        version: u32,
    },
    /// Offsets in a unit we do not read.
    #[error("“{}” counts offsets in {unit:?}; Marginalia reads only {OFFSET_UNIT:?}.", .path.display())]
    OffsetUnit {
        /// The file.
        path: PathBuf,
        /// Its unit.
        unit: String,
    },
}

/// What a sidecar gave: the annotations and what the user should know about them.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The annotations; those that did not fit the article are kept as unanchored.
    pub annotations: AnnotationSet,
    /// What imports from other tools carried beside them.
    pub extras: Extras,
    /// Problems with single annotations, each naming the file and line.
    pub warnings: Vec<String>,
    /// False when the article's text changed since the sidecar was saved.
    pub fingerprint_matches: bool,
    /// What re-anchoring found: counts, moved annotations and proposals for changed ones.
    pub review: Review,
}

/// Reads the sidecar at `path` for `document`; `Ok(None)` when there is none.
pub fn load(path: &Path, document: &Document) -> Result<Option<Loaded>, LoadError> {
    load_with_progress(path, document, &Progress::default())
}

/// [`load`], counting the bytes read and saying when it places the annotations into `progress`.
pub fn load_with_progress(
    path: &Path,
    document: &Document,
    progress: &Progress,
) -> Result<Option<Loaded>, LoadError> {
    // Our own layout, when large: read and placed a record at a time, never holding the whole
    // text. Smaller files are read whole, which is quicker; `read_text` refuses what is too
    // large and says when there is no file.
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if size > STREAM_SIDECAR_BYTES
        && size <= MAX_SIDECAR_BYTES
        && let Ok(file) = std::fs::File::open(path)
    {
        progress.start("Reading the annotations", size);
        let reader = std::io::BufReader::with_capacity(
            1 << 16,
            crate::model::progress::Counted::new(file, progress),
        );
        if let Some(loaded) = place_from_reader(reader, path, document) {
            return Ok(Some(loaded));
        }
    }
    // Anything else (smaller, an older version, edited by hand): read whole, by `ron` if need be.
    let Some(source) = read_text(path, progress)? else {
        return Ok(None);
    };
    progress.start("Placing the annotations", 0);
    parse(&source, path, document).map(Some)
}

/// The text of the sidecar at `path`; `Ok(None)` when there is none. Larger files than
/// [`MAX_SIDECAR_BYTES`] are refused before they are read.
fn read_text(path: &Path, progress: &Progress) -> Result<Option<String>, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.len() > MAX_SIDECAR_BYTES => {
            return Err(LoadError::TooLarge {
                path: path.to_owned(),
                size: metadata.len(),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let bytes = match crate::model::progress::read_file(path, "Reading the annotations", progress) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(e)),
    };
    String::from_utf8(bytes).map(Some).map_err(|_| {
        io_error(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

/// Reads sidecar text in the layout Marginalia writes from `reader`, placing each record as it
/// comes, without ever holding the whole text; `None` when the text is anything else (then
/// [`parse`] the whole text, which gives the errors). `path` is only used in messages.
pub fn place_from_reader(
    reader: impl std::io::BufRead,
    path: &Path,
    document: &Document,
) -> Option<Loaded> {
    let mut placer = Placer::new("", path, document);
    let rest = fast::read_from(reader, &mut placer)?;
    Some(placer.finish(rest.brat_extras, rest.rejected_suggestions))
}

/// Parses sidecar text; `path` is only used in messages.
pub fn parse(source: &str, path: &Path, document: &Document) -> Result<Loaded, LoadError> {
    // Our own layout: each record is placed as it is read.
    let mut placer = Placer::new(source, path, document);
    if let Some(rest) = fast::read(source, &mut placer) {
        return Ok(placer.finish(rest.brat_extras, rest.rejected_suggestions));
    }
    let mut sidecar = records(source, path)?;
    let mut placer = Placer::new(source, path, document);
    let records = std::mem::take(&mut sidecar.annotations);
    placer.header(&sidecar);
    for record in records {
        placer.record(record, None);
    }
    Ok(placer.finish(sidecar.brat_extras, sidecar.rejected_suggestions))
}

/// What a sidecar holds, at a glance: for lists of many articles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// How many annotations it has.
    pub annotations: usize,
    /// The fingerprint of the article text it was saved for.
    pub fingerprint: crate::model::Fingerprint,
}

/// Reads the sidecar at `path` without placing its annotations; `Ok(None)` when there is none.
pub fn summary(path: &Path) -> Result<Option<Summary>, LoadError> {
    let Some(source) = read_text(path, &Progress::default())? else {
        return Ok(None);
    };
    let mut count = Count(0);
    let (annotations, fingerprint) = match fast::read(&source, &mut count) {
        Some(sidecar) => (count.0, sidecar.document.fingerprint),
        None => {
            let sidecar = records(&source, path)?;
            (sidecar.annotations.len(), sidecar.document.fingerprint)
        }
    };
    Ok(Some(Summary {
        annotations,
        fingerprint: crate::model::Fingerprint::from_stored(fingerprint),
    }))
}

/// Counts records without keeping them.
struct Count(usize);

impl fast::Sink for Count {
    fn header(&mut self, header: &SidecarV4) -> bool {
        accepted_by_fast_path(header)
    }
    fn record(&mut self, _: AnnotationRecord, _: Option<usize>) {
        self.0 += 1;
    }
}

/// Whether the header is one the fast path may go on with; anything else is left to `ron`,
/// which gives the errors.
fn accepted_by_fast_path(header: &SidecarV4) -> bool {
    header.format == FORMAT_TAG && header.offset_unit == OFFSET_UNIT
}

/// The records of sidecar text of any version we read, as the current version.
fn records(source: &str, path: &Path) -> Result<SidecarV4, LoadError> {
    let malformed = |e: ron::error::SpannedError| LoadError::Malformed {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    };
    let header: Header = ron::from_str(source).map_err(malformed)?;
    if header.format != FORMAT_TAG {
        return Err(LoadError::NotASidecar {
            path: path.to_owned(),
            found: header.format,
        });
    }
    let sidecar: SidecarV4 = match header.version {
        1 => ron::from_str::<SidecarV1>(source)
            .map_err(malformed)?
            .into(),
        2..=CURRENT_VERSION => ron::from_str(source).map_err(malformed)?,
        v if v > CURRENT_VERSION => {
            return Err(LoadError::TooNew {
                path: path.to_owned(),
                version: v,
            });
        }
        v => {
            return Err(LoadError::UnknownVersion {
                path: path.to_owned(),
                version: v,
            });
        }
    };
    if sidecar.offset_unit != OFFSET_UNIT {
        return Err(LoadError::OffsetUnit {
            path: path.to_owned(),
            unit: sidecar.offset_unit,
        });
    }
    Ok(sidecar)
}

/// Turns records into a set, one at a time: each annotation whose exact text stands at its
/// offsets is anchored; every other one is kept as unanchored, with a warning when that is news.
struct Placer<'a> {
    source: &'a str,
    path: &'a Path,
    document: &'a Document,
    loaded: Loaded,
    /// The ids of the records waiting in `to_relocate` (the others are in the set).
    relocating: std::collections::HashSet<AnnotationId>,
    to_relocate: Vec<Annotation>,
}

impl<'a> Placer<'a> {
    fn new(source: &'a str, path: &'a Path, document: &'a Document) -> Self {
        Self {
            source,
            path,
            document,
            loaded: Loaded::default(),
            relocating: std::collections::HashSet::new(),
            to_relocate: Vec::new(),
        }
    }

    fn id_taken(&self, id: &AnnotationId) -> bool {
        self.loaded.annotations.get(id).is_some() || self.relocating.contains(id)
    }
}

impl fast::Sink for Placer<'_> {
    fn header(&mut self, sidecar: &SidecarV4) -> bool {
        if !accepted_by_fast_path(sidecar) {
            return false;
        }
        let (path, document) = (self.path, self.document);
        let loaded = &mut self.loaded;
        loaded.fingerprint_matches =
            sidecar.document.fingerprint == document.fingerprint().as_str();
        let encoding = document.encoding().name();
        if sidecar.document.encoding != encoding {
            loaded.warnings.push(format!(
                "“{}” was annotated when the article was {}; it is now {encoding}. Offsets count the decoded text, so the annotations are unaffected; the next save records {encoding}.",
                path.display(),
                sidecar.document.encoding
            ));
        }
        if let (Some(saved), Some(now)) = (sidecar.document.extractor_version, document.derived())
            && saved != now.extractor_version
        {
            loaded.warnings.push(format!(
                "“{}” was annotated on text extracted from {} by extractor version {saved}; this Marginalia's extractor is version {}, so the text may differ. {} The next save records version {}.",
                path.display(),
                now.format.with_article(),
                now.extractor_version,
                if loaded.fingerprint_matches {
                    "The text came out the same."
                } else {
                    "The annotations were looked for again in the new text."
                },
                now.extractor_version
            ));
        }
        for record in &sidecar.identities {
            loaded.annotations.put_identity(Identity {
                id: IdentityId(record.id.clone()),
                name: record.name.clone(),
                external_id: record.external_id.clone(),
            });
        }
        true
    }

    fn record(&mut self, record: AnnotationRecord, line: Option<usize>) {
        let (source, path, document) = (self.source, self.path, self.document);
        // Finding the line scans the file: only done for a message.
        let record_id = record.id.clone();
        let line = || line.unwrap_or_else(|| line_of_id(source, &record_id));
        let (mut annotation, was_unanchored, ignored) = annotation_from_record(record);
        if !ignored.is_empty() {
            self.loaded.warnings.push(format!(
                "“{}”, line {}: {} {} has {}, which a {} does not carry; ignored.",
                path.display(),
                line(),
                annotation.kind(),
                annotation.id,
                ignored.join(", "),
                annotation.kind()
            ));
        }
        if self.id_taken(&annotation.id) {
            let fresh = AnnotationId::generate(|id| self.id_taken(id));
            self.loaded.warnings.push(format!(
                "“{}”, line {}: the id {} is used twice; the second annotation now has id {fresh}.",
                path.display(),
                line(),
                annotation.id
            ));
            annotation.id = fresh;
        }
        if self.loaded.fingerprint_matches && !was_unanchored {
            match self.loaded.annotations.try_insert(annotation, document) {
                Ok(()) => {
                    self.loaded.review.tally.add(Outcome::Kept);
                    return;
                }
                Err((returned, problem)) => {
                    annotation = *returned;
                    self.loaded.warnings.push(format!(
                        "“{}”, line {}: {} {}: {problem}. Looked for it again in the text.",
                        path.display(),
                        line(),
                        annotation.kind(),
                        annotation.id
                    ));
                }
            }
        }
        self.relocating.insert(annotation.id.clone());
        self.to_relocate.push(annotation);
    }
}

impl Placer<'_> {
    /// Looks for the annotations that were not where the file said, and checks links.
    fn finish(self, brat_extras: Vec<String>, rejections: Vec<RejectionRecord>) -> Loaded {
        let Placer {
            path,
            document,
            mut loaded,
            to_relocate,
            ..
        } = self;
        loaded.extras = Extras { brat: brat_extras };
        let fingerprint_matches = loaded.fingerprint_matches;
        anchor::place_relocated(
            to_relocate,
            document,
            &mut loaded.annotations,
            &mut loaded.review,
        );
        drop_dangling_links(&mut loaded, path, document);
        for rejection in rejections {
            if let Some(placed) =
                anchor::place_rejection(rejection_from_record(rejection), document)
            {
                loaded.annotations.reject(placed);
            }
        }
        let tally = loaded.review.tally;
        if !fingerprint_matches {
            let listed = !loaded.review.is_empty() || tally.orphaned > 0;
            let advice = if listed {
                " Check the ones listed under “Review re-anchoring” in the side panel (those that only shifted are in place)."
            } else if tally.moved > 0 {
                " Those that moved only shifted with the text: nothing to check."
            } else {
                ""
            };
            loaded.warnings.insert(
                0,
                format!(
                    "The article changed since “{}” was saved. Its annotations were looked for again: {tally}.{advice}",
                    path.display()
                ),
            );
        }
        loaded
    }
}

/// Removes links to annotations or identities that the file does not hold, with a warning for
/// each: a speaker or claimant mention becomes a free-text name (the mention's text is lost
/// only if unknown), an unknown identity is dropped.
fn drop_dangling_links(loaded: &mut Loaded, path: &Path, document: &Document) {
    let set = &loaded.annotations;
    let mut fixes = Vec::new();
    for a in set.anchored().iter().chain(set.unanchored()) {
        let dangling_party = matches!(a.attributes.party(), Some(Party::Mention(target))
            if set.get(target).is_none_or(|t| t.kind() != Kind::Entity));
        let dangling_identity = a
            .attributes
            .identity()
            .is_some_and(|identity| set.identity(identity).is_none());
        if !dangling_party && !dangling_identity {
            continue;
        }
        let mut fixed = a.clone();
        if let Some(Party::Mention(target)) = a.attributes.party()
            && dangling_party
        {
            fixed.attributes.set_party(None);
            loaded.warnings.push(format!(
                "“{}”: {} {} names {target} as its speaker or claimant, but there is no such entity; the link is removed.",
                path.display(),
                a.kind(),
                a.id
            ));
        }
        if let Some(identity) = a.attributes.identity()
            && dangling_identity
        {
            if let Attributes::Entity(entity) = &mut fixed.attributes {
                entity.identity = None;
            }
            loaded.warnings.push(format!(
                "“{}”: Entity {} refers to the identity {identity}, which the file does not list; the link is removed.",
                path.display(),
                a.id
            ));
        }
        if fixed != *a {
            fixes.push(Edit::Replace(fixed));
        }
    }
    for fix in fixes {
        // Only links change, so the annotation still fits where it is.
        if let Err(error) = loaded.annotations.apply(fix, document) {
            loaded.warnings.push(format!(
                "“{}”: a link that points at nothing could not be removed ({error}).",
                path.display()
            ));
        }
    }
}

/// The 1-based line on which the annotation with `id` starts, for messages.
fn line_of_id(source: &str, id: &str) -> usize {
    let needle = format!("id: {}", ron::to_string(id).unwrap_or_default());
    source
        .find(&needle)
        .map_or(0, |at| source[..at].matches('\n').count() + 1)
}
