//! The statistics window: bar charts (`egui_plot`) of the open article's annotations per kind,
//! entity type and check-worthiness, quotes per speaker, and, in folder mode, annotations per
//! article.

use crate::analysis::stats::{Counts, largest_first};
use crate::gui::command::Command;
use crate::gui::theme::Palette;
use crate::model::Kind;
use egui::{Color32, Context, RichText, ScrollArea, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text};

/// Bars shown at most per chart; the rest are summed up in a last bar.
const MAX_BARS: usize = 15;

/// What the window shows.
pub struct StatisticsInput<'a> {
    /// The open article's file name and set.
    pub title: String,
    /// Its counts.
    pub counts: &'a Counts,
    /// In folder mode: each article's name and annotation count (`None` until read).
    pub folder: Option<Vec<(String, Option<usize>)>>,
    /// Colours.
    pub palette: Palette,
}

/// Shows the window; closing it emits [`Command::ShowStatistics`] (which toggles it).
pub fn show(ctx: &Context, input: &StatisticsInput<'_>, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Statistics")
        .open(&mut open)
        .default_size([520.0, 640.0])
        .vscroll(false)
        .show(ctx, |ui| {
            ScrollArea::vertical().show(ui, |ui| contents(ui, input));
        });
    if !open {
        commands.push(Command::ShowStatistics);
    }
}

fn contents(ui: &mut Ui, input: &StatisticsInput<'_>) {
    let counts = input.counts;
    let palette = input.palette;
    ui.label(
        RichText::new(format!(
            "{}: {} annotation(s)",
            input.title, counts.annotations
        ))
        .strong(),
    );
    let kinds: Vec<(&str, usize)> = Kind::ALL
        .iter()
        .map(|k| (k.label(), counts.kinds.get(k.id()).copied().unwrap_or(0)))
        .collect();
    let kind_colours: Vec<Color32> = Kind::ALL.iter().map(|k| palette.kind(*k)).collect();
    chart(ui, "Annotations per kind", &kinds, |i| kind_colours[i]);
    let entity = palette.kind(Kind::Entity);
    chart(
        ui,
        "Entities per type",
        &largest_first(&counts.entity_types),
        |_| entity,
    );
    let quote = palette.kind(Kind::Quote);
    chart(
        ui,
        "Quotes per speaker",
        &largest_first(&counts.quotes_per_speaker),
        |_| quote,
    );
    let claim = palette.kind(Kind::Claim);
    chart(
        ui,
        "Claims by check-worthiness",
        &largest_first(&counts.check_worthiness),
        |_| claim,
    );
    if let Some(articles) = &input.folder {
        let done = articles
            .iter()
            .filter(|(_, c)| c.is_some_and(|c| c > 0))
            .count();
        ui.separator();
        ui.label(
            RichText::new(format!(
                "Folder: {done} of {} articles annotated",
                articles.len()
            ))
            .strong(),
        );
        let items: Vec<(&str, usize)> = articles
            .iter()
            .map(|(name, count)| (name.as_str(), count.unwrap_or(0)))
            .collect();
        chart(ui, "Annotations per article", &items, |_| quote);
    }
}

/// A horizontal bar chart of `items`, labelled at the end of each bar.
fn chart(ui: &mut Ui, title: &str, items: &[(&str, usize)], colour: impl Fn(usize) -> Color32) {
    ui.add_space(8.0);
    ui.label(RichText::new(title).strong());
    if items.iter().all(|(_, n)| *n == 0) {
        ui.label(RichText::new("None yet").italics());
        return;
    }
    let mut shown: Vec<(String, usize)> = items
        .iter()
        .take(MAX_BARS)
        .map(|(name, n)| ((*name).to_owned(), *n))
        .collect();
    if items.len() > MAX_BARS {
        let rest: usize = items[MAX_BARS..].iter().map(|(_, n)| n).sum();
        shown.push((format!("{} others", items.len() - MAX_BARS), rest));
    }
    let highest = shown.iter().map(|(_, n)| *n).max().unwrap_or(1) as f64;
    let rows = shown.len();
    // The first item at the top.
    let bars: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, (name, n))| {
            Bar::new((rows - 1 - i) as f64, *n as f64)
                .name(name)
                .width(0.7)
                .fill(colour(i.min(rows - 1)))
        })
        .collect();
    Plot::new(title)
        .height(22.0 * rows as f32 + 24.0)
        .show_axes([true, false])
        .show_grid([true, false])
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_x(0.0)
        .include_x(highest * 1.6)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(title, bars).horizontal());
            for (i, (name, n)) in shown.iter().enumerate() {
                let y = (rows - 1 - i) as f64;
                plot.text(
                    Text::new(
                        name,
                        PlotPoint::new(*n as f64 + highest * 0.02, y),
                        format!("{name} ({n})"),
                    )
                    .anchor(egui::Align2::LEFT_CENTER),
                );
            }
        });
}
