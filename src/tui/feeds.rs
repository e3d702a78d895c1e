//! Feeds in the reader: `r` refreshes the selected feed and `R` all of them on a worker
//! thread, with progress and each failure in the status line; refreshed articles take
//! the place of their older text (annotations re-anchor). `L` lists the open article's
//! numbered links; Enter opens one with the system's opener.

use gloss::config::FeedConfig;
use gloss::corpus::Library;
use gloss::feeds::RefreshReport;

use std::fmt::Write as _;

use crate::tui::action::Action;
use crate::tui::app::{App, ArticleEntry, Overlay, Pane, SourceRow};

/// How a refresh is going.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refreshing {
    /// Feeds asked for.
    pub feeds: usize,
    /// Feeds finished (refreshed or failed).
    pub finished: usize,
    /// Articles that arrived or changed.
    pub arrived: usize,
    /// Feeds that could not be refreshed.
    pub failed: usize,
    /// Failures, one line each: the feed and the reason.
    pub failures: Vec<String>,
}

impl App {
    /// Applies the feed and link actions.
    pub(crate) fn feed_action(&mut self, action: Action) {
        match action {
            Action::Refresh => self.refresh(false),
            Action::RefreshAll => self.refresh(true),
            Action::ShowLinks => self.show_links(),
            Action::RefreshProgress(feed, done, total) => {
                self.refresh_progress(&feed, done, total);
            }
            Action::FeedRefreshed(done) => {
                let (report, entries, load) = *done;
                self.report.notes.extend(load.notes);
                self.feed_refreshed(&report, entries);
            }
            Action::FeedFailed(feed, reason) => self.feed_failed(&feed, &reason),
            Action::RefreshFinished => self.refresh_finished(),
            _ => {}
        }
    }

    /// The feed the reader means: the selected outlet in the source list, else the open
    /// article's outlet.
    fn selected_feed(&self) -> Result<FeedConfig, String> {
        if self.feeds.is_empty() {
            return Err("no feeds yet: `gloss feeds add URL` subscribes to one".to_owned());
        }
        let source = match (self.focus, self.source_rows.get(self.sources.selected)) {
            (Pane::Sources, Some(&SourceRow::Source(si))) => {
                self.library.sources.get(si).map(|s| s.name.clone())
            }
            (Pane::Sources, Some(&SourceRow::Saved(_))) => None,
            (Pane::Sources, Some(&SourceRow::Article(a))) => self
                .library
                .articles
                .get(a)
                .and_then(|a| a.meta.source.clone()),
            _ => self
                .current_entry()
                .and_then(|e| e.article.meta.source.clone()),
        };
        let Some(source) = source else {
            return Err("select a feed in the source list (R refreshes them all)".to_owned());
        };
        self.feeds
            .iter()
            .find(|f| f.name == source)
            .cloned()
            .ok_or_else(|| format!("{source} is not a feed; R refreshes every feed"))
    }

    /// `r` and `R`: asks the loop to refresh one feed or all of them.
    pub(crate) fn refresh(&mut self, all: bool) {
        if self.refreshing.is_some() {
            self.message = Some("a refresh is already running".to_owned());
            return;
        }
        let feeds = if all {
            if self.feeds.is_empty() {
                self.message =
                    Some("no feeds yet: `gloss feeds add URL` subscribes to one".to_owned());
                return;
            }
            self.feeds.clone()
        } else {
            match self.selected_feed() {
                Ok(feed) => vec![feed],
                Err(why) => {
                    self.message = Some(why);
                    return;
                }
            }
        };
        self.message = Some(format!(
            "fetching {}…",
            if feeds.len() == 1 {
                feeds[0].name.clone()
            } else {
                format!("{} feeds", feeds.len())
            }
        ));
        self.refreshing = Some(Refreshing {
            feeds: feeds.len(),
            ..Refreshing::default()
        });
        self.refresh_request = Some(feeds);
    }

    /// Hands the loop the feeds to refresh, once.
    pub fn take_refresh_request(&mut self) -> Option<Vec<FeedConfig>> {
        self.refresh_request.take()
    }

    /// Progress of the feed being fetched.
    pub(crate) fn refresh_progress(&mut self, feed: &str, done: usize, total: usize) {
        let Some(r) = &self.refreshing else { return };
        let mut line = format!("fetching {feed}");
        if r.feeds > 1 {
            let _ = write!(line, " (feed {} of {})", r.finished + 1, r.feeds);
        }
        if total > 0 {
            let _ = write!(line, " — entry {done} of {total}");
        }
        if !r.failures.is_empty() {
            let _ = write!(line, " — {} failed", r.failures.len());
        }
        self.message = Some(line);
    }

    /// One feed's articles arrived: new ones join the library, changed ones take the
    /// place of their older text.
    pub(crate) fn feed_refreshed(&mut self, report: &RefreshReport, entries: Vec<ArticleEntry>) {
        if let Some(r) = &mut self.refreshing {
            r.finished += 1;
            r.arrived += entries.len();
            for why in &report.page_failures {
                r.failures
                    .push(format!("{}: page not fetched: {why}", report.feed));
            }
        }
        self.report.notes.extend(
            report
                .page_failures
                .iter()
                .map(|why| gloss::corpus::LoadNote {
                    level: gloss::corpus::NoteLevel::Warning,
                    path: report.feed.clone(),
                    message: format!("page not fetched, summary kept: {why}"),
                }),
        );
        if !entries.is_empty() {
            // Claims are linked again once the refresh is over.
            self.linked = false;
        }
        let (changed, new): (Vec<ArticleEntry>, Vec<ArticleEntry>) =
            entries.into_iter().partition(|e| {
                self.entries
                    .iter()
                    .any(|old| old.article.id == e.article.id)
            });
        if !changed.is_empty() {
            let mut replaced = Vec::new();
            for entry in changed {
                if let Some(i) = self
                    .entries
                    .iter()
                    .position(|old| old.article.id == entry.article.id)
                {
                    let read = self.entries[i].read;
                    self.entries[i] = ArticleEntry { read, ..entry };
                    self.library.articles[i] = self.entries[i].article.clone();
                    replaced.push(i);
                }
            }
            self.library = Library::new(std::mem::take(&mut self.library.articles));
            self.index_entries(&replaced);
            self.wrap_cache.retain(|(i, _), _| !replaced.contains(i));
            self.rebuild_source_rows();
            if self.current.is_some_and(|c| replaced.contains(&c)) {
                // The open article's text changed: its lines, marks and annotations are
                // placed again on the new text.
                self.wrapped = None;
                self.rebuild_panel_rows();
                self.place_annotations();
                self.ensure_wrapped();
                self.cursor = self.cursor.min(self.lines().len().saturating_sub(1));
            }
        }
        if !new.is_empty() {
            self.report.loaded += new.len();
            self.add_entries(new);
        }
    }

    /// One feed could not be refreshed.
    pub(crate) fn feed_failed(&mut self, feed: &str, reason: &str) {
        if let Some(r) = &mut self.refreshing {
            r.finished += 1;
            r.failed += 1;
            r.failures.push(format!("{feed}: {reason}"));
        }
        self.report.notes.push(gloss::corpus::LoadNote {
            level: gloss::corpus::NoteLevel::Skipped,
            path: feed.to_owned(),
            message: format!("refresh failed: {reason}"),
        });
    }

    /// Every asked feed is done: say how it went, and ask for the claims to be linked
    /// again.
    pub(crate) fn refresh_finished(&mut self) {
        let Some(r) = self.refreshing.take() else {
            return;
        };
        self.relink = r.arrived > 0;
        if r.feeds == 1 && r.failed == 1 {
            self.message = Some(format!("refresh failed — {}", r.failures[0]));
            return;
        }
        let mut line = format!(
            "refreshed {} of {} feed{}: {} article{} new or changed",
            r.feeds - r.failed,
            r.feeds,
            if r.feeds == 1 { "" } else { "s" },
            r.arrived,
            if r.arrived == 1 { "" } else { "s" },
        );
        match r.failures.as_slice() {
            [] => {}
            [one] => {
                let _ = write!(line, " — {one}");
            }
            many => {
                let _ = write!(line, " — {} problems, press ! to see them", many.len());
            }
        }
        self.message = Some(line);
    }

    /// Hands the loop the need to link claims again, once.
    pub fn take_relink(&mut self) -> bool {
        std::mem::take(&mut self.relink)
    }

    /// The rows of the links overlay, each a label and an address: the article's own
    /// page on the web first (labelled `page`), then its numbered links (from the
    /// "Links" list at its end) by number.
    pub fn article_links(&self) -> Vec<(String, String)> {
        let Some(entry) = self.current_entry() else {
            return Vec::new();
        };
        let page = entry
            .article
            .meta
            .url
            .as_deref()
            .filter(|url| gloss::fetch::check_address(url).is_ok())
            .map(|url| ("page".to_owned(), url.to_owned()));
        let numbered = gloss::corpus::numbered_links(&entry.article.body)
            .into_iter()
            .enumerate()
            .map(|(n, url)| ((n + 1).to_string(), url.to_owned()));
        page.into_iter().chain(numbered).collect()
    }

    /// `L`: the links overlay, or a message when the article has none.
    pub(crate) fn show_links(&mut self) {
        if self.article_links().is_empty() {
            self.message = Some("this article lists no links".to_owned());
        } else {
            self.overlay = Some(Overlay::Links { selected: 0 });
        }
    }

    /// Enter in the links overlay: asks the loop to open the link.
    pub(crate) fn open_link(&mut self, row: usize) {
        if let Some((_, url)) = self.article_links().get(row) {
            self.message = Some(format!("opening {url}"));
            self.open_request = Some(url.clone());
        }
    }

    /// Hands the loop the link to open, once.
    pub fn take_open_request(&mut self) -> Option<String> {
        self.open_request.take()
    }
}

#[cfg(test)]
mod tests {
    use gloss::config::{Config, FeedConfig};
    use gloss::corpus::Article;
    use gloss::feeds::RefreshReport;

    use crate::tui::action::Action;
    use crate::tui::app::testing::{app_with_config, article, press, screen};
    use crate::tui::app::{ArticleEntry, Overlay, Pane};

    fn wire() -> FeedConfig {
        FeedConfig {
            name: "Harbour Wire".to_owned(),
            url: "https://harbour.example/rss".to_owned(),
            tags: Vec::new(),
            fetch_pages: true,
        }
    }

    fn story(text: &str) -> Article {
        article("feeds/harbour/one.txt", "Harbour Wire", text)
    }

    const FIRST: &str = "Cranes bought\n\nThe port board approved fourteen cranes on Tuesday. \
        \"This settles it,\" said the chair, Odile Brandt.";

    fn app() -> crate::tui::app::App {
        let config = Config {
            feed: vec![wire()],
            ..Config::default()
        };
        app_with_config(
            &config,
            "",
            vec![
                story(FIRST),
                article(
                    "ledger/a.txt",
                    "Ledger Daily",
                    "Other\n\nA story with no feed.",
                ),
            ],
            (100, 30),
        )
    }

    fn select_source(app: &mut crate::tui::app::App, name: &str) {
        app.focus = Pane::Sources;
        app.sources.selected =
            app.source_rows
                .iter()
                .position(|r| match *r {
                    crate::tui::app::SourceRow::Source(si) => app.library.sources[si].name == name,
                    crate::tui::app::SourceRow::Article(_)
                    | crate::tui::app::SourceRow::Saved(_) => false,
                })
                .expect("source row");
    }

    #[test]
    fn r_refreshes_the_selected_feed_and_r_on_a_folder_says_why_not() {
        let mut app = app();
        select_source(&mut app, "Ledger Daily");
        press(&mut app, "r");
        assert_eq!(app.take_refresh_request(), None);
        assert_eq!(
            app.message.as_deref(),
            Some("Ledger Daily is not a feed; R refreshes every feed")
        );
        select_source(&mut app, "Harbour Wire");
        press(&mut app, "r");
        assert_eq!(app.take_refresh_request(), Some(vec![wire()]));
        assert!(screen(&app).contains("FETCHING"));
        // A second request while one runs is refused, not queued twice.
        press(&mut app, "R");
        assert_eq!(app.take_refresh_request(), None);
        assert_eq!(app.message.as_deref(), Some("a refresh is already running"));
    }

    #[test]
    fn progress_failures_and_the_end_of_a_refresh_reach_the_status_line() {
        let mut app = app();
        press(&mut app, "R");
        app.update(Action::RefreshProgress("Harbour Wire".to_owned(), 3, 12));
        assert_eq!(
            app.message.as_deref(),
            Some("fetching Harbour Wire — entry 3 of 12")
        );
        app.update(Action::FeedFailed(
            "Harbour Wire".to_owned(),
            "the server answered 503 Service Unavailable".to_owned(),
        ));
        app.update(Action::RefreshFinished);
        assert_eq!(
            app.message.as_deref(),
            Some("refresh failed — Harbour Wire: the server answered 503 Service Unavailable")
        );
        assert!(!app.take_relink(), "nothing arrived, nothing to link again");
        assert!(app
            .report
            .notes
            .iter()
            .any(|n| n.path == "Harbour Wire" && n.message.contains("503")));
        assert!(!screen(&app).contains("FETCHING"));
    }

    #[test]
    fn a_refreshed_article_replaces_its_old_text_and_its_annotations_follow() {
        let mut app = app();
        let index = app
            .entries
            .iter()
            .position(|e| e.article.meta.title == "Cranes bought")
            .expect("story");
        app.open_article(index);
        app.focus = Pane::Article;
        // Tag the quote's sentence, then the outlet rewrites the sentence before it.
        let quote = "\"This settles it,\" said the chair, Odile Brandt.";
        let at = app.entries[index].article.body.find(quote).expect("quote");
        app.point = app.entries[index].article.body[..at].chars().count();
        press(&mut app, "1");
        assert_eq!(app.placed.len(), 1);
        let before = app.placed[0].range.expect("placed");

        let changed = FIRST.replace(
            "approved fourteen cranes on Tuesday.",
            "approved the purchase of 14 new cranes late on Tuesday after a long debate.",
        );
        let report = RefreshReport {
            feed: "Harbour Wire".to_owned(),
            entries: 1,
            ..RefreshReport::default()
        };
        let articles = app.entries.len();
        app.update(Action::FeedRefreshed(Box::new((
            report,
            vec![ArticleEntry::new(story(&changed))],
            gloss::corpus::LoadReport::default(),
        ))));
        assert_eq!(app.entries.len(), articles, "replaced, not added");
        assert_eq!(app.current, Some(index));
        assert!(app.entries[index].article.body.contains("14 new cranes"));
        let after = app.placed[0].range.expect("still placed");
        assert_ne!(after, before);
        let body = &app.entries[index].article.body;
        let text: String = body.chars().skip(after.0).take(after.1 - after.0).collect();
        assert!(text.starts_with("\"This settles it,\""), "{text}");
        assert!(screen(&app).contains("14 new cranes"));
        // A new entry joins the library under its feed.
        app.update(Action::FeedRefreshed(Box::new((
            RefreshReport::default(),
            vec![ArticleEntry::new(article(
                "feeds/harbour/two.txt",
                "Harbour Wire",
                "Tugs vote\n\nTug crews voted to strike.",
            ))],
            gloss::corpus::LoadReport::default(),
        ))));
        assert_eq!(app.entries.len(), articles + 1);
        assert!(!app.linked, "the claims board waits for the new links");
    }

    #[test]
    fn several_feeds_end_in_one_line_and_new_articles_are_linked_again() {
        let mut app = app();
        app.feeds.push(FeedConfig {
            name: "Coast".to_owned(),
            url: "https://coast.example/atom".to_owned(),
            tags: Vec::new(),
            fetch_pages: false,
        });
        press(&mut app, "R");
        assert_eq!(app.take_refresh_request().map(|f| f.len()), Some(2));
        app.update(Action::RefreshProgress("Coast".to_owned(), 0, 0));
        assert_eq!(app.message.as_deref(), Some("fetching Coast (feed 1 of 2)"));
        app.update(Action::FeedRefreshed(Box::new((
            RefreshReport {
                feed: "Coast".to_owned(),
                page_failures: vec![
                    "https://coast.example/a: the server answered 404 Not Found".to_owned()
                ],
                ..RefreshReport::default()
            },
            vec![ArticleEntry::new(article(
                "feeds/coast/a.txt",
                "Coast",
                "Ferry\n\nThe ferry runs.",
            ))],
            gloss::corpus::LoadReport::default(),
        ))));
        app.update(Action::FeedFailed(
            "Harbour Wire".to_owned(),
            "timed out".to_owned(),
        ));
        app.update(Action::RefreshFinished);
        assert_eq!(
            app.message.as_deref(),
            Some("refreshed 1 of 2 feeds: 1 article new or changed — 2 problems, press ! to see them")
        );
        assert!(app.take_relink());
        assert!(app.library.sources.iter().any(|s| s.name == "Coast"));
    }

    #[test]
    fn l_lists_the_numbered_links_and_enter_asks_to_open_one() {
        let page = "<html><head><title>Vote</title></head><body><article>\
            <p>Tug crews voted to strike, <a href=\"https://union.example/statement\">the union said</a>, \
            after talks over night pay broke down on Wednesday evening in the port of Calder.</p>\
            <p>Managers <a href=\"javascript:alert(1)\">replied</a> that ferries would run, \
            and <a href=\"http://port.example/notice\">posted a notice</a> for shipping lines.</p>\
            </article></body></html>";
        let mut app = app_with_config(
            &Config::default(),
            "",
            vec![article("pages/vote.html", "Harbour Wire", page)],
            (100, 30),
        );
        app.open_article(0);
        app.focus = Pane::Article;
        press(&mut app, "L");
        assert_eq!(app.overlay, Some(Overlay::Links { selected: 0 }));
        let shown = screen(&app);
        assert!(
            shown.contains("[1] https://union.example/statement"),
            "{shown}"
        );
        assert!(shown.contains("[2] http://port.example/notice"), "{shown}");
        assert!(!shown.contains("javascript"));
        press(&mut app, "j enter");
        assert_eq!(app.overlay, None);
        assert_eq!(
            app.take_open_request().as_deref(),
            Some("http://port.example/notice")
        );
        assert_eq!(app.take_open_request(), None, "asked once");
        let mut plain = app_with_config(
            &Config::default(),
            "",
            vec![article("a/b.txt", "X", "T\n\nNo links at all.")],
            (100, 30),
        );
        plain.open_article(0);
        press(&mut plain, "L");
        assert_eq!(plain.overlay, None);
        assert_eq!(
            plain.message.as_deref(),
            Some("this article lists no links")
        );
    }

    #[test]
    fn l_lists_the_article_page_first_when_it_is_on_the_web() {
        let mut from_feed = article("feeds/a.txt", "Harbour Wire", "T\n\nA short entry.");
        from_feed.meta.url = Some("https://wire.example/2026/03/a".to_owned());
        let mut local = article("b.md", "Notes", "T\n\nWritten here.");
        local.meta.url = Some("file:///home/me/b.md".to_owned());
        let mut app = app_with_config(&Config::default(), "", vec![from_feed, local], (100, 30));
        app.open_article(0);
        press(&mut app, "L");
        assert_eq!(app.overlay, Some(Overlay::Links { selected: 0 }));
        let shown = screen(&app);
        assert!(shown.contains("1 link · Enter opens"), "{shown}");
        assert!(
            shown.contains("[page] https://wire.example/2026/03/a"),
            "{shown}"
        );
        press(&mut app, "enter");
        assert_eq!(
            app.take_open_request().as_deref(),
            Some("https://wire.example/2026/03/a")
        );
        // A page that is not on the web is not offered.
        app.open_article(1);
        press(&mut app, "L");
        assert_eq!(app.overlay, None);
    }
}
