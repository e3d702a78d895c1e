//! Which articles the reader has read, kept in `read.toml` in the data folder: one
//! sorted list of article ids, readable and diff-friendly.
//!
//! Saving merges with what is on disk (marks are only ever added) under the store's
//! lock file, so two gloss processes lose nothing. A file that does not parse is never written over: the
//! read state then lasts for the session, and the problem is said.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default)]
    read: Vec<String>,
}

/// The articles the reader has read.
#[derive(Debug, Default)]
pub struct ReadState {
    /// Where it is kept; `None` for the session only.
    path: Option<PathBuf>,
    ids: BTreeSet<String>,
    /// Marks not written yet.
    dirty: bool,
}

impl ReadState {
    /// Reads `read.toml` in the data folder (none yet is an empty state). A damaged
    /// file gives a state for the session only, and the problem.
    pub fn open(data_dir: &Path) -> (Self, Option<String>) {
        let path = data_dir.join("read.toml");
        match read(&path) {
            Ok(ids) => (
                Self {
                    path: Some(path),
                    ids,
                    dirty: false,
                },
                None,
            ),
            Err(problem) => (Self::default(), Some(problem)),
        }
    }

    /// A state kept for the session only.
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// Whether the article has been read.
    pub fn is_read(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// Marks an article read; returns whether that changed anything.
    pub fn mark(&mut self, id: &str) -> bool {
        let new = self.ids.insert(id.to_owned());
        self.dirty |= new;
        new
    }

    /// Whether there are marks to write.
    pub fn is_dirty(&self) -> bool {
        self.dirty && self.path.is_some()
    }

    /// Writes the marks (merged with the file's, atomically) when there are new ones.
    pub fn save(&mut self) -> Result<(), String> {
        let Some(path) = self.path.clone().filter(|_| self.dirty) else {
            return Ok(());
        };
        let _lock = super::store::Lock::acquire(
            &super::store::lock_path(&path),
            std::time::Duration::from_secs(2),
        )
        .map_err(|e| e.to_string())?;
        let on_disk = read(&path)?;
        self.ids.extend(on_disk);
        let file = File {
            version: VERSION,
            read: self.ids.iter().cloned().collect(),
        };
        let text = toml::to_string(&file).map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        crate::export::select::write_atomically(&path, text.as_bytes(), true)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        self.dirty = false;
        Ok(())
    }
}

/// The ids in a read file; none when it does not exist.
fn read(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let file: File = toml::from_str(&text).map_err(|e| {
        format!(
            "{}: {} (the read marks last for this session; the file is left as it is)",
            path.display(),
            e.message()
        )
    })?;
    if file.version != VERSION {
        return Err(format!(
            "{}: version {} is from another gloss (the read marks last for this session)",
            path.display(),
            file.version
        ));
    }
    Ok(file.read.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_savers_at_once_lose_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().to_path_buf();
        let savers: Vec<_> = (0..2)
            .map(|who| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for n in 0..40 {
                        let (mut state, _) = ReadState::open(&path);
                        state.mark(&format!("{who}-{n}"));
                        state.save().expect("saved");
                    }
                })
            })
            .collect();
        for saver in savers {
            saver.join().expect("a saver");
        }
        let (back, problem) = ReadState::open(&path);
        assert!(problem.is_none());
        for who in 0..2 {
            for n in 0..40 {
                assert!(back.is_read(&format!("{who}-{n}")), "{who}-{n} lost");
            }
        }
    }

    #[test]
    fn marks_are_kept_merged_and_a_damaged_file_is_left_alone() {
        let dir = tempfile::tempdir().expect("dir");
        let (mut one, problem) = ReadState::open(dir.path());
        assert!(problem.is_none());
        assert!(one.mark("a1") && !one.mark("a1"));
        let (mut two, _) = ReadState::open(dir.path());
        two.mark("b2");
        one.save().expect("saved");
        two.save().expect("saved");
        let (back, _) = ReadState::open(dir.path());
        assert!(back.is_read("a1") && back.is_read("b2"), "neither is lost");
        let text = std::fs::read_to_string(dir.path().join("read.toml")).expect("text");
        assert!(text.contains("read = [\"a1\", \"b2\"]"), "{text}");
        std::fs::write(dir.path().join("read.toml"), "read = [oops").expect("damage");
        let (mut damaged, problem) = ReadState::open(dir.path());
        assert!(problem.is_some_and(|p| p.contains("read.toml")));
        damaged.mark("c3");
        damaged.save().expect("nothing to write");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("read.toml")).expect("text"),
            "read = [oops"
        );
    }
}
