//! The command line's arguments (clap), and the sizes `--max-size` takes.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

use super::dump;
use crate::corpus::sanitize;

#[derive(Debug, Parser)]
#[command(
    name = "depeche",
    version,
    about = "A terminal reader for news articles with embedded social posts and cited sources",
    long_about = "A terminal reader for news articles with embedded social posts and cited sources.\n\n\
        Without CORPUS, reads the bundled article. CORPUS may also be a web page (HTML, told by its content), \
        imported on the way, or an http(s) URL: a page is fetched and imported, a feed shows its items \
        (and is added to your library). When stdout is not a terminal, prints the dump instead of opening the reader.\n\n\
        Your library: `depeche feeds add URL`, `depeche refresh`, `depeche library`. What you read and where \
        you were is remembered in $XDG_DATA_HOME/depeche/depeche.db (--data-dir DIR elsewhere, --no-state not at all).",
    after_help = "Search folds accents, ligatures, quotes and case; an upper-case letter makes it case-sensitive.\n\
        --search prints each match as ID:LINE: §SECTION HEADING › … where LINE is the line of --dump's \
        output (at --width, 80 by default) showing it: `depeche --line LINE` opens the reader there.\n\n\
        Exit status: 0 on success, 1 when --search finds nothing, 2 for bad input or any other error.",
    group(ArgGroup::new("mode").args(["dump", "toc", "check", "search", "pattern", "line"])),
    group(ArgGroup::new("query").args(["search", "pattern"])),
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Corpus JSON file, HTML page or http(s) URL (the bundled article when omitted; - reads stdin); --check takes several
    #[arg(value_name = "CORPUS")]
    pub corpora: Vec<PathBuf>,

    /// Print every article as plain text wrapped to --width columns
    #[arg(long)]
    pub dump: bool,

    /// Print the outline: articles, numbered sections, and their posts
    #[arg(long)]
    pub toc: bool,

    /// Validate each CORPUS: a one-line summary per file, or all its problems
    #[arg(long)]
    pub check: bool,

    /// Print every match of QUERY (accents, case and quotes folded)
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,

    /// Open the reader at the first match of QUERY, the search kept (as less -p)
    #[arg(short = 'p', long = "pattern", value_name = "QUERY")]
    pub pattern: Option<String>,

    /// Open the reader at line N of --dump's output (the LINE --search prints)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub line: Option<u64>,

    /// Read the QUERY of --search or -p as a regular expression
    #[arg(long, requires = "query")]
    pub regex: bool,

    /// Wrap the dump to N columns, at least 20 [default: the terminal's width, else COLUMNS, else 80]; --search and --line count its lines at 80 unless given
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(dump::MIN_WIDTH as i64..),
          conflicts_with_all = ["toc", "check", "pattern"])]
    pub width: Option<u16>,

    /// Refuse files larger than SIZE: bytes, or with K, M, G, KiB, MiB, GiB (binary units) [default: 256MiB for a corpus, 64MiB for a page]
    #[arg(long, value_name = "SIZE", value_parser = parse_size, global = true)]
    pub max_size: Option<u64>,

    /// The address of a page, for its relative links when it has no <base> or canonical URL
    #[arg(long, value_name = "URL", value_parser = parse_base_url, global = true)]
    pub base_url: Option<String>,

    /// Colour in the reader and --search output; auto: none when NO_COLOR is set or stdout is not a terminal
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// The reader's configuration file [default: $DEPECHE_CONFIG, else config.toml in $XDG_CONFIG_HOME/depeche]
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Print the whole default configuration, every entry commented, and exit
    #[arg(long, conflicts_with_all = ["mode", "corpora", "config", "plain"])]
    pub print_config: bool,

    /// A reader without box drawing or scrollbar, its marks in ASCII (for screen readers and speech)
    #[arg(long, global = true)]
    pub plain: bool,

    /// Keep the library and what you read in DIR/depeche.db [default: $XDG_DATA_HOME/depeche]
    #[arg(long, value_name = "DIR", global = true, conflicts_with = "no_state")]
    pub data_dir: Option<PathBuf>,

    /// Read and write no state: no library, no positions, marks or search history kept
    #[arg(long, global = true)]
    pub no_state: bool,

    /// Fetch nothing: only what is stored (pages read before, feeds' items)
    #[arg(long, global = true)]
    pub offline: bool,

    /// Give up a fetch (all its redirects and its whole body) after SECONDS
    #[arg(long, value_name = "SECONDS", global = true, default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Turn web pages (HTML, with their embedded posts) into one corpus, an article per page
    #[command(
        long_about = "Turn web pages (HTML, with their embedded posts) into one corpus, an article per page.\n\n\
            Writes the corpus as JSON to FILE (replaced only once every page is imported: \
            nothing is written on an error) or to stdout. Open it with `depeche FILE`; \
            `depeche PAGE` also opens a page directly.",
        after_help = "Exit status: 0 on success, 2 when a page cannot be imported (nothing is written)."
    )]
    Import(ImportArgs),

    /// Your feeds: list them (the default), add, remove, import or export OPML
    #[command(
        after_help = "Exit status: 0 on success, 1 when some feed could not be added, 2 for bad usage or any other error."
    )]
    Feeds(FeedsArgs),

    /// Fetch every feed (or those named) for new items, 8 at a time
    #[command(
        long_about = "Fetch every feed (or the URLs given) for new items, several at a time, with \
            conditional requests (an unchanged feed costs nothing). A progress bar shows on stderr when \
            it is a terminal; each feed that fails is named with why, and the others go on.",
        after_help = "Exit status: 0 when every feed was refreshed, 1 when some failed, 2 for bad usage or any other error."
    )]
    Refresh(RefreshArgs),

    /// Open your library in the reader: feeds, their items, each item read in full
    Library,
}

#[derive(Debug, Args)]
pub struct FeedsArgs {
    #[command(subcommand)]
    pub action: Option<FeedsAction>,
}

#[derive(Debug, Subcommand)]
pub enum FeedsAction {
    /// List the feeds: title, URL, unread items, last refresh, last error
    List,
    /// Subscribe to feeds (a page's URL finds the feed it announces); each is fetched once
    Add {
        /// Feed (or page) URLs
        #[arg(value_name = "URL", required = true)]
        urls: Vec<String>,
        /// File them under a category (a folder in OPML: Tech/Rust)
        #[arg(long, value_name = "NAME")]
        category: Option<String>,
    },
    /// Unsubscribe (the feed's items go with it)
    Remove {
        #[arg(value_name = "URL", required = true)]
        urls: Vec<String>,
    },
    /// Subscribe to every feed of an OPML file (from another feed reader); fetched at the next refresh
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print every subscription as OPML 2.0 (for another feed reader)
    Export,
}

#[derive(Debug, Args)]
pub struct RefreshArgs {
    /// Only these feeds (their URLs as listed by depeche feeds)
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,

    /// Feeds fetched at once
    #[arg(short, long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// HTML page files or http(s) URLs; `-` reads one from stdin
    #[arg(value_name = "PAGE", required = true)]
    pub pages: Vec<PathBuf>,

    /// Write the corpus to FILE instead of stdout (through a temporary file renamed into place)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--base-url`: an absolute http(s) URL.
fn parse_base_url(text: &str) -> Result<String, String> {
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(url.into()),
        _ => Err(format!(
            "\"{}\" is not an absolute http(s) URL, e.g. https://news.example/2026/story.html",
            sanitize::for_message(text)
        )),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Parses a size for `--max-size`: bytes (`1000000`) or with a binary suffix
/// (`K`/`KiB`, `M`/`MiB`, `G`/`GiB`, any case; `B` for bytes).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, suffix) = text.split_at(split);
    let invalid = || {
        format!(
            "\"{}\" is not a size: expected bytes or a number with K, M, G, KiB, MiB or GiB, e.g. 512M",
            sanitize::for_message(text)
        )
    };
    if digits.is_empty() {
        return Err(invalid());
    }
    let multiplier: u64 = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        _ => return Err(invalid()),
    };
    let number: u64 = digits.parse().map_err(|_| invalid())?;
    let size = number
        .checked_mul(multiplier)
        .ok_or_else(|| format!("{text} is too large a size"))?;
    if size == 0 {
        return Err("the size cap must be at least 1 byte".to_string());
    }
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_suffixes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("10K"), Ok(10 * 1024));
        assert_eq!(parse_size("10kib"), Ok(10 * 1024));
        assert_eq!(parse_size("256MiB"), Ok(crate::corpus::DEFAULT_MAX_SIZE));
        assert_eq!(parse_size("2 G"), Ok(2 << 30));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert!(parse_size("").is_err());
        assert!(parse_size("12X").unwrap_err().contains("is not a size"));
        assert!(parse_size("-5").is_err());
        assert!(parse_size("0").unwrap_err().contains("at least 1 byte"));
        assert!(parse_size("99999999999999999999G").is_err());
    }
}
