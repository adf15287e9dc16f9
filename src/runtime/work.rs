//! The reader's heavy work, off the UI thread: [`perform`] is the work
//! itself, pure (an effect and the corpus in, the action that answers it
//! out); [`Workers`] runs it on threads and hands the answers to the loop.

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};

use crate::corpus::model::Corpus;
use crate::reader::layout::ArticleLayout;
use crate::reader::{Action, Built, Effect};
use crate::search::{Scan, SearchIndex};

/// The action answering `effect` (a layout, an index, a scan), or `None`
/// for the effects the loop carries out itself on the terminal.
pub fn perform(effect: &Effect, corpus: &Corpus) -> Option<Action> {
    perform_until(effect, corpus, &|| false)
}

/// [`perform`], giving up (`None`) as soon as `cancelled` says the result
/// is no longer wanted (checked between the sections of a layout).
pub fn perform_until(
    effect: &Effect,
    corpus: &Corpus,
    cancelled: &dyn Fn() -> bool,
) -> Option<Action> {
    match effect {
        &Effect::Layout { article, width } => {
            let text = corpus.articles.get(article)?;
            let layout = ArticleLayout::build_cancellable(text, width, cancelled)?;
            Some(Action::LayoutReady {
                article,
                width,
                layout: Built(Arc::new(layout)),
            })
        }
        &Effect::BuildSearchIndex { article } => {
            let text = corpus.articles.get(article)?;
            Some(Action::SearchIndexReady {
                article,
                index: Built(Arc::new(SearchIndex::build(text))),
            })
        }
        Effect::Search {
            index,
            query,
            mode,
            generation,
            ..
        } => Some(Action::SearchDone {
            generation: *generation,
            scan: Built(Arc::new(Scan::run(&index.0, query, *mode))),
        }),
        &Effect::FindLinks { article } => {
            corpus.articles.get(article)?.links();
            Some(Action::LinksFound { article })
        }
        Effect::OpenUrl(_)
        | Effect::CopyToClipboard(_)
        | Effect::Remember(_)
        | Effect::Library(_) => None,
    }
}

/// Threads that lay out, index and search large articles off the UI
/// thread; each sends its answer back as an action.
pub struct Workers {
    send: mpsc::Sender<Action>,
    pub done: mpsc::Receiver<Action>,
    /// Bumped by each layout asked for: an older one still running stops between sections.
    layout_generation: Arc<AtomicU64>,
}

impl Default for Workers {
    fn default() -> Self {
        let (send, done) = mpsc::channel();
        Workers {
            send,
            done,
            layout_generation: Arc::new(AtomicU64::new(0)),
        }
    }
}

impl Workers {
    /// Starts `effect` on a thread of its own. A scan's answer is sent even
    /// when a newer one was asked for meanwhile (`App::update` drops it by
    /// generation); a layout stops once a newer layout is asked for.
    pub fn start(&self, effect: Effect, corpus: Arc<Corpus>) -> io::Result<()> {
        let name = match effect {
            Effect::Layout { .. } => "depeche-layout",
            Effect::BuildSearchIndex { .. } => "depeche-index",
            Effect::FindLinks { .. } => "depeche-links",
            _ => "depeche-search",
        };
        let generation = Arc::clone(&self.layout_generation);
        let mine = match effect {
            Effect::Layout { .. } => generation.fetch_add(1, Ordering::SeqCst) + 1,
            _ => 0,
        };
        let send = self.send.clone();
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let cancelled = || mine != 0 && generation.load(Ordering::SeqCst) != mine;
                if let Some(done) = perform_until(&effect, &corpus, &cancelled) {
                    let _ = send.send(done);
                }
            })
            .map(drop)
    }
}
