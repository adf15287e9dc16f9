//! A loopback HTTP/1.1 server for network tests: std `TcpListener` on
//! 127.0.0.1:0, one thread per connection, requests parsed with httparse, and
//! scripted routes (status, headers, latency, redirects, compressed bodies,
//! ETag / Last-Modified answered with 304, stalls, a byte at a time, an
//! endless body). Nothing here ever connects anywhere: it only listens on
//! loopback, and every slow or endless answer stops by itself within
//! [`MAX_SCRIPTED`] so a test that forgot it cannot hang the suite.
//!
//! Include it with `#[path = "common/http.rs"] mod http;`.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The longest any scripted stall, trickle or endless body goes on.
pub const MAX_SCRIPTED: Duration = Duration::from_secs(20);

/// How a route sends its body.
#[derive(Clone, Debug)]
pub enum Body {
    /// These bytes, with `Content-Length`.
    Bytes(Vec<u8>),
    /// These bytes with `Content-Length`, one byte every interval.
    Trickle(Vec<u8>, Duration),
    /// These bytes first, then `filler` forever, with no length (until the
    /// client goes away or [`MAX_SCRIPTED`]).
    Endless { start: Vec<u8>, filler: u8 },
    /// Headers announce `length` bytes, then nothing is sent.
    Stall { length: usize },
}

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// Waited before anything is sent.
    pub latency: Duration,
    /// Answer 304 when the request's `If-None-Match` is this.
    pub etag: Option<String>,
    /// Answer 304 when the request's `If-Modified-Since` is this.
    pub last_modified: Option<String>,
    /// Accept the connection, read the request, and never answer.
    pub silent: bool,
}

impl Route {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
        Route {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::Bytes(body.into()),
            latency: Duration::ZERO,
            etag: None,
            last_modified: None,
            silent: false,
        }
    }

    pub fn status(status: u16) -> Route {
        Route {
            status,
            ..Route::ok("text/plain", format!("status {status}"))
        }
    }

    pub fn redirect(status: u16, location: &str) -> Route {
        Route::status(status).header("Location", location)
    }

    pub fn silent() -> Route {
        Route {
            silent: true,
            ..Route::status(200)
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn latency(mut self, latency: Duration) -> Route {
        self.latency = latency;
        self
    }

    pub fn body(mut self, body: Body) -> Route {
        self.body = body;
        self
    }

    pub fn etag(mut self, etag: &str) -> Route {
        self.etag = Some(etag.into());
        self.header("ETag", etag)
    }

    pub fn last_modified(mut self, date: &str) -> Route {
        self.last_modified = Some(date.into());
        self.header("Last-Modified", date)
    }

    /// The body gzip-compressed, with `Content-Encoding: gzip`.
    pub fn gzip(self) -> Route {
        self.encoded("gzip", gzip)
    }

    /// The body brotli-compressed, with `Content-Encoding: br`.
    pub fn brotli(self) -> Route {
        self.encoded("br", brotli)
    }

    /// The body zlib-deflated, with `Content-Encoding: deflate`.
    pub fn deflate(self) -> Route {
        self.encoded("deflate", |b| {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(b).unwrap();
            encoder.finish().unwrap()
        })
    }

    fn encoded(mut self, name: &str, encode: impl Fn(&[u8]) -> Vec<u8>) -> Route {
        if let Body::Bytes(bytes) = &self.body {
            self.body = Body::Bytes(encode(bytes));
        }
        self.header("Content-Encoding", name)
    }
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
    encoder.write_all(bytes).unwrap();
    drop(encoder);
    out
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
}

struct Shared {
    routes: Mutex<HashMap<String, Route>>,
    seen: Mutex<Vec<Seen>>,
    stop: AtomicBool,
    open_connections: AtomicUsize,
    /// Requests being answered now, and the most at once so far.
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

/// The server; it stops accepting when dropped.
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl TestServer {
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            routes: Mutex::new(HashMap::new()),
            seen: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            open_connections: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
        });
        let accept_shared = Arc::clone(&shared);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stop.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&accept_shared);
                shared.open_connections.fetch_add(1, Ordering::Relaxed);
                thread::spawn(move || {
                    let _ = serve(stream, &shared);
                    shared.open_connections.fetch_sub(1, Ordering::Relaxed);
                });
            }
        });
        TestServer { addr, shared }
    }

    /// Scripts the answer for a path (with its query, if any).
    pub fn route(&self, path: &str, route: Route) -> &TestServer {
        self.shared
            .routes
            .lock()
            .unwrap()
            .insert(path.to_string(), route);
        self
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().unwrap().clone()
    }

    /// The most requests that were being answered at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.shared.max_in_flight.load(Ordering::SeqCst)
    }

    /// How many requests reached `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.seen().iter().filter(|s| s.path == path).count()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(100));
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(MAX_SCRIPTED))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    loop {
        let Some(seen) = read_request(&mut reader)? else {
            return Ok(());
        };
        shared.seen.lock().unwrap().push(seen.clone());
        if seen.method == "CONNECT" {
            // A proxy tunnel: say yes, then serve what comes through it.
            stream.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
            continue;
        }
        let path = seen.path.clone();
        let path = path
            .strip_prefix("http://")
            .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
            .unwrap_or(&path)
            .to_string();
        let route = shared.routes.lock().unwrap().get(&path).cloned();
        let route = route.unwrap_or_else(|| Route::status(404));
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        shared.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let answered = answer(&mut stream, &seen, &route);
        shared.in_flight.fetch_sub(1, Ordering::SeqCst);
        answered?;
        if !matches!(route.body, Body::Bytes(_)) {
            return Ok(());
        }
    }
}

/// Reads one request head (no request bodies: tests only GET).
fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Seen>> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let n = reader.read_until(b'\n', &mut head)?;
        if n == 0 {
            return Ok(None);
        }
        if head.len() > 64 * 1024 {
            return Ok(None);
        }
        if head[before..].trim_ascii().is_empty() {
            break;
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Ok(None),
    }
    Ok(Some(Seen {
        method: request.method.unwrap_or("").to_string(),
        path: request.path.unwrap_or("").to_string(),
        headers: request
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_ascii_lowercase(),
                    String::from_utf8_lossy(h.value).into_owned(),
                )
            })
            .collect(),
    }))
}

fn answer(stream: &mut TcpStream, seen: &Seen, route: &Route) -> std::io::Result<()> {
    let deadline = Instant::now() + MAX_SCRIPTED;
    if route.silent {
        let mut sink = [0; 1];
        let _ = stream.read(&mut sink);
        return Ok(());
    }
    thread::sleep(route.latency);
    let not_modified = route
        .etag
        .as_ref()
        .is_some_and(|e| seen.headers.get("if-none-match") == Some(e))
        || route
            .last_modified
            .as_ref()
            .is_some_and(|d| seen.headers.get("if-modified-since") == Some(d));
    let status = if not_modified { 304 } else { route.status };
    let mut head = format!("HTTP/1.1 {status} Scripted\r\n");
    for (name, value) in &route.headers {
        if not_modified && name.eq_ignore_ascii_case("content-encoding") {
            continue;
        }
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if not_modified {
        head.push_str("Content-Length: 0\r\n\r\n");
        return stream.write_all(head.as_bytes());
    }
    match &route.body {
        Body::Bytes(bytes) => {
            head.push_str(&format!("Content-Length: {}\r\n\r\n", bytes.len()));
            // One write, as a real server does: two small writes would meet
            // Nagle and delayed ACKs and time the test server, not the client.
            let mut response = head.into_bytes();
            response.extend_from_slice(bytes);
            stream.write_all(&response)
        }
        Body::Trickle(bytes, interval) => {
            head.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                bytes.len()
            ));
            stream.write_all(head.as_bytes())?;
            for byte in bytes {
                if Instant::now() > deadline {
                    break;
                }
                stream.write_all(&[*byte])?;
                stream.flush()?;
                thread::sleep(*interval);
            }
            Ok(())
        }
        Body::Endless { start, filler } => {
            head.push_str("Connection: close\r\n\r\n");
            stream.write_all(head.as_bytes())?;
            stream.write_all(start)?;
            let block = vec![*filler; 64 * 1024];
            while Instant::now() < deadline {
                stream.write_all(&block)?;
            }
            Ok(())
        }
        Body::Stall { length } => {
            head.push_str(&format!(
                "Content-Length: {length}\r\nConnection: close\r\n\r\n"
            ));
            stream.write_all(head.as_bytes())?;
            stream.flush()?;
            let mut sink = [0; 1];
            // Returns when the client goes away (or at the read timeout).
            let _ = stream.read(&mut sink);
            Ok(())
        }
    }
}
