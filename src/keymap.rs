//! Key and mouse events → actions, from one table the help screen is generated from.
//!
//! STUB: the reader helper owns this file; these signatures are the contract with `terminal.rs`.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::app::{Action, App};

/// The action for a key event (press events only; repeats and releases give `None`).
pub fn action_for_key(_app: &App, _key: KeyEvent) -> Option<Action> {
    None
}

/// The action for a mouse event; `now_ms` is a monotonic clock in milliseconds (for double clicks).
pub fn action_for_mouse(_app: &App, _mouse: MouseEvent, _now_ms: u64) -> Option<Action> {
    None
}
