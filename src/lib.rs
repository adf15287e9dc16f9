//! depeche: a terminal reader for news articles.
//!
//! Data flows one way, and the modules show it: [`corpus`] (format, reading,
//! validation, sanitising, the model) → [`search`] (folded index, matching)
//! → [`reader`] (state and the pure `update`) → [`ui`] (drawing) →
//! [`runtime`] (terminal, event loop, workers, effects) → [`cli`]; nothing
//! imports a later stage. docs/architecture.md maps the rooms.

pub mod cli;
pub mod corpus;
pub mod reader;
pub mod runtime;
pub mod search;
pub mod ui;
