//! `config.toml` read and refused: `--print-config` reads back as the
//! defaults; each mistake is one message with the file, line:column and
//! what it could have been.

use depeche::config::{self, Config, Osc8, ThemeName};
use depeche::reader::Borders;
use depeche::ui::{Preset, Role};
use ratatui::style::{Color, Modifier, Style};

/// The one problem `text` has, as the reader would print it.
fn refused(text: &str) -> String {
    let error = config::parse(text, "config.toml").expect_err("the configuration is refused");
    assert_eq!(error.problems.len(), 1, "{error}");
    error.problems[0].clone()
}

#[test]
fn the_printed_defaults_read_back_as_the_defaults() {
    let printed = config::print::default_config();
    let read = config::parse(&printed, "printed").unwrap_or_else(|e| panic!("{e}\n{printed}"));
    assert_eq!(read, Config::default());
    // An empty file is the defaults too.
    assert_eq!(config::parse("", "empty").unwrap(), Config::default());
}

#[test]
fn every_printed_entry_has_a_comment_above_it() {
    let printed = config::print::default_config();
    let lines: Vec<&str> = printed.lines().collect();
    let mut entries = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() || line.starts_with('#') || line.starts_with('[') {
            continue;
        }
        entries += 1;
        assert!(
            i > 0 && lines[i - 1].starts_with('#'),
            "line {}: {line:?} has no comment",
            i + 1
        );
    }
    assert!(entries > 40, "only {entries} entries");
    // Every role, commented out with the dark preset's style, ready to uncomment.
    for role in Role::ALL {
        assert!(
            printed.contains(&format!("\n# {} = \"", role.name())),
            "{}",
            role.name()
        );
    }
}

#[test]
fn an_uncommented_role_reads_back_as_printed() {
    let printed = config::print::default_config().replace(
        "# link = \"cyan underline\"",
        "link = \"#0000ee underline\"",
    );
    let read = config::parse(&printed, "edited").unwrap();
    let link = Style::new()
        .fg(Color::Rgb(0, 0, 0xee))
        .add_modifier(Modifier::UNDERLINED);
    assert_eq!(read.theme.overrides, [(Role::Link, link)]);
    let theme = read.theme.resolve(true, None);
    assert_eq!(theme.link(), link);
    assert_eq!(
        theme.heading(),
        depeche::ui::Theme::preset(Preset::Dark).heading()
    );
}

#[test]
fn an_unknown_name_is_refused_with_its_place_and_the_valid_names() {
    let top = refused("theme = \"dark\"\ncolour = \"red\"\n");
    assert!(
        top.starts_with("config.toml:2:1: unknown field `colour`"),
        "{top}"
    );
    assert!(top.contains("`theme`, `keys`, `layout`, `links`"), "{top}");

    let layout = refused("[layout]\n  text-widht = 80\n");
    assert!(
        layout.starts_with("config.toml:2:3: unknown field `text-widht`"),
        "{layout}"
    );
    assert!(layout.contains("`text-width`"), "{layout}");

    let role = refused("[theme]\nlinks = \"blue\"\n");
    assert!(
        role.starts_with("config.toml:2:1: unknown theme role `links`"),
        "{role}"
    );
    assert!(
        role.contains("`link`") && role.contains("`current-match`"),
        "{role}"
    );

    let binding = refused("[keys.reader]\nquit = \"q\"\nserach = \"s\"\n");
    assert!(
        binding.starts_with("config.toml:3:1: unknown key binding `serach` in [keys.reader]"),
        "{binding}"
    );
    assert!(binding.contains("`search`"), "{binding}");

    let section = refused("[keys.readr]\nquit = \"x\"\n");
    assert!(
        section.starts_with("config.toml:1:7: unknown field `readr`"),
        "{section}"
    );
    assert!(
        section.contains("`reader`, `lists`, `prompt`, `library`"),
        "{section}"
    );

    let preset = refused("theme = \"solarized\"\n");
    assert!(
        preset.starts_with("config.toml:1:9: unknown theme `solarized`"),
        "{preset}"
    );
    assert!(
        preset.contains("`high-contrast`") && preset.contains("`auto`"),
        "{preset}"
    );

    let borders = refused("[layout]\nborders = \"double\"\n");
    assert!(borders.starts_with("config.toml:2:11:"), "{borders}");
    assert!(
        borders.contains("`rounded`, `plain`, `ascii`, `none`"),
        "{borders}"
    );

    let key = refused("[keys.reader]\nsearch = \"meta-s\"\n");
    assert!(
        key.starts_with("config.toml:2:10: \"meta-s\" is not a key"),
        "{key}"
    );
}

#[test]
fn a_bad_colour_is_refused_with_its_place() {
    let name = refused("[theme]\nheading = \"yelow bold\"\n");
    assert!(
        name.starts_with("config.toml:2:11: \"yelow\" is not a colour"),
        "{name}"
    );
    assert!(
        name.contains("yellow") && name.contains("#rrggbb"),
        "{name}"
    );
    let hex = refused("[theme]\nlink = \"#12345g\"\n");
    assert!(
        hex.starts_with("config.toml:2:8:") && hex.contains("six hex digits"),
        "{hex}"
    );
    let index = refused("[theme]\nlink = \"300\"\n");
    assert!(index.contains("from 0 to 255"), "{index}");
    let not_a_string = refused("[theme]\nlink = 12\n");
    assert!(
        not_a_string.starts_with("config.toml:2:8:"),
        "{not_a_string}"
    );
}

#[test]
fn a_key_bound_twice_is_refused_naming_both() {
    let twice = refused("[keys.reader]\nsearch = [\"/\", \"n\"]\n");
    assert!(twice.starts_with("config.toml:2:1:"), "{twice}");
    assert!(
        twice.contains("\"n\" is bound twice in [keys.reader]: to search and to next-match"),
        "{twice}"
    );
    // Moving next-match away first makes it fine.
    let config = config::parse(
        "[keys.reader]\nsearch = [\"/\", \"n\"]\nnext-match = \"ctrl-n\"\n",
        "config.toml",
    )
    .unwrap();
    assert_eq!(
        config
            .settings
            .keymap
            .keys_of(depeche::reader::keymap::Section::Reader, "search")
            .len(),
        2
    );
    // In the prompt too.
    let prompt = refused("[keys.prompt]\nclear = \"ctrl-w\"\n");
    assert!(prompt.contains("to clear and to delete-word"), "{prompt}");
    // A list's own key may shadow a reading key: the list's wins there, no conflict.
    assert!(config::parse("[keys.lists]\nclose = [\"esc\", \"q\", \"h\"]\n", "c").is_ok());
    // In the library's lists, and reading an item of the library.
    let library = refused("[keys.library]\nrefresh = [\"r\", \"u\"]\n");
    assert!(library.starts_with("config.toml:2:1:"), "{library}");
    assert!(
        library.contains("\"u\" is bound twice in [keys.library]: to refresh and to toggle-read"),
        "{library}"
    );
    let reading = refused("[keys.library]\nreading-back = [\"q\", \".\"]\n");
    assert!(
        reading.contains("to reading-back and to reading-next-unread"),
        "{reading}"
    );
    // The library's keys come first on its screens, as the lists' do.
    assert!(config::parse("[keys.library]\nnext-unread = [\"n\", \".\"]\n", "c").is_ok());
}

#[test]
fn quit_help_or_cancel_left_without_a_key_is_refused() {
    let quit = refused("[keys.reader]\nquit = []\n");
    assert_eq!(
        quit,
        "config.toml:2:1: [keys.reader] leaves quit without a key: give it at least one"
    );
    let help = refused("# mine\n[keys.reader]\nhelp = []\n");
    assert!(
        help.starts_with("config.toml:3:1:") && help.contains("leaves help without a key"),
        "{help}"
    );
    let cancel = refused("[keys.prompt]\ncancel = []\n");
    assert!(
        cancel.contains("[keys.prompt] leaves cancel without a key"),
        "{cancel}"
    );
    // Stopping an item being fetched in the library too.
    let library = refused("[keys.library]\ncancel = []\n");
    assert_eq!(
        library,
        "config.toml:2:1: [keys.library] leaves cancel without a key: give it at least one"
    );
    // Another binding may go without.
    assert!(config::parse("[keys.reader]\ncopy-link = []\n", "c").is_ok());
    assert!(config::parse("[keys.library]\nmark-all-read = []\n", "c").is_ok());
}

#[test]
fn a_toml_syntax_error_has_its_line_and_column() {
    let unclosed = refused("[layout]\nborders = \"none\"\npanes = [\"quotes\"\n");
    assert!(unclosed.starts_with("config.toml:3:"), "{unclosed}");
    let bare = refused("theme = dark\n");
    assert!(bare.starts_with("config.toml:1:9:"), "{bare}");
    let twice = refused("[layout]\nscrollbar = true\nscrollbar = false\n");
    assert!(twice.starts_with("config.toml:3:1:"), "{twice}");
    let wrong_type = refused("[layout]\nscrollbar = \"yes\"\n");
    assert!(wrong_type.starts_with("config.toml:2:13:"), "{wrong_type}");
}

#[test]
fn numbers_out_of_range_are_refused_and_every_problem_is_told() {
    let error = config::parse(
        "[layout]\ntext-width = 5\nsections-from = 10\n[theme]\nlnk = \"red\"\n",
        "c.toml",
    )
    .unwrap_err();
    assert_eq!(
        error.problems,
        [
            "c.toml:2:14: text-width must be from 20 to 400, not 5",
            "c.toml:3:17: sections-from must be from 40 to 9999, not 10",
            &error.problems[2],
        ]
    );
    assert!(error.problems[2].starts_with("c.toml:5:1: unknown theme role `lnk`"));
}

#[test]
fn hostile_text_in_a_configuration_comes_back_escaped() {
    // TOML's own escape puts ESC in the name.
    let error = refused("[theme]\n\"\\u001b[31mx\" = \"red\"\n");
    assert!(!error.contains('\u{1b}'), "{error:?}");
    assert!(error.contains("\\u{1b}"), "{error}");
}

#[test]
fn every_table_changes_what_it_names() {
    let config = config::parse(
        r##"
theme = "high-contrast"
[layout]
text-width = 120
sections-from = 140
quotes-sources-from = 90
panes = ["sources"]
borders = "ascii"
scrollbar = false
cursor = false
[links]
browser = "firefox --new-tab %s"
osc8 = "never"
"##,
        "c",
    )
    .unwrap();
    assert_eq!(config.theme.name, ThemeName::Preset(Preset::HighContrast));
    let layout = config.settings.layout;
    assert_eq!(layout.text_width, 120);
    assert_eq!(layout.panes.sections_from, 140);
    assert_eq!(layout.panes.quotes_sources_from, 90);
    assert!(!layout.panes.sections && !layout.panes.quotes && layout.panes.sources);
    assert_eq!(layout.borders, Borders::Ascii);
    assert!(!layout.scrollbar && !layout.cursor);
    assert_eq!(
        config.links.browser.as_deref(),
        Some("firefox --new-tab %s")
    );
    assert_eq!(config.links.osc8, Osc8::Never);

    let table = config::parse(
        "[theme]\npreset = \"auto\"\ntext = \"white on #101010\"\n",
        "c",
    )
    .unwrap();
    assert_eq!(table.theme.name, ThemeName::Auto);
    // Auto: light when the terminal says so, else dark.
    let light = table.theme.resolve(true, Some(true));
    assert_eq!(
        light.heading(),
        depeche::ui::Theme::preset(Preset::Light).heading()
    );
    let dark = table.theme.resolve(true, None);
    assert_eq!(
        dark.heading(),
        depeche::ui::Theme::preset(Preset::Dark).heading()
    );
    assert_eq!(
        dark.text(),
        Style::new().fg(Color::White).bg(Color::Rgb(16, 16, 16))
    );
}

#[test]
fn no_color_wins_over_any_theme() {
    let config = config::parse("theme = \"light\"\n[theme.x]\n", "c");
    assert!(config.is_err(), "a table after a string is a TOML error");
    let config = config::parse(
        "[theme]\npreset = \"high-contrast\"\nlink = \"red underline\"\n",
        "c",
    )
    .unwrap();
    let theme = config.theme.resolve(false, Some(true));
    for role in Role::ALL {
        let style = theme.get(role);
        assert_eq!((style.fg, style.bg), (None, None), "{role:?}");
    }
    assert!(theme.link().add_modifier.contains(Modifier::UNDERLINED));
    assert_eq!(
        theme.search_match(),
        depeche::ui::Theme::preset(Preset::Mono).search_match()
    );
}

#[test]
fn a_file_that_cannot_be_read_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.toml");
    let error = config::load(Some(&missing)).unwrap_err().to_string();
    assert!(
        error.contains("none.toml: cannot read the configuration"),
        "{error}"
    );
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"# caf\xe9\n").unwrap();
    let error = config::load(Some(&latin1)).unwrap_err().to_string();
    assert!(
        error.contains("latin1.toml: not UTF-8 from byte 5"),
        "{error}"
    );
    let good = dir.path().join("good.toml");
    std::fs::write(&good, "theme = \"mono\"\n").unwrap();
    assert_eq!(
        config::load(Some(&good)).unwrap().theme.name,
        ThemeName::Preset(Preset::Mono)
    );
    assert_eq!(config::load(None).unwrap(), Config::default());
}

mod never_panics {
    use depeche::config;
    use depeche::reader::{Action, App, Options};
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// The printed defaults with a piece replaced: mostly near-misses of a
    /// real file, the cases a person makes.
    fn edited() -> impl Strategy<Value = String> {
        let printed = config::print::default_config();
        let chars: Vec<char> = printed.chars().collect();
        (0..chars.len(), 0..40usize, ".{0,30}").prop_map(move |(at, len, with)| {
            let end = (at + len).min(chars.len());
            let mut out: String = chars[..at].iter().collect();
            out.push_str(&with);
            out.extend(&chars[end..]);
            out
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_text_is_a_configuration_or_a_located_message(text in prop_oneof![edited(), ".{0,200}"], w in 0u16..140, h in 0u16..50) {
            match config::parse(&text, "c.toml") {
                Err(error) => {
                    prop_assert!(!error.problems.is_empty());
                    for problem in &error.problems {
                        prop_assert!(problem.starts_with("c.toml:"), "{}", problem);
                        prop_assert!(!problem.contains('\u{1b}'), "{:?}", problem);
                    }
                }
                Ok(config) => {
                    prop_assert!(config.settings.keymap.check().is_empty());
                    let corpus = depeche::corpus::load_bundled().unwrap();
                    let mut app = App::with_settings(corpus, Options { color: true }, config.settings.clone());
                    app.update(Action::Resize { width: w, height: h });
                    app.update(Action::NextPost);
                    prop_assert!(app.check_invariants().is_ok());
                    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                    let theme = config.theme.resolve(true, None);
                    terminal.draw(|frame| { depeche::ui::draw_with(frame, &app, theme); }).unwrap();
                }
            }
        }
    }
}
