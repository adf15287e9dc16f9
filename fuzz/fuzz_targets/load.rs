//! Any bytes through the loader: a corpus or a clean refusal, never a panic,
//! and whatever loads is sanitised (no control character but `\n`, no bidi control).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(corpus) = depeche::corpus::load_bytes("fuzz.json", data) else {
        return;
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
