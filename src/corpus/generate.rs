//! Scaled corpora for benchmarks and tests: the bundled article ×N, as one long article or as
//! N articles, with its mix of paragraphs, posts, citations, sources and Unicode kept.
//!
//! Output is streamed section by section, so ×10,000 (115 to 160 MB of JSON) never has to be
//! held as one `serde_json::Value`. The command-line front end is `depeche-gen`.
//!
//! [`hostile`] writes the shapes a hostile corpus author tries against costs and limits (issue
//! 11), at any size: the scaling and memory tests and docs/performance.md's figures use them.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::read::BUNDLED_CORPUS;

/// How the copies of the article are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One article whose sections are repeated N times (a very long live-blog).
    OneArticle,
    /// N articles, each a copy of the original (a large corpus).
    ManyArticles,
}

/// Writes the articles of `template` (a corpus in the depeche format) scaled `scale` times.
///
/// Every id stays unique where the format needs it: copy `k` (from 2) of a section gets the id
/// `<id>-k`, of a post `<id>-k`, of an article `<id>-k`. Headings and titles of copies get a
/// " (k)" suffix so a table of contents tells them apart; an untitled lead section, allowed only
/// at the start, becomes "Suite k". Sources are shared: the copies cite the same people.
pub fn write_scaled(
    template: &str,
    scale: usize,
    shape: Shape,
    mut out: impl Write,
) -> io::Result<()> {
    let corpus: Value = serde_json::from_str(template).map_err(invalid)?;
    let articles = corpus
        .get("articles")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("the template has no \"articles\" array"))?;
    out.write_all(b"{\"format\":\"depeche-corpus\",\"version\":1,\"articles\":[")?;
    let mut first = true;
    for article in articles {
        let article = article
            .as_object()
            .ok_or_else(|| invalid("an article is not an object"))?;
        match shape {
            Shape::OneArticle => {
                separate(&mut out, &mut first)?;
                write_long_article(article, scale, &mut out)?;
            }
            Shape::ManyArticles => {
                for copy in 1..=scale {
                    separate(&mut out, &mut first)?;
                    write_article_copy(article, copy, &mut out)?;
                }
            }
        }
    }
    out.write_all(b"]}\n")?;
    out.flush()
}

/// The bundled corpus scaled, as JSON bytes.
pub fn scaled_bundled(scale: usize, shape: Shape) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(BUNDLED_CORPUS.len() * scale.max(1));
    write_scaled(BUNDLED_CORPUS, scale, shape, &mut bytes)
        .expect("the bundled corpus is a valid template and a Vec cannot fail to grow");
    bytes
}

fn invalid(message: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

fn separate(out: &mut (impl Write + ?Sized), first: &mut bool) -> io::Result<()> {
    if !std::mem::take(first) {
        out.write_all(b",")?;
    }
    Ok(())
}

/// One article holding `scale` copies of the sections of `article`.
fn write_long_article(
    article: &Map<String, Value>,
    scale: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    let sections = sections_of(article)?;
    write_object_with(article, "sections", out, |out| {
        let mut first = true;
        for copy in 1..=scale {
            for section in sections {
                separate(out, &mut first)?;
                serde_json::to_writer(&mut *out, &section_copy(section, copy)?)?;
            }
        }
        Ok(())
    })
}

/// Copy number `copy` of `article` as a whole article.
fn write_article_copy(
    article: &Map<String, Value>,
    copy: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut article = article.clone();
    if copy > 1 {
        suffix(&mut article, "id", &format!("-{copy}"));
        suffix(&mut article, "title", &format!(" ({copy})"));
    }
    serde_json::to_writer(&mut *out, &article)?;
    Ok(())
}

fn sections_of(article: &Map<String, Value>) -> io::Result<&Vec<Value>> {
    article
        .get("sections")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("an article has no \"sections\" array"))
}

/// Writes `object` with the array under `key` produced by `write_items` instead of its own.
fn write_object_with(
    object: &Map<String, Value>,
    key: &str,
    out: &mut impl Write,
    write_items: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    out.write_all(b"{")?;
    for (name, value) in object.iter().filter(|(name, _)| *name != key) {
        serde_json::to_writer(&mut *out, name)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut *out, value)?;
        out.write_all(b",")?;
    }
    serde_json::to_writer(&mut *out, key)?;
    out.write_all(b":[")?;
    write_items(out)?;
    out.write_all(b"]}")
}

/// Copy number `copy` (from 1, the original) of a section, with ids made unique.
fn section_copy(section: &Value, copy: usize) -> io::Result<Value> {
    let mut section = section
        .as_object()
        .ok_or_else(|| invalid("a section is not an object"))?
        .clone();
    if copy > 1 {
        suffix(&mut section, "id", &format!("-{copy}"));
        match section.get("heading") {
            Some(Value::String(_)) => suffix(&mut section, "heading", &format!(" ({copy})")),
            _ => {
                section.insert("heading".into(), Value::String(format!("Suite {copy}")));
            }
        }
        if let Some(Value::Array(blocks)) = section.get_mut("blocks") {
            for block in blocks {
                if block.get("type").and_then(Value::as_str) == Some("post")
                    && let Some(post) = block.as_object_mut()
                {
                    suffix(post, "id", &format!("-{copy}"));
                }
            }
        }
    }
    Ok(Value::Object(section))
}

fn suffix(object: &mut Map<String, Value>, key: &str, suffix: &str) {
    if let Some(Value::String(text)) = object.get_mut(key) {
        text.push_str(suffix);
    }
}

/// A hostile shape: one dimension of the input pushed to `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hostile {
    /// One paragraph of `n` one-letter words (`a a a …`): `--search a` finds `n` matches.
    Words,
    /// An article id of `n` bytes over 1,000 one-letter words.
    LongId,
    /// One paragraph of `n` U+FDFA, a character that folds to 18.
    Fdfa,
    /// One paragraph of `n` distinct URLs.
    Links,
    /// `n` posts with a link each.
    PostLinks,
    /// One paragraph citing `n` sources.
    Cites,
    /// `n` combining marks on one letter, a ZWJ after every 16.
    Marks,
    /// `n` sections of one paragraph each.
    Sections,
    /// `n` articles of one paragraph each.
    Articles,
}

impl Hostile {
    pub const ALL: [Hostile; 9] = [
        Hostile::Words,
        Hostile::LongId,
        Hostile::Fdfa,
        Hostile::Links,
        Hostile::PostLinks,
        Hostile::Cites,
        Hostile::Marks,
        Hostile::Sections,
        Hostile::Articles,
    ];

    /// The name `depeche-gen --hostile` takes.
    pub fn name(self) -> &'static str {
        match self {
            Hostile::Words => "words",
            Hostile::LongId => "long-id",
            Hostile::Fdfa => "fdfa",
            Hostile::Links => "links",
            Hostile::PostLinks => "post-links",
            Hostile::Cites => "cites",
            Hostile::Marks => "marks",
            Hostile::Sections => "sections",
            Hostile::Articles => "articles",
        }
    }
}

/// The corpus of a hostile shape at size `n`, as compact JSON.
pub fn hostile(shape: Hostile, n: usize) -> Vec<u8> {
    let paragraph = |text: String| json!({"type": "paragraph", "text": text});
    let article = |id: String, blocks: Vec<Value>, sources: Vec<Value>| {
        json!({"id": id, "title": "Titre",
               "sections": [{"id": "s", "heading": "Intertitre", "blocks": blocks}],
               "sources": sources})
    };
    let articles = match shape {
        Hostile::Words => vec![article("a".into(), vec![paragraph("a ".repeat(n))], vec![])],
        Hostile::LongId => vec![article(
            "i".repeat(n),
            vec![paragraph("a ".repeat(1000))],
            vec![],
        )],
        Hostile::Fdfa => vec![article(
            "a".into(),
            vec![paragraph("\u{fdfa}".repeat(n))],
            vec![],
        )],
        Hostile::Links => {
            let urls: Vec<String> = (0..n)
                .map(|i| format!("https://e{i}.example.org/{i}"))
                .collect();
            vec![article("a".into(), vec![paragraph(urls.join(" "))], vec![])]
        }
        Hostile::PostLinks => {
            let posts = (0..n)
                .map(|i| {
                    json!({"type": "post", "id": format!("p{i}"), "platform": "x", "author": "A",
                           "handle": "a", "date": "2026-01-06", "text": "x",
                           "links": [format!("https://e{i}.example.org/")]})
                })
                .collect();
            vec![article("a".into(), posts, vec![])]
        }
        Hostile::Cites => {
            let sources = (0..n)
                .map(|i| json!({"id": format!("s{i}"), "kind": "person", "name": "N"}))
                .collect();
            let cites: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
            let block = json!({"type": "paragraph", "text": "x", "cites": cites});
            vec![article("a".into(), vec![block], sources)]
        }
        Hostile::Marks => {
            let run = format!("{}\u{200d}", "\u{301}".repeat(16));
            let text = format!("a{} fin", run.repeat(n / 16));
            vec![article("a".into(), vec![paragraph(text)], vec![])]
        }
        Hostile::Sections => {
            let sections: Vec<Value> = (0..n)
                .map(|i| {
                    json!({"id": format!("s{i}"), "heading": format!("Section {i}"),
                           "blocks": [paragraph("un mot a".into())]})
                })
                .collect();
            vec![json!({"id": "a", "title": "Titre", "sections": sections, "sources": []})]
        }
        Hostile::Articles => (0..n)
            .map(|i| article(format!("a{i}"), vec![paragraph("un mot a".into())], vec![]))
            .collect(),
    };
    serde_json::to_vec(&json!({"format": "depeche-corpus", "version": 1, "articles": articles}))
        .expect("a corpus serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"{"format":"depeche-corpus","version":1,"articles":[{
        "id":"a","title":"Été ❤️ Київ","date":"2026-01-06",
        "sections":[
          {"id":"lead","heading":null,"blocks":[{"type":"paragraph","text":"Bonjour « monde »","cites":["s"]}]},
          {"id":"two","heading":"Deux","blocks":[{"type":"post","id":"p","platform":"x","author":"A","handle":"a","date":"2026-01-01","text":"t","cites":["s"]}]}
        ],
        "sources":[{"id":"s","kind":"person","name":"S"}]}]}"#;

    fn generate(scale: usize, shape: Shape) -> Value {
        let mut bytes = Vec::new();
        write_scaled(TEMPLATE, scale, shape, &mut bytes).unwrap();
        serde_json::from_slice(&bytes).expect("the output is JSON")
    }

    fn strings(values: &[Value], pointer: &str) -> Vec<String> {
        values
            .iter()
            .map(|value| {
                value
                    .pointer(pointer)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn scale_one_reproduces_the_template() {
        let template: Value = serde_json::from_str(TEMPLATE).unwrap();
        assert_eq!(generate(1, Shape::OneArticle), template);
        assert_eq!(generate(1, Shape::ManyArticles), template);
    }

    #[test]
    fn the_bundled_corpus_at_scale_one_is_itself() {
        let bundled: Value = serde_json::from_str(BUNDLED_CORPUS).unwrap();
        for shape in [Shape::OneArticle, Shape::ManyArticles] {
            let scaled: Value = serde_json::from_slice(&scaled_bundled(1, shape)).unwrap();
            assert_eq!(scaled, bundled, "{shape:?}");
        }
    }

    #[test]
    fn one_article_repeats_the_sections_with_unique_ids() {
        let corpus = generate(3, Shape::OneArticle);
        let articles = corpus["articles"].as_array().unwrap();
        assert_eq!(articles.len(), 1);
        let sections = articles[0]["sections"].as_array().unwrap();
        assert_eq!(
            strings(sections, "/id"),
            ["lead", "two", "lead-2", "two-2", "lead-3", "two-3"]
        );
        assert_eq!(
            sections[0]["heading"],
            Value::Null,
            "the lead stays untitled"
        );
        assert_eq!(sections[2]["heading"], "Suite 2");
        assert_eq!(sections[3]["heading"], "Deux (2)");
        assert_eq!(sections[5]["blocks"][0]["id"], "p-3");
        assert_eq!(sections[4]["blocks"][0]["text"], "Bonjour « monde »");
        assert_eq!(sections[5]["blocks"][0]["cites"][0], "s", "citations kept");
        assert_eq!(articles[0]["sources"].as_array().unwrap().len(), 1);
        assert_eq!(articles[0]["title"], "Été ❤️ Київ");
    }

    #[test]
    fn many_articles_are_copies_with_unique_ids() {
        let corpus = generate(3, Shape::ManyArticles);
        let articles = corpus["articles"].as_array().unwrap();
        assert_eq!(strings(articles, "/id"), ["a", "a-2", "a-3"]);
        assert_eq!(articles[2]["title"], "Été ❤️ Київ (3)");
        assert_eq!(articles[2]["sections"], articles[0]["sections"]);
    }

    #[test]
    fn scale_zero_gives_no_content() {
        assert_eq!(
            generate(0, Shape::ManyArticles)["articles"],
            Value::Array(vec![])
        );
        let one = generate(0, Shape::OneArticle);
        assert_eq!(one["articles"][0]["sections"], Value::Array(vec![]));
    }

    #[test]
    fn a_template_that_is_not_a_corpus_is_refused() {
        for template in ["[]", "{\"articles\":[1]}", "not json"] {
            let error = write_scaled(template, 2, Shape::OneArticle, Vec::new()).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidData, "{template}");
        }
    }
}
