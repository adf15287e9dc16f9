//! Width traps: characters whose width is easy to get wrong, huge marks
//! stacks, long URLs, a 20 MB paragraph. They load, lay out, and draw with
//! every row exactly the terminal's width and every border in its place.

use crate::common::robust::{Screen, assert_sound, corpus_bytes, load, reader};
use depeche::corpus::model::{Block, Corpus};
use depeche::reader::layout::ArticleLayout;
use depeche::reader::{Action, App, Motion, Pane};
use ratatui::buffer::Buffer;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

const HEART: &str = "\u{2764}\u{fe0f}"; // ❤️ (VS16)
const THUMB: &str = "\u{1f44d}\u{1f3fd}"; // 👍🏽
const FAMILY: &str = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}"; // 👨‍👩‍👧‍👦
const FLAGS: &str = "\u{1f1eb}\u{1f1f7}\u{1f1fa}\u{1f1e6}"; // 🇫🇷🇺🇦
const KEYCAP: &str = "1\u{fe0f}\u{20e3}"; // 1️⃣
const KATAKANA: &str = "\u{ff76}\u{ff9e}\u{ff77}\u{ff9e}"; // ｶﾞｷﾞ

/// Sizes from roomy to cramped, odd widths included (wide characters at pane edges).
const SIZES: [(u16, u16); 7] = [
    (120, 40),
    (101, 30),
    (80, 24),
    (71, 20),
    (50, 16),
    (21, 7),
    (20, 6),
];

/// Text full of traps, with a no-break space or two.
fn trap_text(n: usize) -> String {
    format!(
        "{n}. {HEART} aime {THUMB} et {FAMILY} {FLAGS} {KEYCAP} 日本語のテキスト{KATAKANA} \
         Ｆｕｌｌｗｉｄｔｈ e\u{301}te\u{301} auto\u{ad}mo\u{ad}bile 5\u{a0}% et 90\u{202f}% «\u{a0}oui\u{a0}» \
         مرحبا עברית Здравствуйте"
    )
}

fn paragraph(text: &str) -> Value {
    json!({"type": "paragraph", "text": text})
}

fn trap_corpus() -> Corpus {
    let blocks: Vec<Value> = (0..6)
        .map(|n| paragraph(&trap_text(n)))
        .chain([json!({
            "type": "post", "id": "p1", "platform": "x", "author": format!("{FAMILY} 作者 {KATAKANA}"),
            "handle": "日本", "date": "2026-01-01", "text": trap_text(9),
            "links": ["https://example.org/日本語/ｶﾞ"]
        })])
        .collect();
    let article = json!({
        "id": "a", "title": format!("Titre {HEART} {FAMILY} 日本語のタイトル {KATAKANA}"),
        "notice": format!("{FLAGS} avis"),
        "sections": [
            {"id": "lead", "heading": null, "blocks": blocks},
            {"id": "s2", "heading": format!("見出し {THUMB} {KEYCAP} 全角の見出しはとても長い"),
             "blocks": [paragraph(&trap_text(7))]}
        ],
        "sources": [{"id": "s", "kind": "person", "name": format!("名前 {FAMILY} {KATAKANA}")}]
    });
    load(&corpus_bytes(vec![article]))
}

/// Draws every page of the article and of each list at every size; checks every screen.
fn check_everywhere(corpus: &Corpus, what: &str) {
    for (w, h) in SIZES {
        let mut app = reader(corpus.clone(), w, h);
        let mut screen = Screen::default();
        let what = format!("{what} at {w}x{h}");
        loop {
            screen.check(&app, &format!("{what}, line {}", app.top));
            let before = app.top;
            app.update(Action::Move(Motion::PageDown));
            if app.top == before {
                break;
            }
        }
        for pane in [Pane::Sections, Pane::Quotes, Pane::Sources] {
            app.update(Action::Focus(pane));
            screen.check(&app, &format!("{what}, {pane:?}"));
        }
    }
}

/// Every cell of the screen, as symbols.
fn cells(buf: &Buffer) -> Vec<&str> {
    buf.content().iter().map(|c| c.symbol()).collect()
}

#[test]
fn emoji_cjk_and_katakana_keep_rows_and_borders_aligned() {
    check_everywhere(&trap_corpus(), "traps");
}

#[test]
fn each_cluster_is_one_cell_of_its_width() {
    let app = reader(trap_corpus(), 120, 40);
    let buf = Screen::default().draw(&app).clone();
    let symbols = cells(&buf);
    for (cluster, width) in [
        (HEART, 2),
        (THUMB, 2),
        (FAMILY, 2),
        ("\u{1f1eb}\u{1f1f7}", 2),
        ("日", 2),
        ("\u{ff76}\u{ff9e}", 2),
        ("e\u{301}", 1),
    ] {
        let at = symbols
            .iter()
            .position(|s| *s == cluster)
            .unwrap_or_else(|| {
                panic!(
                    "{cluster:?} is not one cell\n{}",
                    crate::common::robust::screen_text(&buf)
                )
            });
        assert_eq!(cluster.width(), width, "{cluster:?}");
        // The cell a wide cluster covers stays blank.
        if width == 2 {
            assert_eq!(symbols[at + 1], " ", "{cluster:?}");
        }
    }
}

#[test]
fn the_checker_catches_a_broken_row_and_a_broken_border() {
    // assert_sound is what most of these tests rest on: it must fail when it should.
    let app = reader(trap_corpus(), 120, 40);
    let good = Screen::default().draw(&app).clone();
    assert_sound(&app, &good, "as drawn");
    let quotes = app.geometry.quotes.expect("quotes at 120 columns");
    // (what, column, row, symbol written there)
    let breakages = [
        (
            "a wide character over a border",
            quotes.x - 1,
            quotes.y + 3,
            "日",
        ),
        ("text on a border", quotes.x, quotes.y + 3, "x"),
        ("a zero-width cell", 5, 5, "\u{301}"),
        ("a wide character across the right edge", 119, 0, "日"),
    ];
    for (name, x, y, symbol) in breakages {
        let mut bad = good.clone();
        bad[(x, y)].set_symbol(symbol);
        let caught = std::panic::catch_unwind(|| assert_sound(&app, &bad, name)).is_err();
        assert!(caught, "not caught: {name}");
    }
}

#[test]
fn a_million_combining_marks_load_capped_and_draw_as_one_cell() {
    let flood = format!("Z{}algo et la suite", "\u{301}".repeat(1_000_000));
    let article = json!({
        "id": "a", "title": flood, "sections": [{"id": "s", "heading": flood, "blocks": [paragraph(&flood)]}],
        "sources": [{"id": "x", "kind": "person", "name": flood}]
    });
    let corpus = load(&corpus_bytes(vec![article]));
    let article = &corpus.articles[0];
    let Block::Paragraph(p) = &article.sections[0].blocks[0] else {
        panic!("a paragraph");
    };
    let cap = depeche::corpus::sanitize::MAX_COMBINING_MARKS;
    for text in [&p.text, &article.title, &article.sources[0].name] {
        assert_eq!(text.chars().filter(|&c| c == '\u{301}').count(), cap);
        assert!(text.ends_with("algo et la suite"), "{text}");
    }
    for (w, h) in [(120, 40), (20, 6)] {
        let app = reader(corpus.clone(), w, h);
        let buf = Screen::default().draw(&app).clone();
        assert_sound(&app, &buf, &format!("marks at {w}x{h}"));
        let longest = cells(&buf).iter().map(|s| s.chars().count()).max().unwrap();
        assert!(longest <= cap + 1, "a cell of {longest} chars");
        assert!(crate::common::robust::screen_text(&buf).contains("algo"));
    }
}

#[test]
fn line_and_paragraph_separators_become_line_breaks() {
    let article = json!({
        "id": "a", "title": "Titre\u{2028}sur une ligne",
        "sections": [{"id": "s", "heading": null, "blocks": [
            paragraph("avant\u{2028}pendant\u{2029}après")]}],
        "sources": []
    });
    let corpus = load(&corpus_bytes(vec![article]));
    let article = &corpus.articles[0];
    assert_eq!(article.title, "Titre sur une ligne");
    let layout = ArticleLayout::build(article, 60);
    let shown: Vec<&str> = layout
        .lines
        .iter()
        .filter_map(|l| article.text(l.text_ref()?)?.get(l.text_range()))
        .collect();
    assert_eq!(shown, ["Titre sur une ligne", "avant", "pendant", "après"]);
}

#[test]
fn wrapping_never_breaks_at_a_no_break_space() {
    let text = (0..200)
        .map(|n| format!("{n}\u{a0}% «\u{a0}mot\u{a0}» le\u{202f}{n}\u{a0}janvier"))
        .collect::<Vec<_>>()
        .join(" ");
    let article = json!({
        "id": "a", "title": "Titre",
        "sections": [{"id": "s", "heading": null, "blocks": [paragraph(&text)]}], "sources": []
    });
    let corpus = load(&corpus_bytes(vec![article]));
    let article = &corpus.articles[0];
    let Block::Paragraph(p) = &article.sections[0].blocks[0] else {
        panic!("a paragraph");
    };
    let no_break = |c: char| c == '\u{a0}' || c == '\u{202f}';
    // From the widest column down to the narrowest that still holds every
    // no-break group ("199\u{a0}janvier" is 11 columns).
    for width in (12..=90).rev() {
        let layout = ArticleLayout::build(article, width);
        let ranges: Vec<_> = layout
            .lines
            .iter()
            .filter(|l| {
                l.text_ref()
                    .is_some_and(|r| matches!(r, depeche::corpus::model::TextRef::Paragraph(_)))
            })
            .map(|l| l.text_range())
            .collect();
        assert!(ranges.len() > 1, "wrapped at {width}");
        for pair in ranges.windows(2) {
            let (line, next) = (&p.text[pair[0].clone()], &p.text[pair[1].clone()]);
            let gap = &p.text[pair[0].end..pair[1].start];
            assert!(
                !gap.contains(no_break) && !line.ends_with(no_break) && !next.starts_with(no_break),
                "broken at a no-break space at width {width}: {line:?} | {next:?}"
            );
            assert!(
                line.width() <= width as usize,
                "{line:?} wider than {width}"
            );
        }
    }
}

#[test]
fn a_five_thousand_character_url_wraps_inside_its_card() {
    let url = format!("https://example.org/{}", "a1b2c3d4e5".repeat(498));
    assert!(url.len() >= 5000);
    let article = json!({
        "id": "a", "title": "Titre",
        "sections": [{"id": "s", "heading": null, "blocks": [
            {"type": "post", "id": "p", "platform": "x", "author": "Auteur", "handle": "h",
             "date": "2026-01-01", "text": format!("Lien : {url}"), "url": url, "links": [url]},
            paragraph(&format!("Voir {url} ici"))]}],
        "sources": [{"id": "s", "kind": "link", "name": url, "url": url}]
    });
    let corpus = load(&corpus_bytes(vec![article]));
    check_everywhere(&corpus, "long url");
    let layout = ArticleLayout::build(&corpus.articles[0], 40);
    let article = &corpus.articles[0];
    for line in &layout.lines {
        if let Some(text) = line.text_ref().and_then(|r| article.text(r)) {
            let shown = &text[line.text_range()];
            assert!(shown.width() <= 40, "{} columns: {shown}", shown.width());
        }
    }
}

#[test]
fn a_twenty_megabyte_paragraph_loads_lays_out_and_draws_its_first_screen() {
    let sentence = "Une phrase longue de la dépêche, avec 20\u{a0}% d’accents, des «\u{a0}guillemets\u{a0}» et 日本語. ";
    let text = sentence.repeat(20 * 1024 * 1024 / sentence.len() + 1);
    assert!(text.len() >= 20 * 1024 * 1024);
    let article = json!({
        "id": "a", "title": "Titre",
        "sections": [{"id": "s", "heading": null, "blocks": [paragraph(&text), paragraph("Fin.")]}],
        "sources": []
    });
    let corpus = load(&corpus_bytes(vec![article]));
    let mut app: App = reader(corpus, 100, 30);
    let mut screen = Screen::default();
    let buf = screen.draw(&app).clone();
    assert_sound(&app, &buf, "20 MB at the top");
    assert!(crate::common::robust::screen_text(&buf).contains("Une phrase longue"));
    app.update(Action::Move(Motion::Bottom));
    let buf = screen.draw(&app).clone();
    assert_sound(&app, &buf, "20 MB at the bottom");
    assert!(crate::common::robust::screen_text(&buf).contains("Fin."));
    assert!(app.layout.len() > 200_000, "{} lines", app.layout.len());
}

#[test]
fn a_wide_character_never_straddles_a_pane_edge() {
    // Only wide characters, so each pane's inner width decides where they
    // are cut: at every width one of them would cross an edge if not clipped.
    let wide = "日本語全角文字".repeat(40);
    let article = json!({
        "id": "a", "title": wide,
        "sections": [{"id": "s", "heading": wide, "blocks": [paragraph(&wide),
            {"type": "post", "id": "p", "platform": "x", "author": wide, "handle": wide,
             "date": "2026-01-01", "text": wide}]}],
        "sources": [{"id": "s", "kind": "person", "name": wide, "description": wide}]
    });
    let corpus = load(&corpus_bytes(vec![article]));
    for width in 18..=130 {
        let mut app = reader(corpus.clone(), width, 12);
        let mut screen = Screen::default();
        screen.check(&app, &format!("wide text at {width}x12"));
        for pane in [Pane::Sections, Pane::Quotes, Pane::Sources] {
            app.update(Action::Focus(pane));
            screen.check(&app, &format!("wide text at {width}x12, {pane:?}"));
        }
    }
}
