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

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The value of `"format"`.
pub const FORMAT_NAME: &str = "depeche-corpus";
/// The only `"version"` this build reads.
pub const FORMAT_VERSION: u64 = 1;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corpus {
    pub format: String,
    pub version: u64,
    pub articles: Vec<Object<Article>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub language: Option<String>,
    pub notice: Option<String>,
    pub date: Option<String>,
    pub sections: Vec<Object<Section>>,
    pub sources: Vec<Object<Source>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    /// `null` or absent for an untitled lead section.
    pub heading: Option<String>,
    pub blocks: Vec<Object<Block>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", expecting = "a block type")]
pub enum BlockType {
    Paragraph,
    Post,
}

/// Any block: `type` says which fields it may have (see [`BlockType::fields`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    #[serde(rename = "type")]
    pub kind: BlockType,
    pub id: Option<String>,
    pub platform: Option<Platform>,
    pub author: Option<String>,
    pub handle: Option<String>,
    pub date: Option<String>,
    pub text: Option<String>,
    pub truncated: Option<bool>,
    pub url: Option<String>,
    pub links: Option<Vec<String>>,
    pub cites: Option<Vec<String>>,
}

/// Whether a block field must, may or must not be given for a block type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
    Forbidden,
}

impl BlockType {
    pub fn name(self) -> &'static str {
        match self {
            BlockType::Paragraph => "paragraph",
            BlockType::Post => "post",
        }
    }

    /// Every field a block of this type may have, in the documented order.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            BlockType::Paragraph => &["type", "text", "cites"],
            BlockType::Post => &[
                "type",
                "id",
                "platform",
                "author",
                "handle",
                "date",
                "text",
                "truncated",
                "url",
                "links",
                "cites",
            ],
        }
    }

    pub fn presence(self, field: &str) -> Presence {
        match (self, field) {
            (_, "type" | "text") => Presence::Required,
            (_, "cites") => Presence::Optional,
            (BlockType::Paragraph, _) => Presence::Forbidden,
            (BlockType::Post, "truncated" | "url" | "links") => Presence::Optional,
            (BlockType::Post, _) => Presence::Required,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", expecting = "a platform")]
pub enum Platform {
    X,
    Bluesky,
    Telegram,
    Mastodon,
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub kind: SourceKind,
    pub name: String,
    pub description: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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
