//! An imported web page on screen: tests/fixtures/pages/kinds.html (a news
//! page with a list, a nested list, a quotation, a table in a figure with
//! its caption, preformatted text, an X embed, an X post and a video the
//! page did not include) and the acceptance page, at 120×40 and 80×24.

use std::path::Path;

use crate::common::corpora::{app_at, screen};
use crate::common::robust::{assert_sound, draw};
use depeche::corpus::model::Corpus;
use depeche::import::{OpenOptions, open_file};
use depeche::reader::{Action, Motion};
use insta::assert_snapshot;

fn page(name: &str) -> Corpus {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name);
    let opened = open_file(&path, &OpenOptions::default()).expect("the page imports");
    assert!(opened.page && opened.warnings.is_empty());
    opened.corpus
}

/// The screen after each of `steps`, at both sizes.
fn screens(name: &str, corpus: fn() -> Corpus, steps: &[(&str, &[Action])]) {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app_at(corpus(), w, h);
        for (step, actions) in steps {
            for action in *actions {
                app.update(action.clone());
            }
            assert_sound(&app, &draw(&app), &format!("{name} {step} {w}x{h}"));
            assert_snapshot!(format!("{name}_{step}_{w}x{h}"), screen(&app));
        }
    }
}

#[test]
fn a_page_with_every_kind_of_block() {
    screens(
        "kinds",
        || page("kinds.html"),
        &[
            ("start", &[]),
            // The list, the quotation, then the table and its caption.
            ("list", &[Action::NextSection]),
            ("table", &[Action::NextSection]),
            // The post cards: one with its text, one not included, a video.
            ("posts", &[Action::NextPost, Action::NextPost]),
            ("end", &[Action::Move(Motion::Bottom)]),
        ],
    );
}

#[test]
fn the_acceptance_page() {
    screens(
        "coalition_page",
        || page("coalition.html"),
        &[("start", &[]), ("first_post", &[Action::NextPost])],
    );
}
