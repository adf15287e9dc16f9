//! `[keys.*]`: a binding given keys in the file replaces its own keys and
//! nothing else's; the help screen and the status bar say the keys in force.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use depeche::config;
use depeche::reader::help::help_lines;
use depeche::reader::keymap::{KeyContext, Keymap, Section};
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
fn every_section_exists_and_the_library_has_room() {
    for section in Section::ALL {
        let text = format!("[keys.{}]\n", section.name());
        assert!(config::parse(&text, "c").is_ok(), "{text}");
    }
    let error = config::parse("[keys.library]\nquit = \"q\"\n", "c").unwrap_err();
    assert!(error.problems[0].contains("[keys.library]"), "{error}");
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
