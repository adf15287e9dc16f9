//! `depeche PAGE.html`: a web page opens in the reader, imported on the
//! way, its embedded posts as cards; a page that cannot be imported is a
//! message and exit status 2, before the terminal is touched.

use std::time::Duration;

use crate::common::pty::Pty;

#[test]
fn a_page_opens_in_the_reader_with_its_posts_as_cards() {
    let mut pty = Pty::spawn(&["tests/fixtures/pages/kinds.html"], &[], 120, 40);
    pty.wait_for("The harbour bridge, two years of works in numbers");
    pty.wait_until_still(Duration::from_millis(300));
    let screen = pty.screen_text();
    // The boilerplate around the article stays out.
    for furniture in ["We use cookies", "Subscribe", "Read also", "3 comments"] {
        assert!(!screen.contains(furniture), "{furniture}\n{screen}");
    }
    assert!(screen.contains("1. The deck was taken apart"), "{screen}");
    assert!(screen.contains("  • the north tower first"), "{screen}");
    // `}` reaches the first post: a card with its author, handle, platform and date.
    pty.send(b"}");
    pty.wait_for("▌ Harbour News @harbournews · X · 2026-03-14T08:54:46+00:00");
    pty.wait_for("│ The bridge is open again!");
    // The next ones: an X post and a video the page did not include.
    pty.send(b"}");
    pty.wait_for("│ post not included in the page — o opens it");
    pty.wait_for("│ video not included in the page — o opens it");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn a_page_without_an_article_is_an_error_before_the_terminal_is_touched() {
    let mut pty = Pty::spawn(&["tests/fixtures/pages/login.html"], &[], 80, 24);
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let output = pty.output();
    assert!(
        output.contains("login.html: no article found in the page: the title “Sign in”"),
        "{output}"
    );
    assert!(
        !output.contains("\x1b[?1049h"),
        "the alternate screen was entered"
    );
}
