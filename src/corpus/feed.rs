//! Feeds to entries: RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed, read with `feed-rs`.
//!
//! The bytes are checked before `feed-rs` sees them: a size limit, what kind of
//! document it is (a page or an OPML list is named as such), and the XML prolog, where
//! any entity declaration is refused. `feed-rs` itself never expands entities it does
//! not know (it leaves `&name;` as text and reads no DTD), but a feed that declares
//! them is either an attack (billion laughs, `SYSTEM "file:///…"`) or broken, and its
//! text would show the raw references; refusing it says so plainly. When `feed-rs`
//! fails, or a feed does not end with its root's end tag, a second pass with
//! `quick-xml` (or `serde_json`) finds where the document breaks, so the error names
//! a byte offset or a truncated download instead of a parser's internal state.
//!
//! feed-rs has a few panics that input can reach; `parse_feed` catches them and refuses
//! that feed with [`FeedError::ParserFailed`] (and spaces out the one it can see
//! coming, an e-mail address touching a non-ASCII character).
//!
//! Every string handed out is terminal-safe; titles are plain text on one line.

use std::borrow::Cow;

use feed_rs::model;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::Event;
use thiserror::Error;

use super::article::article_id;
use super::decode::human_size;
use crate::text::{sanitize, sanitize_line, Date};

mod atom;

/// Feeds larger than this many bytes are refused before parsing.
pub const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;
/// Feeds with more entries than this are refused.
pub const MAX_FEED_ENTRIES: usize = 50_000;
/// Titles are cut to this many characters (the last one an ellipsis).
pub(super) const MAX_TITLE_CHARS: usize = 300;
/// Bylines are cut to this many characters.
const MAX_AUTHOR_CHARS: usize = 200;
/// Ids longer than this many bytes are replaced by their hash.
const MAX_ID_BYTES: usize = 1024;
/// A summary with less text than this, and no longer content, is only a teaser.
const SUMMARY_ONLY_CHARS: usize = 700;
/// Title used when an entry has none.
pub const UNTITLED: &str = "(untitled)";

/// A parsed feed: its name, its home page and its entries, in the feed's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feed {
    /// The feed's title, plain text on one line.
    pub title: Option<String>,
    /// The feed's home page (http or https only).
    pub site: Option<String>,
    /// The entries, newest first when the feed lists them so.
    pub entries: Vec<FeedEntry>,
}

/// One entry of a feed; every field is terminal-safe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedEntry {
    /// The entry's id or guid, else its link, else a hash of its title and date; never
    /// empty.
    pub id: String,
    /// The headline as plain text on one line (at most 300 characters), or
    /// `"(untitled)"`.
    pub title: String,
    /// The entry's web page (http or https only; relative links are resolved against
    /// the feed's home page).
    pub link: Option<String>,
    /// The byline: the entry's authors, else the feed's.
    pub author: Option<String>,
    /// The publication date (else the last update) as `YYYY-MM-DD`, in UTC.
    pub date: Option<String>,
    /// The entry's full content as the feed gives it: HTML when it has tags, plain text
    /// otherwise (plain text that would read as markup is kept escaped as HTML).
    pub content: Option<String>,
    /// The summary or description, HTML or plain text as for `content`.
    pub summary: Option<String>,
}

impl FeedEntry {
    /// Says whether the feed carries only a teaser of the entry, so the article's page
    /// should be fetched: no content (or content no longer than the summary), and a
    /// summary of fewer than 700 characters of text.
    pub fn is_summary_only(&self) -> bool {
        let summary = self.summary.as_deref().map_or(0, text_len);
        let content = self.content.as_deref().map_or(0, text_len);
        content <= summary && summary < SUMMARY_ONLY_CHARS
    }
}

/// Why a feed could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FeedError {
    /// The document is something else: a web page, an OPML list, other XML or JSON.
    #[error("not a feed (no <rss>, <feed> or JSON Feed found): {0}")]
    NotAFeed(String),
    /// The XML is malformed at a known place.
    #[error("invalid XML at byte {at}: {reason}")]
    InvalidXml {
        /// The byte offset where reading failed.
        at: u64,
        /// What the XML reader found there.
        reason: String,
    },
    /// The JSON is malformed.
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// The document stops in the middle.
    #[error("the feed ends before it is complete (truncated download?)")]
    Truncated,
    /// The XML declares entities in its DOCTYPE.
    #[error("XML entity declarations are refused (entity expansion / external entities): the feed declares <!ENTITY …> in its DOCTYPE")]
    EntityDeclarations,
    /// The feed has more entries than gloss reads at once.
    #[error("the feed has {count} entries, more than the {limit} gloss reads at once")]
    TooManyEntries {
        /// Entries in the feed.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// The document is larger than gloss reads as a feed.
    #[error("the feed is {}, more than the {} gloss reads", human_size(*size as u64), human_size(*limit as u64))]
    TooLarge {
        /// The document's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// `feed-rs` stopped on an internal error (a panic) reading this feed.
    #[error("the feed parser (feed-rs) failed on this feed; it is malformed in a way gloss cannot read yet (details in the log)")]
    ParserFailed,
    /// The feed is well formed but `feed-rs` could not make sense of it.
    #[error("the feed could not be read: {0}")]
    Unreadable(String),
}

/// Reads a feed (RSS 0.9x, 1.0 or 2.0, Atom, or JSON Feed) from its bytes.
///
/// XML feeds are decoded by the encoding their declaration names; a feed that declares
/// XML entities is refused with [`FeedError::EntityDeclarations`].
pub fn parse_feed(bytes: &[u8]) -> Result<Feed, FeedError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge {
            size: bytes.len(),
            limit: MAX_FEED_BYTES,
        });
    }
    // UTF-16 is read here and the rest works on UTF-8 (offsets then count in it).
    let transcoded = from_utf16(bytes);
    let bytes = transcoded.as_deref().map_or(bytes, str::as_bytes);
    let kind = sniff(bytes)?;
    let input = match &kind {
        Kind::Xml { prolog, .. } => {
            let input = for_feed_rs(bytes, prolog);
            match spaced_addresses(&input) {
                Some(spaced) => Cow::Owned(spaced),
                None => input,
            }
        }
        Kind::Json => Cow::Borrowed(bytes),
    };
    let raw = match plain_atom(&input, &kind) {
        Some(raw) => raw,
        None => with_feed_rs(&input, bytes, &kind)?,
    };
    if let Kind::Xml { root, .. } = &kind {
        // feed-rs reads a feed cut short as far as it goes; the cheap test at the end
        // catches that, and the full pass confirms it (a feed with trailing junk, or
        // one quick-xml finds fault with that feed-rs tolerated, is still read).
        if !ends_with_end_tag(bytes, root) && xml_problem(bytes) == Some(FeedError::Truncated) {
            return Err(FeedError::Truncated);
        }
    }
    if raw.entries.len() > MAX_FEED_ENTRIES {
        return Err(FeedError::TooManyEntries {
            count: raw.entries.len(),
            limit: MAX_FEED_ENTRIES,
        });
    }
    Ok(convert(raw))
}

/// The feed read by the Atom reader in this module, when it is a plain Atom feed in
/// UTF-8 (see [`atom`]); `None` leaves it to feed-rs.
fn plain_atom(input: &[u8], kind: &Kind) -> Option<RawFeed> {
    let Kind::Xml { root, prolog } = kind else {
        return None;
    };
    let utf8 = prolog.encoding.as_deref().is_none_or(|encoding| {
        encoding.eq_ignore_ascii_case("utf-8") || encoding.eq_ignore_ascii_case("utf8")
    });
    if root != "feed" || !utf8 {
        return None;
    }
    let input = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    atom::read(std::str::from_utf8(input).ok()?)
}

/// The feed read by feed-rs. `input` is what feed-rs reads, `bytes` the document as
/// given (errors are explained from it).
fn with_feed_rs(input: &[u8], bytes: &[u8], kind: &Kind) -> Result<RawFeed, FeedError> {
    // Ids are filled in later (id, else link, else a hash), not with random UUIDs.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    // feed-rs has panics that input can reach (slicing inside a character next to an
    // e-mail address, unwrapping numbers in durations); one costs this feed, not the
    // program. The process's panic hook still sees it (the reader logs worker panics).
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(input)));
    match parsed {
        Ok(Ok(raw)) => Ok(RawFeed::from(raw)),
        Ok(Err(err)) => Err(explain(bytes, kind, &err)),
        Err(_) => Err(FeedError::ParserFailed),
    }
}

/// The text of a UTF-16 document (by its byte-order mark) as UTF-8, without the mark
/// and without its XML declaration, which would name UTF-16; `None` for other bytes.
fn from_utf16(bytes: &[u8]) -> Option<String> {
    let little = bytes.starts_with(b"\xff\xfe");
    if !little && !bytes.starts_with(b"\xfe\xff") {
        return None;
    }
    let units = bytes[2..].chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{fffd}'))
        .collect();
    let start = text.len() - text.trim_start().len();
    if is_declaration(&text.as_bytes()[start..]) {
        if let Some(end) = text[start..].find("?>") {
            return Some(text[start + end + 2..].to_owned());
        }
    }
    Some(text)
}

/// The document with a space put between an e-mail address and a non-ASCII character
/// it touches, or `None` when there is no such place. feed-rs slices a byte past the
/// address in bylines (`jo@x.example\u{a0}(Jo)`), which panics inside a character.
/// Addresses written with character references are left to the panic guard.
fn spaced_addresses(bytes: &[u8]) -> Option<Vec<u8>> {
    // The bytes an address with its delimiters (`<[(`, `mailto:`, `>])`) is made of.
    let part = |b: u8| b.is_ascii_alphanumeric() || b"._%+-@<[(>]):".contains(&b);
    let mut cuts = Vec::new();
    let mut at = 0;
    while let Some(p) = bytes.get(at..).and_then(|rest| find_byte(rest, b'@')) {
        let sign = at + p;
        let start = bytes[..sign]
            .iter()
            .rposition(|&b| !part(b))
            .map_or(0, |i| i + 1);
        let end = bytes[sign..]
            .iter()
            .position(|&b| !part(b))
            .map_or(bytes.len(), |i| sign + i);
        if start > 0 && bytes[start - 1] >= 0x80 {
            cuts.push(start);
        }
        if end < bytes.len() && bytes[end] >= 0x80 {
            cuts.push(end);
        }
        at = end.max(sign + 1);
    }
    if cuts.is_empty() {
        return None;
    }
    let mut spaced = Vec::with_capacity(bytes.len() + cuts.len());
    let mut from = 0;
    for cut in cuts {
        spaced.extend_from_slice(&bytes[from..cut]);
        spaced.push(b' ');
        from = cut;
    }
    spaced.extend_from_slice(&bytes[from..]);
    Some(spaced)
}

/// The first `needle` in `haystack`, testing 64-byte chunks without a branch per byte
/// (which the compiler vectorises) and looking closely only at a chunk that has it.
fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    const CHUNK: usize = 64;
    haystack.chunks(CHUNK).enumerate().find_map(|(n, chunk)| {
        if chunk
            .iter()
            .fold(0u8, |seen, &b| seen | u8::from(b == needle))
            == 0
        {
            return None;
        }
        chunk
            .iter()
            .position(|&b| b == needle)
            .map(|i| n * CHUNK + i)
    })
}

// ---------------------------------------------------------------------------
// Recognising the document

/// What the bytes hold, as far as the first element.
#[derive(Debug)]
enum Kind {
    Json,
    /// XML whose root element has this qualified name (as written).
    Xml {
        root: String,
        prolog: Prolog,
    },
}

/// What the XML prolog says, with offsets into the bytes as given.
#[derive(Debug, Default)]
struct Prolog {
    /// The declared encoding, when the declaration names one and there is no BOM.
    encoding: Option<String>,
    /// Where the declaration starts and ends (`None` without one, or after a BOM).
    declaration: Option<(usize, usize)>,
    /// Where the root element's start tag begins (counted after a byte-order mark).
    root_at: usize,
}

/// Looks at the start of the document: JSON, or XML with a feed root element and no
/// entity declarations in its prolog.
fn sniff(bytes: &[u8]) -> Result<Kind, FeedError> {
    let bom = if bytes.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let head = &bytes[bom..];
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    match start.map(|at| head[at]) {
        None => Err(FeedError::NotAFeed("the document is empty".to_owned())),
        Some(b'{') => Ok(Kind::Json),
        Some(b'<') => {
            let (root, mut prolog) = read_prolog(head)?;
            if bom > 0 {
                // The byte-order mark decides the encoding, whatever a declaration says.
                prolog.encoding = None;
                prolog.declaration = None;
            }
            if let Some(at) = late_declaration(head, prolog.root_at) {
                return Err(FeedError::InvalidXml {
                    at: (bom + at) as u64,
                    reason: "an XML declaration (<?xml …?>) after the start of the document (two documents joined together?)".to_owned(),
                });
            }
            let local = root
                .rsplit(':')
                .next()
                .unwrap_or(&root)
                .to_ascii_lowercase();
            match local.as_str() {
                "rss" | "feed" | "rdf" | "entry" => Ok(Kind::Xml { root, prolog }),
                "html" => Err(FeedError::NotAFeed(
                    "this is a web page (<html>), not its feed; look for the page's RSS or Atom link"
                        .to_owned(),
                )),
                "opml" => Err(FeedError::NotAFeed(
                    "this is an OPML list of subscriptions; import it as OPML".to_owned(),
                )),
                _ => Err(FeedError::NotAFeed(format!(
                    "the XML's root element is <{}>",
                    sanitize_line(&root)
                ))),
            }
        }
        Some(_) => Err(FeedError::NotAFeed(
            "the document is neither XML nor JSON".to_owned(),
        )),
    }
}

/// Walks the XML prolog (declaration, comments, processing instructions, DOCTYPE) and
/// returns the root element's name and what the prolog says, refusing entity
/// declarations on the way.
fn read_prolog(head: &[u8]) -> Result<(String, Prolog), FeedError> {
    let mut prolog = Prolog::default();
    let mut i = 0;
    loop {
        while head.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let rest = &head[i..];
        // Every piece of a prolog, and the root's start tag, ends with `>`.
        if !rest.contains(&b'>') {
            return Err(FeedError::Truncated);
        }
        if rest.starts_with(b"<?") {
            let len = find(rest, b"?>").ok_or(FeedError::Truncated)? + 2;
            if is_declaration(rest) {
                if prolog.declaration.is_some() {
                    return Err(FeedError::InvalidXml {
                        at: i as u64,
                        reason: "a second XML declaration (<?xml …?>)".to_owned(),
                    });
                }
                prolog.declaration = Some((i, i + len));
                prolog.encoding = declared_encoding(&rest[..len]);
            }
            i += len;
        } else if rest.starts_with(b"<!--") {
            i += find(&rest[4..], b"-->").ok_or(FeedError::Truncated)? + 7;
        } else if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<!DOCTYPE") {
            i += doctype_len(rest)?;
        } else if rest.len() >= 2 && rest[0] == b'<' && is_name_start(rest[1]) {
            let name: Vec<u8> = rest[1..]
                .iter()
                .take_while(|&&b| !b.is_ascii_whitespace() && b != b'>' && b != b'/')
                .take(64)
                .copied()
                .collect();
            prolog.root_at = i;
            return Ok((String::from_utf8_lossy(&name).into_owned(), prolog));
        } else {
            return Err(FeedError::InvalidXml {
                at: i as u64,
                reason: "expected the feed's first element".to_owned(),
            });
        }
    }
}

/// Whether `text` starts with an XML declaration: `<?xml` then space or `?`.
fn is_declaration(text: &[u8]) -> bool {
    text.len() > 5
        && text[..5].eq_ignore_ascii_case(b"<?xml")
        && (text[5].is_ascii_whitespace() || text[5] == b'?')
}

/// The `encoding` a declaration names, when it is a plausible encoding name.
fn declared_encoding(declaration: &[u8]) -> Option<String> {
    let at = declaration.windows(8).position(|w| w == b"encoding")?;
    let rest = declaration[at + 8..]
        .trim_ascii_start()
        .strip_prefix(b"=")?;
    let rest = rest.trim_ascii_start();
    let quote = *rest.first().filter(|&&q| q == b'"' || q == b'\'')?;
    let name: Vec<u8> = rest[1..]
        .iter()
        .copied()
        .take_while(|&b| b != quote)
        .collect();
    let plausible = !name.is_empty()
        && name.len() <= 40
        && name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    plausible.then(|| String::from_utf8_lossy(&name).into_owned())
}

/// The offset of an XML declaration after `from`, where it is not well-formed and
/// where quick-xml cannot take it: a declaration naming another encoding once reading
/// has begun makes it panic. One inside CDATA or a comment is refused too; telling
/// those apart reliably would take a second XML parser, and raw declarations inside
/// content are rare enough not to be worth that risk.
fn late_declaration(bytes: &[u8], from: usize) -> Option<usize> {
    // `?` is rarer than `<` in feeds, so it is what the scan looks for.
    let mut at = from;
    while let Some(p) = bytes.get(at..).and_then(|rest| find_byte(rest, b'?')) {
        let question = at + p;
        at = question + 1;
        if question > 0 && bytes[question - 1] == b'<' && is_declaration(&bytes[question - 1..]) {
            return Some(question - 1);
        }
    }
    None
}

/// The bytes for feed-rs. Its reader can only take the declared encoding while the
/// declaration is within the first 64 bytes; a single-byte feed with blank lines, a
/// comment before its declaration, or a long declaration gets a short declaration
/// at byte 0 instead, so it is still decoded as it says.
fn for_feed_rs<'a>(bytes: &'a [u8], prolog: &Prolog) -> Cow<'a, [u8]> {
    let (Some(encoding), Some((start, end))) = (&prolog.encoding, prolog.declaration) else {
        return Cow::Borrowed(bytes);
    };
    let utf8 = encoding.eq_ignore_ascii_case("utf-8") || encoding.eq_ignore_ascii_case("utf8");
    if utf8 || (start == 0 && end <= 60) {
        return Cow::Borrowed(bytes);
    }
    let mut fixed = format!("<?xml version=\"1.0\" encoding=\"{encoding}\"?>").into_bytes();
    fixed.extend_from_slice(&bytes[end..]);
    Cow::Owned(fixed)
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

/// The length of the DOCTYPE declaration at the start of `text`, refusing one whose
/// internal subset declares an entity. Quoted strings are skipped whole, so a `>` or
/// `]` inside a literal does not end it early.
fn doctype_len(text: &[u8]) -> Result<usize, FeedError> {
    let mut i = 9;
    let mut in_subset = false;
    let mut quote = None;
    while let Some(&b) = text.get(i) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' => in_subset = true,
                b']' => in_subset = false,
                b'<' if in_subset => {
                    let decl = &text[i..text.len().min(i + 8)];
                    if decl.eq_ignore_ascii_case(b"<!ENTITY") {
                        return Err(FeedError::EntityDeclarations);
                    }
                }
                b'>' if !in_subset => return Ok(i + 1),
                _ => {}
            },
        }
        i += 1;
    }
    Err(FeedError::Truncated)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether the document ends with `</root>` (trailing space, comments and processing
/// instructions aside): the cheap test that a download was not cut short.
fn ends_with_end_tag(bytes: &[u8], root: &str) -> bool {
    let mut end = bytes.trim_ascii_end();
    loop {
        if end.ends_with(b"-->") {
            match end.windows(4).rposition(|w| w == b"<!--") {
                Some(at) => end = end[..at].trim_ascii_end(),
                None => return false,
            }
        } else if end.ends_with(b"?>") {
            match end.iter().rposition(|&b| b == b'<') {
                Some(at) => end = end[..at].trim_ascii_end(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let Some(tag) = end.strip_suffix(b">") else {
        return false;
    };
    let Some(open) = tag.windows(2).rposition(|w| w == b"</") else {
        return false;
    };
    tag[open + 2..].trim_ascii() == root.as_bytes()
}

/// Finds why a feed failed: where its XML breaks, or that it stops early.
fn xml_problem(bytes: &[u8]) -> Option<FeedError> {
    let bytes = ascii_view(bytes);
    let mut reader = quick_xml::Reader::from_reader(&bytes[..]);
    reader.config_mut().allow_dangling_amp = true;
    let mut depth = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => return (depth > 0).then_some(FeedError::Truncated),
            Ok(_) => {}
            Err(err) => {
                let truncated =
                    matches!(
                        err,
                        XmlError::Syntax(ref s) if *s != SyntaxError::InvalidBangMarkup
                    ) || matches!(err, XmlError::IllFormed(IllFormedError::MissingEndTag(_)));
                if truncated {
                    return Some(FeedError::Truncated);
                }
                return Some(FeedError::InvalidXml {
                    at: reader.error_position(),
                    reason: sanitize_line(&err.to_string()),
                });
            }
        }
    }
}

/// The bytes with every byte of an invalid UTF-8 sequence replaced by `?`: the
/// structure of a feed in a single-byte encoding (latin-1, windows-1252), at the same
/// offsets, for a reader that only takes UTF-8.
fn ascii_view(bytes: &[u8]) -> Cow<'_, [u8]> {
    if std::str::from_utf8(bytes).is_ok() {
        return Cow::Borrowed(bytes);
    }
    let mut out = bytes.to_vec();
    let mut at = 0;
    while at < out.len() {
        match std::str::from_utf8(&out[at..]) {
            Ok(_) => break,
            Err(err) => {
                let bad = at + err.valid_up_to();
                let len = err.error_len().unwrap_or(out.len() - bad);
                out[bad..bad + len].fill(b'?');
                at = bad + len;
            }
        }
    }
    Cow::Owned(out)
}

/// Turns a `feed-rs` error into one a person can act on.
fn explain(bytes: &[u8], kind: &Kind, err: &feed_rs::parser::ParseFeedError) -> FeedError {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    match kind {
        Kind::Json => {
            let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            let value = match serde_json::from_slice::<serde_json::Value>(text) {
                Err(json) if json.is_eof() => return FeedError::Truncated,
                Err(json) => return FeedError::InvalidJson(sanitize_line(&json.to_string())),
                Ok(value) => value,
            };
            match value.get("version").and_then(serde_json::Value::as_str) {
                None => FeedError::NotAFeed("JSON without a JSON Feed \"version\"".to_owned()),
                Some(version) if !version.starts_with("https://jsonfeed.org/version/1") => {
                    FeedError::NotAFeed(format!(
                        "JSON whose version {:?} is not https://jsonfeed.org/version/1.x",
                        sanitize_line(version)
                    ))
                }
                Some(_) => FeedError::Unreadable(sanitize_line(&err.to_string())),
            }
        }
        Kind::Xml { .. } => {
            if let Some(problem) = xml_problem(bytes) {
                return problem;
            }
            match err {
                ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => FeedError::NotAFeed(
                    "the XML has no <channel> or entries where a feed has them".to_owned(),
                ),
                other => FeedError::Unreadable(sanitize_line(&other.to_string())),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// What a reader gives, and from there to entries

/// A feed as a reader (feed-rs or [`atom`]) gives it, before gloss makes it safe.
#[derive(Debug, Default, PartialEq, Eq)]
struct RawFeed {
    title: Option<String>,
    links: Vec<RawLink>,
    /// The names of the feed's authors, as written.
    authors: Vec<String>,
    entries: Vec<RawEntry>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct RawLink {
    rel: Option<String>,
    href: String,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct RawEntry {
    id: String,
    title: Option<String>,
    links: Vec<RawLink>,
    /// When it was published, else last updated, as `YYYY-MM-DD` in UTC.
    day: Option<String>,
    authors: Vec<String>,
    content: Option<RawText>,
    summary: Option<RawText>,
}

/// Content or a summary with the media type it was given as (`text/html`,
/// `text/plain`, …).
#[derive(Debug, Default, PartialEq, Eq)]
struct RawText {
    body: String,
    kind: String,
}

impl From<model::Feed> for RawFeed {
    fn from(feed: model::Feed) -> Self {
        // A comment feed (`wfw:commentRss`) is a link without `rel`, which would read as
        // the entry's page; it is never that, so it is left out.
        let links = |links: Vec<model::Link>| {
            links
                .into_iter()
                .filter(|l| l.target != Some(model::LinkTarget::CommentsFeed))
                .map(|l| RawLink {
                    rel: l.rel,
                    href: l.href,
                })
                .collect()
        };
        let names =
            |people: Vec<model::Person>| people.into_iter().filter_map(|p| p.name).collect();
        let entries = feed
            .entries
            .into_iter()
            .map(|e| RawEntry {
                id: e.id,
                title: e.title.map(|t| t.content),
                links: links(e.links),
                day: e
                    .published
                    .or(e.updated)
                    .map(|d| d.format("%Y-%m-%d").to_string()),
                authors: names(e.authors),
                content: e.content.and_then(|c| {
                    Some(RawText {
                        kind: c.content_type.essence().to_string(),
                        body: c.body?,
                    })
                }),
                summary: e.summary.map(|t| RawText {
                    kind: t.content_type.essence().to_string(),
                    body: t.content,
                }),
            })
            .collect();
        RawFeed {
            title: feed.title.map(|t| t.content),
            links: links(feed.links),
            authors: names(feed.authors),
            entries,
        }
    }
}

fn convert(raw: RawFeed) -> Feed {
    let site = home_link(&raw.links, None);
    let feed_authors = byline(&raw.authors);
    let entries = raw
        .entries
        .into_iter()
        .map(|e| entry(e, site.as_deref(), feed_authors.as_deref()))
        .collect();
    Feed {
        title: raw
            .title
            .map(|t| html_to_line(&t))
            .filter(|t| !t.is_empty()),
        site,
        entries,
    }
}

fn entry(raw: RawEntry, site: Option<&str>, feed_author: Option<&str>) -> FeedEntry {
    let title = raw
        .title
        .map(|t| html_to_line(&t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| UNTITLED.to_owned());
    let link = home_link(&raw.links, site);
    let date = raw.day.and_then(|d| Date::parse(&d)).map(|d| d.to_string());
    let content = raw.content.and_then(|c| markup(&c.body, &c.kind));
    let summary = raw.summary.and_then(|t| markup(&t.body, &t.kind));
    let id = entry_id(&raw.id, link.as_deref(), &title, date.as_deref());
    FeedEntry {
        id,
        title,
        link,
        author: byline(&raw.authors).or_else(|| feed_author.map(str::to_owned)),
        date,
        content,
        summary,
    }
}

/// The entry's id as given, else its link, else a hash of its title and date.
fn entry_id(given: &str, link: Option<&str>, title: &str, date: Option<&str>) -> String {
    let id = sanitize_line(given).trim().to_owned();
    if id.len() > MAX_ID_BYTES {
        return format!("hash:{}", article_id(&id));
    }
    if !id.is_empty() {
        return id;
    }
    if let Some(link) = link {
        return link.to_owned();
    }
    format!(
        "hash:{}",
        article_id(&format!("{title}\u{1f}{}", date.unwrap_or_default()))
    )
}

/// The first link that is the page itself (no `rel`, or `rel="alternate"`), made
/// absolute against `base` when it is a path.
fn home_link(links: &[RawLink], base: Option<&str>) -> Option<String> {
    links
        .iter()
        .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .find_map(|l| resolve(&l.href, base))
}

/// An http(s) URL from `href`, resolving `/path` and `//host/path` against `base`.
fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if let Some(url) = web_url(href) {
        return Some(url);
    }
    let base = base.and_then(web_url)?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(host_path) = href.strip_prefix("//") {
        return web_url(&format!("{scheme}://{host_path}"));
    }
    if href.starts_with('/') {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        return web_url(&format!("{scheme}://{host}{href}"));
    }
    None
}

/// An address gloss keeps: http or https, one line without spaces, at most 2000 bytes.
pub(super) fn web_url(href: &str) -> Option<String> {
    let href = href.trim();
    let scheme = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let ok = (scheme.starts_with("http://") || scheme.starts_with("https://"))
        && href.len() > scheme.find("//").map_or(0, |s| s + 2)
        && href.len() <= 2000
        && !href.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| href.to_owned())
}

/// The names of up to three people as one line, or `None`.
fn byline(names: &[String]) -> Option<String> {
    let names: Vec<String> = names
        .iter()
        .map(|name| {
            // RSS writes `email (Name)`, and feed-rs keeps the brackets.
            let name = html_to_line(name);
            match name.strip_prefix('(').and_then(|n| n.strip_suffix(')')) {
                Some(inner) => inner.trim().to_owned(),
                None => name,
            }
        })
        .filter(|n| !n.is_empty())
        .take(3)
        .collect();
    let line = names.join(", ");
    (!line.is_empty()).then(|| truncate(&line, MAX_AUTHOR_CHARS))
}

/// Content or a summary as gloss keeps it: terminal-safe, HTML when it has tags, plain
/// text otherwise. `kind` is the media type the feed gave.
fn markup(body: &str, kind: &str) -> Option<String> {
    // feed-rs names Atom's xhtml content `application/xhtml`.
    let html = matches!(
        kind,
        "text/html" | "application/xhtml" | "application/xhtml+xml" | "text/xml"
    );
    if !html && !kind.starts_with("text/") {
        // Base64 images and other media are not text to read.
        return None;
    }
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return None;
    }
    let (body, _) = sanitize(trimmed);
    let kept = match (html, looks_like_html(&body)) {
        // Plain text that would read as markup is escaped so it stays text.
        (false, true) => super::archive::text_to_html(&body),
        // HTML without tags but with references is marked as HTML by a paragraph.
        (true, false) if body.contains('&') => format!("<p>{body}</p>"),
        _ => body,
    };
    Some(kept)
}

/// Whether `text` has something that reads as an HTML tag or comment.
pub(super) fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        && text.contains('>')
}

// ---------------------------------------------------------------------------
// HTML fragments to plain text

/// The text of an HTML fragment (a title, a name) as one safe line of at most 300
/// characters: tags and scripts removed, references decoded, whitespace collapsed.
pub(super) fn html_to_line(html: &str) -> String {
    let text = sanitize_line(&plain_text(html));
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate(&joined, MAX_TITLE_CHARS)
}

/// At most `max` characters of `text`, the last an ellipsis when it was cut.
pub(super) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// How many characters of text, not counting markup or runs of whitespace.
fn text_len(html: &str) -> usize {
    plain_text(html)
        .split_whitespace()
        .map(|w| w.chars().count() + 1)
        .sum()
}

/// The text of an HTML fragment: tags dropped (a space for those that break a line),
/// `script` and `style` elements and comments dropped whole, references decoded.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_references(&rest[..lt], &mut out);
        let after = &rest[lt + 1..];
        let starts_tag = after
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
        if !starts_tag {
            out.push('<');
            rest = after;
            continue;
        }
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else {
            // An unclosed tag: the rest is inside it.
            rest = "";
            break;
        };
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &after[gt + 1..];
        if !after.starts_with('/') && matches!(name.as_str(), "script" | "style") {
            rest = skip_raw_text(rest, &name);
        } else if breaks_line(&name) {
            out.push(' ');
        }
    }
    decode_references(rest, &mut out);
    out
}

/// `text` after the end tag `</name …>` (case-insensitive), or nothing when there is
/// none.
fn skip_raw_text<'a>(text: &'a str, name: &str) -> &'a str {
    let mut at = 0;
    while let Some(p) = text[at..].find("</") {
        let tag = at + p + 2;
        let matches = text
            .get(tag..tag + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if matches {
            return text[tag..].find('>').map_or("", |gt| &text[tag + gt + 1..]);
        }
        at = tag;
    }
    ""
}

fn breaks_line(name: &str) -> bool {
    matches!(
        name,
        "br" | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "section"
            | "article"
            | "hr"
    )
}

/// Appends `text` to `out` with character references (`&amp;`, `&#8217;`, `&eacute;`)
/// decoded; anything that is not a complete reference is kept as written.
pub(super) fn decode_references(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let name_len = rest[1..]
            .bytes()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        let name = &rest[1..=name_len];
        if rest[1 + name_len..].starts_with(';') {
            if let Some(decoded) = reference(name) {
                out.push_str(&decoded);
                rest = &rest[name_len + 2..];
                continue;
            }
        }
        out.push('&');
        rest = &rest[1..];
    }
    out.push_str(rest);
}

/// The text a reference's name (between `&` and `;`) stands for.
fn reference(name: &str) -> Option<Cow<'static, str>> {
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        let c = char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}');
        return Some(Cow::Owned(c.to_string()));
    }
    quick_xml::escape::resolve_html5_entity(name).map(Cow::Borrowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_become_one_plain_line() {
        let cases = [
            (
                "Budget <em>passes</em> &amp; rates",
                "Budget passes & rates",
            ),
            (
                "<script>alert('x')</script>Port <b>deal</b><style>p{}</style>",
                "Port deal",
            ),
            ("Line<br>break", "Line break"),
            (
                "5 < 6 &lt;b&gt; &unknown; & more",
                "5 < 6 <b> &unknown; & more",
            ),
            ("caf&eacute; &#8217;&#x2014;&#0;", "café ’—\u{fffd}"),
            ("<!-- hidden -->Shown <a href='x'", "Shown"),
            ("Evil \u{1b}]0;title\u{7}bell &#27;[2J", "Evil bell"),
        ];
        for (html, want) in cases {
            assert_eq!(html_to_line(html), want, "{html:?}");
        }
    }

    #[test]
    fn long_titles_are_cut_with_an_ellipsis() {
        let long = "word ".repeat(100);
        let line = html_to_line(&long);
        assert_eq!(line.chars().count(), 300);
        assert!(line.ends_with("word…"), "{line}");
    }

    #[test]
    fn only_web_addresses_are_kept() {
        assert_eq!(
            web_url(" https://x.example/a "),
            Some("https://x.example/a".into())
        );
        assert_eq!(web_url("HTTP://X.example"), Some("HTTP://X.example".into()));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,hi",
            "file:///etc/passwd",
            "https://",
            "https://a b",
            "ftp://x.example",
        ] {
            assert_eq!(web_url(bad), None, "{bad}");
        }
        let base = Some("https://news.example/feed/");
        assert_eq!(
            resolve("/2026/03/a", base),
            Some("https://news.example/2026/03/a".into())
        );
        assert_eq!(
            resolve("//cdn.example/x", base),
            Some("https://cdn.example/x".into())
        );
        assert_eq!(resolve("relative/a", base), None);
        assert_eq!(resolve("/a", None), None);
    }

    #[test]
    fn prologs_are_walked_and_entities_refused() {
        let ok = b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE rss PUBLIC \"-//x//EN\" \"http://x.example/rss.dtd\">\n<rss version=\"2.0\">";
        assert!(matches!(sniff(ok), Ok(Kind::Xml { root, .. }) if root == "rss"));
        let declared = b"<!DOCTYPE rss [ <!ELEMENT rss ANY> <!entity x \"y\"> ]><rss/>";
        assert_eq!(
            sniff(declared).map(|_| ()),
            Err(FeedError::EntityDeclarations)
        );
        // A `]>` inside a literal does not end the DOCTYPE before the declaration.
        let hidden = b"<!DOCTYPE rss [ <!ATTLIST rss a CDATA \"]>\"> <!ENTITY x \"y\"> ]><rss/>";
        assert_eq!(
            sniff(hidden).map(|_| ()),
            Err(FeedError::EntityDeclarations)
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>").map(|_| ()),
            Err(FeedError::Truncated)
        );
        assert!(matches!(sniff(b"  {\"a\":1}"), Ok(Kind::Json)));
    }

    #[test]
    fn end_tags_are_found_past_trailing_comments() {
        assert!(ends_with_end_tag(b"<rss></rss >\n<!-- 0.2s -->\n", "rss"));
        assert!(ends_with_end_tag(b"<rdf:RDF></rdf:RDF>", "rdf:RDF"));
        assert!(!ends_with_end_tag(b"<rss><channel></channel>", "rss"));
        assert!(!ends_with_end_tag(b"<rss></rss", "rss"));
    }

    #[test]
    fn teasers_are_told_from_full_text() {
        let mut e = FeedEntry {
            summary: Some("<p>A short teaser.</p>".into()),
            ..FeedEntry::default()
        };
        assert!(e.is_summary_only());
        e.content = Some("<p>A short teaser.</p>".into());
        assert!(e.is_summary_only());
        e.content = Some(format!("<p>{}</p>", "Full text. ".repeat(30)));
        assert!(!e.is_summary_only());
        e.content = None;
        e.summary = Some("Long summary. ".repeat(60));
        assert!(!e.is_summary_only());
        assert!(FeedEntry::default().is_summary_only());
    }
}
