//! The bytes of a page to text, by the charset the page or its server declares.
//!
//! The order is the one browsers follow, minus their statistical sniffing: a byte-order
//! mark, then the HTTP `Content-Type` charset, then a `<meta charset>` or `http-equiv`
//! declaration (or an XML declaration) near the start; a page that declares nothing
//! stays UTF-8 when it is valid UTF-8 and is read as windows-1252 otherwise, the
//! legacy default of most of the web that is not UTF-8.

use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::corpus::decode::looks_binary;
use crate::corpus::SkipReason;

/// How far into a page a charset declaration is looked for. The HTML standard says
/// 1024 bytes; pages that put a long comment or script first are common enough to look
/// a little further.
const PRESCAN: usize = 4096;

/// Text decoded from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding the text was read in (its WHATWG name, such as `windows-1252`).
    pub encoding: &'static str,
    /// The byte offset of the first sequence the encoding could not decode, when the
    /// page was read as UTF-8 and was not valid UTF-8.
    pub invalid_utf8_at: Option<usize>,
}

/// Decodes the bytes of a page, `hint` being the charset from the HTTP response (a
/// bare label such as `iso-8859-2`, or a whole `Content-Type` value).
///
/// Empty pages and binary files are refused.
pub fn decode_page(bytes: &[u8], hint: Option<&str>) -> Result<PageText, SkipReason> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None => (choose(bytes, hint), bytes),
    };
    let is_utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    if !is_utf16 && looks_binary(body) {
        return Err(SkipReason::Binary);
    }
    let (text, invalid_utf8_at) = if encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(text) => (text.to_owned(), None),
            Err(err) => (
                String::from_utf8_lossy(body).into_owned(),
                Some(err.valid_up_to() + (bytes.len() - body.len())),
            ),
        }
    } else {
        let (text, _) = encoding.decode_without_bom_handling(body);
        (text.into_owned(), None)
    };
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(PageText {
        text,
        encoding: encoding.name(),
        invalid_utf8_at,
    })
}

/// The encoding of a page without a byte-order mark.
fn choose(bytes: &[u8], hint: Option<&str>) -> &'static Encoding {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    hint.and_then(from_content_type)
        .or_else(|| declared(head).and_then(usable))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        })
}

/// The encoding a label names, when it is one a page can be read in. A page that
/// declares UTF-16 in ASCII is not UTF-16 (the standard reads it as UTF-8), and the
/// "replacement" encoding (labels of unsafe encodings) would turn the page into one
/// character, so both are read as if undeclared or UTF-8.
fn usable(label: &[u8]) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label)?;
    if encoding == UTF_16LE || encoding == UTF_16BE {
        Some(UTF_8)
    } else if encoding == REPLACEMENT {
        None
    } else {
        Some(encoding)
    }
}

/// The encoding of an HTTP charset hint: a label, or a `Content-Type` value holding
/// `charset=`.
fn from_content_type(hint: &str) -> Option<&'static Encoding> {
    let lower = hint.to_ascii_lowercase();
    match find(lower.as_bytes(), b"charset") {
        Some(at) => charset_value(&lower.as_bytes()[at + b"charset".len()..]).and_then(usable),
        None if !lower.contains(['/', ';', '=']) => usable(lower.trim().as_bytes()),
        None => None,
    }
}

/// The charset declared in the head of a page: `<meta charset=…>`, `<meta
/// http-equiv="Content-Type" content="…; charset=…">`, or `<?xml … encoding="…"?>`.
fn declared(head: &[u8]) -> Option<&[u8]> {
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>").unwrap_or(lower.len());
        if let Some(at) = find(&lower[..end], b"encoding") {
            let from = at + b"encoding".len();
            if let Some(value) = charset_value(&head[from..end]) {
                return Some(value);
            }
        }
    }
    let mut at = 0;
    while let Some(p) = find(&lower[at..], b"<meta") {
        let start = at + p + b"<meta".len();
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |q| start + q);
        if let Some(c) = find(&lower[start..end], b"charset") {
            let from = start + c + b"charset".len();
            if let Some(value) = charset_value(&head[from..end]) {
                return Some(value);
            }
        }
        at = end;
    }
    None
}

/// The value after `charset` (or `encoding`): `= "label"`, `='label'` or `=label`.
fn charset_value(rest: &[u8]) -> Option<&[u8]> {
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .count();
    (len > 0).then(|| &rest[..len])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], hint: Option<&str>) -> (String, &'static str) {
        let page = decode_page(bytes, hint).expect("decodes");
        (page.text, page.encoding)
    }

    #[test]
    fn the_order_is_bom_then_http_then_meta_then_utf8_then_windows_1252() {
        let meta_latin2 = b"<meta charset=\"iso-8859-2\"><p>\xb1\xea</p>";
        // A byte-order mark wins over everything.
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice("<meta charset=iso-8859-2><p>ąę</p>".as_bytes());
        assert_eq!(
            decoded(&bom, Some("windows-1252")).0,
            "<meta charset=iso-8859-2><p>ąę</p>"
        );
        // The server's word beats the page's.
        assert_eq!(
            decoded(meta_latin2, Some("text/html; charset=windows-1252")).1,
            "windows-1252"
        );
        // Then the page's own declaration.
        let (text, name) = decoded(meta_latin2, None);
        assert_eq!(
            (text.as_str(), name),
            ("<meta charset=\"iso-8859-2\"><p>ąę</p>", "ISO-8859-2")
        );
        // Undeclared: valid UTF-8 stays UTF-8, anything else is windows-1252.
        assert_eq!(decoded("<p>café</p>".as_bytes(), None).1, "UTF-8");
        assert_eq!(
            decoded(b"<p>caf\xe9 \x93q\x94</p>", None).0,
            "<p>café “q”</p>"
        );
    }

    #[test]
    fn declarations_are_read_in_their_usual_spellings() {
        let cases: [(&[u8], &str); 6] = [
            (
                b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=KOI8-R'>",
                "KOI8-R",
            ),
            (b"<meta charset = 'Shift_JIS' />", "Shift_JIS"),
            (
                b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html>",
                "windows-1252",
            ),
            (
                b"<meta content=\"text/html;charset=latin1\" http-equiv=\"content-type\">",
                "windows-1252",
            ),
            // UTF-16 declared in ASCII is UTF-8; an unsafe label is ignored.
            (b"<meta charset=utf-16><p>x</p>", "UTF-8"),
            (b"<meta charset=iso-2022-kr><p>x</p>", "UTF-8"),
        ];
        for (bytes, want) in cases {
            let mut page = bytes.to_vec();
            page.extend_from_slice(b"<p>text</p>");
            assert_eq!(
                decoded(&page, None).1,
                want,
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert_eq!(decoded(b"<p>x</p>", Some("ISO-8859-2")).1, "ISO-8859-2");
        assert_eq!(decoded(b"<p>x</p>", Some("text/html")).1, "UTF-8");
        assert_eq!(decoded(b"<p>x</p>", Some("charset=nonsense")).1, "UTF-8");
    }

    #[test]
    fn declared_utf8_that_is_not_says_where() {
        let page = decode_page(b"<meta charset=utf-8><p>caf\xe9</p>", None).expect("decodes");
        assert_eq!(page.text, "<meta charset=utf-8><p>caf\u{fffd}</p>");
        assert_eq!(page.invalid_utf8_at, Some(26));
    }

    #[test]
    fn utf16_with_a_bom_and_junk_are_told_apart() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "<p>Quint’s</p>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decoded(&bytes, None).0, "<p>Quint’s</p>");
        assert_eq!(
            decode_page(b"\x7fELF\x02\x01\x00", None),
            Err(SkipReason::Binary)
        );
        assert_eq!(decode_page(b"  \n", None), Err(SkipReason::Empty));
    }
}
