//! Words and symbols with their byte spans: one pass over the text.

use super::Span;

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where it is, in bytes.
    pub span: Span,
    /// A run of letters and digits (with inner apostrophes, hyphens, dots and commas
    /// between digits); otherwise a single symbol.
    pub is_word: bool,
}

impl Token {
    /// Returns the token's text.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.span.start..self.span.end]
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '\u{2011}' | '.' | ',' | '&')
}

/// Says whether a character belongs inside the word before it: a combining mark
/// ("e\u{301}"), a soft hyphen or a zero-width joiner.
fn is_word_mark(c: char) -> bool {
    matches!(u32::from(c), 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x00AD | 0x200C | 0x200D)
}

/// Splits `body` into tokens. A possessive `'s` / `’s` becomes its own token, so that
/// "Quint’s" yields the name "Quint".
pub fn tokenize(body: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(body.len() / 5);
    let mut chars = body.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Token {
                span: Span {
                    start,
                    end: start + c.len_utf8(),
                },
                is_word: false,
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut prev = c;
        while let Some(&(i, next)) = chars.peek() {
            // Combining accents, soft hyphens and joiners stay inside the word.
            if next.is_alphanumeric() || is_word_mark(next) {
                end = i + next.len_utf8();
                prev = next;
                chars.next();
                continue;
            }
            // A joiner stays inside the word only between two letters or digits, and
            // dots and commas only between digits ("3.5", "2,400") or in "U.S".
            let after = body[i + next.len_utf8()..].chars().next();
            let joins = is_joiner(next)
                && after.is_some_and(char::is_alphanumeric)
                && match next {
                    ',' => prev.is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit()),
                    '.' => {
                        (prev.is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit()))
                            || (prev.is_uppercase()
                                && after.is_some_and(char::is_uppercase)
                                && end - start == prev.len_utf8())
                    }
                    '&' => prev.is_uppercase() && after.is_some_and(char::is_uppercase),
                    _ => true,
                };
            if !joins {
                break;
            }
            chars.next();
            prev = next;
            end = i + next.len_utf8();
        }
        // Split a possessive off the end.
        let word = &body[start..end];
        let possessive = ["’s", "'s", "’S", "'S"]
            .iter()
            .find(|p| word.len() > p.len() && word.ends_with(*p));
        if let Some(p) = possessive {
            let cut = end - p.len();
            tokens.push(Token {
                span: Span { start, end: cut },
                is_word: true,
            });
            tokens.push(Token {
                span: Span { start: cut, end },
                is_word: false,
            });
        } else {
            tokens.push(Token {
                span: Span { start, end },
                is_word: true,
            });
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        tokenize(body).iter().map(|t| t.text(body)).collect()
    }

    #[test]
    fn words_numbers_and_symbols() {
        assert_eq!(
            texts("Quint’s “final” offer: $40.5M, 2,400 boxes—re\u{2011}elected R&D U.S. co-op."),
            [
                "Quint",
                "’s",
                "“",
                "final",
                "”",
                "offer",
                ":",
                "$",
                "40.5M",
                ",",
                "2,400",
                "boxes",
                "—",
                "re\u{2011}elected",
                "R&D",
                "U.S",
                ".",
                "co-op",
                "."
            ]
        );
    }

    #[test]
    fn apostrophes_inside_words_stay() {
        assert_eq!(
            texts("can’t don't 'quoted'"),
            ["can’t", "don't", "'", "quoted", "'"]
        );
    }
}
