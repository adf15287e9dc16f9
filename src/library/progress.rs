//! Refresh progress: a trait the refresh reports to, and the indicatif bar
//! the CLI shows on stderr (only when stderr is a terminal: a pipe or a log
//! gets no bar, and stdout is never touched).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{FeedOutcome, RefreshSummary};

/// What a refresh tells as it goes. Called on the refreshing thread.
pub trait Progress {
    fn started(&mut self, feeds: usize);
    fn feed_done(&mut self, outcome: &FeedOutcome);
    fn finished(&mut self, summary: &RefreshSummary);
}

/// Tells nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn started(&mut self, _: usize) {}
    fn feed_done(&mut self, _: &FeedOutcome) {}
    fn finished(&mut self, _: &RefreshSummary) {}
}

/// A progress bar: `[=====>    ] 12/40 feeds  Le Monde`.
pub struct BarProgress {
    bar: ProgressBar,
    done: usize,
    failed: usize,
}

impl BarProgress {
    /// Drawn on stderr when it is a terminal; hidden otherwise.
    pub fn stderr() -> BarProgress {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        BarProgress::new(target)
    }

    pub fn new(target: ProgressDrawTarget) -> BarProgress {
        let bar = ProgressBar::with_draw_target(Some(0), target);
        let style =
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} feeds  {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        bar.set_style(style);
        BarProgress {
            bar,
            done: 0,
            failed: 0,
        }
    }

    /// Feeds done, feeds failed so far.
    pub fn counts(&self) -> (usize, usize) {
        (self.done, self.failed)
    }
}

impl Progress for BarProgress {
    fn started(&mut self, feeds: usize) {
        self.bar.set_length(feeds as u64);
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    fn feed_done(&mut self, outcome: &FeedOutcome) {
        self.done += 1;
        if outcome.result.is_err() {
            self.failed += 1;
        }
        // The name is feed data: cut and escaped like any message.
        let name = crate::corpus::sanitize::for_message(&outcome.name);
        let mark = if outcome.result.is_ok() {
            ""
        } else {
            "failed: "
        };
        self.bar.set_message(format!("{mark}{name}"));
        self.bar.inc(1);
    }

    fn finished(&mut self, _: &RefreshSummary) {
        self.bar.finish_and_clear();
    }
}
