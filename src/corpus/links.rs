//! Links: finding URLs in text, sanitising them, opening them, copying them (OSC 52).
//!
//! Every URL that leaves depeche (to a browser's command line or into an
//! escape sequence) goes through [`sanitize_url`] first: only absolute
//! `http`/`https` URLs, without control characters, whitespace or bidi
//! controls, re-serialised by the `url` crate (so pure ASCII: IDN hosts in
//! punycode, other non-ASCII percent-encoded).

use std::ops::Range;
use std::process::{Command, Stdio};

use base64::Engine;
use linkify::{LinkFinder, LinkKind};

/// Longest URL depeche will open or copy: past this it is refused rather
/// than pushed through a terminal escape sequence.
pub const MAX_URL_LEN: usize = 8192;

/// Byte ranges of the URLs in `text`, found by `linkify`: `http://` and
/// `https://` URLs, and the scheme-less `www.example.org/…` and
/// `pic.twitter.com/…` forms (a domain followed by a path, or starting with
/// `www.`; a bare `example.com` in prose is not taken for a link). Other
/// schemes (`mailto:`, `ftp:`, `javascript:`) are not links here.
/// [`link_target`] gives the URL to open for each.
pub fn find_urls(text: &str) -> Vec<Range<usize>> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(false);
    finder
        .links(text)
        .filter(|link| is_link(link.as_str()))
        .map(|link| link.start()..link.end())
        .collect()
}

fn is_link(found: &str) -> bool {
    match scheme_of(found) {
        Some(scheme) => scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"),
        None => {
            let lower = found.to_ascii_lowercase();
            lower.starts_with("www.") || found.contains('/')
        }
    }
}

/// The scheme of `s` if it starts with one (`letters:`; no dots, so that
/// `www.example.org:8080` is a host and port).
fn scheme_of(s: &str) -> Option<&str> {
    let (scheme, _) = s.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-')))
    .then_some(scheme)
}

/// The URL to open for a link found in text: scheme-less ones get
/// `https://`; then [`sanitize_url`].
pub fn link_target(found: &str) -> Option<String> {
    if scheme_of(found).is_some() {
        sanitize_url(found)
    } else {
        sanitize_url(&format!("https://{found}"))
    }
}

/// Bidirectional formatting characters: they can make a URL read
/// differently from where it goes.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Invisible characters that have no business in a URL someone will read.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// `url` as a safe absolute `http`/`https` URL (re-serialised, ASCII), or
/// `None`: other schemes, relative URLs, no host, control characters,
/// whitespace, bidi controls, invisible characters, or longer than
/// [`MAX_URL_LEN`].
pub fn sanitize_url(url: &str) -> Option<String> {
    if url.is_empty()
        || url.len() > MAX_URL_LEN
        || url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || is_bidi_control(c) || is_invisible(c))
    {
        return None;
    }
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let out = String::from(parsed);
    // The serialisation is ASCII; check anyway, it goes into escape sequences.
    (out.len() <= MAX_URL_LEN && out.bytes().all(|b| b.is_ascii_graphic())).then_some(out)
}

/// The OSC 52 sequence that puts `url` on the clipboard
/// (`ESC ] 52 ; c ; <base64> BEL`); `None` if `url` is not a safe http(s) URL.
pub fn osc52_copy(url: &str) -> Option<String> {
    let url = sanitize_url(url)?;
    let payload = base64::engine::general_purpose::STANDARD.encode(url);
    Some(format!("\x1b]52;c;{payload}\x07"))
}

/// Opens `url` with `$BROWSER`, else `xdg-open` / `open`, without waiting for it
/// and without letting it write to the terminal. `url` must come from `sanitize_url`
/// (it is checked again). `Ok` holds the message for the status line.
pub fn open_url(url: &str) -> Result<String, String> {
    let browser = std::env::var("BROWSER").ok();
    open_url_with(url, browser.as_deref())
}

/// [`open_url`] with the `$BROWSER` value given: `browser` is a command
/// line (split like a shell would, no shell run); `%s` in it is replaced by
/// the URL, else the URL is appended. `None` or blank: the system opener.
pub fn open_url_with(url: &str, browser: Option<&str>) -> Result<String, String> {
    let url = sanitize_url(url).ok_or_else(|| format!("refused to open unsafe URL {url:?}"))?;
    let command = browser_command(&url, browser)?;
    let (program, args) = command.split_first().ok_or("empty $BROWSER")?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        // Its own process group: Ctrl-C and terminal signals meant for
        // depeche do not reach the browser.
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot open link with {program}: {e}"))?;
    // Reap it when it exits, without making anyone wait.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(format!("opened {url}"))
}

/// The command line that opens `url` (already sanitised).
fn browser_command(url: &str, browser: Option<&str>) -> Result<Vec<String>, String> {
    if let Some(browser) = browser.filter(|b| !b.trim().is_empty()) {
        let mut words =
            shell_words::split(browser).map_err(|e| format!("cannot read $BROWSER: {e}"))?;
        if words.iter().any(|w| w.contains("%s")) {
            for w in &mut words {
                *w = w.replace("%s", url);
            }
        } else {
            words.push(url.to_string());
        }
        return Ok(words);
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    Ok(vec![opener.to_string(), url.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_command_lines() {
        let url = "https://example.org/a";
        assert_eq!(
            browser_command(url, Some("firefox --new-tab")).unwrap(),
            ["firefox", "--new-tab", url]
        );
        assert_eq!(
            browser_command(url, Some("'/opt/my browser/run' --url=%s -x")).unwrap(),
            ["/opt/my browser/run", &format!("--url={url}"), "-x"]
        );
        let system = browser_command(url, Some("  ")).unwrap();
        assert_eq!(system[1], url);
        assert!(browser_command(url, Some("'unclosed")).is_err());
    }

    #[test]
    fn schemes_found_in_text() {
        assert_eq!(scheme_of("https://x"), Some("https"));
        assert_eq!(scheme_of("pic.twitter.com/x"), None);
        assert_eq!(scheme_of("javascript:alert(1)"), Some("javascript"));
    }
}
