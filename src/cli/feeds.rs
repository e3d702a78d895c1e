//! `gloss feeds …`: the subscription list in config.toml, OPML in and out, and
//! refreshing without the screen.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use gloss::config::{paths, FeedConfig, LoadedConfig};
use gloss::corpus::{self, OpmlFeed};
use gloss::feeds::{self, subscriptions, FeedArchive};
use gloss::fetch::{check_address, Fetcher};
use gloss::text::sanitize_line;

use super::Failure;

/// What `gloss feeds` can do.
#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// List the subscriptions with how many articles each has kept.
    List,
    /// Subscribe to a feed (RSS, Atom or JSON Feed) by its address.
    Add {
        /// The feed's http:// or https:// address.
        url: String,
        /// The name its articles are listed under (default: the address's host).
        #[arg(long)]
        name: Option<String>,
        /// A tag for the feed (repeat for several).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Keep entries' summaries instead of fetching the pages of summary-only entries.
        #[arg(long)]
        no_pages: bool,
    },
    /// Unsubscribe (articles already kept stay on disk).
    Remove {
        /// The feed's name or address.
        feed: String,
    },
    /// Subscribe to every feed of an OPML file.
    Import {
        /// The OPML file.
        file: PathBuf,
    },
    /// Write the subscriptions as OPML (stdout by default).
    Export {
        /// Write to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Fetch feeds now (all of them, or those named) and keep their articles.
    Refresh {
        /// Names (or addresses) of feeds to refresh.
        feeds: Vec<String>,
    },
}

fn config_file(loaded: &LoadedConfig) -> Result<PathBuf, Failure> {
    loaded
        .path
        .clone()
        .or_else(|| paths::config_dir().map(|d| d.join("config.toml")))
        .ok_or_else(|| Failure::usage("no configuration folder: set GLOSS_CONFIG_DIR"))
}

fn archive() -> Result<FeedArchive, Failure> {
    paths::data_dir()
        .map(|d| FeedArchive::new(&d))
        .ok_or_else(|| Failure::usage("no data folder to keep feeds in: set GLOSS_DATA_DIR"))
}

fn runtime(message: impl Into<String>) -> Failure {
    Failure {
        code: 1,
        message: message.into(),
    }
}

/// Runs `gloss feeds …`.
pub fn run(command: FeedsCommand, loaded: &LoadedConfig) -> Result<(), Failure> {
    let feeds = &loaded.config.feed;
    let mut out = std::io::stdout().lock();
    let print = |out: &mut std::io::StdoutLock<'_>, line: &str| {
        let _ = writeln!(out, "{line}");
    };
    match command {
        FeedsCommand::List => {
            if feeds.is_empty() {
                print(
                    &mut out,
                    "no feeds yet: `gloss feeds add URL` subscribes to one",
                );
                return Ok(());
            }
            let archive = archive().ok();
            for feed in feeds {
                let kept = archive.as_ref().map_or(0, |a| count_kept(&a.dir(feed)));
                let tags = if feed.tags.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", feed.tags.join(", "))
                };
                print(
                    &mut out,
                    &format!(
                        "{}  {}  {kept} article{}{tags}",
                        sanitize_line(&feed.name),
                        sanitize_line(&feed.url),
                        if kept == 1 { "" } else { "s" }
                    ),
                );
            }
            Ok(())
        }
        FeedsCommand::Add {
            url,
            name,
            tags,
            no_pages,
        } => {
            check_address(&url).map_err(|e| Failure::usage(e.to_string()))?;
            let feed = FeedConfig {
                name: name.unwrap_or_else(|| feeds::host_of(&url)),
                url,
                tags,
                fetch_pages: !no_pages,
            };
            let path = config_file(loaded)?;
            subscriptions::add(&path, &feed).map_err(|e| Failure::usage(e.to_string()))?;
            print(
                &mut out,
                &format!(
                    "subscribed to {} ({}) in {}; `gloss feeds refresh` or R in the reader fetches it",
                    sanitize_line(&feed.name),
                    sanitize_line(&feed.url),
                    sanitize_line(&path.display().to_string())
                ),
            );
            Ok(())
        }
        FeedsCommand::Remove { feed } => {
            let path = config_file(loaded)?;
            let removed =
                subscriptions::remove(&path, &feed).map_err(|e| Failure::usage(e.to_string()))?;
            let kept = archive().map(|a| a.dir(&removed)).ok();
            print(
                &mut out,
                &format!(
                    "unsubscribed from {}{}",
                    sanitize_line(&removed.name),
                    kept.filter(|d| d.exists())
                        .map_or(String::new(), |d| format!(
                            "; its kept articles stay in {}",
                            sanitize_line(&d.display().to_string())
                        ))
                ),
            );
            Ok(())
        }
        FeedsCommand::Import { file } => import(&file, loaded),
        FeedsCommand::Export { out: file } => export(feeds, file.as_deref()),
        FeedsCommand::Refresh { feeds: names } => refresh(feeds, &names),
    }
}

/// `gloss feeds import FILE`: subscribes to every feed of an OPML file.
fn import(file: &Path, loaded: &LoadedConfig) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let print = |out: &mut std::io::StdoutLock<'_>, line: &str| {
        let _ = writeln!(out, "{line}");
    };
    let bytes = std::fs::read(file).map_err(|e| {
        runtime(format!(
            "cannot read {}: {e}",
            sanitize_line(&file.display().to_string())
        ))
    })?;
    let listed = corpus::parse_opml(&bytes).map_err(|e| {
        runtime(format!(
            "{}: {e}",
            sanitize_line(&file.display().to_string())
        ))
    })?;
    let path = config_file(loaded)?;
    let (mut added, mut skipped) = (0, 0);
    for OpmlFeed { title, url } in listed {
        let name = if title.trim().is_empty() {
            feeds::host_of(&url)
        } else {
            title
        };
        let feed = FeedConfig {
            name,
            url,
            tags: Vec::new(),
            fetch_pages: true,
        };
        match subscriptions::add(&path, &feed) {
            Ok(()) => added += 1,
            Err(subscriptions::SubscriptionError::Duplicate { .. }) => skipped += 1,
            Err(e) => return Err(Failure::usage(e.to_string())),
        }
    }
    print(
        &mut out,
        &format!("subscribed to {added} feed(s); {skipped} already listed"),
    );
    Ok(())
}

/// `gloss feeds export`: the subscriptions as OPML.
fn export(feeds: &[FeedConfig], file: Option<&Path>) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let list: Vec<OpmlFeed> = feeds
        .iter()
        .map(|f| OpmlFeed {
            title: f.name.clone(),
            url: f.url.clone(),
        })
        .collect();
    let text = corpus::write_opml("gloss subscriptions", &list);
    if let Some(file) = file {
        return gloss::export::select::write_atomically(file, text.as_bytes(), true).map_err(|e| {
            runtime(format!(
                "cannot write {}: {e}",
                sanitize_line(&file.display().to_string())
            ))
        });
    }
    let _ = out.write_all(text.as_bytes());
    Ok(())
}

/// `gloss feeds refresh [NAME…]`: fetches feeds now, one line each.
fn refresh(feeds: &[FeedConfig], names: &[String]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let print = |out: &mut std::io::StdoutLock<'_>, line: &str| {
        let _ = writeln!(out, "{line}");
    };
    let chosen: Vec<&FeedConfig> = if names.is_empty() {
        feeds.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for name in names {
            let feed = feeds
                .iter()
                .find(|f| &f.name == name || &f.url == name)
                .ok_or_else(|| {
                    Failure::usage(format!(
                        "no feed is named {:?} (`gloss feeds list` shows them)",
                        sanitize_line(name)
                    ))
                })?;
            chosen.push(feed);
        }
        chosen
    };
    if chosen.is_empty() {
        print(
            &mut out,
            "no feeds to refresh: `gloss feeds add URL` subscribes to one",
        );
        return Ok(());
    }
    let archive = archive()?;
    let fetcher = Fetcher::default();
    let mut failed = 0;
    for feed in chosen {
        match feeds::refresh(feed, &archive, &fetcher, &mut |_, _| {}) {
            Ok(report) => {
                print(&mut out, &report.summary());
                for why in &report.page_failures {
                    eprintln!(
                        "gloss: {}: page not fetched: {why}",
                        sanitize_line(&feed.name)
                    );
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("gloss: {}: {e}", sanitize_line(&feed.name));
            }
        }
    }
    if failed > 0 {
        return Err(runtime(String::new()));
    }
    Ok(())
}

/// Counts the articles kept for a feed.
fn count_kept(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .count()
    })
}

/// Fetches each address for `gloss open URL`: a feed is kept like a subscription (under
/// its own title), a page in the pages folder; returns what to open, or the reasons.
pub fn open_urls(urls: &[String]) -> Result<Vec<(PathBuf, Option<String>)>, Failure> {
    let archive = archive()?;
    let fetcher = Fetcher::default();
    let mut opened = Vec::new();
    let mut failures = Vec::new();
    for url in urls {
        match feeds::open_url(url, &archive, &fetcher) {
            Ok(found) => opened.push(found),
            Err(why) => failures.push(format!("{}: {why}", sanitize_line(url))),
        }
    }
    if failures.is_empty() {
        Ok(opened)
    } else {
        Err(runtime(failures.join("\n")))
    }
}
