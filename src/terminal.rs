//! The terminal: set-up, the event loop, effects, and restoring the terminal on every exit path.
//!
//! Every way out restores the terminal (raw mode off, main screen back, cursor shown, mouse
//! reporting off): a quit and an error through [`TerminalGuard`]'s `Drop`, a panic through the
//! panic hook (before the message is printed, so it lands on the main screen), and SIGTERM,
//! SIGHUP and SIGINT through a flag the loop checks between polls. [`restore`] is idempotent, so
//! these paths may overlap.
//!
//! A watchdog thread covers the loop being stuck: crossterm 0.29 spins forever inside
//! `event::poll` once the terminal has hung up (its tty read returns EOF or EIO in a loop that
//! never looks at the timeout), so the loop would never see the SIGHUP flag. The watchdog also
//! notices a hang-up no signal announced, and exits for the loop if it has not within a grace.

use std::io::{self, IsTerminal, Write};
use std::panic::PanicHookInfo;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crossterm::cursor::Show;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::corpus::links;
use crate::corpus::model::Corpus;
use crate::reader::keymap;
use crate::reader::layout::ArticleLayout;
use crate::reader::{Action, App, Built, Effect, Options};
use crate::search::{Scan, SearchIndex, SearchMode};
use crate::ui;

/// Where a crash should be reported; printed by the panic hook.
pub const ISSUES_URL: &str = "https://github.com/depeche-reader/depeche/issues";

/// How often the loop wakes while something on screen is transient (`App::wants_tick`).
const TICK_INTERVAL: Duration = Duration::from_millis(200);
/// How long the loop waits for input otherwise: short enough to notice a signal promptly.
const IDLE_POLL: Duration = Duration::from_millis(250);
/// At most this many queued events are handled before the screen is redrawn, so a flood of
/// input (a held key, mouse motion) still shows progress.
const MAX_EVENTS_PER_FRAME: usize = 256;

/// How often the watchdog looks at the signal flag and the terminal.
const WATCH_INTERVAL: Duration = Duration::from_millis(100);
/// How long the watchdog lets the loop exit by itself after a signal or a hang-up.
const EXIT_GRACE: Duration = Duration::from_secs(1);

/// Articles with more text than this (bytes) are laid out and indexed on worker threads, so the
/// first screen and every key stay quick (a megabyte lays out in about 30 ms, release build).
const OFFLOAD_BYTES: usize = 1 << 20;
/// How often the loop looks for finished work while a worker runs.
const WORK_POLL: Duration = Duration::from_millis(20);

/// Whether the terminal is currently in the reader's modes (and so needs restoring).
static TERMINAL_ACTIVE: AtomicBool = AtomicBool::new(false);

type ReaderTerminal = Terminal<CrosstermBackend<io::Stdout>>;

/// Runs the full-screen reader until the user quits.
///
/// Returns an error (with the terminal restored) if there is no terminal to draw on or the
/// terminal fails. On SIGTERM, SIGHUP or SIGINT it restores the terminal and exits the process
/// with status 128 + the signal number, as a shell would report it.
pub fn run_reader(corpus: Corpus, options: Options) -> io::Result<()> {
    let signal = register_signals()?;
    install_panic_hook();
    let guard = TerminalGuard::enter()?;
    spawn_watchdog(&signal)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut app = App::new(corpus, options);
    app.offload_large_work(OFFLOAD_BYTES);
    let outcome = event_loop(&mut terminal, app, &signal);
    drop(terminal);
    drop(guard);
    // A hang-up makes reads and writes fail: it (or the signal) is the better account of that.
    if outcome.is_err() && !io::stdout().is_terminal() {
        signal.raise(SIGHUP);
    }
    if let Some(number) = signal.pending() {
        exit_for_signal(number);
    }
    outcome
}

/// Restores the terminal and exits with 128 + `number`, as a shell reports a death by signal.
/// The loop and the watchdog may both get here: the second one waits for the first to finish.
fn exit_for_signal(number: i32) -> ! {
    static EXITING: AtomicBool = AtomicBool::new(false);
    if EXITING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    restore();
    std::process::exit(128 + number)
}

/// Starts the thread that exits for the loop when the loop cannot (see the module doc): after a
/// signal, or once stdout is no longer a terminal (hung up), it gives the loop [`EXIT_GRACE`]
/// to leave by itself, then restores the terminal and exits.
fn spawn_watchdog(signal: &SignalFlag) -> io::Result<()> {
    let flag = Arc::clone(&signal.0);
    std::thread::Builder::new()
        .name("depeche-watchdog".into())
        .spawn(move || {
            let signal = SignalFlag(flag);
            loop {
                std::thread::sleep(WATCH_INTERVAL);
                if signal.pending().is_none() && !io::stdout().is_terminal() {
                    signal.raise(SIGHUP);
                }
                if let Some(number) = signal.pending() {
                    std::thread::sleep(EXIT_GRACE);
                    exit_for_signal(number);
                }
            }
        })?;
    Ok(())
}

/// Puts the terminal back in the state the reader found it in. Safe to call any number of
/// times and from the panic hook; errors are ignored because there is nothing better to do
/// with them on the way out (the terminal may be gone, as after SIGHUP).
pub fn restore() {
    if TERMINAL_ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            Show,
            LeaveAlternateScreen
        );
        let _ = disable_raw_mode();
    }
}

/// The terminal in the reader's modes; dropping it restores the terminal.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> io::Result<TerminalGuard> {
        // Raw mode needs a terminal to read keys from: stdin, else /dev/tty. Without one there
        // is no reader to run, which deserves a message better than the bare OS error.
        enable_raw_mode().map_err(|err| {
            io::Error::new(
                err.kind(),
                format!(
                    "no terminal to run the reader in ({err}); \
                     use --dump to print the article instead"
                ),
            )
        })?;
        TERMINAL_ACTIVE.store(true, Ordering::SeqCst);
        let guard = TerminalGuard;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// The pending termination signal (0 when none), set from the signal handlers.
struct SignalFlag(Arc<AtomicUsize>);

impl SignalFlag {
    /// Records `number` as pending unless a signal already is.
    fn raise(&self, number: i32) {
        let value = usize::try_from(number).expect("signal numbers are positive");
        let _ = self
            .0
            .compare_exchange(0, value, Ordering::SeqCst, Ordering::SeqCst);
    }

    fn pending(&self) -> Option<i32> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            number => i32::try_from(number).ok(),
        }
    }
}

/// Catches the signals that would otherwise kill the process with the terminal still in raw
/// mode. The handlers only set a flag (all that is safe in a handler); the loop does the rest.
/// They stay installed until the process exits, which it does soon after the reader returns.
fn register_signals() -> io::Result<SignalFlag> {
    let flag = Arc::new(AtomicUsize::new(0));
    for number in [SIGTERM, SIGHUP, SIGINT] {
        let value = usize::try_from(number).expect("signal numbers are positive");
        signal_hook::flag::register_usize(number, Arc::clone(&flag), value)?;
    }
    Ok(SignalFlag(flag))
}

/// Replaces the default panic message (which would be drawn into the alternate screen and
/// lost) with: restore the terminal, then a short message saying where to report the crash.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore();
        eprintln!("{}", crash_message(info));
    }));
}

fn crash_message(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown error");
    let location = info
        .location()
        .map(|at| format!("{}:{}:{}", at.file(), at.line(), at.column()))
        .unwrap_or_else(|| "unknown location".to_string());
    format!("depeche crashed: {what}\n  at {location}\nPlease report it at {ISSUES_URL}")
}

/// Runs until the user quits or a signal arrives (left pending in `signal` for the caller).
fn event_loop(terminal: &mut ReaderTerminal, mut app: App, signal: &SignalFlag) -> io::Result<()> {
    let started = Instant::now();
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut last_tick = Instant::now();
    let mut needs_draw = true;
    let workers = Workers::new();
    loop {
        if signal.pending().is_some() {
            return Ok(());
        }
        // Before drawing: a worker starts at once, and results show in this frame.
        needs_draw |= carry_out_effects(terminal, &mut app, &workers)?;
        if needs_draw {
            terminal.draw(|frame| ui::draw(frame, &app))?;
            needs_draw = false;
            debug_panic_for_tests();
        }
        if app.should_quit() {
            return Ok(());
        }

        let mut timeout = if app.wants_tick() {
            TICK_INTERVAL.saturating_sub(last_tick.elapsed())
        } else {
            IDLE_POLL
        };
        if app.has_background_work() {
            timeout = timeout.min(WORK_POLL);
        }
        let was_ticking = app.wants_tick();
        if event::poll(timeout)? {
            needs_draw |= handle_queued_events(&mut app, started)?;
        }
        if !was_ticking {
            // The first tick of something that just appeared comes a whole interval later.
            last_tick = Instant::now();
        }
        if app.wants_tick() && last_tick.elapsed() >= TICK_INTERVAL {
            app.update(Action::Tick);
            last_tick = Instant::now();
            needs_draw = true;
        }
        while let Ok(done) = workers.done.try_recv() {
            app.update(done);
            needs_draw = true;
        }
    }
}

/// Threads that lay out and index large articles off the UI thread; each sends its result back
/// as an action.
struct Workers {
    send: mpsc::Sender<Action>,
    done: mpsc::Receiver<Action>,
    /// Bumped by each layout asked for: an older one still running stops between sections.
    layout_generation: Arc<AtomicU64>,
}

impl Workers {
    fn new() -> Workers {
        let (send, done) = mpsc::channel();
        Workers {
            send,
            done,
            layout_generation: Arc::new(AtomicU64::new(0)),
        }
    }

    fn lay_out(&self, corpus: Arc<Corpus>, article: usize, width: u16) -> io::Result<()> {
        let generation = Arc::clone(&self.layout_generation);
        let mine = generation.fetch_add(1, Ordering::SeqCst) + 1;
        let send = self.send.clone();
        self.spawn("depeche-layout", move || {
            let cancelled = || generation.load(Ordering::SeqCst) != mine;
            let Some(text) = corpus.articles.get(article) else {
                return;
            };
            if let Some(layout) = ArticleLayout::build_cancellable(text, width, &cancelled) {
                let layout = Built(Arc::new(layout));
                let _ = send.send(Action::LayoutReady {
                    article,
                    width,
                    layout,
                });
            }
        })
    }

    fn index(&self, corpus: Arc<Corpus>, article: usize) -> io::Result<()> {
        let send = self.send.clone();
        self.spawn("depeche-index", move || {
            if let Some(text) = corpus.articles.get(article) {
                let index = Built(Arc::new(SearchIndex::build(text)));
                let _ = send.send(Action::SearchIndexReady { article, index });
            }
        })
    }

    /// A scan of the whole index; its result is sent back even when a newer
    /// one was asked for meanwhile (`App::update` drops it by generation).
    fn search(
        &self,
        index: Built<SearchIndex>,
        query: String,
        mode: SearchMode,
        generation: u64,
    ) -> io::Result<()> {
        let send = self.send.clone();
        self.spawn("depeche-search", move || {
            let scan = Built(Arc::new(Scan::run(&index.0, &query, mode)));
            let _ = send.send(Action::SearchDone { generation, scan });
        })
    }

    fn spawn(&self, name: &str, work: impl FnOnce() + Send + 'static) -> io::Result<()> {
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(work)
            .map(drop)
    }
}

/// Handles every event already queued (up to [`MAX_EVENTS_PER_FRAME`]) and reports whether
/// anything reached the app. A burst of resizes becomes one `Resize` with the last size, so a
/// window being dragged costs one layout and one frame per batch, not one per event.
fn handle_queued_events(app: &mut App, started: Instant) -> io::Result<bool> {
    let mut changed = false;
    let mut resized_to = None;
    for _ in 0..MAX_EVENTS_PER_FRAME {
        let action = match event::read()? {
            Event::Key(key) => keymap::action_for_key(app.key_context(), key),
            Event::Mouse(mouse) => {
                let now_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                keymap::action_for_mouse(mouse, now_ms)
            }
            Event::Resize(width, height) => {
                resized_to = Some((width, height));
                None
            }
            Event::FocusGained | Event::FocusLost | Event::Paste(_) => None,
        };
        if let Some(action) = action {
            app.update(action);
            changed = true;
        }
        if app.should_quit() || !event::poll(Duration::ZERO)? {
            break;
        }
    }
    if let Some((width, height)) = resized_to {
        app.update(Action::Resize { width, height });
        changed = true;
    }
    Ok(changed)
}

/// Carries out the effects the app asked for and reports each result back to it.
/// Returns whether there were any (the status line then changed).
fn carry_out_effects(
    terminal: &mut ReaderTerminal,
    app: &mut App,
    workers: &Workers,
) -> io::Result<bool> {
    let effects = app.take_effects();
    let any = !effects.is_empty();
    for effect in effects {
        let result = match effect {
            Effect::OpenUrl(url) => {
                let result = links::open_url(&url);
                // The browser is started with its output silenced, but a program that writes
                // to /dev/tty could still scribble on the screen: repaint it all.
                repaint_all(terminal)?;
                result
            }
            // The backend writes to the same `Stdout`, so the sequence goes out in order.
            Effect::CopyToClipboard(url) => copy_to_clipboard(&mut io::stdout(), &url),
            // The result comes back through `Workers::done`; only a failure to start is reported.
            Effect::Layout { article, width } => {
                match workers.lay_out(Arc::clone(&app.corpus), article, width) {
                    Ok(()) => continue,
                    Err(err) => Err(format!("could not lay the article out: {err}")),
                }
            }
            Effect::BuildSearchIndex { article } => {
                match workers.index(Arc::clone(&app.corpus), article) {
                    Ok(()) => continue,
                    Err(err) => Err(format!("could not index the article: {err}")),
                }
            }
            Effect::Search {
                index,
                query,
                mode,
                generation,
                ..
            } => match workers.search(index, query, mode, generation) {
                Ok(()) => continue,
                Err(err) => Err(format!("could not search the article: {err}")),
            },
        };
        app.update(Action::EffectDone(result));
    }
    Ok(any)
}

/// Clears the screen and makes the next draw write every cell. Not `Terminal::clear`: it asks
/// the terminal where its cursor is, and a terminal that does not answer would end the reader.
fn repaint_all(terminal: &mut ReaderTerminal) -> io::Result<()> {
    terminal.backend_mut().clear_region(ClearType::All)?;
    // The screen is blank now; an empty frame makes ratatui's idea of it blank too.
    terminal.draw(|_| {})?;
    Ok(())
}

/// Writes the OSC 52 sequence for `url` straight to the terminal. The terminal gives no answer,
/// so success means the sequence was sent.
fn copy_to_clipboard(out: &mut impl Write, url: &str) -> Result<String, String> {
    let sequence =
        links::osc52_copy(url).ok_or_else(|| "this link cannot be copied".to_string())?;
    out.write_all(sequence.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|err| format!("could not copy the link: {err}"))?;
    Ok(format!("copied {url}"))
}

/// Debug builds only: panic once the first frame is up when `DEPECHE_DEBUG_PANIC` is set, so the
/// end-to-end tests can check that a crash restores the terminal. Release builds have no such hook.
fn debug_panic_for_tests() {
    #[cfg(debug_assertions)]
    if std::env::var_os("DEPECHE_DEBUG_PANIC").is_some() {
        panic!("DEPECHE_DEBUG_PANIC is set");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_is_a_no_op_when_the_terminal_is_not_active() {
        // Would fail (or write escape sequences into the test output) if it touched the terminal.
        restore();
        restore();
        assert!(!TERMINAL_ACTIVE.load(Ordering::SeqCst));
    }

    #[test]
    fn signal_flag_keeps_the_first_pending_signal() {
        let flag = SignalFlag(Arc::new(AtomicUsize::new(0)));
        assert_eq!(flag.pending(), None);
        flag.raise(15);
        assert_eq!(flag.pending(), Some(15));
        flag.raise(1);
        assert_eq!(flag.pending(), Some(15), "the first signal wins");
    }

    #[test]
    fn copy_writes_the_osc52_sequence_or_reports_why_not() {
        let mut out = Vec::new();
        let result = copy_to_clipboard(&mut out, "https://example.org/a");
        match links::osc52_copy("https://example.org/a") {
            Some(sequence) => {
                assert!(result.is_ok());
                assert_eq!(out, sequence.as_bytes());
            }
            None => {
                assert!(result.is_err());
                assert!(out.is_empty());
            }
        }
        let mut out = Vec::new();
        assert!(copy_to_clipboard(&mut out, "javascript:alert(1)").is_err());
        assert!(out.is_empty(), "nothing written for a refused link");
    }
}
