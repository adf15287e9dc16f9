//! Load, then draw the reader at a fuzzed size after fuzzed key presses,
//! checking the reader's invariants after every key.
//!
//! Input: byte 0 and 1 give the width and height (0..=255), byte 2 the number
//! of key presses taken from the bytes after it; the rest is the corpus. A
//! key byte picks, modulo their number, one of the keys the key table binds
//! (`bound_keys()`, in table order) or a character no binding has.
#![no_main]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use depeche::reader::keymap::{action_for_key, bound_keys};
use depeche::reader::{Action, App, Options};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| {
    let [width, height, presses, rest @ ..] = data else {
        return;
    };
    let presses = (*presses as usize).min(rest.len());
    let (keys, json) = rest.split_at(presses);
    let Ok(corpus) = depeche::corpus::load_bytes("fuzz.json", json) else {
        return;
    };
    let mut events: Vec<KeyEvent> = bound_keys().into_iter().map(|k| k.event()).collect();
    events.push(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE));
    let (width, height) = (u16::from(*width), u16::from(*height));
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    for &k in keys {
        let event = events[k as usize % events.len()];
        // Quitting ends the session; everything else is state.
        if let Some(action) =
            action_for_key(app.key_context(), event).filter(|a| *a != Action::Quit)
        {
            app.update(action);
            app.check_invariants().unwrap();
        }
    }
    terminal
        .draw(|frame| depeche::ui::draw(frame, &app))
        .unwrap();
});
