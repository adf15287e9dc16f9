//! depeche: a terminal reader for news articles.
//!
//! Data flows one way, and the modules show it: [`corpus`] (format, reading,
//! validation, sanitising, the model) → [`import`] (web pages into corpus
//! articles) → [`search`] (folded index, matching)
//! → [`reader`] (state and the pure `update`) → [`ui`] (drawing) →
//! [`config`] (the configuration file: keys, theme, layout, links) →
//! the services the runtime and the command line call: [`net`] (HTTP),
//! [`feed`] (feeds and OPML parsed), [`store`] (the SQLite database),
//! [`library`] (refresh, subscriptions, articles fetched and stored) →
//! [`runtime`] (terminal, event loop, workers, effects) → [`cli`]; nothing
//! imports a later stage, so the reader and the screen cannot do I/O.
//! docs/architecture.md maps the rooms.

pub mod cli;
pub mod config;
pub mod corpus;
pub mod feed;
pub mod import;
pub mod library;
pub mod net;
pub mod reader;
pub mod runtime;
pub mod search;
pub mod store;
pub mod ui;

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The stages, in the order data flows through them.
    /// `net`, `feed`, `store` and `library` come after the screen and the
    /// configuration: the reader and the UI never name them (no I/O below
    /// the runtime), and they need nothing of the reader.
    const STAGES: [&str; 12] = [
        "corpus", "import", "search", "reader", "ui", "config", "net", "feed", "store", "library",
        "runtime", "cli",
    ];

    /// Every `crate::<stage>` path a file of a stage names must be of its
    /// own stage or an earlier one (docs/architecture.md).
    #[test]
    fn no_module_imports_a_later_stage() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut checked = 0;
        for (rank, stage) in STAGES.iter().enumerate() {
            let later = &STAGES[rank + 1..];
            for entry in std::fs::read_dir(src.join(stage)).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    for later in later {
                        assert!(
                            !code.contains(&format!("crate::{later}")),
                            "{}:{}: the {stage} stage names the later {later} stage: {line}",
                            path.display(),
                            n + 1
                        );
                    }
                }
                checked += 1;
            }
        }
        assert!(checked > 40, "only {checked} files read");
    }
}
