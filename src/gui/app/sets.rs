//! Annotation sets in the window: which set is open, switching, creating, duplicating and
//! renaming sets, and comparing with a second set shown read-only.
//!
//! A set is a sidecar file: `<article>.ron` for the default set, `<article>.NAME.ron` for set
//! NAME. Changing sets saves the open one first, so nothing is lost on the way.

use super::{MarginaliaApp, Severity};
use crate::analysis::agreement::{self, Comparison};
use crate::gui::command::Command;
use crate::gui::views::article_view::ArticleView;
use crate::model::{AnnotationSet, Fingerprint};
use crate::store::Extras;
use crate::store::sidecar;

/// The name the command line and menus use for the set in `<article>.ron`.
pub const DEFAULT_SET: &str = "default";

/// A second set shown over the article, read-only, to compare.
pub struct Overlay {
    /// Its name (`default` for the default set).
    pub name: String,
    /// Its annotations.
    pub annotations: AnnotationSet,
    /// The comparison of the open set with it, for the revision of the open set it was made for.
    comparison: Option<(u64, Comparison)>,
}

/// `None` for the default set, else the name.
pub fn set_of(name: &str) -> Option<String> {
    (name != DEFAULT_SET).then(|| name.to_owned())
}

/// The name a menu shows for a set.
pub fn name_of(set: Option<&str>) -> &str {
    set.unwrap_or(DEFAULT_SET)
}

/// A set name made of `annotator`'s letters and digits.
pub fn name_from(annotator: &str) -> String {
    let name: String = annotator
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() || name == DEFAULT_SET {
        "annotator".to_owned()
    } else {
        name
    }
}

/// The system user's name, the annotator's name until one is set.
pub fn system_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "annotator".to_owned())
}

impl MarginaliaApp {
    /// Opens set `name` of the open article, keeping the view where it is (after saving the
    /// open set's changes).
    pub(super) fn switch_set(&mut self, name: &str) {
        let set = set_of(name);
        let Some(session) = &self.session else {
            return;
        };
        if session.set == set {
            return;
        }
        self.after_saving(move |app| app.reopen_with(set));
    }

    /// Opens `set` for the open article, keeping the view if the text is the same.
    fn reopen_with(&mut self, set: Option<String>) {
        let Some(session) = self.session.take() else {
            return;
        };
        let path = session.document.path().to_owned();
        let keep: Option<(Fingerprint, ArticleView)> =
            Some((session.document.fingerprint().clone(), session.view));
        self.open_article(&path, set, keep);
    }

    /// Creates an empty set named after the annotator (made unique) and opens it.
    pub(super) fn new_set(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let article = session.document.path().to_owned();
        let base = name_from(&self.preferences.annotator);
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|n| !sidecar::set_path(&article, Some(n)).exists())
            .unwrap_or(base);
        self.create_set(&name, AnnotationSet::new(), Extras::default(), |_| {});
    }

    /// Writes `annotations` as a new set `name` and opens it (after saving the open set's
    /// changes), then runs `then`; on failure says why and stops.
    pub(super) fn create_set(
        &mut self,
        name: &str,
        annotations: AnnotationSet,
        extras: Extras,
        then: impl FnOnce(&mut MarginaliaApp) + 'static,
    ) {
        let Some(session) = &self.session else {
            return;
        };
        if let Err(why) = sidecar::check_set_name(name) {
            self.say(
                Severity::Error,
                format!("Cannot name a set “{name}”: {why}."),
            );
            return;
        }
        let path = sidecar::set_path(session.document.path(), Some(name));
        if path.exists() {
            self.say(
                Severity::Error,
                format!(
                    "There is already a set “{name}” (“{}”); choose another name.",
                    path.display()
                ),
            );
            return;
        }
        let name = name.to_owned();
        self.after_saving(move |app| {
            let Some(session) = &app.session else {
                return;
            };
            if let Err(error) = sidecar::save(&path, &session.document, &annotations, &extras) {
                app.say(Severity::Error, error.to_string());
                return;
            }
            app.reopen_with(Some(name));
            then(app);
        });
    }

    /// Copies the open set, with its unsaved changes, to a new set `name` and opens that.
    pub(super) fn duplicate_set(&mut self, name: &str) {
        let Some(session) = &self.session else {
            return;
        };
        let copy = session.annotations.clone();
        let extras = session.extras.clone();
        let from = name_of(session.set.as_deref()).to_owned();
        let message = format!("Set “{name}” is a copy of “{from}” and is now open.");
        self.create_set(name, copy, extras, move |app| {
            app.say(Severity::Info, message);
        });
    }

    /// Renames the open named set to `name` (its file is renamed).
    pub(super) fn rename_set(&mut self, name: &str) {
        let Some(session) = &self.session else {
            return;
        };
        let Some(old) = session.set.clone() else {
            self.say(
                Severity::Error,
                "The default set keeps its name; duplicate it to make a named set.",
            );
            return;
        };
        let article = session.document.path().to_owned();
        let copy = session.annotations.clone();
        let extras = session.extras.clone();
        let new_name = name.to_owned();
        self.create_set(name, copy, extras, move |app| {
            let old_path = sidecar::set_path(&article, Some(&old));
            match std::fs::remove_file(&old_path) {
                Ok(()) => app.say(
                    Severity::Info,
                    format!("Renamed set “{old}” to “{new_name}”."),
                ),
                Err(error) => app.say(
                    Severity::Warning,
                    format!(
                        "Set “{new_name}” is a copy of “{old}”, but “{}” could not be removed: {error}.",
                        old_path.display()
                    ),
                ),
            }
        });
    }

    /// Shows set `name` over the article, read-only, or stops when `None`.
    pub(super) fn compare_with(&mut self, name: Option<&str>) {
        let Some(session) = &mut self.session else {
            return;
        };
        let Some(name) = name else {
            session.overlay = None;
            return;
        };
        let path = sidecar::set_path(session.document.path(), set_of(name).as_deref());
        let result = sidecar::load(&path, &session.document);
        match result {
            Ok(Some(loaded)) => {
                session.overlay = Some(Overlay {
                    name: name.to_owned(),
                    annotations: loaded.annotations,
                    comparison: None,
                });
            }
            Ok(None) => {
                let text = format!("There is no set “{name}” (no file “{}”).", path.display());
                self.say(Severity::Error, text);
            }
            Err(error) => self.say(Severity::Error, error.to_string()),
        }
    }
}

impl MarginaliaApp {
    /// The Sets menu: the article's sets, new / duplicate / rename, and comparing.
    pub(super) fn sets_menu(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        let Some(session) = &self.session else {
            ui.add_enabled(false, egui::Button::new("Sets"));
            return;
        };
        let article = session.document.path().to_owned();
        let current = session.set_name().to_owned();
        let overlay = session.overlay.as_ref().map(|o| o.name.clone());
        let annotator = name_from(&self.preferences.annotator);
        ui.menu_button("Sets", |ui| {
            let mut names: Vec<String> = sidecar::list_sets(&article)
                .iter()
                .map(|s| name_of(s.as_deref()).to_owned())
                .collect();
            if !names.contains(&current) {
                names.insert(0, current.clone());
            }
            ui.label("Open set:");
            for name in &names {
                if ui.radio(name == &current, name.as_str()).clicked() {
                    self.queue.push(Command::SwitchSet(name.clone()));
                    ui.close();
                }
            }
            ui.separator();
            if ui.button(format!("New Set “{annotator}”")).clicked() {
                self.queue.push(Command::NewSet);
                ui.close();
            }
            self.menu_entry(ui, ctx, Command::DuplicateSet);
            if ui
                .add_enabled(
                    current != DEFAULT_SET,
                    egui::Button::new(Command::RenameSet.label()),
                )
                .on_disabled_hover_text("The default set keeps its name; duplicate it instead")
                .clicked()
            {
                self.queue.push(Command::RenameSet);
                ui.close();
            }
            ui.separator();
            ui.menu_button("Compare With", |ui| {
                let others: Vec<&String> = names.iter().filter(|n| **n != current).collect();
                if others.is_empty() {
                    ui.label("No other set yet");
                }
                for name in others {
                    if ui
                        .radio(overlay.as_ref() == Some(name), name.as_str())
                        .clicked()
                    {
                        self.queue.push(Command::CompareWith(Some(name.clone())));
                        ui.close();
                    }
                }
                if overlay.is_some() {
                    ui.separator();
                    self.menu_entry(ui, ctx, Command::CompareWith(None));
                }
            });
            if ui
                .add_enabled(
                    overlay.is_some(),
                    egui::Button::new(Command::StartCuration.label()),
                )
                .on_disabled_hover_text("Compare with another set first")
                .clicked()
            {
                self.queue.push(Command::StartCuration);
                ui.close();
            }
        });
    }
}

impl super::Session {
    /// The set shown over the article to compare, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The open set's name (`default` for the default set).
    pub fn set_name(&self) -> &str {
        name_of(self.set.as_deref())
    }

    /// The comparison of the open set (the reference) with the overlay, made again only when
    /// the open set changed.
    pub fn comparison(&mut self) -> Option<&Comparison> {
        let revision = self.annotations.revision();
        let overlay = self.overlay.as_mut()?;
        if overlay
            .comparison
            .as_ref()
            .is_none_or(|(r, _)| *r != revision)
        {
            let comparison =
                agreement::compare(&self.annotations, &overlay.annotations, &self.document);
            overlay.comparison = Some((revision, comparison));
        }
        overlay.comparison.as_ref().map(|(_, c)| c)
    }
}
