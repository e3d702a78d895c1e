//! `gloss analyze`: the analysis of articles, as JSON for scripts or as text.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use gloss::analysis::{Claim, Entity};
use gloss::corpus::{self, Article, LoadOptions, NoteLevel};

use super::Failure;

/// The JSON contract's top level.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    articles: Vec<ArticleJson<'a>>,
    clusters: Vec<ClusterJson>,
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
    entities: Vec<Entity>,
    claims: Vec<Claim>,
}

/// A cluster of the same claim across articles (filled by claim linking).
#[derive(Serialize)]
struct ClusterJson {}

pub fn run(
    paths: &[PathBuf],
    options: &LoadOptions,
    json: bool,
    with_text: bool,
) -> Result<(), Failure> {
    super::check_paths(paths)?;
    let mut articles: Vec<Article> = Vec::new();
    let report = corpus::load_paths(paths, options, |a| articles.push(a));
    for note in &report.notes {
        eprintln!("gloss: {note}");
    }
    let analyses: Vec<_> = articles.iter().map(|a| gloss::analyze(&a.body)).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        let doc = Document {
            version: 1,
            articles: articles
                .iter()
                .zip(analyses)
                .map(|(a, an)| ArticleJson {
                    id: &a.id,
                    path: &a.path,
                    title: &a.meta.title,
                    source: a.meta.source.as_deref(),
                    date: a.meta.date.as_deref(),
                    url: a.meta.url.as_deref(),
                    author: a.meta.author.as_deref(),
                    body: with_text.then_some(a.body.as_str()),
                    entities: an.entities,
                    claims: an.claims,
                })
                .collect(),
            clusters: Vec::new(),
        };
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(|e| Failure::from(anyhow::Error::from(e)))?;
        writeln!(out).map_err(|e| Failure::from(anyhow::Error::from(e)))?;
    } else {
        for (a, an) in articles.iter().zip(analyses) {
            let _ = writeln!(
                out,
                "{} — {}",
                a.meta.title,
                a.meta.source.as_deref().unwrap_or("?")
            );
            for e in &an.entities {
                let _ = writeln!(
                    out,
                    "  {:<5} {} ×{}",
                    e.kind.label(),
                    e.name,
                    e.mentions.len()
                );
            }
            for c in &an.claims {
                let who = c.speaker.as_deref().unwrap_or("—");
                let _ = writeln!(out, "  {:?} [{who}] {}", c.kind, c.text);
            }
        }
    }
    if articles.is_empty() && report.notes.iter().any(|n| n.level == NoteLevel::Skipped) {
        return Err(Failure::usage("no article could be read"));
    }
    Ok(())
}
