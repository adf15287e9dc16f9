//! Links: finding, sanitising, OSC 52, opening with `$BROWSER`.

use std::time::Duration;

use crate::common::browser::{FakeBrowser, retry_busy};

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
    let msg =
        retry_busy(|| open_url_with(url, Some(&browser.script.display().to_string()))).unwrap();
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

/// One policy at load and at open (issue 11, item 9): what `--check` lets
/// through, `o` and `y` open and copy; what they refuse, the load refuses,
/// saying why (the real host when a user name hides it).
#[test]
fn one_url_policy_at_load_and_at_open() {
    for (url, why) in [
        ("https://:80/", "empty host"),
        (
            "https://exa\u{200b}mple.org/",
            "invisible character (U+200B)",
        ),
        ("https://example.org:99999/", "invalid port number"),
        (
            "https://news.example.org@evil.example/",
            "hides its real host, evil.example",
        ),
        (
            "https://user:pw@example.org/",
            "hides its real host, example.org",
        ),
        ("ftp://example.org/", "only http and https"),
    ] {
        assert_eq!(sanitize_url(url), None, "{url:?} opens");
        assert_eq!(osc52_copy(url), None, "{url:?} copies");
        let corpus = serde_json::json!({
            "format": "depeche-corpus", "version": 1,
            "articles": [{"id": "a", "title": "T", "sections": [{"id": "s", "blocks": [
                {"type": "paragraph", "text": "x", "cites": ["l"]}]}],
                "sources": [{"id": "l", "kind": "link", "name": "L", "url": url}]}]
        });
        let error = depeche::corpus::load_bytes("c.json", corpus.to_string().as_bytes())
            .expect_err(url)
            .to_string();
        assert!(error.contains("sources[0].url"), "{url:?}: {error}");
        assert!(error.contains(why), "{url:?}: {error}");
    }
    // What loads, opens: the host shown is the real one, in punycode.
    assert_eq!(
        sanitize_url("https://exämple.org:8080/a").as_deref(),
        Some("https://xn--exmple-cua.org:8080/a")
    );
}

/// A URL full of shell metacharacters, through `$BROWSER` forms that put it
/// in a shell (issue 11, item 6): the browser gets it as one argument,
/// percent-encoded outside RFC 3986's sets, and no shell runs any of it.
#[test]
#[cfg(unix)]
fn shell_metacharacters_in_a_url_never_reach_a_shell() {
    let dir = tempfile::tempdir().unwrap();
    let pwned = dir.path().join("pwned");
    let pwned = pwned.to_str().unwrap();
    let url = format!(
        "https://example.org/a$(touch$IFS{pwned})b;touch$IFS{pwned}|c&d'e\"f`touch$IFS{pwned}`<g>{{h}}^i\\j"
    );
    let safe = sanitize_url(&url).expect("a web URL");
    assert!(
        !safe.contains(['"', '`', '<', '>', '{', '}', '^', '|', '\\', ' ']),
        "{safe}"
    );
    let browser = FakeBrowser::new("'%s\\n' \"$@\"");
    let script = browser.script.display().to_string();
    // The URL as one whole argument, `%s` or appended.
    for command in [format!("'{script}' %s"), format!("'{script}'")] {
        let _ = std::fs::remove_file(&browser.record);
        retry_busy(|| open_url_with(&url, Some(&command))).unwrap();
        assert_eq!(
            browser.opened(Duration::from_secs(20)),
            Some(format!("{safe}\n")),
            "{command}"
        );
    }
    // The form: `%s` inside a shell's script is not substituted; the
    // URL goes last, as the shell's $0, which it never runs.
    let _ = std::fs::remove_file(&browser.record);
    retry_busy(|| open_url_with(&url, Some(&format!("sh -c '\"{script}\" %s'")))).unwrap();
    assert_eq!(
        browser.opened(Duration::from_secs(20)).as_deref(),
        Some("%s\n")
    );
    assert!(
        !std::path::Path::new(pwned).exists(),
        "a shell ran a command from the URL"
    );
}
