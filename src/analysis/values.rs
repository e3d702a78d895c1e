//! Money, percentages, dates and quantities, found first and normalised to one value
//! each, so that "$40M", "$40 million" and "forty million dollars" are the same amount.

use super::tokens::Token;
use super::{Context, EntityKind, Found, Span};
use crate::text::{month_number, Date};

const UNITS: &[&str] = &[
    "tonnes",
    "tonne",
    "tons",
    "ton",
    "kg",
    "kilograms",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "hectares",
    "acres",
    "litres",
    "liters",
    "gallons",
    "barrels",
    "megawatts",
    "MW",
    "GW",
    "TEU",
    "containers",
    "ships",
    "vessels",
    "cranes",
    "jobs",
    "workers",
    "employees",
    "staff",
    "members",
    "patients",
    "beds",
    "hospitals",
    "clinics",
    "sites",
    "berths",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "people",
    "residents",
    "households",
    "homes",
    "shifts",
    "crews",
    "records",
    "systems",
    "units",
];

#[allow(clippy::cast_precision_loss)] // indices below 20
/// The value of a number word up to ninety-nine ("forty", "forty-five").
fn number_word(word: &str) -> Option<f64> {
    if let Some(n) = small_number(word) {
        return Some(f64::from(n));
    }
    // "forty-five"
    let (tens, unit) = word.split_once(['-', '\u{2011}'])?;
    let t = small_number(tens).filter(|t| *t >= 20 && t % 10 == 0)?;
    let u = small_number(unit).filter(|u| (1..10).contains(u))?;
    Some(f64::from(t + u))
}

/// The value of one number word ("zero" to "nineteen", and the tens), matched on the
/// lower-cased bytes without allocating.
fn small_number(word: &str) -> Option<u32> {
    let bytes = word.as_bytes();
    if !(3..=9).contains(&bytes.len()) {
        return None;
    }
    let mut buf = [0u8; 9];
    for (b, w) in buf.iter_mut().zip(bytes) {
        *b = w.to_ascii_lowercase();
    }
    Some(match &buf[..bytes.len()] {
        b"zero" => 0,
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    })
}

fn scale_word(word: &str) -> Option<f64> {
    const SCALES: &[(&str, f64)] = &[
        ("thousand", 1e3),
        ("k", 1e3),
        ("million", 1e6),
        ("millions", 1e6),
        ("m", 1e6),
        ("mn", 1e6),
        ("billion", 1e9),
        ("billions", 1e9),
        ("bn", 1e9),
        ("b", 1e9),
        ("trillion", 1e12),
        ("tn", 1e12),
    ];
    if word.len() > 9 {
        return None;
    }
    SCALES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|(_, s)| *s)
}

/// Parses "40", "2,400", "3.5", "40M", "3bn", "forty", returning the value.
fn number(word: &str) -> Option<f64> {
    if let Some(n) = number_word(word) {
        return Some(n);
    }
    let digits_end = word
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(word.len());
    if digits_end == 0 {
        return None;
    }
    let n: f64 = word[..digits_end].replace(',', "").parse().ok()?;
    // Beyond a quadrillion, a "number" is an identifier or junk, not an amount.
    if !n.is_finite() || n >= 1e15 {
        return None;
    }
    let suffix = &word[digits_end..];
    if suffix.is_empty() {
        Some(n)
    } else {
        scale_word(suffix).map(|s| n * s)
    }
}

fn currency_symbol(sym: &str) -> Option<&'static str> {
    match sym {
        "$" => Some("$"),
        "£" => Some("£"),
        "€" => Some("€"),
        "¥" => Some("¥"),
        _ => None,
    }
}

fn currency_word(word: &str) -> Option<&'static str> {
    const CURRENCIES: &[(&str, &str)] = &[
        ("dollar", "$"),
        ("dollars", "$"),
        ("pound", "£"),
        ("pounds", "£"),
        ("euro", "€"),
        ("euros", "€"),
    ];
    CURRENCIES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|(_, c)| *c)
}

/// Writes an amount the way a reader expects: "$40 million", "$1.5 billion", "$250,000".
fn money_name(symbol: &str, amount: f64) -> String {
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if amount >= scale {
            return format!("{symbol}{} {word}", trim_number(amount / scale));
        }
    }
    format!("{symbol}{}", group_thousands(amount))
}

fn trim_number(n: f64) -> String {
    let s = format!("{n:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn group_thousands(n: f64) -> String {
    let whole = trim_number(n);
    let (int, frac) = whole
        .split_once('.')
        .map_or((whole.as_str(), None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

struct Hit {
    kind: EntityKind,
    name: String,
    span: Span,
    next: usize,
}

/// Finds values in the token stream; every token belongs to at most one value.
pub fn find(body: &str, tokens: &[Token], context: &Context) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut index: rustc_hash::FxHashMap<(EntityKind, String), usize> =
        rustc_hash::FxHashMap::default();
    let mut i = 0;
    while i < tokens.len() {
        if !could_start_value(tokens[i].text(body)) {
            i += 1;
            continue;
        }
        if let Some(hit) = money(body, tokens, i)
            .or_else(|| percent(body, tokens, i))
            .or_else(|| date(body, tokens, i, context))
            .or_else(|| quantity(body, tokens, i))
        {
            let key = (hit.kind, hit.name);
            if let Some(&f) = index.get(&key) {
                found[f].mentions.push(hit.span);
            } else {
                index.insert(key.clone(), found.len());
                found.push(Found {
                    name: key.1,
                    kind: key.0,
                    mentions: vec![hit.span],
                });
            }
            i = hit.next;
        } else {
            i += 1;
        }
    }
    found
}

/// Says whether a token may open a value: a currency sign, a digit, "US" before a
/// sign, a number word, or a capitalised word that may name a month. Most tokens
/// are turned away here before any parsing.
fn could_start_value(word: &str) -> bool {
    let Some(&b) = word.as_bytes().first() else {
        return false;
    };
    b.is_ascii_digit()
        || currency_symbol(word).is_some()
        || word == "US"
        || (matches!(
            b.to_ascii_lowercase(),
            b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n'
        ) && (number_word(word).is_some()
            || word
                .split(['-', '\u{2011}'])
                .next()
                .and_then(number_word)
                .is_some()))
        || (b.is_ascii_uppercase()
            && (month_number(word).is_some() || crate::text::weekday_number(word).is_some()))
}

/// Words that put a day named by its weekday in the future or make it a span's end:
/// such a day is not resolved.
const NOT_PAST: &[&str] = &[
    "will",
    "would",
    "shall",
    "next",
    "until",
    "till",
    "due",
    "by",
    "from",
    "before",
    "coming",
    "expected",
    "scheduled",
    "planned",
];

/// A day named by its weekday ("voted on Monday", "Monday's vote", "since Tuesday"):
/// the latest such day on or before the article's date, in past-tense reporting. A
/// weekday after "will", "would", "next", "until" and the like is left alone, as is
/// one followed by its date ("Monday, March 30", read as that date) and any weekday
/// when the article's date is unknown.
fn weekday(body: &str, tokens: &[Token], i: usize, context: &Context) -> Option<Hit> {
    let published = context.date?;
    let day = crate::text::weekday_number(text(body, tokens, i)?)?;
    let before = i.checked_sub(1).and_then(|p| text(body, tokens, p));
    let after = text(body, tokens, i + 1);
    let anchored = matches!(before, Some("on" | "last" | "since"))
        || matches!(after, Some("'s" | "’s" | "'" | "’"));
    let future = tokens[i.saturating_sub(6)..i]
        .iter()
        .any(|t| NOT_PAST.contains(&t.text(body)));
    let dated = after == Some(",")
        && text(body, tokens, i + 2)
            .is_some_and(|w| month_number(w).is_some() || day_number(w).is_some());
    if !anchored || future || dated {
        return None;
    }
    let back = (i64::from(published.weekday()) - i64::from(day)).rem_euclid(7);
    let date = crate::text::Date::from_day_number(published.day_number() - back)?;
    Some(Hit {
        kind: EntityKind::Date,
        name: date.to_string(),
        span: span(tokens, i, i),
        next: i + 1,
    })
}

fn text<'a>(body: &'a str, tokens: &[Token], i: usize) -> Option<&'a str> {
    tokens.get(i).map(|t| t.text(body))
}

fn adjacent(tokens: &[Token], a: usize, b: usize) -> bool {
    matches!((tokens.get(a), tokens.get(b)), (Some(x), Some(y)) if x.span.end == y.span.start)
}

fn span(tokens: &[Token], first: usize, last: usize) -> Span {
    Span {
        start: tokens[first].span.start,
        end: tokens[last].span.end,
    }
}

fn money(body: &str, tokens: &[Token], i: usize) -> Option<Hit> {
    let t = text(body, tokens, i)?;
    // "$40 million", "US$8bn", "$40M"
    let (symbol, num_at) = if let Some(sym) = currency_symbol(t) {
        let start =
            if i > 0 && text(body, tokens, i - 1) == Some("US") && adjacent(tokens, i - 1, i) {
                i - 1
            } else {
                i
            };
        if !adjacent(tokens, i, i + 1) {
            return None;
        }
        (Some((sym, start)), i + 1)
    } else {
        (None, i)
    };
    let first_word = text(body, tokens, num_at)?;
    // "40-million-dollar"
    if symbol.is_none() {
        let parts: Vec<&str> = first_word.split(['-', '\u{2011}']).collect();
        if parts.len() == 3 {
            if let (Some(n), Some(s), Some(c)) = (
                number(parts[0]),
                scale_word(parts[1]),
                currency_word(parts[2]),
            ) {
                return Some(Hit {
                    kind: EntityKind::Money,
                    name: money_name(c, n * s),
                    span: span(tokens, i, i),
                    next: i + 1,
                });
            }
        }
    }
    let mut amount = number(first_word)?;
    let mut last = num_at;
    if let Some(s) = text(body, tokens, last + 1).and_then(scale_word) {
        if text(body, tokens, last + 1).is_some_and(|w| w.chars().count() > 1 || symbol.is_some()) {
            amount *= s;
            last += 1;
        }
    }
    // No sum of money is a quintillion; such a figure is junk, not an amount.
    if amount >= 1e18 {
        return None;
    }
    if let Some((sym, start)) = symbol {
        return Some(Hit {
            kind: EntityKind::Money,
            name: money_name(sym, amount),
            span: span(tokens, start, last),
            next: last + 1,
        });
    }
    let c = currency_word(text(body, tokens, last + 1)?)?;
    Some(Hit {
        kind: EntityKind::Money,
        name: money_name(c, amount),
        span: span(tokens, i, last + 1),
        next: last + 2,
    })
}

fn percent(body: &str, tokens: &[Token], i: usize) -> Option<Hit> {
    let n = number(text(body, tokens, i)?)?;
    let next = text(body, tokens, i + 1)?;
    let (last, points) =
        if (next == "%" && adjacent(tokens, i, i + 1)) || next.eq_ignore_ascii_case("percent") {
            (i + 1, false)
        } else if next.eq_ignore_ascii_case("per")
            && text(body, tokens, i + 2)?.eq_ignore_ascii_case("cent")
        {
            (i + 2, false)
        } else if next.eq_ignore_ascii_case("percentage")
            && text(body, tokens, i + 2)?.starts_with("point")
        {
            (i + 2, true)
        } else {
            return None;
        };
    let name = if points {
        format!("{} percentage points", trim_number(n))
    } else {
        format!("{}%", trim_number(n))
    };
    Some(Hit {
        kind: EntityKind::Percent,
        name,
        span: span(tokens, i, last),
        next: last + 1,
    })
}

fn day_number(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: Option<&str>) -> Option<u16> {
    let w = word?;
    (w.len() == 4)
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn date(body: &str, tokens: &[Token], i: usize, context: &Context) -> Option<Hit> {
    let t = text(body, tokens, i)?;
    // ISO "2026-03-02"
    if t.len() == 10 && t.as_bytes()[4] == b'-' {
        let d = Date::parse(t)?;
        return Some(Hit {
            kind: EntityKind::Date,
            name: d.to_string(),
            span: span(tokens, i, i),
            next: i + 1,
        });
    }
    let capitalised = t.chars().next().is_some_and(char::is_uppercase);
    if capitalised && month_number(t).is_none() {
        return weekday(body, tokens, i, context);
    }
    // "March 2, 2026" / "March 2"
    if capitalised {
        let needs_day = t == "May" || (t.len() <= 4 && !matches!(t, "June" | "July"));
        let has_day = text(body, tokens, i + 1).and_then(day_number).is_some();
        if let Some(month) = month_number(t).filter(|_| has_day || !needs_day) {
            let mut last = i;
            let mut day = None;
            // "Feb. 28": an abbreviated month may carry its full stop.
            let day_at = if text(body, tokens, i + 1) == Some(".") && t.len() <= 4 {
                i + 2
            } else {
                i + 1
            };
            if let Some(d) = text(body, tokens, day_at).and_then(day_number) {
                day = Some(d);
                last = day_at;
            }
            let mut year = None;
            let mut k = last + 1;
            if text(body, tokens, k) == Some(",") {
                k += 1;
            }
            if let Some(y) = year_number(text(body, tokens, k)) {
                year = Some(y);
                last = k;
            }
            // A day without a year takes the article's year; a bare month does not.
            let year = match day {
                Some(_) => year.or(context.date.map(|d| d.year)),
                None => year,
            };
            return date_hit(tokens, (i, last), year, month, day);
        }
    }
    // "2 March 2026" / "2 March"
    let d = day_number(t)?;
    let m_word = text(body, tokens, i + 1)?;
    if !m_word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let month = month_number(m_word)?;
    let year = year_number(text(body, tokens, i + 2));
    let last = if year.is_some() { i + 2 } else { i + 1 };
    let year = year.or(context.date.map(|d| d.year));
    date_hit(tokens, (i, last), year, month, Some(d))
}

fn date_hit(
    tokens: &[Token],
    (first, last): (usize, usize),
    year: Option<u16>,
    month: u8,
    day: Option<u8>,
) -> Option<Hit> {
    let month_name = MONTH_NAMES[usize::from(month) - 1];
    let name = match (year, day) {
        (Some(y), Some(d)) => Date::new(y, month, d)?.to_string(),
        (Some(y), None) => format!("{y:04}-{month:02}"),
        // A day that no month of that name has ("31 February") is not a date.
        (None, Some(d)) if Date::new(2000, month, d).is_some() => format!("{d} {month_name}"),
        (None, _) => return None,
    };
    Some(Hit {
        kind: EntityKind::Date,
        name,
        span: span(tokens, first, last),
        next: last + 1,
    })
}

/// Words that end in "s" but are not plural nouns.
const NOT_PLURAL: &[&str] = &[
    "this",
    "is",
    "was",
    "has",
    "its",
    "his",
    "hers",
    "ours",
    "yours",
    "theirs",
    "us",
    "as",
    "yes",
    "less",
    "unless",
    "across",
    "perhaps",
    "always",
    "sometimes",
    "whereas",
    "thus",
    "plus",
    "minus",
    "bus",
    "gas",
    "news",
    "series",
    "species",
    "analysis",
    "basis",
    "crisis",
    "status",
    "census",
    "campus",
    "virus",
    "bonus",
    "focus",
    "press",
    "process",
    "business",
    "access",
    "success",
    "loss",
    "boss",
    "class",
    "glass",
    "mass",
    "address",
    "progress",
    "congress",
    "lens",
    "means",
    "does",
    "goes",
    "says",
    "gets",
    "makes",
    "takes",
    "comes",
    "needs",
    "wants",
    "seems",
    "remains",
    "includes",
    "means",
    "plans",
    "runs",
    "costs",
];

/// Plural nouns that do not end in "s".
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "staff",
    "feet",
    "children",
    "men",
    "women",
    "police",
    "cattle",
    "sheep",
    "fish",
    "aircraft",
    "personnel",
    "crew",
    "teeth",
    "mice",
    "geese",
    "livestock",
];

/// Adjectives dropped from a quantity's name: "14 new cranes" is `14 cranes`.
const QUANTITY_ADJECTIVES: &[&str] = &[
    "new",
    "more",
    "other",
    "extra",
    "additional",
    "further",
    "old",
    "big",
    "small",
    "large",
    "major",
    "full",
    "total",
    "separate",
    "different",
    "local",
    "remaining",
    "existing",
    "former",
    "senior",
    "junior",
    "key",
    "top",
    "main",
    "rival",
    "regional",
    "national",
    "full-time",
    "part-time",
    "permanent",
    "temporary",
    "active",
    "annual",
    "daily",
    "weekly",
    "monthly",
    "unpaid",
    "paid",
    "skilled",
    "young",
    "elderly",
    "whole",
    "entire",
    "consecutive",
    "straight",
    "successive",
    "previous",
    "last",
    "next",
    "first",
    "final",
];

/// Units that a number word joins with a hyphen: "three-year", "40-tonne".
const HYPHEN_UNITS: &[&str] = &[
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "second",
    "mile",
    "metre",
    "meter",
    "kilometre",
    "kilometer",
    "tonne",
    "ton",
    "storey",
    "story",
    "acre",
    "hectare",
    "foot",
    "inch",
    "mile",
    "seat",
    "bed",
    "berth",
    "lane",
    "point",
];

fn is_plural_noun(word: &str) -> bool {
    if IRREGULAR_PLURALS.contains(&word) || UNITS.contains(&word) {
        return true;
    }
    word.len() >= 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("'s")
        && !word.ends_with("’s")
        && word.chars().all(|c| c.is_lowercase() || c == '-')
        && !NOT_PLURAL.contains(&word)
}

fn is_modifier(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_lowercase() || c == '-' || c == '\u{2011}')
        && !word.is_empty()
        && !matches!(
            word,
            "and"
                | "or"
                | "of"
                | "to"
                | "in"
                | "on"
                | "at"
                | "for"
                | "a"
                | "an"
                | "the"
                | "per"
                | "than"
                | "by"
        )
}

fn plural(unit: &str) -> String {
    match unit {
        "foot" => "feet".to_owned(),
        "inch" => "inches".to_owned(),
        "storey" => "storeys".to_owned(),
        "story" => "stories".to_owned(),
        u => format!("{u}s"),
    }
}

/// A number with a unit or a counted noun after it: "14 cranes", "2,400 containers",
/// "9,000 outpatient visits", "three years", "a three-year deal".
fn quantity(body: &str, tokens: &[Token], i: usize) -> Option<Hit> {
    let t = text(body, tokens, i)?;
    // "three-year", "40-tonne"
    if let Some((n, unit)) = t.rsplit_once(['-', '\u{2011}']) {
        if HYPHEN_UNITS.contains(&unit) {
            if let Some(value) = number(n) {
                return Some(Hit {
                    kind: EntityKind::Quantity,
                    name: format!("{} {}", group_thousands(value), plural(unit)),
                    span: span(tokens, i, i),
                    next: i + 1,
                });
            }
        }
    }
    let n = number(t)?;
    // Years and list numbers count nothing.
    let is_year =
        t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) && (1800.0..2200.0).contains(&n);
    if is_year || n == 0.0 {
        return None;
    }
    // "the two sides" refers back rather than counts.
    if i > 0
        && matches!(
            text(body, tokens, i - 1),
            Some("the" | "The" | "those" | "these" | "Those" | "These")
        )
    {
        return None;
    }
    let mut last = i + 1;
    let mut value = n;
    if let Some(s) = text(body, tokens, last).and_then(scale_word) {
        if text(body, tokens, last).is_some_and(|w| w.len() > 1) {
            value *= s;
            last += 1;
        }
    }
    // Up to three modifiers, then the counted noun.
    let mut words = Vec::new();
    for k in last..last + 4 {
        let w = text(body, tokens, k)?;
        if !tokens[k].is_word {
            return None;
        }
        if is_plural_noun(w) {
            words.push(w);
            let name_words: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| {
                    !QUANTITY_ADJECTIVES.contains(w) && !w.contains('-') && !w.contains('\u{2011}')
                })
                .collect();
            return Some(Hit {
                kind: EntityKind::Quantity,
                name: format!("{} {}", group_thousands(value), name_words.join(" ")),
                span: span(tokens, i, k),
                next: k + 1,
            });
        }
        if !is_modifier(w) {
            return None;
        }
        words.push(w);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn values(body: &str) -> Vec<(EntityKind, String, Vec<&str>)> {
        let tokens = tokenize(body);
        find(body, &tokens, &Context::default())
            .into_iter()
            .map(|f| {
                let mentions = f.mentions.iter().map(|s| &body[s.start..s.end]).collect();
                (f.kind, f.name, mentions)
            })
            .collect()
    }

    fn dates_on<'a>(body: &'a str, published: &str) -> Vec<(String, Vec<&'a str>)> {
        let tokens = tokenize(body);
        let context = Context {
            date: Date::parse(published),
        };
        find(body, &tokens, &context)
            .into_iter()
            .filter(|f| f.kind == EntityKind::Date)
            .map(|f| {
                let mentions = f.mentions.iter().map(|s| &body[s.start..s.end]).collect();
                (f.name, mentions)
            })
            .collect()
    }

    #[test]
    fn a_weekday_in_past_reporting_is_the_day_before_publication() {
        // Published on Wednesday 4 March 2026.
        let found = dates_on(
            "The union voted on Monday. Monday’s vote was close. Talks have stalled since Wednesday.",
            "2026-03-04",
        );
        assert_eq!(
            found,
            vec![
                ("2026-03-02".to_owned(), vec!["Monday", "Monday"]),
                ("2026-03-04".to_owned(), vec!["Wednesday"]),
            ]
        );
        // The future, a span's end, a bare weekday, an undated article: left alone.
        for body in [
            "Talks will resume on Friday.",
            "The strike runs until Friday.",
            "Next Friday the board meets.",
            "A partial timetable would run on Friday.",
            "Friday was quiet.",
        ] {
            assert_eq!(dates_on(body, "2026-03-04"), vec![], "{body}");
        }
        assert_eq!(dates_on("They voted on Monday.", "unknown"), vec![]);
        // A weekday followed by its date is read as that date.
        assert_eq!(
            dates_on(
                "Both sides agreed to return on Monday, March 30.",
                "2026-03-20"
            ),
            vec![("2026-03-30".to_owned(), vec!["March 30"])]
        );
    }

    #[test]
    fn money_written_four_ways_is_one_amount() {
        let found = values(
            "It costs $40 million, or $40M, or forty million dollars, a 40-million-dollar order.",
        );
        assert_eq!(
            found,
            vec![(
                EntityKind::Money,
                "$40 million".to_owned(),
                vec![
                    "$40 million",
                    "$40M",
                    "forty million dollars",
                    "40-million-dollar"
                ]
            )]
        );
    }

    #[test]
    fn different_currencies_and_amounts_differ() {
        let found = values("£3bn and $3bn and US$1.5 billion and $250,000.");
        let names: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(
            names,
            ["£3 billion", "$3 billion", "$1.5 billion", "$250,000"]
        );
    }

    #[test]
    fn percentages() {
        let found = values("up 12%, 12 per cent, twelve percent, and 2 percentage points");
        let names: Vec<(&str, usize)> = found.iter().map(|f| (f.1.as_str(), f.2.len())).collect();
        assert_eq!(names, [("12%", 3), ("2 percentage points", 1)]);
    }

    #[test]
    fn dates() {
        let found =
            values("On March 2, 2026, and 2 March 2026 and 2026-03-02, then April 9 and 5 May.");
        let names: Vec<(&str, usize)> = found.iter().map(|f| (f.1.as_str(), f.2.len())).collect();
        assert_eq!(names, [("2026-03-02", 3), ("9 April", 1), ("5 May", 1)]);
    }

    #[test]
    fn quantities_are_numbers_with_units_or_counted_nouns() {
        let found = values(
            "14 new ship-to-shore cranes, 2,400 containers, 300 tonnes, 9,000 outpatient visits, \
             a three-year deal, three years, 1.2 million passengers; in 2019 the two sides and \
             one freight forwarder said 3 is a number.",
        );
        let names: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(
            names,
            [
                "14 cranes",
                "2,400 containers",
                "300 tonnes",
                "9,000 outpatient visits",
                "3 years",
                "1,200,000 passengers"
            ]
        );
        let years = &found[4].2;
        assert_eq!(years, &vec!["three-year", "three years"]);
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(values("It May rain. Talks may resume.").is_empty());
    }
}
