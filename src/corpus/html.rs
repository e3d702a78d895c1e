//! HTML pages to articles: metadata, the main text, and numbered links.
//!
//! A small tokenizer of our own builds a flat, balanced list of events (no recursion,
//! bounded depth and element count), the article's element is chosen (`<article>`,
//! `<main>`, else the element holding most paragraph text), and that element is
//! rendered as display text with page furniture dropped. Everything returned is run
//! through the terminal sanitiser.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use super::decode::{decode, SkipReason};
use super::markdown::layout_table;
use super::plain;
use crate::text::{sanitize, sanitize_line, Date};

/// Elements beyond this many are read as if their tags were absent.
const MAX_ELEMENTS: usize = 400_000;
/// Tags opened deeper than this are read as if absent.
const MAX_DEPTH: usize = 256;
/// Distinct tag names remembered; further names share one slot.
const MAX_NAMES: usize = 2048;
/// The least paragraph text (non-space characters outside links) an article has.
const MIN_ARTICLE_CHARS: usize = 120;
/// The `<meta name="generator">` of pages gloss writes for feed entries it keeps on
/// disk: such a page is an article however short (a feed entry may be one sentence).
pub const ARCHIVE_GENERATOR: &str = "gloss feed archive";

/// An article read from an HTML page; every field is terminal-safe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// The headline, from `og:title`, the first `<h1>` or `<title>`.
    pub title: Option<String>,
    /// The byline, from `<meta name="author">`, `rel=author` or a byline element.
    pub byline: Option<String>,
    /// The publication date as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The canonical address of the page, when it names one.
    pub url: Option<String>,
    /// The site's name, from `og:site_name` or `application-name`.
    pub site: Option<String>,
    /// The main text, followed by a "Links" list when the text has links.
    pub text: String,
    /// The numbered links, `links[0]` being `[1]`.
    pub links: Vec<String>,
    /// The byte offset of the first invalid UTF-8 sequence, when there was one.
    pub invalid_utf8_at: Option<usize>,
    /// Whether tags were ignored because the page nests too deep or has too many.
    pub truncated: bool,
    /// Lines of page furniture dropped from the text.
    pub leftovers: usize,
}

/// Extracts the article from the bytes of an HTML page.
///
/// The bytes are decoded by the declared charset (windows-1252 and latin-1 are read as
/// windows-1252; anything else as UTF-8, lossily). A page with almost no paragraph
/// text is refused with [`SkipReason::NotAnArticle`].
pub fn extract(bytes: &[u8]) -> Result<HtmlArticle, SkipReason> {
    let (source, invalid_utf8_at) = decode_page(bytes)?;
    let page = Builder::build(&source);
    let root = choose_root(&page).ok_or(SkipReason::NotAnArticle)?;
    let (text, links) = Renderer::render(&page, root);
    let (text, _) = sanitize(&text);
    let (mut text, tidied) = plain::tidy(&text);

    let title = page
        .og_title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .or_else(|| page.h1.as_deref().map(one_line).filter(|t| !t.is_empty()))
        .or_else(|| {
            page.title
                .as_deref()
                .map(|t| one_line(&strip_tags(t)))
                .filter(|t| !t.is_empty())
        });
    if let Some(title) = &title {
        let first = text.lines().next().unwrap_or_default();
        if first.trim() == title {
            text = text[first.len()..].trim_start_matches('\n').to_owned();
        }
    }
    if text.trim().is_empty() {
        return Err(SkipReason::NotAnArticle);
    }
    if !links.is_empty() {
        text.push_str("\n\nLinks");
        for (n, link) in links.iter().enumerate() {
            let _ = write!(text, "\n[{}] {link}", n + 1);
        }
    }
    let byline = page
        .meta_author
        .as_deref()
        .or(page.byline.as_deref())
        .map(|b| {
            let b = one_line(b);
            let b = b
                .strip_prefix("By ")
                .or_else(|| b.strip_prefix("by "))
                .unwrap_or(&b);
            b.trim().to_owned()
        })
        .filter(|b| !b.is_empty());
    let date = page
        .meta_date
        .iter()
        .chain(&page.time)
        .find_map(|raw| Date::parse(raw))
        .map(|d| d.to_string());
    Ok(HtmlArticle {
        title,
        byline,
        date,
        url: page.canonical.clone(),
        site: page.site.as_deref().map(one_line).filter(|s| !s.is_empty()),
        text,
        links,
        invalid_utf8_at,
        truncated: page.truncated,
        leftovers: tidied.leftovers,
    })
}

/// One line of safe text with runs of whitespace collapsed, at most 300 characters.
fn one_line(text: &str) -> String {
    let line = sanitize_line(text);
    let joined = line.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.chars().take(300).collect()
}

/// Removes anything that looks like a tag from text (titles are raw text in HTML).
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Decoding

fn decode_page(bytes: &[u8]) -> Result<(String, Option<usize>), SkipReason> {
    let has_bom = bytes.starts_with(b"\xef\xbb\xbf")
        || bytes.starts_with(b"\xff\xfe")
        || bytes.starts_with(b"\xfe\xff");
    let head = &bytes[..bytes.len().min(4096)];
    if !has_bom && declared_charset(head).as_deref().is_some_and(is_western) {
        if head.contains(&0) {
            return Err(SkipReason::Binary);
        }
        let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
        if text.trim().is_empty() {
            return Err(SkipReason::Empty);
        }
        return Ok((text, None));
    }
    let decoded = decode(bytes)?;
    Ok((decoded.text, decoded.invalid_utf8_at))
}

/// The charset a page declares near its start (`<meta charset>` or `http-equiv`).
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let needle = b"charset=";
    let at = lower.windows(needle.len()).position(|w| w == needle)?;
    let rest = &lower[at + needle.len()..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let name: String = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
        .map(|&b| char::from(b))
        .collect();
    (!name.is_empty()).then_some(name)
}

fn is_western(name: &str) -> bool {
    matches!(
        name,
        "windows-1252"
            | "cp1252"
            | "x-cp1252"
            | "iso-8859-1"
            | "iso8859-1"
            | "iso_8859-1"
            | "latin1"
            | "latin-1"
            | "l1"
            | "us-ascii"
            | "ascii"
    )
}

/// Returns the character a windows-1252 byte stands for (unassigned bytes map to the
/// C1 control of the same number, which the sanitiser then removes).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    if (0x80..0xa0).contains(&byte) {
        HIGH[usize::from(byte - 0x80)]
    } else {
        char::from(byte)
    }
}

/// Appends `text` to `out` with character references decoded.
#[allow(clippy::single_match_else)]
fn decode_entities(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match entity(rest) {
            Some((c, len)) => {
                if let Some(c) = c {
                    out.push(c);
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Reads one character reference at the start of `text` (which starts with `&`):
/// the character (none for a soft hyphen) and the bytes it took.
fn entity(text: &str) -> Option<(Option<char>, usize)> {
    let body = &text[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (num, 10, 2),
        };
        let len = digits
            .bytes()
            .take(8)
            .take_while(|b| char::from(*b).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len], radix).ok()?;
        let c = match value {
            0x80..=0x9f => windows_1252(u8::try_from(value).ok()?),
            _ => char::from_u32(value)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{fffd}'),
        };
        let semi = usize::from(digits[len..].starts_with(';'));
        return Some((Some(c), skip + len + semi));
    }
    let len = body
        .bytes()
        .take(10)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if !body[len..].starts_with(';') {
        return None;
    }
    let c = match &body[..len] {
        "shy" => return Some((None, len + 2)),
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "sect" => '§',
        "para" => '¶',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "oacute" => 'ó',
        "iacute" => 'í',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "Eacute" => 'É',
        "oslash" => 'ø',
        "aring" => 'å',
        _ => return None,
    };
    Some((Some(c), len + 2))
}

// ---------------------------------------------------------------------------
// Building the event list

/// What an element means for rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Heading,
    List { ordered: bool },
    Item,
    Quote,
    Table,
    Row,
    Cell { header: bool },
    Pre,
    Link,
    Block,
    Inline,
}

#[derive(Debug, Clone, Copy)]
enum Ev {
    Open(usize),
    Close(usize),
    Text(usize, usize),
    Break,
}

#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)]
struct Elem {
    name: usize,
    kind: Kind,
    /// Furniture: the element and everything in it are left out of the text.
    junk: bool,
    /// Inside (or is) furniture other than a page header: its text never counts.
    hidden: bool,
    is_article: bool,
    is_main: bool,
    is_byline: bool,
    href: Option<usize>,
    parent: Option<usize>,
    open_ev: usize,
    close_ev: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    H1,
    Byline,
    Time,
}

#[derive(Default)]
struct Page {
    events: Vec<Ev>,
    elems: Vec<Elem>,
    buf: String,
    urls: Vec<String>,
    og_title: Option<String>,
    h1: Option<String>,
    title: Option<String>,
    meta_author: Option<String>,
    byline: Option<String>,
    meta_date: Vec<String>,
    time: Option<String>,
    canonical: Option<String>,
    site: Option<String>,
    /// Written by gloss's feed archive: any text at all is the article.
    archived: bool,
    truncated: bool,
}

#[derive(Default)]
struct Builder {
    page: Page,
    names: FxHashMap<String, usize>,
    /// How many elements of each name are open.
    open_count: Vec<usize>,
    stack: Vec<usize>,
    /// How many open elements hide their text from the scores and metadata.
    hidden_open: usize,
    capture: Option<(Capture, usize, String)>,
}

impl Builder {
    fn build(source: &str) -> Page {
        let mut b = Self::default();
        b.names.insert(String::new(), 0);
        b.open_count.push(0);
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let Some(lt) = source[i..].find('<').map(|p| p + i) else {
                b.text(&source[i..]);
                break;
            };
            b.text(&source[i..lt]);
            let next = bytes.get(lt + 1).copied().unwrap_or(b' ');
            if source[lt..].starts_with("<!--") {
                i = source[lt + 4..]
                    .find("-->")
                    .map_or(bytes.len(), |p| lt + 4 + p + 3);
            } else if next == b'/' && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
                let end = source[lt..].find('>').map_or(bytes.len(), |p| lt + p + 1);
                let name = tag_name(&source[lt + 2..end]);
                b.close(&name);
                i = end;
            } else if next == b'!' || next == b'?' || next == b'/' {
                i = source[lt..].find('>').map_or(bytes.len(), |p| lt + p + 1);
            } else if next.is_ascii_alphabetic() {
                let (name, attrs, end) = parse_tag(source, lt + 1);
                i = end;
                if matches!(
                    name.as_str(),
                    "script"
                        | "style"
                        | "title"
                        | "textarea"
                        | "xmp"
                        | "noscript"
                        | "iframe"
                        | "noembed"
                        | "noframes"
                        | "plaintext"
                ) {
                    let (content, after) = raw_text(source, i, &name);
                    if name == "title" && b.page.title.is_none() {
                        let mut t = String::new();
                        decode_entities(&content[..content.len().min(4096)], &mut t);
                        b.page.title = Some(t);
                    }
                    i = after;
                } else {
                    b.open(&name, &attrs);
                }
            } else {
                b.text("<");
                i = lt + 1;
            }
        }
        while let Some(&top) = b.stack.last() {
            b.pop(top);
        }
        b.page
    }

    fn name_id(&mut self, name: &str) -> usize {
        if let Some(&id) = self.names.get(name) {
            return id;
        }
        if self.names.len() >= MAX_NAMES {
            return 0;
        }
        let id = self.names.len();
        self.names.insert(name.to_owned(), id);
        self.open_count.push(0);
        id
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let start = self.page.buf.len();
        decode_entities(raw, &mut self.page.buf);
        let end = self.page.buf.len();
        if let Some((_, _, captured)) = &mut self.capture {
            if captured.len() < 1024 {
                let cut = floor_boundary(&self.page.buf, end.min(start + 1024));
                captured.push_str(&self.page.buf[start..cut]);
            }
        }
        if let Some(Ev::Text(_, last_end)) = self.page.events.last_mut() {
            if *last_end == start {
                *last_end = end;
                return;
            }
        }
        self.page.events.push(Ev::Text(start, end));
    }

    fn top_kind(&self) -> Option<Kind> {
        self.stack.last().map(|&e| self.page.elems[e].kind)
    }

    /// Closes the nearest open element of one of `kinds`, unless one of `stop` comes
    /// first (looking at most a few elements down).
    fn close_open(&mut self, kinds: &[Kind], stop: &[Kind]) {
        for &e in self.stack.iter().rev().take(6) {
            let kind = self.page.elems[e].kind;
            if stop.contains(&kind) {
                return;
            }
            if kinds.contains(&kind) {
                while let Some(&top) = self.stack.last() {
                    self.pop(top);
                    if top == e {
                        return;
                    }
                }
                return;
            }
        }
    }

    #[allow(clippy::too_many_lines)]
    fn open(&mut self, name: &str, attrs: &[(String, String)]) {
        let attr = |key: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        if name == "meta" {
            self.meta(
                attr("name").or(attr("property")).or(attr("itemprop")),
                attr("content"),
            );
            return;
        }
        if name == "link" {
            if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                if let Some(url) = attr("href").and_then(web_url) {
                    self.page.canonical.get_or_insert(url);
                }
            }
            return;
        }
        if matches!(name, "br" | "hr") {
            self.page.events.push(Ev::Break);
            return;
        }
        if is_void(name) {
            return;
        }
        let kind = kind_of(name);
        match kind {
            Kind::Para
            | Kind::Heading
            | Kind::List { .. }
            | Kind::Quote
            | Kind::Table
            | Kind::Pre
            | Kind::Block => {
                if self.top_kind() == Some(Kind::Para) {
                    let top = self.stack[self.stack.len() - 1];
                    self.pop(top);
                }
            }
            Kind::Item => self.close_open(
                &[Kind::Item],
                &[Kind::List { ordered: false }, Kind::List { ordered: true }],
            ),
            Kind::Cell { .. } => self.close_open(
                &[Kind::Cell { header: false }, Kind::Cell { header: true }],
                &[Kind::Row, Kind::Table],
            ),
            Kind::Row => self.close_open(&[Kind::Row], &[Kind::Table]),
            Kind::Link => self.close_open(&[Kind::Link], &[]),
            Kind::Inline => {}
        }
        if self.page.elems.len() >= MAX_ELEMENTS || self.stack.len() >= MAX_DEPTH {
            self.page.truncated = true;
            return;
        }
        let classes = [attr("class"), attr("id")];
        let role = attr("role").unwrap_or_default().to_ascii_lowercase();
        let structural = matches!(name, "html" | "body" | "main");
        let junk = matches!(
            name,
            "nav"
                | "header"
                | "footer"
                | "aside"
                | "form"
                | "svg"
                | "button"
                | "select"
                | "template"
                | "dialog"
                | "object"
                | "canvas"
                | "video"
                | "audio"
                | "menu"
        ) || (!structural && classes.iter().flatten().any(|c| junk_words(c)))
            || matches!(
                role.as_str(),
                "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "search"
            )
            || attr("hidden").is_some()
            || attr("aria-hidden").is_some_and(|v| v == "true");
        let parent = self.stack.last().copied();
        let hidden =
            parent.is_some_and(|p| self.page.elems[p].hidden) || (junk && name != "header");
        let is_byline = !hidden
            && (attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("author"))
                || attr("itemprop").is_some_and(|r| r == "author")
                || classes
                    .iter()
                    .flatten()
                    .any(|c| tokens(c).any(|t| matches!(t.as_str(), "byline" | "author"))));
        let href = if kind == Kind::Link {
            attr("href").and_then(web_url).map(|url| {
                self.page.urls.push(url);
                self.page.urls.len() - 1
            })
        } else {
            None
        };
        let id = self.name_id(name);
        let e = self.page.elems.len();
        self.page.elems.push(Elem {
            name: id,
            kind,
            junk,
            hidden,
            is_article: name == "article",
            is_main: name == "main" || role == "main",
            is_byline,
            href,
            parent,
            open_ev: self.page.events.len(),
            close_ev: usize::MAX,
        });
        self.page.events.push(Ev::Open(e));
        self.open_count[id] += 1;
        self.stack.push(e);
        if hidden {
            self.hidden_open += 1;
        }
        if self.capture.is_none() && self.hidden_open == 0 {
            if name == "h1" && self.page.h1.is_none() {
                self.capture = Some((Capture::H1, e, String::new()));
            } else if is_byline && self.page.byline.is_none() {
                self.capture = Some((Capture::Byline, e, String::new()));
            } else if name == "time" && self.page.time.is_none() {
                match attr("datetime") {
                    Some(dt) => self.page.time = Some(dt.to_owned()),
                    None => self.capture = Some((Capture::Time, e, String::new())),
                }
            }
        }
    }

    fn meta(&mut self, key: Option<&str>, content: Option<&str>) {
        let (Some(key), Some(content)) = (key, content) else {
            return;
        };
        let content = content.to_owned();
        match key.to_ascii_lowercase().as_str() {
            "og:title" | "twitter:title" => {
                self.page.og_title.get_or_insert(content);
            }
            "author" | "article:author" if !content.starts_with("http") => {
                self.page.meta_author.get_or_insert(content);
            }
            "article:published_time"
            | "datepublished"
            | "date"
            | "pubdate"
            | "dc.date"
            | "dcterms.created" => self.page.meta_date.push(content),
            "og:site_name" | "application-name" => {
                self.page.site.get_or_insert(content);
            }
            "generator" if content == ARCHIVE_GENERATOR => self.page.archived = true,
            "og:url" => {
                if let Some(url) = web_url(&content) {
                    self.page.canonical.get_or_insert(url);
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        let Some(&id) = self.names.get(name) else {
            return;
        };
        if id == 0 || self.open_count[id] == 0 {
            return;
        }
        while let Some(&top) = self.stack.last() {
            self.pop(top);
            if self.page.elems[top].name == id {
                return;
            }
        }
    }

    fn pop(&mut self, e: usize) {
        self.stack.pop();
        let elem = &mut self.page.elems[e];
        elem.close_ev = self.page.events.len();
        self.open_count[elem.name] -= 1;
        if elem.hidden {
            self.hidden_open -= 1;
        }
        self.page.events.push(Ev::Close(e));
        if self.capture.as_ref().is_some_and(|(_, at, _)| *at == e) {
            if let Some((what, _, text)) = self.capture.take() {
                match what {
                    Capture::H1 => self.page.h1 = Some(text),
                    Capture::Byline => self.page.byline = Some(text),
                    Capture::Time => self.page.time = Some(text),
                }
            }
        }
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "col"
            | "embed"
            | "img"
            | "input"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "image"
    )
}

fn kind_of(name: &str) -> Kind {
    match name {
        "p" => Kind::Para,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "ul" | "dl" => Kind::List { ordered: false },
        "ol" => Kind::List { ordered: true },
        "li" | "dt" | "dd" => Kind::Item,
        "blockquote" => Kind::Quote,
        "table" => Kind::Table,
        "tr" => Kind::Row,
        "td" => Kind::Cell { header: false },
        "th" => Kind::Cell { header: true },
        "pre" => Kind::Pre,
        "a" => Kind::Link,
        "div" | "section" | "article" | "main" | "header" | "footer" | "nav" | "aside"
        | "figure" | "figcaption" | "address" | "details" | "summary" | "hgroup" | "center"
        | "caption" | "form" | "fieldset" | "body" | "html" | "thead" | "tbody" | "tfoot" => {
            Kind::Block
        }
        _ => Kind::Inline,
    }
}

/// The words of a class or id value, lowercased.
fn tokens(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
}

/// Whether a class or id names page furniture.
fn junk_words(value: &str) -> bool {
    const PREFIXES: [&str; 13] = [
        "nav",
        "menu",
        "share",
        "sharing",
        "social",
        "cookie",
        "consent",
        "related",
        "comment",
        "promo",
        "newsletter",
        "subscri",
        "sponsor",
    ];
    tokens(value).any(|t| {
        PREFIXES.iter().any(|p| t.starts_with(p))
            || matches!(
                t.as_str(),
                "ad" | "ads"
                    | "advert"
                    | "advertisement"
                    | "adslot"
                    | "banner"
                    | "popup"
                    | "modal"
                    | "breadcrumb"
                    | "breadcrumbs"
                    | "sidebar"
                    | "outbrain"
                    | "taboola"
                    | "paywall"
                    | "gdpr"
            )
    })
}

/// A link target gloss lists: http or https, one line, no spaces, at most 2000 bytes.
fn web_url(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && href.len() <= 2000
        && !href.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| href.to_owned())
}

/// Reads a tag name up to whitespace, `/` or `>`, lowercased.
fn tag_name(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or_default()
        .chars()
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Parses a start tag whose name begins at `start`: its name, attributes and the
/// byte after its `>`.
fn parse_tag(source: &str, start: usize) -> (String, Vec<(String, String)>, usize) {
    let bytes = source.as_bytes();
    let mut i = start;
    while i < bytes.len() && !matches!(bytes[i], b'>' | b'/') && !bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    let name = tag_name(&source[start..i]);
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (name, attrs, bytes.len());
        }
        if bytes[i] == b'>' {
            return (name, attrs, i + 1);
        }
        let key_start = i;
        i += 1; // a name is at least one byte, even a stray `=`
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let key = source[key_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let raw = if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
                let quote = char::from(bytes[i]);
                let from = i + 1;
                let to = source[from..].find(quote).map_or(bytes.len(), |p| from + p);
                i = (to + 1).min(bytes.len());
                &source[from..to]
            } else {
                let from = i;
                while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                &source[from..i]
            };
            decode_entities(&raw[..floor_boundary(raw, 4096)], &mut value);
        }
        if attrs.len() < 32 {
            attrs.push((key, value));
        }
    }
}

/// The largest char boundary at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The raw text of a `script`-like element from `from`, and the byte after its end tag
/// (the first `</name` followed by space, `/` or `>`, as browsers read it).
fn raw_text<'a>(source: &'a str, from: usize, name: &str) -> (&'a str, usize) {
    let bytes = source.as_bytes();
    let mut at = from;
    while let Some(p) = source[at..].find("</") {
        let tag = at + p + 2;
        let end = tag + name.len();
        let matches = bytes
            .get(tag..end)
            .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(end)
                .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace());
        if matches {
            let after = source[end..].find('>').map_or(bytes.len(), |q| end + q + 1);
            return (&source[from..at + p], after);
        }
        at = tag;
    }
    (&source[from..], bytes.len())
}

// ---------------------------------------------------------------------------
// Choosing the article

/// Paragraph text (non-space characters outside links and furniture) per element,
/// summed over each element's subtree, and the score of each element as the parent
/// (full) or grandparent (half) of paragraphs.
fn paragraph_text(page: &Page) -> (Vec<usize>, Vec<usize>, usize) {
    let n = page.elems.len();
    let mut own = vec![0usize; n];
    let mut subtree = vec![0usize; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut in_para = 0usize;
    let mut in_link = 0usize;
    let mut total = 0;
    for ev in &page.events {
        match *ev {
            Ev::Open(e) => {
                stack.push(e);
                match page.elems[e].kind {
                    Kind::Para => in_para += 1,
                    Kind::Link => in_link += 1,
                    _ => {}
                }
            }
            Ev::Close(e) => {
                stack.pop();
                match page.elems[e].kind {
                    Kind::Para => in_para -= 1,
                    Kind::Link => in_link -= 1,
                    _ => {}
                }
                if let Some(parent) = page.elems[e].parent {
                    subtree[parent] += subtree[e];
                }
            }
            Ev::Text(from, to) => {
                let Some(&e) = stack.last() else { continue };
                if in_para > 0 && in_link == 0 && !page.elems[e].hidden {
                    let chars = page.buf[from..to]
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .count();
                    own[e] += chars;
                    subtree[e] += chars;
                    total += chars;
                }
            }
            Ev::Break => {}
        }
    }
    // Text counts for the paragraph holding it, then that paragraph's parents.
    let mut score = vec![0usize; n];
    for (e, elem) in page.elems.iter().enumerate() {
        if elem.kind != Kind::Para || elem.hidden {
            continue;
        }
        let text = subtree[e];
        if let Some(parent) = elem.parent {
            score[parent] += text;
            if let Some(grand) = page.elems[parent].parent {
                score[grand] += text / 2;
            }
        }
    }
    let _ = own;
    (subtree, score, total)
}

fn choose_root(page: &Page) -> Option<usize> {
    let (subtree, score, total) = paragraph_text(page);
    let least = if page.archived { 1 } else { MIN_ARTICLE_CHARS };
    if total < least {
        return None;
    }
    let best_of = |want: &dyn Fn(&Elem) -> bool| {
        page.elems
            .iter()
            .enumerate()
            .filter(|(_, el)| !el.hidden && want(el))
            .max_by_key(|(e, _)| subtree[*e])
            .map(|(e, _)| e)
            .filter(|&e| subtree[e] * 2 >= total && subtree[e] >= least)
    };
    let root = best_of(&|el| el.is_article)
        .or_else(|| best_of(&|el| el.is_main))
        .or_else(|| {
            (0..page.elems.len())
                .filter(|&e| !page.elems[e].hidden)
                .max_by_key(|&e| score[e])
        })?;
    (subtree[root] >= least).then_some(root)
}

// ---------------------------------------------------------------------------
// Rendering

#[derive(Default)]
struct TableBuild {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Option<String>,
    header_rows: usize,
    row_is_header: bool,
}

#[derive(Default)]
struct Renderer<'a> {
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
    numbers: FxHashMap<&'a str, usize>,
    open_links: Vec<Option<usize>>,
}

impl<'a> Renderer<'a> {
    #[allow(clippy::match_same_arms)]
    fn render(page: &'a Page, root: usize) -> (String, Vec<String>) {
        let mut r = Self::default();
        let elem = &page.elems[root];
        let mut skip_until: Option<usize> = None;
        for ev in &page.events[elem.open_ev + 1..elem.close_ev] {
            if let Some(until) = skip_until {
                if matches!(ev, Ev::Close(e) if *e == until) {
                    skip_until = None;
                }
                continue;
            }
            match *ev {
                Ev::Open(e) => {
                    let el = &page.elems[e];
                    if el.junk || el.is_byline {
                        skip_until = Some(e);
                    } else {
                        r.open(el, page);
                    }
                }
                Ev::Close(e) => r.close(&page.elems[e]),
                Ev::Text(from, to) => r.text(&page.buf[from..to]),
                Ev::Break => r.line_break(),
            }
        }
        r.end_line();
        while r.lines.last().is_some_and(String::is_empty) {
            r.lines.pop();
        }
        (r.lines.join("\n"), r.links)
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
        let mut out = "│ ".repeat(self.quote_depth);
        if let Some(bullet) = self.bullet.take() {
            out.push_str(&bullet);
        } else if !self.lists.is_empty() {
            out.push_str(&"  ".repeat(self.lists.len()));
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
                        "│ ".repeat(self.quote_depth),
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

    fn open(&mut self, el: &Elem, page: &'a Page) {
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
                let depth = self.lists.len().saturating_sub(1);
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
                let url = el.href.map(|u| page.urls[u].as_str());
                let number = url.map(|url| {
                    let next = self.links.len() + 1;
                    *self.numbers.entry(url).or_insert_with(|| {
                        self.links.push(url.to_owned());
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
                        let bars = "│ ".repeat(self.quote_depth);
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
