//! The library's screens (`depeche library`): the feeds with their unread
//! counts, a feed's items (or every feed's), and an item opened as the
//! article. Plain data and pure state: the runtime's workers load the lists,
//! fetch, import and store (`Effect::Library`), and answer with
//! `Action::LibraryEvent`; nothing here waits for them.

use std::sync::Arc;

use super::list::ListView;
use super::message::{Built, Effect};
use super::{App, Screen};
use crate::corpus::links;
use crate::corpus::model::Corpus;

/// A feed as the feed list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    pub id: i64,
    /// The title, or the URL before the feed was fetched.
    pub name: String,
    pub url: String,
    pub site_url: Option<String>,
    pub unread: u64,
    pub items: u64,
    /// Unix seconds of the last refresh.
    pub last_refresh: Option<i64>,
    /// Why the last refresh failed.
    pub last_error: Option<String>,
}

/// An item as the item list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEntry {
    pub id: i64,
    pub feed_id: i64,
    pub title: String,
    /// Its feed's name.
    pub feed: String,
    /// Unix seconds.
    pub date: Option<i64>,
    pub read: bool,
    pub url: Option<String>,
}

/// Whose items: one feed's, or every feed's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Which {
    #[default]
    All,
    Feed(i64),
}

/// What the reader asks of the library's workers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryRequest {
    /// The feed list (answered with `LibraryEvent::Feeds`).
    Feeds,
    /// The items of one feed or all (`LibraryEvent::Items`).
    Items(Which),
    /// The article of an item: stored, imported from the feed's content,
    /// or its page fetched and imported (`Fetching`, then `Opened` or
    /// `OpenFailed`, all with `generation`).
    Open {
        item: i64,
        generation: u64,
    },
    /// Stop opening: the answer of `generation` is no longer wanted.
    Cancel {
        generation: u64,
    },
    SetRead {
        item: i64,
        read: bool,
    },
    MarkAllRead(Which),
    /// Fetch the feeds again (`RefreshProgress`, then `RefreshDone`).
    Refresh(Which),
}

/// A key of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryKey {
    /// Back a level: the article to its list, the items to the feeds.
    Back,
    /// `q`: back a level, and from the feeds, quit.
    BackOrQuit,
    /// Stop opening an item (its page is being fetched).
    Cancel,
    RefreshThis,
    RefreshAll,
    ToggleRead,
    MarkAllRead,
    NextUnread,
    /// The item's page (or the feed's site) in a browser.
    OpenOriginal,
}

/// News from the library's workers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryEvent {
    Feeds(Vec<FeedEntry>),
    Items {
        which: Which,
        items: Vec<ItemEntry>,
    },
    /// The item's page is being fetched.
    Fetching {
        generation: u64,
        url: String,
    },
    Opened {
        generation: u64,
        item: i64,
        /// The store key positions and marks go under.
        document: String,
        corpus: Built<Corpus>,
        /// What to tell the reader (the summary shown instead of the page…).
        notes: Vec<String>,
    },
    OpenFailed {
        generation: u64,
        error: String,
    },
    /// A refresh began, of this many feeds.
    RefreshStarted {
        total: usize,
    },
    /// One feed refreshed (`error`: why it failed).
    RefreshProgress {
        done: usize,
        total: usize,
        name: String,
        error: Option<String>,
    },
    /// The refresh is over: a one-line summary, and how many feeds failed.
    RefreshDone {
        summary: String,
        failed: usize,
    },
    /// Something the status line should say.
    Notice {
        text: String,
        error: bool,
    },
}

/// Which list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Feeds,
    Items,
}

/// An item being opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub item: i64,
    pub title: String,
    pub generation: u64,
    /// Its page is being fetched (from this URL).
    pub fetching: Option<String>,
}

/// A refresh under way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Refreshing {
    pub done: usize,
    pub total: usize,
    pub failed: usize,
    /// The feed done last.
    pub last: String,
}

/// The library's state.
#[derive(Debug, Clone)]
pub struct Library {
    pub level: Level,
    pub feeds: Vec<FeedEntry>,
    /// Whether the feed list has come (before: "loading…").
    pub feeds_loaded: bool,
    /// Row 0 is every feed's items; row `i + 1` is `feeds[i]`.
    pub feed_list: ListView,
    /// Whose items `items` are (or are being loaded).
    pub which: Which,
    pub items: Vec<ItemEntry>,
    pub items_loaded: bool,
    pub item_list: ListView,
    pub opening: Option<Opening>,
    /// The item whose article is shown (or was, back in the list).
    pub reading: Option<i64>,
    pub refreshing: Option<Refreshing>,
    /// No network: refreshing and fetching are refused.
    pub offline: bool,
    generation: u64,
}

impl Library {
    pub fn new(offline: bool) -> Library {
        Library {
            level: Level::Feeds,
            feeds: Vec::new(),
            feeds_loaded: false,
            feed_list: ListView::new(1),
            which: Which::All,
            items: Vec::new(),
            items_loaded: false,
            item_list: ListView::new(1),
            opening: None,
            reading: None,
            refreshing: None,
            offline,
            generation: 0,
        }
    }

    /// Rows of the feed list (every feed's items first).
    pub fn feed_rows(&self) -> usize {
        self.feeds.len() + 1
    }

    /// The feed of a feed list row (`None`: every feed).
    pub fn feed_of_row(&self, row: usize) -> Option<&FeedEntry> {
        row.checked_sub(1).and_then(|i| self.feeds.get(i))
    }

    /// Unread items of every feed.
    pub fn unread(&self) -> u64 {
        self.feeds.iter().map(|f| f.unread).sum()
    }

    /// The name of whose items are shown.
    pub fn which_name(&self) -> String {
        match self.which {
            Which::All => "All feeds".to_string(),
            Which::Feed(id) => self
                .feeds
                .iter()
                .find(|f| f.id == id)
                .map_or_else(|| "Feed".to_string(), |f| f.name.clone()),
        }
    }

    /// The item selected in the item list.
    pub fn selected_item(&self) -> Option<&ItemEntry> {
        self.items.get(self.item_list.selected)
    }

    fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// Counts one item of `feed` as read (`read`) or unread again.
    fn count_read(&mut self, feed: i64, read: bool) {
        if let Some(entry) = self.feeds.iter_mut().find(|f| f.id == feed) {
            entry.unread = if read {
                entry.unread.saturating_sub(1)
            } else {
                entry.unread + 1
            };
        }
    }
}

impl App {
    /// The reader as the library: the feed list first (asked of the
    /// workers at once); `offline`: nothing is fetched.
    pub fn open_library(&mut self, offline: bool) {
        self.library = Some(Box::new(Library::new(offline)));
        self.screen = Screen::Library;
        self.effects.push(Effect::Library(LibraryRequest::Feeds));
    }

    /// The library opened on one feed's items.
    pub fn open_library_feed(&mut self, feed: i64, offline: bool) {
        self.open_library(offline);
        if let Some(library) = self.library.as_deref_mut() {
            library.level = Level::Items;
            library.which = Which::Feed(feed);
        }
        self.effects
            .push(Effect::Library(LibraryRequest::Items(Which::Feed(feed))));
    }

    /// Whether an answer of the services is awaited (a list, an item, a
    /// refresh): the loop then looks for it often.
    pub fn awaits_services(&self) -> bool {
        self.library.as_deref().is_some_and(|l| {
            !l.feeds_loaded
                || (l.level == Level::Items && !l.items_loaded)
                || l.opening.is_some()
                || l.refreshing.is_some()
        })
    }

    /// Whether a library list is on screen.
    pub fn in_library_list(&self) -> bool {
        self.screen == Screen::Library && self.library.is_some()
    }

    /// Whether the article shown is an item opened from the library.
    pub fn reading_library_item(&self) -> bool {
        self.screen == Screen::Reader && self.library.as_ref().is_some_and(|l| l.reading.is_some())
    }

    /// Whether an item is being opened (its page fetched).
    pub fn library_opening(&self) -> bool {
        self.library.as_ref().is_some_and(|l| l.opening.is_some())
    }

    /// The list on screen in the library.
    pub fn library_list(&self) -> Option<(&ListView, usize)> {
        let library = self.library.as_deref()?;
        Some(match library.level {
            Level::Feeds => (&library.feed_list, library.feed_rows()),
            Level::Items => (&library.item_list, library.items.len()),
        })
    }

    pub(super) fn library_move(&mut self, motion: super::Motion) {
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        let (list, len) = match library.level {
            Level::Feeds => (&mut library.feed_list, library.feeds.len() + 1),
            Level::Items => (&mut library.item_list, library.items.len()),
        };
        list.selected = list.moved(motion, len);
        list.keep_in_view(len);
    }

    /// A click on a row of the list (two close clicks: Enter).
    pub(super) fn library_click(&mut self, row: u16, at_ms: u64) {
        let double = self.pointer.click(0, row, at_ms);
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        let (list, len) = match library.level {
            Level::Feeds => (&mut library.feed_list, library.feeds.len() + 1),
            Level::Items => (&mut library.item_list, library.items.len()),
        };
        if let Some(item) = list.item_at(row, len) {
            list.selected = item;
            list.keep_in_view(len);
            if double {
                self.library_enter();
            }
        }
    }

    /// Keeps both lists' selections in range and in view.
    pub(super) fn library_keep_in_view(&mut self) {
        if let Some(library) = self.library.as_deref_mut() {
            let feeds = library.feed_rows();
            library.feed_list.keep_in_view(feeds);
            let items = library.items.len();
            library.item_list.keep_in_view(items);
        }
    }

    /// Enter in a list: a feed's items, or an item's article.
    pub(super) fn library_enter(&mut self) {
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        match library.level {
            Level::Feeds => {
                let which = library
                    .feed_of_row(library.feed_list.selected)
                    .map_or(Which::All, |f| Which::Feed(f.id));
                self.show_items(which);
            }
            Level::Items => {
                if let Some(item) = library.selected_item().map(|i| i.id) {
                    self.open_item(item);
                }
            }
        }
    }

    /// The item list of `which`, asked of the workers (kept while it is
    /// the same list, so its selection stays).
    fn show_items(&mut self, which: Which) {
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        if library.which != which || !library.items_loaded {
            library.which = which;
            library.items.clear();
            library.items_loaded = false;
            library.item_list.reset();
        }
        library.level = Level::Items;
        self.effects
            .push(Effect::Library(LibraryRequest::Items(which)));
    }

    /// Asks for an item's article; the status line shows it coming.
    fn open_item(&mut self, item: i64) {
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        if let Some(old) = library.opening.take() {
            self.effects.push(Effect::Library(LibraryRequest::Cancel {
                generation: old.generation,
            }));
        }
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        let title = library
            .items
            .iter()
            .find(|i| i.id == item)
            .map_or_else(String::new, |i| i.title.clone());
        let generation = library.next_generation();
        library.opening = Some(Opening {
            item,
            title,
            generation,
            fetching: None,
        });
        self.effects
            .push(Effect::Library(LibraryRequest::Open { item, generation }));
    }

    pub(super) fn library_key(&mut self, key: LibraryKey) {
        if self.library.is_none() {
            return;
        }
        match key {
            LibraryKey::Cancel => self.cancel_opening(),
            LibraryKey::Back | LibraryKey::BackOrQuit => self.library_back(key),
            LibraryKey::RefreshThis => {
                let which = self.current_which();
                self.refresh(which);
            }
            LibraryKey::RefreshAll => self.refresh(Which::All),
            LibraryKey::ToggleRead => self.toggle_read(),
            LibraryKey::MarkAllRead => self.mark_all_read(),
            LibraryKey::NextUnread => self.next_unread(),
            LibraryKey::OpenOriginal => self.open_original_of_selection(),
        }
    }

    fn cancel_opening(&mut self) {
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        if let Some(old) = library.opening.take() {
            self.effects.push(Effect::Library(LibraryRequest::Cancel {
                generation: old.generation,
            }));
            self.say("cancelled");
        }
    }

    fn library_back(&mut self, key: LibraryKey) {
        if self.library_opening() {
            return self.cancel_opening();
        }
        if self.screen == Screen::Reader {
            self.save_place();
            self.screen = Screen::Library;
            if let Some(library) = self.library.as_deref_mut() {
                library.level = Level::Items;
            }
            return;
        }
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        match library.level {
            Level::Items => {
                library.level = Level::Feeds;
                // The feed whose items were shown stays selected.
                if let Which::Feed(id) = library.which
                    && let Some(i) = library.feeds.iter().position(|f| f.id == id)
                {
                    library.feed_list.selected = i + 1;
                }
                self.effects.push(Effect::Library(LibraryRequest::Feeds));
                self.library_keep_in_view();
            }
            Level::Feeds if key == LibraryKey::BackOrQuit => {
                self.save_place();
                self.quit = true;
            }
            Level::Feeds => {}
        }
    }

    /// The feed the keys act on: the one whose items (or item) show, or
    /// the one selected in the feed list.
    fn current_which(&self) -> Which {
        let Some(library) = self.library.as_deref() else {
            return Which::All;
        };
        if self.screen == Screen::Library && library.level == Level::Feeds {
            return library
                .feed_of_row(library.feed_list.selected)
                .map_or(Which::All, |f| Which::Feed(f.id));
        }
        library.which
    }

    fn refresh(&mut self, which: Which) {
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        if library.offline {
            return self.error("offline: nothing is fetched (run without --offline to refresh)");
        }
        if library.refreshing.is_some() {
            return self.say("a refresh is under way");
        }
        library.refreshing = Some(Refreshing::default());
        self.effects
            .push(Effect::Library(LibraryRequest::Refresh(which)));
        self.say("refreshing…");
    }

    /// The item the keys act on: the one read, or the one selected.
    fn key_item(&self) -> Option<&ItemEntry> {
        let library = self.library.as_deref()?;
        if self.screen == Screen::Reader {
            let id = library.reading?;
            return library.items.iter().find(|i| i.id == id);
        }
        (library.level == Level::Items)
            .then(|| library.selected_item())
            .flatten()
    }

    fn toggle_read(&mut self) {
        let Some(item) = self.key_item().cloned() else {
            return self.say("no item here");
        };
        let read = !item.read;
        self.set_read(item.id, item.feed_id, read);
        self.say(if read { "marked read" } else { "marked unread" });
    }

    fn set_read(&mut self, item: i64, feed: i64, read: bool) {
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        let mut changed = false;
        if let Some(entry) = library.items.iter_mut().find(|i| i.id == item)
            && entry.read != read
        {
            entry.read = read;
            changed = true;
        }
        if changed {
            library.count_read(feed, read);
        }
        self.effects
            .push(Effect::Library(LibraryRequest::SetRead { item, read }));
    }

    fn mark_all_read(&mut self) {
        let which = self.current_which();
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        for item in &mut library.items {
            if which == Which::All || which == Which::Feed(item.feed_id) {
                item.read = true;
            }
        }
        for feed in &mut library.feeds {
            if which == Which::All || which == Which::Feed(feed.id) {
                feed.unread = 0;
            }
        }
        self.effects
            .push(Effect::Library(LibraryRequest::MarkAllRead(which)));
        let name = match which {
            Which::All => "every feed".to_string(),
            Which::Feed(id) => library
                .feeds
                .iter()
                .find(|f| f.id == id)
                .map_or_else(|| "this feed".into(), |f| f.name.clone()),
        };
        self.say(format!("marked all read: {name}"));
    }

    /// `.`: the next unread item after the one selected (or read), opened
    /// from an article; in the feed list, the next feed with unread items.
    fn next_unread(&mut self) {
        let reading = self.screen == Screen::Reader;
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        if !reading && library.level == Level::Feeds {
            let from = library.feed_list.selected;
            let n = library.feeds.len();
            let found = (1..=n)
                .map(|k| (from + k - 1) % n)
                .find(|&i| library.feeds[i].unread > 0 && i + 1 != from);
            return match found {
                Some(i) => {
                    library.feed_list.selected = i + 1;
                    self.library_keep_in_view();
                }
                None => self.say("no unread items"),
            };
        }
        let from = if reading {
            library
                .reading
                .and_then(|id| library.items.iter().position(|i| i.id == id))
        } else {
            Some(library.item_list.selected)
        };
        let start = from.map_or(0, |i| i + 1);
        let found = library.items[start.min(library.items.len())..]
            .iter()
            .position(|i| !i.read)
            .map(|k| start + k);
        let Some(index) = found else {
            return self.say("no unread item below in this list");
        };
        library.item_list.selected = index;
        let id = library.items[index].id;
        self.library_keep_in_view();
        if reading {
            self.open_item(id);
        }
    }

    fn open_original_of_selection(&mut self) {
        let Some(library) = self.library.as_deref() else {
            return;
        };
        let url = if self.screen == Screen::Library && library.level == Level::Feeds {
            library
                .feed_of_row(library.feed_list.selected)
                .and_then(|f| f.site_url.clone().or_else(|| Some(f.url.clone())))
        } else {
            self.key_item().and_then(|i| i.url.clone())
        };
        match url.as_deref().and_then(links::link_target) {
            Some(url) => {
                self.say(format!("opening {url}"));
                self.effects.push(Effect::OpenUrl(url));
            }
            None => self.say("no page to open here"),
        }
    }

    pub(super) fn library_event(&mut self, event: LibraryEvent) {
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        match event {
            LibraryEvent::Feeds(feeds) => {
                let selected = library
                    .feed_of_row(library.feed_list.selected)
                    .map(|f| f.id);
                library.feeds = feeds;
                library.feeds_loaded = true;
                if let Some(id) = selected {
                    library.feed_list.selected = library
                        .feeds
                        .iter()
                        .position(|f| f.id == id)
                        .map_or(library.feed_list.selected, |i| i + 1);
                }
                self.library_keep_in_view();
            }
            LibraryEvent::Items { which, items } => {
                if which != library.which {
                    return;
                }
                let selected = library.selected_item().map(|i| i.id);
                library.items = items;
                library.items_loaded = true;
                if let Some(id) = selected
                    && let Some(i) = library.items.iter().position(|i| i.id == id)
                {
                    library.item_list.selected = i;
                }
                self.library_keep_in_view();
            }
            LibraryEvent::Fetching { generation, url } => {
                if let Some(opening) = library
                    .opening
                    .as_mut()
                    .filter(|o| o.generation == generation)
                {
                    opening.fetching = Some(url);
                }
            }
            LibraryEvent::Opened {
                generation,
                item,
                document,
                corpus,
                notes,
            } => {
                if library.opening.as_ref().map(|o| o.generation) != Some(generation) {
                    return;
                }
                library.opening = None;
                self.show_item(item, document, corpus.0, notes);
            }
            LibraryEvent::OpenFailed { generation, error } => {
                if library.opening.as_ref().map(|o| o.generation) == Some(generation) {
                    library.opening = None;
                    self.error(error);
                }
            }
            LibraryEvent::RefreshStarted { total } => {
                library.refreshing = Some(Refreshing {
                    total,
                    ..Refreshing::default()
                });
            }
            LibraryEvent::RefreshProgress {
                done,
                total,
                name,
                error,
            } => {
                let refreshing = library.refreshing.get_or_insert_with(Refreshing::default);
                refreshing.done = done;
                refreshing.total = total;
                refreshing.failed += usize::from(error.is_some());
                refreshing.last = name;
            }
            LibraryEvent::RefreshDone { summary, failed } => {
                library.refreshing = None;
                let which = library.which;
                let items_shown = library.level == Level::Items || library.reading.is_some();
                self.effects.push(Effect::Library(LibraryRequest::Feeds));
                if items_shown {
                    self.effects
                        .push(Effect::Library(LibraryRequest::Items(which)));
                }
                if failed > 0 {
                    self.error(summary);
                } else {
                    self.say(summary);
                }
            }
            LibraryEvent::Notice { text, error } => {
                if error {
                    self.error(text);
                } else {
                    self.say(text);
                }
            }
        }
    }

    /// Shows an item's article (read from now on) where it was left.
    fn show_item(&mut self, item: i64, document: String, corpus: Arc<Corpus>, notes: Vec<String>) {
        if self.screen == Screen::Reader {
            self.save_place();
        }
        self.replace_corpus(corpus);
        self.screen = Screen::Reader;
        let unread = self.library.as_deref_mut().and_then(|library| {
            library.reading = Some(item);
            library
                .items
                .iter()
                .find(|i| i.id == item)
                .filter(|i| !i.read)
                .map(|i| i.feed_id)
        });
        if let Some(feed) = unread {
            self.set_read(item, feed, true);
        }
        self.remember_as(document);
        if let Some(note) = notes.first() {
            self.say(note.clone());
        }
    }
}
