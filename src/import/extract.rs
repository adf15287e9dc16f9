//! Finding the article among the page's blocks.
//!
//! Each block gets a value: long text with few links counts for, link lists
//! and the crumbs of page furniture count against, and the class/id hints
//! around it weigh in (docs/import.md explains the choice, measured). Every
//! element's score is the sum of the values of the blocks inside it, summed
//! bottom-up in one pass; the article's container is the element with the
//! highest score (the smallest one on a tie). Inside it, blocks that sit in
//! an element hinted as boilerplate (share bars, "read also", comments) or
//! that are mostly links are left out.
//!
//! When the page's JSON-LD gives the `articleBody`, the blocks whose words
//! it holds count for, the others against: the container is the element
//! that best matches the article the page itself declares.
//!
//! Every step is linear in the number of blocks and elements.

use std::collections::HashSet;

use super::blocks::{RawBlock, RawKind, Segmented};
use super::dom::{Dom, NONE, NodeId, ROOT, Tag};
use super::hints::Hint;
use super::urls::Resolver;

/// The chosen blocks, in reading order, and the element holding them.
#[derive(Debug)]
pub struct Selection {
    pub container: NodeId,
    pub blocks: Vec<usize>,
}

/// Word tokens as the benchmark counts them (runs of letters, digits, `_`).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Hashes of the 3-word windows of `text`.
fn shingles(text: &str, out: &mut HashSet<u64>) {
    let ws: Vec<&str> = words(text).collect();
    for w in ws.windows(3) {
        out.insert(hash3(w));
    }
}

fn hash3(w: &[&str]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for word in w {
        word.to_lowercase().hash(&mut h);
    }
    h.finish()
}

/// The share of a block's 3-word windows found in the article body (`None` if too short to tell).
fn coverage(text: &str, body: &HashSet<u64>) -> Option<f64> {
    let ws: Vec<&str> = words(text).collect();
    if ws.len() < 3 {
        return None;
    }
    let windows = ws.len() - 2;
    let found = ws.windows(3).filter(|w| body.contains(&hash3(w))).count();
    Some(found as f64 / windows as f64)
}

/// The nearest hint around a block.
fn nearest_hint(seg: &Segmented, block: &RawBlock) -> Hint {
    seg.hints
        .iter(block.hints)
        .next()
        .map_or(Hint::None, |(_, h)| h)
}

fn base_value(block: &RawBlock) -> f64 {
    let chars = block.chars as f64;
    let links = block.link_chars as f64;
    match &block.kind {
        RawKind::Post(_) => 60.0,
        // Captions sit beside pictures, in articles and in teasers alike: they weigh nothing.
        RawKind::Caption => 0.0,
        RawKind::Heading(_) => {
            if links / chars.max(1.0) > 0.5 {
                -10.0
            } else {
                0.0
            }
        }
        _ => {
            let density = links / chars.max(1.0);
            if let RawKind::Cell { .. } = block.kind {
                // A data table's cells are short; only link-heavy ones (layout tables of menus) count against.
                return if density > 0.5 {
                    -chars.min(400.0) * 0.6
                } else {
                    (chars - links) * 0.5
                };
            }
            if density > 0.5 {
                -chars.min(400.0) * 0.6
            } else if chars < 30.0 {
                -4.0
            } else {
                let ends_sentence = block
                    .text
                    .ends_with(['.', '!', '?', '…', '"', '»', '”', ':', ')']);
                let kind_factor = match block.kind {
                    RawKind::Paragraph | RawKind::Quote => 1.0,
                    RawKind::ListItem { .. } => 0.6,
                    RawKind::Pre => 0.8,
                    RawKind::Cell { .. } => 0.5,
                    RawKind::Caption => 0.2,
                    _ => 0.5,
                };
                let sentence = if ends_sentence { 1.0 } else { 0.6 };
                (chars - links) * (1.0 - density) * kind_factor * sentence
            }
        }
    }
}

fn hint_factor(hint: Hint) -> f64 {
    match hint {
        Hint::Body => 1.6,
        Hint::Positive => 1.1,
        Hint::None => 1.0,
        Hint::Negative => 0.4,
        Hint::Boilerplate => -0.5,
    }
}

/// Every block's value and every element's score (the sum of the values inside it).
fn scores(
    dom: &Dom,
    seg: &Segmented,
    article_body: Option<&str>,
    teaser: &[bool],
) -> (Vec<f64>, Vec<f64>) {
    let blocks = &seg.blocks;
    let body_shingles = article_body.map(|b| {
        let mut set = HashSet::new();
        shingles(b, &mut set);
        set
    });
    let values: Vec<f64> = blocks
        .iter()
        .zip(teaser)
        .map(|(b, &teaser)| {
            let v = block_value(seg, b, body_shingles.as_ref());
            if teaser { -v.abs() * 0.5 } else { v }
        })
        .collect();
    let n = dom.nodes.len();
    let mut score = vec![0.0f64; n];
    for (b, v) in blocks.iter().zip(&values) {
        score[b.owner as usize] += v;
    }
    for &e in seg.order.elements.iter().rev() {
        let parent = dom.node(e).parent;
        if parent != NONE {
            score[parent as usize] += score[e as usize];
        }
    }
    (values, score)
}

fn block_value(seg: &Segmented, b: &RawBlock, body_shingles: Option<&HashSet<u64>>) -> f64 {
    let mut v = base_value(b);
    let structural = seg
        .structural
        .iter(b.structural)
        .next()
        .is_some_and(|(_, t)| {
            matches!(
                t,
                Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form | Tag::Menu
            )
        });
    // Words the page's own articleBody holds count for the block.
    if let Some(set) = body_shingles
        && !matches!(b.kind, RawKind::Post(_) | RawKind::Heading(_))
        && coverage(&b.text, set).is_some_and(|c| c >= 0.5)
    {
        return v.max(0.0) + b.chars as f64;
    }
    if structural && v > 0.0 {
        v *= 0.3;
    }
    let factor = hint_factor(nearest_hint(seg, b));
    if v > 0.0 {
        v * factor
    } else {
        v * factor.abs().max(1.0)
    }
}

/// Most blocks an element may hold and still be a teaser's card.
const CARD_BLOCKS: u32 = 4;

/// Which blocks announce other pages: a teaser opens with a headline link
/// (four words or more) and goes on; a card is the small element (at most
/// [`CARD_BLOCKS`] blocks) around a headline (a heading or a line that is
/// all link, three words or more, to another page), and everything in it
/// is a teaser. Lists of "more stories", "read also" and related articles
/// are made of these; an article's own paragraphs are not.
fn teasers(dom: &Dom, seg: &Segmented, resolver: &Resolver) -> Vec<bool> {
    let blocks = &seg.blocks;
    let mut count = vec![0u32; dom.nodes.len()];
    for b in blocks {
        count[b.owner as usize] += 1;
    }
    for &e in seg.order.elements.iter().rev() {
        let parent = dom.node(e).parent;
        if parent != NONE {
            count[parent as usize] = count[parent as usize].saturating_add(count[e as usize]);
        }
    }
    let mut card = vec![false; dom.nodes.len()];
    for b in blocks {
        let words = b.text.split_whitespace().count();
        let mostly_link = b.link_chars * 10 >= b.chars * 8;
        let elsewhere =
            !b.links.is_empty() && b.links.iter().all(|l| !resolver.is_same_page(&l.url));
        let headline = match b.kind {
            RawKind::Heading(_) => mostly_link && words >= 3 && elsewhere,
            RawKind::Paragraph | RawKind::ListItem { .. } => {
                b.link_chars * 10 >= b.chars * 9 && words >= 4 && elsewhere
            }
            _ => false,
        };
        if !headline {
            continue;
        }
        let mut at = b.owner;
        let mut top = NONE;
        for _ in 0..4 {
            if at == NONE || at == ROOT || count[at as usize] > CARD_BLOCKS {
                break;
            }
            top = at;
            at = dom.node(at).parent;
        }
        if top != NONE {
            card[top as usize] = true;
        }
    }
    blocks
        .iter()
        .map(|b| {
            if matches!(b.kind, RawKind::Post(_)) {
                return false;
            }
            // A list item opening with a headline link (a paragraph may open with a link: not a teaser).
            let opens_with_headline = matches!(b.kind, RawKind::ListItem { .. })
                && b.lead_link_words >= 4
                && b.link_chars < b.chars
                && b.chars > 80;
            if opens_with_headline {
                return true;
            }
            let mut at = b.owner;
            for _ in 0..5 {
                if at == NONE || at == ROOT {
                    break;
                }
                if card[at as usize] {
                    return true;
                }
                at = dom.node(at).parent;
            }
            false
        })
        .collect()
}

/// Levels a block's value climbs, and what it is divided by at each (as Readability does):
/// the element holding the paragraphs gets the most, wrappers far above get little.
const LEVELS: usize = 5;

fn divider(level: usize) -> f64 {
    match level {
        0 => 1.0,
        1 => 2.0,
        l => 3.0 * l as f64,
    }
}

/// The element that most directly holds the article's text: the highest
/// decayed score, outside areas hinted as boilerplate when there is one.
fn core(dom: &Dom, seg: &Segmented, values: &[f64]) -> Option<NodeId> {
    let mut decayed = vec![0.0f64; dom.nodes.len()];
    for (b, &v) in seg.blocks.iter().zip(values) {
        let mut at = b.owner;
        for level in 0..LEVELS {
            if at == NONE || at == ROOT {
                break;
            }
            decayed[at as usize] += v / divider(level);
            at = dom.node(at).parent;
        }
    }
    let mut best = None;
    let mut best_score = 0.0;
    let mut fallback = None;
    let mut fallback_score = 0.0;
    for &e in &seg.order.elements {
        let score = decayed[e as usize];
        if seg.order.in_boilerplate[e as usize] {
            if score > fallback_score {
                fallback = Some(e);
                fallback_score = score;
            }
        } else if score > best_score {
            best = Some(e);
            best_score = score;
        }
    }
    best.or(fallback)
}

/// Ancestors looked at when widening the core to the whole article.
const CLIMB_LEVELS: usize = 8;

/// Whether block `b` sits in boilerplate or page furniture inside `area` that does not hold `core`.
fn is_furniture_in(seg: &Segmented, b: &RawBlock, area: NodeId, core: NodeId) -> bool {
    let order = &seg.order;
    let inside =
        |node: NodeId| node != area && order.contains(area, node) && !order.contains(node, core);
    seg.hints
        .iter(b.hints)
        .any(|(node, h)| h == Hint::Boilerplate && inside(node))
        || seg.structural.iter(b.structural).any(|(node, t)| {
            matches!(
                t,
                Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form | Tag::Menu
            ) && inside(node)
        })
}

/// Widens the core to the ancestor holding the whole article: an ancestor
/// is taken when what it adds (furniture counted against) is worth at least
/// `CLIMB` of what is already there. Articles split in several columns
/// (ad breaks) join up; a list of teasers or comments next to them does not.
fn climb(dom: &Dom, seg: &Segmented, values: &[f64], core: NodeId) -> NodeId {
    let order = &seg.order;
    let value_in = |area: NodeId, base: NodeId| -> f64 {
        seg.blocks
            .iter()
            .zip(values)
            .filter(|(b, _)| order.contains(area, b.owner))
            .map(|(b, &v)| {
                if is_furniture_in(seg, b, area, base) {
                    -v.abs()
                } else {
                    v
                }
            })
            .sum()
    };
    let mut cur = core;
    let mut cur_value = value_in(core, core);
    let mut at = dom.node(core).parent;
    for _ in 0..CLIMB_LEVELS {
        if at == NONE || at == ROOT || matches!(dom.tag(at), Some(Tag::Html) | None) {
            break;
        }
        let value = value_in(at, core);
        if value - cur_value > CLIMB * cur_value.max(1.0) {
            cur = at;
            cur_value = value;
        }
        if dom.tag(at) == Some(Tag::Body) {
            break;
        }
        at = dom.node(at).parent;
    }
    cur
}

/// What an ancestor must add, relative to what the article has, to be taken in.
const CLIMB: f64 = 0.2;

/// The best-scoring elements, for `extraction-score --explain`: (element, score, description).
pub fn candidates(
    dom: &Dom,
    seg: &Segmented,
    article_body: Option<&str>,
    resolver: &Resolver,
    count: usize,
) -> Vec<(NodeId, f64, String)> {
    let teaser = teasers(dom, seg, resolver);
    let (_, score) = scores(dom, seg, article_body, &teaser);
    let mut all: Vec<(NodeId, f64)> = seg
        .order
        .elements
        .iter()
        .map(|&e| (e, score[e as usize]))
        .collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1));
    all.into_iter()
        .take(count)
        .map(|(e, s)| {
            let el = dom.element(e);
            let desc = el.map_or(String::new(), |el| {
                format!(
                    "<{} id={:?} class={:?}>",
                    &*el.name.local,
                    el.id(),
                    el.class()
                )
            });
            (e, s, desc)
        })
        .collect()
}

/// Chooses the article's blocks; `article_body` is the JSON-LD `articleBody`, if any.
pub fn select(
    dom: &Dom,
    seg: &Segmented,
    article_body: Option<&str>,
    resolver: &Resolver,
) -> Option<Selection> {
    let blocks = &seg.blocks;
    if blocks.is_empty() {
        return None;
    }
    let teaser = teasers(dom, seg, resolver);
    let (values, score) = scores(dom, seg, article_body, &teaser);
    let root = dom.find(ROOT, Tag::Body).unwrap_or(ROOT);
    let mut core = core(dom, seg, &values).unwrap_or(root);
    // A lone paragraph is never the whole article: start from what holds it.
    let blocks_in_core = blocks
        .iter()
        .filter(|b| seg.order.contains(core, b.owner))
        .count();
    if blocks_in_core <= 1
        && core != root
        && dom.node(core).parent != NONE
        && dom.node(core).parent != ROOT
    {
        core = dom.node(core).parent;
    }
    let best = climb(dom, seg, &values, core);
    if score[best as usize] <= 0.0 {
        return None;
    }
    let order = &seg.order;
    let inside = |node: NodeId| order.contains(best, node) && node != best;
    let mut chosen = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if !(b.owner == best || order.contains(best, b.owner)) {
            continue;
        }
        let boilerplate = seg
            .hints
            .iter(b.hints)
            .any(|(node, h)| matches!(h, Hint::Boilerplate) && inside(node));
        let structural = seg.structural.iter(b.structural).any(|(node, t)| {
            matches!(
                t,
                Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form | Tag::Menu
            ) && inside(node)
        });
        let is_post = matches!(b.kind, RawKind::Post(_));
        if !is_post && (boilerplate || structural || teaser[i] || is_furniture_phrase(&b.text)) {
            continue;
        }
        if !is_post && b.link_chars * 2 > b.chars {
            continue;
        }
        chosen.push(i);
    }
    if chosen.is_empty() {
        return None;
    }
    Some(Selection {
        container: best,
        blocks: chosen,
    })
}

/// Words of page furniture that stand alone as a block ("Advertisement",
/// "Related articles", "Lire aussi", "Anzeige"…), in the languages the
/// importer reads dates in. Only a block that is exactly one of these goes.
const FURNITURE: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "more on this story",
    "read more",
    "read next",
    "read also",
    "see also",
    "trending",
    "trending now",
    "don't miss",
    "don’t miss",
    "most read",
    "most popular",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "like this",
    "like loading",
    "loading",
    "follow us",
    "subscribe",
    "newsletter",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "get our newsletter",
    "inscrivez-vous à notre newsletter",
    "abonnez-vous",
    "abonnez-vous à notre newsletter",
    "sign up",
    "continue reading",
    "continue reading below",
    "story continues below",
    "story continues below advertisement",
    "advertisement continue reading below",
    "skip to content",
    "skip advertisement",
    "caption",
    "close",
    "this slideshow requires javascript",
    "publicité",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "lire la suite",
    "partager",
    "sur le même sujet",
    "anzeige",
    "werbung",
    "mehr zum thema",
    "lesen sie auch",
    "auch interessant",
    "publicidad",
    "lee también",
    "leer más",
    "pubblicità",
    "leggi anche",
    "potrebbe interessarti",
];

/// Whether a block is only a furniture phrase (punctuation and case aside).
fn is_furniture_phrase(text: &str) -> bool {
    if text.len() > 64 {
        return false;
    }
    let lower = text.to_lowercase();
    let bare = lower
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace(['\u{a0}', '\n'], " ");
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    FURNITURE.contains(&bare.as_str())
}
