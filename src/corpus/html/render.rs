//! Rendering the article's elements as display text: paragraphs, headings, lists,
//! quotes and tables laid out for the reader, links numbered, furniture left out.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use super::page::{Elem, Ev, Kind, Page};
use super::scores::Scores;
use crate::corpus::markdown::layout_table;

/// Quote bars and list indents drawn at most this deep.
const MAX_NESTING: usize = 8;

#[derive(Default)]
struct TableBuild {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Option<String>,
    header_rows: usize,
    row_is_header: bool,
}

#[derive(Default)]
pub struct Renderer<'a> {
    lines: Vec<String>,
    line: String,
    space: bool,
    quote_depth: usize,
    lists: Vec<Option<u64>>,
    bullet: Option<String>,
    table: Option<TableBuild>,
    table_depth: usize,
    pre_depth: usize,
    links: Vec<String>,
    numbers: FxHashMap<String, usize>,
    open_links: Vec<Option<usize>>,
    /// The page's address, against which relative links are read.
    base: Option<&'a str>,
    /// The last event was a line break (a second one ends the paragraph).
    after_break: bool,
}

impl<'a> Renderer<'a> {
    /// Renders the elements `roots` (in page order) as display text, and returns it
    /// with the links it numbered.
    pub fn render(
        page: &'a Page,
        scores: &Scores,
        roots: &[usize],
        base: Option<&'a str>,
    ) -> (String, Vec<String>) {
        let mut r = Self {
            base,
            ..Self::default()
        };
        for &root in roots {
            r.render_root(page, scores, root);
            r.gap();
        }
        r.end_line();
        while r.lines.last().is_some_and(String::is_empty) {
            r.lines.pop();
        }
        (r.lines.join("\n"), r.links)
    }

    fn render_root(&mut self, page: &'a Page, scores: &Scores, root: usize) {
        let mut skip_until: Option<usize> = None;
        let range = page.range(root);
        let first = *range.start();
        // Runs of nothing but links are muted: their text is dropped.
        let no_runs = Vec::new();
        let runs = if page.archived {
            &no_runs
        } else {
            &scores.link_runs
        };
        let mut link_runs = runs.iter().skip_while(|(_, end)| *end <= first).peekable();
        let mut muted_until = 0;
        for at in range {
            let ev = &page.events[at];
            if let Some(until) = skip_until {
                if matches!(ev, Ev::Close(e) if *e == until) {
                    skip_until = None;
                }
                continue;
            }
            while link_runs.peek().is_some_and(|(_, end)| *end <= at) {
                link_runs.next();
            }
            if let Some(&&(start, end)) = link_runs.peek() {
                if start <= at {
                    muted_until = end;
                }
            }
            let muted = at < muted_until;
            let after_break = std::mem::take(&mut self.after_break);
            match *ev {
                Ev::Open(e) => {
                    let el = &page.elems[e];
                    if e != root && scores.is_furniture(page, e) {
                        skip_until = Some(e);
                    } else if muted && el.kind == Kind::Link {
                        self.open_links.push(None);
                    } else {
                        self.open(el, page);
                    }
                }
                Ev::Close(e) => self.close(&page.elems[e]),
                Ev::Text(..) if muted => self.after_break = after_break,
                Ev::Text(from, to) => {
                    let text = &page.buf[from..to];
                    self.after_break = after_break && text.trim().is_empty();
                    self.text(text);
                }
                Ev::Break => {
                    if after_break {
                        self.gap();
                    } else {
                        self.line_break();
                    }
                    self.after_break = true;
                }
            }
        }
    }

    fn gap(&mut self) {
        self.end_line();
        if self.lists.is_empty() && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn end_line(&mut self) {
        self.space = false;
        if self.line.trim().is_empty() {
            self.line.clear();
            return;
        }
        let mut out = "│ ".repeat(self.quote_depth.min(MAX_NESTING));
        if let Some(bullet) = self.bullet.take() {
            out.push_str(&bullet);
        } else if !self.lists.is_empty() {
            out.push_str(&"  ".repeat(self.lists.len().min(MAX_NESTING)));
        }
        out.push_str(self.line.trim());
        self.line.clear();
        self.lines.push(out);
    }

    fn line_break(&mut self) {
        if let Some(table) = &mut self.table {
            if let Some(cell) = &mut table.cell {
                cell.push(' ');
            }
        } else {
            self.end_line();
        }
    }

    fn target(&mut self) -> &mut String {
        match &mut self.table {
            Some(table) => table.cell.get_or_insert_with(String::new),
            None => &mut self.line,
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre_depth > 0 && self.table.is_none() {
            for (n, part) in text.split('\n').enumerate() {
                if n > 0 {
                    let line = std::mem::take(&mut self.line);
                    self.lines.push(format!(
                        "{}{}",
                        "│ ".repeat(self.quote_depth.min(MAX_NESTING)),
                        line.trim_end()
                    ));
                }
                self.line.push_str(part);
            }
            return;
        }
        let mut space = self.space;
        let target = self.target();
        for c in text.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space && !target.is_empty() {
                    target.push(' ');
                }
                space = false;
                target.push(c);
            }
        }
        self.space = space;
    }

    fn open(&mut self, el: &Elem, page: &Page) {
        match el.kind {
            Kind::Para | Kind::Heading => self.gap(),
            Kind::List { ordered } => {
                if self.lists.is_empty() {
                    self.gap();
                } else {
                    self.end_line();
                }
                self.lists.push(ordered.then_some(1));
            }
            Kind::Item => {
                self.end_line();
                let depth = self.lists.len().saturating_sub(1).min(MAX_NESTING);
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let b = format!("{n}. ");
                        *n += 1;
                        b
                    }
                    _ => "• ".to_owned(),
                };
                self.bullet = Some(format!("{}{bullet}", "  ".repeat(depth)));
            }
            Kind::Quote => {
                self.gap();
                self.quote_depth += 1;
            }
            Kind::Table => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.gap();
                    self.table = Some(TableBuild::default());
                }
            }
            Kind::Row => {
                if self.table_depth == 1 {
                    if let Some(t) = &mut self.table {
                        finish_row(t);
                    }
                }
            }
            Kind::Cell { header } => {
                if self.table_depth == 1 {
                    if let Some(t) = &mut self.table {
                        finish_cell(t);
                        t.cell = Some(String::new());
                        t.row_is_header |= header;
                    }
                } else {
                    self.text(" ");
                }
            }
            Kind::Pre => {
                self.gap();
                self.pre_depth += 1;
            }
            Kind::Link => {
                let url = el.href.and_then(|u| resolve(&page.urls[u], self.base));
                let number = url.map(|url| {
                    let next = self.links.len() + 1;
                    *self.numbers.entry(url).or_insert_with_key(|url| {
                        self.links.push(url.clone());
                        next
                    })
                });
                self.open_links.push(number);
            }
            Kind::Block => self.end_line(),
            Kind::Inline => {}
        }
    }

    #[allow(clippy::match_same_arms)]
    fn close(&mut self, el: &Elem) {
        if el.is_caption && self.table.is_none() {
            strip_credit(&mut self.line);
        }
        match el.kind {
            Kind::Para | Kind::Heading => self.gap(),
            Kind::List { .. } => {
                self.end_line();
                self.lists.pop();
                self.gap();
            }
            Kind::Item => self.end_line(),
            Kind::Quote => {
                self.end_line();
                self.quote_depth = self.quote_depth.saturating_sub(1);
                self.gap();
            }
            Kind::Table => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    if let Some(mut t) = self.table.take() {
                        finish_row(&mut t);
                        let bars = "│ ".repeat(self.quote_depth.min(MAX_NESTING));
                        for line in layout_table(&t.rows, t.header_rows).lines() {
                            self.lines.push(format!("{bars}{line}"));
                        }
                    }
                    self.gap();
                }
            }
            Kind::Row => {
                if self.table_depth == 1 {
                    if let Some(t) = &mut self.table {
                        finish_row(t);
                    }
                }
            }
            Kind::Cell { .. } => {
                if self.table_depth == 1 {
                    if let Some(t) = &mut self.table {
                        finish_cell(t);
                    }
                }
            }
            Kind::Pre => {
                self.end_line();
                self.pre_depth = self.pre_depth.saturating_sub(1);
                self.gap();
            }
            Kind::Link => {
                if let Some(Some(n)) = self.open_links.pop() {
                    let target = self.target();
                    if !target.is_empty() {
                        let _ = write!(target, "[{n}]");
                    }
                }
            }
            Kind::Block => self.end_line(),
            Kind::Inline => {}
        }
    }
}

fn finish_cell(t: &mut TableBuild) {
    if let Some(cell) = t.cell.take() {
        if t.row.len() < 32 {
            t.row.push(cell);
        }
    }
}

fn finish_row(t: &mut TableBuild) {
    finish_cell(t);
    if t.row.is_empty() {
        return;
    }
    let row = std::mem::take(&mut t.row);
    if t.row_is_header && t.rows.len() == t.header_rows {
        t.header_rows += 1;
    }
    t.row_is_header = false;
    t.rows.push(row);
}

/// Cuts the photographer's credit from the end of a caption ("… Photograph: Ann
/// Lee/Agency").
fn strip_credit(line: &mut String) {
    const CREDITS: [&str; 9] = [
        "Photograph:",
        "Photograph by",
        "Photo:",
        "Photos:",
        "Photo by",
        "Picture:",
        "Image:",
        "Illustration:",
        "Credit:",
    ];
    if let Some(at) = CREDITS.iter().filter_map(|c| line.rfind(c)).max() {
        line.truncate(at);
        let kept = line.trim_end().len();
        line.truncate(kept);
    }
}

/// The absolute http(s) address a link leads to, read against the page's address
/// when it is relative; none for a relative link on a page without an address.
pub fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    if let Some(url) = super::web_url(href) {
        return Some(url);
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    let host_end = base[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(base.len(), |p| scheme_end + p);
    let url = if href.starts_with("//") {
        format!("{}{href}", &base[..scheme_end - 2])
    } else if href.starts_with('/') {
        format!("{}{href}", &base[..host_end])
    } else if href.starts_with('?') {
        let path_end = base.find(['?', '#']).unwrap_or(base.len());
        format!("{}{href}", &base[..path_end])
    } else {
        let path_end = base.find(['?', '#']).unwrap_or(base.len()).max(host_end);
        let dir_end = base[host_end..path_end]
            .rfind('/')
            .map_or(host_end, |p| host_end + p);
        let mut dir = base[..dir_end].to_owned();
        let mut rest = href;
        loop {
            if let Some(r) = rest.strip_prefix("./") {
                rest = r;
            } else if let Some(r) = rest.strip_prefix("../") {
                rest = r;
                if dir.len() > host_end {
                    dir.truncate(dir.rfind('/').unwrap_or(host_end).max(host_end));
                }
            } else {
                break;
            }
        }
        format!("{dir}/{rest}")
    };
    super::web_url(&url)
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn relative_links_are_read_against_the_page() {
        let base = Some("https://news.example/world/2026/story.html?x=1");
        let cases = [
            ("https://other.example/a", "https://other.example/a"),
            ("//cdn.example/p", "https://cdn.example/p"),
            ("/politics/", "https://news.example/politics/"),
            ("next.html", "https://news.example/world/2026/next.html"),
            (
                "../2025/old.html",
                "https://news.example/world/2025/old.html",
            ),
            ("../../../../up", "https://news.example/up"),
            (
                "?page=2",
                "https://news.example/world/2026/story.html?page=2",
            ),
        ];
        for (href, want) in cases {
            assert_eq!(resolve(href, base).as_deref(), Some(want), "{href}");
        }
        assert_eq!(resolve("/x", None), None);
        assert_eq!(
            resolve("/x", Some("https://h.example")).as_deref(),
            Some("https://h.example/x")
        );
    }
}
