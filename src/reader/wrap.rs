//! Line breaking, one function for the reader and `--dump`: where a text
//! breaks into lines of a width, as byte ranges of the original (so a line
//! still knows which bytes it shows), with French typography's rules.

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::UnicodeWidthStr;

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
/// ([`french_words`]); a word wider than the column is broken. Ranges leave
/// out the spaces at the breaks.
pub fn wrap_lines(text: &str, first: usize, rest: usize) -> Vec<Range<usize>> {
    let (first, rest) = (first.max(1), rest.max(1));
    let base = text.as_ptr() as usize;
    let offset = |s: &str| s.as_ptr() as usize - base;
    let mut out: Vec<Range<usize>> = Vec::new();
    for piece in text.split('\n') {
        if piece.is_empty() {
            let at = offset(piece);
            out.push(at..at);
            continue;
        }
        let widths = if out.is_empty() {
            [first as f64, rest as f64]
        } else {
            [rest as f64, rest as f64]
        };
        // As textwrap does: words wider than the later lines are broken.
        let words = break_words(french_words(piece), rest);
        for line in wrap_first_fit(&words, &widths) {
            if let (Some(first), Some(last)) = (line.first(), line.last()) {
                out.push(offset(first.word)..offset(last.word) + last.word.len());
            }
        }
    }
    out
}

/// Preformatted text (code) broken into lines of at most `width` columns:
/// `\n` is a hard break, runs of spaces are kept, and a line too long is
/// cut between grapheme clusters wherever the width ends (code has no
/// words to keep whole). The byte range of each line.
pub fn wrap_preformatted(text: &str, width: usize) -> Vec<Range<usize>> {
    use unicode_segmentation::UnicodeSegmentation;
    let width = width.max(1);
    let mut out = Vec::new();
    let mut offset = 0;
    for piece in text.split('\n') {
        let mut start = offset;
        let mut used = 0;
        for (at, grapheme) in piece.grapheme_indices(true) {
            let w = grapheme.width();
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
/// when the text has ordinary spaces where French wants no-break ones.
fn french_words(line: &str) -> impl Iterator<Item = Word<'_>> {
    let sticks_to_previous = |word: &str| {
        word.chars()
            .all(|c| matches!(c, ':' | ';' | '!' | '?' | '»' | '%' | '“' | '”' | ',' | '.'))
    };
    // Spans of `line` (word and its trailing spaces), merged as described.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut opening: Option<usize> = None;
    for word in WordSeparator::AsciiSpace.find_words(line) {
        // `word.word` is a slice of `line`: its offset is where the span starts.
        let offset = word.word.as_ptr() as usize - line.as_ptr() as usize;
        let end = offset + word.word.len() + word.whitespace.len();
        let start = match (opening.take(), spans.last_mut()) {
            (Some(start), _) => start,
            (None, Some(previous)) if sticks_to_previous(word.word) => {
                previous.1 = end;
                continue;
            }
            _ => offset,
        };
        if word.word == "«" {
            opening = Some(start);
        } else {
            spans.push((start, end));
        }
    }
    spans.extend(opening.map(|start| (start, line.len())));
    spans
        .into_iter()
        .map(|(start, end)| Word::from(&line[start..end]))
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
        let words: Vec<&str> = french_words("Paris ? « Nous devons » , a-t-il dit : 90 % !")
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
