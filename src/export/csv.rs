//! CSV for spreadsheets and Readwise: one row per annotation, RFC 4180.
//!
//! Columns: `Highlight, Title, Author, URL, Note, Location, Date` (the ones Readwise's
//! CSV import reads), then `Tags` (comma-separated) and `Source` (the outlet). Location
//! is the highlight's character offset in the article; Date is when the annotation was
//! made, RFC 3339 in UTC.
//!
//! Rows end in CRLF. A field holding a comma, a quote, a carriage return or a line
//! feed is quoted, its quotes doubled; line breaks inside a quote or note are kept.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and
//! some also after a tab or carriage return). Any text cell whose first character
//! other than whitespace is one of these gets a leading `'`: spreadsheets show it as
//! text and hide the quote, and a reader of the raw file sees plainly what happened.
//! Whitespace does not protect a cell, since importers commonly trim it. The
//! quote is visible in Readwise, the price of never running a formula. Tabs and
//! carriage returns themselves never reach the file: [`super::clean`] replaces them.

use super::{cleaned, ExportSet};

/// The header row, as Readwise names its columns.
const HEADER: [&str; 9] = [
    "Highlight",
    "Title",
    "Author",
    "URL",
    "Note",
    "Location",
    "Date",
    "Tags",
    "Source",
];

/// Writes the whole set.
pub(super) fn write(set: &ExportSet) -> String {
    let mut out = String::with_capacity(200 * set.len() + 64);
    row(&mut out, HEADER.iter().map(|h| Cell::Plain(h)));
    for article in &set.articles {
        let meta = &article.article;
        let title = cleaned(&meta.title, false);
        let author = cleaned(meta.author.as_deref().unwrap_or(""), false);
        let url = cleaned(meta.url.as_deref().unwrap_or(""), false);
        let source = cleaned(meta.source.as_deref().unwrap_or(""), false);
        for item in &article.annotations {
            let a = &item.annotation;
            let location = a.anchor.start.to_string();
            let tags = a.tags.join(", ");
            row(
                &mut out,
                [
                    Cell::Text(&a.anchor.exact, true),
                    Cell::Text(&title, false),
                    Cell::Text(&author, false),
                    Cell::Text(&url, false),
                    Cell::Text(a.note.as_deref().unwrap_or(""), true),
                    Cell::Plain(&location),
                    Cell::Text(&a.created, false),
                    Cell::Text(&tags, false),
                    Cell::Text(&source, false),
                ],
            );
        }
    }
    out
}

/// One field of a row.
pub(super) enum Cell<'a> {
    /// Text from an article or the reader: cleaned (line breaks kept when `true`) and
    /// kept from being read as a formula.
    Text(&'a str, bool),
    /// Text gloss made itself (a header, a number), written as it is.
    Plain(&'a str),
}

/// Appends one row and its CRLF.
pub(super) fn row<'a>(out: &mut String, cells: impl IntoIterator<Item = Cell<'a>>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match cell {
            Cell::Plain(text) => field(out, text),
            Cell::Text(text, keep_newlines) => {
                let safe = cleaned(text, keep_newlines);
                if is_formula(&safe) {
                    field(out, &format!("'{safe}"));
                } else {
                    field(out, &safe);
                }
            }
        }
    }
    out.push_str("\r\n");
}

/// Says whether a spreadsheet could take the cell for a formula.
pub(super) fn is_formula(text: &str) -> bool {
    text.starts_with(['\t', '\r']) || text.trim_start().starts_with(['=', '+', '-', '@'])
}

/// Appends one field, quoted when RFC 4180 needs it.
fn field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\r', '\n']) {
        out.push('"');
        for c in text.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}
