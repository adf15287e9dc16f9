//! The folded text of an article and the map from folded offsets back to
//! the original bytes; plain and regex scans over it.

use std::ops::{ControlFlow, Range};

use memchr::memmem;

use crate::corpus::model::{Article, TextRef};

use super::fold;
use super::query::{Query, QueryKind, SearchMode};
use crate::corpus::model::TextSpan as Match;

/// The map back to the original, as three parallel columns (searches
/// touch only the 4-byte keys of their variant, so more of them stay in
/// cache). Anchor `i` starts a run of folded bytes at `preserved[i]` /
/// `folded[i]` (absolute offsets in each folded text) that comes from
/// `orig[i]` (byte offset in the original text, relative to that text).
/// A run is either characters that fold to themselves (same length: offsets
/// shift together) or one character whose fold differs, flagged [`SINGLE`]
/// in `orig`: any match touching it covers the whole character.
#[derive(Debug, Clone, Default)]
struct Anchors {
    orig: Vec<u32>,
    preserved: Vec<u32>,
    folded: Vec<u32>,
}

const SINGLE: u32 = 1 << 31;

impl Anchors {
    fn push(&mut self, orig: u32, preserved: usize, folded: usize) {
        self.orig.push(orig);
        self.preserved.push(preserved as u32);
        self.folded.push(folded as u32);
    }

    fn len(&self) -> usize {
        self.orig.len()
    }

    fn keys(&self, variant: Variant) -> &[u32] {
        match variant {
            Variant::Preserved => &self.preserved,
            Variant::Folded => &self.folded,
        }
    }

    fn shrink_to_fit(&mut self) {
        self.orig.shrink_to_fit();
        self.preserved.shrink_to_fit();
        self.folded.shrink_to_fit();
    }
}

/// An `orig` entry without its flag.
fn orig_offset(orig: u32) -> usize {
    (orig & !SINGLE) as usize
}

/// One indexed text: its anchors are `anchors[first..next.first]`, the last
/// of which is a sentinel at the text's end.
#[derive(Debug, Clone, Copy)]
struct Span {
    text: TextRef,
    first: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Variant {
    Preserved,
    Folded,
}

/// The folded text of one article with its map back to the original.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    pub(super) preserved: String,
    pub(super) folded: String,
    anchors: Anchors,
    spans: Vec<Span>,
    /// Where each span's folded text starts, per variant: kept apart from
    /// `spans` and `anchors` so that finding a match's span stays in cache.
    preserved_starts: Vec<u32>,
    folded_starts: Vec<u32>,
}

/// Longest text, and longest folded article, the index can map (offsets are `u32`,
/// original offsets 31 bits); texts past the limit are left out of the index.
const MAX_OFFSET: usize = (SINGLE - 1) as usize;

impl SearchIndex {
    fn empty() -> SearchIndex {
        SearchIndex {
            preserved: String::new(),
            folded: String::new(),
            anchors: Anchors::default(),
            spans: Vec::new(),
            preserved_starts: Vec::new(),
            folded_starts: Vec::new(),
        }
    }

    /// Folds every searchable text of `article` (see the module doc).
    pub fn build(article: &Article) -> SearchIndex {
        let mut index = SearchIndex::empty();
        let mut one = String::new();
        for text_ref in article.each_text() {
            let Some(text) = article.text(text_ref) else {
                continue;
            };
            // Worst case a character folds to 18 characters; stop well before overflow.
            if text.len() > MAX_OFFSET / 2
                || index.preserved.len().max(index.folded.len()) + text.len().saturating_mul(18)
                    > MAX_OFFSET
            {
                break;
            }
            index.push_text(text_ref, text, &mut one);
        }
        index.anchors.shrink_to_fit();
        index
    }

    /// The index of one text alone (what `--search` holds at a time for a
    /// regex); empty if the text is past what an index can map.
    pub fn of_text(text_ref: TextRef, text: &str) -> SearchIndex {
        let mut index = SearchIndex::empty();
        if text.len().saturating_mul(18) <= MAX_OFFSET {
            index.push_text(text_ref, text, &mut String::new());
        }
        index.anchors.shrink_to_fit();
        index
    }

    fn push_text(&mut self, text_ref: TextRef, text: &str, one: &mut String) {
        self.spans.push(Span {
            text: text_ref,
            first: self.anchors.len() as u32,
        });
        self.preserved_starts.push(self.preserved.len() as u32);
        self.folded_starts.push(self.folded.len() as u32);
        let mut in_run = false;
        for (i, c) in text.char_indices() {
            let (orig, preserved, folded) = (i as u32, self.preserved.len(), self.folded.len());
            let identity = if c.is_ascii() {
                self.preserved.push(c);
                self.folded.push(c.to_ascii_lowercase());
                true
            } else {
                one.clear();
                fold::fold_char(c, false, one);
                let same = one.len() == c.len_utf8() && one.starts_with(c);
                self.preserved.push_str(one);
                one.clear();
                fold::fold_char(c, true, one);
                let same_len =
                    one.len() == c.len_utf8() && one.chars().nth(1).is_none() && !one.is_empty();
                self.folded.push_str(one);
                same && same_len
            };
            if !identity {
                self.anchors.push(orig | SINGLE, preserved, folded);
                in_run = false;
            } else if !in_run {
                self.anchors.push(orig, preserved, folded);
                in_run = true;
            }
        }
        // Sentinel: where the text ends, in every space.
        self.anchors
            .push(text.len() as u32, self.preserved.len(), self.folded.len());
        self.preserved.push('\n');
        self.folded.push('\n');
    }

    /// The case-preserved folded text of the whole article (texts separated by `\n`).
    pub fn folded_text(&self) -> &str {
        &self.preserved
    }

    /// The case-folded folded text of the whole article (what a lower-case
    /// plain query is searched in; the baseline of the benchmarks).
    pub fn case_folded_text(&self) -> &str {
        &self.folded
    }

    /// Every match of `query` in reading order (see the module doc).
    /// `Err` carries an invalid regex's message, one line.
    pub fn find(&self, query: &str, mode: SearchMode) -> Result<Vec<Match>, String> {
        Ok(self.find_query(&Query::new(query, mode)?))
    }

    /// Every match of a prepared query, in reading order (to search several
    /// articles with one compiled regex).
    pub fn find_query(&self, query: &Query) -> Vec<Match> {
        let mut out = Vec::new();
        self.find_into(query, &mut out);
        out
    }

    /// Like [`SearchIndex::find_query`], into `out` (cleared first): a
    /// reader that keeps its `Vec` between keystrokes reuses its memory.
    pub fn find_into(&self, query: &Query, out: &mut Vec<Match>) {
        out.clear();
        match &query.kind {
            QueryKind::Empty => {}
            QueryKind::Plain {
                needle,
                case_sensitive,
            } => self.find_plain(needle, *case_sensitive, out),
            QueryKind::Regex(regex, _) => self.find_regex(regex, out),
        }
    }

    fn find_plain(&self, needle: &str, case_sensitive: bool, out: &mut Vec<Match>) {
        let (variant, hay) = if case_sensitive {
            (Variant::Preserved, &self.preserved)
        } else {
            (Variant::Folded, &self.folded)
        };
        let mut mapper = Mapper::new(self, variant, out);
        if let &[byte] = needle.as_bytes() {
            // The first keystroke: the most matches, and memchr beats memmem there.
            for start in memchr::memchr_iter(byte, hay.as_bytes()) {
                mapper.push(start, start + 1);
            }
        } else {
            for start in memmem::find_iter(hay.as_bytes(), needle.as_bytes()) {
                mapper.push(start, start + needle.len());
            }
        }
    }

    fn find_regex(&self, regex: &regex::Regex, out: &mut Vec<Match>) {
        let _ = self.scan_regex(regex, out, None);
    }

    /// The matches of `regex` given to `found` as they are mapped (all but
    /// the last, which a later one may still merge into, is left in `out`),
    /// so that they need not all be held at once: what `--search` streams.
    pub(super) fn regex_matches(
        &self,
        regex: &regex::Regex,
        found: &mut dyn FnMut(Match) -> ControlFlow<()>,
    ) {
        let mut out = Vec::new();
        if self.scan_regex(regex, &mut out, Some(found)).is_continue() {
            for m in out {
                if found(m).is_break() {
                    return;
                }
            }
        }
    }

    /// Every match of `regex` into `out`; with `drain`, each is taken out
    /// of `out` once the next one is mapped.
    fn scan_regex(
        &self,
        regex: &regex::Regex,
        out: &mut Vec<Match>,
        mut drain: Option<&mut dyn FnMut(Match) -> ControlFlow<()>>,
    ) -> ControlFlow<()> {
        let hay = self.preserved.as_str();
        let mut mapper = Mapper::new(self, Variant::Preserved, out);
        let mut pos = 0;
        // One pass over the whole text. With `\n` between texts and
        // multi-line mode, a match inside one text is found the same way alone
        // or in the whole; only a match that runs over a separator is wrong,
        // and then its text is searched again alone, from that match on.
        while pos <= hay.len() {
            let Some(m) = regex.find_at(hay, pos) else {
                break;
            };
            if m.is_empty() {
                pos = next_char_boundary(hay, m.end());
                continue;
            }
            if let Some(drain) = drain.as_mut() {
                mapper.drain(drain)?;
            }
            let span = self.span_at(m.start(), Variant::Preserved);
            let (start, end) = self.span_bounds(span, Variant::Preserved);
            if m.end() <= end {
                mapper.push(m.start(), m.end());
                pos = m.end();
                continue;
            }
            let text = &hay[start..end];
            let mut at = m.start() - start;
            while at <= text.len() {
                let Some(m) = regex.find_at(text, at) else {
                    break;
                };
                if m.is_empty() {
                    at = next_char_boundary(text, m.end());
                } else {
                    mapper.push(start + m.start(), start + m.end());
                    at = m.end();
                }
            }
            pos = end + 1;
        }
        ControlFlow::Continue(())
    }

    fn starts(&self, variant: Variant) -> &[u32] {
        match variant {
            Variant::Preserved => &self.preserved_starts,
            Variant::Folded => &self.folded_starts,
        }
    }

    /// The span holding folded offset `at` (binary search).
    fn span_at(&self, at: usize, variant: Variant) -> usize {
        self.starts(variant)
            .partition_point(|&s| s as usize <= at)
            .saturating_sub(1)
    }

    /// Folded start and end (the separator's offset) of span `i`.
    fn span_bounds(&self, i: usize, variant: Variant) -> (usize, usize) {
        let starts = self.starts(variant);
        let end = starts
            .get(i + 1)
            .map_or_else(|| self.text_len(variant), |&next| next as usize)
            - 1;
        (starts[i] as usize, end)
    }

    fn text_len(&self, variant: Variant) -> usize {
        match variant {
            Variant::Preserved => self.preserved.len(),
            Variant::Folded => self.folded.len(),
        }
    }

    /// One past span `i`'s sentinel anchor.
    fn span_anchor_end(&self, i: usize) -> usize {
        self.spans
            .get(i + 1)
            .map_or(self.anchors.len(), |s| s.first as usize)
    }
}

/// Where a match starting at a folded offset was found last time: its span,
/// its original start, and how many folded bytes from there on map one to
/// one to the original (the rest of its run of characters folding to
/// themselves; 0 when it starts on one that does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hint {
    span: u32,
    orig: u32,
    run_left: u32,
}

impl Hint {
    pub(super) const NONE: Hint = Hint {
        span: u32::MAX,
        orig: 0,
        run_left: 0,
    };
}

/// The first char boundary of `s` after `at` (past the end if none).
fn next_char_boundary(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(at + 1, |c| at + c.len_utf8())
}

/// Turns folded ranges, found in increasing order, into merged original matches.
pub(super) struct Mapper<'a> {
    index: &'a SearchIndex,
    variant: Variant,
    /// The anchors' keys in this variant's folded text, and their `orig`.
    keys: &'a [u32],
    orig: &'a [u32],
    /// Current span, and where its text ends (folded offset of its
    /// separator; 0 before the first match) and its anchors end.
    span: usize,
    span_end: usize,
    span_anchor_end: usize,
    /// Current anchor: matches come in order, so the next one is found by
    /// looking forward from here (constant time within a run).
    anchor: usize,
    /// The current span's text, and the span of the last match pushed
    /// (`None`: none yet), so merging needs no `TextRef` comparison.
    text: TextRef,
    last_span: Option<usize>,
    out: &'a mut Vec<Match>,
}

impl<'a> Mapper<'a> {
    pub(super) fn new(
        index: &'a SearchIndex,
        variant: Variant,
        out: &'a mut Vec<Match>,
    ) -> Mapper<'a> {
        Mapper {
            index,
            variant,
            keys: index.anchors.keys(variant),
            orig: &index.anchors.orig,
            span: 0,
            span_end: 0,
            span_anchor_end: 0,
            anchor: 0,
            text: TextRef::Title,
            last_span: None,
            out,
        }
    }

    /// Adds the folded range `start..end` (non-empty, on folded char boundaries).
    #[inline]
    fn push(&mut self, start: usize, end: usize) {
        // Fast path: inside the current run of characters that fold to
        // themselves, offsets only shift.
        if start < self.span_end {
            let a = self.anchor;
            let at = self.keys[a] as usize;
            let orig = self.orig[a];
            if orig & SINGLE == 0 && at <= start && end < self.keys[a + 1] as usize {
                let orig = orig as usize;
                self.add(orig + (start - at)..orig + (end - at));
                return;
            }
        }
        self.push_slow(start, end);
    }

    /// [`Mapper::push`], given where `start` was found last time: inside a
    /// run of characters that fold to themselves, and with the match ending
    /// inside it, the match is known without searching. Returns where
    /// `start` is now known to be ([`Hint::NONE`] if nothing was added).
    pub(super) fn push_hinted(&mut self, start: usize, end: usize, hint: Hint) -> Hint {
        if hint.span != u32::MAX && end - start < hint.run_left as usize {
            // The match and the character after it are in a run that maps
            // one to one (so nothing folded to nothing follows it): it
            // cannot overlap the match before it, nor the one after it, so
            // no merging is needed either way.
            let orig = hint.orig as usize;
            self.last_span = None;
            self.out.push(Match {
                text: self.index.spans[hint.span as usize].text,
                range: orig..orig + (end - start),
            });
            return hint;
        }
        let before = self.out.len();
        self.push(start, end);
        if self.out.len() == before {
            return Hint::NONE; // merged, or not a match of one text
        }
        let a = self.anchor;
        let at = self.keys[a] as usize;
        let run_left = if self.orig[a] & SINGLE == 0 && at <= start {
            self.keys[a + 1] as usize - start
        } else {
            0
        };
        Hint {
            span: self.span as u32,
            orig: self.out.last().map_or(0, |m| m.range.start as u32),
            run_left: run_left as u32,
        }
    }

    /// Gives `found` every match mapped but the last (a later one may still
    /// merge into it).
    fn drain(&mut self, found: &mut dyn FnMut(Match) -> ControlFlow<()>) -> ControlFlow<()> {
        if self.out.len() > 1 {
            let last = self.out.pop().expect("two or more");
            for m in self.out.drain(..) {
                found(m)?;
            }
            self.out.push(last);
        }
        ControlFlow::Continue(())
    }

    /// Adds a match of the current span, merged with the last one if they overlap.
    #[inline]
    fn add(&mut self, range: Range<usize>) {
        if self.last_span == Some(self.span)
            && let Some(last) = self.out.last_mut()
            && range.start < last.range.end
        {
            last.range.end = last.range.end.max(range.end);
            return;
        }
        self.last_span = Some(self.span);
        self.out.push(Match {
            text: self.text,
            range,
        });
    }

    #[inline(never)]
    fn push_slow(&mut self, start: usize, end: usize) {
        let index = self.index;
        if start >= self.span_end || self.span_anchor_end == 0 {
            if index.spans.is_empty() {
                return;
            }
            // The span: the last one starting at or before `start`.
            let starts = index.starts(self.variant);
            self.span = gallop(starts, self.span, start);
            self.span_anchor_end = index.span_anchor_end(self.span);
            self.span_end = index.span_bounds(self.span, self.variant).1;
            self.anchor = index.spans[self.span].first as usize;
            self.text = index.spans[self.span].text;
        }
        if end > self.span_end {
            return; // crosses into the next text
        }
        let keys = &self.keys[..self.span_anchor_end];
        let orig = self.orig;
        let sentinel = keys.len() - 1;
        let key = |i: usize| keys[i] as usize;
        let mut a = self.anchor;
        if key(a + 1) <= start {
            a = gallop(keys, a, start);
        }
        let orig_start = if orig[a] & SINGLE != 0 {
            orig_offset(orig[a])
        } else {
            orig_offset(orig[a]) + (start - key(a))
        };
        let b = if key(a + 1) > end - 1 {
            a
        } else {
            gallop(keys, a, end - 1)
        };
        let mut orig_end = if orig[b] & SINGLE != 0 {
            orig_offset(orig[b + 1])
        } else {
            orig_offset(orig[b]) + (end - key(b))
        };
        // Take in what folded to nothing right after the match (combining
        // marks of its last letter), so a highlight does not cut a grapheme.
        let mut next = b + 1;
        while next < sentinel && orig_end == orig_offset(orig[next]) && key(next) == key(next + 1) {
            orig_end = orig_offset(orig[next + 1]);
            next += 1;
        }
        self.anchor = a;
        self.add(orig_start..orig_end);
    }
}

/// The last index `i >= from` in `keys` with `keys[i] <= target`, given
/// `keys[from] <= target` and keys sorted: exponential then binary search,
/// so walking forward through sorted targets costs O(log distance) each.
fn gallop(keys: &[u32], from: usize, target: usize) -> usize {
    let key = |i: usize| keys[i] as usize;
    let mut step = 1;
    let mut lo = from;
    let mut hi = from + 1;
    while hi < keys.len() && key(hi) <= target {
        lo = hi;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(keys.len());
    lo + keys[lo..hi].partition_point(|&k| k as usize <= target) - 1
}
