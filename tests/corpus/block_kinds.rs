//! The block types added to format v1 (list items, quotations, captions,
//! table rows, preformatted text) and posts the page did not include: how
//! they load, what is refused, and that the search sees their words.

use std::path::Path;

use depeche::corpus::model::{Block, Platform, TextKind, TextRef};
use depeche::corpus::{self, DEFAULT_MAX_SIZE};
use depeche::search::{SearchIndex, SearchMode};
use serde_json::{Value, json};

/// A corpus of one article whose lead holds `blocks` (and two sources to cite).
fn corpus(blocks: Value) -> String {
    json!({
        "format": "depeche-corpus",
        "version": 1,
        "articles": [{
            "id": "a",
            "title": "Titre",
            "sections": [{"id": "lead", "blocks": blocks}],
            "sources": [
                {"id": "s", "kind": "link", "name": "Source", "url": "https://example.org/"}
            ]
        }]
    })
    .to_string()
}

fn load(blocks: Value) -> Result<corpus::model::Corpus, String> {
    corpus::load_bytes("k.json", corpus(blocks).as_bytes()).map_err(|e| e.to_string())
}

fn kinds(blocks: Value) -> Vec<TextKind> {
    let corpus = load(blocks).unwrap();
    corpus.articles[0]
        .blocks()
        .filter_map(|(_, b)| b.as_paragraph().map(|p| p.kind.clone()))
        .collect()
}

fn item(ordered: bool, depth: u8, number: u32) -> TextKind {
    TextKind::ListItem {
        ordered,
        depth,
        number,
    }
}

#[test]
fn the_example_loads_every_kind() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.json");
    let corpus = corpus::load_file(&path, DEFAULT_MAX_SIZE).unwrap();
    let article = &corpus.articles[0];
    let works = &article.sections[2];
    let kinds: Vec<Option<&TextKind>> = works
        .blocks
        .iter()
        .map(|b| b.as_paragraph().map(|p| &p.kind))
        .collect();
    assert_eq!(kinds[0], Some(&TextKind::Paragraph));
    assert_eq!(kinds[1], Some(&item(true, 1, 1)));
    assert_eq!(kinds[2], Some(&item(true, 1, 2)));
    assert_eq!(kinds[3], Some(&item(false, 2, 1)));
    assert_eq!(kinds[4], Some(&TextKind::Quote));
    assert!(matches!(
        kinds[5],
        Some(TextKind::TableRow { header: true, .. })
    ));
    assert_eq!(kinds[8], Some(&TextKind::Caption));
    assert_eq!(kinds[9], Some(&TextKind::Code));
    // A row's text is its cells joined; the ranges find each cell again.
    let row = works.blocks[6].as_paragraph().unwrap();
    assert_eq!(row.text, "2024 | €12 m");
    let TextKind::TableRow { cells, header } = &row.kind else {
        panic!("{row:?}");
    };
    assert!(!header);
    let cells: Vec<&str> = cells.iter().map(|r| &row.text[r.clone()]).collect();
    assert_eq!(cells, ["2024", "€12 m"]);
    // Preformatted text keeps its line break and its spaces.
    let code = works.blocks[9].as_paragraph().unwrap();
    assert_eq!(
        code.text,
        "GET /bridge/traffic?day=2026-03-14\n  cars: 18 204"
    );
    // The video the page did not include.
    let video = works.blocks[10].as_post().unwrap();
    assert!(!video.included());
    assert_eq!(video.platform, Platform::YouTube);
    assert_eq!(
        (&video.author, &video.handle, &video.date),
        (&None, &None, &None)
    );
    assert_eq!(
        video.title.as_deref(),
        Some("The bridge reopens, filmed from the water")
    );
    assert_eq!(article.posts.len(), 2, "Quotes lists it too");
}

#[test]
fn list_items_are_numbered_per_run_and_depth() {
    let li = |text: &str, ordered: bool, depth: u64| json!({"type": "list-item", "text": text, "ordered": ordered, "depth": depth});
    let got = kinds(json!([
        li("a", true, 1),
        li("b", true, 1),
        li("b.1", true, 2),
        li("b.2", true, 2),
        li("c", true, 1),
        li("c.1", true, 2),
        li("d", false, 1),
        {"type": "paragraph", "text": "between"},
        li("e", true, 1),
    ]));
    assert_eq!(
        got,
        [
            item(true, 1, 1),
            item(true, 1, 2),
            item(true, 2, 1),
            item(true, 2, 2),
            item(true, 1, 3),
            // A new list inside the next item starts again.
            item(true, 2, 1),
            // A bulleted item after numbered ones starts a run of its own.
            item(false, 1, 1),
            TextKind::Paragraph,
            item(true, 1, 1),
        ]
    );
}

#[test]
fn defaults_are_a_bullet_at_depth_one_and_a_plain_row() {
    let got = kinds(json!([
        {"type": "list-item", "text": "x"},
        {"type": "table-row", "cells": ["a", "", "c"]},
    ]));
    assert_eq!(got[0], item(false, 1, 1));
    assert_eq!(
        got[1],
        TextKind::TableRow {
            header: false,
            cells: vec![0..1, 4..4, 7..8].into()
        }
    );
}

#[test]
fn what_does_not_fit_a_type_is_refused_with_its_path() {
    for (blocks, expected) in [
        (
            json!([{"type": "list-item", "text": "x", "depth": 0}]),
            "articles[0].sections[0].blocks[0].depth: 0 is not a list depth (expected 1 for a top-level list, up to 8)",
        ),
        (
            json!([{"type": "list-item", "text": "x", "depth": 9}]),
            "blocks[0].depth: 9 is not a list depth",
        ),
        (
            json!([{"type": "table-row", "text": "a | b"}]),
            "blocks[0].text: a table-row has no \"text\" field (expected one of \"type\", \"cells\", \"header\", \"cites\")",
        ),
        (
            json!([{"type": "table-row", "cells": ["", " ", "\u{1b}[31m"]}]),
            "blocks[0].cells: a table row needs at least one cell with text, found none",
        ),
        (
            json!([{"type": "quote", "cells": ["a"], "text": "b"}]),
            "blocks[0].cells: a quote has no \"cells\" field",
        ),
        (
            json!([{"type": "paragraph", "text": "x", "ordered": true}]),
            "blocks[0].ordered: a paragraph has no \"ordered\" field",
        ),
        (
            json!([{"type": "post", "id": "p", "platform": "x", "author": "A", "handle": "a", "date": "2026-01-01"}]),
            "blocks[0]: missing field \"text\" (a post needs it, or a \"url\" when the page did not include the post)",
        ),
        (
            json!([{"type": "post", "id": "p", "platform": "vimeo", "url": "https://vimeo.com/1", "truncated": true}]),
            "blocks[0].truncated: a post without \"text\" cannot be truncated",
        ),
        (
            json!([{"type": "post", "id": "p", "platform": "x", "url": "https://x.com/i/status/1", "text": ""}]),
            "blocks[0].text: is empty, expected some text",
        ),
        (
            json!([{"type": "code", "text": "x", "cites": ["nobody"]}]),
            "blocks[0].cites[0]: \"nobody\" names no source of this article",
        ),
        (
            json!([{"type": "section-break"}]),
            "unknown variant \"section-break\", expected one of \"paragraph\", \"post\", \"list-item\", \"quote\", \"caption\", \"table-row\", \"code\"",
        ),
    ] {
        let message = load(blocks.clone()).unwrap_err();
        assert!(message.contains(expected), "{blocks}\n{message}");
    }
}

#[test]
fn a_post_not_included_needs_only_its_url() {
    let corpus = load(json!([
        {"type": "post", "id": "p", "platform": "mastodon", "handle": "@u@example.social",
         "date": "2026-01-01T10:00:00Z", "url": "https://example.social/@u/1", "cites": ["s"]},
        {"type": "post", "id": "q", "platform": "x", "text": "words",
         "url": "https://x.com/i/status/2"},
    ]))
    .unwrap();
    let article = &corpus.articles[0];
    let p = article.post(article.posts[0]).unwrap();
    assert_eq!(p.handle.as_deref(), Some("u@example.social"));
    assert_eq!(p.text, None);
    assert_eq!(article.citations[0].len(), 1);
    // With its text but no author: a post still (the url is there).
    let q = article.post(article.posts[1]).unwrap();
    assert!(q.included() && q.author.is_none());
}

#[test]
fn the_new_texts_are_searched() {
    let corpus = load(json!([
        {"type": "list-item", "text": "un élément"},
        {"type": "quote", "text": "une citation"},
        {"type": "caption", "text": "une légende"},
        {"type": "table-row", "cells": ["cellule", "Éléphant"]},
        {"type": "code", "text": "let   espace = 1;"},
        {"type": "post", "id": "v", "platform": "youtube", "title": "Le titre d’une vidéo",
         "url": "https://www.youtube.com/watch?v=x"},
    ]))
    .unwrap();
    let article = &corpus.articles[0];
    let index = SearchIndex::build(article);
    for (query, text) in [
        ("element", "élément"),
        ("citation", "citation"),
        ("legende", "légende"),
        ("elephant", "Éléphant"),
        ("let   espace", "let   espace"),
        ("titre d'une video", "titre d’une vidéo"),
    ] {
        let found = index.find(query, SearchMode::Plain).unwrap();
        assert_eq!(found.len(), 1, "{query}");
        let m = &found[0];
        assert_eq!(&article.text(m.text).unwrap()[m.range.clone()], text);
    }
    // The title is the post's own text to search (its author and handle are absent).
    let video = article.posts[0];
    assert!(article.texts().contains(&TextRef::PostTitle(video)));
    assert!(!article.texts().contains(&TextRef::PostText(video)));
    assert!(matches!(article.block(video), Some(Block::Post(_))));
}

#[test]
fn every_corpus_written_before_still_loads_the_same() {
    // The bundled article and the fixtures use none of the new types: they
    // load as paragraphs and posts with every field, as before.
    let bundled = corpus::load_bundled().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpora/valid");
    let mut corpora = vec![bundled];
    for name in ["sample.json", "hostile.json"] {
        corpora.push(corpus::load_file(&fixtures.join(name), DEFAULT_MAX_SIZE).unwrap());
    }
    for corpus in &corpora {
        for (_, block) in corpus.articles.iter().flat_map(|a| a.blocks()) {
            match block {
                Block::Paragraph(p) => assert_eq!(p.kind, TextKind::Paragraph),
                Block::Post(post) => {
                    assert!(post.author.is_some() && post.handle.is_some());
                    assert!(post.date.is_some() && post.text.is_some());
                    assert!(post.title.is_none());
                }
            }
        }
    }
}

/// An article's `url` and `byline` (optional, format v1 extended
/// compatibly): loaded, cleaned, and a `url` that is not http(s) refused
/// with its path.
#[test]
fn an_article_may_say_where_it_was_published_and_by_whom() {
    let with = |url: &str, byline: &str| {
        json!({
            "format": "depeche-corpus",
            "version": 1,
            "articles": [{
                "id": "a", "title": "Titre", "url": url, "byline": byline,
                "sections": [{"id": "lead", "blocks": [{"type": "paragraph", "text": "Texte."}]}],
                "sources": []
            }]
        })
        .to_string()
    };
    let corpus = corpus::load_bytes(
        "k.json",
        with(
            "https://www.news.example/2026/a.html",
            "Par\u{7} Jeanne Dupont",
        )
        .as_bytes(),
    )
    .unwrap();
    let article = &corpus.articles[0];
    assert_eq!(article.url(), Some("https://www.news.example/2026/a.html"));
    assert_eq!(article.host().as_deref(), Some("news.example"));
    assert_eq!(article.byline(), Some("Par Jeanne Dupont"));
    let error = corpus::load_bytes("k.json", with("javascript:alert(1)", "x").as_bytes())
        .unwrap_err()
        .to_string();
    assert!(error.contains("articles[0].url"), "{error}");
    // Without them, nothing changes.
    let plain = load(json!([{"type": "paragraph", "text": "Texte."}])).unwrap();
    assert_eq!(
        (plain.articles[0].url(), plain.articles[0].byline()),
        (None, None)
    );
}
