//! HTML that *is* the article: a feed item's content (`content:encoded`,
//! Atom `content`, JSON Feed `content_html`) or its summary. Nothing is
//! chosen: the extraction ([`super::extract`]) is for pages, where the
//! article must be told from the page around it, and it scores short text
//! and link lists as furniture — a one-sentence summary would find no
//! article, a "Share this" paragraph or a list of links in the content
//! would go. Here every text block is kept, in order; the rest is the
//! page importer's: the same walk ([`super::blocks`], embedded posts
//! recognised as cards), the same building of sections and sources
//! ([`super::build`]), the same sanitising on the way to the corpus.
//!
//! Plain text (a summary with no markup) is read as paragraphs split at
//! blank lines, its entities decoded. The metadata (title, link, date,
//! author) is the feed's, given by the caller; nothing in the fragment
//! (a `<base>`, a `<meta>`, JSON-LD) can change it or where links point.

use super::blocks::{self, Hidden};
use super::build::{self, Given};
use super::dom::Dom;
use super::metadata::{self, Metadata};
use super::urls::Resolver;
use super::{ImportError, ImportOptions, ImportedArticle, dates};

/// What the feed says about the item, used as the article's metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FragmentMeta {
    pub title: String,
    /// The item's link: its canonical address, and the base of relative links
    /// (unless [`ImportOptions::base_url`] gives another).
    pub url: Option<String>,
    /// Publication date, RFC 3339 (or any form the page importer reads).
    pub date: Option<String>,
    pub author: Option<String>,
    /// BCP 47 tag, when the feed gives one.
    pub language: Option<String>,
}

/// Imports a feed's HTML (or plain text) as a whole article: every text
/// block kept. Refused only when it is over `opts.max_size` or holds no
/// text at all ([`ImportError::NoText`]).
pub fn import_fragment(
    html: &str,
    meta: &FragmentMeta,
    opts: &ImportOptions,
) -> Result<ImportedArticle, ImportError> {
    if html.len() as u64 > opts.max_size {
        return Err(ImportError::TooLarge {
            name: opts.name.clone(),
            size: html.len() as u64,
            max: opts.max_size,
        });
    }
    let no_text = || ImportError::NoText {
        name: opts.name.clone(),
    };
    if html.trim().is_empty() {
        return Err(no_text());
    }
    let mut document = String::with_capacity(html.len() + 64);
    // In <body> from the first byte: a fragment opening with <title> or
    // <style> keeps what follows in the article, not in a <head>.
    document.push_str("<!DOCTYPE html><html><body>");
    if is_markup(html) {
        document.push_str(html);
    } else {
        push_plain_text(html, &mut document);
    }
    let dom = Dom::parse(&document);
    let warnings = dom.warnings("the feed's HTML for this item");
    let base = opts.base_url.as_deref().or(meta.url.as_deref());
    let resolver = Resolver::new(base);
    let metadata = metadata_of(meta, &resolver);
    let segmented = blocks::segment_with(&dom, &resolver, Hidden::Markup);
    if segmented.blocks.is_empty() {
        return Err(no_text());
    }
    let mut article = build::build(
        &metadata,
        segmented.blocks,
        None,
        &resolver,
        &opts.name,
        Given::Whole,
    );
    if article
        .sections
        .iter()
        .all(|s| s.blocks.is_empty() && s.heading.is_none())
    {
        // Only a heading repeating the title: nothing to read beyond it.
        return Err(no_text());
    }
    article.warnings = warnings;
    Ok(article)
}

/// The feed's metadata as the importer's.
fn metadata_of(meta: &FragmentMeta, resolver: &Resolver) -> Metadata {
    let language = meta
        .language
        .as_deref()
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| crate::corpus::validate::is_language_tag(l));
    let (date, date_text) = match meta.date.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => match dates::parse(text, language.as_deref()) {
            Some(date) => (Some(date), None),
            None => (None, metadata::clean_line(text)),
        },
        _ => (None, None),
    };
    Metadata {
        title: metadata::clean_line(&meta.title),
        language,
        date,
        date_text,
        canonical_url: meta.url.as_deref().and_then(|u| resolver.resolve(u)),
        byline: meta.author.as_deref().and_then(metadata::clean_line),
        ..Metadata::default()
    }
}

/// Whether `text` holds markup: a `<` opening a tag, an end tag, a comment
/// or a declaration. Anything else (`a < b`, `<3`) is plain text to HTML too.
pub fn is_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// Plain text as paragraphs, one per run of lines between blank lines. Its
/// `&` entities are read as HTML would (feeds escape text that way); no `<`
/// in it opens a tag ([`is_markup`] said so).
fn push_plain_text(text: &str, out: &mut String) {
    let mut open = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            if open {
                out.push_str("</p>");
                open = false;
            }
            continue;
        }
        if open {
            out.push('\n');
        } else {
            out.push_str("<p>");
            open = true;
        }
        out.push_str(line);
    }
    if open {
        out.push_str("</p>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportedBlock, PostPlatform};

    fn meta() -> FragmentMeta {
        FragmentMeta {
            title: "Le pont rouvre".to_string(),
            url: Some("https://news.example/2026/01/05/pont.html".to_string()),
            date: Some("2026-01-05T08:30:00Z".to_string()),
            author: Some("La rédaction".to_string()),
            language: Some("fr".to_string()),
        }
    }

    fn import(html: &str) -> Result<ImportedArticle, ImportError> {
        let opts = ImportOptions {
            name: "item".to_string(),
            ..ImportOptions::default()
        };
        import_fragment(html, &meta(), &opts)
    }

    /// Every block's text, in order, with a letter for its kind.
    fn blocks(article: &ImportedArticle) -> Vec<String> {
        let mut out = Vec::new();
        for section in &article.sections {
            if let Some(heading) = &section.heading {
                out.push(format!("H{}:{heading}", section.level));
            }
            for block in &section.blocks {
                let kind = match block {
                    ImportedBlock::Paragraph(_) => "P",
                    ImportedBlock::ListItem { .. } => "L",
                    ImportedBlock::Quote(_) => "Q",
                    ImportedBlock::Caption(_) => "C",
                    ImportedBlock::TableRow { .. } => "T",
                    ImportedBlock::Preformatted(_) => "PRE",
                    ImportedBlock::Subheading(_) => "S",
                    ImportedBlock::Post(_) => "POST",
                };
                out.push(format!("{kind}:{}", block.text().unwrap_or_default()));
            }
        }
        out
    }

    #[test]
    fn a_one_sentence_summary_is_the_article() {
        let article = import("<p>Summary only.</p>").unwrap();
        assert_eq!(blocks(&article), ["P:Summary only."]);
        assert_eq!(article.title, "Le pont rouvre");
        // The page importer finds no article in it: that is the defect this mode mends.
        let page = format!(
            "<html><head><title>Le pont rouvre</title></head><body><article><h1>Le pont rouvre</h1>{}</article></body></html>",
            "<p>Summary only.</p>"
        );
        assert!(matches!(
            crate::import::import_page(page.as_bytes(), &ImportOptions::default()),
            Err(ImportError::NoArticle { .. })
        ));
    }

    #[test]
    fn plain_text_summaries_read_as_paragraphs_with_entities_decoded() {
        let article = import("Tom &amp; Jerry\u{2019}s bridge\nreopens.\r\n\r\n  \nA second &lt;3 paragraph: a < b & c.\n").unwrap();
        assert_eq!(
            blocks(&article),
            [
                "P:Tom & Jerry\u{2019}s bridge reopens.",
                "P:A second <3 paragraph: a < b & c."
            ]
        );
        assert_eq!(blocks(&import("Two words").unwrap()), ["P:Two words"]);
        assert!(!is_markup("a < b, <3, 1<2"));
        assert!(is_markup("<p>x") && is_markup("x</p>") && is_markup("<!-- c -->"));
    }

    #[test]
    fn blocks_the_extraction_calls_furniture_are_kept_in_order() {
        let html = "<p>The bridge reopened on Monday after two years of works.</p>\
            <p>Share this</p>\
            <ul><li><a href='https://city.example/works'>The works</a></li>\
            <li><a href='/2026/01/04/traffic.html'>Traffic this week</a></li></ul>\
            <div class='share-bar social'><p>Share on Facebook</p></div>\
            <aside><p>Related: the old ferry.</p></aside>\
            <nav><a href='https://port.example/'>The port's site</a></nav>\
            <p>Advertisement</p>\
            <div class='comments'><p>Read the comments.</p></div>\
            <p class='sr-only'>Screen reader text.</p><span aria-hidden='true'>→</span>\
            <footer><p>Photo: Jane Doe.</p></footer>";
        assert_eq!(
            blocks(&import(html).unwrap()),
            [
                "P:The bridge reopened on Monday after two years of works.",
                "P:Share this",
                "L:The works",
                "L:Traffic this week",
                "P:Share on Facebook",
                "P:Related: the old ferry.",
                "P:The port's site",
                "P:Advertisement",
                "P:Read the comments.",
                "P:Screen reader text.",
                "P:→",
                "P:Photo: Jane Doe.",
            ]
        );
    }

    #[test]
    fn every_kind_of_block_keeps_its_kind() {
        let html = "<p>Lead.</p><h2>Section</h2><p>Text.</p>\
            <blockquote><p>A quotation.</p></blockquote>\
            <ol><li>first</li><li>second</li></ol>\
            <table><tr><th>Year</th><th>Trains</th></tr><tr><td>2026</td><td>12</td></tr></table>\
            <pre>let x = 1;\n  x</pre>\
            <figure><img src='a.jpg'><figcaption>The bridge.</figcaption></figure>\
            <h5>Minor</h5><h1>Another part</h1><p>End.</p>";
        assert_eq!(
            blocks(&import(html).unwrap()),
            [
                "P:Lead.",
                "H2:Section",
                "P:Text.",
                "Q:A quotation.",
                "L:first",
                "L:second",
                "T:Year | Trains",
                "T:2026 | 12",
                "PRE:let x = 1;\n  x",
                "C:The bridge.",
                "S:Minor",
                "H1:Another part",
                "P:End.",
            ]
        );
    }

    #[test]
    fn embedded_posts_are_cards() {
        let html = "<p>Reactions.</p>\
            <blockquote class='twitter-tweet'><p lang='fr'>Mon train est à l’heure.</p>&mdash; Camille (@camille_m) \
            <a href='https://twitter.com/camille_m/status/1875000000000000000'>January 3, 2026</a></blockquote>\
            <blockquote class='bluesky-embed' data-bluesky-uri='at://did:plc:abc/app.bsky.feed.post/3lf2ucfjl3s2x'>\
            <p lang='en'>Open at last.</p>&mdash; Port (<a href='https://bsky.app/profile/port.example'>@port.example</a>) \
            <a href='https://bsky.app/profile/port.example/post/3lf2ucfjl3s2x'>January 5, 2026</a></blockquote>\
            <blockquote class='mastodon-embed' data-embed-url='https://mastodon.social/@anna/113000000000000000/embed'>\
            <a href='https://mastodon.social/@anna/113000000000000000'>Post by @anna@mastodon.social</a></blockquote>";
        let article = import(html).unwrap();
        let posts: Vec<_> = article
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                ImportedBlock::Post(post) => Some(post),
                _ => None,
            })
            .collect();
        let platforms: Vec<PostPlatform> = posts.iter().map(|p| p.platform).collect();
        assert_eq!(
            platforms,
            [
                PostPlatform::X,
                PostPlatform::Bluesky,
                PostPlatform::Mastodon
            ]
        );
        assert_eq!(posts[0].text.as_deref(), Some("Mon train est à l’heure."));
        assert_eq!(posts[0].handle.as_deref(), Some("camille_m"));
        assert_eq!(posts[1].text.as_deref(), Some("Open at last."));
    }

    #[test]
    fn a_broken_embed_with_no_text_and_no_status_link_still_validates() {
        // Found by fuzzing: the card would have had neither text nor url.
        let html = "<p>Lead.</p><blockquote class='twitter-tweet'>&mdash; A (@a) \
            <a href='https://twitter.com/a/374999999999'>January 3, 2026</a></blockquote>";
        let article = import(html).unwrap();
        let raw = crate::import::to_corpus(&[(&article, "item")]);
        let corpus = crate::corpus::validate("item", raw).unwrap();
        let json = crate::import::to_corpus_json(&[(&article, "item")]);
        assert!(crate::corpus::load_bytes("item.json", json.as_bytes()).is_ok());
        assert_eq!(corpus.articles[0].sections[0].blocks.len(), 2);
        assert!(json.contains("A (@a) 2026-01-03"), "{json}");
    }

    #[test]
    fn the_feed_gives_the_metadata_and_the_fragment_cannot_change_it() {
        let html = "<base href='https://evil.example/'><meta name='author' content='Someone else'>\
            <script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"Other\"}</script>\
            <p>See <a href='traffic.html'>the traffic</a>, not <a href='javascript:alert(1)'>this</a>.</p>";
        let article = import(html).unwrap();
        assert_eq!(article.title, "Le pont rouvre");
        assert_eq!(article.date.as_deref(), Some("2026-01-05T08:30:00+00:00"));
        assert_eq!(article.byline.as_deref(), Some("La rédaction"));
        assert_eq!(article.language.as_deref(), Some("fr"));
        assert_eq!(
            article.canonical_url.as_deref(),
            Some("https://news.example/2026/01/05/pont.html")
        );
        let urls: Vec<_> = article
            .sources
            .iter()
            .filter_map(|s| s.url.as_deref())
            .collect();
        assert_eq!(urls, ["https://news.example/2026/01/05/traffic.html"]);
        assert_eq!(
            blocks(&article),
            ["P:See the traffic, not this."],
            "every word kept, the unsafe link's text too"
        );
    }

    #[test]
    fn a_heading_repeating_the_title_is_not_shown_twice_but_nothing_else_goes() {
        let article = import("<h1>Le pont rouvre</h1><p>It does.</p>").unwrap();
        assert_eq!(blocks(&article), ["P:It does."]);
        // Before it, text stays (on a page it would be a kicker, and go).
        let article = import("<p>Kicker.</p><h2>Le pont rouvre</h2><p>It does.</p>").unwrap();
        assert_eq!(
            blocks(&article),
            ["P:Kicker.", "H2:Le pont rouvre", "P:It does."]
        );
    }

    #[test]
    fn markup_opening_with_head_elements_keeps_what_follows() {
        let article = import("<title>x</title><style>p{}</style><p>Kept.</p>").unwrap();
        assert_eq!(blocks(&article), ["P:Kept."]);
    }

    #[test]
    fn only_content_with_no_text_is_refused() {
        for html in [
            "",
            " \n\t",
            "<img src='a.jpg'>",
            "<p> </p><p>\u{200b}</p>",
            "<script>alert(1)</script>",
            "<p hidden>Hidden.</p><p style='display: none'>Gone.</p>",
            "<h1>Le pont rouvre</h1>",
        ] {
            let error = import(html).unwrap_err();
            assert!(
                matches!(error, ImportError::NoText { .. }),
                "{html:?}: {error}"
            );
            assert_eq!(
                error.to_string(),
                "item: no text to read (only markup, pictures or white space)"
            );
        }
        let opts = ImportOptions {
            max_size: 10,
            ..ImportOptions::default()
        };
        assert!(matches!(
            import_fragment("<p>eleven chars</p>", &meta(), &opts),
            Err(ImportError::TooLarge { .. })
        ));
    }

    #[test]
    fn what_reaches_the_corpus_is_sanitised_and_valid() {
        let html = "<p>Bell\u{7} and \u{202e}override\u{202c} and \u{1b}[31mred.</p>";
        let article = import(html).unwrap();
        let raw = crate::import::to_corpus(&[(&article, "item")]);
        let corpus = crate::corpus::validate("item", raw).unwrap();
        for text in corpus.articles[0].texts() {
            let text = corpus.articles[0].text(text).unwrap_or_default();
            assert!(
                !text.chars().any(|c| (c.is_control() && c != '\n')
                    || crate::corpus::sanitize::is_bidi_control(c)),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn every_word_is_kept(paragraphs in proptest::collection::vec(
            proptest::collection::vec("[a-zA-Zéà0-9]{1,12}", 1..8), 1..6),
            tags in proptest::collection::vec(0usize..6, 6))
        {
            let open = ["<p>", "<li>", "<blockquote>", "<h3>", "<div class='share'>", ""];
            let close = ["</p>", "</li>", "</blockquote>", "</h3>", "</div>", "\n\n"];
            let mut html = String::new();
            for (i, words) in paragraphs.iter().enumerate() {
                let t = tags[i % tags.len()];
                html.push_str(open[t]);
                html.push_str(&words.join(" "));
                html.push_str(close[t]);
            }
            let article = import(&html).unwrap();
            let raw = crate::import::to_corpus(&[(&article, "item")]);
            proptest::prop_assert!(crate::corpus::validate("item", raw).is_ok());
            let text = article.text_with(true);
            let mut shown: Vec<&str> = text.split_whitespace().collect();
            shown.sort_unstable();
            let mut given: Vec<&str> = paragraphs.iter().flatten().map(String::as_str).collect();
            given.sort_unstable();
            proptest::prop_assert_eq!(shown, given);
        }
    }
}
