//! TEMPORARY stub until the real quote finder lands.
use crate::span::Span;
/// s
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkStyle {
    /// s
    Straight,
}
/// q
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// i
    pub inner: Span,
    /// o
    pub outer: Span,
    /// s
    pub style: MarkStyle,
    /// c
    pub closed: bool,
    /// d
    pub depth: u8,
    /// p
    pub paragraphs: u16,
}
/// f
pub fn find_quotes(text: &str, paragraphs: &[Span]) -> Vec<Quote> {
    let mut out = vec![];
    for p in paragraphs {
        let mut open: Option<(usize, usize)> = None;
        let s = p.of(text);
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let abs = p.start + i;
            let two = c == '\'' && it.peek().map(|x| x.1) == Some('\'');
            if c == '"' || c == '“' || c == '”' || two {
                let w = if two {
                    it.next();
                    2
                } else {
                    c.len_utf8()
                };
                match open {
                    None => open = Some((abs, abs + w)),
                    Some((os, oi)) => {
                        out.push(Quote {
                            inner: Span::new(oi, abs),
                            outer: Span::new(os, abs + w),
                            style: MarkStyle::Straight,
                            closed: true,
                            depth: 0,
                            paragraphs: 1,
                        });
                        open = None;
                    }
                }
            }
        }
        if let Some((os, oi)) = open {
            out.push(Quote {
                inner: Span::new(oi, p.end),
                outer: Span::new(os, p.end),
                style: MarkStyle::Straight,
                closed: false,
                depth: 0,
                paragraphs: 1,
            });
        }
    }
    out
}
