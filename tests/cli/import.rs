//! `depeche import PAGE... [-o FILE] [--base-url URL]`, and the other modes
//! given a web page: detection by content, the size cap while reading,
//! every error a message and exit status 2, an output file never clobbered.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn page(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name)
        .display()
        .to_string()
}

fn depeche(args: &[&str]) -> Output {
    depeche_with_stdin(args, b"")
}

fn depeche_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run depeche");
    // A write error is fine: depeche may stop reading at its cap.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().expect("depeche ends")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The files of a folder, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn import_writes_one_corpus_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("news.json");
    let output = depeche(&[
        "import",
        &page("kinds.html"),
        &page("coalition.html"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "", "the corpus goes to the file");
    assert!(
        stderr(&output).contains("wrote ") && stderr(&output).contains("2 articles"),
        "{}",
        stderr(&output)
    );
    // Only the corpus: the temporary file was renamed into place.
    assert_eq!(files(dir.path()), std::slice::from_ref(&out));
    let corpus: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let titles: Vec<&str> = corpus["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "The harbour bridge, two years of works in numbers",
            "Guerre en Ukraine : réunion de la “coalition des volontaires“ à Paris"
        ]
    );
    let check = depeche(&["--check", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stdout(&check).contains(
            ": ok: 2 articles, 11 sections, 19 paragraphs, 5 list items, 1 quotation, 1 caption, \
             4 table rows, 1 block of code, 8 posts (2 not included in the page), "
        ),
        "{}",
        stdout(&check)
    );
}

#[test]
fn import_writes_to_stdout_and_reads_stdin() {
    let html = std::fs::read(page("kinds.html")).unwrap();
    let output = depeche_with_stdin(&["import", "-"], &html);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let corpus: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(corpus["format"], "depeche-corpus");
    let blocks = corpus["articles"][0]["sections"][2]["blocks"]
        .as_array()
        .unwrap();
    let types: Vec<&str> = blocks.iter().map(|b| b["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "paragraph",
            "table-row",
            "table-row",
            "table-row",
            "table-row",
            "caption",
            "paragraph",
            "code"
        ]
    );
    assert_eq!(
        blocks[4]["cells"],
        serde_json::json!(["Total", "", "€21.5 m"]),
        "an empty cell keeps its column"
    );
}

#[test]
fn a_failed_import_writes_nothing_and_clobbers_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("news.json");
    std::fs::write(&out, "what was there").unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "").unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.json");
    let output = depeche(&[
        "import",
        &page("kinds.html"),
        &page("login.html"),
        empty.to_str().unwrap(),
        corpus.to_str().unwrap(),
        dir.path().to_str().unwrap(),
        "no-such-page.html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    for expected in [
        "login.html: no article found in the page: the title “Sign in”, 10 blocks of text, 19 words in all (88% in links), the longest block 8 words",
        "empty.html: the page is empty: no bytes at all",
        "example.json: not an HTML page: found JSON (a depeche corpus opens as is, without `import`)",
        ": not an HTML page: found a directory",
        "no-such-page.html: no such file",
        "depeche: nothing written",
    ] {
        assert!(err.contains(expected), "{expected}\nnot in\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "what was there");
    assert_eq!(files(dir.path()), [empty, out], "no temporary file left");
}

#[test]
fn base_url_resolves_relative_links_of_a_page_without_one() {
    let html = "<!DOCTYPE html><html lang=en><head><title>Quay works</title></head><body><article>\
        <h1>Quay works</h1>\
        <p>The quay will be closed for two weeks while the council repairs the stones, \
        as <a href=\"/notices/quay.html\">the notice</a> says, and the ferries will use the \
        north pier until the work is done.</p>\
        <p>Traders on the quay will be paid for the days they cannot open, the council added.</p>\
        </article></body></html>";
    let without = depeche_with_stdin(&["import", "-"], html.as_bytes());
    assert!(!stdout(&without).contains("notices/quay.html"));
    let with = depeche_with_stdin(
        &["import", "--base-url", "https://port.example/news/", "-"],
        html.as_bytes(),
    );
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    assert!(
        stdout(&with).contains("\"url\": \"https://port.example/notices/quay.html\""),
        "{}",
        stdout(&with)
    );
    let bad = depeche(&[
        "import",
        "--base-url",
        "javascript:alert(1)",
        &page("kinds.html"),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("is not an absolute http(s) URL"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn the_size_cap_applies_while_reading() {
    let output = depeche(&["import", "--max-size", "1K", &page("kinds.html")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "kinds.html: the file is 5336 bytes (5.2 KiB), over the size cap of 1024 bytes (1 KiB)"
        ),
        "{}",
        stderr(&output)
    );
    let html = std::fs::read(page("kinds.html")).unwrap();
    let output = depeche_with_stdin(&["import", "--max-size", "1K", "-"], &html);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "<stdin>: the file is larger than that, over the size cap of 1024 bytes (1 KiB)"
        ),
        "{}",
        stderr(&output)
    );
    for mode in ["--check", "--dump", "--toc"] {
        let output = depeche(&[mode, "--max-size", "1K", &page("kinds.html")]);
        assert_eq!(output.status.code(), Some(2), "{mode}");
        assert!(
            stderr(&output).contains("over the size cap"),
            "{mode}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn every_mode_takes_a_page() {
    let kinds = page("kinds.html");
    let check = depeche(&["--check", &kinds]);
    assert_eq!(check.status.code(), Some(0));
    assert!(
        stdout(&check).contains(": ok: an HTML page, imported: 1 article, 4 sections"),
        "{}",
        stdout(&check)
    );
    let toc = depeche(&["--toc", &kinds]);
    assert_eq!(
        stdout(&toc),
        "The harbour bridge, two years of works in numbers\n  \
           1. Lead\n  \
           2. What was rebuilt\n  \
           3. What it cost\n  \
           4. On the first morning\n     \
              — Harbour News (@harbournews) · X · 2026-03-14T08:54:46+00:00\n     \
              — X · 2026-03-14T09:17:44+00:00\n     \
              — The bridge reopens, filmed from the water · YouTube\n"
    );
    let dump = depeche(&["--dump", "--width", "60", &kinds]);
    let text = stdout(&dump);
    for expected in [
        "1. The deck was taken apart and rebuilt in steel, section by\n   section,",
        "\n  • the north tower first, over the winter;\n",
        "\n│ “It will stand for another hundred years,",
        "\nYear  | Works                 | Cost\n2024  | Deck and north tower  | €12.4 m\n",
        "\n  date        cars    bikes\n  2026-03-14  18204   3127\n",
        "\n> (post not included in the page)\n— X · 2026-03-14T09:17:44+00:00\n  Post: https://x.com/i/status/2032748000000000000\n",
    ] {
        assert!(text.contains(expected), "{expected:?}\nnot in\n{text}");
    }
    let search = depeche(&["--search", "north tower", &kinds]);
    assert_eq!(search.status.code(), Some(0));
    let found = stdout(&search);
    assert_eq!(
        found.lines().count(),
        2,
        "a list item and a table row: {found}"
    );
    let search = depeche(&["--search", "filmed from the water", &kinds]);
    assert!(
        stdout(&search).contains("YouTube"),
        "a video's title is searched: {}",
        stdout(&search)
    );
}

#[test]
fn what_it_is_comes_from_the_content_not_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let page_as_json = dir.path().join("page.json");
    std::fs::copy(page("kinds.html"), &page_as_json).unwrap();
    let corpus_as_html = dir.path().join("corpus.html");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.json"),
        &corpus_as_html,
    )
    .unwrap();
    let pdf = dir.path().join("article.html");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").unwrap();
    let output = depeche(&[
        "--check",
        page_as_json.to_str().unwrap(),
        corpus_as_html.to_str().unwrap(),
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let out = stdout(&output);
    assert!(
        out.contains("page.json: ok: an HTML page, imported: 1 article"),
        "{out}"
    );
    assert!(
        out.contains("corpus.html: ok: 1 article, 3 sections"),
        "{out}"
    );
    assert!(
        stderr(&output).contains(
            "article.html: neither a depeche corpus (JSON) nor an HTML page: found a PDF document"
        ),
        "{}",
        stderr(&output)
    );
}
