//! depeche: a terminal reader for news articles.
//!
//! Data flows one way: JSON → [`format`] → [`load`] (validation, sanitisation)
//! → [`model`] → [`layout`] → [`ui`]; and key event → [`keymap`] → `Action`
//! → [`app::App::update`] → redraw.

pub mod cli;
pub mod corpus;
pub mod dump;
pub mod grep;
pub mod reader;
pub mod runtime;
pub mod search;
pub mod ui;
