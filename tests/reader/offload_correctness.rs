//! Correctness of the work done off the UI thread for large articles: the
//! layout prefix, the whole layout and the search index built elsewhere
//! (here by the runtime's own `perform`, fed back as its workers would),
//! stale results dropped, goals reached, and incremental search narrowing
//! the previous matches. The timings are in the benchmarks.

use crate::common::corpora::{one_section_article, paragraph, screen};
use depeche::corpus;
use depeche::corpus::generate::{Shape, scaled_bundled};
use depeche::corpus::model::{Article, BlockRef, Corpus};
use depeche::reader::layout::{MAX_TEXT_WIDTH, text_width_for};
use depeche::reader::{Action, App, Effect, Goal, Motion, Options, PromptEdit, SearchWait, Target};
use depeche::runtime::work::perform;
use depeche::search::{Match, Narrowing, Query, SearchIndex, SearchMode};
use proptest::prelude::*;

const SCALE: usize = 40;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn scaled() -> Corpus {
    corpus::load_bytes("generated", &scaled_bundled(SCALE, Shape::OneArticle))
        .expect("the generated corpus loads")
}

/// A reader over ×40 that offloads anything over 1 KB, opened at 120×40.
fn offloading() -> App {
    let mut app = App::new(scaled(), Options { color: true });
    app.offload_large_work(1000);
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    app
}

fn text_width() -> u16 {
    text_width_at(WIDTH)
}

/// The text column of a terminal `width` columns wide.
fn text_width_at(width: u16) -> u16 {
    text_width_for(
        depeche::reader::Geometry::compute(width, HEIGHT)
            .article
            .width,
        MAX_TEXT_WIDTH,
    )
}

/// What a worker sends back for `Effect::Layout` (the runtime's own `perform`).
fn layout_ready(app: &App, width: u16) -> Action {
    let effect = Effect::Layout {
        article: app.current,
        width,
    };
    perform(&effect, &app.corpus).expect("a layout")
}

/// What a worker sends back for `Effect::BuildSearchIndex`.
fn index_ready(app: &App) -> Action {
    let effect = Effect::BuildSearchIndex {
        article: app.current,
    };
    perform(&effect, &app.corpus).expect("an index")
}

/// What a worker sends back for the last `Effect::Search` asked for since
/// the last `take_effects` (other effects are dropped).
fn scan_asked(app: &mut App) -> Option<Action> {
    let effects = app.take_effects();
    let scan = effects
        .iter()
        .rev()
        .find(|effect| matches!(effect, Effect::Search { .. }))?;
    perform(scan, &app.corpus)
}

/// The scans asked for come back, and those they ask for in turn.
fn scans_come_back(app: &mut App) {
    while let Some(done) = scan_asked(app) {
        app.update(done);
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Prompt(PromptEdit::Insert(c)));
    }
}

fn full_search(app: &App, query: &str) -> Vec<Match> {
    SearchIndex::build(app.article())
        .find(query, SearchMode::Plain)
        .unwrap()
}

fn last_block(article: &Article) -> BlockRef {
    let section = article.sections.len() - 1;
    BlockRef {
        section: section as u32,
        block: (article.sections[section].blocks.len() - 1) as u32,
    }
}

#[test]
fn a_large_article_opens_on_a_prefix_and_asks_for_the_whole() {
    let mut app = offloading();
    let width = text_width();
    assert!(!app.layout.complete, "a prefix");
    assert!(
        app.layout.len() >= 3 * app.article_height(),
        "it fills the screen"
    );
    assert!(app.layout.section_starts.len() < app.article().sections.len());
    assert_eq!(app.work.pending, Some((0, width)));
    // The links are found on a worker too: nothing long before the first frame.
    assert_eq!(
        app.take_effects(),
        [
            Effect::Layout { article: 0, width },
            Effect::FindLinks { article: 0 }
        ]
    );
    assert!(
        screen(&app).contains("laying out…"),
        "the status line says so"
    );
    assert!(app.has_background_work());

    // Reading the prefix meanwhile, then the whole comes: the place stays.
    for _ in 0..5 {
        app.update(Action::Move(Motion::PageDown));
    }
    let top = app.top;
    let anchor = app.layout.anchor(top);
    app.update(layout_ready(&app, width));
    assert!(app.layout.complete && app.work.pending.is_none());
    assert_eq!(
        app.top, top,
        "the same line, the prefix being the same lines"
    );
    assert_eq!(app.layout.anchor(app.top), anchor);
    assert!(!screen(&app).contains("laying out…"));
    assert!(app.has_background_work(), "the links are still being found");
    let links = perform(&Effect::FindLinks { article: 0 }, &app.corpus).expect("links");
    assert_eq!(links, Action::LinksFound { article: 0 });
    app.update(links);
    assert!(!app.has_background_work());
    assert!(app.article().are_links_found());
}

#[test]
fn without_offloading_everything_is_built_at_once() {
    let mut app = App::new(scaled(), Options { color: true });
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    assert!(app.layout.complete);
    assert!(app.take_effects().is_empty());
    app.update(Action::Search);
    assert!(app.search.has_index_for(0));
}

#[test]
fn end_waits_for_the_layout_then_goes_to_the_end() {
    let mut app = offloading();
    let width = text_width();
    app.update(Action::Move(Motion::Bottom));
    assert!(app.top <= app.max_top(), "no place past the prefix");
    assert_eq!(app.work.goal, Some(Goal::Bottom));
    assert!(app.message.is_none(), "not \"bottom of article\"");
    app.update(layout_ready(&app, width));
    assert_eq!(app.top, app.max_top());
    let last = app.layout.line_of(last_block(app.article())).unwrap();
    assert!((app.top..app.top + app.article_height()).contains(&last));
}

#[test]
fn a_later_move_replaces_the_wish_to_go_to_the_end() {
    let mut app = offloading();
    let width = text_width();
    app.update(Action::Move(Motion::Bottom));
    app.update(Action::Move(Motion::Top));
    app.update(layout_ready(&app, width));
    assert_eq!(app.top, 0);
}

#[test]
fn end_asked_for_then_a_resize_to_a_width_laid_out_goes_there_at_once() {
    let mut app = offloading();
    let width = text_width();
    app.update(layout_ready(&app, width));
    app.update(Action::Resize {
        width: 80,
        height: HEIGHT,
    });
    assert!(!app.layout.complete);
    app.update(Action::Move(Motion::Bottom));
    assert_eq!(app.work.goal, Some(Goal::Bottom));
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    assert!(app.layout.complete, "cached");
    assert_eq!(app.work.pending, None);
    assert_eq!(app.work.goal, None);
    assert_eq!(app.top, app.max_top());
}

#[test]
fn jumps_past_the_prefix_land_when_the_layout_comes() {
    let mut app = offloading();
    let width = text_width();
    let last_section = app.article().sections.len() - 1;
    app.jump_to_section(last_section);
    assert_eq!(
        app.work.goal,
        Some(Goal::Jump(Target::Section(last_section)))
    );
    app.update(layout_ready(&app, width));
    assert_eq!(app.current_section(), last_section);
    let start = app.layout.section_starts[last_section];
    assert!((app.top..app.top + 2).contains(&start));

    // `]` at the end of a prefix waits for the next section likewise.
    let mut app = offloading();
    let prefix_sections = app.layout.section_starts.len();
    app.update(Action::Move(Motion::Bottom));
    app.update(Action::NextSection);
    app.update(Action::NextSection);
    app.update(layout_ready(&app, width));
    assert!(app.current_section() >= prefix_sections, "past the prefix");

    // `}` too, for posts.
    let mut app = offloading();
    let prefix_posts = app.layout.post_starts.len();
    app.update(Action::Move(Motion::Bottom));
    for _ in 0..prefix_posts + 1 {
        app.update(Action::NextPost);
    }
    app.update(layout_ready(&app, width));
    let post = app.article().posts[app.quotes.selected];
    assert!(app.quotes.selected >= prefix_posts);
    let line = app.layout.line_of(post).unwrap();
    assert!((app.top..app.top + app.article_height()).contains(&line));
}

#[test]
fn a_layout_for_a_width_left_meanwhile_is_dropped() {
    let mut app = offloading();
    let old = text_width();
    app.take_effects();
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let new = text_width_for(
        depeche::reader::Geometry::compute(80, 24).article.width,
        MAX_TEXT_WIDTH,
    );
    assert_ne!(old, new);
    assert_eq!(
        app.take_effects(),
        [Effect::Layout {
            article: 0,
            width: new
        }]
    );
    app.update(layout_ready(&app, old));
    assert!(!app.layout.complete, "the stale layout is not shown");
    assert_eq!(app.layout.width, new);
    assert_eq!(app.work.pending, Some((0, new)));
    app.update(layout_ready(&app, new));
    assert!(app.layout.complete);
    assert_eq!(app.layout.width, new);
}

#[test]
fn a_resize_far_down_keeps_the_old_layout_until_the_new_one_keeps_the_place() {
    let mut app = offloading();
    let width = text_width();
    app.update(layout_ready(&app, width));
    app.update(Action::Move(Motion::Bottom));
    app.update(Action::Move(Motion::PageUp));
    let anchor = app.layout.anchor(app.top);
    let before = screen(&app);
    app.update(Action::Resize {
        width: 110,
        height: HEIGHT,
    });
    let new = text_width_at(110);
    // Far past what a prefix may cost: the old layout stays meanwhile, at its place.
    assert_eq!(app.work.pending, Some((0, new)));
    assert_eq!(app.layout.width, width);
    assert_eq!(app.layout.anchor(app.top), anchor);
    app.update(layout_ready(&app, new));
    assert_eq!(app.layout.width, new);
    let text = anchor.text.unwrap();
    let line = app.layout.line_of_text(text, anchor.byte).unwrap();
    assert!(
        (app.top..app.top + 2).contains(&line),
        "the top paragraph stays"
    );
    assert_ne!(before, screen(&app));
}

#[test]
fn search_waits_for_its_index_then_runs_what_was_typed() {
    let mut app = offloading();
    let width = text_width();
    app.update(layout_ready(&app, width));
    app.take_effects();
    app.update(Action::Search);
    assert_eq!(
        app.take_effects(),
        [Effect::BuildSearchIndex { article: 0 }]
    );
    for c in "coalition".chars() {
        app.update(Action::Prompt(PromptEdit::Insert(c)));
    }
    assert_eq!(app.search.wait, Some(SearchWait::Indexing));
    assert_eq!(app.search.summary(), "indexing…");
    assert!(screen(&app).contains("indexing…"));
    assert!(app.take_effects().is_empty(), "asked for once");
    app.update(index_ready(&app));
    assert_eq!(app.search.summary(), "searching…");
    scans_come_back(&mut app);
    let expected = SearchIndex::build(app.article())
        .find("coalition", SearchMode::Plain)
        .unwrap();
    assert!(!expected.is_empty());
    assert_eq!(app.search.matches, expected);
    assert_eq!(app.search.wait, None);
    assert!(app.search.current.is_some(), "the first match is shown");
    app.update(Action::Prompt(PromptEdit::Commit));
    app.update(Action::SearchNext);
    assert_eq!(app.search.current, Some(1));
}

#[test]
fn short_queries_wait_for_more_or_enter_in_a_large_article() {
    let mut app = offloading();
    app.update(Action::Search);
    app.update(index_ready(&app));
    app.update(Action::Prompt(PromptEdit::Insert('c')));
    assert_eq!(app.search.wait, Some(SearchWait::TypeMore));
    assert!(app.search.matches.is_empty());
    assert!(screen(&app).contains("type more or Enter"));
    app.update(Action::Prompt(PromptEdit::Insert('o')));
    assert_eq!(app.search.wait, Some(SearchWait::TypeMore));
    app.update(Action::Prompt(PromptEdit::Insert('a')));
    assert_eq!(app.search.wait, Some(SearchWait::Scanning));
    scans_come_back(&mut app);
    assert_eq!(app.search.wait, None);
    assert!(!app.search.matches.is_empty());
    app.update(Action::Prompt(PromptEdit::Backspace));
    app.update(Action::Prompt(PromptEdit::Backspace));
    assert_eq!(app.search.wait, Some(SearchWait::TypeMore));
    app.update(Action::Prompt(PromptEdit::Commit));
    assert_eq!(app.search.wait, Some(SearchWait::Scanning));
    scans_come_back(&mut app);
    let expected = SearchIndex::build(app.article())
        .find("c", SearchMode::Plain)
        .unwrap();
    assert_eq!(app.search.matches, expected, "Enter runs it");
    assert!(app.search.current.is_some());
}

#[test]
fn a_match_past_the_prefix_is_shown_when_the_layout_comes() {
    let mut app = offloading();
    let width = text_width();
    app.update(Action::Search);
    app.update(index_ready(&app));
    // Only the last copy has this heading.
    typed(&mut app, &format!("suite {}", SCALE - 1));
    scans_come_back(&mut app);
    assert_eq!(app.search.matches.len(), 1);
    app.update(layout_ready(&app, width));
    let m = &app.search.matches[0];
    let line = app.layout.line_of_text(m.text, m.range.start).unwrap();
    assert!((app.top..app.top + app.article_height()).contains(&line));
}

/// A reader over ×40 offloading, laid out in full, its index built, the prompt open.
fn prompt_open() -> App {
    let mut app = offloading();
    app.update(layout_ready(&app, text_width()));
    app.update(Action::Search);
    app.update(index_ready(&app));
    app.take_effects();
    app
}

#[test]
fn a_query_that_scans_the_whole_article_runs_on_a_worker() {
    let mut app = prompt_open();
    let top = app.top;
    typed(&mut app, "coa");
    assert_eq!(app.search.wait, Some(SearchWait::Scanning));
    assert!(app.search.matches.is_empty());
    assert!(screen(&app).contains("searching…"));
    let effects = app.take_effects();
    assert!(
        matches!(&effects[..], [Effect::Search { article: 0, query, mode: SearchMode::Plain, .. }] if query == "coa"),
        "{effects:?}"
    );
    assert_eq!(app.top, top, "nothing moves before the matches come");
    // The next key narrows the places the scan found, at once.
    assert!(matches!(effects[0], Effect::Search { .. }));
    app.update(perform(&effects[0], &app.corpus).expect("a scan"));
    assert_eq!(app.search.matches, full_search(&app, "coa"));
    assert_eq!(app.search.wait, None);
    assert!(app.search.current.is_some());
    typed(&mut app, "l");
    assert!(
        app.take_effects().is_empty(),
        "extending a query narrows on the UI thread"
    );
    assert_eq!(app.search.matches, full_search(&app, "coal"));
}

#[test]
fn a_scan_superseded_by_a_newer_one_is_dropped() {
    let mut app = prompt_open();
    typed(&mut app, "coa");
    let stale = scan_asked(&mut app).expect("a scan asked for");
    app.update(Action::Prompt(PromptEdit::Cancel));
    app.update(Action::Search);
    typed(&mut app, "tio");
    let fresh = scan_asked(&mut app).expect("another scan asked for");
    app.update(stale);
    assert_eq!(app.search.wait, Some(SearchWait::Scanning), "still waiting");
    assert!(app.search.matches.is_empty());
    app.update(fresh);
    assert_eq!(app.search.matches, full_search(&app, "tio"));
}

#[test]
fn keys_typed_while_a_scan_runs_end_with_the_matches_of_the_last_query() {
    let mut app = prompt_open();
    typed(&mut app, "coa");
    let done = scan_asked(&mut app).expect("a scan asked for");
    typed(&mut app, "lition");
    assert!(app.take_effects().is_empty(), "one scan at a time");
    assert_eq!(app.search.query, "coalition");
    assert!(screen(&app).contains("searching…"));
    app.update(done);
    assert_eq!(app.search.matches, full_search(&app, "coalition"));
    assert!(app.search.current.is_some());

    // A query that does not extend the one scanned scans again.
    let mut app = prompt_open();
    typed(&mut app, "coa");
    let done = scan_asked(&mut app).expect("a scan asked for");
    app.update(Action::Prompt(PromptEdit::Home));
    app.update(Action::Prompt(PromptEdit::Delete));
    app.update(Action::Prompt(PromptEdit::Insert('C')));
    assert_eq!(app.search.query, "Coa");
    app.update(done);
    assert_eq!(app.search.wait, Some(SearchWait::Scanning));
    let again = scan_asked(&mut app).expect("the new query scanned");
    app.update(again);
    assert_eq!(app.search.matches, full_search(&app, "Coa"));
    assert_ne!(app.search.matches, full_search(&app, "coa"));
}

#[test]
fn enter_while_a_scan_runs_keeps_the_query_and_shows_the_match_when_it_comes() {
    let mut app = prompt_open();
    let top = app.top;
    // Only the last copy has this heading, far below.
    typed(&mut app, &format!("suite {}", SCALE - 1));
    let done = scan_asked(&mut app).expect("a scan asked for");
    app.update(Action::Prompt(PromptEdit::Commit));
    assert!(!app.search.is_typing());
    assert_eq!(app.search.query, format!("suite {}", SCALE - 1));
    app.update(Action::SearchNext);
    assert_eq!(app.search.current, None, "n waits for the matches");
    assert!(screen(&app).contains("searching…"));
    assert_eq!(app.top, top);
    app.update(done);
    assert_eq!(app.search.matches.len(), 1);
    assert_eq!(app.search.current, Some(0));
    let m = &app.search.matches[0];
    let line = app.layout.line_of_text(m.text, m.range.start).unwrap();
    assert!(app.top > top);
    assert!((app.top..app.top + app.article_height()).contains(&line));
    app.update(Action::Back);
    assert_eq!(app.top, top, "Ctrl-o returns to where the search began");
}

#[test]
fn esc_while_a_scan_runs_goes_back_and_drops_the_scan() {
    let mut app = offloading();
    app.update(layout_ready(&app, text_width()));
    app.update(Action::Move(Motion::PageDown));
    let top = app.top;
    assert!(top > 0);
    app.update(Action::Search);
    app.update(index_ready(&app));
    typed(&mut app, &format!("suite {}", SCALE - 1));
    let done = scan_asked(&mut app).expect("a scan asked for");
    app.update(Action::Prompt(PromptEdit::Cancel));
    app.update(done);
    assert!(!app.search.is_active());
    assert_eq!(app.search.wait, None);
    assert!(app.search.matches.is_empty());
    assert_eq!(app.top, top);
}

#[test]
fn switching_to_an_article_read_far_down_goes_back_there_when_laid_out() {
    let mut corpus = scaled();
    corpus.articles.push(corpus.articles[0].clone());
    let mut app = App::new(corpus, Options { color: true });
    app.offload_large_work(1000);
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    let width = text_width();
    app.update(layout_ready(&app, width));
    // Read the second article far down, then the first at another width.
    app.update(Action::ArticleList);
    app.update(Action::Move(Motion::Bottom));
    app.update(Action::Enter);
    assert_eq!(app.current, 1);
    app.update(layout_ready(&app, width));
    app.update(Action::Move(Motion::Bottom));
    app.update(Action::Move(Motion::PageUp));
    let anchor = app.layout.anchor(app.top);
    app.update(Action::ArticleList);
    app.update(Action::Move(Motion::Top));
    app.update(Action::Enter);
    assert_eq!(app.current, 0);
    app.update(Action::Resize {
        width: 110,
        height: HEIGHT,
    });
    let new = text_width_at(110);
    app.update(layout_ready(&app, new));
    // Back to the second: not laid out at this width, and far down.
    app.update(Action::ArticleList);
    app.update(Action::Move(Motion::Bottom));
    app.update(Action::Enter);
    assert_eq!(app.current, 1);
    assert_eq!(app.work.pending, Some((1, new)));
    assert_eq!(app.top, 0, "its beginning meanwhile");
    app.update(layout_ready(&app, new));
    let line = app
        .layout
        .line_of_text(anchor.text.unwrap(), anchor.byte)
        .unwrap();
    assert!(
        (app.top..app.top + 3).contains(&line),
        "back at the place: line {line}, top {}",
        app.top
    );
}

// --- narrowing ---------------------------------------------------------

fn article_of(texts: &[&str]) -> Article {
    one_section_article(texts.iter().map(|t| paragraph(t, &[])).collect())
}

/// Types `query` one character at a time, narrowing; after each key the
/// matches must be those of a full search.
fn check_typing(index: &SearchIndex, query: &str) {
    let mut narrowing = Narrowing::default();
    let mut narrowed: Vec<Match> = Vec::new();
    let mut typed = String::new();
    for c in query.chars() {
        typed.push(c);
        let prepared = Query::new(&typed, SearchMode::Plain).unwrap();
        index.find_narrowing(&prepared, &mut narrowing, &mut narrowed);
        let full = index.find(&typed, SearchMode::Plain).unwrap();
        assert_eq!(narrowed, full, "after typing {typed:?}");
    }
}

#[test]
fn narrowing_finds_what_a_full_search_finds() {
    let article = article_of(&[
        "aaab aab ab",
        "Cœur, coeur, COEUR et cœurs",
        "Straße, strasse, STRASSE",
        "sécurité, securite, SÉCURITÉ, Sécurité",
        "İstanbul, istanbul",
        "l’été, l'été",
    ]);
    let index = SearchIndex::build(&article);
    for query in [
        "aab",
        "aaab",
        "coeur",
        "cœur",
        "strasse",
        "straße",
        "Straße",
        "securite",
        "séc",
        "Sécurité",
        "sécuritÉ",
        "istanbul",
        "l'été",
        "l’ete",
        "cœur, coeur, coeur et cœurs",
        "sécurité, securite, sécurité",
    ] {
        check_typing(&index, query);
    }
}

#[test]
fn narrowing_on_the_scaled_article_matches_a_full_search() {
    let corpus = scaled();
    let index = SearchIndex::build(&corpus.articles[0]);
    for query in [
        "coalition",
        "Coalition",
        "sécurité",
        "suite 3",
        "zyzzyva",
        "garanties de sécurité : une différence",
    ] {
        check_typing(&index, query);
    }
}

#[test]
fn narrowing_starts_over_for_another_kind_of_query() {
    let article = article_of(&["abc abd ABC", "xabc"]);
    let index = SearchIndex::build(&article);
    let mut narrowing = Narrowing::default();
    let mut out = Vec::new();
    let mut run = |query: &str, mode: SearchMode, out: &mut Vec<Match>| {
        index.find_narrowing(&Query::new(query, mode).unwrap(), &mut narrowing, out);
        assert_eq!(*out, index.find(query, mode).unwrap(), "{query}");
    };
    run("ab", SearchMode::Plain, &mut out);
    run("a.c", SearchMode::Regex, &mut out);
    run("abc", SearchMode::Plain, &mut out);
    run("ab", SearchMode::Plain, &mut out);
    run("AB", SearchMode::Plain, &mut out);
    run("ABC", SearchMode::Plain, &mut out);
    run("xabc", SearchMode::Plain, &mut out);
}

proptest! {
    #[test]
    fn narrowing_equals_a_full_search_on_any_text(
        texts in prop::collection::vec("[aAbß é́œo-]{0,24}", 1..4),
        query in "[aAbß éœo]{1,6}",
    ) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let index = SearchIndex::build(&article_of(&texts));
        check_typing(&index, &query);
    }
}

// --- any order of keys, resizes and arrivals ----------------------------

#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    /// The layout the app waits for arrives (if it waits for one).
    LayoutArrives,
    /// A layout for a width it no longer wants arrives.
    StaleLayoutArrives(u16),
    IndexArrives,
    /// One of the scans asked for so far comes back (maybe a stale one).
    ScanArrives(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        Just(Step::Act(Action::Move(Motion::Bottom))),
        Just(Step::Act(Action::Move(Motion::Top))),
        Just(Step::Act(Action::Move(Motion::PageDown))),
        Just(Step::Act(Action::Move(Motion::LineUp))),
        Just(Step::Act(Action::NextSection)),
        Just(Step::Act(Action::PrevSection)),
        Just(Step::Act(Action::NextPost)),
        Just(Step::Act(Action::Back)),
        Just(Step::Act(Action::Search)),
        Just(Step::Act(Action::SearchNext)),
        Just(Step::Act(Action::Prompt(PromptEdit::Insert('o')))),
        Just(Step::Act(Action::Prompt(PromptEdit::Insert('c')))),
        Just(Step::Act(Action::Prompt(PromptEdit::Commit))),
        Just(Step::Act(Action::Prompt(PromptEdit::Cancel))),
        (20u16..140, 6u16..50)
            .prop_map(|(width, height)| Step::Act(Action::Resize { width, height })),
        Just(Step::LayoutArrives),
        (4u16..=90).prop_map(Step::StaleLayoutArrives),
        Just(Step::IndexArrives),
        Just(Step::Act(Action::Prompt(PromptEdit::Insert('a')))),
        Just(Step::Act(Action::Prompt(PromptEdit::Backspace))),
        Just(Step::Act(Action::Prompt(PromptEdit::Home))),
        Just(Step::Act(Action::Prompt(PromptEdit::ToggleRegex))),
        (0usize..4).prop_map(Step::ScanArrives),
    ]
}

fn small_scaled() -> &'static Corpus {
    static CORPUS: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        corpus::load_bytes("generated", &scaled_bundled(8, Shape::OneArticle)).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_order_of_keys_resizes_and_arrivals_stays_in_range(
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let mut app = App::new(small_scaled().clone(), Options { color: false });
        app.offload_large_work(1000);
        app.update(Action::Resize { width: WIDTH, height: HEIGHT });
        let mut scans = Vec::new();
        for step in steps {
            match step {
                Step::Act(action) => app.update(action),
                Step::LayoutArrives => {
                    if let Some((article, width)) = app.work.pending {
                        let layout = Effect::Layout { article, width };
                        app.update(perform(&layout, &app.corpus).expect("a layout"));
                        prop_assert!(app.layout.complete);
                        prop_assert_eq!(app.work.goal, None);
                    }
                }
                Step::StaleLayoutArrives(width) => {
                    if app.work.pending.is_some_and(|(_, w)| w != width) {
                        let before = app.layout.clone();
                        app.update(layout_ready(&app, width));
                        prop_assert_eq!(&app.layout, &before, "a stale layout is dropped");
                    }
                }
                Step::IndexArrives => app.update(index_ready(&app)),
                Step::ScanArrives(k) => {
                    if !scans.is_empty() {
                        let done = scans.remove(k % scans.len());
                        app.update(done);
                    }
                }
            }
            scans.extend(scan_asked(&mut app));
            app.check_invariants().map_err(TestCaseError::fail)?;
            let _ = screen(&app);
        }
        // Every scan comes back, the last asked for last: the matches are
        // those of the query in force.
        for done in scans {
            app.update(done);
        }
        scans_come_back(&mut app);
        if app.search.is_active() && app.search.wait.is_none() && app.search.error.is_none() {
            let expected = SearchIndex::build(app.article())
                .find(&app.search.query, app.search.mode)
                .unwrap();
            prop_assert_eq!(&app.search.matches, &expected);
        }
    }
}
