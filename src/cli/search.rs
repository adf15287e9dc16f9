//! `depeche --search QUERY`: every match printed grep-style.
//!
//! One line per match, in reading order:
//!
//! ```text
//! coalition-des-volontaires:21: §2 Des efforts diplomatiques › … forces de [sécurité] malgré …
//! coalition-des-volontaires:14: §1 Lead › @EchiquierSocial › … dans nos forces de [sécurité]. L'Europe …
//! ```
//!
//! - the article id and the line of `--dump`'s output (at the width given,
//!   80 by default) that shows the match, `ID:LINE:` as grep prints
//!   `FILE:LINE:`; `depeche --line LINE` opens the reader there;
//! - then where the match is: `title`, `notice`, or the section's number
//!   and heading (`Lead` for an untitled lead) as the reader's Sections
//!   pane shows them, and for a post its `@handle`; for a source,
//!   `sources` and its name; the id and every label cut to [`LABEL`]
//!   columns with `…`;
//! - then the line of text around the match (the paragraph, or the line of a
//!   post, since the wrapped display lines are not known here): a window of
//!   about [`WINDOW`] columns centred on the match, cut at grapheme
//!   boundaries and marked `…` where cut; line breaks and other control
//!   characters are shown as spaces;
//! - the match in bold red (`ESC[1;31m` … `ESC[0m`) when `color`, else
//!   between `[` and `]` (brackets are rarer than « » in French text).
//!
//! Matching is the reader's ([`crate::search`]): same folding, same smart-case.
//!
//! Costs are linear and memory does not grow with the output: each text is
//! matched on its own ([`for_each_match`]), each line is written as it is
//! found, its window read at most [`REACH`] bytes either side of the match
//! and measured from the match outwards, and the line numbers of an article
//! come from an index of its dump's places, made only when it has a match.

use std::io::{self, Write};
use std::ops::{ControlFlow, Range};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::dump::{self, LineIndex};
use crate::corpus::cost::{self, Work};
use crate::corpus::model::{Article, Corpus, TextRef};
use crate::corpus::sanitize::MAX_CELL_BYTES;
use crate::search::{Match, Query, SearchMode, for_each_match};

/// Columns of text shown around a match (the match itself included).
pub const WINDOW: usize = 80;

/// Columns a label (an article id, a heading, a handle) is cut to, `…` included.
pub const LABEL: usize = 60;

/// Bytes looked at on each side of a match for the window: enough for
/// [`WINDOW`] columns of the fullest cells the sanitiser lets through, so
/// what a match costs never depends on how long its paragraph is.
const REACH: usize = WINDOW * MAX_CELL_BYTES;

const COLOR_ON: &str = "\x1b[1;31m";
const COLOR_OFF: &str = "\x1b[0m";

/// Prints every match of `query` in `corpus` (article and dump line, section, the line with the
/// match marked, in colour when `color`) as it is found, line numbers counted in the dump at
/// `width`, and returns how many there were. `Err` carries an invalid regex's message. Time is
/// linear in the corpus and the matches, and memory does not grow with the output (give it a
/// buffered writer).
pub fn run(
    corpus: &Corpus,
    query: &str,
    regex: bool,
    color: bool,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<Result<usize, String>> {
    let mode = if regex {
        SearchMode::Regex
    } else {
        SearchMode::Plain
    };
    let query = match Query::new(query, mode) {
        Ok(q) => q,
        Err(message) => return Ok(Err(message)),
    };
    let mut count = 0;
    let mut written = Ok(());
    dump::for_each_article(corpus, width, |i, first| {
        let article = &corpus.articles[i];
        let id = label(&article.id);
        // Where each text is in the dump: only for an article with a match.
        let mut lines: Option<LineIndex> = None;
        for text_ref in article.each_text() {
            let Some(text) = article.text(text_ref) else {
                continue;
            };
            // Where the text stands, once for all its matches.
            let mut places: Option<Vec<String>> = None;
            for_each_match(text, &query, |range| {
                count += 1;
                let index = lines.get_or_insert_with(|| LineIndex::of(article, width));
                let line = first + index.line_of(text_ref, range.start).unwrap_or(0);
                let places = places.get_or_insert_with(|| place(article, text_ref));
                written = write_match(out, &id, line, places, text, range, color);
                if written.is_ok() {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                }
            });
            if written.is_err() {
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(lines)
    });
    written?;
    Ok(Ok(count))
}

/// One output line (without its newline) for match `m` of `article`,
/// shown on line `line` of the dump.
pub fn format_match(article: &Article, m: &Match, line: usize, color: bool) -> String {
    let mut out = Vec::new();
    let text = article.text(m.text).unwrap_or("");
    let places = place(article, m.text);
    write_match(
        &mut out,
        &label(&article.id),
        line,
        &places,
        text,
        m.range.clone(),
        color,
    )
    .expect("writing to memory");
    out.pop();
    String::from_utf8(out).expect("the line is UTF-8")
}

/// Writes the line of the match at `range` of `text`, of the article whose
/// label is `id`, on line `line` of the dump, the text standing at `places`.
fn write_match(
    out: &mut dyn Write,
    id: &str,
    line: usize,
    places: &[String],
    text: &str,
    range: Range<usize>,
    color: bool,
) -> io::Result<()> {
    write!(out, "{id}:{line}: ")?;
    for (i, place) in places.iter().enumerate() {
        if i > 0 {
            out.write_all(" › ".as_bytes())?;
        }
        out.write_all(place.as_bytes())?;
    }
    let (before, found, after) = window(text, range);
    let (open, close) = if color {
        (COLOR_ON, COLOR_OFF)
    } else {
        ("[", "]")
    };
    write!(out, " › {before}{open}")?;
    write_printable(out, found)?;
    writeln!(out, "{close}{after}")
}

/// Where a text stands: `§N` and the section's label, and `@handle` for a
/// post; for a source, `sources` and its name; each cut to [`LABEL`].
fn place(article: &Article, text: TextRef) -> Vec<String> {
    let section = || {
        let s = text.section().unwrap_or(0);
        let name = article.sections.get(s).map_or("", |s| s.label());
        label(&format!(
            "§{} {}",
            s + 1,
            cut_bytes(name, LABEL * MAX_CELL_BYTES)
        ))
    };
    match text {
        TextRef::Title => vec!["title".to_string()],
        TextRef::Notice => vec!["notice".to_string()],
        TextRef::Heading(_) | TextRef::Paragraph(_) => vec![section()],
        TextRef::PostAuthor(at)
        | TextRef::PostMeta(at)
        | TextRef::PostTitle(at)
        | TextRef::PostText(at)
        | TextRef::PostUrl(at)
        | TextRef::PostLink(at, _) => {
            // The post's account, else its platform (a video has no account).
            let who = article
                .post(at)
                .map(|p| match &p.handle {
                    Some(handle) => {
                        label(&format!("@{}", cut_bytes(handle, LABEL * MAX_CELL_BYTES)))
                    }
                    None => p.platform.label().to_string(),
                })
                .unwrap_or_default();
            vec![section(), who]
        }
        TextRef::SourceName(i) | TextRef::SourceDescription(i) | TextRef::SourceUrl(i) => {
            let name = article.sources.get(i as usize).map(|s| label(&s.name));
            vec!["sources".to_string(), name.unwrap_or_default()]
        }
    }
}

/// `text` cut to [`LABEL`] columns with `…`, printable.
fn label(text: &str) -> String {
    let near = cut_bytes(text, LABEL * MAX_CELL_BYTES);
    let (taken, whole) = take_width(near.graphemes(true), LABEL);
    let mut out = printable(&near[..taken]);
    if !whole || near.len() < text.len() {
        out.push('…');
    }
    out
}

/// The first `max` bytes of `text` at most, on a character boundary.
fn cut_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The last `max` bytes of `text` at most, on a character boundary.
fn tail_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut start = text.len() - max;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// The text before the match (with a leading `…` if cut), the match, and
/// the text after (with a trailing `…` if cut), within the match's line.
/// Each side is measured from the match outwards, only as far as the window
/// needs (at most [`REACH`] bytes): the cost of a match does not depend on
/// the length of its paragraph.
fn window(text: &str, range: Range<usize>) -> (String, &str, String) {
    let range = range.start.min(text.len())..range.end.min(text.len());
    let found = &text[range.clone()];
    let rest = WINDOW.saturating_sub(found_width(found));
    // Centre the match, giving one side's unused room to the other.
    let right = side(&text[range.end..], rest, true);
    let right_width = if right.whole { right.width } else { rest };
    let left_room = (rest / 2).max(rest.saturating_sub(right_width));
    let left = side(&text[..range.start], left_room, false);
    let mut before = String::new();
    if !left.whole {
        before.push('…');
    }
    before.push_str(&printable(&text[range.start - left.bytes..range.start]));
    let right_room = rest.saturating_sub(left.width + usize::from(!left.whole));
    let right = side(&text[range.end..], right_room, true);
    let mut after = printable(&text[range.end..range.end + right.bytes]);
    if !right.whole {
        after.push('…');
    }
    (before, found, after)
}

/// What of one side of a match the window shows.
struct Side {
    /// Bytes taken, from the match outwards.
    bytes: usize,
    /// Whether they are the whole side, up to the line's end (else a `…`
    /// goes beside them, its column kept free).
    whole: bool,
    /// Their width.
    width: usize,
}

/// What fits of `text` (everything after the match when `forward`, before
/// it otherwise) in `room` columns, up to the line's end: measured from the
/// match outwards, at most one grapheme cluster past what fits and never
/// past [`REACH`] bytes, so a match costs the same in any paragraph.
fn side(text: &str, room: usize, forward: bool) -> Side {
    let near = if forward {
        cut_bytes(text, REACH)
    } else {
        tail_bytes(text, REACH)
    };
    let truncated = near.len() < text.len();
    // Most text is ASCII: a cluster and a column a byte (no `\r` is left).
    let probe = (room + 1).min(near.len());
    let bytes = near.as_bytes();
    let ascii = if forward {
        &bytes[..probe]
    } else {
        &bytes[bytes.len() - probe..]
    };
    if ascii.is_ascii() {
        let newline = if forward {
            ascii.iter().position(|&b| b == b'\n')
        } else {
            ascii
                .iter()
                .rposition(|&b| b == b'\n')
                .map(|i| probe - i - 1)
        };
        let line = newline.unwrap_or(probe);
        cost::count(Work::SearchGraphemes, line as u64);
        let whole = line <= room && (newline.is_some() || (probe == near.len() && !truncated));
        if whole {
            return Side {
                bytes: line,
                whole,
                width: line,
            };
        }
        let cut = room.saturating_sub(1);
        return Side {
            bytes: cut,
            whole,
            width: cut,
        };
    }
    let clusters: Box<dyn Iterator<Item = &str>> = if forward {
        Box::new(near.graphemes(true))
    } else {
        Box::new(near.graphemes(true).rev())
    };
    let (mut taken, mut used) = (0, 0);
    // Where the clusters stood when one column was still left for a `…`.
    let (mut cut, mut cut_width) = (0, 0);
    let mut counted = 0;
    for g in clusters {
        counted += 1;
        if g == "\n" {
            cost::count(Work::SearchGraphemes, counted);
            return Side {
                bytes: taken,
                whole: true,
                width: used,
            };
        }
        let width = g.width();
        if used + width > room {
            cost::count(Work::SearchGraphemes, counted);
            return Side {
                bytes: cut,
                whole: false,
                width: cut_width,
            };
        }
        used += width;
        taken += g.len();
        if used < room {
            (cut, cut_width) = (taken, used);
        }
    }
    cost::count(Work::SearchGraphemes, counted);
    if truncated {
        Side {
            bytes: cut,
            whole: false,
            width: cut_width,
        }
    } else {
        Side {
            bytes: taken,
            whole: true,
            width: used,
        }
    }
}

/// The width of a match, measured only as far as the window goes.
fn found_width(found: &str) -> usize {
    let probe = cut_bytes(found, WINDOW + 1);
    if probe.is_ascii() {
        cost::count(Work::SearchGraphemes, probe.len() as u64);
        return probe.len().min(WINDOW);
    }
    let (taken, _) = take_width(found.graphemes(true), WINDOW);
    let mut width = 0;
    for g in found[..taken].graphemes(true) {
        width += g.width();
    }
    width
}

/// How many bytes of the grapheme clusters `graphemes` fit in `room`
/// columns, and whether they all do; when they do not, one column is kept
/// for the `…` that marks the cut. Looks at most one cluster past what fits.
fn take_width<'a>(graphemes: impl Iterator<Item = &'a str>, room: usize) -> (usize, bool) {
    let mut bytes = 0;
    let mut used = 0;
    // Where the clusters stood when one column was still left for a `…`.
    let mut cut = 0;
    let mut clusters = 0;
    for g in graphemes {
        clusters += 1;
        used += g.width();
        if used > room {
            cost::count(Work::SearchGraphemes, clusters);
            return (cut, false);
        }
        bytes += g.len();
        if used < room {
            cut = bytes;
        }
    }
    cost::count(Work::SearchGraphemes, clusters);
    (bytes, true)
}

/// `s` with line breaks, tabs and any other control character as a space,
/// so nothing in the text can act on the terminal or break the line.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// [`printable`], written as it goes (a match may be long).
fn write_printable(out: &mut dyn Write, s: &str) -> io::Result<()> {
    for (i, piece) in s.split(char::is_control).enumerate() {
        if i > 0 {
            out.write_all(b" ")?;
        }
        out.write_all(piece.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(
            window("La sécurité.", 3..13),
            ("La ".to_string(), "sécurité", ".".to_string())
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_match() {
        let text = format!("{} cible {}", "a".repeat(200), "b".repeat(200));
        let start = text.find("cible").unwrap();
        let (before, found, after) = window(&text, start..start + 5);
        assert_eq!(found, "cible");
        assert!(before.starts_with('…') && after.ends_with('…'));
        let total = before.width() + found.width() + after.width();
        assert!((WINDOW - 2..=WINDOW).contains(&total), "{total}");
        assert!(before.width().abs_diff(after.width()) <= 1);
    }

    #[test]
    fn room_unused_on_one_side_goes_to_the_other() {
        let text = format!("cible {}", "中".repeat(100));
        let (before, _, after) = window(&text, 0..5);
        assert_eq!(before, "");
        assert!(after.width() <= WINDOW - 5 && after.width() >= WINDOW - 8);
        assert!(after.ends_with('…'));
    }

    #[test]
    fn only_the_matching_line_of_a_post_is_shown() {
        let text = "première ligne\nla sécurité ici\ndernière";
        let start = text.find("sécurité").unwrap();
        assert_eq!(
            window(text, start..start + "sécurité".len()),
            ("la ".to_string(), "sécurité", " ici".to_string())
        );
    }
}
