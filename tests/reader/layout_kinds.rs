//! The layout of the block types beyond paragraphs and of posts the page
//! did not include (data/example.json has one of each), at every width:
//! nothing lost, nothing wider than the column, lists and tables together.

use std::path::Path;

use depeche::corpus::model::{Article, Block, TextKind, TextRef};
use depeche::corpus::{self, DEFAULT_MAX_SIZE};
use depeche::reader::layout::{
    ArticleLayout, CARD_PREFIX_WIDTH, COLUMN_GAP, LineKind, not_included_card, text_prefix,
};
use unicode_width::UnicodeWidthStr;

const WIDTHS: [u16; 9] = [4, 5, 7, 12, 20, 33, 57, 90, 200];

fn example() -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example.json");
    let mut corpus = corpus::load_file(&path, DEFAULT_MAX_SIZE).unwrap();
    corpus.articles.remove(0)
}

/// The paragraph-like block a line belongs to.
fn kind_of<'a>(
    article: &'a Article,
    line: &depeche::reader::layout::DisplayLine,
) -> Option<&'a TextKind> {
    Some(&article.block(line.block()?)?.as_paragraph()?.kind)
}

#[test]
fn every_text_is_shown_whole_and_fits_the_column() {
    let article = example();
    for width in WIDTHS {
        let layout = ArticleLayout::build(&article, width);
        let col = layout.width as usize;
        // What each text's lines show, in order.
        let mut shown: Vec<(TextRef, Vec<std::ops::Range<usize>>)> = Vec::new();
        for line in &layout.lines {
            let Some(text_ref) = line.text_ref() else {
                continue;
            };
            let text = article.text(text_ref).unwrap_or("");
            if article.text(text_ref).is_some() {
                assert!(text.get(line.text_range()).is_some(), "{width}: {line:?}");
            }
            match shown.last_mut() {
                Some((last, ranges)) if *last == text_ref => ranges.push(line.text_range()),
                _ => shown.push((text_ref, vec![line.text_range()])),
            }
            // Its columns: the prefix, then the text (an aligned row: its columns).
            let used = match (line.kind, kind_of(&article, line)) {
                (LineKind::TableRow { table }, _) => {
                    let widths = &layout.tables[table as usize];
                    widths.iter().sum::<usize>() + COLUMN_GAP.width() * (widths.len() - 1)
                }
                (LineKind::ListItem { first }, Some(kind)) => {
                    let (lead, rest) = text_prefix(kind, col);
                    assert_eq!(lead.width(), rest.width());
                    let prefix = if first { lead } else { rest };
                    prefix.width() + text[line.text_range()].width()
                }
                (LineKind::Quote | LineKind::Code, Some(kind)) => {
                    text_prefix(kind, col).0.width() + text[line.text_range()].width()
                }
                // A card's header wraps like text: the author, then the card
                // line beside it when both fit.
                (LineKind::PostHeader { meta_inline }, _) => {
                    let meta = line
                        .block()
                        .and_then(|at| article.text(TextRef::PostMeta(at)))
                        .unwrap_or("");
                    let author = text[line.text_range()].width();
                    let beside = match (meta_inline, author) {
                        (false, _) => 0,
                        (true, 0) => meta.width(),
                        (true, _) => 1 + meta.width(),
                    };
                    CARD_PREFIX_WIDTH + author + beside
                }
                _ if line.in_card() => CARD_PREFIX_WIDTH + text[line.text_range()].width(),
                _ => text[line.text_range()].width(),
            };
            // A word wider than the column is broken; at 4 columns a bullet leaves one.
            assert!(
                used <= col.max(CARD_PREFIX_WIDTH + 2),
                "{width}: {used} > {col}: {line:?}"
            );
        }
        for expected in article.texts() {
            if expected.source().is_some() {
                continue; // shown in the Sources pane
            }
            if let TextRef::PostMeta(at) = expected
                && layout.lines.iter().any(|l| {
                    l.block() == Some(at) && l.kind == LineKind::PostHeader { meta_inline: true }
                })
            {
                continue; // whole, beside the author
            }
            let Some((_, ranges)) = shown.iter().find(|(t, _)| *t == expected) else {
                panic!("{width}: {expected:?} is not shown");
            };
            let text = article.text(expected).unwrap();
            // Lines cut only at spaces and line breaks, and reach the end.
            let mut end = 0;
            for range in ranges {
                let gap = &text[end..range.start];
                assert!(
                    gap.chars().all(|c| c == ' ' || c == '\n'),
                    "{width}: {expected:?} loses {gap:?}"
                );
                end = range.end;
            }
            assert_eq!(end, text.len(), "{width}: {expected:?} cut short");
        }
    }
}

#[test]
fn list_items_and_table_rows_stand_together() {
    let article = example();
    let layout = ArticleLayout::build(&article, 60);
    let works = 2;
    let spans: Vec<_> = layout
        .blocks
        .iter()
        .filter(|s| s.at.section == works)
        .collect();
    let kinds: Vec<&TextKind> = spans
        .iter()
        .filter_map(|s| article.block(s.at)?.as_paragraph().map(|p| &p.kind))
        .collect();
    for (pair, kinds) in spans.windows(2).zip(kinds.windows(2)) {
        let together = matches!(
            (kinds[0], kinds[1]),
            (TextKind::ListItem { .. }, TextKind::ListItem { .. })
                | (TextKind::TableRow { .. }, TextKind::TableRow { .. })
        );
        let gap = pair[1].start - pair[0].end;
        assert_eq!(gap, if together { 0 } else { 1 }, "{kinds:?}");
    }
    // The table fits 60 columns: one aligned line per row, header first.
    let rows: Vec<LineKind> = layout
        .lines
        .iter()
        .filter(|l| {
            matches!(
                l.kind,
                LineKind::TableRow { .. } | LineKind::TableRowWrapped
            )
        })
        .map(|l| l.kind)
        .collect();
    assert_eq!(rows, [LineKind::TableRow { table: 0 }; 3]);
    assert_eq!(layout.tables, [vec![4, 5]]);
    // Too narrow for its columns: each row's text wrapped, nothing cut.
    let narrow = ArticleLayout::build(&article, 7);
    assert!(narrow.tables.is_empty());
    assert!(
        narrow
            .lines
            .iter()
            .any(|l| l.kind == LineKind::TableRowWrapped)
    );
}

#[test]
fn preformatted_text_keeps_its_spaces() {
    let article = example();
    let layout = ArticleLayout::build(&article, 60);
    let code: Vec<&str> = layout
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Code)
        .map(|l| &article.text(l.text_ref().unwrap()).unwrap()[l.text_range()])
        .collect();
    assert_eq!(
        code,
        ["GET /bridge/traffic?day=2026-03-14", "  cars: 18 204"]
    );
}

#[test]
fn a_post_not_included_says_so_and_shows_its_address() {
    let article = example();
    let video = *article.posts.last().unwrap();
    let post = article.post(video).unwrap();
    assert!(!post.included());
    for width in WIDTHS {
        let layout = ArticleLayout::build(&article, width);
        let span = layout.block_span(video).unwrap();
        let lines = &layout.lines[span.start..span.end];
        assert!(lines.iter().all(|l| l.in_card()), "{width}");
        // No author: the card opens with its card line, wrapped when narrow.
        assert!(
            matches!(
                lines[0].kind,
                LineKind::PostHeader { meta_inline: true } | LineKind::PostMeta
            ),
            "{width}"
        );
        // Its words, wrapped like text: nothing lost between the lines.
        let words = not_included_card(post);
        let mut end = 0;
        for line in lines.iter().filter(|l| l.kind == LineKind::PostNotIncluded) {
            assert!(
                words[end..line.range.start as usize].trim().is_empty(),
                "{width}"
            );
            end = line.range.end as usize;
        }
        assert_eq!(end, words.len(), "{width}");
        assert!(lines.iter().any(|l| l.kind == LineKind::PostTitle));
        assert!(lines.iter().any(|l| l.kind == LineKind::PostUrl));
    }
    assert!(matches!(article.block(video), Some(Block::Post(_))));
}

#[test]
fn a_prefix_leaves_room_for_the_text_at_any_width() {
    for depth in 1..=8u8 {
        for number in [1, 9, 10, 999_999] {
            let kind = TextKind::ListItem {
                ordered: true,
                depth,
                number,
            };
            for col in 1..40 {
                let (first, rest) = text_prefix(&kind, col);
                assert!(
                    first.width() < col.max(1),
                    "{depth} {number} {col}: {first:?}"
                );
                assert_eq!(first.width(), rest.width());
            }
        }
    }
}

#[test]
fn o_opens_a_post_not_included_and_search_finds_its_title() {
    use crate::common::corpora::app_at;
    use depeche::corpus::model::Corpus;
    use depeche::reader::{Action, Effect, Pane};
    let corpus = Corpus {
        articles: vec![example()],
    };
    let mut app = app_at(corpus, 120, 40);
    // The video is the last post: `}` twice brings it on screen (near the
    // end: as high as it goes).
    app.update(Action::NextPost);
    app.update(Action::NextPost);
    let video = *app.article().posts.last().unwrap();
    let span = app.layout.block_span(video).unwrap();
    assert!(span.start >= app.top && span.end <= app.top + app.article_height());
    app.update(Action::OpenLink);
    // Several links on screen: they are numbered; the video's is picked.
    if let Some(picker) = app.picker.clone() {
        let n = picker
            .links
            .iter()
            .position(|l| l.written.contains("youtube"))
            .expect("the video's link is numbered");
        app.update(Action::PickDigit(n as u8 + 1));
    }
    assert_eq!(
        app.take_effects(),
        [Effect::OpenUrl(
            "https://www.youtube.com/watch?v=bridge2026".into()
        )]
    );
    // In Quotes, the same.
    app.update(Action::Focus(Pane::Quotes));
    app.update(Action::OpenLink);
    assert_eq!(
        app.take_effects(),
        [Effect::OpenUrl(
            "https://www.youtube.com/watch?v=bridge2026".into()
        )]
    );
    // Its title is searched like any text the card shows.
    app.update(Action::Focus(Pane::Article));
    app.update(Action::Search);
    for c in "filmed from the water".chars() {
        app.update(Action::Prompt(depeche::reader::PromptEdit::Insert(c)));
    }
    assert_eq!(app.search.matches.len(), 1);
    assert_eq!(
        app.search.matches[0].text,
        TextRef::PostTitle(*app.article().posts.last().unwrap())
    );
}
