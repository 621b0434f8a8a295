//! Find (Ctrl+F): what is looked for, whether the bar is open, and the matches, computed again
//! only when the text or the options change.

use crate::model::search::{self, SearchOptions};
use crate::model::{CharSpan, Document};

/// The find bar's state, kept across articles (the matches are of the open one).
#[derive(Default)]
pub struct Find {
    open: bool,
    text: String,
    /// Focus the field (with its text selected) on the next frame.
    focus_requested: bool,
    /// The matches of `text`, in text order.
    matches: Vec<CharSpan>,
    /// The text and options `matches` were computed for.
    key: Option<(String, SearchOptions)>,
}

impl Find {
    /// True while the bar is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// What is looked for.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Opens the bar and has its field take the focus with the text selected.
    pub fn open_and_focus(&mut self) {
        self.open = true;
        self.focus_requested = true;
    }

    /// True once after [`Find::open_and_focus`]: the field should take the focus now.
    pub fn take_focus_request(&mut self) -> bool {
        std::mem::take(&mut self.focus_requested)
    }

    /// Closes the bar; its matches are no longer shown.
    pub fn close(&mut self) {
        self.open = false;
        self.forget_matches();
    }

    /// Looks for `text` from now on.
    pub fn set_text(&mut self, text: String) {
        self.text = text;
    }

    /// Forgets the matches (the article or its text changed).
    pub fn forget_matches(&mut self) {
        self.matches.clear();
        self.key = None;
    }

    /// The matches in `document` of the text with `options`, computed again when either
    /// changed since the last time.
    pub fn matches_in(&mut self, document: &Document, options: SearchOptions) -> &[CharSpan] {
        let key = (self.text.clone(), options);
        if self.key.as_ref() != Some(&key) {
            self.matches = search::find_all(document, &key.0, options);
            self.key = Some(key);
        }
        &self.matches
    }

    /// The matches as last computed.
    pub fn matches(&self) -> &[CharSpan] {
        &self.matches
    }

    /// "3 of 17" for the bar, when `selection` is a match.
    pub fn status(&self, selection: CharSpan) -> String {
        if self.text.is_empty() {
            return String::new();
        }
        match self.matches.binary_search(&selection) {
            Ok(i) => format!("{} of {}", i + 1, self.matches.len()),
            Err(_) if self.matches.is_empty() => "no matches".to_owned(),
            Err(_) => format!("{} matches", self.matches.len()),
        }
    }
}
