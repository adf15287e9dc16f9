//! The loader: one test per kind of bad input, asserting the message, the
//! JSON path and (through the binary) the exit status; plus what a valid
//! corpus becomes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use depeche::corpus::model::{Block, Corpus, Platform, SourceKind};
use depeche::corpus::{self, DEFAULT_MAX_SIZE, LoadError};
use serde_json::{Value, json};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// A small valid corpus: one article, a lead paragraph, a headed section with a post.
fn valid() -> Value {
    json!({
        "format": "depeche-corpus",
        "version": 1,
        "articles": [{
            "id": "a",
            "title": "Titre",
            "language": "fr",
            "date": "2026-01-06",
            "sections": [
                {"id": "lead", "heading": null, "blocks": [
                    {"type": "paragraph", "text": "Une phrase.", "cites": ["macron"]}
                ]},
                {"id": "s2", "heading": "Deuxième", "blocks": [
                    {"type": "paragraph", "text": "Encore."},
                    {"type": "post", "id": "p1", "platform": "x", "author": "Auteur",
                     "handle": "@auteur", "date": "2025-12-31", "text": "Texte du post",
                     "url": "https://x.com/auteur/status/1", "links": ["https://t.co/abc"],
                     "cites": ["macron", "compte"]}
                ]}
            ],
            "sources": [
                {"id": "macron", "kind": "person", "name": "Emmanuel Macron"},
                {"id": "compte", "kind": "account", "name": "Auteur", "url": "https://x.com/auteur"}
            ]
        }]
    })
}

fn load_value(value: &Value) -> Result<Corpus, LoadError> {
    corpus::load_bytes("corpus.json", value.to_string().as_bytes())
}

/// The error message for a corpus that must be refused.
fn refused(bytes: &[u8]) -> String {
    match corpus::load_bytes("corpus.json", bytes) {
        Ok(_) => panic!("loaded: {}", String::from_utf8_lossy(bytes)),
        Err(error) => error.to_string(),
    }
}

/// The message of a corpus refused after parsing, its validation problems
/// without their line and column: the tests of messages check paths and
/// words; where positions point is checked apart
/// (`every_problem_points_at_its_value`).
fn refused_value(value: &Value) -> String {
    let bytes = value.to_string();
    match corpus::load_bytes("corpus.json", bytes.as_bytes()) {
        Ok(_) => panic!("loaded: {bytes}"),
        Err(LoadError::Invalid {
            file,
            mut problems,
            more,
        }) => {
            for problem in &mut problems {
                problem.at = None;
            }
            LoadError::Invalid {
                file,
                problems,
                more,
            }
            .to_string()
        }
        Err(LoadError::UnsupportedVersion { file, found, .. }) => LoadError::UnsupportedVersion {
            file,
            found,
            at: None,
        }
        .to_string(),
        Err(error) => error.to_string(),
    }
}

/// `valid()` with `edit` applied.
fn edited(edit: impl FnOnce(&mut Value)) -> Value {
    let mut value = valid();
    edit(&mut value);
    value
}

fn depeche(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .output()
        .expect("run depeche")
}

/// Runs `depeche --check FILE` on `bytes`: exit status 2 and the message on stderr.
fn check_bytes(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.json");
    std::fs::write(&path, bytes).unwrap();
    let output = depeche(&["--check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("depeche: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn a_valid_corpus_becomes_the_model() {
    let corpus = load_value(&valid()).unwrap();
    let article = &corpus.articles[0];
    assert_eq!(article.sections.len(), 2);
    assert_eq!(article.sections[0].heading, None);
    let post = article.sections[1].blocks[1].as_post().unwrap();
    assert_eq!(
        post.handle.as_deref(),
        Some("auteur"),
        "one leading @ is stripped"
    );
    assert_eq!(post.platform, Platform::X);
    assert!(!post.truncated);
    assert_eq!(*post.cites, [0, 1]);
    assert_eq!(article.sources[1].kind, SourceKind::Account);
    assert_eq!(
        article.citations[0].len(),
        2,
        "macron is cited by two blocks"
    );
    assert_eq!(article.posts.len(), 1);
}

#[test]
fn the_sample_fixture_round_trips_through_check() {
    let path = fixture("corpora/valid/sample.json");
    let corpus = corpus::load_file(&path, DEFAULT_MAX_SIZE).unwrap();
    assert_eq!(
        corpus.articles[0].title,
        "Réunion de la “coalition des volontaires“ à Paris 🔴"
    );
    let output = depeche(&["--check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!(
            "{}: ok: 1 article, 2 sections, 3 paragraphs, 1 post, 4 sources\n",
            path.display()
        )
    );
}

#[test]
fn missing_file() {
    let error =
        corpus::load_file(Path::new("/nonexistent/corpus.json"), DEFAULT_MAX_SIZE).unwrap_err();
    assert_eq!(error.to_string(), "/nonexistent/corpus.json: no such file");
    let output = depeche(&["--dump", "/nonexistent/corpus.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "depeche: /nonexistent/corpus.json: no such file\n"
    );
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.json");
    std::fs::write(&path, valid().to_string()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        eprintln!("running as root: permissions are not enforced, nothing to test");
        return;
    }
    let error = corpus::load_file(&path, DEFAULT_MAX_SIZE).unwrap_err();
    assert!(matches!(error, LoadError::PermissionDenied { .. }));
    assert!(
        error
            .to_string()
            .ends_with("secret.json: cannot read the file: permission denied")
    );
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let error = corpus::load_file(dir.path(), DEFAULT_MAX_SIZE).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}: is a directory, expected a corpus JSON file",
            dir.path().display()
        )
    );
    let output = depeche(&[dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn empty_and_blank_files() {
    assert!(refused(b"").contains("corpus.json: the file is empty, expected a depeche corpus"));
    assert!(refused(b" \n\t\r\n").contains("corpus.json: the file holds only whitespace"));
    check_bytes(b"");
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let mut bytes = b"{\"format\": \"depeche-corpus\",\n \"ab".to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice(b"\": 1}");
    assert_eq!(
        refused(&bytes),
        "corpus.json:2:5: the file is not valid UTF-8: byte 0xFF at offset 33; a corpus must be UTF-8 text"
    );
    assert!(check_bytes(&bytes).contains("not valid UTF-8"));
}

#[test]
fn a_utf8_byte_order_mark() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(valid().to_string().as_bytes());
    assert_eq!(
        refused(&bytes),
        "corpus.json: the file starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without a BOM"
    );
}

#[test]
fn utf16_with_and_without_a_bom() {
    let text = valid().to_string();
    let little_endian: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let message = refused(&little_endian);
    assert!(
        message.contains("looks like UTF-16 (NUL bytes between its first characters)"),
        "{message}"
    );
    assert!(message.contains("iconv -f UTF-16 -t UTF-8"), "{message}");
    let mut with_bom = vec![0xFE, 0xFF];
    with_bom.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert!(
        refused(&with_bom).contains("looks like UTF-16 (it starts with a UTF-16 byte order mark)")
    );
    assert!(check_bytes(&with_bom).contains("UTF-16"));
}

#[test]
fn over_the_size_cap_names_the_cap_and_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    std::fs::write(&path, valid().to_string()).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    let error = corpus::load_file(&path, 100).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}: the file is {size} bytes, over the size cap of 100 bytes; \
             raise the cap with --max-size (e.g. --max-size 1GiB)",
            path.display()
        )
    );
    let output = depeche(&["--max-size", "100", "--dump", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("over the size cap of 100 bytes; raise the cap with --max-size"),
        "{stderr}"
    );
    // Exactly at the cap is fine.
    assert!(corpus::load_file(&path, size).is_ok());
    let output = depeche(&[
        "--max-size",
        &size.to_string(),
        "--check",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_bad_max_size_is_a_usage_error() {
    let output = depeche(&["--max-size", "12X", "--check", "x.json"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("\"12X\" is not a size"), "{stderr}");
}

#[test]
fn wrong_format_or_version() {
    assert_eq!(
        refused(br#"{"format": "something-else", "items": []}"#),
        "corpus.json:1:12: not a depeche corpus: \"format\" is \"something-else\", expected \"depeche-corpus\""
    );
    assert_eq!(
        refused_value(&edited(|v| v["version"] = json!(2))),
        "corpus.json: corpus version 2 is not supported, expected 1 (a newer depeche may read it)"
    );
    // A future version with other fields: the version is the news, not the fields.
    assert!(
        refused(br#"{"format": "depeche-corpus", "version": 3, "pages": []}"#)
            .contains("version 3")
    );
}

#[test]
fn zero_articles() {
    assert_eq!(
        refused_value(&edited(|v| v["articles"] = json!([]))),
        "corpus.json: articles: a corpus needs at least one article, found none"
    );
}

#[test]
fn empty_sections_and_blocks() {
    let message = refused_value(&edited(|v| {
        v["articles"][0]["sections"][1]["blocks"] = json!([]);
    }));
    assert_eq!(
        message,
        "corpus.json: articles[0].sections[1].blocks: a section needs at least one block, found none"
    );
    let message = refused_value(&edited(|v| v["articles"][0]["sections"] = json!([])));
    assert!(
        message
            .ends_with("articles[0].sections: an article needs at least one section, found none")
    );
}

#[test]
fn duplicate_ids_in_each_scope() {
    let message = refused_value(&edited(|v| {
        let article = v["articles"][0].clone();
        v["articles"].as_array_mut().unwrap().push(article);
        v["articles"][0]["sections"][1]["id"] = json!("lead");
        v["articles"][0]["sources"][1]["id"] = json!("macron");
        let post = v["articles"][0]["sections"][1]["blocks"][1].clone();
        v["articles"][0]["sections"][0]["blocks"]
            .as_array_mut()
            .unwrap()
            .push(post);
    }));
    for line in [
        "articles[0].sources[1].id: duplicate source id \"macron\" (already used by articles[0].sources[0]); ids must be unique",
        "articles[0].sections[1].id: duplicate section id \"lead\" (already used by articles[0].sections[0]); ids must be unique",
        "articles[0].sections[1].blocks[1].id: duplicate post id \"p1\" (already used by articles[0].sections[0].blocks[1]); ids must be unique",
        "articles[1].id: duplicate article id \"a\" (already used by articles[0]); ids must be unique",
    ] {
        assert!(message.contains(line), "{line}\nnot in\n{message}");
    }
}

#[test]
fn cites_must_name_a_source_of_the_article() {
    assert_eq!(
        refused_value(&edited(|v| {
            v["articles"][0]["sections"][1]["blocks"][1]["cites"] =
                json!(["compte", "nobody", "compte"]);
        })),
        "corpus.json: 2 problems:\n  \
         articles[0].sections[1].blocks[1].cites[1]: \"nobody\" names no source of this article (expected an id from articles[0].sources)\n  \
         articles[0].sections[1].blocks[1].cites[2]: \"compte\" is cited twice"
    );
}

#[test]
fn urls_must_be_absolute_http() {
    let message = refused_value(&edited(|v| {
        v["articles"][0]["sources"][1]["url"] = json!("javascript:alert(1)");
        v["articles"][0]["sections"][1]["blocks"][1]["url"] = json!("/relative/path");
        v["articles"][0]["sections"][1]["blocks"][1]["links"] =
            json!(["pic.twitter.com/LXSrvPWqzS"]);
    }));
    for line in [
        "articles[0].sources[1].url: \"javascript:alert(1)\" is not a URL: expected an absolute http(s) URL",
        "articles[0].sections[1].blocks[1].url: \"/relative/path\" is not a URL",
        "articles[0].sections[1].blocks[1].links[0]: \"pic.twitter.com/LXSrvPWqzS\" is not a URL",
    ] {
        assert!(message.contains(line), "{line}\nnot in\n{message}");
    }
}

#[test]
fn dates_must_parse() {
    let message = refused_value(&edited(|v| {
        v["articles"][0]["date"] = json!("6 janvier 2026");
        v["articles"][0]["sections"][1]["blocks"][1]["date"] = json!("2025-13-01");
    }));
    assert_eq!(
        message,
        "corpus.json: 2 problems:\n  \
         articles[0].date: \"6 janvier 2026\" is not a date (expected ISO 8601 \"2025-12-31\" or RFC 3339 \"2026-01-03T18:00:23+00:00\")\n  \
         articles[0].sections[1].blocks[1].date: \"2025-13-01\" is not a date (expected ISO 8601 \"2025-12-31\" or RFC 3339 \"2026-01-03T18:00:23+00:00\")"
    );
    // An RFC 3339 date-time is fine.
    let ok = edited(|v| {
        v["articles"][0]["sections"][1]["blocks"][1]["date"] = json!("2026-01-03T18:00:23+00:00")
    });
    assert!(load_value(&ok).is_ok());
}

#[test]
fn language_tags_must_look_like_bcp47() {
    assert_eq!(
        refused_value(&edited(|v| v["articles"][0]["language"] = json!("fr_FR"))),
        "corpus.json: articles[0].language: \"fr_FR\" is not a BCP 47 language tag (expected e.g. \"fr\", \"fr-FR\", \"uk\")"
    );
}

#[test]
fn empty_ids_titles_and_text() {
    let message = refused_value(&edited(|v| {
        v["articles"][0]["id"] = json!("");
        v["articles"][0]["title"] = json!("  ");
        v["articles"][0]["sections"][0]["blocks"][0]["text"] = json!("");
        v["articles"][0]["sections"][1]["blocks"][1]["author"] = json!("\u{1b}[31m\u{7}");
    }));
    for line in [
        "articles[0].id: is empty, expected some text",
        "articles[0].title: is empty, expected some text",
        "articles[0].sections[0].blocks[0].text: is empty, expected some text",
        "articles[0].sections[1].blocks[1].author: \"\\u{1b}[31m\\u{7}\" holds only control characters, expected some text",
    ] {
        assert!(message.contains(line), "{line}\nnot in\n{message}");
    }
}

#[test]
fn an_unknown_field_in_a_block_lists_the_expected_ones() {
    let text = serde_json::to_string_pretty(&edited(|v| {
        v["articles"][0]["sections"][1]["blocks"][1]["autor"] = json!("x");
    }))
    .unwrap();
    let message = refused(text.as_bytes());
    assert!(message.starts_with("corpus.json:"), "{message}");
    assert!(message.contains(
        ": articles[0].sections[1].blocks[1]: unknown field \"autor\", expected one of \"type\", \"id\", \
         \"platform\", \"author\", \"handle\", \"date\", \"title\", \"text\", \"truncated\", \"url\", \"links\", \
         \"ordered\", \"depth\", \"cells\", \"header\", \"cites\""
    ), "{message}");
    // The position points at the key in the pretty-printed file.
    let (line, _) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"autor\""))
        .unwrap();
    assert!(
        message.starts_with(&format!("corpus.json:{}:", line + 1)),
        "{message}"
    );
}

#[test]
fn an_unknown_field_at_the_top_level() {
    assert_eq!(
        refused_value(&edited(|v| v["artciles"] = json!([]))),
        "corpus.json:1:11: unknown field \"artciles\", expected one of \"format\", \"version\", \"articles\""
    );
}

#[test]
fn a_wrong_type_inside_a_block_keeps_its_path() {
    let message = refused_value(&edited(|v| {
        v["articles"][0]["sections"][1]["blocks"][1]["date"] = json!(20251231);
    }));
    assert!(
        message.contains(": articles[0].sections[1].blocks[1].date: invalid type: integer 20251231, expected a string"),
        "{message}"
    );
    let message = refused_value(&edited(|v| {
        v["articles"][0]["sections"][1]["blocks"][1]["platform"] = json!("myspace");
    }));
    assert!(message.contains(
        "articles[0].sections[1].blocks[1].platform: unknown variant \"myspace\", expected one of \"x\", \"bluesky\", \"telegram\", \"mastodon\", \"instagram\", \"tiktok\", \"facebook\", \"threads\", \"youtube\", \"vimeo\", \"other\""
    ), "{message}");
}

#[test]
fn fields_that_do_not_belong_to_the_block_type() {
    let message = refused_value(&edited(|v| {
        v["articles"][0]["sections"][0]["blocks"][0]["platform"] = json!("x");
        let post = &mut v["articles"][0]["sections"][1]["blocks"][1];
        post.as_object_mut().unwrap().remove("handle");
        post.as_object_mut().unwrap().remove("url");
    }));
    assert_eq!(
        message,
        "corpus.json: 2 problems:\n  \
         articles[0].sections[0].blocks[0].platform: a paragraph has no \"platform\" field (expected one of \"type\", \"text\", \"cites\")\n  \
         articles[0].sections[1].blocks[1]: missing field \"handle\" (a post needs it, or a \"url\" when the page did not include the post)"
    );
}

#[test]
fn validation_reports_every_problem_with_its_path() {
    let error = corpus::load_file(
        &fixture("corpora/invalid/many-problems.json"),
        DEFAULT_MAX_SIZE,
    )
    .unwrap_err();
    let LoadError::Invalid { problems, more, .. } = &error else {
        panic!("{error}");
    };
    assert_eq!(*more, 0);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "articles[0].title",
            "articles[0].language",
            "articles[0].sources[0].url",
            "articles[0].sources[1].id",
            "articles[0].sections[0].blocks[0].cites[1]",
            "articles[0].sections[0].blocks[1].author",
            "articles[0].sections[1].id",
            "articles[0].sections[1].blocks[0].date",
            "articles[0].sections[1].blocks[0].links[0]",
            "articles[0].sections[1].blocks[1]",
        ]
    );
    let message = error.to_string();
    assert!(
        message.contains("many-problems.json: 10 problems:\n  ")
            && message.contains("many-problems.json:7:16: articles[0].title: is empty"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 11);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let levels = 100_000;
    let deep = "[".repeat(levels) + &"]".repeat(levels);
    assert_eq!(
        refused(deep.as_bytes()),
        "corpus.json: the top level is an array, expected a depeche corpus (a JSON object with \"format\", \"version\" and \"articles\")"
    );
    let inside = format!(r#"{{"format": "depeche-corpus", "version": 1, "articles": {deep}}}"#);
    assert_eq!(
        refused(inside.as_bytes()),
        "corpus.json:1:56: articles[0]: invalid type: an array, expected an article object"
    );
    let unclosed = "{\"a\":".repeat(levels);
    assert!(refused(unclosed.as_bytes()).contains("invalid JSON: the file ends in the middle of"));
    check_bytes(inside.as_bytes());
}

#[test]
fn duplicate_keys_are_refused() {
    let text = r#"{"format": "depeche-corpus", "version": 1, "version": 1, "articles": []}"#;
    assert_eq!(
        refused(text.as_bytes()),
        "corpus.json:1:52: duplicate field \"version\""
    );
    let text = valid()
        .to_string()
        .replace("\"title\":", "\"title\":\"Un\",\"title\":");
    assert!(refused(text.as_bytes()).ends_with(": articles[0]: duplicate field \"title\""));
}

#[test]
fn a_top_level_array_or_scalar() {
    assert_eq!(
        refused(br#"[{"format": "depeche-corpus"}]"#),
        "corpus.json: the top level is an array, expected a depeche corpus (a JSON object with \"format\", \"version\" and \"articles\")"
    );
    assert!(refused(b"\"depeche-corpus\"").contains("the top level is a string"));
    assert!(refused(b"null").contains("the top level is null"));
    // Broken JSON is reported as such, even at the top level.
    assert_eq!(
        refused(b"[1,]"),
        "corpus.json:1:4: invalid JSON: expected value"
    );
}

#[test]
fn lone_surrogates() {
    let text = valid().to_string().replace("Titre", "Titre \\ud800");
    let message = refused(text.as_bytes());
    assert!(
        message.starts_with("corpus.json:1:")
            && message.contains(": invalid JSON in articles[0].title: ")
            && message.contains("hex escape"),
        "{message}"
    );
    let text = valid().to_string().replace("Titre", "Titre \\udc00 x");
    let message = refused(text.as_bytes());
    assert!(
        message.contains("invalid JSON in articles[0].title: lone leading surrogate in hex escape"),
        "{message}"
    );
}

#[test]
fn nan_is_not_json() {
    let text = r#"{"format": "depeche-corpus", "version": NaN, "articles": []}"#;
    assert_eq!(
        refused(text.as_bytes()),
        "corpus.json:1:41: invalid JSON in version: expected value"
    );
}

#[test]
fn trailing_data() {
    let text = valid().to_string() + "\n{}";
    assert_eq!(
        refused(text.as_bytes()),
        "corpus.json:2:1: invalid JSON: trailing characters after the corpus object"
    );
}

#[test]
fn syntax_errors_name_line_and_column() {
    let text = "{\n  \"format\": \"depeche-corpus\",\n  \"version\": 1\n  \"articles\": []\n}";
    assert_eq!(
        refused(text.as_bytes()),
        "corpus.json:4:3: invalid JSON: expected \",\" or \"}\""
    );
}

#[test]
fn file_names_and_keys_in_messages_are_escaped() {
    let error = corpus::load_bytes("evil\u{1b}]0;x\u{7}.json", b"").unwrap_err();
    assert_eq!(
        error.to_string(),
        "evil\\u{1b}]0;x\\u{7}.json: the file is empty, expected a depeche corpus (a JSON object with \"format\", \"version\" and \"articles\")"
    );
    let message = refused(b"{\"\\u001b[2J\\u202e\": 1}");
    assert!(
        message.contains("unknown field \"\\u{1b}[2J\\u{202e}\""),
        "{message}"
    );
    assert!(!message.contains('\u{1b}'));
}

/// Escape sequences, controls and bidi characters in every text field.
#[test]
fn hostile_text_is_sanitised_in_every_field() {
    let evil = "\u{1b}[31m\u{1b}]0;title\u{7}\u{9b}2J\u{202e}\u{2066}\u{0}\u{85}\u{7f}";
    let with = |text: &str| format!("{text}{evil}");
    let value = edited(|v| {
        let a = &mut v["articles"][0];
        a["id"] = json!(with("a"));
        a["title"] = json!(with("Titre"));
        a["notice"] = json!(with("Notice"));
        a["sections"][1]["heading"] = json!(with("Deuxième"));
        a["sections"][1]["id"] = json!(with("s2"));
        a["sections"][0]["blocks"][0]["text"] = json!(with("Une\r\nphrase\ttab"));
        let post = &mut a["sections"][1]["blocks"][1];
        post["author"] = json!(with("Auteur"));
        post["handle"] = json!(with("@auteur"));
        post["text"] = json!(with("Texte\u{2028}suite"));
        post["url"] = json!(with("https://x.com/auteur/status/1"));
        post["links"] = json!([with("https://t.co/abc")]);
        post["date"] = json!(with("2025-12-31"));
        post["id"] = json!(with("p1"));
        let source = &mut a["sources"][1];
        source["name"] = json!(with("Auteur"));
        source["description"] = json!(with("Un compte"));
        source["url"] = json!(with("https://x.com/auteur"));
    });
    let corpus = load_value(&value).unwrap();
    let article = &corpus.articles[0];
    assert_eq!(article.title, "Titre");
    assert_eq!(article.id, "a");
    assert_eq!(article.notice(), Some("Notice"));
    assert_eq!(article.sections[1].heading.as_deref(), Some("Deuxième"));
    let Block::Paragraph(paragraph) = &article.sections[0].blocks[0] else {
        panic!()
    };
    assert_eq!(paragraph.text, "Une\nphrase tab");
    let post = article.sections[1].blocks[1].as_post().unwrap();
    assert_eq!(post.author.as_deref(), Some("Auteur"));
    assert_eq!(post.handle.as_deref(), Some("auteur"));
    assert_eq!(post.text.as_deref(), Some("Texte\nsuite"));
    assert_eq!(post.url.as_deref(), Some("https://x.com/auteur/status/1"));
    assert_eq!(post.links, ["https://t.co/abc"]);
    assert_eq!(post.date.as_deref(), Some("2025-12-31"));
    assert_eq!(article.sources[1].name, "Auteur");
    assert_eq!(article.sources[1].description.as_deref(), Some("Un compte"));
    // The dump of it has no control character at all but newlines.
    let dump = depeche::cli::dump::dump(&corpus, 80);
    assert!(
        !dump.chars().any(|c| c.is_control() && c != '\n'),
        "{dump:?}"
    );
}

#[test]
fn problems_are_listed_up_to_the_limit_then_counted() {
    let value = edited(|v| {
        let block = json!({"type": "paragraph", "text": "x", "cites": ["nobody"]});
        v["articles"][0]["sections"][0]["blocks"] = json!(vec![block; corpus::MAX_PROBLEMS + 500]);
    });
    let error = load_value(&value).unwrap_err();
    let LoadError::Invalid { problems, more, .. } = &error else {
        panic!("{error}");
    };
    assert_eq!((problems.len(), *more), (corpus::MAX_PROBLEMS, 500));
    let message = error.to_string();
    assert!(
        message.starts_with("corpus.json: 1500 problems:\n"),
        "{}",
        &message[..80]
    );
    assert!(message.ends_with("\n  … and 500 more"));
}

#[test]
fn the_bundled_corpus_loads() {
    let corpus = corpus::load_bundled().unwrap();
    let article = &corpus.articles[0];
    assert_eq!(
        article.title,
        "Guerre en Ukraine : réunion de la “coalition des volontaires“ à Paris"
    );
    assert_eq!(article.sections.len(), 7);
    assert_eq!(article.posts.len(), 5);
}

#[test]
fn the_example_corpus_round_trips_through_check() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.json");
    let corpus = corpus::load_file(&path, DEFAULT_MAX_SIZE).unwrap();
    assert_eq!(corpus.articles.len(), 1);
    let output = depeche(&["--check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!(
            "{}: {}\n",
            path.display(),
            "ok: 1 article, 3 sections, 2 paragraphs, 3 list items, 1 quotation, 1 caption, 3 table rows, 1 block of code, 2 posts (1 not included in the page), 4 sources"
        )
    );
}

#[test]
fn check_of_the_data_directory_passes_and_skips_the_schema() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    let args: Vec<&str> = std::iter::once("--check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let output = depeche(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("corpus.schema.json: skipped: a JSON Schema, not a corpus\n"),
        "{stdout}"
    );
    assert_eq!(stdout.matches(": ok: ").count(), files.len() - 1);
    // Read as a corpus, the schema is refused with that reason.
    let error = corpus::load_file(&data.join("corpus.schema.json"), DEFAULT_MAX_SIZE).unwrap_err();
    assert!(matches!(error, LoadError::JsonSchema { .. }), "{error}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Edits of a valid corpus's bytes: (position, bytes to remove, bytes to insert).
    fn edits() -> impl Strategy<Value = Vec<(usize, usize, Vec<u8>)>> {
        let inserted = prop_oneof![
            prop::collection::vec(any::<u8>(), 0..4),
            prop::sample::select(vec![
                b"{".to_vec(),
                b"}".to_vec(),
                b"[".to_vec(),
                b"\"".to_vec(),
                b",".to_vec(),
                b"\\u".to_vec(),
                b"\\ud800".to_vec(),
                b"null".to_vec(),
                b"\x1b[31m".to_vec(),
            ]),
        ];
        prop::collection::vec((any::<usize>(), 0..4usize, inserted), 1..6)
    }

    proptest! {
        /// Whatever the damage, loading ends in a corpus or in a one-sentence-per-line
        /// message naming the file, with no control character; never a panic.
        #[test]
        fn damaged_corpora_load_or_are_refused_clearly(edits in edits()) {
            let mut bytes = serde_json::to_vec_pretty(&valid()).unwrap();
            for (position, removed, inserted) in edits {
                let at = position % (bytes.len() + 1);
                let end = (at + removed).min(bytes.len());
                bytes.splice(at..end, inserted);
            }
            match corpus::load_bytes("corpus.json", &bytes) {
                Ok(corpus) => {
                    for article in &corpus.articles {
                        for text in article.texts() {
                            let text = article.text(text).unwrap();
                            prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
                        }
                    }
                }
                Err(error) => {
                    let message = error.to_string();
                    prop_assert!(message.starts_with("corpus.json"), "{}", message);
                    prop_assert!(!message.chars().any(|c| c.is_control() && c != '\n'), "{:?}", message);
                }
            }
        }
    }
}

/// A value of a megabyte wherever one can be quoted back: every message stays
/// short, the value cut at 80 characters with `…`, its closing quote kept
/// (issue 11, items 8 and 12).
fn block(v: &mut Value) -> &mut Value {
    &mut v["articles"][0]["sections"][1]["blocks"][1]
}

#[test]
fn every_quoted_value_is_cut_in_messages() {
    let long = "k".repeat(1 << 20);
    let cut = format!("\"{}…\"", "k".repeat(80));
    let cases: Vec<(&str, Value)> = vec![
        (
            "an unknown key",
            edited(|v| block(v)[long.as_str()] = json!(1)),
        ),
        (
            "an unknown top-level key",
            edited(|v| v[long.as_str()] = json!(1)),
        ),
        (
            "an unknown platform",
            edited(|v| block(v)["platform"] = json!(long)),
        ),
        (
            "an unknown kind",
            edited(|v| v["articles"][0]["sources"][0]["kind"] = json!(long)),
        ),
        (
            "an unknown type",
            edited(|v| block(v)["type"] = json!(long)),
        ),
        (
            "an invalid type",
            edited(|v| block(v)["truncated"] = json!(long)),
        ),
        (
            "an invalid type in the header",
            edited(|v| v["version"] = json!(long)),
        ),
        ("a wrong format", edited(|v| v["format"] = json!(long))),
        (
            "an unknown cite",
            edited(|v| block(v)["cites"] = json!([long])),
        ),
        ("a bad date", edited(|v| block(v)["date"] = json!(long))),
        ("a bad URL", edited(|v| block(v)["url"] = json!(long))),
    ];
    for (what, value) in cases {
        let message = refused_value(&value);
        assert!(message.len() < 1000, "{what}: {} bytes", message.len());
        assert!(message.contains(&cut), "{what}: {message}");
    }
    // What the binary prints is as short.
    let bytes = edited(|v| block(v)[long.as_str()] = json!(1)).to_string();
    let stderr = check_bytes(bytes.as_bytes());
    assert!(stderr.len() < 1000 && stderr.contains(&cut), "{stderr}");
}

#[test]
fn a_cut_format_value_keeps_its_closing_quote() {
    let format = "f".repeat(200);
    let message = refused(format!(r#"{{"format": "{format}", "items": []}}"#).as_bytes());
    assert_eq!(
        message,
        format!(
            "corpus.json:1:12: not a depeche corpus: \"format\" is \"{}…\", expected \"depeche-corpus\"",
            "f".repeat(80)
        )
    );
}

#[test]
fn utf32_is_named_utf32() {
    let text = valid().to_string();
    let le: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    let be: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_be_bytes())
        .collect();
    for (what, bytes, evidence) in [
        (
            "LE with a BOM",
            [&[0xFF, 0xFE, 0, 0][..], &le].concat(),
            "byte order mark",
        ),
        (
            "BE with a BOM",
            [&[0, 0, 0xFE, 0xFF][..], &be].concat(),
            "byte order mark",
        ),
        ("LE", le.clone(), "three NUL bytes"),
        ("BE", be.clone(), "three NUL bytes"),
    ] {
        let message = refused(&bytes);
        assert!(message.contains("looks like UTF-32 ("), "{what}: {message}");
        assert!(message.contains(evidence), "{what}: {message}");
        assert!(
            message.contains("iconv -f UTF-32 -t UTF-8"),
            "{what}: {message}"
        );
        assert!(!message.contains("UTF-16"), "{what}: {message}");
    }
}

/// Runs depeche with `args`, killing it if it has not exited within a
/// minute (a wait, not a timing check): `None` if it hung.
fn depeche_or_hang(args: &[&str]) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run depeche");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Some(child.wait_with_output().unwrap())
}

/// A FIFO with no writer used to block `--check` forever (issue 11, item 7):
/// anything but a regular file is refused before a byte is read.
#[test]
#[cfg(unix)]
fn a_fifo_or_a_device_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let fifo = fifo.to_str().unwrap();
    for args in [
        vec!["--check", fifo],
        vec!["--dump", fifo],
        vec![fifo],
        vec!["--check", "/dev/null"],
    ] {
        let output = depeche_or_hang(&args).unwrap_or_else(|| panic!("{args:?} hung"));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        let what = if args.contains(&"/dev/null") {
            "is a device, not a file"
        } else {
            "is a named pipe (FIFO), not a file"
        };
        assert!(stderr.contains(what), "{args:?}: {stderr}");
        assert!(stderr.contains("as -"), "{args:?}: {stderr}");
    }
}

/// Standard input is read when asked for, with `-`, under the size cap.
#[test]
fn a_dash_reads_standard_input() {
    use std::io::Write;
    let run = |args: &[&str], input: &[u8]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let output = child.wait_with_output().unwrap();
        writer.join().unwrap();
        output
    };
    let corpus = valid().to_string();
    let output = run(&["--check", "-"], corpus.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("-: ok: 1 article")
    );
    let output = run(&["--max-size", "100", "--check", "-"], corpus.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("<stdin>: the file is larger than that, over the size cap of 100 bytes"),
        "{stderr}"
    );
}

/// The JSON pointer of a validation path: `articles[0].title` → `/articles/0/title`.
fn pointer(path: &str) -> String {
    path.replace(['.', '['], "/")
        .replace(']', "")
        .split('/')
        .filter(|s| !s.is_empty())
        .fold(String::new(), |out, step| out + "/" + step)
}

#[test]
fn every_problem_points_at_its_value() {
    let value = edited(|v| {
        v["articles"][0]["title"] = json!("  ");
        v["articles"][0]["date"] = json!("6 janvier 2026");
        v["articles"][0]["sections"][1]["blocks"][1]["cites"] = json!(["nobody"]);
        let post = v["articles"][0]["sections"][1]["blocks"][1]
            .as_object_mut()
            .unwrap();
        // A post with no handle needs a URL: neither, a field is missing.
        post.remove("handle");
        post.remove("url");
    });
    let text = serde_json::to_string_pretty(&value).unwrap();
    let message = match corpus::load_bytes("corpus.json", text.as_bytes()) {
        Ok(_) => panic!("loaded"),
        Err(error) => error.to_string(),
    };
    let lines: Vec<&str> = text.lines().collect();
    let problems: Vec<&str> = message.lines().skip(1).collect();
    assert_eq!(problems.len(), 4, "{message}");
    for problem in problems {
        let rest = problem.trim_start().strip_prefix("corpus.json:").unwrap();
        let mut parts = rest.splitn(4, ':');
        let line: usize = parts.next().unwrap().parse().unwrap();
        let column: usize = parts.next().unwrap().parse().unwrap();
        let path = parts.next().unwrap().trim();
        let at: String = lines[line - 1].chars().skip(column - 1).collect();
        // The value at the path, or the object missing it.
        let mut pointer = pointer(path);
        let target = loop {
            if let Some(v) = value.pointer(&pointer) {
                break v;
            }
            pointer.truncate(pointer.rfind('/').unwrap());
        };
        let expected = match target {
            Value::Object(_) => "{".to_string(),
            Value::Array(_) => "[".to_string(),
            scalar => scalar.to_string(),
        };
        assert!(
            at.starts_with(&expected),
            "{problem}: {at:?} is not {expected:?}"
        );
    }
}
