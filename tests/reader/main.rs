//! The reader through `App::update` and the key table: moving, jumping,
//! lists, the layout, the search flow, work done off the UI thread, and
//! properties over random corpora, sizes and keys.

#[path = "../common/mod.rs"]
mod common;

mod app;
mod jumps;
mod keys;
mod layout;
mod layout_kinds;
mod library;
mod memory;
mod messages;
mod offload_correctness;
mod properties;
mod search;
