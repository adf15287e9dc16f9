//! The library from the command line, against the loopback news site only
//! (nothing leaves 127.0.0.1): `feeds add|remove|import|export|list`,
//! `refresh` and its exit statuses, URLs given to every mode, `--offline`,
//! `--no-state`, `--data-dir` and `XDG_DATA_HOME`, hostile answers, and a
//! damaged or newer database. Every run has a data directory of its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::http::{Body, Route, TestServer};
use crate::common::news_site::{self, FEED};

/// A data directory of the test's own, and `XDG_DATA_HOME` pointing at
/// another empty one (so a run that forgot `--data-dir` shows, and the real
/// one is never touched).
struct Home {
    data: tempfile::TempDir,
    xdg: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            data: tempfile::tempdir().unwrap(),
            xdg: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.data.path().join("depeche.db")
    }

    /// depeche with `--data-dir` and `args`, stdout and stderr piped.
    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--data-dir", self.data.path().to_str().unwrap()];
        all.extend_from_slice(args);
        self.bare(&all)
    }

    /// depeche with exactly `args`.
    fn bare(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_depeche"))
            .args(args)
            .env("XDG_DATA_HOME", self.xdg.path())
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .output()
            .expect("run depeche")
    }
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn err(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

#[test]
fn add_list_refresh_remove() {
    let site = news_site::start();
    let home = Home::new();
    let feed = site.url(FEED);
    let added = home.run(&["feeds", "add", &feed]);
    assert_eq!(code(&added), 0, "{}", err(&added));
    assert!(
        err(&added).contains("added Le Quotidien du Test") && err(&added).contains("4 items"),
        "{}",
        err(&added)
    );
    let again = home.run(&["feeds", "add", &feed]);
    assert_eq!(code(&again), 0);
    assert!(err(&again).contains("already there"));

    let list = home.run(&["feeds"]);
    assert_eq!(code(&list), 0);
    let table = out(&list);
    assert!(table.starts_with("UNREAD  TITLE"), "{table}");
    let row = table
        .lines()
        .find(|l| l.contains("Le Quotidien du Test"))
        .unwrap();
    assert!(
        row.trim_start().starts_with('4') && row.contains(&feed),
        "{row}"
    );
    assert!(row.contains("UTC"), "the last refresh: {row}");
    assert_eq!(out(&home.run(&["feeds", "list"])), table);

    // The second refresh is conditional: the server answers 304.
    let refreshed = home.run(&["refresh"]);
    assert_eq!(code(&refreshed), 0, "{}", err(&refreshed));
    assert!(
        err(&refreshed).contains("1 unchanged, 0 failed; 0 new items"),
        "{}",
        err(&refreshed)
    );
    assert!(site.seen().iter().any(|s| {
        s.headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("if-none-match") && v == "\"news-1\"")
    }));
    assert!(out(&refreshed).is_empty(), "stdout stays clean");

    let removed = home.run(&["feeds", "remove", &feed]);
    assert_eq!(code(&removed), 0);
    let gone = home.run(&["feeds", "remove", &feed]);
    assert_eq!(code(&gone), 1);
    assert!(err(&gone).contains("not in your feeds"));
    let empty = home.run(&["feeds"]);
    assert!(out(&empty).is_empty() && err(&empty).contains("no feeds yet"));
}

#[test]
fn a_page_given_for_a_feed_finds_the_feed_it_announces() {
    let site = news_site::start();
    let home = Home::new();
    let added = home.run(&["feeds", "add", &site.url("/")]);
    assert_eq!(code(&added), 0, "{}", err(&added));
    assert!(err(&added).contains("found in"), "{}", err(&added));
    assert!(out(&home.run(&["feeds"])).contains(&site.url(FEED)));
}

#[test]
fn one_failed_feed_is_named_and_the_others_go_on() {
    let site = news_site::start();
    site.route("/broken.xml", Route::status(500));
    site.route(
        "/html.xml",
        Route::ok("text/html", "<html><body><p>Not a feed</p></body></html>"),
    );
    site.route("/loop.xml", Route::redirect(302, "/loop.xml"));
    let home = Home::new();
    // Adding: the bad ones are refused with why, the good one added (exit 1).
    let added = home.run(&[
        "feeds",
        "add",
        &site.url("/broken.xml"),
        &site.url(FEED),
        &site.url("/html.xml"),
        "javascript:alert(1)",
        &site.url("/loop.xml"),
    ]);
    assert_eq!(code(&added), 1);
    let said = err(&added);
    for expected in ["500", "added Le Quotidien", "HTML", "javascript", "loop"] {
        assert!(said.contains(expected), "{expected}: {said}");
    }
    assert_eq!(said.matches("not added").count(), 4, "{said}");
    // A feed that breaks after it was added: its refresh fails, the others go on.
    site.route(
        "/later.xml",
        Route::ok("application/rss+xml", news_site::feed_xml(&site.url(""))),
    );
    assert_eq!(
        code(&home.run(&["feeds", "add", &site.url("/later.xml")])),
        0
    );
    site.route("/later.xml", Route::status(503));
    let refreshed = home.run(&["refresh"]);
    assert_eq!(code(&refreshed), 1);
    let said = err(&refreshed);
    assert!(said.contains("503") && said.contains("later.xml"), "{said}");
    assert!(
        said.contains("2 feeds") && said.contains("1 failed"),
        "{said}"
    );
    let list = out(&home.run(&["feeds"]));
    assert!(
        list.contains("✗ last refresh failed: the server answered 503"),
        "{list}"
    );
}

#[test]
fn refresh_usage_errors_exit_2() {
    let site = news_site::start();
    let home = Home::new();
    assert_eq!(code(&home.run(&["feeds", "add", &site.url(FEED)])), 0);
    let unknown = home.run(&["refresh", "http://127.0.0.1:9/nope.xml"]);
    assert_eq!(code(&unknown), 2);
    assert!(err(&unknown).contains("not in your feeds"));
    assert_eq!(code(&home.run(&["refresh", "--jobs", "0"])), 2);
    assert_eq!(code(&home.run(&["refresh", "--offline"])), 2);
    assert_eq!(code(&home.run(&["--dump", "feeds"])), 2);
    let only = home.run(&["refresh", "--jobs", "1", &site.url(FEED)]);
    assert_eq!(code(&only), 0, "{}", err(&only));
}

#[test]
fn opml_in_and_out_without_fetching() {
    let home = Home::new();
    let opml =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds/subscriptions.opml");
    let imported = home.run(&["feeds", "import", opml.to_str().unwrap()]);
    assert_eq!(code(&imported), 0, "{}", err(&imported));
    assert!(
        err(&imported).contains("4 feeds added"),
        "{}",
        err(&imported)
    );
    let exported = home.run(&["feeds", "export"]);
    assert_eq!(code(&exported), 0);
    let text = out(&exported);
    assert!(text.contains("<opml") && text.contains("https://lwn.net/headlines/rss"));
    assert!(text.contains("Rust"), "folders kept: {text}");
    // Round trip into another library.
    let other = Home::new();
    let file = other.data.path().join("out.opml");
    std::fs::write(&file, &text).unwrap();
    let again = other.run(&["feeds", "import", file.to_str().unwrap()]);
    assert!(err(&again).contains("4 feeds added"), "{}", err(&again));
    let missing = home.run(&["feeds", "import", "/no/such/file.opml"]);
    assert_eq!(code(&missing), 2);
}

#[test]
fn no_state_writes_nothing_and_xdg_data_home_is_honoured() {
    let site = news_site::start();
    let home = Home::new();
    let added = home.bare(&["--no-state", "feeds", "add", &site.url(FEED)]);
    assert_eq!(code(&added), 0, "{}", err(&added));
    assert!(!home.db().exists());
    assert_eq!(std::fs::read_dir(home.xdg.path()).unwrap().count(), 0);
    // Without --data-dir: $XDG_DATA_HOME/depeche/depeche.db.
    assert_eq!(code(&home.bare(&["feeds", "add", &site.url(FEED)])), 0);
    assert!(home.xdg.path().join("depeche/depeche.db").is_file());
    assert!(out(&home.bare(&["feeds"])).contains("Le Quotidien du Test"));
    assert_eq!(
        code(&home.bare(&["--no-state", "--data-dir", "/tmp", "feeds"])),
        2
    );
}

#[test]
fn a_url_in_every_mode() {
    let site = news_site::start();
    let home = Home::new();
    let page = site.url("/2026/01/05/embeds.html");
    let dump = home.run(&["--dump", &page]);
    assert_eq!(code(&dump), 0, "{}", err(&dump));
    assert!(
        out(&dump).contains("Every way a post gets embedded"),
        "{}",
        out(&dump)
    );
    let toc = home.run(&["--toc", &site.url(FEED)]);
    assert_eq!(code(&toc), 0, "{}", err(&toc));
    let outline = out(&toc);
    for title in [
        "Coalition des volontaires",
        "Éditorial",
        "Une page disparue",
    ] {
        assert!(
            outline.contains(title),
            "a feed's items as articles: {outline}"
        );
    }
    assert!(!outline.contains("piégé"), "a javascript: item is left out");
    let checked = home.run(&["--check", &page, &site.url(FEED)]);
    assert_eq!(code(&checked), 0, "{}", err(&checked));
    assert!(out(&checked).contains("ok: a web page, imported"));
    assert!(out(&checked).contains("ok: a feed, its items imported"));
    let searched = home.run(&["--search", "harbour", &page]);
    assert_eq!(code(&searched), 0);
    let imported = home.run(&["import", &page]);
    assert_eq!(code(&imported), 0, "{}", err(&imported));
    assert!(out(&imported).contains("\"format\": \"depeche-corpus\""));
    let missing = home.run(&["--dump", &site.url("/2026/01/03/missing.html")]);
    assert_eq!(code(&missing), 2);
    assert!(err(&missing).contains("404"), "{}", err(&missing));
    // Nothing non-interactive keeps anything.
    assert!(!home.db().exists());
}

#[test]
fn offline_reads_only_what_is_stored() {
    let site = news_site::start();
    let home = Home::new();
    let page = site.url("/2026/01/06/coalition.html");
    let never = home.run(&["--offline", "--dump", &page]);
    assert_eq!(code(&never), 2);
    assert!(err(&never).contains("not stored"), "{}", err(&never));
    let before = site.seen().len();
    assert_eq!(
        code(&home.run(&["--offline", "import", &page])),
        2,
        "--offline fetches nothing"
    );
    let offline_add = home.run(&["--offline", "feeds", "add", &site.url(FEED)]);
    assert_eq!(code(&offline_add), 0);
    assert!(err(&offline_add).contains("fetched at the next refresh"));
    assert_eq!(site.seen().len(), before, "nothing was fetched");
}

#[test]
fn hostile_answers_each_get_a_clear_error_in_time() {
    let site = TestServer::start();
    site.route("/silent.xml", Route::silent());
    site.route(
        "/trickle.xml",
        Route::ok("application/rss+xml", vec![b' '; 10_000]).body(Body::Trickle(
            vec![b' '; 10_000],
            Duration::from_millis(200),
        )),
    );
    site.route(
        "/endless.html",
        Route::ok("text/html", "").body(Body::Endless {
            start: b"<html><body><p>".to_vec(),
            filler: b'a',
        }),
    );
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"aaaaaaaaaa\">\n");
    for i in 1..10 {
        laughs.push_str(&format!(
            "<!ENTITY a{i} \"{}\">\n",
            format!(
                "&a{};",
                if i == 1 {
                    String::new()
                } else {
                    (i - 1).to_string()
                }
            )
            .repeat(10)
        ));
    }
    laughs.push_str("]>\n<rss version=\"2.0\"><channel><title>&a9;</title></channel></rss>");
    site.route("/laughs.xml", Route::ok("application/rss+xml", laughs));
    site.route(
        "/latin1.xml",
        Route::ok(
            "application/rss+xml; charset=iso-8859-1",
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Caf\xe9 du matin</title></channel></rss>".to_vec(),
        ),
    );
    site.route(
        "/malformed.xml",
        Route::ok("application/rss+xml", "<rss><channel><title>x</chan"),
    );
    let home = Home::new();
    let started = Instant::now();
    for (path, expected) in [
        ("/silent.xml", "timed out"),
        ("/trickle.xml", "timed out"),
        ("/laughs.xml", "entit"),
        ("/malformed.xml", "line"),
    ] {
        let result = home.run(&["--timeout", "2", "feeds", "add", &site.url(path)]);
        assert_eq!(code(&result), 1, "{path}");
        assert!(
            err(&result).to_lowercase().contains(expected),
            "{path}: {}",
            err(&result)
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "each within its timeout"
    );
    let endless = home.run(&["--max-size", "1M", "--dump", &site.url("/endless.html")]);
    assert_eq!(code(&endless), 2);
    assert!(err(&endless).contains("1048576"), "{}", err(&endless));
    // A wrong charset is decoded by the declared one: the title is right.
    let latin = home.run(&["feeds", "add", &site.url("/latin1.xml")]);
    assert_eq!(code(&latin), 0, "{}", err(&latin));
    assert!(out(&home.run(&["feeds"])).contains("Café du matin"));
}

#[test]
fn a_damaged_database_is_moved_aside_and_a_newer_one_refused_untouched() {
    let home = Home::new();
    std::fs::write(home.db(), b"this is not a database, but the user's file").unwrap();
    let listed = home.run(&["feeds"]);
    assert_eq!(code(&listed), 0, "{}", err(&listed));
    assert!(err(&listed).contains("moved aside"), "{}", err(&listed));
    let aside: Vec<_> = std::fs::read_dir(home.data.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(aside[0].path()).unwrap(),
        b"this is not a database, but the user's file"
    );

    let newer = Home::new();
    {
        let conn = rusqlite::Connection::open(newer.db()).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 999;")
            .unwrap();
    }
    let bytes = std::fs::read(newer.db()).unwrap();
    let refused = newer.run(&["feeds"]);
    assert_eq!(code(&refused), 2);
    assert!(err(&refused).contains("newer depeche"), "{}", err(&refused));
    assert_eq!(std::fs::read(newer.db()).unwrap(), bytes, "left untouched");
}
