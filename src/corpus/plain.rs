//! Display normalisation shared by every format: the text every offset refers to.

use super::boilerplate;

/// What normalisation changed, for the loader's messages.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Normalised {
    /// Lines of page furniture dropped.
    pub leftovers: usize,
}

/// Normalises display text: drops web-clip leftovers, trims line ends, collapses runs of
/// blank lines to one, and removes blank lines at the start and end.
pub fn tidy(text: &str) -> (String, Normalised) {
    let (lines, leftovers) = boilerplate::strip(text.lines());
    let mut out = String::with_capacity(text.len());
    let mut blank_run = true; // drop leading blank lines
    for line in lines {
        let line = line.trim_end();
        if line.is_empty() {
            if !blank_run {
                out.push('\n');
            }
            blank_run = true;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
        blank_run = false;
    }
    while out.ends_with('\n') {
        out.pop();
    }
    (out, Normalised { leftovers })
}

/// Joins hard-wrapped lines of prose paragraphs, so the reader can re-wrap them to the
/// pane. A paragraph is joined only when it looks wrapped at a fixed width: every line
/// but the last is between 50 and 100 characters, most of them break mid-sentence, and
/// none looks like a list item, a table row or indented text. Text written one
/// paragraph per line is left alone.
pub fn unwrap_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let lines: Vec<&str> = para.lines().collect();
        let body = &lines[..lines.len().saturating_sub(1)];
        let mid_sentence = body
            .iter()
            .filter(|l| !l.trim_end().ends_with(['.', '!', '?', '"', '”', ':']))
            .count();
        let hard_wrapped = lines.len() > 1
            && body.iter().all(|l| (50..=100).contains(&l.chars().count()))
            && mid_sentence * 2 >= body.len()
            && lines.iter().all(|l| !looks_structured(l));
        if hard_wrapped {
            out.push_str(&lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "));
        } else {
            out.push_str(para);
        }
    }
    out
}

fn looks_structured(line: &str) -> bool {
    let t = line.trim_start();
    line.starts_with([' ', '\t'])
        || t.starts_with(['-', '*', '•', '|', '>', '#'])
        || t.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_blank_runs_and_trims() {
        let (out, _) = tidy("\n\n  \nTitle line   \n\n\n\nSecond\n\n\n");
        assert_eq!(out, "Title line\n\nSecond");
    }

    #[test]
    fn keeps_single_line_breaks() {
        assert_eq!(tidy("a\nb\n\nc").0, "a\nb\n\nc");
    }

    #[test]
    fn one_paragraph_per_line_is_not_joined() {
        let text = "The jury heard from a witness who said he had raised concerns about the payments twice.\n“I was told the invoices were for warehouse space in Dorrow,” he said to the court.\nShort last line.";
        assert_eq!(unwrap_paragraphs(text), text);
    }

    #[test]
    fn joins_hard_wrapped_prose_but_not_lists() {
        let wrapped = "The Calder Port Authority said on Monday that it would\nbuy fourteen new cranes for the container terminal.\n\n- one\n- two";
        assert_eq!(
            unwrap_paragraphs(wrapped),
            "The Calder Port Authority said on Monday that it would buy fourteen new cranes for the container terminal.\n\n- one\n- two"
        );
        let table = "| a | b |\n| c | d |";
        assert_eq!(unwrap_paragraphs(table), table);
    }
}
