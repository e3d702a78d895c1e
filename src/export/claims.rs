//! The claims report: the corpus's claims that several sources carry, each with its
//! sources' own sentences and dates, what they disagree on, and the reader's tags.

use std::fmt::Write as _;

use super::csv::{row, Cell};
use super::{cleaned, ClaimRow, ClaimsReport};

/// Writes the report as Markdown: a heading per claim, then its sources as a list.
pub(super) fn markdown(report: &ClaimsReport) -> String {
    let mut out = String::with_capacity(512 * report.claims.len() + 64);
    out.push_str("# Claims across sources\n");
    if report.claims.is_empty() {
        out.push_str("\nNo claim is carried by more than one source.\n");
    }
    for (n, claim) in report.claims.iter().enumerate() {
        let _ = write!(out, "\n## {}. {}\n\n", n + 1, cleaned(&claim.label, false));
        let _ = writeln!(
            out,
            "- Outlets: {} · Articles: {}",
            outlets(claim),
            articles(claim)
        );
        if let Some(d) = &claim.disagreement {
            let _ = writeln!(out, "- Disagreement: {}", cleaned(d, false));
        }
        if !claim.tags.is_empty() {
            let tags: Vec<String> = claim
                .tags
                .iter()
                .map(|t| {
                    format!(
                        "#{}",
                        cleaned(t, false)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join("-")
                    )
                })
                .collect();
            let _ = writeln!(out, "- Tags: {}", tags.join(" "));
        }
        out.push('\n');
        for source in &claim.sources {
            let _ = write!(out, "- **{}**", cleaned(&source.source, false));
            if let Some(date) = &source.date {
                let _ = write!(out, ", {}", cleaned(date, false));
            }
            if source.title != source.source {
                let _ = write!(out, ", *{}*", cleaned(&source.title, false));
            }
            out.push('\n');
            let _ = writeln!(out, "  > {}", cleaned(&source.text, false));
            if let Some(d) = &source.differs {
                let _ = writeln!(out, "\n  Differs: {}", cleaned(d, false));
            }
        }
    }
    out
}

/// How many different outlets carry a claim (an outlet with two articles counts once).
fn outlets(claim: &ClaimRow) -> usize {
    let mut names: Vec<&str> = claim.sources.iter().map(|s| s.source.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

/// How many different articles carry a claim (one stating it twice counts once).
fn articles(claim: &ClaimRow) -> usize {
    let mut names: Vec<(&str, &str)> = claim
        .sources
        .iter()
        .map(|s| (s.source.as_str(), s.title.as_str()))
        .collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

/// The header of the claims CSV.
const HEADER: [&str; 10] = [
    "Claim",
    "Label",
    "Outlets",
    "Disagreement",
    "Tags",
    "Source",
    "Title",
    "Date",
    "Text",
    "Differs",
];

/// Writes the report as CSV: one row per claim and source, the claim's number and
/// columns repeated on each of its rows so that every row stands alone in a sort or
/// filter. Quoting and formula guards as in the annotations CSV.
pub(super) fn csv(report: &ClaimsReport) -> String {
    let mut out = String::with_capacity(256 * report.claims.len() + 64);
    row(&mut out, HEADER.iter().map(|h| Cell::Plain(h)));
    for (n, claim) in report.claims.iter().enumerate() {
        let number = (n + 1).to_string();
        let count = outlets(claim).to_string();
        let tags = claim.tags.join(", ");
        let disagreement = claim.disagreement.as_deref().unwrap_or("");
        for source in &claim.sources {
            row(
                &mut out,
                [
                    Cell::Plain(&number),
                    Cell::Text(&claim.label, false),
                    Cell::Plain(&count),
                    Cell::Text(disagreement, false),
                    Cell::Text(&tags, false),
                    Cell::Text(&source.source, false),
                    Cell::Text(&source.title, false),
                    Cell::Text(source.date.as_deref().unwrap_or(""), false),
                    Cell::Text(&source.text, false),
                    Cell::Text(source.differs.as_deref().unwrap_or(""), false),
                ],
            );
        }
    }
    out
}
