//! The terminal's cursor sits on the focused item, so a screen reader or a
//! magnifier follows it: the selected row of each list, the line being read
//! in the article, the prompt while typing.

use crate::common::styled::draw_themed;
use depeche::reader::{Action, App, LayoutSettings, Options, Pane, PromptEdit, Settings};
use depeche::ui::Theme;
use ratatui::layout::Position;

fn app(width: u16, height: u16) -> App {
    let corpus = depeche::corpus::load_bundled().unwrap();
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize { width, height });
    app
}

/// The cursor as the terminal has it, `None` when hidden.
fn cursor(app: &App) -> Option<Position> {
    let (_, drawn, backend) = draw_themed(app, Theme::standard(true));
    let shown = backend.cursor_visible().then(|| backend.cursor_position());
    assert_eq!(shown, drawn.cursor, "the frame's cursor is the terminal's");
    shown
}

#[test]
fn the_cursor_is_on_the_selected_row_of_each_list() {
    for (width, height) in [(120, 40), (80, 24), (40, 12)] {
        for pane in [Pane::Sections, Pane::Quotes, Pane::Sources] {
            let mut app = app(width, height);
            app.update(Action::Focus(pane));
            for _ in 0..3 {
                app.update(Action::Move(depeche::reader::Motion::LineDown));
            }
            let list = app.list(pane).unwrap();
            let expected = Position::new(list.inner().x, list.row_of(list.selected));
            assert_eq!(cursor(&app), Some(expected), "{pane:?} at {width}x{height}");
            // And the row it is on is the selection (reversed).
            let (buffer, _, _) = draw_themed(&app, Theme::standard(true));
            assert!(
                buffer[(expected.x, expected.y)]
                    .modifier
                    .contains(ratatui::style::Modifier::REVERSED),
                "{pane:?} at {width}x{height}"
            );
        }
    }
}

#[test]
fn the_cursor_is_on_the_line_being_read_in_the_article() {
    let mut app = app(120, 40);
    let article = app.geometry.article;
    let top = cursor(&app).expect("shown");
    assert_eq!(top.y, article.y, "the top line");
    assert!(top.x > article.x && top.x < article.right());
    // A search: the current match.
    app.update(Action::Search);
    for c in "Zelensky".chars() {
        app.update(Action::Prompt(PromptEdit::Insert(c)));
    }
    // While typing, in the prompt after the query.
    assert_eq!(cursor(&app), Some(Position::new(9, 39)));
    app.update(Action::Prompt(PromptEdit::Commit));
    app.update(Action::SearchNext);
    let at = cursor(&app).expect("shown");
    let (buffer, _, _) = draw_themed(&app, Theme::standard(true));
    let word: String = (at.x..at.x + 8)
        .map(|x| buffer[(x, at.y)].symbol())
        .collect();
    assert_eq!(word, "Zelensky", "on the current match");
    // A jump: the heading landed on.
    app.update(Action::ClearSearch);
    app.update(Action::NextSection);
    let at = cursor(&app).expect("shown");
    let line = app.layout.section_starts[app.current_section()];
    assert_eq!(usize::from(at.y - article.y), line - app.top);
}

#[test]
fn the_cursor_is_on_the_overlays_row() {
    let mut app = app(80, 24);
    app.update(Action::Help);
    assert_eq!(
        cursor(&app),
        Some(Position::new(1, 2)),
        "the help's first row"
    );
    let corpus = depeche::corpus::model::Corpus {
        articles: vec![
            depeche::corpus::load_bundled().unwrap().articles.remove(0),
            crate::common::corpora::sample_article(),
        ],
    };
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::ArticleList);
    app.update(Action::Move(depeche::reader::Motion::LineDown));
    let list = &app.articles;
    assert_eq!(
        cursor(&app),
        Some(Position::new(list.inner().x, list.row_of(1)))
    );
}

#[test]
fn the_cursor_can_be_hidden() {
    let corpus = depeche::corpus::load_bundled().unwrap();
    let settings = Settings {
        layout: LayoutSettings {
            cursor: false,
            ..LayoutSettings::default()
        },
        ..Settings::default()
    };
    let mut app = App::with_settings(corpus, Options { color: true }, settings);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(cursor(&app), None);
    app.update(Action::Search);
    assert!(cursor(&app).is_some(), "the prompt keeps its cursor");
}

#[test]
fn the_cursor_is_on_the_selected_feed_and_item_of_the_library() {
    use crate::library::{feeds, library_with, show_items};
    use depeche::reader::Settings;
    for (width, height) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = library_with(Settings::default(), feeds(), width, height);
        for _ in 0..3 {
            app.update(Action::Move(depeche::reader::Motion::LineDown));
        }
        let (list, _) = app.library_list().unwrap();
        let on_feed = Position::new(list.inner().x, list.row_of(list.selected));
        assert_eq!(list.selected, 3);
        assert_eq!(cursor(&app), Some(on_feed), "feeds at {width}x{height}");

        let mut app = library_with(Settings::default(), feeds(), width, height);
        show_items(&mut app);
        let (list, _) = app.library_list().unwrap();
        let on_item = Position::new(list.inner().x, list.row_of(list.selected));
        assert_eq!(list.selected, 2);
        assert_eq!(cursor(&app), Some(on_item), "items at {width}x{height}");
        let (buffer, _, _) = draw_themed(&app, Theme::standard(true));
        assert!(
            buffer[(on_item.x, on_item.y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED),
            "the selected item at {width}x{height}"
        );
        // The help over the library: on its first row.
        app.update(Action::Help);
        let inner = app.help.inner();
        assert_eq!(cursor(&app), Some(Position::new(inner.x, inner.y)));
    }
}
