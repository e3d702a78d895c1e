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
            let annotations = list
                .iter()
                .enumerate()
                .map(|(j, a)| {
                    Annotation::deserialize(a).map_err(|e| {
                        let id = a.get("id").and_then(Value::as_str).unwrap_or("?");
                        format!("articles[{i}].annotations[{j}] (id {id}): {e}")
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok((article, annotations))
        })
        .collect()
}
