//! A large generated corpus (×1,000, about 11 MB) loads, opens, goes to its end and searches
//! correctly. Correctness only: the timings are in the benchmarks.

use crate::common::corpora::screen;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use depeche::corpus;
use depeche::corpus::generate::{Shape, scaled_bundled};
use depeche::corpus::model::{Block, BlockRef, Corpus, TextRef};
use depeche::reader::keymap;
use depeche::reader::{Action, App, Options};
use depeche::search::{SearchIndex, SearchMode};

const SCALE: usize = 1_000;

fn load_scaled(scale: usize, shape: Shape) -> Corpus {
    corpus::load_bytes("generated", &scaled_bundled(scale, shape))
        .unwrap_or_else(|err| panic!("×{scale} loads: {err}"))
}

#[test]
fn a_thousand_times_the_article_loads_opens_ends_and_searches() {
    let one = load_scaled(1, Shape::OneArticle);
    let corpus = load_scaled(SCALE, Shape::OneArticle);
    let original = &one.articles[0];
    let article = &corpus.articles[0];
    assert_eq!(corpus.articles.len(), 1);
    assert_eq!(article.sections.len(), SCALE * original.sections.len());
    assert_eq!(article.posts.len(), SCALE * original.posts.len());
    assert_eq!(article.sources.len(), original.sources.len());
    for (source, cites) in article.citations.iter().enumerate() {
        assert_eq!(cites.len(), SCALE * original.citations[source].len());
    }

    let mut app = App::new(corpus.clone(), Options { color: true });
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert!(screen(&app).contains("Guerre en Ukraine"), "the title bar");

    let end = keymap::action_for_key(
        app.key_context(),
        KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
    )
    .expect("G is bound");
    app.update(end);
    assert!(
        app.top > 0 && app.top == app.max_top(),
        "at the end: {}",
        app.top
    );
    let last_section = article.sections.len() - 1;
    let last = BlockRef {
        section: last_section as u32,
        block: (article.sections[last_section].blocks.len() - 1) as u32,
    };
    let last_line = app
        .layout
        .line_of(last)
        .expect("the last block is laid out");
    assert!(
        (app.top..app.top + app.article_height()).contains(&last_line),
        "the last block (line {last_line}) is on screen from line {}",
        app.top
    );
    let last_text = match article.block(last).expect("the last block") {
        Block::Paragraph(paragraph) => &paragraph.text,
        Block::Post(post) => post.text.as_ref().expect("a post with text"),
    };
    let last_word = last_text
        .split_whitespace()
        .last()
        .expect("a word")
        .trim_matches(|c: char| !c.is_alphanumeric());
    assert!(
        screen(&app).contains(last_word),
        "the last word, {last_word:?}, is on screen"
    );

    let small = SearchIndex::build(original);
    let large = SearchIndex::build(article);
    // The title, notice and sources are the article's own; everything in
    // the sections is copied.
    let count = |index: &SearchIndex, query, in_sections: bool| {
        let matches = index.find(query, SearchMode::Plain).unwrap();
        let in_title = |text: TextRef| {
            matches!(text, TextRef::Title | TextRef::Notice) || text.source().is_some()
        };
        matches
            .iter()
            .filter(|m| in_title(m.text) != in_sections)
            .count()
    };
    let once = count(&small, "coalition", true);
    assert!(once > 0);
    assert_eq!(
        count(&large, "coalition", true),
        SCALE * once,
        "every copy matches"
    );
    assert_eq!(
        count(&large, "coalition", false),
        count(&small, "coalition", false),
        "the title is not copied"
    );
    assert_eq!(count(&large, "zyzzyva", true), 0);
    let rare = large.find("suite 777", SearchMode::Plain).unwrap();
    assert_eq!(rare.len(), 1, "only copy 777 has that heading: {rare:?}");
    let section = rare[0].text.section().unwrap();
    assert_eq!(
        article.sections[section].heading.as_deref(),
        Some("Suite 777")
    );

    // The same search typed into the reader: `/`, the query, Enter.
    for key in "/suite 777"
        .chars()
        .map(KeyCode::Char)
        .chain([KeyCode::Enter])
    {
        let action =
            keymap::action_for_key(app.key_context(), KeyEvent::new(key, KeyModifiers::NONE))
                .unwrap_or_else(|| panic!("{key:?} does something in the search"));
        app.update(action);
    }
    assert_eq!(app.search.matches, rare, "the reader finds the same match");
    let line = app
        .layout
        .line_of_text(rare[0].text, rare[0].range.start)
        .expect("the match is laid out");
    assert!(
        (app.top..app.top + app.article_height()).contains(&line),
        "the reader shows the match (line {line}) from line {}",
        app.top
    );
    assert!(screen(&app).contains("Suite 777"), "on screen");
}

#[test]
fn a_thousand_articles_load_and_open() {
    let corpus = load_scaled(SCALE, Shape::ManyArticles);
    assert_eq!(corpus.articles.len(), SCALE);
    assert_eq!(
        corpus.articles[SCALE - 1].id,
        format!("{}-{SCALE}", corpus.articles[0].id)
    );
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert!(
        screen(&app).contains(&format!("1/{SCALE}")),
        "the title bar counts the articles"
    );
}
