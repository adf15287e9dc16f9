//! The library end to end, the real binary in a pseudo-terminal and the
//! loopback news site (nothing leaves 127.0.0.1): add a feed, refresh, open
//! the library, open an item (its page fetched and imported, its posts as
//! cards), scroll, quit, reopen: the item is read and the place restored;
//! the same after a `kill -9`; a slow page cancelled with Esc while the
//! reader goes on; the reader's own memory (a page by its URL, offline
//! after; the bundled article; the search history).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::http::{Body, Route};
use crate::common::news_site::{self, FEED};
use crate::common::pty::Pty;
use depeche::store::Store;

/// Runs the command line (not in a terminal) on `data`.
fn cli(data: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("XDG_DATA_HOME", data.join("xdg"))
        .output()
        .expect("run depeche");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The library in a terminal of `cols`×`rows`.
fn library(data: &Path, cols: u16, rows: u16) -> Pty {
    let dir = data.to_str().unwrap();
    Pty::spawn(
        &["--data-dir", dir, "library"],
        &[("XDG_DATA_HOME", &format!("{dir}/xdg"))],
        cols,
        rows,
    )
}

/// The status line's `N/M P%` of the article.
fn position(pty: &Pty) -> String {
    let screen = pty.screen_text();
    let status = screen.lines().last().unwrap_or_default().to_string();
    status
        .split_whitespace()
        .find(|w| w.contains('/') && w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .unwrap_or_default()
        .to_string()
}

/// From the feed list: the feed's items, then the item titled `title`.
fn open_item(pty: &mut Pty, title: &str) {
    pty.wait_for("Le Quotidien du Test");
    pty.send(b"j\r");
    pty.wait_for(title);
    // The items are newest first; select the one titled `title`.
    let index = pty
        .screen_text()
        .lines()
        .filter(|l| l.contains("2026-01-0"))
        .position(|l| l.contains(title))
        .expect("the item is listed");
    for _ in 0..index {
        pty.send(b"j");
    }
    pty.wait_for(&format!("Items  {}/", index + 1));
    pty.send(b"\r");
}

#[test]
fn an_item_read_is_remembered_read_and_where_it_was_left() {
    let site = news_site::start();
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["feeds", "add", &site.url(FEED)]);
    cli(data.path(), &["refresh"]);

    let mut pty = library(data.path(), 100, 30);
    pty.wait_for("4 unread");
    open_item(&mut pty, "Le pont du port rouvre");
    // Fetched and imported: the page's words and its posts as cards.
    pty.wait_for("Every way a post gets embedded");
    pty.send(b"}");
    pty.wait_for("▌ Harbour News");
    pty.wait_for("│ @harbournews · X ·");
    pty.send(b"  ");
    pty.wait_until_still(Duration::from_millis(300));
    let left_at = position(&pty);
    assert!(!left_at.starts_with("1/"), "scrolled: {left_at}");
    // q: back to the list, the item read (no ● any more).
    pty.send(b"q");
    pty.wait_for("3 unread");
    let row = pty
        .screen_text()
        .lines()
        .find(|l| l.contains("Le pont du port"))
        .unwrap()
        .to_string();
    assert!(!row.contains('●'), "{row}");
    pty.send(b"qq");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
    assert_eq!(site.hits("/2026/01/05/embeds.html"), 1);

    // Again, at another size: read, kept (not fetched again), and back
    // where it was left (the same place, whatever the width).
    let mut pty = library(data.path(), 120, 40);
    pty.wait_for("3 unread");
    open_item(&mut pty, "Le pont du port rouvre");
    pty.wait_for("back to where you were — Ctrl-o for the top");
    assert_eq!(site.hits("/2026/01/05/embeds.html"), 1, "read offline");
    pty.send(&[0x0f]); // Ctrl-o
    pty.wait_for("Every way a post gets embedded");
    pty.send(b"qq");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

#[test]
fn a_kill_9_loses_nothing_already_kept() {
    let site = news_site::start();
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["feeds", "add", &site.url(FEED)]);

    let mut pty = library(data.path(), 100, 30);
    open_item(&mut pty, "Coalition des volontaires");
    pty.wait_for("Guerre en Ukraine");
    pty.send(b"]]]");
    pty.wait_until_still(Duration::from_millis(300));
    let left_at = position(&pty);
    // The place is kept about a second after the reader stops moving.
    std::thread::sleep(Duration::from_millis(2_000));
    pty.signal("KILL");
    pty.wait_exit();

    // The database is whole, the item read, the page kept.
    {
        let opened = Store::open(&data.path().join("depeche.db")).unwrap();
        assert!(opened.moved_aside.is_none());
        opened.store.integrity_check().unwrap();
        let feeds = opened.store.feeds().unwrap();
        assert_eq!(feeds[0].unread, 3);
    }
    let mut pty = library(data.path(), 100, 30);
    pty.wait_for("3 unread");
    open_item(&mut pty, "Coalition des volontaires");
    pty.wait_for("back to where you were");
    pty.wait_until_still(Duration::from_millis(300));
    assert_eq!(position(&pty), left_at);
    assert_eq!(site.hits("/2026/01/06/coalition.html"), 1);
    // Killed in the middle of a refresh (the feed answers slowly): whole again.
    site.route(
        FEED,
        Route::ok(
            "application/rss+xml",
            news_site::feed_xml(&site.url("")).replace("Une page disparue", "Une page retrouvée"),
        )
        .latency(Duration::from_millis(500)),
    );
    pty.send(b"q");
    pty.wait_for("Items  ");
    pty.send(b"R");
    pty.wait_for("refreshing");
    pty.signal("KILL");
    pty.wait_exit();
    let opened = Store::open(&data.path().join("depeche.db")).unwrap();
    assert!(opened.moved_aside.is_none());
    opened.store.integrity_check().unwrap();
    assert_eq!(opened.store.feeds().unwrap()[0].unread, 3);
}

#[test]
fn a_slow_page_is_fetched_on_a_worker_and_esc_cancels_it() {
    let site = news_site::start();
    // The coalition page, a byte every 100 ms: minutes to come.
    let page = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/coalition.html"),
    )
    .unwrap();
    site.route(
        "/2026/01/06/coalition.html",
        Route::ok("text/html", "").body(Body::Trickle(page, Duration::from_millis(100))),
    );
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["feeds", "add", &site.url(FEED)]);
    let mut pty = library(data.path(), 100, 30);
    open_item(&mut pty, "Coalition des volontaires");
    pty.wait_for("Esc cancels");
    // The reader answers meanwhile.
    pty.send(b"j");
    pty.wait_for("Items  2/4");
    pty.send(b"\x1b");
    pty.wait_for("cancelled");
    pty.send(b"k\r");
    // Another item opens at once (its content is in the feed).
    pty.send(b"jj\r");
    pty.wait_for("Chaque hiver, les trains s’arrêtent");
    pty.send(b"qqq");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

#[test]
fn a_missing_page_shows_the_summary_and_says_why() {
    let site = news_site::start();
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["feeds", "add", &site.url(FEED)]);
    let mut pty = library(data.path(), 120, 30);
    open_item(&mut pty, "Une page disparue");
    pty.wait_for("Le résumé d’une page qui n’existe plus.");
    pty.wait_for("404");
    pty.send(b"qqq");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

#[test]
fn a_page_by_its_url_is_kept_and_reads_offline_where_it_was_left() {
    let site = news_site::start();
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let url = site.url("/2026/01/05/embeds.html");
    let mut pty = Pty::spawn(&["--data-dir", dir, &url], &[], 100, 30);
    pty.wait_for("Every way a post gets embedded");
    pty.send(b"}}");
    pty.wait_until_still(Duration::from_millis(300));
    let left_at = position(&pty);
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    drop(site);
    // The server is gone: --offline reads the page kept.
    let mut pty = Pty::spawn(&["--data-dir", dir, "--offline", &url], &[], 100, 30);
    pty.wait_for("back to where you were");
    pty.wait_until_still(Duration::from_millis(300));
    assert_eq!(position(&pty), left_at);
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

#[test]
fn a_feed_by_its_url_opens_its_items() {
    let site = news_site::start();
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let mut pty = Pty::spawn(&["--data-dir", dir, &site.url(FEED)], &[], 100, 30);
    pty.wait_for("Library › Le Quotidien du Test");
    pty.wait_for("Éditorial : l’hiver, les trains et nous");
    pty.wait_for("added to your feeds");
    pty.send(b"qq");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

#[test]
fn the_bundled_article_and_the_searches_are_remembered_too() {
    let data = tempfile::tempdir().unwrap();
    let xdg = data.path().to_str().unwrap();
    let env = [("XDG_DATA_HOME", xdg)];
    let mut pty = Pty::spawn(&[], &env, 100, 30);
    pty.wait_for("Guerre en Ukraine");
    pty.send(b"/Witkoff\r");
    pty.wait_for("/Witkoff");
    // Esc alone (followed at once by `]` it would begin an escape sequence).
    pty.send(b"\x1b");
    pty.wait_until_still(Duration::from_millis(300));
    pty.send(b"]]");
    pty.send(b"ma");
    pty.wait_for("mark a set");
    pty.wait_until_still(Duration::from_millis(300));
    let left_at = position(&pty);
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);

    let mut pty = Pty::spawn(&[], &env, 80, 24);
    pty.wait_for("back to where you were");
    pty.send(b"gg");
    pty.wait_for(" 1/");
    pty.send(b"'a");
    pty.wait_for("mark a");
    pty.wait_until_still(Duration::from_millis(300));
    let at_mark = position(&pty);
    assert_ne!(at_mark, "");
    pty.send(b"/\x1b[A");
    pty.wait_for("/Witkoff");
    pty.send(b"\x1b");
    pty.wait_until_still(Duration::from_millis(300));
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    let _ = left_at;

    // --no-state: nothing was read, nothing is restored.
    assert!(data.path().join("depeche/depeche.db").is_file());
    let mut pty = Pty::spawn(&["--no-state"], &env, 80, 24);
    pty.wait_for("Guerre en Ukraine");
    pty.wait_until_still(Duration::from_millis(500));
    assert!(!pty.screen_text().contains("back to where you were"));
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}
