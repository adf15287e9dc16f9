//! A regex over one text folded as it is read, for `--search --regex`: the
//! folded text is never held whole, however much folding expands it
//! (U+FDFA folds to 18 characters). Two lazy DFAs do it, as the `regex`
//! crate itself finds a match: a forward one finds where the leftmost-first
//! match ends, a reverse one, run back from there, where it starts. The
//! folded bytes come from folding the text again from the right character,
//! forwards or backwards, one character at a time; each byte knows the
//! character it comes from, so a match maps back to the original as
//! [`super::SearchIndex`] maps it (a match touching a character's fold
//! covers the whole character, marks folding to nothing after it are taken
//! in, overlapping matches merge). A test compares the two on every shape of
//! text and pattern.
//!
//! A pattern a lazy DFA cannot run (a Unicode word boundary `\b`, which it
//! can only guess at in ASCII) gets no [`StreamRegex`]: the caller folds the
//! text whole as before.

use std::ops::{ControlFlow, Range};

use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, MatchKind};

use super::fold::fold_char;

/// The forward and reverse lazy DFAs of a folded pattern.
#[derive(Debug, Clone)]
pub struct StreamRegex {
    forward: DFA,
    reverse: DFA,
}

/// What the two DFAs may hold in their caches, each (they clear them when
/// full rather than grow; the `regex` crate's default).
const CACHE_BYTES: usize = 2 << 20;

/// Something a lazy DFA could not go on with: the caller falls back to the
/// folded text whole, for the matches starting at or after `from` (those
/// before were given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported {
    pub from: usize,
}

const UNSUPPORTED: Unsupported = Unsupported { from: 0 };

impl StreamRegex {
    /// The DFAs of `pattern` (already folded) with the flags the `regex`
    /// crate's compiled form has; `None` if a lazy DFA cannot run it.
    pub fn new(pattern: &str, case_insensitive: bool, size_limit: usize) -> Option<StreamRegex> {
        let syntax = syntax::Config::new()
            .case_insensitive(case_insensitive)
            .multi_line(true);
        let config = || {
            DFA::config()
                .cache_capacity(CACHE_BYTES)
                .skip_cache_capacity_check(true)
                // Never give up on a cache cleared often: slower, still right.
                .minimum_cache_clear_count(None)
        };
        let forward = DFA::builder()
            .configure(config().match_kind(MatchKind::LeftmostFirst))
            .syntax(syntax)
            .thompson(thompson::Config::new().nfa_size_limit(Some(size_limit)))
            .build(pattern)
            .ok()?;
        let reverse = DFA::builder()
            .configure(
                config()
                    .prefilter(None)
                    .specialize_start_states(false)
                    .match_kind(MatchKind::All),
            )
            .syntax(syntax)
            .thompson(
                thompson::Config::new()
                    .reverse(true)
                    .nfa_size_limit(Some(size_limit)),
            )
            .build(pattern)
            .ok()?;
        Some(StreamRegex { forward, reverse })
    }

    /// Calls `found` with every match in `text` folded (case kept), as byte
    /// ranges of `text` in order, merged where they overlap, until it
    /// breaks: what [`super::SearchIndex::of_text`] finds, without the
    /// folded text. `Err` if the DFAs could not go on (never seen: they
    /// quit on no byte, and clear their caches rather than give up).
    pub fn for_each_match(
        &self,
        text: &str,
        found: &mut dyn FnMut(Range<usize>) -> ControlFlow<()>,
    ) -> Result<(), Unsupported> {
        let mut search = Search {
            regex: self,
            text,
            forward: self.forward.create_cache(),
            reverse: self.reverse.create_cache(),
        };
        // Matches are given one behind: the next may merge into the last.
        let mut pending: Option<Range<usize>> = None;
        // The end of the last match given: a fallback goes on from there.
        let mut given = 0;
        let mut give = |range: Range<usize>, given: &mut usize| {
            *given = range.end;
            found(range)
        };
        let mut from = Cursor::START;
        let mut before: Option<u8> = None;
        loop {
            let end = match search.match_end(from, before) {
                Ok(Some(end)) => end,
                Ok(None) => break,
                Err(_) => return Err(Unsupported { from: given }),
            };
            let Some(last) = end.last.filter(|_| end.folded > from.folded) else {
                // Empty: skipped, and the search goes on a character further.
                let mut bytes = Bytes::at(text, from);
                let Some(first) = bytes.next() else {
                    break;
                };
                let mut last = first;
                for _ in 1..utf8_width(first.value) {
                    last = bytes.next().unwrap_or(last);
                }
                from = last.after();
                before = Some(last.value);
                continue;
            };
            let start = match search.match_start(from, before, &end, last) {
                Ok(start) => start,
                Err(_) => return Err(Unsupported { from: given }),
            };
            let range = start..taking_in_empty_folds(text, last.char_end);
            match &mut pending {
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => {
                    if let Some(last) = pending.replace(range)
                        && give(last, &mut given).is_break()
                    {
                        return Ok(());
                    }
                }
            }
            from = last.after();
            before = Some(last.value);
        }
        if let Some(last) = pending {
            let _ = give(last, &mut given);
        }
        Ok(())
    }
}

/// A place in the folded text: before byte `k` of the fold of the
/// character starting at `orig` (`k` may be the fold's length: after it),
/// `folded` bytes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    orig: usize,
    k: usize,
    folded: usize,
}

impl Cursor {
    const START: Cursor = Cursor {
        orig: 0,
        k: 0,
        folded: 0,
    };
}

/// A folded byte and where it comes from: the original character
/// `char_start..char_end`, byte `k` of its fold, `folded` bytes in.
#[derive(Debug, Clone, Copy)]
struct Byte {
    value: u8,
    char_start: usize,
    char_end: usize,
    k: usize,
    folded: usize,
}

impl Byte {
    /// The place right after this byte.
    fn after(self) -> Cursor {
        Cursor {
            orig: self.char_start,
            k: self.k + 1,
            folded: self.folded + 1,
        }
    }
}

/// The folded bytes of a text from a place on, each with where it comes from.
struct Bytes<'t> {
    text: &'t str,
    /// The character being read: where it starts and ends, and its fold.
    orig: usize,
    end: usize,
    fold: String,
    k: usize,
    folded: usize,
}

impl<'t> Bytes<'t> {
    fn at(text: &'t str, at: Cursor) -> Bytes<'t> {
        let mut fold = String::new();
        let mut end = at.orig;
        if let Some(c) = text[at.orig..].chars().next() {
            fold_char(c, false, &mut fold);
            end += c.len_utf8();
        }
        Bytes {
            text,
            orig: at.orig,
            end,
            fold,
            k: at.k,
            folded: at.folded,
        }
    }
}

impl Iterator for Bytes<'_> {
    type Item = Byte;

    fn next(&mut self) -> Option<Byte> {
        while self.k >= self.fold.len() {
            self.orig = self.end;
            let c = self.text[self.orig..].chars().next()?;
            self.end = self.orig + c.len_utf8();
            self.fold.clear();
            fold_char(c, false, &mut self.fold);
            self.k = 0;
        }
        let byte = Byte {
            value: self.fold.as_bytes()[self.k],
            char_start: self.orig,
            char_end: self.end,
            k: self.k,
            folded: self.folded,
        };
        self.k += 1;
        self.folded += 1;
        Some(byte)
    }
}

/// The folded bytes of a text before a place, last first.
struct BytesBack<'t> {
    text: &'t str,
    orig: usize,
    fold: String,
    k: usize,
    folded: usize,
}

impl<'t> BytesBack<'t> {
    /// The bytes before `last` and `last` itself.
    fn through(text: &'t str, last: Byte) -> BytesBack<'t> {
        let mut fold = String::new();
        fold_char(
            text[last.char_start..].chars().next().unwrap_or('\0'),
            false,
            &mut fold,
        );
        BytesBack {
            text,
            orig: last.char_start,
            fold,
            k: last.k + 1,
            folded: last.folded + 1,
        }
    }
}

impl Iterator for BytesBack<'_> {
    type Item = Byte;

    fn next(&mut self) -> Option<Byte> {
        while self.k == 0 {
            let (start, c) = self.text[..self.orig].char_indices().next_back()?;
            self.orig = start;
            self.fold.clear();
            fold_char(c, false, &mut self.fold);
            self.k = self.fold.len();
        }
        self.k -= 1;
        self.folded -= 1;
        let c = self.text[self.orig..].chars().next().unwrap_or('\0');
        Some(Byte {
            value: self.fold.as_bytes()[self.k],
            char_start: self.orig,
            char_end: self.orig + c.len_utf8(),
            k: self.k,
            folded: self.folded,
        })
    }
}

/// Where a match ends (`folded`), the byte before (none for an empty match
/// at the start of a search) and the byte after (none at the end).
#[derive(Debug, Clone, Copy)]
struct End {
    folded: usize,
    last: Option<Byte>,
    next: Option<u8>,
}

struct Search<'r, 't> {
    regex: &'r StreamRegex,
    text: &'t str,
    forward: Cache,
    reverse: Cache,
}

impl Search<'_, '_> {
    /// Where the leftmost-first match at or after `from` ends (`before`:
    /// the folded byte before `from`), if there is one.
    fn match_end(&mut self, from: Cursor, before: Option<u8>) -> Result<Option<End>, Unsupported> {
        let dfa = &self.regex.forward;
        let config = start::Config::new()
            .anchored(Anchored::No)
            .look_behind(before);
        let mut sid = dfa
            .start_state(&mut self.forward, &config)
            .map_err(|_| UNSUPPORTED)?;
        let mut found = None;
        let mut last: Option<Byte> = None;
        let mut folded = from.folded;
        for byte in Bytes::at(self.text, from) {
            sid = next(dfa, &mut self.forward, sid, byte.value)?;
            if sid.is_tagged() {
                if sid.is_match() {
                    found = Some(End {
                        folded: byte.folded,
                        last,
                        next: Some(byte.value),
                    });
                } else if sid.is_dead() {
                    return Ok(found);
                } else if sid.is_quit() {
                    return Err(UNSUPPORTED);
                }
            }
            last = Some(byte);
            folded = byte.folded + 1;
        }
        let sid = dfa
            .next_eoi_state(&mut self.forward, sid)
            .map_err(|_| UNSUPPORTED)?;
        if sid.is_match() {
            found = Some(End {
                folded,
                last,
                next: None,
            });
        }
        Ok(found)
    }

    /// The original start of the match at or after `from` (whose folded
    /// byte before is `before`) ending at `end`, whose last byte is `last`:
    /// where the character holding its first byte starts.
    fn match_start(
        &mut self,
        from: Cursor,
        before: Option<u8>,
        end: &End,
        last: Byte,
    ) -> Result<usize, Unsupported> {
        let dfa = &self.regex.reverse;
        let config = start::Config::new()
            .anchored(Anchored::Yes)
            .look_behind(end.next);
        let mut sid = dfa
            .start_state(&mut self.reverse, &config)
            .map_err(|_| UNSUPPORTED)?;
        let mut start = None;
        // The byte read before the current one: where a match found now starts.
        let mut right: Option<Byte> = None;
        let mut bytes = BytesBack::through(self.text, last);
        while bytes.folded > from.folded {
            let Some(byte) = bytes.next() else {
                break;
            };
            sid = next(dfa, &mut self.reverse, sid, byte.value)?;
            if sid.is_tagged() {
                if sid.is_match() {
                    start = right.map(|r| r.char_start).or(start);
                } else if sid.is_dead() {
                    return start.ok_or(UNSUPPORTED);
                } else if sid.is_quit() {
                    return Err(UNSUPPORTED);
                }
            }
            right = Some(byte);
        }
        let sid = match before {
            Some(byte) => next(dfa, &mut self.reverse, sid, byte)?,
            None => dfa
                .next_eoi_state(&mut self.reverse, sid)
                .map_err(|_| UNSUPPORTED)?,
        };
        if sid.is_match() {
            start = right.map(|r| r.char_start).or(start);
        }
        // The forward search found a match ending here: the reverse one finds its start.
        start.ok_or(UNSUPPORTED)
    }
}

/// `end` taken past the characters right after it that fold to nothing
/// (combining marks of its last letter): a match never cuts a letter
/// from its accents.
fn taking_in_empty_folds(text: &str, mut end: usize) -> usize {
    let mut fold = String::new();
    for c in text[end..].chars() {
        fold.clear();
        fold_char(c, false, &mut fold);
        if !fold.is_empty() {
            break;
        }
        end += c.len_utf8();
    }
    end
}

fn next(
    dfa: &DFA,
    cache: &mut Cache,
    sid: LazyStateID,
    byte: u8,
) -> Result<LazyStateID, Unsupported> {
    dfa.next_state(cache, sid, byte).map_err(|_| UNSUPPORTED)
}

/// The length of the UTF-8 sequence `first` starts.
fn utf8_width(first: u8) -> usize {
    match first {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> Vec<Range<usize>> {
        let regex = StreamRegex::new(pattern, true, 1 << 20).expect("a lazy DFA runs it");
        let mut out = Vec::new();
        regex
            .for_each_match(text, &mut |range| {
                out.push(range);
                ControlFlow::Continue(())
            })
            .unwrap();
        out
    }

    #[test]
    fn matches_land_on_whole_characters_of_the_original() {
        // U+FDFA folds to "صلى الله عليه وسلم": a match inside it covers it.
        let text = "a\u{fdfa}b";
        assert_eq!(matches("الله", text), [1..4]);
        // Accents fold away: `e` finds `é`, and a mark after it is taken in.
        assert_eq!(matches("e", "é e\u{301}"), [0..2, 3..6]);
        // `ß` folds to `ss`: two matches in it merge.
        assert_eq!(matches("s", "ß"), [0..2]);
        // Empty matches are skipped.
        assert_eq!(matches("x*", "abc"), Vec::<Range<usize>>::new());
        assert_eq!(matches("a|", "ba"), [1..2]);
    }

    #[test]
    fn a_unicode_word_boundary_is_left_to_the_folded_text() {
        assert!(StreamRegex::new(r"\bmot", true, 1 << 20).is_none());
        assert!(StreamRegex::new(r"(?-u:\b)mot", true, 1 << 20).is_some());
    }

    #[test]
    fn nothing_grows_with_the_text() {
        // Only the character being read is folded: no allocation per byte.
        let text = "\u{fdfa}".repeat(10_000);
        let mut count = 0;
        matches("ل", &text).iter().for_each(|_| count += 1);
        assert_eq!(count, 10_000);
    }
}
