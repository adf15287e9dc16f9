//! End to end: the real binary in a pseudo-terminal, driven with keys, signals and resizes,
//! and the terminal checked afterwards as a shell would find it.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::pty::Pty;

/// Words of the bundled article's title, shown in the title bar.
const TITLE_WORDS: &str = "Guerre en Ukraine";

/// Starts the reader on the bundled corpus and waits until it has taken over the terminal.
fn start(cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
    let pty = Pty::spawn(&[], env, cols, rows);
    pty.wait_until("the reader to take over the terminal", |screen| {
        screen.alternate_screen() && screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    assert!(!pty.canonical_mode(), "the reader runs in raw mode");
    pty
}

/// Starts the reader and waits for the article to be drawn.
fn start_reading(cols: u16, rows: u16) -> Pty {
    let pty = start(cols, rows, &[]);
    pty.wait_for(TITLE_WORDS);
    // The title comes first; the rest of the first frame may still be on its way.
    pty.wait_until_still(Duration::from_millis(300));
    pty
}

#[test]
fn q_quits_and_restores_the_terminal() {
    let mut pty = start_reading(120, 40);
    // The cursor is on the line being read, the article's first, at the
    // start of its text column (24 columns of Sections, a margin).
    pty.wait_until("the cursor on the line being read", |screen| {
        !screen.hide_cursor() && screen.cursor_position() == (1, 25)
    });
    pty.send(b"q");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let mut pty = start_reading(80, 24);
    pty.send(b"\x03");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();
}

#[test]
fn keys_move_through_the_article_and_open_help() {
    let mut pty = start_reading(120, 40);
    let top = pty.screen_text();

    pty.send(b"j");
    pty.wait_for_change(&top);
    let one_down = pty.screen_text();

    pty.send(b"G");
    pty.wait_for_change(&one_down);
    let bottom = pty.screen_text();

    pty.send(b"g");
    pty.wait_for_change(&bottom);
    pty.wait_for_screen("the top of the article again", &top);

    pty.send(b"?");
    pty.wait_for("Help — Esc, q or ? closes");
    let help = pty.wait_until_still(Duration::from_millis(300));
    assert!(
        help.contains("Ctrl-d"),
        "the help lists the keys, not only those of the status bar:\n{help}"
    );
    pty.send(b"\x1b");
    pty.wait_for_screen("the help to close", &top);

    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn the_mouse_wheel_scrolls_the_article() {
    let mut pty = start_reading(120, 40);
    let top = pty.screen_text();
    // SGR mouse reports (what crossterm asks the terminal for): wheel down, then up, at
    // column 50, row 10, over the article.
    pty.send(b"\x1b[<65;50;10M");
    pty.wait_for_change(&top);
    pty.send(b"\x1b[<64;50;10M");
    pty.wait_for_screen("the top again after wheeling back up", &top);
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn a_resize_storm_ends_on_the_screen_a_fresh_start_at_that_size_shows() {
    let mut fresh = start_reading(100, 30);
    let expected = fresh.screen_text();
    fresh.send(b"q");
    assert_eq!(fresh.wait_exit().exit_code(), 0);

    let mut pty = start_reading(120, 40);
    for (cols, rows) in [(80, 24), (1, 1), (7, 3), (500, 200), (50, 16), (3, 90)] {
        pty.resize(cols, rows);
    }
    pty.resize(100, 30);
    pty.wait_for_screen("the screen of a fresh start at 100×30", &expected);
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn hundreds_of_resizes_keep_the_paragraph_at_the_top() {
    let mut pty = start_reading(120, 40);
    // Down to the first line of a paragraph ("La “coalition des volontaires“, créée…"), so that
    // "the paragraph at the top" is not a blank line between two.
    pty.send(&[b'j'; 26]);
    let before = pty.wait_until_still(Duration::from_millis(500));
    let top_row = |screen: &str| {
        screen
            .lines()
            .nth(1)
            .unwrap_or_default()
            .trim_end()
            .to_string()
    };
    assert!(
        top_row(&before).contains("La “coalition des volontaires“, créée en mars dernier"),
        "scrolled to the paragraph:\n{before}"
    );
    for step in 0..300u16 {
        // Sizes from 1×1 to 500×200, no two neighbours alike.
        let cols = 1 + (step * 37) % 500;
        let rows = 1 + (step * 13) % 200;
        pty.resize(cols, rows);
    }
    pty.resize(120, 40);
    let expected = top_row(&before);
    pty.wait_until("the same paragraph at the top after the storm", |screen| {
        top_row(&screen.contents()) == expected
    });
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

/// A signal must not leave the shell in raw mode on the alternate screen.
fn assert_signal_restores(signal: &str, expected_status: u32) {
    let mut pty = start(80, 24, &[]);
    pty.signal(signal);
    let status = pty.wait_exit();
    assert_eq!(
        status.exit_code(),
        expected_status,
        "after SIG{signal}: {status:?}"
    );
    pty.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    assert_signal_restores("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    assert_signal_restores("HUP", 129);
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    assert_signal_restores("INT", 130);
}

/// Every signal whose default action ends the process (issue 11, item 10: SIGQUIT and SIGUSR1
/// left raw mode, the alternate screen, mouse reporting and a hidden cursor behind): the
/// terminal is restored and the exit status is 128 + the signal, for each, all at once.
#[test]
fn every_terminating_signal_restores_the_terminal() {
    // Started all at once, each signalled once its article is drawn.
    let mut readers: Vec<(i32, Pty)> = depeche::runtime::terminating_signals()
        .into_iter()
        .map(|signal| (signal, Pty::spawn(&[], &[], 60, 16)))
        .collect();
    for (signal, pty) in &readers {
        pty.wait_for(TITLE_WORDS);
        assert!(!pty.canonical_mode(), "the reader runs in raw mode");
        pty.signal(&signal.to_string());
    }
    for (signal, pty) in &mut readers {
        let status = pty.wait_exit();
        assert_eq!(
            status.exit_code(),
            128 + *signal as u32,
            "signal {signal}: {status:?}"
        );
        pty.assert_restored();
    }
}

/// The terminal goes away under the reader (its window closed, its ssh connection dropped): the
/// reader must exit, not spin. crossterm alone spins forever reading the dead terminal, and the
/// SIGHUP that usually comes with it can arrive after the spin began, or not at all: here the
/// reader runs in a session of its own (`setsid`), so no SIGHUP reaches it, and only the hang-up
/// itself can end it. `sh` ignores SIGHUP so that it survives to report the reader's status.
#[test]
fn a_terminal_that_hangs_up_ends_the_reader() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        "trap '' HUP; exec setsid --wait \"$0\"",
        env!("CARGO_BIN_EXE_depeche"),
    ]);
    command.env("TERM", "xterm-256color");
    // Never the real user's configuration.
    let config_home = tempfile::tempdir().expect("a configuration folder");
    command.env("XDG_CONFIG_HOME", config_home.path());
    command.env_remove("DEPECHE_CONFIG");
    // Its state in a directory of its own, never the real one.
    let data = tempfile::tempdir().unwrap();
    command.env("XDG_DATA_HOME", data.path());
    let mut child = pair.slave.spawn_command(command).expect("start depeche");
    drop(pair.slave);
    // Read until the reader has taken over the terminal, then let go of the reading end, so
    // that dropping the master below closes the terminal for good.
    let mut source = pair.master.try_clone_reader().expect("pty reader");
    let took_over = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buffer = [0u8; 4096];
        while let Ok(read @ 1..) = source.read(&mut buffer) {
            seen.extend_from_slice(&buffer[..read]);
            if seen.windows(8).any(|w| w == b"\x1b[?1049h") {
                return true;
            }
        }
        false
    });
    assert!(took_over.join().unwrap(), "the reader started");
    drop(pair.master);

    let deadline = std::time::Instant::now() + crate::common::pty::TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the reader kept running after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.exit_code(), 129, "exits as for a SIGHUP: {status:?}");
}

#[test]
fn a_panic_restores_the_terminal_and_says_where_to_report_it() {
    // Every build panics after the first frame when asked to (a test hook, see
    // `runtime::terminal::panic_for_tests`), so `cargo test --release --test e2e` checks a
    // release build's crash path as this checks the debug build's.
    let mut pty = Pty::spawn(&[], &[("DEPECHE_TEST_PANIC", "1")], 80, 24);
    let status = pty.wait_exit();
    // Too quick to catch on screen: check in the output that it did take over the terminal.
    assert!(
        pty.output().contains("\x1b[?1049h"),
        "the reader entered the alternate screen before crashing"
    );
    assert!(!status.success(), "a crash exits non-zero: {status:?}");
    pty.assert_restored();
    let screen = pty.screen_text();
    assert!(
        screen.contains("depeche crashed: DEPECHE_TEST_PANIC is set"),
        "the message is on the main screen:\n{screen}"
    );
    assert!(
        screen.contains("src/runtime/terminal.rs:"),
        "with the location:\n{screen}"
    );
    assert!(
        screen.contains(depeche::runtime::ISSUES_URL),
        "and where to report it:\n{screen}"
    );
    assert!(
        !pty.output().contains("panicked at"),
        "the default panic message is replaced"
    );
}

#[test]
fn stdout_not_a_terminal_prints_the_dump_without_escape_sequences() {
    let output = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("run depeche");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("the dump is UTF-8");
    assert!(
        text.contains(TITLE_WORDS),
        "the dump holds the article:\n{text}"
    );
    assert!(!text.contains('\x1b'), "no escape byte in the dump");
    assert!(output.stderr.is_empty(), "nothing on stderr");
}

/// stdout is a terminal, but the process has no controlling terminal to read keys from
/// (a new session, stdin from /dev/null, so /dev/tty cannot be opened): a clear error.
#[test]
fn no_terminal_to_read_keys_from_is_a_clear_error() {
    // A pty master is a terminal for `isatty`, and inherited (not opened) it does not become
    // the new session's controlling terminal.
    let Ok(ptmx) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/ptmx")
    else {
        eprintln!("skipped: /dev/ptmx is not available");
        return;
    };
    let output = Command::new("setsid")
        .arg("--wait")
        .arg(env!("CARGO_BIN_EXE_depeche"))
        .stdin(Stdio::null())
        .stdout(ptmx)
        .stderr(Stdio::piped())
        .output()
        .expect("run depeche under setsid");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "exits non-zero; stderr: {stderr}");
    assert_ne!(output.status.code(), Some(101), "no panic: {stderr}");
    assert!(
        stderr.contains("no terminal to run the reader in"),
        "says what is wrong: {stderr}"
    );
    assert!(
        stderr.contains("--dump"),
        "and what to do instead: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
