//! What shows for a while and then goes: a message in the status line, the
//! mark on a jump's target. Time passes in ticks (`Action::Tick`).

/// Ticks (about 200 ms each) a jump target stays marked.
pub const FLASH_TICKS: u8 = 8;
/// Ticks a status message stays.
pub const MESSAGE_TICKS: u8 = 15;

/// Something shown for `ticks_left` more ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timed<T> {
    pub value: T,
    pub ticks_left: u8,
}

impl<T> Timed<T> {
    pub fn new(value: T, ticks: u8) -> Timed<T> {
        Timed {
            value,
            ticks_left: ticks,
        }
    }

    /// One tick passes for what `slot` shows; it goes when its time is up.
    pub fn tick(slot: &mut Option<Timed<T>>) {
        if let Some(timed) = slot {
            timed.ticks_left = timed.ticks_left.saturating_sub(1);
            if timed.ticks_left == 0 {
                *slot = None;
            }
        }
    }
}

/// A line for the status bar: news, or an error (shown as one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}
