//! OPML subscription lists: the feeds read out of one, and one written for export.
//!
//! Reading takes every `<outline>` with an `xmlUrl`, however deeply the outlines are
//! nested into folders; its name is its `text`, else its `title`. Only http and https
//! feeds are kept, each address once. As with feeds, a DOCTYPE declaring entities is
//! refused; `quick-xml` would not expand them, but such a file is not an honest list.

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashSet;
use thiserror::Error;

use super::decode::human_size;
use super::feed::{decode_references, html_to_line, truncate, web_url, MAX_TITLE_CHARS};
use crate::text::sanitize_line;

/// OPML files larger than this many bytes are refused.
pub const MAX_OPML_BYTES: usize = 16 * 1024 * 1024;
/// Lists with more feeds than this are refused.
pub const MAX_OPML_FEEDS: usize = 50_000;

/// One subscription: the feed's name and its address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OpmlFeed {
    /// The name shown for the feed, one line of plain text.
    pub title: String,
    /// The feed's address (http or https).
    pub url: String,
}

/// Why an OPML file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OpmlError {
    /// The document is not OPML.
    #[error("not an OPML file (no <opml> root element): {0}")]
    NotOpml(String),
    /// The XML is malformed at a known place.
    #[error("invalid XML at byte {at}: {reason}")]
    InvalidXml {
        /// The byte offset where reading failed.
        at: u64,
        /// What the XML reader found there.
        reason: String,
    },
    /// The document stops in the middle.
    #[error("the OPML file ends before it is complete (truncated download?)")]
    Truncated,
    /// The XML declares entities in its DOCTYPE.
    #[error("XML entity declarations are refused (entity expansion / external entities): the file declares <!ENTITY …> in its DOCTYPE")]
    EntityDeclarations,
    /// The file is larger than gloss reads as a list of feeds.
    #[error("the OPML file is {}, more than the {} gloss reads", human_size(*size as u64), human_size(*limit as u64))]
    TooLarge {
        /// The file's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The list has more feeds than gloss reads at once.
    #[error("the OPML file lists more than {limit} feeds")]
    TooManyFeeds {
        /// The limit.
        limit: usize,
    },
}

/// Reads the feeds listed in an OPML file, in document order.
pub fn parse_opml(bytes: &[u8]) -> Result<Vec<OpmlFeed>, OpmlError> {
    if bytes.len() > MAX_OPML_BYTES {
        return Err(OpmlError::TooLarge {
            size: bytes.len(),
            limit: MAX_OPML_BYTES,
        });
    }
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().allow_dangling_amp = true;
    let mut feeds = Vec::new();
    let mut seen = FxHashSet::default();
    let mut depth = 0usize;
    let mut saw_root = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(err) => return Err(xml_error(&err, reader.error_position())),
        };
        match event {
            Event::DocType(doctype) => {
                let declares = doctype
                    .as_bytes()
                    .windows(7)
                    .any(|w| w.eq_ignore_ascii_case(b"!ENTITY"));
                if declares {
                    return Err(OpmlError::EntityDeclarations);
                }
            }
            Event::Start(ref element) | Event::Empty(ref element) => {
                let name = element.local_name();
                let name: &str = name.as_ref();
                if depth == 0 {
                    if saw_root {
                        return Err(OpmlError::InvalidXml {
                            at: reader.buffer_position(),
                            reason: "a second root element".to_owned(),
                        });
                    }
                    if !name.eq_ignore_ascii_case("opml") {
                        return Err(OpmlError::NotOpml(format!(
                            "the root element is <{}>",
                            sanitize_line(name)
                        )));
                    }
                    saw_root = true;
                }
                if name.eq_ignore_ascii_case("outline") {
                    if let Some(feed) = outline(element) {
                        if seen.insert(feed.url.clone()) {
                            if feeds.len() == MAX_OPML_FEEDS {
                                return Err(OpmlError::TooManyFeeds {
                                    limit: MAX_OPML_FEEDS,
                                });
                            }
                            feeds.push(feed);
                        }
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(OpmlError::Truncated);
    }
    if !saw_root {
        return Err(OpmlError::NotOpml("the file has no elements".to_owned()));
    }
    Ok(feeds)
}

/// The feed an `<outline>` names, if it has an http(s) `xmlUrl`.
fn outline(element: &BytesStart<'_>) -> Option<OpmlFeed> {
    let mut url = None;
    let mut text = None;
    let mut title = None;
    for attr in element.attributes().with_checks(false).flatten() {
        let key = attr.key.local_name();
        let key: &str = key.as_ref();
        let value = &attr.value;
        if key.eq_ignore_ascii_case("xmlurl") {
            let mut decoded = String::new();
            decode_references(value, &mut decoded);
            url = web_url(&decoded);
        } else if key.eq_ignore_ascii_case("text") {
            text = Some(html_to_line(value)).filter(|t| !t.is_empty());
        } else if key.eq_ignore_ascii_case("title") {
            title = Some(html_to_line(value)).filter(|t| !t.is_empty());
        }
    }
    let url = url?;
    Some(OpmlFeed {
        // Named by its address when it has no name, cut as a name would be.
        title: text
            .or(title)
            .unwrap_or_else(|| truncate(&url, MAX_TITLE_CHARS)),
        url,
    })
}

fn xml_error(err: &XmlError, at: u64) -> OpmlError {
    let truncated = matches!(err, XmlError::Syntax(s) if *s != SyntaxError::InvalidBangMarkup)
        || matches!(err, XmlError::IllFormed(IllFormedError::MissingEndTag(_)));
    if truncated {
        OpmlError::Truncated
    } else {
        OpmlError::InvalidXml {
            at,
            reason: sanitize_line(&err.to_string()),
        }
    }
}

/// Returns an OPML 2.0 document listing `feeds` under the list title `title`.
///
/// Names and addresses are escaped and made one line, so [`parse_opml`] reads back the
/// same list.
pub fn write_opml(title: &str, feeds: &[OpmlFeed]) -> String {
    let mut out = String::with_capacity(200 + feeds.len() * 120);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str("  <head>\n    <title>");
    out.push_str(&escape(title));
    out.push_str("</title>\n  </head>\n  <body>\n");
    for feed in feeds {
        let name = escape(&feed.title);
        out.push_str("    <outline type=\"rss\" text=\"");
        out.push_str(&name);
        out.push_str("\" title=\"");
        out.push_str(&name);
        out.push_str("\" xmlUrl=\"");
        out.push_str(&escape(&feed.url));
        out.push_str("\"/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// One line of text escaped for an XML attribute or element.
fn escape(text: &str) -> String {
    let line = sanitize_line(text);
    let mut out = String::with_capacity(line.len());
    for c in line
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_are_read_and_bad_addresses_dropped() {
        let opml = br#"<?xml version="1.0"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="News">
    <outline text="Ledger &amp; Co" type="rss" xmlUrl="https://l.example/feed?a=1&amp;b=2"/>
    <outline title="Only a title" xmlUrl="http://t.example/rss"/>
    <outline text="Script" xmlUrl="javascript:alert(1)"/>
    <outline text="Again" xmlUrl="https://l.example/feed?a=1&amp;b=2"/>
  </outline>
  <outline xmlUrl="https://bare.example/atom"/>
</body></opml>"#;
        let feeds = parse_opml(opml).expect("reads");
        let want = [
            ("Ledger & Co", "https://l.example/feed?a=1&b=2"),
            ("Only a title", "http://t.example/rss"),
            ("https://bare.example/atom", "https://bare.example/atom"),
        ];
        assert_eq!(feeds.len(), want.len(), "{feeds:?}");
        for (feed, (title, url)) in feeds.iter().zip(want) {
            assert_eq!((feed.title.as_str(), feed.url.as_str()), (title, url));
        }
    }

    #[test]
    fn writing_escapes_and_reads_back() {
        let feeds = vec![
            OpmlFeed {
                title: "Tom & Jerry's \"<news>\"".into(),
                url: "https://x.example/?a=1&b=<2>".into(),
            },
            OpmlFeed {
                title: "Café — Ω".into(),
                url: "http://y.example/feed".into(),
            },
        ];
        let written = write_opml("My <feeds>", &feeds);
        assert!(written.contains("<title>My &lt;feeds&gt;</title>"));
        assert_eq!(parse_opml(written.as_bytes()).expect("reads"), feeds);
    }

    #[test]
    fn a_feed_named_by_a_long_address_reads_back_the_same() {
        // Found by `cargo fuzz run opml`: the name was the whole address, which a
        // name read back from `text` is not (names are cut at 300 characters).
        let url = format!("https://x.example/{}", "a".repeat(400));
        let opml = format!("<opml><body><outline xmlUrl=\"{url}\"/></body></opml>");
        let feeds = parse_opml(opml.as_bytes()).expect("reads");
        assert_eq!(feeds[0].url, url);
        assert_eq!(feeds[0].title.chars().count(), 300);
        assert_eq!(parse_opml(write_opml("t", &feeds).as_bytes()), Ok(feeds));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(matches!(
            parse_opml(b"<rss version=\"2.0\"></rss>"),
            Err(OpmlError::NotOpml(m)) if m.contains("<rss>")
        ));
        assert_eq!(
            parse_opml(b"<opml><body><outline text=\"a\">"),
            Err(OpmlError::Truncated)
        );
        assert_eq!(
            parse_opml(
                b"<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml>&x;</opml>"
            ),
            Err(OpmlError::EntityDeclarations)
        );
        assert!(matches!(
            parse_opml(b"<opml><body></head></opml>"),
            Err(OpmlError::InvalidXml { at, .. }) if at > 0
        ));
        assert!(matches!(parse_opml(b""), Err(OpmlError::NotOpml(_))));
    }
}
