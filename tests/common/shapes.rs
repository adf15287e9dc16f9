//! The hostile shapes of issue 11, at any size: corpora written as JSON that
//! go through the real loader, for the scaling tests (work counted at n and
//! 4n) and the memory tests (a child's peak memory against the file's size).

use serde_json::{Value, json};

/// A corpus of these articles, as compact JSON.
pub fn corpus(articles: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({"format": "depeche-corpus", "version": 1, "articles": articles}))
        .expect("serialise a corpus")
}

/// An article of one section holding these blocks, with these sources.
pub fn article(id: &str, blocks: Vec<Value>, sources: Vec<Value>) -> Value {
    json!({"id": id, "title": "Titre", "sections": [{"id": "s", "heading": "Intertitre", "blocks": blocks}],
           "sources": sources})
}

pub fn paragraph(text: &str) -> Value {
    json!({"type": "paragraph", "text": text})
}

/// One paragraph of `n` one-letter words (`a a a …`): `--search a` finds `n` matches in it.
pub fn one_letter_words(n: usize) -> Vec<u8> {
    corpus(vec![article("a", vec![paragraph(&"a ".repeat(n))], vec![])])
}

/// One paragraph of `n` distinct URLs.
pub fn links_in_a_paragraph(n: usize) -> Vec<u8> {
    let text: Vec<String> = (0..n)
        .map(|i| format!("https://e{i}.example.org/{i}"))
        .collect();
    corpus(vec![article("a", vec![paragraph(&text.join(" "))], vec![])])
}

/// `n` posts with a link each.
pub fn posts_with_a_link(n: usize) -> Vec<u8> {
    let posts = (0..n)
        .map(|i| {
            json!({"type": "post", "id": format!("p{i}"), "platform": "x", "author": "A",
                   "handle": "a", "date": "2026-01-06", "text": "x",
                   "links": [format!("https://e{i}.example.org/")]})
        })
        .collect();
    corpus(vec![article("a", posts, vec![])])
}

/// One paragraph citing `n` sources.
pub fn cites(n: usize) -> Vec<u8> {
    let sources: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("s{i}"), "kind": "person", "name": "N"}))
        .collect();
    let cites: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
    let block = json!({"type": "paragraph", "text": "x", "cites": cites});
    corpus(vec![article("a", vec![block], sources)])
}

/// An article id of `id_bytes` bytes over `matches` one-letter words.
pub fn long_id(id_bytes: usize, matches: usize) -> Vec<u8> {
    let id = "i".repeat(id_bytes);
    corpus(vec![article(
        &id,
        vec![paragraph(&"a ".repeat(matches))],
        vec![],
    )])
}

/// One paragraph of `n` U+FDFA (a character that folds to 18).
pub fn fdfa(n: usize) -> Vec<u8> {
    corpus(vec![article(
        "a",
        vec![paragraph(&"\u{fdfa}".repeat(n))],
        vec![],
    )])
}

/// `n` combining marks on one letter, a ZWJ after every 16.
pub fn marks_with_joiners(n: usize) -> Vec<u8> {
    let run = format!("{}\u{200d}", "\u{301}".repeat(16));
    let text = format!("a{} fin", run.repeat(n / 16));
    corpus(vec![article("a", vec![paragraph(&text)], vec![])])
}

/// `n` sections of one paragraph each.
pub fn sections(n: usize) -> Vec<u8> {
    let sections: Vec<Value> = (0..n)
        .map(|i| {
            json!({"id": format!("s{i}"), "heading": format!("Section {i}"),
                        "blocks": [paragraph("un mot a")]})
        })
        .collect();
    corpus(vec![
        json!({"id": "a", "title": "T", "sections": sections, "sources": []}),
    ])
}

/// `n` articles of one paragraph each.
pub fn articles(n: usize) -> Vec<u8> {
    corpus(
        (0..n)
            .map(|i| article(&format!("a{i}"), vec![paragraph("un mot a")], vec![]))
            .collect(),
    )
}
