//! Conversion between byte offsets (what Rust slices with) and character offsets (what
//! the JSON contract and the W3C text position selector count).

const BLOCK: usize = 64;

/// A compact index that turns byte offsets into character offsets and back.
///
/// It stores the character count at every 64-byte block, so a lookup scans at most one
/// block and the index costs about one `usize` per 64 bytes of text.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    block_chars: Vec<usize>,
    len_bytes: usize,
    len_chars: usize,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut block_chars = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i % BLOCK == 0 {
                block_chars.push(count);
            }
            if !is_continuation(b) {
                count += 1;
            }
        }
        Self {
            block_chars,
            len_bytes: bytes.len(),
            len_chars: count,
        }
    }

    /// Returns the number of characters in the indexed text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Returns the character offset of byte offset `byte` (clamped to the text).
    pub fn char_of(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        if byte == self.len_bytes {
            return self.len_chars;
        }
        let block = byte / BLOCK;
        let start = block * BLOCK;
        let extra = text.as_bytes()[start..byte]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count();
        self.block_chars[block] + extra
    }

    /// Returns the byte offset of character offset `ch` (clamped to the text).
    pub fn byte_of(&self, text: &str, ch: usize) -> usize {
        if ch >= self.len_chars {
            return self.len_bytes;
        }
        // The last block that starts at or before the wanted character.
        let block = self
            .block_chars
            .partition_point(|&c| c <= ch)
            .saturating_sub(1);
        let mut count = self.block_chars[block];
        let bytes = text.as_bytes();
        let mut i = block * BLOCK;
        // A block may start inside a character; skip to the next character start.
        while i < bytes.len() && is_continuation(bytes[i]) {
            i += 1;
        }
        while i < bytes.len() {
            if !is_continuation(bytes[i]) {
                if count == ch {
                    return i;
                }
                count += 1;
            }
            i += 1;
        }
        self.len_bytes
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_character_boundary() {
        let text = "ab “quoted” — ü 東京 👩‍👩‍👧 end ".repeat(20);
        let index = CharIndex::new(&text);
        assert_eq!(index.len_chars(), text.chars().count());
        for (ch, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_of(&text, byte), ch, "byte {byte}");
            assert_eq!(index.byte_of(&text, ch), byte, "char {ch}");
        }
        assert_eq!(index.char_of(&text, text.len()), index.len_chars());
        assert_eq!(index.byte_of(&text, index.len_chars()), text.len());
    }

    #[test]
    fn empty_text() {
        let index = CharIndex::new("");
        assert_eq!(index.char_of("", 0), 0);
        assert_eq!(index.byte_of("", 3), 0);
    }
}
