//! The corpus: reading, validating and sanitising what comes from outside
//! (our fixtures, the JSON test suite, the naughty strings), the format's
//! schema and documentation, the bundled article against its seed, links.

#[path = "../common/mod.rs"]
mod common;

mod block_kinds;
mod json_test_suite;
mod links;
mod loader;
mod naughty_strings;
mod schema;
mod transcription;
