//! A configuration file: never a panic, whatever the bytes. A file that is
//! accepted is used: the bundled article drawn at a fuzzed size with its
//! layout, theme and keys (every key it binds pressed once), its invariants
//! checked, and every link the frame reports must make one clean OSC 8.
//!
//! Input: bytes 0 and 1 give the width and height (0..=255); the rest is the
//! file (UTF-8 or refused, as depeche reads it).
#![no_main]

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
    let mut app = App::with_settings(corpus, Options { color: true }, config.settings.clone());
    app.update(Action::Resize { width, height });
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
    let theme = config.theme.resolve(true, Some(width % 2 == 0));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut links = Vec::new();
    terminal
        .draw(|frame| links = depeche::ui::draw_with(frame, &app, theme).links)
        .unwrap();
    for link in links {
        if let Some(sequence) = osc8_open(&link.id, &link.url) {
            assert!(!sequence[2..sequence.len() - 2].contains('\u{1b}'));
        }
    }
});
