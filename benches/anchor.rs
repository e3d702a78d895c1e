//! Re-anchoring at the scale the reader meets when it opens an article: 1,000
//! annotations placed on an edited 50 KB story, and the worst case of one orphan
//! searched for across a 1 MB text.
//!
//! Run: `cargo bench --bench anchor`.

#![allow(clippy::all, clippy::pedantic)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use gloss::annotations::anchor::{place, place_all};
use gloss::annotations::{Anchor, Placement};

const COMMON: &[&str] = &[
    "the", "of", "a", "and", "to", "in", "was", "said", "on", "that", "would", "could",
];
const SYLLABLES: &[&str] = &[
    "ka", "lor", "mi", "ten", "sa", "dro", "vel", "qu", "ni", "pa", "ré", "bu", "har", "go", "zel",
    "tri", "an", "mo", "cé", "li", "dun", "fe", "wa", "ost",
];

/// A deterministic story of about `bytes` bytes in paragraphs of a few sentences,
/// common words mixed with thousands of made-up ones (and the odd emoji).
fn story(bytes: usize, seed: u64) -> String {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let mut out = String::new();
    while out.len() < bytes {
        for sentence in 0..4 + next() % 3 {
            if sentence > 0 {
                out.push(' ');
            }
            for word in 0..8 + next() % 12 {
                if word > 0 {
                    out.push(' ');
                }
                match next() % 10 {
                    0..=3 => out.push_str(COMMON[next() % COMMON.len()]),
                    4 if next() % 20 == 0 => out.push('🌊'),
                    _ => {
                        for _ in 0..1 + next() % 3 {
                            out.push_str(SYLLABLES[next() % SYLLABLES.len()]);
                        }
                    }
                }
            }
            out.push('.');
        }
        out.push_str("\n\n");
    }
    out
}

/// The story as re-fetched: a paragraph added on top, a word changed every 700
/// characters or so, and one paragraph dropped.
fn edited(body: &str) -> String {
    let mut out = String::from("UPDATE: the union has called a second walkout for Friday.\n\n");
    for (i, paragraph) in body.split("\n\n").enumerate() {
        if i == 20 {
            continue;
        }
        out.push_str(&paragraph.replacen(" said ", " says ", 1));
        out.push_str("\n\n");
    }
    out
}

fn anchors(body: &str, count: usize) -> Vec<Anchor> {
    let len = body.chars().count();
    (0..count)
        .map(|i| {
            let start = i * (len - 200) / count;
            Anchor::new(body, start, start + 20 + (i * 37) % 100)
        })
        .collect()
}

fn bench_anchor(c: &mut Criterion) {
    let body = story(50_000, 7);
    let marks = anchors(&body, 1_000);
    let new = edited(&body);
    let kinds = place_all(&marks, &new).iter().fold([0; 5], |mut k, p| {
        k[match p {
            Placement::Unchanged { .. } => 0,
            Placement::Exact { .. } => 1,
            Placement::Context { .. } => 2,
            Placement::Fuzzy { .. } => 3,
            Placement::Orphan => 4,
        }] += 1;
        k
    });
    eprintln!(
        "edited 50KB, {} chars: unchanged/exact/context/fuzzy/orphan = {kinds:?}",
        new.chars().count()
    );
    let mut group = c.benchmark_group("anchor");
    group.sample_size(10);
    group.bench_function("place_all 1000 on edited 50KB", |b| {
        b.iter(|| place_all(black_box(&marks), black_box(&new)))
    });
    group.bench_function("place 1000 one by one on edited 50KB", |b| {
        b.iter(|| {
            marks
                .iter()
                .map(|a| place(a, black_box(&new)))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("place_all 1000 on unchanged 50KB", |b| {
        b.iter(|| place_all(black_box(&marks), black_box(&body)))
    });

    let big = story(1_000_000, 11);
    let lost = Anchor::new(&big, 500_000, 500_120);
    let elsewhere = story(1_000_000, 12);
    eprintln!("1MB orphan: {:?}", place(&lost, &elsewhere));
    group.bench_function("orphan searched across 1MB", |b| {
        b.iter(|| place(black_box(&lost), black_box(&elsewhere)))
    });
    group.finish();
}

criterion_group!(benches, bench_anchor);
criterion_main!(benches);
