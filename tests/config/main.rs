//! The configuration file: reading it back, every refusal with its place,
//! what each table changes.

mod file;
mod keys;
