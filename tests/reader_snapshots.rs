//! Whole-screen snapshots of the reader on `TestBackend`.

mod common;

use common::{app_at, sample_corpus, two_articles};
use depeche::app::{Action, App, Pane};
use depeche::model::Corpus;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> String {
    let (w, h) = (app.geometry.area.width, app.geometry.area.height);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal
        .draw(|frame| depeche::ui::draw(frame, app))
        .expect("draw");
    terminal.backend().to_string()
}

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

#[test]
fn start() {
    each_size(sample_corpus, "start", &[]);
}

#[test]
fn after_a_section_jump() {
    each_size(
        sample_corpus,
        "section_jump",
        &[Action::NextSection, Action::NextSection],
    );
}

#[test]
fn after_a_post_jump() {
    each_size(
        sample_corpus,
        "post_jump",
        &[Action::NextPost, Action::NextPost],
    );
}

#[test]
fn help_overlay() {
    each_size(sample_corpus, "help", &[Action::Help]);
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
