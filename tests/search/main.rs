//! Search: the folded index and its matches, on small articles and on a
//! large generated corpus.

#[path = "../common/mod.rs"]
mod common;

mod index;
mod large_corpus;
