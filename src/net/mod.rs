//! Fetching pages and feeds over HTTP(S): one blocking GET with every limit
//! a hostile server could push against enforced here, once.
//!
//! Built on ureq 3 (rustls, no OpenSSL to install) with its own redirect
//! following and body decoding turned off, so that depeche decides:
//! - redirects are followed here, at most [`MAX_REDIRECTS`], only to `http`
//!   and `https` URLs, and a loop is named as a loop;
//! - `Content-Encoding` (gzip, deflate, br) is decoded here while reading,
//!   with the size cap counted on the decoded bytes, so neither an endless
//!   body nor a compression bomb is ever buffered past the cap;
//! - the total timeout covers every hop and the whole body, so a server
//!   sending a byte a second ends with a timeout, not a hang;
//! - a cancel flag is looked at between reads (Esc in the reader).
//!
//! Charset decoding of the body is [`decode_text`] (BOM, then `Content-Type`,
//! then the document's own declaration; invalid bytes replaced). Nothing
//! here depends on the rest of depeche but the sanitiser for messages.

mod decode;

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use url::Url;

pub use decode::{DecodedText, decode_text, document_charset};

use crate::corpus::sanitize::for_message;

/// The most redirects one fetch follows (RFC 9110 suggests at least 5 is fine).
pub const MAX_REDIRECTS: u32 = 5;
/// The default cap on a decoded body: the corpus loader's default cap.
pub const DEFAULT_MAX_SIZE: u64 = 256 << 20;
/// `User-Agent` sent with every request.
pub const USER_AGENT: &str = concat!("depeche/", env!("CARGO_PKG_VERSION"));
/// What a fetch reads at a time; the cancel flag is looked at between reads.
const READ_CHUNK: usize = 64 * 1024;

/// Where requests go through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ProxyChoice {
    /// `ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY` (and lower-case), with
    /// `NO_PROXY`, as curl and most tools read them.
    #[default]
    FromEnvironment,
    /// Straight to the server.
    Direct,
    /// This proxy (`http://host:port`, `socks5://host:port`…).
    Url(String),
}

/// The limits of every fetch made by one [`Fetcher`].
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Time to open the connection (DNS, TCP, TLS, proxy).
    pub connect_timeout: Duration,
    /// Time for the whole fetch: every redirect hop and the whole body.
    pub total_timeout: Duration,
    /// The most bytes a body may have once decoded.
    pub max_size: u64,
    pub proxy: ProxyChoice,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_size: DEFAULT_MAX_SIZE,
            proxy: ProxyChoice::FromEnvironment,
        }
    }
}

/// What one GET asks for besides the URL.
#[derive(Debug, Clone, Default)]
pub struct FetchRequest {
    /// `Accept` header; `None` sends `*/*`.
    pub accept: Option<String>,
    /// The `ETag` from the last fetch of this URL (`If-None-Match`).
    pub etag: Option<String>,
    /// The `Last-Modified` from the last fetch of this URL (`If-Modified-Since`).
    pub last_modified: Option<String>,
    /// Set from another thread to stop the fetch; looked at between reads.
    pub cancel: Option<Arc<AtomicBool>>,
}

/// Accept header for a feed: feeds first, a page accepted (autodiscovery).
pub const ACCEPT_FEED: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
     application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5";
/// Accept header for a page.
pub const ACCEPT_PAGE: &str = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

/// The outcome of a successful GET.
#[derive(Debug)]
pub enum Fetched {
    /// A 2xx response with its body.
    Page(Page),
    /// 304: what was stored from the last fetch is still current.
    NotModified {
        /// The URL the conditional request ended at (after redirects).
        url: Url,
    },
}

/// A response body and what the headers said about it.
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL the body came from, after redirects (the base for relative URLs).
    pub url: Url,
    pub status: u16,
    /// The media type of `Content-Type`, lower-cased, without parameters.
    pub media_type: Option<String>,
    /// The `charset` parameter of `Content-Type`, if any.
    pub charset: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The body, decoded from its `Content-Encoding`, at most `max_size` bytes.
    pub body: Vec<u8>,
}

impl Page {
    /// The body as text: see [`decode_text`].
    pub fn text(&self) -> DecodedText {
        decode_text(
            &self.body,
            self.charset.as_deref(),
            self.media_type.as_deref(),
        )
    }
}

/// Why a fetch failed. Every URL or server-given value in a message is cut to
/// ~80 characters and escaped ([`for_message`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Not a URL at all, or one without a host.
    InvalidUrl { url: String, reason: String },
    /// A scheme other than `http` and `https` (`file:`, `javascript:`…).
    UnsupportedScheme { url: String },
    /// A redirect to a URL depeche does not follow.
    BadRedirect {
        from: String,
        to: String,
        reason: String,
    },
    /// More than [`MAX_REDIRECTS`] redirects.
    TooManyRedirects { url: String, max: u32 },
    /// A redirect back to a URL already visited.
    RedirectLoop { url: String },
    /// Nothing answered: DNS, refused connection, TLS, proxy.
    Connect { url: String, reason: String },
    /// A timeout: `what` says which (connecting, the whole fetch).
    Timeout {
        url: String,
        what: &'static str,
        after: Duration,
    },
    /// An HTTP error status (4xx, 5xx, or a 3xx that is not a redirect).
    Status { url: String, status: u16 },
    /// The body is larger than the cap (announced or while reading).
    TooLarge { url: String, max: u64 },
    /// The body could not be decoded (bad gzip, unknown Content-Encoding).
    Decode { url: String, reason: String },
    /// The connection broke while reading.
    Read { url: String, reason: String },
    /// The cancel flag was set.
    Cancelled { url: String },
}

impl FetchError {
    /// The address the error is about.
    pub fn url(&self) -> &str {
        match self {
            FetchError::InvalidUrl { url, .. }
            | FetchError::UnsupportedScheme { url }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::RedirectLoop { url }
            | FetchError::Connect { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::Decode { url, .. }
            | FetchError::Read { url, .. }
            | FetchError::Cancelled { url } => url,
            FetchError::BadRedirect { from, .. } => from,
        }
    }

    /// What went wrong, without the address (for a line that already names
    /// the feed or page): "the server answered 404 (not found)".
    pub fn reason(&self) -> String {
        let cut = |s: &str| for_message(s);
        match self {
            FetchError::InvalidUrl { reason, .. } => {
                format!("not a web address: {}", cut(reason))
            }
            FetchError::UnsupportedScheme { .. } => {
                "not an http or https address; depeche fetches nothing else".to_string()
            }
            FetchError::BadRedirect { to, reason, .. } => {
                format!("redirects to {}, not followed: {}", cut(to), cut(reason))
            }
            FetchError::TooManyRedirects { max, .. } => format!("more than {max} redirects"),
            FetchError::RedirectLoop { .. } => {
                "redirect loop (back to an address already visited)".to_string()
            }
            FetchError::Connect { reason, .. } => format!("cannot connect: {}", cut(reason)),
            FetchError::Timeout { what, after, .. } => {
                format!("timed out {what} (after {:.1} s)", after.as_secs_f64())
            }
            FetchError::Status { status, .. } => {
                format!("the server answered {status}{}", http_reason(*status))
            }
            FetchError::TooLarge { max, .. } => format!(
                "the response is larger than the {} cap (stopped reading)",
                human_size(*max)
            ),
            FetchError::Decode { reason, .. } => {
                format!("cannot decode the response: {}", cut(reason))
            }
            FetchError::Read { reason, .. } => format!("the connection broke: {}", cut(reason)),
            FetchError::Cancelled { .. } => "cancelled".to_string(),
        }
    }
}

/// `URL: reason`, the URL cut to ~80 characters and escaped.
impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", for_message(self.url()), self.reason())
    }
}

impl std::error::Error for FetchError {}

/// `1536` → `1536 bytes (1.5 KiB)`: exact, and readable at a glance.
pub(crate) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = None;
    for name in UNITS {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = Some(name);
    }
    match unit {
        Some(unit) => format!(
            "{bytes} bytes ({} {unit})",
            format!("{value:.1}").trim_end_matches(".0")
        ),
        None => format!("{bytes} bytes"),
    }
}

fn http_reason(status: u16) -> &'static str {
    match status {
        400 => " (bad request)",
        401 => " (authentication required)",
        403 => " (forbidden)",
        404 => " (not found)",
        410 => " (gone)",
        429 => " (too many requests)",
        500 => " (server error)",
        502 => " (bad gateway)",
        503 => " (service unavailable)",
        504 => " (gateway timeout)",
        _ => "",
    }
}

/// Checks that `text` is an absolute `http`/`https` URL with a host.
pub fn parse_web_url(text: &str) -> Result<Url, FetchError> {
    let url = Url::parse(text.trim()).map_err(|e| FetchError::InvalidUrl {
        url: text.to_string(),
        reason: e.to_string(),
    })?;
    check_web_url(&url, text)?;
    Ok(url)
}

fn check_web_url(url: &Url, original: &str) -> Result<(), FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::UnsupportedScheme {
            url: original.to_string(),
        });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::InvalidUrl {
            url: original.to_string(),
            reason: "no host".to_string(),
        });
    }
    Ok(())
}

/// Whether a host is this machine: such requests never go through a proxy.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A reusable HTTP client (connection pool, proxy, limits). Cheap to share
/// between threads by reference: every method takes `&self`.
pub struct Fetcher {
    config: FetchConfig,
    direct: ureq::Agent,
    proxied: Option<ureq::Agent>,
}

impl Fetcher {
    /// A client with these limits. An invalid proxy URL is an error here, not
    /// at the first fetch.
    pub fn new(config: FetchConfig) -> Result<Fetcher, FetchError> {
        let proxy = match &config.proxy {
            ProxyChoice::Direct => None,
            ProxyChoice::FromEnvironment => ureq::Proxy::try_from_env(),
            ProxyChoice::Url(url) => {
                Some(ureq::Proxy::new(url).map_err(|e| FetchError::InvalidUrl {
                    url: url.clone(),
                    reason: format!("not a proxy address ({e})"),
                })?)
            }
        };
        let agent = |proxy: Option<ureq::Proxy>| {
            ureq::Agent::config_builder()
                .proxy(proxy)
                .http_status_as_error(false)
                .max_redirects(0)
                .user_agent(USER_AGENT)
                .timeout_connect(Some(config.connect_timeout))
                .max_idle_connections_per_host(4)
                .build()
                .new_agent()
        };
        Ok(Fetcher {
            direct: agent(None),
            proxied: proxy.map(|p| agent(Some(p))),
            config,
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// GETs `url`, following redirects, and reads the whole body under the cap.
    pub fn get(&self, url: &str, request: &FetchRequest) -> Result<Fetched, FetchError> {
        let start = Instant::now();
        let mut current = parse_web_url(url)?;
        let mut visited = vec![current.clone()];
        let mut redirects = 0;
        loop {
            self.check_cancel(request, &current)?;
            let remaining = self
                .config
                .total_timeout
                .checked_sub(start.elapsed())
                .filter(|d| !d.is_zero())
                .ok_or_else(|| self.total_timeout(&current))?;
            let response = self.send(&current, request, remaining)?;
            let status = response.status().as_u16();
            if (300..400).contains(&status) && status != 304 {
                let Some(location) = header(&response, "location") else {
                    return Err(FetchError::Status {
                        url: current.to_string(),
                        status,
                    });
                };
                let next = current
                    .join(&location)
                    .map_err(|e| FetchError::BadRedirect {
                        from: current.to_string(),
                        to: location.clone(),
                        reason: e.to_string(),
                    })?;
                if !matches!(next.scheme(), "http" | "https") {
                    return Err(FetchError::BadRedirect {
                        from: current.to_string(),
                        to: location,
                        reason: "not an http or https address".to_string(),
                    });
                }
                check_web_url(&next, &location).map_err(|e| FetchError::BadRedirect {
                    from: current.to_string(),
                    to: location.clone(),
                    reason: e.to_string(),
                })?;
                if visited.contains(&next) {
                    return Err(FetchError::RedirectLoop {
                        url: url.to_string(),
                    });
                }
                redirects += 1;
                if redirects > MAX_REDIRECTS {
                    return Err(FetchError::TooManyRedirects {
                        url: url.to_string(),
                        max: MAX_REDIRECTS,
                    });
                }
                visited.push(next.clone());
                current = next;
                continue;
            }
            if status == 304 {
                return Ok(Fetched::NotModified { url: current });
            }
            if !(200..300).contains(&status) {
                return Err(FetchError::Status {
                    url: current.to_string(),
                    status,
                });
            }
            return self.read_page(current, status, response, request, start);
        }
    }

    fn send(
        &self,
        url: &Url,
        request: &FetchRequest,
        remaining: Duration,
    ) -> Result<ureq::http::Response<ureq::Body>, FetchError> {
        let agent = match &self.proxied {
            Some(proxied) if !is_loopback(url) => proxied,
            _ => &self.direct,
        };
        let mut builder = agent
            .get(url.as_str())
            .header("Accept", request.accept.as_deref().unwrap_or("*/*"))
            .header("Accept-Encoding", "gzip, deflate, br");
        if let Some(etag) = &request.etag {
            builder = builder.header("If-None-Match", etag);
        }
        if let Some(date) = &request.last_modified {
            builder = builder.header("If-Modified-Since", date);
        }
        builder
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()
            .map_err(|e| self.map_error(url, e))
    }

    fn read_page(
        &self,
        url: Url,
        status: u16,
        response: ureq::http::Response<ureq::Body>,
        request: &FetchRequest,
        start: Instant,
    ) -> Result<Fetched, FetchError> {
        let max = self.config.max_size;
        let too_large = || FetchError::TooLarge {
            url: url.to_string(),
            max,
        };
        let encoding = header(&response, "content-encoding");
        let content_type = header(&response, "content-type");
        let (media_type, charset) = content_type
            .as_deref()
            .map(split_content_type)
            .unwrap_or((None, None));
        let etag = header(&response, "etag");
        let last_modified = header(&response, "last-modified");
        let announced =
            header(&response, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
        if encoding.is_none() && announced.is_some_and(|n| n > max) {
            return Err(too_large());
        }
        let raw = response.into_body().into_reader();
        // The compressed stream is capped too: a server cannot make us read
        // more than the cap from the wire whatever it claims to send.
        let raw = raw.take(max.saturating_add(1));
        let mut reader = decode::content_decoder(raw, encoding.as_deref()).map_err(|reason| {
            FetchError::Decode {
                url: url.to_string(),
                reason,
            }
        })?;
        // A length is only a claim: reserve at most 1 MiB on its word.
        let reserve = announced.map_or(0, |n| n.min(max).min(1 << 20) as usize);
        let mut body = Vec::with_capacity(reserve);
        let mut chunk = vec![0; READ_CHUNK];
        loop {
            self.check_cancel(request, &url)?;
            let n = match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(self.read_error(&url, e, encoding.is_some(), start));
                }
            };
            if body.len() as u64 + n as u64 > max {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk[..n]);
        }
        Ok(Fetched::Page(Page {
            url,
            status,
            media_type,
            charset,
            etag,
            last_modified,
            body,
        }))
    }

    fn check_cancel(&self, request: &FetchRequest, url: &Url) -> Result<(), FetchError> {
        match &request.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(FetchError::Cancelled {
                url: url.to_string(),
            }),
            _ => Ok(()),
        }
    }

    fn total_timeout(&self, url: &Url) -> FetchError {
        FetchError::Timeout {
            url: url.to_string(),
            what: "fetching",
            after: self.config.total_timeout,
        }
    }

    fn read_error(
        &self,
        url: &Url,
        error: std::io::Error,
        compressed: bool,
        start: Instant,
    ) -> FetchError {
        let total_spent = start.elapsed() >= self.config.total_timeout;
        match ureq::Error::from(error) {
            ureq::Error::Timeout(_) => self.total_timeout(url),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut || total_spent => {
                self.total_timeout(url)
            }
            // The decoders report corrupt data as InvalidData / InvalidInput.
            ureq::Error::Io(e)
                if compressed
                    && matches!(
                        e.kind(),
                        std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput
                    ) =>
            {
                FetchError::Decode {
                    url: url.to_string(),
                    reason: e.to_string(),
                }
            }
            other => FetchError::Read {
                url: url.to_string(),
                reason: other.to_string(),
            },
        }
    }

    fn map_error(&self, url: &Url, error: ureq::Error) -> FetchError {
        let url_text = url.to_string();
        match error {
            ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
                FetchError::Timeout {
                    url: url_text,
                    what: "connecting",
                    after: self.config.connect_timeout,
                }
            }
            ureq::Error::Timeout(_) => self.total_timeout(url),
            ureq::Error::HostNotFound => FetchError::Connect {
                url: url_text,
                reason: "host not found".to_string(),
            },
            ureq::Error::ConnectionFailed => FetchError::Connect {
                url: url_text,
                reason: "connection refused or unreachable".to_string(),
            },
            ureq::Error::Io(e) => match e.kind() {
                std::io::ErrorKind::TimedOut => self.total_timeout(url),
                std::io::ErrorKind::ConnectionRefused => FetchError::Connect {
                    url: url_text,
                    reason: "connection refused".to_string(),
                },
                _ => FetchError::Read {
                    url: url_text,
                    reason: e.to_string(),
                },
            },
            ureq::Error::BadUri(reason) => FetchError::InvalidUrl {
                url: url_text,
                reason,
            },
            ureq::Error::LargeResponseHeader(_, max) => FetchError::Read {
                url: url_text,
                reason: format!("response headers larger than {max} bytes"),
            },
            other @ (ureq::Error::Tls(_)
            | ureq::Error::Rustls(_)
            | ureq::Error::Pem(_)
            | ureq::Error::ConnectProxyFailed(_)
            | ureq::Error::InvalidProxyUrl
            | ureq::Error::TlsRequired) => FetchError::Connect {
                url: url_text,
                reason: other.to_string(),
            },
            other => FetchError::Read {
                url: url_text,
                reason: other.to_string(),
            },
        }
    }
}

/// A response header as text (a header that is not valid UTF-8 counts as absent).
fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `text/html; charset="ISO-8859-1"` → (`text/html`, `ISO-8859-1`).
pub fn split_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let media = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
            .filter(|c| !c.is_empty())
    });
    (media, charset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_splits() {
        assert_eq!(
            split_content_type("text/HTML; charset=\"ISO-8859-1\""),
            (Some("text/html".into()), Some("ISO-8859-1".into()))
        );
        assert_eq!(
            split_content_type("application/rss+xml"),
            (Some("application/rss+xml".into()), None)
        );
        assert_eq!(split_content_type(";charset="), (None, None));
    }

    #[test]
    fn only_web_urls_are_fetched() {
        assert!(parse_web_url("https://example.org/feed").is_ok());
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://x/",
        ] {
            assert!(matches!(
                parse_web_url(bad),
                Err(FetchError::UnsupportedScheme { .. })
            ));
        }
        assert!(matches!(
            parse_web_url("not a url"),
            Err(FetchError::InvalidUrl { .. })
        ));
    }

    #[test]
    fn messages_cut_long_values() {
        let long = format!("https://example.org/{}", "a".repeat(10_000));
        let message = FetchError::Status {
            url: long,
            status: 404,
        }
        .to_string();
        assert!(message.chars().count() < 140, "{message}");
        assert!(message.contains("404 (not found)"));
        let error = FetchError::RedirectLoop {
            url: "https://example.org/a".into(),
        };
        assert_eq!(error.url(), "https://example.org/a");
        assert_eq!(
            error.reason(),
            "redirect loop (back to an address already visited)"
        );
        assert_eq!(
            error.to_string(),
            format!("https://example.org/a: {}", error.reason())
        );
    }

    #[test]
    fn loopback_hosts_bypass_proxies() {
        for url in [
            "http://127.0.0.1:8/",
            "http://localhost/",
            "http://[::1]:9/",
        ] {
            assert!(is_loopback(&Url::parse(url).unwrap()), "{url}");
        }
        assert!(!is_loopback(&Url::parse("http://example.org/").unwrap()));
    }
}
