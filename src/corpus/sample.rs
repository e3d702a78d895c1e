//! The sample corpus bundled in the binary (from `assets/corpus`, see `build.rs`).

use super::article::{article_id, Article};
use super::loader::{parse_article, LoadNote, LoadReport, NoteLevel};

include!(concat!(env!("OUT_DIR"), "/sample_corpus.rs"));

/// The prefix of the paths of sample articles, so they never collide with files.
pub const SAMPLE_ORIGIN: &str = "sample:";

/// Loads the bundled sample corpus.
pub fn load_sample() -> (Vec<Article>, LoadReport) {
    let mut report = LoadReport::default();
    let mut articles = Vec::with_capacity(SAMPLE_FILES.len());
    for (rel, bytes) in SAMPLE_FILES {
        let path = format!("{SAMPLE_ORIGIN}{rel}");
        let folder = rel
            .rsplit_once('/')
            .map(|(dir, _)| dir.rsplit('/').next().unwrap_or(dir));
        match parse_article(&article_id(&path), &path, folder, bytes) {
            Ok((article, notes)) => {
                report.notes.extend(notes);
                report.loaded += 1;
                articles.push(article);
            }
            Err(reason) => report.notes.push(LoadNote {
                level: NoteLevel::Skipped,
                path,
                message: reason.to_string(),
            }),
        }
    }
    (articles, report)
}
