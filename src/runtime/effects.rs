//! The effects that touch the outside world: opening a URL in a browser,
//! copying one to the clipboard with OSC 52. Every URL goes through
//! [`sanitize_url`] first, again.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine;

use crate::corpus::links::{check_url, sanitize_url};
use crate::corpus::sanitize;

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
/// line (split into words like a shell would, no shell run); a word that is
/// exactly `%s` is replaced by the URL, else the URL is appended as the last
/// word. Either way the URL is one argument of its own, never part of a
/// word: a `%s` inside a word (`sh -c 'open-it %s'`) is left as it is, so
/// no shell the command starts ever reads the URL as code. The URL is the
/// policy's ([`sanitize_url`]): printable ASCII, percent-encoded outside
/// RFC 3986's sets. `None` or blank: the system opener.
pub fn open_url_with(url: &str, browser: Option<&str>) -> Result<String, String> {
    let url = check_url(url).map_err(|problem| {
        format!(
            "refused to open \"{}\": {problem}",
            sanitize::for_message(url)
        )
    })?;
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

/// Opens `url` with the browser the configuration names (`[links]
/// browser`, a command line as `$BROWSER` is), else as [`open_url`] does.
pub fn open_url_configured(url: &str, browser: Option<&str>) -> Result<String, String> {
    match browser.filter(|b| !b.trim().is_empty()) {
        Some(browser) => open_url_with(url, Some(browser)),
        None => open_url(url),
    }
}

/// The command line that opens `url` (already sanitised).
fn browser_command(url: &str, browser: Option<&str>) -> Result<Vec<String>, String> {
    if let Some(browser) = browser.filter(|b| !b.trim().is_empty()) {
        let mut words =
            shell_words::split(browser).map_err(|e| format!("cannot read $BROWSER: {e}"))?;
        if words.iter().any(|w| w == "%s") {
            for w in words.iter_mut().filter(|w| *w == "%s") {
                *w = url.to_string();
            }
        } else {
            words.push(url.to_string());
        }
        if words.first().is_none_or(|w| w == url) {
            return Err("$BROWSER names no command".to_string());
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

/// Writes the OSC 52 sequence for `url` straight to the terminal. The terminal gives no answer,
/// so success means the sequence was sent.
pub(super) fn copy_to_clipboard(out: &mut impl Write, url: &str) -> Result<String, String> {
    let sequence = osc52_copy(url).ok_or_else(|| "this link cannot be copied".to_string())?;
    out.write_all(sequence.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|err| format!("could not copy the link: {err}"))?;
    Ok(format!("copied {url}"))
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
            browser_command(url, Some("'/opt/my browser/run' %s -x")).unwrap(),
            ["/opt/my browser/run", url, "-x"]
        );
        // `%s` inside a word is not the URL's place: it goes last, on its own.
        assert_eq!(
            browser_command(url, Some("sh -c 'open-it %s'")).unwrap(),
            ["sh", "-c", "open-it %s", url]
        );
        assert!(browser_command(url, Some("%s")).is_err());
        let system = browser_command(url, Some("  ")).unwrap();
        assert_eq!(system[1], url);
        assert!(browser_command(url, Some("'unclosed")).is_err());
    }

    #[test]
    fn copy_writes_the_osc52_sequence_or_reports_why_not() {
        let mut out = Vec::new();
        let result = copy_to_clipboard(&mut out, "https://example.org/a");
        match osc52_copy("https://example.org/a") {
            Some(sequence) => {
                assert!(result.is_ok());
                assert_eq!(out, sequence.as_bytes());
            }
            None => {
                assert!(result.is_err());
                assert!(out.is_empty());
            }
        }
        let mut out = Vec::new();
        assert!(copy_to_clipboard(&mut out, "javascript:alert(1)").is_err());
        assert!(out.is_empty(), "nothing written for a refused link");
    }
}
