//! Aligned text tables for people: columns fit the terminal width, long cells wrap.

use textwrap::core::display_width;

/// A column: its heading, its least width, and its share of the spare width.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The heading.
    pub title: &'static str,
    /// The least width in terminal cells.
    pub width: usize,
    /// Columns share the width left over in proportion to `grow` (0: never wider).
    pub grow: usize,
}

impl Column {
    /// A column titled `title`, at least `width` cells wide, taking `grow` shares of spare width.
    pub const fn new(title: &'static str, width: usize, grow: usize) -> Column {
        Column { title, width, grow }
    }
}

/// Columns laid out for one terminal width.
#[derive(Debug, Clone)]
pub struct Table {
    widths: Vec<usize>,
    titles: Vec<&'static str>,
}

/// Space between columns.
const GAP: &str = "  ";

/// `text` safe to print on a terminal: control characters that would move the cursor, change
/// colours or reorder text (C0 and C1 controls other than the line feed, DEL, and the
/// bidirectional embedding, override and isolate marks) are written as visible `\u{..}`
/// escapes, so a quote cannot send an escape sequence to the reader's terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl Table {
    /// Lays out `columns` in `total` terminal cells (the least widths win if it is too narrow).
    pub fn new(columns: &[Column], total: usize) -> Table {
        let fixed: usize = columns.iter().map(|c| c.width).sum::<usize>()
            + GAP.len() * columns.len().saturating_sub(1);
        let shares: usize = columns.iter().map(|c| c.grow).sum();
        let spare = total.saturating_sub(fixed);
        let mut widths: Vec<usize> = columns.iter().map(|c| c.width.max(1)).collect();
        let mut given = 0;
        let mut seen = 0;
        for (width, column) in widths.iter_mut().zip(columns) {
            // Cumulative shares, so that rounding never loses a cell.
            seen += column.grow;
            let share = (spare * seen).checked_div(shares).unwrap_or(0) - given;
            given += share;
            *width += share;
        }
        Table {
            widths,
            titles: columns.iter().map(|c| c.title).collect(),
        }
    }

    /// The heading line and a rule under it.
    pub fn header(&self) -> String {
        let titles: Vec<String> = self.titles.iter().map(|t| t.to_string()).collect();
        let mut out = self.row(&titles);
        let rule: Vec<String> = self.widths.iter().map(|w| "─".repeat(*w)).collect();
        out.push_str(rule.join(GAP).trim_end());
        out.push('\n');
        out
    }

    /// One row, each cell wrapped to its column; as many lines as the tallest cell.
    pub fn row(&self, cells: &[String]) -> String {
        let wrapped: Vec<Vec<String>> = self
            .widths
            .iter()
            .enumerate()
            .map(|(i, &width)| {
                let cell = cells.get(i).map_or("", String::as_str);
                let cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
                let cell = printable(&cell);
                textwrap::wrap(&cell, textwrap::Options::new(width).break_words(true))
                    .into_iter()
                    .map(|line| line.into_owned())
                    .collect()
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut out = String::new();
        for line in 0..height {
            let mut text = String::new();
            for (i, (cell, &width)) in wrapped.iter().zip(&self.widths).enumerate() {
                if i > 0 {
                    text.push_str(GAP);
                }
                let part = cell.get(line).map_or("", String::as_str);
                text.push_str(part);
                text.push_str(&" ".repeat(width.saturating_sub(display_width(part))));
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_printed_as_escapes() {
        assert_eq!(printable("plain words"), "plain words");
        assert_eq!(printable("red \u{1b}[31mtext"), "red \\u{1b}[31mtext");
        assert_eq!(
            printable("a\u{7}b\u{9b}c\u{202e}d"),
            "a\\u{7}b\\u{9b}c\\u{202e}d"
        );
        assert_eq!(printable("two\nlines"), "two\nlines");
        let table = Table::new(&COLUMNS, 40);
        let out = table.row(&["1".into(), "Eve".into(), "\u{1b}]0;owned\u{7}".into()]);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("\\u{1b}]0;owned\\u{7}"), "{out}");
    }

    const COLUMNS: [Column; 3] = [
        Column {
            title: "id",
            width: 3,
            grow: 0,
        },
        Column {
            title: "speaker",
            width: 8,
            grow: 0,
        },
        Column {
            title: "quote",
            width: 10,
            grow: 1,
        },
    ];

    #[test]
    fn wide_columns_take_the_spare_width_and_cells_wrap() {
        let table = Table::new(&COLUMNS, 40);
        let out = table.row(&[
            "1".into(),
            "Dmitry Peskov".into(),
            "We do not talk to each other. Or we do it to a minimum.".into(),
        ]);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() >= 2, "{out}");
        assert!(lines.iter().all(|l| display_width(l) <= 40), "{out}");
        assert!(
            lines[0].starts_with("1    Dmitry    We do not talk"),
            "{out}"
        );
        assert!(lines[1].starts_with("     Peskov    other."), "{out}");
    }

    #[test]
    fn a_narrow_terminal_keeps_the_least_widths() {
        let table = Table::new(&COLUMNS, 5);
        let header = table.header();
        assert!(
            header.starts_with("id   speaker   quote\n───  ────────  ──────────\n"),
            "{header}"
        );
    }

    #[test]
    fn wide_characters_are_aligned_by_display_width() {
        let table = Table::new(&COLUMNS, 30);
        let out = table.row(&["1".into(), "習近平".into(), "x".into()]);
        assert_eq!(out, "1    習近平    x\n");
    }
}
