//! Snapshots of the dump and the outline (review them by eye: they must read
//! like the article).

use std::path::Path;

use depeche::cli::{dump, toc};
use depeche::corpus::model::Corpus;
use depeche::corpus::{self, DEFAULT_MAX_SIZE};
use unicode_width::UnicodeWidthStr;

fn sample() -> Corpus {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpora/valid/sample.json");
    corpus::load_file(&path, DEFAULT_MAX_SIZE).unwrap()
}

fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        // URLs stand alone on their lines and are never broken; everything else fits.
        let url = ["Post: http", "Link: http", "http"]
            .iter()
            .any(|start| line.trim_start().starts_with(start));
        if !url {
            assert!(line.width() <= width, "{width}: {line:?}");
        }
    }
}

#[test]
fn sample_dump_at_40_columns() {
    let text = dump::dump(&sample(), 40);
    assert_fits(&text, 40);
    insta::assert_snapshot!(text);
}

#[test]
fn sample_dump_at_80_columns() {
    let text = dump::dump(&sample(), 80);
    assert_fits(&text, 80);
    insta::assert_snapshot!(text);
}

#[test]
fn sample_toc() {
    insta::assert_snapshot!(toc::toc(&sample()));
}

#[test]
fn bundled_dump_at_40_columns() {
    let text = dump::dump(&corpus::load_bundled().unwrap(), 40);
    assert_fits(&text, 40);
    insta::assert_snapshot!(text);
}

#[test]
fn bundled_dump_at_80_columns() {
    let text = dump::dump(&corpus::load_bundled().unwrap(), 80);
    assert_fits(&text, 80);
    insta::assert_snapshot!(text);
}

#[test]
fn bundled_toc() {
    insta::assert_snapshot!(toc::toc(&corpus::load_bundled().unwrap()));
}
