//! What an element's class, id, role and itemprop say about its content.
//!
//! Generic words that sites across the web use for the same things
//! ("article-body", "comments", "share", "related"), never a rule for one
//! site. A hint only weighs: the extraction decides from text and links.

use std::sync::LazyLock;

use regex::Regex;

use super::dom::{Element, Tag};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    None,
    /// Says "the article's body" outright (`itemprop="articleBody"`, `article-body`, `entry-content`).
    Body,
    /// Leans to content (`article`, `content`, `story`, `post`, `main`).
    Positive,
    /// Leans to page furniture (`sidebar`, `footer`, `meta`, `widget`).
    Negative,
    /// Names boilerplate outright (`comments`, `share`, `related`, `newsletter`, `cookie`).
    Boilerplate,
}

/// Class or id words that name the article's body.
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)article[-_]?body|articlebody|article[-_]?content|article[-_]?text|story[-_]?body|story[-_]?content|story[-_]?text|post[-_]?body|post[-_]?content|post[-_]?text|entry[-_]?content|entry[-_]?body|body[-_]?text|main[-_]?text|rich[-_]?text|richtext|content[-_]?body|news[-_]?text|text[-_]?body|article__body|article__content|article-main|[a-z][-_]body\b",
    )
    .expect("valid regex")
});

/// Class or id words that lean to content.
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose",
    )
    .expect("valid regex")
});

/// Class or id words that name boilerplate outright.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)comment|disqus|share|sharing|social|newsletter|subscribe|subscription|signup|sign-up|cookie|consent|gdpr|related|recommend|outbrain|taboola|most[-_]?(read|popular|viewed)|trending|read[-_]?more|readmore|more[-_]?stories|lire[-_]?aussi|a[-_]lire|voir[-_]?aussi|also[-_]?read|see[-_]?also|breadcrumb|pagination|pager|paywall|login|skip[-_]link|sponsor|promo|advert|adsbygoogle|ad[-_]slot|ad[-_]container|ad[-_]wrapper|dfp|banner|popup|modal|print|toolbar|byline|author[-_]?bio|tags|tag[-_]?list|keywords|rss|donate|support[-_]us|follow[-_]us|copyright",
    )
    .expect("valid regex")
});

/// Class or id words that lean to page furniture.
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)sidebar|side[-_]bar|widget|footer|footnote|masthead|header|menu|navigation|navbar|meta|combx|community|extra|remark|replies|shoutbox|skyscraper|supplemental|legends|agegate|contact|media|scroll|shopping|caption|credit|hidden|teaser|card|listing|nav",
    )
    .expect("valid regex")
});

/// Short class words matched whole (`ad` in `ad slot`, not in `head`).
fn has_short_boilerplate_word(value: &str) -> bool {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| {
            matches!(
                word.to_ascii_lowercase().as_str(),
                "ad" | "ads" | "advertisement" | "adv" | "share" | "nav"
            )
        })
}

/// The hint an element carries.
pub fn of(element: &Element) -> Hint {
    if let Some(prop) = element.attr("itemprop")
        && prop
            .split_ascii_whitespace()
            .any(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        return Hint::Body;
    }
    if let Some(role) = element.attr("role") {
        match role.trim().to_ascii_lowercase().as_str() {
            "navigation" | "complementary" | "contentinfo" | "banner" | "search" | "dialog"
            | "alertdialog" | "menu" | "menubar" => return Hint::Boilerplate,
            "main" | "article" => return Hint::Positive,
            _ => {}
        }
    }
    let class = element.class();
    let id = element.id();
    if class.is_empty() && id.is_empty() {
        return match element.tag {
            Tag::Article | Tag::Main => Hint::Positive,
            _ => Hint::None,
        };
    }
    // Both attributes, bounded: a hostile class of a megabyte costs no more than a normal one.
    let mut both = String::with_capacity(class.len().min(256) + id.len().min(256) + 1);
    both.push_str(cut(class, 256));
    both.push(' ');
    both.push_str(cut(id, 256));
    if BODY.is_match(&both) {
        return Hint::Body;
    }
    let boilerplate = BOILERPLATE.is_match(&both) || has_short_boilerplate_word(&both);
    let positive = POSITIVE.is_match(&both);
    if boilerplate && !positive {
        return Hint::Boilerplate;
    }
    let negative = NEGATIVE.is_match(&both);
    match (positive, boilerplate || negative) {
        (true, false) => Hint::Positive,
        (false, true) => Hint::Negative,
        // "field-name-body field-label-hidden": the words cancel out.
        (true, true) => Hint::None,
        (false, false) => match element.tag {
            Tag::Article | Tag::Main => Hint::Positive,
            _ => Hint::None,
        },
    }
}

fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)caption|credit|photo[-_]?desc|image[-_]?desc|img[-_]?desc|legende|légende|bildunterschrift")
        .expect("valid regex")
});

/// Whether the element holds a picture's caption or credit (class or id says so).
pub fn is_caption(element: &Element) -> bool {
    let (class, id) = (element.class(), element.id());
    (!class.is_empty() && CAPTION.is_match(cut(class, 256)))
        || (!id.is_empty() && CAPTION.is_match(cut(id, 256)))
}

/// Whether the element is hidden from readers: `hidden`, `aria-hidden`,
/// `display: none`, `visibility: hidden`, screen-reader-only classes.
pub fn is_hidden(element: &Element) -> bool {
    if is_hidden_by_markup(element) {
        return true;
    }
    if element
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    let class = element.class();
    !class.is_empty()
        && class.split_ascii_whitespace().any(|c| {
            matches!(
                c.to_ascii_lowercase().as_str(),
                "hidden"
                    | "sr-only"
                    | "visually-hidden"
                    | "visuallyhidden"
                    | "screen-reader-text"
                    | "screenreader-only"
                    | "offscreen"
                    | "hide"
                    | "is-hidden"
                    | "u-hidden"
            )
        })
}

/// Whether the element is hidden whatever the stylesheet: the `hidden`
/// attribute, an inline `display: none` or `visibility: hidden`.
pub fn is_hidden_by_markup(element: &Element) -> bool {
    if element.attr("hidden").is_some() {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style = cut(style, 512).to_ascii_lowercase();
        let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dom::{Dom, ROOT};

    fn hint(html: &str) -> Hint {
        let dom = Dom::parse(html);
        let body = dom.find(ROOT, Tag::Body).unwrap();
        let first = dom.children(body).next().unwrap();
        of(dom.element(first).unwrap())
    }

    #[test]
    fn hints_from_class_id_role_and_itemprop() {
        assert_eq!(hint("<div itemprop='articleBody'>"), Hint::Body);
        assert_eq!(hint("<div class='c-article-body'>"), Hint::Body);
        assert_eq!(hint("<div class='entry-content'>"), Hint::Body);
        assert_eq!(hint("<section id='comments'>"), Hint::Boilerplate);
        assert_eq!(hint("<div class='share-bar'>"), Hint::Boilerplate);
        assert_eq!(hint("<div class='ad slot'>"), Hint::Boilerplate);
        assert_eq!(hint("<div class='head'>"), Hint::None);
        assert_eq!(hint("<div class='sidebar'>"), Hint::Negative);
        assert_eq!(hint("<div class='story'>"), Hint::Positive);
        assert_eq!(hint("<div role='navigation'>"), Hint::Boilerplate);
        assert_eq!(hint("<article>"), Hint::Positive);
        assert_eq!(hint("<div>"), Hint::None);
    }
}
