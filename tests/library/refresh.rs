//! The library against a loopback server: refresh with a concurrency bound,
//! conditional requests, failures that stay per feed, autodiscovery, OPML,
//! cancel and progress. Nothing leaves 127.0.0.1.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crate::common::http::{Route, TestServer};
use depeche::library::{self, FeedOutcome, FeedUpdate, Progress, RefreshOptions, RefreshSummary};
use depeche::net::{FetchConfig, Fetcher, ProxyChoice};
use depeche::store::Store;

fn rss(title: &str, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, link)| {
            format!("<item><title>{guid}</title><guid>{guid}</guid><link>{link}</link></item>")
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title><link>https://site.example/</link>{items}</channel></rss>"
    )
}

fn fetcher(total_ms: u64) -> Fetcher {
    Fetcher::new(FetchConfig {
        connect_timeout: Duration::from_millis(total_ms),
        total_timeout: Duration::from_millis(total_ms),
        max_size: 1 << 20,
        proxy: ProxyChoice::Direct,
    })
    .unwrap()
}

fn refresh(store: &mut Store, fetcher: &Fetcher, options: &RefreshOptions) -> RefreshSummary {
    library::refresh(store, fetcher, None, options, &mut library::NoProgress).unwrap()
}

fn outcome<'a>(summary: &'a RefreshSummary, url: &str) -> &'a FeedOutcome {
    summary.outcomes.iter().find(|o| o.url == url).unwrap()
}

#[test]
fn one_failing_feed_never_stops_the_others() {
    let server = TestServer::start();
    server.route(
        "/good",
        Route::ok(
            "application/rss+xml",
            rss("Good", &[("a", "/a"), ("b", "/b")]),
        ),
    );
    server.route("/also-good", Route::ok("application/atom+xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom</title><entry><id>e1</id><title>E</title><link href=\"https://x.example/e1\"/></entry></feed>"));
    server.route("/missing", Route::status(404));
    server.route(
        "/page",
        Route::ok(
            "text/html",
            "<!doctype html><html><body>not a feed</body></html>",
        ),
    );
    server.route("/silent", Route::silent());
    server.route("/laughs", Route::ok("application/rss+xml", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><rss version=\"2.0\"><channel><title>&b;</title></channel></rss>"));
    server.route(
        "/script",
        Route::ok(
            "application/rss+xml",
            rss(
                "Mixed",
                &[
                    ("ok", "https://x.example/ok"),
                    ("bad", "javascript:alert(1)"),
                ],
            ),
        ),
    );
    let mut store = Store::in_memory();
    let paths = [
        "/good",
        "/also-good",
        "/missing",
        "/page",
        "/silent",
        "/laughs",
        "/script",
    ];
    for path in paths {
        library::add_feed_offline(&mut store, &server.url(path), None).unwrap();
    }
    let summary = refresh(&mut store, &fetcher(800), &RefreshOptions::default());
    assert_eq!(summary.outcomes.len(), paths.len());
    assert!(!summary.all_succeeded());
    let failed: Vec<&str> = summary
        .failed()
        .map(|o| o.url.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(failed.len(), 4, "{failed:?}");
    for (path, why) in [
        ("/missing", "404 (not found)"),
        ("/page", "HTML page, not a feed"),
        ("/silent", "timed out"),
        ("/laughs", "declares XML entities"),
    ] {
        let error = outcome(&summary, &server.url(path))
            .result
            .as_ref()
            .unwrap_err();
        assert!(error.contains(why), "{path}: {error}");
        assert!(error.chars().count() < 200, "{error}");
        let row = store.feed(&server.url(path)).unwrap().unwrap();
        assert_eq!(row.last_error.as_deref(), Some(error.as_str()));
    }
    assert_eq!(
        outcome(&summary, &server.url("/good")).result,
        Ok(FeedUpdate::Updated {
            new_items: 2,
            items: 2,
            skipped: vec![]
        })
    );
    match &outcome(&summary, &server.url("/script")).result {
        Ok(FeedUpdate::Updated {
            new_items: 1,
            skipped,
            ..
        }) => {
            assert!(skipped[0].contains("javascript:"), "{skipped:?}")
        }
        other => panic!("{other:?}"),
    }
    let good = store.feed(&server.url("/good")).unwrap().unwrap();
    assert_eq!((good.title.as_deref(), good.unread), (Some("Good"), 2));
    assert_eq!(summary.new_items(), 4);
}

#[test]
fn a_second_refresh_is_conditional_and_costs_nothing() {
    let server = TestServer::start();
    server.route(
        "/etag",
        Route::ok("application/rss+xml", rss("E", &[("a", "/a")])).etag("\"1\""),
    );
    server.route(
        "/dated",
        Route::ok("application/rss+xml", rss("D", &[("b", "/b")]))
            .last_modified("Wed, 07 Jan 2026 08:00:00 GMT"),
    );
    let mut store = Store::in_memory();
    for path in ["/etag", "/dated"] {
        library::add_feed_offline(&mut store, &server.url(path), None).unwrap();
    }
    let fetcher = fetcher(5000);
    let first = refresh(&mut store, &fetcher, &RefreshOptions::default());
    assert_eq!(first.new_items(), 2);
    let second = refresh(&mut store, &fetcher, &RefreshOptions::default());
    assert!(second.all_succeeded());
    assert!(
        second
            .outcomes
            .iter()
            .all(|o| o.result == Ok(FeedUpdate::NotModified))
    );
    let conditional: Vec<_> = server
        .seen()
        .into_iter()
        .filter(|s| {
            s.headers.contains_key("if-none-match") || s.headers.contains_key("if-modified-since")
        })
        .collect();
    assert_eq!(conditional.len(), 2);
    let row = store.feed(&server.url("/etag")).unwrap().unwrap();
    assert_eq!(row.etag.as_deref(), Some("\"1\""));
    assert_eq!(row.unread, 1);
}

#[test]
fn refresh_runs_at_most_the_bound_at_once() {
    let server = TestServer::start();
    let mut store = Store::in_memory();
    for i in 0..12 {
        let path = format!("/f{i}");
        server.route(
            &path,
            Route::ok("application/rss+xml", rss("F", &[("x", "/x")]))
                .latency(Duration::from_millis(60)),
        );
        library::add_feed_offline(&mut store, &server.url(&path), None).unwrap();
    }
    let options = RefreshOptions {
        concurrency: 3,
        ..RefreshOptions::default()
    };
    let summary = refresh(&mut store, &fetcher(5000), &options);
    assert!(summary.all_succeeded());
    let max = server.max_in_flight();
    assert!((2..=3).contains(&max), "{max} at once");
}

#[test]
fn a_page_url_subscribes_to_the_feed_it_names() {
    let server = TestServer::start();
    server.route(
        "/article",
        Route::ok(
            "text/html; charset=utf-8",
            "<!doctype html><html><head><link rel=alternate type=application/atom+xml href=/atom.xml title=Atom></head><body>x</body></html>",
        ),
    );
    server.route("/atom.xml", Route::ok("application/atom+xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Site</title><entry><id>e1</id><title>One</title><link href=\"/one\"/></entry></feed>"));
    server.route(
        "/plain",
        Route::ok("text/html", "<html><body>no feed here</body></html>"),
    );
    let mut store = Store::in_memory();
    let fetcher = fetcher(5000);
    let options = RefreshOptions::default();
    let added = library::add_feed(
        &mut store,
        &fetcher,
        &server.url("/article"),
        None,
        &options,
    )
    .unwrap();
    assert_eq!(added.url, server.url("/atom.xml"));
    assert_eq!(added.discovered_from, Some(server.url("/article")));
    assert_eq!(
        (added.title.as_str(), added.new, added.new_items),
        ("Site", true, 1)
    );
    let items = store.items(None, false, 0, 10).unwrap();
    assert_eq!(items[0].url.as_deref(), Some(server.url("/one").as_str()));
    let again = library::add_feed(
        &mut store,
        &fetcher,
        &server.url("/atom.xml"),
        None,
        &options,
    )
    .unwrap();
    assert!(!again.new);
    assert_eq!(again.new_items, 0);

    let error =
        library::add_feed(&mut store, &fetcher, &server.url("/plain"), None, &options).unwrap_err();
    assert!(
        error.to_string().contains("HTML page, not a feed"),
        "{error}"
    );
    let error =
        library::add_feed(&mut store, &fetcher, "file:///etc/passwd", None, &options).unwrap_err();
    assert!(
        error.to_string().contains("not an http or https address"),
        "{error}"
    );
    assert_eq!(library::list(&store).unwrap().len(), 1);
}

#[test]
fn opml_import_and_export_through_the_library() {
    let mut store = Store::in_memory();
    let opml = r#"<?xml version="1.0"?><opml version="2.0"><head/><body>
        <outline text="News"><outline text="A" xmlUrl="https://a.example/feed"/></outline>
        <outline text="B" xmlUrl="https://b.example/rss" htmlUrl="https://b.example/"/>
        <outline text="Evil" xmlUrl="javascript:alert(1)"/>
        </body></opml>"#;
    let summary = library::import_opml(&mut store, opml.as_bytes()).unwrap();
    assert_eq!(
        summary.added,
        ["https://a.example/feed", "https://b.example/rss"]
    );
    assert_eq!(summary.refused.len(), 1);
    let again = library::import_opml(&mut store, opml.as_bytes()).unwrap();
    assert_eq!(again.already.len(), 2);
    let exported = library::export_opml(&store).unwrap();
    let mut other = Store::in_memory();
    library::import_opml(&mut other, exported.as_bytes()).unwrap();
    let strip = |s: &Store| {
        s.feeds()
            .unwrap()
            .into_iter()
            .map(|f| (f.url, f.title, f.site_url, f.category))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&store), strip(&other));
    assert_eq!(
        store
            .feed("https://a.example/feed")
            .unwrap()
            .unwrap()
            .category
            .as_deref(),
        Some("News")
    );
    assert!(library::remove_feed(&mut store, "https://a.example/feed").unwrap());
    assert_eq!(library::list(&store).unwrap().len(), 1);
}

#[test]
fn a_cancelled_refresh_fetches_nothing_more() {
    let server = TestServer::start();
    let mut store = Store::in_memory();
    for i in 0..5 {
        let path = format!("/c{i}");
        server.route(&path, Route::ok("application/rss+xml", rss("C", &[])));
        library::add_feed_offline(&mut store, &server.url(&path), None).unwrap();
    }
    let options = RefreshOptions {
        cancel: Some(Arc::new(AtomicBool::new(true))),
        ..RefreshOptions::default()
    };
    let summary = refresh(&mut store, &fetcher(5000), &options);
    assert!(summary.cancelled);
    assert!(!summary.all_succeeded());
    assert!(server.seen().is_empty());
}

#[derive(Default)]
struct Recorder(Vec<String>);

impl Progress for Recorder {
    fn started(&mut self, feeds: usize) {
        self.0.push(format!("start {feeds}"));
    }
    fn feed_done(&mut self, outcome: &FeedOutcome) {
        self.0.push(format!("done {}", outcome.result.is_ok()));
    }
    fn finished(&mut self, summary: &RefreshSummary) {
        self.0.push(format!("end {}", summary.outcomes.len()));
    }
}

#[test]
fn progress_hears_every_feed() {
    let server = TestServer::start();
    server.route("/p", Route::ok("application/rss+xml", rss("P", &[])));
    let mut store = Store::in_memory();
    library::add_feed_offline(&mut store, &server.url("/p"), None).unwrap();
    library::add_feed_offline(&mut store, &server.url("/nope"), None).unwrap();
    let mut recorder = Recorder::default();
    library::refresh(
        &mut store,
        &fetcher(5000),
        None,
        &RefreshOptions::default(),
        &mut recorder,
    )
    .unwrap();
    recorder.0[1..3].sort();
    assert_eq!(recorder.0, ["start 2", "done false", "done true", "end 2"]);
    // The indicatif bar, hidden, counts the same.
    let mut bar = library::BarProgress::new(indicatif::ProgressDrawTarget::hidden());
    library::refresh(
        &mut store,
        &fetcher(5000),
        None,
        &RefreshOptions::default(),
        &mut bar,
    )
    .unwrap();
    assert_eq!(bar.counts(), (2, 1));
}

#[test]
fn only_the_named_feeds_are_refreshed() {
    let server = TestServer::start();
    server.route("/one", Route::ok("application/rss+xml", rss("1", &[])));
    server.route("/two", Route::ok("application/rss+xml", rss("2", &[])));
    let mut store = Store::in_memory();
    library::add_feed_offline(&mut store, &server.url("/one"), None).unwrap();
    library::add_feed_offline(&mut store, &server.url("/two"), None).unwrap();
    let only = [server.url("/two")];
    let summary = library::refresh(
        &mut store,
        &fetcher(5000),
        Some(&only),
        &RefreshOptions::default(),
        &mut library::NoProgress,
    )
    .unwrap();
    assert_eq!(summary.outcomes.len(), 1);
    assert_eq!(server.hits("/one"), 0);
}
