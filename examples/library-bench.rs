//! Library benchmarks (docs/library.md): refresh of 100 loopback feeds
//! served with 50 ms latency each, at 8 and at 1 at a time; marking an item
//! read; loading the list data of a 10,000-item library; peak memory.
//!
//!     cargo run --release --example library-bench            # everything
//!     cargo run --release --example library-bench -- refresh # one part:
//!         refresh | pieces | scale | mark | load
//!     cargo run --release --example library-bench -- bar
//!         one refresh at 1 at a time with the progress bar on stderr, to see it.
//!     cargo build --release && cargo run --release --example library-bench -- frame
//!         the real first frames of `depeche library` over 10,000 items (the
//!         release binary in a pseudo-terminal), beside newsboat's when installed.
//!     cargo run --release --example library-bench -- serve URLS SECONDS
//!         serves the same 100 feeds for SECONDS and writes their URLs to
//!         the file URLS, to time another reader on them (newsboat).
//!
//! The peak memory printed (VmHWM) is the whole process's, the loopback
//! server's threads included; run one part alone to see its own.

#[path = "../tests/common/http.rs"]
mod http;

use std::time::{Duration, Instant};

use depeche::library::{self, NoProgress, RefreshOptions};
use depeche::net::{FetchConfig, Fetcher, ProxyChoice};
use depeche::store::{NewItem, RefreshRecord, Store};
use http::{Route, TestServer};

const FEEDS: usize = 100;
const ITEMS_PER_FEED: usize = 20;
const LATENCY: Duration = Duration::from_millis(50);

fn main() {
    let part = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    if part == "bar" {
        bar();
        return;
    }
    if part == "serve" {
        serve();
        return;
    }
    if part == "frame" {
        frame();
        return;
    }
    if matches!(part.as_str(), "all" | "refresh") {
        refresh();
    }
    if matches!(part.as_str(), "all" | "pieces") {
        pieces();
    }
    if matches!(part.as_str(), "all" | "scale") {
        scale();
    }
    if matches!(part.as_str(), "all" | "mark") {
        mark();
    }
    if matches!(part.as_str(), "all" | "load") {
        load();
    }
    println!("peak memory (VmHWM): {}", peak_memory());
}

/// An RSS document of `ITEMS_PER_FEED` items with ~1 KB of content each.
fn feed_document(n: usize) -> String {
    feed_document_of(n, ITEMS_PER_FEED)
}

/// An RSS document of `count` items with ~1 KB of content each.
fn feed_document_of(n: usize, count: usize) -> String {
    let items: String = (0..count)
        .map(|i| {
            format!(
                "<item><title>Feed {n}, item {i}: un titre accentué</title>\
                 <link>https://news{n}.example/{i}</link><guid>n{n}-i{i}</guid>\
                 <pubDate>Tue, 06 Jan 2026 {:02}:00:00 +0000</pubDate>\
                 <description>{}</description></item>",
                i % 24,
                // (dates repeat past 24 items: each item's guid keeps it apart)
                "Résumé de l'article, assez long pour ressembler à un vrai. ".repeat(16)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>Feed {n}</title><link>https://news{n}.example/</link>{items}</channel></rss>"
    )
}

/// The 100 feeds of the refresh benchmark, each behind 50 ms of latency.
fn feed_server() -> TestServer {
    let server = TestServer::start();
    for n in 0..FEEDS {
        server.route(
            &format!("/feed{n}"),
            Route::ok("application/rss+xml", feed_document(n))
                .etag(&format!("\"v{n}\""))
                .latency(LATENCY),
        );
    }
    server
}

fn serve() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let (Some(urls), Some(seconds)) = (args.first(), args.get(1).and_then(|s| s.parse().ok()))
    else {
        eprintln!("usage: library-bench serve URLS-FILE SECONDS");
        std::process::exit(2);
    };
    let server = feed_server();
    let list: String = (0..FEEDS)
        .map(|n| server.url(&format!("/feed{n}")) + "\n")
        .collect();
    std::fs::write(urls, list).unwrap();
    std::thread::sleep(Duration::from_secs(seconds));
}

fn bar() {
    let server = feed_server();
    server.route("/feed7", Route::status(503));
    let fetcher = Fetcher::new(FetchConfig {
        proxy: ProxyChoice::Direct,
        ..FetchConfig::default()
    })
    .unwrap();
    let mut store = Store::in_memory();
    for n in 0..FEEDS {
        library::add_feed_offline(&mut store, &server.url(&format!("/feed{n}")), None).unwrap();
    }
    let options = RefreshOptions {
        concurrency: 1,
        ..RefreshOptions::default()
    };
    let mut bar = library::BarProgress::stderr();
    let summary = library::refresh(&mut store, &fetcher, None, &options, &mut bar).unwrap();
    for failed in summary.failed() {
        eprintln!("{}: {}", failed.name, failed.result.as_ref().unwrap_err());
    }
    println!(
        "{} feeds, {} new items",
        summary.outcomes.len(),
        summary.new_items()
    );
}

fn refresh() {
    let server = feed_server();
    let fetcher = Fetcher::new(FetchConfig {
        proxy: ProxyChoice::Direct,
        ..FetchConfig::default()
    })
    .unwrap();
    for concurrency in [8, 1] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("bench.db")).unwrap().store;
        for n in 0..FEEDS {
            library::add_feed_offline(&mut store, &server.url(&format!("/feed{n}")), None).unwrap();
        }
        let options = RefreshOptions {
            concurrency,
            ..RefreshOptions::default()
        };
        let first =
            library::refresh(&mut store, &fetcher, None, &options, &mut NoProgress).unwrap();
        assert!(first.all_succeeded());
        assert_eq!(first.new_items(), FEEDS * ITEMS_PER_FEED);
        let again =
            library::refresh(&mut store, &fetcher, None, &options, &mut NoProgress).unwrap();
        assert!(again.all_succeeded());
        println!(
            "refresh {FEEDS} feeds × {ITEMS_PER_FEED} items, {} ms latency, {concurrency} at a time: \
             first {:.2} s, again (all 304) {:.2} s",
            LATENCY.as_millis(),
            first.elapsed.as_secs_f64(),
            again.elapsed.as_secs_f64()
        );
    }
}

/// A library of `FEEDS` feeds and `total` items on disk.
fn library_of(total: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap().store;
    let per_feed = total / FEEDS;
    for n in 0..FEEDS {
        let (feed, _) = store
            .add_feed(
                &format!("https://news{n}.example/feed"),
                Some(&format!("Feed {n}")),
                None,
                None,
            )
            .unwrap();
        let items = (0..per_feed)
            .map(|i| NewItem {
                key: format!("n{n}-i{i}"),
                url: Some(format!("https://news{n}.example/{i}")),
                title: format!("Feed {n}, item {i}: un titre accentué"),
                author: None,
                date: Some(1_767_700_000 + (i * FEEDS + n) as i64),
                summary: Some("Résumé. ".repeat(100)),
                content_html: Some("<p>Texte complet de l'article.</p>".repeat(20)),
            })
            .collect();
        store
            .record_refresh(
                feed,
                &RefreshRecord {
                    items,
                    ..RefreshRecord::default()
                },
            )
            .unwrap();
    }
    (dir, store)
}

/// The refresh's own work without the network: parsing and writing.
fn pieces() {
    let documents: Vec<String> = (0..FEEDS).map(feed_document).collect();
    let bytes: usize = documents.iter().map(String::len).sum();
    let start = Instant::now();
    for document in &documents {
        depeche::feed::parse(document.as_bytes(), None, None, &Default::default()).unwrap();
    }
    let parse = start.elapsed();
    let start = Instant::now();
    let _library = library_of(FEEDS * ITEMS_PER_FEED);
    println!(
        "parse {FEEDS} feed documents ({} KB in all): {:.1} ms; store their {} items \
         (one transaction a feed, on disk): {:.1} ms",
        bytes / 1000,
        parse.as_secs_f64() * 1e3,
        FEEDS * ITEMS_PER_FEED,
        start.elapsed().as_secs_f64() * 1e3
    );
}

/// Cost at n and 4n along each input dimension of the parsers: a ratio
/// near 4 is linear.
fn scale() {
    fn time(f: impl Fn()) -> Duration {
        (0..3)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .min()
            .unwrap()
    }
    let limits = depeche::feed::FeedLimits {
        max_size: 1 << 30,
        max_items: 1_000_000,
        max_depth: 256,
    };
    let base = url::Url::parse("https://scale.example/").unwrap();
    type Build = fn(usize) -> String;
    let dimensions: [(&str, usize, Build, bool); 5] = [
        (
            "feed items",
            5_000,
            |n| {
                feed_of(
                    (0..n)
                        .map(|i| format!("<item><title>t{i}</title><link>/{i}</link></item>"))
                        .collect(),
                )
            },
            true,
        ),
        (
            "one item's content (bytes)",
            2_000_000,
            |n| {
                feed_of(format!(
                    "<item><title>t</title><description>{}</description></item>",
                    "mot ".repeat(n / 4)
                ))
            },
            true,
        ),
        (
            "one title (bytes)",
            2_000_000,
            |n| feed_of(format!("<item><title>{}</title></item>", "é".repeat(n / 2))),
            true,
        ),
        (
            "OPML outlines",
            5_000,
            |n| {
                format!(
                    "<opml version=\"2.0\"><body>{}</body></opml>",
                    (0..n)
                        .map(|i| format!(
                            "<outline text=\"f{i}\" xmlUrl=\"https://x.example/{i}\"/>"
                        ))
                        .collect::<String>()
                )
            },
            false,
        ),
        (
            "feed links in a page",
            5_000,
            |n| {
                format!(
                    "<html><head>{}</head></html>",
                    (0..n)
                        .map(|i| format!(
                            "<link rel=alternate type=application/rss+xml href=/f{i}>"
                        ))
                        .collect::<String>()
                )
            },
            false,
        ),
    ];
    for (name, n, build, is_feed) in dimensions {
        let run = |size: usize| {
            let doc = build(size);
            time(|| {
                if is_feed {
                    depeche::feed::parse(doc.as_bytes(), Some(&base), None, &limits).unwrap();
                } else if doc.starts_with("<opml") {
                    depeche::feed::opml::import(doc.as_bytes()).unwrap();
                } else {
                    assert_eq!(depeche::feed::discover(&doc, &base).len(), size);
                }
            })
        };
        let (small, large) = (run(n), run(4 * n));
        println!(
            "scale, {name}: n = {n}: {:.1} ms; 4n: {:.1} ms; ratio {:.1}",
            small.as_secs_f64() * 1e3,
            large.as_secs_f64() * 1e3,
            large.as_secs_f64() / small.as_secs_f64()
        );
    }
}

fn feed_of(items: String) -> String {
    format!("<rss version=\"2.0\"><channel><title>s</title>{items}</channel></rss>")
}

fn mark() {
    let (_dir, mut store) = library_of(10_000);
    let ids: Vec<i64> = store
        .items(None, false, 0, 1000)
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    let changes = store.total_changes();
    let start = Instant::now();
    for &id in &ids {
        store.set_read(id, true).unwrap();
    }
    let each = start.elapsed() / ids.len() as u32;
    let rows = (store.total_changes() - changes) as f64 / ids.len() as f64;
    println!(
        "mark an item read (10,000-item library on disk, WAL): {:.3} ms each, {rows} row written each",
        each.as_secs_f64() * 1e3
    );
    // What the reader's store thread does while you read: keep the place
    // (about once a second while scrolling) and recall a document's places
    // and marks when it opens.
    let document = depeche::store::DocumentKey::Url("https://news0.example/1".into());
    let start = Instant::now();
    for i in 0..1000u32 {
        let at = depeche::store::Position {
            section: i % 7,
            block: Some(i % 40),
            offset: i,
        };
        store.save_position(&document, "article", at).unwrap();
    }
    let save = start.elapsed() / 1000;
    let start = Instant::now();
    for _ in 0..1000 {
        store.positions(&document).unwrap();
        store.document_marks(&document).unwrap();
    }
    let recall = start.elapsed() / 1000;
    println!(
        "keep the reading place: {:.3} ms; recall a document's places and marks: {:.3} ms \
         (on the store's thread, never the UI's)",
        save.as_secs_f64() * 1e3,
        recall.as_secs_f64() * 1e3
    );
}

fn load() {
    let (dir, store) = library_of(10_000);
    drop(store);
    let path = dir.path().join("bench.db");
    let mut best = [Duration::MAX; 3];
    for _ in 0..10 {
        let start = Instant::now();
        let store = Store::open(&path).unwrap().store;
        let opened = start.elapsed();
        let feeds = store.feeds().unwrap();
        let first_screen = store.items(None, false, 0, 100).unwrap();
        let first_frame = start.elapsed();
        let all = store.items(None, false, 0, 100_000).unwrap();
        let everything = start.elapsed();
        assert_eq!(
            (feeds.len(), first_screen.len(), all.len()),
            (FEEDS, 100, 10_000)
        );
        for (slot, value) in best.iter_mut().zip([opened, first_frame, everything]) {
            *slot = (*slot).min(value);
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "load a 10,000-item library (best of 10): open + checks {:.1} ms; \
         + feeds with unread counts and the first 100 items {:.1} ms; \
         + all 10,000 item rows {:.1} ms",
        ms(best[0]),
        ms(best[1]),
        ms(best[2])
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let start = Instant::now();
    let _: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .unwrap();
    let check = start.elapsed();
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "of which PRAGMA quick_check of the {:.1} MB database: {:.1} ms",
        size as f64 / 1e6,
        ms(check)
    );
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// A condition on the screen's text.
type ScreenTest<'a> = &'a dyn Fn(&str) -> bool;

/// Runs `program` in a pseudo-terminal of 120×40 and times how long until
/// `ready` holds on its screen, then (if `then` is given) sends those keys and
/// times until `next` holds. Returns the two durations.
fn time_in_pty(
    program: &std::path::Path,
    args: &[&str],
    ready: ScreenTest,
    then: Option<(&[u8], ScreenTest)>,
    quit: &[u8],
) -> (Duration, Option<Duration>) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(program);
    command.args(args);
    command.env("TERM", "xterm-256color");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let mut source = pair.master.try_clone_reader().unwrap();
    let reading = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 65536];
        while let Ok(read @ 1..) = source.read(&mut buffer) {
            reading.lock().unwrap().process(&buffer[..read]);
        }
    });
    let mut writer = pair.master.take_writer().unwrap();
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);
    let wait = |condition: &dyn Fn(&str) -> bool, from: Instant| loop {
        if condition(&parser.lock().unwrap().screen().contents()) {
            return from.elapsed();
        }
        assert!(from.elapsed() < Duration::from_secs(60), "timed out");
        std::thread::sleep(Duration::from_micros(500));
    };
    let first = wait(ready, start);
    let second = then.map(|(keys, next)| {
        let sent = Instant::now();
        writer.write_all(keys).unwrap();
        writer.flush().unwrap();
        wait(next, sent)
    });
    writer.write_all(quit).unwrap();
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    (first, second)
}

/// The real first frames of `depeche library` over 100 feeds × 100 items
/// (the release binary in a pseudo-terminal, timed from its start to the
/// feed list with its unread counts on screen; then Enter on All feeds to
/// the 10,000 items listed), beside newsboat's first frame over the same
/// feeds when newsboat is installed.
fn frame() {
    const PER_FEED: usize = 100;
    let exe = std::env::current_exe().unwrap();
    let depeche = exe.parent().unwrap().parent().unwrap().join("depeche");
    if !depeche.is_file() {
        eprintln!(
            "{} not found: cargo build --release first",
            depeche.display()
        );
        std::process::exit(2);
    }
    let server = TestServer::start();
    for n in 0..FEEDS {
        server.route(
            &format!("/feed{n}"),
            Route::ok("application/rss+xml", feed_document_of(n, PER_FEED)),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let fetcher = Fetcher::new(FetchConfig {
        proxy: ProxyChoice::Direct,
        ..FetchConfig::default()
    })
    .unwrap();
    {
        let mut store = Store::open(&dir.path().join("depeche.db")).unwrap().store;
        for n in 0..FEEDS {
            library::add_feed_offline(&mut store, &server.url(&format!("/feed{n}")), None).unwrap();
        }
        let summary = library::refresh(
            &mut store,
            &fetcher,
            None,
            &RefreshOptions::default(),
            &mut NoProgress,
        )
        .unwrap();
        assert_eq!(summary.new_items(), FEEDS * PER_FEED);
    }
    let size = std::fs::metadata(dir.path().join("depeche.db")).map_or(0, |m| m.len());
    let data = dir.path().to_str().unwrap().to_string();
    let mut firsts = Vec::new();
    let mut lists = Vec::new();
    for _ in 0..7 {
        let (first, list) = time_in_pty(
            &depeche,
            &["--data-dir", &data, "library"],
            &|s| s.contains("10000 unread") && s.contains("Feed 10"),
            Some((b"\r", &|s: &str| s.contains("All feeds — 10000 items"))),
            b"qq",
        );
        firsts.push(first);
        lists.push(list.unwrap());
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let summary = |v: &mut Vec<Duration>| {
        v.sort();
        format!(
            "median {:.1} ms, best {:.1} ms",
            ms(v[v.len() / 2]),
            ms(v[0])
        )
    };
    println!(
        "depeche library, {FEEDS} feeds × {PER_FEED} items ({:.1} MB database), 120×40, 7 runs: \
         first frame with the feeds and their unread counts {}; Enter on All feeds to the \
         10,000 items listed {}",
        size as f64 / 1e6,
        summary(&mut firsts),
        summary(&mut lists)
    );
    let mut bundled = Vec::new();
    for _ in 0..7 {
        let (first, _) = time_in_pty(
            &depeche,
            &["--data-dir", &data],
            &|s| s.contains("Guerre en Ukraine"),
            None,
            b"q",
        );
        bundled.push(first);
    }
    println!(
        "depeche (the bundled article, same database): first frame {}",
        summary(&mut bundled)
    );
    let Ok(newsboat) = which("newsboat") else {
        println!("newsboat not installed: no baseline");
        return;
    };
    let urls = dir.path().join("urls");
    let list: String = (0..FEEDS)
        .map(|n| server.url(&format!("/feed{n}")) + "\n")
        .collect();
    std::fs::write(&urls, list).unwrap();
    let config = dir.path().join("config");
    std::fs::write(&config, "reload-threads 8\n").unwrap();
    let cache = dir.path().join("cache.db");
    let (u, c, k) = (
        urls.to_str().unwrap(),
        config.to_str().unwrap(),
        cache.to_str().unwrap(),
    );
    let reloaded = std::process::Command::new(&newsboat)
        .args(["-x", "reload", "-u", u, "-c", k, "-C", c])
        .output()
        .unwrap();
    assert!(reloaded.status.success(), "{reloaded:?}");
    let mut theirs = Vec::new();
    for _ in 0..7 {
        let (first, _) = time_in_pty(
            &newsboat,
            &["-u", u, "-c", k, "-C", c],
            &|s| s.contains("(100/100)") && s.contains("Feed 10"),
            None,
            b"Q",
        );
        theirs.push(first);
    }
    println!(
        "newsboat, the same feeds from its cache: first frame {}",
        summary(&mut theirs)
    );
}

fn which(program: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(program))
                .find(|p| p.is_file())
        })
        .ok_or(())
}
