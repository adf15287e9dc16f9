//! What an import produces before it becomes format v1: richer than the
//! format today (list items, quotations, captions, table rows, posts whose
//! text the page does not carry), so nothing the page states is lost, and
//! phase 2's format extension (docs/import.md) is a matter of writing it out.

/// One imported page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedArticle {
    pub title: String,
    /// BCP 47 tag from `<html lang>` (or the metadata), when it is one.
    pub language: Option<String>,
    /// A short line the page shows with the article ("Cet évènement est passé.").
    pub notice: Option<String>,
    /// Publication date, ISO 8601 date or RFC 3339 date-time (never invented).
    pub date: Option<String>,
    /// The date as the page wrote it, when it could not be read as a date.
    pub date_text: Option<String>,
    /// The outlet's name (`og:site_name`, JSON-LD publisher).
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    /// Who wrote it, as the page says ("By Jane Doe").
    pub byline: Option<String>,
    pub sections: Vec<ImportedSection>,
    pub sources: Vec<ImportedSource>,
    /// What the import noticed and the reader may want to know (cut page, replaced bytes).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedSection {
    /// `None` for the lead (what comes before the first heading).
    pub heading: Option<String>,
    /// 2–4 for h2–h4 (1 for an h1 that is not the title), 0 for the lead.
    pub level: u8,
    pub blocks: Vec<ImportedBlock>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImportedBlock {
    Paragraph(TextBlock),
    /// An item of a bulleted (`ordered: false`) or numbered list; `depth` 1 for a top-level list.
    ListItem {
        block: TextBlock,
        ordered: bool,
        depth: u8,
    },
    /// A quotation (`<blockquote>` that is not an embed).
    Quote(TextBlock),
    /// A figure's or table's caption.
    Caption(TextBlock),
    /// A row of a data table; `header` for a row of `<th>`.
    TableRow {
        cells: Vec<String>,
        header: bool,
        cites: Vec<usize>,
    },
    /// Preformatted text (code), white space kept.
    Preformatted(TextBlock),
    /// A minor heading (h5, h6) inside a section.
    Subheading(TextBlock),
    Post(ImportedPost),
}

impl ImportedBlock {
    /// The text a reader sees in the block (cells joined, a post's text).
    pub fn text(&self) -> Option<String> {
        match self {
            ImportedBlock::Paragraph(b)
            | ImportedBlock::ListItem { block: b, .. }
            | ImportedBlock::Quote(b)
            | ImportedBlock::Caption(b)
            | ImportedBlock::Preformatted(b)
            | ImportedBlock::Subheading(b) => Some(b.text.clone()),
            ImportedBlock::TableRow { cells, .. } => Some(cells.join(" | ")),
            ImportedBlock::Post(post) => post.text.clone(),
        }
    }

    /// Indices into [`ImportedArticle::sources`] of what the block cites.
    pub fn cites(&self) -> &[usize] {
        match self {
            ImportedBlock::Paragraph(b)
            | ImportedBlock::ListItem { block: b, .. }
            | ImportedBlock::Quote(b)
            | ImportedBlock::Caption(b)
            | ImportedBlock::Preformatted(b)
            | ImportedBlock::Subheading(b) => &b.cites,
            ImportedBlock::TableRow { cites, .. } => cites,
            ImportedBlock::Post(post) => &post.cites,
        }
    }
}

/// Text with the sources it cites (its links).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextBlock {
    /// Plain text; `\n` where the page had a `<br>`.
    pub text: String,
    pub cites: Vec<usize>,
}

/// Where an embedded post comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PostPlatform {
    X,
    Bluesky,
    Mastodon,
    Telegram,
    Instagram,
    TikTok,
    Facebook,
    Threads,
    YouTube,
    Vimeo,
}

impl PostPlatform {
    pub fn name(self) -> &'static str {
        match self {
            PostPlatform::X => "X",
            PostPlatform::Bluesky => "Bluesky",
            PostPlatform::Mastodon => "Mastodon",
            PostPlatform::Telegram => "Telegram",
            PostPlatform::Instagram => "Instagram",
            PostPlatform::TikTok => "TikTok",
            PostPlatform::Facebook => "Facebook",
            PostPlatform::Threads => "Threads",
            PostPlatform::YouTube => "YouTube",
            PostPlatform::Vimeo => "Vimeo",
        }
    }
}

/// An embedded social media post (or video), where it stood in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedPost {
    pub platform: PostPlatform,
    /// Display name, as the embed shows it.
    pub author: Option<String>,
    /// Account name without `@` (`LeHuffPost`, `fr-france.bsky.social`, `user@mastodon.social`).
    pub handle: Option<String>,
    /// ISO 8601 date or RFC 3339 date-time: from the embed, refined by the
    /// time its id encodes (X snowflake, Bluesky TID, Mastodon id).
    pub date: Option<String>,
    /// The date as the embed wrote it, when it could not be read.
    pub date_text: Option<String>,
    /// `None` when the page does not carry the post's text (an embed already
    /// rendered to an iframe, a bare Telegram or Facebook embed code).
    pub text: Option<String>,
    /// The text ends with `…` because the embed cut it.
    pub truncated: bool,
    /// The post's permalink.
    pub url: Option<String>,
    /// What the embed calls itself when its text is not in the page (a video player's title).
    pub title: Option<String>,
    /// Links the post carries, absolute http(s), in order.
    pub links: Vec<String>,
    /// Accounts the post mentions: (`@name` as shown, profile URL).
    pub mentions: Vec<(String, String)>,
    pub cites: Vec<usize>,
}

impl ImportedPost {
    pub fn new(platform: PostPlatform) -> ImportedPost {
        ImportedPost {
            platform,
            author: None,
            handle: None,
            date: None,
            date_text: None,
            text: None,
            truncated: false,
            url: None,
            title: None,
            links: Vec::new(),
            mentions: Vec::new(),
            cites: Vec::new(),
        }
    }
}

/// The kinds of format v1's sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Person,
    Organisation,
    Outlet,
    Account,
    Link,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedSource {
    pub kind: SourceKind,
    pub name: String,
    pub description: Option<String>,
    pub url: Option<String>,
}
