//! The small front matter at the top of an article file.
//!
//! ```text
//! ---
//! title: Calder port talks stall
//! source: Ledger Daily
//! date: 2026-03-02
//! url: https://ledgerdaily.example/port/talks-stall
//! author: Jun Okafor
//! ---
//! ```
//!
//! Only `key: value` lines are read (values may be quoted); it is not YAML.

/// The fields front matter can set, each `None` when absent.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
}

/// Splits front matter off `text`, returning it and the rest of the text.
///
/// Text without a complete front matter block (an opening `---` line, then a closing
/// one within 60 lines) is returned whole.
pub fn split(text: &str) -> (Option<FrontMatter>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, text);
    };
    let mut offset = 0;
    for (n, line) in rest.split_inclusive('\n').enumerate() {
        if n > 60 {
            break;
        }
        if line.trim_end() == "---" {
            let block = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return (Some(parse(block)), body);
        }
        offset += line.len();
    }
    (None, text)
}

fn parse(block: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" => &mut fm.title,
            "source" | "outlet" | "publisher" => &mut fm.source,
            "date" | "published" => &mut fm.date,
            "url" | "link" => &mut fm.url,
            "author" | "byline" => &mut fm.author,
            _ => continue,
        };
        *slot = Some(value.to_owned());
    }
    fm
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_five_keys() {
        let text = "---\ntitle: \"Talks: stalled\"\nsource: Ledger Daily\ndate: 2026-03-02\nurl: https://x.example/a\nauthor: Jun Okafor\nextra: ignored\n---\nBody here.\n";
        let (fm, body) = split(text);
        let fm = fm.expect("front matter");
        assert_eq!(fm.title.as_deref(), Some("Talks: stalled"));
        assert_eq!(fm.source.as_deref(), Some("Ledger Daily"));
        assert_eq!(fm.date.as_deref(), Some("2026-03-02"));
        assert_eq!(fm.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(fm.author.as_deref(), Some("Jun Okafor"));
        assert_eq!(body, "Body here.\n");
    }

    #[test]
    fn unterminated_or_absent_front_matter_leaves_text_whole() {
        assert_eq!(
            split("---\ntitle: x\nno end"),
            (None, "---\ntitle: x\nno end")
        );
        assert_eq!(split("Just text"), (None, "Just text"));
    }
}
