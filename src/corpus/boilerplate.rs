//! Web-clip leftovers: the page furniture that text copied from a site drags along.
//!
//! The word lists live in `assets/boilerplate.toml` so they can grow without code.

use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    lines: Vec<String>,
    prefixes: Vec<String>,
    blocks: Vec<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        // The file is part of the binary and checked by a test, so failing here is a
        // build defect, not a user error.
        toml::from_str(include_str!("../../assets/boilerplate.toml"))
            .expect("assets/boilerplate.toml is valid")
    })
}

/// How a line of text relates to page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Prose,
    Leftover,
    BlockHeading,
}

fn key(line: &str) -> String {
    line.trim()
        .trim_start_matches(['•', '-', '*', '|', '>', '#', '·', '›', '»'])
        .trim()
        .trim_end_matches(['.', ':', '!', '›', '»', '→', '|'])
        .trim()
        .to_lowercase()
}

/// Lines longer than this (in bytes) are prose unless they start like a leftover:
/// every whole-line entry of the lists is far shorter, so only the head is read.
const LONG_LINE: usize = 256;

fn classify(line: &str) -> Kind {
    if line.len() > LONG_LINE {
        let mut cut = LONG_LINE;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = key(&line[..cut]);
        return if lists()
            .prefixes
            .iter()
            .any(|p| head.starts_with(p.as_str()))
        {
            Kind::Leftover
        } else {
            Kind::Prose
        };
    }
    let key = key(line);
    if key.is_empty() {
        return Kind::Prose;
    }
    let lists = lists();
    if lists.blocks.contains(&key) {
        return Kind::BlockHeading;
    }
    if lists.lines.contains(&key)
        || lists.prefixes.iter().any(|p| key.starts_with(p.as_str()))
        || is_comment_count(&key)
        || is_copyright(&key)
    {
        return Kind::Leftover;
    }
    Kind::Prose
}

/// "12 comments", "1 comment".
fn is_comment_count(key: &str) -> bool {
    let mut parts = key.split_whitespace();
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(n), Some("comment" | "comments" | "replies"), None)
            if n.chars().all(|c| c.is_ascii_digit() || c == ',')
    )
}

fn is_copyright(key: &str) -> bool {
    key.len() < 160
        && (key.starts_with('©')
            || key.starts_with("copyright ")
            || key.starts_with("(c) ")
            || key.contains("all rights reserved"))
}

/// A line that may belong to a list of links: short, and not ending like a sentence.
fn is_link_like(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 100 && !t.ends_with(['.', '?', '!', '"', '”', ':'])
}

/// Returns `lines` without web-clip leftovers, and how many lines were dropped.
pub fn strip<'a>(lines: impl IntoIterator<Item = &'a str>) -> (Vec<&'a str>, usize) {
    let mut out = Vec::new();
    let mut dropped = 0;
    let mut in_block = false;
    for line in lines {
        if in_block {
            if line.trim().is_empty() {
                continue;
            }
            if is_link_like(line) && classify(line) != Kind::BlockHeading {
                dropped += 1;
                continue;
            }
            in_block = false;
        }
        match classify(line) {
            Kind::Prose => out.push(line),
            Kind::Leftover => dropped += 1,
            Kind::BlockHeading => {
                dropped += 1;
                in_block = true;
            }
        }
    }
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_parse() {
        assert!(!lists().lines.is_empty());
    }

    #[test]
    fn drops_furniture_and_keeps_prose() {
        let text = "Share on Facebook\nTweet\nThe union said no.\n\nAdvertisement\nQuint spoke.\n\nRelated articles\n\n- Port strike enters week two\n- Crane makers circle Calder\n\nThe talks resume Monday, officials said.\n12 comments\nSign in to comment\n© 2026 Harbour Signal Media. All rights reserved.";
        let (kept, dropped) = strip(text.lines());
        assert_eq!(
            kept,
            vec![
                "The union said no.",
                "",
                "Quint spoke.",
                "",
                "The talks resume Monday, officials said.",
            ]
        );
        assert_eq!(dropped, 9);
    }

    #[test]
    fn words_inside_prose_are_not_furniture() {
        let text = "Shares fell 4% after the email was printed.\nPrint unions share the view.";
        assert_eq!(strip(text.lines()).0.len(), 2);
    }
}

#[cfg(test)]
mod long_line_tests {
    use super::*;

    #[test]
    fn every_whole_line_entry_is_shorter_than_a_long_line() {
        let lists = lists();
        for entry in lists
            .lines
            .iter()
            .chain(&lists.blocks)
            .chain(&lists.prefixes)
        {
            assert!(entry.len() < LONG_LINE / 2, "{entry}");
        }
    }

    #[test]
    fn a_long_line_is_read_by_its_head() {
        let prose = "The port board met on Monday. ".repeat(20);
        assert_eq!(classify(&prose), Kind::Prose);
        let prefix = &lists().prefixes[0];
        let leftover = format!("{prefix} {}", "more words here ".repeat(30));
        assert_eq!(classify(&leftover), Kind::Leftover);
        // The same line, short, is classified the same way.
        assert_eq!(
            classify(&leftover[..60.min(leftover.len())]),
            Kind::Leftover
        );
    }
}
