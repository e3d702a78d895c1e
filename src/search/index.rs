//! The search index: every sentence of the library (and every title) with its words,
//! the entities it names and the claims it carries, so a query is answered with set
//! operations instead of reading the articles.
//!
//! Postings are sorted sentence ids; a query becomes one bit per sentence, combined
//! with AND, OR and NOT a machine word at a time. What the reader does (annotations,
//! read state) changes too often to be indexed and is asked of the library when a
//! query uses it; it touches only annotated articles. Phrases are checked against the
//! sentences that hold all their words.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::query::{DateFilter, Day, Has, Query, Term};

mod file;

use crate::analysis::{Analysis, ClaimKind, EntityKind};
use crate::annotations::Annotation;
use crate::links::Links;
use crate::text::{fold_lower, CharIndex, Date};
pub use file::IndexFileError;

/// One article as the index takes it.
#[derive(Debug, Clone, Copy)]
pub struct IndexArticle<'a> {
    /// The article's stable id.
    pub id: &'a str,
    /// The headline.
    pub title: &'a str,
    /// The outlet or feed.
    pub source: Option<&'a str>,
    /// The publication date.
    pub date: Option<Date>,
    /// The displayed text.
    pub body: &'a str,
    /// Its entities and claims.
    pub analysis: &'a Analysis,
}

impl<'a> IndexArticle<'a> {
    /// Describes a loaded and analysed article for the index.
    pub fn of(article: &'a crate::corpus::Article, analysis: &'a Analysis) -> Self {
        Self {
            id: &article.id,
            title: &article.meta.title,
            source: article.meta.source.as_deref(),
            date: crate::analysis::Context::of(article).date,
            body: &article.body,
            analysis,
        }
    }
}

/// What a query needs from the library besides the index: the texts (to check phrases
/// and mark matches) and what the reader has done. Articles are numbered as they were
/// given to the index.
pub trait Lookup {
    /// The article's headline.
    fn title(&self, article: usize) -> &str;
    /// The article's displayed text.
    fn body(&self, article: usize) -> &str;
    /// The articles that have annotations.
    fn annotated(&self) -> Vec<usize>;
    /// The reader's annotations on the article.
    fn annotations(&self, article: usize) -> &[Annotation];
    /// Whether the reader has read the article.
    fn is_read(&self, article: usize) -> bool;
    /// Today, for dates counted back (`since:7d`).
    fn today(&self) -> Date;
}

/// One matching sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The article, numbered as given to the index.
    pub article: usize,
    /// Where the sentence is in the body, in bytes; `None` when the title matched.
    pub sentence: Option<Range<usize>>,
    /// The words the query found, as byte ranges into the body (or the title).
    pub marks: Vec<Range<usize>>,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The first matches: newest article first, in reading order within one.
    pub hits: Vec<Hit>,
    /// How many sentences match in all.
    pub sentences: usize,
    /// How many articles have a matching sentence.
    pub articles: usize,
}

/// Claim kinds as bits of [`Sentence::kinds`].
fn kind_bit(kind: ClaimKind) -> u8 {
    match kind {
        ClaimKind::Quote => 1,
        ClaimKind::Figure => 2,
        ClaimKind::Statement => 4,
    }
}

#[derive(Debug, Clone)]
struct Sentence {
    /// The article it belongs to.
    article: u32,
    /// Where it is in the body (bytes); empty for the title.
    bytes: Range<u32>,
    /// The same in characters, as annotations are anchored.
    chars: Range<u32>,
    /// Whether this is the article's title.
    title: bool,
    /// The kinds of the claims it carries, as bits.
    kinds: u8,
    /// The most articles any of its claims is carried by (0 without a claim).
    sources: u16,
}

#[derive(Debug, Clone, Default)]
struct Slot {
    /// The article's id (empty when it left the index).
    id: Box<str>,
    /// What its text and metadata were when indexed (see [`fingerprint`]).
    fingerprint: u64,
    /// The article's sentence ids (a contiguous run; empty when it left the index).
    sentences: Range<u32>,
    /// The outlet's words, folded.
    source: Vec<Box<str>>,
    date: Option<Date>,
    /// The sentence id of each claim, by the claim's index in the analysis.
    claims: Vec<u32>,
}

/// What one article adds to the index, worked out apart from the others.
struct Prepared {
    id: Box<str>,
    fingerprint: u64,
    source: Vec<Box<str>>,
    date: Option<Date>,
    /// The title first, then the body's sentences.
    sentences: Vec<Sentence>,
    /// The distinct words of each sentence.
    words: Vec<Vec<String>>,
    /// Each entity's kind, key (kind and folded name), words (its name and every way
    /// it is written) and the sentences naming it (local numbers).
    entities: Vec<(EntityKind, String, Vec<String>, Vec<u32>)>,
    claims: Vec<u32>,
}

/// The index over a library of articles.
#[derive(Debug, Default)]
pub struct SearchIndex {
    slots: Vec<Slot>,
    sentences: Vec<Sentence>,
    /// Sentences of articles still in the index.
    live: Bits,
    terms: FxHashMap<Box<str>, u32>,
    /// By term id: the sentences holding the word, ascending.
    postings: Vec<Vec<u32>>,
    /// Every word in order with its id, for prefixes.
    sorted: std::collections::BTreeMap<Box<str>, u32>,
    /// Entities by folded name: their id.
    entity_ids: FxHashMap<Box<str>, u32>,
    /// By entity id: what kind of thing it is.
    entity_kinds: Vec<EntityKind>,
    /// By entity id: the sentences naming it, ascending.
    entity_postings: Vec<Vec<u32>>,
    /// Each word of an entity's names: the entities, ascending.
    entity_words: FxHashMap<Box<str>, Vec<u32>>,
    /// Articles by date, newest first, undated last.
    by_date: Vec<u32>,
    /// Sentences of replaced articles still in the postings.
    dead: usize,
}

impl SearchIndex {
    /// Indexes the articles, numbered in the order given.
    pub fn build(articles: &[IndexArticle<'_>]) -> Self {
        let mut index = Self::default();
        let changed: Vec<(usize, IndexArticle<'_>)> =
            articles.iter().copied().enumerate().collect();
        index.update(&changed);
        index
    }

    /// Adds articles, or replaces those already indexed under the same number.
    pub fn update(&mut self, changed: &[(usize, IndexArticle<'_>)]) {
        let prepared: Vec<(usize, Prepared)> = changed
            .par_iter()
            .map(|&(n, article)| (n, prepare(n, &article)))
            .collect();
        for (n, _) in &prepared {
            self.forget(*n);
        }
        for (n, article) in prepared {
            self.insert(n, article);
        }
        if self.dead > 0 {
            self.compact();
        }

        self.sort_by_date();
    }

    /// Orders the articles newest first, for results.
    fn sort_by_date(&mut self) {
        self.by_date = (0..u32::try_from(self.slots.len()).unwrap_or(u32::MAX)).collect();
        let slots = &self.slots;
        self.by_date.sort_by(|&a, &b| {
            let (a_date, b_date) = (slots[a as usize].date, slots[b as usize].date);
            b_date.cmp(&a_date).then(a.cmp(&b))
        });
    }

    /// Records how many articles carry each claim, from the latest linking.
    /// `links` must number articles as the index does.
    pub fn set_links(&mut self, links: &Links) {
        for sentence in &mut self.sentences {
            sentence.sources = 0;
        }
        for (article, slot) in self.slots.iter().enumerate() {
            for (claim, &sentence) in slot.claims.iter().enumerate() {
                let sources = links
                    .cluster_of(article, claim)
                    .map_or(1, crate::links::Cluster::sources);
                let s = &mut self.sentences[sentence as usize];
                s.sources = s.sources.max(u16::try_from(sources).unwrap_or(u16::MAX));
            }
        }
    }

    /// How many articles the index holds.
    pub fn len(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| !s.sentences.is_empty())
            .count()
    }

    /// Whether the index holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes an article out (its sentences stay in the postings until compacted).
    fn forget(&mut self, n: usize) {
        let Some(slot) = self.slots.get_mut(n) else {
            return;
        };
        let old = std::mem::take(slot);
        for id in old.sentences.clone() {
            self.live.clear(id as usize);
        }
        self.dead += old.sentences.len();
    }

    fn insert(&mut self, n: usize, article: Prepared) {
        if self.slots.len() <= n {
            self.slots.resize_with(n + 1, Slot::default);
        }
        let first = u32::try_from(self.sentences.len()).unwrap_or(u32::MAX);
        let count = u32::try_from(article.sentences.len()).unwrap_or(0);
        self.sentences.extend(article.sentences);
        self.live.grow(self.sentences.len());
        for id in first..first + count {
            self.live.set(id as usize);
        }
        for (local, words) in article.words.into_iter().enumerate() {
            let id = first + u32::try_from(local).unwrap_or(0);
            for word in words {
                let term = if let Some(&term) = self.terms.get(word.as_str()) {
                    term
                } else {
                    let term = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                    let word = word.into_boxed_str();
                    self.sorted.insert(word.clone(), term);
                    self.terms.insert(word, term);
                    self.postings.push(Vec::new());
                    term
                };
                self.postings[term as usize].push(id);
            }
        }
        for (kind, name, words, sentences) in article.entities {
            let entity = if let Some(&entity) = self.entity_ids.get(name.as_str()) {
                entity
            } else {
                let entity = u32::try_from(self.entity_postings.len()).unwrap_or(u32::MAX);
                self.entity_ids.insert(name.into_boxed_str(), entity);
                self.entity_postings.push(Vec::new());
                self.entity_kinds.push(kind);
                entity
            };
            self.entity_postings[entity as usize].extend(sentences.iter().map(|s| first + s));
            for word in words {
                let list = self.entity_words.entry(word.into_boxed_str()).or_default();
                if let Err(at) = list.binary_search(&entity) {
                    list.insert(at, entity);
                }
            }
        }
        self.slots[n] = Slot {
            id: article.id,
            fingerprint: article.fingerprint,
            sentences: first..first + count,
            source: article.source,
            date: article.date,
            claims: article.claims.iter().map(|c| first + c).collect(),
        };
    }

    /// Drops the sentences of replaced articles from every posting list.
    /// Drops the sentences of replaced and removed articles, numbering the rest
    /// again (in order, so every list stays sorted), so the index does not grow as
    /// articles change.
    fn compact(&mut self) {
        let mut renumber = vec![u32::MAX; self.sentences.len()];
        let mut kept =
            Vec::with_capacity(self.sentences.len() - self.dead.min(self.sentences.len()));
        for (old, sentence) in std::mem::take(&mut self.sentences).into_iter().enumerate() {
            if self.live.get(old) {
                renumber[old] = u32::try_from(kept.len()).unwrap_or(u32::MAX);
                kept.push(sentence);
            }
        }
        self.sentences = kept;
        let renumber = &renumber;
        self.postings
            .par_iter_mut()
            .chain(self.entity_postings.par_iter_mut())
            .for_each(|list| {
                list.retain(|&id| renumber.get(id as usize).is_some_and(|&n| n != u32::MAX));
                for id in list.iter_mut() {
                    *id = renumber[*id as usize];
                }
            });
        for slot in &mut self.slots {
            if slot.sentences.is_empty() {
                slot.sentences = 0..0;
                continue;
            }
            let first = renumber[slot.sentences.start as usize];
            slot.sentences = first..first + (slot.sentences.end - slot.sentences.start);
            for claim in &mut slot.claims {
                *claim = renumber[*claim as usize];
            }
        }
        self.live = Bits::with_len(self.sentences.len());
        for id in 0..self.sentences.len() {
            self.live.set(id);
        }
        // Words and entities no article uses any more are left with empty lists; they
        // cost a few bytes and keep ids stable.
        self.dead = 0;
    }

    /// Answers a query: the first `limit` matching sentences and how many there are.
    pub fn search(&self, query: &Query, lookup: &dyn Lookup, limit: usize) -> Found {
        let bits = self.eval(query, lookup);
        let mut found = Found {
            sentences: bits.count(),
            ..Found::default()
        };
        let marks = Marks::of(query);
        for &slot_no in &self.by_date {
            let slot = &self.slots[slot_no as usize];
            let mut any = false;
            for id in slot.sentences.clone() {
                if !bits.get(id as usize) {
                    continue;
                }
                any = true;
                if found.hits.len() < limit {
                    found.hits.push(self.hit(id, &marks, lookup));
                }
            }
            found.articles += usize::from(any);
        }
        found
    }

    /// The articles with at least one sentence matching the query, in index order.
    pub fn articles(&self, query: &Query, lookup: &dyn Lookup) -> Vec<usize> {
        let bits = self.eval(query, lookup);
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, slot)| slot.sentences.clone().any(|id| bits.get(id as usize)))
            .map(|(n, _)| n)
            .collect()
    }

    /// The ids of the reader's annotations that overlap a sentence matching the
    /// query: what an export scoped by the query writes.
    pub fn annotations(&self, query: &Query, lookup: &dyn Lookup) -> Vec<String> {
        let bits = self.eval(query, lookup);
        let mut out = Vec::new();
        for article in lookup.annotated() {
            let Some(slot) = self.slots.get(article) else {
                continue;
            };
            for annotation in lookup.annotations(article) {
                let start = u32::try_from(annotation.anchor.start).unwrap_or(u32::MAX);
                let end = u32::try_from(annotation.anchor.end.max(annotation.anchor.start + 1))
                    .unwrap_or(u32::MAX);
                let inside = slot.sentences.clone().any(|id| {
                    let s = &self.sentences[id as usize];
                    bits.get(id as usize) && !s.title && s.chars.start < end && start < s.chars.end
                });
                if inside {
                    out.push(annotation.id.clone());
                }
            }
        }
        out
    }

    /// The articles naming an entity (of this kind, when given) whose names hold all
    /// these words (folded).
    pub fn mentioning(&self, words: &[String], kind: Option<EntityKind>) -> Vec<usize> {
        let bits = self.entity(words, kind);
        let mut articles: Vec<usize> = bits
            .iter()
            .map(|id| self.sentences[id].article as usize)
            .collect();
        articles.sort_unstable();
        articles.dedup();
        articles
    }

    fn hit(&self, id: u32, marks: &Marks, lookup: &dyn Lookup) -> Hit {
        let sentence = &self.sentences[id as usize];
        let article = sentence.article as usize;
        if sentence.title {
            let title = lookup.title(article);
            return Hit {
                article,
                sentence: None,
                marks: marks.find(title, 0..title.len()),
            };
        }
        let range = sentence.bytes.start as usize..sentence.bytes.end as usize;
        Hit {
            article,
            marks: marks.find(lookup.body(article), range.clone()),
            sentence: Some(range),
        }
    }

    fn eval(&self, query: &Query, lookup: &dyn Lookup) -> Bits {
        match query {
            Query::All => self.live.clone(),
            Query::Term(term) => {
                let mut bits = self.term(term, lookup);
                bits.and(&self.live);
                bits
            }
            Query::And(parts) => {
                let mut bits = self.live.clone();
                for part in parts {
                    if bits.is_empty() {
                        break;
                    }
                    bits.and(&self.eval(part, lookup));
                }
                bits
            }
            Query::Or(parts) => {
                let mut bits = Bits::with_len(self.sentences.len());
                for part in parts {
                    bits.or(&self.eval(part, lookup));
                }
                bits
            }
            Query::Not(part) => {
                let mut bits = self.live.clone();
                bits.and_not(&self.eval(part, lookup));
                bits
            }
        }
    }

    fn term(&self, term: &Term, lookup: &dyn Lookup) -> Bits {
        let n = self.sentences.len();
        match term {
            Term::Word { word, prefix } => {
                let words: Vec<String> = tokens(word).map(|(_, w)| w).collect();
                match words.as_slice() {
                    [] => self.live.clone(),
                    [one] if *prefix => self.prefix(one),
                    [one] => self.word(one),
                    _ => self.phrase(&words, *prefix, lookup),
                }
            }
            Term::Phrase(words) => {
                let words = folded(words);
                if words.is_empty() {
                    return self.live.clone();
                }
                self.phrase(&words, false, lookup)
            }
            Term::Entity(words) => {
                let words = folded(words);
                self.entity(&words, None)
            }
            Term::Source(words) => {
                let words = folded(words);
                self.articles_where(|slot| {
                    words.iter().all(|w| slot.source.iter().any(|s| **s == **w))
                })
            }
            Term::Date(filter) => {
                let Some((from, to)) = days(*filter, lookup.today()) else {
                    return Bits::with_len(n);
                };
                self.articles_where(|slot| {
                    slot.date.is_some_and(|d| {
                        from.is_none_or(|from| from <= d) && to.is_none_or(|to| d <= to)
                    })
                })
            }
            Term::Kind(kind) => {
                let mask = kind.map_or(7, kind_bit);
                self.sentences_where(|s| s.kinds & mask != 0)
            }
            Term::Sources(cmp, bound) => {
                self.sentences_where(|s| s.kinds != 0 && cmp.holds(usize::from(s.sources), *bound))
            }
            Term::Has(Has::Claim) => self.sentences_where(|s| s.kinds != 0),
            Term::Has(has) => {
                let has = *has;
                self.annotated(lookup, |a| match has {
                    Has::Note => a.note.is_some(),
                    Has::Tag => !a.tags.is_empty(),
                    Has::Annotation | Has::Claim => true,
                })
            }
            Term::Tag(tag) => self.annotated(lookup, |a| a.tags.iter().any(|t| t == tag)),
            Term::Unread | Term::Read => {
                let read = matches!(term, Term::Read);
                let mut bits = Bits::with_len(n);
                for (article, slot) in self.slots.iter().enumerate() {
                    if !slot.sentences.is_empty() && lookup.is_read(article) == read {
                        bits.set_range(slot.sentences.clone());
                    }
                }
                bits
            }
        }
    }

    fn word(&self, word: &str) -> Bits {
        let mut bits = Bits::with_len(self.sentences.len());
        if let Some(&term) = self.terms.get(word) {
            for &id in &self.postings[term as usize] {
                bits.set(id as usize);
            }
        }
        bits
    }

    fn prefix(&self, prefix: &str) -> Bits {
        let mut bits = Bits::with_len(self.sentences.len());
        let from = (
            std::ops::Bound::Included(prefix),
            std::ops::Bound::Unbounded,
        );
        for (term, id) in self.sorted.range::<str, _>(from) {
            if !term.starts_with(prefix) {
                break;
            }
            for &s in &self.postings[*id as usize] {
                bits.set(s as usize);
            }
        }
        bits
    }

    /// Sentences holding the words in this order, the last one as a prefix when
    /// `prefix`.
    fn phrase(&self, words: &[String], prefix: bool, lookup: &dyn Lookup) -> Bits {
        let mut bits = self.live.clone();
        for (i, word) in words.iter().enumerate() {
            if prefix && i + 1 == words.len() {
                bits.and(&self.prefix(word));
            } else {
                bits.and(&self.word(word));
            }
        }
        let candidates: Vec<usize> = bits.iter().collect();
        for id in candidates {
            let sentence = &self.sentences[id];
            let article = sentence.article as usize;
            let (text, range) = if sentence.title {
                let title = lookup.title(article);
                (title, 0..title.len())
            } else {
                let range = sentence.bytes.start as usize..sentence.bytes.end as usize;
                (lookup.body(article), range)
            };
            let found = text
                .get(range.clone())
                .is_some_and(|t| !phrase_at(t, words, prefix).is_empty());
            if !found {
                bits.clear(id);
            }
        }
        bits
    }

    fn entity(&self, words: &[String], kind: Option<EntityKind>) -> Bits {
        let mut bits = Bits::with_len(self.sentences.len());
        let mut entities: Option<Vec<u32>> = None;
        for word in words {
            let list = self
                .entity_words
                .get(word.as_str())
                .cloned()
                .unwrap_or_default();
            entities = Some(match entities {
                None => list,
                Some(have) => have
                    .into_iter()
                    .filter(|e| list.binary_search(e).is_ok())
                    .collect(),
            });
        }
        for entity in entities.unwrap_or_default() {
            if kind.is_some_and(|k| self.entity_kinds.get(entity as usize) != Some(&k)) {
                continue;
            }
            for &id in &self.entity_postings[entity as usize] {
                bits.set(id as usize);
            }
        }
        bits.and(&self.live);
        bits
    }

    fn articles_where(&self, keep: impl Fn(&Slot) -> bool) -> Bits {
        let mut bits = Bits::with_len(self.sentences.len());
        for slot in &self.slots {
            if !slot.sentences.is_empty() && keep(slot) {
                bits.set_range(slot.sentences.clone());
            }
        }
        bits
    }

    fn sentences_where(&self, keep: impl Fn(&Sentence) -> bool) -> Bits {
        let mut bits = Bits::with_len(self.sentences.len());
        for (id, sentence) in self.sentences.iter().enumerate() {
            if keep(sentence) {
                bits.set(id);
            }
        }
        bits
    }

    /// Sentences an annotation that `keep` accepts overlaps.
    fn annotated(&self, lookup: &dyn Lookup, keep: impl Fn(&Annotation) -> bool) -> Bits {
        let mut bits = Bits::with_len(self.sentences.len());
        for article in lookup.annotated() {
            let Some(slot) = self.slots.get(article) else {
                continue;
            };
            for annotation in lookup.annotations(article).iter().filter(|a| keep(a)) {
                let start = u32::try_from(annotation.anchor.start).unwrap_or(u32::MAX);
                let end = u32::try_from(annotation.anchor.end.max(annotation.anchor.start + 1))
                    .unwrap_or(u32::MAX);
                for id in slot.sentences.clone() {
                    let s = &self.sentences[id as usize];
                    if !s.title && s.chars.start < end && start < s.chars.end {
                        bits.set(id as usize);
                    }
                }
            }
        }
        bits
    }
}

/// The first and last day a date filter lets through (`None`: no bound); `None`
/// outside when no day can match (`until:` a day before any date can be written).
fn days(filter: DateFilter, today: Date) -> Option<(Option<Date>, Option<Date>)> {
    // `None`: further back than any date gloss can hold.
    let day = |d: Day| match d {
        Day::On(date) => Some(date),
        Day::DaysAgo(n) => Date::from_day_number(today.day_number() - i64::from(n)),
    };
    match filter {
        DateFilter::Since(d) => Some((day(d), None)),
        DateFilter::Until(d) => Some((None, Some(day(d)?))),
        DateFilter::Between(a, b) => Some((day(a), Some(day(b)?))),
    }
}

/// Works out what an article adds to the index.
fn prepare(n: usize, article: &IndexArticle<'_>) -> Prepared {
    let article_no = u32::try_from(n).unwrap_or(u32::MAX);
    let body = article.body;
    let chars = CharIndex::new(body);
    let spans = crate::analysis::sentence_spans(body);
    let mut sentences = Vec::with_capacity(spans.len() + 1);
    let mut words = Vec::with_capacity(spans.len() + 1);
    let to_u32 = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    sentences.push(Sentence {
        article: article_no,
        bytes: 0..0,
        chars: 0..0,
        title: true,
        kinds: 0,
        sources: 0,
    });
    words.push(distinct_words(article.title));
    for span in &spans {
        sentences.push(Sentence {
            article: article_no,
            bytes: to_u32(span.start)..to_u32(span.end),
            chars: to_u32(chars.char_of(body, span.start))..to_u32(chars.char_of(body, span.end)),
            title: false,
            kinds: 0,
            sources: 0,
        });
        words.push(distinct_words(&body[span.clone()]));
    }
    // The sentence (local number, the title being 0) that holds a character offset.
    let sentence_at = |ch: usize| -> Option<u32> {
        let byte = chars.byte_of(body, ch);
        let after = spans.partition_point(|s| s.start <= byte);
        (after > 0 && byte < spans[after - 1].end.max(spans[after - 1].start + 1))
            .then(|| to_u32(after))
    };
    let mut claims = Vec::with_capacity(article.analysis.claims.len());
    for claim in &article.analysis.claims {
        let local = sentence_at(claim.start).unwrap_or(0);
        if local > 0 {
            let s = &mut sentences[local as usize];
            s.kinds |= kind_bit(claim.kind);
            s.sources = s.sources.max(1);
        }
        claims.push(local);
    }
    let entities = article
        .analysis
        .entities
        .iter()
        .map(|entity| {
            let mut names: Vec<String> = tokens(&entity.name).map(|(_, w)| w).collect();
            for mention in &entity.mentions {
                names.extend(tokens(&mention.text).map(|(_, w)| w));
            }
            names.sort_unstable();
            names.dedup();
            let mut at: Vec<u32> = entity
                .mentions
                .iter()
                .filter_map(|m| sentence_at(m.start))
                .collect();
            at.sort_unstable();
            at.dedup();
            let key = format!("{}:{}", entity.kind.as_str(), fold_lower(&entity.name));
            (entity.kind, key, names, at)
        })
        .collect();
    let source = article
        .source
        .map(|s| tokens(s).map(|(_, w)| w.into_boxed_str()).collect())
        .unwrap_or_default();
    Prepared {
        id: article.id.into(),
        fingerprint: fingerprint(article.title, article.source, article.date, body),
        source,
        date: article.date,
        sentences,
        words,
        entities,
        claims,
    }
}

/// What an article's entry in the index depends on, as a number: its title, outlet,
/// date and text, and the analysis code (entities and claims come from it). An
/// article whose fingerprint changed is indexed again.
pub fn fingerprint(title: &str, source: Option<&str>, date: Option<Date>, body: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator no text holds, so fields cannot run into each other.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    };
    add(crate::analysis::ANALYZER_HASH.as_bytes());
    add(title.as_bytes());
    add(source.unwrap_or("\u{0}").as_bytes());
    add(date.map(|d| d.to_string()).unwrap_or_default().as_bytes());
    add(body.as_bytes());
    hash
}

/// The words of a query's words as the index keeps them (`$40` is `40`, `well-known`
/// is `well` and `known`).
fn folded(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| tokens(w).map(|(_, t)| t))
        .collect()
}

fn distinct_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = tokens(text).map(|(_, w)| w).collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The words of a text as the index keeps them: runs of letters and digits, folded
/// (lower case, no accents), with their byte ranges.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    spans(text).map(move |range| {
        let word = &text[range.clone()];
        let folded = if word.is_ascii() {
            word.to_ascii_lowercase()
        } else {
            fold_lower(word)
        };
        (range, folded)
    })
}

/// Whether a word as written folds to `folded`, without making a new string for
/// the common ASCII case.
fn folds_to(word: &str, folded: &str, prefix: bool) -> bool {
    if word.is_ascii() {
        let (w, f) = (word.as_bytes(), folded.as_bytes());
        if prefix {
            w.len() >= f.len() && w[..f.len()].eq_ignore_ascii_case(f)
        } else {
            w.eq_ignore_ascii_case(f)
        }
    } else {
        let word = fold_lower(word);
        if prefix {
            word.starts_with(folded)
        } else {
            word == folded
        }
    }
}

/// Where the words of a text are: runs of letters and digits, as byte ranges.
fn spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if c.is_alphanumeric() {
                break;
            }
            rest.next();
        }
        let &(start, _) = rest.peek()?;
        let mut end = start;
        while let Some(&(at, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = at + c.len_utf8();
            rest.next();
        }
        Some(start..end)
    })
}

/// Where the words occur in this order in `text` (the last as a prefix when `prefix`),
/// as byte ranges from the first word's start to the last word's end.
fn phrase_at(text: &str, words: &[String], prefix: bool) -> Vec<Range<usize>> {
    let found: Vec<Range<usize>> = spans(text).collect();
    let mut out = Vec::new();
    if words.is_empty() || found.len() < words.len() {
        return out;
    }
    for start in 0..=found.len() - words.len() {
        let matches = words.iter().enumerate().all(|(i, w)| {
            let last = i + 1 == words.len();
            folds_to(&text[found[start + i].clone()], w, prefix && last)
        });
        if matches {
            out.push(found[start].start..found[start + words.len() - 1].end);
        }
    }
    out
}

/// Where the words and phrases a query looks for (outside any NOT) are in `text`, as
/// byte ranges: what to highlight in an article opened from a search.
pub fn marks(query: &Query, text: &str) -> Vec<Range<usize>> {
    Marks::of(query).find(text, 0..text.len())
}

/// The words and phrases a query looks for (outside any NOT), to mark in a hit.
#[derive(Debug, Default)]
struct Marks {
    words: Vec<String>,
    prefixes: Vec<String>,
    phrases: Vec<(Vec<String>, bool)>,
}

impl Marks {
    fn of(query: &Query) -> Self {
        let mut marks = Self::default();
        marks.collect(query);
        marks
    }

    fn collect(&mut self, query: &Query) {
        match query {
            Query::And(parts) | Query::Or(parts) => parts.iter().for_each(|p| self.collect(p)),
            Query::Term(Term::Word { word, prefix }) => {
                let words: Vec<String> = tokens(word).map(|(_, w)| w).collect();
                match words.as_slice() {
                    [] => {}
                    [one] if *prefix => self.prefixes.push(one.clone()),
                    [one] => self.words.push(one.clone()),
                    _ => self.phrases.push((words, *prefix)),
                }
            }
            Query::Term(Term::Phrase(words)) => {
                let words = folded(words);
                if !words.is_empty() {
                    self.phrases.push((words, false));
                }
            }
            // Nothing under a NOT is shown, and filters mark no words.
            Query::All | Query::Not(_) | Query::Term(_) => {}
        }
    }

    /// The marked words of `text[range]`, as byte ranges into `text`.
    fn find(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let Some(part) = text.get(range.clone()) else {
            return Vec::new();
        };
        let mut out: Vec<Range<usize>> = tokens(part)
            .filter(|(_, w)| {
                self.words.iter().any(|x| x == w)
                    || self.prefixes.iter().any(|p| w.starts_with(p.as_str()))
            })
            .map(|(r, _)| r)
            .collect();
        for (words, prefix) in &self.phrases {
            out.extend(phrase_at(part, words, *prefix));
        }
        out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        out.dedup_by(|b, a| b.start < a.end);
        out.into_iter()
            .map(|r| r.start + range.start..r.end + range.start)
            .collect()
    }
}

/// One bit per sentence.
#[derive(Debug, Clone, Default)]
struct Bits {
    words: Vec<u64>,
}

impl Bits {
    fn with_len(len: usize) -> Self {
        Self {
            words: vec![0; len.div_ceil(64)],
        }
    }

    fn grow(&mut self, len: usize) {
        let need = len.div_ceil(64);
        if self.words.len() < need {
            self.words.resize(need, 0);
        }
    }

    fn set(&mut self, i: usize) {
        if let Some(w) = self.words.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    fn clear(&mut self, i: usize) {
        if let Some(w) = self.words.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }

    fn get(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn set_range(&mut self, range: Range<u32>) {
        for i in range {
            self.set(i as usize);
        }
    }

    fn and(&mut self, other: &Bits) {
        for (i, w) in self.words.iter_mut().enumerate() {
            *w &= other.words.get(i).copied().unwrap_or(0);
        }
    }

    fn and_not(&mut self, other: &Bits) {
        for (w, o) in self.words.iter_mut().zip(&other.words) {
            *w &= !o;
        }
    }

    fn or(&mut self, other: &Bits) {
        if self.words.len() < other.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (w, o) in self.words.iter_mut().zip(&other.words) {
            *w |= o;
        }
    }

    fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(n, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let bit = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(n * 64 + bit)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{Anchor, Target};
    use crate::corpus::{parse_article, Article};
    use crate::links::{link, LinkArticle};
    use crate::search::query::Cmp;

    struct Shelf {
        articles: Vec<Article>,
        analyses: Vec<Analysis>,
        annotations: Vec<Vec<Annotation>>,
        read: Vec<bool>,
    }

    impl Shelf {
        fn new(texts: &[(&str, &str)]) -> Self {
            let articles: Vec<Article> = texts
                .iter()
                .enumerate()
                .map(|(n, (source, text))| {
                    let path = format!("{source}/{n}.md");
                    parse_article(&format!("a{n}"), &path, Some(source), text.as_bytes())
                        .expect("a test article")
                        .0
                })
                .collect();
            let analyses = articles
                .iter()
                .map(|a| crate::analysis::analyze_with(&a.body, &crate::analysis::Context::of(a)))
                .collect();
            Self {
                annotations: vec![Vec::new(); articles.len()],
                read: vec![false; articles.len()],
                articles,
                analyses,
            }
        }

        fn index(&self) -> SearchIndex {
            let inputs: Vec<IndexArticle<'_>> = self
                .articles
                .iter()
                .zip(&self.analyses)
                .map(|(a, x)| IndexArticle::of(a, x))
                .collect();
            SearchIndex::build(&inputs)
        }

        /// The claims linked across the shelf's articles.
        fn links(&self) -> crate::links::Links {
            let inputs: Vec<LinkArticle<'_>> = self
                .articles
                .iter()
                .zip(&self.analyses)
                .map(|(a, x)| LinkArticle::of(a, x))
                .collect();
            link(&inputs)
        }

        /// The matching sentences' texts (titles as `title: …`), in result order.
        fn find(&self, index: &SearchIndex, query: &Query) -> Vec<String> {
            index
                .search(query, self, 100)
                .hits
                .iter()
                .map(|hit| match &hit.sentence {
                    Some(range) => self.articles[hit.article]
                        .body
                        .get(range.clone())
                        .unwrap_or("(not in the text)")
                        .to_owned(),
                    None => format!("title: {}", self.articles[hit.article].meta.title),
                })
                .collect()
        }
    }

    impl Lookup for Shelf {
        fn title(&self, article: usize) -> &str {
            &self.articles[article].meta.title
        }
        fn body(&self, article: usize) -> &str {
            &self.articles[article].body
        }
        fn annotated(&self) -> Vec<usize> {
            (0..self.articles.len())
                .filter(|&n| !self.annotations[n].is_empty())
                .collect()
        }
        fn annotations(&self, article: usize) -> &[Annotation] {
            &self.annotations[article]
        }
        fn is_read(&self, article: usize) -> bool {
            self.read[article]
        }
        fn today(&self) -> Date {
            Date::new(2026, 3, 10).expect("a date")
        }
    }

    fn word(w: &str) -> Query {
        Query::Term(Term::Word {
            word: w.to_owned(),
            prefix: false,
        })
    }

    fn term(t: Term) -> Query {
        Query::Term(t)
    }

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    const PORT: &str = "---\ntitle: Crane order stalls\ndate: 2026-03-02\n---\n\
        Mara Quint called the offer \"an insult to every crew on the quay\". \
        The Calder Port Authority ordered 14 cranes for $40 million. \
        Talks resume on Thursday.\n";
    const FERRY: &str = "---\ntitle: Ferry timetable cut\ndate: 2026-03-06\n---\n\
        Strandline Ferries will cut two sailings, a spokesperson said. \
        The crane order was not mentioned. \
        Quint did not comment.\n";
    const WIRE: &str = "---\ntitle: Port deal\ndate: 2026-02-20\n---\n\
        The Calder Port Authority paid $40 million for 14 cranes, Mara Quint said. \
        Órla Ní Bhraonáin wrote the report.\n";

    fn shelf() -> Shelf {
        Shelf::new(&[
            ("Ledger Daily", PORT),
            ("Harbour Signal", FERRY),
            ("Meridian Wire", WIRE),
        ])
    }

    #[test]
    fn words_match_within_one_sentence_newest_first() {
        let shelf = shelf();
        let index = shelf.index();
        assert_eq!(
            shelf.find(&index, &word("crane")),
            vec![
                "The crane order was not mentioned.".to_owned(),
                "title: Crane order stalls".to_owned(),
            ]
        );
        // Both words, but in different sentences of the ferry piece: no match there.
        let both = Query::And(vec![word("crane"), word("quint")]);
        assert!(shelf.find(&index, &both).is_empty());
        let either = Query::Or(vec![word("sailings"), word("thursday")]);
        assert_eq!(shelf.find(&index, &either).len(), 2);
        let not = Query::And(vec![word("cranes"), Query::Not(Box::new(word("paid")))]);
        assert_eq!(
            shelf.find(&index, &not),
            vec!["The Calder Port Authority ordered 14 cranes for $40 million.".to_owned()]
        );
        // Accents and case fold away on both sides.
        assert_eq!(shelf.find(&index, &word("ORLA")).len(), 1);
    }

    #[test]
    fn prefixes_and_phrases() {
        let shelf = shelf();
        let index = shelf.index();
        let typing = term(Term::Word {
            word: "sail".to_owned(),
            prefix: true,
        });
        assert_eq!(shelf.find(&index, &typing).len(), 1);
        assert!(shelf.find(&index, &word("sail")).is_empty());
        let phrase = term(Term::Phrase(words("crane order")));
        assert_eq!(
            shelf.find(&index, &phrase),
            vec![
                "The crane order was not mentioned.".to_owned(),
                "title: Crane order stalls".to_owned(),
            ]
        );
        // The words are in the sentence, but not in this order.
        assert!(shelf
            .find(&index, &term(Term::Phrase(words("order crane"))))
            .is_empty());
        // A word with inner punctuation is a phrase of its parts.
        assert_eq!(shelf.find(&index, &word("$40")).len(), 2);
        let found = index.search(&phrase, &shelf, 10);
        let hit = &found.hits[0];
        let body = &shelf.articles[hit.article].body;
        let marked: Vec<&str> = hit.marks.iter().map(|r| &body[r.clone()]).collect();
        assert_eq!(marked, vec!["crane order"]);
        assert_eq!((found.sentences, found.articles), (2, 2));
    }

    #[test]
    fn entities_sources_and_dates() {
        let shelf = shelf();
        let index = shelf.index();
        // Any words of an entity's name find it; the word "Quint" in a sentence the
        // analysis names no entity in ("Quint did not comment.") is not an entity.
        let full = term(Term::Entity(words("mara quint")));
        let surname = term(Term::Entity(words("quint")));
        assert_eq!(shelf.find(&index, &full), shelf.find(&index, &surname));
        assert_eq!(shelf.find(&index, &full).len(), 2);
        assert_eq!(index.mentioning(&words("quint"), None), vec![0, 2]);
        assert_eq!(index.mentioning(&words("strandline"), None), vec![1]);
        assert!(index.mentioning(&words("quint ferries"), None).is_empty());
        let source = term(Term::Source(words("ledger daily")));
        assert_eq!(
            shelf.find(&index, &source).len(),
            4,
            "title and three sentences"
        );
        let march = term(Term::Date(DateFilter::Between(
            Day::On(Date::new(2026, 3, 1).expect("a date")),
            Day::On(Date::new(2026, 3, 5).expect("a date")),
        )));
        let found = index.search(&march, &shelf, 100);
        assert!(found.hits.iter().all(|h| h.article == 0));
        // Four days before 2026-03-10 is 2026-03-06: only the ferry piece.
        let recent = term(Term::Date(DateFilter::Since(Day::DaysAgo(4))));
        assert_eq!(index.articles(&recent, &shelf), vec![1]);
        let older = term(Term::Date(DateFilter::Until(Day::DaysAgo(5))));
        assert_eq!(index.articles(&older, &shelf), vec![0, 2]);
    }

    #[test]
    fn claims_by_kind_and_by_sources() {
        let shelf = shelf();
        let mut index = shelf.index();
        let quotes = term(Term::Kind(Some(ClaimKind::Quote)));
        assert_eq!(
            shelf.find(&index, &quotes),
            vec!["Mara Quint called the offer \"an insult to every crew on the quay\".".to_owned()]
        );
        let carried = term(Term::Sources(Cmp::AtLeast, 2));
        assert!(shelf.find(&index, &carried).is_empty(), "not linked yet");
        index.set_links(&shelf.links());
        let found = shelf.find(&index, &carried);
        assert!(
            found
                .iter()
                .any(|s| s.contains("14 cranes for $40 million")),
            "{found:?}"
        );
        assert!(found.iter().all(|s| s.contains("$40 million")), "{found:?}");
    }

    #[test]
    fn annotations_and_read_state_are_asked_of_the_library() {
        let mut shelf = shelf();
        let body = shelf.articles[1].body.clone();
        let start = body.chars().count() - "Quint did not comment.".len() - 1;
        let mut tagged = Annotation::new(
            Anchor::new(&body, start, start + 5),
            Target::Passage,
            vec!["disputed".to_owned()],
            Some("check this".to_owned()),
        );
        tagged.anchor.start = start;
        shelf.annotations[1].push(tagged);
        shelf.read[0] = true;
        let index = shelf.index();
        let disputed = term(Term::Tag("disputed".to_owned()));
        assert_eq!(
            shelf.find(&index, &disputed),
            vec!["Quint did not comment.".to_owned()]
        );
        assert_eq!(shelf.find(&index, &term(Term::Has(Has::Note))).len(), 1);
        assert!(shelf
            .find(&index, &term(Term::Tag("other".to_owned())))
            .is_empty());
        assert_eq!(index.articles(&term(Term::Unread), &shelf), vec![1, 2]);
        assert_eq!(index.articles(&term(Term::Read), &shelf), vec![0]);
    }

    #[test]
    fn a_replaced_article_is_found_by_its_new_words_only() {
        let shelf = shelf();
        let mut index = shelf.index();
        let changed = Shelf::new(&[(
            "Harbour Signal",
            "---\ntitle: Ferry update\n---\nThe ferry sails at dawn.\n",
        )]);
        index.update(&[(
            1,
            IndexArticle::of(&changed.articles[0], &changed.analyses[0]),
        )]);
        let mut now = Shelf::new(&[]);
        now.articles = vec![
            shelf.articles[0].clone(),
            changed.articles[0].clone(),
            shelf.articles[2].clone(),
        ];
        now.analyses = vec![
            shelf.analyses[0].clone(),
            changed.analyses[0].clone(),
            shelf.analyses[2].clone(),
        ];
        now.annotations = vec![Vec::new(); 3];
        now.read = vec![false; 3];
        assert!(now.find(&index, &word("sailings")).is_empty());
        assert_eq!(
            now.find(&index, &word("dawn")),
            vec!["The ferry sails at dawn.".to_owned()]
        );
        assert_eq!(index.len(), 3);
        assert_eq!(
            now.find(&index, &Query::All).len(),
            9,
            "titles and sentences"
        );
    }

    /// What a set of queries finds, to compare two indexes by.
    fn answers(shelf: &Shelf, index: &SearchIndex) -> Vec<Vec<String>> {
        let queries = [
            word("crane"),
            term(Term::Phrase(words("crane order"))),
            term(Term::Entity(words("quint"))),
            term(Term::Sources(Cmp::AtLeast, 2)),
            term(Term::Kind(Some(ClaimKind::Quote))),
            term(Term::Source(words("meridian wire"))),
            term(Term::Word {
                word: "sail".to_owned(),
                prefix: true,
            }),
            Query::All,
        ];
        queries.iter().map(|q| shelf.find(index, q)).collect()
    }

    fn linked(shelf: &Shelf) -> SearchIndex {
        let mut index = shelf.index();
        index.set_links(&shelf.links());
        index
    }

    fn fingerprints(shelf: &Shelf) -> Vec<(&str, u64)> {
        shelf
            .articles
            .iter()
            .map(|a| {
                let date = crate::analysis::Context::of(a).date;
                let print = fingerprint(&a.meta.title, a.meta.source.as_deref(), date, &a.body);
                (a.id.as_str(), print)
            })
            .collect()
    }

    #[test]
    fn the_index_reads_back_from_disk_as_it_was() {
        let shelf = shelf();
        let index = linked(&shelf);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("search/index.bin");
        let size = index.save(&path).expect("saved");
        assert_eq!(std::fs::metadata(&path).expect("there").len(), size);
        let mut back = SearchIndex::open(&path).expect("read back");
        assert_eq!(answers(&shelf, &back), answers(&shelf, &index));
        assert!(
            back.arrange(&fingerprints(&shelf)).is_empty(),
            "nothing changed"
        );
        assert_eq!(answers(&shelf, &back), answers(&shelf, &index));
    }

    #[test]
    fn arranging_follows_the_library_and_names_what_changed() {
        let shelf = shelf();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("index.bin");
        linked(&shelf).save(&path).expect("saved");
        // The library now: the wire piece first, the ferry piece changed, the port
        // piece gone, and a new one.
        let now = Shelf::new(&[
            ("Meridian Wire", WIRE),
            (
                "Harbour Signal",
                "---\ntitle: Ferry update\n---\nThe ferry sails at dawn.\n",
            ),
            ("Post", "---\ntitle: Tides\n---\nHigh water at six.\n"),
        ]);
        let mut prints = fingerprints(&now);
        // Ids as the first library had them: the wire piece was a2, the ferry a1.
        prints[0].0 = "a2";
        prints[1].0 = "a1";
        prints[2].0 = "new";
        let mut index = SearchIndex::open(&path).expect("read back");
        assert_eq!(index.arrange(&prints), vec![1, 2]);
        // Until indexed again, the changed and new articles match nothing, and the
        // old text of the changed one is gone.
        assert!(now.find(&index, &word("sailings")).is_empty());
        assert!(
            now.find(&index, &word("ordered")).is_empty(),
            "the port piece left"
        );
        assert_eq!(
            now.find(&index, &word("paid")),
            vec![
                "The Calder Port Authority paid $40 million for 14 cranes, Mara Quint said."
                    .to_owned()
            ]
        );
        let changed: Vec<(usize, IndexArticle<'_>)> = [1, 2]
            .iter()
            .map(|&n| (n, IndexArticle::of(&now.articles[n], &now.analyses[n])))
            .collect();
        index.update(&changed);
        // Claims are linked again over the library as it is now.
        index.set_links(&now.links());
        assert_eq!(answers(&now, &index), answers(&now, &linked(&now)));
    }

    #[test]
    fn a_damaged_or_foreign_index_file_is_an_error_never_a_panic() {
        let shelf = shelf();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("index.bin");
        linked(&shelf).save(&path).expect("saved");
        let good = std::fs::read(&path).expect("bytes");
        assert!(matches!(
            SearchIndex::decode(b"not an index at all"),
            Err(IndexFileError::Foreign)
        ));
        for cut in (0..good.len()).step_by(7) {
            assert!(SearchIndex::decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        // Every byte changed in turn: read or refused, never a panic, and what is read
        // answers queries without a panic either.
        for at in MAGIC_LEN..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x5a;
            if let Ok(index) = SearchIndex::decode(&bad) {
                let _ = answers(&shelf, &index);
            }
        }
    }

    const MAGIC_LEN: usize = 8;

    #[test]
    fn replacing_articles_again_and_again_does_not_grow_the_index() {
        let shelf = shelf();
        let mut index = linked(&shelf);
        let before = index.sentences.len();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("index.bin");
        let size = index.save(&path).expect("saved");
        for _ in 0..20 {
            index.update(&[(1, IndexArticle::of(&shelf.articles[1], &shelf.analyses[1]))]);
        }
        assert_eq!(index.sentences.len(), before);
        assert_eq!(index.save(&path).expect("saved"), size);
        assert_eq!(answers(&shelf, &index), answers(&shelf, &linked(&shelf)));
    }

    #[test]
    fn two_articles_with_one_id_keep_their_own_entries() {
        let mut shelf = shelf();
        let first = shelf.articles[0].id.clone();
        shelf.articles[1].id = first;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("index.bin");
        linked(&shelf).save(&path).expect("saved");
        let mut index = SearchIndex::open(&path).expect("read back");
        assert!(
            index.arrange(&fingerprints(&shelf)).is_empty(),
            "nothing changed"
        );
        assert_eq!(answers(&shelf, &index), answers(&shelf, &linked(&shelf)));
    }

    #[test]
    fn days_counted_back_past_any_date_match_as_far_as_they_can() {
        let shelf = shelf();
        let index = shelf.index();
        let since = term(Term::Date(DateFilter::Since(Day::DaysAgo(u32::MAX))));
        assert_eq!(index.articles(&since, &shelf), vec![0, 1, 2]);
        let until = term(Term::Date(DateFilter::Until(Day::DaysAgo(u32::MAX))));
        assert!(index.articles(&until, &shelf).is_empty());
    }

    #[test]
    fn tokens_fold_and_keep_their_places() {
        let found: Vec<(Range<usize>, String)> = tokens("Órla's $40M — ok").collect();
        assert_eq!(
            found,
            vec![
                (0..5, "orla".to_owned()),
                (6..7, "s".to_owned()),
                (9..12, "40m".to_owned()),
                (17..19, "ok".to_owned()),
            ]
        );
    }
}
