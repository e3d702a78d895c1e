//! The reader's own marks on what they read: tags, notes and highlights, each anchored
//! to the text it was made on, and the TOML store that keeps them.
//!
//! An annotation names its passage the way the W3C Web Annotation model does: the
//! exact quoted text with some context on each side (a text quote selector) and its
//! character offsets (a text position selector), plus a hash of the article text it
//! was made on. When the text changes, [`anchor::place`] finds the passage again, or
//! reports it as an orphan, which the store keeps.

pub mod anchor;
mod annotation;
mod read;
pub mod store;
mod time;

pub use anchor::{Anchor, Placement};
pub use annotation::{normalise_tags, Annotation, Target};
pub use read::ReadState;
pub use store::{ArticleRef, Store, StoreError, StoreProblem};
pub use time::{now_rfc3339, rfc3339};
