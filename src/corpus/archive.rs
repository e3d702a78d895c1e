//! Articles kept on disk as small HTML documents that gloss writes and reads back.
//!
//! A feed entry or a fetched page is saved as one `.html` file. Its head carries the
//! metadata the HTML loader reads (`og:title`, `og:site_name`, `author`,
//! `article:published_time`, the canonical link) and the generator mark
//! [`ARCHIVE_GENERATOR`], which makes the loader take any text at all as the article.
//! The body is `<article>`, a `<header>` with the headline and a masthead line (page
//! furniture the loader leaves out of the text), then the entry's HTML as the feed gave
//! it. A content security policy keeps a feed's scripts from running should the file
//! be opened in a browser.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::article::article_id;
use super::feed::{looks_like_html, truncate, FeedEntry, MAX_TITLE_CHARS, UNTITLED};
use super::html::ARCHIVE_GENERATOR;
use crate::text::sanitize_line;

/// What an archived page holds: its metadata and its body as HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchivePage<'a> {
    /// The headline (plain text).
    pub title: &'a str,
    /// The outlet: the feed's name, which the loader reads as the article's source.
    pub site: &'a str,
    /// The byline.
    pub author: Option<&'a str>,
    /// The publication date, `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// The original's address.
    pub url: Option<&'a str>,
    /// The article's text as HTML, written as given.
    pub body_html: &'a str,
}

/// Returns the HTML document gloss keeps on disk for `page`.
///
/// Every metadata value is escaped (and made one line); the body is written as given.
pub fn archive_document(page: &ArchivePage) -> String {
    let title = truncate(&one_line(page.title), MAX_TITLE_CHARS);
    let title = if title.is_empty() {
        UNTITLED.to_owned()
    } else {
        title
    };
    let site = one_line(page.site);
    let author = page.author.map(one_line).filter(|a| !a.is_empty());
    let date = page.date.map(one_line).filter(|d| !d.is_empty());
    let url = page.url.map(one_line).filter(|u| !u.is_empty());

    let mut out = String::with_capacity(page.body_html.len() + 1024);
    out.push_str("<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'\">\n",
    );
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"{}\">",
        escape(ARCHIVE_GENERATOR)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(
        out,
        "<meta property=\"og:title\" content=\"{}\">",
        escape(&title)
    );
    if !site.is_empty() {
        let _ = writeln!(
            out,
            "<meta property=\"og:site_name\" content=\"{}\">",
            escape(&site)
        );
    }
    if let Some(author) = &author {
        let _ = writeln!(out, "<meta name=\"author\" content=\"{}\">", escape(author));
    }
    if let Some(date) = &date {
        let _ = writeln!(
            out,
            "<meta property=\"article:published_time\" content=\"{}\">",
            escape(date)
        );
    }
    if let Some(url) = &url {
        let _ = writeln!(out, "<link rel=\"canonical\" href=\"{}\">", escape(url));
    }
    out.push_str("</head>\n<body>\n<article>\n<header>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    // The masthead is furniture the loader skips, but it is paragraph text, so even a
    // body without paragraphs (a bare list, a line of text) is read as the article.
    let masthead: Vec<&str> = [Some(site.as_str()), author.as_deref(), date.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let masthead = if masthead.is_empty() {
        title.clone()
    } else {
        masthead.join(" · ")
    };
    let _ = writeln!(out, "<p>{}</p>", escape(&masthead));
    out.push_str("</header>\n");
    out.push_str(page.body_html);
    out.push_str("\n</article>\n</body>\n</html>\n");
    out
}

/// Returns display text as HTML that reads back as the same text: each run of
/// non-blank lines becomes a `<p>`, its lines joined by `<br>`, everything escaped.
pub fn text_to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 16);
    let mut open = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if open {
                out.push_str("</p>\n");
                open = false;
            }
            continue;
        }
        if open {
            out.push_str("<br>\n");
        } else {
            out.push_str("<p>");
            open = true;
        }
        out.push_str(&escape(line));
    }
    if open {
        out.push_str("</p>\n");
    }
    out
}

/// Returns the archive document for a feed entry from the feed named `feed_name`.
///
/// The body is the entry's content, else its summary; plain text is escaped into
/// paragraphs. An entry with neither gives a page without text, which the loader
/// refuses as not an article: such an entry's link is the article to fetch.
pub fn entry_document(entry: &FeedEntry, feed_name: &str) -> String {
    let body = entry
        .content
        .as_deref()
        .or(entry.summary.as_deref())
        .unwrap_or_default();
    let body_html = if looks_like_html(body) {
        Cow::Borrowed(body)
    } else {
        Cow::Owned(text_to_html(body))
    };
    archive_document(&ArchivePage {
        title: &entry.title,
        site: feed_name,
        author: entry.author.as_deref(),
        date: entry.date.as_deref(),
        url: entry.link.as_deref(),
        body_html: &body_html,
    })
}

/// Returns the file name an entry is archived under: the 16 hex digits of the hash of
/// its id, then `.html`. The same entry always gets the same name.
pub fn entry_file_name(entry: &FeedEntry) -> String {
    format!("{}.html", article_id(&entry.id))
}

/// A metadata value as one safe line: control characters removed, whitespace collapsed.
fn one_line(text: &str) -> String {
    sanitize_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for an HTML attribute value or element.
fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_escaped_paragraphs() {
        assert_eq!(
            text_to_html("One <b> & two\nline two\n\n\n  Para \"3\"  \n"),
            "<p>One &lt;b&gt; &amp; two<br>\nline two</p>\n<p>Para &quot;3&quot;</p>\n"
        );
        assert_eq!(text_to_html(" \n\n"), "");
    }

    #[test]
    fn metadata_is_escaped_and_one_line() {
        let doc = archive_document(&ArchivePage {
            title: "Rates <b>rise</b> & \"fall\"\n",
            site: "Ledger \u{1b}[31mDaily",
            author: Some("O'Neil"),
            date: Some("2026-03-02"),
            url: Some("https://l.example/a?x=1&y=\"2\""),
            body_html: "<p>Body.</p>",
        });
        assert!(doc.contains("<title>Rates &lt;b&gt;rise&lt;/b&gt; &amp; &quot;fall&quot;</title>"));
        assert!(doc.contains("content=\"Ledger Daily\""));
        assert!(doc.contains("content=\"O&#39;Neil\""));
        assert!(doc.contains("href=\"https://l.example/a?x=1&amp;y=&quot;2&quot;\""));
        assert!(!doc.contains('\u{1b}'));
    }

    #[test]
    fn file_names_are_stable_hex() {
        let entry = FeedEntry {
            id: "tag:l.example,2026:1".into(),
            ..FeedEntry::default()
        };
        let name = entry_file_name(&entry);
        assert_eq!(name, format!("{}.html", article_id("tag:l.example,2026:1")));
        assert_eq!(name.len(), 21);
        assert!(name[..16].bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
