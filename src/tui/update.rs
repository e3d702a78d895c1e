//! The one place the reader's state changes. No I/O: `update` returns whether to
//! redraw and an effect for the event loop to carry out.

use gloss::config::keymap::{KeyChord, Lookup};
use gloss::corpus::NoteLevel;

use crate::tui::action::{Action, Mouse};
use crate::tui::app::{App, Overlay, Pane, PanelRow, SourceRow};
use crate::tui::layout::{self, inner};
use crate::tui::view::overlay_metrics;

/// Work for the event loop after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
    /// Leave the screen, let the user write the open note in their editor, come back
    /// and send `NoteEdited`.
    EditNote,
}

/// The result of an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Update {
    /// The screen must be drawn again.
    pub redraw: bool,
    /// Something for the loop to do.
    pub effect: Option<Effect>,
}

impl Update {
    const REDRAW: Self = Self {
        redraw: true,
        effect: None,
    };
    const NOTHING: Self = Self {
        redraw: false,
        effect: None,
    };
}

const PANES: [Pane; 3] = [Pane::Sources, Pane::Article, Pane::Panel];

impl App {
    /// Returns the keymap contexts that apply now, most specific first.
    fn contexts(&self) -> Vec<&'static str> {
        if self.search.typing || self.prompt.is_some() {
            vec!["prompt"]
        } else if self.overlay.is_some() {
            vec!["overlay"]
        } else if self.mark.is_some() && self.focus == Pane::Article {
            vec!["selection", "article", "global"]
        } else {
            vec![self.focus.context(), "global"]
        }
    }

    /// Resolves a key press through the keymap (including sequences like `g g`) and
    /// applies the action it is bound to.
    pub fn handle_key(&mut self, chord: KeyChord) -> Update {
        if self.search.typing || self.prompt.is_some() {
            return match self.keymap.lookup("prompt", &[chord]) {
                Lookup::Action(action) => self.update(action.clone()),
                _ => match chord.key {
                    gloss::config::keymap::Key::Char(c) if !chord.ctrl && !chord.alt => {
                        self.update(Action::InsertChar(c))
                    }
                    _ => Update::NOTHING,
                },
            };
        }
        let had_pending = !self.pending.is_empty();
        self.pending.push(chord);
        loop {
            let mut prefix = false;
            for context in self.contexts() {
                match self.keymap.lookup(context, &self.pending) {
                    Lookup::Action(action) => {
                        let action = action.clone();
                        self.pending.clear();
                        return self.update(action);
                    }
                    Lookup::Prefix => prefix = true,
                    Lookup::Unbound => {}
                }
            }
            if prefix {
                return Update::REDRAW; // show the pending keys
            }
            if self.pending.len() > 1 {
                // The sequence broke: start again from the last key alone.
                self.pending = vec![chord];
                continue;
            }
            self.pending.clear();
            return if had_pending {
                Update::REDRAW
            } else {
                Update::NOTHING
            };
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Update {
        let before = self.view_key();
        let effect = self.apply(action);
        Update {
            redraw: effect.is_none() && self.view_key() != before,
            effect,
        }
    }

    /// Applies one action to the state, returning an effect for the loop.
    fn apply(&mut self, action: Action) -> Option<Effect> {
        if matches!(action, Action::EditNote) {
            return self.note_text().map(|_| Effect::EditNote);
        }
        // A quit (from a signal, or a terminal that went away) is never swallowed by
        // an open prompt: keys typed into a prompt are characters, not actions.
        if matches!(action, Action::Quit) {
            return Some(Effect::Quit);
        }
        if self.prompt_or_overlay(&action) {
            return None;
        }
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::ToggleHelp => {
                self.overlay = match self.overlay {
                    Some(Overlay::Help { .. }) => None,
                    _ => Some(Overlay::Help { scroll: 0 }),
                };
            }
            Action::ShowMessages => self.overlay = Some(Overlay::Messages { scroll: 0 }),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(PANES.len() - 1),
            Action::FocusLeft => self.step_focus(false),
            Action::FocusRight => self.step_focus(true),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::Top => self.move_to_end(false),
            Action::Bottom => self.move_to_end(true),
            Action::HalfPageDown => self.move_by(self.page(self.focus) / 2),
            Action::HalfPageUp => self.move_by(-(self.page(self.focus) / 2)),
            Action::PageDown => self.move_by(self.page(self.focus)),
            Action::PageUp => self.move_by(-self.page(self.focus)),
            Action::Open => self.open(),
            Action::ToggleSource => self.toggle_source(),
            Action::Search => self.start_search(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::Clear => {
                self.search = crate::tui::app::Search::default();
                self.message = None;
            }
            Action::InsertChar(c) if c.is_control() => {}
            Action::InsertChar(c) => {
                self.search.query.push(c);
                self.run_search();
            }
            Action::DeleteBack => {
                self.search.query.pop();
                self.run_search();
            }
            Action::ClearInput => {
                self.search.query.clear();
                self.run_search();
            }
            Action::Confirm => self.confirm_search(),
            Action::Cancel => {
                self.cursor = self.search.origin;
                self.search = crate::tui::app::Search::default();
            }
            Action::ShrinkPane => self.resize_pane(-2),
            Action::GrowPane => self.resize_pane(2),
            Action::ToggleSources => {
                self.layout.show_sources = !self.layout.show_sources;
                self.fix_focus();
            }
            Action::TogglePanel => {
                self.layout.show_panel = !self.layout.show_panel;
                self.fix_focus();
            }
            Action::ToggleZoom => self.toggle_zoom(),
            Action::ResetLayout => {
                self.layout = self.config_layout;
                self.fix_focus();
            }
            Action::Close => self.overlay = None,
            Action::Resized(w, h) => {
                self.size = (w, h);
                self.fix_focus();
            }
            Action::Mouse(mouse) => self.mouse(mouse),
            Action::ArticlesLoaded(entries) => self.add_entries(entries),
            Action::LoadFinished(report) => self.finish_load(report),
            Action::Linked(links) => self.linked(*links),
            Action::ShowBoard => self.show_board(),
            Action::Find => self.start_find(),
            Action::QuerySaved(saved) => self.query_saved(saved),
            Action::NextSource => self.step_source(true),
            Action::PrevSource => self.step_source(false),
            Action::Back => self.go_back(),
            Action::ShowMentions => self.show_mentions(),
            action if action.is_feed() => self.feed_action(action),
            // Annotation keys and the point's moves (annotate.rs).
            other => {
                self.annotation_action(&other);
            }
        }
        self.ensure_wrapped();
        self.clamp_article();
        self.clamp_lists();
        self.sync_point();
        None
    }

    /// Gives an open prompt or overlay the first say over an action; returns whether
    /// it used the action up.
    fn prompt_or_overlay(&mut self, action: &Action) -> bool {
        if self.prompt.is_some() && self.update_prompt(action) {
            return true;
        }
        // Keys the annotation prompts use mean nothing to the search line.
        if self.search.typing
            && matches!(
                action,
                Action::Up | Action::Down | Action::Complete | Action::NewLine
            )
        {
            return true;
        }
        match self.overlay {
            Some(overlay) => self.update_overlay(overlay, action),
            None => false,
        }
    }

    fn show_mentions(&mut self) {
        if let Some(&PanelRow::Entity(e)) = self.panel_rows.get(self.panel.selected) {
            self.overlay = Some(Overlay::Mentions {
                entity: e,
                selected: 0,
            });
        }
    }

    /// Keeps each list's selection inside its visible rows.
    fn clamp_lists(&mut self) {
        let l = layout::compute(self);
        let fit = |state: &mut crate::tui::app::ListState, rows: u16, len: usize| {
            let rows = usize::from(rows).max(1);
            if state.selected < state.offset {
                state.offset = state.selected;
            } else if state.selected >= state.offset + rows {
                state.offset = state.selected + 1 - rows;
            }
            // Never leave rows empty at the bottom while rows are hidden at the top.
            state.offset = state.offset.min(len.saturating_sub(rows));
        };
        let sources_rows = l.sources.map_or(1, |r| inner(r).height);
        fit(&mut self.sources, sources_rows, self.source_rows.len());
        let panel_rows = l.panel.map_or(1, |r| inner(r).height);
        fit(&mut self.panel, panel_rows, self.panel_rows.len());
    }

    fn start_search(&mut self) {
        if self.current.is_none() {
            self.message = Some("open an article to search it".to_owned());
        } else {
            self.search = crate::tui::app::Search {
                typing: true,
                origin: self.cursor,
                ..crate::tui::app::Search::default()
            };
        }
    }

    fn confirm_search(&mut self) {
        self.search.typing = false;
        if self.search.matches.is_empty() && !self.search.query.is_empty() {
            self.message = Some(format!("no match for “{}”", self.search.query));
        }
    }

    fn toggle_zoom(&mut self) {
        let zoomed = !self.layout.show_sources && !self.layout.show_panel;
        self.layout.show_sources = zoomed;
        self.layout.show_panel = zoomed;
        if !zoomed {
            self.focus = Pane::Article;
        }
        self.fix_focus();
    }

    fn finish_load(&mut self, mut report: gloss::corpus::LoadReport) {
        report.notes.extend(self.store_notes.iter().cloned());
        self.loading = false;
        self.message = Some(if report.skipped() > 0 {
            format!("{} — press ! to see which files and why", report.summary())
        } else {
            report.summary()
        });
        self.report = report;
    }

    /// Handles actions that mean something else while an overlay is open; returns
    /// whether the action was used up.
    fn update_overlay(&mut self, overlay: Overlay, action: &Action) -> bool {
        match overlay {
            Overlay::Help { scroll } | Overlay::Messages { scroll } => {
                self.scroll_overlay(overlay, scroll, action)
            }
            Overlay::Claim { cluster, selected } => {
                let rows = self
                    .links
                    .clusters
                    .get(cluster)
                    .map_or(0, |c| c.members.len());
                self.pick_in_overlay(
                    rows,
                    selected,
                    action,
                    |app, row| {
                        if let Some(m) = app
                            .links
                            .clusters
                            .get(cluster)
                            .and_then(|c| c.members.get(row))
                        {
                            let (article, claim) = (m.article, m.claim);
                            app.overlay = None;
                            app.open_claim(article, claim);
                            app.following = Some((cluster, article, claim));
                        }
                    },
                    |sel| Overlay::Claim {
                        cluster,
                        selected: sel,
                    },
                )
            }
            Overlay::Board { selected } => {
                let rows = self.links.clusters.len();
                self.pick_in_overlay(
                    rows,
                    selected,
                    action,
                    |app, row| {
                        app.overlay = Some(Overlay::Claim {
                            cluster: row,
                            selected: 0,
                        });
                    },
                    |sel| Overlay::Board { selected: sel },
                )
            }
            Overlay::Mentions { entity, selected } => {
                let rows = self.mentions_elsewhere(entity);
                self.pick_in_overlay(
                    rows.len(),
                    selected,
                    action,
                    |app, row| {
                        if let Some(&article) = rows.get(row) {
                            app.overlay = None;
                            app.push_jump();
                            app.open_article(article);
                            app.focus = Pane::Article;
                        }
                    },
                    |sel| Overlay::Mentions {
                        entity,
                        selected: sel,
                    },
                )
            }
            Overlay::Links { selected } => {
                let rows = self.article_links().len();
                self.pick_in_overlay(
                    rows,
                    selected,
                    action,
                    |app, row| {
                        app.overlay = None;
                        app.open_link(row);
                    },
                    |sel| Overlay::Links { selected: sel },
                )
            }
            Overlay::Annotations { selected } => {
                let rows = self.placed.len();
                self.pick_in_overlay(
                    rows,
                    selected,
                    action,
                    |app, row| {
                        app.overlay = None;
                        app.go_to_annotation(row);
                    },
                    |sel| Overlay::Annotations { selected: sel },
                )
            }
        }
    }

    /// Scrolls a text overlay (help, messages).
    fn scroll_overlay(&mut self, overlay: Overlay, scroll: usize, action: &Action) -> bool {
        let (lines, visible) = overlay_metrics(self, overlay);
        let page = visible.max(1);
        let max = lines.saturating_sub(visible);
        let new = match action {
            Action::Down => scroll + 1,
            Action::Up => scroll.saturating_sub(1),
            Action::HalfPageDown => scroll + page / 2,
            Action::HalfPageUp => scroll.saturating_sub(page / 2),
            Action::PageDown => scroll + page,
            Action::PageUp => scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            Action::Mouse(Mouse::ScrollDown { .. }) => scroll + 3,
            Action::Mouse(Mouse::ScrollUp { .. }) => scroll.saturating_sub(3),
            Action::Open => {
                self.overlay = None;
                return true;
            }
            // A click does not reach the panes behind an overlay.
            Action::Mouse(Mouse::Click { .. }) => return true,
            _ => return false,
        }
        .min(max);
        self.overlay = Some(match overlay {
            Overlay::Messages { .. } => Overlay::Messages { scroll: new },
            _ => Overlay::Help { scroll: new },
        });
        true
    }

    /// Moves the selection of a list overlay, or opens its selected row.
    fn pick_in_overlay(
        &mut self,
        rows: usize,
        selected: usize,
        action: &Action,
        open: impl FnOnce(&mut Self, usize),
        make: impl Fn(usize) -> Overlay,
    ) -> bool {
        let page = isize::try_from(usize::from(self.size.1.saturating_sub(6)).max(1)).unwrap_or(1);
        let new = match action {
            Action::Down | Action::Mouse(Mouse::ScrollDown { .. }) => step(selected, 1, rows),
            Action::Up | Action::Mouse(Mouse::ScrollUp { .. }) => step(selected, -1, rows),
            Action::HalfPageDown => step(selected, page / 2, rows),
            Action::HalfPageUp => step(selected, -page / 2, rows),
            Action::PageDown => step(selected, page, rows),
            Action::PageUp => step(selected, -page, rows),
            Action::Top => 0,
            Action::Bottom => rows.saturating_sub(1),
            Action::Open => {
                if rows > 0 {
                    open(self, selected.min(rows - 1));
                }
                self.ensure_wrapped();
                self.clamp_article();
                self.clamp_lists();
                return true;
            }
            Action::Mouse(Mouse::Click { .. }) => return true,
            _ => return false,
        };
        self.overlay = Some(make(new));
        true
    }

    fn show_board(&mut self) {
        self.overlay = if self.links.clusters.is_empty() {
            self.message = Some(if self.loading || !self.linked {
                "still linking claims across sources".to_owned()
            } else {
                "no claim is carried by more than one source".to_owned()
            });
            None
        } else {
            Some(Overlay::Board { selected: 0 })
        };
    }

    /// Remembers where the reader is, before a jump.
    pub(crate) fn push_jump(&mut self) {
        if let Some(article) = self.current {
            self.history.push(crate::tui::app::Jump {
                article,
                cursor: self.cursor,
                scroll: self.scroll,
                focus: self.focus,
            });
            if self.history.len() > 200 {
                self.history.remove(0);
            }
        }
    }

    /// Opens an article at a claim's sentence, highlighted, remembering where the
    /// reader came from.
    pub fn open_claim(&mut self, article: usize, claim: usize) {
        if article >= self.entries.len() {
            return;
        }
        self.push_jump();
        self.open_article(article);
        if let Some(row) = self
            .panel_rows
            .iter()
            .position(|r| *r == PanelRow::Claim(claim))
        {
            self.panel.selected = row;
        }
        if let Some(start) = self.entries[article]
            .analysis
            .claims
            .get(claim)
            .map(|c| c.start)
        {
            self.cursor = self.line_of_char(start);
            // Show the sentence a little below the top of the pane.
            self.scroll = self.cursor.saturating_sub(3);
        }
        self.focus = Pane::Article;
        self.select_in_sources(article);
    }

    /// Moves the source list's selection to an article.
    pub(crate) fn select_in_sources(&mut self, article: usize) {
        if let Some(row) = self
            .source_rows
            .iter()
            .position(|r| *r == SourceRow::Article(article))
        {
            self.sources.selected = row;
        }
    }

    /// The cluster being followed, when the cursor is still on the sentence last
    /// opened from it.
    fn followed(&self) -> Option<(usize, usize, usize)> {
        let (k, article, claim) = self.following?;
        let c = self.entries.get(article)?.analysis.claims.get(claim)?;
        let line = self.lines().get(self.cursor)?;
        let on_it = self.current == Some(article)
            && c.start < line.char_end.max(line.char_start + 1)
            && c.end > line.char_start;
        (on_it && self.links.clusters.get(k).is_some()).then_some((k, article, claim))
    }

    /// Goes to the next (or previous) source of the selected claim: of the claim the
    /// reader is following, while the cursor stays on it.
    fn step_source(&mut self, forward: bool) {
        let (k, article, claim) = if let Some(followed) = self.followed() {
            followed
        } else {
            let Some((article, claim)) = self.selected_claim() else {
                self.message = Some("no claim here: move to a claim first".to_owned());
                return;
            };
            let Some(k) = self.links.cluster_index(article, claim) else {
                self.message = Some("no other source carries this claim".to_owned());
                return;
            };
            (k, article, claim)
        };
        let cluster = &self.links.clusters[k];
        let n = cluster.members.len();
        let here = cluster
            .members
            .iter()
            .position(|m| m.article == article && m.claim == claim)
            .unwrap_or(0);
        let next = if forward {
            (here + 1) % n
        } else {
            (here + n - 1) % n
        };
        let m = &cluster.members[next];
        let (to_article, to_claim, position) =
            (m.article, m.claim, format!("source {} of {n}", next + 1));
        self.open_claim(to_article, to_claim);
        self.following = Some((k, to_article, to_claim));
        self.message = Some(position);
    }

    /// Returns to where the last jump came from.
    fn go_back(&mut self) {
        let Some(jump) = self.history.pop() else {
            self.message = Some("nothing to go back to".to_owned());
            return;
        };
        if self.current != Some(jump.article) {
            self.open_article(jump.article);
        }
        self.ensure_wrapped();
        self.cursor = jump.cursor;
        self.scroll = jump.scroll;
        self.focus = jump.focus;
        self.select_in_sources(jump.article);
        self.message = Some(format!("back ({} more)", self.history.len()));
    }

    fn visible(&self, pane: Pane) -> bool {
        let l = layout::compute(self);
        match pane {
            Pane::Sources => l.sources.is_some(),
            Pane::Article => true,
            Pane::Panel => l.panel.is_some(),
        }
    }

    fn fix_focus(&mut self) {
        if !self.visible(self.focus) {
            self.focus = Pane::Article;
        }
    }

    fn cycle_focus(&mut self, step: usize) {
        let mut i = PANES.iter().position(|p| *p == self.focus).unwrap_or(1);
        for _ in 0..PANES.len() {
            i = (i + step) % PANES.len();
            if self.visible(PANES[i]) {
                self.focus = PANES[i];
                return;
            }
        }
    }

    fn step_focus(&mut self, right: bool) {
        let i = PANES.iter().position(|p| *p == self.focus).unwrap_or(1);
        let candidates: Vec<usize> = if right {
            (i + 1..PANES.len()).collect()
        } else {
            (0..i).rev().collect()
        };
        if let Some(&j) = candidates.iter().find(|&&j| self.visible(PANES[j])) {
            self.focus = PANES[j];
        }
    }

    fn page(&self, pane: Pane) -> isize {
        let l = layout::compute(self);
        let rows = match pane {
            Pane::Sources => l.sources.map_or(1, |r| inner(r).height),
            Pane::Article => l.article_text.height,
            Pane::Panel => l.panel.map_or(1, |r| inner(r).height),
        };
        isize::try_from(rows.max(1)).unwrap_or(1)
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::Sources => {
                let len = self.source_rows.len();
                self.sources.selected = step(self.sources.selected, delta, len);
            }
            Pane::Article => {
                let len = self.lines().len();
                self.cursor = step(self.cursor, delta, len);
            }
            Pane::Panel => {
                let len = self.panel_rows.len();
                let mut sel = step(self.panel.selected, delta, len);
                // Headings are not selectable: keep going the same way, or turn back.
                while matches!(self.panel_rows.get(sel), Some(PanelRow::Heading(_))) {
                    let next = step(sel, delta.signum(), len);
                    if next == sel {
                        sel = step(sel, -delta.signum(), len);
                        break;
                    }
                    sel = next;
                }
                self.panel.selected = sel;
            }
        }
    }

    fn move_to_end(&mut self, bottom: bool) {
        let big = if bottom {
            isize::MAX / 2
        } else {
            -(isize::MAX / 2)
        };
        self.move_by(big);
    }

    fn open(&mut self) {
        match self.focus {
            Pane::Sources => match self.source_rows.get(self.sources.selected) {
                Some(&SourceRow::Saved(q)) => self.run_saved(q),
                Some(SourceRow::Source(_)) => self.toggle_source(),
                Some(&SourceRow::Article(a)) => {
                    self.open_article(a);
                    self.focus = Pane::Article;
                }
                None => {}
            },
            Pane::Article => {}
            Pane::Panel => {
                // A claim other sources carry opens its claim view.
                let cluster = match (self.current, self.panel_rows.get(self.panel.selected)) {
                    (Some(a), Some(&PanelRow::Claim(c))) => {
                        self.links.cluster_index(a, c).map(|k| (k, a, c))
                    }
                    _ => None,
                };
                if let Some((k, a, c)) = cluster {
                    let row = self.links.clusters[k]
                        .members
                        .iter()
                        .position(|m| m.article == a && m.claim == c)
                        .unwrap_or(0);
                    self.overlay = Some(Overlay::Claim {
                        cluster: k,
                        selected: row,
                    });
                } else {
                    self.jump_to_panel_selection();
                }
            }
        }
    }

    fn toggle_source(&mut self) {
        let si = match self.source_rows.get(self.sources.selected) {
            Some(&SourceRow::Source(si)) => si,
            Some(&SourceRow::Saved(_)) | None => return,
            Some(&SourceRow::Article(a)) => {
                match self
                    .library
                    .sources
                    .iter()
                    .position(|s| s.articles.contains(&a))
                {
                    Some(si) => si,
                    None => return,
                }
            }
        };
        let name = self.library.sources[si].name.clone();
        if !self.folded.remove(&name) {
            self.folded.insert(name);
        }
        self.rebuild_source_rows();
        if let Some(row) = self
            .source_rows
            .iter()
            .position(|r| *r == SourceRow::Source(si))
        {
            self.sources.selected = row;
        }
    }

    /// Opens article `index` at its top.
    pub fn open_article(&mut self, index: usize) {
        if index >= self.entries.len() {
            return;
        }
        self.current = Some(index);
        self.entries[index].read = true;
        self.read_state.mark(&self.entries[index].article.id);
        self.cursor = 0;
        self.scroll = 0;
        self.wrapped = None;
        self.search = crate::tui::app::Search::default();
        self.point = 0;
        self.mark = None;
        self.rebuild_panel_rows();
        self.place_annotations();
        self.ensure_wrapped();
    }

    fn jump_to_panel_selection(&mut self) {
        let Some(entry) = self.current_entry() else {
            return;
        };
        let target = match self.panel_rows.get(self.panel.selected) {
            Some(&PanelRow::Entity(e)) => {
                // The next mention after the cursor line, wrapping to the first.
                let here = self.lines().get(self.cursor).map_or(0, |l| l.char_end);
                let mentions = &entry.analysis.entities[e].mentions;
                mentions
                    .iter()
                    .find(|m| m.start >= here)
                    .or_else(|| mentions.first())
                    .map(|m| m.start)
            }
            Some(&PanelRow::Claim(c)) => Some(entry.analysis.claims[c].start),
            _ => None,
        };
        if let Some(ch) = target {
            self.cursor = self.line_of_char(ch);
            self.clamp_article();
        }
    }

    fn resize_pane(&mut self, delta: i16) {
        let adjust = |w: &mut u16, d: i16| {
            *w = w.saturating_add_signed(d).clamp(
                *gloss::config::PANE_WIDTHS.start(),
                *gloss::config::PANE_WIDTHS.end(),
            );
        };
        match self.focus {
            Pane::Sources => adjust(&mut self.layout.sources_width, delta),
            Pane::Panel => adjust(&mut self.layout.panel_width, delta),
            Pane::Article => adjust(&mut self.layout.panel_width, -delta),
        }
    }

    fn run_search(&mut self) {
        let Some(entry) = self.current_entry() else {
            return;
        };
        let matches = find_all(&entry.article.body, &self.search.query);
        let here = self.cursor_char().unwrap_or(0);
        self.search.current = matches
            .iter()
            .position(|m| m.0 >= here)
            .or(if matches.is_empty() { None } else { Some(0) });
        self.search.matches = matches;
        if self.search.matches.is_empty() {
            self.cursor = self.search.origin;
        }
        self.show_current_match();
    }

    fn step_match(&mut self, forward: bool) {
        let n = self.search.matches.len();
        if n == 0 {
            self.message = Some(if self.search.query.is_empty() {
                "no search: press / to search".to_owned()
            } else {
                format!("no match for “{}”", self.search.query)
            });
            return;
        }
        let cur = self.search.current.unwrap_or(0);
        self.search.current = Some(if forward {
            (cur + 1) % n
        } else {
            (cur + n - 1) % n
        });
        self.show_current_match();
    }

    fn show_current_match(&mut self) {
        if let Some(&(start, _)) = self.search.current.and_then(|i| self.search.matches.get(i)) {
            self.cursor = self.line_of_char(start);
            self.clamp_article();
            self.message = None;
        }
    }

    fn mouse(&mut self, mouse: Mouse) {
        // The search prompt keeps the keyboard and the mouse until it is closed.
        if !self.mouse || self.search.typing {
            return;
        }
        let (column, row) = match mouse {
            Mouse::ScrollDown { column, row }
            | Mouse::ScrollUp { column, row }
            | Mouse::Click { column, row } => (column, row),
        };
        let l = layout::compute(self);
        let hit =
            |r: Option<ratatui::layout::Rect>| r.is_some_and(|r| r.contains((column, row).into()));
        let pane = if hit(l.sources) {
            Pane::Sources
        } else if hit(l.panel) {
            Pane::Panel
        } else if hit(Some(l.article)) {
            Pane::Article
        } else {
            return;
        };
        match mouse {
            Mouse::ScrollDown { .. } | Mouse::ScrollUp { .. } => {
                let delta: isize = if matches!(mouse, Mouse::ScrollDown { .. }) {
                    3
                } else {
                    -3
                };
                if pane == Pane::Article {
                    // The wheel moves the view; the cursor follows only if it leaves it.
                    let total = self.lines().len();
                    let rows = self.article_rows().max(1);
                    self.scroll = step(self.scroll, delta, total.saturating_sub(rows) + 1);
                    let last_visible = (self.scroll + rows - 1).min(total.saturating_sub(1));
                    self.cursor = self.cursor.max(self.scroll).min(last_visible);
                } else {
                    let focus = self.focus;
                    self.focus = pane;
                    self.move_by(delta);
                    self.focus = focus;
                }
            }
            Mouse::Click { .. } => {
                self.focus = pane;
                let area = match pane {
                    Pane::Sources => l.sources.map(inner),
                    Pane::Panel => l.panel.map(inner),
                    Pane::Article => Some(l.article_text),
                };
                if let Some(area) = area.filter(|a| row >= a.y && row < a.y + a.height) {
                    let offset = usize::from(row - area.y);
                    match pane {
                        Pane::Sources => {
                            let i = self.sources.offset + offset;
                            if i < self.source_rows.len() {
                                self.sources.selected = i;
                            }
                        }
                        Pane::Panel => {
                            let i = self.panel.offset + offset;
                            if matches!(
                                self.panel_rows.get(i),
                                Some(PanelRow::Entity(_) | PanelRow::Claim(_))
                            ) {
                                self.panel.selected = i;
                            }
                        }
                        Pane::Article => {
                            let i = self.scroll + offset;
                            if i < self.lines().len() {
                                self.cursor = i;
                            }
                        }
                    }
                }
            }
        }
    }

    pub(crate) fn add_entries(&mut self, entries: Vec<crate::tui::app::ArticleEntry>) {
        let first_batch = self.entries.is_empty();
        let articles: Vec<_> = entries.iter().map(|e| e.article.clone()).collect();
        let from = self.entries.len();
        self.entries.extend(entries);
        for entry in &mut self.entries[from..] {
            entry.read |= self.read_state.is_read(&entry.article.id);
        }
        self.index_entries(&(from..self.entries.len()).collect::<Vec<_>>());
        // Keep the selection on the same outlet or article as rows are inserted above
        // it; outlet indices move, so an outlet is remembered by name.
        let selected = self
            .source_rows
            .get(self.sources.selected)
            .and_then(|row| match *row {
                // Saved queries stay at the top: their rows do not move.
                SourceRow::Saved(_) => None,
                SourceRow::Source(si) => Some(Err(self.library.sources[si].name.clone())),
                SourceRow::Article(a) => Some(Ok(a)),
            });
        self.library.extend(articles);
        self.rebuild_source_rows();
        let library = &self.library;
        if let Some(row) = selected.and_then(|sel| {
            self.source_rows.iter().position(|r| match (r, &sel) {
                (SourceRow::Article(a), Ok(b)) => a == b,
                (SourceRow::Source(si), Err(name)) => library.sources[*si].name == *name,
                _ => false,
            })
        }) {
            self.sources.selected = row;
        }
        if first_batch && self.current.is_none() {
            // Open the newest article of the first outlet, so the screen is never empty.
            if let Some(pos) = self
                .source_rows
                .iter()
                .position(|r| matches!(r, SourceRow::Article(_)))
            {
                if let SourceRow::Article(a) = self.source_rows[pos] {
                    self.sources.selected = pos;
                    self.open_article(a);
                }
            }
        }
    }

    /// Returns how many files were skipped, for the status line.
    pub fn skipped(&self) -> usize {
        self.report
            .notes
            .iter()
            .filter(|n| n.level == NoteLevel::Skipped)
            .count()
    }
}

/// Moves `pos` by `delta` within `0..len`.
fn step(pos: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    pos.saturating_add_signed(delta).min(len - 1)
}

/// Finds every case-insensitive occurrence of `query` in `body`, as character ranges.
pub fn find_all(body: &str, query: &str) -> Vec<(usize, usize)> {
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let hay: Vec<char> = body.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == needle[..] {
            out.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::tui::app::testing::{app_with, app_with_config, article, press, type_text};
    use gloss::config::Config;

    fn two_outlets() -> Vec<gloss::corpus::Article> {
        let long: String = (1..=80).fold(String::new(), |mut out, n| {
            let _ = write!(
                out,
                "Paragraph {n} says the Calder Port Authority met the union.\n\n"
            );
            out
        });
        vec![
            article(
                "ledger/talks.md",
                "Ledger Daily",
                "---\ntitle: Talks stall\ndate: 2026-03-02\n---\nUnion chair Mara Quint called the offer “an insult to every crew on the quay,” on Monday.\n\nQuint said the Calder Port Authority would spend $40 million on cranes.",
            ),
            article("wire/long.txt", "Wire Weekly", &format!("A long report\n\n{long}")),
        ]
    }

    #[test]
    fn opens_the_first_article_and_moves_focus_with_tab_and_h_l() {
        let mut app = app_with(two_outlets(), (120, 40));
        assert_eq!(
            app.current_entry().map(|e| e.article.meta.title.as_str()),
            Some("Talks stall")
        );
        assert_eq!(app.focus, Pane::Sources);
        press(&mut app, "tab");
        assert_eq!(app.focus, Pane::Article);
        press(&mut app, "tab");
        assert_eq!(app.focus, Pane::Panel);
        press(&mut app, "tab");
        assert_eq!(app.focus, Pane::Sources);
        press(&mut app, "shift-tab");
        assert_eq!(app.focus, Pane::Panel);
        press(&mut app, "h h h");
        assert_eq!(app.focus, Pane::Sources);
        press(&mut app, "l");
        assert_eq!(app.focus, Pane::Article);
    }

    #[test]
    fn enter_opens_the_selected_article_and_marks_it_read() {
        let mut app = app_with(two_outlets(), (120, 40));
        // Rows: Ledger Daily, Talks stall, Wire Weekly, A long report.
        press(&mut app, "j j j");
        assert_eq!(app.sources.selected, 3);
        assert!(!app.entries[1].read);
        press(&mut app, "enter");
        assert_eq!(app.current, Some(1));
        assert!(app.entries[1].read);
        assert_eq!(app.focus, Pane::Article);
        // Enter on an outlet folds it.
        press(&mut app, "h g g enter");
        assert_eq!(app.source_rows.len(), 3);
    }

    #[test]
    fn article_cursor_scrolls_by_lines_pages_and_ends() {
        let mut app = app_with(two_outlets(), (120, 40));
        press(&mut app, "G enter");
        assert_eq!(app.current, Some(1));
        let total = app.lines().len();
        let rows = app.article_rows();
        assert!(total > rows * 2, "the long article needs several pages");
        press(&mut app, "j j");
        assert_eq!(app.cursor, 2);
        press(&mut app, "ctrl-d");
        assert_eq!(app.cursor, 2 + rows / 2);
        press(&mut app, "ctrl-u");
        assert_eq!(app.cursor, 2);
        press(&mut app, "pagedown");
        assert_eq!(app.cursor, 2 + rows);
        assert!(app.scroll > 0 && app.cursor < app.scroll + rows);
        press(&mut app, "G");
        assert_eq!(app.cursor, total - 1);
        assert_eq!(app.scroll, total - rows);
        press(&mut app, "g g");
        assert_eq!((app.cursor, app.scroll), (0, 0));
        press(&mut app, "end");
        assert_eq!(app.cursor, total - 1);
        press(&mut app, "home");
        assert_eq!(app.cursor, 0);
        press(&mut app, "down down up");
        assert_eq!(app.cursor, 1);
    }

    #[test]
    fn a_broken_sequence_starts_over_from_its_last_key() {
        let mut app = app_with(two_outlets(), (120, 40));
        press(&mut app, "tab G");
        let bottom = app.cursor;
        press(&mut app, "g");
        assert_eq!(app.pending.len(), 1);
        press(&mut app, "k");
        assert!(app.pending.is_empty());
        assert_eq!(app.cursor, bottom - 1);
    }

    #[test]
    fn search_highlights_matches_and_n_moves_between_them() {
        let mut app = app_with(two_outlets(), (120, 40));
        press(&mut app, "tab /");
        assert!(app.search.typing);
        type_text(&mut app, "QUINT");
        assert_eq!(app.search.matches.len(), 2);
        assert_eq!(app.search.current, Some(0));
        press(&mut app, "enter");
        assert!(!app.search.typing);
        press(&mut app, "n");
        assert_eq!(app.search.current, Some(1));
        assert_eq!(app.cursor, app.line_of_char(app.search.matches[1].0));
        press(&mut app, "n");
        assert_eq!(app.search.current, Some(0));
        press(&mut app, "N");
        assert_eq!(app.search.current, Some(1));
        press(&mut app, "esc");
        assert!(app.search.matches.is_empty());
        press(&mut app, "/");
        type_text(&mut app, "zzz");
        press(&mut app, "enter");
        assert_eq!(app.message.as_deref(), Some("no match for “zzz”"));
        press(&mut app, "/");
        type_text(&mut app, "ab");
        press(&mut app, "backspace backspace esc");
        assert!(!app.search.typing && app.search.query.is_empty());
        // Typing moves to the first match; when nothing matches any more, or the
        // search is cancelled, the cursor goes back to where it was.
        press(&mut app, "g g /");
        type_text(&mut app, "calder");
        assert!(app.cursor > 0);
        type_text(&mut app, "zz");
        assert_eq!(app.cursor, 0);
        press(&mut app, "backspace backspace");
        assert!(app.cursor > 0);
        press(&mut app, "esc");
        assert_eq!(app.cursor, 0);
    }

    #[test]
    fn help_toggles_and_q_inside_it_closes_rather_than_quits() {
        let mut app = app_with(two_outlets(), (120, 40));
        press(&mut app, "?");
        assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
        press(&mut app, "j");
        assert_eq!(app.overlay, Some(Overlay::Help { scroll: 1 }));
        let update = press(&mut app, "q");
        assert_eq!(update.effect, None);
        assert!(app.overlay.is_none());
        assert_eq!(press(&mut app, "q").effect, Some(Effect::Quit));
    }

    #[test]
    fn panes_resize_hide_and_zoom() {
        let mut app = app_with(two_outlets(), (120, 40));
        let width = app.layout.sources_width;
        press(&mut app, "> >");
        assert_eq!(app.layout.sources_width, width + 4);
        press(&mut app, "<");
        assert_eq!(app.layout.sources_width, width + 2);
        press(&mut app, "S");
        assert!(!app.layout.show_sources);
        assert_eq!(app.focus, Pane::Article, "focus leaves a hidden pane");
        press(&mut app, "P");
        assert!(!app.layout.show_panel);
        press(&mut app, "Z");
        assert!(app.layout.show_sources && app.layout.show_panel);
        press(&mut app, "Z");
        assert!(!app.layout.show_sources && !app.layout.show_panel);
        press(&mut app, "=");
        assert_eq!(app.layout, app.config_layout);
    }

    #[test]
    fn the_panel_selection_jumps_the_article_to_mentions_and_claims() {
        let mut app = app_with(two_outlets(), (100, 20));
        press(&mut app, "tab tab");
        assert_eq!(app.focus, Pane::Panel);
        let first = app.panel.selected;
        assert!(matches!(app.panel_rows[first], PanelRow::Entity(_)));
        press(&mut app, "G enter");
        let PanelRow::Claim(c) = app.panel_rows[app.panel.selected] else {
            panic!("the last panel row is a claim");
        };
        let claim_start = app
            .current_entry()
            .map(|e| e.analysis.claims[c].start)
            .expect("entry");
        assert_eq!(app.cursor, app.line_of_char(claim_start));
        // Headings are skipped when moving.
        press(&mut app, "g g");
        assert_eq!(app.panel.selected, first);
        press(&mut app, "k");
        assert_eq!(app.panel.selected, first);
    }

    #[test]
    fn the_mouse_scrolls_the_pane_under_it_and_clicks_focus() {
        let mut app = app_with(two_outlets(), (120, 40));
        press(&mut app, "G enter");
        let l = layout::compute(&app);
        let (x, y) = (l.article_text.x + 2, l.article_text.y + 2);
        app.update(Action::Mouse(Mouse::ScrollDown { column: x, row: y }));
        assert_eq!(app.scroll, 3);
        app.update(Action::Mouse(Mouse::ScrollUp { column: x, row: y }));
        assert_eq!(app.scroll, 0);
        let panel = l.panel.expect("panel shown");
        app.update(Action::Mouse(Mouse::Click {
            column: panel.x + 2,
            row: panel.y + 2,
        }));
        assert_eq!(app.focus, Pane::Panel);
        let sources = l.sources.expect("sources shown");
        app.update(Action::Mouse(Mouse::Click {
            column: sources.x + 2,
            row: sources.y + 1,
        }));
        assert_eq!(app.focus, Pane::Sources);
        assert_eq!(app.sources.selected, 0);
    }

    #[test]
    fn user_overrides_change_single_bindings() {
        let text = "[keys.global]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"g g\" = \"bottom\"\n";
        let config = Config::parse(text, std::path::Path::new("config.toml")).expect("config");
        let mut app = app_with_config(&config, text, two_outlets(), (120, 40));
        assert_eq!(press(&mut app, "q").effect, None);
        press(&mut app, "g g");
        assert_eq!(app.sources.selected, app.source_rows.len() - 1);
        assert_eq!(press(&mut app, "x").effect, Some(Effect::Quit));
    }

    #[test]
    fn a_bad_binding_in_config_names_the_line() {
        let text = "[reader]\nmouse = true\n[keys.article]\n\"j\" = \"jump_around\"\n";
        let config = Config::parse(text, std::path::Path::new("/c/config.toml")).expect("config");
        let err = App::new(&config, text, std::path::Path::new("/c/config.toml"), false)
            .err()
            .expect("bad action")
            .to_string();
        assert!(err.contains("/c/config.toml:4"), "{err}");
        assert!(err.contains("'jump_around' is not an action"), "{err}");
        assert!(
            err.contains("toggle_help"),
            "the message lists the actions: {err}"
        );
    }

    #[test]
    fn resizing_keeps_the_cursor_on_the_same_text() {
        let mut app = app_with(two_outlets(), (120, 40));
        press(&mut app, "G enter");
        press(&mut app, "pagedown pagedown");
        let ch = app.cursor_char().expect("cursor");
        app.update(Action::Resized(70, 30));
        let after = app.cursor_char().expect("cursor");
        let line = app.lines()[app.cursor];
        assert!(
            line.char_start <= ch && ch <= line.char_end.max(after),
            "{ch} in {line:?}"
        );
    }

    #[test]
    fn shrinking_the_window_moves_focus_off_a_hidden_pane_and_lists_refill() {
        let (sample, _) = gloss::corpus::load_sample();
        let mut app = app_with(sample, (120, 12));
        press(&mut app, "G");
        assert!(app.sources.offset > 0, "the last row is scrolled into view");
        press(&mut app, "tab tab");
        assert_eq!(app.focus, Pane::Panel);
        app.update(Action::Resized(50, 12));
        assert_eq!(
            app.focus,
            Pane::Article,
            "the panel is hidden at 50 columns"
        );
        app.update(Action::Resized(120, 60));
        assert_eq!(
            app.sources.offset, 0,
            "a list that fits shows from its first row"
        );
    }

    #[test]
    fn folds_stay_with_their_outlet_as_more_articles_arrive() {
        let mut app = app_with(vec![article("b/x.txt", "Bravo", "X\n\nBody.")], (120, 40));
        press(&mut app, "g g space");
        assert!(app.folded.contains("Bravo"));
        app.update(Action::ArticlesLoaded(vec![
            crate::tui::app::ArticleEntry::new(article("a/y.txt", "Alpha", "Y\n\nBody.")),
        ]));
        // Rows: Alpha, its article, Bravo (folded).
        assert_eq!(app.source_rows.len(), 3);
        assert!(matches!(
            app.source_rows[2],
            crate::tui::app::SourceRow::Source(_)
        ));
        assert_eq!(app.sources.selected, 2, "the selection stays on Bravo");
    }

    #[test]
    fn the_mouse_does_not_reach_behind_an_overlay_or_the_prompt() {
        let mut app = app_with(two_outlets(), (120, 40));
        press(&mut app, "?");
        let l = layout::compute(&app);
        let sources = l.sources.expect("sources");
        let selected = app.sources.selected;
        app.update(Action::Mouse(Mouse::Click {
            column: sources.x + 1,
            row: sources.y + 3,
        }));
        assert_eq!(app.sources.selected, selected);
        app.update(Action::Mouse(Mouse::ScrollDown {
            column: 50,
            row: 10,
        }));
        assert_eq!(app.overlay, Some(Overlay::Help { scroll: 3 }));
        press(&mut app, "esc tab /");
        app.update(Action::Mouse(Mouse::Click {
            column: sources.x + 1,
            row: sources.y + 3,
        }));
        assert_eq!(app.focus, Pane::Article);
    }

    #[test]
    fn the_end_of_help_shows_its_last_line() {
        let mut app = app_with(two_outlets(), (100, 20));
        press(&mut app, "? G");
        let (lines, visible) = crate::tui::view::overlay_metrics(&app, app.overlay.expect("help"));
        assert_eq!(
            app.overlay,
            Some(Overlay::Help {
                scroll: lines - visible
            })
        );
        let text = crate::tui::app::testing::screen(&app);
        let last = crate::tui::view::help_last_line(&app);
        assert!(text.contains(&last), "{last:?} on screen:\n{text}");
    }

    #[test]
    fn nothing_is_redrawn_when_nothing_changed() {
        let mut app = app_with(two_outlets(), (120, 40));
        press(&mut app, "g g");
        assert!(!press(&mut app, "k").redraw, "k at the top changes nothing");
        assert!(press(&mut app, "j").redraw);
        assert!(
            !press(&mut app, "x").redraw,
            "an unbound key changes nothing"
        );
        assert!(press(&mut app, "g").redraw, "a pending key is shown");
        assert!(press(&mut app, "g").redraw);
    }

    /// Opens the article of an outlet, as Enter in the source list would.
    fn open_outlet(app: &mut App, outlet: &str) -> usize {
        let i = app
            .entries
            .iter()
            .position(|e| e.article.meta.source.as_deref() == Some(outlet))
            .expect("the outlet has an article");
        app.open_article(i);
        app.focus = Pane::Sources;
        i
    }

    fn three_outlets() -> Vec<gloss::corpus::Article> {
        vec![
            article(
                "a/ledger.md",
                "Ledger Daily",
                "---\ntitle: Talks stall\ndate: 2026-03-02\n---\nThe weather was fine.\n\n“This offer is an insult to every crew on the quay,” said union chair Mara Quint.\n\nThe Calder Port Authority ordered 14 cranes from Halvorsen Lift Systems for $40 million.",
            ),
            article(
                "b/wire.md",
                "Meridian Wire",
                "---\ntitle: Dockworkers reject offer\ndate: 2026-03-03\n---\nUnion chair Mara Quint called the offer “an insult to every crew on the quay”.",
            ),
            article(
                "c/weekly.md",
                "Coastline Business Weekly",
                "---\ntitle: Standoff\ndate: 2026-03-09\n---\nThe Calder Port Authority ordered 14 cranes from Halvorsen Lift Systems in a deal worth $45 million.",
            ),
        ]
    }

    #[test]
    fn enter_on_a_shared_claim_opens_the_claim_view_and_rows_open_their_article() {
        let mut app = app_with(three_outlets(), (120, 40));
        assert!(!app.links.clusters.is_empty());
        let ledger = open_outlet(&mut app, "Ledger Daily");
        assert_eq!(
            app.entries[ledger].article.meta.source.as_deref(),
            Some("Ledger Daily")
        );
        press(&mut app, "tab tab");
        let quote_row = app
            .panel_rows
            .iter()
            .position(|r| matches!(r, PanelRow::Claim(c) if app.entries[ledger].analysis.claims[*c].quote.is_some()))
            .expect("a quote row");
        app.panel.selected = quote_row;
        press(&mut app, "enter");
        let Some(Overlay::Claim { cluster, selected }) = app.overlay else {
            panic!("the claim view opens: {:?}", app.overlay);
        };
        assert_eq!(app.links.clusters[cluster].members.len(), 2);
        assert_eq!(selected, 0, "the open article's own row is selected");
        press(&mut app, "j enter");
        assert!(app.overlay.is_none());
        let wire = app.current.expect("open");
        assert_eq!(
            app.entries[wire].article.meta.source.as_deref(),
            Some("Meridian Wire")
        );
        assert_eq!(app.focus, Pane::Article);
        assert!(
            matches!(app.panel_rows[app.panel.selected], PanelRow::Claim(_)),
            "the sentence is highlighted"
        );
        press(&mut app, "ctrl-o");
        assert_eq!(app.current, Some(ledger));
        assert_eq!(app.focus, Pane::Panel);
        press(&mut app, "ctrl-o");
        assert_eq!(app.message.as_deref(), Some("nothing to go back to"));
    }

    #[test]
    fn brackets_follow_the_claim_opened_even_on_a_line_shared_with_another() {
        let mut app = app_with(
            vec![
                article(
                    "a/ledger.md",
                    "Ledger Daily",
                    "---\ntitle: Talks stall\ndate: 2026-03-02\n---\n“This offer is an insult to every crew on the quay,” said union chair Mara Quint.\n\nThe Calder Port Authority ordered 14 cranes from Halvorsen Lift Systems for $40 million.",
                ),
                article(
                    "b/wire.md",
                    "Meridian Wire",
                    "---\ntitle: Dockworkers reject offer\ndate: 2026-03-03\n---\n“An insult to every crew,” Quint said. The Calder Port Authority ordered 14 cranes from Halvorsen Lift Systems for $40 million.",
                ),
                article(
                    "c/weekly.md",
                    "Coastline Business Weekly",
                    "---\ntitle: Standoff\ndate: 2026-03-09\n---\nThe Calder Port Authority ordered 14 cranes from Halvorsen Lift Systems in a deal worth $40 million.",
                ),
            ],
            (120, 40),
        );
        let figure = app
            .links
            .clusters
            .iter()
            .position(|c| c.kind == gloss::links::LinkKind::Figure)
            .expect("a figure cluster");
        assert_eq!(app.links.clusters[figure].members.len(), 3);
        let wire_row = app.links.clusters[figure]
            .members
            .iter()
            .position(|m| {
                app.entries[m.article].article.meta.source.as_deref() == Some("Meridian Wire")
            })
            .expect("the wire carries it");
        app.overlay = Some(Overlay::Claim {
            cluster: figure,
            selected: wire_row,
        });
        press(&mut app, "enter");
        // The figure's sentence starts on the line where the quote ends.
        let wire = app.current.expect("open");
        let (_, quote) = app.selected_claim().expect("a claim under the cursor");
        assert!(
            app.entries[wire].analysis.claims[quote].quote.is_some(),
            "the line under the cursor also holds the quote"
        );
        press(&mut app, "]");
        let next = app.current.expect("open");
        assert_eq!(
            app.entries[next].article.meta.source.as_deref(),
            Some("Coastline Business Weekly"),
            "] follows the figure, not the quote on the same line"
        );
        assert_eq!(app.message.as_deref(), Some("source 3 of 3"));
        press(&mut app, "[ [");
        assert_eq!(app.message.as_deref(), Some("source 1 of 3"));
    }

    #[test]
    fn brackets_step_through_the_sources_of_the_claim_under_the_cursor() {
        let mut app = app_with(three_outlets(), (120, 40));
        let ledger = open_outlet(&mut app, "Ledger Daily");
        press(&mut app, "tab G ]");
        let next = app.current.expect("open");
        assert_eq!(
            app.entries[next].article.meta.source.as_deref(),
            Some("Coastline Business Weekly")
        );
        assert_eq!(app.message.as_deref(), Some("source 2 of 2"));
        press(&mut app, "[");
        assert_eq!(app.current, Some(ledger));
        press(&mut app, "backspace backspace");
        assert_eq!(app.current, Some(ledger));
        assert!(app.history.is_empty());
    }

    #[test]
    fn the_board_lists_shared_claims_and_opens_their_view() {
        let mut app = app_with(three_outlets(), (120, 40));
        press(&mut app, "B");
        assert_eq!(app.overlay, Some(Overlay::Board { selected: 0 }));
        let text = crate::tui::app::testing::screen(&app);
        assert!(
            text.contains("Claims board") && text.contains('●'),
            "{text}"
        );
        press(&mut app, "enter");
        assert!(matches!(
            app.overlay,
            Some(Overlay::Claim { cluster: 0, .. })
        ));
        let text = crate::tui::app::testing::screen(&app);
        assert!(
            text.contains("Meridian Wire · 2026-03-03")
                || text.contains("Coastline Business Weekly · 2026-03-09"),
            "{text}"
        );
    }

    #[test]
    fn a_disagreement_is_marked_in_the_panel_and_named_in_the_claim_view() {
        let mut app = app_with(three_outlets(), (140, 40));
        open_outlet(&mut app, "Ledger Daily");
        let text = crate::tui::app::testing::screen(&app);
        assert!(text.contains("×2 ⚠"), "{text}");
        press(&mut app, "B");
        let row = app
            .links
            .clusters
            .iter()
            .position(|c| c.disagreement.is_some())
            .expect("disagreement");
        for _ in 0..row {
            press(&mut app, "j");
        }
        press(&mut app, "enter");
        let text = crate::tui::app::testing::screen(&app);
        assert!(
            text.contains("sources differ") && text.contains("$45 million"),
            "{text}"
        );
    }

    #[test]
    fn an_entity_lists_the_other_articles_that_mention_it() {
        let mut app = app_with(three_outlets(), (120, 40));
        open_outlet(&mut app, "Ledger Daily");
        press(&mut app, "tab tab");
        let quint = app
            .panel_rows
            .iter()
            .position(|r| matches!(r, PanelRow::Entity(e) if app.current_entry().is_some_and(|x| x.analysis.entities[*e].name == "Mara Quint")))
            .expect("Mara Quint");
        app.panel.selected = quint;
        press(&mut app, "o");
        assert!(matches!(app.overlay, Some(Overlay::Mentions { .. })));
        press(&mut app, "enter");
        let other = app.current.expect("open");
        assert_eq!(
            app.entries[other].article.meta.source.as_deref(),
            Some("Meridian Wire")
        );
    }

    #[test]
    fn find_all_is_case_insensitive_and_counts_characters() {
        assert_eq!(find_all("Ünïcode ünïcode", "ÜNÏ"), vec![(0, 3), (8, 11)]);
        assert!(find_all("abc", "").is_empty());
    }
}
