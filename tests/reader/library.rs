//! The library's screens through `App::update` and the key table: what is
//! asked of the workers (`Effect::Library`), what their answers show, the
//! keys of the lists and of an item being read, and that nothing waits.

use std::sync::Arc;

use crate::common::corpora::sample_corpus;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use depeche::corpus::model::Corpus;
use depeche::reader::keymap::action_for_key;
use depeche::reader::library::{
    FeedEntry, ItemEntry, Level, LibraryEvent, LibraryKey, LibraryRequest, Which,
};
use depeche::reader::memory::Remember;
use depeche::reader::{Action, App, Built, Effect, Motion, Options, Screen};

fn feed(id: i64, name: &str, unread: u64) -> FeedEntry {
    FeedEntry {
        id,
        name: name.into(),
        url: format!("http://127.0.0.1/{id}.xml"),
        site_url: Some(format!("http://127.0.0.1/{id}/")),
        unread,
        items: unread + 1,
        last_refresh: Some(1_767_700_000),
        last_error: None,
    }
}

fn item(id: i64, feed_id: i64, read: bool) -> ItemEntry {
    ItemEntry {
        id,
        feed_id,
        title: format!("Item {id}"),
        feed: format!("Feed {feed_id}"),
        date: Some(1_767_700_000 - id * 3600),
        read,
        url: Some(format!("http://127.0.0.1/items/{id}.html")),
    }
}

fn requests(app: &mut App) -> Vec<LibraryRequest> {
    app.take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Library(r) => Some(r),
            _ => None,
        })
        .collect()
}

fn message(app: &App) -> Option<&str> {
    app.message.as_ref().map(|m| m.value.text.as_str())
}

/// The library at 80×24 with two feeds loaded, the feed list shown.
fn library() -> App {
    let mut app = App::new(Corpus::default(), Options { color: false });
    app.open_library(false);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(requests(&mut app), [LibraryRequest::Feeds]);
    app.update(Action::LibraryEvent(LibraryEvent::Feeds(vec![
        feed(1, "Le Monde", 2),
        feed(2, "Libération", 0),
    ])));
    app
}

/// The library showing feed 1's items (two unread, one read).
fn items() -> App {
    let mut app = library();
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::Enter);
    assert_eq!(requests(&mut app), [LibraryRequest::Items(Which::Feed(1))]);
    app.update(Action::LibraryEvent(LibraryEvent::Items {
        which: Which::Feed(1),
        items: vec![item(10, 1, false), item(11, 1, true), item(12, 1, false)],
    }));
    app
}

fn opened(generation: u64, item: i64) -> Action {
    Action::LibraryEvent(LibraryEvent::Opened {
        generation,
        item,
        document: format!("url:http://127.0.0.1/items/{item}.html"),
        corpus: Built(Arc::new(sample_corpus())),
        notes: Vec::new(),
    })
}

fn library_ref(app: &App) -> &depeche::reader::library::Library {
    app.library.as_deref().expect("the library")
}

#[test]
fn the_feeds_then_a_feeds_items_then_an_item() {
    let mut app = items();
    let library = library_ref(&app);
    assert_eq!(library.level, Level::Items);
    assert_eq!(library.items.len(), 3);
    app.update(Action::Enter);
    let asked = requests(&mut app);
    let [
        LibraryRequest::Open {
            item: 10,
            generation,
        },
    ] = asked.as_slice()
    else {
        panic!("{asked:?}");
    };
    assert!(app.library_opening());
    assert_eq!(app.screen, Screen::Library, "nothing waits for the article");
    app.update(opened(*generation, 10));
    assert_eq!(app.screen, Screen::Reader);
    assert_eq!(app.corpus.articles[0].id, sample_corpus().articles[0].id);
    assert!(!app.library_opening());
    let effects = app.take_effects();
    assert!(
        effects.contains(&Effect::Library(LibraryRequest::SetRead {
            item: 10,
            read: true
        })),
        "read once opened: {effects:?}"
    );
    assert!(effects.contains(&Effect::Remember(Remember::Recall {
        document: "url:http://127.0.0.1/items/10.html".into()
    })));
    let library = library_ref(&app);
    assert!(library.items[0].read);
    assert_eq!(library.feeds[0].unread, 1);
    assert_eq!(library.reading, Some(10));
}

#[test]
fn an_answer_no_longer_awaited_is_dropped_and_esc_cancels() {
    let mut app = items();
    app.update(Action::Enter);
    let first = match requests(&mut app).as_slice() {
        [LibraryRequest::Open { generation, .. }] => *generation,
        other => panic!("{other:?}"),
    };
    app.update(Action::LibraryEvent(LibraryEvent::Fetching {
        generation: first,
        url: "http://127.0.0.1/items/10.html".into(),
    }));
    let opening = library_ref(&app).opening.clone().expect("opening");
    assert_eq!(
        opening.fetching.as_deref(),
        Some("http://127.0.0.1/items/10.html")
    );
    // Esc in the list while it is fetched: cancelled, nothing else.
    assert_eq!(
        action_for_key(
            app.key_context(),
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)
        ),
        Some(Action::Library(LibraryKey::Cancel))
    );
    app.update(Action::Library(LibraryKey::Cancel));
    assert_eq!(
        requests(&mut app),
        [LibraryRequest::Cancel { generation: first }]
    );
    assert_eq!(message(&app), Some("cancelled"));
    assert_eq!(library_ref(&app).level, Level::Items);
    app.update(opened(first, 10));
    assert_eq!(app.screen, Screen::Library, "a cancelled answer is dropped");
    // A second Enter while the first is fetched replaces it.
    app.update(Action::Enter);
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::Enter);
    let asked = requests(&mut app);
    assert!(matches!(
        asked.as_slice(),
        [
            LibraryRequest::Open { item: 10, .. },
            LibraryRequest::Cancel { .. },
            LibraryRequest::Open { item: 11, .. }
        ]
    ));
    let LibraryRequest::Open { generation, .. } = asked[2] else {
        unreachable!()
    };
    app.update(Action::LibraryEvent(LibraryEvent::OpenFailed {
        generation,
        error: "http://127.0.0.1/items/11.html: the server answered 404 (not found)".into(),
    }));
    assert!(message(&app).is_some_and(|m| m.contains("404")));
    assert_eq!(app.screen, Screen::Library);
}

#[test]
fn read_and_unread_mark_all_and_next_unread() {
    let mut app = items();
    app.update(Action::Library(LibraryKey::ToggleRead));
    assert!(library_ref(&app).items[0].read);
    assert_eq!(library_ref(&app).feeds[0].unread, 1);
    assert_eq!(
        requests(&mut app),
        [LibraryRequest::SetRead {
            item: 10,
            read: true
        }]
    );
    app.update(Action::Library(LibraryKey::ToggleRead));
    assert!(!library_ref(&app).items[0].read);
    requests(&mut app);
    // `.`: from item 10, the next unread is 12 (11 is read).
    app.update(Action::Library(LibraryKey::NextUnread));
    assert_eq!(library_ref(&app).item_list.selected, 2);
    app.update(Action::Library(LibraryKey::NextUnread));
    assert_eq!(message(&app), Some("no unread item below in this list"));
    app.update(Action::Library(LibraryKey::MarkAllRead));
    assert!(library_ref(&app).items.iter().all(|i| i.read));
    assert_eq!(library_ref(&app).feeds[0].unread, 0);
    assert_eq!(library_ref(&app).feeds[1].unread, 0);
    assert_eq!(
        requests(&mut app),
        [LibraryRequest::MarkAllRead(Which::Feed(1))]
    );
}

#[test]
fn next_unread_from_an_article_opens_it_and_q_goes_back_to_the_list() {
    let mut app = items();
    app.update(Action::Enter);
    let LibraryRequest::Open { generation, .. } = requests(&mut app)[0] else {
        panic!()
    };
    app.update(opened(generation, 10));
    app.take_effects();
    let ctx = app.key_context();
    let key = |c| action_for_key(ctx, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    assert_eq!(key('q'), Some(Action::Library(LibraryKey::Back)));
    assert_eq!(key('.'), Some(Action::Library(LibraryKey::NextUnread)));
    assert_eq!(key('n'), Some(Action::SearchNext), "n stays the search's");
    app.update(Action::Library(LibraryKey::NextUnread));
    assert!(matches!(
        requests(&mut app).as_slice(),
        [LibraryRequest::Open { item: 12, .. }]
    ));
    // q: the list again, where the item read was left remembered.
    app.update(Action::Library(LibraryKey::Cancel));
    app.update(Action::Move(Motion::PageDown));
    app.update(Action::Library(LibraryKey::Back));
    assert_eq!(app.screen, Screen::Library);
    assert_eq!(library_ref(&app).level, Level::Items);
    assert!(
        app.take_effects()
            .iter()
            .any(|e| matches!(e, Effect::Remember(Remember::Place { .. }))),
        "the place left is saved"
    );
    // q again: the feeds; and from the feeds, quit.
    app.update(Action::Library(LibraryKey::BackOrQuit));
    assert_eq!(library_ref(&app).level, Level::Feeds);
    assert_eq!(library_ref(&app).feed_list.selected, 1, "the feed left");
    assert!(!app.should_quit());
    app.update(Action::Library(LibraryKey::BackOrQuit));
    assert!(app.should_quit());
}

#[test]
fn refresh_this_feed_or_all_and_its_progress() {
    let mut app = items();
    app.update(Action::Library(LibraryKey::RefreshThis));
    assert_eq!(
        requests(&mut app),
        [LibraryRequest::Refresh(Which::Feed(1))]
    );
    app.update(Action::Library(LibraryKey::RefreshAll));
    assert_eq!(message(&app), Some("a refresh is under way"));
    assert_eq!(requests(&mut app), []);
    app.update(Action::LibraryEvent(LibraryEvent::RefreshStarted {
        total: 1,
    }));
    app.update(Action::LibraryEvent(LibraryEvent::RefreshProgress {
        done: 1,
        total: 1,
        name: "Le Monde".into(),
        error: Some("the server answered 500".into()),
    }));
    let refreshing = library_ref(&app).refreshing.clone().expect("under way");
    assert_eq!((refreshing.done, refreshing.failed), (1, 1));
    app.update(Action::LibraryEvent(LibraryEvent::RefreshDone {
        summary: "refreshed 1/1 feed: 0 new items; 1 failed".into(),
        failed: 1,
    }));
    assert!(library_ref(&app).refreshing.is_none());
    assert!(app.message.as_ref().is_some_and(|m| m.value.error));
    // The lists come again.
    assert_eq!(
        requests(&mut app),
        [LibraryRequest::Feeds, LibraryRequest::Items(Which::Feed(1))]
    );
}

#[test]
fn offline_nothing_is_refreshed() {
    let mut app = App::new(Corpus::default(), Options { color: false });
    app.open_library(true);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.take_effects();
    app.update(Action::Library(LibraryKey::RefreshAll));
    assert_eq!(requests(&mut app), []);
    assert!(message(&app).is_some_and(|m| m.starts_with("offline")));
}

#[test]
fn the_lists_keys_and_the_readers() {
    let app = library();
    let ctx = app.key_context();
    let key = |code| action_for_key(ctx, KeyEvent::new(code, KeyModifiers::NONE));
    assert_eq!(
        key(KeyCode::Char('q')),
        Some(Action::Library(LibraryKey::BackOrQuit))
    );
    assert_eq!(
        key(KeyCode::Char('j')),
        Some(Action::Move(Motion::LineDown))
    );
    assert_eq!(key(KeyCode::Enter), Some(Action::Enter));
    assert_eq!(
        key(KeyCode::Char('r')),
        Some(Action::Library(LibraryKey::RefreshThis))
    );
    assert_eq!(
        key(KeyCode::Char('o')),
        Some(Action::Library(LibraryKey::OpenOriginal))
    );
    // The reader's own keys do nothing over a list.
    assert_eq!(key(KeyCode::Char('/')), None);
    assert_eq!(key(KeyCode::Tab), None);
    assert_eq!(key(KeyCode::Char(']')), None);
}

#[test]
fn o_opens_the_items_page_and_the_feeds_site() {
    let mut app = items();
    app.update(Action::Library(LibraryKey::OpenOriginal));
    assert!(
        app.take_effects()
            .contains(&Effect::OpenUrl("http://127.0.0.1/items/10.html".into()))
    );
    app.update(Action::Library(LibraryKey::BackOrQuit));
    app.take_effects();
    app.update(Action::Library(LibraryKey::OpenOriginal));
    assert!(
        app.take_effects()
            .contains(&Effect::OpenUrl("http://127.0.0.1/1/".into()))
    );
}

#[test]
fn a_reloaded_list_keeps_the_selected_item_and_drops_other_feeds_answers() {
    let mut app = items();
    app.update(Action::Move(Motion::Bottom));
    app.update(Action::LibraryEvent(LibraryEvent::Items {
        which: Which::Feed(1),
        items: vec![
            item(9, 1, false),
            item(10, 1, false),
            item(11, 1, true),
            item(12, 1, false),
        ],
    }));
    let library = library_ref(&app);
    assert_eq!(library.items[library.item_list.selected].id, 12);
    app.update(Action::LibraryEvent(LibraryEvent::Items {
        which: Which::Feed(2),
        items: vec![item(20, 2, false)],
    }));
    assert_eq!(library_ref(&app).items.len(), 4);
    app.check_invariants().unwrap();
}

#[test]
fn a_long_library_moves_a_page_at_a_time_and_stays_sound() {
    let mut app = library();
    app.update(Action::Enter);
    let many: Vec<ItemEntry> = (0..10_000)
        .map(|i| item(i, 1 + i % 2, i % 3 == 0))
        .collect();
    app.update(Action::LibraryEvent(LibraryEvent::Items {
        which: Which::All,
        items: many,
    }));
    app.update(Action::Move(Motion::PageDown));
    let page = library_ref(&app).item_list.selected;
    assert!(page > 10, "{page}");
    app.update(Action::Move(Motion::Bottom));
    assert_eq!(library_ref(&app).item_list.selected, 9_999);
    app.update(Action::Resize {
        width: 40,
        height: 12,
    });
    app.check_invariants().unwrap();
    let shown = crate::common::corpora::screen(&app);
    assert!(shown.contains("Item 9999"), "{shown}");
}

#[test]
fn the_help_over_the_library_opens_at_the_librarys_keys() {
    let mut app = library();
    app.update(Action::Help);
    let rows = depeche::reader::help::help_rows(&app.settings.keymap, app.help.inner().width);
    let first = &rows[app.help.offset];
    assert!(app.help.offset > 0);
    assert!(first.text.starts_with("In the library"), "{first:?}");
    // Closed and opened over an article, it starts at the top as ever.
    app.update(Action::Help);
    app.screen = Screen::Reader;
    app.update(Action::Help);
    assert_eq!(app.help.offset, 0);
}
