//! One frame of the window: keys become commands (carried out at once, so that the frame shows
//! their effect), background work and watched files are looked at, then each view is shown
//! where it goes, fed what it needs, and the commands the views emitted are carried out.

use super::messages::Severity;
use super::saving::SaveOutcome;
use super::{MarginaliaApp, Session};
use crate::gui::command::Command;
use crate::gui::keys::KeyState;
use crate::gui::theme::Palette;
use crate::gui::views::article_view::ViewInput;
use crate::gui::views::dialogs::{self, ModalDialog, PendingAction};
use crate::gui::views::{
    agreement_table, banner, details, find_bar, folder_panel, menu_bar, review, settings,
    shortcuts, side_panel, statistics, status_bar, toolbar, welcome,
};
use egui::{Context, Panel, Ui, ViewportCommand};

impl MarginaliaApp {
    /// Runs one frame.
    pub(super) fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let palette = Palette::for_visuals(&ctx.global_style().visuals);
        self.handle_close_request(&ctx);
        self.handle_termination(&ctx);
        self.read_keys(&ctx);
        self.read_dropped_files(&ctx);
        self.cover_scripts(&ctx);
        self.poll_background(&ctx);
        self.check_files(&ctx);
        self.show_views(ui, &ctx, palette);
        for command in std::mem::take(&mut self.queue) {
            self.apply(&ctx, command);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
        self.window.typing_last_frame = ctx.text_edit_focused();
        if let Some(started) = self.window.started.take() {
            log::info!(
                "first frame drawn {} ms after start",
                started.elapsed().as_millis()
            );
        }
    }

    /// Turns the key presses the key table answers into commands and carries them out (not
    /// while a dialog is open or an article opens).
    fn read_keys(&mut self, ctx: &Context) {
        if self.modal.is_some() || self.background.opening.is_some() {
            return;
        }
        // egui drops a text field's focus on Escape before this runs, so a field that had the
        // focus last frame counts too: that Escape was the field's.
        let typing = ctx.text_edit_focused() || self.window.typing_last_frame;
        let session = self.session.as_ref();
        let selected = session.and_then(|s| s.editor.selected_annotation());
        let state = KeyState {
            typing,
            curating: session.is_some_and(|s| s.curation.is_some()),
            selected: selected.map(|a| a.kind()),
            text_selected: session.is_some_and(|s| !s.view.selection().span().is_empty()),
            reviewing: session
                .zip(selected)
                .is_some_and(|(s, a)| s.is_under_review(&a.id)),
        };
        let keys = self.keys();
        let commands = ctx.input_mut(|i| keys.resolve(state, &mut i.events));
        for command in commands {
            self.apply(ctx, command);
        }
    }

    fn read_dropped_files(&mut self, ctx: &Context) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            // A link dragged out of a browser (a .url or .desktop file) is its page.
            let command = match crate::web::address_in_link_file(&path) {
                Some(url) => Command::Download(url),
                None => Command::Open(path),
            };
            self.queue.push(command);
        }
    }

    /// Once per article: adds fonts for the scripts egui's fonts lack, and says which
    /// characters no font can show.
    fn cover_scripts(&mut self, ctx: &Context) {
        if !self.window.symbols_covered {
            // The window's own arrows and marks, whatever the article.
            self.window.symbols_covered = true;
            let symbols = self.fonts.cover(ctx, crate::gui::host::fonts::UI_SYMBOLS);
            if !symbols.missing.is_empty() {
                log::warn!("no font has {:?}: they show as boxes", symbols.missing);
            }
        }
        let Some(session) = &mut self.session else {
            return;
        };
        if session.fonts_checked {
            return;
        }
        session.fonts_checked = true;
        let coverage = self
            .fonts
            .cover(ctx, session.editor.document().text().as_str());
        for font in &coverage.added {
            log::info!("added the font {} for this article", font.display());
        }
        if !coverage.missing.is_empty() {
            let sample: Vec<String> = coverage
                .missing
                .iter()
                .map(|c| format!("U+{:04X}", u32::from(*c)))
                .collect();
            self.say(
                Severity::Warning,
                format!(
                    "No installed font has some characters of this article ({}); they show as boxes. Install fonts that cover them, for example on Debian: sudo apt install fonts-noto-core fonts-noto-cjk fonts-symbola.",
                    sample.join(", ")
                ),
            );
        }
    }

    fn handle_close_request(&mut self, ctx: &Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.window.close_confirmed {
            return;
        }
        let dirty = self.session.as_ref().is_some_and(Session::is_dirty);
        if dirty && self.preferences.autosave {
            match self.save() {
                SaveOutcome::Saved => return,
                SaveOutcome::Started => {
                    // Close once the worker has written them.
                    ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                    let ctx = ctx.clone();
                    self.after_saving(move |app| app.continue_with(&ctx, PendingAction::Quit));
                    return;
                }
                SaveOutcome::Failed => {}
            }
        }
        if let Some(session) = self.session.as_ref().filter(|s| s.is_dirty()) {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(ModalDialog::UnsavedChanges {
                file_name: session.document().file_name(),
                then: PendingAction::Quit,
            });
        }
    }

    /// After SIGTERM, SIGHUP or SIGINT: saves unsaved work (whatever the autosave setting: no
    /// one is there to be asked), then closes.
    fn handle_termination(&mut self, ctx: &Context) {
        if self.window.terminating || !crate::gui::host::signals::received() {
            return;
        }
        self.window.terminating = true;
        self.modal = None;
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            match self.save() {
                SaveOutcome::Started => {
                    let ctx = ctx.clone();
                    self.after_saving(move |app| app.continue_with(&ctx, PendingAction::Quit));
                    return;
                }
                SaveOutcome::Saved => {}
                SaveOutcome::Failed => {
                    log::error!("ending with unsaved annotations: the save failed")
                }
            }
        }
        self.continue_with(ctx, PendingAction::Quit);
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = match &self.session {
            Some(s) => {
                let dirty = if s.is_dirty() { "● " } else { "" };
                let set = s.sets.set().map_or_else(String::new, |n| format!(" [{n}]"));
                format!("{dirty}{}{set} — Marginalia", s.document().file_name())
            }
            None => "Marginalia".to_owned(),
        };
        if title != self.window.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.window.title = title;
        }
    }

    /// Takes what background work has finished and puts it in place.
    fn poll_background(&mut self, ctx: &Context) {
        self.poll_opening(ctx);
        self.poll_saving(ctx);
        self.poll_checks(ctx);
        self.poll_reload(ctx);
        self.poll_reload_sidecar(ctx);
        self.poll_compare(ctx);
        self.poll_import(ctx);
        self.poll_export(ctx);
        self.poll_suggestions(ctx);
        self.poll_file_dialog(ctx);
        self.poll_folder();
        self.poll_learning(ctx);
        self.poll_download(ctx);
    }

    /// Shows every view where it goes; what they emit waits in the queue.
    fn show_views(&mut self, ui: &mut Ui, ctx: &Context, palette: Palette) {
        self.show_bars(ui, palette);
        self.show_folder(ui);
        self.show_side_panel(ui, palette);
        self.show_article(ui, ctx, palette);
        self.show_windows(ctx, palette);
    }

    /// The menu bar, toolbar, status bar, curation bar, banner and find bar.
    fn show_bars(&mut self, ui: &mut Ui, palette: Palette) {
        let session = self.session.as_ref();
        let keys = session.map_or(&self.default_keys, |s| &s.keys);
        let menus = menu_bar::MenuInput {
            keys,
            preferences: &self.preferences,
            folder_open: self.folder.is_some(),
            undo: session.and_then(|s| s.history().undo_label().map(str::to_owned)),
            redo: session.and_then(|s| s.history().redo_label().map(str::to_owned)),
            article: session.map(|s| s.document().path()),
            set: session.map_or("", |s| s.set_name()),
            overlay: session.and_then(|s| s.overlay().map(|o| o.name.as_str())),
            annotator_set: super::sets::name_from(&self.preferences.annotator),
            suggesting_with: session.map(|s| s.suggestions().made_by()),
        };
        let queue = &mut self.queue;
        Panel::top("menu_bar").show(ui, |ui| menu_bar::show(ui, &menus, queue));
        let tools = toolbar::ToolbarInput {
            keys,
            has_selection: session.is_some_and(|s| s.selected().is_some()),
            zoom: self.preferences.zoom,
            palette,
        };
        let queue = &mut self.queue;
        Panel::top("toolbar").show(ui, |ui| toolbar::show(ui, &tools, queue));
        let status = status_bar::StatusInput {
            article: session.map(describe_article),
            working: self.background.titles(),
            dirty: session.is_some_and(Session::is_dirty),
            suggestion: session
                .filter(|_| self.preferences.suggestions)
                .and_then(|s| s.suggestions.summary()),
            info: self
                .messages
                .latest(Severity::Info)
                .map(|m| m.text.as_str()),
        };
        Panel::bottom("status_bar").show(ui, |ui| status_bar::show(ui, &status));
        if let Some(view) = self
            .session
            .as_ref()
            .and_then(|s| s.curation.as_ref())
            .map(|c| c.view())
        {
            let queue = &mut self.queue;
            Panel::bottom("curation").show(ui, |ui| {
                crate::gui::views::curation_panel::show(ui, &view, queue);
            });
        }
        let shown = banner::shown(self.messages.all());
        if !shown.is_empty() {
            let queue = &mut self.queue;
            Panel::top("messages").show(ui, |ui| banner::show(ui, &shown, palette, queue));
        }
        if self.find.is_open()
            && let Some(session) = &self.session
        {
            let status = self.find.status(session.view.selection().span());
            let focus = self.find.take_focus_request();
            let input = find_bar::FindInput {
                text: self.find.text(),
                options: self.preferences.find_options,
                status: &status,
                focus,
            };
            let queue = &mut self.queue;
            Panel::top("find_bar").show(ui, |ui| find_bar::show(ui, &input, queue));
        }
    }

    fn show_folder(&mut self, ui: &mut Ui) {
        let current = self.current_index();
        let Some(folder) = &self.folder else {
            return;
        };
        let input = folder_panel::FolderInput {
            root: folder.root(),
            entries: folder.entries(),
            current,
            read: folder.read(),
        };
        folder_panel::show(ui, &input, &mut self.queue);
    }

    /// The side panel: comparison, review, details of the selected annotation, the list.
    fn show_side_panel(&mut self, ui: &mut Ui, palette: Palette) {
        let Some(session) = &mut self.session else {
            return;
        };
        let comparison = session.comparison().cloned();
        let session = &*session;
        let queue = &mut self.queue;
        let side_panel_state = &mut self.window.side_panel;
        let suggestions_shown = self.preferences.suggestions;
        Panel::right("annotations")
            .resizable(true)
            .default_size(320.0)
            .min_size(220.0)
            .show(ui, |ui| {
                if let (Some(comparison), Some(overlay)) = (&comparison, session.overlay()) {
                    // Scrolled sideways rather than widening the panel for good.
                    egui::ScrollArea::horizontal()
                        .id_salt("agreement_table")
                        .show(ui, |ui| {
                            agreement_table::show(
                                ui,
                                session.set_name(),
                                &overlay.name,
                                comparison,
                                queue,
                            );
                        });
                    ui.separator();
                }
                let items = session.review_items();
                if !items.is_empty() {
                    review::show(ui, &items, session.selected(), palette, queue);
                }
                if let Some(annotation) = session.editor.selected_annotation() {
                    let input = details::DetailsInput {
                        document: session.document(),
                        annotations: session.annotations(),
                        schema: &session.schema,
                        selection: session.view.selection().span(),
                        palette,
                    };
                    egui::CollapsingHeader::new("Details")
                        .default_open(true)
                        .show(ui, |ui| details::show(ui, &input, annotation, queue));
                    ui.separator();
                }
                let input = side_panel::SidePanelInput {
                    annotations: session.annotations(),
                    schema: &session.schema,
                    selected: session.selected(),
                    palette,
                    suggestions: suggestions_shown.then_some(&session.suggestions),
                };
                side_panel::show(ui, &input, side_panel_state, queue);
            });
    }

    fn show_article(&mut self, ui: &mut Ui, ctx: &Context, palette: Palette) {
        let queue = &mut self.queue;
        let modal_open = self.modal.is_some();
        let zoom = self.preferences.zoom;
        let find_matches = self.find.matches();
        let recent = &self.preferences.recent_files;
        let layers = self.window.side_panel.layers();
        let suggestions_shown = self.preferences.suggestions;
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| match &mut self.session {
                Some(session) => {
                    let related = session.editor.related();
                    let input = ViewInput {
                        document: session.editor.document(),
                        annotations: session.editor.annotations(),
                        selected: session.editor.selected(),
                        related: &related,
                        find_matches,
                        schema: &session.schema,
                        zoom,
                        palette,
                        overlay: session.sets.overlay().map(|o| &o.annotations),
                        keys: &session.keys,
                        layers,
                        suggestions: suggestions_shown.then_some(&session.suggestions),
                    };
                    session.view.show(ui, &input, queue);
                    if ctx.memory(|m| m.focused().is_none()) && !modal_open {
                        ctx.memory_mut(|m| m.request_focus(session.view.id()));
                    }
                }
                None => welcome::show(ui, recent, queue),
            });
    }

    /// The progress window, the modal dialog, the shortcut sheet and the statistics.
    fn show_windows(&mut self, ctx: &Context, palette: Palette) {
        if let Some(opening) = &self.background.opening {
            dialogs::show_progress(ctx, "Opening", opening.status(), &mut self.queue);
        }
        if let Some(modal) = &mut self.modal
            && let Some(answer) = dialogs::show(ctx, modal)
        {
            self.answer_modal(ctx, answer);
        }
        if self.window.show_shortcuts {
            let keys = self
                .session
                .as_ref()
                .map_or(&self.default_keys, |s| &s.keys);
            shortcuts::show(ctx, keys, &mut self.queue);
        }
        self.statistics_window(ctx, palette);
        if self.window.show_settings {
            let input = settings::SettingsInput {
                preferences: &self.preferences,
                annotator_set: super::sets::name_from(&self.preferences.annotator),
            };
            settings::show(ctx, &input, &mut self.queue);
        }
    }

    /// Shows the statistics window when it is open, counting again only after changes.
    fn statistics_window(&mut self, ctx: &Context, palette: Palette) {
        let Some(session) = &self.session else {
            return;
        };
        if !self.window.show_statistics {
            return;
        }
        let key = (
            session.annotations().revision(),
            session.document().path().to_owned(),
            session.sets.set().map(str::to_owned),
        );
        if self
            .window
            .statistics
            .as_ref()
            .is_none_or(|(k, _)| *k != key)
        {
            let counts = crate::analysis::stats::Counts::of(session.annotations());
            self.window.statistics = Some((key, counts));
        }
        let Some((_, counts)) = &self.window.statistics else {
            return;
        };
        let folder = self.folder.as_ref().map(|f| {
            f.entries()
                .iter()
                .map(|e| {
                    let name = e
                        .path
                        .strip_prefix(f.root())
                        .unwrap_or(&e.path)
                        .display()
                        .to_string();
                    (name, e.status.as_ref().map(|s| s.annotations))
                })
                .collect()
        });
        let input = statistics::StatisticsInput {
            title: format!(
                "{} (set {})",
                session.document().file_name(),
                session.set_name()
            ),
            counts,
            folder,
            palette,
        };
        statistics::show(ctx, &input, &mut self.queue);
    }
}

/// The status bar's line about the open article.
fn describe_article(session: &Session) -> String {
    let document = session.document();
    let span = session.view.selection().span();
    let mut parts = vec![format!("set {}", session.set_name())];
    match document.derived() {
        Some(derived) => {
            // A Word file's or a PDF's text was never decoded from bytes: no encoding to name.
            if !derived.format.is_binary() {
                parts.push(document.encoding().to_string());
            }
            parts.push(format!(
                "text of {} (extractor {})",
                derived.format.with_article(),
                derived.extractor_version
            ));
        }
        None => parts.push(document.encoding().to_string()),
    }
    if let (Some(page), Some(pages)) = (
        document.page_at(session.view.selection().head),
        document.page_count(),
    ) {
        parts.push(format!("page {} of {pages}", page + 1));
    }
    parts.push(format!("{} chars", document.char_count()));
    parts.push(format!("{} paragraphs", document.paragraphs().len()));
    parts.push(format!(
        "selection {}–{} ({} chars)",
        span.start.0,
        span.end.0,
        span.len()
    ));
    parts.join(" · ")
}
