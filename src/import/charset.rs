//! Bytes → text: the page's character encoding, and whether it is HTML at all.
//!
//! The encoding, in the order a browser trusts it: a byte-order mark; the
//! charset the transport declared (an HTTP `Content-Type`, given by the
//! caller); valid UTF-8 as is (a page that declares `iso-8859-1` but is
//! really UTF-8, a common slip, reads right); the `<meta charset>` or
//! `<meta http-equiv="Content-Type">` of the page's head (read by parsing
//! the head with html5ever, not by a hand-made scan); else windows-1252,
//! the web's default for pages that say nothing. Decoding never fails:
//! bytes invalid in the encoding become U+FFFD and the import says so.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::dom::{Dom, ROOT, Tag};

/// How much of the page the `<meta>` charset is looked for in (the head of any real page fits).
const META_WINDOW: usize = 64 * 1024;

/// The page's text and what was decided on the way.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The WHATWG name of the encoding used (`"UTF-8"`, `"windows-1252"`, `"Shift_JIS"`).
    pub encoding: &'static str,
    /// Some bytes were invalid in that encoding and became U+FFFD.
    pub replaced: bool,
}

/// Decodes `bytes`; `declared` is a charset label from the transport, if any.
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Decoded<'a> {
    let encoding = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| declared.and_then(|label| Encoding::for_label(label.trim().as_bytes())))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                meta_charset(bytes).unwrap_or(WINDOWS_1252)
            }
        });
    // A page cannot declare itself UTF-16 in ASCII (the spec reads such a
    // declaration as UTF-8); only a BOM says UTF-16.
    let (text, encoding, replaced) = encoding.decode(bytes);
    Decoded {
        text,
        encoding: encoding.name(),
        replaced,
    }
}

/// The charset the page's `<meta>` elements declare, if it names a known encoding.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_WINDOW)];
    // windows-1252 maps every byte to a character and keeps ASCII as is:
    // enough to read the ASCII markup of a <meta>, whatever the real encoding.
    let (text, _, _) = WINDOWS_1252.decode(head);
    let dom = Dom::parse(&text);
    for id in dom.descendants(ROOT) {
        let Some(element) = dom.element(id) else {
            continue;
        };
        if element.tag != Tag::Meta {
            continue;
        }
        let label = element.attr("charset").map(str::to_string).or_else(|| {
            let equiv = element.attr("http-equiv")?;
            if !equiv.trim().eq_ignore_ascii_case("content-type") {
                return None;
            }
            charset_param(element.attr("content")?)
        });
        if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            // UTF-16 declared in ASCII is a lie (the spec reads it as UTF-8).
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                return Some(UTF_8);
            }
            return Some(encoding);
        }
    }
    None
}

/// The `charset` parameter of a Content-Type value: `text/html; charset="utf-8"` → `utf-8`.
pub fn charset_param(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = match rest.strip_prefix(['"', '\'']) {
        Some(quoted) => quoted.split(['"', '\'']).next().unwrap_or(""),
        None => rest.split([';', ' ', '\t']).next().unwrap_or(""),
    };
    (!value.is_empty()).then(|| value.to_string())
}

/// What a byte string looks like, for the "not HTML" message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Html,
    Empty,
    Blank,
    Json,
    Xml,
    Pdf,
    Gzip,
    Zip,
    Image,
    Text,
    Binary,
}

impl Sniffed {
    /// "a PDF document", "JSON"…: what was found instead of a web page.
    pub fn describe(self) -> &'static str {
        match self {
            Sniffed::Html => "an HTML page",
            Sniffed::Empty => "an empty file",
            Sniffed::Blank => "only white space",
            Sniffed::Json => "JSON (a depeche corpus opens as is, without `import`)",
            Sniffed::Xml => "XML that is not XHTML (a feed? feeds are read with `depeche feeds`)",
            Sniffed::Pdf => "a PDF document",
            Sniffed::Gzip => "gzip-compressed data (decompress it first: `gunzip -k FILE`)",
            Sniffed::Zip => "a zip archive",
            Sniffed::Image => "an image",
            Sniffed::Text => "plain text with no HTML markup",
            Sniffed::Binary => "binary data",
        }
    }
}

/// Whether `bytes` look like an HTML page: the WHATWG MIME-sniffing rule for
/// `text/html` (after a BOM and white space, one of `<!DOCTYPE HTML`,
/// `<html`, `<head`, `<body`, `<script`, `<iframe`, `<h1`, `<div`, `<font`,
/// `<table`, `<a`, `<style`, `<title`, `<b`, `<br`, `<p` or `<!--`,
/// followed by a space or `>`), extended to XHTML (`<?xml` then `<html`)
/// and to pages that open with a comment or a few stray lines of text.
pub fn is_html(bytes: &[u8]) -> bool {
    sniff(bytes) == Sniffed::Html
}

/// What `bytes` hold, looked at their start only (a constant cost).
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.is_empty() {
        return Sniffed::Empty;
    }
    // UTF-16 pages: look at their decoded start.
    if let Some((encoding, _)) = Encoding::for_bom(bytes)
        && encoding != UTF_8
    {
        let head = &bytes[..bytes.len().min(4096)];
        let (text, _, _) = encoding.decode(head);
        return sniff_text(text.as_bytes());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match bytes {
        [b'%', b'P', b'D', b'F', ..] => return Sniffed::Pdf,
        [0x1f, 0x8b, ..] => return Sniffed::Gzip,
        [b'P', b'K', 3, 4, ..] => return Sniffed::Zip,
        [0x89, b'P', b'N', b'G', ..] | [0xff, 0xd8, 0xff, ..] | [b'G', b'I', b'F', b'8', ..] => {
            return Sniffed::Image;
        }
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => return Sniffed::Image,
        _ => {}
    }
    sniff_text(bytes)
}

const HTML_TAGS: [&[u8]; 16] = [
    b"!doctype html",
    b"html",
    b"head",
    b"body",
    b"script",
    b"iframe",
    b"h1",
    b"div",
    b"font",
    b"table",
    b"a",
    b"style",
    b"title",
    b"b",
    b"br",
    b"p",
];

/// Tags that, opening a document after the sniffing window's first tag,
/// still say "a web page" (a fragment saved from a page).
const FRAGMENT_TAGS: [&[u8]; 12] = [
    b"article", b"section", b"main", b"meta", b"link", b"span", b"ul", b"ol", b"h2", b"h3",
    b"header", b"nav",
];

fn sniff_text(bytes: &[u8]) -> Sniffed {
    let window = &bytes[..bytes.len().min(4096)];
    let start = window.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return if bytes.iter().all(u8::is_ascii_whitespace) {
            Sniffed::Blank
        } else {
            Sniffed::Text
        };
    };
    let rest = &window[start..];
    match rest[0] {
        b'{' | b'[' => return Sniffed::Json,
        b'<' => {}
        _ => {
            // A page may open with a stray line of text; look for markup soon after.
            return if has_tag_soon(rest) {
                Sniffed::Html
            } else if rest.contains(&0) {
                Sniffed::Binary
            } else {
                Sniffed::Text
            };
        }
    }
    let mut at = rest;
    // Comments and XML declarations or processing instructions may come first.
    for _ in 0..64 {
        let lower: Vec<u8> = at.iter().take(16).map(u8::to_ascii_lowercase).collect();
        if lower.starts_with(b"<!--") {
            match find(at, b"-->") {
                Some(end) => at = trim_start(&at[end + 3..]),
                None => return Sniffed::Html,
            }
        } else if lower.starts_with(b"<?") {
            match find(at, b"?>") {
                Some(end) => at = trim_start(&at[end + 2..]),
                None => return Sniffed::Xml,
            }
            if !at.starts_with(b"<") {
                return Sniffed::Xml;
            }
            let lower: Vec<u8> = at.iter().take(16).map(u8::to_ascii_lowercase).collect();
            if !(lower.starts_with(b"<!doctype html")
                || lower.starts_with(b"<html")
                || lower.starts_with(b"<!--")
                || lower.starts_with(b"<?"))
            {
                return Sniffed::Xml;
            }
        } else {
            break;
        }
    }
    if at.is_empty() {
        return Sniffed::Html;
    }
    if starts_with_tag(at, &HTML_TAGS) || starts_with_tag(at, &FRAGMENT_TAGS) {
        Sniffed::Html
    } else {
        Sniffed::Xml
    }
}

/// `<tag` followed by white space, `>` or `/`, case-insensitive.
fn starts_with_tag(at: &[u8], tags: &[&[u8]]) -> bool {
    let Some(after) = at.strip_prefix(b"<") else {
        return false;
    };
    tags.iter().any(|tag| {
        after.len() > tag.len()
            && after[..tag.len()].eq_ignore_ascii_case(tag)
            && matches!(
                after[tag.len()],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/'
            )
    })
}

/// Whether one of the sniffed tags opens a line within the window.
fn has_tag_soon(window: &[u8]) -> bool {
    window
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'<')
        .any(|(i, _)| {
            starts_with_tag(&window[i..], &HTML_TAGS)
                || starts_with_tag(&window[i..], &FRAGMENT_TAGS)
        })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_recognised_by_content() {
        for page in [
            "<!DOCTYPE html><title>x</title>",
            "\u{feff}  <!doctype HTML>",
            "<html lang=fr>",
            "<!-- saved --><html>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">",
            "<p>a fragment",
            "<div class=x>",
            "<article>",
            "Saved from the web\n<html>",
        ] {
            assert!(is_html(page.as_bytes()), "{page:?}");
        }
    }

    #[test]
    fn other_content_is_named() {
        assert_eq!(sniff(b""), Sniffed::Empty);
        assert_eq!(sniff(b" \n\t"), Sniffed::Blank);
        assert_eq!(sniff(b"{\"format\": \"depeche-corpus\"}"), Sniffed::Json);
        assert_eq!(sniff(b"%PDF-1.7"), Sniffed::Pdf);
        assert_eq!(sniff(b"\x1f\x8b\x08\x00"), Sniffed::Gzip);
        assert_eq!(sniff(b"\x89PNG\r\n"), Sniffed::Image);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><rss>"), Sniffed::Xml);
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Sniffed::Xml
        );
        assert_eq!(sniff(b"just some words"), Sniffed::Text);
        assert_eq!(sniff(b"\x00\x01\x02binary"), Sniffed::Binary);
        assert_eq!(sniff(b"<html"), Sniffed::Xml);
    }

    #[test]
    fn utf16_pages_are_sniffed_after_decoding() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "<!DOCTYPE html><p>é".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert!(is_html(&bytes));
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.encoding, "UTF-16LE");
        assert!(decoded.text.ends_with("<p>é"));
    }

    #[test]
    fn encodings_in_order_of_trust() {
        // Valid UTF-8 wins over a wrong declaration.
        let page = "<meta charset=iso-8859-1><p>café".as_bytes();
        assert_eq!(decode(page, None).encoding, "UTF-8");
        // Latin-1 bytes, declared in <meta charset>.
        let page = b"<meta charset=\"iso-8859-15\"><p>caf\xe9 \xa4";
        let decoded = decode(page, None);
        assert_eq!(decoded.encoding, "ISO-8859-15");
        assert!(decoded.text.ends_with("café €"));
        // Declared by http-equiv.
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8";
        let decoded = decode(page, None);
        assert_eq!(decoded.encoding, "windows-1251");
        assert!(decoded.text.ends_with("При"));
        // Nothing declared: windows-1252.
        assert_eq!(decode(b"<p>caf\xe9", None).encoding, "windows-1252");
        // The transport's charset beats the page's.
        assert_eq!(
            decode(b"<p>\x82\xa0", Some("shift_jis")).encoding,
            "Shift_JIS"
        );
        // A BOM beats everything.
        assert_eq!(
            decode(b"\xef\xbb\xbf<p>x", Some("latin1")).encoding,
            "UTF-8"
        );
    }

    #[test]
    fn invalid_bytes_are_replaced_not_fatal() {
        let decoded = decode(b"<p>ok \xff\xfe", Some("utf-8"));
        assert!(decoded.replaced);
        assert!(decoded.text.contains('\u{fffd}'));
    }

    #[test]
    fn content_type_parameters() {
        assert_eq!(
            charset_param("text/html; charset=UTF-8").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(
            charset_param("text/html;charset=\"koi8-r\"").as_deref(),
            Some("koi8-r")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
