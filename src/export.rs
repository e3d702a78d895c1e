//! Annotations out of gloss, and back in: Markdown notes, gloss's own lossless JSON
//! (which `gloss import` reads back), CSV for spreadsheet and Readwise imports, W3C Web
//! Annotation JSON-LD, and the claims report of the corpus.
//!
//! Every writer takes an [`ExportSet`] (or a [`ClaimsReport`]) and returns text; none
//! of them lets a control character or escape sequence through. Markdown, CSV, W3C and
//! the claims report pass every string that comes from an article or the reader
//! through [`clean`]. The lossless JSON keeps the exact text instead, so that an
//! import gives back what was exported: there every control character (and every
//! character that reorders text, such as U+202E) is written as a `\uXXXX` escape, so
//! the file itself holds none and only a JSON reader ever sees them decoded.
//!
//! [`export_set`] and [`claims_report`] build the inputs from the corpus, its analysis
//! and links, and the reader's annotations.

mod claims;
mod csv;
mod json;
mod markdown;
mod w3c;

use std::borrow::Cow;

pub mod select;

use crate::analysis::{Analysis, Claim};
use crate::annotations::{Annotation, Target};
use crate::corpus::Article;
use crate::links::Links;

/// What an export knows about an article: the store's own record of it (id, where it
/// came from, title, outlet, date, link, byline), so an import gives back exactly what
/// an export wrote.
pub use crate::annotations::ArticleRef as ExportArticle;

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
///
/// Escape sequences go whole, a tab becomes spaces, a carriage return goes, and any
/// other control character becomes a visible stand-in (as [`crate::text::sanitize`]
/// does for article text). The characters that embed, override or isolate a direction
/// (U+202A–U+202E, U+2066–U+2069) go too, since they can make a line read other than it
/// is stored; the plain marks U+200E and U+200F stay, as right-to-left text needs them.
pub fn clean(text: &str, keep_newlines: bool) -> String {
    cleaned(text, keep_newlines).into_owned()
}

/// [`clean`] without a copy when nothing needs changing, which is nearly always.
pub(crate) fn cleaned(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let risky = |c: char| c.is_control() || is_direction_control(c);
    if !text.chars().any(risky) {
        return Cow::Borrowed(text);
    }
    // A carriage return alone still ends a line (old Mac text): keep the break.
    let lines = text.replace("\r\n", "\n").replace('\r', "\n");
    let (safe, _) = crate::text::sanitize(&lines);
    Cow::Owned(
        safe.chars()
            .filter(|&c| !is_direction_control(c))
            .map(|c| if c == '\n' && !keep_newlines { ' ' } else { c })
            .collect(),
    )
}

/// Says whether `c` embeds, overrides or isolates a direction of text.
pub(crate) fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl ExportArticle {
    /// Describes a loaded article, for the store and for exports.
    pub fn of(article: &Article) -> Self {
        Self {
            id: article.id.clone(),
            path: article.path.clone(),
            title: article.meta.title.clone(),
            source: article.meta.source.clone(),
            date: article.meta.date.clone(),
            url: article.meta.url.clone(),
            author: article.meta.author.clone(),
        }
    }

    /// The name the article is grouped under: its outlet, else its title.
    pub fn outlet(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.title)
    }
}

impl ExportSet {
    /// Makes a set of imported articles and annotations, in the order given and with
    /// no other sources (which come from the corpus, not the store).
    pub fn from_imported(imported: Vec<(ExportArticle, Vec<Annotation>)>) -> Self {
        Self {
            articles: imported
                .into_iter()
                .map(|(article, annotations)| ExportedArticle {
                    article,
                    annotations: annotations
                        .into_iter()
                        .map(|annotation| ExportedAnnotation {
                            annotation,
                            also_in: Vec::new(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Puts the set in export order: by outlet (articles without one last), then date
    /// (undated last), title and id; annotations in text order.
    pub fn sort(&mut self) {
        self.articles.sort_by(|a, b| {
            let (a, b) = (&a.article, &b.article);
            (
                a.source.is_none(),
                a.outlet(),
                a.date.is_none(),
                &a.date,
                &a.title,
                &a.id,
            )
                .cmp(&(
                    b.source.is_none(),
                    b.outlet(),
                    b.date.is_none(),
                    &b.date,
                    &b.title,
                    &b.id,
                ))
        });
        for article in &mut self.articles {
            article.annotations.sort_by(|a, b| {
                let (a, b) = (&a.annotation, &b.annotation);
                (a.anchor.start, a.anchor.end, &a.id).cmp(&(b.anchor.start, b.anchor.end, &b.id))
            });
        }
    }

    /// Counts the annotations of every article.
    pub fn len(&self) -> usize {
        self.articles.iter().map(|a| a.annotations.len()).sum()
    }

    /// Says whether the set holds no annotation.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Builds the export of the reader's annotations: each article with its annotations
/// and, for those about a claim other sources carry, those sources; in export order
/// ([`ExportSet::sort`]). Articles without annotations are left out.
///
/// `links` must come from linking the articles of `articles`, in the same order.
pub fn export_set(articles: &[(&Article, &Analysis, &[Annotation])], links: &Links) -> ExportSet {
    let mut set = ExportSet {
        articles: articles
            .iter()
            .enumerate()
            .filter(|(_, (_, _, annotations))| !annotations.is_empty())
            .map(
                |(index, (article, analysis, annotations))| ExportedArticle {
                    article: ExportArticle::of(article),
                    annotations: annotations
                        .iter()
                        .map(|annotation| ExportedAnnotation {
                            also_in: also_in(index, analysis, annotation, articles, links),
                            annotation: annotation.clone(),
                        })
                        .collect(),
                },
            )
            .collect(),
    };
    set.sort();
    set
}

/// The other sources that carry the claim an annotation is about, earliest first.
fn also_in(
    index: usize,
    analysis: &Analysis,
    annotation: &Annotation,
    articles: &[(&Article, &Analysis, &[Annotation])],
    links: &Links,
) -> Vec<OtherSource> {
    let Some(claim) = claim_of(analysis, annotation) else {
        return Vec::new();
    };
    let Some(cluster) = links.cluster_of(index, claim) else {
        return Vec::new();
    };
    let mut seen = Vec::new();
    cluster
        .members
        .iter()
        .filter(|m| m.article != index)
        .filter_map(|m| {
            // One line per other article, even when it states the claim twice.
            if seen.contains(&m.article) {
                return None;
            }
            seen.push(m.article);
            let (article, analysis, _) = articles.get(m.article)?;
            let claim = analysis.claims.get(m.claim)?;
            Some(OtherSource {
                source: article
                    .meta
                    .source
                    .clone()
                    .unwrap_or_else(|| article.meta.title.clone()),
                title: article.meta.title.clone(),
                date: article.meta.date.clone(),
                text: claim.text.clone(),
            })
        })
        .collect()
}

/// The claim an annotation is about: for a claim annotation, the claim whose sentence
/// it marks (its number only when no sentence matches, since numbers change when an
/// article is analysed anew); for a passage, the claim whose sentence it holds, which
/// is the one it covers most of, if it covers at least half of it (a highlight often
/// leaves out an attribution or the full stop; a few words of a sentence are not
/// about its claim).
pub(crate) fn claim_of(analysis: &Analysis, annotation: &Annotation) -> Option<usize> {
    let (start, end) = (annotation.anchor.start, annotation.anchor.end);
    let same = |c: &Claim| c.start == start && c.end == end;
    match &annotation.target {
        Target::Claim { claim } => analysis
            .claims
            .iter()
            .position(|c| same(c) && c.text == annotation.anchor.exact)
            .or_else(|| analysis.claims.iter().position(same))
            .or_else(|| analysis.claims.iter().position(|c| &c.id == claim)),
        Target::Passage => analysis
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| (i, end.min(c.end).saturating_sub(start.max(c.start)), c))
            .filter(|&(_, covered, c)| covered > 0 && 2 * covered >= c.end.saturating_sub(c.start))
            .max_by_key(|&(i, covered, _)| (covered, std::cmp::Reverse(i)))
            .map(|(i, _, _)| i),
        Target::Entity { .. } => None,
    }
}

/// Builds the claims report: every cluster of `links` carried by more than one
/// article, most widely carried first, each source with its own sentence and what it
/// says differently. Tags are left empty for the caller, who knows the annotations.
///
/// `links` must come from linking `articles`, in the same order.
pub fn claims_report(articles: &[(&Article, &Analysis)], links: &Links) -> ClaimsReport {
    let claims = links
        .clusters
        .iter()
        .filter(|cluster| cluster.sources() > 1)
        .map(|cluster| ClaimRow {
            label: cluster.label.clone(),
            disagreement: cluster.disagreement.clone(),
            tags: Vec::new(),
            sources: cluster
                .members
                .iter()
                .filter_map(|m| {
                    let (article, analysis) = articles.get(m.article)?;
                    let claim = analysis.claims.get(m.claim)?;
                    Some(ClaimSource {
                        source: article
                            .meta
                            .source
                            .clone()
                            .unwrap_or_else(|| article.meta.title.clone()),
                        title: article.meta.title.clone(),
                        date: article.meta.date.clone(),
                        text: claim.text.clone(),
                        differs: m.differs.clone(),
                    })
                })
                .collect(),
        })
        .collect();
    ClaimsReport { claims }
}

/// Markdown notes: grouped by source and article, each annotation a block quote with
/// its tags as `#tags`, its note below, and the other sources carrying its claim.
pub fn markdown(set: &ExportSet) -> String {
    markdown::write(set)
}

/// gloss's own lossless JSON of everything in `set` (read back by [`import_json`]).
///
/// The other sources of a claim are not written: they come from the corpus, not from
/// the store, and the next export finds them again.
pub fn json(set: &ExportSet) -> String {
    json::write(set)
}

/// Reads what [`json`] wrote: each article with its annotations.
pub fn import_json(text: &str) -> Result<Vec<(ExportArticle, Vec<Annotation>)>, String> {
    json::read(text)
}

/// CSV, one row per annotation, with the columns Readwise imports plus Tags and Source.
pub fn csv(set: &ExportSet) -> String {
    csv::write(set)
}

/// W3C Web Annotation JSON-LD: an `AnnotationCollection` of the annotations.
pub fn w3c(set: &ExportSet) -> String {
    w3c::write(set)
}

/// The claims report as Markdown.
pub fn claims_markdown(report: &ClaimsReport) -> String {
    claims::markdown(report)
}

/// The claims report as CSV, one row per claim and source.
pub fn claims_csv(report: &ClaimsReport) -> String {
    claims::csv(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ClaimKind;
    use crate::annotations::Anchor;

    #[test]
    fn clean_drops_sequences_and_direction_overrides_and_keeps_what_is_asked() {
        let text = "a\u{1b}[31mred\u{1b}[0m \u{202e}x\u{202c}\u{200f}\nb\tc\u{7}";
        let kept = clean(text, true);
        assert_eq!(kept, "ared x\u{200f}\nb    c\u{2407}");
        let line = clean(text, false);
        assert!(!line.contains('\n'), "{line:?}");
        assert!(line.chars().all(|c| !c.is_control()), "{line:?}");
        assert!(matches!(cleaned("plain text", true), Cow::Borrowed(_)));
    }

    fn claim(start: usize, end: usize, text: &str) -> Claim {
        Claim {
            id: format!("c{start}"),
            kind: ClaimKind::Figure,
            text: text.to_owned(),
            quote: None,
            speaker: None,
            start,
            end,
            entities: Vec::new(),
            figures: Vec::new(),
        }
    }

    fn passage(body: &str, start: usize, end: usize, target: Target) -> Annotation {
        Annotation {
            id: "a1".into(),
            created: "2026-01-01T00:00:00Z".into(),
            modified: "2026-01-01T00:00:00Z".into(),
            tags: Vec::new(),
            note: None,
            target,
            anchor: Anchor::new(body, start, end),
        }
    }

    #[test]
    fn a_claim_annotation_finds_its_claim_by_sentence_before_number() {
        let body = "One two three. Four five six.";
        let analysis = Analysis {
            entities: Vec::new(),
            claims: vec![
                claim(0, 14, "One two three."),
                claim(15, 29, "Four five six."),
            ],
        };
        // Its number points at the first claim, its sentence at the second.
        let a = passage(body, 15, 29, Target::Claim { claim: "c0".into() });
        assert_eq!(claim_of(&analysis, &a), Some(1));
        let moved = passage(
            body,
            3,
            7,
            Target::Claim {
                claim: "c15".into(),
            },
        );
        assert_eq!(
            claim_of(&analysis, &moved),
            Some(1),
            "the number, failing all else"
        );
    }

    #[test]
    fn a_passage_holds_a_claim_when_it_covers_half_its_sentence() {
        let body = "One two three. Four five six.";
        let analysis = Analysis {
            entities: Vec::new(),
            claims: vec![
                claim(0, 14, "One two three."),
                claim(15, 29, "Four five six."),
            ],
        };
        let most = passage(body, 15, 27, Target::Passage);
        assert_eq!(claim_of(&analysis, &most), Some(1));
        let few = passage(body, 15, 19, Target::Passage);
        assert_eq!(claim_of(&analysis, &few), None);
        let both = passage(body, 0, 29, Target::Passage);
        assert_eq!(claim_of(&analysis, &both), Some(0), "ties go to the first");
        let entity = passage(
            body,
            0,
            14,
            Target::Entity {
                name: "One".into(),
                entity_kind: "person".into(),
            },
        );
        assert_eq!(claim_of(&analysis, &entity), None);
    }

    #[test]
    fn sort_orders_outlets_then_dates_with_the_missing_last() {
        let article = |id: &str, source: Option<&str>, date: Option<&str>| ExportedArticle {
            article: ExportArticle {
                id: id.into(),
                title: format!("T{id}"),
                source: source.map(str::to_owned),
                date: date.map(str::to_owned),
                ..ExportArticle::default()
            },
            annotations: Vec::new(),
        };
        let mut set = ExportSet {
            articles: vec![
                article("1", None, Some("2026-01-01")),
                article("2", Some("Wire"), None),
                article("3", Some("Wire"), Some("2026-01-02")),
                article("4", Some("Ledger"), Some("2026-01-09")),
            ],
        };
        set.sort();
        let ids: Vec<&str> = set.articles.iter().map(|a| a.article.id.as_str()).collect();
        assert_eq!(ids, ["4", "3", "2", "1"]);
    }

    #[test]
    fn formula_guard_sees_through_leading_whitespace() {
        for cell in ["=1", "+1", "-1", "@x", "\t1", "\r1", "  =1", " \u{3000}@x"] {
            assert!(csv::is_formula(cell), "{cell:?}");
        }
        for cell in ["1-2", "a=b", "", " plain", "'=1"] {
            assert!(!csv::is_formula(cell), "{cell:?}");
        }
    }
}
