//! Fetching, feeds, the database and the library's calls: the fetcher and
//! the refresh against a loopback server (nothing leaves 127.0.0.1), feed
//! and OPML parsing (fixtures and ../shared/testdata/feeds/), the store's
//! migrations, damage, two processes and kill -9.

#[path = "../common/mod.rs"]
mod common;

mod feed_parse;
mod feed_real;
mod net;
mod refresh;
mod store;
