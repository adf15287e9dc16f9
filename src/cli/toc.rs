//! `--toc`: the outline of a corpus.

use std::fmt::Write as _;

use super::dump::attribution;
use crate::corpus::model::{Block, Corpus};

/// The outline: each article's title, its sections numbered (an untitled
/// lead shows as "Lead", as in the reader), and the posts in each section.
pub fn toc(corpus: &Corpus) -> String {
    let mut out = String::new();
    for (i, article) in corpus.articles.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&article.title);
        out.push('\n');
        let digits = article.sections.len().to_string().len();
        for (s, section) in article.sections.iter().enumerate() {
            let heading = section.label();
            let label = format!("  {:>digits$}. ", s + 1);
            let _ = writeln!(out, "{label}{heading}");
            let indent = " ".repeat(label.len());
            for post in section.blocks.iter().filter_map(Block::as_post) {
                let _ = writeln!(out, "{indent}{}", attribution(post));
            }
        }
    }
    out
}
