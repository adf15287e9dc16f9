//! The runtime: the terminal (its modes, signals, a watchdog, the panic
//! hook), the event loop, the worker threads that do the reader's heavy
//! work ([`work::perform`]), the services that keep state and fetch
//! ([`services`]: the store's thread, fetches, refreshes), and the effects
//! that touch the outside world (a browser, the clipboard).

mod background;
mod effects;
mod event_loop;
pub mod hyperlinks;
pub mod services;
mod terminal;
pub mod work;

use std::io::{self, IsTerminal};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::SIGHUP;

pub use effects::{open_url, open_url_configured, open_url_with, osc52_copy};
pub use terminal::{ISSUES_URL, restore, terminating_signals};

pub use services::{ServiceConfig, StoreSource, moved_aside_message};

use crate::config::{Config, Osc8, ThemeName};
use crate::corpus::model::Corpus;
use crate::reader::{App, Options, Start};
use crate::store::DocumentKey;
use crate::ui::Theme;

/// What the reader opens beside its corpus: its state, the library.
pub struct Session {
    /// The store and the network; `None`: nothing is remembered or fetched.
    pub services: Option<ServiceConfig>,
    /// The document the corpus is (its places and marks are kept under it).
    pub document: Option<DocumentKey>,
    /// Open the library instead of the corpus.
    pub library: Option<LibraryStart>,
    /// Said in the status line at start (a database moved aside…).
    pub notices: Vec<String>,
}

impl Session {
    /// Nothing remembered, nothing fetched.
    pub fn none() -> Session {
        Session {
            services: None,
            document: None,
            library: None,
            notices: Vec::new(),
        }
    }
}

/// Where the library opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryStart {
    /// The feed list.
    Feeds,
    /// One feed's items (by its id in the store).
    Feed(i64),
}

/// Articles with more text than this (bytes) are laid out and indexed on worker threads, so the
/// first screen and every key stay quick (a megabyte lays out in about 30 ms, release build).
const OFFLOAD_BYTES: usize = 1 << 20;

/// How the screen is drawn, decided once at start.
pub(crate) struct Look {
    pub theme: Theme,
    /// Whether links are written as OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// The configuration's browser command, if any.
    pub browser: Option<String>,
}

impl Look {
    /// The theme (`auto` asks the terminal, before it is in the reader's
    /// modes) and the links as the configuration says.
    fn new(config: &Config, options: Options) -> Look {
        let light = match config.theme.name {
            ThemeName::Auto if options.color => background::background_is_light(),
            _ => None,
        };
        let hyperlinks = match config.links.osc8 {
            Osc8::Auto => supports_hyperlinks::on(supports_hyperlinks::Stream::Stdout),
            Osc8::Always => true,
            Osc8::Never => false,
        };
        Look {
            theme: config.theme.resolve(options.color, light),
            hyperlinks,
            browser: config.links.browser.clone(),
        }
    }
}

/// Runs the full-screen reader, opened at `start`, with `config`'s keys,
/// theme, layout and links, until the user quits.
///
/// Returns an error (with the terminal restored) if there is no terminal to draw on or the
/// terminal fails. On any signal whose default action ends the process ([`terminating_signals`])
/// it restores the terminal and exits the process with status 128 + the signal number, as a
/// shell would report it (every place asked to be kept is written first).
pub fn run_reader(
    corpus: Corpus,
    options: Options,
    start: Start,
    config: &Config,
    session: Session,
) -> io::Result<()> {
    let signal = terminal::register_signals()?;
    terminal::install_panic_hook();
    let look = Look::new(config, options);
    let guard = terminal::TerminalGuard::enter()?;
    terminal::spawn_watchdog(&signal)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut app = App::with_settings(corpus, options, config.settings.clone());
    app.offload_large_work(OFFLOAD_BYTES);
    app.start_at(start);
    let offline = session
        .services
        .as_ref()
        .is_none_or(|s| s.fetcher.is_none());
    if let Some(document) = &session.document
        && session.services.is_some()
    {
        app.remember_as(document.as_key());
    }
    match session.library {
        Some(LibraryStart::Feeds) => app.open_library(offline),
        Some(LibraryStart::Feed(id)) => app.open_library_feed(id, offline),
        None => {}
    }
    for notice in session.notices {
        app.update(crate::reader::Action::EffectDone(Err(notice)));
    }
    let (done, answers) = std::sync::mpsc::channel();
    let services = match session.services {
        Some(config) => Some(services::Services::start(config, done)?),
        None => None,
    };
    let outcome = event_loop::event_loop(
        &mut terminal,
        app,
        &signal,
        &look,
        services.as_ref(),
        &answers,
    );
    drop(terminal);
    drop(guard);
    // Every place and mark asked to be kept is written before the process ends.
    if let Some(services) = services {
        services.finish();
    }
    // A hang-up makes reads and writes fail: it (or the signal) is the better account of that.
    if outcome.is_err() && !io::stdout().is_terminal() {
        signal.raise(SIGHUP);
    }
    if let Some(number) = signal.pending() {
        terminal::exit_for_signal(number);
    }
    outcome
}
