//! The bundled corpus is a faithful transcription of the seed article
//! (`../shared/seeds/`, read at run time: it is not ours to copy).
//!
//! The corpus is read as a plain `serde_json::Value`, so these tests judge the
//! data file itself, whatever the loader does with it.
//!
//! How seed and corpus are compared:
//! - Whitespace is the only normalisation: runs of whitespace count as one
//!   space, and ends are trimmed ([`squash`]).
//! - The seed's first line is "- " + the notice: the dash is a list marker,
//!   not text.
//! - A post is two seed lines: its text, with its links as the embed shows them
//!   (pic.twitter.com links without their scheme), then "— Author (@handle) date",
//!   which is metadata (author, handle, date), never text.
//! - The corpus takes a post's links out of its text. Where the seed glued
//!   the parts of a link card together ("…de paixhttps://…/Les alliés…#fr"),
//!   the corpus separates them with "\n"; such a "\n" stands for nothing, so
//!   it is removed before comparing a post text with its seed line.
//! - Sentences are split after . ? ! or … followed by whitespace, and at line
//!   ends; a link in a post line also ends a sentence (it is checked on its own).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use regex::Regex;
use serde_json::Value;

const CORPUS: &str = include_str!("../../data/coalition-des-volontaires.json");

/// The six headed sections of the seed, in order, after the untitled lead.
const HEADINGS: [&str; 6] = [
    "Des efforts diplomatiques intenses avant la réunion de la coalition",
    "Réunis à Kiev, l’Ukraine et ses alliés européens examinent la dernière version du plan de paix",
    "Les garanties de sécurité au menu d’une réunion des chefs d’État major",
    "Le plan de paix abouti à 90 %, au cœur du sommet de la “coalition des volontaires“",
    "L’épineuse question des territoires",
    "Garanties de sécurité : une différence d’approche des Européens",
];

/// Handle and platform of each post, in reading order. Author, handle and
/// date are checked against the seed's "— Author (@handle) date" lines.
const POSTS: [(&str, &str); 5] = [
    ("EchiquierSocial", "x"),
    ("ZelenskyyUa", "x"),
    ("fr-france.bsky.social", "bluesky"),
    ("LeHuffPost", "x"),
    ("RTBFinfo", "x"),
];

/// People the article quotes or names as acting, as the text writes them.
const PEOPLE: [&str; 7] = [
    "Emmanuel Macron",
    "Volodymyr Zelensky",
    "Rustem Umerov",
    "Steve Witkoff",
    "Donald Trump",
    "Vladimir Poutine",
    "Emmanuel Dupuy",
];

/// Organisations the article names as acting.
const ORGANISATIONS: [&str; 4] = [
    "Coalition des volontaires",
    "Institut prospective et sécuritaire en Europe (IPSE)",
    "Union européenne (UE)",
    "OTAN",
];

/// Collapses whitespace runs to one space and trims: the only normalisation.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The links of the seed, as the embeds show them.
fn link_pattern() -> Regex {
    Regex::new(r"(?:https?://)?(?:pic\.twitter\.com/\w+|t\.co/\w+|www\.europesays\.com/fr/\d+/)")
        .expect("valid regex")
}

/// How an embed shows a link: X drops the scheme of its picture links.
fn displayed(url: &str) -> &str {
    url.strip_prefix("https://")
        .filter(|rest| rest.starts_with("pic.twitter.com/"))
        .unwrap_or(url)
}

/// A post's text as the seed shows it around its links: "\n" stands for nothing.
fn unbroken(text: &str) -> String {
    squash(&text.replace('\n', ""))
}

/// Sentences of one line: split after . ? ! … followed by whitespace.
fn sentences(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at_break = matches!(c, '.' | '?' | '!' | '…')
            && chars.peek().is_some_and(|&(_, next)| next.is_whitespace());
        if at_break {
            let end = i + c.len_utf8();
            out.push(squash(&line[start..end]));
            start = end;
        }
    }
    out.push(squash(&line[start..]));
    out.retain(|s| !s.is_empty());
    out
}

/// A "— Author (@handle) date" line of the seed.
struct Attribution {
    author: String,
    handle: String,
    date: String,
}

fn attribution(line: &str) -> Option<Attribution> {
    let rest = line.strip_prefix("— ")?;
    let open = rest.rfind(" (@")?;
    let close = open + rest[open..].find(") ")?;
    Some(Attribution {
        author: rest[..open].to_string(),
        handle: rest[open + 3..close].to_string(),
        date: rest[close + 2..].to_string(),
    })
}

/// Whether a seed date ("December 31, 2025" or an RFC 3339 date-time as
/// written) names the same day or instant as a corpus date.
fn same_date(seed: &str, corpus: &str) -> bool {
    match NaiveDate::parse_from_str(seed, "%B %d, %Y") {
        Ok(day) => NaiveDate::parse_from_str(corpus, "%Y-%m-%d") == Ok(day),
        Err(_) => seed == corpus,
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn array_of<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn strings_of<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    array_of(v, key).iter().filter_map(Value::as_str).collect()
}

/// One article of the corpus, flattened in reading order.
struct Reading<'a> {
    article: &'a Value,
    /// (heading, blocks) of each section.
    sections: Vec<(Option<&'a str>, &'a [Value])>,
}

impl<'a> Reading<'a> {
    fn of(corpus: &'a Value) -> Result<Reading<'a>, String> {
        let [article] = array_of(corpus, "articles") else {
            return Err("the bundled corpus must hold exactly one article".into());
        };
        let sections = array_of(article, "sections")
            .iter()
            .map(|s| {
                (
                    s.get("heading").and_then(Value::as_str),
                    array_of(s, "blocks"),
                )
            })
            .collect();
        Ok(Reading { article, sections })
    }

    fn blocks(&self) -> impl Iterator<Item = &'a Value> + '_ {
        self.sections.iter().flat_map(|(_, blocks)| blocks.iter())
    }

    fn posts(&self) -> impl Iterator<Item = &'a Value> + '_ {
        self.blocks().filter(|b| str_of(b, "type") == "post")
    }

    /// Every text a reader sees, in reading order: notice, title, headings,
    /// paragraphs, and post texts (without their links and "\n").
    fn texts(&self) -> Vec<String> {
        let mut out = vec![
            squash(str_of(self.article, "notice")),
            squash(str_of(self.article, "title")),
        ];
        for (heading, blocks) in &self.sections {
            out.extend(heading.map(squash));
            out.extend(blocks.iter().map(|b| unbroken(str_of(b, "text"))));
        }
        out
    }

    /// The same texts, a post text cut at its "\n" breaks (the seed holds a
    /// link or nothing there).
    fn pieces(&self) -> Vec<String> {
        let mut out = vec![
            squash(str_of(self.article, "notice")),
            squash(str_of(self.article, "title")),
        ];
        for (heading, blocks) in &self.sections {
            out.extend(heading.map(squash));
            out.extend(
                blocks
                    .iter()
                    .flat_map(|b| str_of(b, "text").split('\n'))
                    .map(squash),
            );
        }
        out
    }
}

/// The seed read as the corpus should hold it.
struct Seed<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Seed<'a> {
    fn of(text: &'a str) -> Seed<'a> {
        Seed {
            lines: text.lines().filter(|l| !l.trim().is_empty()).collect(),
        }
    }

    /// The seed's prose: the notice without its list marker, and every line
    /// but the attribution lines, links cut out as line breaks.
    fn prose(&self) -> Vec<String> {
        let links = link_pattern();
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| attribution(l).is_none())
            .flat_map(|(i, l)| {
                let l = if i == 0 {
                    l.strip_prefix("- ").unwrap_or(l)
                } else {
                    l
                };
                links.split(l).map(str::to_string).collect::<Vec<_>>()
            })
            .collect()
    }

    fn links(&self) -> Vec<&'a str> {
        let links = link_pattern();
        self.lines
            .iter()
            .flat_map(|l| links.find_iter(l).map(|m| m.as_str()))
            .collect()
    }

    /// (line before the post, post line, attribution, line after) of each post.
    fn posts(&self) -> Vec<(&'a str, &'a str, Attribution, Option<&'a str>)> {
        self.lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let a = attribution(l)?;
                Some((
                    self.lines[i.checked_sub(2)?],
                    self.lines[i - 1],
                    a,
                    self.lines.get(i + 1).copied(),
                ))
            })
            .collect()
    }
}

/// Every sentence of the seed is in the corpus, verbatim, in order; so are
/// the links, in order.
fn check_seed_in_corpus(seed: &Seed, reading: &Reading, problems: &mut Vec<String>) {
    let stream = reading.texts().join(" ");
    let mut from = 0;
    for line in seed.prose() {
        for sentence in sentences(&line) {
            match stream[from..].find(&sentence) {
                Some(at) => from += at + sentence.len(),
                None => problems.push(format!(
                    "seed sentence not found (in order) in the corpus: {sentence:?}"
                )),
            }
        }
    }
    let corpus_links: Vec<&str> = reading
        .posts()
        .flat_map(|p| strings_of(p, "links"))
        .map(displayed)
        .collect();
    if corpus_links != seed.links() {
        problems.push(format!(
            "post links {corpus_links:?} differ from the seed's {:?}",
            seed.links()
        ));
    }
}

/// No title, notice, heading, paragraph or post text of the corpus is
/// missing from the seed.
fn check_corpus_in_seed(seed: &Seed, reading: &Reading, problems: &mut Vec<String>) {
    let prose = squash(&seed.prose().join("\n"));
    for piece in reading.pieces() {
        if piece.is_empty() || !prose.contains(&piece) {
            problems.push(format!("corpus text not found in the seed: {piece:?}"));
        }
    }
    let headings: Vec<Option<&str>> = reading.sections.iter().map(|(h, _)| *h).collect();
    let expected: Vec<Option<&str>> = std::iter::once(None)
        .chain(HEADINGS.iter().copied().map(Some))
        .collect();
    if headings != expected {
        problems.push(format!(
            "headings {headings:?}, expected an untitled lead then {HEADINGS:?}"
        ));
    }
}

/// The posts stand where the seed has them, with the seed's metadata, and a
/// post's text plus its links is its seed line.
fn check_posts(seed: &Seed, reading: &Reading, problems: &mut Vec<String>) {
    let seed_posts = seed.posts();
    let corpus_posts: Vec<&Value> = reading.posts().collect();
    if seed_posts.len() != POSTS.len() || corpus_posts.len() != POSTS.len() {
        problems.push(format!(
            "{} posts in the seed, {} in the corpus, {} expected",
            seed_posts.len(),
            corpus_posts.len(),
            POSTS.len()
        ));
    }
    // Each block with what stands right before and after it in reading order.
    let order: Vec<String> = reading
        .sections
        .iter()
        .flat_map(|(heading, blocks)| {
            heading
                .map(squash)
                .into_iter()
                .chain(blocks.iter().map(|b| squash(str_of(b, "text"))))
        })
        .collect();
    for (((before, line, meta, after), post), (handle, platform)) in
        seed_posts.iter().zip(&corpus_posts).zip(POSTS)
    {
        let id = str_of(post, "id");
        let metadata = (
            str_of(post, "author"),
            str_of(post, "handle"),
            str_of(post, "platform"),
        );
        if metadata != (meta.author.as_str(), meta.handle.as_str(), platform)
            || meta.handle != handle
        {
            problems.push(format!(
                "post {id}: (author, handle, platform) {metadata:?}, expected ({:?}, {:?}, {platform:?})",
                meta.author, meta.handle
            ));
        }
        if !same_date(&meta.date, str_of(post, "date")) {
            problems.push(format!(
                "post {id}: date {:?}, the seed says {:?}",
                str_of(post, "date"),
                meta.date
            ));
        }
        let text = str_of(post, "text");
        let truncated = post.get("truncated").and_then(Value::as_bool) == Some(true);
        if truncated != text.ends_with('…') {
            problems.push(format!(
                "post {id}: truncated is {truncated} but its text ends with {:?}",
                text.chars().last()
            ));
        }
        // The seed line, links cut out where they stand, is the text.
        let mut rest = *line;
        let mut outside_links = String::new();
        for link in strings_of(post, "links").into_iter().map(displayed) {
            match rest.find(link) {
                Some(at) => {
                    outside_links.push_str(&rest[..at]);
                    rest = &rest[at + link.len()..];
                }
                None => problems.push(format!("post {id}: link {link:?} not in {line:?}")),
            }
        }
        outside_links.push_str(rest);
        if squash(&outside_links) != unbroken(text) {
            problems.push(format!(
                "post {id}: text {text:?} is not the seed's {line:?} without its links"
            ));
        }
        let position = order.iter().position(|t| *t == squash(text));
        let neighbours = position.map(|i| {
            (
                i.checked_sub(1).map(|b| order[b].clone()),
                order.get(i + 1).cloned(),
            )
        });
        let expected = (Some(squash(before)), after.map(squash));
        if neighbours.as_ref() != Some(&expected) {
            problems.push(format!(
                "post {id} does not stand between {:?} and {:?}",
                expected.0, expected.1
            ));
        }
    }
}

/// Every citation names a source; every source is cited; the expected people
/// and organisations are there; each post cites its account or outlet and its links.
fn check_sources(reading: &Reading, problems: &mut Vec<String>) {
    let sources = array_of(reading.article, "sources");
    let by_id: HashMap<&str, &Value> = sources.iter().map(|s| (str_of(s, "id"), s)).collect();
    if by_id.len() != sources.len() {
        problems.push("two sources share an id".into());
    }
    let mut cited = BTreeSet::new();
    for block in reading.blocks() {
        let cites = strings_of(block, "cites");
        if cites.is_empty() {
            problems.push(format!("block cites nothing: {:?}", str_of(block, "text")));
        }
        for id in cites {
            if !by_id.contains_key(id) {
                problems.push(format!("cites an unknown source {id:?}"));
            }
            cited.insert(id);
        }
    }
    for id in by_id.keys().filter(|id| !cited.contains(*id)) {
        problems.push(format!("source {id:?} is never cited"));
    }
    let named = |kind: &str, name: &str| {
        sources
            .iter()
            .any(|s| str_of(s, "kind") == kind && str_of(s, "name") == name)
    };
    for person in PEOPLE {
        if !named("person", person) {
            problems.push(format!("no person source named {person:?}"));
        }
    }
    for organisation in ORGANISATIONS {
        if !named("organisation", organisation) {
            problems.push(format!("no organisation source named {organisation:?}"));
        }
    }
    for post in reading.posts() {
        let id = str_of(post, "id");
        let cited_urls: Vec<&str> = strings_of(post, "cites")
            .into_iter()
            .filter_map(|c| by_id.get(c))
            .map(|s| str_of(s, "url"))
            .collect();
        let handle = str_of(post, "handle");
        let home = match str_of(post, "platform") {
            "bluesky" => format!("https://bsky.app/profile/{handle}"),
            _ => format!("https://x.com/{handle}"),
        };
        if !cited_urls.contains(&home.as_str()) {
            problems.push(format!("post {id} does not cite its account {home}"));
        }
        for link in strings_of(post, "links") {
            if !cited_urls.contains(&link) {
                problems.push(format!("post {id} does not cite its link {link}"));
            }
        }
    }
}

fn problems(seed_text: &str, corpus: &str) -> Vec<String> {
    let corpus: Value = match serde_json::from_str(corpus) {
        Ok(v) => v,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    let reading = match Reading::of(&corpus) {
        Ok(r) => r,
        Err(e) => return vec![e],
    };
    let seed = Seed::of(seed_text);
    let mut problems = Vec::new();
    check_seed_in_corpus(&seed, &reading, &mut problems);
    check_corpus_in_seed(&seed, &reading, &mut problems);
    check_posts(&seed, &reading, &mut problems);
    check_sources(&reading, &mut problems);
    check_descriptions(seed_text, &reading, &mut problems);
    problems
}

/// A source's description is the article's own words about it (the
/// article text is sacred: nothing the reader or the dump shows is
/// invented), so each is found as written in the seed.
fn check_descriptions(seed: &str, reading: &Reading, problems: &mut Vec<String>) {
    let seed = squash(seed);
    for source in array_of(reading.article, "sources") {
        if let Some(description) = source.get("description").and_then(Value::as_str)
            && !seed.contains(&squash(description))
        {
            problems.push(format!(
                "source {:?}: the description {description:?} is not in the article",
                str_of(source, "id")
            ));
        }
    }
}

#[test]
fn bundled_corpus_transcribes_the_seed() {
    let Some(seed_text) = crate::common::testdata::seed("bundled_corpus_transcribes_the_seed")
    else {
        return;
    };
    let seed_text = seed_text.as_str();
    let found = problems(seed_text, CORPUS);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn bundled_article_metadata() {
    let corpus: Value = serde_json::from_str(CORPUS).unwrap();
    let article = &corpus["articles"][0];
    assert_eq!(corpus["format"], "depeche-corpus");
    assert_eq!(corpus["version"], 1);
    assert_eq!(article["language"], "fr");
    assert_eq!(article["notice"], "Cet évènement est passé.");
    // The date of the event: the meeting in Paris, Tuesday 6 January 2026.
    assert_eq!(article["date"], "2026-01-06");
    assert_eq!(
        article["title"],
        "Guerre en Ukraine : réunion de la “coalition des volontaires“ à Paris"
    );
}

#[test]
fn seed_sentences_split_as_documented() {
    let Some(seed_text) = crate::common::testdata::seed("seed_sentences_split_as_documented")
    else {
        return;
    };
    let seed_text = seed_text.as_str();
    assert_eq!(
        sentences("Mais la coalition en a-t-elle les moyens ? Sans le soutien… 20.000 soldats."),
        [
            "Mais la coalition en a-t-elle les moyens ?",
            "Sans le soutien…",
            "20.000 soldats."
        ]
    );
    let seed = Seed::of(seed_text);
    assert_eq!(seed.links().len(), 5);
    assert_eq!(seed.posts().len(), 5);
    assert!(same_date("December 31, 2025", "2025-12-31"));
    assert!(!same_date("December 31, 2025", "2025-12-30"));
}

/// Each mutation of the corpus (or the seed) must be caught: the checks above can fail.
#[test]
fn transcription_checks_catch_mistakes() {
    let Some(seed_text) = crate::common::testdata::seed("transcription_checks_catch_mistakes")
    else {
        return;
    };
    let seed_text = seed_text.as_str();
    let corpus_mutations: [(&str, &str, &str); 13] = [
        // A glued quote "fixed".
        ("sécurité.“Le fait", "sécurité. “Le fait", "sentence"),
        // Straight apostrophe for a curly one.
        ("L’épineuse question", "L'épineuse question", "heading"),
        // An emoji lost.
        ("🔴 Voeux", "Voeux", "text"),
        // A Cyrillic letter replaced by a Latin one.
        ("Володимир", "Boлодимир", "author"),
        // A sentence dropped.
        (
            " Une équipe américaine y a participé en visio conférence.",
            "",
            "sentence",
        ),
        // A post's metadata wrong.
        (
            "\"handle\": \"RTBFinfo\"",
            "\"handle\": \"RTBFInfo\"",
            "handle",
        ),
        (
            "\"date\": \"2025-12-29\"",
            "\"date\": \"2025-12-28\"",
            "date",
        ),
        (
            "\"platform\": \"bluesky\"",
            "\"platform\": \"x\"",
            "platform",
        ),
        // A link lost.
        ("[\"https://t.co/QXR5NzeJ3K\"]", "[]", "link"),
        // A truncated embed not marked so.
        ("\"truncated\": true,", "", "truncated"),
        // A citation of a source that does not exist.
        ("\"vladimir-poutine\"]", "\"poutine\"]", "unknown source"),
        // A description the article does not give.
        (
            "\"name\": \"Russie\"",
            "\"name\": \"Russie\", \"description\": \"Fédération de Russie\"",
            "description",
        ),
        // A glued link card split with a space the seed does not have.
        ("de paix\\nLes", "de paix \\nLes", "without its links"),
    ];
    for (from, to, why) in corpus_mutations {
        assert!(CORPUS.contains(from), "mutation {from:?} does not apply");
        let found = problems(seed_text, &CORPUS.replacen(from, to, 1));
        assert!(
            found.iter().any(|p| p.contains(why)),
            "{from:?} → {to:?} went unnoticed (expected a problem about {why}): {found:?}"
        );
    }
}

#[test]
fn transcription_checks_catch_misplaced_blocks() {
    let Some(seed_text) =
        crate::common::testdata::seed("transcription_checks_catch_misplaced_blocks")
    else {
        return;
    };
    let seed_text = seed_text.as_str();
    let mut corpus: Value = serde_json::from_str(CORPUS).unwrap();
    // Move the last post one paragraph up.
    let blocks = corpus["articles"][0]["sections"][6]["blocks"]
        .as_array_mut()
        .unwrap();
    blocks.swap(1, 2);
    let found = problems(seed_text, &corpus.to_string());
    assert!(
        found.iter().any(|p| p.contains("does not stand between")),
        "{found:?}"
    );

    // Make a heading a paragraph of the section before.
    let mut corpus: Value = serde_json::from_str(CORPUS).unwrap();
    let sections = corpus["articles"][0]["sections"].as_array_mut().unwrap();
    let merged = sections.remove(2);
    let heading =
        serde_json::json!({"type": "paragraph", "text": merged["heading"], "cites": ["ukraine"]});
    let target = sections[1]["blocks"].as_array_mut().unwrap();
    target.push(heading);
    target.extend(merged["blocks"].as_array().unwrap().iter().cloned());
    let found = problems(seed_text, &corpus.to_string());
    assert!(found.iter().any(|p| p.contains("headings")), "{found:?}");

    // A source nobody cites.
    let mut corpus: Value = serde_json::from_str(CORPUS).unwrap();
    corpus["articles"][0]["sources"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "orphan", "kind": "person", "name": "Orphan"}));
    let found = problems(seed_text, &corpus.to_string());
    assert!(found.iter().any(|p| p.contains("never cited")), "{found:?}");
}

#[test]
fn transcription_checks_catch_a_changed_seed() {
    let Some(seed_text) =
        crate::common::testdata::seed("transcription_checks_catch_a_changed_seed")
    else {
        return;
    };
    let seed_text = seed_text.as_str();
    // The seed is the reference: a sentence the corpus lacks is reported.
    let seed = seed_text.replacen("Prudent, Donald Trump", "Très prudent, Donald Trump", 1);
    assert_ne!(seed, seed_text);
    let found = problems(&seed, CORPUS);
    assert!(
        found.iter().any(|p| p.contains("seed sentence")),
        "{found:?}"
    );
}
