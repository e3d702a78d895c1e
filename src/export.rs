//! Annotations out of gloss, and back in: Markdown notes, gloss's own lossless JSON
//! (which `gloss import` reads back), CSV for spreadsheet and Readwise imports, W3C Web
//! Annotation JSON-LD, and the claims report of the corpus.
//!
//! Every writer takes an [`ExportSet`] (or a [`ClaimsReport`]) and returns text; none
//! of them lets a control character or escape sequence through ([`clean`]).
//!
//! STUB: the types and signatures are fixed; the writers are being written.

pub mod select;

use serde::{Deserialize, Serialize};

use crate::annotations::Annotation;

/// What an export knows about an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ExportArticle {
    /// The article's stable id (the store's file name).
    pub id: String,
    /// Where it came from (a path, a `sample:` path or a URL).
    pub path: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// Another source that carries the claim an annotation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherSource {
    /// The outlet (or the article's title when it has none).
    pub source: String,
    pub title: String,
    pub date: Option<String>,
    /// That source's own sentence.
    pub text: String,
}

/// One annotation with what the corpus says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedAnnotation {
    pub annotation: Annotation,
    /// For a claim (or a passage holding a claim) other sources also carry: those
    /// sources, earliest first.
    pub also_in: Vec<OtherSource>,
}

/// An article and its annotations, in text order.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedArticle {
    pub article: ExportArticle,
    pub annotations: Vec<ExportedAnnotation>,
}

/// Everything one export writes, grouped by source then article (sources by name,
/// articles by date then title).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportSet {
    pub articles: Vec<ExportedArticle>,
}

/// One source of a claim in the claims report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSource {
    pub source: String,
    pub title: String,
    pub date: Option<String>,
    /// The source's own sentence.
    pub text: String,
    /// What this source says differently (`money: $45 million`), if anything.
    pub differs: Option<String>,
}

/// One claim carried by several sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow {
    pub label: String,
    /// What differs between the sources, if anything.
    pub disagreement: Option<String>,
    /// The reader's tags on the claim in any source.
    pub tags: Vec<String>,
    /// Earliest first.
    pub sources: Vec<ClaimSource>,
}

/// The corpus's multi-source claims, most widely carried first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimsReport {
    pub claims: Vec<ClaimRow>,
}

/// Text without control characters or escape sequences (line breaks kept where the
/// format allows them: `keep_newlines`).
pub fn clean(text: &str, keep_newlines: bool) -> String {
    let (clean, _) = crate::text::sanitize(text);
    if keep_newlines {
        clean
    } else {
        clean.split('\n').collect::<Vec<_>>().join(" ")
    }
}

/// Markdown notes: grouped by source and article, each annotation a block quote with
/// its tags as `#tags`, its note below, and the other sources carrying its claim.
pub fn markdown(_set: &ExportSet) -> String {
    String::new()
}

/// gloss's own lossless JSON of everything in `set` (read back by [`import_json`]).
pub fn json(_set: &ExportSet) -> String {
    String::new()
}

/// Reads what [`json`] wrote: each article with its annotations.
pub fn import_json(_text: &str) -> Result<Vec<(ExportArticle, Vec<Annotation>)>, String> {
    Err("not yet".to_owned())
}

/// CSV, one row per annotation, with the columns Readwise imports plus Tags and Source.
pub fn csv(_set: &ExportSet) -> String {
    String::new()
}

/// W3C Web Annotation JSON-LD: an `AnnotationCollection` of the annotations.
pub fn w3c(_set: &ExportSet) -> String {
    String::new()
}

/// The claims report as Markdown.
pub fn claims_markdown(_report: &ClaimsReport) -> String {
    String::new()
}

/// The claims report as CSV, one row per claim and source.
pub fn claims_csv(_report: &ClaimsReport) -> String {
    String::new()
}

/// The corpus's multi-source claims, from its articles and their links.
pub fn claims_report(
    _articles: &[(&crate::corpus::Article, &crate::analysis::Analysis)],
    _links: &crate::links::Links,
) -> ClaimsReport {
    ClaimsReport::default()
}
