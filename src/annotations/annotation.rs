//! One annotation: what it marks, its tags and note, and when it was made.

use serde::{Deserialize, Serialize};

use super::anchor::Anchor;

/// What an annotation is about: a passage the reader selected, a claim of the
/// analysis (so that its tags show wherever other sources carry the claim), or an
/// entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A run of text chosen in the article.
    #[default]
    Passage,
    /// A claim; `claim` is its id within the article when it was made (`c3`).
    Claim { claim: String },
    /// An entity of the side panel, by its name and kind (`person`, `org`, …).
    Entity { name: String, entity_kind: String },
}

/// A tag, highlight or note on a passage, claim or entity of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Unique in the store: `a` and 16 hex digits.
    pub id: String,
    /// When it was made, RFC 3339 in UTC (`2026-11-27T05:01:02Z`).
    pub created: String,
    /// When it last changed, RFC 3339 in UTC.
    pub modified: String,
    /// Its tags, sorted, without duplicates; none for a plain highlight.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The reader's note, which may span lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What it is about.
    #[serde(default)]
    pub target: Target,
    /// Where it is in the text.
    pub anchor: Anchor,
}

impl Annotation {
    /// Makes an annotation with a fresh id, created and modified now.
    pub fn new(anchor: Anchor, target: Target, tags: Vec<String>, note: Option<String>) -> Self {
        let now = super::now_rfc3339();
        Self {
            id: fresh_id(),
            created: now.clone(),
            modified: now,
            tags: normalise_tags(tags),
            note: note.filter(|n| !n.trim().is_empty()),
            target,
            anchor,
        }
    }

    /// Says whether the annotation covers the character at `offset`.
    pub fn covers(&self, offset: usize) -> bool {
        self.anchor.start <= offset && offset < self.anchor.end.max(self.anchor.start + 1)
    }
}

/// Tags as the store keeps them: trimmed, inner whitespace as `-`, lower case, no
/// control or direction-changing characters (a tag is a name, shown in lists), no
/// empty ones, sorted and deduplicated.
pub fn normalise_tags(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = tags
        .into_iter()
        .map(|t| {
            let kept: String = t
                .chars()
                .filter(|c| {
                    !c.is_control()
                        && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                })
                .collect();
            // Commas separate tags wherever they are typed or listed.
            kept.split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-")
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A new annotation id: the time, the process and a counter, mixed, as 16 hex digits.
fn fresh_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        u64::try_from(nanos & u128::from(u64::MAX)).unwrap_or(0),
        u64::from(std::process::id()),
        COUNTER.fetch_add(1, Ordering::Relaxed),
    ] {
        for b in part.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    format!("a{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_lowered_sorted_and_unique() {
        let tags = normalise_tags(vec![
            " Key Quote ".into(),
            "disputed".into(),
            String::new(),
            "key-quote".into(),
        ]);
        assert_eq!(tags, vec!["disputed", "key-quote"]);
        let odd = normalise_tags(vec![
            "\u{202e}evil\u{1b}[2J".into(),
            "نقد".into(),
            "x,y".into(),
        ]);
        assert_eq!(odd, vec!["evil[2j", "x-y", "نقد"]);
    }

    #[test]
    fn ids_are_fresh() {
        let a = fresh_id();
        let b = fresh_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 17);
        assert!(a.starts_with('a'));
    }
}
