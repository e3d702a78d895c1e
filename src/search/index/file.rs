//! The index on disk, so `gloss search` answers from it without analysing the library
//! again when nothing changed.
//!
//! The file is gloss's own binary layout: a header naming the format and the analysis
//! code it was made with, then the articles (id and fingerprint), the sentences, and
//! the posting lists as differences between ascending ids in LEB128 varints. It is
//! written to a temporary file and renamed over the old one, so a crash leaves the old
//! index or the new one. Reading checks every length against what is left of the file;
//! a damaged or foreign file is an error (the caller builds the index again), never a
//! panic.

use std::io::Write;
use std::path::Path;

use super::{Bits, SearchIndex, Sentence, Slot};
use crate::analysis::EntityKind;
use crate::text::Date;

const MAGIC: &[u8; 8] = b"GLOSSIDX";
const VERSION: u32 = 2;

/// Why an index file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexFileError {
    /// The file could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not an index file, or one from another version of gloss or its analysis.
    #[error("not an index of this version of gloss")]
    Foreign,
    /// The file ends early or holds impossible values.
    #[error("the index file is damaged at byte {0}")]
    Damaged(usize),
}

impl SearchIndex {
    /// Writes the index to `path` (atomically); returns its size in bytes.
    pub fn save(&self, path: &Path) -> Result<u64, IndexFileError> {
        let bytes = self.encode();
        let dir = path.parent().unwrap_or_else(|| Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(
            ".{}.{}.tmp",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("index"),
            std::process::id()
        ));
        let written = (|| {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if let Err(err) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(err.into());
        }
        Ok(bytes.len() as u64)
    }

    /// Reads an index written by [`SearchIndex::save`].
    pub fn open(path: &Path) -> Result<Self, IndexFileError> {
        let bytes = std::fs::read(path)?;
        Self::decode(&bytes)
    }

    /// Puts the indexed articles in the order of `articles` (id and fingerprint, as
    /// the library now numbers them), drops those no longer there, and returns the
    /// library's articles that must be indexed: new ones, and ones whose fingerprint
    /// changed. Until they are indexed they match nothing.
    pub fn arrange(&mut self, articles: &[(&str, u64)]) -> Vec<usize> {
        // Articles are matched by id and by which one of that id they are (two feed
        // entries can share an id), so duplicates keep their own entries.
        let mut seen: rustc_hash::FxHashMap<Box<str>, usize> = rustc_hash::FxHashMap::default();
        let mut nth = |id: &str| {
            let count = seen.entry(id.into()).or_insert(0);
            *count += 1;
            *count
        };
        let mut old: rustc_hash::FxHashMap<(Box<str>, usize), Slot> =
            std::mem::take(&mut self.slots)
                .into_iter()
                .filter(|s| !s.id.is_empty())
                .map(|s| ((s.id.clone(), nth(&s.id)), s))
                .collect();
        seen.clear();
        let mut nth = |id: &str| {
            let count = seen.entry(id.into()).or_insert(0);
            *count += 1;
            *count
        };
        let mut stale = Vec::new();
        let mut slots = Vec::with_capacity(articles.len());
        for (n, &(id, fingerprint)) in articles.iter().enumerate() {
            match old.remove(&(Box::from(id), nth(id))) {
                Some(slot) if slot.fingerprint == fingerprint => slots.push(slot),
                Some(slot) => {
                    // Indexed, but the text changed: its sentences go.
                    slots.push(slot);
                    stale.push(n);
                }
                None => {
                    slots.push(Slot::default());
                    stale.push(n);
                }
            }
        }
        self.slots = slots;
        for slot in old.into_values() {
            for id in slot.sentences {
                self.live.clear(id as usize);
                self.dead += 1;
            }
        }
        for &n in &stale {
            self.forget(n);
        }
        for (n, slot) in self.slots.iter().enumerate() {
            let article = u32::try_from(n).unwrap_or(u32::MAX);
            for id in slot.sentences.clone() {
                self.sentences[id as usize].article = article;
            }
        }
        if self.dead > 0 {
            self.compact();
        }
        self.sort_by_date();
        stale
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = Out(Vec::with_capacity(1 << 20));
        out.0.extend_from_slice(MAGIC);
        out.u32(VERSION);
        out.str(crate::analysis::ANALYZER_HASH);
        out.u32(len(self.slots.len()));
        for slot in &self.slots {
            out.str(&slot.id);
            out.0.extend_from_slice(&slot.fingerprint.to_le_bytes());
            out.u32(slot.sentences.start);
            out.u32(slot.sentences.end);
            out.u32(len(slot.source.len()));
            for word in &slot.source {
                out.str(word);
            }
            match slot.date {
                Some(d) => {
                    out.u32(u32::from(d.year));
                    out.u32(u32::from(d.month));
                    out.u32(u32::from(d.day));
                }
                None => out.u32(0),
            }
            out.ids(&slot.claims, false);
        }
        out.u32(len(self.sentences.len()));
        for s in &self.sentences {
            out.u32(s.article);
            out.u32(s.bytes.start);
            out.u32(s.bytes.end);
            out.u32(s.chars.start);
            out.u32(s.chars.end);
            out.u32(u32::from(s.title));
            out.u32(u32::from(s.kinds));
            out.u32(u32::from(s.sources));
        }
        let mut terms: Vec<(&str, u32)> = self.terms.iter().map(|(t, &id)| (&**t, id)).collect();
        terms.sort_unstable_by_key(|&(_, id)| id);
        out.u32(len(terms.len()));
        for (term, id) in terms {
            out.str(term);
            out.ids(&self.postings[id as usize], true);
        }
        let mut entities: Vec<(&str, u32)> =
            self.entity_ids.iter().map(|(t, &id)| (&**t, id)).collect();
        entities.sort_unstable_by_key(|&(_, id)| id);
        out.u32(len(entities.len()));
        for (name, id) in entities {
            out.str(name);
            out.ids(&self.entity_postings[id as usize], true);
        }
        out.u32(len(self.entity_words.len()));
        for (word, list) in &self.entity_words {
            out.str(word);
            out.ids(list, true);
        }
        out.0
    }

    pub(super) fn decode(bytes: &[u8]) -> Result<Self, IndexFileError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(IndexFileError::Foreign);
        }
        let mut r = In {
            bytes,
            at: MAGIC.len(),
        };
        if r.u32()? != VERSION || r.str()? != crate::analysis::ANALYZER_HASH {
            return Err(IndexFileError::Foreign);
        }
        let mut index = Self::default();
        let slots = r.count(8)?;
        for _ in 0..slots {
            index.slots.push(r.slot()?);
        }
        let sentences = r.count(8)?;
        index.sentences.reserve(sentences);
        for _ in 0..sentences {
            let sentence = Sentence {
                article: r.u32()?,
                bytes: r.u32()?..r.u32()?,
                chars: r.u32()?..r.u32()?,
                title: r.u32()? != 0,
                kinds: u8::try_from(r.u32()?).map_err(|_| IndexFileError::Damaged(r.at))?,
                sources: u16::try_from(r.u32()?).map_err(|_| IndexFileError::Damaged(r.at))?,
            };
            if sentence.article as usize >= index.slots.len() {
                return Err(IndexFileError::Damaged(r.at));
            }
            index.sentences.push(sentence);
        }
        let n = index.sentences.len();
        let in_range = |ids: &[u32]| ids.iter().all(|&id| (id as usize) < n);
        index.live = Bits::with_len(n);
        for slot in &index.slots {
            if slot.sentences.start > slot.sentences.end || slot.sentences.end as usize > n {
                return Err(IndexFileError::Damaged(r.at));
            }
            if !in_range(&slot.claims) {
                return Err(IndexFileError::Damaged(r.at));
            }
            for id in slot.sentences.clone() {
                index.live.set(id as usize);
            }
        }
        let terms = r.count(2)?;
        for id in 0..terms {
            let term: Box<str> = r.str()?.into();
            let postings = r.ids(true)?;
            if !in_range(&postings) {
                return Err(IndexFileError::Damaged(r.at));
            }
            let id = u32::try_from(id).map_err(|_| IndexFileError::Damaged(r.at))?;
            index.sorted.insert(term.clone(), id);
            index.terms.insert(term, id);
            index.postings.push(postings);
        }
        let entities = r.count(2)?;
        for id in 0..entities {
            let name: Box<str> = r.str()?.into();
            let postings = r.ids(true)?;
            if !in_range(&postings) {
                return Err(IndexFileError::Damaged(r.at));
            }
            let id = u32::try_from(id).map_err(|_| IndexFileError::Damaged(r.at))?;
            // Entities are keyed by kind and name: `person:mara quint`.
            let kind = name
                .split_once(':')
                .and_then(|(k, _)| EntityKind::ALL.into_iter().find(|x| x.as_str() == k))
                .ok_or(IndexFileError::Damaged(r.at))?;
            index.entity_kinds.push(kind);
            index.entity_ids.insert(name, id);
            index.entity_postings.push(postings);
        }
        let words = r.count(2)?;
        for _ in 0..words {
            let word: Box<str> = r.str()?.into();
            let list = r.ids(true)?;
            if list.iter().any(|&e| e as usize >= entities) {
                return Err(IndexFileError::Damaged(r.at));
            }
            index.entity_words.insert(word, list);
        }
        if r.at != bytes.len() {
            return Err(IndexFileError::Damaged(r.at));
        }
        index.sort_by_date();
        Ok(index)
    }
}

fn len(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

struct Out(Vec<u8>);

impl Out {
    fn u32(&mut self, mut v: u32) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn str(&mut self, s: &str) {
        self.u32(len(s.len()));
        self.0.extend_from_slice(s.as_bytes());
    }

    /// A list of ids; ascending lists are written as differences.
    fn ids(&mut self, ids: &[u32], ascending: bool) {
        self.u32(len(ids.len()));
        let mut last = 0;
        for &id in ids {
            self.u32(if ascending { id - last } else { id });
            last = id;
        }
    }
}

struct In<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl In<'_> {
    fn damaged(&self) -> IndexFileError {
        IndexFileError::Damaged(self.at)
    }

    fn u32(&mut self) -> Result<u32, IndexFileError> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let &byte = self.bytes.get(self.at).ok_or_else(|| self.damaged())?;
            self.at += 1;
            let part = u32::from(byte & 0x7f);
            if shift == 28 && part > 0x0f {
                return Err(self.damaged());
            }
            value |= part << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.damaged())
    }

    fn u64(&mut self) -> Result<u64, IndexFileError> {
        let end = self.at + 8;
        let raw = self.bytes.get(self.at..end).ok_or_else(|| self.damaged())?;
        self.at = end;
        let mut le = [0u8; 8];
        le.copy_from_slice(raw);
        Ok(u64::from_le_bytes(le))
    }

    /// A count of items that take at least `min_bytes` each, checked against what is
    /// left of the file (so a damaged count cannot ask for a huge allocation).
    fn count(&mut self, min_bytes: usize) -> Result<usize, IndexFileError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes) > self.bytes.len() - self.at {
            return Err(self.damaged());
        }
        Ok(n)
    }

    fn str(&mut self) -> Result<&str, IndexFileError> {
        let n = self.count(1)?;
        let raw = &self.bytes[self.at..self.at + n];
        let s = std::str::from_utf8(raw).map_err(|_| self.damaged())?;
        self.at += n;
        Ok(s)
    }

    fn slot(&mut self) -> Result<Slot, IndexFileError> {
        let id: Box<str> = self.str()?.into();
        let fingerprint = self.u64()?;
        let sentences = self.u32()?..self.u32()?;
        let words = self.count(1)?;
        let mut source = Vec::with_capacity(words);
        for _ in 0..words {
            source.push(self.str()?.into());
        }
        let year = self.u32()?;
        let date = if year == 0 {
            None
        } else {
            let (month, day) = (self.u32()?, self.u32()?);
            let date = u16::try_from(year)
                .ok()
                .and_then(|y| Date::new(y, u8::try_from(month).ok()?, u8::try_from(day).ok()?));
            Some(date.ok_or_else(|| self.damaged())?)
        };
        let claims = self.ids(false)?;
        Ok(Slot {
            id,
            fingerprint,
            sentences,
            source,
            date,
            claims,
        })
    }

    fn ids(&mut self, ascending: bool) -> Result<Vec<u32>, IndexFileError> {
        let n = self.count(1)?;
        let mut out = Vec::with_capacity(n);
        let mut last: u32 = 0;
        for _ in 0..n {
            let v = self.u32()?;
            let id = if ascending {
                last.checked_add(v).ok_or_else(|| self.damaged())?
            } else {
                v
            };
            out.push(id);
            last = id;
        }
        Ok(out)
    }
}
