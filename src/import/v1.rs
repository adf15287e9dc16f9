//! An [`ImportedArticle`] written in the corpus format (docs/corpus-format.md),
//! as [`crate::corpus::format`] values: `depeche import` serialises them,
//! `depeche PAGE` hands them to [`crate::corpus::validate`] (no JSON round
//! trip). Nothing is reworded:
//!
//! - paragraphs, list items, quotations, captions, table rows and
//!   preformatted text become blocks of those types; minor headings (h5,
//!   h6) paragraphs;
//! - a post with its text, author, handle and date is a `post`; one the
//!   page did not include (only its address left) is a `post` with its `url`
//!   and whatever else is known; a post with text but neither a `url` nor
//!   all three of author, handle and date keeps its words as a paragraph
//!   citing its account and links;
//! - a heading with nothing under it (two headings in a row) becomes a
//!   paragraph at the end of the section before (sections need a block).
//!
//! Every string is cleaned with the loader's sanitiser
//! ([`crate::corpus::sanitize`]) first, so that nothing the loader would
//! refuse (a text of only control characters, a bad URL or date) is
//! written: the output always passes validation and `depeche --check`.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::article::{ImportedArticle, ImportedBlock, ImportedPost, PostPlatform, SourceKind};
use crate::corpus::format::{
    self, Article, ArticleAbout, Block, BlockMore, BlockType, Corpus, FORMAT_NAME, FORMAT_VERSION,
    MAX_LIST_DEPTH, Object, Platform, Section, Source, Text,
};
use crate::corpus::validate as load;
use crate::corpus::{links, sanitize};

/// Longest id made from a name (characters), before a `-2` suffix.
const MAX_ID: usize = 60;

/// `text` as an id: lower case, accents off, runs of other characters one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    let mut count = 0;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if count >= MAX_ID {
                // Cut at the last whole word.
                if let Some(end) = out.rfind('-') {
                    out.truncate(end);
                }
                return out;
            }
            if dash && !out.is_empty() {
                out.push('-');
                count += 1;
            }
            dash = false;
            match c {
                'œ' | 'Œ' => out.push_str("oe"),
                'æ' | 'Æ' => out.push_str("ae"),
                'ß' => out.push_str("ss"),
                _ => out.extend(c.to_lowercase()),
            }
            count += 1;
        } else {
            dash = true;
        }
    }
    out
}

/// Unique ids within one scope: `x`, `x-2`, `x-3`… (a hash map: linear).
#[derive(Default)]
struct Ids {
    used: HashMap<String, usize>,
}

impl Ids {
    fn unique(&mut self, base: String, fallback: &str) -> String {
        let base = if base.is_empty() {
            fallback.to_string()
        } else {
            base
        };
        let mut n = *self.used.get(&base).unwrap_or(&0);
        loop {
            n += 1;
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            if !self.used.contains_key(&id) {
                self.used.insert(base.clone(), n);
                self.used.insert(id.clone(), 1);
                return id;
            }
        }
    }
}

fn line(text: &str) -> Option<Text> {
    let cleaned = sanitize::line(text);
    let cleaned = cleaned.trim();
    (!cleaned.is_empty()).then(|| cleaned.into())
}

fn multiline(text: &str) -> Option<Text> {
    let cleaned = sanitize::multiline(text);
    let cleaned = cleaned.trim();
    (!cleaned.is_empty()).then(|| cleaned.into())
}

fn url(text: &str) -> Option<Text> {
    // The one URL policy, the one validation applies.
    links::sanitize_url(text).map(Text::from)
}

fn date(text: &str) -> Option<Text> {
    load::is_date(text).then(|| text.into())
}

fn platform(p: PostPlatform) -> Platform {
    match p {
        PostPlatform::X => Platform::X,
        PostPlatform::Bluesky => Platform::Bluesky,
        PostPlatform::Telegram => Platform::Telegram,
        PostPlatform::Mastodon => Platform::Mastodon,
        PostPlatform::Instagram => Platform::Instagram,
        PostPlatform::TikTok => Platform::TikTok,
        PostPlatform::Facebook => Platform::Facebook,
        PostPlatform::Threads => Platform::Threads,
        PostPlatform::YouTube => Platform::YouTube,
        PostPlatform::Vimeo => Platform::Vimeo,
    }
}

fn source_kind(kind: SourceKind) -> format::SourceKind {
    match kind {
        SourceKind::Person => format::SourceKind::Person,
        SourceKind::Organisation => format::SourceKind::Organisation,
        SourceKind::Outlet => format::SourceKind::Outlet,
        SourceKind::Account => format::SourceKind::Account,
        SourceKind::Link => format::SourceKind::Link,
    }
}

/// The articles as one corpus; `names` gives each article's fallback id (its file name).
pub fn corpus(articles: &[(&ImportedArticle, &str)]) -> Corpus {
    let mut ids = Ids::default();
    Corpus {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        articles: articles
            .iter()
            .map(|(a, name)| Object(article(a, name, &mut ids)))
            .collect(),
    }
}

/// The corpus as pretty JSON.
pub fn to_json(corpus: &Corpus) -> String {
    serde_json::to_string_pretty(corpus).expect("plain data serialises")
}

fn article(a: &ImportedArticle, name: &str, article_ids: &mut Ids) -> Article {
    let title = line(&a.title)
        .or_else(|| line(name))
        .unwrap_or_else(|| "untitled".into());
    let id_base = a
        .canonical_url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| {
            u.path_segments()
                .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(str::to_string))
        })
        .map(|s| slug(s.trim_end_matches(".html").trim_end_matches(".htm")))
        .filter(|s| s.len() >= 8)
        .unwrap_or_else(|| slug(&title));
    let id = article_ids.unique(id_base, "article");

    // Sources first: their ids are what blocks cite.
    let mut source_ids = Ids::default();
    let mut sources = Vec::with_capacity(a.sources.len());
    let mut source_id_of: Vec<Option<String>> = Vec::with_capacity(a.sources.len());
    for s in &a.sources {
        let Some(name) = line(&s.name) else {
            source_id_of.push(None);
            continue;
        };
        let base = match s.kind {
            SourceKind::Link => format!(
                "link-{}",
                slug(
                    s.url
                        .as_deref()
                        .map_or(&name, |u| u.split_once("://").map_or(u, |(_, rest)| rest))
                )
            ),
            SourceKind::Account => format!("account-{}", slug(&name)),
            _ => slug(&name),
        };
        let id = source_ids.unique(base, "source");
        source_id_of.push(Some(id.clone()));
        sources.push(Object(Source {
            id: id.into(),
            kind: source_kind(s.kind),
            name,
            description: s.description.as_deref().and_then(line),
            url: s.url.as_deref().and_then(url),
        }));
    }
    let cites = |indices: &[usize]| -> Option<Vec<Text>> {
        let ids: Vec<Text> = indices
            .iter()
            .filter_map(|&i| Some(source_id_of.get(i)?.as_deref()?.into()))
            .collect();
        (!ids.is_empty()).then_some(ids)
    };

    let mut section_ids = Ids::default();
    let mut post_ids = Ids::default();
    let mut sections: Vec<Section> = Vec::new();
    for s in &a.sections {
        let mut blocks = Vec::new();
        for b in &s.blocks {
            if let Some(block) = block(b, &mut post_ids, &cites) {
                blocks.push(Object(block));
            }
        }
        let heading = s.heading.as_deref().and_then(line);
        if blocks.is_empty() {
            // A heading with nothing under it: its words go on as a paragraph.
            if let Some(heading) = heading {
                let words = Object(text_block(BlockType::Paragraph, heading, None));
                match sections.last_mut() {
                    Some(prev) => prev.blocks.push(words),
                    None => sections.push(Section {
                        id: section_ids.unique("lead".into(), "lead").into(),
                        heading: None,
                        blocks: vec![words],
                    }),
                }
            }
            continue;
        }
        let id = match &heading {
            Some(h) => section_ids.unique(slug(h), "section"),
            None => section_ids.unique("lead".into(), "lead"),
        };
        sections.push(Section {
            id: id.into(),
            heading,
            blocks,
        });
    }
    if sections.is_empty() {
        // Nothing survived (a page of only control characters): the title says what it was.
        sections.push(Section {
            id: "lead".into(),
            heading: None,
            blocks: vec![Object(text_block(
                BlockType::Paragraph,
                title.clone(),
                None,
            ))],
        });
    }
    Article {
        id: id.into(),
        title,
        about: ArticleAbout {
            language: a
                .language
                .as_deref()
                .and_then(line)
                .filter(|l| load::is_language_tag(l)),
            notice: a.notice.as_deref().and_then(line),
            date: a.date.as_deref().and_then(date),
            url: a.canonical_url.as_deref().and_then(url),
            byline: a.byline.as_deref().and_then(line),
        }
        .boxed(),
        sections: sections.into_iter().map(Object).collect(),
        sources,
    }
}

/// One block of the page in the format; `None` when nothing of it is left
/// to show (text of only control characters, a post with neither text nor
/// address).
fn block(
    b: &ImportedBlock,
    post_ids: &mut Ids,
    cites: &dyn Fn(&[usize]) -> Option<Vec<Text>>,
) -> Option<Block> {
    let text = |kind: BlockType, t: &super::article::TextBlock| {
        let text = if kind == BlockType::Code {
            // Preformatted text keeps its spaces: only the ends are trimmed of blank lines.
            sanitize::multiline(&t.text)
                .trim_matches('\n')
                .trim_end()
                .into()
        } else {
            multiline(&t.text)?
        };
        (!text.trim().is_empty()).then(|| text_block(kind, text, cites(&t.cites)))
    };
    match b {
        ImportedBlock::Paragraph(t) | ImportedBlock::Subheading(t) => text(BlockType::Paragraph, t),
        ImportedBlock::Quote(t) => text(BlockType::Quote, t),
        ImportedBlock::Caption(t) => text(BlockType::Caption, t),
        ImportedBlock::Preformatted(t) => text(BlockType::Code, t),
        ImportedBlock::ListItem {
            block,
            ordered,
            depth,
        } => {
            let mut item = text(BlockType::ListItem, block)?;
            let depth = u64::from(*depth).clamp(1, MAX_LIST_DEPTH);
            let (ordered, depth) = (ordered.then_some(true), (depth > 1).then_some(depth));
            if ordered.is_some() || depth.is_some() {
                item.more = Some(Box::new(BlockMore {
                    ordered,
                    depth,
                    ..BlockMore::default()
                }));
            }
            Some(item)
        }
        ImportedBlock::TableRow {
            cells,
            header,
            cites: row_cites,
        } => {
            let cells: Vec<Text> = cells.iter().map(|c| line(c).unwrap_or_default()).collect();
            if cells.iter().all(|c| c.is_empty()) {
                return None;
            }
            Some(Block {
                kind: BlockType::TableRow,
                cites: cites(row_cites),
                more: Some(Box::new(BlockMore {
                    cells: Some(cells),
                    header: header.then_some(true),
                    ..BlockMore::default()
                })),
                ..Block::default()
            })
        }
        ImportedBlock::Post(post) => post_block(post, post_ids, cites),
    }
}

fn text_block(kind: BlockType, text: Text, cites: Option<Vec<Text>>) -> Block {
    Block {
        kind,
        text: Some(text),
        cites,
        ..Block::default()
    }
}

fn post_block(
    post: &ImportedPost,
    post_ids: &mut Ids,
    cites: &dyn Fn(&[usize]) -> Option<Vec<Text>>,
) -> Option<Block> {
    let text = post.text.as_deref().and_then(multiline);
    let handle = post
        .handle
        .as_deref()
        .and_then(|h| line(h.trim_start_matches('@')));
    let author = post.author.as_deref().and_then(line);
    let date = post.date.as_deref().and_then(date);
    let address = post.url.as_deref().and_then(url);
    let complete = author.is_some() && handle.is_some() && date.is_some();
    if address.is_none() && text.is_none() {
        // A broken embed: nothing to read, nothing to open (the format
        // needs one). What it names stays, as a paragraph.
        let named: Vec<String> = [
            author.map(String::from),
            handle.map(|h| format!("(@{h})")),
            post.date_text
                .as_deref()
                .and_then(line)
                .or(date)
                .map(String::from),
        ]
        .into_iter()
        .flatten()
        .collect();
        return (!named.is_empty()).then(|| {
            text_block(
                BlockType::Paragraph,
                named.join(" ").into(),
                cites(&post.cites),
            )
        });
    }
    if address.is_none() && !complete {
        // Neither a whole post nor an address to open: the words stay, as a paragraph.
        return Some(text_block(BlockType::Paragraph, text?, cites(&post.cites)));
    }
    let id_base = match (&handle, &date) {
        (Some(handle), Some(date)) => format!("post-{}-{}", slug(handle), &date[..10]),
        _ => format!(
            "post-{}-{}",
            slug(platform_name(post.platform)),
            address.as_deref().map(last_segment).unwrap_or_default()
        ),
    };
    let id = post_ids.unique(id_base, "post");
    let links: Vec<Text> = post.links.iter().filter_map(|l| url(l)).collect();
    Some(Block {
        kind: BlockType::Post,
        cites: cites(&post.cites),
        more: Some(Box::new(BlockMore {
            id: Some(id.into()),
            platform: Some(platform(post.platform)),
            author,
            handle,
            date,
            title: post.title.as_deref().and_then(line),
            truncated: (post.truncated && text.is_some()).then_some(true),
            url: address,
            links: (!links.is_empty()).then_some(links),
            ..BlockMore::default()
        })),
        text,
    })
}

fn platform_name(p: PostPlatform) -> &'static str {
    p.name()
}

/// What names a post in its address, as an id part: a video's `v`
/// parameter (`watch?v=…`), else the path's last segment.
fn last_segment(address: &str) -> String {
    let Ok(parsed) = url::Url::parse(address) else {
        return String::new();
    };
    let segment = parsed
        .query_pairs()
        .find(|(k, _)| k == "v")
        .map(|(_, v)| v.into_owned())
        .or_else(|| {
            parsed
                .path_segments()?
                .rfind(|s| !s.is_empty() && *s != "embed")
                .map(str::to_string)
        })
        .unwrap_or_default();
    slug(&segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(
            slug("L’épineuse question des territoires"),
            "l-epineuse-question-des-territoires"
        );
        assert_eq!(slug("  Володимир  "), "володимир");
        assert_eq!(slug("!!!"), "");
        assert!(slug(&"a".repeat(1000)).len() <= MAX_ID);
    }

    #[test]
    fn a_post_with_no_text_and_no_address_keeps_what_it_names_as_a_paragraph() {
        // Found by fuzzing the fragment mode: a tweet embed with an
        // attribution line, no <p> and no status link; the format needs a
        // post's text or its url.
        let mut post = ImportedPost::new(PostPlatform::X);
        post.author = Some("A".into());
        post.handle = Some("a".into());
        post.date = Some("2026-01-03".into());
        let mut ids = Ids::default();
        let block = post_block(&post, &mut ids, &|_| None).unwrap();
        assert_eq!(block.kind, BlockType::Paragraph);
        assert_eq!(block.text.as_deref(), Some("A (@a) 2026-01-03"));
        let empty = ImportedPost::new(PostPlatform::X);
        assert!(post_block(&empty, &mut ids, &|_| None).is_none());
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a".into(), "x"), "a");
        assert_eq!(ids.unique("a".into(), "x"), "a-2");
        assert_eq!(ids.unique("a-2".into(), "x"), "a-2-2");
        assert_eq!(ids.unique("".into(), "x"), "x");
    }
}
