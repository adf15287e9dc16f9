//! Importing web pages as depeche articles (docs/import.md).
//!
//! bytes → [`charset`] (encoding) → [`dom`] (html5ever tree) →
//! [`metadata`] (title, date, language, outlet, JSON-LD) → [`blocks`]
//! (the page cut into text blocks, embeds recognised by [`embeds`]) →
//! [`extract`] (the article's blocks) → [`build`] (sections, sources) →
//! [`ImportedArticle`] → [`v1`] (format v1 JSON, which the loader accepts).
//! HTML that is the article already (a feed's content or summary) skips
//! the extraction: [`fragment`] keeps every block.
//!
//! Costs are linear in the page: one parse, one walk, one pass of sums;
//! links and ids are deduplicated with hash maps; the parse stops at a node
//! budget proportional to the page (see [`dom`]).

pub mod article;
pub mod blocks;
pub mod build;
pub mod charset;
pub mod dates;
pub mod dom;
pub mod embeds;
pub mod extract;
pub mod fragment;
pub mod hints;
pub mod metadata;
pub mod open;
pub mod urls;
pub mod v1;

use std::fmt;

pub use article::{
    ImportedArticle, ImportedBlock, ImportedPost, ImportedSection, ImportedSource, PostPlatform,
    SourceKind, TextBlock,
};
pub use charset::{Sniffed, is_html, sniff};
pub use fragment::{FragmentMeta, import_fragment};
pub use open::{OpenError, OpenOptions, Opened, open_bytes, open_file};

use crate::corpus::sanitize;

/// The size cap for a page when none is given: 64 MiB (the largest news
/// pages are a few megabytes; the import needs about 10× the page in memory).
pub const DEFAULT_MAX_PAGE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// What the page is called in messages (its file name, `-` for stdin).
    pub name: String,
    /// The page's address, for relative links when it has no `<base>` or canonical URL.
    pub base_url: Option<String>,
    /// Pages larger than this are refused.
    pub max_size: u64,
    /// The charset the transport declared (an HTTP `Content-Type`), if any.
    pub charset: Option<String>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            name: "<page>".to_string(),
            base_url: None,
            max_size: DEFAULT_MAX_PAGE_SIZE,
            charset: None,
        }
    }
}

/// Why a page could not be imported. `Display` names the page and says what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        name: String,
        size: u64,
        max: u64,
    },
    /// No bytes, only white space, or HTML with no text at all.
    Empty {
        name: String,
        what: &'static str,
    },
    NotHtml {
        name: String,
        found: &'static str,
    },
    /// HTML with text, but nothing that reads as an article; `found` says what there is.
    NoArticle {
        name: String,
        found: String,
    },
    /// HTML given as the article ([`import_fragment`]: a feed's content or
    /// summary) with no text in it (only markup, pictures, white space).
    NoText {
        name: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { name, size, max } => write!(
                f,
                "{}: the page is {size} bytes, over the size cap of {max} bytes; raise it with --max-size",
                sanitize::for_message(name)
            ),
            ImportError::Empty { name, what } => {
                write!(
                    f,
                    "{}: the page is empty: {what}",
                    sanitize::for_message(name)
                )
            }
            ImportError::NotHtml { name, found } => write!(
                f,
                "{}: not an HTML page: found {found}",
                sanitize::for_message(name)
            ),
            ImportError::NoArticle { name, found } => write!(
                f,
                "{}: no article found in the page: {found}",
                sanitize::for_message(name)
            ),
            ImportError::NoText { name } => write!(
                f,
                "{}: no text to read (only markup, pictures or white space)",
                sanitize::for_message(name)
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports one page.
pub fn import_page(bytes: &[u8], opts: &ImportOptions) -> Result<ImportedArticle, ImportError> {
    let name = || opts.name.clone();
    if bytes.len() as u64 > opts.max_size {
        return Err(ImportError::TooLarge {
            name: name(),
            size: bytes.len() as u64,
            max: opts.max_size,
        });
    }
    match sniff(bytes) {
        Sniffed::Html => {}
        Sniffed::Empty => {
            return Err(ImportError::Empty {
                name: name(),
                what: "no bytes at all",
            });
        }
        Sniffed::Blank => {
            return Err(ImportError::Empty {
                name: name(),
                what: "only white space",
            });
        }
        other => {
            return Err(ImportError::NotHtml {
                name: name(),
                found: other.describe(),
            });
        }
    }
    let decoded = charset::decode(bytes, opts.charset.as_deref());
    let dom = dom::Dom::parse(&decoded.text);
    let mut warnings = Vec::new();
    if decoded.replaced {
        warnings.push(format!(
            "some bytes were not valid {} and were replaced with U+FFFD",
            decoded.encoding
        ));
    }
    warnings.extend(dom.warnings("the page"));
    let meta = metadata::read(&dom, opts.base_url.as_deref());
    let base = meta
        .base_url
        .clone()
        .or_else(|| meta.canonical_url.clone())
        .or_else(|| opts.base_url.clone());
    let resolver = urls::Resolver::new(base.as_deref());
    let segmented = blocks::segment(&dom, &resolver);
    if segmented.blocks.is_empty() {
        return Err(ImportError::Empty {
            name: name(),
            what: "an HTML page with no text",
        });
    }
    let Some(selection) =
        extract::select(&dom, &segmented, meta.article_body.as_deref(), &resolver)
    else {
        return Err(ImportError::NoArticle {
            name: name(),
            found: describe_page(&meta, &segmented.blocks),
        });
    };
    let notice = meta
        .title
        .as_deref()
        .and_then(|title| build::find_notice(&segmented.blocks, title));
    let mut all = segmented.blocks;
    let chosen: Vec<blocks::RawBlock> = selection
        .blocks
        .iter()
        .map(|&i| std::mem::replace(&mut all[i], placeholder()))
        .collect();
    drop(all);
    let mut article = build::build(
        &meta,
        chosen,
        notice,
        &resolver,
        &opts.name,
        build::Given::Extracted,
    );
    article.warnings = warnings;
    Ok(article)
}

fn placeholder() -> blocks::RawBlock {
    blocks::RawBlock {
        kind: blocks::RawKind::Paragraph,
        owner: dom::ROOT,
        text: String::new(),
        chars: 0,
        link_chars: 0,
        lead_link_words: 0,
        links: Vec::new(),
        hints: blocks::TOP,
        structural: blocks::TOP,
    }
}

/// "the title “Login”, 12 blocks of text, 85 words in all, 70% of them in links".
fn describe_page(meta: &metadata::Metadata, blocks: &[blocks::RawBlock]) -> String {
    let words: usize = blocks
        .iter()
        .map(|b| b.text.split_whitespace().count())
        .sum();
    let chars: u64 = blocks.iter().map(|b| b.chars as u64).sum();
    let links: u64 = blocks.iter().map(|b| b.link_chars as u64).sum();
    let title = meta
        .title
        .as_deref()
        .or(meta.document_title.as_deref())
        .map(|t| format!("the title “{}”, ", sanitize::for_message(t)))
        .unwrap_or_else(|| "no title, ".to_string());
    let longest = blocks
        .iter()
        .map(|b| b.text.split_whitespace().count())
        .max()
        .unwrap_or(0);
    format!(
        "{title}{} block{} of text, {words} word{} in all ({}% in links), the longest block {longest} word{}",
        blocks.len(),
        if blocks.len() == 1 { "" } else { "s" },
        if words == 1 { "" } else { "s" },
        (links * 100).checked_div(chars).unwrap_or(0),
        if longest == 1 { "" } else { "s" },
    )
}

impl ImportedArticle {
    /// The text of the article, in order: headings, paragraphs (and the
    /// other text blocks), post texts; one block a line group; captions
    /// left out. This is what the extraction benchmark scores (its
    /// annotators left captions out too; [`ImportedArticle::text_with`]
    /// measures with them).
    pub fn shown_text(&self) -> String {
        self.text_with(false)
    }

    /// [`ImportedArticle::shown_text`], with the captions when `captions`
    /// (the reader shows them, dimmed).
    pub fn text_with(&self, captions: bool) -> String {
        let mut out = String::new();
        for section in &self.sections {
            if let Some(heading) = &section.heading {
                out.push_str(heading);
                out.push_str("\n\n");
            }
            for block in &section.blocks {
                if let (ImportedBlock::Caption(_), false) = (block, captions) {
                    continue;
                }
                if let Some(text) = block.text() {
                    out.push_str(&text);
                    out.push_str("\n\n");
                }
            }
        }
        out
    }

    /// Counts for a summary line: sections, blocks, posts, sources.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let blocks: usize = self.sections.iter().map(|s| s.blocks.len()).sum();
        let posts = self
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter(|b| matches!(b, ImportedBlock::Post(_)))
            .count();
        (self.sections.len(), blocks, posts, self.sources.len())
    }
}

/// The articles as one corpus in the format's raw types, ready for
/// [`crate::corpus::validate`] or [`to_json`]; each comes with its page's
/// name (used only when a page gives no title).
pub fn to_corpus(articles: &[(&ImportedArticle, &str)]) -> crate::corpus::format::Corpus {
    v1::corpus(articles)
}

/// A corpus as pretty JSON, as `depeche import` writes it.
pub fn to_json(corpus: &crate::corpus::format::Corpus) -> String {
    v1::to_json(corpus)
}

/// The articles as one corpus in JSON (see [`to_corpus`]).
pub fn to_corpus_json(articles: &[(&ImportedArticle, &str)]) -> String {
    to_json(&to_corpus(articles))
}
