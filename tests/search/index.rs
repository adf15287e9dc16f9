//! The search engine through its public API, on articles built as model values.

use depeche::corpus::model::{
    Article, ArticleParts, Block, BlockRef, Paragraph, Platform, Post, Section, TextRef,
    spans_touching,
};
use depeche::search::{
    Match, SearchIndex, SearchMode, count_by_section, first_at_or_after, next_with_wrap,
    posts_with_matches, prev_with_wrap,
};
use proptest::prelude::*;

fn para(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        text: text.into(),
        cites: Box::new([]),
        kind: Default::default(),
    })
}

fn post(id: &str, author: &str, handle: &str, text: &str) -> Block {
    Block::Post(Box::new(Post {
        id: id.into(),
        platform: Platform::X,
        author: Some(author.into()),
        handle: Some(handle.into()),
        date: Some("2026-01-05".into()),
        text: Some(text.into()),
        title: None,
        truncated: false,
        url: None,
        links: vec![],
        cites: Box::new([]),
    }))
}

fn section(id: &str, heading: Option<&str>, blocks: Vec<Block>) -> Section {
    Section {
        id: id.into(),
        heading: heading.map(Into::into),
        blocks,
    }
}

fn article(title: &str, sections: Vec<Section>) -> Article {
    Article::new(ArticleParts {
        id: "a1".into(),
        title: title.into(),
        language: Some("fr".into()),
        notice: Some("Cet évènement est passé.".into()),
        date: None,
        sections,
        sources: vec![],
    })
}

/// One paragraph holding `text`, in a lead section.
fn one(text: &str) -> Article {
    Article::new(ArticleParts {
        id: "a1".into(),
        title: "".into(),
        language: None,
        notice: None,
        date: None,
        sections: vec![section("lead", None, vec![para(text)])],
        sources: vec![],
    })
}

fn at(section: usize, block: usize) -> BlockRef {
    BlockRef {
        section: section as u32,
        block: block as u32,
    }
}

/// The original text of every match.
fn found<'a>(a: &'a Article, query: &str) -> Vec<&'a str> {
    found_mode(a, query, SearchMode::Plain)
}

fn found_mode<'a>(a: &'a Article, query: &str, mode: SearchMode) -> Vec<&'a str> {
    let index = SearchIndex::build(a);
    index
        .find(query, mode)
        .unwrap()
        .into_iter()
        .map(|m| &a.text(m.text).unwrap()[m.range])
        .collect()
}

#[test]
fn accents_fold_both_ways() {
    let a = one("La sécurité, un évènement; SECURITE et Sécurité.");
    assert_eq!(found(&a, "securite"), ["sécurité", "SECURITE", "Sécurité"]);
    assert_eq!(found(&a, "sécurité"), ["sécurité", "SECURITE", "Sécurité"]);
    assert_eq!(found(&a, "evenement"), ["évènement"]);
    assert_eq!(found(&a, "événement"), ["évènement"]);
}

#[test]
fn ligatures_fold_and_map_back_whole() {
    let a = one("Le cœur, l’Œuvre, une ﬁn, Straße.");
    assert_eq!(found(&a, "coeur"), ["cœur"]);
    assert_eq!(found(&a, "cœur"), ["cœur"]);
    assert_eq!(found(&a, "oeuvre"), ["Œuvre"]);
    assert_eq!(found(&a, "fin"), ["ﬁn"]);
    assert_eq!(found(&a, "strasse"), ["Straße"]);
    // A match starting or ending inside an expanded character covers all of it.
    assert_eq!(found(&a, "ur"), ["ur"]);
    assert_eq!(found(&a, "e"), ["e", "œ", "Œ", "e", "e", "e"]);
    assert_eq!(found(&a, "i"), ["ﬁ"]);
    // Two folded matches inside one `ß` ("ss") are one match.
    assert_eq!(found(&a, "s"), ["S", "ß"]);
}

#[test]
fn length_changing_folds_give_original_byte_ranges() {
    let text = "İstanbul, Straße, cœur, ﬁl";
    let a = one(text);
    let index = SearchIndex::build(&a);
    let ranges = |q: &str| -> Vec<(usize, usize)> {
        index
            .find(q, SearchMode::Plain)
            .unwrap()
            .into_iter()
            .map(|m| (m.range.start, m.range.end))
            .collect()
    };
    assert_eq!(ranges("istanbul"), [(0, text.find(',').unwrap())]);
    let s = text.find("ß").unwrap();
    assert_eq!(ranges("sse"), [(s, s + "ße".len())]);
    let oe = text.find("œ").unwrap();
    assert_eq!(ranges("oe"), [(oe, oe + "œ".len())]);
    let fi = text.find("ﬁ").unwrap();
    assert_eq!(ranges("fil"), [(fi, text.len())]);
    // The `l` after `ﬁ` is not pulled into it.
    assert_eq!(ranges("l"), [(8, 9), (text.len() - 1, text.len())]);
}

#[test]
fn quotes_dashes_and_spaces_fold() {
    let a = one("l’État dit « non » et “oui” — 1\u{202f}000\u{a0}€ en 2025‑2026");
    assert_eq!(found(&a, "l'etat"), ["l’État"]);
    assert_eq!(found(&a, "\"oui\""), ["“oui”"]);
    assert_eq!(found(&a, "\" non \""), ["« non »"]);
    assert_eq!(found(&a, "- 1 000 €"), ["— 1\u{202f}000\u{a0}€"]);
    assert_eq!(found(&a, "2025-2026"), ["2025‑2026"]);
}

#[test]
fn smart_case() {
    let a = one("Witkoff et witkoff, WITKOFF.");
    assert_eq!(found(&a, "witkoff").len(), 3);
    assert_eq!(found(&a, "Witkoff"), ["Witkoff"]);
    assert_eq!(found(&a, "WITKOFF"), ["WITKOFF"]);
    // Case-sensitive still folds accents.
    let a = one("État, etat, Etat");
    assert_eq!(found(&a, "Etat"), ["État", "Etat"]);
}

#[test]
fn cyrillic_greek_cjk_emoji() {
    let a = one("Володимир ЗЕЛЕНСЬКИЙ — Зеленський; ΑΘΉΝΑ; 中文搜索; 🔴 Voeux 🗣“Nous");
    assert_eq!(found(&a, "зеленський"), ["ЗЕЛЕНСЬКИЙ", "Зеленський"]);
    assert_eq!(found(&a, "ЗЕЛЕНСЬКИЙ"), ["ЗЕЛЕНСЬКИЙ"]);
    assert_eq!(found(&a, "αθηνα"), ["ΑΘΉΝΑ"]);
    assert_eq!(found(&a, "搜索"), ["搜索"]);
    assert_eq!(found(&a, "🔴"), ["🔴"]);
    assert_eq!(found(&a, "🗣\"nous"), ["🗣“Nous"]);
}

#[test]
fn decomposed_text_is_found_with_its_marks() {
    // "sécurité" written with combining accents: the last mark is in the match.
    let a = one("se\u{301}curite\u{301} !");
    assert_eq!(found(&a, "securite"), ["se\u{301}curite\u{301}"]);
    assert_eq!(found(&a, "e"), ["e\u{301}", "e\u{301}"]);
}

#[test]
fn empty_query_has_no_match() {
    let a = one("texte");
    assert!(found(&a, "").is_empty());
    assert!(found(&a, "\u{301}").is_empty());
    assert!(found_mode(&a, "", SearchMode::Regex).is_empty());
}

#[test]
fn matches_never_span_two_texts() {
    let a = article("abc", vec![section("s", Some("def"), vec![para("ghi")])]);
    assert!(found(&a, "cd").is_empty());
    assert!(found(&a, "c\nd").is_empty());
    assert!(found_mode(&a, r"c\sd", SearchMode::Regex).is_empty());
    assert!(found_mode(&a, r"c[^x]d", SearchMode::Regex).is_empty());
    // A match that would run into the next text is cut back to what its own text holds.
    assert_eq!(found_mode(&a, r"b[^x]*", SearchMode::Regex), ["bc"]);
    assert_eq!(found_mode(&a, r"(?s)h.*", SearchMode::Regex), ["hi"]);
    assert_eq!(
        found_mode(&a, "^.", SearchMode::Regex),
        ["a", "C", "d", "g"]
    );
}

fn big_article() -> Article {
    article(
        "Guerre en Ukraine : la sécurité",
        vec![
            section(
                "lead",
                None,
                vec![
                    para("Une garantie de sécurité pour l’Ukraine."),
                    post(
                        "p1",
                        "Volodymyr Zelensky",
                        "ZelenskyyUa",
                        "Security guarantees: la sécurité d'abord.",
                    ),
                ],
            ),
            section(
                "coeur",
                Some("Au cœur de la sécurité européenne"),
                vec![
                    para("Rien ici."),
                    post("p2", "Emmanuel Macron", "EmmanuelMacron", "Nos libertés."),
                    para("Sécurité, encore sécurité."),
                ],
            ),
        ],
    )
}

#[test]
fn everything_a_reader_sees_is_searched_in_reading_order() {
    let a = big_article();
    let index = SearchIndex::build(&a);
    let matches = index.find("securite", SearchMode::Plain).unwrap();
    let texts: Vec<TextRef> = matches.iter().map(|m| m.text).collect();
    assert_eq!(
        texts,
        [
            TextRef::Title,
            TextRef::Paragraph(at(0, 0)),
            TextRef::PostText(at(0, 1)),
            TextRef::Heading(1),
            TextRef::Paragraph(at(1, 2)),
            TextRef::Paragraph(at(1, 2)),
        ]
    );
    assert_eq!(found(&a, "passe"), ["passé"]); // the notice
    let zel = index.find("zelensky", SearchMode::Plain).unwrap();
    assert_eq!(
        zel.iter().map(|m| m.text).collect::<Vec<_>>(),
        [TextRef::PostAuthor(at(0, 1)), TextRef::PostMeta(at(0, 1))]
    );
    assert_eq!(count_by_section(&matches, 2), [3, 3]);
    assert_eq!(posts_with_matches(&matches), [at(0, 1)]);
    let macron = index.find("macron", SearchMode::Plain).unwrap();
    assert_eq!(posts_with_matches(&macron), [at(1, 1)]);
    assert_eq!(count_by_section(&macron, 2), [0, 2]);
}

#[test]
fn text_refs_sort_in_reading_order() {
    let a = big_article();
    let texts = a.texts();
    let mut sorted = texts.clone();
    sorted.sort();
    assert_eq!(sorted, texts);
    // A post's links and url come after its text, as the card shows them;
    // the sources after the whole article.
    let p = at(0, 1);
    assert!(TextRef::PostMeta(p) < TextRef::PostText(p));
    assert!(TextRef::PostText(p) < TextRef::PostLink(p, 0));
    assert!(TextRef::PostLink(p, 5) < TextRef::PostUrl(p));
    assert!(TextRef::PostUrl(p) < TextRef::Paragraph(at(1, 0)));
    assert!(TextRef::Paragraph(at(9, 9)) < TextRef::SourceName(0));
    assert!(TextRef::SourceUrl(0) < TextRef::SourceName(1));
}

#[test]
fn first_at_or_after_and_wrap_around() {
    let a = big_article();
    let matches = SearchIndex::build(&a)
        .find("securite", SearchMode::Plain)
        .unwrap();
    assert_eq!(first_at_or_after(&matches, TextRef::Title, 0), Some(0));
    assert_eq!(first_at_or_after(&matches, TextRef::Title, 100), Some(1));
    assert_eq!(first_at_or_after(&matches, TextRef::Heading(1), 0), Some(3));
    assert_eq!(
        first_at_or_after(&matches, TextRef::Paragraph(at(1, 0)), 0),
        Some(4)
    );
    let second = matches[5].range.start;
    assert_eq!(
        first_at_or_after(&matches, TextRef::Paragraph(at(1, 2)), second),
        Some(5)
    );
    assert_eq!(
        first_at_or_after(&matches, TextRef::Paragraph(at(1, 2)), second + 1),
        None
    );
    assert_eq!(next_with_wrap(6, 4), Some((5, false)));
    assert_eq!(next_with_wrap(6, 5), Some((0, true)));
    assert_eq!(prev_with_wrap(6, 1), Some((0, false)));
    assert_eq!(prev_with_wrap(6, 0), Some((5, true)));
    assert_eq!(next_with_wrap(0, 0), None);
    assert_eq!(prev_with_wrap(0, 0), None);
}

#[test]
fn matches_in_a_display_line() {
    let a = big_article();
    let matches = SearchIndex::build(&a)
        .find("securite", SearchMode::Plain)
        .unwrap();
    let p = TextRef::Paragraph(at(1, 2));
    // "Sécurité, encore sécurité." — a line holding the end of the first
    // match and the start of the second.
    assert_eq!(spans_touching(&matches, p, 5..20), 4..6);
    assert_eq!(spans_touching(&matches, p, 0..3), 4..5);
    assert_eq!(spans_touching(&matches, p, 10..15), 5..5);
    assert_eq!(
        spans_touching(&matches, TextRef::Paragraph(at(1, 0)), 0..9),
        4..4
    );
}

#[test]
fn regex_mode() {
    let a = one("Le 6 janvier 2026, la sécurité; le 31 décembre 2025. Witkoff, witkoff");
    assert_eq!(
        found_mode(&a, r"\d{4}", SearchMode::Regex),
        ["2026", "2025"]
    );
    assert_eq!(found_mode(&a, "s.curit.", SearchMode::Regex), ["sécurité"]);
    assert_eq!(
        found_mode(&a, "décembre|janvier", SearchMode::Regex),
        ["janvier", "décembre"]
    );
    assert_eq!(found_mode(&a, "witkoff", SearchMode::Regex).len(), 2);
    assert_eq!(found_mode(&a, "Witkoff", SearchMode::Regex), ["Witkoff"]);
    assert_eq!(found_mode(&a, r"\bLE\b", SearchMode::Regex).len(), 0);
    assert_eq!(found_mode(&a, r"\w+\b", SearchMode::Regex)[0], "Le");
    // Zero-width matches are skipped.
    assert!(found_mode(&a, r"\b", SearchMode::Regex).is_empty());
    assert!(found_mode(&a, "x*", SearchMode::Regex).is_empty());
}

#[test]
fn invalid_regex_is_an_error_not_a_panic() {
    let a = one("texte");
    let index = SearchIndex::build(&a);
    let err = index.find("(abc", SearchMode::Regex).unwrap_err();
    assert_eq!(err, "invalid regex: unclosed group");
    assert!(
        !index
            .find("[z-a]", SearchMode::Regex)
            .unwrap_err()
            .contains('\n')
    );
    let huge = index
        .find(r"\w{1000}{1000}", SearchMode::Regex)
        .unwrap_err();
    assert!(
        huge.starts_with("regex too large") || huge.starts_with("invalid regex"),
        "{huge}"
    );
    // The same text is a fine plain query.
    assert!(index.find("(abc", SearchMode::Plain).unwrap().is_empty());
}

#[test]
fn seed_article_finds_what_issue_4_asks() {
    let Some(seed) = crate::common::testdata::seed("seed_article_finds_what_issue_4_asks") else {
        return;
    };
    let paragraphs: Vec<Block> = seed.lines().skip(2).map(para).collect();
    let a = article(
        seed.lines().nth(1).unwrap(),
        vec![
            section("lead", None, paragraphs),
            section("c", Some("Les garanties"), vec![]),
        ],
    );
    let index = SearchIndex::build(&a);
    let securite = index.find("securite", SearchMode::Plain).unwrap();
    let expected = seed.to_lowercase().matches("sécurité").count();
    assert!(expected > 2);
    assert_eq!(securite.len(), expected);
    assert_eq!(found(&a, "coeur"), ["cœur"]);
    assert_eq!(found(&a, "Witkoff"), ["Witkoff"]);
    assert_eq!(found(&a, "зеленський"), ["Зеленський"]);
}

fn arb_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "e", "é", "è", "É", "s", "ß", "œ", "Œ", "ﬁ", "İ", "i", " ", "\u{a0}", "’", "'", "—",
        "-", "З", "з", "中", "🔴", "e\u{301}", "\u{301}", "Ǆ", "½", "\n", "ς", "Σ",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn matches_are_on_char_boundaries_and_in_order(text in arb_text(), query in arb_text()) {
        let a = one(&text);
        let index = SearchIndex::build(&a);
        let matches = index.find(&query, SearchMode::Plain).unwrap();
        let mut last: Option<&Match> = None;
        for m in &matches {
            let s = a.text(m.text).unwrap();
            prop_assert!(m.range.start < m.range.end);
            prop_assert!(m.range.end <= s.len());
            prop_assert!(s.is_char_boundary(m.range.start));
            prop_assert!(s.is_char_boundary(m.range.end));
            if let Some(l) = last && l.text == m.text {
                prop_assert!(l.range.end <= m.range.start);
            }
            last = Some(m);
        }
    }

    #[test]
    fn a_text_holding_the_query_finds_it(
        before in arb_text(),
        query in arb_text(),
        after in arb_text(),
    ) {
        let text = format!("{before}{query}{after}");
        let a = one(&text);
        let index = SearchIndex::build(&a);
        let folded = depeche::search::fold_str(&query, false);
        let matches = index.find(&query, SearchMode::Plain).unwrap();
        if folded.is_empty() {
            prop_assert!(matches.is_empty());
        } else {
            let start = before.len();
            let end = start + query.len();
            // Some match overlaps where the query was put.
            prop_assert!(
                matches.iter().any(|m| m.text == TextRef::Paragraph(at(0, 0))
                    && m.range.start < end.max(start + 1)
                    && m.range.end > start),
                "{:?} in {:?}: {:?}", query, text, matches
            );
        }
    }

    #[test]
    fn regex_never_panics(pattern in "\\PC{0,12}", text in arb_text()) {
        let a = one(&text);
        let _ = SearchIndex::build(&a).find(&pattern, SearchMode::Regex);
    }
}
