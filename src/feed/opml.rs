//! OPML, the subscription list every feed reader exchanges, read and written
//! with the `opml` crate. Nested outlines (folders) are flattened: depeche
//! keeps one list of feeds, and each keeps the folder it came from as its
//! category.

use std::collections::{HashMap, HashSet};

use super::FeedError;
use crate::corpus::sanitize;

/// One subscription read from or written to OPML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// The feed's URL (`xmlUrl`).
    pub url: String,
    pub title: Option<String>,
    /// The site's URL (`htmlUrl`).
    pub site_url: Option<String>,
    /// The outline folder it was in, if any (`Folder/Sub`).
    pub category: Option<String>,
}

/// The deepest outline nesting read; the opml crate recurses per level.
const MAX_DEPTH: usize = 64;
/// The largest OPML document read.
pub const MAX_SIZE: u64 = 16 << 20;

/// Reads the subscriptions of an OPML document, in order, without duplicate
/// URLs. Outlines without `xmlUrl` are folders; their children are read.
pub fn import(bytes: &[u8]) -> Result<Vec<Subscription>, FeedError> {
    if bytes.len() as u64 > MAX_SIZE {
        return Err(FeedError::TooLarge {
            size: bytes.len() as u64,
            max: MAX_SIZE,
        });
    }
    let decoded = crate::net::decode_text(bytes, None, Some("text/x-opml+xml"));
    let text = super::utf8_declaration(decoded.text.trim_start_matches('\u{feff}').trim_start());
    if text.is_empty() {
        return Err(FeedError::Empty);
    }
    // The same guard as feeds: no entity declarations, bounded depth, and
    // malformed XML reported with its position.
    super::check_xml(&text, MAX_DEPTH + 3)?;
    let document = opml::OPML::from_str(&text).map_err(|e| FeedError::Malformed {
        reason: format!("not an OPML subscription list: {e}"),
    })?;
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    collect(&document.body.outlines, None, &mut found, &mut seen);
    Ok(found)
}

fn collect(
    outlines: &[opml::Outline],
    folder: Option<&str>,
    found: &mut Vec<Subscription>,
    seen: &mut HashSet<String>,
) {
    let clean = |s: Option<&str>| {
        s.map(|t| sanitize::line(t.trim()).into_owned())
            .filter(|t| !t.is_empty())
    };
    for outline in outlines {
        let title = clean(outline.title.as_deref()).or_else(|| clean(Some(&outline.text)));
        match outline
            .xml_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            Some(url) => {
                if seen.insert(url.to_string()) {
                    found.push(Subscription {
                        url: url.to_string(),
                        title,
                        site_url: clean(outline.html_url.as_deref()),
                        category: folder.map(str::to_string),
                    });
                }
            }
            None => {
                let name = title.unwrap_or_default();
                let path = match folder {
                    Some(parent) => format!("{parent}/{name}"),
                    None => name,
                };
                collect(&outline.outlines, Some(&path), found, seen);
            }
        }
    }
}

/// Outlines being built for export: feeds and folders in first-seen order,
/// folders found by name in constant time.
#[derive(Default)]
struct Folder {
    outlines: Vec<opml::Outline>,
    /// Index in `outlines` of each sub-folder, and its own contents.
    folders: HashMap<String, (usize, Folder)>,
}

impl Folder {
    fn into_outlines(mut self) -> Vec<opml::Outline> {
        for (_, (index, folder)) in self.folders.drain() {
            self.outlines[index].outlines = folder.into_outlines();
        }
        self.outlines
    }
}

/// Writes an OPML 2.0 document listing `subscriptions`, folders as nested outlines.
pub fn export(subscriptions: &[Subscription]) -> Result<String, FeedError> {
    let mut document = opml::OPML {
        version: "2.0".to_string(),
        head: Some(opml::Head {
            title: Some("depeche subscriptions".to_string()),
            ..opml::Head::default()
        }),
        ..opml::OPML::default()
    };
    let mut root = Folder::default();
    for subscription in subscriptions {
        let outline = opml::Outline {
            text: subscription
                .title
                .clone()
                .unwrap_or_else(|| subscription.url.clone()),
            title: subscription.title.clone(),
            r#type: Some("rss".to_string()),
            xml_url: Some(subscription.url.clone()),
            html_url: subscription.site_url.clone(),
            ..opml::Outline::default()
        };
        let mut folder = &mut root;
        for name in subscription.category.iter().flat_map(|c| c.split('/')) {
            let next_index = folder.outlines.len();
            let entry = folder
                .folders
                .entry(name.to_string())
                .or_insert_with(|| (next_index, Folder::default()));
            if entry.0 == next_index {
                folder.outlines.push(opml::Outline {
                    text: name.to_string(),
                    ..opml::Outline::default()
                });
            }
            folder = &mut folder.folders.get_mut(name).expect("just inserted").1;
        }
        folder.outlines.push(outline);
    }
    document.body.outlines = root.into_outlines();
    let xml = document.to_string().map_err(|e| FeedError::Malformed {
        reason: format!("cannot write OPML: {e}"),
    })?;
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}\n"
    ))
}
