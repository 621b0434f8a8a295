//! Everything a user can ask Marginalia to do, as one enum with each command's label.
//! [`crate::gui::app::MarginaliaApp::apply`] is the one place that carries commands out; views
//! only emit them, and [`crate::gui::keys`] is the one table of the keys that give them.

use crate::analysis::curation::Decision;
use crate::gui::app::suggesting::SuggestionKey;
use crate::interop::{ExportFormat, ImportFormat};
use crate::model::correct::{Edge, Step};
use crate::model::search::SearchOptions;
use crate::model::{AnnotationId, CharOffset, CheckWorthiness, Edit, Kind, QuoteMode};
use std::path::PathBuf;

/// A user's request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Show the native file dialog to pick an article.
    OpenDialog,
    /// Show or hide the suggestions.
    ToggleSuggestions,
    /// Show or hide the suggestions of one kind.
    ShowSuggestionKind(Kind, bool),
    /// Make the next suggestion current and scroll to it.
    NextSuggestion,
    /// Make the previous suggestion current and scroll to it.
    PreviousSuggestion,
    /// Make this suggestion current (a click on its ghost or in the list), or none.
    SelectSuggestion(Option<SuggestionKey>),
    /// Accept this suggestion (`None`: the current one).
    AcceptSuggestion(Option<SuggestionKey>),
    /// Reject this suggestion (`None`: the current one).
    RejectSuggestion(Option<SuggestionKey>),
    /// Accept every suggestion of the current one's kind.
    AcceptAllOfKind,
    /// Choose the mapping file imports use.
    ChooseImportMap,
    /// Import with the built-in mapping again.
    ForgetImportMap,
    /// Show the field to type an article's path.
    OpenByPath,
    /// Show the field to type a web address to download and open.
    OpenWebAddress,
    /// Show the field for the folder downloaded pages are kept in.
    ChooseWebFolder,
    /// Download the page at this web address, keep it and open it.
    Download(String),
    /// Open the article at this path (asks first when there are unsaved changes).
    Open(PathBuf),
    /// Open the article opened last, or a copy of the sample when there is none (starting with
    /// no file).
    ReopenLast,
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
    /// Clear the text selection and the selected annotation (or close the shortcut sheet).
    ClearSelection,
    /// Select the whole article.
    SelectAll,
    /// Move the caret.
    Move(Motion),
    /// Move the selection's head, keeping its anchor.
    Extend(Motion),
    /// Copy the selected text.
    CopySelection,
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
    /// Make the selected annotation a `kind`, keeping its id, span, note and tags.
    ChangeKind(Kind),
    /// Move one end of the selected annotation by a word or a character.
    MoveEdge {
        /// Which end.
        edge: Edge,
        /// By how much.
        step: Step,
        /// Towards the article's end (`true`) or its start.
        forward: bool,
    },
    /// Put one end of annotation `id` at `to` (a dragged handle, snapped by the view).
    SetEdge {
        /// The annotation.
        id: AnnotationId,
        /// Which end.
        edge: Edge,
        /// Where it goes.
        to: CharOffset,
    },
    /// Give the selected annotation the selected text as its span (for a quote in pieces, the
    /// piece the selection overlaps most); attaches an annotation that re-anchoring lost.
    SetSpanToSelection,
    /// Give the selected quote the next mode (direct, indirect, mixed, none).
    CycleQuoteMode,
    /// Give the selected quote this mode.
    SetQuoteMode(Option<QuoteMode>),
    /// Give the selected claim the next check-worthiness grade.
    CycleCheckWorthiness,
    /// Give the selected claim this check-worthiness grade.
    SetCheckWorthiness(Option<CheckWorthiness>),
    /// Choose the selected claim's verdict from the schema's.
    PickVerdict,
    /// Give the selected claim this verdict.
    SetVerdict(Option<String>),
    /// Select the next annotation in text order.
    NextAnnotation,
    /// Select the previous annotation in text order.
    PreviousAnnotation,
    /// Show the find bar and focus its field.
    Find,
    /// Look for this text (as typed in the find bar), from the caret on.
    SearchFor(String),
    /// Close the find bar.
    CloseFind,
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
    /// Show or hide the settings window.
    ShowSettings,
    /// Turn autosave on or off.
    ToggleAutosave,
    /// Change a preference.
    SetPreference(PreferenceChange),
    /// Follow the system's theme, or use the light or dark one.
    SetTheme(egui::ThemePreference),
    /// Accept what re-anchoring found for an annotation (`None`: the selected one): its new
    /// place, or the changed text proposed for it.
    AcceptReanchoring(Option<AnnotationId>),
    /// Turn down what re-anchoring found for an annotation (`None`: the selected one): it stays
    /// unplaced, to attach by hand or delete.
    RejectReanchoring(Option<AnnotationId>),
    /// Accept every move of the re-anchoring review (changed text is never accepted unseen).
    AcceptAllMoved,
    /// Ask, then accept every proposed change of the re-anchoring review.
    AcceptAllChanged,
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
    /// Open this article of the open folder, saving the open one first (folder mode never
    /// asks).
    OpenInFolder(PathBuf),
    /// Stop going through the open folder.
    CloseFolder,
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
    Decide(Decision),
    /// Decide the difference shown and every undecided one like it (the same kinds and labels
    /// on each side).
    DecideAlike(Decision),
    /// Decide every undecided difference.
    DecideRest(Decision),
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
    /// Stop the background work shown in the progress window (opening a large article).
    CancelJob,
    /// Take a message off the banner.
    DismissMessage(usize),
}

/// Where a caret motion goes, in stored (logical) order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Motion {
    /// One grapheme cluster back.
    CharBack,
    /// One grapheme cluster on.
    CharForward,
    /// To the start of the word (or the one before).
    WordBack,
    /// To the end of the word (or the one after).
    WordForward,
    /// To the start of the sentence (or the one before).
    SentenceBack,
    /// To the end of the sentence (or the one after).
    SentenceForward,
    /// To the paragraph's start, then the previous paragraph's.
    ParagraphBack,
    /// To the paragraph's end, then the next paragraph's.
    ParagraphForward,
    /// One row up.
    RowUp,
    /// One row down.
    RowDown,
    /// To the start of the row.
    RowStart,
    /// To the end of the row.
    RowEnd,
    /// A screen up.
    PageUp,
    /// A screen down.
    PageDown,
    /// To the start of the article.
    ArticleStart,
    /// To the end of the article.
    ArticleEnd,
}

impl Motion {
    /// What the motion does, for the shortcut sheet.
    pub fn label(self) -> &'static str {
        match self {
            Motion::CharBack => "a character back",
            Motion::CharForward => "a character on",
            Motion::WordBack => "a word back",
            Motion::WordForward => "a word on",
            Motion::SentenceBack => "a sentence back",
            Motion::SentenceForward => "a sentence on",
            Motion::ParagraphBack => "to the paragraph's start",
            Motion::ParagraphForward => "to the paragraph's end",
            Motion::RowUp => "a line up",
            Motion::RowDown => "a line down",
            Motion::RowStart => "to the line's start",
            Motion::RowEnd => "to the line's end",
            Motion::PageUp => "a screen up",
            Motion::PageDown => "a screen down",
            Motion::ArticleStart => "to the article's start",
            Motion::ArticleEnd => "to the article's end",
        }
    }
}

/// A change to the preferences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreferenceChange {
    /// Autosave on or off.
    Autosave(bool),
    /// How Annotate All Occurrences matches.
    AnnotateAllOptions(SearchOptions),
    /// How the find bar matches.
    FindOptions(SearchOptions),
    /// Who annotates (new sets are named after them).
    Annotator(String),
}

impl Command {
    /// The label shown in menus, buttons and the shortcut sheet.
    pub fn label(&self) -> String {
        match self {
            Command::OpenDialog => "Open…".into(),
            Command::OpenByPath => "Open by Path…".into(),
            Command::OpenWebAddress => "Open Web Address…".into(),
            Command::ChooseWebFolder => "Folder for Web Pages…".into(),
            Command::Download(url) => format!("Download {url}"),
            Command::ToggleSuggestions => "Suggestions".into(),
            Command::ChooseImportMap => "Mapping File…".into(),
            Command::ForgetImportMap => "Built-in Mapping".into(),
            Command::ShowSuggestionKind(kind, _) => format!("{kind} Suggestions"),
            Command::NextSuggestion => "Next Suggestion".into(),
            Command::PreviousSuggestion => "Previous Suggestion".into(),
            Command::SelectSuggestion(_) => "Go to Suggestion".into(),
            Command::AcceptSuggestion(_) => "Accept Suggestion".into(),
            Command::RejectSuggestion(_) => "Reject Suggestion".into(),
            Command::AcceptAllOfKind => "Accept All of This Kind".into(),
            Command::Open(path) => path.display().to_string(),
            Command::ReopenLast => "Reopen the Last Article".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save Annotations As…".into(),
            Command::Quit => "Quit".into(),
            Command::Label(kind) => format!("Label as {kind}"),
            Command::DeleteSelected => "Delete Annotation".into(),
            Command::ClearSelection => "Clear Selection".into(),
            Command::SelectAll => "Select All".into(),
            Command::Move(motion) => format!("Move {}", motion.label()),
            Command::Extend(motion) => format!("Extend the selection {}", motion.label()),
            Command::CopySelection => "Copy".into(),
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
            Command::SetEntityType(name) => format!("Entity type {name}"),
            Command::AddFragment => "Add Selection to Quote".into(),
            Command::ChangeKind(kind) => format!("Make It {}", kind.with_article()),
            Command::MoveEdge {
                edge,
                step,
                forward,
            } => {
                let end = match edge {
                    Edge::Start => "Start",
                    Edge::End => "End",
                };
                let by = match step {
                    Step::Word => "a Word",
                    Step::Char => "a Character",
                };
                let way = if *forward { "Right" } else { "Left" };
                format!("Move {end} {by} {way}")
            }
            Command::SetEdge { .. } => "Move Boundary".into(),
            Command::SetSpanToSelection => "Set Span to Selection".into(),
            Command::CycleQuoteMode => "Next Quote Mode".into(),
            Command::SetQuoteMode(Some(mode)) => format!("Mode {}", mode.label()),
            Command::SetQuoteMode(None) => "No Mode".into(),
            Command::CycleCheckWorthiness => "Next Check-Worthiness".into(),
            Command::SetCheckWorthiness(Some(grade)) => grade.label().into(),
            Command::SetCheckWorthiness(None) => "Not Graded".into(),
            Command::PickVerdict => "Choose Verdict…".into(),
            Command::SetVerdict(Some(verdict)) => verdict.clone(),
            Command::SetVerdict(None) => "No Verdict".into(),
            Command::NextAnnotation => "Next Annotation".into(),
            Command::PreviousAnnotation => "Previous Annotation".into(),
            Command::Find => "Find…".into(),
            Command::SearchFor(text) => format!("Find “{text}”"),
            Command::CloseFind => "Close Find".into(),
            Command::FindNext => "Find Next".into(),
            Command::FindPrevious => "Find Previous".into(),
            Command::AnnotateAll => "Annotate All Occurrences".into(),
            Command::ShowShortcuts => "Keyboard Shortcuts".into(),
            Command::ShowStatistics => "Statistics".into(),
            Command::ShowSettings => "Settings…".into(),
            Command::ToggleAutosave => "Autosave".into(),
            Command::SetPreference(_) => "Change a Setting".into(),
            Command::SetTheme(egui::ThemePreference::System) => "Follow the system theme".into(),
            Command::SetTheme(egui::ThemePreference::Light) => "Light theme".into(),
            Command::SetTheme(egui::ThemePreference::Dark) => "Dark theme".into(),
            Command::AcceptReanchoring(_) => "Accept".into(),
            Command::RejectReanchoring(_) => "Reject".into(),
            Command::AcceptAllMoved => "Accept All Moved".into(),
            Command::AcceptAllChanged => "Accept All Changed…".into(),
            Command::AttachToSelection(_) => "Attach to Selection".into(),
            Command::ShowReviewItem(_) => "Show".into(),
            Command::Delete(_) => "Delete".into(),
            Command::OpenFolderDialog => "Open Folder…".into(),
            Command::OpenFolder(path) => path.display().to_string(),
            Command::OpenInFolder(path) => path.display().to_string(),
            Command::CloseFolder => "Close Folder".into(),
            Command::NextArticle => "Next Article".into(),
            Command::PreviousArticle => "Previous Article".into(),
            Command::SwitchSet(name) => name.clone(),
            Command::NewSet => "New Set".into(),
            Command::DuplicateSet => "Duplicate Set As…".into(),
            Command::RenameSet => "Rename Set…".into(),
            Command::CompareWith(Some(name)) => name.clone(),
            Command::CompareWith(None) => "Stop Comparing".into(),
            Command::StartCuration => "Curate Differences…".into(),
            Command::Decide(Decision::Left) => "Keep Left".into(),
            Command::Decide(Decision::Right) => "Keep Right".into(),
            Command::Decide(Decision::Both) => "Keep Both".into(),
            Command::Decide(Decision::Neither) => "Keep Neither".into(),
            Command::DecideAlike(decision) => {
                format!("{} for All Alike", Command::Decide(*decision).label())
            }
            Command::DecideRest(decision) => {
                format!("{} for All Remaining", Command::Decide(*decision).label())
            }
            Command::CurationStep(true) => "Next Difference".into(),
            Command::CurationStep(false) => "Previous Difference".into(),
            Command::FinishCuration => "Save Curation as New Set".into(),
            Command::CancelCuration => "Cancel Curation".into(),
            Command::Import(format) => format!("{}…", format.name()),
            Command::Export(format) => format!("{}…", format.name()),
            Command::CancelJob => "Cancel".into(),
            Command::DismissMessage(_) => "Dismiss".into(),
        }
    }
}
