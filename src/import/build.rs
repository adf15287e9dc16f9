//! From the chosen blocks to an [`ImportedArticle`]: sections from the
//! headings, blocks of each kind, the notice, and the sources (the outlet,
//! the authors and publisher the page states, every link of the body
//! deduplicated by URL, every post's account), cited by the blocks that
//! hold them.

use std::collections::{HashMap, HashSet};

use super::article::{
    ImportedArticle, ImportedBlock, ImportedPost, ImportedSection, ImportedSource, PostPlatform,
    SourceKind, TextBlock,
};
use super::blocks::{RawBlock, RawKind, RawLink};
use super::metadata::Metadata;
use super::urls::{self, Resolver};

/// Sources of one article, deduplicated by URL (a hash map: linear in links).
#[derive(Default)]
pub struct Sources {
    pub list: Vec<ImportedSource>,
    by_url: HashMap<String, usize>,
    by_name: HashMap<(u8, String), usize>,
}

fn kind_key(kind: SourceKind) -> u8 {
    kind as u8
}

impl Sources {
    /// The index of the source at `url`, added if new.
    fn link(&mut self, url: &str, text: &str) -> usize {
        if let Some(&i) = self.by_url.get(url) {
            // A later link with a text names a source first seen with none.
            if self.list[i].kind == SourceKind::Link
                && self.list[i].name == urls::domain(url).unwrap_or_default()
                && let Some(name) = link_name(text, url)
                && name != self.list[i].name
                && !looks_like_url(text)
            {
                self.list[i].name = name;
            }
            return i;
        }
        let name = link_name(text, url).unwrap_or_else(|| url.to_string());
        self.push(ImportedSource {
            kind: SourceKind::Link,
            name,
            description: None,
            url: Some(url.to_string()),
        })
    }

    fn push(&mut self, source: ImportedSource) -> usize {
        let i = self.list.len();
        if let Some(url) = &source.url {
            self.by_url.entry(url.clone()).or_insert(i);
        }
        self.by_name
            .entry((kind_key(source.kind), source.name.to_lowercase()))
            .or_insert(i);
        self.list.push(source);
        i
    }

    /// A named party (person, organisation, outlet, account): one per URL, else per name and kind.
    fn party(
        &mut self,
        kind: SourceKind,
        name: &str,
        url: Option<&str>,
        description: Option<String>,
    ) -> usize {
        if let Some(url) = url
            && let Some(&i) = self.by_url.get(url)
        {
            return i;
        }
        if let Some(&i) = self.by_name.get(&(kind_key(kind), name.to_lowercase())) {
            return i;
        }
        self.push(ImportedSource {
            kind,
            name: name.to_string(),
            description,
            url: url.map(str::to_string),
        })
    }
}

fn looks_like_url(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

/// A link's name: its text when it says something (not "here", not empty), else its domain.
fn link_name(text: &str, url: &str) -> Option<String> {
    let text = super::dom::collapse_whitespace(text);
    let words = text.split_whitespace().count();
    if !text.is_empty() && text.chars().count() <= 200 && (words >= 2 || text.chars().count() >= 4)
    {
        return Some(text);
    }
    urls::domain(url)
}

/// A post's account: its profile URL on its platform.
fn profile_url(post: &ImportedPost) -> Option<String> {
    let handle = post.handle.as_deref()?;
    let url = match post.platform {
        PostPlatform::X => format!("https://x.com/{handle}"),
        PostPlatform::Bluesky => format!("https://bsky.app/profile/{handle}"),
        PostPlatform::Mastodon => {
            let (user, host) = handle.split_once('@')?;
            format!("https://{host}/@{user}")
        }
        PostPlatform::Telegram => format!("https://t.me/{handle}"),
        PostPlatform::Instagram => format!("https://www.instagram.com/{handle}/"),
        PostPlatform::TikTok => format!("https://www.tiktok.com/@{handle}"),
        PostPlatform::Threads => format!("https://www.threads.net/@{handle}"),
        PostPlatform::Facebook => format!("https://www.facebook.com/{handle}"),
        PostPlatform::YouTube | PostPlatform::Vimeo => return None,
    };
    crate::corpus::links::sanitize_url(&url)
}

/// A mention's profile address without tracking (`twitter.com/X?ref_src=…` → `https://x.com/X`).
fn mention_profile(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed
        .host_str()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    let first = parsed.path_segments()?.find(|s| !s.is_empty())?.to_string();
    match host.as_str() {
        "twitter.com" | "x.com" | "mobile.twitter.com" => {
            crate::corpus::links::sanitize_url(&format!("https://x.com/{first}"))
        }
        _ => {
            let mut clean = parsed.clone();
            clean.set_query(None);
            clean.set_fragment(None);
            crate::corpus::links::sanitize_url(clean.as_str())
        }
    }
}

/// Puts a cell's text in its column: the empty cells before it stay empty
/// (a gap is filled at most [`MAX_CELL_GAP`] cells, whatever `colspan`s
/// say); a second block of the same cell follows the first.
fn put_cell(cells: &mut Vec<String>, column: u32, text: &str) {
    let column = (column as usize).min(cells.len() + MAX_CELL_GAP);
    if column >= cells.len() {
        cells.resize(column + 1, String::new());
    }
    let cell = &mut cells[column];
    if !cell.is_empty() {
        cell.push(' ');
    }
    cell.push_str(text);
}

/// The most empty cells put before a cell.
const MAX_CELL_GAP: usize = 16;

/// What the blocks given to [`build`] are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    /// Chosen from a page by the extraction: blocks before the article's
    /// own title heading (kicker, breadcrumbs) are the page's, and go.
    Extracted,
    /// The article itself (a feed's content or summary): every block is
    /// kept; only a heading opening it that repeats the title is not shown
    /// twice.
    Whole,
}

/// Builds the article from the chosen blocks.
pub fn build(
    meta: &Metadata,
    blocks: Vec<RawBlock>,
    notice: Option<String>,
    resolver: &Resolver,
    title_fallback: &str,
    given: Given,
) -> ImportedArticle {
    let mut sources = Sources::default();
    // The outlet first, then who the page says wrote and published it.
    let outlet_url = meta
        .canonical_url
        .as_deref()
        .or(resolver.base().map(|u| u.as_str()))
        .and_then(|u| url::Url::parse(u).ok())
        .map(|u| format!("{}://{}/", u.scheme(), u.host_str().unwrap_or_default()))
        .and_then(|u| crate::corpus::links::sanitize_url(&u));
    let outlet_name = meta
        .site_name
        .clone()
        .or_else(|| meta.publisher.as_ref().map(|p| p.name.clone()));
    if let Some(name) = &outlet_name {
        sources.party(SourceKind::Outlet, name, outlet_url.as_deref(), None);
    }
    for author in &meta.authors {
        let kind = if author.organisation {
            SourceKind::Organisation
        } else {
            SourceKind::Person
        };
        sources.party(kind, &author.name, author.url.as_deref(), None);
    }
    if let Some(publisher) = &meta.publisher
        && outlet_name.as_deref() != Some(publisher.name.as_str())
    {
        sources.party(
            SourceKind::Organisation,
            &publisher.name,
            publisher.url.as_deref(),
            None,
        );
    }

    let title = meta.title.clone().unwrap_or_default();
    let mut sections: Vec<ImportedSection> = vec![ImportedSection::default()];
    let mut title_seen = false;
    let mut pending_row: Option<(u32, Vec<String>, bool, Vec<usize>)> = None;
    let mut text_before_title = 0usize;
    let mut notice = notice;

    let flush_row = |row: &mut Option<(u32, Vec<String>, bool, Vec<usize>)>,
                     sections: &mut Vec<ImportedSection>| {
        if let Some((_, cells, header, cites)) = row.take() {
            let section = sections.last_mut().expect("one section at least");
            section.blocks.push(ImportedBlock::TableRow {
                cells,
                header,
                cites,
            });
        }
    };

    for block in blocks {
        let cites = cite_links(&mut sources, &block.links, resolver);
        if !matches!(block.kind, RawKind::Cell { .. }) {
            flush_row(&mut pending_row, &mut sections);
        }
        match block.kind {
            RawKind::Heading(level) => {
                let text = block.text.replace('\n', " ");
                if given == Given::Whole {
                    let opens = sections.len() == 1 && sections[0].blocks.is_empty();
                    if !title_seen && opens && same(&text, &title) {
                        // The title, repeated at the top of the content.
                        title_seen = true;
                        continue;
                    }
                } else if !title_seen && (level == 1 || same(&text, &title)) {
                    // The article's own title: shown as the title, not again as a heading.
                    title_seen = true;
                    if same(&text, &title) || title.is_empty() {
                        // What came before the title (kicker, breadcrumbs) is not the article,
                        // except a notice about it.
                        let before: Vec<ImportedBlock> = std::mem::take(&mut sections[0].blocks);
                        if sections.len() == 1 && text_before_title < 400 {
                            if notice.is_none() {
                                notice = before.iter().rev().find_map(as_notice);
                            }
                        } else {
                            sections[0].blocks = before;
                        }
                        continue;
                    }
                }
                match level {
                    1..=4 => sections.push(ImportedSection {
                        heading: Some(text),
                        level,
                        blocks: Vec::new(),
                    }),
                    _ => push(
                        &mut sections,
                        ImportedBlock::Subheading(TextBlock { text, cites }),
                    ),
                }
            }
            RawKind::Post(post) => {
                let mut post = *post;
                let mut cites = Vec::new();
                if let Some(url) = profile_url(&post) {
                    let name = post
                        .author
                        .clone()
                        .or_else(|| post.handle.as_ref().map(|h| format!("@{h}")))
                        .unwrap_or_else(|| url.clone());
                    let description = post
                        .handle
                        .as_ref()
                        .map(|h| format!("{} account @{h}", post.platform.name()));
                    cites.push(sources.party(SourceKind::Account, &name, Some(&url), description));
                }
                for (shown, url) in &post.mentions {
                    // A mention links to the account's profile: the account is a source too.
                    let profile = mention_profile(url).unwrap_or_else(|| url.clone());
                    cites.push(sources.party(SourceKind::Account, shown, Some(&profile), None));
                }
                for link in &post.links {
                    // A post's link shows as its address: named by it, as the post shows it.
                    let shown = link
                        .split_once("://")
                        .map_or(link.as_str(), |(_, rest)| rest);
                    cites.push(sources.link(link, shown.trim_end_matches('/')));
                }
                if post.text.is_none()
                    && let Some(url) = &post.url
                {
                    // The post is not in the page: its address is what the reader can follow.
                    let name = post.title.clone().unwrap_or_else(|| match &post.handle {
                        Some(handle) => format!("{} post by @{handle}", post.platform.name()),
                        None => format!("{} post", post.platform.name()),
                    });
                    cites.push(sources.link(url, &name));
                }
                post.cites = cites;
                push(&mut sections, ImportedBlock::Post(post));
            }
            RawKind::Cell {
                row,
                column,
                header,
            } => {
                if pending_row.as_ref().is_none_or(|(r, ..)| *r != row) {
                    flush_row(&mut pending_row, &mut sections);
                    pending_row = Some((row, Vec::new(), header, Vec::new()));
                }
                if let Some((_, cells, all_header, row_cites)) = &mut pending_row {
                    put_cell(cells, column, &block.text.replace('\n', " "));
                    *all_header &= header;
                    row_cites.extend(cites);
                }
            }
            kind => {
                if !title_seen {
                    text_before_title += block.text.len();
                }
                if notice.as_deref() == Some(block.text.as_str()) {
                    continue;
                }
                let text = TextBlock {
                    text: block.text,
                    cites,
                };
                let out = match kind {
                    RawKind::ListItem { ordered, depth } => ImportedBlock::ListItem {
                        block: text,
                        ordered,
                        depth,
                    },
                    RawKind::Quote => ImportedBlock::Quote(text),
                    RawKind::Caption => ImportedBlock::Caption(text),
                    RawKind::Pre => ImportedBlock::Preformatted(text),
                    _ => ImportedBlock::Paragraph(text),
                };
                push(&mut sections, out);
            }
        }
    }
    flush_row(&mut pending_row, &mut sections);
    for section in &mut sections {
        for block in &mut section.blocks {
            // Each source once per block, in first-cited order (a set: linear in cites).
            let cites = match block {
                ImportedBlock::TableRow { cites, .. } => cites,
                ImportedBlock::Post(post) => &mut post.cites,
                _ => continue,
            };
            let mut seen = HashSet::new();
            cites.retain(|c| seen.insert(*c));
        }
    }
    if sections.len() > 1 && sections[0].blocks.is_empty() {
        sections.remove(0);
    }
    let title = if title.is_empty() {
        meta.document_title
            .clone()
            .or_else(|| sections.iter().find_map(|s| s.heading.clone()))
            .or_else(|| meta.site_name.clone())
            .unwrap_or_else(|| title_fallback.to_string())
    } else {
        title
    };
    ImportedArticle {
        title,
        language: meta.language.clone(),
        notice,
        date: meta.date.clone(),
        date_text: meta.date_text.clone(),
        site_name: outlet_name,
        canonical_url: meta.canonical_url.clone(),
        byline: meta.byline.clone(),
        sections,
        sources: sources.list,
        warnings: Vec::new(),
    }
}

fn push(sections: &mut [ImportedSection], block: ImportedBlock) {
    if let Some(section) = sections.last_mut() {
        section.blocks.push(block);
    }
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// A short sentence before the title, with no link: a notice about the article.
fn as_notice(block: &ImportedBlock) -> Option<String> {
    let (text, cites) = match block {
        ImportedBlock::Paragraph(b) | ImportedBlock::ListItem { block: b, .. } => {
            (&b.text, &b.cites)
        }
        _ => return None,
    };
    (cites.is_empty() && is_notice_text(text)).then(|| text.clone())
}

fn is_notice_text(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (2..=15).contains(&words) && text.ends_with(['.', '!']) && !text.contains('\n')
}

/// The notice the page shows right before the article's title (within the
/// three blocks before it, with no link): "Cet évènement est passé.",
/// "This article is more than 5 years old."
pub fn find_notice(blocks: &[RawBlock], title: &str) -> Option<String> {
    let at = blocks
        .iter()
        .position(|b| matches!(b.kind, RawKind::Heading(1)) && same(&b.text, title))?;
    blocks[at.saturating_sub(3)..at]
        .iter()
        .rev()
        .find(|b| {
            matches!(b.kind, RawKind::Paragraph | RawKind::ListItem { .. })
                && b.link_chars == 0
                && is_notice_text(&b.text)
        })
        .map(|b| b.text.clone())
}

/// The sources of a block's links (deduplicated within the block with a set).
fn cite_links(sources: &mut Sources, links: &[RawLink], resolver: &Resolver) -> Vec<usize> {
    let mut cites = Vec::new();
    let mut seen = HashSet::new();
    for link in links {
        if resolver.is_same_page(&link.url) {
            continue;
        }
        let i = sources.link(&link.url, &link.text);
        if seen.insert(i) {
            cites.push(i);
        }
    }
    cites
}
