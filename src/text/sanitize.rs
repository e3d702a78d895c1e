//! Removes everything from untrusted text that could drive a terminal.
//!
//! Article text, titles, outlet names and file names all come from files the user did
//! not write. Escape sequences (CSI, OSC title/clipboard/hyperlink, DCS, APC, PM, SOS)
//! are removed whole; any other control character is replaced by a visible stand-in
//! (the Unicode control pictures, or U+FFFD for C1 controls), so nothing that reaches a
//! terminal cell can be interpreted by the terminal.

/// What [`sanitize`] removed or replaced, so the loader can warn about it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SanitizeReport {
    /// Escape sequences removed whole.
    pub sequences: usize,
    /// Other control characters replaced by a visible stand-in.
    pub controls: usize,
}

impl SanitizeReport {
    /// Says whether anything was removed or replaced.
    pub fn is_clean(&self) -> bool {
        self.sequences == 0 && self.controls == 0
    }
}

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
const C1_ST: char = '\u{9c}';

/// Returns `text` with escape sequences removed and control characters made visible.
///
/// Newlines survive; a tab becomes four spaces; a carriage return is dropped (line endings
/// are normalised before this runs).
pub fn sanitize(text: &str) -> (String, SanitizeReport) {
    clean(text, false)
}

/// Returns `text` as one safe line: like [`sanitize`], with newlines and tabs as spaces.
///
/// ```
/// let title = gloss::text::sanitize_line("Talks \u{1b}]0;owned\u{7}stall\n");
/// assert_eq!(title, "Talks stall ");
/// ```
pub fn sanitize_line(text: &str) -> String {
    clean(text, true).0
}

fn clean(text: &str, one_line: bool) -> (String, SanitizeReport) {
    let mut report = SanitizeReport::default();
    // Fast path: most text has no control characters at all, or (kept as they are
    // outside one-line mode) only line breaks.
    let untouched = if one_line {
        !text.chars().any(char::is_control)
    } else {
        !has_controls_besides_newlines(text.as_bytes())
    };
    if untouched {
        return (text.to_owned(), report);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' if one_line => out.push(' '),
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\r' => {}
            ESC => {
                report.sequences += 1;
                match chars.next() {
                    Some('[') => skip_csi(&mut chars),
                    Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                    Some(next) if ('\u{20}'..='\u{2f}').contains(&next) => {
                        // nF sequence: intermediates, then one final byte.
                        while chars
                            .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                            .is_some()
                        {}
                        chars.next();
                    }
                    Some(_) | None => {}
                }
            }
            '\u{9b}' => {
                report.sequences += 1;
                skip_csi(&mut chars);
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                report.sequences += 1;
                skip_string(&mut chars);
            }
            c if c.is_control() => {
                report.controls += 1;
                out.push(visible(c));
            }
            c => out.push(c),
        }
    }
    (out, report)
}

/// Whether UTF-8 `bytes` hold a control character other than `\n`: a C0 byte, DEL, or a
/// C1 control (U+0080–U+009F, encoded as `0xC2 0x80`–`0xC2 0x9F`).
fn has_controls_besides_newlines(bytes: &[u8]) -> bool {
    const CHUNK: usize = 64;
    let suspect = |b: u8| {
        (u8::from(b < 0x20) & u8::from(b != b'\n')) | u8::from(b == 0x7f) | u8::from(b == 0xc2)
    };
    // Chunks are tested without branching per byte, which the compiler vectorises;
    // only a chunk with a suspect byte (0xC2 is also the lead byte of `£`, `©`, a
    // no-break space) is looked at closely.
    bytes.chunks(CHUNK).enumerate().any(|(n, chunk)| {
        if chunk.iter().fold(0u8, |seen, &b| seen | suspect(b)) == 0 {
            return false;
        }
        let start = n * CHUNK;
        chunk.iter().enumerate().any(|(i, &b)| {
            (b < 0x20 && b != b'\n')
                || b == 0x7f
                || (b == 0xc2
                    && bytes
                        .get(start + i + 1)
                        .is_some_and(|next| (0x80..0xa0).contains(next)))
        })
    })
}

/// Skips the parameters, intermediates and final byte of a control sequence.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // An unterminated sequence ends at the line break, which is kept.
    while let Some(c) = chars.next_if(|&c| c != '\n') {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
    }
}

/// Skips an OSC/DCS/APC/PM/SOS string up to its terminator (BEL or ST) or the line end.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next_if(|&c| c != '\n') {
        match c {
            BEL | C1_ST => return,
            ESC => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

fn visible(c: char) -> char {
    match u32::from(c) {
        n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        _ => '\u{fffd}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_escape_sequences_whole() {
        let cases = [
            ("red \u{1b}[31mtext\u{1b}[0m", "red text"),
            ("title \u{1b}]0;pwned\u{7}done", "title done"),
            ("clip \u{1b}]52;c;ZXZpbA==\u{1b}\\ok", "clip ok"),
            (
                "link \u{1b}]8;;http://x.example\u{1b}\\here\u{1b}]8;;\u{1b}\\",
                "link here",
            ),
            ("c1 \u{9b}2Jclear", "c1 clear"),
            ("dcs \u{1b}Pq#0;2;0;0;0\u{1b}\\end", "dcs end"),
            ("reset \u{1b}cafter", "reset after"),
            ("charset \u{1b}(Bafter", "charset after"),
            (
                "unterminated \u{1b}]0;title\nnext line",
                "unterminated \nnext line",
            ),
            (
                "unterminated csi \u{1b}[12\nnext",
                "unterminated csi \nnext",
            ),
        ];
        for (input, expected) in cases {
            let (out, report) = sanitize(input);
            assert_eq!(out, expected, "input {input:?}");
            assert!(report.sequences >= 1, "input {input:?}");
            assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
        }
    }

    #[test]
    fn makes_other_controls_visible() {
        let (out, report) = sanitize("bell\u{7} nul\u{0} del\u{7f} c1\u{85}");
        assert_eq!(out, "bell\u{2407} nul\u{2400} del\u{2421} c1\u{fffd}");
        assert_eq!(report.controls, 4);
    }

    #[test]
    fn keeps_newlines_expands_tabs_and_drops_carriage_returns() {
        assert_eq!(sanitize("a\tb\r\nc").0, "a    b\nc");
        assert_eq!(sanitize_line("a\tb\nc"), "a b c");
    }

    #[test]
    fn the_byte_check_finds_every_control_but_newlines() {
        for c in (0..=0x0010_ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let expected = c.is_control() && c != '\n';
            assert_eq!(
                has_controls_besides_newlines(text.as_bytes()),
                expected,
                "{c:?}"
            );
        }
        assert_eq!(sanitize("one\ntwo\n").0, "one\ntwo\n");
    }

    #[test]
    fn clean_text_passes_through_untouched() {
        let text = "Quint’s “final” offer — 40\u{2011}million — 東京 👩‍👩‍👧";
        let (out, report) = sanitize(text);
        assert_eq!(out, text);
        assert!(report.is_clean());
    }
}
