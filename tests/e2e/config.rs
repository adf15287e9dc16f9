//! End to end: the configuration file in the real binary. Each test gives
//! the program a configuration folder of its own (never the user's).

use std::time::{Duration, Instant};

use crate::common::pty::Pty;

const TITLE_WORDS: &str = "Guerre en Ukraine";

/// A configuration folder holding `depeche/config.toml` with `text`.
fn config_home(text: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("a configuration folder");
    std::fs::create_dir_all(home.path().join("depeche")).unwrap();
    std::fs::write(home.path().join("depeche/config.toml"), text).unwrap();
    home
}

fn start(text: &str, args: &[&str], cols: u16, rows: u16) -> Pty {
    let pty = Pty::spawn_configured(args, &[], cols, rows, config_home(text));
    pty.wait_for(TITLE_WORDS);
    pty.wait_until_still(Duration::from_millis(300));
    pty
}

#[test]
fn a_rebound_key_works_and_the_help_shows_it() {
    let mut pty = start(
        "[keys.reader]\nsearch = \"s\"\nquit = \"x\"\n",
        &[],
        120,
        40,
    );
    let before = pty.screen_text();
    // / no longer searches; s does.
    pty.send(b"/");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(pty.screen_text(), before, "/ does nothing now");
    pty.send(b"sMacron");
    pty.wait_for("/Macron");
    pty.send(b"\x1b");
    pty.wait_until("the prompt closed", |screen| {
        !screen.contents().contains("/Macron")
    });
    // The status bar and the help say s.
    pty.wait_for("s:search");
    pty.send(b"?");
    pty.wait_until("the help with the new keys", |screen| {
        let text = screen.contents();
        text.lines()
            .any(|l| l.starts_with("│s ") && l.contains("search as you type"))
            && text
                .lines()
                .any(|l| l.starts_with("│x ") && l.contains("quit"))
    });
    pty.send(b"\x1b");
    pty.wait_for("x:quit");
    // q no longer quits; x does.
    pty.send(b"q");
    std::thread::sleep(Duration::from_millis(300));
    pty.send(b"x");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn a_bad_configuration_stops_before_the_terminal_is_touched() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.toml");
    std::fs::write(&bad, "[layout]\nborders = \"none\"\nscrolbar = false\n").unwrap();
    let bad = bad.to_str().unwrap().to_string();
    let mut pty = Pty::spawn(&[], &[("DEPECHE_CONFIG", &bad)], 80, 24);
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 2);
    let output = pty.output();
    assert!(
        output.contains(&format!("depeche: {bad}:3:1: unknown field `scrolbar`")),
        "{output:?}"
    );
    assert!(output.contains("`scrollbar`"), "{output:?}");
    assert!(
        !output.contains("\x1b[?1049h"),
        "never entered the alternate screen"
    );

    // --config names a file that is not there.
    let mut pty = Pty::spawn(&["--config", "/nonexistent/depeche.toml"], &[], 80, 24);
    assert_eq!(pty.wait_exit().exit_code(), 2);
    assert!(
        pty.output()
            .contains("depeche: /nonexistent/depeche.toml: cannot read the configuration")
    );
}

#[test]
fn plain_draws_no_box() {
    let mut pty = start("", &["--plain"], 80, 24);
    let text = pty.screen_text();
    let boxes: Vec<char> = text
        .chars()
        .filter(|&c| ('\u{2500}'..='\u{25ff}').contains(&c) || c == '•')
        .collect();
    assert!(boxes.is_empty(), "{boxes:?}\n{text}");
    pty.send(b"1");
    pty.wait_for(" 1 Sections ");
    let text = pty.screen_text();
    assert!(
        !text.contains('│') && !text.contains('┌') && text.contains(">"),
        "{text}"
    );
    pty.send(b"q\x03");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

#[test]
fn theme_auto_starts_in_a_terminal_that_does_not_answer() {
    // vt100 answers neither OSC 11 nor the device attributes query: the
    // reader must still start, dark, after the question's short timeout.
    let started = Instant::now();
    let mut pty = start("theme = \"auto\"\n", &[], 100, 30);
    eprintln!("first screen after {:?}", started.elapsed());
    let output = pty.output();
    assert!(output.contains("\x1b]11;?"), "the background was asked for");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn links_are_clickable_when_asked_and_never_when_not() {
    let mut pty = start("[links]\nosc8 = \"always\"\n", &[], 120, 40);
    pty.send(b"}");
    pty.wait_until_still(Duration::from_millis(300));
    let output = pty.output();
    // The first post's link: its id names the post (section 0, block 4), link 0.
    assert!(
        output.contains("\x1b]8;id=depeche-0-p0.4.0;https://pic.twitter.com/LXSrvPWqzS\x1b\\"),
        "{output:?}"
    );
    assert!(output.contains("\x1b]8;;\x1b\\"), "closed");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);

    let mut pty = start("[links]\nosc8 = \"never\"\n", &[], 120, 40);
    pty.send(b"}");
    pty.wait_until_still(Duration::from_millis(300));
    assert!(!pty.output().contains("\x1b]8;"));
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

/// Subscribes `data` to the loopback news site's feed and refreshes it.
fn subscribed(site: &crate::common::http::TestServer, data: &std::path::Path) {
    for args in [
        vec!["feeds", "add", &site.url(crate::common::news_site::FEED)],
        vec!["refresh"],
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
            .arg("--data-dir")
            .arg(data)
            .args(&args)
            .output()
            .expect("run depeche");
        assert!(output.status.success(), "{args:?}: {output:?}");
    }
}

#[test]
fn the_library_takes_its_rebound_keys_and_its_help_shows_them() {
    let site = crate::common::news_site::start();
    let data = tempfile::tempdir().unwrap();
    subscribed(&site, data.path());
    let refreshed = site.hits(crate::common::news_site::FEED);
    let dir = data.path().to_str().unwrap();
    let home = config_home(
        "[keys.library]\nrefresh-all = \"g\"\nnext-unread = [\"n\", \".\"]\nreading-back = \"left\"\n",
    );
    let mut pty = Pty::spawn_configured(&["--data-dir", dir, "library"], &[], 100, 30, home);
    pty.wait_for("4 unread");
    // The status bar names the keys in force.
    pty.wait_for("r/g:refresh");
    // R no longer refreshes every feed; g does.
    pty.send(b"R");
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(site.hits(crate::common::news_site::FEED), refreshed);
    pty.send(b"g");
    pty.wait_until("the feed fetched again", |_| {
        site.hits(crate::common::news_site::FEED) > refreshed
    });
    // n: to the feed with unread items, Enter its items, n the first unread.
    pty.send(b"n\r");
    pty.wait_for("Items  1/");
    pty.send(b"n");
    pty.wait_for("Items  2/");
    // The help, over the library, shows the new keys.
    pty.send(b"?");
    pty.wait_until("the help with the library's keys in force", |screen| {
        let text = screen.contents();
        text.lines()
            .any(|l| l.starts_with("│g ") && l.contains("refresh every feed"))
            && text
                .lines()
                .any(|l| l.starts_with("│n . ") && l.contains("next unread item"))
    });
    pty.send(b"q");
    pty.wait_for("Items  2/");
    // Reading an item, ← goes back to its list (q would too).
    pty.send(b"\r");
    pty.wait_for("←:back");
    pty.send(b"\x1b[D");
    pty.wait_for("Items  ");
    pty.send(b"qq");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn the_library_plain_and_the_configuration_apart_from_the_state() {
    let site = crate::common::news_site::start();
    let xdg = tempfile::tempdir().unwrap();
    let (config, data) = (xdg.path().join("config"), xdg.path().join("data"));
    std::fs::create_dir_all(config.join("depeche")).unwrap();
    std::fs::write(config.join("depeche/config.toml"), "theme = \"light\"\n").unwrap();
    let env = [
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
        ("XDG_DATA_HOME", data.to_str().unwrap()),
    ];
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["feeds", "add", &site.url(crate::common::news_site::FEED)])
        .envs(env)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    // `--plain` goes with the library too.
    let mut pty = Pty::spawn_configured(&["library", "--plain"], &env, 80, 24, config_home(""));
    pty.wait_for("Feeds — ");
    pty.wait_until_still(Duration::from_millis(300));
    let text = pty.screen_text();
    let boxes: Vec<char> = text
        .chars()
        .filter(|&c| ('\u{2500}'..='\u{25ff}').contains(&c))
        .collect();
    assert!(boxes.is_empty(), "{boxes:?}\n{text}");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    // The light theme was read from the configuration folder (its 256-colour
    // palette's dark blue for the focused frame), the state written in the
    // data folder, and neither in the other.
    assert!(pty.output().contains("38;5;25"), "the light theme");
    assert!(data.join("depeche/depeche.db").exists());
    let in_config: Vec<_> = walk(&config);
    assert_eq!(in_config, [config.join("depeche/config.toml")]);
    assert!(
        walk(&data)
            .iter()
            .all(|p| p.extension() != Some("toml".as_ref())),
        "{:?}",
        walk(&data)
    );
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}
