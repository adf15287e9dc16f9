//! `depeche feeds [list|add|remove|import|export]` and `depeche refresh`:
//! the library from the command line. Messages go to stderr, data (the
//! list, OPML) to stdout.
//!
//! Exit status: 0 on success; 1 when some feed could not be added or
//! refreshed (each named with why, the others done); 2 for bad usage or
//! any other error (the database unusable, a file unreadable).

use unicode_width::UnicodeWidthStr;

use super::args::{Cli, FeedsAction, FeedsArgs, RefreshArgs};
use super::output::emit;
use super::web::{self, open_store};
use crate::corpus::sanitize;
use crate::library::{self, BarProgress, FeedUpdate, RefreshOptions};
use crate::store::Store;
use crate::ui::fit;

/// Some of the work failed: exit status 1.
const PARTIAL: u8 = 1;

/// Widest a title shows in the list.
const TITLE_WIDTH: usize = 40;

fn store(cli: &Cli) -> Result<Store, String> {
    let (store, notices) = open_store(cli).map_err(|e| e.to_string())?;
    for notice in notices {
        eprintln!("depeche: {notice}");
    }
    Ok(store)
}

/// Runs `depeche feeds …`.
pub fn feeds(args: &FeedsArgs, cli: &Cli) -> Result<u8, String> {
    match args.action.as_ref().unwrap_or(&FeedsAction::List) {
        FeedsAction::List => list(&store(cli)?),
        FeedsAction::Add { urls, category } => add(cli, urls, category.as_deref()),
        FeedsAction::Remove { urls } => {
            let mut store = store(cli)?;
            let mut status = 0;
            for url in urls {
                if library::remove_feed(&mut store, url).map_err(|e| e.to_string())? {
                    eprintln!("depeche: removed {}", sanitize::for_message(url));
                } else {
                    eprintln!(
                        "depeche: {}: not in your feeds (depeche feeds lists them)",
                        sanitize::for_message(url)
                    );
                    status = PARTIAL;
                }
            }
            Ok(status)
        }
        FeedsAction::Import { file } => {
            let name = file.display().to_string();
            let bytes =
                crate::corpus::read_capped(file, &name, 16 << 20).map_err(|e| e.to_string())?;
            let mut store = store(cli)?;
            let summary = library::import_opml(&mut store, &bytes)
                .map_err(|e| format!("{}: {e}", sanitize::escape(&name)))?;
            for (url, why) in &summary.refused {
                eprintln!("depeche: {}: left out: {why}", sanitize::for_message(url));
            }
            eprintln!(
                "depeche: {}: {} feed{} added, {} already there{}; depeche refresh fetches them",
                sanitize::escape(&name),
                summary.added.len(),
                plural(summary.added.len()),
                summary.already.len(),
                if summary.refused.is_empty() {
                    String::new()
                } else {
                    format!(", {} left out", summary.refused.len())
                }
            );
            Ok(if summary.refused.is_empty() {
                0
            } else {
                PARTIAL
            })
        }
        FeedsAction::Export => {
            let opml = library::export_opml(&store(cli)?).map_err(|e| e.to_string())?;
            emit(opml.as_bytes())?;
            if !opml.ends_with('\n') {
                emit(b"\n")?;
            }
            Ok(0)
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The feed list: unread items, title, last refresh, URL; a failed
/// refresh on a line of its own below.
fn list(store: &Store) -> Result<u8, String> {
    let feeds = library::list(store).map_err(|e| e.to_string())?;
    if feeds.is_empty() {
        eprintln!("depeche: no feeds yet: depeche feeds add URL subscribes to one");
        return Ok(0);
    }
    let titles: Vec<String> = feeds
        .iter()
        .map(|f| fit(&sanitize::line(f.name()), TITLE_WIDTH).into_owned())
        .collect();
    let width = titles.iter().map(|t| t.width()).max().unwrap_or(5).max(5);
    let mut out = format!(
        "{:>6}  {}{}  {:<20}  URL\n",
        "UNREAD",
        "TITLE",
        " ".repeat(width - 5),
        "LAST REFRESH"
    );
    for (feed, title) in feeds.iter().zip(&titles) {
        let refreshed = feed
            .last_refresh
            .map_or_else(|| "never".to_string(), web::time);
        out.push_str(&format!(
            "{:>6}  {title}{}  {refreshed:<20}  {}\n",
            feed.unread,
            " ".repeat(width - title.width()),
            sanitize::line(&feed.url)
        ));
        if let Some(error) = &feed.last_error {
            out.push_str(&format!(
                "{:>6}  ✗ last refresh failed: {}\n",
                "",
                sanitize::for_message(error)
            ));
        }
    }
    emit(out.as_bytes())?;
    Ok(0)
}

fn add(cli: &Cli, urls: &[String], category: Option<&str>) -> Result<u8, String> {
    let mut store = store(cli)?;
    let fetcher = if cli.offline {
        None
    } else {
        Some(web::fetcher(cli)?)
    };
    let mut status = 0;
    for url in urls {
        let result = match &fetcher {
            Some(fetcher) => library::add_feed(
                &mut store,
                fetcher,
                url,
                category,
                &RefreshOptions::default(),
            )
            .map(|added| {
                let found = added
                    .discovered_from
                    .as_ref()
                    .map_or_else(String::new, |page| {
                        format!(" (found in {})", sanitize::for_message(page))
                    });
                if added.new {
                    format!(
                        "added {}: {}{found}, {} item{}",
                        sanitize::for_message(&added.title),
                        sanitize::for_message(&added.url),
                        added.new_items,
                        plural(added.new_items)
                    )
                } else {
                    format!(
                        "already there: {} ({})",
                        sanitize::for_message(&added.title),
                        sanitize::for_message(&added.url)
                    )
                }
            }),
            None => library::add_feed_offline(&mut store, url, category).map(|new| {
                let url = sanitize::for_message(url);
                if new {
                    format!("added {url} (offline: fetched at the next refresh)")
                } else {
                    format!("already there: {url}")
                }
            }),
        };
        match result {
            Ok(line) => eprintln!("depeche: {line}"),
            Err(library::LibraryError::Store(error)) => return Err(error.to_string()),
            Err(error) => {
                eprintln!("depeche: {error}; not added");
                status = PARTIAL;
            }
        }
    }
    Ok(status)
}

/// Runs `depeche refresh [URL...]`.
pub fn refresh(args: &RefreshArgs, cli: &Cli) -> Result<u8, String> {
    if cli.offline {
        return Err("--offline fetches nothing: refresh without it".to_string());
    }
    let mut store = store(cli)?;
    let known: Vec<String> = store
        .feeds()
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|f| f.url)
        .collect();
    if let Some(unknown) = args.urls.iter().find(|u| !known.contains(u)) {
        return Err(format!(
            "{}: not in your feeds (depeche feeds lists them; depeche feeds add subscribes)",
            sanitize::for_message(unknown)
        ));
    }
    if known.is_empty() {
        eprintln!("depeche: no feeds yet: depeche feeds add URL subscribes to one");
        return Ok(0);
    }
    let fetcher = web::fetcher(cli)?;
    let options = RefreshOptions {
        concurrency: usize::from(args.jobs),
        ..RefreshOptions::default()
    };
    let only = (!args.urls.is_empty()).then_some(args.urls.as_slice());
    let mut progress = BarProgress::stderr();
    let summary = library::refresh(&mut store, &fetcher, only, &options, &mut progress)
        .map_err(|e| e.to_string())?;
    let (mut updated, mut unchanged) = (0, 0);
    for outcome in &summary.outcomes {
        match &outcome.result {
            Ok(FeedUpdate::Updated { skipped, .. }) => {
                updated += 1;
                for why in skipped {
                    eprintln!(
                        "depeche: {}: an item left out: {why}",
                        sanitize::for_message(&outcome.name)
                    );
                }
            }
            Ok(FeedUpdate::NotModified) => unchanged += 1,
            Err(why) => eprintln!(
                "depeche: {} ({}): {why}",
                sanitize::for_message(&outcome.name),
                sanitize::for_message(&outcome.url)
            ),
        }
    }
    let failed = summary.failed().count();
    let new = summary.new_items();
    eprintln!(
        "depeche: {} feed{} in {:.1} s: {updated} updated, {unchanged} unchanged, {failed} failed; {new} new item{}",
        summary.outcomes.len(),
        plural(summary.outcomes.len()),
        summary.elapsed.as_secs_f64(),
        plural(new)
    );
    Ok(if summary.all_succeeded() { 0 } else { PARTIAL })
}
