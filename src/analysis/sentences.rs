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
    let mut sentence_start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len()
                && (is_closer(chars[j].1) || matches!(chars[j].1, '.' | '!' | '?'))
            {
                j += 1;
            }
            let boundary_end = chars.get(j).map_or(line.len(), |&(p, _)| p);
            let followed_by_space = chars.get(j).is_none_or(|&(_, n)| n.is_whitespace());
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_ok = chars.get(k).is_none_or(|&(_, n)| can_start_sentence(n));
            if followed_by_space && next_ok && !(c == '.' && is_abbreviation(&line[..pos])) {
                push(body, start + sentence_start, start + boundary_end, out);
                sentence_start = chars.get(k).map_or(line.len(), |&(p, _)| p);
                i = k;
                continue;
            }
        }
        i += 1;
    }
    push(body, start + sentence_start, end, out);
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

fn push(body: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let text = &body[start..end];
    let trimmed_start = start + (text.len() - text.trim_start().len());
    let trimmed_end = start + text.trim_end().len();
    if trimmed_end > trimmed_start {
        out.push(Span {
            start: trimmed_start,
            end: trimmed_end,
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
    fn quotes_closing_a_sentence() {
        assert_eq!(
            sentences("She called it “an insult.” The Authority disagreed."),
            ["She called it “an insult.”", "The Authority disagreed."]
        );
    }
}
