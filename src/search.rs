//! Finding anything in the library: a query language and the index it runs on.

mod index;
mod query;

pub use index::{
    fingerprint, marks, Found, Hit, IndexArticle, IndexFileError, Lookup, SearchIndex,
};
pub use query::{Cmp, DateFilter, Day, Has, Query, QueryError, Term};

use crate::annotations::{Annotation, Store};

/// The words of a text as the index compares them: runs of letters and digits, in
/// lower case without accents.
pub fn words(text: &str) -> Vec<String> {
    index::tokens(text).map(|(_, word)| word).collect()
}
use crate::corpus::Article;
use crate::text::Date;

/// The library as a query sees it: loaded articles (numbered as the index was given
/// them), the annotation store, and which articles the reader has read.
pub struct Shelf<'a> {
    /// The articles.
    pub articles: &'a [Article],
    /// The reader's annotations.
    pub store: &'a Store,
    /// Whether the reader has read an article (by its number).
    pub read: Box<dyn Fn(usize) -> bool + 'a>,
    /// Today, for dates counted back.
    pub today: Date,
}

impl Lookup for Shelf<'_> {
    fn title(&self, article: usize) -> &str {
        self.articles.get(article).map_or("", |a| &a.meta.title)
    }

    fn body(&self, article: usize) -> &str {
        self.articles.get(article).map_or("", |a| &a.body)
    }

    fn annotated(&self) -> Vec<usize> {
        self.articles
            .iter()
            .enumerate()
            .filter(|(_, a)| self.store.has_annotations(&a.id))
            .map(|(n, _)| n)
            .collect()
    }

    fn annotations(&self, article: usize) -> &[Annotation] {
        self.articles
            .get(article)
            .map_or(&[], |a| self.store.annotations(&a.id))
    }

    fn is_read(&self, article: usize) -> bool {
        (self.read)(article)
    }

    fn today(&self) -> Date {
        self.today
    }
}
