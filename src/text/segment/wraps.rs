//! Hard-wrapped text: paragraphs separated by blank lines, each broken into lines at about one
//! column (e-mail, text dumps and terminals wrap at 60 to 80). In such a document a single line
//! break inside a paragraph is a wrap, not a paragraph end.
//!
//! A document is hard-wrapped when all of these hold:
//! - it has blocks separated by blank lines, and at least [`MIN_WRAPS`] line breaks inside
//!   blocks;
//! - nine in ten of its lines are at most [`MAX_COLUMN`] characters (a long URL may stick out);
//! - the wrap column, the longest of those lines, is at least [`MIN_COLUMN`] characters;
//! - four in five lines that end inside a block reach [`FULL_LINE`] of the column: a wrapped
//!   line is full, where a list, a table or a headline over its story is ragged.
//!
//! Measured on the 1,075 real articles of PolNeAR and realnews-dev (one line a paragraph, some
//! with lists and headlines inside blocks), no document counts as wrapped; the same articles
//! wrapped at 72 columns count in 426 of 435 (the rest have fewer than three wraps).

/// Fewest line breaks inside blocks for a document to count as wrapped.
pub(super) const MIN_WRAPS: usize = 3;
/// The longest wrap column, in characters.
pub(super) const MAX_COLUMN: usize = 100;
/// The shortest wrap column, in characters.
pub(super) const MIN_COLUMN: usize = 40;
/// The share of the column a full line reaches, in tenths.
pub(super) const FULL_LINE: usize = 7;

/// Each line of `text` as (start, end) byte offsets without its line break (split at `\n`,
/// `\r\n` or a lone `\r`), and whether it is blank.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let bytes = text.as_bytes();
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let end = bytes
            .get(from..)
            .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
            .map(|off| from + off);
        start = end.map(|at| {
            let crlf = bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n');
            at + 1 + usize::from(crlf)
        });
        let end = end.unwrap_or(bytes.len());
        let blank = text
            .get(from..end)
            .is_none_or(|line| line.chars().all(char::is_whitespace));
        Some((from, end, blank))
    })
}

/// Whether `text` is hard-wrapped (see the module documentation). The blocks are counted
/// first, which needs no widths: most texts (one line a paragraph) stop there.
#[cfg(test)]
pub(super) fn is_hard_wrapped(text: &str) -> bool {
    let mut count = BlockCount::new();
    for (_, _, blank) in lines(text) {
        count.line(blank);
    }
    count.wrapped(text)
}

/// The blocks (runs of non-blank lines) and the line breaks inside them of a text, counted
/// line by line over [`lines`], for [`BlockCount::wrapped`].
pub(super) struct BlockCount {
    /// Line breaks inside blocks.
    wraps: usize,
    /// Blocks.
    blocks: usize,
    /// Whether the line before was blank (true before the first).
    previous_blank: bool,
}

impl BlockCount {
    /// Nothing counted yet.
    pub(super) fn new() -> BlockCount {
        BlockCount {
            wraps: 0,
            blocks: 0,
            previous_blank: true,
        }
    }

    /// Counts the next line, blank or not.
    pub(super) fn line(&mut self, blank: bool) {
        match (blank, self.previous_blank) {
            (false, true) => self.blocks += 1,
            (false, false) => self.wraps += 1,
            _ => {}
        }
        self.previous_blank = blank;
    }

    /// Whether `text`, whose lines were all counted, is hard-wrapped (see the module
    /// documentation): the widths are read only when the counts allow it.
    pub(super) fn wrapped(&self, text: &str) -> bool {
        let (blocks, wraps) = (self.blocks, self.wraps);
        if blocks < 2 || wraps < MIN_WRAPS {
            return false;
        }
        let width = |start: usize, end: usize| {
            text.get(start..end)
                .map_or(0, |l| l.trim_end().chars().count())
        };
        // The column: the longest line of at most MAX_COLUMN characters, most lines being such.
        let mut lines_seen = 0;
        let mut long = 0;
        let mut column = 0;
        for (start, end, blank) in lines(text) {
            if blank {
                continue;
            }
            lines_seen += 1;
            let w = width(start, end);
            if w > MAX_COLUMN {
                long += 1;
            } else {
                column = column.max(w);
            }
        }
        if long * 10 > lines_seen || column < MIN_COLUMN {
            return false;
        }
        // The lines that end inside a block are full.
        let mut full = 0;
        let mut held: Option<usize> = None; // the width of the last non-blank line
        for (start, end, blank) in lines(text) {
            if blank {
                held = None;
                continue;
            }
            if let Some(w) = held {
                full += usize::from(w * 10 >= column * FULL_LINE);
            }
            held = Some(width(start, end));
        }
        full * 5 >= wraps * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `paragraphs` wrapped at `column` characters, separated by blank lines.
    fn wrapped(paragraphs: &[&str], column: usize) -> String {
        paragraphs
            .iter()
            .map(|p| {
                let mut lines = vec![String::new()];
                for word in p.split_whitespace() {
                    let last = lines.last_mut().unwrap();
                    if !last.is_empty() && last.len() + 1 + word.len() > column {
                        lines.push(word.to_string());
                    } else {
                        if !last.is_empty() {
                            last.push(' ');
                        }
                        last.push_str(word);
                    }
                }
                lines.join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    const STORY: [&str; 3] = [
        "The harbour board voted on Tuesday to close the old ferry pier for repairs that \
         engineers say will take most of the winter and cost more than planned.",
        "\"We had no choice once the survey came back,\" the board's chair, Jane Roe, told the \
         local paper after the meeting, adding that the ferry would use the north dock.",
        "Residents who rely on the morning crossing said the change would add twenty minutes \
         to their commute, and several asked the board to run an extra boat.",
    ];

    #[test]
    fn text_wrapped_at_a_column_is_wrapped() {
        for column in [60, 72, 80] {
            assert!(is_hard_wrapped(&wrapped(&STORY, column)), "{column}");
        }
    }

    #[test]
    fn one_line_a_paragraph_is_not_wrapped() {
        assert!(!is_hard_wrapped(&STORY.join("\n")));
        assert!(!is_hard_wrapped(&STORY.join("\n\n")));
    }

    #[test]
    fn lists_and_headlines_inside_blocks_are_not_wraps() {
        let list = "What the council decided:\n\nNew bus lanes\nA later library\nMore parks\nNo \
                    tax rise\n\nThe vote was close.";
        assert!(!is_hard_wrapped(list));
        let headline = format!(
            "Pier to close for the winter\n{}\n\nBoard names new chair\n{}",
            STORY[0], STORY[1]
        );
        assert!(!is_hard_wrapped(&headline));
    }

    #[test]
    fn a_long_url_line_does_not_unwrap_a_wrapped_text() {
        let mut text = wrapped(&STORY, 72);
        text.push_str("\n\nhttps://example.test/a/very/long/address/that/runs/well/past/any/wrap/column/of/the/text/at/all/index.html");
        assert!(is_hard_wrapped(&text));
    }
}
