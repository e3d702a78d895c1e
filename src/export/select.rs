//! Choosing what an export holds, rendering it and writing it: the store's annotations, filtered by tag, source,
//! date or article, with each article's metadata from the corpus and, for claims, the
//! other sources that carry them.

use crate::analysis::Analysis;
use crate::annotations::{Annotation, Store, Target};
use crate::corpus::Article;
use crate::links::Links;
use std::io::Write as _;
use std::path::Path;

use super::{ClaimsReport, ExportArticle, ExportSet, ExportedAnnotation, ExportedArticle};

/// Which annotations an export takes. Empty lists take everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Annotations carrying any of these tags.
    pub tags: Vec<String>,
    /// Articles of this outlet (case does not matter).
    pub source: Option<String>,
    /// Annotations made on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only these articles, by id.
    pub articles: Vec<String>,
    /// Only these annotations, by id (those a query's sentences hold).
    pub annotations: Option<Vec<String>>,
}

impl Scope {
    fn takes(&self, article: &ExportArticle, a: &Annotation) -> bool {
        (self.tags.is_empty() || a.tags.iter().any(|t| self.tags.contains(t)))
            && self.source.as_ref().is_none_or(|s| {
                article
                    .source
                    .as_ref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(s.trim()))
            })
            && self
                .since
                .as_ref()
                .is_none_or(|d| a.created.get(..10).is_some_and(|day| day >= d.as_str()))
            && (self.articles.is_empty() || self.articles.contains(&article.id))
            && self
                .annotations
                .as_ref()
                .is_none_or(|ids| ids.contains(&a.id))
    }
}

/// The corpus an export draws metadata and claims from.
pub struct Corpus<'a> {
    pub articles: Vec<(&'a Article, &'a Analysis)>,
    pub links: &'a Links,
}

/// Builds the set an export writes: the store's annotations in `scope`, each with its
/// article's metadata and the other sources of its claim when the article is in the
/// corpus (an annotated article that is not keeps what the store knows of it).
pub fn select(store: &Store, corpus: &Corpus<'_>, scope: &Scope) -> ExportSet {
    let of_article = |article: &ExportArticle, id: &str| -> Vec<Annotation> {
        store
            .annotations(id)
            .iter()
            .filter(|a| scope.takes(article, a))
            .cloned()
            .collect()
    };
    let chosen: Vec<Vec<Annotation>> = corpus
        .articles
        .iter()
        .map(|(a, _)| of_article(&ExportArticle::of(a), &a.id))
        .collect();
    let input: Vec<(&Article, &Analysis, &[Annotation])> = corpus
        .articles
        .iter()
        .zip(&chosen)
        .map(|((a, an), anns)| (*a, *an, anns.as_slice()))
        .collect();
    let mut set = super::export_set(&input, corpus.links);
    // Looked up once per stored article: a set, not a scan of the corpus each time.
    let loaded: rustc_hash::FxHashSet<&str> =
        corpus.articles.iter().map(|(a, _)| a.id.as_str()).collect();
    for stored in store.articles() {
        if loaded.contains(stored.id.as_str()) {
            continue;
        }
        let article = stored.clone();
        let annotations: Vec<ExportedAnnotation> = of_article(&article, &stored.id)
            .into_iter()
            .map(|annotation| ExportedAnnotation {
                annotation,
                also_in: Vec::new(),
            })
            .collect();
        if !annotations.is_empty() {
            set.articles.push(ExportedArticle {
                article,
                annotations,
            });
        }
    }
    set.sort();
    set
}

/// Fills the claims report's tags from the store: a claim's tags in any source.
pub fn tag_claims(report: &mut ClaimsReport, store: &Store, corpus: &Corpus<'_>) {
    let shown = corpus.links.clusters.iter().filter(|c| c.sources() > 1);
    for (row, cluster) in report.claims.iter_mut().zip(shown) {
        let mut tags = Vec::new();
        for m in &cluster.members {
            let Some((art, analysis)) = corpus.articles.get(m.article) else {
                continue;
            };
            for a in store.annotations(&art.id) {
                if matches!(a.target, Target::Claim { .. })
                    && super::claim_of(analysis, a) == Some(m.claim)
                {
                    tags.extend(a.tags.iter().cloned());
                }
            }
        }
        row.tags = crate::annotations::normalise_tags(tags);
    }
}

/// The formats `--format` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Notes grouped by source and article, with tags and the other sources of a claim.
    Markdown,
    /// gloss's own lossless JSON (read back by `gloss import`).
    Json,
    /// One row per annotation (Readwise's columns, plus Tags and Source).
    Csv,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// The corpus's multi-source claims, as Markdown.
    ClaimsMd,
    /// The corpus's multi-source claims, as CSV.
    ClaimsCsv,
}

impl Format {
    /// Every format with its name on the command line.
    pub const ALL: [(Self, &'static str); 6] = [
        (Self::Markdown, "markdown"),
        (Self::Json, "json"),
        (Self::Csv, "csv"),
        (Self::W3c, "w3c"),
        (Self::ClaimsMd, "claims-md"),
        (Self::ClaimsCsv, "claims-csv"),
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("markdown", |(_, n)| n)
    }

    /// The format a command-line name stands for.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }

    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown | Self::ClaimsMd => "md",
            Self::Json => "json",
            Self::Csv | Self::ClaimsCsv => "csv",
            Self::W3c => "jsonld",
        }
    }
}

/// Renders an export of `store` in `format` over a loaded corpus.
pub fn render(format: Format, store: &Store, corpus: &Corpus<'_>, scope: &Scope) -> String {
    use crate::export;
    match format {
        Format::ClaimsMd | Format::ClaimsCsv => {
            let mut report = export::claims_report(&corpus.articles, corpus.links);
            tag_claims(&mut report, store, corpus);
            if format == Format::ClaimsMd {
                export::claims_markdown(&report)
            } else {
                export::claims_csv(&report)
            }
        }
        _ => {
            let set = select(store, corpus, scope);
            match format {
                Format::Markdown => export::markdown(&set),
                Format::Json => export::json(&set),
                Format::Csv => export::csv(&set),
                _ => export::w3c(&set),
            }
        }
    }
}

/// Writes a file so that a reader sees the old file or the whole new one: a temporary
/// file beside it (made new, never following a link, named so it cannot collide),
/// synced, then renamed over the old file when `replace`, else linked into place, which
/// fails with `AlreadyExists` if a file appeared there meanwhile.
pub fn write_atomically(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut attempt = 0u32;
    let (mut file, temp) = loop {
        let temp = dir.join(format!(
            ".gloss-{}-{nanos}-{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => break (file, temp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 64 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let written = (|| {
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        if replace {
            std::fs::rename(&temp, path)
        } else {
            std::fs::hard_link(&temp, path)?;
            std::fs::remove_file(&temp)
        }
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    } else if let Ok(d) = std::fs::File::open(dir) {
        // The rename itself reaches the disk only with its folder.
        let _ = d.sync_all();
    }
    written
}
