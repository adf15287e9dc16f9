//! OSC 8: the links the frame reports are where their text is; written over
//! the frame, the sequences are byte-exact and move no column (read back by
//! vt100 and vte); a link wrapped over two lines is one link; nothing but a
//! safe http(s) URL ever goes into a sequence.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use crate::common::robust::{article_json, corpus_bytes, load, reader};
use crate::common::styled::draw_themed;
use depeche::reader::{Action, App, Pane};
use depeche::runtime::hyperlinks::{LinkPainter, OSC8_CLOSE, osc8_open, write_links};
use depeche::ui::{Hyperlink, Theme};
use proptest::prelude::*;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;
use vte::{Params, Parser, Perform};

/// A writer the test keeps a handle on while the backend owns it.
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

/// The bytes a terminal gets for `app`'s frame with its links: the whole
/// frame as ratatui writes it, then the links over it, as the runtime does.
fn frame_bytes(app: &App) -> (Buffer, Vec<Hyperlink>, Vec<u8>) {
    let (buffer, drawn, _) = draw_themed(app, Theme::standard(true));
    let captured = Captured::default();
    let mut backend = CrosstermBackend::new(captured.clone());
    let area = buffer.area;
    let cells = (0..area.height).flat_map(|y| (0..area.width).map(move |x| (x, y)));
    let mut hidden = 0;
    let mut all = Vec::new();
    for (x, y) in cells {
        if x == 0 {
            hidden = 0;
        }
        if hidden > 0 {
            hidden -= 1;
            continue;
        }
        let cell = &buffer[(x, y)];
        hidden = cell.symbol().width().saturating_sub(1);
        all.push((x, y, cell));
    }
    backend.draw(all.into_iter()).unwrap();
    let paint = LinkPainter::default().prepare(&buffer, &drawn.links);
    write_links(&mut backend, &paint, drawn.cursor).unwrap();
    Backend::flush(&mut backend).unwrap();
    let bytes = captured.0.take();
    (buffer, drawn.links, bytes)
}

/// What a link's cells show.
fn shown(buffer: &Buffer, link: &Hyperlink) -> String {
    let mut text = String::new();
    let mut x = link.x;
    while x < link.x + link.width {
        let symbol = buffer[(x, link.y)].symbol();
        text.push_str(symbol);
        x += symbol.width().max(1) as u16;
    }
    text
}

/// The OSC 8 sequences vte reads in the bytes, with the text printed
/// between each opening and its close.
#[derive(Default)]
struct Links {
    /// (params, url, text printed inside)
    opened: Vec<(String, String, String)>,
    inside: Option<usize>,
    other_osc: Vec<String>,
    unbalanced: usize,
}

impl Perform for Links {
    fn print(&mut self, c: char) {
        if let Some(i) = self.inside {
            self.opened[i].2.push(c);
        }
    }

    fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
        let text: Vec<String> = params
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        match text.as_slice() {
            [eight, params, url @ ..] if eight == "8" => {
                let url = url.join(";");
                if url.is_empty() {
                    if self.inside.take().is_none() {
                        self.unbalanced += 1;
                    }
                } else {
                    if self.inside.is_some() {
                        self.unbalanced += 1;
                    }
                    self.opened.push((params.clone(), url, String::new()));
                    self.inside = Some(self.opened.len() - 1);
                }
            }
            _ => self.other_osc.push(format!("{text:?}")),
        }
    }

    fn csi_dispatch(&mut self, _: &Params, _: &[u8], _: bool, _: char) {}
}

fn bundled(width: u16, height: u16) -> App {
    let mut app = App::new(
        depeche::corpus::load_bundled().unwrap(),
        depeche::reader::Options { color: true },
    );
    app.update(Action::Resize { width, height });
    app
}

#[test]
fn links_are_where_their_urls_are_drawn() {
    let mut checked = 0;
    for (width, height) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = bundled(width, height);
        for _ in 0..6 {
            let (buffer, links, _) = frame_bytes(&app);
            checked += links.len();
            for link in &links {
                let text = shown(&buffer, link);
                let visible = text.trim_end_matches('…');
                let bare = link
                    .url
                    .trim_start_matches("https://")
                    .trim_start_matches("http://");
                assert!(
                    !visible.is_empty() && (bare.contains(visible) || link.url.contains(visible)),
                    "{width}x{height}: {link:?} shows {text:?}"
                );
            }
            app.update(Action::NextPost);
        }
    }
    assert!(checked > 10, "only {checked} links seen");
}

#[test]
fn the_sequences_are_byte_exact_and_move_no_column() {
    let mut app = bundled(120, 40);
    // The first post's card whole on screen, and a source with a URL selected.
    app.update(Action::NextPost);
    app.update(Action::Focus(Pane::Sources));
    while app.sources.link(app.article()).is_none() {
        app.update(Action::Move(depeche::reader::Motion::LineDown));
    }
    let (buffer, links, bytes) = frame_bytes(&app);
    assert!(
        links.len() >= 2,
        "a post's link and the selected source's: {links:?}"
    );
    // The first post's link, as written on its card.
    let url = "https://pic.twitter.com/LXSrvPWqzS";
    let post = links
        .iter()
        .find(|l| l.url == url)
        .expect("the post's link");
    let open = format!("\x1b]8;id={};{url}\x1b\\", post.id);
    let at = bytes
        .windows(open.len())
        .position(|w| w == open.as_bytes())
        .expect("the exact opening");
    let close = bytes[at..]
        .windows(OSC8_CLOSE.len())
        .position(|w| w == OSC8_CLOSE.as_bytes())
        .expect("its close");
    let inside = String::from_utf8_lossy(&bytes[at + open.len()..at + close]);
    assert!(inside.contains("pic.twitter.com/LXSrvPWqzS"), "{inside:?}");

    // vte reads exactly one opening per link, each closed, around its text.
    let mut seen = Links::default();
    Parser::new().advance(&mut seen, &bytes);
    assert_eq!((seen.unbalanced, seen.inside), (0, None));
    assert!(seen.other_osc.is_empty(), "{:?}", seen.other_osc);
    assert_eq!(seen.opened.len(), links.len());
    for ((params, url, text), link) in seen.opened.iter().zip(&links) {
        assert_eq!(params, &format!("id={}", link.id));
        assert_eq!(url, &link.url);
        assert_eq!(text, &shown(&buffer, link));
    }

    // A terminal shows every cell where the frame put it.
    let mut terminal = vt100::Parser::new(40, 120, 0);
    terminal.process(&bytes);
    let screen = terminal.screen();
    for y in 0..40 {
        for x in 0..120 {
            let cell = &buffer[(x, y)];
            let Some(shown) = screen.cell(y, x) else {
                panic!("no cell at {x},{y}");
            };
            if shown.is_wide_continuation() {
                continue;
            }
            assert_eq!(shown.contents(), cell.symbol(), "at ({x},{y})");
        }
    }
    let cursor = app.sources.list.row_of(app.sources.list.selected);
    assert_eq!(
        screen.cursor_position(),
        (cursor, 91),
        "the cursor put back"
    );
}

#[test]
fn a_link_wrapped_over_lines_is_one_link() {
    let long =
        "https://example.org/un/chemin/tres/long/qui/ne/tient/pas/sur/une/seule/ligne/de/texte";
    let text = |name: &str| format!("{name} voir {long} et https://example.org/court.");
    let url = |u: &str| u.to_string();
    let corpus = load(&corpus_bytes(vec![article_json(&text, &url)]));
    let app = reader(corpus, 50, 20);
    let (_, links, _) = frame_bytes(&app);
    let parts: Vec<&Hyperlink> = links.iter().filter(|l| l.url == long).collect();
    assert!(parts.len() >= 2, "{links:?}");
    assert!(
        parts
            .windows(2)
            .all(|w| w[0].id == w[1].id && w[1].y == w[0].y + 1)
    );
    let short = links
        .iter()
        .find(|l| l.url == "https://example.org/court")
        .expect("the short one");
    assert_ne!(short.id, parts[0].id);
}

#[test]
fn links_under_an_overlay_are_not_links() {
    let mut app = bundled(120, 40);
    app.update(Action::Help);
    assert!(frame_bytes(&app).1.is_empty());
    let mut app = bundled(80, 24);
    app.update(Action::Focus(Pane::Sources));
    let (buffer, links, _) = frame_bytes(&app);
    for link in &links {
        assert!(
            link.y >= app.sources.detail.y,
            "only the details' URL: {link:?}"
        );
        assert!(shown(&buffer, link).starts_with("http"));
    }
}

#[test]
fn a_link_gone_from_the_screen_is_written_again_plainly() {
    let mut app = bundled(120, 40);
    app.update(Action::NextPost);
    let mut painter = LinkPainter::default();
    let (buffer, drawn, _) = draw_themed(&app, Theme::standard(true));
    painter.prepare(&buffer, &drawn.links);
    app.update(Action::Help);
    let (buffer, drawn, _) = draw_themed(&app, Theme::standard(true));
    let paint = painter.prepare(&buffer, &drawn.links);
    let captured = Captured::default();
    let mut backend = CrosstermBackend::new(captured.clone());
    write_links(&mut backend, &paint, None).unwrap();
    let bytes = captured.0.take();
    assert!(!bytes.is_empty(), "the old links' cells are written");
    assert!(
        !String::from_utf8_lossy(&bytes).contains("\x1b]8;id"),
        "as no link"
    );
}

/// Every way a URL might try to end the sequence early or start another.
const HOSTILE: &[&str] = &[
    "https://example.org/\x1b\\\x1b]8;;https://evil.example\x1b\\",
    "https://example.org/\x07\x1b]0;title\x07",
    "https://example.org/\u{9c}\u{9d}8;;x\u{9c}",
    "https://example.org/\x1b[2J",
    "https://example.org/a b",
    "https://example.org/\u{202e}txt.exe",
    "https://example.org/\r\n",
    "javascript:alert(1)",
    "data:text/html,<script>",
    "file:///etc/passwd",
    "https://",
    "",
];

/// A sequence is one OSC 8 for vte, and nothing else.
fn assert_one_osc8(sequence: &str, what: &str) {
    #[derive(Default)]
    struct Events(Vec<String>);
    impl Perform for Events {
        fn print(&mut self, c: char) {
            self.0.push(format!("print {c:?}"));
        }
        fn execute(&mut self, byte: u8) {
            self.0.push(format!("execute {byte:#x}"));
        }
        fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
            // A `;` in the URL splits it in vte's params: joined back, it is the URL.
            let url: Vec<String> = params[2.min(params.len())..]
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect();
            self.0.push(format!(
                "osc {:?} {}",
                params.first().map(|p| p.to_vec()),
                url.join(";")
            ));
        }
        fn csi_dispatch(&mut self, _: &Params, _: &[u8], _: bool, action: char) {
            self.0.push(format!("csi {action}"));
        }
        fn esc_dispatch(&mut self, _: &[u8], _: bool, byte: u8) {
            self.0.push(format!("esc {byte:#x}"));
        }
    }
    let mut events = Events::default();
    Parser::new().advance(&mut events, sequence.as_bytes());
    let url = sequence
        .splitn(3, ';')
        .nth(2)
        .and_then(|rest| rest.strip_suffix("\x1b\\"))
        .expect("ESC ] 8 ; params ; URL ESC \\");
    // ESC \ ends the string: vte reports the OSC and then the ESC '\'.
    assert_eq!(
        events.0,
        [format!("osc Some([56]) {url}"), "esc 0x5c".to_string()],
        "{what}: {sequence:?}"
    );
    assert_eq!(
        depeche::corpus::links::sanitize_url(url).as_deref(),
        Some(url),
        "{what}"
    );
    assert!(
        sequence
            .bytes()
            .skip(4)
            .take(sequence.len() - 6)
            .all(|b| b.is_ascii_graphic()),
        "{what}: {sequence:?}"
    );
}

#[test]
fn a_hostile_url_never_makes_a_sequence_of_its_own() {
    for url in HOSTILE {
        match osc8_open("depeche-0-u1", url) {
            None => {}
            Some(sequence) => assert_one_osc8(&sequence, url),
        }
    }
    assert!(osc8_open("id", "https://example.org/\x1b]8;;").is_none());
    let hostile_id = osc8_open("a\x1b]0;x\x07:b;c", "https://example.org/").unwrap();
    assert_one_osc8(&hostile_id, "a hostile id");
    assert!(hostile_id.starts_with("\x1b]8;;"), "the id left out");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_url_is_one_osc8_or_none(tail in any::<String>(), id in any::<String>()) {
        for url in [format!("https://example.org/{tail}"), tail.clone()] {
            if let Some(sequence) = osc8_open(&id, &url) {
                assert_one_osc8(&sequence, &url);
            }
        }
    }
}

#[test]
fn a_feed_known_by_its_url_is_a_link_in_the_library() {
    use crate::library::{feeds, library_with, show_items};
    use depeche::reader::Settings;
    use depeche::reader::library::{ItemEntry, LibraryEvent, Which};
    let mut listed = feeds();
    // Not fetched yet: its name is its URL.
    let url = "https://news9.example/feed.xml?lang=fr";
    listed[1].name = url.into();
    listed[1].url = url.into();
    let app = library_with(Settings::default(), listed, 120, 40);
    let (buffer, links, bytes) = frame_bytes(&app);
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].url, url);
    assert_eq!(links[0].id, "depeche-feed-2");
    assert_eq!(shown(&buffer, &links[0]), url);
    let mut seen = Links::default();
    Parser::new().advance(&mut seen, &bytes);
    assert_eq!((seen.unbalanced, seen.inside), (0, None));
    assert_eq!(seen.opened.len(), 1);
    assert_eq!(seen.opened[0].1, url);
    assert_eq!(seen.opened[0].2, url, "around the URL's cells only");
    let mut terminal = vt100::Parser::new(40, 120, 0);
    terminal.process(&bytes);
    for y in 0..40 {
        for x in 0..120 {
            let shown = terminal.screen().cell(y, x).expect("a cell");
            if !shown.is_wide_continuation() {
                assert_eq!(shown.contents(), buffer[(x, y)].symbol(), "at ({x},{y})");
            }
        }
    }

    // An item with no title but its URL; titled items are not links.
    let mut app = library_with(Settings::default(), feeds(), 120, 40);
    show_items(&mut app);
    let mut items = crate::library::items();
    let hostile = "https://news1.example/a\u{1b}]8;;evil\u{7}b";
    items.push(ItemEntry {
        title: "https://news1.example/untitled.html".into(),
        url: Some("https://news1.example/untitled.html".into()),
        ..items[0].clone()
    });
    items.push(ItemEntry {
        id: 99,
        title: hostile.into(),
        url: Some(hostile.into()),
        ..items[0].clone()
    });
    app.update(Action::LibraryEvent(LibraryEvent::Items {
        which: Which::Feed(1),
        items,
    }));
    let (_, links, bytes) = frame_bytes(&app);
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].url, "https://news1.example/untitled.html");
    let mut seen = Links::default();
    Parser::new().advance(&mut seen, &bytes);
    assert_eq!(seen.opened.len(), 1, "no sequence from the hostile URL");
    assert!(seen.other_osc.is_empty(), "{:?}", seen.other_osc);
}
