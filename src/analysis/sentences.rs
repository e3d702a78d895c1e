//! Sentence boundaries that know news writing: abbreviations, initials, decimals and
//! closing quotes. Every line is its own paragraph; no sentence crosses a line break.

use super::Span;

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Gen", "Gov",
    "Sen", "Rep", "Rev", "Capt", "Col", "Lt", "Sgt", "No", "vs", "etc", "approx", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S", "U.K", "e.g",
    "i.e", "Mt", "Ave", "Dept", "Univ",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn can_start_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '—' | '–' | '•' | '$' | '£' | '€' | '@'
        )
        || (c.is_alphabetic() && !c.is_lowercase())
}

/// Returns the sentences of `body` as byte spans, trimmed of surrounding whitespace.
pub fn split(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        split_line(body, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn split_line(body: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &body[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mark = if matches!(b, b'.' | b'!' | b'?') {
            1
        } else if bytes[i..].starts_with("…".as_bytes()) {
            '…'.len_utf8()
        } else {
            0
        };
        if mark == 0 {
            i += 1;
            continue;
        }
        // Closing quotes and brackets, and repeated marks, stay with the sentence.
        let mut j = i + mark;
        while let Some(c) = line[j..].chars().next() {
            if is_closer(c) || matches!(c, '.' | '!' | '?') {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let followed_by_space = line[j..].chars().next().is_none_or(char::is_whitespace);
        let k = j + (line[j..].len() - line[j..].trim_start().len());
        let next_ok = line[k..].chars().next().is_none_or(can_start_sentence);
        // `“Which is it?” Callum Rudd said.` — a question or exclamation closing a
        // quote runs on into its attribution.
        let quote_runs_on = b != b'.' && j > i + mark && attribution_follows(&line[k..]);
        if followed_by_space
            && next_ok
            && !quote_runs_on
            && !(b == b'.' && is_abbreviation(&line[..i]))
        {
            push(body, start + sentence_start, start + j, out);
            sentence_start = k;
            i = k.max(i + 1);
            continue;
        }
        i += mark;
    }
    push(body, start + sentence_start, end, out);
}

/// Says whether a reporting verb comes within the next few words, before any
/// punctuation ("Callum Rudd said.", "she asked").
fn attribution_follows(rest: &str) -> bool {
    let verbs = super::lexicon::get();
    rest.split(|c: char| !(c.is_alphanumeric() || c == ' ' || c == '\'' || c == '’'))
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take(5)
        .any(|w| verbs.reporting_verbs.contains(w) || w == "asked")
}

/// Says whether the word before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .next()
        .unwrap_or("");
    let mut letters = word.chars();
    let single_initial =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    single_initial || ABBREVIATIONS.contains(&word)
}

/// The longest sentence kept whole, in bytes. Text without sentence punctuation (a
/// list, a table, junk) is cut at spaces into pieces of at most this size, so that
/// the work per claim stays bounded.
pub const MAX_SENTENCE: usize = 1200;

fn push(body: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let text = &body[start..end];
    let mut from = start + (text.len() - text.trim_start().len());
    let to = start + text.trim_end().len();
    while to > from + MAX_SENTENCE {
        let mut cut = from + MAX_SENTENCE;
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        // Prefer to cut at the last space before the limit.
        if let Some(space) = body[from..cut].rfind(' ').filter(|&p| p > 0) {
            cut = from + space;
        }
        out.push(Span {
            start: from,
            end: cut,
        });
        from = cut;
        while body[from..to].starts_with(' ') {
            from += 1;
        }
    }
    if to > from {
        out.push(Span {
            start: from,
            end: to,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(body: &str) -> Vec<&str> {
        split(body).iter().map(|s| &body[s.start..s.end]).collect()
    }

    #[test]
    fn splits_news_prose() {
        assert_eq!(
            sentences("Mr. Fairlie spoke at 9 a.m. on Monday. Shares rose 3.5%. “It is final,” she said. Then? Yes!\nHeading line\n"),
            [
                "Mr. Fairlie spoke at 9 a.m. on Monday.",
                "Shares rose 3.5%.",
                "“It is final,” she said.",
                "Then?",
                "Yes!",
                "Heading line",
            ]
        );
    }

    #[test]
    fn keeps_initials_and_lowercase_continuations() {
        assert_eq!(
            sentences("J. R. Okafor met officials of the U.S. firm. it went on."),
            ["J. R. Okafor met officials of the U.S. firm. it went on."]
        );
    }

    #[test]
    fn a_question_in_quotes_runs_on_into_its_attribution() {
        assert_eq!(
            sentences("“Which is it?” Callum Rudd said. “Nobody knows!” she added. Then? Yes."),
            [
                "“Which is it?” Callum Rudd said.",
                "“Nobody knows!” she added.",
                "Then?",
                "Yes."
            ]
        );
    }

    #[test]
    fn runaway_sentences_are_cut_at_spaces() {
        let body = "word ".repeat(1000);
        let spans = split(&body);
        assert!(spans.len() > 3);
        for s in &spans {
            assert!(s.end - s.start <= MAX_SENTENCE);
            assert!(!body[s.start..s.end].starts_with(' ') && !body[s.start..s.end].ends_with(' '));
        }
        let one_word = "x".repeat(3000);
        assert_eq!(split(&one_word).len(), 3);
    }

    #[test]
    fn quotes_closing_a_sentence() {
        assert_eq!(
            sentences("She called it “an insult.” The Authority disagreed."),
            ["She called it “an insult.”", "The Authority disagreed."]
        );
    }
}
