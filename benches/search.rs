//! Search over one article 1,000 times the bundled one (`cargo bench --bench search`).
//!
//! The article is the bundled one (data/, the seed article) with its
//! sections repeated 1,000 times: about 9 MB of French text with accents,
//! quotes, emoji, Cyrillic, and its posts.
//! Each search is measured next to its baseline: a bare `memchr::memmem`
//! count over the same pre-folded text.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use depeche::corpus::model::{Article, ArticleParts, Section};
use depeche::search::{Match, Query, SearchIndex, SearchMode, fold_str};
use memchr::memmem;

const SCALE: usize = 1000;

/// The bundled article with its sections repeated `SCALE` times.
fn big_article() -> Article {
    let corpus = depeche::corpus::load_bundled().expect("bundled corpus loads");
    let seed = &corpus.articles[0];
    let sections = (0..SCALE)
        .flat_map(|round| {
            seed.sections.iter().map(move |s| Section {
                id: format!("{}-{round}", s.id).into(),
                ..s.clone()
            })
        })
        .collect();
    Article::new(ArticleParts {
        id: seed.id.clone(),
        title: seed.title.clone(),
        language: seed.language().map(Into::into),
        notice: seed.notice().map(Into::into),
        date: seed.date().map(Into::into),
        sections,
        sources: seed.sources.clone(),
    })
}

/// What the reader does on a keystroke: prepare the query, find its
/// matches into the `Vec` it keeps.
fn keystroke(index: &SearchIndex, query: &str, mode: SearchMode, out: &mut Vec<Match>) -> usize {
    let query = Query::new(black_box(query), mode).unwrap();
    index.find_into(&query, out);
    out.len()
}

fn bench(c: &mut Criterion) {
    let article = big_article();
    let index = SearchIndex::build(&article);
    eprintln!(
        "article: {} texts, {} bytes folded",
        article.texts().len(),
        index.case_folded_text().len()
    );

    let mut g = c.benchmark_group("search_x1000");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("index build", |b| {
        b.iter(|| SearchIndex::build(black_box(&article)))
    });

    let folded = index.case_folded_text().as_bytes();
    let mut reused = Vec::new();
    for (name, query) in [
        ("frequent word", "de"),
        ("rare word", "witkoff"),
        ("no match", "zzyzx"),
    ] {
        let needle = fold_str(query, true);
        eprintln!(
            "{query}: {} matches",
            keystroke(&index, query, SearchMode::Plain, &mut reused)
        );
        g.bench_function(format!("memmem baseline: {name} ({query})"), |b| {
            b.iter(|| memmem::find_iter(black_box(folded), needle.as_bytes()).count())
        });
        g.bench_function(format!("find: {name} ({query})"), |b| {
            b.iter(|| keystroke(&index, query, SearchMode::Plain, &mut reused))
        });
    }
    for pattern in [r"\d{4}", "s.curit.s?", "witkoff|zelensky"] {
        eprintln!(
            "{pattern}: {} matches",
            keystroke(&index, pattern, SearchMode::Regex, &mut reused)
        );
        g.bench_function(format!("find regex ({pattern})"), |b| {
            b.iter(|| keystroke(&index, pattern, SearchMode::Regex, &mut reused))
        });
    }
    for end in 1..="securite".len() {
        let query = &"securite"[..end];
        let needle = query.as_bytes();
        eprintln!(
            "{query}: {} matches",
            keystroke(&index, query, SearchMode::Plain, &mut reused)
        );
        g.bench_function(format!("memmem baseline: keystroke {query}"), |b| {
            b.iter(|| memmem::find_iter(black_box(folded), needle).count())
        });
        g.bench_function(format!("find: keystroke {query}"), |b| {
            b.iter(|| keystroke(&index, query, SearchMode::Plain, &mut reused))
        });
    }
    // The same first keystroke into a fresh Vec each time (`SearchIndex::find`).
    g.bench_function("find (new Vec): keystroke s", |b| {
        b.iter(|| index.find(black_box("s"), SearchMode::Plain).unwrap().len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
