//! Articles the library reads, and where each comes from: a feed item's
//! own content (content:encoded, Atom content, JSON `content_html`), else
//! its page fetched and imported, kept in the store as corpus JSON so it
//! reads offline next time; a page given by its URL, likewise.
//!
//! The network part ([`fetch_page_article`]) touches no store, so the
//! runtime runs it on a worker and stores the result where the store lives.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::LibraryError;
use crate::corpus::model::Corpus;
use crate::corpus::{self, sanitize};
use crate::feed::{self, Sniffed};
use crate::import::{self, ImportOptions};
use crate::net::{self, FetchRequest, Fetched, Fetcher};
use crate::store::{DocumentKey, ItemDetail, Store};

/// An article ready to read, and the document its positions and marks go under.
#[derive(Debug)]
pub struct ReadyArticle {
    pub document: DocumentKey,
    pub corpus: Corpus,
    /// What the reader should be told (the summary shown instead of the
    /// page, bytes replaced in the import…), each one sentence.
    pub notes: Vec<String>,
}

/// What opening an item needs.
#[derive(Debug)]
pub enum ItemPlan {
    /// Stored already, or imported from the feed's own content just now.
    Ready(ReadyArticle),
    /// Its page must be fetched ([`fetch_page_article`]) and then stored
    /// ([`store_fetched`]) under `document`.
    Fetch {
        document: DocumentKey,
        url: String,
        /// The item's summary, shown if the fetch fails.
        detail: Box<ItemDetail>,
    },
}

/// The document an item's article is kept under: its link when it has one
/// (so the same page read from two feeds, or by its URL, is one document),
/// else the feed and the item's key.
pub fn item_document(detail: &ItemDetail) -> DocumentKey {
    match &detail.row.url {
        Some(url) => DocumentKey::Url(url.clone()),
        None => DocumentKey::Item {
            feed: detail.row.feed_id,
            key: detail.key.clone(),
        },
    }
}

/// Decides how item `item_id` opens: a stored article, the feed's own
/// content imported now (and stored), or its page to fetch. `offline`: no
/// fetch; the feed's summary stands in for a page never fetched.
pub fn plan_item(store: &mut Store, item_id: i64, offline: bool) -> Result<ItemPlan, LibraryError> {
    let detail = store.item(item_id)?.ok_or(LibraryError::NoSuchItem)?;
    let document = item_document(&detail);
    let key = document.as_key();
    if let Some(json) = store.article(&key)?
        && let Ok(corpus) = corpus::load_bytes(&key, json.as_bytes())
    {
        return Ok(ItemPlan::Ready(ReadyArticle {
            document,
            corpus,
            notes: Vec::new(),
        }));
    }
    if let Some(html) = detail
        .content_html
        .as_deref()
        .filter(|h| !h.trim().is_empty())
    {
        let (corpus, json, notes) = import_fragment(&detail, html)?;
        store.store_article(&key, detail.row.url.as_deref(), &json)?;
        return Ok(ItemPlan::Ready(ReadyArticle {
            document,
            corpus,
            notes,
        }));
    }
    match &detail.row.url {
        Some(url) if !offline => Ok(ItemPlan::Fetch {
            document,
            url: url.clone(),
            detail: Box::new(detail),
        }),
        _ => summary_article(&detail, offline).map(ItemPlan::Ready),
    }
}

/// The item's summary as an article (not stored: the page may be fetched
/// another time), with a note saying why the page is not shown.
pub fn summary_article(detail: &ItemDetail, offline: bool) -> Result<ReadyArticle, LibraryError> {
    let why = if offline {
        "offline: the feed's summary (the page was never fetched)"
    } else if detail.row.url.is_none() {
        "the feed gives no link for this item: its summary"
    } else {
        "the page could not be fetched: the feed's summary"
    };
    let summary = detail
        .summary
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            LibraryError::Article(if offline {
                "offline, and this item was never fetched and has no summary".to_string()
            } else {
                "this item has no content, no summary and no link".to_string()
            })
        })?;
    let (corpus, _, mut notes) = import_fragment(detail, summary)?;
    notes.insert(0, why.to_string());
    Ok(ReadyArticle {
        document: item_document(detail),
        corpus,
        notes,
    })
}

/// Imports a feed's HTML for an item (its content or summary): the item's
/// title, date, link and author go in as the page's metadata, so the
/// importer reads them as it reads any page's.
fn import_fragment(
    detail: &ItemDetail,
    html: &str,
) -> Result<(Corpus, String, Vec<String>), LibraryError> {
    let name = item_name(detail);
    let article = import_item_html(detail, html)?;
    finish(&name, &[article])
}

fn item_name(detail: &ItemDetail) -> String {
    detail
        .row
        .url
        .clone()
        .unwrap_or_else(|| detail.row.title.clone())
}

fn import_item_html(
    detail: &ItemDetail,
    html: &str,
) -> Result<import::ImportedArticle, LibraryError> {
    let mut page = String::with_capacity(html.len() + 512);
    page.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
    page.push_str(&escape(&detail.row.title));
    page.push_str("</title>");
    if let Some(url) = &detail.row.url {
        page.push_str("<link rel=\"canonical\" href=\"");
        page.push_str(&escape(url));
        page.push_str("\">");
    }
    if let Some(date) = detail
        .row
        .date
        .and_then(|d| chrono::DateTime::from_timestamp(d, 0))
    {
        page.push_str("<meta property=\"article:published_time\" content=\"");
        page.push_str(&date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        page.push_str("\">");
    }
    if let Some(author) = &detail.author {
        page.push_str("<meta name=\"author\" content=\"");
        page.push_str(&escape(author));
        page.push_str("\">");
    }
    page.push_str("</head><body><article><h1>");
    page.push_str(&escape(&detail.row.title));
    page.push_str("</h1>");
    page.push_str(html);
    page.push_str("</article></body></html>");
    let options = ImportOptions {
        name: item_name(detail),
        base_url: detail.row.url.clone(),
        max_size: u64::MAX,
        charset: Some("utf-8".to_string()),
    };
    import::import_page(page.as_bytes(), &options).map_err(LibraryError::Import)
}

/// Imported articles as one corpus: the corpus, its JSON for the store,
/// the import's warnings.
fn finish(
    name: &str,
    articles: &[import::ImportedArticle],
) -> Result<(Corpus, String, Vec<String>), LibraryError> {
    let notes = articles.iter().flat_map(|a| a.warnings.clone()).collect();
    let stem = import::open::file_stem(name);
    let named: Vec<(&import::ImportedArticle, &str)> =
        articles.iter().map(|a| (a, stem.as_str())).collect();
    let raw = import::to_corpus(&named);
    let json = serde_json::to_string(&raw).expect("plain data serialises");
    let corpus =
        corpus::validate(name, raw).map_err(|error| LibraryError::Article(error.to_string()))?;
    Ok((corpus, json, notes))
}

/// Escapes text for an HTML attribute or text node.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A page imported as an article.
fn to_article(
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<(Corpus, String, Vec<String>), LibraryError> {
    let article = import::import_page(bytes, options).map_err(LibraryError::Import)?;
    finish(name, &[article])
}

/// An article fetched and imported: what to show and what to store.
#[derive(Debug)]
pub struct FetchedArticle {
    pub corpus: Corpus,
    /// The corpus as JSON, for [`store_fetched`].
    pub json: String,
    /// Where the page was after redirects.
    pub url: String,
    pub notes: Vec<String>,
}

/// Fetches a page and imports it. Touches no store: safe on any thread;
/// `cancel` stops it at its next read.
pub fn fetch_page_article(
    fetcher: &Fetcher,
    url: &str,
    cancel: Option<Arc<AtomicBool>>,
) -> Result<FetchedArticle, LibraryError> {
    let page = fetch_page(fetcher, url, cancel)?;
    if feed::sniff(&page.body, page.media_type.as_deref()) == Sniffed::Feed
        && import::sniff(&page.body) != import::Sniffed::Html
    {
        return Err(LibraryError::Article(format!(
            "{}: a feed, not a page (add it with depeche feeds add)",
            sanitize::for_message(url)
        )));
    }
    let options = ImportOptions {
        name: page.url.to_string(),
        base_url: Some(page.url.to_string()),
        max_size: fetcher.config().max_size,
        charset: page.charset.clone(),
    };
    let (corpus, json, notes) = to_article(page.url.as_str(), &page.body, &options)?;
    Ok(FetchedArticle {
        corpus,
        json,
        url: page.url.to_string(),
        notes,
    })
}

/// One GET for a page (`Accept` for HTML), with no validators.
pub fn fetch_page(
    fetcher: &Fetcher,
    url: &str,
    cancel: Option<Arc<AtomicBool>>,
) -> Result<net::Page, LibraryError> {
    let request = FetchRequest {
        accept: Some(net::ACCEPT_PAGE.to_string()),
        cancel,
        ..FetchRequest::default()
    };
    match fetcher.get(url, &request)? {
        Fetched::Page(page) => Ok(page),
        // No validators were sent: a 304 is the server's error.
        Fetched::NotModified { .. } => Err(LibraryError::Fetch(net::FetchError::Status {
            url: url.to_string(),
            status: 304,
        })),
    }
}

/// Keeps a fetched article under `document`, so it reads offline.
pub fn store_fetched(
    store: &mut Store,
    document: &DocumentKey,
    article: &FetchedArticle,
) -> Result<(), LibraryError> {
    store.store_article(&document.as_key(), Some(&article.url), &article.json)?;
    Ok(())
}

/// The stored article of a page read before (`depeche --offline URL`).
pub fn stored_page(store: &Store, url: &str) -> Result<Option<Corpus>, LibraryError> {
    let key = DocumentKey::Url(url.to_string()).as_key();
    Ok(store
        .article(&key)?
        .and_then(|json| corpus::load_bytes(&key, json.as_bytes()).ok()))
}

/// What a URL given on the command line turned out to be.
#[derive(Debug)]
pub enum UrlContent {
    /// A page, imported.
    Page(FetchedArticle),
    /// A feed, parsed; `url` is where it was fetched from, with the
    /// validators of the response (for the next, conditional, refresh).
    Feed {
        url: String,
        feed: feed::Feed,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// Fetches what the user named: a page is imported, a feed parsed (told by
/// the content, not the address).
pub fn open_url(fetcher: &Fetcher, url: &str) -> Result<UrlContent, LibraryError> {
    let page = fetch_page(fetcher, url, None)?;
    let html = import::sniff(&page.body) == import::Sniffed::Html;
    if !html && feed::sniff(&page.body, page.media_type.as_deref()) == Sniffed::Feed {
        let parsed = feed::parse(
            &page.body,
            Some(&page.url),
            page.charset.as_deref(),
            &feed::FeedLimits::default(),
        )
        .map_err(|error| LibraryError::Feed {
            url: url.to_string(),
            error,
        })?;
        return Ok(UrlContent::Feed {
            url: url.to_string(),
            feed: parsed,
            etag: page.etag,
            last_modified: page.last_modified,
        });
    }
    let options = ImportOptions {
        name: page.url.to_string(),
        base_url: Some(page.url.to_string()),
        max_size: fetcher.config().max_size,
        charset: page.charset.clone(),
    };
    let (corpus, json, notes) = to_article(page.url.as_str(), &page.body, &options)?;
    Ok(UrlContent::Page(FetchedArticle {
        corpus,
        json,
        url: page.url.to_string(),
        notes,
    }))
}

/// A feed as a corpus, an article an item (its content, else its summary),
/// for `--dump`, `--toc`, `--search` and `--check` given a feed's URL.
/// Items with neither, or that do not import, are named in the notes and
/// left out; `None` when no item is left.
pub fn feed_corpus(feed: &feed::Feed) -> (Option<Corpus>, Vec<String>) {
    let mut articles = Vec::new();
    let mut notes = Vec::new();
    for item in &feed.items {
        let detail = ItemDetail {
            row: crate::store::ItemRow {
                id: 0,
                feed_id: 0,
                title: item.title.clone(),
                url: item.url.clone(),
                date: item.date().map(|d| d.timestamp()),
                read: false,
            },
            key: item.key.clone(),
            author: item.author.clone(),
            summary: item.summary.clone(),
            content_html: item.content_html.clone(),
            feed_title: Some(feed.title.clone()),
        };
        let title = sanitize::for_message(&item.title);
        let Some(html) = item
            .content_html
            .as_deref()
            .filter(|h| !h.trim().is_empty())
            .or(item.summary.as_deref())
            .filter(|h| !h.trim().is_empty())
        else {
            notes.push(format!("“{title}”: no content or summary in the feed"));
            continue;
        };
        match import_item_html(&detail, html) {
            Ok(article) => articles.push(article),
            Err(error) => notes.push(format!("“{title}”: {error}")),
        }
    }
    if articles.is_empty() {
        return (None, notes);
    }
    match finish(&feed.title, &articles) {
        Ok((corpus, _, more)) => {
            notes.extend(more);
            (Some(corpus), notes)
        }
        Err(error) => {
            notes.push(error.to_string());
            (None, notes)
        }
    }
}
