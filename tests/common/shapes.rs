//! The hostile shapes of issue 11 at any size (`depeche::corpus::generate::hostile`,
//! which `depeche-gen --hostile` writes too), named for the tests.

use depeche::corpus::generate::{Hostile, hostile};

pub fn one_letter_words(n: usize) -> Vec<u8> {
    hostile(Hostile::Words, n)
}

pub fn links_in_a_paragraph(n: usize) -> Vec<u8> {
    hostile(Hostile::Links, n)
}

pub fn posts_with_a_link(n: usize) -> Vec<u8> {
    hostile(Hostile::PostLinks, n)
}

pub fn cites(n: usize) -> Vec<u8> {
    hostile(Hostile::Cites, n)
}

/// An id of `id_bytes` bytes; the words are the shape's 1,000.
pub fn long_id(id_bytes: usize) -> Vec<u8> {
    hostile(Hostile::LongId, id_bytes)
}

pub fn fdfa(n: usize) -> Vec<u8> {
    hostile(Hostile::Fdfa, n)
}

pub fn marks_with_joiners(n: usize) -> Vec<u8> {
    hostile(Hostile::Marks, n)
}

pub fn sections(n: usize) -> Vec<u8> {
    hostile(Hostile::Sections, n)
}

pub fn articles(n: usize) -> Vec<u8> {
    hostile(Hostile::Articles, n)
}
