//! `--search` output: byte 0 chooses the mode (bit 0: regex, bit 1: colour),
//! byte 1 is the length of the query that follows (lossy UTF-8), the rest is
//! the corpus. Whatever loads is searched into memory, and the output must be
//! one line per match the index finds (the stream and the index agree), in
//! order, each line no longer than its labels and window allow beside the
//! match itself, with no control character but `\n` and the colour's own SGR.
#![no_main]

use depeche::cli::search;
use depeche::corpus::sanitize::MAX_CELL_BYTES;
use depeche::search::{SearchIndex, SearchMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [flags, length, rest @ ..] = data else {
        return;
    };
    let (query, corpus) = rest.split_at(usize::from(*length).min(rest.len()));
    let query = String::from_utf8_lossy(query);
    let (regex, color) = (flags & 1 != 0, flags & 2 != 0);
    let Ok(corpus) = depeche::corpus::load_bytes("fuzz.json", corpus) else {
        return;
    };
    let mode = if regex {
        SearchMode::Regex
    } else {
        SearchMode::Plain
    };
    let mut out = Vec::new();
    let found =
        search::run(&corpus, &query, regex, color, 80, &mut out).expect("writing to memory");
    let Ok(count) = found else {
        assert!(out.is_empty(), "output for an invalid regex");
        return;
    };
    let matches: Vec<_> = corpus
        .articles
        .iter()
        .flat_map(|article| {
            SearchIndex::build(article)
                .find(&query, mode)
                .expect("valid")
        })
        .collect();
    assert_eq!(count, matches.len(), "the stream and the index disagree");
    let out = String::from_utf8(out).expect("the output is UTF-8");
    let lines: Vec<&str> = out.split_terminator('\n').collect();
    assert_eq!(lines.len(), count, "one line per match");
    // Three labels and the window, each cell at most MAX_CELL_BYTES, separators and marks.
    let frame = (3 * search::LABEL + search::WINDOW + 40) * MAX_CELL_BYTES;
    for (line, m) in lines.iter().zip(&matches) {
        assert!(
            line.len() <= frame + m.range.len(),
            "a line of {} bytes",
            line.len()
        );
        let plain = line.replace("\x1b[1;31m", "").replace("\x1b[0m", "");
        assert!(
            !plain.chars().any(char::is_control),
            "a control character in {line:?}"
        );
    }
});
