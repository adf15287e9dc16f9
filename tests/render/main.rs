//! What the screen shows: snapshots at 120×40, 80×24, 50×16 and 20×6, and
//! screens that hold together under hostile text, width traps and resize
//! storms.

#[path = "../common/mod.rs"]
mod common;

mod bars_and_panes;
mod cursor;
mod escape_sequences;
mod hyperlinks;
mod imported;
mod library;
mod plain;
mod resize_storm;
mod screens;
mod search_screens;
mod themes;
mod width_traps;
