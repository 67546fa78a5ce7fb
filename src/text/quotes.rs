//! Quotation detection over a whole document.
//!
//! [`find_quotes`] walks the paragraphs once, left to right, and finds every quotation delimited
//! by straight (`"…"`), curly (`“…”`), NYT-style double-apostrophe (`''…''`), guillemet (`«…»`),
//! low-high (`„…“`) or single curly (`‘…’`) marks, plus straight single marks (`'…'`) nested
//! inside a double-quoted span. Marks are matched on bytes (as small nom parsers would, which the
//! tests check); whether a mark opens or closes is decided from its neighbours (straight marks
//! have no direction, and scraped curly marks are often turned the wrong way) and from a small
//! stack of open quotes, which also gives nesting.
//!
//! Rules, in short:
//! - a mark opens after a blank, an opening bracket or dash, or another mark, and before text; it
//!   closes after text and before a blank or punctuation; in-word `"` closes an open quote, opens
//!   after punctuation (`said,"Hi`), and is plain text after a letter or digit (`12"`, `a"b`);
//! - `"` and `“”` may close one another (scraped text mixes them); runs like `““` count once,
//!   and `‘‘ ’’` stand for `“ ”`; `6'2"` / `6’2”` heights are plain text;
//! - `‘` opens only before a letter and `’` closes only the innermost open `‘` quote, so
//!   `don’t`, `’90s` and `rock ’n’ roll` stay apostrophes; a plural possessive (`Obamas’ home`)
//!   closes only if no better closing mark follows in the paragraph; `'` quotes exist only inside
//!   a double-quoted span; an unclosed single quote is kept only if it opened its paragraph (or
//!   followed a colon), otherwise it was most likely an apostrophe (`‘em`);
//! - a quote left open inside a quote that closes is dropped; empty or punctuation-only quotes
//!   yield nothing.
//!
//! Quotes run over several paragraphs when the next paragraph restarts with the same opening mark,
//! and across a single hard-wrapped line break when the next line closes them. A quote that is
//! never closed ends at its paragraph end with `closed: false`, so a stray mark never swallows the
//! rest of the article. The scan is linear in the input: the stack holds at most [`MAX_DEPTH`]
//! quotes, and each paragraph is looked at at most twice (once ahead, for a hard wrap).

use crate::span::Span;
use crate::text::stops::Stops;
#[cfg(test)]
use nom::branch::alt;
use nom::bytes::complete::tag;
#[cfg(test)]
use nom::bytes::complete::take_while1;
#[cfg(test)]
use nom::combinator::{map, value};
use nom::{IResult, Parser};

/// Deepest nesting tracked; marks that would open a quote deeper than this are plain text.
pub const MAX_DEPTH: usize = 8;

/// Which quotation marks delimit a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkStyle {
    /// Straight double quotes `"…"`.
    Straight,
    /// Curly double quotes `“…”` (either direction tolerated).
    Curly,
    /// Two ASCII apostrophes `''…''`, as in NYT archive text.
    DoubleApostrophe,
    /// Single curly quotes `‘…’`.
    SingleCurly,
    /// Straight single quotes `'…'`, only nested inside a double-quoted span.
    SingleStraight,
    /// Guillemets `«…»` (or the reversed `»…«`).
    Guillemet,
    /// Low-high double quotes `„…“` (or `„…”`).
    LowHigh,
}

impl MarkStyle {
    /// True for the single-mark styles, whose marks double as apostrophes.
    fn is_single(self) -> bool {
        matches!(self, MarkStyle::SingleCurly | MarkStyle::SingleStraight)
    }
}

/// One quotation found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted text without its marks (exactly the bytes between the opening and the closing mark; for a multi-paragraph quote from after the first opening mark to before the final closing mark).
    pub inner: Span,
    /// The quote with its marks.
    pub outer: Span,
    /// The marks that delimit the quote.
    pub style: MarkStyle,
    /// False when no closing mark was found and the quote was closed at the paragraph end.
    pub closed: bool,
    /// 0 for a top-level quote, 1 for a quote nested inside another, and so on.
    pub depth: u8,
    /// How many paragraphs the quote runs over (1 for most).
    pub paragraphs: u16,
}

/// Finds every quotation in `text`, in order of `outer.start`; `paragraphs` are the document's paragraph spans (lines, trimmed, in order).
///
/// Paragraph spans that are out of range, not on char boundaries or out of order are skipped; an
/// empty `paragraphs` slice means "every non-blank line is a paragraph".
pub fn find_quotes(text: &str, paragraphs: &[Span]) -> Vec<Quote> {
    let paras = if paragraphs.is_empty() {
        line_paragraphs(text)
    } else {
        valid_paragraphs(text, paragraphs)
    };
    let mut scanner = Scanner {
        text,
        candidates: candidates(text.as_bytes()),
        out: Vec::new(),
        stack: Vec::with_capacity(MAX_DEPTH),
        para: 0,
    };
    let mut resume = None;
    for (k, p) in paras.iter().enumerate() {
        scanner.para = k;
        let from = resume.take().unwrap_or(p.start);
        scanner.scan_paragraph(from, *p);
        resume = scanner.paragraph_end(*p, paras.get(k + 1).copied());
    }
    scanner.out.into_iter().flatten().collect()
}

/// The non-blank lines of `text` (split at `\n`, `\r\n` or a lone `\r`), trimmed: the default paragraphs.
fn line_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split(['\n', '\r']) {
        let span = Span::new(start, start + line.len()).trim(text);
        if !span.is_empty() {
            out.push(span);
        }
        start += line.len() + 1;
    }
    out
}

/// The given paragraph spans that can be scanned safely: in range, on char boundaries, in order.
fn valid_paragraphs(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(paragraphs.len());
    let mut last_end = 0;
    for p in paragraphs {
        let ok = p.start <= p.end
            && p.end <= text.len()
            && p.start >= last_end
            && text.is_char_boundary(p.start)
            && text.is_char_boundary(p.end);
        if ok {
            out.push(*p);
            last_end = p.end;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Mark parsers
// ---------------------------------------------------------------------------------------------

/// The styles a straight or curly closing mark may end: scraped text mixes `"` with `“”`.
const DOUBLE_CLOSERS: [MarkStyle; 3] = [MarkStyle::Straight, MarkStyle::Curly, MarkStyle::LowHigh];

/// A quotation-mark candidate as it appears in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `"`
    Straight,
    /// A run of this many ASCII apostrophes.
    Apostrophes(usize),
    /// `“`
    LeftDouble,
    /// `”`
    RightDouble,
    /// `„`
    LowDouble,
    /// `‘`
    LeftSingle,
    /// `’`
    RightSingle,
    /// `«`
    LeftGuillemet,
    /// `»`
    RightGuillemet,
}

/// Accepts one straight double quote `"`.
#[cfg(test)]
fn straight_double(input: &str) -> IResult<&str, Mark> {
    value(Mark::Straight, tag("\"")).parse(input)
}

/// Accepts a run of one or more ASCII apostrophes and reports its length.
#[cfg(test)]
fn apostrophes(input: &str) -> IResult<&str, Mark> {
    map(take_while1(|c| c == '\''), |run: &str| {
        Mark::Apostrophes(run.len())
    })
    .parse(input)
}

/// Accepts exactly two ASCII apostrophes `''`, the NYT's double quotation mark.
fn double_apostrophe(input: &str) -> IResult<&str, &str> {
    tag("''").parse(input)
}

/// Accepts a mark whose natural direction is opening: a run of `“`, `‘‘` (as `“`), `„`, `‘` or `«`.
#[cfg(test)]
fn opening_mark(input: &str) -> IResult<&str, Mark> {
    alt((
        value(Mark::LeftDouble, take_while1(|c| c == '“')),
        value(Mark::LeftDouble, tag("‘‘")),
        value(Mark::LowDouble, tag("„")),
        value(Mark::LeftSingle, tag("‘")),
        value(Mark::LeftGuillemet, tag("«")),
    ))
    .parse(input)
}

/// Accepts a mark whose natural direction is closing: a run of `”`, `’’` (as `”`), `’` or `»`.
#[cfg(test)]
fn closing_mark(input: &str) -> IResult<&str, Mark> {
    alt((
        value(Mark::RightDouble, take_while1(|c| c == '”')),
        value(Mark::RightDouble, tag("’’")),
        value(Mark::RightSingle, tag("’")),
        value(Mark::RightGuillemet, tag("»")),
    ))
    .parse(input)
}

/// Accepts any quotation-mark candidate: straight, apostrophe run, opening or closing mark. The
/// same as [`any_mark_parsed`], matched on bytes.
fn any_mark(input: &str) -> IResult<&str, Mark> {
    match mark_bytes(input.as_bytes()).and_then(|(mark, len)| Some((input.get(len..)?, mark))) {
        Some(found) => Ok(found),
        None => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// The UTF-8 bytes of `“`, `”`, `‘` and `’`.
const LEFT_DOUBLE: [u8; 3] = [0xE2, 0x80, 0x9C];
const RIGHT_DOUBLE: [u8; 3] = [0xE2, 0x80, 0x9D];
const LEFT_SINGLE: [u8; 3] = [0xE2, 0x80, 0x98];
const RIGHT_SINGLE: [u8; 3] = [0xE2, 0x80, 0x99];

/// The mark [`any_mark_parsed`] accepts at the start of `bytes`, and its length in bytes.
fn mark_bytes(bytes: &[u8]) -> Option<(Mark, usize)> {
    // The length of the run of the 3-byte `mark` that starts `bytes`.
    let run = |mark: &[u8; 3]| bytes.chunks(3).take_while(|c| *c == mark).count() * 3;
    let doubled = |mark: &[u8; 3]| bytes.get(3..6) == Some(&mark[..]);
    match bytes {
        [b'"', ..] => Some((Mark::Straight, 1)),
        [b'\'', ..] => {
            let n = bytes.iter().take_while(|&&b| b == b'\'').count();
            Some((Mark::Apostrophes(n), n))
        }
        [0xC2, 0xAB, ..] => Some((Mark::LeftGuillemet, 2)),
        [0xC2, 0xBB, ..] => Some((Mark::RightGuillemet, 2)),
        [0xE2, 0x80, third, ..] => match third {
            0x9C => Some((Mark::LeftDouble, run(&LEFT_DOUBLE))),
            0x98 if doubled(&LEFT_SINGLE) => Some((Mark::LeftDouble, 6)),
            0x98 => Some((Mark::LeftSingle, 3)),
            0x9E => Some((Mark::LowDouble, 3)),
            0x9D => Some((Mark::RightDouble, run(&RIGHT_DOUBLE))),
            0x99 if doubled(&RIGHT_SINGLE) => Some((Mark::RightDouble, 6)),
            0x99 => Some((Mark::RightSingle, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Accepts any quotation-mark candidate by the nom parsers: the reference for [`any_mark`].
#[cfg(test)]
fn any_mark_parsed(input: &str) -> IResult<&str, Mark> {
    alt((straight_double, apostrophes, opening_mark, closing_mark)).parse(input)
}

/// True for a byte that can start a mark: `"`, `'`, and the UTF-8 lead bytes of `«»` (0xC2)
/// and `“”„‘’` (0xE2).
fn is_candidate(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | 0xC2 | 0xE2)
}

/// The bytes that can start a mark, `"` `'` and the UTF-8 lead bytes of `«»` (0xC2) and
/// `“”„‘’` (0xE2), in two sets each found by memchr over the whole text.
type Candidates<'t> = Stops<'t, 2>;

/// The [`Candidates`] of `bytes`.
fn candidates(bytes: &[u8]) -> Candidates<'_> {
    Stops::new(bytes, [b"\"'", b"\xC2\xE2"], 0)
}

// ---------------------------------------------------------------------------------------------
// Context of a mark
// ---------------------------------------------------------------------------------------------

/// What the neighbours of a mark say about its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// Blank or opening punctuation before, text after: an opening position.
    Open,
    /// Text before, blank or closing punctuation after: a closing position.
    Close,
    /// Blank on both sides.
    Isolated,
    /// Text on both sides, as inside a word.
    InWord,
}

/// Any character used as a quotation mark.
fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‚' | '‹' | '›'
    )
}

/// Punctuation that may stand right before an opening mark.
fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '<' | '—' | '–' | '-' | '/')
}

/// Punctuation that may stand right after a closing mark.
fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '>'
            | '…'
            | '—'
            | '–'
            | '-'
            | '/'
            | '*'
    )
}

/// Whitespace, or an invisible format character (zero-width space, bidi marks, BOM).
fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Classifies a mark by the characters right before and after it (None: paragraph edge).
fn classify(prev: Option<char>, next: Option<char>) -> Ctx {
    let (p, n) = match (prev, next) {
        (None, None) => return Ctx::Isolated,
        // Nothing can be closed at a paragraph start: `” … they are` opens.
        (None, Some(_)) => return Ctx::Open,
        (Some(p), None) => {
            return if is_blank(p) {
                Ctx::Isolated
            } else {
                Ctx::Close
            }
        }
        (Some(p), Some(n)) => (p, n),
    };
    match (is_blank(p), is_blank(n)) {
        (true, true) => return Ctx::Isolated,
        (true, false) => return Ctx::Open,
        (false, true) => return Ctx::Close,
        (false, false) => {}
    }
    let prev_opener = is_open_punct(p) || is_quote_char(p);
    let next_closer = is_close_punct(n) || is_quote_char(n);
    match (prev_opener, next_closer) {
        (true, false) => Ctx::Open,
        (false, true) => Ctx::Close,
        (true, true) => {
            let bracket = matches!(p, '(' | '[' | '{' | '<');
            if !is_quote_char(n) {
                // `("...` opens; `'no'".` and `to—".` close.
                if bracket {
                    Ctx::Open
                } else {
                    Ctx::Close
                }
            } else if !is_quote_char(p) || matches!(n, '“' | '‘' | '„' | '«') {
                // `—"'Flesh` and `"“Hi` open; `'no'"”` closes.
                Ctx::Open
            } else {
                Ctx::Close
            }
        }
        (false, false) => Ctx::InWord,
    }
}

// ---------------------------------------------------------------------------------------------
// The scanner
// ---------------------------------------------------------------------------------------------

/// One paragraph's piece of an open quote, with the output slot it would fill if left unclosed.
#[derive(Debug, Clone, Copy)]
struct Seg {
    /// Index in the output of the quote this piece stands for.
    slot: usize,
    /// Where its opening mark starts.
    outer_start: usize,
    /// Where its text starts, after the opening mark.
    inner_start: usize,
    /// The end of its paragraph, once the quote has left that paragraph.
    end: Option<usize>,
    /// True when the opening mark stands at the paragraph start or after a colon.
    strong: bool,
}

/// A closing single mark that looked like a plural possessive (`Obamas’ home`), kept in reserve.
#[derive(Debug, Clone, Copy)]
struct Fallback {
    /// Where the mark starts.
    pos: usize,
    /// Its length in bytes.
    len: usize,
    /// Index of its paragraph.
    para: usize,
}

/// An open quote on the stack.
#[derive(Debug, Clone)]
struct Entry {
    style: MarkStyle,
    /// Nesting depth (its index on the stack).
    depth: u8,
    /// Index of the paragraph it opened in.
    para: usize,
    /// The piece with the first opening mark.
    first: Seg,
    /// Pieces restarted by an opening mark in later paragraphs.
    more: Vec<Seg>,
    fallback: Option<Fallback>,
}

impl Entry {
    /// The piece in the paragraph being scanned.
    fn last_seg_mut(&mut self) -> &mut Seg {
        match self.more.last_mut() {
            Some(seg) => seg,
            None => &mut self.first,
        }
    }
}

/// The state of one left-to-right scan.
struct Scanner<'t> {
    text: &'t str,
    /// The bytes of `text` that can start a mark.
    candidates: Candidates<'t>,
    /// Quotes by opening position; `None` for marks that did not make a quote.
    out: Vec<Option<Quote>>,
    stack: Vec<Entry>,
    /// Index of the paragraph being scanned.
    para: usize,
}

impl Scanner<'_> {
    /// Scans the marks of paragraph `p` from byte `from` on.
    fn scan_paragraph(&mut self, from: usize, p: Span) {
        let mut i = from;
        while i < p.end {
            match self.candidates.next(i) {
                Some(at) if at < p.end => i = at,
                _ => return,
            }
            // Candidate bytes are ASCII or UTF-8 lead bytes, so `i` is a char boundary.
            let Some(rest) = self.text.get(i..p.end) else {
                i += 1;
                continue;
            };
            match any_mark(rest) {
                Ok((after, mark)) => {
                    let len = rest.len() - after.len();
                    self.on_mark(mark, i, len, p);
                    i += len.max(1);
                }
                Err(_) => i += 1,
            }
        }
    }

    /// The character before byte `i` in paragraph `p`.
    fn prev_char(&self, i: usize, p: Span) -> Option<char> {
        self.text
            .get(p.start..i)
            .and_then(|s| s.chars().next_back())
    }

    /// The character at byte `i` in paragraph `p`.
    fn char_at(&self, i: usize, p: Span) -> Option<char> {
        self.text.get(i..p.end).and_then(|s| s.chars().next())
    }

    /// True when an opening mark at `i` stands at the paragraph start or after a colon.
    fn strong_at(&self, i: usize, p: Span) -> bool {
        let Some(before) = self.text.get(p.start..i) else {
            return false;
        };
        let mut rev = before.chars().rev();
        match rev.next() {
            None => true,
            Some(':') => true,
            Some(c) if is_blank(c) => rev.next() == Some(':'),
            Some(_) => false,
        }
    }

    /// Handles mark `mark` of `len` bytes at byte `i`.
    fn on_mark(&mut self, mark: Mark, i: usize, len: usize, p: Span) {
        let prev = self.prev_char(i, p);
        let next = self.char_at(i + len, p);
        let ctx = classify(prev, next);
        if matches!(mark, Mark::Straight | Mark::RightDouble) && next.is_some() && self.inches(i, p)
        {
            return; // `6'2"` or `6’2”`: a height, not a quote mark
        }
        match mark {
            Mark::Straight => self.on_straight(ctx, prev, next, i, p),
            Mark::Apostrophes(1) => self.on_single(MarkStyle::SingleStraight, ctx, next, i, 1, p),
            Mark::Apostrophes(n) => self.on_apostrophes(n, ctx, next, i, p),
            Mark::LeftSingle | Mark::RightSingle => {
                self.on_single(MarkStyle::SingleCurly, ctx, next, i, len, p)
            }
            Mark::LeftDouble | Mark::RightDouble | Mark::LowDouble => {
                let natural_open = mark != Mark::RightDouble;
                let opens = if mark == Mark::LowDouble {
                    MarkStyle::LowHigh
                } else {
                    MarkStyle::Curly
                };
                let closes: &[MarkStyle] = if mark == Mark::LowDouble {
                    &[]
                } else {
                    &DOUBLE_CLOSERS
                };
                self.on_directed(natural_open, opens, closes, ctx, i, len, p);
            }
            Mark::LeftGuillemet | Mark::RightGuillemet => {
                let natural_open = mark == Mark::LeftGuillemet;
                let g = [MarkStyle::Guillemet];
                self.on_directed(natural_open, MarkStyle::Guillemet, &g, ctx, i, len, p);
            }
        }
    }

    /// True when the mark at `i` ends a feet-and-inches figure such as `6'2` or `5’ 11`.
    fn inches(&self, i: usize, p: Span) -> bool {
        let Some(before) = self.text.get(p.start..i) else {
            return false;
        };
        let mut rev = before.chars().rev().peekable();
        let mut digits = 0;
        while rev.peek().is_some_and(char::is_ascii_digit) && digits < 3 {
            rev.next();
            digits += 1;
        }
        if digits == 0 || digits > 2 {
            return false;
        }
        if rev.peek() == Some(&' ') {
            rev.next();
        }
        matches!(rev.next(), Some('\'' | '’' | '′'))
            && rev.next().is_some_and(|c| c.is_ascii_digit())
    }

    /// A straight `"`: direction from context, then from the open quotes.
    fn on_straight(&mut self, ctx: Ctx, prev: Option<char>, next: Option<char>, i: usize, p: Span) {
        let style = MarkStyle::Straight;
        match ctx {
            Ctx::Open => self.open(style, i, 1, p),
            Ctx::Close => {
                if let Some(idx) = self.find(&DOUBLE_CLOSERS) {
                    self.close(idx, i, 1);
                }
            }
            Ctx::Isolated => {
                if self.top_is(&DOUBLE_CLOSERS) {
                    self.close(self.stack.len() - 1, i, 1);
                }
            }
            Ctx::InWord => {
                if self.top_is(&DOUBLE_CLOSERS) {
                    self.close(self.stack.len() - 1, i, 1);
                } else if !prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)
                {
                    // `said,"Hello`: but never after a digit or a letter (`12"x`, `a"b`).
                    self.open(style, i, 1, p);
                }
            }
        }
    }

    /// A directed double mark (`“ ” „ « »`) that opens `opens` or closes one of `closes`.
    #[allow(clippy::too_many_arguments)]
    fn on_directed(
        &mut self,
        natural_open: bool,
        opens: MarkStyle,
        closes: &[MarkStyle],
        ctx: Ctx,
        i: usize,
        len: usize,
        p: Span,
    ) {
        match ctx {
            Ctx::Open => {
                if !natural_open && self.top_is(closes) {
                    self.close(self.stack.len() - 1, i, len);
                } else {
                    self.open(opens, i, len, p);
                }
            }
            Ctx::Close => {
                if let Some(idx) = self.find(closes) {
                    self.close(idx, i, len);
                }
            }
            Ctx::Isolated | Ctx::InWord => {
                if self.top_is(closes) {
                    self.close(self.stack.len() - 1, i, len);
                } else if natural_open {
                    self.open(opens, i, len, p);
                }
            }
        }
    }

    /// A single mark (`'`, `‘` or `’`) of `style`: a quote mark only in clear positions.
    fn on_single(
        &mut self,
        style: MarkStyle,
        ctx: Ctx,
        next: Option<char>,
        i: usize,
        len: usize,
        p: Span,
    ) {
        let is_right_curly = self.text.get(i..i + len) == Some("’");
        match ctx {
            Ctx::Open if !is_right_curly && next.is_some_and(char::is_alphabetic) => {
                let inside_double = self.stack.iter().any(|e| !e.style.is_single());
                if style == MarkStyle::SingleCurly || inside_double {
                    self.open(style, i, len, p);
                }
            }
            Ctx::Close if self.top_is(&[style]) => {
                let top = self.stack.len() - 1;
                if self.looks_possessive(i, len, p) {
                    let para = self.para;
                    if let Some(e) = self.stack.last_mut() {
                        e.fallback.get_or_insert(Fallback { pos: i, len, para });
                    }
                } else {
                    self.close(top, i, len);
                }
            }
            _ => {}
        }
    }

    /// True for a closing single mark after an `s` and before a lowercase word (`Obamas’ home`).
    fn looks_possessive(&self, i: usize, len: usize, p: Span) -> bool {
        if self.prev_char(i, p) != Some('s') {
            return false;
        }
        let mut after = self.text.get(i + len..p.end).unwrap_or("").chars().take(2);
        after.next().is_some_and(is_blank) && after.next().is_some_and(char::is_lowercase)
    }

    /// A run of `n >= 2` apostrophes: `''` marks, possibly next to a nested `'`.
    fn on_apostrophes(&mut self, n: usize, ctx: Ctx, next: Option<char>, i: usize, p: Span) {
        let style = MarkStyle::DoubleApostrophe;
        match ctx {
            Ctx::Open => {
                if n <= 3 {
                    self.open(style, i, 2, p);
                    if n == 3 && next.is_some_and(char::is_alphabetic) {
                        self.open(MarkStyle::SingleStraight, i + 2, 1, p);
                    }
                }
            }
            Ctx::Close => {
                let (mut pos, mut rem) = (i, n);
                for _ in 0..=MAX_DEPTH {
                    if rem == 0 {
                        break;
                    }
                    if self.top_is(&[MarkStyle::SingleStraight]) && rem % 2 == 1 {
                        self.close(self.stack.len() - 1, pos, 1);
                        pos += 1;
                        rem -= 1;
                    } else if let Some(idx) = self.find(&[style]).filter(|_| rem >= 2) {
                        self.close(idx, pos, 2);
                        pos += 2;
                        rem -= 2;
                    } else {
                        break;
                    }
                }
            }
            Ctx::Isolated | Ctx::InWord => {
                if self.top_is(&[style]) {
                    self.close(self.stack.len() - 1, i, 2);
                }
            }
        }
    }

    /// True when the innermost open quote has one of `styles`.
    fn top_is(&self, styles: &[MarkStyle]) -> bool {
        self.stack.last().is_some_and(|e| styles.contains(&e.style))
    }

    /// The innermost open quote with one of `styles`.
    fn find(&self, styles: &[MarkStyle]) -> Option<usize> {
        self.stack.iter().rposition(|e| styles.contains(&e.style))
    }

    /// Reserves the output slot for a quote opening here.
    fn reserve(&mut self) -> usize {
        self.out.push(None);
        self.out.len() - 1
    }

    /// Opens a quote of `style` at mark `i..i + len`, unless the stack is full.
    fn open(&mut self, style: MarkStyle, i: usize, len: usize, p: Span) {
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        let strong = self.strong_at(i, p);
        let slot = self.reserve();
        let depth = u8::try_from(self.stack.len()).unwrap_or(u8::MAX);
        self.stack.push(Entry {
            style,
            depth,
            para: self.para,
            first: Seg {
                slot,
                outer_start: i,
                inner_start: i + len,
                end: None,
                strong,
            },
            more: Vec::new(),
            fallback: None,
        });
    }

    /// Closes stack entry `idx` with the mark `pos..pos + len`; entries above it are abandoned.
    fn close(&mut self, idx: usize, pos: usize, len: usize) {
        while self.stack.len() > idx + 1 {
            if let Some(e) = self.stack.pop() {
                self.abandon(e);
            }
        }
        let Some(e) = self.stack.pop() else {
            return;
        };
        let paragraphs = self.para.saturating_sub(e.para) + 1;
        self.emit_closed(&e, pos, len, paragraphs);
    }

    /// Emits `e` as a closed quote ending with the mark `pos..pos + len`.
    fn emit_closed(&mut self, e: &Entry, pos: usize, len: usize, paragraphs: usize) {
        let q = Quote {
            inner: Span::new(e.first.inner_start, pos),
            outer: Span::new(e.first.outer_start, pos + len),
            style: e.style,
            closed: true,
            depth: e.depth,
            paragraphs: u16::try_from(paragraphs).unwrap_or(u16::MAX),
        };
        self.emit(e.first.slot, q);
    }

    /// Drops an entry left open inside a quote that closed, unless it has a possessive fallback.
    fn abandon(&mut self, e: Entry) {
        if let Some(fb) = e.fallback {
            self.emit_closed(&e, fb.pos, fb.len, fb.para.saturating_sub(e.para) + 1);
        }
    }

    /// Ends an entry left open at a paragraph end: each piece closes at its paragraph end.
    fn finish_unclosed(&mut self, e: Entry, para_end: usize) {
        if let Some(fb) = e.fallback {
            self.emit_closed(&e, fb.pos, fb.len, fb.para.saturating_sub(e.para) + 1);
            return;
        }
        for seg in std::iter::once(e.first).chain(e.more.iter().copied()) {
            if e.style.is_single() && !seg.strong {
                continue; // most likely an apostrophe (`‘em`, `‘cause`)
            }
            let end = seg.end.unwrap_or(para_end);
            let Some(piece) = self.text.get(seg.inner_start..end) else {
                continue;
            };
            let inner_end = seg.inner_start + piece.trim_end().len();
            let q = Quote {
                inner: Span::new(seg.inner_start, inner_end),
                outer: Span::new(seg.outer_start, inner_end),
                style: e.style,
                closed: false,
                depth: e.depth,
                paragraphs: 1,
            };
            self.emit(seg.slot, q);
        }
    }

    /// Stores `q` in `slot` unless its text is empty, only punctuation, or the `'n'` of `rock 'n' roll`.
    fn emit(&mut self, slot: usize, q: Quote) {
        let Some(inner) = self.text.get(q.inner.start..q.inner.end) else {
            return;
        };
        if !inner.chars().any(char::is_alphanumeric) || (q.style.is_single() && inner == "n") {
            return;
        }
        if let Some(s) = self.out.get_mut(slot) {
            *s = Some(q);
        }
    }

    /// Handles the end of paragraph `p` (followed by `next`); returns where to resume scanning
    /// `next` when a continuation mark there has been consumed.
    fn paragraph_end(&mut self, p: Span, next: Option<Span>) -> Option<usize> {
        let bottom = self.stack.first().map(|e| e.style)?;
        let para_end = p.start + p.of(self.text).trim_end().len();
        if let Some(n) = next {
            if let Some(mark_len) = continuation_mark(self.text, n, bottom) {
                while self.stack.len() > 1 {
                    if let Some(e) = self.stack.pop() {
                        self.finish_unclosed(e, para_end);
                    }
                }
                let slot = self.reserve();
                if let Some(e) = self.stack.first_mut() {
                    e.last_seg_mut().end.get_or_insert(para_end);
                    e.more.push(Seg {
                        slot,
                        outer_start: n.start,
                        inner_start: n.start + mark_len,
                        end: None,
                        strong: true,
                    });
                }
                return Some(n.start + mark_len);
            }
            if hard_wrap(self.text, p, n, bottom) {
                for e in &mut self.stack {
                    let seg = e.last_seg_mut();
                    seg.end.get_or_insert(para_end);
                }
                return None;
            }
        }
        while let Some(e) = self.stack.pop() {
            self.finish_unclosed(e, para_end);
        }
        None
    }
}

/// The length of an opening mark of `style` that starts paragraph `n` and restarts a quote.
fn continuation_mark(text: &str, n: Span, style: MarkStyle) -> Option<usize> {
    let s = n.of(text);
    if style == MarkStyle::DoubleApostrophe {
        // `''` (a third apostrophe would open a nested single quote).
        let (after, _) = double_apostrophe(s).ok()?;
        return after.chars().next().filter(|&c| !is_blank(c)).map(|_| 2);
    }
    let (after, mark) = any_mark(s).ok()?;
    let fits = match (style, mark) {
        // Scraped text mixes straight and curly marks, so either restarts either.
        (MarkStyle::Straight | MarkStyle::Curly, Mark::Straight)
        | (MarkStyle::Straight | MarkStyle::Curly, Mark::LeftDouble | Mark::RightDouble)
        | (MarkStyle::LowHigh, Mark::LowDouble) => {
            after.chars().next().is_some_and(|c| !is_blank(c))
        }
        (MarkStyle::Guillemet, Mark::LeftGuillemet | Mark::RightGuillemet) => true,
        (MarkStyle::SingleCurly, Mark::LeftSingle) => {
            after.chars().next().is_some_and(char::is_alphabetic)
        }
        _ => false,
    };
    fits.then_some(s.len() - after.len())
}

/// True when the break between `p` and `n` looks like a hard wrap inside a quote of `style`:
/// a single line break, `n` does not start with a mark, and `n` closes `style` before opening it.
fn hard_wrap(text: &str, p: Span, n: Span, style: MarkStyle) -> bool {
    let gap = text.get(p.end..n.start).unwrap_or("");
    // Line breaks: `\n`, `\r\n` or a lone `\r`.
    let breaks =
        gap.matches('\n').count() + gap.matches('\r').count() - gap.matches("\r\n").count();
    if breaks != 1 {
        return false;
    }
    let body = n.of(text);
    if body.chars().next().is_none_or(is_quote_char) {
        return false;
    }
    closes_first(text, n, style)
}

/// True when the first mark of `style` in paragraph `n` that has a direction is a closing one.
fn closes_first(text: &str, n: Span, style: MarkStyle) -> bool {
    let bytes = text.as_bytes();
    let mut i = n.start;
    while i < n.end {
        let Some(rest) = bytes.get(i..n.end) else {
            return false;
        };
        match rest.iter().copied().position(is_candidate) {
            Some(off) => i += off,
            None => return false,
        }
        let Some(rest) = text.get(i..n.end) else {
            return false;
        };
        let Ok((after, mark)) = any_mark(rest) else {
            i += 1;
            continue;
        };
        let len = rest.len() - after.len();
        let prev = text.get(n.start..i).and_then(|s| s.chars().next_back());
        let ctx = classify(prev, after.chars().next());
        // Only marks in a clear position count, as those are the ones the scan itself closes on.
        let verdict = match (style, mark) {
            (
                MarkStyle::Straight | MarkStyle::Curly | MarkStyle::LowHigh,
                Mark::Straight | Mark::LeftDouble | Mark::RightDouble,
            )
            | (MarkStyle::DoubleApostrophe, Mark::Apostrophes(2..))
            | (MarkStyle::Guillemet, Mark::LeftGuillemet | Mark::RightGuillemet)
            | (MarkStyle::SingleCurly, Mark::LeftSingle | Mark::RightSingle) => match ctx {
                Ctx::Open => Some(false),
                Ctx::Close => Some(true),
                _ => None,
            },
            (MarkStyle::LowHigh, Mark::LowDouble) => Some(false),
            _ => None,
        };
        if let Some(v) = verdict {
            return v;
        }
        i += len.max(1);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::xorshift;

    #[test]
    fn candidates_are_what_a_byte_by_byte_scan_finds() {
        let texts = [
            "",
            "plain words and no marks at all here",
            "a \"quote\" here",
            "it's",
            "caf\u{e9} au lait, then \u{201c}curly\u{201d} and \u{ab}guillemets\u{bb}",
            "no-break\u{a0}space and an em dash \u{2014} only",
            "eightchr\"",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}'",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            for stride in [1, 2, 5, 100] {
                let mut candidates = candidates(bytes);
                for from in (0..=bytes.len() + 1).step_by(stride) {
                    let expected = bytes
                        .get(from..)
                        .and_then(|rest| rest.iter().copied().position(is_candidate))
                        .map(|off| from + off);
                    assert_eq!(candidates.next(from), expected, "{text:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn byte_matched_marks_are_the_parsed_ones() {
        let marks = [
            "\"",
            "'",
            "''",
            "'''",
            "“",
            "““",
            "“““",
            "”",
            "””",
            "‘",
            "‘‘",
            "‘‘‘",
            "’",
            "’’",
            "’’’",
            "„",
            "„„",
            "«",
            "»",
            "‚",
            "‹",
            "›",
            "—",
            "…",
            "\u{a0}",
            "é",
            "x",
            "",
        ];
        for a in marks {
            for b in marks {
                for c in ["", "x", " ", "“", "’", "\u{2019}s", "\u{201d}\u{201d}"] {
                    let text = format!("{a}{b}{c}");
                    for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                        let rest = &text[at..];
                        assert_eq!(any_mark(rest).ok(), any_mark_parsed(rest).ok(), "{rest:?}");
                    }
                }
            }
        }
    }

    /// Quotes of `text` with each non-blank line as a paragraph.
    fn quotes(text: &str) -> Vec<Quote> {
        find_quotes(text, &line_paragraphs(text))
    }

    /// The inner texts of the quotes found in `text`.
    fn inners(text: &str) -> Vec<&str> {
        quotes(text).iter().map(|q| q.inner.of(text)).collect()
    }

    #[test]
    fn straight_basic() {
        assert_eq!(
            inners(r#"He said "hello there" and left."#),
            ["hello there"]
        );
        assert_eq!(inners(r#""Hello," he said."#), ["Hello,"]);
        let t = r#""We cannot not respond to this," he said "This goes against the law.""#;
        assert_eq!(
            inners(t),
            [
                "We cannot not respond to this,",
                "This goes against the law."
            ]
        );
    }

    #[test]
    fn straight_spans_and_fields() {
        let t = r#"A "b c" d"#;
        let q = &quotes(t)[0];
        assert_eq!(q.outer.of(t), r#""b c""#);
        assert_eq!(q.inner.of(t), "b c");
        assert_eq!(q.style, MarkStyle::Straight);
        assert!(q.closed);
        assert_eq!((q.depth, q.paragraphs), (0, 1));
    }

    #[test]
    fn straight_rejects_inch_marks_and_in_word() {
        assert!(inners(r#"a 6' 2" man ate a 12" pizza"#).is_empty());
        assert!(inners(r#"the 12"pizza and a"b"#).is_empty());
        assert!(inners(r#"a " b"#).is_empty());
        assert!(inners(r#"closing" only here"#).is_empty());
    }

    #[test]
    fn inch_marks_inside_quotes() {
        let t = "“I admit, he’s like 6’2”,” Rubio said.";
        assert_eq!(inners(t), ["I admit, he’s like 6’2”,"]);
        let t = r#""He is 6' 2" and tall," she said."#;
        assert_eq!(inners(t), [r#"He is 6' 2" and tall,"#]);
        assert_eq!(inners(r#"He said "I'm 6'2""#), ["I'm 6'2"]);
    }

    #[test]
    fn invisible_characters_count_as_blank() {
        let t = "\u{202A}”Sorry Sarah, you should have known!!” posted Sharon.";
        assert_eq!(inners(t), ["Sorry Sarah, you should have known!!"]);
        assert_eq!(inners("He said\u{200B}“hello”."), ["hello"]);
    }

    #[test]
    fn paragraph_start_mark_before_space_opens() {
        let t = "” … they are so not like him,” she said.";
        assert_eq!(inners(t), [" … they are so not like him,"]);
    }

    #[test]
    fn doubled_marks() {
        assert_eq!(
            inners("He said ““Radical views” are bad."),
            ["Radical views"]
        );
        assert_eq!(inners("a “question’’ that amounted to it"), ["question"]);
        assert_eq!(inners("a ‘‘question’’ that amounted to it"), ["question"]);
    }

    #[test]
    fn dash_then_quote_then_single() {
        let t = r#"—"'Flesh and Bone' star refused," by Amy"#;
        assert_eq!(
            inners(t),
            ["'Flesh and Bone' star refused,", "Flesh and Bone"]
        );
    }

    #[test]
    fn straight_missing_space() {
        assert_eq!(inners(r#"He said,"Hello,"she said."#), ["Hello,"]);
        assert_eq!(inners(r#"He said:"Go.""#), ["Go."]);
    }

    #[test]
    fn straight_space_before_close() {
        assert_eq!(inners(r#""I am here " he said."#), ["I am here "]);
    }

    #[test]
    fn empty_and_punctuation_quotes_yield_nothing() {
        assert!(inners(r#"He said "" twice"#).is_empty());
        assert!(inners("He said “...” twice").is_empty());
        assert!(inners(r#"He said "?!" twice"#).is_empty());
    }

    #[test]
    fn curly_basic_and_misdirected() {
        assert_eq!(inners("“Hello,” he said."), ["Hello,"]);
        assert_eq!(inners("”Hello,” he said."), ["Hello,"]);
        assert_eq!(inners("“Hello,“ he said."), ["Hello,"]);
        assert_eq!(inners("(“Hello”) and “bye”."), ["Hello", "bye"]);
        assert_eq!(inners("“Hello ”he said"), ["Hello "]);
    }

    #[test]
    fn curly_rejects_stray_close() {
        assert!(inners("nothing here” at all").is_empty());
    }

    #[test]
    fn double_apostrophe() {
        let t = "''That wasn't a good way to treat me,'' he complained.";
        assert_eq!(inners(t), ["That wasn't a good way to treat me,"]);
        assert_eq!(quotes(t)[0].style, MarkStyle::DoubleApostrophe);
        let t = "He said: ''They each have acted in bad faith.''";
        assert_eq!(inners(t), ["They each have acted in bad faith."]);
    }

    #[test]
    fn double_apostrophe_rejects_apostrophes() {
        assert!(inners("the Clintons' house and Obama's dog").is_empty());
        assert!(inners("a word''word here").is_empty());
    }

    #[test]
    fn double_apostrophe_with_nested_single() {
        let t = "''He called it 'a hoax,' and left.''";
        assert_eq!(inners(t), ["He called it 'a hoax,' and left.", "a hoax,"]);
        let t = "''He called it 'a hoax.''' Then he left.";
        let q = quotes(t);
        assert_eq!(inners(t), ["He called it 'a hoax.'", "a hoax."]);
        assert_eq!((q[0].depth, q[1].depth), (0, 1));
        let t = "'''Tis the season,' she said,'' he wrote.";
        assert_eq!(
            inners(t),
            ["'Tis the season,' she said,", "Tis the season,"]
        );
    }

    #[test]
    fn guillemets_and_low_high() {
        assert_eq!(inners("Il a dit « Bonjour » hier."), [" Bonjour "]);
        assert_eq!(inners("Er sagte »Hallo« und ging."), ["Hallo"]);
        assert_eq!(inners("Er sagte „Hallo“, und ging."), ["Hallo"]);
        assert_eq!(
            inners("Powiedział „Dzień dobry” i wyszedł."),
            ["Dzień dobry"]
        );
        let q = quotes("Er sagte „Hallo“, und ging.");
        assert_eq!(q[0].style, MarkStyle::LowHigh);
    }

    #[test]
    fn single_curly_quotes() {
        assert_eq!(inners("He called it ‘a hoax’ yesterday."), ["a hoax"]);
        assert_eq!(inners("‘We will win,’ she said."), ["We will win,"]);
        assert_eq!(
            quotes("‘We will win,’ she said.")[0].style,
            MarkStyle::SingleCurly
        );
    }

    #[test]
    fn single_curly_rejects_apostrophes() {
        for t in [
            "in two weeks’ time",
            "I don’t know about Russia’s plans",
            "back in the ’90s it was rock ’n’ roll",
            "rock ‘n’ roll",
            "the Obamas’ home",
            "back in the ‘90s",
            "O‘Brien and D’Amato",
        ] {
            assert!(inners(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn single_curly_plural_possessive_inside_quote() {
        let t = "‘The Obamas’ home is nice,’ he said.";
        assert_eq!(inners(t), ["The Obamas’ home is nice,"]);
        let t = "He called them ‘deplorables’ and left.";
        assert_eq!(inners(t), ["deplorables"]);
    }

    #[test]
    fn single_curly_unclosed_mid_paragraph_is_dropped() {
        assert!(inners("Let ‘em go now").is_empty());
        let t = "‘We will fight on";
        let q = quotes(t);
        assert_eq!(inners(t), ["We will fight on"]);
        assert!(!q[0].closed);
    }

    #[test]
    fn straight_single_nested_only() {
        let t = r#""American officials have 'anonymously briefed' their mass media""#;
        let q = quotes(t);
        assert_eq!(
            inners(t),
            [
                "American officials have 'anonymously briefed' their mass media",
                "anonymously briefed"
            ]
        );
        assert_eq!(q[1].style, MarkStyle::SingleStraight);
        assert_eq!(q[1].depth, 1);
        assert!(inners("He said 'no' to me").is_empty());
        assert_eq!(inners(r#""rock 'n' roll""#), ["rock 'n' roll"]);
        assert_eq!(inners(r#""the Obamas' home and 'the '90s,' yes""#).len(), 2);
    }

    #[test]
    fn nesting() {
        let t = r#""He said 'no' to me""#;
        assert_eq!(inners(t), ["He said 'no' to me", "no"]);
        let t = "“They called it ‘a hoax,’ he said”";
        let q = quotes(t);
        assert_eq!(inners(t), ["They called it ‘a hoax,’ he said", "a hoax,"]);
        assert_eq!((q[0].depth, q[1].depth), (0, 1));
        let t = r#"“He said "stop" twice”"#;
        assert_eq!(inners(t), [r#"He said "stop" twice"#, "stop"]);
    }

    #[test]
    fn nested_unclosed_is_dropped_when_outer_closes() {
        let t = r#""Let 'em go," he said."#;
        assert_eq!(inners(t), ["Let 'em go,"]);
        let t = r#""back in the '90s," he said."#;
        assert_eq!(inners(t), ["back in the '90s,"]);
    }

    #[test]
    fn multi_paragraph() {
        let t = "\"First part.\n\n\"Second part.\n\n\"Third part,\" he said.\nAfter.";
        let q = quotes(t);
        assert_eq!(q.len(), 1);
        assert_eq!(
            q[0].inner.of(t),
            "First part.\n\n\"Second part.\n\n\"Third part,"
        );
        assert_eq!(q[0].paragraphs, 3);
        assert!(q[0].closed);
        let t = "''One.\n''Two.'' he said";
        assert_eq!(inners(t), ["One.\n''Two."]);
        let t = "“One.\n\n“Two,” he said";
        assert_eq!(quotes(t)[0].paragraphs, 2);
    }

    #[test]
    fn multi_paragraph_that_never_closes_splits() {
        let t = "\"First part.\n\n\"Second part.\n\nHe said so.";
        let q = quotes(t);
        assert_eq!(inners(t), ["First part.", "Second part."]);
        assert!(q.iter().all(|q| !q.closed && q.paragraphs == 1));
    }

    #[test]
    fn unclosed_closes_at_paragraph_end() {
        let t = "He said \"this never ends   \n\nNext paragraph \"here\".";
        let q = quotes(t);
        assert_eq!(inners(t), ["this never ends", "here"]);
        assert!(!q[0].closed);
        assert!(q[1].closed);
        assert_eq!(q[0].outer.of(t), "\"this never ends");
        let t = "''They each have acted in bad faith.\n\nOther text.";
        assert_eq!(inners(t), ["They each have acted in bad faith."]);
    }

    #[test]
    fn hard_wrap() {
        let t = "He said \"this is a long\nline that wraps,\" and left.";
        let q = quotes(t);
        assert_eq!(inners(t), ["this is a long\nline that wraps,"]);
        assert!(q[0].closed);
        assert_eq!(q[0].paragraphs, 2);
        let t = "He said \"this is a long\r\nline that wraps,\" and left.";
        assert_eq!(inners(t), ["this is a long\r\nline that wraps,"]);
        let t = "He said \"this is a long\rline that wraps,\" and left.";
        assert_eq!(inners(t), ["this is a long\rline that wraps,"]);
        // A blank line in between is a real paragraph break.
        let t = "He said \"this is a long\n\nline that wraps,\" and left.";
        assert_eq!(quotes(t).iter().filter(|q| q.closed).count(), 0);
        // The next line opens before it closes: not a wrap.
        let t = "He said \"this is long\nand \"that\" is it";
        let q = quotes(t);
        assert_eq!(inners(t), ["this is long", "that"]);
        assert!(!q[0].closed);
        // Only across one line break.
        let t = "He said \"one\ntwo\nthree,\" he said";
        let q = quotes(t);
        assert_eq!(inners(t), ["one"]);
        assert!(!q[0].closed);
    }

    #[test]
    fn output_sorted_with_multi_paragraph_and_nesting() {
        let t = "“A ‘b’ c.\n\n“D ‘e’ f,” he said. “G”";
        let q = quotes(t);
        assert_eq!(inners(t), ["A ‘b’ c.\n\n“D ‘e’ f,", "b", "e", "G"]);
        assert!(q.windows(2).all(|w| w[0].outer.start <= w[1].outer.start));
    }

    #[test]
    fn invalid_paragraphs_are_skipped() {
        let t = "“héllo” x";
        let bad = [Span::new(0, 999), Span::new(1, 4), Span::new(5, 2)];
        assert!(find_quotes(t, &bad).is_empty());
        assert_eq!(find_quotes(t, &[]).len(), 1);
        let q = find_quotes(t, &[Span::new(0, t.len())]);
        assert_eq!(q[0].inner.of(t), "héllo");
    }

    #[test]
    fn depth_is_bounded() {
        let t = "\"".repeat(100_000) + "x" + &"\"".repeat(100_000);
        let q = quotes(&t);
        assert!(q.iter().all(|q| usize::from(q.depth) < MAX_DEPTH));
        let t = "“a ".repeat(100_000) + &"b” ".repeat(100_000);
        let q = quotes(&t);
        assert!(q.len() <= 2 * MAX_DEPTH);
    }

    const PIECES: &[&str] = &[
        "\"", "'", "''", "'''", "“", "”", "‘", "’", "«", "»", "„", "‚", " ", " ", " ", "\n",
        "\n\n", "a", "word", "s", "é", "7", ",", ".", "(", "—", ":", "\u{a0}", "日本", "''\n",
    ];

    fn nasty(rng: &mut impl FnMut() -> u64) -> String {
        let n = (rng() % 80) as usize;
        (0..n)
            .map(|_| PIECES[(rng() % PIECES.len() as u64) as usize])
            .collect()
    }

    /// The start of `text`, for assertion messages.
    fn short(text: &str) -> String {
        format!("{:?}", text.chars().take(300).collect::<String>())
    }

    fn check_invariants(text: &str, paras: &[Span]) {
        let q = find_quotes(text, paras);
        let lines;
        let paras = if paras.is_empty() {
            lines = line_paragraphs(text);
            &lines[..]
        } else {
            paras
        };
        for w in q.windows(2) {
            assert!(w[0].outer.start <= w[1].outer.start, "{}", short(text));
        }
        for x in &q {
            for s in [x.inner, x.outer] {
                assert!(
                    s.start <= s.end && s.end <= text.len(),
                    "{} {x:?}",
                    short(text)
                );
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
            assert!(x.outer.contains(x.inner), "{} {x:?}", short(text));
            assert!(x.inner.of(text).chars().any(char::is_alphanumeric));
            assert!(usize::from(x.depth) < MAX_DEPTH);
            assert!(x.paragraphs >= 1);
            if !x.closed {
                // The last paragraph starting at or before the quote must hold all of it.
                let k = paras.partition_point(|p| p.start <= x.outer.start);
                let inside = k > 0 && paras[k - 1].contains(x.outer);
                assert!(inside, "unclosed crosses: {} {x:?}", short(text));
                assert_eq!(x.paragraphs, 1);
            }
        }
    }

    #[test]
    fn property_nasty_strings() {
        let mut rng = xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let text = nasty(&mut rng);
            check_invariants(&text, &line_paragraphs(&text));
        }
    }

    #[test]
    fn property_arbitrary_paragraph_spans() {
        let mut rng = xorshift(42);
        for _ in 0..5_000 {
            let text = nasty(&mut rng);
            let len = text.len() as u64 + 3;
            let mut spans: Vec<Span> = (0..(rng() % 5))
                .map(|_| {
                    let a = (rng() % len) as usize;
                    let b = (rng() % len) as usize;
                    Span::new(a.min(b), a.max(b))
                })
                .collect();
            spans.sort();
            // Must not panic whatever the spans; invariants hold for the valid ones.
            let valid = valid_paragraphs(&text, &spans);
            check_invariants(&text, &valid);
            let _ = find_quotes(&text, &spans);
        }
    }

    #[test]
    fn large_unbalanced_input_is_fast_enough() {
        let mut rng = xorshift(7);
        let mut text = String::new();
        while text.len() < 3_000_000 {
            text.push_str(PIECES[(rng() % PIECES.len() as u64) as usize]);
        }
        check_invariants(&text, &line_paragraphs(&text));
        let one_para = text.replace('\n', " ");
        let q = find_quotes(&one_para, &[Span::new(0, one_para.len())]);
        assert!(q.iter().all(|q| q.outer.end <= one_para.len()));
    }
}
