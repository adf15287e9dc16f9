//! Test data from other projects, read from `../shared/` beside the
//! project (CI always has it; it is never copied into the repository). A
//! test that cannot find it prints one line saying it was skipped and why,
//! and passes.

use std::path::{Path, PathBuf};

/// `../shared/<rel>` beside the project.
pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel)
}

/// `../shared/<rel>` if it is there; else `None`, after one line saying
/// that `test` is skipped.
pub fn find(rel: &str, test: &str) -> Option<PathBuf> {
    let path = shared(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped {test}: {} not found (test data from other projects lives in ../shared beside the project)",
            path.display()
        );
        None
    }
}

/// The text of `../shared/<rel>`, or `None` (see [`find`]).
pub fn read(rel: &str, test: &str) -> Option<String> {
    let path = find(rel, test)?;
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The seed article the bundled corpus transcribes (`../shared/seeds/`).
pub const SEED: &str = "seeds/000_2c6ece44757d701c.txt";

/// The seed article's text, or `None` (see [`find`]).
pub fn seed(test: &str) -> Option<String> {
    read(SEED, test)
}
