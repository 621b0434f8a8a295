//! The side panel's comparison of the open annotation set with another one shown over the
//! article.

use crate::analysis::agreement::Comparison;
use crate::gui::command::Command;
use egui::{Grid, RichText, Ui};

/// Shows how far set `open` (the reference) and set `other` agree.
pub fn show(
    ui: &mut Ui,
    open: &str,
    other: &str,
    comparison: &Comparison,
    commands: &mut Vec<Command>,
) {
    egui::CollapsingHeader::new(format!("Compared with “{other}”"))
        .default_open(true)
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Dashed lines under the text are “{other}”'s spans. “{open}” is the reference."
                ))
                .small(),
            );
            ui.label(
                RichText::new(crate::analysis::agreement::MATCHING)
                    .small()
                    .weak(),
            );
            let number = crate::analysis::agreement::two_places;
            Grid::new("agreement")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for heading in ["", "here", "there", "F1 exact", "F1 overlap", "κ chars"] {
                        ui.label(RichText::new(heading).strong());
                    }
                    ui.end_row();
                    for line in &comparison.lines {
                        ui.label(line.category.name());
                        ui.label(line.exact.reference.to_string());
                        ui.label(line.exact.other.to_string());
                        for scores in [&line.exact, &line.overlap] {
                            ui.label(number(scores.f1)).on_hover_text(format!(
                                "precision {} · recall {} · {} matched",
                                number(scores.precision),
                                number(scores.recall),
                                scores.matched
                            ));
                        }
                        ui.label(number(line.kappa));
                        ui.end_row();
                    }
                });
            if ui.button("Stop Comparing").clicked() {
                commands.push(Command::CompareWith(None));
            }
        });
}
