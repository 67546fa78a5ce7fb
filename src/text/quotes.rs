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
//!
//! The file is long (about 900 lines) because the scan is one pass with one stack of open
//! quotes: the byte matcher of marks, the context tests that give a mark its direction and the
//! stack that pairs them decide together; its tests are in `quotes/tests.rs`.

use crate::span::Span;
use crate::text::stops::Stops;
use nom::bytes::complete::tag;
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

/// Accepts exactly two ASCII apostrophes `''`, the NYT's double quotation mark.
fn double_apostrophe(input: &str) -> IResult<&str, &str> {
    tag("''").parse(input)
}

/// Accepts any quotation-mark candidate: straight, apostrophe run, opening or closing mark. The
/// same as the nom parsers of the tests (`any_mark_parsed`), matched on bytes.
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

/// The mark `any_mark` accepts at the start of `bytes`, and its length in bytes.
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
pub(crate) fn is_quote_char(c: char) -> bool {
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
mod tests;
