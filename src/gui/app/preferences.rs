//! What Marginalia remembers between runs (the window size is kept by eframe itself). Changed
//! only through [`Preferences::change`], which the command [`PreferenceChange`] reaches.

use crate::gui::command::PreferenceChange;
use crate::model::search::SearchOptions;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The key under which preferences are kept in eframe's storage.
pub const PREFERENCES_KEY: &str = "marginalia.preferences";
/// How many recent files File → Open Recent lists.
pub const MAX_RECENT_FILES: usize = 10;
/// How many articles' set and scroll position are remembered.
pub const MAX_PLACES: usize = 100;
const MIN_ZOOM: f32 = 0.5;
const MAX_ZOOM: f32 = 3.0;
/// How much each Zoom In or Zoom Out changes the text size.
pub const ZOOM_STEP: f32 = 1.1;

/// What Marginalia remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Articles opened lately, most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Article text size factor.
    pub zoom: f32,
    /// Save the annotations a few seconds after each change and when the window loses focus.
    pub autosave: bool,
    /// How the find bar matches.
    pub find_options: SearchOptions,
    /// How Annotate All Occurrences matches.
    pub annotate_all_options: SearchOptions,
    /// Who annotates: new annotation sets are named after them (empty until known: the
    /// window asks before it names a set).
    pub annotator: String,
    /// Where the user was in the articles opened lately, most recent first.
    pub places: Vec<ArticlePlace>,
    /// Show what Marginalia suggests annotating (View → Suggestions).
    pub suggestions: bool,
    /// The mapping file File → Import reads other tools' labels with (`None`: the built-in
    /// mapping).
    pub import_map: Option<PathBuf>,
    /// The folder File → Open Web Address… keeps pages in (`None`: `Marginalia` in the user's
    /// documents).
    pub web_folder: Option<PathBuf>,
}

/// Where the user was in an article: the set open and the text at the top of the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePlace {
    /// The article.
    pub path: PathBuf,
    /// The annotation set open (`None`: the default one).
    pub set: Option<String>,
    /// The char at the start of the first paragraph shown.
    pub top: usize,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent_files: Vec::new(),
            zoom: 1.0,
            autosave: true,
            find_options: SearchOptions::default(),
            annotate_all_options: SearchOptions {
                case_sensitive: true,
                whole_words: true,
                match_accents: true,
            },
            annotator: super::sets::system_user().unwrap_or_default(),
            places: Vec::new(),
            suggestions: true,
            import_map: None,
            web_folder: None,
        }
    }
}

impl Preferences {
    /// Carries out `change`.
    pub fn change(&mut self, change: PreferenceChange) {
        match change {
            PreferenceChange::Autosave(on) => self.autosave = on,
            PreferenceChange::AnnotateAllOptions(options) => self.annotate_all_options = options,
            PreferenceChange::FindOptions(options) => self.find_options = options,
            PreferenceChange::Annotator(name) => self.annotator = name,
        }
    }

    /// Puts `path` first in the recent files, once, keeping at most [`MAX_RECENT_FILES`].
    pub fn remember(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_owned());
        self.recent_files.truncate(MAX_RECENT_FILES);
    }

    /// Where the user was in `path`, if remembered.
    pub fn place_of(&self, path: &Path) -> Option<&ArticlePlace> {
        self.places.iter().find(|p| p.path == path)
    }

    /// Remembers `place`, first, keeping at most [`MAX_PLACES`].
    pub fn keep_place(&mut self, place: ArticlePlace) {
        self.places.retain(|p| p.path != place.path);
        self.places.insert(0, place);
        self.places.truncate(MAX_PLACES);
    }

    /// Takes `path` off the recent files (it is gone).
    pub fn forget(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
    }

    /// Sets the text size factor, rounded to a hundredth and kept within bounds.
    pub fn set_zoom(&mut self, zoom: f32) {
        self.zoom = ((zoom * 100.0).round() / 100.0).clamp(MIN_ZOOM, MAX_ZOOM);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_is_rounded_and_bounded() {
        let mut preferences = Preferences::default();
        for (asked, kept) in [(1.234, 1.23), (9.0, MAX_ZOOM), (0.1, MIN_ZOOM), (1.0, 1.0)] {
            preferences.set_zoom(asked);
            assert!(
                (preferences.zoom - kept).abs() < 1e-6,
                "{asked} → {}",
                preferences.zoom
            );
        }
    }

    #[test]
    fn recent_files_keep_the_latest_ten_once_each() {
        let mut preferences = Preferences::default();
        for n in 0..12 {
            preferences.remember(Path::new(&format!("{}.txt", n % 11)));
        }
        assert_eq!(preferences.recent_files.len(), MAX_RECENT_FILES);
        assert_eq!(preferences.recent_files[0], Path::new("0.txt"));
        preferences.forget(Path::new("0.txt"));
        assert_eq!(preferences.recent_files[0], Path::new("10.txt"));
    }
}
