//! The reader's effects that need the database or the network: one thread
//! owns the store and runs every request in order (each write one
//! transaction: a `kill -9` loses nothing already answered), fetches run on
//! threads of their own (a page) or a bounded pool (a refresh), and every
//! answer comes back to the loop as an action. The UI thread never waits
//! for any of it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;

use crate::corpus::sanitize;
use crate::library::articles::{self, FetchedArticle, ItemPlan};
use crate::library::{self, FeedUpdate, Fetch, RefreshOptions};
use crate::net::Fetcher;
use crate::reader::library::{FeedEntry, ItemEntry, LibraryEvent, LibraryRequest, Which};
use crate::reader::memory::{Recalled, Remember, SavedPlace};
use crate::reader::{Action, Built, Effect};
use crate::search::SearchMode;
use crate::store::{
    DocumentKey, FeedRow, ItemDetail, ItemRow, Position, SEARCH_HISTORY_SIZE, Store, StoreError,
};

/// Where the reader's state lives.
pub enum StoreSource {
    /// A store the command line opened already.
    Opened(Store),
    /// Opened on the storage thread, after the first frame.
    Path(PathBuf),
    /// `--no-state`: a store in memory, nothing read or written on disk.
    Memory,
}

/// What the services need.
pub struct ServiceConfig {
    pub store: StoreSource,
    /// `None`: offline, nothing is fetched.
    pub fetcher: Option<Arc<Fetcher>>,
    /// Feeds fetched at once in a refresh.
    pub concurrency: usize,
}

/// The most items an item list loads.
const ITEMS_LIMIT: u64 = 100_000;

enum Job {
    Effect(Effect),
    /// One feed of a refresh, fetched and parsed, to record.
    Record(Box<FeedRow>, Box<Fetch>),
    RefreshFinished,
    /// An item's page, fetched and imported (or not).
    Fetched {
        generation: u64,
        document: DocumentKey,
        detail: Box<ItemDetail>,
        result: Result<Box<FetchedArticle>, String>,
    },
    Stop,
}

/// The storage thread, and how to reach it.
pub struct Services {
    jobs: mpsc::Sender<Job>,
    thread: Option<JoinHandle<()>>,
}

impl Services {
    /// Starts the storage thread; answers go to `done`.
    pub fn start(config: ServiceConfig, done: mpsc::Sender<Action>) -> std::io::Result<Services> {
        let (jobs, receiver) = mpsc::channel();
        let to_self = jobs.clone();
        let thread = std::thread::Builder::new()
            .name("depeche-store".into())
            .spawn(move || {
                let mut worker = Worker::open(config, to_self, done);
                for job in receiver {
                    if matches!(job, Job::Stop) {
                        break;
                    }
                    // A bug below must cost one request, not the reader's state.
                    let run =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| worker.run(job)));
                    if run.is_err() {
                        worker.notice("depeche failed on a storage request (an internal error)");
                    }
                }
                worker.stop();
            })?;
        Ok(Services {
            jobs,
            thread: Some(thread),
        })
    }

    /// Hands an effect over (`Remember` or `Library`).
    pub fn send(&self, effect: Effect) {
        let _ = self.jobs.send(Job::Effect(effect));
    }

    /// Waits until every request sent is done (each place, mark and read
    /// flag written), then stops the thread.
    pub fn finish(mut self) {
        let _ = self.jobs.send(Job::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct Worker {
    store: Store,
    fetcher: Option<Arc<Fetcher>>,
    concurrency: usize,
    to_self: mpsc::Sender<Job>,
    done: mpsc::Sender<Action>,
    /// Items being fetched: generation → its cancel flag.
    opening: HashMap<u64, Arc<AtomicBool>>,
    refresh: Option<Refresh>,
}

/// A refresh under way.
struct Refresh {
    total: usize,
    done: usize,
    new_items: usize,
    failed: Vec<String>,
    cancel: Arc<AtomicBool>,
}

impl Worker {
    fn open(
        config: ServiceConfig,
        to_self: mpsc::Sender<Job>,
        done: mpsc::Sender<Action>,
    ) -> Worker {
        let mut notices = Vec::new();
        let store = match config.store {
            StoreSource::Opened(store) => store,
            StoreSource::Memory => Store::in_memory(),
            StoreSource::Path(path) => match Store::open(&path) {
                Ok(opened) => {
                    if let Some(aside) = opened.moved_aside {
                        notices.push(moved_aside_message(&aside));
                    }
                    opened.store
                }
                Err(error) => {
                    notices.push(format!("{error}; nothing is remembered this time"));
                    Store::in_memory()
                }
            },
        };
        let worker = Worker {
            store,
            fetcher: config.fetcher,
            concurrency: config.concurrency.max(1),
            to_self,
            done,
            opening: HashMap::new(),
            refresh: None,
        };
        for notice in notices {
            worker.notice(&notice);
        }
        worker.send_search_history();
        worker
    }

    fn send(&self, action: Action) {
        let _ = self.done.send(action);
    }

    /// An error for the status line.
    fn notice(&self, text: &str) {
        self.send(Action::EffectDone(Err(text.to_string())));
    }

    fn event(&self, event: LibraryEvent) {
        self.send(Action::LibraryEvent(event));
    }

    fn stop(&mut self) {
        if let Some(refresh) = &self.refresh {
            refresh.cancel.store(true, Ordering::Relaxed);
        }
        for cancel in self.opening.values() {
            cancel.store(true, Ordering::Relaxed);
        }
    }

    fn send_search_history(&self) {
        let Ok(mut past) = self.store.search_history(SEARCH_HISTORY_SIZE) else {
            return;
        };
        past.reverse();
        let past = past
            .into_iter()
            .map(|s| {
                let mode = if s.regex {
                    SearchMode::Regex
                } else {
                    SearchMode::Plain
                };
                (s.query, mode)
            })
            .collect();
        self.send(Action::SearchHistory(past));
    }

    fn run(&mut self, job: Job) {
        let result = match job {
            Job::Effect(Effect::Remember(remember)) => self.remember(remember),
            Job::Effect(Effect::Library(request)) => self.library(request),
            Job::Effect(_) | Job::Stop => Ok(()),
            Job::Record(feed, fetched) => self.record(*feed, *fetched),
            Job::RefreshFinished => self.refresh_finished(),
            Job::Fetched {
                generation,
                document,
                detail,
                result,
            } => self.fetched(generation, document, *detail, result),
        };
        if let Err(error) = result {
            self.notice(&error.to_string());
        }
    }

    fn remember(&mut self, remember: Remember) -> Result<(), StoreError> {
        let key = |document: &str| DocumentKey::from_key(document);
        match remember {
            Remember::Recall { document } => {
                let Some(key) = key(&document) else {
                    return Ok(());
                };
                let places = self
                    .store
                    .positions(&key)?
                    .into_iter()
                    .map(|(article, p)| (article, saved_place(p)))
                    .collect();
                let marks = self
                    .store
                    .document_marks(&key)?
                    .into_iter()
                    .map(|(article, letter, p)| (article, letter, saved_place(p)))
                    .collect();
                self.send(Action::Recalled(Recalled {
                    document,
                    places,
                    marks,
                }));
            }
            Remember::Place {
                document,
                article,
                place,
            } => {
                if let Some(key) = key(&document) {
                    self.store.save_position(&key, &article, position(place))?;
                }
            }
            Remember::Mark {
                document,
                article,
                letter,
                place,
            } => {
                if let Some(key) = key(&document) {
                    self.store
                        .set_mark(&key, &article, letter, position(place))?;
                }
            }
            Remember::Search { query, mode } => {
                self.store.push_search(&query, mode == SearchMode::Regex)?;
            }
        }
        Ok(())
    }

    fn library(&mut self, request: LibraryRequest) -> Result<(), StoreError> {
        match request {
            LibraryRequest::Feeds => {
                let feeds = self.store.feeds()?.into_iter().map(feed_entry).collect();
                self.event(LibraryEvent::Feeds(feeds));
            }
            LibraryRequest::Items(which) => {
                let names: HashMap<i64, String> = self
                    .store
                    .feeds()?
                    .into_iter()
                    .map(|f| (f.id, f.name().to_string()))
                    .collect();
                let items = self
                    .store
                    .items(feed_id(which), false, 0, ITEMS_LIMIT)?
                    .into_iter()
                    .map(|row| item_entry(row, &names))
                    .collect();
                self.event(LibraryEvent::Items { which, items });
            }
            LibraryRequest::Open { item, generation } => self.open_item(item, generation),
            LibraryRequest::Cancel { generation } => {
                if let Some(cancel) = self.opening.remove(&generation) {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
            LibraryRequest::SetRead { item, read } => {
                self.store.set_read(item, read)?;
            }
            LibraryRequest::MarkAllRead(which) => {
                self.store.mark_all_read(feed_id(which))?;
            }
            LibraryRequest::Refresh(which) => self.start_refresh(which)?,
        }
        Ok(())
    }

    fn open_item(&mut self, item: i64, generation: u64) {
        let failed = |worker: &Worker, error: String| {
            worker.event(LibraryEvent::OpenFailed { generation, error });
        };
        let plan = match articles::plan_item(&mut self.store, item, self.fetcher.is_none()) {
            Ok(plan) => plan,
            Err(error) => return failed(self, error.to_string()),
        };
        match plan {
            ItemPlan::Ready(ready) => self.event(LibraryEvent::Opened {
                generation,
                item,
                document: ready.document.as_key(),
                corpus: Built(Arc::new(ready.corpus)),
                notes: ready.notes,
            }),
            ItemPlan::Fetch {
                document,
                url,
                detail,
            } => {
                let Some(fetcher) = self.fetcher.clone() else {
                    return failed(self, "offline: nothing is fetched".into());
                };
                let cancel = Arc::new(AtomicBool::new(false));
                self.opening.insert(generation, Arc::clone(&cancel));
                self.event(LibraryEvent::Fetching {
                    generation,
                    url: url.clone(),
                });
                let to_self = self.to_self.clone();
                let spawned = std::thread::Builder::new()
                    .name("depeche-fetch".into())
                    .spawn(move || {
                        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            articles::fetch_page_article(&fetcher, &url, Some(cancel))
                        }))
                        .unwrap_or_else(|_| {
                            Err(library::LibraryError::Article(
                                "depeche failed on this page (an internal error)".into(),
                            ))
                        });
                        let _ = to_self.send(Job::Fetched {
                            generation,
                            document,
                            detail,
                            result: result.map(Box::new).map_err(|e| e.to_string()),
                        });
                    });
                if let Err(error) = spawned {
                    self.opening.remove(&generation);
                    failed(self, format!("cannot start a fetch: {error}"));
                }
            }
        }
    }

    fn fetched(
        &mut self,
        generation: u64,
        document: DocumentKey,
        detail: ItemDetail,
        result: Result<Box<FetchedArticle>, String>,
    ) -> Result<(), StoreError> {
        if self.opening.remove(&generation).is_none() {
            // Cancelled: nobody waits for it (a page fetched whole is still kept).
            if let Ok(article) = &result {
                let _ = articles::store_fetched(&mut self.store, &document, article);
            }
            return Ok(());
        }
        let item = detail.row.id;
        match result {
            Ok(article) => {
                if let Err(error) = articles::store_fetched(&mut self.store, &document, &article) {
                    self.notice(&format!("the page could not be kept: {error}"));
                }
                let article = *article;
                self.event(LibraryEvent::Opened {
                    generation,
                    item,
                    document: document.as_key(),
                    corpus: Built(Arc::new(article.corpus)),
                    notes: article.notes,
                });
            }
            Err(error) => match articles::summary_article(&detail, false) {
                Ok(mut summary) => {
                    summary
                        .notes
                        .insert(0, format!("{error} — showing the feed's summary instead"));
                    self.event(LibraryEvent::Opened {
                        generation,
                        item,
                        document: summary.document.as_key(),
                        corpus: Built(Arc::new(summary.corpus)),
                        notes: summary.notes,
                    });
                }
                Err(_) => self.event(LibraryEvent::OpenFailed { generation, error }),
            },
        }
        Ok(())
    }

    fn start_refresh(&mut self, which: Which) -> Result<(), StoreError> {
        let Some(fetcher) = self.fetcher.clone() else {
            self.event(LibraryEvent::RefreshDone {
                summary: "offline: nothing is fetched".into(),
                failed: 0,
            });
            return Ok(());
        };
        if self.refresh.is_some() {
            return Ok(());
        }
        let feeds: Vec<FeedRow> = self
            .store
            .feeds()?
            .into_iter()
            .filter(|f| which == Which::All || which == Which::Feed(f.id))
            .collect();
        let total = feeds.len();
        let cancel = Arc::new(AtomicBool::new(false));
        self.refresh = Some(Refresh {
            total,
            done: 0,
            new_items: 0,
            failed: Vec::new(),
            cancel: Arc::clone(&cancel),
        });
        self.event(LibraryEvent::RefreshStarted { total });
        let options = RefreshOptions {
            concurrency: self.concurrency,
            cancel: Some(cancel),
            ..RefreshOptions::default()
        };
        let to_self = self.to_self.clone();
        let spawned = std::thread::Builder::new()
            .name("depeche-refresh".into())
            .spawn(move || {
                let _ = library::fetch_each(&fetcher, feeds, &options, |feed, fetched| {
                    to_self.send(Job::Record(Box::new(feed), Box::new(fetched)))
                });
                let _ = to_self.send(Job::RefreshFinished);
            });
        if let Err(error) = spawned {
            self.refresh = None;
            self.event(LibraryEvent::RefreshDone {
                summary: format!("cannot start the refresh: {error}"),
                failed: 1,
            });
        }
        Ok(())
    }

    fn record(&mut self, feed: FeedRow, fetched: Fetch) -> Result<(), StoreError> {
        let outcome = library::record(&mut self.store, &feed, fetched)?;
        let Some(refresh) = self.refresh.as_mut() else {
            return Ok(());
        };
        refresh.done += 1;
        let error = match &outcome.result {
            Ok(FeedUpdate::Updated { new_items, .. }) => {
                refresh.new_items += new_items;
                None
            }
            Ok(FeedUpdate::NotModified) => None,
            Err(why) => {
                refresh
                    .failed
                    .push(format!("{}: {}", sanitize::for_message(&outcome.name), why));
                Some(why.clone())
            }
        };
        let (done, total) = (refresh.done, refresh.total);
        self.event(LibraryEvent::RefreshProgress {
            done,
            total,
            name: sanitize::for_message(&outcome.name),
            error,
        });
        Ok(())
    }

    fn refresh_finished(&mut self) -> Result<(), StoreError> {
        let Some(refresh) = self.refresh.take() else {
            return Ok(());
        };
        let feeds = if refresh.total == 1 { "feed" } else { "feeds" };
        let mut summary = format!(
            "refreshed {}/{} {feeds}: {} new item{}",
            refresh.done,
            refresh.total,
            refresh.new_items,
            if refresh.new_items == 1 { "" } else { "s" }
        );
        if let Some(first) = refresh.failed.first() {
            summary.push_str(&format!("; {} failed — {first}", refresh.failed.len()));
        }
        self.event(LibraryEvent::RefreshDone {
            summary,
            failed: refresh.failed.len(),
        });
        Ok(())
    }
}

/// What the status line says when a damaged database was moved aside.
pub fn moved_aside_message(aside: &std::path::Path) -> String {
    format!(
        "the database was damaged: moved aside to {} (nothing deleted); starting afresh",
        sanitize::for_message(&aside.display().to_string())
    )
}

fn feed_id(which: Which) -> Option<i64> {
    match which {
        Which::All => None,
        Which::Feed(id) => Some(id),
    }
}

fn saved_place(p: Position) -> SavedPlace {
    SavedPlace {
        section: p.section as usize,
        block: p.block.map(|b| b as usize),
        offset: p.offset as usize,
    }
}

fn position(p: SavedPlace) -> Position {
    let cap = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Position {
        section: cap(p.section),
        block: p.block.map(cap),
        offset: cap(p.offset),
    }
}

fn feed_entry(row: FeedRow) -> FeedEntry {
    FeedEntry {
        id: row.id,
        name: row.name().to_string(),
        url: row.url,
        site_url: row.site_url,
        unread: row.unread,
        items: row.items,
        last_refresh: row.last_refresh,
        last_error: row.last_error,
    }
}

fn item_entry(row: ItemRow, names: &HashMap<i64, String>) -> ItemEntry {
    ItemEntry {
        id: row.id,
        feed_id: row.feed_id,
        feed: names.get(&row.feed_id).cloned().unwrap_or_default(),
        title: row.title,
        date: row.date,
        read: row.read,
        url: row.url,
    }
}
