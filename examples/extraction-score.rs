//! Scores the main-content extraction on the Article Extraction Benchmark's
//! pages, with the benchmark's own metric (../shared/testdata/extraction/README.md):
//!
//!     cargo run --release --example extraction-score [-- OPTIONS]
//!
//! Options (`-- --help` lists them): `--pages DIR`, `--engine
//! depeche|dom_smoothie|parse|body`, `--worst N`, `--show KEY`, `--repeat N`,
//! `--captions` (score the captions too).
//!
//! The metric: tokens are runs of word characters (`\w+`, Unicode); each text
//! becomes its 4-token shingles with counts; per page, over the union,
//! tp += min(true, pred), fp += max(0, pred − true), fn += max(0, true − pred),
//! normalised by their sum; precision and recall are the means over pages
//! (1.0 when fp = fn = 0; a page with a zero denominator is left out of that
//! mean); F1 = 2PR / (P + R). The tune/check split puts a page in "check"
//! when the FNV-1a hash of its key is 0 mod 3 (about a third), fixed, so
//! the extraction can be tuned on "tune" and judged on pages it was not tuned on.
//!
//! Peak memory: a counting allocator records the most bytes live during each
//! page's import, reported as a multiple of the page's size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use depeche::import::{self, ImportOptions};
use regex::Regex;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Scores the main-content extraction on the Article Extraction Benchmark's pages.
#[derive(Debug, clap::Parser)]
#[command(name = "extraction-score")]
struct Args {
    /// The benchmark folder: DIR/html/KEY.html.gz and DIR/ground-truth.json
    #[arg(
        long,
        value_name = "DIR",
        default_value = "../shared/testdata/extraction/aeb"
    )]
    pages: PathBuf,
    /// depeche, dom_smoothie (needs `--features dom_smoothie`), parse (html5ever only, for timing), body (all body text)
    #[arg(long, value_name = "NAME", default_value = "depeche")]
    engine: String,
    /// List the N worst pages
    #[arg(long, value_name = "N", default_value_t = 10)]
    worst: usize,
    /// Print the extracted text and the truth of one page (a key prefix)
    #[arg(long, value_name = "KEY")]
    show: Option<String>,
    /// Time each page N times and keep the fastest
    #[arg(long, value_name = "N", default_value_t = 3)]
    repeat: usize,
    /// Score the captions too (the reader shows them, dimmed; the annotators mostly left them out)
    #[arg(long)]
    captions: bool,
}

fn usage(problem: &str) -> ! {
    eprintln!("extraction-score: {problem}");
    std::process::exit(2);
}

fn tokens(text: &str) -> Vec<&str> {
    static WORD: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"\w+").unwrap());
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, u32> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    let n = 4;
    let count = toks.len().saturating_sub(n - 1).max(1);
    for i in 0..count {
        let end = (i + n).min(toks.len());
        let shingle = toks[i..end].to_vec();
        if !shingle.is_empty() {
            *out.entry(shingle).or_insert(0) += 1;
        }
    }
    out
}

/// (tp, fp, fn) of one page, normalised by their sum.
fn page_score(truth: &str, pred: &str) -> (f64, f64, f64) {
    let t = shingles(truth);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += tc.min(pc) as u64;
        fn_ += tc.saturating_sub(pc) as u64;
    }
    for (k, &pc) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        fp += pc.saturating_sub(tc) as u64;
    }
    let s = (tp + fp + fn_) as f64;
    if s > 0.0 {
        (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn ratio(a: f64, b: f64, fp: f64, fn_: f64) -> Option<f64> {
    if fp == 0.0 && fn_ == 0.0 {
        Some(1.0)
    } else if a + b > 0.0 {
        Some(a / (a + b))
    } else {
        None
    }
}

struct Score {
    f1: f64,
    precision: f64,
    recall: f64,
    pages: usize,
}

fn score(pages: &[&(f64, f64, f64)]) -> Score {
    let ps: Vec<f64> = pages
        .iter()
        .filter_map(|&&(tp, fp, fn_)| ratio(tp, fp, fp, fn_))
        .collect();
    let rs: Vec<f64> = pages
        .iter()
        .filter_map(|&&(tp, fp, fn_)| ratio(tp, fn_, fp, fn_))
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (precision, recall) = (mean(&ps), mean(&rs));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Score {
        f1,
        precision,
        recall,
        pages: pages.len(),
    }
}

fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn read_gz(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut out)?;
    Ok(out)
}

fn extract(engine: &str, bytes: &[u8], url: &str, captions: bool) -> String {
    match engine {
        "depeche" => {
            let opts = ImportOptions {
                name: "page".into(),
                base_url: Some(url.to_string()),
                ..Default::default()
            };
            match import::import_page(bytes, &opts) {
                Ok(article) => article.text_with(captions),
                Err(_) => String::new(),
            }
        }
        "parse" => {
            let text = import::charset::decode(bytes, None).text;
            let dom = import::dom::Dom::parse(&text);
            std::hint::black_box(dom.nodes.len());
            String::new()
        }
        "body" => {
            let text = import::charset::decode(bytes, None).text;
            let dom = import::dom::Dom::parse(&text);
            let body = dom
                .find(import::dom::ROOT, import::dom::Tag::Body)
                .unwrap_or(import::dom::ROOT);
            dom.text_of(body)
        }
        #[cfg(feature = "dom_smoothie")]
        "dom_smoothie" => {
            let text = String::from_utf8_lossy(bytes);
            let config = dom_smoothie::Config {
                text_mode: dom_smoothie::TextMode::Formatted,
                ..Default::default()
            };
            match dom_smoothie::Readability::new(text.as_ref(), Some(url), Some(config))
                .and_then(|mut r| r.parse())
            {
                Ok(article) => article.text_content.to_string(),
                Err(_) => String::new(),
            }
        }
        other => usage(&format!(
            "unknown engine {other} (dom_smoothie needs --features dom_smoothie)"
        )),
    }
}

/// The extraction's best candidates for a page, with their scores and blocks.
fn explain(bytes: &[u8], url: &str) {
    use import::{blocks, dom, extract, metadata, urls};
    let text = import::charset::decode(bytes, None).text;
    let dom = dom::Dom::parse(&text);
    let meta = metadata::read(&dom, Some(url));
    let base = meta
        .base_url
        .clone()
        .or(meta.canonical_url.clone())
        .unwrap_or(url.to_string());
    let resolver = urls::Resolver::new(Some(&base));
    let seg = blocks::segment(&dom, &resolver);
    println!(
        "=== CANDIDATES (articleBody: {:?})",
        meta.article_body
            .as_deref()
            .map(|b| b.chars().take(300).collect::<String>())
    );
    for (node, score, desc) in
        extract::candidates(&dom, &seg, meta.article_body.as_deref(), &resolver, 12)
    {
        println!("{score:>9.1} {node:>6} {desc}");
    }
    if std::env::var_os("SHOW_BLOCKS").is_some() {
        for b in &seg.blocks {
            let text: String = b.text.chars().take(70).collect();
            let hint = seg.hints.iter(b.hints).next().map(|(n, h)| {
                let el = dom.element(n).expect("hints are on elements");
                format!(
                    "{h:?} {n} <{} id={:?} class={:?}>",
                    &*el.name.local,
                    el.id(),
                    el.class().chars().take(60).collect::<String>()
                )
            });
            println!(
                "  [{:?}] owner {} chars {} links {} {} {:?}",
                b.kind,
                b.owner,
                b.chars,
                b.link_chars,
                hint.unwrap_or_default(),
                text
            );
        }
    }
}

fn main() {
    let args = <Args as clap::Parser>::parse();
    let truth_path = args.pages.join("ground-truth.json");
    let Ok(truth_text) = std::fs::read_to_string(&truth_path) else {
        eprintln!(
            "extraction-score: cannot read {} (is ../shared beside the project?)",
            truth_path.display()
        );
        std::process::exit(2);
    };
    let truth: HashMap<String, serde_json::Value> =
        serde_json::from_str(&truth_text).expect("ground-truth.json is an object");
    let mut keys: Vec<&String> = truth.keys().collect();
    keys.sort();

    if let Some(prefix) = &args.show {
        let key = keys
            .iter()
            .find(|k| k.starts_with(prefix.as_str()))
            .unwrap_or_else(|| usage("no such page"));
        let bytes = read_gz(&args.pages.join("html").join(format!("{key}.html.gz")))
            .expect("page readable");
        let url = truth[*key]["url"].as_str().unwrap_or("");
        let pred = extract(&args.engine, &bytes, url, args.captions);
        let t = truth[*key]["articleBody"].as_str().unwrap_or("");
        println!("=== {key} {url}\n=== EXTRACTED (% of each block's shingles in the truth)");
        let truth_shingles = shingles(truth[*key]["articleBody"].as_str().unwrap_or(""));
        for chunk in pred.split("\n\n").filter(|c| !c.trim().is_empty()) {
            let s = shingles(chunk);
            let total: u32 = s.values().sum();
            let found: u32 = s
                .iter()
                .map(|(k, c)| (*c).min(truth_shingles.get(k).copied().unwrap_or(0)))
                .sum();
            let shown: String = chunk.chars().take(150).collect();
            println!(
                "{:>4}% {}",
                (found * 100).checked_div(total).unwrap_or(0),
                shown.replace('\n', " / ")
            );
        }
        if std::env::var_os("SHOW_TRUTH").is_some() {
            println!("=== TRUTH\n{t}");
        }
        explain(&bytes, url);
        let (tp, fp, fn_) = page_score(t, &pred);
        println!(
            "=== P {:.3} R {:.3}",
            ratio(tp, fp, fp, fn_).unwrap_or(0.0),
            ratio(tp, fn_, fp, fn_).unwrap_or(0.0)
        );
        return;
    }

    struct Page {
        key: String,
        url: String,
        size: usize,
        ms: f64,
        peak: usize,
        tpfpfn: (f64, f64, f64),
        check: bool,
    }
    let mut pages = Vec::new();
    for key in &keys {
        let path = args.pages.join("html").join(format!("{key}.html.gz"));
        let bytes = match read_gz(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("extraction-score: {}: {e}", path.display());
                std::process::exit(2);
            }
        };
        let url = truth[*key]["url"].as_str().unwrap_or("").to_string();
        let mut best = f64::INFINITY;
        let mut pred = String::new();
        let mut peak = 0;
        for _ in 0..args.repeat.max(1) {
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let start = Instant::now();
            pred = extract(&args.engine, &bytes, &url, args.captions);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
            best = best.min(ms);
        }
        let t = truth[*key]["articleBody"].as_str().unwrap_or("");
        pages.push(Page {
            key: key.to_string(),
            url,
            size: bytes.len(),
            ms: best,
            peak,
            tpfpfn: page_score(t, &pred),
            check: fnv1a(key).is_multiple_of(3),
        });
    }

    let all: Vec<&(f64, f64, f64)> = pages.iter().map(|p| &p.tpfpfn).collect();
    let tune: Vec<&(f64, f64, f64)> = pages
        .iter()
        .filter(|p| !p.check)
        .map(|p| &p.tpfpfn)
        .collect();
    let check: Vec<&(f64, f64, f64)> = pages
        .iter()
        .filter(|p| p.check)
        .map(|p| &p.tpfpfn)
        .collect();
    println!(
        "engine {} on {} pages of {}",
        args.engine,
        pages.len(),
        args.pages.display()
    );
    println!(
        "{:<8} {:>5} {:>7} {:>9} {:>7}",
        "split", "pages", "F1", "precision", "recall"
    );
    for (name, set) in [("all", &all), ("tune", &tune), ("check", &check)] {
        let s = score(set);
        println!(
            "{name:<8} {:>5} {:>7.4} {:>9.4} {:>7.4}",
            s.pages, s.f1, s.precision, s.recall
        );
    }
    let mut ms: Vec<f64> = pages.iter().map(|p| p.ms).collect();
    ms.sort_by(f64::total_cmp);
    let median = ms[ms.len() / 2];
    let max = ms.last().copied().unwrap_or(0.0);
    let mean = ms.iter().sum::<f64>() / ms.len() as f64;
    let slowest = pages
        .iter()
        .max_by(|a, b| a.ms.total_cmp(&b.ms))
        .expect("pages");
    println!(
        "time per page: median {median:.2} ms, mean {mean:.2} ms, max {max:.2} ms ({} bytes, {})",
        slowest.size,
        &slowest.key[..12]
    );
    let mut ratios: Vec<f64> = pages
        .iter()
        .map(|p| p.peak as f64 / p.size as f64)
        .collect();
    ratios.sort_by(f64::total_cmp);
    let worst_mem = pages
        .iter()
        .max_by(|a, b| (a.peak as f64 / a.size as f64).total_cmp(&(b.peak as f64 / b.size as f64)))
        .expect("pages");
    println!(
        "peak memory / page size: median {:.1}×, max {:.1}× ({} bytes, peak {} bytes, {})",
        ratios[ratios.len() / 2],
        ratios.last().copied().unwrap_or(0.0),
        worst_mem.size,
        worst_mem.peak,
        &worst_mem.key[..12]
    );
    if args.worst > 0 {
        let mut by_f1: Vec<&Page> = pages.iter().collect();
        let f1 = |p: &Page| {
            let (tp, fp, fn_) = p.tpfpfn;
            let pr = ratio(tp, fp, fp, fn_).unwrap_or(0.0);
            let rc = ratio(tp, fn_, fp, fn_).unwrap_or(0.0);
            (
                if pr + rc > 0.0 {
                    2.0 * pr * rc / (pr + rc)
                } else {
                    0.0
                },
                pr,
                rc,
            )
        };
        by_f1.sort_by(|a, b| f1(a).0.total_cmp(&f1(b).0));
        println!("worst pages:");
        for p in by_f1.iter().take(args.worst) {
            let (f, pr, rc) = f1(p);
            println!(
                "  {} F1 {f:.3} P {pr:.3} R {rc:.3} {:>6.1} ms {}{}",
                &p.key[..12],
                p.ms,
                if p.check { "[check] " } else { "" },
                p.url
            );
        }
    }
}
