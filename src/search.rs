//! Finding anything in the library: a query language and the index it runs on.

mod index;
mod query;

pub use index::{Found, Hit, IndexArticle, Lookup, SearchIndex};
pub use query::{Cmp, DateFilter, Day, Has, Query, QueryError, Term};
