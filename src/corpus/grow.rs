//! Growing the long lists of what an article holds (display lines, URLs,
//! links, items read from JSON) by a quarter rather than doubling: the
//! same amortised cost, but a list holds at most a quarter more than it
//! needs while it grows, instead of twice as much (what peak memory is
//! made of for an article of many small items, docs/performance.md).

/// Pushes `item`, making room for a quarter more (at least 4) when full.
pub fn push<T>(list: &mut Vec<T>, item: T) {
    if list.len() == list.capacity() {
        list.reserve_exact((list.len() / 4).max(4));
    }
    list.push(item);
}

/// Appends every item of `items`, growing as [`push`] does.
pub fn extend<T>(list: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    for item in items {
        push(list, item);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_list_holds_at_most_a_quarter_more_than_it_needs() {
        let mut list = Vec::new();
        for i in 0..100_000 {
            super::push(&mut list, i);
            assert!(list.capacity() <= list.len() + list.len() / 4 + 4);
        }
    }
}
