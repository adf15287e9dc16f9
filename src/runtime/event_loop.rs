//! The event loop: draw when something changed, wait for a key, a resize,
//! a tick or finished work, turn events into actions, and carry out the
//! effects the reader asks for.

use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};

use super::Look;
use super::effects;
use super::hyperlinks::{LinkPainter, write_links};
use super::services::Services;
use super::terminal::{SignalFlag, panic_for_tests, take_worker_panic};
use super::work::Workers;
use crate::reader::keymap;
use crate::reader::{Action, App, Effect};
use crate::ui;

/// How often the loop wakes while something on screen is transient (`App::wants_tick`).
const TICK_INTERVAL: Duration = Duration::from_millis(200);
/// How long the loop waits for input otherwise: short enough to notice a signal promptly.
const IDLE_POLL: Duration = Duration::from_millis(250);
/// At most this many queued events are handled before the screen is redrawn, so a flood of
/// input (a held key, mouse motion) still shows progress.
const MAX_EVENTS_PER_FRAME: usize = 256;

/// How often the loop looks for finished work while a worker runs.
const WORK_POLL: Duration = Duration::from_millis(20);

pub(super) type ReaderTerminal = Terminal<CrosstermBackend<io::Stdout>>;

/// How long after handing the services a request the loop looks for answers often.
const SERVICE_WINDOW: Duration = Duration::from_secs(2);
/// How often it looks then.
const SERVICE_POLL: Duration = Duration::from_millis(4);

/// Runs until the user quits or a signal arrives (left pending in `signal` for the caller).
pub(super) fn event_loop(
    terminal: &mut ReaderTerminal,
    mut app: App,
    signal: &SignalFlag,
    look: &Look,
    services: Option<&Services>,
    answers: &std::sync::mpsc::Receiver<Action>,
) -> io::Result<()> {
    let started = Instant::now();
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut last_tick = Instant::now();
    let mut needs_draw = true;
    let mut workers = Workers::default();
    let mut corpus = Arc::clone(&app.corpus);
    let mut asked = Instant::now();
    let mut links = LinkPainter::default();
    loop {
        if signal.pending().is_some() {
            return Ok(());
        }
        if !Arc::ptr_eq(&corpus, &app.corpus) {
            // Another corpus (an item of the library): the old one's layouts
            // and scans, still on their way, go nowhere.
            workers = Workers::default();
            corpus = Arc::clone(&app.corpus);
        }
        // Before drawing: a worker starts at once, and results show in this frame.
        let (any, to_services) = carry_out_effects(terminal, &mut app, &workers, look, services)?;
        needs_draw |= any;
        if to_services {
            asked = Instant::now();
        }
        if needs_draw {
            let mut drawn = ui::Drawn::default();
            let frame = terminal.draw(|frame| drawn = ui::draw_with(frame, &app, look.theme))?;
            if look.hyperlinks {
                // Over the cells just flushed, the same cells as links.
                let paint = links.prepare(frame.buffer, &drawn.links);
                write_links(terminal.backend_mut(), &paint, drawn.cursor)?;
            }
            needs_draw = false;
            panic_for_tests();
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
        if asked.elapsed() < SERVICE_WINDOW || app.awaits_services() {
            // An answer from the store or the network shows within a few ms.
            timeout = timeout.min(SERVICE_POLL);
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
        while let Ok(answer) = answers.try_recv() {
            app.update(answer);
            needs_draw = true;
        }
        if let Some(panic) = take_worker_panic() {
            let what = panic.lines().next().unwrap_or_default();
            let what = what.strip_prefix("depeche crashed: ").unwrap_or(what);
            app.update(Action::EffectDone(Err(format!(
                "internal error on a worker thread (the reader goes on): {what}"
            ))));
            needs_draw = true;
        }
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
            Event::Key(key) => app.settings.keymap.action_for_key(app.key_context(), key),
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
/// Returns whether there were any (the status line then changed), and
/// whether some went to the services.
fn carry_out_effects(
    terminal: &mut ReaderTerminal,
    app: &mut App,
    workers: &Workers,
    look: &Look,
    services: Option<&Services>,
) -> io::Result<(bool, bool)> {
    let effects = app.take_effects();
    let any = !effects.is_empty();
    let mut to_services = false;
    for effect in effects {
        if let Effect::Remember(_) | Effect::Library(_) = effect {
            // Without services (no state), nothing is kept or fetched.
            if let Some(services) = services {
                services.send(effect);
                to_services = true;
            }
            continue;
        }
        let result = match effect {
            Effect::OpenUrl(url) => {
                let result = effects::open_url_configured(&url, look.browser.as_deref());
                // The browser is started with its output silenced, but a program that writes
                // to /dev/tty could still scribble on the screen: repaint it all.
                repaint_all(terminal)?;
                result
            }
            // The backend writes to the same `Stdout`, so the sequence goes out in order.
            Effect::CopyToClipboard(url) => effects::copy_to_clipboard(&mut io::stdout(), &url),
            // The answer comes back through `Workers::done`; only a failure to start is reported.
            work => {
                let what = match work {
                    Effect::Layout { .. } => "lay the article out",
                    Effect::BuildSearchIndex { .. } => "index the article",
                    Effect::FindLinks { .. } => "find the article's links",
                    _ => "search the article",
                };
                match workers.start(work, Arc::clone(&app.corpus)) {
                    Ok(()) => continue,
                    Err(err) => Err(format!("could not {what}: {err}")),
                }
            }
        };
        app.update(Action::EffectDone(result));
    }
    Ok((any, to_services))
}

/// Clears the screen and makes the next draw write every cell. Not `Terminal::clear`: it asks
/// the terminal where its cursor is, and a terminal that does not answer would end the reader.
fn repaint_all(terminal: &mut ReaderTerminal) -> io::Result<()> {
    terminal.backend_mut().clear_region(ClearType::All)?;
    // The screen is blank now; an empty frame makes ratatui's idea of it blank too.
    terminal.draw(|_| {})?;
    Ok(())
}
