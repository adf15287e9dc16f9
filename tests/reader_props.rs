//! Properties: any size, any sequence of actions: no panic, everything in range,
//! every drawn frame stays inside the screen, and a jump then back returns.

mod common;

use common::{app_at, two_articles};
use depeche::reader::{Action, Motion, Pane, PromptEdit};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn motion() -> impl Strategy<Value = Motion> {
    prop_oneof![
        Just(Motion::LineDown),
        Just(Motion::LineUp),
        Just(Motion::HalfPageDown),
        Just(Motion::HalfPageUp),
        Just(Motion::PageDown),
        Just(Motion::PageUp),
        Just(Motion::Top),
        Just(Motion::Bottom),
    ]
}

fn pane() -> impl Strategy<Value = Pane> {
    prop_oneof![
        Just(Pane::Sections),
        Just(Pane::Article),
        Just(Pane::Quotes),
        Just(Pane::Sources)
    ]
}

/// Keys of the search prompt, typing included (accents, ligatures, regex
/// syntax, wide characters).
fn prompt_edit() -> impl Strategy<Value = PromptEdit> {
    prop_oneof![
        6 => prop::sample::select(vec!['e', 'a', 'é', 'œ', 'O', ' ', '(', '.', '*', '中', '🔴', 'я'])
            .prop_map(PromptEdit::Insert),
        1 => prop::sample::select(vec![
            PromptEdit::Backspace,
            PromptEdit::Delete,
            PromptEdit::Clear,
            PromptEdit::DeleteWord,
            PromptEdit::Left,
            PromptEdit::Right,
            PromptEdit::Home,
            PromptEdit::End,
            PromptEdit::HistoryUp,
            PromptEdit::HistoryDown,
            PromptEdit::ToggleRegex,
            PromptEdit::Commit,
            PromptEdit::Cancel,
        ]),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        1 => Just(Action::Search),
        4 => prompt_edit().prop_map(Action::Prompt),
        1 => Just(Action::SearchNext),
        1 => Just(Action::SearchPrev),
        1 => Just(Action::ClearSearch),
        1 => Just(Action::OpenLink),
        1 => Just(Action::CopyLink),
        4 => motion().prop_map(Action::Move),
        1 => (0u16..300, 0u16..100).prop_map(|(width, height)| Action::Resize { width, height }),
        1 => Just(Action::Tick),
        1 => Just(Action::Enter),
        1 => Just(Action::NextSection),
        1 => Just(Action::PrevSection),
        1 => Just(Action::NextPost),
        1 => Just(Action::PrevPost),
        1 => Just(Action::FocusNext),
        1 => Just(Action::FocusPrev),
        1 => pane().prop_map(Action::Focus),
        1 => Just(Action::Help),
        1 => Just(Action::ArticleList),
        1 => Just(Action::Back),
        1 => Just(Action::Close),
        1 => (0u16..300, 0u16..100, -3i32..4).prop_map(|(column, row, lines)| Action::Wheel { column, row, lines }),
        1 => (0u16..300, 0u16..100, 0u64..2_000).prop_map(|(column, row, at_ms)| Action::Click { column, row, at_ms }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_actions_at_any_size_stay_in_range_and_draw(
        width in 0u16..300,
        height in 0u16..100,
        actions in proptest::collection::vec(action(), 0..40),
    ) {
        let mut app = app_at(two_articles(), width, height);
        for action in actions {
            app.update(action);
            app.check_invariants().unwrap();
        }
        let area = app.geometry.area;
        let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        terminal.draw(|frame| depeche::ui::draw(frame, &app)).unwrap();
    }

    #[test]
    fn a_jump_then_back_returns_to_the_same_place(
        width in 20u16..300,
        height in 6u16..100,
        moves in proptest::collection::vec(motion(), 0..10),
        jump in prop_oneof![
            Just(Action::NextSection),
            Just(Action::PrevSection),
            Just(Action::NextPost),
            Just(Action::PrevPost),
        ],
    ) {
        let mut app = app_at(two_articles(), width, height);
        for m in moves {
            app.update(Action::Move(m));
        }
        let before = (app.current, app.top);
        app.update(jump);
        if app.flash.is_some() {
            app.update(Action::Back);
            prop_assert_eq!((app.current, app.top), before);
        }
    }

    #[test]
    fn esc_after_any_typing_returns_to_where_the_search_began(
        width in 20u16..300,
        height in 6u16..100,
        moves in proptest::collection::vec(motion(), 0..10),
        edits in proptest::collection::vec(prompt_edit(), 0..20),
    ) {
        let mut app = app_at(two_articles(), width, height);
        for m in moves {
            app.update(Action::Move(m));
        }
        let before = app.top;
        app.update(Action::Search);
        for edit in edits {
            if matches!(edit, PromptEdit::Commit | PromptEdit::Cancel) {
                continue;
            }
            app.update(Action::Prompt(edit));
            prop_assert!(app.search.current.is_none_or(|c| c < app.search.matches.len()));
        }
        app.update(Action::Prompt(PromptEdit::Cancel));
        prop_assert_eq!(app.top, before);
        prop_assert!(!app.search.is_active());
    }
}
