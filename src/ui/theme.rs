//! The theme: one style per named role on screen ([`Role`]), from a preset
//! ([`Preset`]: dark, light, high-contrast, mono) and the configuration's
//! `[theme]` overrides. Without colour (`NO_COLOR`, `--color never`) the
//! mono preset stands in: everything that matters also shows as bold,
//! reverse, underline or dim, or as a mark beside it (the section being
//! read, the posts on screen, a match in a source).
//!
//! A role's style is written as text in the configuration: a foreground
//! colour, `on` and a background colour, and attributes, e.g. `"cyan
//! bold"`, `"black on #ffd700"`, `"208 underline"` ([`parse_style`],
//! [`style_spec`]).

use ratatui::style::{Color, Modifier, Style};

/// A role on screen, named in the configuration's `[theme]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Text,
    Title,
    Notice,
    Heading,
    Author,
    Meta,
    Dim,
    Accent,
    QuoteBar,
    Quote,
    Caption,
    Code,
    Link,
    Match,
    CurrentMatch,
    Flash,
    Selection,
    SelectionUnfocused,
    Current,
    Border,
    BorderFocused,
    Status,
    StatusLabel,
    Error,
    GroupHeading,
    Truncated,
}

impl Role {
    pub const ALL: [Role; 26] = [
        Role::Text,
        Role::Title,
        Role::Notice,
        Role::Heading,
        Role::Author,
        Role::Meta,
        Role::Dim,
        Role::Accent,
        Role::QuoteBar,
        Role::Quote,
        Role::Caption,
        Role::Code,
        Role::Link,
        Role::Match,
        Role::CurrentMatch,
        Role::Flash,
        Role::Selection,
        Role::SelectionUnfocused,
        Role::Current,
        Role::Border,
        Role::BorderFocused,
        Role::Status,
        Role::StatusLabel,
        Role::Error,
        Role::GroupHeading,
        Role::Truncated,
    ];

    /// Its name in the configuration's `[theme]`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Text => "text",
            Role::Title => "title",
            Role::Notice => "notice",
            Role::Heading => "heading",
            Role::Author => "author",
            Role::Meta => "meta",
            Role::Dim => "dim",
            Role::Accent => "accent",
            Role::QuoteBar => "quote-bar",
            Role::Quote => "quote",
            Role::Caption => "caption",
            Role::Code => "code",
            Role::Link => "link",
            Role::Match => "match",
            Role::CurrentMatch => "current-match",
            Role::Flash => "flash",
            Role::Selection => "selection",
            Role::SelectionUnfocused => "selection-unfocused",
            Role::Current => "current",
            Role::Border => "border",
            Role::BorderFocused => "border-focused",
            Role::Status => "status",
            Role::StatusLabel => "status-label",
            Role::Error => "error",
            Role::GroupHeading => "group-heading",
            Role::Truncated => "truncated",
        }
    }

    /// What it colours, for `--print-config` and the docs.
    pub fn about(self) -> &'static str {
        match self {
            Role::Text => {
                "the text, and the colours of every cell no other role colours (set a background here to paint the whole screen)"
            }
            Role::Title => "the article's title",
            Role::Notice => "the article's notice (a correction, an update)",
            Role::Heading => "section headings, the keys in the help",
            Role::Author => "a post's author, a table's header row, an article in the list",
            Role::Meta => "a post's handle, platform and date",
            Role::Dim => "what matters less: counts, dates, the keys in the status bar",
            Role::Accent => "the bar beside a post card, list bullets and numbers",
            Role::QuoteBar => "the bar beside a quotation",
            Role::Quote => "a quotation's text",
            Role::Caption => "a figure's or table's caption",
            Role::Code => "preformatted text",
            Role::Link => "a URL in the text, a post's link, a source's address",
            Role::Match => "a match of the search",
            Role::CurrentMatch => "the current match of the search",
            Role::Flash => "where a jump landed, for a moment",
            Role::Selection => "the selected row of the focused list",
            Role::SelectionUnfocused => "the selected row of a list without focus",
            Role::Current => {
                "what the article shows now (the section read, the posts on screen), a message"
            }
            Role::Border => "a pane's frame",
            Role::BorderFocused => "the focused pane's frame (its title is reversed too)",
            Role::Status => "the title bar",
            Role::StatusLabel => "the title and the focused pane's name in the bars",
            Role::Error => "an error in the status bar, a search with no match",
            Role::GroupHeading => "a group of sources (People, Outlets…)",
            Role::Truncated => "\"(truncated)\" under a post cut short, a post not included",
        }
    }

    /// The role named `name` in the configuration.
    pub fn named(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.name() == name)
    }
}

/// A theme to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// For a dark background: the terminal's own palette, as always.
    Dark,
    /// For a light background: darker colours from the 256-colour palette.
    Light,
    /// White on black, every role at 4.5:1 or more (WCAG AA).
    HighContrast,
    /// No colour at all: attributes only.
    Mono,
}

impl Preset {
    pub const ALL: [Preset; 4] = [
        Preset::Dark,
        Preset::Light,
        Preset::HighContrast,
        Preset::Mono,
    ];

    /// Its name in the configuration.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Dark => "dark",
            Preset::Light => "light",
            Preset::HighContrast => "high-contrast",
            Preset::Mono => "mono",
        }
    }

    pub fn named(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// One style per role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    styles: [Style; Role::ALL.len()],
}

const B: Modifier = Modifier::BOLD;
const D: Modifier = Modifier::DIM;
const I: Modifier = Modifier::ITALIC;
const U: Modifier = Modifier::UNDERLINED;
const R: Modifier = Modifier::REVERSED;

fn attrs(modifier: Modifier) -> Style {
    Style::new().add_modifier(modifier)
}

fn fg(color: Color, modifier: Modifier) -> Style {
    Style::new().fg(color).add_modifier(modifier)
}

fn on(fore: Color, back: Color, modifier: Modifier) -> Style {
    Style::new().fg(fore).bg(back).add_modifier(modifier)
}

/// The 256-colour palette's fixed part (16–255): the same in every terminal,
/// so the light and high-contrast presets' contrast is known.
const fn c(index: u8) -> Color {
    Color::Indexed(index)
}

impl Theme {
    /// A preset's styles.
    pub fn preset(preset: Preset) -> Theme {
        let none = Modifier::empty();
        let style = |role: Role| -> Style {
            match preset {
                Preset::Dark => match role {
                    Role::Text => Style::new(),
                    Role::Title => fg(Color::Cyan, B),
                    Role::Notice => fg(Color::Magenta, I),
                    Role::Heading => fg(Color::Yellow, B),
                    Role::Author => attrs(B),
                    Role::Meta | Role::Dim | Role::Border => attrs(D),
                    Role::Accent => fg(Color::Cyan, none),
                    Role::QuoteBar => fg(Color::Magenta, none),
                    Role::Quote => attrs(I),
                    Role::Caption | Role::Truncated => attrs(D | I),
                    Role::Code => fg(Color::Green, none),
                    // Cyan rather than blue: ANSI blue is too dark on many dark backgrounds.
                    Role::Link => fg(Color::Cyan, U),
                    Role::Match => on(Color::Black, Color::Yellow, B),
                    Role::CurrentMatch => attrs(R | B),
                    Role::Flash => fg(Color::Yellow, R | B),
                    Role::Selection | Role::Status => attrs(R),
                    Role::SelectionUnfocused => attrs(U),
                    Role::Current => fg(Color::Green, B),
                    Role::BorderFocused => fg(Color::Cyan, B),
                    Role::StatusLabel => attrs(R | B),
                    Role::Error => fg(Color::Red, B | R),
                    Role::GroupHeading => attrs(B | U),
                },
                Preset::Mono => {
                    let dark = Theme::preset(Preset::Dark);
                    match role {
                        Role::Match => attrs(U | B),
                        role => Style::new().add_modifier(dark.get(role).add_modifier),
                    }
                }
                Preset::Light => match role {
                    Role::Text => Style::new(),
                    Role::Author => attrs(B),
                    Role::Title => fg(c(24), B),
                    Role::Notice => fg(c(90), I),
                    Role::Heading => fg(c(94), B),
                    Role::Meta | Role::Dim => fg(c(241), none),
                    Role::Border => fg(c(243), none),
                    Role::Accent => fg(c(25), none),
                    Role::QuoteBar => fg(c(90), none),
                    Role::Quote => attrs(I),
                    Role::Caption | Role::Truncated => fg(c(241), I),
                    Role::Code => fg(c(22), none),
                    Role::Link => fg(c(20), U),
                    Role::Match => on(c(16), c(220), B),
                    Role::CurrentMatch => attrs(R | B),
                    Role::Flash => fg(c(94), R | B),
                    Role::Selection | Role::Status => attrs(R),
                    Role::SelectionUnfocused => attrs(U),
                    Role::Current => fg(c(22), B),
                    Role::BorderFocused => fg(c(25), B),
                    Role::StatusLabel => attrs(R | B),
                    Role::Error => fg(c(160), B | R),
                    Role::GroupHeading => attrs(B | U),
                },
                Preset::HighContrast => match role {
                    Role::Text => on(c(231), c(16), none),
                    Role::Title => fg(c(51), B),
                    Role::Notice => fg(c(213), I),
                    Role::Heading => fg(c(226), B),
                    Role::Author => attrs(B),
                    Role::Meta | Role::Dim => fg(c(252), none),
                    Role::Border => fg(c(250), none),
                    Role::Accent => fg(c(51), none),
                    Role::QuoteBar => fg(c(213), none),
                    Role::Quote => attrs(I),
                    Role::Caption | Role::Truncated => fg(c(252), I),
                    Role::Code => fg(c(120), none),
                    Role::Link => fg(c(117), U),
                    Role::Match => on(c(16), c(226), B),
                    Role::CurrentMatch => attrs(R | B),
                    Role::Flash => fg(c(226), R | B),
                    Role::Selection | Role::Status => attrs(R),
                    Role::SelectionUnfocused => attrs(U),
                    Role::Current => fg(c(120), B),
                    Role::BorderFocused => fg(c(51), B),
                    Role::StatusLabel => attrs(R | B),
                    Role::Error => on(c(231), c(124), B),
                    Role::GroupHeading => attrs(B | U),
                },
            }
        };
        Theme {
            styles: Role::ALL.map(style),
        }
    }

    /// The theme without configuration: dark with colour, mono without.
    pub fn standard(color: bool) -> Theme {
        Theme::preset(if color { Preset::Dark } else { Preset::Mono })
    }

    pub fn get(&self, role: Role) -> Style {
        self.styles[role as usize]
    }

    pub fn set(&mut self, role: Role, style: Style) {
        self.styles[role as usize] = style;
    }

    /// The same attributes without any colour (`NO_COLOR` wins over a
    /// configured colour).
    pub fn without_color(mut self) -> Theme {
        for style in &mut self.styles {
            *style = Style::new()
                .add_modifier(style.add_modifier)
                .remove_modifier(style.sub_modifier);
        }
        self
    }

    pub fn text(self) -> Style {
        self.get(Role::Text)
    }
    pub fn title(self) -> Style {
        self.get(Role::Title)
    }
    pub fn notice(self) -> Style {
        self.get(Role::Notice)
    }
    pub fn heading(self) -> Style {
        self.get(Role::Heading)
    }
    pub fn author(self) -> Style {
        self.get(Role::Author)
    }
    pub fn meta(self) -> Style {
        self.get(Role::Meta)
    }
    pub fn card_bar(self) -> Style {
        self.get(Role::Accent)
    }
    pub fn link(self) -> Style {
        self.get(Role::Link)
    }
    pub fn dim(self) -> Style {
        self.get(Role::Dim)
    }
    /// The target of a jump, for a moment.
    pub fn flash(self) -> Style {
        self.get(Role::Flash)
    }
    /// A search match (not the current one).
    pub fn search_match(self) -> Style {
        self.get(Role::Match)
    }
    /// The current search match (by default reverse and bold over the
    /// text's own colours, so it shows without colour too).
    pub fn search_current(self) -> Style {
        self.get(Role::CurrentMatch)
    }
    /// The selected item of a list: reversed when the list has focus, underlined otherwise.
    pub fn selection(self, focused: bool) -> Style {
        self.get(if focused {
            Role::Selection
        } else {
            Role::SelectionUnfocused
        })
    }
    /// What the article shows now: the current section, the visible posts.
    pub fn current(self) -> Style {
        self.get(Role::Current)
    }
    pub fn border(self, focused: bool) -> Style {
        self.get(if focused {
            Role::BorderFocused
        } else {
            Role::Border
        })
    }
    /// A pane's title in its frame: reversed when focused (so focus shows
    /// without colour and without lines).
    pub fn border_title(self, focused: bool) -> Style {
        if focused {
            self.border(true).add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        }
    }
    pub fn bar(self) -> Style {
        self.get(Role::Status)
    }
    /// The label at the left of a bar (the title, the focused pane).
    pub fn bar_label(self) -> Style {
        self.get(Role::StatusLabel)
    }
    /// The search's count (`3/13`) when there are matches.
    pub fn search_count(self) -> Style {
        self.current().add_modifier(Modifier::BOLD)
    }
    /// A heading of a group of sources (People, Outlets…).
    pub fn group_heading(self) -> Style {
        self.get(Role::GroupHeading)
    }
    /// The "(truncated)" under a post cut short.
    pub fn truncated(self) -> Style {
        self.get(Role::Truncated)
    }
    /// A list item's bullet or number.
    pub fn list_marker(self) -> Style {
        self.get(Role::Accent)
    }
    /// The bar before a quotation's lines, and its text.
    pub fn quote_bar(self) -> Style {
        self.get(Role::QuoteBar)
    }
    pub fn quote(self) -> Style {
        self.get(Role::Quote)
    }
    /// A figure's or table's caption.
    pub fn caption(self) -> Style {
        self.get(Role::Caption)
    }
    /// Preformatted text.
    pub fn code(self) -> Style {
        self.get(Role::Code)
    }
    pub fn error(self) -> Style {
        self.get(Role::Error)
    }
}

/// The colours a theme names in words, with what they are.
pub const COLOR_NAMES: [(&str, Color); 17] = [
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

/// The attributes a theme names, with what they are.
pub const ATTRIBUTE_NAMES: [(&str, Modifier); 6] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reverse", Modifier::REVERSED),
    ("strikethrough", Modifier::CROSSED_OUT),
];

/// A colour as a theme writes it: a name ([`COLOR_NAMES`]), `#rrggbb`, or
/// a number of the 256-colour palette (0–255).
pub fn parse_color(word: &str) -> Result<Color, String> {
    let lower = word.to_ascii_lowercase();
    if let Some((_, color)) = COLOR_NAMES.iter().find(|(name, _)| *name == lower) {
        return Ok(*color);
    }
    if let Some(hex) = lower.strip_prefix('#') {
        if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
            return Ok(Color::Rgb(channel(0), channel(2), channel(4)));
        }
        return Err(format!(
            "\"{word}\" is not a colour: #rrggbb takes six hex digits, e.g. #ffd700"
        ));
    }
    if !lower.is_empty() && lower.bytes().all(|b| b.is_ascii_digit()) {
        return match lower.parse::<u8>() {
            Ok(index) => Ok(Color::Indexed(index)),
            Err(_) => Err(format!(
                "\"{word}\" is not a colour: the palette's numbers go from 0 to 255"
            )),
        };
    }
    let names: Vec<&str> = COLOR_NAMES.iter().map(|(name, _)| *name).collect();
    Err(format!(
        "\"{word}\" is not a colour or an attribute: colours are {}, #rrggbb or 0-255; attributes are {}",
        names.join(", "),
        ATTRIBUTE_NAMES.map(|(name, _)| name).join(", ")
    ))
}

/// A role's style as a theme writes it: words apart by spaces, a colour
/// (the foreground), `on` and a colour (the background), attributes
/// ([`ATTRIBUTE_NAMES`]); `plain` (or nothing) for none of them.
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = spec.split_whitespace();
    let mut fore = None;
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        if lower == "plain" {
            continue;
        }
        if lower == "on" {
            let Some(back) = words.next() else {
                return Err(format!("\"{spec}\": a colour must follow \"on\""));
            };
            style = style.bg(parse_color(back)?);
            continue;
        }
        if let Some((_, modifier)) = ATTRIBUTE_NAMES.iter().find(|(name, _)| *name == lower) {
            style = style.add_modifier(*modifier);
            continue;
        }
        let color = parse_color(word)?;
        if fore.replace(color).is_some() {
            return Err(format!(
                "\"{spec}\" names two foreground colours: write \"on\" before the background's"
            ));
        }
        style = style.fg(color);
    }
    Ok(style)
}

/// How a theme writes a colour ([`parse_color`] reads it back).
pub fn color_spec(color: Color) -> String {
    if let Some((name, _)) = COLOR_NAMES.iter().find(|(_, c)| *c == color) {
        return name.to_string();
    }
    match color {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(index) => index.to_string(),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// How a theme writes a style ([`parse_style`] reads it back).
pub fn style_spec(style: Style) -> String {
    let mut words = Vec::new();
    if let Some(fore) = style.fg {
        words.push(color_spec(fore));
    }
    if let Some(back) = style.bg {
        words.push(format!("on {}", color_spec(back)));
    }
    for (name, modifier) in ATTRIBUTE_NAMES {
        if style.add_modifier.contains(modifier) {
            words.push(name.to_string());
        }
    }
    if words.is_empty() {
        "plain".to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_style_reads_back_as_written() {
        for preset in Preset::ALL {
            let theme = Theme::preset(preset);
            for role in Role::ALL {
                let style = theme.get(role);
                assert_eq!(
                    parse_style(&style_spec(style)),
                    Ok(style),
                    "{role:?} {preset:?}"
                );
            }
        }
    }

    #[test]
    fn styles_in_words() {
        assert_eq!(
            parse_style("black on #FFD700 bold"),
            Ok(on(Color::Black, Color::Rgb(255, 215, 0), B))
        );
        assert_eq!(parse_style("208 underline"), Ok(fg(c(208), U)));
        assert_eq!(parse_style("  "), Ok(Style::new()));
        assert_eq!(parse_style("plain"), Ok(Style::new()));
        assert!(
            parse_style("cyan red")
                .unwrap_err()
                .contains("two foreground")
        );
        assert!(parse_style("on").unwrap_err().contains("must follow"));
        assert!(
            parse_style("#12345")
                .unwrap_err()
                .contains("six hex digits")
        );
        assert!(parse_style("256").unwrap_err().contains("0 to 255"));
        let unknown = parse_style("cyan blod").unwrap_err();
        assert!(
            unknown.contains("\"blod\"") && unknown.contains("bold"),
            "{unknown}"
        );
    }

    #[test]
    fn mono_has_no_colour_and_dark_is_as_it_was() {
        let mono = Theme::preset(Preset::Mono);
        assert_eq!(mono, mono.without_color());
        let dark = Theme::preset(Preset::Dark);
        assert_eq!(dark.link(), fg(Color::Cyan, U));
        assert_eq!(dark.selection(true), attrs(R));
        assert_eq!(mono.search_match(), attrs(U | B));
    }
}
