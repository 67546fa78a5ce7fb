//! Page furniture: the lines of a scraped page that are not paragraphs of its article.
//!
//! Plain-text scrapes keep navigation ("Skip to main content"), ads ("ADVERTISEMENT"),
//! cookie banners, link lists ("More Stories") and teasers for other stories ("Opinion" and a
//! headline under it), plus markup pasted as text (`<div class="paragraphs"><p>...`). A quote
//! in any of them is not a statement of the article. The patterns are data, in
//! `grammar/furniture.txt` (format in `grammar/README.md`); [`Furniture::spans`] finds them
//! and returns byte spans of the text. Nothing is deleted: the text and every offset stay as
//! they are, and the extractor drops the statements that fall in a furniture span.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use regex::Regex;

use crate::span::Span;
use crate::swar::{splat, HIGH_BITS};

/// The built-in patterns.
const BUILTIN: &str = include_str!("../../grammar/furniture.txt");
/// The file name that overrides the built-in patterns in a grammar folder.
pub const FILE_NAME: &str = "furniture.txt";
/// A teaser or list entry has at most this many words.
const MAX_TEASER_WORDS: usize = 25;

/// A furniture file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum FurnitureError {
    /// A line did not follow the format.
    #[error("{file}:{line}: {message}")]
    Malformed {
        /// The file that holds the line.
        file: PathBuf,
        /// Line number, counted from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The file exists but could not be read.
    #[error("cannot read furniture file {file}: {source}")]
    Io {
        /// The file that failed.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Line-based patterns for page furniture, ready to match.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// Whole lines that are furniture, normalised with [`line_key`].
    lines: HashSet<String>,
    /// Prefixes of furniture lines, normalised with [`line_key`].
    prefixes: Vec<String>,
    /// The first character of every prefix (None for an empty prefix, which every line has):
    /// a line whose key starts otherwise has none of the prefixes.
    prefix_starts: Vec<Option<char>>,
    /// A line matching one of these is furniture.
    line_patterns: Vec<LinePattern>,
    /// Every match of one of these, anywhere, is furniture (markup tags).
    span_patterns: Vec<Regex>,
    /// Labels whose next line is a teaser for another story ("Opinion"), normalised.
    teaser_labels: HashSet<String>,
    /// Headings of link lists ("More Stories"): the short lines after them are furniture.
    list_headings: HashSet<String>,
    /// More than the characters of any `line`, `teaser` or `list` key and the bytes of any
    /// prefix: a line with this many key characters matches no exact key, and the key of its
    /// head decides the prefixes.
    head_chars: usize,
}

/// The furniture found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Lines that are furniture (trimmed, without their breaks), in text order.
    pub lines: Vec<Span>,
    /// Markup matched by `span` patterns (tags), in text order.
    pub markup: Vec<Span>,
}

impl Found {
    /// Is a statement with this quote furniture? Yes when it touches a furniture line, or
    /// lies mostly inside markup (an attribute value read as a quote); a sentence that merely
    /// holds a link tag stays.
    pub fn covers(&self, quote: Span) -> bool {
        overlaps_any(&self.lines, quote) || markup_covers(&self.markup, quote)
    }
}

/// A line of the text: its span without the line break, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
}

impl Furniture {
    /// The patterns compiled into the binary (`grammar/furniture.txt`).
    pub fn builtin() -> Furniture {
        // The built-in file is checked by the test suite; a failure here is a build bug.
        match Furniture::parse(Path::new(FILE_NAME), BUILTIN) {
            Ok(furniture) => furniture,
            Err(err) => panic!("built-in furniture patterns are malformed: {err}"),
        }
    }

    /// The patterns of `dir/furniture.txt` when that file exists, else the built-in ones.
    pub fn from_dir(dir: &Path) -> Result<Furniture, FurnitureError> {
        let path = dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Furniture::parse(&path, &text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Furniture::builtin()),
            Err(source) => Err(FurnitureError::Io { file: path, source }),
        }
    }

    /// Patterns read from the text of a furniture file; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Furniture, FurnitureError> {
        let mut furniture = Furniture::default();
        for (index, raw) in text.lines().enumerate() {
            furniture
                .add(raw)
                .map_err(|message| FurnitureError::Malformed {
                    file: path.to_path_buf(),
                    line: index + 1,
                    message,
                })?;
        }
        Ok(furniture)
    }

    /// Adds one line of a furniture file: `kind | pattern`, a comment, or a blank line.
    fn add(&mut self, raw: &str) -> Result<(), String> {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        let Some((kind, pattern)) = line.split_once('|') else {
            return Err(format!("expected 'kind | pattern', found {line:?}"));
        };
        let pattern = pattern.trim();
        if pattern.is_empty() {
            return Err("empty pattern".into());
        }
        let key = line_key(pattern);
        let kind = kind.trim();
        let needed = match kind {
            "prefix" => key.len(),
            "line" | "teaser" | "list" => key.chars().count(),
            _ => 0,
        };
        self.head_chars = self.head_chars.max(needed + 1);
        match kind {
            "line" => {
                self.lines.insert(key);
            }
            "prefix" => {
                self.prefix_starts.push(key.chars().next());
                self.prefixes.push(key);
            }
            "teaser" => {
                self.teaser_labels.insert(key);
            }
            "list" => {
                self.list_headings.insert(key);
            }
            "regex" => self.line_patterns.push(LinePattern::new(pattern)?),
            "span" => self.span_patterns.push(compile(pattern)?),
            other => {
                return Err(format!(
                    "unknown kind {other:?} (expected line, prefix, regex, span, teaser or list)"
                ))
            }
        }
        Ok(())
    }

    /// The furniture in `text`, as sorted byte spans: furniture lines and markup together.
    pub fn spans(&self, text: &str) -> Vec<Span> {
        let found = self.find(text);
        let mut spans = found.lines;
        spans.extend(found.markup);
        spans.sort();
        spans
    }

    /// The furniture in `text`: whole lines, and markup matched by `span` patterns.
    pub fn find(&self, text: &str) -> Found {
        let mut found = Vec::new();
        let mut state = LineState::Fresh;
        for line in lines(text) {
            let (furniture, next) = self.step(state, &self.classify(line.span.of(text)));
            if furniture {
                found.push(line.span);
            }
            state = next;
        }
        Found {
            lines: found,
            markup: self.markup(text),
        }
    }

    /// For each of `quotes`, does furniture cover it? The same answers as
    /// `self.find(text).covers(quote)`, but only the lines near a quote are classified: the
    /// extractor asks about a few statements of a long text.
    pub fn covered(&self, text: &str, quotes: &[Span]) -> Vec<bool> {
        if quotes.is_empty() {
            return Vec::new();
        }
        let mut order: Vec<usize> = (0..quotes.len()).collect();
        order.sort_by_key(|&i| quotes[i].start);
        let markup = self.markup(text);
        let mut scan = LineScan::new(self, text);
        let mut answers = vec![false; quotes.len()];
        for index in order {
            let quote = quotes[index];
            answers[index] = scan.touches_furniture(quote) || markup_covers(&markup, quote);
        }
        answers
    }

    /// Markup matched by `span` patterns, in text order.
    fn markup(&self, text: &str) -> Vec<Span> {
        let mut markup: Vec<Span> = self
            .span_patterns
            .iter()
            .flat_map(|p| p.find_iter(text).map(|m| Span::new(m.start(), m.end())))
            .collect();
        markup.sort();
        markup
    }

    /// What a line is, for the line classification of [`Furniture::find`].
    fn classify<'t>(&self, line: &'t str) -> LineKind<'t> {
        let regex = || self.line_patterns.iter().any(|p| p.is_match(line));
        if let Some(head) = self.long_head(line) {
            // Too long for an exact key: only the prefixes and the regexes can match.
            let start = key_start(head);
            // Only a prefix that starts with the line's first character, lower-cased, can
            // match (see `may_have_prefix`).
            let first = first_lower(start);
            let prefixed = self
                .prefixes
                .iter()
                .zip(&self.prefix_starts)
                .any(|(p, &p_start)| {
                    (p_start.is_none() || first.is_some() && p_start == first)
                        && key_starts_with(start, p)
                });
            return LineKind {
                line,
                heading: false,
                label: false,
                furniture: prefixed || regex(),
            };
        }
        let key = line_key(line);
        LineKind {
            line,
            heading: self.list_headings.contains(&key),
            label: self.teaser_labels.contains(&key),
            furniture: self.lines.contains(&key)
                || self.prefixes.iter().any(|p| key.starts_with(p.as_str()))
                || regex(),
        }
    }

    /// Can the key of a line that starts with `start` (from [`key_start`]) start with one of
    /// the prefixes? False only when its first character, lower-cased, starts none of them
    /// (the test `Furniture::classify` makes of each prefix).
    #[cfg(test)]
    fn may_have_prefix(&self, start: &str) -> bool {
        let first = first_lower(start);
        self.prefix_starts
            .iter()
            .any(|&p| p.is_none() || (first.is_some() && p == first))
    }

    /// The head of a line too long to match an exact key: its first [`Furniture::head_chars`]
    /// key characters (within [`KEY_BYTES`]). None for a shorter line, and for a head with a
    /// capital sigma, which lower-cases by what follows it.
    fn long_head<'t>(&self, line: &'t str) -> Option<&'t str> {
        let bounded = line
            .get(..floor_char_boundary(line, KEY_BYTES))
            .unwrap_or(line);
        let bytes = bounded.as_bytes();
        let mut count = 0;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            // ASCII bytes are judged as they are; other characters decoded.
            let (core, width) = if byte.is_ascii() {
                (KEY_CORE_ASCII[usize::from(byte)], 1)
            } else {
                let c = bounded.get(at..)?.chars().next()?;
                if c == 'Σ' {
                    return None;
                }
                (is_key_core(c), c.len_utf8())
            };
            at += width;
            if core {
                count += 1;
                if count == self.head_chars {
                    return bounded.get(..at);
                }
            }
        }
        None
    }

    /// One step of the line classification of [`Furniture::find`]: is the line, read in
    /// `state`, furniture, and in which state is the next line read?
    fn step(&self, state: LineState, kind: &LineKind) -> (bool, LineState) {
        match state {
            LineState::InList if kind.furniture || kind.teaser() => {
                return (true, LineState::InList)
            }
            LineState::AfterLabel if kind.teaser() => return (true, LineState::Fresh),
            _ => {}
        }
        if kind.heading {
            (true, LineState::InList)
        } else if kind.label {
            (true, LineState::AfterLabel)
        } else {
            (kind.furniture, LineState::Fresh)
        }
    }
}

/// The first character of `start`, lower-cased (the first of its lower case).
fn first_lower(start: &str) -> Option<char> {
    match start.as_bytes().first() {
        // An ASCII character lower-cases to its ASCII lower case.
        Some(&byte) if byte.is_ascii() => Some(char::from(byte.to_ascii_lowercase())),
        _ => start.chars().next().and_then(|c| c.to_lowercase().next()),
    }
}

/// Does markup cover a quote: does it lie at least half inside `markup` (as in [`Found::covers`])?
fn markup_covers(markup: &[Span], quote: Span) -> bool {
    let inside: usize = markup
        .iter()
        .filter(|m| m.overlaps(quote))
        .map(|m| m.end.min(quote.end) - m.start.max(quote.start))
        .sum();
    inside > 0 && inside * 2 >= quote.len()
}

/// How [`Furniture::find`] reads a line, given the lines before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineState {
    /// By itself: a heading, a label, a furniture line or none.
    Fresh,
    /// Under a list heading: furniture if it reads like a teaser or is a furniture line.
    InList,
    /// Right after a teaser label: furniture if it reads like a teaser.
    AfterLabel,
}

/// What one line is: a list heading, a teaser label, a furniture line by itself, a teaser.
struct LineKind<'t> {
    /// The line, trimmed.
    line: &'t str,
    /// Its key is a `list` heading.
    heading: bool,
    /// Its key is a `teaser` label.
    label: bool,
    /// It is an exact `line`, starts with a `prefix` or matches a `regex`.
    furniture: bool,
}

impl LineKind<'_> {
    /// Does the line read like a headline ([`is_teaser`])?
    fn teaser(&self) -> bool {
        is_teaser(self.line)
    }

    /// Is the line nothing furniture needs: in any state it is not furniture and the line
    /// after it is read fresh.
    fn is_plain(&self) -> bool {
        !(self.heading || self.label || self.furniture || self.teaser())
    }
}

/// Where the [`line_key`] of a line (trimmed) starts: after the quotes that open the line,
/// and the space after them.
fn key_start(line: &str) -> &str {
    match line.as_bytes().first() {
        // Most lines start with a letter: nothing to trim.
        Some(&byte) if byte.is_ascii() && KEY_CORE_ASCII[usize::from(byte)] => line,
        _ => line.trim_start_matches(KEY_QUOTES).trim_start(),
    }
}

/// Does the [`line_key`] of a line start with `prefix` (a key)? `start` is the line from
/// [`key_start`] to the end of its head: it holds more key characters than `prefix` has
/// bytes, and no capital sigma (see [`Furniture::long_head`]), so its characters decide; no
/// key is built.
fn key_starts_with(start: &str, prefix: &str) -> bool {
    let mut wanted = prefix.chars();
    let mut space = false;
    for c in start.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) {
            match wanted.next() {
                None => return true,
                Some(' ') => {}
                Some(_) => return false,
            }
        }
        if c.is_ascii() {
            // One lower-case character, and no call to the Unicode tables.
            match wanted.next() {
                None => return true,
                Some(w) if w == c.to_ascii_lowercase() => {}
                Some(_) => return false,
            }
            continue;
        }
        for lower in c.to_lowercase() {
            match wanted.next() {
                None => return true,
                Some(w) if w == lower => {}
                Some(_) => return false,
            }
        }
    }
    wanted.next().is_none()
}

/// Is the character kept in a [`line_key`] wherever it stands: not a space, a quote, `.` or `:`?
fn is_key_core(c: char) -> bool {
    !(c.is_whitespace() || KEY_QUOTES.contains(&c) || c == '.' || c == ':')
}

/// [`is_key_core`] of every ASCII character, by its byte.
const KEY_CORE_ASCII: [bool; 128] = {
    let mut core = [true; 128];
    // The ASCII white space of `char::is_whitespace`, the ASCII quotes of `KEY_QUOTES`.
    let dropped = [
        b'\t', b'\n', 0x0b, 0x0c, b'\r', b' ', b'"', b'\'', b'.', b':',
    ];
    let mut i = 0;
    while i < dropped.len() {
        core[dropped[i] as usize] = false;
        i += 1;
    }
    core
};

/// The line classification of [`Furniture::find`], run only over the lines that quotes
/// touch (and, for a line that is not plain, the lines its state depends on). Quotes must be
/// asked about in order of their start.
struct LineScan<'f, 't> {
    furniture: &'f Furniture,
    text: &'t str,
    /// Start of the first line segment not read yet.
    next: usize,
    /// The state that segment is read in; `None` when lines before it were skipped.
    state: Option<LineState>,
    /// When lines were skipped: the start of the first skipped segment, and its state.
    skipped_from: (usize, LineState),
    /// Furniture lines found so far, in text order.
    found: Vec<Span>,
}

impl<'f, 't> LineScan<'f, 't> {
    /// A scan of `text` that has read nothing yet.
    fn new(furniture: &'f Furniture, text: &'t str) -> Self {
        LineScan {
            furniture,
            text,
            next: 0,
            state: Some(LineState::Fresh),
            skipped_from: (0, LineState::Fresh),
            found: Vec::new(),
        }
    }

    /// Does `quote` overlap a furniture line? Quotes must be asked about in order of start.
    fn touches_furniture(&mut self, quote: Span) -> bool {
        // The segment that holds the quote's start, if it starts after the lines read.
        let at = quote.start.min(self.text.len());
        let first = last_break(self.text, self.next, at.max(self.next)).map(|i| i + 1);
        if let Some(first) = first.filter(|&first| first > self.next) {
            if let Some(state) = self.state.take() {
                self.skipped_from = (self.next, state);
            }
            self.next = first;
        }
        // Read every line that starts before the quote ends.
        while let Some((start, segment)) = next_line_start(self.text, self.next) {
            if start >= quote.end {
                // Not read yet, but the blank segments before it need not be skipped again.
                self.next = segment;
                break;
            }
            let (line, end) = line_from(self.text, start);
            let kind = self.furniture.classify(line.of(self.text));
            let state = match self.state {
                Some(state) => state,
                // A plain line is read the same in every state.
                None if kind.is_plain() => LineState::Fresh,
                None => self.recover(segment),
            };
            let (furniture, state) = self.furniture.step(state, &kind);
            if furniture {
                self.found.push(line);
            }
            self.state = Some(state);
            self.next = (end + 1).min(self.text.len());
        }
        let from = self.found.partition_point(|l| l.end <= quote.start);
        self.found[from..]
            .iter()
            .take_while(|l| l.start < quote.end)
            .any(|l| l.overlaps(quote))
    }

    /// The state of the skipped segment starting at `target`: read from the line after the
    /// last plain line before it (read fresh), or from where the skip began.
    fn recover(&mut self, target: usize) -> LineState {
        let (mut from, mut state) = self.skipped_from;
        let mut at = target;
        while let Some((line, start)) = line_before(self.text, at) {
            if start < from {
                break;
            }
            if self.furniture.classify(line.of(self.text)).is_plain() {
                from = line_segment_end(self.text, line.end);
                state = LineState::Fresh;
                break;
            }
            at = start;
        }
        while let Some((line, _, end)) = line_after(self.text, from) {
            if line.start >= target {
                break;
            }
            let (furniture, next) = self
                .furniture
                .step(state, &self.furniture.classify(line.of(self.text)));
            if furniture {
                self.found.push(line);
            }
            state = next;
            from = (end + 1).min(self.text.len());
        }
        state
    }
}

/// Start of the line segment that holds byte `at`: just after the last line break before it.
fn segment_start(text: &str, at: usize) -> usize {
    last_break(text, 0, at).map_or(0, |i| i + 1)
}

/// The offset just after the line break that ends the segment holding byte `at`, or the
/// text length when no break follows.
fn line_segment_end(text: &str, at: usize) -> usize {
    first_break(text, at).map_or(text.len(), |i| i + 1)
}

/// Offset of the first line break at or after `from` (breaks are ASCII: bytes decide, one
/// pass of memchr for both).
fn first_break(text: &str, from: usize) -> Option<usize> {
    let rest = text.as_bytes().get(from..)?;
    memchr::memchr2(b'\n', b'\r', rest).map(|i| from + i)
}

/// Offset of the last line break in `from..to`.
fn last_break(text: &str, from: usize, to: usize) -> Option<usize> {
    let piece = text.as_bytes().get(from..to)?;
    memchr::memrchr2(b'\n', b'\r', piece).map(|i| from + i)
}

/// The first non-blank line at or after the segment start `from`, trimmed, with the start
/// of its segment and the offset of the break that ends it (the text length for the last).
fn line_after(text: &str, from: usize) -> Option<(Span, usize, usize)> {
    let (start, segment) = next_line_start(text, from)?;
    let (line, end) = line_from(text, start);
    Some((line, segment, end))
}

/// Where the first non-blank line at or after the segment start `from` starts (trimmed),
/// and where its segment starts.
fn next_line_start(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let blank = rest.len() - rest.trim_start().len();
    if blank == rest.len() {
        return None;
    }
    let start = from + blank;
    let segment = last_break(text, from, start).map_or(from, |i| i + 1);
    Some((start, segment))
}

/// The line that starts (trimmed) at `start`, trimmed, with the offset of the break that
/// ends it (the text length for the last line).
fn line_from(text: &str, start: usize) -> (Span, usize) {
    let end = first_break(text, start).unwrap_or(text.len());
    (Span::new(start, end).trim(text), end)
}

/// The last non-blank line that ends before the segment start `before`, trimmed, with the
/// start of its segment.
fn line_before(text: &str, mut before: usize) -> Option<(Span, usize)> {
    while before > 0 {
        let end = before - 1;
        let start = segment_start(text, end);
        let line = Span::new(start, end).trim(text);
        if !line.is_empty() {
            return Some((line, start));
        }
        before = start;
    }
    None
}

/// True when `span` overlaps any of `spans`.
pub fn overlaps_any(spans: &[Span], span: Span) -> bool {
    spans.iter().any(|s| s.overlaps(span))
}

/// A `regex` pattern of furniture lines, with what the start of a line must be for it to
/// match, when its syntax tells.
#[derive(Debug, Clone)]
struct LinePattern {
    regex: Regex,
    /// For a pattern anchored at the start of the line (`^`) whose matches all begin with
    /// one of a few literals: the first bytes of those literals. A line that starts with
    /// none of them does not match, and the regex need not run (most lines of a page start
    /// with a letter, the built-in pattern's matches with `<`).
    first_bytes: Option<[bool; 256]>,
}

impl LinePattern {
    /// The pattern compiled, with its start literals.
    fn new(pattern: &str) -> Result<LinePattern, String> {
        let regex = compile(pattern)?;
        let first_bytes = start_literals(pattern).map(|starts| {
            let mut first = [false; 256];
            for start in starts {
                if let Some(&byte) = start.first() {
                    first[usize::from(byte)] = true;
                }
            }
            first
        });
        Ok(LinePattern { regex, first_bytes })
    }

    /// Does `line` match?
    fn is_match(&self, line: &str) -> bool {
        if let Some(first) = &self.first_bytes {
            let byte = line.as_bytes().first().copied();
            if !byte.is_some_and(|b| first[usize::from(b)]) {
                return false;
            }
        }
        self.regex.is_match(line)
    }
}

/// The literals every match of `pattern` begins with, when the pattern is anchored at the
/// start of the text and regex-syntax finds a finite set of them, none empty.
fn start_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::Extractor;
    use regex_syntax::hir::Look;
    let hir = regex_syntax::parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let literals = Extractor::new().extract(&hir);
    let starts: Vec<Vec<u8>> = literals
        .literals()?
        .iter()
        .map(|l| l.as_bytes().to_vec())
        .collect();
    (!starts.is_empty() && starts.iter().all(|s| !s.is_empty())).then_some(starts)
}

/// Compiles a pattern, with the error as a message.
fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|err| format!("bad regex {pattern:?}: {err}"))
}

/// The non-blank lines of `text`, trimmed (line breaks: `\n`, `\r\n`, `\r`).
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut push = |start: usize, end: usize| {
        let span = Span::new(start, end).trim(text);
        if !span.is_empty() {
            out.push(Line { span });
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                push(start, i);
                if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    push(start, bytes.len());
    out
}

/// The quotes a [`line_key`] drops around a line.
const KEY_QUOTES: &[char] = &['"', '“', '”', '\''];

/// Bytes of a line that `line`, `prefix`, `heading` and `label` patterns compare: page
/// furniture is short, and a paragraph's key need not be built in full to tell it apart.
pub const KEY_BYTES: usize = 256;

/// A line as patterns see it: lower case, single spaces, without surrounding quotes and a
/// final `.` or `:` (PolNeAR adds a period to every line; `"Related:"`). Only the first
/// [`KEY_BYTES`] bytes of a longer line are used.
pub fn line_key(line: &str) -> String {
    let line = line
        .get(..floor_char_boundary(line, KEY_BYTES))
        .unwrap_or(line);
    let quotes = KEY_QUOTES;
    if line.is_ascii() {
        // One pass and one allocation for the common case; the same key as below.
        let mut words = String::with_capacity(line.len());
        for word in line.split_whitespace() {
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(word);
        }
        let trimmed = trim_key(&words, quotes);
        return trimmed.to_ascii_lowercase();
    }
    let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
    trim_key(&words, quotes).to_lowercase()
}

/// Without surrounding quotes and a final `.` or `:`.
fn trim_key<'a>(words: &'a str, quotes: &[char]) -> &'a str {
    words
        .trim_matches(quotes)
        .trim_end_matches(['.', ':'])
        .trim_matches(quotes)
        .trim()
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// Does the line read like a headline or a link in a list, not a paragraph of prose?
/// Short, and either without a final sentence mark or mostly capitalised words.
fn is_teaser(line: &str) -> bool {
    if more_ascii_words(line, MAX_TEASER_WORDS) {
        // Split at every space there are at least as many words.
        return false;
    }
    let mut words = 0;
    // Words of at least four letters, and those of them that start with a capital.
    let mut long = 0;
    let mut capitalised = 0;
    for word in line.split_whitespace() {
        words += 1;
        if words > MAX_TEASER_WORDS {
            return false;
        }
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let first = letters.next();
        if first.is_some() && letters.take(3).count() == 3 {
            long += 1;
            if first.is_some_and(char::is_uppercase) {
                capitalised += 1;
            }
        }
    }
    if words == 0 {
        return false;
    }
    let closers: &[char] = &['"', '”', '’', '\'', ')'];
    let ends_sentence = line.trim_end_matches(closers).ends_with(['.', '!', '?']);
    !ends_sentence || long > 0 && capitalised * 10 >= long * 7
}

/// Does `line` have more than `limit` words split at ASCII spaces? Eight bytes at a time
/// while no limit is passed: a word starts at each byte that is no space after one that is.
fn more_ascii_words(line: &str, limit: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    let (chunks, rest) = line.as_bytes().as_chunks::<8>();
    for chunk in chunks {
        let spaces = ascii_space_bytes(chunk);
        // The high bit of each byte after a space (the first byte: after the chunk before).
        let after_space = (spaces << 8) | if in_word { 0 } else { 0x80 };
        let starts = !spaces & after_space & HIGH_BITS;
        words += ((starts >> 7).wrapping_mul(splat(1)) >> 56) as usize;
        if words > limit {
            return true;
        }
        in_word = spaces >> 63 == 0;
    }
    more_ascii_words_from(rest, words, in_word, limit)
}

/// The high bit set in each byte of `chunk` that is ASCII white space (`u8::is_ascii_whitespace`),
/// and in no other.
fn ascii_space_bytes(chunk: &[u8; 8]) -> u64 {
    let word = u64::from_le_bytes(*chunk);
    let low = !HIGH_BITS;
    // Exactly the bytes below 0x21, and exactly the spaces (no borrow between bytes).
    let below = !(((word & low) + splat(0x80 - 0x21)) | word) & HIGH_BITS;
    let other = word ^ splat(b' ');
    let spaces = !(((other & low) + low) | other) & HIGH_BITS;
    if below == spaces {
        return spaces;
    }
    // A control byte: each byte by itself.
    chunk
        .iter()
        .enumerate()
        .filter(|(_, byte)| byte.is_ascii_whitespace())
        .fold(0, |mask, (i, _)| mask | 0x80 << (8 * i))
}

/// [`more_ascii_words`] over `bytes`, byte by byte, with `words` counted before them and
/// `in_word` telling whether the byte before them was no space.
fn more_ascii_words_from(bytes: &[u8], mut words: usize, mut in_word: bool, limit: usize) -> bool {
    for &byte in bytes {
        let space = byte.is_ascii_whitespace();
        if !space && !in_word {
            words += 1;
            if words > limit {
                return true;
            }
        }
        in_word = !space;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Is the byte a line break (`\n` or `\r`), as the scans of the text take them?
    fn is_break(byte: u8) -> bool {
        byte == b'\n' || byte == b'\r'
    }

    #[test]
    fn ascii_fast_paths_match_the_character_tests() {
        for byte in 0u8..128 {
            assert_eq!(
                KEY_CORE_ASCII[usize::from(byte)],
                is_key_core(char::from(byte)),
                "{byte}"
            );
        }
        fn slow_start(line: &str) -> &str {
            line.trim_start_matches(KEY_QUOTES).trim_start()
        }
        let slow_starts_with = |start: &str, prefix: &str| {
            let mut wanted = prefix.chars();
            let mut space = false;
            for c in start.chars() {
                if c.is_whitespace() {
                    space = true;
                    continue;
                }
                if std::mem::take(&mut space) {
                    match wanted.next() {
                        None => return true,
                        Some(' ') => {}
                        Some(_) => return false,
                    }
                }
                for lower in c.to_lowercase() {
                    match wanted.next() {
                        None => return true,
                        Some(w) if w == lower => {}
                        Some(_) => return false,
                    }
                }
            }
            wanted.next().is_none()
        };
        let lines = [
            "",
            "We use cookies",
            "WE  USE Cookies to",
            "\"We use",
            "“We use",
            " We",
            "\u{a0}We",
            ".We",
            ":",
            "'By clicking",
            "İstanbul",
            "ÉNFASIS total",
            "By clicking “Accept all”",
            "©2024 Copyright",
        ];
        let f = Furniture::builtin();
        for line in lines {
            assert_eq!(key_start(line), slow_start(line), "{line:?}");
            for prefix in f
                .prefixes
                .iter()
                .chain(&["we use".to_string(), String::new()])
            {
                assert_eq!(
                    key_starts_with(line, prefix),
                    slow_starts_with(line, prefix),
                    "{line:?} {prefix:?}"
                );
            }
        }
    }

    #[test]
    fn words_are_counted_eight_bytes_at_a_time_as_byte_by_byte() {
        let pieces = [
            "a", " ", "  ", "word", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1}", "\u{1f}", "!",
            "é", "\u{a0}", "“q”", "abcdefgh", "\u{85}", "x y",
        ];
        let mut state = 7u32;
        for _ in 0..3000 {
            let mut line = String::new();
            let count = state % 40;
            for _ in 0..count {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                line.push_str(pieces[state as usize % pieces.len()]);
            }
            for limit in [0, 1, 2, 3, 5, 8, 25] {
                assert_eq!(
                    more_ascii_words(&line, limit),
                    more_ascii_words_from(line.as_bytes(), 0, false, limit),
                    "{line:?} {limit}"
                );
            }
        }
    }

    #[test]
    fn line_breaks_are_found_by_bytes() {
        let text = "a\r\nb\rc\n\nd “é”\r\r\n\u{2028}e\n";
        let slow_first = |from: usize| {
            let rest = text.as_bytes().get(from..)?;
            rest.iter().position(|&b| is_break(b)).map(|i| from + i)
        };
        let slow_last = |from: usize, to: usize| {
            let piece = text.as_bytes().get(from..to)?;
            piece.iter().rposition(|&b| is_break(b)).map(|i| from + i)
        };
        for from in 0..=text.len() + 1 {
            assert_eq!(first_break(text, from), slow_first(from), "{from}");
            for to in 0..=text.len() + 1 {
                assert_eq!(
                    last_break(text, from, to),
                    slow_last(from, to),
                    "{from} {to}"
                );
            }
        }
    }

    fn furniture(patterns: &str) -> Furniture {
        Furniture::parse(Path::new("test.txt"), patterns).expect("patterns parse")
    }

    fn found<'t>(f: &Furniture, text: &'t str) -> Vec<&'t str> {
        f.spans(text).iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn the_first_character_filter_never_hides_a_prefix() {
        let f = Furniture::builtin();
        let mut starts: Vec<String> = f.prefixes.clone();
        starts.extend(f.prefixes.iter().map(|p| p.to_uppercase()));
        starts.extend(
            ["Énfasis", "İstanbul", "ǅemal", "", " ", "9 to 5", "“Quoted"].map(String::from),
        );
        for start in &starts {
            for prefix in &f.prefixes {
                if key_starts_with(start, prefix) {
                    assert!(f.may_have_prefix(start), "{start:?} hides {prefix:?}");
                }
            }
        }
        assert!(!f.may_have_prefix("Zzz plain text"));
        // A prefix whose key is empty (only quotes) is on every line.
        let empty = furniture("prefix | \"\"");
        assert_eq!(empty.prefixes, vec![String::new()]);
        assert!(empty.may_have_prefix("Zzz"));
    }

    #[test]
    fn builtin_patterns_load() {
        let f = Furniture::builtin();
        assert!(f.lines.contains("advertisement"));
        assert!(!f.list_headings.is_empty());
    }

    #[test]
    fn exact_lines_ignore_case_space_and_a_final_period() {
        let f = furniture("line | Skip to main content\nline | Related");
        let text = "Skip  to main CONTENT.\n\nBody text.\n\"Related:\"\nSkip to main content now";
        assert_eq!(
            found(&f, text),
            vec!["Skip  to main CONTENT.", "\"Related:\""]
        );
    }

    #[test]
    fn prefixes_match_line_starts() {
        let f = furniture("prefix | By signing up you agree");
        let text = "By signing up you agree to the Terms & Conditions of NDTV Profit\nHe agreed.";
        assert_eq!(
            found(&f, text),
            vec!["By signing up you agree to the Terms & Conditions of NDTV Profit"]
        );
    }

    #[test]
    fn regex_lines_and_spans() {
        let f = furniture("regex | ^<div\\b\nspan | <tweet\\b[^<>]*>");
        let text =
            "<div class=\"paragraphs\"><p>Caption</p></div>\nA <tweet author=\"x\">post</tweet>.";
        assert_eq!(
            found(&f, text),
            vec![
                "<div class=\"paragraphs\"><p>Caption</p></div>",
                "<tweet author=\"x\">"
            ]
        );
    }

    #[test]
    fn teaser_label_takes_the_headline_under_it() {
        let f = furniture("teaser | Opinion");
        let text = "Body.\n\nOpinion\nUS Secretary Of State Marco Rubio Says Russia Sanctions To Stay\n\nMore body.";
        assert_eq!(
            found(&f, text),
            vec![
                "Opinion",
                "US Secretary Of State Marco Rubio Says Russia Sanctions To Stay"
            ]
        );
    }

    #[test]
    fn teaser_label_leaves_a_prose_paragraph() {
        let f = furniture("teaser | Opinion");
        let text =
            "Opinion\nThe senator said the plan would fail, and she wants a vote on it soon.";
        assert_eq!(found(&f, text), vec!["Opinion"]);
    }

    #[test]
    fn list_heading_takes_short_lines_up_to_prose() {
        let f = furniture("list | More Stories\nline | Don't Miss");
        let text = "More Stories\n\nDon't Miss\n\"We will act,\" Obama says\nMarkets Close Out The Year.\n\nThe senator said the plan would fail, and she wants a vote on it soon.";
        assert_eq!(
            found(&f, text),
            vec![
                "More Stories",
                "Don't Miss",
                "\"We will act,\" Obama says",
                "Markets Close Out The Year."
            ]
        );
    }

    /// The first version of [`is_teaser`], kept to check the one without allocations.
    fn is_teaser_reference(line: &str) -> bool {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() || words.len() > MAX_TEASER_WORDS {
            return false;
        }
        let closers: &[char] = &['"', '”', '’', '\'', ')'];
        let ends_sentence = line.trim_end_matches(closers).ends_with(['.', '!', '?']);
        if !ends_sentence {
            return true;
        }
        let long: Vec<&&str> = words
            .iter()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .collect();
        let capitalised = long
            .iter()
            .filter(|w| {
                w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase)
            })
            .count();
        !long.is_empty() && capitalised * 10 >= long.len() * 7
    }

    #[test]
    fn line_patterns_skip_the_regex_only_where_it_cannot_match() {
        let patterns = [
            r"^</?(?:div|p|span|figure|figcaption|img|iframe|script|style|section|aside|a|picture|source|video)\b[^<>]*>",
            r"^abc",
            r"^(?i)abc",
            r"abc",
            r"^a|b",
            r"(?m)^abc",
            r"^\s*<div",
            r"^.*x",
            r"^x?y?",
            r"^(?:Ab|Σx)",
            r"^[a-c][0-9]",
        ];
        let lines = [
            "",
            "<div class=\"x\">",
            "</p>",
            "<divx>",
            "<pre>",
            "abc",
            "ABC def",
            "xabc",
            "b",
            "a",
            "zz\nabc",
            "  <div>",
            "x",
            "yy",
            "Σx",
            "σx",
            "Abc",
            "b7",
            "d1",
            "<a href=\"/\">",
            "Plain text of a paragraph.",
        ];
        for pattern in patterns {
            let line_pattern = LinePattern::new(pattern).unwrap();
            let regex = Regex::new(pattern).unwrap();
            for line in lines {
                assert_eq!(
                    line_pattern.is_match(line),
                    regex.is_match(line),
                    "{pattern:?} on {line:?}"
                );
            }
        }
        // The built-in pattern of markup lines gets its literals; unanchored ones none.
        assert!(start_literals(patterns[0]).is_some());
        assert!(start_literals("abc").is_none());
        assert!(start_literals("(?m)^abc").is_none());
        assert!(start_literals("^x?y?").is_none());
    }

    #[test]
    fn teaser_test_matches_its_first_version() {
        let lines = [
            "",
            "  ",
            "Opinion",
            "Markets Close Out The Year.",
            "Markets close out the year.",
            "A b c d.",
            "Über Öl Äpfel Straße usw.",
            "\"Quoted Headline Here!\"",
            "(Two Words Here.)",
            "1234 5678.",
            "Abc1d Ab-cd 'Abcd' x.",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive",
            "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty Twentyone Twentytwo Twentythree Twentyfour Twentyfive twentysix.",
            "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty Twentyone Twentytwo Twentythree Twentyfour Twentyfive.",
            "Seven Of Ten Long Words Here are fine enough.",
            "Seven Of Ten Long Words Here Are fine enough.",
        ];
        for line in lines {
            assert_eq!(is_teaser(line), is_teaser_reference(line), "{line:?}");
        }
    }

    #[test]
    fn long_heads_decide_prefixes_as_the_line_key_does() {
        let f = Furniture::builtin();
        assert!(f.head_chars > "advertisement - continue reading below".len());
        let tail = " and this sentence goes on long enough to pass the head of any line.";
        let starts = [
            "By continuing to use this site you agree",
            "by  CONTINUING\tto use this site",
            "\"\" \u{a0}By continuing to use this site",
            "“By continuing to use this site",
            "' \"By continuing to use this site",
            "By continuing to use this sitemap",
            "By continuing to use these",
            "By continuing",
            "İİ continuing to use this site",
            "©2016 The Company",
            "Copyright © 2016",
            "We use cookies",
            "We use cookie",
            "Straße ÄÖÜ",
            "ΣΣΣ use cookies",
            "...",
        ];
        let prefixes = [
            "by continuing to use this site",
            "©",
            "copyright ©",
            "we use cookies",
            "i̇i̇ continuing",
            "straße äöü",
            "\"by continuing",
            "by continuing to use this sitemap and",
        ];
        for start in starts {
            let line = format!("{start}{tail}");
            let head = f.long_head(&line);
            if start.contains('Σ') {
                assert_eq!(head, None, "{line:?}");
                continue;
            }
            let head = head.expect("a long line has a head");
            assert!(line.starts_with(head));
            let key = line_key(&line);
            for prefix in prefixes {
                if prefix.len() < f.head_chars {
                    assert_eq!(
                        key_starts_with(key_start(head), prefix),
                        key.starts_with(prefix),
                        "{prefix:?} in {line:?}"
                    );
                }
            }
        }
        assert_eq!(f.long_head("ADVERTISEMENT"), None);
        assert_eq!(f.long_head(&"\"".repeat(300)), None);
    }

    #[test]
    fn break_search_finds_either_break() {
        for text in [
            "ab\r\ncd\ref\ngh",
            "\n\r",
            "",
            "no break",
            "é\né\r",
            "\r\ré",
        ] {
            let bytes = text.as_bytes();
            for from in 0..=text.len() + 1 {
                let want = bytes
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&b| is_break(b)))
                    .map(|i| from + i);
                assert_eq!(first_break(text, from), want, "{from} in {text:?}");
                for to in from..=text.len() + 1 {
                    let want = bytes
                        .get(from..to)
                        .and_then(|piece| piece.iter().rposition(|&b| is_break(b)))
                        .map(|i| from + i);
                    assert_eq!(last_break(text, from, to), want, "{from}..{to} in {text:?}");
                }
            }
        }
        assert_eq!(first_break("ab\r\n", 0), Some(2));
        assert_eq!(last_break("ab\r\nc", 0, 5), Some(3));
    }

    #[test]
    fn ascii_word_counts() {
        assert!(!more_ascii_words("", 0));
        assert!(more_ascii_words("a", 0));
        assert!(!more_ascii_words("  a\tb  ", 2));
        assert!(more_ascii_words("  a\tb c", 2));
        assert!(!more_ascii_words("a\u{a0}b", 1));
        assert!(more_ascii_words("é ü", 1));
    }

    #[test]
    fn teaser_lines() {
        assert!(is_teaser("Putin: \"We will not expel anyone\""));
        assert!(is_teaser(
            "GOP Candidates Resoundingly Reject The Idea Of A Wage Hike."
        ));
        assert!(!is_teaser(
            "The blue arrow is where the senator sat during the hearing."
        ));
        assert!(!is_teaser(""));
    }

    #[test]
    fn markup_covers_only_quotes_mostly_inside_it() {
        let f = furniture("span | <[a-z][^<>]*>");
        let text =
            "According to Fox, the State Department found 328 more emails with classified information.<a href=\"http://video.example.com\">video</a>";
        let found = f.find(text);
        assert_eq!(found.markup.len(), 1);
        assert!(found.lines.is_empty());
        let sentence = Span::new(13, text.len());
        assert!(!found.covers(sentence));
        let url = text.find("http").unwrap();
        assert!(found.covers(Span::new(url, url + 24)));
    }

    #[test]
    fn overlap_lookup() {
        let spans = vec![Span::new(0, 5), Span::new(10, 20)];
        assert!(overlaps_any(&spans, Span::new(4, 8)));
        assert!(overlaps_any(&spans, Span::new(12, 13)));
        assert!(!overlaps_any(&spans, Span::new(5, 10)));
        assert!(!overlaps_any(&spans, Span::new(20, 30)));
        assert!(!overlaps_any(&[], Span::new(0, 3)));
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let err = Furniture::parse(Path::new("f.txt"), "# ok\nline | x\nbogus | y\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("f.txt:3:"), "{err}");
        let err = Furniture::parse(Path::new("f.txt"), "regex | (unclosed\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad regex"), "{err}");
        assert!(Furniture::parse(Path::new("f.txt"), "no separator\n").is_err());
    }

    /// Every span of `text` on char boundaries, empty ones included.
    fn all_spans(text: &str) -> Vec<Span> {
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut spans = Vec::new();
        for (k, &start) in bounds.iter().enumerate() {
            for &end in &bounds[k..] {
                spans.push(Span::new(start, end));
            }
        }
        spans
    }

    /// Asserts that `covered` answers as `find(..).covers` for every span of `text`, asked
    /// all together, one at a time, and in small sets that make the scan jump ahead.
    fn assert_lazy_matches_full(f: &Furniture, text: &str) {
        let full = f.find(text);
        let spans = all_spans(text);
        let expected: Vec<bool> = spans.iter().map(|&q| full.covers(q)).collect();
        let first_difference = |got: Vec<bool>, want: &[bool], quotes: &[Span]| {
            got.iter()
                .zip(want)
                .position(|(g, w)| g != w)
                .map(|i| (quotes[i], want[i]))
        };
        let got = f.covered(text, &spans);
        assert_eq!(first_difference(got, &expected, &spans), None, "{text:?}");
        let mut reversed = spans.clone();
        reversed.reverse();
        let mut expected_reversed = expected.clone();
        expected_reversed.reverse();
        let got = f.covered(text, &reversed);
        assert_eq!(
            first_difference(got, &expected_reversed, &reversed),
            None,
            "{text:?}"
        );
        for (i, &q) in spans.iter().enumerate() {
            assert_eq!(
                f.covered(text, &[q]),
                vec![expected[i]],
                "{q:?} in {text:?}"
            );
        }
        // Every set of up to three whole lines: the scan skips the lines between them.
        let whole: Vec<Span> = lines(text).iter().map(|l| l.span).collect();
        let n = whole.len();
        for a in 0..n {
            for b in a..n {
                for c in b..n {
                    let quotes = [whole[a], whole[b], whole[c]];
                    let want = quotes.map(|q| full.covers(q)).to_vec();
                    assert_eq!(f.covered(text, &quotes), want, "{quotes:?} in {text:?}");
                    let pair = [whole[a], whole[c]];
                    let want = pair.map(|q| full.covers(q)).to_vec();
                    assert_eq!(f.covered(text, &pair), want, "{pair:?} in {text:?}");
                }
            }
        }
        // Pairs and triples far apart: the scan skips the lines between them.
        let step = (spans.len() / 40).max(1);
        for a in (0..spans.len()).step_by(step) {
            for b in (a..spans.len()).step_by(step * 3 + 1) {
                let c = (a * 7 + b * 13) % spans.len();
                let quotes = [spans[a], spans[b], spans[c]];
                let want = [expected[a], expected[b], expected[c]];
                assert_eq!(f.covered(text, &quotes), want, "{quotes:?} in {text:?}");
            }
        }
    }

    fn tricky_furniture() -> Furniture {
        furniture(
            "list | More Stories\nlist | Read more\nline | Don't Miss\nline | Advertisement\n\
             prefix | We use cookies\nteaser | Opinion\nteaser | Watch\n\
             regex | ^<div\\b\nspan | <[a-z][^<>]*>",
        )
    }

    #[test]
    fn lazy_cover_matches_full_classification_on_tricky_texts() {
        let texts = [
            "",
            "\n\r\n",
            "More Stories\nA Headline\n\"We will act,\" Obama says\nThe senator said the plan would fail, and she wants it.\nAfter.",
            "More Stories\r\n\r\nDon't Miss\r\nMarkets Close Out The Year.\r\nThe senator said the plan would fail, and she wants it.",
            "Body text here, said he.\nOpinion",
            "Body text here, said he.\nOpinion\n",
            "Opinion\nOpinion\nUS Says \"No\"\nMore.",
            "Opinion\rThe senator said the plan would fail, and she wants a vote.\rWatch\rA Teaser",
            "More Stories\nOpinion\nA Headline\nRead more.\nHe said \"yes\" to it, and that was all.",
            "Read more.\nShort line\nMore Stories\n\n\n  \nx\ny.",
            "Body text, he said.\nOpinion\nMore Stories\nA Headline\nMore Stories\nOpinion\nRead more.\nWatch",
            "He said \"no\" to <a href=\"x\">it</a>.\n<div class=\"p\">\"Caption,\" he said</div>",
            "  ADVERTISEMENT.  \n\"We use cookies,\" the site said.\n\u{a0}\u{2028}\nMore Stories\u{a0}\n\u{dc}ber Alles",
            "A: \"quote\"\n\rMore Stories\n\r\"Quoted Headline\"\n\rWe will go, she said, to the river and back again.\r\nWatch",
        ];
        for f in [tricky_furniture(), Furniture::builtin()] {
            for text in texts {
                assert_lazy_matches_full(&f, text);
            }
        }
    }

    #[test]
    fn lazy_cover_matches_full_classification_on_generated_texts() {
        let pieces = [
            "More Stories",
            "Read more.",
            "Opinion",
            "Watch",
            "Don't Miss",
            "ADVERTISEMENT",
            "We use cookies here",
            "<div>\"x,\" he said</div>",
            "A Short Headline",
            "\"We will act,\" Obama says",
            "He said \"it is over\" and left the room quietly, as they all did.",
            "said <a href=\"u\">he</a>.",
            "  ",
            "\u{dc}ber",
            "\"We use cookies to track you, and this line is long enough to pass any head.\"",
            "\"More Stories..............................................\"",
            "Skip to main content",
        ];
        let breaks = ["\n", "\r\n", "\r", "\n\n", " \n ", "\n\r"];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        for f in [tricky_furniture(), Furniture::builtin()] {
            for _ in 0..60 {
                let mut text = String::new();
                for _ in 0..1 + next(6) {
                    text.push_str(pieces[next(pieces.len())]);
                    text.push_str(breaks[next(breaks.len())]);
                }
                if next(2) == 0 {
                    text.push_str(pieces[next(pieces.len())]);
                }
                assert_lazy_matches_full(&f, &text);
            }
        }
    }

    #[test]
    fn line_walks_skip_blank_segments() {
        let text = "a\r\n\n  \rbb \n";
        assert_eq!(line_after(text, 0), Some((Span::new(0, 1), 0, 1)));
        assert_eq!(line_after(text, 2), Some((Span::new(7, 9), 7, 10)));
        assert_eq!(line_after(text, 11), None);
        assert_eq!(line_before(text, 7), Some((Span::new(0, 1), 0)));
        assert_eq!(line_before(text, 11), Some((Span::new(7, 9), 7)));
        assert_eq!(line_before(text, 0), None);
        assert_eq!(segment_start(text, 8), 7);
        assert_eq!(segment_start(text, 0), 0);
        assert_eq!(line_segment_end(text, 7), 11);
        assert_eq!(line_segment_end("ab", 1), 2);
    }

    #[test]
    fn lines_split_at_any_break() {
        let text = "a\r\nb\rc\n\n d ";
        let got: Vec<&str> = lines(text).iter().map(|l| l.span.of(text)).collect();
        assert_eq!(got, vec!["a", "b", "c", "d"]);
    }
}
