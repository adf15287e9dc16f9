//! Reading a corpus: the bytes (with a size cap), their encoding, the JSON
//! syntax and shape into the raw [`format`] types, then [`validate`].
//!
//! Nothing here panics on any input; every failure is a [`LoadError`].

use std::io::{self, Read};
use std::path::Path;

use super::error::{CORPUS_SHAPE, LoadError, cut_quoted_values, quote};
use super::format;
use super::locate::{Locator, line_column};
use super::model::Corpus;
use super::sanitize;
use super::validate::validate;

/// The bundled corpus, compiled into the binary so `depeche` works anywhere.
pub const BUNDLED_CORPUS: &str = include_str!("../../data/coalition-des-volontaires.json");
/// The name the bundled corpus goes by in messages.
pub const BUNDLED_NAME: &str = "<bundled corpus>";

/// The size cap when `--max-size` is not given: 256 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 256 * 1024 * 1024;

/// Loads the corpus compiled into the binary.
pub fn load_bundled() -> Result<Corpus, LoadError> {
    load_bytes(BUNDLED_NAME, BUNDLED_CORPUS.as_bytes())
}

/// The corpus name that reads standard input (`depeche --check -`).
pub const STDIN_PATH: &str = "-";
/// The name standard input goes by in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// The name a path goes by in messages: as given, `<stdin>` for `-`.
pub fn display_name(path: &Path) -> String {
    if path == Path::new(STDIN_PATH) {
        STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    }
}

/// Loads a corpus file, refusing it without reading it if it is over
/// `max_size` bytes or not a regular file; `-` reads standard input.
pub fn load_file(path: &Path, max_size: u64) -> Result<Corpus, LoadError> {
    let name = display_name(path);
    let bytes = read_capped(path, &name, max_size)?;
    load_owned(&name, bytes).map_err(|error| locate_in_file(error, path, max_size))
}

/// Validation problems of the corpus file at `path` with the line and
/// column of their values: the file is read again, as its bytes were freed
/// before validation (only a refused corpus pays for this; standard input
/// cannot be read again, so its problems go without).
pub fn locate_in_file(error: LoadError, path: &Path, max_size: u64) -> LoadError {
    if !matches!(error, LoadError::Invalid { .. }) || path == Path::new(STDIN_PATH) {
        return error;
    }
    let name = path.display().to_string();
    match read_capped(path, &name, max_size) {
        Ok(bytes) => locate_problems(error, &bytes),
        Err(_) => error,
    }
}

/// Loads a corpus from bytes already read (and capped), freeing them as soon
/// as the JSON is parsed; `name` is the file name messages give.
pub fn load_owned(name: &str, bytes: Vec<u8>) -> Result<Corpus, LoadError> {
    let raw = parse(name, &bytes)?;
    // The file's bytes are no longer needed: freeing them before the model is
    // built keeps the peak near the raw strings plus the model (docs/performance.md).
    drop(bytes);
    validate(name, raw)
}

/// Reads a whole file into memory after checking it is a regular file (not
/// a directory, a FIFO, a device or a socket) and not over the cap; `-`
/// reads standard input. The file is opened without blocking and checked
/// once open, so a FIFO with no writer (or one swapped in meanwhile) is
/// refused, never waited on. Reading stops at the cap too, for a file that
/// grows meanwhile. Importers read pages with it too.
pub fn read_capped(path: &Path, name: &str, max_size: u64) -> Result<Vec<u8>, LoadError> {
    if path == Path::new(STDIN_PATH) {
        return read_stream(io::stdin().lock(), name, max_size);
    }
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
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading blocks until a writer comes; not with this.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(file_error)?;
    let metadata = file.metadata().map_err(file_error)?;
    if metadata.is_dir() {
        return Err(LoadError::IsDirectory {
            file: name.to_string(),
        });
    }
    if !metadata.is_file() {
        return Err(LoadError::NotAFile {
            file: name.to_string(),
            what: file_kind(&metadata),
        });
    }
    if metadata.len() > max_size {
        return Err(LoadError::TooLarge {
            file: name.to_string(),
            size: Some(metadata.len()),
            max: max_size,
        });
    }
    read_stream(file, name, max_size)
}

/// What a path that is not a regular file is, for the message.
fn file_kind(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = metadata;
    "a special file"
}

/// Reads `source` to its end, refusing it once past `max_size` bytes.
fn read_stream(source: impl Read, name: &str, max_size: u64) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    source
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| LoadError::Unreadable {
            file: name.to_string(),
            reason: error.to_string(),
        })?;
    if bytes.len() as u64 > max_size {
        return Err(LoadError::TooLarge {
            file: name.to_string(),
            size: None,
            max: max_size,
        });
    }
    Ok(bytes)
}

/// Loads a corpus from its bytes; `name` is the file name messages give.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Corpus, LoadError> {
    validate(name, parse(name, bytes)?).map_err(|error| locate_problems(error, bytes))
}

/// Validation problems with the line and column of their values in the text.
fn locate_problems(mut error: LoadError, bytes: &[u8]) -> LoadError {
    if let LoadError::Invalid { problems, .. } = &mut error
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        let mut locator = Locator::new(text);
        for problem in problems {
            problem.at = locator.locate(&problem.path);
        }
    }
    error
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
                        check_header(name, text, header.format.as_ref(), header.version.as_ref())?;
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
        text,
        Some(&serde_json::Value::from(raw.format.as_str())),
        Some(&serde_json::Value::from(raw.version)),
    )?;
    Ok(raw)
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
    // UTF-32 first: its little-endian byte order mark starts like UTF-16's.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(LoadError::Utf32 {
            file,
            evidence: "it starts with a UTF-32 byte order mark",
        });
    }
    // ASCII text in UTF-32 has three NUL bytes beside every character.
    if let [a, b, c, d, ..] = bytes
        && ((*a != 0 && [b, c, d] == [&0; 3]) || ([a, b, c] == [&0; 3] && *d != 0))
    {
        return Err(LoadError::Utf32 {
            file,
            evidence: "three NUL bytes beside each of its first characters",
        });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::Utf16 {
            file,
            evidence: "it starts with a UTF-16 byte order mark",
        });
    }
    // ASCII text in UTF-16 has a NUL byte beside every character.
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
        let (line, column) = line_column(&valid, offset);
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
    text: &str,
    format: Option<&serde_json::Value>,
    version: Option<&serde_json::Value>,
) -> Result<(), LoadError> {
    // A string is quoted after it is cut, so a cut value keeps its closing quote.
    let shown = |value: &serde_json::Value| match value {
        serde_json::Value::String(text) => quote(text),
        other => sanitize::for_message(&other.to_string()),
    };
    if let Some(found) = format
        && found.as_str() != Some(format::FORMAT_NAME)
    {
        return Err(LoadError::NotACorpus {
            file: name.to_string(),
            found: shown(found),
            at: Locator::new(text).locate("format"),
        });
    }
    if let Some(found) = version
        && found.as_u64() != Some(format::FORMAT_VERSION)
    {
        return Err(LoadError::UnsupportedVersion {
            file: name.to_string(),
            found: shown(found),
            at: Locator::new(text).locate("version"),
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
                out.push_str(&sanitize::for_message(key));
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
/// `` integer `5` ``) and strings with double quotes (`string "…"`): names
/// get double quotes like JSON, numbers and booleans none, so `"5"` never
/// looks like a string; every quoted value is escaped and cut
/// ([`cut_quoted_values`]).
fn escape_serde_message(message: &str) -> String {
    cut_quoted_values(message)
}
