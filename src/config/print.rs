//! `depeche --print-config`: the whole default configuration, a comment on
//! every entry, to copy and edit. Generated from the keymap, the theme's
//! roles and the layout's defaults, so it is never out of step; it reads
//! back as the defaults (a test says so).

use std::fmt::Write as _;

use super::{Config, LinkSettings};
use crate::reader::keymap::{Key, Keymap, NAMED_KEYS, Section};
use crate::reader::{Borders, LayoutSettings};
use crate::ui::{Preset, Role, Theme, style_spec};

/// How wide the comments are.
const COMMENT_WIDTH: usize = 78;

/// `text` as comment lines, wrapped.
fn comment(out: &mut String, text: &str) {
    for line in textwrap::wrap(text, COMMENT_WIDTH - 2) {
        let _ = writeln!(out, "# {line}");
    }
}

/// A TOML string holding `text`.
fn string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML array of strings.
fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(string).collect();
    format!("[{}]", items.join(", "))
}

/// The default configuration, commented: every entry set to its default,
/// the theme's roles shown (commented out) with the dark preset's styles.
pub fn default_config() -> String {
    let defaults = Config::default();
    let mut out = String::new();
    comment(
        &mut out,
        "depeche's configuration. It is read from --config FILE, else the file \
         DEPECHE_CONFIG names, else config.toml in $XDG_CONFIG_HOME/depeche \
         (~/.config/depeche). Every entry below is set to its default: keep \
         only what you change. A name depeche does not know, or a value it \
         cannot use, is an error (with its line and column), never ignored. \
         docs/configuration.md tells more.",
    );
    theme(&mut out, &defaults);
    layout(&mut out, &defaults.settings.layout);
    links(&mut out, &defaults.links);
    keys(&mut out, &defaults.settings.keymap);
    out
}

fn theme(out: &mut String, defaults: &Config) {
    out.push_str("\n[theme]\n");
    comment(
        out,
        "The colours: \"dark\" (for a dark background: the terminal's own \
         palette), \"light\" (for a light background), \"high-contrast\" (white \
         on black, every role at 4.5:1 at least), \"mono\" (no colour: \
         attributes only) or \"auto\" (asks the terminal for its background, \
         and takes light or dark; no answer within 100 ms is dark). NO_COLOR \
         and --color never always mean mono. `theme = \"light\"` alone, \
         without this table, also names the preset.",
    );
    let _ = writeln!(out, "preset = {}", string(defaults.theme.name.name()));
    comment(
        out,
        "A role below changes the preset's style for it: a colour (a name, \
         #rrggbb or 0-255) for the text, \"on\" and a colour for the \
         background, attributes (bold, dim, italic, underline, reverse, \
         strikethrough), or \"plain\". Colour names: default, black, red, \
         green, yellow, blue, magenta, cyan, gray, dark-gray, light-red, \
         light-green, light-yellow, light-blue, light-magenta, light-cyan, \
         white. Uncomment to change; shown with the dark preset's styles.",
    );
    let dark = Theme::preset(Preset::Dark);
    for role in Role::ALL {
        comment(out, role.about());
        let _ = writeln!(
            out,
            "# {} = {}",
            role.name(),
            string(&style_spec(dark.get(role)))
        );
    }
}

fn layout(out: &mut String, layout: &LayoutSettings) {
    out.push_str("\n[layout]\n");
    comment(
        out,
        "The article's text column at most, in columns (20 to 400).",
    );
    let _ = writeln!(out, "text-width = {}", layout.text_width);
    comment(
        out,
        "From this terminal width the Sections pane shows beside the article \
         (40 or more); narrower, its number key shows it over the article.",
    );
    let _ = writeln!(out, "sections-from = {}", layout.panes.sections_from);
    comment(
        out,
        "From this terminal width Quotes and Sources show at the right (40 or more).",
    );
    let _ = writeln!(
        out,
        "quotes-sources-from = {}",
        layout.panes.quotes_sources_from
    );
    comment(
        out,
        "The side panes that show beside the article: any of \"sections\", \
         \"quotes\", \"sources\". One left out still shows over the article \
         with its number key.",
    );
    let panes = [
        ("sections", layout.panes.sections),
        ("quotes", layout.panes.quotes),
        ("sources", layout.panes.sources),
    ];
    let shown = panes.iter().filter(|(_, on)| *on).map(|(name, _)| *name);
    let _ = writeln!(out, "panes = {}", strings(shown));
    let names: Vec<String> = Borders::ALL.iter().map(|b| string(b.name())).collect();
    comment(
        out,
        &format!(
            "The panes' frames: {}. \"none\" draws no lines (a pane's title \
             alone) and, like \"ascii\", draws every mark in ASCII; --plain \
             is \"none\" without the scrollbar.",
            names.join(", ")
        ),
    );
    let _ = writeln!(out, "borders = {}", string(layout.borders.name()));
    comment(out, "A scrollbar at the right of the article and the help.");
    let _ = writeln!(out, "scrollbar = {}", layout.scrollbar);
    comment(
        out,
        "The terminal's cursor on the focused item (the selected row, the \
         line being read), so that a screen reader or a magnifier follows it.",
    );
    let _ = writeln!(out, "cursor = {}", layout.cursor);
}

fn links(out: &mut String, links: &LinkSettings) {
    out.push_str("\n[links]\n");
    comment(
        out,
        "The command that opens a link, split as a shell would (no shell \
         runs): %s is the URL, else the URL goes at the end. Empty: \
         $BROWSER, else xdg-open (open on macOS).",
    );
    let _ = writeln!(
        out,
        "browser = {}",
        string(links.browser.as_deref().unwrap_or(""))
    );
    comment(
        out,
        "Clickable links (OSC 8): \"auto\" (when the terminal is known to \
         support them), \"always\" or \"never\".",
    );
    let _ = writeln!(out, "osc8 = {}", string(links.osc8.name()));
}

fn keys(out: &mut String, keymap: &Keymap) {
    let named: Vec<&str> = NAMED_KEYS.iter().map(|(name, _)| *name).collect();
    for section in Section::ALL {
        let _ = writeln!(out, "\n[keys.{}]", section.name());
        comment(out, section.about());
        if section == Section::Reader {
            comment(
                out,
                &format!(
                    "Each binding takes a key or a list of keys ([] for none), \
                     in place of its own. A key is one character (\"q\", \"G\", \
                     \"?\"), \"ctrl-\" and a character, f1 to f12, or one of {}. \
                     One key may not do two things at once; quit, help and the \
                     prompt's cancel keep a key.",
                    named.join(", ")
                ),
            );
        }
        let bindings: Vec<_> = keymap
            .bindings()
            .iter()
            .filter(|b| b.section() == section)
            .collect();
        if bindings.is_empty() {
            comment(out, "(no bindings yet)");
        }
        for binding in bindings {
            comment(out, binding.help);
            let names = binding
                .keys
                .iter()
                .map(|&k| Key::config_name(k))
                .collect::<Vec<_>>();
            let _ = writeln!(
                out,
                "{} = {}",
                binding.name(),
                strings(names.iter().map(String::as_str))
            );
        }
    }
}
