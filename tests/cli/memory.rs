//! Peak memory of each mode against the size of the file (issue 11, item
//! 11: `--dump` of a 52 MB paragraph peaked at 12.8× the file, `--search`
//! over U+FDFA at 27×): the binary runs as a child, its peak resident set
//! is read from `wait4`, and what it takes beyond a run on a tiny corpus
//! must stay under 4× the file. Output goes to /dev/null.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::shapes;

/// Runs depeche with `args` and returns its exit code and peak resident set (bytes).
fn peak_memory(args: &[&str]) -> (i32, u64) {
    let child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run depeche");
    let pid = i32::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: `rusage` is plain data; `wait4` reaps the child this test started (std
    // never waits for it: the `Child` is forgotten).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    assert_eq!(reaped, pid, "wait4");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // Linux gives ru_maxrss in KiB.
    (code, u64::try_from(usage.ru_maxrss).unwrap() * 1024)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

/// Every mode over every shape: peak memory beyond a tiny corpus's under 4× the file.
/// (Few matches where a match is slow to print in a debug build: what a match
/// costs is the scaling tests' business; here it is what is held.)
#[test]
#[cfg(target_os = "linux")]
fn every_mode_stays_under_four_times_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = write(dir.path(), "tiny.json", &shapes::one_letter_words(10));
    let modes = |query: &'static str, pattern: &'static str| {
        vec![
            vec!["--check"],
            vec!["--dump"],
            vec!["--toc"],
            vec!["--search", query],
            vec!["--search", pattern, "--regex"],
        ]
    };
    type Modes = Vec<Vec<&'static str>>;
    let cases: Vec<(&str, Vec<u8>, Modes)> = vec![
        (
            "one-letter words",
            shapes::one_letter_words(40_000),
            modes("a", "[ae]"),
        ),
        ("a 100 KB id", shapes::long_id(100_000), modes("a", "a")),
        ("U+FDFA", shapes::fdfa(60_000), modes("x", "x")),
        (
            "URLs",
            shapes::links_in_a_paragraph(10_000),
            modes("e999", "e999"),
        ),
        (
            "marks and joiners",
            shapes::marks_with_joiners(100_000),
            modes("a", "a"),
        ),
        (
            "posts with a link",
            shapes::posts_with_a_link(20_000),
            modes("x", "e9[0-9]+"),
        ),
        ("cites", shapes::cites(40_000), modes("N", "N")),
        (
            "sections",
            shapes::sections(20_000),
            modes("mot", "mo[a-z]"),
        ),
        (
            "articles",
            shapes::articles(10_000),
            modes("mot", "mo[a-z]"),
        ),
    ];
    for (what, bytes, modes) in &cases {
        let path = write(dir.path(), "shape.json", bytes);
        for mode in modes {
            let (_, baseline) = peak_memory(&[mode.as_slice(), &[tiny.as_str()]].concat());
            let (code, peak) = peak_memory(&[mode.as_slice(), &[path.as_str()]].concat());
            assert!(code == 0 || code == 1, "{mode:?} on {what}: exit {code}");
            let file = bytes.len() as u64;
            let beyond = peak.saturating_sub(baseline);
            // Plus a megabyte: the allocator's own slack at this size.
            assert!(
                beyond <= 4 * file + (1 << 20),
                "{mode:?} on {what}: {beyond} bytes beyond a tiny corpus's {baseline}, \
                 {:.1}× the file's {file}",
                beyond as f64 / file as f64
            );
        }
    }
}
