//! Loading articles from files and folders, one bad file never stopping the rest.

use std::collections::HashSet;
use std::fmt;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::article::{article_id, Article, ArticleMeta, Format};
use super::decode::{decode, SkipReason};
use super::{front_matter, html, markdown, plain};
use crate::text::{sanitize, sanitize_line, Date};

/// How to load: limits, and the source name for articles that do not give one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
    /// The outlet for articles without a `source` in their front matter; when `None`,
    /// the name of the folder the file is in.
    pub source_name: Option<String>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: 8 * 1024 * 1024,
            source_name: None,
        }
    }
}

/// How serious a load message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteLevel {
    /// The article loaded, but something was repaired or dropped.
    Warning,
    /// The file was not loaded.
    Skipped,
}

/// One message about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadNote {
    /// Warning or skip.
    pub level: NoteLevel,
    /// The file, terminal-safe.
    pub path: String,
    /// What happened, in words a person can act on.
    pub message: String,
}

impl fmt::Display for LoadNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.level {
            NoteLevel::Warning => "warning",
            NoteLevel::Skipped => "skipped",
        };
        write!(f, "{what}: {}: {}", self.path, self.message)
    }
}

/// What a load did: how many articles, and every message about a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Articles loaded.
    pub loaded: usize,
    /// Messages, in the order the files were read.
    pub notes: Vec<LoadNote>,
}

impl LoadReport {
    /// Returns how many files were skipped.
    pub fn skipped(&self) -> usize {
        self.notes
            .iter()
            .filter(|n| n.level == NoteLevel::Skipped)
            .count()
    }

    /// Returns how many warnings were given about loaded files.
    pub fn warnings(&self) -> usize {
        self.notes.len() - self.skipped()
    }

    /// Returns a one-line summary for a status line.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} article{}",
            self.loaded,
            if self.loaded == 1 { "" } else { "s" }
        );
        if self.skipped() > 0 {
            let _ = write!(s, ", {} skipped", self.skipped());
        }
        if self.warnings() > 0 {
            let _ = write!(
                s,
                ", {} warning{}",
                self.warnings(),
                if self.warnings() == 1 { "" } else { "s" }
            );
        }
        s
    }

    fn skip(&mut self, path: &Path, message: impl Into<String>) {
        self.notes.push(LoadNote {
            level: NoteLevel::Skipped,
            path: display_path(path),
            message: message.into(),
        });
    }
}

fn display_path(path: &Path) -> String {
    sanitize_line(&path.to_string_lossy())
}

const MAX_DEPTH: usize = 32;

/// Loads every article under `paths` (files, or folders read recursively), handing each
/// to `sink` as soon as it is ready, and returns the report.
///
/// Folders contribute their `.txt`, `.md` and `.markdown` files (hidden files and
/// folders are passed over); a file named directly is read whatever its extension.
pub fn load_paths(
    paths: &[PathBuf],
    options: &LoadOptions,
    mut sink: impl FnMut(Article),
) -> LoadReport {
    let mut report = LoadReport::default();
    let mut seen_files = HashSet::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                walk(
                    path,
                    0,
                    options,
                    &mut seen_files,
                    &mut seen_dirs,
                    &mut report,
                    &mut sink,
                );
            }
            Ok(meta) if meta.is_file() => {
                load_file(path, options, &mut seen_files, &mut report, &mut sink);
            }
            Ok(_) => report.skip(path, "not a regular file (a pipe, socket or device)"),
            Err(err) => report.skip(path, io_message(&err)),
        }
    }
    report
}

fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => format!("cannot be read: {err}"),
    }
}

fn walk(
    dir: &Path,
    depth: usize,
    options: &LoadOptions,
    seen_files: &mut HashSet<PathBuf>,
    seen_dirs: &mut HashSet<PathBuf>,
    report: &mut LoadReport,
    sink: &mut impl FnMut(Article),
) {
    if depth > MAX_DEPTH {
        report.skip(
            dir,
            format!("folders nested deeper than {MAX_DEPTH} levels"),
        );
        return;
    }
    // A folder reached twice (through a symlink loop) is read once.
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen_dirs.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            report.skip(dir, io_message(&err));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    for path in paths {
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                walk(
                    &path,
                    depth + 1,
                    options,
                    seen_files,
                    seen_dirs,
                    report,
                    sink,
                );
            }
            Ok(meta) if meta.is_file() => {
                let name = path.to_string_lossy();
                if Format::from_path(&name).is_some() || is_feed_file(&name, false) {
                    load_file(&path, options, seen_files, report, sink);
                }
            }
            // Sockets, pipes and devices in a folder are not articles.
            Ok(_) => {}
            Err(err) => report.skip(&path, io_message(&err)),
        }
    }
}

fn load_file(
    path: &Path,
    options: &LoadOptions,
    seen_files: &mut HashSet<PathBuf>,
    report: &mut LoadReport,
    sink: &mut impl FnMut(Article),
) {
    let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !seen_files.insert(canonical.clone()) {
        return;
    }
    let bytes = match read_bounded(path, options.max_file_size) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(err)) => return report.skip(path, io_message(&err)),
        Err(ReadError::Skip(reason)) => return report.skip(path, reason.to_string()),
    };
    let shown = display_path(path);
    let folder = options.source_name.clone().or_else(|| {
        path.parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
    });
    if is_feed_file(&shown, true) {
        return load_feed_file(path, &canonical, &bytes, options, report, sink);
    }
    let id = article_id(&canonical.to_string_lossy());
    match parse_article(&id, &shown, folder.as_deref(), &bytes) {
        Ok((article, notes)) => {
            report.notes.extend(notes);
            report.loaded += 1;
            sink(article);
        }
        Err(reason) => report.skip(path, reason.to_string()),
    }
}

/// Says whether a file is a feed by its extension: `.rss` and `.atom` anywhere, `.xml`
/// when the file was named directly (a folder's `.xml` files are often not feeds).
fn is_feed_file(name: &str, named: bool) -> bool {
    let ext = name
        .rsplit(['/', '\\'])
        .next()
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("rss" | "atom") => true,
        Some("xml") => named,
        _ => false,
    }
}

/// A feed file: each entry becomes an article, under the feed's title (or the
/// configured source name), its id from the file and the entry.
fn load_feed_file(
    path: &Path,
    canonical: &Path,
    bytes: &[u8],
    options: &LoadOptions,
    report: &mut LoadReport,
    sink: &mut impl FnMut(Article),
) {
    let feed = match super::feed::parse_feed(bytes) {
        Ok(feed) => feed,
        Err(e) => return report.skip(path, e.to_string()),
    };
    let shown = display_path(path);
    let name = options
        .source_name
        .clone()
        .or_else(|| feed.title.clone())
        .unwrap_or_else(|| file_stem(&shown));
    // Entries are independent: they are read on all cores, then handed on in order.
    let read: Vec<_> = feed
        .entries
        .par_iter()
        .map(|entry| {
            let origin = format!("{}#{}", canonical.to_string_lossy(), entry.id);
            let entry_path = format!("{shown}#{}", super::archive::entry_file_name(entry));
            let document = super::archive::entry_document(entry, &name);
            parse_article(
                &article_id(&origin),
                &entry_path,
                Some(&name),
                document.as_bytes(),
            )
        })
        .collect();
    for (entry, result) in feed.entries.iter().zip(read) {
        match result {
            Ok((article, notes)) => {
                report.notes.extend(notes);
                report.loaded += 1;
                sink(article);
            }
            Err(reason) => report.notes.push(LoadNote {
                level: NoteLevel::Skipped,
                path: format!("{shown}: {}", entry.title),
                message: reason.to_string(),
            }),
        }
    }
}

enum ReadError {
    Io(std::io::Error),
    Skip(SkipReason),
}

/// Reads at most `limit` bytes, refusing larger files without reading them whole.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > limit {
        return Err(ReadError::Skip(SkipReason::TooLarge { size, limit }));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::Skip(SkipReason::TooLarge {
            size: bytes.len() as u64,
            limit,
        }));
    }
    Ok(bytes)
}

/// Turns the bytes of one file into an article.
///
/// `path` is the terminal-safe name shown to the user (its extension picks the format:
/// Markdown for `.md`, plain text otherwise); `folder` is the name of the folder the
/// file sits in, the source of last resort. Returns the article and any warnings.
#[allow(clippy::too_many_lines)]
pub fn parse_article(
    id: &str,
    path: &str,
    folder: Option<&str>,
    bytes: &[u8],
) -> Result<(Article, Vec<LoadNote>), SkipReason> {
    if Format::from_path(path) == Some(Format::Html) {
        return parse_html(id, path, folder, bytes);
    }
    let decoded = decode(bytes)?;
    let mut notes = Vec::new();
    let mut warn = |message: String| {
        notes.push(LoadNote {
            level: NoteLevel::Warning,
            path: path.to_owned(),
            message,
        });
    };
    if let Some(at) = decoded.invalid_utf8_at {
        warn(format!(
            "invalid UTF-8 from byte {at}; undecodable bytes are shown as \u{fffd}"
        ));
    }
    let unified = decoded.text.replace("\r\n", "\n").replace('\r', "\n");
    let (text, cleaned) = sanitize(&unified);
    if !cleaned.is_clean() {
        warn(format!(
            "removed {} escape sequence(s) and {} control character(s) that could drive the terminal",
            cleaned.sequences, cleaned.controls
        ));
    }
    let format = Format::from_path(path).unwrap_or(Format::Text);
    let (front, rest) = front_matter::split(&text);
    let front = front.unwrap_or_default();

    let (rendered, heading_first) = match format {
        Format::Markdown => markdown::render(rest),
        Format::Text | Format::Html => (plain::unwrap_paragraphs(rest), true),
    };
    // Markdown decodes character references (`&#27;`), so what it renders is
    // sanitised again: nothing decoded may reach the terminal either.
    let (rendered, decoded_controls) = sanitize(&rendered);
    if !decoded_controls.is_clean() {
        warn(format!(
            "removed {} escape sequence(s) and {} control character(s) written as Markdown character references",
            decoded_controls.sequences, decoded_controls.controls
        ));
    }
    let (mut body, normalised) = plain::tidy(&rendered);
    if body.trim().is_empty() && front.title.is_none() {
        return Err(SkipReason::Empty);
    }
    if normalised.leftovers > 0 {
        warn(format!(
            "dropped {} line(s) of web-page leftovers (share buttons, comment prompts, related links, copyright)",
            normalised.leftovers
        ));
    }

    let title = match front.title {
        Some(title) => title,
        None if heading_first => {
            let first = body.lines().next().unwrap_or_default().to_owned();
            let rest = body[first.len()..].trim_start_matches('\n').to_owned();
            if !rest.is_empty() {
                body = rest;
            }
            first
        }
        None => file_stem(path),
    };
    // Text pasted from a page often carries its byline and date under the headline.
    let (byline, dateline) = if format == Format::Text {
        take_byline(&mut body)
    } else {
        (None, None)
    };
    let author = front.author.or(byline);
    let date = front.date.as_deref().and_then(|raw| {
        let parsed = Date::parse(raw).map(|d| d.to_string());
        if parsed.is_none() {
            warn(format!(
                "front matter date {raw:?} is not a date gloss reads (use YYYY-MM-DD)"
            ));
        }
        parsed
    });
    // A wire dateline ("CALDER, 2 March 2026 (Meridian Wire) —") dates the article.
    let date = date.or(dateline).or_else(|| {
        (format == Format::Text)
            .then(|| wire_dateline(&body))
            .flatten()
    });
    let clean = clean_field;
    let meta = ArticleMeta {
        title: sanitize_line(&title)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        source: clean(front.source).or_else(|| clean(folder.map(str::to_owned))),
        date,
        url: clean(front.url),
        author: clean(author),
    };
    Ok((
        Article {
            id: id.to_owned(),
            path: path.to_owned(),
            meta,
            body,
            format,
        },
        notes,
    ))
}

/// Turns the bytes of an HTML page into an article, its metadata from the page.
fn parse_html(
    id: &str,
    path: &str,
    folder: Option<&str>,
    bytes: &[u8],
) -> Result<(Article, Vec<LoadNote>), SkipReason> {
    let page = html::extract(bytes)?;
    let mut notes = Vec::new();
    let mut warn = |message: String| {
        notes.push(LoadNote {
            level: NoteLevel::Warning,
            path: path.to_owned(),
            message,
        });
    };
    if let Some(at) = page.invalid_utf8_at {
        warn(format!(
            "invalid UTF-8 from byte {at}; undecodable bytes are shown as \u{fffd}"
        ));
    }
    if page.truncated {
        warn(
            "the page nests too deep or has too many tags; the excess tags were ignored".to_owned(),
        );
    }
    if page.leftovers > 0 {
        warn(format!(
            "dropped {} line(s) of web-page leftovers (share buttons, comment prompts, related links, copyright)",
            page.leftovers
        ));
    }
    let meta = ArticleMeta {
        title: page.title.unwrap_or_else(|| file_stem(path)),
        source: clean_field(page.site).or_else(|| clean_field(folder.map(str::to_owned))),
        date: page.date,
        url: clean_field(page.url),
        author: clean_field(page.byline),
    };
    Ok((
        Article {
            id: id.to_owned(),
            path: path.to_owned(),
            meta,
            body: page.text,
            format: Format::Html,
        },
        notes,
    ))
}

/// Takes a "By Name" line and a date line from the first lines of a plain-text body,
/// returning the author and the date (`YYYY-MM-DD`).
fn take_byline(body: &mut String) -> (Option<String>, Option<String>) {
    let mut author = None;
    let mut date = None;
    let mut drop = Vec::new();
    for (n, line) in body.lines().enumerate().take(4) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if author.is_none() {
            if let Some(name) = t.strip_prefix("By ").or_else(|| t.strip_prefix("by ")) {
                let words = name.split_whitespace().count();
                if (1..=6).contains(&words)
                    && name
                        .split_whitespace()
                        .all(|w| w.starts_with(char::is_uppercase) || w == "and")
                {
                    author = Some(name.trim().to_owned());
                    drop.push(n);
                    continue;
                }
            }
        }
        if date.is_none() && t.chars().count() <= 60 {
            let head = t.split(['·', '|', '—']).next().unwrap_or(t);
            if let Some(d) = Date::parse(head) {
                date = Some(d.to_string());
                drop.push(n);
                continue;
            }
        }
        break;
    }
    if !drop.is_empty() {
        let kept: Vec<&str> = body
            .lines()
            .enumerate()
            .filter(|(n, _)| !drop.contains(n))
            .map(|(_, l)| l)
            .collect();
        let joined = kept.join("\n");
        body.clear();
        body.push_str(joined.trim_start_matches('\n'));
    }
    (author, date)
}

/// The date in a wire dateline at the start of a body ("CALDER, 2 March 2026 …").
fn wire_dateline(body: &str) -> Option<String> {
    let head: String = body.lines().next()?.chars().take(80).collect();
    Date::parse(&head).map(|d| d.to_string())
}

/// A metadata field as one safe, trimmed line; `None` when it is empty.
fn clean_field(field: Option<String>) -> Option<String> {
    field
        .map(|s| sanitize_line(&s).trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn file_stem(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    stem.replace(['-', '_'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(path: &str, folder: Option<&str>, text: &str) -> (Article, Vec<LoadNote>) {
        parse_article("id", path, folder, text.as_bytes()).expect("loads")
    }

    #[test]
    fn text_takes_title_from_first_line_and_source_from_folder() {
        let (a, notes) = parse(
            "news/Coast Notes/stall.txt",
            Some("Coast Notes"),
            "Port talks stall\r\n\r\nThe union said no.\r\n\r\n\r\n\r\nQuint left.\r\n",
        );
        assert_eq!(a.meta.title, "Port talks stall");
        assert_eq!(a.meta.source.as_deref(), Some("Coast Notes"));
        assert_eq!(a.body, "The union said no.\n\nQuint left.");
        assert_eq!(a.format, Format::Text);
        assert!(notes.is_empty());
    }

    #[test]
    fn pasted_bylines_and_dates_become_metadata() {
        let (a, _) = parse(
            "x/clip.txt",
            Some("Harbour Signal"),
            "Union rejects offer\n\nBy Callum Deane\nMarch 3, 2026 · 5 min read\n\nThe union said no.",
        );
        assert_eq!(a.meta.author.as_deref(), Some("Callum Deane"));
        assert_eq!(a.meta.date.as_deref(), Some("2026-03-03"));
        assert_eq!(a.body, "The union said no.");
    }

    #[test]
    fn markdown_front_matter_wins() {
        let (a, _) = parse(
            "x/a.md",
            Some("x"),
            "---\ntitle: Talks stall\nsource: Ledger Daily\ndate: 2 March 2026\nurl: https://l.example/a\nauthor: Jun Okafor\n---\n# Heading kept\n\nBody *text*.\n",
        );
        assert_eq!(a.meta.title, "Talks stall");
        assert_eq!(a.meta.source.as_deref(), Some("Ledger Daily"));
        assert_eq!(a.meta.date.as_deref(), Some("2026-03-02"));
        assert_eq!(a.meta.url.as_deref(), Some("https://l.example/a"));
        assert_eq!(a.meta.author.as_deref(), Some("Jun Okafor"));
        assert_eq!(a.body, "Heading kept\n\nBody text.");
    }

    #[test]
    fn escape_sequences_never_survive_and_are_reported() {
        let (a, notes) = parse(
            "evil\u{1b}]0;x\u{7}.txt",
            None,
            "Title \u{1b}]0;owned\u{7}here\n\nBody \u{1b}[2J\u{1b}]52;c;AAAA\u{7}text \u{9b}31m.",
        );
        assert_eq!(a.meta.title, "Title here");
        assert_eq!(a.body, "Body text .");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.contains("escape sequence"));
    }

    #[test]
    fn markdown_character_references_cannot_smuggle_escapes() {
        let (a, notes) = parse(
            "x/a.md",
            None,
            "Acme &#27;]52;c;aGVsbG8=&#7; paid &#x9b;31m $40 million &#27;[2J.",
        );
        assert!(!a.body.chars().any(char::is_control), "{:?}", a.body);
        assert!(
            !a.body.contains("52;c") && !a.body.contains("[2J"),
            "{:?}",
            a.body
        );
        assert!(notes
            .iter()
            .any(|n| n.message.contains("character references")));
    }

    #[test]
    fn front_matter_alone_is_an_empty_file_and_titles_are_one_line() {
        assert_eq!(
            parse_article("id", "a.md", None, b"---\nsource: X\n---\n\n").map(|_| ()),
            Err(SkipReason::Empty)
        );
        let (a, _) = parse("a.txt", None, "Port\t talks\u{1b}[1m  stall\n\nBody.");
        assert_eq!(a.meta.title, "Port talks stall");
    }

    #[test]
    fn invalid_utf8_warns_and_loads() {
        let (a, notes) =
            parse_article("id", "bad.txt", None, b"Caf\xe9 news\n\nbody").expect("loads");
        assert_eq!(a.meta.title, "Caf\u{fffd} news");
        assert!(notes[0].message.contains("invalid UTF-8"));
    }

    #[test]
    fn a_bad_front_matter_date_is_named() {
        let (a, notes) = parse("a.md", None, "---\ndate: someday\n---\nText.");
        assert_eq!(a.meta.date, None);
        assert!(notes[0].message.contains("\"someday\""));
        assert_eq!(a.meta.title, "a");
    }

    #[test]
    fn junk_is_skipped_with_a_reason() {
        assert_eq!(
            parse_article("id", "e.txt", None, b"").map(|_| ()),
            Err(SkipReason::Empty)
        );
        assert_eq!(
            parse_article("id", "b.txt", None, b"\x00\x01\x02binary").map(|_| ()),
            Err(SkipReason::Binary)
        );
    }
}
