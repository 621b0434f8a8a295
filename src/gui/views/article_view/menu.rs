//! The context menu of the article: a right click on an annotation selects it and offers the
//! commands that correct it (kind, span, attributes, delete); on selected text, labelling.
//! Each entry shows its key from the key table.

use super::*;
use crate::gui::views::menu_bar::entry;
use crate::model::correct::{Edge, Step};
use crate::model::{CheckWorthiness, QuoteMode};

impl ArticleView {
    /// Remembers what a right click was on (and selects it), then shows the menu for it.
    pub(super) fn context_menu(
        &mut self,
        response: &egui::Response,
        input: &ViewInput<'_>,
        commands: &mut Vec<Command>,
    ) {
        if response.secondary_clicked() {
            let offset = response
                .interact_pointer_pos()
                .and_then(|p| self.offset_at(input.document, p));
            // The innermost annotation there (the shortest), as a click would pick it.
            let mut here = offset.map(|o| input.annotations.at(o)).unwrap_or_default();
            here.retain(|a| input.layers.shows(a));
            self.menu_target = here.first().map(|a| a.id.clone());
            if self.menu_target.is_some() {
                commands.push(Command::SelectAnnotation(self.menu_target.clone()));
            }
        }
        let target = self
            .menu_target
            .as_ref()
            .and_then(|id| input.annotations.get(id));
        let text_selected = !self.selection.span().is_empty();
        response.context_menu(|ui| match target {
            Some(annotation) => annotation_menu(ui, input, annotation, text_selected, commands),
            None => text_menu(ui, input, text_selected, commands),
        });
    }
}

/// What the menu offers for `annotation`.
fn annotation_menu(
    ui: &mut Ui,
    input: &ViewInput<'_>,
    annotation: &Annotation,
    text_selected: bool,
    commands: &mut Vec<Command>,
) {
    let keys = input.keys;
    ui.label(
        egui::RichText::new(format!(
            "{} {}",
            annotation.label(),
            annotation.quoted_snippet(40)
        ))
        .weak(),
    );
    for kind in Kind::ALL.into_iter().filter(|k| *k != annotation.kind()) {
        entry(ui, keys, Command::ChangeKind(kind), commands);
    }
    ui.add_enabled_ui(text_selected, |ui| {
        entry(ui, keys, Command::SetSpanToSelection, commands);
    });
    ui.menu_button("Boundaries", |ui| {
        for edge in [Edge::Start, Edge::End] {
            for step in [Step::Word, Step::Char] {
                for forward in [false, true] {
                    let command = Command::MoveEdge {
                        edge,
                        step,
                        forward,
                    };
                    entry(ui, keys, command, commands);
                }
            }
        }
    });
    ui.separator();
    match &annotation.attributes {
        Attributes::Quote(quote) => {
            entry(ui, keys, Command::PickParty, commands);
            ui.menu_button("Mode", |ui| {
                let modes = QuoteMode::ALL.map(Some).into_iter().chain([None]);
                for mode in modes {
                    choice(
                        ui,
                        quote.mode == mode,
                        Command::SetQuoteMode(mode),
                        commands,
                    );
                }
                entry(ui, keys, Command::CycleQuoteMode, commands);
            });
        }
        Attributes::Claim(claim) => {
            entry(ui, keys, Command::PickParty, commands);
            ui.menu_button("Check-Worthiness", |ui| {
                let grades = CheckWorthiness::ALL.map(Some).into_iter().chain([None]);
                for grade in grades {
                    let chosen = claim.check_worthiness == grade;
                    choice(ui, chosen, Command::SetCheckWorthiness(grade), commands);
                }
                entry(ui, keys, Command::CycleCheckWorthiness, commands);
            });
            ui.menu_button("Verdict", |ui| {
                let verdicts = input.schema.verdicts.iter().cloned().map(Some);
                for verdict in verdicts.chain([None]) {
                    let chosen = claim.verdict == verdict;
                    choice(ui, chosen, Command::SetVerdict(verdict), commands);
                }
                entry(ui, keys, Command::PickVerdict, commands);
            });
        }
        Attributes::Entity(entity) => {
            ui.menu_button("Type", |ui| {
                for entity_type in &input.schema.entity_types {
                    let chosen = entity.entity_type.as_deref() == Some(&entity_type.name);
                    let command = Command::SetEntityType(entity_type.name.clone());
                    choice(ui, chosen, command, commands);
                }
            });
        }
    }
    entry(ui, keys, Command::AnnotateAll, commands);
    ui.separator();
    entry(ui, keys, Command::DeleteSelected, commands);
}

/// What the menu offers where there is no annotation.
fn text_menu(ui: &mut Ui, input: &ViewInput<'_>, text_selected: bool, commands: &mut Vec<Command>) {
    if !text_selected {
        ui.label(egui::RichText::new("Select some text to label it.").weak());
        return;
    }
    for kind in Kind::ALL {
        entry(ui, input.keys, Command::Label(kind), commands);
    }
    ui.separator();
    entry(ui, input.keys, Command::CopySelection, commands);
}

/// A ticked (or not) menu entry for one value of an attribute.
fn choice(ui: &mut Ui, chosen: bool, command: Command, commands: &mut Vec<Command>) {
    if ui.selectable_label(chosen, command.label()).clicked() {
        commands.push(command);
        ui.close();
    }
}
