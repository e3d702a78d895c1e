//! Articles and how they are read from disk (or from the bundled sample corpus).
//!
//! Loading turns raw bytes into an [`Article`] whose `body` is the text as gloss
//! displays it: decoded, stripped of anything that could drive a terminal, with line
//! endings, blank-line runs and web-clip leftovers normalised. Every offset that later
//! work produces (entities, claims, search matches, annotations) counts into that body.

mod archive;
mod article;
mod boilerplate;
mod decode;
mod feed;
mod front_matter;
mod html;
mod library;
mod loader;
mod markdown;
mod opml;
mod plain;
mod sample;

pub use archive::{archive_document, entry_document, entry_file_name, text_to_html, ArchivePage};
pub use article::{article_id, numbered_links, Article, ArticleMeta, Format};
pub use decode::{decode, Decoded, SkipReason};
pub use feed::{
    parse_feed, Feed, FeedEntry, FeedError, MAX_FEED_BYTES, MAX_FEED_ENTRIES, UNTITLED,
};
pub use html::{extract_fetched, extract_page, HtmlArticle};
pub use library::{Library, Source};
pub use loader::{load_paths, parse_article, LoadNote, LoadOptions, LoadReport, NoteLevel};
pub use opml::{parse_opml, write_opml, OpmlError, OpmlFeed, MAX_OPML_BYTES, MAX_OPML_FEEDS};
pub use sample::{load_sample, SAMPLE_ORIGIN};
