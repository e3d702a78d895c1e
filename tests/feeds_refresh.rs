//! Refreshing feeds from a server on 127.0.0.1 into the on-disk archive: articles kept
//! for offline reading, conditional requests, summary-only entries completed from
//! their pages, failures named, and annotations that survive a changed text.

#[path = "support/server.rs"]
mod server;

use std::path::{Path, PathBuf};
use std::time::Duration;

use gloss::annotations::anchor::place;
use gloss::annotations::{Anchor, Placement};
use gloss::config::FeedConfig;
use gloss::corpus::{load_paths, Article, LoadOptions};
use gloss::feeds::{open_url, refresh, FeedArchive, RefreshError};
use gloss::fetch::{Fetcher, Limits};
use server::{Reply, Server};

const STORY_ONE: &str = "<p>The Calder port board approved the purchase of fourteen cranes on Tuesday, \
ending a year of delays.</p><p>&#8220;This settles it,&#8221; said the board chair, Odile Brandt.</p>";

fn rss(items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Wire</title><link>https://harbour.example/</link>
{items}
</channel></rss>"#
    )
}

fn item(guid: &str, title: &str, content: &str, link: &str) -> String {
    format!(
        "<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>\
         <pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate>\
         <content:encoded><![CDATA[{content}]]></content:encoded></item>"
    )
}

fn summary_item(guid: &str, title: &str, summary: &str, link: &str) -> String {
    format!(
        "<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>\
         <pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate>\
         <description>{summary}</description></item>"
    )
}

const PAGE: &str = r#"<!doctype html><html><head><title>Tug crews vote | Harbour Wire</title>
<meta name="author" content="Priya Nandakumar"></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Tug crews vote to strike</h1>
<p>Tug crews at the port of Calder voted to strike from Friday after talks over night pay broke down, the union said on Wednesday.</p>
<p>The vote was carried by 212 to 40, according to <a href="https://union.example/vote">a statement</a> from the crews' branch, which represents most of the harbour's pilots and deckhands.</p>
<p>Port managers said contingency crews would keep the <a href="/ferries">ferry terminal</a> open.</p>
</article><footer>Copyright Harbour Wire</footer></body></html>"#;

fn feed(server: &Server, path: &str) -> FeedConfig {
    FeedConfig {
        name: "Harbour Wire".to_owned(),
        url: server.url(path),
        tags: Vec::new(),
        fetch_pages: true,
    }
}

fn fetcher() -> Fetcher {
    Fetcher::new(Limits {
        connect: Duration::from_secs(2),
        total: Duration::from_secs(3),
        redirects: 3,
        max_bytes: 2 * 1024 * 1024,
    })
}

fn load(dir: &Path) -> Vec<Article> {
    let mut articles = Vec::new();
    let report = load_paths(&[dir.to_path_buf()], &LoadOptions::default(), |a| {
        articles.push(a);
    });
    assert_eq!(report.skipped(), 0, "{:?}", report.notes);
    articles.sort_by(|a, b| a.meta.title.cmp(&b.meta.title));
    articles
}

#[test]
fn a_feed_is_kept_on_disk_and_read_back_as_articles() {
    let server = Server::start();
    let body = rss(&(item(
        "a-1",
        "Port board buys cranes",
        STORY_ONE,
        "https://harbour.example/cranes",
    ) + &summary_item(
        "a-2",
        "Tug crews vote",
        "Crews vote to strike.",
        &server.url("/tug-vote"),
    )));
    server.route(
        "/rss",
        Reply::Body {
            content_type: "application/rss+xml".to_owned(),
            body: body.into_bytes(),
            etag: Some("\"one\"".to_owned()),
        },
    );
    server.body("/tug-vote", "text/html; charset=utf-8", PAGE);
    let data = tempfile::tempdir().expect("dir");
    let archive = FeedArchive::new(data.path());
    let feed = feed(&server, "/rss");

    let report = refresh(&feed, &archive, &fetcher(), &mut |_, _| {}).expect("refresh");
    assert_eq!(
        (report.entries, report.new.len(), report.changed.len()),
        (2, 2, 0)
    );
    assert!(
        report.page_failures.is_empty(),
        "{:?}",
        report.page_failures
    );

    // Offline from here: the server is gone, the articles are on disk.
    let ferries = server.url("/ferries");
    drop(server);
    let articles = load(&archive.dir(&feed));
    assert_eq!(articles.len(), 2);
    let cranes = &articles[0];
    assert_eq!(cranes.meta.title, "Port board buys cranes");
    assert_eq!(cranes.meta.source.as_deref(), Some("Harbour Wire"));
    assert_eq!(cranes.meta.date.as_deref(), Some("2026-03-03"));
    assert_eq!(
        cranes.meta.url.as_deref(),
        Some("https://harbour.example/cranes")
    );
    assert!(cranes
        .body
        .contains("“This settles it,” said the board chair, Odile Brandt."));
    // The summary-only entry was completed from its page, furniture dropped.
    let tug = &articles[1];
    assert_eq!(tug.meta.title, "Tug crews vote");
    assert!(
        tug.body.contains("voted to strike from Friday"),
        "{}",
        tug.body
    );
    assert!(tug.body.contains("212 to 40"));
    assert!(!tug.body.contains("Sport") && !tug.body.contains("Copyright"));
    assert_eq!(tug.meta.author.as_deref(), Some("Priya Nandakumar"));
    // Its links stay numbered, so the reader's `L` can open them offline.
    assert_eq!(
        gloss::corpus::numbered_links(&tug.body),
        ["https://union.example/vote", ferries.as_str()]
    );
    assert_eq!(tug.meta.date.as_deref(), Some("2026-03-04"));
}

#[test]
fn a_second_refresh_is_conditional_and_a_changed_entry_keeps_its_annotations() {
    let server = Server::start();
    let first = rss(&item(
        "a-1",
        "Port board buys cranes",
        STORY_ONE,
        "https://harbour.example/c",
    ));
    server.route(
        "/rss",
        Reply::Body {
            content_type: "application/rss+xml".to_owned(),
            body: first.into_bytes(),
            etag: Some("\"one\"".to_owned()),
        },
    );
    let data = tempfile::tempdir().expect("dir");
    let archive = FeedArchive::new(data.path());
    let feed = feed(&server, "/rss");
    refresh(&feed, &archive, &fetcher(), &mut |_, _| {}).expect("refresh");
    let before = load(&archive.dir(&feed)).remove(0);

    // Unchanged: the server answers 304 to the ETag and nothing is rewritten.
    let again = refresh(&feed, &archive, &fetcher(), &mut |_, _| {}).expect("refresh");
    assert!(again.not_modified);
    assert_eq!(
        server.hits().last().and_then(|h| h.1.clone()).as_deref(),
        Some("\"one\"")
    );

    // The outlet corrects the story: same entry, new words around the quote.
    let quote = "“This settles it,” said the board chair, Odile Brandt.";
    let start = before.body[..before.body.find(quote).expect("quote")]
        .chars()
        .count();
    let anchor = Anchor::new(&before.body, start, start + quote.chars().count());
    let corrected = STORY_ONE.replace(
        "fourteen cranes on Tuesday",
        "14 new cranes late on Tuesday",
    );
    server.route(
        "/rss",
        Reply::Body {
            content_type: "application/rss+xml".to_owned(),
            body: rss(&item(
                "a-1",
                "Port board buys cranes",
                &corrected,
                "https://harbour.example/c",
            ))
            .into_bytes(),
            etag: Some("\"two\"".to_owned()),
        },
    );
    let report = refresh(&feed, &archive, &fetcher(), &mut |_, _| {}).expect("refresh");
    assert_eq!((report.new.len(), report.changed.len()), (0, 1));
    let after = load(&archive.dir(&feed)).remove(0);
    assert_eq!(after.id, before.id, "the same file, the same article");
    assert_ne!(after.body, before.body);
    let placed = place(&anchor, &after.body);
    assert!(matches!(placed, Placement::Exact { .. }), "{placed:?}");
    let (s, e) = placed.range().expect("placed");
    assert_eq!(
        after.body.chars().skip(s).take(e - s).collect::<String>(),
        quote
    );
}

#[test]
fn failures_are_named_and_bounded() {
    let server = Server::start();
    server.body("/not-a-feed", "text/plain", "just some words, no feed here");
    server.route("/gone", Reply::Status(410));
    server.route("/slow", Reply::Trickle);
    server.body(
        "/bomb.xml",
        "application/xml",
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><rss version=\"2.0\"><channel><title>&c;</title></channel></rss>",
    );
    // A summary-only entry whose page is missing keeps its summary.
    server.body(
        "/missing-page.xml",
        "application/rss+xml",
        rss(&summary_item(
            "m-1",
            "Short",
            "Only a summary.",
            &server.url("/no-such-page"),
        )),
    );
    let data = tempfile::tempdir().expect("dir");
    let archive = FeedArchive::new(data.path());
    let f = fetcher();
    let err = |path: &str| {
        refresh(&feed(&server, path), &archive, &f, &mut |_, _| {})
            .expect_err(path)
            .to_string()
    };
    assert!(
        err("/not-a-feed").contains("not a feed"),
        "{}",
        err("/not-a-feed")
    );
    assert_eq!(err("/gone"), "the server answered 410 Gone");
    assert!(err("/slow").contains("no complete answer within 3 s"));
    let bomb = refresh(&feed(&server, "/bomb.xml"), &archive, &f, &mut |_, _| {});
    assert!(matches!(bomb, Err(RefreshError::Feed(_))), "{bomb:?}");

    let report = refresh(
        &feed(&server, "/missing-page.xml"),
        &archive,
        &f,
        &mut |_, _| {},
    )
    .expect("the feed itself is fine");
    assert_eq!(report.page_failures.len(), 1);
    assert!(
        report.page_failures[0].contains("404"),
        "{:?}",
        report.page_failures
    );
    let kept = load(&archive.dir(&feed(&server, "/missing-page.xml")));
    assert_eq!(kept[0].body, "Only a summary.");
}

#[test]
fn open_url_keeps_a_page_or_a_whole_feed() {
    let server = Server::start();
    server.body("/story", "text/html", PAGE);
    server.body(
        "/feed",
        "application/rss+xml",
        rss(&item("x", "Cranes", STORY_ONE, "https://harbour.example/x")),
    );
    server.body(
        "/index",
        "text/html",
        "<html><body><ul><li><a href=\"/a\">A</a></li></ul></body></html>",
    );
    let data = tempfile::tempdir().expect("dir");
    let archive = FeedArchive::new(data.path());
    let f = fetcher();

    let (page, name) = open_url(&server.url("/story"), &archive, &f).expect("page");
    assert_eq!(name, None);
    let articles = load(&page);
    assert_eq!(articles[0].meta.title, "Tug crews vote to strike");
    assert_eq!(articles[0].meta.source.as_deref(), Some("127.0.0.1"));

    let (dir, name): (PathBuf, _) = open_url(&server.url("/feed"), &archive, &f).expect("feed");
    assert_eq!(name.as_deref(), Some("Harbour Wire"));
    assert_eq!(load(&dir)[0].meta.title, "Cranes");

    let refused = open_url(&server.url("/index"), &archive, &f).expect_err("not an article");
    assert!(refused.contains("almost no article text"), "{refused}");
}
