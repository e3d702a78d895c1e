//! HTML pages to articles: metadata, the main text, and numbered links.
//!
//! The bytes are decoded by their charset (`html/charset.rs`); a small tokenizer of our
//! own builds a flat, balanced list of events (`html/page.rs`: no recursion, bounded
//! depth and element count); the elements holding the article are chosen by where the
//! paragraph text is (`html/scores.rs`); and they are rendered as display text with
//! page furniture dropped (`html/render.rs`). Metadata comes from meta tags, JSON-LD
//! (`html/linked_data.rs`) and the page's own headline, byline and time elements.
//! Everything returned is run through the terminal sanitiser.

mod charset;
mod entities;
mod linked_data;
mod page;
mod render;
mod scores;

use std::fmt::Write as _;

use self::charset::decode_page;
use self::linked_data::LinkedData;
use self::page::Page;
use self::render::Renderer;
use self::scores::{subtree_end, Scores};
use super::decode::SkipReason;
use super::plain;
use crate::text::{sanitize, sanitize_line, Date};

/// The least paragraph text (non-space characters outside links) an article has.
const MIN_ARTICLE_CHARS: usize = 120;
/// An error page or a sign-in page may say this much and still not be an article.
const MAX_ERROR_PAGE_CHARS: usize = 1500;
/// The `<meta name="generator">` of pages gloss writes for feed entries it keeps on
/// disk: such a page is an article however short (a feed entry may be one sentence).
pub const ARCHIVE_GENERATOR: &str = "gloss feed archive";

/// An article read from an HTML page; every field is terminal-safe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// The headline, from `og:title`, JSON-LD `headline`, the first `<h1>` or `<title>`.
    pub title: Option<String>,
    /// The byline, from `<meta name="author">`, JSON-LD `author`, `rel=author` or a
    /// byline element.
    pub byline: Option<String>,
    /// The publication date as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The canonical address of the page, when it names one.
    pub url: Option<String>,
    /// The site's name, from `og:site_name`, `application-name` or JSON-LD `publisher`.
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

/// Extracts the article from the bytes of an HTML page read from disk; the same as
/// [`extract_page`] without a charset hint.
pub fn extract(bytes: &[u8]) -> Result<HtmlArticle, SkipReason> {
    extract_page(bytes, None)
}

/// Extracts the article from the bytes of a fetched HTML page.
///
/// `charset_hint` is the charset the server sent (a label such as `iso-8859-2`, or the
/// whole `Content-Type` value). The bytes are decoded by a byte-order mark, then that
/// hint, then the page's own `<meta charset>`; a page that declares nothing is UTF-8
/// when it is valid UTF-8 and windows-1252 otherwise. Pages that are not articles (an
/// index of headlines, search results, a sign-in or error page, an app shell with no
/// text) are refused with [`SkipReason::NotAnArticle`].
pub fn extract_page(bytes: &[u8], charset_hint: Option<&str>) -> Result<HtmlArticle, SkipReason> {
    extract_fetched(bytes, charset_hint, None)
}

/// Extracts the article from a page fetched from `address`: as [`extract_page`], with
/// relative links read against the page's `<base>`, else its canonical address, else
/// the address it was fetched from.
pub fn extract_fetched(
    bytes: &[u8],
    charset_hint: Option<&str>,
    address: Option<&str>,
) -> Result<HtmlArticle, SkipReason> {
    let decoded = decode_page(bytes, charset_hint)?;
    let page = Page::build(&decoded.text);
    let scores = Scores::of(&page);
    let least = if page.archived { 1 } else { MIN_ARTICLE_CHARS };
    let choice = scores
        .choose(&page, least)
        .ok_or(SkipReason::NotAnArticle)?;
    let mut roots = choice.roots;
    let linked = LinkedData::read(&page.linked_data);
    // A page that says it is an article (or keeps its text in one `<article>`) may
    // list linked headings, as a round-up of places or products does.
    let says_article = choice.in_article
        || page.declared_article
        || !page.meta_date.is_empty()
        || linked.is_article;
    if !page.archived && !reads_as_article(&page, &scores, &roots, says_article) {
        return Err(SkipReason::NotAnArticle);
    }
    let chosen: usize = roots.iter().map(|&r| scores.para[r]).sum();
    let mut lead = scores.standfirst(&page, &roots);
    lead.append(&mut roots);
    let base = page
        .base
        .as_deref()
        .or(page.canonical.as_deref())
        .or(address);
    let (text, links) = Renderer::render(&page, &scores, &lead, base);
    let (text, _) = sanitize(&text);
    let (mut text, tidied) = plain::tidy(&text);
    // When most of the chosen text turns out to be furniture (teaser cards, link
    // boxes), the page is a front or a list, not an article.
    let kept = text.chars().filter(|c| !c.is_whitespace()).count();
    if !page.archived && kept * 2 < chosen {
        return Err(SkipReason::NotAnArticle);
    }

    let clean = |t: &Option<String>| t.as_deref().map(one_line).filter(|t| !t.is_empty());
    let site = clean(&page.site).or_else(|| clean(&linked.publisher));
    let h1 = clean(&page.h1);
    let first_line = text.lines().next().unwrap_or_default().trim().to_owned();
    let title = clean(&page.og_title)
        .or_else(|| clean(&linked.headline))
        .or_else(|| h1.clone())
        .or_else(|| {
            page.title
                .as_deref()
                .map(|t| one_line(&strip_tags(t)))
                .filter(|t| !t.is_empty())
        })
        .map(|t| tidy_title(&t, site.as_deref(), h1.as_deref(), &first_line));
    if title.as_deref() == Some(first_line.as_str()) || h1.as_deref() == Some(&first_line) {
        let rest = text.find('\n').unwrap_or(text.len());
        text.replace_range(..rest, "");
        let blank = text.len() - text.trim_start_matches('\n').len();
        text.replace_range(..blank, "");
    }
    let byline = page
        .meta_author
        .as_deref()
        .or(linked.author.as_deref())
        .or(page.byline.as_deref())
        .map(without_by)
        .filter(|b| !b.is_empty());
    // Classic blog themes name the author only in a "Posted on … by …" line.
    let byline = byline.or_else(|| page.dated_texts.iter().find_map(|t| posted_by(t)));
    let (byline, line_date) = take_meta_lines(&mut text, byline);
    if text.trim().is_empty() {
        return Err(SkipReason::NotAnArticle);
    }
    if !links.is_empty() {
        text.push_str("\n\nLinks");
        for (n, link) in links.iter().enumerate() {
            let _ = write!(text, "\n[{}] {link}", n + 1);
        }
    }
    let date = page
        .meta_date
        .iter()
        .chain(&linked.date_published)
        .chain(&page.times)
        .chain(&line_date)
        .chain(&page.hidden_times)
        .find_map(|raw| Date::parse(raw))
        .map(|d| d.to_string());
    Ok(HtmlArticle {
        title,
        byline,
        date,
        url: page.canonical.clone(),
        site,
        text,
        links,
        invalid_utf8_at: decoded.invalid_utf8_at,
        truncated: page.truncated,
        leftovers: tidied.leftovers,
    })
}

/// A byline without its "By".
fn without_by(byline: &str) -> String {
    let b = one_line(byline);
    let b = b
        .strip_prefix("By ")
        .or_else(|| b.strip_prefix("by "))
        .or_else(|| b.strip_prefix("BY "))
        .unwrap_or(&b);
    b.trim().to_owned()
}

/// A headline without the site's name that page titles carry ("Headline | Outlet",
/// "Outlet - Headline"): the part that is also the page's `<h1>` or first line, else
/// the parts that are not the site's name, else without a short last part.
fn tidy_title(title: &str, site: Option<&str>, h1: Option<&str>, first_line: &str) -> String {
    const SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « "];
    if h1 == Some(title) || first_line == title {
        return title.to_owned();
    }
    let Some(sep) = SEPARATORS.iter().find(|s| title.contains(*s)) else {
        return title.to_owned();
    };
    let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
    if let Some(part) = parts.iter().find(|p| Some(**p) == h1 || **p == first_line) {
        return (*part).to_owned();
    }
    if let Some(site) = site {
        let rest: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| !p.eq_ignore_ascii_case(site))
            .collect();
        if !rest.is_empty() && rest.len() < parts.len() {
            return rest.join(sep);
        }
    }
    // The site's name is the shorter end: "Headline | Site", "Site » Headline".
    let words = |p: &str| p.split_whitespace().count();
    let (first, last) = (words(parts[0]), words(parts[parts.len() - 1]));
    let rest = |range: std::ops::Range<usize>| parts[range].join(sep);
    if last <= 4 && last < first.min(words(&rest(0..parts.len() - 1))) {
        rest(0..parts.len() - 1)
    } else if first <= 4 && first < last.min(words(&rest(1..parts.len()))) {
        rest(1..parts.len())
    } else {
        title.to_owned()
    }
}

/// Takes the byline and date lines that pages print under their headline ("By Ann
/// Lee | 6 November 2009", a line naming the known author) from the first lines of
/// the text; returns the byline (the one known, else the one read) and the date read.
fn take_meta_lines(text: &mut String, byline: Option<String>) -> (Option<String>, Option<String>) {
    let mut found_byline = None;
    let mut date = None;
    let mut drop = 0;
    for line in text.lines().take(3) {
        let t = line.trim();
        if t.is_empty() {
            drop += line.len() + 1;
            continue;
        }
        if t.chars().count() > 100 {
            break;
        }
        let names_author = byline.as_deref().is_some_and(|b| t.contains(b));
        let name = by_line(t);
        let date_line =
            t.chars().count() <= 40 && (Date::parse(t).is_some() || numeric_date(t).is_some());
        if !(names_author || name.is_some() || date_line) {
            break;
        }
        if let Some(name) = name {
            found_byline.get_or_insert(name);
        }
        if date.is_none() {
            date = t
                .split(['|', '·', '—', ','])
                .find(|part| Date::parse(part).is_some())
                .map(str::to_owned)
                .or_else(|| Date::parse(t).map(|_| t.to_owned()))
                .or_else(|| numeric_date(t));
        }
        drop += line.len() + 1;
    }
    if drop > 0 {
        let rest = text.get(drop.min(text.len())..).unwrap_or_default();
        *text = rest.trim_start_matches('\n').to_owned();
    }
    (byline.or(found_byline), date)
}

/// A date written in digits with dots, day first ("18.09.2025", as most of Europe
/// writes it), as `YYYY-MM-DD`.
fn numeric_date(text: &str) -> Option<String> {
    let mut parts = text.trim().split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (day, month, year) = (
        number(day, 1..=2)?,
        number(month, 1..=2)?,
        number(year, 4..=4)?,
    );
    let date = format!("{year:04}-{month:02}-{day:02}");
    (parts.next().is_none() && Date::parse(&date).is_some()).then_some(date)
}

/// The name after " by " in a line of post details ("Posted on May 12th, 2024 by Gwen
/// Arkle and is filed under …"): one to four capitalised words.
fn posted_by(text: &str) -> Option<String> {
    let line = one_line(text);
    let at = line.find(" by ")?;
    let words: Vec<&str> = line[at + 4..]
        .split_whitespace()
        .take_while(|w| w.starts_with(char::is_uppercase))
        .take(4)
        .collect();
    let name = words.join(" ");
    let name = name.trim_end_matches(['.', ',', ';', ':']);
    (!name.is_empty()).then(|| name.to_owned())
}

/// The name in a "By Name" line ("By Ann Lee | 6 May", "By Ann Lee and Bo Park"): one
/// to six capitalised words before any separator.
fn by_line(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
        .or_else(|| line.strip_prefix("BY "))?;
    let name = rest.split(['|', '·', '—', ',']).next()?.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_name = (1..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || *w == "and");
    is_name.then(|| name.to_owned())
}

/// Whether the chosen elements read as an article rather than a page of another kind
/// that happens to hold some prose: a list of headlines with summaries (a section
/// front, search results), an error page, a sign-in page.
fn reads_as_article(page: &Page, scores: &Scores, roots: &[usize], says_article: bool) -> bool {
    let mut para = 0;
    let mut headline_links = 0;
    let mut paragraphs = 0;
    for &root in roots {
        let end = subtree_end(page, root);
        let mut e = root;
        while e < end {
            if e != root && (scores.hidden[e] || scores.is_furniture(page, e)) {
                e = subtree_end(page, e);
                continue;
            }
            let el = &page.elems[e];
            paragraphs += scores.long_runs[e];
            if el.kind == page::Kind::Link && scores.text[e] >= 20 && is_headline(page, scores, e) {
                headline_links += 1;
            }
            e += 1;
        }
        para += scores.para[root];
    }
    // Section fronts and search results: each short summary comes under its own
    // headline.
    let is_index = !says_article
        && headline_links >= 5
        && headline_links * 2 >= paragraphs
        && para < 250 * paragraphs.max(1);
    let heading = [
        page.title.as_deref(),
        page.h1.as_deref(),
        page.og_title.as_deref(),
    ];
    let says_error = heading.iter().flatten().any(|h| {
        let h = h.to_lowercase();
        h.contains("not found") || h.contains("404") || h.contains("page unavailable")
    });
    let is_error_or_sign_in = (says_error || page.password_field) && para < MAX_ERROR_PAGE_CHARS;
    !is_index && !is_error_or_sign_in
}

/// Whether link `e` reads as a headline: in a heading, holding one, or alone in its
/// block.
fn is_headline(page: &Page, scores: &Scores, e: usize) -> bool {
    let in_heading = std::iter::successors(page.elems[e].parent, |&p| page.elems[p].parent)
        .take(3)
        .any(|p| page.elems[p].kind == page::Kind::Heading);
    let holds_heading = page.elems[e + 1..]
        .iter()
        .take(16)
        .take_while(|d| d.open_ev < page.elems[e].close_ev)
        .any(|d| d.kind == page::Kind::Heading);
    let alone = page.elems[e]
        .parent
        .is_some_and(|p| scores.link[p] * 10 >= scores.text[p] * 9);
    in_heading || holds_heading || alone
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
