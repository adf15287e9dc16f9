//! Helpers for the robustness tests: corpora written as JSON (so they go
//! through the real loader and sanitiser), the reader drawn on `TestBackend`,
//! and a check that a drawn screen holds together.
//!
//! Used from several test crates with `#[path = "common/robust.rs"] mod robust;`.
#![allow(dead_code)]

use depeche::corpus::model::Corpus;
use depeche::reader::{Action, App, Options, Pane};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

/// One article with every kind of text field, each made by `text(name)`:
/// title, notice, a lead and a headed section, a paragraph, a post (author,
/// handle, text, url, links), two sources (name, description, url).
/// `url(name)` makes the URLs (so they can stay valid while text is hostile).
pub fn article_json(text: &dyn Fn(&str) -> String, url: &dyn Fn(&str) -> String) -> Value {
    json!({
        "id": "a1",
        "title": text("Titre"),
        "language": "fr",
        "notice": text("Avis"),
        "date": "2026-01-06",
        "sections": [
            {"id": "lead", "heading": null, "blocks": [
                {"type": "paragraph", "text": text("Paragraphe"), "cites": ["s1"]}
            ]},
            {"id": "s2", "heading": text("Intertitre"), "blocks": [
                {"type": "post", "id": "p1", "platform": "x",
                 "author": text("Auteur"), "handle": text("handle"),
                 "date": "2026-01-03T18:00:23+00:00", "text": text("Texte du post"),
                 "truncated": true,
                 "url": url("https://example.org/post"),
                 "links": [url("https://example.org/link")],
                 "cites": ["s1", "s2"]},
                {"type": "paragraph", "text": text("Suite"), "cites": ["s2"]}
            ]}
        ],
        "sources": [
            {"id": "s1", "kind": "person", "name": text("Nom"),
             "description": text("Description"), "url": url("https://example.org/source")},
            {"id": "s2", "kind": "link", "name": text("Lien"), "url": url("https://example.org/l")}
        ]
    })
}

/// A corpus file holding these articles.
pub fn corpus_bytes(articles: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec_pretty(&json!({
        "format": "depeche-corpus",
        "version": 1,
        "articles": articles,
    }))
    .expect("serialise a corpus")
}

/// Loads corpus bytes through the real loader, or panics with its message.
pub fn load(bytes: &[u8]) -> Corpus {
    depeche::corpus::load_bytes("test.json", bytes).unwrap_or_else(|e| panic!("refused: {e}"))
}

/// The reader over `corpus` at `width` × `height`.
pub fn reader(corpus: Corpus, width: u16, height: u16) -> App {
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize { width, height });
    app
}

/// Draws the reader at its current size on `TestBackend`.
pub fn draw(app: &App) -> Buffer {
    Screen::default().draw(app).clone()
}

/// A `TestBackend` terminal kept across frames (cheaper than one per frame),
/// resized to the app's size before each one.
#[derive(Default)]
pub struct Screen {
    terminal: Option<Terminal<TestBackend>>,
}

impl Screen {
    pub fn draw(&mut self, app: &App) -> &Buffer {
        let area = app.geometry.area;
        if self
            .terminal
            .as_ref()
            .is_none_or(|t| t.backend().buffer().area != area)
        {
            self.terminal =
                Some(Terminal::new(TestBackend::new(area.width, area.height)).expect("backend"));
        }
        let terminal = self.terminal.as_mut().expect("just made");
        // The frame ratatui drew, not the backend's copy: the backend only
        // receives the cells that changed, so under a wide character it keeps
        // whatever an earlier frame left there.
        terminal
            .draw(|frame| depeche::ui::draw(frame, app))
            .expect("draw")
            .buffer
    }

    /// Draws and checks the screen holds together (see [`assert_sound`]).
    pub fn check(&mut self, app: &App, what: &str) {
        let buf = self.draw(app).clone();
        assert_sound(app, &buf, what);
    }
}

/// The screen as text, one line per row, wide characters once.
pub fn screen_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            out.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        out.push('\n');
    }
    out
}

/// Checks that a drawn screen holds together, with `what` in every message:
/// - every row is exactly as wide as the terminal as a terminal would show it
///   (no cell of width 0, no wide character crossing the right edge or
///   covering something drawn next to it, such as a border);
/// - every bordered box (list panes, or the overlay) has its four corners and
///   its left, right and bottom borders intact, so no text ran over them;
/// - the article never writes in its scrollbar column.
pub fn assert_sound(app: &App, buf: &Buffer, what: &str) {
    let area = buf.area;
    let screen = || screen_text(buf);
    for y in 0..area.height {
        let mut x = 0u16;
        let mut total = 0usize;
        while x < area.width {
            let symbol = buf[(x, y)].symbol();
            let width = symbol.width();
            assert!(
                width >= 1 && x as usize + width <= area.width as usize,
                "{what}: cell ({x},{y}) holds {symbol:?} of width {width}\n{}",
                screen()
            );
            // What a wide character covers must be blank: a border or text
            // drawn there would never reach the terminal.
            for covered in x + 1..x + width as u16 {
                let hidden = buf[(covered, y)].symbol();
                assert!(
                    hidden == " ",
                    "{what}: {symbol:?} at ({x},{y}) covers {hidden:?} at ({covered},{y})\n{}",
                    screen()
                );
            }
            total += width;
            x += width as u16;
        }
        assert_eq!(
            total,
            area.width as usize,
            "{what}: row {y} is {total} columns wide on a terminal of {}\n{}",
            area.width,
            screen()
        );
    }
    let g = &app.geometry;
    if g.too_small || g.area != area {
        return;
    }
    for rect in boxes(app) {
        assert_box(buf, rect, what);
    }
    if app.overlay.is_none()
        && app.screen == depeche::reader::Screen::Reader
        && !(app.focus != Pane::Article && app.is_folded(app.focus))
    {
        let rect = g.article;
        if rect.width > 0 {
            let x = rect.right() - 1;
            for y in rect.top()..rect.bottom() {
                let symbol = buf[(x, y)].symbol();
                assert!(
                    matches!(symbol, " " | "║" | "█" | "│" | "▐" | "▌" | "┃"),
                    "{what}: article text in the scrollbar column at ({x},{y}): {symbol:?}\n{}",
                    screen()
                );
            }
        }
    }
}

/// The bordered boxes on screen: the overlay, or a folded pane shown over
/// the body, or the list panes.
pub fn boxes(app: &App) -> Vec<Rect> {
    let g = &app.geometry;
    if app.overlay.is_some()
        || app.screen == depeche::reader::Screen::Library
        || (app.focus != Pane::Article && app.is_folded(app.focus))
    {
        return vec![g.body];
    }
    [Pane::Sections, Pane::Quotes, Pane::Sources]
        .into_iter()
        .filter_map(|p| g.pane(p))
        .collect()
}

fn assert_box(buf: &Buffer, rect: Rect, what: &str) {
    if rect.width < 2 || rect.height < 2 {
        return;
    }
    let (left, right) = (rect.left(), rect.right() - 1);
    let (top, bottom) = (rect.top(), rect.bottom() - 1);
    let cell = |x: u16, y: u16| buf[(x, y)].symbol();
    let fail = |x: u16, y: u16, expected: &str| {
        panic!(
            "{what}: border of {rect:?} broken at ({x},{y}): {:?} instead of {expected:?}\n{}",
            cell(x, y),
            screen_text(buf)
        )
    };
    for (x, y, expected) in [
        (left, top, "┌"),
        (right, top, "┐"),
        (left, bottom, "└"),
        (right, bottom, "┘"),
    ] {
        if cell(x, y) != expected {
            fail(x, y, expected);
        }
    }
    for y in top + 1..bottom {
        for x in [left, right] {
            if cell(x, y) != "│" {
                fail(x, y, "│");
            }
        }
    }
    for x in left + 1..right {
        if cell(x, bottom) != "─" {
            fail(x, bottom, "─");
        }
    }
}
