//! Opening what the user names: a depeche corpus, or a web page imported on
//! the way. Which it is comes from the content (an HTML page sniffed as
//! browsers do), never from the file's name; the size cap applies while
//! reading, before anything is parsed.

use std::fmt;
use std::path::Path;

use super::{DEFAULT_MAX_PAGE_SIZE, ImportError, ImportOptions, Sniffed, import_page, sniff};
use crate::corpus::model::Corpus;
use crate::corpus::{self, DEFAULT_MAX_SIZE, LoadError, sanitize};

/// How to open a file.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// The size cap the user gave (`--max-size`); without one, a corpus may
    /// be [`DEFAULT_MAX_SIZE`] and a page [`DEFAULT_MAX_PAGE_SIZE`].
    pub max_size: Option<u64>,
    /// The address of a page, for relative links (`--base-url`).
    pub base_url: Option<String>,
}

impl OpenOptions {
    fn corpus_cap(&self) -> u64 {
        self.max_size.unwrap_or(DEFAULT_MAX_SIZE)
    }

    fn page_cap(&self) -> u64 {
        self.max_size.unwrap_or(DEFAULT_MAX_PAGE_SIZE)
    }

    fn import_options(&self, name: &str) -> ImportOptions {
        ImportOptions {
            name: name.to_string(),
            base_url: self.base_url.clone(),
            max_size: self.page_cap(),
            charset: None,
        }
    }
}

/// A corpus opened, and what it came from.
#[derive(Debug)]
pub struct Opened {
    pub corpus: Corpus,
    /// It was an HTML page, imported.
    pub page: bool,
    /// What the import noticed (bytes replaced, a page flattened or cut),
    /// each a sentence naming the page.
    pub warnings: Vec<String>,
}

/// Why a file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Reading it, or the corpus in it.
    Load(LoadError),
    /// The page in it.
    Import(ImportError),
    /// Neither JSON nor HTML: `found` says what it is.
    Neither { name: String, found: &'static str },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Load(error) => error.fmt(f),
            OpenError::Import(error) => error.fmt(f),
            OpenError::Neither { name, found } => write!(
                f,
                "{}: neither a depeche corpus (JSON) nor an HTML page: found {found}",
                sanitize::escape(name)
            ),
        }
    }
}

impl std::error::Error for OpenError {}

impl From<LoadError> for OpenError {
    fn from(error: LoadError) -> Self {
        OpenError::Load(error)
    }
}

impl From<ImportError> for OpenError {
    fn from(error: ImportError) -> Self {
        OpenError::Import(error)
    }
}

/// Opens a corpus file, or imports the HTML page it holds.
pub fn open_file(path: &Path, opts: &OpenOptions) -> Result<Opened, OpenError> {
    let name = corpus::display_name(path);
    let bytes = corpus::read_capped(path, &name, opts.corpus_cap())?;
    open_bytes(&name, bytes, opts).map_err(|error| match error {
        // A refused corpus: where each problem is (the bytes are freed by then).
        OpenError::Load(error) => {
            OpenError::Load(corpus::locate_in_file(error, path, opts.corpus_cap()))
        }
        other => other,
    })
}

/// Opens bytes already read (a file, stdin) as a corpus or a page.
pub fn open_bytes(name: &str, bytes: Vec<u8>, opts: &OpenOptions) -> Result<Opened, OpenError> {
    match sniff(&bytes) {
        Sniffed::Html => {
            let (corpus, warnings) = load_page(name, &bytes, &opts.import_options(name))?;
            Ok(Opened {
                corpus,
                page: true,
                warnings,
            })
        }
        // The corpus loader has the better words for these (a byte order
        // mark, UTF-16, JSON broken at line:column).
        Sniffed::Json | Sniffed::Text | Sniffed::Empty | Sniffed::Blank => Ok(Opened {
            corpus: corpus::load_owned(name, bytes)?,
            page: false,
            warnings: Vec::new(),
        }),
        other => Err(OpenError::Neither {
            name: name.to_string(),
            found: other.describe(),
        }),
    }
}

/// Imports one page into a corpus of one article, through the same
/// validation as a corpus file; with the import's warnings, each naming
/// the page.
pub fn load_page(
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<(Corpus, Vec<String>), OpenError> {
    let article = import_page(bytes, opts)?;
    let warnings = warnings(name, &article.warnings);
    let raw = super::to_corpus(&[(&article, &file_stem(name))]);
    drop(article);
    Ok((corpus::validate(name, raw)?, warnings))
}

/// The import's warnings as sentences naming the page.
pub fn warnings(name: &str, warnings: &[String]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| format!("{}: {w}", sanitize::escape(name)))
        .collect()
}

/// What a page's file is called without its folder and extension: an
/// article's id when the page gives no title.
pub fn file_stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Reads a page (or `-`, stdin) whole, stopping at the cap.
pub fn read_page(path: &Path, max_size: u64) -> Result<(String, Vec<u8>), OpenError> {
    let name = corpus::display_name(path);
    let bytes = match corpus::read_capped(path, &name, max_size) {
        Err(LoadError::IsDirectory { file }) => {
            return Err(OpenError::Import(ImportError::NotHtml {
                name: file,
                found: "a directory",
            }));
        }
        other => other?,
    };
    Ok((name, bytes))
}

/// What stdin is called in messages.
pub use crate::corpus::STDIN_NAME;
