//! `App::update`, action by action: bounds, pages, jumps and back, focus, scroll-spy, resize.

use crate::common::corpora::{app_at, sample_corpus, two_articles};
use depeche::corpus::model::{BlockRef, Corpus};
use depeche::reader::layout::LineKind;
use depeche::reader::sources::SourceRow;
use depeche::reader::status::{FLASH_TICKS, MESSAGE_TICKS};
use depeche::reader::{Action, App, Motion, Overlay, Pane, Target};

fn app() -> App {
    app_at(sample_corpus(), 80, 24)
}

fn message(app: &App) -> Option<&str> {
    app.message.as_ref().map(|m| m.value.text.as_str())
}

fn press(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
    }
}

#[test]
fn quit() {
    let mut app = app();
    assert!(!app.should_quit());
    app.update(Action::Quit);
    assert!(app.should_quit());
}

#[test]
fn lines_stop_at_the_top_and_the_bottom_with_a_message() {
    let mut app = app();
    app.update(Action::Move(Motion::LineUp));
    assert_eq!(app.top, 0);
    assert_eq!(message(&app), Some("top of article"));
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(app.top, 1);
    app.update(Action::Move(Motion::Bottom));
    assert_eq!(app.top, app.max_top());
    assert_eq!(app.max_top(), app.layout.len() - app.article_height());
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(app.top, app.max_top());
    assert_eq!(message(&app), Some("bottom of article"));
    app.update(Action::Move(Motion::Top));
    assert_eq!(app.top, 0);
}

#[test]
fn pages_keep_one_line_and_half_pages_are_half() {
    let mut app = app();
    let height = app.article_height();
    assert_eq!(height, 22);
    app.update(Action::Move(Motion::PageDown));
    assert_eq!(app.top, height - 1);
    app.update(Action::Move(Motion::HalfPageDown));
    assert_eq!(app.top, height - 1 + height / 2);
    app.update(Action::Move(Motion::HalfPageUp));
    app.update(Action::Move(Motion::PageUp));
    assert_eq!(app.top, 0);
    // The last page stops with the end of the article at the bottom.
    for _ in 0..100 {
        app.update(Action::Move(Motion::PageDown));
    }
    assert_eq!(app.top, app.max_top());
}

#[test]
fn scroll_spy_follows_the_top_line() {
    let mut app = app();
    assert_eq!(app.current_section(), 0);
    let heading = app.layout.section_starts[2];
    while app.top < heading {
        app.update(Action::Move(Motion::LineDown));
    }
    assert_eq!(app.current_section(), 2);
    assert_eq!(app.sections.selected, 2, "the Sections pane follows");
    app.update(Action::Move(Motion::LineUp));
    assert_eq!(
        app.current_section(),
        2,
        "the blank above a heading belongs to it"
    );
    app.update(Action::Move(Motion::LineUp));
    assert_eq!(app.current_section(), 1);
}

#[test]
fn section_jumps_put_the_heading_at_the_top_with_one_line_of_context() {
    let mut app = app();
    app.update(Action::NextSection);
    let heading = app.layout.section_starts[1];
    assert_eq!(app.top, heading - 1);
    assert_eq!(app.layout.lines[app.top].kind, LineKind::Blank);
    assert_eq!(app.current_section(), 1);
    assert_eq!(app.flash.map(|f| f.value), Some(Target::Section(1)));
    for _ in 0..10 {
        app.update(Action::NextSection);
    }
    assert_eq!(app.current_section(), 4);
    assert_eq!(message(&app), Some("no section below"));
    app.update(Action::PrevSection);
    assert_eq!(app.current_section(), 3);
    for _ in 0..10 {
        app.update(Action::PrevSection);
    }
    assert_eq!(app.top, 0);
    assert_eq!(message(&app), Some("no section above"));
}

#[test]
fn post_jumps_walk_the_posts_in_order() {
    let mut app = app();
    let posts = app.article().posts.clone();
    for (i, &at) in posts.iter().enumerate() {
        app.update(Action::NextPost);
        let line = app.layout.line_of(at).unwrap();
        assert_eq!(app.top, (line - 1).min(app.max_top()));
        assert_eq!(app.quotes.selected, i);
        assert_eq!(app.flash.map(|f| f.value), Some(Target::Block(at)));
    }
    app.update(Action::NextPost);
    assert_eq!(message(&app), Some("no post below"));
    app.update(Action::PrevPost);
    let line = app.layout.line_of(posts[1]).unwrap();
    assert_eq!(app.top, (line - 1).min(app.max_top()));
    assert_eq!(app.quotes.selected, 1);
}

#[test]
fn back_returns_through_the_jumps_in_reverse() {
    let mut app = app();
    press(&mut app, &[Action::Move(Motion::PageDown)]);
    let start = app.top;
    app.update(Action::NextSection);
    let first_jump = app.top;
    app.update(Action::NextPost);
    assert_ne!(app.top, first_jump);
    app.update(Action::Back);
    assert_eq!(app.top, first_jump);
    app.update(Action::Back);
    assert_eq!(app.top, start);
    app.update(Action::Back);
    assert_eq!(app.top, start);
    assert_eq!(message(&app), Some("no earlier place"));
}

#[test]
fn jump_marks_and_messages_fade_with_ticks() {
    let mut app = app();
    assert!(!app.wants_tick());
    app.update(Action::NextSection);
    assert!(app.wants_tick());
    for _ in 0..FLASH_TICKS {
        assert!(app.flash.is_some());
        app.update(Action::Tick);
    }
    assert!(app.flash.is_none());
    app.update(Action::EffectDone(Err("no browser".into())));
    assert!(app.message.as_ref().unwrap().value.error);
    for _ in 0..MESSAGE_TICKS {
        app.update(Action::Tick);
    }
    assert!(app.message.is_none());
    assert!(!app.wants_tick());
    app.update(Action::EffectDone(Ok("copied".into())));
    assert_eq!(message(&app), Some("copied"));
}

#[test]
fn focus_cycles_both_ways_and_numbers_pick_a_pane() {
    let mut app = app_at(sample_corpus(), 120, 40);
    assert_eq!(app.focus, Pane::Article);
    let mut seen = vec![];
    for _ in 0..4 {
        app.update(Action::FocusNext);
        seen.push(app.focus);
    }
    assert_eq!(
        seen,
        [Pane::Quotes, Pane::Sources, Pane::Sections, Pane::Article]
    );
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Pane::Sections);
    for pane in Pane::ALL {
        app.update(Action::Focus(pane));
        assert_eq!(app.focus, pane);
    }
}

#[test]
fn lists_move_their_selection_within_bounds() {
    let mut app = app_at(sample_corpus(), 120, 40);
    app.update(Action::Focus(Pane::Quotes));
    app.update(Action::Move(Motion::LineUp));
    assert_eq!(app.quotes.selected, 0);
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(app.quotes.selected, 1);
    app.update(Action::Move(Motion::Bottom));
    assert_eq!(app.quotes.selected, 2);
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(app.quotes.selected, 2);
    assert_eq!(app.top, 0, "the article does not move");
    app.update(Action::Focus(Pane::Sources));
    assert_eq!(
        app.sources.rows.get(app.sources.list.selected).unwrap(),
        SourceRow::Source(0)
    );
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::Move(Motion::LineDown));
    assert!(
        matches!(
            app.sources.rows.get(app.sources.list.selected).unwrap(),
            SourceRow::Source(2)
        ),
        "group headings are skipped"
    );
    app.update(Action::Move(Motion::Top));
    assert_eq!(app.sources.list.selected, 1);
}

#[test]
fn enter_in_sections_jumps_to_the_selected_section() {
    let mut app = app_at(sample_corpus(), 120, 40);
    press(
        &mut app,
        &[
            Action::Focus(Pane::Sections),
            Action::Move(Motion::LineDown),
            Action::Move(Motion::LineDown),
        ],
    );
    app.update(Action::Enter);
    assert_eq!(app.current_section(), 2);
    assert_eq!(app.top, app.layout.section_starts[2] - 1);
    assert_eq!(app.focus, Pane::Sections, "a visible pane keeps the focus");
}

#[test]
fn enter_in_quotes_jumps_to_the_post() {
    let mut app = app_at(sample_corpus(), 120, 40);
    press(
        &mut app,
        &[
            Action::Focus(Pane::Quotes),
            Action::Move(Motion::Bottom),
            Action::Enter,
        ],
    );
    let last = *app.article().posts.last().unwrap();
    // At the top, or as high as it goes without scrolling past the end.
    let span = app.layout.block_span(last).unwrap();
    assert!(span.start >= app.top && span.end <= app.top + app.article_height());
    assert_eq!(app.top, app.max_top().min(span.start - 1));
}

#[test]
fn enter_in_sources_visits_each_citing_place_in_turn() {
    let mut app = app_at(sample_corpus(), 120, 40);
    app.update(Action::Focus(Pane::Sources));
    // Emmanuel Macron: the lead, a paragraph, a post.
    let places = app.article().citations[0].to_vec();
    assert_eq!(places.len(), 3);
    for round in 0..2 {
        for (i, &at) in places.iter().enumerate() {
            app.update(Action::Enter);
            assert_eq!(app.layout.block_at(app.top), Some(at), "round {round}");
            assert_eq!(message(&app), Some(format!("cited {}/3", i + 1).as_str()));
        }
    }
}

#[test]
fn folded_panes_show_over_the_article_and_give_focus_back() {
    let mut app = app_at(sample_corpus(), 50, 16);
    assert!(app.is_folded(Pane::Quotes) && app.is_folded(Pane::Sections));
    app.update(Action::Focus(Pane::Quotes));
    assert_eq!(app.focus, Pane::Quotes);
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::Enter);
    assert_eq!(app.focus, Pane::Article);
    assert_eq!(app.layout.block_at(app.top), Some(app.article().posts[1]));
    app.update(Action::Focus(Pane::Sections));
    app.update(Action::Close);
    assert_eq!(app.focus, Pane::Article);
    // Growing the terminal shows it in place; shrinking folds it and the article takes the focus.
    app.update(Action::Focus(Pane::Sources));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(app.focus, Pane::Sources);
    app.update(Action::Resize {
        width: 60,
        height: 24,
    });
    assert_eq!(app.focus, Pane::Article);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app_at(sample_corpus(), 50, 16);
    app.update(Action::Help);
    assert_eq!(app.overlay, Some(Overlay::Help));
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(app.help.offset, 1);
    assert_eq!(app.top, 0, "the article stays");
    app.update(Action::Move(Motion::Bottom));
    let bottom = app.help.offset;
    // 50×16: the overlay's inside is 48 columns by 12 rows; the last row shows.
    assert_eq!(
        bottom,
        depeche::reader::help::help_rows(depeche::reader::keymap::Keymap::standard(), 48).len()
            - 12
    );
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(app.help.offset, bottom);
    app.update(Action::Help);
    assert_eq!(app.overlay, None);
    app.update(Action::Help);
    app.update(Action::Close);
    assert_eq!(app.overlay, None);
}

#[test]
fn the_article_list_opens_an_article_where_it_was_left() {
    let mut single = app();
    single.update(Action::ArticleList);
    assert_eq!(single.overlay, None);
    assert_eq!(message(&single), Some("this corpus holds one article"));

    let mut app = app_at(two_articles(), 80, 24);
    app.update(Action::NextSection);
    app.update(Action::NextSection);
    let place = app.top;
    press(
        &mut app,
        &[
            Action::ArticleList,
            Action::Move(Motion::LineDown),
            Action::Enter,
        ],
    );
    assert_eq!(app.overlay, None);
    assert_eq!(app.current, 1);
    assert_eq!(app.top, 0);
    assert_eq!(app.article().id, "court");
    assert_eq!(app.sections.selected, 0);
    press(
        &mut app,
        &[
            Action::ArticleList,
            Action::Move(Motion::Top),
            Action::Enter,
        ],
    );
    assert_eq!(app.current, 0);
    assert_eq!(app.top, place, "back where it was left");
    app.update(Action::Back);
    assert_eq!(app.current, 1, "opening an article is a jump");
}

#[test]
fn resize_keeps_the_top_paragraph_at_the_top() {
    let mut app = app_at(sample_corpus(), 50, 16);
    let target = BlockRef {
        section: 3,
        block: 0,
    };
    // The second line of that paragraph at the top.
    app.jump_to_block(target);
    app.update(Action::Move(Motion::LineDown));
    app.update(Action::Move(Motion::LineDown));
    assert_eq!(app.layout.line_of(target), Some(app.top - 1));
    let text = app.layout.lines[app.top].range.start;
    for (w, h) in [(120, 40), (80, 24), (20, 6), (10, 3), (200, 60), (50, 16)] {
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        if app.geometry.too_small {
            continue;
        }
        // At the top, unless that would scroll past the end: then the last
        // page, which shows it.
        if app.top == app.max_top() && app.layout.block_at(app.top) != Some(target) {
            let line = app.layout.line_of(target).unwrap();
            assert!(line > app.top && line < app.top + app.article_height());
            continue;
        }
        assert_eq!(app.layout.block_at(app.top), Some(target), "at {w}×{h}");
        let range = app.layout.lines[app.top].range.clone();
        assert!(
            range.start <= text,
            "at {w}×{h}: the top line starts after the old one"
        );
    }
    assert_eq!(
        app.layout.lines[app.top].range.start, text,
        "back at the first size: same line"
    );
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_clicks_select() {
    let mut app = app_at(sample_corpus(), 120, 40);
    let article = app.geometry.article;
    app.update(Action::Wheel {
        column: article.x + 2,
        row: 5,
        lines: 1,
    });
    assert_eq!(app.top, 3);
    app.update(Action::Wheel {
        column: article.x + 2,
        row: 5,
        lines: -1,
    });
    assert_eq!(app.top, 0);
    let quotes = app.geometry.quotes.unwrap();
    app.update(Action::Wheel {
        column: quotes.x + 2,
        row: quotes.y + 2,
        lines: 1,
    });
    assert_eq!(app.quotes.selected, 1);
    assert_eq!(app.top, 0);
    // Click on the third section (headings take one row or two), then double click it.
    let sections = app.geometry.sections.unwrap();
    let row = app.sections.row_of(2);
    app.update(Action::Click {
        column: 3,
        row,
        at_ms: 1_000,
    });
    assert_eq!(app.focus, Pane::Sections);
    assert_eq!(app.sections.selected, 2);
    assert_eq!(app.top, 0);
    app.update(Action::Click {
        column: 3,
        row,
        at_ms: 1_200,
    });
    assert_eq!(app.current_section(), 2);
    // Clicks far apart in time are not a double click.
    app.update(Action::Click {
        column: 3,
        row: sections.y + 1,
        at_ms: 5_000,
    });
    app.update(Action::Click {
        column: 3,
        row: sections.y + 1,
        at_ms: 9_000,
    });
    assert_eq!(app.current_section(), 2);
    app.update(Action::Click {
        column: article.x + 3,
        row: 3,
        at_ms: 10_000,
    });
    assert_eq!(app.focus, Pane::Article);
}

#[test]
fn nothing_is_laid_out_before_the_size_is_known() {
    let mut app = App::new(sample_corpus(), depeche::reader::Options { color: true });
    assert!(app.layout.is_empty());
    app.update(Action::Move(Motion::PageDown));
    assert_eq!(app.top, 0);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(
        app.layout.width,
        depeche::reader::layout::text_width_for(
            app.geometry.article.width,
            depeche::reader::layout::MAX_TEXT_WIDTH
        )
    );
    assert!(!app.layout.is_empty());
}

#[test]
fn tiny_and_empty_never_panic() {
    let mut app = App::new(
        Corpus { articles: vec![] },
        depeche::reader::Options { color: false },
    );
    for (w, h) in [(0, 0), (1, 1), (20, 6), (120, 40)] {
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        press(
            &mut app,
            &[
                Action::Move(Motion::PageDown),
                Action::NextSection,
                Action::NextPost,
                Action::PrevPost,
                Action::Focus(Pane::Sources),
                Action::Enter,
                Action::Focus(Pane::Quotes),
                Action::Enter,
                Action::Focus(Pane::Sections),
                Action::Enter,
                Action::ArticleList,
                Action::Back,
                Action::Click {
                    column: 1,
                    row: 1,
                    at_ms: 0,
                },
                Action::Wheel {
                    column: 1,
                    row: 1,
                    lines: 1,
                },
            ],
        );
    }
    assert_eq!(app.corpus.articles.len(), 1);
}

#[test]
fn a_too_small_screen_ignores_keys_and_keeps_every_place() {
    let mut app = app_at(sample_corpus(), 80, 24);
    press(
        &mut app,
        &[
            Action::Move(Motion::PageDown),
            Action::Focus(Pane::Sources),
            Action::Move(Motion::Bottom),
        ],
    );
    let (top, sources) = (app.top, app.sources.clone());
    app.update(Action::Resize {
        width: 15,
        height: 4,
    });
    press(
        &mut app,
        &[
            Action::Move(Motion::Top),
            Action::NextSection,
            Action::FocusNext,
        ],
    );
    assert_eq!(app.focus, Pane::Sources);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!((app.top, &app.sources), (top, &sources));
    app.update(Action::Quit);
    assert!(app.should_quit(), "quit works at any size");
}

#[test]
fn the_first_source_shows_its_group_heading() {
    let mut app = app_at(sample_corpus(), 80, 24);
    app.update(Action::Focus(Pane::Sources));
    app.update(Action::Move(Motion::Bottom));
    app.update(Action::Move(Motion::Top));
    assert_eq!(app.sources.list.selected, 1);
    assert_eq!(
        app.sources.list.offset, 0,
        "the People heading stays in view"
    );
}
