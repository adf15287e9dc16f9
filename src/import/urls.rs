//! Turning the page's `href`s and `src`s into URLs depeche may show and open.
//!
//! Relative URLs are resolved against the page's address (its `<base href>`,
//! else its canonical URL, else `--base-url`); without one they are dropped.
//! Only `http`/`https` survive: `javascript:`, `data:`, `file:`, `mailto:`
//! and the rest are dropped, and every URL goes through
//! [`crate::corpus::links::sanitize_url`], the same check the reader applies before
//! opening one.

use url::Url;

use crate::corpus::links;

/// Longest `href` looked at; longer ones are dropped unread.
const MAX_HREF: usize = links::MAX_URL_LEN;

#[derive(Debug, Clone, Default)]
pub struct Resolver {
    base: Option<Url>,
}

impl Resolver {
    /// `base`: an absolute http(s) URL, or `None` (relative URLs are then dropped).
    pub fn new(base: Option<&str>) -> Resolver {
        let base = base
            .and_then(|b| Url::parse(b.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        Resolver { base }
    }

    pub fn base(&self) -> Option<&Url> {
        self.base.as_ref()
    }

    /// `href` as an absolute, safe http(s) URL, or `None`.
    pub fn resolve(&self, href: &str) -> Option<String> {
        // HTML strips leading and trailing ASCII white space from URLs, and
        // removes tabs and newlines inside them.
        let href = href.trim_matches(|c: char| c.is_ascii_whitespace());
        if href.is_empty() || href.len() > MAX_HREF {
            return None;
        }
        let href: String = href
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let url = match Url::parse(&href) {
            Ok(url) => url,
            Err(url::ParseError::RelativeUrlWithoutBase) => match &self.base {
                Some(base) => base.join(&href).ok()?,
                // A scheme-relative address names its host: https is the web's scheme.
                None if href.starts_with("//") => Url::parse(&format!("https:{href}")).ok()?,
                None => return None,
            },
            Err(_) => return None,
        };
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        links::sanitize_url(url.as_str())
    }

    /// Whether `url` is the page itself or a place in it (`#section`).
    pub fn is_same_page(&self, url: &str) -> bool {
        let Some(base) = &self.base else {
            return false;
        };
        let Ok(mut url) = Url::parse(url) else {
            return false;
        };
        url.set_fragment(None);
        let mut base = base.clone();
        base.set_fragment(None);
        url == base
    }
}

/// The host of `url` without `www.` (`www.lemonde.fr` → `lemonde.fr`).
pub fn domain(url: &str) -> Option<String> {
    let url = Url::parse(url).ok()?;
    let host = url.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_resolve_against_the_base() {
        let r = Resolver::new(Some("https://news.example/world/story.html"));
        assert_eq!(
            r.resolve("other.html").as_deref(),
            Some("https://news.example/world/other.html")
        );
        assert_eq!(
            r.resolve("/x?a=1#f").as_deref(),
            Some("https://news.example/x?a=1#f")
        );
        assert_eq!(
            r.resolve("//cdn.example/y").as_deref(),
            Some("https://cdn.example/y")
        );
        assert_eq!(
            r.resolve(" https://o.example/\n").as_deref(),
            Some("https://o.example/")
        );
        assert!(r.is_same_page("https://news.example/world/story.html#top"));
    }

    #[test]
    fn dangerous_and_unusable_urls_are_dropped() {
        let r = Resolver::new(Some("https://news.example/"));
        for href in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "mailto:a@b.example",
            "tel:+331",
            "ftp://x.example/",
            "",
            "https://",
        ] {
            assert_eq!(r.resolve(href), None, "{href:?}");
        }
        // No base: relative URLs cannot be resolved.
        assert_eq!(Resolver::new(None).resolve("/x"), None);
        assert_eq!(
            Resolver::new(Some("file:///tmp/x.html")).resolve("/x"),
            None
        );
        assert_eq!(
            Resolver::new(None).resolve("//cdn.example/y").as_deref(),
            Some("https://cdn.example/y")
        );
    }

    #[test]
    fn domains_drop_www() {
        assert_eq!(
            domain("https://www.lemonde.fr/x").as_deref(),
            Some("lemonde.fr")
        );
        assert_eq!(domain("https://t.co/x").as_deref(), Some("t.co"));
    }
}
