//! Every item of every real feed in ../shared/testdata/feeds/ reads, and
//! loses no word: its content and its summary are each imported as the
//! article (the importer's fragment mode, through the corpus's validation),
//! and every word of the text a browser would show for them is in the
//! corpus, as many times at least. The reference text is found here with
//! scraper, independently of the importer's own walk.

use std::collections::HashMap;

use depeche::corpus::{self, model::Article};
use depeche::feed::{FeedLimits, parse};
use depeche::import::{self, FragmentMeta, ImportError, ImportOptions};
use scraper::{Html, Node};
use url::Url;

use super::feed_real::{feed_names, feeds_dir};

/// Elements a browser never shows the text of (the importer's list too).
const NEVER_SHOWN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "svg",
    "math", "select", "option", "textarea", "input", "button", "iframe", "object", "embed",
    "canvas", "video", "audio", "source", "picture", "img", "dialog",
];

fn hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("style").is_some_and(|s| {
            let s: String = s
                .to_ascii_lowercase()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// The words of what a browser shows of `html`, lower case, counted.
fn shown_words(html: &str) -> HashMap<String, usize> {
    let fragment = Html::parse_fragment(html);
    let mut text = String::new();
    let mut stack = vec![fragment.tree.root()];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                text.push_str(t);
                text.push(' ');
                continue;
            }
            Node::Element(e) if NEVER_SHOWN.contains(&e.name()) || hidden(e) => continue,
            _ => {}
        }
        stack.extend(node.children().rev());
    }
    count(&text)
}

fn count(text: &str) -> HashMap<String, usize> {
    let mut words = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *words.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    words
}

/// Every text of the article the reader shows (title, blocks, posts, sources).
fn corpus_words(article: &Article) -> HashMap<String, usize> {
    let mut all = String::new();
    for r in article.texts() {
        all.push_str(article.text(r).unwrap_or_default());
        all.push(' ');
    }
    count(&all)
}

#[test]
fn every_item_of_every_real_feed_reads_with_no_word_lost() {
    let Some(dir) = feeds_dir() else { return };
    let names = feed_names(&dir);
    let (mut imported, mut empty, mut words) = (0, 0, 0);
    let mut lost = Vec::new();
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let base = Url::parse(&format!("https://feeds.example/{name}")).unwrap();
        let Ok(feed) = parse(&bytes, Some(&base), None, &FeedLimits::default()) else {
            continue; // feed_real.rs checks which refuse, and why
        };
        for item in &feed.items {
            let meta = FragmentMeta {
                title: item.title.clone(),
                url: item.url.clone(),
                date: item.date().map(|d| d.to_rfc3339()),
                author: item.author.clone(),
                language: None,
            };
            let given = [("content", &item.content_html), ("summary", &item.summary)];
            for (what, html) in given {
                let Some(html) = html.as_deref().filter(|h| !h.trim().is_empty()) else {
                    continue;
                };
                let here = format!("{name} “{}” ({what})", item.title);
                let options = ImportOptions {
                    name: here.clone(),
                    base_url: item.url.clone(),
                    ..ImportOptions::default()
                };
                let expected = shown_words(html);
                let article = match import::import_fragment(html, &meta, &options) {
                    Ok(article) => article,
                    Err(ImportError::NoText { .. }) => {
                        // Only refused when a browser would show no word either.
                        assert!(expected.is_empty(), "{here}: refused, shows {expected:?}");
                        empty += 1;
                        continue;
                    }
                    Err(error) => panic!("{here}: {error}"),
                };
                let raw = import::to_corpus(&[(&article, "item")]);
                let corpus = corpus::validate(&here, raw)
                    .unwrap_or_else(|e| panic!("{here}: the corpus is refused: {e}"));
                let got = corpus_words(&corpus.articles[0]);
                for (word, n) in &expected {
                    words += n;
                    let have = got.get(word).copied().unwrap_or(0);
                    if have < *n {
                        lost.push(format!("{here}: “{word}” {n}× in the feed, {have}×"));
                    }
                }
                imported += 1;
            }
        }
    }
    assert!(lost.is_empty(), "{} lost:\n{}", lost.len(), lost.join("\n"));
    println!(
        "{imported} contents and summaries imported ({words} words, none lost), {empty} with no text"
    );
    assert!(imported > 100, "{imported} imported");
}
