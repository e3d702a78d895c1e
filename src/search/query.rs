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
//! NOT binds tighter than AND, AND tighter than OR. A `-` negates only at the start of
//! a term and only when a letter, a digit, a phrase or a group follows it (`-ferry`,
//! `-"crane order"`); inside a word (`well-known`) it is part of the word.
//!
//! A word is a run of characters other than whitespace, `"`, `(` and `)`. Words and
//! phrases are compared without case or accents, and without the punctuation around
//! them: a word may start with a letter, a digit or a currency sign and end with a
//! letter, a digit or `%`, so `crane,` is `crane`, `"u.s."` is `u.s` and `$40`, `40%`,
//! `o'neill` stay whole. A word with no letter or digit (`,`, `--`) is skipped.
//!
//! Fields (names in any case): `entity:`, `source:` (words), `tag:` (one tag, kept as
//! the annotation store keeps tags), `kind:quote|figure|statement|claim`,
//! `has:note|annotation|tag|claim`, `is:read|unread`, `since:`, `until:`, `date:`, and
//! `sources` with `>=`, `>`, `<=`, `<`, `=` or `:`. A value is a word or a phrase
//! written right after the colon. The bare word `unread` means `is:unread`; any other
//! `letters:` run is an unknown field (quote it to search for it as a word).
//!
//! Dates are `2026-03-01` (month and day may have one digit), `2026-03`, `2026`, `7d`,
//! `2w`, `today` and `yesterday`. A month or a year means its first day for `since:`,
//! its last for `until:` and all its days for `date:`; `date:A..B` spans from the
//! first day of `A` to the last of `B`.
//!
//! A query is at most 2000 bytes, and groups and negations nest at most 32 deep.

use std::fmt;
use std::iter::Peekable;
use std::ops::Range;

use crate::analysis::ClaimKind;
use crate::annotations::normalise_tags;
use crate::text::{fold_lower, Date};

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
    /// matches every word it starts (`cran` finds "crane"). A phrase or group still
    /// open at the end counts as closed there, and one left empty is ignored.
    pub fn parse_typing(text: &str) -> Result<Self, QueryError> {
        parse(text, true)
    }
}

/// The longest query read, in bytes; a longer one is refused rather than cut short.
const MAX_QUERY_BYTES: usize = 2000;

/// How deeply groups and negations may nest, so that no query can exhaust the stack
/// of the parser or of whatever walks the tree afterwards.
const MAX_DEPTH: usize = 32;

/// The field names, in the order error messages list them.
const FIELD_NAMES: &str = "entity, tag, source, kind, sources, since, until, date, has, is";

/// Reads a whole query: cuts it into pieces, reads each piece, then groups them.
fn parse(text: &str, typing: bool) -> Result<Query, QueryError> {
    if text.len() > MAX_QUERY_BYTES {
        let over = (MAX_QUERY_BYTES..text.len())
            .find(|&at| text.is_char_boundary(at))
            .unwrap_or(text.len());
        return Err(error(
            format!("the query is longer than {MAX_QUERY_BYTES} bytes: shorten it"),
            over..text.len(),
        ));
    }
    let tokens = read_pieces(text, cut(text, typing)?, typing)?;
    let mut parser = Parser {
        text,
        tokens: tokens.into_iter().peekable(),
        typing,
    };
    Ok(parser.parse_or(0)?.unwrap_or(Query::All))
}

/// Builds an error.
fn error(message: String, span: Range<usize>) -> QueryError {
    QueryError { message, span }
}

// ---------------------------------------------------------------------------------
// Cutting the text into pieces

/// A piece of the query as [`cut`] finds it, before its words are read.
#[derive(Debug)]
enum Piece<'q> {
    /// `(`
    Open,
    /// `)`
    Close,
    /// A `-` that negates the term it starts.
    Minus,
    /// A run of characters up to whitespace, a quote or a parenthesis.
    Run(&'q str),
    /// A quoted phrase: the text between the quotes; `closed` is false when the query
    /// ended before the closing quote (only while typing).
    Phrase { inner: &'q str, closed: bool },
}

/// A piece and where it stands in the query, as byte offsets.
#[derive(Debug)]
struct Cut<'q> {
    /// What the piece is.
    piece: Piece<'q>,
    /// Where it is; a phrase's span includes its quotes.
    span: Range<usize>,
}

/// Whether a character ends a run: whitespace, a quote or a parenthesis.
fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '(' | ')')
}

/// The length in bytes of the run that starts `text`.
fn run_len(text: &str) -> usize {
    text.find(is_delimiter).unwrap_or(text.len())
}

/// Whether a `-` followed by `rest` negates: it does when a phrase, a group or a run
/// with a letter or digit follows it directly, so `-ferry` and `-"crane order"`
/// negate while a lone `-` or `--` between words is punctuation.
fn negates(rest: &str) -> bool {
    match rest.chars().next() {
        Some('"' | '(') => true,
        Some(_) => rest[..run_len(rest)].chars().any(char::is_alphanumeric),
        None => false,
    }
}

/// Cuts a query into parentheses, negations, runs and phrases. While typing, a phrase
/// whose closing quote is missing runs to the end of the query.
fn cut(text: &str, typing: bool) -> Result<Vec<Cut<'_>>, QueryError> {
    let mut cuts = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let next = at + c.len_utf8();
        let (piece, end) = match c {
            c if c.is_whitespace() => {
                at = next;
                continue;
            }
            '(' => (Piece::Open, next),
            ')' => (Piece::Close, next),
            '"' => match text[next..].find('"') {
                Some(len) => (
                    Piece::Phrase {
                        inner: &text[next..next + len],
                        closed: true,
                    },
                    next + len + 1,
                ),
                None if typing => (
                    Piece::Phrase {
                        inner: &text[next..],
                        closed: false,
                    },
                    text.len(),
                ),
                None => {
                    return Err(error(
                        "the quote `\"` that starts here is never closed: end the phrase with \
                         another `\"`"
                            .to_owned(),
                        at..next,
                    ))
                }
            },
            '-' if negates(&text[next..]) => (Piece::Minus, next),
            _ => {
                let end = at + run_len(&text[at..]);
                (Piece::Run(&text[at..end]), end)
            }
        };
        cuts.push(Cut {
            piece,
            span: at..end,
        });
        at = end;
    }
    Ok(cuts)
}

// ---------------------------------------------------------------------------------
// Reading words, fields and operators

/// What the parser groups: an operator, a parenthesis or a term.
#[derive(Debug)]
enum Token {
    /// `(`
    Open,
    /// `)`
    Close,
    /// `NOT` or a negating `-`.
    Not,
    /// `AND`
    And,
    /// `OR`
    Or,
    /// A condition.
    Term(Term),
}

/// A token and where it stands in the query.
#[derive(Debug)]
struct Spanned {
    /// What it is.
    token: Token,
    /// Where it is, as byte offsets.
    span: Range<usize>,
}

/// Reads each piece into a token, dropping words that are only punctuation. A field
/// name followed directly by a phrase (`entity:"Mara Quint"`) takes it as its value.
fn read_pieces(text: &str, cuts: Vec<Cut<'_>>, typing: bool) -> Result<Vec<Spanned>, QueryError> {
    let mut tokens = Vec::new();
    let mut cuts = cuts.into_iter().peekable();
    while let Some(Cut { piece, mut span }) = cuts.next() {
        let token = match piece {
            Piece::Open => Token::Open,
            Piece::Close => Token::Close,
            Piece::Minus => Token::Not,
            Piece::Phrase { inner, closed } => {
                let words = words_of(inner);
                if words.is_empty() {
                    if typing && !closed {
                        // The quote was only just opened: nothing to search for yet.
                        continue;
                    }
                    return Err(error(
                        format!(
                            "`{}` is an empty phrase: put words between the quotes",
                            &text[span.clone()]
                        ),
                        span,
                    ));
                }
                Token::Term(Term::Phrase(words))
            }
            Piece::Run(run) => {
                let takes_phrase = field_name(run).is_some_and(|name| name.len() + 1 == run.len())
                    && cuts.peek().is_some_and(|next| {
                        matches!(next.piece, Piece::Phrase { .. }) && next.span.start == span.end
                    });
                let phrase = if takes_phrase { cuts.next() } else { None };
                let value = match phrase {
                    Some(Cut {
                        piece: Piece::Phrase { inner, .. },
                        span: phrase_span,
                    }) => {
                        span.end = phrase_span.end;
                        Some(Value {
                            text: inner,
                            start: phrase_span.start + 1,
                        })
                    }
                    _ => None,
                };
                match read_run(text, run, span.clone(), value, typing)? {
                    Some(token) => token,
                    None => continue,
                }
            }
        };
        tokens.push(Spanned { token, span });
    }
    Ok(tokens)
}

/// Reads one run: an operator, `sources` with its comparison, a field, or a word.
/// `span` covers the run and, when `phrase` is its value, the phrase. Gives `None` for
/// a run with nothing to search for (`,`).
fn read_run(
    text: &str,
    run: &str,
    span: Range<usize>,
    phrase: Option<Value<'_>>,
    typing: bool,
) -> Result<Option<Token>, QueryError> {
    match run {
        "AND" => return Ok(Some(Token::And)),
        "OR" => return Ok(Some(Token::Or)),
        "NOT" => return Ok(Some(Token::Not)),
        _ => {}
    }
    if run.eq_ignore_ascii_case("sources") {
        return Err(error(
            format!(
                "`{run}` needs a comparison and a number: sources>=3 (to search for the word, \
                 quote it: \"{run}\")"
            ),
            span,
        ));
    }
    if let Some((cmp, label_len)) = sources_comparison(run) {
        let value = Value {
            text: &run[label_len..],
            start: span.start + label_len,
        };
        return read_count(&run[..label_len], cmp, value, span).map(|t| Some(Token::Term(t)));
    }
    if let Some(name) = field_name(run) {
        let label_span = span.start..span.start + name.len() + 1;
        let label = &text[label_span.clone()];
        let Some(field) = Field::named(name) else {
            return Err(error(
                format!(
                    "unknown field `{label}` — fields are {FIELD_NAMES} (to search for the \
                     word, quote it: \"{run}\")"
                ),
                label_span,
            ));
        };
        let value = phrase.unwrap_or(Value {
            text: &run[label.len()..],
            start: label_span.end,
        });
        return read_field(field, label, value, span).map(|t| Some(Token::Term(t)));
    }
    let word = fold_word(run);
    if word.is_empty() {
        return Ok(None);
    }
    if word == "unread" {
        return Ok(Some(Token::Term(Term::Unread)));
    }
    // The word being typed is the one that reaches the end of the query, with no
    // punctuation after it that would show it finished.
    let prefix = typing && span.end == text.len() && run.chars().next_back().is_some_and(ends_word);
    Ok(Some(Token::Term(Term::Word { word, prefix })))
}

/// Whether a character may start a searched word: a letter, a digit or a currency
/// sign (`$40`).
fn starts_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '$' | '£' | '€' | '¥')
}

/// Whether a character may end a searched word: a letter, a digit or `%` (`40%`).
fn ends_word(c: char) -> bool {
    c.is_alphanumeric() || c == '%'
}

/// Folds a typed word for searching: the punctuation around it goes (`crane,` is
/// `crane`, `"u.s."` is `u.s`), what is inside stays (`well-known`, `o'neill`), and
/// case and accents fold away. Gives an empty string when no letter or digit is left.
fn fold_word(raw: &str) -> String {
    let core = raw
        .trim_start_matches(|c| !starts_word(c))
        .trim_end_matches(|c| !ends_word(c));
    if core.chars().any(char::is_alphanumeric) {
        fold_lower(core)
    } else {
        String::new()
    }
}

/// The folded words of a phrase or a multi-word value, in order.
fn words_of(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(fold_word)
        .filter(|word| !word.is_empty())
        .collect()
}

/// The field name of a run of the form `name:…`, where the name is letters only.
fn field_name(run: &str) -> Option<&str> {
    let (name, _) = run.split_once(':')?;
    (!name.is_empty() && name.chars().all(char::is_alphabetic)).then_some(name)
}

/// The comparison of a run `sources>=…` (any case) and the length of `sources>=`.
fn sources_comparison(run: &str) -> Option<(Cmp, usize)> {
    const NAME: &str = "sources";
    if !run.get(..NAME.len())?.eq_ignore_ascii_case(NAME) {
        return None;
    }
    let rest = &run[NAME.len()..];
    [
        (">=", Cmp::AtLeast),
        ("<=", Cmp::AtMost),
        (">", Cmp::MoreThan),
        ("<", Cmp::LessThan),
        ("=", Cmp::Exactly),
    ]
    .into_iter()
    .find(|(sign, _)| rest.starts_with(sign))
    .map(|(sign, cmp)| (cmp, NAME.len() + sign.len()))
}

/// A field of the query language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// `entity:`
    Entity,
    /// `tag:`
    Tag,
    /// `source:`
    Source,
    /// `kind:`
    Kind,
    /// `sources:` (the same as `sources=`)
    Sources,
    /// `since:`
    Since,
    /// `until:`
    Until,
    /// `date:`
    Date,
    /// `has:`
    Has,
    /// `is:`
    Is,
}

impl Field {
    /// The field with this name, in any case.
    fn named(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "entity" => Field::Entity,
            "tag" => Field::Tag,
            "source" => Field::Source,
            "kind" => Field::Kind,
            "sources" => Field::Sources,
            "since" => Field::Since,
            "until" => Field::Until,
            "date" => Field::Date,
            "has" => Field::Has,
            "is" => Field::Is,
            _ => return None,
        })
    }

    /// An example of the field with a value, for messages.
    fn example(self) -> &'static str {
        match self {
            Field::Entity => "entity:\"Mara Quint\"",
            Field::Tag => "tag:disputed",
            Field::Source => "source:\"Ledger Daily\"",
            Field::Kind => "kind:quote",
            Field::Sources => "sources:3",
            Field::Since => "since:2026-03-01",
            Field::Until => "until:2026-03-31",
            Field::Date => "date:2026-03",
            Field::Has => "has:note",
            Field::Is => "is:unread",
        }
    }
}

/// A field's value as typed, and where it starts in the query.
#[derive(Debug, Clone, Copy)]
struct Value<'q> {
    /// The text, without the quotes of a phrase.
    text: &'q str,
    /// Its byte offset in the query.
    start: usize,
}

impl<'q> Value<'q> {
    /// Where the value is in the query.
    fn span(self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }

    /// The value without whitespace around it.
    fn trim(self) -> Self {
        let lead = self.text.len() - self.text.trim_start().len();
        Value {
            text: self.text.trim(),
            start: self.start + lead,
        }
    }

    /// The two ends of a range `A..B`, when the value is one.
    fn split_range(self) -> Option<(Value<'q>, Value<'q>)> {
        let at = self.text.find("..")?;
        Some((
            Value {
                text: &self.text[..at],
                start: self.start,
            },
            Value {
                text: &self.text[at + 2..],
                start: self.start + at + 2,
            },
        ))
    }
}

/// Reads a field's value into its term. `label` is the name as typed with its colon;
/// `whole` covers the field and its value.
fn read_field(
    field: Field,
    label: &str,
    value: Value<'_>,
    whole: Range<usize>,
) -> Result<Term, QueryError> {
    if field == Field::Sources {
        return read_count(label, Cmp::Exactly, value, whole);
    }
    let value = value.trim();
    let needs_value = || {
        error(
            format!("`{label}` needs a value: {}", field.example()),
            whole.clone(),
        )
    };
    let not_one_of = |choices: &str| {
        error(
            format!("`{label}` takes {choices}, not `{}`", value.text),
            value.span(),
        )
    };
    if value.text.is_empty() {
        return Err(needs_value());
    }
    match field {
        Field::Entity | Field::Source => {
            let words = words_of(value.text);
            if words.is_empty() {
                Err(needs_value())
            } else if field == Field::Entity {
                Ok(Term::Entity(words))
            } else {
                Ok(Term::Source(words))
            }
        }
        Field::Tag => {
            // One text gives at most one tag; none when it held only separators.
            let mut tags = normalise_tags(vec![value.text.to_owned()]);
            match (tags.pop(), tags.is_empty()) {
                (Some(tag), true) => Ok(Term::Tag(tag)),
                _ => Err(needs_value()),
            }
        }
        Field::Kind => match fold_word(value.text).as_str() {
            "quote" => Ok(Term::Kind(Some(ClaimKind::Quote))),
            "figure" => Ok(Term::Kind(Some(ClaimKind::Figure))),
            "statement" => Ok(Term::Kind(Some(ClaimKind::Statement))),
            "claim" => Ok(Term::Kind(None)),
            _ => Err(not_one_of("quote, figure, statement or claim")),
        },
        Field::Has => match fold_word(value.text).as_str() {
            "note" => Ok(Term::Has(Has::Note)),
            "annotation" => Ok(Term::Has(Has::Annotation)),
            "tag" => Ok(Term::Has(Has::Tag)),
            "claim" => Ok(Term::Has(Has::Claim)),
            _ => Err(not_one_of("note, annotation, tag or claim")),
        },
        Field::Is => match fold_word(value.text).as_str() {
            "read" => Ok(Term::Read),
            "unread" => Ok(Term::Unread),
            _ => Err(not_one_of("read or unread")),
        },
        Field::Since | Field::Until => {
            let when = read_when(value.text).map_err(|p| date_error(p, label, field, value))?;
            Ok(Term::Date(if field == Field::Since {
                DateFilter::Since(when.first())
            } else {
                DateFilter::Until(when.last())
            }))
        }
        Field::Date => read_date_range(label, value).map(Term::Date),
        // Read before the value is checked, so that its message asks for a number.
        Field::Sources => read_count(label, Cmp::Exactly, value, whole),
    }
}

/// Reads the number of `sources>=N` and friends. `label` is `sources` and its
/// comparison as typed; `whole` covers them and the number.
fn read_count(
    label: &str,
    cmp: Cmp,
    value: Value<'_>,
    whole: Range<usize>,
) -> Result<Term, QueryError> {
    let value = value.trim();
    if value.text.is_empty() {
        return Err(error(
            format!("`{label}` needs a number: sources>=3"),
            whole,
        ));
    }
    let count = is_digits(value.text)
        .then(|| value.text.parse().ok())
        .flatten();
    match count {
        Some(count) => Ok(Term::Sources(cmp, count)),
        None => Err(error(
            format!("`{label}` takes a whole number, not `{}`", value.text),
            value.span(),
        )),
    }
}

/// Whether a text is one or more ASCII digits.
fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

// ---------------------------------------------------------------------------------
// Dates

/// What a date value names: one day, or every day of a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// One day.
    Day(Day),
    /// The days from the first to the last, both included.
    Days(Date, Date),
}

impl When {
    /// The first day it names.
    fn first(self) -> Day {
        match self {
            When::Day(day) => day,
            When::Days(first, _) => Day::On(first),
        }
    }

    /// The last day it names.
    fn last(self) -> Day {
        match self {
            When::Day(day) => day,
            When::Days(_, last) => Day::On(last),
        }
    }
}

/// Why a date value could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateProblem {
    /// It is not written as any date form.
    Shape,
    /// `YYYY-MM-DD` naming a day that does not exist.
    NoSuchDay,
    /// `YYYY-MM` naming a month that does not exist.
    NoSuchMonth,
    /// `YYYY` naming year 0.
    NoSuchYear,
    /// `Nd` or `Nw` with more days than can be counted.
    TooFarBack,
}

/// Reads a date value: `2026-03-01` (month and day may have one digit), `2026-03`,
/// `2026`, `7d`, `2w`, `today`, `yesterday`, in any case.
fn read_when(text: &str) -> Result<When, DateProblem> {
    let text = text.to_ascii_lowercase();
    match text.as_str() {
        "today" => return Ok(When::Day(Day::DaysAgo(0))),
        "yesterday" => return Ok(When::Day(Day::DaysAgo(1))),
        _ => {}
    }
    if let Some((count, unit)) = text
        .strip_suffix('d')
        .map(|n| (n, 1))
        .or_else(|| text.strip_suffix('w').map(|n| (n, 7)))
    {
        if is_digits(count) {
            let days = count
                .parse::<u32>()
                .ok()
                .and_then(|n| n.checked_mul(unit))
                .ok_or(DateProblem::TooFarBack)?;
            return Ok(When::Day(Day::DaysAgo(days)));
        }
        return Err(DateProblem::Shape);
    }
    let parts: Vec<&str> = text.split('-').collect();
    if !parts.iter().all(|part| is_digits(part)) {
        return Err(DateProblem::Shape);
    }
    let number = |part: &str| part.parse::<u16>().map_err(|_| DateProblem::Shape);
    let small = |part: &str| part.parse::<u8>().map_err(|_| DateProblem::Shape);
    match parts.as_slice() {
        [year] if year.len() == 4 => {
            let year = number(year)?;
            let first = Date::new(year, 1, 1).ok_or(DateProblem::NoSuchYear)?;
            let last = Date::new(year, 12, 31).ok_or(DateProblem::NoSuchYear)?;
            Ok(When::Days(first, last))
        }
        [year, month] if year.len() == 4 && month.len() <= 2 => {
            let (year, month) = (number(year)?, small(month)?);
            let first = Date::new(year, month, 1).ok_or(DateProblem::NoSuchMonth)?;
            let last = (28..=31)
                .rev()
                .find_map(|day| Date::new(year, month, day))
                .ok_or(DateProblem::NoSuchMonth)?;
            Ok(When::Days(first, last))
        }
        [year, month, day] if year.len() == 4 && month.len() <= 2 && day.len() <= 2 => {
            let date = Date::new(number(year)?, small(month)?, small(day)?)
                .ok_or(DateProblem::NoSuchDay)?;
            Ok(When::Day(Day::On(date)))
        }
        _ => Err(DateProblem::Shape),
    }
}

/// The error for a date value that could not be read.
fn date_error(problem: DateProblem, label: &str, field: Field, value: Value<'_>) -> QueryError {
    let text = value.text;
    let message = match problem {
        DateProblem::Shape if field == Field::Date => format!(
            "`{label}` takes a day, month, year or range (2026-03-01, 2026-03, 2026, 7d, \
             today, 2026-03-01..2026-03-15), not `{text}`"
        ),
        DateProblem::Shape => format!(
            "`{label}` takes a date (2026-03-01, 2026-03, 2026, 7d, 2w, today), not `{text}`"
        ),
        DateProblem::NoSuchDay => format!("`{text}` is not a day on the calendar"),
        DateProblem::NoSuchMonth => format!("`{text}` is not a month on the calendar"),
        DateProblem::NoSuchYear => format!("`{text}` is not a year on the calendar"),
        DateProblem::TooFarBack => format!("`{text}` reaches back further than can be counted"),
    };
    error(message, value.span())
}

/// Reads the value of `date:`: one day, a month, a year, or a range `A..B` of any of
/// them, both ends included.
fn read_date_range(label: &str, value: Value<'_>) -> Result<DateFilter, QueryError> {
    let read =
        |end: Value<'_>| read_when(end.text).map_err(|p| date_error(p, label, Field::Date, end));
    let Some((from, to)) = value.split_range() else {
        let when = read(value)?;
        return Ok(DateFilter::Between(when.first(), when.last()));
    };
    let (from, to) = (from.trim(), to.trim());
    if from.text.is_empty() || to.text.is_empty() {
        return Err(error(
            format!(
                "`{label}` needs a day on both sides of `..` (date:2026-03-01..2026-03-15), \
                 not `{}`",
                value.text
            ),
            value.span(),
        ));
    }
    let (start, end) = (read(from)?.first(), read(to)?.last());
    let backwards = match (start, end) {
        (Day::On(start), Day::On(end)) => start > end,
        (Day::DaysAgo(start), Day::DaysAgo(end)) => start < end,
        // A day and a count of days ago compare only once the query runs.
        _ => false,
    };
    if backwards {
        return Err(error(
            format!(
                "the range `{}` starts after it ends: put the earlier day first",
                value.text
            ),
            value.span(),
        ));
    }
    Ok(DateFilter::Between(start, end))
}

// ---------------------------------------------------------------------------------
// Grouping tokens into a query

/// A recursive-descent parser over the tokens of one query.
struct Parser<'q> {
    /// The query, for quoting operators in messages.
    text: &'q str,
    /// The tokens not read yet.
    tokens: Peekable<std::vec::IntoIter<Spanned>>,
    /// Whether a group still open at the end closes there.
    typing: bool,
}

impl Parser<'_> {
    /// The next token, without taking it.
    fn peek(&mut self) -> Option<&Token> {
        self.tokens.peek().map(|next| &next.token)
    }

    /// The span of the next token; call only after [`Parser::peek`] found one.
    fn next_span(&mut self) -> Range<usize> {
        self.tokens.next().map_or(0..0, |next| next.span)
    }

    /// The error for an operator without a term on one side.
    fn lonely(&self, span: Range<usize>) -> QueryError {
        let op = &self.text[span.clone()];
        error(format!("`{op}` needs a term on both sides"), span)
    }

    /// `or = and { "OR" and }`. Gives `None` when there is no term at all, which the
    /// caller turns into [`Query::All`] or an empty group.
    fn parse_or(&mut self, depth: usize) -> Result<Option<Query>, QueryError> {
        let mut parts = Vec::new();
        let mut last_or: Option<Range<usize>> = None;
        loop {
            let part = self.parse_and(depth)?;
            let or_follows = matches!(self.peek(), Some(Token::Or));
            match part {
                Some(part) => parts.push(part),
                // Nothing before this `OR`.
                None if or_follows => {
                    let span = self.next_span();
                    return Err(self.lonely(span));
                }
                // Nothing after the last `OR`.
                None => {
                    if let Some(span) = last_or {
                        return Err(self.lonely(span));
                    }
                }
            }
            if !or_follows {
                break;
            }
            last_or = Some(self.next_span());
        }
        Ok(combine(parts, false))
    }

    /// `and = unary { ["AND"] unary }`, up to an `OR`, a `)` or the end.
    fn parse_and(&mut self, depth: usize) -> Result<Option<Query>, QueryError> {
        let mut parts = Vec::new();
        let mut open_and: Option<Range<usize>> = None;
        loop {
            match self.peek() {
                Some(Token::Close) if depth == 0 => {
                    let span = self.next_span();
                    return Err(error("`)` has no `(` to close".to_owned(), span));
                }
                None | Some(Token::Or | Token::Close) => break,
                Some(Token::And) => {
                    let span = self.next_span();
                    if parts.is_empty() || open_and.is_some() {
                        return Err(self.lonely(span));
                    }
                    open_and = Some(span);
                }
                Some(_) => {
                    if let Some(part) = self.parse_unary(depth)? {
                        parts.push(part);
                        open_and = None;
                    }
                }
            }
        }
        if let Some(span) = open_and {
            return Err(self.lonely(span));
        }
        Ok(combine(parts, true))
    }

    /// `unary = ("NOT" | "-") unary | primary`; each negation counts as a level of
    /// nesting.
    fn parse_unary(&mut self, depth: usize) -> Result<Option<Query>, QueryError> {
        let mut negations = Vec::new();
        while matches!(self.peek(), Some(Token::Not)) {
            let span = self.next_span();
            if depth + negations.len() + 1 > MAX_DEPTH {
                return Err(too_deep(span));
            }
            negations.push(span);
        }
        let primary = self.parse_primary(depth + negations.len())?;
        match (primary, negations.last()) {
            (Some(query), _) => Ok(Some(
                negations
                    .iter()
                    .fold(query, |query, _| Query::Not(Box::new(query))),
            )),
            (None, Some(span)) => {
                let op = &self.text[span.clone()];
                Err(error(format!("`{op}` needs a term after it"), span.clone()))
            }
            (None, None) => Ok(None),
        }
    }

    /// `primary = "(" or ")" | term`. Gives `None` when no term starts here, or for a
    /// group left open and empty at the end while typing.
    fn parse_primary(&mut self, depth: usize) -> Result<Option<Query>, QueryError> {
        match self.peek() {
            Some(Token::Term(_)) => Ok(self.tokens.next().and_then(|next| match next.token {
                Token::Term(term) => Some(Query::Term(term)),
                _ => None,
            })),
            Some(Token::Open) => {
                let open = self.next_span();
                if depth + 1 > MAX_DEPTH {
                    return Err(too_deep(open));
                }
                let inner = self.parse_or(depth + 1)?;
                if !matches!(self.peek(), Some(Token::Close)) {
                    // Only the end of the query stops a group without its `)`.
                    return if self.typing {
                        Ok(inner)
                    } else {
                        Err(error("`(` is never closed: add a `)`".to_owned(), open))
                    };
                }
                let close = self.next_span();
                let group = open.start..close.end;
                inner.map(Some).ok_or_else(|| {
                    error(
                        format!(
                            "`{}` is an empty group: put terms between the parentheses",
                            &self.text[group.clone()]
                        ),
                        group,
                    )
                })
            }
            _ => Ok(None),
        }
    }
}

/// The error for nesting past [`MAX_DEPTH`], at the parenthesis or negation that
/// goes one level too deep.
fn too_deep(span: Range<usize>) -> QueryError {
    error(
        format!("the query is nested more than {MAX_DEPTH} levels deep: remove some parentheses"),
        span,
    )
}

/// Joins parts with AND (`and`) or OR, flattening parts that are already joined the
/// same way; one part stands alone and no part is `None`.
fn combine(parts: Vec<Query>, and: bool) -> Option<Query> {
    let mut flat = Vec::with_capacity(parts.len());
    for part in parts {
        match part {
            Query::And(inner) if and => flat.extend(inner),
            Query::Or(inner) if !and => flat.extend(inner),
            part => flat.push(part),
        }
    }
    match flat.len() {
        0 => None,
        1 => flat.pop(),
        _ if and => Some(Query::And(flat)),
        _ => Some(Query::Or(flat)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn word(word: &str) -> Query {
        Query::Term(Term::Word {
            word: word.to_owned(),
            prefix: false,
        })
    }

    fn prefix(word: &str) -> Query {
        Query::Term(Term::Word {
            word: word.to_owned(),
            prefix: true,
        })
    }

    fn words(words: &[&str]) -> Vec<String> {
        words.iter().map(|&w| w.to_owned()).collect()
    }

    fn phrase(of: &[&str]) -> Query {
        Query::Term(Term::Phrase(words(of)))
    }

    fn term(term: Term) -> Query {
        Query::Term(term)
    }

    fn not(query: Query) -> Query {
        Query::Not(Box::new(query))
    }

    fn and(parts: Vec<Query>) -> Query {
        Query::And(parts)
    }

    fn or(parts: Vec<Query>) -> Query {
        Query::Or(parts)
    }

    fn on(year: u16, month: u8, day: u8) -> Day {
        Day::On(Date::new(year, month, day).expect("a real day"))
    }

    fn date(filter: DateFilter) -> Query {
        Query::Term(Term::Date(filter))
    }

    /// Asserts that each query reads as the expected tree.
    fn check_all(cases: &[(&str, Query)]) {
        for (query, expected) in cases {
            assert_eq!(Query::parse(query).as_ref(), Ok(expected), "{query}");
        }
    }

    #[test]
    fn reads_words_phrases_and_operators() {
        let cases: Vec<(&str, Query)> = vec![
            ("", Query::All),
            ("   \t ", Query::All),
            (", --  -", Query::All),
            ("crane", word("crane")),
            ("Crane,", word("crane")),
            ("Inês VALCÁRCEL", and(vec![word("ines"), word("valcarcel")])),
            ("Σοφία", word("σοφία")),
            (
                "entity:\"Mara Quint\" tag:disputed sources>=3 since:2026-03-01 \
                 source:\"Ledger Daily\" has:note kind:quote \"crane order\"",
                and(vec![
                    term(Term::Entity(words(&["mara", "quint"]))),
                    term(Term::Tag("disputed".to_owned())),
                    term(Term::Sources(Cmp::AtLeast, 3)),
                    date(DateFilter::Since(on(2026, 3, 1))),
                    term(Term::Source(words(&["ledger", "daily"]))),
                    term(Term::Has(Has::Note)),
                    term(Term::Kind(Some(ClaimKind::Quote))),
                    phrase(&["crane", "order"]),
                ]),
            ),
            (
                "\"crane order\" (strike OR walkout) -ferry NOT unread",
                and(vec![
                    phrase(&["crane", "order"]),
                    or(vec![word("strike"), word("walkout")]),
                    not(word("ferry")),
                    not(term(Term::Unread)),
                ]),
            ),
            // Precedence: NOT > AND > OR.
            (
                "a b OR c",
                or(vec![and(vec![word("a"), word("b")]), word("c")]),
            ),
            (
                "a OR b c",
                or(vec![word("a"), and(vec![word("b"), word("c")])]),
            ),
            (
                "a AND b OR NOT c d",
                or(vec![
                    and(vec![word("a"), word("b")]),
                    and(vec![not(word("c")), word("d")]),
                ]),
            ),
            ("NOT a b", and(vec![not(word("a")), word("b")])),
            ("a AND b", and(vec![word("a"), word("b")])),
            (
                "(a OR b) c",
                and(vec![or(vec![word("a"), word("b")]), word("c")]),
            ),
            ("-(a b)", not(and(vec![word("a"), word("b")]))),
            ("NOT(a)", not(word("a"))),
            ("NOT NOT a", not(not(word("a")))),
            ("--a", not(not(word("a")))),
            ("-\"a b\"", not(phrase(&["a", "b"]))),
            // Flattening.
            (
                "a OR (b OR c) OR d",
                or(vec![word("a"), word("b"), word("c"), word("d")]),
            ),
            (
                "a (b (c d))",
                and(vec![word("a"), word("b"), word("c"), word("d")]),
            ),
            ("((a))", word("a")),
            ("(a) , (b)", and(vec![word("a"), word("b")])),
            // `-` inside a word, lone dashes, punctuation kept and dropped.
            ("well-known", word("well-known")),
            ("a - b", and(vec![word("a"), word("b")])),
            ("a -- b", and(vec![word("a"), word("b")])),
            ("-$40", not(word("$40"))),
            (
                "$40 40% O'Neill \"U.S.\"",
                and(vec![
                    word("$40"),
                    word("40%"),
                    word("o'neill"),
                    phrase(&["u.s"]),
                ]),
            ),
            ("(crane),", word("crane")),
            ("10:30", word("10:30")),
            // Lower-case operators are words.
            (
                "strike or not walkout and ferry",
                and(vec![
                    word("strike"),
                    word("or"),
                    word("not"),
                    word("walkout"),
                    word("and"),
                    word("ferry"),
                ]),
            ),
            ("\"Unread\"", phrase(&["unread"])),
            ("UNREAD", term(Term::Unread)),
            ("\"  Crane,  ORDER \"", phrase(&["crane", "order"])),
            ("a\"b\"", and(vec![word("a"), phrase(&["b"])])),
        ];
        check_all(&cases);
    }

    #[test]
    fn reads_fields() {
        let cases: Vec<(&str, Query)> = vec![
            ("ENTITY:Quint", term(Term::Entity(words(&["quint"])))),
            (
                "entity:\"Inês Valcárcel\"",
                term(Term::Entity(words(&["ines", "valcarcel"]))),
            ),
            ("tag:\"Key Quote\"", term(Term::Tag("key-quote".to_owned()))),
            ("Tag:Disputed", term(Term::Tag("disputed".to_owned()))),
            ("tag:x,y", term(Term::Tag("x-y".to_owned()))),
            ("source:ledger", term(Term::Source(words(&["ledger"])))),
            ("kind:figure", term(Term::Kind(Some(ClaimKind::Figure)))),
            (
                "kind:Statement",
                term(Term::Kind(Some(ClaimKind::Statement))),
            ),
            ("kind:claim", term(Term::Kind(None))),
            ("has:annotation", term(Term::Has(Has::Annotation))),
            ("has:tag", term(Term::Has(Has::Tag))),
            ("has:claim", term(Term::Has(Has::Claim))),
            ("is:read", term(Term::Read)),
            ("is:unread", term(Term::Unread)),
            ("sources>3", term(Term::Sources(Cmp::MoreThan, 3))),
            ("sources<=2", term(Term::Sources(Cmp::AtMost, 2))),
            ("sources<2", term(Term::Sources(Cmp::LessThan, 2))),
            ("sources=3", term(Term::Sources(Cmp::Exactly, 3))),
            ("Sources:3", term(Term::Sources(Cmp::Exactly, 3))),
            ("sourcesx", word("sourcesx")),
            (
                "-entity:\"Mara Quint\" OR -tag:x",
                or(vec![
                    not(term(Term::Entity(words(&["mara", "quint"])))),
                    not(term(Term::Tag("x".to_owned()))),
                ]),
            ),
        ];
        check_all(&cases);
    }

    #[test]
    fn reads_dates() {
        let cases: Vec<(&str, Query)> = vec![
            ("since:2026-3-1", date(DateFilter::Since(on(2026, 3, 1)))),
            ("since:2026-02", date(DateFilter::Since(on(2026, 2, 1)))),
            ("until:2024-02", date(DateFilter::Until(on(2024, 2, 29)))),
            ("until:2026", date(DateFilter::Until(on(2026, 12, 31)))),
            ("since:2026", date(DateFilter::Since(on(2026, 1, 1)))),
            ("since:7d", date(DateFilter::Since(Day::DaysAgo(7)))),
            ("since:2W", date(DateFilter::Since(Day::DaysAgo(14)))),
            ("since:Today", date(DateFilter::Since(Day::DaysAgo(0)))),
            ("until:yesterday", date(DateFilter::Until(Day::DaysAgo(1)))),
            (
                "date:2026-03-02",
                date(DateFilter::Between(on(2026, 3, 2), on(2026, 3, 2))),
            ),
            (
                "date:2026-04",
                date(DateFilter::Between(on(2026, 4, 1), on(2026, 4, 30))),
            ),
            (
                "date:2025",
                date(DateFilter::Between(on(2025, 1, 1), on(2025, 12, 31))),
            ),
            (
                "date:today",
                date(DateFilter::Between(Day::DaysAgo(0), Day::DaysAgo(0))),
            ),
            (
                "date:2026-01..2026-03-15",
                date(DateFilter::Between(on(2026, 1, 1), on(2026, 3, 15))),
            ),
            (
                "date:2025..2026-02",
                date(DateFilter::Between(on(2025, 1, 1), on(2026, 2, 28))),
            ),
            (
                "date:2w..yesterday",
                date(DateFilter::Between(Day::DaysAgo(14), Day::DaysAgo(1))),
            ),
            (
                "date:2026-03-01..3d",
                date(DateFilter::Between(on(2026, 3, 1), Day::DaysAgo(3))),
            ),
            (
                "date:\" 2026-03 .. 2026-04 \"",
                date(DateFilter::Between(on(2026, 3, 1), on(2026, 4, 30))),
            ),
        ];
        check_all(&cases);
    }

    #[test]
    fn marks_the_word_being_typed() {
        let cases: Vec<(&str, Query)> = vec![
            ("", Query::All),
            ("cran", prefix("cran")),
            ("Crân", prefix("cran")),
            ("crane ", word("crane")),
            ("strike cran", and(vec![word("strike"), prefix("cran")])),
            ("cran,", word("cran")),
            ("40%", prefix("40%")),
            ("-cran", not(prefix("cran"))),
            ("NOT cran", not(prefix("cran"))),
            ("a OR cran", or(vec![word("a"), prefix("cran")])),
            ("(a cran", and(vec![word("a"), prefix("cran")])),
            ("(a cran)", and(vec![word("a"), word("cran")])),
            ("((a OR cran", or(vec![word("a"), prefix("cran")])),
            ("\"crane ord", phrase(&["crane", "ord"])),
            ("crane \"", word("crane")),
            ("crane \"  ", word("crane")),
            ("crane (", word("crane")),
            ("crane (\"", word("crane")),
            ("entity:Qui", term(Term::Entity(words(&["qui"])))),
            (
                "entity:\"Mara Qu",
                term(Term::Entity(words(&["mara", "qu"]))),
            ),
            ("tag:disp", term(Term::Tag("disp".to_owned()))),
            ("unread", term(Term::Unread)),
            ("unr", prefix("unr")),
        ];
        for (query, expected) in cases {
            assert_eq!(Query::parse_typing(query), Ok(expected), "{query}");
        }
        // Outside typing mode no word is a prefix.
        assert_eq!(Query::parse("cran"), Ok(word("cran")));
    }

    #[test]
    fn nests_up_to_the_limit_and_no_further() {
        let deep = format!("{}a{}", "(".repeat(32), ")".repeat(32));
        assert_eq!(Query::parse(&deep), Ok(word("a")));
        let negated = format!("{}a", "NOT ".repeat(32));
        let mut expected = word("a");
        for _ in 0..32 {
            expected = not(expected);
        }
        assert_eq!(Query::parse(&negated), Ok(expected));
        // Far past the limit, open to the end: an error, not a stack overflow.
        for query in ["(".repeat(1999), "-".repeat(1999) + "a", "NOT ".repeat(499)] {
            for typing in [false, true] {
                let err = parse(&query, typing).expect_err("too deep");
                assert!(
                    err.message.contains("nested more than 32"),
                    "{}",
                    err.message
                );
            }
        }
    }

    /// Errors in fields and their values: (query, message, what the error points at).
    const FIELD_ERRORS: &[(&str, &str, &str)] = &[
        (
            "auther:Quint",
            "unknown field `auther:` — fields are entity, tag, source, kind, sources, \
             since, until, date, has, is (to search for the word, quote it: \
             \"auther:Quint\")",
            "auther:",
        ),
        (
            "crane Città:x",
            "unknown field `Città:` — fields are entity, tag, source, kind, sources, \
             since, until, date, has, is (to search for the word, quote it: \"Città:x\")",
            "Città:",
        ),
        (
            "kind:quotes",
            "`kind:` takes quote, figure, statement or claim, not `quotes`",
            "quotes",
        ),
        (
            "has:\"notes\"",
            "`has:` takes note, annotation, tag or claim, not `notes`",
            "notes",
        ),
        ("IS:new", "`IS:` takes read or unread, not `new`", "new"),
    ];

    /// Errors in dates.
    const DATE_ERRORS: &[(&str, &str, &str)] = &[
        (
            "since:march",
            "`since:` takes a date (2026-03-01, 2026-03, 2026, 7d, 2w, today), not `march`",
            "march",
        ),
        (
            "until:26-03-01",
            "`until:` takes a date (2026-03-01, 2026-03, 2026, 7d, 2w, today), not \
             `26-03-01`",
            "26-03-01",
        ),
        (
            "since:7x",
            "`since:` takes a date (2026-03-01, 2026-03, 2026, 7d, 2w, today), not `7x`",
            "7x",
        ),
        (
            "since:d",
            "`since:` takes a date (2026-03-01, 2026-03, 2026, 7d, 2w, today), not `d`",
            "d",
        ),
        (
            "date:last-week",
            "`date:` takes a day, month, year or range (2026-03-01, 2026-03, 2026, 7d, \
             today, 2026-03-01..2026-03-15), not `last-week`",
            "last-week",
        ),
        (
            "date:2026-03..soon",
            "`date:` takes a day, month, year or range (2026-03-01, 2026-03, 2026, 7d, \
             today, 2026-03-01..2026-03-15), not `soon`",
            "soon",
        ),
        (
            "since:2026-02-30",
            "`2026-02-30` is not a day on the calendar",
            "2026-02-30",
        ),
        (
            "until:2026-13",
            "`2026-13` is not a month on the calendar",
            "2026-13",
        ),
        ("date:0000", "`0000` is not a year on the calendar", "0000"),
        (
            "since:99999999999d",
            "`99999999999d` reaches back further than can be counted",
            "99999999999d",
        ),
        (
            "since:700000000w",
            "`700000000w` reaches back further than can be counted",
            "700000000w",
        ),
        (
            "date:2026-03..",
            "`date:` needs a day on both sides of `..` (date:2026-03-01..2026-03-15), not \
             `2026-03..`",
            "2026-03..",
        ),
        (
            "date:2026-03-05..2026-03-01",
            "the range `2026-03-05..2026-03-01` starts after it ends: put the earlier day \
             first",
            "2026-03-05..2026-03-01",
        ),
        (
            "date:1d..1w",
            "the range `1d..1w` starts after it ends: put the earlier day first",
            "1d..1w",
        ),
    ];

    /// Fields without a value, and `sources` without a comparison or a number.
    const MISSING_ERRORS: &[(&str, &str, &str)] = &[
        (
            "crane entity:",
            "`entity:` needs a value: entity:\"Mara Quint\"",
            "entity:",
        ),
        (
            "entity:\" , \"",
            "`entity:` needs a value: entity:\"Mara Quint\"",
            "entity:\" , \"",
        ),
        ("tag:", "`tag:` needs a value: tag:disputed", "tag:"),
        (
            "tag:\",\"",
            "`tag:` needs a value: tag:disputed",
            "tag:\",\"",
        ),
        (
            "source:\"\"",
            "`source:` needs a value: source:\"Ledger Daily\"",
            "source:\"\"",
        ),
        ("kind: quote", "`kind:` needs a value: kind:quote", "kind:"),
        ("has:", "`has:` needs a value: has:note", "has:"),
        ("is:", "`is:` needs a value: is:unread", "is:"),
        (
            "since:",
            "`since:` needs a value: since:2026-03-01",
            "since:",
        ),
        (
            "until:",
            "`until:` needs a value: until:2026-03-31",
            "until:",
        ),
        ("date:", "`date:` needs a value: date:2026-03", "date:"),
        (
            "crane Sources",
            "`Sources` needs a comparison and a number: sources>=3 (to search for the \
             word, quote it: \"Sources\")",
            "Sources",
        ),
        (
            "sources>= 3",
            "`sources>=` needs a number: sources>=3",
            "sources>=",
        ),
        (
            "sources:",
            "`sources:` needs a number: sources>=3",
            "sources:",
        ),
        (
            "sources>=three",
            "`sources>=` takes a whole number, not `three`",
            "three",
        ),
        (
            "sources=>3",
            "`sources=` takes a whole number, not `>3`",
            ">3",
        ),
        (
            "sources:-1",
            "`sources:` takes a whole number, not `-1`",
            "-1",
        ),
        (
            "sources<99999999999999999999999",
            "`sources<` takes a whole number, not `99999999999999999999999`",
            "99999999999999999999999",
        ),
    ];

    /// Errors in operators, groups and phrases.
    const STRUCTURE_ERRORS: &[(&str, &str, &str)] = &[
        ("OR crane", "`OR` needs a term on both sides", "OR"),
        ("crane OR", "`OR` needs a term on both sides", "OR"),
        ("OR", "`OR` needs a term on both sides", "OR"),
        ("a OR (b OR)", "`OR` needs a term on both sides", "OR"),
        ("AND crane", "`AND` needs a term on both sides", "AND"),
        ("crane AND", "`AND` needs a term on both sides", "AND"),
        ("a OR AND b", "`AND` needs a term on both sides", "AND"),
        ("crane NOT", "`NOT` needs a term after it", "NOT"),
        ("NOT OR a", "`NOT` needs a term after it", "NOT"),
        ("(a NOT)", "`NOT` needs a term after it", "NOT"),
        (
            "a -()",
            "`()` is an empty group: put terms between the parentheses",
            "()",
        ),
        ("crane (strike", "`(` is never closed: add a `)`", "("),
        ("crane)", "`)` has no `(` to close", ")"),
        ("(a)) b", "`)` has no `(` to close", ")"),
        (
            "a ( ) b",
            "`( )` is an empty group: put terms between the parentheses",
            "( )",
        ),
        (
            "crane \"order",
            "the quote `\"` that starts here is never closed: end the phrase with another \
             `\"`",
            "\"",
        ),
        (
            "crane \"\"",
            "`\"\"` is an empty phrase: put words between the quotes",
            "\"\"",
        ),
        (
            "\" , \"",
            "`\" , \"` is an empty phrase: put words between the quotes",
            "\" , \"",
        ),
    ];

    #[test]
    fn every_error_names_the_word_and_where_it_is() {
        // (query, message, the part of the query the error points at)
        let cases = [FIELD_ERRORS, DATE_ERRORS, MISSING_ERRORS, STRUCTURE_ERRORS].concat();
        for &(query, message, part) in &cases {
            for typing in [false, true] {
                let unclosed = ["crane (strike", "crane \"order"].contains(&query);
                if typing && unclosed {
                    // Still being typed: closed at the end instead.
                    assert!(parse(query, typing).is_ok(), "{query}");
                    continue;
                }
                let err = parse(query, typing).expect_err(query);
                assert_eq!(err.message, message, "{query}");
                assert_eq!(&query[err.span.clone()], part, "{query}");
                assert_eq!(err.to_string(), message);
            }
        }
        // Only while typing can a `-` be left with nothing: the group or phrase it
        // opened is closed at the end, empty.
        for query in ["crane -(", "crane -\""] {
            let err = Query::parse_typing(query).expect_err(query);
            assert_eq!(err.message, "`-` needs a term after it", "{query}");
            assert_eq!(&query[err.span], "-", "{query}");
        }
    }

    #[test]
    fn refuses_the_too_deep_and_the_too_long() {
        let deep = format!("{}a", "(".repeat(33));
        let err = Query::parse_typing(&deep).expect_err("too deep");
        assert_eq!(
            err.message,
            "the query is nested more than 32 levels deep: remove some parentheses"
        );
        assert_eq!(err.span, 32..33);
        let negated = format!("(a {}b)", "-".repeat(32));
        let err = Query::parse(&negated).expect_err("too deep");
        assert_eq!(err.message, too_deep(0..0).message);
        assert_eq!(&negated[err.span], "-");

        // 1999 bytes of `a`, then a two-byte letter across the limit.
        let long = format!("{}é crane", "a".repeat(1999));
        let err = Query::parse(&long).expect_err("too long");
        assert_eq!(
            err.message,
            "the query is longer than 2000 bytes: shorten it"
        );
        assert_eq!(&long[err.span], " crane");
        assert!(Query::parse(&"a".repeat(2000)).is_ok());
    }

    /// The query with every word's `prefix` cleared.
    fn without_prefixes(query: Query) -> Query {
        match query {
            Query::Term(Term::Word { word, .. }) => Query::Term(Term::Word {
                word,
                prefix: false,
            }),
            Query::And(parts) => Query::And(parts.into_iter().map(without_prefixes).collect()),
            Query::Or(parts) => Query::Or(parts.into_iter().map(without_prefixes).collect()),
            Query::Not(inner) => Query::Not(Box::new(without_prefixes(*inner))),
            other => other,
        }
    }

    /// Text made mostly of the query language's own pieces, with any character mixed in.
    fn query_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "(",
            ")",
            "\"",
            " ",
            "-",
            "OR",
            "AND",
            "NOT",
            ":",
            "..",
            ">=",
            "<",
            "entity:",
            "tag:",
            "source:",
            "kind:",
            "sources",
            "since:",
            "until:",
            "date:",
            "has:",
            "is:",
            "unread",
            "2026-03-01",
            "2026-02",
            "7d",
            "é",
            "É",
            "🦀",
            "\u{301}",
            "\u{a0}",
            ",",
            "crane",
            "$",
            "%",
        ]);
        prop::collection::vec(
            prop_oneof![
                3 => pieces.prop_map(str::to_owned),
                1 => any::<char>().prop_map(String::from),
            ],
            0..40,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// No text makes the parser panic; an error points inside the query on
        /// character boundaries; a query read whole reads the same while typing, but
        /// for the word being typed.
        #[test]
        fn never_panics_and_errors_point_into_the_query(
            text in prop_oneof![query_text(), any::<String>()],
        ) {
            let whole = Query::parse(&text);
            let typing = Query::parse_typing(&text);
            for err in [&whole, &typing].into_iter().filter_map(|r| r.as_ref().err()) {
                prop_assert!(err.span.start <= err.span.end && err.span.end <= text.len());
                prop_assert!(text.is_char_boundary(err.span.start));
                prop_assert!(text.is_char_boundary(err.span.end));
                prop_assert!(!err.message.is_empty());
            }
            if let Ok(query) = whole {
                prop_assert_eq!(typing.map(without_prefixes), Ok(query));
            }
        }
    }
}
