//! Any bytes as a feed, an OPML list and a page to discover feeds in: a
//! result or a clean error, never a panic; whatever parses keeps only
//! http(s) links and one-line fields free of control characters.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let base = url::Url::parse("https://fuzz.example/feed.xml").unwrap();
    if let Ok(feed) = depeche::feed::parse(data, Some(&base), None, &Default::default()) {
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
    let _ = depeche::feed::opml::import(data);
    let text = String::from_utf8_lossy(data);
    for found in depeche::feed::discover(&text, &base) {
        assert!(found.url.starts_with("http://") || found.url.starts_with("https://"));
    }
    let _ = depeche::net::decode_text(data, None, Some("text/html"));
});
