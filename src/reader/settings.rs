//! What the configuration file changes in the reader: the keys, and the
//! layout (text width, side panes, borders, scrollbar, the cursor). The
//! defaults are the reader as it always was.

use std::sync::Arc;

use super::geometry::PaneLayout;
use super::keymap::Keymap;
use super::layout::MAX_TEXT_WIDTH;

/// The keymap and the layout the reader runs with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub keymap: Arc<Keymap>,
    pub layout: LayoutSettings,
}

/// How the panes are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutSettings {
    /// The article's text column at most, in columns.
    pub text_width: u16,
    /// Which side panes show beside the article, from what width.
    pub panes: PaneLayout,
    pub borders: Borders,
    /// A scrollbar at the right of the article and the help.
    pub scrollbar: bool,
    /// The terminal's cursor on the focused item (the selected row, the
    /// reading line), for screen readers and magnifiers.
    pub cursor: bool,
}

impl Default for LayoutSettings {
    fn default() -> Self {
        LayoutSettings {
            text_width: MAX_TEXT_WIDTH,
            panes: PaneLayout::default(),
            borders: Borders::Plain,
            scrollbar: true,
            cursor: true,
        }
    }
}

impl LayoutSettings {
    /// `--plain`: no box drawing and no scrollbar, every mark in ASCII
    /// (for speech, and terminals without the glyphs).
    pub fn plain(self) -> LayoutSettings {
        LayoutSettings {
            borders: Borders::None,
            scrollbar: false,
            ..self
        }
    }
}

/// How the panes' frames are drawn. Every kind takes the same cells (a
/// frame without lines is blank), so the geometry never depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Borders {
    /// Lines with round corners (`╭─╮`).
    Rounded,
    /// Lines (`┌─┐`), as always.
    Plain,
    /// ASCII (`+-+`, `|`), the marks in ASCII too.
    Ascii,
    /// No lines: a pane's title alone, the marks in ASCII.
    None,
}

impl Borders {
    pub const ALL: [Borders; 4] = [
        Borders::Rounded,
        Borders::Plain,
        Borders::Ascii,
        Borders::None,
    ];

    /// Its name in the configuration file.
    pub fn name(self) -> &'static str {
        match self {
            Borders::Rounded => "rounded",
            Borders::Plain => "plain",
            Borders::Ascii => "ascii",
            Borders::None => "none",
        }
    }

    /// Whether the marks (bars, bullets, the section being read) are drawn
    /// in ASCII rather than with box-drawing and geometric characters.
    pub fn ascii(self) -> bool {
        matches!(self, Borders::Ascii | Borders::None)
    }
}
