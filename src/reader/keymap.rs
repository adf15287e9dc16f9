//! Key and mouse events → actions, from one table: [`KEYMAP`], the
//! defaults, one binding a line. A [`Keymap`] is that table with the
//! configuration's changes (`[keys.reader]`, `[keys.prompt]`…: each names
//! bindings by [`binding_name`] and gives their keys, overriding only what it
//! names); the help screen, the README's key table and the status bar's
//! hints all read the keymap in force.
//!
//! The keymap never sees the reader's state: it reads a [`KeyContext`]
//! (typing? an overlay? a folded pane? a search in force?) that the reader
//! computes (`App::key_context`).

use std::fmt;
use std::sync::LazyLock;

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::geometry::Pane;
use super::library::LibraryKey;
use super::memory::MarkKey;
use super::message::{Action, Motion, PromptEdit};

/// A key as the table names it: a code, with or without Ctrl.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

/// The keys a configuration file names in words (any case), with the code
/// each stands for; any other key is one character (`q`, `G`, `?`), and
/// `ctrl-` may come before a character.
pub const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
];

impl Key {
    /// The event a terminal sends for this key (Shift with capitals and Shift-Tab).
    pub fn event(self) -> KeyEvent {
        let mut modifiers = if self.ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        if matches!(self.code, KeyCode::Char(c) if c.is_ascii_uppercase())
            || self.code == KeyCode::BackTab
        {
            modifiers |= KeyModifiers::SHIFT;
        }
        KeyEvent::new(self.code, modifiers)
    }

    /// A key as a configuration file writes it: `q`, `G`, `ctrl-d`,
    /// `space`, `pagedown`, `f1`… (see [`NAMED_KEYS`]). `Err` says what
    /// keys can be written.
    pub fn parse(text: &str) -> Result<Key, String> {
        let lower = text.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("ctrl-").filter(|rest| !rest.is_empty()) {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_graphic() => Ok(Key {
                    code: KeyCode::Char(c),
                    ctrl: true,
                }),
                _ if rest == "space" => Ok(Key {
                    code: KeyCode::Char(' '),
                    ctrl: true,
                }),
                _ => Err(format!(
                    "\"{text}\" is not a key: ctrl- goes with one letter or sign, e.g. ctrl-d"
                )),
            };
        }
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return if c.is_control() || c == ' ' {
                Err(format!("{text:?} is not a key: write \"space\" for Space"))
            } else {
                Ok(Key {
                    code: KeyCode::Char(c),
                    ctrl: false,
                })
            };
        }
        if let Some((_, code)) = NAMED_KEYS.iter().find(|(name, _)| *name == lower) {
            return Ok(Key {
                code: *code,
                ctrl: false,
            });
        }
        if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
            && (1..=12).contains(&n)
        {
            return Ok(Key {
                code: KeyCode::F(n),
                ctrl: false,
            });
        }
        let names: Vec<&str> = NAMED_KEYS.iter().map(|(name, _)| *name).collect();
        Err(format!(
            "\"{text}\" is not a key: one character (q, G, ?), ctrl- and a character (ctrl-d), \
             f1 to f12, or one of {}",
            names.join(", ")
        ))
    }

    /// The key as a configuration file writes it ([`Key::parse`] reads it back).
    pub fn config_name(self) -> String {
        let name = match self.code {
            KeyCode::Char(c) => match NAMED_KEYS.iter().find(|(_, code)| *code == self.code) {
                Some((name, _)) => name.to_string(),
                None => c.to_string(),
            },
            KeyCode::F(n) => format!("f{n}"),
            code => NAMED_KEYS
                .iter()
                .find(|(_, named)| *named == code)
                .map_or_else(
                    || format!("{code:?}").to_lowercase(),
                    |(name, _)| name.to_string(),
                ),
        };
        if self.ctrl {
            format!("ctrl-{name}")
        } else {
            name
        }
    }
}

/// What the keymap needs to know of the reader to choose a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyContext {
    /// The search prompt is open: only its bindings apply, other characters are typed.
    pub typing: bool,
    /// The help or the list of articles is open.
    pub overlay: bool,
    /// A folded pane is shown over the article.
    pub folded_pane: bool,
    /// A search is in force (its highlights shown).
    pub searching: bool,
    /// The links on screen are numbered (`o` or `y`): digits pick one.
    pub picking: bool,
    /// A list of the library (feeds, items) is on screen.
    pub library_list: bool,
    /// The article is an item opened from the library.
    pub library_article: bool,
    /// An item of the library is being opened (its page fetched).
    pub opening: bool,
    /// `m` or `'` was typed: the next letter names a mark.
    pub awaiting_mark: bool,
}

/// When a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Always, overlays included.
    Anywhere,
    /// Reading: no help or article list open (a folded pane shown full-screen counts).
    Reader,
    /// A list of the library (feeds, a feed's items), no overlay open.
    Library,
    /// Reading an item opened from the library, no overlay open.
    LibraryArticle,
    /// An item of the library is being opened.
    Opening,
    /// An overlay is open (help, article list, or a folded pane shown full-screen).
    Overlay,
    /// Reading, with a search in force.
    Searching,
    /// The links on screen are numbered after `o` or `y`; digits (not in
    /// the table) pick one.
    Picking,
    /// The search prompt is open: only these bindings apply, and any other
    /// character is typed into the query.
    Prompt,
}

impl Context {
    fn applies(self, ctx: KeyContext) -> bool {
        if ctx.typing {
            return self == Prompt;
        }
        match self {
            Anywhere => true,
            Reader => !ctx.overlay && !ctx.library_list,
            Library => ctx.library_list && !ctx.overlay,
            LibraryArticle => ctx.library_article && !ctx.overlay,
            Opening => ctx.opening && !ctx.overlay,
            Overlay => ctx.overlay || ctx.folded_pane,
            Searching => !ctx.overlay && !ctx.library_list && ctx.searching,
            Picking => ctx.picking,
            Prompt => false,
        }
    }

    /// Which binding wins when several apply to a key: the lowest rank (the
    /// numbered links and the overlays, then an item being opened, then the
    /// library's screens, then reading).
    fn rank(self) -> u8 {
        match self {
            Picking | Overlay => 0,
            Opening => 1,
            Library | LibraryArticle => 2,
            Anywhere | Reader | Searching | Prompt => 3,
        }
    }

    /// Whether bindings of the two contexts can both apply to a key, neither
    /// winning: one key bound in both would be a conflict.
    fn overlaps(self, other: Context) -> bool {
        if self == other {
            return true;
        }
        // The reader's contexts nest (a search in force is reading, reading
        // is anywhere); the others are screens of their own, or win (the
        // library's lists and the library's article are never on screen
        // together).
        let reading = |c: Context| matches!(c, Anywhere | Reader | Searching);
        reading(self) && reading(other)
    }

    /// The part of the configuration file that sets this context's bindings.
    pub fn section(self) -> Section {
        match self {
            Anywhere | Reader | Searching | Picking => Section::Reader,
            Overlay => Section::Lists,
            Prompt => Section::Prompt,
            Library | LibraryArticle | Opening => Section::Library,
        }
    }
}

/// A table of the configuration file's `[keys]`: where a binding is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Reading the article, moving in any pane or list (the moves apply in
    /// the lists and overlays too).
    Reader,
    /// What only the lists shown over the article do (help, articles, a folded pane).
    Lists,
    /// The search prompt.
    Prompt,
    /// The library's screens.
    Library,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Reader,
        Section::Lists,
        Section::Prompt,
        Section::Library,
    ];

    /// Its name in the configuration file (`[keys.NAME]`).
    pub fn name(self) -> &'static str {
        match self {
            Section::Reader => "reader",
            Section::Lists => "lists",
            Section::Prompt => "prompt",
            Section::Library => "library",
        }
    }

    /// What it holds, for `--print-config` and the docs.
    pub fn about(self) -> &'static str {
        match self {
            Section::Reader => {
                "Reading: the article and the panes beside it (the moves apply in lists and overlays too)."
            }
            Section::Lists => {
                "What only the lists shown over the article do (help, articles, a folded pane); these come first there."
            }
            Section::Prompt => "The search prompt (after /): any key not bound here is typed.",
            Section::Library => {
                "The library: its lists (feeds, a feed's items), the item being read (the reading- names) and the item being opened (cancel); these come first there."
            }
        }
    }
}

/// A line of the default table.
#[derive(Debug)]
pub struct KeyBinding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

use Context::{
    Anywhere, Library, LibraryArticle, Opening, Overlay, Picking, Prompt, Reader, Searching,
};
use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};

const fn b(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
) -> KeyBinding {
    KeyBinding {
        context,
        keys,
        action,
        help,
    }
}

/// A character key.
const fn c(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

/// A character with Ctrl.
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// A key that is not a character.
const fn k(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn edit(edit: PromptEdit) -> Action {
    Action::Prompt(edit)
}

const fn go(motion: Motion) -> Action {
    Action::Move(motion)
}

const fn lib(key: LibraryKey) -> Action {
    Action::Library(key)
}

/// Every key of the reader by default, one binding a line, in the order of
/// the help screen. When several bindings apply, the binding of the most
/// particular context wins (the numbered links or an overlay, then an item
/// being opened, then the library's screens: [`Context::rank`]), then the
/// first in the table; two bindings of the same rank that can apply together
/// never share a key ([`Keymap::check`]). Each binding's name in the
/// configuration file is [`binding_name`] of its context and action, in its
/// context's [`Section`].
#[rustfmt::skip]
pub static KEYMAP: &[KeyBinding] = &[
    b(Anywhere,  &[c('q'), ctrl('c')],            Action::Quit,                 "quit (over a list, q closes it first)"),
    b(Overlay,   &[k(Esc), c('q')],               Action::Close,                "close the overlay (help, articles, a folded pane)"),
    b(Anywhere,  &[c('?'), k(F(1))],              Action::Help,                 "help: this screen (? closes it)"),
    b(Reader,    &[k(Tab)],                       Action::FocusNext,            "focus the next pane"),
    b(Reader,    &[k(BackTab)],                   Action::FocusPrev,            "focus the previous pane"),
    b(Reader,    &[c('1')],                       Action::Focus(Pane::Sections), "focus Sections (shown over the article when folded)"),
    b(Reader,    &[c('2')],                       Action::Focus(Pane::Article), "focus the Article"),
    b(Reader,    &[c('3')],                       Action::Focus(Pane::Quotes),  "focus Quotes (shown over the article when folded)"),
    b(Reader,    &[c('4')],                       Action::Focus(Pane::Sources), "focus Sources (shown over the article when folded)"),
    b(Anywhere,  &[c('j'), k(Down)],              go(Motion::LineDown),         "one line down / next item"),
    b(Anywhere,  &[c('k'), k(Up)],                go(Motion::LineUp),           "one line up / previous item"),
    b(Anywhere,  &[ctrl('d')],                    go(Motion::HalfPageDown),     "half a page down"),
    b(Anywhere,  &[ctrl('u')],                    go(Motion::HalfPageUp),       "half a page up"),
    b(Anywhere,  &[c(' '), k(PageDown), ctrl('f')], go(Motion::PageDown),       "a page down"),
    b(Anywhere,  &[c('b'), k(PageUp), ctrl('b')], go(Motion::PageUp),           "a page up"),
    b(Anywhere,  &[c('g'), k(Home)],              go(Motion::Top),              "top"),
    b(Anywhere,  &[c('G'), k(End)],               go(Motion::Bottom),           "bottom"),
    b(Anywhere,  &[k(Enter)],                     Action::Enter,                "go there: section, post, next place citing a source, article"),
    b(Reader,    &[c(']')],                       Action::NextSection,          "next section"),
    b(Reader,    &[c('[')],                       Action::PrevSection,          "previous section"),
    b(Reader,    &[c('}')],                       Action::NextPost,             "next quoted post"),
    b(Reader,    &[c('{')],                       Action::PrevPost,             "previous quoted post"),
    b(Reader,    &[c('a')],                       Action::ArticleList,          "the list of articles"),
    b(Reader,    &[ctrl('o'), k(Backspace)],      Action::Back,                 "back to where you were before the last jump"),
    b(Reader,    &[c('/')],                       Action::Search,               "search as you type: text, cards, links, sources (accents, ligatures, quotes and case folded; an upper-case letter makes it case-sensitive)"),
    b(Reader,    &[c('n')],                       Action::SearchNext,           "next match (wraps around at the end)"),
    b(Reader,    &[c('N')],                       Action::SearchPrev,           "previous match (wraps around at the start)"),
    b(Searching, &[k(Esc)],                       Action::ClearSearch,          "clear the search and its highlights"),
    b(Reader,    &[c('o')],                       Action::OpenLink,             "open a link ($BROWSER): the selected source's or post's; in the article the one on screen, or number them when several are"),
    b(Reader,    &[c('y')],                       Action::CopyLink,             "copy a link to the clipboard (OSC 52), chosen as o does"),
    b(Reader,    &[c('O')],                       Action::OpenOriginal,         "open the page the article was published on ($BROWSER)"),
    b(Reader,    &[c('m')],                       Action::MarkKey(MarkKey::Set), "m + letter: mark this place (kept for this article across runs)"),
    b(Reader,    &[c('\'')],                      Action::MarkKey(MarkKey::Jump), "' + letter: back to that mark; '' back to where you were before the last jump"),
    b(Picking,   &[k(Esc)],                       Action::Close,                "stop numbering the links"),
    b(Opening,   &[k(Esc)],                       lib(LibraryKey::Cancel),      "stop opening the item (while its page is fetched)"),
    b(Library,   &[k(Enter)],                     Action::Enter,                "open: a feed's items, an item as an article (its page fetched and kept when the feed has only a summary)"),
    b(Library,   &[c('q')],                       lib(LibraryKey::BackOrQuit),  "back to the feeds; from the feeds, quit"),
    b(Library,   &[k(Esc), k(Backspace), k(Left), c('h')], lib(LibraryKey::Back), "back to the feeds"),
    b(Library,   &[c('r')],                       lib(LibraryKey::RefreshThis), "refresh this feed (the one selected, or whose items show)"),
    b(Library,   &[c('R')],                       lib(LibraryKey::RefreshAll),  "refresh every feed"),
    b(Library,   &[c('u')],                       lib(LibraryKey::ToggleRead),  "mark the item read / unread"),
    b(Library,   &[c('A')],                       lib(LibraryKey::MarkAllRead), "mark every item of this feed read (of every feed on All feeds)"),
    b(Library,   &[c('.')],                       lib(LibraryKey::NextUnread),  "next unread item (in the feeds: the next feed with some)"),
    b(Library,   &[c('o')],                       lib(LibraryKey::OpenOriginal), "open the item's page (the feed's site) in $BROWSER"),
    b(LibraryArticle, &[c('q')],                  lib(LibraryKey::Back),        "reading an item: back to its list"),
    b(LibraryArticle, &[c('.')],                  lib(LibraryKey::NextUnread),  "reading an item: the next unread item of the list"),
    b(LibraryArticle, &[c('u')],                  lib(LibraryKey::ToggleRead),  "reading an item: mark it unread / read again"),
    b(Prompt,    &[k(Enter)],                     edit(PromptEdit::Commit),     "keep the search (Ctrl-o then returns to where it began)"),
    b(Prompt,    &[k(Esc), ctrl('c')],            edit(PromptEdit::Cancel),     "cancel the search, back to where it began"),
    b(Prompt,    &[ctrl('r')],                    edit(PromptEdit::ToggleRegex), "plain text / regular expression"),
    b(Prompt,    &[k(Backspace)],                 edit(PromptEdit::Backspace),  "delete before the cursor"),
    b(Prompt,    &[k(Delete)],                    edit(PromptEdit::Delete),     "delete under the cursor"),
    b(Prompt,    &[ctrl('u')],                    edit(PromptEdit::Clear),      "clear the query"),
    b(Prompt,    &[ctrl('w')],                    edit(PromptEdit::DeleteWord), "delete the word before the cursor"),
    b(Prompt,    &[k(Left)],                      edit(PromptEdit::Left),       "cursor left"),
    b(Prompt,    &[k(Right)],                     edit(PromptEdit::Right),      "cursor right"),
    b(Prompt,    &[k(Home), ctrl('a')],           edit(PromptEdit::Home),       "cursor to the start"),
    b(Prompt,    &[k(End), ctrl('e')],            edit(PromptEdit::End),        "cursor to the end"),
    b(Prompt,    &[k(Up)],                        edit(PromptEdit::HistoryUp),  "an earlier query, of this run or an earlier one (a regex comes back a regex)"),
    b(Prompt,    &[k(Down)],                      edit(PromptEdit::HistoryDown), "a later query, then what you were typing"),
];

/// The name of a binding's action in the configuration file (`quit`,
/// `line-down`, `next-match`…); `None` for what no key does (a resize, a
/// result, the mouse, a typed character).
pub fn action_name(action: &Action) -> Option<&'static str> {
    use PromptEdit as E;
    Some(match action {
        Action::Quit => "quit",
        Action::Help => "help",
        Action::FocusNext => "focus-next",
        Action::FocusPrev => "focus-prev",
        Action::Focus(Pane::Sections) => "focus-sections",
        Action::Focus(Pane::Article) => "focus-article",
        Action::Focus(Pane::Quotes) => "focus-quotes",
        Action::Focus(Pane::Sources) => "focus-sources",
        Action::Move(motion) => match motion {
            Motion::LineDown => "line-down",
            Motion::LineUp => "line-up",
            Motion::HalfPageDown => "half-page-down",
            Motion::HalfPageUp => "half-page-up",
            Motion::PageDown => "page-down",
            Motion::PageUp => "page-up",
            Motion::Top => "top",
            Motion::Bottom => "bottom",
        },
        Action::Enter => "enter",
        Action::NextSection => "next-section",
        Action::PrevSection => "prev-section",
        Action::NextPost => "next-post",
        Action::PrevPost => "prev-post",
        Action::ArticleList => "articles",
        Action::Back => "back",
        Action::Close => "close",
        Action::Search => "search",
        Action::SearchNext => "next-match",
        Action::SearchPrev => "prev-match",
        Action::ClearSearch => "clear-search",
        Action::OpenLink => "open-link",
        Action::CopyLink => "copy-link",
        Action::OpenOriginal => "open-page",
        Action::MarkKey(MarkKey::Set) => "set-mark",
        Action::MarkKey(MarkKey::Jump) => "jump-to-mark",
        Action::Library(key) => match key {
            LibraryKey::Back => "back",
            LibraryKey::BackOrQuit => "back-or-quit",
            LibraryKey::Cancel => "cancel",
            LibraryKey::RefreshThis => "refresh",
            LibraryKey::RefreshAll => "refresh-all",
            LibraryKey::ToggleRead => "toggle-read",
            LibraryKey::MarkAllRead => "mark-all-read",
            LibraryKey::NextUnread => "next-unread",
            LibraryKey::OpenOriginal => "open-page",
        },
        Action::Prompt(edit) => match edit {
            E::Commit => "commit",
            E::Cancel => "cancel",
            E::ToggleRegex => "toggle-regex",
            E::Backspace => "backspace",
            E::Delete => "delete",
            E::Clear => "clear",
            E::DeleteWord => "delete-word",
            E::Left => "left",
            E::Right => "right",
            E::Home => "home",
            E::End => "end",
            E::HistoryUp => "history-up",
            E::HistoryDown => "history-down",
            E::Insert(_) => return None,
        },
        Action::Resize { .. }
        | Action::Tick
        | Action::EffectDone(_)
        | Action::LayoutReady { .. }
        | Action::SearchIndexReady { .. }
        | Action::LinksFound { .. }
        | Action::SearchDone { .. }
        | Action::PickDigit(_)
        | Action::MarkLetter(_)
        | Action::Recalled(_)
        | Action::SearchHistory(_)
        | Action::LibraryEvent(_)
        | Action::Wheel { .. }
        | Action::Click { .. } => return None,
    })
}

/// The name of a binding in its section of the configuration file: its
/// action's ([`action_name`]), except the keys of the library that act on
/// the item being read, whose names begin with `reading-` (`reading-back`:
/// the list's `back` is another binding, with other keys).
pub fn binding_name(context: Context, action: &Action) -> Option<&'static str> {
    if context == Context::LibraryArticle
        && let Action::Library(key) = action
    {
        return Some(match key {
            LibraryKey::Back => "reading-back",
            LibraryKey::ToggleRead => "reading-toggle-read",
            LibraryKey::NextUnread => "reading-next-unread",
            LibraryKey::OpenOriginal => "reading-open-page",
            LibraryKey::RefreshThis => "reading-refresh",
            LibraryKey::RefreshAll => "reading-refresh-all",
            LibraryKey::MarkAllRead => "reading-mark-all-read",
            LibraryKey::BackOrQuit => "reading-back-or-quit",
            LibraryKey::Cancel => "reading-cancel",
        });
    }
    action_name(action)
}

/// One binding of a [`Keymap`]: the default table's, its keys maybe changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

impl Binding {
    /// Its name in its section of the configuration file.
    pub fn name(&self) -> &'static str {
        binding_name(self.context, &self.action).unwrap_or("")
    }

    pub fn section(&self) -> Section {
        self.context.section()
    }
}

/// Why a keymap cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapProblem {
    /// No binding of that name in that section.
    UnknownName { section: Section, name: String },
    /// One key would do two things at once.
    Conflict {
        key: Key,
        first: (Section, &'static str),
        second: (Section, &'static str),
    },
    /// A binding there must be a way to press has no key.
    Unbound {
        section: Section,
        name: &'static str,
    },
}

impl fmt::Display for KeymapProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeymapProblem::UnknownName { section, name } => {
                let names = Keymap::standard().names(*section);
                write!(
                    f,
                    "unknown key binding `{name}` in [keys.{}], expected one of {}",
                    section.name(),
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            KeymapProblem::Conflict { key, first, second } => {
                let key = key.config_name();
                if first.0 == second.0 {
                    write!(
                        f,
                        "the key \"{key}\" is bound twice in [keys.{}]: to {} and to {}; \
                         give one of them other keys",
                        first.0.name(),
                        first.1,
                        second.1
                    )
                } else {
                    write!(
                        f,
                        "the key \"{key}\" is bound twice: to {} in [keys.{}] and to {} in \
                         [keys.{}]; give one of them other keys",
                        first.1,
                        first.0.name(),
                        second.1,
                        second.0.name()
                    )
                }
            }
            KeymapProblem::Unbound { section, name } => write!(
                f,
                "[keys.{}] leaves {name} without a key: give it at least one",
                section.name()
            ),
        }
    }
}

/// The bindings that must keep a key: there is always a way out.
const MUST_HAVE_A_KEY: [(Section, &str); 4] = [
    (Section::Reader, "quit"),
    (Section::Reader, "help"),
    (Section::Prompt, "cancel"),
    (Section::Library, "cancel"),
];

/// The keys in force: the default table, with the configuration's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// The default table, [`KEYMAP`].
    fn default() -> Self {
        Keymap {
            bindings: KEYMAP
                .iter()
                .map(|b| Binding {
                    context: b.context,
                    keys: b.keys.to_vec(),
                    action: b.action.clone(),
                    help: b.help,
                })
                .collect(),
        }
    }
}

static STANDARD: LazyLock<Keymap> = LazyLock::new(Keymap::default);

impl Keymap {
    /// The default keymap, made once.
    pub fn standard() -> &'static Keymap {
        &STANDARD
    }

    /// Every binding, in the order of the help screen.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The names a section of the configuration file takes, in table order.
    pub fn names(&self, section: Section) -> Vec<&'static str> {
        self.bindings
            .iter()
            .filter(|b| b.section() == section)
            .map(Binding::name)
            .collect()
    }

    /// The binding of that name in that section.
    pub fn find(&self, section: Section, name: &str) -> Option<&Binding> {
        self.bindings
            .iter()
            .find(|b| b.section() == section && b.name() == name)
    }

    /// The keys of a binding (none if there is no such binding).
    pub fn keys_of(&self, section: Section, name: &str) -> &[Key] {
        self.find(section, name).map_or(&[], |b| &b.keys)
    }

    /// How the help screen writes the first key of a binding (for hints).
    pub fn first_label(&self, section: Section, name: &str) -> Option<String> {
        self.keys_of(section, name).first().map(|&k| key_label(k))
    }

    /// Gives the binding `name` of `section` these keys (none: unbound),
    /// in place of its own. Check the whole keymap after the last change
    /// ([`Keymap::check`]).
    pub fn rebind(
        &mut self,
        section: Section,
        name: &str,
        keys: &[Key],
    ) -> Result<(), KeymapProblem> {
        let binding = self
            .bindings
            .iter_mut()
            .find(|b| b.section() == section && b.name() == name)
            .ok_or_else(|| KeymapProblem::UnknownName {
                section,
                name: name.to_string(),
            })?;
        binding.keys.clear();
        for key in keys {
            let key = normalized(*key);
            if !binding.keys.contains(&key) {
                binding.keys.push(key);
            }
        }
        Ok(())
    }

    /// Every problem of the keymap: one key bound twice where both would
    /// apply, or a binding that must keep a key left without one (quit,
    /// help, cancelling the search).
    pub fn check(&self) -> Vec<KeymapProblem> {
        let mut problems = Vec::new();
        for (section, name) in MUST_HAVE_A_KEY {
            if self.find(section, name).is_some_and(|b| b.keys.is_empty()) {
                problems.push(KeymapProblem::Unbound { section, name });
            }
        }
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if a.action == b.action || !a.context.overlaps(b.context) {
                    continue;
                }
                if let Some(&key) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    problems.push(KeymapProblem::Conflict {
                        key,
                        first: (a.section(), a.name()),
                        second: (b.section(), b.name()),
                    });
                }
            }
        }
        problems
    }

    /// Every key the keymap binds, once, in the order of the table.
    pub fn bound_keys(&self) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        for key in self.bindings.iter().flat_map(|b| &b.keys) {
            if !keys.contains(key) {
                keys.push(*key);
            }
        }
        keys
    }

    /// The action for a key event (press events only; a held key repeats only movements).
    pub fn action_for_key(&self, ctx: KeyContext, key: KeyEvent) -> Option<Action> {
        if key.modifiers.contains(KeyModifiers::ALT) {
            return None;
        }
        let candidates = || {
            self.bindings
                .iter()
                .filter(|b| b.context.applies(ctx) && b.keys.iter().any(|&k| matches(k, &key)))
        };
        let action = if let Some(digit) = picked(ctx, &key) {
            Action::PickDigit(digit)
        } else if let Some(letter) = mark_letter(ctx, &key) {
            Action::MarkLetter(letter)
        } else if ctx.awaiting_mark && !ctx.typing && key.code == KeyCode::Esc {
            // Esc after `m` or `'`: the mark is forgotten, nothing else closes.
            Action::Close
        } else {
            match candidates().min_by_key(|b| b.context.rank()) {
                Some(binding) => binding.action.clone(),
                None => typed(ctx, &key)?,
            }
        };
        match key.kind {
            KeyEventKind::Press => Some(action),
            KeyEventKind::Repeat if repeats(&action) => Some(action),
            _ => None,
        }
    }
}

/// How the help screen writes a key (`Ctrl-d`, `PgDn`, `↓`, `Space`).
pub fn key_label(key: Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// A key as events match it: terminals send Ctrl-letters in either case.
fn normalized(key: Key) -> Key {
    match key.code {
        KeyCode::Char(c) if key.ctrl => Key {
            code: KeyCode::Char(c.to_ascii_lowercase()),
            ctrl: true,
        },
        _ => key,
    }
}

/// Every key the default table binds, once, in the order of the table (for
/// tests and the fuzz target, which press them).
pub fn bound_keys() -> Vec<Key> {
    Keymap::standard().bound_keys()
}

fn matches(key: Key, event: &KeyEvent) -> bool {
    let event_ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let code = match event.code {
        // Terminals differ on whether Ctrl-letters come in upper case.
        KeyCode::Char(c) if event_ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        code => code,
    };
    key.code == code && key.ctrl == event_ctrl
}

/// The action for a key event with the default keymap.
pub fn action_for_key(ctx: KeyContext, key: KeyEvent) -> Option<Action> {
    Keymap::standard().action_for_key(ctx, key)
}

/// A digit typed while the links on screen are numbered.
fn picked(ctx: KeyContext, key: &KeyEvent) -> Option<u8> {
    match key.code {
        KeyCode::Char(c @ '0'..='9')
            if ctx.picking && !ctx.typing && !key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            Some(c as u8 - b'0')
        }
        _ => None,
    }
}

/// The character after `m` or `'` (any character: the reader says which
/// are marks).
fn mark_letter(ctx: KeyContext, key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if ctx.awaiting_mark
                && !ctx.typing
                && !key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// A character typed into the open prompt (not a control key).
fn typed(ctx: KeyContext, key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char(c) if ctx.typing && !key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(edit(PromptEdit::Insert(c)))
        }
        _ => None,
    }
}

/// Whether a held key repeats the action: movements and line editing do.
fn repeats(action: &Action) -> bool {
    match action {
        Action::Move(_) => true,
        Action::Prompt(edit) => !matches!(
            edit,
            PromptEdit::Commit | PromptEdit::Cancel | PromptEdit::ToggleRegex
        ),
        _ => false,
    }
}

/// The action for a mouse event; `now_ms` is a monotonic clock in milliseconds (for double clicks).
pub fn action_for_mouse(mouse: MouseEvent, now_ms: u64) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            lines: 1,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            lines: -1,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
            column,
            row,
            at_ms: now_ms,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_binding_has_a_name_of_its_own_in_its_section() {
        let keymap = Keymap::standard();
        for (i, a) in keymap.bindings().iter().enumerate() {
            assert!(!a.name().is_empty(), "{:?} has no name", a.action);
            for b in &keymap.bindings()[i + 1..] {
                assert!(
                    a.section() != b.section() || a.name() != b.name(),
                    "two bindings named {} in [keys.{}]",
                    a.name(),
                    a.section().name()
                );
            }
        }
        assert_eq!(keymap.check(), [], "the defaults are a valid keymap");
    }

    #[test]
    fn keys_read_back_as_written() {
        for key in bound_keys() {
            assert_eq!(Key::parse(&key.config_name()), Ok(key), "{key:?}");
        }
        assert_eq!(Key::parse("CTRL-D"), Key::parse("ctrl-d"));
        assert_eq!(Key::parse("PageDown").unwrap().code, KeyCode::PageDown);
        assert_eq!(Key::parse("f12").unwrap().code, KeyCode::F(12));
        assert_eq!(Key::parse("G").unwrap().code, KeyCode::Char('G'));
        assert_eq!(Key::parse("-").unwrap().code, KeyCode::Char('-'));
        for bad in ["", " ", "ctrl-", "alt-x", "f13", "ctrl-ab", "\u{1b}"] {
            let error = Key::parse(bad).unwrap_err();
            assert!(error.contains("is not a key"), "{bad:?}: {error}");
        }
    }
}
