//! `gloss search QUERY`: the library's matching sentences, without the screen.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use serde::Serialize;

use gloss::analysis::AnalysisCache;
use gloss::annotations::Store;
use gloss::corpus::{Article, LoadOptions};
use gloss::search::{IndexArticle, Query, QueryError, SearchIndex, Shelf};
use gloss::text::{sanitize_line, CharIndex, Date};

use super::Failure;

/// What `gloss search` was asked for.
pub struct Request {
    pub query: String,
    pub json: bool,
    pub limit: Option<usize>,
    pub paths: Vec<(PathBuf, Option<String>)>,
    pub sample: bool,
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    query: &'a str,
    /// Matching sentences in all (`matches` may hold fewer, with `--limit`).
    total: usize,
    /// Articles with a matching sentence.
    articles: usize,
    matches: Vec<Match<'a>>,
}

#[derive(Serialize)]
struct Match<'a> {
    article: &'a str,
    path: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    /// `title` when the headline matched, else `body`.
    r#in: &'static str,
    sentence: String,
    /// Character offsets of the sentence in the body (null for a title).
    start: Option<usize>,
    end: Option<usize>,
    /// Character offsets of the words found, in the body (or the title).
    marks: Vec<[usize; 2]>,
}

/// The message for a query that cannot be read: what is wrong, then the query with
/// the offending part underlined.
pub fn explain(query: &str, err: &QueryError) -> String {
    let shown = sanitize_line(query);
    let before = query.get(..err.span.start).unwrap_or("");
    let part = query.get(err.span.clone()).unwrap_or("");
    let pad = sanitize_line(before).chars().count();
    let width = sanitize_line(part).chars().count().max(1);
    format!(
        "cannot read the query: {}\n  {shown}\n  {}{}",
        sanitize_line(&err.message),
        " ".repeat(pad),
        "^".repeat(width)
    )
}

/// Runs `gloss search`: exit 0 with matches, 1 with none, 2 on a query error.
pub fn run(request: &Request, options: &LoadOptions) -> Result<(), Failure> {
    let data = gloss::config::paths::data_dir();
    let cache = data.as_deref().map(AnalysisCache::new);
    let store_dir = data.map(|d| d.join("annotations"));
    let query = Query::parse(&request.query).map_err(|e| Failure {
        code: 2,
        message: explain(&request.query, &e),
    })?;
    let (store, problems) = match &store_dir {
        Some(dir) => Store::open(dir),
        None => (Store::in_memory(), Vec::new()),
    };
    for p in &problems {
        eprintln!("gloss: warning: {}", sanitize_line(&p.message));
    }
    let (articles, analyses, links) =
        super::export::load(&request.paths, request.sample, options, cache.as_ref());
    let inputs: Vec<IndexArticle<'_>> = articles
        .iter()
        .zip(&analyses)
        .map(|(a, x)| IndexArticle::of(a, x))
        .collect();
    let mut index = SearchIndex::build(&inputs);
    index.set_links(&links);
    let shelf = Shelf {
        articles: &articles,
        store: &store,
        read: &[],
        today: Date::today(),
    };
    let found = index.search(&query, &shelf, request.limit.unwrap_or(usize::MAX));
    let mut out = BufWriter::new(std::io::stdout().lock());
    let written = if request.json {
        let matches = found
            .hits
            .iter()
            .map(|hit| json_match(&articles, hit))
            .collect();
        let doc = Output {
            version: 1,
            query: &request.query,
            total: found.sentences,
            articles: found.articles,
            matches,
        };
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        found.hits.iter().try_for_each(|hit| {
            let a = &articles[hit.article];
            let sentence = hit
                .sentence
                .clone()
                .and_then(|r| a.body.get(r))
                .unwrap_or(&a.meta.title);
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                sanitize_line(&a.path),
                sanitize_line(a.meta.source.as_deref().unwrap_or("-")),
                a.meta.date.as_deref().unwrap_or("-"),
                sanitize_line(sentence)
            )
        })
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| super::analyze::io_failure(&e))?;
    if found.sentences == 0 {
        return Err(Failure {
            code: 1,
            message: String::new(),
        });
    }
    Ok(())
}

fn json_match<'a>(articles: &'a [Article], hit: &gloss::search::Hit) -> Match<'a> {
    let a = &articles[hit.article];
    let (text, inside) = match &hit.sentence {
        Some(_) => (a.body.as_str(), "body"),
        None => (a.meta.title.as_str(), "title"),
    };
    let chars = CharIndex::new(text);
    let at = |byte: usize| chars.char_of(text, byte);
    Match {
        article: &a.id,
        path: &a.path,
        title: &a.meta.title,
        source: a.meta.source.as_deref(),
        date: a.meta.date.as_deref(),
        r#in: inside,
        sentence: hit
            .sentence
            .clone()
            .and_then(|r| a.body.get(r))
            .unwrap_or(&a.meta.title)
            .to_owned(),
        start: hit.sentence.as_ref().map(|r| at(r.start)),
        end: hit.sentence.as_ref().map(|r| at(r.end)),
        marks: hit.marks.iter().map(|r| [at(r.start), at(r.end)]).collect(),
    }
}
