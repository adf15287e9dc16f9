//! The article layout: byte ranges, widths, breaks, indices.

use crate::common::corpora::sample_article;
use depeche::corpus::model::{Block, BlockRef, TextRef};
use depeche::reader::layout::{
    ArticleLayout, CARD_PREFIX_WIDTH, LineKind, MAX_TEXT_WIDTH, MIN_TEXT_WIDTH, WIDEST_TEXT,
};
use unicode_width::UnicodeWidthStr;

const WIDTHS: [u16; 8] = [4, 7, 12, 20, 33, 57, 90, 200];

/// Every wrapped text of the article, by `TextRef`, with the ranges its lines show, in order.
fn ranges_by_text(layout: &ArticleLayout) -> Vec<(TextRef, Vec<std::ops::Range<usize>>)> {
    let mut out: Vec<(TextRef, Vec<_>)> = Vec::new();
    for line in &layout.lines {
        let Some(text) = line.text_ref() else {
            continue;
        };
        match out.last_mut() {
            Some((last, ranges)) if *last == text => ranges.push(line.text_range()),
            _ => out.push((text, vec![line.text_range()])),
        }
    }
    out
}

#[test]
fn lines_cover_each_text_exactly_once_breaking_only_at_spaces() {
    let article = sample_article();
    for width in WIDTHS {
        let layout = ArticleLayout::build(&article, width);
        let texts = ranges_by_text(&layout);
        let wrapped: Vec<TextRef> = texts.iter().map(|(t, _)| *t).collect();
        for expected in article.texts() {
            if expected.source().is_some() {
                continue; // shown in the Sources pane
            }
            if let TextRef::PostMeta(at) = expected {
                let inline = layout.lines.iter().any(|l| {
                    l.block() == Some(at) && l.kind == LineKind::PostHeader { meta_inline: true }
                });
                if inline {
                    continue; // whole, beside the author
                }
            }
            assert!(
                wrapped.contains(&expected),
                "width {width}: {expected:?} missing"
            );
        }
        for (text_ref, ranges) in texts {
            let text = article.text(text_ref).expect("text exists");
            let mut end = 0;
            for range in &ranges {
                assert!(range.start >= end, "width {width}: overlap in {text_ref:?}");
                let gap = &text[end..range.start];
                assert!(
                    gap.chars().all(|c| c == ' ' || c == '\n'),
                    "width {width}: {text_ref:?} loses {gap:?}"
                );
                end = range.end;
            }
            assert_eq!(end, text.len(), "width {width}: {text_ref:?} cut short");
        }
    }
}

#[test]
fn no_line_is_wider_than_its_column() {
    let article = sample_article();
    for width in WIDTHS {
        let layout = ArticleLayout::build(&article, width);
        let column = layout.width as usize;
        // The column asked for, within what a configuration may ask.
        assert_eq!(layout.width, width.clamp(MIN_TEXT_WIDTH, WIDEST_TEXT));
        for line in &layout.lines {
            let Some(text) = line.text_ref().and_then(|r| article.text(r)) else {
                continue;
            };
            let shown = &text[line.text_range()];
            let room = if line.in_card() {
                column - CARD_PREFIX_WIDTH
            } else {
                column
            };
            if matches!(line.kind, LineKind::PostHeader { .. } | LineKind::PostMeta) {
                continue; // clipped by the pane, never wrapped
            }
            assert!(
                shown.width() <= room,
                "width {width}: {shown:?} is {} wide",
                shown.width()
            );
        }
    }
}

#[test]
fn no_break_spaces_hold_and_cjk_breaks_by_width() {
    let article = sample_article();
    for width in [9, 12, 20, 40] {
        let layout = ArticleLayout::build(&article, width);
        let lines: Vec<&str> = layout
            .lines
            .iter()
            .filter_map(|l| Some(&article.text(l.text_ref()?)?[l.text_range()]))
            .collect();
        assert!(
            lines.iter().any(|l| l.contains("6\u{a0}janvier")),
            "width {width}: 6 janvier split"
        );
        assert!(lines.iter().any(|l| l.contains("20\u{a0}%")));
    }
    let layout = ArticleLayout::build(&article, 12);
    let cjk: Vec<&str> = layout
        .lines
        .iter()
        .filter_map(|l| Some(&article.text(l.text_ref()?)?[l.text_range()]))
        .filter(|l| l.contains('有'))
        .collect();
    assert!(!cjk.is_empty());
    for line in cjk {
        assert!(line.width() <= 12, "{line:?}");
    }
}

#[test]
fn hard_breaks_in_posts_start_new_lines() {
    let article = sample_article();
    let post = BlockRef {
        section: 2,
        block: 1,
    };
    let layout = ArticleLayout::build(&article, 90);
    let text = article.text(TextRef::PostText(post)).unwrap();
    let shown: Vec<&str> = layout
        .lines
        .iter()
        .filter(|l| l.text_ref() == Some(TextRef::PostText(post)))
        .map(|l| &text[l.text_range()])
        .collect();
    assert_eq!(
        shown,
        [
            "Rustem Umerov is in contact with the American team and our partners in Europe every",
            "single day.",
            "We are preparing formats and important meetings."
        ]
    );
}

#[test]
fn posts_are_cards_with_header_text_hint_and_links() {
    let article = sample_article();
    let layout = ArticleLayout::build(&article, 60);
    let p1 = article.posts[0];
    let span = layout.block_span(p1).unwrap();
    let kinds: Vec<LineKind> = layout.lines[span.start..span.end]
        .iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(kinds[0], LineKind::PostHeader { meta_inline: true });
    assert!(kinds.contains(&LineKind::PostTruncated));
    assert_eq!(
        kinds[kinds.len() - 2..],
        [LineKind::PostLink(0), LineKind::PostUrl]
    );
    // A long author pushes the meta to its own line.
    let p2 = layout.block_span(article.posts[1]).unwrap();
    assert_eq!(
        layout.lines[p2.start].kind,
        LineKind::PostHeader { meta_inline: false }
    );
    assert_eq!(layout.lines[p2.start + 1].kind, LineKind::PostMeta);
    let segments = layout.lines[span.start].segments(&article);
    assert_eq!(segments.len(), 2, "author and card line on the header line");
}

#[test]
fn card_headers_wrap_like_text_and_lose_nothing() {
    let article = sample_article();
    for width in WIDTHS {
        let layout = ArticleLayout::build(&article, width);
        for &at in &article.posts {
            let post = article.post(at).unwrap();
            let span = layout.block_span(at).unwrap();
            let shown: Vec<String> = layout.lines[span.start..span.end]
                .iter()
                .filter(|l| matches!(l.kind, LineKind::PostHeader { .. } | LineKind::PostMeta))
                .flat_map(|l| l.segments(&article))
                .map(|s| article.text(s.text).unwrap()[s.range].to_string())
                .collect();
            // Lines break at spaces, or inside a word wider than the card.
            let squashed = |s: &str| s.split_whitespace().collect::<String>();
            let shown = squashed(&shown.concat());
            for part in [&post.author, &post.handle, &post.date]
                .into_iter()
                .flatten()
            {
                assert!(
                    shown.contains(&squashed(part)),
                    "{width}: {part} lost in {shown:?}"
                );
            }
            assert!(shown.contains(post.platform.label()));
        }
    }
}

#[test]
fn indices_find_sections_blocks_and_text() {
    let article = sample_article();
    let layout = ArticleLayout::build(&article, 40);
    assert_eq!(layout.section_starts.len(), article.sections.len());
    assert_eq!(layout.section_starts[0], 0);
    for (s, &start) in layout.section_starts.iter().enumerate().skip(1) {
        assert_eq!(layout.lines[start].kind, LineKind::Heading);
        assert_eq!(layout.section_at(start), s);
        assert_eq!(
            layout.section_at(start - 1),
            s,
            "the blank above belongs to it"
        );
    }
    for (at, block) in article.blocks() {
        let line = layout.line_of(at).unwrap();
        assert_eq!(layout.block_at(line), Some(at));
        let first = match block {
            Block::Paragraph(_) => LineKind::Paragraph,
            Block::Post(_) => layout.lines[line].kind,
        };
        assert_eq!(layout.lines[line].kind, first);
    }
    let spans = layout.blocks_in(0..layout.len());
    assert_eq!(spans.len(), article.blocks().count());
    assert!(layout.blocks_in(0..1).is_empty(), "the title is no block");
    // The line showing a byte of a paragraph.
    let at = BlockRef {
        section: 4,
        block: 1,
    };
    let text = article.text(TextRef::Paragraph(at)).unwrap();
    let byte = text.find("Moscou occupe").unwrap();
    let line = layout.line_of_text(TextRef::Paragraph(at), byte).unwrap();
    assert!(layout.lines[line].text_range().contains(&byte));
}

#[test]
fn an_anchor_finds_the_same_text_at_every_width() {
    let article = sample_article();
    let layouts: Vec<ArticleLayout> = WIDTHS
        .iter()
        .map(|&w| ArticleLayout::build(&article, w))
        .collect();
    for from in &layouts {
        for top in 0..from.len() {
            let anchor = from.anchor(top);
            for to in &layouts {
                let restored = to.restore(anchor);
                let block = from.block_at(top);
                if from.lines[top].text_ref().is_some() {
                    let line = &to.lines[restored];
                    let shown: Vec<TextRef> =
                        line.segments(&article).iter().map(|s| s.text).collect();
                    assert!(
                        shown.contains(&anchor.text.unwrap()),
                        "from {} top {top} to {}: {anchor:?} not on line {restored}",
                        from.width,
                        to.width
                    );
                    assert_eq!(line.block(), block);
                    assert!(line.range.start as usize <= anchor.byte || restored == 0);
                }
            }
            if from.lines[top].kind == LineKind::Blank && top + 1 < from.len() {
                for to in &layouts {
                    let restored = to.restore(anchor);
                    assert_eq!(to.lines[restored].kind, LineKind::Blank);
                    assert_eq!(
                        to.lines[restored + 1].text_ref(),
                        from.lines[top + 1].text_ref(),
                        "a separator at the top stays with the block below it"
                    );
                }
            }
            assert_eq!(from.restore(anchor), top, "same width, same line");
        }
    }
}

#[test]
fn french_punctuation_never_starts_a_line() {
    // `? ! : ; » %` stay with the word before them and `«` with the word
    // after it, whatever the width (from the dump's narrowest on: below it a
    // word and its punctuation may not fit on one line at all).
    let bundled = depeche::corpus::load_bundled().unwrap();
    let article = &bundled.articles[0];
    for width in 20..=MAX_TEXT_WIDTH {
        let layout = ArticleLayout::build(article, width);
        for line in &layout.lines {
            let Some(text) = line.text_ref().and_then(|t| article.text(t)) else {
                continue;
            };
            let shown = &text[line.text_range()];
            // A word wider than the column is broken where it must be.
            let inside_a_word = !text[..line.range.start as usize].ends_with(char::is_whitespace);
            assert!(
                line.range.start == 0
                    || inside_a_word
                    || !shown.starts_with(['?', '!', ':', ';', '»', '%']),
                "width {width}: {shown:?}"
            );
            assert!(!shown.ends_with('«'), "width {width}: {shown:?}");
        }
    }
}
