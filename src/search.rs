//! Finding anything in the library: a query language and the index it runs on.

mod query;

pub use query::{Cmp, DateFilter, Day, Has, Query, QueryError, Term};
