//! The command line (clap): reader, `--dump`, `--toc`, `--check`, `--search`.
//!
//! Exit status: 0 on success (and for `--search`, at least one match), 1 when
//! `--search` finds nothing, 2 for bad input or any other error. Errors go to
//! stderr as `depeche: …`; the corpus is loaded before the terminal is touched.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, CommandFactory, Parser, ValueEnum};

use crate::corpus::model::{Block, Corpus};
use crate::corpus::sanitize;
use crate::corpus::{self, LoadError};
use crate::dump;
use crate::reader::Options;

#[derive(Debug, Parser)]
#[command(
    name = "depeche",
    version,
    about = "A terminal reader for news articles with embedded social posts and cited sources",
    long_about = "A terminal reader for news articles with embedded social posts and cited sources.\n\n\
        Without CORPUS, reads the bundled article. When stdout is not a terminal, prints the dump instead \
        of opening the reader.",
    after_help = "Exit status: 0 on success, 1 when --search finds nothing, 2 for bad input or any other error.",
    group(ArgGroup::new("mode").args(["dump", "toc", "check", "search"]))
)]
struct Cli {
    /// Corpus JSON file (the bundled article when omitted); --check takes several
    #[arg(value_name = "CORPUS")]
    corpora: Vec<PathBuf>,

    /// Print every article as plain text wrapped to --width columns
    #[arg(long)]
    dump: bool,

    /// Print the outline: articles, numbered sections, and their posts
    #[arg(long)]
    toc: bool,

    /// Validate each CORPUS: a one-line summary per file, or all its problems
    #[arg(long)]
    check: bool,

    /// Print every match of QUERY (accents, case and quotes folded)
    #[arg(long, value_name = "QUERY")]
    search: Option<String>,

    /// Read the --search QUERY as a regular expression
    #[arg(long, requires = "search")]
    regex: bool,

    /// Wrap the dump to N columns, at least 20 [default: the terminal's width, else 80]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(dump::MIN_WIDTH as i64..),
          conflicts_with_all = ["toc", "check", "search"])]
    width: Option<u16>,

    /// Refuse corpus files larger than SIZE: bytes, or with K, M, G, KiB, MiB, GiB (binary units)
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "256MiB")]
    max_size: u64,

    /// Colour in the reader and --search output; auto: none when NO_COLOR is set or stdout is not a terminal
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Bad input or any other failure: exit status 2.
const FAILURE: u8 = 2;

/// Runs depeche with the process's arguments; `main` only calls this.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if cli.corpora.len() > 1 && !cli.check {
        Cli::command()
            .error(
                clap::error::ErrorKind::TooManyValues,
                "only --check takes several corpora",
            )
            .exit();
    }
    if cli.check && cli.corpora.is_empty() {
        Cli::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "--check needs at least one CORPUS file",
            )
            .exit();
    }
    match execute(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("depeche: {message}");
            ExitCode::from(FAILURE)
        }
    }
}

/// Runs the chosen mode; `Err` is a message for stderr (exit status 2).
fn execute(cli: &Cli) -> Result<u8, String> {
    if cli.check {
        return check(&cli.corpora, cli.max_size);
    }
    let corpus = match cli.corpora.first() {
        Some(path) => corpus::load_file(path, cli.max_size),
        None => corpus::load_bundled(),
    }
    .map_err(|error| error.to_string())?;
    let stdout_is_terminal = io::stdout().is_terminal();
    let color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    if let Some(query) = &cli.search {
        let mut out = Vec::new();
        let found = crate::grep::run(&corpus, query, cli.regex, color, &mut out)
            .map_err(|error| format!("cannot write the output: {error}"))?;
        emit(&out)?;
        return match found {
            Ok(0) => Ok(1),
            Ok(_) => Ok(0),
            Err(message) => Err(message),
        };
    }
    if cli.toc {
        emit(dump::toc(&corpus).as_bytes())?;
        return Ok(0);
    }
    if cli.dump || !stdout_is_terminal {
        let width = match cli.width {
            Some(width) => usize::from(width),
            None => terminal_width(stdout_is_terminal),
        };
        emit(dump::dump(&corpus, width).as_bytes())?;
        return Ok(0);
    }
    crate::runtime::run_reader(corpus, Options { color })
        .map_err(|error| format!("cannot open the terminal: {error}"))?;
    Ok(0)
}

/// The dump's default width: the terminal's when stdout is one, else 80.
fn terminal_width(stdout_is_terminal: bool) -> usize {
    if !stdout_is_terminal {
        return dump::DEFAULT_WIDTH;
    }
    crossterm::terminal::size()
        .map(|(columns, _)| usize::from(columns).max(dump::MIN_WIDTH))
        .unwrap_or(dump::DEFAULT_WIDTH)
}

/// `--check`: a summary line per good file on stdout, every problem of a bad one on stderr.
fn check(paths: &[PathBuf], max_size: u64) -> Result<u8, String> {
    let mut status = 0;
    for path in paths {
        match corpus::load_file(path, max_size) {
            Ok(corpus) => {
                let name = path.display().to_string();
                let line = format!("{}: ok: {}\n", sanitize::escape(&name), summary(&corpus));
                emit(line.as_bytes())?;
            }
            // `depeche --check data/*.json` meets the format's schema: say so, it is no failure.
            Err(LoadError::JsonSchema { .. }) => {
                let name = path.display().to_string();
                let line = format!(
                    "{}: skipped: a JSON Schema, not a corpus\n",
                    sanitize::escape(&name)
                );
                emit(line.as_bytes())?;
            }
            Err(error) => {
                eprintln!("depeche: {error}");
                status = FAILURE;
            }
        }
    }
    Ok(status)
}

/// "1 article, 7 sections, 5 posts, 27 sources".
pub fn summary(corpus: &Corpus) -> String {
    let articles = corpus.articles.len();
    let sections: usize = corpus.articles.iter().map(|a| a.sections.len()).sum();
    let posts: usize = corpus.articles.iter().map(|a| a.posts.len()).sum();
    let paragraphs: usize = corpus
        .articles
        .iter()
        .flat_map(|a| a.blocks())
        .filter(|(_, b)| matches!(b, Block::Paragraph(_)))
        .count();
    let sources: usize = corpus.articles.iter().map(|a| a.sources.len()).sum();
    [
        (articles, "article"),
        (sections, "section"),
        (paragraphs, "paragraph"),
        (posts, "post"),
        (sources, "source"),
    ]
    .iter()
    .map(|&(n, what)| format!("{n} {what}{}", if n == 1 { "" } else { "s" }))
    .collect::<Vec<_>>()
    .join(", ")
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

/// Writes to stdout; a closed pipe (`depeche --dump | head`) ends quietly.
fn emit(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the output: {error}"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_suffixes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("10K"), Ok(10 * 1024));
        assert_eq!(parse_size("10kib"), Ok(10 * 1024));
        assert_eq!(parse_size("256MiB"), Ok(corpus::DEFAULT_MAX_SIZE));
        assert_eq!(parse_size("2 G"), Ok(2 << 30));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert!(parse_size("").is_err());
        assert!(parse_size("12X").unwrap_err().contains("is not a size"));
        assert!(parse_size("-5").is_err());
        assert!(parse_size("0").unwrap_err().contains("at least 1 byte"));
        assert!(parse_size("99999999999999999999G").is_err());
    }
}
