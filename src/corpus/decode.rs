//! Turning raw file bytes into text, or a reason to skip the file.

use std::fmt;

/// Why a file was not loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The file holds no text (or only whitespace).
    Empty,
    /// The bytes look like a binary file, not text.
    Binary,
    /// A web page with almost no paragraph text: an index, a link list or an app shell.
    NotAnArticle,
    /// The file is larger than the configured limit.
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("empty file"),
            Self::Binary => f.write_str("binary file, not text"),
            Self::NotAnArticle => f.write_str(
                "web page with almost no article text (an index, link list or app page?)",
            ),
            Self::TooLarge { size, limit } => write!(
                f,
                "{} is over the size limit of {} (raise limits.max_file_size in config.toml)",
                human_size(*size),
                human_size(*limit)
            ),
        }
    }
}

/// Returns a byte count as a short human figure ("8.0 MiB").
pub fn human_size(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KiB", b / 1024.0)
    } else {
        format!("{:.1} MiB", b / (1024.0 * 1024.0))
    }
}

/// Text decoded from a file, with a note when it needed repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with a byte-order mark removed.
    pub text: String,
    /// The byte offset of the first invalid UTF-8 sequence, when there was one.
    pub invalid_utf8_at: Option<usize>,
}

/// Decodes file bytes as UTF-8 (or UTF-16 with a byte-order mark).
///
/// Invalid UTF-8 is decoded lossily and reported; files that are empty or look binary
/// (a NUL byte or many control bytes near the start) are refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded, SkipReason> {
    if let Some(text) = decode_utf16(bytes) {
        return finish(text, None);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(SkipReason::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text.to_owned(), None),
        Err(err) => finish(
            String::from_utf8_lossy(bytes).into_owned(),
            Some(err.valid_up_to()),
        ),
    }
}

fn finish(text: String, invalid_utf8_at: Option<usize>) -> Result<Decoded, SkipReason> {
    if text.trim().is_empty() {
        Err(SkipReason::Empty)
    } else {
        Ok(Decoded {
            text,
            invalid_utf8_at,
        })
    }
}

fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (little, rest) = if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        (true, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        (false, rest)
    } else {
        return None;
    };
    let units = rest.chunks_exact(2).map(|pair| {
        if little {
            u16::from_le_bytes([pair[0], pair[1]])
        } else {
            u16::from_be_bytes([pair[0], pair[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// Says whether bytes look like a binary file: a NUL byte, or more than one in ten
/// bytes a control byte other than whitespace and ESC, within the first 8 KiB.
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_text_and_refuses_junk() {
        assert_eq!(decode(b"hello").map(|d| d.text), Ok("hello".to_owned()));
        assert_eq!(
            decode(b"\xef\xbb\xbfhello").map(|d| d.text),
            Ok("hello".to_owned())
        );
        assert_eq!(decode(b""), Err(SkipReason::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(SkipReason::Empty));
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00"),
            Err(SkipReason::Binary)
        );
        assert_eq!(decode(&[1, 2, 3, 4, 5, 6, b'a']), Err(SkipReason::Binary));
    }

    #[test]
    fn repairs_invalid_utf8_and_says_where() {
        let decoded = decode(b"caf\xe9 au lait").expect("text");
        assert_eq!(decoded.text, "caf\u{fffd} au lait");
        assert_eq!(decoded.invalid_utf8_at, Some(3));
    }

    #[test]
    fn reads_utf16_with_a_byte_order_mark() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Quint’s".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).map(|d| d.text), Ok("Quint’s".to_owned()));
    }

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(human_size(12), "12 B");
        assert_eq!(human_size(8 * 1024 * 1024), "8.0 MiB");
    }
}
