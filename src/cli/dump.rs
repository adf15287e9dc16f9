//! `--dump`: the whole corpus as plain text wrapped to a width. No escape
//! sequences: the text is sanitised at load and nothing here adds styling,
//! so the output is safe for pipes and files.

use std::io::{self, Write};
use std::ops::{ControlFlow, Range};

use unicode_width::UnicodeWidthStr;

use crate::corpus::model::{
    Article, Block, BlockRef, CELL_SEPARATOR, Corpus, Paragraph, Post, SourceKind, Text, TextKind,
    TextRef,
};
use crate::reader::layout::{is_list_item, not_included, table_columns, text_prefix};
use crate::reader::wrap::{line_breaks, text_width, wrap_preformatted};

/// The narrowest width the dump wraps to (`--width` refuses less).
pub const MIN_WIDTH: usize = 20;
/// The width when stdout is not a terminal.
pub const DEFAULT_WIDTH: usize = 80;

/// `— Author (@handle) · platform · date`: the line that attributes a post
/// (what the post does not say left out, a video's title in its place).
pub fn attribution(post: &Post) -> String {
    let mut out = String::from("—");
    let who = match (&post.author, &post.handle) {
        (Some(author), Some(handle)) => Some(format!("{author} (@{handle})")),
        (Some(author), None) => Some(author.to_string()),
        (None, Some(handle)) => Some(format!("@{handle}")),
        (None, None) => post.title.as_ref().map(Text::to_string),
    };
    if let Some(who) = who {
        out.push(' ');
        out.push_str(&who);
        out.push_str(" ·");
    }
    out.push(' ');
    out.push_str(post.platform.label());
    if let Some(date) = &post.date {
        out.push_str(" · ");
        out.push_str(date);
    }
    out
}

/// Every article as plain text wrapped to `width` columns (at least
/// [`MIN_WIDTH`]): title, notice, headings, paragraphs, posts as attributed
/// blockquotes with their links, then the article's sources, numbered and
/// grouped by kind, with their URLs and how many places cite them.
pub fn dump(corpus: &Corpus, width: usize) -> String {
    let mut out = Vec::new();
    write_dump(corpus, width, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("the dump is UTF-8")
}

/// [`dump`], written to `out` a line at a time as it is made: what it holds
/// does not grow with the corpus (give it a buffered writer).
pub fn write_dump(corpus: &Corpus, width: usize, out: &mut dyn Write) -> io::Result<()> {
    for (i, article) in corpus.articles.iter().enumerate() {
        if i > 0 {
            out.write_all("\n".repeat(ARTICLE_GAP).as_bytes())?;
        }
        let mut sink = Stream { out, error: None };
        dump_into(article, width, &mut sink);
        if let Some(error) = sink.error {
            return Err(error);
        }
    }
    Ok(())
}

/// Blank lines between two articles in the dump.
const ARTICLE_GAP: usize = 2;

/// The place a line of the dump shows: a text of the article and where
/// the line starts in it (`None` for rules, blank lines, headings of the
/// Sources list…).
type Place = Option<(TextRef, usize)>;

/// Where the lines of an article's dump go as they are made.
trait Lines {
    fn line(&mut self, text: &str, place: Place);
}

/// Lines written out (`--dump`); the first error is kept, the rest skipped.
struct Stream<'a> {
    out: &'a mut dyn Write,
    error: Option<io::Error>,
}

impl Lines for Stream<'_> {
    fn line(&mut self, text: &str, _: Place) {
        if self.error.is_none()
            && let Err(error) = writeln!(self.out, "{}", text.trim_end())
        {
            self.error = Some(error);
        }
    }
}

/// One article dumped: its text, and for each of its lines the text of the
/// article it shows and where that line starts in it.
pub struct DumpedArticle {
    pub text: String,
    pub lines: Vec<Place>,
}

impl Lines for DumpedArticle {
    fn line(&mut self, text: &str, place: Place) {
        self.text.push_str(text.trim_end());
        self.text.push('\n');
        self.lines.push(place);
    }
}

/// Where each text of a dumped article is, for finding the line of many
/// matches; made without the dump's text, one entry a line that shows a
/// text (a text, where the line starts in it, the line), sorted.
#[derive(Default)]
pub struct LineIndex {
    places: Vec<(TextRef, u32, u32)>,
    /// Lines of the article's dump.
    pub lines: usize,
}

impl Lines for LineIndex {
    fn line(&mut self, _: &str, place: Place) {
        if let Some((text, byte)) = place {
            self.places.push((text, byte as u32, self.lines as u32));
        }
        self.lines += 1;
    }
}

/// Counts lines up to `wanted` (from 0), keeping the last place shown.
struct FindLine {
    wanted: usize,
    lines: usize,
    place: Place,
}

impl Lines for FindLine {
    fn line(&mut self, _: &str, place: Place) {
        if self.lines <= self.wanted && place.is_some() {
            self.place = place;
        }
        self.lines += 1;
    }
}

impl LineIndex {
    /// Where each text of `article` is in its dump at `width`.
    pub fn of(article: &Article, width: usize) -> LineIndex {
        let mut index = LineIndex::default();
        dump_into(article, width, &mut index);
        index.places.sort_unstable();
        index.places.shrink_to_fit();
        index
    }

    /// The line (from 0) of the article's dump showing byte `byte` of
    /// `text`, or the first line of what holds it (a post's attribution for
    /// its card line, a source's entry for its description and URL).
    pub fn line_of(&self, text: TextRef, byte: usize) -> Option<usize> {
        let on = |wanted: TextRef, byte: usize| {
            let i = self
                .places
                .partition_point(|&(t, b, _)| (t, b as usize) <= (wanted, byte))
                .checked_sub(1)?;
            let (text, _, line) = self.places[i];
            (text == wanted).then_some(line as usize)
        };
        on(text, byte).or_else(|| match text {
            TextRef::PostMeta(at) | TextRef::PostTitle(at) => on(TextRef::PostAuthor(at), 0),
            TextRef::SourceDescription(i) | TextRef::SourceUrl(i) => on(TextRef::SourceName(i), 0),
            _ => None,
        })
    }
}

/// The place of line `line` (counted from 1, as `--search` prints it) of
/// the whole dump of `corpus` at `width`: the article, and the text shown
/// there (or on the nearest line above showing one) with its first byte.
pub fn place_of_line(
    corpus: &Corpus,
    width: usize,
    line: usize,
) -> Option<(usize, TextRef, usize)> {
    let mut first = 1;
    for (i, article) in corpus.articles.iter().enumerate() {
        if i > 0 {
            first += ARTICLE_GAP;
        }
        let mut find = FindLine {
            wanted: line.saturating_sub(first),
            lines: 0,
            place: None,
        };
        dump_into(article, width, &mut find);
        if line < first + find.lines {
            return Some(
                find.place
                    .map_or((i, TextRef::Title, 0), |(t, b)| (i, t, b)),
            );
        }
        first += find.lines;
    }
    None
}

/// The line (from 1) where each article's dump starts in the dump of the
/// whole corpus, calling `each` with the article's index and that line, until
/// it breaks; `each` gives back the article's [`LineIndex`] if it made one
/// (it needed line numbers), else the article's lines are only counted.
pub fn for_each_article(
    corpus: &Corpus,
    width: usize,
    mut each: impl FnMut(usize, usize) -> ControlFlow<(), Option<LineIndex>>,
) {
    let mut first = 1;
    for (i, article) in corpus.articles.iter().enumerate() {
        if i > 0 {
            first += ARTICLE_GAP;
        }
        let ControlFlow::Continue(index) = each(i, first) else {
            return;
        };
        first += match index {
            Some(index) => index.lines,
            None => {
                let mut count = Count(0);
                dump_into(article, width, &mut count);
                count.0
            }
        };
    }
}

/// Only counts the lines.
struct Count(usize);

impl Lines for Count {
    fn line(&mut self, _: &str, _: Place) {
        self.0 += 1;
    }
}

/// Lines made one at a time, each with the place of the text it shows, and
/// handed to a [`Lines`] (written out, kept, or only indexed).
struct Writer<'a> {
    width: usize,
    out: &'a mut dyn Lines,
}

impl Writer<'_> {
    fn line(&mut self, text: &str, place: Place) {
        self.out.line(text, place);
    }

    fn blank(&mut self) {
        self.line("", None);
    }

    /// `text` wrapped, then a line of `rule` as wide as its widest line
    /// (the text broken twice rather than kept: a heading may be long).
    fn underlined(&mut self, text: &str, text_ref: Option<TextRef>, rule: char) {
        let widest = line_breaks(text, self.width, self.width)
            .map(|r| text_width(&text[r]))
            .max()
            .unwrap_or(0);
        for range in line_breaks(text, self.width, self.width) {
            self.line(&text[range.clone()], text_ref.map(|t| (t, range.start)));
        }
        let rule: String = std::iter::repeat_n(rule, widest.min(self.width)).collect();
        self.line(&rule, None);
    }

    /// [`Writer::wrapped`] with `place` on the first line only (a line that
    /// is not one text of the article, but stands for some).
    fn wrapped_first(&mut self, text: &str, place: (TextRef, usize), first: &str, rest: &str) {
        self.wrapped_with(text, first, rest, |i, _| (i == 0).then_some(place));
    }

    /// One line of text (no `\n`), `offset` bytes into `text_ref`'s text,
    /// wrapped to the width as the reader wraps it ([`line_breaks`]), the
    /// first line after `first`, the others after `rest`.
    fn wrapped(&mut self, text: &str, place: Place, first: &str, rest: &str) {
        self.wrapped_with(text, first, rest, |_, range| {
            place.map(|(t, offset)| (t, offset + range.start))
        });
    }

    /// `text` wrapped, line `i` (range `range` of `text`) showing `place_of(i, range)`.
    fn wrapped_with(
        &mut self,
        text: &str,
        first: &str,
        rest: &str,
        place_of: impl Fn(usize, &Range<usize>) -> Place,
    ) {
        let widths = (
            self.width.saturating_sub(text_width(first)),
            self.width.saturating_sub(text_width(rest)),
        );
        for (i, range) in line_breaks(text, widths.0, widths.1).enumerate() {
            let indent = if i == 0 { first } else { rest };
            let line = format!("{indent}{}", &text[range.clone()]);
            self.line(&line, place_of(i, &range));
        }
    }
}

/// One article dumped, with the place of each line.
pub fn dump_article(article: &Article, width: usize) -> DumpedArticle {
    let mut out = DumpedArticle {
        text: String::new(),
        lines: Vec::new(),
    };
    dump_into(article, width, &mut out);
    out
}

/// The lines of one article's dump, handed to `out` one at a time.
fn dump_into(article: &Article, width: usize, out: &mut dyn Lines) {
    let mut w = Writer {
        width: width.max(MIN_WIDTH),
        out,
    };
    w.underlined(&article.title, Some(TextRef::Title), '=');
    if let Some(notice) = article.notice() {
        w.wrapped(notice, Some((TextRef::Notice, 0)), "", "");
    }
    let meta: Vec<&str> = [article.date(), article.language()]
        .into_iter()
        .flatten()
        .collect();
    if !meta.is_empty() {
        w.line(&meta.join(" · "), None);
    }
    for (s, section) in article.sections.iter().enumerate() {
        if let Some(heading) = &section.heading {
            w.blank();
            w.underlined(heading, Some(TextRef::Heading(s as u32)), '-');
        }
        // The columns of the table being written: (its last block, the
        // column widths when it fits the width aligned).
        let mut table: Option<(usize, Option<Vec<usize>>)> = None;
        for (b, block) in section.blocks.iter().enumerate() {
            let at = BlockRef {
                section: s as u32,
                block: b as u32,
            };
            let row = is_table_row(block);
            let in_table = row && table.as_ref().is_some_and(|(last, _)| b <= *last);
            // The rows of a table and the items of a list stand together.
            let item_after_item =
                b > 0 && is_list_item(block) && is_list_item(&section.blocks[b - 1]);
            if !(in_table || item_after_item) {
                w.blank();
            }
            if row && !in_table {
                let rows: Vec<&Paragraph> = section.blocks[b..]
                    .iter()
                    .take_while(|b| is_table_row(b))
                    .filter_map(Block::as_paragraph)
                    .collect();
                table = Some((b + rows.len() - 1, table_columns(&rows, w.width)));
            }
            match block {
                Block::Paragraph(paragraph) if row => {
                    let columns = table.as_ref().and_then(|(_, c)| c.as_deref());
                    dump_row(&mut w, at, paragraph, columns);
                }
                Block::Paragraph(paragraph) => dump_text(&mut w, at, paragraph),
                Block::Post(post) => dump_post(&mut w, at, post),
            }
        }
    }
    dump_sources(&mut w, article);
}

/// The lines of `text` split at `\n`, each with its byte offset.
fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    text.split('\n')
        .map(move |line| (line.as_ptr() as usize - base, line))
}

fn is_table_row(block: &Block) -> bool {
    matches!(block, Block::Paragraph(p) if matches!(p.kind, TextKind::TableRow { .. }))
}

/// A block of text as its kind wants: a list item after its bullet or
/// number, a quotation after a bar, preformatted text as is, a caption
/// indented.
fn dump_text(w: &mut Writer<'_>, at: BlockRef, paragraph: &Paragraph) {
    let text_ref = TextRef::Paragraph(at);
    let (first, rest) = match paragraph.kind {
        TextKind::Caption => ("    ".to_string(), "    ".to_string()),
        ref kind => text_prefix(kind, w.width),
    };
    if paragraph.kind == TextKind::Code {
        for range in wrap_preformatted(&paragraph.text, w.width - text_width(&rest)) {
            let line = format!("{rest}{}", &paragraph.text[range.clone()]);
            w.line(&line, Some((text_ref, range.start)));
        }
        return;
    }
    for (i, (offset, line)) in pieces(&paragraph.text).enumerate() {
        let lead = if i == 0 { &first } else { &rest };
        w.wrapped(line, Some((text_ref, offset)), lead, &rest);
    }
}

/// A table row: its cells in the table's `columns` when the table fits the
/// width aligned, else its text (the cells joined by " | ") wrapped.
fn dump_row(w: &mut Writer<'_>, at: BlockRef, paragraph: &Paragraph, columns: Option<&[usize]>) {
    let place = Some((TextRef::Paragraph(at), 0));
    let (TextKind::TableRow { cells, .. }, Some(columns)) = (&paragraph.kind, columns) else {
        w.wrapped(&paragraph.text, place, "", "");
        return;
    };
    let mut line = String::new();
    for (c, column) in columns.iter().enumerate() {
        if c > 0 {
            line.push_str(CELL_SEPARATOR);
        }
        let cell = cells
            .get(c)
            .and_then(|r| paragraph.text.get(r.clone()))
            .unwrap_or("");
        line.push_str(cell);
        line.extend(std::iter::repeat_n(
            ' ',
            // As `table_columns` measured it.
            column.saturating_sub(cell.width()),
        ));
    }
    w.line(&line, place);
}

fn dump_post(w: &mut Writer<'_>, at: BlockRef, post: &Post) {
    let missing = format!("({})", not_included(post));
    // What is said of a post not included is no text of the article.
    let (text, text_ref) = match post.text.as_deref() {
        Some(text) => (text, Some(TextRef::PostText(at))),
        None => (missing.as_str(), None),
    };
    for (offset, line) in pieces(text) {
        let place = text_ref.map(|t| (t, offset));
        if line.trim().is_empty() {
            w.line(">", place);
        } else {
            w.wrapped(line, place, "> ", "> ");
        }
    }
    // The attribution's first line stands for the author, card line and title.
    w.wrapped_first(&attribution(post), (TextRef::PostAuthor(at), 0), "", "  ");
    if let Some(url) = &post.url {
        w.line(&labelled_url("Post", url), Some((TextRef::PostUrl(at), 0)));
    }
    for (i, link) in post.links.iter().enumerate() {
        w.line(
            &labelled_url("Link", link),
            Some((TextRef::PostLink(at, i as u32), 0)),
        );
    }
}

fn dump_sources(w: &mut Writer<'_>, article: &Article) {
    if article.sources.is_empty() {
        return;
    }
    w.blank();
    w.underlined("Sources", None, '-');
    let mut number = 0;
    for kind in SourceKind::ALL {
        let group: Vec<usize> = article.sources_of(kind).collect();
        if group.is_empty() {
            continue;
        }
        w.blank();
        w.line(kind.group_label(), None);
        let digits = article.sources.len().to_string().len();
        for i in group {
            number += 1;
            let source = &article.sources[i];
            let label = format!("{number:>digits$}. ");
            let indent = " ".repeat(label.len());
            let entry = match &source.description {
                Some(description) => format!("{} — {description}", source.name),
                None => source.name.to_string(),
            };
            // The entry's first line stands for the name and the description.
            w.wrapped_first(&entry, (TextRef::SourceName(i as u32), 0), &label, &indent);
            if let Some(url) = &source.url {
                w.line(
                    &format!("{indent}{url}"),
                    Some((TextRef::SourceUrl(i as u32), 0)),
                );
            }
            let cited = article.citations.get(i).map_or(0, <[_]>::len);
            let cited = match cited {
                0 => "not cited".to_string(),
                1 => "cited in 1 place".to_string(),
                n => format!("cited in {n} places"),
            };
            w.line(&format!("{indent}{cited}"), None);
        }
    }
}

/// A URL on its own line, never broken: a terminal or a reader can still follow it.
fn labelled_url(label: &str, url: &str) -> String {
    format!("  {label}: {url}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load_bytes;

    fn corpus(paragraph: &str) -> Corpus {
        let json = format!(
            r#"{{"format":"depeche-corpus","version":1,"articles":[{{"id":"a","title":"Titre","sections":[
                {{"id":"s","blocks":[{{"type":"paragraph","text":{}}}]}}],"sources":[]}}]}}"#,
            serde_json::Value::from(paragraph)
        );
        load_bytes("t.json", json.as_bytes()).expect("valid test corpus")
    }

    #[test]
    fn lines_fit_the_width_in_columns_not_chars() {
        let text = "Володимир Зеленський 🔴🗣 “coalition des volontaires“ 中文字符测试 ".repeat(20);
        for width in [20, 33, 80] {
            for line in dump(&corpus(&text), width).lines() {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn no_break_spaces_are_not_broken() {
        let text = "mot ".repeat(30) + "90\u{a0}% et 20\u{202f}000 soldats";
        for width in 20..40 {
            let out = dump(&corpus(&text), width);
            assert!(out.contains("90\u{a0}%"), "{width}");
            assert!(out.contains("20\u{202f}000"), "{width}");
        }
    }

    #[test]
    fn french_punctuation_stays_with_its_word() {
        let text =
            "mot ".repeat(40) + "Que propose la coalition concrètement ? « Plusieurs options »";
        for width in 20..60 {
            for line in dump(&corpus(&text), width).lines() {
                assert!(
                    !line.starts_with(['?', '»']) && !line.ends_with('«'),
                    "{width}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn widths_below_the_minimum_are_raised() {
        let text = "un deux trois quatre cinq six sept huit";
        assert_eq!(dump(&corpus(text), 3), dump(&corpus(text), MIN_WIDTH));
    }
}
