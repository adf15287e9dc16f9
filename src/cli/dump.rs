//! `--dump`: the whole corpus as plain text wrapped to a width. No escape
//! sequences: the text is sanitised at load and nothing here adds styling,
//! so the output is safe for pipes and files.

use std::io::{self, Write};

use crate::corpus::model::{Article, Block, Corpus, Post, SourceKind};
use crate::reader::wrap::{line_breaks, text_width};

/// The narrowest width the dump wraps to (`--width` refuses less).
pub const MIN_WIDTH: usize = 20;
/// The width when stdout is not a terminal.
pub const DEFAULT_WIDTH: usize = 80;

/// `— Author (@handle) · platform · date`: the line that attributes a post.
pub fn attribution(post: &Post) -> String {
    format!(
        "— {} (@{}) · {} · {}",
        post.author,
        post.handle,
        post.platform.label(),
        post.date
    )
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

/// [`dump`], written to `out` as it is made, a line at a time: what it
/// holds in memory does not grow with the corpus (give it a buffered writer).
pub fn write_dump(corpus: &Corpus, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let width = width.max(MIN_WIDTH);
    for (i, article) in corpus.articles.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n\n")?;
        }
        dump_article(out, article, width)?;
    }
    Ok(())
}

fn dump_article(out: &mut dyn Write, article: &Article, width: usize) -> io::Result<()> {
    underlined(out, &article.title, '=', width)?;
    if let Some(notice) = &article.notice {
        wrapped(out, notice, width, "", "")?;
    }
    let meta: Vec<&str> = [article.date.as_deref(), article.language.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !meta.is_empty() {
        writeln!(out, "{}", meta.join(" · "))?;
    }
    for section in &article.sections {
        if let Some(heading) = &section.heading {
            out.write_all(b"\n")?;
            underlined(out, heading, '-', width)?;
        }
        for block in &section.blocks {
            out.write_all(b"\n")?;
            match block {
                Block::Paragraph(paragraph) => {
                    for line in paragraph.text.split('\n') {
                        wrapped(out, line, width, "", "")?;
                    }
                }
                Block::Post(post) => dump_post(out, post, width)?,
            }
        }
    }
    dump_sources(out, article, width)
}

fn dump_post(out: &mut dyn Write, post: &Post, width: usize) -> io::Result<()> {
    for line in post.text.split('\n') {
        if line.trim().is_empty() {
            out.write_all(b">\n")?;
        } else {
            wrapped(out, line, width, "> ", "> ")?;
        }
    }
    wrapped(out, &attribution(post), width, "", "  ")?;
    if let Some(url) = &post.url {
        labelled_url(out, "Post", url)?;
    }
    for link in &post.links {
        labelled_url(out, "Link", link)?;
    }
    Ok(())
}

fn dump_sources(out: &mut dyn Write, article: &Article, width: usize) -> io::Result<()> {
    if article.sources.is_empty() {
        return Ok(());
    }
    out.write_all(b"\n")?;
    underlined(out, "Sources", '-', width)?;
    let mut number = 0;
    let digits = article.sources.len().to_string().len();
    for kind in SourceKind::ALL {
        let mut group = article.sources_of(kind).peekable();
        if group.peek().is_none() {
            continue;
        }
        writeln!(out, "\n{}", kind.group_label())?;
        for i in group {
            number += 1;
            let source = &article.sources[i];
            let label = format!("{number:>digits$}. ");
            let indent = " ".repeat(label.len());
            let entry = match &source.description {
                Some(description) => format!("{} — {description}", source.name),
                None => source.name.clone(),
            };
            wrapped(out, &entry, width, &label, &indent)?;
            if let Some(url) = &source.url {
                writeln!(out, "{indent}{url}")?;
            }
            match article.citations.get(i).map_or(0, Vec::len) {
                0 => writeln!(out, "{indent}not cited")?,
                1 => writeln!(out, "{indent}cited in 1 place")?,
                n => writeln!(out, "{indent}cited in {n} places")?,
            }
        }
    }
    Ok(())
}

/// A URL on its own line, never broken: a terminal or a reader can still follow it.
fn labelled_url(out: &mut dyn Write, label: &str, url: &str) -> io::Result<()> {
    writeln!(out, "  {label}: {url}")
}

/// `text` wrapped, then a line of `rule` as wide as its widest line (the
/// lines are broken twice rather than kept: a heading may be long).
fn underlined(out: &mut dyn Write, text: &str, rule: char, width: usize) -> io::Result<()> {
    let widest = line_breaks(text, width, width)
        .map(|range| text_width(&text[range]))
        .max()
        .unwrap_or(0);
    for range in line_breaks(text, width, width) {
        writeln!(out, "{}", &text[range])?;
    }
    let rule: String = std::iter::repeat_n(rule, widest.min(width)).collect();
    writeln!(out, "{rule}")
}

/// One line of text (no `\n`) wrapped to `width` as the reader wraps it
/// ([`line_breaks`]), the first line after `first`, the others after `rest`.
fn wrapped(
    out: &mut dyn Write,
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
) -> io::Result<()> {
    let widths = (
        width.saturating_sub(text_width(first)),
        width.saturating_sub(text_width(rest)),
    );
    for (i, range) in line_breaks(text, widths.0, widths.1).enumerate() {
        let indent = if i == 0 { first } else { rest };
        let line = text[range].trim_end();
        if line.is_empty() {
            // What the line would be if it had text: the indent, trailing spaces cut.
            writeln!(out, "{}", indent.trim_end())?;
        } else {
            writeln!(out, "{indent}{line}")?;
        }
    }
    Ok(())
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
