//! Counted work, for the scaling tests (docs/security.md, "Cost"): the
//! loops whose cost an input can drive count their steps here, and a test
//! compares the count at n and 4n — never a clock.
//!
//! Counters are per thread (a test reads what its own thread did, whatever
//! runs beside it) and cost one add on a thread-local cell.

use std::cell::Cell;

/// What is counted: one kind of step each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// A grapheme cluster measured (or stepped over) by `--search` while
    /// cutting the text around a match or a label.
    SearchGraphemes,
    /// A link looked up to deduplicate the links of an article.
    LinkLookups,
    /// A cite looked up to find one repeated.
    CiteLookups,
}

const KINDS: usize = 3;

thread_local! {
    static COUNTS: [Cell<u64>; KINDS] = const { [const { Cell::new(0) }; KINDS] };
}

/// Adds `n` steps of `work` on this thread.
#[inline]
pub fn count(work: Work, n: u64) {
    COUNTS.with(|counts| {
        let cell = &counts[work as usize];
        cell.set(cell.get().wrapping_add(n));
    });
}

/// Steps of `work` this thread has counted so far (compare two readings).
pub fn counted(work: Work) -> u64 {
    COUNTS.with(|counts| counts[work as usize].get())
}

/// Runs `f` and returns its result with the steps of `work` it took on this thread.
pub fn measure<T>(work: Work, f: impl FnOnce() -> T) -> (T, u64) {
    let before = counted(work);
    let out = f();
    (out, counted(work).wrapping_sub(before))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_per_kind_and_per_thread() {
        let ((), n) = measure(Work::LinkLookups, || {
            count(Work::LinkLookups, 3);
            count(Work::CiteLookups, 5);
            std::thread::spawn(|| count(Work::LinkLookups, 100))
                .join()
                .unwrap();
        });
        assert_eq!(n, 3);
    }
}
