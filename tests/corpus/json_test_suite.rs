//! JSONTestSuite (`../shared/testdata/JSONTestSuite`, MIT, Nicolas Seriot): none of
//! its files is a corpus, so every one is refused with a clear message and
//! nothing panics: `n_*` (invalid JSON), `i_*` (implementation-defined) and
//! `y_*` (valid JSON, but not a corpus).

use std::path::{Path, PathBuf};
use std::process::Command;

use depeche::corpus::{self, DEFAULT_MAX_SIZE};

/// The suite's files whose names start with `prefix`, or `None` (`test`
/// skipped, said in one line) without `../shared`.
fn suite(prefix: &str, test: &str) -> Option<Vec<PathBuf>> {
    let dir = crate::common::testdata::find("testdata/JSONTestSuite/test_parsing", test)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("JSONTestSuite fixtures")
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(prefix)
        })
        .collect();
    files.sort();
    Some(files)
}

/// The message, which must name the file and say what was expected or what is wrong.
fn refusal(path: &Path) -> String {
    let message = match corpus::load_file(path, DEFAULT_MAX_SIZE) {
        Ok(_) => panic!("{} loaded as a corpus", path.display()),
        Err(error) => error.to_string(),
    };
    let name = path.display().to_string();
    assert!(message.starts_with(&name), "{message}");
    assert!(!message.chars().any(|c| c.is_control()), "{message:?}");
    let clear = [
        "invalid JSON",
        "expected",
        "not valid UTF-8",
        "UTF-16",
        "byte order mark",
    ];
    assert!(clear.iter().any(|c| message.contains(c)), "{message}");
    message
}

#[test]
fn every_invalid_json_file_is_refused_as_invalid() {
    let Some(files) = suite("n_", "every_invalid_json_file_is_refused_as_invalid") else {
        return;
    };
    assert_eq!(files.len(), 188);
    for path in files {
        let message = refusal(&path);
        // Never mistaken for a wrongly shaped corpus: the JSON itself is wrong.
        let json_wrong = [
            "invalid JSON",
            "not valid UTF-8",
            "UTF-16",
            "byte order mark",
            "is empty",
            "only whitespace",
        ];
        assert!(json_wrong.iter().any(|w| message.contains(w)), "{message}");
    }
}

#[test]
fn every_implementation_defined_file_is_refused_clearly() {
    let Some(files) = suite("i_", "every_implementation_defined_file_is_refused_clearly") else {
        return;
    };
    assert_eq!(files.len(), 35);
    for path in files {
        refusal(&path);
    }
}

#[test]
fn every_valid_json_file_is_refused_as_not_a_corpus() {
    let Some(files) = suite("y_", "every_valid_json_file_is_refused_as_not_a_corpus") else {
        return;
    };
    assert_eq!(files.len(), 95);
    for path in files {
        let message = refusal(&path);
        assert!(message.contains("expected"), "{message}");
    }
}

#[test]
fn a_sample_through_the_binary_exits_2_with_the_message() {
    for name in [
        "n_structure_100000_opening_arrays.json",
        "n_structure_open_array_object.json",
        "n_string_invalid_utf8_after_escape.json",
        "n_object_missing_colon.json",
        "i_string_UTF-16LE_with_BOM.json",
        "y_object_duplicated_key.json",
    ] {
        let Some(mut files) = suite(name, "a_sample_through_the_binary_exits_2_with_the_message")
        else {
            return;
        };
        let path = files.pop().unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_depeche"))
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr, format!("depeche: {}\n", refusal(&path)), "{name}");
        assert!(output.stdout.is_empty());
    }
}
