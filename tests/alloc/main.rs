//! Every dimension of the input against every mode (docs/security.md,
//! "Cost"), counted by a global allocator: what each mode allocates (calls,
//! bytes) and holds at its peak over a hostile shape at n and at 4n. None
//! may grow faster than linearly (×4, within a margin; quadratic would be
//! ×16): memory, and the work that allocates, follow the input. The loops
//! that allocate nothing are counted by `corpus::cost` (tests/cli/cost.rs).
//!
//! A binary of its own: the allocator is the process's. Counts are per
//! thread, so tests running side by side do not mix.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io;

use depeche::cli::{dump, search, toc};
use depeche::corpus::generate::{Hostile, hostile};
use depeche::corpus::load_bytes;
use depeche::corpus::model::Corpus;
use depeche::reader::keymap::action_for_key;
use depeche::reader::{Action, App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

struct Counting;

#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    calls: u64,
    bytes: u64,
    live: i64,
    peak: i64,
}

thread_local! {
    static COUNTS: Cell<Counts> = const { Cell::new(Counts { calls: 0, bytes: 0, live: 0, peak: 0 }) };
}

fn record(grown: i64, call: bool) {
    // `try_with`: a thread being torn down has no counts left to keep.
    let _ = COUNTS.try_with(|c| {
        let mut counts = c.get();
        if call {
            counts.calls += 1;
            counts.bytes += grown.max(0) as u64;
        }
        counts.live += grown;
        counts.peak = counts.peak.max(counts.live);
        c.set(counts);
    });
}

// SAFETY: every call goes to the system allocator unchanged; only counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size() as i64, true);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        record(-(layout.size() as i64), false);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size as i64 - layout.size() as i64, true);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What `f` allocated on this thread: calls, bytes, and its peak of live bytes.
fn counted<T>(f: impl FnOnce() -> T) -> (T, Counts) {
    let before = COUNTS.with(Cell::get);
    COUNTS.with(|c| {
        c.set(Counts {
            peak: before.live,
            ..before
        })
    });
    let out = f();
    let after = COUNTS.with(Cell::get);
    let counts = Counts {
        calls: after.calls - before.calls,
        bytes: after.bytes - before.bytes,
        live: after.live - before.live,
        peak: after.peak - before.live,
    };
    (out, counts)
}

/// A mode, named, run on a loaded corpus.
type Mode = (&'static str, fn(&Corpus));

/// The modes, each run on a loaded corpus (loading is a mode of its own).
fn modes() -> Vec<Mode> {
    vec![
        ("--dump", |c| {
            dump::write_dump(c, 80, &mut io::sink()).unwrap()
        }),
        ("--toc", |c| drop(toc::toc(c))),
        ("--search a", |c| {
            drop(search::run(c, "a", false, false, 80, &mut io::sink()).unwrap())
        }),
        ("--search [ae] --regex", |c| {
            drop(search::run(c, "[ae]", true, false, 80, &mut io::sink()).unwrap())
        }),
        ("reader: first frame", |c| drop(first_frame(c.clone()))),
        ("reader: j, Tab, /a, Enter, n", |c| {
            keys(&mut first_frame(c.clone()))
        }),
    ]
}

fn first_frame(corpus: Corpus) -> App {
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    draw(&app);
    app
}

fn draw(app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| depeche::ui::draw(frame, app))
        .unwrap();
}

fn keys(app: &mut App) {
    for code in [
        KeyCode::Char('j'),
        KeyCode::Tab,
        KeyCode::Char('/'),
        KeyCode::Char('a'),
        KeyCode::Enter,
        KeyCode::Char('n'),
    ] {
        if let Some(action) =
            action_for_key(app.key_context(), KeyEvent::new(code, KeyModifiers::NONE))
        {
            app.update(action);
        }
        draw(app);
    }
}

/// Sizes small enough for a debug build, large enough that fixed costs fade.
fn n(shape: Hostile) -> usize {
    match shape {
        Hostile::Words | Hostile::LongId | Hostile::Fdfa | Hostile::Marks => 4_000,
        Hostile::Links | Hostile::PostLinks | Hostile::Cites => 500,
        Hostile::Sections | Hostile::Articles => 250,
    }
}

fn assert_at_most_linear(what: &str, small: Counts, large: Counts) {
    for (metric, a, b) in [
        ("allocation calls", small.calls as f64, large.calls as f64),
        ("bytes allocated", small.bytes as f64, large.bytes as f64),
        (
            "peak live bytes",
            small.peak.max(0) as f64,
            large.peak.max(0) as f64,
        ),
    ] {
        // Below a few kilobytes or calls, what is counted is fixed cost.
        let ratio = b / a.max(4096.0);
        assert!(
            ratio <= 5.0,
            "{what}: {metric} {a} at n, {b} at 4n: ×{ratio:.1}"
        );
    }
}

#[test]
fn no_mode_allocates_faster_than_linearly_in_any_dimension() {
    for shape in Hostile::ALL {
        let n = n(shape);
        let (small, large) = (hostile(shape, n), hostile(shape, 4 * n));
        let (corpus_small, load_small) = counted(|| load_bytes("t.json", &small).unwrap());
        let (corpus_large, load_large) = counted(|| load_bytes("t.json", &large).unwrap());
        assert_at_most_linear(&format!("loading {}", shape.name()), load_small, load_large);
        for (mode, run) in modes() {
            let ((), a) = counted(|| run(&corpus_small));
            let ((), b) = counted(|| run(&corpus_large));
            assert_at_most_linear(&format!("{mode} on {}", shape.name()), a, b);
        }
    }
}

// ---------------------------------------------------------------------------
// Peak memory against the file (issue 11, item 11): every mode, from the
// file's bytes to its last output, holds at most 4× the file at once. What
// a run holds whatever the file (the reader's screen buffers, a compiled
// regex, the allocator's rounding) is measured on a tiny corpus of the same
// shape and left out: what grows with the file may not pass 4× its growth.

/// What may differ between the tiny run and the large one beyond 4× the
/// file's growth (a cache cleared at another moment, a table's rounding).
const SLACK: u64 = 64 << 10;

/// Each hostile shape at about a megabyte and tiny, and the bundled article scaled.
fn corpora() -> Vec<(String, Vec<u8>, Vec<u8>)> {
    use depeche::corpus::generate::{Shape, scaled_bundled};
    let mut out: Vec<(String, Vec<u8>, Vec<u8>)> = Hostile::ALL
        .iter()
        .map(|&shape| {
            let n = match shape {
                Hostile::Words => 500_000,
                Hostile::LongId => 1_000_000,
                Hostile::Fdfa => 330_000,
                Hostile::Marks => 500_000,
                Hostile::Links => 30_000,
                Hostile::PostLinks => 8_000,
                Hostile::Cites => 20_000,
                Hostile::Sections => 12_000,
                Hostile::Articles => 8_000,
            };
            (
                shape.name().to_string(),
                hostile(shape, 16),
                hostile(shape, n),
            )
        })
        .collect();
    for (name, shape) in [
        ("bundled ×60", Shape::OneArticle),
        ("bundled ×60 articles", Shape::ManyArticles),
    ] {
        out.push((
            name.into(),
            scaled_bundled(1, shape),
            scaled_bundled(60, shape),
        ));
    }
    out
}

/// A mode run from a loaded corpus to its last output.
type WholeMode = (&'static str, fn(Corpus));

fn whole_modes() -> Vec<WholeMode> {
    vec![
        ("--check", drop),
        ("--dump", |c| {
            dump::write_dump(&c, 80, &mut io::sink()).unwrap()
        }),
        ("--toc", |c| drop(toc::toc(&c))),
        ("--search a", |c| {
            drop(search::run(&c, "a", false, false, 80, &mut io::sink()).unwrap())
        }),
        ("--search [ae] --regex", |c| {
            drop(search::run(&c, "[ae]", true, false, 80, &mut io::sink()).unwrap())
        }),
        ("reader: first frame", |c| drop(reader(c, &[]))),
        ("reader: a scroll through", |c| {
            let mut keys = vec![KeyCode::PageDown; 12];
            keys.push(KeyCode::End);
            keys.extend([KeyCode::PageUp; 12]);
            keys.extend([KeyCode::Home, KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
            drop(reader(c, &keys))
        }),
    ]
}

/// The reader as the runtime drives it: the size, then each key, the work
/// it asks for done at once (as its workers would), a frame after each.
fn reader(corpus: Corpus, keys: &[KeyCode]) -> App {
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    settle(&mut app);
    draw(&app);
    for &code in keys {
        if let Some(action) =
            action_for_key(app.key_context(), KeyEvent::new(code, KeyModifiers::NONE))
        {
            app.update(action);
            settle(&mut app);
        }
        draw(&app);
    }
    app
}

fn settle(app: &mut App) {
    loop {
        let effects = app.take_effects();
        if effects.is_empty() {
            return;
        }
        for effect in effects {
            if let Some(done) = depeche::runtime::work::perform(&effect, &app.corpus.clone()) {
                app.update(done);
            }
        }
    }
}

/// The most held at once by loading `bytes` and running `mode`, the file's bytes included.
fn whole_peak(bytes: &[u8], mode: fn(Corpus)) -> u64 {
    let owned = bytes.to_vec();
    let ((), counts) = counted(move || {
        mode(depeche::corpus::load_owned("t.json", owned).unwrap());
    });
    bytes.len() as u64 + counts.peak.max(0) as u64
}

#[test]
fn no_mode_holds_more_than_four_times_the_file() {
    let mut over = Vec::new();
    for (name, tiny, bytes) in corpora() {
        let grown = (bytes.len() - tiny.len()) as u64;
        let mut line = format!("{name:22} {:6} KB", bytes.len() / 1000);
        for (mode, run) in whole_modes() {
            let fixed = whole_peak(&tiny, run);
            let peak = whole_peak(&bytes, run);
            let beyond = peak.saturating_sub(fixed);
            line += &format!(" | {mode} {:.2}", beyond as f64 / grown as f64);
            if beyond > 4 * grown + SLACK {
                over.push(format!(
                    "{mode} on {name}: {peak} bytes at peak, {fixed} on a tiny corpus: \
                     {:.2}× the growth of the file ({grown} bytes)",
                    beyond as f64 / grown as f64
                ));
            }
        }
        eprintln!("{line}");
    }
    assert!(over.is_empty(), "over 4× the file:\n{}", over.join("\n"));
}
