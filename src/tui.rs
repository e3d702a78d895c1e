//! The terminal reader: the only code that knows about the terminal.
//!
//! One loop: events (keys, mouse, resize, signals, results of background work) arrive
//! on one channel; each becomes an `Action` for `App::update`; the screen is drawn only
//! when an update asks for it. Loading and analysis run on a worker thread.

pub mod action;
pub mod app;
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

use gloss::corpus::{self, LoadNote, LoadOptions, LoadReport, NoteLevel};

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

/// Loads `corpus` on a worker thread, sending analysed articles in batches.
pub fn spawn_loader(
    corpus: Corpus,
    options: LoadOptions,
    tx: Sender<Event>,
) -> std::io::Result<()> {
    thread::Builder::new()
        .name("loader".to_owned())
        .spawn(move || {
            let report = match corpus {
                Corpus::Sample => {
                    let (articles, mut report) = corpus::load_sample();
                    let mut entries = Vec::with_capacity(articles.len());
                    for article in articles {
                        let path = article.path.clone();
                        let (entry, failure) = ArticleEntry::analysed_safely(article);
                        if let Some(message) = failure {
                            report.notes.push(LoadNote {
                                level: NoteLevel::Warning,
                                path,
                                message,
                            });
                        }
                        entries.push(entry);
                    }
                    let _ = tx.send(Event::Action(Action::ArticlesLoaded(entries)));
                    report
                }
                Corpus::Paths(paths) => {
                    let mut total = LoadReport::default();
                    let mut batch = Vec::new();
                    let mut last_send = Instant::now();
                    for (path, name) in paths {
                        let options = LoadOptions {
                            source_name: name,
                            ..options.clone()
                        };
                        let mut failed = Vec::new();
                        let mut report = corpus::load_paths(&[path], &options, |article| {
                            let path = article.path.clone();
                            let (entry, failure) = ArticleEntry::analysed_safely(article);
                            if let Some(message) = failure {
                                failed.push(LoadNote {
                                    level: NoteLevel::Warning,
                                    path,
                                    message,
                                });
                            }
                            batch.push(entry);
                            if batch.len() >= 200
                                || last_send.elapsed() > Duration::from_millis(100)
                            {
                                let _ = tx.send(Event::Action(Action::ArticlesLoaded(
                                    std::mem::take(&mut batch),
                                )));
                                last_send = Instant::now();
                            }
                        });
                        report.notes.extend(failed);
                        total.loaded += report.loaded;
                        total.notes.extend(report.notes);
                    }
                    if !batch.is_empty() {
                        let _ = tx.send(Event::Action(Action::ArticlesLoaded(batch)));
                    }
                    total
                }
            };
            let _ = tx.send(Event::Action(Action::LoadFinished(report)));
        })?;
    Ok(())
}

/// Runs the reader until the user quits or a signal arrives.
pub fn run(mut app: App, corpus: Corpus, options: LoadOptions) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel::<Event>();
    let mut term = terminal::Session::start(app.mouse).context("cannot set up the terminal")?;
    let size = term.size()?;
    app.size = (size.width, size.height);

    spawn_loader(corpus, options, tx.clone()).context("cannot start the loader")?;
    terminal::forward_signals(tx.clone())?;
    let stop = Arc::new(AtomicBool::new(false));
    spawn_input(tx, Arc::clone(&stop)).context("cannot start the input reader")?;

    term.draw(&app)?;
    let result = loop {
        let Ok(event) = rx.recv() else { break Ok(()) };
        let update = apply(&mut app, event);
        if update.effect == Some(Effect::Quit) {
            break Ok(());
        }
        // Apply everything already waiting before drawing once.
        let mut redraw = update.redraw;
        let mut quit = false;
        while let Ok(event) = rx.try_recv() {
            let u = apply(&mut app, event);
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
    drop(term);
    result
}

/// Reads terminal events on their own thread and turns them into actions.
fn spawn_input(tx: Sender<Event>, stop: Arc<AtomicBool>) -> std::io::Result<()> {
    thread::Builder::new()
        .name("input".to_owned())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                match event::poll(Duration::from_millis(200)) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(_) => break,
                }
                let Ok(ev) = event::read() else { break };
                if let Some(event) = keys::to_event(&ev) {
                    if tx.send(event).is_err() {
                        break;
                    }
                }
            }
        })?;
    Ok(())
}
