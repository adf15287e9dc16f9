//! The command line: arguments and exit codes, `--dump` and `--toc`,
//! `--search` output, and the README's key table.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod cost;
mod dump;
mod import;
mod library;
mod memory;
mod readme;
mod search_output;
