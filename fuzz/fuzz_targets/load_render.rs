//! Load, then draw the reader at a fuzzed size after fuzzed key presses.
//!
//! Input: byte 0 and 1 give the width and height (0..=255), byte 2 the number
//! of key presses taken from the bytes after it; the rest is the corpus.
#![no_main]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use depeche::reader::{Action, App, Options};
use depeche::reader::keymap::action_for_key;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Keys that move around the reader (no quit: the app would stop listening).
const KEYS: &[(KeyCode, KeyModifiers)] = &[
    (KeyCode::Char('j'), KeyModifiers::NONE),
    (KeyCode::Char('k'), KeyModifiers::NONE),
    (KeyCode::Char(' '), KeyModifiers::NONE),
    (KeyCode::Char('b'), KeyModifiers::NONE),
    (KeyCode::Char('G'), KeyModifiers::SHIFT),
    (KeyCode::Char('g'), KeyModifiers::NONE),
    (KeyCode::Char(']'), KeyModifiers::NONE),
    (KeyCode::Char('['), KeyModifiers::NONE),
    (KeyCode::Char('}'), KeyModifiers::NONE),
    (KeyCode::Char('{'), KeyModifiers::NONE),
    (KeyCode::Tab, KeyModifiers::NONE),
    (KeyCode::BackTab, KeyModifiers::SHIFT),
    (KeyCode::Enter, KeyModifiers::NONE),
    (KeyCode::Backspace, KeyModifiers::NONE),
    (KeyCode::Char('1'), KeyModifiers::NONE),
    (KeyCode::Char('3'), KeyModifiers::NONE),
    (KeyCode::Char('4'), KeyModifiers::NONE),
    (KeyCode::Char('?'), KeyModifiers::NONE),
    (KeyCode::Esc, KeyModifiers::NONE),
    (KeyCode::Char('a'), KeyModifiers::NONE),
    (KeyCode::Char('d'), KeyModifiers::CONTROL),
    (KeyCode::Char('u'), KeyModifiers::CONTROL),
    (KeyCode::Char('/'), KeyModifiers::NONE),
    (KeyCode::Char('n'), KeyModifiers::NONE),
    (KeyCode::Char('N'), KeyModifiers::SHIFT),
    (KeyCode::Char('o'), KeyModifiers::NONE),
    (KeyCode::Char('y'), KeyModifiers::NONE),
    (KeyCode::Char('e'), KeyModifiers::NONE),
];

fuzz_target!(|data: &[u8]| {
    let [width, height, presses, rest @ ..] = data else {
        return;
    };
    let presses = (*presses as usize).min(rest.len());
    let (keys, json) = rest.split_at(presses);
    let Ok(corpus) = depeche::corpus::load_bytes("fuzz.json", json) else {
        return;
    };
    let (width, height) = (u16::from(*width), u16::from(*height));
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    for &k in keys {
        let (code, modifiers) = KEYS[k as usize % KEYS.len()];
        if let Some(action) = action_for_key(app.key_context(), KeyEvent::new(code, modifiers)) {
            app.update(action);
        }
    }
    terminal
        .draw(|frame| depeche::ui::draw(frame, &app))
        .unwrap();
});
