//! Undo and redo over every kind of change, and the links between annotations.

use marginalia::model::relations;
use marginalia::model::{
    Annotation, AnnotationId, AnnotationSet, Attributes, CharSpan, CheckWorthiness, Document, Edit,
    Excerpt, History, Identity, Kind, Party, Placement,
};
use proptest::prelude::*;
use std::path::PathBuf;

const TEXT: &str = "“Nous sommes des fourmis,” dit Zoë Ångström 👩🏽‍🔬, “mais les fourmis portent 50 fois leur poids.”\r\n\
The ministry said 中文 schools (مدارس) would open; Ångström's lab disagreed.\n";

fn document() -> Document {
    Document::from_text(PathBuf::from("a.txt"), TEXT.to_owned())
}

/// The content of a set, for comparing states (the revision counter is left out).
fn content(set: &AnnotationSet) -> (Vec<Annotation>, Vec<Annotation>, Vec<Identity>) {
    (
        set.anchored().to_vec(),
        set.unanchored().to_vec(),
        set.identities().values().cloned().collect(),
    )
}

fn label(set: &AnnotationSet, doc: &Document, kind: Kind, start: usize, end: usize) -> Annotation {
    Annotation::new(
        set.fresh_id(),
        kind,
        CharSpan::new(start, end).unwrap(),
        doc,
    )
}

#[test]
fn undo_and_redo_walk_through_steps_and_track_the_saved_state() {
    let doc = document();
    let mut set = AnnotationSet::new();
    let mut history = History::new();
    assert!(history.is_saved());
    let quote = label(&set, &doc, Kind::Quote, 0, 26);
    history
        .perform(
            &mut set,
            &doc,
            "Label quote",
            vec![Edit::Insert(quote.clone(), Placement::Anchored)],
        )
        .unwrap();
    history.mark_saved();
    let entity = label(&set, &doc, Kind::Entity, 31, 43);
    assert_eq!(
        &TEXT.chars().skip(31).take(12).collect::<String>(),
        "Zoë Ångström"
    );
    history
        .perform(
            &mut set,
            &doc,
            "Label entity",
            vec![Edit::Insert(entity.clone(), Placement::Anchored)],
        )
        .unwrap();
    assert!(!history.is_saved());
    assert_eq!(history.undo_label(), Some("Label entity"));

    assert_eq!(
        history.undo(&mut set, &doc).unwrap().as_deref(),
        Some("Label entity")
    );
    assert!(history.is_saved(), "undoing back to the saved state counts");
    assert_eq!(set.len(), 1);
    assert_eq!(history.redo_label(), Some("Label entity"));
    history.redo(&mut set, &doc).unwrap();
    assert_eq!(set.len(), 2);
    assert!(!history.is_saved());
    history.undo(&mut set, &doc).unwrap();
    history.undo(&mut set, &doc).unwrap();
    assert!(set.is_empty());
    assert_eq!(history.undo(&mut set, &doc).unwrap(), None);

    // A new step after undoing drops what could be redone.
    let claim = label(&set, &doc, Kind::Claim, 31, 43);
    history
        .perform(
            &mut set,
            &doc,
            "Label claim",
            vec![Edit::Insert(claim, Placement::Anchored)],
        )
        .unwrap();
    assert_eq!(history.redo_label(), None);
    assert!(!history.is_saved());
}

#[test]
fn a_failing_step_changes_nothing_and_is_not_recorded() {
    let doc = document();
    let mut set = AnnotationSet::new();
    let mut history = History::new();
    let good = label(&set, &doc, Kind::Quote, 0, 26);
    let mut bad = label(&set, &doc, Kind::Claim, 0, 5);
    bad.text = "not the text".into();
    let result = history.perform(
        &mut set,
        &doc,
        "Two labels",
        vec![
            Edit::Insert(good, Placement::Anchored),
            Edit::Insert(bad, Placement::Anchored),
        ],
    );
    assert!(result.is_err());
    assert!(set.is_empty());
    assert_eq!(history.undo_label(), None);

    // A link to an annotation that is not an entity is refused as a whole.
    let entity = label(&set, &doc, Kind::Claim, 31, 43);
    let mut quote = label(&set, &doc, Kind::Quote, 0, 26);
    quote
        .attributes
        .set_party(Some(Party::Mention(entity.id.clone())));
    let result = history.perform(
        &mut set,
        &doc,
        "Link",
        vec![
            Edit::Insert(entity, Placement::Anchored),
            Edit::Insert(quote, Placement::Anchored),
        ],
    );
    assert!(result.is_err());
    assert!(set.is_empty());
}

#[test]
fn deleting_a_speaker_moves_the_link_to_another_mention_or_keeps_the_name() {
    let doc = document();
    let mut set = AnnotationSet::new();
    let mut history = History::new();
    let first = label(&set, &doc, Kind::Entity, 31, 43);
    history
        .perform(
            &mut set,
            &doc,
            "e1",
            vec![Edit::Insert(first.clone(), Placement::Anchored)],
        )
        .unwrap();
    let second_at = TEXT
        .char_indices()
        .filter(|(b, _)| TEXT[*b..].starts_with("Ångström's"))
        .map(|(b, _)| TEXT[..b].chars().count())
        .next()
        .unwrap();
    let second = label(&set, &doc, Kind::Entity, second_at, second_at + 8);
    history
        .perform(
            &mut set,
            &doc,
            "e2",
            vec![Edit::Insert(second.clone(), Placement::Anchored)],
        )
        .unwrap();
    let edits = relations::join_entity(&set, &second.id, &first.id);
    history.perform(&mut set, &doc, "join", edits).unwrap();
    assert_eq!(set.identities().len(), 1);
    assert_eq!(set.same_entity(&second.id).len(), 2);

    let mut quote = label(&set, &doc, Kind::Quote, 0, 26);
    quote
        .attributes
        .set_party(Some(Party::Mention(first.id.clone())));
    history
        .perform(
            &mut set,
            &doc,
            "quote",
            vec![Edit::Insert(quote.clone(), Placement::Anchored)],
        )
        .unwrap();
    assert_eq!(relations::dependents(&set, &first.id).len(), 1);
    assert_eq!(set.statements_of(&second.id).len(), 1);

    // Deleting the named mention moves the speaker to the other mention.
    let edits = relations::removal(&set, &first.id);
    history.perform(&mut set, &doc, "delete", edits).unwrap();
    assert_eq!(
        set.get(&quote.id).unwrap().attributes.party(),
        Some(&Party::Mention(second.id.clone()))
    );
    // Deleting the last mention keeps its text as a name and drops the identity.
    let edits = relations::removal(&set, &second.id);
    history.perform(&mut set, &doc, "delete", edits).unwrap();
    assert_eq!(
        set.get(&quote.id).unwrap().attributes.party(),
        Some(&Party::Named("Ångström".into()))
    );
    assert!(set.identities().is_empty());
    set.validate(&doc).unwrap();

    // Both deletions undo back to the linked state.
    history.undo(&mut set, &doc).unwrap();
    history.undo(&mut set, &doc).unwrap();
    assert_eq!(
        set.get(&quote.id).unwrap().attributes.party(),
        Some(&Party::Mention(first.id.clone()))
    );
    assert_eq!(set.identities().len(), 1);
    set.validate(&doc).unwrap();
}

/// One user operation, with indices that pick among whatever exists when it runs.
#[derive(Clone, Debug)]
enum Operation {
    Fragment {
        pick: usize,
        start: usize,
        len: usize,
    },
    Label {
        kind: Kind,
        start: usize,
        len: usize,
    },
    Delete {
        pick: usize,
    },
    Note {
        pick: usize,
        note: Option<String>,
    },
    Tag {
        pick: usize,
        tag: String,
    },
    Speaker {
        pick: usize,
        speaker: usize,
    },
    Worthiness {
        pick: usize,
    },
    Join {
        pick: usize,
        other: usize,
    },
    Separate {
        pick: usize,
    },
    Rename {
        pick: usize,
        name: String,
    },
}

fn operation() -> impl Strategy<Value = Operation> {
    let kind = prop_oneof![Just(Kind::Quote), Just(Kind::Claim), Just(Kind::Entity)];
    let text = prop_oneof![
        Just("é".to_owned()),
        Just("👩🏽‍🔬 note".to_owned()),
        Just("中文".to_owned())
    ];
    prop_oneof![
        6 => (kind, 0..150usize, 1..30usize).prop_map(|(kind, start, len)| Operation::Label {
            kind,
            start,
            len
        }),
        2 => any::<usize>().prop_map(|pick| Operation::Delete { pick }),
        1 => (any::<usize>(), proptest::option::of(text.clone()))
            .prop_map(|(pick, note)| Operation::Note { pick, note }),
        1 => (any::<usize>(), text.clone()).prop_map(|(pick, tag)| Operation::Tag { pick, tag }),
        3 => (any::<usize>(), any::<usize>())
            .prop_map(|(pick, speaker)| Operation::Speaker { pick, speaker }),
        1 => any::<usize>().prop_map(|pick| Operation::Worthiness { pick }),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(pick, other)| Operation::Join { pick, other }),
        1 => any::<usize>().prop_map(|pick| Operation::Separate { pick }),
        1 => (any::<usize>(), text).prop_map(|(pick, name)| Operation::Rename { pick, name }),
        2 => (any::<usize>(), 0..150usize, 1..20usize)
            .prop_map(|(pick, start, len)| Operation::Fragment { pick, start, len }),
    ]
}

fn nth(set: &AnnotationSet, pick: usize, kind: Option<Kind>) -> Option<Annotation> {
    let candidates: Vec<&Annotation> = set
        .anchored()
        .iter()
        .filter(|a| kind.is_none_or(|k| a.kind() == k))
        .collect();
    (!candidates.is_empty()).then(|| candidates[pick % candidates.len()].clone())
}

/// The edits an operation makes on the current set (empty when it does not apply).
fn edits_for(operation: &Operation, set: &AnnotationSet, doc: &Document) -> Vec<Edit> {
    match operation {
        Operation::Label { kind, start, len } => {
            let start = start % doc.char_count();
            let end = (start + len).min(doc.char_count());
            vec![Edit::Insert(
                label(set, doc, *kind, start, end),
                Placement::Anchored,
            )]
        }
        Operation::Delete { pick } => nth(set, *pick, None)
            .map(|a| relations::removal(set, &a.id))
            .unwrap_or_default(),
        Operation::Note { pick, note } => nth(set, *pick, None)
            .map(|mut a| {
                a.note = note.clone();
                vec![Edit::Replace(a)]
            })
            .unwrap_or_default(),
        Operation::Tag { pick, tag } => nth(set, *pick, None)
            .map(|mut a| {
                if !a.tags.contains(tag) {
                    a.tags.push(tag.clone());
                    a.tags.sort();
                }
                vec![Edit::Replace(a)]
            })
            .unwrap_or_default(),
        Operation::Speaker { pick, speaker } => {
            let Some(mut statement) =
                nth(set, *pick, Some(Kind::Quote)).or_else(|| nth(set, *pick, Some(Kind::Claim)))
            else {
                return Vec::new();
            };
            let party = match nth(set, *speaker, Some(Kind::Entity)) {
                Some(entity) if speaker % 3 != 0 => Party::Mention(entity.id),
                _ => Party::Named(format!("Speaker {speaker}")),
            };
            statement.attributes.set_party(Some(party));
            vec![Edit::Replace(statement)]
        }
        Operation::Worthiness { pick } => nth(set, *pick, Some(Kind::Claim))
            .map(|mut claim| {
                if let Attributes::Claim(c) = &mut claim.attributes {
                    c.check_worthiness = Some(CheckWorthiness::ALL[pick % 3]);
                }
                vec![Edit::Replace(claim)]
            })
            .unwrap_or_default(),
        Operation::Join { pick, other } => {
            match (
                nth(set, *pick, Some(Kind::Entity)),
                nth(set, *other, Some(Kind::Entity)),
            ) {
                (Some(a), Some(b)) => relations::join_entity(set, &a.id, &b.id),
                _ => Vec::new(),
            }
        }
        Operation::Separate { pick } => nth(set, *pick, Some(Kind::Entity))
            .map(|a| relations::separate_entity(set, &a.id))
            .unwrap_or_default(),
        Operation::Fragment { pick, start, len } => {
            let Some(mut quote) = nth(set, *pick, Some(Kind::Quote)) else {
                return Vec::new();
            };
            let start = start % doc.char_count();
            let span = CharSpan::new(start, (start + len).min(doc.char_count())).unwrap();
            if span.is_empty()
                || quote
                    .pieces()
                    .any(|p| p.overlaps(span) || p.start >= span.start)
            {
                return Vec::new();
            }
            quote.fragments.push(Excerpt::of(doc, span));
            vec![Edit::Replace(quote)]
        }
        Operation::Rename { pick, name } => {
            let identities: Vec<&Identity> = set.identities().values().collect();
            if identities.is_empty() {
                return Vec::new();
            }
            let mut identity = identities[pick % identities.len()].clone();
            identity.name = name.clone();
            vec![Edit::PutIdentity(identity)]
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any sequence of operations, undone entirely, gives the original set; redone, the final
    /// one; and every state in between keeps the set's invariants.
    #[test]
    fn undoing_everything_restores_the_original_and_redoing_restores_the_final(
        operations in proptest::collection::vec(operation(), 1..40)
    ) {
        let doc = document();
        let mut set = AnnotationSet::new();
        let mut history = History::new();
        // Start from a non-empty set so that undo has something to keep.
        let seed = label(&set, &doc, Kind::Entity, 31, 43);
        history.perform(&mut set, &doc, "seed", vec![Edit::Insert(seed, Placement::Anchored)]).unwrap();
        let original = content(&set);

        let mut steps = 0;
        for operation in &operations {
            let edits = edits_for(operation, &set, &doc);
            let empty = edits.is_empty();
            if history.perform(&mut set, &doc, format!("{operation:?}"), edits).is_ok() && !empty {
                steps += 1;
            }
            prop_assert!(set.validate(&doc).is_ok(), "{:?}", set.validate(&doc));
            // The overlap index finds what a scan of every annotation finds.
            for (start, end) in [(0, 10), (20, 60), (40, 41), (0, doc.char_count())] {
                let span = CharSpan::new(start, end).unwrap();
                let indexed: Vec<&AnnotationId> = set.overlapping(span).map(|a| &a.id).collect();
                let scanned: Vec<&AnnotationId> = set
                    .anchored()
                    .iter()
                    .filter(|a| a.pieces().any(|p| p.overlaps(span)))
                    .map(|a| &a.id)
                    .collect();
                prop_assert_eq!(indexed, scanned);
            }
            for annotation in set.anchored().iter().chain(set.unanchored()) {
                prop_assert_eq!(set.get(&annotation.id), Some(annotation));
            }
        }
        let last = content(&set);
        // Saving and loading gives the same set back.
        let text = marginalia::store::sidecar::to_ron(&doc, &set, &Default::default());
        let loaded = marginalia::store::sidecar::parse(&text, std::path::Path::new("p.ron"), &doc).unwrap();
        prop_assert_eq!(content(&loaded.annotations), last.clone());
        prop_assert_eq!(marginalia::store::sidecar::to_ron(&doc, &loaded.annotations, &Default::default()), text);

        for _ in 0..steps {
            prop_assert!(history.undo(&mut set, &doc).unwrap().is_some());
            prop_assert!(set.validate(&doc).is_ok());
        }
        prop_assert_eq!(&content(&set), &original);
        prop_assert_eq!(history.undo_label(), Some("seed"));

        for _ in 0..steps {
            prop_assert!(history.redo(&mut set, &doc).unwrap().is_some());
        }
        prop_assert_eq!(content(&set), last);
        prop_assert_eq!(history.redo_label(), None);
    }
}
