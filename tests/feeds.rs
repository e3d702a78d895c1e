//! Feeds become entries and entries become articles: every format gloss reads, hostile
//! feeds, broken downloads, OPML lists, and the archive pages read back by the loader.
//!
//! The fixtures in `tests/fixtures/feeds/` are invented outlets and stories.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use gloss::corpus::{
    archive_document, entry_document, entry_file_name, parse_article, parse_feed, parse_opml,
    text_to_html, write_opml, ArchivePage, Article, Feed, FeedEntry, FeedError, OpmlError,
    OpmlFeed, MAX_FEED_ENTRIES,
};
use proptest::prelude::*;

const FIXTURES: [&str; 12] = [
    "rss091.xml",
    "rss10.rdf",
    "rss20.xml",
    "atom.xml",
    "jsonfeed.json",
    "summary-only.xml",
    "hostile.xml",
    "billion-laughs.xml",
    "xxe.xml",
    "invalid.xml",
    "truncated.xml",
    "subscriptions.opml",
];

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_feed(name: &str) -> Feed {
    parse_feed(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The entry as an archived page, read back by the HTML loader.
fn archived(entry: &FeedEntry, feed_name: &str) -> Article {
    let doc = entry_document(entry, feed_name);
    let path = format!("feeds/{}", entry_file_name(entry));
    parse_article("id", &path, None, doc.as_bytes())
        .unwrap_or_else(|e| panic!("{e}: {doc}"))
        .0
}

fn no_controls(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && c != '\n')
}

// ---------------------------------------------------------------------------
// Formats

#[test]
fn rss_091_in_latin_1_with_its_doctype() {
    let feed = read_feed("rss091.xml");
    assert_eq!(feed.title.as_deref(), Some("Northfield Gazette"));
    assert_eq!(feed.site.as_deref(), Some("https://gazette.example/"));
    assert_eq!(feed.entries.len(), 2);
    let first = &feed.entries[0];
    assert_eq!(first.title, "Library reopens after flood repairs");
    // No guid: the link is the id.
    assert_eq!(first.id, "https://gazette.example/2026/library-reopens");
    assert_eq!(first.link.as_deref(), Some(first.id.as_str()));
    assert_eq!(first.date, None);
    assert_eq!(first.author, None);
    assert_eq!(first.content, None);
    assert_eq!(
        first.summary.as_deref(),
        Some("The town library on Mill Street reopened on Saturday, six weeks after the river flooded its basement. Café hours are unchanged.")
    );
    assert!(first.is_summary_only());
}

#[test]
fn rss_10_rdf_gives_creators_and_dates() {
    let feed = read_feed("rss10.rdf");
    assert_eq!(feed.title.as_deref(), Some("Kestrel Science Desk"));
    assert_eq!(feed.site.as_deref(), Some("https://kestrel.example/"));
    let got: Vec<_> = feed
        .entries
        .iter()
        .map(|e| {
            (
                e.title.as_str(),
                e.author.as_deref(),
                e.date.as_deref(),
                e.link.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Survey finds 40 new comets",
                Some("Priya Lindqvist"),
                Some("2026-02-27"),
                Some("https://kestrel.example/comet-survey")
            ),
            (
                "Seed bank doubles its collection",
                Some("Tomas Brecht"),
                Some("2026-02-25"),
                Some("https://kestrel.example/seed-bank")
            ),
        ]
    );
    assert_eq!(
        feed.entries[1].summary.as_deref(),
        Some("The Varrow seed bank now holds 80,000 samples.")
    );
}

#[test]
fn rss_20_takes_content_encoded_as_the_content() {
    let feed = read_feed("rss20.xml");
    assert_eq!(feed.title.as_deref(), Some("Ledger Daily — Business"));
    // The atom:link rel="self" is the feed, not the site.
    assert_eq!(
        feed.site.as_deref(),
        Some("https://ledger.example/business")
    );
    assert_eq!(feed.entries.len(), 3);

    let offer = &feed.entries[0];
    assert_eq!(offer.id, "ledger-2026-0312");
    assert_eq!(
        offer.title,
        "Port authority raises its offer to $44 million"
    );
    assert_eq!(
        offer.link.as_deref(),
        Some("https://ledger.example/business/port-offer")
    );
    assert_eq!(offer.author.as_deref(), Some("Jun Okafor"));
    assert_eq!(offer.date.as_deref(), Some("2026-03-02"));
    assert_eq!(
        offer.summary.as_deref(),
        Some("The Calder Port Authority raised its offer.")
    );
    let content = offer.content.as_deref().expect("content:encoded");
    assert!(content.starts_with(
        "<p>The Calder Port Authority raised its offer to <strong>$44 million</strong>"
    ));
    assert!(content.ends_with("<li>Night shifts end in June</li></ul>"));
    assert!(!offer.is_summary_only());

    // A relative link is resolved against the site; `email (Name)` gives the name;
    // escaped HTML content is HTML.
    let ferry = &feed.entries[1];
    assert_eq!(
        ferry.link.as_deref(),
        Some("https://ledger.example/business/ferry-loss")
    );
    assert_eq!(ferry.id, "https://ledger.example/business/ferry-loss");
    assert_eq!(ferry.author.as_deref(), Some("Ama Mensah"));
    assert_eq!(ferry.date.as_deref(), Some("2026-03-01"));
    assert_eq!(
        ferry.content.as_deref(),
        Some("<p>Strandline Ferries lost &pound;3 million in the winter quarter.</p>")
    );

    // No title, no link, no guid.
    let note = &feed.entries[2];
    assert_eq!(note.title, "(untitled)");
    assert_eq!(note.link, None);
    assert!(
        note.id.starts_with("hash:") && note.id.len() == 21,
        "{}",
        note.id
    );
    // The hash is stable.
    assert_eq!(note.id, read_feed("rss20.xml").entries[2].id);
}

#[test]
fn atom_reads_html_xhtml_and_text_content() {
    let feed = read_feed("atom.xml");
    assert_eq!(feed.title.as_deref(), Some("Harbour Signal"));
    assert_eq!(feed.site.as_deref(), Some("https://signal.example/"));
    let [html, xhtml, text] = &feed.entries[..] else {
        panic!("three entries: {:?}", feed.entries);
    };

    assert_eq!(html.id, "tag:signal.example,2026:dockers-reject");
    assert_eq!(html.title, "Dockers reject the offer");
    // rel="replies" is not the entry's page.
    assert_eq!(
        html.link.as_deref(),
        Some("https://signal.example/2026/03/dockers-reject")
    );
    assert_eq!(html.author.as_deref(), Some("Callum Deane"));
    // Published wins over updated.
    assert_eq!(html.date.as_deref(), Some("2026-03-02"));
    assert_eq!(
        html.content.as_deref(),
        Some("<p>Dockworkers voted 312 to 85 against the offer on Monday night.</p><p>&ldquo;We are not done,&rdquo; said Mara Quint.</p>")
    );
    assert_eq!(
        html.summary.as_deref(),
        Some("Dockworkers voted the offer down.")
    );

    // Entries without an author take the feed's; without `published`, `updated`.
    assert_eq!(xhtml.author.as_deref(), Some("Harbour Signal desk"));
    assert_eq!(xhtml.date.as_deref(), Some("2026-03-01"));
    let markup = xhtml.content.as_deref().expect("xhtml content");
    assert!(markup.starts_with("<p>High water at Calder on <b>3 March</b> is at 06:12.</p>"));
    assert!(markup.ends_with("<li>Neaps on the 18th</li></ol>"));

    // A text title and text content are text: `<` stays a character, not a tag.
    assert_eq!(text.title, "Notice: 5 < 6 & office hours");
    assert_eq!(
        text.content.as_deref(),
        Some("<p>The office opens at 9 &amp; closes at 5.<br>\nUse the &lt;side door&gt; after 4.</p>\n")
    );
    let article = archived(text, "Harbour Signal");
    assert_eq!(
        article.body,
        "The office opens at 9 & closes at 5.\nUse the <side door> after 4."
    );
}

#[test]
fn json_feed_11_items() {
    let feed = read_feed("jsonfeed.json");
    assert_eq!(feed.title.as_deref(), Some("Meridian Wire"));
    assert_eq!(feed.site.as_deref(), Some("https://wire.example/"));
    let [mediator, grain] = &feed.entries[..] else {
        panic!("two entries: {:?}", feed.entries);
    };
    assert_eq!(mediator.id, "mw-5521");
    assert_eq!(mediator.title, "Mediator appointed in port dispute");
    assert_eq!(
        mediator.link.as_deref(),
        Some("https://wire.example/2026/03/02/mediator")
    );
    assert_eq!(mediator.author.as_deref(), Some("Rhea Solberg"));
    assert_eq!(mediator.date.as_deref(), Some("2026-03-03"));
    assert_eq!(
        mediator.content.as_deref(),
        Some(
            "<p>A mediator, Ilse Varga, was appointed on Tuesday.</p><p>Talks resume Thursday.</p>"
        )
    );
    assert_eq!(
        mediator.summary.as_deref(),
        Some("A mediator was appointed.")
    );

    assert_eq!(grain.author.as_deref(), Some("Meridian Wire staff"));
    assert_eq!(
        grain.content.as_deref(),
        Some("Grain exports rose 7% in February.\n\nShippers expect a slower March.")
    );
    assert_eq!(
        archived(grain, "Meridian Wire").body,
        "Grain exports rose 7% in February.\n\nShippers expect a slower March."
    );
}

#[test]
fn summary_only_feeds_ask_for_the_page() {
    let feed = read_feed("summary-only.xml");
    assert_eq!(feed.entries.len(), 2);
    for entry in &feed.entries {
        assert!(entry.is_summary_only(), "{entry:?}");
        assert_eq!(entry.content, None);
    }
    assert_eq!(feed.entries[0].id, "https://post.example/news/bridge");
    assert_eq!(
        feed.entries[1].summary.as_deref(),
        Some("<p>The council held the price of school meals. <a href=\"https://post.example/news/meals\">Read more</a></p>")
    );
    let full = parse_feed(&fixture("rss20.xml")).expect("reads");
    assert!(!full.entries[0].is_summary_only());
}

// ---------------------------------------------------------------------------
// Hostile feeds

#[test]
fn html_and_scripts_in_titles_become_plain_text() {
    let feed = read_feed("hostile.xml");
    assert_eq!(feed.title.as_deref(), Some("Quayside Times"));
    // javascript: site link dropped.
    assert_eq!(feed.site, None);
    let entry = &feed.entries[0];
    assert_eq!(entry.title, "Harbour fees rise");
    assert_eq!(entry.link, None, "javascript: links are dropped");
    let article = archived(entry, "Quayside Times");
    assert_eq!(article.meta.title, "Harbour fees rise");
    assert_eq!(
        article.body,
        "Fees rise by 3% from April.\n\nClick or here."
    );
    assert!(!article.body.contains("steal"));
    // data: and file: links are dropped too.
    assert_eq!(feed.entries[1].link, None);
    assert_eq!(feed.entries[2].title, "File link");
    assert_eq!(feed.entries[2].link, None);
}

#[test]
fn escape_sequences_never_reach_a_field() {
    let feed = read_feed("hostile.xml");
    let entry = &feed.entries[1];
    // Raw ESC sequences and one written as a character reference (`&#27;[2J`).
    assert_eq!(entry.title, "Terminal title red done");
    assert_eq!(entry.id, "quay-2");
    assert_eq!(entry.author.as_deref(), Some("Eve"));
    assert_eq!(
        entry.summary.as_deref(),
        Some("Body with  clear and link text.")
    );
    let article = archived(entry, "Quayside Times");
    assert_eq!(article.body, "Body with clear and link text.");
    // Tabs become spaces (found by `cargo fuzz run feed`: a tab in content survived).
    let tabbed = parse_feed(b"<rss version=\"2.0\"><channel><item><description>A\tB\r\nC</description></item></channel></rss>").expect("reads");
    assert_eq!(tabbed.entries[0].summary.as_deref(), Some("A    B\nC"));

    for name in FIXTURES {
        let Ok(feed) = parse_feed(&fixture(name)) else {
            continue;
        };
        for entry in &feed.entries {
            let fields = [
                Some(&entry.id),
                Some(&entry.title),
                entry.link.as_ref(),
                entry.author.as_ref(),
                entry.date.as_ref(),
                entry.content.as_ref(),
                entry.summary.as_ref(),
            ];
            for field in fields.into_iter().flatten() {
                assert!(no_controls(field), "{name}: {field:?}");
            }
            for line in [&entry.id, &entry.title] {
                assert!(!line.contains('\n'), "{name}: {line:?}");
            }
            let article = archived_or_refused(entry);
            if let Some(article) = article {
                assert!(no_controls(&article.body), "{name}: {:?}", article.body);
            }
        }
    }
}

fn archived_or_refused(entry: &FeedEntry) -> Option<Article> {
    let doc = entry_document(entry, "Feed");
    parse_article("id", "x/a.html", None, doc.as_bytes())
        .ok()
        .map(|(a, _)| a)
}

#[test]
fn billion_laughs_is_refused_at_once() {
    let started = Instant::now();
    assert_eq!(
        parse_feed(&fixture("billion-laughs.xml")),
        Err(FeedError::EntityDeclarations)
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    let message = FeedError::EntityDeclarations.to_string();
    assert!(
        message.starts_with(
            "XML entity declarations are refused (entity expansion / external entities)"
        ),
        "{message}"
    );
}

#[test]
fn external_entities_are_refused() {
    assert_eq!(
        parse_feed(&fixture("xxe.xml")),
        Err(FeedError::EntityDeclarations)
    );
    // In an Atom feed, with the DOCTYPE after a comment, in UTF-16 as well.
    let atom = "<?xml version=\"1.0\"?><!-- x --><!DOCTYPE feed [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&secret;</title></feed>";
    assert_eq!(
        parse_feed(atom.as_bytes()),
        Err(FeedError::EntityDeclarations)
    );
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(atom.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(parse_feed(&utf16), Err(FeedError::EntityDeclarations));
}

/// What `feed-rs` does on its own, which the refusal above is a second wall for: it
/// reads the DOCTYPE without acting on it and leaves unknown references as text.
#[test]
fn feed_rs_alone_expands_no_entities() {
    for name in ["billion-laughs.xml", "xxe.xml"] {
        let started = Instant::now();
        let raw = feed_rs::parser::parse(&fixture(name)[..]).expect("feed-rs reads it");
        assert!(started.elapsed() < Duration::from_secs(1));
        let title = raw.entries[0]
            .title
            .as_ref()
            .expect("title")
            .content
            .clone();
        assert!(title == "&lol9;" || title == "Secrets: &xxe;", "{title}");
    }
}

#[test]
fn a_doctype_without_entities_is_read() {
    let rss = b"<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"http://dtd.example/rss.dtd\">\n<rss version=\"2.0\"><channel><title>T</title><item><title>A</title></item></channel></rss>";
    let feed = parse_feed(rss).expect("reads");
    assert_eq!(feed.entries[0].title, "A");
}

// ---------------------------------------------------------------------------
// Broken downloads and other documents

#[test]
fn invalid_xml_names_the_byte() {
    let err = parse_feed(&fixture("invalid.xml")).expect_err("invalid");
    assert_eq!(
        err,
        FeedError::InvalidXml {
            at: 245,
            reason: "ill-formed document: expected `</item>`, but `</channel>` was found".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "invalid XML at byte 245: ill-formed document: expected `</item>`, but `</channel>` was found"
    );
    // Byte 245 is where the mismatched end tag starts.
    assert!(fixture("invalid.xml")[245..].starts_with(b"</channel>"));
}

#[test]
fn truncated_feeds_say_so() {
    assert_eq!(
        parse_feed(&fixture("truncated.xml")),
        Err(FeedError::Truncated)
    );
    assert_eq!(
        FeedError::Truncated.to_string(),
        "the feed ends before it is complete (truncated download?)"
    );
    // Cut anywhere after the root element starts, every feed is refused as truncated
    // (never read in part, never another error).
    for name in ["rss20.xml", "atom.xml", "rss10.rdf", "rss091.xml"] {
        let bytes = fixture(name);
        let end = bytes.trim_ascii_end().len();
        let root = bytes
            .windows(5)
            .position(|w| w == b"<rss " || w == b"<feed" || w == b"<rdf:")
            .expect("root");
        for cut in (root + 1..end).step_by(7) {
            assert_eq!(
                parse_feed(&bytes[..cut]),
                Err(FeedError::Truncated),
                "{name} cut at {cut}"
            );
        }
    }
    let json = fixture("jsonfeed.json");
    assert_eq!(
        parse_feed(&json[..json.len() / 2]),
        Err(FeedError::Truncated)
    );
}

#[test]
fn a_second_xml_declaration_is_refused_not_a_panic() {
    // Found by `cargo fuzz run feed`: quick-xml panics when a declaration naming
    // another encoding comes once reading has begun.
    let joined = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>A</title>\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"></rss></channel></rss>";
    let err = parse_feed(joined).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "invalid XML at byte 84: an XML declaration (<?xml …?>) after the start of the document (two documents joined together?)"
    );
    assert!(joined[84..].starts_with(b"<?xml"));
    // Even quoted in CDATA it is refused: quick-xml's reader would not mind there, but
    // telling CDATA apart reliably needs a full parse, and such content is rare.
    let quoted = b"<rss version=\"2.0\"><channel><item><description><![CDATA[<pre><?xml version=\"1.0\"?></pre>]]></description></item></channel></rss>";
    assert!(matches!(
        parse_feed(quoted),
        Err(FeedError::InvalidXml { at: 61, .. })
    ));
    assert!(quoted[61..].starts_with(b"<?xml"));
    // A processing instruction that is not a declaration is fine.
    let pi = b"<rss version=\"2.0\"><channel><?xml-stylesheet href=\"s.xsl\"?><item><title>B</title></item></channel></rss>";
    assert_eq!(parse_feed(pi).expect("reads").entries[0].title, "B");
}

#[test]
fn a_latin_1_declaration_after_blank_lines_or_a_comment_still_decodes() {
    let body = b"<rss version=\"2.0\"><channel><title>Caf\xe9 Nord</title><item><title>Cr\xe8me</title></item></channel></rss>";
    let heads: [&[u8]; 3] = [
        b"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
        b"<?xml version=\"1.0\"    encoding=\"windows-1252\"    standalone=\"yes\"    ?>",
        b"<!-- generated by the Nord publishing system, version 12 -->\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    ];
    for head in heads {
        let doc = [head, &body[..]].concat();
        let feed =
            parse_feed(&doc).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(head)));
        assert_eq!(feed.title.as_deref(), Some("Café Nord"));
        assert_eq!(feed.entries[0].title, "Crème");
    }
}

#[test]
fn panics_inside_feed_rs_cost_the_feed_not_the_program() {
    // Found by `cargo fuzz run feed`: feed-rs slices one byte past an e-mail address in
    // a byline, inside a character when one touches it. Written out, the character is
    // moved off with a space and the feed reads...
    let touching = "<rss version=\"2.0\"><channel><item><title>A</title><author>jo@x.example\u{a0}(Jo Ré)</author></item></channel></rss>";
    let feed = parse_feed(touching.as_bytes()).expect("reads");
    assert_eq!(feed.entries[0].author.as_deref(), Some("Jo Ré"));
    // ...written as references, it reaches the panic, which is caught.
    let referenced = b"<rss version=\"2.0\"><channel><item><author>jo@x.example&#8217;s desk</author></item></channel></rss>";
    assert_eq!(parse_feed(referenced), Err(FeedError::ParserFailed));
    // A duration too long for a number unwraps an error inside feed-rs.
    let duration = b"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><item><title>A</title><itunes:duration>99999999999999999999999</itunes:duration></item></channel></rss>";
    assert_eq!(parse_feed(duration), Err(FeedError::ParserFailed));
    assert!(FeedError::ParserFailed
        .to_string()
        .starts_with("the feed parser (feed-rs) failed on this feed"));
}

#[test]
fn utf_16_feeds_are_read() {
    let rss = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<rss version=\"2.0\"><channel><title>Nord — Süd</title><item><title>Brücke</title></item></channel></rss>";
    let little: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(rss.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let big: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(rss.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for bytes in [little, big] {
        let feed = parse_feed(&bytes).expect("reads");
        assert_eq!(feed.title.as_deref(), Some("Nord — Süd"));
        assert_eq!(feed.entries[0].title, "Brücke");
    }
}

#[test]
fn other_documents_are_named() {
    let cases: [(&[u8], &str); 7] = [
        (b"", "the document is empty"),
        (b"   \n", "the document is empty"),
        (
            b"<!DOCTYPE html><html><head><title>Ledger</title></head></html>",
            "web page (<html>)",
        ),
        (
            b"<?xml version=\"1.0\"?><svg></svg>",
            "root element is <svg>",
        ),
        (b"plain words", "neither XML nor JSON"),
        (
            b"{\"version\": \"2\", \"items\": []}",
            "JSON whose version \"2\" is not https://jsonfeed.org/version/1.x",
        ),
        (
            b"{\"name\": \"not a feed\"}",
            "JSON without a JSON Feed \"version\"",
        ),
    ];
    for (bytes, want) in cases {
        match parse_feed(bytes) {
            Err(err @ FeedError::NotAFeed(_)) => {
                let message = err.to_string();
                assert!(
                    message.starts_with("not a feed (no <rss>, <feed> or JSON Feed found)")
                        && message.contains(want),
                    "{message}"
                );
            }
            other => panic!("{}: {other:?}", String::from_utf8_lossy(bytes)),
        }
    }
    assert!(matches!(
        parse_feed(&fixture("subscriptions.opml")),
        Err(FeedError::NotAFeed(m)) if m.contains("OPML")
    ));
    assert!(matches!(
        parse_feed(b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [}"),
        Err(FeedError::InvalidJson(m)) if m.contains("line 1")
    ));
    assert_eq!(
        parse_feed(b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}")
            .expect_err("no title")
            .to_string(),
        "the feed could not be read: unable to parse JSON: missing field `title` at line 1 column 60"
    );
}

#[test]
fn too_many_entries_are_refused() {
    let mut rss = String::from("<rss version=\"2.0\"><channel><title>Flood</title>");
    for n in 0..=MAX_FEED_ENTRIES {
        let _ = write!(rss, "<item><guid>{n}</guid></item>");
    }
    rss.push_str("</channel></rss>");
    let err = parse_feed(rss.as_bytes()).expect_err("too many");
    assert_eq!(
        err,
        FeedError::TooManyEntries {
            count: MAX_FEED_ENTRIES + 1,
            limit: MAX_FEED_ENTRIES
        }
    );
    assert_eq!(
        err.to_string(),
        "the feed has 50001 entries, more than the 50000 gloss reads at once"
    );
}

// ---------------------------------------------------------------------------
// The archive: entries written as pages and read back

fn entry(content: Option<&str>, summary: Option<&str>) -> FeedEntry {
    FeedEntry {
        id: "tag:ledger.example,2026:port-offer".into(),
        title: "Port offer: \"final\" & <binding>".into(),
        link: Some("https://ledger.example/port?id=1&v=2".into()),
        author: Some("Jun Okafor".into()),
        date: Some("2026-03-02".into()),
        content: content.map(str::to_owned),
        summary: summary.map(str::to_owned),
    }
}

fn assert_meta(article: &Article) {
    assert_eq!(article.meta.title, "Port offer: \"final\" & <binding>");
    assert_eq!(article.meta.source.as_deref(), Some("Ledger Daily"));
    assert_eq!(article.meta.date.as_deref(), Some("2026-03-02"));
    assert_eq!(
        article.meta.url.as_deref(),
        Some("https://ledger.example/port?id=1&v=2")
    );
    assert_eq!(article.meta.author.as_deref(), Some("Jun Okafor"));
}

#[test]
fn archived_content_reads_back_with_paragraphs_lists_and_links() {
    let content = "<p>The authority raised its offer to <b>$44 million</b>.</p>\
        <p>See the <a href=\"https://ledger.example/offer.pdf\">offer</a> and \
        <a href=\"javascript:steal()\">this</a>.</p>\
        <ul><li>Wages rise 4%</li><li>Night shifts end</li></ul>\
        <ol><li>Vote Friday</li><li>Result Monday</li></ol>";
    let article = archived(&entry(Some(content), Some("Teaser.")), "Ledger Daily");
    assert_meta(&article);
    assert_eq!(
        article.body,
        "The authority raised its offer to $44 million.\n\n\
         See the offer[1] and this.\n\n\
         • Wages rise 4%\n\
         • Night shifts end\n\n\
         1. Vote Friday\n\
         2. Result Monday\n\n\
         Links\n\
         [1] https://ledger.example/offer.pdf"
    );
}

#[test]
fn a_one_sentence_summary_is_an_article() {
    let article = archived(
        &entry(None, Some("The union rejected the offer.")),
        "Ledger Daily",
    );
    assert_meta(&article);
    assert_eq!(article.body, "The union rejected the offer.");
    // Also as HTML without a paragraph: a bare list.
    let article = archived(
        &entry(Some("<ul><li>One</li><li>Two</li></ul>"), None),
        "Ledger Daily",
    );
    assert_eq!(article.body, "• One\n• Two");
}

#[test]
fn a_text_summary_keeps_its_angle_brackets_and_ampersands() {
    // No tags, so it is text: `&amp;` is five characters, not an ampersand.
    let text = "Rates < 5% & falling; 3 > 2.\nSecond line &amp; more.\n\nNew paragraph.";
    let article = archived(&entry(None, Some(text)), "Ledger Daily");
    assert_meta(&article);
    assert_eq!(article.body, text);
}

#[test]
fn an_entry_without_text_is_not_an_article() {
    let doc = entry_document(&entry(None, None), "Ledger Daily");
    assert!(parse_article("id", "x/a.html", None, doc.as_bytes()).is_err());
}

#[test]
fn archive_documents_are_marked_and_escaped() {
    let doc = archive_document(&ArchivePage {
        title: "A \"quoted\" <title>",
        site: "Tom & Jerry's",
        author: None,
        date: None,
        url: Some("https://x.example/?a=\"1\""),
        body_html: "<p>Body.</p>",
    });
    assert!(doc.starts_with("<!doctype html>\n"));
    for wanted in [
        "<meta charset=\"utf-8\">",
        "<meta name=\"generator\" content=\"gloss feed archive\">",
        "<title>A &quot;quoted&quot; &lt;title&gt;</title>",
        "<meta property=\"og:site_name\" content=\"Tom &amp; Jerry&#39;s\">",
        "<link rel=\"canonical\" href=\"https://x.example/?a=&quot;1&quot;\">",
        "<article>",
        "<p>Body.</p>",
    ] {
        assert!(doc.contains(wanted), "{wanted} in {doc}");
    }
    assert!(!doc.contains("name=\"author\""));
    let (article, notes) =
        parse_article("id", "x/a.html", None, doc.as_bytes()).expect("an article");
    assert_eq!(article.meta.title, "A \"quoted\" <title>");
    assert_eq!(article.meta.source.as_deref(), Some("Tom & Jerry's"));
    assert_eq!(article.body, "Body.");
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn entry_file_names_are_stable_and_safe() {
    let a = entry(None, None);
    let mut b = a.clone();
    b.id = "../../etc/passwd".into();
    for e in [&a, &b] {
        let name = entry_file_name(e);
        assert_eq!(name.len(), 21);
        assert_eq!(&name[16..], ".html");
        assert!(name[..16].bytes().all(|c| c.is_ascii_hexdigit()), "{name}");
    }
    assert_eq!(entry_file_name(&a), entry_file_name(&a.clone()));
    assert_ne!(entry_file_name(&a), entry_file_name(&b));
}

#[test]
fn text_to_html_reads_back_as_the_same_text() {
    let text = "First line\nsecond line\n\n• a bullet & <tag>\n\n“Quoted,” she said.";
    let html = text_to_html(text);
    let doc = archive_document(&ArchivePage {
        title: "T",
        site: "S",
        author: None,
        date: None,
        url: None,
        body_html: &html,
    });
    let (article, _) = parse_article("id", "x/a.html", None, doc.as_bytes()).expect("reads");
    assert_eq!(article.body, text);
}

// ---------------------------------------------------------------------------
// OPML

#[test]
fn opml_lists_nested_http_feeds_once() {
    let feeds = parse_opml(&fixture("subscriptions.opml")).expect("reads");
    let got: Vec<(&str, &str)> = feeds
        .iter()
        .map(|f| (f.title.as_str(), f.url.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Harbour Signal", "https://signal.example/atom.xml"),
            (
                "Calder Evening Post",
                "https://post.example/rss?section=news&format=full"
            ),
            ("Kestrel Science Desk", "http://kestrel.example/rss"),
            ("Meridian Wire", "https://wire.example/feed.json"),
        ]
    );
}

#[test]
fn opml_round_trips() {
    let feeds = parse_opml(&fixture("subscriptions.opml")).expect("reads");
    let written = write_opml("Port dispute & more", &feeds);
    assert_eq!(parse_opml(written.as_bytes()).expect("reads back"), feeds);
    assert!(written.contains("<title>Port dispute &amp; more</title>"));
}

#[test]
fn opml_errors_say_what_is_wrong() {
    assert!(matches!(
        parse_opml(&fixture("rss20.xml")),
        Err(OpmlError::NotOpml(m)) if m.contains("<rss>")
    ));
    let bytes = fixture("subscriptions.opml");
    assert_eq!(parse_opml(&bytes[..600]), Err(OpmlError::Truncated));
    let laughs = b"<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><opml><body><outline text=\"&b;\" xmlUrl=\"https://x.example/\"/></body></opml>";
    let err = parse_opml(laughs).expect_err("refused");
    assert_eq!(err, OpmlError::EntityDeclarations);
    assert!(err
        .to_string()
        .starts_with("XML entity declarations are refused"));
    assert_eq!(
        parse_opml(b"<opml><body><outline></body></opml>")
            .expect_err("invalid")
            .to_string(),
        "invalid XML at byte 21: ill-formed document: expected `</outline>`, but `</body>` was found"
    );
}

// ---------------------------------------------------------------------------
// Never a panic

/// Byte-level damage to a fixture: flips, cuts, duplications and insertions.
fn mutate(bytes: &[u8], ops: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(op, at, byte) in ops {
        if out.is_empty() {
            out.push(byte);
            continue;
        }
        let at = at % out.len();
        match op % 5 {
            0 => out[at] = byte,
            1 => out.truncate(at),
            2 => out.insert(at, byte),
            3 => {
                let end = (at + 64).min(out.len());
                let piece = out[at..end].to_vec();
                out.splice(at..at, piece);
            }
            _ => {
                let snippet: &[u8] = match byte % 6 {
                    0 => b"<!DOCTYPE x [<!ENTITY e \"e\">]>",
                    1 => b"<![CDATA[",
                    2 => b"&#27;[2J",
                    3 => b"</item>",
                    4 => b"<entry><title type=\"xhtml\"><div>",
                    _ => b"\x1b]0;x\x07",
                };
                out.splice(at..at, snippet.iter().copied());
            }
        }
    }
    out
}

fn check(bytes: &[u8]) {
    if let Ok(feed) = parse_feed(bytes) {
        for entry in &feed.entries {
            assert!(!entry.id.is_empty());
            assert!(!entry.title.is_empty() && entry.title.chars().count() <= 300);
            assert!(no_controls(&entry.title) && !entry.title.contains('\n'));
            if let Some(link) = &entry.link {
                let scheme = link.get(..8).unwrap_or(link).to_ascii_lowercase();
                assert!(
                    scheme.starts_with("http://") || scheme.starts_with("https://"),
                    "{link}"
                );
            }
            let _ = archived_or_refused(entry);
        }
    }
    let _ = parse_opml(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..800)) {
        check(&bytes);
    }

    #[test]
    fn damaged_fixtures_never_panic(
        which in 0usize..FIXTURES.len(),
        ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..6),
    ) {
        check(&mutate(&fixture(FIXTURES[which]), &ops));
    }

    #[test]
    fn archived_titles_and_text_read_back(
        title in "[a-zA-Z0-9 &<>\"'é—“”]{1,80}",
        paragraphs in proptest::collection::vec(
            proptest::collection::vec("(rates|&amp;|harbour|5 < 6|\"quoted\"|Quint|é|[0-9]{1,4}%)( (the|a|and|&|<|>|said|40))*\\.?", 1..4),
            1..4,
        ),
    ) {
        let title: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assume!(!title.is_empty());
        let text = paragraphs.iter().map(|p| p.join("\n")).collect::<Vec<_>>().join("\n\n");
        let entry = FeedEntry {
            id: "x".into(),
            title: title.clone(),
            summary: Some(text.clone()),
            ..FeedEntry::default()
        };
        let article = archived(&entry, "Feed");
        prop_assert_eq!(&article.meta.title, &title);
        prop_assert_eq!(&article.body, &text);
    }

    #[test]
    fn opml_round_trips_any_names(
        names in proptest::collection::vec("[a-zA-Z0-9 &<>\"'é]{1,40}", 0..8),
    ) {
        let feeds: Vec<OpmlFeed> = names
            .iter()
            .enumerate()
            .map(|(n, name)| OpmlFeed {
                title: name.split_whitespace().collect::<Vec<_>>().join(" "),
                url: format!("https://f{n}.example/feed?a=1&b=<{n}>"),
            })
            .filter(|f| !f.title.is_empty())
            .collect();
        let back = parse_opml(write_opml("List", &feeds).as_bytes()).expect("reads");
        prop_assert_eq!(back, feeds);
    }
}
