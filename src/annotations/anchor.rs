//! Anchors: where an annotation sits in an article's text, and finding that place
//! again when the text has changed.
//!
//! STUB: the API is fixed; the re-anchoring is being written.

use serde::{Deserialize, Serialize};

/// Characters of context kept on each side of the quoted text.
pub const CONTEXT: usize = 32;

/// Where an annotation is: the quoted text with context on each side, its character
/// offsets, and a hash of the article text it was made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The text marked, exactly.
    pub exact: String,
    /// Up to [`CONTEXT`] characters before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT`] characters after it.
    #[serde(default)]
    pub suffix: String,
    /// Offset of its first character, counted in characters.
    pub start: usize,
    /// Offset just past its last character.
    pub end: usize,
    /// [`text_hash`] of the article text it was made on.
    pub text_hash: String,
}

impl Anchor {
    /// Anchors the characters `start..end` of `body` (clamped to the text).
    pub fn new(body: &str, start: usize, end: usize) -> Self {
        let chars: Vec<char> = body.chars().collect();
        let end = end.min(chars.len());
        let start = start.min(end);
        let take = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        Self {
            exact: take(start, end),
            prefix: take(start.saturating_sub(CONTEXT), start),
            suffix: take(end, (end + CONTEXT).min(chars.len())),
            start,
            end,
            text_hash: text_hash(body),
        }
    }
}

/// A short hash of an article's text (64-bit FNV-1a, hex).
pub fn text_hash(body: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in body.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Where an anchor was found in a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// The text is the one it was made on: its offsets hold.
    Unchanged { start: usize, end: usize },
    /// The exact quote was found (the nearest occurrence to the old offsets).
    Exact { start: usize, end: usize },
    /// Found by its context on each side, the quote itself edited.
    Context { start: usize, end: usize },
    /// Found by a fuzzy match scoring at least the minimum (0–1).
    Fuzzy {
        start: usize,
        end: usize,
        score: f64,
    },
    /// Not found: kept and listed, never dropped.
    Orphan,
}

impl Placement {
    /// The character range it was placed at, unless it is an orphan.
    pub fn range(&self) -> Option<(usize, usize)> {
        match *self {
            Self::Unchanged { start, end }
            | Self::Exact { start, end }
            | Self::Context { start, end }
            | Self::Fuzzy { start, end, .. } => Some((start, end)),
            Self::Orphan => None,
        }
    }
}

/// Finds an anchor in `body`: unchanged text, then the exact quote, then its context,
/// then a fuzzy match; else an orphan.
pub fn place(anchor: &Anchor, body: &str) -> Placement {
    if anchor.text_hash == text_hash(body) {
        return Placement::Unchanged {
            start: anchor.start,
            end: anchor.end,
        };
    }
    Placement::Orphan
}
