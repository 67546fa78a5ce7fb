//! Page furniture: the lines of a scraped page that are not paragraphs of its article.
//!
//! Plain-text scrapes keep navigation ("Skip to main content"), ads ("ADVERTISEMENT"),
//! cookie banners, link lists ("More Stories") and teasers for other stories ("Opinion" and a
//! headline under it), plus markup pasted as text (`<div class="paragraphs"><p>...`). A quote
//! in any of them is not a statement of the article. The patterns are data, in
//! `grammar/furniture.txt` (format in `grammar/README.md`); [`Furniture::spans`] finds them
//! and returns byte spans of the text. Nothing is deleted: the text and every offset stay as
//! they are, and the extractor drops the statements that fall in a furniture span.
//!
//! The file is long (about 850 lines) because the pattern kinds, the line classifier and the
//! scan that carries its state from line to line make one decision together; its tests are in
//! `furniture/tests.rs`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use regex::Regex;

use super::spans::{count_step, SpanIndex};
use crate::span::Span;
use crate::swar::{splat, HIGH_BITS};

/// The built-in patterns.
const BUILTIN: &str = include_str!("../../grammar/furniture.txt");
/// The file name that overrides the built-in patterns in a grammar folder.
pub(crate) const FILE_NAME: &str = "furniture.txt";
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
    /// The first [`HEAD_LEN`] characters of every `line`, `teaser` and `list` key and every
    /// prefix (all of a shorter one), packed ([`pack_head`]) and sorted: a line whose key
    /// starts with none of them matches none of those patterns, and most lines of prose are
    /// told so without building a key.
    key_heads: Vec<u64>,
    /// Some such key or prefix is empty: every line may match one.
    empty_key: bool,
}

/// How many characters of a key [`Furniture::key_heads`] keeps.
const HEAD_LEN: usize = 3;

/// The first [`HEAD_LEN`] characters of a key, `'\0'` after the end of a shorter one.
type KeyHead = [char; HEAD_LEN];

/// A key head as one number (21 bits a character), for a sorted list searched by halves.
fn pack_head(head: KeyHead) -> u64 {
    head.iter()
        .fold(0, |packed, &c| (packed << 21) | u64::from(u32::from(c)))
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
        overlaps_any(&self.lines, quote)
            || markup_covers(
                self.markup.iter().copied().filter(|m| m.overlaps(quote)),
                quote,
            )
    }
}

/// A line of the text: its span without the line break, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
}

/// The path and text of `dir/name`, a word-list file that replaces the built-in one; `None`
/// when `dir` has no such file.
pub(crate) fn read_list_file(
    dir: &Path,
    name: &str,
) -> Result<Option<(PathBuf, String)>, FurnitureError> {
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some((path, text))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(FurnitureError::Io { file: path, source }),
    }
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
        match read_list_file(dir, FILE_NAME)? {
            Some((path, text)) => Furniture::parse(&path, &text),
            None => Ok(Furniture::builtin()),
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
        if matches!(kind, "line" | "prefix" | "teaser" | "list") {
            let mut head = ['\0'; HEAD_LEN];
            for (slot, c) in head.iter_mut().zip(key.chars()) {
                *slot = c;
            }
            self.empty_key |= key.is_empty();
            let packed = pack_head(head);
            if let Err(at) = self.key_heads.binary_search(&packed) {
                self.key_heads.insert(at, packed);
            }
        }
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

    /// Is the line a teaser label or list heading and a headline after a colon, on one line
    /// ("Read more: Council Votes to Close the Bridge")? Web pages write them so.
    pub(crate) fn is_labelled_teaser(&self, line: &str) -> bool {
        let Some((label, headline)) = line.split_once(':') else {
            return false;
        };
        if label.len() > KEY_BYTES || headline.trim().is_empty() {
            return false;
        }
        let key = line_key(label);
        (self.teaser_labels.contains(&key) || self.list_headings.contains(&key))
            && is_teaser(headline.trim())
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
        let markup = SpanIndex::new(self.markup(text).into_iter().map(|m| (m, ())).collect());
        let mut scan = LineScan::new(self, text);
        let mut answers = vec![false; quotes.len()];
        for index in order {
            let quote = quotes[index];
            answers[index] = scan.touches_furniture(quote)
                || markup_covers(markup.overlapping(quote).map(|(m, _)| *m), quote);
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
        count_step();
        let regex = || self.line_patterns.iter().any(|p| p.is_match(line));
        if !self.may_match_key(line) {
            // No exact key and no prefix starts as this line's key does.
            return LineKind {
                line,
                heading: false,
                label: false,
                furniture: regex(),
            };
        }
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

    /// Can the key of `line` (trimmed) be a `line`, `teaser` or `list` key or start with a
    /// prefix? False when its first one, two and [`HEAD_LEN`] characters start none of them
    /// ([`Furniture::key_heads`]).
    fn may_match_key(&self, line: &str) -> bool {
        if self.empty_key {
            return true;
        }
        let Some(head) = key_head(key_start(line)) else {
            return true;
        };
        let mut shorter = ['\0'; HEAD_LEN];
        for (len, &c) in head.iter().enumerate() {
            if c == '\0' {
                break;
            }
            shorter[len] = c;
            if self.key_heads.binary_search(&pack_head(shorter)).is_ok() {
                return true;
            }
        }
        false
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

/// Does markup cover a quote: does it lie at least half inside the markup that overlaps it
/// (`overlapping`: each such span once, as in [`Found::covers`])?
fn markup_covers(overlapping: impl Iterator<Item = Span>, quote: Span) -> bool {
    let inside: usize = overlapping
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

/// The first [`HEAD_LEN`] characters of the [`line_key`] of a line that starts with `start`
/// (from [`key_start`]), as far as its start decides them: lower case, a run of spaces one
/// space, `'\0'` after the end of a shorter line. A line's key can be shorter still, without a
/// final `.`, `:` or quote, but never starts otherwise. None for a capital sigma, which
/// lower-cases by what follows it.
fn key_head(start: &str) -> Option<KeyHead> {
    let mut head = ['\0'; HEAD_LEN];
    let mut len = 0;
    let mut space = false;
    for c in start.chars() {
        if len == HEAD_LEN {
            break;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) {
            head[len] = ' ';
            len += 1;
        }
        if c.is_ascii() {
            if len < HEAD_LEN {
                head[len] = c.to_ascii_lowercase();
                len += 1;
            }
            continue;
        }
        if c == 'Σ' {
            return None;
        }
        for lower in c.to_lowercase() {
            if len < HEAD_LEN {
                head[len] = lower;
                len += 1;
            }
        }
    }
    Some(head)
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
pub(crate) fn overlaps_any(spans: &[Span], span: Span) -> bool {
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
pub(crate) const KEY_BYTES: usize = 256;

/// A line as patterns see it: lower case, single spaces, without surrounding quotes and a
/// final `.` or `:` (PolNeAR adds a period to every line; `"Related:"`). Only the first
/// `KEY_BYTES` bytes of a longer line are used.
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
    if line.is_ascii() {
        return is_ascii_teaser(line.as_bytes());
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

/// [`is_teaser`] of an ASCII line, byte by byte: a word is a run of bytes other than the
/// white space of `char::is_whitespace`, a letter an ASCII letter.
fn is_ascii_teaser(line: &[u8]) -> bool {
    let mut words = 0;
    // Words of at least four letters, and those of them that start with a capital.
    let mut long = 0;
    let mut capitalised = 0;
    // In the current word: its letters so far, and whether its first letter is a capital.
    let mut letters = 0;
    let mut first_capital = false;
    let mut in_word = false;
    let mut end_word = |letters: usize, first_capital: bool| {
        if letters >= 4 {
            long += 1;
            if first_capital {
                capitalised += 1;
            }
        }
    };
    for &byte in line {
        if matches!(byte, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            if in_word {
                end_word(letters, first_capital);
                in_word = false;
            }
            continue;
        }
        if !in_word {
            in_word = true;
            words += 1;
            if words > MAX_TEASER_WORDS {
                return false;
            }
            letters = 0;
            first_capital = false;
        }
        if byte.is_ascii_alphabetic() {
            if letters == 0 {
                first_capital = byte.is_ascii_uppercase();
            }
            letters += 1;
        }
    }
    if in_word {
        end_word(letters, first_capital);
    }
    if words == 0 {
        return false;
    }
    let closers: &[u8] = b"\"')";
    let mut end = line.len();
    while end > 0 && closers.contains(&line[end - 1]) {
        end -= 1;
    }
    let ends_sentence = end > 0 && matches!(line[end - 1], b'.' | b'!' | b'?');
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
mod tests;
