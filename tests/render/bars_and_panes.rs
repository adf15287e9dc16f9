//! What the bars and panes show when room is short: card headers wrap and
//! lose nothing, whatever is cut ends in `…`, the status bar gives way in a
//! fixed order, a selected source tells its kind, description and URL.

use crate::common::corpora::{app_at, screen};
use depeche::corpus::model::Corpus;
use depeche::reader::sources::SourceRow;
use depeche::reader::{Action, App, Motion, Pane, PromptEdit};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn bundled() -> Corpus {
    depeche::corpus::load_bundled().expect("the bundled corpus loads")
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

fn buffer(app: &App) -> Buffer {
    let (w, h) = (app.geometry.area.width, app.geometry.area.height);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal
        .draw(|frame| depeche::ui::draw(frame, app))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Row `y` of the screen as text (a wide character once).
fn row(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol();
        out.push_str(symbol);
        x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
    }
    out
}

fn status_bar(app: &App) -> String {
    row(&buffer(app), app.geometry.status_bar.y)
}

/// The screen with its rows joined, borders, card bars and the scrollbar
/// left out (a text wrapped over rows reads whole).
fn joined(app: &App) -> String {
    let buf = buffer(app);
    let rows: Vec<String> = (0..buf.area.height).map(|y| row(&buf, y)).collect();
    let text = rows
        .join(" ")
        .replace(['│', '▌', '║', '█', '┌', '┐', '└', '┘', '─'], " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn card_headers_wrap_and_lose_nothing() {
    // 100×30 `}}}`: the Bluesky card's date whole, seconds included.
    let mut app = app_at(bundled(), 100, 30);
    press(
        &mut app,
        &[Action::NextPost, Action::NextPost, Action::NextPost],
    );
    let text = screen(&app);
    assert!(text.contains("fr-france.bsky.social"), "{text}");
    assert!(text.contains("2026-01-03T18:00:23+00:00"), "{text}");
    // 40 columns: the author whole, and the date.
    let mut app = app_at(bundled(), 40, 20);
    press(&mut app, &[Action::NextPost, Action::NextPost]);
    let text = joined(&app);
    for part in [
        "Volodymyr Zelenskyy / Володимир Зеленський",
        "@ZelenskyyUa",
        "2026-01-01",
    ] {
        assert!(text.contains(part), "{part} lost:\n{}", screen(&app));
    }
}

#[test]
fn quotes_entries_cut_end_in_an_ellipsis() {
    let app = app_at(bundled(), 120, 40);
    let buf = buffer(&app);
    let quotes = app.geometry.quotes.expect("Quotes shows at 120 columns");
    let right = quotes.right() - 2;
    for y in quotes.y + 1..quotes.bottom() - 1 {
        let last = buf[(right, y)].symbol();
        if last != " " {
            assert_eq!(last, "…", "row {y}: {}", row(&buf, y));
        }
    }
}

#[test]
fn the_status_bar_cuts_the_section_name_with_an_ellipsis() {
    let mut app = app_at(bundled(), 120, 40);
    press(&mut app, &[Action::NextSection]);
    let bar = status_bar(&app);
    let name = "Des efforts diplomatiques intenses avant la réunion de la coalition";
    assert!(
        bar.contains(name) || bar.contains('…'),
        "the name whole or cut with …: {bar:?}"
    );
    assert!(!bar.contains("coal?:help"), "{bar:?}");
}

#[test]
fn the_status_bar_keeps_position_and_count_when_narrow() {
    for width in [40, 30, 20] {
        let mut app = app_at(bundled(), width, 12);
        search_for(&mut app, "coalition des volontaires");
        let bar = status_bar(&app);
        let count = format!("1/{}", app.search.matches.len());
        assert!(bar.contains(&count), "{width}: {bar:?}");
        assert!(
            bar.contains(&format!("{}/", app.top + 1)),
            "{width}: {bar:?}"
        );
    }
}

#[test]
fn a_message_leaves_the_section_and_the_count_visible() {
    let mut app = app_at(bundled(), 120, 40);
    search_for(&mut app, "visio");
    app.update(Action::SearchNext);
    let bar = status_bar(&app);
    assert!(bar.contains("search wrapped"), "{bar:?}");
    assert!(bar.contains("1/1"), "{bar:?}");
    assert!(bar.contains("Réunis à Kiev"), "{bar:?}");
}

#[test]
fn a_selected_source_shows_its_kind_description_and_url() {
    let mut app = app_at(bundled(), 120, 40);
    app.update(Action::Focus(Pane::Sources));
    let article = app.article().clone();
    let huffpost = article.source_index("le-huffpost").unwrap();
    while app.sources.selected() != Some(SourceRow::Source(huffpost)) {
        app.update(Action::Move(Motion::LineDown));
    }
    let text = screen(&app);
    assert!(text.contains("outlet"), "{text}");
    assert!(text.contains("https://x.com/LeHuffPost"), "{text}");
    let zelensky = article.source_index("volodymyr-zelensky").unwrap();
    while app.sources.selected() != Some(SourceRow::Source(zelensky)) {
        app.update(Action::Move(Motion::LineUp));
    }
    let text = joined(&app);
    assert!(text.contains("person"), "{text}");
    assert!(text.contains("président ukrainien"), "{text}");
}

#[test]
fn the_help_says_how_case_is_matched() {
    let mut app = app_at(bundled(), 120, 40);
    app.update(Action::Help);
    let text = joined(&app);
    assert!(
        text.contains("an upper-case letter makes it case-sensitive"),
        "{text}"
    );
}
