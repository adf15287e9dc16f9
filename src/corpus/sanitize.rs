//! The one place corpus text is cleaned, once, at load: after this nothing in
//! the model can drive the terminal (escape sequences, control characters),
//! reorder what is shown (bidi overrides and isolates) or flood a cell
//! (unbounded runs of combining marks).
//!
//! What is removed or replaced, exactly (docs/security.md says the same):
//! - escape sequences, removed whole so no residue such as `[31m` stays:
//!   CSI (`ESC [` or U+009B, parameters, intermediates, final byte), OSC
//!   (`ESC ]` or U+009D), DCS (`ESC P` / U+0090), SOS (`ESC X` / U+0098),
//!   PM (`ESC ^` / U+009E) and APC (`ESC _` / U+009F) strings up to BEL or ST
//!   (`ESC \` / U+009C) — to the end of the field when unterminated, as a
//!   terminal would swallow it —, `ESC` + intermediates + final (`ESC ( B`),
//!   and two-character `ESC x`; a lone `ESC` goes too;
//! - CR LF and lone CR become LF; U+2028 and U+2029 become LF;
//! - LF is kept in multi-line fields and becomes a space in one-line fields;
//! - TAB becomes one space;
//! - every other C0 control (U+0000–U+001F), DEL (U+007F) and C1 control
//!   (U+0080–U+009F) is removed;
//! - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
//!   are removed (Trojan Source); the implicit marks LRM, RLM and ALM
//!   (U+200E, U+200F, U+061C) are kept: they reorder nothing beyond their
//!   neighbours and right-to-left text needs them;
//! - runs of combining marks are cut to [`MAX_COMBINING_MARKS`] per base;
//! - what one cell of the screen may carry is capped, whatever it is made
//!   of: a grapheme cluster (as `unicode-segmentation` finds it, the way
//!   ratatui and terminals group characters) with the zero-width clusters
//!   after it, which a terminal draws in the same cell, holds at most
//!   [`MAX_CELL_CHARS`] code points and [`MAX_CELL_BYTES`] bytes; what
//!   comes past that is dropped. This is what stops a zero-width joiner
//!   after every 16 marks, runs of U+200C, tag characters
//!   (U+E0020–E007F), halfwidth sound marks (U+FF9E), Hangul jamo or
//!   zero-width spaces from piling megabytes into one cell. A cluster starts
//!   a new cell when its first character has a width; `\n` ends a cell.
//!   A cluster holds at most [`MAX_SOUND_MARKS`] halfwidth sound marks
//!   (U+FF9E, U+FF9F), which terminals draw a column each.
//!
//! Everything else is kept as written: emoji with ZWJ and VS16 (the longest,
//! a kiss with two skin tones, is 10 code points and 35 bytes), flags and
//! tag sequences, no-break spaces, soft hyphens, CJK, all letters and punctuation.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthChar;

/// At most this many combining marks follow one base character; more are dropped.
pub const MAX_COMBINING_MARKS: usize = 16;

/// At most this many code points in one cell: a grapheme cluster and the
/// zero-width clusters after it (see the module doc).
pub const MAX_CELL_CHARS: usize = 32;

/// At most this many bytes in one cell (see [`MAX_CELL_CHARS`]).
pub const MAX_CELL_BYTES: usize = 64;

/// At most this many halfwidth sound marks (U+FF9E, U+FF9F) in one grapheme
/// cluster: terminals (and ratatui) give each a column of its own, so more
/// would make one cluster as wide as a pane.
pub const MAX_SOUND_MARKS: usize = 2;

/// At most this many Prepend characters (U+0600…, which join whatever
/// follows them) in one grapheme cluster: a cluster full of them would
/// swallow the rest of the text.
pub const MAX_PREPENDS: usize = 4;

/// A run of this many bytes of characters that are not ASCII may hold a
/// cell over the caps: a cell holds at most one ASCII character (a cluster
/// with one starts a cell of its own: it starts with that character or
/// with Prepend characters), so one over [`MAX_CELL_BYTES`], or over
/// [`MAX_CELL_CHARS`] (16 characters of 2 bytes or more), has at least
/// this many bytes on one side of it. Such text is segmented to be sure;
/// shorter runs (words of Cyrillic, Greek, Hebrew…) cannot be over.
const NON_ASCII_RUN_TO_CHECK: usize = MAX_CELL_BYTES / 2;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// CAN and SUB abort an escape sequence in a terminal.
const CAN: char = '\u{18}';
const SUB: char = '\u{1a}';
const C1_DCS: char = '\u{90}';
const C1_SOS: char = '\u{98}';
const C1_CSI: char = '\u{9b}';
const C1_ST: char = '\u{9c}';
const C1_OSC: char = '\u{9d}';
const C1_PM: char = '\u{9e}';
const C1_APC: char = '\u{9f}';

/// Cleans a one-line field (title, heading, author, handle, date, URL, name, id…):
/// line breaks become spaces.
pub fn line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// Cleans a multi-line field (paragraph and post text): line breaks are kept as `\n`.
pub fn multiline(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

/// Whether `c` never reaches the terminal from corpus text.
fn is_removed(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidi embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether `text` is already clean, so the common case allocates nothing.
fn is_clean(text: &str, keep_newlines: bool) -> bool {
    let mut marks = 0;
    let mut non_ascii_run = 0;
    let mut check_cells = false;
    for c in text.chars() {
        // Most text is printable ASCII: no control, no mark, and it ends a run of marks.
        if (' '..='~').contains(&c) {
            marks = 0;
            non_ascii_run = 0;
            continue;
        }
        if c.is_ascii() {
            non_ascii_run = 0;
        } else {
            non_ascii_run += c.len_utf8();
            check_cells |=
                non_ascii_run >= NON_ASCII_RUN_TO_CHECK || is_sound_mark(c) || is_prepend(c);
        }
        if c == '\n' {
            if !keep_newlines {
                return false;
            }
        } else if is_removed(c) || is_line_separator(c) {
            return false;
        }
        if is_combining_mark(c) {
            marks += 1;
            if marks > MAX_COMBINING_MARKS {
                return false;
            }
        } else {
            marks = 0;
        }
    }
    !check_cells || cells_within_caps(text)
}

/// Whether every cell of `text` (see the module doc) is within
/// [`MAX_CELL_CHARS`] and [`MAX_CELL_BYTES`].
fn cells_within_caps(text: &str) -> bool {
    let (mut bytes, mut chars) = (0, 0);
    for cluster in text.graphemes(true) {
        if cluster.chars().filter(|&c| is_sound_mark(c)).count() > MAX_SOUND_MARKS
            || cluster.chars().filter(|&c| is_prepend(c)).count() > MAX_PREPENDS
        {
            return false;
        }
        if cluster == "\n" {
            (bytes, chars) = (0, 0);
            continue;
        }
        if cluster.chars().next().is_some_and(starts_a_cell) {
            (bytes, chars) = (0, 0);
        }
        bytes += cluster.len();
        chars += cluster.chars().count();
        if bytes > MAX_CELL_BYTES || chars > MAX_CELL_CHARS {
            return false;
        }
    }
    true
}

fn has_width(c: char) -> bool {
    c.width().is_some_and(|w| w > 0)
}

/// Whether a grapheme cluster starting with `c` is drawn in a cell of its
/// own: `c` has a width, or is a Prepend character (the cluster holds the
/// character it is prepended to).
fn starts_a_cell(c: char) -> bool {
    has_width(c) || is_prepend(c)
}

/// Grapheme_Cluster_Break=Prepend (Unicode 16): the characters that join
/// whatever follows them (checked against `unicode-segmentation` by a test).
fn is_prepend(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{0D4E}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{111C2}'..='\u{111C3}'
            | '\u{113D1}'
            | '\u{1193F}'
            | '\u{11941}'
            | '\u{11A84}'..='\u{11A89}'
            | '\u{11D46}'
            | '\u{11F02}'
    )
}

/// The halfwidth (han)dakuten, which terminals draw a column wide.
fn is_sound_mark(c: char) -> bool {
    matches!(c, '\u{ff9e}' | '\u{ff9f}')
}

/// The cell being filled in the output of [`clean`]: where its last
/// grapheme cluster starts, where the cell starts and how many code points
/// it holds (see the module doc).
#[derive(Default)]
struct Cell {
    cluster: usize,
    start: usize,
    chars: usize,
    /// Halfwidth sound marks and Prepend characters in the last cluster.
    sound_marks: usize,
    prepends: usize,
}

impl Cell {
    /// Appends `c` to `out` unless the cell it falls in is full (then
    /// `false`). Whether
    /// `c` starts a new grapheme cluster is decided on `out` itself, from
    /// the start of its last cluster (a boundary, so nothing before it
    /// matters): what is dropped never changes how the rest is grouped.
    fn push(&mut self, out: &mut String, c: char) -> bool {
        if c == '\n' {
            out.push(c);
            *self = Cell {
                cluster: out.len(),
                start: out.len(),
                chars: 0,
                sound_marks: 0,
                prepends: 0,
            };
            return true;
        }
        let at = out.len();
        let after_printable_ascii = out
            .as_bytes()
            .last()
            .is_some_and(|b| (b' '..=b'~').contains(b));
        out.push(c);
        let new_cluster = self.cluster == at
            || (after_printable_ascii && c.is_ascii())
            || GraphemeCursor::new(at - self.cluster, out.len() - self.cluster, true)
                .is_boundary(&out[self.cluster..], 0)
                .unwrap_or(true);
        let new_cell = new_cluster && starts_a_cell(c);
        let (start, chars) = if new_cell {
            (at, 1)
        } else {
            (self.start, self.chars + 1)
        };
        let (sound_marks, prepends) = if new_cluster {
            (0, 0)
        } else {
            (self.sound_marks, self.prepends)
        };
        let sound_marks = sound_marks + usize::from(is_sound_mark(c));
        let prepends = prepends + usize::from(is_prepend(c));
        if out.len() - start > MAX_CELL_BYTES
            || chars > MAX_CELL_CHARS
            || sound_marks > MAX_SOUND_MARKS
            || prepends > MAX_PREPENDS
        {
            out.truncate(at);
            return false;
        }
        self.sound_marks = sound_marks;
        self.prepends = prepends;
        if new_cluster {
            self.cluster = at;
        }
        self.start = start;
        self.chars = chars;
        true
    }
}

fn clean(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if is_clean(text, keep_newlines) {
        return Cow::Borrowed(text);
    }
    let newline = if keep_newlines { '\n' } else { ' ' };
    let mut out = String::with_capacity(text.len());
    // Combining marks emitted since the last base character of the output
    // (counted on the output, so removing a control never splits a run).
    let mut marks = 0;
    let mut cell = Cell::default();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let emit = match c {
            ESC => {
                skip_escape(&mut chars);
                None
            }
            C1_CSI => {
                skip_csi(&mut chars);
                None
            }
            C1_OSC | C1_DCS | C1_SOS | C1_PM | C1_APC => {
                skip_string(&mut chars);
                None
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                Some(newline)
            }
            '\n' => Some(newline),
            '\t' => Some(' '),
            c if is_line_separator(c) => Some(newline),
            c if is_removed(c) => None,
            c => Some(c),
        };
        let Some(c) = emit else { continue };
        let is_mark = is_combining_mark(c);
        if is_mark && marks >= MAX_COMBINING_MARKS {
            continue;
        }
        // Counted on what is kept, so a character the cell drops never joins two runs.
        if cell.push(&mut out, c) {
            marks = if is_mark { marks + 1 } else { 0 };
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After an `ESC`: skips the rest of the sequence it starts.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // nF: intermediates then one final byte (`ESC ( B`).
        Some('\u{20}'..='\u{2f}') => {
            while chars
                .next_if(|c| matches!(c, '\u{20}'..='\u{2f}'))
                .is_some()
            {}
            chars.next_if(|c| matches!(c, '\u{30}'..='\u{7e}'));
        }
        // Two-character sequences (`ESC 7`, `ESC c`, `ESC \`…).
        Some('\u{30}'..='\u{7e}') => {
            chars.next();
        }
        // A lone ESC (end of text, a control, a non-ASCII character): only it goes.
        _ => {}
    }
}

/// After a CSI introducer: skips parameter bytes, intermediate bytes and the
/// final byte. A character that cannot be part of a CSI ends it without being
/// consumed, as in a terminal.
fn skip_csi(chars: &mut Chars) {
    while chars
        .next_if(|c| matches!(c, '\u{30}'..='\u{3f}'))
        .is_some()
    {}
    while chars
        .next_if(|c| matches!(c, '\u{20}'..='\u{2f}'))
        .is_some()
    {}
    chars.next_if(|c| matches!(c, '\u{40}'..='\u{7e}'));
}

/// After an OSC, DCS, SOS, PM or APC introducer: skips up to and including the
/// terminator (BEL, `ESC \` or ST), or to the end of the text when unterminated.
/// CAN and SUB abort the string; another `ESC` ends it and starts a new sequence.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            BEL | C1_ST | CAN | SUB => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                } else {
                    skip_escape(chars);
                }
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

/// Characters of a value quoted in a message; the rest is cut with `…`.
pub const MESSAGE_CHARS: usize = 80;

/// Makes a piece of user input safe and short to quote in an error message:
/// see [`escape`]; values longer than 80 characters are cut with `…`.
pub fn for_message(text: &str) -> String {
    match text.char_indices().nth(MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", escape(&text[..cut])),
        None => escape(text).into_owned(),
    }
}

/// Makes user input (a file name, a JSON key, a value) safe to print as is:
/// control, bidi and line-separator characters are shown escaped (`\u{1b}`)
/// rather than removed, so the message still says what is there.
pub fn escape(text: &str) -> Cow<'_, str> {
    let visible = |c: char| !is_removed(c) && !is_line_separator(c);
    if text.chars().all(visible) && is_clean(text, false) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut marks = 0;
    for c in text.chars() {
        if !visible(c) {
            out.extend(c.escape_unicode());
            marks = 0;
        } else if is_combining_mark(c) {
            if marks < MAX_COMBINING_MARKS {
                marks += 1;
                out.push(c);
            }
        } else {
            marks = 0;
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn borrowed(c: Cow<str>) -> bool {
        matches!(c, Cow::Borrowed(_))
    }

    #[test]
    fn clean_text_is_borrowed_and_unchanged() {
        let text = "Zelensky : « l’accord est prêt à 90 % » 🔴🗣 Володимир 中文 ❤️ 👍🏽 👨‍👩‍👧\u{a0}\u{202f}\u{ad}";
        let out = line(text);
        assert!(borrowed(out.clone()));
        assert_eq!(out, text);
        assert!(borrowed(multiline("deux\nlignes")));
    }

    #[test]
    fn csi_is_removed_whole() {
        assert_eq!(line("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(line("x\u{1b}[?1049hy"), "xy");
        assert_eq!(line("x\u{1b}[1;2 qy"), "xy");
        // C1 CSI
        assert_eq!(line("a\u{9b}31mred"), "ared");
    }

    #[test]
    fn csi_interrupted_by_a_non_csi_character_ends_there() {
        assert_eq!(line("a\u{1b}[31é"), "aé");
    }

    #[test]
    fn osc_is_removed_up_to_its_terminator() {
        assert_eq!(line("a\u{1b}]0;evil title\u{7}b"), "ab");
        assert_eq!(
            line("a\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
        assert_eq!(line("a\u{1b}]52;c;ZXZpbA==\u{9c}b"), "ab");
        // C1 OSC
        assert_eq!(line("a\u{9d}0;t\u{7}b"), "ab");
    }

    #[test]
    fn unterminated_string_sequences_swallow_the_rest_of_the_field() {
        assert_eq!(line("a\u{1b}]0;never ends"), "a");
        assert_eq!(line("a\u{1b}Pq#0;2;0;0;0"), "a");
    }

    #[test]
    fn string_sequences_end_at_can_sub_or_a_new_escape() {
        assert_eq!(line("a\u{1b}]0;t\u{18}b"), "ab");
        assert_eq!(line("a\u{1b}]0;t\u{1b}[31mb"), "ab");
    }

    #[test]
    fn dcs_sos_pm_apc_are_removed() {
        for intro in [
            "\u{1b}P", "\u{1b}X", "\u{1b}^", "\u{1b}_", "\u{90}", "\u{98}", "\u{9e}", "\u{9f}",
        ] {
            assert_eq!(
                line(&format!("a{intro}payload\u{1b}\\b")),
                "ab",
                "{intro:?}"
            );
        }
    }

    #[test]
    fn short_escapes_and_lone_esc_are_removed() {
        assert_eq!(line("a\u{1b}7b\u{1b}cc"), "abc");
        assert_eq!(line("a\u{1b}(Bb"), "ab");
        assert_eq!(line("a\u{1b}"), "a");
        assert_eq!(line("a\u{1b}\u{1b}é"), "aé");
        assert_eq!(line("\u{1b}\u{1b}[31mx"), "x");
    }

    #[test]
    fn c0_c1_and_del_are_removed() {
        assert_eq!(line("a\u{0}b\u{7}c\u{8}d\u{7f}e\u{85}f\u{9c}g"), "abcdefg");
    }

    #[test]
    fn newlines_are_kept_in_multiline_text_only() {
        assert_eq!(multiline("a\nb"), "a\nb");
        assert_eq!(line("a\nb"), "a b");
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(multiline("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(line("a\r\nb\rc"), "a b c");
    }

    #[test]
    fn line_and_paragraph_separators_become_lf() {
        assert_eq!(multiline("a\u{2028}b\u{2029}c"), "a\nb\nc");
        assert_eq!(line("a\u{2028}b"), "a b");
    }

    #[test]
    fn tabs_become_a_space() {
        assert_eq!(multiline("a\tb"), "a b");
    }

    #[test]
    fn bidi_overrides_and_isolates_are_removed_marks_kept() {
        assert_eq!(line("a\u{202e}b\u{202a}\u{202b}\u{202c}\u{202d}c"), "abc");
        assert_eq!(line("a\u{2066}b\u{2067}\u{2068}\u{2069}c"), "abc");
        let marks = "שלום\u{200f} a\u{200e}\u{61c}";
        assert_eq!(line(marks), marks);
    }

    #[test]
    fn combining_marks_are_capped_per_base() {
        let zalgo = format!("a{}b", "\u{301}".repeat(1_000_000));
        let out = line(&zalgo);
        assert_eq!(out, format!("a{}b", "\u{301}".repeat(MAX_COMBINING_MARKS)));
        // A few marks are untouched (Vietnamese, Devanagari).
        assert!(borrowed(line("ệ क्षि")));
    }

    #[test]
    fn a_removed_control_does_not_split_a_run_of_marks() {
        let text = format!("a{}\u{7}{}", "\u{301}".repeat(10), "\u{301}".repeat(10));
        assert_eq!(
            line(&text),
            format!("a{}", "\u{301}".repeat(MAX_COMBINING_MARKS))
        );
    }

    /// The shapes of issue 11 (item 5): a cell stays within the caps
    /// whatever the cluster is made of, and the text after it is kept.
    #[test]
    fn what_one_cell_carries_is_capped_whatever_it_is_made_of() {
        let shapes = [
            (
                "ZWJ after every 16 marks",
                format!(
                    "a{}",
                    format!("{}\u{200d}", "\u{301}".repeat(16)).repeat(6000)
                ),
            ),
            ("U+200C", format!("a{}", "\u{200c}".repeat(100_000))),
            ("tags", format!("\u{1f3f4}{}", "\u{e0067}".repeat(100_000))),
            (
                "halfwidth sound marks",
                format!("\u{ff76}{}", "\u{ff9e}".repeat(100_000)),
            ),
            ("Hangul leading jamo", "\u{1100}".repeat(100_000)),
            (
                "zero-width spaces",
                format!("a{}", "\u{200b}".repeat(100_000)),
            ),
            ("LRM", format!("a{}", "\u{200e}".repeat(100_000))),
            (
                "marks after a newline",
                format!("\n{}", "\u{200d}\u{301}".repeat(100_000)),
            ),
        ];
        for (what, shape) in shapes {
            let text = format!("{shape} fin");
            for out in [line(&text), multiline(&text)] {
                assert!(cells_within_caps(&out), "{what}");
                assert!(
                    out.len() <= MAX_CELL_BYTES * 2 + 8,
                    "{what}: {} bytes",
                    out.len()
                );
                assert!(out.ends_with(" fin"), "{what}: {out:?}");
                for cluster in out.graphemes(true) {
                    assert!(
                        cluster.chars().filter(|&c| is_sound_mark(c)).count() <= MAX_SOUND_MARKS
                    );
                    assert!(cluster.len() <= MAX_CELL_BYTES, "{what}");
                    assert!(cluster.chars().count() <= MAX_CELL_CHARS, "{what}");
                }
                assert!(
                    borrowed(line(&out.replace('\n', " "))),
                    "{what}: idempotent"
                );
            }
        }
    }

    /// What [`is_prepend`] lists is what joins the ASCII letter after it
    /// (only Prepend does), so what [`NON_ASCII_RUN_TO_CHECK`] rests on
    /// holds: a cell holds at most one ASCII character.
    #[test]
    fn prepend_characters_are_the_ones_joining_what_follows() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let joins = !c.is_control() && format!("{c}a").graphemes(true).count() == 1;
            assert_eq!(joins, is_prepend(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn prepend_characters_never_swallow_the_text_after_them() {
        let text = format!("{} suite", "\u{0605}".repeat(1000));
        let out = line(&text);
        assert_eq!(out, format!("{} suite", "\u{0605}".repeat(MAX_PREPENDS)));
    }

    #[test]
    fn real_clusters_are_kept_whole() {
        let text = "famille 👨‍👩‍👧‍👦, baiser 🧑🏻‍❤️‍💋‍🧑🏼, drapeau 🏴󠁧󠁢󠁥󠁮󠁧󠁿, \
                    hindi क्षत्रिय, coréen 한국어 ᄀᄀᄀ, ｶﾞ, zalgo z\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}";
        assert!(borrowed(line(text)));
        let long_cjk = "中文字符测试".repeat(1000);
        assert!(borrowed(multiline(&long_cjk)));
        let cyrillic = "Володимир Зеленський ".repeat(100);
        assert!(borrowed(line(&cyrillic)));
    }

    #[test]
    fn messages_show_controls_escaped_and_cut_long_values() {
        assert_eq!(for_message("a\u{1b}[31m\u{202e}"), "a\\u{1b}[31m\\u{202e}");
        let long = "x".repeat(200);
        assert_eq!(for_message(&long).chars().count(), 81);
    }

    fn forbidden(c: char, keep_newlines: bool) -> bool {
        (c.is_control() && !(keep_newlines && c == '\n'))
            || is_bidi_control(c)
            || is_line_separator(c)
    }

    fn max_mark_run(s: &str) -> usize {
        let (mut run, mut max) = (0, 0);
        for c in s.chars() {
            run = if is_combining_mark(c) { run + 1 } else { 0 };
            max = max.max(run);
        }
        max
    }

    /// Strings rich in what the sanitiser deals with.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            any::<char>().prop_map(String::from),
            Just("\u{1b}".to_string()),
            Just("\u{1b}[".to_string()),
            Just("\u{1b}]".to_string()),
            Just("\u{9b}".to_string()),
            Just("\u{9d}".to_string()),
            Just("\u{90}".to_string()),
            Just("\u{7}".to_string()),
            Just("\r".to_string()),
            Just("\n".to_string()),
            Just("\u{301}".to_string()),
            Just("\u{202e}".to_string()),
            Just("\u{2028}".to_string()),
            Just("\u{200d}".to_string()),
            Just("\u{200c}".repeat(5)),
            Just("\u{200b}".repeat(5)),
            Just("\u{e0067}".repeat(5)),
            Just("\u{ff9e}".repeat(5)),
            Just("\u{1100}".repeat(5)),
            Just("\u{0600}".to_string()),
            Just("\u{0605}".repeat(6)),
            Just("\u{1f1eb}".to_string()),
            Just("\u{1f469}".to_string()),
            Just("\u{301}".repeat(16)),
            "[ -~]{0,4}",
            "\\PC{0,3}",
        ];
        prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn output_never_holds_a_control_character(text in hostile()) {
            let one = line(&text);
            prop_assert!(!one.chars().any(|c| forbidden(c, false)), "{one:?}");
            let multi = multiline(&text);
            prop_assert!(!multi.chars().any(|c| forbidden(c, true)), "{multi:?}");
            prop_assert!(max_mark_run(&multi) <= MAX_COMBINING_MARKS);
            prop_assert!(cells_within_caps(&one), "{one:?}");
            prop_assert!(cells_within_caps(&multi), "{multi:?}");
        }

        #[test]
        fn sanitising_is_idempotent(text in hostile()) {
            let once = multiline(&text).into_owned();
            prop_assert!(borrowed(multiline(&once)));
            let once = line(&text).into_owned();
            prop_assert!(borrowed(line(&once)));
        }
    }
}
