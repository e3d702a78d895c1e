//! Wrapping article text to a pane's width, by display width and whole graphemes.
//!
//! Each wrapped line keeps its byte range in the body (to slice it) and its character
//! range (to match entity, claim and search offsets, which count characters). A wide
//! glyph or an emoji sequence is never split; a word longer than the line is broken
//! between graphemes.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One display line of the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrappedLine {
    /// Byte offset of the first byte in the body.
    pub byte_start: usize,
    /// Byte offset just past the last byte shown.
    pub byte_end: usize,
    /// Character offset of the first character.
    pub char_start: usize,
    /// Character offset just past the last character shown.
    pub char_end: usize,
}

/// Returns the display width of a grapheme, as the terminal buffer measures it.
pub fn grapheme_width(g: &str) -> usize {
    g.width()
}

/// Wraps `body` to `width` columns (at least 1).
pub fn wrap(body: &str, width: u16) -> Vec<WrappedLine> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    let mut byte = 0;
    let mut chars = 0;
    for para in body.split('\n') {
        wrap_paragraph(para, byte, chars, width, &mut out);
        byte += para.len() + 1;
        chars += para.chars().count() + 1;
    }
    out
}

fn wrap_paragraph(
    para: &str,
    base_byte: usize,
    base_char: usize,
    width: usize,
    out: &mut Vec<WrappedLine>,
) {
    if para.is_empty() {
        out.push(WrappedLine {
            byte_start: base_byte,
            byte_end: base_byte,
            char_start: base_char,
            char_end: base_char,
        });
        return;
    }
    // (byte, char) of the current line's start.
    let mut start = (0usize, 0usize);
    let mut line_width = 0;
    // The last break: where the line would end, where the next would start, and the
    // width of what follows it on the current line.
    let mut brk: Option<((usize, usize), (usize, usize))> = None;
    let mut width_after_break = 0;
    let mut char_pos = 0;
    let emit = |out: &mut Vec<WrappedLine>, from: (usize, usize), to: (usize, usize)| {
        out.push(WrappedLine {
            byte_start: base_byte + from.0,
            byte_end: base_byte + to.0,
            char_start: base_char + from.1,
            char_end: base_char + to.1,
        });
    };
    for (b, g) in para.grapheme_indices(true) {
        let w = grapheme_width(g);
        let n = g.chars().count();
        let here = (b, char_pos);
        let after = (b + g.len(), char_pos + n);
        if g == " " {
            if line_width + w > width {
                // Whitespace at the edge: break here and swallow it.
                emit(out, start, here);
                start = after;
                line_width = 0;
                brk = None;
                width_after_break = 0;
            } else {
                line_width += w;
                brk = Some((here, after));
                width_after_break = 0;
            }
        } else if line_width + w > width && line_width > 0 {
            if let Some((end, next)) = brk.take() {
                emit(out, start, end);
                start = next;
                line_width = width_after_break + w;
                width_after_break = line_width;
            } else {
                emit(out, start, here);
                start = here;
                line_width = w;
                width_after_break = w;
            }
        } else {
            line_width += w;
            width_after_break += w;
        }
        char_pos += n;
    }
    emit(out, start, (para.len(), char_pos));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(body: &str, width: u16) -> Vec<&str> {
        wrap(body, width)
            .iter()
            .map(|l| &body[l.byte_start..l.byte_end])
            .collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            lines("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
        assert_eq!(lines("a\n\nb", 10), ["a", "", "b"]);
    }

    #[test]
    fn breaks_long_words_between_graphemes() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_glyphs_are_never_split() {
        let body = "東京東京東京";
        for line in lines(body, 5) {
            assert!(line.width() <= 5, "{line}");
        }
        assert_eq!(lines(body, 5), ["東京", "東京", "東京"]);
        let family = "👩‍👩‍👧 👩‍👩‍👧";
        assert_eq!(lines(family, 2), ["👩‍👩‍👧", "👩‍👩‍👧"]);
        // A glyph wider than the pane gets a line of its own rather than looping.
        assert_eq!(lines("東", 1), ["東"]);
    }

    #[test]
    fn offsets_count_characters() {
        let body = "é b\nüü";
        let w = wrap(body, 10);
        assert_eq!((w[0].char_start, w[0].char_end), (0, 3));
        assert_eq!((w[1].char_start, w[1].char_end), (4, 6));
    }

    #[test]
    fn no_line_is_wider_than_the_pane() {
        let body = "Calder’s “final” offer — 40\u{2011}million — was rejected by the Dockworkers Union on Monday, 東京 👩‍👩‍👧 and more words here.";
        for width in 1..40u16 {
            for l in wrap(body, width) {
                let text = &body[l.byte_start..l.byte_end];
                let w = text.width();
                assert!(
                    w <= usize::from(width) || text.graphemes(true).count() == 1,
                    "{width}: {text:?}"
                );
            }
        }
    }
}
