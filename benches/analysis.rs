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
            let context = Context::of(&a);
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

/// Degenerate articles: the time must stay proportional to the size.
fn bench_degenerate(c: &mut Criterion) {
    let cases = [
        (
            "20 MB on one line, no full stop",
            "Mara Quint said the Calder Port Authority offer was bad and ".repeat(20_000_000 / 61),
        ),
        (
            "5 MB of numbers",
            "1234 5678 40 12% $3 ".repeat(5_000_000 / 20),
        ),
        (
            "5 MB of capitalised words",
            "Alpha Beta Gamma Delta Epsilon ".repeat(5_000_000 / 31),
        ),
        (
            "5 MB of quotes",
            "\"Quint said\" \u{201c}final\u{201d} ".repeat(5_000_000 / 30),
        ),
    ];
    let mut group = c.benchmark_group("degenerate");
    group.sample_size(10);
    for (name, body) in &cases {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| black_box(analyze_with(body, &Context::default())))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_analysis, bench_degenerate);
criterion_main!(benches);
