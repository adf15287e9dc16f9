//! Key and mouse events → actions, from one table (the help screen, the
//! README's key table, the property tests and the fuzz target all read it).
//!
//! The keymap never sees the reader's state: it reads a [`KeyContext`]
//! (typing? an overlay? a folded pane? a search in force?) that the reader
//! computes (`App::key_context`).

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::geometry::Pane;
use super::message::{Action, Motion, PromptEdit};

/// A key as the table names it: a code, with or without Ctrl.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

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
}

/// When a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Always, overlays included.
    Anywhere,
    /// Reading: no help or article list open (a folded pane shown full-screen counts).
    Reader,
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
            Reader => !ctx.overlay,
            Overlay => ctx.overlay || ctx.folded_pane,
            Searching => !ctx.overlay && ctx.searching,
            Picking => ctx.picking,
            Prompt => false,
        }
    }
}

#[derive(Debug)]
pub struct KeyBinding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

use Context::{Anywhere, Overlay, Picking, Prompt, Reader, Searching};
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

/// Every key of the reader, one binding a line, in the order of the help
/// screen. When several bindings apply, an overlay's own binding wins, then
/// the first in the table.
#[rustfmt::skip]
pub static KEYMAP: &[KeyBinding] = &[
    b(Reader,    &[c('q')],                       Action::Quit,                 "quit"),
    b(Anywhere,  &[ctrl('c')],                    Action::Quit,                 "quit, even from an overlay"),
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
    b(Picking,   &[k(Esc)],                       Action::Close,                "stop numbering the links"),
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
    b(Prompt,    &[k(Up)],                        edit(PromptEdit::HistoryUp),  "an earlier query of this run (a regex comes back a regex)"),
    b(Prompt,    &[k(Down)],                      edit(PromptEdit::HistoryDown), "a later query, then what you were typing"),
];

/// Every key the table binds, once, in the order of the table (for tests
/// and the fuzz target, which press them).
pub fn bound_keys() -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    for key in KEYMAP.iter().flat_map(|b| b.keys) {
        if !keys.contains(key) {
            keys.push(*key);
        }
    }
    keys
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

/// The action for a key event (press events only; a held key repeats only movements).
pub fn action_for_key(ctx: KeyContext, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let candidates = || {
        KEYMAP
            .iter()
            .filter(|b| b.context.applies(ctx) && b.keys.iter().any(|&k| matches(k, &key)))
    };
    let action = if let Some(digit) = picked(ctx, &key) {
        Action::PickDigit(digit)
    } else {
        match candidates()
            .find(|b| matches!(b.context, Picking | Overlay))
            .or_else(|| candidates().next())
        {
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
