//! Matching one text without an index, for `--search`: the text is folded
//! as it is read and a plain query is matched in the same pass (Knuth–Morris–
//! Pratt over the folded bytes), holding only the needle's length of state,
//! so memory does not grow with the text however much its folding expands
//! (U+FDFA folds to 18 characters). A regex runs as lazy DFAs over the text
//! folded the same way ([`super::stream_regex`]); only a pattern they cannot
//! run (a Unicode word boundary) gets an index of the one text
//! ([`SearchIndex::of_text`]), never of the article. The matches are
//! [`SearchIndex::find`]'s for that text, same ranges, same merging, same
//! order (tests compare them).

use std::ops::{ControlFlow, Range};

use super::fold::fold_char;
use super::index::SearchIndex;
use super::query::{Query, QueryKind};
use crate::corpus::model::TextRef;

/// Calls `found` with every match of `query` in `text` (byte ranges of
/// `text`, in order), until it breaks.
pub fn for_each_match(
    text: &str,
    query: &Query,
    mut found: impl FnMut(Range<usize>) -> ControlFlow<()>,
) {
    match &query.kind {
        QueryKind::Empty => {}
        QueryKind::Plain {
            needle,
            case_sensitive,
        } => plain(text, needle.as_bytes(), !case_sensitive, found),
        QueryKind::Regex(regex, stream) => {
            let from = match stream {
                Some(stream) => match stream.for_each_match(text, &mut found) {
                    Ok(()) => return,
                    Err(unsupported) => unsupported.from,
                },
                None => 0,
            };
            // Folded whole (a pattern the DFAs cannot run): `TextRef::Title`
            // stands for the one text, only ranges come out.
            let index = SearchIndex::of_text(TextRef::Title, text);
            index.regex_matches(regex, &mut |m| {
                if m.range.start < from {
                    ControlFlow::Continue(())
                } else {
                    found(m.range)
                }
            });
        }
    }
}

/// Knuth–Morris–Pratt over `text` folded one character at a time.
fn plain(
    text: &str,
    needle: &[u8],
    case_fold: bool,
    mut found: impl FnMut(Range<usize>) -> ControlFlow<()>,
) {
    let failure = failure_table(needle);
    // Where the character each of the last `needle.len()` folded bytes came from starts.
    let mut origin = vec![0usize; needle.len()];
    let mut folded = 0usize;
    let mut matched = 0usize;
    // The last match, not given out yet: what follows may extend it (marks
    // folding to nothing) or overlap it (`s` twice in `ß`).
    let mut pending: Option<Range<usize>> = None;
    let mut one = String::new();
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        one.clear();
        fold_char(c, case_fold, &mut one);
        if one.is_empty() {
            // Folds to nothing: right after a match, the match takes it in
            // (a highlight never cuts a letter from its accents).
            if let Some(last) = &mut pending
                && last.end == start
            {
                last.end = end;
            }
            continue;
        }
        for &byte in one.as_bytes() {
            origin[folded % needle.len()] = start;
            folded += 1;
            while matched > 0 && needle[matched] != byte {
                matched = failure[matched - 1];
            }
            if needle[matched] == byte {
                matched += 1;
            }
            if matched == needle.len() {
                // Non-overlapping, as `memmem`: the next match starts after this one.
                matched = 0;
                let range = origin[(folded - needle.len()) % needle.len()]..end;
                match &mut pending {
                    Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                    _ => {
                        if let Some(last) = pending.replace(range)
                            && found(last).is_break()
                        {
                            return;
                        }
                    }
                }
            }
        }
    }
    if let Some(last) = pending {
        let _ = found(last);
    }
}

/// For each prefix of `needle`, the length of its longest proper prefix
/// that is also a suffix.
fn failure_table(needle: &[u8]) -> Vec<usize> {
    let mut table = vec![0; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = table[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        table[i] = k;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchMode;
    use proptest::prelude::*;

    fn streamed(text: &str, query: &str, mode: SearchMode) -> Vec<Range<usize>> {
        let query = Query::new(query, mode).unwrap();
        let mut out = Vec::new();
        for_each_match(text, &query, |range| {
            out.push(range);
            ControlFlow::Continue(())
        });
        out
    }

    fn indexed(text: &str, query: &str, mode: SearchMode) -> Vec<Range<usize>> {
        SearchIndex::of_text(TextRef::Title, text)
            .find(query, mode)
            .unwrap()
            .into_iter()
            .map(|m| m.range)
            .collect()
    }

    #[test]
    fn folds_and_maps_back_like_the_index() {
        let text = "Sécurité, SÉCURITÉ et se\u{301}curite\u{301}\u{302} ; straße, cœur, ﷺ aaaa";
        for query in ["securite", "Sécurité", "s", "ss", "coeur", "aa", "صلى", "e"] {
            assert_eq!(
                streamed(text, query, SearchMode::Plain),
                indexed(text, query, SearchMode::Plain),
                "{query}"
            );
        }
        assert_eq!(
            streamed(text, "s[eé]c", SearchMode::Regex),
            indexed(text, "s[eé]c", SearchMode::Regex)
        );
    }

    #[test]
    fn a_stop_stops() {
        let query = Query::new("a", SearchMode::Plain).unwrap();
        let mut seen = 0;
        for_each_match(&"a ".repeat(100), &query, |_| {
            seen += 1;
            if seen == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(seen, 3);
    }

    fn text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("a".to_string()),
            Just("b".to_string()),
            Just("A".to_string()),
            Just("é".to_string()),
            Just("e\u{301}".to_string()),
            Just("\u{301}".to_string()),
            Just("\u{ad}".to_string()),
            Just("ß".to_string()),
            Just("œ".to_string()),
            Just("ﷺ".to_string()),
            Just("’".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    fn query() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof!["a", "b", "A", "e", "é", "s", "ss", "oe", "'", " ", "صلى"],
            1..4,
        )
        .prop_map(|v| v.concat())
    }

    fn pattern() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("a+".to_string()),
            Just("[ae]s?".to_string()),
            Just("e.".to_string()),
            Just("^a".to_string()),
            Just("s$".to_string()),
            Just("(?i)A|b".to_string()),
            Just("\\w+".to_string()),
            Just("a\\s*b".to_string()),
            // Empty matches, alternatives whose order matters, anchors,
            // what a fold expands to, what runs to the end.
            Just("a*".to_string()),
            Just("x*|b".to_string()),
            Just("b|ab|a".to_string()),
            Just("(?m)^\\s*$".to_string()),
            Just("s+".to_string()),
            Just("صلى ا".to_string()),
            Just("[^a]+".to_string()),
            Just("e$|a".to_string()),
            Just(".".to_string()),
            Just("\\B".to_string()),
            Just("\\ba".to_string()),
            Just("(?-u:\\b)a".to_string()),
        ]
    }

    /// Patterns made of pieces: atoms, quantified, alternated.
    fn made_pattern() -> impl Strategy<Value = String> {
        let atom = prop_oneof![
            Just("a"),
            Just("b"),
            Just("e"),
            Just("s"),
            Just("."),
            Just("\\s"),
            Just("\\w"),
            Just("[^a ]"),
            Just("^"),
            Just("$"),
            Just("ل"),
            Just(" "),
            Just("(?-u:\\b)"),
        ];
        let piece = (
            atom,
            prop_oneof![
                Just(""),
                Just("*"),
                Just("+"),
                Just("?"),
                Just("*?"),
                Just("{2}")
            ],
        )
            .prop_map(|(a, q)| {
                if a == "^" || a == "$" || a.starts_with("(?") {
                    a.to_string()
                } else {
                    format!("{a}{q}")
                }
            });
        let branch = prop::collection::vec(piece, 1..4).prop_map(|v| v.concat());
        prop::collection::vec(branch, 1..3).prop_map(|v| v.join("|"))
    }

    proptest! {
        #[test]
        fn made_patterns_stream_as_the_index_finds_them(text in text(), pattern in made_pattern()) {
            prop_assert_eq!(
                streamed(&text, &pattern, SearchMode::Regex),
                indexed(&text, &pattern, SearchMode::Regex)
            );
        }

        #[test]
        fn the_stream_finds_what_the_index_finds(text in text(), query in query()) {
            prop_assert_eq!(
                streamed(&text, &query, SearchMode::Plain),
                indexed(&text, &query, SearchMode::Plain)
            );
        }

        #[test]
        fn regex_matches_stream_as_the_index_finds_them(text in text(), pattern in pattern()) {
            prop_assert_eq!(
                streamed(&text, &pattern, SearchMode::Regex),
                indexed(&text, &pattern, SearchMode::Regex)
            );
        }
    }
}
