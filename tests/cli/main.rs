//! The command line: arguments and exit codes, `--dump` and `--toc`,
//! `--search` output, the README's key table and docs/configuration.md's tables.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod configuration_doc;
mod cost;
mod dump;
mod import;
mod library;
mod memory;
mod readme;
mod search_output;
