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
//!
//! The file is long (about 950 lines) because the scan is one state machine over one
//! paragraph: its decisions at a period share the state `Scan` holds and read best together.
//! The nom parsers it calls are in `segment/parse.rs`, its tests in `segment/tests.rs`.

use std::ops::Range;

use nom::combinator::all_consuming;
use nom::Parser;
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
    /// The index in `sentences` of each paragraph's first sentence, then the number of
    /// sentences (empty when there is no paragraph): 4 bytes a paragraph, read through
    /// [`Segmentation::paragraph_sentences`].
    sentence_starts: Vec<u32>,
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

    /// The range of indices into `sentences` that paragraph `paragraph` holds, None past the
    /// last paragraph.
    pub fn paragraph_sentences(&self, paragraph: usize) -> Option<Range<usize>> {
        let start = *self.sentence_starts.get(paragraph)?;
        let end = *self.sentence_starts.get(paragraph + 1)?;
        Some(start as usize..end as usize)
    }

    /// The range of indices into `sentences` of each paragraph in turn.
    pub fn paragraph_sentence_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let ends = self.sentence_starts.iter().skip(1);
        self.sentence_starts
            .iter()
            .zip(ends)
            .map(|(&start, &end)| start as usize..end as usize)
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

    /// Paragraphs: each line of text (split at \n, \r\n or lone \r), trimmed of surrounding
    /// whitespace; blank lines are not paragraphs. In a hard-wrapped document (see
    /// [`wraps`]: blocks separated by blank lines, lines broken at one column) a paragraph is
    /// a block of lines, so a line break inside it is only a wrap.
    pub fn paragraphs(&self, text: &str) -> Vec<Span> {
        // About one paragraph in 200 bytes of news text: few vectors grow more than once.
        let mut out = Vec::with_capacity(text.len() / 200 + 4);
        let mut push = |start: usize, end: usize| {
            let span = trim_span(text, start, end);
            if !span.is_empty() {
                out.push(span);
            }
        };
        // One pass over the lines gives both the paragraphs of a text that is not
        // hard-wrapped (each non-blank line, trimmed) and the counts that tell whether it is.
        let mut count = wraps::BlockCount::new();
        for (start, end, blank) in wraps::lines(text) {
            count.line(blank);
            if !blank {
                push(start, end);
            }
        }
        if !count.wrapped(text) {
            return out;
        }
        out.clear();
        let mut block: Option<(usize, usize)> = None;
        for (start, end, blank) in wraps::lines(text) {
            match (blank, block) {
                (true, Some((from, to))) => {
                    out.push(trim_span(text, from, to));
                    block = None;
                }
                (true, None) => {}
                (false, Some((from, _))) => block = Some((from, end)),
                (false, None) => block = Some((start, end)),
            }
        }
        if let Some((from, to)) = block {
            out.push(trim_span(text, from, to));
        }
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
        let mut sentence_starts = Vec::with_capacity(paragraphs.len() + 1);
        // At most one sentence a byte, and no text past `u32::MAX` bytes (see
        // `tokens::MAX_OFFSET`): the counts fit.
        let count = |sentences: &Vec<Span>| u32::try_from(sentences.len()).unwrap_or(u32::MAX);
        let mut stops = candidates(text.as_bytes(), 0);
        let mut key = String::new();
        for &paragraph in &paragraphs {
            sentence_starts.push(count(&sentences));
            self.sentences_into(text, paragraph, &mut sentences, &mut stops, &mut key);
        }
        if !paragraphs.is_empty() {
            sentence_starts.push(count(&sentences));
        }
        Segmentation {
            paragraphs,
            sentences,
            sentence_starts,
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
                // The dashes and curly quotes U+2013..U+201D, most of the 0xE2 leads in news
                // text, are none of the characters `at_multibyte` stops at: passed unread.
                Some(0xE2)
                    if self.bytes.get(at + 1) == Some(&0x80)
                        && self
                            .bytes
                            .get(at + 2)
                            .is_some_and(|b| (0x93..=0x9D).contains(b)) =>
                {
                    at + 3
                }
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

mod parse;
mod wraps;

use parse::*;
#[cfg(test)]
mod tests;
