//! docs/configuration.md's tables are the code's: the theme's roles in each
//! preset, and every key binding with its default keys.

use depeche::reader::keymap::{Keymap, Section};
use depeche::ui::{Preset, Role, Theme, style_spec};

const DOC: &str = include_str!("../../docs/configuration.md");

/// The roles side by side in the four presets.
fn role_table() -> String {
    let mut out = String::from("| role | what it colours |");
    for preset in Preset::ALL {
        out.push_str(&format!(" {} |", preset.name()));
    }
    out.push_str("\n|---|---|---|---|---|---|\n");
    for role in Role::ALL {
        out.push_str(&format!("| `{}` | {} |", role.name(), role.about()));
        for preset in Preset::ALL {
            let spec = style_spec(Theme::preset(preset).get(role));
            out.push_str(&format!(" `{spec}` |"));
        }
        out.push('\n');
    }
    out
}

/// Every binding by section, with its default keys.
fn key_table() -> String {
    let keymap = Keymap::standard();
    let mut out =
        String::from("| table | name | default keys | what it does |\n|---|---|---|---|\n");
    for section in Section::ALL {
        for binding in keymap.bindings().iter().filter(|b| b.section() == section) {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| format!("`{}`", k.config_name().replace('|', "\\|")))
                .collect();
            out.push_str(&format!(
                "| `[keys.{}]` | `{}` | {} | {} |\n",
                section.name(),
                binding.name(),
                keys.join(" "),
                binding.help.replace('|', "\\|")
            ));
        }
    }
    out
}

#[test]
fn the_role_table_is_the_themes() {
    let table = role_table();
    assert!(
        DOC.contains(&table),
        "docs/configuration.md's role table is out of date; it should read:\n\n{table}"
    );
}

#[test]
fn the_key_table_is_the_keymaps() {
    let table = key_table();
    assert!(
        DOC.contains(&table),
        "docs/configuration.md's key table is out of date; it should read:\n\n{table}"
    );
}

#[test]
fn the_readme_links_the_configuration() {
    let readme = include_str!("../../README.md");
    assert!(readme.contains("docs/configuration.md"));
    assert!(readme.contains("--print-config"));
}

/// The ```toml blocks of a markdown text.
fn toml_blocks(markdown: &str) -> Vec<&str> {
    markdown
        .split("```toml\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default())
        .collect()
}

#[test]
fn every_example_configuration_is_accepted() {
    let readme = include_str!("../../README.md");
    let blocks: Vec<&str> = toml_blocks(DOC)
        .into_iter()
        .chain(toml_blocks(readme))
        .collect();
    assert!(blocks.len() >= 3, "{blocks:?}");
    for block in blocks {
        if let Err(error) = depeche::config::parse(block, "example") {
            panic!("{error}\n{block}");
        }
    }
}
