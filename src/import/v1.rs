//! An [`ImportedArticle`] written as format v1 (docs/corpus-format.md), as
//! it is today: what v1 cannot hold yet is mapped without changing a word.
//!
//! - List items, quotations, captions, preformatted text and minor headings
//!   become paragraphs; a table row becomes a paragraph of its cells joined
//!   by " | ".
//! - A post lacking what v1 requires (an author, a handle or a date) keeps
//!   its text as a paragraph citing its account and links; a post without
//!   text (an embed rendered to an iframe) keeps its address as a `link`
//!   source and its account, but no block (v1 has no text-less post yet:
//!   docs/import.md proposes one).
//! - A heading with nothing under it (two headings in a row) becomes a
//!   paragraph at the end of the section before (v1 sections need a block).
//!
//! Every string goes through the loader's sanitiser ([`crate::corpus::sanitize`])
//! and every URL and date through its checks, so the output always passes
//! `depeche --check`.

use std::collections::HashMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::article::{ImportedArticle, ImportedBlock, ImportedPost, PostPlatform, SourceKind};
use crate::corpus::format::{FORMAT_NAME, FORMAT_VERSION};
use crate::corpus::validate as load;
use crate::corpus::{links, sanitize};

#[derive(Debug, Serialize)]
pub struct Corpus {
    pub format: &'static str,
    pub version: u64,
    pub articles: Vec<Article>,
}

#[derive(Debug, Serialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub sections: Vec<Section>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Serialize)]
pub struct Section {
    pub id: String,
    pub heading: Option<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Serialize)]
pub struct Block {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cites: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
pub struct Source {
    pub id: String,
    pub kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

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

fn line(text: &str) -> Option<String> {
    let cleaned = sanitize::line(text);
    let cleaned = cleaned.trim();
    (!cleaned.is_empty()).then(|| cleaned.to_string())
}

fn multiline(text: &str) -> Option<String> {
    let cleaned = sanitize::multiline(text);
    let cleaned = cleaned.trim();
    (!cleaned.is_empty()).then(|| cleaned.to_string())
}

fn url(text: &str) -> Option<String> {
    links::sanitize_url(text).filter(|u| load::is_web_url(u))
}

fn date(text: &str) -> Option<String> {
    load::is_date(text).then(|| text.to_string())
}

fn platform(p: PostPlatform) -> &'static str {
    match p {
        PostPlatform::X => "x",
        PostPlatform::Bluesky => "bluesky",
        PostPlatform::Telegram => "telegram",
        PostPlatform::Mastodon => "mastodon",
        _ => "other",
    }
}

fn source_kind(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Person => "person",
        SourceKind::Organisation => "organisation",
        SourceKind::Outlet => "outlet",
        SourceKind::Account => "account",
        SourceKind::Link => "link",
    }
}

/// The articles as one v1 corpus; `names` gives each article's fallback id (its file name).
pub fn corpus(articles: &[(&ImportedArticle, &str)]) -> Corpus {
    let mut ids = Ids::default();
    Corpus {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        articles: articles
            .iter()
            .map(|(a, name)| article(a, name, &mut ids))
            .collect(),
    }
}

/// The corpus as pretty JSON.
pub fn to_json(articles: &[(&ImportedArticle, &str)]) -> String {
    serde_json::to_string_pretty(&corpus(articles)).expect("plain data serialises")
}

fn article(a: &ImportedArticle, name: &str, article_ids: &mut Ids) -> Article {
    let title = line(&a.title)
        .or_else(|| line(name))
        .unwrap_or_else(|| "untitled".to_string());
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
        sources.push(Source {
            id,
            kind: source_kind(s.kind),
            name,
            description: s.description.as_deref().and_then(line),
            url: s.url.as_deref().and_then(url),
        });
    }
    let cites = |indices: &[usize]| -> Option<Vec<String>> {
        let ids: Vec<String> = indices
            .iter()
            .filter_map(|&i| source_id_of.get(i).cloned().flatten())
            .collect();
        (!ids.is_empty()).then_some(ids)
    };

    let mut section_ids = Ids::default();
    let mut post_ids = Ids::default();
    let mut sections: Vec<Section> = Vec::new();
    for s in &a.sections {
        let mut blocks = Vec::new();
        for b in &s.blocks {
            match b {
                ImportedBlock::Post(post) => {
                    if let Some(block) = post_block(post, &mut post_ids, &cites) {
                        blocks.push(block);
                    }
                }
                // A caption without its picture says little in a terminal; kept for phase 2.
                ImportedBlock::Caption(_) => {}
                other => {
                    let Some(text) = other.text().as_deref().and_then(multiline) else {
                        continue;
                    };
                    blocks.push(paragraph(text, cites(other.cites())));
                }
            }
        }
        let heading = s.heading.as_deref().and_then(line);
        if blocks.is_empty() {
            // A heading with nothing under it: its words go on as a paragraph.
            if let Some(heading) = heading {
                match sections.last_mut() {
                    Some(prev) => prev.blocks.push(paragraph(heading, None)),
                    None => sections.push(Section {
                        id: section_ids.unique("lead".into(), "lead"),
                        heading: None,
                        blocks: vec![paragraph(heading, None)],
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
            id,
            heading,
            blocks,
        });
    }
    if sections.is_empty() {
        // Nothing survived (a page of only control characters): the title says what it was.
        sections.push(Section {
            id: "lead".into(),
            heading: None,
            blocks: vec![paragraph(title.clone(), None)],
        });
    }
    Article {
        id,
        title,
        language: a
            .language
            .as_deref()
            .and_then(line)
            .filter(|l| load::is_language_tag(l)),
        notice: a.notice.as_deref().and_then(line),
        date: a.date.as_deref().and_then(date),
        sections,
        sources,
    }
}

fn paragraph(text: String, cites: Option<Vec<String>>) -> Block {
    Block {
        kind: "paragraph",
        id: None,
        platform: None,
        author: None,
        handle: None,
        date: None,
        text,
        truncated: None,
        url: None,
        links: None,
        cites,
    }
}

fn post_block(
    post: &ImportedPost,
    post_ids: &mut Ids,
    cites: &dyn Fn(&[usize]) -> Option<Vec<String>>,
) -> Option<Block> {
    let text = post.text.as_deref().and_then(multiline)?;
    let handle = post
        .handle
        .as_deref()
        .and_then(|h| line(h.trim_start_matches('@')));
    let author = post
        .author
        .as_deref()
        .and_then(line)
        .or_else(|| handle.as_ref().map(|h| format!("@{h}")));
    let date = post.date.as_deref().and_then(date);
    let (Some(author), Some(handle), Some(date)) = (author, handle, date) else {
        // v1 requires all three: the words stay, as a paragraph.
        return Some(paragraph(text, cites(&post.cites)));
    };
    let id = post_ids.unique(format!("post-{}-{}", slug(&handle), &date[..10]), "post");
    let links: Vec<String> = post.links.iter().filter_map(|l| url(l)).collect();
    Some(Block {
        kind: "post",
        id: Some(id),
        platform: Some(platform(post.platform)),
        author: Some(author),
        handle: Some(handle),
        date: Some(date),
        text,
        truncated: post.truncated.then_some(true),
        url: post.url.as_deref().and_then(url),
        links: (!links.is_empty()).then_some(links),
        cites: cites(&post.cites),
    })
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
    fn ids_are_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a".into(), "x"), "a");
        assert_eq!(ids.unique("a".into(), "x"), "a-2");
        assert_eq!(ids.unique("a-2".into(), "x"), "a-2-2");
        assert_eq!(ids.unique("".into(), "x"), "x");
    }
}
