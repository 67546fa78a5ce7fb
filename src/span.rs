//! Byte spans into the original text: every stage addresses text by offsets, never by copies.

/// An end-exclusive range of UTF-8 byte offsets into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers in `text` (empty if the span is out of range).
    #[inline]
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// True when `other` lies entirely within this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the byte offset lies within this span.
    pub const fn contains_offset(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same bytes counted from `by` bytes earlier: a span of a stretch of text as a span of
    /// the text the stretch starts `by` bytes into.
    pub const fn moved_by(self, by: usize) -> Span {
        Span::new(self.start.saturating_add(by), self.end.saturating_add(by))
    }

    /// The same bytes counted from `by` bytes later: a span of a text as a span of the stretch
    /// of it that starts `by` bytes in (the inverse of [`Span::moved_by`]).
    pub const fn moved_back(self, by: usize) -> Span {
        Span::new(self.start.saturating_sub(by), self.end.saturating_sub(by))
    }

    /// This span with surrounding Unicode whitespace removed, measured in `text`.
    pub fn trim(&self, text: &str) -> Span {
        let piece = self.of(text);
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        Span::new(self.start + lead, self.start + lead + trimmed.len())
    }
}

/// Index of the span in sorted, disjoint `spans` that holds byte `at`, or of the nearest one
/// before it; None when `at` comes before them all.
pub fn index_at(spans: &[Span], at: usize) -> Option<usize> {
    spans.partition_point(|s| s.start <= at).checked_sub(1)
}
