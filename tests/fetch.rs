//! The fetcher against a server on 127.0.0.1: conditional requests, and the hostile
//! cases each ending in a clear, bounded error.

#[path = "support/server.rs"]
mod server;

use std::time::{Duration, Instant};

use gloss::fetch::{FetchError, Fetched, Fetcher, Limits, Validators};
use server::{Reply, Server};

fn fetcher() -> Fetcher {
    Fetcher::new(Limits {
        connect: Duration::from_secs(2),
        total: Duration::from_secs(2),
        redirects: 5,
        max_bytes: 4 * 1024 * 1024,
    })
}

fn page(fetched: Fetched) -> gloss::fetch::Page {
    match fetched {
        Fetched::Page(page) => page,
        Fetched::NotModified => panic!("expected a body"),
    }
}

#[test]
fn a_page_comes_back_with_its_type_and_validators_and_an_etag_makes_it_conditional() {
    let server = Server::start();
    server.route(
        "/feed.xml",
        Reply::Body {
            content_type: "application/rss+xml; charset=utf-8".to_owned(),
            body: b"<rss/>".to_vec(),
            etag: Some("\"v1\"".to_owned()),
        },
    );
    let f = fetcher();
    let first = page(
        f.fetch(&server.url("/feed.xml"), &Validators::default())
            .expect("fetch"),
    );
    assert_eq!(first.bytes, b"<rss/>");
    assert_eq!(first.charset(), Some("utf-8"));
    assert_eq!(first.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(first.url, server.url("/feed.xml"));
    let again = f
        .fetch(&server.url("/feed.xml"), &first.validators)
        .expect("fetch");
    assert_eq!(again, Fetched::NotModified);
    let hits = server.hits();
    assert_eq!(hits[0].1, None, "the first request is plain");
    assert_eq!(
        hits[1].1.as_deref(),
        Some("\"v1\""),
        "the second sends the ETag"
    );
}

#[test]
fn redirects_are_followed_and_the_final_address_kept() {
    let server = Server::start();
    server.route("/old", Reply::Redirect("/new".to_owned()));
    server.body("/new", "text/html", "moved here");
    let got = page(
        fetcher()
            .fetch(&server.url("/old"), &Validators::default())
            .expect("fetch"),
    );
    assert_eq!(got.bytes, b"moved here");
    assert_eq!(got.url, server.url("/new"));
}

#[test]
fn hostile_servers_end_in_clear_bounded_errors() {
    let server = Server::start();
    server.route("/loop", Reply::Redirect("/loop".to_owned()));
    server.route("/trickle", Reply::Trickle);
    server.route("/bomb", Reply::GzipBomb(64 * 1024 * 1024));
    server.route("/huge", Reply::Endless(100 * 1024 * 1024));
    server.route("/gone", Reply::Status(404));
    server.route("/to-file", Reply::Redirect("file:///etc/passwd".to_owned()));
    let f = fetcher();
    let started = Instant::now();
    let fetch = |path: &str| f.fetch(&server.url(path), &Validators::default());

    assert_eq!(fetch("/loop"), Err(FetchError::Redirects(5)));
    let trickle_started = Instant::now();
    assert_eq!(fetch("/trickle"), Err(FetchError::Timeout(2)));
    assert!(trickle_started.elapsed() < Duration::from_secs(4));
    assert_eq!(
        fetch("/bomb"),
        Err(FetchError::TooLarge("4 MiB".to_owned()))
    );
    assert_eq!(
        fetch("/huge"),
        Err(FetchError::TooLarge("4 MiB".to_owned()))
    );
    assert_eq!(
        fetch("/gone"),
        Err(FetchError::Status("404 Not Found".to_owned()))
    );
    assert!(fetch("/to-file").is_err(), "a redirect may not leave http");
    assert!(matches!(
        f.fetch("file:///etc/passwd", &Validators::default()),
        Err(FetchError::Scheme(_))
    ));
    // Nothing listens on port 9 of this machine.
    assert!(matches!(
        f.fetch("http://127.0.0.1:9/", &Validators::default()),
        Err(FetchError::Network(_) | FetchError::Timeout(_))
    ));
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(
        FetchError::Redirects(5).to_string(),
        "redirected more than 5 times (a redirect loop?)"
    );
}
