//! How the cost of each dimension of the input grows (docs/security.md,
//! "Cost"), counted, never timed: the work at n and at 4n, which must be
//! about four times as much (linear), not sixteen (quadratic).

use std::io;
use std::process::{Command, Stdio};

use depeche::cli::search;
use depeche::corpus::cost::{Work, measure};
use depeche::corpus::load_bytes;

use crate::common::shapes;

/// Asserts that `work(4n) / work(n)` is linear's 4, within a margin
/// (quadratic would be 16).
fn assert_linear(what: &str, n: usize, work: impl Fn(usize) -> u64) {
    let (small, large) = (work(n), work(4 * n));
    assert!(small > 0, "{what}: nothing counted");
    let ratio = large as f64 / small as f64;
    assert!(
        (3.0..=5.0).contains(&ratio),
        "{what}: {small} at n = {n}, {large} at 4n: ×{ratio:.1}, not linear"
    );
}

/// `--search a` over one paragraph of n one-letter words: n matches, each
/// line measured from the match outwards (issue 11, item 2: the whole
/// paragraph was measured for each match, 220 s for 40,000 words).
#[test]
fn search_output_is_linear_in_matches_in_one_paragraph() {
    assert_linear("graphemes measured", 4_000, |n| {
        let corpus = load_bytes("t.json", &shapes::one_letter_words(n)).unwrap();
        let (found, work) = measure(Work::SearchGraphemes, || {
            search::run(&corpus, "a", false, false, 80, &mut io::sink()).unwrap()
        });
        assert_eq!(found, Ok(n));
        work
    });
}

/// Issue 11, item 1: a 100 KB id was repeated on each of 4,000 lines (400 MB).
#[test]
fn search_labels_are_cut() {
    let corpus = load_bytes("t.json", &shapes::long_id(100_000)).unwrap();
    let mut out = Vec::new();
    let found = search::run(&corpus, "a", false, false, 80, &mut out).unwrap();
    assert_eq!(found, Ok(1000));
    let out = String::from_utf8(out).unwrap();
    for line in out.lines() {
        assert!(line.len() < 400, "{} bytes: {line:.200}", line.len());
        assert!(
            line.starts_with(&format!("{}…:", "i".repeat(search::LABEL - 1))),
            "{line:.200}"
        );
    }
    // What a line costs does not grow with the id.
    let work = |id: usize| {
        let corpus = load_bytes("t.json", &shapes::long_id(id)).unwrap();
        measure(Work::SearchGraphemes, || {
            search::run(&corpus, "a", false, false, 80, &mut io::sink()).unwrap()
        })
        .1
    };
    assert_eq!(work(25_000), work(100_000));
}

/// Issue 11, item 1: matches are written as found, and a closed pipe ends
/// the search quietly (`depeche --search a | head -1`).
#[test]
fn search_output_streams_and_a_closed_pipe_ends_it_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("words.json");
    std::fs::write(&path, shapes::one_letter_words(200_000)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["--search", "a", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    io::BufRead::read_line(
        &mut io::BufReader::new(child.stdout.as_mut().unwrap()),
        &mut first,
    )
    .unwrap();
    assert!(first.starts_with("a:7: §1 Intertitre › [a] a a"), "{first}");
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Issue 11, item 3: links were deduplicated with a linear search per link
/// (100,000 distinct URLs: 30 s before the first frame).
#[test]
fn finding_links_is_linear_in_links() {
    for (what, shape) in [
        (
            "URLs in a paragraph",
            shapes::links_in_a_paragraph as fn(usize) -> Vec<u8>,
        ),
        ("posts with a link each", shapes::posts_with_a_link),
    ] {
        assert_linear(what, 2_000, |n| {
            let corpus = load_bytes("t.json", &shape(n)).unwrap();
            let (links, work) = measure(Work::LinkLookups, || corpus.articles[0].links().len());
            assert_eq!(links, n, "{what}");
            work
        });
    }
}

/// Issue 11, item 4: a repeated cite was looked for with `Vec::contains`
/// (200,000 cites in a paragraph: 10 s).
#[test]
fn checking_cites_is_linear_in_cites() {
    assert_linear("cites looked up", 5_000, |n| {
        let bytes = shapes::cites(n);
        let (corpus, work) = measure(Work::CiteLookups, || load_bytes("t.json", &bytes).unwrap());
        assert_eq!(corpus.articles[0].citations.len(), n);
        work
    });
}
