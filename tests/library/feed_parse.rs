//! Feed parsing on hand-written and generated documents: hostile links,
//! full content, JSON Feed, entities, depth, size, malformed input; OPML
//! import and export.

use depeche::feed::opml::{self, Subscription};
use depeche::feed::{FeedError, FeedKind, FeedLimits, parse};
use url::Url;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/feeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn base() -> Url {
    Url::parse("https://news.example/feed.xml").unwrap()
}

fn parse_default(bytes: &[u8]) -> Result<depeche::feed::Feed, FeedError> {
    parse(bytes, Some(&base()), None, &FeedLimits::default())
}

#[test]
fn items_with_script_file_or_data_links_are_dropped_and_named() {
    let feed = parse_default(&fixture("hostile-links.xml")).unwrap();
    assert_eq!(feed.kind, FeedKind::Rss2);
    assert_eq!(feed.title, "Hostile & friendly links");
    assert_eq!(feed.site_url.as_deref(), Some("https://news.example/"));
    let titles: Vec<&str> = feed.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["A good one", "Relative", "Title with an escape"]);
    assert_eq!(feed.skipped.len(), 3, "{:?}", feed.skipped);
    assert!(feed.skipped[0].contains("Script") && feed.skipped[0].contains("javascript:"));
    assert!(feed.skipped[1].contains("file:"));
    assert!(feed.skipped[2].contains("data:"));
    assert_eq!(
        feed.items[1].url.as_deref(),
        Some("https://news.example/2026/01/07/suite")
    );
}

#[test]
fn rss_items_keep_guid_dates_author_summary_and_full_content() {
    let feed = parse_default(&fixture("hostile-links.xml")).unwrap();
    let item = &feed.items[0];
    assert_eq!(item.key, "good-1");
    assert_eq!(
        item.url.as_deref(),
        Some("https://news.example/2026/01/06/coalition")
    );
    assert_eq!(
        item.published.unwrap().to_rfc3339(),
        "2026-01-06T17:00:00+00:00"
    );
    assert_eq!(item.summary.as_deref(), Some("<p>Short summary.</p>"));
    assert!(
        item.content_html
            .as_deref()
            .unwrap()
            .contains("The full article")
    );
    assert!(item.author.as_deref().unwrap().contains("La rédaction"));
    // Items without guid are keyed by their link.
    assert_eq!(feed.items[1].key, "https://news.example/2026/01/07/suite");
}

#[test]
fn json_feed_items_normalise() {
    let url = Url::parse("https://json.example/feed.json").unwrap();
    let feed = parse(
        &fixture("json-feed.json"),
        Some(&url),
        None,
        &FeedLimits::default(),
    )
    .unwrap();
    assert_eq!(feed.kind, FeedKind::Json);
    assert_eq!(feed.title, "JSON news");
    assert_eq!(feed.items.len(), 2, "{:?}", feed.skipped);
    let first = &feed.items[0];
    assert_eq!(first.title, "Première");
    assert_eq!(
        first.content_html.as_deref(),
        Some("<p>Le texte <em>complet</em>.</p>")
    );
    assert_eq!(first.author.as_deref(), Some("Ana"));
    // Plain text content is escaped into paragraphs, never taken as markup.
    assert_eq!(
        feed.items[1].content_html.as_deref(),
        Some("<p>First paragraph &lt;b&gt;not bold&lt;/b&gt;.</p><p>Second paragraph.</p>")
    );
}

#[test]
fn billion_laughs_is_refused_without_expanding_anything() {
    let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        doc.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    doc.push_str("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");
    let error = parse_default(doc.as_bytes()).unwrap_err();
    assert_eq!(error, FeedError::Entities);
    assert!(error.to_string().contains("declares XML entities"));
    // External entities (XXE) too.
    let xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>";
    assert_eq!(
        parse_default(xxe.as_bytes()).unwrap_err(),
        FeedError::Entities
    );
}

#[test]
fn deep_nesting_is_refused() {
    let depth = 100_000;
    let doc = format!(
        "<rss version=\"2.0\"><channel><item><description>{}{}</description></item></channel></rss>",
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    );
    let error = parse_default(doc.as_bytes()).unwrap_err();
    assert_eq!(error, FeedError::TooDeep { max: 256 });
}

#[test]
fn oversized_feeds_are_refused_and_item_counts_capped() {
    let limits = FeedLimits {
        max_size: 1000,
        ..FeedLimits::default()
    };
    let doc = format!(
        "<rss version=\"2.0\"><channel>{}</channel></rss>",
        " ".repeat(2000)
    );
    let error = parse(doc.as_bytes(), None, None, &limits).unwrap_err();
    assert!(matches!(error, FeedError::TooLarge { max: 1000, .. }));
    assert!(
        error.to_string().contains("over the 1000 bytes cap"),
        "{error}"
    );

    let items: String = (0..200)
        .map(|i| format!("<item><title>n{i}</title><link>https://x.example/{i}</link></item>"))
        .collect();
    let doc = format!("<rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>");
    let limits = FeedLimits {
        max_items: 50,
        ..FeedLimits::default()
    };
    let feed = parse(doc.as_bytes(), None, None, &limits).unwrap();
    assert_eq!(feed.items.len(), 50);
    assert_eq!(feed.items[49].title, "n49");
    assert_eq!(feed.skipped, ["150 more items after the first 50 left out"]);
}

#[test]
fn malformed_documents_get_positions_and_short_messages() {
    let error = parse_default(b"<rss version=\"2.0\">\n<channel>\n<title>x</titel>").unwrap_err();
    let message = error.to_string();
    assert!(message.contains("line 3"), "{message}");
    let long_tag = format!("<rss><{}></rss>", "a".repeat(100_000));
    let message = parse_default(long_tag.as_bytes()).unwrap_err().to_string();
    assert!(
        message.chars().count() < 200,
        "{} chars",
        message.chars().count()
    );
    assert_eq!(parse_default(b"  \n ").unwrap_err(), FeedError::Empty);
    assert!(matches!(
        parse_default(b"hello"),
        Err(FeedError::NotAFeed { .. })
    ));
    assert!(matches!(
        parse_default(b"{\"not\": \"a feed\"}"),
        Err(FeedError::Malformed { .. })
    ));
    assert!(matches!(
        parse_default(b"{\"version\": 3"),
        Err(FeedError::Malformed { .. })
    ));
}

#[test]
fn an_html_page_is_named_as_a_page() {
    let page = b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>";
    assert_eq!(parse_default(page).unwrap_err(), FeedError::Html);
}

#[test]
fn the_header_charset_wins_and_bad_bytes_are_replaced() {
    // Latin-1 bytes, no declaration: the Content-Type charset decodes them.
    let doc = b"<rss version=\"2.0\"><channel><title>Caf\xe9</title></channel></rss>";
    let feed = parse(doc, None, Some("iso-8859-1"), &FeedLimits::default()).unwrap();
    assert_eq!(feed.title, "Café");
    // Declared UTF-8 but not: replaced, not fatal.
    let doc = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title></channel></rss>";
    let feed = parse(doc, None, None, &FeedLimits::default()).unwrap();
    assert_eq!(feed.title, "Caf\u{fffd}");
    // A declared legacy encoding is honoured.
    let doc = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>\xcf\xf0\xe8\xe2\xe5\xf2</title></channel></rss>";
    assert_eq!(
        parse(doc, None, None, &FeedLimits::default())
            .unwrap()
            .title,
        "Привет"
    );
}

#[test]
fn opml_import_flattens_folders_and_drops_duplicates() {
    let subscriptions = opml::import(&fixture("subscriptions.opml")).unwrap();
    let urls: Vec<&str> = subscriptions.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://www.lemonde.fr/rss/une.xml",
            "https://lwn.net/headlines/rss",
            "https://this-week-in-rust.org/atom.xml",
            "https://intl.example/feed"
        ]
    );
    assert_eq!(
        subscriptions[0].site_url.as_deref(),
        Some("https://www.lemonde.fr/")
    );
    assert_eq!(subscriptions[1].category.as_deref(), Some("Tech"));
    assert_eq!(subscriptions[2].category.as_deref(), Some("Tech/Rust"));
    assert_eq!(subscriptions[3].title.as_deref(), Some("Ελληνικά — 日本語"));
}

#[test]
fn opml_round_trips() {
    let subscriptions = opml::import(&fixture("subscriptions.opml")).unwrap();
    let exported = opml::export(&subscriptions).unwrap();
    assert!(exported.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let again = opml::import(exported.as_bytes()).unwrap();
    assert_eq!(again, subscriptions);
    // Markup-looking titles survive escaped.
    let tricky = vec![Subscription {
        url: "https://x.example/feed?a=1&b=2".into(),
        title: Some("<script>\"Q&A\"</script>".into()),
        site_url: None,
        category: None,
    }];
    assert_eq!(
        opml::import(opml::export(&tricky).unwrap().as_bytes()).unwrap(),
        tricky
    );
}

#[test]
fn hostile_opml_is_refused_cleanly() {
    let deep = format!(
        "<opml version=\"2.0\"><body>{}{}</body></opml>",
        "<outline text=\"f\">".repeat(50_000),
        "</outline>".repeat(50_000)
    );
    assert!(matches!(
        opml::import(deep.as_bytes()),
        Err(FeedError::TooDeep { .. })
    ));
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaa\">]><opml version=\"2.0\"><body><outline text=\"&a;\" xmlUrl=\"https://x/\"/></body></opml>";
    assert_eq!(opml::import(laughs.as_bytes()), Err(FeedError::Entities));
    assert!(matches!(
        opml::import(b"<rss/>"),
        Err(FeedError::Malformed { .. })
    ));
    assert!(matches!(opml::import(b""), Err(FeedError::Empty)));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn clean(feed: &depeche::feed::Feed) {
        for item in &feed.items {
            assert!(
                !item.title.chars().any(char::is_control),
                "{:?}",
                item.title
            );
            if let Some(url) = &item.url {
                assert!(
                    url.starts_with("http://") || url.starts_with("https://"),
                    "{url}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any bytes: a feed or an error, never a panic.
        #[test]
        fn any_bytes_parse_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            if let Ok(feed) = parse_default(&bytes) {
                clean(&feed);
            }
            let _ = opml::import(&bytes);
        }

        /// A real feed with a slice replaced by garbage.
        #[test]
        fn mutated_feeds_parse_or_fail_cleanly(
            at in 0usize..2000,
            len in 0usize..64,
            garbage in proptest::collection::vec(any::<u8>(), 0..64),
        ) {
            let mut bytes = fixture("hostile-links.xml");
            let at = at.min(bytes.len());
            let end = (at + len).min(bytes.len());
            bytes.splice(at..end, garbage);
            if let Ok(feed) = parse_default(&bytes) {
                clean(&feed);
            }
        }

        /// Item titles and links with any text survive without control
        /// characters, and only http(s) links are kept.
        #[test]
        fn any_item_text_is_sanitised(title in any::<String>(), link in any::<String>()) {
            // Every character as a character reference: controls and escape
            // sequences reach the parser the only way XML lets them.
            let escape = |s: &str| s.chars().map(|c| format!("&#x{:x};", c as u32)).collect::<String>();
            let doc = format!(
                "<rss version=\"2.0\"><channel><title>t</title><item><title>{}</title><link>{}</link></item></channel></rss>",
                escape(&title),
                escape(&link)
            );
            if let Ok(feed) = parse_default(doc.as_bytes()) {
                clean(&feed);
            }
        }
    }
}

#[test]
fn json_feeds_are_utf8_whatever_their_strings_say() {
    let doc = r#"{"version":"https://jsonfeed.org/version/1.1","title":"<meta charset=koi8-r> café","items":[]}"#;
    let feed = parse(
        doc.as_bytes(),
        None,
        Some("iso-8859-1"),
        &FeedLimits::default(),
    )
    .unwrap();
    assert_eq!(feed.title, "<meta charset=koi8-r> café");
}

/// Found by the fuzzer (fuzz/fuzz_targets/feed.rs): a second XML declaration
/// further down made feed-rs switch encodings mid-stream and quick-xml panic.
#[test]
fn a_second_xml_declaration_is_malformed_not_a_panic() {
    let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>t</title>\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n</feed>";
    let error = parse_default(doc.as_bytes()).unwrap_err();
    assert!(
        error.to_string().contains("line 4") && error.to_string().contains("XML declaration"),
        "{error}"
    );
}
