//! The query language shared by search, the source-list filter and export scopes.
//!
//! ```text
//! entity:"Mara Quint" tag:disputed sources>=3 since:2026-03-01 source:"Ledger Daily"
//! has:note kind:quote "crane order" (strike OR walkout) -ferry NOT unread
//! ```
//!
//! Grammar (terms are joined by AND unless `OR` stands between them):
//!
//! ```text
//! query    = or
//! or       = and { "OR" and }
//! and      = unary { ["AND"] unary }
//! unary    = ("NOT" | "-") unary | primary
//! primary  = "(" or ")" | field | phrase | word
//! field    = name ":" value | "sources" cmp number
//! cmp      = ">=" | "<=" | ">" | "<" | "=" | ":"
//! value    = word | phrase
//! phrase   = '"' { any character but '"' } '"'
//! ```
//!
//! `OR`, `AND` and `NOT` are operators only in capitals; in lower case they are words.
//! Words and phrases are compared without case or accents.

use std::fmt;
use std::ops::Range;

use crate::analysis::ClaimKind;
use crate::text::Date;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// The empty query: everything matches.
    All,
    /// One condition.
    Term(Term),
    /// Every part must match.
    And(Vec<Query>),
    /// At least one part must match.
    Or(Vec<Query>),
    /// The part must not match.
    Not(Box<Query>),
}

/// One condition of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A free word, folded (lower case, no accents). `prefix` when it is the word being
    /// typed: the last thing in the query, with nothing after it (see
    /// [`Query::parse_typing`]); it then matches every word it starts.
    Word { word: String, prefix: bool },
    /// A quoted phrase: its words, folded, in order.
    Phrase(Vec<String>),
    /// `entity:NAME`: a sentence naming the entity (its words, folded).
    Entity(Vec<String>),
    /// `tag:NAME`: an annotation with this tag (normalised as the store keeps tags).
    Tag(String),
    /// `source:NAME`: an article from this outlet or feed (its words, folded).
    Source(Vec<String>),
    /// `kind:quote|figure|statement`: a claim of this kind; `None` for `kind:claim`
    /// (any claim).
    Kind(Option<ClaimKind>),
    /// `sources>=N` and friends: a claim carried by this many articles.
    Sources(Cmp, usize),
    /// `since:`, `until:`, `date:`: the article's date.
    Date(DateFilter),
    /// `has:note|annotation|tag|claim`.
    Has(Has),
    /// `unread` or `is:unread`.
    Unread,
    /// `is:read`.
    Read,
}

/// A comparison for `sources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `>=`
    AtLeast,
    /// `>`
    MoreThan,
    /// `<=`
    AtMost,
    /// `<`
    LessThan,
    /// `=` or `:`
    Exactly,
}

impl Cmp {
    /// Whether `value` satisfies the comparison with `bound`.
    pub fn holds(self, value: usize, bound: usize) -> bool {
        match self {
            Cmp::AtLeast => value >= bound,
            Cmp::MoreThan => value > bound,
            Cmp::AtMost => value <= bound,
            Cmp::LessThan => value < bound,
            Cmp::Exactly => value == bound,
        }
    }
}

/// A day, or a number of days before today (`7d`, `2w`), resolved when the query runs
/// so a saved query keeps meaning "the last week".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    /// A calendar day.
    On(Date),
    /// This many days before today (0 is today).
    DaysAgo(u32),
}

/// A condition on the article's date. Undated articles never match one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFilter {
    /// `since:DAY`: on or after the day.
    Since(Day),
    /// `until:DAY`: on or before the day.
    Until(Day),
    /// `date:DAY`, `date:YYYY-MM`, `date:YYYY`, `date:A..B`: within the days, both ends
    /// included.
    Between(Day, Day),
}

/// What `has:` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Has {
    /// An annotation with a note.
    Note,
    /// Any annotation (a highlight, a tag, a note).
    Annotation,
    /// An annotation with at least one tag.
    Tag,
    /// A claim of the analysis.
    Claim,
}

/// A query that could not be read: what is wrong, where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong, naming the offending word and what was expected there.
    pub message: String,
    /// The offending part of the query, as byte offsets.
    pub span: Range<usize>,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

impl Query {
    /// Reads a query; every word matches whole words.
    pub fn parse(text: &str) -> Result<Self, QueryError> {
        parse(text, false)
    }

    /// Reads a query as it is being typed: the last word, when nothing follows it,
    /// matches every word it starts (`cran` finds "crane").
    pub fn parse_typing(text: &str) -> Result<Self, QueryError> {
        parse(text, true)
    }
}

fn parse(text: &str, _typing: bool) -> Result<Query, QueryError> {
    Err(QueryError {
        message: "queries are not read yet".to_owned(),
        span: 0..text.len(),
    })
}
