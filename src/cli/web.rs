//! What the command line shares for the web and the store: telling a URL
//! from a file name, the fetcher its options make, the store its options
//! name (`--data-dir`, `--no-state`), and a URL opened as a corpus.

use std::path::Path;
use std::time::Duration;

use super::args::Cli;
use crate::corpus::model::Corpus;
use crate::corpus::sanitize;
use crate::import;
use crate::library::articles::{self, UrlContent};
use crate::net::{FetchConfig, Fetcher};
use crate::store::{self, Store, StoreError};

/// The URL a command-line argument names, if it is one (`http://` or
/// `https://`, any case): anything else is a file name.
pub fn as_url(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    let lower = text.get(..8)?.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(text)
}

/// The fetcher the options make: `--timeout` for each fetch whole,
/// `--max-size` (or a page's default cap) for each body.
pub fn fetcher(cli: &Cli) -> Result<Fetcher, String> {
    let total = Duration::from_secs(cli.timeout);
    Fetcher::new(FetchConfig {
        connect_timeout: total.min(Duration::from_secs(10)),
        total_timeout: total,
        max_size: cli.max_size.unwrap_or(import::DEFAULT_MAX_PAGE_SIZE),
        ..FetchConfig::default()
    })
    .map_err(|error| error.to_string())
}

/// The store the options name, opened now, and what to tell the user
/// about it (a damaged file moved aside). `--no-state`: one in memory.
pub fn open_store(cli: &Cli) -> Result<(Store, Vec<String>), StoreError> {
    if cli.no_state {
        return Ok((Store::in_memory(), Vec::new()));
    }
    let path = store::default_path(cli.data_dir.as_deref())?;
    let opened = Store::open(&path)?;
    let notices = opened
        .moved_aside
        .iter()
        .map(|aside| crate::runtime::moved_aside_message(aside))
        .collect();
    Ok((opened.store, notices))
}

/// A URL as a corpus for the non-interactive modes: a page imported, a
/// feed's items each an article. `--offline`: the page as stored when it
/// was read. Returns the corpus, warnings, and whether it was a page.
pub fn url_corpus(cli: &Cli, url: &str) -> Result<(Corpus, Vec<String>, bool), String> {
    if cli.offline {
        let (store, _) = open_store(cli).map_err(|e| e.to_string())?;
        return match articles::stored_page(&store, url).map_err(|e| e.to_string())? {
            Some(corpus) => Ok((corpus, Vec::new(), true)),
            None => Err(never_read(url)),
        };
    }
    let fetcher = fetcher(cli)?;
    match articles::open_url(&fetcher, url).map_err(|e| e.to_string())? {
        UrlContent::Page(page) => Ok((page.corpus, warnings(url, &page.notes), true)),
        UrlContent::Feed { feed, .. } => {
            let (corpus, notes) = articles::feed_corpus(&feed);
            let warnings = warnings(url, &notes);
            match corpus {
                Some(corpus) => Ok((corpus, warnings, false)),
                None => {
                    for warning in &warnings {
                        eprintln!("depeche: warning: {warning}");
                    }
                    Err(format!(
                        "{}: a feed with no item to read",
                        sanitize::for_message(url)
                    ))
                }
            }
        }
    }
}

/// What `--offline` says of a page it does not have.
pub fn never_read(url: &str) -> String {
    format!(
        "{}: not stored, and --offline fetches nothing (read it once without --offline)",
        sanitize::for_message(url)
    )
}

fn warnings(url: &str, notes: &[String]) -> Vec<String> {
    notes
        .iter()
        .map(|note| format!("{}: {note}", sanitize::for_message(url)))
        .collect()
}

/// A Unix time as the command line shows it: `2026-01-06 14:02 UTC`.
pub fn time(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0).map_or_else(
        || "?".to_string(),
        |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}
