//! Validation: everything serde does not check (required fields per block
//! type, ids, cross-references, dates, URLs, language tags), every problem
//! collected with its JSON path, and the sanitised model built as it goes.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::hash::BuildHasher;

use super::cost::{self, Work};
use super::error::{LoadError, Problem, quote};
use super::format::{self, BlockType, Presence};
use super::model::{
    Article, ArticleParts, Block, CELL_SEPARATOR, Corpus, Paragraph, Platform, Post, Section,
    Source, SourceKind, Text, TextKind,
};
use super::sanitize;
use super::{grow, links};

/// Validation stops listing problems after this many (and says how many more there were).
pub const MAX_PROBLEMS: usize = 1000;

const DATE_EXAMPLES: &str =
    "expected ISO 8601 \"2025-12-31\" or RFC 3339 \"2026-01-03T18:00:23+00:00\"";
const URL_EXAMPLE: &str = "expected an absolute http(s) URL such as \"https://example.org/page\"";

/// Validates and sanitises a raw corpus (read from JSON, or made by an
/// importer) into the model, reporting every problem; `name` is the file
/// name messages give.
pub fn validate(name: &str, raw: format::Corpus) -> Result<Corpus, LoadError> {
    let mut checker = Checker::default();
    let corpus = checker.corpus(raw);
    if checker.problems.is_empty() {
        Ok(corpus)
    } else {
        Err(LoadError::Invalid {
            file: name.to_string(),
            problems: checker.problems,
            more: checker.more,
        })
    }
}

/// A JSON path built on the stack as validation descends; only turned into a
/// string when there is a problem to report.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step,
}

#[derive(Clone, Copy)]
enum Step {
    Root,
    Field(&'static str),
    Index(usize),
}

const ROOT: At<'static> = At {
    parent: None,
    step: Step::Root,
};

impl<'a> At<'a> {
    fn field(&'a self, name: &'static str) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Field(name),
        }
    }

    fn index(&'a self, index: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Index(index),
        }
    }
}

impl At<'_> {
    /// The last two indices of the path (the innermost last), 0 for those it lacks.
    fn last_indices(&self) -> [u32; 2] {
        let mut found = [0; 2];
        let mut count = 0;
        let mut at = Some(self);
        while let Some(step) = at
            && count < 2
        {
            if let Step::Index(i) = step.step {
                found[1 - count] = i as u32;
                count += 1;
            }
            at = step.parent;
        }
        found
    }

    /// The path with its last two indices replaced by `indices` (as [`At::last_indices`] gives them).
    fn with_last_indices(&self, indices: [u32; 2]) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(step) = at {
            steps.push(step.step);
            at = step.parent;
        }
        // Innermost first: the first index met is the last one.
        let mut replacing = [indices[1], indices[0]].into_iter();
        for step in &mut steps {
            if let Step::Index(i) = step
                && let Some(index) = replacing.next()
            {
                *i = index as usize;
            }
        }
        let mut out = String::new();
        for step in steps.into_iter().rev() {
            match step {
                Step::Root => {}
                // Right after the root: no dot (as `Display` writes it).
                Step::Field(name) if out.is_empty() => out.push_str(name),
                Step::Field(name) => {
                    out.push('.');
                    out.push_str(name);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.step {
            Step::Root => Ok(()),
            Step::Field(name) => match self.parent {
                Some(At {
                    step: Step::Root, ..
                })
                | None => f.write_str(name),
                Some(_) => write!(f, ".{name}"),
            },
            Step::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// `"value"` quoted for a message, escaped and cut.
fn quoted(value: &str) -> String {
    quote(value)
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Validation: checks everything serde does not, collecting every problem,
/// and builds the sanitised model as it goes.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    more: usize,
}

impl Checker {
    /// A repeated id of the item at `item`, used first by the item at `first`.
    fn duplicate(&mut self, item: &At, id: &str, what: &str, first: String) {
        let message = format!(
            "duplicate {what} id {} (already used by {first}); ids must be unique",
            quoted(id)
        );
        self.report(&item.field("id"), message);
    }

    fn report(&mut self, at: &At, message: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem {
                path: at.to_string(),
                message,
                at: None,
            });
        } else {
            self.more += 1;
        }
    }

    fn corpus(&mut self, raw: format::Corpus) -> Corpus {
        let at = ROOT.field("articles");
        if raw.articles.is_empty() {
            self.report(
                &at,
                "a corpus needs at least one article, found none".into(),
            );
        }
        let mut ids = Ids::default();
        // The model grows as the raw articles go: a quarter of those left
        // at a time, then their room is given back, so the two are never
        // both whole (and no small block of each raw article is left behind).
        let mut articles: Vec<Article> = Vec::new();
        let mut left = raw.articles;
        let mut i = 0;
        while !left.is_empty() {
            let chunk = (left.len() / 4).max(1);
            for format::Object(article) in left.drain(..chunk) {
                let at = at.index(i);
                let article = self.article(&at, article);
                let place = [0, i as u32];
                ids.check(self, &at, place, &article.id, "article", |[_, i]| {
                    &articles[i as usize].id
                });
                grow::push(&mut articles, article);
                i += 1;
            }
            left.shrink_to_fit();
        }
        articles.shrink_to_fit();
        Corpus { articles }
    }

    fn article(&mut self, at: &At, raw: format::Article) -> Article {
        let id = self.one_line(&at.field("id"), raw.id);
        let title = self.one_line(&at.field("title"), raw.title);
        let about = raw.about.map(|a| *a).unwrap_or_default();
        let language = about.language.map(|language| {
            let at = at.field("language");
            let language = self.one_line(&at, language);
            if !language.is_empty() && !is_language_tag(&language) {
                self.report(
                    &at,
                    format!(
                        "{} is not a BCP 47 language tag (expected e.g. \"fr\", \"fr-FR\", \"uk\")",
                        quoted(&language)
                    ),
                );
            }
            language
        });
        let notice = about.notice.map(|n| self.one_line(&at.field("notice"), n));
        let date = about.date.map(|d| self.date(&at.field("date"), d));
        let url = about.url.map(|u| self.url(&at.field("url"), u));
        let byline = about.byline.map(|b| self.one_line(&at.field("byline"), b));

        let sources_at = at.field("sources");
        // Repeated ids first, over the raw sources (as they will read), so
        // that the model's sources can take the raw ones' room as they are
        // made: each source's problems, then its id's, as always.
        let repeated = {
            let mut ids = RawIds::default();
            let id = |i: usize| sanitize::line(&raw.sources[i].0.id);
            (0..raw.sources.len())
                .filter_map(|i| Some((i, ids.first_use(i, id)?)))
                .collect::<Vec<_>>()
        };
        let mut repeated = repeated.into_iter().peekable();
        let sources: Vec<Source> = raw
            .sources
            .into_iter()
            .enumerate()
            .map(|(i, format::Object(source))| {
                let at = sources_at.index(i);
                let source = self.source(&at, source);
                if let Some((_, first)) = repeated.next_if(|&(r, _)| r == i) {
                    self.duplicate(
                        &at,
                        &source.id,
                        "source",
                        sources_at.index(first).to_string(),
                    );
                }
                source
            })
            .collect();
        let mut source_ids = Ids::default();
        for (i, source) in sources.iter().enumerate() {
            source_ids.record(&source.id, [0, i as u32], |[_, i]| &sources[i as usize].id);
        }
        let known = Known {
            ids: &source_ids,
            sources: &sources,
            sources_at: &sources_at,
        };

        let sections_at = at.field("sections");
        if raw.sections.is_empty() {
            self.report(
                &sections_at,
                "an article needs at least one section, found none".into(),
            );
        }
        let mut section_ids = Ids::default();
        let mut post_ids = Ids::default();
        let mut sections: Vec<Section> = Vec::with_capacity(raw.sections.len());
        for (s, format::Object(section)) in raw.sections.into_iter().enumerate() {
            {
                let at = sections_at.index(s);
                let id = self.one_line(&at.field("id"), section.id);
                let place = [0, s as u32];
                section_ids.check(self, &at, place, &id, "section", |[_, s]| {
                    &sections[s as usize].id
                });
                let heading = section
                    .heading
                    .map(|h| self.one_line(&at.field("heading"), h));
                let blocks_at = at.field("blocks");
                if section.blocks.is_empty() {
                    self.report(
                        &blocks_at,
                        "a section needs at least one block, found none".into(),
                    );
                }
                // Pushed into room for all: `filter_map` would start small and double.
                let mut blocks = Vec::with_capacity(section.blocks.len());
                for (b, format::Object(block)) in section.blocks.into_iter().enumerate() {
                    let at = blocks_at.index(b);
                    let Some(block) = self.block(&at, block, &known) else {
                        continue;
                    };
                    if let Block::Post(post) = &block {
                        // Found by where the model holds it: this section's
                        // blocks so far, or an earlier section's.
                        let place = [s as u32, blocks.len() as u32];
                        let post_id = |[ps, pb]: [u32; 2]| {
                            let block = if ps as usize == s {
                                blocks.get(pb as usize)
                            } else {
                                sections[ps as usize].blocks.get(pb as usize)
                            };
                            block.and_then(Block::as_post).map_or("", |p| p.id.as_str())
                        };
                        post_ids.check_at(
                            self,
                            &at,
                            place,
                            [s as u32, b as u32],
                            &post.id,
                            "post",
                            post_id,
                        );
                    }
                    blocks.push(block);
                }
                sections.push(Section {
                    id,
                    heading,
                    blocks,
                });
            }
        }
        drop((section_ids, post_ids, source_ids));
        Article::new(ArticleParts {
            id,
            title,
            language,
            notice,
            date,
            sections,
            sources,
        })
        .with_origin(
            url.filter(|u| !u.is_empty()),
            byline.filter(|b| !b.is_empty()),
        )
    }

    fn source(&mut self, at: &At, raw: format::Source) -> Source {
        Source {
            id: self.one_line(&at.field("id"), raw.id),
            kind: match raw.kind {
                format::SourceKind::Person => SourceKind::Person,
                format::SourceKind::Organisation => SourceKind::Organisation,
                format::SourceKind::Outlet => SourceKind::Outlet,
                format::SourceKind::Account => SourceKind::Account,
                format::SourceKind::Link => SourceKind::Link,
            },
            name: self.one_line(&at.field("name"), raw.name),
            description: raw
                .description
                .map(|d| self.one_line(&at.field("description"), d)),
            url: raw.url.map(|u| self.url(&at.field("url"), u)),
        }
    }

    /// A block of any type; `None` when a required field is missing (reported).
    fn block(&mut self, at: &At, block: format::Block, known: &Known) -> Option<Block> {
        let kind = block.kind;
        let raw = block.more.map(|more| *more).unwrap_or_default();
        let has_url = raw.url.is_some();
        let given = [
            ("id", raw.id.is_some()),
            ("platform", raw.platform.is_some()),
            ("author", raw.author.is_some()),
            ("handle", raw.handle.is_some()),
            ("date", raw.date.is_some()),
            ("title", raw.title.is_some()),
            ("text", block.text.is_some()),
            ("truncated", raw.truncated.is_some()),
            ("url", has_url),
            ("links", raw.links.is_some()),
            ("ordered", raw.ordered.is_some()),
            ("depth", raw.depth.is_some()),
            ("cells", raw.cells.is_some()),
            ("header", raw.header.is_some()),
            ("cites", block.cites.is_some()),
        ];
        let mut complete = true;
        for (field, is_given) in given {
            match (kind.presence(field), is_given) {
                (Presence::Forbidden, true) => self.report(
                    &at.field(field),
                    format!(
                        "a {} has no \"{field}\" field (expected one of {})",
                        kind.name(),
                        quoted_list(kind.fields())
                    ),
                ),
                (Presence::Required, false) => {
                    complete = false;
                    self.report(
                        at,
                        format!("missing field \"{field}\" (a {} needs it)", kind.name()),
                    );
                }
                (Presence::RequiredWithoutUrl, false) if !has_url => {
                    complete = false;
                    self.report(
                        at,
                        format!(
                            "missing field \"{field}\" (a {} needs it, or a \"url\" when the page did not include the post)",
                            kind.name()
                        ),
                    );
                }
                _ => {}
            }
        }
        let cites = block
            .cites
            .map(|cites| self.cites(&at.field("cites"), cites, known))
            .unwrap_or_default();
        let text = block.text.map(|t| self.multiline(&at.field("text"), t));
        let paragraph = |text: Option<Text>, kind: TextKind, cites: Vec<usize>| {
            Some(Block::Paragraph(Paragraph {
                text: text?,
                cites: cites.into(),
                kind,
            }))
        };
        match kind {
            BlockType::Paragraph => paragraph(text, TextKind::Paragraph, cites),
            BlockType::Quote => paragraph(text, TextKind::Quote, cites),
            BlockType::Caption => paragraph(text, TextKind::Caption, cites),
            BlockType::Code => paragraph(text, TextKind::Code, cites),
            BlockType::ListItem => {
                let depth = match raw.depth {
                    None => 1,
                    Some(depth @ 1..=format::MAX_LIST_DEPTH) => depth as u8,
                    Some(depth) => {
                        self.report(
                            &at.field("depth"),
                            format!(
                                "{depth} is not a list depth (expected 1 for a top-level list, up to {})",
                                format::MAX_LIST_DEPTH
                            ),
                        );
                        1
                    }
                };
                let ordered = raw.ordered.unwrap_or(false);
                paragraph(
                    text,
                    TextKind::ListItem {
                        ordered,
                        depth,
                        number: 0,
                    },
                    cites,
                )
            }
            BlockType::TableRow => {
                let (text, cells) = self.cells(&at.field("cells"), raw.cells?);
                paragraph(
                    Some(text.into()),
                    TextKind::TableRow {
                        header: raw.header.unwrap_or(false),
                        cells: cells.into(),
                    },
                    cites,
                )
            }
            BlockType::Post => {
                let id = raw.id.map(|v| self.one_line(&at.field("id"), v));
                let author = raw.author.map(|v| self.one_line(&at.field("author"), v));
                let handle = raw.handle.map(|v| {
                    let v = v.strip_prefix('@').map(Text::from).unwrap_or(v);
                    self.one_line(&at.field("handle"), v)
                });
                let date = raw.date.map(|v| self.date(&at.field("date"), v));
                let title = raw.title.map(|v| self.one_line(&at.field("title"), v));
                let url = raw.url.map(|v| self.url(&at.field("url"), v));
                let links_at = at.field("links");
                let links = raw
                    .links
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                    .map(|(i, link)| self.url(&links_at.index(i), link))
                    .collect();
                let truncated = raw.truncated.unwrap_or(false);
                if truncated && text.is_none() {
                    self.report(
                        &at.field("truncated"),
                        "a post without \"text\" cannot be truncated".into(),
                    );
                }
                if !complete {
                    return None;
                }
                Some(Block::Post(Box::new(Post {
                    id: id?,
                    platform: match raw.platform? {
                        format::Platform::X => Platform::X,
                        format::Platform::Bluesky => Platform::Bluesky,
                        format::Platform::Telegram => Platform::Telegram,
                        format::Platform::Mastodon => Platform::Mastodon,
                        format::Platform::Instagram => Platform::Instagram,
                        format::Platform::TikTok => Platform::TikTok,
                        format::Platform::Facebook => Platform::Facebook,
                        format::Platform::Threads => Platform::Threads,
                        format::Platform::YouTube => Platform::YouTube,
                        format::Platform::Vimeo => Platform::Vimeo,
                        format::Platform::Other => Platform::Other,
                    },
                    author,
                    handle,
                    date,
                    title,
                    text,
                    truncated,
                    url,
                    links,
                    cites: cites.into(),
                })))
            }
        }
    }

    /// A table row's cells as one text, joined by [`CELL_SEPARATOR`], and
    /// each cell's byte range in it. A cell may be empty (tables have
    /// holes); the row needs one cell with text.
    fn cells(&mut self, at: &At, raw: Vec<Text>) -> (String, Vec<std::ops::Range<usize>>) {
        let mut text = String::new();
        let mut ranges = Vec::with_capacity(raw.len());
        for (i, cell) in raw.into_iter().enumerate() {
            if i > 0 {
                text.push_str(CELL_SEPARATOR);
            }
            let cleaned = sanitize::line(&cell);
            let cleaned = cleaned.trim();
            let start = text.len();
            text.push_str(cleaned);
            ranges.push(start..text.len());
        }
        if ranges.iter().all(|r| r.is_empty()) {
            self.report(
                at,
                "a table row needs at least one cell with text, found none".into(),
            );
        }
        (text, ranges)
    }

    /// Resolves source ids to indices; unknown and repeated ids are problems.
    /// Linear in the cites: the ones already seen are a set.
    fn cites(&mut self, at: &At, cites: Vec<Text>, known: &Known) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(cites.len());
        let mut seen: HashSet<usize> = HashSet::with_capacity(cites.len());
        for (i, cite) in cites.into_iter().enumerate() {
            let at = at.index(i);
            let cite = self.one_line(&at, cite);
            cost::count(Work::CiteLookups, 1);
            match known
                .ids
                .index(&cite, |[_, i]| &known.sources[i as usize].id)
            {
                Some(index) if !seen.insert(index) => {
                    self.report(&at, format!("{} is cited twice", quoted(&cite)));
                }
                Some(index) => out.push(index),
                None if cite.is_empty() => {}
                None => self.report(
                    &at,
                    format!(
                        "{} names no source of this article (expected an id from {})",
                        quoted(&cite),
                        known.sources_at
                    ),
                ),
            }
        }
        out
    }

    fn one_line(&mut self, at: &At, raw: Text) -> Text {
        self.text(at, raw, sanitize::line)
    }

    fn multiline(&mut self, at: &At, raw: Text) -> Text {
        self.text(at, raw, sanitize::multiline)
    }

    /// Sanitises a text field and requires some visible text in it.
    fn text(&mut self, at: &At, raw: Text, clean: fn(&str) -> Cow<str>) -> Text {
        let cleaned = match clean(&raw) {
            Cow::Owned(cleaned) => Some(cleaned),
            Cow::Borrowed(_) => None,
        };
        if raw.trim().is_empty() {
            self.report(at, "is empty, expected some text".into());
        } else if cleaned.as_ref().is_some_and(|c| c.trim().is_empty()) {
            self.report(
                at,
                format!(
                    "{} holds only control characters, expected some text",
                    quoted(&raw)
                ),
            );
        }
        cleaned.map(Text::from).unwrap_or(raw)
    }

    fn date(&mut self, at: &At, raw: Text) -> Text {
        let date = self.one_line(at, raw);
        if !date.is_empty() && !is_date(&date) {
            self.report(
                at,
                format!("{} is not a date ({DATE_EXAMPLES})", quoted(&date)),
            );
        }
        date
    }

    /// A URL under the policy opening applies ([`links::check_url`]), so
    /// what loads can be opened.
    fn url(&mut self, at: &At, raw: Text) -> Text {
        let url = self.one_line(at, raw);
        if !url.is_empty()
            && let Err(problem) = links::check_url(&url)
        {
            self.report(
                at,
                format!("{} is not a URL: {URL_EXAMPLE} ({problem})", quoted(&url)),
            );
        }
        url
    }
}

/// Ids met so far among raw items, read as they will be sanitised: for
/// finding repeated ids before the items are made.
#[derive(Default)]
struct RawIds {
    hasher: std::hash::RandomState,
    table: hashbrown::HashTable<u32>,
}

impl RawIds {
    /// The index of the first item with the id of item `i` (`id` reads an
    /// item's id), or `None` when it is the first (then it is recorded).
    fn first_use<'a>(&mut self, i: usize, id: impl Fn(usize) -> Cow<'a, str>) -> Option<usize> {
        let this = id(i);
        if this.is_empty() {
            return None;
        }
        let hash = self.hasher.hash_one(&*this);
        if let Some(&first) = self.table.find(hash, |&j| id(j as usize) == this) {
            return Some(first as usize);
        }
        let hasher = &self.hasher;
        self.table
            .insert_unique(hash, i as u32, |&j| hasher.hash_one(&*id(j as usize)));
        None
    }
}

/// What cites may name in an article.
struct Known<'a> {
    ids: &'a Ids,
    sources: &'a [Source],
    sources_at: &'a At<'a>,
}

/// Ids seen so far in one scope, to resolve references and to say where a
/// duplicate's first use is, without a copy of any id: a table of where the
/// model holds each item (its id read from there) and the last two indices
/// of its path (the items of a scope differ only there), 16 bytes an id.
#[derive(Default)]
struct Ids {
    hasher: std::hash::RandomState,
    table: hashbrown::HashTable<Seen>,
}

#[derive(Clone, Copy)]
struct Seen {
    /// Where the model holds the item (`[0, index]` for a list of items).
    place: [u32; 2],
    /// The last two indices of its path ([`At::last_indices`]).
    path: [u32; 2],
}

impl Ids {
    /// Records the id of the item at `item`, held at `place` (its path's
    /// last two indices), or reports a duplicate; `id_of` reads the id of
    /// an item recorded before.
    fn check<'a>(
        &mut self,
        checker: &mut Checker,
        item: &At,
        place: [u32; 2],
        id: &str,
        what: &str,
        id_of: impl Fn([u32; 2]) -> &'a str,
    ) {
        self.check_at(checker, item, place, item.last_indices(), id, what, id_of);
    }

    /// [`Ids::check`] for an item whose path's last indices are `path`.
    #[allow(clippy::too_many_arguments)]
    fn check_at<'a>(
        &mut self,
        checker: &mut Checker,
        item: &At,
        place: [u32; 2],
        path: [u32; 2],
        id: &str,
        what: &str,
        id_of: impl Fn([u32; 2]) -> &'a str,
    ) {
        if id.is_empty() {
            return;
        }
        let hash = self.hasher.hash_one(id);
        if let Some(first) = self.table.find(hash, |seen| id_of(seen.place) == id) {
            checker.duplicate(item, id, what, item.with_last_indices(first.path));
        } else {
            let hasher = &self.hasher;
            self.table
                .insert_unique(hash, Seen { place, path }, |seen| {
                    hasher.hash_one(id_of(seen.place))
                });
        }
    }

    /// Records an item known to have an id of its own (no problem to report).
    fn record<'a>(&mut self, id: &str, place: [u32; 2], id_of: impl Fn([u32; 2]) -> &'a str) {
        if id.is_empty() {
            return;
        }
        let hasher = &self.hasher;
        let hash = hasher.hash_one(id);
        if self
            .table
            .find(hash, |seen| id_of(seen.place) == id)
            .is_none()
        {
            self.table.insert_unique(
                hash,
                Seen {
                    place,
                    path: [0, 0],
                },
                |seen| hasher.hash_one(id_of(seen.place)),
            );
        }
    }

    /// The index of the item with id `id` (`place[1]`), if it was recorded.
    fn index<'a>(&self, id: &str, id_of: impl Fn([u32; 2]) -> &'a str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |seen| id_of(seen.place) == id)
            .map(|seen| seen.place[1] as usize)
    }
}

/// `YYYY-MM-DD` (ISO 8601 calendar date) or an RFC 3339 date-time.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let calendar_date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok();
    calendar_date || chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

/// The shape of a BCP 47 tag: a 2–8 letter language (or `x`/`i` for private
/// and legacy tags), then subtags of 1–8 letters or digits, joined by `-`.
pub fn is_language_tag(text: &str) -> bool {
    let mut subtags = text.split('-');
    let Some(language) = subtags.next() else {
        return false;
    };
    let language_ok = (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        || language.eq_ignore_ascii_case("x")
        || language.eq_ignore_ascii_case("i");
    language_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2025-12-31"));
        assert!(is_date("2026-01-03T18:00:23+00:00"));
        assert!(is_date("2026-01-03T18:00:23Z"));
        assert!(!is_date("2025-13-01"));
        assert!(!is_date("2025-02-30"));
        assert!(!is_date("2025-1-5"));
        assert!(!is_date("December 31, 2025"));
        assert!(!is_date("2026-01-03T18:00:23"));
    }

    #[test]
    fn language_tags() {
        for ok in [
            "fr",
            "fr-FR",
            "uk",
            "zh-Hant-TW",
            "sr-Latn",
            "x-private",
            "de-CH-1996",
        ] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "f",
            "fr_FR",
            "fr-",
            "-fr",
            "français",
            "fr-toolongsubtag",
            "f1",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn paths_read_like_json() {
        let articles = ROOT.field("articles");
        let article = articles.index(0);
        let sections = article.field("sections");
        let section = sections.index(2);
        let blocks = section.field("blocks");
        let block = blocks.index(1);
        assert_eq!(
            block.field("date").to_string(),
            "articles[0].sections[2].blocks[1].date"
        );
        assert_eq!(ROOT.to_string(), "");
    }

    #[test]
    fn a_first_use_is_the_path_with_its_indices() {
        let articles = ROOT.field("articles");
        let article = articles.index(0);
        let sections = article.field("sections");
        let section = sections.index(2);
        let blocks = section.field("blocks");
        let block = blocks.index(1);
        assert_eq!(block.last_indices(), [2, 1]);
        assert_eq!(
            block.with_last_indices([5, 7]),
            "articles[0].sections[5].blocks[7]"
        );
        let third = articles.index(3);
        assert_eq!(third.last_indices(), [0, 3]);
        assert_eq!(third.with_last_indices([0, 1]), "articles[1]");
    }
}
