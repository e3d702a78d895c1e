//! The gloss domain library: articles, their analysis and the user's configuration.
//!
//! Everything here is true without a terminal. The reader in `src/tui` (owned by the
//! binary) and the command line in `src/cli` build on it; this crate never names a
//! terminal library, and `tests/architecture.rs` keeps it that way.

pub mod analysis;
pub mod annotations;
pub mod config;
pub mod corpus;
pub mod export;
pub mod feeds;
pub mod fetch;
pub mod links;
pub mod search;
pub mod text;

pub use analysis::{analyze, Analysis};
pub use corpus::{Article, ArticleMeta};
