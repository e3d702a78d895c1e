//! Extracting the article from web pages: a realistic 2 MB news page, and 20 MB of
//! nested junk markup.
//!
//! Run: `cargo bench --bench page`. The 2 MB page must take well under 200 ms; the
//! junk page shows that time stays proportional to size when the tag caps kick in.

#![allow(clippy::all, clippy::pedantic)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gloss::corpus::extract_page;

/// A news page of about `size` bytes: a long article in nested wrappers, and the
/// furniture real pages carry around it (inline scripts and state blobs, styles, menus,
/// sidebars, ads, a long comment thread).
fn news_page(size: usize) -> String {
    let mut page = String::with_capacity(size + 65_536);
    page.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    page.push_str("<title>Port authority approves harbour expansion | Bench Gazette</title>");
    page.push_str("<meta property=\"og:site_name\" content=\"Bench Gazette\">");
    page.push_str("<meta property=\"article:published_time\" content=\"2026-03-02T09:00:00Z\">");
    page.push_str("<style>");
    for n in 0..2000 {
        let _ = write!(page, ".c{n}{{margin:{n}px;padding:0 {n}px;color:#{n:06x}}}");
    }
    page.push_str("</style><script>window.__STATE__={\"items\":[");
    for n in 0..4000 {
        let _ = write!(
            page,
            "{{\"id\":{n},\"title\":\"Item {n} <b>bold</b>\",\"tags\":[\"a\",\"b\"]}},"
        );
    }
    page.push_str("{}]};</script></head><body>");
    page.push_str("<header class=\"site-header\"><nav class=\"main-nav\"><ul>");
    for n in 0..800 {
        let _ = write!(
            page,
            "<li class=\"menu-item\"><a href=\"/section/{n}/\">Section {n}</a></li>"
        );
    }
    page.push_str("</ul></nav></header>");
    page.push_str(&"<div class=\"wrap\">".repeat(30));
    page.push_str("<main><article><h1>Port authority approves harbour expansion</h1>");
    page.push_str("<div class=\"article-body\">");
    let mut n = 0;
    while page.len() < size / 3 {
        let _ = write!(
            page,
            "<p>Paragraph {n} of the story: the Calder Port Authority said on Monday that it \
             would buy <a href=\"https://port.example/{n}\">fourteen new cranes</a> for the \
             container terminal, and that the &ldquo;expansion&rdquo; would take three years \
             &amp; cost about $40&nbsp;million, officials said.</p>"
        );
        if n % 10 == 9 {
            let _ = write!(
                page,
                "<div class=\"ad-slot\"><script>googletag.cmd.push(function(){{display('ad-{n}')}});</script></div>\
                 <figure><img src=\"/img/{n}.jpg\"><figcaption>Cranes at dawn. Photograph: Bench</figcaption></figure>"
            );
        }
        n += 1;
    }
    page.push_str("</div></article>");
    page.push_str("<aside class=\"sidebar\">");
    for n in 0..300 {
        let _ = write!(
            page,
            "<div class=\"card\"><a href=\"/story/{n}\"><h3>Headline number {n} about something</h3></a>\
             <p>A summary of story {n} that runs to a sentence or so of text.</p></div>"
        );
    }
    page.push_str("</aside><section class=\"comments\"><ol>");
    let mut c = 0;
    while page.len() < size - 2000 {
        let _ = write!(
            page,
            "<li class=\"comment\"><div class=\"comment-author\"><b>Reader {c}</b></div>\
             <div class=\"comment-body\"><p>I have lived near the harbour for years and this is the \
             first time anyone asked us what we think about the cranes.</p></div>\
             <div class=\"reply\"><a href=\"#c{c}\">Reply</a></div></li>"
        );
        c += 1;
    }
    page.push_str("</ol></section></main>");
    page.push_str(&"</div>".repeat(30));
    page.push_str("<footer><p>&copy; Bench Gazette</p></footer></body></html>");
    page
}

/// About `size` bytes of markup that stress the tokenizer: nesting past the depth cap,
/// unclosed tags, stray `<` and `&`, attributes without quotes, and text between.
fn junk_page(size: usize) -> String {
    let pieces = [
        "<div><span><b><i>",
        "<table><tr><td><p>text in a cell ",
        "<a href=x onclick='1<2'>link",
        "</span></div></td>",
        "&amp;&#x27;&bogus;& <<>> ",
        "<ul><li><li><li>item ",
        "<script>if(a<b){}</script>",
        "<!-- comment <p> -->",
        "<p class=c id=i data-x=\"1\">Some words of prose here. ",
        "</p></p></p>",
    ];
    let mut page = String::with_capacity(size + 256);
    let mut n = 0usize;
    while page.len() < size {
        page.push_str(pieces[n % pieces.len()]);
        n += 1;
    }
    page
}

fn bench_pages(c: &mut Criterion) {
    let news = news_page(2 * 1024 * 1024);
    let article = extract_page(news.as_bytes(), None).expect("the bench page is an article");
    assert!(article.text.contains("fourteen new cranes"));
    assert!(!article.text.contains("Reader 1"));
    let junk = junk_page(20 * 1024 * 1024);

    let mut group = c.benchmark_group("page");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(news.len() as u64));
    group.bench_function("2 MB news page", |b| {
        b.iter(|| black_box(extract_page(news.as_bytes(), None)))
    });
    group.throughput(Throughput::Bytes(junk.len() as u64));
    group.bench_function("20 MB of nested junk markup", |b| {
        b.iter(|| black_box(extract_page(junk.as_bytes(), None)))
    });
    group.finish();
}

criterion_group!(benches, bench_pages);
criterion_main!(benches);
