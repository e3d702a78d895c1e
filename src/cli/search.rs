//! `gloss search QUERY`: the library's matching sentences, without the screen.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use serde::Serialize;

use gloss::analysis::AnalysisCache;
use gloss::annotations::Store;
use gloss::corpus::{Article, LoadOptions};
use gloss::search::{
    fingerprint, IndexArticle, IndexFileError, Query, QueryError, SearchIndex, Shelf,
};
use gloss::text::{sanitize_line, CharIndex, Date};

use super::Failure;

/// What `gloss search` was asked for.
pub struct Request {
    pub query: String,
    pub json: bool,
    pub limit: Option<usize>,
    pub paths: Vec<(PathBuf, Option<String>)>,
    pub sample: bool,
    /// The paths are the configured library (no paths were given), whose index is
    /// kept on disk.
    pub library: bool,
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
    let store_dir = data.as_ref().map(|d| d.join("annotations"));
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
    let articles = super::export::load_articles(&request.paths, request.sample, options);
    // The configured library keeps its index on disk; other paths are searched ad hoc.
    let kept = data
        .as_deref()
        .filter(|_| request.library)
        .map(|d| d.join("search").join("index.bin"));
    let index = library_index(&articles, kept.as_deref(), cache.as_ref());
    let read_state = data.as_deref().map(|d| {
        let (state, problem) = gloss::annotations::ReadState::open(d);
        if let Some(problem) = problem {
            eprintln!("gloss: warning: {}", sanitize_line(&problem));
        }
        state
    });
    let read: Vec<bool> = articles
        .iter()
        .map(|a| read_state.as_ref().is_some_and(|r| r.is_read(&a.id)))
        .collect();
    let shelf = Shelf {
        articles: &articles,
        store: &store,
        read: Box::new(|n| read.get(n).copied().unwrap_or(false)),
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
                sanitize_line(a.meta.date.as_deref().unwrap_or("-")),
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

/// The index of `articles`: the one kept at `kept` when it is up to date, else that
/// one brought up to date (only new and changed articles are indexed again, but every
/// article is analysed, from the cache, to link claims afresh) and written back.
fn library_index(
    articles: &[Article],
    kept: Option<&std::path::Path>,
    cache: Option<&AnalysisCache>,
) -> SearchIndex {
    let prints: Vec<(&str, u64)> = articles
        .iter()
        .map(|a| {
            let date = gloss::analysis::Context::of(a).date;
            let print = fingerprint(&a.meta.title, a.meta.source.as_deref(), date, &a.body);
            (a.id.as_str(), print)
        })
        .collect();
    let opened = kept.map(SearchIndex::open);
    let kept_index = match opened {
        Some(Ok(mut index)) => {
            let stale = index.arrange(&prints);
            if stale.is_empty() {
                return index;
            }
            Some((index, stale))
        }
        Some(Err(IndexFileError::Io(e))) if e.kind() == std::io::ErrorKind::NotFound => None,
        Some(Err(e)) => {
            eprintln!("gloss: note: building the search index again ({e})");
            None
        }
        None => None,
    };
    let (analyses, links) = super::export::analyse_and_link(articles, cache);
    let inputs = |which: &mut dyn Iterator<Item = usize>| -> Vec<(usize, IndexArticle<'_>)> {
        which
            .map(|n| (n, IndexArticle::of(&articles[n], &analyses[n])))
            .collect()
    };
    let mut index = if let Some((mut index, stale)) = kept_index {
        index.update(&inputs(&mut stale.into_iter()));
        index
    } else {
        let mut index = SearchIndex::default();
        index.update(&inputs(&mut (0..articles.len())));
        index
    };
    index.set_links(&links);
    if let Some(path) = kept {
        if let Err(e) = index.save(path) {
            eprintln!(
                "gloss: warning: the search index could not be kept in {}: {e}",
                sanitize_line(&path.display().to_string())
            );
        }
    }
    index
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
