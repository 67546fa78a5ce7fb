//! Stretches: a text far longer than any article (a book, a dump of many articles run
//! together, a log) is read a stretch at a time, so that its memory is that of one stretch.
//!
//! A text of at most [`STRETCH_BYTES`] is one stretch, so an article is always read whole.
//! A longer one is cut into stretches of at most that many bytes, each cut in the second half
//! of its stretch at the best break there, in this order of preference:
//! 1. a blank line (a paragraph break in any document, and the only one in a hard-wrapped
//!    document, so each stretch keeps the whole text's paragraph layout);
//! 2. a line break;
//! 3. a space after a sentence's stop (`.`, `!` or `?`);
//! 4. any space or tab;
//! 5. the last character boundary (a text with no space at all).
//!
//! A cut never falls inside an embedded post's block: it moves to the block's start. The
//! stretches cover the text without gap or overlap, in order.

use crate::span::Span;

/// The most bytes one stretch has (1 MiB). News articles are a few kilobytes; the longest
/// real page text seen (realnews-dev) is under 100 KB.
pub const STRETCH_BYTES: usize = 1 << 20;

/// The stretches of `text` (see the module documentation), at most `size` bytes each unless a
/// post's block is longer, keeping each of `blocks` whole.
pub fn stretches(text: &str, size: usize, blocks: &[Span]) -> Vec<Span> {
    let size = size.max(8);
    let mut out = Vec::with_capacity(text.len() / size + 1);
    let mut start = 0;
    while text.len() - start > size {
        let end = cut(text, start, start + size);
        // A block's edge is a character boundary; a cut that would not be stays where it was.
        let end = Some(clear_of(blocks, start, end))
            .filter(|&at| text.is_char_boundary(at))
            .unwrap_or(end);
        out.push(Span::new(start, end));
        start = end;
    }
    // A block that ran to the end took the last stretch's bytes.
    if start < text.len() || out.is_empty() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Where the stretch from `start` ends, at most at `limit` (< the text's length): the best
/// break in the second half of `start..limit`.
fn cut(text: &str, start: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let from = start + (limit - start) / 2;
    let window = bytes.get(from..limit).unwrap_or_default();
    let after = |at: Option<usize>, width: usize| at.map(|at| from + at + width);
    let blank_line = [&b"\n\n"[..], b"\n\r\n", b"\r\r"]
        .iter()
        .filter_map(|pair| after(memchr::memmem::rfind(window, pair), pair.len()))
        .max();
    let sentence_end = || {
        memchr::memrchr_iter(b' ', window)
            .find(|&at| at > 0 && matches!(window[at - 1], b'.' | b'!' | b'?'))
            .map(|at| from + at + 1)
    };
    blank_line
        .or_else(|| after(memchr::memrchr2(b'\n', b'\r', window), 1))
        .or_else(sentence_end)
        .or_else(|| after(memchr::memrchr2(b' ', b'\t', window), 1))
        .unwrap_or_else(|| floor_char_boundary(text, limit))
        .max(start + 1)
}

/// `at`, or the start of the block of `blocks` that holds it inside (when that start is past
/// `start`), else that block's end: a cut that keeps every block whole.
fn clear_of(blocks: &[Span], start: usize, at: usize) -> usize {
    match blocks.iter().find(|b| b.start < at && at < b.end) {
        Some(block) if block.start > start => block.start,
        Some(block) => block.end,
        None => at,
    }
}

/// The last character boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stretches of `text` joined again, and checked to cover it in order.
    fn covered(text: &str, stretches: &[Span]) -> String {
        let mut at = 0;
        for s in stretches {
            assert_eq!(s.start, at, "{stretches:?}");
            assert!(s.end > s.start, "{stretches:?}");
            assert!(text.is_char_boundary(s.end));
            at = s.end;
        }
        assert_eq!(at, text.len());
        stretches.iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn a_text_within_the_size_is_one_stretch() {
        let text = "Jane Roe said the plan would fail.\n\nBob Lee agreed.";
        assert_eq!(stretches(text, 1000, &[]), vec![Span::new(0, text.len())]);
        assert_eq!(stretches("", 1000, &[]), vec![Span::new(0, 0)]);
    }

    #[test]
    fn a_long_text_is_cut_after_its_last_blank_line_in_reach() {
        let paragraph = "Jane Roe said the plan\nwould fail at once.\n\n";
        let text = paragraph.repeat(20);
        let found = stretches(&text, 100, &[]);
        assert_eq!(covered(&text, &found), text);
        for s in &found[..found.len() - 1] {
            assert!(s.len() <= 100);
            assert!(s.of(&text).ends_with("\n\n"), "{:?}", s.of(&text));
        }
    }

    #[test]
    fn without_blank_lines_a_line_break_then_a_sentence_end_is_the_cut() {
        let lines = "Jane Roe said the plan would fail.\n".repeat(20);
        let found = stretches(&lines, 100, &[]);
        assert_eq!(covered(&lines, &found), lines);
        assert!(found[0].of(&lines).ends_with(".\n"));
        let one_line = "Jane Roe said the plan would fail. ".repeat(20);
        let found = stretches(&one_line, 100, &[]);
        assert_eq!(covered(&one_line, &found), one_line);
        assert!(found[0].of(&one_line).ends_with("fail. "));
    }

    #[test]
    fn a_text_without_spaces_is_cut_between_characters() {
        let text = "é".repeat(300);
        let found = stretches(&text, 101, &[]);
        assert_eq!(covered(&text, &found), text);
        assert!(found.iter().all(|s| s.len() <= 101));
    }

    #[test]
    fn a_cut_keeps_a_post_whole() {
        let text = "Jane Roe said the plan would fail.\n".repeat(20);
        let plain = stretches(&text, 100, &[]);
        let cut = plain[0].end;
        let block = Span::new(cut - 10, cut + 10);
        let found = stretches(&text, 100, &[block]);
        assert_eq!(covered(&text, &found), text);
        assert!(found.iter().any(|s| s.contains(block)), "{found:?}");
    }
}
