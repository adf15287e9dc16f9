//! The four presets on the same screen (styles included), the high-contrast
//! and light presets' contrast computed, and every state that colour shows
//! also shown by an attribute or a mark.

use crate::common::styled::{draw_themed, styled_text};
use depeche::reader::{Action, App, Options, Pane, Start};
use depeche::search::SearchMode;
use depeche::ui::{Preset, Role, Theme};
use insta::assert_snapshot;
use ratatui::style::{Color, Modifier, Style};

/// The bundled article at 120×40 with every role on screen: a search kept
/// (matches, the current one), Quotes focused (its selection, the other
/// panes' selections unfocused), the section being read, links, cards.
fn everything_shown() -> App {
    let corpus = depeche::corpus::load_bundled().unwrap();
    let mut app = App::new(corpus, Options { color: true });
    app.start_at(Start::Search("Macron".into(), SearchMode::Plain));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(Action::Focus(Pane::Quotes));
    app
}

#[test]
fn the_four_presets_at_120x40() {
    let app = everything_shown();
    for preset in Preset::ALL {
        let (buffer, _, _) = draw_themed(&app, Theme::preset(preset));
        assert_snapshot!(
            format!("preset_{}_120x40", preset.name()),
            styled_text(&buffer)
        );
    }
}

#[test]
fn the_dark_preset_is_the_reader_as_it_was() {
    let app = everything_shown();
    let (themed, _, _) = draw_themed(&app, Theme::preset(Preset::Dark));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let standard = terminal
        .draw(|frame| depeche::ui::draw(frame, &app))
        .unwrap()
        .buffer
        .clone();
    assert_eq!(themed, standard);
}

/// The colour the 256-colour palette's fixed part (16–255) and `#rrggbb`
/// stand for; `None` for the 16 colours each terminal sets its own way.
fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    match color {
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i @ 16..=231) => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let i = i - 16;
            Some((level(i / 36), level(i / 6 % 6), level(i % 6)))
        }
        Color::Indexed(i @ 232..=255) => {
            let v = 8 + 10 * (i - 232);
            Some((v, v, v))
        }
        _ => None,
    }
}

/// WCAG's relative luminance.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG's contrast ratio of two colours (1 to 21).
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every role's text against its background in `theme`, the text role's
/// colours (or `screen`'s, for a theme that leaves them to the terminal)
/// standing in where a role has none; reverse swaps them.
fn ratios(theme: Theme, screen: ((u8, u8, u8), (u8, u8, u8))) -> Vec<(Role, f64)> {
    let text = theme.text();
    let fore = text
        .fg
        .map_or(Some(screen.0), rgb)
        .expect("a known text colour");
    let back = text
        .bg
        .map_or(Some(screen.1), rgb)
        .expect("a known background");
    Role::ALL
        .into_iter()
        .map(|role| {
            let style = theme.get(role);
            let mut fg = style
                .fg
                .map_or(Some(fore), rgb)
                .unwrap_or_else(|| panic!("{role:?}: a colour of the terminal's own"));
            let mut bg = style
                .bg
                .map_or(Some(back), rgb)
                .unwrap_or_else(|| panic!("{role:?}: a colour of the terminal's own"));
            if style.add_modifier.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
            }
            assert!(
                !style.add_modifier.contains(Modifier::DIM),
                "{role:?}: dim makes the contrast the terminal's guess"
            );
            (role, contrast(fg, bg))
        })
        .collect()
}

#[test]
fn high_contrast_gives_every_role_wcag_aa() {
    assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    assert_eq!(rgb(Color::Indexed(226)), Some((255, 255, 0)));
    assert_eq!(rgb(Color::Indexed(24)), Some((0, 95, 135)));
    let theme = Theme::preset(Preset::HighContrast);
    // Its own background: the screen's colours do not matter.
    for (role, ratio) in ratios(theme, ((128, 128, 128), (128, 128, 128))) {
        assert!(ratio >= 4.5, "{role:?}: {ratio:.2}:1");
    }
}

#[test]
fn light_gives_every_role_wcag_aa_on_white() {
    let theme = Theme::preset(Preset::Light);
    for (role, ratio) in ratios(theme, ((0, 0, 0), (255, 255, 255))) {
        assert!(ratio >= 4.5, "{role:?}: {ratio:.2}:1");
    }
}

#[test]
fn every_state_shows_without_colour() {
    for preset in Preset::ALL {
        let theme = Theme::preset(preset).without_color();
        let attrs = |role| theme.get(role).add_modifier;
        let text = attrs(Role::Text);
        for state in [
            Role::Selection,
            Role::SelectionUnfocused,
            Role::Match,
            Role::CurrentMatch,
            Role::Current,
            Role::Link,
            Role::Flash,
        ] {
            assert_ne!(attrs(state), text, "{preset:?} {state:?}");
        }
        assert_ne!(attrs(Role::Match), attrs(Role::CurrentMatch), "{preset:?}");
        assert_ne!(
            attrs(Role::Selection),
            attrs(Role::SelectionUnfocused),
            "{preset:?}"
        );
        // Focus: the focused pane's title is reversed whatever the theme.
        assert!(
            theme
                .border_title(true)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert_eq!(theme.border_title(false), Style::new());
    }
}

#[test]
fn a_theme_with_a_background_paints_every_cell() {
    let app = everything_shown();
    let (buffer, _, _) = draw_themed(&app, Theme::preset(Preset::HighContrast));
    for cell in buffer.content() {
        assert_ne!(cell.bg, Color::Reset, "{cell:?}");
        assert_ne!(cell.fg, Color::Reset, "{cell:?}");
    }
    let (buffer, _, _) = draw_themed(&app, Theme::preset(Preset::Mono));
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
}

/// The row of `buffer` holding `text`: its index and its cells' text.
fn row_with(buffer: &ratatui::buffer::Buffer, text: &str) -> (u16, String) {
    (0..buffer.area.height)
        .map(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            (y, row)
        })
        .find(|(_, row)| row.contains(text))
        .unwrap_or_else(|| panic!("no row shows {text:?}"))
}

#[test]
fn the_library_in_the_four_presets_at_120x40() {
    use crate::library::{feeds, library_with, show_items};
    use depeche::reader::{Motion, Settings};
    let mut feed_list = library_with(Settings::default(), feeds(), 120, 40);
    feed_list.update(Action::Move(Motion::LineDown));
    let mut item_list = library_with(Settings::default(), feeds(), 120, 40);
    show_items(&mut item_list);
    for preset in Preset::ALL {
        for (what, app) in [("feeds", &feed_list), ("items", &item_list)] {
            let (buffer, _, _) = draw_themed(app, Theme::preset(preset));
            assert_snapshot!(
                format!("library_{what}_{}_120x40", preset.name()),
                styled_text(&buffer)
            );
        }
        // Without colour: unread is a mark and bold, read is neither, the
        // selection is reversed.
        let theme = Theme::preset(preset).without_color();
        let (buffer, _, _) = draw_themed(&item_list, theme);
        // Inside the frame, after the mark (2) and the date (12).
        let title_x = item_list.geometry.body.x + 1 + 14;
        for (title, unread, selected) in [
            ("Coalition des volontaires", true, false),
            ("Ukraine : ce que contiennent", false, false),
            ("L’hiver, les trains et nous", true, true),
            ("Nous devons défendre", false, false),
        ] {
            let (y, row) = row_with(&buffer, title);
            let cell = &buffer[(title_x, y)];
            assert_eq!(
                row.trim_start_matches('│').starts_with('●'),
                unread,
                "{preset:?}: {row}"
            );
            assert_eq!(
                cell.modifier.contains(Modifier::BOLD),
                unread,
                "{preset:?}: {title} bold"
            );
            assert_eq!(
                cell.modifier.contains(Modifier::REVERSED),
                selected,
                "{preset:?}: {title} selected"
            );
        }
        // A failed feed is marked, not only red.
        let (buffer, _, _) = draw_themed(&feed_list, theme);
        let (_, row) = row_with(&buffer, "Мeduza");
        assert!(row.contains('✗'), "{preset:?}: {row}");
    }
}
