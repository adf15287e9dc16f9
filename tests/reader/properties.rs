//! Properties of the reader, checked with `App::check_invariants` after
//! every step (every offset and selection in range and in view, matches on
//! real text): over random corpora (through the real loader), terminal
//! sizes from 0×0 to 300×100 and sequences of every key of the key table
//! and of the mouse; over any sequence of actions at any size; a jump then
//! back returns to the same place; `Esc` after any typing returns to where
//! the search began; and the screen holds together.

use depeche::reader::keymap::{action_for_key, action_for_mouse, bound_keys};
use depeche::reader::{Action, App, Motion, Options, Pane, PromptEdit};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use serde_json::{Value, json};

use crate::common::corpora::{app_at, two_articles};
use crate::common::robust::{Screen, corpus_bytes};

/// Text a corpus may hold: French, emoji, CJK, Cyrillic, no-break spaces,
/// hard breaks, combining marks; never blank (a word first).
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Zàéèêœ’«»…]{1,12}",
        Just(" ".to_string()),
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\n".to_string()),
        Just("日本語".to_string()),
        Just("Здравствуйте".to_string()),
        Just("👍🏽".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("🇫🇷".to_string()),
        Just("e\u{301}".to_string()),
        "\\PC{1,6}",
    ];
    ("[A-Za-z]{1,8}", prop::collection::vec(piece, 0..40))
        .prop_map(|(word, pieces)| format!("{word}{}", pieces.concat()))
}

fn line() -> impl Strategy<Value = String> {
    text().prop_map(|t| t.replace('\n', " "))
}

#[derive(Debug, Clone)]
enum BlockSpec {
    Paragraph(String, Vec<usize>),
    Post {
        author: String,
        handle: String,
        text: String,
        truncated: bool,
        links: usize,
    },
    /// A block of one of the other types (list item, quotation, caption,
    /// preformatted text, table row) or a post the page did not include,
    /// as JSON without its id.
    Other(Value),
}

fn block() -> impl Strategy<Value = BlockSpec> {
    prop_oneof![
        3 => (text(), prop::collection::vec(0..6usize, 0..3))
            .prop_map(|(t, cites)| BlockSpec::Paragraph(t, cites)),
        1 => (line(), "[a-z0-9_.]{1,20}", text(), any::<bool>(), 0..3usize).prop_map(
            |(author, handle, text, truncated, links)| BlockSpec::Post {
                author,
                handle,
                text,
                truncated,
                links
            }
        ),
        2 => other_block(),
    ]
}

fn other_block() -> impl Strategy<Value = BlockSpec> {
    prop_oneof![
        (text(), any::<bool>(), 1..=8u64).prop_map(|(text, ordered, depth)| {
            json!({"type": "list-item", "text": text, "ordered": ordered, "depth": depth})
        }),
        text().prop_map(|text| json!({"type": "quote", "text": text})),
        text().prop_map(|text| json!({"type": "caption", "text": text})),
        text().prop_map(|text| json!({"type": "code", "text": format!("  {text}")})),
        (
            prop::collection::vec(prop_oneof![line(), Just(String::new())], 1..6),
            any::<bool>()
        )
            .prop_map(|(mut cells, header)| {
                cells.push("x".into());
                json!({"type": "table-row", "cells": cells, "header": header})
            }),
        prop::option::of(line()).prop_map(|title| {
            let mut post = json!({"type": "post", "platform": "youtube",
                                  "url": "https://www.youtube.com/watch?v=x"});
            if let Some(title) = title {
                post["title"] = title.into();
            }
            post
        }),
    ]
    .prop_map(BlockSpec::Other)
}

#[derive(Debug, Clone)]
struct ArticleSpec {
    title: String,
    notice: Option<String>,
    sections: Vec<(Option<String>, Vec<BlockSpec>)>,
    sources: Vec<String>,
}

fn article() -> impl Strategy<Value = ArticleSpec> {
    (
        line(),
        prop::option::of(line()),
        prop::collection::vec(
            (
                prop::option::of(line()),
                prop::collection::vec(block(), 1..6),
            ),
            1..6,
        ),
        prop::collection::vec(line(), 0..6),
    )
        .prop_map(|(title, notice, sections, sources)| ArticleSpec {
            title,
            notice,
            sections,
            sources,
        })
}

fn article_json(n: usize, spec: &ArticleSpec) -> Value {
    let cites = |wanted: &[usize]| -> Vec<String> {
        let mut ids: Vec<String> = wanted
            .iter()
            .filter(|&&i| i < spec.sources.len())
            .map(|i| format!("src{i}"))
            .collect();
        ids.dedup();
        ids
    };
    let mut post_id = 0;
    let sections: Vec<Value> = spec
        .sections
        .iter()
        .enumerate()
        .map(|(s, (heading, blocks))| {
            let blocks: Vec<Value> = blocks
                .iter()
                .map(|b| match b {
                    BlockSpec::Paragraph(text, wanted) => {
                        json!({"type": "paragraph", "text": text, "cites": cites(wanted)})
                    }
                    BlockSpec::Post {
                        author,
                        handle,
                        text,
                        truncated,
                        links,
                    } => {
                        post_id += 1;
                        let links: Vec<String> = (0..*links)
                            .map(|l| format!("https://example.org/{post_id}/{l}"))
                            .collect();
                        json!({"type": "post", "id": format!("p{post_id}"), "platform": "mastodon",
                               "author": author, "handle": handle, "date": "2026-01-01",
                               "text": text, "truncated": truncated, "links": links})
                    }
                    BlockSpec::Other(block) => {
                        let mut block = block.clone();
                        if block["type"] == "post" {
                            post_id += 1;
                            block["id"] = format!("p{post_id}").into();
                        }
                        block
                    }
                })
                .collect();
            json!({"id": format!("s{s}"), "heading": heading, "blocks": blocks})
        })
        .collect();
    let sources: Vec<Value> = spec
        .sources
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let kind = ["person", "outlet", "link"][i % 3];
            json!({"id": format!("src{i}"), "kind": kind, "name": name})
        })
        .collect();
    let mut article = json!({"id": format!("a{n}"), "title": spec.title,
                             "sections": sections, "sources": sources});
    if let Some(notice) = &spec.notice {
        article["notice"] = notice.as_str().into();
    }
    article
}

/// What a user can do: keys through the keymap, the mouse, a resize.
#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Wheel(u16, u16, bool),
    Click(u16, u16),
    Resize(u16, u16),
}

fn input() -> impl Strategy<Value = Input> {
    // Every key of the key table, and a character none binds (typed into the prompt).
    let mut events: Vec<KeyEvent> = bound_keys().into_iter().map(|k| k.event()).collect();
    events.push(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
    let keys = prop::sample::select(events);
    prop_oneof![
        8 => keys.prop_map(Input::Key),
        1 => (0..310u16, 0..110u16, any::<bool>()).prop_map(|(c, r, down)| Input::Wheel(c, r, down)),
        1 => (0..310u16, 0..110u16).prop_map(|(c, r)| Input::Click(c, r)),
        1 => (0..=300u16, 0..=100u16).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

fn apply(app: &mut App, input: &Input, clock: &mut u64) {
    *clock += 150;
    let action = match *input {
        Input::Key(key) => action_for_key(app.key_context(), key),
        Input::Wheel(column, row, down) => {
            let kind = if down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            };
            action_for_mouse(mouse(kind, column, row), *clock)
        }
        Input::Click(column, row) => action_for_mouse(
            mouse(MouseEventKind::Down(MouseButton::Left), column, row),
            *clock,
        ),
        Input::Resize(width, height) => Some(Action::Resize { width, height }),
    };
    // Quitting ends the session; everything else is state.
    if let Some(action) = action.filter(|a| *a != Action::Quit) {
        app.update(action);
    }
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

/// Where the reader is: the article and its top line.
fn place(app: &App) -> (usize, usize) {
    (app.current, app.top)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_reader_holds_under_random_corpora_sizes_and_keys(
        articles in prop::collection::vec(article(), 1..4),
        width in 0..=300u16,
        height in 0..=100u16,
        inputs in prop::collection::vec(input(), 0..40),
        jump_to in 0..8usize,
    ) {
        let json: Vec<Value> = articles.iter().enumerate().map(|(n, a)| article_json(n, a)).collect();
        let corpus = depeche::corpus::load_bytes("random.json", &corpus_bytes(json))
            .map_err(|e| TestCaseError::fail(format!("a valid corpus refused: {e}")))?;
        let mut app = App::new(corpus, Options { color: false });
        app.update(Action::Resize { width, height });
        let mut screen = Screen::default();
        let mut clock = 0;
        for (i, input) in inputs.iter().enumerate() {
            apply(&mut app, input, &mut clock);
            app.check_invariants().map_err(TestCaseError::fail)?;
            // Drawing every frame would be slow in debug: every few steps and the last.
            if i % 8 == 7 {
                screen.check(&app, &format!("after {:?}", &inputs[..=i]));
            }
        }
        screen.check(&app, &format!("after {inputs:?}"));

        // A jump (Enter on a section), then back: the same place.
        app.update(Action::Close);
        app.update(Action::Close);
        let before = place(&app);
        app.update(Action::Focus(Pane::Sections));
        app.sections.selected = jump_to.min(app.list_len(Pane::Sections) - 1);
        app.update(Action::Enter);
        app.check_invariants().map_err(TestCaseError::fail)?;
        // A jump that does not move is not remembered: Back goes further back.
        if place(&app) != before {
            app.update(Action::Back);
            prop_assert_eq!(place(&app), before, "a section jump then back");
        }
        app.check_invariants().map_err(TestCaseError::fail)?;
        screen.check(&app, "after a jump and back");
    }
}

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
        1 => (0u8..10).prop_map(Action::PickDigit),
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
            app.check_invariants().map_err(TestCaseError::fail)?;
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
        app.check_invariants().map_err(TestCaseError::fail)?;
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
            app.check_invariants().map_err(TestCaseError::fail)?;
        }
        app.update(Action::Prompt(PromptEdit::Cancel));
        prop_assert_eq!(app.top, before);
        prop_assert!(!app.search.is_active());
    }
}
