//! The same claim across articles: clusters of claims from different sources that
//! report the same thing, with what the sources disagree on.
//!
//! Every claim gets keys: its quote's word shingles, its values paired with its names,
//! pairs of its names, and bands of a `MinHash` signature of its sentence. Claims that
//! share a key are candidates — never all pairs — and each candidate pair is tested by
//! rules, strongest first: the same quote (or a shorter excerpt of it); a quote's words
//! used unquoted; the same value about the same names; the same date about the same
//! names; the same names and sentence with a different value (a disagreement); and,
//! weakest, sentences that share most of their words and a name. Clusters form over
//! facts, not sentences: a claim has a node for its words and one for each amount it
//! states, and a figure link joins only the nodes of the amount it is about, so a
//! sentence stating two facts can sit in two clusters without chaining them into one.
//! A weak link only pairs claims whose words are not linked yet.
//!
//! Three relations stay apart: articles with the same text under two sources are
//! duplicates (their claims are not counted as independent reporting), articles about
//! the same names form a story, and only claims form clusters.

use std::cmp::Ordering;
use std::fmt::Write as _;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Claim, EntityKind};
use crate::text::Date;

/// One article as the linker sees it.
#[derive(Debug, Clone, Copy)]
pub struct LinkArticle<'a> {
    /// The article's stable id.
    pub id: &'a str,
    /// The outlet.
    pub source: Option<&'a str>,
    /// The publication date.
    pub date: Option<Date>,
    /// The displayed text (to recognise duplicates).
    pub body: &'a str,
    /// Its entities and claims.
    pub analysis: &'a Analysis,
}

impl<'a> LinkArticle<'a> {
    /// Describes a loaded and analysed article for the linker.
    pub fn of(article: &'a crate::corpus::Article, analysis: &'a Analysis) -> Self {
        Self {
            id: &article.id,
            source: article.meta.source.as_deref(),
            date: crate::analysis::Context::of(article).date,
            body: &article.body,
            analysis,
        }
    }
}

/// Why the members of a cluster belong together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The same quoted words.
    Quote,
    /// The same figure (or a different one) about the same names.
    Figure,
    /// The same date about the same names.
    Date,
    /// The same statement in other words.
    Paraphrase,
}

/// One claim in a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Index of the article in the linker's input.
    pub article: usize,
    /// Index of the claim in the article's analysis.
    pub claim: usize,
    /// What this member says differently from the others, when it does.
    pub differs: Option<String>,
}

/// Claims from different articles that report the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// Stable for the same input: `k` and the cluster's number.
    pub id: String,
    /// A short label: the quote, or the figure and what it is about.
    pub label: String,
    /// The strongest reason the members are linked.
    pub kind: LinkKind,
    /// Members, earliest article first, undated last.
    pub members: Vec<Member>,
    /// What differs between the members, when anything does.
    pub disagreement: Option<String>,
}

impl Cluster {
    /// Returns how many different articles carry the claim.
    pub fn sources(&self) -> usize {
        let mut articles: Vec<usize> = self.members.iter().map(|m| m.article).collect();
        articles.sort_unstable();
        articles.dedup();
        articles.len()
    }
}

/// The result of linking a corpus.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Clusters, most widely carried first.
    pub clusters: Vec<Cluster>,
    /// Pairs of articles with the same text.
    pub duplicates: Vec<(usize, usize)>,
    /// Groups of articles about the same names (the same story), largest first.
    pub stories: Vec<Vec<usize>>,
    by_claim: FxHashMap<(usize, usize), usize>,
}

impl Links {
    /// Returns the cluster a claim belongs to.
    pub fn cluster_of(&self, article: usize, claim: usize) -> Option<&Cluster> {
        self.by_claim
            .get(&(article, claim))
            .map(|&c| &self.clusters[c])
    }

    /// Returns the index of the cluster a claim belongs to.
    pub fn cluster_index(&self, article: usize, claim: usize) -> Option<usize> {
        self.by_claim.get(&(article, claim)).copied()
    }
}

// ---------------------------------------------------------------------------------
// Features

/// Words too common to say what a claim is about, and the names of days and months
/// (a claim's dates are compared as values).
fn is_stopword(word: &str) -> bool {
    crate::text::month_number(word).is_some_and(|_| word.len() > 3)
        || matches!(
            word,
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        )
        || matches!(
            word,
            "a" | "an"
                | "the"
                | "and"
                | "or"
                | "but"
                | "of"
                | "to"
                | "in"
                | "on"
                | "at"
                | "for"
                | "with"
                | "by"
                | "from"
                | "as"
                | "is"
                | "was"
                | "are"
                | "were"
                | "be"
                | "been"
                | "it"
                | "its"
                | "this"
                | "that"
                | "these"
                | "those"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "you"
                | "his"
                | "her"
                | "their"
                | "our"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "should"
                | "not"
                | "no"
                | "said"
                | "says"
                | "say"
                | "told"
                | "about"
                | "after"
                | "before"
                | "than"
                | "which"
                | "who"
                | "what"
                | "there"
                | "s"
                | "t"
                | "also"
                | "into"
                | "over"
                | "up"
                | "out"
                | "so"
                | "if"
                | "do"
                | "does"
                | "did"
        )
}

fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // Finish with a mix so nearby strings spread.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

fn mix(a: u64, b: u64) -> u64 {
    let mut h = a ^ b.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 31;
    h.wrapping_mul(0xbf58_476d_1ce4_e5b9)
}

/// A word without a plural or third-person `s` ("crews" is "crew", "reckons" is
/// "reckon"); short words and `-ss`, `-us`, `-is` endings are kept.
fn stem(word: &str) -> &str {
    if word.len() > 3
        && word.ends_with('s')
        && !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is"))
    {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Lower-cased content words of a text, straight quotes and apostrophes, possessive
/// endings and plurals dropped, as hashes.
fn content_words(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<u64>| {
        // A closing single quote is not part of the word before it.
        let w = word.trim_end_matches("'s").trim_end_matches('\'');
        if !w.is_empty() && !is_stopword(w) {
            out.push(hash_str(stem(w)));
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’') && !word.is_empty() {
            word.push('\'');
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The month and day of a date value ("2026-04-13" and "13 April" are both "04-13"), so
/// that an article whose year is unknown still meets the same day elsewhere.
fn day_key(value: &str) -> String {
    if let Some(d) = Date::parse(value) {
        return format!("{:02}-{:02}", d.month, d.day);
    }
    let mut words = value.split_whitespace();
    match (
        words.next().and_then(|d| d.parse::<u8>().ok()),
        words.next().and_then(crate::text::month_number),
    ) {
        (Some(day), Some(month)) => format!("{month:02}-{day:02}"),
        _ => value.to_owned(),
    }
}

/// What a quantity is compared by: a count of 20 or more by its number alone, since
/// outlets count the same thing in different nouns ("180 jobs", "180 positions", "180
/// dockworkers"); small counts and spans of time keep their unit ("14 cranes", "3
/// years").
fn count_key(value: &str) -> &str {
    let (number, unit) = value.split_once(' ').unwrap_or((value, ""));
    let big = number
        .replace(',', "")
        .parse::<f64>()
        .is_ok_and(|n| n >= 20.0);
    let time = matches!(
        stem(unit),
        "second" | "minute" | "hour" | "day" | "week" | "month" | "year" | "decade"
    );
    if big && !time {
        number
    } else {
        value
    }
}

/// Lower-cased words of a text, straight apostrophes, as hashes.
fn all_words(text: &str) -> Vec<u64> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| hash_str(&w.to_lowercase().replace('’', "'")))
        .collect()
}

/// The keys a name is known by across articles: a person by surname, an organisation
/// by its full name and its initials, anything else by its name.
fn entity_keys(kind: EntityKind, name: &str) -> Vec<u64> {
    let lower = crate::text::fold_lower(name);
    let words: Vec<&str> = lower.split_whitespace().collect();
    match kind {
        EntityKind::Person => words
            .last()
            .map(|w| vec![hash_str(w.trim_end_matches("'s"))])
            .unwrap_or_default(),
        EntityKind::Org if name.contains('.') => Vec::new(),
        EntityKind::Org if words.len() > 1 => {
            let initials: String = name
                .split_whitespace()
                .filter(|w| w.starts_with(char::is_uppercase))
                .filter_map(|w| w.chars().next())
                .collect();
            vec![hash_str(&lower), hash_str(&initials.to_lowercase())]
        }
        _ => vec![hash_str(&lower)],
    }
}

/// The word an organisation or place of several words is shortened to: its first
/// word that is not a function word or a generic part of names ("Northmoor" of
/// "Northmoor Regional Health Board", "Calder" of "Port of Calder").
fn core_word(kind: EntityKind, name: &str) -> Option<&str> {
    if !matches!(kind, EntityKind::Org | EntityKind::Place) || name.contains('.') {
        return None;
    }
    let lexicon = crate::analysis::lexicon::get();
    let mut words = name.split_whitespace();
    if name.split_whitespace().count() < 2 {
        return None;
    }
    words.find(|w| {
        w.starts_with(char::is_uppercase)
            && !lexicon.function_words.contains(w)
            && !lexicon.is_org_suffix(w)
            && !lexicon.place_prefixes.contains(w)
            && !lexicon.place_suffixes.contains(w)
    })
}

/// What the linker knows about one claim.
struct Feature {
    article: u32,
    claim: u32,
    /// Words of the quote, in order.
    quote: Vec<u64>,
    /// Content words of the quote, sorted and deduplicated.
    quote_words: Vec<u64>,
    /// Content words of the sentence, sorted and deduplicated.
    words: Vec<u64>,
    /// All words of the sentence, in order.
    all: Vec<u64>,
    /// Keys of the names it mentions, sorted and deduplicated.
    names: Vec<u64>,
    /// The names' keys and their core words ("Calder" of "Port of Calder"), sorted.
    loose: Vec<u64>,
    /// Values it states: (kind, value) hashes; dates separately.
    values: Vec<(EntityKind, u64)>,
    /// The values that are sums of money or counts of 20 or more, sorted.
    distinct: Vec<u64>,
    speaker: Option<u64>,
    /// The article's date as a day count, when known.
    day: Option<i64>,
}

fn features(articles: &[LinkArticle<'_>]) -> Vec<Feature> {
    let per_article: Vec<Vec<Feature>> = articles
        .par_iter()
        .enumerate()
        .map(|(a, article)| {
            article
                .analysis
                .claims
                .iter()
                .enumerate()
                .map(|(c, claim)| feature(a, c, claim, article.date))
                .collect()
        })
        .collect();
    per_article.into_iter().flatten().collect()
}

fn feature(article: usize, claim_index: usize, claim: &Claim, date: Option<Date>) -> Feature {
    // A quote is compared on all its words: "not there yet" is three words.
    let quote = claim.quote.as_deref().map(all_words).unwrap_or_default();
    let mut quote_words = claim
        .quote
        .as_deref()
        .map(content_words)
        .unwrap_or_default();
    quote_words.sort_unstable();
    quote_words.dedup();
    let ordered = content_words(&claim.text);
    // Names are compared as names; the words around them say what is claimed.
    let mut name_words: Vec<u64> = claim
        .entities
        .iter()
        .flat_map(|(_, n)| content_words(n))
        .collect();
    name_words.sort_unstable();
    let mut words: Vec<u64> = ordered
        .iter()
        .copied()
        .filter(|w| name_words.binary_search(w).is_err())
        .collect();
    words.sort_unstable();
    words.dedup();
    let mut names: Vec<u64> = claim
        .entities
        .iter()
        .flat_map(|(kind, name)| entity_keys(*kind, name))
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut loose: Vec<u64> = claim
        .entities
        .iter()
        .filter_map(|(kind, name)| core_word(*kind, name))
        .map(|w| hash_str(&crate::text::fold_lower(w)))
        .chain(names.iter().copied())
        .collect();
    loose.sort_unstable();
    loose.dedup();
    let mut values: Vec<(EntityKind, u64)> = claim
        .figures
        .iter()
        .map(|(k, v)| {
            (
                *k,
                match k {
                    EntityKind::Date => hash_str(&day_key(v)),
                    EntityKind::Quantity => hash_str(count_key(v)),
                    _ => hash_str(v),
                },
            )
        })
        .collect();
    values.sort_unstable();
    values.dedup();
    let mut distinct: Vec<u64> = claim
        .figures
        .iter()
        .filter(|(k, v)| {
            *k == EntityKind::Money || (*k == EntityKind::Quantity && count_key(v) != v.as_str())
        })
        .map(|(k, v)| {
            hash_str(if *k == EntityKind::Quantity {
                count_key(v)
            } else {
                v
            })
        })
        .collect();
    distinct.sort_unstable();
    let speaker = claim
        .speaker
        .as_deref()
        .map(|s| entity_keys(EntityKind::Person, s)[0]);
    Feature {
        article: u32::try_from(article).unwrap_or(u32::MAX),
        claim: u32::try_from(claim_index).unwrap_or(u32::MAX),
        quote,
        quote_words,
        words,
        all: all_words(&claim.text),
        names,
        loose,
        values,
        distinct,
        speaker,
        day: date.map(|d| i64::from(d.year) * 372 + i64::from(d.month) * 31 + i64::from(d.day)),
    }
}

/// Counts the values two sorted lists share.
fn shared(left: &[u64], right: &[u64]) -> usize {
    let (mut l, mut r, mut count) = (0, 0, 0);
    while l < left.len() && r < right.len() {
        match left[l].cmp(&right[r]) {
            Ordering::Less => l += 1,
            Ordering::Greater => r += 1,
            Ordering::Equal => {
                count += 1;
                l += 1;
                r += 1;
            }
        }
    }
    count
}

#[allow(clippy::cast_precision_loss)]
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let s = shared(a, b);
    let union = a.len() + b.len() - s;
    if union == 0 {
        0.0
    } else {
        s as f64 / union as f64
    }
}

/// Says whether every word of the shorter quote is in the longer, in order.
fn excerpt_of(short: &[u64], long: &[u64]) -> bool {
    if short.len() > long.len() {
        return false;
    }
    let mut it = long.iter();
    short.iter().all(|w| it.any(|l| l == w))
}

// ---------------------------------------------------------------------------------
// Candidates

/// The most members a key's bucket may have before it is too common to block on.
const BUCKET_CAP: usize = 48;
const BANDS: usize = 10;
const ROWS: usize = 4;

fn is_amount(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Money | EntityKind::Percent | EntityKind::Quantity
    )
}

/// Every candidate pair (a < b), from shared keys.
fn candidates(features: &[Feature], duplicate_of: &[usize]) -> Vec<(u32, u32)> {
    let mut buckets: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (i, f) in features.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let mut add = |key: u64| buckets.entry(key).or_default().push(i);
        // Shingles of three content words in a row: of the quote, or of the sentence,
        // so that an unquoted paraphrase meets the quote it repeats.
        let seq = if f.quote.is_empty() { &f.all } else { &f.quote };
        for w in seq.windows(3.min(seq.len()).max(1)) {
            add(mix(1, w.iter().fold(0, |h, x| mix(h, *x))));
        }
        // Values with names, values alone (common ones overflow their bucket and are
        // dropped), and pairs of names where an amount is stated.
        for &(kind, v) in &f.values {
            for &n in &f.names {
                add(mix(mix(2, v), n));
            }
            if is_amount(kind) {
                add(mix(5, v));
            }
        }
        // A date with each word of the sentence: "rejected on March 2".
        for &(kind, v) in &f.values {
            if kind == EntityKind::Date {
                for &w in &f.words {
                    add(mix(mix(8, v), w));
                }
            }
        }
        if f.values.iter().any(|(k, _)| is_amount(*k)) {
            for (x, &n) in f.names.iter().enumerate() {
                for &m in &f.names[x + 1..] {
                    add(mix(mix(3, n), m));
                }
            }
        }
        // What one person is reported to have said, quoted or retold (rare speakers
        // only: a busy speaker's bucket overflows and is dropped).
        if let Some(s) = f.speaker {
            add(mix(6, s));
        }
        // MinHash bands over the sentence's words, for paraphrases.
        if f.words.len() >= 4 {
            for band in 0..BANDS {
                let mut key = mix(4, band as u64);
                for row in 0..ROWS {
                    let seed = (band * ROWS + row) as u64;
                    let min = f.words.iter().map(|&w| mix(w, seed)).min().unwrap_or(0);
                    key = mix(key, min);
                }
                add(key);
            }
        }
    }
    // Pairs from every bucket, on all cores, then sorted and deduplicated.
    let lists: Vec<&Vec<u32>> = buckets
        .values()
        .filter(|l| l.len() >= 2 && l.len() <= BUCKET_CAP)
        .collect();
    let mut pairs: Vec<u64> = lists
        .par_iter()
        .flat_map_iter(|list| {
            let mut out = Vec::new();
            for (x, &a) in list.iter().enumerate() {
                for &b in &list[x + 1..] {
                    let (fa, fb) = (&features[a as usize], &features[b as usize]);
                    if fa.article == fb.article
                        || duplicate_of[fa.article as usize] == duplicate_of[fb.article as usize]
                    {
                        continue;
                    }
                    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                    out.push(u64::from(lo) << 32 | u64::from(hi));
                }
            }
            out
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|p| {
            (
                u32::try_from(p >> 32).unwrap_or(0),
                u32::try_from(p & 0xffff_ffff).unwrap_or(0),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// Rules

/// A link between two claims and how strong it is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Link {
    /// Quote and date links.
    Strong(LinkKind),
    /// The same amounts (or, for a disagreement, the two amounts) about the same names.
    /// Also a disagreement on another amount, when the claims share one amount and
    /// give different values of another kind ("14 cranes" for "$40M" and "$45M").
    Figure(Vec<u64>, Option<(u64, u64)>),
    Weak,
}

/// Says whether two claims' articles appeared within two months of each other (or
/// either date is unknown).
fn near_in_time(a: &Feature, b: &Feature) -> bool {
    match (a.day, b.day) {
        (Some(x), Some(y)) => (x - y).abs() <= 62,
        _ => true,
    }
}

/// The one amount of a kind each claim gives and the other does not, when there is
/// exactly one such pair: what two claims about the same thing disagree on.
fn disagreement(a: &Feature, b: &Feature) -> Option<(u64, u64)> {
    let only = |x: &Feature, y: &Feature, kind: EntityKind| -> Vec<u64> {
        x.values
            .iter()
            .filter(|(k, v)| *k == kind && !y.values.contains(&(*k, *v)))
            .map(|(_, v)| *v)
            .collect()
    };
    let mut found = None;
    for (kind, _) in a.values.iter().filter(|(k, _)| is_amount(*k)) {
        let (mine, theirs) = (only(a, b, *kind), only(b, a, *kind));
        match (mine.as_slice(), theirs.as_slice()) {
            ([x], [y]) if found.is_none() || found == Some((*x, *y)) => found = Some((*x, *y)),
            ([], _) | (_, []) => {}
            _ => return None,
        }
    }
    found
}

/// Says whether `a` quotes someone `b` names.
fn speaker_named(a: &Feature, b: &Feature) -> bool {
    a.speaker.is_some_and(|s| b.names.binary_search(&s).is_ok())
}

/// Tests a candidate pair, strongest rule first.
fn relate(a: &Feature, b: &Feature) -> Option<Link> {
    // Names written differently ("Port of Calder", "Calder") count as one in common.
    let names = match shared(&a.names, &b.names) {
        0 => usize::from(shared(&a.loose, &b.loose) > 0),
        n => n,
    };
    let fewest_names = a.names.len().min(b.names.len());
    // The same quote, or an excerpt of it.
    if !a.quote.is_empty() && !b.quote.is_empty() {
        let (short, long) = if a.quote.len() <= b.quote.len() {
            (&a.quote, &b.quote)
        } else {
            (&b.quote, &a.quote)
        };
        // The same speaker, or one side's speaker named by the other.
        let same_speaker = a.speaker.is_some() && a.speaker == b.speaker
            || speaker_named(a, b)
            || speaker_named(b, a);
        if short.len() >= 2
            && excerpt_of(short, long)
            // Words alone link only a long quote, between articles near in time: two
            // stories can share a phrase, not eight words in a row.
            && (names >= 1 || same_speaker || (short.len() >= 8 && near_in_time(a, b)))
        {
            return Some(Link::Strong(LinkKind::Quote));
        }
        if short.len() == 1 && short == long && same_speaker {
            return Some(Link::Strong(LinkKind::Quote));
        }
    }
    // A quote's words used unquoted in the other sentence.
    for (q, other) in [(a, b), (b, a)] {
        if q.quote.len() >= 4
            && names >= 1
            && other.quote.is_empty()
            && excerpt_of(&q.quote, &other.all)
        {
            return Some(Link::Strong(LinkKind::Quote));
        }
    }
    let needed = fewest_names.clamp(1, 2);

    let words = jaccard(&a.words, &b.words);
    // The same amount about the same names, or in much the same words when the
    // names are written differently ("the union" / "Quint's people").
    let shared_amounts = a
        .values
        .iter()
        .filter(|(k, v)| is_amount(*k) && b.values.contains(&(*k, *v)))
        .count();
    // Two amounts in common ("12% over three years") say the same fact on their own.
    // A shared name is always required: the same amount about different names is a
    // different fact (two $40 million orders).
    // A sentence naming no one ("the union reckons roughly 180 jobs") cannot name
    // someone else: within a story and near in time, the same amount in similar words
    // (or two amounts) is the same fact.
    let nameless = fewest_names == 0 && near_in_time(a, b);
    // A sum of money or a count of 20 or more, shared inside one story, is rarely about
    // two different things: one word in common besides is enough.
    let distinctive = a.values.iter().any(|(k, v)| {
        matches!(k, EntityKind::Money | EntityKind::Quantity)
            && b.values.contains(&(*k, *v))
            && a.distinct.binary_search(v).is_ok()
    });
    if names >= 2
        || (names >= needed && (words >= 0.15 || shared_amounts >= 2))
        || (nameless && (words >= 0.2 || shared_amounts >= 2))
        || (distinctive && (names >= needed || nameless) && words > 0.0)
    {
        let common: Vec<u64> = a
            .values
            .iter()
            .filter(|(k, v)| is_amount(*k) && b.values.contains(&(*k, *v)))
            .map(|(_, v)| *v)
            .collect();
        if !common.is_empty() {
            let differ = if names >= 2 { disagreement(a, b) } else { None };
            return Some(Link::Figure(common, differ));
        }
    }
    // The same date about the same names, in some of the same words: much of a story
    // happens on one day ("voted on Monday", "operating normally on Monday").
    if (names >= 2 || nameless)
        && words >= 0.1
        && a.values
            .iter()
            .any(|d| d.0 == EntityKind::Date && b.values.contains(d))
    {
        return Some(Link::Strong(LinkKind::Date));
    }
    // The same names and much the same sentence, with a different amount of the same
    // kind: the sources disagree on the figure.
    let differing = a.values.iter().find_map(|(k, v)| {
        if !is_amount(*k) {
            return None;
        }
        b.values
            .iter()
            .find(|(k2, v2)| k2 == k && v2 != v)
            .map(|(_, v2)| (*v, *v2))
    });
    if let Some((va, vb)) = differing {
        if names >= 2 && words >= 0.25 {
            return Some(Link::Figure(vec![va, vb], None));
        }
    }
    // Much the same words and a shared name.
    if names >= 1 && words >= 0.35 {
        return Some(Link::Weak);
    }
    // A quote retold in other words by a sentence naming its speaker ("promised not to
    // bring it back until every ward was comfortable"): three of its words.
    for (q, other) in [(a, b), (b, a)] {
        if other.quote.is_empty()
            && (speaker_named(q, other) || q.speaker.is_some() && q.speaker == other.speaker)
            && shared(&q.quote_words, &other.words) >= 3
        {
            return Some(Link::Weak);
        }
    }
    None
}

// ---------------------------------------------------------------------------------
// Clusters

fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Finds articles with the same text: each article's representative (itself when it
/// has no earlier twin).
fn duplicates(articles: &[LinkArticle<'_>]) -> Vec<usize> {
    let mut first: FxHashMap<u64, usize> = FxHashMap::default();
    articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            // A hash of the text with case and spacing ignored, without copying it.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            let mut chars = 0u64;
            for c in a.body.chars().filter(|c| !c.is_whitespace()) {
                for l in c.to_lowercase() {
                    h ^= u64::from(l);
                    h = h.wrapping_mul(0x0100_0000_01b3);
                    chars += 1;
                }
            }
            *first.entry(mix(h, chars)).or_insert(i)
        })
        .collect()
}

/// A tested link between two claims, before clustering.
struct PairLink {
    a: usize,
    b: usize,
    kind: LinkKind,
    /// The amounts a figure link is about.
    amounts: Option<Vec<u64>>,
    /// How alike the sentences are, to order figure links.
    alike: f64,
}

/// Links the claims of a corpus.
pub fn link(articles: &[LinkArticle<'_>]) -> Links {
    let duplicate_of = duplicates(articles);
    let features = features(articles);
    let pairs = candidates(&features, &duplicate_of);

    // Pairs are tested on all cores; the results are applied in order.
    // Claims link only between articles of the same story: articles whose most
    // mentioned names share at least two keys. One name two stories happen to share
    // (a common surname, a ministry) must not tie them together.
    let story_keys: Vec<Vec<u64>> = articles.par_iter().map(top_keys).collect();
    let tested: Vec<(usize, usize, Option<Link>)> = pairs
        .par_iter()
        .map(|&(a, b)| {
            let (a, b) = (a as usize, b as usize);
            let (fa, fb) = (&features[a], &features[b]);
            let (ka, kb) = (
                &story_keys[fa.article as usize],
                &story_keys[fb.article as usize],
            );
            let same_story = shared(ka, kb) >= ka.len().min(kb.len()).clamp(1, 2);
            (a, b, if same_story { relate(fa, fb) } else { None })
        })
        .collect();
    let (mut links, weak) = pair_links(tested, &features);
    links.sort_by(|x, y| {
        y.alike
            .total_cmp(&x.alike)
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
    });
    let mut groups = fact_groups(&features, &links, &weak);
    // Two facts of the same sentences ("12% over three years") make one cluster: a
    // group whose claims all belong to a larger group is left out.
    groups.sort_by_key(|(m, _)| std::cmp::Reverse(m.len()));
    let mut kept: Vec<(Vec<usize>, LinkKind)> = Vec::new();
    // The kept groups each claim is in, to find a superset without scanning them all.
    let mut holding: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (members, kind) in groups {
        let mut articles_in: Vec<u32> = members.iter().map(|&m| features[m].article).collect();
        articles_in.sort_unstable();
        articles_in.dedup();
        let inside = holding.get(&members[0]).is_some_and(|ks| {
            ks.iter()
                .any(|&k| members.iter().all(|m| kept[k].0.binary_search(m).is_ok()))
        });
        if articles_in.len() >= 2 && !inside {
            for &m in &members {
                holding.entry(m).or_default().push(kept.len());
            }
            kept.push((members, kind));
        }
    }
    kept.sort_by(|x, y| x.0.cmp(&y.0));
    let clusters: Vec<Cluster> = kept
        .iter()
        .map(|(members, kind)| build_cluster(articles, &features, members, *kind))
        .collect();
    let mut clusters = clusters;
    clusters.sort_by(|a, b| {
        b.sources()
            .cmp(&a.sources())
            .then_with(|| first_key(a).cmp(&first_key(b)))
    });
    let mut by_claim = FxHashMap::default();
    for (i, c) in clusters.iter_mut().enumerate() {
        c.id = format!("k{}", i + 1);
        // A claim in two clusters (a sentence stating two facts) opens the one most
        // widely carried.
        for m in &c.members {
            by_claim.entry((m.article, m.claim)).or_insert(i);
        }
    }
    let mut twins: Vec<(usize, usize)> = duplicate_of
        .iter()
        .enumerate()
        .filter(|(i, d)| *i != **d)
        .map(|(i, &d)| (d, i))
        .collect();
    twins.sort_unstable();
    Links {
        clusters,
        duplicates: twins,
        stories: stories(articles),
        by_claim,
    }
}

/// Why two claims did or did not link, for tuning the rules against the gold clusters
/// (`GLOSS_QUALITY_DETAILS=1` in the link quality test prints it for missed pairs).
#[doc(hidden)]
#[must_use]
pub fn explain(articles: &[LinkArticle<'_>], a: (usize, usize), b: (usize, usize)) -> String {
    let fa = feature(
        a.0,
        a.1,
        &articles[a.0].analysis.claims[a.1],
        articles[a.0].date,
    );
    let fb = feature(
        b.0,
        b.1,
        &articles[b.0].analysis.claims[b.1],
        articles[b.0].date,
    );
    let duplicate_of = duplicates(articles);
    let pair = [fa, fb];
    let candidate = !candidates(&pair, &duplicate_of).is_empty();
    let [fa, fb] = pair;
    let (ka, kb) = (top_keys(&articles[a.0]), top_keys(&articles[b.0]));
    let same_story = shared(&ka, &kb) >= ka.len().min(kb.len()).clamp(1, 2);
    let amount_kinds = |f: &Feature| -> Vec<EntityKind> { f.values.iter().map(|v| v.0).collect() };
    format!(
        "candidate {candidate}, same story {same_story} ({} of {}/{} keys), names {} of {}/{}, words {:.2}, values {:?}/{:?}, shared values {}, speakers {}/{}, relate {:?}\n      {:?} {:?}\n      {:?} {:?}",
        shared(&ka, &kb),
        ka.len(),
        kb.len(),
        shared(&fa.names, &fb.names),
        fa.names.len(),
        fb.names.len(),
        jaccard(&fa.words, &fb.words),
        amount_kinds(&fa),
        amount_kinds(&fb),
        fa.values.iter().filter(|v| fb.values.contains(v)).count(),
        fa.speaker.is_some(),
        fb.speaker.is_some(),
        relate(&fa, &fb),
        articles[a.0].analysis.claims[a.1].entities,
        articles[a.0].analysis.claims[a.1].speaker,
        articles[b.0].analysis.claims[b.1].entities,
        articles[b.0].analysis.claims[b.1].speaker,
    )
}

/// Sorts the tested pairs into figure, quote and date links and weak links.
fn pair_links(
    tested: Vec<(usize, usize, Option<Link>)>,
    features: &[Feature],
) -> (Vec<PairLink>, Vec<(usize, usize)>) {
    let mut weak: Vec<(usize, usize)> = Vec::new();
    let mut links: Vec<PairLink> = Vec::new();
    for (a, b, tested) in tested {
        match tested {
            Some(Link::Strong(kind)) => links.push(PairLink {
                a,
                b,
                kind,
                amounts: None,
                alike: 2.0,
            }),
            Some(Link::Figure(values, differ)) => {
                let alike = jaccard(&features[a].words, &features[b].words);
                links.push(PairLink {
                    a,
                    b,
                    kind: LinkKind::Figure,
                    amounts: Some(values),
                    alike,
                });
                if let Some((va, vb)) = differ {
                    links.push(PairLink {
                        a,
                        b,
                        kind: LinkKind::Figure,
                        amounts: Some(vec![va, vb]),
                        alike,
                    });
                }
            }
            Some(Link::Weak) => weak.push((a, b)),
            None => {}
        }
    }
    (links, weak)
}

/// Groups claims by the facts they share. Each claim has a node for its words (quote,
/// date and weak links join these) and a node for each amount it states (figure links
/// join the nodes of the shared amount, a disagreement the nodes of the two amounts),
/// so a sentence stating two facts can belong to two clusters without chaining them.
fn fact_groups(
    features: &[Feature],
    links: &[PairLink],
    weak: &[(usize, usize)],
) -> Vec<(Vec<usize>, LinkKind)> {
    // Node ids: one text node per claim, then one per (claim, amount).
    let mut node_of: FxHashMap<(usize, u64), usize> = FxHashMap::default();
    let mut claim_of: Vec<usize> = (0..features.len()).collect();
    for (i, f) in features.iter().enumerate() {
        for &(kind, v) in &f.values {
            if is_amount(kind) {
                node_of.entry((i, v)).or_insert_with(|| {
                    claim_of.push(i);
                    claim_of.len() - 1
                });
            }
        }
    }
    let mut parent: Vec<usize> = (0..claim_of.len()).collect();
    let mut kind_of: Vec<Option<LinkKind>> = vec![None; claim_of.len()];
    let join = |x: usize,
                y: usize,
                kind: LinkKind,
                parent: &mut Vec<usize>,
                kind_of: &mut Vec<Option<LinkKind>>| {
        let (rx, ry) = (root(parent, x), root(parent, y));
        if rx != ry {
            parent[ry] = rx;
        }
        for n in [x, y] {
            kind_of[n] = Some(strongest(kind_of[n], kind));
        }
    };
    for l in links {
        match &l.amounts {
            None => join(l.a, l.b, l.kind, &mut parent, &mut kind_of),
            Some(values)
                if values.len() == 2
                    && values[0] != values[1]
                    && !features[l.b].values.iter().any(|(_, v)| *v == values[0]) =>
            {
                // A disagreement: a's amount against b's.
                if let (Some(&x), Some(&y)) = (
                    node_of.get(&(l.a, values[0])),
                    node_of.get(&(l.b, values[1])),
                ) {
                    join(x, y, l.kind, &mut parent, &mut kind_of);
                }
            }
            Some(values) => {
                for v in values {
                    if let (Some(&x), Some(&y)) = (node_of.get(&(l.a, *v)), node_of.get(&(l.b, *v)))
                    {
                        join(x, y, l.kind, &mut parent, &mut kind_of);
                    }
                }
            }
        }
    }
    // A weak link pairs two claims whose words are not linked yet.
    for &(a, b) in weak {
        if kind_of[a].is_none() || kind_of[b].is_none() {
            join(a, b, LinkKind::Paraphrase, &mut parent, &mut kind_of);
        }
    }
    let mut groups: FxHashMap<usize, (Vec<usize>, LinkKind)> = FxHashMap::default();
    for node in 0..claim_of.len() {
        if let Some(kind) = kind_of[node] {
            let r = root(&mut parent, node);
            let entry = groups
                .entry(r)
                .or_insert_with(|| (Vec::new(), LinkKind::Paraphrase));
            entry.0.push(claim_of[node]);
            entry.1 = strongest(Some(entry.1), kind);
        }
    }
    let mut out: Vec<(Vec<usize>, LinkKind)> = groups
        .into_values()
        .map(|(mut members, kind)| {
            members.sort_unstable();
            members.dedup();
            (members, kind)
        })
        .collect();
    out.sort_by(|x, y| x.0.cmp(&y.0));
    out
}

fn first_key(c: &Cluster) -> (usize, usize) {
    c.members.first().map_or((0, 0), |m| (m.article, m.claim))
}

fn strongest(current: Option<LinkKind>, new: LinkKind) -> LinkKind {
    let rank = |k: LinkKind| match k {
        LinkKind::Quote => 3,
        LinkKind::Figure => 2,
        LinkKind::Date => 1,
        LinkKind::Paraphrase => 0,
    };
    match current {
        Some(c) if rank(c) >= rank(new) => c,
        _ => new,
    }
}

fn build_cluster(
    articles: &[LinkArticle<'_>],
    features: &[Feature],
    members: &[usize],
    kind: LinkKind,
) -> Cluster {
    let claim = |m: usize| {
        let f = &features[m];
        &articles[f.article as usize].analysis.claims[f.claim as usize]
    };
    let mut ordered: Vec<usize> = members.to_vec();
    // Earliest first, undated last; then by outlet for a stable order.
    ordered.sort_by(|&x, &y| {
        let (ax, ay) = (
            &articles[features[x].article as usize],
            &articles[features[y].article as usize],
        );
        match (ax.date, ay.date) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then_with(|| ax.source.cmp(&ay.source))
        .then_with(|| features[x].article.cmp(&features[y].article))
    });
    let source_of = |m: usize| {
        articles[features[m].article as usize]
            .source
            .unwrap_or("?")
            .to_owned()
    };
    // What differs: the main amount of a kind, the speaker, the date.
    let mut notes: Vec<Option<String>> = vec![None; ordered.len()];
    let mut parts: Vec<String> = Vec::new();
    let mut compared = vec![
        ("money", EntityKind::Money),
        ("percent", EntityKind::Percent),
    ];
    if kind == LinkKind::Date {
        compared.push(("date", EntityKind::Date));
    }
    for (label, pick) in compared {
        // Dates compare by month and day: "13 April" in an article of unknown year is
        // the same day as "2026-04-13".
        let shown: Vec<Option<String>> = ordered
            .iter()
            .map(|&m| {
                claim(m)
                    .figures
                    .iter()
                    .find(|(k, _)| *k == pick)
                    .map(|(_, v)| {
                        if pick == EntityKind::Date {
                            day_key(v)
                        } else {
                            v.clone()
                        }
                    })
            })
            .collect();
        let values: Vec<Option<&str>> = shown.iter().map(Option::as_deref).collect();
        if let Some(part) = differences(label, &values, &ordered, &source_of, &mut notes) {
            parts.push(part);
        }
    }
    if kind == LinkKind::Quote {
        let speakers: Vec<Option<&str>> = ordered
            .iter()
            .map(|&m| claim(m).speaker.as_deref())
            .collect();
        if let Some(part) = differences("speaker", &speakers, &ordered, &source_of, &mut notes) {
            parts.push(part);
        }
    }
    let in_order: Vec<&Claim> = ordered.iter().map(|&m| claim(m)).collect();
    let label = label_of(kind, &in_order);
    Cluster {
        id: String::new(),
        label,
        kind,
        members: ordered
            .iter()
            .zip(notes)
            .map(|(&m, differs)| Member {
                article: features[m].article as usize,
                claim: features[m].claim as usize,
                differs,
            })
            .collect(),
        disagreement: (!parts.is_empty()).then(|| parts.join("; ")),
    }
}

/// A short label for a cluster: its quote, or the amount and the name that most of its
/// members state.
fn label_of(kind: LinkKind, claims: &[&Claim]) -> String {
    let first = claims[0];
    let quote = first.quote.as_deref().filter(|_| kind == LinkKind::Quote);
    if let Some(q) = quote {
        format!(
            "“{}”",
            shorten(
                q.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace()),
                48
            )
        )
    } else {
        // Label by what the members have in common: the amount and the name that the
        // most of them state (an amount at least two state); on a tie, money before a
        // percentage before a count before a date ("12% over 3 years" is the 12%).
        let most_common =
            |pick: &dyn Fn(&Claim) -> Vec<(String, u8)>, least: usize| -> Option<String> {
                let mut counts: Vec<(String, u8, usize)> = Vec::new();
                for c in claims {
                    for (v, rank) in pick(c) {
                        match counts.iter_mut().find(|(x, _, _)| *x == v) {
                            Some((_, _, n)) => *n += 1,
                            None => counts.push((v, rank, 1)),
                        }
                    }
                }
                // What only one member states is not what they have in common.
                counts
                    .into_iter()
                    .rev()
                    .filter(|(_, _, n)| *n >= least)
                    .max_by_key(|(_, rank, n)| (*n, *rank))
                    .map(|(v, _, _)| v)
            };
        let figure = most_common(
            &|c: &Claim| {
                c.figures
                    .iter()
                    .filter(|(k, _)| is_amount(*k) || *k == EntityKind::Date)
                    .map(|(k, v)| {
                        let rank = match k {
                            EntityKind::Money => 3,
                            EntityKind::Percent => 2,
                            EntityKind::Date => 0,
                            _ => 1,
                        };
                        (v.clone(), rank)
                    })
                    .collect()
            },
            2,
        );
        let name = most_common(
            &|c: &Claim| {
                c.entities
                    .iter()
                    .filter(|(k, n)| {
                        matches!(k, EntityKind::Org | EntityKind::Person) && !n.contains('.')
                    })
                    .map(|(_, n)| (n.clone(), 0))
                    .collect()
            },
            1,
        );
        match (figure, name) {
            (Some(f), Some(n)) => format!("{f} — {n}"),
            (Some(f), None) => f,
            _ => shorten(&first.text, 48),
        }
    }
}

/// Describes how members differ on one thing ("money: $40 million (Ledger Daily,
/// Meridian Wire) vs $45 million (Coastline Business Weekly)"), noting each member
/// outside the most common value.
fn differences(
    label: &str,
    values: &[Option<&str>],
    ordered: &[usize],
    source_of: &dyn Fn(usize) -> String,
    notes: &mut [Option<String>],
) -> Option<String> {
    let mut distinct: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            match distinct.iter_mut().find(|(d, _)| d == v) {
                Some((_, idx)) => idx.push(i),
                None => distinct.push((v, vec![i])),
            }
        }
    }
    if distinct.len() < 2 {
        return None;
    }
    distinct.sort_by_key(|d| std::cmp::Reverse(d.1.len()));
    for (value, idx) in &distinct[1..] {
        for &i in idx {
            let note = format!("{label}: {value}");
            notes[i] = Some(match notes[i].take() {
                Some(previous) => format!("{previous}; {note}"),
                None => note,
            });
        }
    }
    let mut out = format!("{label}: ");
    for (n, (value, idx)) in distinct.iter().enumerate() {
        if n > 0 {
            out.push_str(" vs ");
        }
        // Each outlet once, in the order it first reported the value.
        let mut sources: Vec<String> = Vec::new();
        for &i in idx {
            let s = source_of(ordered[i]);
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
        let _ = write!(out, "{value} ({})", sources.join(", "));
    }
    Some(out)
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// The keys of an article's most mentioned people, organisations and places, sorted.
fn top_keys(article: &LinkArticle<'_>) -> Vec<u64> {
    let mut names: Vec<_> = article
        .analysis
        .entities
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EntityKind::Person | EntityKind::Org | EntityKind::Place
            )
        })
        // Web addresses cited as sources say nothing about what the story is.
        .filter(|e| !e.name.contains('.'))
        .collect();
    names.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
    // Full names only: initials ("CPA") are too short to tell two stories apart.
    let mut keys: Vec<u64> = names
        .iter()
        .take(8)
        .map(|e| entity_keys(e.kind, &e.name)[0])
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Groups articles about the same names: two articles whose most mentioned people
/// and organisations share at least two keys are in the same story.
fn stories(articles: &[LinkArticle<'_>]) -> Vec<Vec<usize>> {
    let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, a) in articles.iter().enumerate() {
        let mut names: Vec<_> = a
            .analysis
            .entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Org))
            .collect();
        names.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
        let mut keys: Vec<u64> = names
            .iter()
            .take(6)
            .flat_map(|e| entity_keys(e.kind, &e.name))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            postings.entry(k).or_default().push(i);
        }
    }
    let mut together: FxHashMap<(usize, usize), u8> = FxHashMap::default();
    for list in postings.values() {
        if list.len() < 2 || list.len() > 4 * BUCKET_CAP {
            continue;
        }
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                let c = together.entry((a, b)).or_default();
                *c = c.saturating_add(1);
            }
        }
    }
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    for (&(a, b), &count) in &together {
        if count >= 2 {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..articles.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze_with, Context};

    type Meta = Vec<(String, String, Option<Date>)>;

    fn corpus(texts: &[(&str, &str, &str)]) -> (Vec<Analysis>, Meta) {
        let analyses = texts
            .iter()
            .map(|(_, date, body)| {
                analyze_with(
                    body,
                    &Context {
                        date: Date::parse(date),
                    },
                )
            })
            .collect();
        let meta = texts
            .iter()
            .map(|(s, d, b)| ((*s).to_owned(), (*b).to_owned(), Date::parse(d)))
            .collect();
        (analyses, meta)
    }

    fn run(texts: &[(&str, &str, &str)]) -> (Links, Vec<Analysis>) {
        let (analyses, meta) = corpus(texts);
        let input: Vec<LinkArticle<'_>> = meta
            .iter()
            .zip(&analyses)
            .map(|((s, b, d), a)| LinkArticle {
                id: s,
                source: Some(s),
                date: *d,
                body: b,
                analysis: a,
            })
            .collect();
        (link(&input), analyses)
    }

    #[test]
    fn the_same_quote_links_across_outlets_earliest_first() {
        let (links, _) = run(&[
            (
                "Wire",
                "2026-03-03",
                "“This offer is an insult to every crew on the quay,” said union chair Mara Quint.",
            ),
            (
                "Ledger",
                "2026-03-02",
                "Union chair Mara Quint called the offer “an insult to every crew on the quay”.",
            ),
            (
                "Blog",
                "",
                "Mara Quint said the weather was fine and sunny on the quay.",
            ),
        ]);
        assert_eq!(links.clusters.len(), 1, "{:?}", links.clusters);
        let c = &links.clusters[0];
        assert_eq!(c.kind, LinkKind::Quote);
        let order: Vec<usize> = c.members.iter().map(|m| m.article).collect();
        assert_eq!(order, [1, 0], "earliest first");
        assert_eq!(c.disagreement, None);
    }

    #[test]
    fn the_same_figure_written_differently_links_and_a_different_figure_disagrees() {
        let (links, _) = run(&[
            ("Ledger", "2026-03-02", "The Calder Port Authority ordered 14 cranes from Halvorsen Lift Systems for $40 million."),
            ("Wire", "2026-03-02", "Calder Port Authority bought 14 cranes from Halvorsen Lift Systems, a forty million dollars deal."),
            ("Weekly", "2026-03-09", "The Calder Port Authority ordered 14 cranes from Halvorsen Lift Systems in a deal worth $45 million."),
            ("Health", "2026-04-03", "The Northmoor Regional Health Board approved a $40 million fund for Orvane Health Technologies."),
        ]);
        assert_eq!(links.clusters.len(), 1, "{:?}", links.clusters);
        let c = &links.clusters[0];
        let articles: Vec<usize> = c.members.iter().map(|m| m.article).collect();
        assert!(
            !articles.contains(&3),
            "a $40 million about something else stays out"
        );
        assert_eq!(articles.len(), 3);
        let d = c.disagreement.as_deref().expect("a disagreement");
        assert!(
            d.contains("$40 million") && d.contains("$45 million") && d.contains("Weekly"),
            "{d}"
        );
        let weekly = c.members.iter().find(|m| m.article == 2).expect("weekly");
        assert_eq!(weekly.differs.as_deref(), Some("money: $45 million"));
    }

    #[test]
    fn a_shared_count_with_a_different_price_in_other_words_is_a_disagreement() {
        let (links, _) = run(&[
            ("Ledger", "2026-03-02", "The Calder Port Authority ordered 14 cranes from Halvorsen Lift Systems for $40 million."),
            ("Wire", "2026-03-02", "Calder Port Authority bought 14 cranes from Halvorsen Lift Systems, a forty million dollars deal."),
            ("Weekly", "2026-03-09", "The Calder Port Authority is midway through a modernisation plan built around a $45 million order for 14 cranes from Halvorsen Lift Systems."),
            ("Notes", "2026-03-10", "Asked about the terms of the $40 million Halvorsen Lift Systems order, the Calder Port Authority declined to comment."),
        ]);
        // One cluster for the order: the $45 million is a disagreement within it, not
        // a second cluster of those that say "14 cranes".
        assert_eq!(links.clusters.len(), 1, "{:?}", links.clusters);
        let c = &links.clusters[0];
        assert_eq!(c.members.len(), 4, "{c:?}");
        assert!(c.label.starts_with("$40 million"), "{}", c.label);
        let weekly = c.members.iter().find(|m| m.article == 2).expect("weekly");
        assert_eq!(weekly.differs.as_deref(), Some("money: $45 million"));
    }

    #[test]
    fn a_sentence_naming_no_one_links_by_its_amount_within_the_story() {
        let story = "Mara Quint leads the Dockworkers Union at the Calder Port Authority.";
        let (links, _) = run(&[
            ("Ledger", "2026-03-02", &format!("{story} Quint says the new cranes would cost 180 jobs over the life of the deal.")),
            ("Tally", "2026-03-03", &format!("{story} The union reckons roughly 180 jobs are at stake over the life of the contract.")),
            ("Other", "2026-03-03", "Orvane Health Technologies and the Northmoor Regional Health Board say the rollout cost 180 jobs over the life of the contract."),
        ]);
        assert_eq!(links.clusters.len(), 1, "{:?}", links.clusters);
        let articles: Vec<usize> = links.clusters[0]
            .members
            .iter()
            .map(|m| m.article)
            .collect();
        assert_eq!(articles, vec![0, 1], "another story's 180 jobs stays out");
    }

    #[test]
    fn a_quote_retold_by_a_sentence_naming_its_speaker_links() {
        let story = "Halima Dorsey chairs the Northmoor Regional Health Board.";
        let (links, _) = run(&[
            ("Wire", "2026-03-20", &format!("{story} “We will not switch it back on until every ward is confident in it,” Dorsey said.")),
            ("Tally", "2026-03-21", &format!("{story} Board chief Halima Dorsey promised nurses on Friday that the troubled records platform stays dark until each ward feels ready to switch back.")),
        ]);
        assert_eq!(links.clusters.len(), 1, "{:?}", links.clusters);
        assert_eq!(links.clusters[0].members.len(), 2);
    }

    #[test]
    fn one_count_in_different_nouns_links_and_a_small_count_keeps_its_noun() {
        let story = "Mara Quint leads the Dockworkers Union at the Calder Port Authority.";
        let (links, _) = run(&[
            (
                "Ledger",
                "2026-03-02",
                &format!("{story} The union says the cranes would eliminate around 180 jobs."),
            ),
            (
                "Trade",
                "2026-03-03",
                &format!(
                    "{story} The union claims the cranes will do away with roughly 180 positions."
                ),
            ),
            (
                "Weekly",
                "2026-03-09",
                &format!("{story} The union says 14 cranes are idle."),
            ),
            (
                "Notes",
                "2026-03-10",
                &format!("{story} The union says 14 tugs are idle."),
            ),
        ]);
        assert_eq!(links.clusters.len(), 1, "{:?}", links.clusters);
        let articles: Vec<usize> = links.clusters[0]
            .members
            .iter()
            .map(|m| m.article)
            .collect();
        assert_eq!(articles, vec![0, 1], "14 cranes are not 14 tugs");
        assert_eq!(count_key("180 jobs"), "180");
        assert_eq!(count_key("2,400 containers"), "2,400");
        assert_eq!(count_key("14 cranes"), "14 cranes");
        assert_eq!(count_key("30 days"), "30 days");
    }

    #[test]
    fn a_quote_retold_by_its_speaker_through_a_pronoun_links() {
        let (links, _) = run(&[
            ("Ledger", "2026-03-02", "Union chair Mara Quint spoke after the vote. “This offer is an insult to every crew on the quay,” Quint said."),
            ("Notes", "2026-03-12", "Union chair Mara Quint spoke after the vote. When she stood on those steps, she said the offer was an insult to the crews."),
        ]);
        assert_eq!(links.clusters.len(), 1, "{:?}", links.clusters);
        assert_eq!(links.clusters[0].members.len(), 2);
    }

    #[test]
    fn names_match_without_accents_and_by_their_core_word() {
        assert_eq!(
            entity_keys(EntityKind::Person, "Inês Valcárcel"),
            entity_keys(EntityKind::Person, "Dr. Ines Valcarcel")
        );
        assert_eq!(
            core_word(EntityKind::Place, "Port of Calder"),
            Some("Calder")
        );
        assert_eq!(
            core_word(EntityKind::Org, "Northmoor Regional Health Board"),
            Some("Northmoor")
        );
        assert_eq!(core_word(EntityKind::Person, "Mara Quint"), None);
        let story =
            "Mara Quint of the Dockworkers Union is in dispute with the Calder Port Authority.";
        let (links, _) = run(&[
            ("Wire", "2026-03-02", &format!("{story} The Port of Calder handles about 2,400 containers on a normal day, Renwick said.")),
            ("Weekly", "2026-03-09", &format!("{story} An analyst says Calder moves about 2,400 containers a day.")),
        ]);
        assert_eq!(links.clusters.len(), 1, "{:?}", links.clusters);
    }

    #[test]
    fn a_date_links_in_some_of_the_same_words_not_on_the_day_alone() {
        let story = "Mara Quint leads the Dockworkers Union at the Calder Port Authority.";
        let (links, _) = run(&[
            ("Ledger", "2026-03-02", &format!("{story} The Dockworkers Union rejected the Calder Port Authority offer on Monday.")),
            ("Weekly", "2026-03-09", &format!("{story} The offer rejected on March 2 would have raised pay.")),
            ("Wire", "2026-03-03", &format!("{story} The Calder Port Authority said ships were handled normally on Monday.")),
        ]);
        assert_eq!(links.clusters.len(), 1, "{:?}", links.clusters);
        let articles: Vec<usize> = links.clusters[0]
            .members
            .iter()
            .map(|m| m.article)
            .collect();
        assert_eq!(
            articles,
            vec![0, 1],
            "another event of the same day stays out"
        );
    }

    #[test]
    fn claims_of_one_article_and_of_duplicates_never_link() {
        let body = "Mara Quint said “the offer is an insult to every crew”. Later Mara Quint repeated that “the offer is an insult to every crew”.";
        let (links, _) = run(&[
            ("Ledger", "2026-03-02", body),
            ("Syndicated", "2026-03-02", body),
        ]);
        assert!(links.clusters.is_empty(), "{:?}", links.clusters);
        assert_eq!(links.duplicates, vec![(0, 1)]);
    }

    #[test]
    fn different_speakers_for_one_quote_are_a_disagreement() {
        let (links, _) = run(&[
            (
                "Ledger",
                "2026-03-02",
                "The Calder Port Authority met the Dockworkers Union. “We will not sign this offer under any circumstances,” Mara Quint said.",
            ),
            (
                "Wire",
                "2026-03-03",
                "The Dockworkers Union walked out on the Calder Port Authority. “We will not sign this offer under any circumstances,” Desmond Fairlie said.",
            ),
        ]);
        assert_eq!(links.clusters.len(), 1);
        let d = links.clusters[0]
            .disagreement
            .as_deref()
            .expect("disagreement");
        assert!(d.starts_with("speaker:"), "{d}");
    }

    #[test]
    fn stories_group_articles_about_the_same_names() {
        let (links, _) = run(&[
            (
                "A",
                "",
                "Mara Quint of the Dockworkers Union met Desmond Fairlie.",
            ),
            ("B", "", "Desmond Fairlie and Mara Quint spoke again."),
            (
                "C",
                "",
                "Halima Dorsey of the Northmoor Regional Health Board spoke.",
            ),
        ]);
        assert_eq!(links.stories, vec![vec![0, 1]]);
    }
}
