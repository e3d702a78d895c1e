//! Feed subscriptions: refreshing them, and keeping what was fetched on disk so the
//! reader works offline.
//!
//! Each feed has a folder in the data folder (`feeds/<name>-<hash>/`) holding one small
//! HTML document per entry, written by [`crate::corpus::entry_document`] or, for an
//! entry that carries only a summary, from the main text of its fetched page; the
//! ordinary loader reads them back. A file keeps its name across refreshes, so the
//! article keeps its id and its annotations, which re-anchor if its text changed.
//! `state.toml` beside them keeps the validators for conditional requests and which
//! entries' pages were fetched.

pub mod subscriptions;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::FeedConfig;
use crate::corpus::{self, ArchivePage, FeedEntry, FeedError};
use crate::export::select::write_atomically;
use crate::fetch::{FetchError, Fetched, Fetcher, Validators};
use crate::text::sanitize_line;

/// The most article pages fetched in one refresh of one feed; the rest wait for the
/// next refresh (their summaries are kept meanwhile).
pub const PAGES_PER_REFRESH: usize = 40;

/// Where fetched feeds and pages are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedArchive {
    root: PathBuf,
}

/// What a refresh did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefreshReport {
    /// The feed's name.
    pub feed: String,
    /// The server said nothing changed since the last refresh.
    pub not_modified: bool,
    /// Entries in the feed.
    pub entries: usize,
    /// Files of entries seen for the first time.
    pub new: Vec<PathBuf>,
    /// Files of entries whose text changed.
    pub changed: Vec<PathBuf>,
    /// Pages that could not be fetched (the summary was kept), with the reason.
    pub page_failures: Vec<String>,
}

impl RefreshReport {
    /// One line for a status line or a terminal.
    pub fn summary(&self) -> String {
        if self.not_modified {
            return format!("{}: not modified since the last refresh", self.feed);
        }
        let mut line = format!(
            "{}: {} entr{}, {} new, {} changed",
            self.feed,
            self.entries,
            if self.entries == 1 { "y" } else { "ies" },
            self.new.len(),
            self.changed.len()
        );
        if !self.page_failures.is_empty() {
            let n = self.page_failures.len();
            let _ = write!(
                line,
                ", {n} page{} not fetched",
                if n == 1 { "" } else { "s" }
            );
        }
        line
    }
}

/// Why a refresh failed.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    /// The feed could not be fetched.
    #[error("{0}")]
    Fetch(#[from] FetchError),
    /// What came back is not a feed gloss can read.
    #[error("{0}")]
    Feed(#[from] FeedError),
    /// The archive could not be written.
    #[error("cannot write {path}: {error}")]
    Io {
        /// The file or folder.
        path: String,
        /// What went wrong.
        error: std::io::Error,
    },
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> RefreshError + '_ {
    move |error| RefreshError::Io {
        path: sanitize_line(&path.display().to_string()),
        error,
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct State {
    etag: Option<String>,
    last_modified: Option<String>,
    /// Entry files holding the main text of their fetched page.
    pages: BTreeSet<String>,
}

impl FeedArchive {
    /// The archive under a data folder.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("feeds"),
        }
    }

    /// The folder of one feed: its name made file-safe, and a hash of its address so two
    /// feeds never share a folder.
    pub fn dir(&self, feed: &FeedConfig) -> PathBuf {
        self.root.join(folder_name(&feed.name, &feed.url))
    }

    /// The folder of single pages opened by address.
    pub fn pages_dir(&self) -> PathBuf {
        self.root.join("pages")
    }

    fn state(dir: &Path) -> State {
        std::fs::read_to_string(dir.join("state.toml"))
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    fn save_state(dir: &Path, state: &State) -> Result<(), RefreshError> {
        let path = dir.join("state.toml");
        let text = toml::to_string(state).unwrap_or_default();
        write_atomically(&path, text.as_bytes(), true).map_err(io_error(&path))
    }
}

fn folder_name(name: &str, url: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug: Vec<&str> = slug.split('-').filter(|s| !s.is_empty()).collect();
    let slug: String = slug.join("-").chars().take(40).collect();
    let hash = &corpus::article_id(url)[..8];
    if slug.is_empty() {
        format!("feed-{hash}")
    } else {
        format!("{slug}-{hash}")
    }
}

/// Writes `bytes` to `path` unless it already holds them; says whether it wrote.
fn keep(path: &Path, bytes: &[u8]) -> Result<bool, RefreshError> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    write_atomically(path, bytes, true).map_err(io_error(path))?;
    Ok(true)
}

/// Fetches a page and returns the document gloss keeps of it: its main text under the
/// title, byline and date of the page, filled in from `entry` where the page is silent.
pub fn fetch_page(
    url: &str,
    site: Option<&str>,
    entry: Option<&FeedEntry>,
    fetcher: &Fetcher,
) -> Result<String, String> {
    let page = fetch_once(url, fetcher)?;
    page_document(&page, site, entry)
}

/// Fetches `url` unconditionally, the failure in words.
fn fetch_once(url: &str, fetcher: &Fetcher) -> Result<crate::fetch::Page, String> {
    match fetcher.fetch(url, &Validators::default()) {
        Ok(Fetched::Page(page)) => Ok(page),
        Ok(Fetched::NotModified) => Err("the server answered 304 unasked".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// The document gloss keeps of a fetched page.
fn page_document(
    page: &crate::fetch::Page,
    site: Option<&str>,
    entry: Option<&FeedEntry>,
) -> Result<String, String> {
    if let Some(ct) = &page.content_type {
        let textual = ct.starts_with("text/") || ct.contains("html") || ct.contains("xml");
        if !textual {
            return Err(format!("not a web page ({ct})"));
        }
    }
    let article = corpus::extract_fetched(&page.bytes, page.charset(), Some(&page.url))
        .map_err(|e| e.to_string())?;
    // The feed's title for its entry, so the source list shows what the feed listed.
    let title = entry
        .map(|e| e.title.clone())
        .filter(|t| t != corpus::UNTITLED)
        .or_else(|| article.title.clone())
        .unwrap_or_else(|| page.url.clone());
    let host = host_of(&page.url);
    let site = site
        .map(str::to_owned)
        .or_else(|| article.site.clone())
        .unwrap_or(host);
    let author = entry
        .and_then(|e| e.author.clone())
        .or_else(|| article.byline.clone());
    let date = entry
        .and_then(|e| e.date.clone())
        .or_else(|| article.date.clone());
    let url = article.url.clone().unwrap_or_else(|| page.url.clone());
    let body = corpus::text_to_html(&article.text);
    Ok(corpus::archive_document(&ArchivePage {
        title: &title,
        site: &site,
        author: author.as_deref(),
        date: date.as_deref(),
        url: Some(&url),
        body_html: &body,
    }))
}

/// Refreshes one feed into the archive, calling `progress(done, total)` as entries are
/// kept; the feed's own failure is an error, a page's failure is noted in the report.
pub fn refresh(
    feed: &FeedConfig,
    archive: &FeedArchive,
    fetcher: &Fetcher,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RefreshReport, RefreshError> {
    let dir = archive.dir(feed);
    std::fs::create_dir_all(&dir).map_err(io_error(&dir))?;
    let mut state = FeedArchive::state(&dir);
    let mut report = RefreshReport {
        feed: feed.name.clone(),
        ..RefreshReport::default()
    };
    let validators = Validators {
        etag: state.etag.clone(),
        last_modified: state.last_modified.clone(),
    };
    let page = match fetcher.fetch(&feed.url, &validators)? {
        Fetched::NotModified => {
            report.not_modified = true;
            return Ok(report);
        }
        Fetched::Page(page) => page,
    };
    let parsed = corpus::parse_feed(&page.bytes)?;
    state.etag = page.validators.etag;
    state.last_modified = page.validators.last_modified;
    keep_entries(
        feed,
        &dir,
        &mut state,
        &parsed,
        fetcher,
        progress,
        &mut report,
    )?;
    FeedArchive::save_state(&dir, &state)?;
    Ok(report)
}

/// Keeps every entry of a parsed feed in its folder, fetching pages where wanted.
fn keep_entries(
    feed: &FeedConfig,
    dir: &Path,
    state: &mut State,
    parsed: &corpus::Feed,
    fetcher: &Fetcher,
    progress: &mut dyn FnMut(usize, usize),
    report: &mut RefreshReport,
) -> Result<(), RefreshError> {
    report.entries = parsed.entries.len();
    let mut pages_fetched = 0;
    for (done, entry) in parsed.entries.iter().enumerate() {
        progress(done, parsed.entries.len());
        let name = corpus::entry_file_name(entry);
        let path = dir.join(&name);
        let existed = path.exists();
        let wants_page = feed.fetch_pages && entry.is_summary_only() && entry.link.is_some();
        if wants_page && state.pages.contains(&name) && existed {
            continue; // its page is kept already
        }
        let mut document = None;
        if let (true, Some(link)) = (wants_page, &entry.link) {
            if pages_fetched < PAGES_PER_REFRESH {
                pages_fetched += 1;
                match fetch_page(link, Some(&feed.name), Some(entry), fetcher) {
                    Ok(doc) => {
                        state.pages.insert(name.clone());
                        document = Some(doc);
                    }
                    Err(why) => report
                        .page_failures
                        .push(format!("{}: {why}", sanitize_line(link))),
                }
            }
        }
        let document = document.unwrap_or_else(|| corpus::entry_document(entry, &feed.name));
        if keep(&path, document.as_bytes())? {
            if existed {
                report.changed.push(path);
            } else {
                report.new.push(path);
            }
        }
    }
    progress(parsed.entries.len(), parsed.entries.len());
    Ok(())
}

/// Fetches an address for `gloss open URL`: a feed is kept like a subscription, under
/// its own title, and its folder returned with that name; a page is kept in the pages
/// folder and its file returned.
pub fn open_url(
    url: &str,
    archive: &FeedArchive,
    fetcher: &Fetcher,
) -> Result<(PathBuf, Option<String>), String> {
    let page = fetch_once(url, fetcher)?;
    if let Ok(parsed) = corpus::parse_feed(&page.bytes) {
        let name = parsed
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| host_of(url));
        let feed = FeedConfig {
            name: name.clone(),
            url: url.to_owned(),
            tags: Vec::new(),
            fetch_pages: true,
        };
        let dir = archive.dir(&feed);
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
        let mut state = FeedArchive::state(&dir);
        state.etag = page.validators.etag;
        state.last_modified = page.validators.last_modified;
        let mut report = RefreshReport::default();
        keep_entries(
            &feed,
            &dir,
            &mut state,
            &parsed,
            fetcher,
            &mut |_, _| {},
            &mut report,
        )
        .map_err(|e| e.to_string())?;
        FeedArchive::save_state(&dir, &state).map_err(|e| e.to_string())?;
        return Ok((dir, Some(name)));
    }
    let document = page_document(&page, None, None)?;
    let dir = archive.pages_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    let path = dir.join(format!("{}.html", corpus::article_id(url)));
    keep(&path, document.as_bytes()).map_err(|e| e.to_string())?;
    Ok((path, None))
}

/// The host of an address without a leading `www.`, for naming a feed or page that
/// names nothing itself (the address itself when it has no host).
pub fn host_of(url: &str) -> String {
    crate::fetch::check_address(url).map_or_else(
        |_| url.to_owned(),
        |h| h.trim_start_matches("www.").to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_file_safe_and_distinct_per_address() {
        assert_eq!(
            folder_name("Wire Weekly: Port/Desk", "https://a.example/rss")[..22].to_owned(),
            "wire-weekly-port-desk-"
        );
        assert_ne!(
            folder_name("W", "https://a.example/rss"),
            folder_name("W", "https://b.example/rss")
        );
        assert!(folder_name("../..", "https://a.example/").starts_with("feed-"));
    }
}
