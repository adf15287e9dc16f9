//! Reader state and the pure `update`: no I/O here, so all of it is unit-tested.
//!
//! STUB: the reader helper owns this file. The signatures below are the
//! contract with `terminal.rs` and `keymap.rs`; they may grow, not change.

use crate::model::Corpus;

/// Options from the command line that shape the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `false` with `NO_COLOR` or `--color never`: styles only (bold, reverse, underline).
    pub color: bool,
}

/// Something the reader asked for that needs I/O; the terminal loop carries it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this (sanitised, http/https) URL in a browser.
    OpenUrl(String),
    /// Copy this (sanitised) URL to the clipboard with OSC 52.
    CopyToClipboard(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// The terminal is now this size (also sent once at start).
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passes (sent by the loop while `App::wants_tick`), for transient marks and messages.
    Tick,
    /// The result of an effect, shown in the status line.
    EffectDone(Result<String, String>),
}

#[derive(Debug)]
pub struct App {
    pub corpus: Corpus,
    pub options: Options,
    quit: bool,
    effects: Vec<Effect>,
}

impl App {
    pub fn new(corpus: Corpus, options: Options) -> App {
        App {
            corpus,
            options,
            quit: false,
            effects: Vec::new(),
        }
    }

    pub fn update(&mut self, action: Action) {
        if action == Action::Quit {
            self.quit = true;
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether the loop should send `Action::Tick` (something on screen is transient).
    pub fn wants_tick(&self) -> bool {
        false
    }

    /// Effects requested since the last call, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }
}
