//! Exporting 100,000 annotations (1,000 articles of 100) to each format.
//!
//! Run: `cargo bench --bench export`. Target: under 1 s for each of Markdown, JSON,
//! CSV and W3C.

#![allow(clippy::all, clippy::pedantic)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use gloss::annotations::{Anchor, Annotation, Target};
use gloss::export::{
    self, ExportArticle, ExportSet, ExportedAnnotation, ExportedArticle, OtherSource,
};

const ARTICLES: usize = 1_000;
const PER_ARTICLE: usize = 100;

const SENTENCE: &str = "The harbour council approved the plan on Tuesday, said the mayor, \
after residents who opposed the $40 million budget asked for a fair deal. ";

fn build() -> ExportSet {
    let body = SENTENCE.repeat(PER_ARTICLE + 1);
    let step = SENTENCE.chars().count();
    let articles = (0..ARTICLES)
        .map(|i| ExportedArticle {
            article: ExportArticle {
                id: format!("{i:016x}"),
                path: format!("/news/outlet-{}/article-{i}.md", i % 12),
                title: format!("Harbour council approves plan, part {i}"),
                source: Some(format!("Outlet {}", i % 12)),
                date: Some(format!("2026-03-{:02}", 1 + i % 28)),
                url: (i % 2 == 0).then(|| format!("https://news.example/{i}")),
                author: Some("Jun Okafor".to_owned()),
            },
            annotations: (0..PER_ARTICLE)
                .map(|j| {
                    let n = i * PER_ARTICLE + j;
                    let start = j * step + 4;
                    ExportedAnnotation {
                        annotation: Annotation {
                            id: format!("a{n:016x}"),
                            created: "2026-03-11T08:01:00Z".to_owned(),
                            modified: "2026-03-11T09:01:30Z".to_owned(),
                            tags: if j % 2 == 0 {
                                vec!["budget".to_owned(), "key-quote".to_owned()]
                            } else {
                                Vec::new()
                            },
                            note: (j % 3 == 0)
                                .then(|| "Compare with the Wire, which says $45 million.\nAsk the council.".to_owned()),
                            target: if j % 10 == 0 {
                                Target::Claim { claim: format!("c{j}") }
                            } else {
                                Target::Passage
                            },
                            anchor: Anchor::new(&body, start, start + 90),
                        },
                        also_in: if j % 10 == 0 {
                            vec![OtherSource {
                                source: "Meridian Wire".to_owned(),
                                title: "Council backs harbour plan".to_owned(),
                                date: Some("2026-03-03".to_owned()),
                                text: SENTENCE.trim().to_owned(),
                            }]
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect(),
        })
        .collect();
    ExportSet { articles }
}

fn bench(c: &mut Criterion) {
    let set = build();
    assert_eq!(set.len(), ARTICLES * PER_ARTICLE);
    let mut group = c.benchmark_group("export_100k");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("markdown", |b| {
        b.iter(|| black_box(export::markdown(black_box(&set))))
    });
    group.bench_function("json", |b| {
        b.iter(|| black_box(export::json(black_box(&set))))
    });
    group.bench_function("csv", |b| {
        b.iter(|| black_box(export::csv(black_box(&set))))
    });
    group.bench_function("w3c", |b| {
        b.iter(|| black_box(export::w3c(black_box(&set))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
