//! The key table: lookup by context, press/repeat/release, help generated from it.

use crate::common::corpora::{app_at, sample_corpus};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use depeche::reader::help::help_lines;
use depeche::reader::keymap::{KEYMAP, Keymap, action_for_key, action_for_mouse};
use depeche::reader::{Action, Motion, Pane};

fn key(code: KeyCode, modifiers: KeyModifiers, kind: KeyEventKind) -> KeyEvent {
    KeyEvent {
        code,
        modifiers,
        kind,
        state: KeyEventState::NONE,
    }
}

fn press(code: KeyCode) -> KeyEvent {
    key(code, KeyModifiers::NONE, KeyEventKind::Press)
}

fn ctrl(c: char) -> KeyEvent {
    key(KeyCode::Char(c), KeyModifiers::CONTROL, KeyEventKind::Press)
}

#[test]
fn every_key_of_the_issue_table_does_its_action() {
    let app = app_at(sample_corpus(), 120, 40);
    let c = KeyCode::Char;
    let cases = [
        (press(c('q')), Action::Quit),
        (ctrl('c'), Action::Quit),
        (press(c('?')), Action::Help),
        (press(KeyCode::F(1)), Action::Help),
        (press(KeyCode::Tab), Action::FocusNext),
        (
            key(KeyCode::BackTab, KeyModifiers::SHIFT, KeyEventKind::Press),
            Action::FocusPrev,
        ),
        (press(c('1')), Action::Focus(Pane::Sections)),
        (press(c('2')), Action::Focus(Pane::Article)),
        (press(c('3')), Action::Focus(Pane::Quotes)),
        (press(c('4')), Action::Focus(Pane::Sources)),
        (press(c('j')), Action::Move(Motion::LineDown)),
        (press(KeyCode::Down), Action::Move(Motion::LineDown)),
        (press(c('k')), Action::Move(Motion::LineUp)),
        (press(KeyCode::Up), Action::Move(Motion::LineUp)),
        (ctrl('d'), Action::Move(Motion::HalfPageDown)),
        (ctrl('u'), Action::Move(Motion::HalfPageUp)),
        (press(c(' ')), Action::Move(Motion::PageDown)),
        (press(KeyCode::PageDown), Action::Move(Motion::PageDown)),
        (ctrl('f'), Action::Move(Motion::PageDown)),
        (press(c('b')), Action::Move(Motion::PageUp)),
        (press(KeyCode::PageUp), Action::Move(Motion::PageUp)),
        (ctrl('b'), Action::Move(Motion::PageUp)),
        (press(c('g')), Action::Move(Motion::Top)),
        (press(KeyCode::Home), Action::Move(Motion::Top)),
        (
            key(c('G'), KeyModifiers::SHIFT, KeyEventKind::Press),
            Action::Move(Motion::Bottom),
        ),
        (press(KeyCode::End), Action::Move(Motion::Bottom)),
        (press(KeyCode::Enter), Action::Enter),
        (press(c(']')), Action::NextSection),
        (press(c('[')), Action::PrevSection),
        (press(c('}')), Action::NextPost),
        (press(c('{')), Action::PrevPost),
        (press(c('a')), Action::ArticleList),
        (ctrl('o'), Action::Back),
        (press(KeyCode::Backspace), Action::Back),
    ];
    for (event, action) in cases {
        assert_eq!(
            action_for_key(app.key_context(), event),
            Some(action),
            "{event:?}"
        );
    }
    assert_eq!(action_for_key(app.key_context(), press(c('x'))), None);
    assert_eq!(
        action_for_key(
            app.key_context(),
            key(c('j'), KeyModifiers::ALT, KeyEventKind::Press)
        ),
        None
    );
}

#[test]
fn while_links_are_numbered_digits_pick_and_esc_stops() {
    let mut app = app_at(depeche::corpus::load_bundled().unwrap(), 120, 40);
    app.update(Action::NextPost);
    app.update(Action::NextPost);
    app.update(Action::OpenLink);
    assert!(app.key_context().picking);
    let c = KeyCode::Char;
    assert_eq!(
        action_for_key(app.key_context(), press(c('1'))),
        Some(Action::PickDigit(1))
    );
    assert_eq!(
        action_for_key(app.key_context(), press(KeyCode::Esc)),
        Some(Action::Close)
    );
    assert_eq!(
        action_for_key(app.key_context(), press(c('j'))),
        Some(Action::Move(Motion::LineDown))
    );
    app.update(Action::Close);
    assert_eq!(
        action_for_key(app.key_context(), press(c('1'))),
        Some(Action::Focus(Pane::Sections))
    );
}

#[test]
fn releases_are_ignored_and_only_movements_repeat() {
    let app = app_at(sample_corpus(), 120, 40);
    let j = KeyCode::Char('j');
    assert_eq!(
        action_for_key(
            app.key_context(),
            key(j, KeyModifiers::NONE, KeyEventKind::Release)
        ),
        None
    );
    assert_eq!(
        action_for_key(
            app.key_context(),
            key(j, KeyModifiers::NONE, KeyEventKind::Repeat)
        ),
        Some(Action::Move(Motion::LineDown))
    );
    let q = KeyCode::Char('q');
    assert_eq!(
        action_for_key(
            app.key_context(),
            key(q, KeyModifiers::NONE, KeyEventKind::Repeat)
        ),
        None
    );
}

#[test]
fn in_overlays_esc_and_q_close_and_reader_keys_rest() {
    let mut app = app_at(sample_corpus(), 120, 40);
    app.update(Action::Help);
    assert_eq!(
        action_for_key(app.key_context(), press(KeyCode::Esc)),
        Some(Action::Close)
    );
    assert_eq!(
        action_for_key(app.key_context(), press(KeyCode::Char('q'))),
        Some(Action::Close)
    );
    assert_eq!(
        action_for_key(app.key_context(), press(KeyCode::Char('?'))),
        Some(Action::Help)
    );
    assert_eq!(
        action_for_key(app.key_context(), ctrl('c')),
        Some(Action::Quit)
    );
    assert_eq!(
        action_for_key(app.key_context(), press(KeyCode::Char(']'))),
        None
    );
    assert_eq!(action_for_key(app.key_context(), press(KeyCode::Tab)), None);
    // A folded pane shown full-screen: q closes it, the reader keys still work.
    let mut narrow = app_at(sample_corpus(), 50, 16);
    narrow.update(Action::Focus(Pane::Quotes));
    assert_eq!(
        action_for_key(narrow.key_context(), press(KeyCode::Char('q'))),
        Some(Action::Close)
    );
    assert_eq!(
        action_for_key(narrow.key_context(), press(KeyCode::Char(']'))),
        Some(Action::NextSection)
    );
    narrow.update(Action::Close);
    assert_eq!(
        action_for_key(narrow.key_context(), press(KeyCode::Char('q'))),
        Some(Action::Quit)
    );
    assert_eq!(
        action_for_key(narrow.key_context(), press(KeyCode::Esc)),
        None
    );
}

#[test]
fn help_lists_every_binding_with_its_keys() {
    let lines = help_lines(Keymap::standard());
    assert_eq!(
        lines.len(),
        KEYMAP.len() + 5,
        "every binding, link numbers, the mouse, the library's and the prompt's headings, typing"
    );
    let text: Vec<String> = lines.iter().map(|(k, h)| format!("{k} {h}")).collect();
    for expected in [
        "Ctrl-c",
        "Space PgDn Ctrl-f",
        "b PgUp Ctrl-b",
        "Shift-Tab",
        "Ctrl-o Backspace",
        "g Home",
        "G End",
        "j ↓",
        "} next quoted post",
        "m m + letter",
        "In the library",
        "R refresh every feed",
    ] {
        assert!(
            text.iter().any(|l| l.contains(expected)),
            "{expected} missing"
        );
    }
}

#[test]
fn mouse_wheel_and_left_click_become_actions() {
    let mouse = |kind| MouseEvent {
        kind,
        column: 30,
        row: 7,
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(
        action_for_mouse(mouse(MouseEventKind::ScrollDown), 5),
        Some(Action::Wheel {
            column: 30,
            row: 7,
            lines: 1
        })
    );
    assert_eq!(
        action_for_mouse(mouse(MouseEventKind::ScrollUp), 5),
        Some(Action::Wheel {
            column: 30,
            row: 7,
            lines: -1
        })
    );
    assert_eq!(
        action_for_mouse(mouse(MouseEventKind::Down(MouseButton::Left)), 42),
        Some(Action::Click {
            column: 30,
            row: 7,
            at_ms: 42
        })
    );
    assert_eq!(action_for_mouse(mouse(MouseEventKind::Moved), 5), None);
}
