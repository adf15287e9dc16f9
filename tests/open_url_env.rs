//! `open_url` reads `$BROWSER`. Alone in its own test binary: it sets an
//! environment variable, which other tests running in parallel threads of
//! the same process must not see.

use std::time::Duration;

#[path = "common/mod.rs"]
mod common;

use common::browser::FakeBrowser;

#[test]
fn open_url_uses_the_browser_environment_variable() {
    let browser = FakeBrowser::new("'%s|%s' \"$1\" \"$2\"");
    // SAFETY: this is the only test of this binary, so no other thread reads
    // the environment while it changes.
    unsafe {
        std::env::set_var(
            "BROWSER",
            format!("'{}' --new-tab %s", browser.script.display()),
        )
    };
    let url = "https://pic.twitter.com/LXSrvPWqzS";
    assert_eq!(depeche::runtime::open_url(url), Ok(format!("opened {url}")));
    assert_eq!(
        browser.opened(Duration::from_secs(20)),
        Some(format!("--new-tab|{url}"))
    );
}
