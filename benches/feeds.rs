//! Importing a large feed: parse it, write every entry as an archive page, and read
//! every page back as an article, as a first import of a busy feed does.
//!
//! Run: `cargo bench --bench feeds`. Target: under 200 ms for 5,000 RSS entries with
//! 1–2 KB of HTML each (the same for Atom). The import is timed on one core, and with
//! the entries spread over all cores by rayon (parsing the feed stays on one).

#![allow(clippy::all, clippy::pedantic)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gloss::corpus::{
    entry_document, entry_file_name, parse_article, parse_feed, Article, FeedEntry,
};
use rayon::prelude::*;

const ENTRIES: usize = 5_000;

/// `SplitMix64`: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PEOPLE: &[&str] = &[
    "Mara Quint",
    "Jun Okafor",
    "Ilse Varga",
    "Callum Deane",
    "Rhea Solberg",
    "Tomas Brecht",
];
const BODIES: &[&str] = &[
    "the Calder Port Authority",
    "the dockworkers' union",
    "Strandline Ferries",
    "the harbour council",
    "the Varrow seed bank",
];
const VERBS: &[&str] = &["said", "told reporters", "wrote", "confirmed", "denied"];
const FIGURES: &[&str] = &[
    "$44 million",
    "4%",
    "312 votes",
    "&pound;3 million",
    "six weeks",
];

/// One paragraph of news-like HTML, about 200–300 bytes.
fn paragraph(rng: &mut Rng, out: &mut String) {
    let who = rng.pick(PEOPLE);
    let body = rng.pick(BODIES);
    let verb = rng.pick(VERBS);
    let figure = rng.pick(FIGURES);
    match rng.below(4) {
        0 => {
            let _ = write!(
                out,
                "<p>{who}, who speaks for {body}, {verb} that the offer of <strong>{figure}</strong> \
                 was &ldquo;not enough to end the dispute&rdquo; and that talks would resume on Thursday.</p>\n"
            );
        }
        1 => {
            let _ = write!(
                out,
                "<p>According to <a href=\"https://news.example/{}/{}\">documents seen by the paper</a>, \
                 {body} expects {figure} in new costs this year, {who} {verb}.</p>\n",
                rng.below(1000),
                rng.below(100_000)
            );
        }
        2 => {
            let _ = write!(
                out,
                "<ul><li>{body} put the figure at {figure}</li><li>{who} {verb} a vote is due Friday</li>\
                 <li>Night shifts end in June</li></ul>\n"
            );
        }
        _ => {
            let _ = write!(
                out,
                "<blockquote><p>&ldquo;We will not sign this as written,&rdquo; {who} {verb}.</p></blockquote>\n\
                 <p>Officials at {body} did not reply to questions about the <em>{figure}</em> estimate \
                 before publication.</p>\n"
            );
        }
    }
}

/// The HTML content of one entry: 1–2 KB.
fn content(rng: &mut Rng) -> String {
    let target = 1000 + rng.below(1000);
    let mut html = String::with_capacity(target + 300);
    while html.len() < target {
        paragraph(rng, &mut html);
    }
    html
}

fn rss(entries: usize) -> String {
    let mut rng = Rng(7);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n\
         <title>Ledger Daily</title>\n<link>https://ledger.example/</link>\n\
         <description>Everything, all the time.</description>\n",
    );
    for n in 0..entries {
        let _ = write!(
            out,
            "<item>\n<title>{} on the port offer, part {n}</title>\n\
             <link>https://ledger.example/2026/03/{n}</link>\n\
             <guid isPermaLink=\"false\">ledger-{n}</guid>\n\
             <pubDate>Mon, {:02} Mar 2026 09:15:00 GMT</pubDate>\n\
             <dc:creator>{}</dc:creator>\n\
             <description>The offer, in brief: part {n}.</description>\n\
             <content:encoded><![CDATA[{}]]></content:encoded>\n</item>\n",
            rng.pick(PEOPLE),
            1 + n % 28,
            rng.pick(PEOPLE),
            content(&mut rng),
        );
    }
    out.push_str("</channel>\n</rss>\n");
    out
}
/// An Atom feed with HTML content, or with `xhtml`, XHTML content (the markup inline,
/// not escaped), which gloss's own Atom reader leaves to feed-rs.
fn atom(entries: usize, xhtml: bool) -> String {
    let mut rng = Rng(11);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>Harbour Signal</title>\n<link rel=\"alternate\" href=\"https://signal.example/\"/>\n\
         <id>tag:signal.example,2026:feed</id>\n<updated>2026-03-03T12:00:00Z</updated>\n",
    );
    for n in 0..entries {
        let html = content(&mut rng);
        let content = if xhtml {
            format!(
                "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">{html}</div></content>"
            )
        } else {
            let escaped = html
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            format!("<content type=\"html\">{escaped}</content>")
        };
        let _ = write!(
            out,
            "<entry>\n<title type=\"html\">{} on the port offer, part {n}</title>\n\
             <link rel=\"alternate\" href=\"https://signal.example/2026/03/{n}\"/>\n\
             <id>tag:signal.example,2026:{n}</id>\n\
             <published>2026-03-{:02}T21:30:00Z</published>\n\
             <author><name>{}</name></author>\n\
             <summary type=\"text\">The offer, in brief: part {n}.</summary>\n\
             {content}\n</entry>\n",
            rng.pick(PEOPLE),
            1 + n % 28,
            rng.pick(PEOPLE),
        );
    }
    out.push_str("</feed>\n");
    out
}

/// One entry archived and read back, as an import does for each.
fn article(entry: &FeedEntry, feed_name: &str) -> Article {
    let doc = entry_document(entry, feed_name);
    let path = format!("feeds/{}", entry_file_name(entry));
    parse_article(&entry.id, &path, None, doc.as_bytes())
        .expect("an archived entry reads back")
        .0
}

/// What an import does: the feed, then every entry archived and read back.
fn import(bytes: &[u8]) -> Vec<Article> {
    let feed = parse_feed(bytes).expect("the generated feed parses");
    let name = feed.title.as_deref().unwrap_or("feed");
    feed.entries.iter().map(|e| article(e, name)).collect()
}

/// The same with the entries on all cores.
fn import_parallel(bytes: &[u8]) -> Vec<Article> {
    let feed = parse_feed(bytes).expect("the generated feed parses");
    let name = feed.title.as_deref().unwrap_or("feed");
    feed.entries.par_iter().map(|e| article(e, name)).collect()
}

fn bench_import(c: &mut Criterion) {
    let mut group = c.benchmark_group("feed import");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for (name, doc, ext) in [
        ("RSS 2.0", rss(ENTRIES), "rss"),
        ("Atom", atom(ENTRIES, false), "atom"),
    ] {
        let articles = import(doc.as_bytes());
        assert_eq!(articles.len(), ENTRIES);
        assert!(articles.iter().all(|a| !a.body.is_empty()));
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_function(
            format!(
                "{name}: {ENTRIES} entries, {:.1} MB → articles, one core",
                doc.len() as f64 / 1e6
            ),
            |b| b.iter(|| black_box(import(black_box(doc.as_bytes())))),
        );
        group.bench_function(
            format!(
                "{name}: the same, entries on {} cores",
                rayon::current_num_threads()
            ),
            |b| b.iter(|| black_box(import_parallel(black_box(doc.as_bytes())))),
        );
        // The real path: `gloss open wire.rss` reads the file through the loader.
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join(format!("wire.{ext}"));
        std::fs::write(&file, &doc).expect("write the feed");
        let options = gloss::corpus::LoadOptions {
            max_file_size: 64 * 1024 * 1024,
            source_name: None,
        };
        group.bench_function(format!("{name}: gloss open FILE (load_paths)"), |b| {
            b.iter(|| {
                let mut n = 0;
                gloss::corpus::load_paths(std::slice::from_ref(&file), &options, |a| {
                    black_box(a);
                    n += 1;
                });
                assert_eq!(n, ENTRIES);
            });
        });
        group.bench_function(format!("{name}: parse_feed only"), |b| {
            b.iter(|| black_box(parse_feed(black_box(doc.as_bytes()))))
        });
    }
    // The same Atom feed with XHTML content, read by feed-rs.
    let doc = atom(ENTRIES, true);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("wire.atom");
    std::fs::write(&file, &doc).expect("write the feed");
    let options = gloss::corpus::LoadOptions {
        max_file_size: 64 * 1024 * 1024,
        source_name: None,
    };
    group.bench_function(
        "Atom with XHTML content (read by feed-rs): gloss open FILE",
        |b| {
            b.iter(|| {
                let mut n = 0;
                gloss::corpus::load_paths(std::slice::from_ref(&file), &options, |a| {
                    black_box(a);
                    n += 1;
                });
                assert_eq!(n, ENTRIES);
            });
        },
    );
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
