//! Resize storms: hundreds of resizes between 1×1 and 500×200, drawn after
//! each one, never panic, every screen holds together, and when the size
//! comes back the paragraph at the top of the article is the same.

use crate::common::robust::{Screen, load, reader};
use depeche::corpus::model::BlockRef;
use depeche::reader::{Action, App, Motion, Pane};

fn bundled() -> depeche::corpus::model::Corpus {
    load(depeche::corpus::BUNDLED_CORPUS.as_bytes())
}

/// What is at the top of the article pane: the section, and the block (a
/// blank separator counts for the block below it; `None` for the title and
/// headings).
fn top_paragraph(app: &App) -> (usize, Option<BlockRef>) {
    (app.current_section(), app.layout.block_at(app.top))
}

/// A small deterministic generator (xorshift), so a storm is the same on every run.
struct Storm(u64);

impl Storm {
    fn next(&mut self, below: u16) -> u16 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % u64::from(below)) as u16
    }

    fn size(&mut self) -> (u16, u16) {
        (1 + self.next(500), 1 + self.next(200))
    }
}

#[test]
fn a_storm_of_resizes_keeps_the_place_and_never_breaks_the_screen() {
    let mut screen = Screen::default();
    let mut storm = Storm(0x5eed_cafe);
    for (home_width, home_height) in [(120, 40), (50, 16)] {
        let mut app = reader(bundled(), home_width, home_height);
        // Somewhere in the middle of the article, then a few places further.
        for step in 0..3 {
            app.update(Action::Move(Motion::HalfPageDown));
            for _ in 0..step * 7 {
                app.update(Action::Move(Motion::LineDown));
            }
            let home = top_paragraph(&app);
            let home_top = app.top;
            for i in 0..40 {
                let (w, h) = match i % 10 {
                    0 => (1, 1),
                    1 => (500, 200),
                    _ => storm.size(),
                };
                app.update(Action::Resize {
                    width: w,
                    height: h,
                });
                // Checking every screen this big is slow in debug: one in four.
                if i % 4 == 3 {
                    screen.check(&app, &format!("storm at {w}x{h}"));
                } else {
                    screen.draw(&app);
                }
            }
            app.update(Action::Resize {
                width: home_width,
                height: home_height,
            });
            screen.check(&app, "back home");
            assert_eq!(
                top_paragraph(&app),
                home,
                "at {home_width}x{home_height}: top moved from line {home_top} to {}",
                app.top
            );
        }
    }
}

#[test]
fn every_width_from_one_to_three_hundred_and_back_keeps_the_top_paragraph() {
    // A slow drag of the window edge: every width in turn, both ways.
    let mut app = reader(bundled(), 100, 30);
    app.update(Action::Move(Motion::PageDown));
    app.update(Action::Move(Motion::PageDown));
    let home = top_paragraph(&app);
    let mut screen = Screen::default();
    for width in (1..=300).chain((1..300).rev()) {
        app.update(Action::Resize { width, height: 30 });
        if width % 29 == 0 {
            screen.check(&app, &format!("drag at {width}x30"));
        }
    }
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    assert_eq!(top_paragraph(&app), home);
}

#[test]
fn a_storm_with_an_overlay_or_a_folded_pane_open() {
    let mut storm = Storm(42);
    let mut screen = Screen::default();
    for open in [
        Action::Help,
        Action::Focus(Pane::Quotes),
        Action::Focus(Pane::Sources),
    ] {
        let mut app = reader(bundled(), 60, 20);
        app.update(open.clone());
        for _ in 0..40 {
            let (w, h) = storm.size();
            app.update(Action::Resize {
                width: w,
                height: h,
            });
            app.update(Action::Move(Motion::PageDown));
            screen.check(&app, &format!("{open:?} at {w}x{h}"));
        }
    }
}

#[test]
fn extreme_sizes_never_panic() {
    // The largest sizes a terminal can report go through update (drawing a
    // 65535×65535 buffer is out of reach); long thin screens are drawn too.
    let mut app = reader(bundled(), 80, 24);
    let mut screen = Screen::default();
    for (w, h) in [(u16::MAX, u16::MAX), (u16::MAX, 3), (3, u16::MAX), (0, 0)] {
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        for action in [
            Action::Move(Motion::PageDown),
            Action::Move(Motion::Bottom),
            Action::NextSection,
            Action::Focus(Pane::Quotes),
            Action::Enter,
            Action::Back,
            Action::Help,
            Action::Move(Motion::Bottom),
            Action::Close,
        ] {
            app.update(action);
        }
        assert!(app.top < app.layout.len().max(1), "at {w}x{h}");
    }
    for (w, h) in [(2000, 1), (1, 2000), (2000, 6), (20, 2000)] {
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        app.update(Action::Move(Motion::PageDown));
        screen.check(&app, &format!("at {w}x{h}"));
    }
}
