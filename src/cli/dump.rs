//! `--dump`: the whole corpus as plain text wrapped to a width. No escape
//! sequences: the text is sanitised at load and nothing here adds styling,
//! so the output is safe for pipes and files.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::corpus::model::{
    Article, Block, CELL_SEPARATOR, Corpus, Paragraph, Post, SourceKind, TextKind,
};
use crate::reader::layout::{is_list_item, not_included, table_columns, text_prefix};
use crate::reader::wrap::{wrap_lines, wrap_preformatted, wrap_ranges};

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
        (Some(author), None) => Some(author.clone()),
        (None, Some(handle)) => Some(format!("@{handle}")),
        (None, None) => post.title.clone(),
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
    let width = width.max(MIN_WIDTH);
    let mut out = String::new();
    for (i, article) in corpus.articles.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        dump_article(&mut out, article, width);
    }
    out
}

fn dump_article(out: &mut String, article: &Article, width: usize) {
    underlined(out, &article.title, '=', width);
    if let Some(notice) = &article.notice {
        wrapped(out, notice, width, "", "");
    }
    let meta: Vec<&str> = [article.date.as_deref(), article.language.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !meta.is_empty() {
        out.push_str(&meta.join(" · "));
        out.push('\n');
    }
    for section in &article.sections {
        if let Some(heading) = &section.heading {
            out.push('\n');
            underlined(out, heading, '-', width);
        }
        // The columns of the table being written: (its last block, the
        // column widths when it fits the width aligned).
        let mut table: Option<(usize, Option<Vec<usize>>)> = None;
        for (i, block) in section.blocks.iter().enumerate() {
            let row = is_table_row(block);
            let in_table = row && table.as_ref().is_some_and(|(last, _)| i <= *last);
            // The rows of a table and the items of a list stand together.
            let item_after_item =
                i > 0 && is_list_item(block) && is_list_item(&section.blocks[i - 1]);
            if !(in_table || item_after_item) {
                out.push('\n');
            }
            if row && !in_table {
                let rows: Vec<&Paragraph> = section.blocks[i..]
                    .iter()
                    .take_while(|b| is_table_row(b))
                    .filter_map(Block::as_paragraph)
                    .collect();
                table = Some((i + rows.len() - 1, table_columns(&rows, width)));
            }
            match block {
                Block::Paragraph(paragraph) if row => {
                    let columns = table.as_ref().and_then(|(_, c)| c.as_deref());
                    dump_row(out, paragraph, columns, width);
                }
                Block::Paragraph(paragraph) => dump_text(out, paragraph, width),
                Block::Post(post) => dump_post(out, post, width),
            }
        }
    }
    dump_sources(out, article, width);
}

fn is_table_row(block: &Block) -> bool {
    matches!(block, Block::Paragraph(p) if matches!(p.kind, TextKind::TableRow { .. }))
}

/// A block of text as its kind wants: a list item after its bullet or
/// number, a quotation after a bar, preformatted text as is, a caption
/// indented.
fn dump_text(out: &mut String, paragraph: &Paragraph, width: usize) {
    let (first, rest) = match paragraph.kind {
        TextKind::Caption => ("    ".to_string(), "    ".to_string()),
        ref kind => text_prefix(kind, width),
    };
    if paragraph.kind == TextKind::Code {
        for range in wrap_preformatted(&paragraph.text, width - rest.width()) {
            let line = format!("{rest}{}", &paragraph.text[range]);
            out.push_str(line.trim_end());
            out.push('\n');
        }
        return;
    }
    for (i, line) in paragraph.text.split('\n').enumerate() {
        wrapped(out, line, width, if i == 0 { &first } else { &rest }, &rest);
    }
}

/// A table row: its cells in the table's `columns` when the table fits the
/// width aligned, else its text (the cells joined by " | ") wrapped.
fn dump_row(out: &mut String, paragraph: &Paragraph, columns: Option<&[usize]>, width: usize) {
    let (TextKind::TableRow { cells, .. }, Some(columns)) = (&paragraph.kind, columns) else {
        wrapped(out, &paragraph.text, width, "", "");
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
            column.saturating_sub(cell.width()),
        ));
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn dump_post(out: &mut String, post: &Post, width: usize) {
    let text = post.text.as_deref();
    let missing = format!("({})", not_included(post));
    let text = text.unwrap_or(&missing);
    for line in text.split('\n') {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            wrapped(out, line, width, "> ", "> ");
        }
    }
    wrapped(out, &attribution(post), width, "", "  ");
    if let Some(url) = &post.url {
        labelled_url(out, "Post", url);
    }
    for link in &post.links {
        labelled_url(out, "Link", link);
    }
}

fn dump_sources(out: &mut String, article: &Article, width: usize) {
    if article.sources.is_empty() {
        return;
    }
    out.push('\n');
    underlined(out, "Sources", '-', width);
    let mut number = 0;
    for kind in SourceKind::ALL {
        let group: Vec<usize> = article.sources_of(kind).collect();
        if group.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(kind.group_label());
        out.push('\n');
        let digits = article.sources.len().to_string().len();
        for i in group {
            number += 1;
            let source = &article.sources[i];
            let label = format!("{number:>digits$}. ");
            let indent = " ".repeat(label.len());
            let entry = match &source.description {
                Some(description) => format!("{} — {description}", source.name),
                None => source.name.clone(),
            };
            wrapped(out, &entry, width, &label, &indent);
            if let Some(url) = &source.url {
                let _ = writeln!(out, "{indent}{url}");
            }
            let cited = article.citations.get(i).map_or(0, Vec::len);
            let _ = match cited {
                0 => writeln!(out, "{indent}not cited"),
                1 => writeln!(out, "{indent}cited in 1 place"),
                n => writeln!(out, "{indent}cited in {n} places"),
            };
        }
    }
}

/// A URL on its own line, never broken: a terminal or a reader can still follow it.
fn labelled_url(out: &mut String, label: &str, url: &str) {
    let _ = writeln!(out, "  {label}: {url}");
}

/// `text` wrapped, then a line of `rule` as wide as its widest line.
fn underlined(out: &mut String, text: &str, rule: char, width: usize) {
    let lines: Vec<&str> = wrap_ranges(text, width)
        .into_iter()
        .map(|range| &text[range])
        .collect();
    let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    for line in &lines {
        out.push_str(line);
        out.push('\n');
    }
    out.extend(std::iter::repeat_n(rule, widest.min(width)));
    out.push('\n');
}

/// One line of text (no `\n`) wrapped to `width` as the reader wraps it
/// ([`wrap_lines`]), the first line after `first`, the others after `rest`.
fn wrapped(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let widths = (
        width.saturating_sub(first.width()),
        width.saturating_sub(rest.width()),
    );
    for (i, range) in wrap_lines(text, widths.0, widths.1).into_iter().enumerate() {
        let indent = if i == 0 { first } else { rest };
        let line = format!("{indent}{}", &text[range]);
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load_bytes;
    use unicode_width::UnicodeWidthStr;

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
