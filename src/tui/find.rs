//! Finding anything in the library from the reader: `s` opens a search over every
//! article, results appear as the query is typed, and Enter opens the article at the
//! matching sentence with the query's words highlighted (`n`/`N` step through them).
//!
//! The index is kept up to date as articles arrive and as feeds bring changed ones
//! (`index_entries`), and learns how widely each claim is carried once claims are
//! linked.

use gloss::search::{Found, IndexArticle, Query, QueryError, Shelf};
use gloss::text::CharIndex;

use crate::tui::action::Action;
use crate::tui::annotate::Prompt;
use crate::tui::app::{App, Pane, Search};

/// The most results kept for the list; the counts cover them all.
pub const MAX_RESULTS: usize = 500;

/// The most sentences one bulk tagging touches; a broader search is narrowed first.
pub const MAX_BULK: usize = 1000;

/// A sentence of an article: the article's index and the sentence's characters.
pub type SentenceAt = (usize, (usize, usize));

/// The search prompt: what was typed, the selected result, and the results (or why
/// the query cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub input: String,
    pub selected: usize,
    pub result: Result<Found, QueryError>,
}

/// The source list's filter: a query, and the articles with a sentence matching it
/// (ascending), worked out again whenever the list is rebuilt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    pub query: Query,
    pub articles: Vec<usize>,
}

impl App {
    /// The library as the index asks for it: the loaded articles (in the order of
    /// `entries`), the annotations, and the session's read marks.
    fn shelf(&self) -> Shelf<'_> {
        Shelf {
            articles: &self.library.articles,
            store: &self.store,
            read: Box::new(|n| self.entries.get(n).is_some_and(|e| e.read)),
            today: self.today,
        }
    }

    /// Indexes these entries (new ones, or ones whose text changed).
    pub(crate) fn index_entries(&mut self, which: &[usize]) {
        let inputs: Vec<(usize, IndexArticle<'_>)> = which
            .iter()
            .filter_map(|&n| {
                let e = self.entries.get(n)?;
                Some((n, IndexArticle::of(&e.article, &e.analysis)))
            })
            .collect();
        self.index.update(&inputs);
        if self.linked {
            self.index.set_links(&self.links);
        }
        self.count_elsewhere();
        self.rerun_find();
    }

    /// Sets the source list's filter from what was typed (empty clears it); a query
    /// that cannot be read leaves the prompt open and says why.
    pub(crate) fn set_filter(&mut self, input: String) {
        if input.trim().is_empty() {
            self.filter = None;
            self.rebuild_source_rows();
            self.message = Some("showing every article".to_owned());
            return;
        }
        match Query::parse(&input) {
            Err(err) => {
                self.message = Some(format!("cannot read the filter: {}", err.message));
                self.prompt = Some(Prompt::Filter { input });
            }
            Ok(query) => {
                self.filter = Some(Filter {
                    text: input,
                    query,
                    articles: Vec::new(),
                });
                self.rebuild_source_rows();
                let shown = self.filter.as_ref().map_or(0, |f| f.articles.len());
                self.message = Some(format!(
                    "showing {shown} of {} articles; F, Ctrl-u, Enter shows all",
                    self.entries.len()
                ));
            }
        }
    }

    /// Works out the filter's articles again (the library or annotations changed).
    pub(crate) fn refresh_filter(&mut self) {
        let Some(query) = self.filter.as_ref().map(|f| f.query.clone()) else {
            return;
        };
        let articles = self.index.articles(&query, &self.shelf());
        if let Some(filter) = self.filter.as_mut() {
            filter.articles = articles;
        }
    }

    /// The annotations on sentences the filter matches: the export's "the filter"
    /// scope.
    pub(crate) fn filter_annotations(&self) -> Vec<String> {
        self.filter.as_ref().map_or_else(Vec::new, |f| {
            self.index.annotations(&f.query, &self.shelf())
        })
    }

    /// The claims were linked across sources: the index learns how widely each is
    /// carried, and what asks that (saved-query counts, the filter, the open search)
    /// is worked out again.
    pub(crate) fn linked(&mut self, links: gloss::links::Links) {
        self.links = links;
        self.linked = true;
        self.index.set_links(&self.links);
        self.rebuild_source_rows();
        self.rerun_find();
    }

    /// Every body sentence the query matches, as (article, character range), for
    /// tagging them all; an error a person can act on when there are too many.
    pub(crate) fn result_sentences(&self, query: &str) -> Result<Vec<SentenceAt>, String> {
        let query = Query::parse_typing(query).map_err(|e| e.message)?;
        let too_many = |n: usize| {
            format!("{n} sentences match: tag at most {MAX_BULK} at once (narrow the search)")
        };
        // Titles match too but are not tagged; an article has one title, so past this
        // many there are surely too many sentences.
        let counted = self.index.search(&query, &self.shelf(), 0);
        if counted.sentences.saturating_sub(counted.articles) > MAX_BULK {
            return Err(too_many(counted.sentences - counted.articles));
        }
        let found = self.index.search(&query, &self.shelf(), usize::MAX);
        let mut out = Vec::new();
        let mut chars: Option<(usize, CharIndex)> = None;
        for hit in &found.hits {
            let (Some(range), Some(entry)) = (hit.sentence.clone(), self.entries.get(hit.article))
            else {
                continue;
            };
            let body = &entry.article.body;
            if chars.as_ref().is_none_or(|(a, _)| *a != hit.article) {
                chars = Some((hit.article, CharIndex::new(body)));
            }
            if let Some((_, index)) = &chars {
                let span = (
                    index.char_of(body, range.start),
                    index.char_of(body, range.end),
                );
                out.push((hit.article, span));
            }
        }
        if out.len() > MAX_BULK {
            return Err(too_many(out.len()));
        }
        Ok(out)
    }

    /// The articles the open search matches (all of them, not only those listed).
    fn result_articles(&self) -> Option<(String, Vec<usize>)> {
        let input = self.find()?.input.clone();
        let query = Query::parse_typing(&input).ok()?;
        Some((input, self.index.articles(&query, &self.shelf())))
    }

    /// Ctrl-r in the search: marks every matching article read.
    fn mark_results_read(&mut self) {
        let Some((_, articles)) = self.result_articles().filter(|(i, _)| !i.trim().is_empty())
        else {
            self.message = Some("type a query first".to_owned());
            return;
        };
        for &a in &articles {
            if let Some(entry) = self.entries.get_mut(a) {
                entry.read = true;
                self.read_state.mark(&entry.article.id);
            }
        }
        self.message = Some(format!(
            "marked {} article{} read",
            articles.len(),
            if articles.len() == 1 { "" } else { "s" }
        ));
        // A filter or saved query may ask for `unread`.
        self.rebuild_source_rows();
        self.rerun_find();
    }

    /// Ctrl-t in the search: the tag prompt, for every matching sentence.
    fn tag_results_prompt(&mut self) {
        let Some(input) = self.find().map(|f| f.input.clone()) else {
            return;
        };
        if input.trim().is_empty() {
            self.message = Some("type a query first".to_owned());
            return;
        }
        self.prompt_for = self.current_entry().map(|e| e.article.id.clone());
        self.prompt = Some(Prompt::Tags {
            input: String::new(),
            subject: crate::tui::annotate::Subject::Results(input),
            choice: 0,
        });
    }

    /// Ctrl-x in the search: the export prompt, scoped to the annotations on the
    /// matching sentences.
    fn export_results(&mut self) {
        let Some(input) = self.find().map(|f| f.input.clone()) else {
            return;
        };
        if input.trim().is_empty() {
            self.message = Some("type a query first".to_owned());
            return;
        }
        self.export_search = Some(input);
        self.prompt = Some(Prompt::Export {
            format: 0,
            scope: crate::tui::export::SEARCH_SCOPE,
        });
    }

    /// The annotations on sentences the last exported search matches.
    pub(crate) fn search_annotations(&self) -> Option<Vec<String>> {
        let query = Query::parse_typing(self.export_search.as_deref()?).ok()?;
        Some(self.index.annotations(&query, &self.shelf()))
    }

    /// Counts, for each entity of the open article, the other articles that mention
    /// it (shown on its row in the side panel).
    pub(crate) fn count_elsewhere(&mut self) {
        let entities = self
            .current_entry()
            .map_or(0, |e| e.analysis.entities.len());
        self.elsewhere = (0..entities)
            .map(|e| self.mentions_elsewhere(e).len())
            .collect();
    }

    /// Counts the articles each saved query matches, for the source list.
    pub(crate) fn count_saved(&mut self) {
        let counts = self
            .saved
            .iter()
            .map(|saved| {
                Query::parse(&saved.query)
                    .map_or(0, |q| self.index.articles(&q, &self.shelf()).len())
            })
            .collect();
        self.saved_counts = counts;
    }

    /// Enter on a saved query: the search, with its query and results.
    pub(crate) fn run_saved(&mut self, which: usize) {
        let Some(saved) = self.saved.get(which) else {
            return;
        };
        self.prompt = Some(Prompt::Find(Box::new(Find {
            input: saved.query.clone(),
            selected: 0,
            result: Ok(Found::default()),
        })));
        self.rerun_find();
    }

    /// Ctrl-s in the search: asks the loop to save the query to config.toml, named
    /// by its own text (rename it there).
    fn save_query(&mut self) {
        let Some(input) = self.find().map(|f| f.input.trim().to_owned()) else {
            return;
        };
        if input.is_empty() {
            self.message = Some("type a query first, then Ctrl-s saves it".to_owned());
        } else if let Err(err) = Query::parse(&input) {
            self.message = Some(format!("not saved: {}", err.message));
        } else if let Some(old) = self.saved.iter().find(|q| q.query == input) {
            self.message = Some(format!("already saved as {:?}", old.name));
        } else {
            self.save_request = Some(gloss::config::SavedQuery {
                name: input.clone(),
                query: input,
            });
        }
    }

    /// Hands the loop the query to save, once.
    pub fn take_save_request(&mut self) -> Option<gloss::config::SavedQuery> {
        self.save_request.take()
    }

    /// The query was written to config.toml: it joins the source list.
    pub(crate) fn query_saved(&mut self, saved: gloss::config::SavedQuery) {
        self.message = Some(format!(
            "saved {:?} to the source list (config.toml)",
            saved.name
        ));
        self.saved.push(saved);
        self.rebuild_source_rows();
    }

    /// `s`: opens the search, empty.
    pub(crate) fn start_find(&mut self) {
        self.prompt = Some(Prompt::Find(Box::new(Find {
            input: String::new(),
            selected: 0,
            result: Ok(Found::default()),
        })));
    }

    /// The open search, if any.
    pub fn find(&self) -> Option<&Find> {
        match &self.prompt {
            Some(Prompt::Find(find)) => Some(find),
            _ => None,
        }
    }

    /// Runs the open search's query again (the input or the library changed).
    pub(crate) fn rerun_find(&mut self) {
        let Some(input) = self.find().map(|f| f.input.clone()) else {
            return;
        };
        let result = if input.trim().is_empty() {
            Ok(Found::default())
        } else {
            Query::parse_typing(&input)
                .map(|query| self.index.search(&query, &self.shelf(), MAX_RESULTS))
        };
        if let Some(Prompt::Find(find)) = self.prompt.as_mut() {
            let rows = result.as_ref().map_or(0, |f| f.hits.len());
            find.selected = find.selected.min(rows.saturating_sub(1));
            find.result = result;
        }
    }

    /// Handles an action while the search is open; returns whether it was used up.
    pub(crate) fn update_find(&mut self, action: &Action) -> bool {
        let Some(Prompt::Find(find)) = self.prompt.as_mut() else {
            return false;
        };
        let rows = find.result.as_ref().map_or(0, |f| f.hits.len());
        match action {
            Action::InsertChar(c) if !c.is_control() => {
                find.input.push(*c);
                find.selected = 0;
                self.rerun_find();
            }
            Action::DeleteBack => {
                find.input.pop();
                find.selected = 0;
                self.rerun_find();
            }
            Action::ClearInput => {
                find.input.clear();
                find.selected = 0;
                self.rerun_find();
            }
            Action::Down => find.selected = (find.selected + 1).min(rows.saturating_sub(1)),
            Action::Up => find.selected = find.selected.saturating_sub(1),
            Action::Confirm => self.open_found(),
            Action::SaveQuery => self.save_query(),
            Action::MarkResultsRead => self.mark_results_read(),
            Action::TagResults => self.tag_results_prompt(),
            Action::ExportResults => self.export_results(),
            Action::Cancel | Action::Close | Action::Clear => self.prompt = None,
            // Results of background work and resizes still apply under the prompt.
            Action::Resized(..)
            | Action::ArticlesLoaded(_)
            | Action::LoadFinished(_)
            | Action::Linked(_)
            | Action::QuerySaved(_) => return false,
            _ => {}
        }
        true
    }

    /// Enter: opens the selected result's article at its sentence, remembering where
    /// the reader came from, with the query's words highlighted as `/` would.
    fn open_found(&mut self) {
        let Some(find) = self.find() else {
            return;
        };
        let Some(hit) = find
            .result
            .as_ref()
            .ok()
            .and_then(|f| f.hits.get(find.selected))
        else {
            return;
        };
        let (hit, input) = (hit.clone(), find.input.clone());
        if hit.article >= self.entries.len() {
            return;
        }
        self.prompt = None;
        self.push_jump();
        self.open_article(hit.article);
        let body = &self.entries[hit.article].article.body;
        let chars = CharIndex::new(body);
        let start = hit
            .sentence
            .as_ref()
            .map_or(0, |r| chars.char_of(body, r.start));
        let matches: Vec<(usize, usize)> = Query::parse_typing(&input)
            .map(|q| gloss::search::marks(&q, body))
            .unwrap_or_default()
            .into_iter()
            .map(|r| (chars.char_of(body, r.start), chars.char_of(body, r.end)))
            .collect();
        self.cursor = self.line_of_char(start);
        self.scroll = self.cursor.saturating_sub(3);
        self.search = Search {
            current: matches.iter().position(|&(s, _)| s >= start),
            query: input,
            matches,
            typing: false,
            origin: self.cursor,
        };
        self.focus = Pane::Article;
        self.select_in_sources(hit.article);
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::annotate::Prompt;
    use crate::tui::app::testing::{app_with, article, press, screen, type_text};
    use crate::tui::app::Pane;

    fn sample_app() -> crate::tui::app::App {
        let (articles, _) = gloss::corpus::load_sample();
        app_with(articles, (120, 40))
    }

    #[test]
    fn results_appear_as_the_query_is_typed_and_enter_opens_the_sentence() {
        let mut app = sample_app();
        press(&mut app, "s");
        assert!(app.find().is_some(), "s opens the search");
        type_text(&mut app, "insu");
        let found = app
            .find()
            .and_then(|f| f.result.clone().ok())
            .expect("results");
        assert!(
            found.sentences >= 3,
            "the word being typed is a prefix: {found:?}"
        );
        let shown = screen(&app);
        assert!(shown.contains("› insu▏"), "{shown}");
        assert!(
            shown.contains(&format!("{} sentences in", found.sentences)),
            "{shown}"
        );
        type_text(&mut app, "lt");
        press(&mut app, "down");
        let (hit, before) = {
            let find = app.find().expect("open");
            let found = find.result.as_ref().expect("results");
            (found.hits[find.selected].clone(), app.current)
        };
        press(&mut app, "enter");
        assert!(app.find().is_none(), "Enter closes the search");
        assert_eq!(app.current, Some(hit.article));
        assert_eq!(app.focus, Pane::Article);
        // The cursor is on the sentence, and the word is highlighted as `/` would.
        let body = &app.entries[hit.article].article.body;
        let range = hit.sentence.clone().expect("a body sentence");
        let start = body[..range.start].chars().count();
        let line = &app.lines()[app.cursor];
        assert!(line.char_start <= start && start < line.char_end.max(line.char_start + 1));
        assert!(!app.search.matches.is_empty());
        let (s, e) = app.search.matches[0];
        let word: String = body.chars().skip(s).take(e - s).collect();
        assert_eq!(word.to_lowercase(), "insult");
        // Back returns to where the reader was.
        press(&mut app, "ctrl-o");
        assert_eq!(app.current, before);
    }

    #[test]
    fn a_query_error_points_at_the_word_and_esc_closes() {
        let mut app = sample_app();
        press(&mut app, "s");
        type_text(&mut app, "port kind:quotes");
        let err = app
            .find()
            .and_then(|f| f.result.clone().err())
            .expect("an error");
        assert_eq!(&"port kind:quotes"[err.span.clone()], "quotes");
        let shown = screen(&app);
        assert!(shown.contains("quotes"), "{shown}");
        assert!(shown.contains("^^^^^^"), "{shown}");
        press(&mut app, "esc");
        assert!(app.find().is_none());
        assert!(!matches!(app.prompt, Some(Prompt::Find(_))));
    }

    #[test]
    fn articles_that_arrive_later_are_found() {
        let mut app = app_with(
            vec![article(
                "a/one.txt",
                "Wire",
                "Tides\n\nThe tide came in early.",
            )],
            (100, 30),
        );
        press(&mut app, "s");
        type_text(&mut app, "ferry");
        let count = |app: &crate::tui::app::App| {
            app.find()
                .and_then(|f| f.result.as_ref().ok().map(|r| r.sentences))
                .unwrap_or(0)
        };
        assert_eq!(count(&app), 0);
        app.update(crate::tui::action::Action::ArticlesLoaded(vec![
            crate::tui::app::ArticleEntry::new(article(
                "b/two.txt",
                "Post",
                "Ferry news\n\nThe ferry left at noon.",
            )),
        ]));
        assert_eq!(count(&app), 2, "its title and its sentence");
    }

    #[test]
    fn the_source_list_filter_takes_a_query() {
        let mut app = sample_app();
        press(&mut app, "F");
        type_text(&mut app, "insult since:2026-03-05");
        press(&mut app, "enter");
        let shown: Vec<usize> =
            app.source_rows
                .iter()
                .filter_map(|r| match r {
                    crate::tui::app::SourceRow::Article(a) => Some(*a),
                    crate::tui::app::SourceRow::Source(_)
                    | crate::tui::app::SourceRow::Saved(_) => None,
                })
                .collect();
        assert_eq!(shown.len(), 4, "{shown:?}");
        for &a in &shown {
            let e = &app.entries[a];
            assert!(e.article.meta.date.as_deref() >= Some("2026-03-05"));
            assert!(e.article.body.to_lowercase().contains("insult"));
        }
        assert!(screen(&app).contains("filter: insult since:2026-03-05"));
        // A filter that cannot be read keeps the prompt open and says why.
        press(&mut app, "F ctrl-u");
        type_text(&mut app, "kind:quotes");
        press(&mut app, "enter");
        assert!(matches!(app.prompt, Some(Prompt::Filter { .. })));
        assert!(app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("`quotes`")));
        press(&mut app, "ctrl-u enter");
        assert!(app.filter.is_none());
    }

    #[test]
    fn saved_queries_lead_the_source_list_and_run_with_enter() {
        let config = gloss::config::Config::parse(
            "[[query]]\nname = \"Insults\"\nquery = \"insult kind:quote\"\n\
             [[query]]\nname = \"Wide\"\nquery = \"kind:quote sources>=4\"\n",
            std::path::Path::new("config.toml"),
        )
        .expect("a config");
        let (articles, _) = gloss::corpus::load_sample();
        let mut app = crate::tui::app::testing::app_with_config(&config, "", articles, (120, 40));
        assert_eq!(app.source_rows[0], crate::tui::app::SourceRow::Saved(0));
        let shown = screen(&app);
        let row = shown.lines().nth(1).expect("a row");
        assert!(row.contains("⌕ Insults"), "{row}");
        let count = app.saved_counts[0];
        assert!(count >= 5, "{count}");
        // Counted again once claims are linked: how widely a claim is carried is
        // known only then.
        assert!(app.saved_counts[1] > 0, "{:?}", app.saved_counts);
        assert!(row.contains(&count.to_string()), "{row}");
        press(&mut app, "g g enter");
        let find = app.find().expect("the search opens");
        assert_eq!(find.input, "insult kind:quote");
        let found = find.result.as_ref().expect("results");
        assert_eq!(found.articles, count);
        // Ctrl-s asks the loop to save a new query; one already saved is said so.
        press(&mut app, "ctrl-s");
        assert!(app.take_save_request().is_none());
        assert!(app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("already saved")));
        press(&mut app, "ctrl-u");
        type_text(&mut app, "tag:disputed");
        press(&mut app, "ctrl-s");
        let request = app.take_save_request().expect("a request");
        assert_eq!(request.query, "tag:disputed");
        app.update(crate::tui::action::Action::QuerySaved(request));
        assert_eq!(app.saved.len(), 3);
        assert_eq!(app.source_rows[2], crate::tui::app::SourceRow::Saved(2));
    }

    #[test]
    fn a_search_s_results_are_tagged_marked_read_and_exported_together() {
        let mut app = sample_app();
        press(&mut app, "s");
        type_text(&mut app, "insult");
        let matched = app
            .find()
            .and_then(|f| f.result.as_ref().ok().map(|r| r.sentences))
            .expect("results");
        assert!(matched >= 5);
        press(&mut app, "ctrl-t");
        assert!(matches!(app.prompt, Some(Prompt::Tags { .. })));
        type_text(&mut app, "disputed");
        press(&mut app, "enter");
        assert_eq!(
            app.message.as_deref(),
            Some(format!("tagged {matched} sentences disputed").as_str())
        );
        // Every one is now found by its tag, each a change of its own for undo.
        press(&mut app, "s");
        type_text(&mut app, "tag:disputed");
        let tagged = app
            .find()
            .and_then(|f| f.result.as_ref().ok().map(|r| r.sentences))
            .expect("results");
        assert_eq!(tagged, matched);
        assert_eq!(app.undo.len(), matched);
        // Ctrl-r marks the articles read.
        press(&mut app, "ctrl-r");
        let with_the_word: Vec<&crate::tui::app::ArticleEntry> = app
            .entries
            .iter()
            .filter(|e| e.article.body.to_lowercase().contains("insult"))
            .collect();
        assert!(with_the_word.len() >= 5);
        assert!(with_the_word.iter().all(|e| e.read));
        assert!(app.entries.iter().any(|e| !e.read), "only those");
        // Ctrl-x opens the export prompt on the search's annotations.
        press(&mut app, "ctrl-x");
        assert!(matches!(
            app.prompt,
            Some(Prompt::Export {
                scope: crate::tui::export::SEARCH_SCOPE,
                ..
            })
        ));
        assert_eq!(app.search_annotations().map(|ids| ids.len()), Some(matched));
    }

    #[test]
    fn read_marks_come_from_the_read_state_and_go_back_to_it() {
        let (articles, _) = gloss::corpus::load_sample();
        let second = articles[1].id.clone();
        let mut app = app_with(Vec::new(), (120, 40));
        app.read_state.mark(&second);
        app.update(crate::tui::action::Action::ArticlesLoaded(
            articles
                .into_iter()
                .map(crate::tui::app::ArticleEntry::new)
                .collect(),
        ));
        let at = |app: &crate::tui::app::App, id: &str| {
            app.entries
                .iter()
                .position(|e| e.article.id == id)
                .expect("there")
        };
        assert!(
            app.entries[at(&app, &second)].read,
            "marked before it arrived"
        );
        let other = app
            .entries
            .iter()
            .position(|e| !e.read)
            .expect("one unread");
        let other_id = app.entries[other].article.id.clone();
        app.open_article(other);
        assert!(app.read_state.is_read(&other_id), "opening marks it");
    }

    #[test]
    fn a_quit_from_a_signal_is_not_swallowed_by_an_open_prompt_or_overlay() {
        use crate::tui::action::Action;
        use crate::tui::update::Effect;
        let mut app = sample_app();
        press(&mut app, "s");
        type_text(&mut app, "insult");
        assert_eq!(app.update(Action::Quit).effect, Some(Effect::Quit));
        press(&mut app, "esc ?");
        assert!(app.overlay.is_some());
        assert_eq!(app.update(Action::Quit).effect, Some(Effect::Quit));
    }

    #[test]
    fn the_search_box_draws_at_any_size() {
        let mut app = sample_app();
        press(&mut app, "s");
        type_text(&mut app, "insult kind:");
        for (w, h) in [(1, 1), (2, 2), (10, 3), (25, 5), (40, 8), (200, 60)] {
            app.update(crate::tui::action::Action::Resized(w, h));
            let shown = screen(&app);
            assert_eq!(shown.lines().count(), usize::from(h), "{w}×{h}");
        }
        app.update(crate::tui::action::Action::Resized(60, 12));
        type_text(&mut app, "quote");
        assert!(screen(&app).contains("insult kind:quote"));
    }

    #[test]
    fn snapshot_find() {
        let mut app = sample_app();
        press(&mut app, "s");
        type_text(&mut app, "\"not done\" OR insult");
        insta::assert_snapshot!(screen(&app));
    }
}
