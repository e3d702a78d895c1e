//! The annotation store: one TOML file per article in the data folder.
//!
//! Each article's annotations live in `<article id>.toml`, so that one damaged or
//! conflicting file costs nothing else. A file holds `version`, an `[article]` table
//! and `[[annotation]]` tables, written in a fixed order (annotations by start offset
//! then id) so that diffs stay small.
//!
//! Writes are atomic (a temporary file beside the target, synced, renamed over it) and
//! happen under a lock file, after re-reading the file and merging three ways: what
//! the store last read (the base), what it holds now (ours) and what is on disk now
//! (theirs). Two gloss processes sharing a folder therefore lose nothing.
//!
//! A file that does not parse is never overwritten: a copy is kept aside and its
//! article is read-only. A file from a newer gloss is read-only too; a file from an
//! older one is migrated when read and written in the current format at its next save.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::hash::Hasher;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::{Deserialize, Serialize};

use super::{Anchor, Annotation, Target};

mod format;

/// The file format this gloss writes; files with a lower one are migrated.
pub const VERSION: i64 = 1;

/// How long a save waits for another gloss to release an article's lock.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(2);

/// Age past which a lock is taken to belong to a gloss that died while writing.
const LOCK_STALE: Duration = Duration::from_secs(10);

/// Age past which a lock file without a readable owner is stale; a live writer fills
/// it in microseconds after creating it.
const LOCK_UNREADABLE_STALE: Duration = Duration::from_secs(1);

/// Age past which a temporary file is taken to belong to a killed writer.
const TEMP_STALE: Duration = Duration::from_secs(60);

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
    /// Its date (`YYYY-MM-DD`), link and byline, when known: kept so that an export of
    /// an article no longer loaded still says where it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
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
    /// The article id cannot name a file: ids are 16 lower-case hex digits.
    #[error("`{id}` is not an article id (16 hex digits)")]
    BadId { id: String },
}

/// A file the store could not use as it is, for the messages overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreProblem {
    /// The file.
    pub path: PathBuf,
    /// What is wrong, where (line), and what gloss did about it.
    pub message: String,
}

/// The shape of a current file, for reading; unknown keys are ignored so that a
/// newer file can still be shown.
#[derive(Deserialize)]
struct FileIn {
    version: i64,
    #[serde(default)]
    article: ArticleRef,
    #[serde(default)]
    annotation: Vec<Annotation>,
}

/// What reading one file gave.
enum Parsed {
    /// A current file, or an older one migrated (`migrated`).
    Usable {
        article: ArticleRef,
        annotations: Vec<Annotation>,
        migrated: bool,
    },
    /// A file from a newer gloss, with what could be read of it.
    Newer {
        version: i64,
        article: ArticleRef,
        annotations: Vec<Annotation>,
    },
    /// A file that could not be read: where and why.
    Damaged {
        line: Option<(usize, usize)>,
        message: String,
    },
}

/// One article's annotations and what the store knows of its file.
#[derive(Debug, Default)]
struct Entry {
    article: ArticleRef,
    /// In text order.
    annotations: Vec<Annotation>,
    /// The annotations as last read from or written to disk; `None` while they are
    /// the same as `annotations`, which spares a copy for every clean article.
    base: Option<Vec<Annotation>>,
    /// Fingerprint of the file's bytes when last read or written; `None` if absent.
    disk: Option<u64>,
    dirty: bool,
    /// Why the article is read-only, when it is.
    read_only: Option<String>,
}

impl Entry {
    /// Keeps the last-read state before the first change since then.
    fn remember_base(&mut self) {
        if self.base.is_none() {
            self.base = Some(self.annotations.clone());
        }
    }
}

/// All annotations, by article id.
#[derive(Debug)]
pub struct Store {
    dir: Option<PathBuf>,
    entries: BTreeMap<String, Entry>,
    lock_timeout: Duration,
}

impl Default for Store {
    fn default() -> Self {
        Self::in_memory()
    }
}

impl Store {
    /// Opens the store in `dir` (created on the first save), reading every file.
    ///
    /// Files that cannot be used as they are come back as problems; the rest of the
    /// store works regardless.
    pub fn open(dir: &Path) -> (Self, Vec<StoreProblem>) {
        let mut store = Self {
            dir: Some(dir.to_path_buf()),
            ..Self::in_memory()
        };
        let mut problems = Vec::new();
        let listing = match fs::read_dir(dir) {
            Ok(listing) => listing,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (store, problems),
            Err(e) => {
                problems.push(StoreProblem {
                    path: dir.to_path_buf(),
                    message: format!(
                        "{}: cannot read the annotations folder: {e}; annotations made now \
                         may not be saved",
                        dir.display()
                    ),
                });
                return (store, problems);
            }
        };
        let mut articles = Vec::new();
        let mut names = Vec::new();
        for item in listing.flatten() {
            let Ok(name) = item.file_name().into_string() else {
                continue;
            };
            if let Some(id) = name.strip_suffix(".toml") {
                if is_article_id(id) {
                    articles.push((id.to_owned(), item.path()));
                } else {
                    problems.push(StoreProblem {
                        path: item.path(),
                        message: format!(
                            "{}: not an annotation file (its name should be an article id, \
                             16 hex digits, then .toml); ignored",
                            item.path().display()
                        ),
                    });
                }
            } else if name.contains(".toml.tmp-") {
                remove_if_stale(&item.path(), TEMP_STALE);
            } else {
                names.push(name);
            }
        }
        // Reading and parsing dominate opening a large store and are independent.
        let read: Vec<_> = articles
            .into_par_iter()
            .map(|(id, path)| {
                let result = fs::read(&path).map(|bytes| {
                    let parsed = parse(&bytes);
                    let keep = matches!(parsed, Parsed::Damaged { .. }).then_some(bytes.clone());
                    (fingerprint(&bytes), parsed, keep)
                });
                (id, path, result)
            })
            .collect();
        for (id, path, result) in read {
            match result {
                Ok((print, parsed, damaged_bytes)) => {
                    let existing = names
                        .iter()
                        .filter(|n| n.starts_with(&format!("{id}.toml.damaged-")))
                        .map(|n| dir.join(n));
                    let (entry, problem) = entry_from(
                        &id,
                        &path,
                        print,
                        parsed,
                        damaged_bytes.as_deref(),
                        existing,
                    );
                    problems.extend(problem);
                    store.entries.insert(id, entry);
                }
                Err(e) => {
                    let why = format!("cannot be read: {e}");
                    problems.push(StoreProblem {
                        path: path.clone(),
                        message: format!(
                            "{} {why}; its annotations are read-only until it can be read",
                            path.display()
                        ),
                    });
                    store.entries.insert(
                        id,
                        Entry {
                            read_only: Some(why),
                            ..Entry::default()
                        },
                    );
                }
            }
        }
        (store, problems)
    }

    /// A store that keeps annotations in memory only (no data folder).
    pub fn in_memory() -> Self {
        Self {
            dir: None,
            entries: BTreeMap::new(),
            lock_timeout: LOCK_TIMEOUT,
        }
    }

    /// Sets how long a save waits for another gloss's lock (2 s unless set).
    pub fn set_lock_timeout(&mut self, timeout: Duration) {
        self.lock_timeout = timeout;
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
    pub fn read_only(&self, article_id: &str) -> Option<&str> {
        self.entries
            .get(article_id)
            .and_then(|e| e.read_only.as_deref())
    }

    /// The articles that have annotations, by id.
    pub fn articles(&self) -> impl Iterator<Item = &ArticleRef> {
        self.entries
            .values()
            .filter(|e| !e.annotations.is_empty())
            .map(|e| &e.article)
    }

    /// The article the store knows by this id, annotated or read-only.
    pub fn article(&self, article_id: &str) -> Option<&ArticleRef> {
        self.entries.get(article_id).map(|e| &e.article)
    }

    /// Adds an annotation, or replaces the one with its id, in memory.
    pub fn upsert(
        &mut self,
        article: &ArticleRef,
        annotation: Annotation,
    ) -> Result<(), StoreError> {
        if !is_article_id(&article.id) {
            return Err(StoreError::BadId {
                id: article.id.clone(),
            });
        }
        let path = self.file_path(&article.id);
        let entry = self.entries.entry(article.id.clone()).or_default();
        if let Some(why) = &entry.read_only {
            return Err(StoreError::ReadOnly {
                path,
                why: why.clone(),
            });
        }
        entry.remember_base();
        entry.article = article.clone();
        if let Some(a) = entry.annotations.iter_mut().find(|a| a.id == annotation.id) {
            *a = annotation;
        } else {
            entry.annotations.push(annotation);
        }
        sort(&mut entry.annotations);
        entry.dirty = true;
        Ok(())
    }

    /// Removes an annotation in memory, returning it.
    pub fn remove(
        &mut self,
        article_id: &str,
        annotation_id: &str,
    ) -> Result<Option<Annotation>, StoreError> {
        let path = self.file_path(article_id);
        let Some(entry) = self.entries.get_mut(article_id) else {
            return Ok(None);
        };
        if let Some(why) = &entry.read_only {
            return Err(StoreError::ReadOnly {
                path,
                why: why.clone(),
            });
        }
        let Some(i) = entry.annotations.iter().position(|a| a.id == annotation_id) else {
            return Ok(None);
        };
        entry.remember_base();
        entry.dirty = true;
        Ok(Some(entry.annotations.remove(i)))
    }

    /// Writes an article's annotations to disk, merged with what another gloss may
    /// have written since this one last read the file.
    ///
    /// Does nothing for an article without unsaved changes, or in a store in memory;
    /// refuses a read-only article. The merged result becomes what the store holds.
    pub fn save(&mut self, article_id: &str) -> Result<(), StoreError> {
        let Some(dir) = self.dir.clone() else {
            if let Some(e) = self.entries.get_mut(article_id) {
                e.dirty = false;
            }
            return Ok(());
        };
        let path = self.file_path(article_id);
        let lock_timeout = self.lock_timeout;
        let Some(entry) = self.entries.get_mut(article_id) else {
            return Ok(());
        };
        if let Some(why) = &entry.read_only {
            return Err(StoreError::ReadOnly {
                path,
                why: why.clone(),
            });
        }
        if !entry.dirty {
            return Ok(());
        }
        fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        let _lock = Lock::acquire(&lock_path(&path), lock_timeout)?;
        let io_err = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        let on_disk = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_err(e)),
        };
        let print = on_disk.as_deref().map(fingerprint);
        let (merged, theirs_article) = if print == entry.disk {
            // The file is as this store left it, so theirs is the base and the merge
            // is ours.
            (None, None)
        } else {
            let bytes = on_disk.as_deref().unwrap_or_default();
            match on_disk.as_deref().map(parse) {
                // Another gloss removed the file (it removed its last annotation): the
                // merge is against nothing, so our additions and edits stay.
                None => {
                    let base = entry.base.as_deref().unwrap_or(&entry.annotations);
                    (Some(merge(base, &entry.annotations, Vec::new())), None)
                }
                Some(Parsed::Usable {
                    article,
                    annotations,
                    ..
                }) => {
                    let base = entry.base.as_deref().unwrap_or(&entry.annotations);
                    (
                        Some(merge(base, &entry.annotations, annotations)),
                        Some(article),
                    )
                }
                Some(Parsed::Newer { version, .. }) => {
                    let why = newer_why(version);
                    entry.read_only = Some(why.clone());
                    return Err(StoreError::ReadOnly { path, why });
                }
                Some(Parsed::Damaged { line, message }) => {
                    let copy =
                        keep_copy(&dir, article_id, bytes, existing_copies(&dir, article_id));
                    let why = damaged_why(line, &message, &copy);
                    entry.read_only = Some(why.clone());
                    return Err(StoreError::ReadOnly { path, why });
                }
            }
        };
        if let Some(merged) = merged {
            entry.annotations = merged;
        }
        if entry.article.path.is_empty() && entry.article.title.is_empty() {
            if let Some(theirs) = theirs_article {
                entry.article = ArticleRef {
                    id: article_id.to_owned(),
                    ..theirs
                };
            }
        }
        if entry.annotations.is_empty() {
            // An article without annotations leaves no file behind.
            match fs::remove_file(&path) {
                Ok(()) => sync_dir(&dir),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(e)),
            }
            entry.disk = None;
        } else {
            let text = format::render(&entry.article, &entry.annotations);
            write_atomic(&dir, &path, text.as_bytes()).map_err(io_err)?;
            entry.disk = Some(fingerprint(text.as_bytes()));
        }
        entry.base = None;
        entry.dirty = false;
        Ok(())
    }

    /// Writes every article with unsaved changes, returning what failed.
    pub fn save_all(&mut self) -> Vec<StoreError> {
        let dirty: Vec<String> = self
            .entries
            .iter()
            .filter(|(_, e)| e.dirty)
            .map(|(id, _)| id.clone())
            .collect();
        dirty.iter().filter_map(|id| self.save(id).err()).collect()
    }

    /// Says whether an article has changes not yet saved.
    pub fn is_dirty(&self, article_id: &str) -> bool {
        self.entries.get(article_id).is_some_and(|e| e.dirty)
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

    /// The file an article's annotations live in (relative for a store in memory,
    /// which only uses it in messages).
    fn file_path(&self, article_id: &str) -> PathBuf {
        let name = format!("{article_id}.toml");
        self.dir
            .as_ref()
            .map_or_else(|| name.clone().into(), |d| d.join(&name))
    }
}

/// Builds the entry for a file read on opening, and the problem to report with it.
fn entry_from(
    id: &str,
    path: &Path,
    print: u64,
    parsed: Parsed,
    damaged_bytes: Option<&[u8]>,
    existing_copies: impl Iterator<Item = PathBuf>,
) -> (Entry, Option<StoreProblem>) {
    match parsed {
        Parsed::Usable {
            article,
            annotations,
            migrated,
        } => (
            Entry {
                article: ArticleRef {
                    id: id.to_owned(),
                    ..article
                },
                annotations,
                disk: Some(print),
                // A migrated file is written in the current format at the next save.
                dirty: migrated,
                ..Entry::default()
            },
            None,
        ),
        Parsed::Newer {
            version,
            article,
            annotations,
        } => {
            let why = newer_why(version);
            let message = format!("{} {why}", path.display());
            (
                Entry {
                    article: ArticleRef {
                        id: id.to_owned(),
                        ..article
                    },
                    annotations,
                    disk: Some(print),
                    read_only: Some(why),
                    ..Entry::default()
                },
                Some(StoreProblem {
                    path: path.to_path_buf(),
                    message,
                }),
            )
        }
        Parsed::Damaged { line, message } => {
            let dir = path.parent().unwrap_or(Path::new("."));
            let copy = keep_copy(dir, id, damaged_bytes.unwrap_or_default(), existing_copies);
            let why = damaged_why(line, &message, &copy);
            let message = match line {
                Some((l, c)) => format!(
                    "{} line {l}, column {c}: {message}; {}",
                    path.display(),
                    what_was_done(&copy)
                ),
                None => format!("{}: {why}", path.display()),
            };
            (
                Entry {
                    article: ArticleRef {
                        id: id.to_owned(),
                        ..ArticleRef::default()
                    },
                    disk: Some(print),
                    read_only: Some(why),
                    ..Entry::default()
                },
                Some(StoreProblem {
                    path: path.to_path_buf(),
                    message,
                }),
            )
        }
    }
}

/// Why a file from a newer gloss is read-only, in words a person can act on.
fn newer_why(version: i64) -> String {
    format!(
        "was written by a newer gloss (file version {version}; this gloss reads up to \
         {VERSION}); its annotations are read-only until you update gloss"
    )
}

/// Why a damaged file is read-only, with what gloss did about it.
fn damaged_why(line: Option<(usize, usize)>, message: &str, copy: &io::Result<PathBuf>) -> String {
    let at = line.map_or_else(String::new, |(l, c)| format!(" (line {l}, column {c})"));
    format!("{message}{at}; {}", what_was_done(copy))
}

/// What gloss did about a damaged file.
fn what_was_done(copy: &io::Result<PathBuf>) -> String {
    let kept = match copy {
        Ok(copy) => format!("kept a copy at {}", copy.display()),
        Err(e) => format!("could not keep a copy ({e})"),
    };
    format!("{kept}; its annotations are read-only until the file is fixed")
}

/// Says whether a string can be an article id: 16 lower-case hex digits.
pub fn is_article_id(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Puts annotations in text order: by start offset, then id.
fn sort(annotations: &mut [Annotation]) {
    annotations.sort_by(|a, b| (a.anchor.start, &a.id).cmp(&(b.anchor.start, &b.id)));
}

/// A 64-bit fingerprint of a file's bytes, to tell whether it changed.
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// Reads a file's bytes: current, newer, migrated from an older format, or damaged.
fn parse(bytes: &[u8]) -> Parsed {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            return Parsed::Damaged {
                line: Some(line_column(&text, text.len())),
                message: "the file is not valid UTF-8".to_owned(),
            };
        }
    };
    if text.trim().is_empty() {
        return Parsed::Damaged {
            line: None,
            message: "the file is empty".to_owned(),
        };
    }
    if let Some((article, mut annotations)) = format::read(text) {
        sort(&mut annotations);
        return Parsed::Usable {
            article,
            annotations,
            migrated: false,
        };
    }
    // Not in the layout gloss writes (edited by hand, say): the full reader decides.
    let first = match toml::from_str::<FileIn>(text) {
        Ok(file) if file.version >= VERSION => {
            let mut annotations = file.annotation;
            sort(&mut annotations);
            return if file.version == VERSION {
                Parsed::Usable {
                    article: file.article,
                    annotations,
                    migrated: false,
                }
            } else {
                Parsed::Newer {
                    version: file.version,
                    article: file.article,
                    annotations,
                }
            };
        }
        Ok(_) => None,
        Err(e) => Some(e),
    };
    // Not a readable current file: find out which version it claims to be.
    let table = match toml::from_str::<toml::Table>(text) {
        Ok(table) => table,
        Err(e) => return damaged(text, &e),
    };
    let version = match table.get("version") {
        None => 0,
        Some(toml::Value::Integer(v)) => *v,
        Some(_) => {
            return Parsed::Damaged {
                line: None,
                message: "`version` should be a whole number".to_owned(),
            }
        }
    };
    match (version.cmp(&VERSION), first) {
        (std::cmp::Ordering::Greater, _) => Parsed::Newer {
            version,
            article: ArticleRef::default(),
            annotations: Vec::new(),
        },
        (std::cmp::Ordering::Equal, Some(e)) => damaged(text, &e),
        _ => match migrate(version, table) {
            Ok(file) => {
                let mut annotations = file.annotation;
                sort(&mut annotations);
                Parsed::Usable {
                    article: file.article,
                    annotations,
                    migrated: true,
                }
            }
            Err(why) => Parsed::Damaged {
                line: None,
                message: format!("cannot migrate it from file version {version}: {why}"),
            },
        },
    }
}

/// Describes a TOML error with the line and column it points at.
fn damaged(text: &str, e: &toml::de::Error) -> Parsed {
    Parsed::Damaged {
        line: e.span().map(|s| line_column(text, s.start)),
        message: e.message().trim().to_owned(),
    }
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The pre-release shape called "version 0", fabricated so that the migration path
/// exists and is tested: no gloss ever wrote it. It had no `version` key, the article
/// fields at the top level, and `[[annotations]]` with a flat quote, offsets, hash and
/// tags in one comma-separated string.
#[derive(Deserialize)]
struct FileV0 {
    article_id: String,
    #[serde(default)]
    path: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    annotations: Vec<AnnotationV0>,
}

/// One annotation of the fabricated version 0.
#[derive(Deserialize)]
struct AnnotationV0 {
    id: String,
    created: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    note: Option<String>,
    quote: String,
    start: usize,
    end: usize,
    hash: String,
}

/// Brings a file of an older version to the current shape.
fn migrate(version: i64, table: toml::Table) -> Result<FileIn, String> {
    match version {
        0 => {
            let old: FileV0 = toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| e.message().trim().to_owned())?;
            Ok(FileIn {
                version: VERSION,
                article: ArticleRef {
                    id: old.article_id,
                    path: old.path,
                    title: old.title,
                    source: None,
                    ..ArticleRef::default()
                },
                annotation: old
                    .annotations
                    .into_iter()
                    .map(|a| Annotation {
                        id: a.id,
                        modified: a.created.clone(),
                        created: a.created,
                        tags: super::normalise_tags(a.tags.split(',').map(str::to_owned).collect()),
                        note: a.note,
                        target: Target::Passage,
                        anchor: Anchor {
                            exact: a.quote,
                            prefix: String::new(),
                            suffix: String::new(),
                            start: a.start,
                            end: a.end,
                            text_hash: a.hash,
                        },
                    })
                    .collect(),
            })
        }
        _ => Err(format!("no migration from file version {version}")),
    }
}

/// Merges three ways: theirs (on disk now) with the changes ours made since base.
///
/// Keeps theirs and applies our additions, our deletions (in base, not in ours) and
/// our modifications; when both sides changed an annotation the later `modified`
/// wins, ours on a tie. An annotation we changed that they deleted is kept, so that
/// an edit is never lost.
fn merge(base: &[Annotation], ours: &[Annotation], theirs: Vec<Annotation>) -> Vec<Annotation> {
    let base_by_id: FxHashMap<&str, &Annotation> =
        base.iter().map(|a| (a.id.as_str(), a)).collect();
    let ours_ids: FxHashSet<&str> = ours.iter().map(|a| a.id.as_str()).collect();
    let mut out: Vec<Option<Annotation>> = theirs.into_iter().map(Some).collect();
    let mut at: FxHashMap<String, usize> = out
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.as_ref().map(|a| (a.id.clone(), i)))
        .collect();
    for a in ours {
        if base_by_id.get(a.id.as_str()).is_some_and(|b| *b == a) {
            continue;
        }
        if let Some(&i) = at.get(&a.id) {
            if let Some(t) = &mut out[i] {
                if a.modified >= t.modified {
                    *t = a.clone();
                }
            }
        } else {
            at.insert(a.id.clone(), out.len());
            out.push(Some(a.clone()));
        }
    }
    for b in base {
        if !ours_ids.contains(b.id.as_str()) {
            if let Some(&i) = at.get(&b.id) {
                out[i] = None;
            }
        }
    }
    let mut out: Vec<Annotation> = out.into_iter().flatten().collect();
    sort(&mut out);
    out
}

/// Writes a file so that a crash at any moment leaves the old or the new one whole.
fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        "{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename durable; platforms that cannot open or sync a folder skip it.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes a leftover file if it was last touched longer ago than `age`.
fn remove_if_stale(path: &Path, age: Duration) {
    let old = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|elapsed| elapsed > age);
    if old {
        let _ = fs::remove_file(path);
    }
}

/// The copies of a damaged article file already kept aside.
fn existing_copies(dir: &Path, article_id: &str) -> Vec<PathBuf> {
    let prefix = format!("{article_id}.toml.damaged-");
    fs::read_dir(dir)
        .map(|listing| {
            listing
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

/// Keeps a copy of a damaged file beside it, unless a copy of these bytes exists.
fn keep_copy(
    dir: &Path,
    article_id: &str,
    bytes: &[u8],
    existing: impl IntoIterator<Item = PathBuf>,
) -> io::Result<PathBuf> {
    for copy in existing {
        if fs::read(&copy).is_ok_and(|b| b == bytes) {
            return Ok(copy);
        }
    }
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut copy = dir.join(format!("{article_id}.toml.damaged-{seconds}"));
    let mut n = 1;
    while copy.exists() {
        copy = dir.join(format!("{article_id}.toml.damaged-{seconds}-{n}"));
        n += 1;
    }
    write_atomic(dir, &copy, bytes)?;
    Ok(copy)
}

/// The lock file of an article file.
pub(super) fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// A held lock on one file, released when dropped.
pub(super) struct Lock {
    path: PathBuf,
}

impl Lock {
    /// Takes the lock, breaking a stale one, waiting at most `timeout` for a live one.
    pub(super) fn acquire(path: &Path, timeout: Duration) -> Result<Self, StoreError> {
        let start = std::time::Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(mut file) => {
                    // The owner and time let another gloss tell a dead writer's lock.
                    let _ = writeln!(file, "{} {}", std::process::id(), unix_millis());
                    return Ok(Self {
                        path: path.to_path_buf(),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    if let Some(seen) = stale_lock(path) {
                        // Removing only what was judged stale narrows the race with
                        // another gloss breaking it at the same moment.
                        if fs::read(path).is_ok_and(|now| now == seen) {
                            let _ = fs::remove_file(path);
                        }
                        continue;
                    }
                    if start.elapsed() >= timeout {
                        return Err(StoreError::Locked {
                            path: path.to_path_buf(),
                        });
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                Err(source) => {
                    return Err(StoreError::Io {
                        path: path.to_path_buf(),
                        source,
                    })
                }
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Milliseconds since 1970.
fn unix_millis() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}

/// The content of a lock that is stale: its owner died or it is too old.
fn stale_lock(path: &Path) -> Option<Vec<u8>> {
    let bytes = fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let mut parts = text.split_whitespace();
    let owner = parts.next().and_then(|p| p.parse::<u32>().ok());
    let since = parts.next().and_then(|t| t.parse::<u128>().ok());
    let stale = match (owner, since) {
        (Some(pid), Some(since)) => {
            unix_millis().saturating_sub(since) > LOCK_STALE.as_millis() || process_gone(pid)
        }
        _ => fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > LOCK_UNREADABLE_STALE),
    };
    stale.then_some(bytes)
}

/// Says whether a process is known to be gone; only where `/proc` shows processes,
/// elsewhere a lock waits for its age.
fn process_gone(pid: u32) -> bool {
    Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(id: &str, start: usize, modified: &str, note: &str) -> Annotation {
        Annotation {
            id: id.to_owned(),
            created: "2026-01-01T00:00:00Z".to_owned(),
            modified: modified.to_owned(),
            tags: vec![],
            note: Some(note.to_owned()),
            target: Target::Passage,
            anchor: Anchor {
                exact: "x".to_owned(),
                prefix: String::new(),
                suffix: String::new(),
                start,
                end: start + 1,
                text_hash: "0".to_owned(),
            },
        }
    }

    const T1: &str = "2026-01-01T00:00:01Z";
    const T2: &str = "2026-01-01T00:00:02Z";

    fn ids(v: &[Annotation]) -> Vec<&str> {
        v.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn merge_keeps_their_additions_and_ours() {
        let base = vec![ann("a1", 1, T1, "")];
        let ours = vec![ann("a1", 1, T1, ""), ann("a3", 3, T1, "")];
        let theirs = vec![ann("a1", 1, T1, ""), ann("a2", 2, T1, "")];
        assert_eq!(ids(&merge(&base, &ours, theirs)), ["a1", "a2", "a3"]);
    }

    #[test]
    fn merge_applies_our_deletions_and_keeps_theirs() {
        let base = vec![ann("a1", 1, T1, ""), ann("a2", 2, T1, "")];
        let ours = vec![ann("a2", 2, T1, "")];
        let theirs = vec![ann("a2", 2, T1, "")];
        assert_eq!(ids(&merge(&base, &ours, theirs)), ["a2"]);
        // Their deletion of something we left alone stands.
        let ours = base.clone();
        let theirs = vec![ann("a1", 1, T1, "")];
        assert_eq!(ids(&merge(&base, &ours, theirs)), ["a1"]);
    }

    #[test]
    fn merge_picks_the_later_modification_and_ours_on_a_tie() {
        let base = vec![ann("a1", 1, T1, "base")];
        let ours = vec![ann("a1", 1, T1, "ours")];
        let theirs = vec![ann("a1", 1, T2, "theirs")];
        assert_eq!(
            merge(&base, &ours, theirs)[0].note.as_deref(),
            Some("theirs")
        );
        let ours = vec![ann("a1", 1, T2, "ours")];
        let theirs = vec![ann("a1", 1, T2, "theirs")];
        assert_eq!(merge(&base, &ours, theirs)[0].note.as_deref(), Some("ours"));
        // Unchanged on our side: theirs stands even if older.
        let ours = base.clone();
        let theirs = vec![ann("a1", 1, T1, "theirs")];
        assert_eq!(
            merge(&base, &ours, theirs)[0].note.as_deref(),
            Some("theirs")
        );
    }

    #[test]
    fn merge_keeps_our_edit_of_what_they_deleted() {
        let base = vec![ann("a1", 1, T1, "base")];
        let ours = vec![ann("a1", 1, T2, "edited")];
        let merged = merge(&base, &ours, Vec::new());
        assert_eq!(merged[0].note.as_deref(), Some("edited"));
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "ab\ncé d\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // The byte offset of `d` (é is two bytes).
        assert_eq!(line_column(text, 7), (2, 4));
    }

    #[test]
    fn article_ids_are_sixteen_lower_hex_digits() {
        assert!(is_article_id("0123456789abcdef"));
        assert!(!is_article_id("0123456789ABCDEF"));
        assert!(!is_article_id("0123456789abcde"));
        assert!(!is_article_id("../../etc/passwd"));
    }

    #[test]
    fn in_memory_store_saves_without_a_folder() {
        let mut store = Store::in_memory();
        let article = ArticleRef {
            id: "0123456789abcdef".to_owned(),
            ..ArticleRef::default()
        };
        store
            .upsert(&article, ann("a1", 0, T1, "n"))
            .expect("upsert");
        assert!(store.is_dirty(&article.id));
        store.save(&article.id).expect("save");
        assert!(!store.is_dirty(&article.id));
        assert!(store.dir().is_none());
        assert_eq!(store.annotations(&article.id).len(), 1);
    }

    #[test]
    fn bad_article_ids_are_refused() {
        let mut store = Store::in_memory();
        let article = ArticleRef {
            id: "../x".to_owned(),
            ..ArticleRef::default()
        };
        assert!(matches!(
            store.upsert(&article, ann("a1", 0, T1, "n")),
            Err(StoreError::BadId { .. })
        ));
    }
}
