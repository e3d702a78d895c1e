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

impl Date {
    /// Days since 1970-01-01 (negative before), for counting days between dates.
    #[must_use]
    pub fn day_number(self) -> i64 {
        // Counted in eras of 400 years from 1 March, so a leap day ends its year.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let day_of_year = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Today in UTC, by the system clock.
    #[must_use]
    pub fn today() -> Self {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
        Self::from_day_number(seconds.div_euclid(86_400)).unwrap_or(Self {
            year: 1970,
            month: 1,
            day: 1,
        })
    }

    /// The date a number of days from 1970-01-01.
    #[must_use]
    pub fn from_day_number(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The day of the week, 0 for Monday to 6 for Sunday.
    #[must_use]
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        u8::try_from((self.day_number() + 3).rem_euclid(7)).unwrap_or(0)
    }
}

/// The day of the week an English day name stands for, 0 for Monday to 6 for Sunday.
#[must_use]
pub fn weekday_number(word: &str) -> Option<u8> {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    DAYS.iter()
        .position(|d| *d == word)
        .and_then(|i| u8::try_from(i).ok())
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
    fn day_numbers_and_weekdays() {
        let d = Date::new(2026, 3, 2).expect("date");
        // 2 March 2026 is a Monday; 1 March 2024 follows a leap day.
        assert_eq!(d.weekday(), 0);
        assert_eq!(Date::new(1970, 1, 1).map(Date::day_number), Some(0));
        let leap = Date::new(2024, 3, 1).expect("date").day_number();
        assert_eq!(Date::from_day_number(leap - 1), Date::new(2024, 2, 29));
        for days in [-700_000, -1, 0, 59, 20_000, 20_513, 100_000] {
            let date = Date::from_day_number(days).expect("in range");
            assert_eq!(date.day_number(), days, "{date}");
        }
        assert_eq!(weekday_number("Sunday"), Some(6));
        assert_eq!(weekday_number("Sun"), None);
    }

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
