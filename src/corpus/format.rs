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
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of `"format"`.
pub const FORMAT_NAME: &str = "depeche-corpus";
/// The only `"version"` this build reads.
pub const FORMAT_VERSION: u64 = 1;

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Corpus {
    pub format: String,
    pub version: u64,
    pub articles: Vec<Object<Article>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the article was published (its canonical or original page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who wrote it, as the page says (one line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    pub sections: Vec<Object<Section>>,
    pub sources: Vec<Object<Source>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    /// `null` or absent for an untitled lead section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
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
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    #[serde(rename = "type")]
    pub kind: BlockType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordered: Option<bool>,
    /// A JSON integer; validation checks its range (1 to [`MAX_LIST_DEPTH`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cells: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cites: Option<Vec<String>>,
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
    pub id: String,
    pub kind: SourceKind,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
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
