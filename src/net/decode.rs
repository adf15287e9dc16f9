//! Turning a response body into text: `Content-Encoding` while reading, then
//! the charset (encoding_rs, the WHATWG encodings browsers use).

use std::io::{BufRead, BufReader, Read};

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How much of a document is looked at for its own charset declaration
/// (the HTML standard's prescan looks at 1024 bytes).
const PRESCAN: usize = 1024;

/// Wraps `raw` in the decoder `Content-Encoding` names (possibly a list,
/// applied in order). Unknown encodings are an error, not garbage.
pub(crate) fn content_decoder<'a>(
    raw: impl Read + 'a,
    encoding: Option<&str>,
) -> Result<Box<dyn Read + 'a>, String> {
    let mut reader: Box<dyn Read + 'a> = Box::new(raw);
    let Some(encoding) = encoding else {
        return Ok(reader);
    };
    for coding in encoding.split(',').map(|c| c.trim().to_ascii_lowercase()) {
        reader = match coding.as_str() {
            "" | "identity" => reader,
            "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(reader)),
            "deflate" => deflate(reader),
            "br" => Box::new(brotli_decompressor::Decompressor::new(reader, 64 * 1024)),
            other => {
                return Err(format!(
                    "unsupported Content-Encoding {}",
                    crate::corpus::sanitize::for_message(other)
                ));
            }
        };
    }
    Ok(reader)
}

/// `deflate` is meant to be zlib-wrapped (RFC 9110), but some servers send raw
/// deflate: the first two bytes tell which.
fn deflate<'a>(reader: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
    let mut buffered = BufReader::new(reader);
    let zlib = match buffered.fill_buf() {
        Ok([cmf, flg, ..]) => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => true,
    };
    if zlib {
        Box::new(flate2::bufread::ZlibDecoder::new(buffered))
    } else {
        Box::new(flate2::bufread::DeflateDecoder::new(buffered))
    }
}

/// Text decoded from bytes, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    /// The encoding used (its WHATWG name, e.g. `windows-1252`).
    pub encoding: &'static str,
    /// Whether some bytes were invalid in that encoding and became U+FFFD.
    pub replaced: bool,
}

/// Decodes a body to text. The encoding is, in order: a byte-order mark; the
/// `charset` of `Content-Type`; the document's own declaration (`<?xml
/// encoding>`, `<meta charset>`, `<meta http-equiv>`); else UTF-8, or
/// windows-1252 for an HTML page that is not valid UTF-8 (what browsers do).
/// An unknown label is skipped; invalid bytes become U+FFFD, never an error.
pub fn decode_text(
    bytes: &[u8],
    header_charset: Option<&str>,
    media_type: Option<&str>,
) -> DecodedText {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| header_charset.and_then(|c| Encoding::for_label(c.as_bytes())))
        .or_else(|| document_charset(bytes, media_type))
        .unwrap_or_else(|| {
            let html = media_type.is_some_and(|m| m.contains("html"));
            if html && std::str::from_utf8(bytes).is_err() {
                WINDOWS_1252
            } else {
                UTF_8
            }
        });
    // `decode` strips a BOM and lets a BOM override the encoding, as browsers do.
    let (text, used, replaced) = encoding.decode(bytes);
    DecodedText {
        text: text.into_owned(),
        encoding: used.name(),
        replaced,
    }
}

/// The charset a document declares in its first bytes: the XML declaration
/// (read with quick-xml) or an HTML `<meta>` (read with html5ever). A
/// declaration of UTF-16 in ASCII bytes cannot be true and means UTF-8.
pub fn document_charset(bytes: &[u8], media_type: Option<&str>) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let xml_like = media_type.is_some_and(|m| m.contains("xml") && !m.contains("html"))
        || head.trim_ascii_start().starts_with(b"<?xml");
    let label = if xml_like {
        xml_declared_encoding(head)
    } else {
        None
    }
    .or_else(|| html_meta_charset(head))?;
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    Some(if encoding.name().starts_with("UTF-16") {
        UTF_8
    } else {
        encoding
    })
}

fn xml_declared_encoding(head: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(head.trim_ascii_start());
    let mut buffer = Vec::new();
    match reader.read_event_into(&mut buffer) {
        Ok(quick_xml::events::Event::Decl(decl)) => {
            let encoding = decl.encoding()?.ok()?;
            Some(encoding.into_owned())
        }
        _ => None,
    }
}

fn html_meta_charset(head: &[u8]) -> Option<String> {
    if !head.contains(&b'<') {
        return None;
    }
    // windows-1252 maps every byte to a character, so the ASCII of the
    // declaration survives whatever the real encoding is.
    let (ascii, _, _) = WINDOWS_1252.decode(head);
    let document = scraper::Html::parse_document(&ascii);
    let meta = scraper::Selector::parse("meta").ok()?;
    document.select(&meta).find_map(|m| {
        let element = m.value();
        if let Some(charset) = element.attr("charset") {
            return Some(charset.to_string());
        }
        let equiv = element.attr("http-equiv")?;
        if !equiv.eq_ignore_ascii_case("content-type") {
            return None;
        }
        super::split_content_type(element.attr("content")?).1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_then_header_then_document_then_default() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf\xe9</r>";
        let decoded = decode_text(latin1, None, Some("application/xml"));
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.text.contains("café"));
        // The header wins over the document.
        let decoded = decode_text(latin1, Some("utf-8"), Some("application/xml"));
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.replaced);
        assert!(decoded.text.contains("caf\u{fffd}"));
        // A BOM wins over everything.
        let decoded = decode_text(b"\xef\xbb\xbfcaf\xc3\xa9", Some("iso-8859-1"), None);
        assert_eq!((decoded.text.as_str(), decoded.encoding), ("café", "UTF-8"));
        // HTML meta, both forms.
        let page = b"<html><head><meta charset=koi8-r></head><body>\xf0\xd2\xc9\xd7\xc5\xd4</body>";
        assert!(
            decode_text(page, None, Some("text/html"))
                .text
                .contains("Привет")
        );
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xcf\xf0\xe8";
        assert!(decode_text(page, None, None).text.contains("При"));
        // No declaration: UTF-8, or windows-1252 for HTML that is not UTF-8.
        assert_eq!(
            decode_text(b"<p>caf\xe9", None, Some("text/html")).text,
            "<p>café"
        );
        assert_eq!(
            decode_text("<p>café".as_bytes(), None, Some("text/html")).text,
            "<p>café"
        );
        // An unknown label is skipped, not fatal.
        assert_eq!(
            decode_text(b"ok", Some("x-no-such-charset"), None).text,
            "ok"
        );
    }

    #[test]
    fn utf16_declared_in_ascii_means_utf8() {
        let page = "<meta charset=utf-16><p>été".as_bytes();
        assert_eq!(decode_text(page, None, Some("text/html")).encoding, "UTF-8");
    }

    #[test]
    fn unknown_content_encoding_is_an_error() {
        let error = content_decoder(&b""[..], Some("compress")).err().unwrap();
        assert!(error.contains("compress"), "{error}");
    }

    #[test]
    fn raw_and_zlib_deflate_both_decode() {
        use flate2::Compression;
        use std::io::Write;
        let text = b"deflated text, twice over: deflated text";
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
        zlib.write_all(text).unwrap();
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
        raw.write_all(text).unwrap();
        for body in [zlib.finish().unwrap(), raw.finish().unwrap()] {
            let mut out = Vec::new();
            content_decoder(&body[..], Some("deflate"))
                .unwrap()
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out, text);
        }
    }
}
