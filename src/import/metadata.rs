//! What the page says about itself: title, date, language, outlet,
//! canonical URL, byline, and the JSON-LD `articleBody`, authors and publisher.
//!
//! Sources, most trusted first: JSON-LD (`NewsArticle`, `Article`,
//! `BlogPosting`… at the top level, in arrays or in `@graph`), then Open
//! Graph and other `<meta>` tags, then the markup (`<h1>`, `<time>`,
//! `rel=author`, `<title>`).

use std::collections::HashMap;

use serde_json::Value;

use super::dates;
use super::dom::{Dom, NodeId, ROOT, Tag, collapse_whitespace};
use super::urls::Resolver;
use crate::corpus::validate as load;

/// Largest JSON-LD script read (a page's metadata is a few kilobytes).
const MAX_JSON_LD: usize = 4 * 1024 * 1024;
/// Longest title, byline or name kept (characters).
const MAX_LINE: usize = 500;

/// A person or organisation the page names as author or publisher.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub name: String,
    pub organisation: bool,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<String>,
    /// The `<title>` element, as is.
    pub document_title: Option<String>,
    pub language: Option<String>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    /// `<base href>`, absolute.
    pub base_url: Option<String>,
    pub byline: Option<String>,
    pub description: Option<String>,
    /// JSON-LD `articleBody`, when the page gives one.
    pub article_body: Option<String>,
    pub authors: Vec<Party>,
    pub publisher: Option<Party>,
}

/// JSON-LD types that describe the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "WebPage",
    "ItemPage",
    "Blog",
];

pub(super) fn clean_line(text: &str) -> Option<String> {
    let text = collapse_whitespace(text);
    if text.is_empty() {
        return None;
    }
    Some(match text.char_indices().nth(MAX_LINE) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    })
}

/// Reads the metadata of `dom`; `given_base` is the caller's `--base-url`.
pub fn read(dom: &Dom, given_base: Option<&str>) -> Metadata {
    let mut meta = Metadata::default();
    let mut tags: HashMap<String, String> = HashMap::new();
    let mut json_ld: Vec<Value> = Vec::new();
    let mut h1s: Vec<NodeId> = Vec::new();
    let mut h1_count = 0;
    let mut canonical: Option<String> = None;
    let mut base_href: Option<String> = None;
    let mut rel_author: Option<NodeId> = None;
    let mut itemprop_author: Option<NodeId> = None;
    let mut time_elements: Vec<NodeId> = Vec::new();
    for id in dom.descendants(ROOT) {
        let Some(element) = dom.element(id) else {
            continue;
        };
        match element.tag {
            Tag::Html => {
                meta.language = element
                    .attr("lang")
                    .or_else(|| element.attr("xml:lang"))
                    .map(|l| l.trim().replace('_', "-"))
                    .filter(|l| load::is_language_tag(l));
            }
            Tag::Title if meta.document_title.is_none() => {
                meta.document_title = clean_line(&dom.text_of(id));
            }
            Tag::Meta => {
                let key = element
                    .attr("property")
                    .or_else(|| element.attr("name"))
                    .or_else(|| element.attr("itemprop"))
                    .or_else(|| element.attr("http-equiv"));
                if let (Some(key), Some(content)) = (key, element.attr("content")) {
                    for key in key.split_ascii_whitespace() {
                        let key = key.to_ascii_lowercase();
                        if !content.trim().is_empty()
                            && !tags.contains_key(&key)
                            && tags.len() < 1000
                        {
                            tags.insert(key, content.trim().to_string());
                        }
                    }
                }
            }
            Tag::Link => {
                let rel = element.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_ascii_whitespace().any(|r| r == "canonical") && canonical.is_none() {
                    canonical = element.attr("href").map(str::to_string);
                }
            }
            Tag::Base if base_href.is_none() => {
                base_href = element.attr("href").map(str::to_string);
            }
            Tag::Script => {
                let kind = element
                    .attr("type")
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                if kind == "application/ld+json" && json_ld.len() < 64 {
                    let mut text = String::new();
                    dom.append_raw_text(id, &mut text, MAX_JSON_LD);
                    // Some sites wrap it in a CDATA section.
                    let text = text.trim();
                    let text = text.strip_prefix("<![CDATA[").unwrap_or(text);
                    let text = text.strip_suffix("]]>").unwrap_or(text).trim();
                    if let Ok(value) = serde_json::from_str::<Value>(text) {
                        json_ld.push(value);
                    }
                }
            }
            Tag::H1 => {
                h1_count += 1;
                if h1s.len() < 4 {
                    h1s.push(id);
                }
            }
            Tag::A
                if rel_author.is_none()
                    && element.attr("rel").is_some_and(|r| {
                        r.split_ascii_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("author"))
                    }) =>
            {
                rel_author = Some(id);
            }
            Tag::Time if time_elements.len() < 16 => time_elements.push(id),
            _ => {}
        }
        if itemprop_author.is_none()
            && element
                .attr("itemprop")
                .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "author"))
            && element.tag != Tag::Meta
            && element.tag != Tag::Link
        {
            itemprop_author = Some(id);
        }
    }

    // Addresses: <base> resolves against the caller's base; canonical against <base>.
    let given = Resolver::new(given_base);
    meta.base_url = base_href.as_deref().and_then(|b| given.resolve(b));
    let resolver = Resolver::new(meta.base_url.as_deref().or(given_base));
    meta.canonical_url = canonical
        .as_deref()
        .and_then(|c| resolver.resolve(c))
        .or_else(|| tags.get("og:url").and_then(|u| resolver.resolve(u)));

    // JSON-LD: the article object.
    let article = json_ld.iter().flat_map(flatten).find(|v| is_article(v));
    if let Some(article) = article {
        let headline = string_of(article.get("headline"));
        let name = string_of(article.get("name"));
        meta.title = match (headline, name) {
            // Both, and they differ: the one closer to the page's <title>.
            (Some(h), Some(n)) if h != n => {
                let doc = meta.document_title.as_deref().unwrap_or("");
                if common_words(&n, doc) > common_words(&h, doc) {
                    Some(n)
                } else {
                    Some(h)
                }
            }
            (h, n) => h.or(n),
        };
        if let Some(published) = string_of(article.get("datePublished")) {
            match dates::parse(&published, meta.language.as_deref()) {
                Some(date) => meta.date = Some(date),
                None => meta.date_text = clean_line(&published),
            }
        }
        meta.article_body = string_of(article.get("articleBody"))
            .map(|b| if b.contains('<') { text_of_html(&b) } else { b })
            .filter(|b| b.len() > 50);
        meta.authors = parties(article.get("author"), false, &resolver);
        meta.publisher = parties(article.get("publisher"), true, &resolver)
            .into_iter()
            .next();
        if meta.language.is_none() {
            meta.language =
                string_of(article.get("inLanguage")).filter(|l| load::is_language_tag(l));
        }
    }
    let tag = |names: &[&str]| names.iter().find_map(|n| tags.get(*n)).cloned();

    // A JSON-LD name that shares no word with the page's <title> is some other thing's name.
    if let (Some(t), Some(doc)) = (&meta.title, &meta.document_title)
        && !shares_a_word(t, doc)
    {
        meta.title = None;
    }
    if meta.title.is_none() {
        meta.title = tag(&[
            "dc:title",
            "dcterm:title",
            "dcterms:title",
            "dc.title",
            "dcterms.title",
            "og:title",
            "twitter:title",
            "parsely-title",
            "title",
        ]);
    }
    if meta.title.is_none() {
        meta.title = meta.document_title.clone();
    }
    // The h1 is the title as the article shows it, when it agrees with the metadata.
    let h1s: Vec<String> = h1s
        .iter()
        .filter_map(|&h| clean_line(&dom.text_of(h)))
        .collect();
    meta.site_name = meta
        .publisher
        .as_ref()
        .map(|p| p.name.clone())
        .or_else(|| tag(&["og:site_name", "application-name", "twitter:site:name"]))
        .and_then(|s| clean_line(&s));
    meta.title = meta
        .title
        .as_deref()
        .map(|t| strip_site(t, meta.site_name.as_deref(), &h1s))
        .and_then(|t| clean_line(&t));
    if h1_count == 1
        && let Some(h1) = h1s.first()
        && meta.title.as_deref().is_none_or(|t| t.is_empty())
    {
        meta.title = Some(h1.clone());
    }

    if meta.date.is_none() {
        let published = tag(&[
            "article:published_time",
            "og:article:published_time",
            "article.published",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "published_time",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "dcterms.date",
            "date",
            "citation_publication_date",
        ]);
        if let Some(published) = published {
            match dates::parse(&published, meta.language.as_deref()) {
                Some(date) => {
                    meta.date = Some(date);
                    meta.date_text = None;
                }
                None => meta.date_text = meta.date_text.take().or_else(|| clean_line(&published)),
            }
        }
    }
    if meta.date.is_none() {
        // A <time> the page marks as the publication (pubdate, itemprop), else the first one.
        let pick = time_elements
            .iter()
            .copied()
            .find(|&t| {
                dom.element(t).is_some_and(|e| {
                    e.attr("pubdate").is_some()
                        || e.attr("itemprop")
                            .is_some_and(|p| p.contains("datePublished"))
                })
            })
            .or_else(|| time_elements.first().copied());
        if let Some(t) = pick {
            let element = dom.element(t);
            let text = element
                .and_then(|e| e.attr("datetime"))
                .map(str::to_string)
                .unwrap_or_else(|| dom.text_of(t));
            match dates::parse(&text, meta.language.as_deref()) {
                Some(date) => {
                    meta.date = Some(date);
                    meta.date_text = None;
                }
                None => {
                    meta.date_text = meta
                        .date_text
                        .take()
                        .or_else(|| clean_line(&dom.text_of(t)));
                }
            }
        }
    }
    if meta.language.is_none() {
        meta.language = tag(&["og:locale", "content-language", "language", "dc.language"])
            .map(|l| l.replace('_', "-"))
            .filter(|l| load::is_language_tag(l));
    }

    let names: Vec<&str> = meta.authors.iter().map(|a| a.name.as_str()).collect();
    meta.byline = if !names.is_empty() && names.len() <= 10 {
        Some(names.join(", "))
    } else {
        tag(&[
            "author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "article:author",
        ])
        .filter(|a| !a.starts_with("http"))
        .or_else(|| rel_author.map(|a| dom.text_of(a)).filter(|t| !t.is_empty()))
        .or_else(|| {
            itemprop_author
                .map(|a| dom.text_of(a))
                .filter(|t| !t.is_empty() && t.len() < 200)
        })
    }
    .and_then(|b| clean_line(&b));
    meta.description =
        tag(&["og:description", "description", "twitter:description"]).and_then(|d| clean_line(&d));
    meta
}

/// The values of a JSON-LD document, looking into arrays and `@graph`.
fn flatten(value: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        if out.len() > 256 {
            break;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                out.push(v);
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
                if let Some(entity) = map.get("mainEntity") {
                    stack.push(entity);
                }
            }
            _ => {}
        }
    }
    out
}

fn types(value: &Value) -> Vec<&str> {
    match value.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article(value: &Value) -> bool {
    let ts = types(value);
    ts.iter()
        .any(|t| ARTICLE_TYPES.contains(t) && *t != "WebPage" && *t != "ItemPage" && *t != "Blog")
        || (ts.iter().any(|t| ARTICLE_TYPES.contains(t)) && value.get("headline").is_some())
}

fn string_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => {
            let text = html_unescape(s);
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_string())
        }
        Value::Array(items) => items.iter().find_map(|v| string_of(Some(v))),
        Value::Object(map) => string_of(map.get("@value").or_else(|| map.get("name"))),
        _ => None,
    }
}

/// Words (of three letters or more) two titles have in common.
fn common_words(a: &str, b: &str) -> usize {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .take(64)
            .collect()
    };
    let b = words(b);
    words(a).iter().filter(|w| b.contains(w)).count()
}

fn shares_a_word(a: &str, b: &str) -> bool {
    common_words(a, b) > 0
}

/// The text of an HTML fragment (a JSON-LD `articleBody` written as markup).
fn text_of_html(html: &str) -> String {
    let dom = Dom::parse(html);
    let body = dom.find(ROOT, Tag::Body).unwrap_or(ROOT);
    dom.text_of(body)
}

/// JSON-LD strings sometimes hold HTML entities (`&amp;`, `&#8217;`): read them as a browser would.
fn html_unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let dom = Dom::parse(&format!("<body><pre>{}</pre>", text.replace('<', "&lt;")));
    let mut out = String::new();
    if let Some(pre) = dom.find(ROOT, Tag::Pre) {
        dom.append_text(pre, &mut out);
    }
    // <pre> drops one leading newline.
    if text.starts_with('\n') {
        out.insert(0, '\n');
    }
    out
}

fn parties(value: Option<&Value>, organisation_default: bool, resolver: &Resolver) -> Vec<Party> {
    let mut out = Vec::new();
    let Some(value) = value else { return out };
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().take(32).collect(),
        other => vec![other],
    };
    for item in items {
        match item {
            Value::String(name) => {
                if let Some(name) = clean_line(name).filter(|n| !n.starts_with("http")) {
                    out.push(Party {
                        name,
                        organisation: organisation_default,
                        url: None,
                    });
                }
            }
            Value::Object(_) => {
                let Some(name) = string_of(item.get("name")).and_then(|n| clean_line(&n)) else {
                    continue;
                };
                let ts = types(item);
                let organisation = if ts.contains(&"Person") {
                    false
                } else if ts
                    .iter()
                    .any(|t| t.contains("Organization") || *t == "NewsMediaOrganization")
                {
                    true
                } else {
                    organisation_default
                };
                let url = string_of(item.get("url"))
                    .or_else(|| string_of(item.get("@id")))
                    .and_then(|u| resolver.resolve(&u));
                out.push(Party {
                    name,
                    organisation,
                    url,
                });
            }
            _ => {}
        }
    }
    out
}

/// Separators between a title and the site's name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", " : ", " • ",
];

/// The title without " | Site": the part that is not the site's name (or,
/// when one of the page's h1s is one of the parts, that part).
pub fn strip_site(title: &str, site: Option<&str>, h1s: &[String]) -> String {
    // "Story | Section | Site": twice at most.
    let once = strip_site_once(title, site, h1s);
    if once != collapse_whitespace(title) {
        return strip_site_once(&once, site, h1s);
    }
    once
}

fn strip_site_once(title: &str, site: Option<&str>, h1s: &[String]) -> String {
    let title = collapse_whitespace(title);
    if h1s.iter().any(|h| same_text(h, &title)) {
        return title;
    }
    for sep in SEPARATORS {
        let Some((head, tail)) = title.rsplit_once(sep) else {
            continue;
        };
        let (head, tail) = (head.trim(), tail.trim());
        let (lead, rest) = title
            .split_once(sep)
            .map_or(("", ""), |(l, r)| (l.trim(), r.trim()));
        if let Some(site) = site {
            let site_lower = site.to_lowercase();
            if same_name(tail, &site_lower) {
                return head.to_string();
            }
            if same_name(lead, &site_lower) {
                return rest.to_string();
            }
        }
        if h1s.iter().any(|h| same_text(head, h)) {
            return head.to_string();
        }
        if rest.split_whitespace().count() >= 3 && h1s.iter().any(|h| same_text(rest, h)) {
            return rest.to_string();
        }
        // A short tail after " | " is the site's name (a few words, no sentence).
        if matches!(
            *sep,
            " | " | " - " | " – " | " — " | " · " | " • " | " :: " | " » "
        ) && tail.split_whitespace().count() <= 4
            && head.split_whitespace().count() >= 3
            && !tail.ends_with(['.', '?', '!'])
        {
            return head.to_string();
        }
    }
    title
}

fn same_name(part: &str, site_lower: &str) -> bool {
    let part = part.to_lowercase();
    part == site_lower
        || part.replace(' ', "") == site_lower.replace(' ', "")
        || (site_lower.len() >= 4
            && (part.contains(site_lower) || site_lower.contains(&part))
            && part.len() >= 3)
}

/// The same words, case and punctuation aside ("History¶" is "History").
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_the_site_suffix() {
        assert_eq!(
            strip_site(
                "Ukraine : réunion à Paris | Le Média",
                Some("Le Média"),
                &[]
            ),
            "Ukraine : réunion à Paris"
        );
        assert_eq!(
            strip_site(
                "Le Média - Ukraine : réunion à Paris",
                Some("Le Média"),
                &[]
            ),
            "Ukraine : réunion à Paris"
        );
        assert_eq!(
            strip_site("A long story title here - Example News", None, &[]),
            "A long story title here"
        );
        assert_eq!(
            strip_site(
                "Guerre en Ukraine : réunion de la “coalition des volontaires“ à Paris",
                None,
                &[]
            ),
            "Guerre en Ukraine : réunion de la “coalition des volontaires“ à Paris"
        );
        assert_eq!(strip_site("Left - right", None, &[]), "Left - right");
        assert_eq!(
            strip_site(
                "Get your Frontend JavaScript Code Covered | Code | Nicolas Perriault",
                None,
                &[]
            ),
            "Get your Frontend JavaScript Code Covered"
        );
        let h1s = [
            "V8".to_string(),
            "Outside the web: standalone binaries".to_string(),
        ];
        assert_eq!(
            strip_site("Outside the web: standalone binaries · V8", None, &h1s),
            "Outside the web: standalone binaries"
        );
    }

    #[test]
    fn json_ld_first_then_meta_then_markup() {
        let dom = Dom::parse(
            r#"<html lang="fr"><head><title>Titre | Site</title>
            <meta property="og:site_name" content="Le Site">
            <meta property="article:published_time" content="2026-01-06T09:00:00+01:00">
            <link rel="canonical" href="/article/x">
            <base href="https://news.example/base/">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Le Site"},
              {"@type":"NewsArticle","headline":"Le titre &amp; la suite","datePublished":"2026-01-06T08:00:00Z",
               "author":[{"@type":"Person","name":"Jeanne Martin","url":"/auteurs/jm"}],
               "publisher":{"@type":"NewsMediaOrganization","name":"Le Site"},
               "articleBody":"Un corps d'article assez long pour être pris au sérieux par l'import."}]}</script>
            </head><body><h1>Le titre &amp; la suite</h1></body></html>"#,
        );
        let meta = read(&dom, None);
        assert_eq!(meta.title.as_deref(), Some("Le titre & la suite"));
        assert_eq!(meta.language.as_deref(), Some("fr"));
        assert_eq!(meta.date.as_deref(), Some("2026-01-06T08:00:00+00:00"));
        assert_eq!(meta.site_name.as_deref(), Some("Le Site"));
        assert_eq!(meta.base_url.as_deref(), Some("https://news.example/base/"));
        assert_eq!(
            meta.canonical_url.as_deref(),
            Some("https://news.example/article/x")
        );
        assert_eq!(meta.byline.as_deref(), Some("Jeanne Martin"));
        assert_eq!(
            meta.authors,
            [Party {
                name: "Jeanne Martin".into(),
                organisation: false,
                url: Some("https://news.example/auteurs/jm".into())
            }]
        );
        assert!(meta.publisher.as_ref().is_some_and(|p| p.organisation));
        assert!(meta.article_body.is_some());
    }

    #[test]
    fn unreadable_dates_stay_text() {
        let dom =
            Dom::parse(r#"<meta name="date" content="hier soir"><time>il y a 3 heures</time>"#);
        let meta = read(&dom, None);
        assert_eq!(meta.date, None);
        assert_eq!(meta.date_text.as_deref(), Some("hier soir"));
    }
}
