//! Links: finding URLs in text and sanitising them.
//!
//! Every URL that leaves depeche (to a browser's command line or into an
//! escape sequence) goes through [`sanitize_url`] first: only absolute
//! `http`/`https` URLs, without control characters, whitespace or bidi
//! controls, re-serialised by the `url` crate (so pure ASCII: IDN hosts in
//! punycode, other non-ASCII percent-encoded).

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
