//! A small HTTP/1.1 server for tests, on 127.0.0.1 only: it serves fixed routes and the
//! hostile cases a fetcher must survive (a trickle, a gzip bomb, a redirect loop, a
//! body that never ends), and counts the requests it sees.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One request seen: its path and its `If-None-Match` header.
pub type Hit = (String, Option<String>);

/// What a route answers.
#[derive(Clone)]
pub enum Reply {
    /// A body with a content type, optional `ETag` (answered 304 when sent back).
    Body {
        content_type: String,
        body: Vec<u8>,
        etag: Option<String>,
    },
    /// A redirect to another path or address.
    Redirect(String),
    /// A status with a short body.
    Status(u16),
    /// Headers, then one byte every 100 ms, forever.
    Trickle,
    /// `Content-Encoding: gzip` of this many zero bytes.
    GzipBomb(usize),
    /// A body of zeros of this many bytes, sent as fast as the client reads.
    Endless(usize),
}

/// A running server; it stops when dropped.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    hits: Arc<Mutex<Vec<Hit>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        {
            let (routes, hits, stop) = (routes.clone(), hits.clone(), stop.clone());
            listener.set_nonblocking(true).expect("nonblocking");
            thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let (routes, hits, stop) = (routes.clone(), hits.clone(), stop.clone());
                            thread::spawn(move || serve(stream, &routes, &hits, &stop));
                        }
                        Err(_) => thread::sleep(Duration::from_millis(5)),
                    }
                }
            });
        }
        Self {
            base,
            routes,
            hits,
            stop,
        }
    }

    /// Serves `reply` at `path`.
    pub fn route(&self, path: &str, reply: Reply) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_owned(), reply);
    }

    /// Serves a body at `path`.
    pub fn body(&self, path: &str, content_type: &str, body: impl Into<Vec<u8>>) {
        self.route(
            path,
            Reply::Body {
                content_type: content_type.to_owned(),
                body: body.into(),
                etag: None,
            },
        );
    }

    /// Returns the full address of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Returns the requests seen so far: path and the `If-None-Match` header.
    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().expect("hits").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Reply>>,
    hits: &Mutex<Vec<Hit>>,
    stop: &AtomicBool,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut if_none_match = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(value.trim().to_owned());
            }
        }
    }
    hits.lock()
        .expect("hits")
        .push((path.clone(), if_none_match.clone()));
    let reply = routes.lock().expect("routes").get(&path).cloned();
    let mut out = stream;
    let _ = match reply {
        None => write_status(&mut out, 404),
        Some(Reply::Status(code)) => write_status(&mut out, code),
        Some(Reply::Body {
            content_type,
            body,
            etag,
        }) => {
            if etag.is_some() && if_none_match == etag {
                write!(
                    out,
                    "HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
            } else {
                let etag = etag.map(|e| format!("ETag: {e}\r\n")).unwrap_or_default();
                write!(
                    out,
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{etag}Connection: close\r\n\r\n",
                    body.len()
                )
                .and_then(|()| out.write_all(&body))
            }
        }
        Some(Reply::Redirect(to)) => write!(
            out,
            "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Some(Reply::Trickle) => {
            let _ = write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body><p>"
            );
            while !stop.load(Ordering::Relaxed) {
                if out.write_all(b"a").and_then(|()| out.flush()).is_err() {
                    break;
                }
                thread::sleep(Duration::from_millis(100));
            }
            Ok(())
        }
        Some(Reply::GzipBomb(size)) => {
            let body = gzip_zeros(size);
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .and_then(|()| out.write_all(&body))
        }
        Some(Reply::Endless(size)) => {
            let _ = write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
            );
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < size && !stop.load(Ordering::Relaxed) {
                let n = chunk.len().min(size - sent);
                if out.write_all(&chunk[..n]).is_err() {
                    break;
                }
                sent += n;
            }
            Ok(())
        }
    };
}

fn write_status(out: &mut TcpStream, code: u16) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {code} Status\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: close\r\n\r\nstatus"
    )
}

fn gzip_zeros(size: usize) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    let mut left = size;
    while left > 0 {
        let n = left.min(zeros.len());
        encoder.write_all(&zeros[..n]).expect("gzip");
        left -= n;
    }
    encoder.finish().expect("gzip")
}
