//! A key press on a 5,000-line article, re-rendering a 200×60 screen.
//!
//! The reader's code lives in the binary (`src/tui`), so the benchmark includes it by
//! path; it uses only the library and itself, as the binary does.
//!
//! Run: `cargo bench --bench render`

#![allow(dead_code, unused_imports, clippy::all, clippy::pedantic)]

#[path = "../src"]
mod src {
    pub mod tui;
}
use src::tui;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use gloss::config::keymap::KeyChord;
use gloss::config::Config;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use tui::action::Action;
use tui::app::{App, ArticleEntry, Pane};

/// A long article: 5,000 lines of news prose, each a short paragraph with names,
/// figures and quotes so the screen carries entity and claim marks.
fn long_article() -> gloss::corpus::Article {
    let mut text = String::from(
        "---\ntitle: A very long report\nsource: Bench Daily\ndate: 2026-03-02\n---\n",
    );
    for n in 0..5000 {
        let _ = writeln!(
            text,
            "Line {n}: Mara Quint said the Calder Port Authority would spend $40 million, “an insult to every crew,” she said.\n"
        );
    }
    gloss::corpus::parse_article("bench", "bench/long.md", None, text.as_bytes())
        .expect("loads")
        .0
}

fn app() -> App {
    let mut app =
        App::new(&Config::default(), "", Path::new("config.toml"), false).expect("keymap");
    app.update(Action::Resized(200, 60));
    app.update(Action::ArticlesLoaded(vec![ArticleEntry::new(
        long_article(),
    )]));
    app.focus = Pane::Article;
    app
}

fn bench_render(c: &mut Criterion) {
    let mut app = app();
    assert!(
        app.lines().len() >= 5000,
        "the article has {} lines",
        app.lines().len()
    );
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(&app, f.area()))
        .expect("draw");
    let down: KeyChord = "j".parse().expect("key");
    let up: KeyChord = "k".parse().expect("key");
    let page: KeyChord = "ctrl-d".parse().expect("key");
    // Start in the middle of the article.
    for _ in 0..60 {
        app.handle_key(page);
    }

    let mut flip = false;
    c.bench_function("key press + redraw, 5000-line article, 200x60", |b| {
        b.iter(|| {
            flip = !flip;
            let update = app.handle_key(if flip { down } else { up });
            if update.redraw {
                terminal
                    .draw(|f| f.render_widget(&app, f.area()))
                    .expect("draw");
            }
            black_box(terminal.backend().buffer().area);
        });
    });
    c.bench_function("half page + redraw, 5000-line article, 200x60", |b| {
        let half_up: KeyChord = "ctrl-u".parse().expect("key");
        b.iter(|| {
            flip = !flip;
            app.handle_key(if flip { page } else { half_up });
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
        });
    });
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
