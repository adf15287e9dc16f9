//! The command line (clap): the reader, or one of the non-interactive modes
//! `--dump`, `--toc`, `--check`, `--search`.
//!
//! Exit status: 0 on success (and for `--search`, at least one match), 1 when
//! `--search` finds nothing, 2 for bad input or any other error. Errors go to
//! stderr as `depeche: …`; the corpus is loaded before the terminal is touched.

mod args;
mod check;
pub mod dump;
mod output;
pub mod search;
pub mod toc;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

pub use args::parse_size;
pub use check::summary;

use args::{Cli, ColorWhen};
use output::{FAILURE, emit};

use crate::corpus;
use crate::reader::Options;

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
        return check::check(&cli.corpora, cli.max_size);
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
        // Written as found; a closed pipe (`| head`) ends it quietly, as a success.
        let found = output::stream(|out| search::run(&corpus, query, cli.regex, color, out))?;
        return match found {
            None => Ok(0),
            Some(Ok(0)) => Ok(1),
            Some(Ok(_)) => Ok(0),
            Some(Err(message)) => Err(message),
        };
    }
    if cli.toc {
        emit(toc::toc(&corpus).as_bytes())?;
        return Ok(0);
    }
    if cli.dump || !stdout_is_terminal {
        let width = match cli.width {
            Some(width) => usize::from(width),
            None => terminal_width(stdout_is_terminal),
        };
        output::stream(|out| dump::write_dump(&corpus, width, out))?;
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
