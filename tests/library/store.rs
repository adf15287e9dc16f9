//! The SQLite store: migrations, refusal of newer databases, damaged files
//! moved aside, two writers at once, kill -9 mid-write, and what each call
//! writes. Children for the process tests are this test binary run again
//! with an environment variable naming the part to play.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use depeche::store::{
    DocumentKey, FILE_NAME, NewItem, Position, RefreshRecord, SCHEMA_VERSION, Store, StoreError,
};

const CHILD: &str = "DEPECHE_STORE_TEST_CHILD";
const CHILD_PATH: &str = "DEPECHE_STORE_TEST_PATH";

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn open(path: &Path) -> Store {
    let opened = Store::open(path).unwrap();
    assert!(opened.moved_aside.is_none());
    opened.store
}

fn item(key: &str, url: Option<&str>, date: i64) -> NewItem {
    NewItem {
        key: key.into(),
        url: url.map(str::to_string),
        title: format!("title {key}"),
        author: None,
        date: Some(date),
        summary: Some("<p>summary</p>".into()),
        content_html: None,
    }
}

fn items(record: Vec<NewItem>) -> RefreshRecord {
    RefreshRecord {
        title: Some("A feed".into()),
        items: record,
        ..RefreshRecord::default()
    }
}

/// Runs this test binary again as a child playing `role` on `path`.
fn child(role: &str, path: &Path) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "--exact",
            "store::child_roles",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, role)
        .env(CHILD_PATH, path);
    command
}

#[test]
fn an_empty_database_is_migrated_to_the_current_schema() {
    let dir = temp();
    let path = dir.path().join("sub/dir").join(FILE_NAME);
    let store = open(&path);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    const { assert!(SCHEMA_VERSION >= 1) };
    store.integrity_check().unwrap();
    drop(store);
    // Opening again migrates nothing and keeps the data.
    let mut store = open(&path);
    store
        .add_feed("https://a.example/feed", None, None, None)
        .unwrap();
    drop(store);
    let store = open(&path);
    assert_eq!(store.feeds().unwrap().len(), 1);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_depeche_is_refused_and_left_byte_identical() {
    let dir = temp();
    let path = dir.path().join(FILE_NAME);
    drop(open(&path));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, StoreError::TooNew { found, .. } if found == SCHEMA_VERSION + 7));
    let message = error.to_string();
    assert!(message.contains("newer depeche"), "{message}");
    assert!(message.contains("left untouched"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Nothing else appeared beside it but what a reader may leave.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(names, [FILE_NAME]);
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_never_deleted() {
    let dir = temp();
    let path = dir.path().join(FILE_NAME);
    let garbage = b"this is not a database, but someone's notes \xff\x00".repeat(300);
    std::fs::write(&path, &garbage).unwrap();
    let opened = Store::open(&path).unwrap();
    let moved = opened.moved_aside.expect("moved aside");
    assert_eq!(std::fs::read(&moved).unwrap(), garbage);
    assert!(
        moved
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("depeche.db.damaged-")
    );
    let mut store = opened.store;
    store
        .add_feed("https://a.example/", None, None, None)
        .unwrap();
    store.integrity_check().unwrap();
}

#[test]
fn a_truncated_database_is_moved_aside() {
    let dir = temp();
    let path = dir.path().join(FILE_NAME);
    {
        let mut store = open(&path);
        let (feed, _) = store
            .add_feed("https://a.example/", None, None, None)
            .unwrap();
        let many = (0..2000)
            .map(|i| item(&format!("k{i}"), Some(&format!("https://a.example/{i}")), i))
            .collect();
        store.record_refresh(feed, &items(many)).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 64 * 1024);
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let _ = std::fs::remove_file(dir.path().join(format!("{FILE_NAME}-wal")));
    let opened = Store::open(&path).unwrap();
    let moved = opened.moved_aside.expect("damage noticed");
    assert_eq!(std::fs::read(moved).unwrap().len(), bytes.len() / 2);
    assert!(opened.store.feeds().unwrap().is_empty());
}

#[test]
fn feeds_items_read_state_and_dedup() {
    let mut store = Store::in_memory();
    let (feed, new) = store
        .add_feed("https://a.example/feed", None, None, Some("News"))
        .unwrap();
    assert!(new);
    assert_eq!(
        store
            .add_feed("https://a.example/feed", Some("T"), None, None)
            .unwrap(),
        (feed, false)
    );
    let first = items(vec![
        item("g1", Some("https://a.example/1"), 100),
        item("g2", Some("https://a.example/2"), 200),
        item("g3", None, 300),
    ]);
    assert_eq!(store.record_refresh(feed, &first).unwrap(), 3);
    let row = store.feed("https://a.example/feed").unwrap().unwrap();
    assert_eq!((row.items, row.unread), (3, 3));
    assert_eq!(row.title.as_deref(), Some("T"));
    assert_eq!(row.category.as_deref(), Some("News"));
    assert!(row.last_success.is_some() && row.last_error.is_none());

    let list = store.items(Some(feed), false, 0, 10).unwrap();
    let titles: Vec<&str> = list.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["title g3", "title g2", "title g1"]);
    assert!(store.set_read(list[1].id, true).unwrap());
    assert!(!store.set_read(list[1].id, true).unwrap());

    // Again, with one known key, one known link under a new guid, one new.
    let second = items(vec![
        item("g1", Some("https://a.example/1"), 100),
        item("g2-renamed", Some("https://a.example/2"), 200),
        item("g4", Some("https://a.example/4"), 400),
    ]);
    assert_eq!(store.record_refresh(feed, &second).unwrap(), 1);
    let row = store.feed("https://a.example/feed").unwrap().unwrap();
    assert_eq!((row.items, row.unread), (4, 3));
    // Read state kept.
    assert!(store.item(list[1].id).unwrap().unwrap().row.read);

    // A failure is recorded, the rest kept.
    let failed = RefreshRecord {
        error: Some("timed out".into()),
        ..RefreshRecord::default()
    };
    store.record_refresh(feed, &failed).unwrap();
    let row = store.feed("https://a.example/feed").unwrap().unwrap();
    assert_eq!(row.last_error.as_deref(), Some("timed out"));
    assert_eq!(row.items, 4);

    // Next unread goes down the list and wraps.
    let order: Vec<i64> = store
        .items(Some(feed), false, 0, 10)
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    let first_unread = store.next_unread(Some(feed), None).unwrap().unwrap();
    assert_eq!(first_unread, order[0]);
    let after = store
        .next_unread(Some(feed), Some(order[0]))
        .unwrap()
        .unwrap();
    assert_eq!(after, order[1]);
    // order[2] is g2, read: skipped.
    let after = store
        .next_unread(Some(feed), Some(order[1]))
        .unwrap()
        .unwrap();
    assert_eq!(after, order[3]);
    assert_eq!(
        store.next_unread(Some(feed), Some(order[3])).unwrap(),
        Some(order[0])
    );

    assert_eq!(store.mark_all_read(Some(feed)).unwrap(), 3);
    assert_eq!(store.next_unread(None, None).unwrap(), None);
    assert!(store.remove_feed("https://a.example/feed").unwrap());
    assert!(store.items(None, false, 0, 10).unwrap().is_empty());
    assert!(!store.remove_feed("https://a.example/feed").unwrap());
}

#[test]
fn not_modified_keeps_the_validators() {
    let mut store = Store::in_memory();
    let (feed, _) = store
        .add_feed("https://a.example/", None, None, None)
        .unwrap();
    let record = RefreshRecord {
        etag: Some("\"v1\"".into()),
        last_modified: Some("Tue, 06 Jan 2026 10:00:00 GMT".into()),
        ..RefreshRecord::default()
    };
    store.record_refresh(feed, &record).unwrap();
    let not_modified = RefreshRecord {
        not_modified: true,
        ..RefreshRecord::default()
    };
    store.record_refresh(feed, &not_modified).unwrap();
    let row = store.feed("https://a.example/").unwrap().unwrap();
    assert_eq!(row.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        row.last_modified.as_deref(),
        Some("Tue, 06 Jan 2026 10:00:00 GMT")
    );
}

#[test]
fn marking_an_item_read_writes_one_row() {
    let mut store = Store::in_memory();
    let (feed, _) = store
        .add_feed("https://a.example/", None, None, None)
        .unwrap();
    let many = (0..500).map(|i| item(&format!("k{i}"), None, i)).collect();
    store.record_refresh(feed, &items(many)).unwrap();
    let id = store.items(None, false, 0, 1).unwrap()[0].id;
    let before = store.total_changes();
    assert!(store.set_read(id, true).unwrap());
    assert_eq!(store.total_changes() - before, 1);
    assert!(!store.set_read(id, true).unwrap());
    assert_eq!(store.total_changes() - before, 1);
    assert_eq!(
        store.feed("https://a.example/").unwrap().unwrap().unread,
        499
    );
}

#[test]
fn positions_marks_history_and_articles_last() {
    let dir = temp();
    let path = dir.path().join(FILE_NAME);
    let file_key = DocumentKey::for_file(Path::new("Cargo.toml"), b"some bytes");
    let url_key = DocumentKey::Url("https://news.example/a".into());
    {
        let mut store = open(&path);
        let at = Position {
            section: 2,
            block: Some(5),
            offset: 120,
        };
        store
            .save_position(&DocumentKey::Bundled, "coalition", at)
            .unwrap();
        store
            .save_position(
                &DocumentKey::Bundled,
                "coalition",
                Position { offset: 130, ..at },
            )
            .unwrap();
        store
            .save_position(&file_key, "a1", Position::default())
            .unwrap();
        store.set_mark(&url_key, "a", 'a', at).unwrap();
        store
            .set_mark(&url_key, "a", 'b', Position::default())
            .unwrap();
        store
            .set_mark(
                &url_key,
                "a",
                'a',
                Position {
                    block: Some(9),
                    ..at
                },
            )
            .unwrap();
        for (query, regex) in [
            ("kyiv", false),
            ("macron", false),
            ("kyiv", true),
            ("élysée", false),
        ] {
            store.push_search(query, regex).unwrap();
        }
        store
            .store_article(
                "url:https://news.example/a",
                Some("https://news.example/a"),
                "{\"format\":1}",
            )
            .unwrap();
    }
    let store = open(&path);
    assert_eq!(
        store.position(&DocumentKey::Bundled, "coalition").unwrap(),
        Some(Position {
            section: 2,
            block: Some(5),
            offset: 130
        })
    );
    assert_eq!(
        store.position(&file_key, "a1").unwrap(),
        Some(Position::default())
    );
    // Another version of the file is another document.
    let edited = DocumentKey::for_file(Path::new("Cargo.toml"), b"other bytes");
    assert_eq!(store.position(&edited, "a1").unwrap(), None);
    let marks = store.marks(&url_key, "a").unwrap();
    assert_eq!(marks.len(), 2);
    assert_eq!(
        marks[0],
        (
            'a',
            Position {
                section: 2,
                block: Some(9),
                offset: 120
            }
        )
    );
    let history: Vec<(String, bool)> = store
        .search_history(10)
        .unwrap()
        .into_iter()
        .map(|s| (s.query, s.regex))
        .collect();
    // Used again, a search moves to the front with the mode it was used in.
    assert_eq!(
        history,
        [
            ("élysée".to_string(), false),
            ("kyiv".to_string(), true),
            ("macron".to_string(), false)
        ]
    );
    assert_eq!(
        store.positions(&DocumentKey::Bundled).unwrap(),
        [(
            "coalition".to_string(),
            Position {
                section: 2,
                block: Some(5),
                offset: 130
            }
        )]
    );
    let all = store.document_marks(&url_key).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!((all[1].0.as_str(), all[1].1), ("a", 'b'));
    assert_eq!(
        store
            .article("url:https://news.example/a")
            .unwrap()
            .as_deref(),
        Some("{\"format\":1}")
    );
}

/// A database written by the first schema is migrated in place: its
/// positions, marks and searches are kept, and a heading can now be a place.
#[test]
fn a_version_1_database_is_migrated_and_keeps_its_rows() {
    let dir = temp();
    let path = dir.path().join(FILE_NAME);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(depeche::store::schema::MIGRATIONS[0])
            .unwrap();
        conn.execute_batch(
            "INSERT INTO positions VALUES ('bundled', 'coalition', 3, 4, 17, 100);
             INSERT INTO marks VALUES ('bundled', 'coalition', 'x', 1, 2, 3);
             INSERT INTO search_history VALUES ('otan', 1);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let mut store = open(&path);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    store.integrity_check().unwrap();
    assert_eq!(
        store.position(&DocumentKey::Bundled, "coalition").unwrap(),
        Some(Position {
            section: 3,
            block: Some(4),
            offset: 17
        })
    );
    assert_eq!(
        store.marks(&DocumentKey::Bundled, "coalition").unwrap(),
        [(
            'x',
            Position {
                section: 1,
                block: Some(2),
                offset: 3
            }
        )]
    );
    let history = store.search_history(5).unwrap();
    assert_eq!(
        (history[0].query.as_str(), history[0].regex),
        ("otan", false)
    );
    let heading = Position {
        section: 2,
        block: None,
        offset: 0,
    };
    store
        .save_position(&DocumentKey::Bundled, "coalition", heading)
        .unwrap();
    assert_eq!(
        store.position(&DocumentKey::Bundled, "coalition").unwrap(),
        Some(heading)
    );
}

#[test]
fn search_history_is_capped() {
    let mut store = Store::in_memory();
    for i in 0..(depeche::store::SEARCH_HISTORY_SIZE + 50) {
        store.push_search(&format!("q{i}"), false).unwrap();
    }
    let history = store.search_history(10_000).unwrap();
    assert_eq!(history.len(), depeche::store::SEARCH_HISTORY_SIZE);
    assert_eq!(
        history[0].query,
        format!("q{}", depeche::store::SEARCH_HISTORY_SIZE + 49)
    );
}

#[test]
fn two_connections_write_at_once() {
    let dir = temp();
    let path = dir.path().join(FILE_NAME);
    drop(open(&path));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = open(&path);
                let (feed, _) = store
                    .add_feed(&format!("https://w{w}.example/"), None, None, None)
                    .unwrap();
                for round in 0..100 {
                    let batch = (0..5)
                        .map(|i| item(&format!("{round}-{i}"), None, round))
                        .collect();
                    store.record_refresh(feed, &items(batch)).unwrap();
                    store.push_search(&format!("w{w}-{round}"), false).unwrap();
                    let id = store.items(Some(feed), false, 0, 1).unwrap()[0].id;
                    store.set_read(id, true).unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let store = open(&path);
    store.integrity_check().unwrap();
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.len(), 2);
    assert!(feeds.iter().all(|f| f.items == 500));
    assert_eq!(store.search_history(1000).unwrap().len(), 200);
}

/// Two processes, not just two connections: each a child writing.
#[test]
fn two_processes_write_at_once() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let dir = temp();
    let path = dir.path().join(FILE_NAME);
    drop(open(&path));
    let children: Vec<_> = (0..2)
        .map(|_| {
            child("writer", &path)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let store = open(&path);
    store.integrity_check().unwrap();
    assert_eq!(
        store.items(None, false, 0, 100_000).unwrap().len(),
        2 * 50 * 10
    );
}

/// A child killed with SIGKILL in the middle of writing leaves a consistent
/// database holding every transaction it reported committed.
#[cfg(unix)]
#[test]
fn kill_9_mid_write_loses_nothing_committed() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let dir = temp();
    let path = dir.path().join(FILE_NAME);
    drop(open(&path));
    let mut writer = child("endless", &path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(writer.stdout.take().unwrap()).lines();
    let mut committed = 0;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("committed ") {
            committed = n.parse::<u32>().unwrap();
            if committed >= 40 {
                break;
            }
        }
    }
    // SIGKILL: no destructor, no flush, no checkpoint.
    writer.kill().unwrap();
    writer.wait().unwrap();
    assert!(committed >= 40);
    let store = open(&path);
    store.integrity_check().unwrap();
    let rows = store.items(None, false, 0, 1_000_000).unwrap();
    // Transactions are whole: a multiple of the batch size, at least what was reported.
    assert_eq!(rows.len() % 100, 0, "{} rows", rows.len());
    assert!(
        rows.len() >= committed as usize * 100,
        "{} rows for {committed}",
        rows.len()
    );
    for n in 1..=committed {
        let doc = DocumentKey::Url(format!("https://kill.example/{n}"));
        assert!(
            store.position(&doc, "a").unwrap().is_some(),
            "position {n} lost"
        );
    }
}

/// `XDG_DATA_HOME` decides where the database goes (set in a child: setting
/// the environment here would race with other tests).
#[test]
fn the_default_path_follows_xdg_data_home() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let dir = temp();
    let status = child("xdg", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(dir.path().join("depeche").join(FILE_NAME).is_file());
    let over = temp();
    assert_eq!(
        depeche::store::default_path(Some(over.path())).unwrap(),
        over.path().join(FILE_NAME)
    );
}

#[test]
fn child_roles() {
    let Some(role) = std::env::var_os(CHILD) else {
        return;
    };
    let path = PathBuf::from(std::env::var_os(CHILD_PATH).unwrap());
    match role.to_str().unwrap() {
        "writer" => {
            let mut store = open(&path);
            let (feed, _) = store
                .add_feed(
                    &format!("https://p{}.example/", std::process::id()),
                    None,
                    None,
                    None,
                )
                .unwrap();
            for round in 0..50 {
                let batch = (0..10)
                    .map(|i| item(&format!("{round}-{i}"), None, round))
                    .collect();
                store.record_refresh(feed, &items(batch)).unwrap();
            }
        }
        "endless" => {
            use std::io::Write;
            let mut store = open(&path);
            let (feed, _) = store
                .add_feed("https://kill.example/", None, None, None)
                .unwrap();
            let mut out = std::io::stdout().lock();
            for n in 1..100_000u32 {
                let batch = (0..100)
                    .map(|i| item(&format!("{n}-{i}"), None, i64::from(n)))
                    .collect();
                store.record_refresh(feed, &items(batch)).unwrap();
                let doc = DocumentKey::Url(format!("https://kill.example/{n}"));
                store.save_position(&doc, "a", Position::default()).unwrap();
                writeln!(out, "committed {n}").unwrap();
                out.flush().unwrap();
            }
        }
        "xdg" => {
            let default = depeche::store::default_path(None).unwrap();
            assert_eq!(default, path.join("depeche").join(FILE_NAME));
            open(&default);
        }
        other => panic!("unknown role {other}"),
    }
}
