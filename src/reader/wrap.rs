//! Line breaking, one function for the reader and `--dump`: where a text
//! breaks into lines of a width, as byte ranges of the original (so a line
//! still knows which bytes it shows), with French typography's rules.

use std::ops::Range;

use ratatui::buffer::CellWidth;
use textwrap::WordSeparator;
use textwrap::core::Word;
use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};
use unicode_width::UnicodeWidthChar;

/// Wraps `text` to `width` columns, `\n` being a hard break: the byte range
/// of each line. See [`wrap_lines`].
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    wrap_lines(text, width, width)
}

/// The one line breaker, for the reader and `--dump` alike: `text` wrapped
/// to `first` columns on its first line and `rest` on the others (a hanging
/// indent takes the difference), `\n` being a hard break, as the byte range
/// of each line. Lines are filled one after the other (first fit), breaking
/// only at ASCII spaces: never at a no-break space, nor at the hyphens of
/// "a-t-il" or "2026-01-01", nor before French high punctuation
/// ([`FrenchWords`]); a word wider than the column is broken between
/// grapheme clusters, never inside one (a ZWJ emoji stays whole). Widths
/// are the terminal's: each grapheme cluster as ratatui draws it
/// ([`text_width`]). Ranges leave out the spaces at the breaks.
pub fn wrap_lines(text: &str, first: usize, rest: usize) -> Vec<Range<usize>> {
    line_breaks(text, first, rest).collect()
}

/// [`wrap_lines`] one line at a time: the memory it takes does not grow
/// with the text (a paragraph of 50 MB streams through `--dump`).
pub fn line_breaks(text: &str, first: usize, rest: usize) -> LineBreaks<'_> {
    LineBreaks {
        text,
        first: first.max(1),
        rest: rest.max(1),
        pieces: text.split('\n'),
        words: None,
        breaking: None,
        emitted: 0,
        line: None,
        used: 0,
    }
}

/// The columns `text` takes on a terminal, as ratatui draws it: the sum of
/// its grapheme clusters' widths (`unicode-width`, an emoji ZWJ sequence
/// being 2; ratatui counts a halfwidth sound mark, U+FF9E or U+FF9F, one more).
pub fn text_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    // Most words are letters that never join into a cluster (Latin,
    // Cyrillic, quotes and dashes): one cluster each, their widths add up.
    if text.chars().all(stands_alone) {
        return text.chars().map(|c| c.width().unwrap_or(0)).sum();
    }
    text.graphemes(true).map(cluster_width).sum()
}

/// Whether `c` is a grapheme cluster by itself whatever surrounds it, with
/// the width `unicode-width` gives it: neither it nor what follows it joins
/// (no combining mark, joiner, Prepend, Hangul jamo or regional indicator).
fn stands_alone(c: char) -> bool {
    matches!(c,
        '\u{20}'..='\u{7e}'
        | '\u{a0}'..='\u{2ff}'
        | '\u{400}'..='\u{482}'
        | '\u{48a}'..='\u{52f}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}')
}

/// A grapheme cluster's width as ratatui gives it a place in its buffer
/// (which is what decides whether a line fits a pane).
fn cluster_width(cluster: &str) -> usize {
    usize::from(cluster.cell_width())
}

/// A piece of a line: a word (or part of a word too wide for a line), its
/// width, and the width of the spaces after it.
struct Fragment {
    range: Range<usize>,
    width: usize,
    spaces: usize,
}

/// The iterator [`line_breaks`] returns.
pub struct LineBreaks<'a> {
    text: &'a str,
    first: usize,
    rest: usize,
    /// The text's lines (between hard breaks), and the words of the one
    /// being wrapped.
    pieces: std::str::Split<'a, char>,
    words: Option<FrenchWords<'a>>,
    /// A word wider than a line, being cut.
    breaking: Option<Breaking<'a>>,
    /// Lines returned so far (the first has its own width).
    emitted: usize,
    /// The line being filled, and the columns it takes (spaces after its
    /// last word included).
    line: Option<Range<usize>>,
    used: usize,
}

impl LineBreaks<'_> {
    fn offset(&self, s: &str) -> usize {
        s.as_ptr() as usize - self.text.as_ptr() as usize
    }

    /// The next fragment of the current hard line, `None` at its end.
    fn next_fragment(&mut self) -> Option<Fragment> {
        loop {
            if let Some(breaking) = &mut self.breaking {
                match breaking.next_piece(self.rest) {
                    Some(fragment) => return Some(fragment),
                    None => self.breaking = None,
                }
            }
            let word = self.words.as_mut()?.next()?;
            let start = self.offset(word.word);
            let width = text_width(word.word);
            let spaces = word.whitespace.len();
            if width <= self.rest {
                return Some(Fragment {
                    range: start..start + word.word.len(),
                    width,
                    spaces,
                });
            }
            // As textwrap does: a word wider than the later lines is cut.
            self.breaking = Some(Breaking {
                clusters: word.word.grapheme_indices(true),
                base: start,
                end: start + word.word.len(),
                start,
                width: 0,
                spaces,
            });
        }
    }
}

impl Iterator for LineBreaks<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        loop {
            if self.words.is_none() {
                let piece = self.pieces.next()?;
                if piece.is_empty() {
                    let at = self.offset(piece);
                    self.emitted += 1;
                    return Some(at..at);
                }
                self.words = Some(FrenchWords::new(piece));
            }
            let Some(fragment) = self.next_fragment() else {
                self.words = None;
                if let Some(line) = self.line.take() {
                    self.emitted += 1;
                    return Some(line);
                }
                continue;
            };
            let width = if self.emitted == 0 {
                self.first
            } else {
                self.rest
            };
            // First fit: the fragment goes on this line if it fits, else starts the next.
            match &mut self.line {
                Some(line) if self.used + fragment.width > width => {
                    let done = std::mem::replace(line, fragment.range);
                    self.used = fragment.width + fragment.spaces;
                    self.emitted += 1;
                    return Some(done);
                }
                Some(line) => {
                    line.end = fragment.range.end;
                    self.used += fragment.width + fragment.spaces;
                }
                None => {
                    self.line = Some(fragment.range);
                    self.used = fragment.width + fragment.spaces;
                }
            }
        }
    }
}

/// A word wider than a line, cut into pieces as wide as a line can take,
/// between grapheme clusters (one cluster wider than the line is a piece
/// of its own); the last piece keeps the spaces after the word.
struct Breaking<'a> {
    clusters: GraphemeIndices<'a>,
    /// Where the word starts and ends in the text, and where the piece
    /// being measured starts, with its width so far.
    base: usize,
    end: usize,
    start: usize,
    width: usize,
    spaces: usize,
}

impl Breaking<'_> {
    fn next_piece(&mut self, line: usize) -> Option<Fragment> {
        for (i, cluster) in self.clusters.by_ref() {
            let width = cluster_width(cluster);
            if self.width > 0 && self.width + width > line {
                let at = self.base + i;
                let piece = Fragment {
                    range: self.start..at,
                    width: self.width,
                    spaces: 0,
                };
                self.start = at;
                self.width = width;
                return Some(piece);
            }
            self.width += width;
        }
        if self.start < self.end {
            let piece = Fragment {
                range: self.start..self.end,
                width: self.width,
                spaces: self.spaces,
            };
            self.start = self.end;
            return Some(piece);
        }
        None
    }
}

/// Preformatted text (code) broken into lines of at most `width` columns:
/// `\n` is a hard break, runs of spaces are kept, and a line too long is
/// cut between grapheme clusters wherever the width ends (code has no
/// words to keep whole). The byte range of each line.
pub fn wrap_preformatted(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut offset = 0;
    for piece in text.split('\n') {
        let mut start = offset;
        let mut used = 0;
        for (at, grapheme) in piece.grapheme_indices(true) {
            let w = cluster_width(grapheme);
            if used + w > width && used > 0 {
                out.push(start..offset + at);
                start = offset + at;
                used = 0;
            }
            used += w;
        }
        out.push(start..offset + piece.len());
        offset += piece.len() + 1;
    }
    out
}

/// Words split at ASCII spaces, where a word of only closing punctuation
/// ("?", ":", "»,", "%") stays with the word before it and an opening "«"
/// with the word after it, so a line never starts with "?" nor ends with "«"
/// when the text has ordinary spaces where French wants no-break ones. One
/// word at a time, holding only the word before.
struct FrenchWords<'a> {
    line: &'a str,
    words: Box<dyn Iterator<Item = Word<'a>> + 'a>,
    /// The span (word and its trailing spaces) not given out yet: the next
    /// word may still stick to it.
    last: Option<(usize, usize)>,
    /// Where a pending "«" starts.
    opening: Option<usize>,
}

impl<'a> FrenchWords<'a> {
    fn new(line: &'a str) -> FrenchWords<'a> {
        FrenchWords {
            line,
            words: WordSeparator::AsciiSpace.find_words(line),
            last: None,
            opening: None,
        }
    }

    fn word(&self, (start, end): (usize, usize)) -> Word<'a> {
        Word::from(&self.line[start..end])
    }
}

fn sticks_to_previous(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, ':' | ';' | '!' | '?' | '»' | '%' | '“' | '”' | ',' | '.'))
}

impl<'a> Iterator for FrenchWords<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        loop {
            let Some(word) = self.words.next() else {
                let span = self
                    .last
                    .take()
                    .or_else(|| self.opening.take().map(|start| (start, self.line.len())))?;
                return Some(self.word(span));
            };
            // `word.word` is a slice of `line`: its offset is where the span starts.
            let offset = word.word.as_ptr() as usize - self.line.as_ptr() as usize;
            let end = offset + word.word.len() + word.whitespace.len();
            let start = match (self.opening.take(), &mut self.last) {
                (Some(start), _) => start,
                (None, Some(previous)) if sticks_to_previous(word.word) => {
                    previous.1 = end;
                    continue;
                }
                _ => offset,
            };
            if word.word == "«" {
                self.opening = Some(start);
                continue;
            }
            if let Some(previous) = self.last.replace((start, end)) {
                return Some(self.word(previous));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn pieces(text: &str, width: usize) -> Vec<&str> {
        wrap_ranges(text, width)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_byte_ranges() {
        assert_eq!(pieces("un deux trois", 8), ["un deux", "trois"]);
        assert_eq!(pieces("a\n\nb", 8), ["a", "", "b"]);
    }

    #[test]
    fn never_breaks_a_no_break_space() {
        let text = "le\u{a0}5\u{202f}% « fin »";
        for line in pieces(text, 5) {
            assert!(!line.ends_with('\u{a0}') || line.width() > 5, "{line:?}");
        }
        assert_eq!(pieces("ab\u{a0}cd ef", 6), ["ab\u{a0}cd", "ef"]);
    }

    #[test]
    fn breaks_words_wider_than_the_column_on_char_boundaries() {
        assert_eq!(pieces("中文字符", 4), ["中文", "字符"]);
        assert_eq!(pieces("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn french_punctuation_stays_with_its_word() {
        let words: Vec<&str> = FrenchWords::new("Paris ? « Nous devons » , a-t-il dit : 90 % !")
            .map(|w| w.word)
            .collect();
        assert_eq!(
            words,
            [
                "Paris ?",
                "« Nous",
                "devons » ,",
                "a-t-il",
                "dit :",
                "90 % !"
            ]
        );
        assert_eq!(
            pieces(
                "Que propose la coalition concrètement ? « Plusieurs options »",
                24
            ),
            [
                "Que propose la coalition",
                "concrètement ?",
                "« Plusieurs options »"
            ]
        );
    }

    #[test]
    fn a_word_is_never_cut_inside_a_grapheme_cluster() {
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        let text = family.repeat(10);
        for width in 1..12 {
            for line in pieces(&text, width) {
                assert!(!line.is_empty());
                assert_eq!(line.len() % family.len(), 0, "{width}: {line:?}");
                assert!(text_width(line) <= width.max(2), "{width}: {line:?}");
            }
        }
        // A ZWJ emoji is two columns, as ratatui draws it: five fit in ten.
        assert_eq!(pieces(&text, 10).len(), 2);
    }

    /// The shortcut of [`text_width`] agrees with measuring each cluster:
    /// a character that stands alone joins neither what comes before it
    /// (not an extender) nor what comes after (not Prepend, Hangul or a
    /// regional indicator), and has the width ratatui gives it.
    #[test]
    fn characters_that_stand_alone_are_one_cluster_of_their_own_width() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| stands_alone(c))
        {
            for pair in [format!("{c}{c}"), format!("a{c}"), format!("{c}a")] {
                assert_eq!(pair.graphemes(true).count(), 2, "U+{:04X} joins", c as u32);
            }
            assert_eq!(
                text_width(&c.to_string()),
                c.to_string()
                    .graphemes(true)
                    .map(cluster_width)
                    .sum::<usize>(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn halfwidth_sound_marks_count_a_column_as_ratatui_draws_them() {
        assert_eq!(text_width("ｶﾞ"), usize::from("ｶﾞ".cell_width()));
        assert_eq!(text_width("❤️"), 2);
        assert_eq!(text_width("e\u{301}"), 1);
    }

    #[test]
    fn preformatted_text_keeps_its_spaces_and_breaks_anywhere() {
        let text = "fn main() {\n    println!(\"中文\");\n}";
        let lines: Vec<&str> = wrap_preformatted(text, 12)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(lines, ["fn main() {", "    println!", "(\"中文\");", "}"]);
        let lines: Vec<&str> = wrap_preformatted("a\n\n  b", 5)
            .into_iter()
            .map(|r| &"a\n\n  b"[r])
            .collect();
        assert_eq!(lines, ["a", "", "  b"]);
        // A family emoji (one cluster of four people) is never split.
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        let text = format!("ab{family}");
        let lines = wrap_preformatted(&text, 3);
        assert_eq!(&text[lines[1].clone()], family);
    }

    #[test]
    fn a_hanging_indent_narrows_the_later_lines() {
        let text = "un deux trois quatre";
        let lines: Vec<&str> = wrap_lines(text, 13, 6)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(lines, ["un deux trois", "quatre"]);
    }
}
