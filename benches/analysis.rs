//! Analysis throughput on a generated corpus (benches/support/corpus_gen.rs).
//!
//! Run: `cargo bench --bench analysis`. The figure that matters is the throughput
//! criterion prints, in MiB/s of article text, on one core.

#![allow(clippy::all, clippy::pedantic)]

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gloss::analysis::{analyze_with, Context};
use gloss::corpus::parse_article;

fn bench_analysis(c: &mut Criterion) {
    let generated = corpus_gen::generate(2000, 7);
    let articles: Vec<(String, Context)> = generated
        .iter()
        .map(|g| {
            let (a, _) = parse_article("bench", &g.path, None, g.text.as_bytes()).expect("loads");
            let context = Context {
                date: a.meta.date.as_deref().and_then(gloss::text::Date::parse),
            };
            (a.body, context)
        })
        .collect();
    let bytes: usize = articles.iter().map(|(b, _)| b.len()).sum();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function(
        format!("{} generated articles, one core", articles.len()),
        |b| {
            b.iter(|| {
                for (body, context) in &articles {
                    black_box(analyze_with(body, context));
                }
            });
        },
    );
    group.finish();
}

criterion_group!(benches, bench_analysis);
criterion_main!(benches);
