//! Sorted spans and the overlap lookups that page furniture and embedded posts make for each
//! statement of a document.
//!
//! A statement asks "which of these spans overlap my quote?". Asked of a plain list, that is
//! one pass over the list per statement: the square of a document's size when a long
//! document has many tags or posts and many statements. A [`SpanIndex`] answers with a
//! binary search and a walk over the spans that can overlap the quote alone.

use crate::span::Span;

/// Spans, each with a value, sorted by start, with the furthest end reached so far: the
/// spans that overlap a query are the ones before the first that starts after it, walking back
/// while an earlier span can still reach into it.
#[derive(Debug, Clone)]
pub(crate) struct SpanIndex<T> {
    /// The spans and their values, by start (then end).
    items: Vec<(Span, T)>,
    /// `reach[i]`: the largest end among `items[..=i]`.
    reach: Vec<usize>,
}

impl<T> Default for SpanIndex<T> {
    fn default() -> Self {
        SpanIndex {
            items: Vec::new(),
            reach: Vec::new(),
        }
    }
}

impl<T> SpanIndex<T> {
    /// The index of `items`, in any order.
    pub(crate) fn new(mut items: Vec<(Span, T)>) -> Self {
        items.sort_by_key(|(span, _)| (span.start, span.end));
        let mut furthest = 0;
        let reach = items
            .iter()
            .map(|(span, _)| {
                furthest = furthest.max(span.end);
                furthest
            })
            .collect();
        SpanIndex { items, reach }
    }

    /// The spans (and values) that overlap `query`, from the last to start to the first.
    pub(crate) fn overlapping(&self, query: Span) -> impl Iterator<Item = &(Span, T)> {
        let before = self
            .items
            .partition_point(|(span, _)| span.start < query.end);
        self.items[..before]
            .iter()
            .zip(&self.reach[..before])
            .rev()
            .take_while(move |(_, &reach)| {
                count_step();
                reach > query.start
            })
            .map(|(item, _)| item)
            .filter(move |(span, _)| span.overlaps(query))
    }
}

#[cfg(test)]
thread_local! {
    /// Steps of work counted by [`count_step`] on this thread (tests only).
    static STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts one step of work: a span looked at, a line classified (tests only: a cost that
/// grows with the square of the input shows in the count, without timing anything).
#[inline]
pub(crate) fn count_step() {
    #[cfg(test)]
    STEPS.with(|steps| steps.set(steps.get() + 1));
}

/// The steps counted on this thread since the last call (tests only).
#[cfg(test)]
pub(crate) fn take_steps() -> usize {
    STEPS.with(|steps| steps.replace(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of small spans: the index finds what a pass over the list finds.
    #[test]
    fn overlapping_finds_what_a_full_pass_finds() {
        let mut random = crate::test_rng::xorshift(0x5EED_0F5B_A115);
        let mut next = |bound: usize| (random() % bound as u64) as usize;
        for _ in 0..300 {
            let items: Vec<(Span, usize)> = (0..next(12))
                .map(|i| {
                    let start = next(40);
                    (Span::new(start, start + next(15)), i)
                })
                .collect();
            let index = SpanIndex::new(items.clone());
            for start in 0..50 {
                for len in 0..12 {
                    let query = Span::new(start, start + len);
                    let mut want: Vec<usize> = items
                        .iter()
                        .filter(|(s, _)| s.overlaps(query))
                        .map(|&(_, i)| i)
                        .collect();
                    let mut got: Vec<usize> = index.overlapping(query).map(|&(_, i)| i).collect();
                    want.sort_unstable();
                    got.sort_unstable();
                    assert_eq!(got, want, "{query:?} in {items:?}");
                }
            }
        }
    }

    /// Disjoint spans, one query per span: the lookups look at a few spans each, however
    /// many there are (a pass over the list per query would look at n * n).
    #[test]
    fn disjoint_spans_cost_a_few_steps_per_query() {
        for n in [100, 10_000] {
            let index =
                SpanIndex::new((0..n).map(|i| (Span::new(10 * i, 10 * i + 4), i)).collect());
            take_steps();
            let mut found = 0;
            for i in 0..n {
                found += index.overlapping(Span::new(10 * i + 2, 10 * i + 8)).count();
                found += index.overlapping(Span::new(10 * i + 5, 10 * i + 9)).count();
            }
            assert_eq!(found, n);
            assert!(take_steps() <= 4 * n, "steps grow faster than the spans");
        }
    }
}
