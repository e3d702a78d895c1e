//! The tokenizer: page text to a flat, balanced list of events and the elements they
//! open and close, with each element's meaning, furniture hints and metadata.
//!
//! Nothing here recurses: tags go on an explicit stack, bounded in depth; elements past
//! the cap are read as if their tags were absent.

use rustc_hash::FxHashMap;

use super::entities::decode_entities;
use super::ARCHIVE_GENERATOR;

/// Elements beyond this many are read as if their tags were absent.
const MAX_ELEMENTS: usize = 400_000;
/// Tags opened deeper than this are read as if absent.
const MAX_DEPTH: usize = 256;
/// Distinct tag names remembered; further names share one slot.
const MAX_NAMES: usize = 2048;
/// JSON-LD blocks kept, and the most bytes kept of each.
const MAX_LINKED_DATA: usize = 16;
const MAX_LINKED_DATA_BYTES: usize = 256 * 1024;

/// What an element means for rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
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

impl Kind {
    /// Whether the element starts a new block of text (everything but links and inline
    /// elements).
    pub fn is_block(self) -> bool {
        !matches!(self, Self::Link | Self::Inline)
    }
}

/// One event of the flat list: an element opens or closes, a run of text (a byte range
/// of [`Page::buf`]), or a line break.
#[derive(Debug, Clone, Copy)]
pub enum Ev {
    Open(usize),
    Close(usize),
    Text(usize, usize),
    Break,
}

/// How a class, id or tag name speaks of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    /// Names the article's text (`article-body`, `entry-content`, `story`).
    Content,
    #[default]
    None,
    /// Names something beside the article (`rail`, `card`, `teaser`): scored down.
    Aside,
}

#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)]
pub struct Elem {
    pub name: usize,
    pub kind: Kind,
    /// Furniture: the element and everything in it are left out of the text.
    pub junk: bool,
    /// Furniture that may still wrap the article (a `<form>` around the whole page, a
    /// `paywall` or ad-named wrapper): kept when it holds most of the page's text.
    pub rescuable: bool,
    /// Inside (or is) furniture other than a page header: its text never counts.
    pub hidden: bool,
    pub hint: Hint,
    pub is_article: bool,
    pub is_main: bool,
    pub is_figure: bool,
    pub is_caption: bool,
    /// Named as the article's standfirst or subtitle (`dek`, `standfirst`, `subtitle`).
    pub is_lead: bool,
    pub is_header: bool,
    pub is_byline: bool,
    /// Holds a form control directly (an input, button, select or text area).
    pub has_control: bool,
    /// A hash of the `class` value (0 without one): siblings that share it are alike.
    pub class: u64,
    pub href: Option<usize>,
    pub parent: Option<usize>,
    pub open_ev: usize,
    pub close_ev: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    H1,
    Byline,
    Time,
    HiddenTime,
}

/// A page read into events and elements, and the metadata met on the way.
#[derive(Default)]
#[allow(clippy::struct_excessive_bools)]
pub struct Page {
    pub events: Vec<Ev>,
    pub elems: Vec<Elem>,
    /// Decoded text; `Ev::Text` ranges point into it.
    pub buf: String,
    /// Link targets as written (`href`), trimmed.
    pub urls: Vec<String>,
    pub og_title: Option<String>,
    pub h1: Option<String>,
    pub title: Option<String>,
    pub meta_author: Option<String>,
    pub byline: Option<String>,
    pub meta_date: Vec<String>,
    /// Dates from `<time>` elements and date-named elements, in page order (a few).
    pub times: Vec<String>,
    /// The text of date and post-details elements, which may also name the author.
    pub dated_texts: Vec<String>,
    /// Dates found among furniture, the last resort.
    pub hidden_times: Vec<String>,
    /// The element of the first `<h1>` outside furniture.
    pub h1_elem: Option<usize>,
    pub canonical: Option<String>,
    /// The `<base href>`, when the page names one.
    pub base: Option<String>,
    pub site: Option<String>,
    /// The text of `<script type="application/ld+json">` blocks.
    pub linked_data: Vec<String>,
    /// Written by gloss's feed archive: any text at all is the article.
    pub archived: bool,
    /// The page calls itself an article (`og:type` article).
    pub declared_article: bool,
    /// The page asks for a password (a sign-in page).
    pub password_field: bool,
    pub truncated: bool,
}

impl Page {
    /// Reads a page's text into events and elements.
    pub fn build(source: &str) -> Self {
        Builder::build(source)
    }

    /// The events of element `e`, its own open and close included.
    pub fn range(&self, e: usize) -> std::ops::RangeInclusive<usize> {
        let el = &self.elems[e];
        el.open_ev..=el.close_ev.min(self.events.len() - 1)
    }
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
        b.open_document();
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
                if is_raw_text(&name) {
                    let (content, after) = raw_text(source, i, &name);
                    b.raw(&name, &attrs, content);
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

    /// Opens the element that stands for the whole page, so every element has a
    /// parent and text outside any tag still has a holder.
    fn open_document(&mut self) {
        let id = self.name_id("#document");
        self.page.elems.push(Elem {
            name: id,
            kind: Kind::Block,
            junk: false,
            rescuable: false,
            hidden: false,
            hint: Hint::None,
            is_article: false,
            is_main: false,
            is_figure: false,
            is_caption: false,
            is_lead: false,
            is_header: false,
            is_byline: false,
            has_control: false,
            class: 0,
            href: None,
            parent: None,
            open_ev: 0,
            close_ev: usize::MAX,
        });
        self.page.events.push(Ev::Open(0));
        self.open_count[id] += 1;
        self.stack.push(0);
    }

    /// Keeps what the page's raw-text elements say about it: the `<title>` and JSON-LD.
    fn raw(&mut self, name: &str, attrs: &[(String, String)], content: &str) {
        if name == "textarea" {
            self.mark_control();
        }
        if name == "title" && self.page.title.is_none() {
            let mut t = String::new();
            decode_entities(&content[..floor_boundary(content, 4096)], &mut t);
            self.page.title = Some(t);
        } else if name == "script"
            && self.page.linked_data.len() < MAX_LINKED_DATA
            && attrs
                .iter()
                .any(|(k, v)| k == "type" && v.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            let end = floor_boundary(content, MAX_LINKED_DATA_BYTES);
            self.page.linked_data.push(content[..end].to_owned());
        }
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
                let to = floor_boundary(&self.page.buf[start..end], 1024) + start;
                captured.push_str(&self.page.buf[start..to]);
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

    /// Notes that the open element holds a form control.
    fn mark_control(&mut self) {
        if let Some(&top) = self.stack.last() {
            self.page.elems[top].has_control = true;
        }
    }

    /// Handles a tag that opens no element; says whether it was one.
    fn void(&mut self, name: &str, attrs: &[(String, String)]) -> bool {
        let attr = |key: &str| attr_of(attrs, key);
        match name {
            "meta" => self.meta(
                attr("name").or(attr("property")).or(attr("itemprop")),
                attr("content"),
            ),
            "link" => {
                if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                    if let Some(url) = attr("href").and_then(super::web_url) {
                        self.page.canonical.get_or_insert(url);
                    }
                }
            }
            "base" => {
                if let Some(url) = attr("href").and_then(super::web_url) {
                    self.page.base.get_or_insert(url);
                }
            }
            "br" | "hr" => self.page.events.push(Ev::Break),
            "input" => {
                self.mark_control();
                // A sign-in box in the site's menus does not make the page a sign-in
                // page; a password field in the page's own content does.
                let in_furniture = self.stack.iter().any(|&p| {
                    let el = &self.page.elems[p];
                    el.junk && !el.rescuable
                });
                if !in_furniture && attr("type").is_some_and(|t| t.eq_ignore_ascii_case("password"))
                {
                    self.page.password_field = true;
                }
            }
            _ => return is_void(name),
        }
        true
    }

    #[allow(clippy::too_many_lines)]
    fn open(&mut self, name: &str, attrs: &[(String, String)]) {
        let attr = |key: &str| attr_of(attrs, key);
        if self.void(name, attrs) {
            return;
        }
        if matches!(name, "form" | "button" | "select") {
            self.mark_control();
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
        let structural = matches!(name, "html" | "body" | "main" | "article");
        let junk_tag = matches!(
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
        ) || (name.contains('-') && furniture(name) != Furniture::No);
        let class_furniture = if structural {
            Furniture::No
        } else {
            classes
                .iter()
                .flatten()
                .map(|c| furniture(c))
                .max()
                .unwrap_or(Furniture::No)
        };
        let junk = junk_tag
            || class_furniture != Furniture::No
            || matches!(
                role.as_str(),
                "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "search"
            )
            || attr("hidden").is_some()
            || attr("style").is_some_and(hides)
            || attr("aria-hidden").is_some_and(|v| v == "true");
        let rescuable =
            (name == "form" || class_furniture == Furniture::Maybe) && !junk_tag_strict(name);
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
        let hint = classes
            .iter()
            .flatten()
            .map(|c| hint_of(c))
            .find(|&h| h != Hint::None)
            .unwrap_or_default();
        let href = if kind == Kind::Link {
            attr("href").and_then(link_target).map(|url| {
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
            rescuable,
            hidden,
            hint,
            is_article: name == "article"
                || attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articlebody")),
            is_main: name == "main" || role == "main",
            is_figure: name == "figure",
            is_caption: name == "figcaption",
            is_lead: classes
                .iter()
                .flatten()
                .any(|c| tokens(c).any(|t| LEAD_CLASSES.contains(&t.as_str()))),
            is_header: name == "header",
            is_byline,
            has_control: false,
            class: attr("class").map_or(0, class_hash),
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
        let dated = name == "time"
            || classes
                .iter()
                .flatten()
                .any(|c| tokens(c).any(|t| DATE_CLASSES.contains(&t.as_str())));
        let stamp = attr("datetime").or(attr("data-datetime"));
        if self.hidden_open > 0 {
            // A date among furniture (beside share buttons, say) is the last resort.
            if dated && self.capture.is_none() && self.page.hidden_times.len() < 2 {
                match stamp {
                    Some(dt) => self.page.hidden_times.push(dt.to_owned()),
                    None => self.capture = Some((Capture::HiddenTime, e, String::new())),
                }
            }
            return;
        }
        match &self.capture {
            None if name == "h1" && self.page.h1.is_none() => {
                self.page.h1_elem = Some(e);
                self.capture = Some((Capture::H1, e, String::new()));
            }
            None if is_byline && self.page.byline.is_none() => {
                self.capture = Some((Capture::Byline, e, String::new()));
            }
            // The innermost byline element names the author; the outer one may also
            // hold a date or a job title.
            Some((Capture::Byline, _, _)) if is_byline => {
                self.capture = Some((Capture::Byline, e, String::new()));
            }
            None if dated && self.page.times.len() < 8 => match stamp {
                Some(dt) => self.page.times.push(dt.to_owned()),
                None => self.capture = Some((Capture::Time, e, String::new())),
            },
            _ => {}
        }
    }

    fn meta(&mut self, key: Option<&str>, content: Option<&str>) {
        let (Some(key), Some(content)) = (key, content) else {
            return;
        };
        let content = content.to_owned();
        match key.to_ascii_lowercase().as_str() {
            "og:type" if content.eq_ignore_ascii_case("article") => {
                self.page.declared_article = true;
            }
            "og:title" | "twitter:title" => {
                self.page.og_title.get_or_insert(content);
            }
            "author" | "article:author" | "byl" | "parsely-author" | "sailthru.author"
                if !content.starts_with("http") =>
            {
                self.page.meta_author.get_or_insert(content);
            }
            "article:published_time"
            | "datepublished"
            | "date"
            | "pubdate"
            | "publishdate"
            | "parsely-pub-date"
            | "sailthru.date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.created" => self.page.meta_date.push(content),
            "og:site_name" | "application-name" => {
                self.page.site.get_or_insert(content);
            }
            "generator" if content == ARCHIVE_GENERATOR => self.page.archived = true,
            "og:url" => {
                if let Some(url) = super::web_url(&content) {
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
                    // An author's bio box is not a byline; a later byline may be.
                    Capture::Byline if text.split_whitespace().count() <= 16 => {
                        self.page.byline = Some(text);
                    }
                    Capture::Byline => {}
                    Capture::Time => {
                        self.page.dated_texts.push(text.clone());
                        self.page.times.push(text);
                    }
                    Capture::HiddenTime => {
                        self.page.dated_texts.push(text.clone());
                        self.page.hidden_times.push(text);
                    }
                }
            }
        }
    }
}

fn attr_of<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn class_hash(value: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    value.trim().hash(&mut h);
    h.finish() | 1
}

/// Class words of an article's standfirst.
const LEAD_CLASSES: [&str; 10] = [
    "standfirst",
    "dek",
    "deck",
    "subtitle",
    "subheadline",
    "subhead",
    "strapline",
    "excerpt",
    "summary",
    "lede",
];

/// Class words of elements that show the publication date.
const DATE_CLASSES: [&str; 9] = [
    "date",
    "meta",
    "metadata",
    "postmetadata",
    "dateline",
    "timestamp",
    "published",
    "pubdate",
    "datetime",
];

/// Elements whose content is raw text, not markup.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
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
    )
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
            | "link"
            | "meta"
    )
}

/// Whether an inline style hides its element (`display: none`, `visibility: hidden`).
fn hides(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Furniture tags that never hold the article, whatever their size.
fn junk_tag_strict(name: &str) -> bool {
    matches!(
        name,
        "nav" | "aside" | "footer" | "header" | "menu" | "dialog"
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
        // Custom elements (`<amp-img>`, `<story-body>`) are the containers of pages
        // built from components.
        _ if name.contains('-') => Kind::Block,
        _ => Kind::Inline,
    }
}

/// The words of a class or id value, lowercased.
pub fn tokens(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
}

/// How sure a class or id is that it names page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Furniture {
    No,
    /// Usually furniture, but sites also wrap their article in it (`paywall`, a class
    /// list that mentions ads).
    Maybe,
    Yes,
}

/// Whether a class, id or custom tag name names page furniture.
fn furniture(value: &str) -> Furniture {
    const PREFIXES: [&str; 24] = [
        "postmeta",
        "metadata",
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
        "breadcrumb",
        "outbrain",
        "taboola",
        "disqus",
        "signup",
        "recommend",
        "trending",
        "popular",
        "masthead",
    ];
    /// Furniture written as several words (`read-more`), matched on the whole value.
    const PHRASES: [&str; 17] = [
        "tag-list",
        "taglist",
        "tag-cloud",
        "off-screen",
        "offscreen",
        "more-stories",
        "most-read",
        "mostread",
        "author-bio",
        "about-author",
        "about-the-author",
        "author-box",
        "author-card",
        "sr-only",
        "screen-reader",
        "visually-hidden",
        "visuallyhidden",
    ];
    let lower = value.to_ascii_lowercase();
    if PHRASES.iter().any(|p| lower.contains(p)) {
        return Furniture::Yes;
    }
    // "Read more" is a teaser box on most sites, but on some the wrapper that a
    // phone folds the rest of the story into: kept when it holds most of the text.
    let mut found = if lower.contains("read-more") || lower.contains("readmore") {
        Furniture::Maybe
    } else {
        Furniture::No
    };
    for t in tokens(value) {
        if PREFIXES.iter().any(|p| t.starts_with(p))
            || matches!(
                t.as_str(),
                "banner"
                    | "popup"
                    | "modal"
                    | "overlay"
                    | "sidebar"
                    | "gdpr"
                    | "tags"
                    | "keywords"
                    | "bio"
                    | "footer"
                    | "toolbar"
                    | "widget"
                    | "respond"
                    | "analytics"
                    | "credit"
                    | "credits"
                    | "copyright"
                    | "meta"
                    | "pagination"
                    | "recirc"
                    | "recirculation"
                    | "replies"
                    | "reply"
                    | "response"
                    | "responses"
                    | "reactions"
                    | "remark"
                    | "feedback"
                    | "discussion"
            )
        {
            return Furniture::Yes;
        }
        if matches!(
            t.as_str(),
            "ad" | "ads" | "advert" | "advertisement" | "adslot" | "adunit" | "paywall" | "print"
        ) {
            found = Furniture::Maybe;
        }
    }
    found
}

/// What a class or id says about an element that is not furniture.
fn hint_of(value: &str) -> Hint {
    let mut hint = Hint::None;
    for t in tokens(value) {
        match t.as_str() {
            "article" | "articlebody" | "body" | "content" | "entry" | "post" | "story"
            | "text" | "prose" | "richtext" | "blog" | "main" => hint = Hint::Content,
            "side" | "secondary" | "rail" | "card" | "teaser" | "more" | "extra" | "promo"
            | "latest" | "headlines" => return Hint::Aside,
            _ => {}
        }
    }
    hint
}

/// A link's target as written, when it could lead to a page: not a fragment, script,
/// mail or data link, one line, at most 2000 bytes.
fn link_target(href: &str) -> Option<String> {
    let href = href.trim();
    let scheme_end = href.find(':').filter(|&c| {
        href[..c]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    });
    let web_scheme = scheme_end.is_none_or(|c| {
        let scheme = href[..c].to_ascii_lowercase();
        scheme == "http" || scheme == "https"
    });
    let ok = web_scheme
        && !href.is_empty()
        && !href.starts_with('#')
        && href.len() <= 2000
        && !href.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| href.to_owned())
}

/// Reads a tag name up to whitespace, `/` or `>`, lowercased.
fn tag_name(text: &str) -> String {
    let name = text
        .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or_default();
    let mut out = String::with_capacity(name.len().min(32));
    for c in name.chars().take(32) {
        out.push(c.to_ascii_lowercase());
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_are_read_for_furniture_and_content() {
        assert_eq!(furniture("share-tools"), Furniture::Yes);
        assert_eq!(furniture("c-read-more__list"), Furniture::Maybe);
        assert_eq!(furniture("article-body has-ads"), Furniture::Maybe);
        assert_eq!(furniture("paywall"), Furniture::Maybe);
        assert_eq!(furniture("story-body__inner"), Furniture::No);
        assert_eq!(furniture("headline"), Furniture::No);
        // WordPress names a post's tags in its classes; that is not a tag list.
        assert_eq!(
            furniture("post type-post tag-community hentry"),
            Furniture::No
        );
        assert_eq!(furniture("post-tags"), Furniture::Yes);
        assert!(hides("color: red; DISPLAY : none"));
        assert!(!hides("display: block"));
        assert_eq!(hint_of("entry-content"), Hint::Content);
        assert_eq!(hint_of("rail-module"), Hint::Aside);
        assert_eq!(hint_of("grid__col"), Hint::None);
    }

    #[test]
    fn only_links_to_pages_are_targets() {
        assert_eq!(
            link_target(" https://a.example/x "),
            Some("https://a.example/x".into())
        );
        assert_eq!(link_target("/news/1"), Some("/news/1".into()));
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "mailto:a@b",
            "#top",
            "data:x",
            "",
        ] {
            assert_eq!(link_target(bad), None, "{bad}");
        }
    }
}
