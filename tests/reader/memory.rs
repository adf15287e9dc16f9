//! What the reader remembers across runs, through `App::update`: the place
//! restored (whatever the width) with its message and Ctrl-o back to the
//! top, saving only changes and only after a pause, marks, and the search
//! history with its mode. The storage itself is the runtime's (tests/e2e).

use crate::common::corpora::{app_at, sample_corpus, two_articles};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use depeche::corpus::model::BlockRef;
use depeche::reader::keymap::action_for_key;
use depeche::reader::memory::{
    MarkKey, RESTORED_MESSAGE, Recalled, Remember, SAVE_TICKS, SavedPlace,
};
use depeche::reader::{Action, App, Effect, Motion, PromptEdit, Start};
use depeche::search::SearchMode;

const DOC: &str = "bundled";

fn message(app: &App) -> Option<&str> {
    app.message.as_ref().map(|m| m.value.text.as_str())
}

fn remembered(app: &mut App) -> Vec<Remember> {
    app.take_effects()
        .into_iter()
        .filter_map(|e| match e {
            Effect::Remember(r) => Some(r),
            _ => None,
        })
        .collect()
}

/// A reader that remembers under `DOC`, its recall request taken.
fn reader(width: u16, height: u16) -> App {
    let mut app = app_at(sample_corpus(), width, height);
    app.remember_as(DOC);
    assert_eq!(
        remembered(&mut app),
        [Remember::Recall {
            document: DOC.into()
        }]
    );
    app
}

fn recalled(places: Vec<(&str, SavedPlace)>) -> Action {
    Action::Recalled(Recalled {
        document: DOC.into(),
        places: places
            .into_iter()
            .map(|(a, p)| (a.to_string(), p))
            .collect(),
        marks: Vec::new(),
    })
}

fn block_place(section: usize, block: usize, offset: usize) -> SavedPlace {
    SavedPlace {
        section,
        block: Some(block),
        offset,
    }
}

/// The block the top line shows.
fn top_block(app: &App) -> Option<BlockRef> {
    app.layout.block_at(app.top)
}

#[test]
fn the_place_left_is_restored_at_any_width_and_ctrl_o_goes_to_the_top() {
    let id = sample_corpus().articles[0].id.to_string();
    for (width, height) in [(120, 40), (80, 24), (44, 14)] {
        let mut app = reader(width, height);
        app.update(recalled(vec![(&id, block_place(1, 1, 0))]));
        assert_eq!(
            top_block(&app),
            Some(BlockRef {
                section: 1,
                block: 1
            }),
            "{width}x{height}"
        );
        assert_eq!(message(&app), Some(RESTORED_MESSAGE));
        // Restoring is not a change to save.
        for _ in 0..SAVE_TICKS + 1 {
            app.update(Action::Tick);
        }
        assert_eq!(remembered(&mut app), []);
        app.update(Action::Back);
        assert_eq!(app.top, 0, "Ctrl-o: the top");
    }
}

#[test]
fn an_offset_in_a_long_paragraph_survives_a_new_width() {
    let id = sample_corpus().articles[0].id.to_string();
    let mut wide = reader(120, 40);
    // Somewhere inside the longest paragraph: its lines differ by width.
    let article = &wide.corpus.articles[0];
    let (at, text) = article
        .blocks()
        .filter_map(|(at, b)| Some((at, b.as_paragraph()?.text.clone())))
        .max_by_key(|(_, t)| t.len())
        .unwrap();
    let offset = text
        .char_indices()
        .nth(text.chars().count() * 2 / 3)
        .unwrap()
        .0;
    let place = block_place(at.section as usize, at.block as usize, offset);
    wide.update(recalled(vec![(&id, place)]));
    let mut narrow = reader(30, 12);
    narrow.update(recalled(vec![(&id, place)]));
    for app in [&wide, &narrow] {
        let line = &app.layout.lines[app.top];
        assert_eq!(line.block(), Some(at));
        assert!(
            line.range.start as usize <= offset && offset <= line.range.end as usize,
            "the top line holds the offset at width {}",
            app.layout.width
        );
    }
}

#[test]
fn a_heading_and_another_article_are_places_too() {
    let mut app = app_at(two_articles(), 80, 24);
    app.remember_as(DOC);
    let second = app.corpus.articles[1].id.to_string();
    let first = app.corpus.articles[0].id.to_string();
    app.update(Action::Recalled(Recalled {
        document: DOC.into(),
        // The article read last comes first.
        places: vec![(second, SavedPlace::TOP), (first, block_place(1, 0, 0))],
        marks: Vec::new(),
    }));
    assert_eq!((app.current, app.top), (1, 0), "the article read last");

    let id = sample_corpus().articles[0].id.to_string();
    let mut app = reader(80, 24);
    let heading = SavedPlace {
        section: 2,
        block: None,
        offset: 0,
    };
    app.update(recalled(vec![(&id, heading)]));
    let shown = (app.top..app.top + 2)
        .filter_map(|l| app.layout.lines.get(l))
        .find(|l| l.kind == depeche::reader::layout::LineKind::Heading)
        .map(|l| l.section());
    assert_eq!(shown, Some(2), "the heading at the top");
}

#[test]
fn the_top_and_unknown_articles_restore_nothing() {
    let id = sample_corpus().articles[0].id.to_string();
    let mut app = reader(80, 24);
    app.update(recalled(vec![(&id, SavedPlace::TOP)]));
    assert_eq!((app.top, message(&app)), (0, None));
    app.update(recalled(vec![("no-such-article", block_place(1, 1, 0))]));
    assert_eq!((app.top, message(&app)), (0, None));
    // Another document's memory is not this one's.
    app.update(Action::Recalled(Recalled {
        document: "url:https://elsewhere.example/".into(),
        places: vec![(id, block_place(1, 1, 0))],
        marks: Vec::new(),
    }));
    assert_eq!(app.top, 0);
}

#[test]
fn where_the_command_line_sends_the_reader_wins_over_the_place_left() {
    let id = sample_corpus().articles[0].id.to_string();
    let mut app = App::new(sample_corpus(), depeche::reader::Options { color: false });
    app.start_at(Start::Search("Kyiv".into(), SearchMode::Plain));
    app.remember_as(DOC);
    app.update(recalled(vec![(&id, block_place(2, 0, 0))]));
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_ne!(message(&app), Some(RESTORED_MESSAGE));
}

#[test]
fn what_is_recalled_before_the_first_size_waits_for_it() {
    let id = sample_corpus().articles[0].id.to_string();
    let mut app = App::new(sample_corpus(), depeche::reader::Options { color: false });
    app.remember_as(DOC);
    app.update(recalled(vec![(&id, block_place(1, 1, 0))]));
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(
        top_block(&app),
        Some(BlockRef {
            section: 1,
            block: 1
        })
    );
    assert_eq!(message(&app), Some(RESTORED_MESSAGE));
}

#[test]
fn a_place_is_saved_once_after_a_pause_and_on_quitting() {
    let mut app = reader(80, 24);
    let id = app.corpus.articles[0].id.to_string();
    app.update(Action::Move(Motion::PageDown));
    app.update(Action::Move(Motion::LineDown));
    for _ in 0..SAVE_TICKS - 1 {
        assert!(app.wants_tick(), "a changed place asks for ticks");
        app.update(Action::Tick);
        assert_eq!(remembered(&mut app), [], "not before the pause");
    }
    app.update(Action::Tick);
    let saved = remembered(&mut app);
    let [
        Remember::Place {
            document,
            article,
            place,
        },
    ] = saved.as_slice()
    else {
        panic!("one place saved: {saved:?}");
    };
    assert_eq!((document.as_str(), article.as_str()), (DOC, id.as_str()));
    assert_ne!(*place, SavedPlace::TOP, "a page down is not the top");
    // Nothing moved since: nothing more to save, even on quitting.
    for _ in 0..SAVE_TICKS {
        app.update(Action::Tick);
    }
    app.update(Action::Quit);
    assert_eq!(remembered(&mut app), []);

    let mut app = reader(80, 24);
    app.update(Action::Move(Motion::PageDown));
    app.update(Action::Quit);
    assert!(matches!(
        remembered(&mut app).as_slice(),
        [Remember::Place { .. }]
    ));
}

#[test]
fn without_a_document_nothing_is_remembered() {
    let mut app = app_at(sample_corpus(), 80, 24);
    app.update(Action::Move(Motion::PageDown));
    app.update(Action::MarkKey(MarkKey::Set));
    app.update(Action::MarkLetter('a'));
    for _ in 0..SAVE_TICKS + 1 {
        app.update(Action::Tick);
    }
    app.update(Action::Quit);
    assert_eq!(remembered(&mut app), []);
}

#[test]
fn marks_are_set_with_m_and_reached_with_quote() {
    let mut app = reader(80, 24);
    let id = app.corpus.articles[0].id.to_string();
    app.update(Action::Move(Motion::PageDown));
    let marked = app.top;
    app.update(Action::MarkKey(MarkKey::Set));
    app.update(Action::MarkLetter('a'));
    assert_eq!(message(&app), Some("mark a set"));
    let effects = remembered(&mut app);
    assert!(
        effects.iter().any(|e| matches!(e,
            Remember::Mark { document, article, letter: 'a', .. } if document == DOC && article == &id)),
        "{effects:?}"
    );
    app.update(Action::Move(Motion::Bottom));
    let bottom = app.top;
    app.update(Action::MarkKey(MarkKey::Jump));
    app.update(Action::MarkLetter('a'));
    assert_eq!(app.top, marked);
    // '' : back to where the jump left.
    app.update(Action::MarkKey(MarkKey::Jump));
    app.update(Action::MarkLetter('\''));
    assert_eq!(app.top, bottom);
    app.update(Action::MarkKey(MarkKey::Jump));
    app.update(Action::MarkLetter('z'));
    assert_eq!(message(&app), Some("no mark z in this article"));
    app.update(Action::MarkKey(MarkKey::Set));
    app.update(Action::MarkLetter('1'));
    assert_eq!(message(&app), Some("marks are letters: a to z, A to Z"));
}

#[test]
fn marks_of_earlier_runs_come_with_the_place() {
    let mut app = reader(80, 24);
    let id = app.corpus.articles[0].id.to_string();
    app.update(Action::Recalled(Recalled {
        document: DOC.into(),
        places: Vec::new(),
        marks: vec![(id, 'q', block_place(2, 0, 0))],
    }));
    assert_eq!(app.marks(), ['q']);
    app.update(Action::MarkKey(MarkKey::Jump));
    app.update(Action::MarkLetter('q'));
    assert_eq!(
        top_block(&app).map(|b| b.section),
        Some(2),
        "the mark's section is at the top"
    );
}

fn key(ctx: depeche::reader::keymap::KeyContext, code: KeyCode) -> Option<Action> {
    action_for_key(ctx, KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn after_m_any_character_is_the_letter_and_esc_forgets_it() {
    let mut app = reader(80, 24);
    assert_eq!(
        key(app.key_context(), KeyCode::Char('m')),
        Some(Action::MarkKey(MarkKey::Set))
    );
    app.update(Action::MarkKey(MarkKey::Set));
    // `q` would quit: after `m` it is a mark's letter.
    assert_eq!(
        key(app.key_context(), KeyCode::Char('q')),
        Some(Action::MarkLetter('q'))
    );
    assert_eq!(
        key(app.key_context(), KeyCode::Char('?')),
        Some(Action::MarkLetter('?'))
    );
    app.update(Action::MarkLetter('?'));
    assert_eq!(message(&app), Some("marks are letters: a to z, A to Z"));
    assert!(app.overlay.is_none());
    // Any other action forgets the mark, and acts.
    app.update(Action::MarkKey(MarkKey::Set));
    app.update(Action::Move(Motion::LineDown));
    assert!(app.memory.awaiting.is_none());
    assert_eq!(app.top, 1);
    app.update(Action::MarkKey(MarkKey::Jump));
    assert_eq!(key(app.key_context(), KeyCode::Esc), Some(Action::Close));
    app.update(Action::Close);
    assert!(app.memory.awaiting.is_none());
}

#[test]
fn searches_of_earlier_runs_come_back_with_their_mode() {
    let mut app = reader(80, 24);
    app.update(Action::SearchHistory(vec![
        ("otan".into(), SearchMode::Plain),
        ("Ky.v".into(), SearchMode::Regex),
    ]));
    app.update(Action::Search);
    app.update(Action::Prompt(PromptEdit::HistoryUp));
    assert_eq!(app.search.prompt.text(), "Ky.v");
    assert_eq!(app.search.prompt.mode(), SearchMode::Regex);
    app.update(Action::Prompt(PromptEdit::HistoryUp));
    assert_eq!(app.search.prompt.text(), "otan");
    assert_eq!(app.search.prompt.mode(), SearchMode::Plain);
    app.update(Action::Prompt(PromptEdit::Commit));
    assert!(
        remembered(&mut app).contains(&Remember::Search {
            query: "otan".into(),
            mode: SearchMode::Plain
        }),
        "a search kept is remembered"
    );
}

#[test]
fn the_restored_message_names_the_back_key_in_force() {
    let id = sample_corpus().articles[0].id.to_string();
    let mut app = reader(80, 24);
    let config = depeche::config::parse("[keys.reader]\nback = \"backspace\"\n", "c").unwrap();
    app.settings.keymap = config.settings.keymap;
    app.update(recalled(vec![(&id, block_place(1, 1, 0))]));
    let said = message(&app).unwrap_or_default();
    assert_eq!(said, "back to where you were — Backspace for the top");
}
