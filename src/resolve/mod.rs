//! Resolves speaker mentions to people across the article.
//!
//! Takes the text stage's `Document` and the attribution stage's statements, whose speakers
//! are mentions as written; gives the same statements with each speaker a person's fullest
//! name and title, and outlets shared along a speaker's rows.
//!
//! A light scan collects the people an article names: capitalised name runs that start with a
//! known first name or follow a person title ("President Barack Obama", "Mr. Trump"), and the
//! named speakers of statements. Each person is keyed by the last word of their name, and the
//! canonical name is the fullest one the article gives ("Putin" becomes "Vladimir Putin").
//! A pronoun ("he", "she") resolves to the most recent compatible person before it, using the
//! gender that first names, titles and honorifics signal; a nominal ("the spokesman") to the
//! most recent person whose title holds that role word. Titles carry over to later rows of the
//! same speaker.

pub mod kinds;
pub mod names;

use names::{given_name_of, same_given_name};

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::attribution::outlets;
use crate::attribution::phrase::Phrases;
use crate::lexicon::{join_words, Entry, Gender, Grammar, Lex, OutletWords, Section, TitleInfo};
use crate::span::Span;
use crate::statement::{Kind, OutletRef, Statement};
use crate::swar::{bytes_equal, fold_ascii, load_chunk, HIGH_BITS};
use crate::text::document::{slice, Document, ParagraphTokens};
use crate::text::segment::Segmentation;
use crate::text::tokens::{is_acronym, is_ascii_white, strip_possessive, Token, TokenKind};

/// A piece of a string as 32-bit offsets: of the document text, or of a mention's name. A
/// document's text is shorter than `u32::MAX` bytes (`input::MAX_DOCUMENT_BYTES`), and so are
/// the names taken from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// First byte.
    start: u32,
    /// One past the last byte.
    end: u32,
}

impl Piece {
    /// No piece: [`Piece::get`] gives None.
    const NONE: Piece = Piece {
        start: u32::MAX,
        end: 0,
    };

    /// The piece of text at `span`.
    fn of(span: Span) -> Piece {
        Piece {
            start: u32::try_from(span.start).unwrap_or(u32::MAX),
            end: u32::try_from(span.end).unwrap_or(u32::MAX),
        }
    }

    /// The piece of `outer` that `inner`, a slice of it, is; [`Piece::NONE`] for None.
    fn within(outer: &str, inner: Option<&str>) -> Piece {
        let Some(inner) = inner else {
            return Piece::NONE;
        };
        let start = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
        if start > outer.len() || inner.len() > outer.len() - start {
            return Piece::NONE;
        }
        Piece::of(Span::new(start, start + inner.len()))
    }

    /// The span the piece covers.
    fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The piece of `of`, None for [`Piece::NONE`] (or a piece out of range).
    fn get(self, of: &str) -> Option<&str> {
        of.get(self.start as usize..self.end as usize)
    }
}

/// A person the article names, at one place. Its strings are pieces of the text or of a
/// statement's speaker, read through its methods: a long article has many mentions, each of
/// 48 bytes.
#[derive(Debug, Clone)]
struct Mention {
    /// Where the mention is.
    at: Piece,
    /// The sentence it is in ([`Segmentation::sentence_at`]), found once the mentions are in
    /// text order (see [`set_sentences`]); `u32::MAX` for none.
    sentence: u32,
    /// The number of its key, the last word of its name (see [`Surnames`]).
    surname: u32,
    /// The first name of its name, possessive dropped ([`names::given_name`]), as a piece of
    /// the name; [`Piece::NONE`] for a bare surname. Found where the mention is made, which
    /// has asked the grammar about the first word already.
    given: Piece,
    /// Where its name and title are.
    named: Named,
    /// The head word of an appositive right after the name ("farmer" in "Ann Lee, a farmer
    /// from Ohio,"), which a later nominal ("the farmer") may repeat: a piece of the text, or
    /// [`Piece::NONE`].
    role: Piece,
    /// The gender the mention signals, if any.
    gender: Option<Gender>,
    /// Is it surely a person: a name with a first name or a person title?
    sure: bool,
    /// How many words its name has, possessive dropped, when known where it is made (at most
    /// 255); 0 when it is worked out where asked ([`Mention::shape`]).
    words: u8,
    /// Is its name, possessive dropped, its words joined by single spaces (when `words` is
    /// known)?
    joined: bool,
}

/// Where a mention's name and title are. A statement's speaker is named by the
/// statement's index, not a copy of its strings: the statements change only after the
/// people are gathered.
#[derive(Debug, Clone, Copy)]
enum Named {
    /// A name run of the text, the mention's own span; `title` is the piece of the text before
    /// the name that is its title ("Kremlin spokesman"), or [`Piece::NONE`].
    Text {
        /// The title before the name.
        title: Piece,
    },
    /// The named speaker of statement `index`: its `speaker` and `title`.
    Speaker(u32),
}

impl Mention {
    /// A mention at `span` named `named`, with the first name `given` (a slice of `name`, the
    /// mention's name), of surname number `surname`; its sentence is found later.
    #[allow(clippy::too_many_arguments)]
    fn new(
        span: Span,
        named: Named,
        name: &str,
        given: Option<&str>,
        surname: usize,
        gender: Option<Gender>,
        sure: bool,
    ) -> Mention {
        Mention {
            at: Piece::of(span),
            sentence: u32::MAX,
            surname: u32::try_from(surname).unwrap_or(u32::MAX),
            given: Piece::within(name, given),
            named,
            role: Piece::NONE,
            gender,
            sure,
            words: 0,
            joined: false,
        }
    }

    /// The mention with the shape of its name, possessive dropped, known: `words` words
    /// (up to 255; more are counted where asked), `joined` by single spaces.
    fn with_shape(mut self, (words, joined): (usize, bool)) -> Mention {
        if let Ok(words) = u8::try_from(words) {
            self.words = words;
            self.joined = joined;
        }
        self
    }

    /// How many words `name`, its name with the possessive dropped, has, and whether it is
    /// its words joined by single spaces ([`word_shape`]): known where the mention was made,
    /// else read now.
    #[inline]
    fn shape(&self, name: &str) -> (usize, bool) {
        match self.words {
            0 => word_shape(name),
            words => (usize::from(words), self.joined),
        }
    }

    /// Where the mention is.
    #[inline]
    fn span(&self) -> Span {
        self.at.span()
    }

    /// The sentence it is in, once set ([`set_sentences`]).
    #[inline]
    fn sentence(&self) -> Option<usize> {
        (self.sentence != u32::MAX).then_some(self.sentence as usize)
    }

    /// The number of its key ([`Surnames`]).
    fn surname(&self) -> usize {
        self.surname as usize
    }

    /// The statement whose named speaker it is, if any.
    fn speaker(&self) -> Option<usize> {
        match self.named {
            Named::Speaker(index) => Some(index as usize),
            Named::Text { .. } => None,
        }
    }

    /// Its name as written: the text at it, or its statement's speaker.
    fn name<'a>(&self, text: &'a str, statements: &'a [Statement]) -> &'a str {
        match self.named {
            Named::Text { .. } => self.span().of(text),
            Named::Speaker(index) => statements
                .get(index as usize)
                .map_or("", |s| s.speaker.name.as_str()),
        }
    }

    /// Its title, if any: the text's before the name, or its statement's speaker's.
    fn title<'a>(&self, text: &'a str, statements: &'a [Statement]) -> Option<&'a str> {
        match self.named {
            Named::Text { title } => title.get(text),
            Named::Speaker(index) => statements
                .get(index as usize)
                .map(|s| s.speaker.title.as_str())
                .filter(|title| !title.is_empty()),
        }
    }

    /// Its first name, if any ([`Mention::given`]).
    fn given<'a>(&self, text: &'a str, statements: &'a [Statement]) -> Option<&'a str> {
        self.given.get(self.name(text, statements))
    }

    /// The head word of the appositive after it, if any ([`Mention::role`]).
    fn role<'a>(&self, text: &'a str) -> Option<&'a str> {
        self.role.get(text)
    }
}

/// The key of a person: the last word of a name, compared and hashed in lower case. An ASCII
/// word of up to 8 bytes is held as its bytes in one `u64`, so that it is hashed and compared
/// in one step; a longer ASCII word is kept as written, so that a key needs no string of its
/// own.
#[derive(Debug, Clone)]
enum Key<'t> {
    /// An ASCII word of at most 8 bytes: its bytes with ASCII capitals folded, little-endian
    /// and zero-padded, and its length.
    Short {
        /// The bytes, folded ([`fold_ascii`]).
        folded: u64,
        /// How many bytes.
        len: u8,
    },
    /// An ASCII word of more than 8 bytes as written: its ASCII lower case is the key.
    Ascii(&'t str),
    /// A word beyond ASCII, in lower case (more than 8 bytes if it came out ASCII).
    Lower(String),
}

impl<'t> Key<'t> {
    /// The short key of an ASCII word of at most 8 bytes; None for a longer word.
    #[inline]
    fn short(word: &str) -> Option<Key<'t>> {
        let len = u8::try_from(word.len()).ok().filter(|&len| len <= 8)?;
        Some(Key::Short {
            folded: fold_ascii(load_chunk(word.as_bytes(), 0)),
            len,
        })
    }

    /// The key of the ASCII word `word`.
    #[inline]
    fn ascii(word: &'t str) -> Key<'t> {
        Key::short(word).unwrap_or(Key::Ascii(word))
    }

    /// The key of a word beyond ASCII, already in lower case (which may be ASCII: the Kelvin
    /// sign's lower case is "k").
    fn lower(word: String) -> Key<'t> {
        match Key::short(&word) {
            Some(key) if word.is_ascii() => key,
            _ => Key::Lower(word),
        }
    }

    /// The bytes of a longer key; None for a short one.
    #[inline]
    fn long_word(&self) -> Option<&[u8]> {
        match self {
            Key::Short { .. } => None,
            Key::Ascii(word) => Some(word.as_bytes()),
            Key::Lower(word) => Some(word.as_bytes()),
        }
    }

    /// The shape of the key, one of 256: its length (modulo 16) and the low bits of its
    /// first byte in lower case. Equal keys have one shape.
    #[inline]
    fn shape(&self) -> usize {
        let (len, first) = match self {
            Key::Short { folded, len } => (usize::from(*len), *folded as u8),
            _ => {
                let word = self.long_word().unwrap_or_default();
                (word.len(), word.first().copied().unwrap_or(0))
            }
        };
        let first = if len == 0 {
            0
        } else {
            usize::from(first | 0x20) & 0x0f
        };
        (len & 0x0f) << 4 | first
    }

    /// The key as one lower-case string.
    #[cfg(test)]
    fn lowered(&self) -> String {
        match self {
            Key::Short { folded, len } => {
                let bytes = folded.to_le_bytes();
                String::from_utf8_lossy(&bytes[..usize::from(*len)]).into_owned()
            }
            Key::Ascii(word) => word.to_ascii_lowercase(),
            Key::Lower(word) => word.to_ascii_lowercase(),
        }
    }
}

impl PartialEq for Key<'_> {
    /// The words equal in any ASCII case (`eq_ignore_ascii_case`): a short key is only ever
    /// equal to a short one (a longer key is longer, or has a byte beyond ASCII).
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Key::Short { folded: a, len: m }, Key::Short { folded: b, len: n }) => {
                a == b && m == n
            }
            (Key::Short { .. }, _) | (_, Key::Short { .. }) => false,
            _ => match (self.long_word(), other.long_word()) {
                (Some(a), Some(b)) => a.len() == b.len() && a.eq_ignore_ascii_case(b),
                _ => false,
            },
        }
    }
}

impl Eq for Key<'_> {}

/// A key is hashed eight bytes at a time, each byte with its 0x20 bit set: an ASCII capital
/// and its small letter are then one byte, so keys equal in any ASCII case hash alike (other
/// bytes may meet too, which costs a comparison, never a wrong answer).
impl std::hash::Hash for Key<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let bytes = match self {
            Key::Short { folded, .. } => {
                state.write_u64(folded | 0x2020_2020_2020_2020);
                return;
            }
            _ => self.long_word().unwrap_or_default(),
        };
        let mut at = 0;
        while at < bytes.len() {
            state.write_u64(load_chunk(bytes, at) | 0x2020_2020_2020_2020);
            at += 8;
        }
    }
}

/// The keys (surnames) of an article's mentions, each numbered once as it is first found: a
/// mention carries its number, so that each key is hashed once, where it is found, and the
/// people of a surname are found by number.
#[derive(Debug, Default)]
struct Surnames<'k> {
    /// The number of each key, in order of first finding.
    numbers: FxHashMap<Key<'k>, usize>,
    /// The shapes of the keys ([`Key::shape`]), a bit each: a word of another shape is no
    /// key, known without hashing it.
    shapes: [u64; 4],
}

/// How many keys an article's surname table holds before it grows: most articles name fewer
/// people, and a table that grows rehashes its keys.
const SURNAMES: usize = 32;

impl<'k> Surnames<'k> {
    /// An empty table with room for `keys` keys.
    fn with_capacity(keys: usize) -> Surnames<'k> {
        Surnames {
            numbers: FxHashMap::with_capacity_and_hasher(keys, Default::default()),
            shapes: [0; 4],
        }
    }

    /// The number of `key`, a new one when it is new.
    fn number(&mut self, key: Key<'k>) -> usize {
        let shape = key.shape();
        if let Some(bits) = self.shapes.get_mut(shape / 64) {
            *bits |= 1 << (shape % 64);
        }
        let next = self.numbers.len();
        *self.numbers.entry(key).or_insert(next)
    }

    /// The number of `key`, if a mention has it.
    #[inline]
    fn find(&self, key: &Key) -> Option<usize> {
        let shape = key.shape();
        let bits = self.shapes.get(shape / 64).copied().unwrap_or(0);
        if bits & (1 << (shape % 64)) == 0 {
            return None;
        }
        self.numbers.get(key).copied()
    }

    /// How many keys are numbered.
    fn len(&self) -> usize {
        self.numbers.len()
    }
}

/// What the article says about one person, gathered over all mentions.
/// Its name and title are borrowed from the text or the statements.
#[derive(Debug, Clone, Default)]
struct Person<'k> {
    /// The fullest name seen, its words joined by single spaces.
    name: Cow<'k, str>,
    /// How many words `name` has (counts and offsets of this struct are `u32`s: a long
    /// article names many people).
    words: u32,
    /// The gender signalled by any mention, or learnt from a pronoun that stands for the person.
    gender: Cell<Option<Gender>>,
    /// Is it surely a person (a mention with a first name or a person title, or a gender)?
    sure: bool,
    /// The first name, when the article names the person in full; None for a surname alone.
    given: Option<&'k str>,
    /// Where the person was named last, while the people are gathered.
    last_seen: u32,
    /// The sentence the person was named in last, while the people are gathered.
    last_sentence: u32,
    /// How many mentions name the person, while the people are gathered.
    mentions: u32,
    /// The first title seen.
    title: Option<&'k str>,
    /// The words of `title` in lower case, worked out when a nominal first asks.
    title_lower: OnceCell<String>,
    /// The head word of the first appositive after the person's name ([`Mention::role`]).
    role: Option<&'k str>,
    /// The index in [`People::persons`] of the next person of the same surname, in order of
    /// first mention; [`NO_PERSON`] for none.
    next_of_key: u32,
}

/// No person: the end of a surname's list of people ([`Person::next_of_key`]).
const NO_PERSON: u32 = u32::MAX;

impl Person<'_> {
    /// Does the person's title hold the role word `role` (lower case)?
    fn has_role(&self, role: &str) -> bool {
        let Some(title) = self.title else {
            return false;
        };
        self.title_lower
            .get_or_init(|| title.to_lowercase())
            .split_whitespace()
            .any(|w| w == role)
    }
}

/// The people of an article: each mention's person, and the people of each surname.
#[derive(Debug, Default)]
struct People<'k> {
    /// The people, in order of their first mention.
    persons: Vec<Person<'k>>,
    /// The first and the last person (indexes in `persons`) of each surname, by its number
    /// (see [`Surnames`]); the others are linked from the first in order of first mention
    /// ([`Person::next_of_key`]), so that a surname's people take no list of their own.
    by_key: Vec<(u32, u32)>,
    /// The index in `persons` of each mention's person, in mention order ([`NO_PERSON`]
    /// for none): 4 bytes a mention, as a long article has many.
    of_mention: Vec<u32>,
    /// The index in `persons` of the person each statement's named speaker is, by statement;
    /// [`NO_PERSON`] for none.
    of_statement: Vec<u32>,
}

impl People<'_> {
    /// The index in `persons` of the person statement `index`'s named speaker is, if any.
    fn of_statement(&self, index: usize) -> Option<usize> {
        let person = *self.of_statement.get(index)? as usize;
        (person < self.persons.len()).then_some(person)
    }

    /// The index in `persons` of mention `index`'s person, if any.
    #[inline]
    fn person_of_mention(&self, index: usize) -> Option<usize> {
        let person = *self.of_mention.get(index)?;
        (person != NO_PERSON).then_some(person as usize)
    }

    /// The person of mention `index`.
    fn of(&self, index: usize) -> Option<&Person<'_>> {
        self.persons.get(*self.of_mention.get(index)? as usize)
    }
}

/// The people of surname number `key` (indexes and persons), in order of first mention.
fn of_key<'p, 'k>(
    persons: &'p [Person<'k>],
    by_key: &[(u32, u32)],
    key: usize,
) -> impl Iterator<Item = (usize, &'p Person<'k>)> + Clone {
    let first = by_key.get(key).map_or(NO_PERSON, |&(first, _)| first);
    let at = move |i: u32| persons.get(i as usize).map(|p| (i as usize, p));
    std::iter::successors(at(first), move |(_, p)| at(p.next_of_key))
}

/// How many sentences back a pronoun may reach before its confidence drops.
const NEAR_SENTENCES: usize = 2;

/// How many sentences back a pronoun or a nominal looks for the person it stands for: a
/// reader no longer links "she" to a name this far back, and the bound keeps the search of
/// each statement short, so that a long article costs in proportion to its size.
const ANTECEDENT_SENTENCES: usize = 30;

/// The longest appositive between a name and the relative pronoun that stands for it.
const MAX_APPOSITIVE_BYTES: usize = 160;

/// How many sentences back a nominal ("the group") looks for the name set beside it in
/// apposition: a short bound, as the text of each window is searched.
const APPOSITION_SENTENCES: usize = 12;

/// Past this many bytes, an article's tokens are let go right after the first scan of its
/// names ([`lean_tokens`]): the rest of `resolve` reads only a few facts of them, and a long
/// article's tokens are the most memory alive then. Shorter articles keep them (their buffer
/// is kept for the next document anyway).
const LEAN_TOKENS_PAST: usize = 1 << 18;

/// Replaces each statement's speaker with its resolved, canonical name, and fills titles;
/// gives the names of the people the article names, for [`kinds::speaker_kinds`]. Takes the
/// document's `tokens` (taken out of it) and lets them go.
// Kept out of line: a stage of its own in profiles.
#[inline(never)]
pub fn resolve(
    doc: &Document,
    tokens: ParagraphTokens,
    statements: &mut [Statement],
    grammar: &Grammar,
) -> kinds::People {
    let (text, seg) = (doc.text, &doc.segmentation);
    if statements.is_empty() {
        tokens.release();
        return kinds::People::default();
    }
    let mut surnames = Surnames::with_capacity(SURNAMES);
    let (mut mentions, lone, affiliations) = scan_people(text, &tokens, grammar, &mut surnames);
    // The outlets the article names, read only when a statement says "the newspaper"; its
    // capitalised runs, read only when a speaker is an acronym.
    let outlets = OnceCell::new();
    let acronyms = OnceCell::new();
    let tokens = if text.len() > LEAN_TOKENS_PAST {
        lean_tokens(
            text,
            seg,
            tokens,
            statements,
            (&outlets, &acronyms),
            grammar,
        )
    } else {
        tokens
    };
    let tokens = &tokens;
    let mut speakers = Speakers::default();
    mentions.reserve(statements.len());
    let named = mentions.len();
    for (index, statement) in statements.iter().enumerate() {
        let speaker = (statement, index);
        if let Some(mention) = speaker_mention(text, speaker, &mut surnames, &mut speakers, grammar)
        {
            mentions.push(mention);
        }
    }
    drop(speakers);
    let spoken = mentions.len();
    extend_lone(&mut mentions, text, &lone, &surnames, grammar);
    drop(lone);
    let surname_count = surnames.len();
    // The keys borrow the speakers, which change only at the end.
    drop(surnames);
    sort_by_start(&mut mentions, (named, spoken));
    set_sentences(&mut mentions, &seg.sentences);
    // The quotations, by start: people named inside one are not what a pronoun outside
    // stands for first.
    let mut quoted: Vec<Span> = statements
        .iter()
        .filter(|s| s.kind != Kind::Indirect)
        .map(|s| s.quote)
        .collect();
    quoted.sort_by_key(|q| q.start);
    let people = gather(text, &mentions, statements, surname_count);
    // What becomes of each statement, worked out while the keys borrow the speakers.
    let changes: Vec<Change> = statements
        .iter()
        .enumerate()
        .map(|(index, statement)| {
            change_of(
                text,
                seg,
                tokens,
                (index, statement, statements),
                (&mentions, &people, &quoted),
                (&outlets, &acronyms),
                grammar,
            )
        })
        .collect();
    // The mentions and quotations are read no more: their room goes before the names are
    // copied out of the people.
    drop(mentions);
    drop(quoted);
    let is_known = |p: &&Person| p.sure || p.gender.get().is_some();
    let mut names = FxHashSet::with_capacity_and_hasher(
        people.persons.iter().filter(is_known).count(),
        Default::default(),
    );
    names.extend(
        people
            .persons
            .iter()
            .filter(is_known)
            .map(|p| p.name.to_string()),
    );
    let known = kinds::People { names };
    let mut given = Given::of(&people, &changes);
    // The people borrow the speakers and titles, which change only now.
    drop(people);
    for (statement, change) in statements.iter_mut().zip(changes) {
        match change {
            Change::Keep => {}
            Change::Outlet(outlet) => {
                statement.speaker.name = outlet.name.clone();
                if statement.outlets.is_empty() {
                    statement.outlets.push(*outlet);
                }
            }
            Change::Speaker(speaker) => statement.speaker.name = speaker,
            Change::Person {
                person,
                name,
                title,
                far,
            } => {
                if name {
                    statement.speaker.name = given.name(person);
                }
                if let Some(title) = given.title(person).filter(|_| title) {
                    statement.speaker.title = title.to_string();
                }
                if far {
                    statement.confidence *= 0.8;
                }
            }
        }
    }
    works_for(statements, &affiliations);
    outlets::share_outlets(statements);
    known
}

/// What [`change_of`] reads of a long article's `tokens` after the first scan, the tokens
/// themselves let go: the outlets it names (when a speaker is a word for an outlet, the only
/// case that reads them) and its capitalised runs, found now when a speaker is an acronym or
/// a role word (for the whole article, which gives what the windows of [`change_of`] read of
/// them), and the tokens
/// of the paragraphs where a statement's speaker is a pronoun that may stand for its
/// sentence's subject ([`stands_for_subject`]); the other paragraphs are left empty.
fn lean_tokens(
    text: &str,
    seg: &Segmentation,
    tokens: ParagraphTokens,
    statements: &[Statement],
    (outlets, acronyms): (&OnceCell<Vec<OutletRef>>, &OnceCell<Vec<Span>>),
    grammar: &Grammar,
) -> ParagraphTokens {
    // The outlets are read only for a speaker written as a media reference ("the newspaper
    // said", see `outlets::speaking_outlet`): when no statement's is, they are never asked for.
    if statements.iter().any(|s| {
        s.mention.is_some_and(|mention| {
            outlets::needs_outlet_mentions(text, grammar, (s.speaker.name.as_str(), mention))
        })
    }) {
        outlets.get_or_init(|| outlets::outlet_mentions(text, &tokens, grammar));
    }
    // The capitalised runs are read only for a speaker that is an acronym or a role word
    // (see `change_of`): when no statement's is, they are never asked for (a long article's
    // runs are many).
    if statements.iter().any(|s| {
        s.mention.is_some_and(|mention| {
            speaker_acronym(&s.speaker.name, grammar).is_some()
                || nominal_role(text, mention, grammar).is_some()
        })
    }) {
        acronyms.get_or_init(|| capitalised_runs(text, &tokens, grammar));
    }
    let mut keep = vec![false; tokens.len()];
    for mention in statements.iter().filter_map(|s| s.mention) {
        if !stands_for_subject(text, mention, grammar) {
            continue;
        }
        if let Some(slot) = seg
            .paragraph_at(mention.start)
            .and_then(|p| keep.get_mut(p))
        {
            *slot = true;
        }
    }
    // The kept tokens stay in the buffer, whose room past them is given back.
    tokens.only(&keep)
}

/// Is the speaker at `mention` a pronoun of the third person, plural or neuter ("they",
/// "it"), which [`change_of`] reads as its sentence's subject ([`sentence_subject`])?
fn stands_for_subject(text: &str, mention: Span, grammar: &Grammar) -> bool {
    grammar
        .entry_any_case(mention.of(text))
        .and_then(|e| e.pronoun.as_ref())
        .filter(|p| !p.first_person)
        .is_some_and(|p| matches!(p.gender, Some(Gender::Plural | Gender::Neuter)))
}

/// The people named right before an outlet they work for ("Jane Roe of the Daily Planet"):
/// the name as written, its words joined by single spaces, and the outlet.
type Affiliations = Vec<(String, OutletRef)>;

/// "reports Roe", after "Jane Roe of the Daily Planet": a statement of a person the article
/// names with an outlet they work for, which names no outlet itself, was given through it.
#[inline(never)]
fn works_for(statements: &mut [Statement], affiliations: &Affiliations) {
    if affiliations.is_empty() {
        return;
    }
    // The first outlet named with each person.
    let mut outlet_of: FxHashMap<&str, &OutletRef> = FxHashMap::default();
    for (person, outlet) in affiliations {
        outlet_of.entry(person.as_str()).or_insert(outlet);
    }
    for statement in statements.iter_mut().filter(|s| s.outlets.is_empty()) {
        if let Some(&outlet) = outlet_of.get(statement.speaker.name.as_str()) {
            statement.outlets.push(outlet.clone());
        }
    }
}

/// What resolving does to one statement: 24 bytes, as a long article's changes are all
/// kept until the people are gone (a person's name is copied once, by [`Given`], not once
/// a statement).
#[derive(Debug)]
enum Change {
    /// Nothing.
    Keep,
    /// An outlet speaks: it becomes the speaker, and the outlet unless one is known.
    Outlet(Box<OutletRef>),
    /// The speaker becomes this one.
    Speaker(String),
    /// The speaker becomes person `person` of the article, whose title fills an empty one;
    /// `far` when a pronoun reached back more than [`NEAR_SENTENCES`] sentences.
    Person {
        /// The index of the person in [`People::persons`].
        person: u32,
        /// Does the speaker take the person's name (not written so already)?
        name: bool,
        /// Does the person's title fill the statement's empty one?
        title: bool,
        /// Does the confidence drop?
        far: bool,
    },
}

/// The change that makes person `index` of `people` the speaker of `statement`.
fn person_change(people: &People, index: usize, statement: &Statement, far: bool) -> Change {
    let (Some(person), Ok(number)) = (people.persons.get(index), u32::try_from(index)) else {
        return Change::Keep;
    };
    Change::Person {
        person: number,
        name: person.name != statement.speaker.name,
        title: statement.speaker.title.is_empty() && person.title.is_some(),
        far,
    }
}

/// The names and titles of the people the changes make speakers, copied out of the people
/// (which borrow the statements) once a person, by index in [`People::persons`].
struct Given {
    /// Each person's name and title, when a change takes them; empty and None otherwise.
    people: Vec<(String, Option<String>)>,
    /// How many changes still take each person's name: the last one takes the copy itself.
    uses: Vec<u32>,
}

impl Given {
    /// The names and titles `changes` give, from `people`.
    fn of(people: &People, changes: &[Change]) -> Given {
        let mut given = Given {
            people: vec![(String::new(), None); people.persons.len()],
            uses: vec![0; people.persons.len()],
        };
        for change in changes {
            let Change::Person {
                person,
                name,
                title,
                ..
            } = *change
            else {
                continue;
            };
            let index = person as usize;
            let (Some(slot), Some(found), Some(uses)) = (
                given.people.get_mut(index),
                people.persons.get(index),
                given.uses.get_mut(index),
            ) else {
                continue;
            };
            // Only what some change takes is copied.
            if name {
                if *uses == 0 {
                    slot.0 = found.name.to_string();
                }
                *uses += 1;
            }
            if title && slot.1.is_none() {
                slot.1 = found.title.map(str::to_string);
            }
        }
        given
    }

    /// The name of person `person`: the copy itself for its last taker.
    fn name(&mut self, person: u32) -> String {
        let index = person as usize;
        let (Some((name, _)), Some(uses)) = (self.people.get_mut(index), self.uses.get_mut(index))
        else {
            return String::new();
        };
        *uses = uses.saturating_sub(1);
        if *uses == 0 {
            std::mem::take(name)
        } else {
            name.clone()
        }
    }

    /// The title of person `person`, if any.
    fn title(&self, person: u32) -> Option<&str> {
        self.people.get(person as usize)?.1.as_deref()
    }
}

/// What becomes of `statement`, the `index`th, given the article's mentions and people, and
/// its outlet mentions once asked for. A pronoun that stands for a person of unknown gender
/// tells it ("he said" makes the person a man for later pronouns).
#[allow(clippy::too_many_arguments)]
fn change_of(
    text: &str,
    seg: &Segmentation,
    tokens: &ParagraphTokens,
    (index, statement, statements): (usize, &Statement, &[Statement]),
    (mentions, people, quoted): (&[Mention], &People, &[Span]),
    (outlets, acronyms): (&OnceCell<Vec<OutletRef>>, &OnceCell<Vec<Span>>),
    grammar: &Grammar,
) -> Change {
    let Some(mention) = statement.mention else {
        return Change::Keep;
    };
    // "the cable news network says", "the newspaper said": an outlet speaks.
    let speaker = (statement.speaker.name.as_str(), mention);
    if let Some(outlet) = outlets::speaking_outlet(text, tokens, grammar, speaker, outlets) {
        return Change::Outlet(Box::new(outlet));
    }
    let written = mention.of(text);
    // One lookup says whether the mention is a pronoun and whether a relative pronoun.
    let entry = grammar.entry_any_case(written);
    if let Some(pronoun) = entry
        .and_then(|e| e.pronoun.as_ref())
        .filter(|p| !p.first_person)
    {
        let wanted = pronoun.gender;
        if matches!(wanted, Some(Gender::Plural | Gender::Neuter)) {
            // "Clinton's campaign is seeking ... what they call": "it" and "they" stand for
            // the organisation or group their sentence is about; else for the group,
            // organisation or document that spoke last, shortly before.
            return sentence_subject(text, seg, tokens, mention, grammar)
                .or_else(|| {
                    earlier_group(
                        text,
                        seg,
                        (index, mention),
                        statements,
                        people,
                        wanted,
                        grammar,
                    )
                })
                .map_or(Change::Keep, Change::Speaker);
        }
        // The nearest sentence with a person the pronoun fits, and in it the first such
        // person: the subject before the objects ("Smith met Jones. He said" is Smith). A
        // person named only inside a quotation is not what a pronoun outside it stands for.
        let floor = antecedent_floor(seg, mention.start);
        let mut fitting = mentions_before(mentions, floor, mention.start).filter(|&(i, m)| {
            let gender = people.of(i).and_then(|p| p.gender.get()).or(m.gender);
            compatible(wanted, gender) && !is_quoted(quoted, m.span())
        });
        let Some(latest) = fitting.next() else {
            return Change::Keep;
        };
        let sentence = latest.1.sentence();
        // Latest first: the first speaker of a statement, else the first person named.
        let (mut first, mut speaker) = (latest, None);
        for fit in
            std::iter::once(latest).chain(fitting.take_while(|(_, m)| m.sentence() == sentence))
        {
            first = fit;
            if fit.1.speaker().is_some() {
                speaker = Some(fit);
            }
        }
        let (index, found) = speaker.unwrap_or(first);
        let Some(person) = people.person_of_mention(index) else {
            return Change::Keep;
        };
        if let Some(found) = people.persons.get(person) {
            if found.gender.get().is_none() {
                found.gender.set(wanted);
            }
        }
        let distance = seg
            .sentence_at(mention.start)
            .zip(found.sentence())
            .map_or(0, |(a, b)| a.saturating_sub(b));
        return person_change(people, person, statement, distance > NEAR_SENTENCES);
    }
    // "Jane Roe, who claimed ...": a relative pronoun stands for the name right before it.
    let relative = match grammar.section_bit(Section::RelativePronouns) {
        0 => grammar.in_section(Section::RelativePronouns, written),
        bit => entry.is_some_and(|e| e.lex.in_sections(bit)),
    };
    if relative {
        let person = relative_antecedent(text, mentions, mention, grammar)
            .and_then(|i| people.person_of_mention(i));
        return person.map_or(Change::Keep, |p| person_change(people, p, statement, false));
    }
    // "One voter said ... Another said": a determiner alone repeats the head noun of the
    // nominal that spoke just before.
    if let Some(head) = elided_head(
        text,
        seg,
        (index, mention, entry),
        statements,
        people,
        grammar,
    ) {
        return Change::Speaker(head);
    }
    // The speaker is unchanged so far, and its key is known when it reads as a name.
    let named = people.of_statement(index);
    let sure = named
        .and_then(|p| people.persons.get(p))
        .is_some_and(|p| p.sure || p.gender.get().is_some());
    // "the FAA said", "the Chinese CDC said": an acronym takes the name it stands for in the
    // article.
    if !sure {
        if let Some(expansion) =
            acronym_expansion(text, tokens, &statement.speaker.name, acronyms, grammar)
        {
            return Change::Speaker(expansion);
        }
    }
    if let Some(person) = named {
        return person_change(people, person, statement, false);
    }
    // The role word, worked out once for both uses below.
    let role = nominal_role(text, mention, grammar);
    let people_at = (mentions, people, quoted);
    if let Some(person) = nominal_person(text, seg, (mention, role.as_ref()), people_at, grammar) {
        return person_change(people, person, statement, false);
    }
    // "The group, Workers United, said ... the group added": the name the article gives the
    // nominal in apposition.
    if let Some(role) = role {
        let floor = seg
            .sentence_at(mention.start)
            .and_then(|at| seg.sentences.get(at.saturating_sub(APPOSITION_SENTENCES)))
            .map_or(0, |span| span.start);
        // The runs are read only when the role word stands in apposition before.
        let window = text.get(floor..mention.start).unwrap_or("");
        if !may_be_in_apposition(window, &role.word, grammar) {
            return Change::Keep;
        }
        // Unless the article's runs are read already, only the window's paragraphs are: a
        // run lies in one paragraph, so theirs are all the runs between `floor` and the
        // mention.
        let window_runs;
        let runs: &[Span] = match (acronyms.get(), seg.paragraph_at(mention.start)) {
            (None, Some(last)) => {
                let first = seg.paragraph_at(floor).unwrap_or(0);
                let paragraphs = (first..=last).filter_map(|p| tokens.get(p));
                window_runs = capitalised_runs(text, paragraphs, grammar);
                &window_runs
            }
            _ => acronyms.get_or_init(|| capitalised_runs(text, tokens, grammar)),
        };
        if let Some(name) =
            named_in_apposition(text, runs, (floor, mention.start), &role.word, grammar)
        {
            return Change::Speaker(name);
        }
    }
    Change::Keep
}

/// The person a nominal mention stands for: the name it is in apposition to ("Ann Lee, an
/// economist at Leeds, said"); else the latest person whose title or appositive holds its
/// role word ("the spokesman", "the farmer"); else, for an epithet ("the actor", "the
/// 56-year-old"), the person named last, shortly before and outside quotation marks, when no
/// "a/an ... actor" introduced someone else in between. `role` is the mention's
/// [`nominal_role`].
fn nominal_person(
    text: &str,
    seg: &Segmentation,
    (mention, role): (Span, Option<&Role>),
    (mentions, people, quoted): (&[Mention], &People, &[Span]),
    grammar: &Grammar,
) -> Option<usize> {
    let floor = antecedent_floor(seg, mention.start);
    let person_of = |i: usize| people.person_of_mention(i);
    // "NAME, an expert in ..., told": the appositive is the name's, when the name is surely
    // a person's and the nominal opens with an article ("According to AFP, one user" is
    // someone else).
    let article = mention
        .of(text)
        .split_whitespace()
        .next()
        .is_some_and(|w| grammar.in_section(Section::Articles, w));
    if let Some((i, m)) = mentions_before(mentions, floor, mention.start).next() {
        let between = text.get(m.span().end..mention.start).unwrap_or("");
        let sure = people.of(i).is_some_and(|p| p.sure);
        if article && sure && between.trim() == "," && !is_quoted(quoted, m.span()) {
            return person_of(i);
        }
    }
    let role = role?;
    let title = grammar.title(&role.key);
    if title.is_some_and(|t| t.org) {
        return None;
    }
    let listed = title.is_some_and(|t| t.person);
    let found = mentions_before(mentions, floor, mention.start).find(|&(i, _)| {
        people.of(i).is_some_and(|p| {
            (listed && p.has_role(&role.word))
                || p.role.is_some_and(|r| r.eq_ignore_ascii_case(&role.word))
        })
    });
    if let Some((i, _)) = found {
        return person_of(i);
    }
    let epithet = title.filter(|t| t.epithet)?;
    let (i, m) = mentions_before(mentions, floor, mention.start)
        .find(|&(_, m)| !is_quoted(quoted, m.span()))?;
    let near = is_near(seg, m.span().start, mention.start);
    let person = people.of(i)?;
    let gender = person.gender.get().or(m.gender);
    let fits = compatible(epithet.gender, gender) || epithet.gender.is_none();
    let between = text.get(m.span().end..mention.start).unwrap_or("");
    (near && person.sure && fits && !introduced(between, &role.word, grammar)).then_some(())?;
    person_of(i)
}

/// "It said", "they said" with no subject in their sentence: the speaker of the latest
/// statement before (statement `index`, whose mention is `mention`) within
/// [`NEAR_SENTENCES`] sentences that is no person and no pronoun: an organisation, a group or
/// a document. "it" (`wanted` neuter) takes no plural ("officials"); "they" a plural or an
/// organisation.
fn earlier_group(
    text: &str,
    seg: &Segmentation,
    (index, mention): (usize, Span),
    statements: &[Statement],
    people: &People,
    wanted: Option<Gender>,
    grammar: &Grammar,
) -> Option<String> {
    let here = seg.sentence_at(mention.start)?;
    let earlier = statements.get(..index)?;
    for (j, other) in earlier.iter().enumerate().rev() {
        let Some(at) = other.mention.filter(|m| m.end <= mention.start) else {
            continue;
        };
        if here.saturating_sub(seg.sentence_at(at.start)?) > NEAR_SENTENCES {
            return None;
        }
        let name = other.speaker.name.as_str();
        let written = at.of(text);
        if name.is_empty() || grammar.pronoun(written).is_some() {
            continue;
        }
        let person = people
            .of_statement(j)
            .and_then(|p| people.persons.get(p))
            .is_some_and(|p| p.sure || p.gender.get().is_some());
        let last = name.split_whitespace().last().unwrap_or("");
        let last = strip_possessive(last).unwrap_or(last);
        let title = grammar.title(last);
        if person || title.is_some_and(|t| t.person && !t.org) {
            continue;
        }
        let org = title.is_some_and(|t| t.org) || is_person_name(name);
        // A lower-case head in -s is a plural ("officials", "the researchers").
        let plural = !org && last.len() > 3 && last.ends_with('s') && !last.ends_with("ss");
        let fits = match wanted {
            Some(Gender::Neuter) => !plural,
            _ => plural || org,
        };
        return fits.then(|| name.to_string());
    }
    None
}

/// The head noun a lone determiner speaker (`mention`, of statement `index`: "Another said")
/// stands for: the last word of the nominal speaker of the latest statement before it, within
/// [`NEAR_SENTENCES`] sentences ("One voter said ..." gives "voter"). `entry` is the
/// mention's lexicon entry as written ([`Grammar::entry_any_case`]), looked up already.
fn elided_head(
    text: &str,
    seg: &Segmentation,
    (index, mention, entry): (usize, Span, Option<&Entry>),
    statements: &[Statement],
    people: &People,
    grammar: &Grammar,
) -> Option<String> {
    let as_written = mention.of(text);
    let written = as_written.trim();
    // A section with a bit is read from the entry when the mention needs no trimming.
    let in_section = |section: Section| match grammar.section_bit(section) {
        bit if bit != 0 && written.len() == as_written.len() => {
            entry.is_some_and(|e| e.lex.in_sections(bit))
        }
        _ => grammar.in_section(section, written),
    };
    let lone = !written.contains(char::is_whitespace)
        && in_section(Section::Determiners)
        && !in_section(Section::Articles);
    if !lone {
        return None;
    }
    let (j, other) = statements
        .get(..index)?
        .iter()
        .enumerate()
        .rev()
        .find(|(_, s)| s.mention.is_some_and(|m| m.end <= mention.start))?;
    let at = other.mention?;
    let near = is_near(seg, at.start, mention.start);
    let nominal = people.of_statement(j).is_none() && grammar.pronoun(at.of(text)).is_none();
    let head = other.speaker.name.split_whitespace().last()?;
    let head = strip_possessive(head).unwrap_or(head);
    // The head is a noun: no name, and no determiner itself ("read one ... another").
    let noun =
        !head.starts_with(char::is_uppercase) && !grammar.in_section(Section::Determiners, head);
    (near && nominal && noun).then(|| head.to_string())
}

/// The name an acronym speaker stands for ("the FAA": "Federal Aviation Administration"):
/// a capitalised run of the article (`runs`, found on first asking) whose capitalised words
/// start with the acronym's letters, from its first or second word, up to its end or a last
/// word joined by a function word ("Centers for Disease Control and Prevention" for "CDC").
fn acronym_expansion(
    text: &str,
    paragraphs: &ParagraphTokens,
    speaker: &str,
    runs: &OnceCell<Vec<Span>>,
    grammar: &Grammar,
) -> Option<String> {
    let acronym = speaker_acronym(speaker, grammar)?;
    let runs = runs.get_or_init(|| capitalised_runs(text, paragraphs, grammar));
    runs.iter()
        .map(|run| run.of(text))
        .find(|run| expands(run, acronym))
        .map(join_words)
}

/// The acronym speaker `speaker` ends in ("FAA" of "the FAA"), which
/// [`acronym_expansion`] looks for in the article's capitalised runs; None when it is none.
fn speaker_acronym<'s>(speaker: &'s str, grammar: &Grammar) -> Option<&'s str> {
    // The acronym is the head, the last word ("the Chinese CDC"; not "US State Department"),
    // and a speaker on its own (not "US").
    let last = speaker.split_whitespace().last()?;
    // A small letter stays when the signs around the word are trimmed: no acronym.
    if last.bytes().any(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let acronym = last.trim_matches(|c: char| !c.is_alphanumeric());
    (is_acronym(acronym) && !grammar.is_not_speaker(acronym)).then_some(acronym)
}

/// Does the capitalised run `run` spell `acronym` (see [`acronym_expansion`])?
fn expands(run: &str, acronym: &str) -> bool {
    // The capitalised words' initials, and whether a lower-case word stands before each.
    let mut initials: Vec<(u8, bool)> = Vec::new();
    let mut joined = false;
    for word in run.split_whitespace() {
        match word.bytes().next() {
            Some(b) if b.is_ascii_uppercase() => {
                initials.push((b, joined));
                joined = false;
            }
            _ => joined = true,
        }
    }
    let letters = acronym.as_bytes();
    let n = letters.len();
    (0..=1).any(|from| {
        let Some(spelt) = initials.get(from..from + n) else {
            return false;
        };
        let rest = initials.len() - from - n;
        spelt.iter().map(|(b, _)| *b).eq(letters.iter().copied())
            && (rest == 0 || rest == 1 && initials.last().is_some_and(|(_, j)| *j))
    })
}

/// The runs of three or more capitalised words of the article, a lower-case function word
/// allowed between two of them ("Centers for Disease Control and Prevention").
fn capitalised_runs<'p>(
    text: &str,
    paragraphs: impl IntoIterator<Item = &'p [Token]>,
    grammar: &Grammar,
) -> Vec<Span> {
    let mut runs = Vec::new();
    for tokens in paragraphs {
        let mut start: Option<usize> = None;
        let (mut last, mut capitals) = (0, 0);
        for (i, token) in tokens.iter().enumerate() {
            // Most tokens start with an ASCII byte that is no capital: outside a run, such a
            // token neither starts one nor joins one.
            if start.is_none() && starts_no_capital(text, token) {
                continue;
            }
            let word = token.kind() == TokenKind::Word;
            // A run starts past an article ("The Federal Aviation Administration"); the
            // look-up is asked of capitalised words only.
            if word
                && token.is_capitalized(text)
                && !(start.is_none() && grammar.token_in_section(Section::Articles, token, text))
            {
                start.get_or_insert(i);
                (last, capitals) = (i, capitals + 1);
                continue;
            }
            // A word with lexicon facts has an entry; one without any is looked up.
            let joiner = word
                && start.is_some()
                && last + 1 == i
                && (token.lex().is_known() && token.lex() != Lex::NONE
                    || grammar.entry_any_case(token.text(text)).is_some());
            if joiner {
                continue;
            }
            if let Some(first) = start.take() {
                if capitals >= 2 {
                    if let (Some(a), Some(b)) = (tokens.get(first), tokens.get(last)) {
                        runs.push(Span::new(a.span().start, b.span().end));
                    }
                }
            }
            capitals = 0;
        }
        if let Some(first) = start {
            if capitals >= 2 {
                if let (Some(a), Some(b)) = (tokens.get(first), tokens.get(last)) {
                    runs.push(Span::new(a.span().start, b.span().end));
                }
            }
        }
    }
    runs
}

/// The capitalised run among `runs` between `from` and `to` that the article sets in
/// apposition to "the ROLE", latest first: "the ROLE, NAME," or "NAME, the [word] ROLE".
fn named_in_apposition(
    text: &str,
    runs: &[Span],
    (from, to): (usize, usize),
    role: &str,
    grammar: &Grammar,
) -> Option<String> {
    let first = runs.partition_point(|r| r.start < from);
    let last = runs.partition_point(|r| r.end <= to);
    let is_article = |w: &str| grammar.in_section(Section::Articles, w);
    let is_role = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.eq_ignore_ascii_case(role)
    };
    runs.get(first..last)?
        .iter()
        .rev()
        .find_map(|run| {
            // "the group, NAME,"
            let before = text.get(..run.start)?.trim_end().strip_suffix(',')?;
            let mut back = before.split_whitespace().rev();
            let set_before =
                back.next().is_some_and(is_role) && back.next().is_some_and(is_article);
            let after = text.get(run.end..)?.trim_start();
            set_before.then_some(())?;
            after.starts_with(',').then(|| join_words(run.of(text)))
        })
        .or_else(|| {
            runs.get(first..last)?.iter().rev().find_map(|run| {
                // "NAME, the group"
                let after = text.get(run.end..)?.strip_prefix(',')?;
                let mut words = after.split_whitespace();
                words.next().filter(|w| is_article(w))?;
                let mut taken = words.take(2);
                let set = taken.next().is_some_and(is_role) || taken.next().is_some_and(is_role);
                set.then(|| join_words(run.of(text)))
            })
        })
}

/// Is the mention at `earlier` near the one at `later`: at most [`NEAR_SENTENCES`] sentences
/// back, or in the paragraph before (whose quotation may run over many sentences)?
fn is_near(seg: &Segmentation, earlier: usize, later: usize) -> bool {
    let sentences = seg
        .sentence_at(later)
        .zip(seg.sentence_at(earlier))
        .is_some_and(|(a, b)| a.saturating_sub(b) <= NEAR_SENTENCES);
    sentences
        || seg
            .paragraph_at(later)
            .zip(seg.paragraph_at(earlier))
            .is_some_and(|(a, b)| a.saturating_sub(b) <= 1)
}

/// Does `role` stand in `window` where an apposition may set a name beside it: followed by a
/// comma ("the group, NAME,"), or after a comma and an article, a word between them allowed
/// ("NAME, the group")? A quick look at the text, before the capitalised runs are read.
fn may_be_in_apposition(window: &str, role: &str, grammar: &Grammar) -> bool {
    let in_apposition = |at: usize| {
        let after = window.get(at + role.len()..).unwrap_or("");
        if after.starts_with(',') {
            return true;
        }
        let before = window.get(..at).unwrap_or("");
        // The last three words before it: "NAME, the group", "NAME, the labour group".
        let mut back = before.split_whitespace().rev();
        let words = [back.next(), back.next(), back.next()];
        let is_article =
            |w: Option<&str>| w.is_some_and(|w| grammar.in_section(Section::Articles, w));
        let comma = |w: Option<&str>| w.is_some_and(|w| w.ends_with(','));
        // The comma first: the article is looked up only after one.
        comma(words[1]) && is_article(words[0]) || comma(words[2]) && is_article(words[1])
    };
    if role.is_empty() {
        // No role word is empty; the empty one stands at every character boundary.
        return window.match_indices(role).any(|(at, _)| in_apposition(at));
    }
    // A non-empty word matches from one character boundary to another; memchr's search
    // passes over the window many bytes at a time.
    memchr::memmem::find_iter(window.as_bytes(), role.as_bytes()).any(in_apposition)
}

/// Does `between` introduce someone new as `role` ("a 45-year-old", "an actor"): the word
/// with an indefinite article among the three words before it?
fn introduced(between: &str, role: &str, grammar: &Grammar) -> bool {
    let words: Vec<&str> = between
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    words.iter().enumerate().any(|(at, w)| {
        w.eq_ignore_ascii_case(role)
            && words[at.saturating_sub(3)..at]
                .iter()
                .any(|a| grammar.is_outlet_word(OutletWords::IndefiniteArticles, &a.to_lowercase()))
    })
}

/// The mentions that end by `at` and start at `from` or later, latest first, with their
/// indexes (`mentions` sorted by start).
fn mentions_before(
    mentions: &[Mention],
    from: usize,
    at: usize,
) -> impl Iterator<Item = (usize, &Mention)> {
    // Mentions that start after `at` end after it too.
    let candidates = mentions.partition_point(|m| m.at.start as usize <= at);
    let first = mentions.partition_point(|m| (m.at.start as usize) < from);
    mentions
        .get(first..candidates)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .rev()
        .map(move |(i, m)| (first + i, m))
        .filter(move |(_, m)| m.at.end as usize <= at)
}

/// The mention a relative pronoun at `pronoun` stands for: the one right before it, with at
/// most a comma between ("Jane Roe, who claimed") or an appositive set off by commas ("Jane
/// Roe, the head of the union, who claimed").
fn relative_antecedent(
    text: &str,
    mentions: &[Mention],
    pronoun: Span,
    grammar: &Grammar,
) -> Option<usize> {
    let (index, found) = mentions_before(mentions, 0, pronoun.start).next()?;
    let gap = text.get(found.span().end..pronoun.start)?;
    if gap.len() > MAX_APPOSITIVE_BYTES || gap.contains(['.', ';', '?', '!', '"', '“', '”']) {
        return None;
    }
    let commas = gap.matches(',').count();
    let next_to = commas <= 1 && gap.chars().all(|c| c == ',' || c.is_whitespace());
    // ", the head of the union,": a determiner opens it and the comma before "who" closes it.
    let appositive = || {
        let inner = gap.trim().strip_prefix(',')?.strip_suffix(',')?;
        let first = inner.split_whitespace().next()?;
        (commas == 2 && grammar.in_section(Section::Determiners, first)).then_some(())
    };
    (next_to || appositive().is_some()).then_some(index)
}

/// Up to this many mentions are sorted by the standard stable sort, whose copy of them is
/// small; more are sorted in place ([`sort_in_place_by_key`]).
const SMALL_SORT: usize = 256;

/// Sorts `mentions` by start, stably. They come in three runs, split at `named` and
/// `spoken`: the name runs and the lone words are found in text order, the speakers'
/// mentions in statement order. A short list is sorted by sorting the speakers' run and
/// merging the three (as a stable sort orders them); a long article's are sorted without a
/// copy of them.
#[inline(never)]
fn sort_by_start(mentions: &mut Vec<Mention>, (named, spoken): (usize, usize)) {
    if mentions.len() > SMALL_SORT {
        sort_in_place_by_key(mentions, |m| m.at.start);
        return;
    }
    let start = |m: &Mention| m.at.start;
    let count = mentions.len();
    let (names, rest) = mentions.split_at_mut(named.min(count));
    let (speakers, lone) = rest.split_at_mut(spoken.saturating_sub(named).min(rest.len()));
    speakers.sort_by_key(start);
    if !names.is_sorted_by_key(start) || !lone.is_sorted_by_key(start) {
        mentions.sort_by_key(start);
        return;
    }
    // Of equal starts, the earlier run's first.
    let mut all = Vec::with_capacity(count);
    merge_three_by_start([names, speakers, lone], &mut all);
    *mentions = all;
}

/// Adds the three `runs` (each sorted by start) to `into`, sorted by start: of equal starts,
/// the earlier run's first. Merged in one pass, while two runs are left; then two.
fn merge_three_by_start([mut a, mut b, mut c]: [&[Mention]; 3], into: &mut Vec<Mention>) {
    while let (Some(x), Some(y), Some(z)) = (a.first(), b.first(), c.first()) {
        // The first of the least start, in run order.
        if x.at.start <= y.at.start && x.at.start <= z.at.start {
            into.push(x.clone());
            a = a.get(1..).unwrap_or_default();
        } else if y.at.start <= z.at.start {
            into.push(y.clone());
            b = b.get(1..).unwrap_or_default();
        } else {
            into.push(z.clone());
            c = c.get(1..).unwrap_or_default();
        }
    }
    // At most two runs are left, in run order.
    match (a.is_empty(), b.is_empty()) {
        (true, _) => merge_by_start(b, c, into),
        (false, true) => merge_by_start(a, c, into),
        (false, false) => merge_by_start(a, b, into),
    }
}

/// Adds `left` and `right` (each sorted by start) to `into`, sorted by start: of equal
/// starts, `left`'s first.
fn merge_by_start(mut left: &[Mention], mut right: &[Mention], into: &mut Vec<Mention>) {
    while let (Some(l), Some(r)) = (left.first(), right.first()) {
        if r.at.start < l.at.start {
            into.push(r.clone());
            right = right.get(1..).unwrap_or_default();
        } else {
            into.push(l.clone());
            left = left.get(1..).unwrap_or_default();
        }
    }
    into.extend_from_slice(left);
    into.extend_from_slice(right);
}

/// Sorts `items` stably by `key` without the copy of them a stable sort takes: their
/// numbers are sorted (by key, then number) and the items moved along the cycles of that
/// order, so the extra memory is 4 bytes an item.
pub(crate) fn sort_in_place_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let Ok(count) = u32::try_from(items.len()) else {
        items.sort_by_key(key);
        return;
    };
    let mut order: Vec<u32> = (0..count).collect();
    order.sort_unstable_by_key(|&i| (items.get(i as usize).map(&key), i));
    // `order[k]` is the item that goes to place `k`; a place is marked done by pointing
    // `order` at itself.
    for first in 0..order.len() {
        let mut place = first;
        while let Some(from) = order.get_mut(place) {
            let next = *from as usize;
            // `place` fits: it is below `count`.
            *from = place as u32;
            if next == first || next == place {
                break;
            }
            items.swap(place, next);
            place = next;
        }
    }
}

/// Sets the sentence of each of `mentions` (in text order), walking `sentences` (in text
/// order) along with them: the sentence that holds its start, or the nearest before it.
#[inline(never)]
fn set_sentences(mentions: &mut [Mention], sentences: &[Span]) {
    // How many sentences start by the mention's start.
    let mut started = 0;
    for mention in mentions {
        let at = mention.span().start;
        started += sentences
            .get(started..)
            .unwrap_or_default()
            .iter()
            .take_while(|s| s.start <= at)
            .count();
        mention.sentence = started
            .checked_sub(1)
            .map_or(u32::MAX, |s| u32::try_from(s).unwrap_or(u32::MAX));
    }
}

/// Where the search for the person a mention at `at` stands for begins: the start of the
/// sentence [`ANTECEDENT_SENTENCES`] before the mention's.
fn antecedent_floor(seg: &Segmentation, at: usize) -> usize {
    seg.sentence_at(at)
        .and_then(|sentence| {
            seg.sentences
                .get(sentence.saturating_sub(ANTECEDENT_SENTENCES))
        })
        .map_or(0, |span| span.start)
}

/// The subject of the sentence that holds `mention`, read before the mention, unless it is a
/// pronoun itself.
fn sentence_subject(
    text: &str,
    seg: &Segmentation,
    paragraphs: &ParagraphTokens,
    mention: Span,
    grammar: &Grammar,
) -> Option<String> {
    let sentence = seg.sentences.get(seg.sentence_at(mention.start)?)?;
    let tokens = paragraphs.get(seg.paragraph_at(mention.start)?)?;
    let before = slice(tokens, Span::new(sentence.start, mention.start));
    let phrases = Phrases { text, grammar };
    let subject = phrases.clause_subject(before, before.len())?;
    (!subject.pronoun && subject.span.end <= mention.start).then(|| phrases.speaker_name(&subject))
}

/// Does `span` lie inside one of the quotations `quoted` (sorted by start)?
fn is_quoted(quoted: &[Span], span: Span) -> bool {
    let before = quoted.partition_point(|q| q.start <= span.start);
    quoted[..before]
        .iter()
        .rev()
        .take(4)
        .any(|q| span.end <= q.end)
}

/// Does a mention of `gender` fit a pronoun that wants `wanted`?
fn compatible(wanted: Option<Gender>, gender: Option<Gender>) -> bool {
    match (wanted, gender) {
        (Some(Gender::Male | Gender::Female), None) => true,
        (Some(w), Some(g)) => w == g,
        (None, _) => true,
        (Some(_), None) => false,
    }
}

/// The key of a name: its last word, lower case, possessive dropped ([`word_key`]). A name
/// without non-ASCII white space is split by bytes.
fn last_word_key(name: &str) -> Key<'_> {
    if !splits_at_ascii_spaces(name) {
        return Key::lower(last_word_key_slowly(name));
    }
    let bytes = name.as_bytes();
    let end = bytes
        .iter()
        .rposition(|&b| !is_ascii_white(b))
        .map_or(0, |i| i + 1);
    let start = bytes
        .get(..end)
        .and_then(|head| head.iter().rposition(|&b| is_ascii_white(b)))
        .map_or(0, |i| i + 1);
    word_key(name.get(start..end).unwrap_or(""))
}

/// The key of one word (without white space): the word, possessive dropped, trimmed to its
/// letters and digits, in lower case. An ASCII key is the word as written (see [`Key`]); an
/// ASCII word is trimmed by bytes.
///
/// The common case is inline; the others are worked out out of line, so that the common case
/// saves no registers for them.
#[inline]
fn word_key(word: &str) -> Key<'_> {
    // Most words are ASCII, start and end with a letter or digit and are no possessive: the
    // key is the word, and the byte tests that say so come first.
    let bytes = word.as_bytes();
    let kept = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    if kept(bytes.first()) && kept(bytes.last()) && !bytes.ends_with(b"'s") && word.is_ascii() {
        return Key::ascii(word);
    }
    trimmed_word_key(word)
}

/// [`word_key`] of the word at `span` of `text` (a token), and the word's bytes as one `u64`
/// when it is ASCII of at most 8 bytes (else 0). Such a word, the common case, is read from
/// the text in one load.
#[inline]
fn word_key_at(text: &str, span: Span) -> (Key<'_>, u64) {
    let len = span.end.wrapping_sub(span.start);
    if (1..=8).contains(&len) {
        if let Some(head) = text
            .as_bytes()
            .get(span.start..)
            .and_then(<[u8]>::first_chunk::<8>)
        {
            // The word's bytes, zero past its end.
            let raw = u64::from_le_bytes(*head) & (u64::MAX >> (64 - 8 * len));
            let first = raw as u8;
            let last = (raw >> (8 * (len - 1))) as u8;
            let kept = |b: u8| b.is_ascii_alphanumeric();
            // An ASCII word, in whole characters, that starts and ends with a letter or digit
            // and is no possessive: the key is the word.
            let possessive = len >= 2 && last == b's' && (raw >> (8 * (len - 2))) as u8 == b'\'';
            if raw & HIGH_BITS == 0 && kept(first) && kept(last) && !possessive {
                let key = Key::Short {
                    folded: fold_ascii(raw),
                    // At most 8.
                    len: len as u8,
                };
                return (key, raw);
            }
        }
    }
    (word_key(span.of(text)), 0)
}

/// [`word_key`] of a word that is not ASCII, or starts or ends with a sign, or is possessive.
#[inline(never)]
fn trimmed_word_key(word: &str) -> Key<'_> {
    let word = strip_possessive(word).unwrap_or(word);
    if word.is_ascii() {
        // ASCII letters and digits are the alphanumeric characters of an ASCII word.
        let bytes = word.as_bytes();
        let first = bytes
            .iter()
            .position(u8::is_ascii_alphanumeric)
            .unwrap_or(bytes.len());
        let after = bytes
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(first, |i| i + 1);
        return Key::ascii(word.get(first..after).unwrap_or(""));
    }
    let key = word.trim_matches(|c: char| !c.is_alphanumeric());
    if key.is_ascii() {
        Key::ascii(key)
    } else {
        Key::lower(key.to_lowercase())
    }
}

/// Are the words of `name` split at ASCII white space alone: has it no other white space?
fn splits_at_ascii_spaces(name: &str) -> bool {
    name.is_ascii() || !name.chars().any(|c| !c.is_ascii() && c.is_whitespace())
}

/// [`last_word_key`] for any name.
fn last_word_key_slowly(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or("");
    let last = strip_possessive(last).unwrap_or(last);
    last.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Does this speaker string look like a person's name (capitalised words, no lower-case ones)?
/// A name without non-ASCII white space is read byte by byte, a word's first character
/// decoded only when it is not ASCII.
fn is_person_name(name: &str) -> bool {
    if !splits_at_ascii_spaces(name) {
        return is_person_name_slowly(name);
    }
    let mut after_space = true;
    for (at, &byte) in name.as_bytes().iter().enumerate() {
        let space = is_ascii_white(byte);
        if after_space && !space {
            let capital = if byte.is_ascii() {
                byte.is_ascii_uppercase()
            } else {
                name.get(at..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_uppercase)
            };
            if !capital {
                return false;
            }
        }
        after_space = space;
    }
    !name.is_empty()
}

/// [`is_person_name`] for any name.
fn is_person_name_slowly(name: &str) -> bool {
    !name.is_empty()
        && name
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// The role word of a definite nominal mention, as written and as its title key.
#[derive(Debug)]
struct Role {
    /// The last word, in lower case, possessive and outer punctuation dropped ("56-year-old").
    word: String,
    /// The word as titles list it: an "N-" before it dropped ("year-old").
    key: String,
}

/// The role word of a definite nominal mention ("the spokesman" gives "spokesman"), if it
/// has one.
fn nominal_role(text: &str, mention: Span, grammar: &Grammar) -> Option<Role> {
    let mut words = mention.of(text).split_whitespace();
    let first = words.next()?;
    let definite = grammar.in_section(Section::Articles, first)
        && !grammar.is_outlet_word(OutletWords::IndefiniteArticles, &first.to_lowercase());
    if !definite {
        return None;
    }
    let mut last_three: [&str; 3] = ["", "", ""];
    for word in words {
        last_three = [last_three[1], last_three[2], word];
    }
    let [head, joint, last] = last_three;
    if last.is_empty() {
        return None;
    }
    // "the mother of three": a numeral after "of" is the title's complement, not the role.
    let numeral = |w: &str| {
        w.bytes().all(|b| b.is_ascii_digit()) || grammar.in_section(Section::NounFreeDeterminers, w)
    };
    let last = if !head.is_empty()
        && numeral(last)
        && grammar.in_section(Section::TitleComplements, joint)
        && grammar
            .title(&head.to_lowercase())
            .is_some_and(|t| t.person)
    {
        head
    } else {
        last
    };
    let last = strip_possessive(last).unwrap_or(last);
    let word = last
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // "56-year-old": the number is no part of the role.
    let key = match word.split_once('-') {
        Some((number, rest))
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            rest.to_string()
        }
        _ => word.clone(),
    };
    (!key.is_empty()).then_some(Role { word, key })
}

/// The head word of an appositive that follows a name (`after` starts right after it): a
/// comma, an article, then up to four words up to a complement or a break ("Ann Lee, a
/// farmer from Ohio" gives "farmer"; "Ann Lee, the company's founder," "founder").
fn appositive_role<'t>(text: &'t str, after: &[Token], grammar: &Grammar) -> Option<&'t str> {
    let [comma, article, rest @ ..] = after else {
        return None;
    };
    if comma.text(text) != "," || !grammar.token_in_section(Section::Articles, article, text) {
        return None;
    }
    let stops = |t: &Token| {
        t.kind() != TokenKind::Word
            || grammar.token_in_section(Section::TitleComplements, t, text)
            || grammar.token_in_section(Section::PlaceConnectors, t, text)
            || grammar.token_in_section(Section::ClauseBreaks, t, text)
    };
    let head = rest.iter().take(4).take_while(|t| !stops(t)).last()?;
    let word = head.text(text);
    Some(strip_possessive(word).unwrap_or(word))
}

/// What a statement's named speaker tells of its person, the same for every statement with
/// that speaker's name and title: its first name (a piece of the name), the number of its
/// surname and its gender.
#[derive(Debug, Clone, Copy)]
struct SpeakerFacts {
    /// The first name, as a piece of the name ([`Mention::given`]).
    given: Piece,
    /// The number of its key ([`Surnames`]).
    surname: u32,
    /// The gender its first name, else its title, signals.
    gender: Option<Gender>,
    /// How many words the name has, possessive dropped ([`Mention::words`]; 0: not known).
    words: u8,
    /// Is the name, possessive dropped, its words joined by single spaces?
    joined: bool,
}

/// What [`speaker_mention`] has learnt of the latest speakers (name and title) of an
/// article, latest last: None for a name that reads as no person's; `Some(None)` for a
/// person's name whose facts are not worked out yet. An article's speakers repeat, mostly
/// close together, and their lookups are made once while they are among the latest.
#[derive(Debug, Default)]
struct Speakers<'k> {
    /// The latest speakers, at most [`Speakers::KEPT`], the latest last.
    latest: Vec<(&'k str, &'k str, Option<Known>)>,
}

/// What [`speaker_mention`] has learnt of a speaker whose name reads as a person's.
#[derive(Debug, Clone, Copy, Default)]
struct Known {
    /// Its facts, once worked out.
    facts: Option<SpeakerFacts>,
    /// Is the name, as written, a pronoun ("He")? Asked when a mention is written as the name.
    pronoun: Option<bool>,
}

impl<'k> Speakers<'k> {
    /// How many speakers are kept: a short list is searched faster than a hash is made.
    const KEPT: usize = 8;

    /// What is known of the speaker `name` with `title`: found among the latest, else
    /// `unknown()` (which is then kept, the earliest speaker dropped if need be); None only
    /// if it could not be kept.
    fn get_or_insert_with(
        &mut self,
        (name, title): (&'k str, &'k str),
        unknown: impl FnOnce() -> Option<Known>,
    ) -> Option<&mut Option<Known>> {
        let found = self
            .latest
            .iter()
            .rposition(|&(n, t, _)| n.len() == name.len() && n == name && t == title);
        let at = match found {
            Some(at) => at,
            None => {
                if self.latest.len() == Self::KEPT {
                    self.latest.remove(0);
                }
                self.latest.push((name, title, unknown()));
                self.latest.len() - 1
            }
        };
        self.latest.get_mut(at).map(|(_, _, known)| known)
    }
}

/// The mention a statement's named speaker makes, for the people table, when the speaker reads
/// as a person's name ([`is_person_name`]); `index` is the statement's. Its key, the last word
/// of the speaker ([`last_word_key`]), is numbered in `surnames`. What the speaker's name and
/// title tell is kept in `speakers` for the next statement of that speaker.
#[inline(never)]
fn speaker_mention<'k>(
    text: &str,
    (statement, index): (&'k Statement, usize),
    surnames: &mut Surnames<'k>,
    speakers: &mut Speakers<'k>,
    grammar: &Grammar,
) -> Option<Mention> {
    let span = statement.mention?;
    let name = statement.speaker.name.as_str();
    let title = statement.speaker.title.as_str();
    let known = speakers
        .get_or_insert_with((name, title), || {
            is_person_name(name).then_some(Known::default())
        })?
        .as_mut()?;
    // The mention is mostly written as the name, whose answer is kept.
    let written = span.of(text);
    let pronoun = if written == name {
        *known
            .pronoun
            .get_or_insert_with(|| grammar.pronoun(name).is_some())
    } else {
        grammar.pronoun(written).is_some()
    };
    if pronoun {
        return None;
    }
    let facts = *known.facts.get_or_insert_with(|| {
        let first = names::words(name).next().unwrap_or("");
        // The title's gender counts only when the first name tells none.
        let title_gender = || {
            names::words(title)
                .filter_map(|w| grammar.title(w).and_then(|t| t.gender))
                .next()
        };
        let first_gender = grammar.first_name(first);
        // Dropping a possessive leaves the first word as it is, or makes the name one word.
        let given = given_name_of(
            strip_possessive(name).unwrap_or(name),
            Some(first_gender.is_some()),
            grammar,
        );
        let (words, joined) = word_shape(without_possessive(name));
        SpeakerFacts {
            given: Piece::within(name, given),
            surname: u32::try_from(surnames.number(last_word_key(name))).unwrap_or(u32::MAX),
            gender: first_gender.or_else(title_gender),
            words: u8::try_from(words).unwrap_or(0),
            joined,
        }
    });
    Some(Mention {
        at: Piece::of(span),
        sentence: u32::MAX,
        surname: facts.surname,
        given: facts.given,
        named: Named::Speaker(u32::try_from(index).unwrap_or(u32::MAX)),
        role: Piece::NONE,
        gender: facts.gender,
        sure: false,
        words: facts.words,
        joined: facts.joined,
    })
}

/// About how many bytes of news text hold one name run that makes a mention: room for
/// mentions is made at that rate, and the speakers' after.
const MENTION_BYTES: usize = 256;

/// About how many bytes of news text hold one lone capitalised word ([`scan_people`]).
const LONE_BYTES: usize = 128;

/// People named in the text: name runs after a person title or starting with a known first
/// name; and apart, the lone capitalised words without a title ("Fallon"), which name a person
/// only when the article names someone of that surname (see [`extend_lone`]). The keys
/// of the name runs are numbered in `surnames`.
#[inline(never)]
fn scan_people<'t>(
    text: &'t str,
    paragraphs: &ParagraphTokens,
    grammar: &Grammar,
    surnames: &mut Surnames<'t>,
) -> (Vec<Mention>, Vec<Piece>, Affiliations) {
    // Room for an article's usual share of names, so that the lists seldom grow.
    let mut mentions = Vec::with_capacity(text.len() / MENTION_BYTES);
    let mut lone = Vec::with_capacity(text.len() / LONE_BYTES);
    let mut affiliations = Vec::new();
    for tokens in paragraphs {
        let mut i = 0;
        // The name runs are the longest runs of name words: straight to the next one.
        while let Some(start) = next_name_word(text, tokens, i, grammar) {
            let run = 1 + tokens
                .get(start + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|t| is_name_word(text, t, grammar))
                .count();
            // The token after the run is no name word.
            i = start + run + 1;
            let (Some(mut names), Some(before)) =
                (tokens.get(start..start + run), tokens.get(..start))
            else {
                break;
            };
            // "On 5 May Jane Doe": a month after a day's number is the date's, no name's.
            if names.len() > 1
                && before.last().is_some_and(|t| t.kind() == TokenKind::Number)
                && (Phrases { text, grammar }).in_date(tokens, start)
            {
                names = &names[1..];
            }
            // A word the grammar knows opens no name, unless it is a first name: "Later Melania
            // Trump" names Melania Trump.
            while let [first, rest @ ..] = names {
                if rest.len() < 2 {
                    break;
                }
                let word = first.text(text);
                if grammar.entry_any_case(word).is_none() || grammar.first_name(word).is_some() {
                    break;
                }
                names = rest;
            }
            // A run of one word needs a title, and a title needs a head among the last four
            // tokens that may be a title (see `title_before`): a slice of at most four, read
            // forwards, which compiles to a short loop.
            let may_have_title = before.iter().rev().take(4).any(may_be_title);
            if run == 1 && !may_have_title {
                lone.push(Piece::of(names[0].span()));
                continue;
            }
            let (title, title_gender) = if may_have_title {
                title_before(text, before, grammar)
            } else {
                (None, None)
            };
            // "Jane Roe of the Daily Planet": a name before an outlet the person works for.
            let works_for = (names.len() >= 2)
                .then(|| {
                    outlets::OutletReader::new(text, grammar).outlet_after_link(tokens, start + run)
                })
                .flatten();
            if let Some(mut mention) = name_mention(
                text,
                names,
                title,
                title_gender,
                works_for.is_some(),
                grammar,
                surnames,
            ) {
                if let (Some(outlet), Named::Text { .. }) = (works_for, &mention.named) {
                    affiliations.push((join_words(mention.span().of(text)), outlet));
                }
                let role = tokens
                    .get(start + run..)
                    .and_then(|after| appositive_role(text, after, grammar));
                mention.role = Piece::within(text, role);
                mentions.push(mention);
            } else if run == 1 {
                lone.push(Piece::of(names[0].span()));
            }
        }
    }
    (mentions, lone, affiliations)
}

/// Adds the mentions of the lone capitalised words `lone` (see [`scan_people`]) that are the
/// surname of a person the article names (the keys of its mentions, numbered in `surnames`):
/// "Fallon fired back" names Brian Fallon.
// The steps of `resolve` are kept out of line: each a stage of its own in profiles.
#[inline(never)]
fn extend_lone(
    mentions: &mut Vec<Mention>,
    text: &str,
    lone: &[Piece],
    surnames: &Surnames,
    grammar: &Grammar,
) {
    // None when the article names nobody.
    if surnames.len() == 0 || lone.is_empty() {
        return;
    }
    // The last word of each surname asked about, and whether it is a first name or a
    // pronoun: a surname is mostly written one way, and its word is looked up once. The
    // spelling is kept as its bytes in one `u64` when it is a short ASCII word
    // ([`word_key_at`]), compared in one step.
    let mut asked: Vec<Option<(&str, u64, bool)>> = vec![None; surnames.len()];
    for &piece in lone {
        let span = piece.span();
        // A first name alone ("Bob") is no surname; the cheap test comes first. The word
        // is one token, which holds no white space: it is its last word.
        let (key, raw) = word_key_at(text, span);
        let Some(surname) = surnames.find(&key) else {
            continue;
        };
        let name = span.of(text);
        let no_surname = match asked.get_mut(surname) {
            Some(Some((word, bytes, answer)))
                if word.len() == name.len()
                    && match (raw, *bytes) {
                        (0, _) | (_, 0) => *word == name,
                        (a, b) => a == b,
                    } =>
            {
                *answer
            }
            slot => {
                let answer = grammar.first_name(name).is_some() || grammar.pronoun(name).is_some();
                if let Some(slot) = slot {
                    *slot = Some((name, raw, answer));
                }
                answer
            }
        };
        if no_surname {
            continue;
        }
        // One word (a token holds no white space) is a bare surname; a capitalised token
        // keeps a letter when its possessive is dropped.
        let named = Named::Text { title: Piece::NONE };
        mentions.push(
            Mention::new(span, named, name, None, surname, None, false).with_shape((1, true)),
        );
    }
}

/// The mention a name run makes, given the title before it and its gender: a run of two or
/// more words that starts with a known first name, has a title or names a journalist
/// (`of_outlet`: an outlet the person works for is named right after it), or one word with a
/// title. Its key is numbered in `surnames`.
fn name_mention<'t>(
    text: &'t str,
    names: &[Token],
    title: Option<&'t str>,
    title_gender: Option<Gender>,
    of_outlet: bool,
    grammar: &Grammar,
    surnames: &mut Surnames<'t>,
) -> Option<Mention> {
    let (first, last) = (names.first()?, names.last()?);
    // The first name is asked only when it can count.
    let first_gender = if names.len() >= 2 || title.is_some() {
        grammar.first_name(first.text(text))
    } else {
        None
    };
    if !(names.len() >= 2 && (first_gender.is_some() || title.is_some())
        || names.len() == 1 && title.is_some()
        || names.len() >= 2 && of_outlet)
    {
        return None;
    }
    let span = Span::new(first.span().start, last.span().end);
    let name = span.of(text);
    // The first word is the first token when white space follows it; a possessive is
    // dropped from the last token. Of two words or more, a listed first name is the first
    // name, as `given_name` finds it; else the words after it are asked.
    let first_is_word = text
        .get(first.span().end..)
        .is_some_and(|rest| rest.starts_with(char::is_whitespace));
    let given = match (first_is_word && names.len() >= 2, first_gender) {
        (true, Some(_)) => Some(first.text(text)),
        (true, None) => given_name_of(strip_possessive(name).unwrap_or(name), Some(false), grammar),
        (false, _) => given_name_of(strip_possessive(name).unwrap_or(name), None, grammar),
    };
    // The last word is the last token when it is the only one or white space comes before
    // it: its key is the token's own.
    let last_is_word = names.len() == 1
        || text
            .get(..last.span().start)
            .is_some_and(|head| head.ends_with(char::is_whitespace));
    let key = if last_is_word {
        word_key(last.text(text))
    } else {
        last_word_key(name)
    };
    let named = Named::Text {
        title: Piece::within(text, title),
    };
    let surname = surnames.number(key);
    let gender = first_gender.or(title_gender);
    let mention = Mention::new(span, named, name, given, surname, gender, true);
    Some(match run_shape(text, names) {
        Some(shape) => mention.with_shape(shape),
        None => mention,
    })
}

/// The shape of the name a run of name words `names` makes, possessive dropped
/// ([`word_shape`]), read from the gaps between its tokens when each is nothing or one space
/// (a token holds no white space, and a name word keeps a letter when its possessive is
/// dropped); None for other gaps.
fn run_shape(text: &str, names: &[Token]) -> Option<(usize, bool)> {
    let mut words = 1;
    for pair in names.windows(2) {
        let [before, after] = pair else {
            return None;
        };
        match text.as_bytes().get(before.span().end..after.span().start)? {
            [] => {}
            [b' '] => words += 1,
            _ => return None,
        }
    }
    Some((words, true))
}

/// The bytes that start no capitalised word: the ASCII bytes but the capitals.
static STARTS_NO_CAPITAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = !(byte as u8).is_ascii_uppercase();
        byte += 1;
    }
    table
};

/// Does the token start with an ASCII byte that is no capital (so it is no capitalised word)?
#[inline(always)]
fn starts_no_capital(text: &str, token: &Token) -> bool {
    text.as_bytes()
        .get(token.span().start)
        .is_some_and(|&first| STARTS_NO_CAPITAL[usize::from(first)])
}

/// May the token be a word of a name run: a capitalised word that is no name stop, without
/// a period unless it has a single letter ("U.S." is no name word, "J." is)? The lexicon
/// flag comes before the text, and the text is decoded only for a period.
/// The index of the first name word ([`is_name_word`]) of `tokens` from index `from`, if any.
/// Kept out of line, so that its walk over the tokens, most of which start with no capital,
/// is a short loop.
#[inline(never)]
fn next_name_word(text: &str, tokens: &[Token], from: usize, grammar: &Grammar) -> Option<usize> {
    let bytes = text.as_bytes();
    let rest = tokens.get(from..)?;
    for (at, token) in rest.iter().enumerate() {
        if bytes
            .get(token.span().start)
            .is_some_and(|&first| STARTS_NO_CAPITAL[usize::from(first)])
        {
            continue;
        }
        if is_name_word_past_first_byte(text, token, grammar) {
            return Some(from + at);
        }
    }
    None
}

#[inline(always)]
fn is_name_word(text: &str, token: &Token, grammar: &Grammar) -> bool {
    // Most tokens start with an ASCII byte that is no capital, whatever their kind: the
    // walk over them stays short, and the others are read out of line.
    !starts_no_capital(text, token) && is_name_word_past_first_byte(text, token, grammar)
}

/// [`is_name_word`] of a token whose first byte may start a capitalised word. The common
/// case, a word of at most 8 bytes that starts with an ASCII capital and whose facts are
/// known, is read from one load of the text; the period is looked for eight bytes at a time.
#[inline(always)]
fn is_name_word_past_first_byte(text: &str, token: &Token, grammar: &Grammar) -> bool {
    let bytes = text.as_bytes();
    let span = token.span();
    let len = span.end.wrapping_sub(span.start);
    let lex = token.lex();
    if token.kind() == TokenKind::Word && lex.is_known() && (1..=8).contains(&len) {
        if let Some(head) = bytes.get(span.start..).and_then(<[u8]>::first_chunk::<8>) {
            // An ASCII capital first, and the end on a character boundary: the token is
            // capitalised ([`Token::is_capitalized`]), and its facts are `lex`.
            let boundary = bytes
                .get(span.end)
                .map_or(span.end == bytes.len(), |&b| b as i8 >= -0x40);
            if head[0].is_ascii_uppercase() && boundary {
                if lex.is_name_stop() {
                    return false;
                }
                let word = u64::from_le_bytes(*head) & (u64::MAX >> (64 - 8 * len));
                // No zero byte is a period, and one is marked if there is one.
                if bytes_equal(word, b'.') == 0 {
                    return true;
                }
            }
        }
    }
    is_name_word_slowly(text, token, grammar)
}

/// [`is_name_word`] of a token whose first byte may start a capitalised word, for any token.
#[inline(never)]
fn is_name_word_slowly(text: &str, token: &Token, grammar: &Grammar) -> bool {
    if !token.is_capitalized(text) || grammar.token_lex(token, text).is_name_stop() {
        return false;
    }
    // A capitalised token's text is whole characters, and a period byte is a period.
    if !has_byte(text, token.span(), b'.') {
        return true;
    }
    let word = token.text(text);
    word.chars().filter(|c| c.is_alphabetic()).count() == 1
}

/// Does `text` have the ASCII byte `byte` (not zero) at `span`? Read eight bytes at a time
/// from the text, the bytes past the span masked off.
#[inline]
fn has_byte(text: &str, span: Span, byte: u8) -> bool {
    let bytes = text.as_bytes();
    let mut at = span.start;
    while at < span.end {
        let Some(head) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) else {
            return bytes
                .get(at..span.end)
                .is_some_and(|rest| rest.contains(&byte));
        };
        let left = span.end - at;
        let mut chunk = u64::from_le_bytes(*head);
        if left < 8 {
            // Zero bytes past the span: no zero byte is `byte`.
            chunk &= u64::MAX >> (64 - 8 * left);
        }
        // A byte equal to `byte` is marked, and nothing before the first one.
        if bytes_equal(chunk, byte) != 0 {
            return true;
        }
        at += 8;
    }
    false
}

/// The person title right before a name run ("Kremlin spokesman", "Mr.", "U.S. Ambassador to the U.N."), and its gender.
fn title_before<'t>(
    text: &'t str,
    before: &[Token],
    grammar: &Grammar,
) -> (Option<&'t str>, Option<Gender>) {
    // A head is a token that may be a title (see `token_title`), among the last four; the
    // caller asks that first.
    let (Some(name_side), Some(head)) = (before.last(), title_head(text, before, grammar)) else {
        return (None, None);
    };
    let Some(info) = before.get(head).and_then(|t| token_title(text, t, grammar)) else {
        return (None, None);
    };
    // Take the capitalised or title words before the head too: "Russian Foreign Ministry spokeswoman".
    let mut start = head;
    while start > 0 {
        let prev = &before[start - 1];
        let titleish = prev.is_capitalized(text) || token_title(text, prev, grammar).is_some();
        if prev.kind() != TokenKind::Word
            || !titleish
            || grammar.token_in_section(Section::ClauseBreaks, prev, text)
        {
            break;
        }
        start -= 1;
    }
    let span = Span::new(before[start].span().start, name_side.span().end);
    (Some(span.of(text)), info.gender)
}

/// The title entry of a token's word ([`Grammar::title`]). A token whose lexicon flags are
/// known and say it is no title is not looked up.
fn token_title<'g>(text: &str, token: &Token, grammar: &'g Grammar) -> Option<&'g TitleInfo> {
    if !may_be_title(token) {
        return None;
    }
    grammar.title(token.text(text))
}

/// May the token be a title: are its lexicon flags unknown, or do they say title?
fn may_be_title(token: &Token) -> bool {
    !token.lex().is_known() || token.lex().is_title()
}

/// Is `token` a `[title_complements]` word ("of") written in lower case?
fn is_lower_complement(text: &str, token: &Token, grammar: &Grammar) -> bool {
    grammar.token_in_section(Section::TitleComplements, token, text)
        && !token.text(text).bytes().any(|b| b.is_ascii_uppercase())
}

/// Index of the person title that governs a name right after `before`, stepping back over a
/// short complement ("Ambassador to the U.N.").
fn title_head(text: &str, before: &[Token], grammar: &Grammar) -> Option<usize> {
    for back in 1..=4 {
        let index = before.len().checked_sub(back)?;
        let token = &before[index];
        let word = token.text(text);
        if token_title(text, token, grammar).is_some_and(|t| t.person) {
            let complement = &before[index + 1..];
            let joins = complement.is_empty()
                || complement
                    .first()
                    .is_some_and(|t| is_lower_complement(text, t, grammar));
            return joins.then_some(index);
        }
        if token.kind() != TokenKind::Word {
            return None;
        }
        let complement = is_lower_complement(text, token, grammar)
            || word == "the"
            || token.is_capitalized(text);
        if !complement {
            return None;
        }
    }
    None
}

/// The people of the article, each with the fullest name and a gender and title. Two names
/// with one surname are one person only when their first names agree ("Vladimir Putin" and
/// "V. Putin"; not "Bill Clinton" and "Hillary Clinton"); a bare surname ("Clinton", "Mr.
/// Clinton") is the person of that surname whose gender fits named within the last
/// [`NEAR_SENTENCES`] sentences (the latest), else the one named most often so far (a tie: it
/// stays as written), else the article's one person of that surname named later (several: it
/// stays as written). The names and titles
/// of speaker mentions are those of `statements`; the mentions' keys are numbered below
/// `surnames`.
#[inline(never)]
fn gather<'k>(
    text: &'k str,
    mentions: &[Mention],
    statements: &'k [Statement],
    surnames: usize,
) -> People<'k> {
    // A mention and a statement each have one slot; the people grow as they are found (an
    // article names far fewer people than it has mentions).
    let mut people = People {
        // About one person a surname.
        persons: Vec::with_capacity(surnames),
        by_key: vec![(NO_PERSON, NO_PERSON); surnames],
        of_mention: Vec::with_capacity(mentions.len()),
        of_statement: vec![NO_PERSON; statements.len()],
    };
    for mention in mentions {
        let name = mention.name(text, statements);
        let given = mention.given(text, statements);
        let name = without_possessive(name);
        let sentence = mention.sentence().unwrap_or(0);
        let index = people.person_for(mention.surname(), given, mention.gender, sentence);
        let number = u32::try_from(index).unwrap_or(NO_PERSON);
        people.of_mention.push(number);
        if let Some(statement) = mention.speaker() {
            if let Some(slot) = people.of_statement.get_mut(statement) {
                *slot = number;
            }
        }
        let Some(person) = people.persons.get_mut(index) else {
            continue;
        };
        person.last_seen = mention.at.start;
        person.sure |= mention.sure || mention.gender.is_some();
        person.last_sentence = u32::try_from(sentence).unwrap_or(u32::MAX);
        person.mentions = person.mentions.saturating_add(1);
        // A name written as the person's has as many words.
        let (words, joined) = if name == person.name {
            (person.words as usize, true)
        } else {
            mention.shape(name)
        };
        if words > person.words as usize {
            person.name = if joined {
                Cow::Borrowed(name)
            } else {
                Cow::Owned(join_words(name))
            };
            person.words = u32::try_from(words).unwrap_or(u32::MAX);
        }
        if person.given.is_none() {
            person.given = given;
        }
        if person.gender.get().is_none() {
            person.gender.set(mention.gender);
        }
        if person.title.is_none() {
            person.title = mention.title(text, statements);
        }
        if person.role.is_none() {
            person.role = mention.role(text);
        }
    }
    people.settle_surnames();
    people
}

/// Can a mention of gender `a` and a person of gender `b` be one person (an unknown gender fits
/// either)?
fn same_gender(a: Option<Gender>, b: Option<Gender>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

impl<'k> People<'k> {
    /// The person a mention of surname number `key`, with first name `given` (None: a bare
    /// surname) and of gender `gender`, in sentence `sentence`, names (see [`gather`]); a new
    /// one when none fits. A bare surname that cannot be decided gets the surname's own person, which keeps
    /// it as written.
    fn person_for(
        &mut self,
        key: usize,
        given: Option<&str>,
        gender: Option<Gender>,
        sentence: usize,
    ) -> usize {
        // Each list is read in one pass: the latest by `last_seen` is the last of the
        // greatest, as `max_by_key` takes it.
        let found = match given {
            // A full name: the person of that surname with that first name.
            Some(given) => {
                let mut latest: Option<(usize, &Person)> = None;
                for (i, p) in of_key(&self.persons, &self.by_key, key) {
                    let fits = same_gender(p.gender.get(), gender)
                        && p.given.is_some_and(|g| same_given_name(g, given));
                    if fits && latest.is_none_or(|(_, l)| p.last_seen >= l.last_seen) {
                        latest = Some((i, p));
                    }
                }
                latest.map(|(i, _)| i)
            }
            None => {
                // Of the people named in full whose gender fits: the latest named near, and
                // the one named most often when no other is named as often; else the
                // surname's own person.
                let mut near: Option<(usize, &Person)> = None;
                let mut most: Option<(u32, usize, usize)> = None;
                let mut placeholder = None;
                for (i, p) in of_key(&self.persons, &self.by_key, key) {
                    if p.given.is_none() {
                        placeholder = placeholder.or(Some(i));
                        continue;
                    }
                    if !same_gender(p.gender.get(), gender) {
                        continue;
                    }
                    let close = sentence.saturating_sub(p.last_sentence as usize) <= NEAR_SENTENCES;
                    if close && near.is_none_or(|(_, n)| p.last_seen >= n.last_seen) {
                        near = Some((i, p));
                    }
                    most = match most {
                        Some((m, _, _)) if p.mentions < m => most,
                        Some((m, first, count)) if p.mentions == m => Some((m, first, count + 1)),
                        _ => Some((p.mentions, i, 1)),
                    };
                }
                let dominant = most.and_then(|(_, i, count)| (count == 1).then_some(i));
                near.map(|(i, _)| i).or(dominant).or(placeholder)
            }
        };
        if let Some(index) = found {
            return index;
        }
        let index = self.persons.len();
        self.persons.push(Person {
            next_of_key: NO_PERSON,
            ..Person::default()
        });
        let linked = u32::try_from(index).unwrap_or(NO_PERSON);
        if let Some(ends) = self.by_key.get_mut(key) {
            match self.persons.get_mut(ends.1 as usize) {
                Some(last) => last.next_of_key = linked,
                None => ends.0 = linked,
            }
            ends.1 = linked;
        }
        index
    }

    /// The mentions of a bare surname named before any full name of it become the one person
    /// named in full with that surname, when there is exactly one whose gender fits.
    fn settle_surnames(&mut self) {
        let mut moves: Vec<(usize, usize)> = Vec::new();
        for key in 0..self.by_key.len() {
            let same_key = || of_key(&self.persons, &self.by_key, key);
            let Some((placeholder, p)) = same_key().find(|(_, p)| p.given.is_none()) else {
                continue;
            };
            let gender = p.gender.get();
            let mut full = same_key()
                .filter(|(_, p)| p.given.is_some() && same_gender(p.gender.get(), gender));
            if let (Some((only, _)), None) = (full.next(), full.next()) {
                moves.push((placeholder, only));
            }
        }
        for (from, to) in moves {
            let (Ok(from_number), Ok(to_number)) = (u32::try_from(from), u32::try_from(to)) else {
                continue;
            };
            let (gender, title) = self
                .persons
                .get(from)
                .map_or((None, None), |p| (p.gender.get(), p.title));
            if let Some(person) = self.persons.get_mut(to) {
                if person.gender.get().is_none() {
                    person.gender.set(gender);
                }
                person.title = person.title.or(title);
            }
            for index in self
                .of_mention
                .iter_mut()
                .chain(self.of_statement.iter_mut())
            {
                if *index == from_number {
                    *index = to_number;
                }
            }
        }
    }
}

/// `word` without its possessive "'s" or "’s" ([`strip_possessive`]), its last bytes read as
/// bytes.
#[inline]
fn without_possessive(word: &str) -> &str {
    let bytes = word.as_bytes();
    let cut = if bytes.ends_with(b"'s") {
        2
    } else if bytes.ends_with("’s".as_bytes()) {
        "’s".len()
    } else {
        return word;
    };
    word.get(..word.len() - cut).unwrap_or(word)
}

/// How many words `name` has (split at white space), and whether it is already those words
/// joined by single spaces, as [`join_words`] gives them. A name without non-ASCII white
/// space is read byte by byte; another is split, and joined anew.
fn word_shape(name: &str) -> (usize, bool) {
    if !splits_at_ascii_spaces(name) {
        return (name.split_whitespace().count(), false);
    }
    let mut words = 0;
    let mut joined = true;
    let mut after_space = true;
    for &byte in name.as_bytes() {
        let space = is_ascii_white(byte);
        if space {
            // A space first, a second space, or another white space byte.
            joined &= !after_space && byte == b' ';
        } else if after_space {
            words += 1;
        }
        after_space = space;
    }
    // A space last.
    joined &= !after_space || name.is_empty();
    (words, joined)
}

#[cfg(test)]
mod tests;
