//! Key and mouse events → actions, from one table the help screen is generated from.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use unicode_width::UnicodeWidthStr;

use crate::reader::layout::wrap_ranges;
use crate::reader::{Action, App, Motion, Pane, PromptEdit};

/// A key as the table names it: a code, with or without Ctrl.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn plain(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn special(code: KeyCode) -> Key {
    Key { code, ctrl: false }
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
    /// The search prompt is open: only these bindings apply, and any other
    /// character is typed into the query.
    Prompt,
}

#[derive(Debug)]
pub struct KeyBinding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    pub context: Context,
}

const fn bind(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    context: Context,
) -> KeyBinding {
    KeyBinding {
        keys,
        action,
        help,
        context,
    }
}

use Context::{Anywhere, Overlay, Prompt, Reader, Searching};

const fn edit(edit: PromptEdit) -> Action {
    Action::Prompt(edit)
}

/// Every key of the reader, in the order of the help screen. When several
/// bindings apply, an overlay's own binding wins, then the first in the table.
pub static KEYMAP: &[KeyBinding] = &[
    bind(&[plain('q')], Action::Quit, "quit", Reader),
    bind(
        &[ctrl('c')],
        Action::Quit,
        "quit, even from an overlay",
        Anywhere,
    ),
    bind(
        &[special(KeyCode::Esc), plain('q')],
        Action::Close,
        "close the overlay (help, articles, a folded pane)",
        Overlay,
    ),
    bind(
        &[plain('?'), special(KeyCode::F(1))],
        Action::Help,
        "help: this screen (? closes it)",
        Anywhere,
    ),
    bind(
        &[special(KeyCode::Tab)],
        Action::FocusNext,
        "focus the next pane",
        Reader,
    ),
    bind(
        &[special(KeyCode::BackTab)],
        Action::FocusPrev,
        "focus the previous pane",
        Reader,
    ),
    bind(
        &[plain('1')],
        Action::Focus(Pane::Sections),
        "focus Sections (shown over the article when folded)",
        Reader,
    ),
    bind(
        &[plain('2')],
        Action::Focus(Pane::Article),
        "focus the Article",
        Reader,
    ),
    bind(
        &[plain('3')],
        Action::Focus(Pane::Quotes),
        "focus Quotes (shown over the article when folded)",
        Reader,
    ),
    bind(
        &[plain('4')],
        Action::Focus(Pane::Sources),
        "focus Sources (shown over the article when folded)",
        Reader,
    ),
    bind(
        &[plain('j'), special(KeyCode::Down)],
        Action::Move(Motion::LineDown),
        "one line down / next item",
        Anywhere,
    ),
    bind(
        &[plain('k'), special(KeyCode::Up)],
        Action::Move(Motion::LineUp),
        "one line up / previous item",
        Anywhere,
    ),
    bind(
        &[ctrl('d')],
        Action::Move(Motion::HalfPageDown),
        "half a page down",
        Anywhere,
    ),
    bind(
        &[ctrl('u')],
        Action::Move(Motion::HalfPageUp),
        "half a page up",
        Anywhere,
    ),
    bind(
        &[plain(' '), special(KeyCode::PageDown), ctrl('f')],
        Action::Move(Motion::PageDown),
        "a page down",
        Anywhere,
    ),
    bind(
        &[plain('b'), special(KeyCode::PageUp), ctrl('b')],
        Action::Move(Motion::PageUp),
        "a page up",
        Anywhere,
    ),
    bind(
        &[plain('g'), special(KeyCode::Home)],
        Action::Move(Motion::Top),
        "top",
        Anywhere,
    ),
    bind(
        &[plain('G'), special(KeyCode::End)],
        Action::Move(Motion::Bottom),
        "bottom",
        Anywhere,
    ),
    bind(
        &[special(KeyCode::Enter)],
        Action::Enter,
        "go there: section, post, next place citing a source, article",
        Anywhere,
    ),
    bind(&[plain(']')], Action::NextSection, "next section", Reader),
    bind(
        &[plain('[')],
        Action::PrevSection,
        "previous section",
        Reader,
    ),
    bind(&[plain('}')], Action::NextPost, "next quoted post", Reader),
    bind(
        &[plain('{')],
        Action::PrevPost,
        "previous quoted post",
        Reader,
    ),
    bind(
        &[plain('a')],
        Action::ArticleList,
        "the list of articles",
        Reader,
    ),
    bind(
        &[ctrl('o'), special(KeyCode::Backspace)],
        Action::Back,
        "back to where you were before the last jump",
        Reader,
    ),
    bind(
        &[plain('/')],
        Action::Search,
        "search the article as you type (accents, case, ligatures and quotes folded)",
        Reader,
    ),
    bind(
        &[plain('n')],
        Action::SearchNext,
        "next match (wraps around at the end)",
        Reader,
    ),
    bind(
        &[plain('N')],
        Action::SearchPrev,
        "previous match (wraps around at the start)",
        Reader,
    ),
    bind(
        &[special(KeyCode::Esc)],
        Action::ClearSearch,
        "clear the search and its highlights",
        Searching,
    ),
    bind(
        &[plain('o')],
        Action::OpenLink,
        "open the link here: selected source or post, else the first on screen ($BROWSER)",
        Reader,
    ),
    bind(
        &[plain('y')],
        Action::CopyLink,
        "copy that link to the clipboard (OSC 52)",
        Reader,
    ),
    bind(
        &[special(KeyCode::Enter)],
        edit(PromptEdit::Commit),
        "keep the search (Ctrl-o then returns to where it began)",
        Prompt,
    ),
    bind(
        &[special(KeyCode::Esc), ctrl('c')],
        edit(PromptEdit::Cancel),
        "cancel the search, back to where it began",
        Prompt,
    ),
    bind(
        &[ctrl('r')],
        edit(PromptEdit::ToggleRegex),
        "plain text / regular expression",
        Prompt,
    ),
    bind(
        &[special(KeyCode::Backspace)],
        edit(PromptEdit::Backspace),
        "delete before the cursor",
        Prompt,
    ),
    bind(
        &[special(KeyCode::Delete)],
        edit(PromptEdit::Delete),
        "delete under the cursor",
        Prompt,
    ),
    bind(
        &[ctrl('u')],
        edit(PromptEdit::Clear),
        "clear the query",
        Prompt,
    ),
    bind(
        &[ctrl('w')],
        edit(PromptEdit::DeleteWord),
        "delete the word before the cursor",
        Prompt,
    ),
    bind(
        &[special(KeyCode::Left)],
        edit(PromptEdit::Left),
        "cursor left",
        Prompt,
    ),
    bind(
        &[special(KeyCode::Right)],
        edit(PromptEdit::Right),
        "cursor right",
        Prompt,
    ),
    bind(
        &[special(KeyCode::Home), ctrl('a')],
        edit(PromptEdit::Home),
        "cursor to the start",
        Prompt,
    ),
    bind(
        &[special(KeyCode::End), ctrl('e')],
        edit(PromptEdit::End),
        "cursor to the end",
        Prompt,
    ),
    bind(
        &[special(KeyCode::Up)],
        edit(PromptEdit::HistoryUp),
        "an earlier query of this run",
        Prompt,
    ),
    bind(
        &[special(KeyCode::Down)],
        edit(PromptEdit::HistoryDown),
        "a later query, then what you were typing",
        Prompt,
    ),
];

/// What the help screen says above the prompt's keys (they follow it in the table).
pub const PROMPT_HEADING: (&str, &str) = ("", "In the search prompt (after /):");

/// What the help screen says about typing in the prompt (not a key, so not in the table).
pub const PROMPT_TYPING_HELP: (&str, &str) = (
    "other keys",
    "typed into the query; it shows K/N (match K of N), \"no match\" or the regex's error",
);

/// What the help screen says about the mouse (not a key, so not in the table).
pub const MOUSE_HELP: (&str, &str) = (
    "wheel / click",
    "scroll the pane under the pointer / focus it, select (double click: Enter)",
);

/// How a key is written in the help screen.
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

/// The help screen: (keys, what they do), one row per binding, the mouse
/// after the reader's keys, then the prompt's keys under their heading.
pub fn help_lines() -> Vec<(String, &'static str)> {
    let row = |b: &KeyBinding| {
        let keys: Vec<String> = b.keys.iter().map(|&k| key_label(k)).collect();
        (keys.join(" "), b.help)
    };
    let (prompt, reader): (Vec<&KeyBinding>, Vec<&KeyBinding>) =
        KEYMAP.iter().partition(|b| b.context == Prompt);
    let mut lines: Vec<(String, &'static str)> = reader.into_iter().map(row).collect();
    for (keys, help) in [MOUSE_HELP, PROMPT_HEADING] {
        lines.push((keys.to_string(), help));
    }
    lines.extend(prompt.into_iter().map(row));
    lines.push((PROMPT_TYPING_HELP.0.to_string(), PROMPT_TYPING_HELP.1));
    lines
}

/// A row of the help screen as drawn at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The keys, on the first row of a binding only.
    pub keys: String,
    pub text: String,
}

/// Columns the keys take in the help screen `width` columns wide.
pub fn help_key_width(width: u16) -> u16 {
    let widest = help_lines()
        .iter()
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0);
    (widest as u16 + 2).min(width / 2)
}

/// The help screen for `width` columns: each description wrapped beside its keys.
pub fn help_rows(width: u16) -> Vec<HelpRow> {
    let text_width = width.saturating_sub(help_key_width(width)).max(1) as usize;
    let mut rows = Vec::new();
    for (keys, help) in help_lines() {
        for (i, range) in wrap_ranges(help, text_width).into_iter().enumerate() {
            rows.push(HelpRow {
                keys: if i == 0 { keys.clone() } else { String::new() },
                text: help[range].to_string(),
            });
        }
    }
    rows
}

fn applies(app: &App, context: Context) -> bool {
    if app.search.is_typing() {
        return context == Prompt;
    }
    let folded_pane = app.focus != Pane::Article && app.is_folded(app.focus);
    match context {
        Anywhere => true,
        Reader => app.overlay.is_none(),
        Overlay => app.overlay.is_some() || folded_pane,
        Searching => app.overlay.is_none() && app.search.is_active(),
        Prompt => false,
    }
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
pub fn action_for_key(app: &App, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let candidates = || {
        KEYMAP
            .iter()
            .filter(|b| applies(app, b.context) && b.keys.iter().any(|&k| matches(k, &key)))
    };
    let action = match candidates()
        .find(|b| b.context == Overlay)
        .or_else(|| candidates().next())
    {
        Some(binding) => binding.action.clone(),
        None => typed(app, &key)?,
    };
    match key.kind {
        KeyEventKind::Press => Some(action),
        KeyEventKind::Repeat if repeats(&action) => Some(action),
        _ => None,
    }
}

/// A character typed into the open prompt (not a control key).
fn typed(app: &App, key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char(c)
            if app.search.is_typing() && !key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
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
pub fn action_for_mouse(_app: &App, mouse: MouseEvent, now_ms: u64) -> Option<Action> {
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
