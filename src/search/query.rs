//! A query ready to run: plain text folded (smart-case), or a regex
//! compiled over the folded text.

use std::sync::Arc;

use super::fold::{self, fold_str};
use super::stream_regex::StreamRegex;

/// How the query is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchMode {
    /// Literal text (folded).
    #[default]
    Plain,
    /// A regular expression (`regex` crate syntax) over the folded text.
    Regex,
}

impl SearchMode {
    /// The other mode (what `Ctrl-r` in the prompt does).
    pub fn toggled(self) -> SearchMode {
        match self {
            SearchMode::Plain => SearchMode::Regex,
            SearchMode::Regex => SearchMode::Plain,
        }
    }
}

/// Cap on a compiled regex, so a pathological pattern fails instead of eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A query ready to run: folded, or compiled when it is a regex.
#[derive(Debug, Clone)]
pub struct Query {
    pub(super) kind: QueryKind,
}

#[derive(Debug, Clone)]
pub(super) enum QueryKind {
    /// Folds to nothing: no match.
    Empty,
    Plain {
        needle: String,
        case_sensitive: bool,
    },
    /// The regex, and its lazy DFAs to run over a text folded as it is
    /// read (`--search`), when they can run it.
    Regex(regex::Regex, Option<Arc<StreamRegex>>),
}

impl Query {
    /// Folds `query` (smart-case) or compiles it as a regex. `Err` carries an
    /// invalid or oversized regex's message, one line.
    pub fn new(query: &str, mode: SearchMode) -> Result<Query, String> {
        let kind = match mode {
            SearchMode::Plain => {
                let case_sensitive = fold::wants_case_sensitive(query);
                let needle = fold_str(query, !case_sensitive);
                if needle.is_empty() {
                    QueryKind::Empty
                } else {
                    QueryKind::Plain {
                        needle,
                        case_sensitive,
                    }
                }
            }
            SearchMode::Regex => {
                let folded = fold::fold_pattern(query);
                if folded.is_empty() {
                    QueryKind::Empty
                } else {
                    let case_insensitive = !fold::regex_wants_case_sensitive(query);
                    let regex = regex::RegexBuilder::new(&folded)
                        .case_insensitive(case_insensitive)
                        .multi_line(true)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .dfa_size_limit(REGEX_SIZE_LIMIT)
                        .build()
                        .map_err(regex_message)?;
                    let stream = StreamRegex::new(&folded, case_insensitive, REGEX_SIZE_LIMIT);
                    QueryKind::Regex(regex, stream.map(Arc::new))
                }
            }
        };
        Ok(Query { kind })
    }

    /// Characters of the folded needle of a plain query (`None` for a regex;
    /// 0 when it folds to nothing).
    pub fn plain_chars(&self) -> Option<usize> {
        match &self.kind {
            QueryKind::Empty => Some(0),
            QueryKind::Plain { needle, .. } => Some(needle.chars().count()),
            QueryKind::Regex(..) => None,
        }
    }
}

/// The last line of a regex error ("error: unclosed group"), as one line.
fn regex_message(err: regex::Error) -> String {
    match err {
        regex::Error::CompiledTooBig(_) => "regex too large".to_string(),
        other => {
            let text = other.to_string();
            let last = text.lines().last().unwrap_or("").trim();
            let reason = last.strip_prefix("error:").unwrap_or(last).trim();
            format!("invalid regex: {reason}")
        }
    }
}
