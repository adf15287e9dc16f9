//! depeche: a terminal reader for news articles.
//!
//! Data flows one way: JSON → [`format`] → [`load`] (validation, sanitisation)
//! → [`model`] → [`layout`] → [`ui`]; and key event → [`keymap`] → `Action`
//! → [`app::App::update`] → redraw.

pub mod app;
pub mod cli;
pub mod dump;
pub mod format;
pub mod generate;
pub mod grep;
pub mod import;
pub mod keymap;
pub mod layout;
pub mod links;
pub mod load;
pub mod model;
pub mod sanitize;
pub mod search;
pub mod terminal;
pub mod ui;

/// The bundled corpus, compiled into the binary so `depeche` works anywhere.
pub const BUNDLED_CORPUS: &str = include_str!("../data/coalition-des-volontaires.json");
/// The name the bundled corpus goes by in messages.
pub const BUNDLED_NAME: &str = "<bundled corpus>";
