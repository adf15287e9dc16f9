//! Line breaking: where a text breaks into lines of a width, as byte
//! ranges of the original (so a line still knows which bytes it shows).

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::break_words;
use textwrap::wrap_algorithms::wrap_first_fit;

/// Wraps `text` to `width` columns, `\n` being a hard break: the byte range of
/// each line. Breaks only at ASCII spaces (never at a no-break space); a word
/// wider than the column is broken. Ranges leave out the spaces at the breaks.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let base = text.as_ptr() as usize;
    let offset = |s: &str| s.as_ptr() as usize - base;
    let mut out = Vec::new();
    for piece in text.split('\n') {
        if piece.is_empty() {
            let at = offset(piece);
            out.push(at..at);
            continue;
        }
        let words = break_words(WordSeparator::AsciiSpace.find_words(piece), width);
        for line in wrap_first_fit(&words, &[width as f64]) {
            if let (Some(first), Some(last)) = (line.first(), line.last()) {
                out.push(offset(first.word)..offset(last.word) + last.word.len());
            }
        }
    }
    out
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
}
