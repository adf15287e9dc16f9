//! Imports web pages as one format-v1 corpus on stdout, until `depeche import` is wired:
//!
//!     cargo run --release --example import-page -- PAGE.html... [--base-url URL] [--text]
//!
//! `--text` prints what depeche would show (headings, paragraphs, posts) instead of JSON.
//! A page that cannot be imported gets its message on stderr and exit status 2.

use depeche::import::{self, ImportOptions};

fn main() {
    let mut pages = Vec::new();
    let mut base_url = None;
    let mut text = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--base-url" => base_url = args.next(),
            "--text" => text = true,
            _ => pages.push(arg),
        }
    }
    if pages.is_empty() {
        eprintln!("usage: import-page PAGE.html... [--base-url URL] [--text]");
        std::process::exit(2);
    }
    let mut articles = Vec::new();
    for page in &pages {
        let bytes = match std::fs::read(page) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{page}: {e}");
                std::process::exit(2);
            }
        };
        let opts = ImportOptions {
            name: page.clone(),
            base_url: base_url.clone(),
            ..Default::default()
        };
        match import::import_page(&bytes, &opts) {
            Ok(article) => {
                for warning in &article.warnings {
                    eprintln!("{page}: warning: {warning}");
                }
                articles.push((article, page.clone()));
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        }
    }
    if text {
        for (article, _) in &articles {
            println!("# {}\n\n{}", article.title, article.shown_text());
        }
        return;
    }
    let refs: Vec<(&import::ImportedArticle, &str)> =
        articles.iter().map(|(a, n)| (a, n.as_str())).collect();
    println!("{}", import::to_corpus_json(&refs));
}
