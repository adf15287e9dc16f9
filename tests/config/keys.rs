//! `[keys.*]`: a binding given keys in the file replaces its own keys and
//! nothing else's; the help screen and the status bar say the keys in force.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use depeche::config;
use depeche::corpus::model::Corpus;
use depeche::reader::help::help_lines;
use depeche::reader::keymap::{KeyContext, Keymap, Section};
use depeche::reader::library::{LibraryEvent, LibraryKey, Which};
use depeche::reader::memory::MarkKey;
use depeche::reader::{Action, App, Motion, Options, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn keymap(text: &str) -> Keymap {
    let config = config::parse(text, "c").unwrap_or_else(|e| panic!("{e}"));
    (*config.settings.keymap).clone()
}

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn a_rebound_key_does_its_new_action_and_only_it_changes() {
    let keys = keymap("[keys.reader]\nnext-section = [\"J\", \"]\"]\nline-down = \"down\"\n");
    let reading = KeyContext::default();
    let shift = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    assert_eq!(
        keys.action_for_key(reading, shift('J')),
        Some(Action::NextSection)
    );
    assert_eq!(
        keys.action_for_key(reading, press(']')),
        Some(Action::NextSection)
    );
    assert_eq!(
        keys.action_for_key(reading, press('j')),
        None,
        "j is no longer bound"
    );
    assert_eq!(
        keys.action_for_key(reading, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
        Some(Action::Move(Motion::LineDown))
    );
    // Everything the file does not name is as it was.
    let standard = Keymap::standard();
    for binding in keys.bindings() {
        if !matches!(binding.name(), "next-section" | "line-down") {
            let default = standard.find(binding.section(), binding.name()).unwrap();
            assert_eq!(binding.keys, default.keys, "{}", binding.name());
        }
    }
}

#[test]
fn the_help_lists_the_keys_in_force() {
    let keys =
        keymap("[keys.reader]\nsearch = \"s\"\n[keys.prompt]\ncommit = [\"enter\", \"ctrl-j\"]\n");
    let lines = help_lines(&keys);
    let row = |help: &str| {
        lines
            .iter()
            .find(|(_, h)| h.starts_with(help))
            .map(|(k, _)| k.clone())
            .unwrap()
    };
    assert_eq!(row("search as you type"), "s");
    assert_eq!(row("keep the search"), "Enter Ctrl-j");
    assert_eq!(row("next match"), "n");
}

#[test]
fn every_section_exists_and_names_its_bindings() {
    for section in Section::ALL {
        let text = format!("[keys.{}]\n", section.name());
        assert!(config::parse(&text, "c").is_ok(), "{text}");
    }
    // quit is the reader's: the library says what it has.
    let error = config::parse("[keys.library]\nquit = \"q\"\n", "c").unwrap_err();
    let problem = &error.problems[0];
    assert!(
        problem.contains("unknown key binding `quit` in [keys.library], expected one of")
            && problem.contains("`back-or-quit`")
            && problem.contains("`reading-back`"),
        "{error}"
    );
}

#[test]
fn the_status_bar_and_the_help_title_show_the_keys_in_force() {
    let config = config::parse(
        "[keys.reader]\nhelp = \"f1\"\nsearch = \"s\"\nquit = \"x\"\n[keys.lists]\nclose = \"h\"\n",
        "c",
    )
    .unwrap();
    let settings = Settings {
        keymap: config.settings.keymap.clone(),
        ..Settings::default()
    };
    let corpus = depeche::corpus::load_bundled().unwrap();
    let mut app = App::with_settings(corpus, Options { color: true }, settings);
    app.update(Action::Resize {
        width: 200,
        height: 40,
    });
    let screen = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(200, 40)).unwrap();
        terminal
            .draw(|frame| depeche::ui::draw(frame, app))
            .unwrap();
        terminal.backend().to_string()
    };
    let reading = screen(&app);
    let status = reading.lines().nth(39).unwrap();
    assert!(status.contains("F1:help x:quit s:search"), "{status}");
    app.update(Action::Help);
    let help = screen(&app);
    assert!(help.contains("Help — h or F1 closes"), "{help}");
    assert!(help.lines().nth(39).unwrap().contains("h:close"), "{help}");
}

#[test]
fn the_librarys_keys_are_rebound_where_they_apply() {
    let keys = keymap(
        "[keys.library]\nrefresh = \"g\"\nnext-unread = [\"n\", \".\"]\nreading-back = [\"q\", \"left\"]\n\
         [keys.reader]\nset-mark = \"M\"\n",
    );
    let list = KeyContext {
        library_list: true,
        ..KeyContext::default()
    };
    let reading_item = KeyContext {
        library_article: true,
        ..KeyContext::default()
    };
    let opening = KeyContext {
        library_list: true,
        opening: true,
        ..KeyContext::default()
    };
    let lib = |key| Some(Action::Library(key));
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    // In the feeds and items: g refreshes (before the reader's top), r no more.
    assert_eq!(
        keys.action_for_key(list, press('g')),
        lib(LibraryKey::RefreshThis)
    );
    assert_eq!(keys.action_for_key(list, press('r')), None);
    assert_eq!(
        keys.action_for_key(list, press('n')),
        lib(LibraryKey::NextUnread)
    );
    assert_eq!(
        keys.action_for_key(list, press('.')),
        lib(LibraryKey::NextUnread)
    );
    assert_eq!(
        keys.action_for_key(list, press('q')),
        lib(LibraryKey::BackOrQuit)
    );
    assert_eq!(
        keys.action_for_key(list, key(KeyCode::Enter)),
        Some(Action::Enter)
    );
    // Reading an item: ← goes back to the list, n is still the next match.
    assert_eq!(
        keys.action_for_key(reading_item, key(KeyCode::Left)),
        lib(LibraryKey::Back)
    );
    assert_eq!(
        keys.action_for_key(reading_item, press('q')),
        lib(LibraryKey::Back)
    );
    assert_eq!(
        keys.action_for_key(reading_item, press('n')),
        Some(Action::SearchNext)
    );
    // Reading anything else, ← does nothing and g is the top.
    assert_eq!(
        keys.action_for_key(KeyContext::default(), key(KeyCode::Left)),
        None
    );
    assert_eq!(
        keys.action_for_key(KeyContext::default(), press('g')),
        Some(Action::Move(Motion::Top))
    );
    // While an item is fetched, Esc stops it (before the list's back).
    assert_eq!(
        keys.action_for_key(opening, key(KeyCode::Esc)),
        lib(LibraryKey::Cancel)
    );
    // The reader's marks and the article's page are bindings too.
    let shift = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    assert_eq!(
        keys.action_for_key(KeyContext::default(), shift('M')),
        Some(Action::MarkKey(MarkKey::Set))
    );
    assert_eq!(keys.action_for_key(KeyContext::default(), press('m')), None);
    assert_eq!(
        keys.action_for_key(KeyContext::default(), press('\'')),
        Some(Action::MarkKey(MarkKey::Jump))
    );
    assert_eq!(
        keys.action_for_key(KeyContext::default(), shift('O')),
        Some(Action::OpenOriginal)
    );
    // The help says so, under the library's heading.
    let lines = help_lines(&keys);
    let heading = lines
        .iter()
        .position(|(_, h)| h.starts_with("In the library"))
        .unwrap();
    let row = |help: &str| {
        lines
            .iter()
            .position(|(_, h)| h.starts_with(help))
            .map(|i| (i, lines[i].0.clone()))
            .unwrap()
    };
    let (at, keys_shown) = row("refresh this feed");
    assert!(at > heading);
    assert_eq!(keys_shown, "g");
    assert_eq!(row("next unread item").1, "n .");
    assert_eq!(row("reading an item: back").1, "q ←");
    assert_eq!(row("m + letter").1, "M");
}

#[test]
fn the_librarys_status_bar_shows_its_keys_in_force() {
    let config = config::parse(
        "[keys.library]\nrefresh = \"g\"\nback-or-quit = \"x\"\ntoggle-read = \"space\"\n",
        "c",
    )
    .unwrap();
    let settings = Settings {
        keymap: config.settings.keymap.clone(),
        ..Settings::default()
    };
    let mut app = App::with_settings(Corpus::default(), Options { color: true }, settings);
    app.open_library(false);
    app.update(Action::Resize {
        width: 120,
        height: 20,
    });
    app.update(Action::LibraryEvent(LibraryEvent::Feeds(Vec::new())));
    let mut terminal = Terminal::new(TestBackend::new(120, 20)).unwrap();
    terminal
        .draw(|frame| depeche::ui::draw(frame, &app))
        .unwrap();
    let text = terminal.backend().to_string();
    let status = text.lines().nth(19).unwrap();
    // Over the feeds the key quits: nothing to go back to.
    assert!(
        status.contains("?:help Enter:open x:quit g/R:refresh .:unread Space:read"),
        "{status}"
    );
    // Over a feed's items it goes back, and an empty list names the keys in force.
    app.update(Action::Enter);
    app.update(Action::LibraryEvent(LibraryEvent::Items {
        which: Which::All,
        items: Vec::new(),
    }));
    terminal
        .draw(|frame| depeche::ui::draw(frame, &app))
        .unwrap();
    let text = terminal.backend().to_string();
    assert!(
        text.contains("no items yet: g refreshes this feed, R every feed"),
        "{text}"
    );
    let status = text.lines().nth(19).unwrap();
    assert!(status.contains("x:back g/R:refresh"), "{status}");
}
