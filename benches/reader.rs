//! The reader at scale: layout, one frame, one keystroke, search. The goal is that the cost of
//! a keystroke follows the screen, not the document: each figure at ×10,000 within 1.2× of the
//! same figure at ×1 (measured in the same run), search within 3× of a bare `memmem` scan.
//!
//! `cargo bench --bench reader`; the figures are in docs/performance.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use depeche::corpus;
use depeche::corpus::generate::{Shape, scaled_bundled};
use depeche::corpus::model::Corpus;
use depeche::reader::layout::ArticleLayout;
use depeche::reader::{Action, App, Motion, Options};
use depeche::search::{Query, SearchIndex, SearchMode};
use depeche::ui;
use memchr::memmem;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SCALES: [usize; 3] = [1, 100, 10_000];
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn corpus(scale: usize) -> Corpus {
    corpus::load_bytes("bench", &scaled_bundled(scale, Shape::OneArticle))
        .expect("the generated corpus loads")
}

fn open(corpus: Corpus) -> App {
    let mut app = App::new(corpus, Options { color: true });
    app.update(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| ui::draw(frame, app))
        .expect("drawing into a buffer");
}

/// Layout of the whole article at width 80 (what a first open or a resize to a new width costs),
/// and the first frame: opening the reader on a loaded corpus up to the first frame drawn.
fn bench_layout(c: &mut Criterion) {
    for scale in SCALES {
        let corpus = corpus(scale);
        let mut group = c.benchmark_group(format!("layout/x{scale}"));
        if scale >= 10_000 {
            group.sample_size(10);
        }
        group.bench_function("width_80", |b| {
            b.iter(|| ArticleLayout::build(black_box(&corpus.articles[0]), 80))
        });
        group.bench_function("first_frame", |b| {
            b.iter_batched(
                || (corpus.clone(), terminal()),
                |(corpus, mut terminal)| {
                    let app = open(corpus);
                    draw(&mut terminal, &app);
                    app
                },
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }
}

/// One frame at the top and at the very end of the article.
fn bench_frame(c: &mut Criterion) {
    for scale in SCALES {
        let mut at_top = open(corpus(scale));
        let mut at_end = open(corpus(scale));
        at_end.update(Action::Move(Motion::Bottom));
        let mut terminal = terminal();
        let mut group = c.benchmark_group(format!("frame/x{scale}"));
        // Nothing changes between frames otherwise: a fresh buffer makes each draw a full one.
        for (name, app) in [("top", &mut at_top), ("end", &mut at_end)] {
            group.bench_function(name, |b| {
                b.iter(|| {
                    terminal.clear().expect("clear the test terminal");
                    draw(&mut terminal, app);
                })
            });
        }
        group.finish();
    }
}

/// One keystroke and the frame it leads to, going back and forth so that every step moves.
/// Starts a page above the end: there is room both ways at every scale.
fn bench_steps(c: &mut Criterion) {
    let steps = [
        (
            "scroll",
            Action::Move(Motion::LineDown),
            Action::Move(Motion::LineUp),
        ),
        (
            "page",
            Action::Move(Motion::PageDown),
            Action::Move(Motion::PageUp),
        ),
        ("section", Action::PrevSection, Action::NextSection),
        ("post", Action::PrevPost, Action::NextPost),
    ];
    for scale in SCALES {
        let mut app = open(corpus(scale));
        app.update(Action::Move(Motion::Bottom));
        app.update(Action::Move(Motion::PageUp));
        let mut terminal = terminal();
        let mut group = c.benchmark_group(format!("step/x{scale}"));
        for (name, forth, back) in &steps {
            let mut forward = true;
            group.bench_function(*name, |b| {
                b.iter(|| {
                    app.update(if forward { forth.clone() } else { back.clone() });
                    forward = !forward;
                    draw(&mut terminal, &app);
                })
            });
        }
        group.finish();
    }
}

/// Search over ×10,000 as the reader runs it on a keystroke (`Query::new` + `find_into` a kept
/// `Vec`), against `memmem` over the same folded text: a frequent word, a rare one (a heading
/// only one copy has), none; and each keystroke of an incremental search. `benches/search.rs`
/// has the search helper's own, finer benchmarks at ×1,000.
fn bench_search(c: &mut Criterion) {
    let corpus = corpus(10_000);
    let article = &corpus.articles[0];
    let mut group = c.benchmark_group("search/x10000");
    group.sample_size(10);
    group.bench_function("index_build", |b| {
        b.iter(|| SearchIndex::build(black_box(article)))
    });
    let index = SearchIndex::build(article);
    let haystack = index.case_folded_text().as_bytes();
    let mut matches = Vec::new();
    let mut keystroke = |b: &mut criterion::Bencher, query: &str| {
        b.iter(|| {
            let query = Query::new(black_box(query), SearchMode::Plain).expect("a plain query");
            index.find_into(&query, &mut matches);
            matches.len()
        })
    };
    let typed = "coalition";
    let queries = [
        ("frequent", "coalition"),
        ("rare", "suite 7777"),
        ("none", "zyzzyva"),
    ]
    .into_iter()
    .map(|(name, query)| (name.to_string(), query))
    .chain((1..=typed.len()).map(|end| (format!("keystroke/{}", &typed[..end]), &typed[..end])));
    for (name, query) in queries {
        group.bench_function(format!("{name}/depeche"), |b| keystroke(b, query));
        let finder = memmem::Finder::new(query.as_bytes());
        group.bench_function(format!("{name}/memmem"), |b| {
            b.iter(|| finder.find_iter(black_box(haystack)).count())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    targets = bench_layout, bench_frame, bench_steps, bench_search
}
criterion_main!(benches);
