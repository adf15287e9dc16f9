//! Snapshots of search on screen (`TestBackend`): the screen, then under each
//! article row holding a mark, which cells carry it: `C` the current match,
//! `m` another match, `u` a link (underlined).

use crate::common::corpora::app_at;
use depeche::corpus::model::Corpus;
use depeche::reader::{Action, App, Options, PromptEdit};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Cell;
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};

fn bundled() -> Corpus {
    depeche::corpus::load_bundled().expect("the bundled corpus loads")
}

/// The mark a cell of the article pane carries.
fn mark(cell: &Cell, color: bool) -> char {
    let m = cell.modifier;
    if m.contains(Modifier::REVERSED | Modifier::BOLD) {
        'C'
    } else if (color && cell.bg == Color::Yellow)
        || (!color && m.contains(Modifier::UNDERLINED | Modifier::BOLD))
    {
        'm'
    } else if m.contains(Modifier::UNDERLINED) {
        'u'
    } else {
        ' '
    }
}

/// The screen, the marks of the article pane, and the cursor when shown.
fn screen(app: &App) -> String {
    let (w, h) = (app.geometry.area.width, app.geometry.area.height);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal
        .draw(|frame| depeche::ui::draw(frame, app))
        .expect("draw");
    // Terminal::draw shows the cursor where the frame put it, and hides it otherwise.
    let cursor = if app.search.is_typing() {
        let Position { x, y } = terminal.backend_mut().get_cursor_position().unwrap();
        format!("at column {x}, row {y}")
    } else {
        "hidden".to_string()
    };
    let backend = terminal.backend();
    let buffer = backend.buffer();
    let mut out = backend.to_string();
    let pane = app.geometry.article;
    out.push_str("marks:\n");
    for y in pane.top()..pane.bottom() {
        let (mut text, mut marks) = (String::new(), String::new());
        let mut x = pane.left();
        while x < pane.right() {
            let cell = &buffer[(x, y)];
            let cells = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1);
            text.push_str(cell.symbol());
            for _ in 0..cells {
                marks.push(mark(cell, app.options.color));
            }
            x += cells as u16;
        }
        if marks.trim().is_empty() {
            continue;
        }
        out.push_str(&format!(
            "{y:>3} |{}|\n    |{}|\n",
            text.trim_end(),
            marks.trim_end()
        ));
    }
    out.push_str(&format!("cursor: {cursor}\n"));
    out
}

fn search_for(app: &mut App, query: &str, commit: bool) {
    app.update(Action::Search);
    for c in query.chars() {
        app.update(Action::Prompt(PromptEdit::Insert(c)));
    }
    if commit {
        app.update(Action::Prompt(PromptEdit::Commit));
    }
}

#[test]
fn securite_highlighted_at_two_widths() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app_at(bundled(), w, h);
        search_for(&mut app, "securite", true);
        app.update(Action::SearchNext);
        app.update(Action::SearchNext);
        assert_snapshot!(format!("securite_third_{w}x{h}"), screen(&app));
    }
}

#[test]
fn a_match_split_over_two_wrapped_lines() {
    // At 120×40 the lead wraps between "président" and "Emmanuel"; at
    // 80×24 the same words wrap elsewhere.
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app_at(bundled(), w, h);
        search_for(&mut app, "le président Emmanuel Macron", true);
        assert_snapshot!(format!("split_match_{w}x{h}"), screen(&app));
    }
}

#[test]
fn prompt_with_a_wide_query_places_its_cursor_by_width() {
    let mut app = app_at(bundled(), 80, 24);
    search_for(&mut app, "中é🔴x", false);
    app.update(Action::Prompt(PromptEdit::Left));
    let shown = screen(&app);
    // "/" then 中 (2) é (1) 🔴 (2): the cursor sits on "x", at column 6.
    assert!(shown.ends_with("cursor: at column 6, row 23\n"), "{shown}");
    assert_snapshot!("prompt_wide_query_80x24", shown);
}

#[test]
fn prompt_says_no_match_at_once() {
    let mut app = app_at(bundled(), 80, 24);
    search_for(&mut app, "zzyzx", false);
    assert_snapshot!("prompt_no_match_80x24", screen(&app));
}

#[test]
fn regex_prompt_and_its_error() {
    let mut app = app_at(bundled(), 80, 24);
    app.update(Action::Search);
    app.update(Action::Prompt(PromptEdit::ToggleRegex));
    for c in "Witk(".chars() {
        app.update(Action::Prompt(PromptEdit::Insert(c)));
    }
    let shown = screen(&app);
    assert!(shown.contains("/(re) Witk("), "{shown}");
    assert!(shown.contains("invalid regex"), "{shown}");
    assert_snapshot!("prompt_regex_error_80x24", shown);
}

#[test]
fn current_match_shows_without_colour() {
    let mut app = App::new(bundled(), Options { color: false });
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    search_for(&mut app, "securite", true);
    app.update(Action::SearchNext);
    app.update(Action::SearchNext);
    let shown = screen(&app);
    let marks = shown.split("marks:").nth(1).unwrap();
    assert!(marks.contains('C') && marks.contains('m'), "{marks}");
    assert_snapshot!("securite_no_colour_80x24", shown);
}

#[test]
fn the_prompt_never_breaks_at_small_sizes() {
    for (w, h) in [(20, 6), (21, 6), (30, 8), (1, 1)] {
        let mut app = app_at(bundled(), w, h);
        search_for(&mut app, "sécurité 中文 🔴 a very long query indeed", false);
        let shown = screen(&app);
        if w >= 20 {
            let Position { x, y } = app_cursor(&shown);
            assert!(x < w && y == h - 1, "{w}×{h}: cursor at {x},{y}");
        }
    }
}

fn app_cursor(shown: &str) -> Position {
    let line = shown.lines().last().unwrap();
    let numbers: Vec<u16> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    Position::new(numbers[0], numbers[1])
}
