//! The JSON corpus format, version 1, as serde reads it (docs/corpus-format.md).
//!
//! These are raw types: they only say which fields exist and their JSON
//! types. [`super::validate`] checks everything else (required fields per
//! block type, ids, cross-references, dates, URLs) and builds the
//! [`super::model`].
//!
//! A block is one struct holding the fields of every block type, not an
//! internally tagged enum: serde buffers a tagged enum's content before
//! choosing the variant, which loses the JSON path and position of any error
//! inside the block. With one struct, an error at
//! `articles[0].sections[2].blocks[1].date` is reported there, and validation
//! rejects the fields that do not belong to the block's type.
//!
//! Every struct denies unknown fields, so a typo is an error listing the
//! expected names; serde also refuses a field given twice. Every struct is
//! read through [`Object`], so only from a JSON object.
//!
//! The types also serialise (absent options left out), so an importer
//! builds a corpus in these same types: [`super::validate`] checks it
//! without a JSON round trip, and `depeche import` writes it as JSON.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use super::model::Text;

/// The value of `"format"`.
pub const FORMAT_NAME: &str = "depeche-corpus";
/// The only `"version"` this build reads.
pub const FORMAT_VERSION: u64 = 1;

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Corpus {
    pub format: Text,
    pub version: u64,
    #[serde(deserialize_with = "exact")]
    pub articles: Vec<Object<Article>>,
}

/// An article: what it says about itself, boxed in `about` (most fields
/// of an article of little text would be empty there), read and written
/// as one flat object as [`Block`] is.
#[derive(Debug)]
pub struct Article {
    pub id: Text,
    pub title: Text,
    pub about: Option<Box<ArticleAbout>>,
    pub sections: Vec<Object<Section>>,
    pub sources: Vec<Object<Source>>,
}

/// The optional fields of an [`Article`].
#[derive(Debug, Default, PartialEq)]
pub struct ArticleAbout {
    pub language: Option<Text>,
    pub notice: Option<Text>,
    pub date: Option<Text>,
    /// Where the article was published (its canonical or original page).
    pub url: Option<Text>,
    /// Who wrote it, as the page says (one line).
    pub byline: Option<Text>,
}

impl ArticleAbout {
    /// Boxed if any is given.
    pub fn boxed(self) -> Option<Box<ArticleAbout>> {
        (self != ArticleAbout::default()).then(|| Box::new(self))
    }
}

const ARTICLE_FIELDS: &[&str] = &[
    "id", "title", "language", "notice", "date", "url", "byline", "sections", "sources",
];

/// A key of an article object: the index of a known field in [`ARTICLE_FIELDS`].
struct ArticleField(usize);

impl<'de> Deserialize<'de> for ArticleField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;

        impl Visitor<'_> for FieldVisitor {
            type Value = ArticleField;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("field identifier")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<ArticleField, E> {
                ARTICLE_FIELDS
                    .iter()
                    .position(|&name| name == value)
                    .map(ArticleField)
                    .ok_or_else(|| E::unknown_field(value, ARTICLE_FIELDS))
            }
        }

        deserializer.deserialize_identifier(FieldVisitor)
    }
}

impl<'de> Deserialize<'de> for Article {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArticleVisitor;

        impl<'de> Visitor<'de> for ArticleVisitor {
            type Value = Article;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("struct Article")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Article, A::Error> {
                use serde::de::Error;
                let (mut id, mut title, mut sections, mut sources) = (None, None, None, None);
                let mut about = ArticleAbout::default();
                let mut seen = 0u32;
                while let Some(ArticleField(field)) = map.next_key()? {
                    if seen & (1 << field) != 0 {
                        return Err(A::Error::duplicate_field(ARTICLE_FIELDS[field]));
                    }
                    seen |= 1 << field;
                    match ARTICLE_FIELDS[field] {
                        "id" => id = Some(map.next_value()?),
                        "title" => title = Some(map.next_value()?),
                        "language" => about.language = map.next_value()?,
                        "notice" => about.notice = map.next_value()?,
                        "date" => about.date = map.next_value()?,
                        "url" => about.url = map.next_value()?,
                        "byline" => about.byline = map.next_value()?,
                        "sections" => sections = Some(map.next_value_seed(Exact(PhantomData))?),
                        _ => sources = Some(map.next_value_seed(Exact(PhantomData))?),
                    }
                }
                Ok(Article {
                    id: id.ok_or_else(|| A::Error::missing_field("id"))?,
                    title: title.ok_or_else(|| A::Error::missing_field("title"))?,
                    sections: sections.ok_or_else(|| A::Error::missing_field("sections"))?,
                    sources: sources.ok_or_else(|| A::Error::missing_field("sources"))?,
                    about: about.boxed(),
                })
            }
        }

        deserializer.deserialize_struct("Article", ARTICLE_FIELDS, ArticleVisitor)
    }
}

/// Written as one object, absent fields left out, in the documented order.
impl Serialize for Article {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let none = ArticleAbout::default();
        let about = self.about.as_deref().unwrap_or(&none);
        let mut out = serializer.serialize_struct("Article", ARTICLE_FIELDS.len())?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("title", &self.title)?;
        for (name, value) in [
            ("language", &about.language),
            ("notice", &about.notice),
            ("date", &about.date),
            ("url", &about.url),
            ("byline", &about.byline),
        ] {
            match value {
                Some(value) => out.serialize_field(name, value)?,
                None => out.skip_field(name)?,
            }
        }
        out.serialize_field("sections", &self.sections)?;
        out.serialize_field("sources", &self.sources)?;
        out.end()
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Text,
    /// `null` or absent for an untitled lead section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<Text>,
    #[serde(deserialize_with = "exact")]
    pub blocks: Vec<Object<Block>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", expecting = "a block type")]
pub enum BlockType {
    #[default]
    Paragraph,
    Post,
    /// An item of a bulleted or numbered list.
    ListItem,
    /// A quotation (not an embedded post).
    Quote,
    /// A figure's or table's caption.
    Caption,
    /// A row of a table: `cells` instead of `text`.
    TableRow,
    /// Preformatted text, its line breaks and spaces kept.
    Code,
}

/// Any block: `type` says which fields it may have (see [`BlockType::fields`]).
///
/// What every block type may have is here; everything else (a post's, a
/// list item's, a table row's) is in `more`, boxed: most blocks are
/// paragraphs, and a corpus of many short ones would otherwise hold four
/// times its size in empty fields. Read and written as one flat object,
/// field by field (a flattened struct would lose `deny_unknown_fields` and
/// the JSON path of errors), with serde's own messages.
#[derive(Debug, Default)]
pub struct Block {
    pub kind: BlockType,
    pub text: Option<Text>,
    pub cites: Option<Vec<Text>>,
    pub more: Option<Box<BlockMore>>,
}

/// The fields of a [`Block`] that only some block types have.
#[derive(Debug, Default)]
pub struct BlockMore {
    pub id: Option<Text>,
    pub platform: Option<Platform>,
    pub author: Option<Text>,
    pub handle: Option<Text>,
    pub date: Option<Text>,
    pub title: Option<Text>,
    pub truncated: Option<bool>,
    pub url: Option<Text>,
    pub links: Option<Vec<Text>>,
    pub ordered: Option<bool>,
    /// A JSON integer; validation checks its range (1 to [`MAX_LIST_DEPTH`]).
    pub depth: Option<u64>,
    pub cells: Option<Vec<Text>>,
    pub header: Option<bool>,
}

impl Block {
    /// The fields only some block types have (all absent if none is given).
    pub fn more(&self) -> &BlockMore {
        static NONE: BlockMore = BlockMore {
            id: None,
            platform: None,
            author: None,
            handle: None,
            date: None,
            title: None,
            truncated: None,
            url: None,
            links: None,
            ordered: None,
            depth: None,
            cells: None,
            header: None,
        };
        self.more.as_deref().unwrap_or(&NONE)
    }

    fn more_mut(&mut self) -> &mut BlockMore {
        self.more.get_or_insert_with(Box::default)
    }
}

/// Every field of a block, in the documented order (what an unknown
/// field's message lists).
const BLOCK_FIELDS: &[&str] = &[
    "type",
    "id",
    "platform",
    "author",
    "handle",
    "date",
    "title",
    "text",
    "truncated",
    "url",
    "links",
    "ordered",
    "depth",
    "cells",
    "header",
    "cites",
];

/// A key of a block object: the index of a known field in [`BLOCK_FIELDS`].
struct BlockField(usize);

impl<'de> Deserialize<'de> for BlockField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;

        impl Visitor<'_> for FieldVisitor {
            type Value = BlockField;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("field identifier")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<BlockField, E> {
                BLOCK_FIELDS
                    .iter()
                    .position(|&name| name == value)
                    .map(BlockField)
                    .ok_or_else(|| E::unknown_field(value, BLOCK_FIELDS))
            }
        }

        deserializer.deserialize_identifier(FieldVisitor)
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BlockVisitor;

        impl<'de> Visitor<'de> for BlockVisitor {
            type Value = Block;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("struct Block")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
                use serde::de::Error;
                let mut block = Block::default();
                let mut kind = None;
                let mut seen = 0u32;
                while let Some(BlockField(field)) = map.next_key()? {
                    if seen & (1 << field) != 0 {
                        return Err(A::Error::duplicate_field(BLOCK_FIELDS[field]));
                    }
                    seen |= 1 << field;
                    match BLOCK_FIELDS[field] {
                        "type" => kind = Some(map.next_value()?),
                        "text" => block.text = map.next_value()?,
                        "cites" => block.cites = map.next_value_seed(ExactOption(PhantomData))?,
                        "id" => block.more_mut().id = map.next_value()?,
                        "platform" => block.more_mut().platform = map.next_value()?,
                        "author" => block.more_mut().author = map.next_value()?,
                        "handle" => block.more_mut().handle = map.next_value()?,
                        "date" => block.more_mut().date = map.next_value()?,
                        "title" => block.more_mut().title = map.next_value()?,
                        "truncated" => block.more_mut().truncated = map.next_value()?,
                        "url" => block.more_mut().url = map.next_value()?,
                        "links" => {
                            block.more_mut().links =
                                map.next_value_seed(ExactOption(PhantomData))?
                        }
                        "ordered" => block.more_mut().ordered = map.next_value()?,
                        "depth" => block.more_mut().depth = map.next_value()?,
                        "cells" => {
                            block.more_mut().cells =
                                map.next_value_seed(ExactOption(PhantomData))?
                        }
                        _ => block.more_mut().header = map.next_value()?,
                    }
                }
                block.kind = kind.ok_or_else(|| A::Error::missing_field("type"))?;
                Ok(block)
            }
        }

        deserializer.deserialize_struct("Block", BLOCK_FIELDS, BlockVisitor)
    }
}

/// Written as one object, absent fields left out, in the documented order.
impl Serialize for Block {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let more = self.more();
        let mut out = serializer.serialize_struct("Block", BLOCK_FIELDS.len())?;
        out.serialize_field("type", &self.kind)?;
        fn field<S: SerializeStruct, T: Serialize>(
            out: &mut S,
            name: &'static str,
            value: &Option<T>,
        ) -> Result<(), S::Error> {
            match value {
                Some(value) => out.serialize_field(name, value),
                None => out.skip_field(name),
            }
        }
        field(&mut out, "id", &more.id)?;
        field(&mut out, "platform", &more.platform)?;
        field(&mut out, "author", &more.author)?;
        field(&mut out, "handle", &more.handle)?;
        field(&mut out, "date", &more.date)?;
        field(&mut out, "title", &more.title)?;
        field(&mut out, "text", &self.text)?;
        field(&mut out, "truncated", &more.truncated)?;
        field(&mut out, "url", &more.url)?;
        field(&mut out, "links", &more.links)?;
        field(&mut out, "ordered", &more.ordered)?;
        field(&mut out, "depth", &more.depth)?;
        field(&mut out, "cells", &more.cells)?;
        field(&mut out, "header", &more.header)?;
        field(&mut out, "cites", &self.cites)?;
        out.end()
    }
}

/// The deepest a list item may be nested (`depth`).
pub const MAX_LIST_DEPTH: u64 = 8;

/// Whether a block field must, may or must not be given for a block type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
    /// Required unless the block has a `url` (a post the page did not
    /// include: its address is all there is).
    RequiredWithoutUrl,
    Forbidden,
}

impl BlockType {
    pub const ALL: [BlockType; 7] = [
        BlockType::Paragraph,
        BlockType::Post,
        BlockType::ListItem,
        BlockType::Quote,
        BlockType::Caption,
        BlockType::TableRow,
        BlockType::Code,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BlockType::Paragraph => "paragraph",
            BlockType::Post => "post",
            BlockType::ListItem => "list-item",
            BlockType::Quote => "quote",
            BlockType::Caption => "caption",
            BlockType::TableRow => "table-row",
            BlockType::Code => "code",
        }
    }

    /// Every field a block of this type may have, in the documented order.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            BlockType::Paragraph | BlockType::Quote | BlockType::Caption | BlockType::Code => {
                &["type", "text", "cites"]
            }
            BlockType::ListItem => &["type", "text", "ordered", "depth", "cites"],
            BlockType::TableRow => &["type", "cells", "header", "cites"],
            BlockType::Post => &[
                "type",
                "id",
                "platform",
                "author",
                "handle",
                "date",
                "title",
                "text",
                "truncated",
                "url",
                "links",
                "cites",
            ],
        }
    }

    pub fn presence(self, field: &str) -> Presence {
        if !self.fields().contains(&field) {
            return Presence::Forbidden;
        }
        match (self, field) {
            (_, "type") => Presence::Required,
            (BlockType::TableRow, "cells") => Presence::Required,
            (BlockType::Post, "id" | "platform") => Presence::Required,
            (BlockType::Post, "author" | "handle" | "date" | "text") => {
                Presence::RequiredWithoutUrl
            }
            (BlockType::Post, _) => Presence::Optional,
            (_, "text") => Presence::Required,
            _ => Presence::Optional,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase", expecting = "a platform")]
pub enum Platform {
    X,
    Bluesky,
    Telegram,
    Mastodon,
    Instagram,
    TikTok,
    Facebook,
    Threads,
    YouTube,
    Vimeo,
    Other,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    pub kind: SourceKind,
    pub name: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase", expecting = "a source kind")]
pub enum SourceKind {
    Person,
    Organisation,
    Outlet,
    Account,
    Link,
}

/// Only `format`, `version` and `$schema` of any JSON object, the rest
/// skipped: read when the full parse fails, to say "not a depeche corpus",
/// "version 2 is not supported" or "a JSON Schema" rather than the first
/// mismatch deep inside.
#[derive(Debug, Deserialize)]
pub struct Header {
    pub format: Option<serde_json::Value>,
    pub version: Option<serde_json::Value>,
    /// Present in a JSON Schema (such as data/corpus.schema.json), never in a corpus.
    #[serde(rename = "$schema")]
    pub schema: Option<serde_json::Value>,
}

/// A `T` read from a JSON object only. serde lets a derived struct also be
/// read from an array of its field values in order, an undocumented form
/// whose errors read badly (`articles[0][0]: expected a string`); here an
/// array is refused as "expected an article object".
#[derive(Debug)]
pub struct Object<T>(pub T);

/// What a JSON object of this type is called in messages.
pub trait Described {
    const EXPECTING: &'static str;
}

impl Described for Corpus {
    const EXPECTING: &'static str =
        "a depeche corpus (an object with \"format\", \"version\" and \"articles\")";
}
impl Described for Article {
    const EXPECTING: &'static str = "an article object";
}
impl Described for Section {
    const EXPECTING: &'static str = "a section object";
}
impl Described for Block {
    const EXPECTING: &'static str = "a block object";
}
impl Described for Source {
    const EXPECTING: &'static str = "a source object";
}

/// Written as the object it holds.
impl<T: Serialize> Serialize for Object<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de> + Described> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de> + Described> Visitor<'de> for ObjectVisitor<T> {
            type Value = Object<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Object)
            }
        }

        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }
}

/// A JSON array read into a `Vec` that holds no more than its items: serde's
/// own starts at four items and doubles, so a corpus of many small arrays
/// (one block a section, one link a post) would hold up to four times what
/// it reads.
fn exact<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    struct ExactVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ExactVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                super::grow::push(&mut items, item);
            }
            items.shrink_to_fit();
            Ok(items)
        }
    }

    deserializer.deserialize_seq(ExactVisitor(PhantomData))
}

/// [`exact`] for an optional array (`null` or absent is `None`).
fn exact_option<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    struct OptionVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionVisitor<T> {
        type Value = Option<Vec<T>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("option")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            exact(deserializer).map(Some)
        }
    }

    deserializer.deserialize_option(OptionVisitor(PhantomData))
}

/// [`exact_option`] as a seed, for a map's value read by hand.
struct ExactOption<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for ExactOption<T> {
    type Value = Option<Vec<T>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        exact_option(deserializer)
    }
}

/// [`exact`] as a seed, for a map's value read by hand.
struct Exact<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for Exact<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        exact(deserializer)
    }
}
