//! The terminal reader: the only code that knows about the terminal.
//!
//! One loop: events (keys, mouse, resize, signals, results of background work) arrive
//! on one channel; each becomes an `Action` for `App::update`; the screen is drawn only
//! when an update asks for it. Loading and analysis run on a worker thread.

pub mod action;
pub mod annotate;
pub mod app;
pub mod export;
pub mod feeds;
pub mod find;
pub mod keys;
pub mod layout;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod wrap;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use ratatui::crossterm::event;

use gloss::analysis::AnalysisCache;
use gloss::corpus::{self, Article, LoadNote, LoadOptions, LoadReport, NoteLevel};
use rayon::prelude::*;

use crate::tui::action::Action;
use crate::tui::app::{App, ArticleEntry};
use crate::tui::update::Effect;

/// What the reader opens.
#[derive(Debug, Clone)]
pub enum Corpus {
    /// The bundled sample corpus.
    Sample,
    /// Files and folders, each with an optional source name for articles that lack one.
    Paths(Vec<(PathBuf, Option<String>)>),
}

/// What arrives on the event loop's channel.
#[derive(Debug)]
pub enum Event {
    /// A key press, resolved through the keymap.
    Key(gloss::config::keymap::KeyChord),
    /// Anything else.
    Action(Action),
}

fn apply(app: &mut App, event: Event) -> update::Update {
    match event {
        Event::Key(chord) => app.handle_key(chord),
        Event::Action(action) => app.update(action),
    }
}

/// Analyses a batch of articles on all cores (through the cache when there is one);
/// an article whose analysis fails is kept, without marks, and named in a message.
fn analyse_batch(
    articles: Vec<Article>,
    cache: Option<&AnalysisCache>,
    notes: &mut Vec<LoadNote>,
) -> Vec<ArticleEntry> {
    let results: Vec<(ArticleEntry, Option<String>)> = articles
        .into_par_iter()
        .map(|article| ArticleEntry::analysed_safely(article, cache))
        .collect();
    results
        .into_iter()
        .map(|(entry, failure)| {
            if let Some(message) = failure {
                notes.push(LoadNote {
                    level: NoteLevel::Warning,
                    path: entry.article.path.clone(),
                    message,
                });
            }
            entry
        })
        .collect()
}

/// Loads `corpus` on a worker thread, sending analysed articles in batches.
pub fn spawn_loader(
    corpus: Corpus,
    options: LoadOptions,
    cache: Option<AnalysisCache>,
    tx: Sender<Event>,
) -> std::io::Result<()> {
    thread::Builder::new()
        .name("loader".to_owned())
        .spawn(move || {
            let cache = cache.as_ref();
            // What the linker needs once everything is loaded, in the order sent.
            let kept: std::cell::RefCell<Vec<(Article, gloss::analysis::Analysis)>> =
                std::cell::RefCell::default();
            let send = |entries: Vec<ArticleEntry>| {
                kept.borrow_mut().extend(
                    entries
                        .iter()
                        .map(|e| (e.article.clone(), e.analysis.clone())),
                );
                let _ = tx.send(Event::Action(Action::ArticlesLoaded(entries)));
            };
            let report = match corpus {
                Corpus::Sample => {
                    let (articles, mut report) = corpus::load_sample();
                    send(analyse_batch(articles, cache, &mut report.notes));
                    report
                }
                Corpus::Paths(paths) => {
                    let mut total = LoadReport::default();
                    let mut batch = Vec::new();
                    let mut last_send = Instant::now();
                    let mut failed = Vec::new();
                    for (path, name) in paths {
                        let options = LoadOptions {
                            source_name: name,
                            ..options.clone()
                        };
                        let report = corpus::load_paths(&[path], &options, |article| {
                            batch.push(article);
                            if batch.len() >= 256
                                || last_send.elapsed() > Duration::from_millis(100)
                            {
                                send(analyse_batch(
                                    std::mem::take(&mut batch),
                                    cache,
                                    &mut failed,
                                ));
                                last_send = Instant::now();
                            }
                        });
                        total.loaded += report.loaded;
                        total.notes.extend(report.notes);
                    }
                    if !batch.is_empty() {
                        send(analyse_batch(batch, cache, &mut failed));
                    }
                    total.notes.extend(failed);
                    total
                }
            };
            let _ = tx.send(Event::Action(Action::LoadFinished(report)));
            let kept = kept.into_inner();
            let input: Vec<gloss::links::LinkArticle<'_>> = kept
                .iter()
                .map(|(a, an)| gloss::links::LinkArticle::of(a, an))
                .collect();
            let links = gloss::links::link(&input);
            let _ = tx.send(Event::Action(Action::Linked(Box::new(links))));
        })?;
    Ok(())
}

/// Work the reader asks for that runs beside it: refreshing feeds, linking claims
/// again, opening links.
struct Background {
    tx: Sender<Event>,
    options: LoadOptions,
    cache: Option<AnalysisCache>,
}

impl Background {
    /// Starts whatever the last update asked for.
    fn run(&self, app: &mut App) {
        if let Some(feeds) = app.take_refresh_request() {
            if let Err(e) = self.refresh(feeds) {
                app.update(Action::FeedFailed("refresh".to_owned(), e.to_string()));
                app.update(Action::RefreshFinished);
            }
        }
        if app.take_relink() {
            let kept: Vec<(Article, gloss::analysis::Analysis)> = app
                .entries
                .iter()
                .map(|e| (e.article.clone(), e.analysis.clone()))
                .collect();
            let tx = self.tx.clone();
            let _ = thread::Builder::new()
                .name("linker".to_owned())
                .spawn(move || {
                    let input: Vec<gloss::links::LinkArticle<'_>> = kept
                        .iter()
                        .map(|(a, an)| gloss::links::LinkArticle::of(a, an))
                        .collect();
                    let links = gloss::links::link(&input);
                    let _ = tx.send(Event::Action(Action::Linked(Box::new(links))));
                });
        }
        if let Some(saved) = app.take_save_request() {
            match gloss::feeds::subscriptions::add_query(&app.config_path, &saved) {
                Ok(()) => {
                    app.update(Action::QuerySaved(saved));
                }
                Err(e) => {
                    app.message = Some(format!(
                        "query not saved: {}",
                        gloss::text::sanitize_line(&e.to_string())
                    ));
                }
            }
        }
        if let Some(url) = app.take_open_request() {
            if let Err(why) = open_in_browser(&url) {
                app.message = Some(why);
            }
        }
    }

    /// Refreshes feeds one after another on a worker thread; each result arrives as an
    /// action, so the keyboard never waits for the network.
    fn refresh(&self, feeds: Vec<gloss::config::FeedConfig>) -> std::io::Result<()> {
        let Some(data) = gloss::config::paths::data_dir() else {
            return Err(std::io::Error::other(
                "no data folder to keep feeds in: set GLOSS_DATA_DIR",
            ));
        };
        let tx = self.tx.clone();
        let options = self.options.clone();
        let cache = self.cache.clone();
        thread::Builder::new()
            .name("refresh".to_owned())
            .spawn(move || {
                let archive = gloss::feeds::FeedArchive::new(&data);
                let fetcher = gloss::fetch::Fetcher::default();
                let send = |action| {
                    let _ = tx.send(Event::Action(action));
                };
                for feed in feeds {
                    send(Action::RefreshProgress(feed.name.clone(), 0, 0));
                    let mut last = Instant::now();
                    let mut progress = |done: usize, total: usize| {
                        if last.elapsed() > Duration::from_millis(100) {
                            last = Instant::now();
                            send(Action::RefreshProgress(feed.name.clone(), done, total));
                        }
                    };
                    match gloss::feeds::refresh(&feed, &archive, &fetcher, &mut progress) {
                        Ok(report) => {
                            let paths: Vec<PathBuf> =
                                report.new.iter().chain(&report.changed).cloned().collect();
                            let options = LoadOptions {
                                source_name: Some(feed.name.clone()),
                                ..options.clone()
                            };
                            let mut articles = Vec::new();
                            let mut load = corpus::load_paths(&paths, &options, |a| {
                                articles.push(a);
                            });
                            let entries = analyse_batch(articles, cache.as_ref(), &mut load.notes);
                            send(Action::FeedRefreshed(Box::new((report, entries, load))));
                        }
                        Err(e) => send(Action::FeedFailed(feed.name.clone(), e.to_string())),
                    }
                }
                send(Action::RefreshFinished);
            })?;
        Ok(())
    }
}

/// Opens an http(s) address with the system's opener: the address is one argument,
/// never read by a shell, and nothing the opener prints reaches the screen.
fn open_in_browser(url: &str) -> Result<(), String> {
    gloss::fetch::check_address(url).map_err(|e| e.to_string())?;
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| format!("cannot run {opener} to open the link: {e}"))
}

/// What the loop shares with the input, signal and watch threads.
struct Flags {
    /// The terminal went away.
    hung_up: Arc<AtomicBool>,
    /// The input thread should end.
    stop: Arc<AtomicBool>,
    /// The input thread should leave the terminal alone (an editor has it).
    paused: Arc<AtomicBool>,
    /// The input thread has let go of the terminal.
    parked: Arc<AtomicBool>,
}

/// Starts the threads that turn the terminal and signals into events: keys and
/// mouse, SIGTERM/SIGINT/SIGHUP, and the watch for a terminal that went away.
fn start_input(tx: Sender<Event>) -> anyhow::Result<Flags> {
    let flags = Flags {
        hung_up: Arc::new(AtomicBool::new(false)),
        stop: Arc::new(AtomicBool::new(false)),
        paused: Arc::new(AtomicBool::new(false)),
        parked: Arc::new(AtomicBool::new(false)),
    };
    terminal::forward_signals(tx.clone(), Arc::clone(&flags.hung_up))?;
    let beat = Heartbeat {
        start: Instant::now(),
        last: Arc::new(std::sync::atomic::AtomicU64::new(0)),
    };
    terminal::watch_terminal(
        tx.clone(),
        Arc::clone(&flags.hung_up),
        Arc::clone(&beat.last),
        beat.start,
    )?;
    spawn_input(
        tx,
        Arc::clone(&flags.stop),
        Arc::clone(&flags.paused),
        Arc::clone(&flags.parked),
        beat,
    )
    .context("cannot start the input reader")?;
    Ok(flags)
}

/// The input thread's sign of life, for `terminal::watch_terminal`.
struct Heartbeat {
    start: Instant,
    /// Milliseconds from `start` to the last beat.
    last: Arc<std::sync::atomic::AtomicU64>,
}

impl Heartbeat {
    fn beat(&self) {
        let now = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(now, Ordering::SeqCst);
    }
}

/// Runs the reader until the user quits or a signal arrives.
pub fn run(
    mut app: App,
    corpus: Corpus,
    options: LoadOptions,
    cache: Option<AnalysisCache>,
) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel::<Event>();
    let mut term = terminal::Session::start(app.mouse).context("cannot set up the terminal")?;
    let size = term.size()?;
    app.size = (size.width, size.height);

    let background = Background {
        tx: tx.clone(),
        options: options.clone(),
        cache: cache.clone(),
    };
    spawn_loader(corpus, options, cache, tx.clone()).context("cannot start the loader")?;
    let Flags {
        hung_up,
        stop,
        paused,
        parked,
    } = start_input(tx)?;

    term.draw(&app)?;
    // Read marks are written at most every few seconds, and at the end.
    let mut read_saved = Instant::now();
    let result = loop {
        let Ok(event) = rx.recv() else { break Ok(()) };
        let update = apply(&mut app, event);
        app.save_pending();
        if app.read_state.is_dirty() && read_saved.elapsed() > Duration::from_secs(5) {
            if let Err(why) = app.read_state.save() {
                app.message = Some(format!("read marks not saved yet: {why}"));
            }
            read_saved = Instant::now();
        }
        app.run_export();
        background.run(&mut app);
        if update.effect == Some(Effect::Quit) {
            break Ok(());
        }
        if update.effect == Some(Effect::EditNote) {
            let text = app.note_text().unwrap_or_default().to_owned();
            // The input thread must not read the editor's keys: wait until it says it
            // has stopped reading (it finishes a read in progress first).
            paused.store(true, Ordering::SeqCst);
            let asked = Instant::now();
            while !parked.load(Ordering::SeqCst) && asked.elapsed() < Duration::from_secs(2) {
                thread::sleep(Duration::from_millis(10));
            }
            term.suspend();
            let edited = edit_in_editor(&text);
            let resumed = term.resume(app.mouse);
            paused.store(false, Ordering::SeqCst);
            if let Err(err) = resumed {
                break Err(err.into());
            }
            app.update(Action::NoteEdited(edited));
            if let Err(err) = term.draw(&app) {
                break Err(err);
            }
            continue;
        }
        // Apply everything already waiting before drawing once.
        let mut redraw = update.redraw;
        let mut quit = false;
        while let Ok(event) = rx.try_recv() {
            let u = apply(&mut app, event);
            app.save_pending();
            app.run_export();
            background.run(&mut app);
            redraw |= u.redraw;
            if u.effect == Some(Effect::Quit) {
                quit = true;
                break;
            }
        }
        if quit {
            break Ok(());
        }
        if redraw {
            if let Err(err) = term.draw(&app) {
                break Err(err);
            }
        }
    };
    stop.store(true, Ordering::Relaxed);
    if hung_up.load(Ordering::SeqCst) {
        // The terminal is gone: there is nothing to restore, and the input thread may
        // be stuck inside the terminal library's reader, holding the lock that
        // restoring would wait for. Save, and leave.
        std::mem::forget(term);
    } else {
        drop(term);
    }
    // Whatever could not be written during the session gets a last try; what still
    // fails is said on the way out, never dropped in silence.
    let failed = app.store.save_all();
    if let Err(why) = app.read_state.save() {
        tracing::warn!("read marks not saved: {why}");
    }
    if result.is_ok() && !failed.is_empty() {
        let reasons: Vec<String> = failed.iter().map(ToString::to_string).collect();
        anyhow::bail!(
            "some annotations could not be saved:\n  {}",
            reasons.join("\n  ")
        );
    }
    result
}

/// Lets the user write a note in `$VISUAL` or `$EDITOR` (else `vi`): the text goes
/// into a private temporary file, the editor runs on it directly (its command split
/// on spaces, never through a shell), and the file's text comes back.
fn edit_in_editor(text: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_owned());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("gloss-note-{}-{nanos}", std::process::id()));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&dir)
        .map_err(|e| format!("cannot make a folder for the editor: {e}"))?;
    let path = dir.join("note.md");
    let result = run_editor(program, words, &path, text);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_editor<'a>(
    program: &str,
    args: impl Iterator<Item = &'a str>,
    path: &std::path::Path,
    text: &str,
) -> Result<String, String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let status = std::process::Command::new(program)
        .args(args)
        .arg(path)
        .status()
        .map_err(|e| format!("cannot run the editor {program:?}: {e}; set $EDITOR"))?;
    if !status.success() {
        return Err(format!(
            "the editor {program:?} failed ({status}); the note is unchanged"
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the note back: {e}"))?;
    // What an editor saved is text from outside: no escape sequence reaches the screen.
    let (clean, _) = gloss::text::sanitize(&String::from_utf8_lossy(&bytes));
    Ok(clean.trim_end().to_owned())
}

/// Reads terminal events on their own thread and turns them into actions.
fn spawn_input(
    tx: Sender<Event>,
    stop: Arc<AtomicBool>,
    paused: Arc<AtomicBool>,
    parked: Arc<AtomicBool>,
    beat: Heartbeat,
) -> std::io::Result<()> {
    thread::Builder::new()
        .name("input".to_owned())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                beat.beat();
                if paused.load(Ordering::SeqCst) {
                    parked.store(true, Ordering::SeqCst);
                    thread::sleep(Duration::from_millis(20));
                    continue;
                }
                parked.store(false, Ordering::SeqCst);
                let ready = event::poll(Duration::from_millis(200));
                if matches!(ready, Ok(false)) {
                    continue;
                }
                // The terminal cannot be read any more: nothing can be typed, so quit
                // (saving what there is) rather than leave a reader no key reaches.
                let Ok(ev) = ready.and_then(|_| event::read()) else {
                    let _ = tx.send(Event::Action(Action::Quit));
                    break;
                };
                if let Some(event) = keys::to_event(&ev) {
                    if tx.send(event).is_err() {
                        break;
                    }
                }
            }
        })?;
    Ok(())
}
