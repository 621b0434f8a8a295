//! The side panel's lists: the annotations in text order (entities grouped by who or what they
//! name, quotes under their speaker's name, claims with claimant and grade), filtered by kind,
//! label, entity type, speaker, tag, check-worthiness, verdict and text; and the People tab,
//! every speaker and claimant with what they said; and the Suggestions tab. The panel owns what it shows (tab, filter,
//! opened groups); a click emits [`Command::RevealAnnotation`].

mod filter;
mod list;
mod people;
mod suggestions;

pub use filter::ListFilter;

use crate::analysis::people::EntityKey;
use crate::gui::app::suggesting::Suggestions;
use crate::gui::command::Command;
use crate::gui::theme::Palette;
use crate::gui::views::layers::Layers;
use crate::model::schema::Schema;
use crate::model::{AnnotationId, AnnotationSet};
use egui::Ui;
use std::collections::HashSet;

/// Snippets in the lists are at most this many chars.
const SNIPPET_CHARS: usize = 60;

/// Which list the panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// Every annotation, in text order.
    #[default]
    Annotations,
    /// Speakers and claimants with their quotes and claims.
    People,
    /// What Marginalia suggests annotating.
    Suggestions,
}

/// What the panel shows, as the user left it.
#[derive(Clone, Debug, Default)]
pub struct SidePanel {
    /// The list shown.
    pub tab: Tab,
    /// What the annotation list lets through (its layers hide annotations in the article too).
    pub filter: ListFilter,
    /// The entities whose mentions are listed one by one.
    expanded: HashSet<EntityKey>,
}

impl SidePanel {
    /// Which annotations the article shows.
    pub fn layers(&self) -> &Layers {
        &self.filter.layers
    }
}

/// What the panel needs for one frame.
pub struct SidePanelInput<'a> {
    /// The annotations.
    pub annotations: &'a AnnotationSet,
    /// The schema (entity types and their colours, verdicts).
    pub schema: &'a Schema,
    /// The selected annotation.
    pub selected: Option<&'a AnnotationId>,
    /// Colours.
    pub palette: Palette,
    /// The suggestions (`None`: hidden).
    pub suggestions: Option<&'a Suggestions>,
}

/// Shows the tabs and the list chosen.
pub fn show(
    ui: &mut Ui,
    input: &SidePanelInput<'_>,
    state: &mut SidePanel,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.tab, Tab::Annotations, "Annotations");
        ui.selectable_value(&mut state.tab, Tab::People, "People");
        let count = input.suggestions.map_or(0, Suggestions::shown_count);
        ui.selectable_value(
            &mut state.tab,
            Tab::Suggestions,
            format!("Suggestions {count}"),
        );
    });
    ui.separator();
    match state.tab {
        Tab::Annotations => list::show(ui, input, state, commands),
        Tab::People => people::show(ui, input, commands),
        Tab::Suggestions => suggestions::show(ui, input.suggestions, input.palette, commands),
    }
}
