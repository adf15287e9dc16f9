//! Search within an article: a folding matcher whose matches land on the
//! original text.
//!
//! # Folding
//! Text and query are folded the same way ([`fold`]): accents dropped
//! (`securite` finds `sécurité`), ligatures expanded (`coeur` finds `cœur`,
//! `ß` is `ss`, `ﬁ` is `fi`), apostrophes `' ’ ‘ ‛ ʼ` are one, double quotes
//! `" “ ” „ « »` are one, dashes `‐ ‑ ‒ – — −` are `-`, no-break, narrow and
//! thin spaces are a space, soft hyphens and zero-width spaces vanish.
//! Smart-case: a query with an upper-case letter is case-sensitive, otherwise
//! case is folded too (Latin, Cyrillic, Greek, ...).
//!
//! # Index
//! [`SearchIndex::build`] folds every searchable text of an article once
//! ([`Article::texts`], reading order), in two variants (case-preserved and
//! case-folded), each concatenated with a `\n` between texts, plus a compact
//! map from folded offsets back to (text, original byte): one anchor per run
//! of characters whose fold is themselves (same length), and one per other
//! character. Build it once per article (e.g. when the article is opened or
//! when the search prompt first opens) and keep it; a keystroke then costs a
//! `memchr::memmem` scan plus the mapping of the matches. Incremental search:
//! `Query::new(prompt.text(), prompt.mode())` then
//! [`SearchIndex::find_into`] into a `Vec<Match>` the reader keeps. Figures
//! and the reader's recipe: `docs/search.md`.
//!
//! # Matches
//! [`SearchIndex::find`] returns [`Match`]es in reading order, as byte ranges
//! into the ORIGINAL strings (`Article::text(m.text)`), always on character
//! boundaries. A match that starts or ends inside the fold of one character
//! (`s` in `ß`, `e` in `œ`) covers that whole character; combining marks that
//! follow a match's last character are included. Overlapping ranges (two `s`
//! in one `ß`) are merged. A match never spans two texts. An empty query (or
//! one that folds to nothing) has no match.
//!
//! Regex mode ([`SearchMode::Regex`], the `regex` crate) runs over the
//! case-preserved folded text, with `(?i)` unless the pattern has a literal
//! upper-case letter; the pattern's literal characters are folded the same way
//! (a multi-character fold such as `œ` → `oe` becomes that literal sequence).
//! `^` and `$` match at the start and end of every line of every text. An
//! invalid or oversized pattern gives `Err` with a one-line message for the
//! status line; zero-width matches are skipped.
//!
//! # Helpers for the reader
//! [`count_by_section`], [`posts_with_matches`], [`first_at_or_after`],
//! [`next_with_wrap`], [`prev_with_wrap`]. Matches sort in reading order
//! (`TextRef`'s order); the matches on one display line are
//! [`crate::corpus::model::spans_touching`].

pub mod fold;
mod index;
mod narrow;
mod query;
mod stream;
mod stream_regex;

use crate::corpus::model::{BlockRef, TextRef, TextSpan};

pub use fold::fold_str;
pub use index::SearchIndex;
pub use narrow::{Narrowing, Scan};
pub use query::{Query, SearchMode};
pub use stream::for_each_match;

/// One match: the span of the original text it covers (byte range of the
/// string `text` names).
pub type Match = TextSpan;

/// How many matches each section holds, indexed by section (length
/// `section_count`; title and notice count in section 0).
pub fn count_by_section(matches: &[Match], section_count: usize) -> Vec<usize> {
    let mut counts = vec![0; section_count];
    for m in matches {
        if let Some(c) = m.text.section().and_then(|s| counts.get_mut(s)) {
            *c += 1;
        }
    }
    counts
}

/// The posts holding at least one match, in reading order, without
/// duplicates (so `binary_search` works on it).
pub fn posts_with_matches(matches: &[Match]) -> Vec<BlockRef> {
    let mut posts: Vec<BlockRef> = matches.iter().filter_map(|m| m.text.post()).collect();
    posts.dedup();
    posts
}

/// The index of the first match at or after byte `at` of `text` in reading
/// order, `None` if there is none (the caller wraps to 0 if it wants).
pub fn first_at_or_after(matches: &[Match], text: TextRef, at: usize) -> Option<usize> {
    let i = matches.partition_point(|m| (m.text, m.range.start) < (text, at));
    (i < matches.len()).then_some(i)
}

/// The match after `current` among `len`, wrapping to the first:
/// `(index, wrapped)`; `None` when there is no match.
pub fn next_with_wrap(len: usize, current: usize) -> Option<(usize, bool)> {
    if len == 0 {
        return None;
    }
    let next = current.saturating_add(1);
    Some(if next >= len {
        (0, true)
    } else {
        (next, false)
    })
}

/// The match before `current` among `len`, wrapping to the last:
/// `(index, wrapped)`; `None` when there is no match.
pub fn prev_with_wrap(len: usize, current: usize) -> Option<(usize, bool)> {
    if len == 0 {
        return None;
    }
    Some(if current == 0 || current > len {
        (len - 1, true)
    } else {
        (current - 1, false)
    })
}
