//! The article: metadata plus the body text as displayed.

use serde::Serialize;

/// How an article's file was written, which decides how it is turned into display text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text: the first line is the title unless front matter gives one.
    Text,
    /// Markdown with optional front matter.
    Markdown,
    /// An HTML page: the main text is extracted and page furniture dropped.
    Html,
}

impl Format {
    /// Returns the format a file name implies, or `None` for files gloss does not read.
    pub fn from_path(path: &str) -> Option<Self> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "txt" | "text" => Some(Self::Text),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }
}

/// What is known about an article besides its text; every field is terminal-safe.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArticleMeta {
    /// The headline.
    pub title: String,
    /// The outlet or feed, from front matter or the folder name.
    pub source: Option<String>,
    /// The publication date as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// A link to the original.
    pub url: Option<String>,
    /// The byline.
    pub author: Option<String>,
}

/// One article, ready to display and analyse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// A stable identifier derived from where the article came from.
    pub id: String,
    /// The file path (or `sample:` path) the article came from, terminal-safe.
    pub path: String,
    /// Title, source, date, link and byline.
    pub meta: ArticleMeta,
    /// The text exactly as displayed; all offsets count characters into it.
    pub body: String,
    /// How the file was written.
    pub format: Format,
}

impl Article {
    /// Returns the file name part of the path, for the status line.
    pub fn file_name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }

    /// Returns the name to show for the article: its file name, or for an article gloss
    /// keeps from a feed or an address (a file named by a hash) its outlet.
    pub fn display_name(&self) -> &str {
        let name = self.file_name();
        let last = name.rsplit('#').next().unwrap_or(name);
        let kept = last.len() == 21
            && last.is_char_boundary(16)
            && &last[16..] == ".html"
            && last[..16].bytes().all(|b| b.is_ascii_hexdigit());
        match (&self.meta.source, kept) {
            (Some(source), true) => source,
            _ => name,
        }
    }
}

/// Returns the numbered links listed at the end of an article's text (the "Links" list
/// gloss writes under a web page's text): `[1] https://…` lines, in order, http and
/// https only.
pub fn numbered_links(body: &str) -> Vec<&str> {
    let Some(at) = body
        .rfind("\nLinks\n")
        .map(|i| i + 7)
        .or_else(|| body.starts_with("Links\n").then_some(6))
    else {
        return Vec::new();
    };
    let mut links = Vec::new();
    for line in body[at..].lines() {
        let want = format!("[{}] ", links.len() + 1);
        let Some(url) = line.strip_prefix(want.as_str()) else {
            break;
        };
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            break;
        }
        links.push(url.trim());
    }
    links
}

/// Returns the stable id of an article that came from `origin` (a path or URL).
///
/// It is the 64-bit FNV-1a hash of the origin in hex: the same file always gets the
/// same id, on any machine, which later work uses to key annotations.
pub fn article_id(origin: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in origin.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(article_id("a/b.md"), article_id("a/b.md"));
        assert_ne!(article_id("a/b.md"), article_id("a/c.md"));
        assert_eq!(article_id(""), "cbf29ce484222325");
    }

    #[test]
    fn kept_articles_show_their_outlet_instead_of_a_hash() {
        let mut a = Article {
            id: String::new(),
            path: "/data/feeds/wire-1234/d68fca6084eb0c44.html".to_owned(),
            meta: ArticleMeta {
                source: Some("Wire".to_owned()),
                ..ArticleMeta::default()
            },
            body: String::new(),
            format: Format::Html,
        };
        assert_eq!(a.display_name(), "Wire");
        a.path = "news/feed.rss#d68fca6084eb0c44.html".to_owned();
        assert_eq!(a.display_name(), "Wire");
        a.path = "news/talks-stall.html".to_owned();
        assert_eq!(a.display_name(), "talks-stall.html");
    }

    #[test]
    fn numbered_links_come_from_the_list_at_the_end() {
        let body = "Text [1] here.\n\nLinks\n[1] https://a.example/x\n[2] http://b.example/\n[4] https://skipped.example/";
        assert_eq!(
            numbered_links(body),
            ["https://a.example/x", "http://b.example/"]
        );
        assert!(numbered_links("No links.\n[1] https://a.example/").is_empty());
        assert!(numbered_links("Links\n[1] javascript:alert(1)").is_empty());
    }

    #[test]
    fn formats_follow_extensions() {
        assert_eq!(Format::from_path("x/Story.MD"), Some(Format::Markdown));
        assert_eq!(Format::from_path("x/story.txt"), Some(Format::Text));
        assert_eq!(Format::from_path("x/photo.jpg"), None);
        assert_eq!(Format::from_path("x/page.HTM"), Some(Format::Html));
        assert_eq!(Format::from_path("x/page.html"), Some(Format::Html));
    }
}
