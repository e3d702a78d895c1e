//! The user's configuration: `config.toml`, its defaults, the theme and the keymap data.
//!
//! Every key has a default and `config.example.toml` documents them all (a test proves
//! the example parses and equals [`Config::default`]). Unknown keys and bad values are
//! errors that name the file, the line and the fix.

mod error;
pub mod keymap;
pub mod paths;
pub mod theme;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use error::ConfigError;
pub use keymap::{KeyOverride, Keymap};
pub use theme::Theme;

/// The whole configuration.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// How the reader starts and behaves.
    pub reader: ReaderConfig,
    /// Pane sizes and visibility.
    pub layout: LayoutConfig,
    /// Limits that keep loading bounded.
    pub limits: LimitsConfig,
    /// Styles of everything the reader draws.
    pub theme: Theme,
    /// Overrides of single key bindings, by context.
    pub keys: BTreeMap<String, BTreeMap<String, KeyOverride>>,
    /// Folders or files of articles opened by `gloss` with no arguments.
    pub source: Vec<SourceConfig>,
    /// Feed subscriptions, refreshed with `r` / `R` and kept on disk for offline reading.
    #[serde(deserialize_with = "feeds")]
    pub feed: Vec<FeedConfig>,
    /// Saved searches, listed at the top of the source list.
    #[serde(deserialize_with = "saved_queries")]
    pub query: Vec<SavedQuery>,
    /// Quick tags and the colours of tags.
    pub annotations: AnnotationsConfig,
}

/// Quick tags (keys `1`–`9`) and how tagged passages are drawn.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnnotationsConfig {
    /// The tags keys `1` to `9` apply, in order (at most nine).
    #[serde(deserialize_with = "quick_tags")]
    pub quick_tags: Vec<String>,
    /// The style of passages carrying a tag, by tag (a style string as in `[theme]`);
    /// other tags take `theme.annotation`.
    #[serde(deserialize_with = "tag_styles")]
    pub tag_styles: BTreeMap<String, theme::StyleSpec>,
}

impl Default for AnnotationsConfig {
    fn default() -> Self {
        let style = |s: &str| s.parse::<theme::StyleSpec>().unwrap_or_default();
        Self {
            quick_tags: ["key-quote", "check-figure", "disputed", "follow-up"]
                .map(str::to_owned)
                .to_vec(),
            tag_styles: [
                ("key-quote", style("black on light_green")),
                ("check-figure", style("black on light_blue")),
                ("disputed", style("white on red")),
                ("follow-up", style("black on light_magenta")),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
        }
    }
}

fn quick_tags<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let tags = Vec::<String>::deserialize(deserializer)?;
    if tags.len() > 9 {
        return Err(serde::de::Error::custom(format!(
            "{} quick tags are listed, but only keys 1 to 9 exist: keep nine at most",
            tags.len()
        )));
    }
    if let Some(bad) = tags.iter().find(|t| t.trim().is_empty()) {
        return Err(serde::de::Error::custom(format!(
            "{bad:?} is not a usable tag: a tag needs at least one letter"
        )));
    }
    // Each tag as the store writes it ("Key Quote" is "key-quote"), in the given order.
    Ok(tags
        .into_iter()
        .map(|t| crate::annotations::normalise_tags(vec![t]).concat())
        .collect())
}

fn tag_styles<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, theme::StyleSpec>, D::Error> {
    let raw = BTreeMap::<String, String>::deserialize(deserializer)?;
    raw.into_iter()
        .map(|(tag, spec)| {
            spec.parse::<theme::StyleSpec>()
                .map(|s| {
                    (
                        crate::annotations::normalise_tags(vec![tag.clone()]).concat(),
                        s,
                    )
                })
                .map_err(|e| serde::de::Error::custom(format!("tag {tag:?}: {e}")))
        })
        .collect()
}

/// How the reader starts and behaves.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReaderConfig {
    /// Open the bundled sample corpus when no source is configured.
    pub sample_when_empty: bool,
    /// Let the mouse wheel scroll and clicks focus panes.
    pub mouse: bool,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        Self {
            sample_when_empty: true,
            mouse: true,
        }
    }
}

/// Pane sizes and visibility at start-up.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LayoutConfig {
    /// Width of the source list, in columns (12 to 120).
    #[serde(deserialize_with = "pane_width")]
    pub sources_width: u16,
    /// Width of the side panel, in columns (12 to 120).
    #[serde(deserialize_with = "pane_width")]
    pub panel_width: u16,
    /// Show the source list.
    pub show_sources: bool,
    /// Show the side panel.
    pub show_panel: bool,
}

impl Default for LayoutConfig {
    fn default() -> Self {
        Self {
            sources_width: 30,
            panel_width: 36,
            show_sources: true,
            show_panel: true,
        }
    }
}

/// The narrowest and widest a side pane may be, in columns.
pub const PANE_WIDTHS: std::ops::RangeInclusive<u16> = 12..=120;

fn pane_width<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
    let value = i64::deserialize(deserializer)?;
    u16::try_from(value)
        .ok()
        .filter(|w| PANE_WIDTHS.contains(w))
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{value} is not a usable pane width: use {} to {} columns",
                PANE_WIDTHS.start(),
                PANE_WIDTHS.end()
            ))
        })
}

/// Limits that keep loading bounded.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsConfig {
    /// Files larger than this many bytes are skipped with a message.
    pub max_file_size: u64,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            max_file_size: 8 * 1024 * 1024,
        }
    }
}

/// One feed subscription.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// The name the feed's articles are listed under.
    pub name: String,
    /// The feed's address (http or https).
    pub url: String,
    /// Tags for the feed, for the reader's own sorting.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When an entry holds only a summary, fetch its page and keep the page's main text.
    #[serde(default = "yes")]
    pub fetch_pages: bool,
}

fn yes() -> bool {
    true
}

fn feeds<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<FeedConfig>, D::Error> {
    let feeds = Vec::<FeedConfig>::deserialize(deserializer)?;
    for (i, feed) in feeds.iter().enumerate() {
        if feed.name.trim().is_empty() {
            return Err(serde::de::Error::custom(format!(
                "feed {} ({}) has an empty name: give it one",
                i + 1,
                feed.url
            )));
        }
        if let Err(e) = crate::fetch::check_address(&feed.url) {
            return Err(serde::de::Error::custom(format!(
                "feed {:?}: {e}",
                feed.name
            )));
        }
        if feeds[..i].iter().any(|f| f.name == feed.name) {
            return Err(serde::de::Error::custom(format!(
                "two feeds are named {:?}: names must differ",
                feed.name
            )));
        }
    }
    Ok(feeds)
}

/// A saved search: a name for the source list and a query in the language of
/// `gloss search`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedQuery {
    /// What the source list shows.
    pub name: String,
    /// The query.
    pub query: String,
}

fn saved_queries<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<SavedQuery>, D::Error> {
    let queries = Vec::<SavedQuery>::deserialize(deserializer)?;
    for (i, saved) in queries.iter().enumerate() {
        if saved.name.trim().is_empty() {
            return Err(serde::de::Error::custom(format!(
                "saved query {} ({:?}) has an empty name: give it one",
                i + 1,
                saved.query
            )));
        }
        if let Err(e) = crate::search::Query::parse(&saved.query) {
            return Err(serde::de::Error::custom(format!(
                "saved query {:?}: {}",
                saved.name, e.message
            )));
        }
        if queries[..i].iter().any(|q| q.name == saved.name) {
            return Err(serde::de::Error::custom(format!(
                "two saved queries are named {:?}: names must differ",
                saved.name
            )));
        }
    }
    Ok(queries)
}

/// A folder or file of articles.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    /// The outlet name for articles that do not name their own source.
    pub name: Option<String>,
    /// The folder or file; `~` stands for the home folder.
    pub path: String,
}

impl SourceConfig {
    /// Returns the path with a leading `~` expanded.
    pub fn expanded_path(&self) -> PathBuf {
        paths::expand_home(&self.path)
    }
}

/// A configuration together with where it came from.
#[derive(Debug, Clone, Default)]
pub struct LoadedConfig {
    /// The parsed configuration.
    pub config: Config,
    /// The file it was read from, when one existed.
    pub path: Option<PathBuf>,
    /// The file's text, kept to point at lines in later errors.
    pub text: String,
}

impl Config {
    /// Parses configuration text; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|err| ConfigError::from_toml(path, text, &err))
    }

    /// Reads `config.toml` from `dir`, or returns the defaults when there is none.
    pub fn load_from(dir: &Path) -> Result<LoadedConfig, ConfigError> {
        let path = dir.join("config.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(LoadedConfig {
                config: Self::parse(&text, &path)?,
                path: Some(path),
                text,
            }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(LoadedConfig::default()),
            Err(err) => Err(ConfigError::Read { path, source: err }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_documents_exactly_the_defaults() {
        let text = include_str!("../config.example.toml");
        let parsed = Config::parse(text, Path::new("config.example.toml")).expect("example parses");
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn unknown_keys_name_file_line_and_fix() {
        let text = "[layout]\nsources_width = 20\nsidebar = true\n";
        let err = Config::parse(text, Path::new("/home/u/.config/gloss/config.toml"))
            .expect_err("unknown key");
        let msg = err.to_string();
        assert!(msg.contains("/home/u/.config/gloss/config.toml:3"), "{msg}");
        assert!(msg.contains("sidebar"), "{msg}");
        assert!(msg.contains("config.example.toml"), "{msg}");
    }

    #[test]
    fn bad_values_say_what_was_expected() {
        let err = Config::parse("[theme]\nborder = \"purple\"\n", Path::new("c.toml"))
            .expect_err("bad colour");
        let msg = err.to_string();
        assert!(msg.contains("c.toml:2"), "{msg}");
        assert!(msg.contains("'purple' is not a colour"), "{msg}");
        let err = Config::parse("[layout]\npanel_width = \"wide\"\n", Path::new("c.toml"))
            .expect_err("bad type");
        assert!(err.to_string().contains("c.toml:2"), "{err}");
    }

    #[test]
    fn pane_widths_out_of_range_are_refused() {
        for bad in ["65535", "0", "-3", "121"] {
            let text = format!("[layout]\nsources_width = {bad}\n");
            let msg = Config::parse(&text, Path::new("c.toml"))
                .expect_err("out of range")
                .to_string();
            assert!(
                msg.contains("c.toml:2") && msg.contains("use 12 to 120"),
                "{msg}"
            );
        }
        let ok =
            Config::parse("[layout]\npanel_width = 120\n", Path::new("c.toml")).expect("in range");
        assert_eq!(ok.layout.panel_width, 120);
    }

    #[test]
    fn feeds_need_a_web_address_and_distinct_names() {
        let ok = Config::parse(
            "[[feed]]\nname = \"Wire\"\nurl = \"https://wire.example/rss\"\n",
            Path::new("c.toml"),
        )
        .expect("a feed");
        assert_eq!(ok.feed[0].name, "Wire");
        assert!(
            ok.feed[0].fetch_pages,
            "pages are fetched unless turned off"
        );
        let msg = Config::parse(
            "[[feed]]\nname = \"Wire\"\nurl = \"file:///etc/passwd\"\n",
            Path::new("c.toml"),
        )
        .expect_err("a file address")
        .to_string();
        assert!(
            msg.contains("c.toml:1") && msg.contains("is not an http:// or https:// address"),
            "{msg}"
        );
        let msg = Config::parse(
            "[[feed]]\nname = \"W\"\nurl = \"https://a.example/\"\n[[feed]]\nname = \"W\"\nurl = \"https://b.example/\"\n",
            Path::new("c.toml"),
        )
        .expect_err("two feeds named W")
        .to_string();
        assert!(msg.contains("two feeds are named \"W\""), "{msg}");
        let msg = Config::parse(
            "[[feed]]\nname = \" \"\nurl = \"https://a.example/\"\n",
            Path::new("c.toml"),
        )
        .expect_err("an empty name")
        .to_string();
        assert!(msg.contains("has an empty name"), "{msg}");
    }

    #[test]
    fn saved_queries_must_read_and_have_distinct_names() {
        let ok = Config::parse(
            "[[query]]\nname = \"Disputed\"\nquery = \"tag:disputed since:7d\"\n",
            Path::new("c.toml"),
        )
        .expect("a saved query");
        assert_eq!(ok.query[0].query, "tag:disputed since:7d");
        let msg = Config::parse(
            "[[query]]\nname = \"Q\"\nquery = \"kind:quotes\"\n",
            Path::new("c.toml"),
        )
        .expect_err("a query that does not read")
        .to_string();
        assert!(
            msg.contains("c.toml:1") && msg.contains("`quotes`"),
            "{msg}"
        );
        let msg = Config::parse(
            "[[query]]\nname = \"Q\"\nquery = \"a\"\n[[query]]\nname = \"Q\"\nquery = \"b\"\n",
            Path::new("c.toml"),
        )
        .expect_err("two named Q")
        .to_string();
        assert!(msg.contains("two saved queries are named \"Q\""), "{msg}");
    }

    #[test]
    fn a_missing_file_gives_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let loaded = Config::load_from(dir.path()).expect("defaults");
        assert_eq!(loaded.config, Config::default());
        assert!(loaded.path.is_none());
    }
}
