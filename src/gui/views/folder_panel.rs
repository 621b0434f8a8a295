//! The open folder's article list, on the left: each article with its annotation count, other
//! sets and whether its text changed since it was annotated.

use crate::gui::app::folder_mode::FolderEntry;
use crate::gui::command::Command;
use crate::store::folder::ArticleStatus;
use egui::{Panel, RichText, ScrollArea, Ui};
use std::path::Path;

/// What the panel shows.
pub struct FolderInput<'a> {
    /// The folder.
    pub root: &'a Path,
    /// Its articles with their status once read.
    pub entries: &'a [FolderEntry],
    /// The open article's place in the list.
    pub current: Option<usize>,
    /// How many statuses have been read.
    pub read: usize,
}

/// Shows the panel; a click opens an article, Close closes the folder.
pub fn show(ui: &mut Ui, input: &FolderInput<'_>, commands: &mut Vec<Command>) {
    Panel::left("folder")
        .resizable(true)
        .default_size(260.0)
        .min_size(160.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let name = input.root.file_name().map_or_else(
                    || input.root.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                ui.heading(name);
                if ui.small_button("Close").clicked() {
                    commands.push(Command::CloseFolder);
                }
            });
            let annotated = input
                .entries
                .iter()
                .filter(|e| e.status.as_ref().is_some_and(|s| s.annotations > 0))
                .count();
            ui.label(format!(
                "{} articles, {annotated} annotated",
                input.entries.len()
            ));
            if input.read < input.entries.len() {
                ui.label(
                    RichText::new(format!(
                        "Reading {} of {}…",
                        input.read,
                        input.entries.len()
                    ))
                    .small(),
                );
            }
            ui.separator();
            let row_height = ui.spacing().interact_size.y;
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, row_height, input.entries.len(), |ui, rows| {
                    for index in rows {
                        let FolderEntry { path, status } = &input.entries[index];
                        let name = path
                            .strip_prefix(input.root)
                            .unwrap_or(path)
                            .display()
                            .to_string();
                        let response = ui
                            .selectable_label(
                                input.current == Some(index),
                                describe(&name, status.as_ref()),
                            )
                            .on_hover_text(hover(status.as_ref()));
                        if response.clicked() {
                            commands.push(Command::OpenInFolder(path.clone()));
                        }
                    }
                });
        });
}

/// One line of the list: the name, then the count, sets and whether the text changed.
fn describe(name: &str, status: Option<&ArticleStatus>) -> String {
    match status {
        None => format!("{name}  …"),
        Some(status) if status.problem.is_some() => format!("{name}  ⚠"),
        Some(status) => {
            let mut line = format!("{name}  {}", status.annotations);
            if !status.sets.is_empty() {
                line.push_str(&format!(" +{} set(s)", status.sets.len()));
            }
            if status.changed {
                line.push_str(" · changed");
            }
            line
        }
    }
}

fn hover(status: Option<&ArticleStatus>) -> String {
    match status {
        None => "Not read yet".to_owned(),
        Some(ArticleStatus {
            problem: Some(problem),
            ..
        }) => problem.clone(),
        Some(status) => {
            let mut text = format!("{} annotation(s) in the default set", status.annotations);
            if !status.sets.is_empty() {
                text.push_str(&format!("; other sets: {}", status.sets.join(", ")));
            }
            if status.changed {
                text.push_str(
                    "; the article changed since it was annotated (opening it looks for the annotations again)",
                );
            }
            text
        }
    }
}
