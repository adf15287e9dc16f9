//! The README's key table is the keymap's own table: a key added to the
//! reader and not to the README (or the other way round) fails here.

use depeche::reader::help::help_lines;
use depeche::reader::keymap::Keymap;

/// The markdown table the README must hold, generated from the default keymap.
fn key_table() -> String {
    let mut out = String::from("| key | action |\n|---|---|\n");
    for (keys, help) in help_lines(Keymap::standard()) {
        if keys.is_empty() {
            // A heading row of the help screen ("In the search prompt…").
            out.push_str(&format!("| | **{}** |\n", help.trim_end_matches(':')));
        } else {
            let keys = keys.replace('|', "\\|");
            out.push_str(&format!("| `{keys}` | {help} |\n"));
        }
    }
    out
}

#[test]
fn readme_key_table_is_the_keymap() {
    let readme = include_str!("../../README.md");
    let table = key_table();
    assert!(
        readme.contains(&table),
        "README.md's key table is out of date; it should read:\n\n{table}"
    );
}

#[test]
fn readme_gives_the_two_commands() {
    let readme = include_str!("../../README.md");
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}

#[test]
fn readme_says_how_case_is_matched() {
    let readme = include_str!("../../README.md");
    assert!(readme.contains("an upper-case letter makes it case-sensitive"));
}

#[test]
fn readme_shows_importing_and_opening_a_page() {
    let readme = include_str!("../../README.md");
    assert!(readme.contains("depeche import PAGE... [-o FILE]"));
    assert!(readme.contains("depeche story.html"));
    assert!(readme.contains("docs/import.md"));
}
