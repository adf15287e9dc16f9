//! Properties of the reader over random corpora (through the real loader),
//! random terminal sizes from 0×0 to 300×100 and random key and mouse
//! sequences: no panic, every offset and selection in range, a jump then
//! back returns to the same place, and the screen holds together.

#[path = "common/robust.rs"]
mod robust;

use depeche::reader::keymap::{action_for_key, action_for_mouse};
use depeche::reader::{Action, App, Options, Pane};
use proptest::prelude::*;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use robust::{Screen, corpus_bytes};
use serde_json::{Value, json};

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
    ]
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
    Key(KeyCode, KeyModifiers),
    Wheel(u16, u16, bool),
    Click(u16, u16),
    Resize(u16, u16),
}

fn input() -> impl Strategy<Value = Input> {
    let keys = prop::sample::select(vec![
        (KeyCode::Char('j'), KeyModifiers::NONE),
        (KeyCode::Char('k'), KeyModifiers::NONE),
        (KeyCode::Down, KeyModifiers::NONE),
        (KeyCode::Char('d'), KeyModifiers::CONTROL),
        (KeyCode::Char('u'), KeyModifiers::CONTROL),
        (KeyCode::Char(' '), KeyModifiers::NONE),
        (KeyCode::PageUp, KeyModifiers::NONE),
        (KeyCode::Char('g'), KeyModifiers::NONE),
        (KeyCode::Char('G'), KeyModifiers::SHIFT),
        (KeyCode::Enter, KeyModifiers::NONE),
        (KeyCode::Char(']'), KeyModifiers::NONE),
        (KeyCode::Char('['), KeyModifiers::NONE),
        (KeyCode::Char('}'), KeyModifiers::NONE),
        (KeyCode::Char('{'), KeyModifiers::NONE),
        (KeyCode::Tab, KeyModifiers::NONE),
        (KeyCode::BackTab, KeyModifiers::SHIFT),
        (KeyCode::Char('1'), KeyModifiers::NONE),
        (KeyCode::Char('2'), KeyModifiers::NONE),
        (KeyCode::Char('3'), KeyModifiers::NONE),
        (KeyCode::Char('4'), KeyModifiers::NONE),
        (KeyCode::Char('?'), KeyModifiers::NONE),
        (KeyCode::F(1), KeyModifiers::NONE),
        (KeyCode::Esc, KeyModifiers::NONE),
        (KeyCode::Char('a'), KeyModifiers::NONE),
        (KeyCode::Char('o'), KeyModifiers::CONTROL),
        (KeyCode::Backspace, KeyModifiers::NONE),
        (KeyCode::Char('x'), KeyModifiers::NONE),
        // Search and links, once the reader has them.
        (KeyCode::Char('/'), KeyModifiers::NONE),
        (KeyCode::Char('n'), KeyModifiers::NONE),
        (KeyCode::Char('N'), KeyModifiers::SHIFT),
        (KeyCode::Char('o'), KeyModifiers::NONE),
        (KeyCode::Char('y'), KeyModifiers::NONE),
    ]);
    prop_oneof![
        8 => keys.prop_map(|(code, modifiers)| Input::Key(code, modifiers)),
        1 => (0..310u16, 0..110u16, any::<bool>()).prop_map(|(c, r, down)| Input::Wheel(c, r, down)),
        1 => (0..310u16, 0..110u16).prop_map(|(c, r)| Input::Click(c, r)),
        1 => (0..=300u16, 0..=100u16).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

fn apply(app: &mut App, input: &Input, clock: &mut u64) {
    *clock += 150;
    let action = match *input {
        Input::Key(code, modifiers) => {
            action_for_key(app.key_context(), KeyEvent::new(code, modifiers))
        }
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
        app.update(Action::Back);
        prop_assert_eq!(place(&app), before, "a section jump then back");
        app.check_invariants().map_err(TestCaseError::fail)?;
        screen.check(&app, "after a jump and back");
    }
}
