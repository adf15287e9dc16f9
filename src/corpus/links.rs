//! Links: finding URLs in text and sanitising them.
//!
//! One URL policy, [`check_url`], for every URL: at load (validation
//! refuses what it refuses) and again before a URL leaves depeche (to a
//! browser's command line or into an escape sequence, through
//! [`sanitize_url`]): only absolute `http`/`https` URLs with a host and a
//! valid port, no user name hiding the host, without control, whitespace or
//! invisible characters, re-serialised by the `url` crate (pure ASCII: IDN
//! hosts in punycode) and percent-encoded outside RFC 3986's sets.

use std::ops::Range;

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
    urls_in(text).collect()
}

/// [`find_urls`], one at a time (what a text of many URLs needs not hold).
pub fn urls_in(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(false);
    finder
        .links(text)
        .filter(|link| is_link(link.as_str()))
        .map(|link| link.start()..link.end())
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

/// Invisible characters (Unicode's default-ignorable code points, with the
/// bidi controls among them): they can make a URL read differently from
/// where it goes, and have no business in one someone will read.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Why a URL is refused, by [`check_url`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    Empty,
    TooLong,
    /// A space or a control character.
    Whitespace,
    /// An invisible character (a zero-width space, a bidi control…).
    Invisible(char),
    /// What the `url` crate said (no host, a port past 65535, relative…).
    Unparsable(String),
    /// A scheme other than http and https.
    NotWeb(String),
    NoHost,
    /// A user name (and password) before the host, which hides where the
    /// link goes: the real host.
    UserInfo(String),
}

impl std::fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlProblem::Empty => f.write_str("it is empty"),
            UrlProblem::TooLong => write!(f, "it is longer than {MAX_URL_LEN} bytes"),
            UrlProblem::Whitespace => f.write_str("it holds a space or a control character"),
            UrlProblem::Invisible(c) => {
                write!(
                    f,
                    "it holds an invisible character (U+{:04X})",
                    u32::from(*c)
                )
            }
            UrlProblem::Unparsable(why) => f.write_str(why),
            UrlProblem::NotWeb(scheme) => write!(
                f,
                "its scheme is {scheme}: only http and https links are opened"
            ),
            UrlProblem::NoHost => f.write_str("it has no host"),
            UrlProblem::UserInfo(host) => {
                write!(f, "a user name before \"@\" hides its real host, {host}")
            }
        }
    }
}

/// The one URL policy, applied at load (`validate`) and again before a URL
/// leaves depeche (opened, copied): parsed by the `url` crate, `http` or
/// `https`, a host, a valid port, no user name or password (which would
/// hide the real host), no whitespace, control or invisible character, at
/// most [`MAX_URL_LEN`] bytes. `Ok` is the URL to use: re-serialised (IDN
/// hosts in punycode, so the host shown is the real one) and with every
/// character outside RFC 3986's unreserved and reserved sets
/// percent-encoded ([`encode_for_command`]).
pub fn check_url(url: &str) -> Result<String, UrlProblem> {
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    if url.len() > MAX_URL_LEN {
        return Err(UrlProblem::TooLong);
    }
    if let Some(c) = url.chars().find(|&c| is_invisible(c)) {
        return Err(UrlProblem::Invisible(c));
    }
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(UrlProblem::Whitespace);
    }
    let parsed = url::Url::parse(url).map_err(|e| UrlProblem::Unparsable(e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(UrlProblem::NotWeb(parsed.scheme().to_string()));
    }
    let host = parsed.host_str().filter(|h| !h.is_empty());
    let Some(host) = host else {
        return Err(UrlProblem::NoHost);
    };
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(UrlProblem::UserInfo(host.to_string()));
    }
    let out = encode_for_command(parsed.as_str());
    if out.len() > MAX_URL_LEN {
        return Err(UrlProblem::TooLong);
    }
    Ok(out)
}

/// `url` with every byte outside RFC 3986's unreserved (`A-Z a-z 0-9 - . _ ~`)
/// and reserved (`: / ? # [ ] @ ! $ & ' ( ) * + , ; =`) sets percent-encoded,
/// and a `%` that starts no escape too: what goes to a command or into an
/// escape sequence is printable ASCII with no quote, backquote, pipe,
/// backslash, angle bracket, brace or caret.
pub fn encode_for_command(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = String::with_capacity(url.len());
    for (i, &b) in bytes.iter().enumerate() {
        let escape_start = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        let kept =
            b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b) || escape_start;
        if kept {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `url` as the safe URL [`check_url`] makes of it, or `None` if it is refused.
pub fn sanitize_url(url: &str) -> Option<String> {
    check_url(url).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_found_in_text() {
        assert_eq!(scheme_of("https://x"), Some("https"));
        assert_eq!(scheme_of("pic.twitter.com/x"), None);
        assert_eq!(scheme_of("javascript:alert(1)"), Some("javascript"));
    }
}
