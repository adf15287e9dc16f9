//! The configuration file, `config.toml`: keys, theme, layout and links.
//!
//! Found at `--config FILE`, else `$DEPECHE_CONFIG`, else
//! `$XDG_CONFIG_HOME/depeche/config.toml` (`~/.config/depeche/config.toml`;
//! the XDG folders through etcetera), which may be missing (the defaults
//! then). Read with the `toml` crate into serde types that know every name
//! ([`file`]), so a typo is an error with the file, line:column and the
//! names it could have been, never ignored; [`print::default_config`] is
//! the whole default configuration, commented, for `--print-config`.
//!
//! The configuration stage comes after `ui` and before `runtime`: it reads
//! the reader's keymap and layout and the ui's theme roles, and hands the
//! runtime what to run with ([`Config`]).

mod file;
pub mod print;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::corpus::sanitize;
use crate::reader::Settings;
use crate::ui::{Preset, Role, Theme};
use ratatui::style::Style;

pub use file::Problem;

/// The largest configuration file read (a configuration is a few kilobytes).
pub const MAX_CONFIG_SIZE: u64 = 1 << 20;

/// The environment variable naming the configuration file.
pub const CONFIG_ENV: &str = "DEPECHE_CONFIG";

/// Everything the configuration sets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// The keymap and the layout.
    pub settings: Settings,
    pub theme: ThemeChoice,
    pub links: LinkSettings,
}

/// The theme asked for: a preset (or `auto`), and roles changed over it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ThemeChoice {
    pub name: ThemeName,
    pub overrides: Vec<(Role, Style)>,
}

/// A preset, or `auto`: the terminal's background decides between dark and light.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Auto,
    Preset(Preset),
}

impl Default for ThemeName {
    /// Dark, as depeche always looked: `auto` asks the terminal a question
    /// at every start, and an answer arriving late (over a slow link) would
    /// come in as keys, so it is asked for, not assumed.
    fn default() -> Self {
        ThemeName::Preset(Preset::Dark)
    }
}

impl ThemeName {
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Auto => "auto",
            ThemeName::Preset(preset) => preset.name(),
        }
    }
}

impl ThemeChoice {
    /// The theme to draw with. `light_background`: what the terminal said of
    /// its background (for `auto`; no answer is dark). Without colour the
    /// mono preset stands in and every colour goes, overrides' included.
    pub fn resolve(&self, color: bool, light_background: Option<bool>) -> Theme {
        let preset = match self.name {
            _ if !color => Preset::Mono,
            ThemeName::Preset(preset) => preset,
            ThemeName::Auto if light_background == Some(true) => Preset::Light,
            ThemeName::Auto => Preset::Dark,
        };
        let mut theme = Theme::preset(preset);
        for &(role, style) in &self.overrides {
            theme.set(role, style);
        }
        if color { theme } else { theme.without_color() }
    }
}

/// `[links]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkSettings {
    /// The command opening a link; `None`: `$BROWSER`, else xdg-open / open.
    pub browser: Option<String>,
    pub osc8: Osc8,
}

/// When links are made clickable with OSC 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Osc8 {
    /// When the terminal is known to support them (supports-hyperlinks).
    #[default]
    Auto,
    Always,
    Never,
}

impl Osc8 {
    pub fn name(self) -> &'static str {
        match self {
            Osc8::Auto => "auto",
            Osc8::Always => "always",
            Osc8::Never => "never",
        }
    }
}

/// A configuration that cannot be used: every problem, each a line
/// `FILE:LINE:COLUMN: what`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub problems: Vec<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("\n"))
    }
}

impl std::error::Error for ConfigError {}

/// Which file to read: `explicit` (`--config`), else `$DEPECHE_CONFIG`,
/// else `config.toml` in the XDG configuration folder if it exists.
/// `Ok(None)`: no file, the defaults. A file named explicitly must exist.
pub fn locate(explicit: Option<&Path>) -> Result<Option<PathBuf>, ConfigError> {
    let named = explicit.map(Path::to_path_buf).or_else(|| {
        std::env::var_os(CONFIG_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    if let Some(path) = named {
        return Ok(Some(path));
    }
    Ok(default_path().filter(|path| path.exists()))
}

/// `config.toml` in depeche's XDG configuration folder
/// (`$XDG_CONFIG_HOME/depeche`, else `~/.config/depeche`).
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(strategy.config_dir().join("depeche").join("config.toml"))
}

/// Reads the configuration at `path` (the defaults with `None`).
pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let shown = sanitize::escape(&path.display().to_string()).into_owned();
    let fail = |what: String| ConfigError {
        problems: vec![format!("{shown}: {what}")],
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read the configuration: {e}")))?
        .len();
    if size > MAX_CONFIG_SIZE {
        return Err(fail(format!(
            "the configuration is {size} bytes, more than the {MAX_CONFIG_SIZE} read"
        )));
    }
    let bytes =
        std::fs::read(path).map_err(|e| fail(format!("cannot read the configuration: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        fail(format!(
            "not UTF-8 from byte {at}: a configuration is TOML text"
        ))
    })?;
    parse(&text, &shown)
}

/// Reads a configuration from its text; `name` says where it came from in messages.
pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
    let located = |problem: Problem| {
        let message = sanitize::escape(&problem.message).into_owned();
        match problem.span {
            Some(span) => {
                let (line, column) = line_column(text, span.start);
                format!("{name}:{line}:{column}: {message}")
            }
            None => format!("{name}: {message}"),
        }
    };
    let raw: file::RawConfig = toml::from_str(text).map_err(|error| ConfigError {
        problems: vec![located(Problem {
            span: error.span(),
            message: error.message().trim_end().to_string(),
        })],
    })?;
    raw.into_config().map_err(|mut problems| {
        // In the order of the file; those with no place after.
        problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
        ConfigError {
            problems: problems.into_iter().map(located).collect(),
        }
    })
}

/// The line and column (from 1, in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "a = 1\n# é\nb = x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('b').unwrap()), (3, 1));
        assert_eq!(line_column(text, text.find('x').unwrap()), (3, 5));
        assert_eq!(line_column(text, 9), (2, 3), "inside é: its start");
    }
}
