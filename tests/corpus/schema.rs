//! The schema, the example and the format documentation agree with each other
//! and with the bundled corpus.
//!
//! This is not a JSON Schema validator (the `jsonschema` crate would add some
//! thirty crates for it): it checks the fields each kind of object may and must
//! have, and `const`/`enum` values, which is where the files could drift apart.
//! The loader's own tests check the full rules.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

const SCHEMA: &str = include_str!("../../data/corpus.schema.json");
const EXAMPLE: &str = include_str!("../../data/example.json");
const BUNDLED: &str = include_str!("../../data/coalition-des-volontaires.json");
const FORMAT_DOC: &str = include_str!("../../docs/corpus-format.md");

/// Every kind of object the schema defines.
const KINDS: [&str; 11] = [
    "corpus",
    "article",
    "section",
    "paragraph",
    "list-item",
    "quote",
    "caption",
    "table-row",
    "code",
    "post",
    "source",
];

fn parse(json: &str) -> Value {
    serde_json::from_str(json).expect("valid JSON")
}

/// The schema of one kind of object: the top level or one of `$defs`.
fn object_schema<'a>(schema: &'a Value, kind: &str) -> &'a Value {
    if kind == "corpus" {
        schema
    } else {
        &schema["$defs"][kind]
    }
}

/// Each object of a corpus with the kind of object the schema says it is.
fn objects(corpus: &Value) -> Vec<(&'static str, &Map<String, Value>)> {
    fn each<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
        v[key].as_array().into_iter().flatten()
    }
    let mut out = vec![("corpus", corpus.as_object().expect("an object"))];
    for article in each(corpus, "articles") {
        out.push(("article", article.as_object().expect("an object")));
        for section in each(article, "sections") {
            out.push(("section", section.as_object().expect("an object")));
            for block in each(section, "blocks") {
                let kind = match block["type"].as_str() {
                    Some("post") => "post",
                    Some("list-item") => "list-item",
                    Some("quote") => "quote",
                    Some("caption") => "caption",
                    Some("table-row") => "table-row",
                    Some("code") => "code",
                    _ => "paragraph",
                };
                out.push((kind, block.as_object().expect("an object")));
            }
        }
        for source in each(article, "sources") {
            out.push(("source", source.as_object().expect("an object")));
        }
    }
    out
}

/// Fields not allowed, required fields missing, and values outside a
/// `const` or `enum`, for every object of a corpus.
fn field_problems(schema: &Value, corpus: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for (kind, object) in objects(corpus) {
        let object_schema = object_schema(schema, kind);
        let properties = object_schema["properties"].as_object().expect("properties");
        for (key, value) in object {
            let Some(property) = properties.get(key) else {
                problems.push(format!("{kind}: field {key:?} is not in the schema"));
                continue;
            };
            let allowed: Vec<&Value> = match (&property["const"], &property["enum"]) {
                (Value::Null, Value::Array(values)) => values.iter().collect(),
                (Value::Null, _) => continue,
                (constant, _) => vec![constant],
            };
            if !allowed.contains(&value) {
                problems.push(format!("{kind}: {key} = {value} is not one of {allowed:?}"));
            }
        }
        for required in object_schema["required"].as_array().into_iter().flatten() {
            if !object.contains_key(required.as_str().unwrap_or_default()) {
                problems.push(format!("{kind}: required field {required} is missing"));
            }
        }
    }
    problems
}

#[test]
fn example_and_bundled_corpus_fit_the_schema_fields() {
    let schema = parse(SCHEMA);
    for (name, corpus) in [("example", EXAMPLE), ("bundled", BUNDLED)] {
        let problems = field_problems(&schema, &parse(corpus));
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

#[test]
fn field_checks_can_fail() {
    let schema = parse(SCHEMA);
    for (from, to) in [
        ("\"heading\"", "\"hedaing\""),
        ("\"platform\": \"bluesky\"", "\"platform\": \"bsky\""),
        ("\"name\": \"City council\",", ""),
        ("\"version\": 1", "\"version\": 2"),
        (
            "\"type\": \"table-row\",\n              \"cells\"",
            "\"type\": \"table-row\",\n              \"text\"",
        ),
        ("\"platform\": \"youtube\"", "\"platform\": \"yt\""),
    ] {
        assert!(EXAMPLE.contains(from), "{from:?} not in the example");
        let problems = field_problems(&schema, &parse(&EXAMPLE.replacen(from, to, 1)));
        assert!(!problems.is_empty(), "{from:?} → {to:?} went unnoticed");
    }
}

#[test]
fn example_shows_every_field_of_the_schema() {
    let schema = parse(SCHEMA);
    let example = parse(EXAMPLE);
    let objects = objects(&example);
    for kind in KINDS {
        let defined: BTreeSet<&String> = object_schema(&schema, kind)["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .collect();
        let used: BTreeSet<&String> = objects
            .iter()
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, object)| object.keys())
            .collect();
        assert_eq!(used, defined, "{kind}: the example should use every field");
    }
    // An untitled lead and a headed section.
    let headings: Vec<&Value> = objects
        .iter()
        .filter(|(k, _)| *k == "section")
        .map(|(_, s)| &s["heading"])
        .collect();
    assert!(headings.contains(&&Value::Null) && headings.iter().any(|h| h.is_string()));
}

#[test]
fn the_block_types_of_the_schema_are_the_loaders() {
    let schema = parse(SCHEMA);
    let in_schema: BTreeSet<&str> = schema["$defs"]["block"]["oneOf"]
        .as_array()
        .expect("oneOf")
        .iter()
        .map(|r| r["$ref"].as_str().unwrap().trim_start_matches("#/$defs/"))
        .map(|kind| {
            object_schema(&schema, kind)["properties"]["type"]["const"]
                .as_str()
                .unwrap()
        })
        .collect();
    let loaded: BTreeSet<&str> = depeche::corpus::format::BlockType::ALL
        .iter()
        .map(|t| t.name())
        .collect();
    assert_eq!(in_schema, loaded);
    for t in depeche::corpus::format::BlockType::ALL {
        let properties: BTreeSet<&str> = object_schema(&schema, t.name())["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let fields: BTreeSet<&str> = t.fields().iter().copied().collect();
        assert_eq!(properties, fields, "{}", t.name());
    }
}

#[test]
fn format_doc_shows_the_example() {
    let start = FORMAT_DOC
        .find("## A complete example")
        .expect("an example section");
    let block = FORMAT_DOC[start..]
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a json code block");
    assert_eq!(parse(block), parse(EXAMPLE));
}

#[test]
fn schema_is_draft_2020_12_and_closed() {
    let schema = parse(SCHEMA);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    for kind in KINDS {
        assert_eq!(
            object_schema(&schema, kind)["additionalProperties"],
            false,
            "{kind} must reject unknown fields"
        );
    }
}
