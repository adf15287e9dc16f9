//! End to end: search and links in the real binary, in a pseudo-terminal.

use std::time::Duration;

use crate::common::browser::FakeBrowser;

use crate::common::pty::Pty;
use base64::Engine;

fn start_reading(env: &[(&str, &str)]) -> Pty {
    let pty = Pty::spawn(&[], env, 120, 40);
    pty.wait_for("Guerre en Ukraine");
    pty
}

fn status_line(pty: &Pty) -> String {
    pty.screen_text().lines().nth(39).unwrap_or("").to_string()
}

#[test]
fn search_counts_walks_and_esc_returns() {
    let mut pty = start_reading(&[]);
    let before = pty.wait_until_still(Duration::from_millis(300));

    pty.send(b"/securite");
    pty.wait_for("1/13");
    // The prompt shows the query with the cursor after it (by width: "/" + 8).
    pty.wait_until("the cursor after the query", |screen| {
        !screen.hide_cursor() && screen.cursor_position() == (39, 9)
    });
    pty.send(b"\r");
    pty.wait_until("the kept search in the status line", |screen| {
        screen.contents().contains("/securite  1/13")
    });
    // The cursor leaves the prompt for the current match (a screen reader reads it).
    pty.wait_until("the cursor on the current match", |screen| {
        let (row, column) = screen.cursor_position();
        let at = screen.contents_between(row, column, row, column + 8);
        !screen.hide_cursor() && row < 39 && at.to_lowercase() == "sécurité"
    });
    pty.send(b"n");
    pty.wait_for("/securite  2/13");

    // A search with a wide character: the cursor counts its two columns.
    pty.send("/中".as_bytes());
    pty.wait_for("no match");
    pty.wait_until("the cursor after 中", |screen| {
        screen.cursor_position() == (39, 3)
    });
    pty.send(b"\x1b");
    pty.wait_for("/securite  2/13");

    // Esc outside the prompt clears the search.
    pty.send(b"\x1b");
    pty.wait_until("no search in the status line", |screen| {
        !screen.contents().contains("/securite")
    });
    pty.send(b"g");
    pty.wait_for_screen("the first screen again", &before);

    // Typing moves the article to the match; Esc in the prompt comes back.
    pty.send(b"/Witkoff");
    pty.wait_for("1/2");
    pty.wait_for("Steve Witkoff, a participé");
    pty.send(b"\x1b");
    pty.wait_for_screen("back where the search began", &before);

    pty.send(b"/coeur\r");
    pty.wait_for("/coeur  1/1");
    pty.wait_for("Le plan de paix abouti à 90");
    assert!(
        status_line(&pty).contains("Le plan de paix"),
        "the section being read"
    );

    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn y_copies_the_link_with_osc52() {
    let mut pty = start_reading(&[]);
    // The first screen shows the first post, whose link is the first on screen.
    let url = "https://pic.twitter.com/LXSrvPWqzS";
    pty.send(b"y");
    pty.wait_for(&format!("copied {url}"));
    let payload = base64::engine::general_purpose::STANDARD.encode(url);
    let sequence = format!("\x1b]52;c;{payload}\x07");
    assert!(
        pty.output().contains(&sequence),
        "the OSC 52 sequence {sequence:?} was written"
    );
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

#[test]
fn o_opens_the_link_with_browser() {
    let browser = FakeBrowser::new("'%s\\n' \"$1\"");
    let mut pty = start_reading(&[("BROWSER", browser.script.to_str().unwrap())]);
    // In Sources, the link source of the HuffPost's post.
    pty.send(b"4G");
    pty.wait_for("Links (5)");
    pty.send(b"k");
    pty.wait_until("the link source selected", |screen| {
        // The row showing it, in reverse video from its first letter.
        (1..39).any(|row| {
            // The row's text, and the column each byte of it comes from.
            let (mut text, mut columns) = (String::new(), Vec::new());
            for col in 0..120 {
                let contents = screen.cell(row, col).map_or("", |c| c.contents());
                columns.extend(std::iter::repeat_n(col, contents.len()));
                text.push_str(contents);
            }
            text.find("t.co/z3Gkjfs0IW")
                .is_some_and(|at| screen.cell(row, columns[at]).is_some_and(|c| c.inverse()))
        })
    });
    pty.send(b"o");
    let url = "https://t.co/z3Gkjfs0IW";
    pty.wait_for(&format!("opened {url}"));
    assert_eq!(
        browser.opened(crate::common::pty::TIMEOUT),
        Some(format!("{url}\n")),
        "the browser script ran with the link"
    );
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

#[test]
fn p_opens_at_the_first_match_and_line_at_the_line_search_prints() {
    let mut pty = Pty::spawn(&["-p", "Witkoff"], &[], 120, 40);
    pty.wait_for("Steve Witkoff, a participé");
    pty.wait_for("/Witkoff  1/2 in body");
    pty.send(b"n");
    pty.wait_for("/Witkoff  2/2 in source");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);

    // --search prints ID:LINE:, and --line LINE opens the reader there.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["--search", "mouture"])
        .output()
        .expect("run depeche");
    let found = String::from_utf8(output.stdout).unwrap();
    let line = found.split(':').nth(1).expect("ID:LINE:").to_string();
    let mut pty = Pty::spawn(&["--line", &line], &[], 120, 40);
    // The reader wraps at its own width: the dump's line starts on the top
    // row, and the match is on it or the next.
    pty.wait_until("the line at the top of the article", |screen| {
        let rows: Vec<String> = screen.contents().lines().map(str::to_string).collect();
        rows.len() > 2 && (rows[1].contains("mouture") || rows[2].contains("mouture"))
    });
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}
