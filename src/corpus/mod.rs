//! The corpus: the JSON format, reading it with a size cap, validating it
//! with every problem reported, sanitising its text once, and the in-memory
//! model with its indices. Nothing here knows about search, the reader, the
//! screen or the command line.
//!
//! bytes → [`read`] (size cap, encoding, JSON syntax and shape into
//! [`format`]) → [`validate`] (every problem, with its JSON path; text
//! through [`sanitize`]) → [`model::Corpus`].

pub mod cost;
pub mod error;
pub mod format;
pub mod generate;
pub mod grow;
pub mod links;
pub mod locate;
pub mod model;
pub mod read;
pub mod refs;
pub mod sanitize;
pub mod validate;

pub use error::{LoadError, Problem};
pub use read::{
    BUNDLED_CORPUS, BUNDLED_NAME, DEFAULT_MAX_SIZE, STDIN_NAME, STDIN_PATH, display_name,
    load_bundled, load_bytes, load_file, load_owned, locate_in_file, read_capped,
};
pub use validate::{MAX_PROBLEMS, validate};
