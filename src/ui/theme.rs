//! The theme: one named style per role on screen. Colours come from the
//! terminal's palette, or none at all without colour (`NO_COLOR`, `--color
//! never`): everything that matters also shows as bold, reverse, underline
//! or dim.

use ratatui::style::{Color, Modifier, Style};

/// Styles from the terminal's palette, or none at all without colour:
/// everything that matters also shows as bold, reverse, underline or dim.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn notice(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::ITALIC)
    }
    pub fn heading(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn author(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn meta(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    pub fn card_bar(self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn link(self) -> Style {
        // Cyan rather than blue: ANSI blue is too dark on many dark backgrounds.
        self.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED)
    }
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    /// The target of a jump, for a moment.
    pub fn flash(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// A search match (not the current one): a yellow background, or
    /// underlined and bold without colour.
    pub fn search_match(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }
    /// The current search match: reverse and bold (over the text's own
    /// colours), so it shows without colour too.
    pub fn search_current(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// The selected item of a list: reversed when the list has focus, underlined otherwise.
    pub fn selection(self, focused: bool) -> Style {
        let modifier = if focused {
            Modifier::REVERSED
        } else {
            Modifier::UNDERLINED
        };
        Style::new().add_modifier(modifier)
    }
    /// What the article shows now: the current section, the visible posts.
    pub fn current(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
    pub fn border_title(self, focused: bool) -> Style {
        if focused {
            self.border(true).add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        }
    }
    pub fn bar(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    /// The label at the left of a bar (the title, the focused pane).
    pub fn bar_label(self) -> Style {
        self.bar().add_modifier(Modifier::BOLD)
    }
    /// The search's count (`3/13`) when there are matches.
    pub fn search_count(self) -> Style {
        self.current().add_modifier(Modifier::BOLD)
    }
    /// A heading of a group of sources (People, Outlets…).
    pub fn group_heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// The "(truncated)" under a post cut short.
    pub fn truncated(self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }
    /// A list item's bullet or number.
    pub fn list_marker(self) -> Style {
        self.fg(Color::Cyan)
    }
    /// The bar before a quotation's lines, and its text.
    pub fn quote_bar(self) -> Style {
        self.fg(Color::Magenta)
    }
    pub fn quote(self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }
    /// A figure's or table's caption.
    pub fn caption(self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }
    /// Preformatted text.
    pub fn code(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn error(self) -> Style {
        self.fg(Color::Red)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
}
