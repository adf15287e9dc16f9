//! Every string of the Big List of Naughty Strings
//! (`../shared/testdata/blns.json`, MIT, see blns.LICENSE there) in every text field:
//! each either loads or is refused with a clear message naming the field;
//! then all the accepted ones together are dumped as plain text and drawn at
//! 120×40, 80×24 and 7×3, paged through from top to bottom, and every screen
//! holds together.

use depeche::reader::{Action, App, Motion, Pane};
use std::cell::RefCell;
use std::collections::HashSet;

use crate::common::robust::{Screen, corpus_bytes, reader};
use serde_json::{Value, json};

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (7, 3)];

/// A naughty string every displayed field accepts, looked for on screen.
const MARKER: &str = "田中さんにあげて下さい";

/// Fields the reader shows (ids, dates, URLs and descriptions it does not, or not whole).
const DISPLAYED: [Field; 8] = [
    Field::Title,
    Field::Notice,
    Field::Heading,
    Field::Paragraph,
    Field::Author,
    Field::Handle,
    Field::PostText,
    Field::SourceName,
];

/// The list, or `None` (skipped, said once per test) without `../shared`.
fn naughty_strings(test: &str) -> Option<Vec<String>> {
    let text = crate::common::testdata::read("testdata/blns.json", test)?;
    let strings: Vec<String> = serde_json::from_str(&text).expect("blns.json is a list of strings");
    assert!(strings.len() > 500, "the whole list: {}", strings.len());
    Some(strings)
}

/// A text field of the format, and where the naughty strings go in it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Title,
    Notice,
    ArticleDate,
    Language,
    SectionId,
    Heading,
    Paragraph,
    PostId,
    Author,
    Handle,
    PostDate,
    PostText,
    PostUrl,
    PostLink,
    SourceId,
    SourceName,
    SourceDescription,
    SourceUrl,
}

fn paragraph(text: &str, cites: &[&str]) -> Value {
    json!({"type": "paragraph", "text": text, "cites": cites})
}

fn post(id: &str) -> Value {
    json!({"type": "post", "id": id, "platform": "bluesky", "author": "Auteur",
           "handle": "auteur.bsky.social", "date": "2026-01-03T18:00:23+00:00",
           "text": "Texte du post", "url": format!("https://example.org/{id}"),
           "links": ["https://example.org/lien"]})
}

fn source(id: &str) -> Value {
    json!({"id": id, "kind": "outlet", "name": "Nom", "description": "Description",
           "url": "https://example.org/source"})
}

fn article(id: &str) -> Value {
    json!({"id": id, "title": "Titre", "notice": "Avis", "date": "2026-01-06", "language": "fr",
           "sections": [{"id": "lead", "heading": null, "blocks": [paragraph("Texte.", &[])]}],
           "sources": []})
}

/// The articles of a corpus with one item per string, each string in `field`,
/// and the JSON path of the string number `i` in it.
fn corpus_with(field: Field, strings: &[&str]) -> (Vec<Value>, Vec<String>) {
    let mut paths = Vec::new();
    match field {
        Field::Title | Field::Notice | Field::ArticleDate | Field::Language => {
            let key = match field {
                Field::Title => "title",
                Field::Notice => "notice",
                Field::ArticleDate => "date",
                _ => "language",
            };
            let articles = strings
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    paths.push(format!("articles[{i}].{key}"));
                    let mut a = article(&format!("a{i}"));
                    a[key] = (*s).into();
                    a
                })
                .collect();
            (articles, paths)
        }
        Field::SectionId | Field::Heading => {
            let mut a = article("a");
            a["sections"] = strings
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let (id, heading) = match field {
                        Field::SectionId => (s.to_string(), format!("Intertitre {i}")),
                        _ => (format!("s{i}"), s.to_string()),
                    };
                    let key = if field == Field::SectionId {
                        "id"
                    } else {
                        "heading"
                    };
                    paths.push(format!("articles[0].sections[{i}].{key}"));
                    json!({"id": id, "heading": heading, "blocks": [paragraph("Texte.", &[])]})
                })
                .collect();
            (vec![a], paths)
        }
        Field::Paragraph => {
            let mut a = article("a");
            a["sections"][0]["blocks"] = strings
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    paths.push(format!("articles[0].sections[0].blocks[{i}].text"));
                    paragraph(s, &[])
                })
                .collect();
            (vec![a], paths)
        }
        Field::PostId
        | Field::Author
        | Field::Handle
        | Field::PostDate
        | Field::PostText
        | Field::PostUrl
        | Field::PostLink => {
            let mut a = article("a");
            a["sections"][0]["blocks"] = strings
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let mut p = post(&format!("p{i}"));
                    let key = match field {
                        Field::PostId => "id",
                        Field::Author => "author",
                        Field::Handle => "handle",
                        Field::PostDate => "date",
                        Field::PostText => "text",
                        Field::PostUrl => "url",
                        _ => "links",
                    };
                    if field == Field::PostLink {
                        p["links"] = json!([s]);
                        paths.push(format!("articles[0].sections[0].blocks[{i}].links[0]"));
                    } else {
                        p[key] = (*s).into();
                        paths.push(format!("articles[0].sections[0].blocks[{i}].{key}"));
                    }
                    p
                })
                .collect();
            (vec![a], paths)
        }
        Field::SourceId | Field::SourceName | Field::SourceDescription | Field::SourceUrl => {
            let mut a = article("a");
            let key = match field {
                Field::SourceId => "id",
                Field::SourceName => "name",
                Field::SourceDescription => "description",
                _ => "url",
            };
            let mut ids = Vec::new();
            a["sources"] = strings
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let mut src = source(&format!("src{i}"));
                    src[key] = (*s).into();
                    ids.push(src["id"].as_str().unwrap().to_string());
                    paths.push(format!("articles[0].sources[{i}].{key}"));
                    src
                })
                .collect();
            // Cite them all, so the Sources pane counts places.
            let cites: Vec<&str> = ids.iter().map(String::as_str).collect();
            a["sections"][0]["blocks"] = json!([paragraph("Texte cité.", &cites)]);
            (vec![a], paths)
        }
    }
}

/// Pages through everything the reader shows and checks each screen: every
/// article's first screen, the list of articles, the article pane top to
/// bottom, each list top to bottom. Returns whether `look_for` was on a screen.
fn page_through(app: &mut App, what: &str, look_for: Option<&str>) -> bool {
    let screen = RefCell::new(Screen::default());
    let found = RefCell::new(false);
    let check = |app: &App, step: &str| {
        let mut screen = screen.borrow_mut();
        let buf = screen.draw(app);
        crate::common::robust::assert_sound(app, buf, &format!("{what}, {step}"));
        if let Some(text) = look_for
            && !*found.borrow()
        {
            *found.borrow_mut() = crate::common::robust::screen_text(buf).contains(text);
        }
    };
    let articles = app.corpus.articles.len();
    if articles > 1 {
        for article in 0..articles {
            app.update(Action::ArticleList);
            app.articles.selected = article;
            app.update(Action::Enter);
            check(app, &format!("article {article}"));
        }
        app.update(Action::ArticleList);
        app.update(Action::Move(Motion::Top));
        page(app, |app| app.articles.selected, &check, "article list");
        app.update(Action::Close);
    }
    app.update(Action::Focus(Pane::Article));
    app.update(Action::Move(Motion::Top));
    page(app, |app| app.top, &check, "article");
    for pane in [Pane::Sections, Pane::Quotes, Pane::Sources] {
        app.update(Action::Focus(pane));
        app.update(Action::Move(Motion::Top));
        let selected = move |app: &App| match pane {
            Pane::Sections => app.sections.selected,
            Pane::Quotes => app.quotes.selected,
            _ => app.sources.list.selected,
        };
        page(app, selected, &check, &format!("{pane:?}"));
    }
    found.into_inner()
}

/// Pages down until `position` stops moving, checking every screen.
fn page(app: &mut App, position: impl Fn(&App) -> usize, check: &dyn Fn(&App, &str), what: &str) {
    loop {
        check(app, &format!("{what} at {}", position(app)));
        let before = position(app);
        app.update(Action::Move(Motion::PageDown));
        if position(app) == before {
            break;
        }
    }
}

/// Every naughty string in `field`: loaded one by one, then the accepted ones
/// together, drawn and paged through at every size.
fn naughty_strings_in(field: Field) {
    let Some(strings) = naughty_strings(&format!("the naughty strings in {field:?}")) else {
        return;
    };
    let mut accepted = Vec::new();
    let mut refused = 0;
    // Ids must stay unique once sanitised.
    let mut ids = HashSet::new();
    for s in &strings {
        let (articles, paths) = corpus_with(field, &[s]);
        match depeche::corpus::load_bytes("naughty.json", &corpus_bytes(articles)) {
            Ok(_) => {
                let is_id = matches!(field, Field::SectionId | Field::PostId | Field::SourceId);
                if !is_id || ids.insert(depeche::corpus::sanitize::line(s).into_owned()) {
                    accepted.push(s.as_str());
                }
            }
            Err(error) => {
                refused += 1;
                let message = error.to_string();
                assert!(
                    message.starts_with("naughty.json") && message.contains(&paths[0]),
                    "{field:?} {s:?}: unclear refusal: {message}"
                );
                assert!(
                    !message.chars().any(|c| c.is_control() && c != '\n'),
                    "{field:?} {s:?}: control character in {message:?}"
                );
            }
        }
    }
    // Text fields take nearly everything; dates and URLs refuse nearly everything.
    match field {
        Field::ArticleDate
        | Field::PostDate
        | Field::PostUrl
        | Field::PostLink
        | Field::SourceUrl => assert!(accepted.len() < 10, "{field:?} accepted {accepted:?}"),
        // Any 2-8 letter word is a well-formed language subtag.
        Field::Language => assert!(accepted.len() < 50, "{field:?} accepted {accepted:?}"),
        _ => assert!(refused < 20, "{field:?}: {refused} refused"),
    }
    if accepted.is_empty() {
        return;
    }
    // Everything accepted, all at once, on screen.
    let (articles, _) = corpus_with(field, &accepted);
    let corpus = crate::common::robust::load(&corpus_bytes(articles));
    // The dump and the outline take them too, as plain text.
    for text in [
        depeche::cli::dump::dump(&corpus, 20),
        depeche::cli::dump::dump(&corpus, 80),
        depeche::cli::toc::toc(&corpus),
    ] {
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n') || depeche::corpus::sanitize::is_bidi_control(c)
            })
            .collect();
        assert!(bad.is_empty(), "{field:?}: {bad:?} in the dump");
    }
    for (w, h) in SIZES {
        let mut app = reader(corpus.clone(), w, h);
        // Not trivially clean: the strings are on screen.
        let look_for = (w == 120 && DISPLAYED.contains(&field)).then_some(MARKER);
        let found = page_through(&mut app, &format!("{field:?} at {w}x{h}"), look_for);
        assert!(
            found || look_for.is_none(),
            "{field:?}: {MARKER} never shown"
        );
    }
}

macro_rules! naughty_tests {
    ($($name:ident: $field:expr,)*) => {$(
        #[test]
        fn $name() {
            naughty_strings_in($field);
        }
    )*};
}

naughty_tests! {
    naughty_titles: Field::Title,
    naughty_notices: Field::Notice,
    naughty_article_dates: Field::ArticleDate,
    naughty_languages: Field::Language,
    naughty_section_ids: Field::SectionId,
    naughty_headings: Field::Heading,
    naughty_paragraphs: Field::Paragraph,
    naughty_post_ids: Field::PostId,
    naughty_authors: Field::Author,
    naughty_handles: Field::Handle,
    naughty_post_dates: Field::PostDate,
    naughty_post_texts: Field::PostText,
    naughty_post_urls: Field::PostUrl,
    naughty_post_links: Field::PostLink,
    naughty_source_ids: Field::SourceId,
    naughty_source_names: Field::SourceName,
    naughty_source_descriptions: Field::SourceDescription,
    naughty_source_urls: Field::SourceUrl,
}

#[test]
fn a_refused_string_is_named_by_its_path_among_accepted_ones() {
    // One bad string among good ones: the message points at it, not elsewhere.
    let (articles, paths) = corpus_with(Field::Heading, &["Bien", "   ", "Bien aussi"]);
    let message = depeche::corpus::load_bytes("naughty.json", &corpus_bytes(articles))
        .expect_err("a blank heading")
        .to_string();
    assert!(message.contains(&paths[1]), "{message}");
    assert!(
        !message.contains(&paths[0]) && !message.contains(&paths[2]),
        "{message}"
    );
}
