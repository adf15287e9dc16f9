//! `--check`: a summary line per good corpus on stdout, every problem of a
//! bad one on stderr.

use std::path::PathBuf;

use super::args::Cli;
use super::output::{FAILURE, emit};
use super::web::{as_url, url_corpus};
use crate::corpus::LoadError;
use crate::corpus::model::{Block, Corpus, TextKind};
use crate::corpus::sanitize;
use crate::import::{OpenError, OpenOptions, open_file};

/// `--check`: a summary line per good file (a corpus, or a page and what
/// its import gives) on stdout, every problem of a bad one on stderr.
pub fn check(paths: &[PathBuf], open: &OpenOptions, cli: &Cli) -> Result<u8, String> {
    let mut status = 0;
    for path in paths {
        if let Some(url) = as_url(path) {
            match url_corpus(cli, url) {
                Ok((corpus, warnings, page)) => {
                    let what = if page {
                        "a web page, imported: "
                    } else {
                        "a feed, its items imported: "
                    };
                    let line = format!(
                        "{}: ok: {what}{}\n",
                        sanitize::for_message(url),
                        summary(&corpus)
                    );
                    emit(line.as_bytes())?;
                    for warning in &warnings {
                        eprintln!("depeche: warning: {warning}");
                    }
                }
                Err(error) => {
                    eprintln!("depeche: {error}");
                    status = FAILURE;
                }
            }
            continue;
        }
        match open_file(path, open) {
            Ok(opened) => {
                let name = path.display().to_string();
                let what = if opened.page {
                    "an HTML page, imported: "
                } else {
                    ""
                };
                let line = format!(
                    "{}: ok: {what}{}\n",
                    sanitize::escape(&name),
                    summary(&opened.corpus)
                );
                emit(line.as_bytes())?;
                for warning in &opened.warnings {
                    eprintln!("depeche: warning: {warning}");
                }
            }
            // `depeche --check data/*.json` meets the format's schema: say so, it is no failure.
            Err(OpenError::Load(LoadError::JsonSchema { .. })) => {
                let name = path.display().to_string();
                let line = format!(
                    "{}: skipped: a JSON Schema, not a corpus\n",
                    sanitize::escape(&name)
                );
                emit(line.as_bytes())?;
            }
            Err(error) => {
                eprintln!("depeche: {error}");
                status = FAILURE;
            }
        }
    }
    Ok(status)
}

/// "1 article, 7 sections, 22 paragraphs, 5 posts, 27 sources": the kinds
/// of text block beyond paragraphs, and posts not included in the page,
/// only when there are some.
pub fn summary(corpus: &Corpus) -> String {
    let articles = corpus.articles.len();
    let sections: usize = corpus.articles.iter().map(|a| a.sections.len()).sum();
    let posts: usize = corpus.articles.iter().map(|a| a.posts.len()).sum();
    let sources: usize = corpus.articles.iter().map(|a| a.sources.len()).sum();
    // paragraphs, list items, quotes, captions, table rows, code blocks, posts not included
    let mut kinds = [0usize; 7];
    for (_, block) in corpus.articles.iter().flat_map(|a| a.blocks()) {
        let kind = match block {
            Block::Paragraph(p) => match p.kind {
                TextKind::Paragraph => 0,
                TextKind::ListItem { .. } => 1,
                TextKind::Quote => 2,
                TextKind::Caption => 3,
                TextKind::TableRow { .. } => 4,
                TextKind::Code => 5,
            },
            Block::Post(post) if !post.included() => 6,
            Block::Post(_) => continue,
        };
        kinds[kind] += 1;
    }
    let counted =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![
        counted(articles, "article", "articles"),
        counted(sections, "section", "sections"),
        counted(kinds[0], "paragraph", "paragraphs"),
    ];
    for (n, one, many) in [
        (kinds[1], "list item", "list items"),
        (kinds[2], "quotation", "quotations"),
        (kinds[3], "caption", "captions"),
        (kinds[4], "table row", "table rows"),
        (kinds[5], "block of code", "blocks of code"),
    ] {
        if n > 0 {
            parts.push(counted(n, one, many));
        }
    }
    let mut posts = counted(posts, "post", "posts");
    if kinds[6] > 0 {
        posts.push_str(&format!(" ({} not included in the page)", kinds[6]));
    }
    parts.push(posts);
    parts.push(counted(sources, "source", "sources"));
    parts.join(", ")
}
