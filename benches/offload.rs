//! Large articles with their work offloaded (what the terminal loop does): the first frame on a
//! layout prefix, and each key of an incremental search narrowing the previous one. Baselines in
//! the same run: the whole layout, and a full search of the same query.
//!
//! `cargo bench --bench offload`; the figures are in docs/performance.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use depeche::corpus;
use depeche::corpus::generate::{Shape, scaled_bundled};
use depeche::reader::layout::ArticleLayout;
use depeche::reader::{Action, App, Options};
use depeche::search::{Narrowing, Query, SearchIndex, SearchMode};
use depeche::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SCALE: usize = 10_000;
/// What `terminal.rs` offloads.
const OFFLOAD_BYTES: usize = 1 << 20;

fn bench_open(c: &mut Criterion) {
    let corpus = corpus::load_bytes("bench", &scaled_bundled(SCALE, Shape::OneArticle))
        .expect("the generated corpus loads");
    let mut group = c.benchmark_group(format!("offload/x{SCALE}"));
    group.sample_size(10);
    group.bench_function("first_frame", |b| {
        b.iter_batched(
            || {
                let terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
                (corpus.clone(), terminal)
            },
            |(corpus, mut terminal)| {
                let mut app = App::new(corpus, Options { color: true });
                app.offload_large_work(OFFLOAD_BYTES);
                app.update(Action::Resize {
                    width: 120,
                    height: 40,
                });
                terminal
                    .draw(|frame| ui::draw(frame, &app))
                    .expect("drawing into a buffer");
                app
            },
            BatchSize::LargeInput,
        )
    });
    let article = &corpus.articles[0];
    group.bench_function("layout_prefix_80", |b| {
        b.iter(|| ArticleLayout::build_prefix(black_box(article), 80, 0, 120))
    });
    group.bench_function("layout_whole_80", |b| {
        b.iter(|| ArticleLayout::build(black_box(article), 80))
    });

    // Each key of `coalition` from the third on (shorter queries wait for more or Enter),
    // narrowing the previous key's places, against a full search of the same query.
    let index = SearchIndex::build(article);
    let typed = "coalition";
    let mut narrowing = Narrowing::default();
    let mut matches = Vec::new();
    for end in 3..=typed.len() {
        let query = Query::new(&typed[..end], SearchMode::Plain).expect("a plain query");
        let before = narrowing.clone();
        group.bench_function(format!("keystroke/{}/narrowed", &typed[..end]), |b| {
            b.iter_batched_ref(
                || before.clone(),
                |narrowing| {
                    index.find_narrowing(&query, narrowing, &mut matches);
                    matches.len()
                },
                BatchSize::LargeInput,
            )
        });
        group.bench_function(format!("keystroke/{}/full", &typed[..end]), |b| {
            b.iter(|| {
                index.find_into(&query, &mut matches);
                matches.len()
            })
        });
        index.find_narrowing(&query, &mut narrowing, &mut matches);
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    targets = bench_open
}
criterion_main!(benches);
