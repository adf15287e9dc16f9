//! Rendering: one function per pane, drawing only the visible slice from `&App`.
//!
//! STUB: the reader helper owns this folder; `draw` is the contract with `terminal.rs`.

use ratatui::Frame;

use crate::app::App;

/// Draws the whole screen from the state; computes nothing that `update` should have.
pub fn draw(_frame: &mut Frame, _app: &App) {}
