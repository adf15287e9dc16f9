//! Whole-screen snapshots of the reader on `TestBackend`.

use crate::common::corpora::{app_at, sample_corpus, screen, two_articles};
use depeche::corpus::model::Corpus;
use depeche::reader::{Action, App, Pane};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 4] = [(120, 40), (80, 24), (50, 16), (20, 6)];

fn each_size(corpus: impl Fn() -> Corpus, name: &str, steps: &[Action]) {
    for (w, h) in SIZES {
        let mut app = app_at(corpus(), w, h);
        for step in steps {
            app.update(step.clone());
        }
        assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    }
}

fn bundled() -> Corpus {
    depeche::corpus::load_bundled().expect("the bundled corpus loads")
}

#[test]
fn start() {
    each_size(bundled, "bundled_start", &[]);
    // The test article: CJK, Cyrillic, emoji, no-break spaces, a hard break.
    each_size(sample_corpus, "sample_start", &[]);
}

#[test]
fn after_a_section_jump() {
    each_size(
        bundled,
        "bundled_section_jump",
        &[Action::NextSection, Action::NextSection],
    );
}

#[test]
fn after_a_post_jump() {
    each_size(
        bundled,
        "bundled_post_jump",
        &[Action::NextPost, Action::NextPost],
    );
}

#[test]
fn help_overlay() {
    each_size(bundled, "bundled_help", &[Action::Help]);
}

#[test]
fn at_the_end_of_the_article() {
    each_size(
        bundled,
        "bundled_end",
        &[Action::Move(depeche::reader::Motion::Bottom)],
    );
}

#[test]
fn folded_pane_overlay_and_article_list() {
    let mut app = app_at(sample_corpus(), 50, 16);
    app.update(Action::Focus(Pane::Sources));
    assert_snapshot!("sources_overlay_50x16", screen(&app));
    let mut app = app_at(two_articles(), 80, 24);
    app.update(Action::ArticleList);
    assert_snapshot!("article_list_80x24", screen(&app));
}

#[test]
fn too_small() {
    for (w, h) in [(19, 6), (1, 1), (40, 3)] {
        let app = app_at(sample_corpus(), w, h);
        assert_snapshot!(format!("too_small_{w}x{h}"), screen(&app));
    }
    // TestBackend cannot print a 0×0 buffer; drawing into it must still work.
    let app = app_at(sample_corpus(), 0, 0);
    let mut terminal = Terminal::new(TestBackend::new(0, 0)).expect("test backend");
    terminal
        .draw(|frame| depeche::ui::draw(frame, &app))
        .expect("draw");
}

fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let (w, h) = (app.geometry.area.width, app.geometry.area.height);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal
        .draw(|frame| depeche::ui::draw(frame, app))
        .expect("draw");
    terminal.backend().buffer().clone()
}

#[test]
fn without_colour_focus_selection_and_jumps_still_show() {
    use ratatui::style::{Color, Modifier};
    let mut app = App::new(sample_corpus(), depeche::reader::Options { color: false });
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(Action::NextPost);
    app.update(Action::Focus(Pane::Quotes));
    let buf = buffer(&app);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    let quotes = app.geometry.quotes.unwrap();
    let selected_row = quotes.y + 1;
    assert!(
        buf[(quotes.x + 3, selected_row)]
            .modifier
            .contains(Modifier::REVERSED),
        "the selected post is reversed"
    );
    let flashed = app.geometry.article.y + 1;
    let x = app.geometry.article.x + 3;
    assert!(
        buf[(x, flashed)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD),
        "the jump target is marked"
    );
    assert!(
        buf[(quotes.x + 2, quotes.y)]
            .modifier
            .contains(Modifier::BOLD),
        "the focused pane's title is bold"
    );
    // With colour, the same screen has some.
    let coloured = app_at(sample_corpus(), 120, 40);
    assert!(
        buffer(&coloured)
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

#[test]
fn panes_never_write_over_their_borders() {
    for (w, h) in [(120, 40), (80, 24), (71, 12)] {
        let mut app = app_at(sample_corpus(), w, h);
        loop {
            let buf = buffer(&app);
            let g = app.geometry;
            for pane in [Pane::Sections, Pane::Quotes, Pane::Sources] {
                let Some(rect) = g.pane(pane) else { continue };
                for y in rect.y..rect.bottom() {
                    for x in [rect.x, rect.right() - 1] {
                        let symbol = buf[(x, y)].symbol();
                        assert!(
                            "│┌┐└┘".contains(symbol),
                            "{w}×{h} top {}: {pane:?} border at ({x},{y}) is {symbol:?}",
                            app.top
                        );
                    }
                }
            }
            if app.top >= app.max_top() {
                break;
            }
            app.update(Action::Move(depeche::reader::Motion::LineDown));
        }
    }
}

/// What the article pane shows on each row, the card bar left out, trimmed.
fn article_rows(app: &App) -> Vec<String> {
    let buffer = crate::common::robust::draw(app);
    let pane = app.geometry.article;
    (pane.top()..pane.bottom())
        .map(|y| {
            let row: String = (pane.left()..pane.right().saturating_sub(1))
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.trim().trim_start_matches(['│', '▌']).trim().to_string()
        })
        .collect()
}

#[test]
fn no_article_line_starts_with_the_punctuation_of_the_word_before() {
    // The reader breaks lines as the dump does: `? ! : ; » %` stay with the
    // word before them and `«` with the word after it, at every size these
    // went wrong (a lone `?` under the last paragraph, a card line `», mais…`).
    let bottom = Action::Move(depeche::reader::Motion::Bottom);
    let page_up = Action::Move(depeche::reader::Motion::PageUp);
    let cases: [(u16, u16, Vec<Action>); 3] = [
        (99, 30, vec![bottom.clone()]),
        (69, 40, vec![Action::NextPost; 4]),
        (40, 20, vec![bottom, page_up]),
    ];
    for (w, h, steps) in cases {
        let mut app = app_at(bundled(), w, h);
        for step in steps {
            app.update(step);
        }
        for row in article_rows(&app) {
            assert!(
                !row.starts_with(['?', '!', ':', ';', '»', '%']) && !row.ends_with('«'),
                "{w}x{h}: {row:?}"
            );
        }
    }
}
