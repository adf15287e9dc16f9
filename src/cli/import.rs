//! `depeche import PAGE... [-o FILE]`: web pages into one corpus, an article
//! per page, as JSON on stdout or in FILE. Every page is imported and the
//! corpus validated before anything is written; FILE is replaced through a
//! temporary file in its folder renamed into place, so an error (or a
//! crash) never leaves it half written or clobbered.

use std::io::Write;
use std::path::Path;

use super::args::{Cli, ImportArgs};
use super::output::{FAILURE, emit};
use super::web::{as_url, never_read};
use crate::corpus::{self, sanitize};
use crate::import::open::{file_stem, read_page, warnings};
use crate::import::{self, ImportedArticle, OpenOptions};
use crate::library::articles::fetch_page;

/// Runs `import`; `Err` is a message for stderr (exit status 2).
pub fn import(args: &ImportArgs, open: &OpenOptions, cli: &Cli) -> Result<u8, String> {
    let cap = open.max_size.unwrap_or(import::DEFAULT_MAX_PAGE_SIZE);
    let mut articles: Vec<(ImportedArticle, String)> = Vec::with_capacity(args.pages.len());
    let mut failed = false;
    let mut fetcher = None;
    for path in &args.pages {
        if let Some(url) = as_url(path) {
            if cli.offline {
                eprintln!("depeche: {}", never_read(url));
                failed = true;
                continue;
            }
            if fetcher.is_none() {
                fetcher = Some(super::web::fetcher(cli)?);
            }
            let fetched = fetcher.as_ref().map(|f| fetch_page(f, url, None));
            let imported = match fetched {
                Some(Ok(page)) => {
                    let opts = import::ImportOptions {
                        name: url.to_string(),
                        base_url: Some(
                            open.base_url
                                .clone()
                                .unwrap_or_else(|| page.url.to_string()),
                        ),
                        max_size: cap,
                        charset: page.charset.clone(),
                    };
                    import::import_page(&page.body, &opts).map_err(|e| e.to_string())
                }
                Some(Err(error)) => Err(error.to_string()),
                None => Err("no fetcher".to_string()),
            };
            match imported {
                Ok(article) => {
                    for warning in warnings(url, &article.warnings) {
                        eprintln!("depeche: warning: {warning}");
                    }
                    articles.push((article, url.to_string()));
                }
                Err(error) => {
                    eprintln!("depeche: {error}");
                    failed = true;
                }
            }
            continue;
        }
        let imported = read_page(path, cap).and_then(|(name, bytes)| {
            let opts = import::ImportOptions {
                name: name.clone(),
                base_url: open.base_url.clone(),
                max_size: cap,
                charset: None,
            };
            let article = import::import_page(&bytes, &opts)?;
            Ok((article, name))
        });
        match imported {
            Ok((article, name)) => {
                for warning in warnings(&name, &article.warnings) {
                    eprintln!("depeche: warning: {warning}");
                }
                articles.push((article, name));
            }
            // Every page is tried, so one run reports every page that fails.
            Err(error) => {
                eprintln!("depeche: {error}");
                failed = true;
            }
        }
    }
    if failed {
        eprintln!("depeche: nothing written");
        return Ok(FAILURE);
    }
    let stems: Vec<String> = articles.iter().map(|(_, name)| file_stem(name)).collect();
    let refs: Vec<(&ImportedArticle, &str)> = articles
        .iter()
        .zip(&stems)
        .map(|((article, _), stem)| (article, stem.as_str()))
        .collect();
    let raw = import::to_corpus(&refs);
    let mut json = import::to_json(&raw);
    json.push('\n');
    let target = args
        .output
        .as_deref()
        .map_or_else(|| "<stdout>".to_string(), |p| p.display().to_string());
    // The same validation as a corpus file gets: what is written always opens.
    let corpus = corpus::validate(&target, raw).map_err(|error| error.to_string())?;
    let summary = super::check::summary(&corpus);
    drop(corpus);
    match &args.output {
        None => emit(json.as_bytes())?,
        Some(path) => {
            write_atomically(path, json.as_bytes()).map_err(|error| {
                format!(
                    "{}: cannot write the corpus: {error}; nothing written",
                    sanitize::escape(&target)
                )
            })?;
            eprintln!("depeche: wrote {}: {summary}", sanitize::escape(&target));
        }
    }
    Ok(0)
}

/// Writes `bytes` to a temporary file beside `path`, flushed to disk, then
/// renames it over `path`: readers see the old file or the whole new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".depeche-import-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}
