//! `--plain` (and `[layout] borders`): no box drawing, marks in ASCII, no
//! scrollbar; the panes in the same places.

use crate::common::robust::screen_text;
use crate::common::styled::draw_themed;
use depeche::reader::{Action, App, Borders, LayoutSettings, Options, Pane, Settings};
use depeche::ui::Theme;
use insta::assert_snapshot;

fn app(layout: LayoutSettings, width: u16, height: u16) -> App {
    let corpus = depeche::corpus::load_bundled().unwrap();
    let settings = Settings {
        layout,
        ..Settings::default()
    };
    let mut app = App::with_settings(corpus, Options { color: true }, settings);
    app.update(Action::Resize { width, height });
    app
}

/// Box drawing, block elements and the geometric marks of the Unicode set.
fn drawn_with_boxes(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| ('\u{2500}'..='\u{25ff}').contains(&c) || c == '•')
        .collect()
}

#[test]
fn plain_at_80x24() {
    let mut app = app(LayoutSettings::default().plain(), 80, 24);
    app.update(Action::NextPost);
    let (buffer, _, _) = draw_themed(&app, Theme::standard(true));
    let text = screen_text(&buffer);
    assert_eq!(drawn_with_boxes(&text), Vec::<char>::new(), "{text}");
    assert_snapshot!("plain_80x24", text);
}

#[test]
fn plain_shows_no_box_anywhere() {
    let steps: &[&[Action]] = &[
        &[],
        &[Action::Focus(Pane::Sections)],
        &[Action::Focus(Pane::Quotes), Action::NextPost],
        &[Action::Focus(Pane::Sources)],
        &[Action::Help],
        &[Action::ArticleList],
        &[Action::OpenLink],
    ];
    for (width, height) in [(120, 40), (80, 24), (40, 12)] {
        for actions in steps {
            let mut app = app(LayoutSettings::default().plain(), width, height);
            for action in *actions {
                app.update(action.clone());
            }
            let (buffer, _, _) = draw_themed(&app, Theme::standard(true));
            let text = screen_text(&buffer);
            assert_eq!(
                drawn_with_boxes(&text),
                Vec::<char>::new(),
                "{width}x{height} {actions:?}\n{text}"
            );
        }
    }
}

#[test]
fn every_kind_of_borders_takes_the_same_cells() {
    let text_of = |borders| {
        let layout = LayoutSettings {
            borders,
            ..LayoutSettings::default()
        };
        let app = app(layout, 120, 40);
        screen_text(&draw_themed(&app, Theme::standard(true)).0)
    };
    let plain = text_of(Borders::Plain);
    for borders in [Borders::Rounded, Borders::Ascii, Borders::None] {
        let other = text_of(borders);
        // Letters stay where they are: only the frames and marks differ.
        for (a, b) in plain.lines().zip(other.lines()) {
            let letters = |s: &str| -> Vec<(usize, char)> {
                s.chars()
                    .enumerate()
                    .filter(|(_, c)| c.is_alphanumeric())
                    .collect()
            };
            assert_eq!(letters(a), letters(b), "{borders:?}");
        }
    }
    assert!(text_of(Borders::Rounded).contains("╭ 1 Sections"));
    assert!(text_of(Borders::Ascii).contains("+ 1 Sections -"));
    assert!(text_of(Borders::None).contains("  1 Sections   "));
}

#[test]
fn the_library_plain_at_80x24() {
    use crate::library::{feeds, library_with, show_items};
    let settings = Settings {
        layout: LayoutSettings::default().plain(),
        ..Settings::default()
    };
    // The feeds, the failed one selected (its mark, and why, in ASCII).
    let mut app = library_with(settings.clone(), feeds(), 80, 24);
    for _ in 0..3 {
        app.update(Action::Move(depeche::reader::Motion::LineDown));
    }
    let text = screen_text(&draw_themed(&app, Theme::standard(true)).0);
    assert_eq!(drawn_with_boxes(&text), Vec::<char>::new(), "{text}");
    assert!(!text.contains('✗') && text.contains(" ! "), "{text}");
    assert_snapshot!("plain_library_feeds_80x24", text);
    // The items: unread marked *, never ●.
    let mut app = library_with(settings, feeds(), 80, 24);
    show_items(&mut app);
    let text = screen_text(&draw_themed(&app, Theme::standard(true)).0);
    assert_eq!(drawn_with_boxes(&text), Vec::<char>::new(), "{text}");
    assert!(!text.contains('●') && text.contains("* 2026-"), "{text}");
    assert_snapshot!("plain_library_items_80x24", text);
    for size in [(120, 40), (40, 12)] {
        app.update(Action::Resize {
            width: size.0,
            height: size.1,
        });
        let text = screen_text(&draw_themed(&app, Theme::standard(true)).0);
        assert_eq!(
            drawn_with_boxes(&text),
            Vec::<char>::new(),
            "{size:?}\n{text}"
        );
    }
}
