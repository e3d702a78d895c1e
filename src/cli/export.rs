//! `gloss export` and `gloss import`: annotations out to other tools, and gloss's own
//! JSON back in.

use std::io::Write;
use std::path::{Path, PathBuf};

use gloss::analysis::{Analysis, AnalysisCache};
use gloss::annotations::Store;
use gloss::corpus::{self, Article, LoadOptions};
use gloss::export::select::{render, write_atomically, Corpus, Format, Scope};

use super::Failure;

/// What `gloss export` was asked for.
pub struct Request {
    pub format: Format,
    pub scope: Scope,
    /// Only annotations on sentences matching this query.
    pub query: Option<gloss::search::Query>,
    pub out: Option<PathBuf>,
    pub force: bool,
    pub paths: Vec<(PathBuf, Option<String>)>,
    pub sample: bool,
}

/// Loads the corpus (the given paths, or the sample), analyses it through the cache
/// and links its claims.
pub(super) fn load(
    paths: &[(PathBuf, Option<String>)],
    sample: bool,
    options: &LoadOptions,
    cache: Option<&AnalysisCache>,
) -> (Vec<Article>, Vec<Analysis>, gloss::links::Links) {
    let articles = load_articles(paths, sample, options);
    let (analyses, links) = analyse_and_link(&articles, cache);
    (articles, analyses, links)
}

/// Loads the corpus (the given paths, or the sample).
pub(super) fn load_articles(
    paths: &[(PathBuf, Option<String>)],
    sample: bool,
    options: &LoadOptions,
) -> Vec<Article> {
    if sample {
        return corpus::load_sample().0;
    }
    let mut articles = Vec::new();
    for (path, name) in paths {
        let options = LoadOptions {
            source_name: name.clone(),
            ..options.clone()
        };
        corpus::load_paths(std::slice::from_ref(path), &options, |a| articles.push(a));
    }
    articles
}

/// Analyses articles through the cache and links their claims.
pub(super) fn analyse_and_link(
    articles: &[Article],
    cache: Option<&AnalysisCache>,
) -> (Vec<Analysis>, gloss::links::Links) {
    let analyses = super::analyze::analyse_all(articles, cache);
    let links = super::analyze::link_all(articles, &analyses);
    (analyses, links)
}

/// The annotations on sentences matching `query`.
fn query_annotations(
    query: &gloss::search::Query,
    articles: &[Article],
    analyses: &[Analysis],
    links: &gloss::links::Links,
    store: &Store,
) -> Vec<String> {
    use gloss::search::{IndexArticle, SearchIndex, Shelf};
    let inputs: Vec<IndexArticle<'_>> = articles
        .iter()
        .zip(analyses)
        .map(|(a, x)| IndexArticle::of(a, x))
        .collect();
    let mut index = SearchIndex::build(&inputs);
    index.set_links(links);
    let shelf = Shelf {
        articles,
        store,
        read: Box::new(|_| false),
        today: gloss::text::Date::today(),
    };
    index.annotations(query, &shelf)
}

/// Runs `gloss export`.
pub fn run(
    request: &Request,
    options: &LoadOptions,
    cache: Option<&AnalysisCache>,
    store_dir: Option<&Path>,
) -> Result<(), Failure> {
    // Refuse to overwrite before doing any work.
    if let Some(out) = &request.out {
        // A link counts as there, even one pointing nowhere.
        if std::fs::symlink_metadata(out).is_ok() && !request.force {
            return Err(Failure::usage(format!(
                "{} exists: choose another file, or add --force to replace it",
                gloss::text::sanitize_line(&out.display().to_string())
            )));
        }
    }
    let (store, problems) = match store_dir {
        Some(dir) => Store::open(dir),
        None => (Store::in_memory(), Vec::new()),
    };
    for p in &problems {
        eprintln!("gloss: warning: {}", gloss::text::sanitize_line(&p.message));
    }
    let claims = matches!(request.format, Format::ClaimsMd | Format::ClaimsCsv);
    if claims && (request.scope != Scope::default() || request.query.is_some()) {
        eprintln!("gloss: note: the claims report covers the whole corpus; --tag, --source, --since and --query do not apply to it");
    }
    let (articles, analyses, links) = load(&request.paths, request.sample, options, cache);
    let mut scope = request.scope.clone();
    if let Some(query) = &request.query {
        scope.annotations = Some(query_annotations(
            query, &articles, &analyses, &links, &store,
        ));
    }
    let corpus = Corpus {
        articles: articles.iter().zip(&analyses).collect(),
        links: &links,
    };
    let text = render(request.format, &store, &corpus, &scope);
    match &request.out {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| anyhow::anyhow!("cannot write the export: {e}"))?;
        }
        Some(path) => {
            let shown = gloss::text::sanitize_line(&path.display().to_string());
            write_atomically(path, text.as_bytes(), request.force).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Failure::usage(format!(
                        "{shown} appeared while exporting: choose another file, or add --force"
                    ))
                } else {
                    anyhow::anyhow!("cannot write {shown}: {e}").into()
                }
            })?;
            eprintln!(
                "gloss: wrote {}",
                gloss::text::sanitize_line(&path.display().to_string())
            );
        }
    }
    Ok(())
}

/// Runs `gloss import FILE`: the annotations of a gloss JSON export into the store,
/// merged with what is there (an annotation with the same id is replaced).
pub fn import(file: &Path, store_dir: Option<&Path>) -> Result<(), Failure> {
    let shown = gloss::text::sanitize_line(&file.display().to_string());
    let text = std::fs::read_to_string(file).map_err(|e| {
        let message = format!("cannot read {shown}: {e}");
        if e.kind() == std::io::ErrorKind::NotFound {
            Failure::usage(message)
        } else {
            anyhow::anyhow!(message).into()
        }
    })?;
    let articles = gloss::export::import_json(&text)
        .map_err(|e| Failure::usage(format!("{shown}: {}", gloss::text::sanitize_line(&e))))?;
    let Some(dir) = store_dir else {
        return Err(Failure::usage(
            "there is no data folder to import into: set GLOSS_DATA_DIR",
        ));
    };
    let (mut store, problems) = Store::open(dir);
    for p in &problems {
        eprintln!("gloss: warning: {}", gloss::text::sanitize_line(&p.message));
    }
    let (mut count, mut kept) = (0, 0);
    for (article, annotations) in articles {
        let r = store.article(&article.id).cloned().unwrap_or(article);
        for a in annotations {
            // An import never takes back a newer edit made since the export.
            let newer = store
                .annotations(&r.id)
                .iter()
                .any(|x| x.id == a.id && x.modified > a.modified);
            if newer {
                kept += 1;
                continue;
            }
            store
                .upsert(&r, a)
                .map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
            count += 1;
        }
    }
    let failed = store.save_all();
    if let Some(err) = failed.first() {
        return Err(anyhow::anyhow!("the import was not saved: {err}").into());
    }
    eprintln!(
        "gloss: imported {count} annotation{}{}",
        if count == 1 { "" } else { "s" },
        if kept > 0 {
            format!("; kept {kept} that were edited since the export")
        } else {
            String::new()
        }
    );
    Ok(())
}
