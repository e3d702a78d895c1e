//! Quality of claim linking on the sample corpus against hand-made gold clusters
//! (tests/fixtures/gold/clusters.toml): pairwise precision and recall of links, for all
//! links and for quote and figure links, and the deliberate non-links. Links are scored
//! by fact: a sentence stating two facts is a gold member of both clusters.
//!
//! Run alone to see the figures: `cargo test --test link_quality -- --nocapture`.

use std::collections::BTreeSet;
use std::path::Path;

use gloss::analysis::{analyze_with, Analysis, Context};
use gloss::corpus::{parse_article, Article};
use gloss::links::{link, LinkArticle};
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    cluster: Vec<GoldCluster>,
    non_link: Vec<NonLink>,
}

#[derive(Deserialize)]
struct GoldCluster {
    #[allow(dead_code)]
    label: String,
    kind: String,
    #[allow(dead_code)]
    disagreement: bool,
    members: Vec<GoldMember>,
}

#[derive(Deserialize, Clone)]
struct GoldMember {
    article: String,
    text: String,
}

#[derive(Deserialize)]
struct NonLink {
    why: String,
    a: GoldMember,
    b: GoldMember,
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn norm(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every sample article with its analysis, in path order.
fn corpus() -> (Vec<String>, Vec<Article>, Vec<Analysis>) {
    let dir = Path::new(ROOT).join("assets/corpus");
    let mut paths = Vec::new();
    for outlet in std::fs::read_dir(&dir).expect("corpus").flatten() {
        for file in std::fs::read_dir(outlet.path()).expect("outlet").flatten() {
            let rel = format!(
                "{}/{}",
                outlet.file_name().to_string_lossy(),
                file.file_name().to_string_lossy()
            );
            paths.push(rel);
        }
    }
    paths.sort();
    let articles: Vec<Article> = paths
        .iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(rel)).expect("article");
            let folder = rel.split('/').next().map(str::to_owned);
            parse_article(rel, rel, folder.as_deref(), &bytes)
                .expect("loads")
                .0
        })
        .collect();
    let analyses = articles
        .iter()
        .map(|a| analyze_with(&a.body, &Context::of(a)))
        .collect();
    (paths, articles, analyses)
}

/// The claim of `article` whose sentence holds the gold snippet.
fn find_claim(paths: &[String], analyses: &[Analysis], m: &GoldMember) -> Option<(usize, usize)> {
    let a = paths.iter().position(|p| *p == m.article)?;
    let snippet = norm(&m.text);
    let c = analyses[a]
        .claims
        .iter()
        .position(|c| norm(&c.text).contains(&snippet))?;
    Some((a, c))
}

fn pairs_of(members: &[(usize, usize)]) -> BTreeSet<((usize, usize), (usize, usize))> {
    let mut out = BTreeSet::new();
    for (i, x) in members.iter().enumerate() {
        for y in &members[i + 1..] {
            if x.0 != y.0 {
                out.insert(if x < y { (*x, *y) } else { (*y, *x) });
            }
        }
    }
    out
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
#[allow(clippy::too_many_lines)] // one report, read top to bottom
fn link_quality_on_the_sample_corpus() {
    let gold: Gold = toml::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/gold/clusters.toml"))
            .expect("gold"),
    )
    .expect("gold parses");
    let (paths, articles, analyses) = corpus();
    let input: Vec<LinkArticle<'_>> = articles
        .iter()
        .zip(&analyses)
        .map(|(a, an)| LinkArticle::of(a, an))
        .collect();
    let links = link(&input);

    // Gold pairs, all and for quote and figure clusters; every annotated claim.
    let mut gold_pairs = BTreeSet::new();
    let mut strong_pairs = BTreeSet::new();
    let mut annotated = BTreeSet::new();
    let mut unfound = Vec::new();
    for c in &gold.cluster {
        let members: Vec<(usize, usize)> = c
            .members
            .iter()
            .filter_map(|m| {
                let found = find_claim(&paths, &analyses, m);
                if found.is_none() {
                    unfound.push(format!("{}: {}", m.article, m.text));
                }
                found
            })
            .collect();
        annotated.extend(members.iter().copied());
        let pairs = pairs_of(&members);
        if matches!(c.kind.as_str(), "quote" | "figure") {
            strong_pairs.extend(pairs.iter().copied());
        }
        gold_pairs.extend(pairs);
    }
    let mut found_pairs = BTreeSet::new();
    for c in &links.clusters {
        // Gold names sentences: a sentence holding two quotes is two claims with one
        // text, counted as its first.
        let members: Vec<(usize, usize)> = c
            .members
            .iter()
            .map(|m| {
                let text = &analyses[m.article].claims[m.claim].text;
                let first = analyses[m.article]
                    .claims
                    .iter()
                    .position(|c| c.text == *text)
                    .unwrap_or(m.claim);
                (m.article, first)
            })
            .collect();
        found_pairs.extend(pairs_of(&members));
    }
    let right = found_pairs.intersection(&gold_pairs).count();
    let precision = ratio(right, found_pairs.len());
    let recall = ratio(right, gold_pairs.len());
    // For quote and figure links: recall of their gold pairs, and precision of the
    // found pairs that touch a claim of those clusters.
    let strong_claims: BTreeSet<(usize, usize)> =
        strong_pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
    let strong_found: BTreeSet<_> = found_pairs
        .iter()
        .filter(|(a, b)| strong_claims.contains(a) || strong_claims.contains(b))
        .copied()
        .collect();
    let strong_precision = ratio(
        strong_found.intersection(&gold_pairs).count(),
        strong_found.len(),
    );
    let strong_recall = ratio(
        found_pairs.intersection(&strong_pairs).count(),
        strong_pairs.len(),
    );
    let mut violated = Vec::new();
    for n in &gold.non_link {
        if let (Some(a), Some(b)) = (
            find_claim(&paths, &analyses, &n.a),
            find_claim(&paths, &analyses, &n.b),
        ) {
            let same = links.cluster_index(a.0, a.1).is_some()
                && links.cluster_index(a.0, a.1) == links.cluster_index(b.0, b.1);
            if same {
                violated.push(n.why.clone());
            }
        }
    }
    println!(
        "\nlinks: all P {precision:.2} R {recall:.2} ({right} of {} found, {} gold) | quote+figure P {strong_precision:.2} R {strong_recall:.2} | non-links kept apart {}/{} | gold claims not found {} | clusters {}",
        found_pairs.len(),
        gold_pairs.len(),
        gold.non_link.len() - violated.len(),
        gold.non_link.len(),
        unfound.len(),
        links.clusters.len()
    );
    if std::env::var_os("GLOSS_QUALITY_DETAILS").is_some() {
        let text = |x: (usize, usize)| {
            analyses[x.0].claims[x.1]
                .text
                .chars()
                .take(70)
                .collect::<String>()
        };
        for u in &unfound {
            println!("  no claim holds: {u}");
        }
        for p in found_pairs.difference(&gold_pairs) {
            let known = annotated.contains(&p.0) && annotated.contains(&p.1);
            println!(
                "  extra{}: {} | {}",
                if known { "" } else { " (unannotated)" },
                text(p.0),
                text(p.1)
            );
            println!("      {}", gloss::links::explain(&input, p.0, p.1));
        }
        for p in gold_pairs.difference(&found_pairs) {
            let kind = if strong_pairs.contains(p) {
                "quote/figure"
            } else {
                "statement"
            };
            println!("  missed ({kind}): {} | {}", text(p.0), text(p.1));
            println!("      {}", gloss::links::explain(&input, p.0, p.1));
        }
    }
    assert!(
        violated.is_empty(),
        "linked despite being different: {violated:?}"
    );
    // The bars sit just under today's figures so that a regression fails; they are
    // above the aim of precision 0.9 and recall 0.8 on quote and figure links.
    assert!(
        strong_precision >= 0.92,
        "quote and figure link precision {strong_precision:.2}"
    );
    assert!(
        strong_recall >= 0.9,
        "quote and figure link recall {strong_recall:.2}"
    );
    assert!(precision >= 0.92, "link precision {precision:.2}");
    assert!(recall >= 0.82, "link recall {recall:.2}");
}
