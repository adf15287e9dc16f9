//! The terminal: set-up, the event loop, effects, and restoring the terminal on every exit path.
//!
//! STUB: the terminal helper owns this file.

use crate::app::Options;
use crate::model::Corpus;

/// Runs the full-screen reader until the user quits.
pub fn run_reader(_corpus: Corpus, _options: Options) -> std::io::Result<()> {
    Ok(())
}
