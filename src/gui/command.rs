//! Everything a user can ask Marginalia to do, as one enum: each command's label, shortcuts and
//! menu entry live here, and [`crate::gui::app::MarginaliaApp::apply`] is the one place that carries
//! them out. UI code only emits commands.

use crate::interop::{ExportFormat, ImportFormat};
use crate::model::{AnnotationId, Edit, Kind};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// A user's request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Show the native file dialog to pick an article.
    OpenDialog,
    /// Show the field to type an article's path.
    OpenByPath,
    /// Open the article at this path (asks first when there are unsaved changes).
    Open(PathBuf),
    /// Save the annotations to the sidecar beside the article.
    Save,
    /// Save the annotations to a sidecar file chosen by the user.
    SaveAs,
    /// Close the window (asks first when there are unsaved changes).
    Quit,
    /// Label the selected text.
    Label(Kind),
    /// Delete the selected annotation.
    DeleteSelected,
    /// Clear the text selection and the selected annotation.
    ClearSelection,
    /// Select the whole article.
    SelectAll,
    /// Larger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Article text at its normal size.
    ZoomReset,
    /// Select an annotation (or none) without moving the view.
    SelectAnnotation(Option<AnnotationId>),
    /// Select an annotation and scroll the article to it.
    RevealAnnotation(AnnotationId),
    /// Undo the last change to the annotations.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Change the annotations, as one undoable step (attribute edits from the details panel).
    Change {
        /// What the step is called in Edit → Undo.
        label: String,
        /// The edits, carried out all or none.
        edits: Vec<Edit>,
    },
    /// Choose the speaker of the selected quote or the claimant of the selected claim.
    PickParty,
    /// Give the selected entity the next type of the schema.
    CycleEntityType,
    /// Give the selected entity this type (a schema hotkey).
    SetEntityType(String),
    /// Add the text selection to the selected quote as a further fragment.
    AddFragment,
    /// Select the next annotation in text order.
    NextAnnotation,
    /// Select the previous annotation in text order.
    PreviousAnnotation,
    /// Show the find bar and focus its field.
    Find,
    /// Select the next match of the find bar's text.
    FindNext,
    /// Select the previous match of the find bar's text.
    FindPrevious,
    /// Label every other occurrence of the selected annotation's text the same way.
    AnnotateAll,
    /// Show the sheet of keyboard shortcuts.
    ShowShortcuts,
    /// Show or hide the statistics window (charts of the annotations).
    ShowStatistics,
    /// Turn autosave on or off.
    ToggleAutosave,
    /// Accept what re-anchoring found for an annotation: its new place, or the changed text
    /// proposed for it.
    AcceptReanchoring(AnnotationId),
    /// Accept every move and every proposed change of the re-anchoring review.
    AcceptAllReanchoring,
    /// Attach an annotation to the selected text (re-anchoring by hand).
    AttachToSelection(AnnotationId),
    /// Select a reviewed annotation and show where it was found or is proposed.
    ShowReviewItem(AnnotationId),
    /// Delete this annotation (asks first when quotes or claims name it).
    Delete(AnnotationId),
    /// Show the native dialog to pick a folder of articles.
    OpenFolderDialog,
    /// List the articles of this folder (and below) and go through them.
    OpenFolder(PathBuf),
    /// Open the next article of the folder, saving this one.
    NextArticle,
    /// Open the previous article of the folder, saving this one.
    PreviousArticle,
    /// Open another annotation set of the article (`default` is `<article>.ron`), saving the
    /// open one first.
    SwitchSet(String),
    /// Start a new, empty annotation set named after the annotator.
    NewSet,
    /// Copy the open annotation set under a new name (asks the name).
    DuplicateSet,
    /// Rename the open annotation set (asks the name).
    RenameSet,
    /// Show another set over the article, read-only, with how far the two agree; `None` stops.
    CompareWith(Option<String>),
    /// Merge the open set with the compared one, difference by difference, into a new set.
    StartCuration,
    /// Decide the curation difference shown.
    Decide(crate::analysis::curation::Decision),
    /// Show the next (`true`) or previous curation difference.
    CurationStep(bool),
    /// Save the curation as a new set and open it.
    FinishCuration,
    /// Stop curating without saving.
    CancelCuration,
    /// Replace the annotations with those read from a file in this format (undoable).
    Import(ImportFormat),
    /// Write the annotations in this format.
    Export(ExportFormat),
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

const fn command_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

impl Command {
    /// The commands that have keyboard shortcuts, most specific modifiers first, so that
    /// Ctrl+Shift+S is matched before Ctrl+S.
    pub fn with_shortcuts() -> Vec<Command> {
        vec![
            Command::Redo,
            Command::SaveAs,
            Command::OpenByPath,
            Command::OpenDialog,
            Command::Save,
            Command::Quit,
            Command::NextArticle,
            Command::PreviousArticle,
            Command::Undo,
            Command::SelectAll,
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomReset,
            Command::Find,
            Command::AddFragment,
            Command::PreviousAnnotation,
            Command::FindPrevious,
            Command::Label(Kind::Quote),
            Command::Label(Kind::Claim),
            Command::Label(Kind::Entity),
            Command::DeleteSelected,
            Command::ClearSelection,
            Command::PickParty,
            Command::CycleEntityType,
            Command::NextAnnotation,
            Command::FindNext,
            Command::AnnotateAll,
            Command::ShowShortcuts,
            Command::ShowStatistics,
        ]
    }

    /// The letters that plain-key shortcuts use, which schema hotkeys must leave alone.
    pub fn reserved_letters() -> Vec<char> {
        Self::with_shortcuts()
            .iter()
            .flat_map(|c| c.shortcuts())
            .filter(|s| s.modifiers == Modifiers::NONE)
            .filter_map(|s| {
                let name = s.logical_key.name();
                let mut chars = name.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if c.is_ascii_alphabetic() => Some(c),
                    _ => None,
                }
            })
            .collect()
    }

    /// The label shown in menus, buttons and the shortcut table.
    pub fn label(&self) -> String {
        match self {
            Command::OpenDialog => "Open…".into(),
            Command::OpenByPath => "Open by Path…".into(),
            Command::Open(path) => path.display().to_string(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save Annotations As…".into(),
            Command::Quit => "Quit".into(),
            Command::Label(kind) => format!("Label as {kind}"),
            Command::DeleteSelected => "Delete Annotation".into(),
            Command::ClearSelection => "Clear Selection".into(),
            Command::SelectAll => "Select All".into(),
            Command::ZoomIn => "Zoom In".into(),
            Command::ZoomOut => "Zoom Out".into(),
            Command::ZoomReset => "Actual Size".into(),
            Command::SelectAnnotation(_) => "Select Annotation".into(),
            Command::RevealAnnotation(_) => "Go to Annotation".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::Change { label, .. } => label.clone(),
            Command::PickParty => "Choose Speaker or Claimant…".into(),
            Command::CycleEntityType => "Next Entity Type".into(),
            Command::SetEntityType(name) => format!("Entity Type {name}"),
            Command::AddFragment => "Add Selection to Quote".into(),
            Command::NextAnnotation => "Next Annotation".into(),
            Command::PreviousAnnotation => "Previous Annotation".into(),
            Command::Find => "Find…".into(),
            Command::FindNext => "Find Next".into(),
            Command::FindPrevious => "Find Previous".into(),
            Command::AnnotateAll => "Annotate All Occurrences".into(),
            Command::ShowShortcuts => "Keyboard Shortcuts".into(),
            Command::ShowStatistics => "Statistics".into(),
            Command::ToggleAutosave => "Autosave".into(),
            Command::AcceptReanchoring(_) => "Accept".into(),
            Command::AcceptAllReanchoring => "Accept All Moved and Changed".into(),
            Command::AttachToSelection(_) => "Attach to Selection".into(),
            Command::ShowReviewItem(_) => "Show".into(),
            Command::Delete(_) => "Delete".into(),
            Command::OpenFolderDialog => "Open Folder…".into(),
            Command::OpenFolder(path) => path.display().to_string(),
            Command::NextArticle => "Next Article".into(),
            Command::PreviousArticle => "Previous Article".into(),
            Command::SwitchSet(name) => name.clone(),
            Command::NewSet => "New Set".into(),
            Command::DuplicateSet => "Duplicate Set As…".into(),
            Command::RenameSet => "Rename Set…".into(),
            Command::CompareWith(Some(name)) => name.clone(),
            Command::CompareWith(None) => "Stop Comparing".into(),
            Command::StartCuration => "Curate Differences…".into(),
            Command::Decide(decision) => format!("Keep {decision:?}"),
            Command::CurationStep(true) => "Next Difference".into(),
            Command::CurationStep(false) => "Previous Difference".into(),
            Command::FinishCuration => "Save Curation as New Set".into(),
            Command::CancelCuration => "Cancel Curation".into(),
            Command::Import(format) => format!("{}…", format.name()),
            Command::Export(format) => format!("{}…", format.name()),
        }
    }

    /// The command's shortcuts, the one shown in menus first.
    pub fn shortcuts(&self) -> &'static [KeyboardShortcut] {
        match self {
            Command::OpenDialog => const { &[command(Key::O)] },
            Command::OpenByPath => const { &[command_shift(Key::O)] },
            Command::Save => const { &[command(Key::S)] },
            Command::SaveAs => const { &[command_shift(Key::S)] },
            Command::Quit => const { &[command(Key::Q)] },
            Command::NextArticle => const { &[command(Key::PageDown)] },
            Command::PreviousArticle => const { &[command(Key::PageUp)] },
            Command::Label(Kind::Quote) => const { &[plain(Key::Q), plain(Key::Num1)] },
            Command::Label(Kind::Claim) => const { &[plain(Key::C), plain(Key::Num2)] },
            Command::Label(Kind::Entity) => const { &[plain(Key::E), plain(Key::Num3)] },
            Command::DeleteSelected => const { &[plain(Key::Delete), plain(Key::Backspace)] },
            Command::ClearSelection => const { &[plain(Key::Escape)] },
            Command::SelectAll => const { &[command(Key::A)] },
            Command::ZoomIn => const { &[command(Key::Plus), command(Key::Equals)] },
            Command::ZoomOut => const { &[command(Key::Minus)] },
            Command::ZoomReset => const { &[command(Key::Num0)] },
            Command::Undo => const { &[command(Key::Z)] },
            Command::Redo => const { &[command_shift(Key::Z), command(Key::Y)] },
            Command::PickParty => const { &[plain(Key::S)] },
            Command::CycleEntityType => const { &[plain(Key::T)] },
            Command::AddFragment => const { &[shift(Key::Q)] },
            Command::NextAnnotation => const { &[plain(Key::Tab)] },
            Command::PreviousAnnotation => const { &[shift(Key::Tab)] },
            Command::Find => const { &[command(Key::F)] },
            Command::FindNext => const { &[plain(Key::F3)] },
            Command::FindPrevious => const { &[shift(Key::F3)] },
            Command::AnnotateAll => const { &[plain(Key::A)] },
            Command::ShowShortcuts => const { &[plain(Key::F1), plain(Key::Questionmark)] },
            Command::ShowStatistics => const { &[plain(Key::F2)] },
            Command::Open(_)
            | Command::SelectAnnotation(_)
            | Command::RevealAnnotation(_)
            | Command::Change { .. }
            | Command::SetEntityType(_)
            | Command::ToggleAutosave
            | Command::AcceptReanchoring(_)
            | Command::AcceptAllReanchoring
            | Command::AttachToSelection(_)
            | Command::ShowReviewItem(_)
            | Command::Delete(_)
            | Command::Import(_)
            | Command::Export(_)
            | Command::StartCuration
            | Command::Decide(_)
            | Command::CurationStep(_)
            | Command::FinishCuration
            | Command::CancelCuration
            | Command::OpenFolderDialog
            | Command::OpenFolder(_)
            | Command::SwitchSet(_)
            | Command::NewSet
            | Command::DuplicateSet
            | Command::RenameSet
            | Command::CompareWith(_) => &[],
        }
    }

    /// True when the command's shortcuts are keys that type or move in a text field (no
    /// Ctrl), which must not fire while the user types into one.
    pub fn uses_plain_keys(&self) -> bool {
        self.shortcuts().first().is_some_and(|s| {
            !s.modifiers.command && !s.modifiers.ctrl && !is_function_key(s.logical_key)
        })
    }

    /// True when the command must not fire while a text field has focus, because the key
    /// types, moves or edits in the field (the field's own undo and select-all included).
    pub fn yields_to_text_fields(&self) -> bool {
        self.uses_plain_keys() || matches!(self, Command::Undo | Command::Redo | Command::SelectAll)
    }

    /// The shortcut as shown in a menu, such as `Ctrl+S`.
    pub fn shortcut_text(&self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
    }
}

fn is_function_key(key: Key) -> bool {
    matches!(key, Key::F1 | Key::F2 | Key::F3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_belongs_to_one_command() {
        let mut seen: Vec<KeyboardShortcut> = Vec::new();
        for command in &Command::with_shortcuts() {
            for shortcut in command.shortcuts() {
                assert!(!seen.contains(shortcut), "{shortcut:?} is bound twice");
                seen.push(*shortcut);
            }
        }
    }

    #[test]
    fn more_specific_shortcuts_come_first() {
        let commands = Command::with_shortcuts();
        let modifier_count = |c: &Command| {
            let m = c.shortcuts()[0].modifiers;
            usize::from(m.command) + usize::from(m.shift) + usize::from(m.alt)
        };
        assert!(
            commands
                .windows(2)
                .all(|w| modifier_count(&w[0]) >= modifier_count(&w[1]))
        );
    }
}
