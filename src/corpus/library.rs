//! The articles gloss has open, grouped by source.

use super::article::Article;

/// One source (outlet or feed) and the indices of its articles in the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The outlet name, or "Unsorted" for articles without one.
    pub name: String,
    /// Indices into [`Library::articles`], newest first, undated last.
    pub articles: Vec<usize>,
}

/// Every open article and the sources they group into.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Articles in the order they arrived; indices stay valid as more arrive.
    pub articles: Vec<Article>,
    /// Sources sorted by name (case-insensitive).
    pub sources: Vec<Source>,
}

/// The name of the group of articles that have no source.
pub const UNSORTED: &str = "Unsorted";

impl Library {
    /// Builds a library from articles.
    pub fn new(articles: Vec<Article>) -> Self {
        let mut library = Self::default();
        library.extend(articles);
        library
    }

    /// Adds articles, keeping sources and their article lists in order.
    pub fn extend(&mut self, articles: impl IntoIterator<Item = Article>) {
        let mut touched = Vec::new();
        for article in articles {
            let index = self.articles.len();
            let name = article
                .meta
                .source
                .clone()
                .unwrap_or_else(|| UNSORTED.to_owned());
            let pos = if let Some(pos) = self.sources.iter().position(|s| s.name == name) {
                pos
            } else {
                self.sources.push(Source {
                    name: name.clone(),
                    articles: Vec::new(),
                });
                self.sources.len() - 1
            };
            self.sources[pos].articles.push(index);
            touched.push(name);
            self.articles.push(article);
        }
        let articles = &self.articles;
        for source in &mut self.sources {
            if touched.contains(&source.name) {
                source.articles.sort_by(|&a, &b| {
                    let (a, b) = (&articles[a], &articles[b]);
                    // Newest first; undated last; then by title for a stable order.
                    match (&a.meta.date, &b.meta.date) {
                        (Some(x), Some(y)) => y.cmp(x),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    }
                    .then_with(|| a.meta.title.cmp(&b.meta.title))
                });
            }
        }
        self.sources.sort_by(|a, b| {
            (a.name == UNSORTED)
                .cmp(&(b.name == UNSORTED))
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
    }

    /// Says whether no article is open.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ArticleMeta, Format};

    fn article(title: &str, source: Option<&str>, date: Option<&str>) -> Article {
        Article {
            id: title.to_owned(),
            path: title.to_owned(),
            meta: ArticleMeta {
                title: title.to_owned(),
                source: source.map(str::to_owned),
                date: date.map(str::to_owned),
                ..ArticleMeta::default()
            },
            body: String::new(),
            format: Format::Text,
        }
    }

    #[test]
    fn groups_by_source_newest_first() {
        let mut lib = Library::new(vec![
            article("old", Some("wire"), Some("2026-03-01")),
            article("loose", None, None),
            article("new", Some("wire"), Some("2026-03-05")),
            article("undated", Some("wire"), None),
        ]);
        lib.extend([article("a", Some("Ledger"), Some("2026-03-02"))]);
        let names: Vec<&str> = lib.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Ledger", "wire", UNSORTED]);
        let wire: Vec<&str> = lib.sources[1]
            .articles
            .iter()
            .map(|&i| lib.articles[i].meta.title.as_str())
            .collect();
        assert_eq!(wire, ["new", "old", "undated"]);
    }
}
