//! The link `o` opens and `y` copies: the selected source's or post's, else
//! the first on screen; handed to the runtime as an effect.

use super::layout::LineKind;
use super::message::Effect;
use super::{App, Pane};
use crate::corpus::links;
use crate::corpus::model::{Article, BlockRef, spans_touching};

/// A post's own URL, else its first link, as written.
fn post_link(article: &Article, at: BlockRef) -> Option<String> {
    let post = article.post(at)?;
    post.url.clone().or_else(|| post.links.first().cloned())
}

impl App {
    /// The link `o` and `y` act on: in Sources the selected source's (or
    /// found link's) URL; in Quotes the selected post's URL or first link;
    /// otherwise the first link on screen, a post counting for its URL or
    /// first link. `Err`: what to say instead.
    fn link_here(&self) -> Result<String, &'static str> {
        let article = self.article();
        let written: Option<String> = match self.focus {
            Pane::Sources => self.sources.link(article),
            Pane::Quotes => article
                .posts
                .get(self.quotes.selected)
                .and_then(|&at| post_link(article, at)),
            Pane::Article | Pane::Sections => self.first_link_on_screen(),
        };
        let written = written.ok_or("no link here")?;
        links::link_target(&written).ok_or("this link is not a safe http(s) URL")
    }

    fn first_link_on_screen(&self) -> Option<String> {
        let article = self.article();
        let mut post_seen = None;
        let shown = self
            .layout
            .lines
            .iter()
            .skip(self.top)
            .take(self.article_height());
        for line in shown {
            if let Some(at) = line.block.filter(|&at| post_seen != Some(at))
                && article.post(at).is_some()
            {
                post_seen = Some(at);
                if let Some(link) = post_link(article, at) {
                    return Some(link);
                }
            }
            if let Some(text) = line.text_ref()
                && matches!(line.kind, LineKind::Paragraph | LineKind::PostText)
            {
                let urls = spans_touching(article.urls_found(), text, line.range.clone());
                if let Some(url) = article.urls_found()[urls].first() {
                    return Some(article.text(text)?.get(url.range.clone())?.to_string());
                }
            }
        }
        None
    }

    /// `o` / `y`: asks the runtime to open or copy the link here.
    pub(super) fn link_effect(&mut self, copy: bool) {
        match self.link_here() {
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
}
