//! The annotation store on disk: adding one annotation to a busy article and saving
//! it, and opening a store of 10,000 annotated articles.
//!
//! Run: `cargo bench --bench store`. Targets: under 10 ms for the save, under 200 ms
//! for the open. The stores are built in temporary folders, or under the folder named
//! by `GLOSS_STORE_BENCH_DIR` (to compare file systems; the 10,000-article store is
//! kept there between runs).

#![allow(clippy::all, clippy::pedantic)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use gloss::annotations::{Anchor, Annotation, ArticleRef, Store, Target};

const WORDS: &[&str] = &[
    "council",
    "approved",
    "the",
    "harbour",
    "plan",
    "million",
    "said",
    "mayor",
    "on",
    "Tuesday",
    "residents",
    "who",
    "opposed",
    "a",
    "fair",
    "deal",
    "budget",
    "of",
    "for",
    "district",
    "spokeswoman",
    "confirmed",
    "that",
    "vote",
    "was",
    "unanimous",
    "after",
    "months",
    "debate",
    "and",
    "critics",
    "warned",
    "costs",
    "could",
    "rise",
    "—",
    "“quoted”",
    "café",
    "naïve",
    "2026",
    "$40",
    "per",
    "cent",
];

/// A small deterministic generator, so every run builds the same store.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn article(n: u64) -> ArticleRef {
    ArticleRef {
        id: format!("{:016x}", n.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
        path: format!(
            "corpus/harbour-times/2026-11-{:02}-story-{n}.md",
            n % 28 + 1
        ),
        title: format!("Council approves harbour plan, part {n}"),
        source: Some("The Harbour Times".to_owned()),
        ..ArticleRef::default()
    }
}

fn annotation(rng: &mut Rng, body: &str) -> Annotation {
    let len = body.chars().count();
    let start = rng.below(len - 100);
    let end = start + 20 + rng.below(80);
    let tags = (0..rng.below(3))
        .map(|_| ["disputed", "key quote", "follow up", "numbers"][rng.below(4)].to_owned())
        .collect();
    let note = (rng.below(2) == 0).then(|| {
        let n = 8 + rng.below(30);
        rng.words(n)
    });
    Annotation::new(Anchor::new(body, start, end), Target::Passage, tags, note)
}

/// A fresh temporary folder, under `GLOSS_STORE_BENCH_DIR` when it is set.
fn temp_dir() -> tempfile::TempDir {
    match std::env::var_os("GLOSS_STORE_BENCH_DIR") {
        Some(base) => tempfile::tempdir_in(base).expect("temp dir"),
        None => tempfile::tempdir().expect("temp dir"),
    }
}

fn bench_add_and_save(c: &mut Criterion) {
    let dir = temp_dir();
    let mut rng = Rng(0x5eed);
    let body = rng.words(900);
    let art = article(1);
    let (mut store, _) = Store::open(dir.path());
    for _ in 0..1_000 {
        store
            .upsert(&art, annotation(&mut rng, &body))
            .expect("upsert");
    }
    store.save(&art.id).expect("save");
    let mut group = c.benchmark_group("store");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("add to 1,000 and save", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let a = annotation(&mut rng, &body);
                let id = a.id.clone();
                let started = Instant::now();
                store.upsert(&art, a).expect("upsert");
                store.save(&art.id).expect("save");
                spent += started.elapsed();
                // Keep the article at 1,000 annotations; not timed.
                store.remove(&art.id, &id).expect("remove");
                store.save(&art.id).expect("save");
            }
            spent
        })
    });
    group.finish();
}

fn build_store(dir: &Path, articles: u64) {
    let mut rng = Rng(0xfeed);
    let (mut store, _) = Store::open(dir);
    for n in 0..articles {
        let body = rng.words(400);
        let art = article(n + 100);
        for _ in 0..2 + rng.below(4) {
            store
                .upsert(&art, annotation(&mut rng, &body))
                .expect("upsert");
        }
    }
    let failed = store.save_all();
    assert!(failed.is_empty(), "{failed:?}");
}

fn bench_open(c: &mut Criterion) {
    let kept = std::env::var_os("GLOSS_STORE_BENCH_DIR").map(|b| Path::new(&b).join("open-10000"));
    let temp = temp_dir();
    let dir = kept.as_deref().unwrap_or(temp.path());
    if !dir.join("done").exists() {
        build_store(dir, 10_000);
        std::fs::write(dir.join("done"), "").expect("mark");
    }
    let (store, problems) = Store::open(dir);
    assert!(problems.is_empty());
    assert_eq!(store.articles().count(), 10_000);
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("open 10,000 articles", |b| {
        b.iter_with_large_drop(|| Store::open(black_box(dir)))
    });
    group.finish();
}

criterion_group!(benches, bench_add_and_save, bench_open);
criterion_main!(benches);
