//! A configuration file: never a panic, whatever the bytes. A file that is
//! accepted is used: the bundled article, then the library (a feed known by
//! its URL, an item list), each drawn at a fuzzed size with its layout,
//! theme and keys (every key it binds pressed once), the reader's
//! invariants checked, and every link the frame reports must make one clean
//! OSC 8.
//!
//! Input: bytes 0 and 1 give the width and height (0..=255); the rest is the
//! file (UTF-8 or refused, as depeche reads it).
#![no_main]

use depeche::corpus::model::Corpus;
use depeche::reader::library::{FeedEntry, ItemEntry, LibraryEvent, Which};
use depeche::reader::{Action, App, Options};
use depeche::runtime::hyperlinks::osc8_open;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| {
    let [width, height, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(config) = depeche::config::parse(text, "fuzz.toml") else {
        return;
    };
    let corpus = depeche::corpus::load_bundled().unwrap();
    let (width, height) = (u16::from(*width), u16::from(*height));
    let theme = config.theme.resolve(true, Some(width % 2 == 0));
    let mut app = App::with_settings(corpus, Options { color: true }, config.settings.clone());
    app.update(Action::Resize { width, height });
    press_every_key(&mut app, &config);
    draw(&app, theme, width, height);

    let mut library = App::with_settings(
        Corpus::default(),
        Options { color: true },
        config.settings.clone(),
    );
    library.open_library(false);
    library.update(Action::Resize { width, height });
    let url = "https://news.example/feed.xml";
    library.update(Action::LibraryEvent(LibraryEvent::Feeds(vec![FeedEntry {
        id: 1,
        name: url.into(),
        url: url.into(),
        site_url: None,
        unread: 1,
        items: 1,
        last_refresh: None,
        last_error: Some("503".into()),
    }])));
    library.update(Action::Enter);
    library.update(Action::LibraryEvent(LibraryEvent::Items {
        which: Which::All,
        items: vec![ItemEntry {
            id: 1,
            feed_id: 1,
            title: url.into(),
            feed: url.into(),
            date: None,
            read: false,
            url: Some(url.into()),
        }],
    }));
    draw(&library, theme, width, height);
    press_every_key(&mut library, &config);
    draw(&library, theme, width, height);
});

/// Every key the configuration binds, pressed once where the app is (quit left out).
fn press_every_key(app: &mut App, config: &depeche::config::Config) {
    let keymap = config.settings.keymap.clone();
    for key in keymap.bound_keys() {
        if let Some(action) = keymap
            .action_for_key(app.key_context(), key.event())
            .filter(|a| *a != Action::Quit)
        {
            app.update(action);
            app.check_invariants().unwrap();
        }
    }
}

/// Draws `app`; every link must make one clean OSC 8.
fn draw(app: &App, theme: depeche::ui::Theme, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut links = Vec::new();
    terminal
        .draw(|frame| links = depeche::ui::draw_with(frame, app, theme).links)
        .unwrap();
    for link in links {
        if let Some(sequence) = osc8_open(&link.id, &link.url) {
            assert!(!sequence[2..sequence.len() - 2].contains('\u{1b}'));
        }
    }
}
