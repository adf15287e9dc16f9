//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed read with feed-rs into our own
//! small [`Feed`] / [`Item`] types; feed autodiscovery from a page
//! ([`discover`]); OPML import and export ([`opml`]).
//!
//! Parsing is pure: bytes in, a feed or an error out. Nothing here fetches;
//! the fetcher hands over the body, its URL and its `Content-Type` charset.
//!
//! Before feed-rs sees an XML document, one quick-xml pass over it checks
//! what feed-rs does not: a DOCTYPE that declares entities (billion laughs)
//! is refused, nesting deeper than [`FeedLimits::max_depth`] is refused, and
//! malformed XML is reported with its line and column. The text is decoded
//! to UTF-8 first (BOM, `Content-Type` charset, `<?xml encoding>`, invalid
//! bytes replaced) so feed-rs never guesses.

pub mod discover;
pub mod opml;

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use url::Url;

pub use discover::{Discovered, discover};

use crate::corpus::sanitize;
use crate::net::decode_text;

/// Limits on one feed document.
#[derive(Debug, Clone, Copy)]
pub struct FeedLimits {
    /// The most bytes a feed document may have.
    pub max_size: u64,
    /// The most items kept from one document (the first ones, in feed order).
    pub max_items: usize,
    /// The deepest element nesting accepted.
    pub max_depth: usize,
}

impl Default for FeedLimits {
    fn default() -> Self {
        FeedLimits {
            max_size: 32 << 20,
            max_items: 10_000,
            max_depth: 256,
        }
    }
}

/// Which format a feed was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    Rss0,
    Rss1,
    Rss2,
    Atom,
    Json,
}

impl FeedKind {
    pub fn name(self) -> &'static str {
        match self {
            FeedKind::Rss0 => "RSS 0.9x",
            FeedKind::Rss1 => "RSS 1.0",
            FeedKind::Rss2 => "RSS 2.0",
            FeedKind::Atom => "Atom",
            FeedKind::Json => "JSON Feed",
        }
    }
}

/// A parsed feed. Every one-line field is sanitised ([`sanitize::line`]);
/// summaries and contents are HTML as the feed gave them (the importer
/// sanitises what it keeps).
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub kind: FeedKind,
    pub title: String,
    /// The site the feed belongs to (its `alternate` link), absolute.
    pub site_url: Option<String>,
    pub description: Option<String>,
    pub items: Vec<Item>,
    /// One line for each item left out, saying why.
    pub skipped: Vec<String>,
}

/// One item (RSS `item`, Atom `entry`, JSON Feed item).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// What identifies the item across fetches: its guid / id, else its link,
    /// else a hash of its text (see [`item_key`]).
    pub key: String,
    pub title: String,
    /// The item's page: absolute, http(s) only.
    pub url: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// The summary (RSS `description`, Atom `summary`), HTML.
    pub summary: Option<String>,
    /// The full content when the feed carries it (`content:encoded`, Atom
    /// `content`, JSON `content_html`), HTML; plain text is escaped into `<p>`s.
    pub content_html: Option<String>,
    pub author: Option<String>,
}

impl Item {
    /// The date to sort and show by: published, else updated.
    pub fn date(&self) -> Option<DateTime<Utc>> {
        self.published.or(self.updated)
    }
}

/// Why a document is not a feed depeche can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    TooLarge {
        size: u64,
        max: u64,
    },
    Empty,
    /// An HTML page where a feed was expected (autodiscovery may help).
    Html,
    /// Neither XML nor JSON.
    NotAFeed {
        start: String,
    },
    /// The DOCTYPE declares entities: refused whole (billion laughs, XXE).
    Entities,
    TooDeep {
        max: usize,
    },
    /// Well-formed XML whose root is not a feed's (`rss`, `feed`, `rdf:RDF`).
    NotAFeedRoot {
        root: String,
    },
    /// Malformed XML or JSON, or a document feed-rs does not recognise.
    Malformed {
        reason: String,
    },
}

impl std::fmt::Display for FeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedError::TooLarge { size, max } => write!(
                f,
                "the feed is {} long, over the {} cap",
                crate::net::human_size(*size),
                crate::net::human_size(*max)
            ),
            FeedError::Empty => write!(f, "the feed is empty"),
            FeedError::Html => write!(
                f,
                "this is an HTML page, not a feed (and it names no feed in a <link rel=\"alternate\">)"
            ),
            FeedError::NotAFeed { start } => write!(
                f,
                "not a feed: neither XML nor JSON (it starts with {})",
                sanitize::for_message(start)
            ),
            FeedError::Entities => write!(
                f,
                "the feed declares XML entities in its DOCTYPE; refused (entity expansion can exhaust memory)"
            ),
            FeedError::TooDeep { max } => {
                write!(f, "the feed nests elements more than {max} deep; refused")
            }
            FeedError::NotAFeedRoot { root } => write!(
                f,
                "XML, but not a feed: its root element is <{}>, not <rss>, <feed> or <rdf:RDF>",
                sanitize::for_message(root)
            ),
            FeedError::Malformed { reason } => {
                write!(f, "not a valid feed: {}", sanitize::for_message(reason))
            }
        }
    }
}

impl std::error::Error for FeedError {}

/// What a document looks like, from its first bytes and media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Feed,
    Html,
    Unknown,
}

/// Tells a feed from an HTML page: JSON and XML whose root is not `html`
/// are feeds (feed-rs decides which kind); a `text/html` type or an `html`
/// root or doctype is a page.
pub fn sniff(bytes: &[u8], media_type: Option<&str>) -> Sniffed {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head));
    let text = text.trim_start();
    if text.starts_with('{') {
        return Sniffed::Feed;
    }
    if !text.starts_with('<') {
        return Sniffed::Unknown;
    }
    match root_name(text) {
        Some(root) if root.eq_ignore_ascii_case("html") => Sniffed::Html,
        Some(root) if matches!(root.as_str(), "rss" | "feed" | "rdf:RDF" | "RDF") => Sniffed::Feed,
        _ if media_type.is_some_and(|m| m.contains("html")) => Sniffed::Html,
        Some(_) => Sniffed::Feed,
        None => Sniffed::Unknown,
    }
}

/// The name of the first element (or `html` for an HTML doctype).
fn root_name(text: &str) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return Some(e.name().as_ref().to_string());
            }
            Ok(Event::DocType(d)) => {
                let doctype = d.trim().to_ascii_lowercase();
                if doctype == "html" || doctype.starts_with("html ") {
                    return Some("html".to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Parses a feed document. `url` is where it came from (the base for
/// relative links); `charset` the `Content-Type` charset, if any.
pub fn parse(
    bytes: &[u8],
    url: Option<&Url>,
    charset: Option<&str>,
    limits: &FeedLimits,
) -> Result<Feed, FeedError> {
    if bytes.len() as u64 > limits.max_size {
        return Err(FeedError::TooLarge {
            size: bytes.len() as u64,
            max: limits.max_size,
        });
    }
    // JSON is UTF-8 (RFC 8259): no charset guessing that could read a
    // `<meta>` inside a JSON string.
    let json = bytes
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(bytes)
        .trim_ascii_start()
        .starts_with(b"{");
    let decoded = if json {
        decode_text(bytes, Some("utf-8"), None)
    } else {
        decode_text(bytes, charset, Some("application/xml"))
    };
    let text = decoded.text.trim_start_matches('\u{feff}');
    let start = text.trim_start();
    if start.is_empty() {
        return Err(FeedError::Empty);
    }
    let text = if start.starts_with('<') {
        if sniff(start.as_bytes(), None) == Sniffed::Html {
            return Err(FeedError::Html);
        }
        check_xml(start, limits.max_depth)?;
        utf8_declaration(start)
    } else if start.starts_with('{') {
        Cow::Borrowed(start)
    } else {
        return Err(FeedError::NotAFeed {
            start: start.chars().take(20).collect(),
        });
    };
    let parser = feed_rs::parser::Builder::new()
        .base_uri(url.map(Url::as_str))
        // No random ids: an item without guid, link or title gets its key
        // from its content below, the same at every fetch.
        .id_generator(|links, title, _| {
            links
                .first()
                .map(|l| l.href.clone())
                .or_else(|| title.as_ref().map(|t| format!("title:{}", t.content)))
                .unwrap_or_default()
        })
        .build();
    // feed-rs and quick-xml are fuzzed through this function; should one of
    // them still panic on some input, that document is refused, the rest of
    // depeche goes on.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parser.parse(text.as_bytes())
    }))
    .map_err(|_| FeedError::Malformed {
        reason: "the feed parser failed on this document".to_string(),
    })?;
    let raw = parsed.map_err(|e| match e {
        feed_rs::parser::ParseFeedError::ParseError(
            feed_rs::parser::ParseErrorKind::NoFeedRoot,
        ) if text.starts_with('<') => FeedError::NotAFeedRoot {
            root: root_name(&text).unwrap_or_default(),
        },
        other => FeedError::Malformed {
            reason: other.to_string(),
        },
    })?;
    Ok(normalise(raw, url, limits))
}

/// Walks the whole document once with quick-xml: entity declarations, depth
/// and well-formedness, with the position of the first error.
fn check_xml(text: &str, max_depth: usize) -> Result<(), FeedError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    let mut first = true;
    loop {
        let event = reader.read_event();
        let was_first = std::mem::replace(&mut first, false);
        match event {
            // Only allowed as the very first thing; a second one later would
            // make feed-rs switch encodings mid-stream (and quick-xml panic).
            Ok(Event::Decl(_)) if !was_first => {
                let at = usize::try_from(reader.buffer_position()).unwrap_or(0);
                let (line, column) = line_column(text, at);
                return Err(FeedError::Malformed {
                    reason: format!(
                        "malformed XML at line {line}, column {column}: an XML declaration after the start"
                    ),
                });
            }
            Ok(Event::DocType(doctype)) => {
                let doctype = doctype.to_ascii_uppercase();
                if doctype.contains("<!ENTITY") {
                    return Err(FeedError::Entities);
                }
            }
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > max_depth {
                    return Err(FeedError::TooDeep { max: max_depth });
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(error) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(0);
                let (line, column) = line_column(text, at);
                return Err(FeedError::Malformed {
                    reason: format!("malformed XML at line {line}, column {column}: {error}"),
                });
            }
        }
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The text is UTF-8 now: its `<?xml encoding="…"?>` must say so, or
/// feed-rs would decode it a second time.
fn utf8_declaration(text: &str) -> Cow<'_, str> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    if let Ok(Event::Decl(_)) = reader.read_event() {
        let end = usize::try_from(reader.buffer_position()).unwrap_or(0);
        if let Some(rest) = text.get(end..) {
            return Cow::Owned(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{rest}"));
        }
    }
    Cow::Borrowed(text)
}

fn normalise(raw: feed_rs::model::Feed, url: Option<&Url>, limits: &FeedLimits) -> Feed {
    use feed_rs::model::FeedType;
    let kind = match raw.feed_type {
        FeedType::Atom => FeedKind::Atom,
        FeedType::JSON => FeedKind::Json,
        FeedType::RSS0 => FeedKind::Rss0,
        FeedType::RSS1 => FeedKind::Rss1,
        FeedType::RSS2 => FeedKind::Rss2,
    };
    let site_url = pick_link(&raw.links)
        .and_then(|href| resolve(&href, url).ok())
        .flatten();
    let mut skipped = Vec::new();
    let mut items = Vec::new();
    let total = raw.entries.len();
    for entry in raw.entries {
        if items.len() == limits.max_items {
            skipped.push(format!(
                "{} more items after the first {} left out",
                total - limits.max_items,
                limits.max_items
            ));
            break;
        }
        match normalise_item(entry, url) {
            Ok(item) => items.push(item),
            Err(reason) => skipped.push(reason),
        }
    }
    Feed {
        kind,
        title: raw
            .title
            .map(|t| text_of(&t))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| {
                url.map_or_else(String::new, |u| u.host_str().unwrap_or("").to_string())
            }),
        site_url,
        description: raw
            .description
            .map(|t| text_of(&t))
            .filter(|t| !t.is_empty()),
        items,
        skipped,
    }
}

fn normalise_item(entry: feed_rs::model::Entry, base: Option<&Url>) -> Result<Item, String> {
    let title = entry.title.as_ref().map(text_of).unwrap_or_default();
    let link = pick_link(&entry.links);
    let url = match link {
        None => None,
        Some(href) => resolve(&href, base).map_err(|scheme| {
            format!(
                "item {} left out: its link is a {scheme}: address",
                sanitize::for_message(if title.is_empty() { &href } else { &title })
            )
        })?,
    };
    let summary = entry
        .summary
        .map(|s| html_of(s.content_type.as_ref(), s.content));
    let content_html = entry.content.and_then(|c| {
        let body = c.body?;
        Some(html_of(c.content_type.as_ref(), body))
    });
    let author = entry
        .authors
        .iter()
        .filter_map(|a| a.name.as_deref().map(str::trim).filter(|n| !n.is_empty()))
        .map(|n| sanitize::line(n).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    let mut item = Item {
        key: String::new(),
        title,
        url,
        published: entry.published,
        updated: entry.updated,
        summary,
        content_html,
        author: (!author.is_empty()).then_some(author),
    };
    item.key = item_key(entry.id.trim(), &item);
    Ok(item)
}

/// The item's identity: the feed's id when it has one, else its URL, else a
/// hash of what it says (so the same item fetched twice is the same item).
pub fn item_key(id: &str, item: &Item) -> String {
    if !id.is_empty() && !id.starts_with("title:") {
        return sanitize::line(id).into_owned();
    }
    if let Some(url) = &item.url {
        return url.clone();
    }
    // FNV-1a over the fields, each followed by a 0xff separator (never in
    // UTF-8): tiny, and the same in every build, as stored keys must be.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let date = item.date().map(|d| d.timestamp().to_string());
    for field in [
        Some(item.title.as_str()),
        item.summary.as_deref(),
        item.content_html.as_deref(),
        date.as_deref(),
    ] {
        for byte in field.unwrap_or("").bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("hash:{hash:016x}")
}

/// The page a feed or item points to: an `alternate` link, else one with no
/// `rel`, else the first.
fn pick_link(links: &[feed_rs::model::Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref() == Some("alternate"))
        .or_else(|| links.iter().find(|l| l.rel.is_none()))
        .or_else(|| links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// Resolves `href` against the feed's URL. `Ok(None)` for an empty or
/// unparsable link (the item is kept without one); `Err(scheme)` for a link
/// to anything but http(s) (`javascript:`, `file:`, `data:`…).
fn resolve(href: &str, base: Option<&Url>) -> Result<Option<String>, String> {
    let parsed = match base {
        Some(base) => base.join(href),
        None => Url::parse(href),
    };
    let Ok(url) = parsed else {
        // A relative link without a base, or garbage: a scheme it names is
        // still checked, so `javascript:…` never passes as "unparsable".
        return match href.split_once(':') {
            Some((scheme, _))
                if !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                    && !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") =>
            {
                Err(scheme.to_ascii_lowercase())
            }
            _ => Ok(None),
        };
    };
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => {
            Ok(Some(url.to_string()))
        }
        "http" | "https" => Ok(None),
        other => Err(other.to_string()),
    }
}

/// A feed text construct as one clean line: HTML titles lose their markup.
fn text_of(text: &feed_rs::model::Text) -> String {
    let content = if text.content_type.to_string().contains("html") {
        let fragment = scraper::Html::parse_fragment(&text.content);
        fragment.root_element().text().collect::<String>()
    } else {
        text.content.clone()
    };
    let cleaned = sanitize::line(content.trim());
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Content as HTML: HTML and XHTML as given, plain text escaped into paragraphs.
fn html_of(media_type: &str, body: String) -> String {
    if media_type.contains("html") || media_type.contains("xml") {
        return body;
    }
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape_html(p)))
        .collect()
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_and_bad_schemes_are_named() {
        let base = Url::parse("https://example.org/blog/feed.xml").unwrap();
        assert_eq!(
            resolve("../post/1", Some(&base)),
            Ok(Some("https://example.org/post/1".into()))
        );
        assert_eq!(
            resolve("javascript:alert(1)", Some(&base)),
            Err("javascript".into())
        );
        assert_eq!(
            resolve("JavaScript:alert(1)", None),
            Err("javascript".into())
        );
        assert_eq!(resolve("file:///etc/passwd", None), Err("file".into()));
        assert_eq!(
            resolve("data:text/html,hi", Some(&base)),
            Err("data".into())
        );
        assert_eq!(resolve("/relative/without/base", None), Ok(None));
    }

    #[test]
    fn sniffing_tells_pages_from_feeds() {
        assert_eq!(sniff(b"<!DOCTYPE html><html>", None), Sniffed::Html);
        assert_eq!(sniff(b"  <html lang=fr>", None), Sniffed::Html);
        assert_eq!(sniff(b"<?xml version='1.0'?><rss>", None), Sniffed::Feed);
        assert_eq!(sniff(b"\xef\xbb\xbf<feed xmlns='x'>", None), Sniffed::Feed);
        assert_eq!(sniff(b"{\"version\":", None), Sniffed::Feed);
        assert_eq!(sniff(b"hello", None), Sniffed::Unknown);
        assert_eq!(sniff(b"<div>", Some("text/html")), Sniffed::Html);
    }

    #[test]
    fn keys_are_stable_without_ids() {
        let item = Item {
            key: String::new(),
            title: "t".into(),
            url: None,
            published: None,
            updated: None,
            summary: Some("s".into()),
            content_html: None,
            author: None,
        };
        assert_eq!(item_key("", &item), item_key("", &item.clone()));
        assert!(item_key("", &item).starts_with("hash:"));
        assert_eq!(item_key("urn:x", &item), "urn:x");
    }

    #[test]
    fn positions_are_lines_and_columns() {
        assert_eq!(line_column("ab\ncd\né", 7), (3, 1));
        assert_eq!(line_column("ab", 1), (1, 2));
    }
}
