//! Calendar dates as news writes them, normalised to one value.

use std::fmt;

/// A calendar date; `Display` writes it as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2026.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, 1–31.
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Returns the month number (1–12) of an English month name or its usual abbreviation.
pub fn month_number(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(word)
                || (word.len() <= 4
                    && m.len() > word.len()
                    && m[..word.len()].eq_ignore_ascii_case(word))
        })
        .and_then(|i| u8::try_from(i + 1).ok())
}

impl Date {
    /// Builds a date when the day exists in that month.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days && year >= 1).then_some(Self { year, month, day })
    }

    /// Parses a whole date as written in front matter or feeds: `2026-03-02`, an ISO
    /// timestamp, `2 March 2026`, `March 2, 2026`, `Mon, 02 Mar 2026 …`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some(date) = parse_iso(text) {
            return Some(date);
        }
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        for start in 0..words.len() {
            let rest = &words[start..];
            if rest.len() < 3 {
                break;
            }
            // Day Month Year
            if let (Ok(day), Some(month), Ok(year)) = (
                rest[0]
                    .trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                    .parse::<u8>(),
                month_number(rest[1]),
                rest[2].parse::<u16>(),
            ) {
                return Self::new(year, month, day);
            }
            // Month Day Year
            if let (Some(month), Ok(day), Ok(year)) = (
                month_number(rest[0]),
                rest[1]
                    .trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                    .parse::<u8>(),
                rest[2].parse::<u16>(),
            ) {
                return Self::new(year, month, day);
            }
        }
        None
    }
}

fn parse_iso(text: &str) -> Option<Date> {
    let head = text.get(..10)?;
    let bytes = head.as_bytes();
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = head[..4].parse().ok()?;
    let month = head[5..7].parse().ok()?;
    let day = head[8..10].parse().ok()?;
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_ways_dates_are_written() {
        let expected = Date::new(2026, 3, 2);
        for text in [
            "2026-03-02",
            "2026-03-02T09:30:00Z",
            "2 March 2026",
            "March 2, 2026",
            "Mar. 2, 2026",
            "Mon, 02 Mar 2026 09:30:00 +0000",
            "2nd March 2026",
        ] {
            assert_eq!(Date::parse(text), expected, "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "",
            "soon",
            "2026-02-30",
            "13/13/2026",
            "March 2026",
            "2026-3-2",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn displays_as_iso() {
        assert_eq!(
            Date::new(2026, 4, 9).map(|d| d.to_string()),
            Some("2026-04-09".to_owned())
        );
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("dec."), Some(12));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Marching"), None);
    }
}
