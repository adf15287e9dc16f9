//! Hostile pages (issues 11 and 12): 10,000-deep nesting of every kind, a
//! 50 MB page (12 MB in a debug build), and every naughty string in every
//! attribute. No panic, no hang, costs linear in the page (compared at n and 4n by counting work
//! and bytes allocated, never by the clock), memory bounded by the page's
//! size, and whatever imports passes the loader.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use depeche::corpus as load;
use depeche::import::dom::{Dom, MAX_DEPTH};
use depeche::import::{self, ImportOptions, ImportedArticle};

struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
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
                let grow = new_size - layout.size();
                ALLOCATED.fetch_add(grow, Ordering::Relaxed);
                let live = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
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

/// The counters are process-wide: tests that read them run one at a time.
static MEASURING: Mutex<()> = Mutex::new(());

/// Bytes allocated and peak bytes live (above what was live before) while `f` runs.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let before_total = ALLOCATED.load(Ordering::Relaxed);
    let before_live = LIVE.load(Ordering::Relaxed);
    PEAK.store(before_live, Ordering::Relaxed);
    let out = f();
    let total = ALLOCATED.load(Ordering::Relaxed) - before_total;
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before_live);
    (out, total, peak)
}

fn import(html: &[u8]) -> Result<ImportedArticle, import::ImportError> {
    let opts = ImportOptions {
        name: "hostile.html".into(),
        base_url: Some("https://hostile.example/page".into()),
        ..Default::default()
    };
    import::import_page(html, &opts)
}

/// Whatever imports must load: as JSON through the loader, and straight
/// through validation (what `depeche PAGE` does).
fn loads(article: &ImportedArticle) {
    let json = import::to_corpus_json(&[(article, "hostile.html")]);
    if let Err(e) = load::load_bytes("hostile.html", json.as_bytes()) {
        panic!("the loader refuses an import: {e}");
    }
    if let Err(e) = load::validate("hostile.html", import::to_corpus(&[(article, "hostile")])) {
        panic!("validation refuses an import: {e}");
    }
}

/// Nesting patterns: each is repeated n times, with words inside.
const NESTINGS: &[(&str, &str)] = &[
    ("div", "<div>w "),
    ("span", "<span>w "),
    ("b with ids", "<b id=x>w "),
    ("list", "<ul><li>w "),
    ("table", "<table><tr><td>w "),
    ("definition list", "<dl><dd>w "),
    (
        "blockquote embed",
        "<blockquote class=\"twitter-tweet\"><p>w ",
    ),
    ("paragraph and bold", "<p><b>w "),
    ("stray end tags", "<div></span>w "),
    ("links", "<a href=\"/x\">w "),
    ("svg", "<svg><g>w "),
    ("select", "<select><option>w "),
    ("closed divs", "<div>w </div>"),
];

#[test]
fn ten_thousand_deep_nesting_of_every_kind_costs_linear_work_and_memory() {
    let _guard = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    for (name, unit) in NESTINGS {
        let page = |n: usize| format!("<!DOCTYPE html><title>Deep</title><body>{}", unit.repeat(n));
        // 10,000 deep, and a quarter of it to compare with.
        let small = page(2_500);
        let large = page(10_000);
        let dom_small = Dom::parse(&small);
        let dom_large = Dom::parse(&large);
        assert!(
            dom_large.work <= 5 * dom_small.work,
            "{name}: tree builder work {} at n, {} at 4n",
            dom_small.work,
            dom_large.work
        );
        assert!(
            dom_large.nodes.len() <= 5 * dom_small.nodes.len(),
            "{name}: nodes"
        );
        let (got_small, bytes_small, _) = measure(|| import(small.as_bytes()));
        let (got_large, bytes_large, peak_large) = measure(|| import(large.as_bytes()));
        assert!(
            bytes_large <= 5 * bytes_small,
            "{name}: {bytes_small} bytes allocated at n, {bytes_large} at 4n"
        );
        // Markup made only of tags is the worst case: a few bytes of tag become
        // a node of ~90 bytes plus its share of the extraction's tables; the
        // node budget (one per 4 bytes) bounds it. Real pages: 5-10× their size.
        assert!(
            peak_large <= 80 * large.len() + (8 << 20),
            "{name}: peak {peak_large} for {} bytes",
            large.len()
        );
        for got in [got_small, got_large] {
            match got {
                Ok(article) => {
                    loads(&article);
                    // The words are all there, flattened or not.
                    let text = article.shown_text();
                    let words = text.matches('w').count();
                    assert!(words > 0, "{name}");
                }
                Err(e) => {
                    let message = e.to_string();
                    assert!(message.starts_with("hostile.html: "), "{name}: {message}");
                }
            }
        }
    }
}

#[test]
fn deep_pages_are_flattened_past_the_limit_and_say_so() {
    let page = format!(
        "<title>Deep</title><body><article>{}A paragraph, deep down, long enough to be read as the article's text by anyone.{}",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let article = import(page.as_bytes()).expect("imports");
    assert!(article.shown_text().contains("A paragraph, deep down"));
    assert!(
        article
            .warnings
            .iter()
            .any(|w| w.contains(&format!("more than {MAX_DEPTH} deep"))),
        "{:?}",
        article.warnings
    );
    loads(&article);
}

/// The large page's size: 50 MB in a release build (`cargo test --release
/// --test import_hostile`), 12 MB in the debug build `cargo test` makes
/// (ten times slower: the suite stays short), compared with a page a
/// quarter of its size either way.
const LARGE_PAGE: usize = if cfg!(debug_assertions) {
    12 << 20
} else {
    50 << 20
};

/// A long article of `size` bytes: sections of paragraphs, one link in each.
fn long_page(size: usize) -> (String, usize) {
    let paragraph = "<p>The harbour authority said on Tuesday that the <a href=\"/bridge\">bridge</a> would reopen \
                     after two years of repairs, and that the ferries would keep their winter timetable until March. \
                     « Nous sommes prêts », a déclaré la maire, 🗣 devant une foule nombreuse.</p>\n";
    let mut page = String::with_capacity(size + 1024);
    page.push_str("<!DOCTYPE html><html lang=en><head><title>A very long page</title></head><body><article><h1>A very long page</h1>");
    let mut i = 0;
    while page.len() < size {
        if i % 500 == 0 {
            page.push_str(&format!("<h2>Part {i}</h2>"));
        }
        page.push_str(paragraph);
        i += 1;
    }
    page.push_str("</article></body></html>");
    (page, i)
}

#[test]
fn a_fifty_megabyte_page_imports_in_linear_work_and_bounded_memory() {
    let _guard = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let (small, _) = long_page(LARGE_PAGE / 4);
    let (_, bytes_small, peak_small) = measure(|| import(small.as_bytes()).map(drop));
    drop(small);
    let (page, i) = long_page(LARGE_PAGE);
    let size = page.len();
    let (got, bytes_large, peak) = measure(|| import(page.as_bytes()));
    let article = got.expect("imports");
    let paragraphs: usize = article.sections.iter().map(|s| s.blocks.len()).sum();
    assert_eq!(paragraphs, i, "every paragraph");
    assert!(
        bytes_large <= 5 * bytes_small,
        "{bytes_small} bytes allocated at n, {bytes_large} at 4n"
    );
    for (peak, size) in [(peak_small, size / 4), (peak, size)] {
        assert!(
            peak <= 20 * size,
            "peak {peak} bytes for a page of {size} bytes ({:.1}×)",
            peak as f64 / size as f64
        );
    }
    println!(
        "{} MB page: peak {:.1}× the page",
        size >> 20,
        peak as f64 / size as f64
    );
    // One link source for the one URL, cited by every paragraph.
    assert_eq!(
        article
            .sources
            .iter()
            .filter(|s| s.url.as_deref() == Some("https://hostile.example/bridge"))
            .count(),
        1
    );
    // The default size cap lets it in; a smaller cap refuses it before parsing.
    let opts = ImportOptions {
        max_size: 1 << 20,
        ..Default::default()
    };
    assert!(matches!(
        import::import_page(page.as_bytes(), &opts),
        Err(import::ImportError::TooLarge { .. })
    ));
}

/// Every attribute the importer reads, and the common ones it ignores, on
/// every element kind it looks at.
fn page_with_every_attribute(s: &str) -> String {
    let a = html_attr(s);
    let t = html_text(s);
    format!(
        r#"<!DOCTYPE html><html lang="{a}" dir="{a}"><head><meta charset="{a}"><base href="{a}">
<title>{t}</title><meta name="description" content="{a}"><meta property="og:title" content="{a}">
<meta property="og:site_name" content="{a}"><meta property="og:url" content="{a}"><meta property="article:published_time" content="{a}">
<meta name="author" content="{a}"><meta http-equiv="content-type" content="text/html; charset={a}"><link rel="canonical" href="{a}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{j}","datePublished":"{j}","author":{{"@type":"Person","name":"{j}","url":"{j}"}},"publisher":{{"name":"{j}"}},"articleBody":"{j}"}}</script>
</head><body class="{a}" id="{a}"><div class="{a}" id="{a}" role="{a}" itemprop="{a}" style="{a}" title="{a}" data-x="{a}">
<p hidden="{a}" aria-hidden="{a}" style="{a}">{t}</p>
<article class="{a}"><h1 class="{a}">Title {t}</h1><time datetime="{a}" pubdate="{a}">{t}</time><a rel="author" href="{a}">{t}</a>
<p class="{a}" lang="{a}">A paragraph with <a href="{a}" title="{a}">a link {t}</a> and <img src="{a}" alt="{a}" srcset="{a}"> words enough to read as text here.</p>
<blockquote class="twitter-tweet" data-lang="{a}"><p lang="{a}">{t} <a href="{a}">{t}</a></p>&mdash; {t} (@{t}) <a href="https://twitter.com/{a}/status/{a}">{t}</a></blockquote>
<blockquote class="bluesky-embed" data-bluesky-uri="{a}"><p>{t}</p>&mdash; {t} (<a href="{a}">@{t}</a>) <a href="{a}">{t}</a></blockquote>
<blockquote class="mastodon-embed" data-embed-url="{a}"><a href="{a}">{t}</a></blockquote>
<script data-telegram-post="{a}" src="{a}"></script><blockquote class="telegram-post" data-telegram-post="{a}"><a href="{a}">{t}</a></blockquote>
<blockquote class="instagram-media" data-instgrm-permalink="{a}"><p><a href="{a}">{t}</a></p><p>A post shared by {t} (@{t}) <time datetime="{a}">{t}</time></p></blockquote>
<blockquote class="tiktok-embed" cite="{a}" data-video-id="{a}"><section><a title="{a}" href="{a}">@{t}</a> {t}</section></blockquote>
<div class="fb-post" data-href="{a}"><blockquote cite="{a}"><p>{t}</p>Posted by <a href="{a}">{t}</a> on <a href="{a}">{t}</a></blockquote></div>
<blockquote class="text-post-media" data-text-post-permalink="{a}"><a href="{a}">{t}</a></blockquote>
<iframe src="{a}" data-src="{a}" title="{a}" class="{a}" data-tweet-id="{a}"></iframe><iframe src="https://www.youtube.com/embed/{a}" title="{a}"></iframe>
<iframe src="https://player.vimeo.com/video/{a}"></iframe><iframe src="https://embed.bsky.app/embed/{a}/app.bsky.feed.post/{a}"></iframe>
<lite-youtube videoid="{a}" playlabel="{a}"></lite-youtube><figure class="{a}"><figcaption class="{a}">{t}</figcaption></figure>
<ul class="{a}"><li class="{a}">{t}</li></ul><table class="{a}"><tr><th>{t}</th><td>{t}</td></tr></table><h2 id="{a}">{t}</h2><p>{t}</p>
</article></div></body></html>"#,
        j = json_str(s)
    )
}

fn html_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

fn html_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

fn json_str(s: &str) -> String {
    let quoted = serde_json::to_string(s).expect("a string serialises");
    // Inside <script>, "</" would end it early.
    quoted[1..quoted.len() - 1].replace("</", "<\\/")
}

#[test]
fn every_naughty_string_in_every_attribute() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/blns.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is absent", path.display());
        return;
    };
    let strings: Vec<String> = serde_json::from_str(&text).expect("blns.json is a list of strings");
    assert!(strings.len() > 500);
    let mut imported = 0;
    for s in &strings {
        let page = page_with_every_attribute(s);
        match import(page.as_bytes()) {
            Ok(article) => {
                loads(&article);
                imported += 1;
            }
            // A string can make the page read as no article (it becomes the
            // title, the only link…): refused with a clear message, never a panic.
            Err(
                e @ (import::ImportError::NoArticle { .. } | import::ImportError::Empty { .. }),
            ) => {
                let message = e.to_string();
                assert!(message.starts_with("hostile.html: "), "{message}");
                assert!(
                    !message.chars().any(|c| c.is_control() && c != '\n'),
                    "{message:?}"
                );
            }
            Err(e) => panic!("{s:?}: {e}"),
        }
        // The raw string too, unescaped, where it breaks the markup.
        let raw = format!(
            "<p class={s} id='{s}'>{s}</p><a href={s}>{s}</a><p>Some words of an article that go on long enough to be read.</p>"
        );
        if let Ok(article) = import(raw.as_bytes()) {
            loads(&article);
        }
    }
    // Nearly all still read as the article they are.
    assert!(
        imported * 100 >= strings.len() * 95,
        "{imported} of {}",
        strings.len()
    );
}

/// A feed item's content through the fragment mode (no extraction).
fn import_fragment(html: &str) -> Result<ImportedArticle, import::ImportError> {
    let meta = import::FragmentMeta {
        title: "Hostile item".into(),
        url: Some("https://hostile.example/item".into()),
        ..Default::default()
    };
    let opts = ImportOptions {
        name: "hostile item".into(),
        ..Default::default()
    };
    import::import_fragment(html, &meta, &opts)
}

#[test]
fn hostile_feed_content_costs_linear_work_and_keeps_every_word() {
    let _guard = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    for (name, unit) in NESTINGS {
        let small = unit.repeat(2_500);
        let large = unit.repeat(10_000);
        let (got_small, bytes_small, _) = measure(|| import_fragment(&small));
        let (got_large, bytes_large, peak_large) = measure(|| import_fragment(&large));
        assert!(
            bytes_large <= 5 * bytes_small,
            "{name}: {bytes_small} bytes allocated at n, {bytes_large} at 4n"
        );
        assert!(
            peak_large <= 80 * large.len() + (8 << 20),
            "{name}: peak {peak_large} for {} bytes",
            large.len()
        );
        for (got, n) in [(got_small, 2_500), (got_large, 10_000)] {
            match got {
                Ok(article) => {
                    loads(&article);
                    // Every word, as a card's text or a block's, flattened or not;
                    // but an embed's text is its first <p> (the rest is its
                    // attribution line: author, handle, date), so tweets nested
                    // in a tweet are one card.
                    // A page whose markup builds far more elements than its size
                    // explains is read in part (the node budget), and says so.
                    let words = article.text_with(true).matches('w').count();
                    let in_part = article.warnings.iter().any(|w| w.contains("only in part"));
                    if *name == "blockquote embed" || in_part {
                        assert!(words >= 1, "{name}");
                    } else {
                        assert_eq!(words, n, "{name}");
                    }
                }
                // Only what is never shown (an <svg>, a <select>).
                Err(e @ import::ImportError::NoText { .. }) => {
                    assert!(matches!(*name, "svg" | "select"), "{name}: {e}");
                }
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }
    // A long article given whole: every paragraph, in linear allocations.
    let (small, _) = long_page(LARGE_PAGE / 4);
    let (_, bytes_small, _) = measure(|| import_fragment(&small).map(drop));
    drop(small);
    let (page, i) = long_page(LARGE_PAGE);
    let (got, bytes_large, peak) = measure(|| import_fragment(&page));
    let article = got.expect("imports");
    let paragraphs: usize = article.sections.iter().map(|s| s.blocks.len()).sum();
    assert_eq!(paragraphs, i, "every paragraph");
    assert!(
        bytes_large <= 5 * bytes_small,
        "{bytes_small} bytes allocated at n, {bytes_large} at 4n"
    );
    assert!(peak <= 20 * page.len(), "peak {peak} for {}", page.len());
}
