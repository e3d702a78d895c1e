//! Claim linking at scale on generated corpora: 10,000 and 20,000 articles.
//!
//! Run: `cargo bench --bench links`. The analysis is done before timing; only
//! `gloss::links::link` is measured.

#![allow(clippy::all, clippy::pedantic)]

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use gloss::analysis::Analysis;
use gloss::corpus::Article;
use gloss::links::{link, LinkArticle};

fn corpus(count: usize) -> (Vec<Article>, Vec<Analysis>) {
    corpus_gen::analysed(count, 7)
}

fn bench_links(c: &mut Criterion) {
    let mut group = c.benchmark_group("links");
    group.sample_size(10);
    for count in [10_000, 20_000] {
        let (articles, analyses) = corpus(count);
        let input: Vec<LinkArticle<'_>> = articles
            .iter()
            .zip(&analyses)
            .map(|(a, an)| LinkArticle::of(a, an))
            .collect();
        let clusters = link(&input).clusters.len();
        eprintln!("{count} articles: {clusters} clusters");
        group.bench_function(format!("{count} articles"), |b| {
            b.iter(|| black_box(link(&input)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_links);
criterion_main!(benches);
