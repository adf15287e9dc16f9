//! The fetcher against a loopback server with scripted answers: redirects,
//! encodings, caps, timeouts, conditional requests, charsets, cancel, proxies.
//! Nothing here leaves 127.0.0.1.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::http::{self, Body, Route, TestServer};
use depeche::net::{FetchConfig, FetchError, FetchRequest, Fetched, Fetcher, Page, ProxyChoice};

fn fetcher() -> Fetcher {
    fetcher_with(FetchConfig {
        proxy: ProxyChoice::Direct,
        ..FetchConfig::default()
    })
}

fn fetcher_with(config: FetchConfig) -> Fetcher {
    Fetcher::new(config).unwrap()
}

fn quick(total_ms: u64, max_size: u64) -> Fetcher {
    fetcher_with(FetchConfig {
        connect_timeout: Duration::from_millis(total_ms),
        total_timeout: Duration::from_millis(total_ms),
        max_size,
        proxy: ProxyChoice::Direct,
    })
}

fn page(result: Result<Fetched, FetchError>) -> Page {
    match result {
        Ok(Fetched::Page(page)) => page,
        other => panic!("expected a page, got {other:?}"),
    }
}

fn get(fetcher: &Fetcher, url: &str) -> Result<Fetched, FetchError> {
    fetcher.get(url, &FetchRequest::default())
}

#[test]
fn a_page_comes_with_its_headers_and_our_user_agent() {
    let server = TestServer::start();
    server.route(
        "/a",
        Route::ok("text/html; charset=utf-8", "<p>bonjour</p>")
            .etag("\"v1\"")
            .last_modified("Tue, 06 Jan 2026 10:00:00 GMT"),
    );
    let page = page(get(&fetcher(), &server.url("/a")));
    assert_eq!(page.body, b"<p>bonjour</p>");
    assert_eq!(page.status, 200);
    assert_eq!(page.media_type.as_deref(), Some("text/html"));
    assert_eq!(page.charset.as_deref(), Some("utf-8"));
    assert_eq!(page.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        page.last_modified.as_deref(),
        Some("Tue, 06 Jan 2026 10:00:00 GMT")
    );
    let seen = &server.seen()[0];
    assert_eq!(
        seen.headers["user-agent"],
        format!("depeche/{}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(seen.headers["accept-encoding"], "gzip, deflate, br");
}

#[test]
fn gzip_deflate_and_brotli_bodies_are_decoded() {
    let server = TestServer::start();
    let text = "<rss>élan ".repeat(1000);
    server.route("/gz", Route::ok("application/rss+xml", text.clone()).gzip());
    server.route(
        "/br",
        Route::ok("application/rss+xml", text.clone()).brotli(),
    );
    server.route(
        "/df",
        Route::ok("application/rss+xml", text.clone()).deflate(),
    );
    for path in ["/gz", "/br", "/df"] {
        let page = page(get(&fetcher(), &server.url(path)));
        assert_eq!(page.body, text.as_bytes(), "{path}");
    }
}

#[test]
fn corrupt_or_unknown_encodings_are_clear_errors() {
    let server = TestServer::start();
    server.route(
        "/bad-gzip",
        Route::ok("text/html", "this is not gzip at all").header("Content-Encoding", "gzip"),
    );
    server.route(
        "/compress",
        Route::ok("text/html", "x").header("Content-Encoding", "compress"),
    );
    let error = get(&fetcher(), &server.url("/bad-gzip")).unwrap_err();
    assert!(matches!(error, FetchError::Decode { .. }), "{error:?}");
    let error = get(&fetcher(), &server.url("/compress")).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("unsupported Content-Encoding compress"),
        "{error}"
    );
}

#[test]
fn error_statuses_are_named() {
    let server = TestServer::start();
    server.route("/gone", Route::status(404));
    server.route("/down", Route::status(503));
    let error = get(&fetcher(), &server.url("/gone")).unwrap_err();
    assert_eq!(
        error,
        FetchError::Status {
            url: server.url("/gone"),
            status: 404
        }
    );
    assert!(
        error
            .to_string()
            .ends_with("the server answered 404 (not found)"),
        "{error}"
    );
    let error = get(&fetcher(), &server.url("/down")).unwrap_err();
    assert!(
        error.to_string().contains("503 (service unavailable)"),
        "{error}"
    );
}

#[test]
fn redirect_chains_are_followed_up_to_five() {
    let server = TestServer::start();
    for i in 0..5 {
        server.route(
            &format!("/r{i}"),
            Route::redirect(301, &format!("/r{}", i + 1)),
        );
    }
    server.route("/r5", Route::ok("text/plain", "arrived"));
    let page = page(get(&fetcher(), &server.url("/r0")));
    assert_eq!(page.body, b"arrived");
    assert_eq!(page.url.as_str(), server.url("/r5"));

    // Six hops is one too many.
    for i in 0..6 {
        server.route(
            &format!("/s{i}"),
            Route::redirect(302, &format!("/s{}", i + 1)),
        );
    }
    server.route("/s6", Route::ok("text/plain", "too far"));
    let error = get(&fetcher(), &server.url("/s0")).unwrap_err();
    assert!(
        matches!(error, FetchError::TooManyRedirects { max: 5, .. }),
        "{error:?}"
    );
    assert_eq!(server.hits("/s6"), 0);
}

#[test]
fn relative_and_absolute_redirects_resolve_against_the_current_url() {
    let server = TestServer::start();
    server.route("/dir/a", Route::redirect(307, "b?x=1"));
    server.route("/dir/b?x=1", Route::redirect(308, &server.url("/end")));
    server.route("/end", Route::ok("text/plain", "end"));
    let page = page(get(&fetcher(), &server.url("/dir/a")));
    assert_eq!(page.body, b"end");
}

#[test]
fn redirect_loops_are_named_loops() {
    let server = TestServer::start();
    server.route("/ping", Route::redirect(302, "/pong"));
    server.route("/pong", Route::redirect(302, "/ping"));
    server.route("/self", Route::redirect(301, "/self"));
    for path in ["/ping", "/self"] {
        let error = get(&fetcher(), &server.url(path)).unwrap_err();
        assert!(
            matches!(error, FetchError::RedirectLoop { .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("redirect loop"));
    }
    assert_eq!(server.hits("/ping"), 1);
}

#[test]
fn redirects_to_other_schemes_are_refused() {
    let server = TestServer::start();
    server.route("/file", Route::redirect(302, "file:///etc/passwd"));
    server.route("/js", Route::redirect(302, "javascript:alert(1)"));
    server.route("/data", Route::redirect(302, "data:text/html,<p>hi"));
    server.route("/nohost", Route::redirect(302, "http://"));
    server.route("/nolocation", Route::status(302));
    for path in ["/file", "/js", "/data", "/nohost"] {
        let error = get(&fetcher(), &server.url(path)).unwrap_err();
        assert!(
            matches!(error, FetchError::BadRedirect { .. }),
            "{path}: {error:?}"
        );
    }
    let error = get(&fetcher(), &server.url("/file")).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("file:///etc/passwd, not followed"),
        "{error}"
    );
    let error = get(&fetcher(), &server.url("/nolocation")).unwrap_err();
    assert!(
        matches!(error, FetchError::Status { status: 302, .. }),
        "{error:?}"
    );
}

#[test]
fn only_http_and_https_urls_are_fetched() {
    for url in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://example.org/",
    ] {
        let error = get(&fetcher(), url).unwrap_err();
        assert!(
            matches!(error, FetchError::UnsupportedScheme { .. }),
            "{error:?}"
        );
    }
}

#[test]
fn etag_and_last_modified_give_not_modified() {
    let server = TestServer::start();
    server.route(
        "/feed",
        Route::ok("application/rss+xml", "<rss/>").etag("\"abc\""),
    );
    server.route(
        "/dated",
        Route::ok("application/rss+xml", "<rss/>").last_modified("Wed, 07 Jan 2026 08:00:00 GMT"),
    );
    let fetcher = fetcher();
    let first = page(get(&fetcher, &server.url("/feed")));
    let again = FetchRequest {
        etag: first.etag.clone(),
        ..FetchRequest::default()
    };
    assert!(matches!(
        fetcher.get(&server.url("/feed"), &again),
        Ok(Fetched::NotModified { .. })
    ));
    assert_eq!(server.seen()[1].headers["if-none-match"], "\"abc\"");

    let first = page(get(&fetcher, &server.url("/dated")));
    let again = FetchRequest {
        last_modified: first.last_modified.clone(),
        ..FetchRequest::default()
    };
    assert!(matches!(
        fetcher.get(&server.url("/dated"), &again),
        Ok(Fetched::NotModified { .. })
    ));
    // A stale validator gets the body.
    let stale = FetchRequest {
        etag: Some("\"old\"".into()),
        ..FetchRequest::default()
    };
    assert!(matches!(
        fetcher.get(&server.url("/feed"), &stale),
        Ok(Fetched::Page(_))
    ));
}

#[test]
fn latency_within_the_timeout_is_fine() {
    let server = TestServer::start();
    server.route(
        "/slow",
        Route::ok("text/plain", "late").latency(Duration::from_millis(100)),
    );
    let page = page(get(&quick(2000, 1 << 20), &server.url("/slow")));
    assert_eq!(page.body, b"late");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = TestServer::start();
    server.route("/silent", Route::silent());
    let start = Instant::now();
    let error = get(&quick(400, 1 << 20), &server.url("/silent")).unwrap_err();
    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(error.to_string().contains("timed out"), "{error}");
}

#[test]
fn a_stalled_body_times_out() {
    let server = TestServer::start();
    server.route(
        "/stall",
        Route::status(200).body(Body::Stall { length: 1000 }),
    );
    let error = get(&quick(400, 1 << 20), &server.url("/stall")).unwrap_err();
    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
}

#[test]
fn a_byte_a_second_hits_the_total_timeout() {
    let server = TestServer::start();
    server.route(
        "/trickle",
        Route::status(200).body(Body::Trickle(vec![b'x'; 100], Duration::from_millis(200))),
    );
    let start = Instant::now();
    let error = get(&quick(700, 1 << 20), &server.url("/trickle")).unwrap_err();
    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
    // Each read succeeds: only the total budget can stop this.
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn an_endless_body_is_cut_at_the_cap() {
    let server = TestServer::start();
    server.route(
        "/endless",
        Route::status(200).body(Body::Endless {
            start: b"<rss>".to_vec(),
            filler: b'a',
        }),
    );
    let error = get(&quick(10_000, 1 << 20), &server.url("/endless")).unwrap_err();
    assert!(
        matches!(error, FetchError::TooLarge { max: 1048576, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("larger than the 1048576 bytes (1 MiB) cap"),
        "{error}"
    );
}

#[test]
fn an_announced_length_over_the_cap_is_refused_before_reading() {
    let server = TestServer::start();
    server.route("/big", Route::ok("text/plain", vec![b'a'; 5000]));
    let error = get(&quick(5000, 4096), &server.url("/big")).unwrap_err();
    assert!(matches!(error, FetchError::TooLarge { max: 4096, .. }));
    // Exactly at the cap is fine.
    server.route("/exact", Route::ok("text/plain", vec![b'a'; 4096]));
    assert_eq!(
        page(get(&quick(5000, 4096), &server.url("/exact")))
            .body
            .len(),
        4096
    );
}

#[test]
fn a_compression_bomb_is_cut_at_the_cap_on_decoded_bytes() {
    let server = TestServer::start();
    let bomb = http::gzip(&vec![0; 64 << 20]);
    assert!(bomb.len() < 1 << 20);
    server.route(
        "/bomb",
        Route::status(200)
            .header("Content-Encoding", "gzip")
            .body(Body::Bytes(bomb)),
    );
    let error = get(&quick(10_000, 1 << 20), &server.url("/bomb")).unwrap_err();
    assert!(matches!(error, FetchError::TooLarge { .. }), "{error:?}");
}

#[test]
fn charsets_from_header_then_document() {
    let server = TestServer::start();
    let latin1 = b"<html><body><p>Caf\xe9 cr\xe8me</p></body></html>".to_vec();
    server.route(
        "/header",
        Route::ok("text/html; charset=ISO-8859-1", latin1.clone()),
    );
    server.route("/missing", Route::ok("text/html", latin1.clone()));
    let mut meta = b"<html><head><meta charset=\"iso-8859-15\"></head>".to_vec();
    meta.extend_from_slice(b"<p>Co\xfbt: 5 \xa4</p>");
    server.route("/meta", Route::ok("text/html", meta));
    server.route("/wrong", Route::ok("text/html; charset=utf-8", latin1));
    let text = |path: &str| page(get(&fetcher(), &server.url(path))).text();
    assert!(text("/header").text.contains("Café crème"));
    // No charset anywhere, not UTF-8: windows-1252, as browsers do.
    assert!(text("/missing").text.contains("Café crème"));
    let decoded = text("/meta");
    assert!(decoded.text.contains("Coût: 5 €"), "{}", decoded.text);
    assert_eq!(decoded.encoding, "ISO-8859-15");
    // A wrong header: invalid bytes become U+FFFD, the rest is kept.
    let decoded = text("/wrong");
    assert!(decoded.replaced);
    assert!(decoded.text.contains("Caf\u{fffd} cr\u{fffd}me"));
}

#[test]
fn cancel_stops_a_fetch_between_reads() {
    let server = TestServer::start();
    server.route(
        "/trickle",
        Route::status(200).body(Body::Trickle(vec![b'x'; 1000], Duration::from_millis(20))),
    );
    let flag = Arc::new(AtomicBool::new(false));
    let request = FetchRequest {
        cancel: Some(Arc::clone(&flag)),
        ..FetchRequest::default()
    };
    let setter = Arc::clone(&flag);
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150));
        setter.store(true, Ordering::Relaxed);
    });
    let start = Instant::now();
    let error = quick(10_000, 1 << 20)
        .get(&server.url("/trickle"), &request)
        .unwrap_err();
    canceller.join().unwrap();
    assert!(matches!(error, FetchError::Cancelled { .. }), "{error:?}");
    assert!(start.elapsed() < Duration::from_secs(5));
    // A flag already set fetches nothing.
    let before = server.seen().len();
    let error = fetcher()
        .get(&server.url("/trickle"), &request)
        .unwrap_err();
    assert!(matches!(error, FetchError::Cancelled { .. }));
    assert_eq!(server.seen().len(), before);
}

#[test]
fn a_closed_port_is_a_connect_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let error = get(&quick(2000, 1 << 20), &format!("http://127.0.0.1:{port}/")).unwrap_err();
    assert!(matches!(error, FetchError::Connect { .. }), "{error:?}");
    assert!(error.to_string().contains("cannot connect"), "{error}");
}

#[test]
fn long_urls_in_messages_are_cut() {
    let server = TestServer::start();
    let path = format!("/{}", "x".repeat(5000));
    let error = get(&fetcher(), &server.url(&path)).unwrap_err();
    let message = error.to_string();
    assert!(
        message.chars().count() < 160,
        "{} chars",
        message.chars().count()
    );
    assert!(message.contains('…'));
}

/// A request for a remote host goes to the configured proxy (which here is
/// the loopback server: it answers CONNECT and serves what comes through).
#[test]
fn a_proxy_carries_requests_to_other_hosts() {
    let server = TestServer::start();
    server.route("/via-proxy", Route::ok("text/plain", "proxied"));
    let fetcher = fetcher_with(FetchConfig {
        proxy: ProxyChoice::Url(server.url("")),
        ..FetchConfig::default()
    });
    let page = page(get(&fetcher, "http://feeds.example.invalid/via-proxy"));
    assert_eq!(page.body, b"proxied");
    let seen = server.seen();
    assert!(
        seen.iter()
            .any(|s| s.method == "CONNECT" || s.path.starts_with("http://feeds.example.invalid")),
        "{seen:?}"
    );
}

/// Loopback addresses never go through a proxy (the proxy here is a closed port).
#[test]
fn loopback_never_goes_through_a_proxy() {
    let server = TestServer::start();
    server.route("/direct", Route::ok("text/plain", "direct"));
    let fetcher = fetcher_with(FetchConfig {
        proxy: ProxyChoice::Url("http://127.0.0.1:9".into()),
        ..FetchConfig::default()
    });
    assert_eq!(page(get(&fetcher, &server.url("/direct"))).body, b"direct");
}

const PROXY_CHILD: &str = "DEPECHE_TEST_PROXY_CHILD";

/// `HTTP_PROXY` from the environment is honoured: this test runs itself again
/// in a child process with the variable set (setting it here would race with
/// the other tests' threads).
#[test]
fn the_proxy_comes_from_the_environment() {
    if std::env::var_os(PROXY_CHILD).is_some() {
        return;
    }
    let server = TestServer::start();
    server.route("/env", Route::ok("text/plain", "from env"));
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "net::proxy_env_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(PROXY_CHILD, "1")
        .env("HTTP_PROXY", server.url(""))
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        server.hits("/env") + server.hits("http://feeds.example.invalid/env"),
        1
    );
}

#[test]
fn proxy_env_child() {
    if std::env::var_os(PROXY_CHILD).is_none() {
        return;
    }
    let fetcher = Fetcher::new(FetchConfig::default()).unwrap();
    let page = page(get(&fetcher, "http://feeds.example.invalid/env"));
    assert_eq!(page.body, b"from env");
}
