//! Search over one article 1,000 times the bundled one (`cargo bench --bench search`).
//!
//! The article is generated from the seed text (tests/fixtures/seed.txt):
//! its lines become headings, paragraphs and posts, repeated 1,000 times
//! (about 9 MB of French text with accents, quotes, emoji and Cyrillic).
//! Each search is measured next to its baseline: a bare `memchr::memmem`
//! count over the same pre-folded text.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use depeche::model::{Article, Block, Paragraph, Platform, Post, Section};
use depeche::search::{Match, Query, SearchIndex, SearchMode, fold_str};
use memchr::memmem;

const SCALE: usize = 1000;

/// The seed's lines as one section list: short unpunctuated lines start a
/// section, a line "— Author (@handle) date" turns the line before into a post.
fn seed_sections(round: usize) -> Vec<Section> {
    let seed = include_str!("../tests/fixtures/seed.txt");
    let mut sections = vec![Section {
        id: format!("lead-{round}"),
        heading: None,
        blocks: vec![],
    }];
    for line in seed.lines().skip(2).filter(|l| !l.trim().is_empty()) {
        let blocks = &mut sections.last_mut().unwrap().blocks;
        if let Some(attribution) = line.strip_prefix("— ") {
            if let Some(Block::Paragraph(p)) = blocks.pop() {
                let (author, rest) = attribution.split_once(" (@").unwrap_or((attribution, ""));
                let handle = rest.split(')').next().unwrap_or("");
                blocks.push(Block::Post(Post {
                    id: format!("p{round}-{}", blocks.len()),
                    platform: Platform::X,
                    author: author.to_string(),
                    handle: handle.to_string(),
                    date: "2026-01-01".into(),
                    text: p.text,
                    truncated: false,
                    url: None,
                    links: vec![],
                    cites: vec![],
                }));
            }
        } else if line.chars().count() < 90 && !line.ends_with('.') {
            sections.push(Section {
                id: format!("s{round}-{}", sections.len()),
                heading: Some(line.to_string()),
                blocks: vec![],
            });
        } else {
            blocks.push(Block::Paragraph(Paragraph {
                text: line.to_string(),
                cites: vec![],
            }));
        }
    }
    sections
}

fn big_article() -> Article {
    let sections = (0..SCALE).flat_map(seed_sections).collect();
    Article::new(
        "big".into(),
        "Guerre en Ukraine : réunion de la “coalition des volontaires“ à Paris".into(),
        Some("fr".into()),
        Some("Cet évènement est passé.".into()),
        None,
        sections,
        vec![],
    )
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
