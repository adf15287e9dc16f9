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
//! [`count_by_section`], [`posts_with_matches`], [`matches_in`],
//! [`first_at_or_after`], [`next_with_wrap`], [`prev_with_wrap`],
//! [`reading_key`]. The prompt's text editing is [`prompt::Prompt`].

pub mod fold;
pub mod prompt;

use std::ops::Range;

use memchr::memmem;

use crate::corpus::model::{Article, BlockRef, TextRef};

pub use fold::fold_str;

/// How the query is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchMode {
    /// Literal text (folded).
    #[default]
    Plain,
    /// A regular expression (`regex` crate syntax) over the folded text.
    Regex,
}

impl SearchMode {
    /// The other mode (what `Ctrl-r` in the prompt does).
    pub fn toggled(self) -> SearchMode {
        match self {
            SearchMode::Plain => SearchMode::Regex,
            SearchMode::Regex => SearchMode::Plain,
        }
    }
}

/// One match: a byte range of the original string `text` names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Match {
    pub text: TextRef,
    pub range: Range<usize>,
}

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
enum Variant {
    Preserved,
    Folded,
}

/// The folded text of one article with its map back to the original.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    preserved: String,
    folded: String,
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

/// Cap on a compiled regex, so a pathological pattern fails instead of eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

impl SearchIndex {
    /// Folds every searchable text of `article` (see the module doc).
    pub fn build(article: &Article) -> SearchIndex {
        let mut index = SearchIndex {
            preserved: String::new(),
            folded: String::new(),
            anchors: Anchors::default(),
            spans: Vec::new(),
            preserved_starts: Vec::new(),
            folded_starts: Vec::new(),
        };
        let mut one = String::new();
        for text_ref in article.texts() {
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
            QueryKind::Regex(regex) => self.find_regex(regex, out),
        }
    }

    /// [`SearchIndex::find_into`] for a query typed one key at a time: when
    /// `query` is plain and its folded needle extends the one `narrowing`
    /// holds (same case sensitivity), only the places that needle was found
    /// are checked again, instead of scanning the whole folded text. Any
    /// other query scans it (and, when plain, fills `narrowing` for the
    /// next key). Same matches as `find_into`; `narrowing` must only ever be
    /// used with this index ([`Narrowing::clear`] it for another one).
    pub fn find_narrowing(&self, query: &Query, narrowing: &mut Narrowing, out: &mut Vec<Match>) {
        let QueryKind::Plain {
            needle,
            case_sensitive,
        } = &query.kind
        else {
            narrowing.clear();
            return self.find_into(query, out);
        };
        out.clear();
        let (variant, hay) = if *case_sensitive {
            (Variant::Preserved, self.preserved.as_bytes())
        } else {
            (Variant::Folded, self.folded.as_bytes())
        };
        let narrows = narrowing.extends(query);
        let needle = needle.as_bytes();
        let n = narrowing;
        if narrows {
            // Keep the places the longer needle still matches, with their
            // hints, reading the text only past the bytes kept with them.
            let (head, rest) = needle.split_at(needle.len().min(AHEAD));
            let (want, mask) = (pack_ahead(head), ahead_mask(head.len()));
            let mut kept = 0;
            for i in 0..n.starts.len() {
                let at = n.starts[i] as usize;
                if n.ahead[i] & mask == want
                    && at + needle.len() <= hay.len()
                    && (rest.is_empty() || hay[at + AHEAD..].starts_with(rest))
                {
                    n.starts[kept] = n.starts[i];
                    n.ahead[kept] = n.ahead[i];
                    n.hints[kept] = n.hints[i];
                    kept += 1;
                }
            }
            n.starts.truncate(kept);
            n.ahead.truncate(kept);
            n.hints.truncate(kept);
        } else {
            n.starts.clear();
            if has_border(needle) {
                // Every start, overlapping ones too: a longer needle may only
                // match where this one overlapped itself ("aa" in "aaab").
                let finder = memmem::Finder::new(needle);
                let mut from = 0;
                while let Some(i) = finder.find(&hay[from..]) {
                    n.starts.push((from + i) as u32);
                    from += i + 1;
                }
            } else {
                // It cannot overlap itself: the plain scan finds every start.
                n.starts
                    .extend(memmem::find_iter(hay, needle).map(|at| at as u32));
            }
            n.ahead.clear();
            n.ahead.extend(n.starts.iter().map(|&at| {
                let at = at as usize;
                pack_ahead(&hay[at..hay.len().min(at + AHEAD)])
            }));
            n.hints.clear();
            n.hints.resize(n.starts.len(), Hint::NONE);
        }
        n.needle.clear();
        n.needle.extend_from_slice(needle);
        n.case_sensitive = *case_sensitive;
        n.valid = true;
        // Leftmost non-overlapping, as `memmem::find_iter` reports them.
        let mut mapper = Mapper::new(self, variant, out);
        let mut end = 0;
        for (i, &at) in n.starts.iter().enumerate() {
            let at = at as usize;
            if at < end {
                continue;
            }
            end = at + needle.len();
            n.hints[i] = mapper.push_hinted(at, end, n.hints[i]);
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

/// What [`SearchIndex::find_narrowing`] keeps between keystrokes: the last
/// plain needle and every place (folded offset) it was found, overlapping.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    needle: Vec<u8>,
    case_sensitive: bool,
    starts: Vec<u32>,
    /// For each start, the folded bytes there (up to [`AHEAD`]), so that
    /// narrowing reads these in order rather than the text at random.
    ahead: Vec<u128>,
    /// For each start, what the last mapping found there (so the next one
    /// mostly maps it without looking anything up).
    hints: Vec<Hint>,
    valid: bool,
}

/// Where a match starting at a folded offset was found last time: its span,
/// its original start, and how many folded bytes from there on map one to
/// one to the original (the rest of its run of characters folding to
/// themselves; 0 when it starts on one that does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hint {
    span: u32,
    orig: u32,
    run_left: u32,
}

impl Hint {
    const NONE: Hint = Hint {
        span: u32::MAX,
        orig: 0,
        run_left: 0,
    };
}

/// Folded bytes kept with each start of a [`Narrowing`].
const AHEAD: usize = 16;

/// Up to [`AHEAD`] bytes as one number (little-endian, zero-padded).
fn pack_ahead(bytes: &[u8]) -> u128 {
    let mut word = [0u8; AHEAD];
    let n = bytes.len().min(AHEAD);
    word[..n].copy_from_slice(&bytes[..n]);
    u128::from_le_bytes(word)
}

/// The bits of the first `len` bytes of a packed number.
fn ahead_mask(len: usize) -> u128 {
    if len >= AHEAD {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    }
}

/// Whether `needle` has a proper prefix that is also a suffix (so it can
/// overlap itself in a text).
fn has_border(needle: &[u8]) -> bool {
    (1..needle.len()).any(|k| needle[..k] == needle[needle.len() - k..])
}

impl Narrowing {
    /// Whether `query` only narrows the places kept (a plain query that
    /// extends the last needle, same case sensitivity), so that
    /// [`SearchIndex::find_narrowing`] does not scan the whole text.
    pub fn extends(&self, query: &Query) -> bool {
        match &query.kind {
            QueryKind::Plain {
                needle,
                case_sensitive,
            } => {
                self.valid
                    && self.case_sensitive == *case_sensitive
                    && needle.as_bytes().starts_with(&self.needle)
            }
            _ => false,
        }
    }

    /// Forgets the last needle: the next search scans the whole text.
    pub fn clear(&mut self) {
        self.valid = false;
        self.needle.clear();
        self.starts.clear();
        self.ahead.clear();
        self.hints.clear();
    }
}

/// A query ready to run: folded, or compiled when it is a regex.
#[derive(Debug, Clone)]
pub struct Query {
    kind: QueryKind,
}

#[derive(Debug, Clone)]
enum QueryKind {
    /// Folds to nothing: no match.
    Empty,
    Plain {
        needle: String,
        case_sensitive: bool,
    },
    Regex(regex::Regex),
}

impl Query {
    /// Folds `query` (smart-case) or compiles it as a regex. `Err` carries an
    /// invalid or oversized regex's message, one line.
    pub fn new(query: &str, mode: SearchMode) -> Result<Query, String> {
        let kind = match mode {
            SearchMode::Plain => {
                let case_sensitive = fold::wants_case_sensitive(query);
                let needle = fold_str(query, !case_sensitive);
                if needle.is_empty() {
                    QueryKind::Empty
                } else {
                    QueryKind::Plain {
                        needle,
                        case_sensitive,
                    }
                }
            }
            SearchMode::Regex => {
                let folded = fold::fold_pattern(query);
                if folded.is_empty() {
                    QueryKind::Empty
                } else {
                    let regex = regex::RegexBuilder::new(&folded)
                        .case_insensitive(!fold::regex_wants_case_sensitive(query))
                        .multi_line(true)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .dfa_size_limit(REGEX_SIZE_LIMIT)
                        .build()
                        .map_err(regex_message)?;
                    QueryKind::Regex(regex)
                }
            }
        };
        Ok(Query { kind })
    }

    /// Characters of the folded needle of a plain query (`None` for a regex;
    /// 0 when it folds to nothing).
    pub fn plain_chars(&self) -> Option<usize> {
        match &self.kind {
            QueryKind::Empty => Some(0),
            QueryKind::Plain { needle, .. } => Some(needle.chars().count()),
            QueryKind::Regex(_) => None,
        }
    }
}

/// The first char boundary of `s` after `at` (past the end if none).
fn next_char_boundary(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(at + 1, |c| at + c.len_utf8())
}

/// Turns folded ranges, found in increasing order, into merged original matches.
struct Mapper<'a> {
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
    /// (`usize::MAX`: none), so merging needs no `TextRef` comparison.
    text: TextRef,
    last_span: usize,
    out: &'a mut Vec<Match>,
}

impl<'a> Mapper<'a> {
    fn new(index: &'a SearchIndex, variant: Variant, out: &'a mut Vec<Match>) -> Mapper<'a> {
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
            last_span: usize::MAX,
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
    fn push_hinted(&mut self, start: usize, end: usize, hint: Hint) -> Hint {
        if hint.span != u32::MAX && end - start < hint.run_left as usize {
            // The match and the character after it are in a run that maps
            // one to one (so nothing folded to nothing follows it): it
            // cannot overlap the match before it, nor the one after it, so
            // no merging is needed either way.
            let orig = hint.orig as usize;
            self.last_span = usize::MAX;
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

    /// Adds a match of the current span, merged with the last one if they overlap.
    #[inline]
    fn add(&mut self, range: Range<usize>) {
        if self.last_span == self.span
            && let Some(last) = self.out.last_mut()
            && range.start < last.range.end
        {
            last.range.end = last.range.end.max(range.end);
            return;
        }
        self.last_span = self.span;
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

/// The last line of a regex error ("error: unclosed group"), as one line.
fn regex_message(err: regex::Error) -> String {
    match err {
        regex::Error::CompiledTooBig(_) => "regex too large".to_string(),
        other => {
            let text = other.to_string();
            let last = text.lines().last().unwrap_or("").trim();
            let reason = last.strip_prefix("error:").unwrap_or(last).trim();
            format!("invalid regex: {reason}")
        }
    }
}

/// The position of a text in reading order (the order of [`Article::texts`]),
/// as a key that sorts the same way; `TextRef`'s own `Ord` does not.
pub fn reading_key(text: TextRef) -> (usize, usize, usize, usize) {
    let block = |at: BlockRef, part: usize| (2, at.section, at.block + 1, part);
    match text {
        TextRef::Title => (0, 0, 0, 0),
        TextRef::Notice => (1, 0, 0, 0),
        TextRef::Heading(s) => (2, s, 0, 0),
        TextRef::Paragraph(at) | TextRef::PostAuthor(at) => block(at, 0),
        TextRef::PostHandle(at) => block(at, 1),
        TextRef::PostText(at) => block(at, 2),
        TextRef::PostLink(at, i) => block(at, 3usize.saturating_add(i.wrapping_add(1))),
    }
}

/// The section a text belongs to (title and notice count in section 0).
pub fn section_of(text: TextRef) -> usize {
    match text {
        TextRef::Title | TextRef::Notice => 0,
        TextRef::Heading(s) => s,
        TextRef::Paragraph(at)
        | TextRef::PostAuthor(at)
        | TextRef::PostHandle(at)
        | TextRef::PostText(at)
        | TextRef::PostLink(at, _) => at.section,
    }
}

/// The post a text belongs to, if any.
pub fn post_of(text: TextRef) -> Option<BlockRef> {
    match text {
        TextRef::PostAuthor(at)
        | TextRef::PostHandle(at)
        | TextRef::PostText(at)
        | TextRef::PostLink(at, _) => Some(at),
        _ => None,
    }
}

/// How many matches each section holds, indexed by section (length
/// `section_count`; title and notice count in section 0).
pub fn count_by_section(matches: &[Match], section_count: usize) -> Vec<usize> {
    let mut counts = vec![0; section_count];
    for m in matches {
        if let Some(c) = counts.get_mut(section_of(m.text)) {
            *c += 1;
        }
    }
    counts
}

/// The posts holding at least one match, in reading order, without
/// duplicates (so `binary_search` works on it).
pub fn posts_with_matches(matches: &[Match]) -> Vec<BlockRef> {
    let mut posts: Vec<BlockRef> = matches.iter().filter_map(|m| post_of(m.text)).collect();
    posts.dedup();
    posts
}

/// The index of the first match at or after byte `at` of `text` in reading
/// order, `None` if there is none (the caller wraps to 0 if it wants).
pub fn first_at_or_after(matches: &[Match], text: TextRef, at: usize) -> Option<usize> {
    let key = (reading_key(text), at);
    let i = matches.partition_point(|m| (reading_key(m.text), m.range.start) < key);
    (i < matches.len()).then_some(i)
}

/// The indices of the matches that touch `range` of `text` (for drawing one
/// display line): a contiguous slice of `matches`, found by binary search.
pub fn matches_in(matches: &[Match], text: TextRef, range: Range<usize>) -> Range<usize> {
    let key = reading_key(text);
    let from = matches.partition_point(|m| {
        let k = reading_key(m.text);
        k < key || k == key && m.range.end <= range.start
    });
    let to =
        from + matches[from..].partition_point(|m| m.text == text && m.range.start < range.end);
    from..to
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
