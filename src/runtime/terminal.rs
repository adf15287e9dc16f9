//! The terminal: entering the reader's modes, and restoring the terminal on every exit path.
//!
//! Every way out restores the terminal (raw mode off, main screen back, cursor shown, mouse
//! reporting off): a quit and an error through [`TerminalGuard`]'s `Drop`, a panic through the
//! panic hook (before the message is printed, so it lands on the main screen), and every signal
//! whose default action ends the process ([`terminating_signals`]: SIGTERM, SIGHUP, SIGINT,
//! SIGQUIT, SIGUSR1, SIGALRM, SIGPIPE, the real-time signals…) through a flag the loop checks
//! between polls. [`restore`] is idempotent, so these paths may overlap.
//!
//! A watchdog thread covers the loop being stuck: crossterm 0.29 spins forever inside
//! `event::poll` once the terminal has hung up (its tty read returns EOF or EIO in a loop that
//! never looks at the timeout), so the loop would never see the SIGHUP flag. The watchdog also
//! notices a hang-up no signal announced, and exits for the loop if it has not within a grace.

use std::io::{self, IsTerminal};
use std::panic::PanicHookInfo;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::SIGHUP;

/// Where a crash should be reported; printed by the panic hook.
pub const ISSUES_URL: &str = "https://github.com/depeche-reader/depeche/issues";

/// How often the watchdog looks at the signal flag and the terminal.
const WATCH_INTERVAL: Duration = Duration::from_millis(100);
/// How long the watchdog lets the loop exit by itself after a signal or a hang-up.
const EXIT_GRACE: Duration = Duration::from_secs(1);

/// Whether the terminal is currently in the reader's modes (and so needs restoring).
static TERMINAL_ACTIVE: AtomicBool = AtomicBool::new(false);

/// Restores the terminal and exits with 128 + `number`, as a shell reports a death by signal.
/// The loop and the watchdog may both get here: the second one waits for the first to finish.
pub(super) fn exit_for_signal(number: i32) -> ! {
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
pub(super) fn spawn_watchdog(signal: &SignalFlag) -> io::Result<()> {
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
pub(super) struct TerminalGuard;

impl TerminalGuard {
    pub(super) fn enter() -> io::Result<TerminalGuard> {
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
pub(super) struct SignalFlag(pub(super) Arc<AtomicUsize>);

impl SignalFlag {
    /// Records `number` as pending unless a signal already is.
    pub(super) fn raise(&self, number: i32) {
        let value = usize::try_from(number).expect("signal numbers are positive");
        let _ = self
            .0
            .compare_exchange(0, value, Ordering::SeqCst, Ordering::SeqCst);
    }

    pub(super) fn pending(&self) -> Option<i32> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            number => i32::try_from(number).ok(),
        }
    }
}

/// The signals whose default action ends the process (POSIX's "terminate" and "core"), but
/// SIGKILL, which no process can catch, and the faults a handler cannot return from (SIGSEGV,
/// SIGBUS, SIGILL, SIGFPE: safe Rust raises none, and Rust's own stack-overflow report
/// needs SIGSEGV and SIGBUS).
pub fn terminating_signals() -> Vec<i32> {
    let mut signals = vec![
        libc::SIGHUP,
        libc::SIGINT,
        libc::SIGQUIT,
        libc::SIGTERM,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGPIPE,
        libc::SIGABRT,
        libc::SIGTRAP,
        libc::SIGSYS,
        libc::SIGVTALRM,
        libc::SIGPROF,
        libc::SIGXCPU,
        libc::SIGXFSZ,
        libc::SIGIO,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        signals.extend([libc::SIGPWR, libc::SIGSTKFLT]);
        signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    signals
}

/// Catches the signals that would otherwise kill the process with the terminal still in raw
/// mode ([`terminating_signals`]). The handlers only set a flag (all that is safe in a handler);
/// the loop does the rest. They stay installed until the process exits, which it does soon
/// after the reader returns.
pub(super) fn register_signals() -> io::Result<SignalFlag> {
    let flag = Arc::new(AtomicUsize::new(0));
    for number in terminating_signals() {
        let value = usize::try_from(number).expect("signal numbers are positive");
        signal_hook::flag::register_usize(number, Arc::clone(&flag), value)?;
    }
    Ok(SignalFlag(flag))
}

/// Replaces the default panic message (which would be drawn into the alternate screen and
/// lost) with: restore the terminal, then a short message saying where to report the crash.
///
/// Only a panic of the UI thread tears the screen down: a worker's (a parser's, caught with
/// `catch_unwind` and turned into an error for its feed or page) leaves the reader running,
/// and its message is kept for [`take_worker_panic`] instead of being drawn over the screen.
pub(super) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if std::thread::current().name() != Some("main") {
            if let Ok(mut last) = WORKER_PANIC.lock() {
                *last = Some(crash_message(info));
            }
            return;
        }
        restore();
        eprintln!("{}", crash_message(info));
    }));
}

/// The last panic of a worker thread, for the status line.
static WORKER_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// The last panic of a worker thread since the last call, if any.
pub(super) fn take_worker_panic() -> Option<String> {
    WORKER_PANIC.lock().ok()?.take()
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

/// A test hook, honoured in every build so that a release build's crash path can be tested
/// too: with `DEPECHE_TEST_PANIC` set, the reader panics once its first frame is up, and the
/// end-to-end tests check that the terminal is restored. It does nothing else.
pub(super) fn panic_for_tests() {
    static ASKED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ASKED.get_or_init(|| std::env::var_os("DEPECHE_TEST_PANIC").is_some()) {
        panic!("DEPECHE_TEST_PANIC is set");
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
}
