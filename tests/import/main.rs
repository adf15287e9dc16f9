//! Importing web pages (issue 12): the acceptance page, every embed kind,
//! every error, charsets and URLs, Readability's metadata, and every
//! development page of the benchmark through the loader. The hostile pages
//! (which count allocations with a global allocator) run apart, in
//! tests/import_hostile.rs.

#[path = "../common/mod.rs"]
mod common;

mod page;
