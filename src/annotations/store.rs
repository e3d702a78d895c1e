//! The annotation store: one TOML file per article in the data folder.
//!
//! STUB: the API is fixed; atomic writes, locking, merging and damaged-file handling
//! are being written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Annotation;

/// The article an annotation file belongs to, written into the file so a person
/// reading the store knows what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ArticleRef {
    /// The article's stable id (`corpus::article_id`).
    pub id: String,
    /// Where it came from.
    pub path: String,
    /// Its headline.
    pub title: String,
    /// Its outlet, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What went wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The article's file is damaged (or from a newer gloss) and is kept read-only.
    #[error("{}: annotations are read-only: {why}", path.display())]
    ReadOnly { path: PathBuf, why: String },
    /// Another gloss held the lock for too long.
    #[error("{}: another gloss is writing this file; try again", path.display())]
    Locked { path: PathBuf },
}

/// A file the store could not use as it is, for the messages overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreProblem {
    /// The file.
    pub path: PathBuf,
    /// What is wrong, where (line), and what gloss did about it.
    pub message: String,
}

#[derive(Debug, Default)]
struct Entry {
    article: ArticleRef,
    annotations: Vec<Annotation>,
    dirty: bool,
}

/// All annotations, by article id.
#[derive(Debug, Default)]
pub struct Store {
    dir: Option<PathBuf>,
    entries: BTreeMap<String, Entry>,
}

impl Store {
    /// Opens the store in `dir` (created on the first save), reading every file.
    pub fn open(dir: &Path) -> (Self, Vec<StoreProblem>) {
        (
            Self {
                dir: Some(dir.to_path_buf()),
                entries: BTreeMap::new(),
            },
            Vec::new(),
        )
    }

    /// A store that keeps annotations in memory only (no data folder).
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// The folder, unless the store is in memory.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The annotations of an article, in text order.
    pub fn annotations(&self, article_id: &str) -> &[Annotation] {
        self.entries
            .get(article_id)
            .map_or(&[], |e| e.annotations.as_slice())
    }

    /// Why an article's annotations are read-only, when they are.
    pub fn read_only(&self, _article_id: &str) -> Option<&str> {
        None
    }

    /// Adds an annotation, or replaces the one with its id, in memory.
    pub fn upsert(
        &mut self,
        article: &ArticleRef,
        annotation: Annotation,
    ) -> Result<(), StoreError> {
        let entry = self.entries.entry(article.id.clone()).or_default();
        entry.article = article.clone();
        if let Some(a) = entry.annotations.iter_mut().find(|a| a.id == annotation.id) {
            *a = annotation;
        } else {
            entry.annotations.push(annotation);
        }
        entry
            .annotations
            .sort_by(|a, b| (a.anchor.start, &a.id).cmp(&(b.anchor.start, &b.id)));
        entry.dirty = true;
        Ok(())
    }

    /// Removes an annotation in memory, returning it.
    pub fn remove(
        &mut self,
        article_id: &str,
        annotation_id: &str,
    ) -> Result<Option<Annotation>, StoreError> {
        let Some(entry) = self.entries.get_mut(article_id) else {
            return Ok(None);
        };
        let Some(i) = entry.annotations.iter().position(|a| a.id == annotation_id) else {
            return Ok(None);
        };
        entry.dirty = true;
        Ok(Some(entry.annotations.remove(i)))
    }

    /// Writes an article's annotations to disk.
    pub fn save(&mut self, article_id: &str) -> Result<(), StoreError> {
        if let Some(e) = self.entries.get_mut(article_id) {
            e.dirty = false;
        }
        Ok(())
    }

    /// Every tag in the store with how many annotations carry it, most used first.
    pub fn tags(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for e in self.entries.values() {
            for a in &e.annotations {
                for t in &a.tags {
                    *counts.entry(t).or_default() += 1;
                }
            }
        }
        let mut out: Vec<(String, usize)> =
            counts.into_iter().map(|(t, n)| (t.to_owned(), n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// Says whether an article has annotations.
    pub fn has_annotations(&self, article_id: &str) -> bool {
        self.entries
            .get(article_id)
            .is_some_and(|e| !e.annotations.is_empty())
    }
}
