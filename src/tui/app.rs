//! The reader's state. It changes only in `update.rs`; the view borrows it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use gloss::analysis::{Analysis, EntityKind};
use gloss::config::keymap::KeyChord;
use gloss::config::{Config, ConfigError, Keymap, LayoutConfig};
use gloss::corpus::{Article, Library, LoadReport};

use crate::tui::action::Action;
use crate::tui::theme::Styles;
use crate::tui::wrap::{wrap, WrappedLine};

/// The default keymap, embedded so gloss works from any directory.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Sources,
    Article,
    Panel,
}

impl Pane {
    /// Returns the keymap context of the pane.
    pub fn context(self) -> &'static str {
        match self {
            Self::Sources => "sources",
            Self::Article => "article",
            Self::Panel => "panel",
        }
    }
}

/// An overlay drawn over the panes, with its scroll position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Messages {
        scroll: usize,
    },
    /// Every source of one claim cluster, with a selected row.
    Claim {
        cluster: usize,
        selected: usize,
    },
    /// Every multi-source claim of the corpus, with a selected row.
    Board {
        selected: usize,
    },
    /// The other articles that mention an entity of the open article.
    Mentions {
        entity: usize,
        selected: usize,
    },
    /// The open article's annotations.
    Annotations {
        selected: usize,
    },
    /// The open article's numbered links.
    Links {
        selected: usize,
    },
}

/// A place the reader jumped from, to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jump {
    pub article: usize,
    pub cursor: usize,
    pub scroll: usize,
    pub focus: Pane,
}

/// What kind of highlight a stretch of article text carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Entity(EntityKind),
    Claim,
}

/// A highlighted stretch of the body, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

/// An article with its analysis and the marks drawn from it.
#[derive(Debug, Clone)]
pub struct ArticleEntry {
    pub article: Article,
    pub analysis: Analysis,
    /// Entity mentions, sorted by start.
    pub entity_marks: Vec<Mark>,
    /// Claim sentences, sorted by start.
    pub claim_marks: Vec<Mark>,
    /// Opened at least once this session.
    pub read: bool,
}

impl ArticleEntry {
    /// Analyses an article and prepares its marks.
    pub fn new(article: Article) -> Self {
        let context = gloss::analysis::Context::of(&article);
        Self::with_analysis(
            gloss::analysis::analyze_with(&article.body, &context),
            article,
        )
    }

    /// Analyses an article, turning a failure of the analysis into a message instead
    /// of losing the article: it is then shown without marks.
    pub fn analysed_safely(
        article: Article,
        cache: Option<&gloss::analysis::AnalysisCache>,
    ) -> (Self, Option<String>) {
        let context = gloss::analysis::Context::of(&article);
        let analysed = std::panic::catch_unwind(|| {
            gloss::analysis::analyze_cached(cache, &article.body, &context)
        });
        match analysed {
            Ok(analysis) => (Self::with_analysis(analysis, article), None),
            Err(_) => (
                Self::with_analysis(Analysis::default(), article),
                Some("the analysis failed on this article; it is shown without entities or claims (details in gloss.log)".to_owned()),
            ),
        }
    }

    fn with_analysis(analysis: Analysis, article: Article) -> Self {
        let mut entity_marks: Vec<Mark> = analysis
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions.iter().map(|m| Mark {
                    start: m.start,
                    end: m.end,
                    kind: MarkKind::Entity(e.kind),
                })
            })
            .collect();
        entity_marks.sort_by_key(|m| (m.start, m.end));
        let mut claim_marks: Vec<Mark> = analysis
            .claims
            .iter()
            .map(|c| Mark {
                start: c.start,
                end: c.end,
                kind: MarkKind::Claim,
            })
            .collect();
        claim_marks.sort_by_key(|m| (m.start, m.end));
        Self {
            article,
            analysis,
            entity_marks,
            claim_marks,
            read: false,
        }
    }
}

/// A row of the source list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceRow {
    /// A saved query, by index into `App::saved`.
    Saved(usize),
    /// An outlet, by index into the library's sources.
    Source(usize),
    /// An article, by index into the library's articles.
    Article(usize),
}

/// A row of the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelRow {
    /// A heading: an entity kind, or the claims (`None`).
    Heading(Option<EntityKind>),
    /// An entity, by index into the analysis.
    Entity(usize),
    /// A claim, by index into the analysis.
    Claim(usize),
}

/// A list's selection and scroll offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
}

/// The search in the open article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What was typed.
    pub query: String,
    /// Match ranges in characters, in order.
    pub matches: Vec<(usize, usize)>,
    /// The match the cursor is on.
    pub current: Option<usize>,
    /// The prompt is open for typing.
    pub typing: bool,
    /// The cursor line when the search began, to return to when nothing matches or
    /// the search is cancelled.
    pub origin: usize,
}

/// Pane sizes and visibility, changed with keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutState {
    pub sources_width: u16,
    pub panel_width: u16,
    pub show_sources: bool,
    pub show_panel: bool,
}

impl From<&LayoutConfig> for LayoutState {
    fn from(c: &LayoutConfig) -> Self {
        Self {
            sources_width: c.sources_width,
            panel_width: c.panel_width,
            show_sources: c.show_sources,
            show_panel: c.show_panel,
        }
    }
}

/// The open article's wrapped text at the current width.
#[derive(Debug, Clone)]
pub struct Wrapped {
    pub width: u16,
    pub lines: Arc<Vec<WrappedLine>>,
}

/// Everything the screen shows, in a form that is cheap to compare: when an update
/// leaves it unchanged, nothing is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewKey {
    focus: Pane,
    current: Option<usize>,
    cursor: usize,
    scroll: usize,
    sources: ListState,
    panel: ListState,
    overlay: Option<Overlay>,
    layout: LayoutState,
    size: (u16, u16),
    search: (bool, String, Option<usize>, usize),
    pending: usize,
    message: Option<String>,
    loading: bool,
    linked: bool,
    articles: usize,
    rows: usize,
    point: usize,
    mark: Option<usize>,
    prompt: Option<crate::tui::annotate::Prompt>,
    annotations: usize,
    undo: usize,
    filter: Option<(String, usize)>,
}

/// The whole state of the reader.
// Loading, linking, relinking and the mouse are independent facts, not a state machine.
#[allow(clippy::struct_excessive_bools)]
pub struct App {
    pub keymap: Keymap<Action>,
    pub styles: Styles,
    pub config_layout: LayoutState,
    pub layout: LayoutState,
    pub library: Library,
    pub entries: Vec<ArticleEntry>,
    pub source_rows: Vec<SourceRow>,
    /// Outlets folded shut, by name (indices move as outlets arrive).
    pub folded: std::collections::HashSet<String>,
    pub sources: ListState,
    pub focus: Pane,
    pub current: Option<usize>,
    pub panel_rows: Vec<PanelRow>,
    pub panel: ListState,
    /// The article cursor: a wrapped line index.
    pub cursor: usize,
    /// The first wrapped line shown.
    pub scroll: usize,
    pub wrapped: Option<Wrapped>,
    /// Wrapped lines by (article, width), so switching back never re-wraps.
    pub wrap_cache: HashMap<(usize, u16), Arc<Vec<WrappedLine>>>,
    pub search: Search,
    pub overlay: Option<Overlay>,
    pub pending: Vec<KeyChord>,
    pub size: (u16, u16),
    pub loading: bool,
    pub report: LoadReport,
    pub message: Option<String>,
    pub mouse: bool,
    /// The same claims across sources, once the corpus is linked.
    pub links: gloss::links::Links,
    /// Where jumps came from, most recent last.
    pub history: Vec<Jump>,
    /// The cluster the reader is following and the member last opened (article,
    /// claim): `]` and `[` step through it while the cursor stays on that sentence,
    /// even when the sentence shares a line with another claim or states two facts.
    pub following: Option<(usize, usize, usize)>,
    /// The claims have been linked across sources (the loader does it last).
    pub linked: bool,
    /// The reader's annotations (in memory; the loop writes changed files).
    pub store: gloss::annotations::Store,
    /// The article cursor's character: where word and sentence moves start.
    pub point: usize,
    /// Where the selection started (`v`), when one is being made.
    pub mark: Option<usize>,
    /// The tag, note or filter prompt, when open.
    pub prompt: Option<crate::tui::annotate::Prompt>,
    /// The article a tag or note prompt was opened on.
    pub prompt_for: Option<String>,
    /// An export the prompt asked for (format, scope), for the loop to write.
    pub export_request: Option<(gloss::export::select::Format, usize)>,
    /// Annotation changes of this session, for `u` and `Ctrl-r`.
    pub undo: Vec<crate::tui::annotate::Change>,
    pub redo: Vec<crate::tui::annotate::Change>,
    /// Articles whose annotation files must be written after this update.
    pub to_save: Vec<String>,
    /// The open article's annotations, placed in its text.
    pub placed: Vec<crate::tui::annotate::Placed>,
    /// The open article's sentences, in characters.
    pub sentences: Vec<(usize, usize)>,
    /// Show only articles carrying this tag.
    pub filter: Option<crate::tui::find::Filter>,
    /// Tags of keys 1–9.
    pub quick_tags: Vec<String>,
    /// Styles of tagged passages, by tag.
    pub tag_styles: HashMap<String, ratatui::style::Style>,
    /// What the store said about damaged files, shown with the load messages.
    pub store_notes: Vec<gloss::corpus::LoadNote>,
    /// The configured feed subscriptions.
    pub feeds: Vec<gloss::config::FeedConfig>,
    /// Feeds the loop should refresh.
    pub refresh_request: Option<Vec<gloss::config::FeedConfig>>,
    /// How the refresh in progress is going.
    pub refreshing: Option<crate::tui::feeds::Refreshing>,
    /// Claims should be linked again (articles arrived or changed).
    pub relink: bool,
    /// A link the loop should open with the system's opener.
    pub open_request: Option<String>,
    /// Every sentence of the library, for `s` (find anywhere).
    pub index: gloss::search::SearchIndex,
    /// How many other articles mention each entity of the open article (by entity).
    pub elsewhere: Vec<usize>,
    /// Saved queries (`[[query]]` in config.toml), listed first in the source list,
    /// with how many articles each matches.
    pub saved: Vec<gloss::config::SavedQuery>,
    pub saved_counts: Vec<usize>,
    /// Which articles the reader has read (kept in the data folder by the loop).
    pub read_state: gloss::annotations::ReadState,
    /// A query the loop should save to config.toml.
    pub save_request: Option<gloss::config::SavedQuery>,
    /// The search whose results the export prompt's "the search" scope writes.
    pub export_search: Option<String>,
    /// Where the configuration lives (saved queries are written there).
    pub config_path: std::path::PathBuf,
    /// Today, for queries that count days back (`since:7d`).
    pub today: gloss::text::Date,
}

impl App {
    /// Builds the reader from the configuration; `config_text` and `config_path` are
    /// used to point at the line of a bad key binding.
    pub fn new(
        config: &Config,
        config_text: &str,
        config_path: &Path,
        no_color: bool,
    ) -> Result<Self, ConfigError> {
        let mut keymap: Keymap<Action> =
            Keymap::from_toml(DEFAULT_KEYMAP, Path::new("assets/keymap.toml"))?;
        keymap.apply_overrides(&config.keys, config_text, config_path)?;
        let layout = LayoutState::from(&config.layout);
        Ok(Self {
            keymap,
            styles: Styles::new(&config.theme, no_color),
            config_layout: layout,
            layout,
            library: Library::default(),
            entries: Vec::new(),
            source_rows: Vec::new(),
            folded: std::collections::HashSet::new(),
            sources: ListState::default(),
            focus: Pane::Sources,
            current: None,
            panel_rows: Vec::new(),
            panel: ListState::default(),
            cursor: 0,
            scroll: 0,
            wrapped: None,
            wrap_cache: HashMap::new(),
            search: Search::default(),
            overlay: None,
            pending: Vec::new(),
            size: (80, 24),
            loading: true,
            report: LoadReport::default(),
            message: None,
            mouse: config.reader.mouse,
            links: gloss::links::Links::default(),
            index: gloss::search::SearchIndex::default(),
            saved: config.query.clone(),
            saved_counts: Vec::new(),
            elsewhere: Vec::new(),
            save_request: None,
            read_state: gloss::annotations::ReadState::in_memory(),
            export_search: None,
            config_path: config_path.to_path_buf(),
            today: gloss::text::Date::today(),
            history: Vec::new(),
            following: None,
            linked: false,
            store: gloss::annotations::Store::in_memory(),
            point: 0,
            mark: None,
            prompt: None,
            prompt_for: None,
            export_request: None,
            undo: Vec::new(),
            redo: Vec::new(),
            to_save: Vec::new(),
            placed: Vec::new(),
            sentences: Vec::new(),
            filter: None,
            store_notes: Vec::new(),
            feeds: config.feed.clone(),
            refresh_request: None,
            refreshing: None,
            relink: false,
            open_request: None,
            quick_tags: config.annotations.quick_tags.clone(),
            tag_styles: config
                .annotations
                .tag_styles
                .iter()
                .map(|(tag, spec)| (tag.clone(), crate::tui::theme::style_of(*spec, no_color)))
                .collect(),
        })
    }

    /// Returns what the screen shows, to decide whether an update needs a redraw.
    pub fn view_key(&self) -> ViewKey {
        ViewKey {
            focus: self.focus,
            current: self.current,
            cursor: self.cursor,
            scroll: self.scroll,
            sources: self.sources,
            panel: self.panel,
            overlay: self.overlay,
            layout: self.layout,
            size: self.size,
            search: (
                self.search.typing,
                self.search.query.clone(),
                self.search.current,
                self.search.matches.len(),
            ),
            pending: self.pending.len(),
            message: self.message.clone(),
            loading: self.loading,
            linked: self.linked,
            articles: self.entries.len(),
            rows: self.source_rows.len(),
            point: self.point,
            mark: self.mark,
            prompt: self.prompt.clone(),
            annotations: self.placed.len(),
            undo: self.undo.len() + self.redo.len(),
            filter: self
                .filter
                .as_ref()
                .map(|f| (f.text.clone(), f.articles.len())),
        }
    }

    /// Returns the claim the reader means: the one selected in the side panel, else
    /// the one under the article cursor.
    pub fn selected_claim(&self) -> Option<(usize, usize)> {
        let current = self.current?;
        if let Some(&PanelRow::Claim(c)) = self.panel_rows.get(self.panel.selected) {
            if self.focus == Pane::Panel {
                return Some((current, c));
            }
        }
        let line = self.lines().get(self.cursor)?;
        let claims = &self.entries[current].analysis.claims;
        claims
            .iter()
            .position(|c| {
                c.start < line.char_end.max(line.char_start + 1) && c.end > line.char_start
            })
            .or_else(|| match self.panel_rows.get(self.panel.selected) {
                Some(&PanelRow::Claim(c)) => Some(c),
                _ => None,
            })
            .map(|c| (current, c))
    }

    /// Returns the other articles that mention entity `e` of the open article: an
    /// entity of the same kind whose names hold all the words of this one's name
    /// (for a person, of the surname), as the search index has them.
    pub fn mentions_elsewhere(&self, e: usize) -> Vec<usize> {
        let Some(current) = self.current else {
            return Vec::new();
        };
        let Some(entity) = self.entries[current].analysis.entities.get(e) else {
            return Vec::new();
        };
        let key = if entity.kind == gloss::analysis::EntityKind::Person {
            entity.name.rsplit(' ').next().unwrap_or(&entity.name)
        } else {
            &entity.name
        };
        let mut found = self
            .index
            .mentioning(&gloss::search::words(key), Some(entity.kind));
        found.retain(|&i| i != current && i < self.entries.len());
        found
    }

    /// Returns the open article, if any.
    pub fn current_entry(&self) -> Option<&ArticleEntry> {
        self.current.and_then(|i| self.entries.get(i))
    }

    /// Rebuilds the source list rows from the library and the folded outlets.
    pub fn rebuild_source_rows(&mut self) {
        self.refresh_filter();
        self.count_saved();
        self.source_rows.clear();
        self.source_rows
            .extend((0..self.saved.len()).map(SourceRow::Saved));
        for (si, source) in self.library.sources.iter().enumerate() {
            self.source_rows.push(SourceRow::Source(si));
            if !self.folded.contains(&source.name) {
                let shown: Vec<SourceRow> = source
                    .articles
                    .iter()
                    .filter(|&&a| self.article_matches_filter(a))
                    .map(|&a| SourceRow::Article(a))
                    .collect();
                if shown.is_empty() && self.filter.is_some() {
                    self.source_rows.pop();
                }
                self.source_rows.extend(shown);
            }
        }
        if self.sources.selected >= self.source_rows.len() {
            self.sources.selected = self.source_rows.len().saturating_sub(1);
        }
    }

    /// Rebuilds the side panel rows for the open article.
    pub fn rebuild_panel_rows(&mut self) {
        self.panel_rows.clear();
        let Some(entry) = self.current_entry() else {
            return;
        };
        let mut rows = Vec::new();
        let mut last_kind = None;
        for (i, e) in entry.analysis.entities.iter().enumerate() {
            if last_kind != Some(e.kind) {
                rows.push(PanelRow::Heading(Some(e.kind)));
                last_kind = Some(e.kind);
            }
            rows.push(PanelRow::Entity(i));
        }
        if !entry.analysis.claims.is_empty() {
            rows.push(PanelRow::Heading(None));
            rows.extend((0..entry.analysis.claims.len()).map(PanelRow::Claim));
        }
        self.panel_rows = rows;
        self.count_elsewhere();
        self.panel = ListState::default();
        if let Some(first) = self
            .panel_rows
            .iter()
            .position(|r| !matches!(r, PanelRow::Heading(_)))
        {
            self.panel.selected = first;
        }
    }

    /// Makes sure the open article is wrapped to the article pane's width.
    pub fn ensure_wrapped(&mut self) {
        let Some(current) = self.current else {
            self.wrapped = None;
            return;
        };
        let width = crate::tui::layout::compute(self).article_text.width.max(1);
        if self.wrapped.as_ref().is_some_and(|w| w.width == width) {
            return;
        }
        // Keep the cursor on the same text when the width changes.
        let anchor = self.cursor_char();
        if self.wrap_cache.len() > 64 {
            self.wrap_cache.clear();
        }
        let body = &self.entries[current].article.body;
        let lines = self
            .wrap_cache
            .entry((current, width))
            .or_insert_with(|| Arc::new(wrap(body, width)))
            .clone();
        self.wrapped = Some(Wrapped { width, lines });
        if let Some(ch) = anchor {
            self.cursor = self.line_of_char(ch);
        }
        self.clamp_article();
    }

    /// Returns the wrapped lines of the open article.
    pub fn lines(&self) -> &[WrappedLine] {
        self.wrapped.as_ref().map_or(&[], |w| w.lines.as_slice())
    }

    /// Returns the character offset at the start of the cursor line.
    pub fn cursor_char(&self) -> Option<usize> {
        self.lines().get(self.cursor).map(|l| l.char_start)
    }

    /// Returns the wrapped line that holds character offset `ch`.
    pub fn line_of_char(&self, ch: usize) -> usize {
        let lines = self.lines();
        lines
            .partition_point(|l| l.char_start <= ch)
            .saturating_sub(1)
    }

    /// Returns the number of text rows the article pane shows.
    pub fn article_rows(&self) -> usize {
        usize::from(crate::tui::layout::compute(self).article_text.height)
    }

    /// Keeps the cursor inside the text and the view around the cursor.
    pub fn clamp_article(&mut self) {
        let total = self.lines().len();
        self.cursor = self.cursor.min(total.saturating_sub(1));
        let rows = self.article_rows().max(1);
        if self.cursor < self.scroll {
            self.scroll = self.cursor;
        } else if self.cursor >= self.scroll + rows {
            self.scroll = self.cursor + 1 - rows;
        }
        self.scroll = self.scroll.min(total.saturating_sub(rows));
    }
}

/// Helpers for tests of the reader: an app on given articles, key presses through the
/// real keymap, and the screen as text.
#[cfg(test)]
pub mod testing {
    use std::path::Path;

    use gloss::config::keymap::KeySeq;
    use gloss::config::Config;
    use gloss::corpus::{parse_article, Article};
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    use super::{App, ArticleEntry};
    use crate::tui::action::Action;
    use crate::tui::update::Update;

    /// Builds an article from a path (its extension picks the format) and raw text.
    pub fn article(path: &str, source: &str, text: &str) -> Article {
        parse_article(
            &gloss::corpus::article_id(path),
            path,
            Some(source),
            text.as_bytes(),
        )
        .expect("test article loads")
        .0
    }

    /// Returns an app of the given size with default configuration and these articles.
    pub fn app_with(articles: Vec<Article>, size: (u16, u16)) -> App {
        app_with_config(&Config::default(), "", articles, size)
    }

    /// Returns an app with a configuration (its text is used for error lines).
    pub fn app_with_config(
        config: &Config,
        text: &str,
        articles: Vec<Article>,
        size: (u16, u16),
    ) -> App {
        let mut app =
            App::new(config, text, Path::new("config.toml"), false).expect("keymap loads");
        app.update(Action::Resized(size.0, size.1));
        let report = gloss::corpus::LoadReport {
            loaded: articles.len(),
            notes: Vec::new(),
        };
        app.update(Action::ArticlesLoaded(
            articles.into_iter().map(ArticleEntry::new).collect(),
        ));
        app.update(Action::LoadFinished(report));
        // Link the claims as the loader does once everything is in.
        let input: Vec<gloss::links::LinkArticle<'_>> = app
            .entries
            .iter()
            .map(|e| gloss::links::LinkArticle::of(&e.article, &e.analysis))
            .collect();
        let links = gloss::links::link(&input);
        app.update(Action::Linked(Box::new(links)));
        app
    }

    /// Presses keys written as in the keymap, separated by spaces ("j j g g ctrl-d");
    /// returns the last update.
    pub fn press(app: &mut App, keys: &str) -> Update {
        let seq: KeySeq = keys.parse().expect("valid keys");
        let mut last = Update::default();
        for chord in seq.0 {
            last = app.handle_key(chord);
        }
        last
    }

    /// Types text into the open prompt, character by character.
    pub fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Action::InsertChar(c));
        }
    }

    /// Draws the app into a test terminal of its size and returns the screen as text.
    pub fn screen(app: &App) -> String {
        let (w, h) = app.size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        terminal
            .draw(|f| f.render_widget(app, f.area()))
            .expect("draws");
        let buf = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            let mut x = 0;
            while x < buf.area.width {
                let symbol = buf[(x, y)].symbol();
                line.push_str(symbol);
                // A wide glyph covers the next cell too.
                x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1))
                    .unwrap_or(1);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}
