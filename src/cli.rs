//! The command line: `gloss`, `gloss open PATH|URL…`, `gloss feeds …`, `gloss analyze --json PATH…`,
//! `gloss search QUERY`, `gloss export`, `gloss import`.

mod analyze;
pub mod export;
mod feeds;
mod search;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use gloss::analysis::AnalysisCache;
use gloss::config::{paths, Config, LoadedConfig};
use gloss::corpus::LoadOptions;

use crate::tui::{self, Corpus};

/// A terminal news reader that tracks who said what across outlets.
#[derive(Debug, Parser)]
#[command(name = "gloss", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open the reader on files and folders of .txt, .md and .html articles, feed
    /// files, or the addresses of web pages and feeds (fetched and kept for offline).
    Open {
        /// Files, folders or http(s):// addresses to read.
        #[arg(required = true, value_name = "PATH|URL")]
        paths: Vec<String>,
    },
    /// Manage feed subscriptions: list, add, remove, import/export OPML, refresh.
    Feeds {
        #[command(subcommand)]
        command: feeds::FeedsCommand,
    },
    /// Print the entities and claims of articles, for scripts.
    Analyze {
        /// Print the JSON contract (see the README).
        #[arg(long)]
        json: bool,
        /// Include each article's displayed body in the JSON.
        #[arg(long)]
        with_text: bool,
        /// Analyse everything again instead of reusing analyses cached on disk.
        #[arg(long)]
        no_cache: bool,
        /// Files or folders to read.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Find sentences in the library: words, "phrases", entity:, tag:, source:, kind:,
    /// sources>=N, since:, until:, date:, has:, unread, OR, NOT (see the README).
    /// Exits 1 when nothing matches, 2 when the query cannot be read.
    Search(SearchArgs),
    /// Write annotations (or the claims report) for other tools; stdout by default.
    Export(ExportArgs),
    /// Bring back annotations from a `gloss export --format json` file.
    Import {
        /// The JSON file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// The arguments of `gloss export`.
#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// The format to write: markdown, json, csv, w3c, claims-md or claims-csv.
    #[arg(long, value_parser = parse_format)]
    format: gloss::export::select::Format,
    /// Only annotations carrying this tag (repeat for any of several).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Only articles of this outlet.
    #[arg(long, value_name = "SOURCE")]
    source: Option<String>,
    /// Only annotations made on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    since: Option<String>,
    /// Only annotations on sentences matching this query (the language of `gloss
    /// search`), e.g. 'kind:quote sources>=3'.
    #[arg(long, value_name = "QUERY")]
    query: Option<String>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace the --out file when it exists.
    #[arg(long)]
    force: bool,
    /// Articles to take titles, dates and claims from (default: the configured
    /// sources, or the sample corpus).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// The arguments of `gloss search`.
#[derive(Debug, clap::Args)]
struct SearchArgs {
    /// The query, e.g. 'entity:"Mara Quint" kind:quote since:2026-03-01'.
    #[arg(value_name = "QUERY")]
    query: String,
    /// Print the matches as JSON.
    #[arg(long)]
    json: bool,
    /// Print at most this many matches (newest articles first).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Articles to search (default: the configured sources, or the sample corpus).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Accepts a format's name.
fn parse_format(text: &str) -> Result<gloss::export::select::Format, String> {
    gloss::export::select::Format::from_name(text).ok_or_else(|| {
        format!("{text:?} is not a format: use markdown, json, csv, w3c, claims-md or claims-csv")
    })
}

/// Accepts a day written `YYYY-MM-DD`.
fn parse_day(text: &str) -> Result<String, String> {
    let ok = text.len() == 10 && gloss::text::Date::parse(text).is_some();
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "{text:?} is not a day: write it as YYYY-MM-DD, e.g. 2026-03-01"
        ))
    }
}

/// An error that ends the program with a particular exit code.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Self {
        Self {
            code: 1,
            message: format!("{err:#}"),
        }
    }
}

/// Runs gloss and returns its exit code: 0 on success, 1 on a runtime error, 2 on bad
/// arguments or configuration.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                eprintln!("gloss: {}", failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}

fn load_config() -> Result<LoadedConfig, Failure> {
    let Some(dir) = paths::config_dir() else {
        return Ok(LoadedConfig::default());
    };
    Config::load_from(&dir).map_err(|e| Failure::usage(e.to_string()))
}

fn init_logging() {
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::prelude::*;
    let Some(dir) = paths::data_dir() else { return };
    let filter: Targets = std::env::var("GLOSS_LOG")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| Targets::new().with_default(tracing::Level::WARN));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("gloss.log"))
    else {
        return;
    };
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false);
    let _ = tracing_subscriber::registry()
        .with(layer.with_filter(filter))
        .try_init();
}

fn run(cli: Cli) -> Result<(), Failure> {
    let loaded = load_config()?;
    init_logging();
    let options = LoadOptions {
        max_file_size: loaded.config.limits.max_file_size,
        source_name: None,
    };
    match cli.command {
        Some(Command::Analyze {
            json,
            with_text,
            no_cache,
            paths,
        }) => {
            let cache = if no_cache {
                None
            } else {
                paths::data_dir().map(|d| AnalysisCache::new(&d))
            };
            analyze::run(&paths, &options, json, with_text, cache.as_ref())
        }
        Some(Command::Export(args)) => run_export(args, &loaded, &options),
        Some(Command::Search(args)) => {
            check_paths(&args.paths)?;
            let library = args.paths.is_empty();
            let (paths, sample) = corpus_paths(&loaded, args.paths);
            let request = search::Request {
                query: args.query,
                json: args.json,
                limit: args.limit,
                library: library && !sample,
                paths,
                sample,
            };
            search::run(&request, &options)
        }
        Some(Command::Import { file }) => {
            let store = paths::data_dir().map(|d| d.join("annotations"));
            export::import(&file, store.as_deref())
        }
        Some(Command::Feeds { command }) => feeds::run(command, &loaded),
        Some(Command::Open { paths }) => {
            let (urls, files): (Vec<String>, Vec<String>) = paths
                .into_iter()
                .partition(|p| p.starts_with("http://") || p.starts_with("https://"));
            let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
            check_paths(&files)?;
            // Before fetching anything: the reader needs a terminal.
            need_terminal()?;
            let mut corpus: Vec<(PathBuf, Option<String>)> =
                files.into_iter().map(|p| (p, None)).collect();
            if !urls.is_empty() {
                eprintln!("gloss: fetching {} address(es)…", urls.len());
                corpus.extend(feeds::open_urls(&urls)?);
            }
            reader(&loaded, Corpus::Paths(corpus), options)
        }
        None => {
            let sources = &loaded.config.source;
            let corpus = if sources.is_empty() && loaded.config.feed.is_empty() {
                if loaded.config.reader.sample_when_empty {
                    Corpus::Sample
                } else {
                    Corpus::Paths(Vec::new())
                }
            } else {
                Corpus::Paths(configured_paths(&loaded))
            };
            reader(&loaded, corpus, options)
        }
    }
}

/// The configured sources and the folders of the feeds kept so far.
/// Runs `gloss export`.
fn run_export(
    args: ExportArgs,
    loaded: &LoadedConfig,
    options: &LoadOptions,
) -> Result<(), Failure> {
    check_paths(&args.paths)?;
    if args
        .tags
        .iter()
        .any(|t| gloss::annotations::normalise_tags(vec![t.clone()]).is_empty())
    {
        return Err(Failure::usage(
            "--tag needs a tag with at least one letter or digit",
        ));
    }
    let query = args
        .query
        .map(|text| match gloss::search::Query::parse(&text) {
            Ok(query) => Ok(query),
            Err(e) => Err(Failure::usage(search::explain(&text, &e))),
        })
        .transpose()?;
    let (paths, sample) = corpus_paths(loaded, args.paths);
    let request = export::Request {
        format: args.format,
        scope: gloss::export::select::Scope {
            tags: gloss::annotations::normalise_tags(args.tags),
            source: args.source,
            since: args.since,
            articles: Vec::new(),
            annotations: None,
        },
        query,
        out: args.out,
        force: args.force,
        paths,
        sample,
    };
    let cache = paths::data_dir().map(|d| AnalysisCache::new(&d));
    let store = paths::data_dir().map(|d| d.join("annotations"));
    export::run(&request, options, cache.as_ref(), store.as_deref())
}

/// The articles a command reads: the paths given, else the configured sources, else
/// (`true`) the sample corpus.
fn corpus_paths(
    loaded: &LoadedConfig,
    paths: Vec<PathBuf>,
) -> (Vec<(PathBuf, Option<String>)>, bool) {
    let sample =
        paths.is_empty() && loaded.config.source.is_empty() && loaded.config.feed.is_empty();
    if paths.is_empty() {
        (configured_paths(loaded), sample)
    } else {
        (paths.into_iter().map(|p| (p, None)).collect(), sample)
    }
}

fn configured_paths(loaded: &LoadedConfig) -> Vec<(PathBuf, Option<String>)> {
    let mut paths: Vec<(PathBuf, Option<String>)> = loaded
        .config
        .source
        .iter()
        .map(|s| (s.expanded_path(), s.name.clone()))
        .collect();
    if let Some(data) = paths::data_dir() {
        let archive = gloss::feeds::FeedArchive::new(&data);
        paths.extend(
            loaded
                .config
                .feed
                .iter()
                .map(|f| (archive.dir(f), Some(f.name.clone())))
                .filter(|(dir, _)| dir.is_dir()),
        );
    }
    paths
}

fn need_terminal() -> Result<(), Failure> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "the reader needs a terminal; for scripts use `gloss analyze --json PATH…`",
        ));
    }
    Ok(())
}

/// Refuses paths that do not exist before the screen opens, naming each one.
fn check_paths(paths: &[PathBuf]) -> Result<(), Failure> {
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| !p.exists())
        .map(|p| gloss::text::sanitize_line(&p.to_string_lossy()))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Failure::usage(format!(
            "no such file or folder: {}",
            missing.join(", ")
        )))
    }
}

fn reader(loaded: &LoadedConfig, corpus: Corpus, options: LoadOptions) -> Result<(), Failure> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let path = loaded
        .path
        .clone()
        .unwrap_or_else(|| Path::new("config.toml").to_path_buf());
    // Key bindings are checked first, so a mistake is reported even without a terminal.
    let mut app = tui::app::App::new(&loaded.config, &loaded.text, &path, no_color)
        .map_err(|e| Failure::usage(e.to_string()))?;
    need_terminal()?;
    let cache = paths::data_dir().map(|d| AnalysisCache::new(&d));
    // Annotations live in the data folder; without one they last for the session.
    if let Some(dir) = paths::data_dir() {
        let (store, problems) = gloss::annotations::Store::open(&dir.join("annotations"));
        app.store = store;
        app.store_notes = problems
            .into_iter()
            .map(|p| {
                let path = p.path.display().to_string();
                // The store's message starts with the file; the list shows it once.
                let message = p
                    .message
                    .strip_prefix(&path)
                    .map_or(p.message.as_str(), |m| m.trim_start_matches([':', ' ']));
                gloss::corpus::LoadNote {
                    level: gloss::corpus::NoteLevel::Warning,
                    path: gloss::text::sanitize_line(&path),
                    message: gloss::text::sanitize_line(message),
                }
            })
            .collect();
        // Which articles were read, kept beside the annotations.
        let (read_state, problem) = gloss::annotations::ReadState::open(&dir);
        app.read_state = read_state;
        app.store_notes
            .extend(problem.map(|message| gloss::corpus::LoadNote {
                level: gloss::corpus::NoteLevel::Warning,
                path: "read.toml".to_owned(),
                message: gloss::text::sanitize_line(&message),
            }));
    }
    tui::run(app, corpus, options, cache).map_err(Failure::from)
}
