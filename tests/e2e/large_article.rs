//! End to end with an article large enough to be laid out and indexed on worker threads (more
//! than the 1 MiB of text `runtime/mod.rs` offloads): the real binary in a pseudo-terminal shows the
//! beginning, goes to the end when the whole layout arrives, and searches once the index does.

use crate::common::pty::Pty;
use crate::common::shapes;
use depeche::corpus::generate::{Shape, scaled_bundled};

/// ×200: about 1.6 MB of text, past the offload threshold.
const SCALE: usize = 200;

#[test]
fn a_large_article_reads_ends_and_searches_with_its_work_offloaded() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("large.json");
    std::fs::write(&path, scaled_bundled(SCALE, Shape::OneArticle)).expect("write the corpus");
    let path = path.to_str().expect("a UTF-8 path");
    let mut pty = Pty::spawn(&[path], &[], 120, 40);
    pty.wait_for("Guerre en Ukraine");
    // The end: the last copy's heading, with the line count of the whole layout.
    pty.send(b"G");
    pty.wait_for(&format!("Suite {}", SCALE - 1));
    pty.wait_until("the whole layout", |screen| {
        let status = screen.contents();
        !status.contains("laying out") && status.contains("100%")
    });
    // A search typed at once: the index comes from a worker, then the count.
    pty.send(b"/coalition");
    pty.wait_until("the matches counted", |screen| {
        screen.contents().lines().last().is_some_and(|line| {
            // Eleven in each copy, one in the title, one in a source's name.
            line.contains("/coalition") && line.contains(&format!("/{}", 11 * SCALE + 2))
        })
    });
    pty.send(b"\r");
    pty.send(b"q");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();
}

/// Issue 11, item 3: an article of 100,000 links kept the screen blank for
/// 30 s before the first frame, `q` and Ctrl-c ignored. Links are found on a
/// worker now: the article shows and `q` quits (no clock: a pty wait).
#[test]
fn q_quits_an_article_of_a_hundred_thousand_links() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, bytes) in [
        ("urls.json", shapes::links_in_a_paragraph(100_000)),
        ("posts.json", shapes::posts_with_a_link(100_000)),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write the corpus");
        let mut pty = Pty::spawn(&[path.to_str().unwrap()], &[], 120, 40);
        pty.wait_for("Intertitre");
        pty.send(b"q");
        let status = pty.wait_exit();
        assert_eq!(status.exit_code(), 0, "{name}: {status:?}");
        pty.assert_restored();
    }
}

/// Issue 11, item 11: the reader's peak memory, once an article is shown
/// with its links found and laid out, beyond a tiny corpus's, under 4× the
/// file (a paragraph of nothing but distinct URLs, each a link of the
/// Sources pane: 16× before the links were made compact; posts of one short
/// line with a link each: 11× before, 3.9× now, a post being some 330 bytes
/// of model and 130 of layout for 140 of JSON; articles of one paragraph:
/// 17× before, docs/performance.md).
#[test]
#[cfg(target_os = "linux")]
fn the_reader_stays_under_four_times_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let peak = |name: &str, bytes: &[u8]| -> Option<u64> {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write the corpus");
        let mut pty = Pty::spawn(&[path.to_str().unwrap()], &[], 120, 40);
        pty.wait_for("Intertitre");
        // Links found, whole layout in: the screen settles.
        pty.wait_until("the layout", |s| !s.contents().contains("laying out"));
        pty.wait_until_still(std::time::Duration::from_millis(500));
        let peak = pty.peak_memory();
        pty.send(b"q");
        assert_eq!(pty.wait_exit().exit_code(), 0);
        peak
    };
    let Some(baseline) = peak("tiny.json", &shapes::one_letter_words(10)) else {
        eprintln!("skipped: no VmHWM in /proc");
        return;
    };
    for (what, bytes) in [
        ("one-letter words", shapes::one_letter_words(1_000_000)),
        ("U+FDFA", shapes::fdfa(400_000)),
        ("URLs", shapes::links_in_a_paragraph(40_000)),
        ("posts with a link", shapes::posts_with_a_link(20_000)),
        ("marks and joiners", shapes::marks_with_joiners(400_000)),
        ("articles of one paragraph", shapes::articles(10_000)),
    ] {
        let file = bytes.len() as u64;
        let beyond = peak("shape.json", &bytes).unwrap().saturating_sub(baseline);
        eprintln!(
            "{what}: {:.2}× the file beyond a tiny corpus",
            beyond as f64 / file as f64
        );
        assert!(
            beyond <= 4 * file + (2 << 20),
            "{what}: {beyond} bytes beyond a tiny corpus's {baseline}, {:.1}× the file's {file}",
            beyond as f64 / file as f64
        );
    }
}
