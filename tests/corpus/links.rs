//! Links: finding, sanitising, OSC 52, opening with `$BROWSER`.

use std::time::Duration;

use crate::common::browser::FakeBrowser;

use depeche::corpus::links::{find_urls, link_target, sanitize_url};
use depeche::runtime::{open_url_with, osc52_copy};

fn urls(text: &str) -> Vec<&str> {
    find_urls(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn finds_http_and_bare_forms_only() {
    assert_eq!(
        urls("voir https://www.elysee.fr/x?a=1. et http://a.org, pic.twitter.com/LXSrvPWqzS"),
        [
            "https://www.elysee.fr/x?a=1",
            "http://a.org",
            "pic.twitter.com/LXSrvPWqzS"
        ]
    );
    assert_eq!(urls("sur www.lemonde.fr aujourd’hui"), ["www.lemonde.fr"]);
    // Prose with dots, bare domains, other schemes, e-mail: not links.
    assert!(
        urls("X.com et e.g. l’U.E. le 6.01.2026, mailto:a@b.fr ftp://x.org/f a@b.fr").is_empty()
    );
    assert!(urls("javascript:alert(1)").is_empty());
}

#[test]
fn finds_urls_in_the_seed_article() {
    let Some(seed) = crate::common::testdata::seed("finds_urls_in_the_seed_article") else {
        return;
    };
    let found = urls(&seed);
    assert!(found.contains(&"pic.twitter.com/LXSrvPWqzS"), "{found:?}");
    assert!(found.contains(&"pic.twitter.com/KbZWegi7ze"), "{found:?}");
    for f in found {
        assert!(link_target(f).is_some(), "{f}");
    }
}

#[test]
fn link_targets_get_a_scheme() {
    assert_eq!(
        link_target("pic.twitter.com/LXSrvPWqzS").as_deref(),
        Some("https://pic.twitter.com/LXSrvPWqzS")
    );
    assert_eq!(
        link_target("http://a.org").as_deref(),
        Some("http://a.org/")
    );
}

#[test]
fn sanitising_refuses_what_is_not_a_plain_web_url() {
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "ftp://example.org/",
        "https://example.org/\x1b]52;c;AAAA\x07",
        "\x1b]8;;https://evil/\x1b\\",
        "https://example.org/a\nb",
        "https://example.org/a b",
        "https://example.org/\u{202e}fdp.exe",
        "https://exa\u{200b}mple.org/",
        "https://example.org/\u{9b}31m",
        "/relative/path",
        "example.org",
        "https://",
        "http://:80/",
        "",
    ] {
        assert_eq!(sanitize_url(bad), None, "{bad:?}");
    }
    assert!(sanitize_url(&format!("https://a.org/{}", "x".repeat(9000))).is_none());
}

#[test]
fn sanitising_keeps_and_normalises_web_urls() {
    assert_eq!(
        sanitize_url("https://www.elysee.fr/emmanuel-macron").as_deref(),
        Some("https://www.elysee.fr/emmanuel-macron")
    );
    assert_eq!(
        sanitize_url("HTTPS://Example.ORG/Été?q=sécurité#à").as_deref(),
        Some("https://example.org/%C3%89t%C3%A9?q=s%C3%A9curit%C3%A9#%C3%A0")
    );
    assert_eq!(
        sanitize_url("https://élysée.fr/").as_deref(),
        Some("https://xn--lyse-9oad.fr/")
    );
}

#[test]
fn osc52_bytes_are_exact() {
    assert_eq!(
        osc52_copy("https://example.org/").as_deref(),
        Some("\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy8=\x07")
    );
    assert_eq!(osc52_copy("javascript:alert(1)"), None);
    assert_eq!(osc52_copy("https://example.org/\x07\x1b"), None);
}

#[test]
fn open_url_runs_browser_with_the_url() {
    let browser = FakeBrowser::new("'%s' \"$1\"");
    let url = "https://www.elysee.fr/emmanuel-macron?a=1&b=2";
    let msg = open_url_with(url, Some(&browser.script.display().to_string())).unwrap();
    assert_eq!(msg, format!("opened {url}"));
    assert_eq!(
        browser.opened(Duration::from_secs(20)).as_deref(),
        Some(url)
    );
}

#[test]
fn open_url_reports_failures() {
    let err = open_url_with("https://a.org/", Some("/nonexistent/browser-xyz")).unwrap_err();
    assert!(err.contains("/nonexistent/browser-xyz"), "{err}");
    let err = open_url_with("javascript:alert(1)", Some("true")).unwrap_err();
    assert!(err.starts_with("refused"), "{err}");
}
