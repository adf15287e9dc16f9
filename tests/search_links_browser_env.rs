//! `open_url` reads `$BROWSER`. Alone in its own test binary: it sets an
//! environment variable, which other tests running in parallel threads of
//! the same process must not see.

use std::time::{Duration, Instant};

#[test]
fn open_url_uses_the_browser_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("opened.txt");
    let script = dir.path().join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s|%s' \"$1\" \"$2\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
            out.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // SAFETY: this is the only test of this binary, so no other thread reads
    // the environment while it changes.
    unsafe { std::env::set_var("BROWSER", format!("'{}' --new-tab=%s", script.display())) };
    let url = "https://pic.twitter.com/LXSrvPWqzS";
    assert_eq!(depeche::runtime::open_url(url), Ok(format!("opened {url}")));
    // Not waited for: poll for the file it writes (a wait, not a timing check).
    let deadline = Instant::now() + Duration::from_secs(20);
    while !out.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        format!("--new-tab={url}|")
    );
}
