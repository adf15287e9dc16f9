//! Why a corpus could not be loaded: [`LoadError`], one readable sentence
//! each (file, line:column of what is wrong, JSON path, what was expected),
//! and the validation [`Problem`]s it lists.

use std::fmt;

use super::format;
use super::sanitize;

/// What a corpus is, for messages that say what was expected instead.
pub(crate) const CORPUS_SHAPE: &str =
    "a depeche corpus (a JSON object with \"format\", \"version\" and \"articles\")";

/// `"value"` for a message: escaped and cut at [`sanitize::MESSAGE_CHARS`]
/// characters with `…`, the closing quote kept. Every value quoted in a
/// message goes through this or [`cut_quoted_values`].
pub(crate) fn quote(value: &str) -> String {
    format!("\"{}\"", sanitize::for_message(value))
}

/// A message made by someone else (serde) with the values it quotes cut:
/// a value between backticks (`` unknown field `…` ``) is quoted with
/// [`quote`] (numbers and booleans are shown bare, so `"5"` never looks like
/// a string); a value between double quotes (serde's `string "…"`, already
/// escaped the way `{:?}` escapes) is cut at [`sanitize::MESSAGE_CHARS`]
/// characters, an escape such as `\u{1b}` counting as one. The rest is escaped.
pub(crate) fn cut_quoted_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while let Some(i) = rest.find(['`', '"']) {
        out.push_str(&sanitize::escape(&rest[..i]));
        let body = &rest[i + 1..];
        if rest.as_bytes()[i] == b'`' {
            let end = body.find('`').unwrap_or(body.len());
            let value = &body[..end];
            let literal = value == "true" || value == "false" || value.parse::<f64>().is_ok();
            if literal {
                out.push_str(&sanitize::for_message(value));
            } else {
                out.push_str(&quote(value));
            }
            rest = body.get(end + 1..).unwrap_or("");
        } else {
            let (value, end) = debug_quoted(body);
            out.push('"');
            out.push_str(&cut_escaped(value));
            out.push('"');
            rest = body.get(end + 1..).unwrap_or("");
        }
    }
    out.push_str(&sanitize::escape(rest));
    out
}

/// The inside of a string quoted as `{:?}` quotes it, `body` starting after
/// the opening quote: the value and where its closing quote is (or the end).
fn debug_quoted(body: &str) -> (&str, usize) {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return (&body[..i], i),
            _ => i += 1,
        }
    }
    (body, body.len())
}

/// An escaped value cut at [`sanitize::MESSAGE_CHARS`] characters, an escape
/// (`\"`, `\u{1b}`) counting as one and never cut in two.
fn cut_escaped(value: &str) -> String {
    let mut chars = value.char_indices().peekable();
    let mut units = 0;
    while let Some((i, c)) = chars.next() {
        if units == sanitize::MESSAGE_CHARS {
            return format!("{}…", sanitize::escape(&value[..i]));
        }
        units += 1;
        if c == '\\' {
            match chars.next() {
                Some((_, 'u')) if chars.peek().is_some_and(|&(_, c)| c == '{') => {
                    for (_, c) in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    sanitize::escape(value).into_owned()
}

/// One validation problem: where (`articles[0].sections[1].blocks[0].date`,
/// and the line and column of that value in the file when known) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    /// Line and column (from 1) of the value, or of the object missing it.
    pub at: Option<(usize, usize)>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a corpus could not be loaded. `file` is the name as given (shown escaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    NotFound {
        file: String,
    },
    PermissionDenied {
        file: String,
    },
    IsDirectory {
        file: String,
    },
    Unreadable {
        file: String,
        reason: String,
    },
    /// A FIFO, a device, a socket: refused before a byte is read.
    NotAFile {
        file: String,
        what: &'static str,
    },
    /// Over the size cap; `size` is `None` when only reading found out (a pipe, a device).
    TooLarge {
        file: String,
        size: Option<u64>,
        max: u64,
    },
    Empty {
        file: String,
    },
    /// Only whitespace.
    Blank {
        file: String,
    },
    Utf8Bom {
        file: String,
    },
    Utf16 {
        file: String,
        evidence: &'static str,
    },
    Utf32 {
        file: String,
        evidence: &'static str,
    },
    NotUtf8 {
        file: String,
        offset: usize,
        byte: u8,
        line: usize,
        column: usize,
    },
    /// The top level is not a JSON object.
    NotAnObject {
        file: String,
        found: &'static str,
    },
    /// The JSON itself is wrong (syntax, end of file, nesting too deep).
    Syntax {
        file: String,
        line: usize,
        column: usize,
        path: String,
        message: String,
    },
    /// Valid JSON, but not the shape of a corpus (unknown field, wrong type, missing field…).
    Shape {
        file: String,
        line: usize,
        column: usize,
        path: String,
        message: String,
    },
    /// `"format"` is missing or not `"depeche-corpus"` and the rest does not parse.
    NotACorpus {
        file: String,
        found: String,
        /// Line and column of the value of `"format"`, when known.
        at: Option<(usize, usize)>,
    },
    UnsupportedVersion {
        file: String,
        found: String,
        /// Line and column of the value of `"version"`, when known.
        at: Option<(usize, usize)>,
    },
    /// A JSON Schema (it has `"$schema"`), such as data/corpus.schema.json.
    JsonSchema {
        file: String,
    },
    /// Well-formed but invalid: every problem found (at most [`MAX_PROBLEMS`], then `more`).
    Invalid {
        file: String,
        problems: Vec<Problem>,
        more: usize,
    },
}

impl LoadError {
    /// The file the error is about, as given.
    pub fn file(&self) -> &str {
        match self {
            LoadError::NotFound { file }
            | LoadError::PermissionDenied { file }
            | LoadError::IsDirectory { file }
            | LoadError::Unreadable { file, .. }
            | LoadError::NotAFile { file, .. }
            | LoadError::TooLarge { file, .. }
            | LoadError::Empty { file }
            | LoadError::Blank { file }
            | LoadError::Utf8Bom { file }
            | LoadError::Utf16 { file, .. }
            | LoadError::Utf32 { file, .. }
            | LoadError::NotUtf8 { file, .. }
            | LoadError::NotAnObject { file, .. }
            | LoadError::Syntax { file, .. }
            | LoadError::Shape { file, .. }
            | LoadError::NotACorpus { file, .. }
            | LoadError::UnsupportedVersion { file, .. }
            | LoadError::JsonSchema { file }
            | LoadError::Invalid { file, .. } => file,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = sanitize::escape(self.file());
        match self {
            LoadError::NotFound { .. } => write!(f, "{file}: no such file"),
            LoadError::PermissionDenied { .. } => {
                write!(f, "{file}: cannot read the file: permission denied")
            }
            LoadError::IsDirectory { .. } => {
                write!(f, "{file}: is a directory, expected a corpus JSON file")
            }
            LoadError::NotAFile { what, .. } => write!(
                f,
                "{file}: is {what}, not a file; depeche reads a corpus from a regular file, \
                 or from standard input given as - (e.g. `cat corpus.json | depeche --check -`)"
            ),
            LoadError::Unreadable { reason, .. } => {
                write!(f, "{file}: cannot read the file: {reason}")
            }
            LoadError::TooLarge { size, max, .. } => {
                match size {
                    Some(size) => write!(f, "{file}: the file is {}", human_size(*size))?,
                    None => write!(f, "{file}: the file is larger than that")?,
                }
                write!(
                    f,
                    ", over the size cap of {}; raise the cap with --max-size (e.g. --max-size 1GiB)",
                    human_size(*max)
                )
            }
            LoadError::Empty { .. } => {
                write!(f, "{file}: the file is empty, expected {CORPUS_SHAPE}")
            }
            LoadError::Blank { .. } => write!(
                f,
                "{file}: the file holds only whitespace, expected {CORPUS_SHAPE}"
            ),
            LoadError::Utf8Bom { .. } => write!(
                f,
                "{file}: the file starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without a BOM"
            ),
            LoadError::Utf32 { evidence, .. } => write!(
                f,
                "{file}: the file looks like UTF-32 ({evidence}); depeche reads UTF-8 only: \
                 convert it, e.g. `iconv -f UTF-32 -t UTF-8 in.json > out.json`"
            ),
            LoadError::Utf16 { evidence, .. } => write!(
                f,
                "{file}: the file looks like UTF-16 ({evidence}); depeche reads UTF-8 only: \
                 convert it, e.g. `iconv -f UTF-16 -t UTF-8 in.json > out.json`"
            ),
            LoadError::NotUtf8 {
                offset,
                byte,
                line,
                column,
                ..
            } => write!(
                f,
                "{file}:{line}:{column}: the file is not valid UTF-8: byte 0x{byte:02X} at offset {offset}; \
                 a corpus must be UTF-8 text"
            ),
            LoadError::NotAnObject { found, .. } => {
                write!(
                    f,
                    "{file}: the top level is {found}, expected {CORPUS_SHAPE}"
                )
            }
            LoadError::Syntax {
                line,
                column,
                path,
                message,
                ..
            } => {
                write!(f, "{file}:{line}:{column}: invalid JSON")?;
                if !path.is_empty() {
                    write!(f, " in {path}")?;
                }
                write!(f, ": {message}")
            }
            LoadError::Shape {
                line,
                column,
                path,
                message,
                ..
            } => {
                write!(f, "{file}:{line}:{column}: ")?;
                if !path.is_empty() {
                    write!(f, "{path}: ")?;
                }
                f.write_str(message)
            }
            LoadError::NotACorpus { found, at, .. } => write!(
                f,
                "{}: not a depeche corpus: \"format\" is {found}, expected \"{}\"",
                Located(&file, *at),
                format::FORMAT_NAME
            ),
            LoadError::UnsupportedVersion { found, at, .. } => write!(
                f,
                "{}: corpus version {found} is not supported, expected {} (a newer depeche may read it)",
                Located(&file, *at),
                format::FORMAT_VERSION
            ),
            LoadError::JsonSchema { .. } => write!(
                f,
                "{file}: is a JSON Schema (it has \"$schema\"), not a corpus; expected {CORPUS_SHAPE}"
            ),
            LoadError::Invalid { problems, more, .. } => {
                if let ([only], 0) = (problems.as_slice(), more) {
                    return write!(f, "{}: {only}", Located(&file, only.at));
                }
                let total = problems.len() + more;
                write!(f, "{file}: {total} problems:")?;
                // Each as `file:line:column:`, as compilers print them (editors jump there).
                for problem in problems {
                    match problem.at {
                        Some(_) => write!(f, "\n  {}: {problem}", Located(&file, problem.at))?,
                        None => write!(f, "\n  {problem}")?,
                    }
                }
                if *more > 0 {
                    write!(f, "\n  … and {more} more")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// A file name with `:line:column` when known.
struct Located<'a>(&'a str, Option<(usize, usize)>);

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some((line, column)) => write!(f, "{}:{line}:{column}", self.0),
            None => f.write_str(self.0),
        }
    }
}

/// "268435456 bytes (256 MiB)": exact, and readable.
fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let value = bytes as f64 / size as f64;
            let shown = if bytes.is_multiple_of(size) {
                format!("{} {unit}", bytes / size)
            } else {
                format!("{value:.1} {unit}")
            };
            return format!("{bytes} bytes ({shown})");
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_cut_and_keep_their_closing_quote() {
        let long = "k".repeat(1_000_000);
        let message = cut_quoted_values(&format!("unknown field `{long}`, expected `id`"));
        assert_eq!(
            message,
            format!("unknown field \"{}…\", expected \"id\"", "k".repeat(80))
        );
        let value = format!("{:?}", "\u{1b}\"".repeat(100_000));
        let message = cut_quoted_values(&format!("invalid type: string {value}, expected u64"));
        assert!(message.len() < 600, "{}", message.len());
        assert!(message.ends_with("…\", expected u64"), "{message}");
        assert!(!message.contains('\u{1b}'));
        assert_eq!(cut_quoted_values("integer `5`"), "integer 5");
        assert_eq!(quote(&"é".repeat(81)), format!("\"{}…\"", "é".repeat(80)));
    }

    #[test]
    fn human_sizes_are_exact_and_readable() {
        assert_eq!(human_size(256 << 20), "268435456 bytes (256 MiB)");
        assert_eq!(human_size(1536), "1536 bytes (1.5 KiB)");
        assert_eq!(human_size(12), "12 bytes");
    }
}
