//! The command line through the binary: help, version, modes, exit statuses,
//! and output to a pipe free of escape sequences.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn sample() -> String {
    fixture("corpora/valid/sample.json").display().to_string()
}

/// Runs depeche with stdout and stderr piped (never a terminal).
fn depeche(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run depeche")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn help_lists_every_mode_and_option() {
    let output = depeche(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for option in [
        "[CORPUS]",
        "--dump",
        "--toc",
        "--check",
        "--search <QUERY>",
        "--regex",
        "--width <N>",
        "--max-size <SIZE>",
        "[default: 256MiB for a corpus, 64MiB for a page]",
        "--base-url <URL>",
        "import",
        "--color <WHEN>",
        "--version",
        "Exit status",
    ] {
        assert!(help.contains(option), "{option} missing from\n{help}");
    }
}

#[test]
fn version() {
    let output = depeche(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!("depeche {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn toc_numbers_sections_and_lists_posts() {
    let output = depeche(&["--toc", &sample()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "Réunion de la “coalition des volontaires“ à Paris 🔴\n  \
           1. Lead\n  \
           2. Réunis à Kyiv, l’Ukraine et ses alliés examinent le plan de paix\n     \
              — Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa) · X · 2026-01-01\n"
    );
}

#[test]
fn check_several_files_one_good_one_bad() {
    let bad = fixture("corpora/invalid/many-problems.json")
        .display()
        .to_string();
    let output = depeche(&["--check", &sample(), &bad]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout(&output),
        format!(
            "{}: ok: 1 article, 2 sections, 3 paragraphs, 1 post, 4 sources\n",
            sample()
        )
    );
    let errors = stderr(&output);
    assert!(
        errors.starts_with(&format!(
            "depeche: {bad}: 10 problems:\n  {bad}:7:16: articles[0].title: is empty"
        )),
        "{errors}"
    );
    assert_eq!(errors.lines().count(), 11);
    let output = depeche(&["--check", &sample(), &sample()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output).lines().count(), 2);
}

#[test]
fn dump_to_a_pipe_has_no_escape_sequences_even_from_a_hostile_corpus() {
    let hostile = fixture("corpora/valid/hostile.json").display().to_string();
    for args in [
        vec!["--dump", &hostile],
        vec![&hostile],
        vec!["--toc", &hostile],
        vec!["--color", "always", "--dump", &hostile],
    ] {
        let output = depeche(&args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        let text = stdout(&output);
        assert!(!output.stdout.contains(&0x1b), "{args:?}: {text:?}");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {text:?}"
        );
        assert!(
            !text.contains("[31m") && !text.contains("pwned") && !text.contains("ZXZpbA"),
            "{text}"
        );
        assert!(!text.contains(['\u{202e}', '\u{2066}']));
    }
}

#[test]
fn without_a_mode_a_pipe_gets_the_dump_at_80_columns() {
    let plain = depeche(&[&sample()]);
    assert_eq!(plain.status.code(), Some(0));
    let dump = depeche(&["--dump", "--width", "80", &sample()]);
    assert_eq!(stdout(&plain), stdout(&dump));
    assert!(
        stdout(&plain).lines().any(|l| l.chars().count() > 60),
        "wrapped at 80, not narrower"
    );
}

#[test]
fn width_is_checked() {
    let output = depeche(&["--dump", "--width", "5", &sample()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("invalid value '5' for '--width <N>': 5 is not in 20..=65535")
    );
    let output = depeche(&["--dump", "--width", "2000", &sample()]);
    assert_eq!(output.status.code(), Some(0));
    let output = depeche(&["--toc", "--width", "40", &sample()]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn only_check_takes_several_corpora() {
    let output = depeche(&["--dump", &sample(), &sample()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("only --check takes several corpora"));
    let output = depeche(&["--check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--check needs at least one CORPUS file"));
}

#[test]
fn modes_are_exclusive() {
    let output = depeche(&["--dump", "--toc", &sample()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot be used with"));
}

#[test]
fn search_without_a_match_exits_1() {
    let output = depeche(&["--search", "zzqxqzz-jamais-vu", &sample()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let output = depeche(&["--regex", &sample()]);
    assert_eq!(output.status.code(), Some(2), "--regex needs --search");
}

#[test]
fn a_bad_corpus_is_reported_before_any_terminal_use() {
    let bad = fixture("corpora/invalid/many-problems.json")
        .display()
        .to_string();
    for args in [
        vec![bad.as_str()],
        vec!["--dump", &bad],
        vec!["--toc", &bad],
        vec!["--search", "x", &bad],
    ] {
        let output = depeche(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        assert!(stderr(&output).starts_with(&format!("depeche: {bad}: 10 problems:")));
    }
}

#[test]
fn color_takes_auto_always_never() {
    for when in ["auto", "always", "never"] {
        assert_eq!(
            depeche(&["--color", when, "--toc", &sample()])
                .status
                .code(),
            Some(0)
        );
    }
    let output = depeche(&["--color", "sometimes", "--toc", &sample()]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn without_arguments_a_pipe_gets_the_bundled_article() {
    let output = depeche(&[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("Guerre en Ukraine : réunion de la “coalition des volontaires“ à Paris\n")
    );
    assert!(
        text.contains(
            "— FR #France (@fr-france.bsky.social) · Bluesky · 2026-01-03T18:00:23+00:00"
        )
    );
    assert!(!output.stdout.contains(&0x1b));
}

#[test]
fn regex_needs_a_query_whatever_the_mode() {
    for args in [
        vec!["--dump", "--regex"],
        vec!["--toc", "--regex"],
        vec!["--regex"],
    ] {
        let output = depeche(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?} is refused");
        assert!(stderr(&output).contains("--regex"), "{}", stderr(&output));
    }
}

#[test]
fn an_empty_query_is_refused_with_a_message() {
    for query in ["", "   "] {
        let output = depeche(&["--search", query, &sample()]);
        assert_eq!(output.status.code(), Some(2), "{query:?}");
        assert!(
            stderr(&output).contains("the query is empty"),
            "{query:?}: {}",
            stderr(&output)
        );
    }
}

/// `file:LINE:COLUMN:` at the start of `line` after `file`, as numbers.
fn line_column(line: &str, file: &str) -> Option<(usize, usize)> {
    let rest = line.split_once(&format!("{file}:"))?.1;
    let mut parts = rest.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    Some((line, column))
}

#[test]
fn content_problems_have_a_line_and_column() {
    let bad = fixture("corpora/invalid/many-problems.json")
        .display()
        .to_string();
    let output = depeche(&["--check", &bad]);
    let errors = stderr(&output);
    let problems: Vec<&str> = errors.lines().skip(1).collect();
    assert_eq!(problems.len(), 10, "{errors}");
    for problem in &problems {
        assert!(line_column(problem, &bad).is_some(), "{problem}");
    }
    // The empty title is on line 7 of the file, its value at column 16.
    assert!(
        problems[0].contains(&format!("{bad}:7:16: articles[0].title: is empty")),
        "{}",
        problems[0]
    );
}

#[test]
fn the_version_error_has_a_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.json");
    std::fs::write(
        &path,
        "{\n  \"format\": \"depeche-corpus\",\n  \"version\": 2,\n  \"articles\": {}\n}\n",
    )
    .unwrap();
    let name = path.display().to_string();
    let output = depeche(&["--check", &name]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(
        errors.contains(&format!("{name}:3:14: corpus version 2 is not supported")),
        "{errors}"
    );
}

#[test]
fn the_lead_has_one_name_everywhere() {
    let toc = stdout(&depeche(&["--toc", &sample()]));
    assert!(toc.contains("1. Lead\n"), "{toc}");
    assert!(!toc.contains("(lead)"));
    let found = stdout(&depeche(&["--search", "président", &sample()]));
    assert!(found.contains(": §1 Lead › "), "{found}");
    assert!(!found.contains("lead"), "{found}");
}

#[test]
fn a_pipe_gets_the_dump_at_the_width_columns_says() {
    let output = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["--dump", &sample()])
        .env("COLUMNS", "50")
        .output()
        .expect("run depeche");
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let widest = text
        .lines()
        .filter(|l| !l.contains("http"))
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap();
    assert!((45..=50).contains(&widest), "{widest}");
    // Nonsense in COLUMNS is ignored.
    let output = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["--dump", &sample()])
        .env("COLUMNS", "lots")
        .output()
        .expect("run depeche");
    assert_eq!(stdout(&output), stdout(&depeche(&["--dump", &sample()])));
}
