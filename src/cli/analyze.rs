//! `gloss analyze`: the analysis of articles, as JSON for scripts or as text.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use gloss::analysis::{analyze_cached, Analysis, AnalysisCache, Claim, ClaimKind, Context, Entity};
use gloss::corpus::{self, Article, LoadOptions, NoteLevel};
use gloss::links::{self, LinkArticle, Links};

use super::Failure;

/// The JSON contract's top level (see PRODUCT.md).
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    articles: Vec<ArticleJson<'a>>,
    clusters: Vec<ClusterJson<'a>>,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    entities: &'a [Entity],
    claims: Vec<ClaimJson<'a>>,
}

/// A claim with exactly the contract's fields.
#[derive(Serialize)]
struct ClaimJson<'a> {
    id: &'a str,
    kind: ClaimKind,
    text: &'a str,
    quote: Option<&'a str>,
    speaker: Option<&'a str>,
    start: usize,
    end: usize,
}

impl<'a> From<&'a Claim> for ClaimJson<'a> {
    fn from(c: &'a Claim) -> Self {
        Self {
            id: &c.id,
            kind: c.kind,
            text: &c.text,
            quote: c.quote.as_deref(),
            speaker: c.speaker.as_deref(),
            start: c.start,
            end: c.end,
        }
    }
}

/// A cluster of the same claim across articles.
#[derive(Serialize)]
struct ClusterJson<'a> {
    id: &'a str,
    label: &'a str,
    members: Vec<MemberJson<'a>>,
    disagreement: Option<&'a str>,
}

#[derive(Serialize)]
struct MemberJson<'a> {
    article: &'a str,
    claim: &'a str,
}

/// Analyses every article on all cores, through the cache when there is one.
pub fn analyse_all(articles: &[Article], cache: Option<&AnalysisCache>) -> Vec<Analysis> {
    articles
        .par_iter()
        .map(|a| analyze_cached(cache, &a.body, &Context::of(a)))
        .collect()
}

/// Links the claims of analysed articles across sources.
pub fn link_all(articles: &[Article], analyses: &[Analysis]) -> Links {
    let input: Vec<LinkArticle<'_>> = articles
        .iter()
        .zip(analyses)
        .map(|(a, an)| LinkArticle::of(a, an))
        .collect();
    links::link(&input)
}

pub(super) fn io_failure(err: &std::io::Error) -> Failure {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        // The reader of our output went away (`| head`): not an error of ours.
        Failure {
            code: 0,
            message: String::new(),
        }
    } else {
        Failure {
            code: 1,
            message: format!("cannot write the output: {err}"),
        }
    }
}

pub fn run(
    paths: &[PathBuf],
    options: &LoadOptions,
    json: bool,
    with_text: bool,
    cache: Option<&AnalysisCache>,
) -> Result<(), Failure> {
    super::check_paths(paths)?;
    let mut articles: Vec<Article> = Vec::new();
    let report = corpus::load_paths(paths, options, |a| articles.push(a));
    for note in &report.notes {
        eprintln!("gloss: {note}");
    }
    let analyses = analyse_all(&articles, cache);
    let links = link_all(&articles, &analyses);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if json {
        let doc = Document {
            version: 1,
            articles: articles
                .iter()
                .zip(&analyses)
                .map(|(a, an)| ArticleJson {
                    id: &a.id,
                    path: &a.path,
                    title: &a.meta.title,
                    source: a.meta.source.as_deref(),
                    date: a.meta.date.as_deref(),
                    url: a.meta.url.as_deref(),
                    author: a.meta.author.as_deref(),
                    body: with_text.then_some(a.body.as_str()),
                    entities: &an.entities,
                    claims: an.claims.iter().map(ClaimJson::from).collect(),
                })
                .collect(),
            clusters: links
                .clusters
                .iter()
                .map(|c| ClusterJson {
                    id: &c.id,
                    label: &c.label,
                    members: c
                        .members
                        .iter()
                        .map(|m| MemberJson {
                            article: &articles[m.article].id,
                            claim: &analyses[m.article].claims[m.claim].id,
                        })
                        .collect(),
                    disagreement: c.disagreement.as_deref(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut out, &doc).map_err(|e| io_failure(&e.into()))?;
        writeln!(out).map_err(|e| io_failure(&e))?;
    } else {
        for (a, an) in articles.iter().zip(&analyses) {
            writeln!(
                out,
                "{} — {}",
                a.meta.title,
                a.meta.source.as_deref().unwrap_or("?")
            )
            .map_err(|e| io_failure(&e))?;
            for e in &an.entities {
                writeln!(
                    out,
                    "  {:<5} {} ×{}",
                    e.kind.label(),
                    e.name,
                    e.mentions.len()
                )
                .map_err(|e| io_failure(&e))?;
            }
            for c in &an.claims {
                let who = c.speaker.as_deref().unwrap_or("—");
                writeln!(out, "  {:?} [{who}] {}", c.kind, c.text).map_err(|e| io_failure(&e))?;
            }
        }
    }
    out.flush().map_err(|e| io_failure(&e))?;
    if articles.is_empty() && report.notes.iter().any(|n| n.level == NoteLevel::Skipped) {
        return Err(Failure::usage("no article could be read"));
    }
    Ok(())
}
