//! Any text through the importer's fragment mode (a feed item's content or
//! summary): an article or "no text", never a panic, never another refusal;
//! whatever imports serialises to a corpus the loader accepts, with no
//! control character but `\n` and no bidi control in any text.
#![no_main]

use depeche::import::{self, FragmentMeta, ImportError, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let meta = FragmentMeta {
        title: "Fuzzed item".into(),
        url: Some("https://fuzz.example/dir/item.html".into()),
        date: Some("2026-01-05T08:30:00Z".into()),
        author: Some("Fuzz".into()),
        language: None,
    };
    let opts = ImportOptions {
        name: "item".into(),
        ..Default::default()
    };
    let article = match import::import_fragment(&html, &meta, &opts) {
        Ok(article) => article,
        Err(ImportError::NoText { .. }) => return,
        Err(e) => panic!("a fragment is refused for another reason: {e}"),
    };
    let json = import::to_corpus_json(&[(&article, "item")]);
    let corpus = match depeche::corpus::load_bytes("fuzz.json", json.as_bytes()) {
        Ok(corpus) => corpus,
        Err(e) => panic!("the loader refuses an import: {e}\n{json}"),
    };
    for article in &corpus.articles {
        for text in article.texts() {
            let text = article.text(text).unwrap_or_default();
            assert!(
                !text
                    .chars()
                    .any(|c| (c.is_control() && c != '\n') || depeche::corpus::sanitize::is_bidi_control(c)),
                "unsanitised text: {text:?}"
            );
        }
    }
});
