//! The library on screen: the feed list (unread counts, a failed refresh
//! marked ✗ with its reason in the status line) and a feed's items (unread
//! marked ●, read ones dimmed), at 120×40, 80×24 and 40×12; work under way
//! in the status line.

use crate::common::corpora::screen;
use crate::common::robust::{assert_sound, draw};
use depeche::corpus::model::Corpus;
use depeche::reader::library::{FeedEntry, ItemEntry, LibraryEvent, Which};
use depeche::reader::{Action, App, Motion, Options, Settings};
use insta::assert_snapshot;

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];

pub fn feeds() -> Vec<FeedEntry> {
    let feed = |id: i64, name: &str, unread: u64, error: Option<&str>| FeedEntry {
        id,
        name: name.into(),
        url: format!("https://news{id}.example/feed.xml"),
        site_url: None,
        unread,
        items: 40,
        last_refresh: Some(1_767_715_200 + id * 60),
        last_error: error.map(str::to_string),
    };
    vec![
        feed(1, "Le Monde — International", 12, None),
        feed(2, "Libération", 0, None),
        feed(
            3,
            "Мeduza: новости",
            3,
            Some("the server answered 503 (service unavailable)"),
        ),
        feed(
            4,
            "日本経済新聞 電子版 — 国際ニュースの長いタイトル",
            1,
            None,
        ),
    ]
}

pub fn items() -> Vec<ItemEntry> {
    let item = |id: i64, title: &str, read: bool| ItemEntry {
        id,
        feed_id: 1,
        title: title.into(),
        feed: "Le Monde — International".into(),
        date: Some(1_767_715_200 - id * 86_400),
        read,
        url: Some(format!("https://news1.example/{id}.html")),
    };
    vec![
        item(
            1,
            "Coalition des volontaires : trente-cinq pays réunis à l’Élysée",
            false,
        ),
        item(
            2,
            "Ukraine : ce que contiennent les garanties de sécurité 🇺🇦",
            true,
        ),
        item(3, "L’hiver, les trains et nous", false),
        item(
            4,
            "« Nous devons défendre notre indépendance », dit Emmanuel Macron",
            true,
        ),
    ]
}

fn library(width: u16, height: u16) -> App {
    library_with(Settings::default(), feeds(), width, height)
}

/// The library at `width`×`height` with `settings` (keys, layout), `feeds`
/// listed.
pub fn library_with(settings: Settings, feeds: Vec<FeedEntry>, width: u16, height: u16) -> App {
    let mut app = App::with_settings(Corpus::default(), Options { color: true }, settings);
    app.open_library(false);
    app.update(Action::Resize { width, height });
    app.update(Action::LibraryEvent(LibraryEvent::Feeds(feeds)));
    app
}

/// From the feed list: the first feed's [`items`], the third selected.
pub fn show_items(app: &mut App) {
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::Enter);
    app.update(Action::LibraryEvent(LibraryEvent::Items {
        which: Which::Feed(1),
        items: items(),
    }));
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::Move(Motion::LineDown));
    app.take_effects();
}

#[test]
fn the_feed_list() {
    for (w, h) in SIZES {
        let mut app = library(w, h);
        // The feed whose refresh failed: ✗, and why in the status line.
        app.update(Action::Move(Motion::LineDown));
        app.update(Action::Move(Motion::LineDown));
        app.update(Action::Move(Motion::LineDown));
        assert_sound(&app, &draw(&app), &format!("feeds {w}x{h}"));
        let shown = screen(&app);
        assert!(shown.contains('✗'), "{shown}");
        assert_snapshot!(format!("library_feeds_{w}x{h}"), shown);
    }
}

#[test]
fn a_feeds_items() {
    for (w, h) in SIZES {
        let mut app = library(w, h);
        show_items(&mut app);
        // An item being opened: its page fetched, said in the status line.
        app.update(Action::Enter);
        let generation = match app.take_effects().as_slice() {
            [
                depeche::reader::Effect::Library(depeche::reader::library::LibraryRequest::Open {
                    generation,
                    ..
                }),
            ] => *generation,
            other => panic!("{other:?}"),
        };
        app.update(Action::LibraryEvent(LibraryEvent::Fetching {
            generation,
            url: "https://news1.example/3.html".into(),
        }));
        assert_sound(&app, &draw(&app), &format!("items {w}x{h}"));
        let shown = screen(&app);
        assert!(shown.contains('●'), "unread items are marked: {shown}");
        assert_snapshot!(format!("library_items_{w}x{h}"), shown);
    }
}

#[test]
fn before_the_lists_come_and_when_they_are_empty() {
    let mut app = App::new(Corpus::default(), Options { color: false });
    app.open_library(false);
    app.update(Action::Resize {
        width: 60,
        height: 10,
    });
    assert!(screen(&app).contains("loading…"));
    app.update(Action::LibraryEvent(LibraryEvent::Feeds(Vec::new())));
    assert!(screen(&app).contains("no feeds yet: depeche feeds add URL"));
    app.update(Action::Enter);
    app.update(Action::LibraryEvent(LibraryEvent::Items {
        which: Which::All,
        items: Vec::new(),
    }));
    assert!(screen(&app).contains("no items yet: r refreshes this feed, R every feed"));
    assert_sound(&app, &draw(&app), "empty");
}
