//! Entities and claims found in an article's display text: pure functions, no I/O.
//!
//! The pipeline runs in one direction: sentences, then tokens, then values (money,
//! percentages, dates), then names, then claims that tie names and values to what was
//! said. Offsets in the results count characters into the body, as the JSON contract
//! and the W3C text position selector do.

mod cache;
mod claims;
pub(crate) mod lexicon;
mod names;
mod sentences;
mod tokens;
mod values;

use serde::{Deserialize, Serialize};

pub use cache::{analyze_cached, AnalysisCache, ANALYZER_HASH};

/// The sentences of a display text as byte ranges, as the analysis splits them (no
/// sentence crosses a line break).
pub(crate) fn sentence_spans(body: &str) -> Vec<std::ops::Range<usize>> {
    sentences::split(body)
        .into_iter()
        .map(|s| s.start..s.end)
        .collect()
}

use crate::text::CharIndex;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, union, party or other organisation.
    Org,
    /// A country, city or other place.
    Place,
    /// A named product.
    Product,
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// A calendar date.
    Date,
    /// A count or measure with a unit.
    Quantity,
    /// A social media handle.
    Handle,
    /// A name gloss could not type.
    Other,
}

impl EntityKind {
    /// Every kind, in the order the side panel groups them.
    pub const ALL: [Self; 10] = [
        Self::Person,
        Self::Org,
        Self::Place,
        Self::Product,
        Self::Money,
        Self::Percent,
        Self::Date,
        Self::Quantity,
        Self::Handle,
        Self::Other,
    ];

    /// Returns the kind's name as the JSON contract writes it (`person`, `org`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Org => "org",
            Self::Place => "place",
            Self::Product => "product",
            Self::Money => "money",
            Self::Percent => "percent",
            Self::Date => "date",
            Self::Quantity => "quantity",
            Self::Handle => "handle",
            Self::Other => "other",
        }
    }

    /// Returns the short label the side panel shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "PER",
            Self::Org => "ORG",
            Self::Place => "LOC",
            Self::Product => "PRD",
            Self::Money => "$",
            Self::Percent => "%",
            Self::Date => "DATE",
            Self::Quantity => "QTY",
            Self::Handle => "@",
            Self::Other => "?",
        }
    }

    /// Says whether the kind is a value (money, percent, date, quantity) rather than a name.
    pub fn is_value(self) -> bool {
        matches!(
            self,
            Self::Money | Self::Percent | Self::Date | Self::Quantity
        )
    }
}

/// One place an entity is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The words as written.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset just past the last character.
    pub end: usize,
}

/// One real thing an article names, with every mention of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest name (or the normalised value).
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Every mention, in reading order.
    pub mentions: Vec<Mention>,
}

/// What a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A direct quotation.
    Quote,
    /// A sentence stating an amount, share, date or count about an entity.
    Figure,
    /// Reported speech without quotation marks.
    Statement,
}

/// One thing the article asserts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable within the article: `c` and the claim's number in reading order.
    pub id: String,
    /// Quote, figure or statement.
    pub kind: ClaimKind,
    /// The whole sentence that carries the claim.
    pub text: String,
    /// The quoted words, for quotes.
    pub quote: Option<String>,
    /// Who said it, when known.
    pub speaker: Option<String>,
    /// Character offset of the sentence start.
    pub start: usize,
    /// Character offset just past the sentence end.
    pub end: usize,
    /// The names the claim's sentences mention (kind and entity name), which later
    /// work compares across articles; not part of the JSON contract of
    /// `gloss analyze`, which writes only the fields above.
    pub entities: Vec<(EntityKind, String)>,
    /// The normalised values (money, percentages, dates, quantities) it states.
    pub figures: Vec<(EntityKind, String)>,
}

/// Everything found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// Entities, grouped by kind in [`EntityKind::ALL`] order, most mentioned first.
    pub entities: Vec<Entity>,
    /// Claims in reading order.
    pub claims: Vec<Claim>,
}

/// What is known about an article besides its text, which helps read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The publication date: partial dates in the text ("March 2") take its year.
    pub date: Option<crate::text::Date>,
}

impl Context {
    /// What the article's metadata says: its publication date, when it parses.
    pub fn of(article: &crate::corpus::Article) -> Self {
        Self {
            date: article
                .meta
                .date
                .as_deref()
                .and_then(crate::text::Date::parse),
        }
    }
}

/// A span in byte offsets, used inside the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

/// Finds the entities and claims of an article body.
///
/// ```
/// use gloss::analysis::{analyze, ClaimKind, EntityKind};
///
/// let found = analyze("Union chair Mara Quint said the offer was final. Quint left.");
/// let quint = &found.entities[0];
/// assert_eq!((quint.name.as_str(), quint.kind), ("Mara Quint", EntityKind::Person));
/// assert_eq!(quint.mentions.len(), 2);
/// assert_eq!(found.claims[0].kind, ClaimKind::Statement);
/// ```
pub fn analyze(body: &str) -> Analysis {
    analyze_with(body, &Context::default())
}

/// Returns the sentences of a body as character ranges (start inclusive, end
/// exclusive), in order: what a key acting "on the sentence under the cursor" takes.
pub fn sentence_ranges(body: &str) -> Vec<(usize, usize)> {
    let spans = sentences::split(body);
    let index = crate::text::CharIndex::new(body);
    spans
        .iter()
        .map(|s| (index.char_of(body, s.start), index.char_of(body, s.end)))
        .collect()
}

/// Finds the entities and claims of an article body, using what else is known about
/// the article (its date completes partial dates).
pub fn analyze_with(body: &str, context: &Context) -> Analysis {
    let sentences = sentences::split(body);
    let tokens = tokens::tokenize(body);
    let values = values::find(body, &tokens, context);
    let names = names::find(body, &tokens, &sentences, &values);
    let claims = claims::find(body, &tokens, &sentences, &names, &values);

    let index = CharIndex::new(body);
    let to_mention = |span: Span| Mention {
        text: body[span.start..span.end].to_owned(),
        start: index.char_of(body, span.start),
        end: index.char_of(body, span.end),
    };
    let mut entities: Vec<Entity> = names
        .iter()
        .chain(values.iter())
        .map(|found| Entity {
            name: found.name.clone(),
            kind: found.kind,
            mentions: found.mentions.iter().map(|&s| to_mention(s)).collect(),
        })
        .collect();
    entities.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| b.mentions.len().cmp(&a.mentions.len()))
            .then_with(|| a.mentions[0].start.cmp(&b.mentions[0].start))
    });
    // What each claim involves: the names and values mentioned in its sentences,
    // found by binary search over all mentions in text order.
    let by_position = |found: &[Found]| -> Vec<(Span, usize)> {
        let mut all: Vec<(Span, usize)> = found
            .iter()
            .enumerate()
            .flat_map(|(i, f)| f.mentions.iter().map(move |&m| (m, i)))
            .collect();
        all.sort_unstable_by_key(|(m, _)| m.start);
        all
    };
    let (name_positions, value_positions) = (by_position(&names), by_position(&values));
    let involved =
        |span: Span, positions: &[(Span, usize)], found: &[Found]| -> Vec<(EntityKind, String)> {
            let from = positions.partition_point(|(m, _)| m.start < span.start);
            let mut seen: Vec<usize> = positions[from..]
                .iter()
                .take_while(|(m, _)| m.start < span.end)
                .filter(|(m, _)| m.end <= span.end)
                .map(|&(_, i)| i)
                .collect();
            seen.sort_unstable();
            seen.dedup();
            seen.into_iter()
                .map(|i| (found[i].kind, found[i].name.clone()))
                .collect()
        };
    let claims = claims
        .into_iter()
        .enumerate()
        .map(|(n, c)| Claim {
            id: format!("c{}", n + 1),
            kind: c.kind,
            text: body[c.span.start..c.span.end].to_owned(),
            quote: c.quote.map(|q| body[q.start..q.end].trim().to_owned()),
            speaker: c.speaker.map(|e| names[e].name.clone()),
            start: index.char_of(body, c.span.start),
            end: index.char_of(body, c.span.end),
            entities: involved(c.span, &name_positions, &names),
            figures: involved(c.span, &value_positions, &values),
        })
        .collect();
    Analysis { entities, claims }
}

/// An entity as the pipeline finds it, in byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub name: String,
    pub kind: EntityKind,
    pub mentions: Vec<Span>,
}
