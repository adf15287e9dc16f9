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
fn nearest_hint(block: &RawBlock) -> Hint {
    block.hints.first().map_or(Hint::None, |&(_, h)| h)
}

fn base_value(block: &RawBlock) -> f64 {
    let chars = block.chars as f64;
    let links = block.link_chars as f64;
    match &block.kind {
        RawKind::Post(_) => 60.0,
        RawKind::Heading(_) => {
            if links / chars.max(1.0) > 0.5 {
                -10.0
            } else {
                0.0
            }
        }
        _ => {
            let density = links / chars.max(1.0);
            if density > 0.5 {
                -chars.min(400.0) * 0.6
            } else if chars < 30.0 {
                -4.0
            } else {
                let ends_sentence = block.text.ends_with(['.', '!', '?', '…', '"', '»', '”', ':', ')']);
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

/// Chooses the article's blocks; `article_body` is the JSON-LD `articleBody`, if any.
pub fn select(dom: &Dom, seg: &Segmented, article_body: Option<&str>) -> Option<Selection> {
    let blocks = &seg.blocks;
    if blocks.is_empty() {
        return None;
    }
    let body_shingles = article_body.map(|b| {
        let mut set = HashSet::new();
        shingles(b, &mut set);
        set
    });
    let values: Vec<f64> = blocks
        .iter()
        .map(|b| {
            let mut v = base_value(b);
            let structural = b
                .structural
                .first()
                .is_some_and(|&(_, t)| matches!(t, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form | Tag::Menu));
            if let Some(set) = &body_shingles
                && !matches!(b.kind, RawKind::Post(_) | RawKind::Heading(_))
                && let Some(c) = coverage(&b.text, set)
            {
                return if c >= 0.5 {
                    (b.chars as f64) * 2.0
                } else {
                    -(b.chars as f64) * (1.0 - c)
                };
            }
            if structural && v > 0.0 {
                v *= 0.3;
            }
            let factor = hint_factor(nearest_hint(b));
            if v > 0.0 { v * factor } else { v * factor.abs().max(1.0) }
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
    // The container: highest score; on a tie the deepest (visited first here).
    let root = dom.find(ROOT, Tag::Body).unwrap_or(ROOT);
    let mut best = root;
    let mut best_score = score[root as usize];
    for &e in seg.order.elements.iter().rev() {
        if score[e as usize] > best_score {
            best = e;
            best_score = score[e as usize];
        }
    }
    if best_score <= 0.0 {
        return None;
    }
    let order = &seg.order;
    let inside = |node: NodeId| order.contains(best, node) && node != best;
    let mut chosen = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if !(b.owner == best || order.contains(best, b.owner)) {
            continue;
        }
        let boilerplate = b
            .hints
            .iter()
            .any(|&(node, h)| matches!(h, Hint::Boilerplate) && inside(node));
        let structural = b
            .structural
            .iter()
            .any(|&(node, t)| matches!(t, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form | Tag::Menu) && inside(node));
        let is_post = matches!(b.kind, RawKind::Post(_));
        if !is_post && (boilerplate || structural) {
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
