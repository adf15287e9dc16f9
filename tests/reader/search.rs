//! Search and links in the reader, through `App::update` and the key table.

use crate::common::corpora::{
    app_at, one_section_article, paragraph, post, sample_corpus, two_articles,
};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use depeche::corpus::model::{Block, Corpus, Platform, TextRef};
use depeche::reader::keymap::action_for_key;
use depeche::reader::sources::SourceRow;
use depeche::reader::{Action, App, Effect, Motion, Pane, PromptEdit};
use depeche::search::{self, SearchMode};

fn bundled() -> Corpus {
    depeche::corpus::load_bundled().expect("the bundled corpus loads")
}

fn message(app: &App) -> Option<&str> {
    app.message.as_ref().map(|m| m.value.text.as_str())
}

fn edit(app: &mut App, edit: PromptEdit) {
    app.update(Action::Prompt(edit));
}

/// Types `text` into the open prompt, one keystroke per character.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        edit(app, PromptEdit::Insert(c));
    }
}

/// `/`, the query, `Enter`.
fn search_for(app: &mut App, query: &str) {
    app.update(Action::Search);
    type_text(app, query);
    edit(app, PromptEdit::Commit);
}

/// How many times the seed article writes `word` (any case): what the
/// search must find, counted from the text itself (`None` without
/// `../shared`: then `test` checks only the count it expects).
fn seed_count(word: &str, test: &str) -> Option<usize> {
    let seed = crate::common::testdata::seed(test)?;
    Some(seed.to_lowercase().matches(word).count())
}

/// The first line on screen showing match `i`, if any.
fn match_line(app: &App, i: usize) -> usize {
    let m = &app.search.matches[i];
    app.layout
        .line_of_text(m.text, m.range.start)
        .expect("the match is laid out")
}

fn on_screen(app: &App, i: usize) -> bool {
    let line = match_line(app, i);
    line >= app.top && line < app.top + app.article_height()
}

fn matched_text(app: &App, i: usize) -> String {
    let m = &app.search.matches[i];
    app.article().text(m.text).unwrap()[m.range.clone()].to_string()
}

#[test]
fn securite_finds_every_securite_of_the_bundled_article() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "securite");
    let expected = 13;
    let test = "securite_finds_every_securite_of_the_bundled_article";
    if let Some(in_seed) = seed_count("sécurité", test) {
        assert_eq!(in_seed, expected);
    }
    assert_eq!(app.search.matches.len(), expected);
    for i in 0..expected {
        assert_eq!(matched_text(&app, i).to_lowercase(), "sécurité");
    }
    assert_eq!(app.search.summary(), "1/13");
}

#[test]
fn coeur_lands_on_the_heading_with_its_ligature() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "coeur");
    assert_eq!(app.search.matches.len(), 1);
    let m = app.search.current_match().expect("a current match").clone();
    let TextRef::Heading(section) = m.text else {
        panic!("coeur should be found in a heading, not {:?}", m.text);
    };
    assert_eq!(matched_text(&app, 0), "cœur");
    // The heading a few lines down, or as high as it goes without
    // scrolling past the end.
    let heading = app.layout.section_starts[section as usize];
    assert_eq!(app.top, (heading - 3).min(app.max_top()));
    assert_eq!(app.current_section(), section as usize);
}

#[test]
fn witkoff_is_found_once() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "Witkoff");
    if let Some(in_seed) = seed_count("witkoff", "witkoff_is_found_once") {
        assert_eq!(in_seed, 1);
    }
    // Once in the article, and once in the Sources pane (his name).
    assert_eq!(app.search.matches.len(), 2);
    assert!(app.search.matches[1].text.source().is_some());
    assert_eq!(matched_text(&app, 0), "Witkoff");
    assert!(on_screen(&app, 0));
    assert_eq!(app.search.summary(), "1/2");
    assert_eq!(app.search.summary_with_place(), "1/2 in body");
    app.update(Action::SearchNext);
    assert_eq!(app.search.summary_with_place(), "2/2 in source");
    let row = app.sources.selected();
    assert_eq!(
        row,
        Some(depeche::reader::sources::SourceRow::Source(
            app.article().source_index("steve-witkoff").unwrap()
        )),
        "n selects the source"
    );
}

#[test]
fn the_index_is_built_when_the_prompt_opens() {
    let mut app = app_at(bundled(), 120, 40);
    assert!(!app.search.has_index_for(0), "no index before any search");
    app.update(Action::Search);
    assert!(app.search.has_index_for(0));
    assert!(app.search.is_typing());
}

#[test]
fn typing_moves_to_the_first_match_at_or_after_where_the_search_began() {
    let mut app = app_at(bundled(), 120, 40);
    for _ in 0..3 {
        app.update(Action::Move(Motion::PageDown));
    }
    let start = app.top;
    let from = app.layout.lines[start..]
        .iter()
        .find_map(|l| Some((l.text_ref()?, l.range.start)))
        .unwrap();
    app.update(Action::Search);
    type_text(&mut app, "s");
    assert!(app.search.current.is_some(), "one letter already matches");
    type_text(&mut app, "ecurite");
    let all = app.search.matches.clone();
    let expected = search::first_at_or_after(&all, from.0, from.1 as usize).unwrap();
    assert!(expected > 0, "matches above the start are skipped");
    assert_eq!(app.search.current, Some(expected));
    assert!(on_screen(&app, expected));
    assert!(app.top >= start, "the article does not go back up");
    assert_eq!(
        app.search.summary(),
        format!("{}/{}", expected + 1, all.len())
    );
}

#[test]
fn esc_in_the_prompt_returns_to_where_the_search_began() {
    let mut app = app_at(bundled(), 120, 40);
    app.update(Action::Move(Motion::PageDown));
    let start = app.top;
    app.update(Action::Search);
    type_text(&mut app, "Witkoff");
    assert_ne!(app.top, start, "the article moved to the match");
    edit(&mut app, PromptEdit::Cancel);
    assert_eq!(app.top, start);
    assert!(!app.search.is_typing());
    assert!(!app.search.is_active(), "no highlights left");
    assert!(app.search.matches.is_empty());
}

#[test]
fn esc_restores_the_search_that_was_in_force() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "securite");
    app.update(Action::SearchNext);
    let top = app.top;
    app.update(Action::Search);
    type_text(&mut app, "Witkoff");
    edit(&mut app, PromptEdit::Cancel);
    assert_eq!(app.search.query, "securite");
    assert_eq!(app.search.matches.len(), 13);
    assert_eq!(app.search.current, Some(1));
    assert_eq!(app.top, top);
}

#[test]
fn enter_keeps_the_search_and_ctrl_o_returns_to_its_start() {
    let mut app = app_at(bundled(), 120, 40);
    let start = app.top;
    search_for(&mut app, "Witkoff");
    assert!(!app.search.is_typing());
    assert!(app.search.is_active());
    assert_eq!(app.search.current, Some(0));
    let found_at = app.top;
    assert_ne!(found_at, start);
    app.update(Action::Back);
    assert_eq!(app.top, start, "Ctrl-o: back to where the search began");
    assert!(app.search.is_active(), "going back keeps the search");
}

#[test]
fn n_and_shift_n_walk_in_order_and_wrap_around_with_a_message() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "securite");
    let len = app.search.matches.len();
    assert_eq!(app.search.current, Some(0));
    for k in 1..len {
        app.update(Action::SearchNext);
        assert_eq!(app.search.current, Some(k));
        assert!(on_screen(&app, k), "match {k} is shown");
        assert_ne!(message(&app), Some("search wrapped"));
    }
    app.update(Action::SearchNext);
    assert_eq!(app.search.current, Some(0));
    assert_eq!(message(&app), Some("search wrapped"));
    assert!(on_screen(&app, 0));
    app.update(Action::Tick);
    app.update(Action::SearchPrev);
    assert_eq!(app.search.current, Some(len - 1));
    assert_eq!(message(&app), Some("search wrapped"));
    app.update(Action::SearchPrev);
    assert_eq!(app.search.current, Some(len - 2));
    // n and N do not fill the jump stack (the first match was on screen:
    // the search itself did not move either).
    let top = app.top;
    app.update(Action::Back);
    assert_eq!(message(&app), Some("no earlier place"));
    assert_eq!(app.top, top);
}

#[test]
fn n_from_elsewhere_starts_from_the_screen() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "securite");
    app.update(Action::Move(Motion::Bottom));
    assert!(!on_screen(&app, 0));
    app.update(Action::SearchNext);
    let current = app.search.current.unwrap();
    assert!(current > 0, "not back to the first match");
    assert!(on_screen(&app, current));
}

#[test]
fn n_without_a_search_says_how_to_search() {
    let mut app = app_at(bundled(), 120, 40);
    app.update(Action::SearchNext);
    assert_eq!(message(&app), Some("no search: / to search"));
}

#[test]
fn regex_mode_is_toggled_shown_and_its_errors_reported() {
    let mut app = app_at(bundled(), 120, 40);
    app.update(Action::Search);
    edit(&mut app, PromptEdit::ToggleRegex);
    assert_eq!(app.search.prompt.mode(), SearchMode::Regex);
    type_text(&mut app, "s.curit(e|é)");
    assert_eq!(app.search.matches.len(), 13);
    // An invalid pattern: its error, no match, no panic.
    type_text(&mut app, "(");
    assert!(app.search.matches.is_empty());
    let error = app
        .search
        .error
        .clone()
        .expect("an error for an unclosed group");
    assert!(error.starts_with("invalid regex"), "{error}");
    assert_eq!(app.search.summary(), error);
    assert_eq!(app.top, 0, "back at the start while nothing matches");
    edit(&mut app, PromptEdit::Commit);
    assert!(app.message.as_ref().unwrap().value.error);
    assert_eq!(message(&app), Some(error.as_str()));
    assert!(!app.search.is_active());
    // Toggling back makes the same text a plain query.
    app.update(Action::Search);
    edit(&mut app, PromptEdit::ToggleRegex);
    edit(&mut app, PromptEdit::ToggleRegex);
    type_text(&mut app, "(");
    assert!(app.search.error.is_none());
}

#[test]
fn smart_case_an_upper_case_letter_makes_the_search_case_sensitive() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "ukraine");
    let any_case = app.search.matches.len();
    search_for(&mut app, "Ukraine");
    let capitalised = app.search.matches.len();
    assert!(capitalised > 0 && capitalised <= any_case);
    for i in 0..capitalised {
        assert!(matched_text(&app, i).starts_with('U'));
    }
    // Every "sécurité" is lower-case in the article.
    search_for(&mut app, "Securite");
    assert_eq!(app.search.summary(), "no match");
    assert_eq!(message(&app), Some("no match for Securite"));
}

#[test]
fn sections_count_their_matches_and_posts_holding_matches_are_marked() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "securite");
    let article = app.article().clone();
    let counts: Vec<usize> = (0..article.sections.len())
        .map(|s| {
            article
                .texts()
                .into_iter()
                .filter(|&t| t.section() == Some(s))
                .map(|t| {
                    article
                        .text(t)
                        .unwrap()
                        .to_lowercase()
                        .matches("sécurité")
                        .count()
                })
                .sum()
        })
        .collect();
    assert_eq!(app.search.section_counts, counts);
    assert_eq!(counts.iter().sum::<usize>(), 13);
    let posts: Vec<_> = article
        .posts
        .iter()
        .copied()
        .filter(|&at| {
            let post = article.post(at).unwrap();
            post.text
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("sécurité")
        })
        .collect();
    assert!(!posts.is_empty());
    assert_eq!(app.search.posts, posts);
}

#[test]
fn matches_and_the_current_match_survive_a_resize() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "securite");
    for _ in 0..4 {
        app.update(Action::SearchNext);
    }
    let matches = app.search.matches.clone();
    let top = app.top;
    for (w, h) in [(80, 24), (50, 16), (10, 3), (120, 40)] {
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        assert_eq!(app.search.matches, matches, "at {w}×{h}");
        assert_eq!(app.search.current, Some(4), "at {w}×{h}");
    }
    assert_eq!(app.top, top, "back at the same width, the same place");
    assert!(on_screen(&app, 4));
    app.update(Action::SearchNext);
    assert_eq!(app.search.current, Some(5));
}

#[test]
fn esc_outside_the_prompt_clears_the_highlights() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "securite");
    app.update(Action::ClearSearch);
    assert!(!app.search.is_active());
    assert!(app.search.matches.is_empty());
    assert!(app.search.section_counts.iter().all(|&n| n == 0));
}

#[test]
fn prompt_history_recalls_earlier_queries() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "Witkoff");
    search_for(&mut app, "coeur");
    app.update(Action::Search);
    edit(&mut app, PromptEdit::HistoryUp);
    assert_eq!(app.search.prompt.text(), "coeur");
    assert_eq!(app.search.matches.len(), 1, "a recalled query is searched");
    edit(&mut app, PromptEdit::HistoryUp);
    assert_eq!(app.search.prompt.text(), "Witkoff");
    edit(&mut app, PromptEdit::HistoryDown);
    edit(&mut app, PromptEdit::HistoryDown);
    assert_eq!(app.search.prompt.text(), "");
    assert!(app.search.matches.is_empty());
}

#[test]
fn prompt_editing_reruns_the_search() {
    let mut app = app_at(bundled(), 120, 40);
    app.update(Action::Search);
    type_text(&mut app, "Witkoff zz");
    assert_eq!(app.search.summary(), "no match");
    edit(&mut app, PromptEdit::DeleteWord);
    assert_eq!(app.search.prompt.text(), "Witkoff ");
    edit(&mut app, PromptEdit::Backspace);
    assert_eq!(app.search.summary(), "1/2");
    edit(&mut app, PromptEdit::Home);
    edit(&mut app, PromptEdit::Delete);
    assert_eq!(app.search.prompt.text(), "itkoff");
    edit(&mut app, PromptEdit::Clear);
    assert!(app.search.matches.is_empty());
    assert_eq!(app.top, 0);
}

#[test]
fn switching_articles_reruns_the_search_there() {
    let mut app = app_at(two_articles(), 120, 40);
    search_for(&mut app, "seule");
    assert_eq!(app.search.summary(), "no match");
    app.update(Action::ArticleList);
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::Enter);
    assert_eq!(app.current, 1);
    assert_eq!(
        app.search.matches.len(),
        1,
        "the short article says “seule”"
    );
    assert!(app.search.has_index_for(1));
    app.update(Action::SearchNext);
    assert_eq!(app.search.summary(), "1/1");
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

#[test]
fn keys_search_keys_and_the_prompt_s_own() {
    let mut app = app_at(sample_corpus(), 120, 40);
    let none = KeyModifiers::NONE;
    let c = KeyCode::Char;
    assert_eq!(
        action_for_key(app.key_context(), key(c('/'), none)),
        Some(Action::Search)
    );
    assert_eq!(
        action_for_key(app.key_context(), key(c('n'), none)),
        Some(Action::SearchNext)
    );
    assert_eq!(
        action_for_key(app.key_context(), key(c('N'), KeyModifiers::SHIFT)),
        Some(Action::SearchPrev)
    );
    assert_eq!(
        action_for_key(app.key_context(), key(c('o'), none)),
        Some(Action::OpenLink)
    );
    assert_eq!(
        action_for_key(app.key_context(), key(c('y'), none)),
        Some(Action::CopyLink)
    );
    assert_eq!(
        action_for_key(app.key_context(), key(KeyCode::Esc, none)),
        None,
        "no search"
    );
    app.update(Action::Search);
    let prompt =
        |app: &App, code, modifiers| action_for_key(app.key_context(), key(code, modifiers));
    for (code, modifiers, edit) in [
        (c('q'), none, PromptEdit::Insert('q')),
        (c('n'), none, PromptEdit::Insert('n')),
        (c('é'), none, PromptEdit::Insert('é')),
        (c('É'), KeyModifiers::SHIFT, PromptEdit::Insert('É')),
        (KeyCode::Enter, none, PromptEdit::Commit),
        (KeyCode::Esc, none, PromptEdit::Cancel),
        (c('c'), KeyModifiers::CONTROL, PromptEdit::Cancel),
        (c('r'), KeyModifiers::CONTROL, PromptEdit::ToggleRegex),
        (c('u'), KeyModifiers::CONTROL, PromptEdit::Clear),
        (c('w'), KeyModifiers::CONTROL, PromptEdit::DeleteWord),
        (KeyCode::Backspace, none, PromptEdit::Backspace),
        (KeyCode::Left, none, PromptEdit::Left),
        (KeyCode::Right, none, PromptEdit::Right),
        (KeyCode::Home, none, PromptEdit::Home),
        (KeyCode::End, none, PromptEdit::End),
        (KeyCode::Up, none, PromptEdit::HistoryUp),
        (KeyCode::Down, none, PromptEdit::HistoryDown),
    ] {
        assert_eq!(
            prompt(&app, code, modifiers),
            Some(Action::Prompt(edit)),
            "{code:?}"
        );
    }
    assert_eq!(prompt(&app, c('x'), KeyModifiers::CONTROL), None);
    type_text(&mut app, "Macron");
    edit(&mut app, PromptEdit::Commit);
    assert_eq!(
        action_for_key(app.key_context(), key(KeyCode::Esc, none)),
        Some(Action::ClearSearch)
    );
    // An overlay's Esc closes it first.
    app.update(Action::Help);
    assert_eq!(
        action_for_key(app.key_context(), key(KeyCode::Esc, none)),
        Some(Action::Close)
    );
}

/// A one-section article holding `blocks`.
fn article_with(blocks: Vec<Block>) -> Corpus {
    Corpus {
        articles: vec![one_section_article(blocks)],
    }
}

#[test]
fn o_and_y_open_and_copy_the_link_here() {
    let mut app = app_at(bundled(), 120, 40);
    // Sources: the selected source's URL.
    app.update(Action::Focus(Pane::Sources));
    let link_row = app
        .sources
        .rows
        .iter()
        .position(|r| matches!(r, SourceRow::Source(s) if app.article().sources[s].name == "t.co/z3Gkjfs0IW"))
        .unwrap();
    while app.sources.list.selected < link_row {
        app.update(Action::Move(Motion::LineDown));
    }
    app.update(Action::OpenLink);
    assert_eq!(
        app.take_effects(),
        [Effect::OpenUrl("https://t.co/z3Gkjfs0IW".into())]
    );
    assert_eq!(message(&app), Some("opening https://t.co/z3Gkjfs0IW"));
    app.update(Action::CopyLink);
    assert_eq!(
        app.take_effects(),
        [Effect::CopyToClipboard("https://t.co/z3Gkjfs0IW".into())]
    );
    assert_eq!(message(&app), Some("copied https://t.co/z3Gkjfs0IW"));
    // A person has no URL.
    app.update(Action::Move(Motion::Top));
    app.update(Action::OpenLink);
    assert!(app.take_effects().is_empty());
    assert_eq!(message(&app), Some("no link here"));

    // Quotes: the selected post's first link.
    app.update(Action::Focus(Pane::Quotes));
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::CopyLink);
    assert_eq!(
        app.take_effects(),
        [Effect::CopyToClipboard(
            "https://pic.twitter.com/KbZWegi7ze".into()
        )]
    );

    // Article: the one link on screen (a card counts for its links).
    app.update(Action::Focus(Pane::Article));
    app.update(Action::OpenLink);
    assert_eq!(
        app.take_effects(),
        [Effect::OpenUrl("https://pic.twitter.com/LXSrvPWqzS".into())],
        "the first post shows at the bottom of the first screen"
    );
    assert!(app.picker.is_none());
    // Two cards on screen: their links are numbered, a digit picks one.
    app.update(Action::NextPost);
    app.update(Action::NextPost);
    app.update(Action::OpenLink);
    assert!(app.take_effects().is_empty());
    let picker = app.picker.clone().expect("the links are numbered");
    let written: Vec<&str> = picker.links.iter().map(|l| l.written.as_str()).collect();
    assert_eq!(
        written,
        [
            "https://pic.twitter.com/KbZWegi7ze",
            "https://www.europesays.com/fr/638743/"
        ]
    );
    app.update(Action::PickDigit(2));
    assert!(app.picker.is_none());
    assert_eq!(
        app.take_effects(),
        [Effect::OpenUrl(
            "https://www.europesays.com/fr/638743/".into()
        )]
    );
    // y the same; Esc stops numbering, a number past the last says so.
    app.update(Action::CopyLink);
    assert!(app.picker.as_ref().is_some_and(|p| p.copy));
    app.update(Action::Close);
    assert!(app.picker.is_none());
    assert_eq!(app.focus, Pane::Article, "Esc closed nothing else");
    app.update(Action::CopyLink);
    app.update(Action::PickDigit(7));
    assert!(app.take_effects().is_empty());
    assert_eq!(message(&app), Some("no link 7"));
    // Any other key stops numbering and does what it does.
    app.update(Action::OpenLink);
    let top = app.top;
    app.update(Action::Move(Motion::LineDown));
    assert!(app.picker.is_none());
    assert_eq!(app.top, top + 1);
    // Nothing with a link on screen.
    let mut app = app_at(article_with(vec![paragraph("Sans lien.", &[])]), 120, 40);
    app.update(Action::OpenLink);
    assert_eq!(message(&app), Some("no link here"));
    assert!(app.take_effects().is_empty());
}

#[test]
fn a_url_in_a_paragraph_is_opened_with_https_and_an_unsafe_link_is_refused() {
    let corpus = article_with(vec![paragraph(
        "Voir www.example.org/rapport pour le détail.",
        &[],
    )]);
    let mut app = app_at(corpus, 120, 40);
    app.update(Action::OpenLink);
    assert_eq!(
        app.take_effects(),
        [Effect::OpenUrl("https://www.example.org/rapport".into())]
    );
    // The layout found it once, as a byte range of the paragraph.
    assert_eq!(app.article().urls().len(), 1);
    let url = app.article().urls().get(0).unwrap();
    let text = app.article().text(url.text).unwrap();
    assert_eq!(&text[url.range], "www.example.org/rapport");

    let mut bad = post(
        "p",
        Platform::X,
        "Auteur",
        "auteur",
        "2026-01-01",
        "texte",
        false,
        &["javascript:alert(1)"],
        &[],
    );
    if let Block::Post(p) = &mut bad {
        p.url = None;
    }
    let mut app = app_at(article_with(vec![bad]), 120, 40);
    app.update(Action::Focus(Pane::Quotes));
    app.update(Action::OpenLink);
    assert!(app.take_effects().is_empty());
    assert_eq!(message(&app), Some("this link is not a safe http(s) URL"));
}

#[test]
fn links_no_source_names_are_listed_under_links_and_cited() {
    // The bundled article names every link it shows in a source.
    let app = app_at(bundled(), 120, 40);
    assert!(app.article().links().is_empty());

    let mut app = app_at(sample_corpus(), 120, 40);
    let urls: Vec<&str> = app.article().links().iter().map(|l| l.url()).collect();
    assert_eq!(
        urls,
        [
            "https://example.org/p1",
            "https://pic.twitter.com/LXSrvPWqzS",
            "https://example.org/p2",
            "https://example.org/p3",
            "https://www.europesays.com/fr/638743/",
        ]
    );
    let rows = &app.sources.rows;
    let links_group = rows
        .iter()
        .position(|r| {
            matches!(
                r,
                SourceRow::Group(depeche::corpus::model::SourceKind::Link, 6)
            )
        })
        .expect("one link source and five found links");
    assert_eq!(rows.get(links_group + 2), Some(SourceRow::Found(0)));
    // Enter on it jumps to where it shows; o opens it.
    app.update(Action::Focus(Pane::Sources));
    while app.sources.list.selected < links_group + 2 {
        app.update(Action::Move(Motion::LineDown));
    }
    app.update(Action::Enter);
    assert_eq!(message(&app), Some("cited 1/1"));
    assert_eq!(
        app.layout.block_at(app.top + 1),
        Some(app.article().posts[0])
    );
    app.update(Action::Focus(Pane::Sources));
    app.update(Action::OpenLink);
    assert_eq!(
        app.take_effects(),
        [Effect::OpenUrl("https://example.org/p1".into())]
    );
}

#[test]
fn a_regex_recalled_from_the_history_stays_a_regex() {
    let mut app = app_at(bundled(), 120, 40);
    app.update(Action::Search);
    edit(&mut app, PromptEdit::ToggleRegex);
    type_text(&mut app, "s.curit(e|é)");
    edit(&mut app, PromptEdit::Commit);
    let found = app.search.matches.len();
    assert_eq!(found, 13);
    search_for(&mut app, "witkoff");
    app.update(Action::Search);
    edit(&mut app, PromptEdit::HistoryUp);
    assert_eq!(app.search.prompt.mode(), SearchMode::Plain);
    edit(&mut app, PromptEdit::HistoryUp);
    assert_eq!(app.search.prompt.text(), "s.curit(e|é)");
    assert_eq!(app.search.prompt.mode(), SearchMode::Regex);
    assert_eq!(app.search.matches.len(), found);
    edit(&mut app, PromptEdit::HistoryDown);
    assert_eq!(app.search.prompt.mode(), SearchMode::Plain);
    edit(&mut app, PromptEdit::HistoryUp);
    edit(&mut app, PromptEdit::Commit);
    assert_eq!(app.search.mode, SearchMode::Regex);
    assert_eq!(app.search.matches.len(), found);
}

#[test]
fn search_finds_what_post_headers_and_links_show() {
    let mut app = app_at(bundled(), 120, 40);
    for (query, text) in [
        ("Bluesky", "post"),
        ("europesays", "post"),
        ("2025-12-29", "post"),
        ("18:00:23", "post"),
        ("QXR5NzeJ3K", "post"),
    ] {
        search_for(&mut app, query);
        assert!(
            !app.search.matches.is_empty(),
            "/{query} finds what the card shows"
        );
        let status = app.search.summary_with_place();
        assert!(status.contains(text), "/{query}: {status}");
        app.update(Action::ClearSearch);
    }
    search_for(&mut app, "sécurité");
    assert!(app.search.summary_with_place().contains("body"));
    app.update(Action::ClearSearch);
    // Sources show their names: found, and said to be in a source.
    search_for(&mut app, "Royaume-Uni");
    let places: Vec<String> = (0..app.search.matches.len())
        .map(|i| {
            app.search.current = Some(i);
            app.search.summary_with_place()
        })
        .collect();
    assert!(places.iter().any(|p| p.contains("source")), "{places:?}");
}
