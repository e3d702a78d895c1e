//! Anchors: where an annotation sits in an article's text, and finding that place
//! again when the text has changed.
//!
//! [`place`] tries four things in order, all in character offsets:
//!
//! 1. **Unchanged.** The text hash matches, the offsets fit the text and the quote
//!    still reads the same there: the offsets hold. This costs one pass over the text
//!    and no allocation, since the reader places every annotation when it opens one.
//! 2. **Exact.** Every occurrence of the quote, overlapping ones included. The one
//!    whose neighbours agree best with the stored prefix and suffix wins, then the one
//!    nearest the old offset. When fewer than [`MIN_CONTEXT_TOTAL`] characters of
//!    context agree around the winner (and the anchor kept more), the context search
//!    below runs too, and its place is taken instead if more of the context agrees
//!    there and it does not simply surround the occurrence (as when text is inserted
//!    right beside the quote): an edited quote that happens to be a common phrase must
//!    not land on another use of the phrase.
//! 3. **Context.** Places where a tail of the prefix ends and places where a head of
//!    the suffix begins, paired when the stretch between them is of plausible length:
//!    at least half the quote (and not empty) and at most twice the quote plus
//!    [`CONTEXT`]. Tails and heads of the whole side, 16 and [`MIN_CONTEXT`] (8)
//!    characters are probed, the longest pair first. Each side needs 8 agreeing
//!    characters and both together [`MIN_CONTEXT_TOTAL`] (24). A prefix that ran to the
//!    start of the text, or a suffix shorter than [`CONTEXT`] (which ran to its end),
//!    also matches at that edge. Pairs are ranked by how many context characters agree,
//!    then by how close the stretch is to the quote's length, then by nearness.
//! 4. **Fuzzy.** A sliding window as long as the quote is scored by character-bigram
//!    Dice against the quote; the best few windows are aligned with the quote by edit
//!    distance to find their true ends. The score is `0.7 × quote similarity + 0.3 ×
//!    context similarity` (both one minus a normalised edit distance), and a placement
//!    needs [`MIN_SCORE`]. The search runs first within a couple of thousand characters
//!    of the old offset, then over the whole text.
//!
//! Otherwise the anchor is an [`Placement::Orphan`]. An empty quote is placed only
//! where its prefix and suffix meet.
//!
//! The work stays near-linear in the text: occurrence lists are capped, overlapping
//! matches are only sought while a fixed budget lasts, context pairs are capped, the
//! Dice scan is one linear pass, and the edit-distance alignment runs on at most a few
//! windows and only while quote length times window length fits a fixed cell budget
//! (past it, the Dice window is used as it is).

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Characters of context kept on each side of the quoted text.
pub const CONTEXT: usize = 32;

/// Fewest characters of context that count as finding it again.
pub const MIN_CONTEXT: usize = 8;

/// Fewest characters of context, both sides together, that place a passage by its
/// context alone.
pub const MIN_CONTEXT_TOTAL: usize = 3 * MIN_CONTEXT;

/// Lowest score a fuzzy match needs to be placed.
pub const MIN_SCORE: f64 = 0.75;

/// Share of the fuzzy score that comes from the context rather than the quote.
const CONTEXT_WEIGHT: f64 = 0.3;

/// Most occurrences of one string considered; real text never comes close.
const MAX_OCCURRENCES: usize = 4096;

/// Characters re-read in looking for overlapping occurrences, after which the search
/// skips past each match so that periodic text cannot make it quadratic.
const OVERLAP_BUDGET: usize = 1 << 20;

/// Most prefix–suffix pairs weighed by the context search.
const MAX_PAIRS: usize = 1 << 16;

/// Characters searched on each side of the old offset before the whole text.
const LOCAL_RADIUS: usize = 2048;

/// Windows of the Dice scan that go on to be aligned.
const CANDIDATES: usize = 8;

/// Lowest Dice a window needs to be aligned at all.
const MIN_DICE: f64 = 0.4;

/// Most cells of one edit-distance alignment.
const ALIGN_CELLS: usize = 1 << 22;

/// Shortest quote a fuzzy match is tried for; shorter ones resemble too much.
const MIN_FUZZY_LEN: usize = 3;

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
    let hash = text_hash(body);
    if hash == anchor.text_hash && quote_holds(anchor, body) {
        return Placement::Unchanged {
            start: anchor.start,
            end: anchor.end,
        };
    }
    Placer::with_hash(body, hash).place(anchor)
}

/// Places every anchor of one article, hashing and indexing its text once.
pub fn place_all(anchors: &[Anchor], body: &str) -> Vec<Placement> {
    let placer = Placer::new(body);
    anchors.iter().map(|a| placer.place(a)).collect()
}

/// Checks, without allocating, that the anchor's offsets fit `body` and that the
/// quote reads the same there.
fn quote_holds(anchor: &Anchor, body: &str) -> bool {
    if anchor.start > anchor.end {
        return false;
    }
    let from = if anchor.start == 0 {
        Some(0)
    } else {
        body.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(body.len()))
            .nth(anchor.start)
    };
    from.is_some_and(|from| {
        body[from..].starts_with(anchor.exact.as_str())
            && anchor.exact.chars().count() == anchor.end - anchor.start
    })
}

/// One article's text made ready for placing anchors: its hash and a character index.
#[derive(Debug)]
pub struct Placer<'a> {
    body: &'a str,
    hash: String,
    chars: Vec<char>,
    /// Byte offset of each character, then the text's length in bytes.
    bytes: Vec<usize>,
}

/// How much of one side of the context agrees at some place.
#[derive(Debug, Clone, Copy)]
struct Side {
    /// Characters that agree, counted outward from the quote.
    real: usize,
    /// The side was at the edge of the old text, matches in full, and is at the edge
    /// of the new one too.
    pinned: bool,
}

impl Side {
    /// Says whether this side is found: enough characters agree, or it is pinned.
    fn found(self) -> bool {
        self.real >= MIN_CONTEXT || self.pinned
    }

    /// Its weight in ranking places of one search: each agreeing character counts
    /// two, and a pinned edge one, enough to break a tie but never to outweigh text.
    fn weight(self) -> usize {
        2 * self.real + usize::from(self.pinned)
    }
}

/// An anchor taken apart for searching.
struct Query<'q> {
    exact: &'q str,
    quote: Vec<char>,
    prefix: Vec<char>,
    suffix: Vec<char>,
    old_start: usize,
    /// The prefix reached the start of the old text.
    prefix_pinned: bool,
    /// The suffix reached the end of the old text (it is shorter than [`CONTEXT`]).
    suffix_pinned: bool,
}

impl<'q> Query<'q> {
    fn new(anchor: &'q Anchor) -> Self {
        let prefix: Vec<char> = anchor.prefix.chars().collect();
        let suffix: Vec<char> = anchor.suffix.chars().collect();
        Self {
            exact: &anchor.exact,
            quote: anchor.exact.chars().collect(),
            prefix_pinned: prefix.len() == anchor.start,
            suffix_pinned: suffix.len() < CONTEXT,
            prefix,
            suffix,
            old_start: anchor.start,
        }
    }
}

/// How a context pair ranks: by context weight, then by how near the stretch is to
/// the quote's length, then by nearness to the old offset.
type Rank = (std::cmp::Reverse<usize>, usize, usize);

/// A fuzzy match: its range and score.
#[derive(Debug, Clone, Copy)]
struct Fuzzy {
    start: usize,
    end: usize,
    score: f64,
}

impl<'a> Placer<'a> {
    /// Hashes and indexes `body`.
    pub fn new(body: &'a str) -> Self {
        Self::with_hash(body, text_hash(body))
    }

    fn with_hash(body: &'a str, hash: String) -> Self {
        let mut chars = Vec::with_capacity(body.len());
        let mut bytes = Vec::with_capacity(body.len() + 1);
        for (i, c) in body.char_indices() {
            chars.push(c);
            bytes.push(i);
        }
        bytes.push(body.len());
        Self {
            body,
            hash,
            chars,
            bytes,
        }
    }

    /// Says whether the text between two offsets still reads like the quote.
    fn resembles(&self, q: &Query<'_>, start: usize, end: usize) -> bool {
        end <= self.chars.len()
            && start <= end
            && bigram_dice(&q.quote, &self.chars[start..end]) >= MIN_CONTEXT_RESEMBLANCE
    }

    /// Finds an anchor in the text, as [`place`] does.
    pub fn place(&self, anchor: &Anchor) -> Placement {
        let n = self.chars.len();
        if self.hash == anchor.text_hash
            && anchor.start <= anchor.end
            && anchor.end <= n
            && self.body[self.bytes[anchor.start]..self.bytes[anchor.end]] == anchor.exact
        {
            return Placement::Unchanged {
                start: anchor.start,
                end: anchor.end,
            };
        }
        let q = Query::new(anchor);
        if q.quote.is_empty() {
            return self
                .by_context(&q)
                .map_or(Placement::Orphan, |(start, end, _)| Placement::Context {
                    start,
                    end,
                });
        }
        if let Some((start, agreed)) = self.by_exact(&q) {
            let end = start + q.quote.len();
            if agreed < MIN_CONTEXT_TOTAL.min(q.prefix.len() + q.suffix.len()) {
                if let Some((from, to, context_agreed)) = self.by_context(&q) {
                    // Text inserted right beside the quote widens the stretch between
                    // the contexts around the quote itself, which is still the answer.
                    let around = from <= start && end <= to;
                    if context_agreed > agreed && !around && self.resembles(&q, from, to) {
                        return Placement::Context {
                            start: from,
                            end: to,
                        };
                    }
                }
            }
            return Placement::Exact { start, end };
        }
        if let Some((start, end, _)) = self.by_context(&q) {
            if self.resembles(&q, start, end) {
                return Placement::Context { start, end };
            }
        }
        self.by_fuzzy(&q)
            .map_or(Placement::Orphan, |f| Placement::Fuzzy {
                start: f.start,
                end: f.end,
                score: f.score,
            })
    }

    /// Character offset of a byte offset that starts a character (or ends the text).
    fn char_at_byte(&self, byte: usize) -> usize {
        self.bytes.binary_search(&byte).unwrap_or_else(|i| i)
    }

    /// Character offsets where `needle` (not empty) starts, in order, overlapping
    /// ones included while the overlap budget lasts.
    fn occurrences(&self, needle: &str) -> Vec<usize> {
        let mut out = Vec::new();
        if needle.is_empty() {
            return out;
        }
        let mut budget = OVERLAP_BUDGET;
        let mut from = 0;
        while let Some(i) = self.body[from..].find(needle) {
            let at = from + i;
            out.push(self.char_at_byte(at));
            if out.len() >= MAX_OCCURRENCES {
                break;
            }
            let step = if budget >= needle.len() {
                budget -= needle.len();
                self.body[at..].chars().next().map_or(1, char::len_utf8)
            } else {
                needle.len()
            };
            from = at + step;
        }
        out
    }

    /// How the stored prefix agrees with the text ending at `at`.
    fn before(&self, q: &Query<'_>, at: usize) -> Side {
        let real = q
            .prefix
            .iter()
            .rev()
            .zip(self.chars[..at].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        Side {
            real,
            pinned: q.prefix_pinned && real == q.prefix.len() && at == real,
        }
    }

    /// How the stored suffix agrees with the text starting at `at`.
    fn after(&self, q: &Query<'_>, at: usize) -> Side {
        let real = q
            .suffix
            .iter()
            .zip(&self.chars[at..])
            .take_while(|(a, b)| a == b)
            .count();
        Side {
            real,
            pinned: q.suffix_pinned && real == q.suffix.len() && at + real == self.chars.len(),
        }
    }

    /// The best occurrence of the quote: its start and how many characters of
    /// context agree there.
    fn by_exact(&self, q: &Query<'_>) -> Option<(usize, usize)> {
        let m = q.quote.len();
        self.occurrences(q.exact)
            .into_iter()
            .map(|s| (s, self.before(q, s), self.after(q, s + m)))
            .min_by_key(|&(s, before, after)| {
                (
                    std::cmp::Reverse(before.weight() + after.weight()),
                    s.abs_diff(q.old_start),
                )
            })
            .map(|(s, before, after)| (s, before.real + after.real))
    }

    /// Where the prefix ends and the suffix starts, a plausible stretch apart, with
    /// how many characters of context agree there.
    fn by_context(&self, q: &Query<'_>) -> Option<(usize, usize, usize)> {
        let n = self.chars.len();
        let prefix_probes = probe_lengths(q.prefix.len());
        let suffix_probes = probe_lengths(q.suffix.len());
        // Longer probes first: intact context is found by its full length in one
        // cheap pass, and short probes, common in any text, only run when needed.
        let mut tiers: Vec<(usize, usize)> = (0..prefix_probes.len())
            .flat_map(|i| (0..suffix_probes.len()).map(move |j| (i, j)))
            .collect();
        tiers.sort_by_key(|&(i, j)| std::cmp::Reverse(prefix_probes[i] + suffix_probes[j]));

        let mut ends: Vec<Option<Vec<(usize, Side)>>> = vec![None; prefix_probes.len()];
        let mut starts: Vec<Option<Vec<(usize, Side)>>> = vec![None; suffix_probes.len()];
        let mut pairs = 0;
        for (i, j) in tiers {
            let ends = ends[i].get_or_insert_with(|| {
                let len = prefix_probes[i];
                let mut found: Vec<usize> = if len == 0 {
                    Vec::new()
                } else {
                    let probe: String = q.prefix[q.prefix.len() - len..].iter().collect();
                    self.occurrences(&probe)
                        .into_iter()
                        .map(|s| s + len)
                        .collect()
                };
                if q.prefix_pinned && self.chars.starts_with(&q.prefix) {
                    found.push(q.prefix.len());
                }
                found.sort_unstable();
                found.dedup();
                found.into_iter().map(|p| (p, self.before(q, p))).collect()
            });
            let starts = starts[j].get_or_insert_with(|| {
                let len = suffix_probes[j];
                let mut found: Vec<usize> = if len == 0 {
                    Vec::new()
                } else {
                    let probe: String = q.suffix[..len].iter().collect();
                    self.occurrences(&probe)
                };
                if q.suffix_pinned && self.chars.ends_with(&q.suffix) {
                    found.push(n - q.suffix.len());
                }
                found.sort_unstable();
                found.dedup();
                found.into_iter().map(|s| (s, self.after(q, s))).collect()
            });
            if let Some(found) = pair_up(q, ends, starts, &mut pairs) {
                return Some(found);
            }
            if pairs > MAX_PAIRS {
                break;
            }
        }
        None
    }

    /// The best fuzzy match scoring at least [`MIN_SCORE`], near the old offset first.
    fn by_fuzzy(&self, q: &Query<'_>) -> Option<Fuzzy> {
        let n = self.chars.len();
        let m = q.quote.len();
        if m < MIN_FUZZY_LEN {
            return None;
        }
        let radius = LOCAL_RADIUS.max(2 * m);
        let lo = q.old_start.saturating_sub(radius).min(n);
        let hi = q.old_start.saturating_add(m + radius).min(n);
        let accept = |f: Option<Fuzzy>| f.filter(|f| f.score >= MIN_SCORE);
        accept(self.fuzzy_in(q, lo, hi)).or_else(|| {
            if lo > 0 || hi < n {
                accept(self.fuzzy_in(q, 0, n))
            } else {
                None
            }
        })
    }

    /// The best-scoring fuzzy match within characters `lo..hi`, whatever its score.
    fn fuzzy_in(&self, q: &Query<'_>, lo: usize, hi: usize) -> Option<Fuzzy> {
        let region = &self.chars[lo..hi];
        let m = q.quote.len();
        let width = m.min(region.len());
        if width < 2 {
            return None;
        }
        let pad = m / 2 + MIN_CONTEXT;
        let mut best: Option<Fuzzy> = None;
        for (at, dice) in dice_windows(&q.quote, region, width, q.old_start.saturating_sub(lo)) {
            let from = at.saturating_sub(pad);
            let to = (at + width + pad).min(region.len());
            let (start, end, quote_sim) = if m.saturating_mul(to - from) <= ALIGN_CELLS {
                let (cost, s, e) = align(&q.quote, &region[from..to]);
                let span = (e - s).max(m);
                (from + s, from + e, 1.0 - ratio(cost, span))
            } else {
                (at, at + width, dice)
            };
            let (start, end) = (lo + start, lo + end);
            let score = match self.context_similarity(q, start, end) {
                Some(ctx) => (1.0 - CONTEXT_WEIGHT) * quote_sim + CONTEXT_WEIGHT * ctx,
                None => quote_sim,
            };
            let better = best.is_none_or(|b| {
                score.total_cmp(&b.score).then_with(|| {
                    b.start
                        .abs_diff(q.old_start)
                        .cmp(&start.abs_diff(q.old_start))
                }) == std::cmp::Ordering::Greater
            });
            if better {
                best = Some(Fuzzy { start, end, score });
            }
        }
        best
    }

    /// How alike the stored context is to the text around `start..end` (0–1), or
    /// `None` when the anchor kept no context.
    fn context_similarity(&self, q: &Query<'_>, start: usize, end: usize) -> Option<f64> {
        let (plen, slen) = (q.prefix.len(), q.suffix.len());
        if plen + slen == 0 {
            return None;
        }
        let before = &self.chars[start.saturating_sub(plen)..start];
        let after = &self.chars[end..(end + slen).min(self.chars.len())];
        let weighted = ratio(plen, 1) * similarity(&q.prefix, before)
            + ratio(slen, 1) * similarity(&q.suffix, after);
        Some(weighted / ratio(plen + slen, 1))
    }
}

/// Lengths of the probes tried on one side of the context, longest first; a lone 0
/// when the side is too short to probe, leaving only a pinned edge to find.
fn probe_lengths(len: usize) -> Vec<usize> {
    let mut lengths: Vec<usize> = [len.min(CONTEXT), 2 * MIN_CONTEXT, MIN_CONTEXT]
        .into_iter()
        .filter(|&l| (MIN_CONTEXT..=len).contains(&l))
        .collect();
    lengths.dedup();
    if lengths.is_empty() {
        lengths.push(0);
    }
    lengths
}

/// The best pair of a prefix end and a suffix start, both sorted, a plausible stretch
/// apart and with enough context agreeing: its range and the agreeing characters.
/// `pairs` counts the pairs weighed, across calls, up to [`MAX_PAIRS`].
fn pair_up(
    q: &Query<'_>,
    ends: &[(usize, Side)],
    starts: &[(usize, Side)],
    pairs: &mut usize,
) -> Option<(usize, usize, usize)> {
    let m = q.quote.len();
    let (min_gap, max_gap) = if m == 0 {
        (0, 0)
    } else {
        ((m / 2).max(1), 2 * m + CONTEXT)
    };
    let mut best: Option<(Rank, usize, usize, usize)> = None;
    let mut first = 0;
    for &(p, before) in ends {
        if !before.found() {
            continue;
        }
        while first < starts.len() && starts[first].0 < p + min_gap {
            first += 1;
        }
        for &(s, after) in starts[first..]
            .iter()
            .take_while(|(s, _)| *s <= p + max_gap)
        {
            *pairs += 1;
            if *pairs > MAX_PAIRS {
                return best.map(|(_, p, s, agreed)| (p, s, agreed));
            }
            if !after.found() || before.real + after.real < MIN_CONTEXT_TOTAL {
                continue;
            }
            let rank = (
                std::cmp::Reverse(before.weight() + after.weight()),
                (s - p).abs_diff(m),
                p.abs_diff(q.old_start),
            );
            if best.as_ref().is_none_or(|(r, ..)| rank < *r) {
                best = Some((rank, p, s, before.real + after.real));
            }
        }
    }
    best.map(|(_, p, s, agreed)| (p, s, agreed))
}

/// The least bigram similarity between a quote and the text its context now holds:
/// a corrected word keeps most pairs of letters, a sentence rewritten between the same
/// neighbours keeps few, and an annotation must not move onto words it never marked.
const MIN_CONTEXT_RESEMBLANCE: f64 = 0.3;

/// Dice similarity of the letter pairs of two texts (1 when both are shorter than a
/// pair and equal).
fn bigram_dice(a: &[char], b: &[char]) -> f64 {
    if a.len() < 2 || b.len() < 2 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let mut counts: rustc_hash::FxHashMap<(char, char), i32> = rustc_hash::FxHashMap::default();
    for w in a.windows(2) {
        *counts.entry((w[0], w[1])).or_default() += 1;
    }
    let mut shared = 0usize;
    for w in b.windows(2) {
        if let Some(c) = counts.get_mut(&(w[0], w[1])) {
            if *c > 0 {
                *c -= 1;
                shared += 1;
            }
        }
    }
    ratio(2 * shared, a.len() - 1 + b.len() - 1)
}

/// `a / b` as a float; counts here stay far below 2^52, so nothing is lost.
#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

/// One minus the edit distance over the longer length (1 for two empty strings).
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - ratio(levenshtein(a, b), longest)
}

/// The edit distance between two short strings.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The stretch of `text` closest to `pattern` by edit distance, with either end free
/// (Sellers' algorithm): its cost, start and end. Ties go to the stretch whose length
/// is nearest the pattern's, then to the first.
fn align(pattern: &[char], text: &[char]) -> (usize, usize, usize) {
    // Each cell keeps its cost and where in the text its stretch began.
    let mut prev: Vec<(usize, usize)> = (0..=text.len()).map(|j| (0, j)).collect();
    let mut cur = vec![(0, 0); text.len() + 1];
    for (i, pc) in pattern.iter().enumerate() {
        cur[0] = (i + 1, 0);
        for (j, tc) in text.iter().enumerate() {
            let diagonal = (prev[j].0 + usize::from(pc != tc), prev[j].1);
            let skip_pattern = (prev[j + 1].0 + 1, prev[j + 1].1);
            let skip_text = (cur[j].0 + 1, cur[j].1);
            let mut cell = diagonal;
            if skip_pattern.0 < cell.0 {
                cell = skip_pattern;
            }
            if skip_text.0 < cell.0 {
                cell = skip_text;
            }
            cur[j + 1] = cell;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let m = pattern.len();
    prev.iter()
        .enumerate()
        .map(|(end, &(cost, start))| (cost, start, end))
        .min_by_key(|&(cost, start, end)| (cost, (end - start).abs_diff(m)))
        .unwrap_or((m, 0, 0))
}

/// The starts of the best windows of `width` characters of `region` by bigram Dice
/// against `quote`, each with its Dice: at most [`CANDIDATES`] of them, each at least
/// [`MIN_DICE`], more than half a window apart, best first (ties to the one nearest
/// `near`).
fn dice_windows(quote: &[char], region: &[char], width: usize, near: usize) -> Vec<(usize, f64)> {
    // Each distinct bigram of the quote gets a slot, so that the scan looks every
    // bigram of the text up once and then only counts.
    let mut slot_of: FxHashMap<(char, char), usize> = FxHashMap::default();
    let mut limit: Vec<u32> = Vec::new();
    for w in quote.windows(2) {
        let slot = *slot_of.entry((w[0], w[1])).or_insert(limit.len());
        if slot == limit.len() {
            limit.push(0);
        }
        limit[slot] += 1;
    }
    let slots: Vec<Option<usize>> = region
        .windows(2)
        .map(|w| slot_of.get(&(w[0], w[1])).copied())
        .collect();
    let mut held = vec![0u32; limit.len()];
    let mut shared = 0usize;
    for slot in slots[..width - 1].iter().flatten() {
        held[*slot] += 1;
        if held[*slot] <= limit[*slot] {
            shared += 1;
        }
    }
    let bigrams = quote.len() - 1 + width - 1;
    // Windows clearing the bar come in runs around each likely place; only the best
    // of each run is kept, so that common bigrams cannot flood the ranking below.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let mut in_run = false;
    let mut keep = |at: usize, shared: usize, hits: &mut Vec<(usize, usize)>| {
        let clears = ratio(2 * shared, bigrams) >= MIN_DICE;
        if clears && !in_run {
            hits.push((at, shared));
        } else if clears {
            if let Some(best) = hits.last_mut().filter(|best| shared > best.1) {
                *best = (at, shared);
            }
        }
        in_run = clears;
    };
    keep(0, shared, &mut hits);
    for at in 1..=region.len() - width {
        if let Some(slot) = slots[at - 1] {
            if held[slot] <= limit[slot] {
                shared -= 1;
            }
            held[slot] -= 1;
        }
        if let Some(slot) = slots[at + width - 2] {
            held[slot] += 1;
            if held[slot] <= limit[slot] {
                shared += 1;
            }
        }
        keep(at, shared, &mut hits);
    }

    hits.sort_unstable_by_key(|&(at, shared)| (std::cmp::Reverse(shared), at.abs_diff(near)));
    let mut chosen: Vec<(usize, f64)> = Vec::new();
    for (at, shared) in hits {
        if chosen.len() == CANDIDATES {
            break;
        }
        if chosen.iter().all(|&(c, _)| c.abs_diff(at) > width / 2) {
            chosen.push((at, ratio(2 * shared, bigrams)));
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn align_finds_the_stretch_with_a_corrected_word() {
        let text = chars("said the Calder Port Authority on Monday");
        let (cost, start, end) = align(&chars("Calder Port Authorty"), &text);
        assert_eq!(cost, 1);
        let found: String = text[start..end].iter().collect();
        assert_eq!(found, "Calder Port Authority");
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("été"), &chars("été")), 0);
    }

    #[test]
    fn dice_prefers_the_window_holding_the_quote() {
        let region = chars("the harbour was quiet; the ferry to Lisk sailed late; gulls");
        let quote = chars("ferry to Lisk");
        let windows = dice_windows(&quote, &region, quote.len(), 0);
        let (at, dice) = windows[0];
        assert_eq!(
            region[at..at + quote.len()].iter().collect::<String>(),
            "ferry to Lisk"
        );
        assert!((dice - 1.0).abs() < 1e-9, "{dice}");
    }

    #[test]
    fn occurrences_count_characters_and_overlaps() {
        let placer = Placer::new("ééé – ééé");
        assert_eq!(placer.occurrences("éé"), vec![0, 1, 6, 7]);
        assert!(placer.occurrences("x").is_empty());
    }

    #[test]
    fn quote_holds_checks_offsets_in_characters() {
        let body = "Ça va? 👋 Oui.";
        let anchor = Anchor::new(body, 7, 8);
        assert_eq!(anchor.exact, "👋");
        assert!(quote_holds(&anchor, body));
        let mut moved = anchor.clone();
        moved.start = 6;
        moved.end = 7;
        assert!(!quote_holds(&moved, body));
        let mut beyond = anchor;
        beyond.start = 40;
        beyond.end = 41;
        assert!(!quote_holds(&beyond, body));
    }

    #[test]
    fn a_common_phrase_edited_is_found_by_context_not_elsewhere() {
        let old = "The mayor said the plan was fair. Critics said the plan was rushed and costly.";
        let start = old
            .find("said the plan was rushed")
            .map(|b| old[..b].chars().count());
        let start = start.expect("quote present");
        let anchor = Anchor::new(old, start, start + 4);
        let new = old.replace("Critics said", "Critics says");
        let placed = Placer::new(&new).place(&anchor);
        let (s, e) = placed.range().expect("placed");
        assert!(matches!(placed, Placement::Context { .. }), "{placed:?}");
        assert_eq!(new.chars().skip(s).take(e - s).collect::<String>(), "says");
    }
}
