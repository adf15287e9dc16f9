//! Loading a corpus: read → check the bytes → parse ([`crate::format`]) →
//! validate, collecting every problem → sanitise ([`crate::sanitize`]) → [`Corpus`].
//!
//! Every failure is a [`LoadError`] whose `Display` is a readable sentence
//! naming the file, the line and column when the JSON itself is wrong, the
//! JSON path, and what was expected. Nothing here panics on any input.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::format::{self, BlockType, Presence};
use crate::model::{
    Article, Block, Corpus, Paragraph, Platform, Post, Section, Source, SourceKind,
};
use crate::sanitize;

/// The size cap when `--max-size` is not given: 256 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 256 * 1024 * 1024;

/// Validation stops listing problems after this many (and says how many more there were).
pub const MAX_PROBLEMS: usize = 1000;

const CORPUS_SHAPE: &str =
    "a depeche corpus (a JSON object with \"format\", \"version\" and \"articles\")";
const DATE_EXAMPLES: &str =
    "expected ISO 8601 \"2025-12-31\" or RFC 3339 \"2026-01-03T18:00:23+00:00\"";
const URL_EXAMPLE: &str = "expected an absolute http(s) URL such as \"https://example.org/page\"";

/// One validation problem: where (`articles[0].sections[1].blocks[0].date`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
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
    },
    UnsupportedVersion {
        file: String,
        found: String,
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
            | LoadError::TooLarge { file, .. }
            | LoadError::Empty { file }
            | LoadError::Blank { file }
            | LoadError::Utf8Bom { file }
            | LoadError::Utf16 { file, .. }
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
            LoadError::NotACorpus { found, .. } => write!(
                f,
                "{file}: not a depeche corpus: \"format\" is {found}, expected \"{}\"",
                format::FORMAT_NAME
            ),
            LoadError::UnsupportedVersion { found, .. } => write!(
                f,
                "{file}: corpus version {found} is not supported, expected {} (a newer depeche may read it)",
                format::FORMAT_VERSION
            ),
            LoadError::JsonSchema { .. } => write!(
                f,
                "{file}: is a JSON Schema (it has \"$schema\"), not a corpus; expected {CORPUS_SHAPE}"
            ),
            LoadError::Invalid { problems, more, .. } => {
                if let ([only], 0) = (problems.as_slice(), more) {
                    return write!(f, "{file}: {only}");
                }
                let total = problems.len() + more;
                write!(f, "{file}: {total} problems:")?;
                for problem in problems {
                    write!(f, "\n  {problem}")?;
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

/// Parses a size for `--max-size`: bytes (`1000000`) or with a binary suffix
/// (`K`/`KiB`, `M`/`MiB`, `G`/`GiB`, any case; `B` for bytes).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, suffix) = text.split_at(split);
    let invalid = || {
        format!(
            "\"{}\" is not a size: expected bytes or a number with K, M, G, KiB, MiB or GiB, e.g. 512M",
            sanitize::for_message(text)
        )
    };
    if digits.is_empty() {
        return Err(invalid());
    }
    let multiplier: u64 = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        _ => return Err(invalid()),
    };
    let number: u64 = digits.parse().map_err(|_| invalid())?;
    let size = number
        .checked_mul(multiplier)
        .ok_or_else(|| format!("{text} is too large a size"))?;
    if size == 0 {
        return Err("the size cap must be at least 1 byte".to_string());
    }
    Ok(size)
}

/// Loads the corpus compiled into the binary.
pub fn load_bundled() -> Result<Corpus, LoadError> {
    load_bytes(crate::BUNDLED_NAME, crate::BUNDLED_CORPUS.as_bytes())
}

/// Loads a corpus file, refusing it without reading it if it is over `max_size` bytes.
pub fn load_file(path: &Path, max_size: u64) -> Result<Corpus, LoadError> {
    let name = path.display().to_string();
    let bytes = read_capped(path, &name, max_size)?;
    let raw = parse(&name, &bytes)?;
    // The file's bytes are no longer needed: freeing them before the model is
    // built keeps the peak near the raw strings plus the model (docs/performance.md).
    drop(bytes);
    validate(&name, raw)
}

/// Reads a whole file into memory after checking it is not a directory and
/// not over the cap. Reading stops at the cap too, for files whose size
/// the metadata does not tell (pipes, devices) or that grow meanwhile.
fn read_capped(path: &Path, name: &str, max_size: u64) -> Result<Vec<u8>, LoadError> {
    let file_error = |error: io::Error| match error.kind() {
        io::ErrorKind::NotFound => LoadError::NotFound {
            file: name.to_string(),
        },
        io::ErrorKind::PermissionDenied => LoadError::PermissionDenied {
            file: name.to_string(),
        },
        io::ErrorKind::IsADirectory => LoadError::IsDirectory {
            file: name.to_string(),
        },
        _ => LoadError::Unreadable {
            file: name.to_string(),
            reason: error.to_string(),
        },
    };
    let metadata = std::fs::metadata(path).map_err(file_error)?;
    if metadata.is_dir() {
        return Err(LoadError::IsDirectory {
            file: name.to_string(),
        });
    }
    let too_large = |size| LoadError::TooLarge {
        file: name.to_string(),
        size,
        max: max_size,
    };
    if metadata.len() > max_size {
        return Err(too_large(Some(metadata.len())));
    }
    let file = File::open(path).map_err(file_error)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(file_error)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// Loads a corpus from its bytes; `name` is the file name messages give.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Corpus, LoadError> {
    validate(name, parse(name, bytes)?)
}

/// Reads the JSON into the raw format types: encoding, syntax, shape, header.
fn parse(name: &str, bytes: &[u8]) -> Result<format::Corpus, LoadError> {
    let text = check_encoding(name, bytes)?;
    let Some(&first) = bytes.iter().find(|b| !b.is_ascii_whitespace()) else {
        return Err(LoadError::Blank {
            file: name.to_string(),
        });
    };
    if first != b'{' {
        // Broken JSON first; then say what the (valid) top level is.
        check_syntax(name, bytes)?;
        return Err(LoadError::NotAnObject {
            file: name.to_string(),
            found: match first {
                b'[' => "an array",
                b'"' => "a string",
                b't' | b'f' => "a boolean",
                b'n' => "null",
                _ => "a number",
            },
        });
    }
    // The bytes are already known to be UTF-8: reading them as `str` spares
    // serde_json a second validation of every string.
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let format::Object(raw) =
        match serde_path_to_error::deserialize::<_, format::Object<format::Corpus>>(
            &mut deserializer,
        ) {
            Ok(raw) => raw,
            Err(error) => {
                let path = json_path(error.path(), error.inner());
                let error = error.into_inner();
                if error.classify() == serde_json::error::Category::Data {
                    // Broken JSON is the real problem even if the shape broke first;
                    // then a wrong "format" or "version" explains the mismatch better.
                    check_syntax(name, bytes)?;
                    if let Ok(header) = serde_json::from_slice::<format::Header>(bytes) {
                        if header.schema.is_some() && header.format.is_none() {
                            return Err(LoadError::JsonSchema {
                                file: name.to_string(),
                            });
                        }
                        check_header(name, header.format.as_ref(), header.version.as_ref())?;
                    }
                }
                return Err(json_error(name, path, error));
            }
        };
    // Trailing data after the object.
    deserializer
        .end()
        .map_err(|error| json_error(name, String::new(), error))?;
    check_header(
        name,
        Some(&serde_json::Value::from(raw.format.as_str())),
        Some(&serde_json::Value::from(raw.version)),
    )?;
    Ok(raw)
}

/// Validates and sanitises the raw corpus into the model, reporting every problem.
fn validate(name: &str, raw: format::Corpus) -> Result<Corpus, LoadError> {
    let mut checker = Checker::default();
    let corpus = checker.corpus(raw);
    if checker.problems.is_empty() {
        Ok(corpus)
    } else {
        Err(LoadError::Invalid {
            file: name.to_string(),
            problems: checker.problems,
            more: checker.more,
        })
    }
}

/// Whether `bytes` is one well-formed JSON value, whatever its shape.
fn check_syntax(name: &str, bytes: &[u8]) -> Result<(), LoadError> {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
        .map(drop)
        .map_err(|error| json_error(name, String::new(), error))
}

/// Refuses empty files, byte order marks, UTF-16 and bytes that are not
/// UTF-8; returns the bytes as text.
fn check_encoding<'b>(name: &str, bytes: &'b [u8]) -> Result<&'b str, LoadError> {
    let file = name.to_string();
    if bytes.is_empty() {
        return Err(LoadError::Empty { file });
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(LoadError::Utf8Bom { file });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::Utf16 {
            file,
            evidence: "it starts with a UTF-16 byte order mark",
        });
    }
    // ASCII text in UTF-16 (or UTF-32) has a NUL byte beside every character.
    if let [a, b, ..] = bytes
        && (*a == 0) != (*b == 0)
    {
        return Err(LoadError::Utf16 {
            file,
            evidence: "NUL bytes between its first characters",
        });
    }
    std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        let valid = String::from_utf8_lossy(&bytes[..offset]);
        let line = valid.matches('\n').count() + 1;
        let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
        let column = valid[line_start..].chars().count() + 1;
        LoadError::NotUtf8 {
            file,
            offset,
            byte: bytes[offset],
            line,
            column,
        }
    })
}

/// Refuses a corpus whose `format` or `version` is not this one. A missing
/// field passes: serde reports it with its position.
fn check_header(
    name: &str,
    format: Option<&serde_json::Value>,
    version: Option<&serde_json::Value>,
) -> Result<(), LoadError> {
    let shown = |value: &serde_json::Value| sanitize::for_message(&value.to_string());
    if let Some(found) = format
        && found.as_str() != Some(format::FORMAT_NAME)
    {
        return Err(LoadError::NotACorpus {
            file: name.to_string(),
            found: shown(found),
        });
    }
    if let Some(found) = version
        && found.as_u64() != Some(format::FORMAT_VERSION)
    {
        return Err(LoadError::UnsupportedVersion {
            file: name.to_string(),
            found: shown(found),
        });
    }
    Ok(())
}

/// The JSON path of a serde error as `articles[0].sections[2].blocks[1]`,
/// user keys escaped. An unknown field's path ends at the object holding it
/// (the message names the field).
fn json_path(path: &serde_path_to_error::Path, error: &serde_json::Error) -> String {
    use serde_path_to_error::Segment;
    let mut segments: Vec<&Segment> = path.iter().collect();
    if error.to_string().starts_with("unknown field") {
        segments.pop();
    }
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&sanitize::escape(key));
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// Turns a serde error into a message in our words: quotes instead of
/// backticks, no duplicated position, user text escaped.
fn json_error(name: &str, path: String, inner: serde_json::Error) -> LoadError {
    let (line, column) = (inner.line(), inner.column());
    let full = inner.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let message = escape_serde_message(message)
        .replace("invalid type: sequence", "invalid type: an array")
        .replace("invalid type: map", "invalid type: an object");
    let message = if path.is_empty() && message.starts_with("missing field") {
        format!("{message}, expected {CORPUS_SHAPE}")
    } else {
        message
    };
    let file = name.to_string();
    match inner.classify() {
        serde_json::error::Category::Data => LoadError::Shape {
            file,
            line,
            column,
            path,
            message,
        },
        _ => {
            let message = match message.as_str() {
                "expected ident" => "expected true, false or null".into(),
                "trailing characters" => "trailing characters after the corpus object".into(),
                _ => message.replace("EOF while parsing", "the file ends in the middle of"),
            };
            LoadError::Syntax {
                file,
                line,
                column,
                path,
                message,
            }
        }
    }
}

/// serde quotes names and values with backticks (`` unknown field `autor` ``,
/// `` integer `5` ``): names get double quotes like JSON, numbers and
/// booleans none, so `"5"` never looks like a string. User text is escaped.
fn escape_serde_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(&sanitize::escape(first));
    }
    // Odd parts were between backticks (a stray backtick leaves a quote, harmless).
    for (i, part) in parts.enumerate() {
        let quoted = i % 2 == 0;
        let literal = part == "true" || part == "false" || part.parse::<f64>().is_ok();
        if !quoted || literal {
            out.push_str(&sanitize::escape(part));
        } else {
            out.push('"');
            out.push_str(&sanitize::escape(part));
            out.push('"');
        }
    }
    out
}

/// A JSON path built on the stack as validation descends; only turned into a
/// string when there is a problem to report.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step,
}

#[derive(Clone, Copy)]
enum Step {
    Root,
    Field(&'static str),
    Index(usize),
}

const ROOT: At<'static> = At {
    parent: None,
    step: Step::Root,
};

impl<'a> At<'a> {
    fn field(&'a self, name: &'static str) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Field(name),
        }
    }

    fn index(&'a self, index: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Index(index),
        }
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.step {
            Step::Root => Ok(()),
            Step::Field(name) => match self.parent {
                Some(At {
                    step: Step::Root, ..
                })
                | None => f.write_str(name),
                Some(_) => write!(f, ".{name}"),
            },
            Step::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// `"value"` quoted for a message, escaped and cut.
fn quoted(value: &str) -> String {
    format!("\"{}\"", sanitize::for_message(value))
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Validation: checks everything serde does not, collecting every problem,
/// and builds the sanitised model as it goes.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    more: usize,
}

impl Checker {
    fn report(&mut self, at: &At, message: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem {
                path: at.to_string(),
                message,
            });
        } else {
            self.more += 1;
        }
    }

    fn corpus(&mut self, raw: format::Corpus) -> Corpus {
        let at = ROOT.field("articles");
        if raw.articles.is_empty() {
            self.report(
                &at,
                "a corpus needs at least one article, found none".into(),
            );
        }
        let mut ids = Ids::default();
        let articles = raw
            .articles
            .into_iter()
            .enumerate()
            .map(|(i, format::Object(article))| {
                let at = at.index(i);
                let article = self.article(&at, article);
                ids.check(self, &at, i, &article.id, "article");
                article
            })
            .collect();
        Corpus { articles }
    }

    fn article(&mut self, at: &At, raw: format::Article) -> Article {
        let id = self.one_line(&at.field("id"), raw.id);
        let title = self.one_line(&at.field("title"), raw.title);
        let language = raw.language.map(|language| {
            let at = at.field("language");
            let language = self.one_line(&at, language);
            if !language.is_empty() && !is_language_tag(&language) {
                self.report(
                    &at,
                    format!(
                        "{} is not a BCP 47 language tag (expected e.g. \"fr\", \"fr-FR\", \"uk\")",
                        quoted(&language)
                    ),
                );
            }
            language
        });
        let notice = raw.notice.map(|n| self.one_line(&at.field("notice"), n));
        let date = raw.date.map(|d| self.date(&at.field("date"), d));

        let sources_at = at.field("sources");
        let mut source_ids = Ids::default();
        let sources: Vec<Source> = raw
            .sources
            .into_iter()
            .enumerate()
            .map(|(i, format::Object(source))| {
                let at = sources_at.index(i);
                let source = self.source(&at, source);
                source_ids.check(self, &at, i, &source.id, "source");
                source
            })
            .collect();
        let known = Known {
            sources: &source_ids,
            sources_at: &sources_at,
        };

        let sections_at = at.field("sections");
        if raw.sections.is_empty() {
            self.report(
                &sections_at,
                "an article needs at least one section, found none".into(),
            );
        }
        let mut section_ids = Ids::default();
        let mut post_ids = Ids::default();
        let sections = raw
            .sections
            .into_iter()
            .enumerate()
            .map(|(s, format::Object(section))| {
                let at = sections_at.index(s);
                let id = self.one_line(&at.field("id"), section.id);
                section_ids.check(self, &at, s, &id, "section");
                let heading = section
                    .heading
                    .map(|h| self.one_line(&at.field("heading"), h));
                let blocks_at = at.field("blocks");
                if section.blocks.is_empty() {
                    self.report(
                        &blocks_at,
                        "a section needs at least one block, found none".into(),
                    );
                }
                let blocks = section
                    .blocks
                    .into_iter()
                    .enumerate()
                    .filter_map(|(b, format::Object(block))| {
                        let at = blocks_at.index(b);
                        let block = self.block(&at, block, &known)?;
                        if let Block::Post(post) = &block {
                            post_ids.check(self, &at, b, &post.id, "post");
                        }
                        Some(block)
                    })
                    .collect();
                Section {
                    id,
                    heading,
                    blocks,
                }
            })
            .collect();
        Article::new(id, title, language, notice, date, sections, sources)
    }

    fn source(&mut self, at: &At, raw: format::Source) -> Source {
        Source {
            id: self.one_line(&at.field("id"), raw.id),
            kind: match raw.kind {
                format::SourceKind::Person => SourceKind::Person,
                format::SourceKind::Organisation => SourceKind::Organisation,
                format::SourceKind::Outlet => SourceKind::Outlet,
                format::SourceKind::Account => SourceKind::Account,
                format::SourceKind::Link => SourceKind::Link,
            },
            name: self.one_line(&at.field("name"), raw.name),
            description: raw
                .description
                .map(|d| self.one_line(&at.field("description"), d)),
            url: raw.url.map(|u| self.url(&at.field("url"), u)),
        }
    }

    /// A block of either type; `None` when a required field is missing (reported).
    fn block(&mut self, at: &At, raw: format::Block, known: &Known) -> Option<Block> {
        let kind = raw.kind;
        let given = [
            ("id", raw.id.is_some()),
            ("platform", raw.platform.is_some()),
            ("author", raw.author.is_some()),
            ("handle", raw.handle.is_some()),
            ("date", raw.date.is_some()),
            ("text", raw.text.is_some()),
            ("truncated", raw.truncated.is_some()),
            ("url", raw.url.is_some()),
            ("links", raw.links.is_some()),
            ("cites", raw.cites.is_some()),
        ];
        let mut complete = true;
        for (field, is_given) in given {
            match (kind.presence(field), is_given) {
                (Presence::Forbidden, true) => self.report(
                    &at.field(field),
                    format!(
                        "a {} has no \"{field}\" field (expected one of {})",
                        kind.name(),
                        quoted_list(kind.fields())
                    ),
                ),
                (Presence::Required, false) => {
                    complete = false;
                    self.report(
                        at,
                        format!("missing field \"{field}\" (a {} needs it)", kind.name()),
                    );
                }
                _ => {}
            }
        }
        let cites = raw
            .cites
            .map(|cites| self.cites(&at.field("cites"), cites, known))
            .unwrap_or_default();
        let text = raw.text.map(|t| self.multiline(&at.field("text"), t));
        match kind {
            BlockType::Paragraph => Some(Block::Paragraph(Paragraph { text: text?, cites })),
            BlockType::Post => {
                let id = raw.id.map(|v| self.one_line(&at.field("id"), v));
                let author = raw.author.map(|v| self.one_line(&at.field("author"), v));
                let handle = raw.handle.map(|v| {
                    let v = v.strip_prefix('@').map(str::to_string).unwrap_or(v);
                    self.one_line(&at.field("handle"), v)
                });
                let date = raw.date.map(|v| self.date(&at.field("date"), v));
                let url = raw.url.map(|v| self.url(&at.field("url"), v));
                let links_at = at.field("links");
                let links = raw
                    .links
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                    .map(|(i, link)| self.url(&links_at.index(i), link))
                    .collect();
                if !complete {
                    return None;
                }
                Some(Block::Post(Post {
                    id: id?,
                    platform: match raw.platform? {
                        format::Platform::X => Platform::X,
                        format::Platform::Bluesky => Platform::Bluesky,
                        format::Platform::Telegram => Platform::Telegram,
                        format::Platform::Mastodon => Platform::Mastodon,
                        format::Platform::Other => Platform::Other,
                    },
                    author: author?,
                    handle: handle?,
                    date: date?,
                    text: text?,
                    truncated: raw.truncated.unwrap_or(false),
                    url,
                    links,
                    cites,
                }))
            }
        }
    }

    /// Resolves source ids to indices; unknown and repeated ids are problems.
    fn cites(&mut self, at: &At, cites: Vec<String>, known: &Known) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(cites.len());
        for (i, cite) in cites.into_iter().enumerate() {
            let at = at.index(i);
            let cite = self.one_line(&at, cite);
            match known.sources.index(&cite) {
                Some(index) if out.contains(&index) => {
                    self.report(&at, format!("{} is cited twice", quoted(&cite)));
                }
                Some(index) => out.push(index),
                None if cite.is_empty() => {}
                None => self.report(
                    &at,
                    format!(
                        "{} names no source of this article (expected an id from {})",
                        quoted(&cite),
                        known.sources_at
                    ),
                ),
            }
        }
        out
    }

    fn one_line(&mut self, at: &At, raw: String) -> String {
        self.text(at, raw, sanitize::line)
    }

    fn multiline(&mut self, at: &At, raw: String) -> String {
        self.text(at, raw, sanitize::multiline)
    }

    /// Sanitises a text field and requires some visible text in it.
    fn text(&mut self, at: &At, raw: String, clean: fn(&str) -> Cow<str>) -> String {
        let cleaned = match clean(&raw) {
            Cow::Owned(cleaned) => Some(cleaned),
            Cow::Borrowed(_) => None,
        };
        if raw.trim().is_empty() {
            self.report(at, "is empty, expected some text".into());
        } else if cleaned.as_ref().is_some_and(|c| c.trim().is_empty()) {
            self.report(
                at,
                format!(
                    "{} holds only control characters, expected some text",
                    quoted(&raw)
                ),
            );
        }
        cleaned.unwrap_or(raw)
    }

    fn date(&mut self, at: &At, raw: String) -> String {
        let date = self.one_line(at, raw);
        if !date.is_empty() && !is_date(&date) {
            self.report(
                at,
                format!("{} is not a date ({DATE_EXAMPLES})", quoted(&date)),
            );
        }
        date
    }

    fn url(&mut self, at: &At, raw: String) -> String {
        let url = self.one_line(at, raw);
        if !url.is_empty() && !is_web_url(&url) {
            self.report(at, format!("{} is not a URL: {URL_EXAMPLE}", quoted(&url)));
        }
        url
    }
}

/// What cites may name in an article.
struct Known<'a> {
    sources: &'a Ids,
    sources_at: &'a At<'a>,
}

/// Ids seen so far in one scope: id → (index of the item, its path), to
/// resolve references and to say where a duplicate's first use is.
#[derive(Default)]
struct Ids {
    seen: HashMap<String, (usize, String)>,
}

impl Ids {
    /// Records the id of the item at `item` (index `index` in its list), or reports a duplicate.
    fn check(&mut self, checker: &mut Checker, item: &At, index: usize, id: &str, what: &str) {
        if id.is_empty() {
            return;
        }
        if let Some((_, first)) = self.seen.get(id) {
            let message = format!(
                "duplicate {what} id {} (already used by {first}); ids must be unique",
                quoted(id)
            );
            checker.report(&item.field("id"), message);
        } else {
            self.seen.insert(id.to_string(), (index, item.to_string()));
        }
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.seen.get(id).map(|&(index, _)| index)
    }
}

/// `YYYY-MM-DD` (ISO 8601 calendar date) or an RFC 3339 date-time.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let calendar_date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok();
    calendar_date || chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

/// The shape of a BCP 47 tag: a 2–8 letter language (or `x`/`i` for private
/// and legacy tags), then subtags of 1–8 letters or digits, joined by `-`.
pub fn is_language_tag(text: &str) -> bool {
    let mut subtags = text.split('-');
    let Some(language) = subtags.next() else {
        return false;
    };
    let language_ok = (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        || language.eq_ignore_ascii_case("x")
        || language.eq_ignore_ascii_case("i");
    language_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// An absolute `http` or `https` URL with a host and no whitespace.
pub fn is_web_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_end > 0 && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_suffixes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("10K"), Ok(10 * 1024));
        assert_eq!(parse_size("10kib"), Ok(10 * 1024));
        assert_eq!(parse_size("256MiB"), Ok(DEFAULT_MAX_SIZE));
        assert_eq!(parse_size("2 G"), Ok(2 << 30));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert!(parse_size("").is_err());
        assert!(parse_size("12X").unwrap_err().contains("is not a size"));
        assert!(parse_size("-5").is_err());
        assert!(parse_size("0").unwrap_err().contains("at least 1 byte"));
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[test]
    fn human_sizes_are_exact_and_readable() {
        assert_eq!(human_size(DEFAULT_MAX_SIZE), "268435456 bytes (256 MiB)");
        assert_eq!(human_size(1536), "1536 bytes (1.5 KiB)");
        assert_eq!(human_size(12), "12 bytes");
    }

    #[test]
    fn dates() {
        assert!(is_date("2025-12-31"));
        assert!(is_date("2026-01-03T18:00:23+00:00"));
        assert!(is_date("2026-01-03T18:00:23Z"));
        assert!(!is_date("2025-13-01"));
        assert!(!is_date("2025-02-30"));
        assert!(!is_date("2025-1-5"));
        assert!(!is_date("December 31, 2025"));
        assert!(!is_date("2026-01-03T18:00:23"));
    }

    #[test]
    fn language_tags() {
        for ok in [
            "fr",
            "fr-FR",
            "uk",
            "zh-Hant-TW",
            "sr-Latn",
            "x-private",
            "de-CH-1996",
        ] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "f",
            "fr_FR",
            "fr-",
            "-fr",
            "français",
            "fr-toolongsubtag",
            "f1",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn web_urls() {
        assert!(is_web_url("https://example.org/page"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(is_web_url("https://t.co/z3Gkjfs0IW"));
        for bad in [
            "pic.twitter.com/LXSrvPWqzS",
            "/relative/path",
            "javascript:alert(1)",
            "ftp://example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "file:///etc/passwd",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn paths_read_like_json() {
        let articles = ROOT.field("articles");
        let article = articles.index(0);
        let sections = article.field("sections");
        let section = sections.index(2);
        let blocks = section.field("blocks");
        let block = blocks.index(1);
        assert_eq!(
            block.field("date").to_string(),
            "articles[0].sections[2].blocks[1].date"
        );
        assert_eq!(ROOT.to_string(), "");
    }
}
