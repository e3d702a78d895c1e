//! Analyses kept on disk, keyed by a hash of the text, the article's date and the
//! analyser itself, so reopening a large corpus does not redo the work.
//!
//! Each analysis is one JSON file under `<data dir>/cache/analysis/`, in a folder named
//! by the first two hex digits of its key, written atomically (a temporary file, then
//! a rename). A file that cannot be read or parsed is ignored and written again. Any
//! change to the analysis code or its word lists changes every key (the build hashes
//! them), so a stale result is never served. Deleting the folder is always safe.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{analyze_with, Analysis, Context};

/// A hash of the analysis code and word lists, computed when gloss is built.
pub const ANALYZER_HASH: &str = env!("GLOSS_ANALYZER_HASH");

/// The on-disk cache of analyses.
#[derive(Debug, Clone)]
pub struct AnalysisCache {
    dir: PathBuf,
}

fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

impl AnalysisCache {
    /// Opens (without creating) the cache under a data folder.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("cache").join("analysis"),
        }
    }

    /// Returns the cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Returns the key of an analysis: two 64-bit hashes of the analyser, the date
    /// and the text, and the text's length.
    pub fn key(body: &str, context: &Context) -> String {
        let date = context.date.map(|d| d.to_string()).unwrap_or_default();
        let mut a: u64 = 0xcbf2_9ce4_8422_2325;
        let mut b: u64 = 0x6c62_272e_07bb_0142;
        for h in [&mut a, &mut b] {
            fnv(h, ANALYZER_HASH.as_bytes());
            fnv(h, date.as_bytes());
            fnv(h, &[0xff]);
        }
        fnv(&mut a, body.as_bytes());
        // The second hash reads the text backwards, so the two are independent.
        for chunk in body.as_bytes().rchunks(64) {
            fnv(&mut b, chunk);
        }
        format!("{a:016x}{b:016x}-{}", body.len())
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// Returns the cached analysis for `key`, if there is a readable one.
    pub fn get(&self, key: &str) -> Option<Analysis> {
        let bytes = fs::read(self.path(key)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores an analysis; failures (a read-only disk, a full one) only cost speed.
    pub fn put(&self, key: &str, analysis: &Analysis) {
        let path = self.path(key);
        let Some(folder) = path.parent() else { return };
        if fs::create_dir_all(folder).is_err() {
            return;
        }
        let tmp = folder.join(format!(".{key}.{}.tmp", std::process::id()));
        // No fsync: a cache entry torn by a crash fails to parse and is redone.
        let written = fs::File::create(&tmp).and_then(|mut f| {
            let json = serde_json::to_vec(analysis).map_err(std::io::Error::other)?;
            f.write_all(&json)
        });
        if written.is_err() || fs::rename(&tmp, &path).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }
}

/// Analyses a body, through the cache when there is one.
pub fn analyze_cached(cache: Option<&AnalysisCache>, body: &str, context: &Context) -> Analysis {
    let Some(cache) = cache else {
        return analyze_with(body, context);
    };
    let key = AnalysisCache::key(body, context);
    if let Some(hit) = cache.get(&key) {
        return hit;
    }
    let analysis = analyze_with(body, context);
    cache.put(&key, &analysis);
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Date;

    #[test]
    fn analyses_come_back_from_disk_and_keys_follow_the_text_and_date() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = AnalysisCache::new(dir.path());
        let body = "Union chair Mara Quint said the Calder Port Authority will spend $40 million.";
        let context = Context::default();
        let first = analyze_cached(Some(&cache), body, &context);
        let key = AnalysisCache::key(body, &context);
        assert_eq!(cache.get(&key), Some(first.clone()));
        assert_eq!(analyze_cached(Some(&cache), body, &context), first);
        let dated = Context {
            date: Date::new(2026, 3, 2),
        };
        assert_ne!(AnalysisCache::key(body, &dated), key);
        assert_ne!(AnalysisCache::key("Another text.", &context), key);
    }

    #[test]
    fn a_damaged_entry_is_analysed_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = AnalysisCache::new(dir.path());
        let body = "Mara Quint said no.";
        let key = AnalysisCache::key(body, &Context::default());
        cache.put(&key, &Analysis::default());
        std::fs::write(cache.path(&key), b"{ not json").expect("damage");
        let analysis = analyze_cached(Some(&cache), body, &Context::default());
        assert_eq!(analysis, analyze_with(body, &Context::default()));
        assert_eq!(cache.get(&key), Some(analysis));
    }
}
