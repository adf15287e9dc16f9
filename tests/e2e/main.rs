//! End to end: the real binary in a pseudo-terminal (the reader, its
//! search and links, a large article laid out on worker threads).

#[path = "../common/mod.rs"]
mod common;

mod config;
mod large_article;
mod library;
mod page;
mod reader;
mod search;
