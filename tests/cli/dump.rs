//! Snapshots of the dump and the outline (review them by eye: they must read
//! like the article).

use std::path::Path;

use depeche::cli::{dump, toc};
use depeche::corpus::model::{Article, ArticleParts, Block, Corpus, Section};
use depeche::corpus::{self, DEFAULT_MAX_SIZE};
use depeche::reader::layout::{ArticleLayout, CARD_PREFIX_WIDTH, LineKind};
use unicode_width::UnicodeWidthStr;

fn sample() -> Corpus {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpora/valid/sample.json");
    corpus::load_file(&path, DEFAULT_MAX_SIZE).unwrap()
}

fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        // URLs stand alone on their lines and are never broken; everything else fits.
        let url = ["Post: http", "Link: http", "http"]
            .iter()
            .any(|start| line.trim_start().starts_with(start));
        if !url {
            assert!(line.width() <= width, "{width}: {line:?}");
        }
    }
}

#[test]
fn sample_dump_at_40_columns() {
    let text = dump::dump(&sample(), 40);
    assert_fits(&text, 40);
    insta::assert_snapshot!(text);
}

#[test]
fn sample_dump_at_80_columns() {
    let text = dump::dump(&sample(), 80);
    assert_fits(&text, 80);
    insta::assert_snapshot!(text);
}

#[test]
fn sample_toc() {
    insta::assert_snapshot!(toc::toc(&sample()));
}

#[test]
fn bundled_dump_at_40_columns() {
    let text = dump::dump(&corpus::load_bundled().unwrap(), 40);
    assert_fits(&text, 40);
    insta::assert_snapshot!(text);
}

#[test]
fn bundled_dump_at_80_columns() {
    let text = dump::dump(&corpus::load_bundled().unwrap(), 80);
    assert_fits(&text, 80);
    insta::assert_snapshot!(text);
}

#[test]
fn bundled_toc() {
    insta::assert_snapshot!(toc::toc(&corpus::load_bundled().unwrap()));
}

/// One article of one untitled section holding `block`, titled "T".
fn just(block: &Block) -> Corpus {
    let section = Section {
        id: "s".into(),
        heading: None,
        blocks: vec![block.clone()],
    };
    Corpus {
        articles: vec![Article::new(ArticleParts {
            id: "a".into(),
            title: "T".into(),
            language: None,
            notice: None,
            date: None,
            sections: vec![section],
            sources: Vec::new(),
        })],
    }
}

#[test]
fn the_reader_breaks_lines_as_the_dump_does() {
    // One line breaker for both: every paragraph and post text of the
    // bundled article, at every width the dump takes, breaks at the same
    // places in the reader's layout (a post's text on a card two columns
    // narrower, as the dump's "> " quotes it).
    let bundled = corpus::load_bundled().unwrap();
    let article = &bundled.articles[0];
    for width in dump::MIN_WIDTH..=90 {
        let layout = ArticleLayout::build(article, width as u16);
        for span in &layout.blocks {
            let block = article.block(span.at).unwrap();
            let (kind, text, quote) = match block {
                Block::Paragraph(p) => (LineKind::Paragraph, &p.text, ""),
                Block::Post(post) => (LineKind::PostText, post.text.as_ref().unwrap(), "> "),
            };
            let reader: Vec<String> = layout.lines[span.start..span.end]
                .iter()
                .filter(|line| line.kind == kind)
                .map(|line| {
                    format!("{quote}{}", &text[line.text_range()])
                        .trim_end()
                        .to_string()
                })
                .collect();
            // The dump of that block alone: the title, its rule, a blank line, the block.
            let dumped = dump::dump(&just(block), width);
            let dumped: Vec<&str> = dumped.lines().skip(3).take(reader.len()).collect();
            assert_eq!(dumped, reader, "width {width}, {:?}", span.at);
        }
        assert_eq!(CARD_PREFIX_WIDTH, 2, "a card is as narrow as a quote");
    }
}

/// Issue 11, item 12: the dump wrapped inside a ZWJ emoji sequence
/// (`👨‍👩‍👧‍` / `👦`). A word too wide for a line is cut between grapheme
/// clusters, and a cluster is as wide as a terminal draws it.
#[test]
fn the_dump_never_wraps_inside_a_grapheme_cluster() {
    let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
    let kiss = "🧑🏻\u{200d}❤\u{fe0f}\u{200d}💋\u{200d}🧑🏼";
    let flag = "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
    let text = format!(
        "famille {} baiser {} drapeaux {} fin",
        family.repeat(30),
        kiss.repeat(30),
        flag.repeat(30)
    );
    let corpus = depeche::corpus::load_bytes(
        "t.json",
        serde_json::json!({"format": "depeche-corpus", "version": 1, "articles": [{
            "id": "a", "title": "Titre", "sections": [{"id": "s", "blocks": [
                {"type": "paragraph", "text": text}]}], "sources": []}]})
        .to_string()
        .as_bytes(),
    )
    .unwrap();
    for width in 20..=45 {
        let out = dump::dump(&corpus, width);
        for line in out.lines() {
            assert!(!line.ends_with('\u{200d}'), "{width}: {line:?}");
            assert!(
                !line.starts_with('\u{200d}') && !line.starts_with('👦'),
                "{width}: {line:?}"
            );
            let emoji = line.trim_matches(|c: char| c.is_ascii());
            let whole = emoji.matches(family).count() * family.len()
                + emoji.matches(kiss).count() * kiss.len()
                + emoji.matches(flag).count() * flag.len();
            assert_eq!(whole, emoji.len(), "{width}: a cluster cut in {line:?}");
            // Two columns each, as a terminal shows them.
            assert!(
                emoji.matches(family).count() * 2 <= width,
                "{width}: {line:?}"
            );
        }
    }
}

#[test]
fn the_bundled_dump_says_only_what_the_article_says() {
    let text = dump::dump(&corpus::load_bundled().unwrap(), 80);
    for invented in [
        "créée en mars 2025",
        "Information de la radio-télévision publique belge",
        "Organisation du traité de l’Atlantique nord",
        "Centre de réflexion",
    ] {
        assert!(
            !text.contains(invented),
            "{invented:?} is not in the article"
        );
    }
}
