//! Jumps near the end, the back history, the scroll-spy at the bottom, the
//! Quotes list following the article, and where `n` puts a match.

use crate::common::corpora::app_at;
use depeche::corpus::model::Corpus;
use depeche::reader::{Action, App, Motion, Pane, PromptEdit};

fn bundled() -> Corpus {
    depeche::corpus::load_bundled().expect("the bundled corpus loads")
}

fn message(app: &App) -> Option<&str> {
    app.message.as_ref().map(|m| m.value.text.as_str())
}

fn press(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
    }
}

fn search_for(app: &mut App, query: &str) {
    app.update(Action::Search);
    for c in query.chars() {
        app.update(Action::Prompt(PromptEdit::Insert(c)));
    }
    app.update(Action::Prompt(PromptEdit::Commit));
}

#[test]
fn post_jumps_near_the_end_stop_at_the_last_page() {
    let mut app = app_at(bundled(), 120, 40);
    for _ in 0..5 {
        app.update(Action::NextPost);
        assert!(app.top <= app.max_top(), "{} > {}", app.top, app.max_top());
    }
    let top = app.top;
    app.update(Action::Move(Motion::Bottom));
    assert_eq!(app.top, top, "G does not move up from the last page");
}

#[test]
fn enter_on_the_last_post_stops_at_the_last_page() {
    let mut app = app_at(bundled(), 120, 40);
    press(
        &mut app,
        &[
            Action::Focus(Pane::Quotes),
            Action::Move(Motion::Bottom),
            Action::Enter,
        ],
    );
    assert_eq!(app.top, app.max_top());
    let last = *app.article().posts.last().unwrap();
    let span = app.layout.block_span(last).unwrap();
    assert!(
        span.end <= app.top + app.article_height(),
        "the card shows whole"
    );
}

#[test]
fn section_jumps_stop_at_the_last_page_and_mark_each_section_in_turn() {
    for (w, h) in [(120, 40), (200, 60), (80, 24), (100, 30)] {
        let mut app = app_at(bundled(), w, h);
        let sections = app.article().sections.len();
        for s in 1..sections {
            app.update(Action::NextSection);
            assert!(
                app.top <= app.max_top(),
                "{w}x{h}: {} past the end",
                app.top
            );
            assert_eq!(
                app.current_section(),
                s,
                "{w}x{h}: ] marks the next section"
            );
            assert_eq!(app.sections.selected, s);
        }
        app.update(Action::NextSection);
        assert_eq!(message(&app), Some("no section below"), "{w}x{h}");
        for s in (0..sections - 1).rev() {
            app.update(Action::PrevSection);
            assert_eq!(
                app.current_section(),
                s,
                "{w}x{h}: [ marks the section before"
            );
        }
        assert_eq!(app.top, 0);
    }
}

#[test]
fn the_last_sections_are_marked_at_the_bottom_of_a_tall_screen() {
    let mut app = app_at(bundled(), 200, 60);
    app.update(Action::Move(Motion::Bottom));
    let last = app.article().sections.len() - 1;
    assert_eq!(app.current_section(), last, "the last section on screen");
    assert_eq!(app.sections.selected, last);
    app.update(Action::NextSection);
    assert_eq!(message(&app), Some("no section below"));
    // Scrolling up a line leaves the bottom: the top line's section again.
    app.update(Action::Move(Motion::LineUp));
    assert_eq!(app.current_section(), app.layout.section_at(app.top));
}

#[test]
fn the_last_match_is_shown_within_the_last_page() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "securite");
    let len = app.search.matches.len();
    for _ in 1..len {
        app.update(Action::SearchNext);
        assert!(app.top <= app.max_top());
    }
    assert_eq!(app.search.current, Some(len - 1));
    // N from the first match wraps to the last: within the last page too.
    press(&mut app, &[Action::Move(Motion::Top), Action::SearchNext]);
    assert_eq!(app.search.current, Some(0));
    app.update(Action::SearchPrev);
    assert_eq!(app.search.current, Some(len - 1));
    assert!(app.top <= app.max_top(), "{} > {}", app.top, app.max_top());
}

#[test]
fn a_jump_that_does_not_move_is_not_remembered() {
    // 3 G Enter Enter Ctrl-o: back to where the first Enter left from.
    let mut app = app_at(bundled(), 120, 40);
    press(
        &mut app,
        &[
            Action::Focus(Pane::Quotes),
            Action::Move(Motion::Bottom),
            Action::Enter,
        ],
    );
    assert_ne!(app.top, 0);
    press(&mut app, &[Action::Enter, Action::Back]);
    assert_eq!(app.top, 0, "Ctrl-o returns to before the first jump");

    // 1 Enter on Lead at the top, then Ctrl-o: nothing to go back to.
    let mut app = app_at(bundled(), 120, 40);
    press(&mut app, &[Action::Focus(Pane::Sections), Action::Enter]);
    assert_eq!(app.top, 0);
    app.update(Action::Back);
    assert_eq!(message(&app), Some("no earlier place"));
}

#[test]
fn quotes_follow_the_article_when_not_focused() {
    for (w, h) in [(120, 24), (100, 30), (80, 24)] {
        let mut app = app_at(bundled(), w, h);
        app.update(Action::Move(Motion::Bottom));
        let posts = app.article().posts.len();
        let bottom = app.top + app.article_height();
        let on_screen: Vec<usize> = (0..posts)
            .filter(|&i| {
                let at = app.article().posts[i];
                app.layout
                    .blocks_in(app.top..bottom)
                    .iter()
                    .any(|s| s.at == at)
            })
            .collect();
        assert!(!on_screen.is_empty(), "{w}x{h}: a card is on screen");
        // Opened over the article when folded: the list shows them.
        app.update(Action::Focus(Pane::Quotes));
        let visible = app.quotes.visible(posts);
        for i in &on_screen {
            assert!(visible.contains(i), "{w}x{h}: post {i} not in {visible:?}");
        }
    }
}

#[test]
fn n_keeps_a_card_header_on_screen() {
    let mut app = app_at(bundled(), 120, 40);
    // Only in the HuffPost card's text, under its header.
    search_for(&mut app, "plus dur reste");
    let m = app.search.current_match().unwrap().clone();
    let at = m.text.post().expect("the match is in a post");
    let header = app.layout.line_of(at).unwrap();
    assert!(
        header >= app.top,
        "the header of the card is on screen (top {}, header {header})",
        app.top
    );
    // A paragraph match comes a few lines down, not on the top row.
    app.update(Action::ClearSearch);
    app.update(Action::Move(Motion::Top));
    search_for(&mut app, "Witkoff");
    let m = app.search.current_match().unwrap().clone();
    let line = app.layout.line_of_text(m.text, m.range.start).unwrap();
    assert!(line >= app.top + 2, "line {line}, top {}", app.top);
}
