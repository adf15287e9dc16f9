//! Any bytes through the page importer: an article or a clean refusal, never
//! a panic; whatever imports serialises to a corpus the loader accepts, with
//! no control character but `\n` and no bidi control in any text.
#![no_main]

use depeche::import::{self, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ImportOptions {
        name: "fuzz.html".into(),
        base_url: Some("https://fuzz.example/dir/page.html".into()),
        ..Default::default()
    };
    let Ok(article) = import::import_page(data, &opts) else {
        return;
    };
    let json = import::to_corpus_json(&[(&article, "fuzz.html")]);
    let corpus = match depeche::corpus::load_bytes("fuzz.json", json.as_bytes()) {
        Ok(corpus) => corpus,
        Err(e) => panic!("the loader refuses an import: {e}\n{json}"),
    };
    for article in &corpus.articles {
        for text in article.texts() {
            let text = article.text(text).unwrap_or_default();
            assert!(
                !text.chars().any(|c| (c.is_control() && c != '\n')
                    || depeche::corpus::sanitize::is_bidi_control(c)),
                "unsanitised text: {text:?}"
            );
        }
    }
});
