//! End to end with an article large enough to be laid out and indexed on worker threads (more
//! than the 1 MiB of text `runtime/mod.rs` offloads): the real binary in a pseudo-terminal shows the
//! beginning, goes to the end when the whole layout arrives, and searches once the index does.

use crate::common::pty::Pty;
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
