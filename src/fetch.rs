//! Fetching feeds and pages over HTTP, bounded in every direction.
//!
//! One blocking client (ureq) meant to run on a worker thread. Every request has a
//! connect timeout, a budget for the whole exchange (so a server trickling bytes
//! forever is cut off), a redirect limit, and a cap on the decompressed body (so a gzip
//! bomb stops at the cap); only `http` and `https` addresses are fetched, redirects
//! included. Refreshes are conditional: the `ETag` and `Last-Modified` of the last
//! answer are sent back, and "not modified" costs no body.

use std::io::Read as _;
use std::time::Duration;

use ureq::ResponseExt as _;

use crate::text::sanitize_line;

/// The user agent gloss sends: its name, version and what it is.
pub const USER_AGENT: &str = concat!(
    "gloss/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader; +https://github.com/gloss-reader/gloss)"
);

/// The bounds of every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long to wait for a connection.
    pub connect: Duration,
    /// How long a whole exchange may take, redirects and body included.
    pub total: Duration,
    /// How many redirects are followed.
    pub redirects: u32,
    /// The most bytes a body may have once decompressed.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
            redirects: 5,
            max_bytes: 16 * 1024 * 1024,
        }
    }
}

/// What the last answer said about its version, sent back on the next request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` header.
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    pub last_modified: Option<String>,
}

/// A body and what the server said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The address the body came from, after redirects.
    pub url: String,
    /// The `Content-Type` header, lowercased.
    pub content_type: Option<String>,
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    /// Validators for the next conditional request.
    pub validators: Validators,
}

impl Page {
    /// Returns the charset the `Content-Type` header names, if any.
    pub fn charset(&self) -> Option<&str> {
        let ct = self.content_type.as_deref()?;
        let at = ct.find("charset=")? + "charset=".len();
        let value = ct[at..].split(';').next()?.trim().trim_matches('"');
        (!value.is_empty()).then_some(value)
    }
}

/// The answer to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The server says the copy we have is current (HTTP 304).
    NotModified,
    /// A new body.
    Page(Page),
}

/// Why a fetch failed, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not an http or https address.
    #[error("{0} is not an http:// or https:// address; gloss fetches only those")]
    Scheme(String),
    /// The address does not parse.
    #[error("{0} is not a usable web address")]
    BadAddress(String),
    /// The whole exchange ran over its budget.
    #[error("no complete answer within {0} s (server too slow or trickling bytes)")]
    Timeout(u64),
    /// The body passed the size cap.
    #[error("the answer is larger than {0} (decompressed); gloss stopped reading")]
    TooLarge(String),
    /// Redirected too many times.
    #[error("redirected more than {0} times (a redirect loop?)")]
    Redirects(u32),
    /// The server answered with an error status.
    #[error("the server answered {0}")]
    Status(String),
    /// The connection failed.
    #[error("{0}")]
    Network(String),
}

/// A bounded HTTP client.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    /// An agent that never goes through a proxy, for addresses on this machine.
    local: ureq::Agent,
    limits: Limits,
}

impl Default for Fetcher {
    fn default() -> Self {
        Self::new(Limits::default())
    }
}

impl Fetcher {
    /// Builds a client with these limits (and the proxy the environment names, if any).
    pub fn new(limits: Limits) -> Self {
        let config = |proxy: Option<ureq::Proxy>| {
            ureq::Agent::config_builder()
                .timeout_connect(Some(limits.connect))
                .timeout_global(Some(limits.total))
                .max_redirects(limits.redirects)
                .max_redirects_will_error(true)
                .http_status_as_error(false)
                .user_agent(USER_AGENT)
                .proxy(proxy)
                .build()
        };
        Self {
            agent: config(ureq::Proxy::try_from_env()).into(),
            local: config(None).into(),
            limits,
        }
    }

    /// Returns the limits this client keeps.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Fetches `url`, conditionally when `validators` hold anything.
    pub fn fetch(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let host = check_address(url)?;
        let agent = if is_loopback(host) {
            &self.local
        } else {
            &self.agent
        };
        let mut request = agent.get(url).header(
            "Accept",
            "application/rss+xml, application/atom+xml, application/feed+json, \
             application/xml;q=0.9, text/html;q=0.9, */*;q=0.5",
        );
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &validators.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| self.error(&e))?;
        let status = response.status();
        if status.as_u16() == 304 {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status(
                format!(
                    "{} {}",
                    status.as_u16(),
                    status.canonical_reason().unwrap_or("")
                )
                .trim_end()
                .to_owned(),
            ));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| sanitize_line(v).trim().to_owned())
                .filter(|v| !v.is_empty() && v.len() < 1024)
        };
        let content_type = header("content-type").map(|v| v.to_ascii_lowercase());
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let final_url = sanitize_line(&response.get_uri().to_string());
        let mut bytes = Vec::new();
        let reader = response
            .body_mut()
            .with_config()
            .limit(self.limits.max_bytes)
            .reader();
        reader
            .take(self.limits.max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| self.io_error(&e))?;
        if bytes.len() as u64 > self.limits.max_bytes {
            return Err(FetchError::TooLarge(human(self.limits.max_bytes)));
        }
        Ok(Fetched::Page(Page {
            url: final_url,
            content_type,
            bytes,
            validators,
        }))
    }

    fn error(&self, error: &ureq::Error) -> FetchError {
        match error {
            ureq::Error::Timeout(_) => FetchError::Timeout(self.limits.total.as_secs()),
            ureq::Error::TooManyRedirects => FetchError::Redirects(self.limits.redirects),
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(human(self.limits.max_bytes)),
            ureq::Error::BadUri(uri) => FetchError::BadAddress(sanitize_line(uri)),
            ureq::Error::Io(io) => self.io_error(io),
            other => FetchError::Network(sanitize_line(&other.to_string())),
        }
    }

    fn io_error(&self, error: &std::io::Error) -> FetchError {
        // ureq reports its own failures inside io errors while a body is read.
        if let Some(inner) = error
            .get_ref()
            .and_then(|e| e.downcast_ref::<ureq::Error>())
        {
            return self.error(inner);
        }
        match error.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                FetchError::Timeout(self.limits.total.as_secs())
            }
            _ => FetchError::Network(sanitize_line(&error.to_string())),
        }
    }
}

/// Checks that `url` is an http or https address with a host; returns the host.
pub fn check_address(url: &str) -> Result<&str, FetchError> {
    let shown = || sanitize_line(url);
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return Err(FetchError::Scheme(shown()));
    };
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(FetchError::BadAddress(shown()));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(FetchError::BadAddress(shown()));
    }
    Ok(host)
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn human(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes / 1024)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_addresses_pass() {
        assert_eq!(
            check_address("https://wire.example/rss"),
            Ok("wire.example")
        );
        assert_eq!(check_address("HTTP://127.0.0.1:8080/x"), Ok("127.0.0.1"));
        assert_eq!(check_address("http://user@[::1]:80/"), Ok("[::1]"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x.example/",
            "wire.example/rss",
        ] {
            assert!(
                matches!(check_address(bad), Err(FetchError::Scheme(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            check_address("https:///nohost"),
            Err(FetchError::BadAddress(_))
        ));
        assert!(matches!(
            check_address("https://a.example/\u{1b}[2J"),
            Err(FetchError::BadAddress(_))
        ));
    }

    #[test]
    fn the_charset_comes_from_the_content_type() {
        let page = |ct: &str| Page {
            url: String::new(),
            content_type: Some(ct.to_owned()),
            bytes: Vec::new(),
            validators: Validators::default(),
        };
        assert_eq!(
            page("text/html; charset=\"iso-8859-1\"").charset(),
            Some("iso-8859-1")
        );
        assert_eq!(page("text/html").charset(), None);
        assert!(is_loopback("127.0.0.1") && is_loopback("localhost"));
        assert!(!is_loopback("10.0.0.1"));
    }
}
