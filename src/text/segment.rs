//! Paragraph and sentence segmentation for news text.
//!
//! Paragraphs are the non-blank lines of a document (split at `\n`, `\r\n`
//! or `\r`, trimmed). Sentences are found by one left-to-right scan over each
//! paragraph: the scanner jumps from one candidate byte (`.`, `?`, `!`, `)` and
//! the lead byte of `…`, bullets and CJK marks) to the next, and there small
//! nom parsers read the terminator run, the closing quotes or brackets after it
//! (including the NYT `''`) and the opening of the next word.
//!
//! Rules, in short:
//! - A boundary needs whitespace after the closers, so "3.14", "www.cnn.com",
//!   "j@x.com", "mean...see" and "Jr.'s" never split, and nothing splits before
//!   a lower-case letter.
//! - `?` `!` and a period after a plain word or number end a sentence before a
//!   capital, digit or opening quote.
//! - After a listed abbreviation, an initial or a dotted acronym ("U.S.",
//!   "J.R.R.") the period ends a sentence only before a common sentence starter
//!   ("He", "The", "But", ...), after a closing quote, before "Mr."/"Dr." once
//!   the sentence has a few words ("6 P.M. Mr. Smith"), or for a state after
//!   "City," ("Bedminster, N.J. Roger"). "vs.", "v.", "e.g.", "i.e." never do.
//!   "you and I. Did" splits, "Albert I. Jones" does not.
//! - Ellipses: "...", "…" split only before a capitalised word other than "I";
//!   spaced ". . ." never; four dots before a capital do ("word. . . . The"
//!   ends after "word.").
//! - A sentence that opens with a list label ("1.", "2.)", "a)") makes the next
//!   label of the same style start a new sentence; bullets mid-line do too.
//!
//! Every span indexes the original text, which is never copied; look-behind and
//! look-ahead are capped at a few dozen bytes, so the scan is linear in the input.

use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, one_of, satisfy, space0};
use nom::combinator::{all_consuming, map, opt, peek, recognize, value};
use nom::multi::{many0_count, many1_count};
use nom::{IResult, Parser};
use rustc_hash::FxHashMap;

use crate::lexicon::{AbbreviationInfo, Grammar};
use crate::span::Span;
use crate::text::stops::Stops;
use crate::text::tokens::is_ascii_white;

/// Bytes scanned back for the word before a period; longer tokens are plain words.
const TOKEN_WINDOW: usize = 64;
/// Bytes looked at for the word after a boundary candidate.
const WORD_WINDOW: usize = 48;
/// Bytes scanned back when counting the words of the current sentence.
const COUNT_WINDOW: usize = 256;
/// A sentence must have more words than this to end at an abbreviation.
const MIN_WORDS_BEFORE_ABBREVIATION_END: usize = 3;

/// Splits text into paragraphs and sentences as spans into the original text.
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    /// Known abbreviations, lower-case, without the final period, with their class.
    abbreviations: FxHashMap<Box<str>, Class>,
    /// Byte length of the longest abbreviation, to skip hopeless look-ups.
    longest: usize,
    /// A bit for each (length, first byte, last byte) of the keys ([`filter_bit`]): an ASCII
    /// token whose bit is clear is no abbreviation, which spares most look-ups.
    filter: [u64; 16],
    /// The sentence starters as [`starter_key`]s, sorted, without duplicates.
    starters: Vec<u128>,
    /// The courtesy titles ("mr"), lower case, that open a sentence after an abbreviation.
    social_titles: Vec<Box<str>>,
}

/// The paragraphs and sentences of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Every paragraph (non-blank line, trimmed) in order.
    pub paragraphs: Vec<Span>,
    /// Every sentence of the document in order.
    pub sentences: Vec<Span>,
    /// For each paragraph, the range of indices into `sentences` it holds.
    pub paragraph_sentences: Vec<Range<usize>>,
}

impl Segmentation {
    /// Index of the sentence containing byte offset `at` (or the nearest one before it), None if there is none.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        crate::span::index_at(&self.sentences, at)
    }

    /// Index of the paragraph containing byte offset `at` (or the nearest before), None if there is none.
    pub fn paragraph_at(&self, at: usize) -> Option<usize> {
        crate::span::index_at(&self.paragraphs, at)
    }
}

impl Segmenter {
    /// A segmenter that knows these abbreviations (lower-case, without the final period, e.g. "u.s", "mr", "dec", "a.m"), without tags, and no sentence starters.
    pub fn new<'a>(abbreviations: impl IntoIterator<Item = &'a str>) -> Segmenter {
        Segmenter::with_words(
            abbreviations
                .into_iter()
                .map(|a| (a, AbbreviationInfo::default())),
            std::iter::empty(),
        )
    }

    /// The segmenter of `grammar`: its abbreviations with their tags and its sentence starters.
    pub fn from_grammar(grammar: &Grammar) -> Segmenter {
        Segmenter::with_words(
            grammar.abbreviations.iter().map(|a| {
                let tags = grammar.abbreviation_tags.get(a).copied();
                (a.as_str(), tags.unwrap_or_default())
            }),
            grammar.sentence_starters.iter().map(String::as_str),
        )
    }

    /// A segmenter that knows these abbreviations (as for [`Segmenter::new`]) with their tags,
    /// and these sentence starters, as written ("The").
    pub fn with_words<'a>(
        abbreviations: impl IntoIterator<Item = (&'a str, AbbreviationInfo)>,
        starters: impl IntoIterator<Item = &'a str>,
    ) -> Segmenter {
        let mut map = FxHashMap::default();
        let mut longest = 0;
        let mut filter = [0u64; 16];
        let mut social_titles: Vec<Box<str>> = Vec::new();
        for (abbreviation, info) in abbreviations {
            let key = abbreviation.trim();
            let key = key.strip_suffix('.').unwrap_or(key).to_lowercase();
            if key.is_empty() {
                continue;
            }
            longest = longest.max(key.len());
            let bit = filter_bit(key.as_bytes());
            if let Some(word) = filter.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
            if info.social && !social_titles.iter().any(|t| **t == *key) {
                social_titles.push(key.clone().into_boxed_str());
            }
            map.insert(key.into_boxed_str(), Class::of(info));
        }
        // Longer stems are never looked up (see `is_starter`).
        let mut starters: Vec<u128> = starters
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty() && s.len() <= MAX_STARTER)
            .map(|s| starter_key(s.as_bytes()))
            .collect();
        starters.sort_unstable();
        starters.dedup();
        Segmenter {
            abbreviations: map,
            longest,
            filter,
            starters,
            social_titles,
        }
    }

    /// Paragraphs: each line of text (split at \n, \r\n or lone \r), trimmed of surrounding whitespace; blank lines are not paragraphs.
    pub fn paragraphs(&self, text: &str) -> Vec<Span> {
        let bytes = text.as_bytes();
        // About one paragraph in 200 bytes of news text: few vectors grow more than once.
        let mut out = Vec::with_capacity(text.len() / 200 + 4);
        let mut push = |start: usize, end: usize| {
            let span = trim_span(text, start, end);
            if !span.is_empty() {
                out.push(span);
            }
        };
        let mut start = 0;
        while let Some(at) = bytes
            .get(start..)
            .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
            .map(|off| start + off)
        {
            push(start, at);
            let crlf = bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n');
            start = at + 1 + usize::from(crlf);
        }
        push(start, bytes.len());
        out
    }

    /// Sentences inside `within` (normally one paragraph), trimmed, in order, never empty.
    pub fn sentences(&self, text: &str, within: Span) -> Vec<Span> {
        let mut out = Vec::new();
        let mut stops = candidates(text.as_bytes(), within.start);
        self.sentences_into(text, within, &mut out, &mut stops, &mut String::new());
        out
    }

    /// Appends the sentences inside `within` to `out`, as `sentences` returns them. `stops`
    /// are the text's candidate bytes (searched from at most `within.start`; calls for one
    /// text go left to right, so they can share it) and `key` a scratch buffer.
    fn sentences_into(
        &self,
        text: &str,
        within: Span,
        out: &mut Vec<Span>,
        stops: &mut Candidates<'_>,
        key: &mut String,
    ) {
        let Some((lo, hi)) = clamp(text, within) else {
            return;
        };
        let mut scan = Scan {
            seg: self,
            text,
            bytes: text.as_bytes(),
            hi,
            start: lo,
            list: None,
            blank_until: lo,
            out,
            key: std::mem::take(key),
        };
        scan.run(lo, stops);
        *key = scan.key;
    }

    /// All paragraphs with their sentences.
    pub fn segment(&self, text: &str) -> Segmentation {
        let paragraphs = self.paragraphs(text);
        // About two sentences a paragraph in news text: few vectors grow more than once.
        let mut sentences = Vec::with_capacity(paragraphs.len() * 2);
        let mut paragraph_sentences = Vec::with_capacity(paragraphs.len());
        let mut stops = candidates(text.as_bytes(), 0);
        let mut key = String::new();
        for &paragraph in &paragraphs {
            let first = sentences.len();
            self.sentences_into(text, paragraph, &mut sentences, &mut stops, &mut key);
            paragraph_sentences.push(first..sentences.len());
        }
        Segmentation {
            paragraphs,
            sentences,
            paragraph_sentences,
        }
    }

    /// The class of `token` (as written, without its final period) if it is a known abbreviation.
    fn abbreviation(&self, token: &str, key: &mut String) -> Option<Class> {
        if token.is_empty() || token.len() > self.longest {
            return None;
        }
        key.clear();
        if token.is_ascii() {
            let bytes = token.as_bytes();
            let lower = [bytes.first(), bytes.last()].map(|b| b.map(u8::to_ascii_lowercase));
            if let [Some(first), Some(last)] = lower {
                let bit = filter_bit_of(token.len(), first, last);
                if self
                    .filter
                    .get(bit / 64)
                    .is_none_or(|word| word >> (bit % 64) & 1 == 0)
                {
                    return None;
                }
            }
            key.push_str(token);
            key.make_ascii_lowercase();
        } else {
            key.extend(token.chars().flat_map(char::to_lowercase));
        }
        let class = *self.abbreviations.get(key.as_str())?;
        // Proper-noun abbreviations ("Ill.", "Mass.", "Jan.") are ordinary words in lower case.
        let capital = token.chars().next().is_some_and(char::is_uppercase);
        (capital || !class.capitalised_only).then_some(Class {
            title: class.title && capital,
            ..class
        })
    }
}

/// The [`Segmenter::filter`] bit of a lower-case key.
fn filter_bit(key: &[u8]) -> usize {
    match (key.first(), key.last()) {
        (Some(&first), Some(&last)) => filter_bit_of(key.len(), first, last),
        _ => 0,
    }
}

/// The [`Segmenter::filter`] bit of a key of `len` bytes from `first` to `last`.
fn filter_bit_of(len: usize, first: u8, last: u8) -> usize {
    (len.wrapping_mul(397) ^ usize::from(first).wrapping_mul(31) ^ usize::from(last)) % 1024
}

/// What the segmenter knows about one abbreviation, worked out once in `Segmenter::new`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Class {
    /// A prepositive title ("Mr", "Sen", "St").
    title: bool,
    /// A state or province ("Calif", "N.J").
    state: bool,
    /// Never ends a sentence ("vs", "e.g").
    joiner: bool,
    /// Only an abbreviation when capitalised ("Ill" but not "ill").
    capitalised_only: bool,
}

impl Class {
    /// The class of an abbreviation with these tags.
    fn of(info: AbbreviationInfo) -> Class {
        Class {
            title: info.title,
            state: info.state,
            joiner: info.joiner,
            capitalised_only: info.proper,
        }
    }
}

/// The kind of token that precedes a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// An ordinary word or number: the period is a full stop.
    Plain,
    /// A listed abbreviation; `title` for prepositive titles, `state` for state names.
    Abbreviation { title: bool, state: bool },
    /// A listed abbreviation that never ends a sentence ("vs.", "e.g.").
    Joiner,
    /// A single letter, usually an initial.
    Initial(char),
    /// Letters joined by inner periods ("U.S.A", "J.R.R") that are not listed.
    Acronym,
}

/// What follows a terminator and its closing punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Next {
    /// End of the closing punctuation: where the sentence would end.
    end: usize,
    /// True when a closing quote (not just a bracket) followed the terminator.
    quoted: bool,
    /// Offset of the first character of the next sentence, after opening punctuation.
    word: usize,
    /// That first character.
    first: char,
    /// True when opening brackets (not quotes) came before it.
    bracketed: bool,
}

/// What [`Scan::next_after_ascii`] could tell from ASCII bytes alone.
enum Ascii {
    /// The answer of [`Scan::next_after`].
    Decided(Option<Next>),
    /// A non-ASCII character or a closer decides: the general parser must look.
    Undecided,
}

/// Numbering style of a list label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    /// "1."
    Dot,
    /// "1.)"
    DotParen,
    /// "1)"
    Paren,
}

/// A list label such as "2.)" or "b.": numeric or alphabetic value and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label {
    /// True for letters ("a.", "b)"), false for numbers.
    letter: bool,
    /// The number, or the letter's position in the alphabet.
    value: u32,
    /// The punctuation after the value.
    suffix: Suffix,
}

/// The state of one left-to-right sentence scan over a paragraph.
struct Scan<'s, 't, 'o> {
    /// The segmenter and its abbreviations.
    seg: &'s Segmenter,
    /// The whole document text.
    text: &'t str,
    /// The same text as bytes, for the fast scan.
    bytes: &'t [u8],
    /// End of the region being split.
    hi: usize,
    /// Start of the current sentence (after its leading whitespace).
    start: usize,
    /// The list label expected next, once a sentence has started with a label.
    list: Option<Label>,
    /// The current sentence has no letter or digit before this offset (once checked).
    blank_until: usize,
    /// Where the sentences found go.
    out: &'o mut Vec<Span>,
    /// Scratch buffer for lower-case abbreviation keys.
    key: String,
}

impl<'t> Scan<'_, 't, '_> {
    /// Scans `[lo, hi)` and fills `out`.
    fn run(&mut self, lo: usize, stops: &mut Candidates<'_>) {
        let mut i = self.begin(lo);
        while let Some(at) = stops.next(i).filter(|&at| at < self.hi) {
            let next = match self.bytes.get(at) {
                Some(b'.') => self.at_dots(at),
                Some(b'?' | b'!') => self.at_strong(at),
                Some(b')') => self.at_paren(at),
                _ => self.at_multibyte(at),
            };
            i = next.max(at + 1);
        }
        let last = trim_span(self.text, self.start, self.hi);
        if !last.is_empty() {
            self.out.push(last);
        }
    }

    /// Starts a sentence at `at`: skips whitespace and a leading list marker; returns where to scan on.
    fn begin(&mut self, at: usize) -> usize {
        let rest = self.text.get(at..self.hi).unwrap_or("");
        let trimmed = rest.trim_start();
        self.start = self.hi - trimmed.len();
        self.blank_until = self.start;
        if !may_open_list_marker(trimmed.as_bytes()) {
            return self.start;
        }
        match list_marker(trimmed) {
            Ok((after, label)) => {
                if let Some(label) = label {
                    self.list = Some(Label {
                        value: label.value.saturating_add(1),
                        ..label
                    });
                }
                self.hi - after.len()
            }
            Err(_) => self.start,
        }
    }

    /// Ends the current sentence at `at` and begins the next; returns where to scan on.
    fn cut(&mut self, at: usize) -> usize {
        // A would-be sentence without a letter or digit (`“…`) is not cut off on its own.
        // `blank_until` remembers how far that check got, so no byte is checked twice.
        let unchecked = self
            .text
            .get(self.blank_until.max(self.start)..at)
            .unwrap_or("");
        if !unchecked.contains(char::is_alphanumeric) {
            self.blank_until = at;
            return at;
        }
        if at > self.start {
            let sentence = trim_span(self.text, self.start, at);
            if !sentence.is_empty() {
                self.out.push(sentence);
            }
        }
        self.begin(at.max(self.start))
    }

    /// The text from `at` to the end of the region.
    fn rest(&self, at: usize) -> &'t str {
        self.text.get(at..self.hi).unwrap_or("")
    }

    /// The character just before byte offset `at`, if any.
    fn char_before(&self, at: usize) -> Option<char> {
        self.text.get(..at).and_then(|s| s.chars().next_back())
    }

    /// Handles `.` or `…`: list labels, ellipses and full stops.
    fn at_dots(&mut self, i: usize) -> usize {
        if self.bytes.get(i) == Some(&b'.') {
            if let Some(label_start) = self.label_ending_at(i) {
                return self.cut(label_start);
            }
        }
        let rest = self.rest(i);
        let Ok((after, run)) = terminal_run(rest) else {
            return i + 1;
        };
        let run_end = i + run.len();
        if run.contains(is_strong_char) {
            return self.strong_after(run_end);
        }
        let dots: usize = run.chars().map(|c| if c == '…' { 3 } else { 1 }).sum();
        let attached = self.char_before(i).is_some_and(|c| !c.is_whitespace()) && i > self.start;

        // Spaced ellipsis: ". . ." never ends a sentence; ". . . ." does before a capital.
        // A spaced ellipsis goes on with " ." or " …" (checked before running the parser).
        let spaced = after.starts_with(" .") || after.starts_with(" …");
        if let Some((after_spaced, extra)) = spaced.then(|| spaced_dots(after).ok()).flatten() {
            let end = self.hi - after_spaced.len();
            if dots + extra >= 4 {
                if let Some(next) = self.next_after(end) {
                    if opens_sentence(next.first) {
                        // "word. . . . Next": the period ends the sentence, the ellipsis opens the next.
                        let at = if attached && dots == 1 {
                            i + 1
                        } else {
                            next.end
                        };
                        return self.cut(at).max(end);
                    }
                }
            }
            return end;
        }

        match dots {
            1 | 2 => self.full_stop(i, run_end),
            3 => self.ellipsis(i, run_end),
            _ => self.strong_after(run_end),
        }
    }

    /// Handles a three-dot ellipsis: a boundary only before a capitalised word other than "I".
    fn ellipsis(&mut self, i: usize, run_end: usize) -> usize {
        if matches!(self.char_before(i), Some('[' | '(')) {
            return run_end;
        }
        let Some(next) = self.next_after(run_end) else {
            return run_end;
        };
        if !next.first.is_uppercase() || next.bracketed {
            return run_end;
        }
        let (word, _) = self.word_at(next.word);
        if word == "I" {
            return run_end;
        }
        self.cut(next.end).max(run_end)
    }

    /// Handles `?`, `!` and `‽` runs.
    fn at_strong(&mut self, i: usize) -> usize {
        match terminal_run(self.rest(i)) {
            Ok((_, run)) => self.strong_after(i + run.len()),
            Err(_) => i + 1,
        }
    }

    /// Cuts after an unambiguous terminator ending at `run_end` when a sentence can start next.
    fn strong_after(&mut self, run_end: usize) -> usize {
        match self.next_after(run_end) {
            Some(next) if opens_sentence(next.first) => self.cut(next.end).max(run_end),
            _ => run_end,
        }
    }

    /// Handles `)`: a list label like "2)" inside a numbered list paragraph.
    fn at_paren(&mut self, i: usize) -> usize {
        match self.label_ending_at(i) {
            Some(label_start) => self.cut(label_start),
            None => i + 1,
        }
    }

    /// Handles multi-byte candidates: `…`, `‽`, CJK terminators and bullets.
    fn at_multibyte(&mut self, i: usize) -> usize {
        let Some(c) = self.rest(i).chars().next() else {
            return i + 1;
        };
        let after = i + c.len_utf8();
        match c {
            '…' => self.at_dots(i),
            '‽' => self.at_strong(i),
            '。' | '！' | '？' | '｡' => self.at_cjk(i),
            c if is_bullet(c) => {
                let spaced_before =
                    i > self.start && self.char_before(i).is_some_and(char::is_whitespace);
                let item_after = self
                    .rest(after)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_whitespace() || c.is_ascii_digit());
                if spaced_before && item_after {
                    self.cut(i).max(after)
                } else {
                    after
                }
            }
            _ => after,
        }
    }

    /// Handles CJK full stops, which end a sentence without needing a following space.
    fn at_cjk(&mut self, i: usize) -> usize {
        let Ok((after, _)) = (cjk_run, closers).parse(self.rest(i)) else {
            return i + 1;
        };
        let end = self.hi - after.len();
        if after.trim_start().is_empty() {
            end
        } else {
            self.cut(end).max(end)
        }
    }

    /// Decides a single period at `i` (run ending at `run_end`) by the word before it.
    fn full_stop(&mut self, i: usize, run_end: usize) -> usize {
        let Some(next) = self.next_after(run_end) else {
            return run_end;
        };
        if !opens_sentence(next.first) {
            return run_end;
        }
        let (token_start, token) = self.token_before(i);
        let kind = self.classify(token);
        let boundary = match kind {
            Token::Plain => true,
            Token::Joiner => false,
            // A closing quote after an abbreviation means the period was final: `the U.S." He`.
            _ if next.quoted => true,
            Token::Initial(letter) => {
                let (word, dotted) = self.word_at(next.word);
                if next.first.is_numeric() {
                    false
                } else if self.seg.is_starter(word) && !dotted {
                    true
                } else {
                    // "you and I. Did": the pronoun after a lower-case word, not "Albert I. Jones".
                    letter == 'I'
                        && next.first.is_uppercase()
                        && !(dotted && word.chars().nth(1).is_none())
                        && self.previous_word_is_lower(token_start)
                }
            }
            Token::Abbreviation { title, state } => {
                self.abbreviation_ends(i, token_start, next, title, state)
            }
            Token::Acronym => self.abbreviation_ends(i, token_start, next, false, false),
        };
        if boundary {
            self.cut(next.end).max(run_end)
        } else {
            run_end
        }
    }

    /// Whether an abbreviation's period at `i` also ends the sentence, given what follows.
    fn abbreviation_ends(
        &self,
        i: usize,
        token_start: usize,
        next: Next,
        title: bool,
        state: bool,
    ) -> bool {
        if !next.first.is_alphabetic() {
            return false;
        }
        let (word, dotted) = self.word_at(next.word);
        if self.seg.is_starter(word) && !dotted {
            return true;
        }
        // "... at 6 P.M. Mr. Smith": a social title opens a new sentence (but not "At 5 a.m. Mr.").
        let social = !title && dotted && self.seg.is_social_title(word);
        // "Bedminster, N.J. Roger Ailes": a state after "City," closes the clause.
        let after_place = state
            && !dotted
            && next.first.is_uppercase()
            && self
                .text
                .get(..token_start)
                .is_some_and(|s| s.trim_end().ends_with(','));
        (social || after_place) && self.enough_words(i)
    }

    /// True when the current sentence has more than a few words before offset `i`.
    fn enough_words(&self, i: usize) -> bool {
        let from = i.saturating_sub(COUNT_WINDOW).max(self.start);
        let window = self.bytes.get(from..i).unwrap_or(&[]);
        let mut spaces = 0;
        let mut in_space = false;
        for &b in window.iter().rev() {
            let space = b.is_ascii_whitespace();
            if space && !in_space {
                spaces += 1;
                if spaces >= MIN_WORDS_BEFORE_ABBREVIATION_END {
                    return true;
                }
            }
            in_space = space;
        }
        from > self.start
    }

    /// Classifies the token before a period.
    fn classify(&mut self, token: &str) -> Token {
        // A number starts with a digit or a currency sign (checked before running the parser).
        let may_be_number =
            token.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥'));
        if token.is_empty() || may_be_number && all_consuming(number).parse(token).is_ok() {
            return Token::Plain;
        }
        let mut key = std::mem::take(&mut self.key);
        // "D-Calif.": failing the whole token, the part after a hyphen may be the abbreviation.
        let class = self.seg.abbreviation(token, &mut key).or_else(|| {
            let (_, tail) = token.rsplit_once('-')?;
            let class = self.seg.abbreviation(tail, &mut key)?;
            Some(Class {
                title: false,
                ..class
            })
        });
        self.key = key;
        let kind = if let Some(class) = class {
            if class.joiner {
                Token::Joiner
            } else {
                Token::Abbreviation {
                    title: class.title,
                    state: class.state,
                }
            }
        } else {
            let mut chars = token.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_alphabetic() => Token::Initial(c),
                // An acronym has an inner period (checked before running the parser).
                _ if token.contains('.') && dotted_acronym(token).is_ok() => Token::Acronym,
                _ => Token::Plain,
            }
        };
        kind
    }

    /// The whitespace-delimited token ending at `i`, without opening punctuation, and its start.
    fn token_before(&self, i: usize) -> (usize, &'t str) {
        let from = ceil_boundary(self.text, i.saturating_sub(TOKEN_WINDOW).max(self.start));
        let window = self.text.get(from..i).unwrap_or("");
        let start = match window.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
            Some((k, c)) => from + k + c.len_utf8(),
            None if from > self.start => return (i, ""),
            None => from,
        };
        let token = self.text.get(start..i).unwrap_or("");
        match openers(token) {
            Ok((rest, _)) => (i - rest.len(), rest),
            Err(_) => (start, token),
        }
    }

    /// True when the word before `token_start` begins with a lower-case letter.
    fn previous_word_is_lower(&self, token_start: usize) -> bool {
        let from = ceil_boundary(
            self.text,
            token_start.saturating_sub(TOKEN_WINDOW).max(self.start),
        );
        let window = self.text.get(from..token_start).unwrap_or("").trim_end();
        let word = window
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .trim_start_matches(is_opener);
        word.chars().next().is_some_and(char::is_lowercase)
    }

    /// The word starting at `at` (by Unicode word boundaries) and whether a period follows it.
    fn word_at(&self, at: usize) -> (&'t str, bool) {
        let end = floor_boundary(self.text, at.saturating_add(WORD_WINDOW).min(self.hi));
        let window = self.text.get(at..end).unwrap_or("");
        // UAX #29 joins a space only to a space before it (WB3d), so the first piece of a
        // window that starts with an ASCII character other than a space ends at or before
        // its first space.
        let solid_start = window
            .as_bytes()
            .first()
            .is_some_and(|&b| b.is_ascii() && b != b' ');
        let window = match memchr::memchr(b' ', window.as_bytes()) {
            Some(space) if solid_start => window.get(..space).unwrap_or(window),
            _ => window,
        };
        let word = crate::text::tokens::first_word_bound(window);
        let dotted = self.rest(at + word.len()).starts_with('.');
        (word, dotted)
    }

    /// What follows a terminator run ending at `end`: None unless closers, whitespace and a character follow.
    fn next_after(&self, end: usize) -> Option<Next> {
        match self.next_after_ascii(end) {
            Ascii::Decided(next) => next,
            Ascii::Undecided => self.next_after_parsed(end),
        }
    }

    /// [`Scan::next_after`] by the nom parsers, for any text.
    fn next_after_parsed(&self, end: usize) -> Option<Next> {
        let (after, closed) = closers(self.rest(end)).ok()?;
        if !after.starts_with(char::is_whitespace) {
            return None;
        }
        let (word, opened) = openers(after.trim_start()).ok()?;
        let first = word.chars().next()?;
        Some(Next {
            end: end + closed.len(),
            quoted: closed.contains(|c: char| is_closer(c) && !matches!(c, ')' | ']' | '}')),
            word: self.hi - word.len(),
            first,
            bracketed: opened.contains(['(', '[', '{']),
        })
    }

    /// [`Scan::next_after`] for the common case decided by ASCII bytes alone: no closer after
    /// `end`, and ASCII whitespace then an ASCII character that is not an opener.
    fn next_after_ascii(&self, end: usize) -> Ascii {
        let bytes = self.bytes.get(..self.hi).unwrap_or(&[]);
        match bytes.get(end) {
            // End of the region, or text right after the terminator: no sentence follows.
            None => return Ascii::Decided(None),
            Some(&b) if b.is_ascii() && !is_ascii_white(b) && !is_closer(char::from(b)) => {
                return Ascii::Decided(None)
            }
            Some(&b) if is_ascii_white(b) => {}
            Some(_) => return Ascii::Undecided,
        }
        let mut word = end + 1;
        while bytes.get(word).copied().is_some_and(is_ascii_white) {
            word += 1;
        }
        match bytes.get(word) {
            None => Ascii::Decided(None),
            Some(&b) if b.is_ascii() && !is_opener(char::from(b)) => Ascii::Decided(Some(Next {
                end,
                quoted: false,
                word,
                first: char::from(b),
                bracketed: false,
            })),
            Some(_) => Ascii::Undecided,
        }
    }

    /// If a list label of the expected kind ends at `i` (its `.` or `)`), its start offset.
    fn label_ending_at(&self, i: usize) -> Option<usize> {
        let expected = self.list?;
        let mut start = i;
        while start > self.start
            && i - start < 3
            && self.bytes.get(start - 1).is_some_and(u8::is_ascii_digit)
        {
            start -= 1;
        }
        if start == i
            && start > self.start
            && self
                .bytes
                .get(start - 1)
                .is_some_and(u8::is_ascii_lowercase)
        {
            start -= 1;
        }
        if start == i || start <= self.start {
            return None;
        }
        if !self
            .bytes
            .get(start - 1)
            .is_some_and(u8::is_ascii_whitespace)
        {
            return None;
        }
        match list_label(self.rest(start)) {
            Ok((_, label)) if label == expected => Some(start),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// byte scanning

/// The bytes where the sentence scan stops, in three sets each found by memchr: `.` `?` `!`;
/// `)`; and the lead bytes 0xE2, 0xE3, 0xEF of `…`, `‽`, bullets and the CJK terminators.
type Candidates<'b> = Stops<'b, 3>;

/// The [`Candidates`] of `bytes` from `from` on.
fn candidates(bytes: &[u8], from: usize) -> Candidates<'_> {
    Stops::new(bytes, [b".?!", b")", b"\xE2\xE3\xEF"], from)
}

// ---------------------------------------------------------------------------
// nom parsers

/// Accepts a run of terminal punctuation: `.`, `…`, `?`, `!`, `‽`.
fn terminal_run(i: &str) -> IResult<&str, &str> {
    take_while1(|c| matches!(c, '.' | '…' | '?' | '!' | '‽')).parse(i)
}

/// Accepts the rest of a spaced ellipsis (" . ." after a first dot) and counts its dots.
fn spaced_dots(i: &str) -> IResult<&str, usize> {
    many1_count((char(' '), one_of(".…"))).parse(i)
}

/// Accepts a run of CJK full stops and full-width `!`/`?`.
fn cjk_run(i: &str) -> IResult<&str, &str> {
    take_while1(|c| matches!(c, '。' | '！' | '？' | '｡')).parse(i)
}

/// Accepts closing quotes and brackets after a terminator (including the NYT `''`).
fn closers(i: &str) -> IResult<&str, &str> {
    take_while(is_closer).parse(i)
}

/// Accepts opening quotes and brackets before a sentence's first word.
fn openers(i: &str) -> IResult<&str, &str> {
    take_while(is_opener).parse(i)
}

/// Accepts a number such as "100", "3.14", "$1,000.50" or "1026.253.553".
fn number(i: &str) -> IResult<&str, &str> {
    recognize((
        opt(one_of("$€£¥")),
        digit1,
        many0_count((one_of(".,"), digit1)),
    ))
    .parse(i)
}

/// Accepts letters joined by inner periods, one or two letters each: "U.S.A", "J.R.R", "Ph.D".
fn dotted_acronym(i: &str) -> IResult<&str, &str> {
    let piece = || take_while_m_n(1, 2, char::is_alphabetic);
    all_consuming(recognize((piece(), many1_count((char('.'), piece()))))).parse(i)
}

/// Accepts a bullet that may open a list item: • ◦ ‣ ⁃ ▪ ● ■ - * – —.
fn bullet(i: &str) -> IResult<&str, char> {
    satisfy(|c| is_bullet(c) || matches!(c, '-' | '*' | '–' | '—')).parse(i)
}

/// Accepts the punctuation after a list value: ".)", "." or ")".
fn label_suffix(i: &str) -> IResult<&str, Suffix> {
    alt((
        value(Suffix::DotParen, tag(".)")),
        value(Suffix::Dot, tag(".")),
        value(Suffix::Paren, tag(")")),
    ))
    .parse(i)
}

/// Accepts a list value: a number of one to three digits, or one lower-case ASCII letter.
fn label_value(i: &str) -> IResult<&str, (bool, u32)> {
    alt((
        map(
            take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
            |d: &str| (false, d.parse().unwrap_or(0)),
        ),
        map(satisfy(|c| c.is_ascii_lowercase()), |c| {
            (true, u32::from(c) - u32::from('a') + 1)
        }),
    ))
    .parse(i)
}

/// Accepts a list label such as "1.", "2.)", "3)", "a." or "b)" that is followed by whitespace.
fn list_label(i: &str) -> IResult<&str, Label> {
    map(
        (
            label_value,
            label_suffix,
            peek(satisfy(char::is_whitespace)),
        ),
        |((letter, value), suffix, _)| Label {
            letter,
            value,
            suffix,
        },
    )
    .parse(i)
}

/// False when [`list_marker`] surely fails on text starting with `bytes`: it needs a digit, a
/// lower-case letter before `.` or `)`, `-`, `*`, or a bullet or dash (all start with 0xE2).
fn may_open_list_marker(bytes: &[u8]) -> bool {
    match bytes.first() {
        Some(b'0'..=b'9' | b'-' | b'*' | 0xE2) => true,
        Some(b'a'..=b'z') => matches!(bytes.get(1), Some(b'.' | b')')),
        _ => false,
    }
}

/// Accepts a list marker at a sentence start: a bullet, a label, or a bullet then a label.
fn list_marker(i: &str) -> IResult<&str, Option<Label>> {
    alt((
        map((bullet, space0, opt(list_label)), |(_, _, label)| label),
        map(list_label, Some),
    ))
    .parse(i)
}

// ---------------------------------------------------------------------------
// character classes and word lists

/// True for closing punctuation that may follow a terminator.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '）' | '】' | '》'
    )
}

/// True for opening punctuation that may precede a sentence's first word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '{' | '¿' | '¡' | '「' | '『'
    )
}

/// True for `?`, `!` and `‽`, which end sentences without abbreviation doubts.
fn is_strong_char(c: char) -> bool {
    matches!(c, '?' | '!' | '‽')
}

/// True for bullet characters that start list items even mid-line.
fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '◦' | '‣' | '⁃' | '▪' | '●' | '■' | '▫')
}

/// True when a sentence may begin with this character (not a lower-case letter or punctuation).
fn opens_sentence(c: char) -> bool {
    (c.is_alphabetic() && !c.is_lowercase())
        || c.is_numeric()
        || matches!(c, '$' | '€' | '£' | '¥' | '#' | '@')
}

impl Segmenter {
    /// True when `word` (possibly with "'s", "'m", ...) is one of the sentence starters.
    fn is_starter(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        // The stem ends at the first `'` or `’` (E2 80 99).
        let stem_len = (0..bytes.len())
            .find(|&at| matches!(bytes.get(at..), Some([b'\'', ..] | [0xE2, 0x80, 0x99, ..])))
            .unwrap_or(bytes.len());
        let stem = bytes.get(..stem_len).unwrap_or(bytes);
        stem.len() <= MAX_STARTER
            && stem.first().is_some_and(u8::is_ascii_uppercase)
            && self.starters.binary_search(&starter_key(stem)).is_ok()
    }

    /// True when `word` is a social title such as "Mr" or "Mrs" (any case).
    fn is_social_title(&self, word: &str) -> bool {
        self.social_titles
            .iter()
            .any(|t| t.eq_ignore_ascii_case(word))
    }
}

/// The longest sentence starter, in bytes, that is looked for.
const MAX_STARTER: usize = 12;

/// A word of at most 15 bytes as a number that sorts as the words do (for words without
/// NUL bytes): its bytes from the top, then its length.
const fn starter_key(word: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut at = 0;
    while at < 15 {
        let byte = if at < word.len() { word[at] } else { 0 };
        key = (key << 8) | byte as u128;
        at += 1;
    }
    (key << 8) | word.len() as u128
}

/// `Span::new(start, end).trim(text)`, without decoding when both ends are ASCII and not blank.
#[inline]
fn trim_span(text: &str, start: usize, end: usize) -> Span {
    if start >= end {
        return Span::new(start, start);
    }
    let bytes = text.as_bytes();
    let solid = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !is_ascii_white(b));
    if start < end && solid(bytes.get(start)) && solid(bytes.get(end - 1)) {
        return Span::new(start, end);
    }
    Span::new(start, end).trim(text)
}

/// `within` limited to the text and to character boundaries, or None when empty.
fn clamp(text: &str, within: Span) -> Option<(usize, usize)> {
    let hi = floor_boundary(text, within.end.min(text.len()));
    let lo = ceil_boundary(text, within.start.min(hi));
    (lo < hi).then_some((lo, hi))
}

/// The largest character boundary at or below `at` (at most the text length).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest character boundary at or above `at` (at most the text length).
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A segmenter with the shipped word lists, loaded as the pipeline loads them.
    fn segmenter() -> Segmenter {
        Segmenter::from_grammar(&Grammar::builtin())
    }

    /// The sentences of `text` as strings.
    fn split(text: &str) -> Vec<&str> {
        let seg = segmenter();
        seg.segment(text)
            .sentences
            .iter()
            .map(|s| s.of(text))
            .collect()
    }

    /// Asserts that `text` is one sentence.
    fn whole(text: &str) {
        assert_eq!(split(text), vec![text], "should not split: {text:?}");
    }

    /// Checks every structural promise of `segment` on `text`.
    fn check_invariants(seg: &Segmenter, text: &str) {
        let s = seg.segment(text);
        assert_eq!(s.paragraphs.len(), s.paragraph_sentences.len());
        let mut previous_end = 0;
        for (p, range) in s.paragraphs.iter().zip(&s.paragraph_sentences) {
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            assert!(!p.is_empty() && p.start >= previous_end);
            assert_eq!(p.of(text), p.of(text).trim());
            assert!(!p.of(text).contains(['\n', '\r']));
            previous_end = p.end;
            let mut sentence_end = p.start;
            for sentence in &s.sentences[range.clone()] {
                assert!(p.contains(*sentence), "{sentence:?} outside {p:?}");
                assert!(text.is_char_boundary(sentence.start));
                assert!(text.is_char_boundary(sentence.end));
                assert!(!sentence.is_empty());
                assert!(sentence.start >= sentence_end);
                let piece = text.get(sentence.start..sentence.end).unwrap_or("");
                assert_eq!(piece, piece.trim());
                sentence_end = sentence.end;
            }
        }
        let covered: usize = s.paragraph_sentences.iter().map(|r| r.len()).sum();
        assert_eq!(covered, s.sentences.len());
    }

    #[test]
    fn starter_keys_sort_and_match_as_the_words_do() {
        let grammar = Grammar::builtin();
        let seg = Segmenter::from_grammar(&grammar);
        assert!(seg.starters.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(seg.starters.len(), grammar.sentence_starters.len());
        let slow = |word: &str| {
            let stem = word.split(['\'', '’']).next().unwrap_or(word);
            stem.len() <= 12
                && stem.starts_with(|c: char| c.is_ascii_uppercase())
                && grammar.sentence_starters.iter().any(|s| s == stem)
        };
        let mut words: Vec<String> = grammar.sentence_starters.clone();
        for extra in [
            "",
            "a",
            "the",
            "THE",
            "Th",
            "Thee",
            "He's",
            "He’s",
            "He’",
            "It'",
            "I'm",
            "I\0",
            "A\0",
            "Nevertheless’s",
            "Furthermores",
            "Ä",
            "’The",
            "'The",
            "Whatever'",
            "X",
        ] {
            words.push(extra.to_string());
        }
        for word in &words {
            assert_eq!(seg.is_starter(word), slow(word), "{word:?}");
            assert_eq!(
                seg.is_starter(&format!("{word}x")),
                slow(&format!("{word}x"))
            );
        }
    }

    #[test]
    fn the_filter_never_hides_an_abbreviation() {
        let seg = segmenter();
        let mut key = String::new();
        let mut tokens: Vec<String> = seg.abbreviations.keys().map(|k| k.to_string()).collect();
        tokens.extend(tokens.clone().iter().map(|k| k.to_uppercase()));
        tokens.extend(
            ["said", "year", "U.S", "Mr", "Calif", "x", "Inc", "JR", "é"].map(String::from),
        );
        for token in &tokens {
            let key_of = |t: &str| t.chars().flat_map(char::to_lowercase).collect::<String>();
            let listed = seg.abbreviations.contains_key(key_of(token).as_str());
            let found = seg.abbreviation(token, &mut key).is_some();
            // Found whenever listed, unless lower case makes it an ordinary word.
            assert!(!found || listed, "{token:?}");
            let capital = token.chars().next().is_some_and(char::is_uppercase);
            if listed && capital {
                assert!(found, "{token:?}");
            }
        }
    }

    #[test]
    fn new_normalises_keys() {
        let plain = AbbreviationInfo::default();
        let title = AbbreviationInfo {
            title: true,
            ..plain
        };
        let keys = [("U.S.", plain), (" Mr ", title), ("", plain), (".", plain)];
        let seg = Segmenter::with_words(keys, [" The ", "", "Averyveryverylongword"]);
        assert_eq!(seg.starters, vec![starter_key(b"The")]);
        assert!(Segmenter::new(["Mr."])
            .abbreviation("Mr", &mut String::new())
            .is_some());
        let mut key = String::new();
        assert!(seg.abbreviation("U.S", &mut key).is_some());
        assert!(seg.abbreviation("u.s", &mut key).is_some());
        assert!(seg.abbreviation("Mr", &mut key).is_some_and(|c| c.title));
        assert!(seg.abbreviation("Dr", &mut key).is_none());
    }

    #[test]
    fn paragraphs_are_trimmed_lines() {
        let seg = segmenter();
        let text = "  Title line \r\n\r\nFirst para.\n \t\nSecond\rThird\n";
        let got: Vec<&str> = seg.paragraphs(text).iter().map(|p| p.of(text)).collect();
        assert_eq!(got, vec!["Title line", "First para.", "Second", "Third"]);
        assert!(seg.paragraphs("").is_empty());
        assert!(seg.paragraphs("\n\r\n  \n").is_empty());
    }

    #[test]
    fn splits_at_plain_terminators() {
        assert_eq!(
            split("Hello World. My name is Jonas."),
            vec!["Hello World.", "My name is Jonas."]
        );
        assert_eq!(split("Who? Me! Yes."), vec!["Who?", "Me!", "Yes."]);
        assert_eq!(
            split("Hello!? Is that you?"),
            vec!["Hello!?", "Is that you?"]
        );
        assert_eq!(
            split("It rose in 2015. 2016 was worse."),
            vec!["It rose in 2015.", "2016 was worse."]
        );
    }

    #[test]
    fn does_not_split_before_lower_case_or_without_space() {
        whole("She works at Yahoo! in the accounting department.");
        whole("Jeb! was better than before.");
        whole("Pi is 3.14 and the deal was $1.5 million.");
        whole("See www.cnn.com or j@x.com for more.");
        whole("That is JFK Jr.'s book.");
    }

    #[test]
    fn splits_after_urls_and_emails() {
        assert_eq!(
            split("Her email is Jane.Doe@example.com. I sent her an email."),
            vec!["Her email is Jane.Doe@example.com.", "I sent her an email."]
        );
        assert_eq!(
            split("Visit https://www.example.com/a.html. Please check it."),
            vec!["Visit https://www.example.com/a.html.", "Please check it."]
        );
    }

    #[test]
    fn titles_do_not_end_sentences() {
        whole("But Mr. Netanyahu did not see it that way.");
        whole("Sen. Ted Cruz (R-Texas) said Mrs. Clinton and Dr. Carson were wrong.");
        whole("Lt. Gov. Dan Patrick met Gen. Smith in St. Louis and Mt. Fuji.");
        whole("The then-Sen. Obama spoke.");
        whole("Earlier, Maricopa County (Ariz.) Sheriff Joe Arpaio spoke.");
    }

    #[test]
    fn initials_do_not_end_sentences() {
        whole("Former Senator George J. Mitchell was named envoy.");
        whole("J.R.R. Tolkien and George H.W. Bush met J. K. Rowling.");
        whole("Did you see Albert I. Jones yesterday?");
        assert_eq!(
            split("We make a good team, you and I. Did you see him?"),
            vec!["We make a good team, you and I.", "Did you see him?"]
        );
        assert_eq!(
            split("He backed Plan B. The others did not."),
            vec!["He backed Plan B.", "The others did not."]
        );
    }

    #[test]
    fn abbreviations_end_sentences_only_before_starters() {
        whole("I work for the U.S. Government in Virginia.");
        whole("I have lived in the U.S. for 20 years.");
        whole("The caucuses ended at 10 p.m. EST on Monday.");
        whole("It was filed Dec. 5 and is on p. 55 of No. 1 Inc. Report.");
        assert_eq!(
            split("I live in the U.S. How about you?"),
            vec!["I live in the U.S.", "How about you?"]
        );
        assert_eq!(
            split("He left at 5 p.m. Then he went home."),
            vec!["He left at 5 p.m.", "Then he went home."]
        );
        assert_eq!(
            split("They closed the deal with Pitt, Briggs & Co. It closed yesterday."),
            vec![
                "They closed the deal with Pitt, Briggs & Co.",
                "It closed yesterday."
            ]
        );
        assert_eq!(
            split("Apples, pears, etc. But not plums."),
            vec!["Apples, pears, etc.", "But not plums."]
        );
        assert_eq!(
            split("I live in the U.S.A. \"He said so.\""),
            vec!["I live in the U.S.A.", "\"He said so.\""]
        );
    }

    #[test]
    fn time_abbreviation_before_a_title() {
        assert_eq!(
            split("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store."),
            vec![
                "At 5 a.m. Mr. Smith went to the bank.",
                "He left the bank at 6 P.M.",
                "Mr. Smith then went to the store."
            ]
        );
    }

    #[test]
    fn state_after_a_place_name_ends_a_sentence() {
        assert_eq!(
            split("They met at his club at Bedminster, N.J. Roger Ailes was there."),
            vec![
                "They met at his club at Bedminster, N.J.",
                "Roger Ailes was there."
            ]
        );
        whole("Clinton ties N.J. Gov. Chris Christie at 40-40.");
        whole("A student from Fresno, Calif., said so.");
        assert_eq!(
            split("Sen. Marco Rubio, R-Fla. The poll was released Monday."),
            vec!["Sen. Marco Rubio, R-Fla.", "The poll was released Monday."]
        );
    }

    #[test]
    fn lower_case_proper_abbreviations_are_words() {
        assert_eq!(
            split("He was ill. Doctors said so."),
            vec!["He was ill.", "Doctors said so."]
        );
        assert_eq!(
            split("It was a near miss. Officials said so."),
            vec!["It was a near miss.", "Officials said so."]
        );
        whole("He moved to Springfield, Ill. in 1990.");
    }

    #[test]
    fn joiners_never_end_sentences() {
        whole("Roe v. Wade stands.");
        whole("It is Das Volk vs. The State today.");
        whole("Bring fruit, e.g. Apples or pears.");
    }

    #[test]
    fn sentences_end_inside_quotes_and_brackets() {
        assert_eq!(
            split("He said \"stop.\"  Then he left."),
            vec!["He said \"stop.\"", "Then he left."]
        );
        whole("\u{201c}Why?\u{201d} she asked.");
        whole("She turned to him, 'This is great.' she said.");
        assert_eq!(
            split("\u{201c}Is it over?\u{201d} He left."),
            vec!["\u{201c}Is it over?\u{201d}", "He left."]
        );
        whole("He teaches science (He previously worked as an engineer.) at the University.");
        assert_eq!(
            split("He left. (He came back later.) Then he slept."),
            vec!["He left.", "(He came back later.)", "Then he slept."]
        );
    }

    #[test]
    fn nyt_double_apostrophe_quotes() {
        whole("''That wasn't a good way to treat me,'' he complained to an American afterward.");
        assert_eq!(
            split("''That wasn't a good way to treat me.'' He left."),
            vec!["''That wasn't a good way to treat me.''", "He left."]
        );
        assert_eq!(
            split("said Martin Indyk. ''They each have a number of cases.''"),
            vec![
                "said Martin Indyk.",
                "''They each have a number of cases.''"
            ]
        );
    }

    #[test]
    fn ellipses() {
        whole("I wasn\u{2019}t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn\u{2019}t mean it.");
        whole("\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).");
        whole("\u{201c}\u{2026} There is evidence of fraud.");
        assert_eq!(
            split("I never meant that.... She left."),
            vec!["I never meant that....", "She left."]
        );
        assert_eq!(
            split("We will see\u{2026} Then we act."),
            vec!["We will see\u{2026}", "Then we act."]
        );
        assert_eq!(
            split("with a period . . . . Next sentence."),
            vec!["with a period . . . .", "Next sentence."]
        );
        assert_eq!(
            split("into compounds. . . . The practice was not abandoned. . . ."),
            vec![
                "into compounds.",
                ". . . The practice was not abandoned. . . ."
            ]
        );
    }

    #[test]
    fn numbered_and_lettered_lists() {
        assert_eq!(
            split("1. The first item 2. The second item"),
            vec!["1. The first item", "2. The second item"]
        );
        assert_eq!(
            split("1.) The first item. 2.) The second item."),
            vec!["1.) The first item.", "2.) The second item."]
        );
        assert_eq!(
            split("1) The first item 2) The second item"),
            vec!["1) The first item", "2) The second item"]
        );
        assert_eq!(
            split("a. The first item b. The second item c. The third"),
            vec!["a. The first item", "b. The second item", "c. The third"]
        );
        // Without a list label at the start, a number is just a number.
        whole("He got 2. the rest got none.");
        whole("He had 1) one and 2) two.");
    }

    #[test]
    fn bullets_split_list_items() {
        assert_eq!(
            split("\u{2022} 9. The first item \u{2022} 10. The second item"),
            vec!["\u{2022} 9. The first item", "\u{2022} 10. The second item"]
        );
        assert_eq!(
            split("\u{2043}9. The first item \u{2043}10. The second item"),
            vec!["\u{2043}9. The first item", "\u{2043}10. The second item"]
        );
        whole("- Previous coverage -");
        whole("A\u{2022}B stays together.");
    }

    #[test]
    fn cjk_full_stops_split_without_spaces() {
        assert_eq!(split("你好。我很好！"), vec!["你好。", "我很好！"]);
    }

    #[test]
    fn headlines_and_bylines_are_their_own_paragraphs() {
        let text = "CNN: Putin says Russia will not expel diplomats\nBy JOHN SMITH\n\nMOSCOW (CNN) - President Putin spoke. He left.";
        assert_eq!(
            split(text),
            vec![
                "CNN: Putin says Russia will not expel diplomats",
                "By JOHN SMITH",
                "MOSCOW (CNN) - President Putin spoke.",
                "He left."
            ]
        );
    }

    #[test]
    fn lookup_by_offset() {
        let seg = segmenter();
        let text = "One. Two.\n\nThree.";
        let s = seg.segment(text);
        assert_eq!(s.sentences.len(), 3);
        assert_eq!(s.paragraph_sentences, vec![0..2, 2..3]);
        assert_eq!(s.sentence_at(0), Some(0));
        assert_eq!(s.sentence_at(4), Some(0));
        assert_eq!(s.sentence_at(5), Some(1));
        assert_eq!(s.sentence_at(10), Some(1));
        assert_eq!(s.sentence_at(text.len() + 100), Some(2));
        assert_eq!(s.paragraph_at(7), Some(0));
        assert_eq!(s.paragraph_at(11), Some(1));
        let s = seg.segment("  \n x");
        assert_eq!(s.sentence_at(0), None);
        assert_eq!(s.paragraph_at(0), None);
        assert_eq!(s.paragraph_at(4), Some(0));
    }

    #[test]
    fn sentences_respect_odd_spans() {
        let seg = segmenter();
        let text = "é. Ü. ok";
        assert!(seg.sentences(text, Span::new(5, 2)).is_empty());
        assert!(seg.sentences(text, Span::new(100, 200)).is_empty());
        // Offsets inside a character are moved to character boundaries.
        for start in 0..text.len() + 2 {
            for end in 0..text.len() + 2 {
                for s in seg.sentences(text, Span::new(start, end)) {
                    assert!(text.get(s.start..s.end).is_some());
                    assert!(s.start >= start && s.end <= end);
                }
            }
        }
    }

    /// Texts that exercise every rule, for the invariant and no-panic tests.
    fn nasty_texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "",
            ".",
            "..",
            "...",
            "….",
            ". . . .",
            "?",
            "!?!",
            "''",
            "'' ''",
            "\"",
            "(",
            ")",
            "1.",
            "1.)",
            "a.",
            "a)",
            "•",
            "⁃",
            "• •",
            "- ",
            "。",
            "「。」",
            "x.\u{301} Y",
            "Mr.",
            "U.S.",
            "U.S. ",
            ". A",
            "A. B. C. D.",
            "i. I. ii.",
            "1. a 2. b 3) c 4.) d",
            "é.É",
            "\u{0}.\u{0}",
            "\r\r\n\n",
            "\u{2028}.\u{2029}",
            "x\u{a0}.\u{a0}Y",
            "🙂. 🙂! 🙂? 🙂… Ä",
            "Mr. . . . The",
            "[...] (...) ... … . . .",
            "Co.’s. Inc.'' He.",
            "?” ’ ” he",
            "N°. 1026.253.553. That",
            "٣. ٤. Arabic. عربي. Text",
            "ǅ. ǅ",
            "x.)))))) Y",
            "\"\"\"\". \"\"\" A",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // A deterministic pseudo-random mix of the interesting characters.
        let alphabet: Vec<char> = "aZ1 .?!…‽。)(\"'”“’•⁃-\n\r\tMr.U.S.é🙂\u{a0}$[]p.m.I.,;:"
            .chars()
            .collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in [10, 50, 200, 1000, 5000] {
            for _ in 0..20 {
                let mut text = String::new();
                for _ in 0..len {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let k = (state >> 33) as usize % alphabet.len();
                    text.push(alphabet.get(k).copied().unwrap_or('x'));
                }
                texts.push(text);
            }
        }
        texts
    }

    #[test]
    fn invariants_hold_on_golden_and_nasty_texts() {
        let seg = segmenter();
        let golden = [
            "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
            "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .",
            "• 9. The first item • 10. The second item",
            "Line one.\nLine two. Still two.\r\nThree",
        ];
        for text in golden {
            check_invariants(&seg, text);
        }
        for text in nasty_texts() {
            check_invariants(&seg, &text);
        }
    }

    /// The paragraphs as the documented rule gives them, character by character: the
    /// reference for the memchr splitter.
    fn paragraphs_by_chars(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c == '\n' || c == '\r' {
                out.push(Span::new(start, at).trim(text));
                start = at + 1;
                if c == '\r' && chars.next_if(|&(_, n)| n == '\n').is_some() {
                    start += 1;
                }
            }
        }
        out.push(Span::new(start, text.len()).trim(text));
        out.retain(|span| !span.is_empty());
        out
    }

    /// A scan over the whole of `text`, for testing its parts.
    fn whole_scan<'s, 't, 'o>(
        seg: &'s Segmenter,
        text: &'t str,
        out: &'o mut Vec<Span>,
    ) -> Scan<'s, 't, 'o> {
        Scan {
            seg,
            text,
            bytes: text.as_bytes(),
            hi: text.len(),
            start: 0,
            list: None,
            blank_until: 0,
            out,
            key: String::new(),
        }
    }

    /// The golden and nasty texts, with some news-like ones that take the fast paths.
    fn fast_path_texts() -> Vec<String> {
        let mut texts = nasty_texts();
        texts.extend(
            [
                "He said. The end.\r\n\r\nNext (one). \"Quoted.\" 'Single.' (Paren.) [B.]",
                "  \t Mr. Smith   went.\u{a0} Then\u{2003} he left.\tNow.\x0bX.\x0cY.",
                "Prices rose 3.5%. U.S. officials said so. It's over. He's here. Don't.",
                "“Quoted,” he said. ‘Single’ — dash… Ellipsis… And… (bracket). ¿Qué? ¡Sí!",
                "\u{2003}\u{2003} \u{2003}x\u{3000} y. \u{3000}Z a.\u{2028}B",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        texts
    }

    #[test]
    fn fast_paths_agree_with_the_slow_ones() {
        let seg = segmenter();
        for text in fast_path_texts() {
            let text = text.as_str();
            assert_eq!(seg.paragraphs(text), paragraphs_by_chars(text), "{text:?}");
            let mut out = Vec::new();
            let scan = whole_scan(&seg, text, &mut out);
            for at in 0..=text.len() + 1 {
                if let Ascii::Decided(next) = scan.next_after_ascii(at) {
                    assert_eq!(next, scan.next_after_parsed(at), "{text:?} at {at}");
                }
                let rest = text.get(at..).unwrap_or("");
                if !may_open_list_marker(rest.as_bytes()) {
                    assert!(list_marker(rest).is_err(), "{rest:?}");
                }
                if text.is_char_boundary(at) && at < text.len() {
                    let end = floor_boundary(text, (at + WORD_WINDOW).min(text.len()));
                    let full =
                        crate::text::tokens::first_word_bound(text.get(at..end).unwrap_or(""));
                    assert_eq!(scan.word_at(at).0, full, "{text:?} at {at}");
                }
            }
            // Spans of every length at a few places, and all of them in short texts.
            let step = if text.len() > 64 { 7 } else { 1 };
            for start in (0..=text.len()).step_by(step) {
                for end in (start..=text.len()).step_by(step) {
                    let slow = Span::new(start, end).trim(text);
                    if text.is_char_boundary(start) && text.is_char_boundary(end) {
                        assert_eq!(trim_span(text, start, end), slow, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn candidates_are_the_next_stop_bytes() {
        let is_stop = |b: &u8| matches!(b, b'.' | b'?' | b'!' | b')' | 0xE2 | 0xE3 | 0xEF);
        for text in fast_path_texts() {
            let bytes = text.as_bytes();
            for stride in [1, 3, 17, 1000] {
                let mut stops = candidates(bytes, 0);
                let mut from = 0;
                while from <= bytes.len() + 1 {
                    let naive = bytes
                        .get(from..)
                        .and_then(|rest| rest.iter().position(is_stop))
                        .map(|off| from + off);
                    assert_eq!(stops.next(from), naive, "{text:?} from {from}");
                    from += stride;
                }
            }
        }
    }

    #[test]
    fn no_panic_on_large_inputs_without_spaces() {
        let seg = segmenter();
        for unit in [
            "a.", "U.S.", ".", "…", "é", "1.", "''.", ". ", "Mr. ", "$. ", "“… ",
        ] {
            let text = unit.repeat(100_000);
            let s = seg.segment(&text);
            assert!(s.sentences.iter().all(|x| x.end <= text.len()));
        }
        let empty = Segmenter::new([]);
        check_invariants(&empty, "Mr. Smith. U.S. He said.");
    }
}
