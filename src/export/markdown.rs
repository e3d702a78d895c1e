//! Markdown notes, for reading as they are or dropping into a notes vault: a heading
//! per outlet and per article, each annotation a block quote followed by its `#tags`,
//! its note and the other sources that carry its claim.

use std::fmt::Write as _;

use super::{cleaned, ExportArticle, ExportSet, ExportedAnnotation, OtherSource};
use crate::annotations::Target;

/// Writes the whole set.
pub(super) fn write(set: &ExportSet) -> String {
    let mut out = String::with_capacity(256 * set.len() + 64);
    out.push_str("# Annotations from gloss\n");
    let mut outlet: Option<&str> = None;
    for article in &set.articles {
        let name = article.article.outlet();
        if outlet != Some(name) {
            outlet = Some(name);
            let _ = write!(out, "\n## {}\n", inline(&cleaned(name, false)));
        }
        write_article(&mut out, &article.article);
        for annotation in &article.annotations {
            write_annotation(&mut out, annotation);
        }
    }
    out
}

/// The article's heading and what is known about it.
fn write_article(out: &mut String, article: &ExportArticle) {
    let _ = write!(out, "\n### {}\n\n", inline(&cleaned(&article.title, false)));
    let fields = [
        ("Outlet", article.source.as_deref()),
        ("Date", article.date.as_deref()),
        ("Author", article.author.as_deref()),
        ("Link", article.url.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            // A link stays as written, so that it still works; the rest is text.
            let value = cleaned(value, false);
            let shown = if name == "Link" {
                value.into_owned()
            } else {
                inline(&value)
            };
            let _ = writeln!(out, "- {name}: {shown}");
        }
    }
    if article.url.is_none() {
        // Without a link the path is the only way back to the text.
        let _ = writeln!(
            out,
            "- File: `{}`",
            cleaned(&article.path, false).replace('`', "'")
        );
    }
}

/// One annotation: what it is about, the quote, tags, note and other sources, each
/// part after a blank line.
fn write_annotation(out: &mut String, item: &ExportedAnnotation) {
    let a = &item.annotation;
    match &a.target {
        Target::Passage => {}
        Target::Claim { .. } => out.push_str("\n*Claim*\n"),
        Target::Entity { name, entity_kind } => {
            let _ = writeln!(
                out,
                "\n*{} ({})*",
                inline(&cleaned(name, false)),
                inline(&cleaned(entity_kind, false))
            );
        }
    }
    if !a.anchor.exact.trim().is_empty() {
        out.push('\n');
        for line in cleaned(&a.anchor.exact, true).lines() {
            out.push('>');
            if !line.is_empty() {
                out.push(' ');
                if opens_heading(line) || underlines(line) {
                    out.push('\\');
                }
                out.push_str(line);
            }
            out.push('\n');
        }
    }
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| tag(t)).collect();
        let _ = write!(out, "\n{}\n", tags.join(" "));
    }
    if let Some(note) = a.note.as_deref().filter(|n| !n.trim().is_empty()) {
        out.push('\n');
        for line in cleaned(note, true).lines() {
            // A note line that would open or underline a heading would break the
            // outline.
            if opens_heading(line) || underlines(line) {
                out.push('\\');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    if !item.also_in.is_empty() {
        out.push_str("\nAlso in:\n\n");
        for other in &item.also_in {
            write_other(out, other);
        }
    }
}

/// Says whether a line would underline the one above into a heading (`===`, `---`).
fn underlines(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-' || c == ' '))
}

/// Text set inside a line of Markdown with its markup characters escaped, so a title
/// such as `[click](javascript:…)` or `A*B_` reads as written.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A tag as notes apps read one: `#` and no spaces.
fn tag(tag: &str) -> String {
    let safe = cleaned(tag, false);
    format!("#{}", safe.split_whitespace().collect::<Vec<_>>().join("-"))
}

/// Says whether a line would be read as an ATX heading: up to three spaces, one to
/// six `#`, then a space or the end (`#tag` is not one).
fn opens_heading(line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return false;
    }
    let after = rest.trim_start_matches('#');
    let hashes = rest.len() - after.len();
    (1..=6).contains(&hashes) && after.chars().next().is_none_or(char::is_whitespace)
}

/// One other source of a claim.
fn write_other(out: &mut String, other: &OtherSource) {
    let _ = write!(out, "- **{}**", cleaned(&other.source, false));
    if let Some(date) = &other.date {
        let _ = write!(out, ", {}", cleaned(date, false));
    }
    if other.title != other.source {
        let _ = write!(out, ", *{}*", cleaned(&other.title, false));
    }
    let _ = writeln!(out, ": “{}”", cleaned(&other.text, false));
}

#[cfg(test)]
mod tests {
    use super::opens_heading;

    #[test]
    fn only_real_headings_are_escaped() {
        for line in ["# Title", "## two", "   ###", "######\tx"] {
            assert!(opens_heading(line), "{line:?}");
        }
        for line in [
            "#tag",
            "#tag #other",
            "####### seven",
            "    # code",
            "a # b",
            "",
        ] {
            assert!(!opens_heading(line), "{line:?}");
        }
    }
}
