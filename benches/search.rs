//! Search at library scale: building the index for 10,000 generated articles, saving
//! and opening it as `gloss search` keeps it on disk, and
//! answering queries on it (the first 50 matches with their marked words, and the
//! counts of all matches).
//!
//! Run: `cargo bench --bench search`. Targets: a query in under 10 ms at 10,000
//! articles. The analysis and the claim links are made before timing.

#![allow(clippy::all, clippy::pedantic)]

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use gloss::analysis::Analysis;
use gloss::annotations::Store;
use gloss::corpus::Article;
use gloss::links::{link, LinkArticle};
use gloss::search::{IndexArticle, Query, SearchIndex, Shelf};
use gloss::text::Date;

const ARTICLES: usize = 10_000;

fn corpus(count: usize) -> (Vec<Article>, Vec<Analysis>) {
    corpus_gen::analysed(count, 7)
}

/// Queries from the easy to the demanding, as a reader would type them.
const QUERIES: &[(&str, &str)] = &[
    ("a common word", "offer"),
    ("two words", "union offer"),
    ("a phrase", "\"an insult to every crew\""),
    ("a prefix being typed", "cra"),
    ("a one-letter prefix being typed", "o"),
    ("an entity", "entity:authority"),
    (
        "the issue's example",
        "entity:\"Mara Quint\" sources>=3 since:2026-03-01 kind:quote \"insult\"",
    ),
    (
        "quotes widely carried, with a word",
        "kind:quote sources>=3 since:2026-03-01 insult",
    ),
    ("claims widely carried", "sources>=5 kind:figure"),
    ("OR and NOT", "(strike OR walkout) NOT union"),
    ("everything but one word", "NOT offer"),
];

fn bench_search(c: &mut Criterion) {
    let (articles, analyses) = corpus(ARTICLES);
    let inputs: Vec<IndexArticle<'_>> = articles
        .iter()
        .zip(&analyses)
        .map(|(a, x)| IndexArticle::of(a, x))
        .collect();
    let linked: Vec<LinkArticle<'_>> = articles
        .iter()
        .zip(&analyses)
        .map(|(a, x)| LinkArticle::of(a, x))
        .collect();
    let links = link(&linked);

    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function(format!("build the index, {ARTICLES} articles"), |b| {
        b.iter(|| {
            let mut index = SearchIndex::build(black_box(&inputs));
            index.set_links(&links);
            index
        })
    });
    group.finish();

    let mut index = SearchIndex::build(&inputs);
    index.set_links(&links);
    // The index as `gloss search` keeps it on disk.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("index.bin");
    let size = index.save(&file).expect("saved");
    let text: usize = articles.iter().map(|a| a.body.len()).sum();
    eprintln!(
        "index on disk: {:.1} MB for {:.1} MB of text",
        size as f64 / 1e6,
        text as f64 / 1e6
    );
    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function(format!("save the index, {ARTICLES} articles"), |b| {
        b.iter(|| index.save(&file).expect("saved"))
    });
    group.bench_function(format!("open the kept index, {ARTICLES} articles"), |b| {
        b.iter(|| SearchIndex::open(&file).expect("opens"))
    });
    group.finish();
    let store = Store::in_memory();
    let shelf = Shelf {
        articles: &articles,
        store: &store,
        read: Box::new(|_| false),
        today: Date::new(2026, 3, 31).expect("a date"),
    };
    // What opening an article asks of the index: for each of its entities, the other
    // articles that mention one of the same kind and words (the side panel's ↗N).
    let busiest = (0..articles.len())
        .max_by_key(|&n| analyses[n].entities.len())
        .expect("articles");
    let keys: Vec<(Vec<String>, gloss::analysis::EntityKind)> = analyses[busiest]
        .entities
        .iter()
        .map(|e| (gloss::search::words(&e.name), e.kind))
        .collect();
    let mut group = c.benchmark_group("search");
    group.bench_function(
        format!(
            "other articles for each of an article's {} entities",
            keys.len()
        ),
        |b| {
            b.iter(|| {
                keys.iter()
                    .map(|(words, kind)| index.mentioning(words, Some(*kind)).len())
                    .sum::<usize>()
            })
        },
    );
    group.finish();
    let mut group = c.benchmark_group("query");
    for (what, text) in QUERIES {
        let typing = text.chars().all(|c| c.is_alphanumeric());
        let query = if typing {
            Query::parse_typing(text)
        } else {
            Query::parse(text)
        }
        .expect("the query reads");
        let found = index.search(&query, &shelf, 50);
        eprintln!(
            "{what} ({text}): {} sentences in {} articles",
            found.sentences, found.articles
        );
        group.bench_function(format!("{what}: {text}"), |b| {
            b.iter(|| black_box(index.search(black_box(&query), &shelf, 50)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_search);
criterion_main!(benches);
