//! Every real feed in ../shared/testdata/feeds/ parses into items with
//! absolute http(s) links and clean text; the deliberately invalid one gives
//! a clear error. Read from there, never copied in.

use std::path::{Path, PathBuf};

use depeche::feed::{FeedError, FeedLimits, parse};
use url::Url;

/// ../shared/testdata/feeds/, or `None` after a line saying it is skipped.
pub fn feeds_dir() -> Option<PathBuf> {
    crate::common::testdata::find("testdata/feeds", "the real feeds")
}

/// The feeds of `dir` (RSS and Atom in .xml, JSON Feed in .json), sorted.
pub fn feed_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml") || n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

fn parse_file(name: &str) -> Result<depeche::feed::Feed, FeedError> {
    let dir = feeds_dir().expect("test data");
    let bytes = std::fs::read(dir.join(name)).unwrap();
    // The URL the feed would have come from: the base for relative links.
    let url = Url::parse(&format!("https://feeds.example/{name}")).unwrap();
    parse(&bytes, Some(&url), None, &FeedLimits::default())
}

#[test]
fn every_real_feed_parses_or_fails_cleanly() {
    let Some(dir) = feeds_dir() else { return };
    let names = feed_names(&dir);
    assert!(names.len() >= 60, "{} feeds", names.len());
    let mut items = 0;
    for name in &names {
        let result = parse_file(name);
        if name.starts_with("xml_") {
            // XML samples that are not feeds.
            let error = result.expect_err("not a feed");
            assert!(
                matches!(error, FeedError::NotAFeedRoot { .. }),
                "{name}: {error}"
            );
            assert!(
                error.to_string().starts_with("XML, but not a feed"),
                "{error}"
            );
            continue;
        }
        if name == "rss_2.0_invalid_1.xml" {
            let error = result.expect_err("the invalid feed is refused");
            let message = error.to_string();
            assert!(message.starts_with("not a valid feed: "), "{message}");
            assert!(message.chars().count() < 160, "{message}");
            continue;
        }
        let feed = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        items += feed.items.len();
        for item in &feed.items {
            assert!(!item.key.is_empty(), "{name}: an item without key");
            if let Some(url) = &item.url {
                assert!(
                    url.starts_with("http://") || url.starts_with("https://"),
                    "{name}: {url}"
                );
            }
            assert!(
                !item.title.chars().any(char::is_control),
                "{name}: {:?}",
                item.title
            );
            assert!(!item.title.contains('\u{fffd}'), "{name}: {:?}", item.title);
        }
        let keys: std::collections::HashSet<_> = feed.items.iter().map(|i| &i.key).collect();
        assert_eq!(keys.len(), feed.items.len(), "{name}: duplicate keys");
    }
    assert!(items > 100, "{items} items in all");
}

#[test]
fn relative_links_resolve() {
    if feeds_dir().is_none() {
        return;
    }
    let feed = parse_file("atom_relative.xml").unwrap();
    // No xml:base: relative to the address the feed was fetched from (RFC 3986).
    assert_eq!(
        feed.items[0].url.as_deref(),
        Some("https://feeds.example/blog/2003/12/13/atom03")
    );
    let feed = parse_file("atom_xml_base.xml").unwrap();
    // An entry with no link keeps its id as key and its content.
    assert_eq!(feed.items[0].url, None);
    assert_eq!(feed.items[0].key, "https://numi.st/post/2022/travel-uke");
    assert!(
        feed.items[0]
            .content_html
            .as_deref()
            .unwrap()
            .contains("<img")
    );
    let feed = parse_file("rss_2.0_relurl_1.xml").unwrap();
    assert!(feed.items.iter().all(|i| {
        i.url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://insanity.industries/"))
    }));
}

#[test]
fn legacy_encodings_decode() {
    if feeds_dir().is_none() {
        return;
    }
    for name in [
        "rss_1.0_iso8859.xml",
        "rss_0.91_encoding_1.xml",
        "rss_2.0_encoding_1.xml",
    ] {
        let feed = parse_file(name).unwrap();
        let all: String = feed
            .items
            .iter()
            .map(|i| format!("{} {}", i.title, i.summary.as_deref().unwrap_or("")))
            .collect();
        assert!(!all.contains('\u{fffd}'), "{name}: {all}");
        assert!(!all.contains("Ã"), "{name}: mojibake in {all}");
    }
}

#[test]
fn full_content_is_kept_when_the_feed_has_it() {
    if feeds_dir().is_none() {
        return;
    }
    let feed = parse_file("rss_2.0_relurl_1.xml").unwrap();
    assert!(
        feed.items
            .iter()
            .any(|i| i.content_html.as_deref().is_some_and(|c| c.contains('<')))
    );
}
