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
//!   `sources` and its name;
//! - then the line of text around the match (the paragraph, or the line of a
//!   post, since the wrapped display lines are not known here): a window of
//!   about [`WINDOW`] columns centred on the match, cut at grapheme
//!   boundaries and marked `…` where cut; line breaks and other control
//!   characters are shown as spaces;
//! - the match in bold red (`ESC[1;31m` … `ESC[0m`) when `color`, else
//!   between `[` and `]` (brackets are rarer than « » in French text).
//!
//! Matching is the reader's ([`crate::search`]): same folding, same smart-case.

use std::io::{self, Write};
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::dump;
use crate::corpus::model::{Article, Corpus, TextRef};
use crate::search::{Match, Query, SearchIndex, SearchMode};

/// Columns of text shown around a match (the match itself included).
pub const WINDOW: usize = 80;

const COLOR_ON: &str = "\x1b[1;31m";
const COLOR_OFF: &str = "\x1b[0m";

/// Prints every match of `query` in `corpus` (article and dump line, section, the line with the
/// match marked, in colour when `color`), line numbers counted in the dump at `width`, and
/// returns how many there were. `Err` carries an invalid regex's message.
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
    dump::for_each_article(corpus, width, |i, dumped, first| {
        let article = &corpus.articles[i];
        let matches = SearchIndex::build(article).find_query(&query);
        if matches.is_empty() || written.is_err() {
            return;
        }
        let lines = dumped.index();
        for m in &matches {
            let line = first + lines.line_of(m.text, m.range.start).unwrap_or(0);
            written = writeln!(out, "{}", format_match(article, m, line, color));
            if written.is_err() {
                return;
            }
        }
        count += matches.len();
    });
    written?;
    Ok(Ok(count))
}

/// One output line (without its newline) for match `m` of `article`,
/// shown on line `line` of the dump.
pub fn format_match(article: &Article, m: &Match, line: usize, color: bool) -> String {
    let mut out = format!("{}:{line}: ", printable(&article.id));
    for (i, label) in place(article, m.text).iter().enumerate() {
        if i > 0 {
            out.push_str(" › ");
        }
        out.push_str(&printable(label));
    }
    out.push_str(" › ");
    let text = article.text(m.text).unwrap_or("");
    let (before, found, after) = window(text, m.range.clone());
    out.push_str(&printable(&before));
    let (open, close) = if color {
        (COLOR_ON, COLOR_OFF)
    } else {
        ("[", "]")
    };
    out.push_str(open);
    out.push_str(&printable(found));
    out.push_str(close);
    out.push_str(&printable(&after));
    out
}

/// Where a text stands: `§N` and the section's label, and `@handle` for a
/// post; for a source, `sources` and its name.
fn place(article: &Article, text: TextRef) -> Vec<String> {
    let section = || {
        let s = text.section().unwrap_or(0);
        let label = article.sections.get(s).map_or("", |s| s.label());
        format!("§{} {label}", s + 1)
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
                    Some(handle) => format!("@{handle}"),
                    None => p.platform.label().to_string(),
                })
                .unwrap_or_default();
            vec![section(), who]
        }
        TextRef::SourceName(i) | TextRef::SourceDescription(i) | TextRef::SourceUrl(i) => {
            let name = article.sources.get(i).map(|s| s.name.clone());
            vec!["sources".to_string(), name.unwrap_or_default()]
        }
    }
}

/// The text before the match (with a leading `…` if cut), the match, and
/// the text after (with a trailing `…` if cut), within the match's line.
fn window(text: &str, range: Range<usize>) -> (String, &str, String) {
    let range = range.start.min(text.len())..range.end.min(text.len());
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let left = &text[line_start..range.start];
    let right = &text[range.end..line_end];
    let found = &text[range];
    let rest = WINDOW.saturating_sub(found.width());
    // Centre the match, giving one side's unused room to the other.
    let left_room = (rest / 2).max(rest.saturating_sub(right.width()));
    let before = take_width(left.graphemes(true).rev(), left_room);
    let mut before_text = String::new();
    if before.len() < left.graphemes(true).count() {
        before_text.push('…');
    }
    before_text.extend(before.iter().rev().copied());
    let right_room = rest.saturating_sub(before_text.width());
    let after = take_width(right.graphemes(true), right_room);
    let mut after_text: String = after.concat();
    if after.len() < right.graphemes(true).count() {
        after_text.push('…');
    }
    (before_text, found, after_text)
}

/// Graphemes from `graphemes` while they fit in `room` columns (one column
/// kept for the `…` that marks a cut, when they do not all fit).
fn take_width<'a>(graphemes: impl Iterator<Item = &'a str> + Clone, room: usize) -> Vec<&'a str> {
    let all: usize = graphemes.clone().map(|g| g.width()).sum();
    let room = if all <= room {
        room
    } else {
        room.saturating_sub(1)
    };
    let mut used = 0;
    graphemes
        .take_while(|g| {
            used += g.width();
            used <= room
        })
        .collect()
}

/// `s` with line breaks, tabs and any other control character as a space,
/// so nothing in the text can act on the terminal or break the line.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
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
