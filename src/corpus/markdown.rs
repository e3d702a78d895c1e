//! Markdown to display text: structure kept readable, markup removed.
//!
//! Paragraphs become single lines (the reader wraps them), headings and list items keep
//! their own lines, block quotes are marked with a bar, and tables are laid out in
//! aligned columns. Links keep their text; raw HTML is dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

/// Returns the display text of a Markdown document and whether its first block is a
/// heading (which then makes a good title).
pub fn render(source: &str) -> (String, bool) {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut r = Renderer::default();
    let mut first_block_is_heading = None;
    for event in Parser::new_ext(source, options) {
        if first_block_is_heading.is_none() {
            match &event {
                Event::Start(Tag::Heading { .. }) => first_block_is_heading = Some(true),
                Event::Start(_) | Event::Text(_) | Event::Rule => {
                    first_block_is_heading = Some(false);
                }
                _ => {}
            }
        }
        r.event(event);
    }
    (r.out, first_block_is_heading.unwrap_or(false))
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    header_rows: usize,
}

#[derive(Default)]
struct Renderer {
    out: String,
    quote_depth: usize,
    /// One entry per open list: the next number for ordered lists.
    lists: Vec<Option<u64>>,
    /// The bullet of a list item whose first text has not been written yet.
    pending_bullet: Option<String>,
    table: Option<Table>,
    image_alt: Option<String>,
}

impl Renderer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(&tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => {
                self.text(&text);
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.newline(),
            Event::Rule => {
                self.block(true);
                self.text("* * *");
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock
                if self.pending_bullet.is_none() =>
            {
                self.block(true);
            }
            Tag::BlockQuote(_) => {
                self.block(true);
                self.quote_depth += 1;
            }
            Tag::List(first) => {
                if self.lists.is_empty() {
                    self.block(true);
                }
                self.lists.push(*first);
            }
            Tag::Item => {
                self.block(false);
                let depth = self.lists.len().saturating_sub(1);
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let b = format!("{n}. ");
                        *n += 1;
                        b
                    }
                    _ => "• ".to_owned(),
                };
                self.pending_bullet = Some(format!("{}{bullet}", "  ".repeat(depth)));
            }
            Tag::Table(_) => {
                self.block(true);
                self.table = Some(Table::default());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Some(row) = self.table.as_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(String::new());
                }
            }
            Tag::Image { .. } => self.image_alt = Some(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Item => self.pending_bullet = None,
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header_rows = t.rows.len();
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.write_table(&table);
                }
            }
            TagEnd::Image => {
                if let Some(alt) = self.image_alt.take() {
                    if !alt.trim().is_empty() {
                        self.text(&format!("[image: {}]", alt.trim()));
                    }
                }
            }
            _ => {}
        }
    }

    /// Ends the current block: a line break, or a blank line between blocks.
    fn block(&mut self, blank: bool) {
        if self.out.is_empty() {
            return;
        }
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        let want = if blank { "\n\n" } else { "\n" };
        while !self.out.ends_with(want) {
            self.out.push('\n');
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
    }

    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    fn text(&mut self, text: &str) {
        if let Some(alt) = &mut self.image_alt {
            alt.push_str(text);
            return;
        }
        if let Some(cell) = self
            .table
            .as_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.last_mut())
        {
            cell.push_str(text);
            return;
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.newline();
            }
            if line.is_empty() {
                continue;
            }
            if self.at_line_start() {
                for _ in 0..self.quote_depth {
                    self.out.push_str("│ ");
                }
                if let Some(bullet) = self.pending_bullet.take() {
                    self.out.push_str(&bullet);
                } else if !self.lists.is_empty() {
                    self.out.push_str(&"  ".repeat(self.lists.len()));
                }
            }
            self.out.push_str(line);
        }
    }

    fn write_table(&mut self, table: &Table) {
        self.out
            .push_str(&layout_table(&table.rows, table.header_rows));
    }
}

/// Lays out table rows in aligned columns separated by bars, with a rule under the
/// first `header_rows` rows.
pub(super) fn layout_table(rows: &[Vec<String>], header_rows: usize) -> String {
    let mut out = String::new();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.trim().width());
        }
    }
    for (n, row) in rows.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let cells: Vec<String> = (0..columns)
            .map(|i| {
                let cell = row.get(i).map_or("", |c| c.trim());
                format!("{cell}{}", " ".repeat(widths[i] - cell.width()))
            })
            .collect();
        out.push_str(cells.join(" │ ").trim_end());
        if n + 1 == header_rows {
            out.push('\n');
            let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
            out.push_str(&rule.join("─┼─"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_and_emphasis() {
        let (text, heading_first) =
            render("# Talks stall\n\nThe **union** said\nthe offer was *final*.\n\n## Next\n\nMore [here](https://x.example).");
        assert!(heading_first);
        assert_eq!(
            text,
            "Talks stall\n\nThe union said the offer was final.\n\nNext\n\nMore here."
        );
    }

    #[test]
    fn lists_and_quotes() {
        let (text, heading_first) =
            render("Intro.\n\n- one\n- two\n  1. inner\n\n> Quoted line\n> goes on.");
        assert!(!heading_first);
        assert_eq!(
            text,
            "Intro.\n\n• one\n• two\n  1. inner\n\n│ Quoted line goes on."
        );
    }

    #[test]
    fn tables_are_aligned() {
        let (text, _) =
            render("| Bidder | Cranes |\n|---|---|\n| Halvorsen | 14 |\n| Brask | 9 |\n");
        assert_eq!(
            text,
            "Bidder    │ Cranes\n──────────┼───────\nHalvorsen │ 14\nBrask     │ 9"
        );
    }

    #[test]
    fn html_is_dropped_and_images_keep_alt_text() {
        let (text, _) =
            render("Before <b>bold</b> after.\n\n<div>block</div>\n\n![Cranes at dusk](c.jpg)");
        assert_eq!(text, "Before bold after.\n\n[image: Cranes at dusk]");
    }
}
