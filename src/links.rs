//! Links: finding URLs in text, sanitising them, opening them, copying them (OSC 52).
//!
//! STUB: the search helper owns this file; these signatures are the contract with `terminal.rs`.

/// Opens `url` with `$BROWSER`, else `xdg-open` / `open`, without waiting for it
/// and without letting it write to the terminal. `url` must come from `sanitize_url`.
pub fn open_url(_url: &str) -> Result<String, String> {
    Err("not implemented".into())
}

/// The OSC 52 sequence that puts `url` on the clipboard; `None` if `url` is not a safe http(s) URL.
pub fn osc52_copy(_url: &str) -> Option<String> {
    None
}
