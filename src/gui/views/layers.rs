//! Layers: which annotations the article shows. The side panel's kind checkboxes and label
//! checkboxes set them; the article, its overview ruler and the list all honour them.

use crate::model::{Annotation, Kind};
use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Which kinds and labels are shown.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Layers {
    /// Kinds shown, in [`Kind::ALL`] order.
    pub kinds: [bool; 3],
    /// Labels hidden ([`Annotation::label`]: an imported type such as LitBank's `Recit`, an
    /// entity type).
    pub hidden_labels: BTreeSet<String>,
}

impl Default for Layers {
    fn default() -> Self {
        Self {
            kinds: [true; 3],
            hidden_labels: BTreeSet::new(),
        }
    }
}

impl Layers {
    /// True when `annotation` is shown.
    pub fn shows(&self, annotation: &Annotation) -> bool {
        self.shows_kind(annotation.kind()) && !self.hidden_labels.contains(annotation.label())
    }

    /// True when annotations of `kind` are shown.
    pub fn shows_kind(&self, kind: Kind) -> bool {
        self.kinds[kind as usize]
    }

    /// True when everything is shown.
    pub fn shows_all(&self) -> bool {
        *self == Self::default()
    }

    /// A number that changes when the layers do, for caches.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.hash(&mut hasher);
        hasher.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, CharSpan, Document};

    #[test]
    fn kinds_and_labels_hide_annotations() {
        let document = Document::from_text("a.txt".into(), "Il était une fois.".into());
        let span = CharSpan::new(0, 8).unwrap();
        let mut recit = Annotation::new(AnnotationId("T1".into()), Kind::Quote, span, &document);
        recit.source_label = Some("Recit".into());
        let entity = Annotation::new(AnnotationId("T2".into()), Kind::Entity, span, &document);
        let only_quotes = Layers {
            kinds: [true, false, false],
            ..Layers::default()
        };
        let no_recit = Layers {
            hidden_labels: ["Recit".to_owned()].into(),
            ..Layers::default()
        };
        let cases = [
            (&Layers::default(), &recit, true),
            (&Layers::default(), &entity, true),
            (&only_quotes, &recit, true),
            (&only_quotes, &entity, false),
            (&no_recit, &recit, false),
            (&no_recit, &entity, true),
        ];
        for (layers, annotation, shown) in cases {
            assert_eq!(
                layers.shows(annotation),
                shown,
                "{layers:?} {}",
                annotation.label()
            );
        }
        assert_ne!(no_recit.fingerprint(), Layers::default().fingerprint());
    }
}
