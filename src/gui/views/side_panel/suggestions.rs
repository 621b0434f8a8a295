//! The Suggestions tab: a checkbox per kind with its count, then a row per suggestion shown
//! (kind, snippet, speaker, why) with Accept and Reject buttons. A click on a row makes it
//! current and scrolls the article to it.

use super::SNIPPET_CHARS;
use crate::gui::app::suggesting::{SuggestionKey, Suggestions};
use crate::gui::command::Command;
use crate::gui::theme::Palette;
use crate::gui::views::paragraph_layout::label_text;
use crate::gui::views::swatch;
use crate::model::Kind;
use crate::model::annotation::{in_quotation_marks, snippet};
use crate::suggest::Suggestion;
use egui::{RichText, ScrollArea, Ui};

/// Shows the kind filter, the keys and the rows; `None` when suggestions are hidden.
pub fn show(
    ui: &mut Ui,
    suggestions: Option<&Suggestions>,
    palette: Palette,
    commands: &mut Vec<Command>,
) {
    let Some(suggestions) = suggestions else {
        ui.label(RichText::new("Suggestions are hidden.").italics());
        if ui.button("Show Suggestions").clicked() {
            commands.push(Command::ToggleSuggestions);
        }
        return;
    };
    let counts = suggestions.counts();
    ui.horizontal_wrapped(|ui| {
        for (kind, count) in Kind::ALL.into_iter().zip(counts) {
            let mut shown = suggestions.kind_shown(kind);
            let plural = match kind {
                Kind::Quote => "Quotes",
                Kind::Claim => "Claims",
                Kind::Entity => "Entities",
            };
            let label = format!("{plural} {count}");
            if ui.checkbox(&mut shown, label).changed() {
                commands.push(Command::ShowSuggestionKind(kind, shown));
            }
        }
    });
    ui.label(
        RichText::new("J / K: next / previous · Enter: accept · X: reject · Shift+Enter: accept all of the kind")
            .small()
            .weak(),
    );
    ui.separator();
    let rows = suggestions.shown_count();
    if rows == 0 {
        ui.label(RichText::new("Nothing to suggest here.").italics());
        return;
    }
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    let row_height = 2.0 * ui.spacing().interact_size.y;
    let mut area = ScrollArea::vertical()
        .id_salt("suggestion_list")
        .auto_shrink([false, false]);
    let follow = ListFollow::load(ui);
    let current_row = suggestions.current_row();
    if let Some(offset) =
        follow.offset_showing(current_row, row_height + ui.spacing().item_spacing.y)
    {
        area = area.vertical_scroll_offset(offset);
    }
    let output = area.show_rows(ui, row_height, rows, |ui, range| {
        for (index, suggestion) in range.filter_map(|n| suggestions.nth_shown(n)) {
            let current = suggestions.current_index() == Some(index);
            show_row(ui, suggestion, current, palette, commands);
        }
    });
    ListFollow {
        row: current_row,
        offset: output.state.clamped_offset().y,
        height: output.inner_rect.height(),
    }
    .store(ui);
}

/// What the list showed last frame: the current row, and where it was scrolled to, so that a
/// new current suggestion (J / K) is scrolled into view and an unchanged one is left alone.
#[derive(Clone, Copy, Default)]
struct ListFollow {
    row: Option<usize>,
    offset: f32,
    height: f32,
}

impl ListFollow {
    fn id() -> egui::Id {
        egui::Id::unique("suggestion_list_follow")
    }

    fn load(ui: &Ui) -> Self {
        ui.data(|d| d.get_temp(Self::id())).unwrap_or_default()
    }

    fn store(self, ui: &Ui) {
        ui.data_mut(|d| d.insert_temp(Self::id(), self));
    }

    /// The scroll offset that brings `row` into view, when it is new and out of view.
    fn offset_showing(&self, row: Option<usize>, pitch: f32) -> Option<f32> {
        let row = row?;
        if self.row == Some(row) {
            return None;
        }
        let top = row as f32 * pitch;
        if top >= self.offset && top + pitch <= self.offset + self.height {
            return None;
        }
        Some((top - pitch).max(0.0))
    }
}

/// One suggestion: its kind and text (a click makes it current), then who and why with the
/// buttons.
fn show_row(
    ui: &mut Ui,
    suggestion: &Suggestion,
    current: bool,
    palette: Palette,
    commands: &mut Vec<Command>,
) {
    let key = SuggestionKey::of(suggestion);
    ui.horizontal(|ui| {
        swatch(ui, suggestion.kind, palette);
        let text = describe(suggestion);
        let response = ui
            .selectable_label(current, label_text(&text))
            .on_hover_text(format!(
                "Suggested {} at chars {}–{}: {}",
                suggestion.kind.label().to_lowercase(),
                key.span.start.0,
                key.span.end.0,
                suggestion.rule
            ));
        if response.clicked() {
            commands.push(Command::SelectSuggestion(Some(key)));
        }
    });
    ui.horizontal(|ui| {
        ui.add_space(28.0);
        if ui
            .small_button("Accept")
            .on_hover_text("Add it as you would by hand (Enter when current)")
            .clicked()
        {
            commands.push(Command::AcceptSuggestion(Some(key)));
        }
        if ui
            .small_button("Reject")
            .on_hover_text("Never suggest it again in this set (X when current)")
            .clicked()
        {
            commands.push(Command::RejectSuggestion(Some(key)));
        }
        ui.label(
            RichText::new(format!(
                "{:.0}% · {}",
                suggestion.confidence * 100.0,
                suggestion.rule
            ))
            .small()
            .weak(),
        );
    });
}

/// The row's text: "Speaker: “…”" for a quote or claim with a speaker, "TYPE Name" for an
/// entity, the quoted snippet otherwise.
fn describe(suggestion: &Suggestion) -> String {
    let text: Vec<&str> = suggestion
        .fragments
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    let text = snippet(&text.join(" … "), SNIPPET_CHARS);
    match (
        suggestion.kind,
        &suggestion.speaker,
        &suggestion.entity_type,
    ) {
        (Kind::Entity, _, Some(entity_type)) => format!("{entity_type} {text}"),
        (Kind::Entity, _, None) => text,
        (_, Some(speaker), _) => format!("{}: {}", speaker.text, in_quotation_marks(&text)),
        (_, None, _) => in_quotation_marks(&text),
    }
}

#[cfg(test)]
mod tests {
    use super::ListFollow;

    #[test]
    fn a_new_current_row_out_of_view_is_scrolled_to_and_no_other() {
        let last = ListFollow {
            row: Some(3),
            offset: 0.0,
            height: 100.0,
        };
        // (current row now, offset wanted) with rows 10 points apart.
        let cases = [
            (Some(3), None),
            (Some(2), None),
            (Some(9), None),
            (Some(10), Some(90.0)),
            (Some(20), Some(190.0)),
            (Some(0), None),
            (None, None),
        ];
        for (row, wanted) in cases {
            assert_eq!(last.offset_showing(row, 10.0), wanted, "{row:?}");
        }
        let scrolled = ListFollow {
            row: Some(30),
            offset: 300.0,
            height: 100.0,
        };
        assert_eq!(scrolled.offset_showing(Some(1), 10.0), Some(0.0));
    }
}
