//! The command line (clap): the reader, or one of the non-interactive modes
//! `--dump`, `--toc`, `--check`, `--search`, or `import`; the library
//! (`feeds`, `refresh`, `library`). Each mode takes a corpus, a web page
//! (imported on the way) or an http(s) URL (a page fetched, or a feed).
//!
//! Exit status: 0 on success (and for `--search`, at least one match), 1 when
//! `--search` finds nothing or some feeds failed, 2 for bad input (an empty
//! query included) or any other error. Errors go to stderr as `depeche: …`;
//! the corpus is loaded before the terminal is touched.

mod args;
mod check;
pub mod dump;
mod feeds;
mod import;
mod output;
pub mod search;
pub mod toc;
mod web;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

pub use args::parse_size;
pub use check::summary;

use args::{Cli, ColorWhen, Command};
use output::{FAILURE, emit};

use std::sync::Arc;

use crate::config::{self, Config};
use crate::corpus::model::Corpus;
use crate::corpus::{self, sanitize};
use crate::import::{OpenOptions, open_file};
use crate::library::articles::{self, UrlContent};
use crate::library::{self, DEFAULT_CONCURRENCY, Fetch};
use crate::reader::{Options, Start};
use crate::runtime::{LibraryStart, ServiceConfig, Session, StoreSource};
use crate::search::SearchMode;
use crate::store::{self, DocumentKey, Store};

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
    let reading = cli.dump
        || cli.toc
        || cli.check
        || cli.search.is_some()
        || cli.pattern.is_some()
        || cli.line.is_some()
        || cli.width.is_some()
        || !cli.corpora.is_empty();
    if cli.command.is_some() && reading {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "a command (import, feeds, refresh, library) takes no CORPUS, --dump, --toc, --check, \
                 --search, -p, --line or --width",
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
    match &cli.command {
        Some(Command::Import(args)) => return import::import(args, &open, cli),
        Some(Command::Feeds(args)) => return feeds::feeds(args, cli),
        Some(Command::Refresh(args)) => return feeds::refresh(args, cli),
        Some(Command::Library) => return library_reader(cli),
        None => {}
    }
    if cli.check {
        return check::check(&cli.corpora, &open, cli);
    }
    let query = cli.search.as_deref().or(cli.pattern.as_deref());
    if query.is_some_and(|q| q.trim().is_empty()) {
        return Err(EMPTY_QUERY.to_string());
    }
    let stdout_is_terminal = io::stdout().is_terminal();
    let interactive = stdout_is_terminal && cli.search.is_none() && !cli.toc && !cli.dump;
    // The reader's configuration, read (and any mistake in it reported)
    // before the corpus, which may take a while or be fetched.
    let config = if interactive {
        reader_config(cli)?
    } else {
        Config::default()
    };
    let mut session = None;
    let corpus = match cli.corpora.first() {
        Some(path) if let Some(url) = web::as_url(path) => {
            if interactive {
                match open_url_for_reader(cli, url)? {
                    Ok((corpus, opened)) => {
                        session = Some(opened);
                        corpus
                    }
                    // A feed: its items in the library.
                    Err(opened) => {
                        return run_session(cli, Corpus::default(), Start::Top, opened, &config);
                    }
                }
            } else {
                let (corpus, warnings, _) = web::url_corpus(cli, url)?;
                for warning in &warnings {
                    eprintln!("depeche: warning: {warning}");
                }
                corpus
            }
        }
        Some(path) => {
            let opened = open_file(path, &open).map_err(|error| error.to_string())?;
            for warning in &opened.warnings {
                eprintln!("depeche: warning: {warning}");
            }
            if interactive {
                session = Some(state_session(cli, DocumentKey::for_path(path)));
            }
            opened.corpus
        }
        None => {
            if interactive {
                session = Some(state_session(cli, Some(DocumentKey::Bundled)));
            }
            corpus::load_bundled().map_err(|error| error.to_string())?
        }
    };
    let color = color(cli, stdout_is_terminal);
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
    run_session(
        cli,
        corpus,
        start,
        session.unwrap_or_else(Session::none),
        &config,
    )
}

/// Runs the reader with its session (state, library) and configuration.
fn run_session(
    cli: &Cli,
    corpus: Corpus,
    start: Start,
    session: Session,
    config: &Config,
) -> Result<u8, String> {
    let color = color(cli, io::stdout().is_terminal());
    crate::runtime::run_reader(corpus, Options { color }, start, config, session)
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

fn color(cli: &Cli, stdout_is_terminal: bool) -> bool {
    match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The reader's state: its store, opened on the storage thread after the
/// first frame (or in memory with `--no-state`), the fetcher unless
/// `--offline`. A store that cannot be found is said in the status line.
fn state_session(cli: &Cli, document: Option<DocumentKey>) -> Session {
    let mut notices = Vec::new();
    let store = if cli.no_state {
        StoreSource::Memory
    } else {
        match store::default_path(cli.data_dir.as_deref()) {
            Ok(path) => StoreSource::Path(path),
            Err(error) => {
                notices.push(format!("{error}; nothing is remembered this time"));
                StoreSource::Memory
            }
        }
    };
    let fetcher = if cli.offline {
        None
    } else {
        match web::fetcher(cli) {
            Ok(fetcher) => Some(Arc::new(fetcher)),
            Err(error) => {
                notices.push(format!("{error}; nothing can be fetched"));
                None
            }
        }
    };
    Session {
        services: Some(ServiceConfig {
            store,
            fetcher,
            concurrency: DEFAULT_CONCURRENCY,
        }),
        document,
        library: None,
        notices,
    }
}

/// The session with a store opened now (a newer or unusable database:
/// the reader still opens, remembering nothing, and says why).
fn opened_session(cli: &Cli, document: Option<DocumentKey>) -> (Session, Option<Store>) {
    let mut session = state_session(cli, document);
    match web::open_store(cli) {
        Ok((store, notices)) => {
            session.notices.extend(notices);
            (session, Some(store))
        }
        Err(error) => {
            session
                .notices
                .push(format!("{error}; nothing is remembered this time"));
            if let Some(services) = session.services.as_mut() {
                services.store = StoreSource::Memory;
            }
            (session, None)
        }
    }
}

/// `depeche library`: the feeds, in the reader.
fn library_reader(cli: &Cli) -> Result<u8, String> {
    if !io::stdout().is_terminal() {
        return Err("depeche library needs a terminal (depeche feeds lists the feeds)".into());
    }
    let config = reader_config(cli)?;
    let mut session = state_session(cli, None);
    session.library = Some(LibraryStart::Feeds);
    run_session(cli, Corpus::default(), Start::Top, session, &config)
}

/// A URL for the reader: a page (fetched and imported, or as stored with
/// `--offline`) as `Ok`, kept so it reads offline; a feed, subscribed to
/// with its items, as `Err` with the session that opens the library on it.
fn open_url_for_reader(cli: &Cli, url: &str) -> Result<Result<(Corpus, Session), Session>, String> {
    let document = DocumentKey::Url(url.to_string());
    let (mut session, store) = opened_session(cli, Some(document.clone()));
    let mut store = store.unwrap_or_else(Store::in_memory);
    if cli.offline {
        if let Some(corpus) = articles::stored_page(&store, url).map_err(|e| e.to_string())? {
            return Ok(Ok((corpus, with_store(session, store))));
        }
        if let Some(feed) = store.feed(url).map_err(|e| e.to_string())? {
            session.library = Some(LibraryStart::Feed(feed.id));
            session.document = None;
            return Ok(Err(with_store(session, store)));
        }
        return Err(web::never_read(url));
    }
    let fetcher = web::fetcher(cli)?;
    match articles::open_url(&fetcher, url).map_err(|e| e.to_string())? {
        UrlContent::Page(page) => {
            for note in &page.notes {
                eprintln!("depeche: warning: {}: {note}", sanitize::for_message(url));
            }
            if let Err(error) = articles::store_fetched(&mut store, &document, &page) {
                session
                    .notices
                    .push(format!("the page could not be kept: {error}"));
            }
            Ok(Ok((page.corpus, with_store(session, store))))
        }
        UrlContent::Feed {
            url: feed_url,
            feed,
            etag,
            last_modified,
        } => {
            let title = Some(feed.title.clone()).filter(|t| !t.is_empty());
            let (id, new) = store
                .add_feed(&feed_url, title.as_deref(), feed.site_url.as_deref(), None)
                .map_err(|e| e.to_string())?;
            let row = store
                .feed(&feed_url)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| "the feed vanished from the database".to_string())?;
            library::record(
                &mut store,
                &row,
                Fetch::Parsed {
                    feed,
                    etag,
                    last_modified,
                },
            )
            .map_err(|e| e.to_string())?;
            if new && !cli.no_state {
                session.notices.push(format!(
                    "added to your feeds: {} (depeche feeds remove URL to drop it)",
                    sanitize::for_message(title.as_deref().unwrap_or(&feed_url))
                ));
            }
            session.library = Some(LibraryStart::Feed(id));
            session.document = None;
            Ok(Err(with_store(session, store)))
        }
    }
}

/// The session's services use `store` (already open).
fn with_store(mut session: Session, store: Store) -> Session {
    if let Some(services) = session.services.as_mut() {
        services.store = StoreSource::Opened(store);
    }
    session
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
