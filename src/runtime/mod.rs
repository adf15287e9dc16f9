//! The runtime: the terminal (its modes, signals, a watchdog, the panic
//! hook), the event loop, the worker threads that do the reader's heavy
//! work ([`work::perform`]), and the effects that touch the outside world
//! (a browser, the clipboard).

mod effects;
mod event_loop;
mod terminal;
pub mod work;

use std::io::{self, IsTerminal};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::SIGHUP;

pub use effects::{open_url, open_url_with, osc52_copy};
pub use terminal::{ISSUES_URL, restore, terminating_signals};

use crate::corpus::model::Corpus;
use crate::reader::{App, Options, Start};

/// Articles with more text than this (bytes) are laid out and indexed on worker threads, so the
/// first screen and every key stay quick (a megabyte lays out in about 30 ms, release build).
const OFFLOAD_BYTES: usize = 1 << 20;

/// Runs the full-screen reader, opened at `start`, until the user quits.
///
/// Returns an error (with the terminal restored) if there is no terminal to draw on or the
/// terminal fails. On any signal whose default action ends the process ([`terminating_signals`])
/// it restores the terminal and exits the process with status 128 + the signal number, as a
/// shell would report it.
pub fn run_reader(corpus: Corpus, options: Options, start: Start) -> io::Result<()> {
    let signal = terminal::register_signals()?;
    terminal::install_panic_hook();
    let guard = terminal::TerminalGuard::enter()?;
    terminal::spawn_watchdog(&signal)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut app = App::new(corpus, options);
    app.offload_large_work(OFFLOAD_BYTES);
    app.start_at(start);
    let outcome = event_loop::event_loop(&mut terminal, app, &signal);
    drop(terminal);
    drop(guard);
    // A hang-up makes reads and writes fail: it (or the signal) is the better account of that.
    if outcome.is_err() && !io::stdout().is_terminal() {
        signal.raise(SIGHUP);
    }
    if let Some(number) = signal.pending() {
        terminal::exit_for_signal(number);
    }
    outcome
}
