//! The library: subscriptions, refresh, OPML, as calls that return data.
//! It orchestrates the three parts below it and nothing calls back up:
//! [`crate::net`] fetches, [`crate::feed`] parses (pure), [`crate::store`]
//! remembers. The CLI (`depeche feeds …`, `depeche refresh`) and the
//! reader's library screens (through runtime workers) call these.
//!
//! Refresh runs the fetches and the parsing on worker threads (at most
//! [`RefreshOptions::concurrency`] at once) and writes each feed's result from
//! the calling thread, one transaction per feed, as it arrives: the database
//! has one writer, a kill at any moment keeps every feed already written,
//! and one feed failing never stops the others.

pub mod articles;
pub mod progress;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use crate::feed::{self, FeedError, FeedLimits, Sniffed, opml};
use crate::import::ImportError;
use crate::net::{self, FetchError, FetchRequest, Fetched, Fetcher};
use crate::store::{FeedRow, NewItem, RefreshRecord, Store, StoreError};

pub use progress::{BarProgress, NoProgress, Progress};

/// newsboat's `reload-threads` is 1; a terminal reader on a laptop can fetch
/// 8 feeds at once without being a nuisance to anyone.
pub const DEFAULT_CONCURRENCY: usize = 8;

/// How a refresh runs.
#[derive(Debug, Clone)]
pub struct RefreshOptions {
    /// Feeds fetched at once (at least 1).
    pub concurrency: usize,
    pub limits: FeedLimits,
    /// Set to stop: no new fetch starts, running ones stop at their next read.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for RefreshOptions {
    fn default() -> Self {
        RefreshOptions {
            concurrency: DEFAULT_CONCURRENCY,
            limits: FeedLimits::default(),
            cancel: None,
        }
    }
}

/// What happened to one feed in a refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOutcome {
    pub url: String,
    /// The feed's title, or its URL before it has one.
    pub name: String,
    pub result: Result<FeedUpdate, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedUpdate {
    /// The feed was fetched and parsed.
    Updated {
        /// Items not seen before.
        new_items: usize,
        /// Items in the document.
        items: usize,
        /// Items left out, with why (hostile links, over the cap).
        skipped: Vec<String>,
    },
    /// 304: unchanged since the last refresh.
    NotModified,
}

/// The result of a whole refresh: the CLI exits 0 when [`Self::all_succeeded`].
#[derive(Debug, Clone, Default)]
pub struct RefreshSummary {
    /// One per feed, in the order they finished.
    pub outcomes: Vec<FeedOutcome>,
    pub elapsed: Duration,
    /// Whether the refresh was cancelled before every feed was tried.
    pub cancelled: bool,
}

impl RefreshSummary {
    pub fn all_succeeded(&self) -> bool {
        !self.cancelled && self.outcomes.iter().all(|o| o.result.is_ok())
    }

    pub fn failed(&self) -> impl Iterator<Item = &FeedOutcome> {
        self.outcomes.iter().filter(|o| o.result.is_err())
    }

    pub fn new_items(&self) -> usize {
        self.outcomes
            .iter()
            .map(|o| match &o.result {
                Ok(FeedUpdate::Updated { new_items, .. }) => *new_items,
                _ => 0,
            })
            .sum()
    }
}

/// Why a library call failed.
#[derive(Debug)]
pub enum LibraryError {
    Store(StoreError),
    Fetch(FetchError),
    Feed {
        url: String,
        error: FeedError,
    },
    /// A page that did not import.
    Import(ImportError),
    /// An article that cannot be shown, with why.
    Article(String),
    /// The item asked for is not in the library (removed meanwhile).
    NoSuchItem,
}

impl std::fmt::Display for LibraryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LibraryError::Store(e) => e.fmt(f),
            LibraryError::Fetch(e) => e.fmt(f),
            LibraryError::Feed { url, error } => {
                write!(f, "{}: {error}", crate::corpus::sanitize::for_message(url))
            }
            LibraryError::Import(e) => e.fmt(f),
            LibraryError::Article(why) => f.write_str(why),
            LibraryError::NoSuchItem => f.write_str("this item is no longer in the library"),
        }
    }
}

impl std::error::Error for LibraryError {}

impl From<StoreError> for LibraryError {
    fn from(e: StoreError) -> Self {
        LibraryError::Store(e)
    }
}

impl From<FetchError> for LibraryError {
    fn from(e: FetchError) -> Self {
        LibraryError::Fetch(e)
    }
}

/// Refreshes every feed (or those whose URL is in `only`). Store errors stop
/// the refresh (the database is unusable); a feed's own failure is recorded
/// in its outcome and in the database, and the others go on.
pub fn refresh(
    store: &mut Store,
    fetcher: &Fetcher,
    only: Option<&[String]>,
    options: &RefreshOptions,
    progress: &mut dyn Progress,
) -> Result<RefreshSummary, StoreError> {
    let start = Instant::now();
    let feeds: Vec<FeedRow> = store
        .feeds()?
        .into_iter()
        .filter(|f| only.is_none_or(|urls| urls.contains(&f.url)))
        .collect();
    let total = feeds.len();
    progress.started(total);
    let mut summary = RefreshSummary::default();
    fetch_each(fetcher, feeds, options, |feed, fetched| {
        let outcome = record(store, &feed, fetched)?;
        progress.feed_done(&outcome);
        summary.outcomes.push(outcome);
        Ok::<(), StoreError>(())
    })?;
    summary.cancelled = summary.outcomes.len() < total;
    summary.elapsed = start.elapsed();
    progress.finished(&summary);
    Ok(summary)
}

/// Fetches and parses `feeds` on worker threads, at most
/// [`RefreshOptions::concurrency`] at once, and hands each result to `done`
/// on the calling thread as it arrives (the writing half: one writer).
/// An error from `done` stops the rest (no new fetch starts) and is
/// returned. A panic below (a parser's) costs its feed only.
pub fn fetch_each<E>(
    fetcher: &Fetcher,
    feeds: Vec<FeedRow>,
    options: &RefreshOptions,
    mut done: impl FnMut(FeedRow, Fetch) -> Result<(), E>,
) -> Result<(), E> {
    let total = feeds.len();
    let queue = Mutex::new(feeds.into_iter().collect::<VecDeque<_>>());
    let stop = AtomicBool::new(false);
    let cancelled = || {
        stop.load(Ordering::Relaxed)
            || options
                .cancel
                .as_ref()
                .is_some_and(|c| c.load(Ordering::Relaxed))
    };
    let workers = options.concurrency.clamp(1, total.max(1));
    let (sender, receiver) = mpsc::channel::<(FeedRow, Fetch)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let queue = &queue;
            let cancelled = &cancelled;
            scope.spawn(move || {
                loop {
                    if cancelled() {
                        break;
                    }
                    let next = queue.lock().map(|mut q| q.pop_front()).ok().flatten();
                    let Some(feed) = next else { break };
                    // A bug in a parser below must cost one feed, not the refresh.
                    let fetched = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        fetch_feed(fetcher, &feed, options)
                    }))
                    .unwrap_or_else(|_| {
                        Fetch::Failed("depeche failed on this feed (an internal error)".into())
                    });
                    if sender.send((feed, fetched)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (feed, fetched) in receiver {
            if let Err(error) = done(feed, fetched) {
                stop.store(true, Ordering::Relaxed);
                return Err(error);
            }
        }
        Ok(())
    })
}

/// What a worker brings back for one feed: all the network and parsing
/// work, none of the writing.
#[derive(Debug)]
pub enum Fetch {
    Parsed {
        feed: feed::Feed,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    NotModified,
    Failed(String),
}

/// Fetches and parses one feed with its stored validators (a conditional
/// request). Pure of the store: safe on any thread.
pub fn fetch_feed(fetcher: &Fetcher, feed: &FeedRow, options: &RefreshOptions) -> Fetch {
    let request = FetchRequest {
        accept: Some(net::ACCEPT_FEED.to_string()),
        etag: feed.etag.clone(),
        last_modified: feed.last_modified.clone(),
        cancel: options.cancel.clone(),
    };
    let page = match fetcher.get(&feed.url, &request) {
        Ok(Fetched::NotModified { .. }) => return Fetch::NotModified,
        Ok(Fetched::Page(page)) => page,
        // The outcome names the feed: the reason alone, not the URL again.
        Err(error) => return Fetch::Failed(error.reason()),
    };
    match feed::parse(
        &page.body,
        Some(&page.url),
        page.charset.as_deref(),
        &options.limits,
    ) {
        Ok(parsed) => Fetch::Parsed {
            feed: parsed,
            etag: page.etag,
            last_modified: page.last_modified,
        },
        Err(error) => Fetch::Failed(error.to_string()),
    }
}

/// Writes one feed's result (one transaction) and says what happened.
pub fn record(
    store: &mut Store,
    feed: &FeedRow,
    fetched: Fetch,
) -> Result<FeedOutcome, StoreError> {
    let (record, result) = match fetched {
        Fetch::NotModified => (
            RefreshRecord {
                not_modified: true,
                ..RefreshRecord::default()
            },
            Ok(FeedUpdate::NotModified),
        ),
        Fetch::Failed(error) => (
            RefreshRecord {
                error: Some(error.clone()),
                ..RefreshRecord::default()
            },
            Err(error),
        ),
        Fetch::Parsed {
            feed: parsed,
            etag,
            last_modified,
        } => {
            let items = parsed.items.len();
            let record = RefreshRecord {
                title: Some(parsed.title.clone()).filter(|t| !t.is_empty()),
                site_url: parsed.site_url.clone(),
                etag,
                last_modified,
                items: parsed.items.iter().map(new_item).collect(),
                error: None,
                not_modified: false,
            };
            let update = FeedUpdate::Updated {
                new_items: 0,
                items,
                skipped: parsed.skipped,
            };
            (record, Ok(update))
        }
    };
    let added = store.record_refresh(feed.id, &record)?;
    let result = result.map(|update| match update {
        FeedUpdate::Updated { items, skipped, .. } => FeedUpdate::Updated {
            new_items: added,
            items,
            skipped,
        },
        other => other,
    });
    let name = feed
        .title
        .clone()
        .or(record.title)
        .unwrap_or_else(|| feed.url.clone());
    Ok(FeedOutcome {
        url: feed.url.clone(),
        name,
        result,
    })
}

fn new_item(item: &feed::Item) -> NewItem {
    NewItem {
        key: item.key.clone(),
        url: item.url.clone(),
        title: item.title.clone(),
        author: item.author.clone(),
        date: item.date().map(|d| d.timestamp()),
        summary: item.summary.clone(),
        content_html: item.content_html.clone(),
    }
}

/// A feed just subscribed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The feed's URL as stored (the discovered one when a page was given).
    pub url: String,
    pub title: String,
    /// False when it was already subscribed.
    pub new: bool,
    /// Items stored from this first fetch.
    pub new_items: usize,
    /// The page the feed was discovered in, when a page URL was given.
    pub discovered_from: Option<String>,
}

/// Subscribes to `url` and fetches it once: a feed is stored with its items;
/// a page is searched for its feeds (`<link rel="alternate">`) and the first
/// is subscribed to. Nothing is stored when it fails.
pub fn add_feed(
    store: &mut Store,
    fetcher: &Fetcher,
    url: &str,
    category: Option<&str>,
    options: &RefreshOptions,
) -> Result<Added, LibraryError> {
    net::parse_web_url(url)?;
    let request = FetchRequest {
        accept: Some(net::ACCEPT_FEED.to_string()),
        cancel: options.cancel.clone(),
        ..FetchRequest::default()
    };
    let Fetched::Page(mut page) = fetcher.get(url, &request)? else {
        // No validators were sent: a 304 here is the server's error.
        return Err(LibraryError::Fetch(FetchError::Status {
            url: url.to_string(),
            status: 304,
        }));
    };
    let mut feed_url = url.to_string();
    let mut discovered_from = None;
    if feed::sniff(&page.body, page.media_type.as_deref()) == Sniffed::Html {
        let text = page.text().text;
        let Some(found) = feed::discover(&text, &page.url).into_iter().next() else {
            return Err(LibraryError::Feed {
                url: url.to_string(),
                error: FeedError::Html,
            });
        };
        let Fetched::Page(feed_page) = fetcher.get(&found.url, &request)? else {
            return Err(LibraryError::Fetch(FetchError::Status {
                url: found.url,
                status: 304,
            }));
        };
        discovered_from = Some(url.to_string());
        feed_url = found.url;
        page = feed_page;
    }
    let parsed = feed::parse(
        &page.body,
        Some(&page.url),
        page.charset.as_deref(),
        &options.limits,
    )
    .map_err(|error| LibraryError::Feed {
        url: feed_url.clone(),
        error,
    })?;
    let title = parsed.title.clone();
    let (id, new) = store.add_feed(
        &feed_url,
        Some(&title).filter(|t| !t.is_empty()).map(String::as_str),
        parsed.site_url.as_deref(),
        category,
    )?;
    let row = FeedRow {
        id,
        url: feed_url.clone(),
        title: Some(title.clone()),
        site_url: None,
        category: None,
        etag: None,
        last_modified: None,
        last_refresh: None,
        last_success: None,
        last_error: None,
        items: 0,
        unread: 0,
    };
    let outcome = record(
        store,
        &row,
        Fetch::Parsed {
            feed: parsed,
            etag: page.etag,
            last_modified: page.last_modified,
        },
    )?;
    let new_items = match outcome.result {
        Ok(FeedUpdate::Updated { new_items, .. }) => new_items,
        _ => 0,
    };
    Ok(Added {
        url: feed_url,
        title,
        new,
        new_items,
        discovered_from,
    })
}

/// Subscribes without fetching (`--offline`, OPML import): the next refresh fetches it.
pub fn add_feed_offline(
    store: &mut Store,
    url: &str,
    category: Option<&str>,
) -> Result<bool, LibraryError> {
    net::parse_web_url(url)?;
    Ok(store.add_feed(url.trim(), None, None, category)?.1)
}

/// Unsubscribes; whether it was subscribed.
pub fn remove_feed(store: &mut Store, url: &str) -> Result<bool, StoreError> {
    store.remove_feed(url)
}

/// Every feed: title, URL, unread count, last refresh, last error.
pub fn list(store: &Store) -> Result<Vec<FeedRow>, StoreError> {
    store.feeds()
}

/// What an OPML import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: Vec<String>,
    pub already: Vec<String>,
    /// URLs refused, with why.
    pub refused: Vec<(String, String)>,
}

/// Subscribes to every feed of an OPML document (without fetching them).
pub fn import_opml(store: &mut Store, bytes: &[u8]) -> Result<ImportSummary, LibraryError> {
    let subscriptions = opml::import(bytes).map_err(|error| LibraryError::Feed {
        url: "OPML".to_string(),
        error,
    })?;
    let mut summary = ImportSummary::default();
    for s in subscriptions {
        if let Err(error) = net::parse_web_url(&s.url) {
            summary.refused.push((s.url, error.to_string()));
            continue;
        }
        let (_, new) = store.add_feed(
            &s.url,
            s.title.as_deref(),
            s.site_url.as_deref(),
            s.category.as_deref(),
        )?;
        if new {
            summary.added.push(s.url);
        } else {
            summary.already.push(s.url);
        }
    }
    Ok(summary)
}

/// Every subscription as an OPML 2.0 document.
pub fn export_opml(store: &Store) -> Result<String, LibraryError> {
    let subscriptions: Vec<opml::Subscription> = store
        .feeds()?
        .into_iter()
        .map(|f| opml::Subscription {
            url: f.url,
            title: f.title,
            site_url: f.site_url,
            category: f.category,
        })
        .collect();
    opml::export(&subscriptions).map_err(|error| LibraryError::Feed {
        url: "OPML".to_string(),
        error,
    })
}
