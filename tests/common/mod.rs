//! What the test binaries share, pulled in one way: each binary's main.rs
//! says `#[path = "../common/mod.rs"] mod common;` and its modules use
//! `crate::common::…`.
//!
//! - [`corpora`]: articles built from the model (French typography, emoji,
//!   Cyrillic, CJK, posts), the reader at a size, its screen as text;
//! - [`robust`]: corpora written as JSON (through the real loader), the
//!   reader drawn on `TestBackend`, and a check that a screen holds together;
//! - [`pty`]: the real binary in a pseudo-terminal;
//! - [`browser`]: a browser script that records what it opened;
//! - [`styled`]: a screen with its styles as text, for snapshots of themes;
//! - [`testdata`]: data from other projects, read from `../shared/`;
//! - [`shapes`]: the hostile shapes of issue 11 at any size;
//! - [`http`]: a loopback HTTP server with scripted answers (127.0.0.1 only);
//! - [`news_site`]: a news site on it: a feed, its pages, autodiscovery.
#![allow(dead_code)]

pub mod browser;
pub mod corpora;
pub mod http;
pub mod news_site;
pub mod pty;
pub mod robust;
pub mod shapes;
pub mod styled;
pub mod testdata;
