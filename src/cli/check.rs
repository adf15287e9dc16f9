//! `--check`: a summary line per good corpus on stdout, every problem of a
//! bad one on stderr.

use std::path::PathBuf;

use super::output::{FAILURE, emit};
use crate::corpus::model::{Block, Corpus};
use crate::corpus::sanitize;
use crate::corpus::{self, LoadError};

/// `--check`: a summary line per good file on stdout, every problem of a bad one on stderr.
pub fn check(paths: &[PathBuf], max_size: u64) -> Result<u8, String> {
    let mut status = 0;
    for path in paths {
        match corpus::load_file(path, max_size) {
            Ok(corpus) => {
                let name = path.display().to_string();
                let line = format!("{}: ok: {}\n", sanitize::escape(&name), summary(&corpus));
                emit(line.as_bytes())?;
            }
            // `depeche --check data/*.json` meets the format's schema: say so, it is no failure.
            Err(LoadError::JsonSchema { .. }) => {
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

/// "1 article, 7 sections, 5 posts, 27 sources".
pub fn summary(corpus: &Corpus) -> String {
    let articles = corpus.articles.len();
    let sections: usize = corpus.articles.iter().map(|a| a.sections.len()).sum();
    let posts: usize = corpus.articles.iter().map(|a| a.posts.len()).sum();
    let paragraphs: usize = corpus
        .articles
        .iter()
        .flat_map(|a| a.blocks())
        .filter(|(_, b)| matches!(b, Block::Paragraph(_)))
        .count();
    let sources: usize = corpus.articles.iter().map(|a| a.sources.len()).sum();
    [
        (articles, "article"),
        (sections, "section"),
        (paragraphs, "paragraph"),
        (posts, "post"),
        (sources, "source"),
    ]
    .iter()
    .map(|&(n, what)| format!("{n} {what}{}", if n == 1 { "" } else { "s" }))
    .collect::<Vec<_>>()
    .join(", ")
}
