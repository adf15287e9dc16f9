//! The link `o` opens and `y` copies: the selected source's or post's; in
//! the article, the link on screen, or, when several are, the one the
//! reader picks by its number (as w3m and newsboat number links). Handed to
//! the runtime as an effect.

use std::collections::HashSet;
use std::ops::Range;

use super::keymap::Section;
use super::message::Effect;
use super::{App, Pane};
use crate::corpus::links;
use crate::corpus::model::{Article, BlockRef, Text, TextRef};

/// A post's own URL, else its first link, as written.
fn post_link(article: &Article, at: BlockRef) -> Option<String> {
    let post = article.post(at)?;
    post.url
        .as_ref()
        .or_else(|| post.links.first())
        .map(Text::to_string)
}

/// A link of the article on screen, as `o` and `y` number it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownLink {
    /// As the article writes it.
    pub written: String,
    /// The text it is in and where (to mark its number on screen).
    pub text: TextRef,
    pub range: Range<usize>,
}

/// `o` or `y` with several links on screen: they are numbered, and the
/// reader types the number of one (`Esc` cancels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPicker {
    pub links: Vec<ShownLink>,
    /// `y` (copy) rather than `o` (open).
    pub copy: bool,
    /// The digits typed so far.
    pub typed: String,
    /// The key that stops the numbering, as the help writes it (`Esc`;
    /// empty when the keymap gives it none).
    pub cancel: String,
}

impl LinkPicker {
    /// What the status line asks.
    pub fn prompt(&self) -> String {
        let verb = if self.copy { "copy" } else { "open" };
        let typed = if self.typed.is_empty() {
            String::new()
        } else {
            format!("{}_ ", self.typed)
        };
        let cancel = if self.cancel.is_empty() {
            String::new()
        } else {
            format!("({} cancels)", self.cancel)
        };
        format!("{verb} which link? 1–{} {typed}{cancel}", self.links.len())
    }
}

impl App {
    /// The link `o` and `y` act on in Sources (the selected source's or
    /// found link's URL) and Quotes (the selected post's URL or first
    /// link); `None` elsewhere (the article's links on screen are picked).
    fn selected_link(&self) -> Option<Result<String, &'static str>> {
        let article = self.article();
        let written = match self.focus {
            Pane::Sources => self.sources.link(article),
            Pane::Quotes => article
                .posts
                .get(self.quotes.selected)
                .and_then(|&at| post_link(article, at)),
            Pane::Article | Pane::Sections => return None,
        };
        Some(written.ok_or("no link here"))
    }

    /// The links of the article on screen, in reading order, each once: the
    /// URLs written in the text shown, and every link of a card shown (its
    /// links, then its own URL, even below the screen's last row).
    pub fn links_on_screen(&self) -> Vec<ShownLink> {
        let article = self.article();
        let mut out: Vec<ShownLink> = Vec::new();
        // What is written, each once: a set, as a card may hold thousands of links.
        let mut seen: HashSet<String> = HashSet::new();
        let mut push = |link: ShownLink| {
            if seen.insert(link.written.clone()) {
                out.push(link);
            }
        };
        let mut post_seen: Option<BlockRef> = None;
        let shown = self
            .layout
            .lines
            .iter()
            .skip(self.top)
            .take(self.article_height());
        for line in shown {
            let Some(text) = line.text_ref() else {
                continue;
            };
            // URLs written in the text (of any kind of text block, or a post).
            if matches!(text, TextRef::Paragraph(_) | TextRef::PostText(_)) {
                // Only what is found: a worker may still be finding them.
                for url in article.urls_found().touching(text, line.text_range()) {
                    if let Some(written) = article
                        .text(url.text)
                        .and_then(|t| t.get(url.range.clone()))
                    {
                        push(ShownLink {
                            written: written.to_string(),
                            text: url.text,
                            range: url.range.clone(),
                        });
                    }
                }
            }
            if let Some(at) = line.block().filter(|&at| post_seen != Some(at))
                && let Some(post) = article.post(at)
                && line.in_card()
            {
                post_seen = Some(at);
                // The card's text may hold URLs below the screen: they come
                // when their lines do; its links and URL come now.
                let mut card = Vec::new();
                for (i, link) in post.links.iter().enumerate() {
                    card.push((link, TextRef::PostLink(at, i as u32)));
                }
                if let Some(url) = &post.url {
                    card.push((url, TextRef::PostUrl(at)));
                }
                for (written, text) in card {
                    push(ShownLink {
                        written: written.to_string(),
                        text,
                        range: 0..written.len(),
                    });
                }
            }
        }
        out
    }

    /// `o` / `y`: the selected link in Sources or Quotes; in the article the
    /// link on screen, or the picker when there are several.
    pub(super) fn link_effect(&mut self, copy: bool) {
        let written = match self.selected_link() {
            Some(found) => found,
            None => {
                let mut shown = self.links_on_screen();
                match shown.len() {
                    // Nothing on screen: the page the article was published on.
                    0 => self
                        .article()
                        .url()
                        .map(str::to_string)
                        .ok_or("no link here"),
                    1 => Ok(shown.remove(0).written),
                    _ => {
                        let cancel = self.settings.keymap.first_label(Section::Reader, "close");
                        let picker = LinkPicker {
                            links: shown,
                            copy,
                            typed: String::new(),
                            cancel: cancel.unwrap_or_default(),
                        };
                        self.picker = Some(picker);
                        return;
                    }
                }
            }
        };
        self.act_on_link(written, copy);
    }

    /// `O`: the page the article was published on.
    pub(super) fn open_original(&mut self) {
        let url = self
            .article()
            .url()
            .map(str::to_string)
            .ok_or("this article does not say where it was published");
        self.act_on_link(url, false);
    }

    fn act_on_link(&mut self, written: Result<String, &'static str>, copy: bool) {
        let target = written
            .and_then(|w| links::link_target(&w).ok_or("this link is not a safe http(s) URL"));
        match target {
            Ok(url) if copy => {
                self.say(format!("copied {url}"));
                self.effects.push(Effect::CopyToClipboard(url));
            }
            Ok(url) => {
                self.say(format!("opening {url}"));
                self.effects.push(Effect::OpenUrl(url));
            }
            Err(why) => self.say(why),
        }
    }

    /// A digit typed while links are numbered: picks the link once no
    /// longer number can be meant.
    pub(super) fn pick_digit(&mut self, digit: u8) {
        let Some(picker) = self.picker.as_mut() else {
            return;
        };
        picker.typed.push(char::from(b'0' + digit.min(9)));
        let typed: usize = picker.typed.parse().unwrap_or(0);
        if typed * 10 > picker.links.len() || picker.typed.len() >= 4 {
            self.pick_typed();
        }
    }

    /// `Enter` while links are numbered: the link of the number typed.
    pub(super) fn pick_typed(&mut self) {
        let Some(picker) = self.picker.take() else {
            return;
        };
        let typed: usize = picker.typed.parse().unwrap_or(0);
        match typed.checked_sub(1).and_then(|i| picker.links.get(i)) {
            Some(link) => self.act_on_link(Ok(link.written.clone()), picker.copy),
            None => self.error(format!("no link {}", picker.typed)),
        }
    }
}
