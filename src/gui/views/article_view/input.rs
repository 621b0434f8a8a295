//! The mouse and the keyboard: clicks and drags select text and annotations; caret motions
//! the key table asks for move the selection.

use super::*;

impl ArticleView {
    /// The document offset under a screen position, from the paragraphs placed this frame.
    pub(super) fn offset_at(&self, document: &Document, pos: Pos2) -> Option<CharOffset> {
        let placed = self
            .placed
            .iter()
            .find(|p| pos.y < p.origin.y + p.layout.size().y.max(1.0))
            .or(self.placed.last())?;
        let local = placed.layout.hit((pos - placed.origin).to_pos2());
        let start = document.paragraphs()[placed.index].span.start.0;
        Some(CharOffset(start + local))
    }

    pub(super) fn handle_pointer(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        input: &ViewInput<'_>,
        commands: &mut Vec<Command>,
    ) {
        if self.drag_handle(ui, response, input, commands) {
            return;
        }
        let document = input.document;
        let shift = ui.input(|i| i.modifiers.shift);
        if response.drag_started() {
            response.request_focus();
            let origin = ui.input(|i| i.pointer.press_origin());
            if let Some(offset) = origin.and_then(|p| self.offset_at(document, p)) {
                if !shift {
                    self.selection.anchor = offset;
                }
                self.selection.head = offset;
            }
        }
        if response.dragged() {
            if let Some(pointer) = response.interact_pointer_pos() {
                if let Some(offset) = self.offset_at(document, pointer) {
                    self.selection.head = offset;
                }
                let visible = ui.clip_rect();
                if !visible.y_range().contains(pointer.y) {
                    let step = if pointer.y < visible.min.y { -1.0 } else { 1.0 };
                    self.request = Some(ScrollRequest::By(
                        step * (pointer.y - visible.center().y).abs().min(400.0) * 0.15,
                    ));
                    ui.ctx().request_repaint();
                }
            }
            return;
        }
        if !response.clicked() {
            return;
        }
        response.request_focus();
        self.sticky_x = None;
        let Some(offset) = response
            .interact_pointer_pos()
            .and_then(|p| self.offset_at(document, p))
        else {
            return;
        };
        if response.triple_clicked() {
            let paragraph = document.paragraphs()[document.paragraph_at(offset)].span;
            self.selection = TextSelection {
                anchor: paragraph.start,
                head: paragraph.end,
            };
        } else if response.double_clicked() {
            if let Some(word) = document.word_at(offset) {
                self.selection = TextSelection {
                    anchor: word.start,
                    head: word.end,
                };
            }
        } else if shift {
            self.selection.head = offset;
        } else {
            self.selection = TextSelection::caret(offset);
            let mut here = input.annotations.at(offset);
            here.retain(|a| input.layers.shows(a));
            let repeated = input
                .selected
                .filter(|s| self.clicked_annotation.as_ref() == Some(*s));
            let next = match repeated.and_then(|s| here.iter().position(|a| &a.id == s)) {
                Some(i) => here.get((i + 1) % here.len()),
                None => here.first(),
            };
            self.clicked_annotation = next.map(|a| a.id.clone());
            commands.push(Command::SelectAnnotation(self.clicked_annotation.clone()));
            // A click on a ghost makes its suggestion current; elsewhere it lets it go.
            let ghost = input
                .suggestions
                .filter(|_| self.clicked_annotation.is_none())
                .and_then(|s| s.at(offset));
            commands.push(Command::SelectSuggestion(ghost));
        }
    }

    /// While the view has the focus, arrows and Tab stay with it (egui would move the focus).
    pub(super) fn keep_keys(&self, ui: &Ui, response: &egui::Response) {
        if !response.has_focus() {
            return;
        }
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                self.id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: true,
                    escape: false,
                },
            );
        });
    }

    /// Moves the caret (or, with `extend`, the selection's head) as the key table asked,
    /// this frame, once the visible paragraphs are laid out.
    pub fn queue_motion(&mut self, motion: Motion, extend: bool) {
        self.motions.push((motion, extend));
    }

    pub(super) fn apply_motions(&mut self, ui: &Ui, document: &Document, layout: LayoutKey) {
        for (motion, extend) in std::mem::take(&mut self.motions) {
            self.apply_motion(ui, document, layout, motion, extend);
        }
    }

    pub(super) fn apply_motion(
        &mut self,
        ui: &Ui,
        document: &Document,
        layout: LayoutKey,
        motion: Motion,
        extend: bool,
    ) {
        let head = self.selection.head;
        let span = self.selection.span();
        let backward = matches!(
            motion,
            Motion::CharBack | Motion::WordBack | Motion::SentenceBack
        );
        let forward = matches!(
            motion,
            Motion::CharForward | Motion::WordForward | Motion::SentenceForward
        );
        let target = match motion {
            // Moving left or right from a selection goes to its edge.
            _ if backward && !extend && !span.is_empty() => span.start,
            _ if forward && !extend && !span.is_empty() => span.end,
            Motion::CharBack => document.previous_grapheme(head),
            Motion::CharForward => document.next_grapheme(head),
            Motion::WordBack => document.previous_word_start(head),
            Motion::WordForward => document.next_word_end(head),
            Motion::SentenceBack => document.previous_sentence_start(head),
            Motion::SentenceForward => document.next_sentence_end(head),
            Motion::ParagraphBack => document.previous_paragraph_start(head),
            Motion::ParagraphForward => document.next_paragraph_end(head),
            Motion::RowUp | Motion::RowDown => {
                self.vertical_move(ui, document, layout, head, motion == Motion::RowDown)
            }
            Motion::RowStart | Motion::RowEnd => {
                self.row_edge(ui, document, layout, head, motion == Motion::RowEnd)
            }
            Motion::ArticleStart => CharOffset(0),
            Motion::ArticleEnd => document.text().end(),
            Motion::PageUp | Motion::PageDown => {
                let sign = if motion == Motion::PageUp { -1.0 } else { 1.0 };
                self.page_move(
                    ui,
                    document,
                    layout,
                    head,
                    sign * self.viewport_height * 0.9,
                )
            }
        };
        let vertical = matches!(
            motion,
            Motion::RowUp | Motion::RowDown | Motion::PageUp | Motion::PageDown
        );
        if !vertical {
            self.sticky_x = None;
        }
        if extend {
            self.selection.head = target;
        } else {
            self.selection = TextSelection::caret(target);
        }
        if !matches!(motion, Motion::PageUp | Motion::PageDown) {
            self.request = Some(ScrollRequest::Reveal(target));
        }
    }

    /// The selected text, if any.
    pub fn selected_text(&self, document: &Document) -> Option<String> {
        let span = self.selection.span();
        (!span.is_empty()).then(|| document.text().slice(span).to_owned())
    }

    /// Scrolls by `dy` and returns the offset that many points above or below `head`, so the
    /// caret keeps its place on screen.
    pub(super) fn page_move(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        head: CharOffset,
        dy: f32,
    ) -> CharOffset {
        let (index, _, layout, local) = self.locate(ui, document, key, head);
        let caret = layout.caret_rect(local);
        let x = *self.sticky_x.get_or_insert(caret.center().x);
        if self.tops_stale {
            self.recompute_tops();
        }
        let y = (self.tops[index] + caret.center().y + dy).clamp(0.0, self.total_height());
        let target_index = self.paragraph_at_y(y);
        let target = self.layout(ui, document, key, target_index);
        let local = target.hit(pos2(x, y - self.tops[target_index]));
        self.request = Some(ScrollRequest::By(dy));
        CharOffset(document.paragraphs()[target_index].span.start.0 + local)
    }

    /// The paragraph holding `offset`, its start, its layout and the offset within it.
    pub(super) fn locate(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        offset: CharOffset,
    ) -> (usize, usize, Arc<ParagraphLayout>, usize) {
        let index = document.paragraph_at(offset);
        let start = document.paragraphs()[index].span.start.0;
        let layout = self.layout(ui, document, key, index);
        (index, start, layout, offset.0 - start)
    }

    /// The offset one row up or down from `head`, crossing paragraphs.
    pub(super) fn vertical_move(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        head: CharOffset,
        down: bool,
    ) -> CharOffset {
        let (index, _, layout, local) = self.locate(ui, document, key, head);
        let x = *self
            .sticky_x
            .get_or_insert_with(|| layout.caret_rect(local).center().x);
        let rows = layout.row_count();
        let row = layout.row_of(local);
        let (target_index, y) = match (down, row) {
            (true, r) if r + 1 < rows => (index, layout.row_center_y(r + 1)),
            (false, r) if r > 0 => (index, layout.row_center_y(r - 1)),
            (true, _) if index + 1 < document.paragraphs().len() => (index + 1, 0.0),
            (false, _) if index > 0 => {
                let above = self.layout(ui, document, key, index - 1);
                (index - 1, above.size().y - 1.0)
            }
            (true, _) => return document.text().end(),
            (false, _) => return CharOffset(0),
        };
        let target = self.layout(ui, document, key, target_index);
        let local = target.hit(pos2(x, y.max(0.0)));
        CharOffset(document.paragraphs()[target_index].span.start.0 + local)
    }

    /// The start or end of the visual row that holds `head`.
    pub(super) fn row_edge(
        &mut self,
        ui: &Ui,
        document: &Document,
        key: LayoutKey,
        head: CharOffset,
        end: bool,
    ) -> CharOffset {
        let (index, start, layout, local) = self.locate(ui, document, key, head);
        let row = layout.row_of(local);
        let chars = layout.row_chars(row);
        if !end {
            return CharOffset(start + chars.start);
        }
        // On a wrapped row, the end is before the spaces the row breaks at.
        let mut edge = chars.end;
        if row + 1 < layout.row_count() {
            let text = document.paragraph_text(index);
            let row_text: Vec<char> = text.chars().skip(chars.start).take(chars.len()).collect();
            let spaces = row_text
                .iter()
                .rev()
                .take_while(|c| c.is_whitespace())
                .count();
            edge -= spaces.min(chars.len());
        }
        CharOffset(start + edge)
    }
}
