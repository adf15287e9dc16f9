//! Feed autodiscovery: the feeds a page names in its `<head>` with
//! `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`.
//! Parsed with html5ever (through scraper), as a browser would.

use scraper::{Html, Selector};
use url::Url;

use super::FeedKind;
use crate::corpus::sanitize;

/// A feed a page links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// Absolute, http(s).
    pub url: String,
    /// The link's `title`, if any (pages with several feeds name them).
    pub title: Option<String>,
    pub kind: FeedKind,
}

/// The feeds `html` names, in document order, without duplicates. Relative
/// `href`s resolve against `<base href>` if the page has one, else `page_url`.
pub fn discover(html: &str, page_url: &Url) -> Vec<Discovered> {
    let document = Html::parse_document(html);
    let (Ok(links), Ok(bases)) = (Selector::parse("link[href]"), Selector::parse("base[href]"))
    else {
        return Vec::new();
    };
    let base = document
        .select(&bases)
        .next()
        .and_then(|b| b.value().attr("href"))
        .and_then(|href| page_url.join(href).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .unwrap_or_else(|| page_url.clone());
    let mut found: Vec<Discovered> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for link in document.select(&links) {
        let element = link.value();
        let alternate = element.attr("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("alternate"))
        });
        if !alternate {
            continue;
        }
        let media = element
            .attr("type")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let kind = match media.split(';').next().unwrap_or("").trim() {
            "application/rss+xml" | "application/rdf+xml" => FeedKind::Rss2,
            "application/atom+xml" => FeedKind::Atom,
            "application/feed+json" | "application/json" => FeedKind::Json,
            _ => continue,
        };
        let Some(href) = element
            .attr("href")
            .map(str::trim)
            .filter(|h| !h.is_empty())
        else {
            continue;
        };
        let Ok(url) = base.join(href) else { continue };
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            continue;
        }
        let url = url.to_string();
        if !seen.insert(url.clone()) {
            continue;
        }
        let title = element
            .attr("title")
            .map(|t| sanitize::line(t.trim()).into_owned())
            .filter(|t| !t.is_empty());
        found.push(Discovered { url, title, kind });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternate_feed_links_are_found_and_resolved() {
        let page = r#"<!doctype html><html><head>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="Tout" href="/rss">
            <link rel="ALTERNATE home" type="application/atom+xml" href="atom.xml">
            <link rel="alternate" type="application/feed+json" href="https://other.example/feed.json">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml" href="/rss">
            <link rel="alternate" hreflang="en" href="/en/">
            </head><body><link rel="alternate" type="application/rss+xml" href="/late"></body></html>"#;
        let url = Url::parse("https://news.example/section/page.html").unwrap();
        let found = discover(page, &url);
        let urls: Vec<&str> = found.iter().map(|d| d.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example/rss",
                "https://news.example/section/atom.xml",
                "https://other.example/feed.json",
                "https://news.example/late",
            ]
        );
        assert_eq!(found[0].title.as_deref(), Some("Tout"));
        assert_eq!(found[1].kind, FeedKind::Atom);
        assert_eq!(found[2].kind, FeedKind::Json);
    }

    #[test]
    fn base_href_is_honoured() {
        let page = r#"<head><base href="https://cdn.example/b/"><link rel=alternate type=application/rss+xml href=feed></head>"#;
        let url = Url::parse("https://news.example/").unwrap();
        assert_eq!(discover(page, &url)[0].url, "https://cdn.example/b/feed");
    }

    #[test]
    fn a_page_without_feeds_has_none() {
        let url = Url::parse("https://news.example/").unwrap();
        assert!(discover("<p>no feeds <a href=/rss>here</a>", &url).is_empty());
        assert!(discover("", &url).is_empty());
    }
}
