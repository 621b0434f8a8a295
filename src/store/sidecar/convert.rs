//! Between the sidecar's records and the model's annotations. Both directions name every field
//! of [`AnnotationRecord`] (no `..`), so a field added to the record table does not compile
//! until it is read and written here.

use super::format::{AnnotationRecord, ExcerptRecord, RejectionRecord};
use crate::model::{
    Annotation, AnnotationId, Attributes, CharOffset, CharSpan, ClaimAttributes, EntityAttributes,
    Excerpt, IdentityId, Kind, QuoteAttributes, Rejection,
};

/// The span from `start` to `end`; a reversed one becomes empty, so that checking it fails and
/// the annotation is kept aside.
fn span_of(start: usize, end: usize) -> CharSpan {
    CharSpan {
        start: CharOffset(start),
        end: CharOffset(end.max(start)),
    }
}

fn excerpt_from_record(record: ExcerptRecord) -> Excerpt {
    let ExcerptRecord { start, end, text } = record;
    Excerpt {
        span: span_of(start, end),
        text,
    }
}

fn record_from_excerpt(excerpt: &Excerpt) -> ExcerptRecord {
    ExcerptRecord {
        start: excerpt.span.start.0,
        end: excerpt.span.end.0,
        text: excerpt.text.clone(),
    }
}

/// The annotation a record describes, whether the record says it waits to be re-anchored,
/// and the names of the record's fields that do not apply to its kind.
pub fn annotation_from_record(record: AnnotationRecord) -> (Annotation, bool, Vec<&'static str>) {
    let AnnotationRecord {
        id,
        kind,
        start,
        end,
        text,
        prefix,
        suffix,
        fragments,
        source_label,
        suggested_by,
        speaker,
        cue,
        mode,
        claimant,
        check_worthiness,
        verdict,
        source_url,
        entity_type,
        identity,
        note,
        mut tags,
        created,
        modified,
        needs_reanchoring,
    } = record;
    let present = [
        (speaker.is_some(), "a speaker", Kind::Quote),
        (cue.is_some(), "a cue", Kind::Quote),
        (mode.is_some(), "a quote mode", Kind::Quote),
        (claimant.is_some(), "a claimant", Kind::Claim),
        (
            check_worthiness.is_some(),
            "a check-worthiness",
            Kind::Claim,
        ),
        (verdict.is_some(), "a verdict", Kind::Claim),
        (source_url.is_some(), "a source URL", Kind::Claim),
        (entity_type.is_some(), "an entity type", Kind::Entity),
        (identity.is_some(), "an identity", Kind::Entity),
    ];
    let ignored = present
        .iter()
        .filter(|(there, _, owner)| *there && *owner != kind)
        .map(|(_, name, _)| *name)
        .collect();
    let attributes = match kind {
        Kind::Quote => Attributes::Quote(QuoteAttributes {
            speaker,
            cue: cue.map(excerpt_from_record),
            mode,
        }),
        Kind::Claim => Attributes::Claim(ClaimAttributes {
            claimant,
            check_worthiness,
            verdict,
            source_url,
        }),
        Kind::Entity => Attributes::Entity(EntityAttributes {
            entity_type,
            identity: identity.map(IdentityId),
        }),
    };
    tags.sort();
    tags.dedup();
    let annotation = Annotation {
        id: AnnotationId(id),
        span: span_of(start, end),
        text,
        prefix,
        suffix,
        created,
        modified,
        note,
        tags,
        fragments: fragments.into_iter().map(excerpt_from_record).collect(),
        source_label,
        suggested_by,
        attributes,
    };
    (annotation, needs_reanchoring, ignored)
}

/// The record of `annotation`; `needs_reanchoring` for one that lost its place.
pub fn record_from_annotation(
    annotation: &Annotation,
    needs_reanchoring: bool,
) -> AnnotationRecord {
    let (mut speaker, mut cue, mut mode) = (None, None, None);
    let (mut claimant, mut check_worthiness, mut verdict, mut source_url) =
        (None, None, None, None);
    let (mut entity_type, mut identity) = (None, None);
    match &annotation.attributes {
        Attributes::Quote(q) => {
            speaker = q.speaker.clone();
            cue = q.cue.as_ref().map(record_from_excerpt);
            mode = q.mode;
        }
        Attributes::Claim(c) => {
            claimant = c.claimant.clone();
            check_worthiness = c.check_worthiness;
            verdict = c.verdict.clone();
            source_url = c.source_url.clone();
        }
        Attributes::Entity(e) => {
            entity_type = e.entity_type.clone();
            identity = e.identity.as_ref().map(|i| i.0.clone());
        }
    }
    AnnotationRecord {
        id: annotation.id.0.clone(),
        kind: annotation.kind(),
        start: annotation.span.start.0,
        end: annotation.span.end.0,
        text: annotation.text.clone(),
        prefix: annotation.prefix.clone(),
        suffix: annotation.suffix.clone(),
        fragments: annotation
            .fragments
            .iter()
            .map(record_from_excerpt)
            .collect(),
        source_label: annotation.source_label.clone(),
        suggested_by: annotation.suggested_by.clone(),
        speaker,
        cue,
        mode,
        claimant,
        check_worthiness,
        verdict,
        source_url,
        entity_type,
        identity,
        note: annotation.note.clone(),
        tags: annotation.tags.clone(),
        created: annotation.created,
        modified: annotation.modified,
        needs_reanchoring,
    }
}

/// The rejection a record describes (its span checked only when it is placed).
pub fn rejection_from_record(record: RejectionRecord) -> Rejection {
    let RejectionRecord {
        kind,
        start,
        end,
        text,
        prefix,
        suffix,
    } = record;
    Rejection {
        span: span_of(start, end),
        kind,
        text,
        prefix,
        suffix,
    }
}

/// The record of `rejection`.
pub fn record_from_rejection(rejection: &Rejection) -> RejectionRecord {
    RejectionRecord {
        kind: rejection.kind,
        start: rejection.span.start.0,
        end: rejection.span.end.0,
        text: rejection.text.clone(),
        prefix: rejection.prefix.clone(),
        suffix: rejection.suffix.clone(),
    }
}
