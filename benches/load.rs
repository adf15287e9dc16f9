//! Loading a corpus (read + parse + validate + sanitise + index) against the floor: reading the
//! same file and parsing it into a bare `serde_json::Value`. Goal: at most 2× the floor.
//!
//! `cargo bench --bench load`; the figures are in docs/performance.md.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use depeche::corpus;
use depeche::corpus::generate::{Shape, scaled_bundled};

const SCALES: [usize; 3] = [1, 100, 10_000];

fn shape_name(shape: Shape) -> &'static str {
    match shape {
        Shape::OneArticle => "one",
        Shape::ManyArticles => "many",
    }
}

fn load_with_depeche(path: &Path) -> usize {
    let corpus = corpus::load_file(path, u64::MAX).expect("the generated corpus loads");
    corpus.articles.len()
}

fn parse_as_value(path: &Path) -> usize {
    let bytes = std::fs::read(path).expect("read the generated corpus");
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
    value["articles"].as_array().map_or(0, Vec::len)
}

fn bench_load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for shape in [Shape::OneArticle, Shape::ManyArticles] {
        for scale in SCALES {
            let path = dir
                .path()
                .join(format!("{}-x{scale}.json", shape_name(shape)));
            let bytes = scaled_bundled(scale, shape);
            std::fs::write(&path, &bytes).expect("write the generated corpus");
            let mut group = c.benchmark_group(format!("load/{}/x{scale}", shape_name(shape)));
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            drop(bytes);
            if scale >= 10_000 {
                group
                    .sample_size(10)
                    .measurement_time(Duration::from_secs(10));
            }
            group.bench_function("depeche", |b| {
                b.iter(|| load_with_depeche(black_box(&path)))
            });
            group.bench_function("serde_json_value", |b| {
                b.iter(|| parse_as_value(black_box(&path)))
            });
            group.finish();
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench_load
}
criterion_main!(benches);
