//! The configuration file as serde reads it: every table and field known
//! (`deny_unknown_fields`), so a typo is an error naming the valid names;
//! what serde cannot check (the names in `[theme]` and `[keys.*]`, ranges,
//! conflicts between keys) is checked after, each problem with the place in
//! the file it comes from.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

use ratatui::style::Style;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use super::{Config, LinkSettings, Osc8, ThemeChoice, ThemeName};
use crate::reader::keymap::{Key, Keymap, KeymapProblem, Section};
use crate::reader::layout::WIDEST_TEXT;
use crate::reader::{Borders, LayoutSettings, PaneLayout, Settings};
use crate::ui::{Preset, Role, parse_style};

/// A problem, and where in the file (a byte range) when it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl Problem {
    fn at(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            span: Some(span),
            message: message.into(),
        }
    }
}

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    #[serde(default)]
    theme: Option<RawTheme>,
    #[serde(default)]
    keys: RawKeys,
    #[serde(default)]
    layout: RawLayout,
    #[serde(default)]
    links: RawLinks,
}

/// `theme = "light"`, or a `[theme]` table: `preset` and role overrides.
#[derive(Debug, Default)]
struct RawTheme {
    name: Option<ThemeName>,
    roles: Entries<StyleSpec>,
}

/// The name of a theme: a preset or `auto`.
fn theme_name(name: &str) -> Result<ThemeName, String> {
    if name == "auto" {
        return Ok(ThemeName::Auto);
    }
    Preset::named(name).map(ThemeName::Preset).ok_or_else(|| {
        let mut names: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
        names.push("auto");
        format!("unknown theme `{name}`, expected one of {}", quoted(&names))
    })
}

impl<'de> Deserialize<'de> for RawTheme {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ThemeVisitor;
        impl<'de> Visitor<'de> for ThemeVisitor {
            type Value = RawTheme;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a theme's name (\"dark\", \"light\", \"high-contrast\", \"mono\", \"auto\") or a [theme] table")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<RawTheme, E> {
                Ok(RawTheme {
                    name: Some(theme_name(name).map_err(E::custom)?),
                    roles: Entries::default(),
                })
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<RawTheme, M::Error> {
                let mut theme = RawTheme::default();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.get_ref() == "preset" {
                        let name: String = map.next_value()?;
                        theme.name = Some(theme_name(&name).map_err(de::Error::custom)?);
                    } else {
                        theme.roles.0.push((key, map.next_value()?));
                    }
                }
                Ok(theme)
            }
        }
        deserializer.deserialize_any(ThemeVisitor)
    }
}

/// A role's style, read from its words ([`parse_style`]).
#[derive(Debug)]
struct StyleSpec(Style);

impl<'de> Deserialize<'de> for StyleSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_style(&text).map(StyleSpec).map_err(de::Error::custom)
    }
}

/// A table's entries in file order, each name with its place.
#[derive(Debug)]
struct Entries<V>(Vec<(Spanned<String>, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V> {
            type Value = Entries<V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entries<V>, M::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

/// A binding's keys: one key (`"q"`) or a list (`["q", "ctrl-c"]`, `[]` for none).
#[derive(Debug)]
struct KeyList(Vec<Key>);

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = KeyList;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key (\"q\") or a list of keys ([\"q\", \"ctrl-c\"])")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<KeyList, E> {
                Key::parse(key).map(|k| KeyList(vec![k])).map_err(E::custom)
            }

            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<KeyList, S::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<String>()? {
                    keys.push(Key::parse(&key).map_err(de::Error::custom)?);
                }
                Ok(KeyList(keys))
            }
        }
        deserializer.deserialize_any(KeysVisitor)
    }
}

/// `[keys.reader]`, `[keys.lists]`, `[keys.prompt]`, `[keys.library]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeys {
    #[serde(default)]
    reader: Entries<Spanned<KeyList>>,
    #[serde(default)]
    lists: Entries<Spanned<KeyList>>,
    #[serde(default)]
    prompt: Entries<Spanned<KeyList>>,
    #[serde(default)]
    library: Entries<Spanned<KeyList>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum BordersName {
    Rounded,
    Plain,
    Ascii,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum PaneName {
    Sections,
    Quotes,
    Sources,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLayout {
    text_width: Option<Spanned<u16>>,
    sections_from: Option<Spanned<u16>>,
    quotes_sources_from: Option<Spanned<u16>>,
    panes: Option<Vec<PaneName>>,
    borders: Option<BordersName>,
    scrollbar: Option<bool>,
    cursor: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Osc8Name {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLinks {
    browser: Option<String>,
    osc8: Option<Osc8Name>,
}

/// `names` as `` `a`, `b`, `c` ``.
pub fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The narrowest text column a configuration may ask for.
const NARROWEST_TEXT: u16 = 20;
/// The narrowest a terminal may be for a side pane to show beside the article.
const NARROWEST_FOR_PANES: u16 = 40;
/// Past any terminal's width (a width from which a pane never shows).
const WIDEST_TERMINAL: u16 = 10_000;

impl RawConfig {
    /// The configuration, or every problem found.
    pub fn into_config(self) -> Result<Config, Vec<Problem>> {
        let mut problems = Vec::new();
        let theme = self.theme.unwrap_or_default();
        let mut overrides = Vec::new();
        for (name, StyleSpec(style)) in theme.roles.0 {
            match Role::named(name.get_ref()) {
                Some(role) => overrides.push((role, style)),
                None => {
                    let mut names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
                    names.insert(0, "preset");
                    problems.push(Problem::at(
                        name.span(),
                        format!(
                            "unknown theme role `{}`, expected one of {}",
                            name.get_ref(),
                            quoted(&names)
                        ),
                    ));
                }
            }
        }
        let layout = self.layout.into_settings(&mut problems);
        let keymap = self.keys.into_keymap(&mut problems);
        let links = LinkSettings {
            browser: self.links.browser.filter(|b| !b.trim().is_empty()),
            osc8: match self.links.osc8 {
                None | Some(Osc8Name::Auto) => Osc8::Auto,
                Some(Osc8Name::Always) => Osc8::Always,
                Some(Osc8Name::Never) => Osc8::Never,
            },
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            settings: Settings {
                keymap: keymap.into(),
                layout,
            },
            theme: ThemeChoice {
                name: theme.name.unwrap_or_default(),
                overrides,
            },
            links,
        })
    }
}

impl RawLayout {
    fn into_settings(self, problems: &mut Vec<Problem>) -> LayoutSettings {
        let defaults = LayoutSettings::default();
        let mut within =
            |value: Option<Spanned<u16>>, range: Range<u16>, what: &str, default: u16| {
                let Some(value) = value else {
                    return default;
                };
                let n = *value.get_ref();
                if range.contains(&n) {
                    n
                } else {
                    problems.push(Problem::at(
                        value.span(),
                        format!(
                            "{what} must be from {} to {}, not {n}",
                            range.start,
                            range.end - 1
                        ),
                    ));
                    default
                }
            };
        let text_width = within(
            self.text_width,
            NARROWEST_TEXT..WIDEST_TEXT + 1,
            "text-width",
            defaults.text_width,
        );
        let sections_from = within(
            self.sections_from,
            NARROWEST_FOR_PANES..WIDEST_TERMINAL,
            "sections-from",
            defaults.panes.sections_from,
        );
        let quotes_sources_from = within(
            self.quotes_sources_from,
            NARROWEST_FOR_PANES..WIDEST_TERMINAL,
            "quotes-sources-from",
            defaults.panes.quotes_sources_from,
        );
        let shown = |pane| {
            self.panes
                .as_ref()
                .is_none_or(|panes| panes.contains(&pane))
        };
        LayoutSettings {
            text_width,
            panes: PaneLayout {
                sections_from,
                quotes_sources_from,
                sections: shown(PaneName::Sections),
                quotes: shown(PaneName::Quotes),
                sources: shown(PaneName::Sources),
            },
            borders: match self.borders {
                None => defaults.borders,
                Some(BordersName::Rounded) => Borders::Rounded,
                Some(BordersName::Plain) => Borders::Plain,
                Some(BordersName::Ascii) => Borders::Ascii,
                Some(BordersName::None) => Borders::None,
            },
            scrollbar: self.scrollbar.unwrap_or(defaults.scrollbar),
            cursor: self.cursor.unwrap_or(defaults.cursor),
        }
    }
}

impl RawKeys {
    /// The default keymap with the file's bindings, checked.
    fn into_keymap(self, problems: &mut Vec<Problem>) -> Keymap {
        let mut keymap = Keymap::default();
        // Where each binding the file names is, to say where a conflict is.
        let mut places: Vec<((Section, String), Range<usize>)> = Vec::new();
        let tables = [
            (Section::Reader, self.reader),
            (Section::Lists, self.lists),
            (Section::Prompt, self.prompt),
            (Section::Library, self.library),
        ];
        for (section, entries) in tables {
            for (name, keys) in entries.0 {
                let span = name.span().start..keys.span().end;
                match keymap.rebind(section, name.get_ref(), &keys.get_ref().0) {
                    Ok(()) => places.push(((section, name.into_inner()), span)),
                    Err(problem) => problems.push(Problem::at(name.span(), problem.to_string())),
                }
            }
        }
        let place_of = |section: Section, name: &str| {
            places
                .iter()
                .find(|((s, n), _)| *s == section && n == name)
                .map(|(_, span)| span.clone())
        };
        for problem in keymap.check() {
            let span = match &problem {
                KeymapProblem::Conflict { first, second, .. } => {
                    // The later of the two the file names (one of them is).
                    let a = place_of(first.0, first.1);
                    let b = place_of(second.0, second.1);
                    a.into_iter().chain(b).max_by_key(|span| span.start)
                }
                KeymapProblem::Unbound { section, name } => place_of(*section, name),
                KeymapProblem::UnknownName { .. } => None,
            };
            problems.push(Problem {
                span,
                message: problem.to_string(),
            });
        }
        keymap
    }
}
