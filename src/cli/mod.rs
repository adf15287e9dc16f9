//! The command line (clap): the reader, or one of the non-interactive modes
//! `--dump`, `--toc`, `--check`, `--search`, or `import`. Each mode takes a
//! corpus or a web page (imported on the way).
//!
//! Exit status: 0 on success (and for `--search`, at least one match), 1 when
//! `--search` finds nothing, 2 for bad input (an empty query included) or any
//! other error. Errors go to stderr as `depeche: …`; the corpus is loaded
//! before the terminal is touched.

mod args;
mod check;
pub mod dump;
mod import;
mod output;
pub mod search;
pub mod toc;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

pub use args::parse_size;
pub use check::summary;

use args::{Cli, ColorWhen, Command};
use output::{FAILURE, emit};

use crate::config::{self, Config};
use crate::corpus;
use crate::import::{OpenOptions, open_file};
use crate::reader::{Options, Start};
use crate::search::SearchMode;

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
    let open = OpenOptions {
        max_size: cli.max_size,
        base_url: cli.base_url.clone(),
    };
    if cli.print_config {
        emit(config::print::default_config().as_bytes())?;
        return Ok(0);
    }
    if let Some(Command::Import(args)) = &cli.command {
        return import::import(args, &open);
    }
    if cli.check {
        return check::check(&cli.corpora, &open);
    }
    let query = cli.search.as_deref().or(cli.pattern.as_deref());
    if query.is_some_and(|q| q.trim().is_empty()) {
        return Err(EMPTY_QUERY.to_string());
    }
    let stdout_is_terminal = io::stdout().is_terminal();
    // The reader's configuration, read (and any mistake in it reported)
    // before the corpus, which may take a while.
    let reads = cli.search.is_none() && !cli.toc && !cli.dump && stdout_is_terminal;
    let config = if reads {
        reader_config(cli)?
    } else {
        Config::default()
    };
    let corpus = match cli.corpora.first() {
        Some(path) => {
            let opened = open_file(path, &open).map_err(|error| error.to_string())?;
            for warning in &opened.warnings {
                eprintln!("depeche: warning: {warning}");
            }
            opened.corpus
        }
        None => corpus::load_bundled().map_err(|error| error.to_string())?,
    };
    let color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    // Line numbers are those of the dump at --width, or at 80 columns.
    let lines_width = cli.width.map_or(dump::DEFAULT_WIDTH, usize::from);
    if let Some(query) = &cli.search {
        // Written as found; a closed pipe (`| head`) ends it quietly, as a success.
        let found =
            output::stream(|out| search::run(&corpus, query, cli.regex, color, lines_width, out))?;
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
    let mode = if cli.regex {
        SearchMode::Regex
    } else {
        SearchMode::Plain
    };
    let start = match (&cli.pattern, cli.line) {
        (Some(query), _) => Start::Search(query.clone(), mode),
        (None, Some(line)) => {
            let line = usize::try_from(line).unwrap_or(usize::MAX);
            match dump::place_of_line(&corpus, lines_width, line) {
                Some((article, text, byte)) => Start::Place {
                    article,
                    text,
                    byte,
                },
                None => return Err(format!("--line {line}: the dump has fewer lines")),
            }
        }
        (None, None) => Start::Top,
    };
    crate::runtime::run_reader(corpus, Options { color }, start, &config)
        .map_err(|error| format!("cannot open the terminal: {error}"))?;
    Ok(0)
}

/// The configuration the reader runs with (`--config`, `DEPECHE_CONFIG`, the
/// XDG file), `--plain` over it. Each problem is a line of the message.
fn reader_config(cli: &Cli) -> Result<Config, String> {
    let problems = |error: config::ConfigError| error.problems.join("\ndepeche: ");
    let path = config::locate(cli.config.as_deref()).map_err(problems)?;
    let mut config = config::load(path.as_deref()).map_err(problems)?;
    if cli.plain {
        config.settings.layout = config.settings.layout.plain();
    }
    Ok(config)
}

/// What an empty `--search` or `-p` says (exit status 2).
const EMPTY_QUERY: &str = "the query is empty: give some text to search for";

/// The dump's default width: the terminal's when stdout is one, else
/// `COLUMNS` when it holds a width (`depeche --dump | less` in a terminal
/// of that width), else 80.
fn terminal_width(stdout_is_terminal: bool) -> usize {
    if !stdout_is_terminal {
        return std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse::<usize>().ok())
            .filter(|&columns| columns > 0)
            .map_or(dump::DEFAULT_WIDTH, |columns| columns.max(dump::MIN_WIDTH));
    }
    crossterm::terminal::size()
        .map(|(columns, _)| usize::from(columns).max(dump::MIN_WIDTH))
        .unwrap_or(dump::DEFAULT_WIDTH)
}
