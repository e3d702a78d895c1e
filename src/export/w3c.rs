//! W3C Web Annotation Data Model, as JSON-LD: one `AnnotationCollection` whose
//! `first` (and only) `AnnotationPage` holds every annotation.
//!
//! Each annotation has a URN id (`urn:gloss:annotation:<id>`), its times, a motivation
//! (`highlighting` for a bare highlight, `commenting` for a note, `tagging` for tags,
//! or the list of both), a `TextualBody` for the note (plain text) and one per tag,
//! and a target: the article, with a `TextQuoteSelector` and a `TextPositionSelector`
//! (offsets in characters, as the model counts them).
//!
//! The target's `source` is the article's URL when it has one. Otherwise it is a
//! `file://` URI for an absolute path, and for anything else (a relative path, a
//! sample article) `urn:gloss:article:<article id>`: a `source` must be an IRI, and a
//! relative path or a `sample:` path is none, while the article id is stable and is
//! what gloss keys the article's annotations by.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;

use super::{cleaned, ExportArticle, ExportSet};
use crate::annotations::Annotation;

/// The JSON-LD context of the model.
pub(super) const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'static str,
    total: usize,
    /// Absent for an empty collection: a page holds at least one annotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page<'a>>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    created: Cow<'a, str>,
    modified: Cow<'a, str>,
    motivation: Motivation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Motivation {
    One(&'static str),
    Many([&'static str; 2]),
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
}

#[derive(Serialize)]
struct Target<'a> {
    source: Cow<'a, str>,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: Cow<'a, str>,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: Cow<'a, str>,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: Cow<'a, str>,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

/// Writes the whole set.
pub(super) fn write(set: &ExportSet) -> String {
    let id = collection_id(set);
    let mut items = Vec::with_capacity(set.len());
    for article in &set.articles {
        let source = source(&article.article);
        for item in &article.annotations {
            items.push(annotation(&item.annotation, source.clone()));
        }
    }
    let collection = Collection {
        context: CONTEXT,
        kind: "AnnotationCollection",
        label: "Annotations from gloss",
        total: items.len(),
        first: (!items.is_empty()).then(|| Page {
            id: format!("{id}:page:1"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        }),
        id,
    };
    let mut text = serde_json::to_string_pretty(&collection)
        .unwrap_or_else(|e| unreachable!("plain structs always serialise: {e}"));
    text.push('\n');
    text
}

/// One annotation of the model.
fn annotation<'a>(a: &'a Annotation, source: Cow<'a, str>) -> Item<'a> {
    let note = a
        .note
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .map(|n| cleaned(n, true));
    let motivation = match (note.is_some(), a.tags.is_empty()) {
        (false, true) => Motivation::One("highlighting"),
        (true, true) => Motivation::One("commenting"),
        (false, false) => Motivation::One("tagging"),
        (true, false) => Motivation::Many(["commenting", "tagging"]),
    };
    let mut body = Vec::with_capacity(a.tags.len() + 1);
    if let Some(value) = note {
        body.push(Body {
            kind: "TextualBody",
            purpose: "commenting",
            value,
            format: Some("text/plain"),
        });
    }
    body.extend(a.tags.iter().map(|t| Body {
        kind: "TextualBody",
        purpose: "tagging",
        value: cleaned(t, false),
        format: None,
    }));
    Item {
        id: format!(
            "urn:gloss:annotation:{}",
            percent_encode(&cleaned(&a.id, false), true)
        ),
        kind: "Annotation",
        created: cleaned(&a.created, false),
        modified: cleaned(&a.modified, false),
        motivation,
        body,
        target: Target {
            source,
            selector: [
                Selector::TextQuoteSelector {
                    exact: cleaned(&a.anchor.exact, true),
                    prefix: cleaned(&a.anchor.prefix, true),
                    suffix: cleaned(&a.anchor.suffix, true),
                },
                Selector::TextPositionSelector {
                    start: a.anchor.start,
                    end: a.anchor.end,
                },
            ],
        },
    }
}

/// The IRI of the article: its URL, a `file://` URI, or its gloss URN.
fn source(article: &ExportArticle) -> Cow<'_, str> {
    // Only an absolute URL names the article; anything else falls back below.
    let absolute = |u: &&str| {
        u.split_once("://").is_some_and(|(scheme, rest)| {
            !rest.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
    };
    if let Some(url) = article.url.as_deref().map(str::trim).filter(absolute) {
        return Cow::Owned(percent_encode(&cleaned(url.trim(), false), false));
    }
    if article.path.starts_with('/') {
        return Cow::Owned(format!("file://{}", percent_encode(&article.path, true)));
    }
    Cow::Owned(format!(
        "urn:gloss:article:{}",
        percent_encode(&cleaned(&article.id, false), true)
    ))
}

/// Percent-encodes what cannot stand in an IRI: spaces, controls and the characters
/// RFC 3987 excludes; with `path`, also what would end a path (`?`, `#`, `%`).
fn percent_encode(text: &str, path: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let excluded = c.is_control()
            || c.is_whitespace()
            || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
            || (path && matches!(c, '?' | '#' | '%'));
        if excluded {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A stable id for the collection: a hash of its annotations' ids.
fn collection_id(set: &ExportSet) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for article in &set.articles {
        for item in &article.annotations {
            for b in item.annotation.id.bytes().chain([0]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    format!("urn:gloss:collection:{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_iris() {
        let mut article = ExportArticle {
            id: "00ff".into(),
            path: "/home/me/news/Ledger Daily/a#1?.md".into(),
            ..ExportArticle::default()
        };
        assert_eq!(
            source(&article),
            "file:///home/me/news/Ledger%20Daily/a%231%3F.md"
        );
        article.path = "sample:Ledger Daily/talks.md".into();
        assert_eq!(source(&article), "urn:gloss:article:00ff");
        article.url = Some(" https://x.example/a b ".into());
        assert_eq!(source(&article), "https://x.example/a%20b");
    }
}
