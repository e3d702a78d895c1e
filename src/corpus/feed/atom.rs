//! Plain Atom feeds, read straight from the XML.
//!
//! feed-rs reads Atom through a general event layer that copies every run of text and
//! makes each character reference its own event, and HTML content in Atom is escaped
//! (`&lt;p&gt;…`), so a 5,000-entry feed keeps it busy for 120 ms. Most Atom feeds have
//! one plain shape: UTF-8, Atom as the default namespace, text or HTML content. This
//! reader takes exactly that shape, applying the rules feed-rs applies (which texts
//! are trimmed, which of two repeated elements wins, how a link is normalised and
//! resolved against `xml:base`, how a date becomes a day in UTC), and gives back `None`
//! for anything else so feed-rs reads the feed as before: xhtml or out-of-line (`src=`)
//! content, other media types, an `xml:base` that is not a URL, namespace declarations
//! below the root, prefixed elements in the Atom namespace, markup inside a text
//! element, a date that is not plain RFC 3339, and any XML error (feed-rs then names
//! it).
//!
//! Elements in other namespaces are skipped: gloss uses nothing feed-rs reads from them
//! in an Atom feed (Media RSS becomes media objects, a comment feed a link gloss leaves
//! out). One difference is deliberate: feed-rs refuses the whole feed (or panics) when
//! a Media RSS element is malformed; here such a feed still reads.
//!
//! The tests below hold both readers to the same result on hand-written, fixture and
//! generated feeds.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use url::Url;

use crate::text::Date;

use super::{RawEntry, RawFeed, RawLink, RawText};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The feed, when `text` is a plain Atom feed; `None` leaves it to feed-rs.
pub(super) fn read(text: &str) -> Option<RawFeed> {
    read_feed(text).ok()
}

/// Why a feed is not read here: feed-rs reads it instead.
struct Elsewhere;

type Step<T> = Result<T, Elsewhere>;

fn read_feed(text: &str) -> Step<RawFeed> {
    let mut doc = Doc::new(text);
    let root_base = doc.root()?;
    let mut feed = RawFeed::default();
    loop {
        match doc.next()? {
            Event::Start(start) => {
                let (name, attrs, base) = doc.element(&start, root_base.as_ref())?;
                match name {
                    Name::Atom("title") => feed.title = Some(doc.text_construct(&attrs)?.body),
                    Name::Atom("link") => {
                        feed.links.extend(link(&attrs, base.as_ref()));
                        doc.skip()?;
                    }
                    Name::Atom("author") => feed.authors.extend(doc.person()?),
                    Name::Atom("entry") => feed.entries.push(doc.entry(base.as_ref())?),
                    Name::Atom("subtitle" | "rights") => {
                        text_kind(&attrs, true).ok_or(Elsewhere)?;
                        doc.skip()?;
                    }
                    Name::Atom(_) | Name::Other => doc.skip()?,
                }
            }
            // The root's end tag: feed-rs reads no further either.
            Event::End(_) => return Ok(feed),
            Event::Eof => return Err(Elsewhere),
            _ => {}
        }
    }
}

/// An element as feed-rs would route it.
enum Name<'n> {
    /// An element in the Atom namespace, by local name.
    Atom(&'n str),
    /// An element in a namespace feed-rs ignores in Atom feeds.
    Other,
}

/// The attributes of an element as feed-rs sees them: qualified names, values with the
/// XML references resolved (or as written when they do not resolve), broken or
/// repeated attributes left out.
type Attrs = Vec<(String, String)>;

struct Doc<'a> {
    reader: Reader<&'a [u8]>,
    /// The prefixes the root declares, with their namespace names.
    prefixes: Vec<(String, String)>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        // As feed-rs configures its reader.
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.trim_markup_names_in_closing_tags = true;
        config.trim_text(false);
        Doc {
            reader,
            prefixes: Vec::new(),
        }
    }

    /// The next event; an XML error is for feed-rs to report.
    fn next(&mut self) -> Step<Event<'a>> {
        self.reader.read_event().map_err(|_| Elsewhere)
    }

    /// Reads up to the root element: `<feed>`, unprefixed, in the Atom namespace or
    /// none, keeps the prefixes it declares, and gives its `xml:base`.
    fn root(&mut self) -> Step<Option<Url>> {
        let start = loop {
            match self.next()? {
                Event::Start(start) => break start,
                Event::Eof => return Err(Elsewhere),
                _ => {}
            }
        };
        if start.name().as_ref() != "feed" {
            return Err(Elsewhere);
        }
        let attrs = attributes(&start);
        for (name, value) in &attrs {
            if name == "xmlns" {
                if value != ATOM {
                    return Err(Elsewhere);
                }
            } else if let Some(prefix) = name.strip_prefix("xmlns:") {
                if value.is_empty() || matches!(prefix, "xml" | "xmlns") || prefix.contains(':') {
                    return Err(Elsewhere);
                }
                self.prefixes.push((prefix.to_owned(), value.clone()));
            }
        }
        base_of(&attrs, None)
    }

    /// How feed-rs would route an element below the root, its attributes, and its
    /// base URL (`parent` is its parent's); [`Elsewhere`] when the element declares a
    /// namespace or is in a namespace feed-rs reads.
    fn element<'s>(
        &self,
        start: &'s BytesStart<'a>,
        parent: Option<&Url>,
    ) -> Step<(Name<'s>, Attrs, Option<Url>)> {
        let attrs = attributes(start);
        if attrs
            .iter()
            .any(|(name, _)| name == "xmlns" || name.starts_with("xmlns:"))
        {
            return Err(Elsewhere);
        }
        let base = base_of(&attrs, parent)?;
        let qualified: &'s str = start.name().0;
        let name = match qualified.split_once(':') {
            None => Name::Atom(qualified),
            Some((prefix, local)) => {
                if local.contains(':') {
                    return Err(Elsewhere);
                }
                let (_, namespace) = self
                    .prefixes
                    .iter()
                    .find(|(p, _)| p == prefix)
                    .ok_or(Elsewhere)?;
                if namespace == ATOM {
                    return Err(Elsewhere);
                }
                Name::Other
            }
        };
        Ok((name, attrs, base))
    }

    /// Skips the rest of the element just started. feed-rs reads `xml:base` and
    /// namespace declarations on its way through (and fails on an `xml:base` that is
    /// not a URL), so a declaration or such a base in there sends the feed to it.
    fn skip(&mut self) -> Step<()> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Event::Start(start) => {
                    for a in start.attributes().flatten() {
                        let key = a.key.as_ref();
                        if key == "xmlns" || key.starts_with("xmlns:") {
                            return Err(Elsewhere);
                        }
                        if key == "xml:base" {
                            base_of(&attributes(&start), None)?;
                        }
                    }
                    depth += 1;
                }
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(Elsewhere),
                _ => {}
            }
        }
        Ok(())
    }

    /// The text of the element just started, through its end tag: text, CDATA and
    /// references run together (comments and processing instructions between them
    /// left out), `None` when there is none. An element inside sends the feed to
    /// feed-rs, which would read only the text before it.
    fn text(&mut self) -> Step<Option<String>> {
        let mut text: Option<String> = None;
        loop {
            match self.next()? {
                Event::Text(t) if !t.is_empty() => {
                    text.get_or_insert_with(String::new).push_str(&t);
                }
                Event::CData(t) if !t.is_empty() => {
                    text.get_or_insert_with(String::new).push_str(&t);
                }
                Event::GeneralRef(r) => {
                    let buffer = text.get_or_insert_with(String::new);
                    if let Some(c) = r.resolve_char_ref().map_err(|_| Elsewhere)? {
                        buffer.push(c);
                    } else {
                        let name: &str = &r;
                        if let Some(resolved) = quick_xml::escape::resolve_predefined_entity(name) {
                            buffer.push_str(resolved);
                        } else {
                            // Unknown entities stay as written.
                            buffer.push('&');
                            buffer.push_str(name);
                            buffer.push(';');
                        }
                    }
                }
                Event::End(_) => return Ok(text),
                Event::Start(_) | Event::Eof => return Err(Elsewhere),
                _ => {}
            }
        }
    }

    /// A title or summary: its text, trimmed, with its media type.
    fn text_construct(&mut self, attrs: &Attrs) -> Step<RawText> {
        let kind = text_kind(attrs, false).ok_or(Elsewhere)?;
        let body = self.text()?.unwrap_or_default();
        Ok(RawText {
            body: body.trim().to_owned(),
            kind: kind.to_owned(),
        })
    }

    /// An entry's content, when it is inline text or HTML.
    fn content(&mut self, attrs: &Attrs) -> Step<RawText> {
        if attr(attrs, "src").is_some() {
            return Err(Elsewhere);
        }
        match attr(attrs, "type") {
            None | Some("text" | "html" | "text/html") => self.text_construct(attrs),
            Some(_) => Err(Elsewhere),
        }
    }

    /// An author's name, when the author has one.
    fn person(&mut self) -> Step<Option<String>> {
        let mut name = None;
        loop {
            match self.next()? {
                Event::Start(start) => {
                    self.element(&start, None)?;
                    // feed-rs takes the children by local name, whatever their prefix.
                    let qualified = start.name().0;
                    let local = qualified.rsplit(':').next().unwrap_or(qualified);
                    match local {
                        "name" => {
                            if let Some(text) = self.text()? {
                                name = Some(text);
                            }
                        }
                        "uri" | "email" => {
                            self.text()?;
                        }
                        _ => self.skip()?,
                    }
                }
                Event::End(_) => return Ok(name),
                Event::Eof => return Err(Elsewhere),
                _ => {}
            }
        }
    }

    fn entry(&mut self, base: Option<&Url>) -> Step<RawEntry> {
        let mut entry = RawEntry::default();
        let (mut published, mut updated) = (None, None);
        loop {
            match self.next()? {
                Event::Start(start) => {
                    let (name, attrs, link_base) = self.element(&start, base)?;
                    match name {
                        Name::Atom("id") => {
                            if let Some(id) = self.text()? {
                                entry.id = id;
                            }
                        }
                        Name::Atom("title") => {
                            entry.title = Some(self.text_construct(&attrs)?.body);
                        }
                        Name::Atom("updated") => {
                            if let Some(text) = self.text()? {
                                updated = Some(utc_day(&text).ok_or(Elsewhere)?);
                            }
                        }
                        Name::Atom("published" | "pubDate") => {
                            if let Some(text) = self.text()? {
                                published = Some(utc_day(&text).ok_or(Elsewhere)?);
                            }
                        }
                        Name::Atom("author") => entry.authors.extend(self.person()?),
                        Name::Atom("content") => entry.content = Some(self.content(&attrs)?),
                        Name::Atom("link") => {
                            entry.links.extend(link(&attrs, link_base.as_ref()));
                            self.skip()?;
                        }
                        Name::Atom("summary") => entry.summary = Some(self.text_construct(&attrs)?),
                        Name::Atom("rights") => {
                            text_kind(&attrs, true).ok_or(Elsewhere)?;
                            self.skip()?;
                        }
                        Name::Atom(_) | Name::Other => self.skip()?,
                    }
                }
                Event::End(_) => break,
                Event::Eof => return Err(Elsewhere),
                _ => {}
            }
        }
        entry.day = published.or(updated);
        Ok(entry)
    }
}

/// The attributes of `start` as feed-rs reads them.
fn attributes(start: &BytesStart<'_>) -> Attrs {
    start
        .attributes()
        .filter_map(Result::ok)
        .map(|a| {
            let value = quick_xml::escape::unescape(&a.value)
                .map_or_else(|_| a.value.to_string(), Cow::into_owned);
            (a.key.as_ref().to_owned(), value)
        })
        .collect()
}

fn attr<'v>(attrs: &'v Attrs, name: &str) -> Option<&'v str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The media type of a text construct by its `type`; `None` for xhtml (unless
/// `xhtml_ok`, for an element whose text is not read) and for types feed-rs refuses.
fn text_kind(attrs: &Attrs, xhtml_ok: bool) -> Option<&'static str> {
    match attr(attrs, "type").unwrap_or("text") {
        "text" => Some("text/plain"),
        "html" | "text/html" => Some("text/html"),
        "xhtml" if xhtml_ok => Some("application/xhtml"),
        _ => None,
    }
}

/// The base URL of an element whose parent has `parent`, as feed-rs keeps it: its
/// `xml:base` when that is a URL, resolved against the parent's when it is relative
/// (and the parent's when it does not resolve); [`Elsewhere`] for one that is neither,
/// which feed-rs refuses.
fn base_of(attrs: &Attrs, parent: Option<&Url>) -> Step<Option<Url>> {
    let Some(value) = attr(attrs, "xml:base") else {
        return Ok(parent.cloned());
    };
    match Url::parse(value) {
        Ok(url) => Ok(Some(url)),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Ok(parent.map(|p| p.join(value).unwrap_or_else(|_| p.clone())))
        }
        Err(_) => Err(Elsewhere),
    }
}

/// A link with an `href`, normalised as feed-rs does (a URL as the URL parser writes
/// it back, a relative one resolved against `base`, anything else as written,
/// trimmed); `rel` defaults to `alternate`.
fn link(attrs: &Attrs, base: Option<&Url>) -> Option<RawLink> {
    let href = attr(attrs, "href")?;
    let href = match Url::parse(href) {
        Ok(url) => url.to_string(),
        Err(url::ParseError::RelativeUrlWithoutBase) => base
            .and_then(|b| b.join(href).ok())
            .map_or_else(|| href.to_owned(), |url| url.to_string()),
        Err(_) => href.to_owned(),
    };
    let rel = attr(attrs, "rel").unwrap_or("alternate");
    Some(RawLink {
        rel: Some(rel.to_owned()),
        href: href.trim().to_owned(),
    })
}

/// The day in UTC of an RFC 3339 time (`2026-03-02T21:30:00Z`,
/// `2026-03-03T01:30:00.5+05:00`) as `YYYY-MM-DD`; `None` for any other form (feed-rs
/// reads those more leniently).
fn utc_day(text: &str) -> Option<String> {
    let t = text.trim().as_bytes();
    let number = |from: usize, len: usize| -> Option<i64> {
        let digits = t.get(from..from + len)?;
        digits.iter().try_fold(0i64, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
        })
    };
    let fixed = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if fixed.iter().any(|&(at, b)| t.get(at) != Some(&b)) {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
    let (hour, minute, second) = (number(11, 2)?, number(14, 2)?, number(17, 2)?);
    let mut at = 19;
    if t.get(at) == Some(&b'.') {
        let digits = t[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            return None;
        }
        at += 1 + digits;
    }
    let offset = match &t[at..] {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (number(at + 1, 2)?, number(at + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    let date = u16::try_from(year)
        .ok()
        .filter(|y| (1000..=9999).contains(y))
        .and_then(|y| Date::new(y, u8::try_from(month).ok()?, u8::try_from(day).ok()?))?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let shift = (hour * 60 + minute - offset).div_euclid(24 * 60);
    Date::from_day_number(date.day_number() + shift).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use proptest::prelude::*;

    use super::super::{parse_feed, sniff, with_feed_rs, RawFeed};
    use super::*;

    /// What feed-rs makes of `text` (which must be a feed it reads).
    fn by_feed_rs(text: &str) -> RawFeed {
        let kind = sniff(text.as_bytes()).expect("an XML feed");
        with_feed_rs(text.as_bytes(), text.as_bytes(), &kind).expect("feed-rs reads it")
    }

    fn feed(entries: &str) -> String {
        feed_with("", entries)
    }

    /// A feed whose root has `root_attrs` too.
    fn feed_with(root_attrs: &str, entries: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <feed{root_attrs} xmlns=\"http://www.w3.org/2005/Atom\" xmlns:thr=\"http://purl.org/syndication/thread/1.0\" \
             xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\">\n\
             <title type=\"html\">Harbour &amp;amp; Signal</title>\n\
             <link rel=\"self\" href=\"https://signal.example/atom.xml\"/>\n\
             <link href=\"HTTPS://Signal.Example\"/>\n\
             <author><name>The desk</name></author>\n{entries}</feed>\n"
        )
    }

    /// A plain entry that uses most of what the reader handles.
    const PLAIN: &str = r#"<entry>
  <title type="html">Dockers &lt;em&gt;reject&lt;/em&gt; &#8216;the&#x2019; offer&nbsp;now</title>
  <title>  The second title wins  </title>
  <link rel="alternate" href="/2026/03/dockers reject"/>
  <link rel="replies" href="https://signal.example/c"/>
  <link href="https://signal.example/a?b=1&amp;c=2">ignored text <b>and markup</b></link>
  <id>tag:signal.example,2026:1</id>
  <id></id>
  <published>2026-03-02T21:30:00-05:00</published>
  <updated>2026-03-03T00:30:00.25+01:00</updated>
  <author><name> Callum <!-- a comment --> Deane </name><email>c@signal.example</email></author>
  <author><email>only@signal.example</email></author>
  <author><thr:name>Mara Quint</thr:name><thr:extra><x/></thr:extra></author>
  <thr:in-reply-to ref="x"><nested><deeper/></nested></thr:in-reply-to>
  <category term="port"/>
  <rights type="xhtml"><div><p>All rights</p></div></rights>
  <summary type="text">Voted &lt;down&gt;.</summary>
  <content type="html"><![CDATA[<p>312 to 85 ]]>&lt;b&gt;against&lt;/b&gt;<![CDATA[ the offer.</p>]]></content>
</entry>
<entry>
  <title/>
  <pubDate>2026-12-31T23:59:59-00:30</pubDate>
  <content>   </content>
</entry>
<entry>
  <updated>2024-03-01T00:10:00+02:00</updated>
  <summary type="html">&lt;p&gt;Only a summary.&lt;/p&gt;</summary>
</entry>
"#;

    #[test]
    fn plain_atom_reads_as_feed_rs_does() {
        let text = feed(PLAIN);
        let fast = read(&text).expect("a plain Atom feed is read here");
        assert_eq!(fast, by_feed_rs(&text));
        // Spot checks that the comparison covers something.
        assert_eq!(fast.entries.len(), 3);
        let first = &fast.entries[0];
        assert_eq!(first.title.as_deref(), Some("The second title wins"));
        assert_eq!(first.day.as_deref(), Some("2026-03-03"));
        assert_eq!(first.authors.len(), 2);
        assert_eq!(fast.entries[1].day.as_deref(), Some("2027-01-01"));
        assert_eq!(fast.entries[2].day.as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn the_benchmark_shape_is_read_here() {
        let mut entries = String::new();
        for n in 0..20 {
            let _ = write!(
                entries,
                "<entry>\n<title type=\"html\">Part {n}</title>\n\
                 <link rel=\"alternate\" href=\"https://signal.example/2026/03/{n}\"/>\n\
                 <id>tag:signal.example,2026:{n}</id>\n\
                 <published>2026-03-{:02}T21:30:00Z</published>\n\
                 <author><name>Mara Quint</name></author>\n\
                 <summary type=\"text\">In brief: part {n}.</summary>\n\
                 <content type=\"html\">&lt;p&gt;Text &amp;ldquo;{n}&amp;rdquo;&lt;/p&gt;</content>\n</entry>\n",
                1 + n % 28
            );
        }
        let text = feed(&entries);
        let fast = read(&text).expect("read here");
        assert_eq!(fast.entries.len(), 20);
        assert_eq!(fast, by_feed_rs(&text));
    }

    #[test]
    fn other_atom_is_left_to_feed_rs() {
        let base = "<entry><title>T</title><id>1</id><updated>2026-03-02T10:00:00Z</updated>\
                    <content type=\"html\">&lt;p&gt;x&lt;/p&gt;</content></entry>";
        let cases = [
            (
                "xhtml content",
                base.replace(
                    "type=\"html\">&lt;p&gt;x&lt;/p&gt;",
                    "type=\"xhtml\"><div><p>x</p></div>",
                ),
            ),
            (
                "src content",
                base.replace(
                    "type=\"html\">&lt;p&gt;x&lt;/p&gt;",
                    "type=\"text/html\" src=\"https://x.example/\">",
                ),
            ),
            (
                "other media type",
                base.replace("type=\"html\"", "type=\"image/png\""),
            ),
            (
                "an xml:base that is not a URL",
                base.replace("<entry>", "<entry xml:base=\"https://\">"),
            ),
            (
                "namespace on an entry",
                base.replace(
                    "<entry>",
                    "<entry xmlns:dc=\"http://purl.org/dc/elements/1.1/\">",
                ),
            ),
            (
                "default namespace below",
                base.replace("<title>", "<title xmlns=\"urn:x\">"),
            ),
            (
                "an undeclared prefix",
                base.replace("<id>", "<zz:thing/><id>"),
            ),
            (
                "a date without time",
                base.replace("2026-03-02T10:00:00Z", "2026-03-02"),
            ),
            (
                "a compact offset",
                base.replace("10:00:00Z", "10:00:00+0500"),
            ),
            (
                "a date feed-rs cannot read",
                base.replace("2026-03-02T10:00:00Z", "soon"),
            ),
            (
                "markup in a title",
                base.replace("<title>T</title>", "<title>T <b>bold</b></title>"),
            ),
            (
                "xhtml title",
                base.replace("<title>T", "<title type=\"xhtml\">T"),
            ),
            (
                "odd subtitle type",
                format!("<subtitle type=\"foo\">s</subtitle>{base}"),
            ),
            (
                "xml:base deep in an extension",
                base.replace("<id>", "<thr:x><y xml:base=\"http://[::1\"/></thr:x><id>"),
            ),
            ("mismatched end tag", base.replace("</title>", "</titel>")),
            (
                "a broken character reference",
                base.replace(">T<", ">&#0;<"),
            ),
            ("truncated", base.replace("</entry>", "")),
        ];
        for (what, entries) in cases {
            let text = feed(&entries);
            assert!(read(&text).is_none(), "{what}: should be left to feed-rs");
            // And the feed still reads as feed-rs has it (or fails as feed-rs does).
            let whole = parse_feed(text.as_bytes());
            let kind = sniff(text.as_bytes()).expect("XML");
            let expected =
                with_feed_rs(text.as_bytes(), text.as_bytes(), &kind).map(super::super::convert);
            match (whole, expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{what}"),
                (Err(_), Err(_)) => {}
                (got, want) => panic!("{what}: {got:?} vs {want:?}"),
            }
        }
    }

    #[test]
    fn the_plain_fuzz_seed_is_read_here() {
        let text = include_str!("../../../fuzz/seeds/feed/atom-plain.xml");
        let fast = read(text).expect("read here");
        assert_eq!(fast, by_feed_rs(text));
        let entry = &fast.entries[0];
        assert_eq!(entry.day.as_deref(), Some("2026-03-05"));
        assert_eq!(
            entry.links[0].href,
            "https://tidewatch.example/2026/03/ferry-cut"
        );
    }

    #[test]
    fn a_comment_feed_is_not_the_entry_page() {
        let text = feed(
            "<entry><title>T</title><id>1</id>\
             <wfw:commentRss>https://signal.example/1/comments.rss</wfw:commentRss></entry>",
        );
        assert_eq!(read(&text), Some(by_feed_rs(&text)));
        let feed = parse_feed(text.as_bytes()).expect("a feed");
        assert_eq!(feed.entries[0].link, None);
        // The same through feed-rs, in RSS.
        let rss =
            "<rss version=\"2.0\" xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"><channel>\
                   <title>R</title><item><title>T</title>\
                   <wfw:commentRss>https://r.example/1/feed</wfw:commentRss>\
                   <link>https://r.example/1</link></item></channel></rss>";
        let feed = parse_feed(rss.as_bytes()).expect("a feed");
        assert_eq!(feed.entries[0].link.as_deref(), Some("https://r.example/1"));
    }

    #[test]
    fn a_malformed_media_element_does_not_cost_the_feed() {
        let text = feed(
            "<entry><title>Clip</title><id>1</id>\
             <media:group><media:title type=\"foo\">M</media:title></media:group></entry>",
        );
        let kind = sniff(text.as_bytes()).expect("XML");
        assert!(with_feed_rs(text.as_bytes(), text.as_bytes(), &kind).is_err());
        let feed = parse_feed(text.as_bytes()).expect("read here");
        assert_eq!(feed.entries[0].title, "Clip");
    }

    #[test]
    fn other_roots_are_left_to_feed_rs() {
        let base = "<entry><title>T</title><id>1</id></entry>";
        for (what, text) in [
            (
                "an element prefixed with the Atom namespace",
                feed_with(
                    &format!(" xmlns:a=\"{ATOM}\""),
                    "<entry><a:title>T</a:title></entry>",
                ),
            ),
            (
                "Atom 0.3",
                feed(base).replace("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"),
            ),
            (
                "prefixed root",
                format!("<a:feed xmlns:a=\"{ATOM}\"><a:entry><a:id>1</a:id></a:entry></a:feed>"),
            ),
            (
                "an entry as the root",
                format!("<entry xmlns=\"{ATOM}\"><id>1</id></entry>"),
            ),
        ] {
            assert!(read(&text).is_none(), "{what}");
        }
        // The fixture uses xhtml content, so it goes to feed-rs.
        let fixture = include_str!("../../../tests/fixtures/feeds/atom.xml");
        assert!(read(fixture).is_none());
    }

    #[test]
    fn days_are_counted_in_utc() {
        for (time, day) in [
            ("2026-03-02T21:30:00Z", Some("2026-03-02")),
            ("  2026-03-02T21:30:00Z\n", Some("2026-03-02")),
            ("2026-03-02T21:30:00-05:00", Some("2026-03-03")),
            ("2026-03-01T01:00:00+02:00", Some("2026-02-28")),
            ("2028-03-01T01:00:00+02:00", Some("2028-02-29")),
            ("2026-01-01T00:00:00.000001+00:01", Some("2025-12-31")),
            ("2026-12-31T23:00:00-01:00", Some("2027-01-01")),
            ("2026-02-29T10:00:00Z", None),
            ("2026-03-02T24:00:00Z", None),
            ("2026-03-02T21:30:00", None),
            ("2026-03-02T21:30:00.Z", None),
            ("2026-03-02t21:30:00z", None),
            ("2026-03-02T21:30:00+24:00", None),
            ("0999-03-02T21:30:00Z", None),
        ] {
            assert_eq!(utc_day(time).as_deref(), day, "{time}");
        }
    }

    /// Pieces of an entry: the XML, and whether this reader takes it.
    const PIECES: &[(&str, bool)] = &[
        ("<title>Plain &amp; simple</title>", true),
        (
            "<title type=\"html\">&lt;b&gt;Bold&lt;/b&gt; &#169;</title>",
            true,
        ),
        ("<title type=\"text\"><![CDATA[a < b]]></title>", true),
        ("<title>a<!-- c -->b&unknown;</title>", true),
        ("<title type=\"xhtml\"><div>x</div></title>", false),
        ("<id>  tag:x,2026:1 </id>", true),
        ("<id/>", true),
        ("<link href=\"https://X.example:443/a/../b\"/>", true),
        ("<link rel=\"self\" href=\"https://x.example/self\"/>", true),
        ("<link href=\"/relative/path\"/>", true),
        ("<link href=\"relative/path?q=1#top\"/>", true),
        ("<link href=\"../up\"/>", true),
        ("<link href=\"//other.example/x\"/>", true),
        ("<link href=\"nested\" xml:base=\"deeper/\"/>", true),
        ("<link href=\" mailto:a@x.example \"/>", true),
        ("<link title=\"no href\"/>", true),
        ("<link href=\"a\" xml:base=\"https://y.example/b/\"/>", true),
        (
            "<content type=\"html\" xml:base=\"https://y.example/\">x</content>",
            true,
        ),
        ("<link href=\"a\" xml:base=\"https://\"/>", false),
        ("<published>2026-03-02T23:30:00-03:00</published>", true),
        ("<published>2026-03-02T00:30:00+03:00</published>", true),
        ("<updated>2026-02-28T23:59:59.999-00:01</updated>", true),
        ("<pubDate>2026-03-02T10:00:00Z</pubDate>", true),
        (
            "<published>Mon, 02 Mar 2026 10:00:00 GMT</published>",
            false,
        ),
        ("<author><name>Ana Souza</name></author>", true),
        (
            "<author><email>a@x.example</email><uri>https://x.example</uri></author>",
            true,
        ),
        ("<author><name></name></author>", true),
        ("<summary>Teaser &lt;only&gt;</summary>", true),
        ("<summary type=\"html\"></summary>", true),
        (
            "<content type=\"html\">&lt;p&gt;Body &amp;amp; more&lt;/p&gt;</content>",
            true,
        ),
        ("<content><![CDATA[plain <text>]]></content>", true),
        (
            "<content type=\"text/html\">&lt;p&gt;x&lt;/p&gt;</content>",
            true,
        ),
        (
            "<content type=\"xhtml\"><div><p>x</p></div></content>",
            false,
        ),
        ("<content type=\"text/plain\">x</content>", false),
        ("<thr:total>4</thr:total>", true),
        (
            "<wfw:commentRss>https://x.example/c.rss</wfw:commentRss>",
            true,
        ),
        (
            "<media:thumbnail url=\"https://x.example/a.png\" width=\"640\"/>",
            true,
        ),
        (
            "<media:group><media:title type=\"plain\">Clip</media:title></media:group>",
            true,
        ),
        ("<category term=\"a\" label=\"A\"/>", true),
        ("<rights type=\"html\">&lt;i&gt;c&lt;/i&gt;</rights>", true),
        ("\n  ", true),
    ];

    /// `xml:base` attributes for the root and for entries.
    const BASES: &[&str] = &[
        "",
        " xml:base=\"https://base.example/feed/\"",
        " xml:base=\"entries/\"",
        " xml:base=\"mailto:desk@signal.example\"",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whenever this reader takes a feed, it reads what feed-rs reads; and it takes
        /// every feed made only of pieces it is meant to take.
        #[test]
        fn generated_feeds_read_the_same(
            root in 0..BASES.len(),
            entries in prop::collection::vec(
                (0..BASES.len(), prop::collection::vec(0..PIECES.len(), 0..8)),
                0..4,
            )
        ) {
            let mut xml = String::new();
            let mut plain = true;
            for (base, pieces) in &entries {
                xml.push_str("<entry");
                xml.push_str(BASES[*base]);
                xml.push('>');
                for &p in pieces {
                    let (piece, takes) = PIECES[p];
                    xml.push_str(piece);
                    plain &= takes;
                }
                xml.push_str("</entry>\n");
            }
            let text = feed_with(BASES[root], &xml);
            match read(&text) {
                Some(fast) => prop_assert_eq!(fast, by_feed_rs(&text)),
                None => prop_assert!(!plain, "a plain feed was left to feed-rs:\n{}", text),
            }
        }
    }
}
