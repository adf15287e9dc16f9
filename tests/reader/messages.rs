//! Status messages belong to the action that produced them: the next action
//! that succeeds clears them, one that changes nothing leaves them.

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
fn no_earlier_place_goes_with_the_next_move() {
    let mut app = app_at(bundled(), 120, 40);
    press(&mut app, &[Action::Move(Motion::Top), Action::Back]);
    assert_eq!(message(&app), Some("no earlier place"));
    app.update(Action::NextSection);
    assert_eq!(message(&app), None, "] moved: the message is stale");
    app.update(Action::Back);
    app.update(Action::Back);
    assert_eq!(message(&app), Some("no earlier place"));
    app.update(Action::NextPost);
    assert_eq!(message(&app), None, "}} moved: the message is stale");
}

#[test]
fn an_action_that_changes_nothing_keeps_the_message() {
    let mut app = app_at(bundled(), 120, 40);
    app.update(Action::Back);
    assert_eq!(message(&app), Some("no earlier place"));
    // Moving up at the top changes nothing and says so itself.
    app.update(Action::Move(Motion::LineUp));
    assert_eq!(message(&app), Some("top of article"));
    // Focus changes are successful actions.
    app.update(Action::Focus(Pane::Quotes));
    assert_eq!(message(&app), None);
}

#[test]
fn edge_messages_go_with_the_move_away() {
    let mut app = app_at(bundled(), 120, 40);
    press(&mut app, &[Action::Move(Motion::Bottom)]);
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(message(&app), Some("bottom of article"));
    app.update(Action::Move(Motion::LineUp));
    assert_eq!(message(&app), None);
    for _ in 0..10 {
        app.update(Action::NextSection);
    }
    assert_eq!(message(&app), Some("no section below"));
    app.update(Action::PrevSection);
    assert_eq!(message(&app), None);
}

#[test]
fn search_messages_go_with_the_next_action() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "xyzzy");
    assert_eq!(message(&app), Some("no match for xyzzy"));
    app.update(Action::ClearSearch);
    assert!(!app.search.is_active());
    assert_eq!(message(&app), None, "Esc cleared the search it spoke of");

    search_for(&mut app, "visio");
    app.update(Action::SearchNext);
    assert_eq!(message(&app), Some("search wrapped"));
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(message(&app), None);
}

#[test]
fn citation_turns_go_with_the_next_move() {
    let mut app = app_at(bundled(), 120, 40);
    app.update(Action::Focus(Pane::Sources));
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::Enter);
    assert!(message(&app).is_some_and(|m| m.starts_with("cited 1/")));
    app.update(Action::Enter);
    assert!(message(&app).is_some_and(|m| m.starts_with("cited 2/")));
    app.update(Action::Focus(Pane::Article));
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(message(&app), None);
}
