//! Embedded posts: the platforms' embed codes, recognised where they stand
//! and read into [`ImportedPost`]s.
//!
//! - X: `blockquote.twitter-tweet` (text, links, "— Name (@handle) date",
//!   status URL; the time from the status id), and a tweet already
//!   rendered to an iframe (`data-tweet-id`, `platform.twitter.com` src).
//! - Bluesky: `blockquote.bluesky-embed` (`data-bluesky-uri`; the time from the TID record key).
//! - Mastodon: `blockquote.mastodon-embed`, `iframe.mastodon-embed` or an
//!   iframe on `/@user/ID/embed` (the time from the id).
//! - Telegram: `[data-telegram-post]` (the widget script), `t.me` iframes.
//! - Instagram: `blockquote.instagram-media`; TikTok: `blockquote.tiktok-embed`;
//!   Facebook: `div.fb-post` / `div.fb-video` and plugin iframes; Threads.
//! - YouTube and Vimeo players (iframes, `lite-youtube`): a post with the
//!   video's URL and its title, no text.
//!
//! What the page does not carry (an embed rendered to an iframe keeps only
//! its id) stays `None`: nothing is guessed.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

use super::article::{ImportedPost, PostPlatform};
use super::dates;
use super::dom::{Dom, Element, NONE, NodeData, NodeId, Tag};
use super::hints;
use super::urls::Resolver;
use crate::corpus::links;

/// The embed at `id`, if it is one.
pub fn detect(dom: &Dom, id: NodeId, resolver: &Resolver) -> Option<ImportedPost> {
    let element = dom.element(id)?;
    match element.tag {
        Tag::Blockquote => blockquote(dom, id, element, resolver),
        Tag::Iframe => iframe(element, resolver),
        Tag::Div => {
            if element.has_class("fb-post") || element.has_class("fb-video") {
                facebook(dom, id, element, resolver)
            } else if element.attr("data-telegram-post").is_some() {
                telegram(element)
            } else {
                None
            }
        }
        Tag::Script => telegram(element),
        Tag::Other if &*element.name.local == "lite-youtube" => {
            let video = element.attr("videoid")?;
            video_post(PostPlatform::YouTube, youtube_watch(video)?, element)
        }
        _ => None,
    }
}

fn blockquote(
    dom: &Dom,
    id: NodeId,
    element: &Element,
    resolver: &Resolver,
) -> Option<ImportedPost> {
    let classes = element.class();
    if classes.is_empty() && element.attr("data-telegram-post").is_none() {
        return None;
    }
    if element.has_class("twitter-tweet") || element.has_class("twitter-video") {
        Some(tweet(dom, id, element, resolver))
    } else if element.has_class("bluesky-embed") {
        Some(bluesky(dom, id, element, resolver))
    } else if element.has_class("mastodon-embed") {
        mastodon(dom, id, element, resolver)
    } else if element.has_class("instagram-media") {
        Some(instagram(dom, id, element, resolver))
    } else if element.has_class("tiktok-embed") {
        Some(tiktok(dom, id, element, resolver))
    } else if element.has_class("text-post-media") {
        threads(dom, id, element, resolver)
    } else if element.attr("data-telegram-post").is_some() || element.has_class("telegram-post") {
        telegram(element).or_else(|| {
            let link = links_in(dom, id, resolver)
                .into_iter()
                .find(|l| l.url.contains("://t.me/"))?;
            telegram_from_url(&link.url)
        })
    } else {
        None
    }
}

/// A link inside an embed: where it goes, what it shows, and where its text is in the post text.
#[derive(Debug, Clone)]
struct EmbedLink {
    url: String,
    text: String,
    range: std::ops::Range<usize>,
}

/// The text of an embed's subtree: `<br>` and block ends become line
/// breaks, white space collapses, links are noted with their place.
fn text_with_links(dom: &Dom, root: NodeId, resolver: &Resolver) -> (String, Vec<EmbedLink>) {
    let mut out = String::new();
    let mut links = Vec::new();
    let mut pending_space = false;
    // (link element, start offset, href)
    let mut open: Vec<(NodeId, usize, String)> = Vec::new();
    let mut at = dom.node(root).first_child;
    let close = |node: NodeId,
                 out: &mut String,
                 open: &mut Vec<(NodeId, usize, String)>,
                 links: &mut Vec<EmbedLink>| {
        if let Some(el) = dom.element(node) {
            if el.tag.is_block() && !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            if open.last().is_some_and(|(n, _, _)| *n == node) {
                let (_, start, href) = open.pop().expect("just checked");
                let end = out.trim_end().len().max(start);
                if let Some(url) = resolver.resolve(&href) {
                    links.push(EmbedLink {
                        url,
                        text: out[start..end].trim().to_string(),
                        range: start..end,
                    });
                }
            }
        }
    };
    while at != NONE && at != root {
        let node = dom.node(at);
        let mut descend = false;
        match &node.data {
            NodeData::Text(text) => {
                for c in text.chars() {
                    if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                        pending_space = true;
                    } else {
                        if pending_space && !out.is_empty() && !out.ends_with('\n') {
                            out.push(' ');
                        }
                        pending_space = false;
                        out.push(c);
                    }
                }
            }
            NodeData::Element(el) => {
                if el.tag == Tag::Br {
                    if out.ends_with(' ') {
                        out.pop();
                    }
                    out.push('\n');
                    pending_space = false;
                } else if !el.tag.is_never_shown() && !hints::is_hidden(el) {
                    if el.tag.is_block() && !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                        pending_space = false;
                    }
                    if el.tag == Tag::A
                        && let Some(href) = el.attr("href")
                    {
                        if pending_space && !out.is_empty() && !out.ends_with('\n') {
                            out.push(' ');
                            pending_space = false;
                        }
                        open.push((at, out.len(), href.to_string()));
                    }
                    descend = node.first_child != NONE;
                    if node.first_child == NONE {
                        close(at, &mut out, &mut open, &mut links);
                    }
                }
            }
            _ => {}
        }
        if descend {
            at = node.first_child;
            continue;
        }
        loop {
            let n = dom.node(at);
            if n.next != NONE {
                at = n.next;
                break;
            }
            at = n.parent;
            if at == root || at == NONE {
                at = NONE;
                break;
            }
            close(at, &mut out, &mut open, &mut links);
        }
    }
    (out, links)
}

/// Every link under `root`, resolved.
fn links_in(dom: &Dom, root: NodeId, resolver: &Resolver) -> Vec<EmbedLink> {
    text_with_links(dom, root, resolver).1
}

/// The post text of a `<p>` (or any subtree): links that show a URL
/// (`pic.twitter.com/…`, `https://t.co/…`) leave the text for `links`, a
/// line left empty by that goes too; mentions and hashtags stay words.
/// `skip` says which links are the embed's own furniture (the post's own
/// URL, "[image or embed]") and go without being kept.
fn post_body(
    dom: &Dom,
    root: NodeId,
    resolver: &Resolver,
    skip: &dyn Fn(&EmbedLink) -> bool,
) -> (String, Vec<String>, Vec<(String, String)>) {
    let (text, found) = text_with_links(dom, root, resolver);
    let mut out = String::with_capacity(text.len());
    let mut kept = Vec::new();
    let mut mentions = Vec::new();
    let mut last = 0;
    for link in &found {
        let drop = skip(link);
        let shows_url = links::link_target(&link.text).is_some()
            && links::find_urls(&link.text)
                .first()
                .is_some_and(|r| r.start == 0 && r.end == link.text.len());
        if !(drop || shows_url) {
            if link.text.starts_with('@') || link.text.starts_with('#') {
                mentions.push((link.text.clone(), link.url.clone()));
            }
            continue;
        }
        if !drop {
            // What the reader sees is the URL shown, unless the embed cut it ("nyti.ms/3x…").
            let shown = if link.text.ends_with('…') {
                None
            } else {
                links::link_target(&link.text)
            };
            kept.push(shown.unwrap_or_else(|| link.url.clone()));
        }
        if link.range.start >= last {
            out.push_str(&text[last..link.range.start]);
            last = link.range.end;
        }
    }
    out.push_str(&text[last..]);
    // Lines the removed links leave empty go, as do spaces they leave at line ends.
    let mut lines: Vec<&str> = Vec::new();
    let original_blank: Vec<bool> = text.split('\n').map(|l| l.trim().is_empty()).collect();
    let cleaned: Vec<&str> = out.split('\n').collect();
    let keep_blank_lines = cleaned.len() == original_blank.len();
    for (i, line) in cleaned.iter().enumerate() {
        let line = line.trim();
        if line.is_empty() && !(keep_blank_lines && original_blank.get(i) == Some(&true)) {
            continue;
        }
        lines.push(line);
    }
    // No blank lines at the ends, none doubled.
    let mut text = String::new();
    let mut blank = false;
    for line in lines {
        if line.is_empty() {
            blank = !text.is_empty();
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
            if blank {
                text.push('\n');
            }
        }
        blank = false;
        text.push_str(line);
    }
    (text, kept, mentions)
}

/// "— Name (@handle) date": the author, the handle and what follows it.
fn attribution(
    line: &str,
    handle_chars: fn(char) -> bool,
) -> (Option<String>, Option<String>, Option<String>) {
    let line = line
        .trim()
        .trim_start_matches(['—', '–', '-', '&', ' ', '\u{a0}'])
        .trim();
    let Some(open) = line.rfind("(@") else {
        return (None, None, None);
    };
    let after = &line[open + 2..];
    let Some(close) = after.find(')') else {
        return (None, None, None);
    };
    let handle = &after[..close];
    if handle.is_empty() || !handle.chars().all(handle_chars) {
        return (None, None, None);
    }
    let author = line[..open].trim();
    let rest = after[close + 1..].trim();
    (
        (!author.is_empty()).then(|| author.to_string()),
        Some(handle.to_string()),
        (!rest.is_empty()).then(|| rest.to_string()),
    )
}

fn x_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn domain_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '@')
}

/// The first `<p>` under `root` (an embed's post text), if any.
fn first_p(dom: &Dom, root: NodeId) -> Option<NodeId> {
    dom.descendants(root).find(|&n| dom.tag(n) == Some(Tag::P))
}

/// The text of `root` outside its subtree `except`.
fn text_outside(dom: &Dom, root: NodeId, except: Option<NodeId>) -> String {
    let mut raw = String::new();
    for child in dom.children(root) {
        if Some(child) == except {
            continue;
        }
        dom.append_text(child, &mut raw);
    }
    super::dom::collapse_whitespace(&raw)
}

/// The language dates in an embed are written in.
fn embed_language(dom: &Dom, id: NodeId, element: &Element) -> Option<String> {
    element
        .attr("data-lang")
        .or_else(|| element.attr("lang"))
        .map(str::to_string)
        .or_else(|| {
            let mut at = dom.node(id).parent;
            for _ in 0..64 {
                let el = dom.element(at)?;
                if let Some(lang) = el.attr("lang") {
                    return Some(lang.to_string());
                }
                at = dom.node(at).parent;
            }
            None
        })
}

static X_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https?://(?:(?:www|mobile)\.)?(?:twitter|x)\.com/(?:#!/)?([A-Za-z0-9_]{1,15}|i/web|i)/status(?:es)?/(\d{1,20})")
        .expect("valid regex")
});

fn tweet(dom: &Dom, id: NodeId, element: &Element, resolver: &Resolver) -> ImportedPost {
    let mut post = ImportedPost::new(PostPlatform::X);
    let p = first_p(dom, id);
    let all_links = links_in(dom, id, resolver);
    // The status link: the last one pointing at a status (the date link).
    let status = all_links.iter().rev().find_map(|l| {
        let caps = X_STATUS.captures(&l.url)?;
        Some((l.clone(), caps[1].to_string(), caps[2].to_string()))
    });
    if let Some((link, user, status_id)) = &status {
        post.url = Some(strip_query(&link.url));
        if user != "i" && user != "i/web" {
            post.handle = Some(user.clone());
        }
        post.date = dates::snowflake_time(status_id);
    }
    let status_url = post.url.clone();
    if let Some(p) = p {
        let skip = |l: &EmbedLink| status_url.as_deref().is_some_and(|u| l.url.starts_with(u));
        let (text, kept, mentions) = post_body(dom, p, resolver, &skip);
        if !text.is_empty() {
            post.truncated = text.ends_with('…');
            post.text = Some(text);
        }
        post.links = kept;
        post.mentions = mentions
            .into_iter()
            .filter(|(shown, _)| shown.starts_with('@'))
            .collect();
    }
    let line = text_outside(dom, id, p);
    let (author, handle, date_text) = attribution(&line, x_handle_char);
    post.author = author;
    if handle.is_some() {
        post.handle = handle;
    }
    let language = embed_language(dom, id, element);
    let shown_date = status
        .as_ref()
        .map(|(l, _, _)| l.text.clone())
        .filter(|t| !t.is_empty())
        .or(date_text);
    set_date(&mut post, shown_date.as_deref(), language.as_deref());
    post
}

/// The post's date from what the embed shows, refined by the time the id
/// encodes (already in `post.date`); the shown text is kept when unreadable.
fn set_date(post: &mut ImportedPost, shown: Option<&str>, language: Option<&str>) {
    let encoded = post.date.take();
    let parsed = shown.and_then(|s| dates::parse(s, language));
    if parsed.is_none()
        && encoded.is_none()
        && let Some(shown) = shown
    {
        post.date_text = Some(shown.to_string());
    }
    post.date = dates::refine(parsed.as_deref(), encoded);
}

fn strip_query(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut u) => {
            u.set_query(None);
            u.set_fragment(None);
            String::from(u)
        }
        Err(_) => url.to_string(),
    }
}

static BSKY_URI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^at://([A-Za-z0-9:._%-]{1,256})/app\.bsky\.feed\.post/([A-Za-z0-9]{1,64})$")
        .expect("valid regex")
});
static BSKY_POST_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https://bsky\.app/profile/([A-Za-z0-9:._%-]{1,256})/post/([A-Za-z0-9]{1,64})")
        .expect("valid regex")
});

fn bluesky(dom: &Dom, id: NodeId, element: &Element, resolver: &Resolver) -> ImportedPost {
    let mut post = ImportedPost::new(PostPlatform::Bluesky);
    let all_links = links_in(dom, id, resolver);
    let mut rkey = None;
    if let Some(caps) = element
        .attr("data-bluesky-uri")
        .and_then(|u| BSKY_URI.captures(u.trim()))
    {
        post.url = Some(format!(
            "https://bsky.app/profile/{}/post/{}",
            &caps[1], &caps[2]
        ));
        rkey = Some(caps[2].to_string());
    }
    let date_link = all_links
        .iter()
        .rev()
        .find(|l| BSKY_POST_URL.is_match(&l.url) && !l.text.starts_with('['))
        .cloned();
    if let Some(link) = &date_link
        && let Some(caps) = BSKY_POST_URL.captures(&link.url)
    {
        if post.url.is_none() {
            post.url = Some(strip_query(&link.url));
        }
        if rkey.is_none() {
            rkey = Some(caps[2].to_string());
        }
    }
    post.date = rkey.as_deref().and_then(dates::tid_time);
    let p = first_p(dom, id);
    if let Some(p) = p {
        // "[image or embed]" and other links back to the post are the embed's, not the post's.
        let skip = |l: &EmbedLink| BSKY_POST_URL.is_match(&l.url);
        let (text, kept, mentions) = post_body(dom, p, resolver, &skip);
        if !text.is_empty() {
            post.truncated = text.ends_with('…');
            post.text = Some(text);
        }
        post.links = kept;
        post.mentions = mentions
            .into_iter()
            .filter(|(shown, _)| shown.starts_with('@'))
            .collect();
    }
    let line = text_outside(dom, id, p);
    let (author, handle, date_text) = attribution(&line, domain_handle_char);
    post.author = author;
    post.handle = handle.or_else(|| {
        let profile = all_links.iter().find(|l| l.text.starts_with('@'))?;
        Some(profile.text.trim_start_matches('@').to_string())
    });
    let language = embed_language(dom, id, element);
    let shown = date_link
        .map(|l| l.text)
        .filter(|t| !t.is_empty())
        .or(date_text);
    set_date(&mut post, shown.as_deref(), language.as_deref());
    post
}

static MASTODON_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https://([A-Za-z0-9.-]{1,253})/@([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9.-]{1,253}))?/(\d{1,20})(/embed)?")
        .expect("valid regex")
});

fn mastodon_from_url(url: &str) -> Option<ImportedPost> {
    let caps = MASTODON_URL.captures(url)?;
    let mut post = ImportedPost::new(PostPlatform::Mastodon);
    let host = caps.get(3).map_or(&caps[1], |h| h.as_str());
    post.handle = Some(format!("{}@{host}", &caps[2]));
    post.url = links::sanitize_url(&format!("https://{}/@{}/{}", &caps[1], &caps[2], &caps[4]));
    post.date = dates::mastodon_time(&caps[4]);
    Some(post)
}

fn mastodon(dom: &Dom, id: NodeId, element: &Element, resolver: &Resolver) -> Option<ImportedPost> {
    let url = element
        .attr("data-embed-url")
        .and_then(|u| resolver.resolve(u))
        .or_else(|| {
            links_in(dom, id, resolver)
                .into_iter()
                .find(|l| MASTODON_URL.is_match(&l.url))
                .map(|l| l.url)
        })?;
    let mut post = mastodon_from_url(&url)?;
    // An older embed code may carry the text in a <p>.
    if let Some(p) = first_p(dom, id) {
        let (text, kept, _) = post_body(dom, p, resolver, &|_| false);
        if !text.is_empty() {
            post.text = Some(text);
            post.links = kept;
        }
    }
    Some(post)
}

fn telegram(element: &Element) -> Option<ImportedPost> {
    let path = element.attr("data-telegram-post")?.trim();
    telegram_from_url(&format!("https://t.me/{path}"))
}

static TELEGRAM_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https?://(?:t\.me|telegram\.me)/(?:s/)?([A-Za-z0-9_]{3,64})/(\d{1,12})")
        .expect("valid regex")
});

fn telegram_from_url(url: &str) -> Option<ImportedPost> {
    let caps = TELEGRAM_URL.captures(url)?;
    let mut post = ImportedPost::new(PostPlatform::Telegram);
    post.handle = Some(caps[1].to_string());
    post.url = links::sanitize_url(&format!("https://t.me/{}/{}", &caps[1], &caps[2]));
    Some(post)
}

static SHARED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:by|par|von|de|da|di|door)\s+([^()\n]{1,100}?)\s*\(@([A-Za-z0-9._]{1,30})\)")
        .expect("valid regex")
});
/// "Name (@handle)" with no "shared by" words before it.
static NAME_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^()\n]{1,100}?)\s*\(@([A-Za-z0-9._]{1,30})\)").expect("valid regex")
});

fn instagram(dom: &Dom, id: NodeId, element: &Element, resolver: &Resolver) -> ImportedPost {
    let mut post = ImportedPost::new(PostPlatform::Instagram);
    post.url = element
        .attr("data-instgrm-permalink")
        .and_then(|u| resolver.resolve(u))
        .map(|u| strip_query(&u));
    let all_links = links_in(dom, id, resolver);
    if post.url.is_none() {
        post.url = all_links
            .iter()
            .find(|l| l.url.contains("instagram.com/p/") || l.url.contains("instagram.com/reel/"))
            .map(|l| strip_query(&l.url));
    }
    // "A post shared by Name (@handle)", in a link or in the text of a <p>.
    let shared_by = all_links
        .iter()
        .map(|l| l.text.clone())
        .chain(
            dom.descendants(id)
                .filter(|&n| dom.tag(n) == Some(Tag::P))
                .map(|p| dom.text_of(p)),
        )
        .find_map(|text| {
            let caps = SHARED_BY
                .captures(&text)
                .or_else(|| NAME_HANDLE.captures(&text))?;
            Some((caps[1].trim().to_string(), caps[2].to_string()))
        });
    if let Some((author, handle)) = shared_by {
        post.author = (!author.is_empty()).then_some(author);
        post.handle = Some(handle);
    }
    // The caption: a <p> that is not the "shared by" line.
    for p in dom.descendants(id).filter(|&n| dom.tag(n) == Some(Tag::P)) {
        let (text, kept, _) = post_body(dom, p, resolver, &|_| false);
        if text.is_empty()
            || SHARED_BY.is_match(&text)
            || NAME_HANDLE.is_match(&text)
            || text.contains("Instagram") && text.len() < 60
        {
            continue;
        }
        post.text = Some(text);
        post.links = kept;
        break;
    }
    let time = dom.descendants(id).find(|&n| dom.tag(n) == Some(Tag::Time));
    if let Some(time) = time {
        let datetime = dom
            .element(time)
            .and_then(|e| e.attr("datetime"))
            .map(str::to_string);
        let shown = datetime.unwrap_or_else(|| dom.text_of(time));
        let language = embed_language(dom, id, element);
        set_date(&mut post, Some(&shown), language.as_deref());
    }
    post
}

static TIKTOK_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https://(?:www\.)?tiktok\.com/@([A-Za-z0-9._]{1,64})/video/(\d{1,20})")
        .expect("valid regex")
});

fn tiktok(dom: &Dom, id: NodeId, element: &Element, resolver: &Resolver) -> ImportedPost {
    let mut post = ImportedPost::new(PostPlatform::TikTok);
    let cite = element.attr("cite").and_then(|u| resolver.resolve(u));
    if let Some(cite) = &cite {
        post.url = Some(strip_query(cite));
        if let Some(caps) = TIKTOK_URL.captures(cite) {
            post.handle = Some(caps[1].to_string());
            post.date = dates::tiktok_time(&caps[2]);
        }
    }
    if post.date.is_none() {
        post.date = element.attr("data-video-id").and_then(dates::tiktok_time);
    }
    let section = dom
        .descendants(id)
        .find(|&n| dom.tag(n) == Some(Tag::Section))
        .unwrap_or(id);
    let handle = post.handle.clone();
    // The "@user" link opening the caption names the account; the rest is the caption.
    let skip = |l: &EmbedLink| {
        handle
            .as_deref()
            .is_some_and(|h| l.text.trim_start_matches('@') == h && l.text.starts_with('@'))
    };
    let (text, kept, _) = post_body(dom, section, resolver, &skip);
    if !text.is_empty() {
        post.text = Some(text);
    }
    post.links = kept;
    post
}

fn facebook(dom: &Dom, id: NodeId, element: &Element, resolver: &Resolver) -> Option<ImportedPost> {
    let mut post = ImportedPost::new(PostPlatform::Facebook);
    post.url = element.attr("data-href").and_then(|u| resolver.resolve(u));
    let quote = dom
        .descendants(id)
        .find(|&n| dom.tag(n) == Some(Tag::Blockquote));
    if let Some(quote) = quote {
        if post.url.is_none() {
            post.url = dom
                .element(quote)
                .and_then(|e| e.attr("cite"))
                .and_then(|u| resolver.resolve(u));
        }
        let p = first_p(dom, quote);
        if let Some(p) = p {
            let (text, kept, _) = post_body(dom, p, resolver, &|_| false);
            if !text.is_empty() {
                post.text = Some(text);
            }
            post.links = kept;
        }
        // "Posted by <a>Name</a> on <a>Date</a>"
        let outside: Vec<EmbedLink> = dom
            .children(quote)
            .filter(|&c| Some(c) != p)
            .flat_map(|c| {
                let mut found = Vec::new();
                if dom.tag(c) == Some(Tag::A) {
                    let el = dom.element(c);
                    if let Some(url) = el
                        .and_then(|e| e.attr("href"))
                        .and_then(|h| resolver.resolve(h))
                    {
                        found.push(EmbedLink {
                            url,
                            text: dom.text_of(c),
                            range: 0..0,
                        });
                    }
                }
                found
            })
            .collect();
        if let Some(first) = outside.first() {
            post.author = Some(first.text.clone()).filter(|t| !t.is_empty());
            post.handle = facebook_page(&first.url);
        }
        if outside.len() >= 2 {
            let last = &outside[outside.len() - 1];
            let language = embed_language(dom, id, element);
            set_date(&mut post, Some(&last.text), language.as_deref());
        }
    }
    if post.handle.is_none() {
        post.handle = post.url.as_deref().and_then(facebook_page);
    }
    post.url.as_ref()?;
    Some(post)
}

/// The page name in a Facebook address (`facebook.com/harbourmuseum/posts/…` → `harbourmuseum`).
fn facebook_page(url: &str) -> Option<String> {
    let parsed = Url::parse(url).ok()?;
    if !parsed.host_str()?.ends_with("facebook.com") {
        return None;
    }
    let first = parsed.path_segments()?.find(|s| !s.is_empty())?;
    (first.len() <= 80
        && !matches!(
            first,
            "plugins" | "permalink.php" | "story.php" | "watch" | "groups" | "photo.php"
        )
        && first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_'))
    .then(|| first.to_string())
}

fn threads(dom: &Dom, id: NodeId, element: &Element, resolver: &Resolver) -> Option<ImportedPost> {
    let mut post = ImportedPost::new(PostPlatform::Threads);
    post.url = element
        .attr("data-text-post-permalink")
        .and_then(|u| resolver.resolve(u))
        .map(|u| strip_query(&u));
    static THREADS_URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^https://(?:www\.)?threads\.(?:net|com)/@([A-Za-z0-9._]{1,64})/post/")
            .expect("valid regex")
    });
    let url = post.url.clone().or_else(|| {
        links_in(dom, id, resolver)
            .into_iter()
            .find(|l| THREADS_URL.is_match(&l.url))
            .map(|l| strip_query(&l.url))
    })?;
    post.handle = THREADS_URL.captures(&url).map(|c| c[1].to_string());
    post.url = Some(url);
    Some(post)
}

fn youtube_watch(video: &str) -> Option<String> {
    let video = video.trim();
    (video.len() <= 20
        && !video.is_empty()
        && video
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then(|| format!("https://www.youtube.com/watch?v={video}"))
}

fn video_post(platform: PostPlatform, url: String, element: &Element) -> Option<ImportedPost> {
    let mut post = ImportedPost::new(platform);
    post.url = Some(url);
    post.title = element
        .attr("title")
        .or_else(|| element.attr("playlabel"))
        .map(super::dom::collapse_whitespace)
        .filter(|t| !t.is_empty() && t.chars().count() <= 300);
    Some(post)
}

fn iframe(element: &Element, resolver: &Resolver) -> Option<ImportedPost> {
    if let Some(tweet_id) = element.attr("data-tweet-id") {
        let tweet_id = tweet_id.trim();
        if !tweet_id.is_empty()
            && tweet_id.len() <= 20
            && tweet_id.bytes().all(|b| b.is_ascii_digit())
        {
            let mut post = ImportedPost::new(PostPlatform::X);
            post.url = Some(format!("https://x.com/i/status/{tweet_id}"));
            post.date = dates::snowflake_time(tweet_id);
            return Some(post);
        }
    }
    let src = element
        .attr("src")
        .filter(|s| !s.trim().is_empty() && !s.trim().starts_with("about:"))
        .or_else(|| element.attr("data-src"))?;
    let url = Url::parse(&resolver.resolve(src)?).ok()?;
    let host = url
        .host_str()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    let path = url.path();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let query = |key: &str| {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    if element.has_class("mastodon-embed")
        || (segments.len() >= 3
            && segments[0].starts_with('@')
            && segments.last() == Some(&"embed"))
    {
        return mastodon_from_url(url.as_str());
    }
    match host.as_str() {
        "platform.twitter.com" => {
            let id = query("id")?;
            if id.is_empty() || id.len() > 20 || !id.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let mut post = ImportedPost::new(PostPlatform::X);
            post.url = Some(format!("https://x.com/i/status/{id}"));
            post.date = dates::snowflake_time(&id);
            Some(post)
        }
        "embed.bsky.app" => {
            // /embed/DID/app.bsky.feed.post/RKEY
            let (did, rkey) = match segments.as_slice() {
                ["embed", did, "app.bsky.feed.post", rkey] => (*did, *rkey),
                _ => return None,
            };
            let mut post = ImportedPost::new(PostPlatform::Bluesky);
            post.url = links::sanitize_url(&format!("https://bsky.app/profile/{did}/post/{rkey}"));
            post.date = dates::tid_time(rkey);
            Some(post)
        }
        "instagram.com" => {
            let mut post = ImportedPost::new(PostPlatform::Instagram);
            match segments.as_slice() {
                [kind @ ("p" | "reel" | "tv"), code, ..] => {
                    post.url =
                        links::sanitize_url(&format!("https://www.instagram.com/{kind}/{code}/"));
                }
                _ => return None,
            }
            Some(post)
        }
        "tiktok.com" => {
            let id = segments.last()?;
            if !id.bytes().all(|b| b.is_ascii_digit()) || !path.contains("/embed") {
                return None;
            }
            let mut post = ImportedPost::new(PostPlatform::TikTok);
            post.url = links::sanitize_url(&format!("https://www.tiktok.com/embed/v2/{id}"));
            post.date = dates::tiktok_time(id);
            Some(post)
        }
        "facebook.com" if path.starts_with("/plugins/") => {
            let href = query("href")?;
            let mut post = ImportedPost::new(PostPlatform::Facebook);
            post.url = resolver.resolve(&href);
            post.url.as_ref()?;
            Some(post)
        }
        "t.me" | "telegram.me" => telegram_from_url(&format!("https://t.me{path}")),
        "threads.net" | "threads.com" => {
            let mut post = ImportedPost::new(PostPlatform::Threads);
            let handle = segments.first()?.strip_prefix('@')?;
            post.handle = Some(handle.to_string());
            let base: Vec<&str> = segments.iter().copied().filter(|s| *s != "embed").collect();
            post.url = links::sanitize_url(&format!("https://www.threads.net/{}", base.join("/")));
            Some(post)
        }
        "youtube.com" | "youtube-nocookie.com" | "m.youtube.com" => {
            let video = match segments.as_slice() {
                ["embed", video, ..] if *video != "videoseries" => video.to_string(),
                _ => return None,
            };
            video_post(PostPlatform::YouTube, youtube_watch(&video)?, element)
        }
        "player.vimeo.com" => {
            let video = match segments.as_slice() {
                ["video", video, ..] if video.bytes().all(|b| b.is_ascii_digit()) => {
                    video.to_string()
                }
                _ => return None,
            };
            video_post(
                PostPlatform::Vimeo,
                format!("https://vimeo.com/{video}"),
                element,
            )
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dom::ROOT;

    fn posts(html: &str) -> Vec<ImportedPost> {
        let dom = Dom::parse(html);
        let resolver = Resolver::new(Some("https://news.example/story"));
        dom.descendants(ROOT)
            .filter_map(|n| detect(&dom, n, &resolver))
            .collect()
    }

    #[test]
    fn tweet_with_a_shown_date_gets_its_time_from_the_status_id() {
        let got = posts(
            r#"<blockquote class="twitter-tweet" data-lang="fr"><p lang="fr" dir="ltr">🔴 Voeux <a href="https://twitter.com/EmmanuelMacron?ref_src=twsrc%5Etfw">@EmmanuelMacron</a> : à… <a href="https://t.co/LXSrvPWqzS">pic.twitter.com/LXSrvPWqzS</a></p>&mdash; L&#39;Echiquier social (@EchiquierSocial) <a href="https://twitter.com/EchiquierSocial/status/2006420632761774125?ref_src=twsrc%5Etfw">December 31, 2025</a></blockquote>"#,
        );
        assert_eq!(got.len(), 1);
        let post = &got[0];
        assert_eq!(post.platform, PostPlatform::X);
        assert_eq!(post.text.as_deref(), Some("🔴 Voeux @EmmanuelMacron : à…"));
        assert!(post.truncated);
        assert_eq!(post.links, ["https://pic.twitter.com/LXSrvPWqzS"]);
        assert_eq!(post.author.as_deref(), Some("L'Echiquier social"));
        assert_eq!(post.handle.as_deref(), Some("EchiquierSocial"));
        assert_eq!(post.date.as_deref(), Some("2025-12-31T17:42:11+00:00"));
        assert_eq!(
            post.url.as_deref(),
            Some("https://twitter.com/EchiquierSocial/status/2006420632761774125")
        );
    }

    #[test]
    fn tweet_rendered_to_an_iframe_keeps_its_id_and_time() {
        let got = posts(
            r#"<iframe class="twitter-tweet twitter-tweet-rendered" data-tweet-id="800384752746254337" title="Twitter Tweet"></iframe>"#,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, None);
        assert_eq!(
            got[0].url.as_deref(),
            Some("https://x.com/i/status/800384752746254337")
        );
        assert_eq!(got[0].date.as_deref(), Some("2016-11-20T17:06:10+00:00"));
    }

    #[test]
    fn bluesky_embed() {
        let got = posts(
            r#"<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc123/app.bsky.feed.post/3mbjygtflnt2b" data-bluesky-cid="bafy"><p lang="fr">Titre<br><a href="https://www.europesays.com/fr/638743/">www.europesays.com/fr/638743/</a><br>Suite…<br>#fr #france<br><br><a href="https://bsky.app/profile/did:plc:abc123/post/3mbjygtflnt2b?ref_src=embed">[image or embed]</a></p>&mdash; FR #France (<a href="https://bsky.app/profile/did:plc:abc123?ref_src=embed">@fr-france.bsky.social</a>) <a href="https://bsky.app/profile/did:plc:abc123/post/3mbjygtflnt2b?ref_src=embed">3 janvier 2026 à 19:00</a></blockquote>"#,
        );
        let post = &got[0];
        assert_eq!(post.platform, PostPlatform::Bluesky);
        assert_eq!(post.text.as_deref(), Some("Titre\nSuite…\n#fr #france"));
        assert_eq!(post.links, ["https://www.europesays.com/fr/638743/"]);
        assert_eq!(post.author.as_deref(), Some("FR #France"));
        assert_eq!(post.handle.as_deref(), Some("fr-france.bsky.social"));
        assert_eq!(post.date.as_deref(), Some("2026-01-03T18:00:23+00:00"));
        assert_eq!(
            post.url.as_deref(),
            Some("https://bsky.app/profile/did:plc:abc123/post/3mbjygtflnt2b")
        );
    }
}
