//! gloss's own export: every field of every annotation, exactly as stored, with what
//! is known about its article, in a versioned, pretty-printed document.
//!
//! ```json
//! { "gloss_export": 1, "articles": [ { "article": { … }, "annotations": [ … ] } ] }
//! ```
//!
//! Text is kept exactly, so that reading the file back gives the annotations that were
//! written. Control and direction-changing characters in it are written as `\uXXXX`
//! escapes (serde escapes C0 controls itself; DEL, C1 and the direction controls would
//! otherwise go out raw), so the file never holds one.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{clean, is_direction_control, ExportArticle, ExportSet};
use crate::annotations::Annotation;

/// The version this gloss writes and reads.
pub(super) const VERSION: u64 = 1;

#[derive(Serialize)]
struct Document<'a> {
    gloss_export: u64,
    articles: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    article: &'a ExportArticle,
    annotations: Vec<&'a Annotation>,
}

/// Writes the whole set.
pub(super) fn write(set: &ExportSet) -> String {
    let document = Document {
        gloss_export: VERSION,
        articles: set
            .articles
            .iter()
            .map(|a| Entry {
                article: &a.article,
                annotations: a.annotations.iter().map(|e| &e.annotation).collect(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|e| unreachable!("plain structs always serialise: {e}"));
    text.push('\n');
    escape_raw_controls(text)
}

/// Replaces control characters the serialiser left raw with JSON escapes. Outside
/// strings it only writes spaces and line breaks, so every such character is inside a
/// string, where the escape reads back as the same character.
fn escape_raw_controls(text: String) -> String {
    let raw = |c: char| (c.is_control() && c != '\n') || is_direction_control(c);
    if !text.chars().any(raw) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        if raw(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads an export back, naming what is wrong when it cannot.
pub(super) fn read(text: &str) -> Result<Vec<(ExportArticle, Vec<Annotation>)>, String> {
    // Messages may quote the file, which must not reach a terminal raw.
    read_value(text).map_err(|e| clean(&e, false))
}

fn read_value(text: &str) -> Result<Vec<(ExportArticle, Vec<Annotation>)>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(top) = value else {
        return Err(
            "not a gloss export: expected an object with \"gloss_export\" and \"articles\""
                .to_owned(),
        );
    };
    match top.get("gloss_export") {
        None => return Err("not a gloss export: no \"gloss_export\" version".to_owned()),
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => {
            return Err(format!(
                "gloss export version {v} is not supported (this gloss reads version {VERSION})"
            ))
        }
    }
    let articles = match top.get("articles") {
        None => return Err("missing field \"articles\"".to_owned()),
        Some(Value::Array(list)) => list,
        Some(_) => return Err("\"articles\" is not a list".to_owned()),
    };
    articles
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let field = |name: &str| {
                entry
                    .get(name)
                    .ok_or_else(|| format!("articles[{i}]: missing field \"{name}\""))
            };
            let article = ExportArticle::deserialize(field("article")?)
                .map_err(|e| format!("articles[{i}].article: {e}"))?;
            let Value::Array(list) = field("annotations")? else {
                return Err(format!("articles[{i}].annotations is not a list"));
            };
            if !crate::annotations::store::is_article_id(&article.id) {
                return Err(format!(
                    "articles[{i}].article: id {:?} is not an article id (16 hex digits)",
                    crate::text::sanitize_line(&article.id)
                ));
            }
            let annotations = list
                .iter()
                .enumerate()
                .map(|(j, a)| {
                    let id = a.get("id").and_then(Value::as_str).unwrap_or("?");
                    let at = format!(
                        "articles[{i}].annotations[{j}] (id {})",
                        crate::text::sanitize_line(id)
                    );
                    let parsed = Annotation::deserialize(a).map_err(|e| format!("{at}: {e}"))?;
                    checked(parsed).map_err(|why| format!("{at}: {why}"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mut ids: Vec<&str> = annotations.iter().map(|a| a.id.as_str()).collect();
            ids.sort_unstable();
            if let Some(twice) = ids
                .windows(2)
                .find(|w| w[0] == w[1])
                .and_then(|w| w.first())
            {
                return Err(format!(
                    "articles[{i}]: two annotations share the id {twice}"
                ));
            }
            Ok((article, annotations))
        })
        .collect()
}

/// The largest character offset an imported anchor may have (far past any article).
const MAX_OFFSET: usize = 1 << 40;

/// Checks an imported annotation as the reader would have made it, and brings its
/// tags to the store's form: an id of `a` and 16 hex digits, RFC 3339 times, offsets in
/// order and in range, tags without control or direction characters.
fn checked(mut a: Annotation) -> Result<Annotation, String> {
    let hex = a.id.len() == 17
        && a.id.starts_with('a')
        && a.id[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !hex {
        return Err("the id is not `a` and 16 hex digits".to_owned());
    }
    for (name, time) in [("created", &a.created), ("modified", &a.modified)] {
        if !is_rfc3339(time) {
            return Err(format!(
                "{name} {:?} is not a time like 2026-03-02T09:30:00Z",
                crate::text::sanitize_line(time)
            ));
        }
    }
    if a.anchor.start > a.anchor.end || a.anchor.end > MAX_OFFSET {
        return Err(format!(
            "the anchor's offsets {}..{} are out of order or out of range",
            a.anchor.start, a.anchor.end
        ));
    }
    a.tags = crate::annotations::normalise_tags(a.tags);
    Ok(a)
}

/// Says whether a time is written `YYYY-MM-DDTHH:MM:SS` and a zone (`Z` or `±HH:MM`),
/// with a real date.
fn is_rfc3339(t: &str) -> bool {
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let zone = match t.get(19..) {
        Some("Z") => true,
        Some(z) => {
            z.len() == 6
                && matches!(b[19], b'+' | b'-')
                && digits(20..22)
                && b[22] == b':'
                && digits(23..25)
        }
        None => false,
    };
    b.len() >= 20
        && t.get(..10).and_then(crate::text::Date::parse).is_some()
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && zone
}
