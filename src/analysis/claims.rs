//! Claims: quotes with their speakers, figures, and attributed statements.

use super::lexicon;
use super::{ClaimKind, EntityKind, Found, Span};

/// A claim as the pipeline finds it, in byte offsets.
pub struct RawClaim {
    pub kind: ClaimKind,
    pub span: Span,
    pub quote: Option<Span>,
    pub speaker: Option<String>,
}

/// A name mention with its entity, for looking up speakers.
#[derive(Clone, Copy)]
struct NameAt<'a> {
    span: Span,
    entity: &'a Found,
}

const PRONOUNS_PERSON: &[&str] = &["he", "she", "He", "She"];
const PRONOUNS_ORG: &[&str] = &["it", "they", "It", "They"];

/// How many names back a pronoun may reach for its person or organisation.
const PRONOUN_REACH: usize = 12;

/// Returns the mentions (sorted by start) that start inside `span`, by binary search.
fn within<'m, 'a>(mentions: &'m [NameAt<'a>], span: Span) -> &'m [NameAt<'a>] {
    let from = mentions.partition_point(|m| m.span.start < span.start);
    let to = mentions.partition_point(|m| m.span.start < span.end);
    &mentions[from..to.max(from)]
}

/// Finds the claims of `body` in reading order.
pub fn find(body: &str, sentences: &[Span], names: &[Found], values: &[Found]) -> Vec<RawClaim> {
    let mut mentions: Vec<NameAt<'_>> = names
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |&span| NameAt { span, entity: e })
        })
        .collect();
    mentions.sort_by_key(|m| m.span.start);
    let mut value_spans: Vec<Span> = values
        .iter()
        .filter(|v| v.kind != EntityKind::Date)
        .flat_map(|v| v.mentions.iter().copied())
        .collect();
    value_spans.sort();

    let mut claims = Vec::new();
    let quotes = quotes(body);
    let mut q = 0;
    for (n, s) in sentences.iter().enumerate() {
        // Quotes that start in this sentence.
        let mut had_quote = false;
        while q < quotes.len() && quotes[q].start < s.end {
            let quote = quotes[q];
            q += 1;
            if quote.start < s.start {
                continue;
            }
            // The claim runs from this sentence to the one holding the closing mark.
            let last = sentences[n..]
                .iter()
                .position(|x| x.end >= quote.end)
                .map_or(n, |k| n + k);
            let span = Span {
                start: s.start,
                end: sentences[last].end,
            };
            let marks = trim_marks(body, quote);
            let inner = &body[marks.start..marks.end];
            let words = inner.split_whitespace().count();
            let speaker = speaker(body, span, quote, &mentions).or_else(|| {
                (last + 1 < sentences.len())
                    .then(|| speaker(body, sentences[last + 1], quote, &mentions))
                    .flatten()
            });
            if words < 3 && speaker.is_none() {
                continue; // a scare quote
            }
            had_quote = true;
            claims.push(RawClaim {
                kind: ClaimKind::Quote,
                span,
                quote: Some(trim_marks(body, quote)),
                speaker,
            });
        }
        if had_quote
            || claims
                .last()
                .is_some_and(|c: &RawClaim| c.span.end > s.start)
        {
            continue;
        }
        let names_here = within(&mentions, *s).len();
        let first_value = value_spans.partition_point(|v| v.start < s.start);
        let has_value = value_spans.get(first_value).is_some_and(|v| v.end <= s.end);
        if has_value && names_here > 0 {
            claims.push(RawClaim {
                kind: ClaimKind::Figure,
                span: *s,
                quote: None,
                speaker: None,
            });
        } else if names_here > 0 {
            if let Some(verb) = reporting_verb(body, *s) {
                let speaker = subject_before(*s, verb, &mentions);
                if speaker.is_some() {
                    claims.push(RawClaim {
                        kind: ClaimKind::Statement,
                        span: *s,
                        quote: None,
                        speaker,
                    });
                }
            }
        }
    }
    claims
}

fn trim_marks(body: &str, quote: Span) -> Span {
    let text = &body[quote.start..quote.end];
    let open = text.chars().next().map_or(0, char::len_utf8);
    let close = text.chars().next_back().map_or(0, char::len_utf8);
    Span {
        start: quote.start + open,
        end: (quote.end - close).max(quote.start + open),
    }
}

/// Finds double-quoted spans (curly or straight), including their marks. A quote may
/// not cross a line break unless the next paragraph reopens it.
fn quotes(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight_open = false;
    for (i, c) in body.char_indices() {
        match c {
            '“' => open = Some(i),
            '”' => {
                if let Some(start) = open.take() {
                    out.push(Span {
                        start,
                        end: i + c.len_utf8(),
                    });
                }
            }
            '"' => {
                if straight_open {
                    if let Some(start) = open.take() {
                        out.push(Span { start, end: i + 1 });
                    }
                    straight_open = false;
                } else {
                    open = Some(i);
                    straight_open = true;
                }
            }
            '\n' => {
                open = None;
                straight_open = false;
            }
            _ => {}
        }
    }
    out
}

fn word_at<'a>(text: &'a str, verbs: &std::collections::HashSet<&str>) -> Option<(usize, &'a str)> {
    let mut pos = 0;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if verbs.contains(word) {
            return Some((pos, word));
        }
        pos += word.len() + 1;
    }
    None
}

/// Returns the byte offset of the first reporting verb in the sentence.
fn reporting_verb(body: &str, s: Span) -> Option<usize> {
    let lex = lexicon::get();
    let text = &body[s.start..s.end];
    word_at(text, &lex.reporting_verbs).map(|(p, _)| s.start + p)
}

fn subject_before(s: Span, verb: usize, mentions: &[NameAt<'_>]) -> Option<String> {
    within(mentions, s)
        .iter()
        .rfind(|m| m.span.end <= verb)
        .filter(|m| {
            matches!(
                m.entity.kind,
                EntityKind::Person | EntityKind::Org | EntityKind::Other
            )
        })
        .map(|m| m.entity.name.clone())
}

/// Finds who speaks a quote within `window`: a name next to a reporting verb outside
/// the quote marks, "according to X", or a pronoun resolved to the last person or
/// organisation named before the quote.
fn speaker(body: &str, window: Span, quote: Span, mentions: &[NameAt<'_>]) -> Option<String> {
    let lex = lexicon::get();
    let outside = [
        Span {
            start: window.start,
            end: quote.start.max(window.start),
        },
        Span {
            start: quote.end.min(window.end),
            end: window.end,
        },
    ];
    for part in outside {
        if part.end <= part.start {
            continue;
        }
        let text = &body[part.start..part.end];
        let lower = text.to_lowercase();
        if let Some(p) = lower.find("according to ") {
            let at = part.start + p;
            if let Some(m) = within(
                mentions,
                Span {
                    start: at,
                    end: part.end,
                },
            )
            .iter()
            .find(|m| m.span.end <= part.end)
            {
                return Some(m.entity.name.clone());
            }
        }
        let Some((p, _)) = word_at(text, &lex.reporting_verbs) else {
            continue;
        };
        let verb = part.start + p;
        // The nearest name on either side of the verb, within the part.
        let near = within(mentions, part)
            .iter()
            .filter(|m| m.span.end <= part.end)
            .filter(|m| {
                matches!(
                    m.entity.kind,
                    EntityKind::Person | EntityKind::Org | EntityKind::Other
                )
            })
            .min_by_key(|m| {
                if m.span.start > verb {
                    m.span.start - verb
                } else {
                    verb.saturating_sub(m.span.end)
                }
            });
        if let Some(m) = near {
            return Some(m.entity.name.clone());
        }
        // A pronoun subject: "she said".
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        let person = words.iter().any(|w| PRONOUNS_PERSON.contains(w));
        let org = words.iter().any(|w| PRONOUNS_ORG.contains(w));
        if person || org {
            let wanted = if person {
                EntityKind::Person
            } else {
                EntityKind::Org
            };
            // Only the last few names before the quote are candidates.
            let before = mentions.partition_point(|m| m.span.start < quote.start);
            return mentions[..before]
                .iter()
                .rev()
                .take(PRONOUN_REACH)
                .find(|m| m.span.end <= quote.start && m.entity.kind == wanted)
                .map(|m| m.entity.name.clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, ClaimKind};

    fn claims(body: &str) -> Vec<(ClaimKind, Option<String>, Option<String>)> {
        analyze(body)
            .claims
            .into_iter()
            .map(|c| (c.kind, c.quote, c.speaker))
            .collect()
    }

    #[test]
    fn quotes_and_their_speakers() {
        let body = "Union chair Mara Quint spoke on Monday.\n“It is an insult to every crew,” Quint said.\nThe offer was “final and complete”, said Desmond Fairlie of the Calder Port Authority.\nAccording to Quint, “this will not stand for long.”\n“We will not move,” she said.";
        let found = claims(body);
        let expected = [
            (
                ClaimKind::Quote,
                Some("It is an insult to every crew,"),
                Some("Mara Quint"),
            ),
            (
                ClaimKind::Quote,
                Some("final and complete"),
                Some("Desmond Fairlie"),
            ),
            (
                ClaimKind::Quote,
                Some("this will not stand for long."),
                Some("Mara Quint"),
            ),
            (
                ClaimKind::Quote,
                Some("We will not move,"),
                Some("Mara Quint"),
            ),
        ];
        assert_eq!(found.len(), expected.len(), "{found:?}");
        for (got, want) in found.iter().zip(expected) {
            assert_eq!(got.0, want.0);
            assert_eq!(got.1.as_deref(), want.1);
            assert_eq!(got.2.as_deref(), want.2, "{got:?}");
        }
    }

    #[test]
    fn figures_and_statements() {
        let body = "The Calder Port Authority will spend $40 million on cranes.\nThe Dockworkers Union said the offer was final.\nIt rained.";
        let found = claims(body);
        assert_eq!(
            found,
            vec![
                (ClaimKind::Figure, None, None),
                (
                    ClaimKind::Statement,
                    None,
                    Some("Dockworkers Union".to_owned())
                ),
            ]
        );
    }
}
