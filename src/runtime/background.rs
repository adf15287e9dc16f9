//! `theme = "auto"`: is the terminal's background light? Asked with OSC 11
//! (terminal-colorsaurus, which also sends a device-attributes query that
//! nearly every terminal answers at once, so a terminal that does not know
//! OSC 11 is told apart without waiting the whole timeout).

use std::time::Duration;

use terminal_colorsaurus::{QueryOptions, background_color};

/// How long the question may hold up the first frame.
pub const ANSWER_TIMEOUT: Duration = Duration::from_millis(100);

/// `Some(true)` for a light background, `Some(false)` for a dark one,
/// `None` when the terminal did not say within [`ANSWER_TIMEOUT`].
/// Must be asked before the reader reads keys (the answer comes on stdin).
pub fn background_is_light() -> Option<bool> {
    let mut options = QueryOptions::default();
    options.timeout = ANSWER_TIMEOUT;
    let color = background_color(options).ok()?;
    Some(color.perceived_lightness() > 0.5)
}
