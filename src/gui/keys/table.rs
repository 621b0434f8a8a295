//! The built-in rows of the key table: every binding that does not depend on the schema, in
//! the groups the shortcut sheet shows.

use super::{Binding, Group, When, key};
use crate::analysis::curation::Decision;
use crate::gui::command::{Command, Motion};
use crate::model::Kind;
use crate::model::correct::{Edge, Step};
use egui::{Key, Modifiers};

pub(super) const NONE: Modifiers = Modifiers::NONE;
pub(super) const SHIFT: Modifiers = Modifiers::SHIFT;
pub(super) const ALT: Modifiers = Modifiers::ALT;
pub(super) const CTRL: Modifiers = Modifiers::COMMAND;
pub(super) const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// The caret motions: the key, its modifiers for moving (Shift is added for extending the
/// selection), the motion, and when plain moving answers (plain ← → step through differences
/// while curating).
pub(super) const MOTIONS: [(Key, Modifiers, Motion, When); 16] = [
    (Key::ArrowLeft, NONE, Motion::CharBack, When::NotCurating),
    (
        Key::ArrowRight,
        NONE,
        Motion::CharForward,
        When::NotCurating,
    ),
    (Key::ArrowLeft, CTRL, Motion::WordBack, When::Reading),
    (Key::ArrowRight, CTRL, Motion::WordForward, When::Reading),
    (Key::ArrowLeft, ALT, Motion::SentenceBack, When::Reading),
    (Key::ArrowRight, ALT, Motion::SentenceForward, When::Reading),
    (Key::ArrowUp, CTRL, Motion::ParagraphBack, When::Reading),
    (
        Key::ArrowDown,
        CTRL,
        Motion::ParagraphForward,
        When::Reading,
    ),
    (Key::ArrowUp, NONE, Motion::RowUp, When::Reading),
    (Key::ArrowDown, NONE, Motion::RowDown, When::Reading),
    (Key::Home, NONE, Motion::RowStart, When::Reading),
    (Key::End, NONE, Motion::RowEnd, When::Reading),
    (Key::PageUp, NONE, Motion::PageUp, When::Reading),
    (Key::PageDown, NONE, Motion::PageDown, When::Reading),
    (Key::Home, CTRL, Motion::ArticleStart, When::Reading),
    (Key::End, CTRL, Motion::ArticleEnd, When::Reading),
];

/// The bindings that do not depend on the schema, most often used first within each group.
pub(super) fn built_in() -> Vec<Binding> {
    use Command as C;
    use Group as G;
    use When as W;
    let edge = |edge, step, forward| C::MoveEdge {
        edge,
        step,
        forward,
    };
    let rows: Vec<(Modifiers, Key, Command, When, Group)> = vec![
        // Annotating.
        (
            NONE,
            Key::Q,
            C::Label(Kind::Quote),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::Num1,
            C::Label(Kind::Quote),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::C,
            C::Label(Kind::Claim),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::Num2,
            C::Label(Kind::Claim),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::E,
            C::Label(Kind::Entity),
            W::Labelling,
            G::Annotating,
        ),
        (
            NONE,
            Key::Num3,
            C::Label(Kind::Entity),
            W::Labelling,
            G::Annotating,
        ),
        (SHIFT, Key::Q, C::AddFragment, W::Reading, G::Annotating),
        (NONE, Key::A, C::AnnotateAll, W::Reading, G::Annotating),
        (NONE, Key::S, C::PickParty, W::Reading, G::Annotating),
        (NONE, Key::T, C::CycleEntityType, W::Reading, G::Annotating),
        (
            NONE,
            Key::D,
            C::CycleQuoteMode,
            W::QuoteSelected,
            G::Annotating,
        ),
        (
            NONE,
            Key::W,
            C::CycleCheckWorthiness,
            W::ClaimSelected,
            G::Annotating,
        ),
        (
            NONE,
            Key::V,
            C::PickVerdict,
            W::ClaimSelected,
            G::Annotating,
        ),
        (
            NONE,
            Key::Delete,
            C::DeleteSelected,
            W::Reading,
            G::Annotating,
        ),
        (
            NONE,
            Key::Backspace,
            C::DeleteSelected,
            W::Reading,
            G::Annotating,
        ),
        // Correcting the selected annotation.
        (
            NONE,
            Key::Q,
            C::ChangeKind(Kind::Quote),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::Num1,
            C::ChangeKind(Kind::Quote),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::C,
            C::ChangeKind(Kind::Claim),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::Num2,
            C::ChangeKind(Kind::Claim),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::E,
            C::ChangeKind(Kind::Entity),
            W::Correcting,
            G::Correcting,
        ),
        (
            NONE,
            Key::Num3,
            C::ChangeKind(Kind::Entity),
            W::Correcting,
            G::Correcting,
        ),
        (
            SHIFT,
            Key::S,
            C::SetSpanToSelection,
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            NONE,
            Key::OpenBracket,
            edge(Edge::Start, Step::Word, false),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            NONE,
            Key::CloseBracket,
            edge(Edge::Start, Step::Word, true),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            NONE,
            Key::Comma,
            edge(Edge::End, Step::Word, false),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            NONE,
            Key::Period,
            edge(Edge::End, Step::Word, true),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            ALT,
            Key::OpenBracket,
            edge(Edge::Start, Step::Char, false),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            ALT,
            Key::CloseBracket,
            edge(Edge::Start, Step::Char, true),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            ALT,
            Key::Comma,
            edge(Edge::End, Step::Char, false),
            W::AnnotationSelected,
            G::Correcting,
        ),
        (
            ALT,
            Key::Period,
            edge(Edge::End, Step::Char, true),
            W::AnnotationSelected,
            G::Correcting,
        ),
        // Reviewing re-anchoring.
        (
            NONE,
            Key::Y,
            C::AcceptReanchoring(None),
            W::Reviewing,
            G::Reviewing,
        ),
        (
            NONE,
            Key::N,
            C::RejectReanchoring(None),
            W::Reviewing,
            G::Reviewing,
        ),
        // Going through annotations.
        (
            NONE,
            Key::Tab,
            C::NextAnnotation,
            W::Reading,
            G::Annotations,
        ),
        (
            SHIFT,
            Key::Tab,
            C::PreviousAnnotation,
            W::Reading,
            G::Annotations,
        ),
        (
            NONE,
            Key::Escape,
            C::ClearSelection,
            W::Reading,
            G::Annotations,
        ),
        // Selecting (the motions follow below).
        (CTRL, Key::A, C::SelectAll, W::Reading, G::Selecting),
        (CTRL, Key::C, C::CopySelection, W::Reading, G::Selecting),
        // Finding.
        (CTRL, Key::F, C::Find, W::Anywhere, G::Finding),
        (NONE, Key::F3, C::FindNext, W::Anywhere, G::Finding),
        (SHIFT, Key::F3, C::FindPrevious, W::Anywhere, G::Finding),
        // Files.
        (CTRL, Key::S, C::Save, W::Anywhere, G::Files),
        (CTRL_SHIFT, Key::S, C::SaveAs, W::Anywhere, G::Files),
        (CTRL, Key::O, C::OpenDialog, W::Anywhere, G::Files),
        (CTRL_SHIFT, Key::O, C::OpenByPath, W::Anywhere, G::Files),
        (CTRL, Key::L, C::OpenWebAddress, W::Anywhere, G::Files),
        (CTRL, Key::PageDown, C::NextArticle, W::Anywhere, G::Files),
        (CTRL, Key::PageUp, C::PreviousArticle, W::Anywhere, G::Files),
        (CTRL, Key::Q, C::Quit, W::Anywhere, G::Files),
        // Undo.
        (CTRL, Key::Z, C::Undo, W::Reading, G::History),
        (CTRL_SHIFT, Key::Z, C::Redo, W::Reading, G::History),
        (CTRL, Key::Y, C::Redo, W::Reading, G::History),
        // Viewing.
        (NONE, Key::F1, C::ShowShortcuts, W::Anywhere, G::Viewing),
        (
            NONE,
            Key::Questionmark,
            C::ShowShortcuts,
            W::Reading,
            G::Viewing,
        ),
        (NONE, Key::F2, C::ShowStatistics, W::Anywhere, G::Viewing),
        (CTRL, Key::Comma, C::ShowSettings, W::Anywhere, G::Viewing),
        (CTRL, Key::Plus, C::ZoomIn, W::Anywhere, G::Viewing),
        (CTRL, Key::Equals, C::ZoomIn, W::Anywhere, G::Viewing),
        (CTRL, Key::Minus, C::ZoomOut, W::Anywhere, G::Viewing),
        (CTRL, Key::Num0, C::ZoomReset, W::Anywhere, G::Viewing),
        (NONE, Key::F4, C::ToggleSuggestions, W::Anywhere, G::Viewing),
        // Suggestions.
        (NONE, Key::J, C::NextSuggestion, W::Reading, G::Suggestions),
        (
            NONE,
            Key::K,
            C::PreviousSuggestion,
            W::Reading,
            G::Suggestions,
        ),
        (
            NONE,
            Key::Enter,
            C::AcceptSuggestion(None),
            W::Reading,
            G::Suggestions,
        ),
        (
            NONE,
            Key::X,
            C::RejectSuggestion(None),
            W::Reading,
            G::Suggestions,
        ),
        (
            SHIFT,
            Key::Enter,
            C::AcceptAllOfKind,
            W::Reading,
            G::Suggestions,
        ),
        // Curating.
        (
            NONE,
            Key::L,
            C::Decide(Decision::Left),
            W::Deciding,
            G::Curating,
        ),
        (
            NONE,
            Key::R,
            C::Decide(Decision::Right),
            W::Deciding,
            G::Curating,
        ),
        (
            NONE,
            Key::B,
            C::Decide(Decision::Both),
            W::Deciding,
            G::Curating,
        ),
        (
            NONE,
            Key::N,
            C::Decide(Decision::Neither),
            W::Deciding,
            G::Curating,
        ),
        (
            SHIFT,
            Key::L,
            C::DecideAlike(Decision::Left),
            W::Deciding,
            G::Curating,
        ),
        (
            SHIFT,
            Key::R,
            C::DecideAlike(Decision::Right),
            W::Deciding,
            G::Curating,
        ),
        (
            SHIFT,
            Key::B,
            C::DecideAlike(Decision::Both),
            W::Deciding,
            G::Curating,
        ),
        (
            SHIFT,
            Key::N,
            C::DecideAlike(Decision::Neither),
            W::Deciding,
            G::Curating,
        ),
        (
            CTRL_SHIFT,
            Key::L,
            C::DecideRest(Decision::Left),
            W::Deciding,
            G::Curating,
        ),
        (
            CTRL_SHIFT,
            Key::R,
            C::DecideRest(Decision::Right),
            W::Deciding,
            G::Curating,
        ),
        (
            CTRL_SHIFT,
            Key::B,
            C::DecideRest(Decision::Both),
            W::Deciding,
            G::Curating,
        ),
        (
            CTRL_SHIFT,
            Key::N,
            C::DecideRest(Decision::Neither),
            W::Deciding,
            G::Curating,
        ),
        (
            NONE,
            Key::ArrowLeft,
            C::CurationStep(false),
            W::Curating,
            G::Curating,
        ),
        (
            NONE,
            Key::ArrowRight,
            C::CurationStep(true),
            W::Curating,
            G::Curating,
        ),
    ];
    let mut table: Vec<Binding> = rows
        .into_iter()
        .map(|(modifiers, pressed, command, when, group)| Binding {
            shortcut: key(modifiers, pressed),
            command,
            when,
            group,
        })
        .collect();
    for (pressed, modifiers, motion, when) in MOTIONS {
        table.push(Binding {
            shortcut: key(modifiers, pressed),
            command: C::Move(motion),
            when,
            group: G::Selecting,
        });
        table.push(Binding {
            shortcut: key(modifiers.plus(SHIFT), pressed),
            command: C::Extend(motion),
            when: W::Reading,
            group: G::Selecting,
        });
    }
    table
}
