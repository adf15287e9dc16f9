//! Escape-sequence injection, at the byte level: corpora with CSI, OSC 0/8/52,
//! DCS, SOS/PM/APC, lone and unterminated ESC, C0, C1, DEL and bidi controls
//! in every field go through the real loader, the reader draws them with the
//! real crossterm backend into a buffer, and the `vte` parser reads back every
//! byte written: only depeche's own sequences (cursor moves, colours, clears)
//! may come out. Same for the dump, the outline and every message of the binary.

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};
use std::rc::Rc;

use crate::common::robust::{article_json, corpus_bytes};
use depeche::reader::keymap::action_for_key;
use depeche::reader::{App, Effect};
use depeche::runtime::hyperlinks::{LinkPainter, write_links};
use depeche::ui::{Drawn, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use vte::{Params, Parser, Perform};

/// Every way text can try to talk to a terminal, in one string.
const PAYLOAD: &str = concat!(
    "\x1b[31m\x1b[2J\x1b[?1049l\x1b[6n", // CSI: colour, clear, leave alt screen, report cursor
    "\u{9b}2J",                          // 8-bit CSI
    "\x1b]0;pwned\x07",                  // OSC 0 (window title), BEL-terminated
    "\x1b]8;;http://evil.example\x1b\\lien\x1b]8;;\x1b\\", // OSC 8 hyperlink, ST-terminated
    "\x1b]52;c;ZXZpbA==\x07",            // OSC 52 clipboard write
    "\u{9d}52;c;ZXZpbA==\u{9c}",         // 8-bit OSC and ST
    "\x1bP+q544e\x1b\\",                 // DCS (XTGETTCAP query)
    "\u{90}1$r\u{9c}",                   // 8-bit DCS
    "\x1bXsos\x1b\\\x1b^pm\x1b\\\x1b_apc\x1b\\", // SOS, PM, APC
    "\x1b7\x1bc\x1b(0\x1b#8",            // short escapes: save cursor, reset, charset, DECALN
    "\x00\x01\x07\x08\x0b\x0c\r\x0e\x0f\x1a\x1f\x7f", // C0 and DEL
    "\u{80}\u{85}\u{8d}\u{8e}\u{8f}\u{9a}\u{9f}", // C1
    "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}", // bidi embeddings and overrides
    "\u{2066}\u{2067}\u{2068}\u{2069}",  // bidi isolates
    "\x1b",                              // lone ESC
);

/// The payload without what sanitising leaves visible (the text of the OSC 8
/// link, CR turned into a space), so that a URL carrying it stays a URL.
const URL_PAYLOAD: &str = concat!(
    "\x1b[31m\u{9b}2J\x1b]0;pwned\x07\x1b]8;;http://evil.example\x1b\\\x1b]8;;\x1b\\",
    "\x1b]52;c;ZXZpbA==\x07\x1bP+q544e\x1b\\\x1b_apc\x1b\\\x1b7\x00\x07\x7f\u{85}\u{9f}",
    "\u{202e}\u{2066}\x1b",
);

/// Cut short: an OSC that never ends, then an ESC at the very end.
const UNTERMINATED: &str = "\x1b]0;never ends \x1b[";

fn hostile(text: &str) -> String {
    format!("{text}{PAYLOAD} {text}2{UNTERMINATED}")
}

fn hostile_url(url: &str) -> String {
    format!("{url}{URL_PAYLOAD}")
}

fn hostile_corpus() -> Vec<u8> {
    corpus_bytes(vec![article_json(&hostile, &hostile_url)])
}

/// What a terminal would do with the bytes: everything `vte` dispatches.
#[derive(Default)]
struct Seen {
    printed: String,
    /// Plain text output (pipes, messages) ends its lines with `\n`.
    newlines: bool,
    /// Everything but depeche's own sequences, described.
    foreign: Vec<String>,
}

impl Perform for Seen {
    fn print(&mut self, c: char) {
        if depeche::corpus::sanitize::is_bidi_control(c) || c == '\u{2028}' || c == '\u{2029}' {
            self.foreign.push(format!("printed {c:?}"));
        }
        self.printed.push(c);
    }

    fn execute(&mut self, byte: u8) {
        if self.newlines && byte == b'\n' {
            return self.printed.push('\n');
        }
        self.foreign.push(format!("control byte {byte:#04x}"));
    }

    fn hook(&mut self, _: &Params, intermediates: &[u8], _: bool, action: char) {
        self.foreign
            .push(format!("DCS {intermediates:?} {action:?}"));
    }

    fn put(&mut self, byte: u8) {
        self.foreign.push(format!("DCS data {byte:#04x}"));
    }

    fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
        self.foreign.push(format!("OSC {params:?}"));
    }

    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], _: bool, action: char) {
        let params: Vec<Vec<u16>> = params.iter().map(<[u16]>::to_vec).collect();
        let own = match (intermediates, action) {
            // Cursor position, colours and attributes, clearing.
            ([], 'H' | 'm' | 'J' | 'K') => true,
            // Hiding and showing the cursor.
            (b"?", 'h' | 'l') => params == [vec![25]],
            _ => false,
        };
        if !own {
            self.foreign.push(format!(
                "CSI {params:?} {:?} {action:?}",
                String::from_utf8_lossy(intermediates)
            ));
        }
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], _: bool, byte: u8) {
        self.foreign.push(format!(
            "ESC {:?} {:?}",
            String::from_utf8_lossy(intermediates),
            byte as char
        ));
    }
}

/// Parses bytes written to a terminal and fails on anything but depeche's own
/// sequences: no OSC, DCS, SOS/PM/APC, no control byte, no C1, no bidi control.
fn assert_only_own_sequences(bytes: &[u8], what: &str) -> String {
    check_sequences(bytes, what, false)
}

fn check_sequences(bytes: &[u8], what: &str, newlines: bool) -> String {
    let mut seen = Seen {
        newlines,
        ..Seen::default()
    };
    Parser::new().advance(&mut seen, bytes);
    // vte swallows SOS, PM and APC strings without a callback: look for their introducers.
    for pair in bytes.windows(2) {
        if pair[0] == 0x1b && matches!(pair[1], b'X' | b'^' | b'_' | b']' | b'P') {
            seen.foreign.push(format!("ESC {:?}", pair[1] as char));
        }
        if pair[0] == 0xc2 && (0x80..=0x9f).contains(&pair[1]) {
            seen.foreign.push(format!("C1 U+{:04X}", pair[1]));
        }
    }
    assert!(
        seen.foreign.is_empty(),
        "{what}: foreign output {:?}\nprinted: {}",
        seen.foreign,
        seen.printed
    );
    seen.printed
}

/// Plain text (pipes, messages): not a single escape or control byte but `\n`.
fn assert_plain(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || depeche::corpus::sanitize::is_bidi_control(c))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in\n{text}");
    check_sequences(bytes, what, true);
}

fn press(app: &mut App, code: KeyCode) {
    let modifiers = match code {
        KeyCode::BackTab => KeyModifiers::SHIFT,
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    if let Some(action) = action_for_key(app.key_context(), KeyEvent::new(code, modifiers)) {
        app.update(action);
    }
}

/// Keys that visit every pane, every overlay, every jump and a search.
const TOUR: &[KeyCode] = &[
    KeyCode::Char('j'),
    KeyCode::Char(']'),
    KeyCode::Char('}'),
    KeyCode::Char('1'),
    KeyCode::Char('j'),
    KeyCode::Enter,
    KeyCode::Char('3'),
    KeyCode::Enter,
    KeyCode::Backspace,
    KeyCode::Char('4'),
    KeyCode::Char('j'),
    KeyCode::Enter,
    KeyCode::Tab,
    KeyCode::Char('?'),
    KeyCode::Esc,
    KeyCode::Char('a'),
    KeyCode::Esc,
    KeyCode::Char('G'),
    KeyCode::Char('g'),
    // Search and links (once the reader has them): highlights over hostile text.
    KeyCode::Char('/'),
    KeyCode::Char('T'),
    KeyCode::Char('i'),
    KeyCode::Enter,
    KeyCode::Char('n'),
    KeyCode::Char('N'),
    KeyCode::Char('y'),
    KeyCode::Esc,
];

/// A writer the test keeps a handle on while the backend owns it (the
/// backend's own `writer()` is an unstable ratatui feature).
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A terminal drawing with crossterm into memory, of exactly this size.
fn crossterm_terminal(width: u16, height: u16) -> (Terminal<CrosstermBackend<Captured>>, Captured) {
    let captured = Captured::default();
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let terminal =
        Terminal::with_options(CrosstermBackend::new(captured.clone()), options).unwrap();
    (terminal, captured)
}

/// One tour of the reader at one size.
struct Session {
    size: (u16, u16),
    /// Every byte written to the terminal.
    output: Vec<u8>,
    /// Whether a search had matches at some point (its highlights were drawn).
    searched: bool,
    /// What the reader asked the terminal loop to do (open or copy a link).
    effects: Vec<Effect>,
}

/// Draws the reader with the real crossterm backend at every step of `TOUR`,
/// at several sizes.
fn reader_output(corpus_bytes: &[u8], sizes: &[(u16, u16)]) -> Vec<Session> {
    reader_output_drawn(corpus_bytes, sizes, false)
}

/// [`reader_output`], each frame followed by its links as OSC 8 hyperlinks
/// when `links`, as the runtime writes them.
fn reader_output_drawn(corpus_bytes: &[u8], sizes: &[(u16, u16)], links: bool) -> Vec<Session> {
    sizes
        .iter()
        .map(|&(width, height)| {
            let mut app = crate::common::robust::reader(
                crate::common::robust::load(corpus_bytes),
                width,
                height,
            );
            let (mut terminal, captured) = crossterm_terminal(width, height);
            let mut painter = LinkPainter::default();
            let mut draw = |terminal: &mut Terminal<CrosstermBackend<Captured>>, app: &App| {
                let mut drawn = Drawn::default();
                let frame = terminal
                    .draw(|frame| drawn = depeche::ui::draw_with(frame, app, Theme::standard(true)))
                    .unwrap();
                if links {
                    let paint = painter.prepare(frame.buffer, &drawn.links);
                    write_links(terminal.backend_mut(), &paint, drawn.cursor).unwrap();
                }
            };
            draw(&mut terminal, &app);
            let mut searched = false;
            let mut effects = Vec::new();
            for &key in TOUR {
                press(&mut app, key);
                searched |= !app.search.matches.is_empty();
                effects.extend(app.take_effects());
                draw(&mut terminal, &app);
            }
            Session {
                size: (width, height),
                output: captured.0.take(),
                searched,
                effects,
            }
        })
        .collect()
}

const SIZES: &[(u16, u16)] = &[(120, 40), (80, 24), (60, 20), (20, 6), (7, 3)];

#[test]
fn the_payload_has_every_kind_of_sequence() {
    // The test is only as good as its payload: it must trip the checker raw.
    let mut seen = Seen::default();
    Parser::new().advance(&mut seen, PAYLOAD.as_bytes());
    let foreign = seen.foreign.join("\n");
    for kind in [
        "CSI",
        "OSC",
        "DCS",
        "ESC",
        "control byte 0x07",
        "control byte 0x85",
    ] {
        assert!(foreign.contains(kind), "{kind} missing from\n{foreign}");
    }
    assert!(seen.printed.contains('\u{202e}'));
}

#[test]
fn the_reader_writes_only_its_own_sequences_from_a_hostile_corpus() {
    let bytes = hostile_corpus();
    for session in reader_output(&bytes, SIZES) {
        let (w, h) = session.size;
        let what = format!("reader at {w}x{h}");
        let printed = assert_only_own_sequences(&session.output, &what);
        if w >= 60 {
            // Not trivially clean: the corpus text is on screen, and so were
            // search highlights over it.
            for word in ["Titre", "Paragraphe", "Auteur"] {
                assert!(
                    printed.contains(word),
                    "{what}: {word} never printed:\n{printed}"
                );
            }
            assert!(session.searched, "{what}: the search found nothing");
        }
        for effect in &session.effects {
            let (Effect::OpenUrl(url) | Effect::CopyToClipboard(url)) = effect else {
                continue; // work for a worker thread, no URL
            };
            assert!(
                depeche::corpus::links::sanitize_url(url).as_ref() == Some(url),
                "{what}: {effect:?} is not a sanitised URL"
            );
        }
    }
}

#[test]
fn the_reader_writes_only_its_own_sequences_from_the_fixture_and_the_bundled_corpus() {
    let fixture = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpora/valid/hostile.json"),
    )
    .unwrap();
    for bytes in [fixture, depeche::corpus::BUNDLED_CORPUS.as_bytes().to_vec()] {
        for session in reader_output(&bytes, &[(100, 30)]) {
            assert_only_own_sequences(&session.output, "reader at 100x30");
        }
    }
}

/// Takes every OSC 8 out of `bytes`, each checked on the way: `ESC ] 8 ;`,
/// an `id=` of letters, digits, `-`, `_` and `.` (or none), `;`, a URL
/// `sanitize_url` leaves as it is (printable ASCII, http(s)) or nothing (the
/// close), `ESC \`. Returns the rest and how many links were opened.
fn take_hyperlinks(bytes: &[u8], what: &str) -> (Vec<u8>, usize) {
    const OPEN: &[u8] = b"\x1b]8;";
    let mut rest = Vec::with_capacity(bytes.len());
    let mut opened = 0;
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at..].starts_with(OPEN) {
            rest.push(bytes[at]);
            at += 1;
            continue;
        }
        let body = &bytes[at + OPEN.len()..];
        let end = body
            .windows(2)
            .position(|w| w == b"\x1b\\")
            .unwrap_or_else(|| panic!("{what}: an OSC 8 never ends"));
        let body = std::str::from_utf8(&body[..end]).expect("ASCII");
        let (params, url) = body.split_once(';').expect("params ; URL");
        assert!(
            params.is_empty()
                || params.strip_prefix("id=").is_some_and(|id| id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))),
            "{what}: params {params:?}"
        );
        if !url.is_empty() {
            assert_eq!(
                depeche::corpus::links::sanitize_url(url).as_deref(),
                Some(url),
                "{what}: an unsafe URL in a hyperlink"
            );
            opened += 1;
        }
        at += OPEN.len() + end + 2;
    }
    (rest, opened)
}

#[test]
fn with_clickable_links_the_only_osc_is_a_clean_hyperlink() {
    let tricky = |name: &str| {
        format!(
            "{name} https://example.org/{name};x=1?q=\"<>\"'`|^ www.exemple.fr/é \
             https://пример.рф/путь {}",
            hostile(name)
        )
    };
    let corpora = [
        ("hostile", hostile_corpus()),
        (
            "tricky",
            corpus_bytes(vec![article_json(&tricky, &hostile_url)]),
        ),
        (
            "bundled",
            depeche::corpus::BUNDLED_CORPUS.as_bytes().to_vec(),
        ),
    ];
    for (name, bytes) in corpora {
        let mut links = 0;
        for session in reader_output_drawn(&bytes, SIZES, true) {
            let (w, h) = session.size;
            let what = format!("{name} at {w}x{h}");
            let (rest, opened) = take_hyperlinks(&session.output, &what);
            links += opened;
            assert_only_own_sequences(&rest, &what);
        }
        if name != "hostile" {
            assert!(links > 0, "{name}: no link was ever drawn");
        }
    }
}

#[test]
fn the_screen_a_terminal_shows_is_the_screen_depeche_drew() {
    // The crossterm bytes, replayed in a terminal emulator, give the same
    // screen as TestBackend: nothing written moved the cursor elsewhere.
    let bytes = hostile_corpus();
    let corpus = crate::common::robust::load(&bytes);
    let (width, height) = (100, 30);
    let mut app = crate::common::robust::reader(corpus, width, height);
    press(&mut app, KeyCode::Char('}'));
    let expected = crate::common::robust::screen_text(&crate::common::robust::draw(&app));
    let (mut terminal, captured) = crossterm_terminal(width, height);
    terminal
        .draw(|frame| depeche::ui::draw(frame, &app))
        .unwrap();
    let mut emulator = vt100::Parser::new(height, width, 0);
    emulator.process(&captured.0.take());
    let shown: String = emulator
        .screen()
        .rows(0, width)
        .map(|row| format!("{row:<width$}\n", width = width as usize))
        .collect();
    let trimmed =
        |s: &str| -> Vec<String> { s.lines().map(|l| l.trim_end().to_string()).collect() };
    assert_eq!(trimmed(&shown), trimmed(&expected));
    assert!(expected.contains("Titre"), "{expected}");
}

#[test]
fn a_hostile_date_is_refused_naming_the_field() {
    let mut article = article_json(&|t: &str| t.to_string(), &|u: &str| u.to_string());
    article["sections"][1]["blocks"][0]["date"] =
        format!("2026-01-03\x1b]0;pwned\x07 {PAYLOAD}").into();
    let error = depeche::corpus::load_bytes("date.json", &corpus_bytes(vec![article]))
        .expect_err("a date with text after it")
        .to_string();
    assert!(
        error.contains("articles[0].sections[1].blocks[0].date"),
        "{error}"
    );
    assert_plain(error.as_bytes(), "date refusal");
}

#[test]
fn a_date_wrapped_in_escape_sequences_loads_clean() {
    // Sequences are removed before the date is checked: what is left is the date.
    let mut article = article_json(&|t: &str| t.to_string(), &|u: &str| u.to_string());
    article["date"] = "\x1b[31m2026-01-06\x1b]0;x\x07\u{202e}".into();
    let corpus = crate::common::robust::load(&corpus_bytes(vec![article]));
    assert_eq!(corpus.articles[0].date(), Some("2026-01-06"));
}

#[test]
fn urls_are_sanitised_or_refused() {
    let corpus = crate::common::robust::load(&hostile_corpus());
    let article = &corpus.articles[0];
    let post = article.sections[1].blocks[0].as_post().unwrap();
    for url in post
        .url
        .iter()
        .chain(&post.links)
        .chain(article.sources.iter().filter_map(|s| s.url.as_ref()))
    {
        assert!(url.starts_with("https://example.org/"), "{url}");
        assert!(depeche::corpus::links::check_url(url).is_ok(), "{url}");
        assert_plain(url.as_bytes(), "url");
    }
    // A scheme hidden behind sequences is still refused.
    let mut article = article_json(&|t: &str| t.to_string(), &|u: &str| u.to_string());
    article["sources"][0]["url"] =
        "\x1b[0mjavascript:alert(1)\x1b]8;;https://example.org\x07".into();
    let error = depeche::corpus::load_bytes("url.json", &corpus_bytes(vec![article]))
        .expect_err("a javascript: url")
        .to_string();
    assert!(error.contains("articles[0].sources[0].url"), "{error}");
    assert_plain(error.as_bytes(), "url refusal");
}

#[test]
fn the_dump_and_the_outline_are_plain_text() {
    let corpus = crate::common::robust::load(&hostile_corpus());
    for width in [20, 80] {
        let dump = depeche::cli::dump::dump(&corpus, width);
        assert_plain(dump.as_bytes(), &format!("dump at {width}"));
        for word in ["Titre", "Paragraphe", "Auteur", "Nom", "Description"] {
            assert!(dump.contains(word), "{word} missing from the dump\n{dump}");
        }
    }
    let toc = depeche::cli::toc::toc(&corpus);
    assert_plain(toc.as_bytes(), "toc");
    assert!(toc.contains("Intertitre"), "{toc}");
}

fn depeche(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run depeche")
}

#[test]
fn the_binary_prints_no_sequence_from_a_hostile_file_name_or_content() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("evil{PAYLOAD}.json").replace(['\0', '/'], "");
    let good = dir.path().join(&name);
    std::fs::write(&good, hostile_corpus()).unwrap();
    // Invalid JSON whose bad token and keys are hostile.
    let bad_json = dir
        .path()
        .join(format!("bad{PAYLOAD}.json").replace(['\0', '/'], ""));
    std::fs::write(
        &bad_json,
        format!("{{\"format\": \"depeche-corpus\", \"{PAYLOAD}\": tru{PAYLOAD}}}"),
    )
    .unwrap();
    // Valid JSON with hostile values where the format wants something else.
    let mut article = article_json(&hostile, &hostile_url);
    article["sections"][0]["blocks"][0]["cites"] = vec![hostile("nobody")].into();
    article["sections"][1]["blocks"][0]["platform"] = hostile("myspace").into();
    article[hostile("typo")] = "x".into();
    let bad_values = dir.path().join("values.json");
    std::fs::write(&bad_values, corpus_bytes(vec![article])).unwrap();
    let missing = dir
        .path()
        .join(format!("missing{PAYLOAD}").replace(['\0', '/'], ""));

    // Expected exit status; `--search` exits 1 when nothing matches (grep's convention).
    let runs: Vec<(Vec<&std::ffi::OsStr>, i32)> = vec![
        (vec!["--dump".as_ref(), good.as_os_str()], 0),
        (vec!["--toc".as_ref(), good.as_os_str()], 0),
        (vec!["--check".as_ref(), good.as_os_str()], 0),
        (
            vec!["--search".as_ref(), "Titre".as_ref(), good.as_os_str()],
            0,
        ),
        (
            vec!["--search".as_ref(), "nowhere".as_ref(), good.as_os_str()],
            1,
        ),
        (vec![good.as_os_str()], 0),
        (vec!["--check".as_ref(), bad_json.as_os_str()], 2),
        (vec!["--dump".as_ref(), bad_json.as_os_str()], 2),
        (vec!["--check".as_ref(), bad_values.as_os_str()], 2),
        (vec!["--check".as_ref(), missing.as_os_str()], 2),
        (
            vec![
                "--max-size".as_ref(),
                "10".as_ref(),
                "--check".as_ref(),
                good.as_os_str(),
            ],
            2,
        ),
    ];
    for (args, status) in runs {
        let output = depeche(&args);
        let what = format!("depeche {args:?}");
        let search = args[0] == "--search";
        // Until search lands (src/search.rs), every search says "no match".
        let code = output.status.code();
        assert!(
            code == Some(status) || (search && code == Some(1)),
            "{what}: {output:?}"
        );
        assert_plain(&output.stdout, &format!("{what}: stdout"));
        assert_plain(&output.stderr, &format!("{what}: stderr"));
        if status == 2 {
            assert!(!output.stderr.is_empty(), "{what}: no message");
        }
    }
}

#[test]
fn coloured_search_results_carry_only_colours() {
    // With colour forced, search results mix depeche's SGR with corpus text:
    // the only sequences in them must be depeche's own.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.json");
    std::fs::write(&file, hostile_corpus()).unwrap();
    for query in ["Titre", "Paragraphe", "lien"] {
        let output = depeche(&[
            "--color".as_ref(),
            "always".as_ref(),
            "--search".as_ref(),
            query.as_ref(),
            file.as_os_str(),
        ]);
        let what = format!("--color always --search {query}");
        // 0: found, 1: not found (grep's convention; all of them until search lands).
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{what}: {output:?}"
        );
        check_sequences(&output.stdout, &what, true);
        assert_plain(&output.stderr, &format!("{what}: stderr"));
    }
    // What was inside the sequences is gone from the text, so never found.
    for query in ["pwned", "ZXZpbA", "evil.example", "544e"] {
        let output = depeche(&["--search".as_ref(), query.as_ref(), file.as_os_str()]);
        assert_eq!(output.status.code(), Some(1), "{query}: {output:?}");
        assert_plain(&output.stdout, query);
    }
}

/// Records every OSC, and anything else dispatched, for the clipboard test.
#[derive(Default)]
struct Oscs {
    oscs: Vec<Vec<Vec<u8>>>,
    other: usize,
}

impl Perform for Oscs {
    fn print(&mut self, _: char) {
        self.other += 1;
    }
    fn execute(&mut self, _: u8) {
        self.other += 1;
    }
    fn hook(&mut self, _: &Params, _: &[u8], _: bool, _: char) {
        self.other += 1;
    }
    fn csi_dispatch(&mut self, _: &Params, _: &[u8], _: bool, _: char) {
        self.other += 1;
    }
    fn esc_dispatch(&mut self, _: &[u8], _: bool, _: u8) {
        self.other += 1;
    }
    fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
        self.oscs.push(params.iter().map(|p| p.to_vec()).collect());
    }
}

#[test]
fn the_only_osc_depeche_writes_is_a_clean_clipboard_copy() {
    use base64::Engine;
    // Every URL the hostile corpus holds, every URL found in its text, and
    // raw hostile URLs: the OSC 52 copy is one sequence holding base64 of a
    // plain http(s) URL, or nothing at all.
    let corpus = crate::common::robust::load(&hostile_corpus());
    let article = &corpus.articles[0];
    let mut candidates: Vec<String> = Vec::new();
    for text in article.texts() {
        let text = article.text(text).unwrap_or_default();
        candidates.extend(
            depeche::corpus::links::find_urls(text)
                .into_iter()
                .filter_map(|r| depeche::corpus::links::link_target(&text[r])),
        );
        candidates.push(text.to_string());
    }
    for (_, block) in article.blocks() {
        if let Some(post) = block.as_post() {
            candidates.extend(post.url.iter().chain(&post.links).map(|u| u.to_string()));
        }
    }
    candidates.extend(
        article
            .sources
            .iter()
            .filter_map(|s| Some(s.url.as_ref()?.to_string())),
    );
    candidates.push(hostile_url("https://example.org/raw"));
    candidates.push(format!("https://example.org/{PAYLOAD}"));
    candidates.push("https://example.org/\u{9d}52;c;ZXZpbA==\u{9c}".into());
    let mut copied = 0;
    for url in &candidates {
        let Some(sequence) = depeche::runtime::osc52_copy(url) else {
            continue;
        };
        copied += 1;
        let mut seen = Oscs::default();
        Parser::new().advance(&mut seen, sequence.as_bytes());
        assert_eq!(seen.other, 0, "{url:?} gives {sequence:?}");
        let [osc] = seen.oscs.as_slice() else {
            panic!("{url:?} gives {} OSC sequences", seen.oscs.len());
        };
        let [number, target, payload] = osc.as_slice() else {
            panic!("{url:?} gives {osc:?}");
        };
        assert_eq!(
            (number.as_slice(), target.as_slice()),
            (&b"52"[..], &b"c"[..])
        );
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .expect("base64");
        let decoded = String::from_utf8(decoded).expect("UTF-8");
        assert!(
            decoded.bytes().all(|b| b.is_ascii_graphic()) && decoded.starts_with("http"),
            "{url:?} copies {decoded:?}"
        );
    }
    assert!(copied >= 4, "only {copied} URLs could be copied");
}

/// The bytes of the first frame and of each of ten `j` presses, drawn with
/// the real crossterm backend at 120×40.
fn frame_bytes(corpus_bytes: &[u8]) -> Vec<usize> {
    let (width, height) = (120, 40);
    let mut app =
        crate::common::robust::reader(crate::common::robust::load(corpus_bytes), width, height);
    let (mut terminal, captured) = crossterm_terminal(width, height);
    let mut frames = Vec::new();
    for step in 0..=10 {
        if step > 0 {
            press(&mut app, KeyCode::Char('j'));
        }
        terminal
            .draw(|frame| depeche::ui::draw(frame, &app))
            .unwrap();
        frames.push(captured.0.take().len());
    }
    frames
}

/// One cell's worth of each shape of issue 11 (item 5), `n` units long.
fn cluster_floods(n: usize) -> Vec<(&'static str, String)> {
    vec![
        (
            "a ZWJ after every 16 marks",
            format!(
                "a{}",
                format!("{}\u{200d}", "\u{301}".repeat(16)).repeat(n / 16)
            ),
        ),
        ("U+200C", format!("a{}", "\u{200c}".repeat(n))),
        ("tags", format!("\u{1f3f4}{}", "\u{e0067}".repeat(n))),
        ("U+FF9E", format!("\u{ff76}{}", "\u{ff9e}".repeat(n))),
        ("zero-width spaces", format!("a{}", "\u{200b}".repeat(n))),
    ]
}

/// A corpus whose paragraphs and post are `words` words, each with `flood`
/// in the middle (just the words when `flood` is empty), its other texts
/// one flooded word.
fn flooded(flood: &str, words: usize) -> Vec<u8> {
    let word = |i: usize| format!("mot{i}{flood}fin");
    let text = |name: &str| match name {
        "Paragraphe" | "Suite" | "Texte du post" => {
            (0..words).map(word).collect::<Vec<_>>().join(" ")
        }
        _ => format!("{name} {}", word(0)),
    };
    corpus_bytes(vec![article_json(&text, &|u: &str| u.to_string())])
}

/// Issue 11, item 5: 96,000 marks on one letter made the first frame 2.7 MB
/// and ten presses of `j` 12 MB. What one cell carries is capped at load,
/// so a frame costs what the screen holds, not what the text holds: the same
/// at n and 4n, a few times the same screen of plain text, and at most
/// `MAX_CELL_BYTES` a cell however every word is made.
#[test]
fn no_frame_sends_more_than_the_screen_holds() {
    let cells = 120 * 40;
    let plain = frame_bytes(&flooded("", 1));
    let floods = cluster_floods(6_000)
        .into_iter()
        .zip(cluster_floods(24_000));
    let full_floods = cluster_floods(200).into_iter().zip(cluster_floods(800));
    for (((what, small), (_, large)), ((_, full_small), (_, full_large))) in floods.zip(full_floods)
    {
        // The shape: one flooded cluster among ordinary words.
        let one = frame_bytes(&flooded(&small, 1));
        assert_eq!(one, frame_bytes(&flooded(&large, 1)), "{what}: n and 4n");
        for (step, (&bytes, &plain)) in one.iter().zip(&plain).enumerate() {
            assert!(
                bytes <= 3 * plain + 2_000,
                "{what}, frame {step}: {bytes} bytes, plain {plain}"
            );
        }
        // Every word flooded, the screen full of them.
        let full = frame_bytes(&flooded(&full_small, 600));
        assert_eq!(
            full,
            frame_bytes(&flooded(&full_large, 600)),
            "{what}: n and 4n, full"
        );
        let bound = cells * (depeche::corpus::sanitize::MAX_CELL_BYTES / 4);
        for (step, &bytes) in full.iter().enumerate() {
            assert!(
                bytes <= bound,
                "{what}, full frame {step}: {bytes} bytes > {bound}"
            );
        }
    }
}
