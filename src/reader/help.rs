//! The help screen, generated from the keymap in force: one row per
//! binding (its keys, what they do), the mouse after the reader's keys,
//! then the library's keys and the prompt's under their headings; each
//! description wrapped beside its keys.

use unicode_width::UnicodeWidthStr;

pub use super::keymap::key_label;
use super::keymap::{Binding, Context, Keymap, Section};
use super::wrap::wrap_ranges;

/// What the help screen says above the prompt's keys (they follow it in the table).
pub const PROMPT_HEADING: (&str, &str) = ("", "In the search prompt (after /):");

/// What the help screen says above the library's keys.
pub const LIBRARY_HEADING: (&str, &str) = ("", "In the library (depeche library):");

/// What the help screen says about typing in the prompt (not a key, so not in the table).
pub const PROMPT_TYPING_HELP: (&str, &str) = (
    "other keys",
    "typed into the query; it shows K/N (match K of N), \"no match\" or the regex's error",
);

/// What the help screen says about picking a link by its number (digits
/// are not in the table: they focus panes otherwise).
pub const PICKER_HELP: (&str, &str) = (
    "0-9 Enter",
    "after o or y, the number of a link (Enter when a longer number could follow)",
);

/// What the help screen says about the mouse (not a key, so not in the table).
pub const MOUSE_HELP: (&str, &str) = (
    "wheel / click",
    "scroll the pane under the pointer / focus it, select (double click: Enter)",
);

/// The help screen: (keys, what they do), one row per binding, the mouse
/// after the reader's keys, then the library's keys and the prompt's under
/// their headings.
pub fn help_lines(keymap: &Keymap) -> Vec<(String, &'static str)> {
    let row = |b: &Binding| {
        let keys: Vec<String> = b.keys.iter().map(|&k| key_label(k)).collect();
        (keys.join(" "), b.help)
    };
    // A binding the configuration left without a key is not shown.
    let bound = keymap.bindings().iter().filter(|b| !b.keys.is_empty());
    let (prompt, others): (Vec<&Binding>, Vec<&Binding>) =
        bound.partition(|b| b.context == Context::Prompt);
    let (library, reader): (Vec<&Binding>, Vec<&Binding>) = others
        .into_iter()
        .partition(|b| b.section() == Section::Library);
    let mut lines: Vec<(String, &'static str)> = reader.into_iter().map(row).collect();
    for (keys, help) in [PICKER_HELP, MOUSE_HELP, LIBRARY_HEADING] {
        lines.push((keys.to_string(), help));
    }
    lines.extend(library.into_iter().map(row));
    lines.push((PROMPT_HEADING.0.to_string(), PROMPT_HEADING.1));
    lines.extend(prompt.into_iter().map(row));
    lines.push((PROMPT_TYPING_HELP.0.to_string(), PROMPT_TYPING_HELP.1));
    lines
}

/// A row of the help screen as drawn at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The keys, on the first row of a binding only.
    pub keys: String,
    pub text: String,
}

/// Columns the keys take in the help screen `width` columns wide.
pub fn help_key_width(keymap: &Keymap, width: u16) -> u16 {
    let widest = help_lines(keymap)
        .iter()
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0);
    (widest as u16 + 2).min(width / 2)
}

/// The help screen for `width` columns: each description wrapped beside
/// its keys (the last two columns left to a gap and the scrollbar).
pub fn help_rows(keymap: &Keymap, width: u16) -> Vec<HelpRow> {
    let text_width = width
        .saturating_sub(help_key_width(keymap, width) + 2)
        .max(1) as usize;
    let mut rows = Vec::new();
    for (keys, help) in help_lines(keymap) {
        for (i, range) in wrap_ranges(help, text_width).into_iter().enumerate() {
            rows.push(HelpRow {
                keys: if i == 0 { keys.clone() } else { String::new() },
                text: help[range].to_string(),
            });
        }
    }
    rows
}
