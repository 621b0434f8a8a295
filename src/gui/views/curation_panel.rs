//! The curation bar: one difference between two annotation sets at a time, and the keys that
//! decide it.

use crate::analysis::curation::Decision;
use crate::gui::command::Command;
use egui::{RichText, Ui};

/// What the bar shows.
pub struct CurationView {
    /// The open (left) set's name.
    pub left_name: String,
    /// The compared (right) set's name.
    pub right_name: String,
    /// Which difference, from 1.
    pub position: usize,
    /// How many differences.
    pub count: usize,
    /// How many are still undecided.
    pub undecided: usize,
    /// How many annotations agree.
    pub agreed: usize,
    /// The left set's annotations in this difference, described.
    pub left: Vec<String>,
    /// The right set's, described.
    pub right: Vec<String>,
    /// The decision made for it, if any.
    pub decision: Option<Decision>,
    /// How many differences are like it (itself included), undecided but for it.
    pub alike: usize,
}

/// Shows the bar; buttons push commands.
pub fn show(ui: &mut Ui, view: &CurationView, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "Curating “{}” (left) with “{}” (right): difference {} of {} · {} undecided · {} agreed",
                view.left_name,
                view.right_name,
                view.position,
                view.count,
                view.undecided,
                view.agreed
            ))
            .strong(),
        );
    });
    ui.columns(2, |columns| {
        side(
            &mut columns[0],
            &format!("Left · {}", view.left_name),
            &view.left,
        );
        side(
            &mut columns[1],
            &format!("Right · {}", view.right_name),
            &view.right,
        );
    });
    ui.horizontal(|ui| {
        let decided = |d: Decision| view.decision == Some(d);
        if ui.button("Previous (Left arrow)").clicked() {
            commands.push(Command::CurationStep(false));
        }
        for (decision, text) in [
            (Decision::Left, "Accept Left (L)"),
            (Decision::Right, "Accept Right (R)"),
            (Decision::Both, "Both (B)"),
            (Decision::Neither, "Neither (N)"),
        ] {
            if ui.selectable_label(decided(decision), text).clicked() {
                commands.push(Command::Decide(decision));
            }
        }
        if ui.button("Next (Right arrow)").clicked() {
            commands.push(Command::CurationStep(true));
        }
    });
    ui.horizontal(|ui| {
        ui.label(format!("For all {} alike:", view.alike))
            .on_hover_text("Differences with the same kinds and labels on each side");
        for (decision, text) in [
            (Decision::Left, "Left (Shift+L)"),
            (Decision::Right, "Right (Shift+R)"),
            (Decision::Both, "Both (Shift+B)"),
            (Decision::Neither, "Neither (Shift+N)"),
        ] {
            if ui.small_button(text).clicked() {
                commands.push(Command::DecideAlike(decision));
            }
        }
        ui.separator();
        ui.label(format!("For all {} undecided:", view.undecided));
        for (decision, text) in [
            (Decision::Left, "Left (Ctrl+Shift+L)"),
            (Decision::Right, "Right (Ctrl+Shift+R)"),
            (Decision::Both, "Both"),
            (Decision::Neither, "Neither"),
        ] {
            if ui.small_button(text).clicked() {
                commands.push(Command::DecideRest(decision));
            }
        }
    });
    ui.horizontal(|ui| {
        ui.separator();
        let finish = ui
            .button("Save as New Set")
            .on_hover_text("Undecided differences keep both sides");
        if finish.clicked() {
            commands.push(Command::FinishCuration);
        }
        if ui.button("Cancel").clicked() {
            commands.push(Command::CancelCuration);
        }
    });
}

fn side(ui: &mut Ui, title: &str, annotations: &[String]) {
    ui.label(RichText::new(title).small().strong());
    if annotations.is_empty() {
        ui.label(RichText::new("nothing here").italics());
    }
    for line in annotations {
        ui.label(line);
    }
}
